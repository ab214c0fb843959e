//! The people: the team, leads in every status (some converted into customers), customers of
//! every size, and their contacts.

use crate::domain::sorting::sort_by;
use std::collections::HashSet;

use super::clock::{stamp, DAY};
use super::rng::Picker;
use super::words::{spelt, Spelt};
use super::Gen;
use crate::domain::contact::{Contact, ContactDetails};
use crate::domain::conversion::{
    convert, proposed_contact, proposed_customer, CustomerChoice, NewIds,
};
use crate::domain::customer::{Customer, CustomerDetails};
use crate::domain::id::Id;
use crate::domain::lead::{Lead, LeadDetails, LeadStatus, Level, DEFAULT_SOURCES};
use crate::domain::team::TeamMember;

/// Lead sources, in the order of `DEFAULT_SOURCES`, weighted for leads that became customers,
/// for the others, and for customers entered directly: referrals convert, cold calls rarely.
const SOURCES_CONVERTED: [u64; 7] = [25, 30, 18, 6, 8, 9, 4];
const SOURCES_OPEN: [u64; 7] = [25, 6, 12, 25, 15, 12, 5];
const SOURCES_DIRECT: [u64; 7] = [20, 30, 20, 10, 10, 5, 5];

/// How a customer pays.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    OnTime,
    Late,
    /// Pays very late, or part of the plan never.
    Bad,
}

/// What the rest of the generator needs to know about a customer.
pub struct Account {
    pub created: i64,
    /// Index into `Words::cities`.
    pub city: usize,
    pub currency: &'static str,
    pub payer: Payer,
    /// Nobody has been in touch since this day: a forgotten customer.
    pub quiet_since: Option<i64>,
    pub contacts: Vec<usize>,
}

/// When a lead was worked on, and how much.
pub struct LeadWindow {
    pub from: i64,
    pub to: i64,
    pub weight: u64,
}

pub struct People {
    pub leads: Vec<Lead>,
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub accounts: Vec<Account>,
    pub lead_windows: Vec<LeadWindow>,
    /// Picks customers the way business comes: a few big ones buy most (80/20).
    pub by_size: Picker,
}

/// Name lists read once per run.
pub struct Names {
    surnames: Vec<Spelt>,
    given: Vec<Spelt>,
    brand_first: Vec<Spelt>,
    brand_second: Vec<Spelt>,
    taken: HashSet<String>,
}

impl Names {
    pub fn new(words: &super::Words) -> Names {
        Names {
            surnames: spelt(words.surnames),
            given: spelt(words.given),
            brand_first: spelt(words.brand_first),
            brand_second: spelt(words.brand_second),
            taken: HashSet::new(),
        }
    }
}

/// A company as its name says: where, what kind, and its web domain.
struct Company {
    name: String,
    city: usize,
    kind: usize,
    domain: String,
}

impl Gen {
    pub(super) fn team(&mut self) -> Vec<TeamMember> {
        let count = self.counts.team;
        let mut team = Vec::with_capacity(count);
        for at in 0..count {
            let (name, email) = self.person();
            let created = self.clock.at(&mut self.rng, self.clock.first + at as i64);
            let id = self.id(created);
            let email = format!("{email}@{}", self.words.team_domain);
            let mut member = TeamMember::new(id, &stamp(created), &name, &email)
                .expect("the demo's names and emails are valid");
            // One colleague has left: their records stay theirs.
            if at == count - 1 && count > 3 {
                member.active = false;
                member.meta.touch(&stamp(created + 300 * DAY));
            }
            team.push(member);
        }
        self.team = team.iter().map(|m| m.meta.id.clone()).collect();
        // The first is "me", a sales manager; the second the star; the one who left sold little.
        self.owners = Picker::new((0..count).map(|at| match at {
            0 => 16,
            1 => 26,
            _ if at == count - 1 && count > 3 => 4,
            _ => 20 - (at as u64 * 12 / count as u64),
        }));
        team
    }

    pub(super) fn people(&mut self) -> People {
        let customers = self.counts.customers;
        let converted = (customers * 45 / 100).min(self.counts.leads * 40 / 100);
        let mut people = People {
            leads: Vec::with_capacity(self.counts.leads),
            customers: Vec::with_capacity(customers),
            contacts: Vec::with_capacity(self.counts.contacts),
            accounts: Vec::with_capacity(customers),
            lead_windows: Vec::with_capacity(self.counts.leads),
            by_size: Picker::new([]),
        };
        for at in 0..customers {
            self.customer(&mut people, at < converted);
        }
        self.rank_customers(&mut people);
        for _ in customers..self.counts.contacts {
            let customer = people.by_size.pick(&mut self.rng);
            self.extra_contact(&mut people, customer);
        }
        for _ in converted..self.counts.leads {
            self.open_lead(&mut people);
        }
        people
    }

