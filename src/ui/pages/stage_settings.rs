//! Settings for the pipeline: each stage's name, probability and place; new stages; removing
//! a stage nobody is in.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::opportunity::{Outcome, PipelineProblem, Stage};
use crate::domain::opportunity_draft::parse_percent;
use crate::domain::stages::{add_stage, move_stage, remove_stage, update_stage, StageEditError};
use crate::i18n::{Key, Lang};
use crate::ui::browser::new_id;
use crate::ui::labels::stage_name;
use crate::ui::state::AppState;

fn edit_error_text(state: AppState, error: &StageEditError) -> String {
    match error {
        StageEditError::InUse(count) => state.tf(Key::StageInUse, &[("count", &count.to_string())]),
        StageEditError::Closing => state.t(Key::StageClosing).to_owned(),
        StageEditError::Invalid(problems) => match problems.first() {
            Some(PipelineProblem::ProbabilityOver100(_)) => state.t(Key::ProblemPercent).to_owned(),
            Some(PipelineProblem::NameRequired(_)) => state.t(Key::ProblemStageName).to_owned(),
            _ => state.t(Key::ProblemPipeline).to_owned(),
        },
    }
}

#[component]
pub fn StageSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = RwSignal::new(None::<String>);
    let name = RwSignal::new(String::new());
    let probability = RwSignal::new(String::from("50"));
    // Each change starts from the saved pipeline, so the next waits for the last to land.
    let busy = RwSignal::new(false);

    let apply = move |result: Result<Vec<Stage>, StageEditError>| match result {
        Err(error) => problem.set(Some(edit_error_text(state, &error))),
        Ok(_) if busy.get_untracked() => {}
        Ok(stages) => {
            problem.set(None);
            busy.set(true);
            let added = stages.len() > state.stages.with_untracked(Vec::len);
            spawn_local(async move {
                match state.save_stages(stages).await {
                    Ok(()) => {
                        if added {
                            name.set(String::new());
                        }
                        state.inform(Key::PipelineSaved);
                    }
                    Err(error) => state.fail(&error),
                }
                busy.set(false);
            });
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(percent) = parse_percent(&probability.get_untracked()) else {
            problem.set(Some(state.t(Key::ProblemPercent).to_owned()));
            return;
        };
        apply(add_stage(
            &state.stages.get_untracked(),
            new_id().to_string(),
            &name.get_untracked(),
            percent,
        ));
    };

    let rows = move || {
        state
            .stages
            .get()
            .into_iter()
            .enumerate()
            .collect::<Vec<_>>()
    };
    // Rows are keyed on their place and values too, so a row redraws after a move or an edit.
    view! {
        <section class="panel" aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{move || state.t(Key::PipelineStages)}</h2>
            <p class="muted">{move || state.t(Key::PipelineExplain)}</p>
            <p class="field-error" role="alert" data-testid="stage-problem">{move || problem.get()}</p>
            <ol class="stage-list" data-testid="stage-list">
                <For each=rows
                    key=|(place, s)| (*place, s.id.clone(), s.name.clone(), s.probability)
                    children=move |(_, stage)| view! { <StageRow stage busy apply=Callback::new(apply)/> }/>
            </ol>
            <form class="form inline-form" on:submit=add novalidate>
                <h3>{move || state.t(Key::AddStage)}</h3>
                <div class="form-grid">
                    <div class="field">
                        <label for="new-stage-name">{move || state.t(Key::FieldStageName)}</label>
                        <input id="new-stage-name" type="text" prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="new-stage-probability">{move || state.t(Key::FieldProbability)}</label>
                        <input id="new-stage-probability" type="number" min="0" max="100" inputmode="numeric"
                            prop:value=move || probability.get()
                            on:input=move |ev| probability.set(event_target_value(&ev))/>
                    </div>
                </div>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>{move || state.t(Key::AddStage)}</button>
            </form>
        </section>
    }
}

#[component]
fn StageRow(
    stage: Stage,
    busy: RwSignal<bool>,
    apply: Callback<Result<Vec<Stage>, StageEditError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = stage.outcome == Outcome::Open;
    let built_in = stage_name(Stage {
        name: None,
        ..stage.clone()
    });
    let name = RwSignal::new(stage.name.clone().unwrap_or_default());
    let probability = RwSignal::new(stage.probability.to_string());
    let id = StoredValue::new(stage.id.clone());
    let name_id = format!("stage-name-{}", stage.id);
    let probability_id = format!("stage-probability-{}", stage.id);
    let save = move |_| {
        let Some(percent) = parse_percent(&probability.get_untracked()) else {
            apply.run(Err(StageEditError::Invalid(vec![
                PipelineProblem::ProbabilityOver100(id.get_value()),
            ])));
            return;
        };
        apply.run(update_stage(
            &state.stages.get_untracked(),
            &id.get_value(),
            &name.get_untracked(),
            percent,
        ));
    };
    let shift = move |by: isize| {
        apply.run(Ok(move_stage(
            &state.stages.get_untracked(),
            &id.get_value(),
            by,
        )))
    };
    let remove = move |_| {
        let stages = state.stages.get_untracked();
        let result = state
            .opportunities
            .with_untracked(|all| remove_stage(&stages, &id.get_value(), all));
        apply.run(result);
    };
    let placeholder = move || {
        let lang: Lang = state.lang.get();
        built_in(lang)
    };
    view! {
        <li class="card stage-row" data-testid="stage-row">
            <div class="form-grid">
                <div class="field">
                    <label for=name_id.clone()>{move || state.t(Key::FieldStageName)}</label>
                    <input id=name_id type="text" placeholder=placeholder prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=probability_id.clone()>{move || state.t(Key::FieldProbability)}</label>
                    <input id=probability_id type="number" min="0" max="100" inputmode="numeric"
                        prop:value=move || probability.get()
                        on:input=move |ev| probability.set(event_target_value(&ev))/>
                </div>
            </div>
            <div class="button-row">
                <button type="button" class="button" disabled=move || busy.get() on:click=save>{move || state.t(Key::Save)}</button>
                {open.then(|| view! {
                    <button type="button" class="button" disabled=move || busy.get() aria-label=move || state.t(Key::MoveEarlier) on:click=move |_| shift(-1)>"↑"</button>
                    <button type="button" class="button" disabled=move || busy.get() aria-label=move || state.t(Key::MoveLater) on:click=move |_| shift(1)>"↓"</button>
                    <button type="button" class="button button-danger" disabled=move || busy.get() on:click=remove>{move || state.t(Key::RemoveStage)}</button>
                })}
            </div>
        </li>
    }
}
