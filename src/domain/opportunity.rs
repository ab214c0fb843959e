//! Opportunities (商机): a possible sale to a customer, moving through the pipeline's stages.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::text::fold;

/// How a stage ends an opportunity, if it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// A column of the pipeline. The built-in stages carry no name: the app names them in the
/// user's language; a stage the user adds or renames carries its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Percent, 0 to 100.
    pub probability: u8,
    pub outcome: Outcome,
}

/// The stages of DESIGN.md, in order.
pub fn default_stages() -> Vec<Stage> {
    [
        ("new", 10, Outcome::Open),
        ("qualified", 20, Outcome::Open),
        ("needs_analysis", 40, Outcome::Open),
        ("proposal", 60, Outcome::Open),
        ("negotiation", 80, Outcome::Open),
        ("won", 100, Outcome::Won),
        ("lost", 0, Outcome::Lost),
    ]
    .into_iter()
    .map(|(id, probability, outcome)| Stage {
        id: id.to_owned(),
        name: None,
        probability,
        outcome,
    })
    .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PipelineProblem {
    NoOpenStage,
    /// There must be exactly one Won and one Lost stage.
    OutcomeCount(Outcome),
    DuplicateStage(String),
    ProbabilityOver100(String),
    NameRequired(String),
}

/// Whether a list of stages can be the pipeline: every problem with it.
pub fn check_pipeline(stages: &[Stage]) -> Vec<PipelineProblem> {
    let mut problems = Vec::new();
    if !stages.iter().any(|s| s.outcome == Outcome::Open) {
        problems.push(PipelineProblem::NoOpenStage);
    }
    for outcome in [Outcome::Won, Outcome::Lost] {
        if stages.iter().filter(|s| s.outcome == outcome).count() != 1 {
            problems.push(PipelineProblem::OutcomeCount(outcome));
        }
    }
    let mut seen = Vec::new();
    for stage in stages {
        if seen.contains(&&stage.id) {
            problems.push(PipelineProblem::DuplicateStage(stage.id.clone()));
        }
        seen.push(&stage.id);
        if stage.probability > 100 {
            problems.push(PipelineProblem::ProbabilityOver100(stage.id.clone()));
        }
        let built_in = default_stages().iter().any(|d| d.id == stage.id);
        if !built_in && stage.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            problems.push(PipelineProblem::NameRequired(stage.id.clone()));
        }
    }
    problems
}

/// One move of an opportunity between stages; the first has no `from`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageChange {
    pub from: Option<String>,
    pub to: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Opportunity {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub customer_id: Id,
    #[serde(default)]
    pub contact_ids: Vec<Id>,
    pub title: String,
    #[serde(with = "crate::domain::money::exact")]
    pub amount: Decimal,
    pub currency: String,
    pub stage_id: String,
    /// Percent; the stage's, unless the user set another.
    pub probability: u8,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub expected_close: Option<String>,
    #[serde(default)]
    pub lost_reason: Option<String>,
    pub stage_history: Vec<StageChange>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub next_follow_up: Option<String>,
    /// Where it came from, as for leads.
    #[serde(default)]
    pub source: String,
}

record_serde!(Opportunity {
    meta: RecordMeta,
    customer_id: Id,
    contact_ids: Vec<Id>,
    title: String,
    amount: Decimal,
    currency: String,
    stage_id: String,
    probability: u8,
    expected_close: Option<String>,
    lost_reason: Option<String>,
    stage_history: Vec<StageChange>,
    next_follow_up: Option<String>,
    source: String,
});

impl super::activity::FollowUp for Opportunity {
    fn set_next_follow_up(&mut self, day: String) {
        self.next_follow_up = Some(day);
    }
}

impl Record for Opportunity {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageError {
    AlreadyThere,
    ReasonRequired,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    NotANumber,
    Negative,
}

/// An amount as people type it: `12,345.60`, full-width digits, spaces.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let cleaned: String = fold(text)
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    if cleaned.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let amount: Decimal = cleaned.parse().map_err(|_| AmountError::NotANumber)?;
    if amount.is_sign_negative() && !amount.is_zero() {
        return Err(AmountError::Negative);
    }
    Ok(amount)
}