    /// Older customers tend to be the big ones; a customer's size decides how much it buys and
    /// its level.
    fn rank_customers(&mut self, people: &mut People) {
        let mut order: Vec<(i64, usize)> = people
            .accounts
            .iter()
            .enumerate()
            .map(|(at, a)| (a.created / DAY + self.rng.between(0, 240), at))
            .collect();
        sort_by(&mut order, Ord::cmp);
        let count = order.len().max(1);
        let mut weights = vec![0; order.len()];
        for (rank, (_, at)) in order.into_iter().enumerate() {
            weights[at] = 1_000_000 / (rank as u64 + 8);
            let level = match rank * 100 / count {
                0..15 => Level::A,
                15..50 => Level::B,
                _ => Level::C,
            };
            let customer = &mut people.customers[at];
            customer.details.level = Some(level);
        }
        people.by_size = Picker::new(weights);
    }

    fn customer(&mut self, people: &mut People, from_lead: bool) {
        let city = self.city();
        let company = self.company_name(city, true);
        let day = self
            .clock
            .busy_day(&mut self.rng, self.clock.first + 45, self.clock.last - 1);
        let created = self.clock.at(&mut self.rng, day);
        let owner = self.owner();
        let sources = if from_lead {
            SOURCES_CONVERTED
        } else {
            SOURCES_DIRECT
        };
        let source = DEFAULT_SOURCES[self.rng.weighted(&sources)].to_owned();
        let details = self.customer_details(&company, source);
        let (customer, contact) = if from_lead {
            self.converted_lead(people, &company, &details, created, &owner)
        } else {
            let meta = self.meta(created, &owner);
            let customer = Customer::create(meta, details).expect("demo customers are valid");
            let details = self.contact_details(&company, true);
            let added = created + self.rng.between(60, 3600);
            let meta = self.meta(added, &owner);
            let contact =
                Contact::create(meta, &customer.meta.id, details).expect("demo contacts are valid");
            (customer, contact)
        };
        let currency = {
            let currencies = self.words.currencies;
            currencies[self
                .rng
                .weighted_by(currencies.len(), |at| currencies[at].1)]
            .0
        };
        let payer = match self.rng.weighted(&[65, 25, 10]) {
            0 => Payer::OnTime,
            1 => Payer::Late,
            _ => Payer::Bad,
        };
        let quiet_since = (self.rng.percent(15) && day + 20 < self.clock.last - 100)
            .then(|| self.rng.between(day + 20, self.clock.last - 100));
        people.accounts.push(Account {
            created,
            city,
            currency,
            payer,
            quiet_since,
            contacts: vec![people.contacts.len()],
        });
        people.customers.push(customer);
        people.contacts.push(contact);
    }

    /// A lead worked for some weeks, qualified, then converted into this customer and a contact.
    fn converted_lead(
        &mut self,
        people: &mut People,
        company: &Company,
        customer: &CustomerDetails,
        converted_at: i64,
        owner: &Id,
    ) -> (Customer, Contact) {
        let created = (converted_at - self.rng.between(5, 45) * DAY).max(self.clock.first * DAY);
        let contacted = created + (converted_at - created) / 4;
        let qualified = created + (converted_at - created) * 3 / 4;
        let mut details = self.lead_details(company);
        details.source.clone_from(&customer.source);
        details.level = customer.level;
        let meta = self.meta(created, owner);
        let mut lead = Lead::create(meta, details).expect("demo leads are valid");
        lead.change_status(LeadStatus::Contacted, "", &stamp(contacted))
            .expect("a new lead can be contacted");
        lead.change_status(LeadStatus::Qualified, "", &stamp(qualified))
            .expect("a contacted lead can be qualified");
        let ids = NewIds {
            customer: self.id(converted_at),
            contact: self.id(converted_at),
        };
        let choice = CustomerChoice::New(Box::new(proposed_customer(&lead)));
        let now = stamp(converted_at);
        let done = convert(&lead, choice, proposed_contact(&lead), ids, &now)
            .expect("a qualified lead converts");
        let mut customer_record = done.new_customer.expect("the lead became a new customer");
        let contact = done.contact.expect("the lead's person became a contact");
        customer_record
            .edit(customer.clone(), &now)
            .expect("demo customers are valid");
        people.leads.push(done.lead);
        people.lead_windows.push(LeadWindow {
            from: created,
            to: converted_at,
            weight: 3,
        });
        (customer_record, contact)
    }

