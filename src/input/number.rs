//! Reading numbers and years from CSV cells, with the rule for Dutch spelling.
//!
//! The rule, chosen so that no value is ever read two ways:
//!
//! - In a `,`-separated file the decimal mark is `.` (`1234.5`). A `,` inside a number
//!   (possible only in a quoted cell) is an error: it could be a decimal comma or a
//!   thousands separator.
//! - In a `;`-separated file the decimal mark is `,` (`1234,5`), as Dutch spreadsheet
//!   programs write it. A `.` is accepted as decimal point only when the value cannot be
//!   a Dutch thousands grouping: `1.5`, `0.25`, `0.125` and `1234.5` are read as decimals,
//!   but `1.234` and `12.345.678` (one to three digits, not starting with 0, followed by
//!   groups of a dot and exactly three digits) are errors, and so is any value with both
//!   `.` and `,` (`1.234,5`). Thousands separators are never accepted.
//! - `NaN`, `inf` and values too large for a 64-bit float are errors; so is anything
//!   that is not an optionally signed decimal number with an optional exponent.
//!
//! Years are plain integers within [`MIN_YEAR`]..=[`MAX_YEAR`].

/// The earliest calendar year accepted anywhere in a case.
pub const MIN_YEAR: i32 = 1800;
/// The latest calendar year accepted anywhere in a case.
pub const MAX_YEAR: i32 = 2300;

/// Parses one trimmed, non-empty cell as a finite number. `decimal_comma` is true for
/// `;`-separated files. The error is a sentence fragment that follows the quoted value,
/// e.g. `is not a number`.
pub fn parse_number(text: &str, decimal_comma: bool) -> Result<f64, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("is empty: a number is required".to_string());
    }
    let lower = s.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return Err("is not a finite number".to_string());
    }
    let has_comma = s.contains(',');
    let has_dot = s.contains('.');
    let normalized: String = if decimal_comma {
        if has_comma && has_dot {
            return Err(format!(
                "is ambiguous: '.' could be a thousands separator or a decimal point; \
                 write the number without thousands separators and with ',' as decimal \
                 mark, e.g. {}",
                s.replace('.', "")
            ));
        }
        if has_comma {
            if s.matches(',').count() > 1 {
                return Err(format!(
                    "is not a number: it has more than one decimal comma (write e.g. {})",
                    example_decimal(s, ',')
                ));
            }
            s.replace(',', ".")
        } else {
            if is_thousands_grouping(s) && s.matches('.').count() > 1 {
                return Err(format!(
                    "uses '.' as thousands separator, which is not accepted (in a \
                     ';'-separated file a '.' could also be read as a decimal point); write \
                     {}",
                    s.replace('.', "")
                ));
            }
            if is_thousands_grouping(s) {
                return Err(format!(
                    "is ambiguous in a ';'-separated file: '.' could be a thousands \
                     separator ({}) or a decimal point; write {} for the whole number or \
                     {} for the decimal one",
                    s.replace('.', ""),
                    s.replace('.', ""),
                    s.replacen('.', ",", 1)
                ));
            }
            s.to_string()
        }
    } else {
        if has_comma {
            return Err(
                "is ambiguous: ',' could be a thousands separator or a decimal comma; in a \
                 ','-separated file write numbers with '.' as decimal mark and without \
                 thousands separators, e.g. 1234.5"
                    .to_string(),
            );
        }
        s.to_string()
    };
    if !is_plain_decimal(&normalized) {
        return Err("is not a number".to_string());
    }
    match normalized.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v + 0.0),
        Ok(_) => Err("is too large: not a finite number".to_string()),
        Err(_) => Err("is not a number".to_string()),
    }
}

/// Parses one trimmed, non-empty cell as a calendar year within
/// [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn parse_year(text: &str) -> Result<i32, String> {
    let s = text.trim();
    let digits = s.strip_prefix('+').unwrap_or(s);
    let is_integer = {
        let d = digits.strip_prefix('-').unwrap_or(digits);
        !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
    };
    if !is_integer {
        return Err("is not a year: a whole number such as 2030 is required".to_string());
    }
    match digits.parse::<i64>() {
        Ok(y) if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&y) => {
            i32::try_from(y).map_err(|_| year_range_message())
        }
        _ => Err(year_range_message()),
    }
}

