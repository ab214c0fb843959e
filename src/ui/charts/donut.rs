//! A ring of slices with its legend as a list beside it: the legend carries the names, values
//! and shares, so the ring needs no text of its own.

use std::f64::consts::PI;

use leptos::prelude::*;

use super::{colour, ChartData};

const OUTER: f64 = 90.0;
const INNER: f64 = 56.0;

/// The path of a slice from `start` to `end`, in turns (0 to 1) clockwise from the top.
fn slice(start: f64, end: f64) -> String {
    // A full turn drawn as one arc would start and end at the same point and vanish.
    let end = end.min(start + 0.9999);
    let point = |turns: f64, r: f64| {
        let angle = turns * 2.0 * PI - PI / 2.0;
        (100.0 + r * angle.cos(), 100.0 + r * angle.sin())
    };
    let large = u8::from(end - start > 0.5);
    let (x0, y0) = point(start, OUTER);
    let (x1, y1) = point(end, OUTER);
    let (x2, y2) = point(end, INNER);
    let (x3, y3) = point(start, INNER);
    format!(
        "M{x0:.2},{y0:.2} A{OUTER},{OUTER} 0 {large} 1 {x1:.2},{y1:.2} L{x2:.2},{y2:.2} A{INNER},{INNER} 0 {large} 0 {x3:.2},{y3:.2} Z"
    )
}

pub fn donut(data: ChartData, on_pick: Callback<usize>) -> impl IntoView {
    let value = |row: usize| {
        data.values
            .get(row)
            .and_then(|v| v.first())
            .copied()
            .unwrap_or_default()
            .max(0.0)
    };
    let total: f64 = (0..data.labels.len()).map(value).sum();
    let mut start = 0.0;
    let slices = (0..data.labels.len())
        .filter(|row| value(*row) > 0.0)
        .map(|row| {
            let share = value(row) / total;
            let path = slice(start, start + share);
            start += share;
            view! {
                <path class=colour(row) d=path on:click=move |_| on_pick.run(row)>
                    <title>{data.describe(row, 0)}</title>
                </path>
            }
        })
        .collect_view();
    let legend = data
        .labels
        .iter()
        .enumerate()
        .map(|(row, label)| {
            let share = if total > 0.0 {
                value(row) / total * 100.0
            } else {
                0.0
            };
            let text = data
                .texts
                .get(row)
                .and_then(|t| t.first())
                .cloned()
                .unwrap_or_default();
            view! {
                <li>
                    <button type="button" class="chart-hit legend-pick" on:click=move |_| on_pick.run(row)>
                        <span class=format!("swatch {}", colour(row)) aria-hidden="true"></span>
                        <span class="legend-label">{label.clone()}</span>
                        <span class="legend-value">{text}" · "{format!("{share:.0}%")}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart chart-donut">
            <svg class="chart-svg" viewBox="0 0 200 200" role="img" aria-label=data.title.clone()>
                {slices}
            </svg>
            <ul class="chart-legend chart-legend-list">{legend}</ul>
        </figure>
    }
}
