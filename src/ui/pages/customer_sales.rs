//! A customer's quotes, orders, payments and invoices, on the customer's page.

use crate::domain::sorting::sort_by;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::balance::Ledger;
use crate::domain::id::Id;
use crate::domain::sale_query::{order_status_code, quote_status_code};
use crate::i18n::{format_date, format_money, Key};
use crate::ui::browser::today;
use crate::ui::pages::sale_common::StatusBadge;
use crate::ui::sale_labels::{method_key, order_status_key, quote_status_key};
use crate::ui::state::AppState;

#[component]
pub fn CustomerSales(customer_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let today = today();
    let quotes = {
        let id = customer_id.clone();
        Memo::new(move |_| {
            state.quotes.with(|all| {
                let mut mine: Vec<_> = all
                    .iter()
                    .filter(|q| q.body.customer_id == id && !q.meta.is_deleted())
                    .cloned()
                    .collect();
                sort_by(&mut mine, |a, b| b.issued_on.cmp(&a.issued_on));
                mine
            })
        })
    };
    let orders = {
        let id = customer_id.clone();
        Memo::new(move |_| {
            state.orders.with(|all| {
                let mut mine: Vec<_> = all
                    .iter()
                    .filter(|o| o.body.customer_id == id && !o.meta.is_deleted())
                    .cloned()
                    .collect();
                sort_by(&mut mine, |a, b| b.order_date.cmp(&a.order_date));
                mine
            })
        })
    };
    let ledger = Memo::new(move |_| {
        let ids: std::collections::HashSet<Id> =
            orders.with(|o| o.iter().map(|o| o.meta.id.clone()).collect());
        let payments: Vec<_> = state.payments.with(|all| {
            all.iter()
                .filter(|p| ids.contains(p.order_id.as_str()))
                .cloned()
                .collect()
        });
        let invoices: Vec<_> = state.invoices.with(|all| {
            all.iter()
                .filter(|i| ids.contains(i.order_id.as_str()))
                .cloned()
                .collect()
        });
        (payments, invoices)
    });
    let won = {
        let id = customer_id.clone();
        move || {
            state.customers.with(|all| {
                all.iter()
                    .find(|c| c.meta.id == id)
                    .and_then(|c| c.won_at.clone())
            })
        }
    };
    let new_quote = format!("/quotes/new?customer={customer_id}");
    let new_order = format!("/orders/new?customer={customer_id}");
    let money = move |amount, currency: &str| format_money(state.lang.get(), amount, currency);
    let quote_today = StoredValue::new(today.clone());
    let order_today = StoredValue::new(today);
    view! {
        <section class="panel" aria-labelledby="customer-sales-heading" data-testid="customer-sales">
            <div class="panel-head">
                <h2 id="customer-sales-heading">{move || state.t(Key::QuotesAndOrders)}</h2>
                {move || won().map(|at| view! {
                    <span class="badge badge-won" data-testid="customer-won" title=format_date(state.lang.get(), at.get(0..10).unwrap_or(""))>{state.t(Key::CustomerWon)}</span>
                })}
                <div class="button-row">
                    <A href=new_quote attr:class="button">{move || state.t(Key::NewQuote)}</A>
                    <A href=new_order attr:class="button">{move || state.t(Key::NewOrder)}</A>
                </div>
            </div>
            <Show when=move || quotes.with(|q| !q.is_empty()) || orders.with(|o| !o.is_empty())
                fallback=move || view! { <p class="muted">{move || state.t(Key::NoSalesYet)}</p> }>
                <ul class="item-list" data-testid="customer-quotes">
                    {move || quotes.get().into_iter().map(|q| {
                        let shown = quote_today.with_value(|day| q.shown(day));
                        view! {
                            <li>
                                <A href=format!("/quotes/{}", q.meta.id)>{state.t(Key::QuoteTitle)}" "{q.body.number.clone()}</A>
                                " "<StatusBadge code=quote_status_code(shown) label=quote_status_key(shown)/>
                                <span class="muted">" "{format_date(state.lang.get(), &q.issued_on)}" · "{money(q.body.total, &q.body.currency)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <ul class="item-list" data-testid="customer-orders">
                    {move || {
                        let (payments, invoices) = ledger.get();
                        let ledger = Ledger::new(&payments, &invoices);
                        orders.get().into_iter().map(|o| {
                            let m = order_today.with_value(|day| ledger.money(&o, day));
                            view! {
                                <li>
                                    <A href=format!("/orders/{}", o.meta.id)>{state.t(Key::OrderTitle)}" "{o.body.number.clone()}</A>
                                    " "<StatusBadge code=order_status_code(o.status) label=order_status_key(o.status)/>
                                    <span class="muted">" "{format_date(state.lang.get(), &o.order_date)}" · "{money(o.body.total, &o.body.currency)}</span>
                                    {o.status.takes_payments().then(|| view! {
                                        <span class="muted">" · "{state.t(Key::BalanceDue)}" "{money(m.balance, &o.body.currency)}</span>
                                    })}
                                    {(m.overdue > rust_decimal::Decimal::ZERO).then(|| view! {
                                        " "<span class="badge badge-overdue">{state.t(Key::Overdue)}" "{money(m.overdue, &o.body.currency)}</span>
                                    })}
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
                <Show when=move || ledger.with(|(p, _)| p.iter().any(|p| !p.meta.is_deleted()))>
                    <h3 class="subheading">{move || state.t(Key::Payments)}</h3>
                    <ul class="item-list" data-testid="customer-payments">
                        {move || {
                            let (payments, _) = ledger.get();
                            let currency_of = |order_id: &str| orders.with(|o| o.iter().find(|o| o.meta.id == order_id).map(|o| o.body.currency.clone())).unwrap_or_default();
                            let mut live: Vec<_> = payments.into_iter().filter(|p| !p.meta.is_deleted()).collect();
                            sort_by(&mut live, |a, b| b.day.cmp(&a.day));
                            live.into_iter().map(|p| {
                                let currency = currency_of(&p.order_id);
                                view! {
                                    <li>{format_date(state.lang.get(), &p.day)}" · "{money(p.amount, &currency)}" · "{state.t(method_key(p.method))}</li>
                                }
                            }).collect_view()
                        }}
                    </ul>
                </Show>
                <Show when=move || ledger.with(|(_, i)| i.iter().any(|i| !i.meta.is_deleted()))>
                    <h3 class="subheading">{move || state.t(Key::Invoices)}</h3>
                    <ul class="item-list" data-testid="customer-invoices">
                        {move || {
                            let (_, invoices) = ledger.get();
                            invoices.into_iter().filter(|i| !i.meta.is_deleted()).map(|i| view! {
                                <li>{i.number.clone()}" · "{format_date(state.lang.get(), &i.day)}" · "{i.amount.to_string()}</li>
                            }).collect_view()
                        }}
                    </ul>
                </Show>
            </Show>
        </section>
    }
}
