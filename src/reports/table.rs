//! What every report returns: sections of a table and a chart drawn from it. The page draws any
//! report the same way, exports any table as CSV, and lists the records behind any row.

use rust_decimal::Decimal;

use super::scope::Behind;
use crate::domain::activity::ActivityKind;
use crate::i18n::Key;

/// One cell of a table. Amounts are in the base currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Count(u64),
    Money(Decimal),
    Quantity(Decimal),
    /// Percent, to one decimal; none when it cannot be computed (nothing to divide by).
    Percent(Option<Decimal>),
    /// A number of days, to one decimal; none when there is nothing to average.
    Days(Option<Decimal>),
    /// A change against the previous period, in percent; none when there was nothing before.
    Change(Option<Decimal>),
    Day(String),
    Text(String),
}

impl Value {
    /// The number a chart draws for this cell.
    pub fn magnitude(&self) -> Decimal {
        match self {
            Value::Count(n) => Decimal::from(*n),
            Value::Money(d) | Value::Quantity(d) => *d,
            Value::Percent(d) | Value::Days(d) | Value::Change(d) => d.unwrap_or_default(),
            Value::Day(_) | Value::Text(_) => Decimal::ZERO,
        }
    }
}

/// What a row is about. User data stays as typed; built-in names are translated by the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    Text(String),
    Key(Key),
    /// A lead or customer source code (`trade_fair`) or a source the user typed.
    Source(String),
    /// A pipeline stage id.
    Stage(String),
    /// A team member id.
    Member(String),
    /// `YYYY-MM`.
    Month(String),
    /// The Monday a week starts on, `YYYY-MM-DD`.
    Week(String),
    Kind(ActivityKind),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: Label,
    pub values: Vec<Value>,
    /// The records counted in this row, when there are any to list.
    pub behind: Option<Behind>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The heading of the label column, then one per value column: mostly `Label::Key`, or a
    /// member or month when a table has one column per member or month.
    pub columns: Vec<Label>,
    pub rows: Vec<Row>,
    /// A totals row, drawn under the others and never charted.
    pub total: Option<Row>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// One bar per row for each charted column.
    Bar,
    /// One bar per row, the charted columns stacked.
    StackedBar,
    /// One line per charted column across the rows (months, weeks).
    Line,
    /// Rows as the steps of a funnel, sized by the first charted column.
    Funnel,
    /// Rows as the slices of a ring, sized by the first charted column.
    Donut,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub kind: ChartKind,
    /// Indexes into a row's `values`.
    pub columns: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: Key,
    pub chart: Option<Chart>,
    pub table: Table,
}

/// A headline figure of the dashboard: now, before, and the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub title: Key,
    pub now: Value,
    pub before: Value,
    pub change: Value,
    pub behind: Option<Behind>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
}

/// `part` of `whole` in percent, to one decimal; none when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| (part * Decimal::ONE_HUNDRED / whole).round_dp(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_to_one_decimal_and_refuses_zero() {
        assert_eq!(
            percent(Decimal::ONE, Decimal::from(3)),
            Some(Decimal::new(333, 1))
        );
        assert_eq!(
            percent(Decimal::TWO, Decimal::from(3)),
            Some(Decimal::new(667, 1))
        );
        assert_eq!(percent(Decimal::ONE, Decimal::ZERO), None);
    }
}
