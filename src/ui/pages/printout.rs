//! A quote or order as a clean A4 page: shown only when printing (see `@media print`).

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::money::{document_totals, minor_units};
use crate::domain::sale::SaleBody;
use crate::i18n::{format_date, format_money, Key};
use crate::ui::state::AppState;

#[component]
pub fn PrintSheet(
    title: Key,
    #[prop(into)] body: Signal<SaleBody>,
    #[prop(into)] day: Signal<String>,
    /// A quote's last valid day.
    #[prop(into)]
    valid_until: Signal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let company = move || state.company.get();
    let customer = move || body.with(|b| state.customer(&b.customer_id));
    let money =
        move |amount: Decimal| body.with(|b| format_money(state.lang.get(), amount, &b.currency));
    let date = move |d: String| format_date(state.lang.get(), &d);
    let percent = |p: Decimal| format!("{}%", p.normalize());
    let rows = move || {
        body.with(|b| {
            let units = minor_units(&b.currency);
            b.lines
                .iter()
                .enumerate()
                .map(|(at, line)| {
                    let totals = line.totals(units);
                    view! {
                        <tr>
                            <td>{at + 1}</td>
                            <td>{line.description.clone()}</td>
                            <td class="cell-amount">{format!("{} {}", line.quantity.normalize(), line.unit)}</td>
                            <td class="cell-amount">
                                {money(line.unit_price)}
                                {line.price_includes_tax.then(|| view! { <small>" "{state.t(Key::TaxIncludedShort)}</small> })}
                            </td>
                            <td class="cell-amount">{(!line.discount_percent.is_zero()).then(|| percent(line.discount_percent))}</td>
                            <td class="cell-amount">{percent(line.tax_rate)}</td>
                            <td class="cell-amount">{money(totals.net)}</td>
                            <td class="cell-amount">{money(totals.tax)}</td>
                            <td class="cell-amount">{money(totals.gross)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let by_rate = move || {
        body.with(|b| {
            document_totals(&b.lines, &b.currency)
                .by_rate
                .into_iter()
                .map(|(rate, totals)| {
                    view! {
                        <tr>
                            <th scope="row">{state.tf(Key::TaxAtRate, &[("rate", &percent(rate))])}</th>
                            <td class="cell-amount">{money(totals.net)}</td>
                            <td class="cell-amount">{money(totals.tax)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <article class="print-sheet" data-testid="print-sheet">
            <header class="print-head">
                <div class="print-company">
                    {move || company().logo.map(|src| view! { <img class="print-logo" src=src alt=""/> })}
                    <div>
                        <strong class="print-company-name">{move || company().name}</strong>
                        <p>{move || company().address}</p>
                        <p>{move || [company().phone, company().email].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
                        <p>{move || (!company().tax_id.is_empty()).then(|| format!("{} {}", state.t(Key::PrintTaxId), company().tax_id))}</p>
                    </div>
                </div>
                <div class="print-title">
                    <h1>{move || state.t(title)}</h1>
                    <p><strong data-testid="print-number">{move || body.with(|b| b.number.clone())}</strong></p>
                    <p>{move || state.t(Key::FieldDate)}": "{move || date(day.get())}</p>
                    {move || valid_until.get().map(|d| view! { <p>{state.t(Key::FieldValidUntil)}": "{date(d)}</p> })}
                </div>
            </header>
            <section class="print-customer">
                <h2>{move || state.t(Key::BillTo)}</h2>
                {move || customer().map(|c| view! {
                    <p><strong>{c.details.name}</strong></p>
                    <p>{c.details.address}</p>
                    <p>{c.details.phone}</p>
                })}
            </section>
            <table class="print-lines">
                <thead>
                    <tr>
                        <th>"#"</th>
                        <th>{move || state.t(Key::LineDescription)}</th>
                        <th class="cell-amount">{move || state.t(Key::LineQuantity)}</th>
                        <th class="cell-amount">{move || state.t(Key::LineUnitPrice)}</th>
                        <th class="cell-amount">{move || state.t(Key::LineDiscount)}</th>
                        <th class="cell-amount">{move || state.t(Key::LineTaxRate)}</th>
                        <th class="cell-amount">{move || state.t(Key::TotalNet)}</th>
                        <th class="cell-amount">{move || state.t(Key::TotalTax)}</th>
                        <th class="cell-amount">{move || state.t(Key::LineTotal)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="print-totals">
                <table>
                    <tbody>
                        {by_rate}
                        <tr class="print-sum">
                            <th scope="row">{move || state.t(Key::TotalNet)}</th>
                            <td class="cell-amount" colspan="2">{move || money(body.with(|b| b.net))}</td>
                        </tr>
                        <tr class="print-sum">
                            <th scope="row">{move || state.t(Key::TotalTax)}</th>
                            <td class="cell-amount" colspan="2">{move || money(body.with(|b| b.tax))}</td>
                        </tr>
                        <tr class="print-grand">
                            <th scope="row">{move || state.t(Key::TotalGross)}</th>
                            <td class="cell-amount" colspan="2" data-testid="print-total">{move || money(body.with(|b| b.total))}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            {move || body.with(|b| (!b.notes.is_empty()).then(|| view! {
                <section class="print-notes"><h2>{state.t(Key::FieldNotes)}</h2><p>{b.notes.clone()}</p></section>
            }))}
            {move || (!company().terms.is_empty()).then(|| view! {
                <section class="print-notes"><h2>{state.t(Key::PrintTerms)}</h2><p>{company().terms}</p></section>
            })}
            <footer class="print-sign">
                <div>{move || state.t(Key::SignatureSeller)}</div>
                <div>{move || state.t(Key::SignatureBuyer)}</div>
            </footer>
        </article>
    }
}
