//! "Export CSV" on a list: exactly the rows its filters show, its columns headed in the user's
//! language, saved as a file made in the page (no network), UTF-8 with a BOM so Excel shows
//! Chinese.

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

use crate::backup::csv::to_csv;
use crate::i18n::{t, Key, Lang};
use crate::ui::browser::today;
use crate::ui::state::AppState;

/// The button. `cells` gives one text per column for a row, as a spreadsheet should read it:
/// days as `YYYY-MM-DD`, money as plain decimals ([`money_text`]), times by [`local_time`].
#[component]
pub fn ExportCsv<R, F>(
    /// The file's name before the day: `leads` saves `leads-2026-11-23.csv`.
    name: &'static str,
    columns: Vec<Key>,
    #[prop(into)] rows: Signal<Vec<R>>,
    cells: F,
) -> impl IntoView
where
    R: Send + Sync + 'static,
    F: Fn(&R, Lang) -> Vec<String> + Send + Sync + 'static,
{
    let body =
        move |lang| rows.with_untracked(|rows| rows.iter().map(|r| cells(r, lang)).collect());
    export_button(name, columns, Box::new(body))
}

/// The button itself, made once for every list rather than once per kind of row: only the
/// rows' texts differ.
fn export_button(name: &'static str, columns: Vec<Key>, body: Body) -> AnyView {
    let state = expect_context::<AppState>();
    let export = move |_| {
        let lang = state.lang.get_untracked();
        let mut records = vec![columns.iter().map(|k| t(lang, *k).to_owned()).collect()];
        records.extend(body(lang));
        let file_name = format!("{name}-{}.csv", today());
        if !download(&file_name, &to_csv(&records), "text/csv;charset=utf-8") {
            state.refuse(Key::ExportFailed);
        }
    };
    view! {
        <button type="button" class="button" data-testid="export-csv" on:click=export>
            {move || state.t(Key::ExportCsv)}
        </button>
    }
    .into_any()
}

/// Every row's texts, in the language given.
type Body = Box<dyn Fn(Lang) -> Vec<Vec<String>> + Send + Sync>;

/// Saves `text` as a file the browser downloads; false if the browser would not.
pub fn download(file_name: &str, text: &str, mime: &str) -> bool {
    let saved = || -> Result<(), JsValue> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(JsValue::NULL)?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
        // Revoking at once can cancel the download in some browsers.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(10),
        );
        Ok(())
    };
    saved().is_ok()
}

/// An amount as a spreadsheet reads it: `1280.50`, no grouping, no symbol.
pub fn money_text(amount: Decimal) -> String {
    amount.to_string()
}

/// An RFC 3339 moment in the user's time zone as `YYYY-MM-DD HH:MM`, which spreadsheets read
/// as a date and time.
pub fn local_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}
