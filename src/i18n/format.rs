//! Numbers, money and dates in the user's language, through the browser's own `Intl`, which
//! knows every locale at no cost to the download.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Intl, Object, Reflect};
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

use super::Lang;

/// What a formatter is kept for: the language, which format, and the currency code for money.
type FormatterKey = (Lang, &'static str, [u8; 3]);

thread_local! {
    /// Formatters made once and kept: making an `Intl` formatter costs far more than formatting
    /// with it, and a report's tables format thousands of values each time they are drawn.
    static FORMATTERS: RefCell<HashMap<FormatterKey, JsValue>> = RefCell::new(HashMap::new());
}

/// The formatter kept under `key`, made by `make` the first time it is asked for.
fn kept(key: FormatterKey, make: impl FnOnce() -> JsValue) -> JsValue {
    FORMATTERS.with_borrow_mut(|kept| kept.entry(key).or_insert_with(make).clone())
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    object
}

fn locales(lang: Lang) -> Array {
    Array::of1(&lang.tag().into())
}

fn format_with(formatter: &JsValue, value: &JsValue, fallback: &str) -> String {
    Reflect::get(formatter, &"format".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(formatter, value).ok())
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}

/// A whole count: `12,345` or `12,345`.
pub fn format_number(lang: Lang, n: u64) -> String {
    let formatter = kept((lang, "number", [0; 3]), || {
        Intl::NumberFormat::new(&locales(lang), &Object::new()).into()
    });
    format_with(&formatter, &JsValue::from_f64(n as f64), &n.to_string())
}

/// An amount in a currency, from its exact decimal text so that no digit is lost to a float:
/// `CN¥1,234.50` in English, `¥1,234.50` in Chinese.
pub fn format_money(lang: Lang, amount: Decimal, currency: &str) -> String {
    let text = amount.to_string();
    // Intl throws on a malformed code; one from an old setting or a file must not crash the page.
    let code = <[u8; 3]>::try_from(currency.as_bytes()).ok();
    let Some(code) = code.filter(|c| c.iter().all(u8::is_ascii_uppercase)) else {
        return format!("{currency} {text}");
    };
    let formatter = kept((lang, "money", code), || {
        Intl::NumberFormat::new(
            &locales(lang),
            &options(&[("style", "currency"), ("currency", currency)]),
        )
        .into()
    });
    format_with(
        &formatter,
        &text.as_str().into(),
        &format!("{currency} {text}"),
    )
}

/// The parts of a day as dates and moments show it.
const DAY: [(&str, &str); 3] = [("year", "numeric"), ("month", "short"), ("day", "numeric")];

/// `date` shown with `parts`, by the formatter kept under `kind`; `fallback` where `Intl`
/// fails.
fn format_date_with(
    lang: Lang,
    kind: &'static str,
    parts: &[(&str, &str)],
    date: &js_sys::Date,
    fallback: &str,
) -> String {
    let formatter = kept((lang, kind, [0; 3]), || {
        Intl::DateTimeFormat::new(&locales(lang), &options(parts)).into()
    });
    format_with(&formatter, date, fallback)
}

/// A calendar day `YYYY-MM-DD`: `Nov 22, 2026` or `2026年11月22日`.
pub fn format_date(lang: Lang, day: &str) -> String {
    // Noon UTC keeps the day the same in every time zone.
    let date = js_sys::Date::new(&format!("{day}T12:00:00Z").into());
    if date.get_time().is_nan() {
        return day.to_owned();
    }
    let parts = [DAY[0], DAY[1], DAY[2], ("timeZone", "UTC")];
    format_date_with(lang, "date", &parts, &date, day)
}

/// A month `YYYY-MM`: `Mar 2026` or `2026年3月`.
pub fn format_month(lang: Lang, month: &str) -> String {
    month_with(
        lang,
        month,
        "month",
        &[("year", "numeric"), ("month", "short")],
    )
}

/// A month's short name alone, from `YYYY-MM`: `Mar` or `3月`, for column headings.
pub fn format_month_name(lang: Lang, month: &str) -> String {
    month_with(lang, month, "month name", &[("month", "short")])
}

/// `kind` names the format `parts` make, under which its formatter is kept.
fn month_with(lang: Lang, month: &str, kind: &'static str, parts: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&format!("{month}-15T12:00:00Z").into());
    if month.len() != 7 || date.get_time().is_nan() {
        return month.to_owned();
    }
    let mut pairs = parts.to_vec();
    pairs.push(("timeZone", "UTC"));
    format_date_with(lang, kind, &pairs, &date, month)
}

/// A moment, RFC 3339 UTC, in the user's time zone: `Nov 22, 2026, 4:25 PM`.
pub fn format_datetime(lang: Lang, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let parts = [
        DAY[0],
        DAY[1],
        DAY[2],
        ("hour", "numeric"),
        ("minute", "2-digit"),
    ];
    format_date_with(lang, "moment", &parts, &date, rfc3339)
}
