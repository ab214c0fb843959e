//! Writing a whole dataset at once (a restored backup, a merged one, demo data): one transaction
//! over every store, so that a closed tab, a crash or a refused write leaves all of the old data
//! or all of the new, never a mix.

use rexie::TransactionMode;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::codec::{encode, encode_setting};
use super::error::idb;
use super::{finish, schema, Store, StoreError};
use crate::domain::dataset::{Dataset, Settings};

/// What a restore does with the records already on the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreMode {
    /// Everything on the device is replaced by the dataset.
    Replace,
    /// The dataset's records and settings are written over the device's; nothing else changes.
    Merge,
}

/// Records are encoded and written this many at a time; between batches the page gets a turn
/// to draw the progress bar, while the transaction stays open on its pending requests.
const BATCH: usize = 2_000;

/// The store meaning "everything changed" in an announcement to other tabs.
pub const EVERYTHING: &str = "*";

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

fn write_error(error: rexie::Error) -> StoreError {
    StoreError::Write(idb(error))
}

async fn put_section<R: Serialize>(
    tx: &rexie::Transaction,
    name: &str,
    records: &[R],
    done: &mut usize,
    total: usize,
    progress: &impl Fn(usize, usize),
) -> Result<(), StoreError> {
    let store = tx.store(name).map_err(write_error)?;
    for batch in records.chunks(BATCH) {
        // One JSON text per batch parsed once by the browser is far faster than one per record.
        let array: js_sys::Array = encode(&batch)?.into();
        store
            .put_all(array.iter().map(|value| (value, None)))
            .await
            .map_err(write_error)?;
        *done += batch.len();
        progress(*done, total);
    }
    Ok(())
}

fn encode_settings(settings: &Settings) -> Result<Vec<JsValue>, StoreError> {
    let mut encoded = Vec::new();
    if let Some(me) = &settings.me {
        encoded.push(encode_setting(schema::SETTING_ME, me)?);
    }
    if let Some(days) = &settings.forgotten_days {
        encoded.push(encode_setting(schema::SETTING_FORGOTTEN_DAYS, days)?);
    }
    if let Some(pipeline) = &settings.pipeline {
        encoded.push(encode_setting(schema::SETTING_PIPELINE, pipeline)?);
    }
    if let Some(company) = &settings.company {
        encoded.push(encode_setting(schema::SETTING_COMPANY, company)?);
    }
    if let Some(numbering) = &settings.numbering {
        encoded.push(encode_setting(schema::SETTING_NUMBERING, numbering)?);
    }
    if let Some(currencies) = &settings.currencies {
        encoded.push(encode_setting(schema::SETTING_CURRENCIES, currencies)?);
    }
    if let Some(targets) = &settings.targets {
        encoded.push(encode_setting(schema::SETTING_TARGETS, targets)?);
    }
    Ok(encoded)
}

impl Store {
    /// Writes `data` in one transaction over every store, calling `progress(done, total)` as
    /// records are written. Records are written as they are, `rev` included: they are copies
    /// of records as another device or an earlier day had them.
    pub async fn restore(
        &self,
        data: &Dataset,
        mode: RestoreMode,
        progress: impl Fn(usize, usize),
    ) -> Result<(), StoreError> {
        let encoded_settings = encode_settings(&data.settings)?;
        let mut names: Vec<&str> = schema::RECORD_STORES.to_vec();
        names.extend([schema::SETTINGS, schema::PACKED, schema::JOURNAL]);
        let tx = self
            .db
            .transaction(&names, TransactionMode::ReadWrite)
            .map_err(write_error)?;
        let total = crate::backup::format::Counts::of(data).total() as usize;
        let outcome = async {
            super::packed::note_everything(&tx).await?;
            let settings_store = tx.store(schema::SETTINGS).map_err(write_error)?;
            if mode == RestoreMode::Replace {
                for name in schema::RECORD_STORES {
                    tx.store(name)
                        .map_err(write_error)?
                        .clear()
                        .await
                        .map_err(write_error)?;
                }
                for key in BACKED_UP_SETTINGS {
                    settings_store
                        .delete(JsValue::from_str(key))
                        .await
                        .map_err(write_error)?;
                }
            }
            settings_store
                .put_all(encoded_settings.into_iter().map(|value| (value, None)))
                .await
                .map_err(write_error)?;
            let mut done = 0;
            let d = &mut done;
            put_section(&tx, schema::TEAM, &data.team, d, total, &progress).await?;
            put_section(&tx, schema::LEADS, &data.leads, d, total, &progress).await?;
            put_section(&tx, schema::CUSTOMERS, &data.customers, d, total, &progress).await?;
            put_section(&tx, schema::CONTACTS, &data.contacts, d, total, &progress).await?;
            put_section(
                &tx,
                schema::ACTIVITIES,
                &data.activities,
                d,
                total,
                &progress,
            )
            .await?;
            put_section(
                &tx,
                schema::OPPORTUNITIES,
                &data.opportunities,
                d,
                total,
                &progress,
            )
            .await?;
            put_section(&tx, schema::PRODUCTS, &data.products, d, total, &progress).await?;
            put_section(&tx, schema::QUOTES, &data.quotes, d, total, &progress).await?;
            put_section(&tx, schema::ORDERS, &data.orders, d, total, &progress).await?;
            put_section(&tx, schema::PAYMENTS, &data.payments, d, total, &progress).await?;
            put_section(&tx, schema::INVOICES, &data.invoices, d, total, &progress).await?;
            Ok(())
        }
        .await;
        finish(tx, outcome).await?;
        self.tabs.announce([(EVERYTHING, EVERYTHING)]);
        Ok(())
    }
}
