//! Where the memory of the M data set goes, natively: the bytes each kind of record holds once
//! decoded, its inline part apart from what its strings and lists hold on the heap.
//!
//! `cargo run --release --example memory`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use leadline::demo::{generate, DemoSize};
use leadline::domain::activity::Activity;
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

/// The text bytes an activity's strings hold, field by field: most of its heap, and the part a
/// leaner record would change.
fn activity_strings(activities: &[Activity]) {
    let n = activities.len().max(1) as f64;
    let mean = |f: &dyn Fn(&Activity) -> usize| activities.iter().map(f).sum::<usize>() as f64 / n;
    let optional = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
    println!(
        "  activity text, bytes each: id {:.0}, created_at {:.0}, updated_at {:.0}, owner {:.0}, at {:.0}, links {:.0}, subject {:.0}, body {:.0}",
        mean(&|a| a.meta.id.capacity()),
        mean(&|a| a.meta.created_at.capacity()),
        mean(&|a| a.meta.updated_at.capacity()),
        mean(&|a| a.meta.owner.capacity()),
        mean(&|a| a.at.capacity()),
        mean(&|a| optional(&a.links.lead_id)
            + optional(&a.links.customer_id)
            + optional(&a.links.contact_id)
            + optional(&a.links.opportunity_id)),
        mean(&|a| a.details.subject.capacity()),
        mean(&|a| a.details.body.capacity()),
    );
}

fn main() {
    let data = generate(DemoSize::M, Lang::En, "2026-03-15");
    println!("all M: {:.1} MB live", live() as f64 / 1e6);
    activity_strings(&data.activities);
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
