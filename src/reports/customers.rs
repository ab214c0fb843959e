//! Customer analysis (客户分析): customers by source, industry, level and city, Pareto 80/20, RFM
//! segments, the repeat-purchase rate and forgotten customers.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::buyers::{buyers, Buyer, Customers};
use super::pareto::Pareto;
use super::scope::{Behind, Compared, RecordKind, Scope};
use super::table::{percent, Chart, ChartKind, Figure, Label, Report, Row, Section, Table, Value};
use super::{forgotten, rfm};
use crate::domain::customer::Customer;
use crate::i18n::Key;

/// Industries and cities are many: the largest are listed, the rest share an "Other" row.
pub const TOP_GROUPS: usize = 10;

/// A customer field the customers are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribute {
    Source,
    Industry,
    Level,
    City,
}

impl Attribute {
    pub const ALL: [Attribute; 4] = [
        Attribute::Source,
        Attribute::Industry,
        Attribute::Level,
        Attribute::City,
    ];

    /// The value as stored; empty when not set.
    pub fn of(self, customer: &Customer) -> &str {
        let d = &customer.details;
        match self {
            Attribute::Source => &d.source,
            Attribute::Industry => &d.industry,
            Attribute::Level => d.level.map_or("", |l| l.as_str()),
            Attribute::City => &d.city,
        }
    }

    fn label(self, value: &str) -> Label {
        match (self, value) {
            (_, "") => Label::Key(Key::ReportNotSet),
            (Attribute::Source, code) => Label::Source(code.to_owned()),
            (_, text) => Label::Text(text.to_owned()),
        }
    }

    fn title(self) -> Key {
        match self {
            Attribute::Source => Key::ReportCustomersBySource,
            Attribute::Industry => Key::ReportCustomersByIndustry,
            Attribute::Level => Key::ReportCustomersByLevel,
            Attribute::City => Key::ReportCustomersByCity,
        }
    }

    fn heading(self) -> Key {
        match self {
            Attribute::Source => Key::ReportColSource,
            Attribute::Industry => Key::ReportColIndustry,
            Attribute::Level => Key::ReportColLevel,
            Attribute::City => Key::ReportColCity,
        }
    }

    /// A few sources and levels read best as a ring of customers; industries and cities, many
    /// and ranked by revenue, as bars of revenue.
    fn chart(self) -> Chart {
        match self {
            Attribute::Source | Attribute::Level => Chart {
                kind: ChartKind::Donut,
                columns: vec![0],
            },
            Attribute::Industry | Attribute::City => Chart {
                kind: ChartKind::Bar,
                columns: vec![2],
            },
        }
    }

    fn capped(self) -> bool {
        matches!(self, Attribute::Industry | Attribute::City)
    }
}

/// The customers sharing one value of an attribute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group<'a> {
    /// The owner's customers outside Trash.
    pub customers: Vec<&'a str>,
    /// Those of them made in the period.
    pub new: u64,
    /// The period's sales to customers with this value (in Trash or not), in the base currency.
    pub revenue: Decimal,
}

impl<'a> Group<'a> {
    fn absorb(&mut self, other: Group<'a>) {
        self.customers.extend(other.customers);
        self.new += other.new;
        self.revenue += other.revenue;
    }

    fn row(&self, label: Label) -> Row {
        Row {
            label,
            values: vec![
                Value::Count(self.customers.len() as u64),
                Value::Count(self.new),
                Value::Money(self.revenue),
            ],
            behind: Some(Behind {
                kind: RecordKind::Customer,
                ids: self.customers.iter().map(|id| (*id).to_owned()).collect(),
            }),
        }
    }
}

