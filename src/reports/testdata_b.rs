//! Small hand-built data sets for the funnel, lead conversion, performance and product sales
//! tests: each record made in one line, with only what a test looks at.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::period::Period;
use super::scope::{Data, Owner, Scope};
use crate::domain::company::{Currencies, ExchangeRate};
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::dataset::Dataset;
use crate::domain::document::OrderStatus;
use crate::domain::lead::{ConvertedTo, Lead, LeadDetails, LeadStatus};
use crate::domain::money::Line;
use crate::domain::opportunity::{default_stages, Opportunity};
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::receivable::{Payment, PaymentMethod};
use crate::domain::record::RecordMeta;
use crate::domain::sale::SaleBody;
use crate::domain::team::TeamMember;

pub fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn meta(id: &str, at: &str, owner: &str) -> RecordMeta {
    RecordMeta::new(id.into(), &stamp(at), owner.into())
}

/// A day becomes a timestamp at nine in the morning; a timestamp stays as it is.
fn stamp(at: &str) -> String {
    if at.len() == 10 {
        format!("{at}T09:00:00Z")
    } else {
        at.to_owned()
    }
}

/// A data set in CNY where one USD is 7.10 CNY and one JPY is 0.047 CNY.
pub fn dataset() -> Dataset {
    let mut data = Dataset::default();
    data.settings.currencies = Some(Currencies {
        base: "CNY".into(),
        rates: vec![
            ExchangeRate {
                code: "USD".into(),
                rate: dec("7.10"),
            },
            ExchangeRate {
                code: "JPY".into(),
                rate: dec("0.047"),
            },
        ],
    });
    data
}

pub fn scope<'a>(data: &'a Dataset, from: &str, to: &str, owner: Owner) -> Scope<'a> {
    Scope::new(
        Data::of(data),
        data.settings.clone(),
        Period::custom(from, to).unwrap(),
        owner,
        "2026-06-30",
    )
}

pub fn member(data: &mut Dataset, id: &str, name: &str, active: bool) {
    let mut member = TeamMember::new(id.into(), "2024-01-01T00:00:00Z", name, "").unwrap();
    member.active = active;
    data.team.push(member);
}

/// A lead created `at` by `owner`; converted into `customer` when one is given.
pub fn lead(
    data: &mut Dataset,
    id: &str,
    at: &str,
    owner: &str,
    source: &str,
    customer: Option<&str>,
) {
    data.leads.push(Lead {
        meta: meta(id, at, owner),
        details: LeadDetails {
            name: id.into(),
            source: source.into(),
            ..LeadDetails::default()
        },
        status: if customer.is_some() {
            LeadStatus::Converted
        } else {
            LeadStatus::New
        },
        disqualified_reason: None,
        converted: customer.map(|c| ConvertedTo {
            customer_id: c.into(),
            contact_id: None,
            opportunity_id: None,
            at: stamp(at),
        }),
    });
}

pub fn customer(data: &mut Dataset, id: &str, source: &str, from_lead: Option<&str>) {
    data.customers.push(Customer {
        meta: meta(id, "2024-01-01", "ann"),
        details: CustomerDetails {
            name: id.into(),
            source: source.into(),
            ..CustomerDetails::default()
        },
        from_lead: from_lead.map(Into::into),
        won_at: None,
    });
}

/// An opportunity created `at` that moved through `moves` (`(stage, when)`), in CNY unless
/// `currency` says otherwise.
pub fn opportunity(
    data: &mut Dataset,
    id: &str,
    owner: &str,
    amount: &str,
    currency: &str,
    at: &str,
    moves: &[(&str, &str)],
) {
    let stages = default_stages();
    let stage = |id: &str| stages.iter().find(|s| s.id == id).unwrap();
    let (first, rest) = moves.split_first().unwrap();
    let mut o = Opportunity::open(
        meta(id, at, owner),
        "c1",
        id,
        dec(amount),
        currency,
        stage(first.0),
    );
    for (to, when) in rest {
        o.move_to(stage(to), "reason", &stamp(when)).unwrap();
    }
    data.opportunities.push(o);
}

pub fn product(data: &mut Dataset, id: &str, code: &str, name: &str, category: &str) {
    data.products.push(Product {
        meta: meta(id, "2024-01-01", "ann"),
        code: code.into(),
        name: name.into(),
        spec: String::new(),
        unit: String::new(),
        category: category.into(),
        list_price: Decimal::ZERO,
        tax_rate: dec("13"),
        active: true,
    });
}

/// A line of `quantity` at `unit_price` before 13% VAT.
pub fn line(product_id: Option<&str>, description: &str, quantity: &str, unit_price: &str) -> Line {
    Line {
        product_id: product_id.map(Into::into),
        description: description.into(),
        quantity: dec(quantity),
        unit: String::new(),
        unit_price: dec(unit_price),
        price_includes_tax: false,
        discount_percent: Decimal::ZERO,
        tax_rate: dec("13"),
    }
}

/// A confirmed order dated `day`, in `currency` at `rate` to CNY.
#[allow(clippy::too_many_arguments)]
pub fn order(
    data: &mut Dataset,
    id: &str,
    owner: &str,
    customer: &str,
    day: &str,
    currency: &str,
    rate: &str,
    lines: Vec<Line>,
) {
    let mut body = SaleBody::new(id.into(), customer.into(), currency.into());
    body.set_lines(lines);
    let mut o = Order::new(meta(id, day, owner), body, day.into(), dec(rate));
    o.status = OrderStatus::Confirmed;
    data.orders.push(o);
}

pub fn payment(data: &mut Dataset, id: &str, order: &str, day: &str, amount: &str) {
    data.payments.push(Payment {
        meta: meta(id, day, "ann"),
        order_id: order.into(),
        day: day.into(),
        amount: dec(amount),
        method: PaymentMethod::BankTransfer,
        note: String::new(),
    });
}
