//! Reports (报表): pick a report, a period and whose records; every report is computed from the
//! records in memory and drawn by [`ReportView`].

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::report_view::ReportView;
use crate::domain::dataset::Settings;
use crate::domain::stages::pipeline_or_default;
use crate::i18n::{format_date, t, tf, Key};
use crate::reports::columns::Columns;
use crate::reports::period::{Period, PeriodProblem, Preset};
use crate::reports::scope::{Data, Owner, Scope};
use crate::reports::table::Report;
use crate::reports::ReportKind;
use crate::ui::browser::{timed, today};
use crate::ui::report_labels::LabelNames;
use crate::ui::state::AppState;

const CUSTOM: &str = "custom";
const EVERYONE: &str = "everyone";
const ME: &str = "me";

fn preset_key(preset: Preset) -> Key {
    match preset {
        Preset::ThisMonth => Key::ReportThisMonth,
        Preset::LastMonth => Key::ReportLastMonth,
        Preset::ThisQuarter => Key::ReportThisQuarter,
        Preset::ThisYear => Key::ReportThisYear,
        Preset::Last12Months => Key::ReportLast12Months,
        Preset::NextQuarter => Key::ReportNextQuarter,
        Preset::Next12Months => Key::ReportNext12Months,
    }
}

/// Everything a report reads, borrowed from the app's lists (and tracked) for the time of `f`.
fn with_data<R>(state: &AppState, f: impl FnOnce(Data) -> R) -> R {
    let (team, leads, customers) = (
        state.team.read(),
        state.leads.read(),
        state.customers.read(),
    );
    let (contacts, activities) = (state.contacts.read(), state.activities.read());
    let (opportunities, products) = (state.opportunities.read(), state.products.read());
    let (quotes, orders) = (state.quotes.read(), state.orders.read());
    let (payments, invoices) = (state.payments.read(), state.invoices.read());
    f(Data {
        team: &team,
        leads: &leads,
        customers: &customers,
        contacts: &contacts,
        activities: &activities,
        opportunities: &opportunities,
        products: &products,
        quotes: &quotes,
        orders: &orders,
        payments: &payments,
        invoices: &invoices,
    })
}

fn settings(state: &AppState) -> Settings {
    Settings {
        me: Some(state.me.get()),
        forgotten_days: Some(state.forgotten_days.get()),
        pipeline: Some(state.stages.get()),
        currencies: Some(state.currencies.get()),
        targets: Some(state.targets.get()),
        ..Settings::default()
    }
}

/// The period and owner chosen, kept while the user moves between reports and other pages.
#[derive(Clone, Copy)]
pub struct ReportChoice {
    preset: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    owner: RwSignal<String>,
}

impl ReportChoice {
    pub fn this_month() -> ReportChoice {
        let this_month = Period::of(Preset::ThisMonth, &today());
        ReportChoice {
            preset: RwSignal::new(Preset::ThisMonth.as_str().to_owned()),
            from: RwSignal::new(this_month.from),
            to: RwSignal::new(this_month.to),
            owner: RwSignal::new(EVERYONE.to_owned()),
        }
    }
}

/// The columns every report reads, kept for the session: made again when the data, the
/// pipeline or the base currency has changed and a report reads them, not when the report, period or owner changes,
/// nor each time the Reports page is opened.
#[derive(Clone, Copy)]
pub struct ReportColumns(Memo<Columns>);

