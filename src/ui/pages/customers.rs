//! The customer list: search as you type, filters, sort, bulk changes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::customer::Customer;
use crate::domain::customer_query::{CustomerQuery, CustomerSort};
use crate::domain::id::Id;
use crate::domain::lead::Level;
use crate::i18n::{format_date, format_number, Key, Lang};
use crate::ui::components::csv_export::ExportCsv;
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::search::{changes, typed_found};
use crate::ui::state::AppState;

fn sort_label(sort: CustomerSort) -> (&'static str, Key) {
    match sort {
        CustomerSort::RecentlyUpdated => ("updated", Key::SortRecentlyUpdated),
        CustomerSort::Newest => ("newest", Key::SortNewest),
        CustomerSort::Name => ("name", Key::SortName),
        CustomerSort::NextFollowUp => ("follow_up", Key::SortNextFollowUp),
    }
}

const COLUMNS: [Key; 7] = [
    Key::ColName,
    Key::FieldIndustry,
    Key::FieldCity,
    Key::FieldLevel,
    Key::ColContacts,
    Key::ColOwner,
    Key::ColNextFollowUp,
];

/// A customer's cells as text, for the exported file.
fn customer_texts(state: AppState, customer: &Customer, contacts: usize) -> Vec<String> {
    let d = &customer.details;
    vec![
        d.name.clone(),
        d.industry.clone(),
        d.city.clone(),
        d.level.map(Level::as_str).unwrap_or_default().to_owned(),
        contacts.to_string(),
        state.member_name(&customer.meta.owner),
        d.next_follow_up.clone().unwrap_or_default(),
    ]
}

#[component]
pub fn CustomersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(CustomerQuery::default());
    // The sorted list changes only with the customers or the sort; a keystroke filters it.
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let order = Memo::new(move |_| state.customers.with(|all| sort.get().order(all)));
    // What a keystroke found is good only for the customers it looked at.
    let edits = changes(move || state.customers.track());
    let found = typed_found(query, edits, move |q, from| {
        state.customers.with(|all| match from {
            Some(from) => q.filter(all, from),
            None => order.with(|order| q.filter(all, order)),
        })
    });
    let total = Memo::new(move |_| {
        state
            .customers
            .with(|all| all.iter().filter(|c| !c.meta.is_deleted()).count())
    });
    // Counted once per change of contacts, not once per row.
    let contact_counts = Memo::new(move |_| {
        state.contacts.with(|all| {
            let mut counts = std::collections::HashMap::<Id, usize>::new();
            for contact in all.iter().filter(|c| !c.meta.is_deleted()) {
                *counts.entry(contact.customer_id.clone()).or_default() += 1;
            }
            counts
        })
    });
    let set_query = move |change: &dyn Fn(&mut CustomerQuery)| {
        query.update(|q| change(q));
    };
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::CustomersTitle)}</h1>
                    <p class="muted" data-testid="customer-count">
                        {move || state.tf(Key::CustomersCount, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name="customers" columns=COLUMNS.to_vec() rows=records_at(state.customers, found) cells=move |customer: &Customer, _: Lang| {
                        let contacts = contact_counts.with_untracked(|counts| counts.get(customer.meta.id.as_str()).copied().unwrap_or(0));
                        customer_texts(state, customer, contacts)
                    }/>
                    <A href="/import/customers" attr:class="button">{move || state.t(Key::ImportCsv)}</A>
                    <A href="/customers/new" attr:class="button button-primary">{move || state.t(Key::NewCustomer)}</A>
                </div>
            </div>
            <div class="toolbar toolbar-short" role="search">
                <label class="toolbar-search">
                    <span class="visually-hidden">{move || state.t(Key::Search)}</span>
                    <input type="search" data-testid="customer-search"
                        placeholder=move || state.t(Key::SearchCustomersPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let text = event_target_value(&ev); set_query(&|q| q.text = text.clone()) }/>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FieldLevel)}</span>
                    <select on:change=move |ev| { let level = Level::parse(&event_target_value(&ev)); set_query(&|q| q.level = level) }>
                        <option value="">{move || state.t(Key::AllLevels)}</option>
                        {Level::ALL.into_iter().map(|l| view! { <option value=l.as_str()>{l.as_str()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterOwner)}</span>
                    <select on:change=move |ev| {
                        let owner = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        set_query(&|q| q.owner = owner.clone())
                    }>
                        <option value="">{move || state.t(Key::AllOwners)}</option>
                        {move || state.team.get().into_iter().map(|m| view! { <option value=m.meta.id.clone()>{m.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::SortBy)}</span>
                    <select on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let sort = CustomerSort::ALL.into_iter().find(|s| sort_label(*s).0 == code).unwrap_or_default();
                        set_query(&|q| q.sort = sort)
                    }>
                        {CustomerSort::ALL.into_iter().map(|s| {
                            let (code, key) = sort_label(s);
                            view! { <option value=code>{move || state.t(key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! {
                    <div class="empty">
                        <p>{move || if total.get() == 0 { state.t(Key::NoCustomersYet) } else { state.t(Key::NoCustomersMatch) }}</p>
                    </div>
                }>
                <RecordTable testid="customer-table" rows=found list=state.customers
                    columns=COLUMNS.to_vec()
                    row=move |customer| view! { <CustomerCells customer contact_counts/> }/>
            </Show>
        </section>
    }
}

#[component]
fn CustomerCells(
    customer: Customer,
    contact_counts: Memo<std::collections::HashMap<Id, usize>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = customer.meta.id.clone();
    let contacts = {
        let id = id.clone();
        move || contact_counts.with(|counts| counts.get(id.as_str()).copied().unwrap_or(0))
    };
    let owner = state.member_name(&customer.meta.owner);
    let lang = state.lang.get();
    let follow_up = customer
        .details
        .next_follow_up
        .as_deref()
        .map(|day| format_date(lang, day));
    let d = customer.details;
    view! {
            <td class="cell-title" data-label=state.t(Key::ColName)><a href=format!("/customers/{id}")>{d.name}</a></td>
            <td data-label=state.t(Key::FieldIndustry)>{d.industry}</td>
            <td data-label=state.t(Key::FieldCity)>{d.city}</td>
            <td data-label=state.t(Key::FieldLevel)>{d.level.map(Level::as_str)}</td>
            <td data-label=state.t(Key::ColContacts)>{contacts}</td>
            <td data-label=state.t(Key::ColOwner)>{owner}</td>
            <td data-label=state.t(Key::ColNextFollowUp)>{follow_up}</td>
    }
}
