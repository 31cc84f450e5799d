//! One `*Row` struct per CSV file of a case, mirroring its header (spec §3), and the
//! functions that read a [`CsvTable`] into them.
//!
//! Each reader checks what one cell can tell on its own (present, a number, ≥ 0, a
//! year, …) and records every problem; a row with any bad cell is left out. Checks
//! across rows and files (duplicates, unknown names, sums) are in [`super::assemble`].

use std::collections::BTreeSet;

use super::csvread::{opt, req, Check, Column, CsvTable, Row};
use super::suggest::nearest;
use super::Diagnostics;
use crate::case::FundedAction;

/// A row together with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lined<T> {
    /// Line number of the row in its file.
    pub line: u64,
    /// The row's values.
    pub row: T,
}

/// Columns of municipalities.csv.
pub(crate) const MUNICIPALITY_COLUMNS: &[Column] = &[
    req("code"),
    req("name"),
    req("region"),
    opt("vacant_dwellings"),
];
/// Columns of segments.csv.
pub(crate) const SEGMENT_COLUMNS: &[Column] = &[
    req("segment"),
    opt("label"),
    opt("tenure"),
    opt("dwelling_type"),
];
/// Columns of stock.csv.
pub(crate) const STOCK_COLUMNS: &[Column] =
    &[req("municipality"), req("segment"), req("dwellings")];
/// Columns of households.csv.
pub(crate) const HOUSEHOLD_COLUMNS: &[Column] = &[
    req("municipality"),
    req("year"),
    req("households"),
    opt("variant"),
];
/// Columns of demand_shares.csv.
pub(crate) const DEMAND_SHARE_COLUMNS: &[Column] = &[
    req("segment"),
    req("share"),
    opt("municipality"),
    opt("year"),
];
/// Columns of costs.csv.
pub(crate) const COST_COLUMNS: &[Column] = &[
    req("segment"),
    req("demolish_eur"),
    opt("new_build_eur"),
    opt("municipality"),
];
/// Columns of transformations.csv.
pub(crate) const TRANSFORMATION_COLUMNS: &[Column] = &[
    req("from_segment"),
    req("to_segment"),
    req("cost_eur"),
    req("yield"),
    opt("label"),
    opt("funder"),
];
/// Columns of budgets.csv.
pub(crate) const BUDGET_COLUMNS: &[Column] =
    &[req("region"), req("year"), req("budget_eur"), opt("funder")];
/// Columns of funding.csv (spec v2).
pub(crate) const FUNDING_COLUMNS: &[Column] = &[
    req("funder"),
    req("action"),
    opt("segment"),
    opt("max_share"),
];

/// A row of municipalities.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MunicipalityRow {
    pub code: String,
    pub name: String,
    pub region: String,
    /// V0: dwellings observed vacant at the base year; `None` = not known (blank cell
    /// or no column).
    pub vacant_dwellings: Option<f64>,
}

/// A row of segments.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SegmentRow {
    pub segment: String,
    pub label: Option<String>,
    pub tenure: Option<String>,
    pub dwelling_type: Option<String>,
}

/// A row of stock.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StockRow {
    pub municipality: String,
    pub segment: String,
    pub dwellings: f64,
}

/// A row of households.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HouseholdRow {
    pub municipality: String,
    pub year: i32,
    pub households: f64,
    /// `None` for a shared row (blank or no `variant`).
    pub variant: Option<String>,
}

/// A row of demand_shares.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DemandShareRow {
    pub segment: String,
    pub share: f64,
    /// `None` = every municipality.
    pub municipality: Option<String>,
    /// `None` = every year.
    pub year: Option<i32>,
}

/// A row of costs.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CostRow {
    pub segment: String,
    pub demolish_eur: f64,
    /// `None` = no new building in this segment.
    pub new_build_eur: Option<f64>,
    /// `None` = every municipality.
    pub municipality: Option<String>,
}

/// A row of transformations.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TransformationRow {
    pub from_segment: String,
    pub to_segment: String,
    pub cost_eur: f64,
    pub yield_per_dwelling: f64,
    pub label: Option<String>,
    /// Who receives a sale's proceeds: "" when blank or no column (the common funder).
    pub funder: String,
}

/// A row of budgets.csv.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BudgetRow {
    pub region: String,
    pub year: i32,
    pub budget_eur: f64,
    /// Whose money: "" when blank or no column (the common funder).
    pub funder: String,
}

