//! The form for a customer's details, with a warning when it looks like one that exists.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::customer::{parse_tags, similar_customers, CustomerDetails};
use crate::domain::duplicate::{Identity, MatchReason};
use crate::domain::id::Id;
use crate::domain::validate::{Field, FieldProblem};
use crate::i18n::Key;
use crate::ui::components::field::{
    problem_signal, DraftForm, Field as FormField, FieldKind, LevelSelect, OwnerSelect,
    SourceSelect,
};
use crate::ui::state::AppState;

pub type CustomerInput = (CustomerDetails, Id);

pub fn reason_key(reason: MatchReason) -> Key {
    match reason {
        MatchReason::Name => Key::SameName,
        MatchReason::Phone => Key::SamePhone,
        MatchReason::Email => Key::SameEmail,
    }
}

#[component]
pub fn CustomerForm(
    initial: CustomerDetails,
    owner: Id,
    /// The customer being edited, left out of the duplicate check.
    #[prop(optional)]
    editing: Option<Id>,
    problems: RwSignal<Vec<FieldProblem>>,
    saving: RwSignal<bool>,
    on_submit: Callback<CustomerInput>,
    submit_label: Key,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let tags = RwSignal::new(initial.tags.join(", "));
    let draft = RwSignal::new(initial);
    let owner = RwSignal::new(owner);
    let similar = Memo::new(move |_| {
        let identity = draft.with(|d| Identity::new(&d.name, &d.phone, ""));
        state.customers.with(|all| {
            similar_customers(&identity, all, editing.as_deref())
                .into_iter()
                .map(|(c, reasons)| (c.meta.id.clone(), c.details.name.clone(), reasons))
                .collect::<Vec<_>>()
        })
    });
    let text = |id, label, field, kind, get: fn(&CustomerDetails) -> &String, set| {
        DraftForm { draft, problems }.text(id, label, field, kind, get, set)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !saving.get_untracked() {
            let mut details = draft.get_untracked();
            details.tags = parse_tags(&tags.get_untracked());
            on_submit.run((details, owner.get_untracked()));
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate>
            <Show when=move || similar.with(|s| !s.is_empty())>
                <div class="callout" role="status" data-testid="duplicate-warning">
                    <div>
                        <strong>{move || state.t(Key::LooksLikeExisting)}</strong>
                        <ul class="plain-list">
                            {move || similar.get().into_iter().map(|(id, name, reasons)| {
                                let why = move || reasons.iter().map(|r| state.t(reason_key(*r))).collect::<Vec<_>>().join(state.t(Key::ListSeparator));
                                view! { <li><A href=format!("/customers/{id}")>{name}</A>" · "<span class="muted">{why}</span></li> }
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
            <div class="form-grid">
                {text("customer-name", Key::FieldCustomerName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                {text("customer-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                {text("customer-website", Key::FieldWebsite, Field::Website, FieldKind::Text, |d| &d.website, |d, v| d.website = v)}
                {text("customer-industry", Key::FieldIndustry, Field::Industry, FieldKind::Text, |d| &d.industry, |d, v| d.industry = v)}
                {text("customer-city", Key::FieldCity, Field::City, FieldKind::Text, |d| &d.city, |d, v| d.city = v)}
                {text("customer-address", Key::FieldAddress, Field::Address, FieldKind::Text, |d| &d.address, |d, v| d.address = v)}
                <SourceSelect id="customer-source" source=Signal::derive(move || draft.with(|d| d.source.clone()))
                    on_change=Callback::new(move |v| draft.update(|d| d.source = v))/>
                <LevelSelect id="customer-level" level=Signal::derive(move || draft.with(|d| d.level))
                    on_change=Callback::new(move |level| draft.update(|d| d.level = level))/>
                <OwnerSelect id="customer-owner" owner/>
                <FormField id="customer-tags" label=Key::FieldTags hint=Key::TagsHint
                    value=tags on_input=Callback::new(move |v| tags.set(v))
                    error=problem_signal(problems, Field::Tags)/>
                <FormField id="customer-follow-up" label=Key::FieldNextFollowUp kind=FieldKind::Date
                    value=Signal::derive(move || draft.with(|d| d.next_follow_up.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| d.next_follow_up = Some(v)))
                    error=problem_signal(problems, Field::NextFollowUp)/>
            </div>
            {text("customer-notes", Key::FieldNotes, Field::Notes, FieldKind::Multiline, |d| &d.notes, |d, v| d.notes = v)}
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="save-customer" disabled=move || saving.get()>
                    {move || if saving.get() { state.t(Key::Saving) } else { state.t(submit_label) }}
                </button>
            </div>
        </form>
    }
}
