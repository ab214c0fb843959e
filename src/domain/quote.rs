//! Quotes (报价): an offer with lines and a validity, sent, then accepted into an order or
//! declined; past its validity it shows as expired.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::date::{add_days, day_number};
use super::document::{can_accept, quote_expired, QuoteStatus};
use super::id::Id;
use super::order::Order;
use super::record::{record_serde, Record, RecordMeta};
use super::sale::SaleBody;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Quote {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub body: SaleBody,
    pub issued_on: String,
    #[serde(default)]
    pub valid_until: Option<String>,
    pub status: QuoteStatus,
    /// The order made when it was accepted.
    #[serde(default)]
    pub order_id: Option<Id>,
}

record_serde!(Quote {
    meta: RecordMeta,
    body: SaleBody,
    issued_on: String,
    valid_until: Option<String>,
    status: QuoteStatus,
    order_id: Option<Id>,
});

impl Record for Quote {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

/// The status a user sees: the stored one, or Expired once an open quote is past its validity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteShown {
    Draft,
    Sent,
    Accepted,
    Declined,
    Expired,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteProblem {
    /// Accepted or declined: it is a record of what was agreed now.
    Decided,
    /// Not a next step from where it is.
    NotAllowed,
    /// Only a sent quote still within its validity can be accepted.
    CannotAccept,
}

/// Days a quote stays valid when nothing else is said.
pub const DEFAULT_VALID_DAYS: i64 = 30;

impl Quote {
    pub fn new(
        meta: RecordMeta,
        body: SaleBody,
        issued_on: String,
        valid_until: Option<String>,
    ) -> Self {
        Quote {
            meta,
            body,
            issued_on,
            valid_until,
            status: QuoteStatus::Draft,
            order_id: None,
        }
    }

    pub fn shown(&self, today: &str) -> QuoteShown {
        if quote_expired(self.status, self.valid_until.as_deref(), today) {
            return QuoteShown::Expired;
        }
        match self.status {
            QuoteStatus::Draft => QuoteShown::Draft,
            QuoteStatus::Sent => QuoteShown::Sent,
            QuoteStatus::Accepted => QuoteShown::Accepted,
            QuoteStatus::Declined => QuoteShown::Declined,
        }
    }

    pub fn is_decided(&self) -> bool {
        matches!(self.status, QuoteStatus::Accepted | QuoteStatus::Declined)
    }

    pub fn edit(
        &mut self,
        body: SaleBody,
        issued_on: String,
        valid_until: Option<String>,
        now: &str,
    ) -> Result<(), QuoteProblem> {
        if self.is_decided() {
            return Err(QuoteProblem::Decided);
        }
        self.body = body;
        self.issued_on = issued_on;
        self.valid_until = valid_until;
        self.meta.touch(now);
        Ok(())
    }

    /// Sends or declines it. Accepting goes through [`Quote::accept`], which makes the order.
    pub fn change_status(&mut self, to: QuoteStatus, now: &str) -> Result<(), QuoteProblem> {
        if to == QuoteStatus::Accepted || !self.status.next_choices().contains(&to) {
            return Err(QuoteProblem::NotAllowed);
        }
        self.status = to;
        self.meta.touch(now);
        Ok(())
    }

    /// Marks it accepted and makes the draft order of its lines, at `rate` to the base currency.
    pub fn accept(
        &mut self,
        order_meta: RecordMeta,
        order_number: String,
        rate: Decimal,
        today: &str,
        now: &str,
    ) -> Result<Order, QuoteProblem> {
        if !can_accept(self.status, self.valid_until.as_deref(), today) {
            return Err(QuoteProblem::CannotAccept);
        }
        let order = Order::from_quote(self, order_meta, order_number, rate, today);
        self.status = QuoteStatus::Accepted;
        self.order_id = Some(order.meta.id.clone());
        self.meta.touch(now);
        Ok(order)
    }