impl Opportunity {
    /// A new opportunity in `stage`, taking its probability; the history starts there.
    pub fn open(
        meta: RecordMeta,
        customer_id: &str,
        title: &str,
        amount: Decimal,
        currency: &str,
        stage: &Stage,
    ) -> Self {
        let at = meta.created_at.clone();
        Opportunity {
            meta,
            customer_id: customer_id.into(),
            contact_ids: Vec::new(),
            title: title.trim().to_owned(),
            amount,
            currency: currency.to_owned(),
            stage_id: stage.id.clone(),
            probability: stage.probability,
            expected_close: None,
            lost_reason: None,
            next_follow_up: None,
            source: String::new(),
            stage_history: vec![StageChange {
                from: None,
                to: stage.id.clone(),
                at,
            }],
        }
    }

    /// Moves to `stage`, keeping the move in the history. Lost needs a reason; leaving Lost
    /// forgets it. The probability becomes the stage's.
    pub fn move_to(&mut self, stage: &Stage, reason: &str, now: &str) -> Result<(), StageError> {
        if stage.id == self.stage_id {
            return Err(StageError::AlreadyThere);
        }
        let reason = reason.trim();
        self.lost_reason = match stage.outcome {
            Outcome::Lost if reason.is_empty() => return Err(StageError::ReasonRequired),
            Outcome::Lost => Some(reason.to_owned()),
            _ => None,
        };
        self.stage_history.push(StageChange {
            from: Some(self.stage_id.clone()),
            to: stage.id.clone(),
            at: now.to_owned(),
        });
        self.stage_id = stage.id.clone();
        self.probability = stage.probability;
        self.meta.touch(now);
        Ok(())
    }

    /// Whether it is still being worked on: its stage is neither Won nor Lost. An opportunity in
    /// a stage that no longer exists counts as open, so it is not forgotten.
    pub fn is_open(&self, stages: &[Stage]) -> bool {
        !self.meta.is_deleted()
            && stages
                .iter()
                .find(|s| s.id == self.stage_id)
                .is_none_or(|s| s.outcome == Outcome::Open)
    }

    /// The amount times the probability, to the cent.
    pub fn weighted_amount(&self) -> Decimal {
        (self.amount * Decimal::from(self.probability) / Decimal::ONE_HUNDRED).round_dp(2)
    }
}

/// A pipeline column's count and its amounts, per currency (conversion to the base currency
/// needs exchange rates, which arrive with orders).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnTotal {
    pub count: usize,
    pub amounts: BTreeMap<String, Decimal>,
}

pub fn column_totals(stages: &[Stage], opportunities: &[Opportunity]) -> Vec<ColumnTotal> {
    stages
        .iter()
        .map(|stage| {
            let mut total = ColumnTotal::default();
            for o in opportunities
                .iter()
                .filter(|o| !o.meta.is_deleted() && o.stage_id == stage.id)
            {
                total.count += 1;
                *total.amounts.entry(o.currency.clone()).or_default() += o.amount;
            }
            total
        })
        .collect()
}

