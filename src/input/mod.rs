//! Reading a case folder (spec §3) into a validated [`Case`].
//!
//! [`read_case`] reads every file of the folder, checks each cell, then checks across
//! rows and files, and returns either a [`Case`] that holds no invalid value or every
//! problem found at once as [`crate::Error::Input`], sorted by file and line. A file
//! that cannot be read at all (missing, empty, missing a column) only suppresses the
//! checks that depend on it; every other file is still checked.
//!
//! The pieces: `csvread` opens every CSV file (encoding, BOM, delimiter, decimal mark,
//! header), [`number`] holds the rule for reading numbers without guessing, `rows`
//! turns each file into `*Row` structs, `settings` reads settings.toml, and `assemble`
//! checks references, duplicates, coverage and sums and builds the [`Case`].

mod assemble;
pub(crate) mod csvread;
pub mod number;
mod plausible;
mod rows;
pub(crate) mod settings;
pub(crate) mod suggest;

pub use settings::KEYS as SETTINGS_KEYS;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::case::Case;
use crate::{Error, InputError, Result, Warning};

use self::csvread::{decode, CsvTable};

/// Options that change how a case folder is read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Overrides settings.toml's `households_variant` (the CLI's `--variant`).
    pub variant: Option<String>,
    /// Keys that replace (or add to) the keys of settings.toml before validation, as
    /// scenario files will do. Empty by default.
    pub settings_overrides: toml::Table,
    /// `--robust`: robust mode (spec v2 §6b) with the defaults of §3 when settings.toml
    /// has no `[robust]` table.
    pub robust: bool,
}

/// municipalities.csv
pub const MUNICIPALITIES: &str = "municipalities.csv";
/// segments.csv
pub const SEGMENTS: &str = "segments.csv";
/// stock.csv
pub const STOCK: &str = "stock.csv";
/// households.csv
pub const HOUSEHOLDS: &str = "households.csv";
/// demand_shares.csv (optional; its presence switches to segment mode)
pub const DEMAND_SHARES: &str = "demand_shares.csv";
/// costs.csv
pub const COSTS: &str = "costs.csv";
/// transformations.csv (optional)
pub const TRANSFORMATIONS: &str = "transformations.csv";
/// budgets.csv
pub const BUDGETS: &str = "budgets.csv";
/// funding.csv (optional, spec v2: what each funder may pay for)
pub const FUNDING: &str = "funding.csv";
/// settings.toml
pub const SETTINGS: &str = settings::FILE;

/// Every input file of a case folder and whether it is required, in file-name order
/// (the order of [`Case::inputs_sha256`]).
pub const INPUT_FILES: &[(&str, bool)] = &[
    (BUDGETS, true),
    (COSTS, true),
    (DEMAND_SHARES, false),
    (FUNDING, false),
    (HOUSEHOLDS, true),
    (MUNICIPALITIES, true),
    (SEGMENTS, true),
    (SETTINGS, true),
    (STOCK, true),
    (TRANSFORMATIONS, false),
];

/// Errors and warnings collected while reading a case.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    /// Every problem found.
    pub errors: Vec<InputError>,
    /// Every warning.
    pub warnings: Vec<Warning>,
}

impl Diagnostics {
    /// Records an error.
    pub(crate) fn error(&mut self, e: InputError) {
        self.errors.push(e);
    }

    /// Records a warning about `file` (and a line of it), in Dutch and English.
    pub(crate) fn warn(
        &mut self,
        file: &str,
        line: Option<u64>,
        nl: impl std::fmt::Display,
        en: impl std::fmt::Display,
    ) {
        self.warnings
            .push(Warning::new(file, line, nl.to_string(), en.to_string()));
    }

    /// Records a warning built by the caller (with a column).
    pub(crate) fn push_warning(&mut self, w: Warning) {
        self.warnings.push(w);
    }

    /// The warnings sorted by file and line, without repeats.
    fn sorted_warnings(&self) -> Vec<Warning> {
        let mut sorted = self.warnings.clone();
        crate::warning::sort_and_dedup(&mut sorted);
        sorted
    }
}

