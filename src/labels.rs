//! The catalogue of words: every Dutch/English label that charts, pages, the workbook
//! and the terminal show, as a named constant, so one wording is used everywhere and a
//! translation is changed in one place. `lang.get(labels::DEMOLITION)` or
//! `labels::DEMOLITION.pick(lang)` gives the text.

use crate::lang::Lang;

pub mod integer;
pub mod robust;
pub use integer::*;
pub use robust::*;

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

/// The solve's status in words ("optimaal", "tijdslimiet bereikt …").
pub fn plan_status(lang: Lang, status: &crate::plan::PlanStatus) -> &'static str {
    match status {
        crate::plan::PlanStatus::Optimal => lang.get(OPTIMAL),
        crate::plan::PlanStatus::TimeLimit => lang.get(TIME_LIMIT_REACHED_NOT_PROVEN_OPTIMAL),
        crate::plan::PlanStatus::Interrupted => lang.get(INTERRUPTED_NOT_PROVEN_OPTIMAL),
    }
}

/// The demand mode in words.
pub fn mode_words(lang: Lang, mode: crate::case::Mode) -> &'static str {
    match mode {
        crate::case::Mode::Total => lang.get(TOTAL_DEMAND_PER_MUNICIPALITY),
        crate::case::Mode::Segment => lang.get(PER_SEGMENT_DEMAND_PER_MUNICIPALITY_AND),
    }
}

/// The title of a plan whose settings give none: "Woningvoorraad en huishoudens: plan
/// voor Achterhoek en Eemsdelta"; with more than three regions their number.
pub fn default_title(lang: Lang, regions: &[String], municipalities: usize) -> String {
    let and = lang.pick(" en ", " and ");
    let regions = match regions {
        [] => lang.pick("de case", "the case").to_string(),
        [one] => one.clone(),
        [first @ .., last] if first.len() < 3 => format!("{}{and}{last}", first.join(", ")),
        many => N_REGIONS_M_MUNICIPALITIES.format(lang, &[&many.len(), &municipalities]),
    };
    DEFAULT_TITLE.format(lang, &[&regions])
}

/// The headline unit in plain words: frictional vacancy, the weight of the first tier,
/// the tiers above it ([`UNIT_TIERS_INTRO`]) and the shortage weight.
pub const UNIT_EXPLANATION: Label = Label::new(
    "Wat is een gewogen woningjaar? Eén woning die een jaar leeg staat boven de \
     frictieleegstand ({}) telt als {} woningjaar{}. Eén huishouden dat een jaar lang \
     geen passende woning vindt (tekort) telt {} keer. Voorbeeld: 100 woningen die 10 jaar \
     te veel zijn, binnen de eerste drempel, zijn {} gewogen woningjaren.",
    "What is a weighted dwelling-year? One dwelling standing empty for a year above the \
     frictional vacancy ({}) counts as {} dwelling-year{}. One household that finds no \
     suitable dwelling for a year (shortage) counts {} times. Example: 100 dwellings too \
     many for 10 years, within the first threshold, are {} weighted dwelling-years.",
);
/// The tiers of [`UNIT_EXPLANATION`]: the list of [`UNIT_TIER`]s.
pub const UNIT_TIERS_INTRO: Label = Label::new(
    "; een groot overschot weegt zwaarder: het deel {}",
    "; a large surplus weighs more: the part {}",
);
/// One tier of [`UNIT_EXPLANATION`]: its threshold and weight.
pub const UNIT_TIER: Label = Label::new(
    "boven {} van de vraag weegt {} keer",
    "above {} of demand counts {} times",
);

