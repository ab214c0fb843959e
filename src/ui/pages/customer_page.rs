//! A new customer, and one customer's page: details, contacts, where it came from, Trash.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::activities::{ActivityPanel, Opened, Subject};
use super::contacts::ContactsPanel;
use super::customer_form::{CustomerForm, CustomerInput};
use super::customer_sales::CustomerSales;
use super::opportunities::OpportunitiesPanel;
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::record::RecordMeta;
use crate::i18n::{format_datetime, Key};
use crate::ui::browser::{new_id, now};
use crate::ui::components::changed_elsewhere::ChangedElsewhere;
use crate::ui::components::record_route::RecordRoute;
use crate::ui::state::AppState;

#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let on_submit = Callback::new(move |(details, owner): CustomerInput| {
        match Customer::create(RecordMeta::new(new_id(), &now(), owner), details) {
            Err(found) => problems.set(found),
            Ok(customer) => {
                problems.set(Vec::new());
                saving.set(true);
                let navigate = navigate.clone();
                spawn_local(async move {
                    let href = format!("/customers/{}", customer.meta.id);
                    match state.save_customer(customer).await {
                        Ok(()) => {
                            state.inform(Key::CustomerSaved);
                            navigate(&href, Default::default());
                        }
                        Err(error) => state.fail(&error),
                    }
                    saving.set(false);
                });
            }
        }
    });
    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/customers">{move || state.t(Key::BackToCustomers)}</A></p>
            <h1>{move || state.t(Key::NewCustomer)}</h1>
            <CustomerForm initial=CustomerDetails::default() owner=state.me.get_untracked()
                problems saving on_submit submit_label=Key::CreateCustomer/>
        </section>
    }
}

#[component]
pub fn CustomerPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.customers not_found=Key::CustomerNotFound back=Key::BackToCustomers back_href="/customers"
            page=|id| view! { <CustomerView id/> }/>
    }
}

#[component]
fn CustomerView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let Some(initial) = state.customer(&id) else {
        return ().into_any();
    };
    let customer = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .customers
                .with(|all| all.iter().find(|c| c.meta.id == id).cloned())
        })
    };
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    // Changes start from the copy this page opened (see the lead page for why).
    let base = RwSignal::new(initial.clone());
    let generation = RwSignal::new(0u32);
    let newer_elsewhere =
        move || customer.with(|c| c.as_ref().map(|c| c.meta.rev)) > Some(base.with(|b| b.meta.rev));
    let save = move |customer: Customer, done: Key, after: Option<&'static str>| {
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match state.save_customer(customer.clone()).await {
                Ok(()) => {
                    base.set(customer);
                    state.inform(done);
                    if let Some(href) = after {
                        navigate(href, Default::default());
                    }
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let on_submit = {
        let save = save.clone();
        Callback::new(move |(details, owner): CustomerInput| {
            let mut customer = base.get_untracked();
            customer.meta.owner = owner;
            match customer.edit(details, &now()) {
                Err(found) => problems.set(found),
                Ok(()) => {
                    problems.set(Vec::new());
                    save(customer, Key::CustomerSaved, None);
                }
            }
        })
    };
    let trash = {
        let save = save.clone();
        move |_| {
            let mut customer = base.get_untracked();
            customer.meta.move_to_trash(&now());
            save(customer, Key::MovedToTrash, Some("/customers"));
        }
    };
    let restore = {
        let save = save.clone();
        move |_| {
            let mut customer = base.get_untracked();
            customer.meta.restore(&now());
            save(customer, Key::Restored, None);
        }
    };
    let deleted = move || base.with(|c| c.meta.is_deleted());
    let from_lead = initial.from_lead.clone().and_then(|lead_id| {
        state
            .lead(&lead_id)
            .map(|lead| (lead_id, lead.display_name().to_owned()))
    });

    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/customers">{move || state.t(Key::BackToCustomers)}</A></p>
            <div class="page-head">
                <div>
                    <h1 data-testid="customer-heading">{move || base.with(|c| c.details.name.clone())}</h1>
                    <p class="muted">
                        {move || base.with(|c| state.tf(Key::LeadMeta, &[
                            ("created", &format_datetime(state.lang.get(), &c.meta.created_at)),
                            ("updated", &format_datetime(state.lang.get(), &c.meta.updated_at)),
                        ]))}
                    </p>
                    {from_lead.map(|(lead_id, name)| view! {
                        <p class="muted" data-testid="from-lead">
                            {move || state.t(Key::FromLead)}" "<A href=format!("/leads/{lead_id}")>{name}</A>
                        </p>
                    })}
                </div>
                <Show when=move || !deleted()>
                    <button type="button" class="button button-danger" data-testid="trash-customer"
                        disabled=move || saving.get() on:click=trash.clone()>
                        {move || state.t(Key::MoveToTrash)}
                    </button>
                </Show>
            </div>
            <Show when=deleted>
                <div class="callout" role="note">
                    <span>{move || state.t(Key::CustomerInTrash)}</span>
                    <button type="button" class="button" data-testid="restore-customer"
                        disabled=move || saving.get() on:click=restore.clone()>
                        {move || state.t(Key::Restore)}
                    </button>
                </div>
            </Show>
            <ContactsPanel customer_id=id.clone()/>
            <OpportunitiesPanel customer_id=id.clone()/>
            <CustomerSales customer_id=id.clone()/>
            <ActivityPanel subject=Subject::Customer(Opened { base, generation })/>
            <h2 class="section-heading">{move || state.t(Key::CustomerDetails)}</h2>
            <ChangedElsewhere when=Signal::derive(newer_elsewhere) on_load_latest=Callback::new(move |()| {
                if let Some(latest) = customer.get_untracked() {
                    base.set(latest);
                    problems.set(Vec::new());
                    generation.update(|g| *g += 1);
                }
            })/>
            {move || {
                generation.track();
                let opened = base.get_untracked();
                view! {
                    <CustomerForm initial=opened.details owner=opened.meta.owner editing=opened.meta.id
                        problems saving on_submit submit_label=Key::SaveChanges/>
                }
            }}
        </section>
    }
    .into_any()
}
