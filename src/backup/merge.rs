//! Merging a colleague's backup into this device's data (two devices, one team): by id, the copy
//! changed last wins; settings this device has stay as they are.

use std::collections::HashMap;

use crate::domain::dataset::{Dataset, Settings};
use crate::domain::record::Record;

/// What a merge did, record by record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Records the device did not have.
    pub added: usize,
    /// Records the backup had a later change of.
    pub updated: usize,
    /// Records whose copy on the device is as new as the backup's, or newer.
    pub kept: usize,
}

fn section<R: Record>(local: &[R], incoming: Vec<R>, counts: &mut MergeCounts) -> Vec<R> {
    let changed: HashMap<&str, &str> = local
        .iter()
        .map(|r| (r.id(), r.meta().updated_at.as_str()))
        .collect();
    incoming
        .into_iter()
        .filter(|record| match changed.get(record.id()) {
            None => {
                counts.added += 1;
                true
            }
            Some(ours) if record.meta().updated_at.as_str() > *ours => {
                counts.updated += 1;
                true
            }
            Some(_) => {
                counts.kept += 1;
                false
            }
        })
        .collect()
}

fn missing<T: Clone>(ours: &Option<T>, theirs: Option<T>) -> Option<T> {
    if ours.is_some() {
        None
    } else {
        theirs
    }
}

/// The records and settings to write so that `local` takes in `incoming`, and what that does.
pub fn merge(local: &Dataset, incoming: Dataset) -> (Dataset, MergeCounts) {
    let mut counts = MergeCounts::default();
    let c = &mut counts;
    let theirs = incoming.settings;
    let ours = &local.settings;
    let writes = Dataset {
        settings: Settings {
            me: missing(&ours.me, theirs.me),
            forgotten_days: missing(&ours.forgotten_days, theirs.forgotten_days),
            pipeline: missing(&ours.pipeline, theirs.pipeline),
            company: missing(&ours.company, theirs.company),
            numbering: missing(&ours.numbering, theirs.numbering),
            currencies: missing(&ours.currencies, theirs.currencies),
            targets: missing(&ours.targets, theirs.targets),
        },
        team: section(&local.team, incoming.team, c),
        leads: section(&local.leads, incoming.leads, c),
        customers: section(&local.customers, incoming.customers, c),
        contacts: section(&local.contacts, incoming.contacts, c),
        activities: section(&local.activities, incoming.activities, c),
        opportunities: section(&local.opportunities, incoming.opportunities, c),
        products: section(&local.products, incoming.products, c),
        quotes: section(&local.quotes, incoming.quotes, c),
        orders: section(&local.orders, incoming.orders, c),
        payments: section(&local.payments, incoming.payments, c),
        invoices: section(&local.invoices, incoming.invoices, c),
    };
    (writes, counts)
}
