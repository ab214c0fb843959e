//! Screens and widgets. Pages are thin: they read `AppState` and call its commands.

mod app;
mod backup_labels;
mod browser;
mod charts;
mod components;
mod crypto;
mod csv_labels;
mod files;
mod id_attr;
mod labels;
mod layout;
mod pages;
mod pwa;
mod report_labels;
mod sale_labels;
mod search;
mod state;

pub use app::start;
pub use state::store_error_text;
