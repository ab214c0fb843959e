//! What each order is owed: paid, invoiced, the balance and its overdue part, the receivables
//! list with its ageing, and the money side of Today.

use crate::domain::sorting::{sort_by, sort_by_key};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::cmp::Reverse;

use super::date::add_days;
use super::id::Id;
use super::line_draft::PricePaid;
use super::money::to_base;
use super::order::Order;
use super::quote::{Quote, QuoteShown};
use super::receivable::{installment_states, Age, InstallmentState, Invoice, Payment};

/// Adds to an order's sum. Reports build a ledger of every payment each time they are computed,
/// so FxHash rather than SipHash: the ids are the user's own, so nobody feeds the table keys
/// that collide on purpose.
fn add(sums: &mut FxHashMap<Id, Decimal>, order_id: &Id, amount: Decimal) {
    *sums.entry(order_id.clone()).or_default() += amount;
}

/// Payments and invoices added up per order, once, outside Trash.
#[derive(Default)]
pub struct Ledger {
    paid: FxHashMap<Id, Decimal>,
    invoiced: FxHashMap<Id, Decimal>,
}

impl Ledger {
    pub fn new<'a>(
        payments: impl IntoIterator<Item = &'a Payment>,
        invoices: impl IntoIterator<Item = &'a Invoice>,
    ) -> Self {
        let mut ledger = Ledger::default();
        for p in payments.into_iter().filter(|p| !p.meta.is_deleted()) {
            add(&mut ledger.paid, &p.order_id, p.amount);
        }
        for i in invoices.into_iter().filter(|i| !i.meta.is_deleted()) {
            add(&mut ledger.invoiced, &i.order_id, i.amount);
        }
        ledger
    }

    /// What was paid per order id.
    pub fn paid_by_order(self) -> FxHashMap<Id, Decimal> {
        self.paid
    }

    pub fn paid(&self, order_id: &str) -> Decimal {
        self.paid.get(order_id).copied().unwrap_or_default()
    }

    pub fn invoiced(&self, order_id: &str) -> Decimal {
        self.invoiced.get(order_id).copied().unwrap_or_default()
    }

    pub fn money(&self, order: &Order, today: &str) -> OrderMoney {
        let paid = self.paid(&order.meta.id);
        OrderMoney::of(order, paid, self.invoiced(&order.meta.id), today)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderMoney {
    pub total: Decimal,
    pub paid: Decimal,
    pub invoiced: Decimal,
    pub balance: Decimal,
    /// The part of the balance whose due date has passed.
    pub overdue: Decimal,
    /// The plan (or the whole total on the order date), earliest first, with what is paid.
    pub installments: Vec<InstallmentState>,
}

impl OrderMoney {
    /// An order's money, given what is paid and invoiced on it.
    pub fn of(order: &Order, paid: Decimal, invoiced: Decimal, today: &str) -> OrderMoney {
        let installments = if order.status.takes_payments() {
            installment_states(order.schedule(), paid, today)
        } else {
            Vec::new()
        };
        let overdue = installments
            .iter()
            .filter(|s| s.overdue)
            .map(InstallmentState::open)
            .sum();
        OrderMoney {
            total: order.body.total,
            paid,
            invoiced,
            balance: order.body.total - paid,
            overdue,
            installments,
        }
    }

    /// The earliest installment not yet paid in full.
    pub fn next_open(&self) -> Option<&InstallmentState> {
        self.installments.iter().find(|s| s.open() > Decimal::ZERO)
    }
}

pub struct Receivable<'a> {
    pub order: &'a Order,
    pub money: OrderMoney,
    /// How late its oldest unpaid installment is.
    pub age: Age,
}

/// Every order still owed money, the most overdue first, then by the next due date.
pub fn receivables<'a>(orders: &'a [Order], ledger: &Ledger, today: &str) -> Vec<Receivable<'a>> {
    owing(orders.iter().map(|o| (o, ledger.paid(&o.meta.id))), today)
}