    /// A lead that has not become a customer: new, being worked on, qualified and waiting, or
    /// disqualified with a reason.
    fn open_lead(&mut self, people: &mut People) {
        let city = self.city();
        let company = self.company_name(city, false);
        let day = self
            .clock
            .busy_day(&mut self.rng, self.clock.first, self.clock.last);
        let created = self.clock.at(&mut self.rng, day);
        let age = self.clock.today - day;
        let weights: [u64; 4] = match age {
            0..30 => [50, 35, 10, 5],
            30..120 => [10, 35, 20, 35],
            _ => [5, 20, 15, 60],
        };
        let status = [
            LeadStatus::New,
            LeadStatus::Contacted,
            LeadStatus::Qualified,
            LeadStatus::Disqualified,
        ][self.rng.weighted(&weights)];
        let mut details = self.lead_details(&company);
        details.source = DEFAULT_SOURCES[self.rng.weighted(&SOURCES_OPEN)].to_owned();
        if status != LeadStatus::Disqualified && self.rng.percent(50) {
            let due = self
                .rng
                .between(self.clock.today - 10, self.clock.today + 20);
            details.next_follow_up = Some(super::clock::day_text(due));
        }
        let owner = self.owner();
        let meta = self.meta(created, &owner);
        let mut lead = Lead::create(meta, details).expect("demo leads are valid");
        let limit = self.clock.limit();
        let mut now = created;
        let mut step = |gen: &mut Gen, lead: &mut Lead, to: LeadStatus, reason: &str| {
            let next = (now + gen.rng.between(1, 10) * DAY).min(limit);
            if next > now {
                now = next;
                lead.change_status(to, reason, &stamp(now))
                    .expect("the demo's lead steps are allowed");
            }
        };
        match status {
            LeadStatus::Contacted => step(self, &mut lead, LeadStatus::Contacted, ""),
            LeadStatus::Qualified => {
                step(self, &mut lead, LeadStatus::Contacted, "");
                step(self, &mut lead, LeadStatus::Qualified, "");
            }
            LeadStatus::Disqualified => {
                if self.rng.percent(70) {
                    step(self, &mut lead, LeadStatus::Contacted, "");
                }
                let reason = *self.rng.pick(self.words.disqualify_reasons);
                step(self, &mut lead, LeadStatus::Disqualified, reason);
            }
            _ => {}
        }
        let weight = match lead.status {
            LeadStatus::New => 0,
            LeadStatus::Qualified => 3,
            _ => 2,
        };
        people.lead_windows.push(LeadWindow {
            from: created,
            to: if lead.status == LeadStatus::Disqualified {
                now
            } else {
                limit
            },
            weight,
        });
        people.leads.push(lead);
    }

    fn extra_contact(&mut self, people: &mut People, customer: usize) {
        let account = &people.accounts[customer];
        let from = account.created / DAY + 1;
        let day = self.clock.busy_day(&mut self.rng, from, from + 240);
        let created = self.clock.at(&mut self.rng, day).max(account.created + 60);
        let owner = people.customers[customer].meta.owner.clone();
        let company = Company {
            name: String::new(),
            city: account.city,
            kind: 0,
            domain: website_domain(&people.customers[customer].details.website),
        };
        let decision_maker = self.rng.percent(25);
        let details = self.contact_details(&company, decision_maker);
        let meta = self.meta(created, &owner);
        let contact = Contact::create(meta, &people.customers[customer].meta.id, details)
            .expect("demo contacts are valid");
        people.accounts[customer]
            .contacts
            .push(people.contacts.len());
        people.contacts.push(contact);
    }

    fn city(&mut self) -> usize {
        let cities = self.words.cities;
        self.rng.weighted_by(cities.len(), |at| cities[at].weight)
    }

    /// A person's name, and the part of an email address before the @.
    fn person(&mut self) -> (String, String) {
        let names = &self.names;
        let (family, family_latin) = &names.surnames[self.rng.index(names.surnames.len())];
        let (given, given_latin) = &names.given[self.rng.index(names.given.len())];
        if self.words.family_first {
            if self.rng.percent(60) {
                let (second, second_latin) = &names.given[self.rng.index(names.given.len())];
                let name = format!("{family}{given}{second}");
                (name, format!("{given_latin}{second_latin}.{family_latin}"))
            } else {
                (
                    format!("{family}{given}"),
                    format!("{given_latin}.{family_latin}"),
                )
            }
        } else {
            (
                format!("{given} {family}"),
                format!("{given_latin}.{family_latin}"),
            )
        }
    }

