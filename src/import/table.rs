//! Opening the import's CSV files with the case reader's machinery
//! ([`crate::input::csvread`]: encoding, BOM, delimiter, decimal comma, trimming, line
//! numbers), plus what the import needs on top: columns found by one of several names
//! (CBS renames columns between years and publications), a clear refusal naming the file
//! and the column when a needed one is missing, and CBS's `.` for secret values.
//!
//! Columns not used are ignored silently: a CBS file has a hundred of them.

use std::path::Path;

use crate::input::csvread::{decode, Bound, Check, Column, CsvTable, Row};
use crate::input::Diagnostics;
use crate::{Error, InputError, Result};

/// A column the import reads: the names it may have (lower case, first found wins) and
/// what it holds, for messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Role {
    /// Accepted names, lower case, in order of preference.
    pub names: &'static [&'static str],
    /// What the column holds, in words (for the refusal message).
    pub meaning: &'static str,
}

/// Declares the [`Role`]s of a file and the column list (`$spec`, a `&[Column]` of
/// optional columns) that accepts every name of every role, so each name is written once:
/// `roles! { SPEC; CODE: ["gwb_code", "gemeentecode"] => "the municipality code"; }`.
macro_rules! roles {
    ($(#[$spec_doc:meta])* $spec:ident; $($(#[$doc:meta])* $role:ident: [$($name:literal),+] => $meaning:literal;)+) => {
        $(
            $(#[$doc])*
            const $role: Role = Role { names: &[$($name),+], meaning: $meaning };
        )+
        $(#[$spec_doc])*
        const $spec: &[Column] = &[$($(opt($name)),+),+];
    };
}
pub(crate) use roles;

/// One cell that should hold a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell {
    /// A number.
    Value(f64),
    /// CBS's `.`: secret or not known.
    Secret,
    /// An empty cell.
    Blank,
    /// The file has no such column.
    Absent,
    /// The cell could not be read (an error was recorded).
    Invalid,
}

impl Cell {
    /// The number, if there is one.
    pub(crate) fn value(self) -> Option<f64> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Why there is no number, in words ("secret ('.')", "empty", …).
    pub(crate) fn why_missing(self) -> &'static str {
        match self {
            Cell::Value(_) => "present",
            Cell::Secret => "secret ('.')",
            Cell::Blank => "empty",
            Cell::Absent => "not in the file",
            Cell::Invalid => "not readable",
        }
    }
}

/// An opened CSV file with its columns bound.
pub(crate) struct Table {
    /// The file as the user named it.
    pub display: String,
    /// The placeholder name the case reader records errors under.
    label: &'static str,
    table: CsvTable,
    bound: Bound,
    /// Lower-case header names present.
    header: Vec<String>,
    /// Errors and (ignored) warnings of the reader.
    pub diag: Diagnostics,
}

impl Table {
    /// Reads `path`. `spec` lists every column name any role may use (all optional:
    /// required roles are checked here, so that a missing one is refused with a message
    /// naming the file, the column and what it holds). Returns every problem found.
    pub(crate) fn open(
        path: &Path,
        label: &'static str,
        spec: &'static [Column],
        required: &[Role],
    ) -> Result<Table, Vec<InputError>> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            vec![InputError::file(
                display.clone(),
                format!("cannot be read: {e}"),
            )]
        })?;
        let mut diag = Diagnostics::default();
        let relabel = |diag: Diagnostics| -> Vec<InputError> {
            diag.errors
                .into_iter()
                .map(|mut e| {
                    if e.at.file == label {
                        e.at.file.clone_from(&display);
                    }
                    e
                })
                .collect()
        };
        let Some(text) = decode(label, &bytes, &mut diag) else {
            return Err(relabel(diag));
        };
        let (header_line, header) = header_of(&text);
        let mut missing = Vec::new();
        for role in required {
            if !role.names.iter().any(|n| header.iter().any(|h| h == n)) {
                let names = role
                    .names
                    .iter()
                    .map(|n| format!("'{n}'"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                missing.push(InputError::cell(
                    display.clone(),
                    header_line,
                    role.names[0],
                    format!(
                        "missing column {names} ({}): the file cannot be read without it; \
                         check that it is the right file, exactly as CBS publishes it \
                         (the header has {} columns)",
                        role.meaning,
                        header.len()
                    ),
                ));
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let Some(table) = CsvTable::parse(label, &text, &mut diag) else {
            return Err(relabel(diag));
        };
        let Some(bound) = table.bind(spec, &mut diag) else {
            return Err(relabel(diag));
        };
        if !diag.errors.is_empty() {
            return Err(relabel(diag));
        }
        Ok(Table {
            display,
            label,
            table,
            bound,
            header,
            diag,
        })
    }

    /// The name under which the file has `role`, if it has it.
    pub(crate) fn column(&self, role: &Role) -> Option<&'static str> {
        role.names
            .iter()
            .copied()
            .find(|n| self.header.iter().any(|h| h == n))
    }

    /// The data rows, in file order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.table.rows(&self.bound)
    }

    /// The errors recorded while reading cells, under the file's real name.
    pub(crate) fn take_errors(&mut self) -> Vec<InputError> {
        let recorded = std::mem::take(&mut self.diag.errors);
        self.relabel(recorded)
    }

    /// `errors` recorded under the placeholder name, under the file's real name.
    fn relabel(&self, errors: Vec<InputError>) -> Vec<InputError> {
        errors
            .into_iter()
            .map(|mut e| {
                if e.at.file == self.label {
                    e.at.file.clone_from(&self.display);
                }
                e
            })
            .collect()
    }

    /// An error in `column` (the name the file has it under) at `line` of this file.
    pub(crate) fn cell_error(
        &self,
        line: u64,
        column: Option<&'static str>,
        message: String,
    ) -> InputError {
        InputError::cell(
            self.display.clone(),
            line,
            column.unwrap_or_default(),
            message,
        )
    }

    /// The end of reading the file: `errors`, those recorded while reading cells (here
    /// and in `cells`) and, when nothing else is wrong, `empty` (the refusal of a file
    /// that gave no rows, if it gave none), sorted; `Ok` when there are none.
    pub(crate) fn finish(
        &mut self,
        mut errors: Vec<InputError>,
        cells: Diagnostics,
        empty: Option<&str>,
    ) -> Result<()> {
        errors.extend(self.take_errors());
        errors.extend(self.relabel(cells.errors));
        if let (Some(why), true) = (empty, errors.is_empty()) {
            errors.push(InputError::file(self.display.clone(), why));
        }
        if errors.is_empty() {
            return Ok(());
        }
        errors.sort();
        Err(Error::Input(errors))
    }
}

