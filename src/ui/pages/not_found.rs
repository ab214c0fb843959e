use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::Key;
use crate::ui::state::AppState;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="page">
            <h1>{move || state.t(Key::NotFoundTitle)}</h1>
            <p><A href="/leads">{move || state.t(Key::BackToLeads)}</A></p>
        </section>
    }
}
