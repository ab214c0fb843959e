//! A new order, and one order's page: confirm, deliver, complete or cancel; its payment plan,
//! payments and invoices; print.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::order_money::{order_money, InvoicesPanel, MoneySummary, PaymentsPanel, PlanPanel};
use super::printout::PrintSheet;
use super::sale_common::{next_number, print_page, MarkWonOffer, StatusBadge};
use super::sale_form::{draft_with_lines, SaleForm};
use crate::domain::document::OrderStatus;
use crate::domain::order::{Order, OrderProblem};
use crate::domain::record::RecordMeta;
use crate::domain::sale::SaleDraft;
use crate::domain::sale_query::order_status_code;
use crate::i18n::Key;
use crate::store::Batch;
use crate::ui::browser::{new_id, now, today};
use crate::ui::components::lines_editor::editor_lines;
use crate::ui::components::record_route::{save_and_open, RecordRoute};
use crate::ui::sale_labels::{order_action_key, order_status_key};
use crate::ui::state::{upsert, AppState};

fn number_taken(state: AppState, number: &str, except: &str) -> bool {
    state.orders.with_untracked(|all| {
        all.iter()
            .any(|o| o.body.number == number && o.meta.id != except)
    })
}

/// The rate to the base currency for `currency`, or a refusal saying which rate is missing.
fn rate_for(state: AppState, currency: &str) -> Option<rust_decimal::Decimal> {
    let rate = state.currencies.with_untracked(|c| c.rate_of(currency));
    if rate.is_none() {
        state.refuse_text(state.tf(Key::ProblemNoRate, &[("currency", currency)]));
    }
    rate
}

#[component]
pub fn NewOrderPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let query = use_query_map();
    let customer_id = query
        .with_untracked(|q| q.get("customer"))
        .unwrap_or_default();
    let day = today();
    let prefix = state.numbering.with_untracked(|n| n.order_prefix.clone());
    let draft = RwSignal::new(SaleDraft {
        number: state.orders.with_untracked(|all| {
            next_number(&prefix, &day, all.iter().map(|o| o.body.number.as_str()))
        }),
        customer_id,
        currency: state.currencies.with_untracked(|c| c.base.clone()),
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
                let Some(rate) = rate_for(state, &body.currency) else {
                    return;
                };
                let order = Order::new(
                    RecordMeta::new(new_id(), &now(), state.me.get_untracked()),
                    body,
                    whole.day.clone(),
                    rate,
                );
                let href = format!("/orders/{}", order.meta.id);
                save_and_open(
                    state,
                    (order, state.orders),
                    Key::OrderSaved,
                    (href, navigate.clone()),
                    saving,
                );
            }
        }
    });
    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/orders">{move || state.t(Key::BackToOrders)}</A></p>
            <h1>{move || state.t(Key::NewOrder)}</h1>
            <SaleForm draft lines problems is_quote=false locked=false saving on_submit submit_label=Key::CreateOrder/>
        </section>
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.orders not_found=Key::OrderNotFound back=Key::BackToOrders back_href="/orders"
            page=|id| view! { <OrderView id/> }/>
    }
}

