//! The page of the record named in the address, or "not found" with the way back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use leptos_router::NavigateOptions;

use crate::domain::record::Record;
use crate::i18n::Key;
use crate::store::Stored;
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

/// Saves a new record and, once it is stored, opens its page at `href`.
pub fn save_and_open<R: Stored + Clone + Send + Sync + 'static>(
    state: AppState,
    (record, list): (R, RwSignal<Vec<R>>),
    done: Key,
    (href, navigate): (String, impl Fn(&str, NavigateOptions) + 'static),
    saving: RwSignal<bool>,
) {
    saving.set(true);
    spawn_local(async move {
        match state.save(record, list).await {
            Ok(()) => {
                state.inform(done);
                navigate(&href, Default::default());
            }
            Err(error) => state.fail(&error),
        }
        saving.set(false);
    });
}
