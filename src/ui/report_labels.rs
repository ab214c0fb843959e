//! Report labels and values as the user reads them, and as a spreadsheet reads them.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::domain::id::Id;
use crate::domain::opportunity::Stage;
use crate::i18n::{format_date, format_money, t, Lang};
use crate::reports::table::{Label, Value};
use crate::ui::labels::{kind_key, source_label, stage_name};

/// What labels name: team members and pipeline stages.
#[derive(Clone, Default, PartialEq)]
pub struct LabelNames {
    pub members: HashMap<Id, String>,
    pub stages: Vec<Stage>,
}

impl LabelNames {
    pub fn text(&self, lang: Lang, label: &Label) -> String {
        match label {
            Label::Text(text) => text.clone(),
            Label::Key(key) => t(lang, *key).to_owned(),
            Label::Source(code) => source_label(lang, code),
            Label::Stage(id) => self
                .stages
                .iter()
                .find(|s| s.id == *id)
                .map_or_else(|| id.clone(), |s| stage_name(s.clone())(lang)),
            Label::Member(id) => self
                .members
                .get(id.as_str())
                .cloned()
                .unwrap_or_else(|| id.clone()),
            Label::Month(month) => month_text(lang, month),
            Label::Week(monday) => week_text(lang, monday),
            Label::Kind(kind) => t(lang, kind_key(*kind)).to_owned(),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-11` as `Nov 2026` or `2026年11月`.
pub fn month_text(lang: Lang, month: &str) -> String {
    let (Some(year), Some(number)) = (month.get(..4), month.get(5..7)) else {
        return month.to_owned();
    };
    let Some(index) = number
        .parse::<usize>()
        .ok()
        .filter(|m| (1..=12).contains(m))
    else {
        return month.to_owned();
    };
    match lang {
        Lang::En => format!("{} {year}", MONTHS[index - 1]),
        Lang::ZhCn => format!("{year}年{index}月"),
    }
}

/// The Monday a week starts on, short: `Nov 16` or `11月16日`.
pub fn week_text(lang: Lang, monday: &str) -> String {
    let (Some(month), Some(day)) = (
        monday.get(5..7).and_then(|m| m.parse::<usize>().ok()),
        monday.get(8..10).and_then(|d| d.parse::<u32>().ok()),
    ) else {
        return monday.to_owned();
    };
    match (lang, MONTHS.get(month.wrapping_sub(1))) {
        (Lang::En, Some(name)) => format!("{name} {day}"),
        (Lang::ZhCn, Some(_)) => format!("{month}月{day}日"),
        _ => monday.to_owned(),
    }
}

fn percent_text(value: Decimal) -> String {
    format!("{}%", value.normalize())
}

/// A value on screen, amounts in `base`.
pub fn value_text(lang: Lang, value: &Value, base: &str) -> String {
    match value {
        Value::Count(n) => crate::i18n::format_number(lang, *n),
        Value::Money(amount) => format_money(lang, *amount, base),
        Value::Quantity(q) => q.normalize().to_string(),
        Value::Percent(Some(p)) => percent_text(*p),
        Value::Days(Some(d)) => d.normalize().to_string(),
        Value::Change(Some(c)) if c.is_sign_positive() && !c.is_zero() => {
            format!("+{}", percent_text(*c))
        }
        Value::Change(Some(c)) => percent_text(*c),
        Value::Percent(None) | Value::Days(None) | Value::Change(None) => "–".to_owned(),
        Value::Day(day) => format_date(lang, day),
        Value::Text(text) => text.clone(),
    }
}

/// A value as a spreadsheet reads it: plain numbers, days as `YYYY-MM-DD`, nothing for none.
pub fn value_csv(value: &Value) -> String {
    match value {
        Value::Count(n) => n.to_string(),
        Value::Money(d) | Value::Quantity(d) => d.to_string(),
        Value::Percent(p) | Value::Days(p) | Value::Change(p) => {
            p.map(|d| d.normalize().to_string()).unwrap_or_default()
        }
        Value::Day(text) | Value::Text(text) => text.clone(),
    }
}

/// Whether a value reads as a number, for right alignment.
pub fn is_numeric(value: &Value) -> bool {
    !matches!(value, Value::Day(_) | Value::Text(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weeks_read_naturally_in_each_language() {
        assert_eq!(month_text(Lang::En, "2026-11"), "Nov 2026");
        assert_eq!(month_text(Lang::ZhCn, "2026-01"), "2026年1月");
        assert_eq!(month_text(Lang::En, "2026-13"), "2026-13");
        assert_eq!(week_text(Lang::En, "2026-11-16"), "Nov 16");
        assert_eq!(week_text(Lang::ZhCn, "2026-03-02"), "3月2日");
    }

    #[test]
    fn values_for_a_spreadsheet_are_plain() {
        assert_eq!(value_csv(&Value::Money(Decimal::new(128050, 2))), "1280.50");
        assert_eq!(
            value_csv(&Value::Percent(Some(Decimal::new(333, 1)))),
            "33.3"
        );
        assert_eq!(value_csv(&Value::Change(None)), "");
        assert_eq!(value_csv(&Value::Count(12)), "12");
    }
}
