//! The dashboard on a small company whose answers are worked out by hand below, and on the demo
//! company, where the figures must agree with each other.

use rust_decimal::Decimal;

use super::dashboard::{dashboard, headlines, targets_vs_actual, Tally, TargetRow};
use super::period::{Period, Preset};
use super::scope::{Behind, Data, Owner, RecordKind, Scope};
use super::table::{Label, Report, Row, Value};
use super::testdata_a::*;
use crate::domain::activity::ActivityKind;
use crate::domain::dataset::{Dataset, Settings};
use crate::domain::document::OrderStatus;
use crate::domain::id::Id;
use crate::i18n::Key;

const TODAY: &str = "2024-03-20";

/// March 2024, compared with February 2024, a leap-year February: records on the 29th belong
/// to February, records on March 1st to March. Base currency CNY; today's USD rate is 7.10.
fn company() -> Dataset {
    let team = vec![
        member("m1", "Ada", true),
        member("m2", "Bo", true),
        member("m3", "Cy", false),
    ];
    let mut l4 = lead("l4", "m1", "2024-03-15");
    l4.meta = trashed(l4.meta);
    let leads = vec![
        lead("l1", "m1", "2024-03-01"),
        lead("l2", "m2", "2024-03-31"),
        lead("l3", "m1", "2024-02-29"),
        l4,
        lead("l5", "m2", "2024-04-01"),
    ];
    let customers = vec![
        customer("c1", "m1", "2024-03-05"),
        customer("c2", "m2", "2024-02-01"),
        customer("c3", "m2", "2024-02-15"),
    ];
    let opportunities = vec![
        opportunity(
            "o1",
            "m1",
            "2024-03-02",
            "10000",
            "CNY",
            "won",
            Some("2024-03-10"),
        ),
        opportunity(
            "o2",
            "m2",
            "2024-01-10",
            "1000",
            "USD",
            "won",
            Some("2024-03-31"),
        ),
        opportunity(
            "o3",
            "m1",
            "2024-02-10",
            "5000",
            "CNY",
            "won",
            Some("2024-02-29"),
        ),
        opportunity(
            "o4",
            "m2",
            "2024-03-12",
            "8000",
            "CNY",
            "lost",
            Some("2024-03-15"),
        ),
        opportunity("o5", "m1", "2024-03-18", "3000", "CNY", "proposal", None),
    ];
    let mut s6 = order(
        "s6",
        "m1",
        "2024-03-12",
        "2000",
        "CNY",
        "1",
        OrderStatus::Confirmed,
    );
    s6.meta = trashed(s6.meta);
    let orders = vec![
        order(
            "s1",
            "m1",
            "2024-03-05",
            "11300.00",
            "CNY",
            "1",
            OrderStatus::Confirmed,
        ),
        // Converted at the order's own rate, 7.00, not today's 7.10.
        order(
            "s2",
            "m2",
            "2024-03-28",
            "1000.00",
            "USD",
            "7.00",
            OrderStatus::Delivered,
        ),
        order(
            "s3",
            "m1",
            "2024-02-29",
            "4000",
            "CNY",
            "1",
            OrderStatus::Completed,
        ),
        order(
            "s4",
            "m1",
            "2024-03-10",
            "999",
            "CNY",
            "1",
            OrderStatus::Draft,
        ),
        order(
            "s5",
            "m2",
            "2024-03-11",
            "500",
            "CNY",
            "1",
            OrderStatus::Cancelled,
        ),
        s6,
    ];
    let payments = vec![
        payment("p1", "s1", "2024-03-06", "5000.00"),
        payment("p2", "s2", "2024-03-30", "500.00"),
        payment("p3", "s3", "2024-03-01", "3000"),
        payment("p4", "s3", "2024-02-29", "1000"),
        payment("p5", "s6", "2024-03-13", "100"),
    ];
    let activities = vec![
        activity(
            "a1",
            "m1",
            ActivityKind::Call,
            "2024-03-01T00:00:00Z",
            false,
        ),
        activity("a2", "m2", ActivityKind::Task, "2024-03-10T08:00:00Z", true),
        activity(
            "a3",
            "m1",
            ActivityKind::Task,
            "2024-03-11T08:00:00Z",
            false,
        ),
        activity(
            "a4",
            "m2",
            ActivityKind::Meeting,
            "2024-02-29T23:59:59Z",
            false,
        ),
        activity(
            "a5",
            "m1",
            ActivityKind::Email,
            "2024-03-31T23:59:59Z",
            false,
        ),
    ];
    let targets = vec![
        target("m1", "2024-03", "20000"),
        target("m2", "2024-03", "10000"),
        target("m3", "2024-03", "5000"),
        target("m1", "2024-02", "8000"),
        target("m1", "2024-04", "9999"),
    ];
    Dataset {
        settings: Settings {
            targets: Some(targets),
            ..Settings::default()
        },
        team,
        leads,
        customers,
        activities,
        opportunities,
        orders,
        payments,
        ..Dataset::default()
    }
}

