//! The whole database of one device, as plain Rust: what the app loads at start, what a backup
//! holds, and what the demo generator makes.

use serde::{Deserialize, Serialize};

use super::activity::Activity;
use super::company::{CompanyProfile, Currencies, Numbering};
use super::contact::Contact;
use super::customer::Customer;
use super::id::Id;
use super::lead::Lead;
use super::opportunity::{Opportunity, Stage};
use super::order::Order;
use super::product::Product;
use super::quote::Quote;
use super::receivable::{Invoice, Payment};
use super::targets::Target;
use super::team::TeamMember;

/// The settings kept on the device; a setting never changed is absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The team member who uses this device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub me: Option<Id>,
    /// Today's threshold for forgotten customers, if the user changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forgotten_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline: Option<Vec<Stage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyProfile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currencies: Option<Currencies>,
    /// Monthly sales targets per team member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub targets: Option<Vec<Target>>,
}

/// Every record of every kind, Trash included, and the settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub settings: Settings,
    pub team: Vec<TeamMember>,
    pub leads: Vec<Lead>,
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub activities: Vec<Activity>,
    pub opportunities: Vec<Opportunity>,
    pub products: Vec<Product>,
    pub quotes: Vec<Quote>,
    pub orders: Vec<Order>,
    pub payments: Vec<Payment>,
    pub invoices: Vec<Invoice>,
}
