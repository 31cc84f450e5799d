//! Plausibility warnings: numbers that are valid but rarely meant, each with its file,
//! line and column and what to check. They never stop a run (a case may really have a
//! budget of € 500), but a planner must see them: a stock of `12.50` dwellings, a budget
//! typed in millions, a cost per dwelling of € 150 or € 150 million, a vacancy above
//! 15 %.
//!
//! The rules (docs/input.md):
//! - dwellings (stock.csv `dwellings`, municipalities.csv `vacant_dwellings`) are whole
//!   numbers; households (households.csv) may have decimals (projections do), but a
//!   count below 1,000 with decimals is warned about (`12.500` in a `,` file is 12.5:
//!   a thousands separator?);
//! - a region's budget in a plan year (summed over funders) above 0 and below € 1,000
//!   (typed in millions?), one warning per region naming the years;
//! - a cost per dwelling in costs.csv (`demolish_eur`, `new_build_eur`) above 0 and
//!   below € 1,000, or above € 1,000,000;
//! - a municipality's vacancy at the base year above 15 % of its stock (observed
//!   `vacant_dwellings`, else stock minus households): second homes counted as vacant?

use crate::lang::Lang;
use crate::Warning;

use super::rows::{CostRow, FileRows, HouseholdRow, MunicipalityRow, StockRow};
use super::{Diagnostics, COSTS, HOUSEHOLDS, MUNICIPALITIES, STOCK};

/// Below this many euros a region's budget for a year looks like millions.
pub(crate) const MIN_BUDGET_EUR: f64 = 1_000.0;
/// A cost per dwelling below this looks like thousands (or a typing slip).
pub(crate) const MIN_COST_EUR: f64 = 1_000.0;
/// A cost per dwelling above this looks like a total, or a slip of the zero key.
pub(crate) const MAX_COST_EUR: f64 = 1_000_000.0;
/// A vacancy above this share of the stock: second homes counted as vacant?
pub(crate) const MAX_VACANCY: f64 = 0.15;
/// Households with decimals below this count: a thousands separator read as a point?
const SMALL_HOUSEHOLDS: f64 = 1_000.0;

fn fractional(x: f64) -> bool {
    (x - x.round()).abs() > 1e-9
}

/// A number as both languages write it (at most two decimals).
fn both(x: f64) -> (String, String) {
    (Lang::Nl.num(x, 2), Lang::En.num(x, 2))
}

/// Warnings about the rows of stock.csv, municipalities.csv, households.csv and
/// costs.csv (checked before the rows are assembled, with their lines).
pub(crate) fn rows(
    municipalities: Option<&FileRows<MunicipalityRow>>,
    stock: Option<&FileRows<StockRow>>,
    households: Option<&FileRows<HouseholdRow>>,
    costs: Option<&FileRows<CostRow>>,
    d: &mut Diagnostics,
) {
    for r in stock.iter().flat_map(|f| &f.rows) {
        if fractional(r.row.dwellings) {
            let (nl, en) = both(r.row.dwellings);
            d.push_warning(
                Warning::new(
                    STOCK,
                    Some(r.line),
                    format!(
                        "{nl} woningen is geen heel aantal: controleer het getal (een \
                         duizendtal met een punt of komma geschreven? schrijf woningen zonder \
                         scheidingsteken, bijv. 1250)"
                    ),
                    format!(
                        "{en} dwellings is not a whole number: check the number (thousands \
                         written with a point or comma? write dwellings without separators, \
                         e.g. 1250)"
                    ),
                )
                .in_column("dwellings"),
            );
        }
    }
    for r in municipalities.iter().flat_map(|f| &f.rows) {
        if let Some(v) = r.row.vacant_dwellings.filter(|v| fractional(*v)) {
            let (nl, en) = both(v);
            d.push_warning(
                Warning::new(
                    MUNICIPALITIES,
                    Some(r.line),
                    format!(
                        "{nl} leegstaande woningen is geen heel aantal: controleer het getal \
                         (voor CBS: a_woning × p_leegsw / 100, afgerond)"
                    ),
                    format!(
                        "{en} vacant dwellings is not a whole number: check the number (for \
                         CBS: a_woning × p_leegsw / 100, rounded)"
                    ),
                )
                .in_column("vacant_dwellings"),
            );
        }
    }
    for r in households.iter().flat_map(|f| &f.rows) {
        let h = r.row.households;
        if fractional(h) && h < SMALL_HOUSEHOLDS {
            let (nl, en) = both(h);
            d.push_warning(
                Warning::new(
                    HOUSEHOLDS,
                    Some(r.line),
                    format!(
                        "{nl} huishoudens: een klein aantal met decimalen; is een \
                         scheidingsteken van duizendtallen als decimaalteken gelezen (12.500 \
                         in een bestand met ',' is 12,5)? Schrijf aantallen zonder \
                         scheidingsteken"
                    ),
                    format!(
                        "{en} households: a small count with decimals; was a thousands \
                         separator read as a decimal point (12.500 in a ',' file is 12.5)? \
                         Write counts without separators"
                    ),
                )
                .in_column("households"),
            );
        }
    }
    for r in costs.iter().flat_map(|f| &f.rows) {
        let cells = [
            ("demolish_eur", Some(r.row.demolish_eur)),
            ("new_build_eur", r.row.new_build_eur),
        ];
        for (column, value) in cells {
            let Some(c) = value.filter(|c| *c > 0.0) else {
                continue;
            };
            let (what_nl, what_en) = if c < MIN_COST_EUR {
                (
                    "minder dan € 1.000 per woning: in duizenden euro's geschreven? Kosten \
                     staan in euro's per woning (150000, niet 150)",
                    "below €1,000 per dwelling: written in thousands of euros? Costs are in \
                     euros per dwelling (150000, not 150)",
                )
            } else if c > MAX_COST_EUR {
                (
                    "meer dan € 1.000.000 per woning: een totaal in plaats van een bedrag per \
                     woning, of een nul te veel?",
                    "above €1,000,000 per dwelling: a total instead of a cost per dwelling, \
                     or one zero too many?",
                )
            } else {
                continue;
            };
            d.push_warning(
                Warning::new(
                    COSTS,
                    Some(r.line),
                    format!("€ {} is {what_nl}", Lang::Nl.num(c, 2)),
                    format!("€{} is {what_en}", Lang::En.num(c, 2)),
                )
                .in_column(column),
            );
        }
    }
}