fn scope<'a>(data: &'a Dataset, period: Period, owner: Owner) -> Scope<'a> {
    Scope::new(Data::of(data), data.settings.clone(), period, owner, TODAY)
}

fn march(data: &Dataset, owner: Owner) -> Scope<'_> {
    scope(data, Period::of(Preset::ThisMonth, TODAY), owner)
}

fn ids<'a>(data: &'a Dataset, kind: RecordKind, tally: &Tally) -> Vec<&'a str> {
    let behind = Behind {
        kind,
        places: tally.places.clone(),
    };
    behind.ids(&Data::of(data))
}

fn figure(report: &Report, title: Key) -> (&Value, &Value, &Value) {
    let f = report.figures.iter().find(|f| f.title == title).unwrap();
    (&f.now, &f.before, &f.change)
}

fn change(percent: &str) -> Value {
    Value::Change(Some(dec(percent)))
}

fn money(amount: &str) -> Value {
    Value::Money(dec(amount))
}

#[test]
fn headline_counts_what_was_new_won_sold_and_paid_in_march() {
    let data = company();
    let [h, _] = headlines(&march(&data, Owner::Everyone));
    // l3 was made on February 29th, l4 is in Trash, l5 in April.
    assert_eq!(ids(&data, RecordKind::Lead, &h.new_leads), ["l1", "l2"]);
    assert_eq!(ids(&data, RecordKind::Customer, &h.new_customers), ["c1"]);
    assert_eq!(
        ids(&data, RecordKind::Opportunity, &h.new_opportunities),
        ["o1", "o4", "o5"]
    );
    // o1 won 10000 CNY; o2 won 1000 USD at today's 7.10 = 7100; o3 was won in February.
    assert_eq!(ids(&data, RecordKind::Opportunity, &h.won), ["o1", "o2"]);
    assert_eq!(h.won.amount, dec("17100"));
    // s1 11300 + s2 1000 USD x 7.00 = 7000 -> 18300; s4 is a draft, s5 cancelled, s6 in Trash.
    assert_eq!(ids(&data, RecordKind::Order, &h.orders), ["s1", "s2"]);
    assert_eq!(h.orders.amount, dec("18300"));
    // p1 5000 + p2 500 USD x 7.00 = 3500 + p3 3000 -> 11500; p4 is February's, p5 is on an
    // order in Trash.
    assert_eq!(
        ids(&data, RecordKind::Payment, &h.payments),
        ["p1", "p2", "p3"]
    );
    assert_eq!(h.payments.amount, dec("11500"));
    // a3 is an open task: a plan, not a follow-up.
    assert_eq!(
        ids(&data, RecordKind::Activity, &h.follow_ups),
        ["a1", "a2", "a5"]
    );
}

