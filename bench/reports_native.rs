//! Every report over the M data set, natively, timed report by report after the columns they
//! share (as the page makes them once per change of the data): where the browser's
//! figure (`make bench`) says reports are slow, this finds which and is quick to profile.
//!
//! The data is read back from the packed copy's compact form first, as a start reads it, so
//! that links share their record's id (`Id::address`) as they do in the browser.
//!
//! `cargo run --release --example reports [rounds] [report slug, to time one report]`

use std::rc::Rc;
use std::time::Instant;

use serde::de::DeserializeOwned;
use serde::Serialize;

use leadline::demo::{generate, DemoSize};
use leadline::domain::dataset::Dataset;
use leadline::domain::id::{reading, Id, IdNumbers};
use leadline::domain::stages::pipeline_or_default;
use leadline::i18n::Lang;
use leadline::reports::columns::Columns;
use leadline::reports::period::{Period, Preset};
use leadline::reports::scope::{Data, Owner, Scope};
use leadline::reports::ReportKind;

const TODAY: &str = "2026-03-15";

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let only = std::env::args().nth(2);
    let started = Instant::now();
    let data = as_started(generate(DemoSize::M, Lang::En, TODAY));
    println!("made M in {:.1} s", started.elapsed().as_secs_f64());
    for _ in 0..rounds {
        for preset in [Preset::ThisMonth, Preset::Last12Months] {
            let started = Instant::now();
            let pipeline = pipeline_or_default(data.settings.pipeline.clone());
            let columns = Columns::of(
                &Data::of(&data),
                &pipeline,
                &data.settings.currencies.clone().unwrap_or_default().base,
            );
            let mut total = started.elapsed().as_secs_f64() * 1000.0;
            println!("{preset:?} {:12} {total:8.1} ms", "columns");
            for kind in ReportKind::ALL
                .into_iter()
                .filter(|k| only.as_deref().is_none_or(|slug| slug == k.slug()))
            {
                let started = Instant::now();
                let scope = Scope::new(
                    Data::of(&data),
                    data.settings.clone(),
                    Period::of(preset, TODAY),
                    Owner::Everyone,
                    TODAY,
                )
                .sharing(&columns);
                let report = kind.compute(&scope);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                total += ms;
                let rows: usize = report.sections.iter().map(|s| s.table.rows.len()).sum();
                println!("{preset:?} {:12} {ms:8.1} ms, {rows} rows", kind.slug());
            }
            println!("{preset:?} all {total:.1} ms");
        }
    }
}

/// Every kind written in the compact form with one numbering of ids, and read back.
fn as_started(data: Dataset) -> Dataset {
    let mut numbers = IdNumbers::default();
    let packed = numbers.writing(|| {
        [
            pack(&data.team),
            pack(&data.leads),
            pack(&data.customers),
            pack(&data.contacts),
            pack(&data.activities),
            pack(&data.opportunities),
            pack(&data.products),
            pack(&data.quotes),
            pack(&data.orders),
            pack(&data.payments),
            pack(&data.invoices),
        ]
    });
    let ids: Rc<[Id]> = numbers.ids().into();
    reading(&ids, || Dataset {
        settings: data.settings,
        team: unpack(&packed[0]),
        leads: unpack(&packed[1]),
        customers: unpack(&packed[2]),
        contacts: unpack(&packed[3]),
        activities: unpack(&packed[4]),
        opportunities: unpack(&packed[5]),
        products: unpack(&packed[6]),
        quotes: unpack(&packed[7]),
        orders: unpack(&packed[8]),
        payments: unpack(&packed[9]),
        invoices: unpack(&packed[10]),
    })
}

fn pack<T: Serialize>(records: &[T]) -> Vec<u8> {
    postcard::to_allocvec(records).expect("the demo's records pack")
}

fn unpack<T: DeserializeOwned>(bytes: &[u8]) -> Vec<T> {
    postcard::from_bytes(bytes).expect("packed records read back")
}
