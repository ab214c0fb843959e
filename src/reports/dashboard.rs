//! Dashboard (销售简报): the period's headline figures against the previous period, and sales
//! against the monthly targets set in Settings (目标, 完成率).

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::activity::follow_ups_dated;
use super::period::{month_code, month_key, month_of_code, Period};
use super::scope::{Behind, Compared, Owner, RecordKind, Scope};
use super::table::{percent, Chart, ChartKind, Figure, Label, Report, Row, Section, Table, Value};
use crate::domain::date::{add_days, day_number};
use crate::domain::money::{minor_units, round_money};
use crate::domain::opportunity::Outcome;
use crate::domain::record::RecordMeta;
use crate::i18n::Key;

/// Records counted for a figure, and the amount they add up to in the base currency.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub amount: Decimal,
    /// Where each record lies in its list (see [`Behind`]).
    pub places: Vec<u32>,
}

impl Tally {
    fn add(&mut self, place: u32, amount: Decimal) {
        self.amount += amount;
        self.places.push(place);
    }

    pub fn count(&self) -> u64 {
        self.places.len() as u64
    }
}

/// The dashboard's figures for one period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headline {
    pub new_leads: Tally,
    pub new_customers: Tally,
    pub new_opportunities: Tally,
    /// Sales dated in the period, with their amount.
    pub orders: Tally,
    /// Opportunities won in the period, at their amount.
    pub won: Tally,
    pub payments: Tally,
    pub follow_ups: Tally,
}

/// The figures of the scope's period and of the one before it, from one pass over the records:
/// reading each record's day once rather than once per period halves the report's time over a
/// large data set. Records are new in the period they were made in (by their UTC day).
pub fn headlines(scope: &Scope) -> [Headline; 2] {
    let mut h = [Headline::default(), Headline::default()];
    let (data, columns) = (scope.data, scope.columns());
    let periods = [scope.period.clone(), scope.period.previous()];
    let which = |day: i32| periods.iter().position(|p| p.contains_code(day));
    let new = |meta: &RecordMeta, made: i32| {
        if scope.counts(meta) {
            which(made)
        } else {
            None
        }
    };
    let mut count_new = |metas: &mut dyn Iterator<Item = &RecordMeta>,
                         made: &[i32],
                         tally: fn(&mut Headline) -> &mut Tally| {
        for (place, (meta, &made)) in metas.zip(made).enumerate() {
            if let Some(i) = new(meta, made) {
                tally(&mut h[i]).add(place as u32, Decimal::ZERO);
            }
        }
    };
    count_new(
        &mut data.leads.iter().map(|l| &l.meta),
        &columns.lead_created,
        |h| &mut h.new_leads,
    );
    count_new(
        &mut data.customers.iter().map(|c| &c.meta),
        &columns.customer_created,
        |h| &mut h.new_customers,
    );
    count_new(
        &mut data.opportunities.iter().map(|o| &o.meta),
        &columns.opportunity_created,
        |h| &mut h.new_opportunities,
    );
    for (place, opportunity) in data.opportunities.iter().enumerate() {
        if !scope.counts(&opportunity.meta) || scope.outcome(opportunity) != Outcome::Won {
            continue;
        }
        if let Some(i) = scope.closed_day(opportunity).and_then(which) {
            h[i].won
                .add(place as u32, scope.opportunity_amount(opportunity));
        }
    }
    for sale in scope.sales_dated(|day| which(day).is_some()) {
        if let Some(i) = which(sale.day) {
            h[i].orders.add(sale.place, sale.total);
        }
    }
    for received in scope.payments_dated(|day| which(day).is_some()) {
        if let Some(i) = which(received.day) {
            h[i].payments.add(received.place, received.amount);
        }
    }
    for f in follow_ups_dated(scope, |day| which(day).is_some()) {
        if let Some(i) = which(f.day) {
            h[i].follow_ups.add(f.place, Decimal::ZERO);
        }
    }
    h
}

fn figure(title: Key, now: Tally, before: &Tally, kind: RecordKind, money: bool) -> Figure {
    let (value, compared) = if money {
        (
            (Value::Money(now.amount), Value::Money(before.amount)),
            Compared {
                now: now.amount,
                before: before.amount,
            },
        )
    } else {
        (
            (Value::Count(now.count()), Value::Count(before.count())),
            Compared {
                now: Decimal::from(now.count()),
                before: Decimal::from(before.count()),
            },
        )
    };
    Figure {
        title,
        now: value.0,
        before: value.1,
        change: Value::Change(compared.change_percent()),
        behind: Some(Behind {
            kind,
            places: now.places,
        }),
    }
}