#[test]
fn figures_compare_march_with_the_29_days_of_a_leap_february() {
    let data = company();
    let scope = march(&data, Owner::Everyone);
    let february = scope.period.previous();
    assert_eq!(
        (february.from.as_str(), february.to.as_str()),
        ("2024-02-01", "2024-02-29")
    );
    let [_, before] = headlines(&scope);
    assert_eq!(ids(&data, RecordKind::Lead, &before.new_leads), ["l3"]);
    assert_eq!(
        ids(&data, RecordKind::Customer, &before.new_customers),
        ["c2", "c3"]
    );
    assert_eq!(ids(&data, RecordKind::Opportunity, &before.won), ["o3"]);
    assert_eq!(ids(&data, RecordKind::Order, &before.orders), ["s3"]);
    assert_eq!(ids(&data, RecordKind::Payment, &before.payments), ["p4"]);
    assert_eq!(ids(&data, RecordKind::Activity, &before.follow_ups), ["a4"]);

    let report = dashboard(&scope);
    let titles: Vec<Key> = report.figures.iter().map(|f| f.title).collect();
    assert_eq!(
        titles,
        [
            Key::ReportNewLeads,
            Key::ReportNewCustomers,
            Key::ReportNewOpportunities,
            Key::ReportOrderCount,
            Key::ReportWonAmount,
            Key::ReportOrderAmount,
            Key::ReportPaymentsReceived,
            Key::ReportColFollowUps,
        ]
    );
    // 2 leads against 1: (2 - 1) / 1 = +100%.
    assert_eq!(
        figure(&report, Key::ReportNewLeads),
        (&Value::Count(2), &Value::Count(1), &change("100.0"))
    );
    // 1 customer against 2: (1 - 2) / 2 = -50%.
    assert_eq!(
        figure(&report, Key::ReportNewCustomers),
        (&Value::Count(1), &Value::Count(2), &change("-50.0"))
    );
    // 3 against 1: +200%.
    assert_eq!(
        figure(&report, Key::ReportNewOpportunities),
        (&Value::Count(3), &Value::Count(1), &change("200.0"))
    );
    assert_eq!(
        figure(&report, Key::ReportOrderCount),
        (&Value::Count(2), &Value::Count(1), &change("100.0"))
    );
    // (17100 - 5000) / 5000 = 2.42.
    assert_eq!(
        figure(&report, Key::ReportWonAmount),
        (&money("17100"), &money("5000"), &change("242.0"))
    );
    // (18300 - 4000) / 4000 = 3.575.
    assert_eq!(
        figure(&report, Key::ReportOrderAmount),
        (&money("18300"), &money("4000"), &change("357.5"))
    );
    // (11500 - 1000) / 1000 = 10.5.
    assert_eq!(
        figure(&report, Key::ReportPaymentsReceived),
        (&money("11500"), &money("1000"), &change("1050.0"))
    );
    assert_eq!(
        figure(&report, Key::ReportColFollowUps),
        (&Value::Count(3), &Value::Count(1), &change("200.0"))
    );
    let behind = |title: Key| {
        let f = report.figures.iter().find(|f| f.title == title).unwrap();
        let b = f.behind.as_ref().unwrap();
        (b.kind, b.ids(&scope.data))
    };
    assert_eq!(
        behind(Key::ReportWonAmount),
        (RecordKind::Opportunity, vec!["o1", "o2"])
    );
    assert_eq!(
        behind(Key::ReportPaymentsReceived),
        (RecordKind::Payment, vec!["p1", "p2", "p3"])
    );
}

#[test]
fn nothing_before_means_no_change_rather_than_infinity() {
    let data = company();
    // February's previous period is January, which has nothing at all.
    let february = scope(&data, Period::of(Preset::LastMonth, TODAY), Owner::Everyone);
    let report = dashboard(&february);
    assert_eq!(
        figure(&report, Key::ReportOrderAmount),
        (&money("4000"), &money("0"), &Value::Change(None))
    );
}

fn row(data: &Dataset, target: &str, actual: &str, orders: &[&str]) -> TargetRow {
    let place = |id: &&str| data.orders.iter().position(|o| o.meta.id == *id).unwrap() as u32;
    TargetRow {
        target: dec(target),
        actual: dec(actual),
        orders: orders.iter().map(place).collect(),
    }
}

