//! A labelled input with its error message underneath, tied together for screen readers.

use leptos::prelude::*;

use crate::domain::id::Id;
use crate::domain::lead::{Level, DEFAULT_SOURCES};
use crate::domain::validate::{Field as DomainField, FieldProblem};
use crate::i18n::Key;
use crate::ui::labels::{problem_text, source_label};
use crate::ui::state::AppState;

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum FieldKind {
    #[default]
    Text,
    Email,
    Tel,
    Date,
    Multiline,
}

#[component]
pub fn Field(
    id: &'static str,
    label: Key,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] kind: FieldKind,
    #[prop(optional, into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let invalid = move || error.with(Option::is_some).then_some("true");
    let input = move |ev: leptos::ev::Event| on_input.run(event_target_value(&ev));
    let control = match kind {
        FieldKind::Multiline => view! {
            <textarea id=id rows="4" prop:value=value on:input=input
                aria-invalid=invalid aria-describedby=described.clone()></textarea>
        }
        .into_any(),
        _ => {
            let (input_type, input_mode, autocomplete) = match kind {
                FieldKind::Email => ("email", "email", "email"),
                FieldKind::Tel => ("tel", "tel", "tel"),
                FieldKind::Date => ("date", "none", "off"),
                _ => ("text", "text", "off"),
            };
            view! {
                <input id=id type=input_type inputmode=input_mode autocomplete=autocomplete
                    prop:value=value on:input=input
                    aria-invalid=invalid aria-describedby=described.clone()/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{move || state.t(label)}</label>
            {control}
            {hint.map(|hint| view! { <p class="field-hint">{move || state.t(hint)}</p> })}
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

/// A record being typed into, and the problems found when it was last submitted.
pub struct DraftForm<D: Send + Sync + 'static> {
    pub draft: RwSignal<D>,
    pub problems: RwSignal<Vec<FieldProblem>>,
}

impl<D: Send + Sync + 'static> Clone for DraftForm<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Send + Sync + 'static> Copy for DraftForm<D> {}

impl<D: Send + Sync + 'static> DraftForm<D> {
    /// A text field bound to one part of the draft, showing the problems found for `field`.
    pub fn text(
        self,
        id: &'static str,
        label: Key,
        field: DomainField,
        kind: FieldKind,
        get: fn(&D) -> &String,
        set: fn(&mut D, String),
    ) -> impl IntoView {
        let draft = self.draft;
        view! {
            <Field id label kind
                value=Signal::derive(move || draft.with(|d| get(d).clone()))
                on_input=Callback::new(move |v| draft.update(|d| set(d, v)))
                error=problem_signal(self.problems, field)/>
        }
    }
}

/// The message for the first problem of `field`, in the current language.
pub fn problem_signal(
    problems: RwSignal<Vec<FieldProblem>>,
    field: DomainField,
) -> Signal<Option<String>> {
    let state = expect_context::<AppState>();
    Signal::derive(move || {
        problems.with(|list| {
            list.iter()
                .find(|p| p.field == field)
                .map(|p| problem_text(state.lang.get(), p.problem))
        })
    })
}

/// The level select (A / B / C or not set) of a lead or customer form.
#[component]
pub fn LevelSelect(
    id: &'static str,
    level: Signal<Option<Level>>,
    on_change: Callback<Option<Level>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="field">
            <label for=id>{move || state.t(Key::FieldLevel)}</label>
            <select id=id on:change=move |ev| on_change.run(Level::parse(&event_target_value(&ev)))>
                <option value="" selected=move || level.get().is_none()>{move || state.t(Key::NotSet)}</option>
                {Level::ALL.into_iter().map(|l| view! {
                    <option value=l.as_str() selected=move || level.get() == Some(l)>{l.as_str()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The owner select: active team members, plus the current owner even if no longer active.
#[component]
pub fn OwnerSelect(id: &'static str, owner: RwSignal<Id>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="field">
            <label for=id>{move || state.t(Key::FieldOwner)}</label>
            <select id=id on:change=move |ev| owner.set(event_target_value(&ev).into())>
                {move || state.team.get().into_iter()
                    .filter(|m| m.active || m.meta.id == owner.get_untracked())
                    .map(|m| {
                        let chosen = m.meta.id.clone();
                        view! { <option value=m.meta.id.clone() selected=move || owner.get() == chosen>{m.name.clone()}</option> }
                    }).collect_view()}
            </select>
        </div>
    }
}

/// Where a lead, customer or opportunity came from: the built-in sources, plus the record's own
/// if it was imported with another.
#[component]
pub fn SourceSelect(
    id: &'static str,
    source: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let mut choices: Vec<String> = DEFAULT_SOURCES.iter().map(|s| (*s).to_owned()).collect();
    let current = source.get_untracked();
    if !current.is_empty() && !choices.contains(&current) {
        choices.push(current);
    }
    view! {
        <div class="field">
            <label for=id>{move || state.t(Key::FieldSource)}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                <option value="" selected=move || source.with(String::is_empty)>{move || state.t(Key::NotSet)}</option>
                {choices.into_iter().map(|s| {
                    let (value, chosen) = (s.clone(), s.clone());
                    view! {
                        <option value=value selected=move || source.with(|v| *v == chosen)>
                            {move || source_label(state.lang.get(), &s)}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}
