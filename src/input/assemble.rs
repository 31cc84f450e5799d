//! Checks across rows and files, and the assembly of the [`Case`].
//!
//! Rules where the spec is silent:
//!
//! - Duplicate keys are errors at the later line, naming the earlier one. Keys:
//!   municipality code; segment id; (municipality, segment) in stock.csv;
//!   (municipality, year, variant) in households.csv (a shared row is its own variant);
//!   (segment, municipality, year) in demand_shares.csv; (segment, municipality) in
//!   costs.csv; (region, year) in budgets.csv; (from, to, label) in transformations.csv:
//!   two transformations between the same segments with different labels (e.g. merging
//!   and renovating) are legitimate, the same label twice is not.
//! - Names are compared exactly (after trimming): `GM0917` ≠ `gm0917`; errors suggest
//!   the nearest known name.
//! - `households_variant` is checked against the variants households.csv names: a
//!   variant that no row names is an error, unless no row names any variant and the
//!   variant was not set explicitly (settings or `--variant`): then every row is shared.
//! - A demand_shares.csv row for a year that is neither the base year nor a milestone
//!   never applies: a warning.
//! - Budget rows of a region without municipalities, and of years outside
//!   base_year+1..last milestone, are ignored with a warning.

use std::collections::{BTreeMap, BTreeSet};

// Fx hashing: the keys are the case's own codes and years (no untrusted-input DoS
// concern), and on 100,000 municipalities SipHash was a sixth of the validation time.
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use super::rows::{
    BudgetRow, CostRow, DemandShareRow, FileRows, FundingRow, HouseholdRow, Lined, MunicipalityRow,
    SegmentRow, StockRow, TransformationRow,
};
use super::settings::{Milestones, ParsedRobust, ParsedSettings};
use super::suggest::nearest;
use super::{
    Diagnostics, ReadOptions, BUDGETS, COSTS, DEMAND_SHARES, FUNDING, HOUSEHOLDS, MUNICIPALITIES,
    SEGMENTS, SETTINGS, STOCK, TRANSFORMATIONS,
};
use crate::case::{
    Case, FundedAction, Funders, FundingRule, Mode, Municipality, Period, RobustSettings, Segment,
    SegmentCosts, Settings, Transformation,
};
use crate::lang::Lang;
use crate::{InputError, Location};

/// Tolerance on the sum of demand shares per municipality and year.
const SHARE_SUM_TOLERANCE: f64 = 1e-6;

/// Everything read from the files; `None` where a file could not be used.
pub(crate) struct Inputs {
    pub municipalities: Option<FileRows<MunicipalityRow>>,
    pub segments: Option<FileRows<SegmentRow>>,
    pub stock: Option<FileRows<StockRow>>,
    pub households: Option<FileRows<HouseholdRow>>,
    pub demand_shares_present: bool,
    pub demand_shares: Option<FileRows<DemandShareRow>>,
    pub costs: Option<FileRows<CostRow>>,
    /// Whether transformations.csv exists (it is optional).
    pub transformations_present: bool,
    pub transformations: Option<FileRows<TransformationRow>>,
    pub budgets: Option<FileRows<BudgetRow>>,
    /// Whether funding.csv exists (it is optional, spec v2).
    pub funding_present: bool,
    pub funding: Option<FileRows<FundingRow>>,
    pub settings: Option<ParsedSettings>,
}

/// Known names of one kind (municipality codes, segment ids) and their indices.
struct Names {
    what: &'static str,
    file: &'static str,
    index: HashMap<String, usize>,
    /// Names on rows that had other errors: references to them are not reported again.
    seen: BTreeSet<String>,
    /// The names in index order.
    list: Vec<String>,
    /// The names sorted, for suggestions.
    sorted: Vec<String>,
    /// Whether to suggest names within a few edits (words), or only case variants (codes).
    fuzzy: bool,
    /// Other names of the same things, each with the name it stands for (a
    /// municipality's name and its code): given where the name belongs, the message
    /// says which to write.
    aliases: Vec<(String, String)>,
}