/// Reads and validates the case in `dir`. Returns every problem found at once as
/// [`crate::Error::Input`], sorted by file and line.
pub fn read_case(dir: &Path, options: &ReadOptions) -> Result<Case> {
    read_case_timed(dir, options).map(|(case, _)| case)
}

/// Seconds spent in the two phases of reading a case, for summary.json.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ReadTimings {
    /// Reading the files and parsing every row into typed values.
    pub read: f64,
    /// Checking the rows against each other and assembling the case (the checks across
    /// files, interpolation, budgets per period).
    pub validate: f64,
}

/// [`read_case`], with the time spent reading and validating.
pub fn read_case_timed(dir: &Path, options: &ReadOptions) -> Result<(Case, ReadTimings)> {
    let clock = std::time::Instant::now();
    let mut validate = 0.0;
    let case = read_dir_into_case(dir, options, &mut validate)?;
    let total = clock.elapsed().as_secs_f64();
    let timings = ReadTimings {
        read: (total - validate).max(0.0),
        validate,
    };
    Ok((case, timings))
}

fn read_dir_into_case(dir: &Path, options: &ReadOptions, validate: &mut f64) -> Result<Case> {
    if !dir.is_dir() {
        return Err(Error::Input(vec![InputError::file(
            dir.display().to_string(),
            "the case folder does not exist or is not a folder",
        )]));
    }
    let mut d = Diagnostics::default();
    let files = read_files(dir, &mut d);
    read_files_into_case(&files, d, &dir.display().to_string(), options, validate).map(
        |mut case| {
            case.name = case_name(dir);
            case
        },
    )
}

/// Reads and validates a case from the bytes of its files, keyed by file name (the
/// names of [`INPUT_FILES`]; other names are ignored), exactly as [`read_case`] reads
/// a folder holding them. A required file that is absent is reported as missing. The
/// case is named `name`. For fuzzing and tests, which need no folder on disk.
#[doc(hidden)]
pub fn read_case_from_bytes(
    name: &str,
    files: &BTreeMap<String, Vec<u8>>,
    options: &ReadOptions,
) -> Result<Case> {
    let mut d = Diagnostics::default();
    let mut present = BTreeMap::new();
    for &(file, required) in INPUT_FILES {
        match files.get(file) {
            Some(bytes) => {
                present.insert(file, bytes.clone());
            }
            None if required => d.error(InputError::file(
                file,
                "missing: this file is required in the case folder",
            )),
            None => {}
        }
    }
    read_files_into_case(&present, d, name, options, &mut 0.0).map(|mut case| {
        case.name = name.to_string();
        case
    })
}

