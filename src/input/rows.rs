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

/// One row's cells as a reader takes them: a cell that fails its check records the
/// problem, gives a placeholder in its place and marks the row bad, so that the reader
/// can be a plain struct literal and [`read_rows`] leaves the row out afterwards.
struct Cells<'r, 'a> {
    row: &'r Row<'a>,
    d: &'r mut Diagnostics,
    /// Whether any cell of the row had a problem.
    bad: bool,
}

impl Cells<'_, '_> {
    /// `value`, or (its problem recorded already) the row marked bad and `T::default()`
    /// as the placeholder.
    fn good<T: Default>(&mut self, value: Option<T>) -> T {
        self.bad |= value.is_none();
        value.unwrap_or_default()
    }

    /// The cell as text, `None` when blank or the column is absent (never a problem).
    fn text(&self, col: &str) -> Option<String> {
        self.row.text(col)
    }

    /// The cell as text; a blank cell is a problem.
    fn req_text(&mut self, col: &str) -> String {
        let value = self.row.req_text(col, self.d);
        self.good(value)
    }

    /// The cell as a number satisfying `check`; a blank cell is a problem.
    fn number(&mut self, col: &str, check: Check) -> f64 {
        let value = self.row.number(col, check, self.d);
        self.good(value)
    }

    /// The cell as a number satisfying `check`, `None` when blank.
    fn opt_number(&mut self, col: &str, check: Check) -> Option<f64> {
        let value = self.row.opt_number(col, check, self.d).ok();
        self.good(value)
    }

    /// The cell as a year; a blank cell is a problem.
    fn year(&mut self, col: &str) -> i32 {
        let value = self.row.year(col, self.d);
        self.good(value)
    }

    /// The cell as a year, `None` when blank.
    fn opt_year(&mut self, col: &str) -> Option<i32> {
        let value = self.row.opt_year(col, self.d).ok();
        self.good(value)
    }

    /// The cell as a [`FundedAction`] by its name; a blank cell or another name is a
    /// problem (with the nearest name suggested).
    fn action(&mut self, col: &str) -> FundedAction {
        let action = self.row.req_text(col, self.d).and_then(|name| {
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
                self.d.error(self.row.cell_error(col, msg));
            }
            action
        });
        self.bad |= action.is_none();
        // A placeholder only: the row is left out.
        action.unwrap_or(FundedAction::Demolish)
    }
}

/// Binds `columns` and reads every row with `read`, which takes the row's cells from
/// [`Cells`] (recording their problems); a row with a bad cell is left out (the file is
/// then not complete). For a file that defines names in column `defines`, every name
/// seen (also on a row left out, and in a broken cell) goes into [`FileRows::seen`].
fn read_rows<T>(
    t: &CsvTable,
    columns: &'static [Column],
    defines: Option<&str>,
    d: &mut Diagnostics,
    mut read: impl FnMut(&mut Cells<'_, '_>) -> T,
) -> Option<FileRows<T>> {
    let b = t.bind(columns, d)?;
    let mut out = FileRows::new(t);
    if let Some(name) = defines {
        out.seen.extend(t.broken_cells(&b, name));
    }
    for r in t.rows(&b) {
        let mut cells = Cells {
            row: &r,
            d,
            bad: false,
        };
        let row = read(&mut cells);
        let good = !cells.bad;
        if let Some(name) = defines {
            out.seen.extend(r.text(name));
        }
        out.push(r.line(), good.then_some(row));
    }
    Some(out)
}

/// Reads municipalities.csv.
pub(crate) fn municipalities(
    t: &CsvTable,
    d: &mut Diagnostics,
) -> Option<FileRows<MunicipalityRow>> {
    read_rows(t, MUNICIPALITY_COLUMNS, Some("code"), d, |r| {
        MunicipalityRow {
            code: r.req_text("code"),
            name: r.req_text("name"),
            region: r.req_text("region"),
            vacant_dwellings: r.opt_number("vacant_dwellings", Check::NonNegative),
        }
    })
}

