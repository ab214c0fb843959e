//! Axis arithmetic for the charts: round tick values and short numbers for tick labels.
//! Positions on screen are floats; the amounts shown in tables and titles stay exact.

use crate::i18n::Lang;

/// Round values from zero to at least `max`: 0, 2,000, 4,000, ... with about `count` steps.
pub fn ticks(max: f64, count: usize) -> Vec<f64> {
    if max <= 0.0 || !max.is_finite() || count == 0 {
        return vec![0.0, 1.0];
    }
    let rough = max / count as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    let steps = (max / step).ceil() as usize;
    (0..=steps).map(|i| i as f64 * step).collect()
}

/// A number short enough for an axis: `1.2K`, `3.4M` in English; `1.2万`, `3.4亿` in Chinese,
/// where numbers are grouped by ten thousands.
pub fn compact(lang: Lang, value: f64) -> String {
    let units: &[(f64, &str)] = match lang {
        Lang::En => &[(1e9, "B"), (1e6, "M"), (1e3, "K")],
        Lang::ZhCn => &[(1e8, "亿"), (1e4, "万")],
    };
    let sign = if value < 0.0 { "-" } else { "" };
    let value = value.abs();
    for (size, unit) in units {
        if value >= *size {
            return format!("{sign}{}{unit}", trim(value / size));
        }
    }
    format!("{sign}{}", trim(value))
}

/// At most one decimal, none when it is zero.
fn trim(value: f64) -> String {
    let text = format!("{:.1}", value);
    text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_reach_the_maximum() {
        assert_eq!(
            ticks(9_500.0, 4),
            [0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0]
        );
        assert_eq!(ticks(7.0, 4), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(100.0, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(ticks(0.0, 4), [0.0, 1.0]);
        assert_eq!(ticks(3.0, 4), [0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn compact_numbers_follow_the_language() {
        assert_eq!(compact(Lang::En, 1_260_000.0), "1.3M");
        assert_eq!(compact(Lang::En, 2_000.0), "2K");
        assert_eq!(compact(Lang::En, 950.0), "950");
        assert_eq!(compact(Lang::ZhCn, 1_250_000.0), "125万");
        assert_eq!(compact(Lang::ZhCn, 350_000_000.0), "3.5亿");
        assert_eq!(compact(Lang::ZhCn, -25_000.0), "-2.5万");
        assert_eq!(compact(Lang::En, 2.5), "2.5");
    }
}
