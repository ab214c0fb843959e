//! The words a demo company is made of, in one language: names of people, companies and places,
//! what salespeople write, and what the company sells.

use crate::domain::receivable::{InvoiceKind, PaymentMethod};
use crate::i18n::Lang;

/// A word and how it is spelt in an email address.
pub type Spelt = (&'static str, String);

/// Reads a list written `王wang 李li` (a word, then its spelling in Latin letters) or `James
/// Mary` (words spelt as they are, in lower case).
pub fn spelt(list: &'static str) -> Vec<Spelt> {
    list.split_whitespace()
        .map(|token| match token.find(|c: char| c.is_ascii()) {
            Some(0) | None => (token, token.to_ascii_lowercase()),
            Some(at) => (&token[..at], token[at..].to_owned()),
        })
        .collect()
}

pub struct City {
    pub name: &'static str,
    pub area_code: &'static str,
    pub weight: u64,
}

/// What kind of business a company name says it is: `科技`, `Logistics`.
pub struct CompanyKind {
    pub word: &'static str,
    pub slug: &'static str,
    /// Index into `Words::industries`.
    pub industry: usize,
}

/// A product line, made into several products by edition and model.
pub struct ProductTemplate {
    pub category: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    /// In the company's base currency, whole units.
    pub price: i64,
    /// Percent.
    pub tax: i64,
    /// The title of a deal built around it.
    pub deal: &'static str,
    pub quantity: (i64, i64),
    /// Letter of the product code.
    pub series: char,
}

pub struct Profile {
    pub name: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub tax_id: &'static str,
    pub bank_account: &'static str,
    pub terms: &'static str,
}

pub struct Words {
    pub surnames: &'static str,
    pub given: &'static str,
    /// Chinese names are written family name first, without a space.
    pub family_first: bool,
    pub brand_first: &'static str,
    pub brand_second: &'static str,
    pub kinds: &'static [CompanyKind],
    pub legal_forms: &'static [&'static str],
    pub industries: &'static [&'static str],
    pub cities: &'static [City],
    pub areas: &'static [&'static str],
    pub streets: &'static [&'static str],
    pub email_domain: &'static str,
    /// Job titles; the first four decide purchases.
    pub titles: &'static [&'static str],
    pub tags: &'static [&'static str],
    pub customer_notes: &'static [&'static str],
    pub lost_reasons: &'static [&'static str],
    pub disqualify_reasons: &'static [&'static str],
    pub deal_suffixes: &'static [&'static str],
    /// Subjects per activity kind, in the order of `ActivityKind::ALL`.
    pub subjects: [&'static [&'static str]; 7],
    pub bodies: &'static [&'static str],
    pub products: &'static [ProductTemplate],
    /// Edition names and their price in percent of the plain one.
    pub editions: &'static [(&'static str, i64)],
    pub profile: Profile,
    pub team_domain: &'static str,
    /// Currencies customers buy in, with their share; the first is the base.
    pub currencies: &'static [(&'static str, u64)],
    /// Percent of lines priced with tax included.
    pub tax_inclusive: u64,
    pub payment_methods: &'static [(PaymentMethod, u64)],
    pub invoice_kinds: &'static [(InvoiceKind, u64)],
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::ZhCn => &super::zh::ZH,
        Lang::En => &super::en::EN,
    }
}
