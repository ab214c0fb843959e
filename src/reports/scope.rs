//! What a report looks at: one device's data, a period, an owner filter, and the base currency
//! every amount is converted to.

use std::borrow::Cow;
use std::cell::OnceCell;

use rust_decimal::Decimal;

use super::columns::{entered_stage, outcome_in, Columns, NOWHERE};
use super::period::{day_code, Period};
use crate::domain::activity::Activity;
use crate::domain::company::Currencies;
use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::dataset::{Dataset, Settings};
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::money::to_base;
use crate::domain::opportunity::{Opportunity, Outcome, Stage};
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::quote::Quote;
use crate::domain::receivable::{Invoice, Payment};
use crate::domain::record::RecordMeta;
use crate::domain::stages::pipeline_or_default;
use crate::domain::team::TeamMember;

/// Whose records a report counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    Everyone,
    Member(Id),
}

/// Every record, borrowed: the page lends its lists as they are, without copying them.
#[derive(Clone, Copy)]
pub struct Data<'a> {
    pub team: &'a [TeamMember],
    pub leads: &'a [Lead],
    pub customers: &'a [Customer],
    pub contacts: &'a [Contact],
    pub activities: &'a [Activity],
    pub opportunities: &'a [Opportunity],
    pub products: &'a [Product],
    pub quotes: &'a [Quote],
    pub orders: &'a [Order],
    pub payments: &'a [Payment],
    pub invoices: &'a [Invoice],
}

impl<'a> Data<'a> {
    pub fn of(dataset: &'a Dataset) -> Data<'a> {
        Data {
            team: &dataset.team,
            leads: &dataset.leads,
            customers: &dataset.customers,
            contacts: &dataset.contacts,
            activities: &dataset.activities,
            opportunities: &dataset.opportunities,
            products: &dataset.products,
            quotes: &dataset.quotes,
            orders: &dataset.orders,
            payments: &dataset.payments,
            invoices: &dataset.invoices,
        }
    }
}

pub struct Scope<'a> {
    pub data: Data<'a>,
    pub settings: Settings,
    pub period: Period,
    pub owner: Owner,
    /// `YYYY-MM-DD`: where "overdue", "forgotten" and ageing are measured from.
    pub today: String,
    pub base: String,
    pub stages: Vec<Stage>,
    currencies: Currencies,
    /// Lent by the page, which keeps them until the data changes; made by the first report
    /// that reads them otherwise.
    columns: OnceCell<Cow<'a, Columns>>,
    /// The owner filter's member as a place in the columns' owners: [`NOWHERE`] for one who
    /// owns nothing there.
    member: OnceCell<u32>,
}

