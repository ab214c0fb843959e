//! Every report over the M data set, natively, timed report by report after the columns they
//! share (as the page makes them once per change of the data): where the browser's
//! figure (`make bench`) says reports are slow, this finds which and is quick to profile.
//!
//! `cargo run --release --example reports [rounds] [report slug, to time one report]`

use std::time::Instant;

use leadline::demo::{generate, DemoSize};
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
    let data = generate(DemoSize::M, Lang::En, TODAY);
    println!("made M in {:.1} s", started.elapsed().as_secs_f64());
    for _ in 0..rounds {
        for preset in [Preset::ThisMonth, Preset::Last12Months] {
            let started = Instant::now();
            let columns = Columns::of(&Data::of(&data));
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
