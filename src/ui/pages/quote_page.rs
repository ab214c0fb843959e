//! A new quote, and one quote's page: send, accept into an order, decline, copy, print.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::printout::PrintSheet;
use super::sale_common::{next_number, print_page, MarkWonOffer, StatusBadge};
use super::sale_form::{draft_with_lines, SaleForm};
use crate::domain::date::add_days;
use crate::domain::document::{can_accept, QuoteStatus};
use crate::domain::quote::{Quote, DEFAULT_VALID_DAYS};
use crate::domain::record::RecordMeta;
use crate::domain::sale::SaleDraft;
use crate::domain::sale_query::quote_status_code;
use crate::i18n::Key;
use crate::store::Batch;
use crate::ui::browser::{new_id, now, today};
use crate::ui::components::lines_editor::editor_lines;
use crate::ui::components::record_route::{save_and_open, RecordRoute};
use crate::ui::sale_labels::quote_status_key;
use crate::ui::state::{upsert, AppState};

fn number_taken(state: AppState, number: &str, except: &str) -> bool {
    state.quotes.with_untracked(|all| {
        all.iter()
            .any(|q| q.body.number == number && q.meta.id != except)
    })
}

fn next_quote_number(state: AppState) -> String {
    let prefix = state.numbering.with_untracked(|n| n.quote_prefix.clone());
    state.quotes.with_untracked(|all| {
        next_number(
            &prefix,
            &today(),
            all.iter().map(|q| q.body.number.as_str()),
        )
    })
}

#[component]
pub fn NewQuotePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let query = use_query_map();
    let opportunity = query
        .with_untracked(|q| q.get("opportunity"))
        .and_then(|id| state.opportunity(&id));
    let customer_id = query
        .with_untracked(|q| q.get("customer"))
        .or_else(|| opportunity.as_ref().map(|o| o.customer_id.to_string()))
        .unwrap_or_default();
    let day = today();
    let draft = RwSignal::new(SaleDraft {
        number: next_quote_number(state),
        customer_id,
        opportunity_id: opportunity
            .as_ref()
            .map(|o| o.meta.id.to_string())
            .unwrap_or_default(),
        currency: opportunity
            .as_ref()
            .map(|o| o.currency.clone())
            .unwrap_or_else(|| state.currencies.with_untracked(|c| c.base.clone())),
        valid_until: add_days(&day, DEFAULT_VALID_DAYS).unwrap_or_default(),
        day,
        ..SaleDraft::default()
    });
    let lines = RwSignal::new(Vec::new());
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let on_submit = Callback::new(move |()| {
        let whole = draft_with_lines(draft, lines);
        match whole.parse(|n| number_taken(state, n, "")) {
            Err(found) => problems.set(found),
            Ok(body) => {
                problems.set(Vec::new());
                let quote = Quote::new(
                    RecordMeta::new(new_id(), &now(), state.me.get_untracked()),
                    body,
                    whole.day.clone(),
                    whole.valid_until(),
                );
                let href = format!("/quotes/{}", quote.meta.id);
                save_and_open(
                    state,
                    (quote, state.quotes),
                    Key::QuoteSaved,
                    (href, navigate.clone()),
                    saving,
                );
            }
        }
    });
    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/quotes">{move || state.t(Key::BackToQuotes)}</A></p>
            <h1>{move || state.t(Key::NewQuote)}</h1>
            <SaleForm draft lines problems is_quote=true locked=false saving on_submit submit_label=Key::CreateQuote/>
        </section>
    }
}

#[component]
pub fn QuotePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.quotes not_found=Key::QuoteNotFound back=Key::BackToQuotes back_href="/quotes"
            page=|id| view! { <QuoteView id/> }/>
    }
}

