//! What every report reads of every record, taken out of the records once per change of the
//! data and shared by all the reports: each record's day as a number and the place of the
//! record it points at. Over M, reading a day out of its own heap text and looking an id up by
//! hashing it were most of the reports' time; read here once, a report walks plain arrays.

use std::cell::OnceCell;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::period::{day_code, NO_DAY};
use super::scope::Data;
use crate::domain::activity::{Activity, ActivityKind};
use crate::domain::id::Id;
use crate::domain::money::to_base;
use crate::domain::opportunity::{Opportunity, Outcome, Stage};
use crate::domain::record::RecordMeta;

/// No record: the place an id of nothing points at.
pub const NOWHERE: u32 = u32::MAX;

/// One entry per record, at the record's place in its list (see [`Data::place`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// Days made, as [`day_code`]s.
    pub lead_created: Vec<i32>,
    pub customer_created: Vec<i32>,
    pub opportunity_created: Vec<i32>,
    /// The pipeline the opportunities' outcomes were read with.
    pub stages: Vec<Stage>,
    /// Each opportunity's outcome: its stage's, open for a stage not in the pipeline.
    pub opportunity_outcome: Vec<Outcome>,
    /// The day each won or lost opportunity was closed (see [`entered_stage`]); [`NO_DAY`]
    /// for an open one.
    pub opportunity_closed: Vec<i32>,
    pub order_day: Vec<i32>,
    /// The order's customer, Trash included: a sale is named after its customer after that
    /// customer is put in Trash.
    pub order_customer: Vec<u32>,
    /// What is paid on each order, outside Trash.
    pub order_paid: Vec<Decimal>,
    /// Whether each order is a sale: outside Trash, confirmed, delivered or completed.
    pub order_sale: Vec<bool>,
    /// Its owner, as a place in [`Columns::owners`].
    pub order_owner: Vec<u32>,
    /// Its total in [`Columns::base`], at the rate stored on the order.
    pub order_total: Vec<Decimal>,
    pub payment_day: Vec<i32>,
    /// The payment's order where the payment counts as received: it and its order outside
    /// Trash; [`NOWHERE`] otherwise.
    pub payment_order: Vec<u32>,
    /// Each payment's amount in [`Columns::base`], at its order's rate; zero where it does not
    /// count as received.
    pub payment_amount: Vec<Decimal>,
    /// The base currency the amounts are in.
    pub base: String,
    /// The UTC day it happened.
    pub activity_day: Vec<i32>,
    /// The activity's kind where it counts as a follow-up: outside Trash, and a task only once
    /// done (see [`follows_up`]).
    pub activity_follow_up: Vec<Option<ActivityKind>>,
    /// Its owner, as a place in [`Columns::owners`].
    pub activity_owner: Vec<u32>,
    /// Every owner the columns name, each once.
    pub owners: Vec<Id>,
    /// The day of each customer's latest activity outside Trash, its own or one of the lead it
    /// was converted from; [`NO_DAY`] for a customer nobody has been in touch with.
    pub customer_last_contact: Vec<i32>,
    /// The lead each customer was converted from, Trash included.
    pub customer_lead: Vec<u32>,
}

