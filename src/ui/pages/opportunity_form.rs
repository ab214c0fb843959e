//! The form for an opportunity's details: amount, currency, probability, dates, its contacts
//! among the customer's, and its owner.

use leptos::prelude::*;

use crate::domain::id::Id;
use crate::domain::opportunity_draft::OpportunityDraft;
use crate::domain::validate::{Field, FieldProblem};
use crate::i18n::Key;
use crate::ui::components::field::{
    problem_signal, DraftForm, Field as FormField, FieldKind, OwnerSelect, SourceSelect,
};
use crate::ui::state::AppState;

/// Currencies offered until Settings keeps the company's own list.
pub const CURRENCIES: [&str; 5] = ["CNY", "USD", "EUR", "HKD", "JPY"];

pub type OpportunityInput = (OpportunityDraft, Id);

#[component]
pub fn OpportunityForm(
    /// Kept by the page, which updates it when the record changes under the form.
    draft: RwSignal<OpportunityDraft>,
    owner: RwSignal<Id>,
    customer_id: Id,
    problems: RwSignal<Vec<FieldProblem>>,
    saving: RwSignal<bool>,
    on_submit: Callback<OpportunityInput>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let mut currencies: Vec<String> = CURRENCIES.iter().map(|c| (*c).to_owned()).collect();
    let current = draft.with_untracked(|d| d.currency.clone());
    if !currencies.contains(&current) {
        currencies.push(current);
    }
    let form = DraftForm { draft, problems };
    let contacts = Memo::new(move |_| {
        state.contacts.with(|all| {
            all.iter()
                .filter(|c| c.customer_id == customer_id && !c.meta.is_deleted())
                .map(|c| (c.meta.id.clone(), c.details.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !saving.get_untracked() {
            on_submit.run((draft.get_untracked(), owner.get_untracked()));
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate data-testid="opportunity-edit-form">
            <div class="form-grid">
                {form.text("opportunity-title", Key::FieldOpportunityTitle, Field::Title, FieldKind::Text, |d| &d.title, |d, v| d.title = v)}
                {form.text("opportunity-amount", Key::FieldAmount, Field::Amount, FieldKind::Text, |d| &d.amount, |d, v| d.amount = v)}
                <div class="field">
                    <label for="opportunity-currency">{move || state.t(Key::FieldCurrency)}</label>
                    <select id="opportunity-currency" on:change=move |ev| draft.update(|d| d.currency = event_target_value(&ev))>
                        {currencies.into_iter().map(|c| {
                            let (chosen, value) = (c.clone(), c.clone());
                            view! { <option value=value selected=move || draft.with(|d| d.currency == chosen)>{c}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <FormField id="opportunity-probability" label=Key::FieldProbability hint=Key::ProbabilityHint
                    value=Signal::derive(move || draft.with(|d| d.probability.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.probability = v))
                    error=problem_signal(problems, Field::Probability)/>
                <FormField id="opportunity-close" label=Key::FieldExpectedClose kind=FieldKind::Date
                    value=Signal::derive(move || draft.with(|d| d.expected_close.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| d.expected_close = Some(v)))
                    error=problem_signal(problems, Field::ExpectedClose)/>
                <FormField id="opportunity-follow-up" label=Key::FieldNextFollowUp kind=FieldKind::Date
                    value=Signal::derive(move || draft.with(|d| d.next_follow_up.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| d.next_follow_up = Some(v)))
                    error=problem_signal(problems, Field::NextFollowUp)/>
                <SourceSelect id="opportunity-source" source=Signal::derive(move || draft.with(|d| d.source.clone()))
                    on_change=Callback::new(move |v| draft.update(|d| d.source = v))/>
                <OwnerSelect id="opportunity-owner" owner/>
            </div>
            <fieldset class="field checkbox-group" data-testid="opportunity-contacts">
                <legend>{move || state.t(Key::FieldContacts)}</legend>
                <Show when=move || contacts.with(Vec::is_empty)>
                    <p class="muted">{move || state.t(Key::NoContactsYet)}</p>
                </Show>
                {move || contacts.get().into_iter().map(|(id, name)| {
                    let checked_id = id.clone();
                    view! {
                        <label class="checkbox">
                            <input type="checkbox"
                                prop:checked=move || draft.with(|d| d.contact_ids.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| {
                                        d.contact_ids.retain(|c| c != &id);
                                        if on { d.contact_ids.push(id.clone()); }
                                    });
                                }/>
                            {name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button button-primary" data-testid="save-opportunity-details" disabled=move || saving.get()>
                {move || state.t(Key::SaveChanges)}
            </button>
        </form>
    }
}