/// The terminal's first line of `plan`: version, case, municipalities, regions, mode,
/// solver.
pub const T_PLAN_LINE: Label = Label::new(
    "restock {} — case {}: {} gemeenten, {} regio's, modus {}, oplosser {}",
    "restock {} — case {}: {} municipalities, {} regions, {} mode, solver {}",
);
/// After the solver's name when the actions are whole dwellings.
pub const T_INTEGER: Label = Label::new(" (gehele woningen)", " (integer)");
/// The terminal's warning for a plan not proven optimal: the status.
pub const T_NOT_OPTIMAL: Label = Label::new(
    "LET OP: de berekening eindigde met status {}: dit plan is niet bewezen optimaal.",
    "WARNING: the solve ended with status {}: this plan is not proven optimal.",
);
/// The terminal's warning for a scenario not proven optimal: its name and status.
pub const T_SCENARIO_NOT_OPTIMAL: Label = Label::new(
    "LET OP: scenario {} eindigde met status {}: niet bewezen optimaal.",
    "WARNING: scenario {} ended with status {}: not proven optimal.",
);
/// Terminal column: the region.
pub const T_REGION: Label = Label::new("regio", "region");
/// Terminal column: the scenario.
pub const T_SCENARIO: Label = Label::new("scenario", "scenario");
/// Terminal row: the total.
pub const T_TOTAL: Label = Label::new("totaal", "total");
/// Terminal column: the do-nothing mismatch.
pub const T_MISMATCH_NOW: Label = Label::new("mismatch zonder ingrijpen", "mismatch now");
/// Terminal column: the plan's mismatch.
pub const T_MISMATCH_PLAN: Label = Label::new("mismatch met plan", "mismatch plan");
/// Terminal column: dwellings demolished.
pub const T_DEMOLISHED: Label = Label::new("gesloopt", "demolished");
/// Terminal column: dwellings transformed.
pub const T_TRANSFORMED: Label = Label::new("getransformeerd", "transformed");
/// Terminal column: dwellings built.
pub const T_BUILT: Label = Label::new("nieuwbouw", "built");
/// Terminal column: money spent.
pub const T_SPENT_MLN: Label = Label::new("uitgegeven (€ mln)", "spent (€ M)");
/// Terminal column: net cost.
pub const T_NET_COST_MLN: Label = Label::new("netto kosten (€ mln)", "net cost (€ M)");
/// Terminal column: gross cost.
pub const T_GROSS_COST_MLN: Label = Label::new("bruto kosten (€ mln)", "gross cost (€ M)");
/// Terminal column: the budget.
pub const T_BUDGET_MLN: Label = Label::new("budget (€ mln)", "budget (€ M)");
/// Terminal column: a robust plan's variant.
pub const T_VARIANT: Label = Label::new("variant", "variant");
/// Terminal column: a variant's weight.
pub const T_WEIGHT: Label = Label::new("gewicht", "weight");
/// Terminal column: a variant's own optimum.
pub const T_OWN_OPTIMUM: Label = Label::new("eigen optimum", "own optimum");
/// Terminal column: a variant's regret.
pub const T_REGRET: Label = Label::new("spijt", "regret");
/// Terminal column: a sweep's point.
pub const T_POINT: Label = Label::new("punt", "point");
/// The terminal's line under a plan's table: gross and net cost.
pub const T_PLAN_FOOT: Label = Label::new(
    "Mismatch in gewogen woningjaren (zonder ingrijpen en met plan); bruto kosten {}, netto {}.",
    "Mismatch in weighted dwelling-years (do-nothing vs plan); gross cost {}, net {}.",
);
/// The terminal's last line: where the outputs are.
pub const T_OUTPUTS: Label = Label::new("Uitvoer geschreven naar {}", "Outputs written to {}");
/// The terminal's line above a robust plan's table: variants, criterion, commit periods.
pub const T_ROBUST_INTRO: Label = Label::new(
    "Robuust plan over {} varianten, criterium {}: de eerste {} periode(s) zijn één besluit \
     voor elke variant (commitment.csv).",
    "Robust plan over {} variants, criterion {}: the first {} period(s) are one \
     commitment for every variant (commitment.csv).",
);
/// The terminal's line under a robust plan's table: E, worst regret, EVPI.
pub const T_ROBUST_FOOT: Label = Label::new(
    "Verwachte mismatch {}, grootste spijt {}, waarde van het kennen van de toekomst (EVPI) \
     {} gewogen woningjaren.",
    "Expected mismatch {}, worst regret {}, value of knowing the future (EVPI) {} weighted \
     dwelling-years.",
);
/// The terminal's line about a robust scenario in a comparison.
pub const T_COMPARE_ROBUST: Label = Label::new(
    "Robuust scenario {} ({} varianten, criterium {}): de mismatch is de verwachte mismatch \
     E {}, de bruto kosten de verwachte {}; grootste spijt {}, EVPI {} gewogen woningjaren.",
    "Robust scenario {} ({} variants, criterion {}): its mismatch is the expected mismatch \
     E {}, its gross cost the expected {}; worst regret {}, EVPI {} weighted dwelling-years.",
);
/// The terminal's line under a comparison.
pub const T_COMPARE_FOOT: Label = Label::new(
    "Mismatch in gewogen woningjaren (zonder ingrijpen en met plan). Per regio: \
     comparison.csv; wat verschilt: input_diff.md.",
    "Mismatch in weighted dwelling-years (do-nothing vs plan). Per region: comparison.csv; \
     what differs: input_diff.md.",
);
/// The terminal's knee sentence: setting, value, removal before and after.
pub const T_KNEE: Label = Label::new(
    "Knik bij {} {}: tot daar haalt één miljoen gemiddeld {} gewogen woningjaren mismatch \
     weg, daarna {}.",
    "Knee at {} {}: up to it one million removes {} weighted dwelling-years of mismatch on \
     average, beyond it {}.",
);
/// The terminal's note when a grid stops short: to, from, last value.
pub const T_GRID_SHORT: Label = Label::new(
    "Let op: {} ligt geen geheel aantal stappen van {}; het rooster stopt bij {}.",
    "Note: {} is not a whole number of steps from {}; the grid stops at {}.",
);
/// The terminal's note on a sweep of a robust case.
pub const T_SWEEP_ROBUST: Label = Label::new(
    "Robuuste case: de mismatch van elk punt is de verwachte mismatch E over de varianten, \
     de andere cijfers de gewogen gemiddelden over de varianten.",
    "Robust case: every point's mismatch is the expected mismatch E over the variants, its \
     other figures the weighted means over the variants.",
);

/// The sweep chart's note when factor 0 still lowers the mismatch: what is spent.
pub const SWEEP_FUNDED_BY_SALES: Label = Label::new(
    "Ook zonder budget (factor 0) daalt de mismatch: de opbrengst van verkoop betaalt dan {} aan ingrepen.",
    "Even without budget (factor 0) the mismatch falls: the proceeds of sales pay for {} of actions.",
);
/// The sweep's mark of the current setting: its value.
pub const SWEEP_CURRENT_AT: Label = Label::new("nu: {}", "now: {}");
/// The legend entry of the current setting.
pub const SWEEP_CURRENT: Label = Label::new("huidige waarde", "current setting");
/// After the point number of the current setting in the sweep table.
pub const SWEEP_CURRENT_ROW: Label = Label::new("huidig", "current");
/// The sweep page's note when factor 0 still lowers the mismatch: the mismatch at 0,
/// without action, and what the plan spends there.
pub const SWEEP_FUNDED_BY_SALES_PAGE: Label = Label::new(
    "Ook zonder budget (budgetfactor 0) is de mismatch lager dan zonder ingrijpen ({} tegen \
     {}): het plan verkoopt sociale huurwoningen en betaalt met de opbrengst ({}) sloop en \
     andere ingrepen. De curve begint daarom onder de lijn ‘zonder ingrijpen’.",
    "Even without budget (budget factor 0) the mismatch is lower than without action ({} \
     against {}): the plan sells social-rent dwellings and pays for demolition and other \
     actions with the proceeds ({}). The curve therefore starts below the do-nothing line.",
);
/// The sweep page's rule for the knee.
pub const SWEEP_KNEE_RULE: Label = Label::new(
    "Een knik staat er alleen waar de curve echt buigt: tot de knik haalt één miljoen \
     gemiddeld minstens twee keer zoveel mismatch weg als daarna.",
    "A knee is shown only where the curve really bends: up to the knee one million removes \
     on average at least twice as much mismatch as beyond it.",
);

/// The collapsed section of a page with the solver, the run and the hashes.
pub const TECHNICAL_DETAILS: Label = Label::new("Technische gegevens", "Technical details");
/// The case's README.md inside the technical details of a Dutch page.
pub const README_FOR_ENGINEERS: Label = Label::new(
    "Technische beschrijving van de case (README.md, in het Engels)",
    "Technical description of the case (README.md)",
);
/// The note above a case's LEESMIJ.md.
pub const THE_DESCRIPTION_OF_THE_CASE_LEESMIJ: Label = Label::new(
    "De samenvatting van de case (LEESMIJ.md in de case-map): waar de cijfers vandaan komen \
     en welke aannames erin zitten.",
    "The summary of the case (LEESMIJ.md in the case folder).",
);

/// The default title of a plan: the regions (or their number).
pub const DEFAULT_TITLE: Label = Label::new(
    "Woningvoorraad en huishoudens: plan voor {}",
    "Housing stock and households: plan for {}",
);
/// The regions of a default title when there are more than three.
pub const N_REGIONS_M_MUNICIPALITIES: Label = Label::new(
    "{} regio's ({} gemeenten)",
    "{} regions ({} municipalities)",
);
/// The default subtitle of a plan: first and last year.
pub const DEFAULT_SUBTITLE: Label = Label::new(
    "Sloop, transformatie en nieuwbouw van de woningvoorraad, {}–{}",
    "Demolition, transformation and new build of the housing stock, {}–{}",
);