impl Columns {
    /// `stages`: the pipeline, which says which opportunities are won or lost; `base`: the
    /// currency amounts are converted to.
    pub fn of(data: &Data, stages: &[Stage], base: &str) -> Columns {
        let orders = Places::of(data.orders, |o| &o.meta);
        let customers = Places::of(data.customers, |c| &c.meta);
        let leads = Places::of(data.leads, |l| &l.meta);
        let mut owners = Owners::default();
        // One pass over each kind for all its columns: a record is hundreds of bytes, and
        // fetching it from memory costs more than all that is read of it.
        let count = data.orders.len();
        let mut order_day = Vec::with_capacity(count);
        let mut order_customer = Vec::with_capacity(count);
        let mut order_sale = Vec::with_capacity(count);
        let mut order_owner = Vec::with_capacity(count);
        let mut order_total = Vec::with_capacity(count);
        for order in data.orders {
            let live = !order.meta.is_deleted();
            order_day.push(order.order_date.day());
            order_customer.push(customers.get(&order.body.customer_id));
            order_sale.push(live && order.status.takes_payments());
            order_owner.push(owners.place(&order.meta.owner));
            order_total.push(to_base(order.body.total, order.rate_to_base, base));
        }
        let count = data.payments.len();
        let mut order_paid = vec![Decimal::ZERO; data.orders.len()];
        let mut payment_day = Vec::with_capacity(count);
        let mut payment_order = Vec::with_capacity(count);
        let mut payment_amount = Vec::with_capacity(count);
        for payment in data.payments {
            let order = orders.get(&payment.order_id);
            payment_day.push(payment.day.day());
            let live = !payment.meta.is_deleted();
            if let Some(paid) = order_paid.get_mut(order as usize).filter(|_| live) {
                *paid += payment.amount;
            }
            let received = data
                .orders
                .get(order as usize)
                .filter(|o| live && !o.meta.is_deleted());
            payment_order.push(received.map_or(NOWHERE, |_| order));
            payment_amount.push(received.map_or(Decimal::ZERO, |o| {
                to_base(payment.amount, o.rate_to_base, base)
            }));
        }
        let lead_customer: Vec<u32> = data
            .leads
            .iter()
            .map(|l| {
                l.converted
                    .as_ref()
                    .map_or(NOWHERE, |c| customers.get(&c.customer_id))
            })
            .collect();
        let count = data.activities.len();
        let mut activity_day = Vec::with_capacity(count);
        let mut activity_follow_up = Vec::with_capacity(count);
        let mut activity_owner = Vec::with_capacity(count);
        let mut customer_last_contact = vec![NO_DAY; data.customers.len()];
        for activity in data.activities {
            let day = activity.at.day();
            activity_day.push(day);
            activity_follow_up.push(follows_up(activity));
            activity_owner.push(owners.place(&activity.meta.owner));
            let links = &activity.links;
            let customer = match (&links.customer_id, &links.lead_id) {
                _ if activity.meta.is_deleted() => NOWHERE,
                (Some(customer), _) => customers.get(customer),
                (None, Some(lead)) => {
                    let lead = leads.get(lead) as usize;
                    lead_customer.get(lead).copied().unwrap_or(NOWHERE)
                }
                (None, None) => NOWHERE,
            };
            if let Some(last) = customer_last_contact.get_mut(customer as usize) {
                *last = (*last).max(day);
            }
        }
        let opportunity_outcome: Vec<Outcome> = data
            .opportunities
            .iter()
            .map(|o| outcome_in(stages, &o.stage_id))
            .collect();
        let opportunity_closed = data
            .opportunities
            .iter()
            .zip(&opportunity_outcome)
            .map(|(o, &outcome)| match outcome {
                Outcome::Open => NO_DAY,
                _ => day_code(entered_stage(o)),
            })
            .collect();
        let customer_lead = data
            .customers
            .iter()
            .map(|c| c.from_lead.as_ref().map_or(NOWHERE, |id| leads.get(id)))
            .collect();
        Columns {
            lead_created: made(data.leads, |l| &l.meta),
            customer_created: made(data.customers, |c| &c.meta),
            opportunity_created: made(data.opportunities, |o| &o.meta),
            stages: stages.to_vec(),
            opportunity_outcome,
            opportunity_closed,
            order_day,
            order_customer,
            order_paid,
            order_sale,
            order_owner,
            order_total,
            payment_day,
            payment_order,
            payment_amount,
            base: base.to_owned(),
            activity_day,
            activity_follow_up,
            activity_owner,
            owners: owners.ids,
            customer_last_contact,
            customer_lead,
        }
    }

