//! `restock import-households`: a planner's own household projection as a named variant
//! of a case's households.csv.
//!
//! The table is read in the wide form StatLine and ABF Primos exports use: one row per
//! municipality, one column per year, the municipality as a code (`GM0917` or `0917`) or
//! as its name in municipalities.csv (case-insensitive). Lines before the header (a title,
//! the table's description) and rows without any number (blank lines, a footer such as
//! "Bron: CBS") are skipped; so are rows of municipalities outside the case (a national
//! export can be given as it is), which are counted in the summary. Year columns are the
//! ones whose header is a year (`2030`, `2030*` for provisional figures, or StatLine's
//! period code `2030JJ00`); other columns are ignored.
//!
//! Numbers: in a `;`-separated table (what Dutch spreadsheets and StatLine write) `.`
//! groups thousands and `,` is the decimal mark: `12.345` is twelve thousand three hundred
//! forty-five and `1.234,5` is 1234.5; in a `,`- or tab-separated table `.` is the decimal
//! mark and there are no thousands separators. A cell that is empty or holds StatLine's
//! `.`, `-` or `x` (not available, secret) gives no row for that year. The file is UTF-8
//! (with or without BOM) or, failing that, Windows-1252.
//!
//! households.csv keeps every row that is not of the variant byte for byte (its column
//! order, delimiter and line ends too); the variant's rows are removed and the new ones
//! written where the municipality's rows are, in year order. Before anything is written,
//! the whole case is read with the new variant chosen, so a table that leaves a
//! milestone uncovered is refused and the case is untouched.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::input::csvread::decode;
use crate::input::{read_case, read_case_from_bytes, Diagnostics, ReadOptions, INPUT_FILES};
use crate::numfmt::fmt_num;
use crate::{Error, InputError, Result};

/// What `restock import-households` is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdsOptions {
    /// The planner's projection table.
    pub table: PathBuf,
    /// The case folder whose households.csv receives the variant.
    pub case: PathBuf,
    /// The variant's name.
    pub variant: String,
}

/// What an import of a projection table did.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdsSummary {
    /// The variant written.
    pub variant: String,
    /// Municipalities of the case given a series.
    pub municipalities: usize,
    /// The years of the table.
    pub years: Vec<i32>,
    /// Rows written.
    pub rows: usize,
    /// Rows of the variant that households.csv had before (replaced).
    pub replaced: usize,
    /// Names or codes of table rows outside the case (skipped).
    pub skipped: Vec<String>,
    /// Warnings (encoding fallback).
    pub warnings: Vec<String>,
}

impl HouseholdsSummary {
    /// What the command prints: what was written, and how to plan with it.
    pub fn describe(&self, options: &HouseholdsOptions) -> String {
        let years: Vec<String> = self.years.iter().map(i32::to_string).collect();
        let mut text = format!(
            "restock import-households: variant '{}' for {} municipalities ({} rows, years \
             {}) written to {}",
            self.variant,
            self.municipalities,
            self.rows,
            years.join(", "),
            options.case.join(crate::input::HOUSEHOLDS).display()
        );
        if self.replaced > 0 {
            text.push_str(&format!(
                "; it replaced {} rows of the same variant",
                self.replaced
            ));
        }
        if !self.skipped.is_empty() {
            text.push_str(&format!(
                "\nnote: {} rows of the table are not municipalities of the case and were \
                 skipped",
                self.skipped.len()
            ));
        }
        for w in &self.warnings {
            text.push_str(&format!("\nnote: {w}"));
        }
        text.push_str(&format!(
            "\nPlan with it: restock plan {} --variant {} (or set households_variant in \
             settings.toml)",
            options.case.display(),
            self.variant
        ));
        text
    }
}

/// One municipality's series from the table: its code and (year, households).
type Series = BTreeMap<String, Vec<(i32, f64)>>;

