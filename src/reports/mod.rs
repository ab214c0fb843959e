//! The analytical CRM: pure functions from a snapshot of the data to report tables. Nothing
//! here knows about the browser; the UI draws what these return.

pub mod period;
pub mod scope;
pub mod table;

pub mod activity;

use crate::i18n::Key;
use scope::Scope;
use table::Report;

/// The reports the Reports page offers, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    Activity,
}

impl ReportKind {
    pub const ALL: [ReportKind; 1] = [ReportKind::Activity];

    /// The report's part of the page address: `/reports/activity`.
    pub fn slug(self) -> &'static str {
        match self {
            ReportKind::Activity => "activity",
        }
    }

    pub fn parse(slug: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn title(self) -> Key {
        match self {
            ReportKind::Activity => Key::ReportActivity,
        }
    }

    pub fn compute(self, scope: &Scope) -> Report {
        match self {
            ReportKind::Activity => activity::activity(scope),
        }
    }
}