    /// Whether these columns were taken from lists of `data`'s lengths: a report given
    /// columns of other data makes its own rather than read the wrong records' days.
    pub fn fits(&self, data: &Data) -> bool {
        self.lead_created.len() == data.leads.len()
            && self.customer_created.len() == data.customers.len()
            && self.opportunity_created.len() == data.opportunities.len()
            && self.order_day.len() == data.orders.len()
            && self.payment_day.len() == data.payments.len()
            && self.activity_day.len() == data.activities.len()
    }
}

/// The day each record was made.
fn made<T>(records: &[T], meta: fn(&T) -> &RecordMeta) -> Vec<i32> {
    records
        .iter()
        .map(|r| day_code(&meta(r).created_at))
        .collect()
}

/// The kind of a follow-up: an activity outside Trash, and a task only once it is ticked done,
/// since an open task is a plan, not a follow-up.
pub fn follows_up(activity: &Activity) -> Option<ActivityKind> {
    let kind = activity.details.kind;
    let counts = !activity.meta.is_deleted() && (kind != ActivityKind::Task || activity.done);
    counts.then_some(kind)
}

/// The owners named, each given a place the first time it comes. Found by the id's address,
/// so an owner's text is read once however many records it owns.
#[derive(Default)]
struct Owners {
    ids: Vec<Id>,
    by_address: FxHashMap<usize, u32>,
    by_text: FxHashMap<Id, u32>,
}

impl Owners {
    fn place(&mut self, id: &Id) -> u32 {
        if let Some(&place) = self.by_address.get(&id.address()) {
            return place;
        }
        let next = self.ids.len() as u32;
        let place = *self.by_text.entry(id.clone()).or_insert(next);
        if place == next {
            self.ids.push(id.clone());
        }
        self.by_address.insert(id.address(), place);
        place
    }
}

/// The outcome of the stage `stage_id` in `stages`: open for a stage not there.
pub fn outcome_in(stages: &[Stage], stage_id: &str) -> Outcome {
    stages
        .iter()
        .find(|s| s.id == stage_id)
        .map_or(Outcome::Open, |s| s.outcome)
}

/// When an opportunity moved into its present stage: its last move there, or its last change
/// if its history has none.
pub fn entered_stage(o: &Opportunity) -> &str {
    o.stage_history
        .iter()
        .rev()
        .find(|c| c.to == o.stage_id)
        .map_or(o.meta.updated_at.as_str(), |c| c.at.as_str())
}

/// Each id's place and whether that record is outside Trash; where two records share an id,
/// the one outside Trash. Found by the id's address first: an id that names a record is most
/// often the record's own shared id, and reading the addresses, which the records hold, is far
/// cheaper than reading every id's text, which lies elsewhere in memory.
struct Places<'a, T> {
    by_address: FxHashMap<usize, (u32, bool)>,
    records: &'a [T],
    meta: fn(&T) -> &RecordMeta,
    by_text: OnceCell<FxHashMap<&'a str, (u32, bool)>>,
}

