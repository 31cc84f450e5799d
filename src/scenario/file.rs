//! Scenario files: a name, a base case folder and overrides, read from TOML and checked
//! key by key (see docs/scenarios.md for every key).
//!
//! A scenario file is data, not code: it names a base case and says what differs from
//! it. [`Scenario::load`] reads one, reports every problem at once (unknown keys with the
//! nearest valid one, values of the wrong type, negative factors, a missing base case)
//! with the file, the line and the key, and resolves the base case folder relative to
//! the scenario file's own folder. Settings overrides are passed on untouched: the case
//! reader validates them as it validates settings.toml (see [`super::Scenario::build_case`]).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use toml::Value;

use crate::input::settings::{dutch_key, line_of, number_hints, toml_number};
use crate::input::suggest::nearest;
use crate::input::SETTINGS_KEYS;
use crate::{Error, InputError, Location, Result};

/// The keys at the top of a scenario file.
pub const TOP_KEYS: &[&str] = &[
    "name",
    "description",
    "base",
    "households_variant",
    "settings",
    "factors",
    "funder_budget",
    "funding",
];

/// The keys of `[factors]`.
pub const FACTOR_KEYS: &[&str] = &[
    "budget",
    "budget_region",
    "cost",
    "households",
    "households_change",
];

/// The keys of `[factors.cost]`: the kinds of action a cost factor applies to.
pub const COST_KEYS: &[&str] = &["demolish", "new_build", "transform", "sale"];

/// The largest factor accepted. A larger one is almost always a percentage written as a
/// factor (`budget = 80` for "80 %"), which would silently multiply the money by 80.
pub const MAX_FACTOR: f64 = 10.0;

pub use crate::report::summary::{CostFactors, Factors};

/// A what-if: a base case and what differs from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The name shown in tables and charts (default: the file name without `.toml`).
    pub name: String,
    /// The scenario file, as given; `None` for a plain case folder (no scenario file).
    pub file: Option<PathBuf>,
    /// An optional explanation, shown in the reports.
    pub description: Option<String>,
    /// `base` as written in the file (for the case folder itself: its path).
    pub base_written: String,
    /// The base case folder: `base` resolved against the scenario file's folder.
    pub base: PathBuf,
    /// The households variant, if the scenario sets one (top-level `households_variant`).
    pub households_variant: Option<String>,
    /// `[settings]`: keys that replace those of the base case's settings.toml.
    pub settings: toml::Table,
    /// `[factors]`.
    pub factors: Factors,
    /// `[[funder_budget]]` and `[[funding]]`: changes to the base case's funders.
    pub funders: super::funders::FunderChanges,
    /// The line of every key of the file, by dotted path (`factors.cost.demolish`).
    pub(crate) lines: BTreeMap<String, u64>,
}

impl Scenario {
    /// A scenario without changes: the case folder `dir` as it is, named after it
    /// ([`crate::input::case_name`]).
    pub fn from_case_dir(dir: &Path) -> Scenario {
        let name = crate::input::case_name(dir);
        Scenario {
            name,
            file: None,
            description: None,
            base_written: dir.display().to_string(),
            base: dir.to_path_buf(),
            households_variant: None,
            settings: toml::Table::new(),
            factors: Factors::default(),
            funders: Default::default(),
            lines: BTreeMap::new(),
        }
    }

