//! Where the memory of the M data set goes, natively: the bytes each kind of record holds once
//! read as a start reads it, its inline part apart from what its strings and lists hold on the heap.
//!
//! `cargo run --release --example memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;
use serde::Serialize;

use leadline::demo::{generate, DemoSize};
use leadline::domain::activity::Activity;
use leadline::domain::dataset::Dataset;
use leadline::domain::id::{reading, Id, IdNumbers};
use leadline::i18n::Lang;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

fn report<T>(name: &str, list: Vec<T>) {
    let n = list.len();
    let before = live();
    drop(list);
    let total = before - live();
    let inline = n * size_of::<T>();
    println!(
        "{name:14} {n:8} records {:8.1} MB: inline {:4} B each, heap {:6.1} B each",
        total as f64 / 1e6,
        size_of::<T>(),
        (total - inline) as f64 / n.max(1) as f64
    );
}

/// The text bytes an activity's own strings hold, field by field. Its ids are shared with the
/// records they name, so they are weighed with the whole, not here.
fn activity_strings(activities: &[Activity]) {
    let n = activities.len().max(1) as f64;
    let mean = |f: &dyn Fn(&Activity) -> usize| activities.iter().map(f).sum::<usize>() as f64 / n;
    println!(
        "  activity text, bytes each: created_at {:.0}, updated_at {:.0}, at {:.0}, subject {:.0}, body {:.0}",
        mean(&|a| a.meta.created_at.capacity()),
        mean(&|a| a.meta.updated_at.capacity()),
        mean(&|a| a.at.len()),
        mean(&|a| a.details.subject.capacity()),
        mean(&|a| a.details.body.capacity()),
    );
}

/// A kind's records as the app holds them after a start: written in the packed copy's compact
/// form, ids numbered in `ids`, and read back.
fn packed<T: Serialize>(list: &[T], ids: &mut IdNumbers) -> Vec<u8> {
    ids.writing(|| postcard::to_allocvec(list).expect("the demo data encodes"))
}

fn unpacked<T: DeserializeOwned>(bytes: &[u8], ids: &Rc<[Id]>) -> Vec<T> {
    reading(ids, || {
        postcard::from_bytes(bytes).expect("the demo data decodes")
    })
}

fn main() {
    let generated = generate(DemoSize::M, Lang::En, "2026-03-15");
    let mut numbers = IdNumbers::default();
    let bytes = [
        packed(&generated.team, &mut numbers),
        packed(&generated.leads, &mut numbers),
        packed(&generated.customers, &mut numbers),
        packed(&generated.contacts, &mut numbers),
        packed(&generated.activities, &mut numbers),
        packed(&generated.opportunities, &mut numbers),
        packed(&generated.products, &mut numbers),
        packed(&generated.quotes, &mut numbers),
        packed(&generated.orders, &mut numbers),
        packed(&generated.payments, &mut numbers),
        packed(&generated.invoices, &mut numbers),
    ];
    let texts: Vec<String> = numbers.ids().iter().map(Id::to_string).collect();
    let settings = generated.settings.clone();
    drop((generated, numbers));
    let before = live();
    let ids: Rc<[Id]> = texts.iter().map(|t| Id::from(t.as_str())).collect();
    let data = Dataset {
        settings,
        team: unpacked(&bytes[0], &ids),
        leads: unpacked(&bytes[1], &ids),
        customers: unpacked(&bytes[2], &ids),
        contacts: unpacked(&bytes[3], &ids),
        activities: unpacked(&bytes[4], &ids),
        opportunities: unpacked(&bytes[5], &ids),
        products: unpacked(&bytes[6], &ids),
        quotes: unpacked(&bytes[7], &ids),
        orders: unpacked(&bytes[8], &ids),
        payments: unpacked(&bytes[9], &ids),
        invoices: unpacked(&bytes[10], &ids),
    };
    drop(ids);
    println!(
        "all M, as read: {:.1} MB live",
        (live() - before) as f64 / 1e6
    );
    activity_strings(&data.activities);
    // Ids are shared: a kind dropped first gives back its own ids only where no later kind
    // names them, so the kinds that name others go first.
    report("activities", data.activities);
    report("orders", data.orders);
    report("payments", data.payments);
    report("opportunities", data.opportunities);
    report("leads", data.leads);
    report("contacts", data.contacts);
    report("customers", data.customers);
    report("quotes", data.quotes);
    report("invoices", data.invoices);
    report("products", data.products);
}
