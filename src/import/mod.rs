//! `restock import-cbs`: turns the CBS "Kerncijfers wijken en buurten" (KWB) municipality
//! file, exactly as CBS publishes it (`;`, decimal comma, CRLF, Windows-1252, `.` for
//! secret values), into a case folder that `restock plan` reads.
//!
//! What it makes, per municipality of the selection (`--regions FILE` or
//! `--municipalities CODES`):
//!
//! - the stock on 1 January of the base year in three segments (owner-occupied, social
//!   rent, private rent), from a_woning and the tenure percentages, split by largest
//!   remainders so that the segments add up exactly;
//! - the real private households of the base year (a_hh) and, for later years, the
//!   household projection variants of the assumptions file: scenario assumptions
//!   derived from the real population change between the base file and a later KWB file
//!   (`--kwb-later`), through municipal merges and splits (`--mapping`);
//! - costs (new build from the assumptions; owner-occupied and private-rent demolition
//!   includes buying the dwelling at the municipality's average WOZ value),
//!   transformations, illustrative budgets per region (with funders: per region and
//!   funder, and their rules in funding.csv), settings, demand shares;
//! - a README.md with the sources (and their SHA-256), every assumption with its basis,
//!   the data gaps and the command that regenerates the folder; and, with `--geojson`,
//!   the municipal boundaries as boundaries.geojson.
//!
//! Every assumption is data: the TOML file of [`assumptions`] (built in:
//! data/assumptions.toml). Columns of the CBS files are found by name, in any order,
//! among any others; a missing one is refused with exit code 2 naming the file and the
//! column. The same inputs give byte-identical files ([`generate`] builds them in memory;
//! [`import_cbs`] writes them, atomically, after checking that restock reads the result).

pub mod assumptions;
mod derive;
pub mod households;
mod kwb;
mod regions;
mod table;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use self::assumptions::{Assumptions, DemandMode, DEFAULT_ASSUMPTIONS_NAME};
use crate::input::{read_case, ReadOptions};
use crate::{Error, InputError, Location, Result};

/// Which municipalities the case holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// A list of codes (`GM0917` or `0917`), all in one region.
    Municipalities {
        /// The codes.
        codes: Vec<String>,
        /// The region they form.
        region: String,
    },
    /// A CSV file with a code column (`code`, `gemeentecodegm`, `gwb_code`,
    /// `gemeentecode` or `municipality`) and a region column (`region`, `regio`,
    /// `provincienaam` or `provincie`); other columns are ignored.
    Regions(PathBuf),
}

/// Everything `restock import-cbs` is told about the case it makes; where to write it is
/// [`import_cbs`]'s own argument ([`generate`] writes nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The CBS files the case is made from.
    pub sources: CbsSources,
    /// The municipalities and their regions.
    pub selection: Selection,
    /// The assumptions, the municipal boundaries and the households variant.
    pub choices: CaseChoices,
    /// What the case says about itself: its title and subtitle, and its README.md and
    /// LEESMIJ.md texts.
    pub texts: CaseTexts,
}

/// The CBS files an import reads and the years they stand for. The command line's
/// arguments too (`restock import-cbs` flattens them): the doc comments are its help.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct CbsSources {
    /// The CBS "Kerncijfers wijken en buurten" municipality file of the base year.
    #[arg(value_name = "KWB_FILE")]
    pub kwb: PathBuf,
    /// A later KWB file (or CBS 85984NED extract) with the population per municipality:
    /// the real population change since the base year drives the household variants.
    #[arg(long, value_name = "FILE")]
    pub kwb_later: Option<PathBuf>,
    /// The later file's year, if it has no peiljaar column and its name does not tell.
    #[arg(long, value_name = "YEAR")]
    pub later_year: Option<i32>,
    /// CSV file (from_code, to_code): where base-year municipalities went by the later
    /// year (merges and splits).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The base year, if the KWB file's name does not tell it.
    #[arg(long, value_name = "YEAR")]
    pub base_year: Option<i32>,
}

/// What an import takes besides the CBS files: the assumptions file, a GeoJSON
/// FeatureCollection of municipal boundaries (`properties.statcode`) to copy into the case,
/// and the households variant settings.toml selects. The command line's arguments too
/// (`restock import-cbs` flattens them): the doc comments are its help.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct CaseChoices {
    /// TOML file with every assumption [default: the built-in data/assumptions.toml].
    #[arg(long, value_name = "FILE")]
    pub assumptions: Option<PathBuf>,
    /// GeoJSON of municipal boundaries (properties.statcode): copied, filtered, into the
    /// case as boundaries.geojson.
    #[arg(long, value_name = "FILE")]
    pub geojson: Option<PathBuf>,
    /// The households variant settings.toml selects [default: the assumptions'].
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
}