/// Of these orders, each with what is paid on it, the ones still owed money, ordered as
/// [`receivables`] orders them. Invoices play no part in what is owed.
pub fn owing<'a>(
    orders: impl Iterator<Item = (&'a Order, Decimal)>,
    today: &str,
) -> Vec<Receivable<'a>> {
    let mut open: Vec<Receivable> = orders
        .filter(|(o, _)| !o.meta.is_deleted() && o.status.takes_payments())
        // Paid in full, an order owes nothing: no need to work out its installments.
        .filter(|(o, paid)| *paid < o.body.total)
        .map(|(order, paid)| {
            let money = OrderMoney::of(order, paid, Decimal::ZERO, today);
            let age = money.next_open().map_or(Age::NotDue, InstallmentState::age);
            Receivable { order, money, age }
        })
        .collect();
    // The next due day as days late, the most first, is the next due day earliest first: a
    // number to compare, where the day's text lies elsewhere in memory for each receivable.
    sort_by_key(&mut open, |r| {
        let next = r.money.next_open();
        (
            Reverse(r.age),
            next.and_then(InstallmentState::days_late).map(Reverse),
            r.order.body.number.as_str(),
        )
    });
    open
}

/// The open balance in the base currency, by how far past due each installment is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ageing {
    pub not_due: Decimal,
    pub days_0_30: Decimal,
    pub days_31_60: Decimal,
    pub days_61_90: Decimal,
    pub over_90: Decimal,
}

impl Ageing {
    pub fn total(&self) -> Decimal {
        self.not_due + self.days_0_30 + self.days_31_60 + self.days_61_90 + self.over_90
    }

    pub fn bucket(&self, age: Age) -> Decimal {
        match age {
            Age::NotDue => self.not_due,
            Age::Days0To30 => self.days_0_30,
            Age::Days31To60 => self.days_31_60,
            Age::Days61To90 => self.days_61_90,
            Age::Over90 => self.over_90,
        }
    }
}

pub fn ageing(open: &[Receivable], base_currency: &str) -> Ageing {
    let mut ageing = Ageing::default();
    for receivable in open {
        for state in &receivable.money.installments {
            let amount = to_base(state.open(), receivable.order.rate_to_base, base_currency);
            let slot = match state.age() {
                Age::NotDue => &mut ageing.not_due,
                Age::Days0To30 => &mut ageing.days_0_30,
                Age::Days31To60 => &mut ageing.days_31_60,
                Age::Days61To90 => &mut ageing.days_61_90,
                Age::Over90 => &mut ageing.over_90,
            };
            *slot += amount;
        }
    }
    ageing
}

/// Days ahead that Today looks for payments falling due and quotes running out.
pub const DAYS_AHEAD: i64 = 7;

/// The money side of someone's Today.
pub struct MoneyAgenda<'a> {
    /// Installments past due and not paid in full, the oldest first.
    pub overdue: Vec<(&'a Order, InstallmentState)>,
    /// Installments due from today to [`DAYS_AHEAD`] days on.
    pub due_soon: Vec<(&'a Order, InstallmentState)>,
    /// Open quotes whose last valid day is within [`DAYS_AHEAD`] days.
    pub expiring: Vec<&'a Quote>,
}

pub fn money_agenda<'a>(
    today: &str,
    me: &str,
    orders: &'a [Order],
    ledger: &Ledger,
    quotes: &'a [Quote],
) -> MoneyAgenda<'a> {
    let horizon = add_days(today, DAYS_AHEAD).unwrap_or_else(|| today.to_owned());
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    let mine = orders
        .iter()
        .filter(|o| !o.meta.is_deleted() && o.meta.owner == me && o.status.takes_payments());
    for order in mine {
        for state in ledger.money(order, today).installments {
            if state.open() <= Decimal::ZERO {
                continue;
            }
            if state.overdue {
                overdue.push((order, state));
            } else if state.installment.due.as_str() <= horizon.as_str() {
                due_soon.push((order, state));
            }
        }
    }
    sort_by(&mut overdue, |a, b| {
        a.1.installment.due.cmp(&b.1.installment.due)
    });
    sort_by(&mut due_soon, |a, b| {
        a.1.installment.due.cmp(&b.1.installment.due)
    });
    let mut expiring: Vec<&Quote> = quotes
        .iter()
        .filter(|q| !q.meta.is_deleted() && q.meta.owner == me)
        .filter(|q| matches!(q.shown(today), QuoteShown::Draft | QuoteShown::Sent))
        .filter(|q| {
            q.valid_until
                .as_deref()
                .is_some_and(|day| day <= horizon.as_str())
        })
        .collect();
    sort_by(&mut expiring, |a, b| a.valid_until.cmp(&b.valid_until));
    MoneyAgenda {
        overdue,
        due_soon,
        expiring,
    }
}

