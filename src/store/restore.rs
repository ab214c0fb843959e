//! Writing a whole dataset at once (a restored backup, a merged one, demo data), so that a
//! closed tab, a crash or a refused write leaves all of the old data or all of the new, never a
//! mix.
//!
//! The dataset is first written whole, in one transaction, to the `staged` store: the JSON of
//! its records, [`STAGED_PART`] to a value, and a plan (the mode and the settings). That
//! transaction is the restore's commit point. The records then go to their own stores in
//! transactions of at most [`APPLY_BYTES`] of JSON each, the last of a staged value deleting
//! it, and the settings go with the plan's deletion in the last transaction. Every open of the
//! database finishes a staged restore before anything is read (`Store::open`), and in a page
//! that staged one every read and write waits at the store's gate until it is written
//! (`gate.rs`), so the app never reads a restore half written, nor writes among it. A page
//! that restores with Replace holds the dataset already and shows it as soon as it is staged,
//! while its records are written behind it: with the benchmark's M data it is shown after
//! 4.5 s, and the records are all in their own stores after 24 s.
//!
//! Why not one transaction over the records' own stores: Chromium keeps an undo log, one entry
//! per record, for a transaction that writes more than 1 MB to its LevelDB, and deletes it once
//! the transaction has committed. Those deletions stay in LevelDB until a compaction happens to
//! reach them, and the first open of the database in every later browser session walks over
//! them: after the benchmark's M data (430,000 records) was written in one transaction, that
//! open took 0.6 to 1 s, session after session; written 1,000 records to a transaction, 40 to
//! 170 ms. A staged value, being over 64 KB, is kept in a file beside LevelDB, so the commit
//! transaction writes little to LevelDB itself.

use js_sys::{Array, JsString};
use rexie::{Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::{decode_all, encode, parse, setting_json};
use super::error::idb;
use super::gate::UNFINISHED;
use super::{finish, schema, Mark, Store, StoreError};
use crate::domain::dataset::{Dataset, Settings};

/// What a restore does with the records already on the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreMode {
    /// Everything on the device is replaced by the dataset.
    Replace,
    /// The dataset's records and settings are written over the device's; nothing else changes.
    Merge,
}

/// Records to a staged value: a few megabytes of JSON, so few values to write and read back.
const STAGED_PART: usize = 5_000;

/// Staged parts handed to IndexedDB between two turns of the page (to draw the progress bar).
const STAGED_AT_ONCE: usize = 8;

/// JSON of records written to their own stores in one transaction: under the 1 MB that
/// Chromium writes to LevelDB in one batch, past which it keeps an undo log (see above).
const APPLY_BYTES: usize = 512 * 1024;

/// Writing a record to the staged store takes about a tenth of the time of writing it to its
/// own store, and the progress shown counts it so.
const STAGING_SHARE: usize = 10;

/// The store meaning "everything changed" in an announcement to other tabs.
pub const EVERYTHING: &str = "*";

/// Where the staged store keeps the plan; the staged parts' keys are `<store>/<n>`.
const PLAN_KEY: &str = "plan";

/// The settings a backup carries; `data_version` belongs to this build and is never replaced.
const BACKED_UP_SETTINGS: [&str; 7] = [
    schema::SETTING_ME,
    schema::SETTING_FORGOTTEN_DAYS,
    schema::SETTING_PIPELINE,
    schema::SETTING_COMPANY,
    schema::SETTING_NUMBERING,
    schema::SETTING_CURRENCIES,
    schema::SETTING_TARGETS,
];

/// What is left to do of a staged restore besides its records.
#[derive(Serialize, Deserialize)]
struct Plan {
    replace: bool,
    /// Whether the records and settings being replaced are gone already.
    cleared: bool,
    /// The settings' stored values, as JSON text: the same code as when a setting is saved,
    /// where a JSON value of each kind of setting would be code of its own.
    settings: Vec<String>,
}

fn write_error(error: rexie::Error) -> StoreError {
    StoreError::Write(idb(error))
}

