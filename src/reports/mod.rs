//! The analytical CRM: pure functions from a snapshot of the data to report tables. Nothing
//! here knows about the browser; the UI draws what these return.

pub mod columns;
pub mod period;
pub mod scope;
pub mod table;

pub mod activity;
pub mod buyers;
pub mod customers;
pub mod dashboard;
pub mod forecast;
pub mod forgotten;
pub mod funnel;
pub mod grouping;
pub mod lead_conversion;
pub mod pareto;
pub mod performance;
pub mod product_sales;
pub mod receivables;
pub mod rfm;

#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod demo_b;
#[cfg(test)]
mod demo_c;
#[cfg(test)]
mod testdata_a;
#[cfg(test)]
mod testdata_b;
#[cfg(test)]
pub mod testdata_c;

use crate::i18n::Key;
use scope::Scope;
use table::Report;

/// The reports the Reports page offers, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    Dashboard,
    Funnel,
    LeadConversion,
    Performance,
    ProductSales,
    Customers,
    Receivables,
    Forecast,
    Activity,
}

impl ReportKind {
    pub const ALL: [ReportKind; 9] = [
        ReportKind::Dashboard,
        ReportKind::Funnel,
        ReportKind::LeadConversion,
        ReportKind::Performance,
        ReportKind::ProductSales,
        ReportKind::Customers,
        ReportKind::Receivables,
        ReportKind::Forecast,
        ReportKind::Activity,
    ];

    /// The report's part of the page address: `/reports/activity`.
    pub fn slug(self) -> &'static str {
        match self {
            ReportKind::Dashboard => "dashboard",
            ReportKind::Funnel => "funnel",
            ReportKind::LeadConversion => "leads",
            ReportKind::Performance => "performance",
            ReportKind::ProductSales => "products",
            ReportKind::Customers => "customers",
            ReportKind::Receivables => "receivables",
            ReportKind::Forecast => "forecast",
            ReportKind::Activity => "activity",
        }
    }

    pub fn parse(slug: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn title(self) -> Key {
        match self {
            ReportKind::Dashboard => Key::ReportTabDashboard,
            ReportKind::Funnel => Key::ReportTabFunnel,
            ReportKind::LeadConversion => Key::ReportTabLeads,
            ReportKind::Performance => Key::ReportTabPerformance,
            ReportKind::ProductSales => Key::ReportTabProducts,
            ReportKind::Customers => Key::ReportTabCustomers,
            ReportKind::Receivables => Key::ReportTabReceivables,
            ReportKind::Forecast => Key::ReportTabForecast,
            ReportKind::Activity => Key::ReportActivity,
        }
    }

    pub fn compute(self, scope: &Scope) -> Report {
        match self {
            ReportKind::Dashboard => dashboard::dashboard(scope),
            ReportKind::Funnel => funnel::funnel(scope),
            ReportKind::LeadConversion => lead_conversion::lead_conversion(scope),
            ReportKind::Performance => performance::performance(scope),
            ReportKind::ProductSales => product_sales::product_sales(scope),
            ReportKind::Customers => customers::customers(scope),
            ReportKind::Receivables => receivables::receivables(scope),
            ReportKind::Forecast => forecast::forecast(scope),
            ReportKind::Activity => activity::activity(scope),
        }
    }
}
