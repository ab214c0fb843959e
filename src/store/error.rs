use std::fmt;

/// What can go wrong between the app and the browser's storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The database cannot be opened at all (storage disabled, private mode, blocked upgrade).
    Unavailable(String),
    Read(String),
    /// The browser refused a write (storage full, for instance); nothing was changed.
    Write(String),
    /// The record was changed or removed elsewhere since this copy was read.
    Conflict {
        id: String,
    },
    /// Stored data that this version cannot read.
    Corrupt(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable(d) => write!(f, "the browser's storage cannot be opened: {d}"),
            StoreError::Read(d) => write!(f, "reading from the browser's storage failed: {d}"),
            StoreError::Write(d) => write!(f, "the browser's storage refused the change: {d}"),
            StoreError::Conflict { id } => {
                write!(f, "record {id} was changed elsewhere since it was opened")
            }
            StoreError::Corrupt(d) => write!(f, "stored data cannot be read: {d}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// The browser's own words for an IndexedDB failure (rexie's summary is only "idb error").
pub(super) fn idb(error: rexie::Error) -> String {
    match error {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}
