//! The store against real IndexedDB in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leadline::domain::lead::{Lead, LeadDetails, LeadStatus};
use leadline::domain::record::RecordMeta;
use leadline::domain::team::TeamMember;
use leadline::store::{schema, Store, StoreError};
use wasm_bindgen_test::*;

mod common;
use common::{fresh, lead, T0, T1};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_saved_lead_reads_back_the_same() {
    let store = fresh("test-read-back").await;
    let saved = lead("0190-a", "王芳");
    store.save(&saved).await.unwrap();
    let loaded: Vec<Lead> = store.load_all().await.unwrap();
    assert_eq!(loaded, vec![saved]);
    store.close();
}

#[wasm_bindgen_test]
async fn data_survives_reopening_the_database() {
    let name = "test-reopen";
    let store = fresh(name).await;
    let member = TeamMember::new("m1".into(), T0, "Li Wei", "li@example.com").unwrap();
    store.save(&member).await.unwrap();
    store.save(&lead("0190-b", "Bob")).await.unwrap();
    store.set_setting(schema::SETTING_ME, &"m1").await.unwrap();
    store.close();

    let reopened = Store::open(name).await.unwrap();
    let snapshot = reopened.load().await.unwrap();
    assert_eq!(snapshot.team, vec![member]);
    assert_eq!(snapshot.leads.len(), 1);
    assert_eq!(snapshot.leads[0].details.name, "Bob");
    assert_eq!(snapshot.settings.me.as_deref(), Some("m1"));
    let version: Option<u32> = reopened
        .setting(schema::SETTING_DATA_VERSION)
        .await
        .unwrap();
    assert_eq!(version, Some(1));
    reopened.close();
}

#[wasm_bindgen_test]
async fn a_failed_transaction_leaves_nothing_behind() {
    let store = fresh("test-abort").await;
    let first = lead("0190-c", "First");
    // The second record claims to follow a stored copy that does not exist: the transaction
    // fails after the first record was already put, and must take that put back.
    let mut second = lead("0190-d", "Second");
    second.meta.rev = 5;
    let result = store.save_all(&[first, second]).await;
    assert_eq!(
        result,
        Err(StoreError::Conflict {
            id: "0190-d".into()
        })
    );
    let loaded: Vec<Lead> = store.load_all().await.unwrap();
    assert!(loaded.is_empty(), "found {loaded:?}");
    store.close();
}

#[wasm_bindgen_test]
async fn a_write_from_a_stale_copy_is_refused_and_changes_nothing() {
    let store = fresh("test-stale").await;
    let original = lead("0190-e", "Original");
    store.save(&original).await.unwrap();

    let mut here = original.clone();
    here.change_status(LeadStatus::Contacted, "", T1).unwrap();
    store.save(&here).await.unwrap();

    let mut stale = original;
    stale
        .edit(
            LeadDetails {
                name: "Stale".into(),
                ..LeadDetails::default()
            },
            T1,
        )
        .unwrap();
    assert!(matches!(
        store.save(&stale).await,
        Err(StoreError::Conflict { .. })
    ));

    let loaded: Vec<Lead> = store.load_all().await.unwrap();
    assert_eq!(loaded, vec![here]);
    store.close();
}

