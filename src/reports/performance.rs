//! Sales performance (业绩排行): what each team member sold and collected in the period, ranked,
//! and month by month.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::grouping::SalesTally;
use super::period::{month_code, month_of_code};
use super::scope::{Owner, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::id::Id;
use crate::domain::money::{minor_units, round_money};
use crate::i18n::Key;

/// One team member's results in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberResult<'a> {
    pub member: String,
    pub sales: SalesTally<'a>,
    /// Payments received in the period on the member's orders, in the base currency.
    pub received: Decimal,
    /// 1 for the largest amount; members with the same amount share a rank.
    pub rank: u64,
    /// Orders per month, by [`month_code`].
    pub by_month: FxHashMap<i32, SalesTally<'a>>,
}

impl<'a> MemberResult<'a> {
    fn new(member: &str) -> MemberResult<'a> {
        MemberResult {
            member: member.to_owned(),
            sales: SalesTally::default(),
            received: Decimal::ZERO,
            rank: 0,
            by_month: FxHashMap::default(),
        }
    }
}

/// The result of the owner at `owner` in `owners`, made when first asked for.
fn result_of<'r, 'a>(
    by_owner: &'r mut [Option<MemberResult<'a>>],
    owners: &[Id],
    owner: u32,
) -> Option<&'r mut MemberResult<'a>> {
    let (id, slot) = owners
        .get(owner as usize)
        .zip(by_owner.get_mut(owner as usize))?;
    Some(slot.get_or_insert_with(|| MemberResult::new(id)))
}

/// The members to show, largest amount first: under the Everyone filter every active member and
/// anyone with a sale or a payment (a former member's orders still count); under a one-member
/// filter, that member.
pub fn member_results<'a>(scope: &Scope<'a>) -> Vec<MemberResult<'a>> {
    // By the owner's place in the columns first: hashing an id's text for every sale and
    // payment cost more than adding them up.
    let owners = &scope.columns().owners;
    let mut by_owner: Vec<Option<MemberResult>> = owners.iter().map(|_| None).collect();
    for sale in scope.sales_dated(|day| scope.period.contains_code(day)) {
        let Some(result) = result_of(&mut by_owner, owners, sale.owner) else {
            continue;
        };
        result.sales.add(sale.order, sale.total);
        result
            .by_month
            .entry(month_of_code(sale.day))
            .or_default()
            .add(sale.order, sale.total);
    }
    for received in scope.payments_in_period() {
        if let Some(result) = result_of(&mut by_owner, owners, received.owner) {
            result.received += received.amount;
        }
    }
    let mut results: FxHashMap<&str, MemberResult> = owners
        .iter()
        .map(Id::as_str)
        .zip(by_owner)
        .filter_map(|(id, result)| Some((id, result?)))
        .collect();
    let team: FxHashMap<&str, &str> = scope
        .data
        .team
        .iter()
        .filter(|m| !m.meta.is_deleted())
        .map(|m| (m.meta.id.as_str(), m.name.as_str()))
        .collect();
    match &scope.owner {
        Owner::Member(id) => {
            results
                .entry(id.as_str())
                .or_insert_with(|| MemberResult::new(id));
        }
        Owner::Everyone => {
            for member in scope.data.team.iter() {
                if member.active && !member.meta.is_deleted() {
                    let id = member.meta.id.as_str();
                    results.entry(id).or_insert_with(|| MemberResult::new(id));
                }
            }
        }
    }

    let mut ranked: Vec<MemberResult> = results.into_values().collect();
    let name = |r: &MemberResult| team.get(r.member.as_str()).copied().unwrap_or("");
    sort_by(&mut ranked, |a, b| {
        b.sales
            .amount
            .cmp(&a.sales.amount)
            .then(b.sales.count().cmp(&a.sales.count()))
            .then(name(a).cmp(name(b)))
            .then(a.member.cmp(&b.member))
    });
    let mut previous: Option<(Decimal, u64)> = None;
    for (place, result) in (1..).zip(ranked.iter_mut()) {
        result.rank = match previous {
            Some((amount, rank)) if amount == result.sales.amount => rank,
            _ => place,
        };
        previous = Some((result.sales.amount, result.rank));
    }
    ranked
}

