//! Calendar days as the date inputs give them: `YYYY-MM-DD`.

/// Whether `text` is a real calendar day written `YYYY-MM-DD` (leap years included).
pub fn is_valid_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &text[range];
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days_in_month).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
