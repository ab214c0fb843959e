//! Money received and invoiced: payments against each confirmed order's plan, on time, late or
//! never depending on the customer, so that receivables fill every ageing bucket; and invoices
//! that never exceed the order.

use crate::domain::sorting::{sort_by, sort_by_key};
use rust_decimal::Decimal;

use super::clock::day_text;
use super::people::{Payer, People};
use super::sales::Sales;
use super::Gen;
use crate::domain::date::day_number;
use crate::domain::money::{minor_units, round_money};
use crate::domain::receivable::{Invoice, Payment};

/// A payment to be made: which order, on which day, how much.
struct Due {
    order: usize,
    day: i64,
    amount: Decimal,
}

impl Gen {
    pub(super) fn receivables(
        &mut self,
        sales: &Sales,
        people: &People,
    ) -> (Vec<Payment>, Vec<Invoice>) {
        let dues = self.payment_days(sales, people);
        let payments = dues
            .into_iter()
            .map(|due| {
                let order = &sales.orders[due.order];
                let at = self.clock.at(&mut self.rng, due.day);
                let owner = order.meta.owner.clone();
                let methods = self.words.payment_methods;
                let method = methods[self.rng.weighted_by(methods.len(), |at| methods[at].1)].0;
                Payment {
                    meta: self.meta(at, &owner),
                    order_id: order.meta.id.clone(),
                    day: day_text(due.day).into(),
                    amount: due.amount,
                    method,
                    note: String::new(),
                }
            })
            .collect();
        let invoices = self.invoices(sales);
        (payments, invoices)
    }

    /// Exactly as many payments as the size asks for: each paid installment is one, some paid in
    /// two parts; when there are too many, some go unpaid.
    fn payment_days(&mut self, sales: &Sales, people: &People) -> Vec<Due> {
        let mut dues = Vec::with_capacity(self.counts.payments + 16);
        for (at, order) in sales.orders.iter().enumerate() {
            if !order.status.takes_payments() {
                continue;
            }
            let payer = people.accounts[sales.customers[at]].payer;
            let ordered = day_number(&order.order_date).unwrap_or(self.clock.last);
            for installment in &order.plan {
                let due = day_number(&installment.due).unwrap_or(ordered);
                let day = match payer {
                    Payer::OnTime => due + self.rng.between(-5, 5),
                    Payer::Late => due + self.rng.between(10, 100),
                    Payer::Bad if self.rng.percent(50) => continue,
                    Payer::Bad => due + self.rng.between(60, 200),
                };
                let day = day.max(ordered);
                if day <= self.clock.last {
                    dues.push(Due {
                        order: at,
                        day,
                        amount: installment.amount,
                    });
                }
            }
        }
        while dues.len() > self.counts.payments {
            let at = self.rng.index(dues.len());
            dues.swap_remove(at);
        }
        let mut tries = 0;
        while dues.len() < self.counts.payments && !dues.is_empty() && tries < 1_000_000 {
            tries += 1;
            let at = self.rng.index(dues.len());
            let order = &sales.orders[dues[at].order];
            let units = minor_units(&order.body.currency);
            let amount = dues[at].amount;
            let part = round_money(
                amount * Decimal::from(self.rng.between(30, 70)) / Decimal::ONE_HUNDRED,
                units,
            );
            if part <= Decimal::ZERO || part >= amount {
                continue;
            }
            let ordered = day_number(&order.order_date).unwrap_or(dues[at].day);
            let earlier = (dues[at].day - self.rng.between(1, 20)).max(ordered);
            dues[at].amount = amount - part;
            dues.push(Due {
                order: dues[at].order,
                day: earlier,
                amount: part,
            });
        }
        sort_by_key(&mut dues, |d| (d.day, d.order));
        dues
    }

    /// Invoices for confirmed orders: the whole order at once, or one per installment as it
    /// falls due, up to the size's count.
    fn invoices(&mut self, sales: &Sales) -> Vec<Invoice> {
        let mut order_ids: Vec<usize> = (0..sales.orders.len())
            .filter(|&at| sales.orders[at].status.takes_payments())
            .collect();
        for at in (1..order_ids.len()).rev() {
            let other = self.rng.index(at + 1);
            order_ids.swap(at, other);
        }
        let kinds = self.words.invoice_kinds;
        let weights: Vec<u64> = kinds.iter().map(|k| k.1).collect();
        let mut invoices: Vec<Invoice> = Vec::with_capacity(self.counts.invoices);
        for at in order_ids {
            if invoices.len() >= self.counts.invoices {
                break;
            }
            let order = &sales.orders[at];
            let ordered = day_number(&order.order_date).unwrap_or(self.clock.last);
            let parts: Vec<(i64, Decimal)> = if order.plan.len() > 1 && self.rng.percent(40) {
                order
                    .plan
                    .iter()
                    .map(|i| (day_number(&i.due).unwrap_or(ordered) - 5, i.amount))
                    .collect()
            } else {
                vec![(ordered + self.rng.between(0, 10), order.body.total)]
            };
            for (day, amount) in parts {
                let day = day.max(ordered);
                if day > self.clock.last || invoices.len() >= self.counts.invoices {
                    continue;
                }
                let at = self.clock.at(&mut self.rng, day);
                let owner = order.meta.owner.clone();
                let kind = kinds[self.rng.weighted(&weights)].0;
                invoices.push(Invoice {
                    meta: self.meta(at, &owner),
                    order_id: order.meta.id.clone(),
                    number: String::new(),
                    day: day_text(day),
                    amount,
                    kind,
                    note: String::new(),
                });
            }
        }
        sort_by(&mut invoices, |a, b| {
            a.day.cmp(&b.day).then_with(|| a.meta.id.cmp(&b.meta.id))
        });
        let chinese = self.words.family_first;
        for (n, invoice) in invoices.iter_mut().enumerate() {
            invoice.number = if chinese {
                format!("{:08}", 3_100_000 + n)
            } else {
                format!("INV-{}-{:05}", &invoice.day[..4], n + 1)
            };
        }
        invoices
    }
}