fn year_range_message() -> String {
    format!("is not a plausible year: years must lie within {MIN_YEAR}..{MAX_YEAR}")
}

/// Whether `s` has the form of a Dutch thousands grouping: an optional sign, one to three
/// digits not starting with 0, then one or more groups of `.` and exactly three digits.
fn is_thousands_grouping(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = s.split('.');
    let Some(lead) = parts.next() else {
        return false;
    };
    let lead_ok = (1..=3).contains(&lead.len())
        && lead.bytes().all(|b| b.is_ascii_digit())
        && !lead.starts_with('0');
    let mut groups = 0;
    for group in parts {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        groups += 1;
    }
    lead_ok && groups >= 1
}

/// Whether `s` is `[+-]digits[.digits][e[+-]digits]` with at least one mantissa digit.
fn is_plain_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let mut mantissa_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mantissa_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

fn example_decimal(s: &str, mark: char) -> String {
    // Keep the last mark as decimal, drop the others: a hint, not a reading.
    match s.rfind(mark) {
        Some(pos) => {
            let (int, frac) = s.split_at(pos);
            format!("{}{}", int.replace(mark, ""), frac)
        }
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_files_use_dot() {
        assert_eq!(parse_number("150000.0", false), Ok(150000.0));
        assert_eq!(parse_number("1.234", false), Ok(1.234));
        assert_eq!(parse_number("-80000", false), Ok(-80000.0));
        assert_eq!(parse_number("1e6", false), Ok(1e6));
        assert!(parse_number("1,5", false)
            .unwrap_err()
            .contains("ambiguous"));
    }

    #[test]
    fn semicolon_files_use_comma() {
        assert_eq!(parse_number("150000,0", true), Ok(150000.0));
        assert_eq!(
            parse_number("33119,9", true),
            parse_number("33119.9", false)
        );
        assert_eq!(parse_number("0,5", true), Ok(0.5));
        assert_eq!(parse_number("-80000,0", true), Ok(-80000.0));
        assert_eq!(parse_number("12", true), Ok(12.0));
    }

    #[test]
    fn semicolon_files_accept_unambiguous_dots() {
        assert_eq!(parse_number("1.5", true), Ok(1.5));
        assert_eq!(parse_number("0.25", true), Ok(0.25));
        assert_eq!(parse_number("0.125", true), Ok(0.125));
        assert_eq!(parse_number("1234.567", true), Ok(1234.567));
        assert_eq!(parse_number("1.2345", true), Ok(1.2345));
    }

    #[test]
    fn semicolon_files_reject_ambiguous_dots() {
        for v in ["1.234", "-1.000", "999.999"] {
            let e = parse_number(v, true).unwrap_err();
            assert!(e.contains("ambiguous"), "{v}: {e}");
        }
        let e = parse_number("12.345.678", true).unwrap_err();
        assert!(
            e.contains("thousands separator") && e.contains("12345678"),
            "{e}"
        );
        assert!(parse_number("1.234,5", true)
            .unwrap_err()
            .contains("ambiguous"));
        assert!(parse_number("1,2,3", true).is_err());
    }

    #[test]
    fn non_numbers_and_non_finite() {
        for v in [
            "abc",
            "NaN",
            "inf",
            "-Infinity",
            "1e999",
            "1 000",
            "--1",
            ".",
            "1e",
            "0x10",
        ] {
            assert!(parse_number(v, false).is_err(), "{v}");
            assert!(parse_number(v, true).is_err(), "{v}");
        }
        assert!(parse_number("NaN", false).unwrap_err().contains("finite"));
    }

    #[test]
    fn negative_zero_is_zero() {
        let v = parse_number("-0", false).unwrap();
        assert!(v == 0.0 && v.is_sign_positive());
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2024"), Ok(2024));
        assert_eq!(parse_year(" 2050 "), Ok(2050));
        assert!(parse_year("2024.0").is_err());
        assert!(parse_year("99999999999999999999999").is_err());
        assert!(parse_year("1700").is_err());
        assert!(parse_year("-2024").is_err());
        assert!(parse_year("").is_err());
    }
}
