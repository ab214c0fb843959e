//! The four kinds a CSV file can bring in, each by its own domain rules: how a row becomes a
//! draft, what makes a stored record look like it, and how it fills the record's empty fields.

use std::collections::HashMap;

use crate::domain::contact::{similar_contacts, Contact, ContactDetails};
use crate::domain::customer::{parse_tags, similar_customers, Customer, CustomerDetails};
use crate::domain::duplicate::{email_key, name_key, phone_key, Identity};
use crate::domain::id::Id;
use crate::domain::lead::{Lead, LeadDetails};
use crate::domain::product::{same_name_and_spec, Product, ProductDraft, ProductProblem};
use crate::domain::record::RecordMeta;
use crate::domain::text::fold;
use crate::domain::validate::{Details, Problem, SHORT_TEXT_MAX};

use super::csv_fields::Target;
use super::csv_rows::{
    fill, fill_option, keys, no_column, with_problems, yes_no, CellProblem, Cells, Reason,
    RowProblem, Rules,
};

/// A lead is the same lead when the person and the company both match, or the phone or email.
fn lead_identity(d: &LeadDetails) -> Identity {
    Identity::new(&format!("{}\u{1}{}", d.name, d.company), &d.phone, &d.email)
}

pub struct LeadRules {
    /// Lead sources by their label in any language or their key, folded: the key each stands
    /// for.
    pub sources: HashMap<String, String>,
}

impl Rules for LeadRules {
    type Rec = Lead;
    type Draft = LeadDetails;

    fn draft(&self, cells: &Cells) -> Result<LeadDetails, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let source = cells.get(Target::Source);
        let details = LeadDetails {
            name: cells.get(Target::Name),
            company: cells.get(Target::Company),
            title: cells.get(Target::Title),
            phone: cells.get(Target::Phone),
            email: cells.get(Target::Email),
            city: cells.get(Target::City),
            source: self.sources.get(&fold(&source)).cloned().unwrap_or(source),
            industry: cells.get(Target::Industry),
            level: cells.level(&mut problems),
            notes: cells.get(Target::Notes),
            next_follow_up: cells.day(Target::NextFollowUp),
        };
        problems.extend(cells.place(details.problems()));
        with_problems(details.tidied(), problems)
    }

    fn draft_keys(&self, d: &LeadDetails) -> Vec<String> {
        keys([
            ("n", name_key(&format!("{}\u{1}{}", d.name, d.company))),
            ("p", phone_key(&d.phone)),
            ("e", email_key(&d.email)),
        ])
    }

    fn record_keys(&self, lead: &Lead) -> Vec<String> {
        self.draft_keys(&lead.details)
    }

    fn likeness(&self, d: &LeadDetails, lead: &Lead) -> Vec<Reason> {
        let reasons = lead_identity(d).matches(&lead_identity(&lead.details));
        reasons.into_iter().map(Reason::from).collect()
    }

    fn create(&self, d: LeadDetails, meta: RecordMeta) -> Result<Lead, Vec<CellProblem>> {
        Lead::create(meta, d).map_err(no_column)
    }

    fn merge(&self, d: LeadDetails, lead: &mut Lead, now: &str) -> Result<(), Vec<CellProblem>> {
        let mut m = lead.details.clone();
        for (into, from) in [
            (&mut m.name, &d.name),
            (&mut m.company, &d.company),
            (&mut m.title, &d.title),
            (&mut m.phone, &d.phone),
            (&mut m.email, &d.email),
            (&mut m.city, &d.city),
            (&mut m.source, &d.source),
            (&mut m.industry, &d.industry),
            (&mut m.notes, &d.notes),
        ] {
            fill(into, from);
        }
        fill_option(&mut m.level, &d.level);
        fill_option(&mut m.next_follow_up, &d.next_follow_up);
        lead.edit(m, now).map_err(no_column)
    }

    fn label(&self, lead: &Lead) -> String {
        lead.display_name().to_owned()
    }
}

pub struct CustomerRules;

impl Rules for CustomerRules {
    type Rec = Customer;
    type Draft = CustomerDetails;

