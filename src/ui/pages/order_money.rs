//! An order's money: what is paid, owed and invoiced; the payment plan; payments; invoices.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::domain::balance::{Ledger, OrderMoney};
use crate::domain::date::add_days;
use crate::domain::date::is_valid_day;
use crate::domain::opportunity::parse_amount;
use crate::domain::order::Order;
use crate::domain::receivable::{
    check_addition, entries_of, Installment, Invoice, InvoiceKind, Payment, PaymentMethod,
};
use crate::domain::record::RecordMeta;
use crate::i18n::{format_date, format_money, Key};
use crate::store::Stored;
use crate::ui::browser::{new_id, now, today};
use crate::ui::sale_labels::{invoice_kind_key, method_key, money_problem_text};
use crate::ui::state::AppState;

/// What the order is owed, worked out once per change for all the panels of its page.
pub fn order_money(order: Signal<Order>) -> Memo<OrderMoney> {
    let state = expect_context::<AppState>();
    let today = today();
    Memo::new(move |_| {
        let id = order.with(|o| o.meta.id.clone());
        let ledger = state.payments.with(|p| {
            state.invoices.with(|i| {
                Ledger::new(
                    p.iter().filter(|x| x.order_id == id),
                    i.iter().filter(|x| x.order_id == id),
                )
            })
        });
        order.with(|o| ledger.money(o, &today))
    })
}

