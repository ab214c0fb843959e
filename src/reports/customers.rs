//! Customer analysis (客户分析): customers by source, industry, level and city, Pareto 80/20, RFM
//! segments, the repeat-purchase rate and forgotten customers.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::buyers::{behind_customers, buyers, Buyer};
use super::pareto::Pareto;
use super::scope::{Behind, Compared, Data, Scope};
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
    pub customers: Vec<&'a Customer>,
    /// Those of them made in the period.
    pub new: u64,
    /// The period's sales to customers with this value (in Trash or not), in the base currency.
    pub revenue: Decimal,
}

impl<'a> Group<'a> {
    fn absorb(&mut self, other: &Group<'a>) {
        self.customers.extend(&other.customers);
        self.new += other.new;
        self.revenue += other.revenue;
    }

    fn row(&self, data: &Data<'a>, label: Label) -> Row {
        Row {
            label,
            values: vec![
                Value::Count(self.customers.len() as u64),
                Value::Count(self.new),
                Value::Money(self.revenue),
            ],
            behind: Some(data.behind(self.customers.iter().copied())),
        }
    }
}

/// Groups by `attribute`, the largest revenue first, then the most customers, then by value.
pub fn groups<'a>(
    scope: &Scope<'a>,
    buyers: &[Buyer<'a>],
    attribute: Attribute,
) -> Vec<(&'a str, Group<'a>)> {
    let mut by_value: FxHashMap<&'a str, Group<'a>> = FxHashMap::default();
    let made = &scope.columns().customer_created;
    for (c, &made) in scope
        .data
        .customers
        .iter()
        .zip(made)
        .filter(|(c, _)| scope.counts(&c.meta))
    {
        let group = by_value.entry(attribute.of(c)).or_default();
        group.customers.push(c);
        if scope.period.contains_code(made) {
            group.new += 1;
        }
    }
    for buyer in buyers {
        let value = buyer.customer.map_or("", |c| attribute.of(c));
        by_value.entry(value).or_default().revenue += buyer.revenue;
    }
    let mut list: Vec<(&str, Group)> = by_value.into_iter().collect();
    sort_by(&mut list, |a, b| {
        b.1.revenue
            .cmp(&a.1.revenue)
            .then_with(|| b.1.customers.len().cmp(&a.1.customers.len()))
            .then_with(|| a.0.cmp(b.0))
    });
    list
}

