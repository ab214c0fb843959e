//! The analytical CRM: pure functions from a snapshot of the data to report tables. Nothing
//! here knows about the browser; the UI draws what these return.

pub mod period;
pub mod scope;
pub mod table;

pub mod activity;

pub mod buyers;
pub mod customers;
#[cfg(test)]
mod demo_c;
pub mod forecast;
pub mod forgotten;
pub mod pareto;
pub mod receivables;
pub mod rfm;
#[cfg(test)]
pub mod testdata_c;
