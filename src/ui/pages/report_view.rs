//! Any report, drawn the same way: its headline figures, then each section as a chart with its
//! table under it, a CSV export, and the records behind whatever the user picks.

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

use super::report_behind::BehindList;
use crate::backup::csv::to_csv;
use crate::i18n::{format_number, t, tf, Key, Lang};
use crate::reports::scope::Behind;
use crate::reports::table::{ChartKind, Figure, Report, Row, Section, Value};
use crate::ui::charts::{scale::compact, ChartData, ReportChart};
use crate::ui::components::csv_export::download;
use crate::ui::report_labels::{is_numeric, value_csv, value_text, LabelNames};
use crate::ui::state::AppState;

/// Rows drawn at first, and added per "Show more": a table of thousands of rows would take
/// seconds to draw and is read from its top; the CSV export has every row.
const ROWS_SHOWN: usize = 50;
/// Columns (the label among them) past which a table no longer fits beside its chart.
const WIDE_TABLE: usize = 5;

/// What a picked bar, row or figure shows: a heading and its records.
type Picked = Option<(String, Behind)>;

fn chart_data(
    section: &Section,
    columns: &[usize],
    names: &LabelNames,
    lang: Lang,
    base: &str,
) -> ChartData {
    let stacked = section
        .chart
        .as_ref()
        .is_some_and(|c| c.kind == ChartKind::StackedBar);
    ChartData {
        title: t(lang, section.title).to_owned(),
        labels: section
            .table
            .rows
            .iter()
            .map(|r| names.text(lang, &r.label))
            .collect(),
        series: columns
            .iter()
            .filter_map(|c| section.table.columns.get(c + 1))
            .map(|l| names.text(lang, l))
            .collect(),
        values: section
            .table
            .rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| {
                        r.values
                            .get(*c)
                            .map_or(0.0, |v| v.magnitude().to_f64().unwrap_or(0.0).max(0.0))
                    })
                    .collect()
            })
            .collect(),
        texts: section
            .table
            .rows
            .iter()
            .map(|r| {
                let mut texts: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        r.values
                            .get(*c)
                            .map(|v| value_text(lang, v, base))
                            .unwrap_or_default()
                    })
                    .collect();
                if stacked {
                    let sum: rust_decimal::Decimal = columns
                        .iter()
                        .filter_map(|c| r.values.get(*c))
                        .map(Value::magnitude)
                        .sum();
                    let total = match r.values.get(columns[0]) {
                        Some(Value::Money(_)) => Value::Money(sum),
                        _ => Value::Count(sum.to_u64().unwrap_or(0)),
                    };
                    texts.push(value_text(lang, &total, base));
                }
                texts
            })
            .collect(),
    }
}

/// The section's table as CSV rows, headed in the user's language.
fn csv_rows(section: &Section, names: &LabelNames, lang: Lang) -> Vec<Vec<String>> {
    let head = section
        .table
        .columns
        .iter()
        .map(|l| names.text(lang, l))
        .collect();
    let row = |r: &Row| {
        std::iter::once(names.text(lang, &r.label))
            .chain(r.values.iter().map(value_csv))
            .collect()
    };
    std::iter::once(head)
        .chain(section.table.rows.iter().map(row))
        .chain(section.table.total.iter().map(row))
        .collect()
}

fn file_name(lang: Lang, section: &Section, period: &str) -> String {
    let title: String = t(lang, section.title)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    format!("{}-{period}.csv", title.trim_matches('-').to_lowercase())
}

