//! The controls above every list: the search box and the filters they all share.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::state::AppState;

#[component]
pub fn SearchInput(
    testid: &'static str,
    placeholder: Key,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label class="toolbar-search">
            <span class="visually-hidden">{move || state.t(Key::Search)}</span>
            <input type="search" data-testid=testid placeholder=move || state.t(placeholder)
                prop:value=value on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </label>
    }
}

/// Everyone's records, or one team member's.
#[component]
pub fn OwnerFilter(on_change: Callback<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <label>
            <span class="visually-hidden">{move || state.t(Key::FilterOwner)}</span>
            <select data-testid="filter-owner" on:change=move |ev| {
                on_change.run(Some(event_target_value(&ev)).filter(|s| !s.is_empty()))
            }>
                <option value="">{move || state.t(Key::AllOwners)}</option>
                {move || state.team.get().into_iter().map(|m| view! {
                    <option value=m.meta.id.clone()>{m.name.clone()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A select among fixed choices, each with a code for the option and a label.
#[component]
pub fn ChoiceSelect<T>(
    label: Key,
    testid: &'static str,
    choices: Vec<(T, &'static str, Key)>,
    on_change: Callback<T>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let state = expect_context::<AppState>();
    let options: Vec<(&'static str, Key)> =
        choices.iter().map(|(_, code, key)| (*code, *key)).collect();
    view! {
        <label>
            <span class="visually-hidden">{move || state.t(label)}</span>
            <select data-testid=testid on:change=move |ev| {
                let code = event_target_value(&ev);
                if let Some((value, _, _)) = choices.iter().find(|(_, c, _)| *c == code) {
                    on_change.run(value.clone());
                }
            }>
                {options.into_iter().map(|(code, key)| view! {
                    <option value=code>{move || state.t(key)}</option>
                }).collect_view()}
            </select>
        </label>
    }
}