/// Reads the table, replaces the variant in the case's households.csv and writes it,
/// after checking that the case reads with the new variant.
pub fn import_households(options: &HouseholdsOptions) -> Result<HouseholdsSummary> {
    let variant = options.variant.trim();
    if variant.is_empty() || variant != options.variant {
        return Err(Error::Usage(
            "--variant must be a non-empty name without spaces around it".into(),
        ));
    }
    if variant.contains([',', ';', '"', '\t', '\n', '\r']) {
        return Err(Error::Usage(format!(
            "--variant '{variant}' contains a delimiter or quote; choose a plain name"
        )));
    }
    // The municipalities of the case (its own checks as `restock validate` does them).
    let case = read_case(&options.case, &ReadOptions::default())?;
    let munis: Vec<(String, String)> = case
        .municipalities
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();

    let display = options.table.display().to_string();
    let bytes = std::fs::read(&options.table).map_err(|e| {
        Error::Input(vec![InputError::file(
            display.clone(),
            format!("cannot be read: {e}"),
        )])
    })?;
    let mut warnings = Vec::new();
    let (series, years, skipped) = read_table(&display, &bytes, &munis, &mut warnings)?;

    let households_path = options.case.join(crate::input::HOUSEHOLDS);
    let old = std::fs::read(&households_path).map_err(|e| Error::io(&households_path, e))?;
    let (new, replaced, rows) = rewrite_households(&old, variant, &series, &munis)?;

    // The case must read with the new variant chosen.
    let mut files = BTreeMap::new();
    for &(name, _) in INPUT_FILES {
        let path = options.case.join(name);
        if path.is_file() {
            files.insert(
                name.to_string(),
                std::fs::read(&path).map_err(|e| Error::io(&path, e))?,
            );
        }
    }
    files.insert(crate::input::HOUSEHOLDS.to_string(), new.clone());
    let read_options = ReadOptions {
        variant: Some(variant.to_string()),
        ..ReadOptions::default()
    };
    if let Err(e) = read_case_from_bytes("case", &files, &read_options) {
        let errors = match e {
            Error::Input(errors) => errors,
            other => return Err(other),
        };
        return Err(Error::Input(
            errors
                .into_iter()
                .map(|e| {
                    InputError::file(
                        display.clone(),
                        format!(
                            "the case with this table as variant '{variant}' would not be \
                             valid ({e}); nothing was written"
                        ),
                    )
                })
                .collect(),
        ));
    }

    let tmp = options.case.join(".households.csv.restock-tmp");
    std::fs::write(&tmp, &new).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &households_path).map_err(|e| Error::io(&households_path, e))?;
    Ok(HouseholdsSummary {
        variant: variant.to_string(),
        municipalities: series.len(),
        years,
        rows,
        replaced,
        skipped,
        warnings,
    })
}

/// A year column header: `2030`, `2030*` or StatLine's `2030JJ00`.
fn header_year(cell: &str) -> Option<i32> {
    let t = cell.trim().trim_matches('"').trim();
    let t = t
        .strip_suffix("JJ00")
        .unwrap_or(t)
        .trim_end_matches('*')
        .trim();
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|y| (1900..=2200).contains(y))
}

/// Splits one line at `delimiter`, honouring double quotes (no line breaks inside).
fn split_line(line: &str, delimiter: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => out.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    out.push(cell);
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A number of the table: Dutch (`12.345`, `1.234,5`) with `;`, plain (`1234.5`)
/// otherwise. `Ok(None)` for a cell that holds no figure.
fn table_number(raw: &str, dutch: bool) -> std::result::Result<Option<f64>, String> {
    let t: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}')
        .collect();
    if t.is_empty() || t == "." || t == "-" || t.eq_ignore_ascii_case("x") {
        return Ok(None);
    }
    let plain = if dutch {
        let (int, frac) = match t.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (t.as_str(), None),
        };
        let groups: Vec<&str> = int.split('.').collect();
        let grouped_ok = groups.len() == 1
            || (groups[0].len() <= 3
                && !groups[0].is_empty()
                && groups[1..].iter().all(|g| g.len() == 3));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !grouped_ok || !groups.iter().all(|g| digits(g)) || frac.is_some_and(|f| !digits(f)) {
            return Err(format!(
                "'{raw}' is not a number in Dutch notation (12.345 or 1.234,5: '.' groups \
                 thousands, ',' is the decimal mark)"
            ));
        }
        match frac {
            Some(f) => format!("{}.{f}", groups.concat()),
            None => groups.concat(),
        }
    } else {
        t.clone()
    };
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Some(v)),
        Ok(_) => Err(format!("'{raw}' must be a number of households ≥ 0")),
        Err(_) => Err(format!("'{raw}' is not a number")),
    }
}

