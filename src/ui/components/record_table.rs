//! A list of records as a table (cards at phone width). Long lists draw only the rows near the
//! screen, so fifty thousand stay responsive; rows can be ticked to change their owner, switch
//! them on or off, or move them to Trash together.
//!
//! Rows link with plain `<a>`: the router follows those just as it does its `A`, which would cost
//! every drawn row a few reactive nodes more. For the same reason a row's words are drawn once,
//! as plain text in the language and with the names of the moment: when the language, the team,
//! the stages or the currencies change, the drawn rows are drawn again instead.

use std::collections::HashSet;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::id::Id;
use crate::domain::places::at;
use crate::i18n::{format_number, Key};
use crate::store::Stored;
use crate::ui::browser::now;
use crate::ui::search::changes;
use crate::ui::state::AppState;

/// How much room a column takes. A list lays its columns out by its header: an amount always has
/// the room it needs, short values (a day, a status, a person) about what they need, a record's
/// name a good part of the width, and the other texts share the rest. Whatever does not fit is
/// cut short with an ellipsis rather than pushing the last columns off the side of the page.
fn column_width(key: Key) -> Option<&'static str> {
    let class = match key {
        Key::FieldLevel
        | Key::ColContacts
        | Key::Done
        | Key::FieldCurrency
        | Key::FieldUnit
        | Key::ColTaxRate
        | Key::FieldKind => "col-narrow",
        Key::ColNextFollowUp
        | Key::FieldDate
        | Key::FieldDue
        | Key::FieldExpectedClose
        | Key::FieldValidUntil
        | Key::ColWhen
        | Key::ColUpdated => "col-day",
        Key::ColStatus
        | Key::FilterStatus
        | Key::Stage
        | Key::ColOwner
        | Key::ColSource
        | Key::FieldCode
        | Key::FieldPhone
        | Key::FieldNumber
        | Key::FieldProbability => "col-short",
        Key::TotalGross | Key::BalanceDue | Key::FieldAmount | Key::FieldListPrice => "col-money",
        Key::ColName | Key::ColTitle | Key::FieldSubject => "col-title",
        _ => return None,
    };
    Some(class)
}

/// A bulk change that sets a yes-or-no property of records (a product sold or no longer sold):
/// the labels of the buttons that turn it on and off, the messages once done, and the change,
/// which says whether it changed the record.
pub struct BulkSwitch<R> {
    pub on: Key,
    pub off: Key,
    pub on_done: Key,
    pub off_done: Key,
    pub set: fn(&mut R, bool) -> bool,
}

impl<R> Clone for BulkSwitch<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for BulkSwitch<R> {}

/// Lists shorter than this are drawn whole.
const WINDOW_FROM: usize = 150;
/// Rows drawn beyond each edge of the screen, so fast scrolling shows no gap. Every row drawn is
/// drawn again when a keystroke changes what the list holds, so no more than scrolling needs.
const OVERSCAN: usize = 10;
/// A row's height before one has been measured.
const FIRST_GUESS_PX: f64 = 48.0;

/// Which rows to draw out of `len`, given where the list starts on screen.
fn rows_to_draw(len: usize, list_top: f64, viewport: f64, pitch: f64) -> (usize, usize) {
    if len < WINDOW_FROM {
        return (0, len);
    }
    let pitch = pitch.max(1.0);
    let scrolled_past = (-list_top).max(0.0);
    // What the list covers of the screen: from its top, or the screen's once scrolled past it.
    let covered = (viewport - list_top.max(0.0)).max(0.0);
    let first = ((scrolled_past / pitch) as usize).saturating_sub(OVERSCAN);
    let last = ((scrolled_past + covered) / pitch).ceil() as usize + OVERSCAN;
    let start = first.min(len);
    (start, last.clamp(start, len))
}

