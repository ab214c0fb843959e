//! The date range a report covers, and the period it is compared with.

use crate::domain::date::{add_days, civil_of_number, day_from_number, day_number, is_valid_day};

/// The ranges offered in one click; a custom range is any two days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    ThisMonth,
    LastMonth,
    ThisQuarter,
    ThisYear,
    Last12Months,
    NextQuarter,
    Next12Months,
}

impl Preset {
    /// The forward-looking ones come last: they are for the forecast.
    pub const ALL: [Preset; 7] = [
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::ThisQuarter,
        Preset::ThisYear,
        Preset::Last12Months,
        Preset::NextQuarter,
        Preset::Next12Months,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::ThisMonth => "this_month",
            Preset::LastMonth => "last_month",
            Preset::ThisQuarter => "this_quarter",
            Preset::ThisYear => "this_year",
            Preset::Last12Months => "last_12_months",
            Preset::NextQuarter => "next_quarter",
            Preset::Next12Months => "next_12_months",
        }
    }

    pub fn parse(text: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Whole calendar days, both ends included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: String,
    pub to: String,
    /// Calendar months the period spans when it is made of whole months: its previous period
    /// is then the same number of whole months before it, so that February is compared with
    /// January and not with 28 days of January.
    months: Option<u32>,
    /// `from` and `to` as `day_key`s: every report tests hundreds of thousands of days.
    keys: (u128, u128),
    /// `from` and `to` as `day_code`s.
    codes: (i32, i32),
}

pub use crate::domain::date::{day_code, NO_DAY};

/// The month of a [`day_code`] as one number, year x 12 + month - 1, worked out from the
/// number: grouping by month then reads no day's text, which lies elsewhere in memory.
/// [`NO_DAY`] stays [`NO_DAY`].
pub fn month_of_code(day: i32) -> i32 {
    if day == NO_DAY {
        return NO_DAY;
    }
    let (year, month, _) = civil_of_number(i64::from(day));
    i32::try_from(year * 12 + month - 1).unwrap_or(NO_DAY)
}

/// The month number (see [`month_of_code`]) of a `YYYY-MM` as [`Period::months`] gives them.
pub fn month_code(month: &str) -> i32 {
    month_of_code(day_code(&format!("{month}-01")))
}

