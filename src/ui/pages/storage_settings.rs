//! Settings › Storage: how much this device keeps for Leadline, and whether the browser may clear it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{format_number, Key, Lang};
use crate::ui::files::{request_persistence, storage_info, StorageInfo};
use crate::ui::state::AppState;

/// Bytes as people read them: 1.2 MB, 350 KB.
fn size_text(lang: Lang, bytes: f64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < units.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let shown = if unit == 0 || value >= 100.0 {
        format_number(lang, value.round() as u64)
    } else {
        format!("{:.1}", value)
    };
    format!("{shown} {}", units[unit])
}

#[component]
pub fn StorageSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let info = LocalResource::new(storage_info);
    let refused = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        spawn_local(async move {
            let granted = request_persistence().await == Some(true);
            refused.set(!granted);
            asking.set(false);
            info.refetch();
        });
    };
    let usage = move |info: &StorageInfo| {
        let lang = state.lang.get();
        match (info.used, info.quota) {
            (Some(used), Some(quota)) => state.tf(
                Key::StorageUsage,
                &[
                    ("used", &size_text(lang, used)),
                    ("quota", &size_text(lang, quota)),
                ],
            ),
            _ => state.t(Key::StorageUnknown).to_owned(),
        }
    };
    let persistence = move |info: &StorageInfo| match info.persistent {
        Some(true) => state.t(Key::StoragePersistent),
        _ => state.t(Key::StorageNotPersistent),
    };
    view! {
        <section class="panel" aria-labelledby="storage-heading" data-testid="storage-settings">
            <h2 id="storage-heading">{move || state.t(Key::StorageTitle)}</h2>
            {move || info.read().as_ref().map(|info| {
                let ask_button = (info.persistent != Some(true)).then(|| view! {
                    <div class="button-row">
                        <button type="button" class="button" data-testid="storage-ask"
                            disabled=move || asking.get() on:click=ask>
                            {move || state.t(Key::StorageAsk)}
                        </button>
                    </div>
                });
                view! {
                    <p data-testid="storage-usage">{usage(info)}</p>
                    <p data-testid="storage-persistence">{persistence(info)}</p>
                    {ask_button}
                }
            })}
            <Show when=move || refused.get()>
                <p class="storage-refused" role="status" data-testid="storage-refused">
                    {move || state.t(Key::StorageRefused)}
                </p>
            </Show>
        </section>
    }
}
