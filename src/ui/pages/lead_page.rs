//! A new lead, and one lead's own page: its details, its status, Trash.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::activities::{ActivityPanel, Opened, Subject};
use super::lead_form::{LeadForm, LeadInput};
use crate::domain::lead::{Lead, LeadDetails, LeadStatus, StatusError};
use crate::domain::record::RecordMeta;
use crate::i18n::{format_datetime, Key};
use crate::ui::browser::{new_id, now};
use crate::ui::components::changed_elsewhere::ChangedElsewhere;
use crate::ui::components::record_route::RecordRoute;
use crate::ui::labels::{status_code, status_key};
use crate::ui::state::AppState;

#[component]
pub fn NewLeadPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let on_submit = Callback::new(move |(details, owner): LeadInput| {
        let meta = RecordMeta::new(new_id(), &now(), owner);
        match Lead::create(meta, details) {
            Err(found) => problems.set(found),
            Ok(lead) => {
                problems.set(Vec::new());
                saving.set(true);
                let navigate = navigate.clone();
                spawn_local(async move {
                    let href = format!("/leads/{}", lead.meta.id);
                    match state.save_lead(lead).await {
                        Ok(()) => {
                            state.inform(Key::LeadSaved);
                            navigate(&href, Default::default());
                        }
                        Err(error) => state.fail(&error),
                    }
                    saving.set(false);
                });
            }
        }
    });
    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/leads">{move || state.t(Key::BackToLeads)}</A></p>
            <h1>{move || state.t(Key::NewLead)}</h1>
            <LeadForm initial=LeadDetails::default() owner=state.me.get_untracked()
                problems saving on_submit submit_label=Key::CreateLead/>
        </section>
    }
}

#[component]
pub fn LeadPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <RecordRoute list=state.leads not_found=Key::LeadNotFound back=Key::BackToLeads back_href="/leads"
            page=|id| view! { <LeadEditor id/> }/>
    }
}

#[component]
fn LeadEditor(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let Some(initial) = state.lead(&id) else {
        return ().into_any();
    };
    let lead = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .leads
                .with(|leads| leads.iter().find(|l| l.meta.id == id).cloned())
        })
    };
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    // Changes start from the copy this page opened, moved on only by this page's own saves: if
    // another tab saved meanwhile, the store refuses the write instead of losing that change.
    let base = RwSignal::new(initial);
    let generation = RwSignal::new(0u32);
    let newer_elsewhere =
        move || lead.with(|l| l.as_ref().map(|l| l.meta.rev)) > Some(base.with(|b| b.meta.rev));

    let save = move |lead: Lead, done: Key, after: Option<&'static str>| {
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match state.save_lead(lead.clone()).await {
                Ok(()) => {
                    base.set(lead);
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
        Callback::new(move |(details, owner): LeadInput| {
            let mut lead = base.get_untracked();
            let stamp = now();
            lead.meta.owner = owner;
            match lead.edit(details, &stamp) {
                Err(found) => problems.set(found),
                Ok(()) => {
                    problems.set(Vec::new());
                    save(lead, Key::LeadSaved, None);
                }
            }
        })
    };

    let trash = {
        let save = save.clone();
        move |_| {
            let mut lead = base.get_untracked();
            lead.meta.move_to_trash(&now());
            save(lead, Key::MovedToTrash, Some("/leads"));
        }
    };
    let restore = {
        let save = save.clone();
        move |_| {
            let mut lead = base.get_untracked();
            lead.meta.restore(&now());
            save(lead, Key::Restored, None);
        }
    };
    let deleted = move || base.with(|l| l.meta.is_deleted());

    view! {
        <section class="page">
            <p class="breadcrumb"><A href="/leads">{move || state.t(Key::BackToLeads)}</A></p>
            <div class="page-head">
                <div>
                    <h1 data-testid="lead-heading">{move || base.with(|l| l.display_name().to_owned())}</h1>
                    <p class="muted">
                        {move || base.with(|l| state.tf(Key::LeadMeta, &[
                            ("created", &format_datetime(state.lang.get(), &l.meta.created_at)),
                            ("updated", &format_datetime(state.lang.get(), &l.meta.updated_at)),
                        ]))}
                    </p>
                </div>
                <Show when=move || !deleted()>
                    <button type="button" class="button button-danger" data-testid="trash-lead"
                        disabled=move || saving.get() on:click=trash.clone()>
                        {move || state.t(Key::MoveToTrash)}
                    </button>
                </Show>
            </div>
            <Show when=deleted>
                <div class="callout" role="note">
                    <span>{move || state.t(Key::LeadInTrash)}</span>
                    <button type="button" class="button" data-testid="restore-lead"
                        disabled=move || saving.get() on:click=restore.clone()>
                        {move || state.t(Key::Restore)}
                    </button>
                </div>
            </Show>
            <ChangedElsewhere when=Signal::derive(newer_elsewhere) on_load_latest=Callback::new(move |()| {
                if let Some(latest) = lead.get_untracked() {
                    base.set(latest);
                    problems.set(Vec::new());
                    generation.update(|g| *g += 1);
                }
            })/>
            <StatusPanel base saving save=Callback::new(move |l: Lead| save(l, Key::StatusChanged, None))/>
            <ActivityPanel subject=Subject::Lead(Opened { base, generation })/>
            {move || {
                // A new generation draws the form afresh from the latest version.
                generation.track();
                let opened = base.get_untracked();
                view! {
                    <LeadForm initial=opened.details owner=opened.meta.owner
                        problems saving on_submit submit_label=Key::SaveChanges/>
                }
            }}
        </section>
    }
    .into_any()
}