fn by_attribute<'a>(scope: &Scope<'a>, buyers: &[Buyer<'a>], attribute: Attribute) -> Section {
    let list = groups(scope, buyers, attribute);
    let shown = if attribute.capped() && list.len() > TOP_GROUPS {
        TOP_GROUPS
    } else {
        list.len()
    };
    let mut rows = Vec::new();
    let mut other = Group::default();
    let mut total = Group::default();
    for (i, (value, group)) in list.iter().enumerate() {
        total.absorb(group);
        if i < shown {
            rows.push(group.row(&scope.data, attribute.label(value)));
        } else {
            other.absorb(group);
        }
    }
    if list.len() > shown {
        rows.push(other.row(&scope.data, Label::Key(Key::ReportOther)));
    }
    let mut total = total.row(&scope.data, Label::Key(Key::ReportTotal));
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

fn repeat_buyers<'a>(buyers: &[Buyer<'a>], data: &Data<'a>) -> Behind {
    let repeat = buyers.iter().filter(|b| b.sales >= 2);
    behind_customers(data, repeat.map(|b| b.customer))
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
    let buyers_now = buyers(scope, &scope.period);
    let buyers_before = buyers(scope, &scope.period.previous());
    let pareto = Pareto::of(&buyers_now);
    let pareto_before = Pareto::of(&buyers_before);

    let figures = vec![
        percent_figure(
            Key::ReportTopFifthShare,
            pareto.top_share(),
            pareto_before.top_share(),
            pareto.top_customers(&scope.data),
        ),
        percent_figure(
            Key::ReportRepeatRate,
            repeat_rate(&buyers_now),
            repeat_rate(&buyers_before),
            repeat_buyers(&buyers_now, &scope.data),
        ),
    ];
    let mut sections: Vec<Section> = Attribute::ALL
        .into_iter()
        .map(|attribute| by_attribute(scope, &buyers_now, attribute))
        .collect();
    sections.push(pareto.section(&scope.data));
    sections.push(rfm::section(
        &rfm::score(&buyers_now, rfm::as_of(scope)),
        &scope.data,
        &scope.base,
    ));
    sections.push(forgotten::section(scope));
    Report { figures, sections }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::lead::Level;
    use crate::reports::testdata_c::*;

    fn described(
        id: &str,
        created: &str,
        source: &str,
        industry: &str,
        level: Option<Level>,
        city: &str,
    ) -> Customer {
        let mut c = customer(id, created);
        c.details.source = source.into();
        c.details.industry = industry.into();
        c.details.level = level;
        c.details.city = city.into();
        c
    }

    /// Over the first quarter of 2026: a, b, c are live; e is in Trash and still bought.
    fn four_customers() -> Dataset {
        let mut e = described(
            "e",
            "2025-01-01",
            "referral",
            "Retail",
            Some(Level::C),
            "Hangzhou",
        );
        e.meta.move_to_trash("2026-02-01T00:00:00Z");
        Dataset {
            customers: vec![
                described(
                    "a",
                    "2025-06-01",
                    "website",
                    "Manufacturing",
                    Some(Level::A),
                    "Shanghai",
                ),
                described(
                    "b",
                    "2026-02-10",
                    "website",
                    "Retail",
                    Some(Level::B),
                    "Beijing",
                ),
                described("c", "2026-01-05", "referral", "", None, "Shanghai"),
                e,
            ],
            orders: vec![
                sale("a1", "a", "2026-01-15", "600"),
                sale("a2", "a", "2026-03-15", "400"),
                sale("b1", "b", "2026-02-15", "500"),
                // 50 dollars at 6.
                sale_in("c1", "c", "2026-03-01", "50", "USD", "6"),
                sale("e1", "e", "2026-03-02", "200"),
                // Last quarter: a once, b twice.
                sale("a0", "a", "2025-12-01", "100"),
                sale("b0", "b", "2025-11-01", "100"),
                sale("b00", "b", "2025-11-02", "100"),
            ],
            ..Dataset::default()
        }
    }

    fn rows(section: &Section) -> Vec<(Label, Vec<Decimal>)> {
        section
            .table
            .rows
            .iter()
            .map(|r| (r.label.clone(), numbers(r)))
            .collect()
    }

    fn n(values: [i64; 3]) -> Vec<Decimal> {
        values.into_iter().map(Decimal::from).collect()
    }

    #[test]
    fn customers_by_source_industry_level_and_city() {
        let data = four_customers();
        let scope = scope(&data, "2026-01-01", "2026-03-31", "2026-04-15");
        let report = customers(&scope);
        let text = |s: &str| Label::Text(s.into());
        let not_set = Label::Key(Key::ReportNotSet);
        // Columns: customers (live), new in the period (b, c), revenue.
        // website: a 600 + 400, b 500 = 1500; referral: c 50 x 6 = 300, e (in Trash) 200 = 500.
        let by_source = &report.sections[0];
        assert_eq!(by_source.title, Key::ReportCustomersBySource);
        assert_eq!(
            rows(by_source),
            [
                (Label::Source("website".into()), n([2, 1, 1500])),
                (Label::Source("referral".into()), n([1, 1, 500])),
            ]
        );
        assert_eq!(ids(&data, &by_source.table.rows[0]), ["a", "b"]);
        assert_eq!(
            numbers(by_source.table.total.as_ref().unwrap()),
            n([3, 2, 2000])
        );
        // Retail: b 500 + e 200.
        assert_eq!(
            rows(&report.sections[1]),
            [
                (text("Manufacturing"), n([1, 0, 1000])),
                (text("Retail"), n([1, 1, 700])),
                (not_set.clone(), n([1, 1, 300])),
            ]
        );
        // Level C is only e's, in Trash: revenue and no customer.
        assert_eq!(
            rows(&report.sections[2]),
            [
                (text("A"), n([1, 0, 1000])),
                (text("B"), n([1, 1, 500])),
                (not_set, n([1, 1, 300])),
                (text("C"), n([0, 0, 200])),
            ]
        );
        assert_eq!(
            rows(&report.sections[3]),
            [
                (text("Shanghai"), n([2, 1, 1300])),
                (text("Beijing"), n([1, 1, 500])),
                (text("Hangzhou"), n([0, 0, 200])),
            ]
        );
        for section in &report.sections[..4] {
            assert!((0..3).all(|column| adds_up(section, column)));
        }
    }

    #[test]
    fn the_repeat_rate_and_the_top_fifth_against_the_quarter_before() {
        let data = four_customers();
        let scope = scope(&data, "2026-01-01", "2026-03-31", "2026-04-15");
        let report = customers(&scope);
        let [top, repeat] = &report.figures[..] else {
            panic!("two figures");
        };
        // Now: a 1000, b 500, c 300, e 200; ceil(4 / 5) = 1 customer: 1000 / 2000 = 50%.
        // Before: a 100, b 200; ceil(2 / 5) = 1: 200 / 300 = 66.7%. Change: (50 - 66.7) / 66.7.
        assert_eq!(top.title, Key::ReportTopFifthShare);
        assert_eq!(top.now, Value::Percent(Some(dec("50.0"))));
        assert_eq!(top.before, Value::Percent(Some(dec("66.7"))));
        assert_eq!(top.change, Value::Change(Some(dec("-25.0"))));
        assert_eq!(top.behind.as_ref().unwrap().ids(&scope.data), ["a"]);
        // Now only a of 4 buyers bought twice: 25%; before, b of 2: 50%.
        assert_eq!(repeat.now, Value::Percent(Some(dec("25.0"))));
        assert_eq!(repeat.before, Value::Percent(Some(dec("50.0"))));
        assert_eq!(repeat.change, Value::Change(Some(dec("-50.0"))));
        assert_eq!(repeat.behind.as_ref().unwrap().ids(&scope.data), ["a"]);

        let empty = Dataset::default();
        let scope =
            super::super::testdata_c::scope(&empty, "2026-01-01", "2026-03-31", "2026-04-15");
        let report = customers(&scope);
        assert_eq!(report.figures[1].now, Value::Percent(None));
        assert_eq!(report.figures[1].change, Value::Change(None));
    }

    #[test]
    fn industries_and_cities_beyond_ten_share_an_other_row() {
        let mut list: Vec<Customer> = (1..=12)
            .map(|i| {
                let id = format!("k{i:02}");
                described(&id, "2025-01-01", "", "", None, &format!("City {i:02}"))
            })
            .collect();
        list[11].details.city = "City 01".into();
        let data = Dataset {
            orders: vec![sale("s", "k05", "2026-01-05", "10")],
            customers: list,
            ..Dataset::default()
        };
        let scope = scope(&data, "2026-01-01", "2026-03-31", "2026-04-15");
        let report = customers(&scope);
        let by_city = &report.sections[3];
        // 11 cities: City 05 has the revenue, City 01 two customers, then by name; the last
        // of 11 goes to Other.
        let labels: Vec<Label> = by_city.table.rows.iter().map(|r| r.label.clone()).collect();
        let city = |i: u32| Label::Text(format!("City {i:02}"));
        let expected: Vec<Label> = [5, 1, 2, 3, 4, 6, 7, 8, 9, 10]
            .into_iter()
            .map(city)
            .chain([Label::Key(Key::ReportOther)])
            .collect();
        assert_eq!(labels, expected);
        assert_eq!(ids(&data, &by_city.table.rows[10]), ["k11"]);
        assert!((0..3).all(|column| adds_up(by_city, column)));
        // Sources are few: all customers with none set are one row, never capped.
        assert_eq!(report.sections[0].table.rows.len(), 1);
        assert_eq!(
            report.sections[0].table.rows[0].label,
            Label::Key(Key::ReportNotSet)
        );
    }
}
