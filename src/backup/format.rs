//! The backup file (DESIGN.md section 3): one JSON document holding the whole database.
//!
//! Writing is deterministic (records sorted by id, fields in a fixed order, decimals as text),
//! so exporting, importing and exporting again gives the same bytes for the same `exported_at`.
//! Reading checks everything before anything is used, and lists every problem with its place.

use crate::domain::sorting::sort_by;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::check;
use super::problem::{classify, join, Expected, Problem, What};
use crate::domain::activity::{Activity, ActivityDetails, Links};
use crate::domain::contact::{Contact, ContactDetails};
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::dataset::{Dataset, Settings};
use crate::domain::lead::{Lead, LeadDetails};
use crate::domain::money::Line;
use crate::domain::opportunity::Opportunity;
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::quote::Quote;
use crate::domain::receivable::{Invoice, Payment};
use crate::domain::record::{Record, RecordMeta};
use crate::domain::sale::SaleBody;
use crate::domain::team::TeamMember;

pub const FORMAT: &str = "leadline-backup";
/// The version this build writes. Raise it with a step in [`migrate_forward`].
pub const FORMAT_VERSION: u64 = 1;
/// No list of problems longer than this is useful; the rest is counted.
pub const MAX_PROBLEMS: usize = 200;

/// How many records of each kind a backup holds, so that a file cut short is noticed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    pub team: u64,
    pub leads: u64,
    pub customers: u64,
    pub contacts: u64,
    pub activities: u64,
    pub opportunities: u64,
    pub products: u64,
    pub quotes: u64,
    pub orders: u64,
    pub payments: u64,
    pub invoices: u64,
}

impl Counts {
    pub fn of(data: &Dataset) -> Counts {
        let n = |len: usize| len as u64;
        Counts {
            team: n(data.team.len()),
            leads: n(data.leads.len()),
            customers: n(data.customers.len()),
            contacts: n(data.contacts.len()),
            activities: n(data.activities.len()),
            opportunities: n(data.opportunities.len()),
            products: n(data.products.len()),
            quotes: n(data.quotes.len()),
            orders: n(data.orders.len()),
            payments: n(data.payments.len()),
            invoices: n(data.invoices.len()),
        }
    }

    pub fn total(&self) -> u64 {
        self.pairs().iter().map(|(_, n)| n).sum()
    }

    /// Each section's name and count, in the file's order.
    pub fn pairs(&self) -> [(&'static str, u64); 11] {
        [
            ("team", self.team),
            ("leads", self.leads),
            ("customers", self.customers),
            ("contacts", self.contacts),
            ("activities", self.activities),
            ("opportunities", self.opportunities),
            ("products", self.products),
            ("quotes", self.quotes),
            ("orders", self.orders),
            ("payments", self.payments),
            ("invoices", self.invoices),
        ]
    }
}

/// The whole file as read; the first two fields were checked before.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<D> {
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    #[serde(rename = "format_version")]
    _format_version: serde::de::IgnoredAny,
    app_version: String,
    exported_at: String,
    counts: Counts,
    data: D,
}

/// A backup that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    pub app_version: String,
    pub exported_at: String,
    /// The version the file was written in, before any migration.
    pub format_version: u64,
    pub data: Dataset,
}

fn sort_by_id<R: Record>(records: &mut [R]) {
    sort_by(records, |a, b| a.id().cmp(b.id()));
}

/// Writes the backup file of a dataset a batch of records at a time, so that a page can show
/// progress and stay responsive between batches. The text is exactly what serde writes for the
/// whole document at once.
pub struct Export {
    out: String,
    data: Dataset,
    section: usize,
    next: usize,
    done: u64,
    total: u64,
}

/// Records written per step.
const EXPORT_BATCH: usize = 5_000;

/// Appends `records[from..]`, at most one batch of them, to a JSON list being written; returns
/// how many were written.
fn write_batch<R: Serialize>(out: &mut String, records: &[R], from: usize) -> usize {
    let batch = &records[from.min(records.len())..(from + EXPORT_BATCH).min(records.len())];
    for (k, record) in batch.iter().enumerate() {
        if from + k > 0 {
            out.push(',');
        }
        // Records are strings, numbers, bools and lists under string keys: writing cannot fail.
        out.push_str(&serde_json::to_string(record).unwrap_or_default());
    }
    batch.len()
}

