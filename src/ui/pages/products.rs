//! The product list: search as you type, category and active filters, sort, bulk changes.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::product::Product;
use crate::domain::product_query::{categories, ActiveFilter, ProductQuery, ProductSort};
use crate::i18n::{format_money, format_number, t, Key, Lang};
use crate::ui::components::csv_export::{money_text, ExportCsv};
use crate::ui::components::record_table::{records_at, BulkSwitch, RecordTable};
use crate::ui::state::AppState;

fn sort_label(sort: ProductSort) -> (&'static str, Key) {
    match sort {
        ProductSort::Name => ("name", Key::SortProductName),
        ProductSort::Code => ("code", Key::SortCode),
        ProductSort::RecentlyUpdated => ("updated", Key::SortRecentlyUpdated),
    }
}

fn active_label(filter: ActiveFilter) -> (&'static str, Key) {
    match filter {
        ActiveFilter::All => ("all", Key::AllStatuses),
        ActiveFilter::Active => ("active", Key::Active),
        ActiveFilter::Inactive => ("inactive", Key::Inactive),
    }
}

/// Products are switched on and off for sale; a product already so is left as it is.
fn set_active(product: &mut Product, active: bool) -> bool {
    let changed = product.active != active;
    product.active = active;
    changed
}

const COLUMNS: [Key; 8] = [
    Key::FieldCode,
    Key::ColName,
    Key::FieldSpec,
    Key::FieldUnit,
    Key::FieldCategory,
    Key::FieldListPrice,
    Key::ColTaxRate,
    Key::ColStatus,
];

/// A product's cells as text, for the exported file.
fn product_texts(product: &Product, lang: Lang) -> Vec<String> {
    let status = if product.active {
        Key::Active
    } else {
        Key::Inactive
    };
    vec![
        product.code.clone(),
        product.name.clone(),
        product.spec.clone(),
        product.unit.clone(),
        product.category.clone(),
        money_text(product.list_price),
        format!("{}%", product.tax_rate),
        t(lang, status).to_owned(),
    ]
}

#[component]
pub fn ProductsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(ProductQuery::default());
    let found = Memo::new(move |_| query.with(|q| state.products.with(|all| q.run(all))));
    let total = Memo::new(move |_| {
        state
            .products
            .with(|all| all.iter().filter(|p| !p.meta.is_deleted()).count())
    });
    let category_choices = Memo::new(move |_| state.products.with(|all| categories(all)));
    let set_query = move |change: &dyn Fn(&mut ProductQuery)| {
        query.update(|q| change(q));
    };
    let switch = BulkSwitch {
        on: Key::Activate,
        off: Key::Deactivate,
        on_done: Key::BulkActivated,
        off_done: Key::BulkDeactivated,
        set: set_active,
    };
    view! {
        <section class="page">
            <div class="page-head">
                <div>
                    <h1>{move || state.t(Key::ProductsTitle)}</h1>
                    <p class="muted" data-testid="product-count">
                        {move || state.tf(Key::ProductsCount, &[("count", &format_number(state.lang.get(), found.with(Vec::len) as u64))])}
                    </p>
                </div>
                <div class="button-row">
                    <ExportCsv name="products" columns=COLUMNS.to_vec() rows=records_at(state.products, found) cells=product_texts/>
                    <A href="/import/products" attr:class="button">{move || state.t(Key::ImportCsv)}</A>
                    <A href="/products/new" attr:class="button button-primary">{move || state.t(Key::NewProduct)}</A>
                </div>
            </div>
            <div class="toolbar toolbar-short" role="search">
                <label class="toolbar-search">
                    <span class="visually-hidden">{move || state.t(Key::Search)}</span>
                    <input type="search" data-testid="product-search"
                        placeholder=move || state.t(Key::SearchProductsPlaceholder)
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=move |ev| { let text = event_target_value(&ev); set_query(&|q| q.text = text.clone()) }/>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FieldCategory)}</span>
                    <select data-testid="product-category-filter" on:change=move |ev| {
                        let category = Some(event_target_value(&ev)).filter(|c| !c.is_empty());
                        set_query(&|q| q.category = category.clone())
                    }>
                        <option value="">{move || state.t(Key::AllCategories)}</option>
                        {move || category_choices.get().into_iter().map(|c| {
                            let (chosen, value) = (c.clone(), c.clone());
                            view! {
                                <option value=value selected=move || query.with(|q| q.category.as_ref() == Some(&chosen))>{c}</option>
                            }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::FilterStatus)}</span>
                    <select data-testid="product-active-filter" on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let active = ActiveFilter::ALL.into_iter().find(|f| active_label(*f).0 == code).unwrap_or_default();
                        set_query(&|q| q.active = active)
                    }>
                        {ActiveFilter::ALL.into_iter().map(|f| {
                            let (code, key) = active_label(f);
                            view! { <option value=code>{move || state.t(key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="visually-hidden">{move || state.t(Key::SortBy)}</span>
                    <select data-testid="product-sort" on:change=move |ev| {
                        let code = event_target_value(&ev);
                        let sort = ProductSort::ALL.into_iter().find(|s| sort_label(*s).0 == code).unwrap_or_default();
                        set_query(&|q| q.sort = sort)
                    }>
                        {ProductSort::ALL.into_iter().map(|s| {
                            let (code, key) = sort_label(s);
                            view! { <option value=code>{move || state.t(key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Show when=move || found.with(|f| !f.is_empty())
                fallback=move || view! {
                    <div class="empty">
                        <p>{move || if total.get() == 0 { state.t(Key::NoProductsYet) } else { state.t(Key::NoProductsMatch) }}</p>
                    </div>
                }>
                <RecordTable testid="product-table" rows=found list=state.products switch
                    columns=COLUMNS.to_vec()
                    row=move |product| view! { <ProductCells product/> }/>
            </Show>
        </section>
    }
}

#[component]
fn ProductCells(product: Product) -> impl IntoView {
    let state = expect_context::<AppState>();
    let href = format!("/products/{}", product.meta.id);
    let price = state
        .currencies
        .with(|c| format_money(state.lang.get(), product.list_price, &c.base));
    let active = product.active;
    view! {
        <td class="cell-code" data-label=state.t(Key::FieldCode)>{product.code}</td>
        <td class="cell-title" data-label=state.t(Key::ColName)><a href=href>{product.name}</a></td>
        <td data-label=state.t(Key::FieldSpec)>{product.spec}</td>
        <td data-label=state.t(Key::FieldUnit)>{product.unit}</td>
        <td data-label=state.t(Key::FieldCategory)>{product.category}</td>
        <td class="cell-number" data-label=state.t(Key::FieldListPrice)>
            {price}
        </td>
        <td class="cell-number" data-label=state.t(Key::ColTaxRate)>{format!("{}%", product.tax_rate)}</td>
        <td data-label=state.t(Key::ColStatus)>
            <span class="badge" class:badge-active=active class:badge-inactive=!active data-testid="product-active">
                {state.t(if active { Key::Active } else { Key::Inactive })}
            </span>
        </td>
    }
}