fn figures(now: Headline, before: &Headline) -> Vec<Figure> {
    let orders = now.orders.clone();
    vec![
        figure(
            Key::ReportNewLeads,
            now.new_leads,
            &before.new_leads,
            RecordKind::Lead,
            false,
        ),
        figure(
            Key::ReportNewCustomers,
            now.new_customers,
            &before.new_customers,
            RecordKind::Customer,
            false,
        ),
        figure(
            Key::ReportNewOpportunities,
            now.new_opportunities,
            &before.new_opportunities,
            RecordKind::Opportunity,
            false,
        ),
        figure(
            Key::ReportOrderCount,
            orders,
            &before.orders,
            RecordKind::Order,
            false,
        ),
        figure(
            Key::ReportWonAmount,
            now.won,
            &before.won,
            RecordKind::Opportunity,
            true,
        ),
        figure(
            Key::ReportOrderAmount,
            now.orders,
            &before.orders,
            RecordKind::Order,
            true,
        ),
        figure(
            Key::ReportPaymentsReceived,
            now.payments,
            &before.payments,
            RecordKind::Payment,
            true,
        ),
        figure(
            Key::ReportColFollowUps,
            now.follow_ups,
            &before.follow_ups,
            RecordKind::Activity,
            false,
        ),
    ]
}

/// A target against what was sold, with the orders sold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TargetRow {
    pub target: Decimal,
    pub actual: Decimal,
    /// Places of the orders sold (see [`Behind`]).
    pub orders: Vec<u32>,
}

impl TargetRow {
    /// Actual as a percent of target (完成率); none without a target.
    pub fn completion(&self) -> Option<Decimal> {
        percent(self.actual, self.target)
    }

    /// Target, actual, completion.
    fn values(&self) -> Vec<Value> {
        vec![
            Value::Money(self.target),
            Value::Money(self.actual),
            Value::Percent(self.completion()),
        ]
    }

    fn row(self, label: Label) -> Row {
        Row {
            values: self.values(),
            label,
            behind: Some(Behind {
                kind: RecordKind::Order,
                places: self.orders,
            }),
        }
    }
}

/// Targets against sales, by month and by member; `total` adds up either list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TargetsVsActual {
    /// Every month the period touches, in order.
    pub months: Vec<(String, TargetRow)>,
    /// Member ids (empty for orders owned by nobody), best completion first.
    pub members: Vec<(String, TargetRow)>,
    pub total: TargetRow,
}

/// The part of a month's target that falls in the period: all of it for a month the period
/// covers whole, a share by days for a month a custom range covers in part, rounded to the base
/// currency's minor unit.
fn share_in(period: &Period, month: &str, amount: Decimal, base: &str) -> Decimal {
    let first = format!("{month}-01");
    // Day 1 plus 31 days is always in the next month.
    let next = add_days(&first, 31).map(|d| format!("{}-01", month_key(&d)));
    let bounds = (
        day_number(&first),
        next.as_deref().and_then(day_number),
        day_number(&period.from),
        day_number(&period.to),
    );
    let (Some(first), Some(next), Some(from), Some(to)) = bounds else {
        return Decimal::ZERO;
    };
    let days = next - first;
    let covered = (to.min(next - 1) - from.max(first) + 1).max(0);
    if covered >= days {
        return amount;
    }
    round_money(
        amount * Decimal::from(covered) / Decimal::from(days),
        minor_units(base),
    )
}

