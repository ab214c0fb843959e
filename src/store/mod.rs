//! The only code that knows IndexedDB. Everything the app keeps goes through here, one
//! transaction per change; a change counts as saved only once its transaction has committed.
//!
//! Records cross into IndexedDB as the same JSON the backups use, so what is stored and what is
//! exported can never drift apart.

mod codec;
mod error;
mod gate;
mod migrate;
mod packed;
mod restore;
pub mod schema;
mod tabs;

pub use error::StoreError;
pub use packed::{Mark, Parts};
pub use restore::{RestoreMode, EVERYTHING};
pub use tabs::Change;

use rexie::{KeyRange, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::domain::activity::Activity;
use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::dataset::{Dataset, Settings};
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::opportunity::Opportunity;
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::quote::Quote;
use crate::domain::receivable::{Invoice, Payment};
use crate::domain::record::Record;
use crate::domain::sorting::sort_by;
use crate::domain::team::TeamMember;
use codec::{decode_all, encode, stored_rev};
use error::idb;
use gate::Gate;
use packed::Plan;
use schema::RECORD_KEY_PATH;
use tabs::Tabs;

/// A kind of record and the object store it lives in.
pub trait Stored: Record + Serialize + DeserializeOwned {
    const STORE: &'static str;
}

impl Stored for Lead {
    const STORE: &'static str = schema::LEADS;
}

impl Stored for TeamMember {
    const STORE: &'static str = schema::TEAM;
}

impl Stored for Customer {
    const STORE: &'static str = schema::CUSTOMERS;
}

impl Stored for Contact {
    const STORE: &'static str = schema::CONTACTS;
}

impl Stored for Activity {
    const STORE: &'static str = schema::ACTIVITIES;
}

impl Stored for Opportunity {
    const STORE: &'static str = schema::OPPORTUNITIES;
}

impl Stored for Product {
    const STORE: &'static str = schema::PRODUCTS;
}

impl Stored for Quote {
    const STORE: &'static str = schema::QUOTES;
}

impl Stored for Order {
    const STORE: &'static str = schema::ORDERS;
}

impl Stored for Payment {
    const STORE: &'static str = schema::PAYMENTS;
}

impl Stored for Invoice {
    const STORE: &'static str = schema::INVOICES;
}

/// Records of any kinds to write together: all of them or none.
#[derive(Default)]
pub struct Batch {
    stores: Vec<&'static str>,
    entries: Vec<(&'static str, Id, u32, JsValue)>,
}

impl Batch {
    pub fn put<R: Stored>(&mut self, record: &R) -> Result<&mut Self, StoreError> {
        let meta = record.meta();
        self.entries
            .push((R::STORE, meta.id.clone(), meta.rev, encode(record)?));
        if !self.stores.contains(&R::STORE) {
            self.stores.push(R::STORE);
        }
        Ok(self)
    }
}

/// Records are read from a store this many at a time.
const READ_CHUNK: u32 = 2000;

/// Everything the app shows, read once at start.
pub type Snapshot = Dataset;

pub struct Store {
    db: Rexie,
    tabs: Tabs,
    /// Closed while a restore is written behind the page.
    gate: Gate,
}

/// What other tabs changed, as read back from the database: the records written (and the
/// settings, if changed) in the shape of a start-up snapshot, and the ids deleted for good.
#[derive(Clone, Debug, Default)]
pub struct Refresh {
    pub changed: Snapshot,
    pub gone: Vec<String>,
}

impl Store {
    /// Opens (creating or upgrading) the database and brings its data up to the current version.
    pub async fn open(name: &str) -> Result<Store, StoreError> {
        Store::open_finishing(name, |_| {}).await
    }

    /// [`Store::open`], calling `progress(done)` with the records put in place when it finishes
    /// a restore that was cut short.
    pub async fn open_finishing(name: &str, progress: impl Fn(usize)) -> Result<Store, StoreError> {
        let db = schema::builder(name)
            .build()
            .await
            .map_err(|e| StoreError::Unavailable(idb(e)))?;
        let store = Store {
            db,
            tabs: Tabs::open(name),
            gate: Gate::default(),
        };
        // A restore cut short after its commit point is finished before anything is read.
        store.finish_restore(&progress).await?;
        migrate::run(&store).await?;
        Ok(store)
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Deletes a whole database; for tests, which each use a database of their own.
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Rexie::delete(name)
            .await
            .map_err(|e| StoreError::Unavailable(idb(e)))
    }

    pub async fn load(&self) -> Result<Snapshot, StoreError> {
        self.load_marked().await.map(|(snapshot, _)| snapshot)
    }

    /// Everything stored, and where the load stood, for [`Store::pack`].
    pub async fn load_marked(&self) -> Result<(Snapshot, Mark), StoreError> {
        self.gate.pass().await?;
        let (mut snapshot, mark) = match self.read_records(true).await {
            Ok(read) => read,
            // The packed copy is only a copy: when it cannot be read, the records' own values
            // are, and the mark asks for a new pack.
            Err((StoreError::Corrupt(_), true)) => {
                self.read_records(false).await.map_err(|(e, _)| e)?
            }
            Err((error, _)) => return Err(error),
        };
        snapshot.settings = Settings {
            me: self.setting(schema::SETTING_ME).await?,
            forgotten_days: self.setting(schema::SETTING_FORGOTTEN_DAYS).await?,
            pipeline: self.setting(schema::SETTING_PIPELINE).await?,
            company: self.setting(schema::SETTING_COMPANY).await?,
            numbering: self.setting(schema::SETTING_NUMBERING).await?,
            currencies: self.setting(schema::SETTING_CURRENCIES).await?,
            targets: self.setting(schema::SETTING_TARGETS).await?,
        };
        Ok((snapshot, mark))
    }

    /// Every record, in one transaction with the journal, so that the mark says exactly which
    /// writes the records include. A failure says whether the packed copy was being read.
    async fn read_records(&self, use_packed: bool) -> Result<(Snapshot, Mark), (StoreError, bool)> {
        let mut names = schema::RECORD_STORES.to_vec();
        names.extend([schema::PACKED, schema::JOURNAL]);
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadOnly)
            .map_err(|e| (StoreError::Read(idb(e)), false))?;
        let plan = Plan::read(&tx, use_packed).await.map_err(|e| (e, false))?;
        let snapshot = read_kinds(&tx, &plan)
            .await
            .map_err(|e| (e, plan.uses_packed()))?;
        let records = crate::backup::format::Counts::of(&snapshot).total() as usize;
        Ok((snapshot, plan.mark(records)))
    }

    /// Every record of one kind, Trash included, in key order.
    pub async fn load_all<R: Stored>(&self) -> Result<Vec<R>, StoreError> {
        self.gate.pass().await?;
        let tx = self
            .db
            .transaction(&[R::STORE], TransactionMode::ReadOnly)
            .map_err(|e| StoreError::Read(idb(e)))?;
        read_all(&tx).await
    }

    /// Writes one record. See [`Store::save_all`].
    pub async fn save<R: Stored>(&self, record: &R) -> Result<(), StoreError> {
        self.save_all(std::slice::from_ref(record)).await
    }

    /// Writes records of one kind in one transaction. See [`Store::write`].
    pub async fn save_all<R: Stored>(&self, records: &[R]) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        for record in records {
            batch.put(record)?;
        }
        self.write(batch).await
    }

    /// Writes a batch in one transaction over its stores: all of it or, on any error, none.
    ///
    /// Each record must carry the `rev` of the stored copy plus one (1 for a new record), so a
    /// change made meanwhile in another tab is refused rather than silently overwritten.
    pub async fn write(&self, batch: Batch) -> Result<(), StoreError> {
        if batch.entries.is_empty() {
            return Ok(());
        }
        self.gate.pass().await?;
        // The batch is encoded already: nothing but IndexedDB requests is awaited inside the
        // transaction, which would otherwise commit on its own.
        let mut names = batch.stores.clone();
        names.push(schema::JOURNAL);
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(|e| StoreError::Write(idb(e)))?;
        let outcome = async {
            for (store_name, id, rev, value) in &batch.entries {
                let store = tx
                    .store(store_name)
                    .map_err(|e| StoreError::Write(idb(e)))?;
                let current = store
                    .get(JsValue::from_str(id))
                    .await
                    .map_err(|e| StoreError::Write(idb(e)))?;
                let expected = current.as_ref().map_or(0, stored_rev);
                if *rev != expected + 1 {
                    return Err(StoreError::Conflict { id: id.to_string() });
                }
                store
                    .put(value, None)
                    .await
                    .map_err(|e| StoreError::Write(idb(e)))?;
            }
            packed::note(
                &tx,
                batch
                    .entries
                    .iter()
                    .map(|(store, id, _, _)| (*store, id.as_str())),
            )
            .await
        }
        .await;
        finish(tx, outcome).await?;
        self.tabs.announce(
            batch
                .entries
                .iter()
                .map(|(store, id, _, _)| (*store, id.as_str())),
        );
        Ok(())
    }

    /// Removes records for good (emptying Trash), each from its store, in one transaction.
    pub async fn delete_forever(&self, doomed: &[(&str, String)]) -> Result<(), StoreError> {
        if doomed.is_empty() {
            return Ok(());
        }
        self.gate.pass().await?;
        let mut stores: Vec<&str> = doomed.iter().map(|(store, _)| *store).collect();
        sort_by(&mut stores, Ord::cmp);
        stores.dedup();
        stores.push(schema::JOURNAL);
        let tx = self
            .db
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(|e| StoreError::Write(idb(e)))?;
        let outcome = async {
            for (name, id) in doomed {
                tx.store(name)
                    .map_err(|e| StoreError::Write(idb(e)))?
                    .delete(JsValue::from_str(id))
                    .await
                    .map_err(|e| StoreError::Write(idb(e)))?;
            }
            packed::note(&tx, doomed.iter().map(|(store, id)| (*store, id.as_str()))).await
        }
        .await;
        finish(tx, outcome).await?;
        self.tabs
            .announce(doomed.iter().map(|(store, id)| (*store, id.as_str())));
        Ok(())
    }

    /// Calls `on_change` with what another tab wrote, each time it writes.
    pub fn on_other_tab_change(&self, on_change: impl FnMut(Vec<Change>) + 'static) {
        self.tabs.listen(on_change);
    }

    /// Reads back the records another tab changed, in one read transaction.
    pub async fn refresh(&self, changes: &[Change]) -> Result<Refresh, StoreError> {
        self.gate.pass().await?;
        let mut refresh = Refresh::default();
        for change in changes.iter().filter(|c| c.store == schema::SETTINGS) {
            match change.id.as_str() {
                schema::SETTING_PIPELINE => {
                    refresh.changed.settings.pipeline = self.setting(&change.id).await?
                }
                schema::SETTING_FORGOTTEN_DAYS => {
                    refresh.changed.settings.forgotten_days = self.setting(&change.id).await?
                }
                schema::SETTING_COMPANY => {
                    refresh.changed.settings.company = self.setting(&change.id).await?
                }
                schema::SETTING_NUMBERING => {
                    refresh.changed.settings.numbering = self.setting(&change.id).await?
                }
                schema::SETTING_CURRENCIES => {
                    refresh.changed.settings.currencies = self.setting(&change.id).await?
                }
                schema::SETTING_TARGETS => {
                    refresh.changed.settings.targets = self.setting(&change.id).await?
                }
                _ => {}
            }
        }
        let tx = self
            .db
            .transaction(&schema::RECORD_STORES, TransactionMode::ReadOnly)
            .map_err(|e| StoreError::Read(idb(e)))?;
        for change in changes {
            let Some(store_name) = schema::RECORD_STORES.iter().find(|s| **s == change.store)
            else {
                continue;
            };
            let value = tx
                .store(store_name)
                .map_err(|e| StoreError::Read(idb(e)))?
                .get(JsValue::from_str(&change.id))
                .await
                .map_err(|e| StoreError::Read(idb(e)))?;
            let Some(value) = value else {
                refresh.gone.push(change.id.clone());
                continue;
            };
            let values = [value];
            let changed = &mut refresh.changed;
            match *store_name {
                schema::TEAM => changed.team.extend(decode_all(store_name, &values, 0)?),
                schema::LEADS => changed.leads.extend(decode_all(store_name, &values, 0)?),
                schema::CUSTOMERS => changed
                    .customers
                    .extend(decode_all(store_name, &values, 0)?),
                schema::CONTACTS => changed.contacts.extend(decode_all(store_name, &values, 0)?),
                schema::ACTIVITIES => changed
                    .activities
                    .extend(decode_all(store_name, &values, 0)?),
                schema::OPPORTUNITIES => changed
                    .opportunities
                    .extend(decode_all(store_name, &values, 0)?),
                schema::PRODUCTS => changed.products.extend(decode_all(store_name, &values, 0)?),
                schema::QUOTES => changed.quotes.extend(decode_all(store_name, &values, 0)?),
                schema::ORDERS => changed.orders.extend(decode_all(store_name, &values, 0)?),
                schema::PAYMENTS => changed.payments.extend(decode_all(store_name, &values, 0)?),
                _ => changed.invoices.extend(decode_all(store_name, &values, 0)?),
            }
        }
        Ok(refresh)
    }

    /// A device setting, or none if it was never set.
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        self.gate.pass().await?;
        let tx = self
            .db
            .transaction(&[schema::SETTINGS], TransactionMode::ReadOnly)
            .map_err(|e| StoreError::Read(idb(e)))?;
        let value = tx
            .store(schema::SETTINGS)
            .map_err(|e| StoreError::Read(idb(e)))?
            .get(JsValue::from_str(key))
            .await
            .map_err(|e| StoreError::Read(idb(e)))?;
        value.map(|v| codec::decode_setting(key, v)).transpose()
    }

    pub async fn set_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let encoded = codec::encode_setting(key, value)?;
        self.gate.pass().await?;
        let tx = self
            .db
            .transaction(&[schema::SETTINGS], TransactionMode::ReadWrite)
            .map_err(|e| StoreError::Write(idb(e)))?;
        let outcome = match tx.store(schema::SETTINGS) {
            Ok(store) => store
                .put(&encoded, None)
                .await
                .map(|_| ())
                .map_err(|e| StoreError::Write(idb(e))),
            Err(e) => Err(StoreError::Write(idb(e))),
        };
        finish(tx, outcome).await?;
        self.tabs.announce([(schema::SETTINGS, key)]);
        Ok(())
    }
}