/// Not defined: an average over no orders.
fn blank() -> Value {
    Value::Text(String::new())
}

fn average_order(scope: &Scope, amount: Decimal, orders: u64) -> Value {
    if orders == 0 {
        return blank();
    }
    Value::Money(round_money(
        amount / Decimal::from(orders),
        minor_units(&scope.base),
    ))
}

fn ranking<'a>(scope: &Scope<'a>, results: &[MemberResult<'a>]) -> Section {
    let rows = results
        .iter()
        .map(|r| Row {
            label: Label::Member(r.member.clone()),
            values: vec![
                Value::Count(r.sales.count()),
                Value::Money(r.sales.amount),
                Value::Money(r.received),
                average_order(scope, r.sales.amount, r.sales.count()),
                Value::Count(r.rank),
            ],
            behind: Some(r.sales.behind(&scope.data)),
        })
        .collect();
    let orders = results.iter().map(|r| r.sales.count()).sum();
    let amount = results.iter().map(|r| r.sales.amount).sum();
    let total = Row {
        label: Label::Key(Key::ReportTotal),
        values: vec![
            Value::Count(orders),
            Value::Money(amount),
            Value::Money(results.iter().map(|r| r.received).sum()),
            average_order(scope, amount, orders),
            blank(),
        ],
        behind: None,
    };
    Section {
        title: Key::ReportRanking,
        chart: Some(Chart {
            kind: ChartKind::Bar,
            columns: vec![1],
        }),
        table: Table {
            columns: [
                Key::ReportColOwner,
                Key::ReportColOrders,
                Key::ReportColOrderAmount,
                Key::ReportColPaymentsReceived,
                Key::ReportColAverageOrder,
                Key::ReportColRank,
            ]
            .into_iter()
            .map(Label::Key)
            .collect(),
            rows,
            total: Some(total),
        },
    }
}

/// One row per month of the period, one column per member, then the month's total.
fn by_month<'a>(scope: &Scope<'a>, results: &[MemberResult<'a>]) -> Section {
    let month_values = |month: i32| -> Vec<Value> {
        let amounts: Vec<Decimal> = results
            .iter()
            .map(|r| r.by_month.get(&month).map_or(Decimal::ZERO, |t| t.amount))
            .collect();
        let total = amounts.iter().sum();
        amounts
            .into_iter()
            .chain(std::iter::once(total))
            .map(Value::Money)
            .collect()
    };
    let rows = scope
        .period
        .months()
        .into_iter()
        .map(|month| {
            let code = month_code(&month);
            Row {
                values: month_values(code),
                behind: Some(
                    scope.data.behind(
                        results
                            .iter()
                            .filter_map(|r| r.by_month.get(&code))
                            .flat_map(|t| t.orders.iter().copied()),
                    ),
                ),
                label: Label::Month(month),
            }
        })
        .collect();
    let member_totals: Vec<Decimal> = results.iter().map(|r| r.sales.amount).collect();
    let grand_total = member_totals.iter().sum();
    let columns = std::iter::once(Label::Key(Key::ReportColMonth))
        .chain(results.iter().map(|r| Label::Member(r.member.clone())))
        .chain(std::iter::once(Label::Key(Key::ReportTotal)))
        .collect();
    Section {
        title: Key::ReportSalesByMonth,
        chart: Some(Chart {
            kind: ChartKind::StackedBar,
            columns: (0..results.len()).collect(),
        }),
        table: Table {
            columns,
            rows,
            total: Some(Row {
                label: Label::Key(Key::ReportTotal),
                values: member_totals
                    .into_iter()
                    .chain(std::iter::once(grand_total))
                    .map(Value::Money)
                    .collect(),
                behind: None,
            }),
        },
    }
}

