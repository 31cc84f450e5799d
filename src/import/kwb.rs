//! Reading CBS "Kerncijfers wijken en buurten" (KWB) files: the base-year municipality
//! file with stock, households, WOZ value and tenure, and a later file with population
//! only (to derive the change of population since the base year).
//!
//! Columns are found by name (the KWB codebook's: gwb_code, a_woning, a_hh, …; for the
//! later file also the 85984NED extract's gemeentecode, inwoners, peiljaar), in any
//! order, among any number of other columns; a needed column that is missing is refused,
//! naming the file and the column. Only
//! municipality rows are used (codes `GMxxxx`): a file that also holds districts and
//! neighbourhoods (`WK…`, `BU…`) can be given as it is.

use std::collections::BTreeMap;
use std::path::Path;

use super::table::{number, roles, text, Cell, Role, Table};
use crate::input::csvread::{opt, Column, Row};
use crate::input::number::parse_year;
use crate::input::Diagnostics;
use crate::{Error, InputError, Result};

roles! {
    /// Every column name any role of either file may use.
    SPEC;
    /// The municipality code (`GM0917`).
    CODE: ["gwb_code", "gemeentecode"] => "the municipality code, e.g. GM0917";
    /// The municipality name.
    NAME: ["gm_naam", "regio", "gemeentenaam", "gemeentenaam_2023"] => "the municipality name";
    /// Dwellings on 1 January.
    DWELLINGS: ["a_woning", "woningvoorraad"] => "CBS a_woning, dwellings on 1 January";
    /// Private households.
    HOUSEHOLDS: ["a_hh"] => "CBS a_hh, private households";
    /// Inhabitants.
    POPULATION: ["a_inw", "inwoners"] => "CBS a_inw, inhabitants on 1 January";
    /// Average WOZ value, thousands of euros.
    WOZ: ["g_woz"] => "CBS g_woz, average WOZ value of dwellings in thousands of euros";
    /// % owner-occupied.
    P_OWNER: ["p_koopw"] => "CBS p_koopw, % owner-occupied dwellings";
    /// % rented.
    P_RENT: ["p_huurw"] => "CBS p_huurw, % rented dwellings";
    /// % rented from housing corporations.
    P_CORPORATION: ["p_wcorpw"] => "CBS p_wcorpw, % rented from housing corporations";
    /// % rented from other landlords.
    P_OTHER: ["p_ov_hw"] => "CBS p_ov_hw, % rented from other landlords";
    /// % ownership unknown (read for the README only).
    P_UNKNOWN: ["p_e_o_w"] => "CBS p_e_o_w, % ownership unknown";
    /// % unoccupied dwellings (optional: without it `vacant_dwellings` stays blank).
    P_VACANT: ["p_leegsw"] => "CBS p_leegsw, % unoccupied dwellings";
    /// Reference year of a row (85984NED extracts).
    YEAR: ["peiljaar"] => "the reference year";
}

/// The tenure percentages of one municipality as CBS gives them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Tenure {
    /// p_koopw.
    pub owner: Cell,
    /// p_huurw.
    pub rent: Cell,
    /// p_wcorpw.
    pub corporation: Cell,
    /// p_ov_hw.
    pub other: Cell,
    /// p_e_o_w.
    pub unknown: Cell,
}

/// One municipality row of the base-year file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BaseRow {
    /// Line in the file.
    pub line: u64,
    /// `GMxxxx`.
    pub code: String,
    /// Name as CBS writes it.
    pub name: String,
    /// a_woning.
    pub dwellings: Cell,
    /// a_hh.
    pub households: Cell,
    /// a_inw.
    pub population: Cell,
    /// g_woz (thousands of euros).
    pub woz: Cell,
    /// Tenure percentages.
    pub tenure: Tenure,
    /// p_leegsw: % of the dwellings without registered residents on 1 January.
    pub vacant_pct: Cell,
}

/// The base-year file, by code.
#[derive(Debug)]
pub(crate) struct BaseFile {
    /// The file as the user named it.
    pub display: String,
    /// The rows by code.
    pub rows: BTreeMap<String, BaseRow>,
    /// The column names found for a_woning and a_hh (for messages).
    pub columns: BTreeMap<&'static str, &'static str>,
}

