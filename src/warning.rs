//! A warning about the input: something restock read and used, but that the planner
//! should look at (an ignored column or row, an encoding fallback, an implausible
//! number). Unlike an [`crate::InputError`] it does not stop the run.
//!
//! Every warning names its file and, where known, its line and column, and says what it
//! says in Dutch and in English: the terminal, report.html and report.xlsx show it in
//! the `--lang` language; summary.json keeps the English text (one language, so the
//! file stays the same for every `--lang`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Location;
use crate::lang::Lang;

/// One warning about the input, in Dutch and English.
#[derive(Debug, Clone, Default)]
pub struct Warning {
    /// Where it is; the file is empty for a warning read back from summary.json.
    pub at: Location,
    /// What to look at, in Dutch.
    pub nl: String,
    /// What to look at, in English.
    pub en: String,
}

impl Warning {
    /// A warning about `file` (and a line of it), in Dutch and English.
    pub fn new(
        file: impl Into<String>,
        line: Option<u64>,
        nl: impl Into<String>,
        en: impl Into<String>,
    ) -> Warning {
        Warning {
            at: Location::new(file, line),
            nl: nl.into(),
            en: en.into(),
        }
    }

    /// The same warning about one column (or settings key) of its line.
    pub fn in_column(mut self, column: impl Into<String>) -> Warning {
        self.at = self.at.in_column(column);
        self
    }

    /// What the warning says in `lang`, without its place.
    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }

    /// Where it is, in `lang`: `budgets.csv, regel 4, kolom region` (empty when the
    /// warning has no file).
    pub fn place(&self, lang: Lang) -> String {
        self.at.text(lang)
    }

    /// The place and the message in `lang`: `budgets.csv, regel 4: …`.
    pub fn text(&self, lang: Lang) -> String {
        if self.at.file.is_empty() {
            return self.message(lang).to_string();
        }
        format!("{}: {}", self.place(lang), self.message(lang))
    }

    /// The order warnings are shown in: by file, line, column, then text.
    pub fn sort_key(&self) -> (&str, Option<u64>, Option<&str>, &str) {
        let at = &self.at;
        (&at.file, at.line, at.column.as_deref(), &self.en)
    }
}

/// Sorts warnings by file, line and column and removes repeats.
pub fn sort_and_dedup(warnings: &mut Vec<Warning>) {
    warnings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    warnings.dedup();
}

/// The English text with its place, as summary.json writes it.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Two warnings are equal when they say the same thing in English about the same place
/// (a warning read back from summary.json equals the one written).
impl PartialEq for Warning {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

/// A warning without a place, the same text in both languages (as summary.json holds it).
impl From<&str> for Warning {
    fn from(text: &str) -> Warning {
        Warning::new("", None, text, text)
    }
}

/// A warning without a place, the same text in both languages.
impl From<String> for Warning {
    fn from(text: String) -> Warning {
        Warning::from(text.as_str())
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Warning, D::Error> {
        String::deserialize(deserializer).map(Warning::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_both_languages_and_back_from_json() {
        let w = Warning::new("budgets.csv", Some(4), "regio", "region").in_column("region");
        assert_eq!(
            w.text(Lang::Nl),
            "budgets.csv, regel 4, kolom region: regio"
        );
        assert_eq!(w.to_string(), "budgets.csv, line 4, column region: region");
        let json = serde_json::to_string(&w).unwrap();
        let back: Warning = serde_json::from_str(&json).unwrap();
        assert_eq!(back, w);
        assert_eq!(back.to_string(), w.to_string());
    }
}
