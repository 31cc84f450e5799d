//! Numbers on chart axes: tick steps and their decimals, and the Dutch and English
//! number shorthands of the golden tests. [`Lang`] itself (and its number formats) lives
//! in [`crate::lang`]; it is re-exported here so the old paths keep working.

pub use crate::lang::{group, Lang};

/// `45834.0` → `45.834`: a whole number the Dutch way.
pub fn nl_int(value: f64) -> String {
    Lang::Nl.int(value)
}

/// `1_234_567.0` → `€ 1,2 mln`: euros in millions the Dutch way.
pub fn nl_meur(eur: f64) -> String {
    Lang::Nl.meur(eur)
}

/// `45834.0` → `45,834`: a whole number the English way.
pub fn en_int(value: f64) -> String {
    Lang::En.int(value)
}

/// `1_234_567.0` → `€1.2 M`: euros in millions the English way.
pub fn en_meur(eur: f64) -> String {
    Lang::En.meur(eur)
}

/// The number of decimals that tick labels `step` apart need (0 for a step of 1 or more).
pub fn step_decimals(step: f64) -> usize {
    if !(step.is_finite() && step > 0.0) {
        return 0;
    }
    let mut decimals = 0;
    let mut scaled = step;
    while decimals < 6 && (scaled - scaled.round()).abs() > 1e-9 * scaled.max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) that divides `span` into at most
/// about `count` parts.
pub fn nice_step(span: f64, count: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(nl_int(45834.0), "45.834");
        assert_eq!(nl_int(45833.6), "45.834");
        assert_eq!(nl_int(999.0), "999");
        assert_eq!(nl_int(-1234567.0), "-1.234.567");
        assert_eq!(nl_int(-0.3), "0");
        assert_eq!(nl_int(0.0), "0");
        assert_eq!(Lang::Nl.dec(1234.5, 1), "1.234,5");
        assert_eq!(Lang::Nl.num(12.50, 2), "12,5");
        assert_eq!(Lang::Nl.num(12.0, 2), "12");
        assert_eq!(Lang::Nl.num(-0.001, 1), "0");
        assert_eq!(Lang::Nl.pct(0.0423, 1), "4,2 %");
        assert_eq!(Lang::Nl.pct(0.04, 1), "4 %");
        assert_eq!(Lang::Nl.pct_fixed(0.04, 1), "4,0 %");
        assert_eq!(Lang::En.pct_fixed(0.04, 1), "4.0%");
        assert_eq!(Lang::Nl.eur(1_234_567.4), "€ 1.234.567");
    }

    #[test]
    fn dutch_millions() {
        assert_eq!(nl_meur(1_234_567.0), "€ 1,2 mln");
        assert_eq!(nl_meur(12_345_678.0), "€ 12 mln");
        assert_eq!(nl_meur(1_234_000_000.0), "€ 1.234 mln");
        assert_eq!(nl_meur(52_000.0), "€ 0,05 mln");
        assert_eq!(nl_meur(0.0), "€ 0 mln");
        assert_eq!(nl_meur(-2_500_000.0), "€ -2,5 mln");
        assert_eq!(nl_meur(1.0), "€ 0 mln");
    }

    #[test]
    fn english_numbers() {
        assert_eq!(en_int(45834.0), "45,834");
        assert_eq!(en_meur(1_234_567.0), "€1.2 M");
        assert_eq!(en_meur(-2_500_000.0), "-€2.5 M");
        assert_eq!(Lang::En.dec(1234.5, 1), "1,234.5");
        assert_eq!(Lang::En.pct(0.0423, 1), "4.2%");
        assert_eq!(Lang::En.eur(-1500.0), "-€1,500");
    }

    #[test]
    fn steps() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(7.0, 5), 2.0);
        assert_eq!(nice_step(0.9, 5), 0.2);
        assert_eq!(nice_step(12.0, 5), 2.5);
        assert_eq!(step_decimals(20.0), 0);
        assert_eq!(step_decimals(0.25), 2);
        assert_eq!(step_decimals(2.5), 1);
    }
}
