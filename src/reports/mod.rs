//! The analytical CRM: pure functions from a snapshot of the data to report tables. Nothing
//! here knows about the browser; the UI draws what these return.

pub mod period;
pub mod scope;
pub mod table;

pub mod activity;
pub mod funnel;
pub mod grouping;
pub mod lead_conversion;
pub mod performance;
pub mod product_sales;

#[cfg(test)]
mod demo_b;
#[cfg(test)]
mod testdata_b;