/// What `customer_id` last paid for `product_id` in `currency`: the line on their latest
/// confirmed order that has it.
pub fn last_price_paid(
    orders: &[Order],
    customer_id: &str,
    product_id: &str,
    currency: &str,
) -> Option<PricePaid> {
    orders
        .iter()
        .filter(|o| {
            !o.meta.is_deleted()
                && o.status.takes_payments()
                && o.body.customer_id == customer_id
                && o.body.currency == currency
        })
        .filter_map(|o| {
            let line = o
                .body
                .lines
                .iter()
                .find(|l| l.product_id.as_deref() == Some(product_id))?;
            Some((o, line))
        })
        .max_by(|(a, _), (b, _)| {
            (a.order_date.as_str(), a.meta.created_at.as_str())
                .cmp(&(b.order_date.as_str(), b.meta.created_at.as_str()))
        })
        .map(|(o, line)| PricePaid {
            unit_price: line.unit_price,
            price_includes_tax: line.price_includes_tax,
            day: o.order_date.as_str().to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::{OrderStatus, QuoteStatus};
    use crate::domain::money::Line;
    use crate::domain::receivable::{Installment, PaymentMethod};
    use crate::domain::record::RecordMeta;
    use crate::domain::sale::SaleBody;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn meta(id: &str) -> RecordMeta {
        RecordMeta::new(id.into(), "2026-01-01T00:00:00Z", "me".into())
    }

    fn order(id: &str, date: &str, total: &str, plan: &[(&str, &str)]) -> Order {
        let mut body = SaleBody::new(format!("SO-{id}"), "c1".into(), "USD".into());
        body.total = dec(total);
        let mut order = Order::new(meta(id), body, date.into(), dec("7"));
        order.plan = plan
            .iter()
            .map(|(due, amount)| Installment {
                due: (*due).into(),
                amount: dec(amount),
            })
            .collect();
        order.status = OrderStatus::Confirmed;
        order
    }

    fn payment(order_id: &str, amount: &str) -> Payment {
        Payment {
            meta: meta(&format!("pay-{order_id}-{amount}")),
            order_id: order_id.into(),
            day: "2026-03-01".into(),
            amount: dec(amount),
            method: PaymentMethod::Alipay,
            note: String::new(),
        }
    }

    #[test]
    fn an_order_shows_paid_invoiced_balance_and_overdue() {
        let o = order(
            "a",
            "2026-03-01",
            "1130",
            &[("2026-03-10", "600"), ("2026-04-10", "530")],
        );
        let invoice = Invoice {
            meta: meta("inv"),
            order_id: "a".into(),
            number: "0001".into(),
            day: "2026-03-02".into(),
            amount: dec("1130"),
            kind: crate::domain::receivable::InvoiceKind::VatSpecial,
            note: String::new(),
        };
        let mut trashed = payment("a", "100");
        trashed.meta.move_to_trash("t");
        let ledger = Ledger::new(&[payment("a", "400"), trashed], &[invoice]);
        let money = ledger.money(&o, "2026-03-20");
        assert_eq!(
            (money.paid, money.invoiced, money.balance, money.overdue),
            (dec("400"), dec("1130"), dec("730"), dec("200"))
        );
        assert_eq!(money.next_open().map(|s| s.open()), Some(dec("200")));
        let mut draft = o.clone();
        draft.status = OrderStatus::Draft;
        assert!(ledger.money(&draft, "2026-03-20").installments.is_empty());
    }

    #[test]
    fn receivables_put_the_most_overdue_first_and_age_in_the_base_currency() {
        let orders = [
            order("soon", "2026-03-01", "100", &[("2026-04-01", "100")]),
            order(
                "late",
                "2026-01-01",
                "300",
                &[("2026-01-10", "100"), ("2026-03-10", "200")],
            ),
            order("paid", "2026-01-01", "50", &[]),
        ];
        let ledger = Ledger::new(&[payment("paid", "50"), payment("late", "40")], &[]);
        let open = receivables(&orders, &ledger, "2026-03-20");
        let ids: Vec<&str> = open.iter().map(|r| r.order.meta.id.as_str()).collect();
        assert_eq!(ids, ["late", "soon"]);
        assert_eq!(open[0].age, Age::Days61To90);
        let ageing = ageing(&open, "CNY");
        // late: 60 open from 2026-01-10 (69 days), 200 from 2026-03-10 (10 days); soon: 100 not due.
        assert_eq!(ageing.days_61_90, dec("420"));
        assert_eq!(ageing.days_0_30, dec("1400"));
        assert_eq!(ageing.not_due, dec("700"));
        assert_eq!(ageing.total(), dec("2520"));
    }

    #[test]
    fn today_lists_my_overdue_and_coming_installments_and_quotes_running_out() {
        let mut theirs = order("theirs", "2026-03-01", "10", &[]);
        theirs.meta.owner = "someone".into();
        let orders = [
            order(
                "a",
                "2026-03-01",
                "300",
                &[
                    ("2026-03-10", "100"),
                    ("2026-03-22", "100"),
                    ("2026-05-01", "100"),
                ],
            ),
            theirs,
        ];
        let mut body = SaleBody::new("Q-1".into(), "c1".into(), "USD".into());
        body.set_lines(vec![Line {
            product_id: None,
            description: "x".into(),
            quantity: Decimal::ONE,
            unit: String::new(),
            unit_price: Decimal::ONE,
            price_includes_tax: false,
            discount_percent: Decimal::ZERO,
            tax_rate: Decimal::ZERO,
        }]);
        let mut sent = Quote::new(
            meta("q1"),
            body.clone(),
            "2026-03-01".into(),
            Some("2026-03-25".into()),
        );
        sent.status = QuoteStatus::Sent;
        let later = Quote::new(
            meta("q2"),
            body.clone(),
            "2026-03-01".into(),
            Some("2026-04-30".into()),
        );
        let past = Quote::new(
            meta("q3"),
            body,
            "2026-03-01".into(),
            Some("2026-03-01".into()),
        );
        let quotes = [sent, later, past];
        let agenda = money_agenda("2026-03-20", "me", &orders, &Ledger::default(), &quotes);
        let due = |list: &[(&Order, InstallmentState)]| {
            list.iter()
                .map(|(_, s)| s.installment.due.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(due(&agenda.overdue), ["2026-03-10"]);
        assert_eq!(due(&agenda.due_soon), ["2026-03-22"]);
        let ids: Vec<&str> = agenda.expiring.iter().map(|q| q.meta.id.as_str()).collect();
        assert_eq!(ids, ["q1"]);
    }

    #[test]
    fn the_last_price_paid_comes_from_the_latest_confirmed_order_in_that_currency() {
        let line = |price: &str| Line {
            product_id: Some("p1".into()),
            description: "Pump".into(),
            quantity: Decimal::ONE,
            unit: String::new(),
            unit_price: dec(price),
            price_includes_tax: true,
            discount_percent: Decimal::ZERO,
            tax_rate: dec("13"),
        };
        let mut old = order("old", "2026-01-01", "0", &[]);
        old.body.lines = vec![line("90")];
        let mut recent = order("recent", "2026-02-01", "0", &[]);
        recent.body.lines = vec![line("95")];
        let mut draft = order("draft", "2026-03-01", "0", &[]);
        draft.body.lines = vec![line("99")];
        draft.status = OrderStatus::Draft;
        let orders = [old, recent, draft];
        let paid = last_price_paid(&orders, "c1", "p1", "USD").unwrap();
        assert_eq!(
            (paid.unit_price, paid.day.as_str()),
            (dec("95"), "2026-02-01")
        );
        assert!(paid.price_includes_tax);
        assert_eq!(last_price_paid(&orders, "c1", "p1", "CNY"), None);
        assert_eq!(last_price_paid(&orders, "c2", "p1", "USD"), None);
    }
}
