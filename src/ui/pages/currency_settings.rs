//! Settings for the base currency and the exchange rates of the others.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::domain::company::{
    normalize_code, parse_exchange_rate, Currencies, CurrencyProblem, ExchangeRate,
};
use crate::i18n::Key;
use crate::ui::state::AppState;

/// One currency as typed, with a key that stays the same while its code and rate are edited.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RateRow {
    key: u32,
    code: String,
    rate: String,
}

fn rows_of(currencies: &Currencies) -> Vec<RateRow> {
    currencies
        .rates
        .iter()
        .zip(0..)
        .map(|(r, key)| RateRow {
            key,
            code: r.code.clone(),
            rate: r.rate.to_string(),
        })
        .collect()
}

fn is_empty(row: &RateRow) -> bool {
    row.code.trim().is_empty() && row.rate.trim().is_empty()
}

/// The currencies as typed; a row left empty is dropped, and a rate that is not a number counts
/// as zero, which `Currencies::problems` reports by the currency's code.
fn currencies_of(base: &str, rows: &[RateRow]) -> Currencies {
    Currencies {
        base: normalize_code(base),
        rates: rows
            .iter()
            .filter(|r| !is_empty(r))
            .map(|r| ExchangeRate {
                code: normalize_code(&r.code),
                rate: parse_exchange_rate(&r.rate).unwrap_or(Decimal::ZERO),
            })
            .collect(),
    }
}

/// Which inputs the problems are about, rows named by their keys.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Marks {
    base: bool,
    codes: HashSet<u32>,
    rates: HashSet<u32>,
}

/// `Currencies::problems` names currencies by code, which two rows may share; it reports rows in
/// order, each checked against those before it, so the problems a row adds to the ones of the
/// rows above it are that row's own.
fn marks_of(base: &str, rows: &[RateRow]) -> Marks {
    let kept: Vec<RateRow> = rows.iter().filter(|r| !is_empty(r)).cloned().collect();
    let mut marks = Marks {
        base: !currencies_of(base, &[]).problems().is_empty(),
        ..Marks::default()
    };
    for (place, row) in kept.iter().enumerate() {
        let before = currencies_of(base, &kept[..place]).problems().len();
        for problem in currencies_of(base, &kept[..=place])
            .problems()
            .iter()
            .skip(before)
        {
            match problem {
                CurrencyProblem::RateInvalid(_) => marks.rates.insert(row.key),
                _ => marks.codes.insert(row.key),
            };
        }
    }
    marks
}

fn code_of(problem: &CurrencyProblem) -> &str {
    match problem {
        CurrencyProblem::CodeInvalid(code)
        | CurrencyProblem::Repeated(code)
        | CurrencyProblem::RateInvalid(code) => code,
    }
}

/// What is wrong, naming the currency; nothing for the rate of a currency without a code, which
/// is already reported as a missing code.
fn problem_text(state: AppState, problem: &CurrencyProblem) -> Option<String> {
    let code = code_of(problem);
    let named = |key| Some(state.tf(key, &[("code", code)]));
    match problem {
        CurrencyProblem::CodeInvalid(_) if code.is_empty() => {
            Some(state.t(Key::ProblemCurrencyMissing).to_owned())
        }
        CurrencyProblem::CodeInvalid(_) => named(Key::ProblemCurrencyCode),
        CurrencyProblem::Repeated(_) => named(Key::ProblemCurrencyRepeated),
        CurrencyProblem::RateInvalid(_) if code.is_empty() => None,
        CurrencyProblem::RateInvalid(_) => named(Key::ProblemCurrencyRate),
    }
}

