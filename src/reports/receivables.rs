//! Receivables (应收/账龄): what customers owe as of today, how late it is, and which
//! installments are overdue.
//!
//! A balance is owed now whatever the period, so this report ignores the period: everything is
//! measured at `scope.today`, with the same ledger, ageing and overdue rules as the Receivables
//! screen. The owner filter is the order's owner.

use crate::domain::sorting::sort_by_key;
use std::cmp::Reverse;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::buyers::{customer_label, PerCustomer};
use super::scope::{Data, Scope};
use super::table::{percent, Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::balance::{ageing, owing, Receivable};
use crate::domain::customer::Customer;
use crate::domain::order::Order;
use crate::domain::receivable::{Age, InstallmentState};
use crate::i18n::Key;

/// Customers drawn one bar each; the rest share one.
pub const TOP_CUSTOMERS: usize = 10;

const AGES: [(Age, Key); 5] = [
    (Age::NotDue, Key::AgeNotDue),
    (Age::Days0To30, Key::Age0To30),
    (Age::Days31To60, Key::Age31To60),
    (Age::Days61To90, Key::Age61To90),
    (Age::Over90, Key::AgeOver90),
];

/// What one customer owes, in the base currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owed<'a> {
    /// The orders with a balance, the most overdue first.
    pub orders: Vec<&'a Order>,
    pub balance: Decimal,
    pub overdue: Decimal,
}

impl<'a> Owed<'a> {
    fn add(&mut self, other: &Owed<'a>) {
        self.orders.extend(&other.orders);
        self.balance += other.balance;
        self.overdue += other.overdue;
    }

    fn row(&self, data: &Data<'a>, label: Label) -> Row {
        Row {
            label,
            values: vec![
                Value::Count(self.orders.len() as u64),
                Value::Money(self.balance),
                Value::Money(self.overdue),
            ],
            behind: Some(data.behind(self.orders.iter().copied())),
        }
    }
}

/// An installment past its due day and not paid in full.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Late<'a> {
    pub order: &'a Order,
    pub due: String,
    /// The unpaid part, in the base currency.
    pub open: Decimal,
    pub days_late: i64,
}

/// The owner's orders still owed money, the most overdue first.
pub fn open_orders<'a>(scope: &Scope<'a>) -> Vec<Receivable<'a>> {
    owing(scope.unpaid_sales(), &scope.today)
}

/// What a customer owes and who they are: none for an id of no customer.
type OwedBy<'a> = (&'a str, Option<&'a Customer>, Owed<'a>);

/// Per customer, the largest balance first, then by name.
pub fn owed_by_customer<'a>(scope: &Scope<'a>, open: &[Receivable<'a>]) -> Vec<OwedBy<'a>> {
    let mut by_customer = PerCustomer::default();
    for r in open {
        let id = r.order.body.customer_id.as_str();
        let (_, _, owed) = by_customer.entry(scope, r.order, |c| (id, c, Owed::default()));
        owed.orders.push(r.order);
        // Converted installment by installment, as the ageing is, so that the two add up to
        // the same cent.
        for state in &r.money.installments {
            let open = scope.in_base(state.open(), r.order);
            owed.balance += open;
            if state.overdue {
                owed.overdue += open;
            }
        }
    }
    let mut list: Vec<OwedBy> = by_customer.into_values().collect();
    sort_by_key(&mut list, |(id, customer, owed)| {
        (
            Reverse(owed.balance),
            customer.map_or("", |c| c.details.name.as_str()),
            *id,
        )
    });
    list
}

/// Overdue installments, the oldest first.
pub fn late_installments<'a>(scope: &Scope, open: &[Receivable<'a>]) -> Vec<Late<'a>> {
    let mut late: Vec<Late> = open
        .iter()
        .flat_map(|r| {
            r.money
                .installments
                .iter()
                .filter(|s| s.overdue && s.open() > Decimal::ZERO)
                .map(|s| Late {
                    order: r.order,
                    due: s.installment.due.clone(),
                    open: scope.in_base(s.open(), r.order),
                    days_late: s.days_late().unwrap_or_default(),
                })
        })
        .collect();
    // Due days are checked days, so the most days late is the earliest due day.
    sort_by_key(&mut late, |l| {
        (Reverse(l.days_late), l.order.body.number.as_str())
    });
    late
}

