//! Demo data: "Try it with demo data" on an empty app, the Demo data panel of Settings (load,
//! clear in one click after a confirm step), and the benchmark sizes opened as `/?demo=m`.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::demo::{company_profile, generate, is_demo_id, DemoSize};
use crate::domain::company::CompanyProfile;
use crate::domain::dataset::Dataset;
use crate::domain::record::Record;
use crate::domain::targets::Target;
use crate::i18n::{format_number, tf, Key, Lang};
use crate::store::{schema, RestoreMode};
use crate::ui::browser::today;
use crate::ui::files::next_turn;
use crate::ui::state::AppState;

/// Where loading demo data is: making it (the page cannot draw meanwhile), then writing it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loading {
    Preparing,
    Writing(usize, usize),
}

/// Whether the device holds no record of any kind (team members aside).
fn is_empty(state: AppState) -> bool {
    state.leads.with(Vec::is_empty)
        && state.customers.with(Vec::is_empty)
        && state.contacts.with(Vec::is_empty)
        && state.opportunities.with(Vec::is_empty)
        && state.products.with(Vec::is_empty)
        && state.quotes.with(Vec::is_empty)
        && state.orders.with(Vec::is_empty)
        && state.activities.with(Vec::is_empty)
}

/// Whether the user has records of their own that demo data is merged with.
fn has_own_records(state: AppState) -> bool {
    fn any_own<R: Record + Send + Sync + 'static>(list: RwSignal<Vec<R>>) -> bool {
        list.with_untracked(|all| all.iter().any(|r| !is_demo_id(r.id())))
    }
    any_own(state.leads)
        || any_own(state.customers)
        || any_own(state.opportunities)
        || any_own(state.quotes)
        || any_own(state.orders)
        || any_own(state.products)
}

/// The user's own targets, without the demo team's.
fn own_targets(state: AppState) -> Vec<Target> {
    let mut targets = state.targets.get_untracked();
    targets.retain(|t| !is_demo_id(&t.member_id));
    targets
}

/// The demo's settings only where they cannot disturb the user's own: its company profile if
/// none was entered, its currencies, numbering and "me" only on a device with no records of the
/// user's own.
fn fit_to_device(mut data: Dataset, state: AppState) -> Dataset {
    if state.company.with_untracked(|c| !c.name.is_empty()) {
        data.settings.company = None;
    }
    if has_own_records(state) {
        data.settings.me = None;
        data.settings.currencies = None;
        data.settings.numbering = None;
    }
    // Targets are one setting: the demo team's join the user's own rather than replace them.
    if let Some(demo_targets) = data.settings.targets.take() {
        let mut targets = own_targets(state);
        targets.extend(demo_targets);
        data.settings.targets = Some(targets);
    }
    data
}

fn load(state: AppState, size: DemoSize, loading: RwSignal<Option<Loading>>) {
    if loading.get_untracked().is_some() {
        return;
    }
    loading.set(Some(Loading::Preparing));
    spawn_local(async move {
        // Making the data keeps the page busy: let it draw the bar first.
        next_turn().await;
        let data = generate(size, state.lang.get_untracked(), &today());
        let data = fit_to_device(data, state);
        let total = crate::backup::format::Counts::of(&data).total() as usize;
        loading.set(Some(Loading::Writing(0, total)));
        next_turn().await;
        let progress = move |done, total| loading.set(Some(Loading::Writing(done, total)));
        match state.restore(data, RestoreMode::Merge, progress).await {
            Ok(()) => state.inform_count(Key::DemoLoaded, total),
            Err(error) => state.fail(&error),
        }
        loading.set(None);
    });
}

/// Every demo record, with the store it lives in.
fn demo_records(state: AppState) -> Vec<(&'static str, String)> {
    fn collect<R: Record + Send + Sync + 'static>(
        store: &'static str,
        list: RwSignal<Vec<R>>,
        into: &mut Vec<(&'static str, String)>,
    ) {
        list.with_untracked(|all| {
            into.extend(
                all.iter()
                    .filter(|r| is_demo_id(r.id()))
                    .map(|r| (store, r.id().to_owned())),
            )
        });
    }
    let mut doomed = Vec::new();
    collect(schema::TEAM, state.team, &mut doomed);
    collect(schema::LEADS, state.leads, &mut doomed);
    collect(schema::CUSTOMERS, state.customers, &mut doomed);
    collect(schema::CONTACTS, state.contacts, &mut doomed);
    collect(schema::ACTIVITIES, state.activities, &mut doomed);
    collect(schema::OPPORTUNITIES, state.opportunities, &mut doomed);
    collect(schema::PRODUCTS, state.products, &mut doomed);
    collect(schema::QUOTES, state.quotes, &mut doomed);
    collect(schema::ORDERS, state.orders, &mut doomed);
    collect(schema::PAYMENTS, state.payments, &mut doomed);
    collect(schema::INVOICES, state.invoices, &mut doomed);
    doomed
}

