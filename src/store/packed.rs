//! A quick start: every record is kept twice, in its own store and packed a few thousand to a
//! stored value.
//!
//! IndexedDB spends a start on the number of values it reads more than on their size: with the
//! benchmark's M data, reading 430,000 records one stored value each took most of 8 seconds. So
//! the packed copy holds each kind's records as values of [`PART`] records each, and every write
//! also notes the records it wrote in the journal, in the same transaction. A start reads the
//! packed copy, then the records the journal names, from their own stores.
//!
//! A packed value is bytes in the records' compact form (postcard, fields in order, see
//! `domain::record::record_serde`), not JSON: decoding JSON was most of a start's time, a third
//! of it spent buffering the fields of flattened records. Ids are numbers there: the copy keeps
//! each distinct id once, in parts of its own, read while the records' first parts are asked
//! for (`domain::id::IdNumbers`).
//!
//! Packing writes what the app holds and drops the journal up to the entry its copy covers. That
//! is sound because what the app holds changes only after a write has committed (and so was
//! journaled), or by reading the stores: each record in it is as the stores had it at the load
//! (journal entry `upto`), or a later version that a later entry names. A restore notes one
//! entry for everything instead of one per record: the packed copy is not used until the next
//! pack, and a pack of what was held before the restore is refused.

use crate::domain::sorting::sort_by;
use std::collections::{BTreeMap, HashSet};
use std::future::{ready, Future};
use std::rc::Rc;

use futures::future::{join_all, maybe_done, LocalBoxFuture, Shared};
use futures::FutureExt;
use rexie::{KeyRange, Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::{decode_all, encode};
use super::error::idb;
use super::restore::EVERYTHING;
use super::schema::{JOURNAL, PACKED, RECORD_STORES};
use super::{finish, Store, StoreError, Stored};
use crate::domain::id::{reading, Id, IdNumbers};
use crate::domain::record::merge_by_id;

/// The version of the records' compact form the packed copy is written in. Its bytes carry no
/// field names, so a change to any record's fields must raise it: a start passes over a packed
/// copy of another version, reads every record's own value, and packs again. Version 1 was JSON;
/// 2 kept amounts inside lines as text; 3 wrote each id as its text wherever it was named.
const FORMAT: u32 = 4;

/// Records to a packed value: 0.4 to 1.7 MB with M, few values for a quick read, and little
/// held in memory besides the records while one is decoded. A start over M reads 97 values (ids
/// included) instead of 227 with 2,000 to a value, and draws the dashboard about 90 ms sooner
/// (5%), for 0.7 MB more memory after it; 10,000 was no quicker and held 3.5 MB more.
const PART: usize = 5_000;
/// Ids to a packed value, 37 to 42 bytes each: about 2 MB, more than a part of records, since
/// they are read one value after another while every kind waits for them.
const ID_PART: usize = 50_000;
/// Where the packed copy keeps its ids; no store of records has this name.
const IDS: &str = "ids";
/// Fewer records than this read in a fraction of a second one value each: packing them would
/// only add writes.
const PACK_FROM: usize = 10_000;
/// Each journal entry is one more value read at the start; past this many the records are
/// packed again.
const PACK_AFTER_WRITES: usize = 1_000;

const INDEX_KEY: &str = "index";

/// What the packed copy holds: each kind's parts and records, the parts and count of the ids
/// they name, and the last journal entry its records include.
#[derive(Serialize, Deserialize)]
struct Index {
    #[serde(default = "first_format")]
    format: u32,
    upto: u64,
    kinds: BTreeMap<String, Kind>,
    #[serde(default)]
    ids: Kind,
}

#[derive(Clone, Copy, Default, Serialize, Deserialize)]
struct Kind {
    parts: u32,
    records: u32,
}

fn first_format() -> u32 {
    1
}

fn part_key(store: &str, n: u32) -> JsValue {
    JsValue::from_str(&format!("{store}/{n}"))
}

/// A record written, as the journal keeps it.
#[derive(Deserialize)]
struct Entry {
    seq: u64,
    store: String,
    id: String,
}

#[derive(Serialize)]
struct Note<'a> {
    store: &'a str,
    id: &'a str,
}