    fn draft(&self, cells: &Cells) -> Result<CustomerDetails, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let details = CustomerDetails {
            name: cells.get(Target::Name),
            industry: cells.get(Target::Industry),
            level: cells.level(&mut problems),
            source: cells.get(Target::Source),
            city: cells.get(Target::City),
            address: cells.get(Target::Address),
            phone: cells.get(Target::Phone),
            website: cells.get(Target::Website),
            tags: parse_tags(&cells.get(Target::Tags)),
            notes: cells.get(Target::Notes),
            next_follow_up: cells.day(Target::NextFollowUp),
        };
        problems.extend(cells.place(details.problems()));
        with_problems(details.tidied(), problems)
    }

    fn draft_keys(&self, d: &CustomerDetails) -> Vec<String> {
        keys([
            ("n", name_key(&d.name)),
            ("p", phone_key(&d.phone)),
            ("e", String::new()),
        ])
    }

    fn record_keys(&self, customer: &Customer) -> Vec<String> {
        self.draft_keys(&customer.details)
    }

    fn likeness(&self, d: &CustomerDetails, customer: &Customer) -> Vec<Reason> {
        let identity = Identity::new(&d.name, &d.phone, "");
        similar_customers(&identity, std::slice::from_ref(customer), None)
            .into_iter()
            .flat_map(|(_, reasons)| reasons.into_iter().map(Reason::from))
            .collect()
    }

    fn create(&self, d: CustomerDetails, meta: RecordMeta) -> Result<Customer, Vec<CellProblem>> {
        Customer::create(meta, d).map_err(no_column)
    }

    fn merge(
        &self,
        d: CustomerDetails,
        customer: &mut Customer,
        now: &str,
    ) -> Result<(), Vec<CellProblem>> {
        let mut m = customer.details.clone();
        for (into, from) in [
            (&mut m.name, &d.name),
            (&mut m.industry, &d.industry),
            (&mut m.source, &d.source),
            (&mut m.city, &d.city),
            (&mut m.address, &d.address),
            (&mut m.phone, &d.phone),
            (&mut m.website, &d.website),
            (&mut m.notes, &d.notes),
        ] {
            fill(into, from);
        }
        if m.tags.is_empty() {
            m.tags = d.tags;
        }
        fill_option(&mut m.level, &d.level);
        fill_option(&mut m.next_follow_up, &d.next_follow_up);
        customer.edit(m, now).map_err(no_column)
    }

    fn label(&self, customer: &Customer) -> String {
        customer.details.name.clone()
    }
}

/// Contacts are imported into customers that exist: found by name however it is spaced or cased.
pub struct ContactRules {
    /// Customers outside Trash by [`name_key`]: the first of each name.
    pub customers: HashMap<String, Id>,
}

impl ContactRules {
    pub fn new(customers: &[Customer]) -> Self {
        let mut by_name = HashMap::new();
        for c in customers.iter().filter(|c| !c.meta.is_deleted()) {
            by_name
                .entry(name_key(&c.details.name))
                .or_insert_with(|| c.meta.id.clone());
        }
        ContactRules { customers: by_name }
    }
}

impl Rules for ContactRules {
    type Rec = Contact;
    /// The customer's id and the contact's details.
    type Draft = (Id, ContactDetails);

    fn draft(&self, cells: &Cells) -> Result<Self::Draft, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let customer = cells.get(Target::Customer);
        let customer_id = if customer.is_empty() {
            problems.push(cells.problem(Target::Customer, RowProblem::Field(Problem::Required)));
            Id::default()
        } else {
            let found = self.customers.get(&name_key(&customer)).cloned();
            if found.is_none() {
                problems
                    .push(cells.problem(Target::Customer, RowProblem::NoSuchCustomer(customer)));
            }
            found.unwrap_or_default()
        };
        let decision_maker = yes_no(&cells.get(Target::DecisionMaker)).unwrap_or_else(|| {
            problems.push(cells.problem(Target::DecisionMaker, RowProblem::YesNoInvalid));
            false
        });
        let details = ContactDetails {
            name: cells.get(Target::Name),
            title: cells.get(Target::Title),
            phone: cells.get(Target::Phone),
            email: cells.get(Target::Email),
            decision_maker,
            notes: cells.get(Target::Notes),
        };
        problems.extend(cells.place(details.problems()));
        with_problems((customer_id, details.tidied()), problems)
    }

    fn draft_keys(&self, (_, d): &Self::Draft) -> Vec<String> {
        keys([
            ("n", name_key(&d.name)),
            ("p", phone_key(&d.phone)),
            ("e", email_key(&d.email)),
        ])
    }

    fn record_keys(&self, contact: &Contact) -> Vec<String> {
        keys([
            ("n", name_key(&contact.details.name)),
            ("p", phone_key(&contact.details.phone)),
            ("e", email_key(&contact.details.email)),
        ])
    }

    fn likeness(&self, (customer_id, d): &Self::Draft, contact: &Contact) -> Vec<Reason> {
        let identity = Identity::new(&d.name, &d.phone, &d.email);
        similar_contacts(&identity, customer_id, std::slice::from_ref(contact), None)
            .into_iter()
            .flat_map(|(_, reasons)| reasons.into_iter().map(Reason::from))
            .collect()
    }

    fn create(
        &self,
        (customer_id, d): Self::Draft,
        meta: RecordMeta,
    ) -> Result<Contact, Vec<CellProblem>> {
        Contact::create(meta, &customer_id, d).map_err(no_column)
    }

    fn merge(
        &self,
        (_, d): Self::Draft,
        contact: &mut Contact,
        now: &str,
    ) -> Result<(), Vec<CellProblem>> {
        let mut m = contact.details.clone();
        for (into, from) in [
            (&mut m.name, &d.name),
            (&mut m.title, &d.title),
            (&mut m.phone, &d.phone),
            (&mut m.email, &d.email),
            (&mut m.notes, &d.notes),
        ] {
            fill(into, from);
        }
        m.decision_maker |= d.decision_maker;
        contact.edit(m, now).map_err(no_column)
    }

    fn label(&self, contact: &Contact) -> String {
        contact.details.name.clone()
    }
}

