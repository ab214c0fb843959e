//! The money side of Today: my installments overdue and falling due, my quotes running out.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::balance::{money_agenda, Ledger};
use crate::i18n::{format_date, format_money, Key};
use crate::ui::browser::today;
use crate::ui::state::AppState;

#[derive(Clone, PartialEq)]
struct Item {
    href: String,
    label: String,
    amount: String,
    day: String,
    overdue: bool,
}

/// Installments to collect, then quotes running out.
type Lists = (Vec<Item>, Vec<Item>);

#[component]
pub fn TodayMoney() -> impl IntoView {
    let state = expect_context::<AppState>();
    let day = today();
    let items = Memo::new(move |_| {
        let me = state.me.get();
        let lang = state.lang.get();
        let ledger = state.payments.with(|p| Ledger::new(p, &[]));
        state.orders.with(|orders| {
            state.quotes.with(|quotes| {
                let agenda = money_agenda(&day, &me, orders, &ledger, quotes);
                let customer = |id: &str| {
                    state
                        .customer(id)
                        .map(|c| c.details.name)
                        .unwrap_or_default()
                };
                let payments: Vec<Item> = agenda
                    .overdue
                    .iter()
                    .map(|s| (s, true))
                    .chain(agenda.due_soon.iter().map(|s| (s, false)))
                    .map(|((order, state_of), overdue)| Item {
                        href: format!("/orders/{}", order.meta.id),
                        label: format!(
                            "{} · {}",
                            order.body.number,
                            customer(&order.body.customer_id)
                        ),
                        amount: format_money(lang, state_of.open(), &order.body.currency),
                        day: format_date(lang, &state_of.installment.due),
                        overdue,
                    })
                    .collect();
                let expiring: Vec<Item> = agenda
                    .expiring
                    .iter()
                    .map(|q| Item {
                        href: format!("/quotes/{}", q.meta.id),
                        label: format!("{} · {}", q.body.number, customer(&q.body.customer_id)),
                        amount: format_money(lang, q.body.total, &q.body.currency),
                        day: q
                            .valid_until
                            .as_deref()
                            .map(|d| format_date(lang, d))
                            .unwrap_or_default(),
                        overdue: false,
                    })
                    .collect();
                (payments, expiring)
            })
        })
    });
    let list = move |pick: fn(&Lists) -> &Vec<Item>, testid: &'static str| {
        view! {
            <ul class="plain-list link-list" data-testid=testid>
                {move || items.with(|i| pick(i).clone()).into_iter().map(|item| view! {
                    <li class:row-overdue=item.overdue>
                        <A href=item.href>{item.label}</A>" · "<span class="muted">{item.amount}" · "{item.day}</span>
                        {item.overdue.then(|| view! { " "<span class="badge badge-overdue">{state.t(Key::Overdue)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        }
    };
    view! {
        <section class="panel" data-testid="today-payments">
            <h2>{move || state.t(Key::PaymentsDue)}</h2>
            <Show when=move || items.with(|i| i.0.is_empty())>
                <p class="muted">{move || state.t(Key::NothingDue)}</p>
            </Show>
            {list(|i| &i.0, "payments-due")}
        </section>
        <section class="panel" data-testid="today-quotes">
            <h2>{move || state.t(Key::QuotesExpiring)}</h2>
            <Show when=move || items.with(|i| i.1.is_empty())>
                <p class="muted">{move || state.t(Key::NothingDue)}</p>
            </Show>
            {list(|i| &i.1, "quotes-expiring")}
        </section>
    }
}
