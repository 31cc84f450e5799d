//! Which municipalities a case holds and in which region (budget unit) each is: from a
//! regions file (`--regions`) or a list of codes (`--municipalities`); and the mapping
//! of base-year municipalities onto those of a later year (`--mapping`), for
//! municipalities that merged or were split in between.

use std::collections::BTreeMap;
use std::path::Path;

use super::table::{roles, text, Role, Table};
use crate::input::csvread::{opt, Column};
use crate::input::Diagnostics;
use crate::{Error, InputError, Result};

/// Where the selection came from, for messages.
pub(crate) const CODES_OPTION: &str = "--municipalities";

/// One municipality of the case and its region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Member {
    /// `GMxxxx`.
    pub code: String,
    /// The region (budget unit).
    pub region: String,
    /// Where it was named: the file (or option) and the line.
    pub origin: (String, Option<u64>),
}

roles! {
    REGION_SPEC;
    CODE: ["code", "gemeentecodegm", "gwb_code", "gemeentecode", "municipality"]
        => "the municipality code, e.g. GM0917 or 0917";
    REGION: ["region", "regio", "provincienaam", "provincie"]
        => "the region (budget unit) of the municipality";
}

/// Reads a regions file: one row per municipality, a code column and a region column
/// (see [`CODE`] and [`REGION`] for the names accepted); other columns are ignored.
pub(crate) fn read_regions(path: &Path) -> Result<Vec<Member>> {
    let mut table =
        Table::open(path, "regions", REGION_SPEC, &[CODE, REGION]).map_err(Error::Input)?;
    let code_c = table.column(&CODE);
    let region_c = table.column(&REGION);
    let mut members: Vec<Member> = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut errors = Vec::new();
    for row in table.rows() {
        let line = row.line();
        let raw = text(&row, code_c).unwrap_or_default();
        let code = match normalize_code(&raw) {
            Some(c) => c,
            None => {
                errors.push(not_a_code(&table, line, code_c, &raw));
                continue;
            }
        };
        let Some(region) = text(&row, region_c) else {
            errors.push(table.cell_error(line, region_c, format!("{code} has no region")));
            continue;
        };
        if let Some(first) = seen.get(&code) {
            let why = format!("{code} appears twice (first at line {first})");
            errors.push(table.cell_error(line, code_c, why));
            continue;
        }
        seen.insert(code.clone(), line);
        members.push(Member {
            code,
            region,
            origin: (table.display.clone(), Some(line)),
        });
    }
    let empty = members
        .is_empty()
        .then_some("no municipalities in this file");
    table.finish(errors, Diagnostics::default(), empty)?;
    members.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(members)
}

/// The municipalities of `--municipalities`, all in one region.
pub(crate) fn from_codes(codes: &[String], region: &str) -> Result<Vec<Member>> {
    let mut members: Vec<Member> = Vec::new();
    let mut errors = Vec::new();
    for raw in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match normalize_code(raw) {
            Some(code) if members.iter().any(|m| m.code == code) => errors.push(InputError::file(
                CODES_OPTION,
                format!("{code} is given twice"),
            )),
            Some(code) => members.push(Member {
                code,
                region: region.to_string(),
                origin: (CODES_OPTION.to_string(), None),
            }),
            None => errors.push(InputError::file(
                CODES_OPTION,
                format!("'{raw}' is not a municipality code (GM0917 or 0917)"),
            )),
        }
    }
    if region.trim().is_empty() {
        errors.push(InputError::file("--region", "the region name is empty"));
    }
    if members.is_empty() && errors.is_empty() {
        errors.push(InputError::file(
            CODES_OPTION,
            "no municipality codes given",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    members.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(members)
}

/// One row of a mapping file: a base-year municipality and one of the later
/// municipalities its territory went to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MapRow {
    /// Line in the file.
    pub line: u64,
    /// Base-year code.
    pub from: String,
    /// Later code.
    pub to: String,
}

roles! {
    MAPPING_SPEC;
    FROM: ["from_code"] => "the municipality code in the base year";
    TO: ["to_code"] => "a municipality code in the later year that received (part of) it";
}

/// The mapping file as read, and its name.
#[derive(Debug)]
pub(crate) struct Mapping {
    /// The file as the user named it.
    pub display: String,
    /// Its rows.
    pub rows: Vec<MapRow>,
}

/// Reads a mapping file (`from_code`, `to_code`; other columns ignored).
pub(crate) fn read_mapping(path: &Path) -> Result<Mapping> {
    let mut table =
        Table::open(path, "mapping", MAPPING_SPEC, &[FROM, TO]).map_err(Error::Input)?;
    let (from_c, to_c) = (table.column(&FROM), table.column(&TO));
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for row in table.rows() {
        let line = row.line();
        let mut codes = [from_c, to_c].map(|c| {
            let raw = text(&row, c).unwrap_or_default();
            let code = normalize_code(&raw);
            if code.is_none() {
                errors.push(not_a_code(&table, line, c, &raw));
            }
            code
        });
        if let [Some(from), Some(to)] = [codes[0].take(), codes[1].take()] {
            rows.push(MapRow { line, from, to });
        }
    }
    table.finish(errors, Diagnostics::default(), None)?;
    Ok(Mapping {
        display: table.display.clone(),
        rows,
    })
}

/// The error of a cell `raw` that is not a municipality code.
fn not_a_code(table: &Table, line: u64, column: Option<&'static str>, raw: &str) -> InputError {
    let why = format!("'{raw}' is not a municipality code (GM0917 or 0917)");
    table.cell_error(line, column, why)
}

/// `GM0917` from `GM0917`, `gm0917`, `0917` or `917`; `None` if it is none of these.
pub(crate) fn normalize_code(raw: &str) -> Option<String> {
    let upper = raw.trim().to_uppercase();
    let digits = upper.strip_prefix("GM").unwrap_or(&upper);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("GM{digits:0>4}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalized() {
        assert_eq!(normalize_code("GM0917").as_deref(), Some("GM0917"));
        assert_eq!(normalize_code(" gm0917 ").as_deref(), Some("GM0917"));
        assert_eq!(normalize_code("0003").as_deref(), Some("GM0003"));
        assert_eq!(normalize_code("3").as_deref(), Some("GM0003"));
        assert_eq!(normalize_code("GM09170"), None);
        assert_eq!(normalize_code("Heerlen"), None);
        assert_eq!(normalize_code(""), None);
    }

    #[test]
    fn codes_option() {
        let m = from_codes(&["0917".into(), "GM0003".into()], "Test").unwrap();
        assert_eq!(m[0].code, "GM0003");
        assert_eq!(m[1].region, "Test");
        assert!(from_codes(&["GM0917".into(), "917".into()], "Test").is_err());
        assert!(from_codes(&["x".into()], "Test").is_err());
    }
}
