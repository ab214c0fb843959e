//! Sales targets (目标): how much each team member is expected to sell in a month, in the base
//! currency. The dashboard sets them against what was sold (完成率).

use crate::domain::sorting::sort_by;
use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::date::is_valid_day;
use super::money::minor_units;
use super::opportunity::{parse_amount, AmountError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub member_id: String,
    /// `YYYY-MM`.
    pub month: String,
    /// In the base currency.
    #[serde(with = "crate::domain::money::exact")]
    pub amount: Decimal,
}

/// 1,000,000,000,000: beyond any team's month, and small enough that adding up every target of
/// a backup cannot overflow a `Decimal`.
pub const MAX_TARGET: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetProblem {
    /// Typed text that is not an amount.
    NotANumber,
    /// Not a real month written `YYYY-MM`.
    MonthInvalid,
    Negative,
    /// More digits after the point than the base currency has.
    TooPrecise,
    TooLarge,
    /// A second target for the same member and month.
    Repeated,
}

/// Whether `text` is a real month written `YYYY-MM` (year 0001 or later).
pub fn is_valid_month(text: &str) -> bool {
    text.len() == 7 && is_valid_day(&format!("{text}-01"))
}

/// The twelve months of a year, `YYYY-01` to `YYYY-12`.
pub fn months_of_year(year: i32) -> Vec<String> {
    (1..=12).map(|m| format!("{year:04}-{m:02}")).collect()
}

/// What is wrong with an amount as a target in `base`, if anything.
fn amount_problem(amount: Decimal, base: &str) -> Option<TargetProblem> {
    if amount.is_sign_negative() && !amount.is_zero() {
        Some(TargetProblem::Negative)
    } else if amount > MAX_TARGET {
        Some(TargetProblem::TooLarge)
    } else if amount.normalize().scale() > minor_units(base) {
        Some(TargetProblem::TooPrecise)
    } else {
        None
    }
}

/// Every problem of a list of targets in `base`, with the index of the target it is in; a repeat
/// is reported at the second target for the same member and month.
pub fn target_problems(targets: &[Target], base: &str) -> Vec<(usize, TargetProblem)> {
    let mut problems = Vec::new();
    let mut seen = HashSet::with_capacity(targets.len());
    for (i, target) in targets.iter().enumerate() {
        if !is_valid_month(&target.month) {
            problems.push((i, TargetProblem::MonthInvalid));
        }
        if let Some(problem) = amount_problem(target.amount, base) {
            problems.push((i, problem));
        }
        if !seen.insert((target.member_id.as_str(), target.month.as_str())) {
            problems.push((i, TargetProblem::Repeated));
        }
    }
    problems
}

/// An amount as typed into the targets grid, with the same leniency as prices (full-width
/// digits, thousands separators). Blank or zero means no target.
pub fn parse_target(text: &str, base: &str) -> Result<Option<Decimal>, TargetProblem> {
    let amount = parse_amount(text).map_err(|e| match e {
        AmountError::NotANumber => TargetProblem::NotANumber,
        AmountError::Negative => TargetProblem::Negative,
    })?;
    match amount_problem(amount, base) {
        Some(problem) => Err(problem),
        None => Ok((!amount.is_zero()).then_some(amount)),
    }
}

/// One cell of the targets grid as the user typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedTarget {
    pub member_id: String,
    pub month: String,
    pub text: String,
}

/// A cell that cannot be saved, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellProblem {
    pub member_id: String,
    pub month: String,
    pub problem: TargetProblem,
}