impl<'a> Scope<'a> {
    pub fn new(
        data: Data<'a>,
        settings: Settings,
        period: Period,
        owner: Owner,
        today: &str,
    ) -> Scope<'a> {
        let currencies = settings.currencies.clone().unwrap_or_default();
        Scope {
            data,
            period,
            owner,
            today: today.to_owned(),
            base: currencies.base.clone(),
            stages: pipeline_or_default(settings.pipeline.clone()),
            settings,
            currencies,
            columns: OnceCell::new(),
            member: OnceCell::new(),
        }
    }

    /// The scope reading `columns` rather than making its own, when they were taken from
    /// lists of the data's lengths with the scope's pipeline and base currency.
    pub fn sharing(self, columns: &'a Columns) -> Scope<'a> {
        if columns.fits(&self.data) && columns.stages == self.stages && columns.base == self.base {
            let _ = self.columns.set(Cow::Borrowed(columns));
        }
        self
    }

    pub fn columns(&self) -> &Columns {
        self.columns
            .get_or_init(|| Cow::Owned(Columns::of(&self.data, &self.stages, &self.base)))
    }

    /// Outside Trash and owned as the filter asks.
    pub fn counts(&self, meta: &RecordMeta) -> bool {
        !meta.is_deleted()
            && match &self.owner {
                Owner::Everyone => true,
                Owner::Member(id) => meta.owner == *id,
            }
    }

    /// Whether a record owned by the columns' owner at `place` is counted by the owner filter.
    pub fn owns(&self, place: u32) -> bool {
        match &self.owner {
            Owner::Everyone => true,
            Owner::Member(id) => {
                let member = self.member.get_or_init(|| {
                    let owners = &self.columns().owners;
                    owners
                        .iter()
                        .position(|o| o == id)
                        .map_or(NOWHERE, |p| p as u32)
                });
                place == *member
            }
        }
    }

    /// The order's customer, outside Trash.
    pub fn customer_of(&self, order: &Order) -> Option<&'a Customer> {
        self.named_customer(order).filter(|c| !c.meta.is_deleted())
    }

    /// The order's customer, Trash included: a sale is named after its customer after that
    /// customer is put in Trash.
    pub fn named_customer(&self, order: &Order) -> Option<&'a Customer> {
        let place = self
            .columns()
            .order_customer
            .get(self.data.place(order) as usize)?;
        self.data.customers.get(*place as usize)
    }

    /// Sales of the owner whose order day is `taken`, read from the columns: an order is
    /// fetched from memory only where a report reads more of it than the columns hold.
    pub fn sales_dated<'s, F: Fn(i32) -> bool + 's>(
        &'s self,
        taken: F,
    ) -> impl Iterator<Item = Sale<'a>> + use<'s, 'a, F> {
        let c = self.columns();
        let orders = self.data.orders;
        c.order_day
            .iter()
            .zip(&c.order_sale)
            .zip(&c.order_owner)
            .zip(&c.order_total)
            .enumerate()
            .filter_map(move |(place, (((&day, &sale), &owner), &total))| {
                if !(sale && taken(day) && self.owns(owner)) {
                    return None;
                }
                Some(Sale {
                    order: orders.get(place)?,
                    place: place as u32,
                    day,
                    total,
                    owner,
                })
            })
    }

    /// Sales whose order date falls in the period.
    pub fn sales_in_period(&self) -> impl Iterator<Item = Sale<'a>> + '_ {
        self.sales_dated(|day| self.period.contains_code(day))
    }

    /// Sales not paid in full, any date, each with what is paid on it (invoices play no part
    /// in what is owed).
    pub fn unpaid_sales(&self) -> impl Iterator<Item = (&'a Order, Decimal)> + '_ {
        let paid = &self.columns().order_paid;
        self.sales_dated(|_| true).filter_map(|sale| {
            let paid = *paid.get(sale.place as usize)?;
            (paid < sale.order.body.total).then_some((sale.order, paid))
        })
    }

    /// Payments outside Trash on the owner's orders (a payment belongs to whoever owns the
    /// order) whose day is `taken`, read from the columns alone.
    pub fn payments_dated<'s, F: Fn(i32) -> bool + 's>(
        &'s self,
        taken: F,
    ) -> impl Iterator<Item = Received> + use<'s, 'a, F> {
        let columns = self.columns();
        columns
            .payment_day
            .iter()
            .zip(&columns.payment_order)
            .zip(&columns.payment_amount)
            .enumerate()
            .filter_map(move |(place, ((&day, &order), &amount))| {
                // The day first: it is the cheapest to test.
                if !taken(day) {
                    return None;
                }
                let owner = *columns.order_owner.get(order as usize)?;
                self.owns(owner).then_some(Received {
                    place: place as u32,
                    owner,
                    day,
                    amount,
                })
            })
    }

    pub fn payments_in_period(&self) -> impl Iterator<Item = Received> + use<'_, 'a> {
        self.payments_dated(|day| self.period.contains_code(day))
    }

    /// An amount in an order's currency, in the base currency at the order's rate.
    pub fn in_base(&self, amount: Decimal, order: &Order) -> Decimal {
        to_base(amount, order.rate_to_base, &self.base)
    }

    /// An opportunity's amount in the base currency. Opportunities store no rate, so today's
    /// rate from Settings is used; a currency with no rate there is counted one to one.
    pub fn opportunity_amount(&self, opportunity: &Opportunity) -> Decimal {
        let rate = self
            .currencies
            .rate_of(&opportunity.currency)
            .unwrap_or(Decimal::ONE);
        to_base(opportunity.amount, rate, &self.base)
    }

    /// The weighted amount (amount x probability) in the base currency.
    pub fn weighted_amount(&self, opportunity: &Opportunity) -> Decimal {
        let weighted = self.opportunity_amount(opportunity)
            * Decimal::from(opportunity.probability)
            / Decimal::ONE_HUNDRED;
        to_base(weighted, Decimal::ONE, &self.base)
    }

    pub fn outcome(&self, opportunity: &Opportunity) -> Outcome {
        let place = self.data.place(opportunity) as usize;
        match self.columns().opportunity_outcome.get(place) {
            Some(&outcome) => outcome,
            None => outcome_in(&self.stages, &opportunity.stage_id),
        }
    }

    /// The day a won or lost opportunity was closed (see [`entered_stage`]), as a
    /// [`day_code`]; none for an open one.
    pub fn closed_day(&self, opportunity: &Opportunity) -> Option<i32> {
        if self.outcome(opportunity) == Outcome::Open {
            return None;
        }
        let place = self.data.place(opportunity) as usize;
        let closed = self.columns().opportunity_closed.get(place).copied();
        Some(closed.unwrap_or_else(|| day_code(entered_stage(opportunity))))
    }
}

