//! Settings › Backup and restore: the whole database out to one file and back, checked first,
//! replaced or merged in one transaction, with a progress bar; and how much the browser stores.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::backup::format::{read, Backup, Counts, Export};
use crate::backup::merge::merge;
use crate::backup::sealed::{sealed, Sealed};
use crate::i18n::{format_datetime, format_number, tf, Key};
use crate::store::RestoreMode;
use crate::ui::backup_labels::problem_text;
use crate::ui::browser::{now, today};
use crate::ui::crypto::{open, seal};
use crate::ui::files::{download, next_turn, read_bytes};
use crate::ui::state::AppState;

/// Where restoring a chosen file stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Idle,
    Checking,
    /// The file is encrypted and waits for its passphrase.
    Locked,
    Problems(Vec<String>),
    /// Checked: the summary to show before the user confirms.
    Ready(String),
    Writing,
}

fn file_input(ev: &leptos::ev::Event) -> Option<web_sys::HtmlInputElement> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()
}

/// Reads everything, writes the file a batch at a time with progress, seals it if a passphrase
/// was given, and offers it.
async fn export_now(state: AppState, progress: RwSignal<Option<(u64, u64)>>, passphrase: String) {
    let data = match state.stored_data().await {
        Ok(data) => data,
        Err(error) => return state.fail(&error),
    };
    let mut export = Export::new(data, env!("CARGO_PKG_VERSION"), &now());
    while let Some(done) = export.step() {
        progress.set(Some(done));
        next_turn().await;
    }
    let count = progress.get_untracked().map_or(0, |(_, total)| total);
    let mut text = export.finish();
    let mut name = format!("leadline-backup-{}.json", today());
    if !passphrase.is_empty() {
        match seal(text.as_bytes(), &passphrase).await {
            Some(sealed) => text = sealed,
            None => return state.refuse(Key::EncryptionFailed),
        }
        name = format!("leadline-backup-{}-encrypted.json", today());
    }
    if download(&name, text.as_bytes(), "application/json") {
        state.inform_count(Key::BackupDownloaded, count as usize);
    } else {
        state.refuse(Key::BackupDownloadRefused);
    }
}