impl<'a, T> Places<'a, T> {
    fn of(records: &'a [T], meta: fn(&T) -> &RecordMeta) -> Places<'a, T> {
        let mut by_address = FxHashMap::with_capacity_and_hasher(records.len(), Default::default());
        for (place, record) in records.iter().enumerate() {
            let meta = meta(record);
            by_address.insert(meta.id.address(), (place as u32, !meta.is_deleted()));
        }
        Places {
            by_address,
            records,
            meta,
            by_text: OnceCell::new(),
        }
    }

    fn get(&self, id: &Id) -> u32 {
        match self.by_address.get(&id.address()) {
            Some(&(place, true)) => place,
            _ => self
                .by_text()
                .get(id.as_str())
                .map_or(NOWHERE, |&(place, _)| place),
        }
    }

    fn by_text(&self) -> &FxHashMap<&'a str, (u32, bool)> {
        self.by_text.get_or_init(|| {
            let mut places =
                FxHashMap::with_capacity_and_hasher(self.records.len(), Default::default());
            for (place, record) in self.records.iter().enumerate() {
                let meta = (self.meta)(record);
                let live = !meta.is_deleted();
                let entry = places
                    .entry(meta.id.as_str())
                    .or_insert((place as u32, live));
                if live || !entry.1 {
                    *entry = (place as u32, live);
                }
            }
            places
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::reports::testdata_a::trashed;
    use crate::reports::testdata_c::{call, customer, dec, payment, sale};

    #[test]
    fn links_are_found_by_text_too_and_a_record_outside_trash_wins() {
        let mut old = sale("o1", "c1", "2026-03-02", "100");
        old.meta = trashed(old.meta);
        let dataset = Dataset {
            customers: vec![customer("c1", "2026-01-05")],
            // The same id twice, the first copy in Trash; every link typed apart from its record,
            // so none shares the record's own id.
            orders: vec![
                old,
                sale("o1", "c1", "2026-03-03", "100"),
                sale("o2", "gone", "2026-03-04", "50"),
            ],
            payments: vec![
                payment("p1", "o1", "2026-03-10", "30"),
                payment("p2", "o1", "2026-03-11T08:00:00Z", "20"),
                payment("p3", "nowhere", "not a day", "5"),
            ],
            activities: vec![call("a1", "2026-03-12T23:59:59Z", None, None)],
            ..Dataset::default()
        };
        let data = Data::of(&dataset);
        let columns = Columns::of(&data, &[], "USD");
        assert_eq!(columns.order_customer, [0, 0, NOWHERE]);
        assert_eq!(columns.payment_order, [1, 1, NOWHERE]);
        assert_eq!(columns.payment_amount, [dec("30"), dec("20"), dec("0")]);
        assert_eq!(columns.order_paid, [dec("0"), dec("50"), dec("0")]);
        assert_eq!(columns.payment_day[2], NO_DAY);
        assert_eq!(columns.payment_day[1], columns.payment_day[0] + 1);
        assert_eq!(columns.activity_day[0], day_code("2026-03-12"));
        assert!(columns.fits(&data));
        assert!(!Columns::default().fits(&data));
    }

    #[test]
    fn a_link_sharing_its_records_id_is_found_by_address() {
        let order = sale("o1", "c1", "2026-03-03", "100");
        let mut paid = payment("p1", "o1", "2026-03-10", "30");
        paid.order_id = order.meta.id.clone();
        let dataset = Dataset {
            orders: vec![sale("o0", "c1", "2026-03-01", "1"), order],
            payments: vec![paid],
            ..Dataset::default()
        };
        let columns = Columns::of(&Data::of(&dataset), &[], "USD");
        assert_eq!(columns.payment_order, [1]);
        assert_eq!(columns.order_paid, [dec("0"), dec("30")]);
    }

    #[test]
    fn closed_opportunities_have_their_outcome_and_the_day_they_entered_their_stage() {
        use crate::domain::opportunity::default_stages;
        use crate::reports::testdata_a::opportunity;
        let mut no_history = opportunity("o3", "u1", "2026-02-01", "5", "USD", "lost", None);
        no_history.stage_history.clear();
        no_history.meta.updated_at = "2026-02-20T10:00:00Z".into();
        let dataset = Dataset {
            opportunities: vec![
                opportunity(
                    "o1",
                    "u1",
                    "2026-01-05",
                    "10",
                    "USD",
                    "won",
                    Some("2026-03-02"),
                ),
                opportunity("o2", "u1", "2026-01-06", "20", "USD", "new", None),
                no_history,
                opportunity(
                    "o4",
                    "u1",
                    "2026-01-07",
                    "30",
                    "USD",
                    "gone",
                    Some("2026-03-03"),
                ),
            ],
            ..Dataset::default()
        };
        let columns = Columns::of(&Data::of(&dataset), &default_stages(), "USD");
        let outcomes = [Outcome::Won, Outcome::Open, Outcome::Lost, Outcome::Open];
        assert_eq!(columns.opportunity_outcome, outcomes);
        let closed = [
            day_code("2026-03-02"),
            NO_DAY,
            day_code("2026-02-20"),
            NO_DAY,
        ];
        assert_eq!(columns.opportunity_closed, closed);
    }
}