#[wasm_bindgen_test]
async fn records_deleted_forever_are_gone() {
    let store = fresh("test-purge").await;
    let mut gone = lead("0190-f", "Gone");
    store.save(&gone).await.unwrap();
    gone.meta.move_to_trash(T1);
    store.save(&gone).await.unwrap();
    store.save(&lead("0190-g", "Kept")).await.unwrap();
    store
        .delete_forever(&[(schema::LEADS, "0190-f".into())])
        .await
        .unwrap();
    let loaded: Vec<Lead> = store.load_all().await.unwrap();
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].details.name, "Kept");
    store.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_and_keeps_its_leads() {
    use rexie::{ObjectStore, Rexie, TransactionMode};
    let name = "test-upgrade-from-1";
    Store::delete_database(name).await.unwrap();
    // The database as the first release created it.
    let old = Rexie::builder(name)
        .version(1)
        .add_object_store(ObjectStore::new("settings").key_path("key"))
        .add_object_store(ObjectStore::new("team").key_path("id"))
        .add_object_store(ObjectStore::new("leads").key_path("id"))
        .build()
        .await
        .unwrap();
    let kept = lead("0190-h", "Kept");
    let tx = old
        .transaction(&["leads"], TransactionMode::ReadWrite)
        .unwrap();
    let json = serde_json::to_string(&kept).unwrap();
    tx.store("leads")
        .unwrap()
        .put(&js_sys::JSON::parse(&json).unwrap(), None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    old.close();

    let store = Store::open(name).await.unwrap();
    let snapshot = store.load().await.unwrap();
    assert_eq!(snapshot.leads, vec![kept]);
    assert!(snapshot.customers.is_empty());
    store.close();
}

#[wasm_bindgen_test]
async fn a_batch_over_several_stores_is_all_or_nothing() {
    use leadline::domain::customer::{Customer, CustomerDetails};
    use leadline::store::Batch;
    let store = fresh("test-batch").await;
    let customer = Customer::create(
        RecordMeta::new("cust".into(), T0, "me".into()),
        CustomerDetails {
            name: "星辰科技".into(),
            ..CustomerDetails::default()
        },
    )
    .unwrap();
    let mut stale_lead = lead("0190-i", "Stale");
    stale_lead.meta.rev = 3;
    let mut batch = Batch::default();
    batch.put(&customer).unwrap().put(&stale_lead).unwrap();
    assert!(matches!(
        store.write(batch).await,
        Err(StoreError::Conflict { .. })
    ));
    assert!(store.load_all::<Customer>().await.unwrap().is_empty());

    let mut batch = Batch::default();
    batch
        .put(&customer)
        .unwrap()
        .put(&lead("0190-i", "Fresh"))
        .unwrap();
    store.write(batch).await.unwrap();
    let snapshot = store.load().await.unwrap();
    assert_eq!(snapshot.customers, vec![customer]);
    assert_eq!(snapshot.leads.len(), 1);
    store.close();
}

#[wasm_bindgen_test]
async fn a_store_larger_than_one_read_loads_whole_and_in_order() {
    use rexie::{Rexie, TransactionMode};
    let name = "test-many";
    let store = fresh(name).await;
    // More than two reads' worth, saved out of key order, with Chinese text in every record.
    let mut saved: Vec<Lead> = (0..4_500)
        .map(|i| {
            lead(
                &format!("lead-{:05}", (i * 7) % 4_500),
                &format!("王芳 {i} 😀"),
            )
        })
        .collect();
    store.save_all(&saved).await.unwrap();
    saved.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    let loaded: Vec<Lead> = store.load_all().await.unwrap();
    assert_eq!(loaded, saved);

    // A record that cannot be read is named by its place in the store, past the first reads.
    let raw = Rexie::builder(name).build().await.unwrap();
    let tx = raw
        .transaction(&["leads"], TransactionMode::ReadWrite)
        .unwrap();
    let bad = js_sys::JSON::parse(r#"{"id":"lead-99999","rev":"one"}"#).unwrap();
    tx.store("leads").unwrap().put(&bad, None).await.unwrap();
    tx.done().await.unwrap();
    raw.close();
    match store.load_all::<Lead>().await {
        Err(StoreError::Corrupt(text)) => assert!(text.starts_with("leads[4500]"), "{text}"),
        other => panic!("expected a corrupt record, got {other:?}"),
    }
    store.close();
}

/// The leads in their own store, read past the store's gate (as another tab would, without
/// finishing a staged restore first).
async fn own_leads(name: &str) -> u32 {
    let db = schema::builder(name).build().await.unwrap();
    let tx = db
        .transaction(&[schema::LEADS], rexie::TransactionMode::ReadOnly)
        .unwrap();
    let count = tx.store(schema::LEADS).unwrap().count(None).await.unwrap();
    tx.done().await.unwrap();
    db.close();
    count
}

/// Leads named `new-00000` on, in key order, over two staged parts.
fn restored_leads() -> Vec<Lead> {
    (0..6_000)
        .map(|i| lead(&format!("new-{i:05}"), &format!("张伟 {i}")))
        .collect()
}

/// A Replace by [`restored_leads`] staged, its commit point, and not yet finished.
async fn stage_restored_leads(store: &Store) -> leadline::domain::dataset::Dataset {
    let restored = leadline::domain::dataset::Dataset {
        leads: restored_leads(),
        ..Default::default()
    };
    store
        .stage_restore(&restored, leadline::store::RestoreMode::Replace, &|_| {})
        .await
        .unwrap();
    restored
}

#[wasm_bindgen_test]
async fn a_restore_cut_short_after_its_commit_point_is_finished_at_the_next_open() {
    use leadline::domain::dataset::{Dataset, Settings};
    use leadline::store::RestoreMode;
    let name = "test-restore-staged";
    let store = fresh(name).await;
    store.save(&lead("old", "Old")).await.unwrap();
    store
        .set_setting(schema::SETTING_FORGOTTEN_DAYS, &30u32)
        .await
        .unwrap();
    let restored = Dataset {
        leads: restored_leads(),
        settings: Settings {
            forgotten_days: Some(45),
            ..Settings::default()
        },
        ..Dataset::default()
    };
    // The tab is closed right after the commit point: the own stores still hold the old data.
    store
        .stage_restore(&restored, RestoreMode::Replace, &|_| {})
        .await
        .unwrap();
    assert_eq!(own_leads(name).await, 1);
    store.close();

    let store = Store::open(name).await.unwrap();
    let snapshot = store.load().await.unwrap();
    assert_eq!(snapshot.leads, restored.leads);
    assert_eq!(snapshot.settings.forgotten_days, Some(45));
    // Nothing is left to finish: a second open changes nothing.
    store.close();
    let store = Store::open(name).await.unwrap();
    assert_eq!(store.load().await.unwrap().leads, restored.leads);
    store.close();
}

#[wasm_bindgen_test]
async fn two_tabs_finishing_the_same_restore_write_it_once() {
    use leadline::domain::dataset::Dataset;
    use leadline::store::RestoreMode;
    let name = "test-restore-two-tabs";
    let first = fresh(name).await;
    let second = Store::open(name).await.unwrap();
    first
        .save_all(&[lead("old-1", "Old"), lead("old-2", "Old")])
        .await
        .unwrap();
    let restored = stage_restored_leads(&first).await;
    let (a, b) = futures::join!(
        first.finish_restore(&|_| {}),
        second.finish_restore(&|_| {})
    );
    a.unwrap();
    b.unwrap();
    assert_eq!(first.load().await.unwrap().leads, restored.leads);
    // A restore over it is taken: nothing of the first is left staged.
    let again = Dataset {
        leads: vec![lead("again", "Again")],
        ..Dataset::default()
    };
    second
        .restore(&again, RestoreMode::Merge, |_, _| {})
        .await
        .unwrap();
    assert_eq!(second.load().await.unwrap().leads.len(), 6_001);
    first.close();
    second.close();
}

#[wasm_bindgen_test]
async fn a_change_made_while_a_restore_is_written_waits_for_it_and_is_kept() {
    let name = "test-restore-then-change";
    let store = fresh(name).await;
    store.save(&lead("old", "Old")).await.unwrap();
    let restored = stage_restored_leads(&store).await;
    // The page shows the restored leads at once, and one is changed and saved while they are
    // still being written: written among them, it would find no stored copy to follow, or be
    // overwritten by the restore's.
    let mut changed = restored.leads[0].clone();
    changed.details.name = "Changed meanwhile".into();
    changed.meta.rev += 1;
    let (saved, finished) = futures::join!(store.save(&changed), store.finish_restore(&|_| {}));
    saved.unwrap();
    finished.unwrap();
    let leads = store.load().await.unwrap().leads;
    assert_eq!(leads.len(), 6_000);
    assert_eq!(leads[0], changed);
    store.close();
    let reopened = Store::open(name).await.unwrap();
    assert_eq!(reopened.load().await.unwrap().leads[0], changed);
    reopened.close();
}
