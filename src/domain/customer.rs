//! Customers (客户): the companies or people the business sells to.

use crate::domain::sorting::sort_by_key;
use serde::{Deserialize, Serialize};

use super::duplicate::{Identity, MatchReason};
use super::id::Id;
use super::lead::Level;
use super::record::{record_serde, Record, RecordMeta};
use super::validate::{tidy, Checks, Details, Field, FieldProblem, NOTES_MAX, SHORT_TEXT_MAX};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Customer {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub details: CustomerDetails,
    /// The lead this customer was made from, if any.
    #[serde(default)]
    pub from_lead: Option<Id>,
    /// When its first order was confirmed: from then on it is a customer that has bought.
    #[serde(default)]
    pub won_at: Option<String>,
}

record_serde!(Customer {
    meta: RecordMeta,
    details: CustomerDetails,
    from_lead: Option<Id>,
    won_at: Option<String>,
});

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerDetails {
    pub name: String,
    pub industry: String,
    pub level: Option<Level>,
    pub source: String,
    pub city: String,
    pub address: String,
    pub phone: String,
    pub website: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// `YYYY-MM-DD`.
    pub next_follow_up: Option<String>,
}

impl Details for CustomerDetails {
    fn tidied(mut self) -> Self {
        tidy(
            &mut [
                &mut self.name,
                &mut self.industry,
                &mut self.source,
                &mut self.city,
                &mut self.address,
                &mut self.phone,
                &mut self.website,
                &mut self.notes,
            ],
            &mut self.next_follow_up,
        );
        self.tags = tidy_tags(&self.tags);
        self
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        checks.required(Field::Name, &self.name);
        checks.phone(Field::Phone, &self.phone);
        checks.day(Field::NextFollowUp, self.next_follow_up.as_deref());
        for (field, text, max) in [
            (Field::Name, &self.name, SHORT_TEXT_MAX),
            (Field::Industry, &self.industry, SHORT_TEXT_MAX),
            (Field::City, &self.city, SHORT_TEXT_MAX),
            (Field::Address, &self.address, SHORT_TEXT_MAX),
            (Field::Website, &self.website, SHORT_TEXT_MAX),
            (Field::Notes, &self.notes, NOTES_MAX),
        ] {
            checks.max_len(field, text, max);
        }
        for tag in &self.tags {
            checks.max_len(Field::Tags, tag, SHORT_TEXT_MAX);
        }
        checks.into_problems()
    }
}

/// Tags as typed in one box: split on commas (either width) and semicolons, trimmed, no repeats.
pub fn parse_tags(text: &str) -> Vec<String> {
    let parts: Vec<String> = text
        .split([',', '，', ';', '；', '、'])
        .map(str::to_owned)
        .collect();
    tidy_tags(&parts)
}

fn tidy_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|t| t == tag) {
            out.push(tag.to_owned());
        }
    }
    out
}

impl super::activity::FollowUp for Customer {
    fn set_next_follow_up(&mut self, day: String) {
        self.details.next_follow_up = Some(day);
    }
}

impl Record for Customer {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

impl Customer {
    pub fn create(meta: RecordMeta, details: CustomerDetails) -> Result<Self, Vec<FieldProblem>> {
        Ok(Customer {
            meta,
            details: details.checked()?,
            from_lead: None,
            won_at: None,
        })
    }

    /// Replaces the details after checking them; on any problem the customer is left as it was.
    pub fn edit(&mut self, details: CustomerDetails, now: &str) -> Result<(), Vec<FieldProblem>> {
        self.details = details.checked()?;
        self.meta.touch(now);
        Ok(())
    }

    /// Marks it won, the first time only; says whether anything changed.
    pub fn mark_won(&mut self, now: &str) -> bool {
        if self.won_at.is_some() {
            return false;
        }
        self.won_at = Some(now.to_owned());
        self.meta.touch(now);
        true
    }

    pub fn identity(&self) -> Identity {
        Identity::new(&self.details.name, &self.details.phone, "")
    }
}

/// Customers outside Trash that look like `identity`, strongest match first, leaving out `except`
/// (the customer being edited).
pub fn similar_customers<'a>(
    identity: &Identity,
    customers: &'a [Customer],
    except: Option<&str>,
) -> Vec<(&'a Customer, Vec<MatchReason>)> {
    let mut found: Vec<_> = customers
        .iter()
        .filter(|c| !c.meta.is_deleted() && Some(c.meta.id.as_str()) != except)
        .filter_map(|c| {
            let reasons = identity.matches(&c.identity());
            (!reasons.is_empty()).then_some((c, reasons))
        })
        .collect();
    sort_by_key(&mut found, |(_, reasons)| std::cmp::Reverse(reasons.len()));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    const T0: &str = "2026-01-01T00:00:00Z";

    fn customer(id: &str, name: &str, phone: &str) -> Customer {
        let details = CustomerDetails {
            name: name.into(),
            phone: phone.into(),
            ..CustomerDetails::default()
        };
        Customer::create(RecordMeta::new(id.into(), T0, "me".into()), details).unwrap()
    }

    #[test]
    fn a_customer_needs_a_name() {
        let meta = RecordMeta::new("c".into(), T0, "me".into());
        let err = Customer::create(meta, CustomerDetails::default()).unwrap_err();
        assert_eq!(err[0].field, Field::Name);
        assert_eq!(err[0].problem, Problem::Required);
    }

    #[test]
    fn tags_split_on_either_comma_and_drop_repeats() {
        assert_eq!(
            parse_tags("VIP， 华东,vip ; 重点、华东"),
            ["VIP", "华东", "vip", "重点"]
        );
        assert!(parse_tags(" , ，").is_empty());
    }

    #[test]
    fn similar_customers_are_found_by_name_or_phone() {
        let customers = vec![
            customer("a", "星辰科技", "+86 138-0013-8000"),
            customer("b", "ACME Ltd", "010-1234-5678"),
            customer("c", "Other", "13800138000"),
        ];
        let probe = Identity::new("星辰 科技", "13800138000", "");
        let found: Vec<_> = similar_customers(&probe, &customers, None)
            .into_iter()
            .map(|(c, r)| (c.meta.id.as_str(), r))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a", vec![MatchReason::Name, MatchReason::Phone]),
                ("c", vec![MatchReason::Phone])
            ]
        );
        assert_eq!(similar_customers(&probe, &customers, Some("a")).len(), 1);
    }

    #[test]
    fn customers_in_trash_are_not_duplicates() {
        let mut gone = customer("a", "星辰科技", "");
        gone.meta.move_to_trash(T0);
        let probe = Identity::new("星辰科技", "", "");
        assert!(similar_customers(&probe, &[gone], None).is_empty());
    }
}
