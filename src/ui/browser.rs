//! The little the UI needs from the browser itself: the clock, randomness, the language and a
//! remembered choice, a file the user chose. Failures here fall back to safe defaults rather than
//! stop the app.

use wasm_bindgen::prelude::*;

use crate::domain::id::uuid_v7;
use crate::domain::id::Id;
use crate::i18n::Lang;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = mark, catch)]
    fn performance_mark(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, start: &str) -> Result<JsValue, JsValue>;
}

const LANG_KEY: &str = "leadline.lang";

/// Runs `f` as a User Timing measure called `name`, which the benchmark (bench/) reads; a browser
/// without User Timing just runs `f`.
pub fn timed<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let start = format!("{name}:start");
    let marked = performance_mark(&start).is_ok();
    let out = f();
    if marked {
        let _ = performance_measure(name, &start);
    }
    out
}

/// A User Timing mark called `name`: a moment the benchmark and the tests can see.
pub fn mark(name: &str) {
    let _ = performance_mark(name);
}

/// [`timed`] for work that awaits.
pub async fn timed_async<R>(name: &str, f: impl std::future::Future<Output = R>) -> R {
    let start = format!("{name}:start");
    let marked = performance_mark(&start).is_ok();
    let out = f.await;
    if marked {
        let _ = performance_measure(name, &start);
    }
    out
}

/// Now, as UTC RFC 3339 with milliseconds.
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Today in the user's time zone, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

/// A fresh record id.
pub fn new_id() -> Id {
    let mut random = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut random).ok())
        .is_some();
    if !filled {
        // Every browser that runs wasm has WebCrypto; this keeps ids unique in any case.
        for byte in &mut random {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v7(js_sys::Date::now() as u64, random).into()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The language chosen before on this device, else the browser's.
pub fn initial_lang() -> Lang {
    local_storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_else(|| {
            let browser = web_sys::window()
                .and_then(|w| w.navigator().language())
                .unwrap_or_default();
            Lang::for_browser_language(&browser)
        })
}

/// Remembers the language and tells the document, for screen readers and fonts.
pub fn apply_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LANG_KEY, lang.tag());
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The static "Loading" placeholder of index.html, while the app has not drawn itself.
fn boot_placeholder() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
}

/// Says what the start is waiting for, in place of the placeholder's name.
pub fn show_boot_progress(text: &str) {
    if let Some(element) = boot_placeholder() {
        element.set_text_content(Some(text));
    }
}

/// Removes the placeholder once the app has drawn itself.
pub fn remove_boot_placeholder() {
    if let Some(element) = boot_placeholder() {
        element.remove();
    }
}

/// Reads a file the user chose as a `data:` URL; none if the browser could not read it.
pub async fn read_data_url(file: &web_sys::File) -> Option<String> {
    let reader = web_sys::FileReader::new().ok()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        reader.set_onload(Some(&resolve));
        reader.set_onerror(Some(&reject));
    });
    reader.read_as_data_url(file).ok()?;
    wasm_bindgen_futures::JsFuture::from(loaded).await.ok()?;
    reader.result().ok()?.as_string()
}
