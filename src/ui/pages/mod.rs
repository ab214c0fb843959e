mod lead_form;
mod lead_page;
mod leads;
mod not_found;
mod settings;
mod trash;

pub use lead_page::{LeadPage, NewLeadPage};
pub use leads::LeadsPage;
pub use not_found::NotFoundPage;
pub use settings::SettingsPage;
pub use trash::TrashPage;
