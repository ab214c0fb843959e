//! Horizontal bars: a row's label above its bar, so long names and Chinese stay readable at
//! phone width.

use leptos::prelude::*;

use super::scale::ticks;
use super::{colour, legend, picks, ChartData};

const WIDTH: f64 = 400.0;
/// Room to the right of the longest bar for its value.
const VALUE_ROOM: f64 = 84.0;
const LABEL: f64 = 16.0;
const GAP: f64 = 10.0;
const AXIS: f64 = 20.0;

/// Grouped bars (one per series) or stacked ones, with a value axis under them.
pub fn bars(
    data: ChartData,
    stacked: bool,
    on_pick: Callback<usize>,
    compact: Callback<f64, String>,
) -> impl IntoView {
    let series = data.series.len().max(1);
    let bar = if stacked { 16.0 } else { 12.0 };
    let row_height = LABEL + bar * if stacked { 1.0 } else { series as f64 } + GAP;
    let plot = WIDTH - VALUE_ROOM;
    let axis = ticks(data.max(stacked), 4);
    let top = axis.last().copied().unwrap_or(1.0);
    let scale = move |v: f64| v / top * plot;
    let height = data.labels.len() as f64 * row_height + AXIS;
    let grid_bottom = height - AXIS;

    let rows = data.labels.iter().enumerate().map(|(row, label)| {
        let y = row as f64 * row_height;
        let values = data.values.get(row).cloned().unwrap_or_default();
        let mut start = 0.0;
        let shapes = values.iter().enumerate().map(|(s, v)| {
            let (x, bar_y) = if stacked {
                (scale(start), y + LABEL)
            } else {
                (0.0, y + LABEL + s as f64 * bar)
            };
            start += v;
            view! {
                <rect class=colour(s) x=x y=bar_y width=scale(*v).max(0.0) height=bar - 2.0 rx="2"></rect>
            }
        }).collect_view();
        // Grouped bars each carry their own value; a stack carries its total once.
        let own_values = (!stacked).then(|| values.iter().enumerate().map(|(s, v)| {
            let text = data.texts.get(row).and_then(|t| t.get(s)).cloned().unwrap_or_default();
            let bar_y = y + LABEL + s as f64 * bar;
            view! { <text class="chart-value" x=scale(*v) + 4.0 y=bar_y + bar - 3.0>{text}</text> }
        }).collect_view());
        let total_text = stacked.then(|| {
            let text = data.texts.get(row).and_then(|t| t.last()).cloned().unwrap_or_default();
            let end: f64 = values.iter().sum();
            view! { <text class="chart-value" x=scale(end) + 4.0 y=y + LABEL + bar - 3.0>{text}</text> }
        });
        let described = data.describe_row(row);
        let tooltip = described.clone();
        view! {
            <g class="chart-hit" tabindex="0" role="button" aria-label=described
                on:click=move |_| on_pick.run(row)
                on:keydown=move |ev| if picks(&ev) { ev.prevent_default(); on_pick.run(row) }>
                <title>{tooltip}</title>
                <rect class="chart-band" x="0" y=y width=WIDTH height=row_height - 2.0></rect>
                {shapes}
            </g>
            <text class="chart-label" x="0" y=y + LABEL - 4.0>{label.clone()}</text>
            {own_values}
            {total_text}
        }
    }).collect_view();

    let grid = axis.iter().map(|t| {
        let x = scale(*t);
        view! {
            <line class="chart-grid" x1=x x2=x y1="0" y2=grid_bottom></line>
            <text class="chart-tick" x=x y=height - 6.0 text-anchor="middle">{compact.run(*t)}</text>
        }
    }).collect_view();

    view! {
        <figure class="chart">
            <svg class="chart-svg" viewBox=format!("-2 0 {} {height}", WIDTH + 4.0) role="group" aria-label=data.title.clone()>
                {grid}
                {rows}
            </svg>
            {legend(&data)}
        </figure>
    }
}

/// Steps of a funnel, centred, each as wide as its share of the first.
pub fn funnel(data: ChartData, on_pick: Callback<usize>) -> impl IntoView {
    let step = 34.0;
    let max = data.max(false).max(f64::MIN_POSITIVE);
    let height = data.labels.len() as f64 * step;
    let rows = data.labels.iter().enumerate().map(|(row, label)| {
        let value = data.values.get(row).and_then(|v| v.first()).copied().unwrap_or_default();
        let width = (value / max * WIDTH).max(2.0);
        let y = row as f64 * step;
        let text = data.texts.get(row).and_then(|t| t.first()).cloned().unwrap_or_default();
        let described = data.describe_row(row);
        let tooltip = described.clone();
        view! {
            <g class="chart-hit" tabindex="0" role="button" aria-label=described
                on:click=move |_| on_pick.run(row)
                on:keydown=move |ev| if picks(&ev) { ev.prevent_default(); on_pick.run(row) }>
                <title>{tooltip}</title>
                <rect class=colour(row) x=(WIDTH - width) / 2.0 y=y + LABEL width=width height=step - LABEL - 2.0 rx="2"></rect>
            </g>
            <text class="chart-label" x="0" y=y + LABEL - 4.0>{label.clone()}</text>
            <text class="chart-value" x=WIDTH y=y + LABEL - 4.0 text-anchor="end">{text}</text>
        }
    }).collect_view();
    view! {
        <figure class="chart">
            <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {height}") role="group" aria-label=data.title.clone()>
                {rows}
            </svg>
        </figure>
    }
}
