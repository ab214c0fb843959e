//! Orders (订单/合同): what the customer agreed to buy, from a quote or from scratch, at the
//! exchange rate of its day, with the plan of how it will be paid.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::document::OrderStatus;
use super::id::Id;
use super::quote::Quote;
use super::receivable::{check_plan, Installment, MoneyProblem};
use super::record::{record_serde, Record, RecordMeta};
use super::sale::SaleBody;
use super::stamp::Stamp;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Order {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub body: SaleBody,
    #[serde(default)]
    pub quote_id: Option<Id>,
    /// Base-currency units for one unit of the order's currency, as on the order's day; reports
    /// convert at this rate forever after.
    #[serde(with = "crate::domain::money::exact")]
    pub rate_to_base: Decimal,
    pub order_date: Stamp,
    #[serde(default)]
    pub plan: Vec<Installment>,
    pub status: OrderStatus,
}

record_serde!(Order {
    meta: RecordMeta,
    body: SaleBody,
    quote_id: Option<Id>,
    rate_to_base: Decimal,
    order_date: Stamp,
    plan: Vec<Installment>,
    status: OrderStatus,
});

impl Record for Order {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderProblem {
    /// Lines, currency and date are fixed once the order is confirmed.
    Locked,
    NotAllowed,
    /// A cancelled order takes no payment, so one that has payments cannot be cancelled.
    HasPayments,
}

impl Order {
    pub fn new(meta: RecordMeta, body: SaleBody, order_date: String, rate: Decimal) -> Self {
        Order {
            meta,
            body,
            quote_id: None,
            rate_to_base: rate,
            order_date: order_date.into(),
            plan: Vec::new(),
            status: OrderStatus::Draft,
        }
    }

    pub fn from_quote(
        quote: &Quote,
        meta: RecordMeta,
        number: String,
        rate: Decimal,
        today: &str,
    ) -> Self {
        let mut body = quote.body.clone();
        body.number = number;
        let mut order = Order::new(meta, body, today.to_owned(), rate);
        order.quote_id = Some(quote.meta.id.clone());
        order
    }

    pub fn edit(
        &mut self,
        body: SaleBody,
        order_date: String,
        rate: Decimal,
        now: &str,
    ) -> Result<(), OrderProblem> {
        if self.status != OrderStatus::Draft {
            return Err(OrderProblem::Locked);
        }
        // The plan was made for the old total; it must be set again for the new one.
        if body.total != self.body.total {
            self.plan.clear();
        }
        self.body = body;
        self.order_date = order_date.into();
        self.rate_to_base = rate;
        self.meta.touch(now);
        Ok(())
    }

    pub fn change_status(
        &mut self,
        to: OrderStatus,
        has_payments: bool,
        now: &str,
    ) -> Result<(), OrderProblem> {
        if !self.status.next_choices().contains(&to) {
            return Err(OrderProblem::NotAllowed);
        }
        if to == OrderStatus::Cancelled && has_payments {
            return Err(OrderProblem::HasPayments);
        }
        self.status = to;
        self.meta.touch(now);
        Ok(())
    }

    /// Replaces the payment plan, which must add up to the total. An empty plan means the whole
    /// total is due on the order date.
    pub fn set_plan(&mut self, plan: Vec<Installment>, now: &str) -> Result<(), Vec<MoneyProblem>> {
        let problems = check_plan(&plan, self.body.total);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.plan = plan;
        self.meta.touch(now);
        Ok(())
    }

    /// The plan in force: the one set, or all of the total on the order date.
    pub fn schedule(&self) -> Cow<'_, [Installment]> {
        if self.plan.is_empty() {
            Cow::Owned(vec![Installment {
                due: self.order_date.as_str().to_owned(),
                amount: self.body.total,
            }])
        } else {
            Cow::Borrowed(&self.plan)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn order(total: &str) -> Order {
        let mut body = SaleBody::new("SO-2026-0001".into(), "c1".into(), "CNY".into());
        body.total = dec(total);
        Order::new(
            RecordMeta::new("so1".into(), "t0", "u1".into()),
            body,
            "2026-03-01".into(),
            Decimal::ONE,
        )
    }

    #[test]
    fn a_confirmed_order_is_locked_and_one_with_payments_cannot_be_cancelled() {
        let mut o = order("1130");
        o.change_status(OrderStatus::Confirmed, false, "t1")
            .unwrap();
        let body = o.body.clone();
        assert_eq!(
            o.edit(body, "2026-03-02".into(), Decimal::ONE, "t2"),
            Err(OrderProblem::Locked)
        );
        assert_eq!(
            o.change_status(OrderStatus::Cancelled, true, "t2"),
            Err(OrderProblem::HasPayments)
        );
        assert_eq!(
            o.change_status(OrderStatus::Completed, false, "t2"),
            Err(OrderProblem::NotAllowed)
        );
        o.change_status(OrderStatus::Cancelled, false, "t2")
            .unwrap();
        assert!(!o.status.takes_payments());
    }

    #[test]
    fn the_plan_must_add_up_and_defaults_to_everything_on_the_order_date() {
        let mut o = order("1130");
        assert_eq!(
            *o.schedule(),
            [Installment {
                due: "2026-03-01".into(),
                amount: dec("1130")
            }]
        );
        let plan = vec![
            Installment {
                due: "2026-03-10".into(),
                amount: dec("600"),
            },
            Installment {
                due: "2026-04-10".into(),
                amount: dec("530"),
            },
        ];
        assert!(o.set_plan(plan[..1].to_vec(), "t1").is_err());
        assert!(o.plan.is_empty());
        o.set_plan(plan.clone(), "t1").unwrap();
        assert_eq!(*o.schedule(), *plan);
        let mut cheaper = o.body.clone();
        cheaper.total = dec("1000");
        o.edit(cheaper, "2026-03-01".into(), Decimal::ONE, "t2")
            .unwrap();
        assert!(o.plan.is_empty());
    }
}
