//! What the customer list shows: search as you type, filters and sort.

use super::customer::Customer;
use super::lead::Level;
use super::text::{contains_all, fold, search_words};

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
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    pub text: String,
    pub level: Option<Level>,
    pub owner: Option<String>,
    pub sort: CustomerSort,
}

impl CustomerQuery {
    /// The customers outside Trash that match, in the chosen order.
    pub fn run<'a>(&self, customers: &'a [Customer]) -> Vec<&'a Customer> {
        let words = search_words(&self.text);
        let mut found: Vec<&Customer> = customers
            .iter()
            .filter(|c| !c.meta.is_deleted())
            .filter(|c| self.level.is_none_or(|l| c.details.level == Some(l)))
            .filter(|c| self.owner.as_ref().is_none_or(|o| &c.meta.owner == o))
            .filter(|c| {
                let d = &c.details;
                let tags = d.tags.join(" ");
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
                contains_all(&fields, &d.phone, &words)
            })
            .collect();
        match self.sort {
            CustomerSort::RecentlyUpdated => {
                found.sort_by(|a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
            }
            CustomerSort::Newest => found.sort_by(|a, b| b.meta.created_at.cmp(&a.meta.created_at)),
            CustomerSort::Name => found.sort_by_cached_key(|c| fold(&c.details.name)),
            CustomerSort::NextFollowUp => found.sort_by(|a, b| {
                let key = |c: &Customer| {
                    let day = c.details.next_follow_up.clone();
                    (day.is_none(), day)
                };
                key(a).cmp(&key(b))
            }),
        }
        found
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

    fn ids(found: Vec<&Customer>) -> Vec<&str> {
        found.iter().map(|c| c.meta.id.as_str()).collect()
    }

    #[test]
    fn searches_names_tags_and_phone_digits() {
        let customers = sample();
        let search = |text: &str| {
            let query = CustomerQuery {
                text: text.into(),
                ..CustomerQuery::default()
            };
            ids(query.run(&customers))
        };
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
        assert_eq!(ids(level.run(&customers)), ["a"]);
        let owner = CustomerQuery {
            owner: Some("li".into()),
            ..CustomerQuery::default()
        };
        assert_eq!(ids(owner.run(&customers)), ["b"]);
        let by_name = CustomerQuery {
            sort: CustomerSort::Name,
            ..CustomerQuery::default()
        };
        assert_eq!(ids(by_name.run(&customers)), ["b", "a"]);
        let by_follow_up = CustomerQuery {
            sort: CustomerSort::NextFollowUp,
            ..CustomerQuery::default()
        };
        assert_eq!(ids(by_follow_up.run(&customers)), ["b", "a"]);
    }
}
