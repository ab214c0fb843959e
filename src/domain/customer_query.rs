//! What the customer list shows: search as you type, filters and sort.

use crate::domain::sorting::{sort_by, sort_by_key};
use std::borrow::Cow;

use super::customer::Customer;
use super::lead::Level;
use super::places::{keep_places, placed, places_of, Placed};
use super::text::{contains_all, fold, search_words};
use super::typed_search::Narrows;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CustomerSort {
    #[default]
    RecentlyUpdated,
    Newest,
    Name,
    NextFollowUp,
}

impl CustomerSort {
    pub const ALL: [CustomerSort; 4] = [
        CustomerSort::RecentlyUpdated,
        CustomerSort::Newest,
        CustomerSort::Name,
        CustomerSort::NextFollowUp,
    ];

    /// The places of the customers outside Trash, in this order: the list before any word or
    /// filter. It changes only with the customers or the sort, so the list keeps it and a
    /// keystroke only filters it.
    pub fn order(self, customers: &[Customer]) -> Vec<u32> {
        let mut order: Vec<Placed<Customer>> =
            placed(customers).filter(|c| !c.meta.is_deleted()).collect();
        match self {
            CustomerSort::RecentlyUpdated => {
                sort_by(&mut order, |a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
            }
            CustomerSort::Newest => {
                sort_by(&mut order, |a, b| b.meta.created_at.cmp(&a.meta.created_at))
            }
            CustomerSort::Name => sort_by_key(&mut order, |c| fold(&c.details.name)),
            CustomerSort::NextFollowUp => sort_by(&mut order, |a, b| {
                follow_up_first(a).cmp(&follow_up_first(b))
            }),
        }
        places_of(&order)
    }
}

/// Customers with a follow-up day come first, soonest first.
fn follow_up_first(customer: &Customer) -> (bool, Option<&str>) {
    let day = customer.details.next_follow_up.as_deref();
    (day.is_none(), day)
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    pub text: String,
    pub level: Option<Level>,
    pub owner: Option<String>,
    pub sort: CustomerSort,
}

impl CustomerQuery {
    /// The places of the customers outside Trash that match, in the chosen order.
    pub fn run(&self, customers: &[Customer]) -> Vec<u32> {
        self.filter(customers, &self.sort.order(customers))
    }

    /// The places, out of `order` (as [`CustomerSort::order`] gave it), of the customers that
    /// match, in that order.
    pub fn filter(&self, customers: &[Customer], order: &[u32]) -> Vec<u32> {
        let words = search_words(&self.text);
        if words.is_empty() && self.level.is_none() && self.owner.is_none() {
            return order.to_vec();
        }
        keep_places(customers, order, |c| self.keeps(c, &words))
    }

    fn keeps(&self, customer: &Customer, words: &[String]) -> bool {
        let d = &customer.details;
        if self.level.is_some_and(|l| d.level != Some(l))
            || self
                .owner
                .as_ref()
                .is_some_and(|o| &customer.meta.owner != o)
        {
            return false;
        }
        // Joined only when there are two or more: most customers have one tag or none.
        let tags = match d.tags.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one.as_str()),
            many => Cow::Owned(many.join(" ")),
        };
        let fields = [
            d.name.as_str(),
            &d.industry,
            &d.city,
            &d.address,
            &d.phone,
            &d.website,
            &tags,
            &d.notes,
        ];
        contains_all(&fields, &d.phone, words)
    }
}

impl Narrows for CustomerQuery {
    /// The same filters and sort, and the text typed further: a word typed further is found
    /// only where the shorter word was.
    fn narrows(&self, before: &CustomerQuery) -> bool {
        self.level == before.level
            && self.owner == before.owner
            && self.sort == before.sort
            && self.text.starts_with(&before.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::CustomerDetails;
    use crate::domain::record::RecordMeta;

    fn customer(id: &str, name: &str, updated: &str) -> Customer {
        let mut meta = RecordMeta::new(id.into(), updated, "me".into());
        meta.updated_at = updated.into();
        let details = CustomerDetails {
            name: name.into(),
            ..CustomerDetails::default()
        };
        Customer::create(meta, details).unwrap()
    }

    fn sample() -> Vec<Customer> {
        let mut a = customer("a", "星辰科技", "2026-01-02T00:00:00Z");
        a.details.tags = vec!["重点".into()];
        a.details.level = Some(Level::A);
        a.details.phone = "0571-8888 1234".into();
        let mut b = customer("b", "ACME Ltd", "2026-01-03T00:00:00Z");
        b.meta.owner = "li".into();
        b.details.next_follow_up = Some("2026-03-01".into());
        let mut gone = customer("c", "Gone", "2026-01-04T00:00:00Z");
        gone.meta.deleted_at = Some("2026-01-04T00:00:00Z".into());
        vec![a, b, gone]
    }

    fn ids(all: &[Customer], found: Vec<u32>) -> Vec<&str> {
        found
            .iter()
            .map(|&p| all[p as usize].meta.id.as_str())
            .collect()
    }

    fn search<'a>(customers: &'a [Customer], text: &str) -> Vec<&'a str> {
        let query = CustomerQuery {
            text: text.into(),
            ..CustomerQuery::default()
        };
        ids(customers, query.run(customers))
    }

