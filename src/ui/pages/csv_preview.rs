//! The two tables of the import screen: which field each column fills, and what each row will do
//! (be added, merge into or skip a record it looks like, or be left out for its errors).

use leptos::prelude::*;

use super::csv_import::Loaded;
use crate::backup::csv_fields::{ImportKind, Target};
use crate::backup::csv_import::{Choice, Choices, Match, Outcome, Plan, RowPlan};
use crate::i18n::{t, tf, Key, Lang};
use crate::ui::csv_labels::{cell_problem_text, column_label, reason_key, target_key};
use crate::ui::state::AppState;

/// Rows drawn at most: enough to check a mapping; the counts cover every row.
const PREVIEW_MAX: usize = 200;

#[component]
pub fn MappingTable(
    kind: ImportKind,
    loaded: RwSignal<Option<Loaded>>,
    mapping: RwSignal<Vec<Option<Target>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let code = move |target: Option<Target>| {
        target
            .and_then(|t| kind.targets().iter().position(|x| *x == t))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let set = move |column: usize, code: String| {
        let target = code
            .parse::<usize>()
            .ok()
            .and_then(|n| kind.targets().get(n).copied());
        mapping.update(|m| {
            // A field is filled by one column: the one chosen last.
            for slot in m.iter_mut().filter(|s| target.is_some() && **s == target) {
                *slot = None;
            }
            if let Some(slot) = m.get_mut(column) {
                *slot = target;
            }
        });
    };
    let label = move |key: Key| move || state.t(key);
    let rows = move || {
        let lang = state.lang.get();
        loaded.with(|l| {
            let Some(l) = l else {
                return Vec::new();
            };
            let header = &l.file.header;
            let first = l.file.rows.first().map(|r| r.fields.as_slice()).unwrap_or_default();
            (0..header.len())
                .map(|i| {
                    let name = column_label(lang, header, i);
                    let sample = first.get(i).cloned().unwrap_or_default();
                    let aria = name.clone();
                    view! {
                        <tr class="record-row">
                            <td class="cell-title" data-label=label(Key::ColumnHeading)>{name}</td>
                            <td class="cell-wrap" data-label=label(Key::FirstRow)>{sample}</td>
                            <td data-label=label(Key::ImportsInto)>
                                <select data-testid=format!("map-{i}") aria-label=aria
                                    prop:value=move || mapping.with(|m| code(m.get(i).copied().flatten()))
                                    on:change=move |ev| set(i, event_target_value(&ev))>
                                    <option value="">{move || state.t(Key::DoNotImport)}</option>
                                    {kind.targets().into_iter().enumerate().map(|(n, target)| {
                                        let key = target_key(target);
                                        view! { <option value=n.to_string()>{move || state.t(key)}</option> }
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <table class="records mapping-table" data-testid="mapping">
            <thead><tr>
                <th scope="col">{label(Key::ColumnHeading)}</th>
                <th scope="col">{label(Key::FirstRow)}</th>
                <th scope="col">{label(Key::ImportsInto)}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

const CHOICES: [(Choice, &str, Key); 3] = [
    (Choice::Skip, "skip", Key::ChoiceSkip),
    (Choice::Merge, "merge", Key::ChoiceMerge),
    (Choice::Create, "create", Key::ChoiceCreate),
];

/// What a duplicate row is like, in words.
fn likeness_text(lang: Lang, like: &Match) -> String {
    if let Some(row) = like.from_row {
        return tf(lang, Key::SameAsRow, &[("row", &row.to_string())]);
    }
    let why = like
        .reasons
        .iter()
        .map(|r| t(lang, reason_key(*r)))
        .collect::<Vec<_>>()
        .join(t(lang, Key::ListSeparator));
    tf(
        lang,
        Key::LooksLikeRecord,
        &[("name", &like.label), ("why", &why)],
    )
}

#[component]
pub fn PreviewTable(
    loaded: RwSignal<Option<Loaded>>,
    mapping: RwSignal<Vec<Option<Target>>>,
    planned: Memo<Option<Plan>>,
    choices: RwSignal<Choices>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let attention_only = RwSignal::new(false);
    let label = move |key: Key| move || state.t(key);
    let mapped = Memo::new(move |_| {
        mapping.with(|m| {
            m.iter()
                .enumerate()
                .filter_map(|(i, t)| t.map(|t| (i, t)))
                .collect::<Vec<_>>()
        })
    });
    let action = move |row: &RowPlan| match &row.outcome {
        Outcome::Create => {
            view! { <span class="badge badge-qualified">{label(Key::ChoiceCreate)}</span> }
                .into_any()
        }
        Outcome::Invalid(_) => {
            view! { <span class="badge badge-disqualified">{label(Key::RowHasErrors)}</span> }
                .into_any()
        }
        Outcome::Duplicate { like, choice } => {
            let number = row.number;
            let current = CHOICES
                .iter()
                .find(|(c, _, _)| c == choice)
                .map_or("skip", |(_, code, _)| *code);
            let can_create = like.can_create;
            view! {
                <select data-testid="row-choice" aria-label=move || state.tf(Key::RowNumber, &[("row", &number.to_string())])
                    prop:value=current
                    on:change=move |ev| {
                        let code = event_target_value(&ev);
                        if let Some((choice, _, _)) = CHOICES.iter().find(|(_, c, _)| *c == code) {
                            choices.update(|c| { c.rows.insert(number, *choice); });
                        }
                    }>
                    {CHOICES.into_iter().filter(|(c, _, _)| can_create || *c != Choice::Create).map(|(_, code, key)| view! {
                        <option value=code>{label(key)}</option>
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
    };
    let rows = move || {
        let lang = state.lang.get();
        let only = attention_only.get();
        let columns = mapped.get();
        loaded.with(|l| {
            planned.with(|p| {
                let (Some(l), Some(p)) = (l, p) else {
                    return Vec::new();
                };
                let header = &l.file.header;
                p.rows
                    .iter()
                    .filter(|r| !only || r.outcome != Outcome::Create)
                    .take(PREVIEW_MAX)
                    .map(|r| {
                        let fields = &l.file.rows[r.index].fields;
                        let notes = match &r.outcome {
                            Outcome::Create => String::new(),
                            Outcome::Invalid(problems) => problems
                                .iter()
                                .map(|p| cell_problem_text(lang, header, p))
                                .collect::<Vec<_>>()
                                .join("; "),
                            Outcome::Duplicate { like, .. } => likeness_text(lang, like),
                        };
                        let invalid = matches!(r.outcome, Outcome::Invalid(_));
                        view! {
                            <tr class="record-row" class:row-invalid=invalid data-testid="preview-row" data-row=r.number>
                                <td class="cell-title" data-label=label(Key::RowHeading)>{tf(lang, Key::RowNumber, &[("row", &r.number.to_string())])}</td>
                                <td data-label=label(Key::ActionHeading)>{action(r)}</td>
                                {columns.iter().map(|(i, target)| {
                                    let value = fields.get(*i).cloned().unwrap_or_default();
                                    view! { <td class="cell-wrap" data-label=t(lang, target_key(*target))>{value}</td> }
                                }).collect_view()}
                                <td class="cell-wrap" data-label=label(Key::DetailsHeading) data-testid="row-notes">{notes}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let shown_count = move || {
        planned.with(|p| {
            p.as_ref().map_or(0, |p| {
                let only = attention_only.get();
                p.rows
                    .iter()
                    .filter(|r| !only || r.outcome != Outcome::Create)
                    .count()
            })
        })
    };
    view! {
        <label class="checkbox">
            <input type="checkbox" data-testid="attention-only" prop:checked=move || attention_only.get()
                on:change=move |ev| attention_only.set(event_target_checked(&ev))/>
            {label(Key::OnlyRowsNeedingAttention)}
        </label>
        <div class="table-scroll">
            <table class="records preview-table" data-testid="preview">
                <thead><tr>
                    <th scope="col">{label(Key::RowHeading)}</th>
                    <th scope="col">{label(Key::ActionHeading)}</th>
                    {move || mapped.get().into_iter().map(|(_, target)| view! { <th scope="col">{label(target_key(target))}</th> }).collect_view()}
                    <th scope="col">{label(Key::DetailsHeading)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || { shown_count() > PREVIEW_MAX }>
            <p class="muted">{move || state.tf(Key::PreviewLimited, &[("shown", &PREVIEW_MAX.to_string()), ("count", &shown_count().to_string())])}</p>
        </Show>
    }
}
