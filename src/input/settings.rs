//! settings.toml: parsing, overrides, defaults and range checks (spec §3).
//!
//! Errors name settings.toml, the key (as the column) and the key's line. Keys set by
//! [`super::ReadOptions::settings_overrides`] replace the file's keys before validation;
//! errors in them say so and carry no line.

use std::collections::BTreeMap;

use toml::{Spanned, Value};

use super::number::{MAX_YEAR, MIN_YEAR};
use super::suggest::nearest;
use super::Diagnostics;
use crate::case::{Criterion, Settings, SurplusTier};
use crate::{InputError, Location};

/// The largest weight or tier multiplier accepted: larger ones only spoil the LP's numerics.
const MAX_WEIGHT: f64 = 1e6;

/// The longest title or subtitle accepted, in characters (a chart's title line).
const MAX_TITLE_CHARS: usize = 160;

/// The file name of the settings.
pub(crate) const FILE: &str = "settings.toml";

/// Every key settings.toml may have (scenario overrides may set the same keys).
pub const KEYS: &[&str] = &[
    "base_year",
    "milestones",
    "households_variant",
    "friction_vacancy",
    "max_removal_share_per_year",
    "max_new_build_share_per_year",
    "weight_surplus",
    "surplus_tiers",
    "weight_shortage",
    "budget_carry_over",
    "title",
    "subtitle",
    "robust",
];

/// Every key of the `[robust]` table (spec v2 §3).
pub const ROBUST_KEYS: &[&str] = &["variants", "weights", "criterion", "commit_periods"];

/// The `[robust]` table as far as settings.toml alone can check it; the checks that need
/// households.csv (known variants, the default variants) and the periods
/// (commit_periods ≤ P) are made when the case is assembled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ParsedRobust {
    /// `robust.variants` with the line of its key, when given.
    pub variants: Option<(Vec<String>, Option<u64>)>,
    /// `robust.weights` (raw, > 0), when given; their number matches the variants'.
    pub weights: Option<Vec<f64>>,
    /// `robust.criterion`.
    pub criterion: Criterion,
    /// `robust.commit_periods` (≥ 1) with the line of its key.
    pub commit_periods: (usize, Option<u64>),
    /// The line of the `[robust]` table (none for `--robust` or an override).
    pub line: Option<u64>,
}

/// How the milestones were given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Milestones {
    /// Listed in settings (valid), with the line of the key when it is from the file.
    Given {
        /// y_1 < … < y_P.
        years: Vec<i32>,
        /// Line of `milestones` in settings.toml.
        line: Option<u64>,
    },
    /// Not given: derived from households.csv.
    Absent,
    /// Given but invalid (an error was recorded).
    Invalid,
}

/// The settings as far as they could be read.
#[derive(Debug, Clone)]
pub(crate) struct ParsedSettings {
    /// Every valid value, defaults for the others; `base_year` is 0 and `milestones`
    /// empty until known.
    pub settings: Settings,
    /// The base year, when given and valid.
    pub base_year: Option<i32>,
    /// The milestones as given.
    pub milestones: Milestones,
    /// Whether `households_variant` was set (by the file or an override).
    pub variant_explicit: bool,
    /// The `[robust]` table (or `--robust`'s defaults); `None` outside robust mode.
    pub robust: Option<ParsedRobust>,
}

struct Entry {
    value: Value,
    line: Option<u64>,
    from_override: bool,
}

/// A TOML number as f64: a float, or an integer (the numbers of settings and scenario
/// files are small enough for the conversion to be exact); `None` for any other value.
pub(crate) fn toml_number(value: &Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(*f),
        Value::Integer(i) => Some(*i as f64),
        _ => None,
    }
}

