//! Charts drawn as SVG by our own small components: bars (grouped, stacked, funnel), lines and
//! a ring. A chart takes plain numbers and texts already formatted for the user's language, and
//! tells the page which row was picked, so that the records behind it can be listed.

mod bars;
mod donut;
mod line;
pub mod scale;

use leptos::prelude::*;

use crate::reports::table::ChartKind;

/// What a chart draws: one entry per row (a bar, a point, a slice) and per series.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// The chart's name for screen readers.
    pub title: String,
    pub labels: Vec<String>,
    pub series: Vec<String>,
    /// `values[row][series]`, never negative.
    pub values: Vec<Vec<f64>>,
    /// The same values as the table writes them, for tooltips and the text beside a bar.
    pub texts: Vec<Vec<String>>,
}

impl ChartData {
    fn max(&self, stacked: bool) -> f64 {
        self.values
            .iter()
            .map(|row| {
                if stacked {
                    row.iter().sum()
                } else {
                    row.iter().copied().fold(0.0, f64::max)
                }
            })
            .fold(0.0, f64::max)
    }

    /// `label: value` (or `label, series: value` with several series) for a row's tooltip.
    fn describe(&self, row: usize, series: usize) -> String {
        let label = self.labels.get(row).map(String::as_str).unwrap_or_default();
        let text = self
            .texts
            .get(row)
            .and_then(|t| t.get(series))
            .map(String::as_str)
            .unwrap_or_default();
        match self.series.get(series) {
            Some(name) if self.series.len() > 1 => format!("{label}, {name}: {text}"),
            _ => format!("{label}: {text}"),
        }
    }

    /// A whole row, every series in it: the name of the row's bar or point as a button, so that
    /// what a screen reader says and the tooltip a mouse shows are the same words.
    fn describe_row(&self, row: usize) -> String {
        if self.series.len() <= 1 {
            return self.describe(row, 0);
        }
        let label = self.labels.get(row).map(String::as_str).unwrap_or_default();
        let texts = self.texts.get(row);
        let parts: Vec<String> = self
            .series
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let text = texts
                    .and_then(|t| t.get(s))
                    .map(String::as_str)
                    .unwrap_or_default();
                format!("{name}: {text}")
            })
            .collect();
        format!("{label}, {}", parts.join("; "))
    }
}

/// The colour class of the `i`th series or slice.
fn colour(i: usize) -> String {
    format!("c{}", i % 8)
}

/// Enter or Space on a focused bar picks it, as a click does.
fn picks(ev: &leptos::ev::KeyboardEvent) -> bool {
    matches!(ev.key().as_str(), "Enter" | " ")
}

#[component]
pub fn ReportChart(
    kind: ChartKind,
    data: ChartData,
    #[prop(into)] on_pick: Callback<usize>,
    #[prop(into)] compact: Callback<f64, String>,
) -> impl IntoView {
    if data.labels.is_empty() {
        return ().into_any();
    }
    match kind {
        ChartKind::Bar => bars::bars(data, false, on_pick, compact).into_any(),
        ChartKind::StackedBar => bars::bars(data, true, on_pick, compact).into_any(),
        ChartKind::Funnel => bars::funnel(data, on_pick).into_any(),
        ChartKind::Line => line::line(data, on_pick, compact).into_any(),
        ChartKind::Donut => donut::donut(data, on_pick).into_any(),
    }
}

/// The series names with their colours, when there is more than one.
fn legend(data: &ChartData) -> impl IntoView {
    (data.series.len() > 1).then(|| {
        view! {
            <ul class="chart-legend">
                {data.series.iter().enumerate().map(|(i, name)| view! {
                    <li><span class=format!("swatch {}", colour(i)) aria-hidden="true"></span>{name.clone()}</li>
                }).collect_view()}
            </ul>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(series: &[&str], texts: &[&str]) -> ChartData {
        ChartData {
            title: "Sales".into(),
            labels: vec!["Ann".into()],
            series: series.iter().map(|s| s.to_string()).collect(),
            values: vec![vec![1.0; texts.len()]],
            texts: vec![texts.iter().map(|t| t.to_string()).collect()],
        }
    }

    #[test]
    fn a_row_of_one_series_reads_as_its_label_and_value() {
        assert_eq!(data(&["Sold"], &["$5"]).describe_row(0), "Ann: $5");
    }

    #[test]
    fn a_row_of_several_series_names_every_one() {
        let row = data(&["Target", "Sold"], &["$9", "$5"]).describe_row(0);
        assert_eq!(row, "Ann, Target: $9; Sold: $5");
    }
}