/// The records at `places` in `list`, copied only when read: the CSV export reads them on its
/// click, so a keystroke in the search box copies none.
pub fn records_at<R>(list: RwSignal<Vec<R>>, places: Memo<Vec<u32>>) -> Signal<Vec<R>>
where
    R: Clone + Send + Sync + 'static,
{
    Signal::derive(move || places.with(|p| list.with(|all| at(all, p).cloned().collect())))
}

#[component]
pub fn RecordTable<R, F, V>(
    testid: &'static str,
    /// The column headings, after the selection column.
    columns: Vec<Key>,
    /// The places in `list` of the records to list, in order.
    #[prop(into)]
    rows: Signal<Vec<u32>>,
    /// Draws one record's cells, once: what it reads is not watched.
    row: F,
    /// The records `rows` point into, where bulk changes are kept in memory once saved.
    list: RwSignal<Vec<R>>,
    /// A property that ticked rows can have switched on or off together.
    #[prop(optional)]
    switch: Option<BulkSwitch<R>>,
) -> impl IntoView
where
    R: Stored + Clone + PartialEq + Send + Sync + 'static,
    F: Fn(R) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = expect_context::<AppState>();
    let body = NodeRef::<html::Tbody>::new();
    let list_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(800.0f64);
    let pitch = RwSignal::new(FIRST_GUESS_PX);
    let selected = RwSignal::new(HashSet::<Id>::new());

    let measure = move || {
        let Some(body) = body.get_untracked() else {
            return;
        };
        list_top.set(body.get_bounding_client_rect().top());
        if let Some(height) = window().inner_height().ok().and_then(|h| h.as_f64()) {
            viewport.set(height);
        }
        // The average over every drawn row: rows differ by fractions of a pixel, which over
        // fifty thousand rows would add up to screens.
        let Ok(drawn) = body.query_selector_all("tr.record-row") else {
            return;
        };
        let top_of = |i: u32| {
            drawn
                .item(i)
                .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
                .map(|row| row.get_bounding_client_rect().top())
        };
        let last = drawn.length().saturating_sub(1);
        if let (Some(first), Some(end)) = (top_of(0), top_of(last)) {
            if last > 0 && end > first {
                pitch.set((end - first) / f64::from(last));
            }
        }
    };
    // Scroll events come faster than frames; one measurement per frame is enough.
    let pending = StoredValue::new(false);
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if !pending.get_value() {
            pending.set_value(true);
            request_animation_frame(move || {
                pending.set_value(false);
                measure();
            });
        }
    });
    let on_resize = window_event_listener(ev::resize, move |_| measure());
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    Effect::new(move |_| {
        rows.track();
        request_animation_frame(measure);
    });

    // What rows show besides their record.
    let look = changes(move || {
        state.lang.track();
        state.team.track();
        state.stages.track();
        state.currencies.track();
    });
    let range = Memo::new(move |_| {
        rows_to_draw(
            rows.with(Vec::len),
            list_top.get(),
            viewport.get(),
            pitch.get(),
        )
    });
    let visible = move || {
        let (start, end) = range.get();
        let look = look.get();
        rows.with(|places| {
            let shown = places.get(start..end).unwrap_or_default();
            list.with(|all| {
                at(all, shown)
                    .map(|r| (r.clone(), look))
                    .collect::<Vec<_>>()
            })
        })
    };
    // Set through the style object: the Content-Security-Policy refuses style attributes.
    let spacer = move |rows_hidden: usize| format!("{}px", rows_hidden as f64 * pitch.get());
    let chosen = Memo::new(move |_| {
        selected.with(|ids| {
            // Most of the time nothing is ticked: no need to walk every row on each keystroke.
            if ids.is_empty() {
                return Vec::new();
            }
            rows.with(|places| {
                list.with(|all| {
                    at(all, places)
                        .filter(|r| ids.contains(r.id()))
                        .map(|r| r.meta().id.clone())
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let all_chosen = move || {
        let count = chosen.with(Vec::len);
        count > 0 && count == rows.with(Vec::len)
    };
    let choose_all = move |on: bool| {
        selected.set(if on {
            rows.with_untracked(|places| {
                list.with_untracked(|all| at(all, places).map(|r| r.meta().id.clone()).collect())
            })
        } else {
            HashSet::new()
        });
    };
    let columns_len = columns.len() + 1;

    view! {
        <BulkBar chosen selected list switch/>
        <table class="records record-list" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col" class="cell-select">
                        <label class="select-box">
                            <input type="checkbox" data-testid="select-all"
                                aria-label=move || state.t(Key::SelectAll)
                                prop:checked=all_chosen
                                on:change=move |ev| choose_all(event_target_checked(&ev))/>
                        </label>
                    </th>
                    {columns.into_iter().map(|key| view! { <th scope="col" class=column_width(key)>{move || state.t(key)}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody node_ref=body>
                <tr class="spacer" aria-hidden="true" style:height=move || spacer(range.get().0)>
                    <td colspan=columns_len></td>
                </tr>
                <For each=visible key=|(r, look): &(R, u32)| (r.meta().id.clone(), r.meta().rev, *look) children=move |(record, _): (R, u32)| {
                    let id = record.meta().id.clone();
                    let checked_id = id.clone();
                    let row_id = id.clone();
                    let row = row.clone();
                    let cells = untrack(move || row(record));
                    view! {
                        <tr class="record-row" class:row-selected=move || selected.with(|s| s.contains(&row_id))>
                            <td class="cell-select">
                                <label class="select-box">
                                    <input type="checkbox" data-testid="select-row"
                                        aria-label=untrack(|| state.t(Key::SelectRow))
                                        prop:checked=move || selected.with(|s| s.contains(&checked_id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| {
                                                if on { s.insert(id.clone()); } else { s.remove(&id); }
                                            });
                                        }/>
                                </label>
                            </td>
                            {cells}
                        </tr>
                    }
                }/>
                <tr class="spacer" aria-hidden="true" style:height=move || {
                    let (_, end) = range.get();
                    spacer(rows.with(Vec::len) - end)
                }>
                    <td colspan=columns_len></td>
                </tr>
            </tbody>
        </table>
    }
}

/// What to do with the ticked rows: give them another owner, switch them on or off, or move them
/// to Trash.
#[component]
fn BulkBar<R>(
    chosen: Memo<Vec<Id>>,
    selected: RwSignal<HashSet<Id>>,
    list: RwSignal<Vec<R>>,
    switch: Option<BulkSwitch<R>>,
) -> impl IntoView
where
    R: Stored + Clone + PartialEq + Send + Sync + 'static,
{
    let state = expect_context::<AppState>();
    // Me, unless I am no longer active: the select shows active members only.
    let owner = RwSignal::new(state.team.with_untracked(|team| {
        let me = state.me.get_untracked();
        team.iter()
            .filter(|m| m.active)
            .find(|m| m.meta.id == me)
            .or_else(|| team.iter().find(|m| m.active))
            .map(|m| m.meta.id.clone())
            .unwrap_or(me)
    }));
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    // `edit` (given the time of the change) says whether it changed the record; unchanged ones
    // are not written again.
    let change = move |edit: &dyn Fn(&mut R, &str) -> bool, done: Key| {
        let ids: HashSet<Id> = chosen.get_untracked().into_iter().collect();
        let stamp = now();
        let changed: Vec<R> = list.with_untracked(|all| {
            all.iter()
                .filter(|r| ids.contains(r.id()))
                .filter_map(|r| {
                    let mut r = r.clone();
                    edit(&mut r, &stamp).then_some(r)
                })
                .collect()
        });
        confirming.set(false);
        busy.set(true);
        spawn_local(async move {
            let count = changed.len();
            match state.save_many(changed, list).await {
                Ok(()) => {
                    selected.set(HashSet::new());
                    state.inform_count(done, count);
                }
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let assign = move |_| {
        let owner = owner.get_untracked();
        change(
            &|r, stamp| {
                if r.meta().owner == owner {
                    return false;
                }
                r.meta_mut().owner = owner.clone();
                r.meta_mut().touch(stamp);
                true
            },
            Key::BulkAssigned,
        )
    };
    let trash = move |_| {
        change(
            &|r, stamp| {
                r.meta_mut().move_to_trash(stamp);
                true
            },
            Key::BulkTrashed,
        )
    };
    let switch_buttons = move || {
        let switch = switch?;
        let flip = move |on: bool| {
            let done = if on { switch.on_done } else { switch.off_done };
            change(
                &|r, stamp| {
                    let changed = (switch.set)(r, on);
                    if changed {
                        r.meta_mut().touch(stamp);
                    }
                    changed
                },
                done,
            )
        };
        Some(view! {
            <button type="button" class="button" data-testid="bulk-switch-on" disabled=move || busy.get() on:click=move |_| flip(true)>
                {move || state.t(switch.on)}
            </button>
            <button type="button" class="button" data-testid="bulk-switch-off" disabled=move || busy.get() on:click=move |_| flip(false)>
                {move || state.t(switch.off)}
            </button>
        })
    };
    view! {
        <Show when=move || chosen.with(|c| !c.is_empty())>
            <div class="bulk-bar" role="region" aria-label=move || state.t(Key::BulkActions) data-testid="bulk-bar">
                <strong data-testid="selected-count">
                    {move || state.tf(Key::SelectedCount, &[("count", &format_number(state.lang.get(), chosen.with(Vec::len) as u64))])}
                </strong>
                <label class="bulk-owner">
                    <span>{move || state.t(Key::AssignTo)}</span>
                    <select data-testid="bulk-owner" on:change=move |ev| owner.set(event_target_value(&ev).into())>
                        {move || state.team.get().into_iter().filter(|m| m.active).map(|m| {
                            let id = m.meta.id.clone();
                            view! { <option value=m.meta.id.clone() selected=move || owner.get() == id>{m.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="button" data-testid="bulk-assign" disabled=move || busy.get() on:click=assign>
                    {move || state.t(Key::Assign)}
                </button>
                {switch_buttons}
                <Show when=move || !confirming.get() fallback=move || view! {
                    <span class="bulk-confirm" role="alert">
                        {move || state.tf(Key::BulkTrashConfirm, &[("count", &format_number(state.lang.get(), chosen.with(Vec::len) as u64))])}
                    </span>
                    <button type="button" class="button button-danger" data-testid="confirm-bulk-trash" disabled=move || busy.get() on:click=trash>
                        {move || state.t(Key::MoveToTrash)}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>{move || state.t(Key::Cancel)}</button>
                }>
                    <button type="button" class="button button-danger" data-testid="bulk-trash" disabled=move || busy.get()
                        on:click=move |_| confirming.set(true)>
                        {move || state.t(Key::MoveToTrash)}
                    </button>
                </Show>
                <button type="button" class="button button-quiet" on:click=move |_| selected.set(HashSet::new())>
                    {move || state.t(Key::ClearSelection)}
                </button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_are_drawn_whole() {
        assert_eq!(rows_to_draw(10, -5000.0, 800.0, 48.0), (0, 10));
    }

    #[test]
    fn long_lists_draw_what_is_on_screen_and_a_margin() {
        assert_eq!(rows_to_draw(50_000, 100.0, 800.0, 40.0), (0, 28));
        let (start, end) = rows_to_draw(50_000, -40_000.0, 800.0, 40.0);
        assert_eq!((start, end), (990, 1030));
        assert_eq!(rows_to_draw(50_000, 900.0, 800.0, 40.0), (0, 10));
        assert_eq!(
            rows_to_draw(50_000, -10_000_000.0, 800.0, 40.0),
            (50_000, 50_000)
        );
    }
}