/// Dutch (and other common) names of the settings, each with the key it stands for.
const DUTCH_KEYS: &[(&str, &str)] = &[
    ("basisjaar", "base_year"),
    ("startjaar", "base_year"),
    ("beginjaar", "base_year"),
    ("peiljaar", "base_year"),
    ("eindjaar", "milestones"),
    ("mijlpalen", "milestones"),
    ("mijlpaal", "milestones"),
    ("periodes", "milestones"),
    ("perioden", "milestones"),
    ("periodelengte", "milestones"),
    ("zichtjaren", "milestones"),
    ("variant", "households_variant"),
    ("huishoudensvariant", "households_variant"),
    ("huishoudens_variant", "households_variant"),
    ("prognose", "households_variant"),
    ("frictieleegstand", "friction_vacancy"),
    ("frictie_leegstand", "friction_vacancy"),
    ("frictie", "friction_vacancy"),
    ("leegstand", "friction_vacancy"),
    ("friction", "friction_vacancy"),
    ("sloopaandeel", "max_removal_share_per_year"),
    ("max_sloop", "max_removal_share_per_year"),
    ("max_sloop_per_jaar", "max_removal_share_per_year"),
    ("nieuwbouwaandeel", "max_new_build_share_per_year"),
    ("max_nieuwbouw", "max_new_build_share_per_year"),
    ("max_nieuwbouw_per_jaar", "max_new_build_share_per_year"),
    ("gewicht_overschot", "weight_surplus"),
    ("weging_overschot", "weight_surplus"),
    ("overschot", "weight_surplus"),
    ("gewicht_tekort", "weight_shortage"),
    ("weging_tekort", "weight_shortage"),
    ("tekort", "weight_shortage"),
    ("schijven", "surplus_tiers"),
    ("overschotschijven", "surplus_tiers"),
    ("budget", "budget_carry_over"),
    ("budget_overheveling", "budget_carry_over"),
    ("overheveling", "budget_carry_over"),
    ("budget_meenemen", "budget_carry_over"),
    ("carry_over", "budget_carry_over"),
    ("robuust", "robust"),
];

/// The English key a Dutch (or other common) setting name stands for.
pub(crate) fn dutch_key(key: &str) -> Option<&'static str> {
    let lower = key.trim().to_lowercase();
    DUTCH_KEYS
        .iter()
        .find(|(nl, _)| *nl == lower)
        .map(|(_, en)| *en)
}

/// The keys whose value is a share (a fraction between 0 and 1).
const SHARE_KEYS: &[&str] = &[
    "friction_vacancy",
    "max_removal_share_per_year",
    "max_new_build_share_per_year",
];

/// Lines of a TOML text (settings.toml, a scenario file) that give a number the way a
/// Dutch spreadsheet or a person writes it — `2%`, `2 %`, `0,02`, `2,5 %` — which TOML
/// cannot read: the line, the key and what to write instead ("write 0.02 (2 %) with a
/// decimal point"). Values inside arrays and strings are left alone.
pub(crate) fn number_hints(text: &str) -> Vec<(u64, String, String)> {
    let mut hints = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default();
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        let value = value.trim();
        if key.is_empty() || key.contains(['[', ' ']) || value.starts_with(['[', '"', '\'']) {
            continue;
        }
        let (number, percent) = match value.strip_suffix('%') {
            Some(v) => (v.trim_end(), true),
            None => (value, false),
        };
        if !percent && !number.contains(',') {
            continue;
        }
        let digits = number.strip_prefix('-').unwrap_or(number);
        let well_formed = !digits.is_empty()
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && digits.matches([',', '.']).count() <= 1
            && digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.ends_with(|c: char| c.is_ascii_digit());
        let Some(x) = well_formed
            .then(|| number.replace(',', "."))
            .and_then(|n| n.parse::<f64>().ok())
        else {
            continue;
        };
        let clean = |v: f64| ((v * 1e10).round() / 1e10).to_string();
        let share = if percent { x / 100.0 } else { x };
        let as_share = percent || SHARE_KEYS.contains(&key);
        let message = if as_share {
            format!(
                "'{key} = {value}' is not a number TOML can read: write {} ({} %) with a \
                 decimal point{}",
                clean(share),
                clean(share * 100.0),
                if percent {
                    ", as a share without '%'"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "'{key} = {value}' is not a number TOML can read: write {} with a decimal \
                 point",
                clean(share)
            )
        };
        hints.push((
            u64::try_from(i).map_or(u64::MAX, |i| i + 1),
            key.to_string(),
            message,
        ));
    }
    hints
}