impl Names {
    fn new(
        what: &'static str,
        file: &'static str,
        names: &[String],
        seen: BTreeSet<String>,
        fuzzy: bool,
    ) -> Self {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        let mut sorted = names.to_vec();
        sorted.sort();
        Names {
            what,
            file,
            index,
            seen,
            list: names.to_vec(),
            sorted,
            fuzzy,
            aliases: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    /// The name with index `i`.
    fn name(&self, i: usize) -> &str {
        self.list.get(i).map_or("?", String::as_str)
    }
}

/// The index of `name` in `names`, or an error at `file`, `line`, `column`; `None`
/// silently when the names are unknown (the file that defines them had errors of its
/// own).
fn resolve(
    names: Option<&Names>,
    name: &str,
    file: &str,
    line: u64,
    column: &str,
    d: &mut Diagnostics,
) -> Option<usize> {
    let names = names?;
    if let Some(&i) = names.index.get(name) {
        return Some(i);
    }
    if !names.seen.contains(name) {
        let mut msg = format!(
            "unknown {} '{name}': it is not in {}",
            names.what, names.file
        );
        let hint = if names.fuzzy {
            nearest(name, &names.sorted)
        } else {
            // Codes such as GM0917 differ from each other by a digit: suggest only a
            // different spelling of case.
            names
                .sorted
                .iter()
                .find(|n| n.eq_ignore_ascii_case(name))
                .map(String::as_str)
        };
        let key = name.to_lowercase();
        let alias = names
            .aliases
            .iter()
            .find(|(other, _)| other.to_lowercase() == key)
            .or_else(|| {
                // A municipality's name spelt nearly right.
                let others: Vec<&str> = names.aliases.iter().map(|(o, _)| o.as_str()).collect();
                let near = nearest(name, &others)?;
                names.aliases.iter().find(|(o, _)| o == near)
            });
        if let (Some((other, meant)), None) = (alias, hint) {
            let _ = write!(
                msg,
                " ('{other}' is a {}'s name; write its code {meant})",
                names.what
            );
        } else if let Some(s) = hint {
            let _ = write!(msg, " (did you mean '{s}'?)");
        }
        d.error(InputError::cell(file, line, column, msg));
    }
    None
}

/// [`resolve`] for an optional reference: `Some(None)` when there is none.
fn resolve_optional(
    names: Option<&Names>,
    name: &Option<String>,
    file: &str,
    line: u64,
    column: &str,
    d: &mut Diagnostics,
) -> Option<Option<usize>> {
    match name {
        Some(name) => resolve(names, name, file, line, column, d).map(Some),
        None => Some(None),
    }
}

/// Records a duplicate-key error when `key` was seen before; returns whether it is new.
fn first_occurrence<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, u64>,
    key: K,
    (file, line): (&str, u64),
    d: &mut Diagnostics,
    describe: impl FnOnce() -> String,
) -> bool {
    match seen.get(&key) {
        Some(&first) => {
            d.error(InputError::line(
                file,
                line,
                format!("duplicate {}: already on line {first}", describe()),
            ));
            false
        }
        None => {
            seen.insert(key, line);
            true
        }
    }
}

struct MunicipalityTable {
    list: Vec<Municipality>,
    /// The line of each municipality's row, in `list` order.
    lines: Vec<u64>,
    regions: Vec<String>,
    names: Names,
}

fn municipalities(k: FileRows<MunicipalityRow>, d: &mut Diagnostics) -> Option<MunicipalityTable> {
    let mut seen = HashMap::default();
    let mut rows: Vec<(u64, MunicipalityRow)> = Vec::new();
    for Lined { line, row } in k.rows {
        let code = row.code.clone();
        if first_occurrence(&mut seen, code.clone(), (MUNICIPALITIES, line), d, || {
            format!("municipality code '{code}'")
        }) {
            rows.push((line, row));
        }
    }
    if k.seen.is_empty() {
        d.error(InputError::file(
            MUNICIPALITIES,
            "the file has no municipalities: add one row per municipality",
        ));
        return None;
    }
    rows.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    let regions: Vec<String> = rows
        .iter()
        .map(|(_, r)| r.region.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let lines: Vec<u64> = rows.iter().map(|(line, _)| *line).collect();
    let list: Vec<Municipality> = rows
        .into_iter()
        .map(|(_, r)| Municipality {
            region: regions.binary_search(&r.region).unwrap_or(0),
            code: r.code,
            name: r.name,
            vacant_dwellings: r.vacant_dwellings,
        })
        .collect();
    let codes: Vec<String> = list.iter().map(|m| m.code.clone()).collect();
    let mut names = Names::new("municipality", MUNICIPALITIES, &codes, k.seen, false);
    names.aliases = list
        .iter()
        .map(|m| (m.name.clone(), m.code.clone()))
        .collect();
    Some(MunicipalityTable {
        list,
        lines,
        regions,
        names,
    })
}

fn segments(k: FileRows<SegmentRow>, d: &mut Diagnostics) -> Option<(Vec<Segment>, Names)> {
    let mut seen = HashMap::default();
    let mut list = Vec::new();
    for Lined { line, row } in k.rows {
        let id = row.segment.clone();
        if first_occurrence(&mut seen, id.clone(), (SEGMENTS, line), d, || {
            format!("segment '{id}'")
        }) {
            list.push(Segment {
                label: row.label.unwrap_or_else(|| row.segment.clone()),
                id: row.segment,
                tenure: row.tenure,
                dwelling_type: row.dwelling_type,
            });
        }
    }
    if k.seen.is_empty() {
        d.error(InputError::file(
            SEGMENTS,
            "the file has no segments: add one row per segment",
        ));
        return None;
    }
    let ids: Vec<String> = list.iter().map(|s| s.id.clone()).collect();
    let names = Names::new("segment", SEGMENTS, &ids, k.seen, true);
    Some((list, names))
}

/// S0[m][s] and the line of each stock row.
struct Stock {
    values: Vec<Vec<f64>>,
    lines: HashMap<(usize, usize), u64>,
}

impl Stock {
    /// The dwellings of segment `s` in municipality `m`; 0 where stock.csv has none.
    fn dwellings(&self, m: usize, s: usize) -> f64 {
        self.values
            .get(m)
            .and_then(|r| r.get(s))
            .copied()
            .unwrap_or(0.0)
    }
}

fn stock(
    rows: FileRows<StockRow>,
    munis: Option<&Names>,
    segs: Option<&Names>,
    d: &mut Diagnostics,
) -> Option<Stock> {
    let mut seen = HashMap::default();
    let mut resolved = Vec::new();
    for Lined { line, row } in rows.rows {
        let m = resolve(munis, &row.municipality, STOCK, line, "municipality", d);
        let s = resolve(segs, &row.segment, STOCK, line, "segment", d);
        let key = (row.municipality.clone(), row.segment.clone());
        let new = first_occurrence(&mut seen, key, (STOCK, line), d, || {
            format!(
                "municipality and segment ({}, {})",
                row.municipality, row.segment
            )
        });
        if let (Some(m), Some(s), true) = (m, s, new) {
            resolved.push((m, s, line, row.dwellings));
        }
    }
    let (munis, segs) = (munis?, segs?);
    let mut values = vec![vec![0.0; segs.len()]; munis.len()];
    let mut lines = HashMap::default();
    for (m, s, line, v) in resolved {
        if let Some(cell) = values.get_mut(m).and_then(|row| row.get_mut(s)) {
            *cell = v;
        }
        lines.insert((m, s), line);
    }
    Some(Stock { values, lines })
}

/// The `[robust]` table checked against households.csv's variants and the number of
/// periods (spec v2 §3): every variant named (did-you-mean otherwise), the default
/// variants (every one households.csv names, in name order), at least two of them,
/// 1 ≤ commit_periods ≤ P; the weights normalised to sum 1.
fn robust(
    parsed: &ParsedRobust,
    named: &BTreeSet<String>,
    periods: Option<usize>,
    d: &mut Diagnostics,
) -> Option<RobustSettings> {
    let known: Vec<&str> = named.iter().map(String::as_str).collect();
    let error = |d: &mut Diagnostics, line: Option<u64>, key: &str, message: String| {
        d.error(InputError {
            at: Location {
                file: SETTINGS.to_string(),
                line,
                column: Some(key.to_string()),
            },
            message,
        });
    };
    let variants = match &parsed.variants {
        Some((names, line)) => {
            let mut ok = true;
            for n in names {
                if !named.contains(n) {
                    let hint = match nearest(n, &known) {
                        Some(s) => format!("did you mean '{s}'?"),
                        None if known.is_empty() => {
                            "households.csv names no variant (add a variant column)".to_string()
                        }
                        None => format!("the variants in households.csv are: {}", known.join(", ")),
                    };
                    error(
                        d,
                        *line,
                        "robust.variants",
                        format!("robust.variants: households.csv has no variant '{n}'; {hint}"),
                    );
                    ok = false;
                }
            }
            if !ok {
                return None;
            }
            names.clone()
        }
        None => {
            if named.len() < 2 {
                let message = format!(
                    "robust mode needs at least two variants, but households.csv names {}{}: \
                     add variant rows to households.csv",
                    named.len(),
                    if known.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", known.join(", "))
                    }
                );
                error(d, parsed.line, "robust.variants", message);
                return None;
            }
            named.iter().cloned().collect()
        }
    };
    let raw = parsed
        .weights
        .clone()
        .unwrap_or_else(|| vec![1.0; variants.len()]);
    let total: f64 = raw.iter().sum();
    let weights = raw.iter().map(|w| w / total).collect();
    let (commit_periods, line) = parsed.commit_periods;
    if let Some(p) = periods {
        if commit_periods > p {
            error(
                d,
                line,
                "robust.commit_periods",
                format!(
                    "robust.commit_periods = {commit_periods} but the plan has {p} period(s): \
                     it must be between 1 and {p}"
                ),
            );
            return None;
        }
    }
    Some(RobustSettings {
        variants,
        weights,
        criterion: parsed.criterion,
        commit_periods,
    })
}

/// The variant in use: `--variant` over settings, and whether it was chosen explicitly.
fn chosen_variant(
    settings: Option<&ParsedSettings>,
    options: &ReadOptions,
    d: &mut Diagnostics,
) -> (String, bool) {
    if let Some(v) = &options.variant {
        let v = v.trim();
        if v.is_empty() {
            d.error(InputError::file(
                "--variant",
                "the variant is empty: name a variant of households.csv",
            ));
        }
        return (v.to_string(), true);
    }
    match settings {
        Some(s) => (s.settings.households_variant.clone(), s.variant_explicit),
        None => ("base".to_string(), false),
    }
}

/// The result of households.csv: milestones (given or derived) and H[m][t].
struct Households {
    milestones: Vec<i32>,
    values: Vec<Vec<f64>>,
}

fn households(
    rows: FileRows<HouseholdRow>,
    munis: Option<&Names>,
    settings: Option<&ParsedSettings>,
    variant: &str,
    variant_explicit: bool,
    d: &mut Diagnostics,
) -> Option<Households> {
    let mut seen = HashMap::default();
    let mut variants: BTreeSet<String> = BTreeSet::new();
    let mut resolved = Vec::new();
    let file_complete = rows.complete;
    for Lined { line, row } in rows.rows {
        if let Some(v) = &row.variant {
            variants.insert(v.clone());
        }
        let m = resolve(
            munis,
            &row.municipality,
            HOUSEHOLDS,
            line,
            "municipality",
            d,
        );
        let key = (row.municipality.clone(), row.year, row.variant.clone());
        let new = first_occurrence(&mut seen, key, (HOUSEHOLDS, line), d, || {
            format!(
                "households row for {} in {} ({})",
                row.municipality,
                row.year,
                match &row.variant {
                    Some(v) => format!("variant '{v}'"),
                    None => "shared by every variant".to_string(),
                }
            )
        });
        if let (Some(m), true) = (m, new) {
            resolved.push((m, row));
        }
    }
    if !variants.contains(variant) && (variant_explicit || !variants.is_empty()) {
        let msg = if variants.is_empty() {
            format!(
                "households_variant is '{variant}' but no row names a variant (every row is \
                 shared); leave households_variant out or add a variant column"
            )
        } else {
            format!(
                "no row has variant '{variant}' (households_variant in settings.toml or \
                 --variant); the variants in households.csv are: {}",
                variants.iter().cloned().collect::<Vec<_>>().join(", ")
            )
        };
        d.error(InputError {
            at: Location {
                file: HOUSEHOLDS.to_string(),
                line: None,
                column: Some("variant".to_string()),
            },
            message: msg,
        });
        return None;
    }
    if !file_complete {
        // A row was left out for a bad cell: coverage would report it again as missing.
        return None;
    }
    let munis = munis?;
    let settings = settings?;
    let base = settings.base_year?;

    // Rows in use per municipality: shared rows, overridden by the chosen variant's.
    let mut in_use: Vec<BTreeMap<i32, f64>> = vec![BTreeMap::new(); munis.len()];
    let mut other_variant_years: Vec<BTreeMap<i32, BTreeSet<String>>> =
        vec![BTreeMap::new(); munis.len()];
    for (m, row) in &resolved {
        let Some(series) = in_use.get_mut(*m) else {
            continue;
        };
        match &row.variant {
            None => {
                series.entry(row.year).or_insert(row.households);
            }
            Some(v) if v == variant => {
                series.insert(row.year, row.households);
            }
            Some(v) => {
                if let Some(o) = other_variant_years.get_mut(*m) {
                    o.entry(row.year).or_default().insert(v.clone());
                }
            }
        }
    }
    let in_use_text = if variants.is_empty() {
        "the rows in use".to_string()
    } else {
        format!("the rows in use (shared and variant '{variant}')")
    };

    let (milestones, milestone_line, milestones_given) = match &settings.milestones {
        Milestones::Invalid => return None,
        Milestones::Given { years, line } => (years.clone(), *line, true),
        Milestones::Absent => {
            let years: BTreeSet<i32> = in_use
                .iter()
                .flat_map(|s| s.keys().copied())
                .filter(|&y| y > base)
                .collect();
            if years.is_empty() {
                d.error(InputError::file(
                    HOUSEHOLDS,
                    format!(
                        "no milestones: settings.toml lists none and {in_use_text} list no \
                         year after the base year {base}"
                    ),
                ));
                return None;
            }
            (years.into_iter().collect(), None, false)
        }
    };

    let mut values = Vec::with_capacity(munis.len());
    let mut ok = true;
    for (m, series) in in_use.iter().enumerate() {
        let code = munis.name(m);
        let (Some((&first, _)), Some((&last, _))) =
            (series.first_key_value(), series.last_key_value())
        else {
            d.error(InputError::file(
                HOUSEHOLDS,
                format!("no households for municipality {code}: none of {in_use_text} is for it"),
            ));
            ok = false;
            continue;
        };
        let range = if first == last {
            format!("only {first}")
        } else {
            format!("{first}–{last}")
        };
        if base < first || base > last {
            let mut msg = format!(
                "missing households for the base year {base} for {code}: {in_use_text} cover \
                 {range}; add a row for {base} (a blank variant shares it across variants)"
            );
            if let Some(others) = other_variant_years.get(m).and_then(|o| o.get(&base)) {
                let list: Vec<&str> = others.iter().map(String::as_str).collect();
                let _ = write!(
                    msg,
                    "; there is a {base} row only for variant(s) {}",
                    list.join(", ")
                );
            }
            d.error(InputError::file(HOUSEHOLDS, msg));
            ok = false;
        }
        let outside: Vec<String> = milestones
            .iter()
            .filter(|&&y| y < first || y > last)
            .map(|y| y.to_string())
            .collect();
        if !outside.is_empty() {
            let msg = format!(
                "milestone(s) {} beyond the households projections of {code}: {in_use_text} \
                 of households.csv cover {range}",
                outside.join(", ")
            );
            d.error(if milestones_given {
                InputError {
                    at: Location {
                        file: SETTINGS.to_string(),
                        line: milestone_line,
                        column: Some("milestones".to_string()),
                    },
                    message: msg,
                }
            } else {
                InputError::file(HOUSEHOLDS, msg)
            });
            ok = false;
        }
        let points: Vec<(i32, f64)> = series.iter().map(|(&y, &v)| (y, v)).collect();
        let row: Option<Vec<f64>> = std::iter::once(base)
            .chain(milestones.iter().copied())
            .map(|y| interpolate(&points, y))
            .collect();
        match row {
            Some(row) => values.push(row),
            None => ok = false,
        }
    }
    ok.then_some(Households { milestones, values })
}

/// The checks of `vacant_dwellings` against the other files (spec v2 §3 and §5): V0 less
/// than the municipality's stock (κ > 0), and households at the base year > 0 (κ is
/// divided by them). Errors at the municipality's line of municipalities.csv.
fn vacancy(
    munis: &MunicipalityTable,
    stock: &Stock,
    households: &Households,
    base_year: i32,
    d: &mut Diagnostics,
) {
    for (m, muni) in munis.list.iter().enumerate() {
        let line = munis.lines.get(m).copied().unwrap_or(0);
        let code = &muni.code;
        let total: f64 = stock.values.get(m).map_or(0.0, |row| row.iter().sum());
        let Some(vacant) = muni.vacant_dwellings else {
            // Not observed: stock minus households at the base year, when that is known.
            if let Some(&h0) = households.values.get(m).and_then(|row| row.first()) {
                let implied = total - h0;
                super::plausible::high_vacancy(code, &muni.name, line, implied, false, total, d);
            }
            continue;
        };
        if vacant < total {
            super::plausible::high_vacancy(code, &muni.name, line, vacant, true, total, d);
        }
        if vacant >= total {
            d.error(InputError::cell(
                MUNICIPALITIES,
                line,
                "vacant_dwellings",
                format!(
                    "vacant_dwellings {} of {code} is not less than its stock of {} dwellings \
                     (stock.csv): at least one dwelling must be occupied; leave the cell blank \
                     if the vacancy is not known",
                    crate::numfmt::fmt_num(vacant),
                    crate::numfmt::fmt_num(total)
                ),
            ));
        }
        let h0 = households
            .values
            .get(m)
            .and_then(|row| row.first())
            .copied()
            .unwrap_or(0.0);
        if h0 <= 0.0 {
            d.error(InputError::cell(
                MUNICIPALITIES,
                line,
                "vacant_dwellings",
                format!(
                    "vacant_dwellings is given for {code}, but households.csv has {} households \
                     for it in the base year {base_year}: the dwellings per household (stock \
                     minus vacant, divided by households) need households > 0; leave the cell \
                     blank",
                    crate::numfmt::fmt_num(h0)
                ),
            ));
        }
    }
}

/// Linear interpolation of a sorted series at `year`; `None` outside its range.
pub(crate) fn interpolate(points: &[(i32, f64)], year: i32) -> Option<f64> {
    if let Some(&(_, v)) = points.iter().find(|(y, _)| *y == year) {
        return Some(v);
    }
    points.windows(2).find_map(|w| match w {
        [(y0, v0), (y1, v1)] if *y0 < year && year < *y1 => {
            Some(v0 + (v1 - v0) * f64::from(year - y0) / f64::from(y1 - y0))
        }
        _ => None,
    })
}

/// (segment, municipality or all, year or all) of a demand_shares.csv row.
type ShareKey = (usize, Option<usize>, Option<i32>);

fn demand_shares(
    rows: FileRows<DemandShareRow>,
    munis: Option<&Names>,
    segs: Option<&Names>,
    balance_years: Option<&[i32]>,
    d: &mut Diagnostics,
) -> Option<Vec<Vec<Vec<f64>>>> {
    let mut seen = HashMap::default();
    let mut table: HashMap<ShareKey, (f64, u64)> = HashMap::default();
    let mut complete = rows.complete;
    for Lined { line, row } in rows.rows {
        let s = resolve(segs, &row.segment, DEMAND_SHARES, line, "segment", d);
        let m = resolve_optional(
            munis,
            &row.municipality,
            DEMAND_SHARES,
            line,
            "municipality",
            d,
        );
        let key = (row.segment.clone(), row.municipality.clone(), row.year);
        let new = first_occurrence(&mut seen, key, (DEMAND_SHARES, line), d, || {
            format!(
                "share for segment '{}', {}, {}",
                row.segment,
                row.municipality
                    .as_deref()
                    .map_or("all municipalities".to_string(), |m| format!(
                        "municipality {m}"
                    )),
                row.year
                    .map_or("all years".to_string(), |y| format!("year {y}"))
            )
        });
        if let (Some(years), Some(y)) = (balance_years, row.year) {
            if !years.contains(&y) {
                let list = years
                    .iter()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                d.warn(
                    DEMAND_SHARES,
                    Some(line),
                    format!(
                        "jaar {y} is geen basisjaar of mijlpaal ({list}): de regel wordt nooit \
                         gebruikt"
                    ),
                    format!(
                        "year {y} is neither the base year nor a milestone ({list}): the row \
                         never applies"
                    ),
                );
            }
        }
        match (s, m, new) {
            (Some(s), Some(m), true) => {
                table.insert((s, m, row.year), (row.share, line));
            }
            _ => complete = false,
        }
    }
    let (munis, segs, years) = (munis?, segs?, balance_years?);
    let mut out = Vec::with_capacity(munis.len());
    for m in 0..munis.len() {
        let code = munis.name(m);
        let mut per_t = Vec::with_capacity(years.len());
        for &y in years {
            let mut shares = vec![0.0; segs.len()];
            let mut lines = BTreeSet::new();
            for (s, share) in shares.iter_mut().enumerate() {
                let hit = [
                    (Some(m), Some(y)),
                    (Some(m), None),
                    (None, Some(y)),
                    (None, None),
                ]
                .iter()
                .find_map(|&(mm, yy)| table.get(&(s, mm, yy)));
                if let Some(&(v, line)) = hit {
                    *share = v;
                    lines.insert(line);
                }
            }
            let sum: f64 = shares.iter().sum();
            if complete && (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
                let msg = if lines.is_empty() {
                    format!("no demand share applies to {code} in {y}: the shares must sum to 1")
                } else {
                    format!(
                        "the demand shares of {code} in {y} sum to {sum:.6}, not 1 (± 1e-6); \
                         rows used: {} {}",
                        if lines.len() == 1 { "line" } else { "lines" },
                        lines
                            .iter()
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                d.error(InputError::file(DEMAND_SHARES, msg));
            }
            per_t.push(shares);
        }
        out.push(per_t);
    }
    complete.then_some(out)
}

fn costs(
    rows: FileRows<CostRow>,
    munis: Option<&Names>,
    segs: Option<&Names>,
    stock: Option<&Stock>,
    d: &mut Diagnostics,
) -> Option<Vec<Vec<Option<SegmentCosts>>>> {
    let mut seen = HashMap::default();
    let mut table: HashMap<(usize, Option<usize>), SegmentCosts> = HashMap::default();
    let mut complete = rows.complete;
    for Lined { line, row } in rows.rows {
        let s = resolve(segs, &row.segment, COSTS, line, "segment", d);
        let m = resolve_optional(munis, &row.municipality, COSTS, line, "municipality", d);
        let key = (row.segment.clone(), row.municipality.clone());
        let new = first_occurrence(&mut seen, key, (COSTS, line), d, || {
            format!(
                "costs for segment '{}' in {}",
                row.segment,
                row.municipality.as_deref().unwrap_or("all municipalities")
            )
        });
        match (s, m, new) {
            (Some(s), Some(m), true) => {
                table.insert(
                    (s, m),
                    SegmentCosts {
                        demolish_eur: row.demolish_eur,
                        new_build_eur: row.new_build_eur,
                    },
                );
            }
            _ => complete = false,
        }
    }
    let (munis, segs) = (munis?, segs?);
    let mut out = vec![vec![None; segs.len()]; munis.len()];
    for (m, row) in out.iter_mut().enumerate() {
        for (s, cell) in row.iter_mut().enumerate() {
            *cell = table
                .get(&(s, Some(m)))
                .or_else(|| table.get(&(s, None)))
                .copied();
        }
    }
    if let (Some(stock), true) = (stock, complete) {
        for (m, row) in out.iter().enumerate() {
            for (s, cell) in row.iter().enumerate() {
                let dwellings = stock.dwellings(m, s);
                if cell.is_none() && dwellings > 0.0 {
                    let code = munis.name(m);
                    let seg = segs.name(s);
                    let at = stock
                        .lines
                        .get(&(m, s))
                        .map_or(String::new(), |l| format!(" (stock.csv line {l})"));
                    d.error(InputError::file(
                        COSTS,
                        format!(
                            "no costs for segment '{seg}' in {code}, which has {dwellings} \
                             dwellings of it{at}; add a row for the segment (a blank \
                             municipality applies to all municipalities)"
                        ),
                    ));
                }
            }
        }
    }
    complete.then_some(out)
}

/// The transformations, each with the name of the funder that receives a sale's
/// proceeds ("" = the common funder).
fn transformations(
    rows: FileRows<TransformationRow>,
    segs: Option<&Names>,
    d: &mut Diagnostics,
) -> Option<Vec<(Transformation, String)>> {
    let mut seen = HashMap::default();
    let mut out = Vec::new();
    let mut complete = rows.complete;
    for Lined { line, row } in rows.rows {
        let from = resolve(
            segs,
            &row.from_segment,
            TRANSFORMATIONS,
            line,
            "from_segment",
            d,
        );
        let to = resolve(
            segs,
            &row.to_segment,
            TRANSFORMATIONS,
            line,
            "to_segment",
            d,
        );
        let key = (
            row.from_segment.clone(),
            row.to_segment.clone(),
            row.label.clone(),
        );
        let new = first_occurrence(&mut seen, key, (TRANSFORMATIONS, line), d, || {
            format!(
                "transformation {} → {}{}",
                row.from_segment,
                row.to_segment,
                row.label
                    .as_deref()
                    .map_or(String::new(), |l| format!(" labelled '{l}'"))
            )
        });
        match (from, to, new) {
            (Some(from), Some(to), true) => out.push((
                Transformation {
                    from,
                    to,
                    cost_eur: row.cost_eur,
                    yield_per_dwelling: row.yield_per_dwelling,
                    label: row
                        .label
                        .unwrap_or_else(|| format!("{} → {}", row.from_segment, row.to_segment)),
                },
                row.funder,
            )),
            _ => complete = false,
        }
    }
    segs?;
    complete.then_some(out)
}

/// What a region name that matches no region probably meant.
enum Meant<'a> {
    /// A region within a few edits (or differing in case only).
    Region(&'a str),
    /// The name (or code) of a municipality: its region.
    Municipality(&'a str),
}

/// The region `name` probably meant: a region spelt nearly the same, or, when `name` is
/// a municipality's name or code, that municipality's region.
fn region_meant<'a>(name: &str, munis: &'a MunicipalityTable) -> Option<Meant<'a>> {
    if let Some(r) = nearest(name, &munis.regions) {
        return Some(Meant::Region(r));
    }
    let key = name.trim().to_lowercase();
    munis
        .list
        .iter()
        .find(|m| m.name.to_lowercase() == key || m.code.to_lowercase() == key)
        .and_then(|m| munis.regions.get(m.region))
        .map(|r| Meant::Municipality(r.as_str()))
}

/// Budgets per region and period (summed over funders) and per region, funder (index
/// into `funders`, the sorted G; empty for a case without funders) and period.
type Budgets = (Vec<Vec<f64>>, Vec<Vec<Vec<f64>>>);

fn budgets(
    rows: FileRows<BudgetRow>,
    munis: Option<&MunicipalityTable>,
    periods: Option<&[Period]>,
    base_year: Option<i32>,
    funders: &[String],
    d: &mut Diagnostics,
) -> Option<Budgets> {
    let mut seen = HashMap::default();
    let mut good = Vec::new();
    let file_complete = rows.complete;
    for Lined { line, row } in rows.rows {
        let key = (row.region.clone(), row.year, row.funder.clone());
        if first_occurrence(&mut seen, key, (BUDGETS, line), d, || {
            if row.funder.is_empty() {
                format!("budget for region '{}' in {}", row.region, row.year)
            } else {
                format!(
                    "budget of funder '{}' for region '{}' in {}",
                    row.funder, row.region, row.year
                )
            }
        }) {
            good.push(Lined { line, row });
        }
    }
    let munis = munis?;
    let regions = &munis.regions;
    // Regions of the file without municipalities: a loud warning each, with its lines,
    // the money left unused and the region probably meant.
    let mut unknown: BTreeMap<&str, (Vec<u64>, f64)> = BTreeMap::new();
    for r in &good {
        if regions.binary_search(&r.row.region).is_err() {
            let entry = unknown.entry(r.row.region.as_str()).or_default();
            entry.0.push(r.line);
            entry.1 += r.row.budget_eur;
        }
    }
    for (region, (lines, total)) in &unknown {
        let (hint_nl, hint_en) = match region_meant(region, munis) {
            Some(Meant::Region(r)) => (
                format!(" Bedoelt u '{r}'?"),
                format!(" Did you mean '{r}'?"),
            ),
            Some(Meant::Municipality(m)) => (
                format!(
                    " '{region}' is een gemeente (in municipalities.csv); schrijf de regio: '{m}'."
                ),
                format!(" '{region}' is a municipality (in municipalities.csv); write its region: '{m}'."),
            ),
            None => (
                format!(" De regio's zijn: {}.", regions.join(", ")),
                format!(" The regions are: {}.", regions.join(", ")),
            ),
        };
        let (also_nl, also_en) = match lines.as_slice() {
            [] | [_] => (String::new(), String::new()),
            [_, rest @ ..] if rest.len() <= 4 => {
                let others: Vec<String> = rest.iter().map(u64::to_string).collect();
                (
                    format!(" (ook regel {})", others.join(", ")),
                    format!(" (also line {})", others.join(", ")),
                )
            }
            [first, .., last] => (
                format!(" ({} regels, {first}–{last})", lines.len()),
                format!(" ({} rows, lines {first}–{last})", lines.len()),
            ),
        };
        d.push_warning(
            crate::Warning::new(
                BUDGETS,
                lines.first().copied(),
                format!(
                    "regio '{region}'{also_nl} staat niet in municipalities.csv: dit budget \
                     (€ {}) wordt NIET gebruikt.{hint_nl}",
                    Lang::Nl.dec(*total, 0)
                ),
                format!(
                    "region '{region}'{also_en} is not in municipalities.csv: this budget \
                     (€{}) is NOT used.{hint_en}",
                    Lang::En.dec(*total, 0)
                ),
            )
            .in_column("region"),
        );
    }
    // Regions with municipalities but no row at all: an error each (unless a row was
    // left out for a bad cell: it may have been the region's).
    for (r, region) in regions.iter().enumerate().filter(|_| file_complete) {
        if !good.iter().any(|b| &b.row.region == region) {
            let codes: Vec<&str> = munis
                .list
                .iter()
                .filter(|m| m.region == r)
                .map(|m| m.code.as_str())
                .collect();
            // Rows for a region spelt nearly the same were probably meant for it.
            let misspelt = unknown
                .iter()
                .find(|(other, _)| nearest(other, std::slice::from_ref(region)).is_some())
                .map(|(other, (lines, _))| {
                    format!(
                        " (rows for '{other}' from line {} are ignored: did you mean \
                         '{region}'?)",
                        lines.first().copied().unwrap_or(0)
                    )
                })
                .unwrap_or_default();
            d.error(InputError::file(
                BUDGETS,
                format!(
                    "region '{region}' (municipalities {}) has no row; add a row with \
                     budget_eur 0 if it has no budget{misspelt}",
                    codes.join(", ")
                ),
            ));
        }
    }
    let (periods, base) = (periods?, base_year?);
    let last = periods.last().map_or(base, |p| p.end);
    let mut out = vec![vec![0.0; periods.len()]; regions.len()];
    let mut per_funder = vec![vec![vec![0.0; periods.len()]; funders.len()]; regions.len()];
    let mut ignored: BTreeMap<&str, Vec<(i32, u64)>> = BTreeMap::new();
    // Per region and plan year: the budget over every funder and the first line.
    let mut per_year: BTreeMap<(&str, i32), (f64, u64)> = BTreeMap::new();
    for b in &good {
        let Ok(r) = regions.binary_search(&b.row.region) else {
            continue;
        };
        match periods
            .iter()
            .position(|p| p.start <= b.row.year && b.row.year <= p.end)
        {
            Some(p) => {
                let year = per_year
                    .entry((b.row.region.as_str(), b.row.year))
                    .or_insert((0.0, b.line));
                year.0 += b.row.budget_eur;
                if let Some(cell) = out.get_mut(r).and_then(|row| row.get_mut(p)) {
                    *cell += b.row.budget_eur;
                }
                if let Some(cell) = funders
                    .binary_search(&b.row.funder)
                    .ok()
                    .and_then(|g| per_funder.get_mut(r)?.get_mut(g)?.get_mut(p))
                {
                    *cell += b.row.budget_eur;
                }
            }
            None => ignored
                .entry(b.row.region.as_str())
                .or_default()
                .push((b.row.year, b.line)),
        }
    }
    let mut small: BTreeMap<&str, Vec<(i32, f64, u64)>> = BTreeMap::new();
    for ((region, year), (euros, line)) in per_year {
        if euros > 0.0 && euros < super::plausible::MIN_BUDGET_EUR {
            small.entry(region).or_default().push((year, euros, line));
        }
    }
    for (region, years) in small {
        super::plausible::small_budgets(region, &years, d);
    }
    for (region, years) in ignored {
        let list = years
            .iter()
            .map(|(y, _)| y.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        d.warn(
            BUDGETS,
            years.iter().map(|(_, line)| *line).min(),
            format!(
                "regels van regio '{region}' voor jaren buiten het plan ({}–{last}) worden \
                 genegeerd: {list}",
                base + 1,
            ),
            format!(
                "rows of region '{region}' for years outside the plan ({}–{last}) are ignored: \
                 {list}",
                base + 1,
            ),
        );
    }
    if funders.is_empty() {
        per_funder = Vec::new();
    }
    Some((out, per_funder))
}

/// G of spec v2 §5: the distinct `funder` values of budgets.csv and transformations.csv,
/// sorted; empty when that is only the common funder "" (a v1 case).
fn funder_names(
    budgets: Option<&FileRows<BudgetRow>>,
    transformations: Option<&FileRows<TransformationRow>>,
) -> Vec<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    if let Some(b) = budgets {
        names.extend(b.rows.iter().map(|r| r.row.funder.clone()));
    }
    if let Some(t) = transformations {
        names.extend(t.rows.iter().map(|r| r.row.funder.clone()));
    }
    if names.iter().all(String::is_empty) {
        return Vec::new();
    }
    names.into_iter().collect()
}

/// The rules of funding.csv: funders must be in G (with a suggestion from G), segments
/// in segments.csv, and no (funder, action, segment) twice. In a case without funders
/// (G = {""}) the file is ignored with a warning, after its names are checked.
fn funding(
    rows: FileRows<FundingRow>,
    funders: &[String],
    segs: Option<&Names>,
    d: &mut Diagnostics,
) -> Option<Vec<FundingRule>> {
    let mut seen = HashMap::default();
    let mut out = Vec::new();
    let mut complete = rows.complete;
    // The funder a rule may name: the funders of G, or "" alone in a case without any.
    let known: Vec<String> = if funders.is_empty() {
        vec![String::new()]
    } else {
        funders.to_vec()
    };
    let named: Vec<&String> = known.iter().filter(|n| !n.is_empty()).collect();
    for Lined { line, row } in rows.rows {
        let funder = known.binary_search(&row.funder).ok();
        if funder.is_none() {
            let shown = if row.funder.is_empty() {
                "the common funder (a blank funder)".to_string()
            } else {
                format!("'{}'", row.funder)
            };
            let mut msg = format!(
                "unknown funder {shown}: no row of budgets.csv or transformations.csv names it"
            );
            if named.is_empty() {
                msg.push_str(" (no row there names any funder)");
            } else if let Some(s) = nearest(&row.funder, &named) {
                let _ = write!(msg, " (did you mean '{s}'?)");
            } else {
                let list: Vec<&str> = named.iter().map(|n| n.as_str()).collect();
                let _ = write!(msg, "; the funders are: {}", list.join(", "));
            }
            d.error(InputError::cell(FUNDING, line, "funder", msg));
        }
        let segment = resolve_optional(segs, &row.segment, FUNDING, line, "segment", d);
        let key = (row.funder.clone(), row.action, row.segment.clone());
        let new = first_occurrence(&mut seen, key, (FUNDING, line), d, || {
            format!(
                "rule for funder '{}', action {} and {}",
                row.funder,
                row.action.as_str(),
                row.segment
                    .as_deref()
                    .map_or("every segment".to_string(), |s| format!("segment '{s}'"))
            )
        });
        match (funder, segment, new) {
            (Some(funder), Some(segment), true) => out.push(FundingRule {
                funder,
                action: row.action,
                segment,
                max_share: row.max_share,
            }),
            _ => complete = false,
        }
    }
    if funders.is_empty() {
        d.warn(
            FUNDING,
            None,
            "geen regel van budgets.csv of transformations.csv noemt een financier, dus het \
             budget is één pot per regio en funding.csv wordt genegeerd",
            "no row of budgets.csv or transformations.csv names a funder, so the budget is \
             one pot per region and funding.csv is ignored",
        );
        return Some(Vec::new());
    }
    complete.then_some(out)
}

/// Warns, per action and segment, naming the municipalities, where an action is possible
/// (stock to demolish or transform, new build allowed) and costs money, but the
/// max_shares of the funders that may pay it sum to less than 1: C7 keeps it at 0.
fn warn_unpayable(case: &Case, d: &mut Diagnostics) {
    if !case.funders.active() || case.funders.rules.is_none() {
        return;
    }
    let mut unpayable: BTreeMap<(FundedAction, usize), (f64, Vec<String>)> = BTreeMap::new();
    for m in 0..case.municipalities.len() {
        let mut noted = BTreeSet::new();
        for (action, _) in case.cost_items(m) {
            let (kind, s) = case.funded_action(action);
            let possible = match kind {
                FundedAction::NewBuild => true,
                FundedAction::Demolish | FundedAction::Transform => case.stock0[m][s] > 0.0,
            };
            if !possible || !noted.insert((kind, s)) {
                continue;
            }
            let total: f64 = (0..case.funders.names.len())
                .map(|g| case.funding_share(g, action))
                .sum();
            if total < 1.0 - 1e-9 {
                let municipality = &case.municipalities[m];
                unpayable
                    .entry((kind, s))
                    .or_insert_with(|| (total, Vec::new()))
                    .1
                    .push(format!("{} {}", municipality.code, municipality.name));
            }
        }
    }
    for ((kind, s), (total, places)) in unpayable {
        d.warn(
            FUNDING,
            None,
            format!(
                "geen combinatie van financiers kan {} van segment '{}' volledig betalen (de \
                 max_share van de financiers die het mogen betalen is samen {}), dus het blijft \
                 0 in: {}",
                kind.as_str(),
                case.segments[s].id,
                crate::numfmt::fmt_num(total),
                places.join(", ")
            ),
            format!(
                "no combination of funders can pay {} of segment '{}' in full (the \
                 max_share of the funders that may pay it sum to {}), so it stays 0 in: {}",
                kind.as_str(),
                case.segments[s].id,
                crate::numfmt::fmt_num(total),
                places.join(", ")
            ),
        );
    }
}

/// Checks everything across files; returns the case (without name, hash and warnings)
/// when nothing is wrong.
pub(crate) fn assemble(inputs: Inputs, options: &ReadOptions, d: &mut Diagnostics) -> Option<Case> {
    super::plausible::rows(
        inputs.municipalities.as_ref(),
        inputs.stock.as_ref(),
        inputs.households.as_ref(),
        inputs.costs.as_ref(),
        d,
    );
    let muni_table = inputs.municipalities.and_then(|k| municipalities(k, d));
    let seg_table = inputs.segments.and_then(|k| segments(k, d));
    let muni_names = muni_table.as_ref().map(|t| &t.names);
    let seg_names = seg_table.as_ref().map(|t| &t.1);

    // A stock row left out for a bad cell would make a municipality's stock look
    // smaller than its vacancy: the vacancy checks need the whole file.
    let stock_complete = inputs.stock.as_ref().is_some_and(|rows| rows.complete);
    let stock = inputs
        .stock
        .and_then(|rows| stock(rows, muni_names, seg_names, d));

    let settings = inputs.settings.as_ref();
    let (variant, variant_explicit) = chosen_variant(settings, options, d);
    let named_variants: BTreeSet<String> =
        inputs
            .households
            .as_ref()
            .map_or_else(BTreeSet::new, |rows| {
                rows.rows
                    .iter()
                    .filter_map(|l| l.row.variant.clone())
                    .collect()
            });
    let households = inputs
        .households
        .and_then(|rows| households(rows, muni_names, settings, &variant, variant_explicit, d));

    let base_year = settings.and_then(|s| s.base_year);
    let milestones: Option<Vec<i32>> = match (settings.map(|s| &s.milestones), &households) {
        (_, Some(h)) => Some(h.milestones.clone()),
        (Some(Milestones::Given { years, .. }), None) => Some(years.clone()),
        _ => None,
    };
    let periods: Option<Vec<Period>> = match (base_year, &milestones) {
        (Some(base), Some(ms)) => {
            let mut prev = base;
            Some(
                ms.iter()
                    .map(|&end| {
                        let p = Period {
                            start: prev + 1,
                            end,
                        };
                        prev = end;
                        p
                    })
                    .collect(),
            )
        }
        _ => None,
    };
    let robust = settings
        .and_then(|s| s.robust.as_ref())
        .and_then(|r| robust(r, &named_variants, periods.as_ref().map(Vec::len), d));
    let balance_years: Option<Vec<i32>> = match (base_year, &milestones) {
        (Some(base), Some(ms)) => Some(std::iter::once(base).chain(ms.iter().copied()).collect()),
        _ => None,
    };

    let shares = if inputs.demand_shares_present {
        Some(inputs.demand_shares.and_then(|rows| {
            demand_shares(rows, muni_names, seg_names, balance_years.as_deref(), d)
        }))
    } else {
        None
    };
    let costs = inputs
        .costs
        .and_then(|rows| costs(rows, muni_names, seg_names, stock.as_ref(), d));
    let funder_list = funder_names(inputs.budgets.as_ref(), inputs.transformations.as_ref());
    let rules = if inputs.funding_present {
        let checkable = inputs.budgets.is_some()
            && (!inputs.transformations_present || inputs.transformations.is_some());
        Some(
            inputs
                .funding
                .filter(|_| checkable)
                .and_then(|rows| funding(rows, &funder_list, seg_names, d)),
        )
    } else {
        None
    };
    let transformations = if inputs.transformations_present {
        inputs
            .transformations
            .and_then(|rows| transformations(rows, seg_names, d))
    } else {
        Some(Vec::new())
    };
    let budgets = inputs.budgets.and_then(|rows| {
        budgets(
            rows,
            muni_table.as_ref(),
            periods.as_deref(),
            base_year,
            &funder_list,
            d,
        )
    });
    if let (Some(munis), Some(stock), Some(households), Some(base), true) =
        (&muni_table, &stock, &households, base_year, stock_complete)
    {
        vacancy(munis, stock, households, base, d);
    }

    if !d.errors.is_empty() {
        return None;
    }
    let (
        Some(muni_table),
        Some((segments, _)),
        Some(stock),
        Some(households),
        Some(costs),
        Some(transformations),
        Some((budget_eur, funder_budget_eur)),
        Some(periods),
        Some(parsed),
    ) = (
        muni_table,
        seg_table,
        stock,
        households,
        costs,
        transformations,
        budgets,
        periods,
        inputs.settings,
    )
    else {
        return None;
    };
    let (mode, demand_shares) = match shares {
        None => (Mode::Total, None),
        Some(Some(shares)) => (Mode::Segment, Some(shares)),
        Some(None) => return None,
    };
    let settings = Settings {
        milestones: households.milestones,
        households_variant: variant,
        robust,
        ..parsed.settings
    };
    let rules = match rules {
        None => None,
        Some(Some(rules)) => Some(rules),
        Some(None) => return None,
    };
    let (transformations, receivers): (Vec<Transformation>, Vec<String>) =
        transformations.into_iter().unzip();
    let funders = if funder_list.is_empty() {
        Funders::default()
    } else {
        Funders {
            sale_receiver: receivers
                .iter()
                .map(|name| funder_list.binary_search(name).unwrap_or(0))
                .collect(),
            names: funder_list,
            rules,
            budget_eur: funder_budget_eur,
        }
    };
    let case = Case {
        name: String::new(),
        settings,
        municipalities: muni_table.list,
        regions: muni_table.regions,
        segments,
        transformations,
        periods,
        mode,
        stock0: stock.values,
        households: households.values,
        demand_shares,
        costs,
        budget_eur,
        funders,
        inputs_sha256: String::new(),
        warnings: Vec::new(),
    };
    warn_unpayable(&case, d);
    Some(case)
}

#[cfg(test)]
mod tests {
    use super::interpolate;

    #[test]
    fn interpolation() {
        let pts = [(2024, 100.0), (2030, 70.0), (2040, 50.0)];
        assert_eq!(interpolate(&pts, 2024), Some(100.0));
        assert_eq!(interpolate(&pts, 2027), Some(85.0));
        assert_eq!(interpolate(&pts, 2035), Some(60.0));
        assert_eq!(interpolate(&pts, 2040), Some(50.0));
        assert_eq!(interpolate(&pts, 2041), None);
        assert_eq!(interpolate(&pts, 2020), None);
        assert_eq!(interpolate(&[(2024, 1.0)], 2024), Some(1.0));
    }
}
