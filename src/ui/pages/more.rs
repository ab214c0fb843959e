//! At phone width, the places that do not fit in the bottom bar.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Key;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::state::AppState;

#[component]
pub fn MorePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let places = [
        ("/contacts", IconKind::Contacts, Key::NavContacts),
        (
            "/opportunities",
            IconKind::Pipeline,
            Key::OpportunitiesTitle,
        ),
        ("/products", IconKind::Products, Key::NavProducts),
        ("/quotes", IconKind::Quotes, Key::NavQuotes),
        ("/orders", IconKind::Orders, Key::NavOrders),
        ("/receivables", IconKind::Receivables, Key::NavReceivables),
        ("/reports", IconKind::Reports, Key::NavReports),
        ("/activities", IconKind::Activities, Key::NavActivities),
        ("/trash", IconKind::Trash, Key::NavTrash),
        ("/settings", IconKind::Settings, Key::NavSettings),
    ];
    view! {
        <section class="page">
            <h1>{move || state.t(Key::MoreTitle)}</h1>
            <ul class="card-list more-list">
                {places.into_iter().map(|(href, icon, label)| view! {
                    <li><A href=href attr:class="card more-link"><Icon kind=icon/><span>{move || state.t(label)}</span></A></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
