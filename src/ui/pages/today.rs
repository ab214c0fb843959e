//! Today: my tasks due and overdue, follow-ups that have come, and forgotten customers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::activities::TimelineEntry;
use super::today_money::TodayMoney;
use crate::domain::activity::Activity;
use crate::domain::opportunity::Opportunity;
use crate::domain::today::{agenda, Records};
use crate::i18n::{format_date, Key};
use crate::store::schema;
use crate::ui::browser::today;
use crate::ui::state::AppState;

/// A record on the agenda, linked, with the kind it is and the day that put it there.
#[derive(Clone, PartialEq)]
struct Due {
    href: String,
    name: String,
    kind: Key,
    day: Option<String>,
}

#[derive(Clone, PartialEq, Default)]
struct Plan {
    tasks: Vec<Activity>,
    follow_ups: Vec<Due>,
    closing: Vec<Due>,
    forgotten: Vec<Due>,
}

fn plan_for(day: &str, me: &str, forgotten_days: u32, records: Records) -> Plan {
    let plan = agenda(day, me, forgotten_days, records);
    let opportunity = |o: &Opportunity, day: &Option<String>| Due {
        href: format!("/opportunities/{}", o.meta.id),
        name: o.title.clone(),
        kind: Key::OpportunityKind,
        day: day.clone(),
    };
    let follow_ups = plan
        .leads_due
        .iter()
        .map(|l| Due {
            href: format!("/leads/{}", l.meta.id),
            name: l.display_name().to_owned(),
            kind: Key::LeadKind,
            day: l.details.next_follow_up.clone(),
        })
        .chain(plan.customers_due.iter().map(|c| Due {
            href: format!("/customers/{}", c.meta.id),
            name: c.details.name.clone(),
            kind: Key::CustomerKind,
            day: c.details.next_follow_up.clone(),
        }))
        .chain(
            plan.opportunities_due
                .iter()
                .map(|o| opportunity(o, &o.next_follow_up)),
        )
        .collect();
    Plan {
        tasks: plan
            .overdue_tasks
            .into_iter()
            .chain(plan.tasks_today)
            .cloned()
            .collect(),
        follow_ups,
        closing: plan
            .closing_overdue
            .iter()
            .map(|o| opportunity(o, &o.expected_close))
            .collect(),
        forgotten: plan
            .forgotten
            .iter()
            .map(|(c, last)| Due {
                href: format!("/customers/{}", c.meta.id),
                name: c.details.name.clone(),
                kind: Key::CustomerKind,
                day: last.map(str::to_owned),
            })
            .collect(),
    }
}

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
                    state.opportunities.with(|opportunities| {
                        state.stages.with(|stages| {
                            let records = Records {
                                leads,
                                customers,
                                activities,
                                opportunities,
                                stages,
                            };
                            plan_for(&day, &me, days, records)
                        })
                    })
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

    let due_list = move |pick: fn(&Plan) -> &Vec<Due>| {
        move || {
            plan.with(|p| pick(p).clone())
                .into_iter()
                .map(|due| {
                    let day = date_of(due.day);
                    view! {
                        <li><A href=due.href>{due.name}</A>" · "<span class="muted">{state.t(due.kind)}" · "{day}</span></li>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <section class="page">
            <h1>{move || state.t(Key::TodayTitle)}</h1>
            <super::demo_data::TryDemo/>
            <div class="today-grid">
                <section class="panel" data-testid="today-tasks">
                    <h2>{move || state.t(Key::TasksDue)}</h2>
                    <Show when=move || plan.with(|p| p.tasks.is_empty())>
                        <p class="muted">{move || state.t(Key::NothingDue)}</p>
                    </Show>
                    <ol class="timeline">
                        <For each=move || plan.with(|p| p.tasks.clone())
                            key=|a| (a.meta.id.clone(), a.meta.rev) let:activity>
                            <TimelineEntry activity/>
                        </For>
                    </ol>
                </section>
                <section class="panel" data-testid="today-follow-ups">
                    <h2>{move || state.t(Key::FollowUpsDue)}</h2>
                    <Show when=move || plan.with(|p| p.follow_ups.is_empty())>
                        <p class="muted">{move || state.t(Key::NothingDue)}</p>
                    </Show>
                    <ul class="plain-list link-list">{due_list(|p| &p.follow_ups)}</ul>
                </section>
                <TodayMoney/>
                <section class="panel" data-testid="today-closing">
                    <h2>{move || state.t(Key::ClosingOverdue)}</h2>
                    <Show when=move || plan.with(|p| p.closing.is_empty())>
                        <p class="muted">{move || state.t(Key::NothingDue)}</p>
                    </Show>
                    <ul class="plain-list link-list">{due_list(|p| &p.closing)}</ul>
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
                    <Show when=move || plan.with(|p| p.forgotten.is_empty())>
                        <p class="muted">{move || state.t(Key::NobodyForgotten)}</p>
                    </Show>
                    <ul class="plain-list link-list">
                        {move || plan.with(|p| p.forgotten.clone()).into_iter().map(|due| {
                            let since = match due.day {
                                Some(day) => state.tf(Key::LastContact, &[("day", &date_of(Some(day)))]),
                                None => state.t(Key::NeverContacted).to_owned(),
                            };
                            view! { <li><A href=due.href>{due.name}</A>" · "<span class="muted">{since}</span></li> }
                        }).collect_view()}
                    </ul>
                </section>
            </div>
        </section>
    }
}
