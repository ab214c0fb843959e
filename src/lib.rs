//! Leadline: a CRM that runs entirely in the browser.

pub mod backup;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod reports;
pub mod store;
pub mod ui;