/// A region's budgets (summed over funders) above 0 and below € 1,000 in plan years:
/// `(region, [(year, euros, first line)])`, one warning per region.
pub(crate) fn small_budgets(region: &str, years: &[(i32, f64, u64)], d: &mut Diagnostics) {
    let Some(&(_, _, first)) = years.first() else {
        return;
    };
    let list = |lang: Lang| {
        years
            .iter()
            .map(|(y, x, _)| format!("{y}: € {}", lang.num(*x, 2)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    d.push_warning(
        Warning::new(
            super::BUDGETS,
            Some(first),
            format!(
                "regio '{region}' heeft in {} jaar een budget onder € 1.000 ({}): in miljoenen \
                 geschreven? budget_eur staat in euro's (2500000 voor € 2,5 mln, niet 2,5)",
                years.len(),
                list(Lang::Nl)
            ),
            format!(
                "region '{region}' has a budget below €1,000 in {} year(s) ({}): typed in \
                 millions? budget_eur is in euros (2500000 for €2.5 M, not 2.5)",
                years.len(),
                list(Lang::En)
            ),
        )
        .in_column("budget_eur"),
    );
}

/// A municipality whose vacancy at the base year is above 15 % of its stock: observed
/// (`vacant_dwellings`) when given, else stock minus households.
pub(crate) fn high_vacancy(
    code: &str,
    name: &str,
    line: u64,
    vacant: f64,
    observed: bool,
    stock: f64,
    d: &mut Diagnostics,
) {
    if stock <= 0.0 || vacant / stock <= MAX_VACANCY {
        return;
    }
    let pct = |lang: Lang| lang.num(100.0 * vacant / stock, 1);
    let (how_nl, how_en) = if observed {
        ("vacant_dwellings", "vacant_dwellings")
    } else {
        (
            "voorraad min huishoudens in het basisjaar",
            "stock minus households at the base year",
        )
    };
    let mut w = Warning::new(
        MUNICIPALITIES,
        Some(line),
        format!(
            "{code} {name}: leegstand {} % van de voorraad ({how_nl}), boven 15 %: tellen \
             tweede woningen of vakantiewoningen mee? Het plan behandelt die als overschot",
            pct(Lang::Nl)
        ),
        format!(
            "{code} {name}: vacancy {} % of the stock ({how_en}), above 15 %: are second \
             homes or holiday homes counted? The plan treats them as surplus",
            pct(Lang::En)
        ),
    );
    if observed {
        w = w.in_column("vacant_dwellings");
    }
    d.push_warning(w);
}
