//! Trash: deleted records wait here until restored, or until the user empties it.

use crate::domain::sorting::sort_by;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::balance::Ledger;
use crate::domain::id::Id;
use crate::domain::receivable::check_addition;
use crate::domain::record::Record;
use crate::i18n::{format_datetime, Key};
use crate::store::{schema, StoreError, Stored};
use crate::ui::browser::now;
use crate::ui::state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Lead,
    Customer,
    Contact,
    Opportunity,
    Activity,
    Product,
    Quote,
    Order,
    Payment,
    Invoice,
}

/// Trash lists this many, most recently deleted first; emptying it removes them all.
const SHOWN: usize = 200;

/// One deleted record, whatever its kind, as the Trash lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Trashed {
    kind: Kind,
    id: Id,
    rev: u32,
    name: String,
    deleted_at: String,
}

impl Kind {
    fn label(self) -> Key {
        match self {
            Kind::Lead => Key::TrashLeads,
            Kind::Customer => Key::TrashCustomers,
            Kind::Contact => Key::TrashContacts,
            Kind::Opportunity => Key::OpportunityKind,
            Kind::Activity => Key::ActivityKind,
            Kind::Product => Key::ProductKind,
            Kind::Quote => Key::QuoteTitle,
            Kind::Order => Key::OrderTitle,
            Kind::Payment => Key::PaymentKind,
            Kind::Invoice => Key::InvoiceRecordKind,
        }
    }

    fn store(self) -> &'static str {
        match self {
            Kind::Lead => schema::LEADS,
            Kind::Customer => schema::CUSTOMERS,
            Kind::Contact => schema::CONTACTS,
            Kind::Opportunity => schema::OPPORTUNITIES,
            Kind::Activity => schema::ACTIVITIES,
            Kind::Product => schema::PRODUCTS,
            Kind::Quote => schema::QUOTES,
            Kind::Order => schema::ORDERS,
            Kind::Payment => schema::PAYMENTS,
            Kind::Invoice => schema::INVOICES,
        }
    }

    fn href(self, id: &str) -> Option<String> {
        match self {
            Kind::Lead => Some(format!("/leads/{id}")),
            Kind::Customer => Some(format!("/customers/{id}")),
            Kind::Opportunity => Some(format!("/opportunities/{id}")),
            Kind::Product => Some(format!("/products/{id}")),
            Kind::Quote => Some(format!("/quotes/{id}")),
            Kind::Order => Some(format!("/orders/{id}")),
            Kind::Contact | Kind::Activity | Kind::Payment | Kind::Invoice => None,
        }
    }
}

fn trashed<R: Record>(kind: Kind, records: &[R], name: impl Fn(&R) -> String) -> Vec<Trashed> {
    records
        .iter()
        .filter_map(|r| {
            r.meta().deleted_at.clone().map(|deleted_at| Trashed {
                kind,
                id: r.meta().id.clone(),
                rev: r.meta().rev,
                name: name(r),
                deleted_at,
            })
        })
        .collect()
}

/// Takes a record out of Trash.
async fn restore(state: AppState, kind: Kind, id: String) -> Result<(), StoreError> {
    match kind {
        Kind::Lead => restore_in(state, state.leads, &id).await,
        Kind::Customer => restore_in(state, state.customers, &id).await,
        Kind::Contact => restore_in(state, state.contacts, &id).await,
        Kind::Opportunity => restore_in(state, state.opportunities, &id).await,
        Kind::Activity => restore_in(state, state.activities, &id).await,
        Kind::Product => restore_in(state, state.products, &id).await,
        Kind::Quote => restore_in(state, state.quotes, &id).await,
        Kind::Order => restore_in(state, state.orders, &id).await,
        Kind::Payment => restore_in(state, state.payments, &id).await,
        Kind::Invoice => restore_in(state, state.invoices, &id).await,
    }
}

/// Whether a payment or invoice taken out of Trash still fits under its order's total: others
/// may have been recorded since it was deleted.
fn fits_again(state: AppState, kind: Kind, id: &str) -> bool {
    let ledger = state
        .payments
        .with_untracked(|p| state.invoices.with_untracked(|i| Ledger::new(p, i)));
    let found = match kind {
        Kind::Payment => state.payments.with_untracked(|all| {
            all.iter()
                .find(|p| p.meta.id == id)
                .map(|p| (p.order_id.clone(), p.amount, ledger.paid(&p.order_id)))
        }),
        Kind::Invoice => state.invoices.with_untracked(|all| {
            all.iter()
                .find(|i| i.meta.id == id)
                .map(|i| (i.order_id.clone(), i.amount, ledger.invoiced(&i.order_id)))
        }),
        _ => None,
    };
    let Some((order_id, amount, booked)) = found else {
        return true;
    };
    state.orders.with_untracked(|orders| {
        orders
            .iter()
            .find(|o| o.meta.id == order_id)
            .is_some_and(|o| check_addition(booked, amount, o.body.total).is_ok())
    })
}