impl ReportColumns {
    pub fn follow(state: AppState) -> ReportColumns {
        ReportColumns(Memo::new(move |_| {
            let pipeline = pipeline_or_default(Some(state.stages.get()));
            let base = state.currencies.with(|c| c.base.clone());
            timed("leadline:report-columns", || {
                with_data(&state, |data| Columns::of(&data, &pipeline, &base))
            })
        }))
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let kind = Memo::new(move |_| {
        params
            .with(|p| p.get("kind"))
            .and_then(|slug| ReportKind::parse(&slug))
            .unwrap_or(ReportKind::ALL[0])
    });
    let today = today();
    let ReportChoice {
        preset: choice,
        from,
        to,
        owner,
    } = expect_context::<ReportChoice>();

    let period = {
        let today = today.clone();
        Memo::new(move |_| {
            let choice = choice.get();
            match Preset::parse(&choice) {
                Some(preset) => Ok(Period::of(preset, &today)),
                None => Period::custom(&from.get(), &to.get()),
            }
        })
    };
    let ReportColumns(columns) = expect_context::<ReportColumns>();
    let report = {
        let today = today.clone();
        Memo::new(move |_| {
            let Ok(period) = period.get() else {
                return Report::default();
            };
            let owner = match owner.get().as_str() {
                EVERYONE => Owner::Everyone,
                ME => Owner::Member(state.me.get()),
                id => Owner::Member(id.into()),
            };
            let settings = settings(&state);
            let kind = kind.get();
            columns.with(|columns| {
                timed(&format!("leadline:report:{}", kind.slug()), || {
                    with_data(&state, |data| {
                        let scope = Scope::new(data, settings, period, owner, &today);
                        kind.compute(&scope.sharing(columns))
                    })
                })
            })
        })
    };
    let names = Memo::new(move |_| LabelNames {
        members: state.team.with(|team| {
            team.iter()
                .map(|m| (m.meta.id.clone(), m.name.clone()))
                .collect()
        }),
        stages: state.stages.get(),
    });
    let base = Signal::derive(move || state.currencies.with(|c| c.base.clone()));
    let period_name = Signal::derive(move || {
        period
            .get()
            .map(|p| format!("{}_{}", p.from, p.to))
            .unwrap_or_default()
    });
    let range_text = move || {
        let lang = state.lang.get();
        match period.get() {
            Ok(p) => {
                let before = p.previous();
                tf(
                    lang,
                    Key::ReportRange,
                    &[
                        ("from", &format_date(lang, &p.from)),
                        ("to", &format_date(lang, &p.to)),
                        ("before_from", &format_date(lang, &before.from)),
                        ("before_to", &format_date(lang, &before.to)),
                    ],
                )
            }
            Err(PeriodProblem::DayInvalid) => t(lang, Key::ReportDayInvalid).to_owned(),
            Err(PeriodProblem::EndBeforeStart) => t(lang, Key::ReportEndBeforeStart).to_owned(),
        }
    };
    let is_custom = move || choice.get() == CUSTOM;
    let period_bad = move || period.with(|p| p.is_err());

    view! {
        <section class="page page-reports">
            <div class="page-head">
                <h1>{move || state.t(Key::ReportsTitle)}</h1>
            </div>
            <nav class="report-tabs" aria-label=move || state.t(Key::ReportsTitle)>
                {ReportKind::ALL.into_iter().map(|k| view! {
                    <A href=format!("/reports/{}", k.slug()) attr:class="report-tab" attr:data-testid=format!("report-tab-{}", k.slug())
                        attr:aria-current=move || (kind.get() == k).then_some("page")>
                        {move || state.t(k.title())}
                    </A>
                }).collect_view()}
            </nav>
            <div class="report-controls">
                <label class="field">
                    <span>{move || state.t(Key::ReportPeriod)}</span>
                    <select data-testid="report-period" on:change=move |ev| choice.set(event_target_value(&ev))>
                        {Preset::ALL.into_iter().map(|p| view! {
                            <option value=p.as_str() selected=move || choice.get() == p.as_str()>{move || state.t(preset_key(p))}</option>
                        }).collect_view()}
                        <option value=CUSTOM selected=is_custom>{move || state.t(Key::ReportCustom)}</option>
                    </select>
                </label>
                <Show when=is_custom>
                    <label class="field">
                        <span>{move || state.t(Key::ReportFrom)}</span>
                        <input type="date" data-testid="report-from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
                    </label>
                    <label class="field">
                        <span>{move || state.t(Key::ReportTo)}</span>
                        <input type="date" data-testid="report-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
                    </label>
                </Show>
                <label class="field">
                    <span>{move || state.t(Key::FilterOwner)}</span>
                    <select data-testid="report-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value=EVERYONE selected=move || owner.get() == EVERYONE>{move || state.t(Key::ReportEveryone)}</option>
                        <option value=ME selected=move || owner.get() == ME>{move || state.t(Key::ReportMe)}</option>
                        {move || state.team.get().into_iter().map(|m| {
                            let id = m.meta.id.clone();
                            let selected = move || owner.get() == id;
                            view! { <option value=m.meta.id.clone() selected=selected>{m.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <p class="muted report-range" class:field-error=period_bad data-testid="report-range" role="status">{range_text}</p>
            <ReportView report=report names=names base=base period=period_name/>
        </section>
    }
}
