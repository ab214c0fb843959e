//! Importing a CSV file of leads, customers, contacts or products: choose a file, check how its
//! columns map to fields, look at what each row will do, and confirm. Nothing is written before
//! the confirmation; then every row is written in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use wasm_bindgen_futures::JsFuture;

use crate::backup::csv_fields::{ImportKind, Target};
use crate::backup::csv_file::{check_bytes, decode_utf8, read, CsvFile, Encoding, FileProblem};
use crate::backup::csv_import::{
    missing_required, plan, Choice, Choices, Counts, Existing, Plan, Stamp, Written,
};
use crate::domain::id::Id;
use crate::domain::lead::DEFAULT_SOURCES;
use crate::domain::text::fold;
use crate::i18n::{format_number, Key, Lang};
use crate::store::{Batch, StoreError};
use crate::ui::browser::now;
use crate::ui::csv_labels::{encoding_key, file_problem_text, kind_texts, target_key};
use crate::ui::labels::source_label;
use crate::ui::pages::csv_preview::{MappingTable, PreviewTable};
use crate::ui::state::{upsert_all, AppState};

/// A file read and split into rows, with how it was encoded.
#[derive(Clone)]
pub struct Loaded {
    pub name: String,
    pub encoding: Encoding,
    pub file: Arc<CsvFile>,
}

#[component]
pub fn CsvImportPage() -> impl IntoView {
    let params = use_params_map();
    let kind = Memo::new(move |_| {
        params
            .read()
            .get("kind")
            .and_then(|k| ImportKind::from_code(&k))
    });
    move || match kind.get() {
        Some(kind) => view! { <ImportScreen kind/> }.into_any(),
        None => view! { <super::NotFoundPage/> }.into_any(),
    }
}

/// Reads the chosen file's bytes, checks them, and decodes them: UTF-8 with or without a BOM,
/// else GBK by the browser's own decoder, which refuses bytes that are not GBK either.
async fn read_chosen(file: &web_sys::File) -> Result<(CsvFile, Encoding), FileProblem> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileProblem::Unreadable)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    check_bytes(&bytes)?;
    let (text, encoding) = match decode_utf8(&bytes) {
        Some((text, encoding)) => (text.to_owned(), encoding),
        None => (
            decode_gbk(&bytes).ok_or(FileProblem::UnknownEncoding)?,
            Encoding::Gbk,
        ),
    };
    Ok((read(&text)?, encoding))
}