/// Notes in the journal which records (store, id) a transaction writes.
pub(super) async fn note<'a>(
    tx: &Transaction,
    written: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<(), StoreError> {
    let write = |e| StoreError::Write(idb(e));
    let notes = written
        .into_iter()
        .map(|(store, id)| encode(&Note { store, id }).map(|note| (note, None)))
        .collect::<Result<Vec<_>, _>>()?;
    tx.store(JOURNAL)
        .map_err(write)?
        .add_all(notes.into_iter())
        .await
        .map_err(write)
}

/// Notes that everything changed (a restore): the packed copy is not to be used. Returns the
/// note's place in the journal.
pub(super) async fn note_everything(tx: &Transaction) -> Result<u64, StoreError> {
    let write = |e| StoreError::Write(idb(e));
    tx.store(PACKED)
        .map_err(write)?
        .clear()
        .await
        .map_err(write)?;
    let note = encode(&Note {
        store: EVERYTHING,
        id: EVERYTHING,
    })?;
    let seq = tx
        .store(JOURNAL)
        .map_err(write)?
        .add(&note, None)
        .await
        .map_err(write)?;
    seq.as_f64()
        .map(|seq| seq as u64)
        .ok_or_else(|| StoreError::Corrupt("the journal's key is not a number".into()))
}

/// Where a load stood: up to which journal entry it read, and whether its records are worth
/// packing now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    upto: u64,
    journal: usize,
    packed: bool,
    records: usize,
}

impl Mark {
    /// Whether the load read the packed copy (rather than every record's own value).
    pub fn packed(&self) -> bool {
        self.packed
    }

    pub fn wants_pack(&self) -> bool {
        self.journal >= PACK_AFTER_WRITES || (!self.packed && self.records >= PACK_FROM)
    }

    /// Where a restore of `records` records leaves what it wrote, held as written: the journal
    /// read up to the restore's note (`upto`), nothing packed.
    pub(super) fn restored(upto: u64, records: usize) -> Mark {
        Mark {
            upto,
            journal: 0,
            packed: false,
            records,
        }
    }

    /// The same point, once packed.
    pub fn after_pack(self) -> Mark {
        Mark {
            journal: 0,
            packed: true,
            ..self
        }
    }
}

/// What a load reads: the packed copy, when it can be used, and the journal since it.
pub(super) struct Plan {
    index: Option<Index>,
    journal: Vec<Entry>,
    upto: u64,
}

/// The packed copy's ids, by number: read once, and awaited by each kind's reader once it has
/// asked for its first part, so that IndexedDB reads those while the ids are decoded.
pub(super) type Ids<'a> = Shared<LocalBoxFuture<'a, Result<Rc<[Id]>, StoreError>>>;

impl Plan {
    pub(super) async fn read(tx: &Transaction, use_packed: bool) -> Result<Plan, StoreError> {
        let read = |e| StoreError::Read(idb(e));
        let index = tx
            .store(PACKED)
            .map_err(read)?
            .get(JsValue::from_str(INDEX_KEY))
            .await
            .map_err(read)?
            .map(decode_index)
            .transpose()?;
        let entries = tx
            .store(JOURNAL)
            .map_err(read)?
            .get_all(None, None)
            .await
            .map_err(read)?;
        let journal: Vec<Entry> = decode_all(JOURNAL, &entries, 0)?;
        let upto = journal
            .iter()
            .map(|e| e.seq)
            .max()
            .or(index.as_ref().map(|i| i.upto))
            .unwrap_or(0);
        let restored = journal.iter().any(|e| e.store == EVERYTHING);
        Ok(Plan {
            index: index.filter(|i| use_packed && !restored && i.format == FORMAT),
            journal,
            upto,
        })
    }

    /// The ids the packed records name by number.
    pub(super) fn ids<'a>(&'a self, tx: &'a Transaction) -> Ids<'a> {
        let kind = self.index.as_ref().map(|i| i.ids).unwrap_or_default();
        let read = read_parts(tx, IDS, kind, ready(Ok(())), |(), bytes| {
            postcard::take_from_bytes::<Vec<&str>>(bytes)
                .map(|(ids, rest)| (ids.into_iter().map(Id::from).collect(), rest.len()))
        });
        async move {
            let ids = read.await?;
            if ids.len() != kind.records as usize {
                let count = format!("{} of {}", ids.len(), kind.records);
                return Err(StoreError::Corrupt(format!("{IDS}: {count}")));
            }
            Ok(Rc::from(ids))
        }
        .boxed_local()
        .shared()
    }

