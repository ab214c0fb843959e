//! Start-up and the routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use super::browser;
use super::layout::Shell;
use super::pages::{
    ActivityListPage, ContactListPage, ConvertLeadPage, CsvImportPage, CustomerPage, CustomersPage,
    LeadPage, LeadsPage, MorePage, NewCustomerPage, NewLeadPage, NewOrderPage, NewQuotePage,
    NotFoundPage, OpportunityListPage, OpportunityPage, OrderPage, OrdersPage, PipelinePage,
    QuotePage, QuotesPage, ReceivablesPage, ReportChoice, ReportColumns, ReportsPage, SettingsPage,
    TodayPage, TrashPage,
};
use super::pages::{NewProductPage, ProductPage, ProductsPage};
use super::pwa::{keep_data_once_there_is_some, Pwa};
use super::state::{store_error_text, AppState};
use crate::domain::id::Id;
use crate::domain::team::TeamMember;
use crate::i18n::{format_number, t, tf, Key, Lang};
use crate::store::{schema, Mark, Snapshot, Store, StoreError};

const DATABASE: &str = "leadline";

/// Opens the data, then draws the app; or, when the browser's storage cannot be used, says so.
pub fn start() {
    console_error_panic_hook::set_once();
    // Leptos sets up its own task executor when it mounts, which happens only once this is done.
    wasm_bindgen_futures::spawn_local(async {
        let lang = browser::initial_lang();
        browser::apply_lang(lang);
        match open(lang).await {
            Ok((store, snapshot, mark, me)) => {
                let state = AppState::new(store, snapshot, mark, me, lang);
                leptos::mount::mount_to_body(move || view! { <App state/> });
                state.pack_when_due();
            }
            Err(error) => {
                let text = store_error_text(lang, &error);
                leptos::mount::mount_to_body(move || view! { <StartupError lang text/> });
            }
        }
        browser::remove_boot_placeholder();
    });
}

/// Opens the database and reads everything from it.
async fn open(lang: Lang) -> Result<(Store, Snapshot, Mark, Id), StoreError> {
    // A restore cut short by a closed page is finished first, which can take a while.
    let finishing = |done: usize| {
        let done = format_number(lang, done as u64);
        browser::show_boot_progress(&tf(lang, Key::RestoreFinishingAtStart, &[("done", &done)]));
    };
    let opening = Store::open_finishing(DATABASE, finishing);
    let store = browser::timed_async("leadline:open", opening).await?;
    let (snapshot, mark, me) =
        browser::timed_async("leadline:load", load_with_me(&store, lang)).await?;
    if mark.packed() {
        browser::mark("leadline:load:packed");
    }
    Ok((store, snapshot, mark, me))
}

/// Reads everything and makes sure this device knows who "me" is: on first use (or after a
/// restored backup without this device's member) a team member is made for the person in front
/// of the screen, to be renamed in Settings.
pub async fn load_with_me(store: &Store, lang: Lang) -> Result<(Snapshot, Mark, Id), StoreError> {
    let (mut snapshot, mark) = store.load_marked().await?;
    let me = settle_me(store, &mut snapshot, lang).await?;
    Ok((snapshot, mark, me))
}

/// Who "me" is among `snapshot`'s team, made and saved when none is (see [`load_with_me`]).
pub async fn settle_me(
    store: &Store,
    snapshot: &mut Snapshot,
    lang: Lang,
) -> Result<Id, StoreError> {
    let known = |id: &Id| snapshot.team.iter().any(|m| &m.meta.id == id);
    let me = match snapshot.settings.me.clone().filter(known) {
        Some(me) => me,
        None => {
            let me = match snapshot.team.iter().find(|m| m.active) {
                Some(member) => member.meta.id.clone(),
                None => {
                    let member = TeamMember::new(
                        browser::new_id(),
                        &browser::now(),
                        t(lang, Key::DefaultMemberName),
                        "",
                    )
                    .map_err(|_| StoreError::Corrupt("default member name".into()))?;
                    store.save(&member).await?;
                    let id = member.meta.id.clone();
                    snapshot.team.push(member);
                    id
                }
            };
            store.set_setting(schema::SETTING_ME, &me).await?;
            me
        }
    };
    Ok(me)
}

#[component]
fn App(state: AppState) -> impl IntoView {
    provide_context(state);
    provide_context(ReportChoice::this_month());
    provide_context(ReportColumns::follow(state));
    provide_context(Pwa::follow());
    keep_data_once_there_is_some(state);
    state.follow_other_tabs();
    Effect::new(move |_| browser::apply_lang(state.lang.get()));
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=TodayPage/>
                    <Route path=path!("/leads") view=LeadsPage/>
                    <Route path=path!("/leads/new") view=NewLeadPage/>
                    <Route path=path!("/leads/:id") view=LeadPage/>
                    <Route path=path!("/leads/:id/convert") view=ConvertLeadPage/>
                    <Route path=path!("/customers") view=CustomersPage/>
                    <Route path=path!("/customers/new") view=NewCustomerPage/>
                    <Route path=path!("/customers/:id") view=CustomerPage/>
                    <Route path=path!("/contacts") view=ContactListPage/>
                    <Route path=path!("/pipeline") view=PipelinePage/>
                    <Route path=path!("/opportunities") view=OpportunityListPage/>
                    <Route path=path!("/opportunities/:id") view=OpportunityPage/>
                    <Route path=path!("/activities") view=ActivityListPage/>
                    <Route path=path!("/quotes") view=QuotesPage/>
                    <Route path=path!("/quotes/new") view=NewQuotePage/>
                    <Route path=path!("/quotes/:id") view=QuotePage/>
                    <Route path=path!("/orders") view=OrdersPage/>
                    <Route path=path!("/orders/new") view=NewOrderPage/>
                    <Route path=path!("/orders/:id") view=OrderPage/>
                    <Route path=path!("/receivables") view=ReceivablesPage/>
                    <Route path=path!("/reports") view=ReportsPage/>
                    <Route path=path!("/reports/:kind") view=ReportsPage/>
                    <Route path=path!("/products") view=ProductsPage/>
                    <Route path=path!("/products/new") view=NewProductPage/>
                    <Route path=path!("/products/:id") view=ProductPage/>
                    <Route path=path!("/import/:kind") view=CsvImportPage/>
                    <Route path=path!("/more") view=MorePage/>
                    <Route path=path!("/trash") view=TrashPage/>
                    <Route path=path!("/settings") view=SettingsPage/>
                </Routes>
            </Shell>
        </Router>
    }
}

#[component]
fn StartupError(lang: Lang, text: String) -> impl IntoView {
    view! {
        <main class="startup-error" role="alert">
            <h1>{t(lang, Key::StartupErrorTitle)}</h1>
            <p>{text}</p>
            <p>{t(lang, Key::StartupErrorHelp)}</p>
        </main>
    }
}
