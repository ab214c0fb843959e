//! Numbers, money and dates through the browser's Intl, in both languages.
#![cfg(target_arch = "wasm32")]

use leadline::i18n::{
    format_date, format_money, format_month, format_month_name, format_number, Lang,
};
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn numbers_are_grouped() {
    assert_eq!(format_number(Lang::En, 1_234_567), "1,234,567");
    assert_eq!(format_number(Lang::ZhCn, 1_234_567), "1,234,567");
}

#[wasm_bindgen_test]
fn money_keeps_every_digit_and_the_currency() {
    assert_eq!(
        format_money(Lang::ZhCn, money("1234.5"), "CNY"),
        "¥1,234.50"
    );
    assert_eq!(
        format_money(Lang::En, money("1234.5"), "CNY"),
        "CN¥1,234.50"
    );
    assert_eq!(format_money(Lang::En, money("1234.5"), "USD"), "$1,234.50");
    // More digits than a float holds exactly.
    assert_eq!(
        format_money(Lang::En, money("90071992547409.93"), "USD"),
        "$90,071,992,547,409.93"
    );
    assert_eq!(format_money(Lang::En, money("5"), "bad"), "bad 5");
}

#[wasm_bindgen_test]
fn days_are_written_the_local_way() {
    assert_eq!(format_date(Lang::En, "2026-11-22"), "Nov 22, 2026");
    assert_eq!(format_date(Lang::ZhCn, "2026-11-22"), "2026年11月22日");
    assert_eq!(format_date(Lang::En, "not a day"), "not a day");
}

/// Formatters are kept once made: each language, format and currency keeps its own, however
/// the calls follow one another.
#[wasm_bindgen_test]
fn kept_formatters_stay_apart() {
    for _ in 0..2 {
        assert_eq!(format_money(Lang::En, money("1"), "USD"), "$1.00");
        assert_eq!(format_money(Lang::En, money("1"), "JPY"), "¥1");
        assert_eq!(format_money(Lang::ZhCn, money("1"), "USD"), "US$1.00");
        assert_eq!(format_month(Lang::En, "2026-03"), "Mar 2026");
        assert_eq!(format_month_name(Lang::En, "2026-03"), "Mar");
        assert_eq!(format_month(Lang::ZhCn, "2026-03"), "2026年3月");
    }
}