#[component]
pub fn ReportView(
    report: Memo<Report>,
    names: Memo<LabelNames>,
    base: Signal<String>,
    /// The period in file names: `2026-11-01_2026-11-30`.
    period: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let figure_picked: RwSignal<Picked> = RwSignal::new(None);
    let figures = move || {
        let lang = state.lang.get();
        let base = base.get();
        report.with(|r| {
            r.figures
                .iter()
                .map(|f| figure_tile(f, lang, &base, figure_picked))
                .collect_view()
        })
    };
    let sections = move || {
        let lang = state.lang.get();
        let base = base.get();
        report.with(|r| {
            r.sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    names
                        .with(|n| section_view(i, s.clone(), n.clone(), lang, base.clone(), period))
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || report.with(|r| !r.figures.is_empty())>
            <div class="report-figures" data-testid="report-figures">{figures}</div>
        </Show>
        {move || figure_picked.get().map(|(title, behind)| view! {
            <BehindList title=title behind=behind on_close=Callback::new(move |_| figure_picked.set(None))/>
        })}
        {sections}
    }
}

fn figure_tile(figure: &Figure, lang: Lang, base: &str, picked: RwSignal<Picked>) -> impl IntoView {
    let title = t(lang, figure.title).to_owned();
    let direction = match &figure.change {
        Value::Change(Some(c)) if c.is_sign_positive() && !c.is_zero() => "change-up",
        Value::Change(Some(c)) if c.is_sign_negative() => "change-down",
        _ => "change-flat",
    };
    let behind = figure.behind.clone();
    let pick_title = title.clone();
    let pick = move |_| {
        if let Some(b) = behind.clone() {
            picked.set(Some((pick_title.clone(), b)));
        }
    };
    view! {
        <button type="button" class="figure" data-testid="report-figure" on:click=pick>
            <span class="figure-title">{title}</span>
            <span class="figure-now" data-testid="figure-now">{value_text(lang, &figure.now, base)}</span>
            <span class=format!("figure-change {direction}")>{value_text(lang, &figure.change, base)}</span>
            <span class="figure-before">{t(lang, Key::ReportBefore)}" "{value_text(lang, &figure.before, base)}</span>
        </button>
    }
}

fn section_view(
    index: usize,
    section: Section,
    names: LabelNames,
    lang: Lang,
    base: String,
    period: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let picked: RwSignal<Picked> = RwSignal::new(None);
    // One shared copy of the rows: a copy per drawn row and bar grows with the square of the
    // rows, which a report of thousands of open orders cannot afford.
    let rows = StoredValue::new(section.table.rows.clone());
    let pick_names = names.clone();
    let pick = Callback::new(move |row: usize| {
        let found = rows.with_value(|rows| {
            rows.get(row)
                .and_then(|r| Some((pick_names.text(lang, &r.label), r.behind.clone()?)))
        });
        if found.is_some() {
            picked.set(found);
        }
    });
    let chart = section.chart.clone().filter(|_| !section.table.rows.is_empty()).map(|c| {
        let data = chart_data(&section, &c.columns, &names, lang, &base);
        view! {
            <ReportChart kind=c.kind data=data on_pick=pick compact=move |v: f64| compact(lang, v)/>
        }
    });
    let export_section = section.clone();
    let export_names = names.clone();
    let export = move |_| {
        let rows = csv_rows(&export_section, &export_names, lang);
        let name = file_name(lang, &export_section, &period.get_untracked());
        if !download(&name, &to_csv(&rows), "text/csv;charset=utf-8") {
            state.refuse(Key::ExportFailed);
        }
    };
    let head = section
        .table
        .columns
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let numeric = i > 0
                && section
                    .table
                    .rows
                    .first()
                    .and_then(|r| r.values.get(i - 1))
                    .is_some_and(is_numeric);
            view! { <th scope="col" class:cell-amount=numeric>{names.text(lang, l)}</th> }
        })
        .collect_view();
    let columns = section.table.columns.clone();
    let row_view = {
        let names = names.clone();
        let base = base.clone();
        move |(i, r): (usize, &Row), total: bool| {
            let label = names.text(lang, &r.label);
            let cells = r.values.iter().enumerate().map(|(c, v)| {
                let heading = columns.get(c + 1).map(|l| names.text(lang, l)).unwrap_or_default();
                view! { <td class:cell-amount=is_numeric(v) data-label=heading>{value_text(lang, v, &base)}</td> }
            }).collect_view();
            let first = if r.behind.is_some() && !total {
                view! { <button type="button" class="link-button" data-testid="report-row-pick" on:click=move |_| pick.run(i)>{label}</button> }.into_any()
            } else {
                view! { <span>{label}</span> }.into_any()
            };
            view! {
                <tr class="record-row" class:report-total=total data-testid=if total { "report-total" } else { "report-row" }>
                    <th scope="row" class="cell-title">{first}</th>
                    {cells}
                </tr>
            }
        }
    };
    let count = section.table.rows.len();
    let shown = RwSignal::new(ROWS_SHOWN.min(count));
    let body = {
        let row_view = row_view.clone();
        move || {
            rows.with_value(|rows| {
                rows.iter()
                    .take(shown.get())
                    .enumerate()
                    .map(|r| row_view(r, false))
                    .collect_view()
            })
        }
    };
    let more = move || {
        let lang = state.lang.get();
        let counts = [
            ("shown", format_number(lang, shown.get() as u64)),
            ("count", format_number(lang, count as u64)),
        ];
        let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        view! {
            <div class="report-more" data-testid="report-more">
                <p class="muted">{tf(lang, Key::ReportRowsShown, &counts)}</p>
                <button type="button" class="button" data-testid="report-show-more"
                    on:click=move |_| shown.update(|n| *n = (*n + ROWS_SHOWN).min(count))>
                    {t(lang, Key::ShowMore)}
                </button>
            </div>
        }
    };
    let total = section
        .table
        .total
        .as_ref()
        .map(|r| row_view((usize::MAX, r), true));
    let empty = section.table.rows.is_empty();
    // A table of many columns beside its chart would be cut off on a laptop: it goes under it.
    let side_by_side = chart.is_some() && section.table.columns.len() <= WIDE_TABLE;
    let table_under = chart.is_some() && !side_by_side;
    view! {
        <section class="report-section panel" data-testid="report-section" data-index=index>
            <div class="panel-head">
                <h2 class="subheading">{t(lang, section.title)}</h2>
                <button type="button" class="button" data-testid="report-csv" on:click=export>{t(lang, Key::ExportCsv)}</button>
            </div>
            <Show when=move || empty>
                <p class="muted">{t(lang, Key::ReportEmpty)}</p>
            </Show>
            <div class="report-body" class:report-body-chart=side_by_side class:report-body-under=table_under>
                {chart}
                <div class="report-table">
                    <table class="records">
                        <thead><tr>{head}</tr></thead>
                        <tbody>{body}{total}</tbody>
                    </table>
                </div>
            </div>
            <Show when=move || { shown.get() < count }>{more}</Show>
            {move || picked.get().map(|(title, behind)| view! {
                <BehindList title=title behind=behind on_close=Callback::new(move |_| picked.set(None))/>
            })}
        </section>
    }
}
