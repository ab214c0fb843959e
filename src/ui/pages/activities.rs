//! A record's activities: log a call, meeting, note or task, with an optional next follow-up,
//! and read the timeline; tasks are ticked done here.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::activity::{timeline, Activity, ActivityDetails, ActivityKind, FollowUp, Links};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::opportunity::Opportunity;
use crate::domain::record::RecordMeta;
use crate::domain::validate::{Checks, Field};
use crate::i18n::{format_date, format_datetime, format_number, tf, Key};
use crate::store::{StoreError, Stored};
use crate::ui::browser::{new_id, now};
use crate::ui::components::field::{problem_signal, DraftForm, Field as FormField, FieldKind};
use crate::ui::labels::kind_key;
use crate::ui::state::AppState;

/// Timeline entries drawn at first and added by each "Show more": a customer with years of
/// history can have tens of thousands, which drawn at once would hold the page for seconds.
const ENTRIES_SHOWN: usize = 50;

/// A record page's copy of its record and the counter that redraws its form.
pub struct Opened<R: Send + Sync + 'static> {
    pub base: RwSignal<R>,
    pub generation: RwSignal<u32>,
}

impl<R: Send + Sync + 'static> Clone for Opened<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: Send + Sync + 'static> Copy for Opened<R> {}

/// The record whose page this is: its activities are listed, and a follow-up day set while
/// logging is written to it.
#[derive(Clone, Copy)]
pub enum Subject {
    Lead(Opened<Lead>),
    Customer(Opened<Customer>),
    Opportunity(Opened<Opportunity>),
}

impl Subject {
    fn links(self) -> Links {
        match self {
            Subject::Lead(o) => Links {
                lead_id: Some(o.base.with_untracked(|l| l.meta.id.clone())),
                ..Links::default()
            },
            Subject::Customer(o) => Links {
                customer_id: Some(o.base.with_untracked(|c| c.meta.id.clone())),
                ..Links::default()
            },
            // Also the customer's, so it shows on the customer's timeline.
            Subject::Opportunity(o) => o.base.with_untracked(|op| Links {
                opportunity_id: Some(op.meta.id.clone()),
                customer_id: Some(op.customer_id.clone()),
                ..Links::default()
            }),
        }
    }

    async fn log(
        self,
        state: AppState,
        activity: Activity,
        day: Option<String>,
        stamp: &str,
    ) -> Result<(), StoreError> {
        let Some(day) = day else {
            return state.save_activity(activity).await;
        };
        match self {
            Subject::Lead(opened) => {
                log_with_follow_up(state, activity, opened, state.leads, day, stamp).await
            }
            Subject::Customer(opened) => {
                log_with_follow_up(state, activity, opened, state.customers, day, stamp).await
            }
            Subject::Opportunity(opened) => {
                log_with_follow_up(state, activity, opened, state.opportunities, day, stamp).await
            }
        }
    }
}

/// Logs the activity and sets the record's next follow-up in one write; the page's copy and
/// form follow once it has landed.
async fn log_with_follow_up<R: FollowUp + Stored + Clone + Send + Sync + 'static>(
    state: AppState,
    activity: Activity,
    opened: Opened<R>,
    list: RwSignal<Vec<R>>,
    day: String,
    stamp: &str,
) -> Result<(), StoreError> {
    let mut record = opened.base.get_untracked();
    record.set_next_follow_up(day);
    record.meta_mut().touch(stamp);
    state.log_activity(activity, record.clone(), list).await?;
    opened.base.set(record);
    opened.generation.update(|g| *g += 1);
    Ok(())
}

