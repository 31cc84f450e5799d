//! The language of everything restock writes for people — charts, pages, workbooks and
//! the terminal — and numbers written the way its readers write them: Dutch (`45.834
//! woningen`, `€ 1,2 mln`, `4,2 %`) or English (`45,834`, `€1.2 M`, `4.2%`).
//!
//! Pure functions, no locale of the machine involved: the same number gives the same
//! text everywhere, so charts and pages are byte-identical between runs and machines.
//! The words themselves are in [`crate::labels`].

use std::fmt;
use std::str::FromStr;

use crate::labels::Label;

/// The language of labels and the number style that goes with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Dutch (the default: planners present to municipal councils in Dutch).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The text for this language: `nl` in Dutch, `en` in English.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The word or phrase `label` in this language.
    pub fn get(self, label: Label) -> &'static str {
        label.pick(self)
    }

    /// The words of `labels` in this language, in order (a table's column heads).
    pub fn words(self, labels: &[Label]) -> Vec<&'static str> {
        labels.iter().map(|&label| self.get(label)).collect()
    }

    /// The language code (`nl`, `en`), as used in `--lang` and `<html lang>`.
    pub fn code(self) -> &'static str {
        self.pick("nl", "en")
    }

    /// The thousands separator and the decimal mark.
    fn marks(self) -> (char, char) {
        match self {
            Lang::Nl => ('.', ','),
            Lang::En => (',', '.'),
        }
    }

    /// A number with exactly `decimals` decimals, thousands grouped:
    /// `dec(1234.5, 1)` is `1.234,5` in Dutch and `1,234.5` in English.
    pub fn dec(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        let (thousands, mark) = self.marks();
        let text = format!("{:.*}", decimals, value.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
        let mut out = String::with_capacity(text.len() + 4);
        if negative {
            out.push('-');
        }
        out.push_str(&group(int, thousands));
        if !frac.is_empty() {
            out.push(mark);
            out.push_str(frac);
        }
        out
    }

    /// Like [`Lang::dec`] with at most `decimals` decimals: trailing zeros dropped.
    pub fn num(self, value: f64, decimals: usize) -> String {
        let text = self.dec(value, decimals);
        let (_, mark) = self.marks();
        if decimals == 0 || !text.contains(mark) {
            return text;
        }
        let trimmed = text.trim_end_matches('0').trim_end_matches(mark);
        if trimmed == "-0" {
            "0".into()
        } else {
            trimmed.to_string()
        }
    }

    /// A whole number, thousands grouped: `45.834` / `45,834`.
    pub fn int(self, value: f64) -> String {
        self.dec(value, 0)
    }

    /// Euros in millions, with a precision that suits the amount: `€ 1,2 mln` /
    /// `€1.2 M`; one decimal below € 10 mln, two below € 0,1 mln, none above.
    pub fn meur(self, eur: f64) -> String {
        let meur = eur / 1e6;
        let decimals = if meur.abs() >= 10.0 {
            0
        } else if meur.abs() >= 0.1 || meur == 0.0 {
            1
        } else {
            2
        };
        let amount = self.dec(meur, decimals);
        let amount = if amount
            .trim_start_matches('-')
            .chars()
            .all(|c| "0,.".contains(c))
        {
            "0".to_string()
        } else {
            amount
        };
        match self {
            Lang::Nl => format!("€ {amount} mln"),
            Lang::En => match amount.strip_prefix('-') {
                Some(positive) => format!("-€{positive} M"),
                None => format!("€{amount} M"),
            },
        }
    }

    /// Euros in full, grouped: `€ 1.234.567` / `€1,234,567`.
    pub fn eur(self, eur: f64) -> String {
        let amount = self.int(eur);
        match self {
            Lang::Nl => format!("€ {amount}"),
            Lang::En => match amount.strip_prefix('-') {
                Some(positive) => format!("-€{positive}"),
                None => format!("€{amount}"),
            },
        }
    }

    /// A share as a percentage with at most `decimals` decimals: `4,2 %` / `4.2%`.
    pub fn pct(self, share: f64, decimals: usize) -> String {
        let value = self.num(share * 100.0, decimals);
        match self {
            Lang::Nl => format!("{value} %"),
            Lang::En => format!("{value}%"),
        }
    }
}

impl Lang {
    /// Dwellings or households as a person reads them: whole, thousands grouped
    /// (`15.280 woningen`). The CSV files keep their decimals.
    pub fn dwellings(self, value: f64) -> String {
        self.int(value)
    }

    /// A shadow price (weighted dwelling-years per € 1 mln) as every page, chart, sheet
    /// and sentence writes it: whole from 100 on (`1.216`, `273`), one decimal below
    /// (`85,5`), so a small price does not read as 0.
    pub fn shadow(self, per_meur: f64) -> String {
        if per_meur.abs() >= 100.0 {
            self.int(per_meur)
        } else {
            self.num(per_meur, 1)
        }
    }

    /// A share as a percentage with exactly `decimals` decimals: `4,0 %` / `4.0%`.
    pub fn pct_fixed(self, share: f64, decimals: usize) -> String {
        let value = self.dec(share * 100.0, decimals);
        match self {
            Lang::Nl => format!("{value} %"),
            Lang::En => format!("{value}%"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language {other:?} (use nl or en)")),
        }
    }
}

/// Groups a string of digits by three with `separator`: `group("45834", '.')` is `45.834`.
pub fn group(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse() {
        assert_eq!("nl".parse::<Lang>(), Ok(Lang::Nl));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::Nl);
    }
}
