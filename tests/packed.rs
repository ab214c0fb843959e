//! The packed copy of the records against real IndexedDB in headless Chromium: what a start
//! reads from it, with the writes since, is what the records' own stores hold.
#![cfg(target_arch = "wasm32")]

use js_sys::Uint8Array;
use leadline::domain::customer::{Customer, CustomerDetails};
use leadline::domain::dataset::Dataset;
use leadline::domain::lead::Lead;
use leadline::domain::record::RecordMeta;
use leadline::store::{schema, Mark, Parts, RestoreMode, Snapshot, Store, StoreError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

mod common;
use common::{fresh, lead, T0, T1};

wasm_bindgen_test_configure!(run_in_browser);

fn customer(id: &str, name: &str) -> Customer {
    let details = CustomerDetails {
        name: name.into(),
        ..CustomerDetails::default()
    };
    Customer::create(RecordMeta::new(id.into(), T0, "me".into()), details).unwrap()
}

/// Packs what `held` holds, as the app packs what it holds in memory.
async fn pack(store: &Store, mark: &Mark, held: &Snapshot) -> Result<bool, StoreError> {
    store
        .pack(mark, |name, ids| match name {
            schema::LEADS => Parts::of(&held.leads, ids),
            schema::CUSTOMERS => Parts::of(&held.customers, ids),
            schema::TEAM => Parts::of(&held.team, ids),
            _ => Parts::of::<Lead>(&[], ids),
        })
        .await
}

/// What every record's own stored value says, read without the packed copy.
async fn truth(store: &Store) -> (Vec<Lead>, Vec<Customer>) {
    (
        store.load_all().await.unwrap(),
        store.load_all().await.unwrap(),
    )
}

#[wasm_bindgen_test]
async fn a_packed_start_reads_the_writes_made_since_the_pack() {
    let store = fresh("test-packed").await;
    // More than two packed parts, saved out of key order, with Chinese text and emoji.
    let leads: Vec<Lead> = (0..10_500)
        .map(|i| {
            lead(
                &format!("lead-{:05}", (i * 11) % 10_500),
                &format!("王芳 {i} 😀"),
            )
        })
        .collect();
    store.save_all(&leads).await.unwrap();
    store.save(&customer("cust-1", "Acme")).await.unwrap();
    let (held, mark) = store.load_marked().await.unwrap();
    assert!(!mark.packed());
    assert!(pack(&store, &mark, &held).await.unwrap());

    // After the pack: a record changed, one added, one deleted for good, one of another kind.
    let mut changed = held.leads[10].clone();
    changed.details.name = "Changed after the pack".into();
    changed.meta.touch(T1);
    store.save(&changed).await.unwrap();
    store.save(&lead("lead-00000-new", "Added")).await.unwrap();
    let doomed = held.leads[20].meta.id.clone();
    store
        .delete_forever(&[(schema::LEADS, doomed.to_string())])
        .await
        .unwrap();
    store.save(&customer("cust-2", "Beta")).await.unwrap();

    let (loaded, mark) = store.load_marked().await.unwrap();
    assert!(mark.packed(), "the start read the packed copy");
    let (leads, customers) = truth(&store).await;
    assert_eq!(leads.len(), 10_500);
    assert_eq!(loaded.leads, leads);
    assert_eq!(loaded.customers, customers);
    assert!(loaded.leads.contains(&changed));
    assert!(loaded.leads.iter().all(|l| l.meta.id != doomed));
    assert_eq!(loaded.customers.len(), 2);

    // Packed again from what was just read, the journal is folded in and the result the same.
    assert!(pack(&store, &mark, &loaded).await.unwrap());
    let (again, mark) = store.load_marked().await.unwrap();
    assert!(mark.packed());
    assert_eq!(again.leads, leads);
    assert_eq!(again.customers, customers);
    store.close();
}

#[wasm_bindgen_test]
async fn a_restore_sets_the_packed_copy_aside_and_refuses_a_pack_from_before_it() {
    let store = fresh("test-packed-restore").await;
    store
        .save_all(&[lead("a", "Before"), lead("b", "Before too")])
        .await
        .unwrap();
    let (before, old_mark) = store.load_marked().await.unwrap();
    assert!(pack(&store, &old_mark, &before).await.unwrap());

    let restored = Dataset {
        leads: vec![lead("c", "Restored")],
        ..Dataset::default()
    };
    store
        .restore(&restored, RestoreMode::Replace, |_, _| {})
        .await
        .unwrap();
    let (loaded, mark) = store.load_marked().await.unwrap();
    assert!(
        !mark.packed(),
        "a restore's records are read from their own values"
    );
    assert_eq!(loaded.leads, restored.leads);

    // What was held before the restore must not be packed over it.
    assert!(!pack(&store, &old_mark, &before).await.unwrap());
    assert_eq!(store.load().await.unwrap().leads, restored.leads);

    assert!(pack(&store, &mark, &loaded).await.unwrap());
    let (again, mark) = store.load_marked().await.unwrap();
    assert!(mark.packed());
    assert_eq!(again.leads, restored.leads);
    store.close();
}

#[wasm_bindgen_test]
async fn what_a_replace_wrote_is_packed_as_held_without_being_read_back() {
    let store = fresh("test-packed-restored-mark").await;
    store.save(&lead("a", "Before")).await.unwrap();
    let restored = Dataset {
        leads: vec![lead("c", "Restored"), lead("d", "Restored too")],
        ..Dataset::default()
    };
    let mark = store
        .restore(&restored, RestoreMode::Replace, |_, _| {})
        .await
        .unwrap();
    // Written after the restore, as by another tab: past the mark, so read from the journal.
    store.save(&lead("e", "Later")).await.unwrap();
    assert!(pack(&store, &mark, &restored).await.unwrap());
    let (loaded, after) = store.load_marked().await.unwrap();
    assert!(after.packed());
    let names: Vec<&str> = loaded
        .leads
        .iter()
        .map(|l| l.details.name.as_str())
        .collect();
    assert_eq!(names, ["Restored", "Restored too", "Later"]);
    assert_eq!(truth(&store).await.0, loaded.leads);
    store.close();
}

#[wasm_bindgen_test]
async fn a_pack_older_than_the_stored_one_is_refused() {
    let store = fresh("test-packed-older").await;
    store.save(&lead("a", "First")).await.unwrap();
    let (older, older_mark) = store.load_marked().await.unwrap();
    store.save(&lead("b", "Second")).await.unwrap();
    let (newer, newer_mark) = store.load_marked().await.unwrap();
    assert!(pack(&store, &newer_mark, &newer).await.unwrap());
    assert!(!pack(&store, &older_mark, &older).await.unwrap());
    assert_eq!(store.load().await.unwrap().leads, newer.leads);
    store.close();
}

/// Packs two leads, then replaces the packed value under `key` with what `change` makes of it.
async fn packed_then_changed(
    name: &str,
    key: &str,
    change: impl FnOnce(JsValue) -> JsValue,
) -> Store {
    use rexie::{Rexie, TransactionMode};
    let store = fresh(name).await;
    store
        .save_all(&[lead("a", "One"), lead("b", "Two")])
        .await
        .unwrap();
    let (held, mark) = store.load_marked().await.unwrap();
    assert!(pack(&store, &mark, &held).await.unwrap());

    let raw = Rexie::builder(name).build().await.unwrap();
    let tx = raw
        .transaction(&[schema::PACKED], TransactionMode::ReadWrite)
        .unwrap();
    let packed = tx.store(schema::PACKED).unwrap();
    let value = packed.get(key.into()).await.unwrap().unwrap();
    packed.put(&change(value), Some(&key.into())).await.unwrap();
    tx.done().await.unwrap();
    raw.close();
    store
}

#[wasm_bindgen_test]
async fn a_damaged_packed_copy_is_passed_over_for_the_records_own_values() {
    let cut = |mut bytes: Vec<u8>| {
        bytes.pop();
        Uint8Array::from(bytes.as_slice()).into()
    };
    let longer = |mut bytes: Vec<u8>| {
        bytes.push(0);
        Uint8Array::from(bytes.as_slice()).into()
    };
    let text = |_| JsValue::from_str("[{\"id\":");
    // One id, "x": the records name ids numbered past it.
    let fewer = |_| Uint8Array::from(&[1u8, 1, b'x'][..]).into();
    let damages = [&cut as &dyn Fn(Vec<u8>) -> JsValue, &longer, &text, &fewer];
    // A part of the records, and a part of the ids they name by number.
    for key in ["leads/0", "ids/0"] {
        for (n, damage) in damages.iter().enumerate() {
            let bytes = |part: JsValue| damage(part.dyn_into::<Uint8Array>().unwrap().to_vec());
            let name = format!("test-packed-damaged-{}-{n}", key.replace('/', "-"));
            let store = packed_then_changed(&name, key, bytes).await;
            let (loaded, mark) = store.load_marked().await.unwrap();
            assert!(!mark.packed(), "damage {n} of {key} was not noticed");
            assert_eq!(loaded.leads, truth(&store).await.0);
            assert_eq!(loaded.leads.len(), 2);
            store.close();
        }
    }
    // Well formed, and every number the records use is in it, but not the table the index counts.
    let one_more = |part: JsValue| {
        let bytes = part.dyn_into::<Uint8Array>().unwrap().to_vec();
        let mut ids: Vec<String> = postcard::from_bytes(&bytes).unwrap();
        ids.push("extra".into());
        Uint8Array::from(postcard::to_allocvec(&ids).unwrap().as_slice()).into()
    };
    let store = packed_then_changed("test-packed-damaged-ids-count", "ids/0", one_more).await;
    let (loaded, mark) = store.load_marked().await.unwrap();
    assert!(!mark.packed(), "an id table of the wrong length was used");
    assert_eq!(loaded.leads, truth(&store).await.0);
    store.close();
}

#[wasm_bindgen_test]
async fn a_packed_copy_in_an_older_form_is_passed_over_and_packed_again() {
    // The first form's index had no version: its parts were JSON.
    let unversioned = |index: JsValue| {
        js_sys::Reflect::delete_property(index.unchecked_ref::<js_sys::Object>(), &"format".into())
            .unwrap();
        index
    };
    let store = packed_then_changed("test-packed-older-form", "index", unversioned).await;

    let (loaded, mark) = store.load_marked().await.unwrap();
    assert!(!mark.packed());
    assert_eq!(loaded.leads, truth(&store).await.0);
    assert!(pack(&store, &mark, &loaded).await.unwrap());
    let (again, mark) = store.load_marked().await.unwrap();
    assert!(mark.packed());
    assert_eq!(again.leads, loaded.leads);
    store.close();
}
