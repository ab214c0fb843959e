//! Settings › Sales targets: one year's monthly targets for each active team member, in the base
//! currency, typed into a grid (a card per member on a phone) and saved all at once.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::money::minor_units;
use crate::domain::targets::{
    months_of_year, put_cells, target_of, CellProblem, Target, TargetProblem, TypedTarget,
};
use crate::i18n::{format_month, format_month_name, Key};
use crate::ui::browser::today;
use crate::ui::state::AppState;

/// One member's row of the grid: a cell per month of the year, as typed.
#[derive(Clone)]
struct GridRow {
    member_id: String,
    name: String,
    /// Which filling of the grid made the row: a new filling makes new cells, so its rows are
    /// drawn anew.
    fill: u32,
    cells: Vec<(String, RwSignal<String>)>,
}

fn grid(year: i32, members: &[(String, String)], saved: &[Target], fill: u32) -> Vec<GridRow> {
    members
        .iter()
        .map(|(id, name)| GridRow {
            member_id: id.clone(),
            name: name.clone(),
            fill,
            cells: months_of_year(year)
                .into_iter()
                .map(|month| {
                    let text = target_of(saved, id, &month)
                        .map(|amount| amount.to_string())
                        .unwrap_or_default();
                    (month, RwSignal::new(text))
                })
                .collect(),
        })
        .collect()
}

fn typed(rows: &[GridRow]) -> Vec<TypedTarget> {
    rows.iter()
        .flat_map(|row| {
            row.cells.iter().map(|(month, text)| TypedTarget {
                member_id: row.member_id.clone(),
                month: month.clone(),
                text: text.get_untracked(),
            })
        })
        .collect()
}

/// What is wrong with a cell, naming its member and month.
fn problem_text(state: AppState, rows: &[GridRow], problem: &CellProblem) -> String {
    let lang = state.lang.get();
    let row = rows.iter().find(|r| r.member_id == problem.member_id);
    let text = row
        .and_then(|r| r.cells.iter().find(|(m, _)| *m == problem.month))
        .map(|(_, text)| text.get_untracked())
        .unwrap_or_default();
    let currency = state.currencies.with(|c| c.base.clone());
    let digits = minor_units(&currency).to_string();
    let args = [
        ("member", row.map_or("", |r| r.name.as_str())),
        ("month", &format_month(lang, &problem.month)),
        ("text", text.trim()),
        ("currency", &currency),
        ("digits", &digits),
    ];
    let key = match problem.problem {
        TargetProblem::Negative => Key::TargetNegative,
        TargetProblem::TooPrecise => Key::TargetTooPrecise,
        TargetProblem::TooLarge => Key::TargetTooLarge,
        TargetProblem::NotANumber | TargetProblem::MonthInvalid | TargetProblem::Repeated => {
            Key::TargetNotANumber
        }
    };
    state.tf(key, &args)
}

