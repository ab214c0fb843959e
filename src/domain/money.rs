//! Money on quotes, orders and opportunities: lines with quantity, unit price, discount and tax,
//! and their totals, exact to the currency's minor unit. Every amount is a `Decimal`; each is
//! rounded once, half away from zero, when a line's net, tax or gross is settled.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::text::fold;

/// Digits after the point in a currency's smallest unit (ISO 4217). Reports ask for every
/// amount they convert, so the code is matched as three bytes, compared in place, rather than
/// as text, which calls `memcmp` once per code tried.
pub fn minor_units(currency: &str) -> u32 {
    let Ok(code) = <&[u8; 3]>::try_from(currency.as_bytes()) else {
        return 2;
    };
    match code {
        b"JPY" | b"KRW" | b"VND" | b"CLP" | b"ISK" | b"UGX" => 0,
        b"BHD" | b"KWD" | b"OMR" | b"JOD" | b"TND" | b"IQD" | b"LYD" => 3,
        _ => 2,
    }
}

/// An amount rounded to `minor_units` digits, half away from zero.
pub fn round_money(amount: Decimal, minor_units: u32) -> Decimal {
    amount.round_dp_with_strategy(minor_units, RoundingStrategy::MidpointAwayFromZero)
}

/// A percentage as people type it: `13`, `13.5%`, full-width digits; empty is zero.
pub fn parse_rate(text: &str) -> Option<Decimal> {
    let folded = fold(text);
    let digits = folded.trim().trim_end_matches('%').trim();
    if digits.is_empty() {
        return Some(Decimal::ZERO);
    }
    digits
        .parse::<Decimal>()
        .ok()
        .filter(|r| *r >= Decimal::ZERO && *r <= Decimal::ONE_HUNDRED)
}

/// Decimals as text in records and backups (`"1234.50"`), read exactly: a number with more digits
/// than `Decimal` holds, or written with an exponent, is refused rather than rounded, so that what
/// a backup says is what is stored. The packed copy's compact form (not human-readable) keeps
/// the digits and the scale as numbers instead, which read without parsing text.
pub mod exact {
    use rust_decimal::Decimal;
    use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(value)
        } else {
            (value.mantissa(), value.scale()).serialize(serializer)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        if !deserializer.is_human_readable() {
            let (mantissa, scale) = <(i128, u32)>::deserialize(deserializer)?;
            return Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| {
                de::Error::custom(format_args!("{NOT_A_DECIMAL}{mantissa}e-{scale}"))
            });
        }
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| de::Error::custom(format_args!("{NOT_A_DECIMAL}{text:?}")))
    }

    /// The start of the error for a value that is not an exact decimal; backups recognise it.
    pub const NOT_A_DECIMAL: &str = "not an exact decimal number: ";

    fn parse(text: &str) -> Option<Decimal> {
        let plain = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = plain.split_once('.').unwrap_or((plain, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return None;
        }
        Decimal::from_str_exact(text).ok()
    }
}

/// Limits that keep every product of two inputs far inside `Decimal`'s range.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// 1,000,000,000,000.
pub const MAX_UNIT_PRICE: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    #[serde(default)]
    pub product_id: Option<Id>,
    pub description: String,
    #[serde(with = "crate::domain::money::exact")]
    pub quantity: Decimal,
    #[serde(default)]
    pub unit: String,
    #[serde(with = "crate::domain::money::exact")]
    pub unit_price: Decimal,
    /// Whether `unit_price` already includes tax.
    #[serde(default)]
    pub price_includes_tax: bool,
    /// Percent off the price, 0 to 100.
    #[serde(with = "crate::domain::money::exact", default)]
    pub discount_percent: Decimal,
    /// Percent, such as 13 for China's standard VAT.
    #[serde(with = "crate::domain::money::exact", default)]
    pub tax_rate: Decimal,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub net: Decimal,
    pub tax: Decimal,
    pub gross: Decimal,
}