/// Which municipality of the case a table cell names: a code (`GM0917`, `0917`) or a
/// name (case-insensitive).
fn resolve(cell: &str, munis: &[(String, String)]) -> Option<String> {
    let t = cell.trim();
    let upper = t.to_ascii_uppercase();
    let code = if upper.len() == 4 && upper.bytes().all(|b| b.is_ascii_digit()) {
        format!("GM{upper}")
    } else {
        upper
    };
    munis
        .iter()
        .find(|(c, n)| *c == code || n.to_lowercase() == t.to_lowercase())
        .map(|(c, _)| c.clone())
}

/// Reads the wide table: the series per municipality code, the years, and the skipped
/// row labels.
fn read_table(
    display: &str,
    bytes: &[u8],
    munis: &[(String, String)],
    warnings: &mut Vec<String>,
) -> Result<(Series, Vec<i32>, Vec<String>)> {
    let mut d = Diagnostics::default();
    let text = decode(display, bytes, &mut d);
    warnings.extend(
        d.warnings
            .iter()
            .map(|w| format!("{}: {}", w.at.file, w.en)),
    );
    let Some(text) = text else {
        return Err(Error::Input(d.errors));
    };
    let lines: Vec<&str> = text.lines().collect();
    let delimiter_of = |line: &str| {
        if line.contains(';') {
            ';'
        } else if line.contains('\t') {
            '\t'
        } else {
            ','
        }
    };
    // The header: the first line with a year column and a column that is not a year.
    let header = lines.iter().enumerate().find_map(|(i, line)| {
        let cells = split_line(line, delimiter_of(line));
        let years: Vec<(usize, i32)> = cells
            .iter()
            .enumerate()
            .filter_map(|(j, c)| header_year(c).map(|y| (j, y)))
            .collect();
        let label = cells.iter().position(|c| header_year(c).is_none());
        match (years.is_empty(), label) {
            (false, Some(label)) => Some((i, delimiter_of(line), cells, years, label)),
            _ => None,
        }
    });
    let Some((header_index, delimiter, header_cells, year_columns, label)) = header else {
        return Err(Error::Input(vec![InputError::file(
            display,
            "no header with year columns: the table needs one row per municipality and \
             one column per year (a header such as 'Gemeente;2025;2030;2035')",
        )]));
    };
    let dutch = delimiter == ';';
    let mut errors = Vec::new();
    let mut seen_years: BTreeMap<i32, usize> = BTreeMap::new();
    for &(j, y) in &year_columns {
        if let Some(&first) = seen_years.get(&y) {
            errors.push(InputError::cell(
                display,
                header_index as u64 + 1,
                header_cells[j].clone(),
                format!(
                    "year {y} appears twice (first as column {})",
                    header_cells[first]
                ),
            ));
        } else {
            seen_years.insert(y, j);
        }
    }
    let mut series: Series = BTreeMap::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    let mut skipped = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(header_index + 1) {
        let line_no = i as u64 + 1;
        let cells = split_line(line, delimiter);
        let mut values = Vec::new();
        let mut any_figure = false;
        for &(j, y) in &year_columns {
            let raw = cells.get(j).map_or("", String::as_str);
            match table_number(raw, dutch) {
                Ok(Some(v)) => {
                    any_figure = true;
                    values.push((y, v));
                }
                Ok(None) => {}
                Err(message) => {
                    any_figure = true;
                    errors.push(InputError::cell(
                        display,
                        line_no,
                        header_cells[j].clone(),
                        message,
                    ));
                }
            }
        }
        if !any_figure {
            continue; // a blank line, a footer, a row without figures
        }
        let name = cells.get(label).map_or("", String::as_str);
        let Some(code) = resolve(name, munis) else {
            skipped.push(name.to_string());
            continue;
        };
        if let Some(first) = first_line.get(&code) {
            errors.push(InputError::cell(
                display,
                line_no,
                header_cells[label].clone(),
                format!("{code} ('{name}') appears twice (first at line {first})"),
            ));
            continue;
        }
        first_line.insert(code.clone(), line_no);
        values.sort_by_key(|(y, _)| *y);
        series.insert(code, values);
    }
    let missing: Vec<String> = munis
        .iter()
        .filter(|(c, _)| !series.contains_key(c))
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    if !missing.is_empty() && errors.is_empty() {
        errors.push(InputError::file(
            display,
            format!(
                "no row for {} municipalit{} of the case: {}; every municipality needs its \
                 series (by code such as GM0917 or by its name in municipalities.csv){}",
                missing.len(),
                if missing.len() == 1 { "y" } else { "ies" },
                missing.join(", "),
                if skipped.is_empty() {
                    String::new()
                } else {
                    format!("; rows not matched to the case: {}", skipped.join(", "))
                }
            ),
        ));
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(Error::Input(errors));
    }
    Ok((series, seen_years.into_keys().collect(), skipped))
}