/// Groups by `attribute`, the largest revenue first, then the most customers, then by value.
pub fn groups<'a>(
    scope: &Scope<'a>,
    customers: &Customers<'a>,
    buyers: &[Buyer],
    attribute: Attribute,
) -> Vec<(&'a str, Group<'a>)> {
    let mut by_value: HashMap<&'a str, Group<'a>> = HashMap::new();
    for c in scope
        .data
        .customers
        .iter()
        .filter(|c| scope.counts(&c.meta))
    {
        let group = by_value.entry(attribute.of(c)).or_default();
        group.customers.push(&c.meta.id);
        if scope.period.contains(&c.meta.created_at) {
            group.new += 1;
        }
    }
    for buyer in buyers {
        let value = customers
            .get(buyer.customer_id)
            .map_or("", |c| attribute.of(c));
        by_value.entry(value).or_default().revenue += buyer.revenue;
    }
    let mut list: Vec<(&str, Group)> = by_value.into_iter().collect();
    list.sort_by(|a, b| {
        b.1.revenue
            .cmp(&a.1.revenue)
            .then_with(|| b.1.customers.len().cmp(&a.1.customers.len()))
            .then_with(|| a.0.cmp(b.0))
    });
    list
}

fn by_attribute(
    scope: &Scope,
    customers: &Customers,
    buyers: &[Buyer],
    attribute: Attribute,
) -> Section {
    let mut list = groups(scope, customers, buyers, attribute);
    let mut total = Group::default();
    let mut other = Group::default();
    let mut rows = Vec::new();
    let shown = if attribute.capped() && list.len() > TOP_GROUPS {
        TOP_GROUPS
    } else {
        list.len()
    };
    for (i, (value, group)) in list.drain(..).enumerate() {
        if i < shown {
            rows.push(group.row(attribute.label(value)));
        }
        total.new += group.new;
        total.revenue += group.revenue;
        total.customers.extend(&group.customers);
        if i >= shown {
            other.absorb(group);
        }
    }
    if !other.customers.is_empty() || !other.revenue.is_zero() {
        rows.push(other.row(Label::Key(Key::ReportOther)));
    }
    let mut total = total.row(Label::Key(Key::ReportTotal));
    total.behind = None;
    Section {
        title: attribute.title(),
        chart: Some(attribute.chart()),
        table: Table {
            columns: vec![
                Label::Key(attribute.heading()),
                Label::Key(Key::ReportColCustomers),
                Label::Key(Key::ReportColNewCustomers),
                Label::Key(Key::ReportColRevenue),
            ],
            rows,
            total: Some(total),
        },
    }
}

/// Customers who bought at least twice in the period, of those who bought at all.
pub fn repeat_rate(buyers: &[Buyer]) -> Option<Decimal> {
    let repeat = buyers.iter().filter(|b| b.sales >= 2).count();
    percent(repeat.into(), buyers.len().into())
}

fn repeat_buyers(buyers: &[Buyer]) -> Behind {
    Behind {
        kind: RecordKind::Customer,
        ids: buyers
            .iter()
            .filter(|b| b.sales >= 2)
            .map(|b| b.customer_id.to_owned())
            .collect(),
    }
}

fn percent_figure(
    title: Key,
    now: Option<Decimal>,
    before: Option<Decimal>,
    behind: Behind,
) -> Figure {
    let change = match (now, before) {
        (Some(now), Some(before)) => Compared { now, before }.change_percent(),
        _ => None,
    };
    Figure {
        title,
        now: Value::Percent(now),
        before: Value::Percent(before),
        change: Value::Change(change),
        behind: Some(behind),
    }
}

pub fn customers(scope: &Scope) -> Report {
    let customers = Customers::of(scope);
    let buyers_now = buyers(scope);
    let before = scope.over(scope.period.previous());
    let buyers_before = buyers(&before);
    let pareto = Pareto::of(&buyers_now, &customers);
    let pareto_before = Pareto::of(&buyers_before, &customers);

    let figures = vec![
        percent_figure(
            Key::ReportTopFifthShare,
            pareto.top_share(),
            pareto_before.top_share(),
            pareto.top_customers(),
        ),
        percent_figure(
            Key::ReportRepeatRate,
            repeat_rate(&buyers_now),
            repeat_rate(&buyers_before),
            repeat_buyers(&buyers_now),
        ),
    ];
    let mut sections: Vec<Section> = Attribute::ALL
        .into_iter()
        .map(|attribute| by_attribute(scope, &customers, &buyers_now, attribute))
        .collect();
    sections.push(pareto.section(&customers));
    sections.push(rfm::section(
        &rfm::score(&buyers_now, rfm::as_of(scope)),
        &scope.base,
    ));
    sections.push(forgotten::section(scope));
    Report { figures, sections }
}
