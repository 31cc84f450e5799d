//! The catalogue of words: every Dutch/English label that charts, pages, the workbook
//! and the terminal show, as a named constant, so one wording is used everywhere and a
//! translation is changed in one place. `lang.get(labels::DEMOLITION)` or
//! `labels::DEMOLITION.pick(lang)` gives the text.

use crate::lang::Lang;

/// One label in Dutch and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    /// The Dutch text.
    pub nl: &'static str,
    /// The English text.
    pub en: &'static str,
}

impl Label {
    /// A label from its Dutch and English text.
    pub const fn new(nl: &'static str, en: &'static str) -> Label {
        Label { nl, en }
    }

    /// The text in `lang`.
    pub fn pick(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }
}

/// The charts section of a page.
pub const CHARTS: Label = Label::new("Grafieken", "Charts");