#[component]
pub fn TargetSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let year = RwSignal::new(
        today()
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(2026),
    );
    let members = Memo::new(move |_| {
        state.team.with(|team| {
            team.iter()
                .filter(|m| m.active && !m.meta.is_deleted())
                .map(|m| (m.meta.id.to_string(), m.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let rows = RwSignal::new(Vec::<GridRow>::new());
    let problems = RwSignal::new(Vec::<CellProblem>::new());
    let busy = RwSignal::new(false);
    let fills = StoredValue::new(0u32);
    // The grid shows what is saved for the year chosen: it is filled again when the year, the
    // team or the saved targets (here or in another tab) change, and its old cells go with it.
    Effect::new(move |_| {
        let fill = fills.get_value() + 1;
        fills.set_value(fill);
        let filled = state
            .targets
            .with(|saved| grid(year.get(), &members.get(), saved, fill));
        rows.set(filled);
        problems.set(Vec::new());
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let cells = rows.with_untracked(|all| typed(all));
        let base = state.currencies.with_untracked(|c| c.base.clone());
        let targets = match state
            .targets
            .with_untracked(|saved| put_cells(saved, &cells, &base))
        {
            Ok(targets) => targets,
            Err(found) => {
                problems.set(found);
                return;
            }
        };
        problems.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            match state.save_targets(targets).await {
                Ok(()) => state.inform(Key::TargetsSaved),
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let messages = move || {
        rows.with(|all| {
            problems.with(|list| {
                list.iter()
                    .map(|p| view! { <li>{problem_text(state, all, p)}</li> })
                    .collect_view()
            })
        })
    };
    let explain = move || {
        let base = state.currencies.with(|c| c.base.clone());
        state.tf(Key::TargetsExplain, &[("currency", &base)])
    };
    let headings = move || {
        let lang = state.lang.get();
        months_of_year(year.get())
            .into_iter()
            .map(|month| view! { <th scope="col">{format_month_name(lang, &month)}</th> })
            .collect_view()
    };

    view! {
        <section class="panel" id="targets" aria-labelledby="targets-heading" data-testid="target-settings">
            <h2 id="targets-heading">{move || state.t(Key::TargetsTitle)}</h2>
            <p class="muted">{explain}</p>
            <div class="year-switch" role="group" aria-label=move || state.t(Key::TargetsYear)>
                <button type="button" class="button" data-testid="target-year-previous"
                    aria-label=move || state.t(Key::TargetsPreviousYear)
                    on:click=move |_| year.update(|y| *y -= 1)>"‹"</button>
                <output data-testid="target-year" aria-live="polite">{move || year.get()}</output>
                <button type="button" class="button" data-testid="target-year-next"
                    aria-label=move || state.t(Key::TargetsNextYear)
                    on:click=move |_| year.update(|y| *y += 1)>"›"</button>
            </div>
            <Show when=move || members.with(|m| !m.is_empty())
                fallback=move || view! { <p class="muted" data-testid="targets-no-members">{move || state.t(Key::TargetsNoMembers)}</p> }>
                <form class="settings-form" on:submit=save novalidate data-testid="target-form">
                    <div class="target-scroll">
                        <table class="target-grid" data-testid="target-grid">
                            <thead>
                                <tr>
                                    <th scope="col">{move || state.t(Key::TargetsMember)}</th>
                                    {headings}
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || rows.get() key=|row| (row.member_id.clone(), row.fill) let:row>
                                    <GridRowView row problems/>
                                </For>
                            </tbody>
                        </table>
                    </div>
                    <ul class="field-error plain-list" role="alert" data-testid="target-problems">{messages}</ul>
                    <button type="submit" class="button button-primary" data-testid="save-targets" disabled=move || busy.get()>
                        {move || state.t(Key::Save)}
                    </button>
                </form>
            </Show>
        </section>
    }
}

#[component]
fn GridRowView(row: GridRow, problems: RwSignal<Vec<CellProblem>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let GridRow {
        member_id,
        name,
        cells,
        ..
    } = row;
    let cells = cells
        .into_iter()
        .map(|(month, text)| {
            let invalid = {
                let (member_id, month) = (member_id.clone(), month.clone());
                move || {
                    problems.with(|list| {
                        list.iter()
                            .any(|p| p.member_id == member_id && p.month == month)
                    })
                }
            };
            let label = {
                let (name, month) = (name.clone(), month.clone());
                move || format!("{name}, {}", format_month(state.lang.get(), &month))
            };
            let short = {
                let month = month.clone();
                move || format_month_name(state.lang.get(), &month)
            };
            view! {
                <td data-label=short>
                    <input type="text" inputmode="decimal" autocomplete="off" data-testid="target-cell"
                        data-member=member_id.clone() data-month=month
                        class:input-invalid=invalid.clone()
                        aria-label=label aria-invalid=move || invalid().then_some("true")
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr data-testid="target-row">
            <th scope="row" class="target-member">{name.clone()}</th>
            {cells}
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_shows_the_saved_targets_of_the_year_and_reads_back_what_is_typed() {
        let owner = Owner::new();
        owner.with(|| {
            let saved = vec![
                Target {
                    member_id: "m1".into(),
                    month: "2026-03".into(),
                    amount: rust_decimal::Decimal::new(5_000_050, 2),
                },
                Target {
                    member_id: "m1".into(),
                    month: "2025-03".into(),
                    amount: rust_decimal::Decimal::ONE,
                },
            ];
            let members = vec![("m1".to_string(), "Ada".to_string())];
            let rows = grid(2026, &members, &saved, 1);
            assert_eq!(rows[0].cells.len(), 12);
            assert_eq!(rows[0].cells[2].0, "2026-03");
            assert_eq!(rows[0].cells[2].1.get_untracked(), "50000.50");
            assert_eq!(rows[0].cells[1].1.get_untracked(), "");
            rows[0].cells[1].1.set("１,000".into());
            let cells = typed(&rows);
            assert_eq!(cells.len(), 12);
            let put = put_cells(&saved, &cells, "CNY").unwrap();
            assert_eq!(
                put.iter().map(|t| t.month.as_str()).collect::<Vec<_>>(),
                ["2025-03", "2026-02", "2026-03"]
            );
        });
    }
}