/// The amount and the weighted amount of some opportunities, per currency.
pub fn sums<'a>(
    opportunities: impl IntoIterator<Item = &'a Opportunity>,
) -> BTreeMap<String, (Decimal, Decimal)> {
    let mut sums: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
    for o in opportunities {
        let entry = sums.entry(o.currency.clone()).or_default();
        entry.0 += o.amount;
        entry.1 += o.weighted_amount();
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const T0: &str = "2026-01-01T00:00:00Z";
    const T1: &str = "2026-01-05T00:00:00Z";

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn stage(id: &str) -> Stage {
        default_stages().into_iter().find(|s| s.id == id).unwrap()
    }

    fn opportunity(amount: &str, currency: &str, stage_id: &str) -> Opportunity {
        let meta = RecordMeta::new("o".into(), T0, "me".into());
        Opportunity::open(
            meta,
            "c",
            " ERP rollout ",
            dec(amount),
            currency,
            &stage(stage_id),
        )
    }

    #[test]
    fn default_stages_follow_the_design() {
        let stages = default_stages();
        let summary: Vec<_> = stages
            .iter()
            .map(|s| (s.id.as_str(), s.probability))
            .collect();
        assert_eq!(
            summary,
            [
                ("new", 10),
                ("qualified", 20),
                ("needs_analysis", 40),
                ("proposal", 60),
                ("negotiation", 80),
                ("won", 100),
                ("lost", 0)
            ]
        );
        assert!(check_pipeline(&stages).is_empty());
    }

    #[test]
    fn a_pipeline_needs_open_stages_one_won_one_lost_and_names() {
        let mut stages = default_stages();
        stages.retain(|s| s.outcome != Outcome::Won);
        stages.push(Stage {
            id: "pilot".into(),
            name: Some(" ".into()),
            probability: 120,
            outcome: Outcome::Open,
        });
        assert_eq!(
            check_pipeline(&stages),
            vec![
                PipelineProblem::OutcomeCount(Outcome::Won),
                PipelineProblem::ProbabilityOver100("pilot".into()),
                PipelineProblem::NameRequired("pilot".into()),
            ]
        );
    }

    #[test]
    fn a_new_opportunity_takes_its_stage_probability_and_starts_its_history() {
        let o = opportunity("1000", "CNY", "new");
        assert_eq!(o.title, "ERP rollout");
        assert_eq!(o.probability, 10);
        assert_eq!(
            o.stage_history,
            vec![StageChange {
                from: None,
                to: "new".into(),
                at: T0.into()
            }]
        );
    }

    #[test]
    fn every_stage_change_is_kept() {
        let mut o = opportunity("1000", "CNY", "new");
        o.move_to(&stage("proposal"), "", T1).unwrap();
        o.move_to(&stage("won"), "", T1).unwrap();
        let moves: Vec<_> = o
            .stage_history
            .iter()
            .map(|c| (c.from.as_deref(), c.to.as_str()))
            .collect();
        assert_eq!(
            moves,
            [
                (None, "new"),
                (Some("new"), "proposal"),
                (Some("proposal"), "won")
            ]
        );
        assert_eq!(o.probability, 100);
        assert_eq!(o.meta.rev, 3);
        assert_eq!(
            o.move_to(&stage("won"), "", T1),
            Err(StageError::AlreadyThere)
        );
    }

    #[test]
    fn lost_needs_a_reason_and_reopening_forgets_it() {
        let mut o = opportunity("1000", "CNY", "negotiation");
        assert_eq!(
            o.move_to(&stage("lost"), " ", T1),
            Err(StageError::ReasonRequired)
        );
        assert_eq!(o.stage_id, "negotiation");
        assert_eq!(o.stage_history.len(), 1);
        o.move_to(&stage("lost"), "price too high", T1).unwrap();
        assert_eq!(o.lost_reason.as_deref(), Some("price too high"));
        assert_eq!(o.probability, 0);
        o.move_to(&stage("proposal"), "", T1).unwrap();
        assert_eq!(o.lost_reason, None);
    }

    #[test]
    fn weighted_amount_is_amount_times_probability() {
        assert_eq!(
            opportunity("1234.55", "CNY", "proposal").weighted_amount(),
            dec("740.73")
        );
        assert_eq!(
            opportunity("1000", "CNY", "lost").weighted_amount(),
            dec("0")
        );
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("12,345.60"), Ok(dec("12345.60")));
        assert_eq!(parse_amount("１２３４.５"), Ok(dec("1234.5")));
        assert_eq!(parse_amount(""), Ok(Decimal::ZERO));
        assert_eq!(parse_amount("abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5"), Err(AmountError::Negative));
    }

    #[test]
    fn columns_total_per_stage_and_currency() {
        let mut gone = opportunity("999", "CNY", "new");
        gone.meta.deleted_at = Some(T1.into());
        let all = vec![
            opportunity("100.50", "CNY", "new"),
            opportunity("200", "CNY", "new"),
            opportunity("50", "USD", "new"),
            opportunity("10", "CNY", "won"),
            gone,
        ];
        let totals = column_totals(&default_stages(), &all);
        assert_eq!(totals[0].count, 3);
        assert_eq!(totals[0].amounts["CNY"], dec("300.50"));
        assert_eq!(totals[0].amounts["USD"], dec("50"));
        assert_eq!(totals[1], ColumnTotal::default());
        assert_eq!(totals[5].count, 1);
    }

    #[test]
    fn money_is_stored_as_a_decimal_string() {
        let o = opportunity("1234.50", "CNY", "new");
        let json = serde_json::to_value(&o).unwrap();
        assert_eq!(json["amount"], "1234.50");
        let back: Opportunity = serde_json::from_value(json).unwrap();
        assert_eq!(back, o);
    }

    #[test]
    fn sums_per_currency_with_weighted_amounts() {
        let all = [
            opportunity("1000", "CNY", "proposal"),
            opportunity("500.50", "CNY", "new"),
            opportunity("20", "USD", "won"),
        ];
        let sums = sums(&all);
        assert_eq!(sums["CNY"], (dec("1500.50"), dec("650.05")));
        assert_eq!(sums["USD"], (dec("20"), dec("20")));
    }
}
