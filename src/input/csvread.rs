//! The one place where CSV files of a case are opened: encoding, BOM, delimiter, header,
//! ragged rows and the typed reading of cells (numbers with the decimal-mark rule of
//! [`super::number`], years, texts).
//!
//! Rules:
//!
//! - Encoding: a UTF-8 BOM is dropped; a file that is not valid UTF-8 is decoded as
//!   Windows-1252 with a warning. UTF-16 (a BOM `FF FE`/`FE FF`, or NUL bytes) is an error.
//! - Delimiter: detected from the header line (the first line with a letter or digit),
//!   counting only characters outside double quotes. Only `;` → `;`; only `,` → `,`;
//!   both → error (column names contain neither, so the file cannot be read without a
//!   guess); neither → a one-column header read with `,` (a file that needs more columns
//!   then fails with "missing column", with a hint about the delimiter), except that a
//!   header with tabs is an error (tab-separated files are not supported).
//! - With `;` the decimal mark is `,` (see [`super::number`] for the exact rule).
//! - Header names are trimmed and matched case-insensitively; columns that are not used
//!   are ignored with a warning; a used column given twice is an error.
//! - Every cell is trimmed. Lines that are empty or hold only delimiters and spaces are
//!   skipped. A row with a different number of fields than the header is an error
//!   (extra trailing fields that are all empty, as spreadsheets sometimes write, are
//!   accepted).
//! - Line numbers are 1-based lines of the file: the header is line 1 unless blank lines
//!   precede it.

use std::fmt::Write as _;

use super::number::{parse_number, parse_year};
use super::Diagnostics;
use crate::{InputError, Warning};

/// Decodes the bytes of an input file into text: UTF-8 (BOM dropped) or, failing that,
/// Windows-1252 with a warning. Returns `None` (after recording an error) for UTF-16 or
/// binary files.
pub(crate) fn decode(file: &str, bytes: &[u8], diag: &mut Diagnostics) -> Option<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        diag.error(InputError::file(
            file,
            "the file is UTF-16 encoded; save it as UTF-8 (\"CSV UTF-8\") or as Windows \
             \"CSV (semicolon/comma delimited)\"",
        ));
        return None;
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.contains(&0) {
        diag.error(InputError::file(
            file,
            "the file contains NUL bytes: it is not a text file (or it is UTF-16 without \
             BOM); save it as UTF-8",
        ));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let line = 1 + bytes
                .get(..e.valid_up_to())
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
            diag.warn(
                file,
                None,
                format!(
                    "geen geldige UTF-8 (voor het eerst op regel {line}); gelezen als \
                     Windows-1252; controleer letters als ë en é en sla het bestand op als \
                     CSV UTF-8 om deze waarschuwing te voorkomen"
                ),
                format!(
                    "not valid UTF-8 (first at line {line}); read as Windows-1252; check \
                     letters such as ë and é, and save the file as UTF-8 to avoid this warning"
                ),
            );
            Some(text.into_owned())
        }
    }
}

/// A column a file may have: its name (lower case, as in the spec) and whether it is
/// required.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// The column name as the spec writes it (lower case).
    pub name: &'static str,
    /// Whether the file must have this column.
    pub required: bool,
}

/// A required column.
pub(crate) const fn req(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

/// An optional column.
pub(crate) const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

/// The largest magnitude any number in a case may have.
pub(crate) const MAX_MAGNITUDE: f64 = 1e12;
/// The smallest value a number that must be positive may have.
pub(crate) const MIN_POSITIVE: f64 = 1e-6;

/// What a number cell must satisfy beyond being finite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Any finite number.
    Any,
    /// ≥ 0.
    NonNegative,
    /// > 0.
    Positive,
    /// Within [0, 1].
    Share,
    /// Within (0, 1]: a share that must be positive (funding.csv's max_share).
    PositiveShare,
}

#[derive(Debug)]
struct Record {
    line: u64,
    fields: Vec<String>,
}