    /// A plain case folder as the scenario `restock plan` and `restock sweep` solve:
    /// without changes but the households `variant` (`--variant`), if given. A folder
    /// that does not exist is a usage error, before anything is read.
    pub fn plain_case(dir: &Path, variant: Option<String>) -> Result<Scenario> {
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "case folder {} not found (run restock from the project folder, or give a \
                 case folder)",
                dir.display()
            )));
        }
        Ok(Scenario {
            households_variant: variant,
            ..Scenario::from_case_dir(dir)
        })
    }

    /// Reads and checks the scenario file at `path`. Returns every problem at once as
    /// [`Error::Input`], each naming the file, the line and the key.
    pub fn load(path: &Path) -> Result<Scenario> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                "the scenario file does not exist".to_string()
            } else {
                format!("the scenario file cannot be read: {e}")
            };
            Error::Input(vec![InputError::file(&file, message)])
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return Err(Error::Input(vec![InputError::file(
                    &file,
                    "not UTF-8 text: save the scenario file as UTF-8 (TOML requires it)",
                )]))
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        parse(path, text)
    }

    /// The line of the key at dotted `path` in the scenario file, if known.
    pub fn line_of(&self, path: &str) -> Option<u64> {
        self.lines.get(path).copied()
    }

    /// The scenario file's name for messages (the case folder for a plain case).
    pub fn file_label(&self) -> String {
        match &self.file {
            Some(f) => f.display().to_string(),
            None => self.base.display().to_string(),
        }
    }

    /// An error about the key at dotted `key` of this scenario file.
    pub(crate) fn error(&self, key: &str, message: impl Into<String>) -> InputError {
        InputError {
            at: Location {
                file: self.file_label(),
                line: self.line_of(key),
                column: Some(key.to_string()),
            },
            message: message.into(),
        }
    }

    /// The file name without `.toml`, for output folder names (the case folder's name
    /// for a plain case).
    pub fn file_stem(&self) -> String {
        self.file
            .as_ref()
            .and_then(|f| f.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.name.clone())
    }
}

/// Collects the problems of one scenario file.
struct Reader {
    file: String,
    lines: BTreeMap<String, u64>,
    errors: Vec<InputError>,
}

impl Reader {
    fn error(&mut self, key: &str, message: impl Into<String>) {
        self.errors.push(InputError {
            at: Location {
                file: self.file.clone(),
                line: self.lines.get(key).copied(),
                column: Some(key.to_string()),
            },
            message: message.into(),
        });
    }

    /// An unknown key: suggests where it belongs or the nearest key of its table.
    fn unknown(&mut self, path: &str, key: &str, table: &str, valid: &[&str]) {
        let place = if table.is_empty() {
            "at the top of the scenario file".to_string()
        } else {
            format!("in [{table}]")
        };
        let hint = if table != "settings" && SETTINGS_KEYS.contains(&key) {
            format!("; {key} is a setting of settings.toml: put it under [settings]")
        } else if table != "factors" && FACTOR_KEYS.contains(&key) {
            format!("; {key} is a factor: put it under [factors]")
        } else if table != "factors.cost" && COST_KEYS.contains(&key) {
            format!("; {key} is a cost factor: put it under [factors.cost]")
        } else if let Some(near) = alias(key).filter(|a| valid.contains(a)) {
            format!("; did you mean '{near}'?")
        } else if let Some(near) = dutch_key(key).filter(|a| valid.contains(a)) {
            format!("; did you mean '{near}'? (settings use English key names)")
        } else if let Some(near) = nearest(key, valid) {
            format!("; did you mean '{near}'?")
        } else {
            String::new()
        };
        self.error(
            path,
            format!(
                "unknown key '{key}' {place}{hint} (valid keys: {})",
                valid.join(", ")
            ),
        );
    }

