//! Sales forecast (销售预测): the money expected month by month from today on, from open
//! opportunities (weighted by their probability) and from installments of sales not yet paid.
//!
//! Months of the period before today's month are history, not forecast, and are left out. What
//! should have happened already and has not (an expected close day passed on an open
//! opportunity, an overdue installment) is still hoped for, so it counts in today's month.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::period::month_key;
use super::scope::{Behind, RecordKind, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::balance::Ledger;
use crate::domain::opportunity::Outcome;
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
    pub opportunities: Vec<&'a str>,
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
    let index: HashMap<String, usize> = months
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
        expected.opportunities.push(&o.meta.id);
    }

    // Invoices play no part in what is still to be paid.
    let ledger = Ledger::new(scope.data.payments, &[]);
    for order in scope.sales() {
        for state in ledger.money(order, today).installments {
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

fn opportunities(e: &Expected) -> Option<Behind> {
    Some(Behind {
        kind: RecordKind::Opportunity,
        ids: e.opportunities.iter().map(|id| (*id).to_owned()).collect(),
    })
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
                behind: opportunities(e),
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
        behind: opportunities(&undated),
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
