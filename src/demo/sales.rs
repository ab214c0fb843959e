//! Quotes and orders: quotes sent on deals at the proposal stage (accepted into orders, declined,
//! still open, or left to expire), orders for won deals, and the repeat orders of customers who
//! keep buying; each order with its payment plan and the status its age gives it.

use crate::domain::sorting::sort_by;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::clock::{day_text, stamp, year_of, DAY};
use super::people::People;
use super::pipeline::Deals;
use super::Gen;
use crate::domain::document::{document_number, OrderStatus, QuoteStatus};
use crate::domain::id::Id;
use crate::domain::money::{minor_units, round_money, Line};
use crate::domain::opportunity::Outcome;
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::quote::{Quote, DEFAULT_VALID_DAYS};
use crate::domain::receivable::Installment;
use crate::domain::sale::SaleBody;

pub struct Sales {
    pub quotes: Vec<Quote>,
    pub orders: Vec<Order>,
    /// The customer of each order, by index into the people.
    pub customers: Vec<usize>,
    /// When each order was confirmed, if it still stands.
    pub confirmed: Vec<Option<i64>>,
}

impl Gen {
    pub(super) fn sales(
        &mut self,
        people: &mut People,
        deals: &Deals,
        products: &[Product],
    ) -> Sales {
        let mut sales = Sales {
            quotes: Vec::with_capacity(self.counts.quotes),
            orders: Vec::with_capacity(self.counts.orders),
            customers: Vec::with_capacity(self.counts.orders),
            confirmed: Vec::with_capacity(self.counts.orders),
        };
        let pool = |want: fn(&super::pipeline::DealPlan) -> bool| -> Vec<usize> {
            (0..deals.plans.len())
                .filter(|&d| want(&deals.plans[d]))
                .collect()
        };
        let mut won = pool(|p| p.outcome == Outcome::Won);
        let mut open = pool(|p| p.outcome == Outcome::Open && p.proposed.is_some());
        let mut declined = pool(|p| p.outcome == Outcome::Lost && p.proposed.is_some());
        self.shuffle(&mut won);
        self.shuffle(&mut open);
        self.shuffle(&mut declined);
        let quotes = self.counts.quotes;
        let accepted = (quotes * 45 / 100).min(won.len()).min(self.counts.orders);
        open.truncate(quotes * 20 / 100);
        declined.truncate(quotes * 20 / 100);
        for &deal in &won[..accepted] {
            self.accepted_quote(&mut sales, deals, deal);
        }
        for &deal in &open {
            self.open_quote(&mut sales, deals, deal);
        }
        for &deal in &declined {
            self.declined_quote(&mut sales, deals, deal);
        }
        while sales.quotes.len() < quotes {
            let deal = self.rng.index(deals.plans.len());
            self.forgotten_quote(&mut sales, deals, deal);
        }
        for &deal in won[accepted..].iter() {
            if sales.orders.len() >= self.counts.orders {
                break;
            }
            self.won_order(&mut sales, deals, deal);
        }
        while sales.orders.len() < self.counts.orders {
            let customer = people.by_size.pick(&mut self.rng);
            self.repeat_order(&mut sales, people, products, customer);
        }
        mark_won(&sales, people);
        number(&mut sales, &self.numbering());
        sales
    }

    fn numbering(&self) -> (String, String) {
        let n = crate::domain::company::Numbering::default();
        (n.quote_prefix, n.order_prefix)
    }

    fn shuffle(&mut self, items: &mut [usize]) {
        for at in (1..items.len()).rev() {
            let other = self.rng.index(at + 1);
            items.swap(at, other);
        }
    }

    fn new_quote(&mut self, deals: &Deals, deal: usize, issued: i64) -> Quote {
        let opportunity = &deals.opportunities[deal];
        let mut body = SaleBody::new(
            String::new(),
            opportunity.customer_id.clone(),
            opportunity.currency.clone(),
        );
        body.opportunity_id = Some(opportunity.meta.id.clone());
        body.set_lines(deals.plans[deal].lines.clone());
        let owner = opportunity.meta.owner.clone();
        let meta = self.meta(issued, &owner);
        let day = issued / DAY;
        Quote::new(
            meta,
            body,
            day_text(day),
            Some(day_text(day + DEFAULT_VALID_DAYS)),
        )
    }

    fn send(&mut self, quote: &mut Quote, issued: i64, before: i64) -> i64 {
        let sent = (issued + self.rng.between(600, 86_400))
            .min(before - 60)
            .max(issued + 1);
        quote
            .change_status(QuoteStatus::Sent, &stamp(sent))
            .expect("a draft quote can be sent");
        sent
    }

