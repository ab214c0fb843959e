//! Editing the pipeline in Settings: stages are added, renamed, given a probability, moved and
//! removed. Won and Lost stay at the end; a stage that opportunities are in cannot go.

use super::opportunity::{
    check_pipeline, default_stages, Opportunity, Outcome, PipelineProblem, Stage,
};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageEditError {
    /// This many opportunities (Trash included) are in the stage.
    InUse(usize),
    /// Won and Lost close an opportunity; the pipeline needs both.
    Closing,
    Invalid(Vec<PipelineProblem>),
}

/// The saved pipeline, or the default one if none was saved or the saved one is unusable.
pub fn pipeline_or_default(saved: Option<Vec<Stage>>) -> Vec<Stage> {
    saved
        .filter(|s| check_pipeline(s).is_empty())
        .unwrap_or_else(default_stages)
}

/// A new open stage, placed after the last open one.
pub fn add_stage(
    stages: &[Stage],
    id: String,
    name: &str,
    probability: u8,
) -> Result<Vec<Stage>, StageEditError> {
    let mut next = stages.to_vec();
    let at = next
        .iter()
        .rposition(|s| s.outcome == Outcome::Open)
        .map_or(0, |i| i + 1);
    next.insert(
        at,
        Stage {
            id,
            name: Some(name.trim().to_owned()),
            probability,
            outcome: Outcome::Open,
        },
    );
    checked(next)
}

/// Renames a stage and sets its probability. A built-in stage with an empty name goes back to
/// its name in the user's language.
pub fn update_stage(
    stages: &[Stage],
    id: &str,
    name: &str,
    probability: u8,
) -> Result<Vec<Stage>, StageEditError> {
    let mut next = stages.to_vec();
    if let Some(stage) = next.iter_mut().find(|s| s.id == id) {
        let name = name.trim();
        stage.name = (!name.is_empty()).then(|| name.to_owned());
        stage.probability = probability;
    }
    checked(next)
}

/// Moves an open stage one place earlier (`-1`) or later (`1`) among the open stages.
pub fn move_stage(stages: &[Stage], id: &str, by: isize) -> Vec<Stage> {
    let mut next = stages.to_vec();
    let Some(from) = next.iter().position(|s| s.id == id) else {
        return next;
    };
    let to = from as isize + by;
    let open = |i: isize| {
        usize::try_from(i)
            .ok()
            .and_then(|i| next.get(i))
            .is_some_and(|s| s.outcome == Outcome::Open)
    };
    if open(from as isize) && open(to) {
        next.swap(from, to as usize);
    }
    next
}

pub fn remove_stage(
    stages: &[Stage],
    id: &str,
    opportunities: &[Opportunity],
) -> Result<Vec<Stage>, StageEditError> {
    if stages
        .iter()
        .any(|s| s.id == id && s.outcome != Outcome::Open)
    {
        return Err(StageEditError::Closing);
    }
    // Those in Trash count too: restored, they would have no column.
    let in_use = opportunities.iter().filter(|o| o.stage_id == id).count();
    if in_use > 0 {
        return Err(StageEditError::InUse(in_use));
    }
    checked(stages.iter().filter(|s| s.id != id).cloned().collect())
}

fn checked(stages: Vec<Stage>) -> Result<Vec<Stage>, StageEditError> {
    let problems = check_pipeline(&stages);
    if problems.is_empty() {
        Ok(stages)
    } else {
        Err(StageEditError::Invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::RecordMeta;
    use rust_decimal::Decimal;

    fn ids(stages: &[Stage]) -> Vec<&str> {
        stages.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn a_new_stage_goes_before_won_and_lost() {
        let stages = add_stage(&default_stages(), "pilot".into(), " Pilot ", 70).unwrap();
        assert_eq!(
            ids(&stages),
            [
                "new",
                "qualified",
                "needs_analysis",
                "proposal",
                "negotiation",
                "pilot",
                "won",
                "lost"
            ]
        );
        assert_eq!(stages[5].name.as_deref(), Some("Pilot"));
        assert_eq!(
            add_stage(&default_stages(), "x".into(), "  ", 10),
            Err(StageEditError::Invalid(vec![
                PipelineProblem::NameRequired("x".into())
            ]))
        );
    }

    #[test]
    fn renaming_and_probability() {
        let stages = update_stage(&default_stages(), "proposal", "报价", 65).unwrap();
        assert_eq!(stages[3].name.as_deref(), Some("报价"));
        assert_eq!(stages[3].probability, 65);
        let back = update_stage(&stages, "proposal", "", 60).unwrap();
        assert_eq!(back, default_stages());
        assert!(matches!(
            update_stage(&default_stages(), "new", "", 101),
            Err(StageEditError::Invalid(_))
        ));
    }

    #[test]
    fn open_stages_move_among_themselves_only() {
        let stages = move_stage(&default_stages(), "qualified", -1);
        assert_eq!(ids(&stages)[..2], ["qualified", "new"]);
        assert_eq!(move_stage(&stages, "qualified", -1), stages);
        assert_eq!(
            move_stage(&default_stages(), "negotiation", 1),
            default_stages()
        );
        assert_eq!(move_stage(&default_stages(), "won", -1), default_stages());
    }

    #[test]
    fn a_stage_in_use_or_closing_cannot_be_removed() {
        let meta = RecordMeta::new("o".into(), "2026-01-01T00:00:00Z", "me".into());
        let stages = default_stages();
        let o = Opportunity::open(meta, "c", "ERP", Decimal::ONE, "CNY", &stages[3]);
        assert_eq!(
            remove_stage(&stages, "proposal", std::slice::from_ref(&o)),
            Err(StageEditError::InUse(1))
        );
        assert_eq!(
            remove_stage(&stages, "won", &[]),
            Err(StageEditError::Closing)
        );
        let fewer = remove_stage(&stages, "proposal", &[]).unwrap();
        assert!(!ids(&fewer).contains(&"proposal"));
    }

    #[test]
    fn an_unusable_saved_pipeline_falls_back_to_the_default() {
        assert_eq!(pipeline_or_default(None), default_stages());
        assert_eq!(pipeline_or_default(Some(Vec::new())), default_stages());
        let custom = update_stage(&default_stages(), "new", "Inbound", 5).unwrap();
        assert_eq!(pipeline_or_default(Some(custom.clone())), custom);
    }
}