/// 1-based line of a byte offset in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    let newlines = text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u64::try_from(newlines).map_or(u64::MAX, |n| n + 1)
}

/// Parses and validates settings. Returns `None` when the text cannot be parsed at all.
pub(crate) fn parse(
    text: &str,
    overrides: &toml::Table,
    robust_flag: bool,
    d: &mut Diagnostics,
) -> Option<ParsedSettings> {
    let parsed: BTreeMap<Spanned<String>, Spanned<Value>> = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            // A number written the Dutch way or as a percentage is not TOML: say how to
            // write it (and the parser's own message only for other lines).
            let hints = number_hints(text);
            for (line, key, message) in &hints {
                d.error(InputError::cell(FILE, *line, key, message));
            }
            let message = format!("not valid TOML: {}", e.message().trim());
            let line = e.span().map(|span| line_of(text, span.start));
            if !hints.iter().any(|(l, _, _)| Some(*l) == line) {
                d.error(match line {
                    Some(line) => InputError::line(FILE, line, message),
                    None => InputError::file(FILE, message),
                });
            }
            return None;
        }
    };
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for (key, value) in parsed {
        let line = line_of(text, key.span().start);
        entries.insert(
            key.into_inner(),
            Entry {
                value: value.into_inner(),
                line: Some(line),
                from_override: false,
            },
        );
    }
    for (key, value) in overrides {
        entries.insert(
            key.clone(),
            Entry {
                value: value.clone(),
                line: None,
                from_override: true,
            },
        );
    }
    let mut parsed = validate(&entries, d);
    parsed.robust = robust_table(text, &entries, robust_flag, d);
    Some(parsed)
}

