//! Converting a qualified lead: pick the customer it becomes (the duplicate check proposes
//! existing ones), check the contact, and write everything in one go.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::customer_form::reason_key;
use super::opportunity_form::CURRENCIES;
use crate::domain::conversion::{
    convert, proposed_contact, proposed_customer, ConversionError, CustomerChoice, NewIds,
    NewOpportunity,
};
use crate::domain::customer::similar_customers;
use crate::domain::duplicate::{email_key, phone_key, Identity, MatchReason};
use crate::domain::id::Id;
use crate::domain::lead::{Lead, LeadStatus};
use crate::domain::opportunity::{Outcome, Stage};
use crate::domain::opportunity_draft::OpportunityDraft;
use crate::domain::validate::Field;
use crate::i18n::Key;
use crate::ui::browser::{new_id, now};
use crate::ui::components::field::{problem_signal, DraftForm, Field as FormField, FieldKind};
use crate::ui::labels::stage_name;
use crate::ui::state::AppState;

#[component]
pub fn ConvertLeadPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let lead = Memo::new(move |_| {
        let id = params.read().get("id").unwrap_or_default();
        state.leads.with(|all| {
            all.iter()
                .find(|l| l.meta.id == id)
                .map(|l| (l.meta.id.clone(), l.status))
        })
    });
    move || match lead.get() {
        Some((id, LeadStatus::Qualified)) => state
            .lead(&id)
            .map(|lead| view! { <ConvertForm lead/> }.into_any())
            .unwrap_or_else(|| ().into_any()),
        Some((id, _)) => view! {
            <section class="page">
                <h1>{move || state.t(Key::ConvertLead)}</h1>
                <p>{move || state.t(Key::ConvertNeedsQualified)}</p>
                <p><A href=format!("/leads/{id}")>{move || state.t(Key::BackToLead)}</A></p>
            </section>
        }
        .into_any(),
        None => view! {
            <section class="page">
                <h1>{move || state.t(Key::LeadNotFound)}</h1>
                <p><A href="/leads">{move || state.t(Key::BackToLeads)}</A></p>
            </section>
        }
        .into_any(),
    }
}

/// Existing customers that may be the lead's company: by name or phone, or through a contact
/// with the lead's email or phone.
fn candidates(state: AppState, lead: &Lead) -> Vec<(Id, String, Vec<MatchReason>)> {
    let proposed = proposed_customer(lead);
    let identity = Identity::new(&proposed.name, &lead.details.phone, "");
    let mut found: Vec<(Id, String, Vec<MatchReason>)> = state.customers.with_untracked(|all| {
        similar_customers(&identity, all, None)
            .into_iter()
            .map(|(c, reasons)| (c.meta.id.clone(), c.details.name.clone(), reasons))
            .collect()
    });
    let (email, phone) = (
        email_key(&lead.details.email),
        phone_key(&lead.details.phone),
    );
    state.contacts.with_untracked(|contacts| {
        for contact in contacts.iter().filter(|c| !c.meta.is_deleted()) {
            let mut reasons = Vec::new();
            if !email.is_empty() && email_key(&contact.details.email) == email {
                reasons.push(MatchReason::Email);
            }
            if phone.len() >= 5 && phone_key(&contact.details.phone) == phone {
                reasons.push(MatchReason::Phone);
            }
            if reasons.is_empty() {
                continue;
            }
            if let Some((_, _, known)) = found
                .iter_mut()
                .find(|(id, _, _)| *id == contact.customer_id)
            {
                for reason in reasons {
                    if !known.contains(&reason) {
                        known.push(reason);
                    }
                }
            } else if let Some(customer) = state
                .customer(&contact.customer_id)
                .filter(|c| !c.meta.is_deleted())
            {
                found.push((
                    customer.meta.id.clone(),
                    customer.details.name.clone(),
                    reasons,
                ));
            }
        }
    });
    found
}

