//! The records behind a bar, a slice or a figure of a report, each linked to its page.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::order::Order;
use crate::domain::receivable::Payment;
use crate::i18n::{format_date, format_money, t, tf, Key};
use crate::reports::scope::{Behind, RecordKind};
use crate::ui::labels::kind_key;
use crate::ui::state::AppState;

/// More than this many would make a page nobody reads; the count says how many there are.
const SHOWN: usize = 200;

/// A record as a line of the list.
struct Entry {
    href: String,
    name: String,
    detail: String,
}

/// The first records behind, in the report's order (which is meaningful: the biggest first, the
/// oldest first). The report was computed from these same lists, so a place finds its record.
fn entries(state: &AppState, behind: &Behind) -> Vec<Entry> {
    let lang = state.lang.get_untracked();
    let names = state.record_names().get_untracked();
    let name_of = |id: &str| names.get(id).cloned().unwrap_or_default();
    let places = behind.places.iter().take(SHOWN).map(|p| *p as usize);
    match behind.kind {
        RecordKind::Lead => state.leads.with_untracked(|all| {
            places
                .filter_map(|at| all.get(at))
                .map(|r| Entry {
                    href: format!("/leads/{}", r.meta.id),
                    name: r.display_name().to_owned(),
                    detail: r.details.company.clone(),
                })
                .collect()
        }),
        RecordKind::Customer => state.customers.with_untracked(|all| {
            places
                .filter_map(|at| all.get(at))
                .map(|r| Entry {
                    href: format!("/customers/{}", r.meta.id),
                    name: r.details.name.clone(),
                    detail: r.details.city.clone(),
                })
                .collect()
        }),
        RecordKind::Opportunity => state.opportunities.with_untracked(|all| {
            places
                .filter_map(|at| all.get(at))
                .map(|r| Entry {
                    href: format!("/opportunities/{}", r.meta.id),
                    name: r.title.clone(),
                    detail: format!(
                        "{} · {}",
                        name_of(&r.customer_id),
                        format_money(lang, r.amount, &r.currency)
                    ),
                })
                .collect()
        }),
        RecordKind::Order => state.orders.with_untracked(|all| {
            places
                .filter_map(|at| all.get(at))
                .map(|r| Entry {
                    href: format!("/orders/{}", r.meta.id),
                    name: r.body.number.clone(),
                    detail: format!(
                        "{} · {} · {}",
                        name_of(&r.body.customer_id),
                        format_date(lang, &r.order_date),
                        format_money(lang, r.body.total, &r.body.currency)
                    ),
                })
                .collect()
        }),
        RecordKind::Payment => {
            let payments: Vec<Payment> = state
                .payments
                .with_untracked(|all| places.filter_map(|at| all.get(at)).cloned().collect());
            let wanted: HashSet<&str> = payments.iter().map(|p| p.order_id.as_str()).collect();
            state.orders.with_untracked(|orders| {
                let by_id: HashMap<&str, &Order> = orders
                    .iter()
                    .filter(|o| wanted.contains(o.meta.id.as_str()))
                    .map(|o| (o.meta.id.as_str(), o))
                    .collect();
                payments
                    .iter()
                    .map(|r| {
                        let (number, currency) = by_id
                            .get(r.order_id.as_str())
                            .map(|o| (o.body.number.clone(), o.body.currency.as_str()))
                            .unwrap_or_default();
                        Entry {
                            href: format!("/orders/{}", r.order_id),
                            name: number,
                            detail: format!(
                                "{} · {}",
                                format_date(lang, &r.day),
                                format_money(lang, r.amount, currency)
                            ),
                        }
                    })
                    .collect()
            })
        }
        RecordKind::Activity => state.activities.with_untracked(|all| {
            places
                .filter_map(|at| all.get(at))
                .map(|r| {
                    let links = &r.links;
                    let href = links
                        .customer_id
                        .as_ref()
                        .map(|id| format!("/customers/{id}"))
                        .or_else(|| {
                            links
                                .opportunity_id
                                .as_ref()
                                .map(|id| format!("/opportunities/{id}"))
                        })
                        .or_else(|| links.lead_id.as_ref().map(|id| format!("/leads/{id}")))
                        .unwrap_or_else(|| "/activities".to_owned());
                    let about = [&links.customer_id, &links.opportunity_id, &links.lead_id]
                        .into_iter()
                        .flatten()
                        .map(|id| name_of(id))
                        .find(|n| !n.is_empty())
                        .unwrap_or_default();
                    let subject = if r.details.subject.is_empty() {
                        t(lang, kind_key(r.details.kind)).to_owned()
                    } else {
                        r.details.subject.clone()
                    };
                    Entry {
                        href,
                        name: subject,
                        detail: format!("{} · {}", format_date(lang, r.day()), about),
                    }
                })
                .collect()
        }),
    }
}

/// The list, headed by what was picked, with a button to close it.
#[component]
pub fn BehindList(title: String, behind: Behind, on_close: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let total = behind.len();
    let region = title.clone();
    let list = entries(&state, &behind);
    view! {
        <div class="report-behind panel" data-testid="report-behind" role="region" aria-label=region>
            <div class="panel-head">
                <h3 class="subheading">{title}" ("{total}")"</h3>
                <button type="button" class="button button-quiet" data-testid="close-behind" on:click=move |_| on_close.run(())>
                    {move || state.t(Key::Dismiss)}
                </button>
            </div>
            <Show when=move || total == 0>
                <p class="muted">{move || state.t(Key::ReportNothingBehind)}</p>
            </Show>
            <ul class="item-list report-behind-list">
                {list.into_iter().map(|e| view! {
                    <li data-testid="behind-record"><A href=e.href>{e.name}</A>" "<span class="muted">{e.detail}</span></li>
                }).collect_view()}
            </ul>
            <Show when=move || { total > SHOWN }>
                <p class="muted">{move || tf(state.lang.get(), Key::ReportMoreBehind, &[("count", &(total - SHOWN).to_string())])}</p>
            </Show>
        </div>
    }
}