    /// A new draft with the same customer, lines and notes, dated today and valid as long as
    /// this one was.
    pub fn copy(&self, meta: RecordMeta, number: String, today: &str) -> Quote {
        let validity = self
            .valid_until
            .as_deref()
            .and_then(day_number)
            .zip(day_number(&self.issued_on))
            .map_or(DEFAULT_VALID_DAYS, |(until, from)| (until - from).max(0));
        let mut body = self.body.clone();
        body.number = number;
        Quote::new(meta, body, today.to_owned(), add_days(today, validity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::OrderStatus;
    use crate::domain::money::Line;

    fn meta(id: &str) -> RecordMeta {
        RecordMeta::new(id.into(), "2026-03-01T09:00:00Z", "u1".into())
    }

    fn quote() -> Quote {
        let mut body = SaleBody::new("Q-2026-0001".into(), "c1".into(), "USD".into());
        body.opportunity_id = Some("o1".into());
        body.set_lines(vec![Line {
            product_id: Some("p1".into()),
            description: "Pump".into(),
            quantity: Decimal::new(2, 0),
            unit: "pc".into(),
            unit_price: Decimal::new(500, 0),
            price_includes_tax: false,
            discount_percent: Decimal::ZERO,
            tax_rate: Decimal::new(13, 0),
        }]);
        Quote::new(
            meta("q1"),
            body,
            "2026-03-01".into(),
            Some("2026-03-15".into()),
        )
    }

    #[test]
    fn a_sent_quote_is_accepted_into_a_draft_order_with_the_same_lines_and_rate() {
        let mut q = quote();
        assert_eq!(
            q.accept(
                meta("o1"),
                "SO-2026-0001".into(),
                Decimal::ONE,
                "2026-03-02",
                "t"
            ),
            Err(QuoteProblem::CannotAccept)
        );
        q.change_status(QuoteStatus::Sent, "t").unwrap();
        let rate = Decimal::new(71, 1);
        let order = q
            .accept(meta("so1"), "SO-2026-0001".into(), rate, "2026-03-10", "t2")
            .unwrap();
        assert_eq!(q.status, QuoteStatus::Accepted);
        assert_eq!(q.order_id.as_deref(), Some("so1"));
        assert_eq!(order.status, OrderStatus::Draft);
        assert_eq!(order.body.lines, q.body.lines);
        assert_eq!(order.body.total, Decimal::new(1130, 0));
        assert_eq!(order.rate_to_base, rate);
        assert_eq!(order.quote_id.as_deref(), Some("q1"));
        assert_eq!(order.body.number, "SO-2026-0001");
        assert_eq!(
            q.edit(q.body.clone(), "2026-03-01".into(), None, "t3"),
            Err(QuoteProblem::Decided)
        );
    }

    #[test]
    fn a_quote_past_its_validity_shows_expired_and_cannot_be_accepted() {
        let mut q = quote();
        q.change_status(QuoteStatus::Sent, "t").unwrap();
        assert_eq!(q.shown("2026-03-15"), QuoteShown::Sent);
        assert_eq!(q.shown("2026-03-16"), QuoteShown::Expired);
        assert_eq!(
            q.accept(meta("so1"), "SO-1".into(), Decimal::ONE, "2026-03-16", "t"),
            Err(QuoteProblem::CannotAccept)
        );
        assert_eq!(
            q.change_status(QuoteStatus::Accepted, "t"),
            Err(QuoteProblem::NotAllowed)
        );
        q.change_status(QuoteStatus::Declined, "t").unwrap();
        assert_eq!(q.shown("2026-04-01"), QuoteShown::Declined);
    }

    #[test]
    fn a_copy_is_a_fresh_draft_valid_as_long_as_the_original() {
        let mut q = quote();
        q.change_status(QuoteStatus::Sent, "t").unwrap();
        let copy = q.copy(meta("q2"), "Q-2026-0002".into(), "2026-05-10");
        assert_eq!(copy.status, QuoteStatus::Draft);
        assert_eq!(copy.issued_on, "2026-05-10");
        assert_eq!(copy.valid_until.as_deref(), Some("2026-05-24"));
        assert_eq!(copy.body.lines, q.body.lines);
        assert_eq!(copy.body.number, "Q-2026-0002");
        assert_eq!(copy.order_id, None);
    }
}
