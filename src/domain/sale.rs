//! What a quote and an order have in common: a numbered document for a customer, in one
//! currency, with lines whose totals are kept beside them (so a backup can be checked).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::date::is_valid_day;
use super::id::Id;
use super::line_draft::{parse_lines, LineDraft};
use super::money::{document_totals, Line, LineProblem};
use super::validate::NOTES_MAX;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaleBody {
    pub number: String,
    pub customer_id: Id,
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    pub currency: String,
    pub lines: Vec<Line>,
    #[serde(default)]
    pub notes: String,
    #[serde(with = "crate::domain::money::exact")]
    pub net: Decimal,
    #[serde(with = "crate::domain::money::exact")]
    pub tax: Decimal,
    /// What the customer pays: net plus tax.
    #[serde(with = "crate::domain::money::exact")]
    pub total: Decimal,
}

impl SaleBody {
    pub fn new(number: String, customer_id: Id, currency: String) -> Self {
        SaleBody {
            number,
            customer_id,
            opportunity_id: None,
            currency,
            lines: Vec::new(),
            notes: String::new(),
            net: Decimal::ZERO,
            tax: Decimal::ZERO,
            total: Decimal::ZERO,
        }
    }

    /// Replaces the lines and settles the totals from them.
    pub fn set_lines(&mut self, lines: Vec<Line>) {
        self.lines = lines;
        let totals = document_totals(&self.lines, &self.currency).total;
        self.net = totals.net;
        self.tax = totals.tax;
        self.total = totals.gross;
    }

    /// Whether the stored totals are what the lines add up to.
    pub fn totals_agree(&self) -> bool {
        let totals = document_totals(&self.lines, &self.currency).total;
        (totals.net, totals.tax, totals.gross) == (self.net, self.tax, self.total)
    }
}

/// A quote or order as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaleDraft {
    pub number: String,
    pub customer_id: String,
    pub opportunity_id: String,
    pub currency: String,
    /// The quote's date or the order date.
    pub day: String,
    /// A quote's last valid day; unused on orders.
    pub valid_until: String,
    pub notes: String,
    pub lines: Vec<LineDraft>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaleProblem {
    NumberRequired,
    /// Another quote or order already has the number.
    NumberTaken,
    CustomerRequired,
    DayInvalid,
    /// Before the quote's date, or not a day.
    ValidUntilInvalid,
    NotesTooLong,
    NoLines,
    Line(usize, LineProblem),
}

impl SaleDraft {
    pub fn of(body: &SaleBody, day: &str, valid_until: Option<&str>) -> Self {
        SaleDraft {
            number: body.number.clone(),
            customer_id: body.customer_id.to_string(),
            opportunity_id: body
                .opportunity_id
                .as_deref()
                .unwrap_or_default()
                .to_owned(),
            currency: body.currency.clone(),
            day: day.to_owned(),
            valid_until: valid_until.unwrap_or_default().to_owned(),
            notes: body.notes.clone(),
            lines: body.lines.iter().map(LineDraft::of).collect(),
        }
    }

    /// The body this draft describes, or every problem with it. `taken` says whether another
    /// document of the kind has a number.
    pub fn parse(&self, taken: impl Fn(&str) -> bool) -> Result<SaleBody, Vec<SaleProblem>> {
        let mut problems = Vec::new();
        let number = self.number.trim();
        if number.is_empty() {
            problems.push(SaleProblem::NumberRequired);
        } else if taken(number) {
            problems.push(SaleProblem::NumberTaken);
        }
        if self.customer_id.is_empty() {
            problems.push(SaleProblem::CustomerRequired);
        }
        if !is_valid_day(&self.day) {
            problems.push(SaleProblem::DayInvalid);
        }
        let until = self.valid_until.trim();
        if !until.is_empty() && (!is_valid_day(until) || until < self.day.as_str()) {
            problems.push(SaleProblem::ValidUntilInvalid);
        }
        if self.notes.chars().count() > NOTES_MAX {
            problems.push(SaleProblem::NotesTooLong);
        }
        if self.lines.is_empty() {
            problems.push(SaleProblem::NoLines);
        }
        let lines = parse_lines(&self.lines).unwrap_or_else(|found| {
            problems.extend(found.into_iter().map(|(at, p)| SaleProblem::Line(at, p)));
            Vec::new()
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut body = SaleBody::new(
            number.to_owned(),
            self.customer_id.as_str().into(),
            self.currency.clone(),
        );
        body.opportunity_id = Some(self.opportunity_id.as_str())
            .filter(|id| !id.is_empty())
            .map(Id::from);
        body.notes = self.notes.trim().to_owned();
        body.set_lines(lines);
        Ok(body)
    }

    /// The validity day typed, if any.
    pub fn valid_until(&self) -> Option<String> {
        Some(self.valid_until.trim().to_owned()).filter(|d| !d.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: &str, price: &str, includes_tax: bool) -> LineDraft {
        LineDraft {
            description: "Pump".into(),
            quantity: quantity.into(),
            unit_price: price.into(),
            price_includes_tax: includes_tax,
            tax_rate: "13".into(),
            ..LineDraft::default()
        }
    }

    fn draft() -> SaleDraft {
        SaleDraft {
            number: "Q-2026-0001".into(),
            customer_id: "c1".into(),
            currency: "CNY".into(),
            day: "2026-03-01".into(),
            valid_until: "2026-03-31".into(),
            lines: vec![line("2", "100", false), line("1", "113", true)],
            ..SaleDraft::default()
        }
    }

    #[test]
    fn a_document_keeps_the_totals_of_its_lines() {
        let body = draft().parse(|_| false).unwrap();
        assert_eq!(
            (body.net, body.tax, body.total),
            (
                Decimal::new(300, 0),
                Decimal::new(39, 0),
                Decimal::new(339, 0)
            )
        );
        assert!(body.totals_agree());
        let mut lying = body.clone();
        lying.total += Decimal::new(1, 2);
        assert!(!lying.totals_agree());
        let back = SaleDraft::of(&body, "2026-03-01", Some("2026-03-31"));
        assert_eq!(back.parse(|_| false), Ok(body));
    }

    #[test]
    fn every_problem_of_a_document_is_listed() {
        let mut bad = draft();
        bad.number = "Q-2026-0001".into();
        bad.customer_id.clear();
        bad.valid_until = "2026-02-01".into();
        bad.lines[1].quantity = "0".into();
        assert_eq!(
            bad.parse(|n| n == "Q-2026-0001"),
            Err(vec![
                SaleProblem::NumberTaken,
                SaleProblem::CustomerRequired,
                SaleProblem::ValidUntilInvalid,
                SaleProblem::Line(1, LineProblem::QuantityNotPositive)
            ])
        );
        bad.lines.clear();
        assert!(bad
            .parse(|_| false)
            .unwrap_err()
            .contains(&SaleProblem::NoLines));
    }
}
