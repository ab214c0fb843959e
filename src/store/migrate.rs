//! App-level data migrations, run after the database opens.
//!
//! IndexedDB's own upgrade can only add stores and indexes; reshaping records happens here,
//! in numbered steps recorded in the `data_version` setting, so each runs once per device.

use super::schema::SETTING_DATA_VERSION;
use super::{Store, StoreError};

/// The data version this build writes. Raise it together with a new step in [`apply`].
pub const DATA_VERSION: u32 = 1;

/// The steps a database at `stored` needs, or an error when a newer build wrote it.
fn pending(stored: Option<u32>) -> Result<std::ops::RangeInclusive<u32>, StoreError> {
    let stored = stored.unwrap_or(0);
    if stored > DATA_VERSION {
        return Err(StoreError::Unavailable(format!(
            "the data was written by a newer version of Leadline (data version {stored}, this one \
             reads up to {DATA_VERSION}); reload the page to get the newer version"
        )));
    }
    Ok(stored + 1..=DATA_VERSION)
}

pub(super) async fn run(store: &Store) -> Result<(), StoreError> {
    let stored = store.setting::<u32>(SETTING_DATA_VERSION).await?;
    for step in pending(stored)? {
        apply(store, step).await?;
        store.set_setting(SETTING_DATA_VERSION, &step).await?;
    }
    Ok(())
}

async fn apply(_store: &Store, step: u32) -> Result<(), StoreError> {
    match step {
        // Version 1 is the first shape of the data: a new database needs nothing moved.
        1 => Ok(()),
        other => Err(StoreError::Corrupt(format!(
            "no migration to data version {other}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_runs_every_step() {
        assert_eq!(pending(None).unwrap(), 1..=DATA_VERSION);
    }

    #[test]
    fn a_current_database_runs_none() {
        assert!(pending(Some(DATA_VERSION)).unwrap().is_empty());
    }

    #[test]
    fn a_newer_database_is_refused() {
        assert!(matches!(
            pending(Some(DATA_VERSION + 1)),
            Err(StoreError::Unavailable(_))
        ));
    }
}