    /// Sent a few days before the deal was won, and accepted that day into an order.
    fn accepted_quote(&mut self, sales: &mut Sales, deals: &Deals, deal: usize) {
        let plan = &deals.plans[deal];
        let (Some(won), customer) = (plan.closed, plan.customer) else {
            return;
        };
        let issued = (won - self.rng.between(2, 25) * DAY).max(plan.opened + 60);
        let mut quote = self.new_quote(deals, deal, issued);
        self.send(&mut quote, issued, won);
        let currency = quote.body.currency.clone();
        let owner = quote.meta.owner.clone();
        let meta = self.meta(won, &owner);
        let mut order = quote
            .accept(
                meta,
                String::new(),
                self.rate(&currency),
                &day_text(won / DAY),
                &stamp(won),
            )
            .expect("a sent quote within its validity can be accepted");
        let confirmed = self.settle(&mut order, won);
        sales.quotes.push(quote);
        sales.add(order, customer, confirmed);
    }

    /// Sent at the proposal, or still a draft: waiting for an answer (or expired without one).
    fn open_quote(&mut self, sales: &mut Sales, deals: &Deals, deal: usize) {
        let proposed = deals.plans[deal]
            .proposed
            .unwrap_or(deals.plans[deal].opened);
        let issued = (proposed + self.rng.between(0, 2 * DAY))
            .min(self.clock.limit() - 120)
            .max(proposed);
        let mut quote = self.new_quote(deals, deal, issued);
        if self.rng.percent(80) {
            self.send(&mut quote, issued, self.clock.limit());
        }
        sales.quotes.push(quote);
    }

    fn declined_quote(&mut self, sales: &mut Sales, deals: &Deals, deal: usize) {
        let plan = &deals.plans[deal];
        let (Some(proposed), Some(lost)) = (plan.proposed, plan.closed) else {
            return;
        };
        let mut quote = self.new_quote(deals, deal, proposed);
        let sent = self.send(&mut quote, proposed, lost);
        let declined = lost.max(sent + 60).min(self.clock.limit());
        quote
            .change_status(QuoteStatus::Declined, &stamp(declined))
            .expect("a sent quote can be declined");
        sales.quotes.push(quote);
    }

    /// Sent and never answered: it shows as expired once past its validity.
    fn forgotten_quote(&mut self, sales: &mut Sales, deals: &Deals, deal: usize) {
        let opened = deals.plans[deal].opened;
        let issued = (opened + self.rng.between(1, 10) * DAY)
            .min(self.clock.limit() - 120)
            .max(opened);
        let mut quote = self.new_quote(deals, deal, issued);
        self.send(&mut quote, issued, self.clock.limit());
        sales.quotes.push(quote);
    }

    /// A won deal ordered without a quote, on the day it was won.
    fn won_order(&mut self, sales: &mut Sales, deals: &Deals, deal: usize) {
        let plan = &deals.plans[deal];
        let Some(won) = plan.closed else {
            return;
        };
        let opportunity = &deals.opportunities[deal];
        let mut order = self.new_order(
            &opportunity.customer_id,
            &opportunity.currency,
            plan.lines.clone(),
            won,
            &opportunity.meta.owner.clone(),
        );
        order.body.opportunity_id = Some(opportunity.meta.id.clone());
        let confirmed = self.settle(&mut order, won);
        sales.add(order, plan.customer, confirmed);
    }

    /// A customer buying again: supplies, more devices, another year of support.
    fn repeat_order(
        &mut self,
        sales: &mut Sales,
        people: &People,
        products: &[Product],
        customer: usize,
    ) {
        let account = &people.accounts[customer];
        let record = &people.customers[customer];
        let day = self
            .clock
            .busy_day(&mut self.rng, account.created / DAY + 1, self.clock.last);
        let created = self.clock.at(&mut self.rng, day).max(account.created + 600);
        let (lines, _) = self.lines(products, account.currency);
        let owner = self.owner_or(&record.meta.owner);
        let mut order = self.new_order(&record.meta.id, account.currency, lines, created, &owner);
        let confirmed = self.settle(&mut order, created);
        sales.add(order, customer, confirmed);
    }

    fn new_order(
        &mut self,
        customer_id: &Id,
        currency: &str,
        lines: Vec<Line>,
        at: i64,
        owner: &Id,
    ) -> Order {
        // The customer's own id, shared, as a start reads it back from the packed copy.
        let mut body = SaleBody::new(String::new(), customer_id.clone(), currency.to_owned());
        body.set_lines(lines);
        let meta = self.meta(at, owner);
        Order::new(meta, body, day_text(at / DAY), self.rate(currency))
    }

    fn rate(&self, currency: &str) -> Decimal {
        self.currencies.rate_of(currency).unwrap_or(Decimal::ONE)
    }