/// A parsed CSV file: header and data rows, all cells trimmed, blank lines dropped.
#[derive(Debug)]
pub(crate) struct CsvTable {
    file: &'static str,
    decimal_comma: bool,
    header: Vec<String>,
    header_line: u64,
    records: Vec<Record>,
    /// Ragged rows (already reported), kept to learn the names they define.
    broken: Vec<Record>,
}

/// The columns of a file bound to positions in its header.
#[derive(Debug)]
pub(crate) struct Bound {
    spec: &'static [Column],
    index: Vec<Option<usize>>,
}

impl CsvTable {
    /// Parses the text of `file`. Returns `None` (after recording errors) when the file
    /// has no header or cannot be split into fields. Ragged rows are reported and left out.
    pub(crate) fn parse(file: &'static str, text: &str, diag: &mut Diagnostics) -> Option<Self> {
        let Some(header_text) = text.lines().find(|l| l.chars().any(char::is_alphanumeric)) else {
            diag.error(InputError::file(
                file,
                "the file is empty: it needs a header row with the column names",
            ));
            return None;
        };
        let delimiter = detect_delimiter(file, header_text, diag)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let newlines: Vec<u64> = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i as u64)
            .collect();
        let mut header: Option<(u64, Vec<String>)> = None;
        let mut records = Vec::new();
        let mut broken = Vec::new();
        for result in reader.records() {
            let record = match result {
                Ok(r) => r,
                Err(e) => {
                    let err = match e.position() {
                        Some(p) => InputError::line(
                            file,
                            line_at(&newlines, p.byte()),
                            format!("unreadable: {e}"),
                        ),
                        None => InputError::file(file, format!("unreadable: {e}")),
                    };
                    diag.error(err);
                    return None;
                }
            };
            // csv's own line count ignores blank lines, and its byte offset is where the
            // blank lines before the record start: skip those, then count newlines.
            let line = record.position().map_or(0, |p| {
                let start = usize::try_from(p.byte()).unwrap_or(usize::MAX);
                let skipped = text.as_bytes().get(start..).map_or(0, |rest| {
                    rest.iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count()
                });
                line_at(&newlines, p.byte().saturating_add(skipped as u64))
            });
            let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            if fields.iter().all(String::is_empty) {
                continue;
            }
            match &header {
                None => header = Some((line, fields)),
                Some((_, names)) => {
                    let n = names.len();
                    let extra_empty = fields.len() > n && fields[n..].iter().all(String::is_empty);
                    if fields.len() == n || extra_empty {
                        let mut fields = fields;
                        fields.truncate(n);
                        records.push(Record { line, fields });
                    } else {
                        broken.push(Record {
                            line,
                            fields: fields.clone(),
                        });
                        diag.error(InputError::line(
                            file,
                            line,
                            format!(
                                "the row has {} field(s) but the header has {}; check the \
                                 delimiter '{}' and quotes in this row",
                                fields.len(),
                                n,
                                char::from(delimiter)
                            ),
                        ));
                    }
                }
            }
        }
        let Some((header_line, header)) = header else {
            diag.error(InputError::file(
                file,
                "the file is empty: it needs a header row with the column names",
            ));
            return None;
        };
        Some(CsvTable {
            file,
            decimal_comma: delimiter == b';',
            header,
            header_line,
            records,
            broken,
        })
    }

    /// Binds the columns of `spec` to the header. Missing required columns are errors
    /// (returns `None`), unused columns are warnings, a used column given twice is an error.
    pub(crate) fn bind(&self, spec: &'static [Column], diag: &mut Diagnostics) -> Option<Bound> {
        let mut index = vec![None; spec.len()];
        let mut ok = true;
        for (pos, name) in self.header.iter().enumerate() {
            let lower = name.to_lowercase();
            match spec.iter().position(|c| c.name == lower) {
                Some(i) => match index[i] {
                    None => index[i] = Some(pos),
                    Some(first) => {
                        diag.error(InputError::cell(
                            self.file,
                            self.header_line,
                            name.clone(),
                            format!(
                                "column '{}' appears twice (columns {} and {})",
                                spec[i].name,
                                first + 1,
                                pos + 1
                            ),
                        ));
                        ok = false;
                    }
                },
                None if name.is_empty() => {
                    let used = self
                        .records
                        .iter()
                        .any(|r| r.fields.get(pos).is_some_and(|f| !f.is_empty()));
                    if used {
                        diag.warn(
                            self.file,
                            Some(self.header_line),
                            format!(
                                "kolom {} heeft geen naam en wordt genegeerd, maar heeft \
                                 waarden",
                                pos + 1
                            ),
                            format!(
                                "column {} has no name; it is ignored, but it holds values",
                                pos + 1
                            ),
                        );
                    }
                }
                None => {
                    let known: Vec<&str> = spec.iter().map(|c| c.name).collect();
                    let mut nl = format!("kolom '{name}' wordt niet gebruikt en genegeerd");
                    let mut en = format!("column '{name}' is not used and is ignored");
                    if let Some(s) = super::suggest::nearest(&lower, &known) {
                        let _ = write!(nl, " (bedoelt u '{s}'?)");
                        let _ = write!(en, " (did you mean '{s}'?)");
                    }
                    diag.push_warning(
                        Warning::new(self.file, Some(self.header_line), nl, en).in_column(name),
                    );
                }
            }
        }
        for (i, col) in spec.iter().enumerate() {
            if col.required && index[i].is_none() {
                let mut msg = format!("missing required column '{}'", col.name);
                if self.header.len() == 1 && spec.iter().filter(|c| c.required).count() > 1 {
                    let _ = write!(
                        msg,
                        " (the header '{}' has a single column: the delimiter must be ',' \
                         or ';')",
                        self.header.first().map_or("", String::as_str)
                    );
                } else {
                    let _ = write!(msg, "; the header has: {}", self.header.join(", "));
                }
                diag.error(InputError::cell(self.file, self.header_line, col.name, msg));
                ok = false;
            }
        }
        ok.then_some(Bound { spec, index })
    }

    /// Whether some rows were left out for a wrong number of fields.
    pub(crate) fn has_broken_rows(&self) -> bool {
        !self.broken.is_empty()
    }

    /// The cells of column `col` in the ragged rows, where the row reaches that far: a
    /// best effort to learn which names a file meant to define, so that references to
    /// them are not reported as unknown on top of the ragged row.
    pub(crate) fn broken_cells(&self, bound: &Bound, col: &str) -> Vec<String> {
        let Some(pos) = bound
            .spec
            .iter()
            .position(|c| c.name == col)
            .and_then(|i| bound.index.get(i).copied().flatten())
        else {
            return Vec::new();
        };
        self.broken
            .iter()
            .filter_map(|r| r.fields.get(pos))
            .filter(|f| !f.is_empty())
            .cloned()
            .collect()
    }

    /// The data rows, in file order.
    pub(crate) fn rows<'a>(&'a self, bound: &'a Bound) -> impl Iterator<Item = Row<'a>> + 'a {
        self.records.iter().map(move |rec| Row {
            table: self,
            bound,
            rec,
        })
    }
}