#[component]
pub fn BackupSettings() -> impl IntoView {
    let state = expect_context::<AppState>();
    let exporting = RwSignal::new(None::<(u64, u64)>);
    let step = RwSignal::new(Step::Idle);
    let mode = RwSignal::new(RestoreMode::Replace);
    let writing = RwSignal::new(None::<(u64, u64)>);
    let file_name = RwSignal::new(String::new());
    let checked = StoredValue::new(None::<Backup>);
    let passphrase = RwSignal::new(String::new());
    let locked = StoredValue::new(None::<Sealed>);
    let unlock_passphrase = RwSignal::new(String::new());
    let unlock_failed = RwSignal::new(false);

    let export = move || {
        if exporting.get_untracked().is_some() {
            return;
        }
        exporting.set(Some((0, 0)));
        let passphrase = passphrase.get_untracked();
        spawn_local(async move {
            export_now(state, exporting, passphrase).await;
            exporting.set(None);
        });
    };

    let check = move |bytes: Vec<u8>| {
        let lang = state.lang.get_untracked();
        match read(&bytes) {
            Ok(backup) => {
                let count = Counts::of(&backup.data).total();
                let summary = tf(
                    lang,
                    Key::RestoreChecked,
                    &[
                        ("name", &file_name.get_untracked()),
                        ("date", &format_datetime(lang, &backup.exported_at)),
                        ("count", &format_number(lang, count)),
                    ],
                );
                checked.set_value(Some(backup));
                step.set(Step::Ready(summary));
            }
            Err(problems) => {
                let texts = problems.iter().map(|p| problem_text(lang, p)).collect();
                step.set(Step::Problems(texts));
            }
        }
    };

    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = file_input(&ev) else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        checked.set_value(None);
        file_name.set(file.name());
        step.set(Step::Checking);
        spawn_local(async move {
            // The "checking" line is drawn before the file is read and checked in one piece.
            next_turn().await;
            let Some(bytes) = read_bytes(&file).await else {
                return step.set(Step::Problems(vec![state.t(Key::ProblemEmpty).to_owned()]));
            };
            match sealed(&bytes) {
                None => check(bytes),
                Some(Err(problem)) => step.set(Step::Problems(vec![problem_text(
                    state.lang.get_untracked(),
                    &problem,
                )])),
                Some(Ok(envelope)) => {
                    locked.set_value(Some(envelope));
                    unlock_failed.set(false);
                    step.set(Step::Locked);
                }
            }
        });
    };

    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(envelope) = locked.get_value() else {
            return;
        };
        let passphrase = unlock_passphrase.get_untracked();
        let parts = match envelope.parts() {
            Ok(parts) => parts,
            Err(problem) => {
                let text = problem_text(state.lang.get_untracked(), &problem);
                return step.set(Step::Problems(vec![text]));
            }
        };
        step.set(Step::Checking);
        spawn_local(async move {
            match open(&parts, envelope.iterations, &passphrase).await {
                Some(bytes) => {
                    locked.set_value(None);
                    unlock_passphrase.set(String::new());
                    check(bytes);
                }
                None => {
                    unlock_failed.set(true);
                    step.set(Step::Locked);
                }
            }
        });
    };

    let apply = move || {
        let Some(backup) = checked.get_value() else {
            return;
        };
        let chosen = mode.get_untracked();
        step.set(Step::Writing);
        spawn_local(async move {
            let incoming = backup.data;
            let (writes, merged) = match chosen {
                RestoreMode::Replace => (incoming, None),
                RestoreMode::Merge => match state.stored_data().await {
                    Ok(local) => {
                        let (writes, counts) = merge(&local, incoming);
                        (writes, Some(counts))
                    }
                    Err(error) => {
                        state.fail(&error);
                        step.set(Step::Idle);
                        return;
                    }
                },
            };
            let total = Counts::of(&writes).total();
            writing.set(Some((0, total)));
            let shown = |done: usize, all: usize| writing.set(Some((done as u64, all as u64)));
            match state.restore(writes, chosen, shown).await {
                Ok(()) => match merged {
                    Some(c) => state.inform_text(state.tf(
                        Key::MergeDone,
                        &[
                            ("added", &c.added.to_string()),
                            ("updated", &c.updated.to_string()),
                            ("kept", &c.kept.to_string()),
                        ],
                    )),
                    None => state.inform_count(Key::RestoreDone, total as usize),
                },
                Err(error) => state.fail(&error),
            }
            checked.set_value(None);
            writing.set(None);
            step.set(Step::Idle);
        });
    };

    let progress_text = move |at: Option<(u64, u64)>| {
        at.map(|(done, total)| {
            let lang = state.lang.get();
            tf(
                lang,
                Key::ProgressOf,
                &[
                    ("done", &format_number(lang, done)),
                    ("total", &format_number(lang, total)),
                ],
            )
        })
    };
    let export_progress = move || {
        exporting.get().map(|(done, total)| {
            view! {
                <div class="progress" data-testid="export-progress">
                    <progress max=total.max(1) value=done></progress>
                    <span>{progress_text(Some((done, total)))}</span>
                </div>
            }
        })
    };
    let write_progress = move || {
        writing.get().map(|(done, total)| {
            view! {
                <div class="progress" data-testid="restore-progress">
                    <progress max=total.max(1) value=done></progress>
                    <span>{progress_text(Some((done, total)))}</span>
                </div>
            }
        })
    };

    view! {
        <section class="panel" aria-labelledby="backup-heading" data-testid="backup-settings">
            <h2 id="backup-heading">{move || state.t(Key::BackupTitle)}</h2>
            <p class="muted">{move || state.t(Key::BackupExplain)}</p>
            <div class="field backup-passphrase">
                <label for="backup-passphrase">{move || state.t(Key::BackupPassphrase)}</label>
                <input id="backup-passphrase" type="password" autocomplete="new-password"
                    data-testid="backup-passphrase"
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </div>
            <div class="button-row">
                <button type="button" class="button button-primary" data-testid="download-backup"
                    disabled=move || exporting.get().is_some()
                    on:click=move |_| export()>
                    {move || state.t(Key::DownloadBackup)}
                </button>
            </div>
            {export_progress}
            <div class="button-row restore-choose">
                <input id="restore-file" class="file-input visually-hidden" type="file"
                    accept=".json,application/json" data-testid="restore-input"
                    disabled=move || step.get() == Step::Writing
                    on:change=choose/>
                <label for="restore-file" class="button">{move || state.t(Key::RestoreFile)}</label>
            </div>
            {move || match step.get() {
                Step::Idle => ().into_any(),
                Step::Locked => view! {
                    <form class="callout callout-block" data-testid="restore-locked" on:submit=unlock>
                        <p>{state.t(Key::PassphraseNeeded)}</p>
                        <div class="field">
                            <label for="restore-passphrase">{state.t(Key::RestorePassphrase)}</label>
                            <input id="restore-passphrase" type="password" autocomplete="current-password"
                                data-testid="restore-passphrase"
                                aria-describedby="restore-passphrase-error"
                                prop:value=move || unlock_passphrase.get()
                                on:input=move |ev| unlock_passphrase.set(event_target_value(&ev))/>
                            <Show when=move || unlock_failed.get()>
                                <p class="field-error" id="restore-passphrase-error" role="alert" data-testid="passphrase-wrong">
                                    {state.t(Key::PassphraseWrong)}
                                </p>
                            </Show>
                        </div>
                        <button type="submit" class="button button-primary" data-testid="unlock-backup">
                            {state.t(Key::RestoreUnlock)}
                        </button>
                    </form>
                }.into_any(),
                Step::Checking => view! {
                    <p class="muted" role="status">{state.t(Key::RestoreChecking)}</p>
                }.into_any(),
                Step::Problems(texts) => view! {
                    <div class="callout callout-danger callout-block restore-problems" role="alert" data-testid="restore-problems">
                        <p>{state.tf(Key::RestoreProblems, &[("name", &file_name.get_untracked())])}</p>
                        <ul>
                            {texts.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
                Step::Ready(summary) => view! {
                    <div class="callout callout-block" role="status" data-testid="restore-ready">
                        <p>{summary}</p>
                        <fieldset class="choice-list">
                            <legend>{state.t(Key::RestoreModeLabel)}</legend>
                            <label>
                                <input type="radio" name="restore-mode" data-testid="restore-replace"
                                    prop:checked=move || mode.get() == RestoreMode::Replace
                                    on:change=move |_| mode.set(RestoreMode::Replace)/>
                                {state.t(Key::RestoreModeReplace)}
                            </label>
                            <label>
                                <input type="radio" name="restore-mode" data-testid="restore-merge"
                                    prop:checked=move || mode.get() == RestoreMode::Merge
                                    on:change=move |_| mode.set(RestoreMode::Merge)/>
                                {state.t(Key::RestoreModeMerge)}
                            </label>
                        </fieldset>
                        <div class="button-row">
                            <Show when=move || mode.get() == RestoreMode::Replace>
                                <button type="button" class="button" data-testid="backup-first"
                                    disabled=move || exporting.get().is_some()
                                    on:click=move |_| export()>
                                    {move || state.t(Key::RestoreBackupFirst)}
                                </button>
                            </Show>
                            <button type="button" class="button button-primary" data-testid="confirm-restore"
                                on:click=move |_| apply()>
                                {move || if mode.get() == RestoreMode::Replace {
                                    state.t(Key::RestoreReplaceConfirm)
                                } else {
                                    state.t(Key::RestoreMergeConfirm)
                                }}
                            </button>
                            <button type="button" class="button" data-testid="cancel-restore"
                                on:click=move |_| {
                                    checked.set_value(None);
                                    step.set(Step::Idle);
                                }>
                                {move || state.t(Key::RestoreCancel)}
                            </button>
                        </div>
                    </div>
                }.into_any(),
                Step::Writing => ().into_any(),
            }}
            {write_progress}
        </section>
    }
}
