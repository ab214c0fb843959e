//! What the business says about itself (printed on quotes and orders), the currencies it
//! trades in, and how its documents are numbered: settings, kept on the device.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::text::fold;
use super::validate::{Checks, Details, Field, FieldProblem, NOTES_MAX, SHORT_TEXT_MAX};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyProfile {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub tax_id: String,
    pub bank_account: String,
    /// The logo as a `data:image/...` URL, so a printout needs nothing from the network.
    pub logo: Option<String>,
    /// Printed under every quote and order.
    pub terms: String,
}

impl Details for CompanyProfile {
    fn tidied(mut self) -> Self {
        for text in [
            &mut self.name,
            &mut self.address,
            &mut self.phone,
            &mut self.email,
            &mut self.tax_id,
            &mut self.bank_account,
            &mut self.terms,
        ] {
            *text = text.trim().to_owned();
        }
        self
    }

    /// Every field may stay empty; what is filled in must make sense on a printout.
    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        checks.phone(Field::Phone, &self.phone);
        checks.email(Field::Email, &self.email);
        for (field, text) in [
            (Field::Name, &self.name),
            (Field::Address, &self.address),
            (Field::TaxId, &self.tax_id),
            (Field::BankAccount, &self.bank_account),
        ] {
            checks.max_len(field, text, SHORT_TEXT_MAX);
        }
        checks.max_len(Field::Terms, &self.terms, NOTES_MAX);
        checks.into_problems()
    }
}

/// The largest logo kept: a printout needs no more, and every start reads it.
pub const MAX_LOGO_BYTES: usize = 200_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoProblem {
    NotAnImage,
    TooLarge,
}

/// Checks a logo read from a file as a data URL.
pub fn check_logo(data_url: &str) -> Result<(), LogoProblem> {
    let image = ["png", "jpeg", "gif", "webp", "svg+xml"]
        .iter()
        .any(|kind| data_url.starts_with(&format!("data:image/{kind};base64,")));
    if !image {
        return Err(LogoProblem::NotAnImage);
    }
    // Base64 carries three bytes in four characters.
    if data_url.len() / 4 * 3 > MAX_LOGO_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbering {
    pub quote_prefix: String,
    pub order_prefix: String,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering {
            quote_prefix: "Q".into(),
            order_prefix: "SO".into(),
        }
    }
}

