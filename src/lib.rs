//! Leadline: a CRM that runs entirely in the browser.

pub mod demo;
pub mod domain;
pub mod i18n;
pub mod store;
pub mod ui;
