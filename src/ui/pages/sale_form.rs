//! The form of a quote or an order: number, customer, opportunity, currency, dates, lines, notes.

use crate::domain::sorting::sort_by;
use leptos::prelude::*;

use crate::domain::id::Id;
use crate::domain::sale::{SaleDraft, SaleProblem};
use crate::i18n::Key;
use crate::ui::components::field::{Field, FieldKind};
use crate::ui::components::lines_editor::{EditorLine, LinesEditor};
use crate::ui::sale_labels::sale_problem_key;
use crate::ui::state::AppState;

/// The draft with the lines as typed, ready to check.
pub fn draft_with_lines(draft: RwSignal<SaleDraft>, lines: RwSignal<Vec<EditorLine>>) -> SaleDraft {
    let mut whole = draft.get_untracked();
    whole.lines = lines.with_untracked(|ls| ls.iter().map(|l| l.draft.clone()).collect());
    whole
}

#[component]
pub fn SaleForm(
    draft: RwSignal<SaleDraft>,
    lines: RwSignal<Vec<EditorLine>>,
    problems: RwSignal<Vec<SaleProblem>>,
    /// A quote has a validity; an order has an exchange rate.
    is_quote: bool,
    #[prop(into)] locked: Signal<bool>,
    saving: RwSignal<bool>,
    on_submit: Callback<()>,
    submit_label: Key,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let problem = move |wanted: fn(&SaleProblem) -> bool| {
        Signal::derive(move || {
            problems.with(|all| {
                all.iter()
                    .find(|p| wanted(p))
                    .map(|p| state.t(sale_problem_key(*p)).to_owned())
            })
        })
    };
    let customers = Memo::new(move |_| {
        state.customers.with(|all| {
            let mut list: Vec<(Id, String)> = all
                .iter()
                .filter(|c| !c.meta.is_deleted())
                .map(|c| (c.meta.id.clone(), c.details.name.clone()))
                .collect();
            sort_by(&mut list, |a, b| a.1.cmp(&b.1));
            list
        })
    });
    let opportunities = Memo::new(move |_| {
        let customer = draft.with(|d| d.customer_id.clone());
        state.opportunities.with(|all| {
            all.iter()
                .filter(|o| o.customer_id == customer && !o.meta.is_deleted())
                .map(|o| (o.meta.id.clone(), o.title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let currencies = Memo::new(move |_| {
        let mut codes = state.currencies.with(|c| c.codes());
        let current = draft.with(|d| d.currency.clone());
        if !codes.contains(&current) {
            codes.push(current);
        }
        codes
    });
    let currency = Signal::derive(move || draft.with(|d| d.currency.clone()));
    let customer_id = Signal::derive(move || draft.with(|d| d.customer_id.clone()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    let text = move |id: &'static str,
                     label: Key,
                     kind: FieldKind,
                     get: fn(&SaleDraft) -> String,
                     set: fn(&mut SaleDraft, String),
                     error: Signal<Option<String>>| {
        view! {
            <Field id label kind value=Signal::derive(move || draft.with(get))
                on_input=Callback::new(move |v| draft.update(|d| set(d, v))) error/>
        }
    };
    view! {
        <form class="form sale-form" on:submit=submit novalidate>
            <fieldset disabled=locked>
                <div class="form-grid">
                    {text("sale-number", Key::FieldNumber, FieldKind::Text, |d| d.number.clone(), |d, v| d.number = v,
                        problem(|p| matches!(p, SaleProblem::NumberRequired | SaleProblem::NumberTaken)))}
                    <div class="field" class:field-invalid=move || problem(|p| *p == SaleProblem::CustomerRequired).with(Option::is_some)>
                        <label for="sale-customer">{move || state.t(Key::FieldCustomer)}</label>
                        <select id="sale-customer" data-testid="sale-customer" on:change=move |ev| {
                            let id = event_target_value(&ev);
                            draft.update(|d| { d.customer_id = id; d.opportunity_id.clear(); });
                        }>
                            <option value="" selected=move || draft.with(|d| d.customer_id.is_empty())>{move || state.t(Key::ChooseCustomer)}</option>
                            {move || customers.get().into_iter().map(|(id, name)| {
                                let chosen = id.clone();
                                view! { <option value=id selected=move || draft.with(|d| d.customer_id == chosen)>{name}</option> }
                            }).collect_view()}
                        </select>
                        <p class="field-error">{move || problem(|p| *p == SaleProblem::CustomerRequired).get()}</p>
                    </div>
                    <div class="field">
                        <label for="sale-opportunity">{move || state.t(Key::FieldOpportunity)}</label>
                        <select id="sale-opportunity" on:change=move |ev| {
                            let id = event_target_value(&ev);
                            draft.update(|d| d.opportunity_id = id);
                        }>
                            <option value="" selected=move || draft.with(|d| d.opportunity_id.is_empty())>{move || state.t(Key::NotSet)}</option>
                            {move || opportunities.get().into_iter().map(|(id, title)| {
                                let chosen = id.clone();
                                view! { <option value=id selected=move || draft.with(|d| d.opportunity_id == chosen)>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="sale-currency">{move || state.t(Key::FieldCurrency)}</label>
                        <select id="sale-currency" data-testid="sale-currency" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            draft.update(|d| d.currency = code);
                        }>
                            {move || currencies.get().into_iter().map(|code| {
                                let chosen = code.clone();
                                let value = code.clone();
                                view! { <option value=value selected=move || draft.with(|d| d.currency == chosen)>{code}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    {text("sale-day", if is_quote { Key::FieldQuoteDate } else { Key::FieldOrderDate }, FieldKind::Date,
                        |d| d.day.clone(), |d, v| d.day = v, problem(|p| *p == SaleProblem::DayInvalid))}
                    {is_quote.then(|| text("sale-valid-until", Key::FieldValidUntil, FieldKind::Date,
                        |d| d.valid_until.clone(), |d, v| d.valid_until = v, problem(|p| *p == SaleProblem::ValidUntilInvalid)))}
                </div>
                <h2 class="subheading">{move || state.t(Key::Lines)}</h2>
                <LinesEditor lines problems currency customer_id locked/>
                {text("sale-notes", Key::FieldNotes, FieldKind::Multiline, |d| d.notes.clone(), |d, v| d.notes = v,
                    problem(|p| *p == SaleProblem::NotesTooLong))}
            </fieldset>
            <Show when=move || !locked.get()>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" data-testid="save-sale" disabled=move || saving.get()>
                        {move || state.t(submit_label)}
                    </button>
                </div>
            </Show>
        </form>
    }
}
