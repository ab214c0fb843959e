//! The lines of a quote or order being typed: products picked from the catalogue (at the price
//! the customer last paid, when they bought it before) or free text, with live totals.

use crate::domain::sorting::sort_by;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::balance::last_price_paid;
use crate::domain::line_draft::LineDraft;
use crate::domain::money::{document_totals, minor_units};
use crate::domain::sale::SaleProblem;
use crate::i18n::{format_date, format_money, Key};
use crate::ui::sale_labels::line_problem_key;
use crate::ui::state::AppState;

/// A line on screen: a key that stays with it while lines above are removed, the draft, and
/// the day of the price offered from an earlier order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorLine {
    pub key: u32,
    pub draft: LineDraft,
    pub offered_from: Option<String>,
}

pub fn editor_lines(drafts: Vec<LineDraft>) -> Vec<EditorLine> {
    drafts
        .into_iter()
        .zip(1..)
        .map(|(draft, key)| EditorLine {
            key,
            draft,
            offered_from: None,
        })
        .collect()
}

fn next_key(lines: &[EditorLine]) -> u32 {
    lines.iter().map(|l| l.key).max().unwrap_or(0) + 1
}

#[component]
pub fn LinesEditor(
    lines: RwSignal<Vec<EditorLine>>,
    problems: RwSignal<Vec<SaleProblem>>,
    #[prop(into)] currency: Signal<String>,
    #[prop(into)] customer_id: Signal<String>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let keys = Memo::new(move |_| lines.with(|ls| ls.iter().map(|l| l.key).collect::<Vec<_>>()));
    let products = Memo::new(move |_| {
        state.products.with(|all| {
            let mut active: Vec<_> = all
                .iter()
                .filter(|p| p.active && !p.meta.is_deleted())
                .map(|p| (p.meta.id.clone(), format!("{} · {}", p.code, p.name)))
                .collect();
            sort_by(&mut active, |a, b| a.1.cmp(&b.1));
            active
        })
    });
    let add_product = move |product_id: String| {
        let Some(product) = state
            .products
            .with_untracked(|all| all.iter().find(|p| p.meta.id == product_id).cloned())
        else {
            return;
        };
        let paid = state.orders.with_untracked(|orders| {
            last_price_paid(
                orders,
                &customer_id.get_untracked(),
                &product_id,
                &currency.get_untracked(),
            )
        });
        lines.update(|ls| {
            let key = next_key(ls);
            ls.push(EditorLine {
                key,
                draft: LineDraft::for_product(&product, paid.as_ref()),
                offered_from: paid.map(|p| p.day),
            });
        });
    };
    let add_blank = move |_| {
        lines.update(|ls| {
            let key = next_key(ls);
            ls.push(EditorLine {
                key,
                draft: LineDraft {
                    quantity: "1".into(),
                    ..LineDraft::default()
                },
                offered_from: None,
            });
        })
    };
    let totals = Memo::new(move |_| {
        let parsed: Vec<_> =
            lines.with(|ls| ls.iter().filter_map(|l| l.draft.parse().ok()).collect());
        document_totals(&parsed, &currency.get()).total
    });
    let money = move |amount: Decimal| format_money(state.lang.get(), amount, &currency.get());
    let no_lines = move || problems.with(|p| p.contains(&SaleProblem::NoLines));
    view! {
        <div class="lines" data-testid="lines">
            <table class="lines-table">
                <thead>
                    <tr>
                        <th scope="col">{move || state.t(Key::LineDescription)}</th>
                        <th scope="col">{move || state.t(Key::LineQuantity)}</th>
                        <th scope="col">{move || state.t(Key::ProductUnit)}</th>
                        <th scope="col">{move || state.t(Key::LineUnitPrice)}</th>
                        <th scope="col">{move || state.t(Key::LineIncludesTax)}</th>
                        <th scope="col">{move || state.t(Key::LineDiscount)}</th>
                        <th scope="col">{move || state.t(Key::LineTaxRate)}</th>
                        <th scope="col" class="cell-amount">{move || state.t(Key::LineTotal)}</th>
                        <th scope="col"><span class="visually-hidden">{move || state.t(Key::RemoveLine)}</span></th>
                    </tr>
                </thead>
                <For each=move || keys.get() key=|k| *k children=move |key| view! {
                    <LineRow key lines problems currency locked money/>
                }/>
            </table>
            <p class="field-error" data-testid="no-lines">{move || no_lines().then(|| state.t(Key::ProblemNoLines))}</p>
            <Show when=move || !locked.get()>
                <div class="lines-add">
                    <label>
                        <span class="visually-hidden">{move || state.t(Key::AddProduct)}</span>
                        <select data-testid="add-product" prop:value="" on:change=move |ev| {
                            let id = event_target_value(&ev);
                            if !id.is_empty() { add_product(id); }
                            event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
                        }>
                            <option value="">{move || state.t(Key::AddProduct)}</option>
                            {move || products.get().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="button" data-testid="add-line" on:click=add_blank>{move || state.t(Key::AddLine)}</button>
                </div>
            </Show>
            <dl class="totals" data-testid="totals">
                <dt>{move || state.t(Key::TotalNet)}</dt><dd data-testid="total-net">{move || money(totals.get().net)}</dd>
                <dt>{move || state.t(Key::TotalTax)}</dt><dd data-testid="total-tax">{move || money(totals.get().tax)}</dd>
                <dt class="grand">{move || state.t(Key::TotalGross)}</dt><dd class="grand" data-testid="total-gross">{move || money(totals.get().gross)}</dd>
            </dl>
        </div>
    }
}

#[component]
fn LineRow(
    key: u32,
    lines: RwSignal<Vec<EditorLine>>,
    problems: RwSignal<Vec<SaleProblem>>,
    currency: Signal<String>,
    locked: Signal<bool>,
    money: impl Fn(Decimal) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let index = move || lines.with(|ls| ls.iter().position(|l| l.key == key));
    // Each row follows its own line: typing in one line redraws that row and the totals only.
    let line = Memo::new(move |_| lines.with(|ls| ls.iter().find(|l| l.key == key).cloned()));
    let read = move |get: fn(&LineDraft) -> String| {
        move || line.with(|l| l.as_ref().map(|l| get(&l.draft)).unwrap_or_default())
    };
    let edit = move |change: &dyn Fn(&mut LineDraft)| {
        lines.update(|ls| {
            if let Some(line) = ls.iter_mut().find(|l| l.key == key) {
                change(&mut line.draft);
            }
        });
    };
    let write = move |set: fn(&mut LineDraft, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            edit(&|d| set(d, value.clone()));
        }
    };
    let includes_tax =
        move || line.with(|l| l.as_ref().is_some_and(|l| l.draft.price_includes_tax));
    let gross = move || {
        let units = minor_units(&currency.get());
        line.with(|l| {
            l.as_ref()
                .and_then(|l| l.draft.parse().ok())
                .map(|line| money(line.totals(units).gross))
                .unwrap_or_else(|| "—".into())
        })
    };
    let offered = move || line.with(|l| l.as_ref().and_then(|l| l.offered_from.clone()));
    let row_problems = move || {
        let at = index();
        problems.with(|all| {
            all.iter()
                .filter_map(|p| match p {
                    SaleProblem::Line(i, problem) if Some(*i) == at => {
                        Some(state.t(line_problem_key(*problem)))
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let label = move |k: Key| move || state.t(k);
    let remove = move |_| lines.update(|ls| ls.retain(|l| l.key != key));
    view! {
        <tbody class="line" data-testid="line" class:line-invalid=move || !row_problems().is_empty()>
            <tr>
                <td data-label=label(Key::LineDescription) class="cell-description">
                    <input type="text" aria-label=label(Key::LineDescription) data-testid="line-description"
                        prop:value=read(|d| d.description.clone()) on:input=write(|d, v| d.description = v) disabled=locked/>
                    {move || offered().map(|day| view! {
                        <p class="field-hint" data-testid="price-offered">
                            {state.tf(Key::LastPricePaid, &[("date", &format_date(state.lang.get(), &day))])}
                        </p>
                    })}
                </td>
                <td data-label=label(Key::LineQuantity)>
                    <input type="text" inputmode="decimal" class="input-number" aria-label=label(Key::LineQuantity) data-testid="line-quantity"
                        prop:value=read(|d| d.quantity.clone()) on:input=write(|d, v| d.quantity = v) disabled=locked/>
                </td>
                <td data-label=label(Key::ProductUnit)>
                    <input type="text" class="input-short" aria-label=label(Key::ProductUnit)
                        prop:value=read(|d| d.unit.clone()) on:input=write(|d, v| d.unit = v) disabled=locked/>
                </td>
                <td data-label=label(Key::LineUnitPrice)>
                    <input type="text" inputmode="decimal" class="input-number" aria-label=label(Key::LineUnitPrice) data-testid="line-price"
                        prop:value=read(|d| d.unit_price.clone()) on:input=write(|d, v| d.unit_price = v) disabled=locked/>
                </td>
                <td data-label=label(Key::LineIncludesTax)>
                    <label class="select-box">
                        <input type="checkbox" aria-label=label(Key::LineIncludesTax) data-testid="line-includes-tax"
                            prop:checked=includes_tax disabled=locked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                edit(&|d| d.price_includes_tax = on);
                            }/>
                    </label>
                </td>
                <td data-label=label(Key::LineDiscount)>
                    <input type="text" inputmode="decimal" class="input-short" aria-label=label(Key::LineDiscount) data-testid="line-discount"
                        prop:value=read(|d| d.discount_percent.clone()) on:input=write(|d, v| d.discount_percent = v) disabled=locked/>
                </td>
                <td data-label=label(Key::LineTaxRate)>
                    <input type="text" inputmode="decimal" class="input-short" aria-label=label(Key::LineTaxRate) data-testid="line-tax"
                        prop:value=read(|d| d.tax_rate.clone()) on:input=write(|d, v| d.tax_rate = v) disabled=locked/>
                </td>
                <td data-label=label(Key::LineTotal) class="cell-amount" data-testid="line-gross">{gross}</td>
                <td class="cell-remove">
                    <Show when=move || !locked.get()>
                        <button type="button" class="button button-quiet" aria-label=label(Key::RemoveLine) title=label(Key::RemoveLine) on:click=remove>"×"</button>
                    </Show>
                </td>
            </tr>
            <tr class="line-problems" aria-live="polite">
                <td colspan="9" class="field-error" data-testid="line-problem">{row_problems}</td>
            </tr>
        </tbody>
    }
}