/// The 1-based line of byte offset `byte`, given the offsets of every `\n`.
fn line_at(newlines: &[u64], byte: u64) -> u64 {
    let before = newlines.partition_point(|&n| n < byte);
    u64::try_from(before).map_or(u64::MAX, |b| b.saturating_add(1))
}

/// Detects the delimiter from the header line (see the module docs).
fn detect_delimiter(file: &str, header: &str, diag: &mut Diagnostics) -> Option<u8> {
    let (mut commas, mut semicolons, mut tabs) = (0, 0, 0);
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    match (commas > 0, semicolons > 0) {
        (true, false) => Some(b','),
        (false, true) => Some(b';'),
        (true, true) => {
            diag.error(InputError::file(
                file,
                format!(
                    "the header '{}' contains both ',' and ';', so the delimiter cannot be \
                     told; column names contain neither: use one delimiter only",
                    header.trim()
                ),
            ));
            None
        }
        (false, false) if tabs > 0 => {
            diag.error(InputError::file(
                file,
                "the header is separated by tabs; the delimiter must be ',' or ';'",
            ));
            None
        }
        (false, false) => Some(b','),
    }
}

/// One data row of a [`CsvTable`], with typed access to its cells.
pub(crate) struct Row<'a> {
    table: &'a CsvTable,
    bound: &'a Bound,
    rec: &'a Record,
}

