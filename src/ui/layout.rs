//! The frame around every screen: side navigation on a desktop, a bottom bar within thumb's
//! reach on a phone, the language switch, and the message banner.

use leptos::prelude::*;
use leptos_router::components::A;

use super::components::icons::{Icon, IconKind};
use super::components::install_button::InstallButton;
use super::components::notice::NoticeBanner;
use super::components::update_banner::UpdateBanner;
use super::state::AppState;
use crate::i18n::{Key, Lang};

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <a class="skip-link" href="#main">{move || state.t(Key::SkipToContent)}</a>
        <div class="shell">
            <header class="topbar">
                <span class="brand">
                    <span class="brand-mark" aria-hidden="true">"L"</span>
                    "Leadline"
                </span>
                <div class="topbar-actions">
                    <InstallButton/>
                    <LanguageSwitch/>
                </div>
            </header>
            <nav class="nav" aria-label=move || state.t(Key::NavLabel)>
                <NavLink href="/" icon=IconKind::Today label=Key::NavToday/>
                <NavLink href="/leads" icon=IconKind::Leads label=Key::NavLeads/>
                <NavLink href="/customers" icon=IconKind::Customers label=Key::NavCustomers/>
                <NavLink href="/contacts" icon=IconKind::Contacts label=Key::NavContacts secondary=true/>
                <NavLink href="/pipeline" icon=IconKind::Pipeline label=Key::NavPipeline/>
                <NavLink href="/products" icon=IconKind::Products label=Key::NavProducts secondary=true/>
                <NavLink href="/quotes" icon=IconKind::Quotes label=Key::NavQuotes secondary=true/>
                <NavLink href="/orders" icon=IconKind::Orders label=Key::NavOrders secondary=true/>
                <NavLink href="/receivables" icon=IconKind::Receivables label=Key::NavReceivables secondary=true/>
                <NavLink href="/reports" icon=IconKind::Reports label=Key::NavReports secondary=true/>
                <NavLink href="/activities" icon=IconKind::Activities label=Key::NavActivities secondary=true/>
                <NavLink href="/trash" icon=IconKind::Trash label=Key::NavTrash secondary=true/>
                <NavLink href="/settings" icon=IconKind::Settings label=Key::NavSettings secondary=true/>
                <NavLink href="/more" icon=IconKind::More label=Key::NavMore phone_only=true/>
            </nav>
            <main id="main" class="main" tabindex="-1">
                <UpdateBanner/>
                <NoticeBanner/>
                {children()}
            </main>
        </div>
    }
}

#[component]
/// `secondary` links live under More at phone width, where `phone_only` ones appear.
fn NavLink(
    href: &'static str,
    icon: IconKind,
    label: Key,
    #[prop(optional)] secondary: bool,
    #[prop(optional)] phone_only: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let class = match (secondary, phone_only) {
        (true, _) => "nav-link nav-secondary",
        (_, true) => "nav-link nav-phone-only",
        _ => "nav-link",
    };
    view! {
        <A href=href attr:class=class>
            <Icon kind=icon/>
            <span>{move || state.t(label)}</span>
        </A>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="lang-switch">
            <span class="visually-hidden">{move || state.t(Key::Language)}</span>
            <select
                data-testid="language"
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        state.lang.set(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.tag() selected=move || state.lang.get() == lang>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
