//! Records for the dashboard's tests, each built by hand with only the fields a report reads, so
//! that a test can work out its answer from what it wrote.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::activity::{Activity, ActivityDetails, ActivityKind, Links};
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::document::OrderStatus;
use crate::domain::lead::{Lead, LeadDetails, LeadStatus};
use crate::domain::opportunity::{Opportunity, StageChange};
use crate::domain::order::Order;
use crate::domain::receivable::{Payment, PaymentMethod};
use crate::domain::record::RecordMeta;
use crate::domain::sale::SaleBody;
use crate::domain::targets::Target;
use crate::domain::team::TeamMember;

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A record made at nine in the morning (UTC) of `day`.
fn meta(id: &str, owner: &str, day: &str) -> RecordMeta {
    RecordMeta::new(id.into(), &format!("{day}T09:00:00Z"), owner.into())
}

pub fn member(id: &str, name: &str, active: bool) -> TeamMember {
    TeamMember {
        meta: meta(id, id, "2023-01-01"),
        name: name.into(),
        email: String::new(),
        active,
    }
}

pub fn lead(id: &str, owner: &str, day: &str) -> Lead {
    Lead {
        meta: meta(id, owner, day),
        details: LeadDetails {
            name: id.into(),
            ..LeadDetails::default()
        },
        status: LeadStatus::New,
        disqualified_reason: None,
        converted: None,
    }
}

pub fn customer(id: &str, owner: &str, day: &str) -> Customer {
    Customer {
        meta: meta(id, owner, day),
        details: CustomerDetails {
            name: id.into(),
            ..CustomerDetails::default()
        },
        from_lead: None,
        won_at: None,
    }
}

/// An opportunity made on `day` in `stage`; if `moved` is given, it moved into that stage then.
pub fn opportunity(
    id: &str,
    owner: &str,
    day: &str,
    amount: &str,
    currency: &str,
    stage: &str,
    moved: Option<&str>,
) -> Opportunity {
    let mut history = vec![StageChange {
        from: None,
        to: "new".into(),
        at: format!("{day}T09:00:00Z"),
    }];
    if let Some(moved) = moved {
        history.push(StageChange {
            from: Some("new".into()),
            to: stage.into(),
            at: format!("{moved}T15:00:00Z"),
        });
    }
    Opportunity {
        meta: meta(id, owner, day),
        customer_id: "c0".into(),
        contact_ids: Vec::new(),
        title: id.into(),
        amount: dec(amount),
        currency: currency.into(),
        stage_id: stage.into(),
        probability: 50,
        expected_close: None,
        lost_reason: None,
        stage_history: history,
        next_follow_up: None,
        source: String::new(),
    }
}

/// An order dated `day` whose total is `total` in `currency`, at `rate` to the base currency.
pub fn order(
    id: &str,
    owner: &str,
    day: &str,
    total: &str,
    currency: &str,
    rate: &str,
    status: OrderStatus,
) -> Order {
    let mut body = SaleBody::new(id.to_uppercase(), "c0".into(), currency.into());
    body.total = dec(total);
    body.net = body.total;
    let mut order = Order::new(meta(id, owner, day), body, day.into(), dec(rate));
    order.status = status;
    order
}

pub fn payment(id: &str, order_id: &str, day: &str, amount: &str) -> Payment {
    Payment {
        meta: meta(id, "", day),
        order_id: order_id.into(),
        day: day.into(),
        amount: dec(amount),
        method: PaymentMethod::BankTransfer,
        note: String::new(),
    }
}

/// An activity at `at` (a timestamp).
pub fn activity(id: &str, owner: &str, kind: ActivityKind, at: &str, done: bool) -> Activity {
    Activity {
        meta: meta(id, owner, &at[..10]),
        details: ActivityDetails {
            kind,
            ..ActivityDetails::default()
        },
        links: Links::default(),
        at: at.into(),
        done,
    }
}

pub fn target(member_id: &str, month: &str, amount: &str) -> Target {
    Target {
        member_id: member_id.into(),
        month: month.into(),
        amount: dec(amount),
    }
}

/// Moves a record's metadata to Trash.
pub fn trashed(mut meta: RecordMeta) -> RecordMeta {
    meta.deleted_at = Some("2024-03-20T00:00:00Z".into());
    meta
}