/// Every record of every kind, as `plan` says to read them.
async fn read_kinds(tx: &rexie::Transaction, plan: &Plan) -> Result<Snapshot, StoreError> {
    let ids = plan.ids(tx);
    // The kinds are read side by side, so that IndexedDB reads one kind's next values while
    // this thread decodes another's. All are read to the end even when one fails: a read given
    // up with its requests in flight leaves IndexedDB calling callbacks already dropped, which
    // the page reports as errors.
    let (
        team,
        leads,
        customers,
        contacts,
        activities,
        opportunities,
        products,
        quotes,
        orders,
        payments,
        invoices,
    ) = futures::join!(
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
        plan.read_kind(tx, &ids),
    );
    Ok(Snapshot {
        team: team?,
        leads: leads?,
        customers: customers?,
        contacts: contacts?,
        activities: activities?,
        opportunities: opportunities?,
        products: products?,
        quotes: quotes?,
        orders: orders?,
        payments: payments?,
        invoices: invoices?,
        settings: Settings::default(),
    })
}

/// Every record of one kind, Trash included, in key order, each from its own stored value.
///
/// Read and decoded [`READ_CHUNK`] records at a time: what is held at once besides the records
/// is one chunk's JS objects and JSON, not a whole store's, and a wasm memory grown for a peak
/// never shrinks again.
async fn read_all<R: Stored>(tx: &rexie::Transaction) -> Result<Vec<R>, StoreError> {
    let read = |e: rexie::Error| StoreError::Read(idb(e));
    let store = tx.store(R::STORE).map_err(read)?;
    // Sized once, rather than grown by doubling, which copies and briefly holds both.
    let count = store.count(None).await.map_err(read)?;
    let mut records = Vec::with_capacity(count as usize);
    let mut after: Option<JsValue> = None;
    loop {
        let range = after
            .map(|key| KeyRange::lower_bound(&key, Some(true)))
            .transpose()
            .map_err(|e| read(e.into()))?;
        let values = store.get_all(range, Some(READ_CHUNK)).await.map_err(read)?;
        let Some(last) = values.last() else {
            break;
        };
        after = Some(
            js_sys::Reflect::get(last, &RECORD_KEY_PATH.into())
                .map_err(|_| StoreError::Corrupt(format!("{}: a record without id", R::STORE)))?,
        );
        records.extend(decode_all(R::STORE, &values, records.len())?);
        if values.len() < READ_CHUNK as usize {
            break;
        }
    }
    Ok(records)
}

/// Commits a transaction whose requests all succeeded, or aborts it so that none of its writes
/// land (dropping it would commit what was put so far). A read's outcome is handed back once
/// committed.
async fn finish<T>(
    tx: rexie::Transaction,
    outcome: Result<T, StoreError>,
) -> Result<T, StoreError> {
    match outcome {
        Ok(value) => match tx.done().await {
            Ok(result) if result.is_committed() => Ok(value),
            Ok(_) => Err(StoreError::Write("the transaction was aborted".into())),
            Err(e) => Err(StoreError::Write(idb(e))),
        },
        Err(error) => {
            // The transaction may already have aborted itself after a failed request.
            let _ = tx.abort().await;
            Err(error)
        }
    }
}