fn ageing_section(scope: &Scope, open: &[Receivable]) -> Section {
    let buckets = ageing(open, &scope.base);
    let mut orders_in: BTreeMap<Age, Vec<&Order>> = BTreeMap::new();
    for r in open {
        // Each age once per order, in the order its installments come.
        let mut seen = [false; AGES.len()];
        let open = r
            .money
            .installments
            .iter()
            .filter(|s| s.open() > Decimal::ZERO);
        for age in open.map(InstallmentState::age) {
            if !std::mem::replace(&mut seen[age as usize], true) {
                orders_in.entry(age).or_default().push(r.order);
            }
        }
    }
    let total = buckets.total();
    let rows = AGES
        .into_iter()
        .map(|(a, key)| Row {
            label: Label::Key(key),
            values: vec![
                Value::Money(buckets.bucket(a)),
                Value::Percent(percent(buckets.bucket(a), total)),
            ],
            behind: Some(scope.data.behind(orders_in.remove(&a).unwrap_or_default())),
        })
        .collect();
    Section {
        title: Key::Ageing,
        chart: Some(Chart {
            kind: ChartKind::Bar,
            columns: vec![0],
        }),
        table: Table {
            columns: vec![
                Label::Key(Key::ReportColAge),
                Label::Key(Key::ReportColAmount),
                Label::Key(Key::ReportColShare),
            ],
            rows,
            total: Some(Row {
                label: Label::Key(Key::ReportTotal),
                values: vec![Value::Money(total), Value::Percent(percent(total, total))],
                behind: None,
            }),
        },
    }
}

fn owed_columns() -> Vec<Label> {
    vec![
        Label::Key(Key::ReportColCustomer),
        Label::Key(Key::ReportColOrdersOwed),
        Label::Key(Key::ReportColBalance),
        Label::Key(Key::ReportColOverdue),
    ]
}

/// Every customer who owes, for the list and its CSV; and the largest ten with the rest in one
/// row, for a chart that stays readable with thousands of customers.
fn owed_sections<'a>(data: &Data<'a>, owed: &[OwedBy<'a>]) -> [Section; 2] {
    let mut total = Owed::default();
    let mut rest = Owed::default();
    let mut all_rows = Vec::new();
    let mut top_rows = Vec::new();
    for (i, (_, customer, o)) in owed.iter().enumerate() {
        let row = o.row(data, customer_label(*customer));
        if i < TOP_CUSTOMERS {
            top_rows.push(row.clone());
        } else {
            rest.add(o);
        }
        all_rows.push(row);
        total.add(o);
    }
    if !rest.orders.is_empty() {
        top_rows.push(rest.row(data, Label::Key(Key::ReportOther)));
    }
    let mut total = total.row(data, Label::Key(Key::ReportTotal));
    total.behind = None;
    [
        Section {
            title: Key::ReportLargestBalances,
            chart: Some(Chart {
                kind: ChartKind::Bar,
                columns: vec![1],
            }),
            table: Table {
                columns: owed_columns(),
                rows: top_rows,
                total: Some(total.clone()),
            },
        },
        Section {
            title: Key::ReportOwedByCustomer,
            chart: None,
            table: Table {
                columns: owed_columns(),
                rows: all_rows,
                total: Some(total),
            },
        },
    ]
}

fn late_section<'a>(scope: &Scope<'a>, late: Vec<Late<'a>>) -> Section {
    let total = late.iter().map(|l| l.open).sum();
    let rows = late
        .into_iter()
        .map(|l| Row {
            label: Label::Text(l.order.body.number.clone()),
            values: vec![
                Value::Text(
                    scope
                        .named_customer(l.order)
                        .map_or_else(String::new, |c| c.details.name.clone()),
                ),
                Value::Day(l.due),
                Value::Money(l.open),
                Value::Days(Some(Decimal::from(l.days_late))),
            ],
            behind: Some(scope.data.behind([l.order])),
        })
        .collect();
    Section {
        title: Key::ReportOverdueInstallments,
        chart: None,
        table: Table {
            columns: vec![
                Label::Key(Key::ReportColOrder),
                Label::Key(Key::ReportColCustomer),
                Label::Key(Key::ReportColDue),
                Label::Key(Key::ReportColOpen),
                Label::Key(Key::ReportColDaysLate),
            ],
            rows,
            total: Some(Row {
                label: Label::Key(Key::ReportTotal),
                values: vec![
                    Value::Text(String::new()),
                    Value::Text(String::new()),
                    Value::Money(total),
                    Value::Days(None),
                ],
                behind: None,
            }),
        },
    }
}

