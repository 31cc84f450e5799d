//! From CBS figures to case figures: the stock per segment (tenure split with largest
//! remainders), fallbacks for secret values, the population change since the base year
//! (through merges and splits), and the household projection variants.

use std::collections::BTreeMap;

use super::assumptions::Variant;
use super::kwb::{BaseFile, BaseRow, LaterFile, Tenure};
use super::regions::{Mapping, Member};
use super::table::Cell;
use crate::{Error, InputError, Result};

/// The largest yearly population change, up or down, taken as real between the base file
/// and the later file (the largest in the CBS files of 2019 and 2024 is below 5 %).
pub(crate) const MAX_POPULATION_CHANGE: f64 = 0.10;

/// The three segments: id, label, tenure.
pub(crate) const SEGMENTS: [(&str, &str, &str); 3] = [
    ("koop", "Koopwoning", "koop"),
    ("huur_corporatie", "Sociale huur (woningcorporatie)", "huur"),
    (
        "huur_particulier",
        "Particuliere huur (overige verhuurders)",
        "huur",
    ),
];
/// Index of owner-occupied in [`SEGMENTS`].
pub(crate) const OWNER: usize = 0;
/// Index of social rent in [`SEGMENTS`].
pub(crate) const SOCIAL: usize = 1;
/// Index of private rent in [`SEGMENTS`].
pub(crate) const PRIVATE: usize = 2;

/// The change of population between the base file and the later file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Growth {
    /// Population later / population base, of the whole group.
    pub ratio: f64,
    /// The yearly rate: ratio^(1/years) − 1.
    pub rate: f64,
    /// Base-year municipalities of the group, as `code name` (more than one for merged
    /// municipalities).
    pub base_codes: Vec<String>,
    /// Later codes of the group.
    pub later_codes: Vec<String>,
}

/// One municipality of the case with everything derived.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Muni {
    /// `GMxxxx`.
    pub code: String,
    /// Name (CBS).
    pub name: String,
    /// Region.
    pub region: String,
    /// a_woning.
    pub dwellings: u64,
    /// a_hh.
    pub households: u64,
    /// Dwellings per segment, summing to `dwellings`.
    pub stock: [u64; 3],
    /// p_e_o_w when known.
    pub unknown_pct: Option<f64>,
    /// Average WOZ value in thousands of euros (CBS or fallback).
    pub woz_k: f64,
    /// Population change, when a later file was given.
    pub growth: Option<Growth>,
    /// Households per variant and per projection year.
    pub projections: Vec<Vec<f64>>,
    /// p_leegsw when known.
    pub vacant_pct: Option<f64>,
    /// `vacant_dwellings`: a_woning × p_leegsw / 100 rounded to a whole dwelling; `None`
    /// where p_leegsw is secret or missing (or would leave no dwelling occupied).
    pub vacant: Option<u64>,
}

/// Dwelling-weighted sums of the tenure percentages over a set of municipalities, for
/// the fallback when a municipality's own are secret.
#[derive(Debug, Clone, Copy, Default)]
struct Mix {
    owner: f64,
    rent: f64,
    corporation: f64,
    other: f64,
    woz: f64,
    woz_weight: f64,
}

impl Mix {
    fn of<'a>(rows: impl Iterator<Item = &'a BaseRow>) -> Mix {
        let mut m = Mix::default();
        for r in rows {
            let Some(dw) = r.dwellings.value() else {
                continue;
            };
            if let (Some(o), Some(h)) = (r.tenure.owner.value(), r.tenure.rent.value()) {
                m.owner += dw * o;
                m.rent += dw * h;
            }
            if let (Some(c), Some(p)) = (r.tenure.corporation.value(), r.tenure.other.value()) {
                m.corporation += dw * c;
                m.other += dw * p;
            }
            if let Some(w) = r.woz.value() {
                m.woz += dw * w;
                m.woz_weight += dw;
            }
        }
        m
    }
}

