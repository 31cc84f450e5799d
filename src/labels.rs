//! The catalogue of words: every Dutch/English label that charts, pages, the workbook
//! and the terminal show, as a named constant, so one wording is used everywhere and a
//! translation is changed in one place. `lang.get(labels::DEMOLITION)` or
//! `labels::DEMOLITION.pick(lang)` gives the text.

use crate::lang::Lang;

/// Declares labels, one entry each: `NAME: "Dutch", "English";` becomes
/// `pub const NAME: Label`. An entry's doc comment says what the label is for; an entry
/// without one gets its English text, in quotes, as its doc.
macro_rules! labels {
    ($($(#[$doc:meta])* $name:ident: $nl:literal, $en:literal;)*) => {
        $(labels!(@one [$(#[$doc])*] $name $nl $en);)*
    };
    (@one [] $name:ident $nl:literal $en:literal) => {
        #[doc = concat!("“", $en, "”")]
        pub const $name: Label = Label::new($nl, $en);
    };
    (@one [$(#[$doc:meta])+] $name:ident $nl:literal $en:literal) => {
        $(#[$doc])+
        pub const $name: Label = Label::new($nl, $en);
    };
}

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

labels! {
    /// The headline unit in plain words: frictional vacancy, the weight of the first tier,
    /// the tiers above it ([`UNIT_TIERS_INTRO`]) and the shortage weight.
    UNIT_EXPLANATION:
        "Wat is een gewogen woningjaar? Eén woning die een jaar leeg staat boven de \
         frictieleegstand ({}) telt als {} woningjaar{}. Eén huishouden dat een jaar lang \
         geen passende woning vindt (tekort) telt {} keer. Voorbeeld: 100 woningen die 10 jaar \
         te veel zijn, binnen de eerste drempel, zijn {} gewogen woningjaren.",
        "What is a weighted dwelling-year? One dwelling standing empty for a year above the \
         frictional vacancy ({}) counts as {} dwelling-year{}. One household that finds no \
         suitable dwelling for a year (shortage) counts {} times. Example: 100 dwellings too \
         many for 10 years, within the first threshold, are {} weighted dwelling-years.";
    /// The tiers of [`UNIT_EXPLANATION`]: the list of [`UNIT_TIER`]s.
    UNIT_TIERS_INTRO:
        "; een groot overschot weegt zwaarder: het deel {}",
        "; a large surplus weighs more: the part {}";
    /// One tier of [`UNIT_EXPLANATION`]: its threshold and weight.
    UNIT_TIER: "boven {} van de vraag weegt {} keer", "above {} of demand counts {} times";

    /// The terminal's first line of `plan`: version, case, municipalities, regions, mode,
    /// solver.
    T_PLAN_LINE:
        "restock {} — case {}: {} gemeenten, {} regio's, modus {}, oplosser {}",
        "restock {} — case {}: {} municipalities, {} regions, {} mode, solver {}";
    /// After the solver's name when the actions are whole dwellings.
    T_INTEGER: " (gehele woningen)", " (integer)";
    /// The terminal's warning for a plan not proven optimal: the status.
    T_NOT_OPTIMAL:
        "LET OP: de berekening eindigde met status {}: dit plan is niet bewezen optimaal.",
        "WARNING: the solve ended with status {}: this plan is not proven optimal.";
    /// The terminal's warning for a scenario not proven optimal: its name and status.
    T_SCENARIO_NOT_OPTIMAL:
        "LET OP: scenario {} eindigde met status {}: niet bewezen optimaal.",
        "WARNING: scenario {} ended with status {}: not proven optimal.";
    /// Terminal column: the region.
    T_REGION: "regio", "region";
    /// Terminal column: the scenario.
    T_SCENARIO: "scenario", "scenario";
    /// Terminal row: the total.
    T_TOTAL: "totaal", "total";
    /// Terminal column: the do-nothing mismatch.
    T_MISMATCH_NOW: "mismatch zonder ingrijpen", "mismatch now";
    /// Terminal column: the plan's mismatch.
    T_MISMATCH_PLAN: "mismatch met plan", "mismatch plan";
    /// Terminal column: dwellings demolished.
    T_DEMOLISHED: "gesloopt", "demolished";
    /// Terminal column: dwellings transformed.
    T_TRANSFORMED: "getransformeerd", "transformed";
    /// Terminal column: dwellings built.
    T_BUILT: "nieuwbouw", "built";
    /// Terminal column: money spent.
    T_SPENT_MLN: "uitgegeven (€ mln)", "spent (€ M)";
    /// Terminal column: net cost.
    T_NET_COST_MLN: "netto kosten (€ mln)", "net cost (€ M)";
    /// Terminal column: gross cost.
    T_GROSS_COST_MLN: "bruto kosten (€ mln)", "gross cost (€ M)";
    /// Terminal column: the budget.
    T_BUDGET_MLN: "budget (€ mln)", "budget (€ M)";
    /// Terminal column: a robust plan's variant.
    T_VARIANT: "variant", "variant";
    /// Terminal column: a variant's weight.
    T_WEIGHT: "gewicht", "weight";
    /// Terminal column: a variant's own optimum.
    T_OWN_OPTIMUM: "eigen optimum", "own optimum";
    /// Terminal column: a variant's regret.
    T_REGRET: "spijt", "regret";
    /// Terminal column: a sweep's point.
    T_POINT: "punt", "point";
    /// The terminal's line under a plan's table: gross and net cost.
    T_PLAN_FOOT:
        "Mismatch in gewogen woningjaren (zonder ingrijpen en met plan); bruto kosten {}, netto {}.",
        "Mismatch in weighted dwelling-years (do-nothing vs plan); gross cost {}, net {}.";
    /// The terminal's last line: where the outputs are.
    T_OUTPUTS: "Uitvoer geschreven naar {}", "Outputs written to {}";
    /// `restock validate`'s first line: the case is valid.
    T_VALID: "case {}: geldig", "case {}: valid";
    /// `restock validate`: the number of municipalities.
    T_V_MUNICIPALITIES: "gemeenten", "municipalities";
    /// `restock validate`: the regions.
    T_V_REGIONS: "regio's", "regions";
    /// `restock validate`: the segments.
    T_V_SEGMENTS: "segmenten", "segments";
    /// `restock validate`: the number of transformations.
    T_V_TRANSFORMATIONS: "transformaties", "transformations";
    /// `restock validate`: the base year.
    T_V_BASE_YEAR: "basisjaar", "base year";
    /// `restock validate`: the plan periods.
    T_V_PERIODS: "perioden", "periods";
    /// `restock validate`: the households variant.
    T_V_VARIANT: "variant", "variant";
    /// `restock validate`: total or segment mode.
    T_V_MODE: "modus", "mode";
    /// `restock validate`: whether unspent money stays available later.
    T_V_CARRY_OVER: "overheveling", "carry-over";
    /// `restock validate`: the funders.
    T_V_FUNDERS: "financiers", "funders";
    /// `restock validate`: the common funder "" in the list of funders.
    T_V_COMMON_FUNDER: "\"\" (gemeenschappelijk)", "\"\" (common)";
    /// `restock validate`: the number of funding rules (one).
    T_V_FUNDING_RULE: "{} financieringsregel", "{} funding rule";
    /// `restock validate`: the number of funding rules (not one).
    T_V_FUNDING_RULES: "{} financieringsregels", "{} funding rules";
    /// `restock validate`: the warnings.
    T_V_WARNINGS: "waarschuwingen", "warnings";
    /// `restock validate`: no warnings.
    T_V_NONE: "geen", "none";
    /// `restock validate`: the number of warnings, printed on stderr just before.
    T_V_LISTED_ABOVE: "{} (hierboven)", "{} (listed above)";
    /// The terminal's line above a robust plan's table: variants, criterion, commit periods.
    T_ROBUST_INTRO:
        "Robuust plan over {} varianten, criterium {}: de eerste {} periode(s) zijn één besluit \
         voor elke variant (commitment.csv).",
        "Robust plan over {} variants, criterion {}: the first {} period(s) are one \
         commitment for every variant (commitment.csv).";
    /// The terminal's line under a robust plan's table: E, worst regret, EVPI.
    T_ROBUST_FOOT:
        "Verwachte mismatch {}, grootste spijt {}, waarde van het kennen van de toekomst (EVPI) \
         {} gewogen woningjaren.",
        "Expected mismatch {}, worst regret {}, value of knowing the future (EVPI) {} weighted \
         dwelling-years.";
    /// The terminal's line about a robust scenario in a comparison.
    T_COMPARE_ROBUST:
        "Robuust scenario {} ({} varianten, criterium {}): de mismatch is de verwachte mismatch \
         E {}, de bruto kosten de verwachte {}; grootste spijt {}, EVPI {} gewogen woningjaren.",
        "Robust scenario {} ({} variants, criterion {}): its mismatch is the expected mismatch \
         E {}, its gross cost the expected {}; worst regret {}, EVPI {} weighted dwelling-years.";
    /// The terminal's line under a comparison.
    T_COMPARE_FOOT:
        "Mismatch in gewogen woningjaren (zonder ingrijpen en met plan). Per regio: \
         comparison.csv; wat verschilt: input_diff.md.",
        "Mismatch in weighted dwelling-years (do-nothing vs plan). Per region: comparison.csv; \
         what differs: input_diff.md.";
    /// The terminal's knee sentence: setting, value, removal before and after.
    T_KNEE:
        "Knik bij {} {}: tot daar haalt één miljoen gemiddeld {} gewogen woningjaren mismatch \
         weg, daarna {}.",
        "Knee at {} {}: up to it one million removes {} weighted dwelling-years of mismatch on \
         average, beyond it {}.";
    /// The terminal's note when a grid stops short: to, from, last value.
    T_GRID_SHORT:
        "Let op: {} ligt geen geheel aantal stappen van {}; het rooster stopt bij {}.",
        "Note: {} is not a whole number of steps from {}; the grid stops at {}.";
    /// The terminal's note on a sweep of a robust case.
    T_SWEEP_ROBUST:
        "Robuuste case: de mismatch van elk punt is de verwachte mismatch E over de varianten, \
         de andere cijfers de gewogen gemiddelden over de varianten.",
        "Robust case: every point's mismatch is the expected mismatch E over the variants, its \
         other figures the weighted means over the variants.";

    /// The sweep chart's note when factor 0 still lowers the mismatch: what is spent.
    SWEEP_FUNDED_BY_SALES:
        "Ook zonder budget (factor 0) daalt de mismatch: de opbrengst van verkoop betaalt dan {} aan ingrepen.",
        "Even without budget (factor 0) the mismatch falls: the proceeds of sales pay for {} of actions.";
    /// The sweep's mark of the current setting: its value.
    SWEEP_CURRENT_AT: "nu: {}", "now: {}";
    /// The legend entry of the current setting.
    SWEEP_CURRENT: "huidige waarde", "current setting";
    /// After the point number of the current setting in the sweep table.
    SWEEP_CURRENT_ROW: "huidig", "current";
    /// The sweep page's note when factor 0 still lowers the mismatch: the mismatch at 0,
    /// without action, and what the plan spends there.
    SWEEP_FUNDED_BY_SALES_PAGE:
        "Ook zonder budget (budgetfactor 0) is de mismatch lager dan zonder ingrijpen ({} tegen \
         {}): het plan verkoopt sociale huurwoningen en betaalt met de opbrengst ({}) sloop en \
         andere ingrepen. De curve begint daarom onder de lijn ‘zonder ingrijpen’.",
        "Even without budget (budget factor 0) the mismatch is lower than without action ({} \
         against {}): the plan sells social-rent dwellings and pays for demolition and other \
         actions with the proceeds ({}). The curve therefore starts below the do-nothing line.";
    /// The sweep page's rule for the knee.
    SWEEP_KNEE_RULE:
        "Een knik staat er alleen waar de curve echt buigt: tot de knik haalt één miljoen \
         gemiddeld minstens twee keer zoveel mismatch weg als daarna.",
        "A knee is shown only where the curve really bends: up to the knee one million removes \
         on average at least twice as much mismatch as beyond it.";

    /// The collapsed section of a page with the solver, the run and the hashes.
    TECHNICAL_DETAILS: "Technische gegevens", "Technical details";
    /// The case's README.md inside the technical details of a Dutch page.
    README_FOR_ENGINEERS:
        "Technische beschrijving van de case (README.md, in het Engels)",
        "Technical description of the case (README.md)";
    /// The note above a case's LEESMIJ.md.
    THE_DESCRIPTION_OF_THE_CASE_LEESMIJ:
        "De samenvatting van de case (LEESMIJ.md in de case-map): waar de cijfers vandaan komen \
         en welke aannames erin zitten.",
        "The summary of the case (LEESMIJ.md in the case folder).";

    /// The default title of a plan: the regions (or their number).
    DEFAULT_TITLE:
        "Woningvoorraad en huishoudens: plan voor {}",
        "Housing stock and households: plan for {}";
    /// The regions of a default title when there are more than three.
    N_REGIONS_M_MUNICIPALITIES: "{} regio's ({} gemeenten)", "{} regions ({} municipalities)";
    /// The default subtitle of a plan: first and last year.
    DEFAULT_SUBTITLE:
        "Sloop, transformatie en nieuwbouw van de woningvoorraad, {}–{}",
        "Demolition, transformation and new build of the housing stock, {}–{}";

    /// The charts section of a page.
    CHARTS: "Grafieken", "Charts";

    /// Chart 1's title: base year, last year.
    STOCK_DEMAND_TITLE:
        "Woningvoorraad en vraag per regio, {}–{}",
        "Housing stock and demand per region, {}–{}";
    /// Chart 2's title: first and last year.
    ACTIONS_TITLE:
        "Sloop, transformatie, verkoop en nieuwbouw per gemeente, {}–{}",
        "Demolition, transformation, sales and new build per municipality, {}–{}";
    /// Chart 3's title: the last milestone.
    VACANCY_TITLE:
        "Structurele leegstand per gemeente in {}",
        "Structural vacancy per municipality in {}";
    /// Chart 4's title: first and last year.
    BUDGET_TITLE:
        "Budget en uitgaven per regio en periode, {}–{}",
        "Budget and spending per region and period, {}–{}";
    /// Chart 5's title: base year, last year.
    SEGMENT_MIX_TITLE:
        "Samenstelling van de voorraad per regio, {}–{}",
        "Stock by segment per region, {}–{}";
    /// Chart 6's title: first and last year.
    MAP_TITLE:
        "Sloop per gemeente (zonder verkoop en transformatie), {}–{}",
        "Demolition per municipality (without sales and transformations), {}–{}";
    /// The sweep chart's title over a budget: the name of the case or scenario.
    SWEEP_BUDGET_TITLE: "Mismatch tegen budget — {}", "Mismatch against budget — {}";
    /// The sweep chart's title over the frictional vacancy: the name.
    SWEEP_FRICTION_TITLE:
        "Mismatch tegen frictieleegstand — {}",
        "Mismatch against frictional vacancy — {}";
    /// The mismatch chart of a comparison.
    MISMATCH_PER_REGION_TITLE:
        "Mismatch per regio: scenario's naast elkaar",
        "Mismatch per region: scenarios side by side";
    /// The stock chart of a comparison.
    TRAJECTORIES_TITLE:
        "Woningvoorraad en vraag per scenario, alle regio's samen",
        "Housing stock and demand per scenario, all regions together";
    /// "top 10 of 40 municipalities" after a ranked chart's subtitle: shown, total.
    TOP_OF_MUNICIPALITIES: " (top {} van {} gemeenten)", " (top {} of {} municipalities)";
}

/// "ja"/"nee" or "yes"/"no" for `b`.
pub fn yes_no(lang: Lang, b: bool) -> &'static str {
    if b {
        YES.pick(lang)
    } else {
        NO.pick(lang)
    }
}

labels! {
    /// The facts of a case on the plan page: municipalities, regions, their names,
    /// segments, dwellings, households, base year, first and last year, periods, variant.
    CASE_FACTS:
        "{} gemeenten in {} regio's ({}), {} segmenten; {} woningen en {} huishoudens in \
         het basisjaar {}. Het plan loopt van {} tot en met {} in {} perioden, \
         met huishoudensvariant <code>{}</code>.",
        "{} municipalities in {} regions ({}), {} segments; {} dwellings and {} \
         households in the base year {}. The plan runs from {} to {} in {} \
         periods, with households variant <code>{}</code>.";

    // Column headers of the output tables (workbook and page).

    /// Plan column: demolition.
    DEMOLISH_COL: "Sloop", "Demolish";
    /// Plan column: new build.
    NEW_BUILD_COL: "Nieuwbouw", "New build";
    /// Plan column: transformed out.
    TRANSFORM_OUT_COL: "Transformatie uit", "Transformed out";
    /// Plan column: transformed in.
    TRANSFORM_IN_COL: "Transformatie in", "Transformed in";
    /// Plan column: the stock at the end of the period.
    STOCK_END_COL: "Voorraad eind", "Stock at end";
    /// Transformation column: dwellings in.
    DWELLINGS_IN: "Woningen in", "Dwellings in";
    /// Transformation column: dwellings out.
    DWELLINGS_OUT: "Woningen uit", "Dwellings out";
    /// Transformation column: cost, in the workbook.
    COST_EUR_COL: "Kosten (€)", "Cost (€)";
    /// Transformation column: cost, on the page.
    COST_COL: "Kosten", "Cost";
    /// Balance column: households.
    HOUSEHOLDS_COL: "Huishoudens", "Households";
    /// Balance column: demand.
    DEMAND_COL: "Vraag", "Demand";
    /// Balance column: stock if nothing is done.
    STOCK_DO_NOTHING_COL: "Voorraad zonder ingrijpen", "Stock, do nothing";
    /// Balance column: stock with the plan.
    STOCK_PLAN_COL: "Voorraad met plan", "Stock, plan";
    /// Balance column: surplus if nothing is done.
    SURPLUS_DO_NOTHING_COL: "Overschot zonder ingrijpen", "Surplus, do nothing";
    /// Balance column: surplus with the plan.
    SURPLUS_PLAN_COL: "Overschot met plan", "Surplus, plan";
    /// Balance column: shortage if nothing is done.
    SHORTAGE_DO_NOTHING_COL: "Tekort zonder ingrijpen", "Shortage, do nothing";
    /// Balance column: shortage with the plan.
    SHORTAGE_PLAN_COL: "Tekort met plan", "Shortage, plan";
    /// A page column under a group heading: if nothing is done.
    DO_NOTHING_COL: "zonder ingrijpen", "do nothing";
    /// A page column under a group heading: with the plan.
    WITH_PLAN_COL: "met plan", "plan";
    /// Budget.
    BUDGET: "Budget", "Budget";
    /// Budget column in the workbook.
    BUDGET_EUR_COL: "Budget (€)", "Budget (€)";
    /// Budget column: spent, in the workbook.
    SPENT_EUR_COL: "Uitgegeven (€)", "Spent (€)";
    /// Budget column: spent, on the page.
    SPENT_COL: "Uitgegeven", "Spent";
    /// Funding column (v2): paid by a funder, in the workbook.
    PAID_EUR_COL: "Betaald (€)", "Paid (€)";
    /// Funding column (v2): paid by a funder, on the page.
    PAID_COL: "Betaald", "Paid";
    /// Funding column (v2): sale proceeds received by a funder, in the workbook.
    RECEIVED_EUR_COL: "Ontvangen (€)", "Received (€)";
    /// Funding column (v2): sale proceeds received by a funder, on the page.
    RECEIVED_COL: "Ontvangen", "Received";
    /// Budget column: the shadow price, in the workbook.
    SHADOW_PRICE_SHEET_COL:
        "Schaduwprijs (woningjaren per € 1 mln)",
        "Shadow price (dwelling-years per €1 M)";
    /// Budget column: the shadow price, on the page.
    SHADOW_PRICE_PAGE_COL:
        "Schaduwprijs (woningjaren per mln €)",
        "Shadow price (dwelling-years per €1 M)";
    /// A municipality's code.
    CODE: "Code", "Code";
    /// Municipality.
    MUNICIPALITY: "Gemeente", "Municipality";
    /// Region.
    REGION: "Regio", "Region";
    /// The first year of a period.
    PERIOD_START: "Begin periode", "Period start";
    /// The last year of a period.
    PERIOD_END: "Eind periode", "Period end";
    /// Period.
    PERIOD: "Periode", "Period";
    /// Year.
    YEAR: "Jaar", "Year";
    /// Transformation.
    TRANSFORMATION: "Transformatie", "Transformation";
    /// Transformations.
    TRANSFORMATIONS: "Transformaties", "Transformations";
    /// A transformation's segment before.
    FROM_SEGMENT: "Van segment", "From segment";
    /// A transformation's segment after.
    TO_SEGMENT: "Naar segment", "To segment";
    /// The total row of a table.
    TOTAL: "totaal", "total";

    // Every other word and sentence of the charts and pages.

    DEMOLITION: "sloop", "demolition";

    /// “sale”: dwellings sold (a transformation that brings in money), apart from demolition.
    SALE: "verkoop", "sale";
    TRANSFORMATION_DWELLINGS_IN: "transformatie (woningen in)", "transformation (dwellings in)";

    NEW_BUILD: "nieuwbouw", "new build";

    DWELLINGS: "woningen", "dwellings";

    BUDGET_LOWER: "budget", "budget";

    SPENT_NET: "uitgegeven (netto)", "spent (net)";

    SHADOW_PRICE_WEIGHTED_DWELLING_YEARS_LESS:
        "schaduwprijs: gewogen woningjaren minder mismatch per € 1 mln extra",
        "shadow price: weighted dwelling-years less mismatch per extra €1 M";

    WEIGHTED_DWELLING_YEARS_OF_SURPLUS_AND:
        "Gewogen woningjaren overschot en tekort over de hele planperiode.",
        "Weighted dwelling-years of surplus and shortage over the whole plan.";

    /// “Filled bar: with the plan; open bar: if nothing is done (under that scenario's assumpti…”
    FILLED_BAR_WITH_THE_PLAN_OPEN:
        "Gevulde balk: met het plan; open balk: zonder ingrijpen (bij de aannames van \
         dat scenario).",
        "Filled bar: with the plan; open bar: if nothing is done (under that scenario's \
         assumptions).";

    AFTER_EACH_BAR_THE_MISMATCH_WITH:
        "Achter elke balk: de mismatch met plan en de verandering ten opzichte van niets doen.",
        "After each bar: the mismatch with the plan and the change against doing nothing.";

    DWELLINGS_ALL_MUNICIPALITIES_TOGETHER_DEMAND_HOUSEHOLDS:
        "Woningen, alle gemeenten samen. Vraag = huishoudens × (1 + frictieleegstand);",
        "Dwellings, all municipalities together. Demand = households × (1 + frictional \
         vacancy);";

    /// The calibration of demand to observed vacancy (spec v2, κ), in one sentence; `{}` is
    /// the base year of the CBS count.
    DEMAND_CALIBRATED_TO_VACANCY:
        "Vraag gekalibreerd op de leegstand die CBS in {} telde: per gemeente telt een \
         huishouden voor het aantal bewoonde woningen per huishouden van dat jaar, zodat \
         de leegstand in het basisjaar de gemeten leegstand is.",
        "Demand calibrated to the vacancy CBS counted in {}: in each municipality a \
         household counts for the occupied dwellings per household of that year, so that \
         vacancy in the base year is the vacancy measured.";

    /// The stock-and-demand chart's subtitle when demand is calibrated to observed vacancy:
    /// the frictional vacancy and the base year.
    CHART_DEMAND_CALIBRATED:
        "Woningen. Vraag = huishoudens × (1 + {} frictieleegstand), gekalibreerd op de \
         leegstand die CBS in {} telde.",
        "Dwellings. Demand = households × (1 + {} frictional vacancy), calibrated to the \
         vacancy CBS counted in {}.";

    STOCK_ABOVE_DEMAND_STANDS_EMPTY_FOR:
        "wat de voorraad boven de vraag uitkomt, staat structureel leeg.",
        "stock above demand stands empty for good.";

    WITH_THE_PLAN: "met plan", "with the plan";

    DEMAND: "vraag", "demand";

    STOCK_IF_NOTHING_IS_DONE: "voorraad zonder ingrijpen", "stock if nothing is done";

    PERCENT_SIGN: " %", "%";

    /// The map legend's head: “Demolition,” (demolition alone).
    DEMOLITION_TRANSFORMATION: "Sloop,", "Demolition,";

    OUTSIDE_THE_CASE: "buiten de case", "outside the case";

    IN_BOUNDARIES_GEOJSON: "in boundaries.geojson", "in boundaries.geojson";

    STOCK_WITH_THE_PLAN: "voorraad met plan", "stock with the plan";

    /// “Mismatch (weighted dwelling-years) with the plan at each budget: the budget of all regi…”
    MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE:
        "Mismatch (gewogen woningjaren) met het plan bij elk budget: het budget van alle \
         regio's en perioden samen, in miljoen euro.",
        "Mismatch (weighted dwelling-years) with the plan at each budget: the budget of \
         all regions and periods together, in million euros.";

    /// “Mismatch (weighted dwelling-years) with the plan and if nothing is done at each frictio…”
    MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE_2:
        "Mismatch (gewogen woningjaren) met het plan en zonder ingrijpen bij elke \
         frictieleegstand.",
        "Mismatch (weighted dwelling-years) with the plan and if nothing is done at each \
         frictional vacancy.";

    /// “Knee: beyond this point each extra million removes less mismatch than the average milli…”
    KNEE_BEYOND_THIS_POINT_EACH_EXTRA:
        "Knik: voorbij dit punt haalt elk extra miljoen minder mismatch weg dan \
         gemiddeld over het hele bereik.",
        "Knee: beyond this point each extra million removes less mismatch than the \
         average million over the whole range.";

    BUDGET_M: "budget (€ mln)", "budget (€ M)";

    FRICTIONAL_VACANCY: "frictieleegstand", "frictional vacancy";

    MISMATCH: "mismatch", "mismatch";

    MISMATCH_WITH_THE_PLAN: "mismatch met plan", "mismatch with the plan";

    MISMATCH_IF_NOTHING_IS_DONE: "mismatch zonder ingrijpen", "mismatch if nothing is done";

    KNEE: "knik", "knee";

    IF_NOTHING_IS_DONE: "zonder ingrijpen", "if nothing is done";

    COMPARISON_OF_SCENARIOS: "Vergelijking van scenario's", "Comparison of scenarios";

    /// “The same question under different assumptions: what the plan achieves, what it costs an…”
    THE_SAME_QUESTION_UNDER_DIFFERENT_ASSUMPTIONS:
        "Dezelfde vraag onder verschillende aannames: wat het plan bereikt, wat het kost en \
         wat er anders is aan de invoer.",
        "The same question under different assumptions: what the plan achieves, what it \
         costs and what differs in the inputs.";

    NOTE_THE_SOLVER_STOPPED_AT_THE:
        "Let op: de oplosser stopte op de tijdslimiet; deze plannen zijn niet bewezen \
         optimaal:",
        "Note: the solver stopped at the time limit; these plans are not proven optimal:";

    SCENARIO: "Scenario", "Scenario";

    FILE: "Bestand", "File";

    BASE_CASE: "Basiscase", "Base case";

    HOUSEHOLDS_VARIANT: "Huishoudensvariant", "Households variant";

    DESCRIPTION: "Omschrijving", "Description";

    OWN_REPORT: "Eigen rapport", "Own report";

    /// “The first scenario is the reference of the input differences. Every scenario also has i…”
    THE_FIRST_SCENARIO_IS_THE_REFERENCE:
        "Het eerste scenario is de referentie van de invoerverschillen. Elk scenario heeft \
         ook een volledig eigen plan (tabellen, grafieken, rapport) in de map ernaast.",
        "The first scenario is the reference of the input differences. Every scenario also \
         has its complete own plan (tables, charts, report) in the folder beside it.";

    SCENARIOS: "Scenario's", "Scenarios";

    MISMATCH_IF_NOTHING_IS_DONE_2: "Mismatch zonder ingrijpen", "Mismatch if nothing is done";

    MISMATCH_WITH_THE_PLAN_2: "Mismatch met plan", "Mismatch with the plan";

    CHANGE: "Verandering", "Change";

    DEMOLISHED: "Gesloopt", "Demolished";

    TRANSFORMED: "Getransformeerd", "Transformed";

    BUILT: "Nieuwbouw", "Built";

    GROSS_COST: "Bruto kosten", "Gross cost";

    NET_COST: "Netto kosten", "Net cost";

    BUDGET_USED: "Budget benut", "Budget used";

    /// “Mismatch: structural surplus and shortage against demand, in weighted dwelling-years ov…”
    MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST:
        "Mismatch: structureel overschot en tekort ten opzichte van de vraag, in gewogen \
         woningjaren over de hele planperiode. Netto kosten: verkoop telt negatief; dat \
         bedrag telt voor het budget.",
        "Mismatch: structural surplus and shortage against demand, in weighted \
         dwelling-years over the whole plan. Net cost: sales count negative; that amount is \
         what the budget sees.";

    KEY_FIGURES_PER_SCENARIO: "Kerncijfers per scenario", "Key figures per scenario";

    PER_SCENARIO_AND_REGION: "Per scenario en regio", "Per scenario and region";

    THE_SAME_FIGURES_ARE_IN_COMPARISON:
        "Dezelfde cijfers staan in comparison.csv (regio * = totaal).",
        "The same figures are in comparison.csv (region * = total).";

    INPUTS: "invoer", "inputs";

    PLAN_FOR_DEMOLITION_TRANSFORMATION_AND_NEW:
        "Plan voor sloop, transformatie en nieuwbouw van de woningvoorraad",
        "Plan for demolition, transformation and new build of the housing stock";

    OPTIMAL: "optimaal", "optimal";

    TIME_LIMIT_REACHED_NOT_PROVEN_OPTIMAL:
        "tijdslimiet bereikt (niet bewezen optimaal)",
        "time limit reached (not proven optimal)";

    YES: "ja", "yes";

    NO: "nee", "no";

    NOTE_THE_SOLVER_STOPPED_AT_THE_2:
        "Let op: de oplosser stopte op de tijdslimiet. Dit plan is uitvoerbaar, \
         maar niet bewezen optimaal.",
        "Note: the solver stopped at the time limit. This plan is feasible, but \
         not proven optimal.";

    SOURCES_AND_ASSUMPTIONS_OF_THE_CASE:
        "Bronnen en aannames van de case: zie <a href=\"#bron\">Bron en aannames</a>.",
        "Sources and assumptions of the case: see <a href=\"#bron\">Sources and \
         assumptions</a>.";

    THE_CASE_FOLDER_HAS_NO_README:
        "De case-map heeft geen README.md: er is geen beschrijving van bronnen en \
         aannames.",
        "The case folder has no README.md: there is no description of sources and \
         assumptions.";

    THE_CASE: "De case", "The case";

    DO_NOTHING: "Zonder ingrijpen", "Do nothing";

    WITH_PLAN: "Met plan", "With plan";

    DIFFERENCE: "Verschil", "Change";

    MISMATCH_WEIGHTED_DWELLING_YEARS:
        "Mismatch (gewogen woningjaren)",
        "Mismatch (weighted dwelling-years)";

    NET_COST_SALES_COUNT_NEGATIVE:
        "Netto kosten (verkoop telt negatief)",
        "Net cost (sales count negative)";

    BUDGET_ALL_REGIONS_AND_PERIODS:
        "Budget, alle regio's en perioden",
        "Budget, all regions and periods";

    DWELLINGS_DEMOLISHED: "Woningen gesloopt", "Dwellings demolished";

    DWELLINGS_TRANSFORMED_INPUT:
        "Woningen getransformeerd (invoer)",
        "Dwellings transformed (input)";

    DWELLINGS_BUILT: "Woningen nieuw gebouwd", "Dwellings built";

    KEY_FIGURES: "Kerncijfers", "Key figures";

    /// “Mismatch: structural surplus and shortage against demand, weighted and summed over the …”
    MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST_2:
        "Mismatch: structureel overschot en tekort ten opzichte van de vraag, gewogen \
         en opgeteld over de jaren van het plan.",
        "Mismatch: structural surplus and shortage against demand, weighted and \
         summed over the years of the plan.";

    MISMATCH_DO_NOTHING: "Mismatch zonder ingrijpen", "Mismatch, do nothing";

    MISMATCH_PLAN: "Mismatch met plan", "Mismatch, plan";

    PER_REGION: "Per regio", "Per region";

    /// “Shadow price: how many weighted dwelling-years of mismatch one more million euros of bu…”
    SHADOW_PRICE_HOW_MANY_WEIGHTED_DWELLING:
        "Schaduwprijs: hoeveel gewogen woningjaren mismatch één miljoen euro extra \
         budget in die regio en periode zou wegnemen.",
        "Shadow price: how many weighted dwelling-years of mismatch one more million \
         euros of budget in that region and period would remove.";

    BUDGET_PER_REGION_AND_PERIOD: "Budget per regio en periode", "Budget per region and period";

    PLAN_PER_MUNICIPALITY_SEGMENT_AND_PERIOD:
        "Plan per gemeente, segment en periode",
        "Plan per municipality, segment and period";

    THE_PLAN_TRANSFORMS_NO_DWELLINGS:
        "Het plan transformeert geen woningen.",
        "The plan transforms no dwellings.";

    ONLY_ROWS_WITH_TRANSFORMATIONS_A_NEGATIVE:
        "Alleen rijen met transformaties; een negatieve kostenpost is een opbrengst.",
        "Only rows with transformations; a negative cost is revenue.";

    STOCK: "Voorraad", "Stock";

    SURPLUS: "Overschot", "Surplus";

    SHORTAGE: "Tekort", "Shortage";

    /// “Demand: households plus frictional vacancy. Surplus and shortage: stock above or below …”
    DEMAND_HOUSEHOLDS_PLUS_FRICTIONAL_VACANCY_SURPLUS:
        "Vraag: huishoudens plus frictieleegstand. Overschot en tekort: voorraad boven \
         of onder de vraag.",
        "Demand: households plus frictional vacancy. Surplus and shortage: stock above \
         or below demand.";

    BALANCE_OF_STOCK_AND_DEMAND: "Balans van voorraad en vraag", "Balance of stock and demand";

    THE_DESCRIPTION_OF_THE_CASE_README:
        "De beschrijving van de case (README.md in de case-map), zoals die is \
         meegeleverd.",
        "The description of the case (README.md in the case folder), as shipped.";

    SOURCES_AND_ASSUMPTIONS: "Bron en aannames", "Sources and assumptions";

    ABOVE: "boven", "above";

    TOTAL_DEMAND_PER_MUNICIPALITY: "totaal (vraag per gemeente)", "total (demand per municipality)";

    PER_SEGMENT_DEMAND_PER_MUNICIPALITY_AND:
        "per segment (vraag per gemeente en segment)",
        "per segment (demand per municipality and segment)";

    SETTING: "Instelling", "Setting";

    VALUE: "Waarde", "Value";

    MODE: "Modus", "Mode";

    BASE_YEAR: "Basisjaar", "Base year";

    MILESTONES: "Mijlpalen", "Milestones";

    FRICTIONAL_VACANCY_2: "Frictieleegstand", "Frictional vacancy";

    MAX_DEMOLITION_AND_TRANSFORMATION_PER_YEAR:
        "Max. sloop en transformatie per jaar (van de voorraad)",
        "Max. demolition and transformation per year (of the stock)";

    MAX_NEW_BUILD_PER_YEAR_OF:
        "Max. nieuwbouw per jaar (van de voorraad)",
        "Max. new build per year (of the stock)";

    SURPLUS_WEIGHT: "Gewicht overschot", "Surplus weight";

    SURPLUS_TIERS_OF_DEMAND: "Schijven overschot (van de vraag)", "Surplus tiers (of demand)";

    SHORTAGE_WEIGHT: "Gewicht tekort", "Shortage weight";

    CARRY_UNSPENT_BUDGET_TO_LATER_PERIODS:
        "Budget overhevelen naar latere perioden",
        "Carry unspent budget to later periods";

    SETTINGS: "Instellingen", "Settings";

    SOLVER: "Oplosser", "Solver";

    WHOLE_DWELLINGS_MIP: "Gehele aantallen (MIP)", "Whole dwellings (MIP)";

    MIP_GAP_REACHED: "Bereikte MIP-gap", "MIP gap reached";

    STAGE_1_OPTIMUM_MISMATCH_WEIGHTED_DWELLING:
        "Optimum stap 1 (mismatch, gewogen woningjaren)",
        "Stage 1 optimum (mismatch, weighted dwelling-years)";

    MUNICIPALITIES_REGIONS_SEGMENTS:
        "Gemeenten, regio's, segmenten",
        "Municipalities, regions, segments";

    INPUTS_SHA_256: "Invoer (SHA-256)", "Inputs (SHA-256)";

    /// “The mismatch was minimised first, then the gross cost at that mismatch. The timings are…”
    THE_MISMATCH_WAS_MINIMISED_FIRST_THEN:
        "Eerst is de mismatch geminimaliseerd, daarna bij die mismatch de bruto kosten. \
         De rekentijden staan in summary.json.",
        "The mismatch was minimised first, then the gross cost at that mismatch. The \
         timings are in summary.json.";

    SOLVER_AND_RUN: "Oplosser en berekening", "Solver and run";

    WARNINGS_WHILE_READING: "Waarschuwingen bij het inlezen", "Warnings while reading";

    INPUT_DIFFERENCES_BETWEEN_THE_SCENARIOS:
        "Verschillen in de invoer tussen de scenario's",
        "Input differences between the scenarios";

    REFERENCE: "Referentie:", "Reference:";

    BASE_CASE_2: "basiscase", "base case";

    HOUSEHOLDS_VARIANT_2: "huishoudensvariant", "households variant";

    NO_INPUT_DIFFERS_FROM_THE_REFERENCE:
        "Geen verschil in de invoer met de referentie.",
        "No input differs from the reference.";

    COMPARED_WITH: "Ten opzichte van", "Compared with";

    THE_SAME_LIST_IS_IN_INPUT:
        "Dezelfde lijst staat in input_diff.md.",
        "The same list is in input_diff.md.";

    INPUT_DIFFERENCES: "Verschillen in de invoer", "Input differences";

    NO_MAP_NO_MUNICIPALITY_OF_THE:
        "Geen kaart: geen enkele gemeente van de case staat in \
         boundaries.geojson.",
        "No map: no municipality of the case is in boundaries.geojson.";

    BUDGET_FACTOR: "budgetfactor", "budget factor";

    THE_SAME_PLAN_SOLVED_AT_EVERY:
        "Hetzelfde plan opgelost bij elke waarde van één instelling.",
        "The same plan solved at every value of one setting.";

    VARIED: "gevarieerd", "varied";

    POINT: "Punt", "Point";

    BUDGET_FACTOR_2: "Budgetfactor", "Budget factor";

    SHADOW_PRICE_PER_1_M: "Schaduwprijs per mln €", "Shadow price per €1 M";

    LESS_MISMATCH_PER_EXTRA_1_M: "Minder mismatch per extra mln €", "Less mismatch per extra €1 M";

    /// “Shadow price: the mismatch one more million, spread like the budget, would remove (the …”
    SHADOW_PRICE_THE_MISMATCH_ONE_MORE:
        "Schaduwprijs: hoeveel mismatch één miljoen extra, verdeeld zoals het budget, zou \
         wegnemen (het naar budget gewogen gemiddelde van de schaduwprijzen per regio en \
         periode). Minder mismatch per extra mln €: gemeten tussen dit punt en het vorige. \
         Dezelfde cijfers staan in sweep.csv.",
        "Shadow price: the mismatch one more million, spread like the budget, would remove \
         (the budget-weighted mean of the shadow prices per region and period). Less \
         mismatch per extra €1 M: measured between this point and the previous one. The \
         same figures are in sweep.csv.";

    WHAT_WAS_VARIED: "Wat is gevarieerd", "What was varied";

    EVERY_POINT: "Alle punten", "Every point";

    HOUSING_STOCK_AND_DEMAND_ALL_MUNICIPALITIES:
        "Woningvoorraad en vraag, alle gemeenten",
        "Housing stock and demand, all municipalities";

    YEAR_2: "jaar", "year";

    MISMATCH_DO_NOTHING_WEIGHTED_DWELLING_YEARS:
        "Mismatch zonder ingrijpen (gewogen woningjaren)",
        "Mismatch, do nothing (weighted dwelling-years)";

    MISMATCH_PLAN_WEIGHTED_DWELLING_YEARS:
        "Mismatch met plan (gewogen woningjaren)",
        "Mismatch, plan (weighted dwelling-years)";

    BUDGET_AND_SPENDING_PER_REGION_WHOLE:
        "Budget en uitgaven per regio, hele planperiode",
        "Budget and spending per region, whole plan";

    ONLY_IN_THE_REFERENCE: "alleen in de referentie", "only in the reference";

    ONLY_IN_THIS_SCENARIO: "alleen in dit scenario", "only in this scenario";

    NONE: "geen", "none";

    FILES_THAT_DIFFER_SHA_256: "andere bestanden (SHA-256)", "files that differ (SHA-256)";

    IDENTICAL: "gelijk", "identical";

    WEIGHT_OF_SURPLUS: "Gewicht overschot", "Weight of surplus";

    SURPLUS_TIERS: "Schijven overschot", "Surplus tiers";

    WEIGHT_OF_SHORTAGE: "Gewicht tekort", "Weight of shortage";

    BUDGET_CARRIED_OVER_TO_LATER_PERIODS:
        "Budget overhevelen naar latere perioden",
        "Budget carried over to later periods";

    LOWER: "lager", "lower";

    HIGHER: "hoger", "higher";

    // Every other word and sentence of the charts and pages.

    DWELLINGS_OVER_THE_WHOLE_PLAN_HORIZON:
        "Woningen over de hele planperiode, grootste opgave bovenaan",
        "Dwellings over the whole plan horizon, biggest task first";

    /// “Million euros per plan period (labelled by its last year); spending is net: sales count…”
    MILLION_EUROS_PER_PLAN_PERIOD_LABELLED:
        "Miljoen euro per planperiode (aangeduid met het laatste jaar); \
         uitgaven netto: verkoop telt negatief.",
        "Million euros per plan period (labelled by its last year); \
         spending is net: sales count negative.";

    /// “Share of each segment in the stock with the plan; in the bands: share in the base year …”
    SHARE_OF_EACH_SEGMENT_IN_THE:
        "Aandeel van elk segment in de voorraad met plan; in de banden: \
         aandeel in het basisjaar → aan het eind.",
        "Share of each segment in the stock with the plan; in the bands: \
         share in the base year → at the end.";

    /// Chart 3's first subtitle line; `{}` is the frictional vacancy.
    VACANCY_SUBTITLE:
        "Woningen boven de vraag (huishoudens + {} frictieleegstand), als aandeel van de voorraad.",
        "Dwellings above demand (households + {} frictional vacancy), as a share of the stock.";

    HIGHEST_VACANCY_IF_NOTHING_IS_DONE:
        "Hoogste leegstand zonder ingrijpen bovenaan",
        "Highest vacancy if nothing is done first";

    NO_MAP_THE_CASE_FOLDER_HAS:
        "Geen kaart: de case-map heeft geen boundaries.geojson met de \
         gemeentegrenzen.",
        "No map: the case folder has no boundaries.geojson with the municipal \
         boundaries.";

    /// “No knee: the curve is (almost) straight or does not fall over this range, or there are …”
    NO_KNEE_THE_CURVE_IS_ALMOST:
        "Geen knik: de curve is (bijna) recht of daalt niet over dit bereik, of er \
         zijn minder dan drie punten.",
        "No knee: the curve is (almost) straight or does not fall over this range, \
         or there are fewer than three points.";

    // Funders (spec v2 §5): the chart, the "who pays what" section and sheet.

    /// Chart 7's title: first and last year.
    FUNDERS_TITLE:
        "Wie betaalt wat: betalingen per financier, regio en periode, {}–{}",
        "Who pays what: payments per funder, region and period, {}–{}";
    /// Chart 7's subtitle.
    FUNDERS_SUBTITLE:
        "miljoen euro per planperiode; balk = betaald, streep = budget (verkopen en \
         overgehouden geld komen erbij)",
        "million euros per plan period; bar = paid, stripe = budget (sale proceeds and \
         unspent money come on top)";
    /// Chart 7's legend entry of the budget stripe.
    FUNDER_BUDGET_MARK: "budget van de financier", "the funder's budget";
    /// The common funder "" of a case that names funders only in part.
    COMMON_FUNDER: "gemeenschappelijk", "common";
    /// Where one more million helps most: funder, region, period, weighted dwelling-years.
    FUNDER_NEXT_MILLION:
        "Nog € 1 mln bij {} in {} ({}) vermindert de mismatch met {} gewogen woningjaren",
        "€1 M more for {} in {} ({}) reduces the mismatch by {} weighted dwelling-years";
    /// No funder's budget binds in a region.
    FUNDER_NOT_BINDING:
        "In {} knelt het budget van geen enkele financier: meer geld vermindert de mismatch niet",
        "In {} no funder's budget binds: more money does not reduce the mismatch";
    /// The section and sheet title.
    WHO_PAYS_WHAT: "Wie betaalt wat", "Who pays what";
    /// Column: the funder.
    FUNDER_COL: "Financier", "Funder";
    /// Column: the funder's budget over the plan.
    FUNDER_BUDGET_COL: "Budget", "Budget";
    /// Column: the funder's budget, in the workbook.
    FUNDER_BUDGET_EUR_COL: "Budget (€)", "Budget (€)";
    /// Column: paid minus received, in the workbook.
    NET_PAID_EUR_COL: "Netto betaald (€)", "Net paid (€)";
    /// Column: paid minus received, on the page.
    NET_PAID_COL: "Netto betaald", "Net paid";
    /// Column: paid minus received as a share of the budget.
    FUNDER_USED_COL: "Benut", "Used";
    /// Column: the highest shadow price of the funder's budget over the periods.
    FUNDER_SHADOW_COL:
        "Schaduwprijs, hoogste (gewogen woningjaren per € 1 mln)",
        "Shadow price, highest (weighted dwelling-years per €1 M)";
    /// Under the compare page's funders table.
    THE_SAME_FIGURES_ARE_IN_COMPARISON_FUNDERS:
        "Per scenario, regio en financier over het hele plan; dezelfde cijfers staan in \
         comparison_funders.csv. De schaduwprijs is de hoogste over de perioden.",
        "Per scenario, region and funder over the whole plan; the same figures are in \
         comparison_funders.csv. The shadow price is the highest over the periods.";
    /// The section's explanation.
    WHO_PAYS_WHAT_NOTE:
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
         period and municipality: funding.csv.";
}

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
        use Lang::{En, Nl};
        let cases = [
            (Nl, 1, 3, "Woningvoorraad en huishoudens: plan voor R0"),
            (
                Nl,
                3,
                3,
                "Woningvoorraad en huishoudens: plan voor R0, R1 en R2",
            ),
            (En, 2, 3, "Housing stock and households: plan for R0 and R1"),
            (
                Nl,
                8,
                34,
                "Woningvoorraad en huishoudens: plan voor 8 regio's (34 gemeenten)",
            ),
        ];
        for (lang, n, municipalities, want) in cases {
            assert_eq!(default_title(lang, &regions(n), municipalities), want);
        }
    }
}
