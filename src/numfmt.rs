//! Number formatting for output files: `.` as decimal mark, at most 6 decimals,
//! no trailing zeros, and values within 1e-6 of zero written as `0`. One place, so every
//! CSV and JSON file writes numbers identically.

/// Formats a number for a CSV or JSON output file.
pub fn fmt_num(value: f64) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    if value.abs() < 1e-6 {
        return "0".into();
    }
    let mut s = format!("{value:.6}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// Rounds a number the way [`fmt_num`] writes it (for JSON numbers).
pub fn round6(value: f64) -> f64 {
    if value.abs() < 1e-6 {
        0.0
    } else {
        (value * 1e6).round() / 1e6
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_plainly() {
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(4e-7), "0");
        assert_eq!(fmt_num(-4e-7), "0");
        assert_eq!(fmt_num(12.5), "12.5");
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
        assert_eq!(fmt_num(-2.0000004), "-2");
        assert_eq!(fmt_num(123456789.123), "123456789.123");
    }
}
