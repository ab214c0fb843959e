//! Every activity, across records: search as you type, filters, sort, bulk changes.

use leptos::prelude::*;

use super::activities::kind_code;
use crate::domain::activity::{Activity, ActivityKind, Links};
use crate::domain::id::Id;
use crate::domain::list_query::{ActivityQuery, ActivitySort, Names};
use crate::i18n::{format_date, format_datetime, format_number, t, Key, Lang};
use crate::ui::components::csv_export::{local_time, ExportCsv};
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::components::toolbar::{ChoiceSelect, OwnerFilter, SearchInput};
use crate::ui::labels::kind_key;
use crate::ui::search::{changes, typed_found};
use crate::ui::state::AppState;

/// The page of the record an activity is about, most specific first.
fn about(links: &Links) -> Option<(String, &Id)> {
    let Links {
        lead_id,
        customer_id,
        opportunity_id,
        ..
    } = links;
    opportunity_id
        .as_ref()
        .map(|id| (format!("/opportunities/{id}"), id))
        .or_else(|| {
            customer_id
                .as_ref()
                .map(|id| (format!("/customers/{id}"), id))
        })
        .or_else(|| lead_id.as_ref().map(|id| (format!("/leads/{id}"), id)))
}

const COLUMNS: [Key; 6] = [
    Key::FieldSubject,
    Key::FieldKind,
    Key::ColAbout,
    Key::ColWhen,
    Key::FieldDue,
    Key::ColOwner,
];

/// The exported file says in a column of its own whether a task is done.
const EXPORT_COLUMNS: [Key; 7] = [
    Key::FieldSubject,
    Key::FieldKind,
    Key::ColAbout,
    Key::ColWhen,
    Key::FieldDue,
    Key::ColOwner,
    Key::Done,
];

/// An activity's cells as text, for the exported file.
fn activity_texts(state: AppState, a: &Activity, names: &Names, lang: Lang) -> Vec<String> {
    let subject = if a.details.subject.is_empty() {
        &a.details.body
    } else {
        &a.details.subject
    };
    let about = about(&a.links)
        .and_then(|(_, id)| names.get(id).cloned())
        .unwrap_or_default();
    vec![
        subject.clone(),
        t(lang, kind_key(a.details.kind)).to_owned(),
        about,
        local_time(&a.at),
        a.details.due.clone().unwrap_or_default(),
        state.member_name(&a.meta.owner),
        if a.done {
            t(lang, Key::Done).to_owned()
        } else {
            String::new()
        },
    ]
}

#[component]
pub fn ActivityListPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(ActivityQuery::default());
    let names = state.record_names();
    let edits = changes(move || {
        state.activities.track();
        names.track();
    });
    // Sorted once per change of the activities or the sort; a keystroke only filters.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let order = Memo::new(move |_| state.activities.with(|all| sort.get().order(all)));
    let found = typed_found(query, edits, move |q, from| {
        names.with(|names| {
            state.activities.with(|all| match from {
                Some(from) => q.filter(all, names, from),
                None => order.with(|order| q.filter(all, names, order)),
            })
        })
    });
    let mut kinds = vec![(None, "", Key::AllKinds)];
    kinds.extend(
        ActivityKind::ALL
            .into_iter()
            .map(|k| (Some(k), kind_code(k), kind_key(k))),
    );
    let shown = vec![
        (false, "all", Key::AllActivities),
        (true, "open", Key::OpenTasksOnly),
    ];
    let sorts = vec![
        (ActivitySort::Newest, "newest", Key::SortNewest),
        (ActivitySort::Oldest, "oldest", Key::SortOldest),
        (ActivitySort::Due, "due", Key::SortDue),
    ];
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::ActivitiesTitle)}</h1>
                    <p class="muted" data-testid="activity-count">
                        {move || state.tf(Key::RecordsCount, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                </div>
                <ExportCsv name="activities" columns=EXPORT_COLUMNS.to_vec() rows=records_at(state.activities, found) cells=move |a: &Activity, lang| {
                    names.with_untracked(|names| activity_texts(state, a, names, lang))
                }/>
            </div>
            <div class="toolbar" role="search">
                <SearchInput testid="activity-search" placeholder=Key::SearchActivitiesPlaceholder
                    value=Signal::derive(move || query.with(|q| q.text.clone()))
                    on_input=Callback::new(move |text| query.update(|q| q.text = text))/>
                <ChoiceSelect label=Key::FieldKind testid="filter-kind" choices=kinds
                    on_change=Callback::new(move |kind| query.update(|q| q.kind = kind))/>
                <ChoiceSelect label=Key::OpenTasksOnly testid="filter-open" choices=shown
                    on_change=Callback::new(move |only| query.update(|q| q.open_tasks_only = only))/>
                <OwnerFilter on_change=Callback::new(move |owner| query.update(|q| q.owner = owner))/>
                <ChoiceSelect label=Key::SortBy testid="sort" choices=sorts
                    on_change=Callback::new(move |sort| query.update(|q| q.sort = sort))/>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! { <div class="empty"><p>{move || state.t(Key::NoActivitiesMatch)}</p></div> }>
                <RecordTable testid="activity-table" rows=found list=state.activities
                    columns=COLUMNS.to_vec()
                    row=move |activity| view! { <ActivityCells activity names/> }/>
            </Show>
        </section>
    }
}

#[component]
fn ActivityCells(activity: Activity, names: Memo<Names>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let a = activity;
    let kind = a.details.kind;
    let link = about(&a.links).map(|(href, id)| {
        let name = names.with_untracked(|n| n.get(id).cloned().unwrap_or_default());
        view! { <a href=href>{name}</a> }
    });
    let subject = if a.details.subject.is_empty() {
        a.details.body.clone()
    } else {
        a.details.subject.clone()
    };
    let lang = state.lang.get();
    let at = format_datetime(lang, &a.at);
    let due = a.details.due.as_deref().map(|d| format_date(lang, d));
    let done = a.done;
    let owner = state.member_name(&a.meta.owner);
    view! {
        <td class="cell-title" data-label=state.t(Key::FieldSubject)>{subject}</td>
        <td data-label=state.t(Key::FieldKind)>
            <span class=format!("badge badge-kind-{}", kind_code(kind))>{state.t(kind_key(kind))}</span>
        </td>
        <td data-label=state.t(Key::ColAbout)>{link}</td>
        <td data-label=state.t(Key::ColWhen)>{at}</td>
        <td data-label=state.t(Key::FieldDue)>
            {due}
            {done.then(|| view! { " "<span class="badge">{state.t(Key::Done)}</span> })}
        </td>
        <td data-label=state.t(Key::ColOwner)>{owner}</td>
    }
}