/// A sale (see [`Scope::sales_dated`]) with what the columns know of it.
#[derive(Clone, Copy)]
pub struct Sale<'a> {
    pub order: &'a Order,
    /// Where the order lies in its list (see [`Behind`]).
    pub place: u32,
    /// The order day, as a [`day_code`].
    pub day: i32,
    /// The order's total in the base currency.
    pub total: Decimal,
    /// A place in the columns' owners.
    pub owner: u32,
}

/// A payment received (see [`Scope::payments_dated`]).
#[derive(Clone, Copy)]
pub struct Received {
    /// Where the payment lies in its list (see [`Behind`]).
    pub place: u32,
    /// Its order's owner, a place in the columns' owners.
    pub owner: u32,
    /// As a [`day_code`].
    pub day: i32,
    /// In the base currency, at its order's rate.
    pub amount: Decimal,
}

/// A figure now and in the previous period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compared {
    pub now: Decimal,
    pub before: Decimal,
}

impl Compared {
    /// The change in percent, to one decimal; none when there was nothing before.
    pub fn change_percent(&self) -> Option<Decimal> {
        (!self.before.is_zero()).then(|| {
            ((self.now - self.before) * Decimal::ONE_HUNDRED / self.before.abs()).round_dp(1)
        })
    }
}

/// Which records stand behind a figure, so that a click on a bar can list them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    Lead,
    Customer,
    Opportunity,
    Order,
    Payment,
    Activity,
}

/// A part of a report with the records it was computed from, each by where it lies in the
/// list of its kind that the report was computed from. A place is four bytes and no
/// allocation; copying ids cost more than all the arithmetic of the reports over M.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behind {
    pub kind: RecordKind,
    pub places: Vec<u32>,
}

impl Behind {
    pub fn new(kind: RecordKind) -> Behind {
        Behind {
            kind,
            places: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The ids of the records, in order, as found in `data`.
    pub fn ids<'a>(&self, data: &Data<'a>) -> Vec<&'a str> {
        let id = |place: &u32| -> Option<&'a str> {
            let at = *place as usize;
            let meta = match self.kind {
                RecordKind::Lead => &data.leads.get(at)?.meta,
                RecordKind::Customer => &data.customers.get(at)?.meta,
                RecordKind::Opportunity => &data.opportunities.get(at)?.meta,
                RecordKind::Order => &data.orders.get(at)?.meta,
                RecordKind::Payment => &data.payments.get(at)?.meta,
                RecordKind::Activity => &data.activities.get(at)?.meta,
            };
            Some(meta.id.as_str())
        };
        self.places.iter().filter_map(id).collect()
    }
}

