//! How the funnel, lead conversion, performance and product sales reports group records into
//! rows: the orders of a row and their amount, the order of rows, the name of a row whose text
//! was left empty, and the records behind a row.
//!
//! Rows collect borrowed records while they add up and name them by place (see [`Behind`]) once
//! they are made: on a large data set, copying every id for every grouping cost more than the
//! arithmetic.
//! Groupings hash with FxHash rather than the standard SipHash, which took a fifth of the time:
//! the data is the user's own, so nobody can feed the tables keys that collide on purpose.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;

use super::scope::{Behind, Data};
use super::table::Label;
use crate::domain::order::Order;
use crate::i18n::Key;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SalesTally<'a> {
    /// Each order once, in the order they were added.
    pub orders: Vec<&'a Order>,
    /// In the base currency.
    pub amount: Decimal,
}

impl<'a> SalesTally<'a> {
    /// Adds an amount from `order`. An order's lines come one after another, so an order already
    /// counted is the last one added.
    pub fn add(&mut self, order: &'a Order, amount: Decimal) {
        if !self
            .orders
            .last()
            .is_some_and(|last| std::ptr::eq(*last, order))
        {
            self.orders.push(order);
        }
        self.amount += amount;
    }

    pub fn count(&self) -> u64 {
        self.orders.len() as u64
    }

    pub fn behind(&self, data: &Data<'a>) -> Behind {
        data.behind(self.orders.iter().copied())
    }
}

/// Groups sorted by amount, largest first, then by their text so that the order is stable,
/// "(not set)" after the named ones.
pub fn largest_first<T>(groups: &mut [(&str, T)], amount: impl Fn(&T) -> Decimal) {
    sort_by(groups, |a, b| {
        amount(&b.1)
            .cmp(&amount(&a.1))
            .then(a.0.is_empty().cmp(&b.0.is_empty()))
            .then(a.0.cmp(b.0))
    });
}

/// A row named by what the user typed, or "(not set)" when nothing was typed.
pub fn typed_or_not_set(text: &str, label: impl FnOnce(String) -> Label) -> Label {
    match text.trim() {
        "" => Label::Key(Key::ReportNotSet),
        typed => label(typed.to_owned()),
    }
}
