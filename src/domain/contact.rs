//! Contacts (联系人): the people at a customer.

use serde::{Deserialize, Serialize};

use super::duplicate::{Identity, MatchReason};
use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::validate::{tidy, Checks, Details, Field, FieldProblem, NOTES_MAX, SHORT_TEXT_MAX};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Contact {
    #[serde(flatten)]
    pub meta: RecordMeta,
    /// The customer the contact belongs to.
    pub customer_id: Id,
    #[serde(flatten)]
    pub details: ContactDetails,
}

record_serde!(Contact {
    meta: RecordMeta,
    customer_id: Id,
    details: ContactDetails,
});

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactDetails {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub decision_maker: bool,
    pub notes: String,
}

impl Details for ContactDetails {
    fn tidied(mut self) -> Self {
        tidy(
            &mut [
                &mut self.name,
                &mut self.title,
                &mut self.phone,
                &mut self.email,
                &mut self.notes,
            ],
            &mut None,
        );
        self
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        checks.required(Field::Name, &self.name);
        checks.phone(Field::Phone, &self.phone);
        checks.email(Field::Email, &self.email);
        checks.max_len(Field::Name, &self.name, SHORT_TEXT_MAX);
        checks.max_len(Field::Title, &self.title, SHORT_TEXT_MAX);
        checks.max_len(Field::Notes, &self.notes, NOTES_MAX);
        checks.into_problems()
    }
}

impl Record for Contact {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

impl Contact {
    /// A contact of a customer; the customer is required.
    pub fn create(
        meta: RecordMeta,
        customer_id: &str,
        details: ContactDetails,
    ) -> Result<Self, Vec<FieldProblem>> {
        let details = details.checked();
        let customer_id = customer_id.trim();
        match (details, customer_id.is_empty()) {
            (Ok(details), false) => Ok(Contact {
                meta,
                customer_id: customer_id.into(),
                details,
            }),
            (details, missing_customer) => {
                let mut checks = Checks::default();
                if missing_customer {
                    checks.required(Field::Customer, "");
                }
                let mut problems = checks.into_problems();
                problems.extend(details.err().unwrap_or_default());
                Err(problems)
            }
        }
    }

    pub fn edit(&mut self, details: ContactDetails, now: &str) -> Result<(), Vec<FieldProblem>> {
        self.details = details.checked()?;
        self.meta.touch(now);
        Ok(())
    }

    pub fn identity(&self) -> Identity {
        Identity::new(&self.details.name, &self.details.phone, &self.details.email)
    }
}

/// Contacts of the same customer that look like `identity`: the same person entered twice.
/// Across customers a shared name is common and means nothing; a shared phone or email does.
pub fn similar_contacts<'a>(
    identity: &Identity,
    customer_id: &str,
    contacts: &'a [Contact],
    except: Option<&str>,
) -> Vec<(&'a Contact, Vec<MatchReason>)> {
    contacts
        .iter()
        .filter(|c| !c.meta.is_deleted() && Some(c.meta.id.as_str()) != except)
        .filter_map(|c| {
            let mut reasons = identity.matches(&c.identity());
            if c.customer_id != customer_id {
                reasons.retain(|r| *r != MatchReason::Name);
            }
            (!reasons.is_empty()).then_some((c, reasons))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    const T0: &str = "2026-01-01T00:00:00Z";

    fn contact(id: &str, customer: &str, name: &str, phone: &str) -> Contact {
        let details = ContactDetails {
            name: name.into(),
            phone: phone.into(),
            ..ContactDetails::default()
        };
        Contact::create(
            RecordMeta::new(id.into(), T0, "me".into()),
            customer,
            details,
        )
        .unwrap()
    }

    #[test]
    fn a_contact_needs_a_name_and_a_customer() {
        let meta = RecordMeta::new("x".into(), T0, "me".into());
        let problems = Contact::create(meta, " ", ContactDetails::default()).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            fields,
            vec![
                (Field::Customer, Problem::Required),
                (Field::Name, Problem::Required)
            ]
        );
    }

    #[test]
    fn same_name_counts_only_within_one_customer() {
        let contacts = vec![
            contact("1", "acme", "王芳", ""),
            contact("2", "other", "王芳", ""),
            contact("3", "other", "李伟", "+86 138 0013 8000"),
        ];
        let probe = Identity::new("王芳", "13800138000", "");
        let ids: Vec<_> = similar_contacts(&probe, "acme", &contacts, None)
            .into_iter()
            .map(|(c, _)| c.meta.id.as_str())
            .collect();
        assert_eq!(ids, ["1", "3"]);
    }
}