#[component]
pub fn ActivityPanel(subject: Subject) -> impl IntoView {
    let state = expect_context::<AppState>();
    let links = subject.links();
    // Who it was with, among the customer's contacts.
    let with_contact = RwSignal::new(String::new());
    let contacts = {
        let customer_id = links.customer_id.clone();
        Memo::new(move |_| {
            state.contacts.with(|all| {
                all.iter()
                    .filter(|c| {
                        Some(&c.customer_id) == customer_id.as_ref() && !c.meta.is_deleted()
                    })
                    .map(|c| (c.meta.id.clone(), c.details.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let form = DraftForm {
        draft: RwSignal::new(ActivityDetails::default()),
        problems: RwSignal::new(Vec::new()),
    };
    let follow_up = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let shown = RwSignal::new(ENTRIES_SHOWN);
    // The latest `shown` entries, and how many there are in all.
    let entries = {
        let links = links.clone();
        Memo::new(move |_| {
            // A customer's timeline includes the activities of the leads converted into it.
            let converted: Vec<Id> = match &links.customer_id {
                Some(customer) => state.leads.with(|leads| {
                    leads
                        .iter()
                        .filter(|l| {
                            l.converted
                                .as_ref()
                                .is_some_and(|c| &c.customer_id == customer)
                        })
                        .map(|l| l.meta.id.clone())
                        .collect()
                }),
                None => Vec::new(),
            };
            let upto = shown.get();
            state.activities.with(|all| {
                let found = timeline(all, &|l: &Links| {
                    if links.opportunity_id.is_some() {
                        return l.opportunity_id == links.opportunity_id;
                    }
                    (links.lead_id.is_some() && l.lead_id == links.lead_id)
                        || (links.customer_id.is_some() && l.customer_id == links.customer_id)
                        || l.lead_id.as_ref().is_some_and(|id| converted.contains(id))
                });
                let count = found.len();
                let latest: Vec<Activity> = found.into_iter().take(upto).cloned().collect();
                (latest, count)
            })
        })
    };
    let count = move || entries.with(|(_, count)| *count);
    let drawn = move || entries.with(|(latest, _)| latest.clone());
    let more = move || {
        let (total, upto) = (count(), shown.get());
        (total > upto).then(|| {
            let lang = state.lang.get();
            let shown_text = format_number(lang, upto as u64);
            let total_text = format_number(lang, total as u64);
            let counts = [
                ("shown", shown_text.as_str()),
                ("count", total_text.as_str()),
            ];
            view! {
                <div class="report-more" data-testid="timeline-more">
                    <p class="muted">{tf(lang, Key::TimelineShown, &counts)}</p>
                    <button type="button" class="button"
                        on:click=move |_| shown.update(|n| *n += ENTRIES_SHOWN)>
                        {move || state.t(Key::ShowMore)}
                    </button>
                </div>
            }
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let stamp = now();
        let day = Some(follow_up.get_untracked()).filter(|d| !d.trim().is_empty());
        let mut checks = Checks::default();
        checks.day(Field::NextFollowUp, day.as_deref());
        let meta = RecordMeta::new(new_id(), &stamp, state.me.get_untracked());
        let mut links = subject.links();
        links.contact_id = Some(with_contact.get_untracked())
            .filter(|c| !c.is_empty())
            .map(Id::from);
        let logged = Activity::log(meta, form.draft.get_untracked(), links);
        let problems = match &logged {
            Err(found) => found.clone(),
            Ok(_) => Vec::new(),
        };
        let mut problems = problems;
        problems.extend(checks.into_problems());
        form.problems.set(problems.clone());
        let (Ok(activity), true) = (logged, problems.is_empty()) else {
            return;
        };
        saving.set(true);
        spawn_local(async move {
            let result = subject.log(state, activity, day, &stamp).await;
            match result {
                Ok(()) => {
                    state.inform(Key::ActivityLogged);
                    form.draft.set(ActivityDetails::default());
                    follow_up.set(String::new());
                    with_contact.set(String::new());
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };
    let is_task = move || form.draft.with(|d| d.kind == ActivityKind::Task);

    view! {
        <section class="panel" aria-labelledby="activity-heading">
            <h2 id="activity-heading">{move || state.t(Key::ActivityTitle)}</h2>
            <form class="form inline-form activity-form" on:submit=submit novalidate data-testid="activity-form">
                <div class="form-grid">
                    <div class="field">
                        <label for="activity-kind">{move || state.t(Key::FieldKind)}</label>
                        <select id="activity-kind" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some(kind) = ActivityKind::ALL.into_iter().find(|k| kind_code(*k) == code) {
                                form.draft.update(|d| d.kind = kind);
                            }
                        }>
                            {ActivityKind::ALL.into_iter().map(|k| view! {
                                <option value=kind_code(k) selected=move || form.draft.with(|d| d.kind == k)>{move || state.t(kind_key(k))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || contacts.with(|c| !c.is_empty())>
                        <div class="field">
                            <label for="activity-contact">{move || state.t(Key::WithContact)}</label>
                            <select id="activity-contact" on:change=move |ev| with_contact.set(event_target_value(&ev))>
                                <option value="" selected=move || with_contact.with(String::is_empty)>{move || state.t(Key::NotSet)}</option>
                                {move || contacts.get().into_iter().map(|(id, name)| {
                                    let chosen = id.clone();
                                    view! { <option value=id selected=move || with_contact.get() == chosen>{name}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                    {form.text("activity-subject", Key::FieldSubject, Field::Subject, FieldKind::Text, |d| &d.subject, |d, v| d.subject = v)}
                    <Show when=is_task fallback=move || view! {
                        <FormField id="activity-follow-up" label=Key::FieldNextFollowUp kind=FieldKind::Date
                            value=follow_up on_input=Callback::new(move |v| follow_up.set(v))
                            error=problem_signal(form.problems, Field::NextFollowUp)/>
                    }>
                        <FormField id="activity-due" label=Key::FieldDue kind=FieldKind::Date
                            value=Signal::derive(move || form.draft.with(|d| d.due.clone().unwrap_or_default()))
                            on_input=Callback::new(move |v: String| form.draft.update(|d| d.due = Some(v)))
                            error=problem_signal(form.problems, Field::Due)/>
                    </Show>
                </div>
                {form.text("activity-body", Key::FieldNotes, Field::Notes, FieldKind::Multiline, |d| &d.body, |d, v| d.body = v)}
                <button type="submit" class="button button-primary" data-testid="log-activity" disabled=move || saving.get()>
                    {move || state.t(Key::LogActivity)}
                </button>
            </form>
            <Show when=move || count() == 0>
                <p class="muted">{move || state.t(Key::NoActivityYet)}</p>
            </Show>
            <ol class="timeline" data-testid="timeline">
                <For each=drawn key=|a| (a.meta.id.clone(), a.meta.rev) let:activity>
                    <TimelineEntry activity/>
                </For>
            </ol>
            {more}
        </section>
    }
}

pub fn kind_code(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Call => "call",
        ActivityKind::Email => "email",
        ActivityKind::Meeting => "meeting",
        ActivityKind::Visit => "visit",
        ActivityKind::Message => "message",
        ActivityKind::Note => "note",
        ActivityKind::Task => "task",
    }
}

#[component]
pub fn TimelineEntry(activity: Activity) -> impl IntoView {
    let state = expect_context::<AppState>();
    let kind = activity.details.kind;
    let at = activity.at.clone();
    let due = activity.details.due.clone();
    let done = activity.done;
    let with = activity
        .links
        .contact_id
        .as_deref()
        .and_then(|id| state.contact(id))
        .map(|c| c.details.name);
    let toggle = {
        let activity = activity.clone();
        move |_| {
            let mut changed = activity.clone();
            changed.set_done(!done, &now());
            spawn_local(async move {
                match state.save_activity(changed).await {
                    Ok(()) => state.inform(Key::ActivitySaved),
                    Err(error) => state.fail(&error),
                }
            });
        }
    };
    view! {
        <li class="timeline-entry" class:timeline-done=done>
            <div class="timeline-head">
                <span class=format!("badge badge-kind-{}", kind_code(kind))>{move || state.t(kind_key(kind))}</span>
                <strong>{activity.details.subject.clone()}</strong>
                {with.map(|name| view! { <span class="muted">{move || state.tf(Key::WithName, &[("name", &name)])}</span> })}
                <span class="muted">{move || format_datetime(state.lang.get(), &at)}</span>
            </div>
            {(!activity.details.body.is_empty()).then(|| view! { <p class="timeline-body">{activity.details.body.clone()}</p> })}
            {(kind == ActivityKind::Task).then(|| view! {
                <label class="checkbox">
                    <input type="checkbox" prop:checked=done on:change=toggle/>
                    {move || state.tf(Key::TaskDue, &[("day", &due.as_deref().map(|d| format_date(state.lang.get(), d)).unwrap_or_default())])}
                </label>
            })}
        </li>
    }
}
