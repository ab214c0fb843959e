//! The links between records that must always lead somewhere: a contact's customer, an order's
//! customer, a payment's order, a record's owner. A backup that breaks one is refused, and
//! emptying Trash keeps a record something still points to.
//!
//! History links (the lead a customer came from, what an activity was about, the quote an order
//! was made from) may outlive what they point to, as a note may outlive its subject.

use std::collections::HashSet;

use super::dataset::Dataset;
use super::record::Record;

/// The kinds that are pointed to, named as the stores and backup sections are.
pub const TEAM: &str = "team";
pub const CUSTOMERS: &str = "customers";
pub const ORDERS: &str = "orders";

/// One link from a record to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link<'a> {
    /// The section of the dataset the linking record is in, and its index there.
    pub from: (&'static str, usize),
    pub from_id: &'a str,
    /// The linking field, as the backup names it.
    pub field: &'static str,
    pub to: (&'static str, &'a str),
    /// Whether the linking record is in Trash.
    pub from_deleted: bool,
}

fn owner_links<'a, R: Record>(section: &'static str, records: &'a [R], links: &mut Vec<Link<'a>>) {
    for (i, record) in records.iter().enumerate() {
        let meta = record.meta();
        if !meta.owner.is_empty() {
            links.push(Link {
                from: (section, i),
                from_id: &meta.id,
                field: "owner",
                to: (TEAM, &meta.owner),
                from_deleted: meta.is_deleted(),
            });
        }
    }
}

fn links_to<'a, R: Record>(
    section: &'static str,
    records: &'a [R],
    field: &'static str,
    to: &'static str,
    target: impl Fn(&'a R) -> &'a str,
    links: &mut Vec<Link<'a>>,
) {
    for (i, record) in records.iter().enumerate() {
        links.push(Link {
            from: (section, i),
            from_id: record.id(),
            field,
            to: (to, target(record)),
            from_deleted: record.meta().is_deleted(),
        });
    }
}

/// Every link that must lead to a record, in the order of the dataset.
pub fn required_links(data: &Dataset) -> Vec<Link<'_>> {
    let mut links = Vec::new();
    owner_links("leads", &data.leads, &mut links);
    owner_links("customers", &data.customers, &mut links);
    owner_links("contacts", &data.contacts, &mut links);
    owner_links("activities", &data.activities, &mut links);
    owner_links("opportunities", &data.opportunities, &mut links);
    owner_links("products", &data.products, &mut links);
    owner_links("quotes", &data.quotes, &mut links);
    owner_links("orders", &data.orders, &mut links);
    owner_links("payments", &data.payments, &mut links);
    owner_links("invoices", &data.invoices, &mut links);
    let customer = "customer_id";
    links_to(
        "contacts",
        &data.contacts,
        customer,
        CUSTOMERS,
        |c| &c.customer_id,
        &mut links,
    );
    links_to(
        "opportunities",
        &data.opportunities,
        customer,
        CUSTOMERS,
        |o| &o.customer_id,
        &mut links,
    );
    links_to(
        "quotes",
        &data.quotes,
        customer,
        CUSTOMERS,
        |q| &q.body.customer_id,
        &mut links,
    );
    links_to(
        "orders",
        &data.orders,
        customer,
        CUSTOMERS,
        |o| &o.body.customer_id,
        &mut links,
    );
    links_to(
        "payments",
        &data.payments,
        "order_id",
        ORDERS,
        |p| &p.order_id,
        &mut links,
    );
    links_to(
        "invoices",
        &data.invoices,
        "order_id",
        ORDERS,
        |i| &i.order_id,
        &mut links,
    );
    links
}

/// Of the records about to be deleted for good, the ids of those that a record staying behind
/// still links to: they stay in Trash, so no link is ever left leading nowhere.
pub fn still_linked<'a>(data: &'a Dataset, doomed: &HashSet<&str>) -> HashSet<&'a str> {
    required_links(data)
        .into_iter()
        .filter(|link| doomed.contains(link.to.1) && !doomed.contains(link.from_id))
        .map(|link| link.to.1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customer_an_order_still_needs_stays_and_one_going_with_it_goes() {
        let backup = crate::backup::format::read(
            include_str!("../../tests/fixtures/backup/v1-sample.json").as_bytes(),
        )
        .unwrap();
        let data = backup.data;
        let alone: HashSet<&str> = ["c1", "c2"].into();
        assert_eq!(still_linked(&data, &alone), HashSet::from(["c1"]));
        let with_everything: HashSet<&str> = ["c1", "k1", "p1", "q1", "o1", "y1", "i1"].into();
        assert!(still_linked(&data, &with_everything).is_empty());
    }
}