#[component]
fn StatusPanel(
    base: RwSignal<Lead>,
    saving: RwSignal<bool>,
    save: Callback<Lead>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let asking_reason = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<&'static str>);
    let status = move || base.with(|l| l.status);
    let convert_id = base.with_untracked(|l| l.meta.id.clone());

    let change = move |to: LeadStatus, why: String| {
        let mut current = base.get_untracked();
        match current.change_status(to, &why, &now()) {
            Ok(()) => {
                asking_reason.set(false);
                reason.set(String::new());
                reason_error.set(None);
                save.run(current);
            }
            Err(StatusError::ReasonRequired) => {
                reason_error.set(Some(state.t(Key::ProblemReasonRequired)))
            }
            Err(StatusError::NotAllowed { .. }) => state.refuse(Key::ProblemStatusNotAllowed),
        }
    };

    view! {
        <section class="panel" aria-labelledby="status-heading">
            <h2 id="status-heading">{move || state.t(Key::Status)}</h2>
            <p>
                <span data-testid="lead-status" class=move || format!("badge badge-{}", status_code(status()))>
                    {move || state.t(status_key(status()))}
                </span>
                {move || base.with(|l| l.disqualified_reason.clone()).map(|why| view! {
                    <span class="muted status-reason">{move || state.t(Key::ReasonLabel)}" "{why}</span>
                })}
            </p>
            {move || base.with(|l| l.converted.clone()).map(|to| {
                let name = state.customer(&to.customer_id).map(|c| c.details.name).unwrap_or_default();
                let opportunity = to.opportunity_id.as_ref().and_then(|id| state.opportunity(id)).map(|o| view! {
                    " · "<A href=format!("/opportunities/{}", o.meta.id)>{o.title}</A>
                });
                view! {
                    <p data-testid="converted-to">
                        {move || state.t(Key::ConvertedTo)}" "
                        <A href=format!("/customers/{}", to.customer_id)>{name}</A>
                        {opportunity}
                    </p>
                }
            })}
            <Show when=move || status() == LeadStatus::Qualified>
                <p>
                    <A href=format!("/leads/{convert_id}/convert") attr:class="button button-primary" attr:data-testid="convert-lead">
                        {move || state.t(Key::ConvertLead)}
                    </A>
                </p>
            </Show>
            <div class="button-row">
                {move || status().next_choices().iter().copied().map(|to| {
                                        view! {
                        <button type="button" class="button" data-testid=format!("status-{}", status_code(to))
                            disabled=move || saving.get()
                            on:click=move |_| {
                                if to == LeadStatus::Disqualified {
                                    asking_reason.set(true);
                                } else {
                                    change(to, String::new());
                                }
                            }>
                            {move || state.tf(Key::MarkAs, &[("status", state.t(status_key(to)))])}
                        </button>
                    }
                }).collect_view()}
            </div>
            <Show when=move || asking_reason.get()>
                <div class="field" class:field-invalid=move || reason_error.get().is_some()>
                    <label for="disqualify-reason">{move || state.t(Key::DisqualifyReason)}</label>
                    <textarea id="disqualify-reason" rows="2" prop:value=move || reason.get()
                        aria-describedby="disqualify-reason-error"
                        on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    <p class="field-error" id="disqualify-reason-error">{move || reason_error.get()}</p>
                    <div class="button-row">
                        <button type="button" class="button button-danger" data-testid="confirm-disqualify"
                            disabled=move || saving.get()
                            on:click={
                                move |_| change(LeadStatus::Disqualified, reason.get_untracked())
                            }>
                            {move || state.t(Key::Disqualify)}
                        </button>
                        <button type="button" class="button" on:click=move |_| {
                            asking_reason.set(false);
                            reason_error.set(None);
                        }>
                            {move || state.t(Key::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