    #[test]
    fn searches_names_tags_and_phone_digits() {
        let customers = sample();
        let search = |text: &str| search(&customers, text);
        assert_eq!(search(""), ["b", "a"]);
        assert_eq!(search("重点"), ["a"]);
        assert_eq!(search("acme"), ["b"]);
        assert_eq!(search("88881234"), ["a"]);
        assert!(search("gone").is_empty());
    }

    #[test]
    fn filters_and_sorts() {
        let customers = sample();
        let level = CustomerQuery {
            level: Some(Level::A),
            ..CustomerQuery::default()
        };
        assert_eq!(ids(&customers, level.run(&customers)), ["a"]);
        let owner = CustomerQuery {
            owner: Some("li".into()),
            ..CustomerQuery::default()
        };
        assert_eq!(ids(&customers, owner.run(&customers)), ["b"]);
        let by_name = CustomerQuery {
            sort: CustomerSort::Name,
            ..CustomerQuery::default()
        };
        assert_eq!(ids(&customers, by_name.run(&customers)), ["b", "a"]);
        let by_follow_up = CustomerQuery {
            sort: CustomerSort::NextFollowUp,
            ..CustomerQuery::default()
        };
        assert_eq!(ids(&customers, by_follow_up.run(&customers)), ["b", "a"]);
    }

    #[test]
    fn finds_any_of_several_tags() {
        let mut customers = sample();
        customers[1].details.tags = vec!["export".into(), "重点".into(), "VIP".into()];
        let search = |text: &str| search(&customers, text);
        assert_eq!(search("重点"), ["b", "a"]);
        assert_eq!(search("vip export"), ["b"]);
    }

    #[test]
    fn typing_further_narrows_and_nothing_else_does() {
        let typed = |text: &str| CustomerQuery {
            text: text.into(),
            ..CustomerQuery::default()
        };
        assert!(typed("li w").narrows(&typed("li")));
        assert!(typed("li").narrows(&typed("li")));
        assert!(!typed("l").narrows(&typed("li")));
        assert!(!typed("wli").narrows(&typed("li")));
        let level_a = CustomerQuery {
            level: Some(Level::A),
            ..typed("li w")
        };
        assert!(!level_a.narrows(&typed("li")));
        let by_name = CustomerQuery {
            sort: CustomerSort::Name,
            ..typed("li w")
        };
        assert!(!by_name.narrows(&typed("li")));
    }

    proptest::proptest! {
        /// Filtering what the shorter text found gives what filtering every customer gives.
        #[test]
        fn what_was_found_before_holds_what_typing_further_finds(
            cities in proptest::collection::vec("[abAB 上éİ１-]{0,6}", 0..12),
            phones in proptest::collection::vec("[0-9 -]{0,6}", 12),
            before in "[abAB 上éİ１0-9-]{0,3}",
            further in "[abAB 上éİ１0-9-]{0,3}",
        ) {
            let customers: Vec<Customer> = cities
                .iter()
                .zip(&phones)
                .enumerate()
                .map(|(i, (city, phone))| {
                    let mut c = customer(&i.to_string(), "Z", "2026-01-01T00:00:00Z");
                    c.details.city = city.clone();
                    c.details.phone = phone.clone();
                    c
                })
                .collect();
            let typed = |text: String| CustomerQuery { text, ..CustomerQuery::default() };
            let (first, then) = (typed(before.clone()), typed(format!("{before}{further}")));
            proptest::prop_assert!(then.narrows(&first));
            let order = then.sort.order(&customers);
            let found_before = first.filter(&customers, &order);
            proptest::prop_assert_eq!(
                then.filter(&customers, &found_before),
                then.filter(&customers, &order)
            );
        }
    }

    #[test]
    fn a_kept_order_is_filtered_in_its_own_order() {
        let customers = sample();
        let order = CustomerSort::Name.order(&customers);
        assert_eq!(ids(&customers, order.clone()), ["b", "a"]);
        let query = CustomerQuery {
            text: "acme".into(),
            sort: CustomerSort::Name,
            ..CustomerQuery::default()
        };
        assert_eq!(ids(&customers, query.filter(&customers, &order)), ["b"]);
        let everyone = CustomerQuery {
            sort: CustomerSort::Name,
            ..CustomerQuery::default()
        };
        assert_eq!(everyone.filter(&customers, &order), order);
    }
}