fn settings_json(settings: &Settings) -> Result<Vec<String>, StoreError> {
    let mut json = Vec::new();
    if let Some(me) = &settings.me {
        json.push(setting_json(schema::SETTING_ME, me)?);
    }
    if let Some(days) = &settings.forgotten_days {
        json.push(setting_json(schema::SETTING_FORGOTTEN_DAYS, days)?);
    }
    if let Some(pipeline) = &settings.pipeline {
        json.push(setting_json(schema::SETTING_PIPELINE, pipeline)?);
    }
    if let Some(company) = &settings.company {
        json.push(setting_json(schema::SETTING_COMPANY, company)?);
    }
    if let Some(numbering) = &settings.numbering {
        json.push(setting_json(schema::SETTING_NUMBERING, numbering)?);
    }
    if let Some(currencies) = &settings.currencies {
        json.push(setting_json(schema::SETTING_CURRENCIES, currencies)?);
    }
    if let Some(targets) = &settings.targets {
        json.push(setting_json(schema::SETTING_TARGETS, targets)?);
    }
    Ok(json)
}

/// The record store a staged part's key names, as one of the schema's own names.
fn part_store(key: &str) -> Option<&'static str> {
    let (name, n) = key.split_once('/')?;
    n.parse::<u32>().ok()?;
    schema::RECORD_STORES.into_iter().find(|s| *s == name)
}

async fn stage_section<R: Serialize>(
    staged: &rexie::Store,
    name: &str,
    records: &[R],
    done: &mut usize,
    progress: &dyn Fn(usize),
) -> Result<(), StoreError> {
    let parts: Vec<(usize, &[R])> = records.chunks(STAGED_PART).enumerate().collect();
    for group in parts.chunks(STAGED_AT_ONCE) {
        let mut failed = None;
        // Encoded as they are asked for: IndexedDB writes one part while the next is encoded.
        let values = group
            .iter()
            .map_while(|(n, part)| match serde_json::to_string(part) {
                Ok(json) => Some((
                    JsValue::from_str(&json),
                    Some(JsValue::from_str(&format!("{name}/{n}"))),
                )),
                Err(e) => {
                    failed = Some(e);
                    None
                }
            });
        staged.put_all(values).await.map_err(write_error)?;
        if let Some(e) = failed {
            return Err(StoreError::Corrupt(e.to_string()));
        }
        *done += group.iter().map(|(_, part)| part.len()).sum::<usize>();
        progress(*done);
    }
    Ok(())
}

async fn read_plan(tx: &Transaction) -> Result<Option<Plan>, StoreError> {
    let value = tx
        .store(schema::STAGED)
        .map_err(write_error)?
        .get(JsValue::from_str(PLAN_KEY))
        .await
        .map_err(write_error)?;
    match value {
        Some(value) => Ok(decode_all(schema::STAGED, &[value], 0)?.pop()),
        None => Ok(None),
    }
}

impl Store {
    /// Writes `data` (see the module's comment) until every record is in its own store,
    /// calling `progress(done, total)` as it goes. Records are written as they are, `rev`
    /// included: they are copies of records as another device or an earlier day had them. The
    /// mark says where the journal stood after the restore, for a pack of `data` held as written.
    pub async fn restore(
        &self,
        data: &Dataset,
        mode: RestoreMode,
        progress: impl Fn(usize, usize),
    ) -> Result<Mark, StoreError> {
        let total = crate::backup::format::Counts::of(data).total() as usize;
        let share = |staged: usize, written: usize| {
            (staged + written * (STAGING_SHARE - 1)) / STAGING_SHARE
        };
        let mark = self
            .stage_restore(data, mode, &|done| progress(share(done, 0), total))
            .await?;
        self.finish_restore(&|done| progress(share(total, done), total))
            .await?;
        Ok(mark)
    }

