//! Converting a qualified lead: it becomes a customer (new, or one that already exists) and a
//! contact, and stays behind marked converted, linked to both, never to be converted again.

use super::contact::{Contact, ContactDetails};
use super::customer::{Customer, CustomerDetails};
use super::id::Id;
use super::lead::{ConvertedTo, Lead, LeadStatus};
use super::opportunity::{parse_amount, Opportunity, Stage};
use super::opportunity_draft::OpportunityDraft;
use super::record::RecordMeta;
use super::validate::{Details, FieldProblem};

/// Which customer the lead becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerChoice {
    /// One that already exists (the duplicate check found it).
    Existing(Id),
    New(Box<CustomerDetails>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConversionError {
    NotQualified(LeadStatus),
    AlreadyConverted,
    Customer(Vec<FieldProblem>),
    Contact(Vec<FieldProblem>),
    Opportunity(Vec<FieldProblem>),
}

/// The records a conversion writes, together, in one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    pub lead: Lead,
    /// Present when a new customer was made.
    pub new_customer: Option<Customer>,
    pub contact: Option<Contact>,
    pub opportunity: Option<Opportunity>,
}

/// The opportunity a conversion may open for the new customer, in `stage`.
pub struct NewOpportunity {
    pub draft: OpportunityDraft,
    pub stage: Stage,
}

/// Ids for the records a conversion may create, made by the caller.
pub struct NewIds {
    pub customer: Id,
    pub contact: Id,
}

/// What the conversion form starts with: the lead's details moved to where they belong.
pub fn proposed_customer(lead: &Lead) -> CustomerDetails {
    let d = &lead.details;
    CustomerDetails {
        name: if d.company.is_empty() {
            d.name.clone()
        } else {
            d.company.clone()
        },
        industry: d.industry.clone(),
        level: d.level,
        source: d.source.clone(),
        city: d.city.clone(),
        phone: if d.company.is_empty() {
            d.phone.clone()
        } else {
            String::new()
        },
        notes: d.notes.clone(),
        next_follow_up: d.next_follow_up.clone(),
        ..CustomerDetails::default()
    }
}

pub fn proposed_contact(lead: &Lead) -> ContactDetails {
    let d = &lead.details;
    ContactDetails {
        name: d.name.clone(),
        title: d.title.clone(),
        phone: d.phone.clone(),
        email: d.email.clone(),
        ..ContactDetails::default()
    }
}

/// Converts `lead`. A contact is made when `contact` has a name; the customer and contact are
/// owned by whoever owns the lead.
pub fn convert(
    lead: &Lead,
    customer: CustomerChoice,
    contact: ContactDetails,
    ids: NewIds,
    now: &str,
) -> Result<Conversion, ConversionError> {
    match lead.status {
        LeadStatus::Qualified => {}
        LeadStatus::Converted => return Err(ConversionError::AlreadyConverted),
        other => return Err(ConversionError::NotQualified(other)),
    }
    let owner = lead.meta.owner.clone();
    let (customer_id, new_customer) = match customer {
        CustomerChoice::Existing(id) => (id, None),
        CustomerChoice::New(details) => {
            let id = ids.customer;
            let meta = RecordMeta::new(id.clone(), now, owner.clone());
            let mut made = Customer::create(meta, *details).map_err(ConversionError::Customer)?;
            made.from_lead = Some(lead.meta.id.clone());
            (id, Some(made))
        }
    };
    let contact = if contact.name.trim().is_empty() {
        None
    } else {
        let meta = RecordMeta::new(ids.contact, now, owner);
        Some(Contact::create(meta, &customer_id, contact).map_err(ConversionError::Contact)?)
    };
    let mut converted = lead.clone();
    converted.status = LeadStatus::Converted;
    converted.converted = Some(ConvertedTo {
        customer_id,
        contact_id: contact.as_ref().map(|c| c.meta.id.clone()),
        opportunity_id: None,
        at: now.to_owned(),
    });
    converted.meta.touch(now);
    Ok(Conversion {
        lead: converted,
        new_customer,
        contact,
        opportunity: None,
    })
}