fn decode_gbk(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("gbk", &options)
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// Lead sources by their label in either language or their key, folded.
fn source_keys() -> HashMap<String, String> {
    let mut keys = HashMap::new();
    for key in DEFAULT_SOURCES {
        keys.insert(fold(key), key.to_owned());
        for lang in Lang::ALL {
            keys.insert(fold(&source_label(lang, key)), key.to_owned());
        }
    }
    keys
}

/// Calls `f` with every record an import is checked against; reading subscribes to them.
fn with_existing<T>(state: AppState, f: impl FnOnce(Existing) -> T) -> T {
    state.leads.with(|leads| {
        state.customers.with(|customers| {
            state.contacts.with(|contacts| {
                state.products.with(|products| {
                    f(Existing {
                        leads,
                        customers,
                        contacts,
                        products,
                    })
                })
            })
        })
    })
}

fn batch_of(written: &Written) -> Result<Batch, StoreError> {
    let mut batch = Batch::default();
    for lead in &written.leads {
        batch.put(lead)?;
    }
    for customer in &written.customers {
        batch.put(customer)?;
    }
    for contact in &written.contacts {
        batch.put(contact)?;
    }
    for product in &written.products {
        batch.put(product)?;
    }
    Ok(batch)
}

#[component]
fn ImportScreen(kind: ImportKind) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (title, list_title, list_href) = kind_texts(kind);
    let loaded = RwSignal::new(None::<Loaded>);
    let problem = RwSignal::new(None::<FileProblem>);
    let reading = RwSignal::new(false);
    let mapping = RwSignal::new(Vec::<Option<Target>>::new());
    let choices = RwSignal::new(Choices::default());
    let saving = RwSignal::new(false);
    let done = RwSignal::new(None::<Counts>);
    let sources = StoredValue::new(source_keys());

    let planned = Memo::new(move |_| {
        let loaded = loaded.get()?;
        let mut count = 0;
        let mut new_id = || {
            count += 1;
            Id::from(count.to_string())
        };
        mapping.with(|mapping| {
            choices.with(|choices| {
                with_existing(state, |existing| {
                    sources.with_value(|sources| {
                        let stamp = Stamp {
                            now: "",
                            owner: "",
                            new_id: &mut new_id,
                        };
                        Some(plan(
                            kind,
                            &loaded.file,
                            mapping,
                            existing,
                            choices,
                            sources,
                            stamp,
                        ))
                    })
                })
            })
        })
    });
    let missing = Memo::new(move |_| mapping.with(|m| missing_required(kind, m)));
    let counts = move || planned.with(|p| p.as_ref().map(|p| p.counts).unwrap_or_default());

    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Choosing the same file again, once fixed, must fire another change.
        input.set_value("");
        loaded.set(None);
        done.set(None);
        problem.set(None);
        if file.size() > crate::backup::csv_file::MAX_BYTES as f64 {
            problem.set(Some(FileProblem::TooLarge));
            return;
        }
        reading.set(true);
        spawn_local(async move {
            match read_chosen(&file).await {
                Ok((csv, encoding)) => {
                    mapping.set(kind.default_mapping(&csv.header));
                    choices.set(Choices::default());
                    loaded.set(Some(Loaded {
                        name: file.name(),
                        encoding,
                        file: Arc::new(csv),
                    }));
                }
                Err(found) => problem.set(Some(found)),
            }
            reading.set(false);
        });
    };

    let confirm = move |_| {
        let Some(file) = loaded.get_untracked().map(|l| l.file) else {
            return;
        };
        let (stamp_now, me) = (now(), state.me.get_untracked());
        let mut new_id = crate::ui::browser::new_id;
        let final_plan: Plan = mapping.with_untracked(|mapping| {
            choices.with_untracked(|choices| {
                sources.with_value(|sources| {
                    let stamp = Stamp {
                        now: &stamp_now,
                        owner: &me,
                        new_id: &mut new_id,
                    };
                    with_existing(state, |existing| {
                        plan(kind, &file, mapping, existing, choices, sources, stamp)
                    })
                })
            })
        });
        let batch = match batch_of(&final_plan.written) {
            Ok(batch) => batch,
            Err(error) => return state.fail(&error),
        };
        let Plan {
            counts, written, ..
        } = final_plan;
        saving.set(true);
        spawn_local(async move {
            let Written {
                leads,
                customers,
                contacts,
                products,
            } = written;
            let shown = move || {
                upsert_all(state.leads, leads);
                upsert_all(state.customers, customers);
                upsert_all(state.contacts, contacts);
                upsert_all(state.products, products);
            };
            match state.save_batch(batch, shown).await {
                Ok(()) => {
                    loaded.set(None);
                    done.set(Some(counts));
                    state.inform_count(Key::ImportDone, counts.to_write());
                }
                Err(error) => state.fail(&error),
            }
            saving.set(false);
        });
    };

    let number = move |n: usize| format_number(state.lang.get(), n as u64);
    let file_info = move || {
        loaded.with(|l| {
            l.as_ref().map(|l| {
                state.tf(
                    Key::ImportFileInfo,
                    &[
                        ("name", &l.name),
                        ("encoding", state.t(encoding_key(l.encoding))),
                        ("rows", &number(l.file.rows.len())),
                    ],
                )
            })
        })
    };
    let missing_text = move || {
        let lang = state.lang.get();
        missing.with(|missing| {
            missing
                .iter()
                .map(|any| {
                    any.iter()
                        .map(|t| crate::i18n::t(lang, target_key(*t)))
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect::<Vec<_>>()
                .join(crate::i18n::t(lang, Key::ListSeparator))
        })
    };
    let has_invalid = move || counts().invalid != 0;
    let nothing_recognised = move || mapping.with(|m| m.iter().all(Option::is_none));
    let can_confirm =
        move || !saving.get() && missing.with(Vec::is_empty) && counts().to_write() > 0;
    let choice_options = [
        (Choice::Skip, "skip", Key::ChoiceSkip),
        (Choice::Merge, "merge", Key::ChoiceMerge),
        (Choice::Create, "create", Key::ChoiceCreate),
    ];

    view! {
        <section class="page import-page">
            <p class="breadcrumb"><A href=list_href>{move || format!("← {}", state.t(list_title))}</A></p>
            <h1>{move || state.t(title)}</h1>
            <section class="panel">
                <p class="muted">{move || state.t(Key::ImportExplain)}</p>
                <label class="file-choice">
                    <span>{move || state.t(Key::ChooseCsvFile)}</span>
                    <input type="file" accept=".csv,text/csv" data-testid="csv-file" on:change=choose disabled=move || saving.get()/>
                </label>
                <Show when=move || reading.get()>
                    <p class="muted" role="status">{move || state.t(Key::ReadingFile)}</p>
                </Show>
                <Show when=move || problem.with(Option::is_some)>
                    <div class="callout callout-danger" role="alert" data-testid="import-problem">
                        {move || problem.with(|p| p.as_ref().map(|p| file_problem_text(state.lang.get(), p)))}
                    </div>
                </Show>
                <p class="muted" data-testid="import-file-info">{file_info}</p>
            </section>
            <Show when=move || done.with(Option::is_some)>
                <section class="panel" role="status" data-testid="import-result">
                    <p>{move || done.get().map(|c| state.tf(Key::ImportResult, &[
                        ("created", &number(c.create)),
                        ("merged", &number(c.merge)),
                        ("skipped", &number(c.skip)),
                        ("invalid", &number(c.invalid)),
                    ]))}</p>
                    <A href=list_href attr:class="button button-primary">{move || state.t(list_title)}</A>
                </section>
            </Show>
            <Show when=move || loaded.with(Option::is_some)>
                <section class="panel" aria-labelledby="mapping-heading">
                    <h2 id="mapping-heading">{move || state.t(Key::ColumnsHeading)}</h2>
                    <Show when=nothing_recognised>
                        <div class="callout" role="alert" data-testid="nothing-recognised">{move || state.t(Key::NoColumnRecognised)}</div>
                    </Show>
                    <MappingTable kind loaded mapping/>
                    <Show when=move || missing.with(|m| !m.is_empty())>
                        <div class="callout callout-danger" role="alert" data-testid="missing-required">
                            {move || state.tf(Key::RequiredColumnMissing, &[("fields", &missing_text())])}
                        </div>
                    </Show>
                </section>
                <section class="panel" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{move || state.t(Key::PreviewHeading)}</h2>
                    <label class="inline-choice">
                        <span>{move || state.t(Key::DuplicateDefault)}</span>
                        <select data-testid="duplicate-default" on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some((choice, _, _)) = choice_options.iter().find(|(_, c, _)| *c == code) {
                                choices.update(|c| c.default = *choice);
                            }
                        }>
                            {choice_options.into_iter().map(|(choice, code, key)| view! {
                                <option value=code selected=move || choices.with(|c| c.default == choice)>{move || state.t(key)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <p class="import-counts" data-testid="import-counts">
                        {move || {
                            let c = counts();
                            state.tf(Key::ImportCounts, &[
                                ("create", &number(c.create)),
                                ("merge", &number(c.merge)),
                                ("skip", &number(c.skip)),
                                ("invalid", &number(c.invalid)),
                            ])
                        }}
                    </p>
                    <Show when=has_invalid>
                        <div class="callout" role="status" data-testid="errors-not-imported">{move || state.t(Key::ErrorRowsNotImported)}</div>
                    </Show>
                    <PreviewTable loaded mapping planned choices/>
                    <div class="form-actions">
                        <button type="button" class="button button-primary" data-testid="confirm-import"
                            disabled=move || !can_confirm() on:click=confirm>
                            {move || if saving.get() {
                                state.t(Key::Importing).to_owned()
                            } else {
                                state.tf(Key::ConfirmImport, &[("count", &number(counts().to_write()))])
                            }}
                        </button>
                    </div>
                </section>
            </Show>
        </section>
    }
}