    pub(super) fn uses_packed(&self) -> bool {
        self.index.is_some()
    }

    pub(super) fn mark(&self, records: usize) -> Mark {
        Mark {
            upto: self.upto,
            journal: self.journal.len(),
            packed: self.uses_packed(),
            records,
        }
    }

    /// Every record of one kind, in key order, as the stores hold them now.
    pub(super) async fn read_kind<R: Stored>(
        &self,
        tx: &Transaction,
        ids: &Ids<'_>,
    ) -> Result<Vec<R>, StoreError> {
        let mut records: Vec<R> = match &self.index {
            Some(index) => {
                let kind = index.kinds.get(R::STORE).copied().unwrap_or_default();
                let mut records = read_parts(tx, R::STORE, kind, ids.clone(), |ids, bytes| {
                    reading(ids, || postcard::take_from_bytes::<Vec<R>>(bytes))
                        .map(|(part, rest)| (part, rest.len()))
                })
                .await?;
                self.overlay(tx, &mut records).await?;
                records
            }
            None => super::read_all(tx).await?,
        };
        // Packed records keep the order they were held in, with records added since at the end.
        if !records.is_sorted_by(|a, b| a.id() <= b.id()) {
            sort_by(&mut records, |a, b| a.id().cmp(b.id()));
        }
        Ok(records)
    }

    /// Brings packed records up to date with the records the journal names.
    async fn overlay<R: Stored>(
        &self,
        tx: &Transaction,
        records: &mut Vec<R>,
    ) -> Result<(), StoreError> {
        let read = |e| StoreError::Read(idb(e));
        // A record written many times since the pack is read once.
        let named: Vec<&str> = self
            .journal
            .iter()
            .filter(|e| e.store == R::STORE)
            .map(|e| e.id.as_str())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if named.is_empty() {
            return Ok(());
        }
        let store = tx.store(R::STORE).map_err(read)?;
        // Asked for all at once: one after another, each waits a round trip to IndexedDB, up to
        // a thousand of them at a start.
        let values = join_all(named.iter().map(|id| store.get(JsValue::from_str(id)))).await;
        let mut found = Vec::new();
        let mut gone = HashSet::new();
        for (&id, value) in named.iter().zip(values) {
            match value.map_err(read)? {
                Some(value) => found.push(value),
                None => {
                    gone.insert(id);
                }
            }
        }
        merge_by_id(records, decode_all(R::STORE, &found, 0)?, &gone);
        Ok(())
    }
}

fn decode_index(value: JsValue) -> Result<Index, StoreError> {
    decode_all(PACKED, &[value], 0)?
        .pop()
        .ok_or_else(|| StoreError::Corrupt(format!("{PACKED}: no index")))
}