/// Removes every demo record for good (those a record of the user's own still links to stay),
/// and the demo's company profile if it is still the one in use; then reads everything again,
/// so that "me" is settled if it was a demo member.
fn clear(state: AppState, busy: RwSignal<bool>) {
    let doomed = demo_records(state);
    busy.set(true);
    spawn_local(async move {
        let outcome = async {
            let removed = state.purge(doomed).await?;
            let demo_profile = |profile: &CompanyProfile| {
                Lang::ALL
                    .into_iter()
                    .any(|l| company_profile(l) == *profile)
            };
            if state.company.with_untracked(demo_profile) {
                state.save_company(CompanyProfile::default()).await?;
            }
            let targets = own_targets(state);
            if targets.len() != state.targets.with_untracked(Vec::len) {
                state.save_targets(targets).await?;
            }
            state.reload().await?;
            Ok(removed)
        };
        match outcome.await {
            Ok(removed) => state.inform_count(Key::DemoCleared, removed),
            Err(error) => state.fail(&error),
        }
        busy.set(false);
    });
}

/// The bar and what it says.
fn progress_bar(state: AppState, loading: RwSignal<Option<Loading>>) -> impl IntoView {
    move || {
        loading.get().map(|at| {
            let (done, total, text) = match at {
                Loading::Preparing => (0, 1, state.t(Key::DemoPreparing).to_owned()),
                Loading::Writing(done, total) => {
                    let lang = state.lang.get();
                    let text = tf(
                        lang,
                        Key::ProgressOf,
                        &[
                            ("done", &format_number(lang, done as u64)),
                            ("total", &format_number(lang, total as u64)),
                        ],
                    );
                    (done, total.max(1), text)
                }
            };
            let value = (at != Loading::Preparing).then_some(done);
            view! {
                <div class="progress" data-testid="demo-progress" role="status">
                    <progress max=total value=value aria-label=state.t(Key::DemoTitle)></progress>
                    <span>{text}</span>
                </div>
            }
        })
    }
}

/// On an empty app: the offer to try it with demo data. Opened as `/?demo=m` (or `s`, `l`) on
/// an empty device, it loads that size at once, for the benchmark.
#[component]
pub fn TryDemo() -> impl IntoView {
    let state = expect_context::<AppState>();
    let loading = RwSignal::new(None::<Loading>);
    let query = use_query_map();
    let navigate = use_navigate();
    if let Some(size) = query
        .with_untracked(|q| q.get("demo"))
        .as_deref()
        .and_then(DemoSize::from_param)
    {
        navigate(
            "/",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
        if is_empty(state) {
            load(state, size, loading);
        }
    }
    let shown = move || loading.get().is_some() || is_empty(state);
    view! {
        <Show when=shown>
            <section class="panel callout-block" data-testid="try-demo">
                <h2>{move || state.t(Key::DemoTry)}</h2>
                <p class="muted">{move || state.t(Key::DemoTryExplain)}</p>
                <button type="button" class="button button-primary" data-testid="try-demo-button"
                    disabled=move || loading.get().is_some()
                    on:click=move |_| load(state, DemoSize::Demo, loading)>
                    {move || state.t(Key::DemoTry)}
                </button>
                {progress_bar(state, loading)}
            </section>
        </Show>
    }
}

/// The Demo data panel of Settings.
#[component]
pub fn DemoDataSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let loading = RwSignal::new(None::<Loading>);
    let confirming = RwSignal::new(false);
    let clearing = RwSignal::new(false);
    let count = Memo::new(move |_| {
        state.customers.track();
        state.leads.track();
        state.orders.track();
        state.activities.track();
        demo_records(state).len()
    });
    view! {
        <section class="panel" aria-labelledby="demo-heading" data-testid="demo-settings">
            <h2 id="demo-heading">{move || state.t(Key::DemoTitle)}</h2>
            <p class="muted">{move || state.t(Key::DemoExplain)}</p>
            <p data-testid="demo-count">{move || {
                let n = count.get();
                if n == 0 {
                    state.t(Key::DemoNone).to_owned()
                } else {
                    state.tf(Key::DemoCount, &[("count", &format_number(state.lang.get(), n as u64))])
                }
            }}</p>
            <div class="button-row">
                <button type="button" class="button button-primary" data-testid="load-demo"
                    disabled=move || loading.get().is_some() || clearing.get()
                    on:click=move |_| load(state, DemoSize::Demo, loading)>
                    {move || state.t(Key::DemoLoad)}
                </button>
                <button type="button" class="button" data-testid="clear-demo"
                    disabled=move || count.get() == 0 || loading.get().is_some() || clearing.get()
                    on:click=move |_| confirming.set(true)>
                    {move || state.t(Key::DemoClear)}
                </button>
            </div>
            {progress_bar(state, loading)}
            <Show when=move || confirming.get()>
                <div class="callout callout-block" role="alertdialog" data-testid="clear-demo-confirm">
                    <p>{move || state.t(Key::DemoClearConfirm)}</p>
                    <div class="button-row">
                        <button type="button" class="button button-danger" data-testid="clear-demo-yes"
                            on:click=move |_| {
                                confirming.set(false);
                                clear(state, clearing);
                            }>
                            {move || state.t(Key::DemoClearYes)}
                        </button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {move || state.t(Key::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
