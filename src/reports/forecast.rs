//! Sales forecast (销售预测): the money expected month by month from today on, from open
//! opportunities (weighted by their probability) and from installments of sales not yet paid.
//!
//! Months of the period before today's month are history, not forecast, and are left out. What
//! should have happened already and has not (an expected close day passed on an open
//! opportunity, an overdue installment) is still hoped for, so it counts in today's month.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::period::month_key;
use super::scope::{Behind, Data, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::balance::OrderMoney;
use crate::domain::opportunity::{Opportunity, Outcome};
use crate::i18n::Key;

/// What one month is expected to bring, in the base currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expected<'a> {
    /// Amount x probability of the opportunities expected to close.
    pub weighted: Decimal,
    /// Their full amount, should all of them be won.
    pub amount: Decimal,
    /// The unpaid part of installments falling due.
    pub installments: Decimal,
    pub opportunities: Vec<&'a Opportunity>,
}

impl Expected<'_> {
    pub fn total(&self) -> Decimal {
        self.weighted + self.installments
    }
}

pub struct Forecast<'a> {
    /// `YYYY-MM` from today's month to the end of the period, in order.
    pub months: Vec<(String, Expected<'a>)>,
    /// Open opportunities nobody has given an expected close day, which no month can hold.
    pub undated: Expected<'a>,
}

pub fn forecast_by_month<'a>(scope: &Scope<'a>) -> Forecast<'a> {
    let today = scope.today.as_str();
    let this_month = month_key(today);
    let mut months: Vec<(String, Expected)> = scope
        .period
        .months()
        .into_iter()
        .filter(|m| m.as_str() >= this_month)
        .map(|m| (m, Expected::default()))
        .collect();
    let index: FxHashMap<String, usize> = months
        .iter()
        .enumerate()
        .map(|(i, (m, _))| (m.clone(), i))
        .collect();
    let slot = |day: &str| -> Option<usize> {
        let month = if day < today {
            this_month
        } else {
            month_key(day)
        };
        index.get(month).copied()
    };

    let mut undated = Expected::default();
    let open = scope
        .data
        .opportunities
        .iter()
        .filter(|o| scope.counts(&o.meta) && scope.outcome(o) == Outcome::Open);
    for o in open {
        let expected = match o.expected_close.as_deref() {
            None => &mut undated,
            Some(day) => match slot(day) {
                Some(i) => &mut months[i].1,
                None => continue,
            },
        };
        expected.weighted += scope.weighted_amount(o);
        expected.amount += scope.opportunity_amount(o);
        expected.opportunities.push(o);
    }

    for (order, paid) in scope.unpaid_sales() {
        for state in OrderMoney::of(order, paid, Decimal::ZERO, today).installments {
            let open = state.open();
            if open <= Decimal::ZERO {
                continue;
            }
            if let Some(i) = slot(&state.installment.due) {
                months[i].1.installments += scope.in_base(open, order);
            }
        }
    }
    Forecast { months, undated }
}

fn values(e: &Expected) -> Vec<Value> {
    vec![
        Value::Money(e.weighted),
        Value::Money(e.amount),
        Value::Money(e.installments),
        Value::Money(e.total()),
    ]
}

fn opportunities<'a>(data: &Data<'a>, e: &Expected<'a>) -> Option<Behind> {
    Some(data.behind(e.opportunities.iter().copied()))
}