/// Reads the base-year KWB municipality file. `need_population` makes a_inw required.
pub(crate) fn read_base(path: &Path, need_population: bool) -> Result<BaseFile> {
    let mut required = vec![
        CODE,
        NAME,
        DWELLINGS,
        HOUSEHOLDS,
        WOZ,
        P_OWNER,
        P_RENT,
        P_CORPORATION,
        P_OTHER,
    ];
    if need_population {
        required.push(POPULATION);
    }
    let mut table = Table::open(path, "kwb", SPEC, &required).map_err(Error::Input)?;
    let col = |r: &Role| table.column(r);
    let (code_c, name_c) = (col(&CODE), col(&NAME));
    let (dw_c, hh_c, pop_c) = (col(&DWELLINGS), col(&HOUSEHOLDS), col(&POPULATION));
    let (woz_c, vacant_c) = (col(&WOZ), col(&P_VACANT));
    let (own_c, rent_c, corp_c, oth_c, unk_c) = (
        col(&P_OWNER),
        col(&P_RENT),
        col(&P_CORPORATION),
        col(&P_OTHER),
        col(&P_UNKNOWN),
    );
    let mut columns = BTreeMap::new();
    for (role, c) in [("a_woning", dw_c), ("a_hh", hh_c), ("a_inw", pop_c)] {
        if let Some(c) = c {
            columns.insert(role, c);
        }
    }
    let mut rows = BTreeMap::new();
    let mut errors = Vec::new();
    let mut diag = Diagnostics::default();
    for (code, row) in municipality_rows(&table, code_c) {
        let line = row.line();
        let name = text(&row, name_c).unwrap_or_else(|| code.clone());
        let percent = |c: Option<&'static str>, diag: &mut Diagnostics| {
            let cell = number(&row, c, diag);
            match cell {
                Cell::Value(v) if v > 100.0 => {
                    let why = format!("{v} is not a percentage (0 to 100)");
                    diag.error(table.cell_error(line, c, why));
                    Cell::Invalid
                }
                other => other,
            }
        };
        let parsed = BaseRow {
            line,
            code: code.clone(),
            name,
            dwellings: whole(&table.display, &row, dw_c, &mut diag),
            households: whole(&table.display, &row, hh_c, &mut diag),
            population: whole(&table.display, &row, pop_c, &mut diag),
            woz: number(&row, woz_c, &mut diag),
            tenure: Tenure {
                owner: percent(own_c, &mut diag),
                rent: percent(rent_c, &mut diag),
                corporation: percent(corp_c, &mut diag),
                other: percent(oth_c, &mut diag),
                unknown: percent(unk_c, &mut diag),
            },
            vacant_pct: percent(vacant_c, &mut diag),
        };
        if let Some(first) = rows.get(&code) {
            let first: &BaseRow = first;
            errors.push(twice(&table, line, code_c, &code, first.line));
            continue;
        }
        rows.insert(code, parsed);
    }
    table.finish(errors, diag, rows.is_empty().then_some(NO_MUNICIPALITIES))?;
    Ok(BaseFile {
        display: table.display.clone(),
        rows,
        columns,
    })
}

/// The later file: population per municipality code, and its year.
#[derive(Debug)]
pub(crate) struct LaterFile {
    /// The file as the user named it.
    pub display: String,
    /// Inhabitants by code (`None` when secret or blank), with the line.
    pub population: BTreeMap<String, (u64, Option<f64>)>,
    /// The reference year, from its `peiljaar` column if it has one.
    pub year: Option<i32>,
}

/// Reads a later KWB file (raw KWB or the 85984NED extract): code and inhabitants.
pub(crate) fn read_later(path: &Path) -> Result<LaterFile> {
    let mut table =
        Table::open(path, "kwb-later", SPEC, &[CODE, POPULATION]).map_err(Error::Input)?;
    let code_c = table.column(&CODE);
    let pop_c = table.column(&POPULATION);
    let year_c = table.column(&YEAR);
    let mut population = BTreeMap::new();
    let mut years = BTreeMap::<i32, u64>::new();
    let mut errors = Vec::new();
    let mut diag = Diagnostics::default();
    for (code, row) in municipality_rows(&table, code_c) {
        let line = row.line();
        if let Some(y) = text(&row, year_c) {
            match parse_year(&y) {
                Ok(y) => {
                    years.entry(y).or_insert(line);
                }
                Err(reason) => {
                    errors.push(table.cell_error(line, year_c, format!("'{y}' {reason}")))
                }
            }
        }
        let value = whole(&table.display, &row, pop_c, &mut diag).value();
        if let Some(&(first, _)) = population.get(&code) {
            errors.push(twice(&table, line, code_c, &code, first));
            continue;
        }
        population.insert(code, (line, value));
    }
    if years.len() > 1 {
        let list: Vec<String> = years.keys().map(i32::to_string).collect();
        errors.push(InputError::file(
            table.display.clone(),
            format!(
                "the file holds more than one year ({}); give a file with one year",
                list.join(", ")
            ),
        ));
    }
    let empty = population.is_empty().then_some(NO_MUNICIPALITIES);
    table.finish(errors, diag, empty)?;
    Ok(LaterFile {
        display: table.display.clone(),
        population,
        year: years.keys().next().copied(),
    })
}

/// A whole number ≥ 0 (counts of dwellings, households, inhabitants).
fn whole(
    display: &str,
    row: &crate::input::csvread::Row<'_>,
    col: Option<&'static str>,
    diag: &mut Diagnostics,
) -> Cell {
    match number(row, col, diag) {
        Cell::Value(v) if v.fract() != 0.0 => {
            diag.error(InputError::cell(
                display,
                row.line(),
                col.unwrap_or_default(),
                format!("{v} is not a whole number"),
            ));
            Cell::Invalid
        }
        other => other,
    }
}

/// The municipality rows of `table` with their code (`GM0917`, from `code_c`); rows of
/// other area levels are skipped.
fn municipality_rows<'t>(
    table: &'t Table,
    code_c: Option<&'static str>,
) -> impl Iterator<Item = (String, Row<'t>)> + 't {
    table
        .rows()
        .filter_map(move |row| Some((municipality_code(text(&row, code_c))?, row)))
}

/// `GM0917` from a code cell, upper-cased; `None` for other area levels (WK, BU, NL…).
fn municipality_code(cell: Option<String>) -> Option<String> {
    let code = cell?.to_uppercase();
    let digits = code.strip_prefix("GM")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The refusal of a file without municipality rows.
const NO_MUNICIPALITIES: &str = "no municipality rows (codes GMxxxx) in this file";

/// The error of a municipality `code` on `line` that was already on line `first`.
fn twice(
    table: &Table,
    line: u64,
    code_c: Option<&'static str>,
    code: &str,
    first: u64,
) -> InputError {
    let why = format!("municipality {code} appears twice (first at line {first})");
    table.cell_error(line, code_c, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(
            municipality_code(Some("gm0917".into())),
            Some("GM0917".into())
        );
        assert_eq!(municipality_code(Some("WK091700".into())), None);
        assert_eq!(municipality_code(Some("GM".into())), None);
        assert_eq!(municipality_code(None), None);
    }
}