/// households.csv with the rows of `variant` replaced by `series`: every other line
/// byte for byte. Returns the bytes, the number of rows removed and written.
fn rewrite_households(
    old: &[u8],
    variant: &str,
    series: &Series,
    munis: &[(String, String)],
) -> Result<(Vec<u8>, usize, usize)> {
    let file = crate::input::HOUSEHOLDS;
    let body = old.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(old);
    let bom = &old[..old.len() - body.len()];
    // Lines with their ends.
    let mut lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
    let Some(header_at) = lines.iter().position(|l| !trim_end(l).is_empty()) else {
        return Err(Error::Input(vec![InputError::file(
            file,
            "the file is empty",
        )]));
    };
    let eol: &[u8] = if lines[header_at].ends_with(b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    };
    let header_text = String::from_utf8_lossy(trim_end(lines[header_at])).into_owned();
    let delimiter = if header_text.contains(';') { ';' } else { ',' };
    let mut header = split_line(&header_text, delimiter);
    let position = |header: &[String], name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
    };
    let (Some(m_col), Some(y_col), Some(h_col)) = (
        position(&header, "municipality"),
        position(&header, "year"),
        position(&header, "households"),
    ) else {
        return Err(Error::Input(vec![InputError::line(
            file,
            header_at as u64 + 1,
            "the header needs municipality, year and households",
        )]));
    };
    // Without a variant column every row is shared: the column is added (blank).
    let mut rebuilt: Vec<Vec<u8>> = Vec::new();
    let v_col = match position(&header, "variant") {
        Some(c) => c,
        None => {
            header.push("variant".into());
            for (i, l) in lines.iter().enumerate() {
                let content = trim_end(l);
                if i < header_at || content.is_empty() {
                    rebuilt.push(l.to_vec());
                } else {
                    let mut line = content.to_vec();
                    line.push(delimiter as u8);
                    if i == header_at {
                        line.extend_from_slice(b"variant");
                    }
                    line.extend_from_slice(eol);
                    rebuilt.push(line);
                }
            }
            header.len() - 1
        }
    };
    if !rebuilt.is_empty() {
        lines = rebuilt.iter().map(Vec::as_slice).collect();
    }
    if let Some(last) = lines.last() {
        if !last.ends_with(b"\n") {
            // The new rows must start on a line of their own.
            let mut owned: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
            if let Some(l) = owned.last_mut() {
                l.extend_from_slice(eol);
            }
            rebuilt = owned;
            lines = rebuilt.iter().map(Vec::as_slice).collect();
        }
    }
    // Which municipality each data line is about, and whether it is the variant's.
    let info: Vec<Option<(String, bool)>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let content = trim_end(l);
            if i <= header_at || content.is_empty() {
                return None;
            }
            let cells = split_line(&String::from_utf8_lossy(content), delimiter);
            let get = |c: usize| cells.get(c).map_or("", String::as_str);
            Some((get(m_col).to_string(), get(v_col) == variant))
        })
        .collect();
    let dutch = delimiter == ';';
    let row = |code: &str, year: i32, households: f64| -> Vec<u8> {
        let mut cells = vec![String::new(); header.len()];
        cells[m_col] = code.to_string();
        cells[y_col] = year.to_string();
        let mut number = fmt_num(households);
        if dutch {
            number = number.replace('.', ",");
        }
        cells[h_col] = number;
        cells[v_col] = variant.to_string();
        let mut line = cells.join(&delimiter.to_string()).into_bytes();
        line.extend_from_slice(eol);
        line
    };
    let rows_of = |code: &str| -> Vec<u8> {
        series
            .get(code)
            .map(|s| s.iter().flat_map(|&(y, h)| row(code, y, h)).collect())
            .unwrap_or_default()
    };
    let mut first_removed: BTreeMap<&str, usize> = BTreeMap::new();
    let mut last_line: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, inf) in info.iter().enumerate() {
        if let Some((m, is_variant)) = inf {
            if *is_variant {
                first_removed.entry(m.as_str()).or_insert(i);
            }
            last_line.insert(m.as_str(), i);
        }
    }
    let mut out = bom.to_vec();
    let mut written: BTreeSet<&str> = BTreeSet::new();
    let mut replaced = 0;
    for (i, l) in lines.iter().enumerate() {
        match &info[i] {
            Some((m, true)) => {
                replaced += 1;
                if first_removed.get(m.as_str()) == Some(&i) && series.contains_key(m) {
                    out.extend(rows_of(m));
                    written.insert(m.as_str());
                }
            }
            Some((m, false)) => {
                out.extend_from_slice(l);
                if last_line.get(m.as_str()) == Some(&i)
                    && !first_removed.contains_key(m.as_str())
                    && series.contains_key(m)
                {
                    out.extend(rows_of(m));
                    written.insert(m.as_str());
                }
            }
            None => out.extend_from_slice(l),
        }
    }
    // Municipalities without any row yet: at the end, in code order.
    for (code, _) in munis {
        if !written.contains(code.as_str()) {
            out.extend(rows_of(code));
        }
    }
    let rows = series.values().map(Vec::len).sum();
    Ok((out, replaced, rows))
}