pub fn forecast(scope: &Scope) -> Report {
    let Forecast { months, undated } = forecast_by_month(scope);
    let mut total = Expected::default();
    let rows = months
        .iter()
        .map(|(month, e)| {
            total.weighted += e.weighted;
            total.amount += e.amount;
            total.installments += e.installments;
            Row {
                label: Label::Month(month.clone()),
                values: values(e),
                behind: opportunities(&scope.data, e),
            }
        })
        .collect();
    // The opportunities with no close day are a table of their own: a chart draws every row of
    // its table, and they belong to no month.
    let undated_row = Row {
        label: Label::Key(Key::ReportNoCloseDate),
        values: vec![
            Value::Count(undated.opportunities.len() as u64),
            Value::Money(undated.amount),
            Value::Money(undated.weighted),
        ],
        behind: opportunities(&scope.data, &undated),
    };
    Report {
        figures: Vec::new(),
        sections: vec![
            Section {
                title: Key::ReportForecastByMonth,
                chart: Some(Chart {
                    kind: ChartKind::StackedBar,
                    columns: vec![0, 2],
                }),
                table: Table {
                    columns: vec![
                        Label::Key(Key::ReportColMonth),
                        Label::Key(Key::ReportColWeighted),
                        Label::Key(Key::ReportColPipeline),
                        Label::Key(Key::ReportColInstallments),
                        Label::Key(Key::ReportColExpected),
                    ],
                    rows,
                    total: Some(Row {
                        label: Label::Key(Key::ReportTotal),
                        values: values(&total),
                        behind: None,
                    }),
                },
            },
            Section {
                title: Key::ReportNotForecast,
                chart: None,
                table: Table {
                    columns: vec![
                        Label::Key(Key::ReportColExpectedClose),
                        Label::Key(Key::ReportColOpportunities),
                        Label::Key(Key::ReportColPipeline),
                        Label::Key(Key::ReportColWeighted),
                    ],
                    rows: vec![undated_row],
                    total: None,
                },
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::document::OrderStatus;
    use crate::domain::id::Id;
    use crate::reports::testdata_c::*;

    const TODAY: &str = "2026-03-20";

    fn data() -> Dataset {
        let mut won = opportunity("p5", "won", "9000", Some("2026-04-01"));
        won.probability = 100;
        let mut trashed = opportunity("p7", "proposal", "9000", Some("2026-04-01"));
        trashed.meta.move_to_trash("2026-03-01T00:00:00Z");
        let mut dollars = opportunity("p3", "new", "100", Some("2026-03-25"));
        dollars.currency = "USD".into();
        let mut draft = sale("s3", "c1", "2026-04-01", "9000");
        draft.status = OrderStatus::Draft;
        Dataset {
            opportunities: vec![
                opportunity("p1", "proposal", "1000", Some("2026-04-10")),
                // Expected in February and still open: hoped for this month.
                opportunity("p2", "negotiation", "500", Some("2026-02-15")),
                dollars,
                opportunity("p4", "qualified", "300", None),
                won,
                opportunity("p6", "proposal", "9000", Some("2026-08-01")),
                trashed,
            ],
            orders: vec![
                with_plan(
                    sale("s1", "c1", "2026-01-05", "900"),
                    &[
                        ("2026-02-05", "300"),
                        ("2026-03-05", "300"),
                        ("2026-05-05", "300"),
                    ],
                ),
                sale_in("s2", "c1", "2026-04-15", "100", "USD", "7"),
                draft,
                sale("s4", "c1", "2025-12-01", "50"),
            ],
            payments: vec![payment("pay", "s1", "2026-03-01", "400")],
            ..Dataset::default()
        }
    }

    #[test]
    fn weighted_pipeline_and_open_installments_per_month_from_today_on() {
        let data = data();
        let scope = scope(&data, "2026-01-01", "2026-06-30", TODAY);
        let Forecast { months, undated } = forecast_by_month(&scope);
        let found: Vec<(&str, [Decimal; 3])> = months
            .iter()
            .map(|(m, e)| (m.as_str(), [e.weighted, e.amount, e.installments]))
            .collect();
        // January and February are history. Settings' default rate for USD is 7.10.
        // March: p2 500 x 80% = 400 (expected in February) + p3 100 x 7.10 = 710 x 10% = 71;
        //        installments: s1's 03-05 300 less the 100 left of 400 paid after 02-05's 300,
        //        overdue: 200; s4's 50, overdue since 2025-12-01.
        // April: p1 1000 x 60% = 600; s2's 100 x 7 = 700 due on its order date 04-15.
        // May: s1's last 300. June: nothing. p6 closes after the period, p5 is won, p7 in Trash.
        assert_eq!(
            found,
            [
                ("2026-03", [dec("471"), dec("1210"), dec("250")]),
                ("2026-04", [dec("600"), dec("1000"), dec("700")]),
                ("2026-05", [dec("0"), dec("0"), dec("300")]),
                ("2026-06", [dec("0"), dec("0"), dec("0")]),
            ]
        );
        let ids = |e: &Expected| -> Vec<Id> {
            e.opportunities.iter().map(|o| o.meta.id.clone()).collect()
        };
        assert_eq!(ids(&months[0].1), ["p2", "p3"]);
        // p4 has no close day: 300 x 20% = 60.
        assert_eq!(
            (undated.weighted, undated.amount, ids(&undated)),
            (dec("60"), dec("300"), vec![Id::from("p4")])
        );

        let report = forecast(&scope);
        let by_month = &report.sections[0];
        // Weighted + installments: 471 + 250 = 721, 600 + 700 = 1300, 300, 0.
        let totals: Vec<Decimal> = by_month
            .table
            .rows
            .iter()
            .map(|r| number(&r.values[3]))
            .collect();
        assert_eq!(totals, [dec("721"), dec("1300"), dec("300"), dec("0")]);
        assert_eq!(
            numbers(by_month.table.total.as_ref().unwrap()),
            [dec("1071"), dec("2210"), dec("1250"), dec("2321")]
        );
        assert!((0..4).all(|c| adds_up(by_month, c)));
        assert_eq!(
            numbers(&report.sections[1].table.rows[0]),
            [dec("1"), dec("300"), dec("60")]
        );
    }

    #[test]
    fn a_period_already_over_forecasts_nothing() {
        let data = data();
        let scope = scope(&data, "2026-01-01", "2026-02-28", TODAY);
        let report = forecast(&scope);
        assert!(report.sections[0].table.rows.is_empty());
        assert_eq!(
            numbers(report.sections[0].table.total.as_ref().unwrap()),
            [dec("0"), dec("0"), dec("0"), dec("0")]
        );
    }
}
