//! The page of the record named in the address, or "not found" with the way back.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::domain::record::Record;
use crate::i18n::Key;
use crate::ui::state::AppState;

#[component]
pub fn RecordRoute<R, F, V>(
    list: RwSignal<Vec<R>>,
    not_found: Key,
    back: Key,
    back_href: &'static str,
    /// Draws the page of the record with this id.
    page: F,
) -> impl IntoView
where
    R: Record + Send + Sync + 'static,
    F: Fn(String) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // Only the record's presence, or another id, redraws the page: a save must not wipe what is
    // being typed, and a link from one record to another of its kind opens the other.
    let shown = Memo::new(move |_| {
        let id = id.get();
        list.with(|all| all.iter().any(|r| r.id() == id))
            .then_some(id)
    });
    move || match shown.get() {
        Some(id) => page(id).into_any(),
        None => view! {
            <section class="page">
                <h1>{move || state.t(not_found)}</h1>
                <p><A href=back_href>{move || state.t(back)}</A></p>
            </section>
        }
        .into_any(),
    }
}
