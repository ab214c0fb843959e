//! Install: in the header while the browser offers to install the app, gone once installed.

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::components::icons::{Icon, IconKind};
use crate::ui::pwa::Pwa;
use crate::ui::state::AppState;

#[component]
pub fn InstallButton() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pwa = expect_context::<Pwa>();
    view! {
        <Show when=move || pwa.can_install.get()>
            <button type="button" class="button install-button" data-testid="install"
                title=move || state.t(Key::InstallHint)
                on:click=move |_| pwa.install()>
                <Icon kind=IconKind::Install/>
                <span>{move || state.t(Key::Install)}</span>
            </button>
        </Show>
    }
}
