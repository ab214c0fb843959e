//! Lead conversion (线索转化): how many of the leads that came in during the period became
//! customers, by source and by owner, and how much each lead source has sold.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::grouping::{largest_first, typed_or_not_set, SalesTally};
use super::period::Period;
use super::scope::{Compared, Data, Scope};
use super::table::{percent, Chart, ChartKind, Figure, Label, Report, Row, Section, Table, Value};
use crate::domain::lead::{Lead, LeadStatus};
use crate::i18n::Key;

/// Some leads and how many of them are converted now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conversion<'a> {
    pub records: Vec<&'a Lead>,
    pub converted: u64,
}

/// The owner's leads created in `period`.
fn created_in<'s, 'a: 's>(
    scope: &'s Scope<'a>,
    period: &'s Period,
) -> impl Iterator<Item = &'a Lead> + 's {
    let leads: &'a [Lead] = scope.data.leads;
    leads
        .iter()
        .zip(&scope.columns().lead_created)
        .filter(move |&(l, &made)| period.contains_code(made) && scope.counts(&l.meta))
        .map(|(l, _)| l)
}

impl<'a> Conversion<'a> {
    fn of(leads: impl Iterator<Item = &'a Lead>) -> Conversion<'a> {
        let mut conversion = Conversion::default();
        leads.for_each(|lead| conversion.add(lead));
        conversion
    }

    fn add(&mut self, lead: &'a Lead) {
        self.records.push(lead);
        if lead.status == LeadStatus::Converted {
            self.converted += 1;
        }
    }

    pub fn leads(&self) -> u64 {
        self.records.len() as u64
    }

    pub fn rate(&self) -> Option<Decimal> {
        percent(Decimal::from(self.converted), Decimal::from(self.leads()))
    }

    fn values(&self) -> Vec<Value> {
        vec![
            Value::Count(self.leads()),
            Value::Count(self.converted),
            Value::Percent(self.rate()),
        ]
    }

    fn row(&self, data: &Data<'a>, label: Label) -> Row {
        Row {
            label,
            values: self.values(),
            behind: Some(data.behind(self.records.iter().copied())),
        }
    }
}

/// The owner's leads created in the period, in all and grouped by their source and their owner.
#[derive(Debug, Default)]
pub struct LeadCohort<'a> {
    pub all: Conversion<'a>,
    pub by_source: Vec<(&'a str, Conversion<'a>)>,
    pub by_owner: Vec<(&'a str, Conversion<'a>)>,
}

impl<'a> LeadCohort<'a> {
    pub fn of(scope: &Scope<'a>) -> LeadCohort<'a> {
        let mut all = Conversion::default();
        let mut by_source: FxHashMap<&str, Conversion> = FxHashMap::default();
        let mut by_owner: FxHashMap<&str, Conversion> = FxHashMap::default();
        for lead in created_in(scope, &scope.period) {
            all.add(lead);
            by_source
                .entry(lead.details.source.trim())
                .or_default()
                .add(lead);
            by_owner
                .entry(lead.meta.owner.as_str())
                .or_default()
                .add(lead);
        }
        LeadCohort {
            all,
            by_source: most_leads_first(by_source),
            by_owner: most_leads_first(by_owner),
        }
    }
}

fn most_leads_first<'a>(
    groups: FxHashMap<&'a str, Conversion<'a>>,
) -> Vec<(&'a str, Conversion<'a>)> {
    let mut groups: Vec<_> = groups.into_iter().collect();
    sort_by(&mut groups, |a, b| {
        b.1.leads()
            .cmp(&a.1.leads())
            .then(a.0.is_empty().cmp(&b.0.is_empty()))
            .then(a.0.cmp(b.0))
    });
    groups
}

