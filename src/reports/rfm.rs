//! RFM: the eight customer segments of Chinese CRMs (重要价值客户 ... 一般挽留客户), from how
//! recently, how often and how much each customer bought in the period.
//!
//! Each measure is "high" against its average over the period's buyers: recency (days since the
//! last order) when at most the average, frequency (sales) and monetary (revenue) when at least
//! it. The comparisons are made exactly, multiplying rather than dividing, so that a customer
//! right on the average is never pushed either way by rounding.

use crate::domain::sorting::sort_by;
use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::buyers::{behind_customers, Buyer};
use super::period::{day_code, days_between_codes};
use super::scope::{Data, Scope};
use super::table::{Chart, ChartKind, Label, Row, Section, Table, Value};
use crate::domain::customer::Customer;
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
    /// The customer of that id, Trash included.
    pub customer: Option<&'a Customer>,
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
    let as_of = day_code(as_of);
    let recency = |b: &Buyer| days_between_codes(b.last, as_of).unwrap_or_default().max(0);
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
                customer: b.customer,
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

fn row<'a>(label: Label, scored: &[&Scored<'a>], data: &Data<'a>, base: &str) -> Row {
    let revenue: Decimal = scored.iter().map(|s| s.monetary).sum();
    let mut values = vec![Value::Count(scored.len() as u64), Value::Money(revenue)];
    values.extend(averages(scored, base));
    Row {
        label,
        values,
        behind: Some(behind_customers(data, scored.iter().map(|s| s.customer))),
    }
}