pub struct ProductRules;

/// The column a product problem belongs in and what it is. Other products are never passed to
/// the check, so a taken code cannot be among them: an existing code makes a duplicate instead.
fn product_problem(problem: &ProductProblem) -> (Target, RowProblem) {
    match problem {
        ProductProblem::CodeRequired | ProductProblem::CodeTaken(_) => {
            (Target::Code, RowProblem::Field(Problem::Required))
        }
        ProductProblem::NameRequired => (Target::Name, RowProblem::Field(Problem::Required)),
        ProductProblem::PriceInvalid => (Target::ListPrice, RowProblem::PriceInvalid),
        ProductProblem::TaxRateInvalid => {
            (Target::TaxRate, RowProblem::Field(Problem::PercentInvalid))
        }
    }
}

impl Rules for ProductRules {
    type Rec = Product;
    type Draft = ProductDraft;

    fn draft(&self, cells: &Cells) -> Result<ProductDraft, Vec<CellProblem>> {
        let draft = ProductDraft {
            code: cells.get(Target::Code),
            name: cells.get(Target::Name),
            spec: cells.get(Target::Spec),
            unit: cells.get(Target::Unit),
            category: cells.get(Target::Category),
            list_price: cells.get(Target::ListPrice),
            tax_rate: cells.get(Target::TaxRate),
        };
        let mut problems: Vec<CellProblem> = draft
            .problems(&[], None)
            .iter()
            .map(|p| {
                let (target, problem) = product_problem(p);
                cells.problem(target, problem)
            })
            .collect();
        // The product form keeps these short by its inputs; a file has no such limit.
        for (target, text) in [
            (Target::Code, &draft.code),
            (Target::Name, &draft.name),
            (Target::Spec, &draft.spec),
            (Target::Unit, &draft.unit),
            (Target::Category, &draft.category),
        ] {
            if text.chars().count() > SHORT_TEXT_MAX {
                let max = SHORT_TEXT_MAX;
                problems.push(cells.problem(target, RowProblem::Field(Problem::TooLong { max })));
            }
        }
        with_problems(draft, problems)
    }

    fn draft_keys(&self, d: &ProductDraft) -> Vec<String> {
        keys([
            ("c", name_key(&d.code)),
            (
                "s",
                format!("{}\u{1}{}", name_key(&d.name), name_key(&d.spec)),
            ),
            ("", String::new()),
        ])
    }

    fn record_keys(&self, product: &Product) -> Vec<String> {
        self.draft_keys(&ProductDraft::of(product))
    }

    fn likeness(&self, d: &ProductDraft, product: &Product) -> Vec<Reason> {
        let others = std::slice::from_ref(product);
        let mut reasons = Vec::new();
        if d.problems(others, None)
            .iter()
            .any(|p| matches!(p, ProductProblem::CodeTaken(_)))
        {
            reasons.push(Reason::Code);
        }
        if !same_name_and_spec(d, others, None).is_empty() {
            reasons.push(Reason::NameAndSpec);
        }
        reasons
    }

    fn create(&self, d: ProductDraft, meta: RecordMeta) -> Result<Product, Vec<CellProblem>> {
        d.apply(meta, true, &[]).map_err(|problems| {
            problems
                .iter()
                .map(|p| CellProblem {
                    column: None,
                    problem: product_problem(p).1,
                })
                .collect()
        })
    }

    fn merge(
        &self,
        d: ProductDraft,
        product: &mut Product,
        now: &str,
    ) -> Result<(), Vec<CellProblem>> {
        let mut m = ProductDraft::of(product);
        for (into, from) in [
            (&mut m.name, &d.name),
            (&mut m.spec, &d.spec),
            (&mut m.unit, &d.unit),
            (&mut m.category, &d.category),
        ] {
            fill(into, from);
        }
        // A price of zero is one never entered.
        if product.list_price.is_zero() && !d.list_price.trim().is_empty() {
            m.list_price = d.list_price;
        }
        let mut meta = product.meta.clone();
        meta.touch(now);
        *product = self.create(m, meta).map(|mut p| {
            p.active = product.active;
            p
        })?;
        Ok(())
    }

    fn label(&self, product: &Product) -> String {
        [product.code.as_str(), &product.name, &product.spec]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