#[component]
fn QuoteView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let Some(initial) = state
        .quotes
        .with_untracked(|all| all.iter().find(|q| q.meta.id == id).cloned())
    else {
        return ().into_any();
    };
    // The page works from the copy it opened and saved last; a change elsewhere is refused
    // on save by the revision check rather than silently overwritten.
    let base = RwSignal::new(initial.clone());
    let draft = RwSignal::new(SaleDraft::of(
        &initial.body,
        &initial.issued_on,
        initial.valid_until.as_deref(),
    ));
    let lines = RwSignal::new(editor_lines(draft.with_untracked(|d| d.lines.clone())));
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let today = today();
    let shown = {
        let today = today.clone();
        move || base.with(|q| q.shown(&today))
    };
    let decided = Signal::derive(move || base.with(Quote::is_decided));
    let save = move |quote: Quote, done: Key| {
        saving.set(true);
        spawn_local(async move {
            match state.save(quote.clone(), state.quotes).await {
                Ok(()) => {
                    base.set(quote);
                    state.inform(done);
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let on_submit = Callback::new(move |()| {
        let whole = draft_with_lines(draft, lines);
        let id = base.with_untracked(|q| q.meta.id.clone());
        match whole.parse(|n| number_taken(state, n, &id)) {
            Err(found) => problems.set(found),
            Ok(body) => {
                problems.set(Vec::new());
                let mut quote = base.get_untracked();
                if quote
                    .edit(body, whole.day.clone(), whole.valid_until(), &now())
                    .is_ok()
                {
                    save(quote, Key::QuoteSaved);
                }
            }
        }
    });
    let set_status = move |to: QuoteStatus, done: Key| {
        let mut quote = base.get_untracked();
        if quote.change_status(to, &now()).is_ok() {
            save(quote, done);
        }
    };
    let accept = {
        let today = today.clone();
        move |_| {
            let mut quote = base.get_untracked();
            let Some(rate) = state
                .currencies
                .with_untracked(|c| c.rate_of(&quote.body.currency))
            else {
                state.refuse_text(
                    state.tf(Key::ProblemNoRate, &[("currency", &quote.body.currency)]),
                );
                return;
            };
            let prefix = state.numbering.with_untracked(|n| n.order_prefix.clone());
            let number = state.orders.with_untracked(|all| {
                next_number(&prefix, &today, all.iter().map(|o| o.body.number.as_str()))
            });
            let stamp = now();
            let meta = RecordMeta::new(new_id(), &stamp, quote.meta.owner.clone());
            let Ok(order) = quote.accept(meta, number, rate, &today, &stamp) else {
                state.refuse(Key::ProblemCannotAccept);
                return;
            };
            let mut batch = Batch::default();
            if let Err(error) = batch.put(&quote).and_then(|b| b.put(&order)) {
                state.fail(&error);
                return;
            }
            saving.set(true);
            spawn_local(async move {
                let (q, o) = (quote.clone(), order.clone());
                match state
                    .save_batch(batch, move || {
                        upsert(state.quotes, q);
                        upsert(state.orders, o);
                    })
                    .await
                {
                    Ok(()) => {
                        base.set(quote);
                        state.inform(Key::QuoteAcceptedNotice);
                    }
                    Err(error) => state.fail(&error),
                }
                saving.set(false);
            });
        }
    };
    let copy = move |_| {
        let copy = base.get_untracked().copy(
            RecordMeta::new(new_id(), &now(), state.me.get_untracked()),
            next_quote_number(state),
            &crate::ui::browser::today(),
        );
        let href = format!("/quotes/{}", copy.meta.id);
        save_and_open(
            state,
            (copy, state.quotes),
            Key::QuoteCopied,
            (href, navigate.clone()),
            saving,
        );
    };
    let trash = move |_| {
        let mut quote = base.get_untracked();
        quote.meta.move_to_trash(&now());
        save(quote, Key::MovedToTrash);
    };
    let restore = move |_| {
        let mut quote = base.get_untracked();
        quote.meta.restore(&now());
        save(quote, Key::Restored);
    };
    let can_accept_now = {
        let today = today.clone();
        move || base.with(|q| can_accept(q.status, q.valid_until.as_deref(), &today))
    };
    let customer_name = move || {
        base.with(|q| {
            state
                .customer(&q.body.customer_id)
                .map(|c| c.details.name)
                .unwrap_or_default()
        })
    };
    let order_link = move || {
        base.with(|q| q.order_id.clone()).and_then(|order_id| {
            state.orders.with(|all| {
                all.iter()
                    .find(|o| o.meta.id == order_id)
                    .map(|o| (order_id.clone(), o.body.number.clone()))
            })
        })
    };
    let deleted = move || base.with(|q| q.meta.is_deleted());
    let body = Signal::derive(move || base.with(|q| q.body.clone()));
    view! {
        <section class="page sale-page">
            <div class="screen-only">
                <p class="breadcrumb"><A href="/quotes">{move || state.t(Key::BackToQuotes)}</A></p>
                <div class="page-head">
                    <div>
                        <h1 data-testid="quote-heading">{move || state.t(Key::QuoteTitle)}" "{move || base.with(|q| q.body.number.clone())}</h1>
                        <p class="muted">
                            {move || { let s = shown(); view! { <StatusBadge code=quote_status_code(s) label=quote_status_key(s)/> } }}
                            " "<A href=move || base.with(|q| format!("/customers/{}", q.body.customer_id))>{customer_name}</A>
                        </p>
                    </div>
                    <div class="button-row">
                        <Show when=move || base.with(|q| q.status == QuoteStatus::Draft) && !deleted()>
                            <button type="button" class="button" data-testid="mark-sent" disabled=move || saving.get()
                                on:click=move |_| set_status(QuoteStatus::Sent, Key::QuoteMarkedSent)>{move || state.t(Key::MarkSent)}</button>
                        </Show>
                        <Show when={let can = can_accept_now.clone(); move || can() && !deleted()}>
                            <button type="button" class="button button-primary" data-testid="accept-quote" disabled=move || saving.get()
                                on:click=accept.clone()>{move || state.t(Key::AcceptQuote)}</button>
                            <button type="button" class="button" data-testid="decline-quote" disabled=move || saving.get()
                                on:click=move |_| set_status(QuoteStatus::Declined, Key::QuoteDeclinedNotice)>{move || state.t(Key::DeclineQuote)}</button>
                        </Show>
                        <button type="button" class="button" data-testid="copy-quote" on:click=copy>{move || state.t(Key::CopyQuote)}</button>
                        <button type="button" class="button" data-testid="print" on:click=move |_| print_page()>{move || state.t(Key::Print)}</button>
                        <Show when=move || !deleted()>
                            <button type="button" class="button button-danger" data-testid="trash-quote" disabled=move || saving.get() on:click=trash>
                                {move || state.t(Key::MoveToTrash)}
                            </button>
                        </Show>
                    </div>
                </div>
                <Show when=deleted>
                    <div class="callout" role="note">
                        <span>{move || state.t(Key::QuoteInTrash)}</span>
                        <button type="button" class="button" disabled=move || saving.get() on:click=restore>{move || state.t(Key::Restore)}</button>
                    </div>
                </Show>
                {move || order_link().map(|(order_id, number)| view! {
                    <div class="callout" role="note" data-testid="quote-order">
                        <span>{state.t(Key::QuoteBecameOrder)}" "</span>
                        <A href=format!("/orders/{order_id}")>{number}</A>
                    </div>
                })}
                {move || base.with(|q| (q.status == QuoteStatus::Accepted).then(|| q.body.opportunity_id.clone()).flatten())
                    .map(|opportunity_id| view! { <MarkWonOffer opportunity_id/> })}
                <SaleForm draft lines problems is_quote=true locked=decided saving on_submit submit_label=Key::SaveChanges/>
            </div>
            <PrintSheet title=Key::QuoteTitle body day=Signal::derive(move || base.with(|q| q.issued_on.clone()))
                valid_until=Signal::derive(move || base.with(|q| q.valid_until.clone()))/>
        </section>
    }
    .into_any()
}