/// The saved targets with the cells of the grid put in: a cell replaces the target of its
/// member and month, an empty cell removes it, targets of other months and members stay. Nothing
/// changes if any cell is wrong; the problems come in the order of the cells.
pub fn put_cells(
    saved: &[Target],
    cells: &[TypedTarget],
    base: &str,
) -> Result<Vec<Target>, Vec<CellProblem>> {
    let mut typed = Vec::with_capacity(cells.len());
    let mut problems = Vec::new();
    for cell in cells {
        let parsed = if is_valid_month(&cell.month) {
            parse_target(&cell.text, base)
        } else {
            Err(TargetProblem::MonthInvalid)
        };
        match parsed {
            Ok(amount) => typed.push((cell, amount)),
            Err(problem) => problems.push(CellProblem {
                member_id: cell.member_id.clone(),
                month: cell.month.clone(),
                problem,
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let covered: HashSet<(&str, &str)> = cells
        .iter()
        .map(|c| (c.member_id.as_str(), c.month.as_str()))
        .collect();
    let mut targets: Vec<Target> = saved
        .iter()
        .filter(|t| !covered.contains(&(t.member_id.as_str(), t.month.as_str())))
        .cloned()
        .collect();
    targets.extend(typed.into_iter().filter_map(|(cell, amount)| {
        amount.map(|amount| Target {
            member_id: cell.member_id.clone(),
            month: cell.month.clone(),
            amount,
        })
    }));
    // One order for the same targets, so that saving twice writes the same setting.
    sort_by(&mut targets, |a, b| {
        (&a.month, &a.member_id).cmp(&(&b.month, &b.member_id))
    });
    targets.dedup_by(|a, b| a.month == b.month && a.member_id == b.member_id);
    Ok(targets)
}

/// The target of one member for one month, if one is set.
pub fn target_of(targets: &[Target], member_id: &str, month: &str) -> Option<Decimal> {
    targets
        .iter()
        .find(|t| t.member_id == member_id && t.month == month)
        .map(|t| t.amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn target(member: &str, month: &str, amount: &str) -> Target {
        Target {
            member_id: member.into(),
            month: month.into(),
            amount: dec(amount),
        }
    }

    fn cell(member: &str, month: &str, text: &str) -> TypedTarget {
        TypedTarget {
            member_id: member.into(),
            month: month.into(),
            text: text.into(),
        }
    }

    #[test]
    fn months_are_real_months() {
        for good in ["2026-01", "2026-12", "2024-02", "0001-01"] {
            assert!(is_valid_month(good), "{good}");
        }
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-01",
            "2026/01",
            "2026-01-01",
            "0000-01",
            "",
            "２０２６-01",
        ] {
            assert!(!is_valid_month(bad), "{bad}");
        }
        assert_eq!(months_of_year(2026)[0], "2026-01");
        assert_eq!(months_of_year(2026)[11], "2026-12");
    }

    #[test]
    fn typed_amounts_are_read_like_prices() {
        assert_eq!(parse_target("50,000", "CNY"), Ok(Some(dec("50000"))));
        assert_eq!(
            parse_target("１２,３４５.６", "CNY"),
            Ok(Some(dec("12345.6")))
        );
        assert_eq!(parse_target(" 8 000.50 ", "CNY"), Ok(Some(dec("8000.50"))));
        assert_eq!(parse_target("", "CNY"), Ok(None));
        assert_eq!(parse_target("0", "CNY"), Ok(None));
        assert_eq!(parse_target("0.00", "CNY"), Ok(None));
        assert_eq!(parse_target("abc", "CNY"), Err(TargetProblem::NotANumber));
        assert_eq!(parse_target("-5", "CNY"), Err(TargetProblem::Negative));
        assert_eq!(parse_target("1.005", "CNY"), Err(TargetProblem::TooPrecise));
        // Trailing zeros add no precision.
        assert_eq!(parse_target("1.000", "CNY"), Ok(Some(dec("1.000"))));
        assert_eq!(parse_target("1.5", "JPY"), Err(TargetProblem::TooPrecise));
        assert_eq!(parse_target("1.005", "KWD"), Ok(Some(dec("1.005"))));
        assert_eq!(
            parse_target("1000000000001", "CNY"),
            Err(TargetProblem::TooLarge)
        );
        assert_eq!(parse_target("1000000000000", "CNY"), Ok(Some(MAX_TARGET)));
    }

    #[test]
    fn a_list_of_targets_names_each_problem_by_index() {
        let targets = vec![
            target("m1", "2026-01", "100"),
            target("m1", "2026-13", "100"),
            target("m2", "2026-01", "-1"),
            target("m1", "2026-01", "50"),
            target("m2", "2026-02", "0.001"),
        ];
        assert_eq!(
            target_problems(&targets, "CNY"),
            [
                (1, TargetProblem::MonthInvalid),
                (2, TargetProblem::Negative),
                (3, TargetProblem::Repeated),
                (4, TargetProblem::TooPrecise),
            ]
        );
        assert!(target_problems(&targets[..1], "CNY").is_empty());
    }

    #[test]
    fn cells_replace_their_month_and_leave_the_rest() {
        let saved = vec![
            target("m1", "2025-12", "900"),
            target("m1", "2026-01", "100"),
            target("m2", "2026-01", "200"),
            target("m3", "2026-02", "300"),
        ];
        let cells = vec![
            cell("m1", "2026-01", "150"),
            cell("m1", "2026-02", "1,000"),
            cell("m2", "2026-01", ""),
            cell("m2", "2026-02", " "),
        ];
        let put = put_cells(&saved, &cells, "CNY").unwrap();
        assert_eq!(
            put,
            [
                target("m1", "2025-12", "900"),
                target("m1", "2026-01", "150"),
                target("m1", "2026-02", "1000"),
                target("m3", "2026-02", "300"),
            ]
        );
        assert_eq!(target_of(&put, "m1", "2026-02"), Some(dec("1000")));
        assert_eq!(target_of(&put, "m2", "2026-01"), None);
        assert_eq!(put_cells(&put, &cells, "CNY").unwrap(), put);
    }

    #[test]
    fn one_bad_cell_saves_nothing_and_every_bad_cell_is_named() {
        let saved = vec![target("m1", "2026-01", "100")];
        let cells = vec![
            cell("m1", "2026-01", "200"),
            cell("m1", "2026-02", "12a"),
            cell("m2", "2026-03", "-4"),
        ];
        let problems = put_cells(&saved, &cells, "CNY").unwrap_err();
        assert_eq!(
            problems,
            [
                CellProblem {
                    member_id: "m1".into(),
                    month: "2026-02".into(),
                    problem: TargetProblem::NotANumber,
                },
                CellProblem {
                    member_id: "m2".into(),
                    month: "2026-03".into(),
                    problem: TargetProblem::Negative,
                },
            ]
        );
    }

    #[test]
    fn targets_are_kept_as_exact_decimal_text() {
        let json = serde_json::to_string(&target("m1", "2026-03", "12000.50")).unwrap();
        assert_eq!(
            json,
            r#"{"member_id":"m1","month":"2026-03","amount":"12000.50"}"#
        );
        let back: Target = serde_json::from_str(&json).unwrap();
        assert_eq!(back.amount, dec("12000.50"));
        assert!(serde_json::from_str::<Target>(
            r#"{"member_id":"m1","month":"2026-03","amount":12}"#
        )
        .is_err());
    }
}