    fn text_value(&mut self, path: &str, value: &Value, example: &str) -> Option<String> {
        match value {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::String(_) => {
                self.error(path, format!("{path} is empty: write e.g. {example}"));
                None
            }
            other => {
                self.error(
                    path,
                    format!(
                        "{path} must be text in quotes, e.g. {example}, found {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }

    /// A factor: a number ≥ 0 and at most [`MAX_FACTOR`].
    fn factor(&mut self, path: &str, value: &Value) -> Option<f64> {
        let Some(x) = toml_number(value) else {
            self.error(
                path,
                format!(
                    "{path} must be a number such as 0.8 or 1.3, found {}",
                    type_name(value)
                ),
            );
            return None;
        };
        if x.is_nan() || x.is_infinite() {
            self.error(path, format!("{path} must be a finite number, not {x}"));
            None
        } else if x < 0.0 {
            self.error(
                path,
                format!(
                    "{path} = {x} is negative: a factor must be 0 or more (1 = as in the \
                     base case, 0.8 = 20 % lower, 1.3 = 30 % higher)"
                ),
            );
            None
        } else if x > MAX_FACTOR {
            self.error(
                path,
                format!(
                    "{path} = {x} is more than {MAX_FACTOR}: a factor multiplies (0.8 = 20 % \
                     lower, 1.3 = 30 % higher); for {x} % write {}",
                    x / 100.0
                ),
            );
            None
        } else {
            Some(x)
        }
    }

    /// The table at `path`, or an error when the key holds something else.
    fn table<'v>(&mut self, path: &str, value: &'v Value) -> Option<&'v toml::Table> {
        match value {
            Value::Table(t) => Some(t),
            other => {
                self.error(
                    path,
                    format!(
                        "{path} must be a table ([{path}] followed by keys), found {}",
                        type_name(other)
                    ),
                );
                None
            }
        }
    }
}

/// Words a planner may write for a key (English variants, Dutch): the key meant.
const ALIASES: &[(&str, &str)] = &[
    ("demolition", "demolish"),
    ("sloop", "demolish"),
    ("new", "new_build"),
    ("newbuild", "new_build"),
    ("build", "new_build"),
    ("nieuwbouw", "new_build"),
    ("transformation", "transform"),
    ("transformatie", "transform"),
    ("herstructurering", "transform"),
    ("sales", "sale"),
    ("verkoop", "sale"),
    ("huishoudens", "households"),
    ("variant", "households_variant"),
    ("naam", "name"),
    ("friction", "friction_vacancy"),
    ("frictie", "friction_vacancy"),
    ("frictieleegstand", "friction_vacancy"),
    ("carry_over", "budget_carry_over"),
    ("omschrijving", "description"),
    ("basis", "base"),
    ("instellingen", "settings"),
    ("factoren", "factors"),
    ("costs", "cost"),
    ("kosten", "cost"),
    ("budgets", "budget"),
    ("budget_regions", "budget_region"),
    ("regions", "budget_region"),
];

/// The key a planner meant by `key`, if it is one of the [`ALIASES`].
fn alias(key: &str) -> Option<&'static str> {
    meant(ALIASES, key)
}

/// What `word` (in any case) stands for in `aliases` (word, what it means), if anything.
pub(crate) fn meant(aliases: &[(&str, &'static str)], word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    aliases
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, meant)| *meant)
}

fn type_name(value: &Value) -> String {
    let t = value.type_str();
    let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {t}")
}

/// Parses the text of the scenario file at `path`.
fn parse(path: &Path, text: &str) -> Result<Scenario> {
    parse_resolving(path, text, &|written| Ok(resolve_base(path, written)))
}

/// How a scenario's `base` (as written) becomes a case folder: the folder, or the
/// message of why that `base` is refused.
pub type BaseResolver<'a> = &'a dyn Fn(&str) -> std::result::Result<PathBuf, String>;

impl Scenario {
    /// Reads and checks the text of a scenario file that has no file of its own (sent to
    /// `restock serve`): `label` names it in messages and `resolve` finds (or refuses)
    /// the base case folder. Every other rule, and every message, is that of
    /// [`Scenario::load`].
    pub fn from_text(label: &Path, text: &str, resolve: BaseResolver<'_>) -> Result<Scenario> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        parse_resolving(label, text, resolve)
    }
}

/// Parses the text of the scenario file at `path`, its base case found by `resolve`.
fn parse_resolving(path: &Path, text: &str, resolve: BaseResolver<'_>) -> Result<Scenario> {
    let file = path.display().to_string();
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        // `friction_vacancy = 2%` or `0,02`: how to write it, with its line.
        let hints = number_hints(text);
        let mut errors: Vec<InputError> = hints
            .iter()
            .map(|(line, key, message)| InputError::cell(&file, *line, key, message))
            .collect();
        let message = format!("not valid TOML: {}", e.message().trim());
        let line = e.span().map(|span| line_of(text, span.start));
        if !hints.iter().any(|(l, _, _)| Some(*l) == line) {
            errors.push(match line {
                Some(line) => InputError::line(&file, line, message),
                None => InputError::file(&file, message),
            });
        }
        Error::Input(errors)
    })?;
    let mut r = Reader {
        file: file.clone(),
        lines: key_lines(text),
        errors: Vec::new(),
    };

