//! Lines across months or weeks, one per series, with a value axis on the left.

use leptos::prelude::*;

use super::scale::ticks;
use super::{colour, legend, picks, ChartData};

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;
/// At most this many labels under the axis; the others are skipped, not squeezed.
const MAX_LABELS: usize = 8;

pub fn line(
    data: ChartData,
    on_pick: Callback<usize>,
    compact: Callback<f64, String>,
) -> impl IntoView {
    let count = data.labels.len();
    let axis = ticks(data.max(false), 4);
    let top = axis.last().copied().unwrap_or(1.0);
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - BOTTOM - TOP;
    let x = move |i: usize| {
        if count <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (count - 1) as f64
        }
    };
    let y = move |v: f64| TOP + plot_h - v / top * plot_h;
    let every = count.div_ceil(MAX_LABELS).max(1);

    let grid = axis.iter().map(|t| view! {
        <line class="chart-grid" x1=LEFT x2=WIDTH - 8.0 y1=y(*t) y2=y(*t)></line>
        <text class="chart-tick" x=LEFT - 4.0 y=y(*t) + 4.0 text-anchor="end">{compact.run(*t)}</text>
    }).collect_view();
    let labels = data.labels.iter().enumerate().filter(|(i, _)| i % every == 0).map(|(i, label)| view! {
        <text class="chart-tick" x=x(i) y=HEIGHT - 6.0 text-anchor="middle">{label.clone()}</text>
    }).collect_view();
    let series = data.series.len().max(1);
    let lines = (0..series).map(|s| {
        let points: Vec<String> = data.values.iter().enumerate()
            .map(|(i, row)| format!("{:.1},{:.1}", x(i), y(row.get(s).copied().unwrap_or_default())))
            .collect();
        view! { <polyline class=format!("chart-line {}", colour(s)) points=points.join(" ")></polyline> }
    }).collect_view();
    let dots = data.values.iter().enumerate().map(|(i, row)| {
        let described = data.describe_row(i);
        let tooltip = described.clone();
        let circles = (0..series).map(|s| view! {
            <circle class=colour(s) cx=x(i) cy=y(row.get(s).copied().unwrap_or_default()) r="3.5"></circle>
        }).collect_view();
        view! {
            <g class="chart-hit" tabindex="0" role="button" aria-label=described
                on:click=move |_| on_pick.run(i)
                on:keydown=move |ev| if picks(&ev) { ev.prevent_default(); on_pick.run(i) }>
                <title>{tooltip}</title>
                <rect class="chart-band" x=x(i) - plot_w / (2.0 * count.max(1) as f64) y=TOP width=plot_w / count.max(1) as f64 height=plot_h></rect>
                {circles}
            </g>
        }
    }).collect_view();
    view! {
        <figure class="chart">
            <svg class="chart-svg" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="group" aria-label=data.title.clone()>
                {grid}
                {labels}
                {lines}
                {dots}
            </svg>
            {legend(&data)}
        </figure>
    }
}