/// The common part of [`read_case`] and [`read_case_from_bytes`]: parses and checks the
/// bytes of the files present, with the problems `d` already holds (missing files).
/// `place` names the case in the message of an internal error. The seconds spent
/// validating (everything after parsing the rows) are added to `validate`.
fn read_files_into_case(
    files: &BTreeMap<&'static str, Vec<u8>>,
    mut d: Diagnostics,
    place: &str,
    options: &ReadOptions,
    validate: &mut f64,
) -> Result<Case> {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update([0u8]);
        hasher.update(bytes);
        hasher.update([0u8]);
    }
    let inputs_sha256 = hasher
        .finalize()
        .iter()
        .fold(String::with_capacity(64), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        });

    let table = |name: &'static str, d: &mut Diagnostics| -> Option<CsvTable> {
        let bytes = files.get(name)?;
        let text = decode(name, bytes, d)?;
        CsvTable::parse(name, &text, d)
    };
    // The four files that grow with the number of municipalities are parsed in parallel.
    let (((households, d1), (demand_shares, d2)), ((stock, d3), (costs, d4))) = rayon::join(
        || {
            rayon::join(
                || parse_file(files, HOUSEHOLDS, rows::households),
                || parse_file(files, DEMAND_SHARES, rows::demand_shares),
            )
        },
        || {
            rayon::join(
                || parse_file(files, STOCK, rows::stock),
                || parse_file(files, COSTS, rows::costs),
            )
        },
    );
    for own in [d1, d2, d3, d4] {
        d.errors.extend(own.errors);
        d.warnings.extend(own.warnings);
    }
    let municipalities =
        table(MUNICIPALITIES, &mut d).and_then(|t| rows::municipalities(&t, &mut d));
    let segments = table(SEGMENTS, &mut d).and_then(|t| rows::segments(&t, &mut d));
    let transformations =
        table(TRANSFORMATIONS, &mut d).and_then(|t| rows::transformations(&t, &mut d));
    let budgets = table(BUDGETS, &mut d).and_then(|t| rows::budgets(&t, &mut d));
    let funding = table(FUNDING, &mut d).and_then(|t| rows::funding(&t, &mut d));
    let settings = files
        .get(SETTINGS)
        .and_then(|bytes| decode(SETTINGS, bytes, &mut d))
        .and_then(|text| {
            settings::parse(&text, &options.settings_overrides, options.robust, &mut d)
        });

    let clock = std::time::Instant::now();
    let inputs = assemble::Inputs {
        municipalities,
        segments,
        stock,
        households,
        demand_shares_present: files.contains_key(DEMAND_SHARES),
        demand_shares,
        costs,
        transformations_present: files.contains_key(TRANSFORMATIONS),
        transformations,
        budgets,
        funding_present: files.contains_key(FUNDING),
        funding,
        settings,
    };
    let case = assemble::assemble(inputs, options, &mut d);

    d.errors.sort();
    d.errors.dedup();
    if !d.errors.is_empty() {
        return Err(Error::Input(d.errors));
    }
    let Some(mut case) = case else {
        return Err(Error::Input(vec![InputError::file(
            place,
            "the case could not be assembled (an internal error: please report it)",
        )]));
    };
    case.inputs_sha256 = inputs_sha256;
    case.warnings = d.sorted_warnings();
    *validate += clock.elapsed().as_secs_f64();
    Ok(case)
}

/// One file's rows, with its own problems (merged by the caller; errors and warnings are
/// sorted at the end, so the order of merging does not show).
fn parse_file<T>(
    files: &BTreeMap<&'static str, Vec<u8>>,
    name: &'static str,
    rows_of: fn(&CsvTable, &mut Diagnostics) -> Option<T>,
) -> (Option<T>, Diagnostics) {
    let mut own = Diagnostics::default();
    let rows = files
        .get(name)
        .and_then(|bytes| decode(name, bytes, &mut own))
        .and_then(|text| CsvTable::parse(name, &text, &mut own))
        .and_then(|t| rows_of(&t, &mut own));
    (rows, own)
}

/// Reads the bytes of every input file present, in file-name order. A missing required
/// file is an error; so is any other failure to read a present one.
fn read_files(dir: &Path, d: &mut Diagnostics) -> BTreeMap<&'static str, Vec<u8>> {
    let listing: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut files = BTreeMap::new();
    for &(name, required) in INPUT_FILES {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) => {
                files.insert(name, bytes);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let similar = listing.iter().find(|f| {
                    f.eq_ignore_ascii_case(name) || f.eq_ignore_ascii_case(&format!("{name}.txt"))
                });
                match similar {
                    Some(f) => d.error(InputError::file(
                        name,
                        format!("missing: found '{f}' instead; rename it to '{name}'"),
                    )),
                    None if required => d.error(InputError::file(
                        name,
                        "missing: this file is required in the case folder",
                    )),
                    None => {}
                }
            }
            Err(e) => d.error(InputError::file(name, format!("cannot be read: {e}"))),
        }
    }
    files
}

/// The case's name: the folder's file name (of its canonical path for `.` and the like).
/// Also the name of a plain case's output folder (`outputs/<name>`).
pub fn case_name(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            dir.canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        });
    name.unwrap_or_else(|| "case".to_string())
}
