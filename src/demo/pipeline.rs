//! Opportunities through the pipeline: each opened at a customer, moved stage by stage with its
//! history kept, and won, lost with a reason, or still open, depending on how long ago it began.

use super::clock::{day_text, stamp, DAY};
use super::people::People;
use super::Gen;
use crate::domain::lead::DEFAULT_SOURCES;
use crate::domain::money::{document_totals, Line};
use crate::domain::opportunity::{default_stages, Opportunity, Outcome};
use crate::domain::product::Product;

/// Where a deal went, for the quotes, orders and activities made of it.
pub struct DealPlan {
    pub customer: usize,
    pub lines: Vec<Line>,
    pub outcome: Outcome,
    pub opened: i64,
    /// When it reached the proposal stage, if it did.
    pub proposed: Option<i64>,
    /// When it was won or lost.
    pub closed: Option<i64>,
}

pub struct Deals {
    pub opportunities: Vec<Opportunity>,
    pub plans: Vec<DealPlan>,
}

/// The default pipeline's open stages, the proposal among them, then Won and Lost.
const OPEN_STAGES: usize = 5;
const PROPOSAL: usize = 3;
const WON: usize = 5;
const LOST: usize = 6;

impl Gen {
    pub(super) fn opportunities(&mut self, people: &People, products: &[Product]) -> Deals {
        let count = self.counts.opportunities;
        let mut deals = Deals {
            opportunities: Vec::with_capacity(count),
            plans: Vec::with_capacity(count),
        };
        for _ in 0..count {
            let customer = people.by_size.pick(&mut self.rng);
            self.opportunity(&mut deals, people, products, customer);
        }
        deals
    }

    fn opportunity(
        &mut self,
        deals: &mut Deals,
        people: &People,
        products: &[Product],
        customer: usize,
    ) {
        let stages = default_stages();
        let account = &people.accounts[customer];
        let record = &people.customers[customer];
        let day = self
            .clock
            .busy_day(&mut self.rng, account.created / DAY + 1, self.clock.last);
        let opened = self.clock.at(&mut self.rng, day).max(account.created + 600);
        let owner = self.owner_or(&record.meta.owner);
        let (lines, main) = self.lines(products, account.currency);
        let amount = document_totals(&lines, account.currency).total.gross;
        let suffix = self.rng.pick(self.words.deal_suffixes);
        let title = format!("{}{suffix}", self.offers[main].deal);
        let meta = self.meta(opened, &owner);
        let mut opportunity = Opportunity::open(
            meta,
            &record.meta.id,
            &title,
            amount,
            account.currency,
            &stages[0],
        );
        // The customer's own id, shared, as a start reads it back from the packed copy.
        opportunity.customer_id = record.meta.id.clone();
        opportunity.source = if record.details.source.is_empty() {
            DEFAULT_SOURCES[0].to_owned()
        } else {
            record.details.source.clone()
        };
        opportunity.contact_ids = account
            .contacts
            .iter()
            .take(2)
            .map(|&c| people.contacts[c].meta.id.clone())
            .collect();

        let (outcome, reach) = self.fate(day, &owner, &opportunity.source);
        let limit = self.clock.limit();
        let mut now = opened;
        let mut proposed = None;
        let mut closed = None;
        for (at, stage) in stages.iter().enumerate().take(reach + 1).skip(1) {
            // Small deals skip the analysis; the proposal and negotiation are never skipped.
            if at < PROPOSAL && at < reach && self.rng.percent(15) {
                continue;
            }
            let next = now + self.rng.between(2, 21) * DAY + self.rng.between(0, 3600);
            if next > limit {
                break;
            }
            now = next;
            opportunity
                .move_to(stage, "", &stamp(now))
                .expect("each stage is a new one");
            if at == PROPOSAL {
                proposed = Some(now);
            }
        }
        let finished = opportunity.stage_id == stages[reach].id;
        if outcome != Outcome::Open && finished {
            let next = now + self.rng.between(3, 20) * DAY;
            if next <= limit {
                now = next;
                let (stage, reason) = match outcome {
                    Outcome::Won => (&stages[WON], ""),
                    _ => (&stages[LOST], *self.rng.pick(self.words.lost_reasons)),
                };
                opportunity
                    .move_to(stage, reason, &stamp(now))
                    .expect("closing a deal is allowed");
                closed = Some(now);
            }
        }
        let outcome = if closed.is_some() {
            outcome
        } else {
            Outcome::Open
        };
        let close_day = match closed {
            Some(at) => at / DAY,
            None if self.rng.percent(15) => {
                self.rng.between(self.clock.today - 30, self.clock.last)
            }
            None => now / DAY + self.rng.between(10, 90),
        };
        opportunity.expected_close = Some(day_text(close_day.max(opened / DAY)));
        if outcome == Outcome::Open && self.rng.percent(40) {
            let due = self
                .rng
                .between(self.clock.today - 5, self.clock.today + 14);
            opportunity.next_follow_up = Some(day_text(due));
        }
        deals.opportunities.push(opportunity);
        deals.plans.push(DealPlan {
            customer,
            lines,
            outcome,
            opened,
            proposed,
            closed,
        });
    }

    /// How a deal opened on `day` ends, and the last open stage it reaches. Older deals are
    /// decided; the star seller and referrals win more often, cold calls less.
    fn fate(&mut self, day: i64, owner: &str, source: &str) -> (Outcome, usize) {
        let age = self.clock.today - day;
        let open = match age {
            0..21 => 100,
            21..60 => 60,
            60..120 => 30,
            _ => 6,
        };
        if self.rng.percent(open) {
            return (Outcome::Open, self.rng.weighted(&[30, 25, 20, 15, 10]));
        }
        let mut win: i64 = 45;
        if self.team.get(1).is_some_and(|star| star == owner) {
            win += 15;
        }
        win += match source {
            "referral" => 12,
            "trade_fair" => 5,
            "cold_call" => -15,
            _ => 0,
        };
        if self.rng.percent(win.clamp(5, 95) as u64) {
            (Outcome::Won, OPEN_STAGES - 1)
        } else {
            (Outcome::Lost, self.rng.weighted(&[20, 20, 25, 25, 10]))
        }
    }
}
