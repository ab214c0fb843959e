//! The banner a record page shows when another tab saved a newer version of its record.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::state::AppState;

#[component]
pub fn ChangedElsewhere(
    #[prop(into)] when: Signal<bool>,
    on_load_latest: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || when.get()>
            <div class="callout" role="alert" data-testid="changed-elsewhere">
                <span>{move || state.t(Key::ChangedElsewhere)}</span>
                <button type="button" class="button" data-testid="load-latest"
                    on:click=move |_| on_load_latest.run(())>
                    {move || state.t(Key::LoadLatest)}
                </button>
            </div>
        </Show>
    }
}
