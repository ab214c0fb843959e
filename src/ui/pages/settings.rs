//! Settings: the language, the team that records are assigned to, the pipeline, and the business:
//! its profile, currencies, document numbers and sales targets.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::id::Id;
use crate::domain::team::TeamMember;
use crate::i18n::{Key, Lang};
use crate::ui::browser::{new_id, now};
use crate::ui::labels::member_problem_text;
use crate::ui::pages::backup_settings::BackupSettings;
use crate::ui::pages::company_settings::CompanySettings;
use crate::ui::pages::currency_settings::CurrencySettings;
use crate::ui::pages::numbering_settings::NumberingSettings;
use crate::ui::pages::stage_settings::StageSettings;
use crate::ui::pages::storage_settings::StorageSettings;
use crate::ui::pages::target_settings::TargetSettings;
use crate::ui::state::AppState;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="page">
            <h1>{move || state.t(Key::SettingsTitle)}</h1>
            <section class="panel" aria-labelledby="language-heading">
                <h2 id="language-heading">{move || state.t(Key::Language)}</h2>
                <div class="button-row" role="group" aria-labelledby="language-heading">
                    {Lang::ALL.into_iter().map(|lang| view! {
                        <button type="button" class="button" data-testid=format!("lang-{}", lang.tag())
                            aria-pressed=move || (state.lang.get() == lang).to_string()
                            on:click=move |_| state.lang.set(lang)>
                            {lang.native_name()}
                        </button>
                    }).collect_view()}
                </div>
            </section>
            <TeamSettings/>
            <StageSettings/>
            <CompanySettings/>
            <CurrencySettings/>
            <NumberingSettings/>
            <TargetSettings/>
            <BackupSettings/>
            <super::demo_data::DemoDataSettings/>
            <StorageSettings/>
        </section>
    }
}

#[component]
fn TeamSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);

    let save = move |member: TeamMember, done: Key| {
        busy.set(true);
        spawn_local(async move {
            match state.save_member(member).await {
                Ok(()) => state.inform(done),
                Err(error) => state.fail(&error),
            }
            busy.set(false);
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match TeamMember::new(
            new_id(),
            &now(),
            &name.get_untracked(),
            &email.get_untracked(),
        ) {
            Err(p) => problem.set(Some(member_problem_text(state.lang.get_untracked(), p))),
            Ok(member) => {
                problem.set(None);
                name.set(String::new());
                email.set(String::new());
                save(member, Key::MemberAdded);
            }
        }
    };
    let set_me = move |id: Id| {
        spawn_local(async move {
            match state.set_me(id).await {
                Ok(()) => state.inform(Key::MemberSaved),
                Err(error) => state.fail(&error),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="team-heading">
            <h2 id="team-heading">{move || state.t(Key::TeamTitle)}</h2>
            <p class="muted">{move || state.t(Key::TeamExplain)}</p>
            <ul class="card-list" data-testid="team-list">
                <For each=move || state.team.get() key=|m| (m.meta.id.clone(), m.meta.rev) let:member>
                    <MemberRow member busy save=Callback::new(move |(m, k)| save(m, k)) set_me=Callback::new(set_me)/>
                </For>
            </ul>
            <form class="form inline-form" on:submit=add novalidate>
                <h3>{move || state.t(Key::AddMember)}</h3>
                <div class="form-grid">
                    <div class="field" class:field-invalid=move || problem.get().is_some()>
                        <label for="member-name">{move || state.t(Key::FieldName)}</label>
                        <input id="member-name" type="text" prop:value=move || name.get()
                            aria-describedby="member-error"
                            on:input=move |ev| name.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="member-email">{move || state.t(Key::FieldEmail)}</label>
                        <input id="member-email" type="email" inputmode="email" prop:value=move || email.get()
                            on:input=move |ev| email.set(event_target_value(&ev))/>
                    </div>
                </div>
                <p class="field-error" id="member-error">{move || problem.get()}</p>
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || state.t(Key::AddMember)}
                </button>
            </form>
        </section>
    }
}

#[component]
fn MemberRow(
    member: TeamMember,
    busy: RwSignal<bool>,
    save: Callback<(TeamMember, Key)>,
    set_me: Callback<Id>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = member.meta.id.clone();
    let name = RwSignal::new(member.name.clone());
    let email = RwSignal::new(member.email.clone());
    let problem = RwSignal::new(None::<&'static str>);
    let is_me = {
        let id = id.clone();
        Memo::new(move |_| state.me.get() == id)
    };
    let field_id = |what: &str| format!("member-{what}-{}", member.meta.id);
    let (name_id, email_id) = (field_id("name"), field_id("email"));
    let original = member.clone();
    let rename = move |_| {
        let mut changed = original.clone();
        match changed.set_details(&name.get_untracked(), &email.get_untracked()) {
            Err(p) => problem.set(Some(member_problem_text(state.lang.get_untracked(), p))),
            Ok(()) => {
                problem.set(None);
                changed.meta.touch(&now());
                save.run((changed, Key::MemberSaved));
            }
        }
    };
    let active = member.active;
    let toggle = {
        let member = member.clone();
        move |_| {
            let mut changed = member.clone();
            changed.active = !changed.active;
            changed.meta.touch(&now());
            save.run((changed, Key::MemberSaved));
        }
    };
    view! {
        <li class="card member" class:member-inactive=!active>
            <div class="form-grid">
                <div class="field">
                    <label for=name_id.clone()>{move || state.t(Key::FieldName)}</label>
                    <input id=name_id type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=email_id.clone()>{move || state.t(Key::FieldEmail)}</label>
                    <input id=email_id type="email" inputmode="email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
                </div>
            </div>
            <p class="field-error">{move || problem.get()}</p>
            <div class="button-row">
                <Show when=move || is_me.get()>
                    <span class="badge badge-me">{move || state.t(Key::ThisIsMe)}</span>
                </Show>
                {(!active).then(|| view! { <span class="badge">{move || state.t(Key::Inactive)}</span> })}
                <button type="button" class="button" disabled=move || busy.get() on:click=rename>
                    {move || state.t(Key::SaveChanges)}
                </button>
                <Show when=move || !is_me.get() && active>
                    <button type="button" class="button" on:click={ let id = id.clone(); move |_| set_me.run(id.clone()) }>
                        {move || state.t(Key::SetAsMe)}
                    </button>
                </Show>
                <Show when=move || !is_me.get()>
                    <button type="button" class="button" disabled=move || busy.get() on:click=toggle.clone()>
                        {move || if active { state.t(Key::Deactivate) } else { state.t(Key::Activate) }}
                    </button>
                </Show>
            </div>
        </li>
    }
}