/// The texts a case is given for its readers: the report's title and subtitle
/// (settings.toml) and what README.md and LEESMIJ.md say. The command line's arguments
/// too (`restock import-cbs` flattens them): the doc comments are its help.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct CaseTexts {
    /// Markdown put at the top of the case's README.md.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// The report's title, written into settings.toml [default: one made from the regions].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The report's subtitle, written into settings.toml.
    #[arg(long, value_name = "TEXT")]
    pub subtitle: Option<String>,
    /// A Dutch summary of the case (sources and assumptions, for the Dutch report),
    /// copied into the case as LEESMIJ.md.
    #[arg(long, value_name = "FILE")]
    pub leesmij: Option<PathBuf>,
}

/// What an import made.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportSummary {
    /// The base year.
    pub base_year: i32,
    /// The year of the later file, if one was given.
    pub later_year: Option<i32>,
    /// Number of municipalities.
    pub municipalities: usize,
    /// Number of regions.
    pub regions: usize,
    /// Dwellings in the base year.
    pub dwellings: u64,
    /// Private households in the base year.
    pub households: u64,
    /// The variant settings.toml selects.
    pub variant: String,
    /// Every variant.
    pub variants: Vec<String>,
    /// The files of the case folder, by name.
    pub files: Vec<String>,
    /// What was filled in or estimated (also listed in the README).
    pub warnings: Vec<String>,
}

/// The files of a case, in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// File name → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// What was made.
    pub summary: ImportSummary,
}

