//! The pipeline board: a column per stage with its totals; a card moves by dragging it, or by
//! its "Move to" control (keyboard and touch). Lost asks why.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::domain::opportunity::{column_totals, Opportunity, Outcome, Stage, StageError};
use crate::i18n::{format_money, Key};
use crate::ui::browser::now;
use crate::ui::labels::stage_name;
use crate::ui::pages::opportunity_list::PipelineViews;
use crate::ui::state::AppState;

/// Moves an opportunity, saving it; a move to Lost without a reason comes back as an error.
pub fn move_opportunity(
    state: AppState,
    id: &str,
    stage: &Stage,
    reason: &str,
) -> Result<(), StageError> {
    let Some(mut opportunity) = state.opportunity(id) else {
        return Ok(());
    };
    opportunity.move_to(stage, reason, &now())?;
    spawn_local(async move {
        match state.save_opportunity(opportunity).await {
            Ok(()) => state.inform(Key::StageChanged),
            Err(error) => state.fail(&error),
        }
    });
    Ok(())
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let stages = state.stages;
    let totals = Memo::new(move |_| {
        stages.with(|stages| state.opportunities.with(|all| column_totals(stages, all)))
    });
    let dragged = RwSignal::new(None::<String>);
    let losing = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    let reason_missing = RwSignal::new(false);
    // A moved card is drawn anew in its new column: the keyboard's place goes with it.
    let focus_card = RwSignal::new(None::<String>);

    let request_move = move |id: String, stage_id: String| {
        let Some(stage) = state.stage(&stage_id) else {
            return;
        };
        if stage.outcome == Outcome::Lost {
            reason.set(String::new());
            reason_missing.set(false);
            losing.set(Some(id));
        } else {
            focus_card.set(Some(id.clone()));
            if let Err(StageError::ReasonRequired) = move_opportunity(state, &id, &stage, "") {
                losing.set(Some(id));
            }
        }
    };
    let cancel_lost = move |_| {
        if let Some(id) = losing.get_untracked() {
            if let Some(opportunity) = state.opportunity(&id) {
                reset_move_control(&id, &opportunity.stage_id);
            }
        }
        losing.set(None);
    };
    let reason_box = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(textarea) = reason_box.get() {
            let _ = textarea.focus();
        }
    });
    let confirm_lost = move |_| {
        let Some(id) = losing.get_untracked() else {
            return;
        };
        let Some(lost) =
            stages.with_untracked(|all| all.iter().find(|s| s.outcome == Outcome::Lost).cloned())
        else {
            return;
        };
        focus_card.set(Some(id.clone()));
        match move_opportunity(state, &id, &lost, &reason.get_untracked()) {
            Err(StageError::ReasonRequired) => reason_missing.set(true),
            _ => losing.set(None),
        }
    };

    view! {
        <section class="page page-wide">
            <div class="page-head">
                <h1>{move || state.t(Key::PipelineTitle)}</h1>
                <PipelineViews/>
            </div>
            <Show when=move || losing.get().is_some()>
                <div class="callout callout-danger" role="group" aria-label=move || state.t(Key::MarkLost)>
                    <div class="field" class:field-invalid=move || reason_missing.get()>
                        <label for="lost-reason">{move || state.t(Key::LostReason)}</label>
                        <textarea id="lost-reason" rows="2" node_ref=reason_box prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        <Show when=move || reason_missing.get()>
                            <p class="field-error">{move || state.t(Key::ProblemLostReason)}</p>
                        </Show>
                    </div>
                    <div class="button-row">
                        <button type="button" class="button button-danger" data-testid="confirm-lost" on:click=confirm_lost>
                            {move || state.t(Key::MarkLost)}
                        </button>
                        <button type="button" class="button" on:click=cancel_lost>{move || state.t(Key::Cancel)}</button>
                    </div>
                </div>
            </Show>
            <div class="board" data-testid="board">
                {move || stages.get().into_iter().enumerate().map(|(index, stage)| {
                    let stage_id = stage.id.clone();
                    let column_id = stage.id.clone();
                    let drop_to = stage.id.clone();
                    let cards = Memo::new(move |_| state.opportunities.with(|all| {
                        all.iter().filter(|o| !o.meta.is_deleted() && o.stage_id == stage_id).cloned().collect::<Vec<_>>()
                    }));
                    let name = stage_name(stage.clone());
                    view! {
                        <section class="column" data-testid=format!("column-{column_id}")
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| {
                                ev.prevent_default();
                                if let Some(id) = dragged.get_untracked() {
                                    dragged.set(None);
                                    request_move(id, drop_to.clone());
                                }
                            }>
                            <header class="column-head">
                                <h2>{move || name(state.lang.get())}" · "{stage.probability}"%"</h2>
                                <p class="muted" data-testid="column-total">
                                    {move || totals.with(|t| {
                                        let total = t.get(index).cloned().unwrap_or_default();
                                        let money = total.amounts.iter().map(|(c, a)| format_money(state.lang.get(), *a, c)).collect::<Vec<_>>().join(" + ");
                                        if money.is_empty() { total.count.to_string() } else { format!("{} · {}", total.count, money) }
                                    })}
                                </p>
                            </header>
                            <ul class="column-cards">
                                <For each=move || cards.get() key=|o| (o.meta.id.clone(), o.meta.rev) let:opportunity>
                                    <Card opportunity stages dragged focus_card request_move=Callback::new(move |(id, to)| request_move(id, to))/>
                                </For>
                            </ul>
                        </section>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Card(
    opportunity: Opportunity,
    stages: RwSignal<Vec<Stage>>,
    dragged: RwSignal<Option<String>>,
    focus_card: RwSignal<Option<String>>,
    request_move: Callback<(String, String)>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = opportunity.meta.id.to_string();
    let drag_id = id.clone();
    let current = opportunity.stage_id.clone();
    let customer = state
        .customer(&opportunity.customer_id)
        .map(|c| c.details.name)
        .unwrap_or_default();
    let customer_href = format!("/customers/{}", opportunity.customer_id);
    let (amount, currency) = (opportunity.amount, opportunity.currency.clone());
    let select_id = format!("move-{id}");
    let control = NodeRef::<leptos::html::Select>::new();
    let focus_id = id.clone();
    Effect::new(move |_| {
        if let Some(select) = control.get() {
            if focus_card.get_untracked().as_deref() == Some(focus_id.as_str()) {
                focus_card.set(None);
                let _ = select.focus();
            }
        }
    });
    view! {
        <li class="card opportunity-card" draggable="true" data-testid="opportunity-card"
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(transfer) = ev.data_transfer() {
                    let _ = transfer.set_data("text/plain", &drag_id);
                }
                dragged.set(Some(drag_id.clone()));
            }>
            <A href=format!("/opportunities/{id}") attr:class="card-title">{opportunity.title.clone()}</A>
            <A href=customer_href>{customer}</A>
            <span>{move || format_money(state.lang.get(), amount, &currency)}</span>
            <label class="move-to">
                <span>{move || state.t(Key::MoveTo)}</span>
                <select id=select_id node_ref=control on:change=move |ev| request_move.run((id.clone(), event_target_value(&ev)))>
                    {stages.get_untracked().into_iter().map(|stage| {
                        let selected = stage.id == current;
                        let value = stage.id.clone();
                        let name = stage_name(stage);
                        view! { <option value=value selected=selected>{move || name(state.lang.get())}</option> }
                    }).collect_view()}
                </select>
            </label>
        </li>
    }
}

/// Shows a card's own stage again in its "Move to" control after a move was called off.
fn reset_move_control(id: &str, stage_id: &str) {
    let select = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("move-{id}")))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    if let Some(select) = select {
        select.set_value(stage_id);
        let _ = select.focus();
    }
}