/// The values of one name's parts, each decoded by `decode`, given what `ready` gives, into its
/// values and the count of bytes it left. The first part is asked for before `ready` is awaited.
async fn read_parts<C, T>(
    tx: &Transaction,
    name: &str,
    kind: Kind,
    ready: impl Future<Output = Result<C, StoreError>>,
    decode: impl Fn(&C, &[u8]) -> Result<(Vec<T>, usize), postcard::Error>,
) -> Result<Vec<T>, StoreError> {
    if kind.parts == 0 {
        return Ok(Vec::new());
    }
    let store = tx.store(PACKED).map_err(|e| StoreError::Read(idb(e)))?;
    let fault = |n: u32, what: String| StoreError::Corrupt(format!("{name} part {n}: {what}"));
    let read = |n: u32| {
        let got = store.get(part_key(name, n));
        async move {
            got.await
                .map_err(|e| StoreError::Read(idb(e)))?
                .ok_or_else(|| fault(n, "missing".into()))?
                .dyn_into::<js_sys::Uint8Array>()
                .map_err(|_| fault(n, "not bytes".into()))
        }
    };
    let mut records = Vec::with_capacity(kind.records as usize);
    let mut next = Box::pin(maybe_done(read(0)));
    let _ = futures::poll!(next.as_mut());
    let context = match ready.await {
        Ok(context) => context,
        Err(error) => {
            // Let the part asked for finish, as below.
            next.as_mut().await;
            return Err(error);
        }
    };
    for n in 0..kind.parts {
        next.as_mut().await;
        let bytes = next
            .as_mut()
            .take_output()
            .ok_or_else(|| fault(n, "read twice".into()))??;
        // The next part is asked for before this one is decoded, so that IndexedDB reads it
        // while this thread decodes.
        next = Box::pin(maybe_done(read(n + 1)));
        if n + 1 < kind.parts {
            let _ = futures::poll!(next.as_mut());
        }
        let bytes = bytes.to_vec();
        let part = match decode(&context, &bytes) {
            Ok((part, 0)) => Ok(part),
            Ok((_, rest)) => Err(fault(n, format!("{rest} bytes left over"))),
            Err(e) => Err(fault(n, e.to_string())),
        };
        match part {
            Ok(part) => records.extend(part),
            Err(error) => {
                // The next part's request is let finish: dropped in flight, its callback would
                // be called after it is gone.
                next.as_mut().await;
                return Err(error);
            }
        }
    }
    Ok(records)
}

/// One kind's records as packed values, ready for [`Store::pack`].
pub struct Parts {
    values: Vec<JsValue>,
    records: usize,
}

impl Parts {
    /// `records` in parts, their ids written as numbers in `ids`.
    pub fn of<R: Serialize>(records: &[R], ids: &mut IdNumbers) -> Result<Parts, StoreError> {
        let values = ids.writing(|| {
            records
                .chunks(PART)
                .map(|part| bytes_value(postcard::to_allocvec(part)))
                .collect::<Result<_, _>>()
        })?;
        Ok(Parts {
            values,
            records: records.len(),
        })
    }

    fn ids(ids: &[Id]) -> Result<Parts, StoreError> {
        let values = ids
            .chunks(ID_PART)
            .map(|part| bytes_value(id_table(part)))
            .collect::<Result<_, _>>()?;
        Ok(Parts {
            values,
            records: ids.len(),
        })
    }
}

/// Ids as their texts, in the order of their numbers.
fn id_table(ids: &[Id]) -> Result<Vec<u8>, postcard::Error> {
    let texts: Vec<&str> = ids.iter().map(Id::as_str).collect();
    postcard::to_allocvec(&texts)
}