#[component]
pub fn MoneySummary(order: Signal<Order>, money: Memo<OrderMoney>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let show = move |amount: Decimal| {
        format_money(
            state.lang.get(),
            amount,
            &order.with(|o| o.body.currency.clone()),
        )
    };
    let base_note = move || {
        let base = state.currencies.with(|c| c.base.clone());
        order.with(|o| {
            (o.body.currency != base).then(|| {
                state.tf(
                    Key::RateNote,
                    &[
                        ("rate", &o.rate_to_base.normalize().to_string()),
                        ("base", &base),
                        ("currency", &o.body.currency),
                    ],
                )
            })
        })
    };
    let overdue_class = move || {
        if money.get().overdue > Decimal::ZERO {
            "money-overdue"
        } else {
            ""
        }
    };
    view! {
        <dl class="money-summary" data-testid="money-summary">
            <div><dt>{move || state.t(Key::TotalGross)}</dt><dd data-testid="money-total">{move || show(money.get().total)}</dd></div>
            <div><dt>{move || state.t(Key::Paid)}</dt><dd data-testid="money-paid">{move || show(money.get().paid)}</dd></div>
            <div><dt>{move || state.t(Key::BalanceDue)}</dt><dd data-testid="money-balance">{move || show(money.get().balance)}</dd></div>
            <div class=overdue_class>
                <dt>{move || state.t(Key::Overdue)}</dt><dd data-testid="money-overdue">{move || show(money.get().overdue)}</dd>
            </div>
            <div><dt>{move || state.t(Key::Invoiced)}</dt><dd data-testid="money-invoiced">{move || show(money.get().invoiced)}</dd></div>
        </dl>
        {move || base_note().map(|note| view! { <p class="muted">{note}</p> })}
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct PlanRow {
    key: u32,
    due: String,
    amount: String,
}

fn rows_of(order: &Order) -> Vec<PlanRow> {
    order
        .plan
        .iter()
        .zip(1..)
        .map(|(i, key)| PlanRow {
            key,
            due: i.due.clone(),
            amount: i.amount.to_string(),
        })
        .collect()
}

#[component]
pub fn PlanPanel(order: Signal<Order>, money: Memo<OrderMoney>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let rows = RwSignal::new(Vec::<PlanRow>::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let busy = RwSignal::new(false);
    let currency = move || order.with(|o| o.body.currency.clone());
    let show = move |amount: Decimal| format_money(state.lang.get(), amount, &currency());
    let start = move |_| {
        let mut start = order.with_untracked(rows_of);
        if start.is_empty() {
            start = vec![PlanRow {
                key: 1,
                due: order.with_untracked(|o| add_days(&o.order_date, 30).unwrap_or_default()),
                amount: order.with_untracked(|o| o.body.total.to_string()),
            }];
        }
        rows.set(start);
        problems.set(Vec::new());
        editing.set(true);
    };
    let add_row = move |_| {
        rows.update(|r| {
            let key = r.iter().map(|x| x.key).max().unwrap_or(0) + 1;
            let due = r
                .last()
                .and_then(|l| add_days(&l.due, 30))
                .unwrap_or_else(today);
            r.push(PlanRow {
                key,
                due,
                amount: String::new(),
            });
        })
    };
    let save = move |_| {
        let lang = state.lang.get_untracked();
        let mut plan = Vec::new();
        let mut found = Vec::new();
        for (at, row) in rows.get_untracked().into_iter().enumerate() {
            match parse_amount(&row.amount) {
                Ok(amount) => plan.push(Installment {
                    due: row.due,
                    amount,
                }),
                Err(_) => found.push(state.tf(
                    Key::ProblemInstallmentAmount,
                    &[("number", &(at + 1).to_string())],
                )),
            }
        }
        let mut updated = order.get_untracked();
        if found.is_empty() {
            if let Err(problems) = updated.set_plan(plan, &now()) {
                found.extend(
                    problems
                        .iter()
                        .map(|p| money_problem_text(lang, p, &currency())),
                );
            }
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        problems.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            match state.save(updated, state.orders).await {
                Ok(()) => {
                    editing.set(false);
                    state.inform(Key::PlanSaved);
                }
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let planned = move || {
        rows.with(|r| {
            r.iter()
                .filter_map(|row| parse_amount(&row.amount).ok())
                .sum::<Decimal>()
        })
    };
    let open = move || order.with(|o| !o.status.takes_payments() || o.meta.is_deleted());
    view! {
        <section class="panel" aria-labelledby="plan-heading" data-testid="plan-panel">
            <div class="panel-head">
                <h2 id="plan-heading">{move || state.t(Key::PaymentPlan)}</h2>
                <Show when=move || !editing.get() && order.with(|o| !o.meta.is_deleted() && o.status != crate::domain::document::OrderStatus::Cancelled)>
                    <button type="button" class="button" data-testid="edit-plan" on:click=start>{move || state.t(Key::EditPlan)}</button>
                </Show>
            </div>
            <Show when=move || !editing.get()>
                <Show when=move || !open() fallback=move || view! { <p class="muted">{move || state.t(Key::PlanAfterConfirm)}</p> }>
                    <table class="plain-table" data-testid="installments">
                        <thead><tr>
                            <th scope="col">{move || state.t(Key::DueDate)}</th>
                            <th scope="col" class="cell-amount">{move || state.t(Key::Amount)}</th>
                            <th scope="col" class="cell-amount">{move || state.t(Key::Paid)}</th>
                            <th scope="col" class="cell-amount">{move || state.t(Key::Open)}</th>
                            <th scope="col"><span class="visually-hidden">{move || state.t(Key::ColStatus)}</span></th>
                        </tr></thead>
                        <tbody>
                            {move || money.get().installments.into_iter().map(|s| {
                                let overdue = s.overdue;
                                let open_amount = s.open();
                                view! {
                                    <tr data-testid="installment" class:row-overdue=overdue>
                                        <td>{format_date(state.lang.get(), &s.installment.due)}</td>
                                        <td class="cell-amount">{show(s.installment.amount)}</td>
                                        <td class="cell-amount">{show(s.paid)}</td>
                                        <td class="cell-amount">{show(open_amount)}</td>
                                        <td>
                                            {overdue.then(|| view! { <span class="badge badge-overdue" data-testid="installment-overdue">{state.t(Key::Overdue)}</span> })}
                                            {(open_amount.is_zero()).then(|| view! { <span class="badge badge-paid">{state.t(Key::PaidInFull)}</span> })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <Show when=move || order.with(|o| o.plan.is_empty())>
                        <p class="muted">{move || state.t(Key::NoPlanHint)}</p>
                    </Show>
                </Show>
            </Show>
            <Show when=move || editing.get()>
                <div class="plan-editor">
                    <For each=move || rows.get() key=|r| r.key children=move |row: PlanRow| {
                        let key = row.key;
                        let set = move |f: fn(&mut PlanRow, String)| move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            rows.update(|r| if let Some(x) = r.iter_mut().find(|x| x.key == key) { f(x, v) });
                        };
                        view! {
                            <div class="plan-row" data-testid="plan-row">
                                <label>
                                    <span>{move || state.t(Key::DueDate)}</span>
                                    <input type="date" data-testid="plan-due" prop:value=row.due.clone() on:input=set(|r, v| r.due = v)/>
                                </label>
                                <label>
                                    <span>{move || state.t(Key::Amount)}</span>
                                    <input type="text" inputmode="decimal" data-testid="plan-amount" prop:value=row.amount.clone() on:input=set(|r, v| r.amount = v)/>
                                </label>
                                <button type="button" class="button button-quiet" aria-label=move || state.t(Key::RemoveInstallment)
                                    on:click=move |_| rows.update(|r| r.retain(|x| x.key != key))>"×"</button>
                            </div>
                        }
                    }/>
                    <p class="muted" data-testid="plan-sum">
                        {move || state.tf(Key::PlanSumOf, &[("planned", &show(planned())), ("total", &show(order.with(|o| o.body.total)))])}
                    </p>
                    <ul class="form-problems" role="alert" data-testid="plan-problems">
                        {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                    <div class="button-row">
                        <button type="button" class="button" data-testid="add-installment" on:click=add_row>{move || state.t(Key::AddInstallment)}</button>
                        <button type="button" class="button button-primary" data-testid="save-plan" disabled=move || busy.get() on:click=save>{move || state.t(Key::SavePlan)}</button>
                        <button type="button" class="button button-quiet" on:click=move |_| editing.set(false)>{move || state.t(Key::Cancel)}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// Moves a payment or invoice recorded by mistake to Trash, from where it can come back.
fn to_trash<R: Stored + Clone + Send + Sync + 'static>(
    state: AppState,
    mut record: R,
    list: RwSignal<Vec<R>>,
) {
    record.meta_mut().move_to_trash(&now());
    spawn_local(async move {
        match state.save(record, list).await {
            Ok(()) => state.inform(Key::MovedToTrash),
            Err(error) => state.fail(&error),
        }
    });
}

/// Checks an amount typed against what still fits under the total; the problem as text.
fn check_amount(
    state: AppState,
    text: &str,
    booked: Decimal,
    total: Decimal,
    currency: &str,
) -> Result<Decimal, String> {
    let lang = state.lang.get_untracked();
    let amount = parse_amount(text).map_err(|_| state.t(Key::ProblemAmount).to_owned())?;
    check_addition(booked, amount, total).map_err(|p| money_problem_text(lang, &p, currency))?;
    Ok(amount)
}

#[component]
pub fn PaymentsPanel(order: Signal<Order>, money: Memo<OrderMoney>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let day = RwSignal::new(today());
    let amount = RwSignal::new(String::new());
    let method = RwSignal::new(PaymentMethod::BankTransfer);
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let currency = move || order.with(|o| o.body.currency.clone());
    let show = move |a: Decimal| format_money(state.lang.get(), a, &currency());
    let payments = Memo::new(move |_| {
        let id = order.with(|o| o.meta.id.clone());
        state.payments.with(|all| entries_of(all, &id))
    });
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let o = order.get_untracked();
        if !o.status.takes_payments() {
            problem.set(Some(state.t(Key::ProblemNoPaymentsYet).to_owned()));
            return;
        }
        if !is_valid_day(&day.get_untracked()) {
            problem.set(Some(state.t(Key::ProblemDate).to_owned()));
            return;
        }
        let checked = check_amount(
            state,
            &amount.get_untracked(),
            money.get_untracked().paid,
            o.body.total,
            &o.body.currency,
        );
        let value = match checked {
            Err(text) => {
                problem.set(Some(text));
                return;
            }
            Ok(value) => value,
        };
        problem.set(None);
        let payment = Payment {
            meta: RecordMeta::new(new_id(), &now(), o.meta.owner.clone()),
            order_id: o.meta.id.clone(),
            day: day.get_untracked().into(),
            amount: value,
            method: method.get_untracked(),
            note: note.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        spawn_local(async move {
            match state.save(payment, state.payments).await {
                Ok(()) => {
                    amount.set(String::new());
                    note.set(String::new());
                    state.inform(Key::PaymentRecorded);
                }
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let remove = move |payment: Payment| to_trash(state, payment, state.payments);
    let takes = move || order.with(|o| o.status.takes_payments() && !o.meta.is_deleted());
    view! {
        <section class="panel" aria-labelledby="payments-heading" data-testid="payments-panel">
            <h2 id="payments-heading">{move || state.t(Key::Payments)}</h2>
            <Show when=move || payments.with(|p| !p.is_empty()) fallback=move || view! { <p class="muted">{move || state.t(Key::NoPaymentsYet)}</p> }>
                <table class="plain-table" data-testid="payments">
                    <tbody>
                        {move || payments.get().into_iter().map(|p| {
                            let kept = p.clone();
                            view! {
                                <tr data-testid="payment">
                                    <td>{format_date(state.lang.get(), &p.day)}</td>
                                    <td>{state.t(method_key(p.method))}</td>
                                    <td>{p.note.clone()}</td>
                                    <td class="cell-amount">{show(p.amount)}</td>
                                    <td><button type="button" class="button button-quiet" aria-label=move || state.t(Key::MoveToTrash)
                                        title=move || state.t(Key::MoveToTrash) on:click=move |_| remove(kept.clone())>"×"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <Show when=takes fallback=move || view! { <p class="muted">{move || state.t(Key::PlanAfterConfirm)}</p> }>
                <form class="inline-form" on:submit=record novalidate>
                    <label><span>{move || state.t(Key::FieldDate)}</span>
                        <input type="date" data-testid="payment-day" prop:value=day on:input=move |ev| day.set(event_target_value(&ev))/></label>
                    <label><span>{move || state.t(Key::Amount)}</span>
                        <input type="text" inputmode="decimal" data-testid="payment-amount" placeholder=move || show(money.get().balance)
                            prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev))/></label>
                    <label><span>{move || state.t(Key::PaymentMethod)}</span>
                        <select data-testid="payment-method" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some(m) = PaymentMethod::ALL.into_iter().find(|m| format!("{m:?}") == code) { method.set(m); }
                        }>
                            {PaymentMethod::ALL.into_iter().map(|m| view! { <option value=format!("{m:?}")>{move || state.t(method_key(m))}</option> }).collect_view()}
                        </select></label>
                    <label><span>{move || state.t(Key::FieldNote)}</span>
                        <input type="text" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))/></label>
                    <button type="submit" class="button button-primary" data-testid="record-payment" disabled=move || busy.get()>{move || state.t(Key::RecordPayment)}</button>
                </form>
                <p class="field-error" role="alert" data-testid="payment-problem">{move || problem.get()}</p>
            </Show>
        </section>
    }
}

#[component]
pub fn InvoicesPanel(order: Signal<Order>, money: Memo<OrderMoney>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let number = RwSignal::new(String::new());
    let day = RwSignal::new(today());
    let amount = RwSignal::new(String::new());
    let kind = RwSignal::new(InvoiceKind::VatSpecial);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let currency = move || order.with(|o| o.body.currency.clone());
    let show = move |a: Decimal| format_money(state.lang.get(), a, &currency());
    let invoices = Memo::new(move |_| {
        let id = order.with(|o| o.meta.id.clone());
        state.invoices.with(|all| entries_of(all, &id))
    });
    let issue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let o = order.get_untracked();
        let checks = [
            (!o.status.takes_payments(), Key::ProblemNoPaymentsYet),
            (
                number.with_untracked(|n| n.trim().is_empty()),
                Key::ProblemInvoiceNumber,
            ),
            (!is_valid_day(&day.get_untracked()), Key::ProblemDate),
        ];
        if let Some((_, key)) = checks.iter().find(|(wrong, _)| *wrong) {
            problem.set(Some(state.t(*key).to_owned()));
            return;
        }
        let value = match check_amount(
            state,
            &amount.get_untracked(),
            money.get_untracked().invoiced,
            o.body.total,
            &o.body.currency,
        ) {
            Err(text) => {
                problem.set(Some(text));
                return;
            }
            Ok(value) => value,
        };
        problem.set(None);
        let invoice = Invoice {
            meta: RecordMeta::new(new_id(), &now(), o.meta.owner.clone()),
            order_id: o.meta.id.clone(),
            number: number.get_untracked().trim().to_owned(),
            day: day.get_untracked(),
            amount: value,
            kind: kind.get_untracked(),
            note: String::new(),
        };
        busy.set(true);
        spawn_local(async move {
            match state.save(invoice, state.invoices).await {
                Ok(()) => {
                    number.set(String::new());
                    amount.set(String::new());
                    state.inform(Key::InvoiceIssued);
                }
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let remove = move |invoice: Invoice| to_trash(state, invoice, state.invoices);
    let takes = move || order.with(|o| o.status.takes_payments() && !o.meta.is_deleted());
    let uninvoiced = move || money.with(|m| m.total - m.invoiced);
    view! {
        <section class="panel" aria-labelledby="invoices-heading" data-testid="invoices-panel">
            <h2 id="invoices-heading">{move || state.t(Key::Invoices)}</h2>
            <Show when=move || invoices.with(|i| !i.is_empty()) fallback=move || view! { <p class="muted">{move || state.t(Key::NoInvoicesYet)}</p> }>
                <table class="plain-table" data-testid="invoices">
                    <tbody>
                        {move || invoices.get().into_iter().map(|i| {
                            let kept = i.clone();
                            view! {
                                <tr data-testid="invoice">
                                    <td>{i.number.clone()}</td>
                                    <td>{format_date(state.lang.get(), &i.day)}</td>
                                    <td>{state.t(invoice_kind_key(i.kind))}</td>
                                    <td class="cell-amount">{show(i.amount)}</td>
                                    <td><button type="button" class="button button-quiet" aria-label=move || state.t(Key::MoveToTrash)
                                        title=move || state.t(Key::MoveToTrash) on:click=move |_| remove(kept.clone())>"×"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <Show when=takes>
                <form class="inline-form" on:submit=issue novalidate>
                    <label><span>{move || state.t(Key::InvoiceNumber)}</span>
                        <input type="text" data-testid="invoice-number" prop:value=number on:input=move |ev| number.set(event_target_value(&ev))/></label>
                    <label><span>{move || state.t(Key::FieldDate)}</span>
                        <input type="date" data-testid="invoice-day" prop:value=day on:input=move |ev| day.set(event_target_value(&ev))/></label>
                    <label><span>{move || state.t(Key::Amount)}</span>
                        <input type="text" inputmode="decimal" data-testid="invoice-amount" placeholder=move || show(uninvoiced())
                            prop:value=amount on:input=move |ev| amount.set(event_target_value(&ev))/></label>
                    <label><span>{move || state.t(Key::InvoiceKind)}</span>
                        <select data-testid="invoice-kind" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some(k) = InvoiceKind::ALL.into_iter().find(|k| format!("{k:?}") == code) { kind.set(k); }
                        }>
                            {InvoiceKind::ALL.into_iter().map(|k| view! { <option value=format!("{k:?}")>{move || state.t(invoice_kind_key(k))}</option> }).collect_view()}
                        </select></label>
                    <button type="submit" class="button button-primary" data-testid="issue-invoice" disabled=move || busy.get()>{move || state.t(Key::IssueInvoice)}</button>
                </form>
                <p class="field-error" role="alert" data-testid="invoice-problem">{move || problem.get()}</p>
            </Show>
        </section>
    }
}