/// Builds the case files in memory (nothing is written).
pub fn generate(options: &ImportOptions) -> Result<Generated> {
    let (sources, choices, texts) = (&options.sources, &options.choices, &options.texts);
    let (assumptions, assumptions_text) = Assumptions::load(choices.assumptions.as_deref())?;
    let base_year = match sources.base_year {
        Some(y) => y,
        None => year_from_name(&sources.kwb).ok_or_else(|| {
            Error::Usage(format!(
                "give --base-year: the year of {} cannot be told from its name",
                sources.kwb.display()
            ))
        })?,
    };
    let base = kwb::read_base(&sources.kwb, sources.kwb_later.is_some())?;
    let members = match &options.selection {
        Selection::Municipalities { codes, region } => regions::from_codes(codes, region)?,
        Selection::Regions(path) => regions::read_regions(path)?,
    };

    let mut inputs = vec![(
        format!("CBS Kerncijfers wijken en buurten {base_year}, municipalities"),
        sources.kwb.display().to_string(),
        sha256_of(&sources.kwb)?,
    )];
    if let Selection::Regions(path) = &options.selection {
        inputs.push((
            "municipalities and regions".into(),
            path.display().to_string(),
            sha256_of(path)?,
        ));
    }

    let mut later_year = None;
    let mut growth = BTreeMap::new();
    if let Some(later_path) = &sources.kwb_later {
        let later = kwb::read_later(later_path)?;
        let year = match (later.year, sources.later_year) {
            (Some(a), Some(b)) if a != b => {
                return Err(Error::Usage(format!(
                    "--later-year {b} contradicts the year {a} in {}",
                    later.display
                )))
            }
            (Some(a), _) => a,
            (None, Some(b)) => b,
            (None, None) => year_from_name(later_path).ok_or_else(|| {
                Error::Usage(format!(
                    "give --later-year: the year of {} cannot be told from the file",
                    later.display
                ))
            })?,
        };
        if year <= base_year {
            return Err(Error::Usage(format!(
                "the later file's year {year} must be after the base year {base_year}"
            )));
        }
        let mapping = match &sources.mapping {
            Some(p) => {
                inputs.push((
                    format!("municipal changes {base_year}→{year}"),
                    p.display().to_string(),
                    sha256_of(p)?,
                ));
                Some(regions::read_mapping(p)?)
            }
            None => None,
        };
        inputs.insert(
            1,
            (
                format!("CBS population {year} (population change)"),
                later.display.clone(),
                sha256_of(later_path)?,
            ),
        );
        growth = derive::growth(&base, &later, year, base_year, mapping.as_ref(), &members)?;
        later_year = Some(year);
    } else if sources.mapping.is_some() || sources.later_year.is_some() {
        return Err(Error::Usage(
            "--mapping and --later-year need --kwb-later".into(),
        ));
    }

    let years = assumptions.households.years.clone();
    if let Some(&first) = years.first() {
        if first <= base_year {
            return Err(Error::Input(vec![InputError {
                at: Location {
                    file: assumptions_display(options),
                    line: None,
                    column: Some("households.years".into()),
                },
                message: format!("{first} is not after the base year {base_year}"),
            }]));
        }
    }
    let variant = choices
        .variant
        .clone()
        .unwrap_or_else(|| assumptions.households.default_variant.clone());
    let names: Vec<String> = assumptions
        .households
        .variants
        .iter()
        .map(|v| v.name.clone())
        .collect();
    if !names.contains(&variant) {
        return Err(Error::Usage(format!(
            "--variant {variant} is not a variant of the assumptions ({})",
            names.join(", ")
        )));
    }

    let derived = derive::derive(
        &base,
        &members,
        &growth,
        base_year,
        later_year,
        &years,
        &assumptions.households.variants,
    )?;
    let mut warnings = derived.warnings;
    if later_year.is_none() {
        warnings.push(format!(
            "no later file (--kwb-later): the population change after {base_year} is taken \
             as 0 in every variant"
        ));
    }
    let munis = derived.munis;
    let regions = write::regions(&munis, &assumptions);
    let last_year = years.last().copied().unwrap_or(base_year);

    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert("municipalities.csv".into(), write::municipalities(&munis));
    files.insert("segments.csv".into(), write::segments());
    files.insert("stock.csv".into(), write::stock(&munis));
    files.insert(
        "households.csv".into(),
        write::households(&munis, base_year, &years, &assumptions),
    );
    if assumptions.demand.mode == DemandMode::Segment {
        files.insert("demand_shares.csv".into(), write::demand_shares(&munis));
    }
    files.insert("costs.csv".into(), write::costs(&munis, &assumptions));
    files.insert(
        "transformations.csv".into(),
        write::transformations(&assumptions),
    );
    files.insert(
        "budgets.csv".into(),
        write::budgets(&regions, base_year, last_year, &assumptions),
    );
    if !assumptions.funders.is_empty() {
        files.insert("funding.csv".into(), write::funding(&assumptions));
    }
    files.insert(
        "settings.toml".into(),
        write::settings(
            base_year,
            &years,
            &variant,
            (texts.title.as_deref(), texts.subtitle.as_deref()),
            &assumptions,
        ),
    );
    if let Some(path) = &choices.geojson {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::Input(vec![InputError::file(
                path.display().to_string(),
                format!("cannot be read: {e}"),
            )])
        })?;
        let codes: BTreeSet<&str> = munis.iter().map(|m| m.code.as_str()).collect();
        let (geo, missing) = write::boundaries(&bytes, &path.display().to_string(), &codes)?;
        for code in missing {
            warnings.push(format!(
                "{code} has no boundary in {}: it is missing from boundaries.geojson",
                path.display()
            ));
        }
        files.insert("boundaries.geojson".into(), geo);
        inputs.push((
            "municipal boundaries".into(),
            path.display().to_string(),
            hex(&Sha256::digest(&bytes)),
        ));
    }
    inputs.push((
        "assumptions".into(),
        assumptions_display(options),
        hex(&Sha256::digest(assumptions_text.as_bytes())),
    ));
    let notes = match &texts.notes {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                Error::Input(vec![InputError::file(
                    p.display().to_string(),
                    format!("cannot be read: {e}"),
                )])
            })?;
            inputs.push((
                "notes (top of this page)".into(),
                p.display().to_string(),
                hex(&Sha256::digest(text.as_bytes())),
            ));
            Some(text)
        }
        None => None,
    };

    if let Some(p) = &texts.leesmij {
        let text = std::fs::read(p).map_err(|e| {
            Error::Input(vec![InputError::file(
                p.display().to_string(),
                format!("cannot be read: {e}"),
            )])
        })?;
        inputs.push((
            "Dutch summary (LEESMIJ.md)".into(),
            p.display().to_string(),
            hex(&Sha256::digest(&text)),
        ));
        files.insert("LEESMIJ.md".into(), text);
    }
    let names_written: Vec<String> = files.keys().cloned().collect();
    let readme = write::readme(&write::ReadmeInput {
        notes: notes.as_deref(),
        base_year,
        later_year,
        years: &years,
        variant: &variant,
        munis: &munis,
        regions: &regions,
        assumptions: &assumptions,
        inputs: &inputs,
        files: &names_written,
        warnings: &warnings,
        command: &command_line(options),
    });
    files.insert("README.md".into(), readme);

    let summary = ImportSummary {
        base_year,
        later_year,
        municipalities: munis.len(),
        regions: regions.len(),
        dwellings: munis.iter().map(|m| m.dwellings).sum(),
        households: munis.iter().map(|m| m.households).sum(),
        variant,
        variants: names,
        files: files.keys().cloned().collect(),
        warnings,
    };
    // A figure that passes the import's own checks can still give a case restock refuses
    // (households beyond the reader's range after projection): say so against the CBS
    // file, not a generated file the user never sees.
    if let Err(Error::Input(errors)) =
        crate::input::read_case_from_bytes("import", &files, &ReadOptions::default())
    {
        let kwb = sources.kwb.display().to_string();
        return Err(Error::Input(
            errors
                .into_iter()
                .map(|e| {
                    InputError::file(
                        kwb.clone(),
                        format!(
                            "the case built from it is not valid ({e}); check the CBS \
                             figures of the municipalities concerned"
                        ),
                    )
                })
                .collect(),
        ));
    }
    Ok(Generated { files, summary })
}

