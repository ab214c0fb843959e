//! Trash: deleted leads wait here until restored, or until the user empties it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::lead::Lead;
use crate::i18n::{format_datetime, Key};
use crate::ui::browser::now;
use crate::ui::state::AppState;

#[component]
pub fn TrashPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let trashed = Memo::new(move |_| {
        let mut leads: Vec<Lead> = state.leads.with(|leads| {
            leads
                .iter()
                .filter(|l| l.meta.is_deleted())
                .cloned()
                .collect()
        });
        leads.sort_by(|a, b| b.meta.deleted_at.cmp(&a.meta.deleted_at));
        leads
    });

    let restore = move |id: String| {
        let Some(mut lead) = state.lead(&id) else {
            return;
        };
        lead.meta.restore(&now());
        busy.set(true);
        spawn_local(async move {
            match state.save_lead(lead).await {
                Ok(()) => state.inform(Key::Restored),
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let purge = move |ids: Vec<String>| {
        busy.set(true);
        spawn_local(async move {
            match state.purge_leads(ids).await {
                Ok(()) => state.inform(Key::DeletedForever),
                Err(error) => state.fail(&error),
            }
            confirming.set(false);
            busy.set(false);
        });
    };

    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::TrashTitle)}</h1>
                    <p class="muted">{move || state.t(Key::TrashExplain)}</p>
                </div>
                <Show when=move || trashed.with(|t| !t.is_empty()) && !confirming.get()>
                    <button type="button" class="button button-danger" data-testid="empty-trash"
                        on:click=move |_| confirming.set(true)>
                        {move || state.t(Key::EmptyTrash)}
                    </button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="callout callout-danger" role="alert">
                    <span>{move || state.tf(Key::EmptyTrashConfirm, &[("count", &trashed.with(Vec::len).to_string())])}</span>
                    <div class="button-row">
                        <button type="button" class="button button-danger" data-testid="confirm-empty-trash"
                            disabled=move || busy.get()
                            on:click=move |_| purge(trashed.with_untracked(|t| t.iter().map(|l| l.meta.id.clone()).collect()))>
                            {move || state.t(Key::DeleteForever)}
                        </button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {move || state.t(Key::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || trashed.with(|t| !t.is_empty())
                fallback=move || view! { <p class="empty">{move || state.t(Key::TrashEmpty)}</p> }>
                <ul class="card-list" data-testid="trash-list">
                    <For each=move || trashed.get() key=|l| (l.meta.id.clone(), l.meta.rev) let:lead>
                        {
                            let id = lead.meta.id.clone();
                            let deleted_at = lead.meta.deleted_at.clone().unwrap_or_default();
                            view! {
                                <li class="card">
                                    <div>
                                        <A href=format!("/leads/{id}") attr:class="card-title">{lead.display_name().to_owned()}</A>
                                        <p class="muted">{move || state.tf(Key::DeletedOn, &[("when", &format_datetime(state.lang.get(), &deleted_at))])}</p>
                                    </div>
                                    <button type="button" class="button" data-testid="restore"
                                        disabled=move || busy.get()
                                        on:click={ let id = id.clone(); move |_| restore(id.clone()) }>
                                        {move || state.t(Key::Restore)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