/// The lines of the `[robust]` table's keys in settings.toml (a second, narrow parse:
/// the first one keeps spans only for the top-level keys).
fn robust_key_lines(text: &str) -> BTreeMap<String, u64> {
    #[derive(serde::Deserialize)]
    struct Top {
        robust: Option<BTreeMap<Spanned<String>, Spanned<Value>>>,
    }
    match toml::from_str::<Top>(text) {
        Ok(Top {
            robust: Some(table),
        }) => table
            .into_keys()
            .map(|k| (k.get_ref().clone(), line_of(text, k.span().start)))
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// Reads and checks the `[robust]` table (spec v2 §3): `None` when there is none and
/// `--robust` was not given; `--robust` without a table gives the defaults.
fn robust_table(
    text: &str,
    entries: &BTreeMap<String, Entry>,
    robust_flag: bool,
    d: &mut Diagnostics,
) -> Option<ParsedRobust> {
    let defaults = |line| ParsedRobust {
        variants: None,
        weights: None,
        criterion: Criterion::Expected,
        commit_periods: (1, None),
        line,
    };
    let Some(entry) = entries.get("robust") else {
        return robust_flag.then(|| defaults(None));
    };
    let lines = if entry.from_override {
        BTreeMap::new()
    } else {
        robust_key_lines(text)
    };
    let note = if entry.from_override {
        " (set by the settings overrides)"
    } else {
        ""
    };
    let mut error = |key: &str, message: String| {
        d.error(InputError {
            at: Location {
                file: FILE.to_string(),
                line: lines.get(key).copied().or(entry.line),
                column: Some(if key.is_empty() {
                    "robust".to_string()
                } else {
                    format!("robust.{key}")
                }),
            },
            message: format!("{message}{note}"),
        });
    };
    let Value::Table(table) = &entry.value else {
        error(
            "",
            format!(
                "robust must be a table ([robust] with variants, weights, criterion,                  commit_periods), found {} {}",
                article(entry.value.type_str()),
                entry.value.type_str()
            ),
        );
        return None;
    };
    let mut robust = defaults(entry.line);
    for key in table.keys() {
        if !ROBUST_KEYS.contains(&key.as_str()) {
            let hint = match nearest(key, ROBUST_KEYS) {
                Some(s) => format!("did you mean '{s}'?"),
                None => format!("valid keys are: {}", ROBUST_KEYS.join(", ")),
            };
            error(key, format!("unknown key 'robust.{key}'; {hint}"));
        }
    }
    if let Some(v) = table.get("variants") {
        let names: Option<Vec<String>> = match v {
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match names {
            None => error(
                "variants",
                "robust.variants must be a list of variant names, e.g. [\"laag\", \"hoog\"]".into(),
            ),
            Some(names) => {
                let mut seen = std::collections::BTreeSet::new();
                let mut ok = true;
                for n in &names {
                    if !seen.insert(n.clone()) {
                        error(
                            "variants",
                            format!("robust.variants names '{n}' twice: list each variant once"),
                        );
                        ok = false;
                    }
                }
                if names.len() < 2 {
                    error(
                        "variants",
                        format!(
                            "robust.variants lists {} variant(s): a robust plan needs at least two",
                            names.len()
                        ),
                    );
                    ok = false;
                }
                if ok {
                    robust.variants = Some((names, lines.get("variants").copied().or(entry.line)));
                }
            }
        }
    }
    if let Some(w) = table.get("weights") {
        let weights: Option<Vec<f64>> = match w {
            Value::Array(items) => items.iter().map(toml_number).collect(),
            _ => None,
        };
        match weights {
            None => error(
                "weights",
                "robust.weights must be a list of numbers, one per variant, e.g. [1, 2, 1]".into(),
            ),
            Some(weights) => {
                let bad = weights
                    .iter()
                    .any(|x| !x.is_finite() || *x <= 0.0 || *x > MAX_WEIGHT);
                if bad {
                    error(
                        "weights",
                        "robust.weights: every weight must be a number > 0 (and at most 1e6)"
                            .into(),
                    );
                } else if !table.contains_key("variants") {
                    error(
                        "weights",
                        "robust.weights needs robust.variants: the weights are given in the \
                         order of the variants, so list the variants too"
                            .into(),
                    );
                } else if let Some((names, _)) = &robust.variants {
                    if names.len() != weights.len() {
                        error(
                            "weights",
                            format!(
                                "robust.weights has {} weight(s) for {} variant(s): give one \
                                 weight per variant, in the order of robust.variants",
                                weights.len(),
                                names.len()
                            ),
                        );
                    } else {
                        robust.weights = Some(weights);
                    }
                }
            }
        }
    }
    if let Some(c) = table.get("criterion") {
        match c {
            Value::String(name) => match Criterion::parse(name.trim()) {
                Some(criterion) => robust.criterion = criterion,
                None => {
                    let hint = match nearest(name.trim(), &Criterion::NAMES) {
                        Some(s) => format!("did you mean '{s}'?"),
                        None => "use \"expected\" or \"regret\"".to_string(),
                    };
                    error(
                        "criterion",
                        format!("robust.criterion '{name}' is not known; {hint}"),
                    );
                }
            },
            other => error(
                "criterion",
                format!(
                    "robust.criterion must be \"expected\" or \"regret\", found {} {}",
                    article(other.type_str()),
                    other.type_str()
                ),
            ),
        }
    }
    if let Some(c) = table.get("commit_periods") {
        let line = lines.get("commit_periods").copied().or(entry.line);
        match c {
            Value::Integer(n) if *n >= 1 => {
                robust.commit_periods = (usize::try_from(*n).unwrap_or(usize::MAX), line);
            }
            _ => error(
                "commit_periods",
                format!(
                    "robust.commit_periods must be a whole number ≥ 1 (the periods decided \
                     now), found {c}"
                ),
            ),
        }
    }
    Some(robust)
}

struct Checker<'a> {
    entries: &'a BTreeMap<String, Entry>,
    d: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn error(&mut self, key: &str, message: String) {
        let (line, from_override) = self
            .entries
            .get(key)
            .map_or((None, false), |e| (e.line, e.from_override));
        let message = if from_override {
            format!("{message} (set by the settings overrides)")
        } else {
            message
        };
        self.d.error(InputError {
            at: Location {
                file: FILE.to_string(),
                line,
                column: Some(key.to_string()),
            },
            message,
        });
    }

    fn type_error(&mut self, key: &str, expected: &str, found: &Value) {
        self.error(
            key,
            format!(
                "{key} must be {expected}, found {} {}",
                article(found.type_str()),
                found.type_str()
            ),
        );
    }

    /// A number (integer or float) for `key`, or `default`; `ok` says whether it is
    /// acceptable.
    fn number(&mut self, key: &str, default: f64, ok: fn(f64) -> bool, range: &str) -> f64 {
        let Some(entry) = self.entries.get(key) else {
            return default;
        };
        let Some(value) = toml_number(&entry.value) else {
            let other = entry.value.clone();
            self.type_error(key, "a number", &other);
            return default;
        };
        if ok(value) {
            value
        } else {
            self.error(
                key,
                format!("{key} = {value} is out of range: it must be {range}"),
            );
            default
        }
    }

    /// A short text for `key` (the report's title or subtitle): one line, not empty, at
    /// most [`MAX_TITLE_CHARS`] characters; `None` when absent or wrong.
    fn text(&mut self, key: &str) -> Option<String> {
        let value = self.entries.get(key)?.value.clone();
        let Value::String(s) = &value else {
            self.type_error(
                key,
                "a text in quotes, e.g. title = \"Plan voor de Achterhoek\"",
                &value,
            );
            return None;
        };
        let s = s.trim();
        if s.is_empty() {
            self.error(
                key,
                format!("{key} is empty: write a text or leave the key out"),
            );
            None
        } else if s.contains(['\n', '\r']) {
            self.error(key, format!("{key} must be one line"));
            None
        } else if s.chars().count() > MAX_TITLE_CHARS {
            self.error(
                key,
                format!("{key} is longer than {MAX_TITLE_CHARS} characters: shorten it"),
            );
            None
        } else {
            Some(s.to_string())
        }
    }

    fn year(&mut self, key: &str, value: &Value) -> Option<i32> {
        match value {
            Value::Integer(i) => match i32::try_from(*i) {
                Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Some(y),
                _ => {
                    self.error(
                        key,
                        format!(
                            "{key}: {i} is not a plausible year (years must lie within \
                             {MIN_YEAR}..{MAX_YEAR})"
                        ),
                    );
                    None
                }
            },
            other => {
                self.type_error(key, "a whole year such as 2030", other);
                None
            }
        }
    }
}

fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn validate(entries: &BTreeMap<String, Entry>, d: &mut Diagnostics) -> ParsedSettings {
    let mut c = Checker { entries, d };
    for key in entries.keys() {
        if !KEYS.contains(&key.as_str()) {
            let hint = match (dutch_key(key), nearest(key, KEYS)) {
                (Some(s), _) => format!(
                    "did you mean '{s}'? (settings use English key names; valid keys are: {})",
                    KEYS.join(", ")
                ),
                (None, Some(s)) => format!("did you mean '{s}'?"),
                (None, None) => format!("valid keys are: {}", KEYS.join(", ")),
            };
            c.error(key, format!("unknown key '{key}'; {hint}"));
        }
    }

    let base_year = match entries.get("base_year") {
        None => {
            c.d.error(InputError::file(
                FILE,
                "base_year is missing: it is required (the year of the stock counts, e.g. \
                 base_year = 2024)",
            ));
            None
        }
        Some(e) => c.year("base_year", &e.value),
    };

    let milestones = match entries.get("milestones") {
        None => Milestones::Absent,
        Some(e) => milestones(&mut c, &e.value, e.line, base_year),
    };

    let (households_variant, variant_explicit) = match entries.get("households_variant") {
        None => ("base".to_string(), false),
        Some(e) => match &e.value {
            Value::String(s) if !s.trim().is_empty() => (s.trim().to_string(), true),
            Value::String(_) => {
                c.error(
                    "households_variant",
                    "households_variant is empty: name a variant of households.csv".into(),
                );
                ("base".to_string(), true)
            }
            other => {
                c.type_error("households_variant", "a string", other);
                ("base".to_string(), true)
            }
        },
    };

    let friction_vacancy = c.number(
        "friction_vacancy",
        0.02,
        |v| (0.0..1.0).contains(&v),
        "≥ 0 and < 1",
    );
    let max_removal_share_per_year = c.number(
        "max_removal_share_per_year",
        0.02,
        |v| (0.0..=1.0).contains(&v),
        "between 0 and 1",
    );
    let max_new_build_share_per_year = c.number(
        "max_new_build_share_per_year",
        0.01,
        |v| (0.0..=1.0).contains(&v),
        "between 0 and 1 (a share of the stock per year)",
    );
    let weight_surplus = c.number(
        "weight_surplus",
        1.0,
        |v| v > 0.0 && v <= MAX_WEIGHT,
        "a number > 0 and at most 1e6",
    );
    let weight_shortage = c.number(
        "weight_shortage",
        2.0,
        |v| v > 0.0 && v <= MAX_WEIGHT,
        "a number > 0 and at most 1e6",
    );
    let surplus_tiers = match entries.get("surplus_tiers") {
        None => Settings::default_tiers(),
        Some(e) => tiers(&mut c, &e.value).unwrap_or_else(Settings::default_tiers),
    };
    let budget_carry_over = match entries.get("budget_carry_over") {
        None => false,
        Some(e) => match &e.value {
            Value::Boolean(b) => *b,
            other => {
                c.type_error("budget_carry_over", "true or false", other);
                false
            }
        },
    };

    let title = c.text("title");
    let subtitle = c.text("subtitle");

    ParsedSettings {
        settings: Settings {
            base_year: base_year.unwrap_or(0),
            milestones: match &milestones {
                Milestones::Given { years, .. } => years.clone(),
                _ => Vec::new(),
            },
            households_variant,
            friction_vacancy,
            max_removal_share_per_year,
            max_new_build_share_per_year,
            weight_surplus,
            surplus_tiers,
            weight_shortage,
            budget_carry_over,
            title,
            subtitle,
            robust: None,
        },
        base_year,
        milestones,
        variant_explicit,
        robust: None,
    }
}

fn milestones(
    c: &mut Checker<'_>,
    value: &Value,
    line: Option<u64>,
    base_year: Option<i32>,
) -> Milestones {
    const KEY: &str = "milestones";
    let Value::Array(items) = value else {
        c.type_error(KEY, "a list of years, e.g. [2030, 2040]", value);
        return Milestones::Invalid;
    };
    if items.is_empty() {
        c.error(
            KEY,
            "milestones is empty: list at least one year, or leave the key out to use \
             every year of households.csv after the base year"
                .into(),
        );
        return Milestones::Invalid;
    }
    let mut years = Vec::with_capacity(items.len());
    for item in items {
        match c.year(KEY, item) {
            Some(y) => years.push(y),
            None => return Milestones::Invalid,
        }
    }
    let mut ok = true;
    for pair in years.windows(2) {
        if let [a, b] = pair {
            if b <= a {
                c.error(
                    KEY,
                    format!(
                        "milestones are not increasing: {b} follows {a}; list each year once, \
                         in increasing order"
                    ),
                );
                ok = false;
            }
        }
    }
    if let (Some(base), Some(first)) = (base_year, years.first()) {
        if *first <= base {
            c.error(
                KEY,
                format!("milestone {first} is not after the base year {base}"),
            );
            ok = false;
        }
    }
    if ok {
        Milestones::Given { years, line }
    } else {
        Milestones::Invalid
    }
}

fn tiers(c: &mut Checker<'_>, value: &Value) -> Option<Vec<SurplusTier>> {
    const KEY: &str = "surplus_tiers";
    const SHAPE: &str = "a list of [bound, multiplier] pairs, e.g. \
                         [[0.03, 1.0], [0.08, 2.0], [inf, 4.0]]";
    let Value::Array(items) = value else {
        c.type_error(KEY, SHAPE, value);
        return None;
    };
    if items.is_empty() {
        c.error(KEY, format!("surplus_tiers is empty: it must be {SHAPE}"));
        return None;
    }
    let mut tiers = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let pair = match item {
            Value::Array(pair) if pair.len() == 2 => pair,
            _ => {
                c.error(
                    KEY,
                    format!(
                        "surplus_tiers: tier {} is not a [bound, multiplier] pair",
                        i + 1
                    ),
                );
                return None;
            }
        };
        let mut nums = [0.0; 2];
        for (slot, v) in nums.iter_mut().zip(pair) {
            let Some(x) = toml_number(v) else {
                c.error(
                    KEY,
                    format!(
                        "surplus_tiers: tier {} holds {} {}, not a number",
                        i + 1,
                        article(v.type_str()),
                        v.type_str()
                    ),
                );
                return None;
            };
            *slot = x;
        }
        tiers.push(SurplusTier {
            upper_share: nums[0],
            multiplier: nums[1],
        });
    }
    let mut ok = true;
    let last = tiers.len() - 1;
    for (i, t) in tiers.iter().enumerate() {
        let n = i + 1;
        if t.upper_share.is_nan() || t.upper_share <= 0.0 {
            c.error(KEY, format!("surplus_tiers: bound of tier {n} must be > 0"));
            ok = false;
        }
        if i < last && !t.upper_share.is_finite() {
            c.error(
                KEY,
                format!(
                    "surplus_tiers: only the last tier may have the bound inf (tier {n} has it)"
                ),
            );
            ok = false;
        }
        if i == last && t.upper_share != f64::INFINITY {
            c.error(
                KEY,
                format!(
                    "surplus_tiers: the last tier's bound must be inf (no upper bound), not {}",
                    t.upper_share
                ),
            );
            ok = false;
        }
        if !(t.multiplier > 0.0 && t.multiplier <= MAX_WEIGHT) {
            c.error(
                KEY,
                format!(
                    "surplus_tiers: multiplier of tier {n} must be a number > 0 and at most 1e6"
                ),
            );
            ok = false;
        }
        if i > 0 {
            let prev = tiers[i - 1];
            if t.upper_share <= prev.upper_share {
                c.error(
                    KEY,
                    format!(
                        "surplus_tiers: bounds must be strictly increasing ({} follows {})",
                        t.upper_share, prev.upper_share
                    ),
                );
                ok = false;
            }
            if t.multiplier < prev.multiplier {
                c.error(
                    KEY,
                    format!(
                        "surplus_tiers: multipliers must not decrease ({} follows {}); the \
                         penalty must be convex",
                        t.multiplier, prev.multiplier
                    ),
                );
                ok = false;
            }
        }
    }
    ok.then_some(tiers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Option<ParsedSettings>, Diagnostics) {
        let mut d = Diagnostics::default();
        let p = parse(text, &toml::Table::new(), false, &mut d);
        (p, d)
    }

    #[test]
    fn defaults() {
        let (p, d) = run("base_year = 2024\n");
        assert!(d.errors.is_empty());
        let p = p.unwrap();
        assert_eq!(p.base_year, Some(2024));
        assert_eq!(p.milestones, Milestones::Absent);
        assert_eq!(p.settings.households_variant, "base");
        assert_eq!(p.settings.friction_vacancy, 0.02);
        assert_eq!(p.settings.surplus_tiers, Settings::default_tiers());
        assert!(!p.variant_explicit);
    }

    #[test]
    fn title_and_subtitle() {
        let (p, d) = run(
            "base_year = 2024\ntitle = \" Plan voor de Achterhoek \"\nsubtitle = \"Concept\"\n",
        );
        assert!(d.errors.is_empty());
        let p = p.unwrap();
        assert_eq!(p.settings.title.as_deref(), Some("Plan voor de Achterhoek"));
        assert_eq!(p.settings.subtitle.as_deref(), Some("Concept"));
        let (p, _) = run("base_year = 2024\n");
        assert_eq!(p.unwrap().settings.title, None);
        for bad in ["title = 3", "title = \"\"", "subtitle = \"a\\nb\""] {
            let (_, d) = run(&format!("base_year = 2024\n{bad}\n"));
            assert_eq!(d.errors.len(), 1, "{bad}");
            assert_eq!(d.errors[0].at.line, Some(2), "{bad}");
        }
    }

    #[test]
    fn syntax_error_has_line() {
        let (p, d) = run("base_year = 2024\nmilestones = [2030,\nx = \n");
        assert!(p.is_none());
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].at.line.is_some());
    }

    #[test]
    fn unknown_key_suggests() {
        let (_, d) = run("base_year = 2024\nweight_surplas = 1.0\n");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].at.line, Some(2));
        assert!(d.errors[0]
            .message
            .contains("did you mean 'weight_surplus'"));
    }

    #[test]
    fn ranges_and_types() {
        let (_, d) = run(
            "base_year = 2024\nfriction_vacancy = 1.0\nweight_shortage = 0\n\
             budget_carry_over = \"yes\"\nmilestones = [2040, 2030]\n",
        );
        let keys: Vec<_> = d
            .errors
            .iter()
            .filter_map(|e| e.at.column.clone())
            .collect();
        assert!(keys.contains(&"friction_vacancy".to_string()));
        assert!(keys.contains(&"weight_shortage".to_string()));
        assert!(keys.contains(&"budget_carry_over".to_string()));
        assert!(keys.contains(&"milestones".to_string()));
    }

    #[test]
    fn tiers_rules() {
        let (p, d) =
            run("base_year = 2024\nsurplus_tiers = [[0.02, 1.0], [0.05, 3], [inf, 5.0]]\n");
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(
            p.unwrap().settings.surplus_tiers[2].upper_share,
            f64::INFINITY
        );
        for bad in [
            "[]",
            "[[0.02, 1.0]]",
            "[[0.05, 1.0], [0.02, 2.0], [inf, 3.0]]",
            "[[0.02, 2.0], [inf, 1.0]]",
            "[[inf, 1.0], [inf, 2.0]]",
            "[[0.0, 1.0], [inf, 2.0]]",
            "[[0.02, 0.0], [inf, 2.0]]",
            "[[0.02], [inf, 2.0]]",
            "[[0.02, \"x\"], [inf, 2.0]]",
            "[[nan, 1.0], [inf, 2.0]]",
        ] {
            let (_, d) = run(&format!("base_year = 2024\nsurplus_tiers = {bad}\n"));
            assert!(!d.errors.is_empty(), "{bad}");
            assert_eq!(d.errors[0].at.line, Some(2), "{bad}");
        }
    }

    #[test]
    fn overrides_replace_keys() {
        let mut d = Diagnostics::default();
        let mut o = toml::Table::new();
        o.insert("weight_shortage".into(), Value::Float(5.0));
        o.insert("friction_vacancy".into(), Value::Float(-1.0));
        let p = parse(
            "base_year = 2024\nweight_shortage = 3.0\n",
            &o,
            false,
            &mut d,
        )
        .unwrap();
        assert_eq!(p.settings.weight_shortage, 5.0);
        assert_eq!(d.errors.len(), 1);
        assert!(d.errors[0].message.contains("overrides"));
    }
}
