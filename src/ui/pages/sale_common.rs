//! What the quote and order pages share: the next number in a sequence, the status badge, and
//! the offer to mark an opportunity won.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::document::{document_number, next_counter};
use crate::domain::id::Id;
use crate::domain::opportunity::Outcome;
use crate::i18n::Key;
use crate::ui::browser::now;
use crate::ui::state::AppState;

/// The next free number with `prefix` this year, never one already used (typed by hand ones
/// included, Trash included).
pub fn next_number<'a>(
    prefix: &str,
    today: &str,
    used: impl IntoIterator<Item = &'a str>,
) -> String {
    let year = today.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
    document_number(prefix, year, next_counter(prefix, year, used))
}

#[component]
pub fn StatusBadge(code: &'static str, label: Key) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! { <span class=format!("badge badge-sale-{code}") data-testid="sale-status">{move || state.t(label)}</span> }
}

/// Offers to move the document's opportunity to Won, while it is still open.
#[component]
pub fn MarkWonOffer(opportunity_id: Id) -> impl IntoView {
    let state = expect_context::<AppState>();
    let won_stage = move || {
        state
            .stages
            .with(|stages| stages.iter().find(|s| s.outcome == Outcome::Won).cloned())
    };
    let opportunity = {
        let id = opportunity_id.clone();
        Memo::new(move |_| {
            state
                .opportunities
                .with(|all| all.iter().find(|o| o.meta.id == id).cloned())
        })
    };
    let open = move || {
        opportunity.with(|o| {
            o.as_ref()
                .is_some_and(|o| state.stages.with(|stages| o.is_open(stages)))
        })
    };
    let busy = RwSignal::new(false);
    let mark = move |_| {
        let (Some(mut opportunity), Some(stage)) = (opportunity.get_untracked(), won_stage())
        else {
            return;
        };
        if opportunity.move_to(&stage, "", &now()).is_err() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match state.save_opportunity(opportunity).await {
                Ok(()) => state.inform(Key::OpportunityMarkedWon),
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    view! {
        <Show when=open>
            <div class="callout" role="note" data-testid="mark-won-offer">
                <span>{move || state.tf(Key::MarkWonQuestion, &[("title", &opportunity.with(|o| o.as_ref().map(|o| o.title.clone()).unwrap_or_default()))])}</span>
                <button type="button" class="button button-primary" data-testid="mark-won" disabled=move || busy.get() on:click=mark>
                    {move || state.t(Key::MarkWon)}
                </button>
            </div>
        </Show>
    }
}

/// Opens the browser's print dialog; the page's print styles show only the document.
pub fn print_page() {
    if let Err(error) = window().print() {
        leptos::logging::warn!("print failed: {error:?}");
    }
}