/// The first ten bytes of a day or timestamp as a number that orders as the text does (a
/// shorter text padded with zero bytes, which sort before any character): comparing two of
/// these is one instruction where comparing the texts is a call to `memcmp`.
fn day_key(day_or_time: &str) -> u128 {
    let bytes = day_or_time.as_bytes();
    let mut key = [0u8; 16];
    match bytes.get(..10) {
        Some(day) => key[6..].copy_from_slice(day),
        None => key[6..6 + bytes.len()].copy_from_slice(bytes),
    }
    u128::from_be_bytes(key)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodProblem {
    DayInvalid,
    EndBeforeStart,
}

/// A year and month, `(2026, 11)`.
type Month = (i32, u32);

fn month_of(day: &str) -> Month {
    (
        day[0..4].parse().unwrap_or(1970),
        day[5..7].parse().unwrap_or(1),
    )
}

fn shift(month: Month, by: i64) -> Month {
    let index = i64::from(month.0) * 12 + i64::from(month.1) - 1 + by;
    (
        index.div_euclid(12) as i32,
        (index.rem_euclid(12) + 1) as u32,
    )
}

fn first_day(month: Month) -> String {
    format!("{:04}-{:02}-01", month.0, month.1)
}

fn last_day(month: Month) -> String {
    let next = first_day(shift(month, 1));
    add_days(&next, -1).unwrap_or(next)
}

impl Period {
    /// `months` whole calendar months starting with `first`.
    fn whole_months(first: Month, months: u32) -> Period {
        Period::new(
            first_day(first),
            last_day(shift(first, i64::from(months) - 1)),
            Some(months),
        )
    }

    fn new(from: String, to: String, months: Option<u32>) -> Period {
        let keys = (day_key(&from), day_key(&to));
        let codes = (day_code(&from), day_code(&to));
        Period {
            from,
            to,
            months,
            keys,
            codes,
        }
    }

    /// The preset's range around `today` (`YYYY-MM-DD`).
    pub fn of(preset: Preset, today: &str) -> Period {
        let month = month_of(today);
        match preset {
            Preset::ThisMonth => Period::whole_months(month, 1),
            Preset::LastMonth => Period::whole_months(shift(month, -1), 1),
            Preset::ThisQuarter => Period::whole_months((month.0, (month.1 - 1) / 3 * 3 + 1), 3),
            Preset::ThisYear => Period::whole_months((month.0, 1), 12),
            Preset::Last12Months => Period::whole_months(shift(month, -11), 12),
            Preset::NextQuarter => {
                Period::whole_months(shift((month.0, (month.1 - 1) / 3 * 3 + 1), 3), 3)
            }
            Preset::Next12Months => Period::whole_months(shift(month, 1), 12),
        }
    }

    /// A range the user typed; a range of whole months is compared month for month.
    pub fn custom(from: &str, to: &str) -> Result<Period, PeriodProblem> {
        if !is_valid_day(from) || !is_valid_day(to) {
            return Err(PeriodProblem::DayInvalid);
        }
        if to < from {
            return Err(PeriodProblem::EndBeforeStart);
        }
        let (first, last) = (month_of(from), month_of(to));
        let span = (i64::from(last.0) * 12 + i64::from(last.1))
            - (i64::from(first.0) * 12 + i64::from(first.1))
            + 1;
        let whole = from == first_day(first) && to == last_day(last);
        Ok(Period::new(
            from.to_owned(),
            to.to_owned(),
            whole.then_some(span as u32),
        ))
    }

    /// The period just before this one, of the same length: the same number of whole months
    /// for a range of whole months, the same number of days otherwise.
    pub fn previous(&self) -> Period {
        match self.months {
            Some(months) => {
                Period::whole_months(shift(month_of(&self.from), -i64::from(months)), months)
            }
            None => {
                let days = self.days();
                let to = add_days(&self.from, -1).unwrap_or_default();
                let from = add_days(&to, 1 - days).unwrap_or_default();
                Period::new(from, to, None)
            }
        }
    }

    pub fn days(&self) -> i64 {
        match (day_number(&self.from), day_number(&self.to)) {
            (Some(from), Some(to)) => to - from + 1,
            _ => 0,
        }
    }

    /// Whether a day or a timestamp (`2026-11-23T09:30:00Z`, read by its UTC day) falls inside.
    pub fn contains(&self, day_or_time: &str) -> bool {
        let day = day_key(day_or_time);
        self.keys.0 <= day && day <= self.keys.1
    }

    /// Whether a [`day_code`] falls inside.
    pub fn contains_code(&self, code: i32) -> bool {
        code != NO_DAY && self.codes.0 <= code && code <= self.codes.1
    }

    /// Every month the period touches, as `YYYY-MM`, in order.
    pub fn months(&self) -> Vec<String> {
        let (first, last) = (month_of(&self.from), month_of(&self.to));
        let mut months = Vec::new();
        let mut month = first;
        while month <= last {
            months.push(format!("{:04}-{:02}", month.0, month.1));
            month = shift(month, 1);
        }
        months
    }

    /// Mondays of the weeks the period touches, in order.
    pub fn weeks(&self) -> Vec<String> {
        let (Some(from), Some(to)) = (day_number(&self.from), day_number(&self.to)) else {
            return Vec::new();
        };
        (monday_number(from)..=to)
            .step_by(7)
            .map(day_from_number)
            .collect()
    }
}

/// 1970-01-01 was a Thursday.
pub fn monday_number(day: i64) -> i64 {
    day - (day + 3).rem_euclid(7)
}

/// The day number of the Monday of the week a day or timestamp falls in.
pub fn week_number(day_or_time: &str) -> Option<i64> {
    day_number(day_or_time.get(..10)?).map(monday_number)
}

/// `YYYY-MM` of a day or timestamp.
pub fn month_key(day_or_time: &str) -> &str {
    day_or_time.get(..7).unwrap_or(day_or_time)
}

/// Whole days from `from` to `to` (days or timestamps), none if either is not a date.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some(day_number(to.get(..10)?)? - day_number(from.get(..10)?)?)
}