fn bytes_value(bytes: Result<Vec<u8>, postcard::Error>) -> Result<JsValue, StoreError> {
    bytes
        .map(|bytes| js_sys::Uint8Array::from(bytes.as_slice()).into())
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl Store {
    /// Packs the records the app holds, as loaded at `mark` and changed since, taking each
    /// kind's from `parts(store, ids)` inside the transaction, its ids numbered in `ids`. Does
    /// nothing, and says so with `false`, when a pack at least as recent is stored, or a restore
    /// came after `mark`.
    pub async fn pack(
        &self,
        mark: &Mark,
        mut parts: impl FnMut(&'static str, &mut IdNumbers) -> Result<Parts, StoreError>,
    ) -> Result<bool, StoreError> {
        self.gate.pass().await?;
        let write = |e| StoreError::Write(idb(e));
        let tx = self
            .db
            .transaction(&[PACKED, JOURNAL], TransactionMode::ReadWrite)
            .map_err(write)?;
        let upto = JsValue::from_f64(mark.upto as f64);
        let outcome = async {
            let packed = tx.store(PACKED).map_err(write)?;
            let journal = tx.store(JOURNAL).map_err(write)?;
            if let Some(index) = packed
                .get(JsValue::from_str(INDEX_KEY))
                .await
                .map_err(write)?
            {
                let stored = decode_index(index)?;
                if stored.format == FORMAT && stored.upto >= mark.upto {
                    return Ok(false);
                }
            }
            let since = KeyRange::lower_bound(&upto, Some(true)).map_err(|e| write(e.into()))?;
            let later: Vec<Entry> = decode_all(
                JOURNAL,
                &journal.get_all(Some(since), None).await.map_err(write)?,
                0,
            )?;
            if later.iter().any(|e| e.store == EVERYTHING) {
                return Ok(false);
            }
            packed.clear().await.map_err(write)?;
            let put = |name: &'static str, Parts { values, records }| {
                let kind = Kind {
                    parts: values.len() as u32,
                    records: records as u32,
                };
                let keyed = values
                    .into_iter()
                    .zip(0..)
                    .map(move |(value, n)| (value, Some(part_key(name, n))));
                let done = packed.put_all(keyed);
                async move { done.await.map(|()| kind).map_err(write) }
            };
            let mut ids = IdNumbers::default();
            let mut kinds = BTreeMap::new();
            for name in RECORD_STORES {
                let kind = put(name, parts(name, &mut ids)?).await?;
                kinds.insert(name.to_owned(), kind);
            }
            let ids = put(IDS, Parts::ids(ids.ids())?).await?;
            let index = encode(&Index {
                format: FORMAT,
                upto: mark.upto,
                kinds,
                ids,
            })?;
            packed
                .put(&index, Some(&JsValue::from_str(INDEX_KEY)))
                .await
                .map_err(write)?;
            let covered = KeyRange::upper_bound(&upto, Some(false)).map_err(|e| write(e.into()))?;
            journal.delete(covered.into()).await.map_err(write)?;
            Ok(true)
        }
        .await;
        finish(tx, outcome).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(journal: usize, packed: bool, records: usize) -> Mark {
        Mark {
            upto: 7,
            journal,
            packed,
            records,
        }
    }

    /// A number for the compact form of every kind of the demo's records. Postcard writes every
    /// field, in order, without its name, so it changes when any record's fields change.
    fn shape() -> u64 {
        use crate::demo::{generate, DemoSize};
        let data = generate(DemoSize::Demo, crate::i18n::Lang::ZhCn, "2026-11-24");
        let mut ids = IdNumbers::default();
        let mut bytes = ids.writing(|| {
            vec![
                postcard::to_allocvec(&data.team),
                postcard::to_allocvec(&data.leads),
                postcard::to_allocvec(&data.customers),
                postcard::to_allocvec(&data.contacts),
                postcard::to_allocvec(&data.activities),
                postcard::to_allocvec(&data.opportunities),
                postcard::to_allocvec(&data.products),
                postcard::to_allocvec(&data.quotes),
                postcard::to_allocvec(&data.orders),
                postcard::to_allocvec(&data.payments),
                postcard::to_allocvec(&data.invoices),
            ]
        });
        bytes.push(id_table(ids.ids()));
        // FNV-1a: the same number on every toolchain, unlike the standard library's hasher.
        bytes
            .iter()
            .flat_map(|kind| kind.as_ref().unwrap())
            .fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
            })
    }

    #[test]
    fn the_packed_copys_form_changes_only_with_its_version() {
        let now = (FORMAT, shape());
        assert_eq!(
            now,
            (4, 0x570f_fda4_49d4_82f5),
            "the records' compact form changed. If a record's fields, or how one is written, \
             changed, raise FORMAT, or packed copies already stored would be read wrongly; if \
             only the demo data changed, FORMAT can stay. Then set the expected value here to \
             ({}, {:#x})",
            now.0,
            now.1
        );
    }

    #[test]
    fn a_large_unpacked_database_is_packed_and_a_small_one_is_not() {
        assert!(mark(0, false, PACK_FROM).wants_pack());
        assert!(!mark(0, false, PACK_FROM - 1).wants_pack());
    }

    #[test]
    fn a_packed_database_is_packed_again_after_many_writes() {
        assert!(!mark(PACK_AFTER_WRITES - 1, true, 500_000).wants_pack());
        assert!(mark(PACK_AFTER_WRITES, true, 500_000).wants_pack());
        assert!(mark(PACK_AFTER_WRITES, false, 10).wants_pack());
        assert!(!mark(PACK_AFTER_WRITES, true, 500_000)
            .after_pack()
            .wants_pack());
    }
}