#[component]
fn ConvertForm(lead: Lead) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let found = candidates(state, &lead);
    // The strongest match is proposed; the user decides.
    let choice = RwSignal::new(found.first().map(|(id, _, _)| id.clone()));
    let customer = RwSignal::new(proposed_customer(&lead));
    let contact = RwSignal::new(proposed_contact(&lead));
    let customer_problems = RwSignal::new(Vec::new());
    let contact_problems = RwSignal::new(Vec::new());
    let with_opportunity = RwSignal::new(false);
    let opportunity = RwSignal::new(OpportunityDraft {
        title: proposed_customer(&lead).name,
        currency: CURRENCIES[0].to_owned(),
        ..OpportunityDraft::default()
    });
    let opportunity_problems = RwSignal::new(Vec::new());
    let open_stages: Vec<Stage> = state.stages.with_untracked(|all| {
        all.iter()
            .filter(|s| s.outcome == Outcome::Open)
            .cloned()
            .collect()
    });
    let stage = RwSignal::new(
        open_stages
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default(),
    );
    let saving = RwSignal::new(false);
    let lead_id = lead.meta.id.clone();
    let lead_name = lead.display_name().to_owned();

    let submit = {
        let lead_id = lead_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(current) = state.lead(&lead_id) else {
                return;
            };
            let picked = match choice.get_untracked() {
                Some(id) => CustomerChoice::Existing(id),
                None => CustomerChoice::New(Box::new(customer.get_untracked())),
            };
            let ids = NewIds {
                customer: new_id(),
                contact: new_id(),
            };
            customer_problems.set(Vec::new());
            contact_problems.set(Vec::new());
            opportunity_problems.set(Vec::new());
            let stamp = now();
            let converted = convert(&current, picked, contact.get_untracked(), ids, &stamp)
                .and_then(|done| match state.stage(&stage.get_untracked()) {
                    Some(stage) if with_opportunity.get_untracked() => {
                        let new = NewOpportunity {
                            draft: opportunity.get_untracked(),
                            stage,
                        };
                        done.with_opportunity(new, new_id(), &stamp)
                    }
                    _ => Ok(done),
                });
            match converted {
                Err(ConversionError::Customer(found)) => customer_problems.set(found),
                Err(ConversionError::Contact(found)) => contact_problems.set(found),
                Err(ConversionError::Opportunity(found)) => opportunity_problems.set(found),
                Err(_) => state.refuse(Key::ConvertNeedsQualified),
                Ok(done) => {
                    let Some(target) = done
                        .lead
                        .converted
                        .as_ref()
                        .map(|c| format!("/customers/{}", c.customer_id))
                    else {
                        return;
                    };
                    saving.set(true);
                    let navigate = navigate.clone();
                    spawn_local(async move {
                        match state.save_conversion(done).await {
                            Ok(()) => {
                                state.inform(Key::LeadConverted);
                                navigate(&target, Default::default());
                            }
                            Err(error) => state.fail(&error),
                        }
                        saving.set(false);
                    });
                }
            }
        }
    };
    let customer_field = move |id, label, field, kind, get: fn(&_) -> &String, set| {
        DraftForm {
            draft: customer,
            problems: customer_problems,
        }
        .text(id, label, field, kind, get, set)
    };
    let contact_field = move |id, label, field, kind, get: fn(&_) -> &String, set| {
        DraftForm {
            draft: contact,
            problems: contact_problems,
        }
        .text(id, label, field, kind, get, set)
    };

    let opportunity_field = move |id, label, field, get: fn(&_) -> &String, set| {
        DraftForm {
            draft: opportunity,
            problems: opportunity_problems,
        }
        .text(id, label, field, FieldKind::Text, get, set)
    };

    view! {
        <section class="page">
            <p class="breadcrumb"><A href=format!("/leads/{lead_id}")>{move || state.t(Key::BackToLead)}</A></p>
            <h1>{move || state.tf(Key::ConvertLeadNamed, &[("name", &lead_name)])}</h1>
            <form class="form" on:submit=submit novalidate>
                <fieldset class="choice">
                    <legend>{move || state.t(Key::ConvertCustomer)}</legend>
                    {found.into_iter().map(|(id, name, reasons)| {
                        let value = id.clone();
                        let pick = id.clone();
                        let why = move || reasons.iter().map(|r| state.t(reason_key(*r))).collect::<Vec<_>>().join(state.t(Key::ListSeparator));
                        view! {
                            <label class="choice-option">
                                <input type="radio" name="customer-choice" value=value
                                    prop:checked=move || choice.get().as_deref() == Some(id.as_str())
                                    on:change=move |_| choice.set(Some(pick.clone()))/>
                                <span>
                                    {move || state.tf(Key::UseExistingCustomer, &[("name", &name)])}
                                    <span class="muted">" · "{why}</span>
                                </span>
                            </label>
                        }
                    }).collect_view()}
                    <label class="choice-option">
                        <input type="radio" name="customer-choice" value="" data-testid="new-customer-choice"
                            prop:checked=move || choice.get().is_none()
                            on:change=move |_| choice.set(None)/>
                        <span>{move || state.t(Key::CreateNewCustomer)}</span>
                    </label>
                </fieldset>
                <Show when=move || choice.get().is_none()>
                    <div class="form-grid">
                        {customer_field("convert-customer-name", Key::FieldCustomerName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                        {customer_field("convert-customer-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                        {customer_field("convert-customer-city", Key::FieldCity, Field::City, FieldKind::Text, |d| &d.city, |d, v| d.city = v)}
                        {customer_field("convert-customer-industry", Key::FieldIndustry, Field::Industry, FieldKind::Text, |d| &d.industry, |d, v| d.industry = v)}
                    </div>
                </Show>
                <h2 class="section-heading">{move || state.t(Key::ConvertContact)}</h2>
                <p class="muted">{move || state.t(Key::ConvertContactHint)}</p>
                <div class="form-grid">
                    {contact_field("convert-contact-name", Key::FieldName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                    {contact_field("convert-contact-title", Key::FieldTitle, Field::Title, FieldKind::Text, |d| &d.title, |d, v| d.title = v)}
                    {contact_field("convert-contact-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                    {contact_field("convert-contact-email", Key::FieldEmail, Field::Email, FieldKind::Email, |d| &d.email, |d, v| d.email = v)}
                </div>
                <label class="checkbox section-heading">
                    <input type="checkbox" data-testid="with-opportunity" prop:checked=move || with_opportunity.get()
                        on:change=move |ev| with_opportunity.set(event_target_checked(&ev))/>
                    {move || state.t(Key::ConvertOpenOpportunity)}
                </label>
                <Show when=move || with_opportunity.get()>
                    <div class="form-grid" data-testid="convert-opportunity">
                        {opportunity_field("convert-opportunity-title", Key::FieldOpportunityTitle, Field::Title, |d| &d.title, |d, v| d.title = v)}
                        {opportunity_field("convert-opportunity-amount", Key::FieldAmount, Field::Amount, |d| &d.amount, |d, v| d.amount = v)}
                        <div class="field">
                            <label for="convert-opportunity-currency">{move || state.t(Key::FieldCurrency)}</label>
                            <select id="convert-opportunity-currency" on:change=move |ev| opportunity.update(|d| d.currency = event_target_value(&ev))>
                                {CURRENCIES.into_iter().map(|c| view! { <option value=c>{c}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="convert-opportunity-stage">{move || state.t(Key::Stage)}</label>
                            <select id="convert-opportunity-stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                                {open_stages.clone().into_iter().map(|s| {
                                    let value = s.id.clone();
                                    let name = stage_name(s);
                                    view! { <option value=value>{move || name(state.lang.get())}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <FormField id="convert-opportunity-close" label=Key::FieldExpectedClose kind=FieldKind::Date
                            value=Signal::derive(move || opportunity.with(|d| d.expected_close.clone().unwrap_or_default()))
                            on_input=Callback::new(move |v: String| opportunity.update(|d| d.expected_close = Some(v)))
                            error=problem_signal(opportunity_problems, Field::ExpectedClose)/>
                    </div>
                </Show>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-testid="confirm-convert" disabled=move || saving.get()>
                        {move || if saving.get() { state.t(Key::Saving) } else { state.t(Key::ConvertLead) }}
                    </button>
                </div>
            </form>
        </section>
    }
}
