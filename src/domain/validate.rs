//! Checks on what users type, each problem tied to the field it belongs next to.

use super::date::is_valid_day;
use super::text::{looks_like_email, looks_like_phone};

/// A field of a form, whatever the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Company,
    Title,
    Phone,
    Email,
    City,
    Address,
    Website,
    Industry,
    Tags,
    Notes,
    NextFollowUp,
    Customer,
    Subject,
    Due,
    Amount,
    Probability,
    ExpectedClose,
    StageName,
    TaxId,
    BankAccount,
    Terms,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    NameOrCompanyRequired,
    Required,
    EmailInvalid,
    PhoneInvalid,
    DateInvalid,
    TooLong { max: usize },
    AmountInvalid,
    AmountNegative,
    PercentInvalid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
}

pub const SHORT_TEXT_MAX: usize = 200;
pub const NOTES_MAX: usize = 10_000;

/// Collects the problems of one form.
#[derive(Default)]
pub struct Checks(Vec<FieldProblem>);

impl Checks {
    pub fn add(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldProblem { field, problem });
    }

    pub fn required(&mut self, field: Field, value: &str) {
        if value.trim().is_empty() {
            self.add(field, Problem::Required);
        }
    }

    pub fn email(&mut self, field: Field, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !looks_like_email(value) {
            self.add(field, Problem::EmailInvalid);
        }
    }

    pub fn phone(&mut self, field: Field, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !looks_like_phone(value) {
            self.add(field, Problem::PhoneInvalid);
        }
    }

    pub fn day(&mut self, field: Field, value: Option<&str>) {
        if let Some(day) = value.map(str::trim).filter(|d| !d.is_empty()) {
            if !is_valid_day(day) {
                self.add(field, Problem::DateInvalid);
            }
        }
    }

    pub fn max_len(&mut self, field: Field, value: &str, max: usize) {
        if value.chars().count() > max {
            self.add(field, Problem::TooLong { max });
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldProblem>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }

    pub fn into_problems(self) -> Vec<FieldProblem> {
        self.0
    }
}

/// Trims every text and turns an empty optional day into none.
pub fn tidy(texts: &mut [&mut String], day: &mut Option<String>) {
    for text in texts {
        **text = text.trim().to_owned();
    }
    *day = day
        .take()
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
}

/// What a user types about a record: it can be tidied and checked.
pub trait Details: Sized {
    /// Trims texts and drops empty optional values.
    fn tidied(self) -> Self;
    /// Every problem, each tied to its field.
    fn problems(&self) -> Vec<FieldProblem>;

    /// The tidied details, or every problem with them.
    fn checked(self) -> Result<Self, Vec<FieldProblem>> {
        let tidied = self.tidied();
        let problems = tidied.problems();
        if problems.is_empty() {
            Ok(tidied)
        } else {
            Err(problems)
        }
    }
}
