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

    /// The text in `lang` with every `{}` replaced by the next of `args`, in order (a
    /// `{}` without an argument stays as it is).
    pub fn format(self, lang: Lang, args: &[&dyn std::fmt::Display]) -> String {
        let mut parts = self.pick(lang).split("{}");
        let mut out = parts.next().unwrap_or_default().to_string();
        for (i, part) in parts.enumerate() {
            match args.get(i) {
                Some(arg) => out.push_str(&arg.to_string()),
                None => out.push_str("{}"),
            }
            out.push_str(part);
        }
        out
    }
}

/// The charts section of a page.
pub const CHARTS: Label = Label::new("Grafieken", "Charts");

/// Chart 1's title: base year, last year.
pub const STOCK_DEMAND_TITLE: Label = Label::new(
    "Woningvoorraad en vraag per regio, {}–{}",
    "Housing stock and demand per region, {}–{}",
);
/// Chart 2's title: first and last year.
pub const ACTIONS_TITLE: Label = Label::new(
    "Sloop, transformatie en nieuwbouw per gemeente, {}–{}",
    "Demolition, transformation and new build per municipality, {}–{}",
);
/// Chart 3's title: the last milestone.
pub const VACANCY_TITLE: Label = Label::new(
    "Structurele leegstand per gemeente in {}",
    "Structural vacancy per municipality in {}",
);
/// Chart 4's title: first and last year.
pub const BUDGET_TITLE: Label = Label::new(
    "Budget en uitgaven per regio en periode, {}–{}",
    "Budget and spending per region and period, {}–{}",
);
/// Chart 5's title: base year, last year.
pub const SEGMENT_MIX_TITLE: Label = Label::new(
    "Samenstelling van de voorraad per regio, {}–{}",
    "Stock by segment per region, {}–{}",
);
/// Chart 6's title: first and last year.
pub const MAP_TITLE: Label = Label::new(
    "Sloop en transformatie per gemeente, {}–{}",
    "Demolition and transformation per municipality, {}–{}",
);
/// The sweep chart's title over a budget: the name of the case or scenario.
pub const SWEEP_BUDGET_TITLE: Label =
    Label::new("Mismatch tegen budget — {}", "Mismatch against budget — {}");
/// The sweep chart's title over the frictional vacancy: the name.
pub const SWEEP_FRICTION_TITLE: Label = Label::new(
    "Mismatch tegen frictieleegstand — {}",
    "Mismatch against frictional vacancy — {}",
);
/// The mismatch chart of a comparison.
pub const MISMATCH_PER_REGION_TITLE: Label = Label::new(
    "Mismatch per regio: scenario's naast elkaar",
    "Mismatch per region: scenarios side by side",
);
/// The stock chart of a comparison.
pub const TRAJECTORIES_TITLE: Label = Label::new(
    "Woningvoorraad en vraag per scenario, alle regio's samen",
    "Housing stock and demand per scenario, all regions together",
);
/// "top 10 of 40 municipalities" after a ranked chart's subtitle: shown, total.
pub const TOP_OF_MUNICIPALITIES: Label = Label::new(
    " (top {} van {} gemeenten)",
    " (top {} of {} municipalities)",
);
