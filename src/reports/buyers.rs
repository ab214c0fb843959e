//! Who bought in the period and how much: what Pareto, RFM and the repeat-purchase rate are
//! made of, added up in one pass over the sales. Also the customers' names for row labels.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::period::Period;
use super::scope::{Behind, Data, Scope};
use super::table::Label;
use crate::domain::customer::Customer;
use crate::domain::order::Order;
use crate::i18n::Key;

/// A customer with at least one sale in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buyer<'a> {
    pub customer_id: &'a str,
    /// The customer of that id, Trash included.
    pub customer: Option<&'a Customer>,
    /// In the base currency.
    pub revenue: Decimal,
    pub sales: u64,
    /// The latest order date among those sales, as a [`day_code`].
    ///
    /// [`day_code`]: super::period::day_code
    pub last: i32,
}

/// Who bought in `period` (the scope's, or the one before it for a comparison), the largest
/// revenue first, then by customer id.
pub fn buyers<'a>(scope: &Scope<'a>, period: &Period) -> Vec<Buyer<'a>> {
    let mut by_customer = PerCustomer::default();
    for sale in scope.sales_dated(|day| period.contains_code(day)) {
        let (order, day) = (sale.order, sale.day);
        let buyer = by_customer.entry(scope, order, |customer| Buyer {
            customer_id: &order.body.customer_id,
            customer,
            revenue: Decimal::ZERO,
            sales: 0,
            last: day,
        });
        buyer.revenue += sale.total;
        buyer.sales += 1;
        buyer.last = buyer.last.max(day);
    }
    let mut list: Vec<Buyer> = by_customer.into_values().collect();
    sort_by(&mut list, |a, b| {
        b.revenue
            .cmp(&a.revenue)
            .then_with(|| a.customer_id.cmp(b.customer_id))
    });
    list
}

/// Values kept per customer of a sale: by the customer's place, which the shared columns give
/// without hashing its id, or by the id the sale names when no customer has it.
pub struct PerCustomer<'a, V> {
    by_place: FxHashMap<u32, V>,
    by_id: FxHashMap<&'a str, V>,
}

impl<V> Default for PerCustomer<'_, V> {
    fn default() -> Self {
        PerCustomer {
            by_place: FxHashMap::default(),
            by_id: FxHashMap::default(),
        }
    }
}

impl<'a, V> PerCustomer<'a, V> {
    /// The value of `order`'s customer (Trash included), made by `new` from that customer the
    /// first time.
    pub fn entry(
        &mut self,
        scope: &Scope<'a>,
        order: &'a Order,
        new: impl FnOnce(Option<&'a Customer>) -> V,
    ) -> &mut V {
        match scope.named_customer(order) {
            Some(c) => self
                .by_place
                .entry(scope.data.place(c))
                .or_insert_with(|| new(Some(c))),
            None => self
                .by_id
                .entry(order.body.customer_id.as_str())
                .or_insert_with(|| new(None)),
        }
    }

    pub fn into_values(self) -> impl Iterator<Item = V> + use<'a, V> {
        self.by_place.into_values().chain(self.by_id.into_values())
    }
}

impl<'a> Buyer<'a> {
    /// The customer's name as typed; "(not set)" for a customer that is not there.
    pub fn label(&self) -> Label {
        customer_label(self.customer)
    }

    pub fn name(&self) -> &'a str {
        self.customer.map_or("", |c| c.details.name.as_str())
    }
}

/// A customer's name as typed; "(not set)" for a customer that is not there.
pub fn customer_label(customer: Option<&Customer>) -> Label {
    customer.map_or(Label::Key(Key::ReportNotSet), |c| {
        Label::Text(c.details.name.clone())
    })
}

/// These customers, as the records behind a figure; a sale's customer that is not there names
/// nobody.
pub fn behind_customers<'a>(
    data: &Data<'a>,
    customers: impl IntoIterator<Item = Option<&'a Customer>>,
) -> Behind {
    data.behind(customers.into_iter().flatten())
}
