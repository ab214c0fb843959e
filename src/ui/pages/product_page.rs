//! A new product, and one product's page: its details, whether it is sold, Trash.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::product_form::{ProductForm, ProductInput};
use crate::domain::product::{Product, ProductDraft};
use crate::domain::record::RecordMeta;
use crate::i18n::{format_datetime, Key};
use crate::ui::browser::{new_id, now};
use crate::ui::components::changed_elsewhere::ChangedElsewhere;
use crate::ui::components::record_route::{save_and_open, RecordRoute};
use crate::ui::state::AppState;

/// A new product's tax rate until the user types another: China's standard VAT.
const DEFAULT_TAX_RATE: &str = "13";

#[component]
pub fn NewProductPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let on_submit = Callback::new(move |(draft, active): ProductInput| {
        let meta = RecordMeta::new(new_id(), &now(), state.me.get_untracked());
        let result = state
            .products
            .with_untracked(|all| draft.apply(meta, active, all));
        match result {
            Err(found) => problems.set(found),
            Ok(product) => {
                problems.set(Vec::new());
                let href = format!("/products/{}", product.meta.id);
                let open = (href, navigate.clone());
                save_and_open(
                    state,
                    (product, state.products),
                    Key::ProductSaved,
                    open,
                    saving,
                );
            }
        }
    });
    let initial = ProductDraft {
        tax_rate: DEFAULT_TAX_RATE.into(),
        ..ProductDraft::default()
    };
    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/products">{move || state.t(Key::BackToProducts)}</A></p>
            <h1>{move || state.t(Key::NewProduct)}</h1>
            <ProductForm initial problems saving on_submit submit_label=Key::CreateProduct/>
        </section>
    }
}

#[component]
pub fn ProductPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.products not_found=Key::ProductNotFound back=Key::BackToProducts back_href="/products"
            page=|id| view! { <ProductView id/> }/>
    }
}

#[component]
fn ProductView(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let Some(initial) = state
        .products
        .with_untracked(|all| all.iter().find(|p| p.meta.id == id).cloned())
    else {
        return ().into_any();
    };
    let product = Memo::new(move |_| {
        state
            .products
            .with(|all| all.iter().find(|p| p.meta.id == id).cloned())
    });
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    // Changes start from the copy this page opened, so a version saved in another tab is never
    // overwritten without the user seeing it (the store refuses a stale `rev`).
    let base = RwSignal::new(initial);
    let generation = RwSignal::new(0u32);
    let newer_elsewhere =
        move || product.with(|p| p.as_ref().map(|p| p.meta.rev)) > Some(base.with(|b| b.meta.rev));
    let save = move |product: Product, done: Key, after: Option<&'static str>| {
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match state.save(product.clone(), state.products).await {
                Ok(()) => {
                    base.set(product);
                    state.inform(done);
                    if let Some(href) = after {
                        navigate(href, Default::default());
                    }
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let on_submit = {
        let save = save.clone();
        Callback::new(move |(draft, active): ProductInput| {
            let mut meta = base.with_untracked(|p| p.meta.clone());
            meta.touch(&now());
            let result = state
                .products
                .with_untracked(|all| draft.apply(meta, active, all));
            match result {
                Err(found) => problems.set(found),
                Ok(product) => {
                    problems.set(Vec::new());
                    save(product, Key::ProductSaved, None);
                }
            }
        })
    };
    let trash = {
        let save = save.clone();
        move |_| {
            let mut product = base.get_untracked();
            product.meta.move_to_trash(&now());
            save(product, Key::MovedToTrash, Some("/products"));
        }
    };
    let restore = move |_| {
        let mut product = base.get_untracked();
        product.meta.restore(&now());
        save(product, Key::Restored, None);
    };
    let deleted = move || base.with(|p| p.meta.is_deleted());

    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/products">{move || state.t(Key::BackToProducts)}</A></p>
            <div class="page-head">
                <div>
                    <h1 data-testid="product-heading">{move || base.with(|p| p.name.clone())}</h1>
                    <p class="muted">
                        {move || base.with(|p| state.tf(Key::LeadMeta, &[
                            ("created", &format_datetime(state.lang.get(), &p.meta.created_at)),
                            ("updated", &format_datetime(state.lang.get(), &p.meta.updated_at)),
                        ]))}
                    </p>
                </div>
                <Show when=move || !deleted()>
                    <button type="button" class="button button-danger" data-testid="trash-product"
                        disabled=move || saving.get() on:click=trash.clone()>
                        {move || state.t(Key::MoveToTrash)}
                    </button>
                </Show>
            </div>
            <Show when=deleted>
                <div class="callout" role="note">
                    <span>{move || state.t(Key::ProductInTrash)}</span>
                    <button type="button" class="button" data-testid="restore-product"
                        disabled=move || saving.get() on:click=restore.clone()>
                        {move || state.t(Key::Restore)}
                    </button>
                </div>
            </Show>
            <ChangedElsewhere when=Signal::derive(newer_elsewhere) on_load_latest=Callback::new(move |()| {
                if let Some(latest) = product.get_untracked() {
                    base.set(latest);
                    problems.set(Vec::new());
                    generation.update(|g| *g += 1);
                }
            })/>
            {move || {
                generation.track();
                let opened = base.get_untracked();
                view! {
                    <ProductForm initial=ProductDraft::of(&opened) active=opened.active editing=opened.meta.id
                        problems saving on_submit submit_label=Key::SaveChanges/>
                }
            }}
        </section>
    }
    .into_any()
}
