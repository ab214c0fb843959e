//! Receivables (应收款): every open balance, the most overdue first, with its ageing.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::balance::{ageing, receivables, Ledger, OrderMoney};
use crate::domain::order::Order;
use crate::domain::receivable::Age;
use crate::i18n::{format_date, format_money, t, Key};
use crate::ui::browser::today;
use crate::ui::components::csv_export::{money_text, ExportCsv};
use crate::ui::sale_labels::age_key;
use crate::ui::state::AppState;

const AGES: [Age; 5] = [
    Age::NotDue,
    Age::Days0To30,
    Age::Days31To60,
    Age::Days61To90,
    Age::Over90,
];

/// An open order, what it owes, its age, and the next installment's due day.
type Row = (Order, OrderMoney, Age, Option<String>);

#[component]
pub fn ReceivablesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let owner = RwSignal::new(String::new());
    let today = today();
    let computed = Memo::new(move |_| {
        let ledger = state
            .payments
            .with(|p| state.invoices.with(|i| Ledger::new(p, i)));
        let base = state.currencies.with(|c| c.base.clone());
        let owner = owner.get();
        state.orders.with(|orders| {
            let mine: Vec<_> = orders
                .iter()
                .filter(|o| owner.is_empty() || o.meta.owner == owner)
                .cloned()
                .collect();
            let open = receivables(&mine, &ledger, &today);
            let buckets = ageing(&open, &base);
            let rows: Vec<_> = open
                .into_iter()
                .map(|r| {
                    let next_due = r.money.next_open().map(|s| s.installment.due.clone());
                    (r.order.clone(), r.money, r.age, next_due)
                })
                .collect();
            (rows, buckets, base)
        })
    });
    let names = state.record_names();
    let money = move |amount, currency: &str| format_money(state.lang.get(), amount, currency);
    let export_rows = Signal::derive(move || computed.with(|(rows, _, _)| rows.clone()));
    let export_columns = vec![
        Key::FieldNumber,
        Key::FieldCustomer,
        Key::TotalGross,
        Key::Paid,
        Key::BalanceDue,
        Key::Overdue,
        Key::NextDue,
        Key::Ageing,
        Key::FieldCurrency,
    ];
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::ReceivablesTitle)}</h1>
                    <p class="muted">{move || state.t(Key::ReceivablesHint)}</p>
                </div>
                <div class="button-row">
                    <label>
                        <span class="visually-hidden">{move || state.t(Key::FilterOwner)}</span>
                        <select data-testid="filter-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                            <option value="">{move || state.t(Key::AllOwners)}</option>
                            {move || state.team.get().into_iter().map(|m| view! { <option value=m.meta.id.clone()>{m.name.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <ExportCsv name="receivables" columns=export_columns rows=export_rows cells=move |(order, m, age, next_due): &Row, lang| vec![
                        order.body.number.clone(),
                        names.with_untracked(|n| n.get(order.body.customer_id.as_str()).cloned().unwrap_or_default()),
                        money_text(m.total),
                        money_text(m.paid),
                        money_text(m.balance),
                        money_text(m.overdue),
                        next_due.clone().unwrap_or_default(),
                        t(lang, age_key(*age)).to_owned(),
                        order.body.currency.clone(),
                    ]/>
                </div>
            </div>
            <dl class="ageing" data-testid="ageing">
                {AGES.into_iter().map(|age| view! {
                    <div class=format!("ageing-{}", age as u8) data-testid=format!("ageing-{}", age as u8)>
                        <dt>{move || state.t(age_key(age))}</dt>
                        <dd>{move || computed.with(|(_, b, base)| money(b.bucket(age), base))}</dd>
                    </div>
                }).collect_view()}
                <div class="ageing-total">
                    <dt>{move || state.t(Key::TotalOpen)}</dt>
                    <dd data-testid="ageing-total">{move || computed.with(|(_, b, base)| money(b.total(), base))}</dd>
                </div>
            </dl>
            <Show when=move || computed.with(|(rows, _, _)| !rows.is_empty())
                fallback=move || view! { <div class="empty"><p>{move || state.t(Key::NothingOwed)}</p></div> }>
                <table class="records" data-testid="receivables">
                    <thead><tr>
                        <th scope="col">{move || state.t(Key::FieldNumber)}</th>
                        <th scope="col">{move || state.t(Key::FieldCustomer)}</th>
                        <th scope="col" class="cell-amount">{move || state.t(Key::TotalGross)}</th>
                        <th scope="col" class="cell-amount">{move || state.t(Key::Paid)}</th>
                        <th scope="col" class="cell-amount">{move || state.t(Key::BalanceDue)}</th>
                        <th scope="col" class="cell-amount">{move || state.t(Key::Overdue)}</th>
                        <th scope="col">{move || state.t(Key::NextDue)}</th>
                        <th scope="col">{move || state.t(Key::Ageing)}</th>
                    </tr></thead>
                    <tbody>
                        {move || computed.with(|(rows, _, _)| rows.clone()).into_iter().map(|(order, m, age, next_due)| {
                            let label = move |key: Key| move || state.t(key);
                            let currency = order.body.currency.clone();
                            let customer = names.with_untracked(|n| n.get(order.body.customer_id.as_str()).cloned().unwrap_or_default());
                            view! {
                                <tr class="record-row" data-testid="receivable" class:row-overdue=age != Age::NotDue>
                                    <td class="cell-title" data-label=label(Key::FieldNumber)><A href=format!("/orders/{}", order.meta.id)>{order.body.number.clone()}</A></td>
                                    <td data-label=label(Key::FieldCustomer)><A href=format!("/customers/{}", order.body.customer_id)>{customer}</A></td>
                                    <td class="cell-amount" data-label=label(Key::TotalGross)>{money(m.total, &currency)}</td>
                                    <td class="cell-amount" data-label=label(Key::Paid)>{money(m.paid, &currency)}</td>
                                    <td class="cell-amount" data-label=label(Key::BalanceDue) data-testid="receivable-balance">{money(m.balance, &currency)}</td>
                                    <td class="cell-amount" data-label=label(Key::Overdue)>{money(m.overdue, &currency)}</td>
                                    <td data-label=label(Key::NextDue)>{next_due.map(|d| format_date(state.lang.get(), &d))}</td>
                                    <td data-label=label(Key::Ageing)><span class=format!("badge badge-age-{}", age as u8)>{state.t(age_key(age))}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
