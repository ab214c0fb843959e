//! Quotes and orders as they move through their lives, and the numbers they are known by.

use serde::{Deserialize, Serialize};

/// A document number from a sequence: `Q-2026-0001`, the counter starting again each year.
pub fn document_number(prefix: &str, year: i32, counter: u32) -> String {
    format!("{prefix}-{year}-{counter:04}")
}

/// The counter after the highest already used for `prefix` in `year` among `numbers`, so that
/// numbers typed or imported by hand are never handed out twice.
pub fn next_counter<'a>(
    prefix: &str,
    year: i32,
    numbers: impl IntoIterator<Item = &'a str>,
) -> u32 {
    let start = format!("{prefix}-{year}-");
    numbers
        .into_iter()
        .filter_map(|n| n.strip_prefix(&start)?.parse::<u32>().ok())
        .max()
        .map_or(1, |highest| highest.saturating_add(1))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    Draft,
    Sent,
    Accepted,
    Declined,
}

impl QuoteStatus {
    /// Where a quote can go from here. Expired is not a status: a sent quote past its validity
    /// day is shown as expired (see [`quote_expired`]) and can still be declined.
    pub fn next_choices(self) -> &'static [QuoteStatus] {
        match self {
            QuoteStatus::Draft => &[QuoteStatus::Sent],
            QuoteStatus::Sent => &[QuoteStatus::Accepted, QuoteStatus::Declined],
            QuoteStatus::Accepted | QuoteStatus::Declined => &[],
        }
    }
}

/// Whether a quote in `status`, valid until `valid_until`, has expired on `today`.
pub fn quote_expired(status: QuoteStatus, valid_until: Option<&str>, today: &str) -> bool {
    matches!(status, QuoteStatus::Draft | QuoteStatus::Sent)
        && valid_until.is_some_and(|day| day < today)
}

/// A sent quote that is still valid can be accepted; an expired one must be renewed first.
pub fn can_accept(status: QuoteStatus, valid_until: Option<&str>, today: &str) -> bool {
    status == QuoteStatus::Sent && !quote_expired(status, valid_until, today)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Draft,
    Confirmed,
    Delivered,
    Completed,
    Cancelled,
}

impl OrderStatus {
    pub fn next_choices(self) -> &'static [OrderStatus] {
        match self {
            OrderStatus::Draft => &[OrderStatus::Confirmed, OrderStatus::Cancelled],
            OrderStatus::Confirmed => &[OrderStatus::Delivered, OrderStatus::Cancelled],
            OrderStatus::Delivered => &[OrderStatus::Completed],
            OrderStatus::Completed | OrderStatus::Cancelled => &[],
        }
    }

    /// Whether the order is owed money: confirmed and not cancelled. A draft is not yet a
    /// contract, a cancelled order takes no payment.
    pub fn takes_payments(self) -> bool {
        matches!(
            self,
            OrderStatus::Confirmed | OrderStatus::Delivered | OrderStatus::Completed
        )
    }

    /// Whether this status makes the customer one that has bought ("won").
    pub fn wins_customer(self) -> bool {
        self.takes_payments()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_sequence_and_skip_any_typed_by_hand() {
        assert_eq!(document_number("Q", 2026, 1), "Q-2026-0001");
        assert_eq!(document_number("SO", 2026, 12345), "SO-2026-12345");
        let used = [
            "Q-2026-0001",
            "Q-2026-0007",
            "Q-2025-0042",
            "SO-2026-0099",
            "Q-2026-x",
        ];
        assert_eq!(next_counter("Q", 2026, used), 8);
        assert_eq!(next_counter("Q", 2027, used), 1);
        assert_eq!(next_counter("SO", 2026, used), 100);
    }

    #[test]
    fn quotes_expire_after_their_validity_unless_decided() {
        assert!(quote_expired(
            QuoteStatus::Sent,
            Some("2026-03-09"),
            "2026-03-10"
        ));
        assert!(!quote_expired(
            QuoteStatus::Sent,
            Some("2026-03-10"),
            "2026-03-10"
        ));
        assert!(!quote_expired(
            QuoteStatus::Accepted,
            Some("2026-03-01"),
            "2026-03-10"
        ));
        assert!(!quote_expired(QuoteStatus::Sent, None, "2026-03-10"));
        assert!(can_accept(
            QuoteStatus::Sent,
            Some("2026-03-10"),
            "2026-03-10"
        ));
        assert!(!can_accept(
            QuoteStatus::Sent,
            Some("2026-03-09"),
            "2026-03-10"
        ));
        assert!(!can_accept(QuoteStatus::Draft, None, "2026-03-10"));
        assert_eq!(QuoteStatus::Accepted.next_choices(), []);
    }

    #[test]
    fn orders_move_forward_and_a_cancelled_one_takes_no_payment() {
        assert_eq!(
            OrderStatus::Draft.next_choices(),
            [OrderStatus::Confirmed, OrderStatus::Cancelled]
        );
        assert_eq!(
            OrderStatus::Delivered.next_choices(),
            [OrderStatus::Completed]
        );
        assert!(!OrderStatus::Cancelled.takes_payments());
        assert!(!OrderStatus::Draft.takes_payments());
        assert!(OrderStatus::Confirmed.takes_payments());
        assert!(OrderStatus::Completed.wins_customer());
    }
}