/// Reads segments.csv.
pub(crate) fn segments(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<SegmentRow>> {
    read_rows(t, SEGMENT_COLUMNS, Some("segment"), d, |r| SegmentRow {
        segment: r.req_text("segment"),
        label: r.text("label"),
        tenure: r.text("tenure"),
        dwelling_type: r.text("dwelling_type"),
    })
}

/// Reads stock.csv.
pub(crate) fn stock(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<StockRow>> {
    read_rows(t, STOCK_COLUMNS, None, d, |r| StockRow {
        municipality: r.req_text("municipality"),
        segment: r.req_text("segment"),
        dwellings: r.number("dwellings", Check::NonNegative),
    })
}

/// Reads households.csv.
pub(crate) fn households(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<HouseholdRow>> {
    read_rows(t, HOUSEHOLD_COLUMNS, None, d, |r| HouseholdRow {
        municipality: r.req_text("municipality"),
        year: r.year("year"),
        households: r.number("households", Check::NonNegative),
        variant: r.text("variant"),
    })
}

/// Reads demand_shares.csv.
pub(crate) fn demand_shares(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<DemandShareRow>> {
    read_rows(t, DEMAND_SHARE_COLUMNS, None, d, |r| DemandShareRow {
        segment: r.req_text("segment"),
        share: r.number("share", Check::Share),
        municipality: r.text("municipality"),
        year: r.opt_year("year"),
    })
}

/// Reads costs.csv.
pub(crate) fn costs(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<CostRow>> {
    read_rows(t, COST_COLUMNS, None, d, |r| CostRow {
        segment: r.req_text("segment"),
        demolish_eur: r.number("demolish_eur", Check::NonNegative),
        new_build_eur: r.opt_number("new_build_eur", Check::NonNegative),
        municipality: r.text("municipality"),
    })
}

/// Reads transformations.csv.
pub(crate) fn transformations(
    t: &CsvTable,
    d: &mut Diagnostics,
) -> Option<FileRows<TransformationRow>> {
    read_rows(t, TRANSFORMATION_COLUMNS, None, d, |r| TransformationRow {
        from_segment: r.req_text("from_segment"),
        to_segment: r.req_text("to_segment"),
        cost_eur: r.number("cost_eur", Check::Any),
        yield_per_dwelling: r.number("yield", Check::Positive),
        label: r.text("label"),
        funder: r.text("funder").unwrap_or_default(),
    })
}

/// Reads budgets.csv.
pub(crate) fn budgets(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<BudgetRow>> {
    read_rows(t, BUDGET_COLUMNS, None, d, |r| BudgetRow {
        region: r.req_text("region"),
        year: r.year("year"),
        budget_eur: r.number("budget_eur", Check::NonNegative),
        funder: r.text("funder").unwrap_or_default(),
    })
}

/// Reads funding.csv (spec v2): the action must be one of `demolish`, `new_build`,
/// `transform`; max_share within (0, 1], 1 when blank.
pub(crate) fn funding(t: &CsvTable, d: &mut Diagnostics) -> Option<FileRows<FundingRow>> {
    read_rows(t, FUNDING_COLUMNS, None, d, |r| FundingRow {
        funder: r.text("funder").unwrap_or_default(),
        action: r.action("action"),
        segment: r.text("segment"),
        max_share: r
            .opt_number("max_share", Check::PositiveShare)
            .unwrap_or(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` read as stock.csv, with every error as text.
    fn read_stock(text: &str) -> (FileRows<StockRow>, Vec<String>) {
        let mut d = Diagnostics::default();
        let t = CsvTable::parse("stock.csv", text, &mut d).unwrap();
        let rows = stock(&t, &mut d).unwrap();
        (rows, d.errors.iter().map(|e| e.to_string()).collect())
    }

    #[test]
    fn a_row_with_bad_cells_reports_each_in_column_order_and_is_left_out() {
        let (rows, errors) =
            read_stock("municipality,segment,dwellings\nGM1,a,10\n,b,-1\nGM2,c,20\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("municipality is empty"), "{errors:?}");
        assert!(
            errors[1].contains("dwellings '-1' is negative"),
            "{errors:?}"
        );
        let lines: Vec<u64> = rows.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(rows.rows[1].row.dwellings, 20.0);
        assert!(!rows.complete);
    }

    #[test]
    fn a_defined_name_is_seen_also_on_a_row_left_out() {
        let mut d = Diagnostics::default();
        let text = "segment,label\ns1,one\ns2,two\n";
        let t = CsvTable::parse("segments.csv", text, &mut d).unwrap();
        let rows = segments(&t, &mut d).unwrap();
        assert!(d.errors.is_empty());
        assert!(rows.complete);
        assert_eq!(rows.seen, BTreeSet::from(["s1".into(), "s2".into()]));
        let text = "code,name,region\nGM1,,R\n,Two,R\n";
        let t = CsvTable::parse("municipalities.csv", text, &mut d).unwrap();
        let rows = municipalities(&t, &mut d).unwrap();
        assert!(rows.rows.is_empty());
        assert_eq!(rows.seen, BTreeSet::from(["GM1".into()]));
        assert_eq!(d.errors.len(), 2);
    }
}
