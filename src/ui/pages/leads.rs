//! The lead list: search as you type, filters, sort, bulk changes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::lead::{Lead, LeadStatus, DEFAULT_SOURCES};
use crate::domain::lead_query::{LeadQuery, LeadSort};
use crate::i18n::{format_date, format_datetime, format_number, t, Key, Lang};
use crate::ui::components::csv_export::{local_time, ExportCsv};
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::labels::{
    sort_code, sort_key, source_label, status_code, status_from_code, status_key,
};
use crate::ui::search::{changes, typed_found};
use crate::ui::state::AppState;

const COLUMNS: [Key; 7] = [
    Key::ColName,
    Key::ColCompany,
    Key::ColStatus,
    Key::ColSource,
    Key::ColOwner,
    Key::ColNextFollowUp,
    Key::ColUpdated,
];

/// A lead's cells as text, for the exported file.
fn lead_texts(state: AppState, lead: &Lead, lang: Lang) -> Vec<String> {
    let d = &lead.details;
    let company = if d.name.is_empty() { "" } else { &d.company };
    vec![
        lead.display_name().to_owned(),
        company.to_owned(),
        t(lang, status_key(lead.status)).to_owned(),
        source_label(lang, &d.source),
        state.member_name(&lead.meta.owner),
        d.next_follow_up.clone().unwrap_or_default(),
        local_time(&lead.meta.updated_at),
    ]
}

#[component]
pub fn LeadsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(LeadQuery::default());
    let edits = changes(move || state.leads.track());
    // Sorted once per change of the leads or the sort; a keystroke only filters.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let order = Memo::new(move |_| state.leads.with(|leads| sort.get().order(leads)));
    let found = typed_found(query, edits, move |q, from| {
        state.leads.with(|leads| match from {
            Some(from) => q.filter(leads, from),
            None => order.with(|order| q.filter(leads, order)),
        })
    });
    let total = Memo::new(move |_| {
        state
            .leads
            .with(|l| l.iter().filter(|l| !l.meta.is_deleted()).count())
    });
    let sources = Memo::new(move |_| {
        let mut sources: Vec<String> = DEFAULT_SOURCES.iter().map(|s| (*s).to_owned()).collect();
        state.leads.with(|leads| {
            for lead in leads {
                let source = &lead.details.source;
                if !source.is_empty() && !sources.contains(source) {
                    sources.push(source.clone());
                }
            }
        });
        sources
    });
    let set_query = move |change: &dyn Fn(&mut LeadQuery)| {
        query.update(|q| change(q));
    };

    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::LeadsTitle)}</h1>
                    <p class="muted" data-testid="lead-count">
                        {move || match found.with(Vec::len) {
                            1 => state.t(Key::LeadsCountOne).to_owned(),
                            n => state.tf(Key::LeadsCount, &[("count", &format_number(state.lang.get(), n as u64))]),
                        }}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name="leads" columns=COLUMNS.to_vec() rows=records_at(state.leads, found) cells=move |lead: &Lead, lang| lead_texts(state, lead, lang)/>
                    <A href="/import/leads" attr:class="button">{move || state.t(Key::ImportCsv)}</A>
                    <A href="/leads/new" attr:class="button button-primary">{move || state.t(Key::NewLead)}</A>
                </div>
            </div>
            <div class="toolbar" role="search">
                <label class="toolbar-search">
                    <span class="visually-hidden">{move || state.t(Key::Search)}</span>
                    <input type="search" data-testid="lead-search"
                        placeholder=move || state.t(Key::SearchLeadsPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let text = event_target_value(&ev); set_query(&|q| q.text = text.clone()) }/>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterStatus)}</span>
                    <select data-testid="filter-status" on:change=move |ev| {
                        let status = status_from_code(&event_target_value(&ev));
                        set_query(&|q| q.status = status)
                    }>
                        <option value="">{move || state.t(Key::AllStatuses)}</option>
                        {LeadStatus::ALL.into_iter().map(|s| view! {
                            <option value=status_code(s)>{move || state.t(status_key(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterSource)}</span>
                    <select data-testid="filter-source" on:change=move |ev| {
                        let source = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        set_query(&|q| q.source = source.clone())
                    }>
                        <option value="">{move || state.t(Key::AllSources)}</option>
                        {move || sources.get().into_iter().map(|s| {
                            let label = source_label(state.lang.get(), &s);
                            view! { <option value=s>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterOwner)}</span>
                    <select data-testid="filter-owner" on:change=move |ev| {
                        let owner = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        set_query(&|q| q.owner = owner.clone())
                    }>
                        <option value="">{move || state.t(Key::AllOwners)}</option>
                        {move || state.team.get().into_iter().map(|m| {
                            let me = m.meta.id == state.me.get();
                            let label = if me { state.tf(Key::MemberIsMe, &[("name", &m.name)]) } else { m.name.clone() };
                            view! { <option value=m.meta.id.clone()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::SortBy)}</span>
                    <select data-testid="sort" on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let sort = LeadSort::ALL.into_iter().find(|s| sort_code(*s) == code).unwrap_or_default();
                        set_query(&|q| q.sort = sort)
                    }>
                        {LeadSort::ALL.into_iter().map(|s| view! {
                            <option value=sort_code(s)>{move || state.t(sort_key(s))}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Show
                when=move || found.with(|f| !f.is_empty())
                fallback=move || view! {
                    <div class="empty">
                        {move || if total.get() == 0 {
                            view! {
                                <p>{state.t(Key::NoLeadsYet)}</p>
                                <A href="/leads/new" attr:class="button button-primary">{state.t(Key::NewLead)}</A>
                            }.into_any()
                        } else {
                            view! { <p>{state.t(Key::NoLeadsMatch)}</p> }.into_any()
                        }}
                    </div>
                }
            >
                <RecordTable testid="lead-table" rows=found list=state.leads
                    columns=COLUMNS.to_vec()
                    row=|lead| view! { <LeadCells lead/> }/>
            </Show>
        </section>
    }
}

#[component]
fn LeadCells(lead: Lead) -> impl IntoView {
    let state = expect_context::<AppState>();
    let href = format!("/leads/{}", lead.meta.id);
    let name = lead.display_name().to_owned();
    let company = if lead.details.name.is_empty() {
        String::new()
    } else {
        lead.details.company.clone()
    };
    let status = lead.status;
    let lang = state.lang.get();
    let source = source_label(lang, &lead.details.source);
    let owner = state.member_name(&lead.meta.owner);
    let follow_up = lead
        .details
        .next_follow_up
        .as_deref()
        .map(|d| format_date(lang, d));
    let updated = format_datetime(lang, &lead.meta.updated_at);
    view! {
            <td class="cell-title" data-label=state.t(Key::ColName)><a href=href>{name}</a></td>
            <td data-label=state.t(Key::ColCompany)>{company}</td>
            <td data-label=state.t(Key::ColStatus)>
                <span class=format!("badge badge-{}", status_code(status))>{state.t(status_key(status))}</span>
            </td>
            <td data-label=state.t(Key::ColSource)>{source}</td>
            <td data-label=state.t(Key::ColOwner)>{owner}</td>
            <td data-label=state.t(Key::ColNextFollowUp)>{follow_up}</td>
            <td data-label=state.t(Key::ColUpdated)>{updated}</td>
    }
}
