//! Settings for how quotes and orders are numbered, with the next number each prefix would give.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::company::{prefix_is_valid, Numbering};
use crate::domain::document::{document_number, next_counter};
use crate::i18n::Key;
use crate::ui::browser::today;
use crate::ui::components::field::Field;
use crate::ui::state::AppState;

/// The counter the next document with a prefix would take in a year.
type Counter = fn(AppState, &str, i32) -> u32;

fn next_quote(state: AppState, prefix: &str, year: i32) -> u32 {
    state
        .quotes
        .with(|all| next_counter(prefix, year, all.iter().map(|q| q.body.number.as_str())))
}

fn next_order(state: AppState, prefix: &str, year: i32) -> u32 {
    state
        .orders
        .with(|all| next_counter(prefix, year, all.iter().map(|o| o.body.number.as_str())))
}

#[component]
pub fn NumberingSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let saved = state.numbering.get_untracked();
    let quote_prefix = RwSignal::new(saved.quote_prefix);
    let order_prefix = RwSignal::new(saved.order_prefix);
    let busy = RwSignal::new(false);
    // Shown only once the user tried to save, as in the other forms.
    let checked = RwSignal::new(false);
    let year = today().get(..4).and_then(|y| y.parse::<i32>().ok());

    let problem = move |prefix: RwSignal<String>| {
        Signal::derive(move || {
            (checked.get() && !prefix.with(|p| prefix_is_valid(p.trim())))
                .then(|| state.t(Key::ProblemPrefix).to_owned())
        })
    };
    // The number the next document would get, so the effect of a prefix is seen as it is typed.
    let next = move |prefix: RwSignal<String>, counter: Counter| {
        move || {
            let prefix = prefix.get().trim().to_owned();
            let year = year.filter(|_| prefix_is_valid(&prefix))?;
            let number = document_number(&prefix, year, counter(state, &prefix, year));
            Some(state.tf(Key::NextNumber, &[("number", &number)]))
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        checked.set(true);
        let numbering = Numbering {
            quote_prefix: quote_prefix.get_untracked().trim().to_owned(),
            order_prefix: order_prefix.get_untracked().trim().to_owned(),
        };
        let valid =
            prefix_is_valid(&numbering.quote_prefix) && prefix_is_valid(&numbering.order_prefix);
        if !valid || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match state.save_numbering(numbering).await {
                Ok(()) => state.inform(Key::NumberingSaved),
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="panel" aria-labelledby="numbering-heading">
            <h2 id="numbering-heading">{move || state.t(Key::NumberingTitle)}</h2>
            <p class="muted">{move || state.t(Key::NumberingExplain)}</p>
            <form class="settings-form" on:submit=save novalidate data-testid="numbering-form">
                <div class="form-grid">
                    <div>
                        <Field id="quote-prefix" label=Key::FieldQuotePrefix value=quote_prefix
                            on_input=Callback::new(move |v| quote_prefix.set(v)) error=problem(quote_prefix)/>
                        <p class="next-number" data-testid="next-quote-number">{next(quote_prefix, next_quote)}</p>
                    </div>
                    <div>
                        <Field id="order-prefix" label=Key::FieldOrderPrefix value=order_prefix
                            on_input=Callback::new(move |v| order_prefix.set(v)) error=problem(order_prefix)/>
                        <p class="next-number" data-testid="next-order-number">{next(order_prefix, next_order)}</p>
                    </div>
                </div>
                <button type="submit" class="button button-primary" data-testid="save-numbering" disabled=move || busy.get()>
                    {move || state.t(Key::Save)}
                </button>
            </form>
        </section>
    }
}
