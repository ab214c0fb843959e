//! "Putting the restored records in place": shown, wherever the user is, while a restore that
//! is shown already still writes its records to their own stores, since changes made meanwhile
//! wait for it.

use leptos::prelude::*;

use crate::i18n::{format_number, tf, Key};
use crate::ui::state::AppState;

/// Drawn inside the notice region, so that it is announced once when it appears; the count,
/// which changes every few thousand records, is left out of what a screen reader reads aloud.
#[component]
pub fn RestoreBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.restoring.get().map(|(done, total)| {
            let lang = state.lang.get();
            let count = tf(
                lang,
                Key::ProgressOf,
                &[
                    ("done", &format_number(lang, done)),
                    ("total", &format_number(lang, total)),
                ],
            );
            view! {
                <div class="restore-banner progress" data-testid="restore-finishing">
                    <span class="restore-banner-text">{state.t(Key::RestoreFinishing)}</span>
                    <progress max=total.max(1) value=done></progress>
                    <span aria-hidden="true">{count}</span>
                </div>
            }
        })
    }
}
