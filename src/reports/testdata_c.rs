//! Small records for the tests of the customer, receivables and forecast reports, built as the
//! app stores them. Everything belongs to "me" and is in CNY unless a test changes it.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::period::Period;
use super::scope::{Data, Owner, Scope};
use super::table::{Row, Section, Value};
use crate::domain::activity::{Activity, ActivityDetails, Links};
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::dataset::Dataset;
use crate::domain::document::OrderStatus;
use crate::domain::id::Id;
use crate::domain::opportunity::{default_stages, Opportunity};
use crate::domain::order::Order;
use crate::domain::receivable::{Installment, Payment, PaymentMethod};
use crate::domain::record::RecordMeta;
use crate::domain::sale::SaleBody;

pub const ME: &str = "me";

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

pub fn meta(id: &str, at: &str) -> RecordMeta {
    RecordMeta::new(id.into(), at, ME.into())
}

/// A customer named after its id, created at `created` (a day or a timestamp).
pub fn customer(id: &str, created: &str) -> Customer {
    Customer {
        meta: meta(id, created),
        details: CustomerDetails {
            name: id.to_uppercase(),
            ..CustomerDetails::default()
        },
        from_lead: None,
        won_at: None,
    }
}

/// A confirmed order of `total` CNY, all due on its day.
pub fn sale(id: &str, customer_id: &str, day: &str, total: &str) -> Order {
    let mut body = SaleBody::new(format!("SO-{id}"), customer_id.into(), "CNY".into());
    body.total = dec(total);
    let mut order = Order::new(meta(id, day), body, day.into(), Decimal::ONE);
    order.status = OrderStatus::Confirmed;
    order
}

/// The same in another currency at its rate to CNY.
pub fn sale_in(
    id: &str,
    customer_id: &str,
    day: &str,
    total: &str,
    currency: &str,
    rate: &str,
) -> Order {
    let mut order = sale(id, customer_id, day, total);
    order.body.currency = currency.into();
    order.rate_to_base = dec(rate);
    order
}

pub fn with_plan(mut order: Order, plan: &[(&str, &str)]) -> Order {
    order.plan = plan
        .iter()
        .map(|(due, amount)| Installment {
            due: (*due).into(),
            amount: dec(amount),
        })
        .collect();
    order
}

pub fn payment(id: &str, order_id: &str, day: &str, amount: &str) -> Payment {
    Payment {
        meta: meta(id, day),
        order_id: order_id.into(),
        day: day.into(),
        amount: dec(amount),
        method: PaymentMethod::BankTransfer,
        note: String::new(),
    }
}

/// An opportunity of `amount` CNY in a default stage, at the stage's probability.
pub fn opportunity(id: &str, stage_id: &str, amount: &str, close: Option<&str>) -> Opportunity {
    let stages = default_stages();
    let stage = stages.iter().find(|s| s.id == stage_id).unwrap();
    let mut o = Opportunity::open(
        meta(id, "2026-01-01T00:00:00Z"),
        "c1",
        id,
        dec(amount),
        "CNY",
        stage,
    );
    o.expected_close = close.map(str::to_owned);
    o
}

/// A call at `at` about a customer or a lead.
pub fn call(id: &str, at: &str, customer_id: Option<&str>, lead_id: Option<&str>) -> Activity {
    Activity {
        meta: meta(id, at),
        details: ActivityDetails {
            subject: "call".into(),
            ..ActivityDetails::default()
        },
        links: Links {
            customer_id: customer_id.map(Id::from),
            lead_id: lead_id.map(Id::from),
            ..Links::default()
        },
        at: at.into(),
        done: false,
    }
}

/// Everyone's records over `from`..=`to`, seen on `today`.
pub fn scope<'a>(data: &'a Dataset, from: &str, to: &str, today: &str) -> Scope<'a> {
    Scope::new(
        Data::of(data),
        data.settings.clone(),
        Period::custom(from, to).unwrap(),
        Owner::Everyone,
        today,
    )
}

pub fn number(value: &Value) -> Decimal {
    match value {
        Value::Count(n) => Decimal::from(*n),
        Value::Money(d) | Value::Quantity(d) => *d,
        Value::Percent(Some(d)) | Value::Days(Some(d)) | Value::Change(Some(d)) => *d,
        other => panic!("not a number: {other:?}"),
    }
}

pub fn numbers(row: &Row) -> Vec<Decimal> {
    row.values.iter().map(number).collect()
}

pub fn ids<'a>(data: &'a Dataset, row: &Row) -> Vec<&'a str> {
    row.behind
        .as_ref()
        .map(|b| b.ids(&Data::of(data)))
        .unwrap_or_default()
}

/// Whether a column of the rows adds up to the total row's.
pub fn adds_up(section: &Section, column: usize) -> bool {
    let Some(total) = &section.table.total else {
        return false;
    };
    let sum: Decimal = section
        .table
        .rows
        .iter()
        .map(|r| number(&r.values[column]))
        .sum();
    sum == number(&total.values[column])
}
