//! Forgotten customers: nobody in touch for 7, 15, 30 or 90 days as of today, counted as the
//! Today page counts them (the activities of the leads a customer came from count too; a
//! customer never contacted is silent since it was made).

use super::period::NO_DAY;
use super::scope::Scope;
use super::table::{percent, Chart, ChartKind, Label, Row, Section, Table, Value};
use crate::domain::customer::Customer;
use crate::domain::date::day_number;
use crate::domain::sorting::sort_by;
use crate::i18n::Key;

pub const THRESHOLDS: [(i64, Key); 4] = [
    (7, Key::ReportSilent7),
    (15, Key::ReportSilent15),
    (30, Key::ReportSilent30),
    (90, Key::ReportSilent90),
];

/// The owner's live customers with the days since anyone was in touch, longest silent first.
pub fn silence<'a>(scope: &Scope<'a>) -> Vec<(&'a Customer, i64)> {
    let Some(today) = day_number(&scope.today) else {
        return Vec::new();
    };
    let columns = scope.columns();
    let since = columns
        .customer_last_contact
        .iter()
        .zip(&columns.customer_created)
        .map(|(&last, &made)| if last == NO_DAY { made } else { last });
    let mut silent: Vec<(&Customer, i64)> = scope
        .data
        .customers
        .iter()
        .zip(since)
        .filter(|&(c, since)| since != NO_DAY && scope.counts(&c.meta))
        .map(|(c, since)| (c, today - i64::from(since)))
        .collect();
    sort_by(&mut silent, |a, b| {
        b.1.cmp(&a.1).then_with(|| a.0.meta.id.cmp(&b.0.meta.id))
    });
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
            let behind = scope.data.behind(
                silent
                    .iter()
                    .take_while(|(_, silent_for)| *silent_for >= days)
                    .map(|(c, _)| *c),
            );
            Row {
                label: Label::Key(key),
                values: vec![
                    Value::Count(behind.len() as u64),
                    Value::Percent(percent(behind.len().into(), live.into())),
                ],
                behind: Some(behind),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::lead::{ConvertedTo, Lead, LeadDetails, LeadStatus};
    use crate::domain::today::{agenda, Records};
    use crate::reports::testdata_c::*;
    use rust_decimal::Decimal;

    const TODAY: &str = "2026-03-31";

    fn data() -> Dataset {
        let mut gone = customer("gone", "2024-01-01T00:00:00Z");
        gone.meta.move_to_trash("2026-01-01T00:00:00Z");
        let mut trashed_call = call("t", "2026-03-30T09:00:00Z", Some("month"), None);
        trashed_call.meta.move_to_trash("2026-03-30T10:00:00Z");
        let lead = Lead {
            meta: meta("lead", "2025-01-01T00:00:00Z"),
            details: LeadDetails {
                name: "lead".into(),
                ..LeadDetails::default()
            },
            status: LeadStatus::Converted,
            disqualified_reason: None,
            converted: Some(ConvertedTo {
                customer_id: "via-lead".into(),
                contact_id: None,
                opportunity_id: None,
                at: "2025-02-01T00:00:00Z".into(),
            }),
        };
        Dataset {
            customers: vec![
                customer("fresh", "2025-01-01T00:00:00Z"),
                customer("week", "2025-01-01T00:00:00Z"),
                customer("half", "2025-01-01T00:00:00Z"),
                customer("month", "2025-01-01T00:00:00Z"),
                customer("never", "2025-12-01T08:00:00Z"),
                customer("via-lead", "2025-01-01T00:00:00Z"),
                gone,
            ],
            leads: vec![lead],
            activities: vec![
                call("1", "2026-03-28T09:00:00Z", Some("fresh"), None),
                call("2", "2026-03-20T09:00:00Z", Some("week"), None),
                call("3", "2026-03-16T23:00:00Z", Some("half"), None),
                call("4", "2026-02-01T09:00:00Z", Some("month"), None),
                trashed_call,
                call("5", "2025-06-01T09:00:00Z", Some("via-lead"), None),
                call("6", "2026-03-25T09:00:00Z", None, Some("lead")),
            ],
            ..Dataset::default()
        }
    }

    #[test]
    fn customers_silent_for_7_15_30_and_90_days() {
        let data = data();
        let scope = scope(&data, "2026-03-01", "2026-03-31", TODAY);
        let section = section(&scope);
        // Days silent on 03-31: fresh 3, week 11, half 15, month 58 (its call of 03-30 is in
        // Trash), never 120 (made on 2025-12-01: 31 + 31 + 28 + 30), via-lead 6 (its lead's
        // call of 03-25). gone is in Trash. 6 live customers.
        let found: Vec<(Vec<&str>, Decimal)> = section
            .table
            .rows
            .iter()
            .map(|r| (ids(&data, r), number(&r.values[1])))
            .collect();
        assert_eq!(
            found,
            [
                (vec!["never", "month", "half", "week"], dec("66.7")),
                (vec!["never", "month", "half"], dec("50.0")),
                (vec!["never", "month"], dec("33.3")),
                (vec!["never"], dec("16.7")),
            ]
        );
        assert_eq!(section.table.rows[2].label, Label::Key(Key::ReportSilent30));

        // Today's list at 30 days holds the same customers.
        let today = agenda(
            TODAY,
            ME,
            30,
            Records {
                leads: &data.leads,
                customers: &data.customers,
                activities: &data.activities,
                ..Records::default()
            },
        );
        let mut on_today: Vec<&str> = today
            .forgotten
            .iter()
            .map(|(c, _)| c.meta.id.as_str())
            .collect();
        on_today.sort_unstable();
        assert_eq!(on_today, ["month", "never"]);
    }
}
