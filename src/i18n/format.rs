//! Numbers, money and dates in the user's language, through the browser's own `Intl`, which
//! knows every locale at no cost to the download.

use js_sys::{Array, Intl, Object, Reflect};
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

use super::Lang;

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
    let formatter = Intl::NumberFormat::new(&locales(lang), &Object::new());
    format_with(&formatter, &JsValue::from_f64(n as f64), &n.to_string())
}

/// An amount in a currency, from its exact decimal text so that no digit is lost to a float:
/// `CN¥1,234.50` in English, `¥1,234.50` in Chinese.
pub fn format_money(lang: Lang, amount: Decimal, currency: &str) -> String {
    let text = amount.to_string();
    // Intl throws on a malformed code; one from an old setting or a file must not crash the page.
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return format!("{currency} {text}");
    }
    let formatter = Intl::NumberFormat::new(
        &locales(lang),
        &options(&[("style", "currency"), ("currency", currency)]),
    );
    format_with(
        &formatter,
        &text.as_str().into(),
        &format!("{currency} {text}"),
    )
}

/// A calendar day `YYYY-MM-DD`: `Nov 22, 2026` or `2026年11月22日`.
pub fn format_date(lang: Lang, day: &str) -> String {
    // Noon UTC keeps the day the same in every time zone.
    let date = js_sys::Date::new(&format!("{day}T12:00:00Z").into());
    if date.get_time().is_nan() {
        return day.to_owned();
    }
    let formatter = Intl::DateTimeFormat::new(
        &locales(lang),
        &options(&[
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("timeZone", "UTC"),
        ]),
    );
    format_with(&formatter, &date.into(), day)
}

/// A month `YYYY-MM`: `Mar 2026` or `2026年3月`.
pub fn format_month(lang: Lang, month: &str) -> String {
    month_with(lang, month, &[("year", "numeric"), ("month", "short")])
}

/// A month's short name alone, from `YYYY-MM`: `Mar` or `3月`, for column headings.
pub fn format_month_name(lang: Lang, month: &str) -> String {
    month_with(lang, month, &[("month", "short")])
}

fn month_with(lang: Lang, month: &str, parts: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&format!("{month}-15T12:00:00Z").into());
    if month.len() != 7 || date.get_time().is_nan() {
        return month.to_owned();
    }
    let mut pairs = parts.to_vec();
    pairs.push(("timeZone", "UTC"));
    let formatter = Intl::DateTimeFormat::new(&locales(lang), &options(&pairs));
    format_with(&formatter, &date.into(), month)
}

/// A moment, RFC 3339 UTC, in the user's time zone: `Nov 22, 2026, 4:25 PM`.
pub fn format_datetime(lang: Lang, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&rfc3339.into());
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let formatter = Intl::DateTimeFormat::new(
        &locales(lang),
        &options(&[
            ("year", "numeric"),
            ("month", "short"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "2-digit"),
        ]),
    );
    format_with(&formatter, &date.into(), rfc3339)
}
