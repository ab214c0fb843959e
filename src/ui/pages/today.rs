//! Today: my tasks due and overdue, follow-ups that have come, and forgotten customers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::activities::TimelineEntry;
use crate::domain::today::agenda;
use crate::i18n::{format_date, Key};
use crate::store::schema;
use crate::ui::browser::today;
use crate::ui::state::AppState;

#[component]
pub fn TodayPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let day = today();
    let plan = Memo::new(move |_| {
        let me = state.me.get();
        let days = state.forgotten_days.get();
        state.leads.with(|leads| {
            state.customers.with(|customers| {
                state.activities.with(|activities| {
                    let plan = agenda(&day, &me, days, leads, customers, activities);
                    (
                        plan.overdue_tasks.into_iter().cloned().collect::<Vec<_>>(),
                        plan.tasks_today.into_iter().cloned().collect::<Vec<_>>(),
                        plan.leads_due
                            .iter()
                            .map(|l| {
                                (
                                    l.meta.id.clone(),
                                    l.display_name().to_owned(),
                                    l.details.next_follow_up.clone(),
                                )
                            })
                            .collect::<Vec<_>>(),
                        plan.customers_due
                            .iter()
                            .map(|c| {
                                (
                                    c.meta.id.clone(),
                                    c.details.name.clone(),
                                    c.details.next_follow_up.clone(),
                                )
                            })
                            .collect::<Vec<_>>(),
                        plan.forgotten
                            .iter()
                            .map(|(c, last)| {
                                (
                                    c.meta.id.clone(),
                                    c.details.name.clone(),
                                    last.map(str::to_owned),
                                )
                            })
                            .collect::<Vec<_>>(),
                    )
                })
            })
        })
    });
    let set_days = move |text: String| {
        let Ok(days) = text.trim().parse::<u32>() else {
            return;
        };
        let days = days.clamp(1, 3650);
        state.forgotten_days.set(days);
        spawn_local(async move {
            if let Err(error) = state
                .save_setting(schema::SETTING_FORGOTTEN_DAYS, days)
                .await
            {
                state.fail(&error);
            }
        });
    };
    let date_of = move |day: Option<String>| {
        day.map(|d| format_date(state.lang.get(), &d))
            .unwrap_or_default()
    };

    view! {
        <section class="page">
            <h1>{move || state.t(Key::TodayTitle)}</h1>
            <div class="today-grid">
                <section class="panel" data-testid="today-tasks">
                    <h2>{move || state.t(Key::TasksDue)}</h2>
                    <Show when=move || plan.with(|p| p.0.is_empty() && p.1.is_empty())>
                        <p class="muted">{move || state.t(Key::NothingDue)}</p>
                    </Show>
                    <ol class="timeline">
                        <For each=move || plan.with(|p| p.0.iter().chain(&p.1).cloned().collect::<Vec<_>>())
                            key=|a| (a.meta.id.clone(), a.meta.rev) let:activity>
                            <TimelineEntry activity/>
                        </For>
                    </ol>
                </section>
                <section class="panel" data-testid="today-follow-ups">
                    <h2>{move || state.t(Key::FollowUpsDue)}</h2>
                    <Show when=move || plan.with(|p| p.2.is_empty() && p.3.is_empty())>
                        <p class="muted">{move || state.t(Key::NothingDue)}</p>
                    </Show>
                    <ul class="plain-list link-list">
                        {move || plan.with(|p| p.2.clone()).into_iter().map(|(id, name, day)| view! {
                            <li><A href=format!("/leads/{id}")>{name}</A>" · "<span class="muted">{state.t(Key::NavLeads)}" · "{date_of(day)}</span></li>
                        }).collect_view()}
                        {move || plan.with(|p| p.3.clone()).into_iter().map(|(id, name, day)| view! {
                            <li><A href=format!("/customers/{id}")>{name}</A>" · "<span class="muted">{state.t(Key::NavCustomers)}" · "{date_of(day)}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                <section class="panel" data-testid="today-forgotten">
                    <h2>{move || state.t(Key::ForgottenCustomers)}</h2>
                    <label class="inline-number">
                        {move || state.t(Key::ForgottenAfter)}
                        <input type="number" min="1" max="3650" inputmode="numeric" data-testid="forgotten-days"
                            prop:value=move || state.forgotten_days.get().to_string()
                            on:change=move |ev| set_days(event_target_value(&ev))/>
                        {move || state.t(Key::Days)}
                    </label>
                    <Show when=move || plan.with(|p| p.4.is_empty())>
                        <p class="muted">{move || state.t(Key::NobodyForgotten)}</p>
                    </Show>
                    <ul class="plain-list link-list">
                        {move || plan.with(|p| p.4.clone()).into_iter().map(|(id, name, last)| {
                            let since = match last {
                                Some(day) => state.tf(Key::LastContact, &[("day", &date_of(Some(day)))]),
                                None => state.t(Key::NeverContacted).to_owned(),
                            };
                            view! { <li><A href=format!("/customers/{id}")>{name}</A>" · "<span class="muted">{since}</span></li> }
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </section>
    }
}