#[test]
fn targets_of_march_against_its_sales() {
    let data = company();
    let vs = targets_vs_actual(&march(&data, Owner::Everyone));
    // Everyone's targets: m1 20000 + m2 10000 + m3 (inactive, still counted) 5000 = 35000;
    // February's and April's targets are outside the period. Sales: 11300 + 7000 = 18300.
    assert_eq!(
        vs.months,
        [(
            "2024-03".to_string(),
            row(&data, "35000", "18300", &["s1", "s2"])
        )]
    );
    // 18300 / 35000 = 52.28...%
    assert_eq!(vs.months[0].1.completion(), Some(dec("52.3")));
    // m2: 7000 / 10000 = 70%; m1: 11300 / 20000 = 56.5%; m3: 0 / 5000 = 0%.
    let members: Vec<(&str, Option<Decimal>)> = vs
        .members
        .iter()
        .map(|(id, r)| (id.as_str(), r.completion()))
        .collect();
    assert_eq!(
        members,
        [
            ("m2", Some(dec("70.0"))),
            ("m1", Some(dec("56.5"))),
            ("m3", Some(dec("0"))),
        ]
    );
    assert_eq!(vs.members[1].1, row(&data, "20000", "11300", &["s1"]));
    assert_eq!(vs.total, row(&data, "35000", "18300", &["s1", "s2"]));
}

#[test]
fn a_members_dashboard_has_only_their_targets_and_sales() {
    let data = company();
    let scope = march(&data, Owner::Member("m1".into()));
    let vs = targets_vs_actual(&scope);
    assert_eq!(vs.months[0].1, row(&data, "20000", "11300", &["s1"]));
    assert_eq!(vs.members.len(), 1);
    assert_eq!(vs.members[0].0, "m1");
    let [h, _] = headlines(&scope);
    // l1 only (l2 is m2's); before, l3: 1 against 1 is no change.
    assert_eq!(ids(&data, RecordKind::Lead, &h.new_leads), ["l1"]);
    let report = dashboard(&scope);
    assert_eq!(
        figure(&report, Key::ReportNewLeads),
        (&Value::Count(1), &Value::Count(1), &change("0.0"))
    );
    // o1 only: 10000 against o3's 5000.
    assert_eq!(
        figure(&report, Key::ReportWonAmount),
        (&money("10000"), &money("5000"), &change("100.0"))
    );
}

#[test]
fn a_month_covered_in_part_counts_its_share_of_the_target() {
    let data = company();
    // 10 of March's 31 days: m1 20000 x 10/31 = 6451.6129 -> 6451.61; m2 10000 x 10/31 =
    // 3225.806 -> 3225.81; m3 5000 x 10/31 = 1612.903 -> 1612.90; together 11290.32.
    let ten_days = Period::custom("2024-03-01", "2024-03-10").unwrap();
    let vs = targets_vs_actual(&scope(&data, ten_days, Owner::Everyone));
    // Only s1 (March 5th) was sold: 11300 / 11290.32 = 100.09%.
    assert_eq!(vs.months[0].1, row(&data, "11290.32", "11300.00", &["s1"]));
    assert_eq!(vs.total.completion(), Some(dec("100.1")));
    // m1: 11300 / 6451.61 = 175.15%.
    assert_eq!(vs.members[0].0, "m1");
    assert_eq!(vs.members[0].1.completion(), Some(dec("175.2")));

    // February 20th to March 5th, for m1: 10 of February's 29 days, 8000 x 10/29 = 2758.62
    // against s3's 4000 (145.0%); 5 of March's 31 days, 20000 x 5/31 = 3225.81 against s1's
    // 11300 (350.3%); in all 5984.43 against 15300, 255.7%.
    let across = Period::custom("2024-02-20", "2024-03-05").unwrap();
    let vs = targets_vs_actual(&scope(&data, across, Owner::Member("m1".into())));
    let months: Vec<(&str, Decimal, Option<Decimal>)> = vs
        .months
        .iter()
        .map(|(m, r)| (m.as_str(), r.target, r.completion()))
        .collect();
    assert_eq!(
        months,
        [
            ("2024-02", dec("2758.62"), Some(dec("145.0"))),
            ("2024-03", dec("3225.81"), Some(dec("350.3"))),
        ]
    );
    assert_eq!(vs.total.target, dec("5984.43"));
    assert_eq!(vs.total.completion(), Some(dec("255.7")));
}