/// Splits `total` into whole parts proportional to `weights` by largest remainders
/// (Hamilton): each part gets the floor of its quota, the rest goes one by one to the
/// largest fractional parts, ties to the first. `None` when the weights sum to 0.
pub(crate) fn largest_remainder(total: u64, weights: &[f64]) -> Option<Vec<u64>> {
    let sum: f64 = weights.iter().sum();
    if sum <= 0.0 || !sum.is_finite() || weights.iter().any(|w| *w < 0.0) {
        return None;
    }
    let quotas: Vec<f64> = weights.iter().map(|w| total as f64 * w / sum).collect();
    let mut parts: Vec<u64> = quotas.iter().map(|q| q.floor() as u64).collect();
    let given: u64 = parts.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (quotas[a] - quotas[a].floor(), quotas[b] - quotas[b].floor());
        fb.total_cmp(&fa).then(a.cmp(&b))
    });
    for &i in order
        .iter()
        .cycle()
        .take(total.saturating_sub(given) as usize)
    {
        parts[i] += 1;
    }
    Some(parts)
}

/// A known, positive pair of percentages.
fn pair(a: Cell, b: Cell) -> Option<[f64; 2]> {
    match (a.value(), b.value()) {
        (Some(x), Some(y)) if x + y > 0.0 => Some([x, y]),
        _ => None,
    }
}

fn describe_missing(t: &Tenure, first: bool) -> String {
    let cells = if first {
        [("p_koopw", t.owner), ("p_huurw", t.rent)]
    } else {
        [("p_wcorpw", t.corporation), ("p_ov_hw", t.other)]
    };
    let missing: Vec<String> = cells
        .iter()
        .map(|(n, c)| match c {
            Cell::Value(v) => format!("{n} = {v}"),
            other => format!("{n} {}", other.why_missing()),
        })
        .collect();
    missing.join(", ")
}

/// Everything derived for the selected municipalities.
pub(crate) struct Derived {
    /// The municipalities, sorted by code.
    pub munis: Vec<Muni>,
    /// What was filled in or estimated, one sentence each.
    pub warnings: Vec<String>,
}

