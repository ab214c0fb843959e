//! Settings for what the business prints about itself on quotes and orders, its logo included.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::company::{check_logo, CompanyProfile, LogoProblem, MAX_LOGO_BYTES};
use crate::domain::validate::{Details, Field, FieldProblem};
use crate::i18n::Key;
use crate::ui::browser::read_data_url;
use crate::ui::components::field::{DraftForm, FieldKind};
use crate::ui::state::AppState;

fn logo_problem_key(problem: LogoProblem) -> Key {
    match problem {
        LogoProblem::NotAnImage => Key::LogoNotAnImage,
        LogoProblem::TooLarge => Key::LogoTooLarge,
    }
}

/// The logo in `file`, checked, or the message that says why it was not taken.
async fn read_logo(file: web_sys::File) -> Result<String, Key> {
    // Checked before reading, so a photo of many megabytes is never loaded just to be refused.
    if file.size() > MAX_LOGO_BYTES as f64 {
        return Err(logo_problem_key(LogoProblem::TooLarge));
    }
    let url = read_data_url(&file).await.ok_or(Key::LogoUnreadable)?;
    check_logo(&url).map_err(logo_problem_key)?;
    Ok(url)
}

#[component]
pub fn CompanySettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let draft = RwSignal::new(state.company.get_untracked());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let logo_problem = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let form = DraftForm { draft, problems };
    let text = move |id, label, field, kind, get: fn(&CompanyProfile) -> &String, set| {
        form.text(id, label, field, kind, get, set)
    };

    let choose_logo = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Cleared so that choosing the same file again, after removing it, is noticed.
        input.set_value("");
        spawn_local(async move {
            match read_logo(file).await {
                Ok(url) => {
                    logo_problem.set(None);
                    draft.update(|d| d.logo = Some(url));
                }
                Err(key) => logo_problem.set(Some(key)),
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        match draft.get_untracked().checked() {
            Err(found) => problems.set(found),
            Ok(profile) => {
                problems.set(Vec::new());
                busy.set(true);
                spawn_local(async move {
                    match state.save_company(profile.clone()).await {
                        Ok(()) => {
                            draft.set(profile);
                            state.inform(Key::CompanySaved);
                        }
                        Err(error) => state.fail(&error),
                    }
                    busy.set(false);
                });
            }
        }
    };

    view! {
        <section class="panel" aria-labelledby="company-heading">
            <h2 id="company-heading">{move || state.t(Key::CompanyTitle)}</h2>
            <p class="muted">{move || state.t(Key::CompanyExplain)}</p>
            <form class="settings-form" on:submit=save novalidate data-testid="company-form">
                <div class="form-grid">
                    {text("company-name", Key::FieldCompanyName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                    {text("company-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                    {text("company-email", Key::FieldEmail, Field::Email, FieldKind::Email, |d| &d.email, |d, v| d.email = v)}
                    {text("company-address", Key::FieldAddress, Field::Address, FieldKind::Text, |d| &d.address, |d, v| d.address = v)}
                    {text("company-tax-id", Key::FieldTaxId, Field::TaxId, FieldKind::Text, |d| &d.tax_id, |d, v| d.tax_id = v)}
                    {text("company-bank", Key::FieldBankAccount, Field::BankAccount, FieldKind::Text, |d| &d.bank_account, |d, v| d.bank_account = v)}
                </div>
                {text("company-terms", Key::FieldTerms, Field::Terms, FieldKind::Multiline, |d| &d.terms, |d, v| d.terms = v)}
                <div class="field logo-field" class:field-invalid=move || logo_problem.get().is_some()>
                    <span class="field-label" id="company-logo-label">{move || state.t(Key::FieldLogo)}</span>
                    {move || draft.with(|d| d.logo.clone()).map(|url| view! {
                        <img class="logo-preview" src=url alt=move || state.t(Key::LogoPreview) data-testid="logo-preview"/>
                    })}
                    <div class="button-row">
                        <input id="company-logo" class="file-input visually-hidden" type="file" accept="image/*"
                            aria-labelledby="company-logo-label company-logo-choose" aria-describedby="company-logo-error"
                            data-testid="logo-input" on:change=choose_logo/>
                        <label for="company-logo" class="button" id="company-logo-choose">{move || state.t(Key::ChooseLogo)}</label>
                        <Show when=move || draft.with(|d| d.logo.is_some())>
                            <button type="button" class="button" data-testid="remove-logo"
                                on:click=move |_| draft.update(|d| d.logo = None)>
                                {move || state.t(Key::RemoveLogo)}
                            </button>
                        </Show>
                    </div>
                    <p class="field-hint">{move || state.t(Key::LogoHint)}</p>
                    <p class="field-error" id="company-logo-error" role="alert">{move || logo_problem.get().map(|key| state.t(key))}</p>
                </div>
                <button type="submit" class="button button-primary" data-testid="save-company" disabled=move || busy.get()>
                    {move || state.t(Key::Save)}
                </button>
            </form>
        </section>
    }
}
