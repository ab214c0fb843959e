//! The form for a lead's details, shared by "new lead" and the lead's own page.

use leptos::prelude::*;

use crate::domain::id::Id;
use crate::domain::lead::LeadDetails;
use crate::domain::validate::{Field, FieldProblem};
use crate::i18n::Key;
use crate::ui::components::field::{
    problem_signal, DraftForm, Field as FormField, FieldKind, LevelSelect, OwnerSelect,
    SourceSelect,
};
use crate::ui::state::AppState;

/// What the form hands back on submit: the details and the owner.
pub type LeadInput = (LeadDetails, Id);

#[component]
pub fn LeadForm(
    initial: LeadDetails,
    owner: Id,
    problems: RwSignal<Vec<FieldProblem>>,
    saving: RwSignal<bool>,
    on_submit: Callback<LeadInput>,
    submit_label: Key,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(initial);
    let owner = RwSignal::new(owner);

    let text = |id, label, field, kind, get: fn(&LeadDetails) -> &String, set| {
        DraftForm { draft, problems }.text(id, label, field, kind, get, set)
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !saving.get_untracked() {
            on_submit.run((draft.get_untracked(), owner.get_untracked()));
        }
    };

    view! {
        <form class="form" on:submit=submit novalidate>
            <div class="form-grid">
                {text("lead-name", Key::FieldName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                {text("lead-company", Key::FieldCompany, Field::Company, FieldKind::Text, |d| &d.company, |d, v| d.company = v)}
                {text("lead-title", Key::FieldTitle, Field::Title, FieldKind::Text, |d| &d.title, |d, v| d.title = v)}
                {text("lead-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                {text("lead-email", Key::FieldEmail, Field::Email, FieldKind::Email, |d| &d.email, |d, v| d.email = v)}
                {text("lead-city", Key::FieldCity, Field::City, FieldKind::Text, |d| &d.city, |d, v| d.city = v)}
                {text("lead-industry", Key::FieldIndustry, Field::Industry, FieldKind::Text, |d| &d.industry, |d, v| d.industry = v)}
                <SourceSelect id="lead-source" source=Signal::derive(move || draft.with(|d| d.source.clone()))
                    on_change=Callback::new(move |v| draft.update(|d| d.source = v))/>
                <LevelSelect id="lead-level" level=Signal::derive(move || draft.with(|d| d.level))
                    on_change=Callback::new(move |level| draft.update(|d| d.level = level))/>
                <OwnerSelect id="lead-owner" owner/>
                <FormField id="lead-follow-up" label=Key::FieldNextFollowUp kind=FieldKind::Date
                    value=Signal::derive(move || draft.with(|d| d.next_follow_up.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| d.next_follow_up = Some(v)))
                    error=problem_signal(problems, Field::NextFollowUp)/>
            </div>
            {text("lead-notes", Key::FieldNotes, Field::Notes, FieldKind::Multiline, |d| &d.notes, |d, v| d.notes = v)}
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="save-lead" disabled=move || saving.get()>
                    {move || if saving.get() { state.t(Key::Saving) } else { state.t(submit_label) }}
                </button>
            </div>
        </form>
    }
}