/// Generates the case and writes it to `out`, replacing the folder atomically, after
/// checking that restock reads it without problems. Refuses to replace a folder that
/// holds anything but a case generated by this command.
pub fn import_cbs(options: &ImportOptions, out: &Path) -> Result<ImportSummary> {
    let generated = generate(options)?;
    check_out(out)?;
    crate::report::write_dir_atomically(out, |dir| {
        for (name, bytes) in &generated.files {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        read_case(dir, &ReadOptions::default()).map(|_| ())
    })?;
    Ok(generated.summary)
}

/// The folder may be replaced if it does not exist, is empty, or was generated here.
fn check_out(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Error::Usage(format!(
            "--out {} exists and is not a folder",
            out.display()
        )));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .next()
        .is_none();
    let generated = std::fs::read_to_string(out.join("README.md"))
        .is_ok_and(|t| t.lines().next() == Some(write::MARKER));
    if empty || generated {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "--out {} holds files that restock import-cbs did not make; give a new or \
             empty folder (a generated case folder is replaced as a whole)",
            out.display()
        )))
    }
}

/// The command line that regenerates a case, with `--out CASE_DIR`.
pub fn command_line(o: &ImportOptions) -> String {
    let mut parts = vec![
        "restock".to_string(),
        "import-cbs".to_string(),
        quote(&o.sources.kwb.display().to_string()),
    ];
    let mut opt = |name: &str, value: String| {
        parts.push(format!("{name} {}", quote(&value)));
    };
    match &o.selection {
        Selection::Municipalities { codes, region } => {
            opt("--municipalities", codes.join(","));
            opt("--region", region.clone());
        }
        Selection::Regions(p) => opt("--regions", p.display().to_string()),
    }
    let paths = [
        ("--kwb-later", &o.sources.kwb_later),
        ("--mapping", &o.sources.mapping),
        ("--assumptions", &o.choices.assumptions),
        ("--geojson", &o.choices.geojson),
        ("--notes", &o.texts.notes),
        ("--leesmij", &o.texts.leesmij),
    ];
    for (name, p) in paths {
        if let Some(p) = p {
            opt(name, p.display().to_string());
        }
    }
    if let Some(y) = o.sources.base_year {
        opt("--base-year", y.to_string());
    }
    if let Some(y) = o.sources.later_year {
        opt("--later-year", y.to_string());
    }
    if let Some(v) = &o.choices.variant {
        opt("--variant", v.clone());
    }
    if let Some(t) = &o.texts.title {
        opt("--title", t.clone());
    }
    if let Some(t) = &o.texts.subtitle {
        opt("--subtitle", t.clone());
    }
    parts.push("--out CASE_DIR".into());
    let mut text = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            text.push_str(p);
        } else if i < 3 {
            let _ = write!(text, " {p}");
        } else {
            let _ = write!(text, " \\\n    {p}");
        }
    }
    text
}

/// Quotes a value for a POSIX shell when it needs it.
fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=,+-@%".contains(c));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

fn assumptions_display(o: &ImportOptions) -> String {
    o.choices
        .assumptions
        .as_ref()
        .map_or(DEFAULT_ASSUMPTIONS_NAME.to_string(), |p| {
            p.display().to_string()
        })
}

/// The one plausible year (1900–2100, four digits standing alone) in a file's name.
fn year_from_name(path: &Path) -> Option<i32> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let mut years = BTreeSet::new();
    for run in name.split(|c: char| !c.is_ascii_digit()) {
        if run.len() == 4 {
            if let Ok(y) = run.parse::<i32>() {
                if (1900..=2100).contains(&y) {
                    years.insert(y);
                }
            }
        }
    }
    (years.len() == 1)
        .then(|| years.into_iter().next())
        .flatten()
}

fn sha256_of(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::Input(vec![InputError::file(
            path.display().to_string(),
            format!("cannot be read: {e}"),
        )])
    })?;
    Ok(hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_names() {
        for (name, year) in [
            ("data/kwb2019_gemeenten_raw.csv", Some(2019)),
            ("kwb-2024.csv", Some(2024)),
            ("kwb2024_85984NED_gemeenten.csv", Some(2024)),
            ("kwb.csv", None),
            ("kwb_2019_2020.csv", None),
        ] {
            assert_eq!(year_from_name(Path::new(name)), year, "{name}");
        }
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(quote("data/raw/x.csv"), "data/raw/x.csv");
        assert_eq!(quote("Parkstad Limburg"), "'Parkstad Limburg'");
        assert_eq!(quote("it's"), "'it'\\''s'");
    }
}