pub fn targets_vs_actual(scope: &Scope) -> TargetsVsActual {
    let months = scope.period.months();
    let mut by_month: FxHashMap<i32, TargetRow> = months
        .iter()
        .map(|m| (month_code(m), TargetRow::default()))
        .collect();
    let mut by_member: FxHashMap<&str, TargetRow> = FxHashMap::default();
    let targets = scope.settings.targets.as_deref().unwrap_or_default();
    for t in targets {
        let covered = match &scope.owner {
            Owner::Everyone => true,
            Owner::Member(id) => t.member_id == *id,
        };
        let Some(month) = by_month.get_mut(&month_code(&t.month)).filter(|_| covered) else {
            continue;
        };
        let share = share_in(&scope.period, &t.month, t.amount, &scope.base);
        month.target += share;
        by_member.entry(t.member_id.as_str()).or_default().target += share;
    }
    let owners = &scope.columns().owners;
    let mut by_owner: Vec<TargetRow> = owners.iter().map(|_| TargetRow::default()).collect();
    for sale in scope.sales_dated(|day| scope.period.contains_code(day)) {
        for row in [
            by_month.get_mut(&month_of_code(sale.day)),
            by_owner.get_mut(sale.owner as usize),
        ]
        .into_iter()
        .flatten()
        {
            row.actual += sale.total;
            row.orders.push(sale.place);
        }
    }
    for (id, sold) in owners.iter().zip(by_owner) {
        if !sold.orders.is_empty() {
            let row = by_member.entry(id.as_str()).or_default();
            row.actual += sold.actual;
            row.orders.extend(sold.orders);
        }
    }
    match &scope.owner {
        Owner::Everyone => {
            for m in scope.data.team {
                if m.active && !m.meta.is_deleted() {
                    by_member.entry(m.meta.id.as_str()).or_default();
                }
            }
        }
        Owner::Member(id) => {
            by_member.entry(id.as_str()).or_default();
        }
    }

    let mut total = TargetRow::default();
    let months: Vec<(String, TargetRow)> = months
        .iter()
        .map(|m| {
            let row = by_month.remove(&month_code(m)).unwrap_or_default();
            total.target += row.target;
            total.actual += row.actual;
            total.orders.extend_from_slice(&row.orders);
            (m.clone(), row)
        })
        .collect();
    let names: FxHashMap<&str, &str> = scope
        .data
        .team
        .iter()
        .map(|m| (m.meta.id.as_str(), m.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).copied().unwrap_or_default();
    let mut members: Vec<(&str, TargetRow)> = by_member.into_iter().collect();
    // Best completion first; members without a target after those with one.
    sort_by(&mut members, |(a_id, a), (b_id, b)| {
        let (a_done, b_done) = (a.completion(), b.completion());
        b_done
            .is_some()
            .cmp(&a_done.is_some())
            .then(b_done.cmp(&a_done))
            .then(b.actual.cmp(&a.actual))
            .then(name(a_id).cmp(name(b_id)))
            .then(a_id.cmp(b_id))
    });
    TargetsVsActual {
        months,
        members: members
            .into_iter()
            .map(|(id, row)| (id.to_owned(), row))
            .collect(),
        total,
    }
}

fn target_columns(first: Key) -> Vec<Label> {
    vec![
        Label::Key(first),
        Label::Key(Key::ReportColTarget),
        Label::Key(Key::ReportColActual),
        Label::Key(Key::ReportColCompletion),
    ]
}

fn target_and_actual() -> Option<Chart> {
    Some(Chart {
        kind: ChartKind::Bar,
        columns: vec![0, 1],
    })
}

fn member_label(id: String) -> Label {
    if id.is_empty() {
        Label::Key(Key::ReportNotSet)
    } else {
        Label::Member(id)
    }
}

pub fn dashboard(scope: &Scope) -> Report {
    let [now, before] = headlines(scope);
    let TargetsVsActual {
        months,
        members,
        total,
    } = targets_vs_actual(scope);
    let total = Row {
        label: Label::Key(Key::ReportTotal),
        values: total.values(),
        behind: None,
    };
    Report {
        figures: figures(now, &before),
        sections: vec![
            Section {
                title: Key::ReportTargetVsActual,
                chart: target_and_actual(),
                table: Table {
                    columns: target_columns(Key::ReportColMonth),
                    rows: months
                        .into_iter()
                        .map(|(month, row)| row.row(Label::Month(month)))
                        .collect(),
                    total: Some(total.clone()),
                },
            },
            Section {
                title: Key::ReportTargetByMember,
                chart: target_and_actual(),
                table: Table {
                    columns: target_columns(Key::ReportColOwner),
                    rows: members
                        .into_iter()
                        .map(|(id, row)| row.row(member_label(id)))
                        .collect(),
                    total: Some(total),
                },
            },
        ],
    }
}