pub fn receivables(scope: &Scope) -> Report {
    let open = open_orders(scope);
    let owed = owed_by_customer(scope, &open);
    let [top, all] = owed_sections(&scope.data, &owed);
    Report {
        figures: Vec::new(),
        sections: vec![
            ageing_section(scope, &open),
            top,
            all,
            late_section(scope, late_installments(scope, &open)),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::document::OrderStatus;
    use crate::reports::period::Period;
    use crate::reports::scope::{Data, Owner};
    use crate::reports::testdata_c::*;

    const TODAY: &str = "2026-03-31";

    /// acme owes on o1 (CNY) and o3 (EUR at 7.7), globex on o2 (USD at 7.1).
    fn data() -> Dataset {
        let mut theirs = sale("o5", "acme", "2026-03-01", "500");
        theirs.meta.owner = "li".into();
        let mut draft = sale("o6", "acme", "2026-01-01", "999");
        draft.status = OrderStatus::Draft;
        let mut trashed = payment("p-trash", "o1", "2026-02-01", "100");
        trashed.meta.move_to_trash("2026-02-02T00:00:00Z");
        Dataset {
            customers: vec![
                customer("acme", "2025-01-01"),
                customer("globex", "2025-01-01"),
            ],
            orders: vec![
                with_plan(
                    sale("o1", "acme", "2026-01-01", "1000"),
                    &[
                        ("2026-01-15", "400"),
                        ("2026-03-15", "300"),
                        ("2026-04-30", "300"),
                    ],
                ),
                sale_in("o2", "globex", "2025-11-01", "200", "USD", "7.1"),
                with_plan(
                    sale_in("o3", "acme", "2026-02-10", "100", "EUR", "7.7"),
                    &[("2026-02-20", "50"), ("2026-05-01", "50")],
                ),
                sale("o4", "globex", "2026-01-01", "80"),
                theirs,
                draft,
            ],
            payments: vec![
                payment("p1", "o1", "2026-01-20", "250"),
                payment("p4", "o4", "2026-01-02", "80"),
                trashed,
            ],
            ..Dataset::default()
        }
    }

    fn my_scope(data: &Dataset) -> Scope<'_> {
        // The period is of no account: a quarter long past.
        Scope::new(
            Data::of(data),
            data.settings.clone(),
            Period::custom("2024-01-01", "2024-03-31").unwrap(),
            Owner::Member(ME.into()),
            TODAY,
        )
    }

    #[test]
    fn ageing_in_the_base_currency_at_each_orders_rate() {
        let data = data();
        let report = receivables(&my_scope(&data));
        let ageing = &report.sections[0];
        // o1 (1000, 250 paid): 150 open of 01-15 (16 + 28 + 31 = 75 days late), 300 of 03-15
        // (16 days), 300 not due. o2: 200 x 7.1 = 1420 due 2025-11-01, 150 days late.
        // o3: 50 x 7.7 = 385 of 02-20 (8 + 31 = 39 days), 385 not due. o4 is paid, o5 is li's,
        // o6 a draft.
        let amounts: Vec<Decimal> = ageing
            .table
            .rows
            .iter()
            .map(|r| number(&r.values[0]))
            .collect();
        assert_eq!(
            amounts,
            [dec("685"), dec("300"), dec("385"), dec("150"), dec("1420")]
        );
        // 685 + 300 + 385 + 150 + 1420 = 2940; 1420 / 2940 = 48.3%.
        assert_eq!(
            numbers(ageing.table.total.as_ref().unwrap()),
            [dec("2940"), dec("100")]
        );
        assert_eq!(number(&ageing.table.rows[4].values[1]), dec("48.3"));
        let behind: Vec<Vec<&str>> = ageing.table.rows.iter().map(|r| ids(&data, r)).collect();
        assert_eq!(
            behind,
            [
                vec!["o1", "o3"],
                vec!["o1"],
                vec!["o3"],
                vec!["o1"],
                vec!["o2"]
            ]
        );
        assert_eq!(ageing.table.rows[0].label, Label::Key(Key::AgeNotDue));

        let everyone = scope(&data, "2024-01-01", "2024-03-31", TODAY);
        let ageing = &receivables(&everyone).sections[0];
        // li's o5: 500 due 03-01, 30 days late.
        assert_eq!(number(&ageing.table.rows[1].values[0]), dec("800"));
    }

    #[test]
    fn balances_per_customer_and_overdue_installments_oldest_first() {
        let data = data();
        let report = receivables(&my_scope(&data));
        let [_, top, all, late] = &report.sections[..] else {
            panic!("four sections");
        };
        // acme: o1 750 (450 overdue) + o3 100 x 7.7 = 770 (385 overdue); globex: o2 1420, all
        // overdue.
        for section in [top, all] {
            assert_eq!(section.table.rows[0].label, Label::Text("ACME".into()));
            assert_eq!(
                numbers(&section.table.rows[0]),
                [dec("2"), dec("1520"), dec("835")]
            );
            assert_eq!(ids(&data, &section.table.rows[0]), ["o1", "o3"]);
            assert_eq!(
                numbers(&section.table.rows[1]),
                [dec("1"), dec("1420"), dec("1420")]
            );
            assert_eq!(
                numbers(section.table.total.as_ref().unwrap()),
                [dec("3"), dec("2940"), dec("2255")]
            );
        }
        assert!(top.chart.is_some() && all.chart.is_none());

        let rows: Vec<(Label, Value, Value, Value, Value)> = late
            .table
            .rows
            .iter()
            .map(|r| {
                let v = &r.values;
                (
                    r.label.clone(),
                    v[0].clone(),
                    v[1].clone(),
                    v[2].clone(),
                    v[3].clone(),
                )
            })
            .collect();
        let row = |number: &str, customer: &str, due: &str, open: &str, days: i64| {
            (
                Label::Text(number.into()),
                Value::Text(customer.into()),
                Value::Day(due.into()),
                Value::Money(dec(open)),
                Value::Days(Some(Decimal::from(days))),
            )
        };
        assert_eq!(
            rows,
            [
                row("SO-o2", "GLOBEX", "2025-11-01", "1420", 150),
                row("SO-o1", "ACME", "2026-01-15", "150", 75),
                row("SO-o3", "ACME", "2026-02-20", "385", 39),
                row("SO-o1", "ACME", "2026-03-15", "300", 16),
            ]
        );
        // 1420 + 150 + 385 + 300, the overdue part of every balance.
        assert_eq!(
            late.table.total.as_ref().unwrap().values[2],
            Value::Money(dec("2255"))
        );
    }

    #[test]
    fn beyond_ten_customers_the_chart_gets_one_more_bar_for_the_rest() {
        let names: Vec<String> = (1..=12).map(|i| format!("c{i:02}")).collect();
        let data = Dataset {
            customers: names.iter().map(|c| customer(c, "2025-01-01")).collect(),
            orders: names
                .iter()
                .enumerate()
                .map(|(i, c)| sale(c, c, "2026-03-01", &format!("{}", 100 + i)))
                .collect(),
            ..Dataset::default()
        };
        let report = receivables(&scope(&data, "2026-03-01", "2026-03-31", TODAY));
        let (top, all) = (&report.sections[1], &report.sections[2]);
        assert_eq!(all.table.rows.len(), 12);
        assert_eq!(top.table.rows.len(), 11);
        // The two smallest, c02 (101) and c01 (100).
        let rest = &top.table.rows[10];
        assert_eq!(rest.label, Label::Key(Key::ReportOther));
        assert_eq!(numbers(rest), [dec("2"), dec("201"), dec("201")]);
        assert_eq!(ids(&data, rest), ["c02", "c01"]);
        assert!((0..3).all(|c| adds_up(top, c) && adds_up(all, c)));
    }
}
