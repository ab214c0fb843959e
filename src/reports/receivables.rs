//! Receivables (应收/账龄): what customers owe as of today, how late it is, and which
//! installments are overdue.
//!
//! A balance is owed now whatever the period, so this report ignores the period: everything is
//! measured at `scope.today`, with the same ledger, ageing and overdue rules as the Receivables
//! screen. The owner filter is the order's owner.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::buyers::Customers;
use super::period::days_between;
use super::scope::{Behind, RecordKind, Scope};
use super::table::{percent, Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::balance::{ageing, receivables as open_balances, Ledger, Receivable};
use crate::domain::order::Order;
use crate::domain::receivable::{age, Age};
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
    pub orders: Vec<&'a str>,
    pub balance: Decimal,
    pub overdue: Decimal,
}

impl<'a> Owed<'a> {
    fn add(&mut self, other: &Owed<'a>) {
        self.orders.extend(&other.orders);
        self.balance += other.balance;
        self.overdue += other.overdue;
    }

    fn row(&self, label: Label) -> Row {
        Row {
            label,
            values: vec![
                Value::Count(self.orders.len() as u64),
                Value::Money(self.balance),
                Value::Money(self.overdue),
            ],
            behind: Some(Behind {
                kind: RecordKind::Order,
                ids: self.orders.iter().map(|id| (*id).to_owned()).collect(),
            }),
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
    let ledger = Ledger::new(scope.data.payments, scope.data.invoices);
    open_balances(scope.data.orders, &ledger, &scope.today)
        .into_iter()
        .filter(|r| scope.counts(&r.order.meta))
        .collect()
}

/// Per customer, the largest balance first, then by name.
pub fn owed_by_customer<'a>(
    scope: &Scope,
    customers: &Customers,
    open: &[Receivable<'a>],
) -> Vec<(&'a str, Owed<'a>)> {
    let mut by_customer: HashMap<&'a str, Owed<'a>> = HashMap::new();
    for r in open {
        let owed = by_customer
            .entry(r.order.body.customer_id.as_str())
            .or_default();
        owed.orders.push(&r.order.meta.id);
        owed.balance += scope.in_base(r.money.balance, r.order);
        owed.overdue += scope.in_base(r.money.overdue, r.order);
    }
    let mut list: Vec<(&str, Owed)> = by_customer.into_iter().collect();
    list.sort_by(|a, b| {
        b.1.balance
            .cmp(&a.1.balance)
            .then_with(|| customers.name(a.0).cmp(customers.name(b.0)))
            .then_with(|| a.0.cmp(b.0))
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
                    days_late: days_between(&s.installment.due, &scope.today).unwrap_or_default(),
                })
        })
        .collect();
    late.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.order.body.number.cmp(&b.order.body.number))
    });
    late
}

fn ageing_section(scope: &Scope, open: &[Receivable]) -> Section {
    let buckets = ageing(open, &scope.base, &scope.today);
    let mut orders_in: BTreeMap<Age, Vec<String>> = BTreeMap::new();
    for r in open {
        let mut ages: Vec<Age> = r
            .money
            .installments
            .iter()
            .filter(|s| s.open() > Decimal::ZERO)
            .map(|s| age(&s.installment.due, &scope.today))
            .collect();
        ages.dedup();
        for a in ages {
            orders_in
                .entry(a)
                .or_default()
                .push(r.order.meta.id.clone());
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
            behind: Some(Behind {
                kind: RecordKind::Order,
                ids: orders_in.remove(&a).unwrap_or_default(),
            }),
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
fn owed_sections(customers: &Customers, owed: &[(&str, Owed)]) -> [Section; 2] {
    let mut total = Owed::default();
    let mut rest = Owed::default();
    let mut all_rows = Vec::new();
    let mut top_rows = Vec::new();
    for (i, (customer_id, o)) in owed.iter().enumerate() {
        let row = o.row(customers.label(customer_id));
        if i < TOP_CUSTOMERS {
            top_rows.push(row.clone());
        } else {
            rest.add(o);
        }
        all_rows.push(row);
        total.add(o);
    }
    if !rest.orders.is_empty() {
        top_rows.push(rest.row(Label::Key(Key::ReportOther)));
    }
    let mut total = total.row(Label::Key(Key::ReportTotal));
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

fn late_section(customers: &Customers, late: &[Late]) -> Section {
    let rows = late
        .iter()
        .map(|l| Row {
            label: Label::Text(l.order.body.number.clone()),
            values: vec![
                Value::Text(customers.name(&l.order.body.customer_id).to_owned()),
                Value::Day(l.due.clone()),
                Value::Money(l.open),
                Value::Days(Some(Decimal::from(l.days_late))),
            ],
            behind: Some(Behind {
                kind: RecordKind::Order,
                ids: vec![l.order.meta.id.clone()],
            }),
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
                    Value::Money(late.iter().map(|l| l.open).sum()),
                    Value::Days(None),
                ],
                behind: None,
            }),
        },
    }
}

pub fn receivables(scope: &Scope) -> Report {
    let customers = Customers::of(scope);
    let open = open_orders(scope);
    let owed = owed_by_customer(scope, &customers, &open);
    let [top, all] = owed_sections(&customers, &owed);
    Report {
        figures: Vec::new(),
        sections: vec![
            ageing_section(scope, &open),
            top,
            all,
            late_section(&customers, &late_installments(scope, &open)),
        ],
    }
}