    /// The restore's commit point: `data` staged, in one transaction, `progress(done)` called
    /// with the records staged. From then on every read and write of this store waits until
    /// [`Store::finish_restore`] has put the records in their own stores (or, if the page is
    /// closed first, the next open does), while the caller may show `data` as it is: the mark
    /// returned is for a pack of it.
    pub async fn stage_restore(
        &self,
        data: &Dataset,
        mode: RestoreMode,
        progress: &dyn Fn(usize),
    ) -> Result<Mark, StoreError> {
        self.gate.pass().await?;
        let total = crate::backup::format::Counts::of(data).total() as usize;
        let plan = encode(&Plan {
            replace: mode == RestoreMode::Replace,
            cleared: false,
            settings: settings_json(&data.settings)?,
        })?;
        let names = [schema::STAGED, schema::PACKED, schema::JOURNAL];
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(write_error)?;
        let outcome = async {
            if read_plan(&tx).await?.is_some() {
                return Err(StoreError::Write(UNFINISHED.into()));
            }
            let upto = super::packed::note_everything(&tx).await?;
            let staged = tx.store(schema::STAGED).map_err(write_error)?;
            staged.clear().await.map_err(write_error)?;
            let mut done = 0;
            let (d, p) = (&mut done, progress);
            stage_section(&staged, schema::TEAM, &data.team, d, p).await?;
            stage_section(&staged, schema::LEADS, &data.leads, d, p).await?;
            stage_section(&staged, schema::CUSTOMERS, &data.customers, d, p).await?;
            stage_section(&staged, schema::CONTACTS, &data.contacts, d, p).await?;
            stage_section(&staged, schema::ACTIVITIES, &data.activities, d, p).await?;
            let opportunities = &data.opportunities;
            stage_section(&staged, schema::OPPORTUNITIES, opportunities, d, p).await?;
            stage_section(&staged, schema::PRODUCTS, &data.products, d, p).await?;
            stage_section(&staged, schema::QUOTES, &data.quotes, d, p).await?;
            stage_section(&staged, schema::ORDERS, &data.orders, d, p).await?;
            stage_section(&staged, schema::PAYMENTS, &data.payments, d, p).await?;
            stage_section(&staged, schema::INVOICES, &data.invoices, d, p).await?;
            staged
                .put(&plan, Some(&JsValue::from_str(PLAN_KEY)))
                .await
                .map_err(write_error)?;
            Ok(upto)
        }
        .await;
        let upto = finish(tx, outcome).await?;
        self.gate.close();
        Ok(Mark::restored(upto, total))
    }

    /// Writes a staged restore's records to their own stores, calling `progress(done)` with
    /// the records written, and lets the reads and writes waiting for it go on (to fail, if
    /// this did); nothing when no restore is staged. Two tabs may do this at once (a tab opened
    /// while another writes): each step checks, in its own transaction, that the other has not
    /// done it.
    pub async fn finish_restore(&self, progress: &dyn Fn(usize)) -> Result<(), StoreError> {
        let outcome = self.write_staged(progress).await;
        self.gate.open(outcome.is_ok());
        outcome
    }

