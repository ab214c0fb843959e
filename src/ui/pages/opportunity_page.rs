//! One opportunity's page: its stage and how it got there, its details, its activities, Trash.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::activities::{ActivityPanel, Opened, Subject};
use super::opportunities::stage_label;
use super::opportunity_form::{OpportunityForm, OpportunityInput};
use crate::domain::opportunity::{Opportunity, Outcome, StageError};
use crate::domain::opportunity_draft::OpportunityDraft;
use crate::i18n::{format_datetime, format_money, Key};
use crate::ui::browser::now;
use crate::ui::components::changed_elsewhere::ChangedElsewhere;
use crate::ui::components::record_route::RecordRoute;
use crate::ui::labels::stage_name;
use crate::ui::state::AppState;

#[component]
pub fn OpportunityPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.opportunities not_found=Key::OpportunityNotFound back=Key::BackToOpportunities back_href="/opportunities"
            page=|id| view! { <OpportunityView id/> }/>
    }
}

#[component]
fn OpportunityView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(initial) = state.opportunity(&id) else {
        return ().into_any();
    };
    let latest = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .opportunities
                .with(|all| all.iter().find(|o| o.meta.id == id).cloned())
        })
    };
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    // Changes start from the copy this page opened (see the lead page for why).
    let base = RwSignal::new(initial.clone());
    let generation = RwSignal::new(0u32);
    let newer_elsewhere =
        move || latest.with(|o| o.as_ref().map(|o| o.meta.rev)) > Some(base.with(|b| b.meta.rev));
    let draft = RwSignal::new(OpportunityDraft::of(&initial));
    let owner = RwSignal::new(initial.meta.owner.clone());
    // The form is refilled only when the record changed under it (a follow-up set by logging,
    // or the latest copy loaded), so a stage move or a save keeps what is being typed.
    Effect::new(move |previous: Option<u32>| {
        let now_at = generation.get();
        if previous.is_some() {
            base.with_untracked(|o| {
                draft.set(OpportunityDraft::of(o));
                owner.set(o.meta.owner.clone());
            });
        }
        now_at
    });
    let save = move |opportunity: Opportunity, done: Key| {
        saving.set(true);
        spawn_local(async move {
            match state.save_opportunity(opportunity.clone()).await {
                Ok(()) => {
                    // A stage move sets the probability; the form shows the new one.
                    draft.update(|d| d.probability = opportunity.probability.to_string());
                    base.set(opportunity);
                    state.inform(done);
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let on_submit = Callback::new(move |(typed, owner): OpportunityInput| {
        let mut opportunity = base.get_untracked();
        let stage_probability = state
            .stage(&opportunity.stage_id)
            .map_or(opportunity.probability, |s| s.probability);
        opportunity.meta.owner = owner;
        match opportunity.edit(typed, stage_probability, &now()) {
            Err(found) => problems.set(found),
            Ok(()) => {
                problems.set(Vec::new());
                save(opportunity, Key::OpportunitySaved);
            }
        }
    });
    let trash = move |_| {
        let mut opportunity = base.get_untracked();
        opportunity.meta.move_to_trash(&now());
        save(opportunity, Key::MovedToTrash);
    };
    let restore = move |_| {
        let mut opportunity = base.get_untracked();
        opportunity.meta.restore(&now());
        save(opportunity, Key::Restored);
    };
    let deleted = move || base.with(|o| o.meta.is_deleted());
    let customer_id = initial.customer_id.clone();
    let customer_name = state
        .customer(&customer_id)
        .map(|c| c.details.name)
        .unwrap_or_default();
    let new_quote = format!("/quotes/new?opportunity={id}");

    view! {
        <section class="page">
            <p class="breadcrumb">
                <A href="/opportunities">{move || state.t(Key::BackToOpportunities)}</A>
                " · "<A href="/pipeline">{move || state.t(Key::OpenPipeline)}</A>
            </p>
            <div class="page-head">
                <div>
                    <h1 data-testid="opportunity-heading">{move || base.with(|o| o.title.clone())}</h1>
                    <p class="muted">
                        <A href=format!("/customers/{customer_id}")>{customer_name}</A>
                        " · "{move || base.with(|o| format_money(state.lang.get(), o.amount, &o.currency))}
                        " · "{move || base.with(|o| format!("{}%", o.probability))}
                    </p>
                    <p class="muted">
                        {move || base.with(|o| state.tf(Key::LeadMeta, &[
                            ("created", &format_datetime(state.lang.get(), &o.meta.created_at)),
                            ("updated", &format_datetime(state.lang.get(), &o.meta.updated_at)),
                        ]))}
                    </p>
                </div>
                <Show when=move || !deleted()>
                    <div class="button-row">
                        <A href=new_quote.clone() attr:class="button button-primary" attr:data-testid="new-quote">{move || state.t(Key::NewQuote)}</A>
                        <button type="button" class="button button-danger" data-testid="trash-opportunity"
                            disabled=move || saving.get() on:click=trash>
                            {move || state.t(Key::MoveToTrash)}
                        </button>
                    </div>
                </Show>
            </div>
            <OpportunityQuotes opportunity_id=id.clone()/>
            <Show when=deleted>
                <div class="callout" role="note">
                    <span>{move || state.t(Key::OpportunityInTrash)}</span>
                    <button type="button" class="button" data-testid="restore-opportunity"
                        disabled=move || saving.get() on:click=restore>
                        {move || state.t(Key::Restore)}
                    </button>
                </div>
            </Show>
            <StagePanel base saving save=Callback::new(move |o| save(o, Key::StageChanged))/>
            <ActivityPanel subject=Subject::Opportunity(Opened { base, generation })/>
            <h2 class="section-heading">{move || state.t(Key::OpportunityDetails)}</h2>
            <ChangedElsewhere when=Signal::derive(newer_elsewhere) on_load_latest=Callback::new(move |()| {
                if let Some(fresh) = latest.get_untracked() {
                    base.set(fresh);
                    problems.set(Vec::new());
                    generation.update(|g| *g += 1);
                }
            })/>
            <OpportunityForm draft owner customer_id=initial.customer_id.clone() problems saving on_submit/>
        </section>
    }
    .into_any()
}

/// The stage, a way to move it (Lost asks why), and every move so far.
#[component]
fn StagePanel(
    base: RwSignal<Opportunity>,
    saving: RwSignal<bool>,
    save: Callback<Opportunity>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let target = RwSignal::new(base.with_untracked(|o| o.stage_id.clone()));
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let losing = move || {
        let id = target.get();
        state
            .stages
            .with(|s| s.iter().any(|s| s.id == id && s.outcome == Outcome::Lost))
    };
    let apply = move |_| {
        let Some(stage) = state.stage(&target.get_untracked()) else {
            return;
        };
        let mut opportunity = base.get_untracked();
        match opportunity.move_to(&stage, &reason.get_untracked(), &now()) {
            Err(StageError::ReasonRequired) => problem.set(Some(Key::ProblemLostReason)),
            Err(StageError::AlreadyThere) => problem.set(None),
            Ok(()) => {
                problem.set(None);
                reason.set(String::new());
                save.run(opportunity);
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="stage-heading">
            <h2 id="stage-heading">{move || state.t(Key::Stage)}</h2>
            <p>
                <span class="badge" data-testid="opportunity-stage">{move || stage_label(state, &base.with(|o| o.stage_id.clone()))}</span>
                {move || base.with(|o| o.lost_reason.clone()).map(|why| view! { " "<span class="muted">{why}</span> })}
            </p>
            <div class="stage-move">
                <div class="field">
                    <label for="opportunity-move">{move || state.t(Key::MoveTo)}</label>
                    <select id="opportunity-move" on:change=move |ev| target.set(event_target_value(&ev))>
                        {move || state.stages.get().into_iter().map(|stage| {
                            let value = stage.id.clone();
                            let id = stage.id.clone();
                            let name = stage_name(stage);
                            view! { <option value=value selected=move || target.get() == id>{move || name(state.lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=losing>
                    <div class="field" class:field-invalid=move || problem.get().is_some()>
                        <label for="opportunity-lost-reason">{move || state.t(Key::LostReason)}</label>
                        <input id="opportunity-lost-reason" type="text" prop:value=move || reason.get()
                            aria-describedby="opportunity-lost-reason-error"
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                        <p class="field-error" id="opportunity-lost-reason-error">{move || problem.get().map(|k| state.t(k))}</p>
                    </div>
                </Show>
                <button type="button" class="button" data-testid="move-stage" disabled=move || saving.get() on:click=apply>
                    {move || state.t(Key::MoveStage)}
                </button>
            </div>
            <h3>{move || state.t(Key::StageHistory)}</h3>
            <ol class="stage-history" data-testid="stage-history">
                {move || base.with(|o| o.stage_history.clone()).into_iter().rev().map(|change| {
                    let at = change.at.clone();
                    view! {
                        <li>
                            {move || change.from.as_deref().map(|f| format!("{} → ", stage_label(state, f))).unwrap_or_default()}
                            <strong>{move || stage_label(state, &change.to)}</strong>
                            " · "<span class="muted">{move || format_datetime(state.lang.get(), &at)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The quotes made for an opportunity, linked.
#[component]
fn OpportunityQuotes(opportunity_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let quotes = Memo::new(move |_| {
        state.quotes.with(|all| {
            all.iter()
                .filter(|q| {
                    !q.meta.is_deleted()
                        && q.body.opportunity_id.as_deref() == Some(&opportunity_id)
                })
                .map(|q| {
                    (
                        q.meta.id.clone(),
                        q.body.number.clone(),
                        format_money(state.lang.get(), q.body.total, &q.body.currency),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || quotes.with(|q| !q.is_empty())>
            <p class="muted" data-testid="opportunity-quotes">
                {move || state.t(Key::QuotesTitle)}": "
                {move || quotes.get().into_iter().map(|(id, number, total)| view! {
                    <A href=format!("/quotes/{id}")>{number}</A>" ("{total}") "
                }).collect_view()}
            </p>
        </Show>
    }
}
