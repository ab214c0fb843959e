//! Trash: deleted records wait here until restored, or until the user empties it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

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
}

/// Trash lists this many, most recently deleted first; emptying it removes them all.
const SHOWN: usize = 200;

/// One deleted record, whatever its kind, as the Trash lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Trashed {
    kind: Kind,
    id: String,
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
        }
    }

    fn store(self) -> &'static str {
        match self {
            Kind::Lead => schema::LEADS,
            Kind::Customer => schema::CUSTOMERS,
            Kind::Contact => schema::CONTACTS,
            Kind::Opportunity => schema::OPPORTUNITIES,
            Kind::Activity => schema::ACTIVITIES,
        }
    }

    fn href(self, id: &str) -> Option<String> {
        match self {
            Kind::Lead => Some(format!("/leads/{id}")),
            Kind::Customer => Some(format!("/customers/{id}")),
            Kind::Opportunity => Some(format!("/opportunities/{id}")),
            Kind::Contact | Kind::Activity => None,
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
    }
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
        all.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
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
                                let doomed = items.with_untracked(|t| t.iter().map(|i| (i.kind.store(), i.id.clone())).collect());
                                run(Box::pin(async move { state.purge(doomed).await }), Key::DeletedForever)
                            }>
                            {move || state.t(Key::DeleteForever)}
                        </button>
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {move || state.t(Key::Cancel)}
                        </button>
                    </div>
                </div>
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
                                        on:click=move |_| run(Box::pin(restore(state, kind, id.clone())), Key::Restored)>
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