    async fn write_staged(&self, progress: &dyn Fn(usize)) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[schema::STAGED], TransactionMode::ReadOnly)
            .map_err(write_error)?;
        let outcome = async {
            let keys = tx
                .store(schema::STAGED)
                .map_err(write_error)?
                .get_all_keys(None, None)
                .await
                .map_err(write_error)?;
            Ok((read_plan(&tx).await?, keys))
        }
        .await;
        let (plan, keys) = finish(tx, outcome).await?;
        let Some(plan) = plan else {
            return Ok(());
        };
        if plan.replace && !plan.cleared {
            self.clear_replaced().await?;
        }
        let mut done = 0;
        for key in keys.iter().filter_map(JsValue::as_string) {
            if key == PLAN_KEY {
                continue;
            }
            let store = part_store(&key)
                .ok_or_else(|| StoreError::Corrupt(format!("staged: no store for {key}")))?;
            done += self.apply_part(store, &key).await?;
            progress(done);
        }
        self.apply_settings().await?;
        self.tabs.announce([(EVERYTHING, EVERYTHING)]);
        Ok(())
    }

    /// Empties the record stores and the backed-up settings for a Replace, once.
    async fn clear_replaced(&self) -> Result<(), StoreError> {
        let mut names: Vec<&str> = schema::RECORD_STORES.to_vec();
        names.extend([schema::SETTINGS, schema::STAGED]);
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(write_error)?;
        let outcome = async {
            let Some(mut plan) = read_plan(&tx).await? else {
                return Ok(());
            };
            if plan.cleared {
                return Ok(());
            }
            for name in schema::RECORD_STORES {
                tx.store(name)
                    .map_err(write_error)?
                    .clear()
                    .await
                    .map_err(write_error)?;
            }
            let settings = tx.store(schema::SETTINGS).map_err(write_error)?;
            for key in BACKED_UP_SETTINGS {
                settings
                    .delete(JsValue::from_str(key))
                    .await
                    .map_err(write_error)?;
            }
            plan.cleared = true;
            tx.store(schema::STAGED)
                .map_err(write_error)?
                .put(&encode(&plan)?, Some(&JsValue::from_str(PLAN_KEY)))
                .await
                .map(|_| ())
                .map_err(write_error)
        }
        .await;
        finish(tx, outcome).await
    }

    /// Writes one staged part's records to `store`, in transactions of at most
    /// [`APPLY_BYTES`] each, the last deleting the part; the number of records written.
    async fn apply_part(&self, store: &str, key: &str) -> Result<usize, StoreError> {
        let Some((records, bytes)) = self.read_part(key).await? else {
            // Another tab wrote this part meanwhile.
            return Ok(0);
        };
        let count = records.length() as usize;
        let per_transaction = (count * APPLY_BYTES / bytes.max(1)).max(1);
        let names = [store, schema::STAGED];
        // One transaction after another: Chromium writes a few queued on the same store at
        // once half again slower than the same written in turn.
        for start in (0..count.max(1)).step_by(per_transaction) {
            let end = (start + per_transaction).min(count);
            let tx = self
                .db
                .transaction(&names, TransactionMode::ReadWrite)
                .map_err(write_error)?;
            let outcome = async {
                let values = records.slice(start as u32, end as u32);
                tx.store(store)
                    .map_err(write_error)?
                    .put_all(values.iter().map(|value| (value, None)))
                    .await
                    .map_err(write_error)?;
                if end == count {
                    tx.store(schema::STAGED)
                        .map_err(write_error)?
                        .delete(JsValue::from_str(key))
                        .await
                        .map_err(write_error)?;
                }
                Ok(())
            }
            .await;
            finish(tx, outcome).await?;
        }
        Ok(count)
    }

    /// A staged part's records and the length of their JSON; `None` once it is gone.
    async fn read_part(&self, key: &str) -> Result<Option<(Array, usize)>, StoreError> {
        let tx = self
            .db
            .transaction(&[schema::STAGED], TransactionMode::ReadOnly)
            .map_err(write_error)?;
        let outcome = async {
            let value = tx
                .store(schema::STAGED)
                .map_err(write_error)?
                .get(JsValue::from_str(key))
                .await
                .map_err(write_error)?;
            let Some(value) = value else {
                return Ok(None);
            };
            let text: JsString = value
                .dyn_into()
                .map_err(|_| StoreError::Corrupt(format!("staged {key}: not text")))?;
            let records: Array = parse(&text)?
                .dyn_into()
                .map_err(|_| StoreError::Corrupt(format!("staged {key}: not a list")))?;
            Ok(Some((records, text.length() as usize)))
        }
        .await;
        finish(tx, outcome).await
    }

    /// The last step: the staged settings written and the plan deleted, together; left to
    /// whoever finishes the rest while a staged part is still there (a later restore's, staged
    /// after this finisher listed the parts).
    async fn apply_settings(&self) -> Result<(), StoreError> {
        let names = [schema::SETTINGS, schema::STAGED];
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(write_error)?;
        let outcome = async {
            let Some(plan) = read_plan(&tx).await? else {
                return Ok(());
            };
            let staged = tx.store(schema::STAGED).map_err(write_error)?;
            if staged.count(None).await.map_err(write_error)? > 1 {
                return Ok(());
            }
            let settings = plan
                .settings
                .iter()
                .map(|text| parse(&JsString::from(text.as_str())))
                .collect::<Result<Vec<_>, _>>()?;
            tx.store(schema::SETTINGS)
                .map_err(write_error)?
                .put_all(settings.into_iter().map(|value| (value, None)))
                .await
                .map_err(write_error)?;
            staged
                .delete(JsValue::from_str(PLAN_KEY))
                .await
                .map_err(write_error)
        }
        .await;
        finish(tx, outcome).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_part_names_a_record_store_and_a_number() {
        assert_eq!(part_store("leads/0"), Some(schema::LEADS));
        assert_eq!(part_store("activities/12"), Some(schema::ACTIVITIES));
        assert_eq!(part_store("settings/0"), None);
        assert_eq!(part_store("leads/x"), None);
        assert_eq!(part_store("leads"), None);
        assert_eq!(part_store(PLAN_KEY), None);
    }
}