/// A prefix goes into every number: short, and nothing that would confuse a reader or a file name.
pub fn prefix_is_valid(prefix: &str) -> bool {
    let count = prefix.chars().count();
    (1..=10).contains(&count) && prefix.chars().all(char::is_alphanumeric)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    pub code: String,
    /// Units of the base currency for one unit of `code`.
    #[serde(with = "crate::domain::money::exact")]
    pub rate: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currencies {
    pub base: String,
    pub rates: Vec<ExchangeRate>,
}

impl Default for Currencies {
    fn default() -> Self {
        let rate = |code: &str, rate: i64, scale: u32| ExchangeRate {
            code: code.into(),
            rate: Decimal::new(rate, scale),
        };
        Currencies {
            base: "CNY".into(),
            rates: vec![
                rate("USD", 710, 2),
                rate("EUR", 770, 2),
                rate("HKD", 91, 2),
                rate("JPY", 47, 3),
            ],
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CurrencyProblem {
    /// Not three letters A-Z.
    CodeInvalid(String),
    /// Listed twice, or the base listed as another currency.
    Repeated(String),
    /// Not a number above zero.
    RateInvalid(String),
}

impl Currencies {
    /// Every code the user can pick, the base first.
    pub fn codes(&self) -> Vec<String> {
        std::iter::once(self.base.clone())
            .chain(self.rates.iter().map(|r| r.code.clone()))
            .collect()
    }

    /// Base-currency units for one unit of `code`; none for a currency without a rate.
    pub fn rate_of(&self, code: &str) -> Option<Decimal> {
        if code == self.base {
            return Some(Decimal::ONE);
        }
        self.rates.iter().find(|r| r.code == code).map(|r| r.rate)
    }

    pub fn problems(&self) -> Vec<CurrencyProblem> {
        let mut problems = Vec::new();
        let mut seen = vec![self.base.as_str()];
        if !code_is_valid(&self.base) {
            problems.push(CurrencyProblem::CodeInvalid(self.base.clone()));
        }
        for rate in &self.rates {
            if !code_is_valid(&rate.code) {
                problems.push(CurrencyProblem::CodeInvalid(rate.code.clone()));
            } else if seen.contains(&rate.code.as_str()) {
                problems.push(CurrencyProblem::Repeated(rate.code.clone()));
            }
            seen.push(&rate.code);
            if rate.rate <= Decimal::ZERO {
                problems.push(CurrencyProblem::RateInvalid(rate.code.clone()));
            }
        }
        problems
    }
}

/// A currency code as typed: `usd`, full-width letters, spaces around.
pub fn normalize_code(text: &str) -> String {
    fold(text).trim().to_uppercase()
}

fn code_is_valid(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase())
}

/// A rate as typed: a number above zero, full-width digits and thousands separators allowed.
pub fn parse_exchange_rate(text: &str) -> Option<Decimal> {
    let cleaned: String = fold(text)
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    cleaned
        .parse::<Decimal>()
        .ok()
        .filter(|rate| *rate > Decimal::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_currency_has_rate_one_and_others_their_own() {
        let currencies = Currencies::default();
        assert_eq!(currencies.rate_of("CNY"), Some(Decimal::ONE));
        assert_eq!(currencies.rate_of("USD"), Some(Decimal::new(710, 2)));
        assert_eq!(currencies.rate_of("GBP"), None);
        assert_eq!(currencies.codes()[0], "CNY");
        assert!(currencies.problems().is_empty());
    }

    #[test]
    fn bad_codes_repeats_and_rates_are_each_named() {
        let currencies = Currencies {
            base: "CNY".into(),
            rates: vec![
                ExchangeRate {
                    code: "US".into(),
                    rate: Decimal::ONE,
                },
                ExchangeRate {
                    code: "CNY".into(),
                    rate: Decimal::ONE,
                },
                ExchangeRate {
                    code: "EUR".into(),
                    rate: Decimal::ZERO,
                },
            ],
        };
        assert_eq!(
            currencies.problems(),
            [
                CurrencyProblem::CodeInvalid("US".into()),
                CurrencyProblem::Repeated("CNY".into()),
                CurrencyProblem::RateInvalid("EUR".into())
            ]
        );
        assert_eq!(normalize_code(" ｕｓｄ "), "USD");
        assert_eq!(parse_exchange_rate("7.1"), Some(Decimal::new(71, 1)));
        assert_eq!(parse_exchange_rate("-1"), None);
        assert_eq!(parse_exchange_rate("abc"), None);
    }

    #[test]
    fn a_profile_may_be_empty_but_not_wrong() {
        assert_eq!(
            CompanyProfile::default().checked(),
            Ok(CompanyProfile::default())
        );
        let typed = CompanyProfile {
            name: "  星辰科技  ".into(),
            phone: "call us".into(),
            email: "sales@".into(),
            tax_id: "9".repeat(SHORT_TEXT_MAX + 1),
            ..CompanyProfile::default()
        };
        let fields: Vec<Field> = typed
            .clone()
            .checked()
            .unwrap_err()
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, [Field::Phone, Field::Email, Field::TaxId]);
        let fixed = CompanyProfile {
            phone: "+86 571-8888 1234".into(),
            email: "sales@xingchen.cn".into(),
            tax_id: "91330100MA2KXXXX0X".into(),
            ..typed
        };
        assert_eq!(fixed.checked().map(|p| p.name), Ok("星辰科技".to_owned()));
    }

    #[test]
    fn prefixes_are_short_and_plain() {
        assert!(prefix_is_valid("Q"));
        assert!(prefix_is_valid("报价"));
        assert!(!prefix_is_valid(""));
        assert!(!prefix_is_valid("Q-"));
        assert!(!prefix_is_valid("ABCDEFGHIJK"));
    }

    #[test]
    fn a_logo_must_be_a_small_image() {
        assert_eq!(check_logo("data:image/png;base64,iVBORw0KGgo="), Ok(()));
        assert_eq!(
            check_logo("data:text/html;base64,PGI+"),
            Err(LogoProblem::NotAnImage)
        );
        let big = format!("data:image/png;base64,{}", "A".repeat(300_000));
        assert_eq!(check_logo(&big), Err(LogoProblem::TooLarge));
    }
}
