//! When things happen in the demo company: office hours on working days, busier in spring and
//! before the year's end, quieter at the Spring Festival and in summer, and growing over the 18
//! months before today.

use super::rng::Rng;
use crate::domain::date::day_number;
use crate::i18n::Lang;

pub const DAY: i64 = 86_400;
/// About 18 months.
pub const SPAN_DAYS: i64 = 547;
/// The day used when `today` is not a day, or one the demo's dates cannot be written around:
/// 2026-01-01.
const FALLBACK_TODAY: i64 = 20_454;
/// The days a device's clock may say it is: from 1980-01-01 to 9000-01-01. The demo writes
/// days 18 months before and some months after today; near year 1 or 9999 those would not be
/// four-digit years, the generator's own records would fail their checks, and the demo would
/// stop where it should fill in a company.
const SUPPORTED_TODAY: std::ops::Range<i64> = 3_652..2_567_655;

/// Percent of the busiest month's activity, January first.
const SEASON_ZH: [u64; 12] = [70, 40, 95, 90, 85, 100, 75, 70, 95, 75, 100, 100];
const SEASON_EN: [u64; 12] = [75, 80, 95, 90, 85, 95, 65, 60, 95, 90, 100, 85];

pub struct Clock {
    /// Day numbers (days since 1970-01-01).
    pub today: i64,
    pub first: i64,
    pub last: i64,
    /// How likely each day from `first` to `last` is, in percent.
    busy: Vec<u64>,
    /// Office hours start at this UTC hour: 9:00 in China, 9:00 on the US East Coast.
    opening_utc: i64,
}

impl Clock {
    pub fn new(today: &str, lang: Lang) -> Clock {
        let today = day_number(today)
            .filter(|day| SUPPORTED_TODAY.contains(day))
            .unwrap_or(FALLBACK_TODAY);
        let (season, opening_utc) = match lang {
            Lang::ZhCn => (&SEASON_ZH, 1),
            Lang::En => (&SEASON_EN, 13),
        };
        let first = today - SPAN_DAYS;
        let busy = (first..today)
            .map(|day| {
                let weekend = matches!((day + 4).rem_euclid(7), 0 | 6);
                let growth = 60 + 40 * (day - first) as u64 / SPAN_DAYS as u64;
                season[month_of(day) as usize - 1] * growth / if weekend { 700 } else { 100 }
            })
            .collect();
        Clock {
            today,
            first,
            last: today - 1,
            busy,
            opening_utc,
        }
    }

    /// The end of the last day of the history: nothing is done later.
    pub fn limit(&self) -> i64 {
        self.today * DAY - 1
    }

    /// A moment in office hours of `day`, in seconds since 1970.
    pub fn at(&self, rng: &mut Rng, day: i64) -> i64 {
        day * DAY + self.opening_utc * 3600 + rng.between(0, 9 * 3600 - 1)
    }

    /// A working day in `from..=to`, more likely in busy months and recent ones.
    pub fn busy_day(&self, rng: &mut Rng, from: i64, to: i64) -> i64 {
        let to = to.min(self.last);
        let from = from.max(self.first).min(to);
        let mut day = from;
        for _ in 0..24 {
            day = rng.between(from, to);
            let weight = self.busy[(day - self.first) as usize];
            if rng.below(100) < weight {
                break;
            }
        }
        day
    }
}

/// `YYYY-MM-DD` of a day number.
pub fn day_text(day: i64) -> String {
    let mut text = String::with_capacity(10);
    push_day(&mut text, day);
    text
}

/// UTC RFC 3339 with milliseconds, as the browser writes `now`. Written digit by digit rather
/// than through `format!`: the benchmark sizes make millions of them.
pub fn stamp(seconds: i64) -> String {
    let (day, second) = (seconds.div_euclid(DAY), seconds.rem_euclid(DAY));
    let mut text = String::with_capacity(24);
    push_day(&mut text, day);
    text.push('T');
    push_digits(&mut text, second / 3600, 2);
    text.push(':');
    push_digits(&mut text, second % 3600 / 60, 2);
    text.push(':');
    push_digits(&mut text, second % 60, 2);
    text.push_str(".000Z");
    text
}

fn push_day(text: &mut String, day: i64) {
    let (year, month, day) = civil(day);
    push_digits(text, year, 4);
    text.push('-');
    push_digits(text, month, 2);
    text.push('-');
    push_digits(text, day, 2);
}

/// `value`'s last `width` decimal digits, zero-padded.
fn push_digits(text: &mut String, value: i64, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10_i64.pow(place)).rem_euclid(10) as u8;
        text.push(char::from(b'0' + digit));
    }
}

pub fn year_of(day: i64) -> i32 {
    civil(day).0 as i32
}

fn month_of(day: i64) -> u32 {
    civil(day).1 as u32
}

/// Year, month and day of a day number, as `domain::date::day_from_number` finds them.
fn civil(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (year_of_era + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::day_from_number;

    #[test]
    fn stamps_are_rfc_3339_utc() {
        assert_eq!(stamp(20_454 * DAY + 3_723), "2026-01-01T01:02:03.000Z");
        assert_eq!(year_of(20_454), 2026);
        for day in [0, 59, 60, 11_016, 20_454, 40_000] {
            assert_eq!(day_text(day), day_from_number(day));
        }
    }

    #[test]
    fn busy_days_stay_in_range_and_avoid_weekends() {
        let clock = Clock::new("2026-06-15", Lang::ZhCn);
        let mut rng = Rng::new(3);
        let days: Vec<i64> = (0..2000)
            .map(|_| clock.busy_day(&mut rng, clock.first, clock.last))
            .collect();
        assert!(days.iter().all(|d| (clock.first..=clock.last).contains(d)));
        let weekends = days
            .iter()
            .filter(|d| matches!((*d + 4).rem_euclid(7), 0 | 6))
            .count();
        assert!(weekends < 200, "{weekends}");
    }
}