#[test]
fn the_report_draws_target_against_actual_by_month_and_by_member() {
    let mut data = company();
    // An order of nobody's, and no targets at all for a member with sales.
    data.orders.push(order(
        "s7",
        "",
        "2024-03-02",
        "700",
        "CNY",
        "1",
        OrderStatus::Confirmed,
    ));
    let report = dashboard(&march(&data, Owner::Everyone));
    let months = &report.sections[0];
    assert_eq!(months.title, Key::ReportTargetVsActual);
    assert_eq!(
        months.table.columns,
        [
            Label::Key(Key::ReportColMonth),
            Label::Key(Key::ReportColTarget),
            Label::Key(Key::ReportColActual),
            Label::Key(Key::ReportColCompletion),
        ]
    );
    // 18300 + 700 = 19000 against 35000: 54.28...%.
    let expected = vec![
        money("35000"),
        money("19000"),
        Value::Percent(Some(dec("54.3"))),
    ];
    assert_eq!(months.table.rows[0].label, Label::Month("2024-03".into()));
    assert_eq!(months.table.rows[0].values, expected);
    assert_eq!(months.table.total.as_ref().unwrap().values, expected);
    assert_eq!(months.chart.as_ref().unwrap().columns, [0, 1]);

    let members = &report.sections[1];
    let labels: Vec<&Label> = members.table.rows.iter().map(|r| &r.label).collect();
    // Members with a target by completion; the order of nobody's has no target, so it comes
    // last, under "(not set)".
    assert_eq!(
        labels,
        [
            &Label::Member("m2".into()),
            &Label::Member("m1".into()),
            &Label::Member("m3".into()),
            &Label::Key(Key::ReportNotSet),
        ]
    );
    assert_eq!(
        members.table.rows[3].values,
        [money("0"), money("700"), Value::Percent(None)]
    );
    assert_eq!(members.table.total.as_ref().unwrap().values, expected);
}

/// Adds up the money in one column of a table's rows.
fn column_sum(rows: &[Row], column: usize) -> Decimal {
    rows.iter().map(|r| r.values[column].magnitude()).sum()
}

#[test]
fn on_the_demo_company_the_parts_add_up_to_the_totals() {
    let today = "2026-11-23";
    let mut data = crate::demo::generate(crate::demo::DemoSize::Demo, crate::i18n::Lang::En, today);
    let period = Period::of(Preset::Last12Months, today);
    let members: Vec<Id> = data.team.iter().map(|m| m.meta.id.clone()).collect();
    data.settings.targets = Some(
        period
            .months()
            .iter()
            .flat_map(|month| members.iter().map(move |m| target(m, month, "100000")))
            .collect(),
    );
    for owner in [Owner::Everyone, Owner::Member(members[0].clone())] {
        let scope = scope_today(&data, period.clone(), owner, today);
        let report = dashboard(&scope);
        assert_eq!(report.figures.len(), 8);
        for f in &report.figures {
            if let Value::Count(n) = f.now {
                assert_eq!(n as usize, f.behind.as_ref().unwrap().len());
            }
        }
        let [h, _] = headlines(&scope);
        assert!(h.orders.count() > 0 && h.follow_ups.count() > 0);
        for section in &report.sections {
            let total = section.table.total.as_ref().unwrap();
            for column in [0, 1] {
                assert_eq!(
                    column_sum(&section.table.rows, column),
                    total.values[column].magnitude(),
                    "{:?} column {column}",
                    section.title
                );
            }
        }
        // The orders sold add up to the order amount figure.
        let sold = report.sections[0].table.total.as_ref().unwrap().values[1].clone();
        assert_eq!(sold, Value::Money(h.orders.amount));
        assert_eq!(report.sections[0].table.rows.len(), 12);
    }
}

fn scope_today<'a>(data: &'a Dataset, period: Period, owner: Owner, today: &str) -> Scope<'a> {
    Scope::new(Data::of(data), data.settings.clone(), period, owner, today)
}
