//! The quote and order lists: search, status and owner filters, latest first.

use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;

use crate::domain::balance::Ledger;
use crate::domain::id::Id;
use crate::domain::list_query::Names;
use crate::domain::order::Order;
use crate::domain::quote::Quote;
use crate::domain::sale_query::{
    order_status_code, quote_status_code, Sale, SaleQuery, ORDER_STATUSES, QUOTE_STATUSES,
};
use crate::i18n::{format_date, format_money, format_number, t, Key, Lang};
use crate::store::Stored;
use crate::ui::browser::today;
use crate::ui::components::csv_export::{money_text, ExportCsv};
use crate::ui::components::record_table::{records_at, RecordTable};
use crate::ui::pages::sale_common::StatusBadge;
use crate::ui::sale_labels::{order_status_key, quote_status_key};
use crate::ui::state::AppState;

/// The page around a list: heading with count, new button, search, status and owner filters.
/// What the list's "Export CSV" saves: the file's name, its headings, and a row's texts.
struct Export<E> {
    name: &'static str,
    columns: Vec<Key>,
    cells: E,
}

#[component]
fn SaleListPage<S, C, V, E>(
    title: Key,
    count: Key,
    new_label: Key,
    new_href: &'static str,
    search_placeholder: Key,
    statuses: Vec<(&'static str, Key)>,
    list: RwSignal<Vec<S>>,
    /// Customer and opportunity names by id, for search and for the cells.
    names: Memo<Names>,
    testid: &'static str,
    columns: Vec<Key>,
    cells: C,
    export: Export<E>,
) -> impl IntoView
where
    S: Sale + Stored + Clone + PartialEq + Send + Sync + 'static,
    C: Fn(S) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    E: Fn(&S, Lang) -> Vec<String> + Send + Sync + 'static,
{
    let state = expect_context::<AppState>();
    let query = RwSignal::new(SaleQuery::default());
    let today = today();
    let found =
        Memo::new(move |_| query.with(|q| names.with(|n| list.with(|all| q.run(all, n, &today)))));
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(title)}</h1>
                    <p class="muted" data-testid="sale-count">
                        {move || state.tf(count, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name=export.name columns=export.columns rows=records_at(list, found) cells=export.cells/>
                    <A href=new_href attr:class="button button-primary">{move || state.t(new_label)}</A>
                </div>
            </div>
            <div class="toolbar toolbar-short" role="search">
                <label class="toolbar-search">
                    <span class="visually-hidden">{move || state.t(Key::Search)}</span>
                    <input type="search" data-testid="sale-search" placeholder=move || state.t(search_placeholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let text = event_target_value(&ev); query.update(|q| q.text = text) }/>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterStatus)}</span>
                    <select data-testid="sale-status-filter" on:change=move |ev| {
                        let code = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        query.update(|q| q.status = code)
                    }>
                        <option value="">{move || state.t(Key::AllStatuses)}</option>
                        {statuses.into_iter().map(|(code, key)| view! { <option value=code>{move || state.t(key)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterOwner)}</span>
                    <select on:change=move |ev| {
                        let owner = Some(event_target_value(&ev)).filter(|s| !s.is_empty());
                        query.update(|q| q.owner = owner)
                    }>
                        <option value="">{move || state.t(Key::AllOwners)}</option>
                        {move || state.team.get().into_iter().map(|m| view! { <option value=m.meta.id.clone()>{m.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! { <div class="empty"><p>{move || state.t(Key::NothingHereYet)}</p></div> }>
                <RecordTable testid rows=found list columns=columns.clone() row=cells.clone()/>
            </Show>
        </section>
    }
}

#[component]
pub fn QuotesPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let names = state.record_names();
    let statuses = QUOTE_STATUSES
        .into_iter()
        .map(|s| (quote_status_code(s), quote_status_key(s)))
        .collect();
    let export = Export {
        name: "quotes",
        columns: vec![
            Key::FieldNumber,
            Key::FieldCustomer,
            Key::FieldDate,
            Key::FieldValidUntil,
            Key::FilterStatus,
            Key::TotalGross,
            Key::ColOwner,
            Key::FieldCurrency,
        ],
        cells: move |quote: &Quote, lang: Lang| {
            let shown = quote.shown(&today());
            vec![
                quote.body.number.clone(),
                names.with_untracked(|n| {
                    n.get(quote.body.customer_id.as_str())
                        .cloned()
                        .unwrap_or_default()
                }),
                quote.issued_on.clone(),
                quote.valid_until.clone().unwrap_or_default(),
                t(lang, quote_status_key(shown)).to_owned(),
                money_text(quote.body.total),
                state.member_name(&quote.meta.owner),
                quote.body.currency.clone(),
            ]
        },
    };
    view! {
        <SaleListPage export title=Key::QuotesTitle count=Key::QuotesCount new_label=Key::NewQuote new_href="/quotes/new"
            search_placeholder=Key::SearchSalesPlaceholder statuses list=state.quotes names testid="quote-table"
            columns=vec![Key::FieldNumber, Key::FieldCustomer, Key::FieldDate, Key::FieldValidUntil, Key::FilterStatus, Key::TotalGross, Key::ColOwner]
            cells=move |quote: Quote| view! { <QuoteCells quote names/> }/>
    }
}

#[component]
fn QuoteCells(quote: Quote, names: Memo<Names>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get();
    let shown = quote.shown(&today());
    let customer = names.with_untracked(|n| {
        n.get(quote.body.customer_id.as_str())
            .cloned()
            .unwrap_or_default()
    });
    let owner = state.member_name(&quote.meta.owner);
    let day = format_date(lang, &quote.issued_on);
    let until = quote.valid_until.as_deref().map(|d| format_date(lang, d));
    let total = format_money(lang, quote.body.total, &quote.body.currency);
    view! {
        <td class="cell-title" data-label=state.t(Key::FieldNumber)><a href=format!("/quotes/{}", quote.meta.id)>{quote.body.number.clone()}</a></td>
        <td data-label=state.t(Key::FieldCustomer)>{customer}</td>
        <td data-label=state.t(Key::FieldDate)>{day}</td>
        <td data-label=state.t(Key::FieldValidUntil)>{until}</td>
        <td data-label=state.t(Key::FilterStatus)><StatusBadge code=quote_status_code(shown) label=quote_status_key(shown)/></td>
        <td class="cell-amount" data-label=state.t(Key::TotalGross)>{total}</td>
        <td data-label=state.t(Key::ColOwner)>{owner}</td>
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let names = state.record_names();
    let statuses = ORDER_STATUSES
        .into_iter()
        .map(|s| (order_status_code(s), order_status_key(s)))
        .collect();
    // Balances are summed once per change of payments, not once per row.
    let ledger = Memo::new(move |_| state.payments.with(|p| Ledger::new(p, &[])).paid_by_order());
    let export = Export {
        name: "orders",
        columns: vec![
            Key::FieldNumber,
            Key::FieldCustomer,
            Key::FieldDate,
            Key::FilterStatus,
            Key::TotalGross,
            Key::BalanceDue,
            Key::ColOwner,
            Key::FieldCurrency,
        ],
        cells: move |order: &Order, lang: Lang| {
            let paid = ledger
                .with_untracked(|l| l.get(order.meta.id.as_str()).copied().unwrap_or_default());
            let balance = order
                .status
                .takes_payments()
                .then(|| money_text(order.body.total - paid));
            vec![
                order.body.number.clone(),
                names.with_untracked(|n| {
                    n.get(order.body.customer_id.as_str())
                        .cloned()
                        .unwrap_or_default()
                }),
                order.order_date.as_str().to_owned(),
                t(lang, order_status_key(order.status)).to_owned(),
                money_text(order.body.total),
                balance.unwrap_or_default(),
                state.member_name(&order.meta.owner),
                order.body.currency.clone(),
            ]
        },
    };
    view! {
        <SaleListPage export title=Key::OrdersTitle count=Key::OrdersCount new_label=Key::NewOrder new_href="/orders/new"
            search_placeholder=Key::SearchSalesPlaceholder statuses list=state.orders names testid="order-table"
            columns=vec![Key::FieldNumber, Key::FieldCustomer, Key::FieldDate, Key::FilterStatus, Key::TotalGross, Key::BalanceDue, Key::ColOwner]
            cells=move |order: Order| view! { <OrderCells order ledger names/> }/>
    }
}

#[component]
fn OrderCells(
    order: Order,
    ledger: Memo<rustc_hash::FxHashMap<Id, Decimal>>,
    names: Memo<Names>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang.get();
    let customer = names.with_untracked(|n| {
        n.get(order.body.customer_id.as_str())
            .cloned()
            .unwrap_or_default()
    });
    let owner = state.member_name(&order.meta.owner);
    let day = format_date(lang, &order.order_date);
    let (id, total, currency, status) = (
        order.meta.id.clone(),
        order.body.total,
        order.body.currency.clone(),
        order.status,
    );
    let total_text = format_money(lang, total, &currency);
    let balance = move || {
        let paid = ledger.with(|l| l.get(id.as_str()).copied().unwrap_or_default());
        status
            .takes_payments()
            .then(|| format_money(lang, total - paid, &currency))
    };
    view! {
        <td class="cell-title" data-label=state.t(Key::FieldNumber)><a href=format!("/orders/{}", order.meta.id)>{order.body.number.clone()}</a></td>
        <td data-label=state.t(Key::FieldCustomer)>{customer}</td>
        <td data-label=state.t(Key::FieldDate)>{day}</td>
        <td data-label=state.t(Key::FilterStatus)><StatusBadge code=order_status_code(status) label=order_status_key(status)/></td>
        <td class="cell-amount" data-label=state.t(Key::TotalGross)>{total_text}</td>
        <td class="cell-amount" data-label=state.t(Key::BalanceDue)>{balance}</td>
        <td data-label=state.t(Key::ColOwner)>{owner}</td>
    }
}