/// A line without its `\n` / `\r\n`.
fn trim_end(line: &[u8]) -> &[u8] {
    let l = line.strip_suffix(b"\n").unwrap_or(line);
    l.strip_suffix(b"\r").unwrap_or(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_plain_numbers() {
        assert_eq!(table_number("12.345", true), Ok(Some(12345.0)));
        assert_eq!(table_number("1.234,5", true), Ok(Some(1234.5)));
        assert_eq!(table_number("45083", true), Ok(Some(45083.0)));
        assert_eq!(table_number("12,5", true), Ok(Some(12.5)));
        assert_eq!(table_number("1 234", true), Ok(Some(1234.0)));
        assert_eq!(table_number(".", true), Ok(None));
        assert_eq!(table_number("", true), Ok(None));
        assert!(table_number("12.34", true).is_err());
        assert!(table_number("1.2345", true).is_err());
        assert!(table_number("1,2,3", true).is_err());
        assert!(table_number("-5", true).is_err());
        assert_eq!(table_number("1234.5", false), Ok(Some(1234.5)));
        assert!(table_number("veel", false).is_err());
    }

    #[test]
    fn year_headers() {
        assert_eq!(header_year("2030"), Some(2030));
        assert_eq!(header_year(" 2030* "), Some(2030));
        assert_eq!(header_year("2030JJ00"), Some(2030));
        assert_eq!(header_year("\"2035\""), Some(2035));
        assert_eq!(header_year("Gemeente"), None);
        assert_eq!(header_year("20300"), None);
    }

    #[test]
    fn names_and_codes() {
        let munis = vec![
            ("GM0917".to_string(), "Heerlen".to_string()),
            ("GM1900".to_string(), "Súdwest-Fryslân".to_string()),
        ];
        assert_eq!(resolve("GM0917", &munis).as_deref(), Some("GM0917"));
        assert_eq!(resolve("gm0917", &munis).as_deref(), Some("GM0917"));
        assert_eq!(resolve("0917", &munis).as_deref(), Some("GM0917"));
        assert_eq!(resolve("heerlen", &munis).as_deref(), Some("GM0917"));
        assert_eq!(
            resolve("SÚDWEST-FRYSLÂN", &munis).as_deref(),
            Some("GM1900")
        );
        assert_eq!(resolve("Nederland", &munis), None);
    }
}
