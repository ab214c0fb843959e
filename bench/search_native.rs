//! Search as you type over the M data set's customers, natively: the bench's keystrokes (each
//! customer name's prefixes typed and erased), timed as the customer list filters the sorted
//! order it keeps between keystrokes.
//!
//! `cargo run --release --example search`

use std::time::Instant;

use leadline::demo::{generate, DemoSize};
use leadline::domain::customer::Customer;
use leadline::domain::customer_query::{CustomerQuery, CustomerSort};
use leadline::i18n::Lang;

/// What the bench types: the prefixes of a few names, then erased again letter by letter.
fn keystrokes(customers: &[Customer]) -> Vec<String> {
    let mut typed = Vec::new();
    for customer in customers.iter().step_by(997).take(5) {
        let name: Vec<char> = customer.details.name.chars().take(5).collect();
        typed.extend((1..=name.len()).map(|n| name[..n].iter().collect::<String>()));
        typed.extend(
            (0..name.len())
                .rev()
                .map(|n| name[..n].iter().collect::<String>()),
        );
    }
    typed
}

fn main() {
    let data = generate(DemoSize::M, Lang::En, "2026-03-15");
    let typed = keystrokes(&data.customers);
    let order = CustomerSort::default().order(&data.customers);
    let mut times: Vec<f64> = typed
        .iter()
        .map(|text| {
            let query = CustomerQuery {
                text: text.clone(),
                ..CustomerQuery::default()
            };
            let started = Instant::now();
            let found = query.filter(&data.customers, &order).len();
            std::hint::black_box(found);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} keystrokes over {} customers: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        times.len(),
        data.customers.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