/// One row per segment, in the classic order, with the customers in each; within a segment the
/// largest revenue first.
pub fn section<'a>(scored: &[Scored<'a>], data: &Data<'a>, base: &str) -> Section {
    let rows = Segment::ALL
        .into_iter()
        .map(|segment| {
            let mut members: Vec<&Scored> =
                scored.iter().filter(|s| s.segment == segment).collect();
            sort_by(&mut members, |a, b| match b.monetary.cmp(&a.monetary) {
                Ordering::Equal => a.customer_id.cmp(b.customer_id),
                other => other,
            });
            row(Label::Key(segment.key()), &members, data, base)
        })
        .collect();
    let all: Vec<&Scored> = scored.iter().collect();
    let mut total = row(Label::Key(Key::ReportTotal), &all, data, base);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::document::OrderStatus;
    use crate::reports::buyers::buyers;
    use crate::reports::testdata_c::*;

    /// Eight buyers, one per segment, over the first quarter of 2026 seen on 2026-04-15 (so
    /// recency is measured to 2026-03-31). Each buys either once or three times, either 1000 or
    /// 100 in all, last either on 03-26 (5 days before 03-31) or on 02-04 (24 + 31 = 55 days).
    /// Averages: R = (4 x 5 + 4 x 55) / 8 = 30, F = (4 x 3 + 4 x 1) / 8 = 2,
    /// M = (4 x 1000 + 4 x 100) / 8 = 550.
    pub fn eight_buyers() -> Dataset {
        let mut orders = Vec::new();
        let recent = "2026-03-26";
        let old = "2026-02-04";
        for (id, last, times, amounts) in [
            ("iv", recent, 3, ["300", "300", "400"]),
            ("id", recent, 1, ["1000", "", ""]),
            ("ir", old, 3, ["300", "300", "400"]),
            ("ik", old, 1, ["1000", "", ""]),
            ("gv", recent, 3, ["30", "30", "40"]),
            ("gd", recent, 1, ["100", "", ""]),
            ("gr", old, 3, ["30", "30", "40"]),
            ("gk", old, 1, ["100", "", ""]),
        ] {
            let days = ["2026-01-10", "2026-01-20", last];
            for i in 0..times {
                let day = if times == 1 { last } else { days[i] };
                orders.push(sale(&format!("{id}{i}"), id, day, amounts[i]));
            }
        }
        // id's sale is in dollars: 125 x 8 = 1000 in the base currency.
        let id_sale = orders.iter_mut().find(|o| o.meta.id == "id0").unwrap();
        *id_sale = sale_in("id0", "id", recent, "125", "USD", "8");
        // Not counted: before the period, after it, and a draft.
        orders.push(sale("iv-old", "iv", "2025-12-31", "5000"));
        orders.push(sale("gk-late", "gk", "2026-04-02", "5000"));
        let mut draft = sale("gk-draft", "gk", "2026-03-30", "5000");
        draft.status = OrderStatus::Draft;
        orders.push(draft);
        Dataset {
            customers: ["iv", "id", "ir", "ik", "gv", "gd", "gr", "gk"]
                .into_iter()
                .map(|id| customer(id, "2025-01-01T00:00:00Z"))
                .collect(),
            orders,
            ..Dataset::default()
        }
    }

    #[test]
    fn each_buyer_lands_in_its_segment() {
        let data = eight_buyers();
        let scope = scope(&data, "2026-01-01", "2026-03-31", "2026-04-15");
        assert_eq!(as_of(&scope), "2026-03-31");
        let scored = score(&buyers(&scope, &scope.period), as_of(&scope));
        let found = |id: &str| {
            let s = scored.iter().find(|s| s.customer_id == id).unwrap();
            (s.segment, s.recency, s.frequency, s.monetary)
        };
        use Segment::*;
        assert_eq!(found("iv"), (ImportantValue, 5, 3, dec("1000")));
        assert_eq!(found("id"), (ImportantDevelopment, 5, 1, dec("1000")));
        assert_eq!(found("ir"), (ImportantRetention, 55, 3, dec("1000")));
        assert_eq!(found("ik"), (ImportantRecovery, 55, 1, dec("1000")));
        assert_eq!(found("gv"), (GeneralValue, 5, 3, dec("100")));
        assert_eq!(found("gd"), (GeneralDevelopment, 5, 1, dec("100")));
        assert_eq!(found("gr"), (GeneralRetention, 55, 3, dec("100")));
        assert_eq!(found("gk"), (GeneralRecovery, 55, 1, dec("100")));

        let section = section(&scored, &scope.data, "CNY");
        let labels: Vec<Label> = section.table.rows.iter().map(|r| r.label.clone()).collect();
        let keys: Vec<Label> = Segment::ALL.iter().map(|s| Label::Key(s.key())).collect();
        assert_eq!(labels, keys);
        // Customers, revenue, average R, F, M of the one customer in the row.
        assert_eq!(
            numbers(&section.table.rows[1]),
            [dec("1"), dec("1000"), dec("5"), dec("1"), dec("1000")]
        );
        assert_eq!(ids(&data, &section.table.rows[1]), ["id"]);
        assert_eq!(ids(&data, &section.table.rows[7]), ["gk"]);
        // 8 customers, 4 x 1000 + 4 x 100 = 4400, and the averages worked out above.
        assert_eq!(
            numbers(section.table.total.as_ref().unwrap()),
            [dec("8"), dec("4400"), dec("30"), dec("2"), dec("550")]
        );
    }

    #[test]
    fn recency_runs_to_today_when_the_period_has_not_ended_and_a_tie_with_the_average_is_high() {
        let data = Dataset {
            customers: vec![customer("a", "2025-01-01"), customer("b", "2025-01-01")],
            orders: vec![
                sale("a1", "a", "2026-03-01", "100"),
                sale("b1", "b", "2026-03-09", "100"),
                sale("b2", "b", "2026-03-09", "300"),
            ],
            ..Dataset::default()
        };
        let scope = scope(&data, "2026-03-01", "2026-03-31", "2026-03-11");
        assert_eq!(as_of(&scope), "2026-03-11");
        let scored = score(&buyers(&scope, &scope.period), as_of(&scope));
        // R: a 10 days, b 2; average 6. F: a 1, b 2; average 1.5. M: a 100, b 400; average 250.
        let b = scored.iter().find(|s| s.customer_id == "b").unwrap();
        assert_eq!((b.recency, b.segment), (2, Segment::ImportantValue));
        let a = scored.iter().find(|s| s.customer_id == "a").unwrap();
        assert_eq!((a.recency, a.segment), (10, Segment::GeneralRecovery));

        // Two equal buyers are each exactly on every average: all high.
        let twins = [
            Buyer {
                customer_id: "x",
                customer: None,
                revenue: dec("10"),
                sales: 1,
                last: day_code("2026-03-01"),
            },
            Buyer {
                customer_id: "y",
                customer: None,
                revenue: dec("10"),
                sales: 1,
                last: day_code("2026-03-01"),
            },
        ];
        let scored = score(&twins, "2026-03-11");
        assert!(scored.iter().all(|s| s.segment == Segment::ImportantValue));
    }
}
