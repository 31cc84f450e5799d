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

// Column headers of the output tables (workbook and page).

/// Plan column: demolition.
pub const DEMOLISH_COL: Label = Label::new("Sloop", "Demolish");
/// Plan column: new build.
pub const NEW_BUILD_COL: Label = Label::new("Nieuwbouw", "New build");
/// Plan column: transformed out.
pub const TRANSFORM_OUT_COL: Label = Label::new("Transformatie uit", "Transformed out");
/// Plan column: transformed in.
pub const TRANSFORM_IN_COL: Label = Label::new("Transformatie in", "Transformed in");
/// Plan column: the stock at the end of the period.
pub const STOCK_END_COL: Label = Label::new("Voorraad eind", "Stock at end");
/// Transformation column: dwellings in.
pub const DWELLINGS_IN: Label = Label::new("Woningen in", "Dwellings in");
/// Transformation column: dwellings out.
pub const DWELLINGS_OUT: Label = Label::new("Woningen uit", "Dwellings out");
/// Transformation column: cost, in the workbook.
pub const COST_EUR_COL: Label = Label::new("Kosten (€)", "Cost (€)");
/// Transformation column: cost, on the page.
pub const COST_COL: Label = Label::new("Kosten", "Cost");
/// Balance column: households.
pub const HOUSEHOLDS_COL: Label = Label::new("Huishoudens", "Households");
/// Balance column: demand.
pub const DEMAND_COL: Label = Label::new("Vraag", "Demand");
/// Balance column: stock if nothing is done.
pub const STOCK_DO_NOTHING_COL: Label =
    Label::new("Voorraad zonder ingrijpen", "Stock, do nothing");
/// Balance column: stock with the plan.
pub const STOCK_PLAN_COL: Label = Label::new("Voorraad met plan", "Stock, plan");
/// Balance column: surplus if nothing is done.
pub const SURPLUS_DO_NOTHING_COL: Label =
    Label::new("Overschot zonder ingrijpen", "Surplus, do nothing");
/// Balance column: surplus with the plan.
pub const SURPLUS_PLAN_COL: Label = Label::new("Overschot met plan", "Surplus, plan");
/// Balance column: shortage if nothing is done.
pub const SHORTAGE_DO_NOTHING_COL: Label =
    Label::new("Tekort zonder ingrijpen", "Shortage, do nothing");
/// Balance column: shortage with the plan.
pub const SHORTAGE_PLAN_COL: Label = Label::new("Tekort met plan", "Shortage, plan");
/// A page column under a group heading: if nothing is done.
pub const DO_NOTHING_COL: Label = Label::new("zonder ingrijpen", "do nothing");
/// A page column under a group heading: with the plan.
pub const WITH_PLAN_COL: Label = Label::new("met plan", "plan");
/// Budget.
pub const BUDGET: Label = Label::new("Budget", "Budget");
/// Budget column in the workbook.
pub const BUDGET_EUR_COL: Label = Label::new("Budget (€)", "Budget (€)");
/// Budget column: spent, in the workbook.
pub const SPENT_EUR_COL: Label = Label::new("Uitgegeven (€)", "Spent (€)");
/// Budget column: spent, on the page.
pub const SPENT_COL: Label = Label::new("Uitgegeven", "Spent");
/// Budget column: the shadow price, in the workbook.
pub const SHADOW_PRICE_SHEET_COL: Label = Label::new(
    "Schaduwprijs (woningjaren per € 1 mln)",
    "Shadow price (dwelling-years per €1 M)",
);
/// Budget column: the shadow price, on the page.
pub const SHADOW_PRICE_PAGE_COL: Label = Label::new(
    "Schaduwprijs (woningjaren per mln €)",
    "Shadow price (dwelling-years per €1 M)",
);
/// A municipality's code.
pub const CODE: Label = Label::new("Code", "Code");
/// Municipality.
pub const MUNICIPALITY: Label = Label::new("Gemeente", "Municipality");
/// Region.
pub const REGION: Label = Label::new("Regio", "Region");
/// The first year of a period.
pub const PERIOD_START: Label = Label::new("Begin periode", "Period start");
/// The last year of a period.
pub const PERIOD_END: Label = Label::new("Eind periode", "Period end");
/// Period.
pub const PERIOD: Label = Label::new("Periode", "Period");
/// Year.
pub const YEAR: Label = Label::new("Jaar", "Year");
/// Transformation.
pub const TRANSFORMATION: Label = Label::new("Transformatie", "Transformation");
/// Transformations.
pub const TRANSFORMATIONS: Label = Label::new("Transformaties", "Transformations");
/// A transformation's segment before.
pub const FROM_SEGMENT: Label = Label::new("Van segment", "From segment");
/// A transformation's segment after.
pub const TO_SEGMENT: Label = Label::new("Naar segment", "To segment");
/// The total row of a table.
pub const TOTAL: Label = Label::new("totaal", "total");