impl Row<'_> {
    /// The 1-based line number of the row in its file.
    pub(crate) fn line(&self) -> u64 {
        self.rec.line
    }

    /// The column's header as the file spells it, or the spec name when absent.
    fn header_name(&self, col: &str) -> String {
        self.position(col)
            .and_then(|p| self.table.header.get(p))
            .cloned()
            .unwrap_or_else(|| col.to_string())
    }

    fn position(&self, col: &str) -> Option<usize> {
        let i = self.bound.spec.iter().position(|c| c.name == col)?;
        self.bound.index.get(i).copied().flatten()
    }

    /// The trimmed cell; `""` when the column is absent.
    fn raw(&self, col: &str) -> &str {
        self.position(col)
            .and_then(|p| self.rec.fields.get(p))
            .map_or("", String::as_str)
    }

    pub(crate) fn cell_error(&self, col: &str, message: String) -> InputError {
        InputError::cell(
            self.table.file,
            self.rec.line,
            self.header_name(col),
            message,
        )
    }

    /// The cell as text, `None` when blank or the column is absent.
    pub(crate) fn text(&self, col: &str) -> Option<String> {
        let raw = self.raw(col);
        (!raw.is_empty()).then(|| raw.to_string())
    }

    /// The cell as text; a blank cell is an error.
    pub(crate) fn req_text(&self, col: &str, diag: &mut Diagnostics) -> Option<String> {
        let t = self.text(col);
        if t.is_none() {
            diag.error(self.cell_error(col, format!("{col} is empty: a value is required")));
        }
        t
    }

    /// The cell as a number satisfying `check`; a blank cell is an error.
    pub(crate) fn number(&self, col: &str, check: Check, diag: &mut Diagnostics) -> Option<f64> {
        match self.opt_number(col, check, diag) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                diag.error(self.cell_error(col, format!("{col} is empty: a number is required")));
                None
            }
            Err(()) => None,
        }
    }

    /// The cell as a number satisfying `check`, `Ok(None)` when blank; `Err` after
    /// recording an error.
    pub(crate) fn opt_number(
        &self,
        col: &str,
        check: Check,
        diag: &mut Diagnostics,
    ) -> Result<Option<f64>, ()> {
        let raw = self.raw(col);
        if raw.is_empty() {
            return Ok(None);
        }
        let value = match parse_number(raw, self.table.decimal_comma) {
            Ok(v) => v,
            Err(reason) => {
                diag.error(self.cell_error(col, format!("{col} '{raw}' {reason}")));
                return Err(());
            }
        };
        let problem = match check {
            // Beyond this no Dutch (or any) housing figure lies, and the LP's numerics
            // would suffer: almost always a unit or typing mistake.
            _ if value.abs() > MAX_MAGNITUDE => {
                Some("is implausibly large (more than 1e12); check the unit and the digits")
            }
            Check::Positive if value < MIN_POSITIVE => Some("must be > 0 (and at least 0.000001)"),
            Check::Any => None,
            Check::NonNegative if value < 0.0 => Some("is negative; it must be ≥ 0"),
            Check::Positive if value <= 0.0 => Some("must be > 0"),
            Check::Share if !(0.0..=1.0).contains(&value) => {
                Some("must be a share between 0 and 1 (write 25 % as 0.25)")
            }
            Check::PositiveShare if !(value > 0.0 && value <= 1.0) => Some(
                "must be a share above 0 and at most 1 (write 70 % as 0.7; leave the row \
                 out if the funder pays nothing)",
            ),
            _ => None,
        };
        match problem {
            Some(p) => {
                diag.error(self.cell_error(col, format!("{col} '{raw}' {p}")));
                Err(())
            }
            None => Ok(Some(value)),
        }
    }

    /// The cell as a year; a blank cell is an error.
    pub(crate) fn year(&self, col: &str, diag: &mut Diagnostics) -> Option<i32> {
        match self.opt_year(col, diag) {
            Ok(Some(y)) => Some(y),
            Ok(None) => {
                diag.error(self.cell_error(col, format!("{col} is empty: a year is required")));
                None
            }
            Err(()) => None,
        }
    }

    /// The cell as a year, `Ok(None)` when blank; `Err` after recording an error.
    pub(crate) fn opt_year(&self, col: &str, diag: &mut Diagnostics) -> Result<Option<i32>, ()> {
        let raw = self.raw(col);
        if raw.is_empty() {
            return Ok(None);
        }
        match parse_year(raw) {
            Ok(y) => Ok(Some(y)),
            Err(reason) => {
                diag.error(self.cell_error(col, format!("{col} '{raw}' {reason}")));
                Err(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &[Column] = &[req("a"), req("b"), opt("c")];

    fn parse(text: &str) -> (Option<CsvTable>, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = CsvTable::parse("t.csv", text, &mut d);
        (t, d)
    }

    /// `text` parsed without errors and bound to [`SPEC`].
    fn bound(text: &str) -> (CsvTable, Bound) {
        let (t, d) = parse(text);
        let t = t.unwrap();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        let mut d = Diagnostics::default();
        let b = t.bind(SPEC, &mut d).unwrap();
        (t, b)
    }

    #[test]
    fn blank_lines_are_skipped_and_counted() {
        let (t, b) = bound("\nA , b\n\n1,2\n,,\n ,  \n\n3,4\n\n");
        let lines: Vec<u64> = t.rows(&b).map(|r| r.line()).collect();
        assert_eq!(lines, vec![4, 8]);
        assert_eq!(t.header_line, 2);
    }

    #[test]
    fn crlf_and_quoted_header() {
        let (t, b) = bound("\"a\";\"B\"\r\n\r\n1;2\r\n\"3\";\"4;5\"\r\n");
        let rows: Vec<(u64, Option<String>)> =
            t.rows(&b).map(|r| (r.line(), r.text("b"))).collect();
        assert_eq!(rows, [(3, Some("2".into())), (4, Some("4;5".into()))]);
    }

    #[test]
    fn semicolon_and_decimal_comma() {
        let (t, _) = parse("a;b\n1,5;\"2,25\"\n");
        let t = t.unwrap();
        let mut d = Diagnostics::default();
        let b = t.bind(SPEC, &mut d).unwrap();
        let row = t.rows(&b).next().unwrap();
        assert_eq!(row.number("a", Check::Any, &mut d), Some(1.5));
        assert_eq!(row.number("b", Check::Any, &mut d), Some(2.25));
    }

    #[test]
    fn both_delimiters_in_header_is_an_error() {
        let (t, d) = parse("a;b,c\n");
        assert!(t.is_none());
        assert!(d.errors[0].message.contains("both"));
    }

    #[test]
    fn ragged_rows_are_errors() {
        let (t, d) = parse("a,b\n1,2,3\n1\n4,5,,\n");
        let t = t.unwrap();
        assert_eq!(d.errors.len(), 2);
        assert_eq!(d.errors[0].at.line, Some(2));
        assert_eq!(d.errors[1].at.line, Some(3));
        let mut d = Diagnostics::default();
        let b = t.bind(SPEC, &mut d).unwrap();
        assert_eq!(t.rows(&b).count(), 1);
    }

    #[test]
    fn missing_and_extra_columns() {
        let (t, _) = parse("a,x\n1,2\n");
        let mut d = Diagnostics::default();
        assert!(t.unwrap().bind(SPEC, &mut d).is_none());
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].message.contains("'b'"));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn windows_1252_fallback() {
        let mut d = Diagnostics::default();
        let text = decode("m.csv", b"S\xfadwest-Frysl\xe2n", &mut d).unwrap();
        assert_eq!(text, "Súdwest-Fryslân");
        assert_eq!(d.warnings.len(), 1);
        let text = decode("m.csv", b"\xef\xbb\xbfa;b", &mut d).unwrap();
        assert_eq!(text, "a;b");
        assert!(decode("m.csv", b"\xff\xfea\x00", &mut d).is_none());
    }
}
