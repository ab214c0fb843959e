//! "A new version is ready": shown while a new build waits, until the user reloads into it or
//! puts it off. Nothing reloads by itself, so no half-typed form is lost.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::pwa::Pwa;
use crate::ui::state::AppState;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pwa = expect_context::<Pwa>();
    let later = RwSignal::new(false);
    let shown = move || pwa.update_ready.get() && !later.get();
    view! {
        <Show when=shown>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{move || state.t(Key::UpdateReady)}</span>
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="update-reload"
                        on:click=move |_| pwa.apply_update()>
                        {move || state.t(Key::UpdateReload)}
                    </button>
                    <button type="button" class="button button-quiet" on:click=move |_| later.set(true)>
                        {move || state.t(Key::UpdateLater)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
