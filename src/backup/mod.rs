//! Data in and out of the device: the JSON backup (format, checks, migration, merge).
//! Pure Rust: the browser's part (files, IndexedDB, encryption) lives in `store` and `ui`.

pub mod check;
pub mod format;
pub mod merge;
pub mod problem;
pub mod sealed;

#[cfg(test)]
mod corpus_tests;
