//! The form for a product's details: a taken code is refused naming the product that has it, and
//! the same name and spec as another product is flagged, not refused.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::id::Id;
use crate::domain::product::{same_name_and_spec, Product, ProductDraft, ProductProblem};
use crate::domain::product_query::categories;
use crate::i18n::Key;
use crate::ui::components::field::Field;
use crate::ui::state::AppState;

/// The details as typed, and whether the product is active.
pub type ProductInput = (ProductDraft, bool);

/// Where each problem is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ProductField {
    Code,
    Name,
    Price,
    TaxRate,
}

fn field_of(problem: &ProductProblem) -> ProductField {
    match problem {
        ProductProblem::CodeRequired | ProductProblem::CodeTaken(_) => ProductField::Code,
        ProductProblem::NameRequired => ProductField::Name,
        ProductProblem::PriceInvalid => ProductField::Price,
        ProductProblem::TaxRateInvalid => ProductField::TaxRate,
    }
}

/// How a product is named in a warning or a link: its code and name, and its spec if any.
fn product_label(product: &Product) -> String {
    let mut label = format!("{} · {}", product.code, product.name);
    if !product.spec.is_empty() {
        label.push(' ');
        label.push_str(&product.spec);
    }
    label
}

#[component]
pub fn ProductForm(
    initial: ProductDraft,
    /// Whether the product is active, on the edit page; a new product is active.
    #[prop(optional)]
    active: Option<bool>,
    /// The product being edited, left out of the checks against the others.
    #[prop(optional)]
    editing: Option<Id>,
    problems: RwSignal<Vec<ProductProblem>>,
    saving: RwSignal<bool>,
    on_submit: Callback<ProductInput>,
    submit_label: Key,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(initial);
    let is_active = RwSignal::new(active.unwrap_or(true));
    let editing = StoredValue::new(editing);
    let similar = Memo::new(move |_| {
        draft.with(|d| {
            state.products.with(|all| {
                editing.with_value(|editing| {
                    same_name_and_spec(d, all, editing.as_deref())
                        .into_iter()
                        .map(|p| (p.meta.id.clone(), product_label(p)))
                        .collect::<Vec<_>>()
                })
            })
        })
    });
    let category_choices = Memo::new(move |_| state.products.with(|all| categories(all)));
    let error = move |field: ProductField, message: Key| {
        Signal::derive(move || {
            problems.with(|list| {
                list.iter()
                    .any(|p| field_of(p) == field)
                    .then(|| state.t(message).to_owned())
            })
        })
    };
    // The product that already has the typed code, for a link to it.
    let taken_by = Memo::new(move |_| {
        problems.with(|list| {
            list.iter().find_map(|p| match p {
                ProductProblem::CodeTaken(id) => state.products.with(|all| {
                    all.iter()
                        .find(|other| &other.meta.id == id)
                        .map(|other| (id.clone(), product_label(other)))
                }),
                _ => None,
            })
        })
    });
    let code_error = Signal::derive(move || {
        problems.with(|list| {
            list.iter().find_map(|p| match p {
                ProductProblem::CodeRequired => Some(state.t(Key::ProblemRequired)),
                ProductProblem::CodeTaken(_) => Some(state.t(Key::ProblemCodeTaken)),
                _ => None,
            })
        })
    });
    let text =
        |id, label, get: fn(&ProductDraft) -> &String, set: fn(&mut ProductDraft, String)| {
            view! {
                <Field id label
                    value=Signal::derive(move || draft.with(|d| get(d).clone()))
                    on_input=Callback::new(move |v| draft.update(|d| set(d, v)))/>
            }
        };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !saving.get_untracked() {
            on_submit.run((draft.get_untracked(), is_active.get_untracked()));
        }
    };
    view! {
        <form class="form" on:submit=submit novalidate data-testid="product-form">
            <Show when=move || similar.with(|s| !s.is_empty())>
                <div class="callout" role="status" data-testid="duplicate-warning">
                    <div>
                        <strong>{move || state.t(Key::ProductLooksLikeDuplicate)}</strong>
                        <ul class="plain-list">
                            {move || similar.get().into_iter().map(|(id, label)| view! {
                                <li><A href=format!("/products/{id}")>{label}</A></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
            <div class="form-grid">
                <div class="field" class:field-invalid=move || code_error.with(Option::is_some)>
                    <label for="product-code">{move || state.t(Key::FieldCode)}</label>
                    <input id="product-code" type="text" autocomplete="off"
                        prop:value=move || draft.with(|d| d.code.clone())
                        on:input=move |ev| draft.update(|d| d.code = event_target_value(&ev))
                        aria-invalid=move || code_error.with(Option::is_some).then_some("true")
                        aria-describedby="product-code-error"/>
                    <p class="field-error" id="product-code-error">
                        {move || code_error.get()}
                        {move || taken_by.get().map(|(id, label)| view! {
                            " "<A href=format!("/products/{id}")>{label}</A>
                        })}
                    </p>
                </div>
                <Field id="product-name" label=Key::FieldProductName
                    value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.name = v))
                    error=error(ProductField::Name, Key::ProblemRequired)/>
                {text("product-spec", Key::FieldSpec, |d| &d.spec, |d, v| d.spec = v)}
                {text("product-unit", Key::FieldUnit, |d| &d.unit, |d, v| d.unit = v)}
                <div class="field">
                    <label for="product-category">{move || state.t(Key::FieldCategory)}</label>
                    <input id="product-category" type="text" list="product-categories" autocomplete="off"
                        prop:value=move || draft.with(|d| d.category.clone())
                        on:input=move |ev| draft.update(|d| d.category = event_target_value(&ev))/>
                    <datalist id="product-categories">
                        {move || category_choices.get().into_iter().map(|c| view! { <option value=c/> }).collect_view()}
                    </datalist>
                </div>
                <Field id="product-price" label=Key::FieldListPrice hint=Key::ListPriceHint
                    value=Signal::derive(move || draft.with(|d| d.list_price.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.list_price = v))
                    error=error(ProductField::Price, Key::ProblemPrice)/>
                <Field id="product-tax-rate" label=Key::FieldTaxRate hint=Key::TaxRateHint
                    value=Signal::derive(move || draft.with(|d| d.tax_rate.clone()))
                    on_input=Callback::new(move |v| draft.update(|d| d.tax_rate = v))
                    error=error(ProductField::TaxRate, Key::ProblemPercent)/>
            </div>
            {active.is_some().then(|| view! {
                <label class="checkbox">
                    <input type="checkbox" data-testid="product-active-box"
                        prop:checked=move || is_active.get()
                        on:change=move |ev| is_active.set(event_target_checked(&ev))/>
                    {move || state.t(Key::ProductActiveLabel)}
                </label>
            })}
            <div class="form-actions">
                <button type="submit" class="button button-primary" data-testid="save-product" disabled=move || saving.get()>
                    {move || if saving.get() { state.t(Key::Saving) } else { state.t(submit_label) }}
                </button>
            </div>
        </form>
    }
}
