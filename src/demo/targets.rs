//! Monthly sales targets for the demo team, so that the dashboard's target against actual has
//! something to say: a past month's target is near what the member sold then (some beaten, some
//! missed), and this month and the next two ask a little more than the member's recent average.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::clock::day_text;
use super::Gen;
use crate::domain::order::Order;
use crate::domain::targets::Target;

/// Months ahead of this one that get a target.
const AHEAD: i64 = 2;
/// The recent months whose average sets the coming targets.
const RECENT: usize = 6;

/// `YYYY-MM` of a month counted from year 0 (`2026 * 12 + 10` is November 2026).
fn month_text(month: i64) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

fn month_number(day: &str) -> Option<i64> {
    let year: i64 = day.get(..4)?.parse().ok()?;
    let month: i64 = day.get(5..7)?.parse().ok()?;
    Some(year * 12 + month - 1)
}

/// Rounded to the hundred: targets are round numbers.
fn round_hundred(amount: Decimal) -> Decimal {
    (amount / Decimal::ONE_HUNDRED).round() * Decimal::ONE_HUNDRED
}

impl Gen {
    pub(super) fn targets(&mut self, orders: &[Order]) -> Vec<Target> {
        let Some(this_month) = month_number(&day_text(self.clock.today)) else {
            return Vec::new();
        };
        let mut sold: BTreeMap<&str, BTreeMap<i64, Decimal>> = BTreeMap::new();
        for order in orders.iter().filter(|o| o.status.takes_payments()) {
            let Some(month) = month_number(&order.order_date) else {
                continue;
            };
            *sold
                .entry(order.meta.owner.as_str())
                .or_default()
                .entry(month)
                .or_default() += order.body.total * order.rate_to_base;
        }
        let months: BTreeSet<i64> = sold.values().flat_map(|m| m.keys().copied()).collect();
        let Some(&first) = months.first() else {
            return Vec::new();
        };
        let mut targets = Vec::new();
        for (member, by_month) in &sold {
            let recent: Vec<Decimal> = (this_month - RECENT as i64..this_month)
                .map(|m| by_month.get(&m).copied().unwrap_or_default())
                .collect();
            let average = recent.iter().sum::<Decimal>() / Decimal::from(RECENT);
            for month in first..=this_month + AHEAD {
                let amount = match by_month.get(&month) {
                    Some(&actual) if month < this_month => {
                        actual * Decimal::from(self.rng.between(85, 120)) / Decimal::ONE_HUNDRED
                    }
                    _ => average * Decimal::from(110) / Decimal::ONE_HUNDRED,
                };
                let amount = round_hundred(amount);
                if amount > Decimal::ZERO {
                    targets.push(Target {
                        member_id: (*member).to_owned(),
                        month: month_text(month),
                        amount,
                    });
                }
            }
        }
        targets
    }
}
