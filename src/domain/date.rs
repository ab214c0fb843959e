//! Calendar days as the date inputs give them: `YYYY-MM-DD`.

/// Whether `text` is a real calendar day written `YYYY-MM-DD` (leap years included).
pub fn is_valid_day(text: &str) -> bool {
    civil(text).is_some()
}

/// The year, month and day of a real calendar day written `YYYY-MM-DD`. Read byte by byte:
/// reports read hundreds of thousands of days, and parsing each part as a number took three
/// times as long.
fn civil(text: &str) -> Option<(i64, i64, i64)> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = text.as_bytes() else {
        return None;
    };
    let mut n = 0u32;
    for b in [y0, y1, y2, y3, m0, m1, d0, d1] {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n * 10 + u32::from(digit);
    }
    let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && day >= 1 && day <= days_in_month).then_some((
        i64::from(year),
        i64::from(month),
        i64::from(day),
    ))
}

/// Whether `text` is a UTC RFC 3339 timestamp as the app writes them
/// (`2026-11-23T09:30:00Z`, with or without a fraction of a second), which sort as text in time
/// order.
pub fn is_valid_timestamp(text: &str) -> bool {
    let Some((day, time)) = text.split_once('T') else {
        return false;
    };
    let Some(time) = time.strip_suffix('Z') else {
        return false;
    };
    let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<&str> = clock.split(':').collect();
    let in_range = |part: &str, max: u32| {
        part.len() == 2
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| n <= max)
    };
    is_valid_day(day)
        && parts.len() == 3
        && in_range(parts[0], 23)
        && in_range(parts[1], 59)
        && in_range(parts[2], 60)
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A day or timestamp's day (its first ten characters) as its day number (see
/// [`day_number`]); [`NO_DAY`] when they are not a day, so that it falls in no period.
pub fn day_code(day_or_time: &str) -> i32 {
    day_or_time
        .get(..10)
        .and_then(day_number)
        .and_then(|n| i32::try_from(n).ok())
        .unwrap_or(NO_DAY)
}

/// Before every day.
pub const NO_DAY: i32 = i32::MIN;

/// Days since 1970-01-01 of a valid `YYYY-MM-DD`, for counting days between dates.
pub fn day_number(day: &str) -> Option<i64> {
    let (y, m, d) = civil(day)?;
    // Howard Hinnant's days-from-civil, with March as the first month of the year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The calendar day of a day number, `YYYY-MM-DD`.
pub fn day_from_number(n: i64) -> String {
    let (y, m, d) = civil_of_number(n);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The year, month and day of a day number.
pub fn civil_of_number(n: i64) -> (i64, i64, i64) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = year_of_era + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// `day` moved by `days` (negative for earlier); none if `day` is not a valid day.
pub fn add_days(day: &str, days: i64) -> Option<String> {
    day_number(day).map(|n| day_from_number(n + days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_rfc_3339() {
        for good in [
            "2026-11-23T09:30:00Z",
            "2026-11-23T09:30:00.123Z",
            "2024-02-29T23:59:60Z",
        ] {
            assert!(is_valid_timestamp(good), "{good}");
        }
        for bad in [
            "2026-11-23",
            "2026-11-23T09:30:00",
            "2026-11-23T24:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-23T09:30Z",
            "2026-11-23T09:30:00.Z",
            "yesterday",
        ] {
            assert!(!is_valid_timestamp(bad), "{bad}");
        }
    }

    #[test]
    fn counts_days_across_months_and_leap_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2026-11-22"), Some(20_779));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2024-02-29", 1).as_deref(), Some("2024-03-01"));
        assert_eq!(add_days("2026-01-01", -1).as_deref(), Some("2025-12-31"));
        assert_eq!(add_days("2026-03-01", -30).as_deref(), Some("2026-01-30"));
        assert_eq!(add_days("not a day", 1), None);
        for n in [-1000, 0, 59, 60, 11_016, 20_779, 40_000] {
            assert_eq!(day_number(&day_from_number(n)), Some(n));
        }
    }

    #[test]
    fn accepts_real_days_only() {
        assert!(is_valid_day("2026-11-22"));
        assert!(is_valid_day("2024-02-29"));
        assert!(!is_valid_day("2026-02-29"));
        assert!(!is_valid_day("1900-02-29"));
        assert!(is_valid_day("2000-02-29"));
        assert!(!is_valid_day("2026-13-01"));
        assert!(!is_valid_day("2026-1-01"));
        assert!(!is_valid_day("22/11/2026"));
        assert!(!is_valid_day("2026-11-+1"));
    }

    proptest::proptest! {
        /// A text is a day just when writing its day number back gives the text again.
        #[test]
        fn a_day_is_a_text_its_number_writes_back(
            text in proptest::prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "[0-9]{4}-[0-3][0-9]-[0-3][0-9]",
                "[0-9+ -]{10}",
            ],
        ) {
            let written_back = day_number(&text).map(day_from_number);
            proptest::prop_assert_eq!(is_valid_day(&text), written_back.as_deref() == Some(&text));
        }
    }
}
