//! An opportunity as its form edits it: amounts and percentages as typed, checked before they
//! reach the record.

use rust_decimal::prelude::ToPrimitive;

use super::id::Id;
use super::money::parse_rate;
use super::opportunity::{parse_amount, AmountError, Opportunity};
use super::validate::{tidy, Checks, Details, Field, FieldProblem, Problem, SHORT_TEXT_MAX};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OpportunityDraft {
    pub title: String,
    pub amount: String,
    pub currency: String,
    /// Percent as typed; empty means the stage's.
    pub probability: String,
    pub expected_close: Option<String>,
    pub next_follow_up: Option<String>,
    pub contact_ids: Vec<Id>,
    pub source: String,
}

impl OpportunityDraft {
    pub fn of(opportunity: &Opportunity) -> Self {
        OpportunityDraft {
            title: opportunity.title.clone(),
            amount: opportunity.amount.to_string(),
            currency: opportunity.currency.clone(),
            probability: opportunity.probability.to_string(),
            expected_close: opportunity.expected_close.clone(),
            next_follow_up: opportunity.next_follow_up.clone(),
            contact_ids: opportunity.contact_ids.clone(),
            source: opportunity.source.clone(),
        }
    }
}

/// A whole percentage as people type it: `40`, `40%`, full-width digits.
pub fn parse_percent(text: &str) -> Option<u8> {
    if text.trim().is_empty() {
        return None;
    }
    parse_rate(text)
        .filter(|p| p.fract().is_zero())
        .and_then(|p| p.to_u8())
}

impl Details for OpportunityDraft {
    fn tidied(mut self) -> Self {
        tidy(
            &mut [
                &mut self.title,
                &mut self.amount,
                &mut self.currency,
                &mut self.probability,
                &mut self.source,
            ],
            &mut self.expected_close,
        );
        tidy(&mut [], &mut self.next_follow_up);
        self.contact_ids.dedup();
        self
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        checks.required(Field::Title, &self.title);
        checks.max_len(Field::Title, &self.title, SHORT_TEXT_MAX);
        match parse_amount(&self.amount) {
            Err(AmountError::NotANumber) => checks.add(Field::Amount, Problem::AmountInvalid),
            Err(AmountError::Negative) => checks.add(Field::Amount, Problem::AmountNegative),
            Ok(_) => {}
        }
        if !self.probability.is_empty() && parse_percent(&self.probability).is_none() {
            checks.add(Field::Probability, Problem::PercentInvalid);
        }
        checks.day(Field::ExpectedClose, self.expected_close.as_deref());
        checks.day(Field::NextFollowUp, self.next_follow_up.as_deref());
        checks.into_problems()
    }
}

impl Opportunity {
    /// Takes what the form says, or every problem with it and changes nothing. An empty
    /// probability goes back to the stage's, `stage_probability`.
    pub fn edit(
        &mut self,
        draft: OpportunityDraft,
        stage_probability: u8,
        now: &str,
    ) -> Result<(), Vec<FieldProblem>> {
        let draft = draft.checked()?;
        self.title = draft.title;
        self.amount = parse_amount(&draft.amount).unwrap_or_default();
        if !draft.currency.is_empty() {
            self.currency = draft.currency;
        }
        self.probability = parse_percent(&draft.probability).unwrap_or(stage_probability);
        self.expected_close = draft.expected_close;
        self.next_follow_up = draft.next_follow_up;
        self.contact_ids = draft.contact_ids;
        self.source = draft.source;
        self.meta.touch(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::opportunity::default_stages;
    use crate::domain::record::RecordMeta;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn opportunity() -> Opportunity {
        let meta = RecordMeta::new("o".into(), "2026-01-01T00:00:00Z", "me".into());
        Opportunity::open(
            meta,
            "c",
            "ERP",
            Decimal::from(1000),
            "CNY",
            &default_stages()[2],
        )
    }

    #[test]
    fn an_edit_takes_the_typed_values_and_keeps_the_history() {
        let mut o = opportunity();
        let draft = OpportunityDraft {
            title: " ERP phase 2 ".into(),
            amount: "１２,５００.５".into(),
            probability: "55%".into(),
            expected_close: Some("2026-03-31".into()),
            next_follow_up: Some(" ".into()),
            contact_ids: vec!["k1".into()],
            source: "referral".into(),
            ..OpportunityDraft::of(&o)
        };
        o.edit(draft, 40, "2026-01-02T00:00:00Z").unwrap();
        assert_eq!(o.title, "ERP phase 2");
        assert_eq!(o.amount, Decimal::from_str("12500.5").unwrap());
        assert_eq!(o.probability, 55);
        assert_eq!(o.expected_close.as_deref(), Some("2026-03-31"));
        assert_eq!(o.next_follow_up, None);
        assert_eq!(o.contact_ids, ["k1"]);
        assert_eq!(o.source, "referral");
        assert_eq!(o.stage_history.len(), 1);
        assert_eq!(o.meta.rev, 2);
    }

    #[test]
    fn an_empty_probability_is_the_stages() {
        let mut o = opportunity();
        let draft = OpportunityDraft {
            probability: String::new(),
            ..OpportunityDraft::of(&o)
        };
        o.edit(draft, 40, "2026-01-02T00:00:00Z").unwrap();
        assert_eq!(o.probability, 40);
    }

    #[test]
    fn bad_input_is_refused_field_by_field_and_changes_nothing() {
        let mut o = opportunity();
        let before = o.clone();
        let draft = OpportunityDraft {
            title: " ".into(),
            amount: "-3".into(),
            probability: "120".into(),
            expected_close: Some("2026-02-30".into()),
            ..OpportunityDraft::of(&o)
        };
        let problems = o.edit(draft, 40, "2026-01-02T00:00:00Z").unwrap_err();
        let found: Vec<_> = problems.iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(
            found,
            [
                (Field::Title, Problem::Required),
                (Field::Amount, Problem::AmountNegative),
                (Field::Probability, Problem::PercentInvalid),
                (Field::ExpectedClose, Problem::DateInvalid),
            ]
        );
        assert_eq!(o, before);
        let letters = OpportunityDraft {
            amount: "a lot".into(),
            ..OpportunityDraft::of(&o)
        };
        assert_eq!(
            letters.problems()[0],
            FieldProblem {
                field: Field::Amount,
                problem: Problem::AmountInvalid
            }
        );
    }
}
