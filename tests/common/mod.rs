//! What the wasm tests of the store share: times, a lead, and a database of a test's own.

use leadline::domain::lead::{Lead, LeadDetails};
use leadline::domain::record::RecordMeta;
use leadline::store::Store;

pub const T0: &str = "2026-01-01T00:00:00.000Z";
pub const T1: &str = "2026-01-02T00:00:00.000Z";

pub fn lead(id: &str, name: &str) -> Lead {
    let details = LeadDetails {
        name: name.into(),
        company: "星辰科技".into(),
        email: "wang@example.cn".into(),
        next_follow_up: Some("2026-02-28".into()),
        ..LeadDetails::default()
    };
    Lead::create(RecordMeta::new(id.into(), T0, "me".into()), details).unwrap()
}

/// A database of the test's own, empty.
pub async fn fresh(name: &str) -> Store {
    Store::delete_database(name).await.unwrap();
    Store::open(name).await.unwrap()
}