/// Derives the case's municipalities. `growth` holds the population change per selected
/// code (empty without a later file); `years` the projection years; `later_year` the
/// year of the later file.
#[allow(clippy::too_many_arguments)]
pub(crate) fn derive(
    base: &BaseFile,
    members: &[Member],
    growth: &BTreeMap<String, Growth>,
    base_year: i32,
    later_year: Option<i32>,
    years: &[i32],
    variants: &[Variant],
) -> Result<Derived> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let national = Mix::of(base.rows.values());
    let mut regions: BTreeMap<&str, Vec<&BaseRow>> = BTreeMap::new();
    for m in members {
        match base.rows.get(&m.code) {
            Some(r) => regions.entry(m.region.as_str()).or_default().push(r),
            None => errors.push(match &m.origin {
                (file, Some(line)) => InputError::line(
                    file.clone(),
                    *line,
                    format!(
                        "{} is not a municipality in {} (are the codes of the same year?)",
                        m.code, base.display
                    ),
                ),
                (file, None) => InputError::file(
                    file.clone(),
                    format!("{} is not a municipality in {}", m.code, base.display),
                ),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    let col = |role: &str| base.columns.get(role).copied().unwrap_or(role).to_string();
    let mut munis = Vec::new();
    for m in members {
        let r = &base.rows[&m.code];
        let who = format!("{} {}", r.code, r.name);
        let region_mix = Mix::of(regions[m.region.as_str()].iter().copied());
        let required = |cell: Cell, role: &str, errors: &mut Vec<InputError>| match cell {
            Cell::Value(v) => Some(v),
            Cell::Invalid => None,
            other => {
                errors.push(InputError::cell(
                    base.display.clone(),
                    r.line,
                    col(role),
                    format!(
                        "{who}: {role} is {}; a case cannot be built without it: leave the \
                         municipality out, or fill in the figure",
                        other.why_missing()
                    ),
                ));
                None
            }
        };
        let dwellings = required(r.dwellings, "a_woning", &mut errors);
        let households = required(r.households, "a_hh", &mut errors);
        let (Some(dwellings), Some(households)) = (dwellings, households) else {
            continue;
        };
        if dwellings <= 0.0 {
            errors.push(InputError::cell(
                base.display.clone(),
                r.line,
                col("a_woning"),
                format!("{who} has no dwellings"),
            ));
            continue;
        }
        let total = dwellings as u64;

        // Level 1: owner-occupied vs rented; level 2: rented from corporations vs others.
        // A level the municipality's own figures leave open takes the mix of its region,
        // else of all municipalities in the file, else an even split, with a warning.
        let level = |first: bool, warnings: &mut Vec<String>| {
            let (own, question) = if first {
                (
                    pair(r.tenure.owner, r.tenure.rent),
                    "owner-occupied vs rented",
                )
            } else {
                (
                    pair(r.tenure.corporation, r.tenure.other),
                    "corporation vs other landlords",
                )
            };
            if let Some(w) = own {
                return w;
            }
            let mix = |m: &Mix| {
                if first {
                    [m.owner, m.rent]
                } else {
                    [m.corporation, m.other]
                }
            };
            let (region, national) = (mix(&region_mix), mix(&national));
            let (w, what) = if region.iter().sum::<f64>() > 0.0 {
                (region, format!("the mix of region {}", m.region))
            } else if national.iter().sum::<f64>() > 0.0 {
                (
                    national,
                    format!("the mix of all municipalities in {}", base.display),
                )
            } else {
                ([1.0, 1.0], "an even split".to_string())
            };
            warnings.push(format!(
                "{who}: {question} unknown ({}); {what} is used",
                describe_missing(&r.tenure, first)
            ));
            w
        };
        let level1 = level(true, &mut warnings);
        let level2 = level(false, &mut warnings);
        let split1 = largest_remainder(total, &level1).unwrap_or(vec![total, 0]);
        let split2 = largest_remainder(split1[1], &level2).unwrap_or(vec![split1[1], 0]);
        let stock = [split1[0], split2[0], split2[1]];

        let woz_k = match r.woz.value() {
            Some(w) if w > 0.0 => w,
            _ => {
                let (w, what) = if region_mix.woz_weight > 0.0 {
                    (
                        region_mix.woz / region_mix.woz_weight,
                        format!("the dwelling-weighted average of region {}", m.region),
                    )
                } else {
                    (
                        national.woz / national.woz_weight.max(1.0),
                        format!(
                            "the dwelling-weighted average of all municipalities in {}",
                            base.display
                        ),
                    )
                };
                let w = (w * 10.0).round() / 10.0;
                warnings.push(format!(
                    "{who}: g_woz (average WOZ value) is {}; {what}, {w} thousand euros, is \
                     used for buying owner-occupied and private-rent dwellings before \
                     demolition",
                    r.woz.why_missing()
                ));
                w
            }
        };

        let g = growth.get(&m.code);
        let rate = g.map_or(0.0, |g| g.rate);
        let projections = variants
            .iter()
            .map(|v| {
                years
                    .iter()
                    .map(|&y| project(households, rate, base_year, later_year, v, y))
                    .collect()
            })
            .collect();
        let vacant_pct = r.vacant_pct.value();
        let vacant = match vacant_pct {
            Some(p) => {
                let v = (dwellings * p / 100.0).round();
                if v < dwellings && households > 0.0 {
                    Some(v as u64)
                } else {
                    warnings.push(format!(
                        "{who}: p_leegsw is {p} % of {} dwellings with {} households, which \
                         leaves no occupied dwelling per household to calibrate demand to; \
                         vacant_dwellings is left blank (demand = households)",
                        dwellings, households
                    ));
                    None
                }
            }
            None => {
                warnings.push(format!(
                    "{who}: p_leegsw (% unoccupied dwellings) is {}; vacant_dwellings is \
                     left blank, so its demand is not calibrated to observed vacancy \
                     (one dwelling per household)",
                    r.vacant_pct.why_missing()
                ));
                None
            }
        };
        munis.push(Muni {
            code: r.code.clone(),
            name: r.name.clone(),
            region: m.region.clone(),
            dwellings: total,
            households: households as u64,
            stock,
            unknown_pct: r.tenure.unknown.value(),
            woz_k,
            growth: g.cloned(),
            projections,
            vacant_pct,
            vacant,
        });
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(Error::Input(errors));
    }
    Ok(Derived { munis, warnings })
}

/// Households in year `y` of variant `v`: the base-year households times (1 + rate) for
/// every year up to max(turn year, later year), then times (1 + min(rate, −decline)).
pub(crate) fn project(
    base_households: f64,
    rate: f64,
    base_year: i32,
    later_year: Option<i32>,
    v: &Variant,
    y: i32,
) -> f64 {
    let turn = v.turn_year.max(later_year.unwrap_or(base_year));
    let before = (y.min(turn) - base_year).max(0);
    let after = (y - turn).max(0);
    let decline = rate.min(-v.decline_per_year);
    base_households * (1.0 + rate).powi(before) * (1.0 + decline).powi(after)
}

/// The population change per selected municipality: base-year municipalities and later
/// ones are joined where the code is the same or the mapping links them; the change of
/// each joined group (merged or split municipalities with their neighbours) applies to
/// every base-year municipality in it.
pub(crate) fn growth(
    base: &BaseFile,
    later: &LaterFile,
    later_year: i32,
    base_year: i32,
    mapping: Option<&Mapping>,
    members: &[Member],
) -> Result<BTreeMap<String, Growth>> {
    let base_codes: Vec<&String> = base.rows.keys().collect();
    let later_codes: Vec<&String> = later.population.keys().collect();
    let nb = base_codes.len();
    let mut parent: Vec<usize> = (0..nb + later_codes.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    let later_index: BTreeMap<&String, usize> = later_codes
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, nb + i))
        .collect();
    for (i, c) in base_codes.iter().enumerate() {
        if let Some(&j) = later_index.get(c) {
            union(&mut parent, i, j);
        }
    }
    let mut errors = Vec::new();
    if let Some(map) = mapping {
        for row in &map.rows {
            let from = base_codes.binary_search(&&row.from).ok();
            let to = later_index.get(&row.to).copied();
            let ends = [
                (from.is_none(), "from_code", &row.from, &base.display),
                (to.is_none(), "to_code", &row.to, &later.display),
            ];
            for (unknown, column, code, file) in ends {
                if unknown {
                    let why = format!("{code} is not a municipality in {file}");
                    errors.push(InputError::cell(map.display.clone(), row.line, column, why));
                }
            }
            if let (Some(a), Some(b)) = (from, to) {
                union(&mut parent, a, b);
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::Input(errors));
    }
    let mut groups: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for i in 0..parent.len() {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < nb {
            g.0.push(i);
        } else {
            g.1.push(i - nb);
        }
    }
    let years = later_year - base_year;
    let mut out = BTreeMap::new();
    for m in members {
        let Ok(i) = base_codes.binary_search(&&m.code) else {
            continue; // reported by `derive`
        };
        let root = find(&mut parent, i);
        let (b, l) = &groups[&root];
        let row = &base.rows[&m.code];
        if l.is_empty() {
            errors.push(InputError::line(
                base.display.clone(),
                row.line,
                format!(
                    "{} {} is not in {} and no mapping (--mapping) names where it went; add \
                     a row from_code={},to_code=<its successor> to the mapping file",
                    m.code, row.name, later.display, m.code
                ),
            ));
            continue;
        }
        let mut base_sum = 0.0;
        let mut later_sum = 0.0;
        for &bi in b {
            let r = &base.rows[base_codes[bi]];
            match r.population.value() {
                Some(p) => base_sum += p,
                None => errors.push(InputError::cell(
                    base.display.clone(),
                    r.line,
                    base.columns.get("a_inw").copied().unwrap_or("a_inw"),
                    format!(
                        "{} {}: a_inw is {}; it is needed for the population change of {}",
                        r.code,
                        r.name,
                        r.population.why_missing(),
                        m.code
                    ),
                )),
            }
        }
        for &li in l {
            let code = later_codes[li];
            match later.population[code] {
                (_, Some(p)) => later_sum += p,
                (line, None) => errors.push(InputError::line(
                    later.display.clone(),
                    line,
                    format!(
                        "{code}: the population is secret or empty; it is needed for the \
                         population change of {}",
                        m.code
                    ),
                )),
            }
        }
        if base_sum <= 0.0 || later_sum <= 0.0 {
            continue;
        }
        let ratio = later_sum / base_sum;
        let rate = ratio.powf(1.0 / f64::from(years)) - 1.0;
        if rate.abs() > MAX_POPULATION_CHANGE {
            // Projected to the last household year, such a change gives absurd numbers
            // (found by fuzzing: a typing error of ×100 made households beyond 1e12).
            let first_later = later.population[later_codes[l[0]]].0;
            let mut codes: Vec<&str> = b
                .iter()
                .map(|&i| base_codes[i].as_str())
                .chain(l.iter().map(|&i| later_codes[i].as_str()))
                .collect();
            codes.sort_unstable();
            codes.dedup();
            errors.push(InputError::line(
                later.display.clone(),
                first_later,
                format!(
                    "{} {}: the population changes from {base_sum} in {} to {later_sum} in \
                     {}, {:+.1} % a year; more than {} % a year is implausible for a \
                     municipality: check the population (a_inw, inwoners) of {}, and whether \
                     a merger or split needs a row in the mapping (--mapping)",
                    m.code,
                    row.name,
                    base_year,
                    later_year,
                    100.0 * rate,
                    100.0 * MAX_POPULATION_CHANGE,
                    codes.join(", ")
                ),
            ));
            continue;
        }
        out.insert(
            m.code.clone(),
            Growth {
                ratio,
                rate,
                base_codes: b
                    .iter()
                    .map(|&i| format!("{} {}", base_codes[i], base.rows[base_codes[i]].name))
                    .collect(),
                later_codes: l.iter().map(|&i| later_codes[i].clone()).collect(),
            },
        );
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(Error::Input(errors));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_sums_exactly() {
        assert_eq!(largest_remainder(10, &[1.0, 1.0, 1.0]), Some(vec![4, 3, 3]));
        assert_eq!(
            largest_remainder(45834, &[47.0, 53.0]),
            Some(vec![21542, 24292])
        );
        assert_eq!(largest_remainder(5, &[1.0, 1.0]), Some(vec![3, 2]));
        assert_eq!(largest_remainder(7, &[0.0, 2.0]), Some(vec![0, 7]));
        assert_eq!(largest_remainder(7, &[0.0, 0.0]), None);
        for total in [0u64, 1, 99, 6032, 114733] {
            let parts = largest_remainder(total, &[42.0, 34.0, 24.0]).unwrap();
            assert_eq!(parts.iter().sum::<u64>(), total);
        }
    }

    #[test]
    fn projection_turns() {
        let v = Variant {
            name: "x".into(),
            turn_year: 2030,
            decline_per_year: 0.01,
            basis: "b".into(),
        };
        let h = project(1000.0, 0.02, 2019, Some(2024), &v, 2024);
        assert!((h - 1000.0 * 1.02f64.powi(5)).abs() < 1e-9);
        let h = project(1000.0, 0.02, 2019, Some(2024), &v, 2032);
        assert!((h - 1000.0 * 1.02f64.powi(11) * 0.99f64.powi(2)).abs() < 1e-9);
        // A municipality already declining faster keeps its own rate.
        let h = project(1000.0, -0.02, 2019, Some(2024), &v, 2032);
        assert!((h - 1000.0 * 0.98f64.powi(13)).abs() < 1e-9);
        // The turn never comes before the later file's year.
        let early = Variant {
            turn_year: 2020,
            ..v
        };
        let h = project(1000.0, 0.02, 2019, Some(2024), &early, 2024);
        assert!((h - 1000.0 * 1.02f64.powi(5)).abs() < 1e-9);
    }
}
