//! What the quote and order lists show: search across number, customer, opportunity, notes and
//! line descriptions; a status and an owner filter; the latest first.

use super::document::OrderStatus;
use super::id::Id;
use super::list_query::Names;
use super::order::Order;
use super::places::{placed, places_of, Placed};
use super::quote::{Quote, QuoteShown};
use super::record::Record;
use super::sale::SaleBody;
use super::text::{contains_all, search_words};
use crate::domain::sorting::sort_by;

/// A quote or an order, as the lists see it.
pub trait Sale: Record {
    fn body(&self) -> &SaleBody;
    /// The document's own date.
    fn day(&self) -> &str;
    /// The status shown on `today`, as a stable code.
    fn status_code(&self, today: &str) -> &'static str;
}

impl Sale for Quote {
    fn body(&self) -> &SaleBody {
        &self.body
    }
    fn day(&self) -> &str {
        &self.issued_on
    }
    fn status_code(&self, today: &str) -> &'static str {
        quote_status_code(self.shown(today))
    }
}

impl Sale for Order {
    fn body(&self) -> &SaleBody {
        &self.body
    }
    fn day(&self) -> &str {
        &self.order_date
    }
    fn status_code(&self, _today: &str) -> &'static str {
        order_status_code(self.status)
    }
}

pub const QUOTE_STATUSES: [QuoteShown; 5] = [
    QuoteShown::Draft,
    QuoteShown::Sent,
    QuoteShown::Accepted,
    QuoteShown::Declined,
    QuoteShown::Expired,
];

pub fn quote_status_code(shown: QuoteShown) -> &'static str {
    match shown {
        QuoteShown::Draft => "draft",
        QuoteShown::Sent => "sent",
        QuoteShown::Accepted => "accepted",
        QuoteShown::Declined => "declined",
        QuoteShown::Expired => "expired",
    }
}

pub const ORDER_STATUSES: [OrderStatus; 5] = [
    OrderStatus::Draft,
    OrderStatus::Confirmed,
    OrderStatus::Delivered,
    OrderStatus::Completed,
    OrderStatus::Cancelled,
];

pub fn order_status_code(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::Draft => "draft",
        OrderStatus::Confirmed => "confirmed",
        OrderStatus::Delivered => "delivered",
        OrderStatus::Completed => "completed",
        OrderStatus::Cancelled => "cancelled",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleQuery {
    pub text: String,
    /// A status code, as [`Sale::status_code`] gives it.
    pub status: Option<String>,
    pub owner: Option<String>,
}

impl SaleQuery {
    /// The places of the sales outside Trash that match, latest first.
    pub fn run<S: Sale>(&self, all: &[S], names: &Names, today: &str) -> Vec<u32> {
        let words = search_words(&self.text);
        let name = |id: Option<&Id>| {
            id.and_then(|id| names.get(id.as_str()))
                .map_or("", String::as_str)
        };
        let mut found: Vec<Placed<S>> = placed(all)
            .filter(|s| !s.meta().is_deleted())
            .filter(|s| self.owner.as_ref().is_none_or(|o| &s.meta().owner == o))
            .filter(|s| {
                self.status
                    .as_deref()
                    .is_none_or(|code| s.status_code(today) == code)
            })
            .filter(|s| {
                if words.is_empty() {
                    return true;
                }
                let body = s.body();
                let mut fields = vec![
                    body.number.as_str(),
                    name(Some(&body.customer_id)),
                    name(body.opportunity_id.as_ref()),
                    &body.notes,
                    &body.currency,
                ];
                fields.extend(body.lines.iter().map(|l| l.description.as_str()));
                contains_all(&fields, "", &words)
            })
            .collect();
        sort_by(&mut found, |a, b| {
            (b.day(), &b.body().number).cmp(&(a.day(), &a.body().number))
        });
        places_of(&found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::QuoteStatus;
    use crate::domain::record::RecordMeta;

    fn quote(id: &str, number: &str, day: &str, until: &str, customer: &str) -> Quote {
        Quote::new(
            RecordMeta::new(id.into(), "t", "u1".into()),
            SaleBody::new(number.into(), customer.into(), "CNY".into()),
            day.into(),
            Some(until.into()),
        )
    }

    #[test]
    fn quotes_are_found_by_customer_name_and_by_shown_status_latest_first() {
        let mut sent = quote("a", "Q-2026-0001", "2026-03-01", "2026-03-10", "c1");
        sent.status = QuoteStatus::Sent;
        let all = [
            sent,
            quote("b", "Q-2026-0002", "2026-03-05", "2026-04-30", "c2"),
            quote("c", "Q-2026-0003", "2026-03-05", "2026-04-30", "c1"),
        ];
        let names: Names = [
            ("c1".into(), "华东机械".into()),
            ("c2".into(), "Acme".into()),
        ]
        .into_iter()
        .collect();
        let numbers = |q: &SaleQuery| {
            q.run(&all, &names, "2026-03-20")
                .iter()
                .map(|&p| all[p as usize].body.number.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            numbers(&SaleQuery::default()),
            ["Q-2026-0003", "Q-2026-0002", "Q-2026-0001"]
        );
        let by_name = SaleQuery {
            text: "华东".into(),
            ..SaleQuery::default()
        };
        assert_eq!(numbers(&by_name), ["Q-2026-0003", "Q-2026-0001"]);
        let expired = SaleQuery {
            status: Some("expired".into()),
            ..SaleQuery::default()
        };
        assert_eq!(numbers(&expired), ["Q-2026-0001"]);
    }
}