async fn restore_in<R: Stored + Clone + Send + Sync + 'static>(
    state: AppState,
    list: RwSignal<Vec<R>>,
    id: &str,
) -> Result<(), StoreError> {
    let Some(mut record) = list.with_untracked(|all| all.iter().find(|r| r.id() == id).cloned())
    else {
        return Ok(());
    };
    record.meta_mut().restore(&now());
    state.save_many(vec![record], list).await
}

#[component]
pub fn TrashPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let kept = RwSignal::new(0usize);
    let items = Memo::new(move |_| {
        let mut all = state
            .leads
            .with(|r| trashed(Kind::Lead, r, |l| l.display_name().to_owned()));
        all.extend(
            state
                .customers
                .with(|r| trashed(Kind::Customer, r, |c| c.details.name.clone())),
        );
        all.extend(
            state
                .contacts
                .with(|r| trashed(Kind::Contact, r, |c| c.details.name.clone())),
        );
        all.extend(
            state
                .opportunities
                .with(|r| trashed(Kind::Opportunity, r, |o| o.title.clone())),
        );
        all.extend(state.activities.with(|r| {
            trashed(Kind::Activity, r, |a| {
                if a.details.subject.is_empty() {
                    a.details.body.chars().take(80).collect()
                } else {
                    a.details.subject.clone()
                }
            })
        }));
        all.extend(
            state
                .products
                .with(|r| trashed(Kind::Product, r, |p| format!("{} {}", p.code, p.name))),
        );
        all.extend(
            state
                .quotes
                .with(|r| trashed(Kind::Quote, r, |q| q.body.number.clone())),
        );
        all.extend(
            state
                .orders
                .with(|r| trashed(Kind::Order, r, |o| o.body.number.clone())),
        );
        all.extend(
            state
                .payments
                .with(|r| trashed(Kind::Payment, r, |p| format!("{} {}", p.day, p.amount))),
        );
        all.extend(
            state
                .invoices
                .with(|r| trashed(Kind::Invoice, r, |i| format!("{} {}", i.number, i.amount))),
        );
        sort_by(&mut all, |a, b| b.deleted_at.cmp(&a.deleted_at));
        all
    });

    let run = move |work: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), StoreError>>>,
    >,
                    done: Key| {
        busy.set(true);
        spawn_local(async move {
            match work.await {
                Ok(()) => state.inform(done),
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
                <Show when=move || items.with(|t| !t.is_empty()) && !confirming.get()>
                    <button type="button" class="button button-danger" data-testid="empty-trash"
                        on:click=move |_| confirming.set(true)>
                        {move || state.t(Key::EmptyTrash)}
                    </button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="callout callout-danger" role="alert">
                    <span>{move || state.tf(Key::EmptyTrashConfirm, &[("count", &items.with(Vec::len).to_string())])}</span>
                    <div class="button-row">
                        <button type="button" class="button button-danger" data-testid="confirm-empty-trash"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                let doomed = items.with_untracked(|t| t.iter().map(|i| (i.kind.store(), i.id.to_string())).collect());
                                run(Box::pin(async move {
                                    let stayed = state.purge(doomed).await?;
                                    kept.set(stayed);
                                    Ok(())
                                }), Key::DeletedForever)
                            }>
                            {move || state.t(Key::DeleteForever)}
                        </button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {move || state.t(Key::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <Show when=move || { kept.get() > 0 }>
                <p class="callout" role="status" data-testid="trash-kept">
                    {move || state.tf(Key::TrashKeptLinked, &[("count", &kept.get().to_string())])}
                </p>
            </Show>
            <Show when=move || items.with(|t| !t.is_empty())
                fallback=move || view! { <p class="empty">{move || state.t(Key::TrashEmpty)}</p> }>
                <ul class="card-list" data-testid="trash-list">
                    <For each=move || items.with(|all| all.iter().take(SHOWN).cloned().collect::<Vec<_>>()) key=|i| (i.id.clone(), i.rev) let:item>
                        {
                            let Trashed { kind, id, name, deleted_at, .. } = item;
                            let title = match kind.href(&id) {
                                Some(href) => view! { <A href=href attr:class="card-title">{name}</A> }.into_any(),
                                None => view! { <span class="card-title">{name}</span> }.into_any(),
                            };
                            view! {
                                <li class="card">
                                    <div>
                                        <span class="badge">{move || state.t(kind.label())}</span>" "
                                        {title}
                                        <p class="muted">{move || state.tf(Key::DeletedOn, &[("when", &format_datetime(state.lang.get(), &deleted_at))])}</p>
                                    </div>
                                    <button type="button" class="button" data-testid="restore"
                                        disabled=move || busy.get()
                                        on:click=move |_| {
                                            if !fits_again(state, kind, &id) {
                                                state.refuse(Key::ProblemRestoreExceeds);
                                                return;
                                            }
                                            run(Box::pin(restore(state, kind, id.to_string())), Key::Restored)
                                        }>
                                        {move || state.t(Key::Restore)}
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
                <Show when=move || { items.with(Vec::len) > SHOWN }>
                    <p class="muted" data-testid="trash-more">
                        {move || state.tf(Key::TrashShowingRecent, &[("shown", &SHOWN.to_string()), ("count", &items.with(Vec::len).to_string())])}
                    </p>
                </Show>
            </Show>
        </section>
    }
}