/// The trimmed text of `col` in `row` (`None` when blank or the column is absent).
pub(crate) fn text(row: &Row<'_>, col: Option<&'static str>) -> Option<String> {
    col.and_then(|c| row.text(c))
}

/// The number in `col` of `row`: `.` is [`Cell::Secret`], an empty cell [`Cell::Blank`];
/// anything else must be a number ≥ 0 (with the case reader's decimal-mark rule).
pub(crate) fn number(row: &Row<'_>, col: Option<&'static str>, diag: &mut Diagnostics) -> Cell {
    let Some(col) = col else {
        return Cell::Absent;
    };
    match row.text(col).as_deref() {
        None => Cell::Blank,
        Some(".") => Cell::Secret,
        Some(_) => match row.opt_number(col, Check::NonNegative, diag) {
            Ok(Some(v)) => Cell::Value(v),
            Ok(None) => Cell::Blank,
            Err(()) => Cell::Invalid,
        },
    }
}

/// The 1-based line and the lower-case, trimmed names of the header: the first line
/// with a letter or digit, split at `;` if it has one, else at `,` (quotes respected).
fn header_of(text: &str) -> (u64, Vec<String>) {
    let Some((index, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.chars().any(char::is_alphanumeric))
    else {
        return (1, Vec::new());
    };
    let delimiter = if line.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    let names = reader
        .records()
        .next()
        .and_then(|r| r.ok())
        .map(|r| r.iter().map(|f| f.trim().to_lowercase()).collect())
        .unwrap_or_default();
    (u64::try_from(index).map_or(u64::MAX, |i| i + 1), names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_is_found_and_lowercased() {
        let (line, names) = header_of("\r\nGWB_code ; A_woning;\"x;y\"\r\n1;2;3\r\n");
        assert_eq!(line, 2);
        assert_eq!(names, vec!["gwb_code", "a_woning", "x;y"]);
        let (_, names) = header_of("code,region\n");
        assert_eq!(names, vec!["code", "region"]);
    }
}
