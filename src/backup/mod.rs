//! Data in and out of the device: the JSON backup (format, checks, migration, merge, encryption
//! envelope) and CSV. Pure Rust: the browser's part (files, IndexedDB, WebCrypto) lives in
//! `store` and `ui`.

pub mod check;
pub mod csv;
pub mod csv_fields;
pub mod csv_file;
pub mod csv_import;
pub mod csv_kinds;
pub mod csv_rows;
pub mod format;
pub mod merge;
pub mod problem;
pub mod sealed;

#[cfg(test)]
mod corpus_tests;
