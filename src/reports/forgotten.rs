//! Forgotten customers: nobody in touch for 7, 15, 30 or 90 days as of today, counted as the
//! Today page counts them (the activities of the leads a customer came from count too; a
//! customer never contacted is silent since it was made).

use super::scope::{Behind, RecordKind, Scope};
use super::table::{percent, Chart, ChartKind, Label, Row, Section, Table, Value};
use crate::domain::customer::Customer;
use crate::domain::date::day_number;
use crate::domain::today::{last_contact, silent_since};
use crate::i18n::Key;

pub const THRESHOLDS: [(i64, Key); 4] = [
    (7, Key::ReportSilent7),
    (15, Key::ReportSilent15),
    (30, Key::ReportSilent30),
    (90, Key::ReportSilent90),
];

/// The owner's live customers with the days since anyone was in touch, longest silent first.
pub fn silence<'a>(scope: &Scope<'a>) -> Vec<(&'a Customer, i64)> {
    let last = last_contact(scope.data.leads, scope.data.activities);
    let Some(today) = day_number(&scope.today) else {
        return Vec::new();
    };
    let mut silent: Vec<(&Customer, i64)> = scope
        .data
        .customers
        .iter()
        .filter(|c| scope.counts(&c.meta))
        .filter_map(|c| Some((c, today - silent_since(c, &last)?)))
        .collect();
    silent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.meta.id.cmp(&b.0.meta.id)));
    silent
}

/// One row per threshold: a customer silent for 40 days is in the 7, 15 and 30 rows, so the rows
/// do not add up and there is no total.
pub fn section(scope: &Scope) -> Section {
    let silent = silence(scope);
    let live = scope
        .data
        .customers
        .iter()
        .filter(|c| scope.counts(&c.meta))
        .count();
    let rows = THRESHOLDS
        .into_iter()
        .map(|(days, key)| {
            let ids: Vec<String> = silent
                .iter()
                .take_while(|(_, silent_for)| *silent_for >= days)
                .map(|(c, _)| c.meta.id.clone())
                .collect();
            Row {
                label: Label::Key(key),
                values: vec![
                    Value::Count(ids.len() as u64),
                    Value::Percent(percent(ids.len().into(), live.into())),
                ],
                behind: Some(Behind {
                    kind: RecordKind::Customer,
                    ids,
                }),
            }
        })
        .collect();
    Section {
        title: Key::ReportForgotten,
        chart: Some(Chart {
            kind: ChartKind::Bar,
            columns: vec![0],
        }),
        table: Table {
            columns: vec![
                Label::Key(Key::ReportColSilentFor),
                Label::Key(Key::ReportColCustomers),
                Label::Key(Key::ReportColShareOfCustomers),
            ],
            rows,
            total: None,
        },
    }
}