/// Days from one [`day_code`] to another; none when either is not a day.
pub fn days_between_codes(from: i32, to: i32) -> Option<i64> {
    (from != NO_DAY && to != NO_DAY).then(|| i64::from(to) - i64::from(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(p: &Period) -> (&str, &str) {
        (&p.from, &p.to)
    }

    #[test]
    fn presets_cover_whole_calendar_units() {
        let today = "2026-11-23";
        assert_eq!(
            range(&Period::of(Preset::ThisMonth, today)),
            ("2026-11-01", "2026-11-30")
        );
        assert_eq!(
            range(&Period::of(Preset::LastMonth, today)),
            ("2026-10-01", "2026-10-31")
        );
        assert_eq!(
            range(&Period::of(Preset::ThisQuarter, today)),
            ("2026-10-01", "2026-12-31")
        );
        assert_eq!(
            range(&Period::of(Preset::ThisYear, today)),
            ("2026-01-01", "2026-12-31")
        );
        assert_eq!(
            range(&Period::of(Preset::Last12Months, today)),
            ("2025-12-01", "2026-11-30")
        );
        assert_eq!(
            range(&Period::of(Preset::LastMonth, "2026-01-15")),
            ("2025-12-01", "2025-12-31")
        );
        assert_eq!(
            range(&Period::of(Preset::NextQuarter, today)),
            ("2027-01-01", "2027-03-31")
        );
        assert_eq!(
            range(&Period::of(Preset::NextQuarter, "2026-02-28")),
            ("2026-04-01", "2026-06-30")
        );
        assert_eq!(
            range(&Period::of(Preset::Next12Months, today)),
            ("2026-12-01", "2027-11-30")
        );
    }

    #[test]
    fn the_previous_period_of_a_month_is_the_month_before_across_a_leap_day() {
        let march = Period::of(Preset::ThisMonth, "2024-03-10");
        assert_eq!(range(&march.previous()), ("2024-02-01", "2024-02-29"));
        assert_eq!(
            range(&march.previous().previous()),
            ("2024-01-01", "2024-01-31")
        );
        let feb_2025 = Period::of(Preset::ThisMonth, "2025-02-28");
        assert_eq!(range(&feb_2025.previous()), ("2025-01-01", "2025-01-31"));
        let q1 = Period::of(Preset::ThisQuarter, "2026-02-01");
        assert_eq!(range(&q1.previous()), ("2025-10-01", "2025-12-31"));
        let custom_months = Period::custom("2024-02-01", "2024-03-31").unwrap();
        assert_eq!(
            range(&custom_months.previous()),
            ("2023-12-01", "2024-01-31")
        );
    }

    #[test]
    fn the_previous_period_of_a_custom_range_has_as_many_days() {
        let ten_days = Period::custom("2024-03-05", "2024-03-14").unwrap();
        assert_eq!(ten_days.days(), 10);
        assert_eq!(range(&ten_days.previous()), ("2024-02-24", "2024-03-04"));
        let across_leap = Period::custom("2024-03-01", "2024-03-02").unwrap();
        assert_eq!(range(&across_leap.previous()), ("2024-02-28", "2024-02-29"));
        assert_eq!(
            Period::custom("2026-03-02", "2026-03-01"),
            Err(PeriodProblem::EndBeforeStart)
        );
        assert_eq!(
            Period::custom("2026-02-30", "2026-03-01"),
            Err(PeriodProblem::DayInvalid)
        );
    }

    #[test]
    fn contains_months_and_weeks() {
        let p = Period::custom("2026-01-30", "2026-03-02").unwrap();
        assert!(p.contains("2026-01-30"));
        assert!(p.contains("2026-03-02T23:59:59Z"));
        assert!(!p.contains("2026-03-03T00:00:00Z"));
        assert!(!p.contains("2026-01-29"));
        assert_eq!(p.months(), ["2026-01", "2026-02", "2026-03"]);
        let weeks = Period::custom("2026-11-18", "2026-11-30").unwrap().weeks();
        assert_eq!(weeks, ["2026-11-16", "2026-11-23", "2026-11-30"]);
        assert_eq!(
            week_number("2026-11-22T10:00:00Z")
                .map(day_from_number)
                .as_deref(),
            Some("2026-11-16")
        );
        assert_eq!(
            week_number("2026-11-23").map(day_from_number).as_deref(),
            Some("2026-11-23")
        );
        assert_eq!(days_between("2024-02-28T10:00:00Z", "2024-03-01"), Some(2));
    }

    proptest::proptest! {
        /// A day's code stands for its text: a text that starts with a day is inside just
        /// when its text is, and any other text is in no period.
        #[test]
        fn contains_code_agrees_with_comparing_the_text(
            text in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]{0,12}Z)?",
                "[0-9-]{0,12}",
                "\\PC{0,12}",
            ],
        ) {
            let p = Period::custom("2026-01-30", "2026-03-02").unwrap();
            let shaped = day_code(&text) != NO_DAY;
            proptest::prop_assert_eq!(p.contains_code(day_code(&text)), shaped && p.contains(&text));
            proptest::prop_assert_eq!(shaped, text.get(..10).is_some_and(is_valid_day));
        }

        /// A day's month worked out from its number is the month its text names.
        #[test]
        fn the_month_of_a_day_code_is_the_month_of_its_text(number in -719_162i64..2_932_897) {
            let day = day_from_number(number);
            let month = month_of_code(day_code(&day));
            proptest::prop_assert_eq!(month, month_code(&day[..7]));
            proptest::prop_assert_eq!(month_of(&day), (month.div_euclid(12), month.rem_euclid(12) as u32 + 1));
        }

        /// The number compared stands for the text compared, whatever the text.
        #[test]
        fn contains_agrees_with_comparing_the_text(
            text in proptest::prop_oneof![
                "20[0-9]{2}-[01][0-9]-[0-3][0-9](T[0-9:.]{0,12}Z)?",
                "[0-9-]{0,12}",
                "\\PC{0,12}",
            ],
        ) {
            let p = Period::custom("2026-01-30", "2026-03-02").unwrap();
            let day = text.get(..10).unwrap_or(&text);
            proptest::prop_assert_eq!(
                p.contains(&text),
                p.from.as_str() <= day && day <= p.to.as_str()
            );
        }
    }
}