impl std::ops::AddAssign for Totals {
    fn add_assign(&mut self, other: Totals) {
        self.net += other.net;
        self.tax += other.tax;
        self.gross += other.gross;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineProblem {
    DescriptionRequired,
    QuantityNotPositive,
    QuantityTooLarge,
    PriceNegative,
    PriceTooLarge,
    DiscountOutOfRange,
    TaxRateOutOfRange,
}

impl Line {
    /// Every problem with the line, so the form can show them all at once.
    pub fn problems(&self) -> Vec<LineProblem> {
        let hundred = Decimal::ONE_HUNDRED;
        let percent = |p: Decimal| p >= Decimal::ZERO && p <= hundred;
        let checks = [
            (
                self.description.trim().is_empty() && self.product_id.is_none(),
                LineProblem::DescriptionRequired,
            ),
            (
                self.quantity <= Decimal::ZERO,
                LineProblem::QuantityNotPositive,
            ),
            (self.quantity > MAX_QUANTITY, LineProblem::QuantityTooLarge),
            (self.unit_price < Decimal::ZERO, LineProblem::PriceNegative),
            (self.unit_price > MAX_UNIT_PRICE, LineProblem::PriceTooLarge),
            (
                !percent(self.discount_percent),
                LineProblem::DiscountOutOfRange,
            ),
            (!percent(self.tax_rate), LineProblem::TaxRateOutOfRange),
        ];
        checks
            .into_iter()
            .filter_map(|(wrong, problem)| wrong.then_some(problem))
            .collect()
    }

    /// The net alone, worked out as [`Line::totals`] works it out: reports add up the nets of
    /// hundreds of thousands of lines, and a price before tax needs no tax worked out for it.
    pub fn net(&self, minor_units: u32) -> Decimal {
        if self.price_includes_tax {
            return self.totals(minor_units).net;
        }
        let hundred = Decimal::ONE_HUNDRED;
        let extended =
            self.quantity * self.unit_price * (hundred - self.discount_percent) / hundred;
        round_money(extended, minor_units)
    }

    /// Net, tax and gross in a currency with `minor_units` digits. A tax-inclusive price fixes
    /// the gross and the tax is taken out of it; otherwise the net is fixed and tax added.
    pub fn totals(&self, minor_units: u32) -> Totals {
        let hundred = Decimal::ONE_HUNDRED;
        let extended =
            self.quantity * self.unit_price * (hundred - self.discount_percent) / hundred;
        if self.price_includes_tax {
            let gross = round_money(extended, minor_units);
            let net = round_money(gross * hundred / (hundred + self.tax_rate), minor_units);
            Totals {
                net,
                tax: gross - net,
                gross,
            }
        } else {
            let net = round_money(extended, minor_units);
            let tax = round_money(net * self.tax_rate / hundred, minor_units);
            Totals {
                net,
                tax,
                gross: net + tax,
            }
        }
    }
}

/// A document's totals: the sum of its lines, and the net and tax per tax rate, as an invoice
/// or a printout shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentTotals {
    pub total: Totals,
    pub by_rate: BTreeMap<Decimal, Totals>,
}

pub fn document_totals(lines: &[Line], currency: &str) -> DocumentTotals {
    let units = minor_units(currency);
    let mut totals = DocumentTotals::default();
    for line in lines {
        let line_totals = line.totals(units);
        totals.total += line_totals;
        *totals.by_rate.entry(line.tax_rate.normalize()).or_default() += line_totals;
    }
    totals
}

/// An amount in the base currency at `rate` (base units per one unit of the amount's currency).
pub fn to_base(amount: Decimal, rate: Decimal, base_currency: &str) -> Decimal {
    let minor = minor_units(base_currency);
    // Most amounts are in the base currency already (a rate of exactly 1), and reports convert
    // hundreds of thousands: multiplying by 1 and rounding what needs no rounding gives the
    // amount back, digit for digit.
    if rate.scale() == 0 && rate == Decimal::ONE && amount.scale() <= minor {
        return amount;
    }
    round_money(amount * rate, minor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[derive(Debug, Deserialize, Serialize)]
    struct Amount(#[serde(with = "exact")] Decimal);

    #[test]
    fn exact_decimals_keep_their_digits_and_refuse_what_would_be_rounded() {
        for text in ["1234.50", "-3.20", "0", "0.0000000000000000000000000001"] {
            let json = format!("{text:?}");
            let amount: Amount = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&amount).unwrap(), json);
        }
        let thirty_decimals = format!("\"0.{}\"", "1".repeat(30));
        for bad in [
            "\"abc\"",
            "\"1e999\"",
            "\"1.5E3\"",
            "\"12.\"",
            "\".5\"",
            "\"+1\"",
            "\"\"",
            "12.5",
        ] {
            assert!(
                serde_json::from_str::<Amount>(bad).is_err(),
                "{bad} was read"
            );
        }
        let error = serde_json::from_str::<Amount>(&thirty_decimals).unwrap_err();
        assert!(
            error.to_string().starts_with(exact::NOT_A_DECIMAL),
            "{error}"
        );
    }

    fn line(quantity: &str, price: &str, discount: &str, tax: &str, inclusive: bool) -> Line {
        Line {
            product_id: None,
            description: "Widget".into(),
            quantity: dec(quantity),
            unit: "pcs".into(),
            unit_price: dec(price),
            price_includes_tax: inclusive,
            discount_percent: dec(discount),
            tax_rate: dec(tax),
        }
    }

    fn totals(net: &str, tax: &str, gross: &str) -> Totals {
        Totals {
            net: dec(net),
            tax: dec(tax),
            gross: dec(gross),
        }
    }

    #[test]
    fn tax_is_added_to_an_exclusive_price_and_taken_out_of_an_inclusive_one() {
        assert_eq!(
            line("3", "100", "0", "13", false).totals(2),
            totals("300", "39.00", "339.00")
        );
        assert_eq!(
            line("1", "113", "0", "13", true).totals(2),
            totals("100.00", "13.00", "113")
        );
        assert_eq!(
            line("2", "9.99", "10", "6", false).totals(2),
            totals("17.98", "1.08", "19.06")
        );
    }

    #[test]
    fn rounding_is_half_away_from_zero_to_the_minor_unit() {
        assert_eq!(round_money(dec("0.125"), 2), dec("0.13"));
        assert_eq!(round_money(dec("0.135"), 2), dec("0.14"));
        assert_eq!(round_money(dec("-0.125"), 2), dec("-0.13"));
        assert_eq!(
            line("1", "0.125", "0", "0", false).totals(2).gross,
            dec("0.13")
        );
        assert_eq!(
            line("3", "333.5", "0", "10", false).totals(0),
            totals("1001", "100", "1101")
        );
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(minor_units("KWD"), 3);
        assert_eq!(minor_units("CNY"), 2);
    }

    #[test]
    fn a_document_sums_its_lines_and_splits_tax_by_rate() {
        let lines = [
            line("2", "100", "0", "13", false),
            line("1", "106", "0", "6", true),
            line("1", "50", "0", "13.0", false),
        ];
        let totals = document_totals(&lines, "CNY");
        assert_eq!(totals.total, totals_of(&lines));
        assert_eq!(totals.total.gross, dec("388.50"));
        assert_eq!(totals.by_rate[&dec("13")].tax, dec("32.50"));
        assert_eq!(totals.by_rate[&dec("6")].net, dec("100.00"));
        assert_eq!(totals.by_rate.len(), 2);
    }

    fn totals_of(lines: &[Line]) -> Totals {
        let mut sum = Totals::default();
        for line in lines {
            sum += line.totals(2);
        }
        sum
    }

    #[test]
    fn bad_lines_are_refused_with_every_reason() {
        let mut bad = line("0", "-1", "120", "-5", false);
        bad.description = " ".into();
        assert_eq!(
            bad.problems(),
            [
                LineProblem::DescriptionRequired,
                LineProblem::QuantityNotPositive,
                LineProblem::PriceNegative,
                LineProblem::DiscountOutOfRange,
                LineProblem::TaxRateOutOfRange,
            ]
        );
        assert!(line("1", "10", "0", "13", false).problems().is_empty());
        let huge = line("1000000001", "1", "0", "0", false);
        assert_eq!(huge.problems(), [LineProblem::QuantityTooLarge]);
    }

    #[test]
    fn amounts_convert_to_the_base_currency_at_the_stored_rate() {
        assert_eq!(to_base(dec("100.00"), dec("7.1234"), "CNY"), dec("712.34"));
        assert_eq!(to_base(dec("1000"), dec("0.04821"), "CNY"), dec("48.21"));
        assert_eq!(to_base(dec("10.00"), dec("156.789"), "JPY"), dec("1568"));
    }

    #[test]
    fn lines_are_stored_with_decimal_strings() {
        let l = line("1.5", "19.90", "5", "13", true);
        let json = serde_json::to_value(&l).unwrap();
        assert_eq!(json["unit_price"], "19.90");
        assert_eq!(serde_json::from_value::<Line>(json).unwrap(), l);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A valid line: quantity up to 10,000 with 3 decimals, price up to 1,000,000.00,
        /// discount and tax rate in whole or half percents.
        fn lines() -> impl Strategy<Value = Line> {
            (
                1i64..10_000_000,
                0i64..100_000_000,
                0i64..=200,
                0i64..=60,
                any::<bool>(),
            )
                .prop_map(|(q, p, d, t, inclusive)| Line {
                    product_id: None,
                    description: "x".into(),
                    quantity: Decimal::new(q, 3),
                    unit: String::new(),
                    unit_price: Decimal::new(p, 2),
                    price_includes_tax: inclusive,
                    discount_percent: Decimal::new(d, 0) / Decimal::TWO,
                    tax_rate: Decimal::new(t, 0) / Decimal::TWO,
                })
        }

        proptest! {
            /// A line's net alone is its net among its totals, to the digit.
            #[test]
            fn the_net_alone_is_the_net_of_the_totals(line in lines(), minor in 0u32..4) {
                prop_assert_eq!(line.net(minor).to_string(), line.totals(minor).net.to_string());
            }

            /// The shortcut for a rate of 1 gives what multiplying and rounding gives, to the
            /// digit (the scale shows in every amount written out).
            #[test]
            fn converting_at_a_rate_of_one_is_exact(
                units in -1_000_000_000i64..1_000_000_000,
                scale in 0u32..6,
                rate_scale in 0u32..3,
                base in prop_oneof![Just("CNY"), Just("JPY"), Just("KWD")],
            ) {
                let amount = Decimal::new(units, scale);
                let rate = Decimal::new(10i64.pow(rate_scale), rate_scale);
                let slow = round_money(amount * rate, minor_units(base));
                prop_assert_eq!(to_base(amount, rate, base).to_string(), slow.to_string());
            }

            #[test]
            fn net_plus_tax_is_gross_exactly_in_minor_units(line in lines(), units in 0u32..=3) {
                let t = line.totals(units);
                prop_assert_eq!(t.net + t.tax, t.gross);
                for amount in [t.net, t.tax, t.gross] {
                    prop_assert!(amount >= Decimal::ZERO);
                    prop_assert!(amount.scale() <= units);
                }
            }

            #[test]
            fn the_same_price_entered_with_or_without_tax_gives_the_same_totals(line in lines()) {
                let exclusive = Line { price_includes_tax: false, ..line.clone() };
                let hundred = Decimal::ONE_HUNDRED;
                let inclusive = Line {
                    price_includes_tax: true,
                    unit_price: line.unit_price * (hundred + line.tax_rate) / hundred,
                    ..line
                };
                let (a, b) = (exclusive.totals(2), inclusive.totals(2));
                let cent = Decimal::new(1, 2);
                prop_assert!((a.gross - b.gross).abs() <= cent, "{:?} vs {:?}", a, b);
                prop_assert!((a.net - b.net).abs() <= cent, "{:?} vs {:?}", a, b);
            }

            #[test]
            fn document_totals_are_the_sum_of_their_lines(lines in proptest::collection::vec(lines(), 0..12)) {
                let totals = document_totals(&lines, "CNY");
                prop_assert_eq!(totals.total, totals_of(&lines));
                let mut by_rate = Totals::default();
                for part in totals.by_rate.values() {
                    by_rate += *part;
                }
                prop_assert_eq!(by_rate, totals.total);
            }
        }
    }
}
