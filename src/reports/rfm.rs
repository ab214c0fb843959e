//! RFM: the eight customer segments of Chinese CRMs (重要价值客户 ... 一般挽留客户), from how
//! recently, how often and how much each customer bought in the period.
//!
//! Each measure is "high" against its average over the period's buyers: recency (days since the
//! last order) when at most the average, frequency (sales) and monetary (revenue) when at least
//! it. The comparisons are made exactly, multiplying rather than dividing, so that a customer
//! right on the average is never pushed either way by rounding.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::buyers::Buyer;
use super::period::days_between;
use super::scope::{Behind, RecordKind, Scope};
use super::table::{Chart, ChartKind, Label, Row, Section, Table, Value};
use crate::domain::money::to_base;
use crate::i18n::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Recent, frequent, big spenders.
    ImportantValue,
    /// Recent big spenders who buy seldom: to be grown.
    ImportantDevelopment,
    /// Frequent big spenders who have not bought lately: to be kept.
    ImportantRetention,
    /// Big spenders, seldom and not lately: about to be lost.
    ImportantRecovery,
    GeneralValue,
    GeneralDevelopment,
    GeneralRetention,
    GeneralRecovery,
}

impl Segment {
    pub const ALL: [Segment; 8] = [
        Segment::ImportantValue,
        Segment::ImportantDevelopment,
        Segment::ImportantRetention,
        Segment::ImportantRecovery,
        Segment::GeneralValue,
        Segment::GeneralDevelopment,
        Segment::GeneralRetention,
        Segment::GeneralRecovery,
    ];

    pub fn of(monetary_high: bool, recency_high: bool, frequency_high: bool) -> Segment {
        match (monetary_high, recency_high, frequency_high) {
            (true, true, true) => Segment::ImportantValue,
            (true, true, false) => Segment::ImportantDevelopment,
            (true, false, true) => Segment::ImportantRetention,
            (true, false, false) => Segment::ImportantRecovery,
            (false, true, true) => Segment::GeneralValue,
            (false, true, false) => Segment::GeneralDevelopment,
            (false, false, true) => Segment::GeneralRetention,
            (false, false, false) => Segment::GeneralRecovery,
        }
    }

    pub fn key(self) -> Key {
        match self {
            Segment::ImportantValue => Key::ReportRfmImportantValue,
            Segment::ImportantDevelopment => Key::ReportRfmImportantDevelopment,
            Segment::ImportantRetention => Key::ReportRfmImportantRetention,
            Segment::ImportantRecovery => Key::ReportRfmImportantRecovery,
            Segment::GeneralValue => Key::ReportRfmGeneralValue,
            Segment::GeneralDevelopment => Key::ReportRfmGeneralDevelopment,
            Segment::GeneralRetention => Key::ReportRfmGeneralRetention,
            Segment::GeneralRecovery => Key::ReportRfmGeneralRecovery,
        }
    }
}

/// One buyer's recency, frequency, monetary value and segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scored<'a> {
    pub customer_id: &'a str,
    /// Days from the last order to `as_of`; an order dated later counts as zero days.
    pub recency: i64,
    pub frequency: u64,
    pub monetary: Decimal,
    pub segment: Segment,
}

/// The day recency is measured to: the period's end, or today if that is earlier.
pub fn as_of<'s>(scope: &'s Scope) -> &'s str {
    scope.today.as_str().min(scope.period.to.as_str())
}

pub fn score<'a>(buyers: &[Buyer<'a>], as_of: &str) -> Vec<Scored<'a>> {
    let recency = |b: &Buyer| days_between(b.last, as_of).unwrap_or_default().max(0);
    let n = buyers.len() as i64;
    let sum_recency: i64 = buyers.iter().map(recency).sum();
    let sum_frequency: u64 = buyers.iter().map(|b| b.sales).sum();
    let sum_monetary: Decimal = buyers.iter().map(|b| b.revenue).sum();
    buyers
        .iter()
        .map(|b| {
            let r = recency(b);
            // x high against the average sum/n is x*n against sum.
            let recency_high = r * n <= sum_recency;
            let frequency_high = b.sales * n as u64 >= sum_frequency;
            let monetary_high = b.revenue * Decimal::from(n) >= sum_monetary;
            Scored {
                customer_id: b.customer_id,
                recency: r,
                frequency: b.sales,
                monetary: b.revenue,
                segment: Segment::of(monetary_high, recency_high, frequency_high),
            }
        })
        .collect()
}

fn averages(scored: &[&Scored], base: &str) -> [Value; 3] {
    if scored.is_empty() {
        return [
            Value::Days(None),
            Value::Quantity(Decimal::ZERO),
            Value::Money(Decimal::ZERO),
        ];
    }
    let n = Decimal::from(scored.len());
    let r: i64 = scored.iter().map(|s| s.recency).sum();
    let f: u64 = scored.iter().map(|s| s.frequency).sum();
    let m: Decimal = scored.iter().map(|s| s.monetary).sum();
    [
        Value::Days(Some((Decimal::from(r) / n).round_dp(1))),
        Value::Quantity((Decimal::from(f) / n).round_dp(1)),
        Value::Money(to_base(m / n, Decimal::ONE, base)),
    ]
}

fn row(label: Label, scored: &[&Scored], base: &str) -> Row {
    let revenue: Decimal = scored.iter().map(|s| s.monetary).sum();
    let mut values = vec![Value::Count(scored.len() as u64), Value::Money(revenue)];
    values.extend(averages(scored, base));
    Row {
        label,
        values,
        behind: Some(Behind {
            kind: RecordKind::Customer,
            ids: scored.iter().map(|s| s.customer_id.to_owned()).collect(),
        }),
    }
}

/// One row per segment, in the classic order, with the customers in each; within a segment the
/// largest revenue first.
pub fn section(scored: &[Scored], base: &str) -> Section {
    let rows = Segment::ALL
        .into_iter()
        .map(|segment| {
            let mut members: Vec<&Scored> =
                scored.iter().filter(|s| s.segment == segment).collect();
            members.sort_by(|a, b| match b.monetary.cmp(&a.monetary) {
                Ordering::Equal => a.customer_id.cmp(b.customer_id),
                other => other,
            });
            row(Label::Key(segment.key()), &members, base)
        })
        .collect();
    let all: Vec<&Scored> = scored.iter().collect();
    let mut total = row(Label::Key(Key::ReportTotal), &all, base);
    total.behind = None;
    Section {
        title: Key::ReportRfm,
        chart: Some(Chart {
            kind: ChartKind::Bar,
            columns: vec![0],
        }),
        table: Table {
            columns: vec![
                Label::Key(Key::ReportColSegment),
                Label::Key(Key::ReportColCustomers),
                Label::Key(Key::ReportColRevenue),
                Label::Key(Key::ReportColAvgRecency),
                Label::Key(Key::ReportColAvgFrequency),
                Label::Key(Key::ReportColAvgMonetary),
            ],
            rows,
            total: Some(total),
        },
    }
}
