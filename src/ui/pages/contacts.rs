//! The contacts of one customer: listed on the customer's page, added and edited there.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::customer_form::reason_key;
use crate::domain::contact::{similar_contacts, Contact, ContactDetails};
use crate::domain::duplicate::Identity;
use crate::domain::record::RecordMeta;
use crate::domain::validate::Field;
use crate::i18n::Key;
use crate::ui::browser::{new_id, now};
use crate::ui::components::field::{DraftForm, FieldKind};
use crate::ui::state::AppState;

#[component]
pub fn ContactsPanel(customer_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let contacts = {
        let customer_id = customer_id.clone();
        Memo::new(move |_| {
            state.contacts.with(|all| {
                all.iter()
                    .filter(|c| c.customer_id == customer_id && !c.meta.is_deleted())
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let draft = RwSignal::new(ContactDetails::default());
    let editing = RwSignal::new(None::<Contact>);
    let problems = RwSignal::new(Vec::new());
    let saving = RwSignal::new(false);
    let similar = {
        let customer_id = customer_id.clone();
        Memo::new(move |_| {
            let identity = draft.with(|d| Identity::new(&d.name, &d.phone, &d.email));
            let except = editing.with(|e| e.as_ref().map(|c| c.meta.id.clone()));
            state.contacts.with(|all| {
                similar_contacts(&identity, &customer_id, all, except.as_deref())
                    .into_iter()
                    .map(|(c, reasons)| (c.details.name.clone(), reasons))
                    .collect::<Vec<_>>()
            })
        })
    };

    let write = move |contact: Contact, done: Key| {
        saving.set(true);
        spawn_local(async move {
            match state.save_contact(contact).await {
                Ok(()) => {
                    state.inform(done);
                    draft.set(ContactDetails::default());
                    editing.set(None);
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let submit = {
        let customer_id = customer_id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let details = draft.get_untracked();
            let result = match editing.get_untracked() {
                Some(mut contact) => contact.edit(details, &now()).map(|()| contact),
                None => {
                    let meta = RecordMeta::new(new_id(), &now(), state.me.get_untracked());
                    Contact::create(meta, &customer_id, details)
                }
            };
            match result {
                Err(found) => problems.set(found),
                Ok(contact) => {
                    problems.set(Vec::new());
                    write(contact, Key::ContactSaved);
                }
            }
        }
    };
    let text = |id, label, field, kind, get: fn(&ContactDetails) -> &String, set| {
        DraftForm { draft, problems }.text(id, label, field, kind, get, set)
    };

    view! {
        <section class="panel" aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">{move || state.t(Key::ContactsTitle)}</h2>
            <Show when=move || contacts.with(Vec::is_empty)>
                <p class="muted">{move || state.t(Key::NoContactsYet)}</p>
            </Show>
            <ul class="card-list" data-testid="contact-list">
                <For each=move || contacts.get() key=|c| (c.meta.id.clone(), c.meta.rev) let:contact>
                    {
                        let id = contact.meta.id.clone();
                        let for_edit = contact.clone();
                        let d = contact.details.clone();
                        let tel = format!("tel:{}", d.phone);
                        let mailto = format!("mailto:{}", d.email);
                        view! {
                            <li class="card">
                                <div>
                                    <span class="card-title">{d.name.clone()}</span>
                                    {d.decision_maker.then(|| view! { " "<span class="badge badge-me">{move || state.t(Key::DecisionMaker)}</span> })}
                                    <p class="muted">{d.title.clone()}</p>
                                    <p class="contact-lines">
                                        {(!d.phone.is_empty()).then(|| view! { <a href=tel>{d.phone.clone()}</a> })}
                                        {(!d.email.is_empty()).then(|| view! { <a href=mailto>{d.email.clone()}</a> })}
                                    </p>
                                </div>
                                <div class="button-row">
                                    <button type="button" class="button" on:click=move |_| {
                                        draft.set(for_edit.details.clone());
                                        editing.set(Some(for_edit.clone()));
                                        problems.set(Vec::new());
                                    }>{move || state.t(Key::Edit)}</button>
                                    <button type="button" class="button button-danger" disabled=move || saving.get()
                                        on:click=move |_| {
                                            if let Some(mut contact) = state.contact(&id) {
                                                contact.meta.move_to_trash(&now());
                                                write(contact, Key::MovedToTrash);
                                            }
                                        }>{move || state.t(Key::MoveToTrash)}</button>
                                </div>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="form inline-form" on:submit=submit novalidate data-testid="contact-form">
                <h3>{move || if editing.get().is_some() { state.t(Key::EditContact) } else { state.t(Key::AddContact) }}</h3>
                <Show when=move || similar.with(|s| !s.is_empty())>
                    <div class="callout" role="status">
                        <span>
                            {move || state.t(Key::LooksLikeExistingContact)}" "
                            {move || similar.get().into_iter().map(|(name, reasons)| {
                                let why = reasons.iter().map(|r| state.t(reason_key(*r))).collect::<Vec<_>>().join(state.t(Key::ListSeparator));
                                format!("{name} ({why})")
                            }).collect::<Vec<_>>().join(state.t(Key::ListSeparator))}
                        </span>
                    </div>
                </Show>
                <div class="form-grid">
                    {text("contact-name", Key::FieldName, Field::Name, FieldKind::Text, |d| &d.name, |d, v| d.name = v)}
                    {text("contact-title", Key::FieldTitle, Field::Title, FieldKind::Text, |d| &d.title, |d, v| d.title = v)}
                    {text("contact-phone", Key::FieldPhone, Field::Phone, FieldKind::Tel, |d| &d.phone, |d, v| d.phone = v)}
                    {text("contact-email", Key::FieldEmail, Field::Email, FieldKind::Email, |d| &d.email, |d, v| d.email = v)}
                </div>
                <label class="checkbox">
                    <input type="checkbox" prop:checked=move || draft.with(|d| d.decision_maker)
                        on:change=move |ev| draft.update(|d| d.decision_maker = event_target_checked(&ev))/>
                    {move || state.t(Key::DecisionMaker)}
                </label>
                <div class="button-row">
                    <button type="submit" class="button button-primary" data-testid="save-contact" disabled=move || saving.get()>
                        {move || if editing.get().is_some() { state.t(Key::SaveChanges) } else { state.t(Key::AddContact) }}
                    </button>
                    <Show when=move || editing.get().is_some()>
                        <button type="button" class="button" on:click=move |_| {
                            editing.set(None);
                            draft.set(ContactDetails::default());
                            problems.set(Vec::new());
                        }>{move || state.t(Key::Cancel)}</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}