    for key in table.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            r.unknown(key, key, "", TOP_KEYS);
        }
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".to_string());
    let name = match table.get("name") {
        Some(v) => r
            .text_value("name", v, "name = \"Budget 20 % lager\"")
            .unwrap_or(stem),
        None => stem,
    };
    let description = table
        .get("description")
        .and_then(|v| r.text_value("description", v, "description = \"…\""));
    let households_variant = table.get("households_variant").and_then(|v| {
        r.text_value(
            "households_variant",
            v,
            "households_variant = \"sterke-krimp\"",
        )
    });

    let base = match table.get("base") {
        Some(v) => r
            .text_value("base", v, "base = \"../inputs/krimpregios\"")
            .and_then(|written| match resolve(&written) {
                Ok(resolved) => Some((written, resolved)),
                Err(message) => {
                    r.error("base", message);
                    None
                }
            }),
        None => {
            r.errors.push(InputError {
                at: Location {
                    file: file.clone(),
                    line: None,
                    column: Some("base".into()),
                },
                message: "the key base is missing: name the base case folder, relative to \
                          this file's folder, e.g. base = \"../inputs/krimpregios\""
                    .into(),
            });
            None
        }
    };
    if let Some((written, resolved)) = &base {
        if !resolved.is_dir() {
            let what = if resolved.exists() {
                "is not a folder"
            } else {
                "does not exist"
            };
            r.error(
                "base",
                format!(
                    "the base case folder '{written}' {what} (looked for {}; a relative \
                     base is read from the scenario file's folder)",
                    std::path::absolute(resolved)
                        .map(|p| normalize(&p))
                        .unwrap_or_else(|_| resolved.clone())
                        .display()
                ),
            );
        }
    }

    let mut settings = toml::Table::new();
    if let Some(v) = table.get("settings") {
        if let Some(t) = r.table("settings", v) {
            for (key, value) in t {
                let path = format!("settings.{key}");
                if !SETTINGS_KEYS.contains(&key.as_str()) {
                    r.unknown(&path, key, "settings", SETTINGS_KEYS);
                } else if key == "households_variant" && households_variant.is_some() {
                    r.error(
                        &path,
                        "households_variant is set twice, at the top of the file and in \
                         [settings]: keep one",
                    );
                } else {
                    settings.insert(key.clone(), value.clone());
                }
            }
        }
    }

    let factors = match table.get("factors") {
        Some(v) => match r.table("factors", v) {
            Some(t) => factors(&mut r, t),
            None => Factors::default(),
        },
        None => Factors::default(),
    };

    let funders = super::funders::parse(&table, &file, &r.lines, &mut r.errors);

    let base_found = base.as_ref().is_some_and(|(_, b)| b.is_dir());
    let (base_written, base) = base.unwrap_or_default();
    let scenario = Scenario {
        name,
        file: Some(path.to_path_buf()),
        description,
        base_written,
        base,
        households_variant,
        settings,
        factors,
        funders,
        lines: r.lines,
    };
    if r.errors.is_empty() {
        return Ok(scenario);
    }
    // Report the problems the base case would find in the valid rest too, so a planner
    // sees every problem of the scenario in one run.
    let mut errors = r.errors;
    if base_found {
        if let Err(Error::Input(more)) = scenario.build_case() {
            errors.extend(more);
        }
    }
    errors.sort();
    errors.dedup();
    Err(Error::Input(errors))
}

fn factors(r: &mut Reader, t: &toml::Table) -> Factors {
    let mut f = Factors::default();
    for (key, value) in t {
        let path = format!("factors.{key}");
        match key.as_str() {
            "budget" => f.budget = r.factor(&path, value).unwrap_or(1.0),
            "households" => f.households = r.factor(&path, value).unwrap_or(1.0),
            "households_change" => f.households_change = r.factor(&path, value).unwrap_or(1.0),
            "budget_region" => {
                if let Some(regions) = r.table(&path, value) {
                    for (region, value) in regions {
                        let path = format!("factors.budget_region.{region}");
                        if let Some(x) = r.factor(&path, value) {
                            f.budget_region.insert(region.clone(), x);
                        }
                    }
                }
            }
            "cost" => {
                if let Some(kinds) = r.table(&path, value) {
                    for (kind, value) in kinds {
                        let path = format!("factors.cost.{kind}");
                        let slot = match kind.as_str() {
                            "demolish" => &mut f.cost.demolish,
                            "new_build" => &mut f.cost.new_build,
                            "transform" => &mut f.cost.transform,
                            "sale" => &mut f.cost.sale,
                            _ => {
                                r.unknown(&path, kind, "factors.cost", COST_KEYS);
                                continue;
                            }
                        };
                        *slot = r.factor(&path, value).unwrap_or(1.0);
                    }
                }
            }
            _ => r.unknown(&path, key, "factors", FACTOR_KEYS),
        }
    }
    f
}

