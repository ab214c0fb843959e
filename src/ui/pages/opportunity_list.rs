//! Opportunities as a list, beside the board: search as you type, filters, sort, bulk changes.

use leptos::prelude::*;
use leptos_router::components::A;

use super::opportunities::stage_label;
use crate::domain::list_query::{Names, OpportunityQuery, OpportunitySort};
use crate::domain::opportunity::{sums, Opportunity};
use crate::domain::places::at;
use crate::i18n::{format_date, format_money, format_number, Key, Lang};
use crate::ui::components::csv_export::{money_text, ExportCsv};
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::components::toolbar::{ChoiceSelect, OwnerFilter, SearchInput};
use crate::ui::labels::stage_name;
use crate::ui::search::{changes, typed_found};
use crate::ui::state::AppState;

/// Switches between the board and the list.
#[component]
pub fn PipelineViews() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <nav class="view-switch" aria-label=move || state.t(Key::PipelineTitle)>
            <A href="/pipeline" exact=true>{move || state.t(Key::BoardView)}</A>
            <A href="/opportunities" exact=true>{move || state.t(Key::ListView)}</A>
        </nav>
    }
}

const COLUMNS: [Key; 7] = [
    Key::ColTitle,
    Key::ColCustomer,
    Key::Stage,
    Key::FieldAmount,
    Key::FieldProbability,
    Key::FieldExpectedClose,
    Key::ColOwner,
];

/// The exported file has the amount's currency in a column of its own, after the columns shown.
const EXPORT_COLUMNS: [Key; 8] = [
    Key::ColTitle,
    Key::ColCustomer,
    Key::Stage,
    Key::FieldAmount,
    Key::FieldProbability,
    Key::FieldExpectedClose,
    Key::ColOwner,
    Key::FieldCurrency,
];

/// An opportunity's cells as text, for the exported file.
fn opportunity_texts(state: AppState, o: &Opportunity, names: &Names, lang: Lang) -> Vec<String> {
    let stage = state.stages.with_untracked(|stages| {
        stages
            .iter()
            .find(|s| s.id == o.stage_id)
            .map(|s| stage_name(s.clone())(lang))
            .unwrap_or_else(|| o.stage_id.clone())
    });
    vec![
        o.title.clone(),
        names
            .get(o.customer_id.as_str())
            .cloned()
            .unwrap_or_default(),
        stage,
        money_text(o.amount),
        o.probability.to_string(),
        o.expected_close.clone().unwrap_or_default(),
        state.member_name(&o.meta.owner),
        o.currency.clone(),
    ]
}

#[component]
pub fn OpportunityListPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(OpportunityQuery::default());
    let names = state.record_names();
    let edits = changes(move || {
        state.opportunities.track();
        names.track();
    });
    let found = typed_found(query, edits, move |q, from| {
        names.with(|names| {
            state.opportunities.with(|all| match from {
                Some(from) => q.filter(all, names, from),
                None => q.run(all, names),
            })
        })
    });
    let sorts = vec![
        (
            OpportunitySort::RecentlyUpdated,
            "updated",
            Key::SortRecentlyUpdated,
        ),
        (OpportunitySort::AmountHighest, "amount", Key::SortAmount),
        (
            OpportunitySort::ExpectedClose,
            "close",
            Key::SortExpectedClose,
        ),
        (OpportunitySort::Title, "title", Key::SortTitle),
    ];
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::OpportunitiesTitle)}</h1>
                    <p class="muted" data-testid="opportunity-count">
                        {move || state.tf(Key::RecordsCount, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                    <p class="muted" data-testid="opportunity-sums">
                        {move || {
                            let lang = state.lang.get();
                            found.with(|f| state.opportunities.with(|all| sums(at(all, f)))).into_iter().map(|(currency, (total, weighted))| {
                                state.tf(Key::OpportunitySums, &[
                                    ("total", &format_money(lang, total, &currency)),
                                    ("weighted", &format_money(lang, weighted, &currency)),
                                ])
                            }).collect::<Vec<_>>().join(" · ")
                        }}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name="opportunities" columns=EXPORT_COLUMNS.to_vec() rows=records_at(state.opportunities, found) cells=move |o: &Opportunity, lang| {
                        names.with_untracked(|names| opportunity_texts(state, o, names, lang))
                    }/>
                    <PipelineViews/>
                </div>
            </div>
            <div class="toolbar" role="search">
                <SearchInput testid="opportunity-search" placeholder=Key::SearchOpportunitiesPlaceholder
                    value=Signal::derive(move || query.with(|q| q.text.clone()))
                    on_input=Callback::new(move |text| query.update(|q| q.text = text))/>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::Stage)}</span>
                    <select data-testid="filter-stage" on:change=move |ev| {
                        let stage = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        query.update(|q| q.stage = stage);
                    }>
                        <option value="">{move || state.t(Key::AllStages)}</option>
                        {move || state.stages.get().into_iter().map(|stage| {
                            let value = stage.id.clone();
                            let name = stage_name(stage);
                            view! { <option value=value>{move || name(state.lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <OwnerFilter on_change=Callback::new(move |owner| query.update(|q| q.owner = owner))/>
                <ChoiceSelect label=Key::SortBy testid="sort" choices=sorts
                    on_change=Callback::new(move |sort| query.update(|q| q.sort = sort))/>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! { <div class="empty"><p>{move || state.t(Key::NoOpportunitiesMatch)}</p></div> }>
                <RecordTable testid="opportunity-table" rows=found list=state.opportunities
                    columns=COLUMNS.to_vec()
                    row=move |opportunity| view! { <OpportunityCells opportunity names/> }/>
            </Show>
        </section>
    }
}

#[component]
fn OpportunityCells(opportunity: Opportunity, names: Memo<Names>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let o = opportunity;
    let customer =
        names.with_untracked(|n| n.get(o.customer_id.as_str()).cloned().unwrap_or_default());
    let lang = state.lang.get();
    let owner = state.member_name(&o.meta.owner);
    let stage = stage_label(state, &o.stage_id);
    let amount = format_money(lang, o.amount, &o.currency);
    let close = o.expected_close.as_deref().map(|d| format_date(lang, d));
    view! {
        <td class="cell-title" data-label=state.t(Key::ColTitle)><a href=format!("/opportunities/{}", o.meta.id)>{o.title.clone()}</a></td>
        <td data-label=state.t(Key::ColCustomer)><a href=format!("/customers/{}", o.customer_id)>{customer}</a></td>
        <td data-label=state.t(Key::Stage)>{stage}</td>
        <td data-label=state.t(Key::FieldAmount) class="cell-number">{amount}</td>
        <td data-label=state.t(Key::FieldProbability) class="cell-number">{format!("{}%", o.probability)}</td>
        <td data-label=state.t(Key::FieldExpectedClose)>{close}</td>
        <td data-label=state.t(Key::ColOwner)>{owner}</td>
    }
}