/// A row of funding.csv (spec v2).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FundingRow {
    /// The funder's name; "" when blank (the common funder).
    pub funder: String,
    pub action: FundedAction,
    /// `None` = every segment.
    pub segment: Option<String>,
    /// σ, 1 when blank.
    pub max_share: f64,
}

/// The rows of one file: the good ones, whether every row was good, and (for the files
/// that define names) every name seen on any row, good or bad, so that a reference to a
/// name whose row had another error is not reported again as unknown.
#[derive(Debug)]
pub(crate) struct FileRows<T> {
    /// The good rows, in file order.
    pub rows: Vec<Lined<T>>,
    /// Names defined by any row (municipalities.csv and segments.csv only).
    pub seen: BTreeSet<String>,
    /// Whether no row was left out (for a bad cell or a wrong number of fields). Checks
    /// over a whole file (coverage, sums) are skipped when it is false, so that a bad
    /// cell is not reported a second time as something missing.
    pub complete: bool,
}

impl<T> FileRows<T> {
    fn new(t: &CsvTable) -> Self {
        FileRows {
            rows: Vec::new(),
            seen: BTreeSet::new(),
            complete: !t.has_broken_rows(),
        }
    }

    fn push(&mut self, line: u64, row: Option<T>) {
        match row {
            Some(row) => self.rows.push(Lined { line, row }),
            None => self.complete = false,
        }
    }
}