#[component]
pub fn CurrencySettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let saved = state.currencies.get_untracked();
    let base = RwSignal::new(saved.base.clone());
    let rows = RwSignal::new(rows_of(&saved));
    let next_key = StoredValue::new(rows.with_untracked(Vec::len) as u32);
    let problems = RwSignal::new(Vec::<CurrencyProblem>::new());
    let marks = RwSignal::new(Marks::default());
    let busy = RwSignal::new(false);

    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|all| {
            all.push(RateRow {
                key,
                code: String::new(),
                rate: String::new(),
            })
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = base.get_untracked();
        let currencies = rows.with_untracked(|all| currencies_of(&typed, all));
        let found = currencies.problems();
        if !found.is_empty() {
            marks.set(rows.with_untracked(|all| marks_of(&typed, all)));
            problems.set(found);
            return;
        }
        marks.set(Marks::default());
        problems.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            match state.save_currencies(currencies.clone()).await {
                Ok(()) => {
                    base.set(currencies.base.clone());
                    rows.set(rows_of(&currencies));
                    next_key.set_value(currencies.rates.len() as u32);
                    state.inform(Key::CurrenciesSaved);
                }
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let messages = move || {
        problems.with(|list| {
            list.iter()
                .filter_map(|p| problem_text(state, p))
                .map(|text| view! { <li>{text}</li> })
                .collect_view()
        })
    };
    let rate_heading = move || {
        state.tf(
            Key::ColRateToBase,
            &[("base", &normalize_code(&base.get()))],
        )
    };

    view! {
        <section class="panel" aria-labelledby="currencies-heading">
            <h2 id="currencies-heading">{move || state.t(Key::CurrenciesTitle)}</h2>
            <p class="muted">{move || state.t(Key::CurrenciesExplain)}</p>
            <form class="settings-form" on:submit=save novalidate data-testid="currency-form">
                <div class="field base-currency" class:field-invalid=move || marks.with(|m| m.base)>
                    <label for="base-currency">{move || state.t(Key::FieldBaseCurrency)}</label>
                    <input id="base-currency" type="text" maxlength="3" autocomplete="off" autocapitalize="characters"
                        prop:value=move || base.get() on:input=move |ev| base.set(event_target_value(&ev))/>
                    <p class="field-hint">{move || state.t(Key::BaseCurrencyHint)}</p>
                </div>
                <table class="rate-table" data-testid="rate-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || state.t(Key::FieldCurrency)}</th>
                            <th scope="col">{rate_heading}</th>
                            <th scope="col"><span class="visually-hidden">{move || state.t(Key::RemoveCurrency)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| row.key let:row>
                            <RateRowView row_key=row.key rows marks/>
                        </For>
                    </tbody>
                </table>
                <ul class="field-error plain-list" role="alert" data-testid="currency-problems">{messages}</ul>
                <div class="button-row">
                    <button type="button" class="button" data-testid="add-currency" on:click=add>
                        {move || state.t(Key::AddCurrency)}
                    </button>
                    <button type="submit" class="button button-primary" data-testid="save-currencies" disabled=move || busy.get()>
                        {move || state.t(Key::Save)}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn RateRowView(
    row_key: u32,
    rows: RwSignal<Vec<RateRow>>,
    marks: RwSignal<Marks>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let key = row_key;
    let read = move |get: fn(&RateRow) -> &String| {
        rows.with(|all| {
            all.iter()
                .find(|r| r.key == key)
                .map(|r| get(r).clone())
                .unwrap_or_default()
        })
    };
    let write = move |set: fn(&mut RateRow, String), value: String| {
        rows.update(|all| {
            if let Some(row) = all.iter_mut().find(|r| r.key == key) {
                set(row, value);
            }
        })
    };
    let code_invalid = move || marks.with(|m| m.codes.contains(&key));
    let rate_invalid = move || marks.with(|m| m.rates.contains(&key));
    let code_label = move || state.t(Key::CurrencyCode);
    let rate_label = move || {
        state.tf(
            Key::RateOf,
            &[("code", &normalize_code(&read(|r| &r.code)))],
        )
    };
    view! {
        <tr data-testid="rate-row">
            <td>
                <input type="text" maxlength="3" autocomplete="off" autocapitalize="characters" data-testid="rate-code"
                    class:input-invalid=code_invalid
                    aria-label=code_label aria-invalid=move || code_invalid().then_some("true")
                    prop:value=move || read(|r| &r.code)
                    on:input=move |ev| write(|r, v| r.code = v, event_target_value(&ev))/>
            </td>
            <td>
                <input type="text" inputmode="decimal" autocomplete="off" data-testid="rate-value"
                    class:input-invalid=rate_invalid
                    aria-label=rate_label aria-invalid=move || rate_invalid().then_some("true")
                    prop:value=move || read(|r| &r.rate)
                    on:input=move |ev| write(|r, v| r.rate = v, event_target_value(&ev))/>
            </td>
            <td class="rate-remove">
                <button type="button" class="button button-quiet" data-testid="remove-currency"
                    on:click=move |_| rows.update(|all| all.retain(|r| r.key != key))>
                    {move || state.t(Key::RemoveCurrency)}
                </button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(key: u32, code: &str, rate: &str) -> RateRow {
        RateRow {
            key,
            code: code.into(),
            rate: rate.into(),
        }
    }

    #[test]
    fn typed_rows_become_currencies_and_empty_rows_are_dropped() {
        let typed = [row(0, " usd", "7.1"), row(1, "", " "), row(2, "EUR", "abc")];
        let currencies = currencies_of("cny", &typed);
        assert_eq!(currencies.base, "CNY");
        assert_eq!(currencies.codes(), ["CNY", "USD", "EUR"]);
        assert_eq!(currencies.rate_of("USD"), Some(Decimal::new(71, 1)));
        assert_eq!(
            currencies.problems(),
            [CurrencyProblem::RateInvalid("EUR".into())]
        );
    }

    #[test]
    fn each_problem_marks_the_row_it_is_about() {
        let typed = [
            row(0, "USD", "7.1"),
            row(1, "", ""),
            row(2, "usd", "0"),
            row(3, "EU", "7.7"),
        ];
        let marks = marks_of("CNY", &typed);
        assert!(!marks.base);
        assert_eq!(marks.codes, HashSet::from([2, 3]));
        assert_eq!(marks.rates, HashSet::from([2]));
        assert!(marks_of("yuan", &[]).base);
    }
}