    /// Gives a new order its payment plan, then moves it as far as its age allows; says when it
    /// was confirmed if it stands confirmed (or further).
    fn settle(&mut self, order: &mut Order, created: i64) -> Option<i64> {
        let plan = self.plan(order);
        order
            .set_plan(plan, &stamp(created))
            .expect("the plan adds up to the total");
        let age = self.clock.today - created / DAY;
        let weights: [u64; 5] = match age {
            0..14 => [30, 60, 0, 0, 10],
            14..60 => [0, 35, 50, 10, 5],
            _ => [0, 3, 12, 80, 5],
        };
        use OrderStatus::*;
        let target =
            [Draft, Confirmed, Delivered, Completed, Cancelled][self.rng.weighted(&weights)];
        let path: &[(OrderStatus, i64, i64)] = match target {
            Draft => &[],
            Cancelled if self.rng.percent(50) => &[(Cancelled, 1, 10)],
            Cancelled => &[(Confirmed, 0, 3), (Cancelled, 1, 20)],
            Confirmed => &[(Confirmed, 0, 3)],
            Delivered => &[(Confirmed, 0, 3), (Delivered, 3, 20)],
            Completed => &[(Confirmed, 0, 3), (Delivered, 3, 20), (Completed, 10, 60)],
        };
        let mut now = created;
        let mut confirmed = None;
        for &(status, low, high) in path {
            let next = now + self.rng.between(low, high) * DAY + self.rng.between(60, 3600);
            if next > self.clock.limit() {
                break;
            }
            now = next;
            order
                .change_status(status, false, &stamp(now))
                .expect("the demo's order steps are allowed");
            if status == Confirmed {
                confirmed = Some(now);
            }
        }
        confirmed.filter(|_| order.status.wins_customer())
    }

    /// One to three installments adding up to the total: all at once, a deposit and the rest,
    /// or a deposit, a payment on delivery and a retention.
    fn plan(&mut self, order: &Order) -> Vec<Installment> {
        let total = order.body.total;
        let units = minor_units(&order.body.currency);
        let day = order.order_date.clone();
        let start = crate::domain::date::day_number(&day).unwrap_or(self.clock.last);
        let due = |days: i64| day_text(start + days);
        let part = |percent: i64| {
            round_money(total * Decimal::from(percent) / Decimal::ONE_HUNDRED, units)
        };
        let plan = match self.rng.weighted(&[60, 30, 10]) {
            0 => vec![(due(*self.rng.pick(&[0, 30, 30, 60])), total)],
            1 => {
                let deposit = part(*self.rng.pick(&[30, 50]));
                vec![
                    (due(0), deposit),
                    (due(*self.rng.pick(&[30, 60])), total - deposit),
                ]
            }
            _ => {
                let (first, second) = (part(30), part(40));
                vec![
                    (due(0), first),
                    (due(30), second),
                    (due(90), total - first - second),
                ]
            }
        };
        if plan.iter().any(|(_, amount)| *amount <= Decimal::ZERO) {
            return vec![Installment {
                due: due(0),
                amount: total,
            }];
        }
        plan.into_iter()
            .map(|(due, amount)| Installment { due, amount })
            .collect()
    }
}

impl Sales {
    fn add(&mut self, order: Order, customer: usize, confirmed: Option<i64>) {
        self.orders.push(order);
        self.customers.push(customer);
        self.confirmed.push(confirmed);
    }
}

/// A customer counts as won from its first confirmed order.
fn mark_won(sales: &Sales, people: &mut People) {
    let mut first: HashMap<usize, i64> = HashMap::new();
    for (&customer, confirmed) in sales.customers.iter().zip(&sales.confirmed) {
        if let Some(at) = *confirmed {
            let entry = first.entry(customer).or_insert(at);
            *entry = (*entry).min(at);
        }
    }
    let mut first: Vec<(usize, i64)> = first.into_iter().collect();
    sort_by(&mut first, Ord::cmp);
    for (customer, at) in first {
        people.customers[customer].mark_won(&stamp(at));
    }
}

/// Numbers quotes and orders in the order they were made, the counter starting again each year.
fn number(sales: &mut Sales, (quote_prefix, order_prefix): &(String, String)) {
    let mut quotes: Vec<usize> = (0..sales.quotes.len()).collect();
    sort_by(&mut quotes, |&a, &b| {
        sales.quotes[a]
            .meta
            .created_at
            .cmp(&sales.quotes[b].meta.created_at)
    });
    let mut counter = Counter::default();
    for at in quotes {
        let quote = &mut sales.quotes[at];
        quote.body.number = counter.next(quote_prefix, &quote.issued_on);
    }
    let mut orders: Vec<usize> = (0..sales.orders.len()).collect();
    sort_by(&mut orders, |&a, &b| {
        sales.orders[a]
            .meta
            .created_at
            .cmp(&sales.orders[b].meta.created_at)
    });
    let mut counter = Counter::default();
    for at in orders {
        let order = &mut sales.orders[at];
        order.body.number = counter.next(order_prefix, &order.order_date);
    }
}

#[derive(Default)]
struct Counter {
    year: i32,
    count: u32,
}

impl Counter {
    fn next(&mut self, prefix: &str, day: &str) -> String {
        let year = crate::domain::date::day_number(day).map_or(self.year, year_of);
        if year != self.year {
            self.year = year;
            self.count = 0;
        }
        self.count += 1;
        document_number(prefix, year, self.count)
    }
}
