//! Pareto 80/20: how much of the period's revenue its best customers bring.

use rust_decimal::Decimal;

use super::buyers::{Buyer, Customers};
use super::scope::{Behind, RecordKind};
use super::table::{percent, Chart, ChartKind, Label, Row, Section, Table, Value};
use crate::i18n::Key;

/// Customers listed one by one; the rest share an "Other" row.
pub const ROWS_SHOWN: usize = 50;

/// The buyers with revenue, largest first, and the top fifth of them.
pub struct Pareto<'a> {
    pub ranked: Vec<&'a Buyer<'a>>,
    pub total: Decimal,
    /// How many customers make the top 20%: a fifth of those with revenue, rounded up.
    pub top: usize,
    pub top_revenue: Decimal,
}

impl<'a> Pareto<'a> {
    /// `buyers` are already ranked by revenue; ties are put in name order here.
    pub fn of(buyers: &'a [Buyer<'a>], customers: &Customers) -> Pareto<'a> {
        let mut ranked: Vec<&Buyer> = buyers
            .iter()
            .filter(|b| b.revenue > Decimal::ZERO)
            .collect();
        ranked.sort_by(|a, b| {
            b.revenue
                .cmp(&a.revenue)
                .then_with(|| {
                    customers
                        .name(a.customer_id)
                        .cmp(customers.name(b.customer_id))
                })
                .then_with(|| a.customer_id.cmp(b.customer_id))
        });
        let top = ranked.len().div_ceil(5);
        Pareto {
            total: ranked.iter().map(|b| b.revenue).sum(),
            top_revenue: ranked.iter().take(top).map(|b| b.revenue).sum(),
            top,
            ranked,
        }
    }

    /// The top fifth's share of revenue, in percent; none when nobody bought.
    pub fn top_share(&self) -> Option<Decimal> {
        percent(self.top_revenue, self.total)
    }

    pub fn top_customers(&self) -> Behind {
        Behind {
            kind: RecordKind::Customer,
            ids: self
                .ranked
                .iter()
                .take(self.top)
                .map(|b| b.customer_id.to_owned())
                .collect(),
        }
    }

    /// Revenue, share and cumulative share per customer, best first.
    pub fn section(&self, customers: &Customers) -> Section {
        let mut cumulative = Decimal::ZERO;
        let mut row = |label: Label, revenue: Decimal, ids: Vec<String>| {
            cumulative += revenue;
            Row {
                label,
                values: vec![
                    Value::Money(revenue),
                    Value::Percent(percent(revenue, self.total)),
                    Value::Percent(percent(cumulative, self.total)),
                ],
                behind: Some(Behind {
                    kind: RecordKind::Customer,
                    ids,
                }),
            }
        };
        let mut rows: Vec<Row> = self
            .ranked
            .iter()
            .take(ROWS_SHOWN)
            .map(|b| {
                row(
                    customers.label(b.customer_id),
                    b.revenue,
                    vec![b.customer_id.to_owned()],
                )
            })
            .collect();
        let rest = self.ranked.get(ROWS_SHOWN..).unwrap_or_default();
        if !rest.is_empty() {
            rows.push(row(
                Label::Key(Key::ReportOther),
                rest.iter().map(|b| b.revenue).sum(),
                rest.iter().map(|b| b.customer_id.to_owned()).collect(),
            ));
        }
        Section {
            title: Key::ReportPareto,
            chart: Some(Chart {
                kind: ChartKind::Bar,
                columns: vec![0],
            }),
            table: Table {
                columns: vec![
                    Label::Key(Key::ReportColCustomer),
                    Label::Key(Key::ReportColRevenue),
                    Label::Key(Key::ReportColShare),
                    Label::Key(Key::ReportColCumulativeShare),
                ],
                rows,
                total: Some(Row {
                    label: Label::Key(Key::ReportTotal),
                    values: vec![
                        Value::Money(self.total),
                        Value::Percent(percent(self.total, self.total)),
                        Value::Percent(percent(self.total, self.total)),
                    ],
                    behind: None,
                }),
            },
        }
    }
}
