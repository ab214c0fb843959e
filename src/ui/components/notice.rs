//! The banner that says a change was saved, or why it was not, and under it how far a restore
//! still being written is.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::Key;
use crate::ui::components::restore_banner::RestoreBanner;
use crate::ui::state::AppState;

const INFO_SECONDS: u64 = 4;

#[component]
pub fn NoticeBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Confirmations fade on their own; errors stay until the user has read them.
    Effect::new(move |_| {
        if let Some(notice) = state.notice.get() {
            if !notice.is_error {
                set_timeout(
                    move || {
                        if state.notice.get_untracked().as_ref() == Some(&notice) {
                            state.notice.set(None);
                        }
                    },
                    Duration::from_secs(INFO_SECONDS),
                );
            }
        }
    });
    view! {
        <div class="notice-region" role="status" aria-live="polite">
            {move || {
                state
                    .notice
                    .get()
                    .map(|notice| {
                        let class = if notice.is_error { "notice notice-error" } else { "notice" };
                        view! {
                            <div class=class data-testid="notice">
                                <span>{notice.text}</span>
                                <button
                                    type="button"
                                    class="notice-close"
                                    aria-label=move || state.t(Key::Dismiss)
                                    on:click=move |_| state.notice.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
            <RestoreBanner/>
        </div>
    }
}