/// Sales in the period by where their customer came from: the source of the lead the customer
/// was converted from, else the source on the customer itself.
pub fn revenue_by_lead_source<'a>(scope: &Scope<'a>) -> Vec<(&'a str, SalesTally<'a>)> {
    let leads: &'a [Lead] = scope.data.leads;
    let customer_lead = &scope.columns().customer_lead;
    let mut by_source: FxHashMap<&'a str, SalesTally<'a>> = FxHashMap::default();
    for sale in scope.sales_in_period() {
        let customer = scope.customer_of(sale.order);
        // A lead in Trash still tells where its customer came from.
        let from_lead = customer
            .and_then(|c| customer_lead.get(scope.data.place(c) as usize))
            .and_then(|&lead| leads.get(lead as usize))
            .map(|l| l.details.source.trim())
            .filter(|s| !s.is_empty());
        let source = from_lead
            .or(customer.map(|c| c.details.source.trim()))
            .unwrap_or("");
        by_source
            .entry(source)
            .or_default()
            .add(sale.order, sale.total);
    }
    let mut groups: Vec<_> = by_source.into_iter().collect();
    largest_first(&mut groups, |t| t.amount);
    groups
}

fn source_label(source: &str) -> Label {
    typed_or_not_set(source, Label::Source)
}

fn conversion_columns(first: Key) -> Vec<Label> {
    [
        first,
        Key::ReportColLeads,
        Key::ReportColConverted,
        Key::ReportColConversionRate,
    ]
    .into_iter()
    .map(Label::Key)
    .collect()
}

/// Leads and converted side by side.
fn conversion_bars() -> Option<Chart> {
    Some(Chart {
        kind: ChartKind::Bar,
        columns: vec![0, 1],
    })
}

fn figures<'a>(scope: &Scope<'a>, now: &Conversion<'a>) -> Vec<Figure> {
    let previous = scope.period.previous();
    let before = Conversion::of(created_in(scope, &previous));
    let leads = Compared {
        now: Decimal::from(now.leads()),
        before: Decimal::from(before.leads()),
    };
    let rate_change = now
        .rate()
        .zip(before.rate())
        .and_then(|(now, before)| Compared { now, before }.change_percent());
    let leads_behind = Some(scope.data.behind(now.records.iter().copied()));
    vec![
        Figure {
            title: Key::ReportNewLeads,
            now: Value::Count(now.leads()),
            before: Value::Count(before.leads()),
            change: Value::Change(leads.change_percent()),
            behind: leads_behind.clone(),
        },
        Figure {
            title: Key::ReportLeadConversionRate,
            now: Value::Percent(now.rate()),
            before: Value::Percent(before.rate()),
            change: Value::Change(rate_change),
            behind: leads_behind,
        },
    ]
}