fn json_text(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

impl Export {
    pub fn new(mut data: Dataset, app_version: &str, exported_at: &str) -> Export {
        sort_by_id(&mut data.team);
        sort_by_id(&mut data.leads);
        sort_by_id(&mut data.customers);
        sort_by_id(&mut data.contacts);
        sort_by_id(&mut data.activities);
        sort_by_id(&mut data.opportunities);
        sort_by_id(&mut data.products);
        sort_by_id(&mut data.quotes);
        sort_by_id(&mut data.orders);
        sort_by_id(&mut data.payments);
        sort_by_id(&mut data.invoices);
        let counts = Counts::of(&data);
        let out = format!(
            r#"{{"format":{},"format_version":{FORMAT_VERSION},"app_version":{},"exported_at":{},"counts":{},"data":{{"settings":{}"#,
            json_text(FORMAT),
            json_text(app_version),
            json_text(exported_at),
            serde_json::to_string(&counts).unwrap_or_default(),
            serde_json::to_string(&data.settings).unwrap_or_default(),
        );
        Export {
            out,
            total: counts.total(),
            data,
            section: 0,
            next: 0,
            done: 0,
        }
    }

    /// Writes the next batch; `None` once the document is complete, else (records written, all).
    pub fn step(&mut self) -> Option<(u64, u64)> {
        let sections = Counts::default().pairs();
        let (name, _) = *sections.get(self.section)?;
        if self.next == 0 {
            self.out.push_str(&format!(r#","{name}":["#));
        }
        let out = &mut self.out;
        let (d, from) = (&self.data, self.next);
        let written = match self.section {
            0 => write_batch(out, &d.team, from),
            1 => write_batch(out, &d.leads, from),
            2 => write_batch(out, &d.customers, from),
            3 => write_batch(out, &d.contacts, from),
            4 => write_batch(out, &d.activities, from),
            5 => write_batch(out, &d.opportunities, from),
            6 => write_batch(out, &d.products, from),
            7 => write_batch(out, &d.quotes, from),
            8 => write_batch(out, &d.orders, from),
            9 => write_batch(out, &d.payments, from),
            _ => write_batch(out, &d.invoices, from),
        };
        self.next += written;
        self.done += written as u64;
        if written < EXPORT_BATCH {
            self.out.push(']');
            self.section += 1;
            self.next = 0;
            if self.section == sections.len() {
                self.out.push_str("}}");
            }
        }
        Some((self.done, self.total))
    }

    /// The whole file.
    pub fn finish(mut self) -> String {
        while self.step().is_some() {}
        self.out
    }
}

/// The backup file of `data`.
pub fn export(data: Dataset, app_version: &str, exported_at: &str) -> String {
    Export::new(data, app_version, exported_at).finish()
}

/// The first two fields, read without building the rest.
#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    format_version: Option<Value>,
}

/// Reads a backup file, checking it whole. Either a backup with no problem at all, or every
/// problem found (at most [`MAX_PROBLEMS`], then one saying how many more).
pub fn read(bytes: &[u8]) -> Result<Backup, Vec<Problem>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![Problem::new(
            "",
            What::NotUtf8 {
                byte: e.valid_up_to(),
            },
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Problem::new("", What::Empty)]);
    }
    if !text.trim_start().starts_with('{') {
        // A list or a bare value may still be JSON; say which it is.
        let problem = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => Problem::new("", What::NotABackup),
            Err(e) => not_json(&e),
        };
        return Err(vec![problem]);
    }
    let header: Header = serde_json::from_str(text).map_err(|e| vec![not_json(&e)])?;
    let version = version_of(&header)?;
    let (data, counts, app_version, exported_at) = if version == FORMAT_VERSION {
        match serde_json::from_str::<Document<Dataset>>(text) {
            Ok(doc) => (doc.data, doc.counts, doc.app_version, doc.exported_at),
            Err(_) => {
                let value: Value = serde_json::from_str(text).map_err(|e| vec![not_json(&e)])?;
                return Err(capped(diagnose(&value)));
            }
        }
    } else {
        let mut value: Value = serde_json::from_str(text).map_err(|e| vec![not_json(&e)])?;
        migrate_forward(&mut value, version);
        match Document::<Dataset>::deserialize(&value) {
            Ok(doc) => (doc.data, doc.counts, doc.app_version, doc.exported_at),
            Err(_) => return Err(capped(diagnose(&value))),
        }
    };
    let mut problems = count_problems(&counts, &data);
    problems.extend(check::problems(&data));
    if !problems.is_empty() {
        return Err(capped(problems));
    }
    Ok(Backup {
        app_version,
        exported_at,
        format_version: version,
        data,
    })
}

fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let more = problems.len() - MAX_PROBLEMS;
        problems.truncate(MAX_PROBLEMS);
        problems.push(Problem::new("", What::More { count: more }));
    }
    problems
}

fn not_json(error: &serde_json::Error) -> Problem {
    let (line, column) = (error.line(), error.column());
    let what = match error.classify() {
        serde_json::error::Category::Eof => What::Truncated,
        _ if error.to_string().starts_with("recursion limit exceeded") => {
            What::TooDeep { line, column }
        }
        _ if error.to_string().starts_with("number out of range") => {
            What::NumberTooLarge { line, column }
        }
        serde_json::error::Category::Data => What::NotABackup,
        _ => What::NotJson { line, column },
    };
    Problem::new("", what)
}

fn version_of(header: &Header) -> Result<u64, Vec<Problem>> {
    match &header.format {
        Some(Value::String(name)) if name == FORMAT => {}
        Some(other) => {
            let found = other
                .as_str()
                .map_or_else(|| other.to_string(), str::to_owned);
            return Err(vec![Problem::new("format", What::WrongFormat { found })]);
        }
        None => return Err(vec![Problem::new("", What::NotABackup)]),
    }
    match &header.format_version {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > FORMAT_VERSION => Err(vec![Problem::new(
                "format_version",
                What::NewerVersion { found: v },
            )]),
            Some(v) if v >= 1 => Ok(v),
            _ => Err(vec![Problem::new(
                "format_version",
                What::UnknownVersion {
                    found: n.to_string(),
                },
            )]),
        },
        Some(other) => Err(vec![Problem::new(
            "format_version",
            What::UnknownVersion {
                found: other.to_string(),
            },
        )]),
        None => Err(vec![Problem::new("format_version", What::Missing)]),
    }
}

/// Brings a file written in an older format up to [`FORMAT_VERSION`], one step at a time.
/// Version 1 is the first, so there is nothing to do yet; each later version adds its step here
/// and keeps a fixture of the version before it in `tests/fixtures/backup/`.
fn migrate_forward(_value: &mut Value, from: u64) {
    debug_assert!(from <= FORMAT_VERSION);
}

fn count_problems(counts: &Counts, data: &Dataset) -> Vec<Problem> {
    counts
        .pairs()
        .into_iter()
        .zip(Counts::of(data).pairs())
        .filter(|((_, said), (_, found))| said != found)
        .map(|((section, said), (_, found))| {
            Problem::new(
                format!("counts.{section}"),
                What::CountDisagrees { said, found },
            )
        })
        .collect()
}

/// The first problem `T` finds in `value`, placed under `at`.
fn first_problem<T: DeserializeOwned>(at: &str, value: &Value) -> Option<Problem> {
    let error = serde_path_to_error::deserialize::<_, T>(value).err()?;
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let (field, what) = classify(&error.inner().to_string());
    let place = join(&join(at, &path), field.as_deref().unwrap_or(""));
    Some(Problem::new(place, what))
}