#[component]
fn OrderView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(initial) = state
        .orders
        .with_untracked(|all| all.iter().find(|o| o.meta.id == id).cloned())
    else {
        return ().into_any();
    };
    // The page follows the stored order: payments and plan changes made here or in another tab
    // show at once. The form keeps what is typed until it is saved.
    let order = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .orders
                .with(|all| all.iter().find(|o| o.meta.id == id).cloned())
        })
    };
    let base = Signal::derive(move || order.get().unwrap_or_else(|| initial.clone()));
    let opened = base.get_untracked();
    let draft = RwSignal::new(SaleDraft::of(&opened.body, &opened.order_date, None));
    let lines = RwSignal::new(editor_lines(draft.with_untracked(|d| d.lines.clone())));
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let save = move |order: Order, done: Key| {
        saving.set(true);
        spawn_local(async move {
            match state.save(order, state.orders).await {
                Ok(()) => state.inform(done),
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let locked = Signal::derive(move || {
        base.with(|o| o.status != OrderStatus::Draft || o.meta.is_deleted())
    });
    let on_submit = Callback::new(move |()| {
        let whole = draft_with_lines(draft, lines);
        let mut order = base.get_untracked();
        match whole.parse(|n| number_taken(state, n, &order.meta.id)) {
            Err(found) => problems.set(found),
            Ok(body) => {
                problems.set(Vec::new());
                let Some(rate) = rate_for(state, &body.currency) else {
                    return;
                };
                if order.edit(body, whole.day.clone(), rate, &now()).is_ok() {
                    save(order, Key::OrderSaved);
                }
            }
        }
    });
    let has_payments = move |order_id: &str| {
        state.payments.with_untracked(|all| {
            all.iter()
                .any(|p| p.order_id == order_id && !p.meta.is_deleted())
        })
    };
    let change_status = move |to: OrderStatus| {
        let mut order = base.get_untracked();
        let stamp = now();
        match order.change_status(to, has_payments(&order.meta.id), &stamp) {
            Err(OrderProblem::HasPayments) => state.refuse(Key::ProblemOrderHasPayments),
            Err(_) => state.refuse(Key::ProblemNotAllowed),
            Ok(()) => {
                // The first confirmed order makes its customer one that has bought.
                let won = to
                    .wins_customer()
                    .then(|| state.customer(&order.body.customer_id))
                    .flatten()
                    .and_then(|mut c| c.mark_won(&stamp).then_some(c));
                let mut batch = Batch::default();
                let put = batch.put(&order).and_then(|b| match &won {
                    Some(c) => b.put(c),
                    None => Ok(b),
                });
                if let Err(error) = put {
                    state.fail(&error);
                    return;
                }
                saving.set(true);
                spawn_local(async move {
                    let kept = order.clone();
                    let outcome = state
                        .save_batch(batch, move || {
                            upsert(state.orders, kept);
                            if let Some(customer) = won {
                                upsert(state.customers, customer);
                            }
                        })
                        .await;
                    match outcome {
                        Ok(()) => state.inform(order_status_key(to)),
                        Err(error) => state.fail(&error),
                    }
                    saving.set(false);
                });
            }
        }
    };
    let navigate = use_navigate();
    let trash = move |_| {
        let mut order = base.get_untracked();
        if has_payments(&order.meta.id) {
            state.refuse(Key::ProblemOrderHasPayments);
            return;
        }
        order.meta.move_to_trash(&now());
        save(order, Key::MovedToTrash);
        navigate("/orders", Default::default());
    };
    let restore = move |_| {
        let mut order = base.get_untracked();
        order.meta.restore(&now());
        save(order, Key::Restored);
    };
    let deleted = move || base.with(|o| o.meta.is_deleted());
    let customer_name = move || {
        base.with(|o| {
            state
                .customer(&o.body.customer_id)
                .map(|c| c.details.name)
                .unwrap_or_default()
        })
    };
    let quote_link = move || {
        base.with(|o| o.quote_id.clone()).and_then(|quote_id| {
            state.quotes.with(|all| {
                all.iter()
                    .find(|q| q.meta.id == quote_id)
                    .map(|q| (quote_id.clone(), q.body.number.clone()))
            })
        })
    };
    let body = Signal::derive(move || base.with(|o| o.body.clone()));
    let money = order_money(base);
    view! {
        <section class="page sale-page">
            <div class="screen-only">
                <p class="breadcrumb"><A href="/orders">{move || state.t(Key::BackToOrders)}</A></p>
                <div class="page-head">
                    <div>
                        <h1 data-testid="order-heading">{move || state.t(Key::OrderTitle)}" "{move || base.with(|o| o.body.number.clone())}</h1>
                        <p class="muted">
                            {move || { let s = base.with(|o| o.status); view! { <StatusBadge code=order_status_code(s) label=order_status_key(s)/> } }}
                            " "<A href=move || base.with(|o| format!("/customers/{}", o.body.customer_id))>{customer_name}</A>
                            {move || quote_link().map(|(quote_id, number)| view! {
                                " · "{state.t(Key::FromQuote)}" "<A href=format!("/quotes/{quote_id}")>{number}</A>
                            })}
                        </p>
                    </div>
                    <div class="button-row">
                        {move || (!deleted()).then(|| base.with(|o| o.status.next_choices()).iter().map(|to| {
                            let to = *to;
                            let danger = to == OrderStatus::Cancelled;
                            view! {
                                <button type="button" class="button" class:button-primary=!danger class:button-danger=danger
                                    data-testid=format!("order-{}", order_status_code(to)) disabled=move || saving.get()
                                    on:click=move |_| change_status(to)>{state.t(order_action_key(to))}</button>
                            }
                        }).collect_view())}
                        <button type="button" class="button" data-testid="print" on:click=move |_| print_page()>{move || state.t(Key::Print)}</button>
                        <Show when=move || !deleted() && base.with(|o| o.status == OrderStatus::Draft || o.status == OrderStatus::Cancelled)>
                            <button type="button" class="button button-danger" data-testid="trash-order" disabled=move || saving.get() on:click=trash.clone()>
                                {move || state.t(Key::MoveToTrash)}
                            </button>
                        </Show>
                    </div>
                </div>
                <Show when=deleted>
                    <div class="callout" role="note">
                        <span>{move || state.t(Key::OrderInTrash)}</span>
                        <button type="button" class="button" disabled=move || saving.get() on:click=restore>{move || state.t(Key::Restore)}</button>
                    </div>
                </Show>
                {move || base.with(|o| o.status.takes_payments().then(|| o.body.opportunity_id.clone()).flatten())
                    .map(|opportunity_id| view! { <MarkWonOffer opportunity_id/> })}
                <MoneySummary order=base money/>
                <PlanPanel order=base money/>
                <PaymentsPanel order=base money/>
                <InvoicesPanel order=base money/>
                <h2 class="section-heading">{move || state.t(Key::OrderDetails)}</h2>
                <Show when=move || base.with(|o| o.status != OrderStatus::Draft)>
                    <p class="muted">{move || state.t(Key::OrderLockedHint)}</p>
                </Show>
                <SaleForm draft lines problems is_quote=false locked saving on_submit submit_label=Key::SaveChanges/>
            </div>
            <PrintSheet title=Key::OrderTitle body day=Signal::derive(move || base.with(|o| o.order_date.as_str().to_owned()))
                valid_until=Signal::derive(|| None::<String>)/>
        </section>
    }
    .into_any()
}
