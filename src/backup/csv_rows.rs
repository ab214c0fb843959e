//! One row of a file read through the column mapping: its cells, the problems found in them,
//! each tied to its column, and what each kind of record must say about rows ([`Rules`]).

use crate::domain::duplicate::MatchReason;
use crate::domain::lead::Level;
use crate::domain::record::RecordMeta;
use crate::domain::text::fold;
use crate::domain::validate::{Field, FieldProblem, Problem};

use super::csv_fields::Target;

/// What is wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A check of the record's own form failed.
    Field(Problem),
    PriceInvalid,
    LevelInvalid,
    YesNoInvalid,
    /// The row has a different number of fields than the header.
    ColumnCount {
        found: usize,
        expected: usize,
    },
    /// A contact names a customer that does not exist.
    NoSuchCustomer(String),
}

/// A problem and the column (from 0) it is in, if it is in one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellProblem {
    pub column: Option<usize>,
    pub problem: RowProblem,
}

/// Why a row looks like a record that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Name,
    Phone,
    Email,
    /// Products only: the code, which is unique, so the row cannot be added as a new product.
    Code,
    NameAndSpec,
}

impl From<MatchReason> for Reason {
    fn from(reason: MatchReason) -> Self {
        match reason {
            MatchReason::Name => Reason::Name,
            MatchReason::Phone => Reason::Phone,
            MatchReason::Email => Reason::Email,
        }
    }
}

/// A row's fields read through the mapping.
pub struct Cells<'a> {
    pub fields: &'a [String],
    pub mapping: &'a [Option<Target>],
}

impl Cells<'_> {
    pub fn column(&self, target: Target) -> Option<usize> {
        self.mapping.iter().position(|m| *m == Some(target))
    }

    pub fn get(&self, target: Target) -> String {
        self.column(target)
            .and_then(|i| self.fields.get(i))
            .map(|f| f.trim().to_owned())
            .unwrap_or_default()
    }

    pub(super) fn problem(&self, target: Target, problem: RowProblem) -> CellProblem {
        CellProblem {
            column: self.column(target),
            problem,
        }
    }

    /// The domain's problems, each placed in the column of its field.
    pub(super) fn place(&self, problems: Vec<FieldProblem>) -> Vec<CellProblem> {
        problems
            .into_iter()
            .map(|p| {
                let column = match p.problem {
                    // Either column would fix it: point at the one the file has.
                    Problem::NameOrCompanyRequired => self
                        .column(Target::Name)
                        .or_else(|| self.column(Target::Company)),
                    _ => target_of(p.field).and_then(|t| self.column(t)),
                };
                CellProblem {
                    column,
                    problem: RowProblem::Field(p.problem),
                }
            })
            .collect()
    }

    pub(super) fn level(&self, problems: &mut Vec<CellProblem>) -> Option<Level> {
        let text = fold(&self.get(Target::Level)).to_uppercase();
        let text = text.trim_end_matches(['级', '类']).trim();
        if text.is_empty() {
            return None;
        }
        let level = Level::parse(text);
        if level.is_none() {
            problems.push(self.problem(Target::Level, RowProblem::LevelInvalid));
        }
        level
    }

    pub(super) fn day(&self, target: Target) -> Option<String> {
        Some(day(&self.get(target))).filter(|d| !d.is_empty())
    }
}

fn target_of(field: Field) -> Option<Target> {
    Some(match field {
        Field::Name => Target::Name,
        Field::Company => Target::Company,
        Field::Customer => Target::Customer,
        Field::Title => Target::Title,
        Field::Phone => Target::Phone,
        Field::Email => Target::Email,
        Field::City => Target::City,
        Field::Address => Target::Address,
        Field::Website => Target::Website,
        Field::Industry => Target::Industry,
        Field::Tags => Target::Tags,
        Field::Notes => Target::Notes,
        Field::NextFollowUp => Target::NextFollowUp,
        _ => return None,
    })
}

/// A day as spreadsheets write it (`2026/3/5`, `2026.03.05`, `2026-3-5`) as `YYYY-MM-DD`; any
/// other text is left for the domain to refuse.
fn day(text: &str) -> String {
    let folded = fold(text);
    let parts: Vec<&str> = folded.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => folded,
    }
}

pub(super) fn yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "" | "no" | "n" | "false" | "0" | "否" | "不是" | "x" | "×" => Some(false),
        "yes" | "y" | "true" | "1" | "是" | "✓" | "√" => Some(true),
        _ => None,
    }
}

pub(super) fn fill(into: &mut String, from: &str) {
    if into.trim().is_empty() && !from.trim().is_empty() {
        *into = from.to_owned();
    }
}

pub(super) fn fill_option<T: Clone>(into: &mut Option<T>, from: &Option<T>) {
    if into.is_none() {
        into.clone_from(from);
    }
}

pub(super) fn with_problems<T>(
    value: T,
    problems: Vec<CellProblem>,
) -> Result<T, Vec<CellProblem>> {
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// What an import needs to know about one kind of record.
pub trait Rules {
    type Rec: crate::domain::record::Record + Clone + PartialEq;
    type Draft;

    /// The record a row describes, checked, or every problem with it.
    fn draft(&self, cells: &Cells) -> Result<Self::Draft, Vec<CellProblem>>;
    /// Index keys of a draft and of a record: two that look alike share at least one. They
    /// only narrow the search; [`Rules::likeness`] decides.
    fn draft_keys(&self, draft: &Self::Draft) -> Vec<String>;
    fn record_keys(&self, record: &Self::Rec) -> Vec<String>;
    /// Why `record` looks like the row, by the domain's own duplicate rules; empty if it does
    /// not.
    fn likeness(&self, draft: &Self::Draft, record: &Self::Rec) -> Vec<Reason>;
    fn create(&self, draft: Self::Draft, meta: RecordMeta) -> Result<Self::Rec, Vec<CellProblem>>;
    /// Fills the record's empty fields from the row.
    fn merge(
        &self,
        draft: Self::Draft,
        record: &mut Self::Rec,
        now: &str,
    ) -> Result<(), Vec<CellProblem>>;
    fn label(&self, record: &Self::Rec) -> String;
}

pub(super) fn keys(parts: [(&str, String); 3]) -> Vec<String> {
    parts
        .into_iter()
        .filter(|(_, k)| !k.is_empty())
        .map(|(tag, k)| format!("{tag}{k}"))
        .collect()
}

/// Problems of a record made from a draft already checked: they cannot occur, but if one did
/// the row is refused rather than the import.
pub(super) fn no_column(problems: Vec<FieldProblem>) -> Vec<CellProblem> {
    problems
        .into_iter()
        .map(|p| CellProblem {
            column: None,
            problem: RowProblem::Field(p.problem),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_dates_become_days() {
        assert_eq!(day("2026/3/5"), "2026-03-05");
        assert_eq!(day("2026.12.31"), "2026-12-31");
        assert_eq!(day("２０２６-1-9"), "2026-01-09");
        assert_eq!(
            day("3/5/2026"),
            "3/5/2026",
            "day and month order cannot be known"
        );
    }

    #[test]
    fn yes_and_no_in_either_language() {
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no(" YES "), Some(true));
        assert_eq!(yes_no("否"), Some(false));
        assert_eq!(yes_no(""), Some(false));
        assert_eq!(yes_no("maybe"), None);
    }
}