/// Every problem in one record. Fields shared through `#[serde(flatten)]` lose their place in
/// the reader's error, so the shared parts and each line are also read on their own, and the
/// whole record's complaint is kept only when it says something they did not.
fn record_problems<R: DeserializeOwned>(
    at: &str,
    value: &Value,
    parts: &[Part],
    with_lines: bool,
) -> Vec<Problem> {
    let mut found: Vec<Problem> = parts.iter().filter_map(|part| part(at, value)).collect();
    if with_lines {
        for problem in lines_problems(at, value) {
            if !found.contains(&problem) {
                found.push(problem);
            }
        }
    }
    if let Some(whole) = first_problem::<R>(at, value) {
        let place_lost = whole.place == at && !found.is_empty();
        if !place_lost && !found.contains(&whole) {
            found.push(whole);
        }
    }
    found
}

type Part = fn(&str, &Value) -> Option<Problem>;

fn meta(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<RecordMeta>(at, value)
}

fn body(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<SaleBody>(at, value)
}

fn lead_details(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<LeadDetails>(at, value)
}

fn customer_details(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<CustomerDetails>(at, value)
}

fn contact_details(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<ContactDetails>(at, value)
}

fn activity_details(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<ActivityDetails>(at, value)
}

fn activity_links(at: &str, value: &Value) -> Option<Problem> {
    first_problem::<Links>(at, value)
}

fn lines_problems(at: &str, value: &Value) -> Vec<Problem> {
    let Some(lines) = value.get("lines").and_then(Value::as_array) else {
        return Vec::new();
    };
    lines
        .iter()
        .enumerate()
        .filter_map(|(j, line)| first_problem::<Line>(&format!("{at}.lines[{j}]"), line))
        .collect()
}

fn section<R: DeserializeOwned>(
    data: &serde_json::Map<String, Value>,
    name: &str,
    parts: &[Part],
    with_lines: bool,
    problems: &mut Vec<Problem>,
) {
    let at = format!("data.{name}");
    match data.get(name) {
        None => problems.push(Problem::new(at, What::Missing)),
        Some(Value::Array(records)) => {
            for (i, record) in records.iter().enumerate() {
                let here = format!("{at}[{i}]");
                problems.extend(record_problems::<R>(&here, record, parts, with_lines));
                if problems.len() > MAX_PROBLEMS {
                    return;
                }
            }
        }
        Some(other) => problems.push(Problem::new(
            at,
            What::WrongType {
                found: shown_kind(other),
                expected: Expected::List,
            },
        )),
    }
}

fn shown_kind(value: &Value) -> String {
    match value {
        Value::Object(_) => "{…}".to_owned(),
        Value::Array(_) => "[…]".to_owned(),
        other => other.to_string(),
    }
}

