//! The form for a lead's details, shared by "new lead" and the lead's own page.

use leptos::prelude::*;

use crate::domain::lead::{FieldProblem, LeadDetails, LeadField, Level, DEFAULT_SOURCES};
use crate::i18n::Key;
use crate::ui::components::field::{Field, FieldKind};
use crate::ui::labels::{lead_problem_text, source_label};
use crate::ui::state::AppState;

/// What the form hands back on submit: the details and the owner.
pub type LeadInput = (LeadDetails, String);

#[component]
pub fn LeadForm(
    initial: LeadDetails,
    owner: String,
    problems: RwSignal<Vec<FieldProblem>>,
    saving: RwSignal<bool>,
    on_submit: Callback<LeadInput>,
    submit_label: Key,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let source_choices = {
        let mut choices: Vec<String> = DEFAULT_SOURCES.iter().map(|s| (*s).to_owned()).collect();
        if !initial.source.is_empty() && !choices.contains(&initial.source) {
            choices.push(initial.source.clone());
        }
        choices
    };
    let draft = RwSignal::new(initial);
    let owner = RwSignal::new(owner);

    let error = move |field: LeadField| {
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .find(|p| p.field == field)
                    .map(|p| lead_problem_text(state.lang.get(), p.problem))
            })
        })
    };
    let text = |id: &'static str,
                label: Key,
                field: LeadField,
                kind: FieldKind,
                get: fn(&LeadDetails) -> &String,
                set: fn(&mut LeadDetails, String)| {
        view! {
            <Field id label kind
                value=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| set(d, v)))
                error=error(field)/>
        }
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
                {text("lead-name", Key::FieldName, LeadField::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                {text("lead-company", Key::FieldCompany, LeadField::Company, FieldKind::Text, |d| &d.company, |d, v| d.company = v)}
                {text("lead-title", Key::FieldTitle, LeadField::Title, FieldKind::Text, |d| &d.title, |d, v| d.title = v)}
                {text("lead-phone", Key::FieldPhone, LeadField::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                {text("lead-email", Key::FieldEmail, LeadField::Email, FieldKind::Email, |d| &d.email, |d, v| d.email = v)}
                {text("lead-city", Key::FieldCity, LeadField::City, FieldKind::Text, |d| &d.city, |d, v| d.city = v)}
                {text("lead-industry", Key::FieldIndustry, LeadField::Industry, FieldKind::Text, |d| &d.industry, |d, v| d.industry = v)}
                <div class="field">
                    <label for="lead-source">{move || state.t(Key::FieldSource)}</label>
                    <select id="lead-source" on:change=move |ev| draft.update(|d| d.source = event_target_value(&ev))>
                        <option value="" selected=move || draft.with(|d| d.source.is_empty())>{move || state.t(Key::NotSet)}</option>
                        {source_choices.into_iter().map(|s| {
                            let value = s.clone();
                            let chosen = s.clone();
                            view! {
                                <option value=value selected=move || draft.with(|d| d.source == chosen)>
                                    {move || source_label(state.lang.get(), &s)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="lead-level">{move || state.t(Key::FieldLevel)}</label>
                    <select id="lead-level" on:change=move |ev| draft.update(|d| d.level = Level::parse(&event_target_value(&ev)))>
                        <option value="" selected=move || draft.with(|d| d.level.is_none())>{move || state.t(Key::NotSet)}</option>
                        {Level::ALL.into_iter().map(|level| view! {
                            <option value=level.as_str() selected=move || draft.with(|d| d.level == Some(level))>{level.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="lead-owner">{move || state.t(Key::FieldOwner)}</label>
                    <select id="lead-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                        {move || state.team.get().into_iter()
                            .filter(|m| m.active || m.meta.id == owner.get_untracked())
                            .map(|m| {
                                let id = m.meta.id.clone();
                                let chosen = id.clone();
                                view! { <option value=id selected=move || owner.get() == chosen>{m.name.clone()}</option> }
                            }).collect_view()}
                    </select>
                </div>
                <Field id="lead-follow-up" label=Key::FieldNextFollowUp kind=FieldKind::Date
                    value=Signal::derive(move || draft.with(|d| d.next_follow_up.clone().unwrap_or_default()))
                    on_input=Callback::new(move |v: String| draft.update(|d| d.next_follow_up = Some(v)))
                    error=error(LeadField::NextFollowUp)/>
            </div>
            {text("lead-notes", Key::FieldNotes, LeadField::Notes, FieldKind::Multiline, |d| &d.notes, |d, v| d.notes = v)}
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="save-lead" disabled=move || saving.get()>
                    {move || if saving.get() { state.t(Key::Saving) } else { state.t(submit_label) }}
                </button>
            </div>
        </form>
    }
}
