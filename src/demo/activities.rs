//! The timeline: calls, emails, meetings, visits, messages, notes and tasks on leads, deals and
//! customers over the whole history, tasks open around today, and some customers left alone so
//! long that they count as forgotten.

use super::clock::{day_text, stamp, DAY};
use super::people::People;
use super::pipeline::Deals;
use super::rng::Picker;
use super::Gen;
use crate::domain::activity::{Activity, ActivityDetails, ActivityKind, Links};
use crate::domain::id::Id;

/// Kinds of activity, in the order of `ActivityKind::ALL`, weighted by what they are about.
const ON_LEADS: [u64; 7] = [40, 30, 0, 0, 15, 5, 10];
const ON_DEALS: [u64; 7] = [20, 20, 20, 12, 10, 8, 10];
const ON_CUSTOMERS: [u64; 7] = [30, 15, 10, 20, 10, 5, 10];

/// What an activity is about, who usually does it, and when it can happen.
struct Subject {
    links: Links,
    owner: Id,
    from: i64,
    to: i64,
    kinds: &'static [u64; 7],
}

impl Gen {
    pub(super) fn activities(&mut self, people: &People, deals: &Deals) -> Vec<Activity> {
        let total = self.counts.activities;
        let on_leads = total * 23 / 100;
        let on_deals = total * 52 / 100;
        let leads = Picker::new(people.lead_windows.iter().map(|w| w.weight));
        let limit = self.clock.limit();
        let mut activities = Vec::with_capacity(total);
        for n in 0..total {
            let subject = if n < on_leads {
                let at = leads.pick(&mut self.rng);
                let (lead, window) = (&people.leads[at], &people.lead_windows[at]);
                Subject {
                    links: Links {
                        lead_id: Some(lead.meta.id.clone()),
                        ..Links::default()
                    },
                    owner: lead.meta.owner.clone(),
                    from: window.from,
                    to: window.to,
                    kinds: &ON_LEADS,
                }
            } else if n < on_leads + on_deals {
                let at = self.rng.index(deals.plans.len());
                let (deal, plan) = (&deals.opportunities[at], &deals.plans[at]);
                Subject {
                    links: Links {
                        customer_id: Some(deal.customer_id.clone()),
                        contact_id: self.some_contact(people, plan.customer),
                        opportunity_id: Some(deal.meta.id.clone()),
                        ..Links::default()
                    },
                    owner: deal.meta.owner.clone(),
                    from: plan.opened,
                    to: plan.closed.unwrap_or(limit),
                    kinds: &ON_DEALS,
                }
            } else {
                let at = people.by_size.pick(&mut self.rng);
                let (customer, account) = (&people.customers[at], &people.accounts[at]);
                Subject {
                    links: Links {
                        customer_id: Some(customer.meta.id.clone()),
                        contact_id: self.some_contact(people, at),
                        ..Links::default()
                    },
                    owner: customer.meta.owner.clone(),
                    from: account.created,
                    to: account.quiet_since.map_or(limit, |day| day * DAY),
                    kinds: &ON_CUSTOMERS,
                }
            };
            activities.push(self.activity(subject));
        }
        activities
    }

    fn some_contact(&mut self, people: &People, customer: usize) -> Option<Id> {
        let contacts = &people.accounts[customer].contacts;
        (self.rng.percent(70) && !contacts.is_empty()).then(|| {
            people.contacts[contacts[self.rng.index(contacts.len())]]
                .meta
                .id
                .clone()
        })
    }

    fn activity(&mut self, subject: Subject) -> Activity {
        let kind = ActivityKind::ALL[self.rng.weighted(subject.kinds)];
        let words = self.words;
        let subjects = words.subjects[ActivityKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0)];
        let limit = self.clock.limit();
        // A fifth of the tasks are the current ones: written down lately, due around today.
        let current = kind == ActivityKind::Task && subject.to >= limit && self.rng.percent(20);
        let (from_day, to_day) = if current {
            (
                (self.clock.today - 12).max(subject.from / DAY),
                self.clock.last,
            )
        } else {
            (subject.from / DAY, subject.to.min(limit) / DAY)
        };
        let day = self.clock.busy_day(&mut self.rng, from_day, to_day);
        let at = self
            .clock
            .at(&mut self.rng, day)
            .clamp(subject.from + 60, limit.max(subject.from + 60));
        let due = (kind == ActivityKind::Task).then(|| {
            if current {
                self.rng
                    .between(self.clock.today - 5, self.clock.today + 10)
            } else {
                day + self.rng.between(1, 14)
            }
        });
        let details = ActivityDetails {
            kind,
            subject: (*self.rng.pick(subjects)).to_owned(),
            body: if self.rng.percent(20) {
                (*self.rng.pick(words.bodies)).to_owned()
            } else {
                String::new()
            },
            due: due.map(day_text),
        };
        let owner = self.owner_or(&subject.owner);
        let meta = self.meta(at, &owner);
        let mut activity =
            Activity::log(meta, details, subject.links).expect("demo activities are valid");
        if let Some(due) = due {
            let done = match self.clock.today - due {
                3.. => 95,
                1..3 => 40,
                _ => 10,
            };
            let done_at = (due * DAY + 12 * 3600).clamp(at + 60, limit.max(at + 60));
            if self.rng.percent(done) && done_at <= limit {
                activity.set_done(true, &stamp(done_at));
            }
        }
        activity
    }
}