/// Every problem in a document whose shape is wrong somewhere.
fn diagnose(value: &Value) -> Vec<Problem> {
    let Some(top) = value.as_object() else {
        return vec![Problem::new("", What::NotABackup)];
    };
    let mut problems = Vec::new();
    for field in ["app_version", "exported_at"] {
        match top.get(field) {
            Some(Value::String(_)) => {}
            Some(other) => problems.push(Problem::new(
                field,
                What::WrongType {
                    found: shown_kind(other),
                    expected: Expected::Text,
                },
            )),
            None => problems.push(Problem::new(field, What::Missing)),
        }
    }
    match top.get("counts") {
        Some(counts) => problems.extend(first_problem::<Counts>("counts", counts)),
        None => problems.push(Problem::new("counts", What::Missing)),
    }
    for field in top.keys() {
        let known = [
            "format",
            "format_version",
            "app_version",
            "exported_at",
            "counts",
            "data",
        ];
        if !known.contains(&field.as_str()) {
            problems.push(Problem::new(field.clone(), What::Unknown));
        }
    }
    let Some(data) = top.get("data") else {
        problems.push(Problem::new("data", What::Missing));
        return problems;
    };
    let Some(data) = data.as_object() else {
        problems.push(Problem::new(
            "data",
            What::WrongType {
                found: shown_kind(data),
                expected: Expected::Object,
            },
        ));
        return problems;
    };
    match data.get("settings") {
        Some(settings) => problems.extend(first_problem::<Settings>("data.settings", settings)),
        None => problems.push(Problem::new("data.settings", What::Missing)),
    }
    let p = &mut problems;
    section::<TeamMember>(data, "team", &[meta], false, p);
    section::<Lead>(data, "leads", &[meta, lead_details], false, p);
    section::<Customer>(data, "customers", &[meta, customer_details], false, p);
    section::<Contact>(data, "contacts", &[meta, contact_details], false, p);
    let activity: &[Part] = &[meta, activity_details, activity_links];
    section::<Activity>(data, "activities", activity, false, p);
    section::<Opportunity>(data, "opportunities", &[meta], false, p);
    section::<Product>(data, "products", &[meta], false, p);
    section::<Quote>(data, "quotes", &[meta, body], true, p);
    section::<Order>(data, "orders", &[meta, body], true, p);
    section::<Payment>(data, "payments", &[meta], false, p);
    section::<Invoice>(data, "invoices", &[meta], false, p);
    let known = [
        "settings",
        "team",
        "leads",
        "customers",
        "contacts",
        "activities",
        "opportunities",
        "products",
        "quotes",
        "orders",
        "payments",
        "invoices",
    ];
    for field in data.keys() {
        if !known.contains(&field.as_str()) {
            problems.push(Problem::new(format!("data.{field}"), What::Unknown));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../tests/fixtures/backup/v1-sample.json");

    fn sample() -> Backup {
        read(SAMPLE.as_bytes()).unwrap_or_else(|problems| panic!("{problems:#?}"))
    }

    fn problems_of(text: &str) -> Vec<Problem> {
        read(text.as_bytes()).expect_err("the file was taken")
    }

    #[test]
    fn the_version_1_fixture_reads_whole() {
        let backup = sample();
        assert_eq!(backup.format_version, 1);
        assert_eq!(backup.exported_at, "2026-11-23T08:00:00.000Z");
        assert_eq!(Counts::of(&backup.data).total(), 14);
        assert_eq!(backup.data.orders[0].body.total.to_string(), "1341.88");
        assert_eq!(backup.data.leads[0].details.company, "上海东方科技有限公司");
        assert_eq!(backup.data.settings.me.as_deref(), Some("m1"));
        let targets = backup.data.settings.targets.unwrap();
        assert_eq!(targets[1].member_id, "m2");
        assert_eq!(targets[1].amount.to_string(), "30000");
    }

    #[test]
    fn export_import_export_gives_the_same_bytes() {
        let first = export(sample().data, "0.1.0", "2026-11-23T09:00:00.000Z");
        let again = read(first.as_bytes()).unwrap();
        let second = export(again.data, "0.1.0", "2026-11-23T09:00:00.000Z");
        assert_eq!(first, second);
        assert!(first.contains(r#""amount":"670.94""#), "money is text");
    }

    #[test]
    fn the_stepwise_export_writes_what_serde_writes_for_the_whole_document() {
        let mut data = sample().data;
        let activity = data.activities[0].clone();
        data.activities = (0..EXPORT_BATCH * 2 + 3)
            .map(|n| {
                let mut a = activity.clone();
                a.meta.id = format!("a{n:06}").into();
                a
            })
            .collect();
        #[derive(Serialize)]
        struct Document {
            format: String,
            format_version: u64,
            app_version: String,
            exported_at: String,
            counts: Counts,
            data: Dataset,
        }
        let document = Document {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            app_version: "0.1.0".to_owned(),
            exported_at: "2026-11-23T09:00:00.000Z".to_owned(),
            counts: Counts::of(&data),
            data: data.clone(),
        };
        let mut steps = Export::new(data, "0.1.0", "2026-11-23T09:00:00.000Z");
        let mut seen = Vec::new();
        while let Some(progress) = steps.step() {
            seen.push(progress);
        }
        assert_eq!(steps.out, serde_json::to_string(&document).unwrap());
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(seen.last(), Some(&(10_016, 10_016)));
    }

    #[test]
    fn a_bom_before_the_document_is_ignored() {
        let with_bom = format!("\u{feff}{SAMPLE}");
        assert_eq!(read(with_bom.as_bytes()).unwrap(), sample());
    }

    #[test]
    fn a_bad_value_deep_in_an_order_is_named_by_its_path() {
        let text = SAMPLE.replacen(r#""quantity":"100""#, r#""quantity":"abc""#, 2);
        let problems = problems_of(&text);
        let expected = |section: &str| {
            Problem::new(
                format!("data.{section}[0].lines[0].quantity"),
                What::NotADecimal {
                    found: "abc".into(),
                },
            )
        };
        assert_eq!(problems, vec![expected("quotes"), expected("orders")]);
    }

    #[test]
    fn every_bad_record_is_listed_not_only_the_first() {
        let text = SAMPLE
            .replace(r#""status":"qualified""#, r#""status":"maybe""#)
            .replace(r#""decision_maker":true"#, r#""decision_maker":"yes""#)
            .replace(r#""rev":5,"#, "")
            .replace(
                r#""amount":"670.94","method""#,
                r#""amount":"1e999","method""#,
            );
        let places: Vec<String> = problems_of(&text).into_iter().map(|p| p.place).collect();
        assert_eq!(
            places,
            [
                "data.leads[0].status",
                "data.contacts[0].decision_maker",
                "data.orders[0].rev",
                "data.payments[0].amount"
            ]
        );
    }

    #[test]
    fn links_ids_and_totals_are_checked_after_the_shapes() {
        let text = SAMPLE
            .replace(
                r#""customer_id":"c1","name":"Nancy"#,
                r#""customer_id":"c404","name":"Nancy"#,
            )
            .replace(r#""id":"c2""#, r#""id":"c1""#)
            .replace(
                r#""total":"1341.88","quote_id""#,
                r#""total":"1341.89","quote_id""#,
            );
        let problems = problems_of(&text);
        assert!(problems.contains(&Problem::new(
            "data.contacts[0].customer_id",
            What::Dangling { id: "c404".into() }
        )));
        assert!(problems.contains(&Problem::new(
            "data.customers[1].id",
            What::DuplicateId { id: "c1".into() }
        )));
        assert!(problems
            .iter()
            .any(|p| p.place == "data.orders[0].total"
                && matches!(p.what, What::TotalsDisagree { .. })));
    }

    #[test]
    fn files_that_are_not_backups_say_what_they_are() {
        let whole = |text: &[u8]| read(text).unwrap_err().remove(0).what;
        assert_eq!(whole(b""), What::Empty);
        assert_eq!(whole(b"  \n"), What::Empty);
        assert_eq!(whole(b"[1,2]"), What::NotABackup);
        assert_eq!(whole(b"{\"a\":1}"), What::NotABackup);
        assert_eq!(whole(&SAMPLE.as_bytes()[..500]), What::Truncated);
        assert_eq!(
            whole(b"{\"format\": nope}"),
            What::NotJson {
                line: 1,
                column: 13
            }
        );
        assert_eq!(whole(b"{\"x\":\xff}"), What::NotUtf8 { byte: 5 });
        let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(whole(nested.as_bytes()), What::NotABackup);
        let deep = SAMPLE.replacen(r#""products":["#, &format!(r#""products":[{nested},"#), 1);
        assert!(matches!(whole(deep.as_bytes()), What::TooDeep { .. }));
        assert_eq!(
            whole(SAMPLE.replace("leadline-backup", "other-app").as_bytes()),
            What::WrongFormat {
                found: "other-app".into()
            }
        );
        assert_eq!(
            whole(
                SAMPLE
                    .replace(r#""format_version":1"#, r#""format_version":2"#)
                    .as_bytes()
            ),
            What::NewerVersion { found: 2 }
        );
    }

    #[test]
    fn a_file_cut_between_records_is_caught_by_its_counts() {
        let start = SAMPLE.find(r#"{"id":"l2""#).unwrap();
        let end = SAMPLE.find(r#""customers":["#).unwrap();
        let text = format!("{}{}", &SAMPLE[..start - 2], &SAMPLE[end - 3..]);
        assert_eq!(
            problems_of(&text),
            vec![Problem::new(
                "counts.leads",
                What::CountDisagrees { said: 2, found: 1 }
            )]
        );
    }

    #[test]
    fn a_long_list_of_problems_is_cut_and_counted() {
        let record = r#"{"id":"x"}"#;
        let many = vec![record; MAX_PROBLEMS + 50].join(",");
        let text = SAMPLE.replacen(r#""products":["#, &format!(r#""products":[{many},"#), 1);
        let problems = problems_of(&text);
        assert_eq!(problems.len(), MAX_PROBLEMS + 1);
        assert!(matches!(problems.last().unwrap().what, What::More { .. }));
    }

    mod properties {
        use super::*;
        use crate::domain::receivable::Installment;
        use proptest::prelude::*;
        use rust_decimal::Decimal;

        fn dataset(
            names: Vec<String>,
            quantity: (i64, u32),
            price: (i64, u32),
            notes: String,
            target: (i64, u32),
        ) -> Dataset {
            let mut data = sample().data;
            if let Some(targets) = &mut data.settings.targets {
                targets[0].amount = Decimal::new(target.0, target.1);
            }
            let customer = data.customers[0].clone();
            for (n, name) in names.into_iter().enumerate() {
                let mut c = customer.clone();
                c.meta.id = format!("z{n}").into();
                c.details.name = name;
                data.customers.push(c);
            }
            data.leads[0].details.notes = notes;
            let order = &mut data.orders[0];
            let mut lines = order.body.lines.clone();
            lines[0].quantity = Decimal::new(quantity.0, quantity.1);
            lines[0].unit_price = Decimal::new(price.0, price.1);
            order.body.set_lines(lines);
            let total = order.body.total;
            order.plan = vec![Installment {
                due: "2026-06-10".into(),
                amount: total,
            }];
            data.payments[0].amount = total;
            data.invoices[0].amount = total;
            data.quotes[0].body = order.body.clone();
            data
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn any_database_exports_imports_and_exports_to_the_same_bytes(
                names in proptest::collection::vec("[a-zA-Z0-9\u{4e00}-\u{9fff}<&\"]\\PC{0,30}", 0..20),
                quantity in (1i64..1_000_000, 0u32..4),
                price in (1i64..100_000_000, 0u32..3),
                notes in any::<String>(),
                target in (0i64..=1_000_000_000_000, 0u32..3),
            ) {
                let data = dataset(names, quantity, price, notes, target);
                let first = export(data.clone(), "0.1.0", "2026-11-23T09:00:00.000Z");
                let read_back = read(first.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
                let mut sorted = data;
                sorted.customers.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
                prop_assert_eq!(&read_back.data, &sorted);
                let second = export(read_back.data, "0.1.0", "2026-11-23T09:00:00.000Z");
                prop_assert_eq!(first, second);
            }

            #[test]
            fn any_database_reads_back_the_same_from_the_packed_copys_compact_form(
                names in proptest::collection::vec("[a-zA-Z0-9\u{4e00}-\u{9fff}<&\"]\\PC{0,30}", 0..20),
                quantity in (1i64..1_000_000, 0u32..4),
                price in (1i64..100_000_000, 0u32..3),
                notes in any::<String>(),
                target in (0i64..=1_000_000_000_000, 0u32..3),
            ) {
                fn round<T>(records: &[T]) -> Result<(), TestCaseError>
                where
                    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
                {
                    let mut numbers = crate::domain::id::IdNumbers::default();
                    let bytes = numbers
                        .writing(|| postcard::to_allocvec(records))
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let ids: std::rc::Rc<[crate::domain::id::Id]> = numbers.ids().into();
                    let back: Vec<T> = crate::domain::id::reading(&ids, || postcard::from_bytes(&bytes))
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(back.as_slice(), records);
                    Ok(())
                }
                let data = dataset(names, quantity, price, notes, target);
                round(&data.team)?;
                round(&data.leads)?;
                round(&data.customers)?;
                round(&data.contacts)?;
                round(&data.activities)?;
                round(&data.opportunities)?;
                round(&data.products)?;
                round(&data.quotes)?;
                round(&data.orders)?;
                round(&data.payments)?;
                round(&data.invoices)?;
            }
        }
    }
}