pub fn performance(scope: &Scope) -> Report {
    let results = member_results(scope);
    Report {
        figures: Vec::new(),
        sections: vec![ranking(scope, &results), by_month(scope, &results)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::document::OrderStatus;
    use crate::reports::testdata_b::{dataset, dec, line, member, order, payment, scope};

    /// The first quarter of 2026.
    fn data() -> Dataset {
        let mut d = dataset();
        member(&mut d, "ann", "Ann", true);
        member(&mut d, "bob", "Bob", true);
        member(&mut d, "cid", "Cid", false);
        member(&mut d, "dan", "Dan", false);
        member(&mut d, "eve", "Eve", true);
        // One line each, plus 13% VAT: the order total is 1.13 x the price.
        let mut sell = |id, owner, day, currency, rate, price| {
            order(
                &mut d,
                id,
                owner,
                "c1",
                day,
                currency,
                rate,
                vec![line(None, "x", "1", price)],
            )
        };
        sell("a1", "ann", "2026-01-10", "CNY", "1", "1000");
        sell("a2", "ann", "2026-03-05", "USD", "7.00", "100");
        sell("a3", "ann", "2025-12-31", "CNY", "1", "1000");
        sell("b1", "bob", "2026-02-01", "CNY", "1", "1500");
        sell("b2", "bob", "2026-02-20", "JPY", "0.05", "10000");
        sell("b3", "bob", "2026-03-10", "CNY", "1", "9000");
        sell("d1", "dan", "2026-01-15", "CNY", "1", "100");
        d.orders[5].status = OrderStatus::Cancelled;
        payment(&mut d, "p1", "a1", "2026-01-20", "500");
        payment(&mut d, "p2", "a2", "2026-03-10", "50");
        payment(&mut d, "p3", "a3", "2026-01-05", "1130");
        payment(&mut d, "p4", "b1", "2026-04-01", "1695");
        payment(&mut d, "p5", "b2", "2026-02-25", "11300");
        d
    }

    fn money(text: &str) -> Value {
        Value::Money(dec(text))
    }

    #[test]
    fn members_are_ranked_by_what_they_sold_in_the_period() {
        let d = data();
        let s = scope(&d, "2026-01-01", "2026-03-31", Owner::Everyone);
        let report = performance(&s);
        let table = &report.sections[0].table;
        let labels: Vec<_> = table.rows.iter().map(|r| r.label.clone()).collect();
        let member = |id: &str| Label::Member(id.into());
        // Cid is inactive with nothing: left out. Dan is inactive but sold. Eve sold nothing.
        assert_eq!(
            labels,
            [member("bob"), member("ann"), member("dan"), member("eve")]
        );
        // Bob: b1 1500 x 1.13 = 1695; b2 10000 JPY x 1.13 = 11300 JPY x 0.05 = 565; 2260.
        // b3 was cancelled. Received: p5 11300 JPY = 565 (p4 is April's).
        assert_eq!(
            table.rows[0].values,
            [
                Value::Count(2),
                money("2260"),
                money("565"),
                money("1130"),
                Value::Count(1)
            ]
        );
        // Ann: a1 1130 + a2 100 USD x 1.13 x 7.00 = 791; 1921 (a3 is December's), average
        // 960.50. Received: p1 500 + p2 50 USD x 7.00 = 350 + p3 1130 on December's a3 = 1980.
        assert_eq!(
            table.rows[1].values,
            [
                Value::Count(2),
                money("1921"),
                money("1980"),
                money("960.50"),
                Value::Count(2)
            ]
        );
        assert_eq!(
            table.rows[2].values,
            [
                Value::Count(1),
                money("113"),
                money("0"),
                money("113"),
                Value::Count(3)
            ]
        );
        let blank = Value::Text(String::new());
        assert_eq!(
            table.rows[3].values,
            [
                Value::Count(0),
                money("0"),
                money("0"),
                blank.clone(),
                Value::Count(4)
            ]
        );
        assert_eq!(
            table.rows[1].behind.as_ref().unwrap().ids(&s.data),
            ["a1", "a2"]
        );
        // 2 + 2 + 1 orders; 2260 + 1921 + 113 = 4294; 565 + 1980 = 2545; 4294 / 5 = 858.80.
        assert_eq!(
            table.total.as_ref().unwrap().values,
            [
                Value::Count(5),
                money("4294"),
                money("2545"),
                money("858.80"),
                blank
            ]
        );
    }

    #[test]
    fn months_have_a_column_per_member_and_a_total() {
        let d = data();
        let s = scope(&d, "2026-01-01", "2026-03-31", Owner::Everyone);
        let report = performance(&s);
        let section = &report.sections[1];
        let table = &section.table;
        assert_eq!(
            table.columns,
            [
                Label::Key(Key::ReportColMonth),
                Label::Member("bob".into()),
                Label::Member("ann".into()),
                Label::Member("dan".into()),
                Label::Member("eve".into()),
                Label::Key(Key::ReportTotal)
            ]
        );
        assert_eq!(section.chart.as_ref().unwrap().columns, [0, 1, 2, 3]);
        let rows: Vec<_> = table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values.clone()))
            .collect();
        let month = |m: &str| Label::Month(m.into());
        let amounts = |a: [&str; 5]| a.into_iter().map(money).collect::<Vec<_>>();
        // January: a1 1130 and d1 113; February: b1 1695 + b2 565; March: a2 791.
        assert_eq!(
            rows,
            [
                (month("2026-01"), amounts(["0", "1130", "113", "0", "1243"])),
                (month("2026-02"), amounts(["2260", "0", "0", "0", "2260"])),
                (month("2026-03"), amounts(["0", "791", "0", "0", "791"])),
            ]
        );
        assert_eq!(
            table.rows[0].behind.as_ref().unwrap().ids(&s.data),
            ["a1", "d1"]
        );
        // 1243 + 2260 + 791 = 4294.
        assert_eq!(
            table.total.as_ref().unwrap().values,
            amounts(["2260", "1921", "113", "0", "4294"])
        );
    }

    #[test]
    fn one_member_gives_one_row_and_one_column() {
        let d = data();
        let report = performance(&scope(
            &d,
            "2026-01-01",
            "2026-03-31",
            Owner::Member("bob".into()),
        ));
        assert_eq!(report.sections[0].table.rows.len(), 1);
        assert_eq!(
            report.sections[1].table.columns,
            [
                Label::Key(Key::ReportColMonth),
                Label::Member("bob".into()),
                Label::Key(Key::ReportTotal)
            ]
        );
        let results = member_results(&scope(
            &d,
            "2026-01-01",
            "2026-03-31",
            Owner::Member("cid".into()),
        ));
        assert_eq!(results.len(), 1);
        assert_eq!(results[0].sales.amount, Decimal::ZERO);
    }

    #[test]
    fn members_with_the_same_amount_share_a_rank() {
        let mut d = dataset();
        for (id, price) in [("ann", "100"), ("bob", "100"), ("cid", "50")] {
            member(&mut d, id, id, true);
            order(
                &mut d,
                id,
                id,
                "c1",
                "2026-01-10",
                "CNY",
                "1",
                vec![line(None, "x", "1", price)],
            );
        }
        let results = member_results(&scope(&d, "2026-01-01", "2026-01-31", Owner::Everyone));
        let ranks: Vec<_> = results
            .iter()
            .map(|r| (r.member.as_str(), r.rank))
            .collect();
        // Ann and Bob both sold 113; ties are listed by name.
        assert_eq!(ranks, [("ann", 1), ("bob", 1), ("cid", 3)]);
    }
}