    /// A company in `city`; customers' names are never given twice.
    fn company_name(&mut self, city: usize, unique: bool) -> Company {
        let words = self.words;
        let city_name = words.cities[city].name;
        let mut tries = 0;
        loop {
            tries += 1;
            let first = self.rng.index(self.names.brand_first.len());
            let second = self.rng.index(self.names.brand_second.len());
            let (a, a_latin) = &self.names.brand_first[first];
            let (b, b_latin) = &self.names.brand_second[second];
            if a == b {
                continue;
            }
            let kind = self.rng.index(words.kinds.len());
            let legal = self.rng.pick(words.legal_forms);
            let word = words.kinds[kind].word;
            let mut name = if words.family_first {
                format!("{city_name}{a}{b}{word}{legal}")
            } else {
                format!("{a}{b} {word} {legal}")
            };
            if tries > 40 {
                name = format!("{name} {tries}");
            }
            let domain = format!(
                "{a_latin}{b_latin}{}.{}",
                words.kinds[kind].slug, words.email_domain
            );
            if unique && !self.names.taken.insert(name.clone()) {
                continue;
            }
            return Company {
                name,
                city,
                kind,
                domain,
            };
        }
    }

    fn phone(&mut self, city: usize, mobile: bool) -> String {
        let area = self.words.cities[city].area_code;
        let (a, b) = (self.rng.below(10_000), self.rng.below(10_000));
        if !self.words.family_first {
            return format!("+{area} 555-{a:04}");
        }
        if mobile {
            let prefix = self.rng.pick(&["13", "15", "17", "18", "19"]);
            format!("{prefix}{} {a:04} {b:04}", self.rng.below(10))
        } else {
            format!("{area}-{} {b:04}", 5000 + a % 4000)
        }
    }

    fn customer_details(&mut self, company: &Company, source: String) -> CustomerDetails {
        let words = self.words;
        let city = words.cities[company.city].name;
        let street = self.rng.pick(words.streets);
        let area = self.rng.pick(words.areas);
        let number = self.rng.between(1, 999);
        let address = if words.family_first {
            format!("{city}市{area}{street}{number}号")
        } else {
            format!("{number} {street}, {area}, {city}")
        };
        let mut tags = Vec::new();
        if self.rng.percent(30) {
            tags.push((*self.rng.pick(words.tags)).to_owned());
            if self.rng.percent(30) {
                tags.push((*self.rng.pick(words.tags)).to_owned());
            }
        }
        let next_follow_up = self.rng.percent(12).then(|| {
            let day = self
                .rng
                .between(self.clock.today - 7, self.clock.today + 21);
            super::clock::day_text(day)
        });
        CustomerDetails {
            name: company.name.clone(),
            industry: words.industries[words.kinds[company.kind].industry].to_owned(),
            level: None,
            source,
            city: city.to_owned(),
            address,
            phone: self.phone(company.city, false),
            website: format!("www.{}", company.domain),
            tags,
            notes: if self.rng.percent(10) {
                (*self.rng.pick(words.customer_notes)).to_owned()
            } else {
                String::new()
            },
            next_follow_up,
        }
    }

    fn contact_details(&mut self, company: &Company, decision_maker: bool) -> ContactDetails {
        let (name, local) = self.person();
        let titles = self.words.titles;
        let title = if decision_maker {
            titles[self.rng.index(4)]
        } else {
            titles[4 + self.rng.index(titles.len() - 4)]
        };
        ContactDetails {
            name,
            title: title.to_owned(),
            phone: self.phone(company.city, true),
            email: format!("{local}@{}", company.domain),
            decision_maker,
            notes: String::new(),
        }
    }

    fn lead_details(&mut self, company: &Company) -> LeadDetails {
        let decision_maker = self.rng.percent(50);
        let contact = self.contact_details(company, decision_maker);
        let words = self.words;
        LeadDetails {
            name: contact.name,
            company: company.name.clone(),
            title: contact.title,
            phone: contact.phone,
            email: contact.email,
            city: words.cities[company.city].name.to_owned(),
            source: String::new(),
            industry: words.industries[words.kinds[company.kind].industry].to_owned(),
            level: self
                .rng
                .percent(70)
                .then(|| Level::ALL[self.rng.weighted(&[15, 35, 50])]),
            notes: String::new(),
            next_follow_up: None,
        }
    }
}

fn website_domain(website: &str) -> String {
    website.trim_start_matches("www.").to_owned()
}
