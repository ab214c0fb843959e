//! A customer's opportunities: listed with their stage and its history, and opened here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::opportunity::{parse_amount, AmountError, Opportunity};
use crate::domain::record::RecordMeta;
use crate::i18n::{format_money, Key};
use crate::ui::browser::{new_id, now};
use crate::ui::labels::stage_name;
use crate::ui::pages::opportunity_form::CURRENCIES;
use crate::ui::state::AppState;

/// A stage's name in the current language; one removed from the pipeline shows its id.
pub fn stage_label(state: AppState, stage_id: &str) -> String {
    let lang = state.lang.get();
    state.stages.with(|stages| {
        stages
            .iter()
            .find(|s| s.id == stage_id)
            .map(|s| stage_name(s.clone())(lang))
            .unwrap_or_else(|| stage_id.to_owned())
    })
}

#[component]
pub fn OpportunitiesPanel(customer_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let list = {
        let customer_id = customer_id.clone();
        Memo::new(move |_| {
            state.opportunities.with(|all| {
                all.iter()
                    .filter(|o| o.customer_id == customer_id && !o.meta.is_deleted())
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let title = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new(CURRENCIES[0].to_owned());
    let title_problem = RwSignal::new(None::<Key>);
    let amount_problem = RwSignal::new(None::<Key>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = parse_amount(&amount.get_untracked());
        title_problem.set(
            title
                .with_untracked(|t| t.trim().is_empty())
                .then_some(Key::ProblemRequired),
        );
        amount_problem.set(match parsed {
            Err(AmountError::NotANumber) => Some(Key::ProblemAmount),
            Err(AmountError::Negative) => Some(Key::ProblemAmountNegative),
            Ok(_) => None,
        });
        let (Ok(value), None) = (parsed, title_problem.get_untracked()) else {
            return;
        };
        let Some(first) = state.stages.with_untracked(|s| s.first().cloned()) else {
            return;
        };
        let meta = RecordMeta::new(new_id(), &now(), state.me.get_untracked());
        let opportunity = Opportunity::open(
            meta,
            &customer_id,
            &title.get_untracked(),
            value,
            &currency.get_untracked(),
            &first,
        );
        saving.set(true);
        spawn_local(async move {
            match state.save_opportunity(opportunity).await {
                Ok(()) => {
                    state.inform(Key::OpportunitySaved);
                    title.set(String::new());
                    amount.set(String::new());
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };

    view! {
        <section class="panel" aria-labelledby="opportunities-heading">
            <h2 id="opportunities-heading">{move || state.t(Key::OpportunitiesTitle)}</h2>
            <ul class="card-list" data-testid="opportunity-list">
                <For each=move || list.get() key=|o| (o.meta.id.clone(), o.meta.rev) let:opportunity>
                    {
                        let history = opportunity.stage_history.iter().map(|c| c.to.clone()).collect::<Vec<_>>();
                        let (value, code) = (opportunity.amount, opportunity.currency.clone());
                        let stage_id = opportunity.stage_id.clone();
                        let lost = opportunity.lost_reason.clone();
                        view! {
                            <li class="card">
                                <div>
                                    <A href=format!("/opportunities/{}", opportunity.meta.id) attr:class="card-title">{opportunity.title.clone()}</A>
                                    <p class="muted">
                                        <span data-testid="opportunity-stage">{move || stage_label(state, &stage_id)}</span>
                                        " · "{move || format_money(state.lang.get(), value, &code)}
                                        {lost.map(|why| view! { " · "{why} })}
                                    </p>
                                    <p class="muted stage-history" data-testid="stage-history">
                                        {move || history.iter().map(|id| stage_label(state, id)).collect::<Vec<_>>().join(" → ")}
                                    </p>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
            <p><A href="/pipeline">{move || state.t(Key::OpenPipeline)}</A></p>
            <form class="form inline-form" on:submit=submit novalidate data-testid="opportunity-form">
                <h3>{move || state.t(Key::NewOpportunity)}</h3>
                <div class="form-grid">
                    <div class="field" class:field-invalid=move || title_problem.get().is_some()>
                        <label for="opportunity-title">{move || state.t(Key::FieldOpportunityTitle)}</label>
                        <input id="opportunity-title" type="text" prop:value=move || title.get()
                            aria-describedby="opportunity-title-error"
                            on:input=move |ev| title.set(event_target_value(&ev))/>
                        <p class="field-error" id="opportunity-title-error">{move || title_problem.get().map(|k| state.t(k))}</p>
                    </div>
                    <div class="field" class:field-invalid=move || amount_problem.get().is_some()>
                        <label for="opportunity-amount">{move || state.t(Key::FieldAmount)}</label>
                        <input id="opportunity-amount" type="text" inputmode="decimal" prop:value=move || amount.get()
                            aria-describedby="opportunity-amount-error"
                            on:input=move |ev| amount.set(event_target_value(&ev))/>
                        <p class="field-error" id="opportunity-amount-error">{move || amount_problem.get().map(|k| state.t(k))}</p>
                    </div>
                    <div class="field">
                        <label for="opportunity-currency">{move || state.t(Key::FieldCurrency)}</label>
                        <select id="opportunity-currency" on:change=move |ev| currency.set(event_target_value(&ev))>
                            {CURRENCIES.into_iter().map(|c| view! { <option value=c>{c}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <button type="submit" class="button button-primary" data-testid="save-opportunity" disabled=move || saving.get()>
                    {move || state.t(Key::NewOpportunity)}
                </button>
            </form>
        </section>
    }
}