/// Binds `columns` and reads every row with `read`, which records the problems of the
/// row's cells and gives `None` for a row with a bad cell (the file is then not
/// complete).
fn read_rows<T>(
    t: &CsvTable,
    columns: &'static [Column],
    d: &mut Diagnostics,
    mut read: impl FnMut(&Row<'_>, &mut Diagnostics) -> Option<T>,
) -> Option<FileRows<T>> {
    let b = t.bind(columns, d)?;
    let mut out = FileRows::new(t);
    for r in t.rows(&b) {
        let row = read(&r, d);
        out.push(r.line(), row);
    }
    Some(out)
}

/// [`read_rows`] for a file that defines names in column `name`: `read` also gives the
/// row's name when that cell is good, and every name seen (also on a row left out, and
/// in a broken cell) goes into [`FileRows::seen`].
fn read_named_rows<T>(
    t: &CsvTable,
    columns: &'static [Column],
    name: &str,
    d: &mut Diagnostics,
    mut read: impl FnMut(&Row<'_>, &mut Diagnostics) -> (Option<String>, Option<T>),
) -> Option<FileRows<T>> {
    let b = t.bind(columns, d)?;
    let mut out = FileRows::new(t);
    out.seen.extend(t.broken_cells(&b, name));
    for r in t.rows(&b) {
        let (name, row) = read(&r, d);
        out.seen.extend(name);
        out.push(r.line(), row);
    }
    Some(out)
}

/// Reads municipalities.csv.
pub(crate) fn municipalities(
    t: &CsvTable,
    d: &mut Diagnostics,
) -> Option<FileRows<MunicipalityRow>> {
    read_named_rows(t, MUNICIPALITY_COLUMNS, "code", d, |r, d| {
        let code = r.req_text("code", d);
        let name = r.req_text("name", d);
        let region = r.req_text("region", d);
        let vacant = r.opt_number("vacant_dwellings", Check::NonNegative, d);
        let row = match (code.clone(), name, region, vacant) {
            (Some(code), Some(name), Some(region), Ok(vacant_dwellings)) => Some(MunicipalityRow {
                code,
                name,
                region,
                vacant_dwellings,
            }),
            _ => None,
        };
        (code, row)
    })
}

/// Reads segments.csv.
pub(crate) fn segments(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<SegmentRow>> {
    read_named_rows(t, SEGMENT_COLUMNS, "segment", d, |r, d| {
        let segment = r.req_text("segment", d);
        let row = segment.clone().map(|segment| SegmentRow {
            segment,
            label: r.text("label"),
            tenure: r.text("tenure"),
            dwelling_type: r.text("dwelling_type"),
        });
        (segment, row)
    })
}

/// Reads stock.csv.
pub(crate) fn stock(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<StockRow>> {
    read_rows(t, STOCK_COLUMNS, d, |r, d| {
        let municipality = r.req_text("municipality", d);
        let segment = r.req_text("segment", d);
        let dwellings = r.number("dwellings", Check::NonNegative, d);
        match (municipality, segment, dwellings) {
            (Some(municipality), Some(segment), Some(dwellings)) => Some(StockRow {
                municipality,
                segment,
                dwellings,
            }),
            _ => None,
        }
    })
}

/// Reads households.csv.
pub(crate) fn households(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<HouseholdRow>> {
    read_rows(t, HOUSEHOLD_COLUMNS, d, |r, d| {
        let municipality = r.req_text("municipality", d);
        let year = r.year("year", d);
        let households = r.number("households", Check::NonNegative, d);
        match (municipality, year, households) {
            (Some(municipality), Some(year), Some(households)) => Some(HouseholdRow {
                municipality,
                year,
                households,
                variant: r.text("variant"),
            }),
            _ => None,
        }
    })
}

/// Reads demand_shares.csv.
pub(crate) fn demand_shares(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<DemandShareRow>> {
    read_rows(t, DEMAND_SHARE_COLUMNS, d, |r, d| {
        let segment = r.req_text("segment", d);
        let share = r.number("share", Check::Share, d);
        let year = r.opt_year("year", d);
        match (segment, share, year) {
            (Some(segment), Some(share), Ok(year)) => Some(DemandShareRow {
                segment,
                share,
                municipality: r.text("municipality"),
                year,
            }),
            _ => None,
        }
    })
}

/// Reads costs.csv.
pub(crate) fn costs(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<CostRow>> {
    read_rows(t, COST_COLUMNS, d, |r, d| {
        let segment = r.req_text("segment", d);
        let demolish = r.number("demolish_eur", Check::NonNegative, d);
        let new_build = r.opt_number("new_build_eur", Check::NonNegative, d);
        match (segment, demolish, new_build) {
            (Some(segment), Some(demolish_eur), Ok(new_build_eur)) => Some(CostRow {
                segment,
                demolish_eur,
                new_build_eur,
                municipality: r.text("municipality"),
            }),
            _ => None,
        }
    })
}

/// Reads transformations.csv.
pub(crate) fn transformations(
    t: &CsvTable,
    d: &mut Diagnostics,
) -> Option<FileRows<TransformationRow>> {
    read_rows(t, TRANSFORMATION_COLUMNS, d, |r, d| {
        let from = r.req_text("from_segment", d);
        let to = r.req_text("to_segment", d);
        let cost = r.number("cost_eur", Check::Any, d);
        let yield_per_dwelling = r.number("yield", Check::Positive, d);
        match (from, to, cost, yield_per_dwelling) {
            (Some(from_segment), Some(to_segment), Some(cost_eur), Some(yield_per_dwelling)) => {
                Some(TransformationRow {
                    from_segment,
                    to_segment,
                    cost_eur,
                    yield_per_dwelling,
                    label: r.text("label"),
                    funder: r.text("funder").unwrap_or_default(),
                })
            }
            _ => None,
        }
    })
}

/// Reads budgets.csv.
pub(crate) fn budgets(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<BudgetRow>> {
    read_rows(t, BUDGET_COLUMNS, d, |r, d| {
        let region = r.req_text("region", d);
        let year = r.year("year", d);
        let budget = r.number("budget_eur", Check::NonNegative, d);
        match (region, year, budget) {
            (Some(region), Some(year), Some(budget_eur)) => Some(BudgetRow {
                region,
                year,
                budget_eur,
                funder: r.text("funder").unwrap_or_default(),
            }),
            _ => None,
        }
    })
}

/// Reads funding.csv (spec v2): the action must be one of `demolish`, `new_build`,
/// `transform`; max_share within (0, 1], 1 when blank.
pub(crate) fn funding(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<FundingRow>> {
    read_rows(t, FUNDING_COLUMNS, d, |r, d| {
        let action = r.req_text("action", d).and_then(|name| {
            let action = FundedAction::parse(&name);
            if action.is_none() {
                let names: Vec<&str> = FundedAction::ALL.iter().map(|a| a.as_str()).collect();
                let mut msg = format!(
                    "unknown action '{name}': it must be one of {}",
                    names.join(", ")
                );
                if let Some(s) = nearest(&name, &names) {
                    msg.push_str(&format!(" (did you mean '{s}'?)"));
                }
                d.error(r.cell_error("action", msg));
            }
            action
        });
        let max_share = r.opt_number("max_share", Check::PositiveShare, d);
        match (action, max_share) {
            (Some(action), Ok(max_share)) => Some(FundingRow {
                funder: r.text("funder").unwrap_or_default(),
                action,
                segment: r.text("segment"),
                max_share: max_share.unwrap_or(1.0),
            }),
            _ => None,
        }
    })
}