pub fn lead_conversion(scope: &Scope) -> Report {
    let cohort = LeadCohort::of(scope);
    let revenue = revenue_by_lead_source(scope);
    let total_conversion = Row {
        label: Label::Key(Key::ReportTotal),
        values: cohort.all.values(),
        behind: None,
    };
    let revenue_total = Row {
        label: Label::Key(Key::ReportTotal),
        values: vec![
            Value::Count(revenue.iter().map(|(_, t)| t.count()).sum()),
            Value::Money(revenue.iter().map(|(_, t)| t.amount).sum()),
        ],
        behind: None,
    };
    Report {
        figures: figures(scope, &cohort.all),
        sections: vec![
            Section {
                title: Key::ReportLeadsBySource,
                chart: conversion_bars(),
                table: Table {
                    columns: conversion_columns(Key::ReportColSource),
                    rows: cohort
                        .by_source
                        .iter()
                        .map(|(source, c)| c.row(&scope.data, source_label(source)))
                        .collect(),
                    total: Some(total_conversion.clone()),
                },
            },
            Section {
                title: Key::ReportLeadsByOwner,
                chart: conversion_bars(),
                table: Table {
                    columns: conversion_columns(Key::ReportColOwner),
                    rows: cohort
                        .by_owner
                        .iter()
                        .map(|(owner, c)| c.row(&scope.data, Label::Member((*owner).to_owned())))
                        .collect(),
                    total: Some(total_conversion),
                },
            },
            Section {
                title: Key::ReportRevenueByLeadSource,
                chart: Some(Chart {
                    kind: ChartKind::Donut,
                    columns: vec![1],
                }),
                table: Table {
                    columns: [
                        Key::ReportColSource,
                        Key::ReportColOrders,
                        Key::ReportColAmount,
                    ]
                    .into_iter()
                    .map(Label::Key)
                    .collect(),
                    rows: revenue
                        .into_iter()
                        .map(|(source, t)| Row {
                            label: source_label(source),
                            values: vec![Value::Count(t.count()), Value::Money(t.amount)],
                            behind: Some(t.behind(&scope.data)),
                        })
                        .collect(),
                    total: Some(revenue_total),
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
    use crate::reports::scope::Owner;
    use crate::reports::testdata_b::{customer, dataset, dec, lead, line, order, scope};

    /// March 2026, compared with February.
    fn data() -> Dataset {
        let mut d = dataset();
        lead(&mut d, "l1", "2026-03-02", "ann", "website", Some("c1"));
        lead(&mut d, "l2", "2026-03-03", "ann", "website", None);
        lead(&mut d, "l3", "2026-03-04", "bob", "website", Some("c2"));
        lead(&mut d, "l4", "2026-03-05", "bob", "trade_fair", None);
        lead(&mut d, "l5", "2026-03-31", "ann", " ", Some("c3"));
        lead(&mut d, "l6", "2026-03-06", "ann", "website", None);
        d.leads[5].meta.move_to_trash("2026-03-07T00:00:00Z");
        lead(&mut d, "l7", "2026-02-10", "ann", "referral", Some("c4"));
        lead(&mut d, "l8", "2026-02-28", "ann", "referral", None);
        lead(&mut d, "l9", "2025-06-01", "ann", "cold_call", Some("c5"));

        customer(&mut d, "c1", "referral", Some("l1"));
        customer(&mut d, "c2", "", Some("l3"));
        customer(&mut d, "c3", "advertising", Some("l5"));
        customer(&mut d, "c4", "", Some("l7"));
        customer(&mut d, "c5", "", Some("l9"));
        customer(&mut d, "c6", "", None);
        customer(&mut d, "c7", "trade_fair", Some("gone"));

        // One line each, plus 13% VAT: the order total is 1.13 x the price.
        let mut sell = |id, cust, day, currency, rate, price| {
            order(
                &mut d,
                id,
                "ann",
                cust,
                day,
                currency,
                rate,
                vec![line(None, "x", "1", price)],
            )
        };
        sell("ord1", "c1", "2026-03-10", "CNY", "1", "1000");
        sell("ord2", "c2", "2026-03-11", "USD", "7.00", "100");
        sell("ord3", "c3", "2026-03-12", "CNY", "1", "500");
        sell("ord4", "c4", "2026-03-13", "CNY", "1", "2000");
        sell("ord5", "c5", "2026-03-14", "CNY", "1", "100");
        sell("ord6", "c6", "2026-03-15", "CNY", "1", "300");
        sell("ord7", "c7", "2026-03-16", "CNY", "1", "200");
        sell("ord8", "c1", "2026-03-17", "CNY", "1", "1000");
        sell("ord9", "c1", "2026-02-17", "CNY", "1", "1000");
        d.orders[7].status = OrderStatus::Draft;
        d
    }

    fn values(row: &Row) -> &[Value] {
        &row.values
    }

    fn conversion(leads: u64, converted: u64, rate: &str) -> Vec<Value> {
        vec![
            Value::Count(leads),
            Value::Count(converted),
            Value::Percent(Some(dec(rate))),
        ]
    }

    #[test]
    fn leads_of_the_period_by_source_and_owner() {
        let d = data();
        let s = scope(&d, "2026-03-01", "2026-03-31", Owner::Everyone);
        let report = lead_conversion(&s);
        let by_source = &report.sections[0].table;
        let labels: Vec<_> = by_source.rows.iter().map(|r| r.label.clone()).collect();
        // l1..l5 (l6 is in Trash, l7..l9 came in earlier); most leads first, (not set) last.
        assert_eq!(
            labels,
            [
                Label::Source("website".into()),
                Label::Source("trade_fair".into()),
                Label::Key(Key::ReportNotSet)
            ]
        );
        // Website: l1, l2, l3 of which l1 and l3 converted: 2/3 = 66.7%.
        assert_eq!(values(&by_source.rows[0]), conversion(3, 2, "66.7"));
        assert_eq!(values(&by_source.rows[1]), conversion(1, 0, "0.0"));
        assert_eq!(values(&by_source.rows[2]), conversion(1, 1, "100.0"));
        assert_eq!(
            by_source.rows[0].behind.as_ref().unwrap().ids(&s.data),
            ["l1", "l2", "l3"]
        );
        // 3 converted of 5.
        let total = conversion(5, 3, "60.0");
        assert_eq!(values(by_source.total.as_ref().unwrap()), total);

        let by_owner = &report.sections[1].table;
        assert_eq!(by_owner.rows[0].label, Label::Member("ann".into()));
        // Ann: l1, l2, l5, converted l1 and l5; Bob: l3, l4, converted l3.
        assert_eq!(values(&by_owner.rows[0]), conversion(3, 2, "66.7"));
        assert_eq!(by_owner.rows[1].label, Label::Member("bob".into()));
        assert_eq!(values(&by_owner.rows[1]), conversion(2, 1, "50.0"));
        assert_eq!(values(by_owner.total.as_ref().unwrap()), total);

        // February: l7 and l8, one converted. 5 against 2 is +150%; 60% against 50% is +20%.
        let f = &report.figures;
        assert_eq!(f[0].now, Value::Count(5));
        assert_eq!(f[0].before, Value::Count(2));
        assert_eq!(f[0].change, Value::Change(Some(dec("150.0"))));
        assert_eq!(f[1].now, Value::Percent(Some(dec("60.0"))));
        assert_eq!(f[1].before, Value::Percent(Some(dec("50.0"))));
        assert_eq!(f[1].change, Value::Change(Some(dec("20.0"))));
    }

    #[test]
    fn the_owner_filter_keeps_one_owners_leads() {
        let d = data();
        let s = scope(&d, "2026-03-01", "2026-03-31", Owner::Member("bob".into()));
        let cohort = LeadCohort::of(&s);
        let ids: Vec<&str> = cohort
            .all
            .records
            .iter()
            .map(|l| l.meta.id.as_str())
            .collect();
        assert_eq!(ids, ["l3", "l4"]);
        assert_eq!(cohort.by_owner.len(), 1);
    }

    #[test]
    fn revenue_goes_to_the_source_of_the_lead_the_customer_came_from() {
        let mut d = data();
        // In Trash, l9 still tells where c5 came from.
        d.leads[8].meta.move_to_trash("2026-03-20T00:00:00Z");
        assert_eq!(d.leads[8].meta.id, "l9");
        let s = scope(&d, "2026-03-01", "2026-03-31", Owner::Everyone);
        let report = lead_conversion(&s);
        let table = &report.sections[2].table;
        let rows: Vec<_> = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values.clone()))
            .collect();
        let source = |s: &str| Label::Source(s.into());
        let sold = |orders, amount: &str| vec![Value::Count(orders), Value::Money(dec(amount))];
        // ord1 (c1 from l1, website, although c1 itself says referral): 1000 x 1.13 = 1130;
        // ord2 (c2 from l3, website): 100 USD x 1.13 = 113 USD x 7.00 = 791; 1130 + 791 = 1921.
        // ord4 (c4 from l7, referral, a lead of February): 2260. ord3 (c3's lead l5 has no
        // source, so c3's own, advertising): 565. ord6 (c6, no lead, no source): 339.
        // ord7 (c7's lead is gone, so its own trade_fair): 226. ord5 (c5 from l9, cold_call): 113.
        // ord8 is a draft and ord9 is February's: not counted.
        assert_eq!(
            rows,
            [
                (source("referral"), sold(1, "2260")),
                (source("website"), sold(2, "1921")),
                (source("advertising"), sold(1, "565")),
                (Label::Key(Key::ReportNotSet), sold(1, "339")),
                (source("trade_fair"), sold(1, "226")),
                (source("cold_call"), sold(1, "113")),
            ]
        );
        assert_eq!(
            table.rows[1].behind.as_ref().unwrap().ids(&s.data),
            ["ord1", "ord2"]
        );
        // 2260 + 1921 + 565 + 339 + 226 + 113 = 5424 in 7 orders.
        assert_eq!(table.total.as_ref().unwrap().values, sold(7, "5424"));
    }
}
