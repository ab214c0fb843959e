//! The business, in plain Rust: records, their rules and their state changes.
//! Nothing here knows about the browser, so every rule is tested natively.

pub mod activity;
pub mod balance;
pub mod company;
pub mod contact;
pub mod conversion;
pub mod customer;
pub mod customer_query;
pub mod dataset;
pub mod date;
pub mod document;
pub mod duplicate;
pub mod id;
pub mod lead;
pub mod lead_query;
pub mod line_draft;
pub mod list_query;
pub mod money;
pub mod opportunity;
pub mod opportunity_draft;
pub mod order;
pub mod places;
pub mod product;
pub mod product_query;
pub mod quote;
pub mod receivable;
pub mod record;
pub mod references;
pub mod sale;
pub mod sale_query;
pub mod stages;
pub mod targets;
pub mod team;
pub mod text;
pub mod today;
pub mod validate;