/// `base` resolved against the folder of the scenario file, with `.` and `..` removed
/// where that does not change the meaning (so messages show a readable path).
fn resolve_base(scenario: &Path, base: &str) -> PathBuf {
    let base = Path::new(base);
    if base.is_absolute() {
        return base.to_path_buf();
    }
    let folder = scenario.parent().unwrap_or(Path::new(""));
    normalize(&folder.join(base))
}

/// Removes `.` and resolves `..` against a preceding normal component, lexically.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir) | Some(Component::Prefix(_)) => {}
                _ => parts.push(c),
            },
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return PathBuf::from(".");
    }
    parts.iter().collect()
}

/// The 1-based line of every key of the document, by dotted path (`factors.cost.sale`).
fn key_lines(text: &str) -> BTreeMap<String, u64> {
    let mut lines = BTreeMap::new();
    if let Ok(doc) = toml_edit::ImDocument::parse(text) {
        walk(text, doc.as_table(), "", &mut lines);
    }
    lines
}

fn walk(
    text: &str,
    table: &dyn toml_edit::TableLike,
    prefix: &str,
    lines: &mut BTreeMap<String, u64>,
) {
    for (name, item) in table.iter() {
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        };
        let span = table
            .get_key_value(name)
            .and_then(|(key, _)| key.span())
            .or_else(|| item.span());
        if let Some(span) = span {
            lines.insert(path.clone(), line_of(text, span.start));
        }
        if let Some(inner) = item.as_table_like() {
            walk(text, inner, &path, lines);
        }
        // `[[funder_budget]]` and inline lists of tables: `funder_budget[1].add_eur`.
        if let Some(list) = item.as_array_of_tables() {
            for (i, t) in list.iter().enumerate() {
                let path = format!("{path}[{}]", i + 1);
                if let Some(span) = t.span() {
                    lines.insert(path.clone(), line_of(text, span.start));
                }
                walk(text, t, &path, lines);
            }
        } else if let Some(list) = item.as_array() {
            for (i, v) in list.iter().enumerate() {
                if let Some(t) = v.as_inline_table() {
                    let path = format!("{path}[{}]", i + 1);
                    if let Some(span) = t.span() {
                        lines.insert(path.clone(), line_of(text, span.start));
                    }
                    walk(text, t, &path, lines);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Scenario> {
        // Unit tests run in the crate's folder, where inputs/example is.
        parse(Path::new("s.toml"), text)
    }

    fn errors(text: &str) -> Vec<InputError> {
        match parse_str(text) {
            Err(Error::Input(e)) => e,
            other => panic!("expected input errors, got {other:?}"),
        }
    }

    #[test]
    fn reads_every_key() {
        let s = parse_str(
            "name = \"B\"\nbase = \"inputs/example\"\nhouseholds_variant = \"krimp\"\n\
             description = \"d\"\n[settings]\nfriction_vacancy = 0.03\n\
             [factors]\nbudget = 0.8\nhouseholds = 1\nhouseholds_change = 1.5\n\
             [factors.budget_region]\n\"Parkstad Limburg\" = 0.9\n\
             [factors.cost]\ndemolish = 1.3\nsale = 0.5\n",
        )
        .unwrap();
        assert_eq!(s.name, "B");
        assert_eq!(s.households_variant.as_deref(), Some("krimp"));
        assert_eq!(s.settings["friction_vacancy"], Value::Float(0.03));
        assert_eq!(s.factors.budget, 0.8);
        assert_eq!(s.factors.budget_region["Parkstad Limburg"], 0.9);
        assert_eq!(s.factors.budget_of("Parkstad Limburg"), 0.8 * 0.9);
        assert_eq!(s.factors.cost.demolish, 1.3);
        assert_eq!(s.factors.cost.sale, 0.5);
        assert_eq!(s.factors.cost.new_build, 1.0);
        assert_eq!(s.factors.households_change, 1.5);
        assert_eq!(s.line_of("factors.cost.demolish"), Some(14));
        assert_eq!(
            s.line_of("factors.budget_region.Parkstad Limburg"),
            Some(12)
        );
    }

    #[test]
    fn name_defaults_to_the_file_stem() {
        let s = parse_str("base = \"inputs/example\"\n").unwrap();
        assert_eq!(s.name, "s");
        assert_eq!(s.factors, Factors::default());
    }

    #[test]
    fn unknown_keys_suggest_the_nearest_or_the_right_table() {
        let e = errors(
            "base = \"inputs/example\"\nfriction_vacancy = 0.03\nnme = \"x\"\n[factors]\nbudgt = 0.8\n\
             demolish = 1.2\n[factors.cost]\ndemolition = 1.2\n[settings]\nfriction = 0.1\n",
        );
        let find = |col: &str| {
            e.iter()
                .find(|x| x.at.column.as_deref() == Some(col))
                .unwrap_or_else(|| panic!("{col} in {e:?}"))
        };
        assert!(find("friction_vacancy")
            .message
            .contains("under [settings]"));
        assert_eq!(find("friction_vacancy").at.line, Some(2));
        assert!(find("nme").message.contains("did you mean 'name'"));
        assert!(find("factors.budgt")
            .message
            .contains("did you mean 'budget'"));
        assert_eq!(find("factors.budgt").at.line, Some(5));
        assert!(find("factors.demolish")
            .message
            .contains("under [factors.cost]"));
        assert!(find("factors.cost.demolition")
            .message
            .contains("did you mean 'demolish'"));
        assert!(find("settings.friction")
            .message
            .contains("did you mean 'friction_vacancy'"));
        assert_eq!(e.len(), 6);
    }

    #[test]
    fn factor_values_are_checked() {
        let e = errors(
            "base = \"inputs/example\"\n[factors]\nbudget = -0.2\nhouseholds = 80\nhouseholds_change = \"x\"\n\
             cost = { demolish = nan }\n",
        );
        assert_eq!(e.len(), 4, "{e:?}");
        assert!(e[0].message.contains("negative"));
        assert_eq!(e[0].at.line, Some(3));
        assert!(e[1].message.contains("write 0.8"));
        assert!(e[2].message.contains("must be a number"));
        assert!(e[3].message.contains("finite"));
        assert_eq!(e[3].at.column.as_deref(), Some("factors.cost.demolish"));
        assert_eq!(e[3].at.line, Some(6));
    }

    #[test]
    fn base_is_required_and_must_exist() {
        let e = errors("name = \"x\"\n");
        assert_eq!(e[0].at.column.as_deref(), Some("base"));
        assert!(e[0].message.contains("missing"));
        let e = errors("base = \"no/such/folder\"\n");
        assert_eq!(e[0].at.line, Some(1));
        assert!(e[0].message.contains("does not exist"));
    }

    #[test]
    fn variant_may_be_set_once() {
        let e = errors(
            "base = \"inputs/example\"\nhouseholds_variant = \"base\"\n[settings]\nhouseholds_variant = \"krimp\"\n",
        );
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("twice"));
        assert_eq!(e[0].at.line, Some(4));
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let e = errors("base = \"inputs/example\"\n[factors]\nbudget = \n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].at.line, Some(3));
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(
            normalize(Path::new("scenarios/../inputs/./x")),
            PathBuf::from("inputs/x")
        );
        assert_eq!(normalize(Path::new("../a")), PathBuf::from("../a"));
        assert_eq!(normalize(Path::new("a/..")), PathBuf::from("."));
        assert_eq!(
            resolve_base(Path::new("scenarios/b.toml"), "../inputs/k"),
            PathBuf::from("inputs/k")
        );
        assert_eq!(
            resolve_base(Path::new("b.toml"), "inputs/k"),
            PathBuf::from("inputs/k")
        );
    }
}
