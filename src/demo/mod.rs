//! Demo and benchmark data: a believable company in the user's language, made by a fixed seed so
//! that the same size, language and day always give the same records. Every record is built
//! through the domain's own constructors and state changes, so it is as valid as one a user made.
//!
//! Record ids start with [`DEMO_PREFIX`]: that is how demo data is told apart from the user's own
//! and cleared in one click.

mod activities;
mod catalog;
mod clock;
mod en;
mod people;
mod pipeline;
mod receivables;
mod rng;
mod sales;
mod sizes;
mod targets;
mod words;
mod zh;

#[cfg(test)]
mod tests;

pub use sizes::{Counts, DemoSize};

use crate::domain::company::{CompanyProfile, Currencies};
use crate::domain::dataset::{Dataset, Settings};
use crate::domain::id::Id;
use crate::domain::record::{Record, RecordMeta};
use crate::i18n::Lang;
use clock::{stamp, Clock};
use rng::{Picker, Rng};
use words::{words, Words};

pub const DEMO_PREFIX: &str = "demo-";

const SEED: u64 = 0x1ead_11ae_d3e0_2026;

pub fn is_demo_id(id: &str) -> bool {
    id.starts_with(DEMO_PREFIX)
}

/// The demo company of `size` in `lang`, its history ending the day before `today`
/// (`YYYY-MM-DD`; any other text counts as 2026-01-01).
pub fn generate(size: DemoSize, lang: Lang, today: &str) -> Dataset {
    let mut gen = Gen::new(size.counts(), lang, today);
    let team = gen.team();
    let products = gen.products();
    let mut people = gen.people();
    let deals = gen.opportunities(&people, &products);
    let sales = gen.sales(&mut people, &deals, &products);
    let (payments, invoices) = gen.receivables(&sales, &people);
    let activities = gen.activities(&people, &deals);
    let targets = gen.targets(&sales.orders);
    let mut data = Dataset {
        settings: Settings {
            me: team.first().map(|m| m.meta.id.clone()),
            company: Some(company_profile(lang)),
            currencies: Some(gen.currencies.clone()),
            numbering: Some(Default::default()),
            targets: Some(targets),
            ..Settings::default()
        },
        team,
        leads: people.leads,
        customers: people.customers,
        contacts: people.contacts,
        activities,
        opportunities: deals.opportunities,
        products,
        quotes: sales.quotes,
        orders: sales.orders,
        payments,
        invoices,
    };
    written_once(&mut data);
    data
}

/// The demo company's profile in `lang`, as loading demo data sets it.
pub fn company_profile(lang: Lang) -> CompanyProfile {
    let p = &words(lang).profile;
    CompanyProfile {
        name: p.name.into(),
        address: p.address.into(),
        phone: p.phone.into(),
        email: p.email.into(),
        tax_id: p.tax_id.into(),
        bank_account: p.bank_account.into(),
        logo: None,
        terms: p.terms.into(),
    }
}

/// The history is made through the domain's state changes, each of which counts as a write; the
/// demo's records are written to the device once, so each starts at rev 1 there.
fn written_once(data: &mut Dataset) {
    fn reset<R: Record>(records: &mut [R]) {
        for record in records {
            record.meta_mut().rev = 1;
        }
    }
    reset(&mut data.team);
    reset(&mut data.leads);
    reset(&mut data.customers);
    reset(&mut data.contacts);
    reset(&mut data.activities);
    reset(&mut data.opportunities);
    reset(&mut data.products);
    reset(&mut data.quotes);
    reset(&mut data.orders);
    reset(&mut data.payments);
    reset(&mut data.invoices);
}

/// `demo-` and the UUIDv7 that `domain::id::uuid_v7` makes of the same time and bytes, written
/// digit by digit: the benchmark sizes make millions of ids.
fn demo_uuid(unix_ms: u64, random: [u8; 10]) -> String {
    let high = (unix_ms << 16) | 0x7000 | (u64::from(random[0] & 0x0f) << 8) | u64::from(random[1]);
    let mut low = [0u8; 8];
    low.copy_from_slice(&random[2..]);
    let low = (u64::from_be_bytes(low) & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(DEMO_PREFIX.len() + 36);
    id.push_str(DEMO_PREFIX);
    for (at, word) in [high, low].into_iter().enumerate() {
        for nibble in 0..16 {
            if matches!(at * 16 + nibble, 8 | 12 | 16 | 20) {
                id.push('-');
            }
            id.push(char::from(HEX[(word >> (60 - 4 * nibble) & 0xf) as usize]));
        }
    }
    id
}

/// What every part of the generator shares: the random source, the calendar, the words, and the
/// team that owns the records.
struct Gen {
    rng: Rng,
    clock: Clock,
    words: &'static Words,
    counts: Counts,
    /// Makes every id unique, whatever the random bytes.
    sequence: u32,
    team: Vec<Id>,
    owners: Picker,
    names: people::Names,
    currencies: Currencies,
    /// What each product is sold as, by index: its deal title and usual quantities.
    offers: Vec<catalog::Offer>,
    /// Picks products the way they sell: the plain editions of the first lines most.
    popular: Picker,
}

impl Gen {
    fn new(counts: Counts, lang: Lang, today: &str) -> Gen {
        let words = words(lang);
        Gen {
            rng: Rng::new(SEED),
            clock: Clock::new(today, lang),
            words,
            counts,
            sequence: 0,
            team: Vec::new(),
            owners: Picker::new([]),
            names: people::Names::new(words),
            currencies: catalog::currencies(lang),
            offers: Vec::new(),
            popular: Picker::new([]),
        }
    }

    /// A demo id for a record made at `seconds`: a UUIDv7 of that moment, so lists sort by it.
    fn id(&mut self, seconds: i64) -> Id {
        self.sequence += 1;
        let mut random = [0u8; 10];
        random[..6].copy_from_slice(&self.rng.next_u64().to_be_bytes()[..6]);
        random[6..].copy_from_slice(&self.sequence.to_be_bytes());
        let unix_ms = u64::try_from(seconds).unwrap_or(0) * 1000;
        demo_uuid(unix_ms, random).into()
    }

    fn meta(&mut self, seconds: i64, owner: &Id) -> RecordMeta {
        let id = self.id(seconds);
        RecordMeta::new(id, &stamp(seconds), owner.clone())
    }

    /// A team member, some selling far more than others.
    fn owner(&mut self) -> Id {
        let at = self.owners.pick(&mut self.rng);
        self.team[at].clone()
    }

    /// Mostly the owner of the record it belongs to, sometimes a colleague helping out.
    fn owner_or(&mut self, usual: &Id) -> Id {
        if self.rng.percent(85) {
            usual.clone()
        } else {
            self.owner()
        }
    }
}
