//! What a lead list shows: search as you type, filters and sort, over the leads in memory.

use super::lead::{Lead, LeadStatus};
use super::places::{keep_places, placed, places_of, Placed};
use super::text::{contains_all, fold, search_words};
use super::typed_search::Narrows;
use crate::domain::sorting::{sort_by, sort_by_key};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeadSort {
    #[default]
    RecentlyUpdated,
    Newest,
    Name,
    Company,
    NextFollowUp,
}

impl LeadSort {
    pub const ALL: [LeadSort; 5] = [
        LeadSort::RecentlyUpdated,
        LeadSort::Newest,
        LeadSort::Name,
        LeadSort::Company,
        LeadSort::NextFollowUp,
    ];

    /// The places of the leads outside Trash, in this order: the list before any word or
    /// filter, kept by the list while the user types.
    pub fn order(self, leads: &[Lead]) -> Vec<u32> {
        let mut order: Vec<Placed<Lead>> = placed(leads)
            .filter(|lead| !lead.meta.is_deleted())
            .collect();
        sort(&mut order, self);
        places_of(&order)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadQuery {
    pub text: String,
    pub status: Option<LeadStatus>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub sort: LeadSort,
}

impl LeadQuery {
    /// The places of the leads outside Trash that match, in the chosen order.
    pub fn run(&self, leads: &[Lead]) -> Vec<u32> {
        self.filter(leads, &self.sort.order(leads))
    }

    /// The places, out of `from` (as [`LeadSort::order`] or [`LeadQuery::run`] gave them), of
    /// the leads that match, in that order.
    pub fn filter(&self, leads: &[Lead], from: &[u32]) -> Vec<u32> {
        let words = search_words(&self.text);
        keep_places(leads, from, |lead| self.keeps(lead, &words))
    }

    fn keeps(&self, lead: &Lead, words: &[String]) -> bool {
        self.status.is_none_or(|s| lead.status == s)
            && self
                .source
                .as_ref()
                .is_none_or(|s| &lead.details.source == s)
            && self.owner.as_ref().is_none_or(|o| &lead.meta.owner == o)
            && matches(lead, words)
    }
}

impl Narrows for LeadQuery {
    /// The same filters and sort, and the text typed further.
    fn narrows(&self, before: &LeadQuery) -> bool {
        self.status == before.status
            && self.source == before.source
            && self.owner == before.owner
            && self.sort == before.sort
            && self.text.starts_with(&before.text)
    }
}

fn matches(lead: &Lead, words: &[String]) -> bool {
    let d = &lead.details;
    let fields = [
        d.name.as_str(),
        &d.company,
        &d.title,
        &d.phone,
        &d.email,
        &d.city,
        &d.industry,
        &d.notes,
    ];
    contains_all(&fields, &d.phone, words)
}

fn sort(leads: &mut [Placed<Lead>], by: LeadSort) {
    match by {
        LeadSort::RecentlyUpdated => {
            sort_by(leads, |a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
        }
        LeadSort::Newest => sort_by(leads, |a, b| b.meta.created_at.cmp(&a.meta.created_at)),
        LeadSort::Name => sort_by_key(leads, |l| fold(l.display_name())),
        LeadSort::Company => sort_by_key(leads, |l| {
            (l.details.company.is_empty(), fold(&l.details.company))
        }),
        // Leads with a date come first, soonest first; those without wait at the end.
        LeadSort::NextFollowUp => sort_by(leads, |a, b| {
            match (&a.details.next_follow_up, &b.details.next_follow_up) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::LeadDetails;
    use crate::domain::record::RecordMeta;

    fn lead(id: &str, name: &str, company: &str, updated: &str) -> Lead {
        let mut meta = RecordMeta::new(id.into(), "2026-01-01T00:00:00Z", "me".into());
        meta.updated_at = updated.into();
        meta.created_at = updated.into();
        Lead::create(
            meta,
            LeadDetails {
                name: name.into(),
                company: company.into(),
                ..LeadDetails::default()
            },
        )
        .unwrap()
    }

    fn ids(all: &[Lead], found: Vec<u32>) -> Vec<&str> {
        found
            .iter()
            .map(|&p| all[p as usize].meta.id.as_str())
            .collect()
    }

    fn sample() -> Vec<Lead> {
        let mut a = lead("a", "王芳", "星辰科技", "2026-01-03T00:00:00Z");
        a.details.phone = "+86 138-0013-8000".into();
        a.details.source = "website".into();
        let mut b = lead("b", "Bob Smith", "ACME Ltd", "2026-01-02T00:00:00Z");
        b.details.source = "referral".into();
        b.meta.owner = "other".into();
        b.details.next_follow_up = Some("2026-02-01".into());
        let mut c = lead("c", "Alice", "", "2026-01-04T00:00:00Z");
        c.status = LeadStatus::Contacted;
        c.details.next_follow_up = Some("2026-01-15".into());
        let mut deleted = lead("d", "Deleted", "", "2026-01-05T00:00:00Z");
        deleted.meta.deleted_at = Some("2026-01-05T00:00:00Z".into());
        vec![a, b, c, deleted]
    }

    #[test]
    fn lists_everything_but_trash_most_recent_first() {
        let leads = sample();
        assert_eq!(
            ids(&leads, LeadQuery::default().run(&leads)),
            ["c", "a", "b"]
        );
    }

    #[test]
    fn searches_every_word_across_fields_case_and_width_blind() {
        let leads = sample();
        let search = |text: &str| {
            let query = LeadQuery {
                text: text.into(),
                ..LeadQuery::default()
            };
            ids(&leads, query.run(&leads))
        };
        assert_eq!(search("星辰"), ["a"]);
        assert_eq!(search("ＡＣＭＥ"), ["b"]);
        assert_eq!(search("bob acme"), ["b"]);
        assert_eq!(search("bob 星辰"), Vec::<&str>::new());
        assert_eq!(search("13800138000"), ["a"]);
        assert_eq!(search("deleted"), Vec::<&str>::new());
    }

    #[test]
    fn filters_by_status_source_and_owner() {
        let leads = sample();
        let by_status = LeadQuery {
            status: Some(LeadStatus::Contacted),
            ..LeadQuery::default()
        };
        assert_eq!(ids(&leads, by_status.run(&leads)), ["c"]);
        let by_source = LeadQuery {
            source: Some("referral".into()),
            ..LeadQuery::default()
        };
        assert_eq!(ids(&leads, by_source.run(&leads)), ["b"]);
        let by_owner = LeadQuery {
            owner: Some("me".into()),
            ..LeadQuery::default()
        };
        assert_eq!(ids(&leads, by_owner.run(&leads)), ["c", "a"]);
    }

    #[test]
    fn sorts_by_each_order() {
        let leads = sample();
        let sorted = |sort| {
            let query = LeadQuery {
                sort,
                ..LeadQuery::default()
            };
            ids(&leads, query.run(&leads))
        };
        assert_eq!(sorted(LeadSort::Name), ["c", "b", "a"]);
        assert_eq!(sorted(LeadSort::Company), ["b", "a", "c"]);
        assert_eq!(sorted(LeadSort::NextFollowUp), ["c", "b", "a"]);
        assert_eq!(sorted(LeadSort::Newest), ["c", "a", "b"]);
    }

    proptest::proptest! {
        /// Filtering what the shorter text found gives what searching every lead gives.
        #[test]
        fn what_was_found_before_holds_what_typing_further_finds(
            companies in proptest::collection::vec("[abAB 上é１0-9-]{0,6}", 0..12),
            before in "[abAB 上é１0-9-]{0,3}",
            further in "[abAB 上é１0-9-]{0,3}",
        ) {
            let leads: Vec<Lead> = companies
                .iter()
                .enumerate()
                .map(|(i, company)| lead(&i.to_string(), "Z", company, "2026-01-01T00:00:00Z"))
                .collect();
            let typed = |text: String| LeadQuery { text, ..LeadQuery::default() };
            let (first, then) = (typed(before.clone()), typed(format!("{before}{further}")));
            proptest::prop_assert!(then.narrows(&first));
            proptest::prop_assert_eq!(then.filter(&leads, &first.run(&leads)), then.run(&leads));
        }
    }
}
