//! Every contact, across customers: search as you type, filters, sort, bulk changes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::contact::Contact;
use crate::domain::list_query::{ContactQuery, ContactSort, Names};
use crate::i18n::{format_number, Key, Lang};
use crate::ui::components::csv_export::ExportCsv;
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::components::toolbar::{ChoiceSelect, OwnerFilter, SearchInput};
use crate::ui::search::{changes, typed_found};
use crate::ui::state::AppState;

const COLUMNS: [Key; 6] = [
    Key::ColName,
    Key::FieldTitle,
    Key::ColCustomer,
    Key::FieldPhone,
    Key::FieldEmail,
    Key::ColOwner,
];

/// A contact's cells as text, for the exported file.
fn contact_texts(state: AppState, contact: &Contact, names: &Names) -> Vec<String> {
    let d = &contact.details;
    vec![
        d.name.clone(),
        d.title.clone(),
        names
            .get(contact.customer_id.as_str())
            .cloned()
            .unwrap_or_default(),
        d.phone.clone(),
        d.email.clone(),
        state.member_name(&contact.meta.owner),
    ]
}

#[component]
pub fn ContactListPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(ContactQuery::default());
    let names = state.record_names();
    let edits = changes(move || {
        state.contacts.track();
        names.track();
    });
    let found = typed_found(query, edits, move |q, from| {
        names.with(|names| {
            state.contacts.with(|all| match from {
                Some(from) => q.filter(all, names, from),
                None => q.run(all, names),
            })
        })
    });
    let sorts = vec![
        (ContactSort::Name, "name", Key::SortName),
        (ContactSort::Customer, "customer", Key::SortCustomer),
        (
            ContactSort::RecentlyUpdated,
            "updated",
            Key::SortRecentlyUpdated,
        ),
    ];
    let shown = vec![
        (false, "all", Key::AllContacts),
        (true, "decision", Key::DecisionMakersOnly),
    ];
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::ContactsTitle)}</h1>
                    <p class="muted" data-testid="contact-count">
                        {move || state.tf(Key::RecordsCount, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name="contacts" columns=COLUMNS.to_vec() rows=records_at(state.contacts, found) cells=move |contact: &Contact, _: Lang| {
                        names.with_untracked(|names| contact_texts(state, contact, names))
                    }/>
                    <A href="/import/contacts" attr:class="button">{move || state.t(Key::ImportCsv)}</A>
                </div>
            </div>
            <div class="toolbar toolbar-short" role="search">
                <SearchInput testid="contact-search" placeholder=Key::SearchContactsPlaceholder
                    value=Signal::derive(move || query.with(|q| q.text.clone()))
                    on_input=Callback::new(move |text| query.update(|q| q.text = text))/>
                <ChoiceSelect label=Key::DecisionMaker testid="filter-decision" choices=shown
                    on_change=Callback::new(move |only| query.update(|q| q.decision_makers_only = only))/>
                <OwnerFilter on_change=Callback::new(move |owner| query.update(|q| q.owner = owner))/>
                <ChoiceSelect label=Key::SortBy testid="sort" choices=sorts
                    on_change=Callback::new(move |sort| query.update(|q| q.sort = sort))/>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! { <div class="empty"><p>{move || state.t(Key::NoContactsMatch)}</p></div> }>
                <RecordTable testid="contact-table" rows=found list=state.contacts
                    columns=COLUMNS.to_vec()
                    row=move |contact| view! { <ContactCells contact names/> }/>
            </Show>
        </section>
    }
}

#[component]
fn ContactCells(contact: Contact, names: Memo<Names>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let customer_id = contact.customer_id.clone();
    let customer =
        names.with_untracked(|n| n.get(customer_id.as_str()).cloned().unwrap_or_default());
    let href = format!("/customers/{customer_id}");
    let owner = state.member_name(&contact.meta.owner);
    let d = contact.details;
    view! {
        <td class="cell-title" data-label=state.t(Key::ColName)>
            <a href=href.clone()>{d.name}</a>
            {d.decision_maker.then(|| view! { " "<span class="badge badge-me">{state.t(Key::DecisionMaker)}</span> })}
        </td>
        <td data-label=state.t(Key::FieldTitle)>{d.title}</td>
        <td data-label=state.t(Key::ColCustomer)><a href=href>{customer}</a></td>
        <td data-label=state.t(Key::FieldPhone)>{d.phone}</td>
        <td data-label=state.t(Key::FieldEmail)>{d.email}</td>
        <td data-label=state.t(Key::ColOwner)>{owner}</td>
    }
}