impl Conversion {
    /// Opens an opportunity for the customer the lead became, with its contact, owned by the
    /// lead's owner; the lead links to it too.
    pub fn with_opportunity(
        mut self,
        new: NewOpportunity,
        id: Id,
        now: &str,
    ) -> Result<Self, ConversionError> {
        let draft = new.draft.checked().map_err(ConversionError::Opportunity)?;
        let Some(converted) = self.lead.converted.as_mut() else {
            return Ok(self);
        };
        let meta = RecordMeta::new(id.clone(), now, self.lead.meta.owner.clone());
        let amount = parse_amount(&draft.amount).unwrap_or_default();
        let mut opportunity = Opportunity::open(
            meta,
            &converted.customer_id,
            &draft.title,
            amount,
            &draft.currency,
            &new.stage,
        );
        opportunity.expected_close = draft.expected_close;
        opportunity.source = self.lead.details.source.clone();
        opportunity.contact_ids = self.contact.iter().map(|c| c.meta.id.clone()).collect();
        converted.opportunity_id = Some(id);
        self.opportunity = Some(opportunity);
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::LeadDetails;

    const T0: &str = "2026-01-01T00:00:00Z";
    const T1: &str = "2026-01-05T00:00:00Z";

    fn qualified_lead() -> Lead {
        let details = LeadDetails {
            name: "王芳".into(),
            company: "星辰科技".into(),
            title: "采购经理".into(),
            phone: "13800138000".into(),
            email: "wang@xc.cn".into(),
            city: "杭州".into(),
            ..LeadDetails::default()
        };
        let mut lead =
            Lead::create(RecordMeta::new("lead".into(), T0, "li".into()), details).unwrap();
        lead.change_status(LeadStatus::Qualified, "", T0).unwrap();
        lead
    }

    fn ids() -> NewIds {
        NewIds {
            customer: "cust".into(),
            contact: "cont".into(),
        }
    }

    #[test]
    fn a_lead_becomes_a_new_customer_and_a_contact() {
        let lead = qualified_lead();
        let choice = CustomerChoice::New(Box::new(proposed_customer(&lead)));
        let done = convert(&lead, choice, proposed_contact(&lead), ids(), T1).unwrap();

        let customer = done.new_customer.unwrap();
        assert_eq!(customer.details.name, "星辰科技");
        assert_eq!(customer.details.city, "杭州");
        assert_eq!(customer.from_lead.as_deref(), Some("lead"));
        assert_eq!(customer.meta.owner, "li");

        let contact = done.contact.unwrap();
        assert_eq!(contact.customer_id, "cust");
        assert_eq!(contact.details.name, "王芳");
        assert_eq!(contact.details.title, "采购经理");

        assert_eq!(done.lead.status, LeadStatus::Converted);
        assert_eq!(
            done.lead.converted,
            Some(ConvertedTo {
                customer_id: "cust".into(),
                contact_id: Some("cont".into()),
                opportunity_id: None,
                at: T1.into()
            })
        );
        assert_eq!(done.lead.meta.rev, lead.meta.rev + 1);
        assert_eq!(
            done.lead.details, lead.details,
            "the lead keeps its details"
        );
    }

    #[test]
    fn a_lead_can_join_an_existing_customer() {
        let lead = qualified_lead();
        let choice = CustomerChoice::Existing("known".into());
        let done = convert(&lead, choice, proposed_contact(&lead), ids(), T1).unwrap();
        assert_eq!(done.new_customer, None);
        assert_eq!(done.contact.unwrap().customer_id, "known");
        assert_eq!(done.lead.converted.unwrap().customer_id, "known");
    }

    #[test]
    fn a_company_only_lead_makes_no_contact() {
        let mut lead = qualified_lead();
        lead.details.name.clear();
        let choice = CustomerChoice::New(Box::new(proposed_customer(&lead)));
        let done = convert(&lead, choice, proposed_contact(&lead), ids(), T1).unwrap();
        assert_eq!(done.contact, None);
        assert_eq!(done.lead.converted.unwrap().contact_id, None);
    }

    #[test]
    fn a_person_only_lead_names_the_customer_after_the_person() {
        let mut lead = qualified_lead();
        lead.details.company.clear();
        assert_eq!(proposed_customer(&lead).name, "王芳");
        assert_eq!(proposed_customer(&lead).phone, "13800138000");
    }

    #[test]
    fn only_a_qualified_lead_converts_and_only_once() {
        let mut lead = qualified_lead();
        lead.change_status(LeadStatus::Contacted, "", T1).unwrap();
        let choice = || CustomerChoice::Existing("known".into());
        assert_eq!(
            convert(&lead, choice(), ContactDetails::default(), ids(), T1),
            Err(ConversionError::NotQualified(LeadStatus::Contacted))
        );
        let lead = qualified_lead();
        let done = convert(&lead, choice(), ContactDetails::default(), ids(), T1).unwrap();
        assert_eq!(
            convert(&done.lead, choice(), ContactDetails::default(), ids(), T1),
            Err(ConversionError::AlreadyConverted)
        );
    }

    #[test]
    fn a_bad_new_customer_or_contact_stops_the_conversion() {
        let lead = qualified_lead();
        let nameless = CustomerChoice::New(Box::default());
        assert!(matches!(
            convert(&lead, nameless, proposed_contact(&lead), ids(), T1),
            Err(ConversionError::Customer(_))
        ));
        let mut bad_contact = proposed_contact(&lead);
        bad_contact.email = "nope".into();
        let choice = CustomerChoice::Existing("known".into());
        assert!(matches!(
            convert(&lead, choice, bad_contact, ids(), T1),
            Err(ConversionError::Contact(_))
        ));
    }

    #[test]
    fn a_conversion_can_open_an_opportunity_with_the_contact() {
        use crate::domain::opportunity::default_stages;
        use crate::domain::validate::{Field, Problem};
        let lead = qualified_lead();
        let new = || NewOpportunity {
            draft: OpportunityDraft {
                title: "First order".into(),
                amount: "12,800".into(),
                currency: "CNY".into(),
                ..OpportunityDraft::default()
            },
            stage: default_stages()[1].clone(),
        };
        let done = convert(
            &lead,
            CustomerChoice::New(Box::new(proposed_customer(&lead))),
            proposed_contact(&lead),
            ids(),
            T1,
        )
        .unwrap()
        .with_opportunity(new(), "o1".into(), T1)
        .unwrap();
        let opportunity = done.opportunity.as_ref().unwrap();
        assert_eq!(opportunity.customer_id, "cust");
        assert_eq!(opportunity.contact_ids, ["cont"]);
        assert_eq!(opportunity.amount.to_string(), "12800");
        assert_eq!(opportunity.stage_id, "qualified");
        assert_eq!(opportunity.meta.owner, lead.meta.owner);
        assert_eq!(
            done.lead
                .converted
                .as_ref()
                .unwrap()
                .opportunity_id
                .as_deref(),
            Some("o1")
        );

        let untitled = NewOpportunity {
            draft: OpportunityDraft {
                title: " ".into(),
                ..new().draft
            },
            ..new()
        };
        let refused = convert(
            &lead,
            CustomerChoice::Existing("c9".into()),
            proposed_contact(&lead),
            ids(),
            T1,
        )
        .unwrap()
        .with_opportunity(untitled, "o1".into(), T1);
        assert!(
            matches!(refused, Err(ConversionError::Opportunity(p)) if p[0].field == Field::Title && p[0].problem == Problem::Required)
        );
    }
}
