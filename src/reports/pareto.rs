//! Pareto 80/20: how much of the period's revenue its best customers bring.

use crate::domain::sorting::sort_by_key;
use std::cmp::Reverse;

use rust_decimal::Decimal;

use super::buyers::{behind_customers, Buyer};
use super::scope::{Behind, Data};
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
    /// Ties in revenue go in name order.
    pub fn of(buyers: &'a [Buyer<'a>]) -> Pareto<'a> {
        let mut ranked: Vec<&Buyer> = buyers
            .iter()
            .filter(|b| b.revenue > Decimal::ZERO)
            .collect();
        sort_by_key(&mut ranked, |b| {
            (Reverse(b.revenue), b.name(), b.customer_id)
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

    pub fn top_customers(&self, data: &Data<'a>) -> Behind {
        behind_customers(data, self.ranked.iter().take(self.top).map(|b| b.customer))
    }

    /// Revenue, share and cumulative share per customer, best first.
    pub fn section(&self, data: &Data<'a>) -> Section {
        let mut cumulative = Decimal::ZERO;
        let mut row = |label: Label, revenue: Decimal, behind: Behind| {
            cumulative += revenue;
            Row {
                label,
                values: vec![
                    Value::Money(revenue),
                    Value::Percent(percent(revenue, self.total)),
                    Value::Percent(percent(cumulative, self.total)),
                ],
                behind: Some(behind),
            }
        };
        let mut rows: Vec<Row> = self
            .ranked
            .iter()
            .take(ROWS_SHOWN)
            .map(|b| row(b.label(), b.revenue, behind_customers(data, [b.customer])))
            .collect();
        let rest = self.ranked.get(ROWS_SHOWN..).unwrap_or_default();
        if !rest.is_empty() {
            rows.push(row(
                Label::Key(Key::ReportOther),
                rest.iter().map(|b| b.revenue).sum(),
                behind_customers(data, rest.iter().map(|b| b.customer)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::reports::buyers::buyers;
    use crate::reports::testdata_c::*;

    #[test]
    fn the_top_fifth_of_buyers_and_their_share() {
        let mut customers: Vec<_> = ["a", "b", "c", "d", "e", "f", "z"]
            .into_iter()
            .map(|id| customer(id, "2025-01-01"))
            .collect();
        customers[6].meta.move_to_trash("2026-02-01T00:00:00Z");
        let data = Dataset {
            customers,
            orders: vec![
                sale("a1", "a", "2026-01-05", "400"),
                sale("a2", "a", "2026-02-05", "200"),
                // 20 dollars at 10: 200.
                sale_in("b1", "b", "2026-03-05", "20", "USD", "10"),
                sale("c1", "c", "2026-03-05", "100"),
                sale("d1", "d", "2026-03-05", "50"),
                sale("e1", "e", "2026-03-05", "30"),
                // A customer in Trash still bought.
                sale("z1", "z", "2026-03-05", "20"),
                // A sale of nothing: a buyer, but with no revenue to rank.
                sale("f1", "f", "2026-03-05", "0"),
                // The quarter before: 300 and 100.
                sale("a0", "a", "2025-12-05", "300"),
                sale("b0", "b", "2025-11-05", "100"),
            ],
            ..Dataset::default()
        };
        let scope = scope(&data, "2026-01-01", "2026-03-31", "2026-04-15");
        let list = buyers(&scope, &scope.period);
        let pareto = Pareto::of(&list);
        // Revenue 600, 200, 100, 50, 30, 20 = 1000 from 6 buyers (f's 0 is left out); the top
        // fifth is ceil(6 / 5) = 2 customers with 800: 80%.
        assert_eq!(pareto.ranked.len(), 6);
        assert_eq!((pareto.top, pareto.top_revenue), (2, dec("800")));
        assert_eq!(pareto.total, dec("1000"));
        assert_eq!(pareto.top_share(), Some(dec("80.0")));
        assert_eq!(
            pareto.top_customers(&scope.data).ids(&scope.data),
            ["a", "b"]
        );
        let section = pareto.section(&scope.data);
        // Revenue, share, cumulative share: 600 60% 60%, 200 20% 80%, ..., 20 2% 100%.
        assert_eq!(section.table.rows[0].label, Label::Text("A".into()));
        assert_eq!(
            numbers(&section.table.rows[1]),
            [dec("200"), dec("20"), dec("80")]
        );
        assert_eq!(
            numbers(&section.table.rows[5]),
            [dec("20"), dec("2"), dec("100")]
        );
        assert_eq!(section.table.rows[5].label, Label::Text("Z".into()));
        assert!(adds_up(&section, 0));

        let list = buyers(&scope, &scope.period.previous());
        // 300 and 100: the top fifth is ceil(2 / 5) = 1 customer with 300 of 400, 75%.
        assert_eq!(Pareto::of(&list).top_share(), Some(dec("75.0")));
    }

    #[test]
    fn past_fifty_customers_the_rest_share_one_row() {
        let names: Vec<String> = (0..52).map(|i| format!("k{i:02}")).collect();
        let data = Dataset {
            customers: names.iter().map(|id| customer(id, "2025-01-01")).collect(),
            orders: names
                .iter()
                .map(|id| sale(id, id, "2026-03-01", "10"))
                .collect(),
            ..Dataset::default()
        };
        let scope = scope(&data, "2026-03-01", "2026-03-31", "2026-04-01");
        let list = buyers(&scope, &scope.period);
        let pareto = Pareto::of(&list);
        // 52 x 10 = 520; the top fifth is ceil(52 / 5) = 11 customers, 110 / 520 = 21.15%.
        assert_eq!(pareto.top_share(), Some(dec("21.2")));
        let section = pareto.section(&scope.data);
        assert_eq!(section.table.rows.len(), 51);
        let other = &section.table.rows[50];
        assert_eq!(other.label, Label::Key(Key::ReportOther));
        // k50 and k51: 20, 20 / 520 = 3.85%, and the cumulative share reaches 100%.
        assert_eq!(numbers(other), [dec("20"), dec("3.8"), dec("100")]);
        assert_eq!(ids(&data, other), ["k50", "k51"]);
        assert!(adds_up(&section, 0));
    }
}