/// A kind of record a report can point at, and where its list is.
pub trait Listed: Sized {
    const KIND: RecordKind;
    fn list<'a>(data: &Data<'a>) -> &'a [Self];
}

macro_rules! listed {
    ($($record:ty => $kind:ident . $field:ident),* $(,)?) => {
        $(impl Listed for $record {
            const KIND: RecordKind = RecordKind::$kind;
            fn list<'a>(data: &Data<'a>) -> &'a [Self] {
                data.$field
            }
        })*
    };
}

listed! {
    Lead => Lead.leads,
    Customer => Customer.customers,
    Opportunity => Opportunity.opportunities,
    Order => Order.orders,
    Payment => Payment.payments,
    Activity => Activity.activities,
}

impl<'a> Data<'a> {
    /// Where a record lies in its list. A record from anywhere else (which no report makes)
    /// gets a place past the end, which lists nothing.
    pub fn place<T: Listed>(&self, record: &T) -> u32 {
        T::list(self)
            .element_offset(record)
            .map_or(u32::MAX, |at| at as u32)
    }

    /// The records behind a figure, in the order given.
    pub fn behind<T: Listed + 'a>(&self, records: impl IntoIterator<Item = &'a T>) -> Behind {
        Behind {
            kind: T::KIND,
            places: records.into_iter().map(|r| self.place(r)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testdata_c::customer;

    #[test]
    fn a_record_is_named_by_its_place_and_found_again_by_it() {
        let dataset = Dataset {
            customers: vec![customer("a", "2026-01-01"), customer("b", "2026-01-02")],
            ..Dataset::default()
        };
        let data = Data::of(&dataset);
        let behind = data.behind([&dataset.customers[1], &dataset.customers[0]]);
        assert_eq!(behind.kind, RecordKind::Customer);
        assert_eq!(behind.places, [1, 0]);
        assert_eq!(behind.ids(&data), ["b", "a"]);
        // A copy is not in the list: it names nobody rather than someone else.
        let stranger = customer("c", "2026-01-03");
        assert_eq!(data.place(&stranger), u32::MAX);
        assert!(data.behind([&stranger]).ids(&data).is_empty());
    }

    #[test]
    fn an_opportunity_outside_the_data_gets_its_outcome_and_close_day_from_itself() {
        use crate::reports::testdata_a::opportunity;
        let won = opportunity(
            "o1",
            "u1",
            "2026-01-05",
            "10",
            "USD",
            "won",
            Some("2026-03-02"),
        );
        let open = opportunity("o2", "u1", "2026-01-06", "20", "USD", "new", None);
        let dataset = Dataset {
            opportunities: vec![won.clone(), open.clone()],
            ..Dataset::default()
        };
        let period = Period::of(crate::reports::period::Preset::ThisYear, "2026-03-15");
        let scope = Scope::new(
            Data::of(&dataset),
            Settings::default(),
            period,
            Owner::Everyone,
            "2026-03-15",
        );
        let closed = Some(day_code("2026-03-02"));
        for (inside, copy) in dataset.opportunities.iter().zip([&won, &open]) {
            assert_eq!(scope.outcome(inside), scope.outcome(copy));
            assert_eq!(scope.closed_day(inside), scope.closed_day(copy));
        }
        assert_eq!(scope.outcome(&won), Outcome::Won);
        assert_eq!(scope.closed_day(&won), closed);
        assert_eq!(scope.outcome(&open), Outcome::Open);
        assert_eq!(scope.closed_day(&open), None);
    }
}