/// The charts section of a page.
pub const CHARTS: Label = Label::new("Grafieken", "Charts");

/// Chart 1's title: base year, last year.
pub const STOCK_DEMAND_TITLE: Label = Label::new(
    "Woningvoorraad en vraag per regio, {}–{}",
    "Housing stock and demand per region, {}–{}",
);
/// Chart 2's title: first and last year.
pub const ACTIONS_TITLE: Label = Label::new(
    "Sloop, transformatie, verkoop en nieuwbouw per gemeente, {}–{}",
    "Demolition, transformation, sales and new build per municipality, {}–{}",
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
    "Sloop per gemeente (zonder verkoop en transformatie), {}–{}",
    "Demolition per municipality (without sales and transformations), {}–{}",
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

/// "ja"/"nee" or "yes"/"no" for `b`.
pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b {
        YES.pick(lang)
    } else {
        NO.pick(lang)
    }
}

/// The facts of a case on the plan page: municipalities, regions, their names,
/// segments, dwellings, households, base year, first and last year, periods, variant.
pub const CASE_FACTS: Label = Label::new(
    "{} gemeenten in {} regio's ({}), {} segmenten; {} woningen en {} huishoudens in \
     het basisjaar {}. Het plan loopt van {} tot en met {} in {} perioden, \
     met huishoudensvariant <code>{}</code>.",
    "{} municipalities in {} regions ({}), {} segments; {} dwellings and {} \
     households in the base year {}. The plan runs from {} to {} in {} \
     periods, with households variant <code>{}</code>.",
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
/// Funding column (v2): paid by a funder, in the workbook.
pub const PAID_EUR_COL: Label = Label::new("Betaald (€)", "Paid (€)");
/// Funding column (v2): paid by a funder, on the page.
pub const PAID_COL: Label = Label::new("Betaald", "Paid");
/// Funding column (v2): sale proceeds received by a funder, in the workbook.
pub const RECEIVED_EUR_COL: Label = Label::new("Ontvangen (€)", "Received (€)");
/// Funding column (v2): sale proceeds received by a funder, on the page.
pub const RECEIVED_COL: Label = Label::new("Ontvangen", "Received");
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

// Every other word and sentence of the charts and pages.

/// “demolition”
pub const DEMOLITION: Label = Label::new("sloop", "demolition");

/// “sale”: dwellings sold (a transformation that brings in money), apart from demolition.
pub const SALE: Label = Label::new("verkoop", "sale");
/// “transformation (dwellings in)”
pub const TRANSFORMATION_DWELLINGS_IN: Label = Label::new(
    "transformatie (woningen in)",
    "transformation (dwellings in)",
);

/// “new build”
pub const NEW_BUILD: Label = Label::new("nieuwbouw", "new build");

/// “dwellings”
pub const DWELLINGS: Label = Label::new("woningen", "dwellings");

/// “budget”
pub const BUDGET_LOWER: Label = Label::new("budget", "budget");

/// “spent (net)”
pub const SPENT_NET: Label = Label::new("uitgegeven (netto)", "spent (net)");

/// “shadow price: weighted dwelling-years less mismatch per extra €1 M”
pub const SHADOW_PRICE_WEIGHTED_DWELLING_YEARS_LESS: Label = Label::new(
    "schaduwprijs: gewogen woningjaren minder mismatch per € 1 mln extra",
    "shadow price: weighted dwelling-years less mismatch per extra €1 M",
);

/// “Weighted dwelling-years of surplus and shortage over the whole plan.”
pub const WEIGHTED_DWELLING_YEARS_OF_SURPLUS_AND: Label = Label::new(
    "Gewogen woningjaren overschot en tekort over de hele planperiode.",
    "Weighted dwelling-years of surplus and shortage over the whole plan.",
);

/// “Filled bar: with the plan; open bar: if nothing is done (under that scenario's assumpti…”
pub const FILLED_BAR_WITH_THE_PLAN_OPEN: Label = Label::new(
    "Gevulde balk: met het plan; open balk: zonder ingrijpen (bij de aannames van \
             dat scenario).",
    "Filled bar: with the plan; open bar: if nothing is done (under that scenario's \
             assumptions).",
);

/// “After each bar: the mismatch with the plan and the change against doing nothing.”
pub const AFTER_EACH_BAR_THE_MISMATCH_WITH: Label = Label::new(
    "Achter elke balk: de mismatch met plan en de verandering ten opzichte van niets doen.",
    "After each bar: the mismatch with the plan and the change against doing nothing.",
);

/// “Dwellings, all municipalities together. Demand = households × (1 + frictional vacancy);”
pub const DWELLINGS_ALL_MUNICIPALITIES_TOGETHER_DEMAND_HOUSEHOLDS: Label = Label::new(
    "Woningen, alle gemeenten samen. Vraag = huishoudens × (1 + frictieleegstand);",
    "Dwellings, all municipalities together. Demand = households × (1 + frictional \
             vacancy);",
);

/// The calibration of demand to observed vacancy (spec v2, κ), in one sentence; `{}` is
/// the base year of the CBS count.
pub const DEMAND_CALIBRATED_TO_VACANCY: Label = Label::new(
    "Vraag gekalibreerd op de leegstand die CBS in {} telde: per gemeente telt een \
             huishouden voor het aantal bewoonde woningen per huishouden van dat jaar, zodat \
             de leegstand in het basisjaar de gemeten leegstand is.",
    "Demand calibrated to the vacancy CBS counted in {}: in each municipality a \
             household counts for the occupied dwellings per household of that year, so that \
             vacancy in the base year is the vacancy measured.",
);

/// The stock-and-demand chart's subtitle when demand is calibrated to observed vacancy:
/// the frictional vacancy and the base year.
pub const CHART_DEMAND_CALIBRATED: Label = Label::new(
    "Woningen. Vraag = huishoudens × (1 + {} frictieleegstand), gekalibreerd op de \
             leegstand die CBS in {} telde.",
    "Dwellings. Demand = households × (1 + {} frictional vacancy), calibrated to the \
             vacancy CBS counted in {}.",
);

/// “stock above demand stands empty for good.”
pub const STOCK_ABOVE_DEMAND_STANDS_EMPTY_FOR: Label = Label::new(
    "wat de voorraad boven de vraag uitkomt, staat structureel leeg.",
    "stock above demand stands empty for good.",
);

/// “with the plan”
pub const WITH_THE_PLAN: Label = Label::new("met plan", "with the plan");

/// “demand”
pub const DEMAND: Label = Label::new("vraag", "demand");

/// “stock if nothing is done”
pub const STOCK_IF_NOTHING_IS_DONE: Label =
    Label::new("voorraad zonder ingrijpen", "stock if nothing is done");

/// “%”
pub const PERCENT_SIGN: Label = Label::new(" %", "%");

/// The map legend's head: “Demolition,” (demolition alone).
pub const DEMOLITION_TRANSFORMATION: Label = Label::new("Sloop,", "Demolition,");

/// “outside the case”
pub const OUTSIDE_THE_CASE: Label = Label::new("buiten de case", "outside the case");

/// “in boundaries.geojson”
pub const IN_BOUNDARIES_GEOJSON: Label =
    Label::new("in boundaries.geojson", "in boundaries.geojson");

/// “stock with the plan”
pub const STOCK_WITH_THE_PLAN: Label = Label::new("voorraad met plan", "stock with the plan");

/// “Mismatch (weighted dwelling-years) with the plan at each budget: the budget of all regi…”
pub const MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE: Label = Label::new(
    "Mismatch (gewogen woningjaren) met het plan bij elk budget: het budget van alle \
             regio's en perioden samen, in miljoen euro.",
    "Mismatch (weighted dwelling-years) with the plan at each budget: the budget of \
             all regions and periods together, in million euros.",
);

/// “Mismatch (weighted dwelling-years) with the plan and if nothing is done at each frictio…”
pub const MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE_2: Label = Label::new(
    "Mismatch (gewogen woningjaren) met het plan en zonder ingrijpen bij elke \
             frictieleegstand.",
    "Mismatch (weighted dwelling-years) with the plan and if nothing is done at each \
             frictional vacancy.",
);

/// “Knee: beyond this point each extra million removes less mismatch than the average milli…”
pub const KNEE_BEYOND_THIS_POINT_EACH_EXTRA: Label = Label::new(
    "Knik: voorbij dit punt haalt elk extra miljoen minder mismatch weg dan \
                 gemiddeld over het hele bereik.",
    "Knee: beyond this point each extra million removes less mismatch than the \
                 average million over the whole range.",
);

/// “budget (€ M)”
pub const BUDGET_M: Label = Label::new("budget (€ mln)", "budget (€ M)");

/// “frictional vacancy”
pub const FRICTIONAL_VACANCY: Label = Label::new("frictieleegstand", "frictional vacancy");

/// “mismatch”
pub const MISMATCH: Label = Label::new("mismatch", "mismatch");

/// “mismatch with the plan”
pub const MISMATCH_WITH_THE_PLAN: Label = Label::new("mismatch met plan", "mismatch with the plan");

/// “mismatch if nothing is done”
pub const MISMATCH_IF_NOTHING_IS_DONE: Label =
    Label::new("mismatch zonder ingrijpen", "mismatch if nothing is done");

/// “knee”
pub const KNEE: Label = Label::new("knik", "knee");

/// “if nothing is done”
pub const IF_NOTHING_IS_DONE: Label = Label::new("zonder ingrijpen", "if nothing is done");

/// “Comparison of scenarios”
pub const COMPARISON_OF_SCENARIOS: Label =
    Label::new("Vergelijking van scenario's", "Comparison of scenarios");

/// “The same question under different assumptions: what the plan achieves, what it costs an…”
pub const THE_SAME_QUESTION_UNDER_DIFFERENT_ASSUMPTIONS: Label = Label::new(
    "Dezelfde vraag onder verschillende aannames: wat het plan bereikt, wat het kost en \
         wat er anders is aan de invoer.",
    "The same question under different assumptions: what the plan achieves, what it \
         costs and what differs in the inputs.",
);

/// “Note: the solver stopped at the time limit; these plans are not proven optimal:”
pub const NOTE_THE_SOLVER_STOPPED_AT_THE: Label = Label::new(
    "Let op: de oplosser stopte op de tijdslimiet; deze plannen zijn niet bewezen \
             optimaal:",
    "Note: the solver stopped at the time limit; these plans are not proven optimal:",
);

/// “Scenario”
pub const SCENARIO: Label = Label::new("Scenario", "Scenario");

/// “File”
pub const FILE: Label = Label::new("Bestand", "File");

/// “Base case”
pub const BASE_CASE: Label = Label::new("Basiscase", "Base case");

/// “Households variant”
pub const HOUSEHOLDS_VARIANT: Label = Label::new("Huishoudensvariant", "Households variant");

/// “Description”
pub const DESCRIPTION: Label = Label::new("Omschrijving", "Description");

/// “Own report”
pub const OWN_REPORT: Label = Label::new("Eigen rapport", "Own report");

/// “The first scenario is the reference of the input differences. Every scenario also has i…”
pub const THE_FIRST_SCENARIO_IS_THE_REFERENCE: Label = Label::new(
    "Het eerste scenario is de referentie van de invoerverschillen. Elk scenario heeft \
         ook een volledig eigen plan (tabellen, grafieken, rapport) in de map ernaast.",
    "The first scenario is the reference of the input differences. Every scenario also \
         has its complete own plan (tables, charts, report) in the folder beside it.",
);

/// “Scenarios”
pub const SCENARIOS: Label = Label::new("Scenario's", "Scenarios");

/// “Mismatch if nothing is done”
pub const MISMATCH_IF_NOTHING_IS_DONE_2: Label =
    Label::new("Mismatch zonder ingrijpen", "Mismatch if nothing is done");

/// “Mismatch with the plan”
pub const MISMATCH_WITH_THE_PLAN_2: Label =
    Label::new("Mismatch met plan", "Mismatch with the plan");

/// “Change”
pub const CHANGE: Label = Label::new("Verandering", "Change");

/// “Demolished”
pub const DEMOLISHED: Label = Label::new("Gesloopt", "Demolished");

/// “Transformed”
pub const TRANSFORMED: Label = Label::new("Getransformeerd", "Transformed");

/// “Built”
pub const BUILT: Label = Label::new("Nieuwbouw", "Built");

/// “Gross cost”
pub const GROSS_COST: Label = Label::new("Bruto kosten", "Gross cost");

/// “Net cost”
pub const NET_COST: Label = Label::new("Netto kosten", "Net cost");

/// “Budget used”
pub const BUDGET_USED: Label = Label::new("Budget benut", "Budget used");

/// “Mismatch: structural surplus and shortage against demand, in weighted dwelling-years ov…”
pub const MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST: Label = Label::new(
    "Mismatch: structureel overschot en tekort ten opzichte van de vraag, in gewogen \
         woningjaren over de hele planperiode. Netto kosten: verkoop telt negatief; dat \
         bedrag telt voor het budget.",
    "Mismatch: structural surplus and shortage against demand, in weighted \
         dwelling-years over the whole plan. Net cost: sales count negative; that amount is \
         what the budget sees.",
);

/// “Key figures per scenario”
pub const KEY_FIGURES_PER_SCENARIO: Label =
    Label::new("Kerncijfers per scenario", "Key figures per scenario");

/// “Per scenario and region”
pub const PER_SCENARIO_AND_REGION: Label =
    Label::new("Per scenario en regio", "Per scenario and region");

/// “The same figures are in comparison.csv (region * = total).”
pub const THE_SAME_FIGURES_ARE_IN_COMPARISON: Label = Label::new(
    "Dezelfde cijfers staan in comparison.csv (regio * = totaal).",
    "The same figures are in comparison.csv (region * = total).",
);

/// “inputs”
pub const INPUTS: Label = Label::new("invoer", "inputs");

/// “Plan for demolition, transformation and new build of the housing stock”
pub const PLAN_FOR_DEMOLITION_TRANSFORMATION_AND_NEW: Label = Label::new(
    "Plan voor sloop, transformatie en nieuwbouw van de woningvoorraad",
    "Plan for demolition, transformation and new build of the housing stock",
);

/// “optimal”
pub const OPTIMAL: Label = Label::new("optimaal", "optimal");

/// “time limit reached (not proven optimal)”
pub const TIME_LIMIT_REACHED_NOT_PROVEN_OPTIMAL: Label = Label::new(
    "tijdslimiet bereikt (niet bewezen optimaal)",
    "time limit reached (not proven optimal)",
);

/// “yes”
pub const YES: Label = Label::new("ja", "yes");

/// “no”
pub const NO: Label = Label::new("nee", "no");

/// “Note: the solver stopped at the time limit. This plan is feasible, but not proven optimal.”
pub const NOTE_THE_SOLVER_STOPPED_AT_THE_2: Label = Label::new(
    "Let op: de oplosser stopte op de tijdslimiet. Dit plan is uitvoerbaar, \
                 maar niet bewezen optimaal.",
    "Note: the solver stopped at the time limit. This plan is feasible, but \
                 not proven optimal.",
);

/// “Sources and assumptions of the case: see <a href="#bron">Sources and assumptions</a>.”
pub const SOURCES_AND_ASSUMPTIONS_OF_THE_CASE: Label = Label::new(
    "Bronnen en aannames van de case: zie <a href=\"#bron\">Bron en aannames</a>.",
    "Sources and assumptions of the case: see <a href=\"#bron\">Sources and \
                     assumptions</a>.",
);

/// “The case folder has no README.md: there is no description of sources and assumptions.”
pub const THE_CASE_FOLDER_HAS_NO_README: Label = Label::new(
    "De case-map heeft geen README.md: er is geen beschrijving van bronnen en \
                 aannames.",
    "The case folder has no README.md: there is no description of sources and \
                 assumptions.",
);

/// “The case”
pub const THE_CASE: Label = Label::new("De case", "The case");

/// “Do nothing”
pub const DO_NOTHING: Label = Label::new("Zonder ingrijpen", "Do nothing");

/// “With plan”
pub const WITH_PLAN: Label = Label::new("Met plan", "With plan");

/// “Change”
pub const DIFFERENCE: Label = Label::new("Verschil", "Change");

/// “Mismatch (weighted dwelling-years)”
pub const MISMATCH_WEIGHTED_DWELLING_YEARS: Label = Label::new(
    "Mismatch (gewogen woningjaren)",
    "Mismatch (weighted dwelling-years)",
);

/// “Net cost (sales count negative)”
pub const NET_COST_SALES_COUNT_NEGATIVE: Label = Label::new(
    "Netto kosten (verkoop telt negatief)",
    "Net cost (sales count negative)",
);

/// “Budget, all regions and periods”
pub const BUDGET_ALL_REGIONS_AND_PERIODS: Label = Label::new(
    "Budget, alle regio's en perioden",
    "Budget, all regions and periods",
);

/// “Dwellings demolished”
pub const DWELLINGS_DEMOLISHED: Label = Label::new("Woningen gesloopt", "Dwellings demolished");

/// “Dwellings transformed (input)”
pub const DWELLINGS_TRANSFORMED_INPUT: Label = Label::new(
    "Woningen getransformeerd (invoer)",
    "Dwellings transformed (input)",
);

/// “Dwellings built”
pub const DWELLINGS_BUILT: Label = Label::new("Woningen nieuw gebouwd", "Dwellings built");

/// “Key figures”
pub const KEY_FIGURES: Label = Label::new("Kerncijfers", "Key figures");

/// “Mismatch: structural surplus and shortage against demand, weighted and summed over the …”
pub const MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST_2: Label = Label::new(
    "Mismatch: structureel overschot en tekort ten opzichte van de vraag, gewogen \
                 en opgeteld over de jaren van het plan.",
    "Mismatch: structural surplus and shortage against demand, weighted and \
                 summed over the years of the plan.",
);

/// “Mismatch, do nothing”
pub const MISMATCH_DO_NOTHING: Label =
    Label::new("Mismatch zonder ingrijpen", "Mismatch, do nothing");

/// “Mismatch, plan”
pub const MISMATCH_PLAN: Label = Label::new("Mismatch met plan", "Mismatch, plan");

/// “Per region”
pub const PER_REGION: Label = Label::new("Per regio", "Per region");

/// “Shadow price: how many weighted dwelling-years of mismatch one more million euros of bu…”
pub const SHADOW_PRICE_HOW_MANY_WEIGHTED_DWELLING: Label = Label::new(
    "Schaduwprijs: hoeveel gewogen woningjaren mismatch één miljoen euro extra \
             budget in die regio en periode zou wegnemen.",
    "Shadow price: how many weighted dwelling-years of mismatch one more million \
             euros of budget in that region and period would remove.",
);

/// “Budget per region and period”
pub const BUDGET_PER_REGION_AND_PERIOD: Label = Label::new(
    "Budget per regio en periode",
    "Budget per region and period",
);

/// “Plan per municipality, segment and period”
pub const PLAN_PER_MUNICIPALITY_SEGMENT_AND_PERIOD: Label = Label::new(
    "Plan per gemeente, segment en periode",
    "Plan per municipality, segment and period",
);

/// “The plan transforms no dwellings.”
pub const THE_PLAN_TRANSFORMS_NO_DWELLINGS: Label = Label::new(
    "Het plan transformeert geen woningen.",
    "The plan transforms no dwellings.",
);

/// “Only rows with transformations; a negative cost is revenue.”
pub const ONLY_ROWS_WITH_TRANSFORMATIONS_A_NEGATIVE: Label = Label::new(
    "Alleen rijen met transformaties; een negatieve kostenpost is een opbrengst.",
    "Only rows with transformations; a negative cost is revenue.",
);

/// “Stock”
pub const STOCK: Label = Label::new("Voorraad", "Stock");

/// “Surplus”
pub const SURPLUS: Label = Label::new("Overschot", "Surplus");

/// “Shortage”
pub const SHORTAGE: Label = Label::new("Tekort", "Shortage");

/// “Demand: households plus frictional vacancy. Surplus and shortage: stock above or below …”
pub const DEMAND_HOUSEHOLDS_PLUS_FRICTIONAL_VACANCY_SURPLUS: Label = Label::new(
    "Vraag: huishoudens plus frictieleegstand. Overschot en tekort: voorraad boven \
             of onder de vraag.",
    "Demand: households plus frictional vacancy. Surplus and shortage: stock above \
             or below demand.",
);

/// “Balance of stock and demand”
pub const BALANCE_OF_STOCK_AND_DEMAND: Label = Label::new(
    "Balans van voorraad en vraag",
    "Balance of stock and demand",
);

/// “The description of the case (README.md in the case folder), as shipped.”
pub const THE_DESCRIPTION_OF_THE_CASE_README: Label = Label::new(
    "De beschrijving van de case (README.md in de case-map), zoals die is \
             meegeleverd.",
    "The description of the case (README.md in the case folder), as shipped.",
);

/// “Sources and assumptions”
pub const SOURCES_AND_ASSUMPTIONS: Label =
    Label::new("Bron en aannames", "Sources and assumptions");

/// “above”
pub const ABOVE: Label = Label::new("boven", "above");

/// “total (demand per municipality)”
pub const TOTAL_DEMAND_PER_MUNICIPALITY: Label = Label::new(
    "totaal (vraag per gemeente)",
    "total (demand per municipality)",
);

/// “per segment (demand per municipality and segment)”
pub const PER_SEGMENT_DEMAND_PER_MUNICIPALITY_AND: Label = Label::new(
    "per segment (vraag per gemeente en segment)",
    "per segment (demand per municipality and segment)",
);

/// “Setting”
pub const SETTING: Label = Label::new("Instelling", "Setting");

/// “Value”
pub const VALUE: Label = Label::new("Waarde", "Value");

/// “Mode”
pub const MODE: Label = Label::new("Modus", "Mode");

/// “Base year”
pub const BASE_YEAR: Label = Label::new("Basisjaar", "Base year");

/// “Milestones”
pub const MILESTONES: Label = Label::new("Mijlpalen", "Milestones");

/// “Frictional vacancy”
pub const FRICTIONAL_VACANCY_2: Label = Label::new("Frictieleegstand", "Frictional vacancy");

/// “Max. demolition and transformation per year (of the stock)”
pub const MAX_DEMOLITION_AND_TRANSFORMATION_PER_YEAR: Label = Label::new(
    "Max. sloop en transformatie per jaar (van de voorraad)",
    "Max. demolition and transformation per year (of the stock)",
);

/// “Max. new build per year (of the stock)”
pub const MAX_NEW_BUILD_PER_YEAR_OF: Label = Label::new(
    "Max. nieuwbouw per jaar (van de voorraad)",
    "Max. new build per year (of the stock)",
);

/// “Surplus weight”
pub const SURPLUS_WEIGHT: Label = Label::new("Gewicht overschot", "Surplus weight");

/// “Surplus tiers (of demand)”
pub const SURPLUS_TIERS_OF_DEMAND: Label = Label::new(
    "Schijven overschot (van de vraag)",
    "Surplus tiers (of demand)",
);

/// “Shortage weight”
pub const SHORTAGE_WEIGHT: Label = Label::new("Gewicht tekort", "Shortage weight");

/// “Carry unspent budget to later periods”
pub const CARRY_UNSPENT_BUDGET_TO_LATER_PERIODS: Label = Label::new(
    "Budget overhevelen naar latere perioden",
    "Carry unspent budget to later periods",
);

/// “Settings”
pub const SETTINGS: Label = Label::new("Instellingen", "Settings");

/// “Solver”
pub const SOLVER: Label = Label::new("Oplosser", "Solver");

/// “Whole dwellings (MIP)”
pub const WHOLE_DWELLINGS_MIP: Label =
    Label::new("Gehele aantallen (MIP)", "Whole dwellings (MIP)");

/// “MIP gap reached”
pub const MIP_GAP_REACHED: Label = Label::new("Bereikte MIP-gap", "MIP gap reached");

/// “Stage 1 optimum (mismatch, weighted dwelling-years)”
pub const STAGE_1_OPTIMUM_MISMATCH_WEIGHTED_DWELLING: Label = Label::new(
    "Optimum stap 1 (mismatch, gewogen woningjaren)",
    "Stage 1 optimum (mismatch, weighted dwelling-years)",
);

/// “Municipalities, regions, segments”
pub const MUNICIPALITIES_REGIONS_SEGMENTS: Label = Label::new(
    "Gemeenten, regio's, segmenten",
    "Municipalities, regions, segments",
);

/// “Inputs (SHA-256)”
pub const INPUTS_SHA_256: Label = Label::new("Invoer (SHA-256)", "Inputs (SHA-256)");

/// “The mismatch was minimised first, then the gross cost at that mismatch. The timings are…”
pub const THE_MISMATCH_WAS_MINIMISED_FIRST_THEN: Label = Label::new(
    "Eerst is de mismatch geminimaliseerd, daarna bij die mismatch de bruto kosten. \
             De rekentijden staan in summary.json.",
    "The mismatch was minimised first, then the gross cost at that mismatch. The \
             timings are in summary.json.",
);

/// “Solver and run”
pub const SOLVER_AND_RUN: Label = Label::new("Oplosser en berekening", "Solver and run");

/// “Warnings while reading”
pub const WARNINGS_WHILE_READING: Label =
    Label::new("Waarschuwingen bij het inlezen", "Warnings while reading");

/// “Input differences between the scenarios”
pub const INPUT_DIFFERENCES_BETWEEN_THE_SCENARIOS: Label = Label::new(
    "Verschillen in de invoer tussen de scenario's",
    "Input differences between the scenarios",
);

/// “Reference:”
pub const REFERENCE: Label = Label::new("Referentie:", "Reference:");

/// “base case”
pub const BASE_CASE_2: Label = Label::new("basiscase", "base case");

/// “households variant”
pub const HOUSEHOLDS_VARIANT_2: Label = Label::new("huishoudensvariant", "households variant");

/// “No input differs from the reference.”
pub const NO_INPUT_DIFFERS_FROM_THE_REFERENCE: Label = Label::new(
    "Geen verschil in de invoer met de referentie.",
    "No input differs from the reference.",
);

/// “Compared with”
pub const COMPARED_WITH: Label = Label::new("Ten opzichte van", "Compared with");

/// “The same list is in input_diff.md.”
pub const THE_SAME_LIST_IS_IN_INPUT: Label = Label::new(
    "Dezelfde lijst staat in input_diff.md.",
    "The same list is in input_diff.md.",
);

/// “Input differences”
pub const INPUT_DIFFERENCES: Label = Label::new("Verschillen in de invoer", "Input differences");

/// “No map: no municipality of the case is in boundaries.geojson.”
pub const NO_MAP_NO_MUNICIPALITY_OF_THE: Label = Label::new(
    "Geen kaart: geen enkele gemeente van de case staat in \
                             boundaries.geojson.",
    "No map: no municipality of the case is in boundaries.geojson.",
);

/// “budget factor”
pub const BUDGET_FACTOR: Label = Label::new("budgetfactor", "budget factor");

/// “The same plan solved at every value of one setting.”
pub const THE_SAME_PLAN_SOLVED_AT_EVERY: Label = Label::new(
    "Hetzelfde plan opgelost bij elke waarde van één instelling.",
    "The same plan solved at every value of one setting.",
);

/// “varied”
pub const VARIED: Label = Label::new("gevarieerd", "varied");

/// “Point”
pub const POINT: Label = Label::new("Punt", "Point");

/// “Budget factor”
pub const BUDGET_FACTOR_2: Label = Label::new("Budgetfactor", "Budget factor");

/// “Shadow price per €1 M”
pub const SHADOW_PRICE_PER_1_M: Label =
    Label::new("Schaduwprijs per mln €", "Shadow price per €1 M");

/// “Less mismatch per extra €1 M”
pub const LESS_MISMATCH_PER_EXTRA_1_M: Label = Label::new(
    "Minder mismatch per extra mln €",
    "Less mismatch per extra €1 M",
);

/// “Shadow price: the mismatch one more million, spread like the budget, would remove (the …”
pub const SHADOW_PRICE_THE_MISMATCH_ONE_MORE: Label = Label::new(
    "Schaduwprijs: hoeveel mismatch één miljoen extra, verdeeld zoals het budget, zou \
         wegnemen (het naar budget gewogen gemiddelde van de schaduwprijzen per regio en \
         periode). Minder mismatch per extra mln €: gemeten tussen dit punt en het vorige. \
         Dezelfde cijfers staan in sweep.csv.",
    "Shadow price: the mismatch one more million, spread like the budget, would remove \
         (the budget-weighted mean of the shadow prices per region and period). Less \
         mismatch per extra €1 M: measured between this point and the previous one. The \
         same figures are in sweep.csv.",
);

/// “What was varied”
pub const WHAT_WAS_VARIED: Label = Label::new("Wat is gevarieerd", "What was varied");

/// “Every point”
pub const EVERY_POINT: Label = Label::new("Alle punten", "Every point");

/// “Housing stock and demand, all municipalities”
pub const HOUSING_STOCK_AND_DEMAND_ALL_MUNICIPALITIES: Label = Label::new(
    "Woningvoorraad en vraag, alle gemeenten",
    "Housing stock and demand, all municipalities",
);

/// “year”
pub const YEAR_2: Label = Label::new("jaar", "year");

/// “Mismatch, do nothing (weighted dwelling-years)”
pub const MISMATCH_DO_NOTHING_WEIGHTED_DWELLING_YEARS: Label = Label::new(
    "Mismatch zonder ingrijpen (gewogen woningjaren)",
    "Mismatch, do nothing (weighted dwelling-years)",
);

/// “Mismatch, plan (weighted dwelling-years)”
pub const MISMATCH_PLAN_WEIGHTED_DWELLING_YEARS: Label = Label::new(
    "Mismatch met plan (gewogen woningjaren)",
    "Mismatch, plan (weighted dwelling-years)",
);

/// “Budget and spending per region, whole plan”
pub const BUDGET_AND_SPENDING_PER_REGION_WHOLE: Label = Label::new(
    "Budget en uitgaven per regio, hele planperiode",
    "Budget and spending per region, whole plan",
);

/// “only in the reference”
pub const ONLY_IN_THE_REFERENCE: Label =
    Label::new("alleen in de referentie", "only in the reference");

/// “only in this scenario”
pub const ONLY_IN_THIS_SCENARIO: Label =
    Label::new("alleen in dit scenario", "only in this scenario");

/// “none”
pub const NONE: Label = Label::new("geen", "none");

/// “files that differ (SHA-256)”
pub const FILES_THAT_DIFFER_SHA_256: Label =
    Label::new("andere bestanden (SHA-256)", "files that differ (SHA-256)");

/// “identical”
pub const IDENTICAL: Label = Label::new("gelijk", "identical");

/// “Weight of surplus”
pub const WEIGHT_OF_SURPLUS: Label = Label::new("Gewicht overschot", "Weight of surplus");

/// “Surplus tiers”
pub const SURPLUS_TIERS: Label = Label::new("Schijven overschot", "Surplus tiers");

/// “Weight of shortage”
pub const WEIGHT_OF_SHORTAGE: Label = Label::new("Gewicht tekort", "Weight of shortage");

/// “Budget carried over to later periods”
pub const BUDGET_CARRIED_OVER_TO_LATER_PERIODS: Label = Label::new(
    "Budget overhevelen naar latere perioden",
    "Budget carried over to later periods",
);

/// “lower”
pub const LOWER: Label = Label::new("lager", "lower");

/// “higher”
pub const HIGHER: Label = Label::new("hoger", "higher");

// Every other word and sentence of the charts and pages.

/// “Dwellings over the whole plan horizon, biggest task first”
pub const DWELLINGS_OVER_THE_WHOLE_PLAN_HORIZON: Label = Label::new(
    "Woningen over de hele planperiode, grootste opgave bovenaan",
    "Dwellings over the whole plan horizon, biggest task first",
);

/// “Million euros per plan period (labelled by its last year); spending is net: sales count…”
pub const MILLION_EUROS_PER_PLAN_PERIOD_LABELLED: Label = Label::new(
    "Miljoen euro per planperiode (aangeduid met het laatste jaar); \
             uitgaven netto: verkoop telt negatief.",
    "Million euros per plan period (labelled by its last year); \
             spending is net: sales count negative.",
);

/// “Share of each segment in the stock with the plan; in the bands: share in the base year …”
pub const SHARE_OF_EACH_SEGMENT_IN_THE: Label = Label::new(
    "Aandeel van elk segment in de voorraad met plan; in de banden: \
             aandeel in het basisjaar → aan het eind.",
    "Share of each segment in the stock with the plan; in the bands: \
             share in the base year → at the end.",
);

/// Chart 3's first subtitle line; `{}` is the frictional vacancy.
pub const VACANCY_SUBTITLE: Label = Label::new(
    "Woningen boven de vraag (huishoudens + {} frictieleegstand), als aandeel van de voorraad.",
    "Dwellings above demand (households + {} frictional vacancy), as a share of the stock.",
);

/// “Highest vacancy if nothing is done first”
pub const HIGHEST_VACANCY_IF_NOTHING_IS_DONE: Label = Label::new(
    "Hoogste leegstand zonder ingrijpen bovenaan",
    "Highest vacancy if nothing is done first",
);

/// “No map: the case folder has no boundaries.geojson with the municipal boundaries.”
pub const NO_MAP_THE_CASE_FOLDER_HAS: Label = Label::new(
    "Geen kaart: de case-map heeft geen boundaries.geojson met de \
                     gemeentegrenzen.",
    "No map: the case folder has no boundaries.geojson with the municipal \
                     boundaries.",
);

/// “No knee: the curve is (almost) straight or does not fall over this range, or there are …”
pub const NO_KNEE_THE_CURVE_IS_ALMOST: Label = Label::new(
    "Geen knik: de curve is (bijna) recht of daalt niet over dit bereik, of er \
                     zijn minder dan drie punten.",
    "No knee: the curve is (almost) straight or does not fall over this range, \
                     or there are fewer than three points.",
);

// Funders (spec v2 §5): the chart, the "who pays what" section and sheet.

/// Chart 7's title: first and last year.
pub const FUNDERS_TITLE: Label = Label::new(
    "Wie betaalt wat: betalingen per financier, regio en periode, {}–{}",
    "Who pays what: payments per funder, region and period, {}–{}",
);
/// Chart 7's subtitle.
pub const FUNDERS_SUBTITLE: Label = Label::new(
    "miljoen euro per planperiode; balk = betaald, streep = budget (verkopen en \
     overgehouden geld komen erbij)",
    "million euros per plan period; bar = paid, stripe = budget (sale proceeds and \
     unspent money come on top)",
);
/// Chart 7's legend entry of the budget stripe.
pub const FUNDER_BUDGET_MARK: Label = Label::new("budget van de financier", "the funder's budget");
/// The common funder "" of a case that names funders only in part.
pub const COMMON_FUNDER: Label = Label::new("gemeenschappelijk", "common");
/// Where one more million helps most: funder, region, period, weighted dwelling-years.
pub const FUNDER_NEXT_MILLION: Label = Label::new(
    "Nog € 1 mln bij {} in {} ({}) vermindert de mismatch met {} gewogen woningjaren",
    "€1 M more for {} in {} ({}) reduces the mismatch by {} weighted dwelling-years",
);
/// No funder's budget binds in a region.
pub const FUNDER_NOT_BINDING: Label = Label::new(
    "In {} knelt het budget van geen enkele financier: meer geld vermindert de mismatch niet",
    "In {} no funder's budget binds: more money does not reduce the mismatch",
);
/// The section and sheet title.
pub const WHO_PAYS_WHAT: Label = Label::new("Wie betaalt wat", "Who pays what");
/// Column: the funder.
pub const FUNDER_COL: Label = Label::new("Financier", "Funder");
/// Column: the funder's budget over the plan.
pub const FUNDER_BUDGET_COL: Label = Label::new("Budget", "Budget");
/// Column: the funder's budget, in the workbook.
pub const FUNDER_BUDGET_EUR_COL: Label = Label::new("Budget (€)", "Budget (€)");
/// Column: paid minus received, in the workbook.
pub const NET_PAID_EUR_COL: Label = Label::new("Netto betaald (€)", "Net paid (€)");
/// Column: paid minus received, on the page.
pub const NET_PAID_COL: Label = Label::new("Netto betaald", "Net paid");
/// Column: paid minus received as a share of the budget.
pub const FUNDER_USED_COL: Label = Label::new("Benut", "Used");
/// Column: the highest shadow price of the funder's budget over the periods.
pub const FUNDER_SHADOW_COL: Label = Label::new(
    "Schaduwprijs, hoogste (gewogen woningjaren per € 1 mln)",
    "Shadow price, highest (weighted dwelling-years per €1 M)",
);
/// Under the compare page's funders table.
pub const THE_SAME_FIGURES_ARE_IN_COMPARISON_FUNDERS: Label = Label::new(
    "Per scenario, regio en financier over het hele plan; dezelfde cijfers staan in \
     comparison_funders.csv. De schaduwprijs is de hoogste over de perioden.",
    "Per scenario, region and funder over the whole plan; the same figures are in \
     comparison_funders.csv. The shadow price is the highest over the periods.",
);
/// The section's explanation.
pub const WHO_PAYS_WHAT_NOTE: Label = Label::new(
    "Per regio en financier over het hele plan: het budget, wat de financier betaalde, \
     wat hij ontving uit de verkoop van woningen en welk deel van zijn budget hij netto \
     gebruikte. Een financier betaalt alleen waarvoor de regels van funding.csv hem \
     toestaan, tot het aandeel dat ze noemen. De schaduwprijs zegt hoeveel gewogen \
     woningjaren mismatch € 1 mln meer van die financier zou wegnemen (de hoogste over de \
     perioden; 0 = zijn budget knelt niet). Per periode en gemeente: funding.csv.",
    "Per region and funder over the whole plan: the budget, what the funder paid, what it \
     received from selling dwellings and the share of its budget it used net. A funder \
     pays only for what the rules of funding.csv allow it, up to the share they name. \
     The shadow price says how many weighted dwelling-years of mismatch €1 M more of that \
     funder would remove (the highest over the periods; 0 = its budget does not bind). Per \
     period and municipality: funding.csv.",
);

/// The money columns of a funder's row, on the plan page and the comparison page.
pub const FUNDER_MONEY_COLS: [Label; 5] = [
    FUNDER_COL,
    FUNDER_BUDGET_COL,
    PAID_COL,
    RECEIVED_COL,
    NET_PAID_COL,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_pick_and_fill_in() {
        assert_eq!(lang_pair(DEMOLITION), ("sloop", "demolition"));
        assert_eq!(
            ACTIONS_TITLE.format(Lang::En, &[&2024, &2040]),
            "Demolition, transformation, sales and new build per municipality, 2024–2040"
        );
        assert_eq!(
            VACANCY_TITLE.format(Lang::Nl, &[]),
            "Structurele leegstand per gemeente in {}"
        );
        assert_eq!(yes_no(Lang::Nl, true), "ja");
        assert_eq!(Lang::En.get(YES), "yes");
    }

    fn lang_pair(label: Label) -> (&'static str, &'static str) {
        (label.pick(Lang::Nl), label.pick(Lang::En))
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn default_titles_name_the_regions() {
        let regions = |n: usize| (0..n).map(|i| format!("R{i}")).collect::<Vec<_>>();
        assert_eq!(
            default_title(Lang::Nl, &regions(1), 3),
            "Woningvoorraad en huishoudens: plan voor R0"
        );
        assert_eq!(
            default_title(Lang::Nl, &regions(3), 3),
            "Woningvoorraad en huishoudens: plan voor R0, R1 en R2"
        );
        assert_eq!(
            default_title(Lang::En, &regions(2), 3),
            "Housing stock and households: plan for R0 and R1"
        );
        assert_eq!(
            default_title(Lang::Nl, &regions(8), 34),
            "Woningvoorraad en huishoudens: plan voor 8 regio's (34 gemeenten)"
        );
    }
}
