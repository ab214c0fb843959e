//! What the contact, opportunity and activity lists show: search as you type across the useful
//! fields (the name of the record each belongs to included), filters and sort.
//!
//! `names` maps record ids (customers, leads, opportunities) to the names they are shown by.

use super::activity::{Activity, ActivityKind};
use super::contact::Contact;
use super::id::Id;
use super::opportunity::Opportunity;
use super::places::{keep_places, placed, places_of, Placed};
use super::text::{contains_all, fold, search_words};
use super::typed_search::Narrows;
use crate::domain::sorting::{sort_by, sort_by_key};

/// Looked up for every record at each keystroke, so hashed with FxHash rather than SipHash.
pub type Names = rustc_hash::FxHashMap<Id, String>;

fn name<'a>(names: &'a Names, id: Option<&Id>) -> &'a str {
    id.and_then(|id| names.get(id.as_str()))
        .map_or("", String::as_str)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContactSort {
    #[default]
    Name,
    Customer,
    RecentlyUpdated,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactQuery {
    pub text: String,
    pub owner: Option<String>,
    pub decision_makers_only: bool,
    pub sort: ContactSort,
}

impl ContactQuery {
    /// The places of the contacts outside Trash that match, in the chosen order.
    pub fn run(&self, contacts: &[Contact], names: &Names) -> Vec<u32> {
        let words = search_words(&self.text);
        let mut found: Vec<Placed<Contact>> = placed(contacts)
            .filter(|c| !c.meta.is_deleted() && self.keeps(c, names, &words))
            .collect();
        match self.sort {
            ContactSort::Name => sort_by_key(&mut found, |c| fold(&c.details.name)),
            ContactSort::Customer => sort_by_key(&mut found, |c| {
                (
                    fold(name(names, Some(&c.customer_id))),
                    fold(&c.details.name),
                )
            }),
            ContactSort::RecentlyUpdated => {
                sort_by(&mut found, |a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
            }
        }
        places_of(&found)
    }

    /// The places, out of `from` (as [`ContactQuery::run`] gave them), of the contacts that
    /// match, in that order.
    pub fn filter(&self, contacts: &[Contact], names: &Names, from: &[u32]) -> Vec<u32> {
        let words = search_words(&self.text);
        keep_places(contacts, from, |c| self.keeps(c, names, &words))
    }

    fn keeps(&self, c: &Contact, names: &Names, words: &[String]) -> bool {
        let d = &c.details;
        let fields = [
            d.name.as_str(),
            &d.title,
            &d.phone,
            &d.email,
            &d.notes,
            name(names, Some(&c.customer_id)),
        ];
        self.owner.as_ref().is_none_or(|o| &c.meta.owner == o)
            && (!self.decision_makers_only || d.decision_maker)
            && contains_all(&fields, &d.phone, words)
    }
}

impl Narrows for ContactQuery {
    /// The same filters and sort, and the text typed further.
    fn narrows(&self, before: &ContactQuery) -> bool {
        self.owner == before.owner
            && self.decision_makers_only == before.decision_makers_only
            && self.sort == before.sort
            && self.text.starts_with(&before.text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OpportunitySort {
    #[default]
    RecentlyUpdated,
    AmountHighest,
    ExpectedClose,
    Title,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpportunityQuery {
    pub text: String,
    pub stage: Option<String>,
    pub owner: Option<String>,
    pub sort: OpportunitySort,
}

impl OpportunityQuery {
    /// The places of the opportunities outside Trash that match, in the chosen order.
    pub fn run(&self, opportunities: &[Opportunity], names: &Names) -> Vec<u32> {
        let words = search_words(&self.text);
        let mut found: Vec<Placed<Opportunity>> = placed(opportunities)
            .filter(|o| !o.meta.is_deleted() && self.keeps(o, names, &words))
            .collect();
        match self.sort {
            OpportunitySort::RecentlyUpdated => {
                sort_by(&mut found, |a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
            }
            OpportunitySort::AmountHighest => {
                sort_by_key(&mut found, |o| std::cmp::Reverse(o.amount))
            }
            OpportunitySort::ExpectedClose => sort_by(&mut found, |a, b| {
                let key = |o: &Opportunity| (o.expected_close.is_none(), o.expected_close.clone());
                key(a).cmp(&key(b))
            }),
            OpportunitySort::Title => sort_by_key(&mut found, |o| fold(&o.title)),
        }
        places_of(&found)
    }

    /// The places, out of `from` (as [`OpportunityQuery::run`] gave them), of the
    /// opportunities that match, in that order.
    pub fn filter(&self, opportunities: &[Opportunity], names: &Names, from: &[u32]) -> Vec<u32> {
        let words = search_words(&self.text);
        keep_places(opportunities, from, |o| self.keeps(o, names, &words))
    }

    fn keeps(&self, o: &Opportunity, names: &Names, words: &[String]) -> bool {
        let fields = [
            o.title.as_str(),
            name(names, Some(&o.customer_id)),
            &o.currency,
        ];
        self.stage.as_ref().is_none_or(|s| &o.stage_id == s)
            && self.owner.as_ref().is_none_or(|w| &o.meta.owner == w)
            && contains_all(&fields, "", words)
    }
}

impl Narrows for OpportunityQuery {
    /// The same filters and sort, and the text typed further.
    fn narrows(&self, before: &OpportunityQuery) -> bool {
        self.stage == before.stage
            && self.owner == before.owner
            && self.sort == before.sort
            && self.text.starts_with(&before.text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActivitySort {
    #[default]
    Newest,
    Oldest,
    Due,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityQuery {
    pub text: String,
    pub kind: Option<ActivityKind>,
    pub owner: Option<String>,
    pub open_tasks_only: bool,
    pub sort: ActivitySort,
}

impl ActivitySort {
    /// The places of the activities outside Trash, in this order: the list before any word or
    /// filter, kept by the list while the user types.
    pub fn order(self, activities: &[Activity]) -> Vec<u32> {
        let mut order: Vec<Placed<Activity>> = placed(activities)
            .filter(|a| !a.meta.is_deleted())
            .collect();
        match self {
            ActivitySort::Newest => sort_by(&mut order, |a, b| b.at.cmp(&a.at)),
            ActivitySort::Oldest => sort_by(&mut order, |a, b| a.at.cmp(&b.at)),
            ActivitySort::Due => sort_by(&mut order, |a, b| due_first(a).cmp(&due_first(b))),
        }
        places_of(&order)
    }
}

impl ActivityQuery {
    /// The places of the activities outside Trash that match, in the chosen order.
    pub fn run(&self, activities: &[Activity], names: &Names) -> Vec<u32> {
        self.filter(activities, names, &self.sort.order(activities))
    }

    /// The places, out of `from` (as [`ActivitySort::order`] or [`ActivityQuery::run`] gave
    /// them), of the activities that match, in that order.
    pub fn filter(&self, activities: &[Activity], names: &Names, from: &[u32]) -> Vec<u32> {
        let words = search_words(&self.text);
        keep_places(activities, from, |a| self.keeps(a, names, &words))
    }

    fn keeps(&self, a: &Activity, names: &Names, words: &[String]) -> bool {
        let own = [a.details.subject.as_str(), &a.details.body];
        // The names of what it is about are looked up only for a word its own text lacks.
        let mut about = None;
        let l = &a.links;
        self.kind.is_none_or(|k| a.details.kind == k)
            && self.owner.as_ref().is_none_or(|o| &a.meta.owner == o)
            && (!self.open_tasks_only || a.is_open_task())
            && words.iter().all(|word| {
                let word = std::slice::from_ref(word);
                contains_all(&own, "", word)
                    || contains_all(
                        about.get_or_insert_with(|| {
                            [
                                name(names, l.customer_id.as_ref()),
                                name(names, l.lead_id.as_ref()),
                                name(names, l.opportunity_id.as_ref()),
                                name(names, l.contact_id.as_ref()),
                            ]
                        }),
                        "",
                        word,
                    )
            })
    }
}

/// Tasks with a due day come first, soonest first.
fn due_first(activity: &Activity) -> (bool, Option<&str>) {
    let due = activity.details.due.as_deref();
    (due.is_none(), due)
}

impl Narrows for ActivityQuery {
    /// The same filters and sort, and the text typed further.
    fn narrows(&self, before: &ActivityQuery) -> bool {
        self.kind == before.kind
            && self.owner == before.owner
            && self.open_tasks_only == before.open_tasks_only
            && self.sort == before.sort
            && self.text.starts_with(&before.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::{ActivityDetails, Links};
    use crate::domain::contact::ContactDetails;
    use crate::domain::opportunity::default_stages;
    use crate::domain::record::RecordMeta;
    use rust_decimal::Decimal;

    fn meta(id: &str, owner: &str) -> RecordMeta {
        RecordMeta::new(
            id.into(),
            &format!("2026-01-0{}T00:00:00Z", id.len()),
            owner.into(),
        )
    }

    fn names() -> Names {
        [("c1", "上海华东贸易"), ("c2", "Acme")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.to_owned()))
            .collect()
    }

    #[test]
    fn contacts_match_their_customers_name_in_any_width() {
        let contact = |id: &str, name: &str, customer: &str, boss: bool| {
            let details = ContactDetails {
                name: name.into(),
                phone: "+86 138-0013-8000".into(),
                decision_maker: boss,
                ..ContactDetails::default()
            };
            Contact::create(meta(id, "me"), customer, details).unwrap()
        };
        let all = vec![
            contact("a", "王芳", "c1", true),
            contact("bb", "Bob", "c2", false),
            contact("ccc", "Zoë", "c2", true),
        ];
        let ids = |q: &ContactQuery| {
            q.run(&all, &names())
                .iter()
                .map(|&p| all[p as usize].details.name.clone())
                .collect::<Vec<_>>()
        };
        let by_text = |text: &str| ContactQuery {
            text: text.into(),
            ..ContactQuery::default()
        };
        assert_eq!(ids(&by_text("华东")), ["王芳"]);
        assert_eq!(ids(&by_text("ＡＣＭＥ")), ["Bob", "Zoë"]);
        assert_eq!(ids(&by_text("13800138000")).len(), 3);
        let bosses = ContactQuery {
            decision_makers_only: true,
            sort: ContactSort::Customer,
            ..ContactQuery::default()
        };
        assert_eq!(ids(&bosses), ["Zoë", "王芳"]);
    }

    #[test]
    fn opportunities_filter_by_stage_and_sort_by_amount() {
        let stages = default_stages();
        let open = |id: &str, title: &str, amount: i64, stage: usize| {
            Opportunity::open(
                meta(id, "me"),
                "c1",
                title,
                Decimal::from(amount),
                "CNY",
                &stages[stage],
            )
        };
        let all = vec![
            open("a", "ERP", 100, 0),
            open("bb", "CRM", 900, 0),
            open("ccc", "Cloud", 500, 5),
        ];
        let titles = |q: &OpportunityQuery| {
            q.run(&all, &names())
                .iter()
                .map(|&p| all[p as usize].title.clone())
                .collect::<Vec<_>>()
        };
        let richest = OpportunityQuery {
            sort: OpportunitySort::AmountHighest,
            ..OpportunityQuery::default()
        };
        assert_eq!(titles(&richest), ["CRM", "Cloud", "ERP"]);
        let won = OpportunityQuery {
            stage: Some("won".into()),
            ..OpportunityQuery::default()
        };
        assert_eq!(titles(&won), ["Cloud"]);
        let by_customer = OpportunityQuery {
            text: "华东 crm".into(),
            ..OpportunityQuery::default()
        };
        assert_eq!(titles(&by_customer), ["CRM"]);
    }

    #[test]
    fn activities_by_kind_open_tasks_and_what_they_are_about() {
        let log = |id: &str, kind: ActivityKind, subject: &str, customer: &str| {
            let details = ActivityDetails {
                kind,
                subject: subject.into(),
                due: (kind == ActivityKind::Task).then(|| "2026-02-01".into()),
                ..ActivityDetails::default()
            };
            let links = Links {
                customer_id: Some(customer.into()),
                ..Links::default()
            };
            Activity::log(meta(id, "me"), details, links).unwrap()
        };
        let mut done = log("dddd", ActivityKind::Task, "send contract", "c2");
        done.set_done(true, "2026-01-09T00:00:00Z");
        let all = vec![
            log("a", ActivityKind::Call, "intro call", "c1"),
            log("bb", ActivityKind::Task, "send quote", "c1"),
            log("ccc", ActivityKind::Note, "budget approved", "c2"),
            done,
        ];
        let subjects = |q: &ActivityQuery| {
            q.run(&all, &names())
                .iter()
                .map(|&p| all[p as usize].details.subject.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            subjects(&ActivityQuery::default()),
            [
                "send contract",
                "budget approved",
                "send quote",
                "intro call"
            ]
        );
        let tasks = ActivityQuery {
            open_tasks_only: true,
            ..ActivityQuery::default()
        };
        assert_eq!(subjects(&tasks), ["send quote"]);
        let about = ActivityQuery {
            text: "acme".into(),
            kind: Some(ActivityKind::Note),
            ..ActivityQuery::default()
        };
        assert_eq!(subjects(&about), ["budget approved"]);
        // One word in its own text, one in the name of what it is about, in either order.
        for text in ["send 华东", "华东 send"] {
            let both = ActivityQuery {
                text: text.into(),
                ..ActivityQuery::default()
            };
            assert_eq!(subjects(&both), ["send quote"]);
        }
    }

    proptest::proptest! {
        /// Filtering what the shorter text found gives what searching every activity gives,
        /// the names of what they are about included.
        #[test]
        fn what_was_found_before_holds_what_typing_further_finds(
            bodies in proptest::collection::vec(("[abAB 上é１-]{0,6}", 0..3usize), 0..12),
            before in "[abAB 上é１-]{0,3}",
            further in "[abAB 上é１-]{0,3}",
        ) {
            let customers = ["c1", "c2", "nobody"];
            let all: Vec<Activity> = bodies
                .iter()
                .enumerate()
                .map(|(i, (body, customer))| {
                    let details = ActivityDetails {
                        subject: "Z".into(),
                        body: body.clone(),
                        ..ActivityDetails::default()
                    };
                    let links = Links {
                        customer_id: Some(customers[*customer].into()),
                        ..Links::default()
                    };
                    Activity::log(meta(&"a".repeat(i + 1), "me"), details, links).unwrap()
                })
                .collect();
            let typed = |text: String| ActivityQuery { text, ..ActivityQuery::default() };
            let (first, then) = (typed(before.clone()), typed(format!("{before}{further}")));
            proptest::prop_assert!(then.narrows(&first));
            let names = names();
            proptest::prop_assert_eq!(
                then.filter(&all, &names, &first.run(&all, &names)),
                then.run(&all, &names)
            );
        }
    }
}
