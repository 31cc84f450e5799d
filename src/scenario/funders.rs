//! A scenario's changes to the funders of its base case (spec v2 §5): more or less money
//! for one funder (`[[funder_budget]]`) and changed or new funding rules (`[[funding]]`),
//! read and checked key by key, then checked against and applied to the case. See
//! docs/scenarios.md.
//!
//! ```toml
//! [[funder_budget]]            # Rijk + € 50 mln in Parkstad, 2025–2030
//! funder = "Rijk"
//! region = "Parkstad Limburg"  # absent: every region (each gets add_eur)
//! from = 2025                  # absent: the first year of the plan
//! to = 2030                    # absent: the last year of the plan
//! add_eur = 50_000_000         # spread evenly over the years from..to
//! factor = 1.2                 # multiplies the budget of those years (before add_eur)
//!
//! [[funding]]                  # replaces the rule with the same funder, action, segment
//! funder = "Rijk"
//! action = "demolish"
//! segment = "koop"             # absent: every segment
//! max_share = 0.9
//! ```

use std::collections::BTreeMap;

use toml::Value;

use crate::case::{Case, FundedAction, FundingRule};
use crate::chart::format::Lang;
use crate::input::settings::toml_number;
use crate::input::suggest::nearest;
use crate::{InputError, Location};

/// The keys of a `[[funder_budget]]` table.
pub const FUNDER_BUDGET_KEYS: &[&str] = &["funder", "region", "from", "to", "factor", "add_eur"];

/// The keys of a `[[funding]]` table.
pub const FUNDING_KEYS: &[&str] = &["funder", "action", "segment", "max_share"];

/// The largest amount `add_eur` accepts (€ 100 billion): a larger one is a typing error.
pub const MAX_ADD_EUR: f64 = 1e11;

/// `[[funder_budget]]`: more (or less) money for one funder.
#[derive(Debug, Clone, PartialEq)]
pub struct FunderBudget {
    /// Where it is written: `funder_budget[1]` for the first table.
    pub key: String,
    /// The funder, as budgets.csv names it.
    pub funder: String,
    /// The region; `None` = every region.
    pub region: Option<String>,
    /// The first year it applies to; `None` = the first year of the plan.
    pub from: Option<i32>,
    /// The last year it applies to; `None` = the last year of the plan.
    pub to: Option<i32>,
    /// Multiplies the funder's budget in the years from..to (1 = unchanged).
    pub factor: f64,
    /// Euros added over the years from..to (in each region it applies to), spread evenly
    /// over the years; may be negative (a cut).
    pub add_eur: f64,
}

/// `[[funding]]`: a funding rule that replaces the case's rule of the same funder, action
/// and segment, or is added to the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingChange {
    /// Where it is written: `funding[1]` for the first table.
    pub key: String,
    /// The funder.
    pub funder: String,
    /// `demolish`, `new_build` or `transform`.
    pub action: String,
    /// The segment (for `transform`: the from_segment); `None` = every segment.
    pub segment: Option<String>,
    /// The largest share of the action's cost the funder pays, in (0, 1].
    pub max_share: f64,
}

/// Everything a scenario changes about the funders.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FunderChanges {
    /// `[[funder_budget]]` tables, in file order.
    pub budgets: Vec<FunderBudget>,
    /// `[[funding]]` tables, in file order.
    pub rules: Vec<FundingChange>,
}

impl FunderChanges {
    /// Whether the scenario changes nothing about the funders.
    pub fn is_empty(&self) -> bool {
        self.budgets.is_empty() && self.rules.is_empty()
    }
}

/// Reads the `[[funder_budget]]` and `[[funding]]` tables of a scenario file's top-level
/// `table`; problems go to `errors`, each with the file, the line and the key.
pub(crate) fn parse(
    table: &toml::Table,
    file: &str,
    lines: &BTreeMap<String, u64>,
    errors: &mut Vec<InputError>,
) -> FunderChanges {
    let mut p = Parser {
        file,
        lines,
        errors,
    };
    let mut out = FunderChanges::default();
    for (i, t) in p.tables(table, "funder_budget").into_iter().enumerate() {
        let key = format!("funder_budget[{}]", i + 1);
        if let Some(b) = p.funder_budget(&key, t) {
            out.budgets.push(b);
        }
    }
    for (i, t) in p.tables(table, "funding").into_iter().enumerate() {
        let key = format!("funding[{}]", i + 1);
        if let Some(r) = p.funding(&key, t) {
            out.rules.push(r);
        }
    }
    out
}

struct Parser<'a> {
    file: &'a str,
    lines: &'a BTreeMap<String, u64>,
    errors: &'a mut Vec<InputError>,
}

impl Parser<'_> {
    fn error(&mut self, key: &str, message: String) {
        // The line of the key itself, else of its table.
        let line = self.lines.get(key).copied().or_else(|| {
            key.rsplit_once('.')
                .and_then(|(table, _)| self.lines.get(table).copied())
        });
        self.errors.push(InputError {
            at: Location {
                file: self.file.to_string(),
                line,
                column: Some(key.to_string()),
            },
            message,
        });
    }

    /// The tables of the array `name` (`[[name]]` or `name = [{…}]`).
    fn tables<'t>(&mut self, table: &'t toml::Table, name: &str) -> Vec<&'t toml::Table> {
        let Some(value) = table.get(name) else {
            return Vec::new();
        };
        let example = if name == "funding" {
            "[[funding]] with funder, action, segment and max_share"
        } else {
            "[[funder_budget]] with funder, region, from, to and add_eur or factor"
        };
        match value {
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::Table(t) => out.push(t),
                        other => self.error(
                            &format!("{name}[{}]", i + 1),
                            format!("must be a table ({example}), found {}", other.type_str()),
                        ),
                    }
                }
                out
            }
            other => {
                self.error(
                    name,
                    format!(
                        "{name} must be a list of tables: write {example}, found {}",
                        other.type_str()
                    ),
                );
                Vec::new()
            }
        }
    }

    fn unknown_keys(&mut self, key: &str, t: &toml::Table, valid: &[&str]) {
        for k in t.keys() {
            if valid.contains(&k.as_str()) {
                continue;
            }
            let hint = match alias(k).or_else(|| nearest(k, valid)) {
                Some(near) => format!("; did you mean '{near}'?"),
                None => String::new(),
            };
            self.error(
                &format!("{key}.{k}"),
                format!(
                    "unknown key '{k}' in [[{}]]{hint} (valid keys: {})",
                    key.split('[').next().unwrap_or(key),
                    valid.join(", ")
                ),
            );
        }
    }

    fn text(&mut self, key: &str, t: &toml::Table, name: &str, required: bool) -> Option<String> {
        let path = format!("{key}.{name}");
        match t.get(name) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::String(_)) => {
                self.error(&path, format!("{name} is empty"));
                None
            }
            Some(other) => {
                self.error(
                    &path,
                    format!("{name} must be text in quotes, found {}", other.type_str()),
                );
                None
            }
            None => {
                if required {
                    self.error(
                        key,
                        format!(
                            "the key {name} is missing in [[{}]]",
                            key.split('[').next().unwrap_or(key)
                        ),
                    );
                }
                None
            }
        }
    }

    fn number(&mut self, key: &str, t: &toml::Table, name: &str) -> Option<f64> {
        let path = format!("{key}.{name}");
        let value = t.get(name)?;
        let Some(x) = toml_number(value) else {
            self.error(
                &path,
                format!("{name} must be a number, found {}", value.type_str()),
            );
            return None;
        };
        if !x.is_finite() {
            self.error(&path, format!("{name} must be a finite number, not {x}"));
            return None;
        }
        Some(x)
    }

    fn year(&mut self, key: &str, t: &toml::Table, name: &str) -> Option<i32> {
        let path = format!("{key}.{name}");
        match t.get(name)? {
            Value::Integer(y) if (1900..=2200).contains(y) => Some(*y as i32),
            other => {
                self.error(
                    &path,
                    format!(
                        "{name} must be a calendar year such as 2025, found {}",
                        match other {
                            Value::Integer(y) => y.to_string(),
                            other => other.type_str().to_string(),
                        }
                    ),
                );
                None
            }
        }
    }

    fn funder_budget(&mut self, key: &str, t: &toml::Table) -> Option<FunderBudget> {
        self.unknown_keys(key, t, FUNDER_BUDGET_KEYS);
        let funder = self.text(key, t, "funder", true);
        let region = self.text(key, t, "region", false);
        let from = self.year(key, t, "from");
        let to = self.year(key, t, "to");
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                self.error(
                    &format!("{key}.to"),
                    format!("to = {b} is before from = {a}"),
                );
            }
        }
        let factor = match self.number(key, t, "factor") {
            Some(f) if !(0.0..=super::file::MAX_FACTOR).contains(&f) => {
                self.error(
                    &format!("{key}.factor"),
                    format!(
                        "factor = {f} must be between 0 and {} (1 = unchanged, 1.2 = 20 % \
                         more); to add money write add_eur",
                        super::file::MAX_FACTOR
                    ),
                );
                None
            }
            f => f,
        };
        let add = match self.number(key, t, "add_eur") {
            Some(a) if a.abs() > MAX_ADD_EUR => {
                self.error(
                    &format!("{key}.add_eur"),
                    format!(
                        "add_eur = {a} is more than € 100 billion: write euros, e.g. \
                         add_eur = 50_000_000 for € 50 mln"
                    ),
                );
                None
            }
            a => a,
        };
        if !t.contains_key("factor") && !t.contains_key("add_eur") {
            self.error(
                key,
                "it changes nothing: give add_eur (euros over the years from..to) or \
                 factor (1.2 = 20 % more)"
                    .into(),
            );
        }
        let funder = funder?;
        Some(FunderBudget {
            key: key.to_string(),
            funder,
            region,
            from,
            to,
            factor: factor.unwrap_or(1.0),
            add_eur: add.unwrap_or(0.0),
        })
    }

    fn funding(&mut self, key: &str, t: &toml::Table) -> Option<FundingChange> {
        self.unknown_keys(key, t, FUNDING_KEYS);
        let funder = self.text(key, t, "funder", true);
        let action = self.text(key, t, "action", true);
        if let Some(a) = &action {
            if FundedAction::parse(a).is_none() {
                let names: Vec<&str> = FundedAction::ALL.iter().map(|a| a.as_str()).collect();
                let hint = match alias(a).or_else(|| nearest(a, &names)) {
                    Some(near) => format!("did you mean '{near}'? "),
                    None => String::new(),
                };
                self.error(
                    &format!("{key}.action"),
                    format!(
                        "action '{a}' is not known: {hint}the actions are {}",
                        names.join(", ")
                    ),
                );
            }
        }
        let segment = self.text(key, t, "segment", false);
        let share = match self.number(key, t, "max_share") {
            Some(s) if !(s > 0.0 && s <= 1.0) => {
                self.error(
                    &format!("{key}.max_share"),
                    format!(
                        "max_share = {s} must be a share in (0, 1] (0.7 = at most 70 % of \
                         the cost)"
                    ),
                );
                None
            }
            None if !t.contains_key("max_share") => {
                self.error(
                    key,
                    "the key max_share is missing in [[funding]] (1 = the whole cost)".into(),
                );
                None
            }
            s => s,
        };
        let action = action.filter(|a| FundedAction::parse(a).is_some())?;
        Some(FundingChange {
            key: key.to_string(),
            funder: funder?,
            action,
            segment,
            max_share: share?,
        })
    }
}

/// Words a planner may write for a key or an action: the one meant.
const ALIASES: &[(&str, &str)] = &[
    ("financier", "funder"),
    ("financer", "funder"),
    ("betaler", "funder"),
    ("regio", "region"),
    ("van", "from"),
    ("tot", "to"),
    ("add", "add_eur"),
    ("extra", "add_eur"),
    ("extra_eur", "add_eur"),
    ("bedrag", "add_eur"),
    ("factor_budget", "factor"),
    ("share", "max_share"),
    ("aandeel", "max_share"),
    ("actie", "action"),
    ("segmenten", "segment"),
    ("sloop", "demolish"),
    ("demolition", "demolish"),
    ("nieuwbouw", "new_build"),
    ("build", "new_build"),
    ("transformatie", "transform"),
    ("transformation", "transform"),
];

/// The key or action a planner meant by `word`, if it is one of the [`ALIASES`].
fn alias(word: &str) -> Option<&'static str> {
    super::file::meant(ALIASES, word)
}

/// "did you mean 'x'? " for `name` among `candidates` (a unique prefix first).
fn did_you_mean(name: &str, candidates: &[String]) -> String {
    let lower = name.to_lowercase();
    let starting: Vec<&String> = candidates
        .iter()
        .filter(|c| c.to_lowercase().starts_with(&lower))
        .collect();
    // Swapped letters ("Rjik") are one slip, not two edits.
    let letters = |x: &str| {
        let mut v: Vec<char> = x.to_lowercase().chars().collect();
        v.sort_unstable();
        v
    };
    let swapped = candidates.iter().find(|c| letters(c) == letters(name));
    let near = match starting.as_slice() {
        [one] => Some(one.as_str()),
        _ => swapped
            .map(String::as_str)
            .or_else(|| nearest(name, candidates)),
    };
    near.map(|n| format!("did you mean '{n}'? "))
        .unwrap_or_default()
}

/// The problems of `changes` against `case` (unknown funders, regions, segments; years
/// outside the plan; a factor on part of a period; a budget that would fall below zero),
/// each made by `error(key, message)`.
pub(crate) fn check(
    changes: &FunderChanges,
    case: &Case,
    error: &dyn Fn(&str, String) -> InputError,
) -> Vec<InputError> {
    let mut problems = Vec::new();
    if changes.is_empty() {
        return problems;
    }
    let f = &case.funders;
    if !f.active() {
        let key = changes
            .budgets
            .first()
            .map(|b| b.key.clone())
            .or_else(|| changes.rules.first().map(|r| r.key.clone()))
            .unwrap_or_default();
        problems.push(error(
            &key,
            "the base case has no funders (no `funder` column in budgets.csv): \
             [[funder_budget]] and [[funding]] need them; use [factors] budget or \
             budget_region for the one pot"
                .into(),
        ));
        return problems;
    }
    let named: Vec<String> = f.names.iter().filter(|n| !n.is_empty()).cloned().collect();
    let unknown_funder = |key: &str, name: &str| {
        error(
            &format!("{key}.funder"),
            format!(
                "the base case has no funder '{name}': {}its funders are: {}",
                did_you_mean(name, &named),
                named.join(", ")
            ),
        )
    };
    let (first, last) = match (case.periods.first(), case.periods.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => return problems,
    };
    for b in &changes.budgets {
        if f.index(&b.funder).is_none() {
            problems.push(unknown_funder(&b.key, &b.funder));
        }
        if let Some(region) = &b.region {
            if !case.regions.contains(region) {
                problems.push(error(
                    &format!("{}.region", b.key),
                    format!(
                        "the base case has no region '{region}': {}its regions are: {}",
                        did_you_mean(region, &case.regions),
                        case.regions.join(", ")
                    ),
                ));
            }
        }
        let (from, to) = (b.from.unwrap_or(first), b.to.unwrap_or(last));
        for (name, year) in [("from", b.from), ("to", b.to)] {
            if let Some(y) = year {
                if y < first || y > last {
                    problems.push(error(
                        &format!("{}.{name}", b.key),
                        format!("{name} = {y} is outside the plan's years {first}–{last}"),
                    ));
                }
            }
        }
        if b.factor != 1.0 {
            let split: Vec<String> = case
                .periods
                .iter()
                .filter(|p| {
                    let overlap = p.end.min(to) - p.start.max(from) + 1;
                    overlap > 0 && overlap < p.end - p.start + 1
                })
                .map(|p| format!("{}–{}", p.start, p.end))
                .collect();
            if !split.is_empty() {
                let periods: Vec<String> = case
                    .periods
                    .iter()
                    .map(|p| format!("{}–{}", p.start, p.end))
                    .collect();
                problems.push(error(
                    &format!("{}.factor", b.key),
                    format!(
                        "factor needs whole plan periods, but {from}–{to} covers part of {} \
                         (the budgets are known per period: {}); choose from and to on \
                         period boundaries, or write add_eur",
                        split.join(", "),
                        periods.join(", ")
                    ),
                ));
            }
        }
    }
    for r in &changes.rules {
        if f.index(&r.funder).is_none() {
            problems.push(unknown_funder(&r.key, &r.funder));
        }
        if let Some(s) = &r.segment {
            let ids: Vec<String> = case.segments.iter().map(|s| s.id.clone()).collect();
            if !ids.contains(s) {
                problems.push(error(
                    &format!("{}.segment", r.key),
                    format!(
                        "the base case has no segment '{s}': {}its segments are: {}",
                        did_you_mean(s, &ids),
                        ids.join(", ")
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        // A cut below zero: apply to a copy and look.
        let mut copy = case.funders.budget_eur.clone();
        apply_budgets(&mut copy, changes, case);
        for b in &changes.budgets {
            let g = f.index(&b.funder).unwrap_or(0);
            for (r, region) in case.regions.iter().enumerate() {
                if b.region.as_ref().is_some_and(|x| x != region) {
                    continue;
                }
                if let Some(p) = copy[r][g].iter().position(|&eur| eur < -1e-6) {
                    let period = &case.periods[p];
                    problems.push(error(
                        &format!("{}.add_eur", b.key),
                        format!(
                            "it leaves {} in {region} with a budget below zero in {}–{} \
                             ({:.0} euros): cut less",
                            b.funder, period.start, period.end, copy[r][g][p]
                        ),
                    ));
                    break;
                }
            }
        }
    }
    problems
}

/// Applies the budget changes to `budget_eur[r][g][p]` of `case`'s funders.
fn apply_budgets(budget_eur: &mut [Vec<Vec<f64>>], changes: &FunderChanges, case: &Case) {
    let (first, last) = match (case.periods.first(), case.periods.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => return,
    };
    for b in &changes.budgets {
        let Some(g) = case.funders.index(&b.funder) else {
            continue;
        };
        let (from, to) = (b.from.unwrap_or(first), b.to.unwrap_or(last));
        let years = f64::from((to - from + 1).max(1));
        for (r, region) in case.regions.iter().enumerate() {
            if b.region.as_ref().is_some_and(|x| x != region) {
                continue;
            }
            for (p, period) in case.periods.iter().enumerate() {
                let overlap = period.end.min(to) - period.start.max(from) + 1;
                if overlap <= 0 {
                    continue;
                }
                let eur = &mut budget_eur[r][g][p];
                *eur *= b.factor;
                *eur += b.add_eur * f64::from(overlap) / years;
            }
        }
    }
}

/// Applies `changes` to `case` (checked with [`check`] first): the funders' budgets, the
/// regions' totals (Σ over the funders) and the funding rules.
pub fn apply(case: &mut Case, changes: &FunderChanges) {
    if changes.is_empty() || !case.funders.active() {
        return;
    }
    let mut budgets = std::mem::take(&mut case.funders.budget_eur);
    apply_budgets(&mut budgets, changes, case);
    case.funders.budget_eur = budgets;
    for (r, row) in case.budget_eur.iter_mut().enumerate() {
        for (p, total) in row.iter_mut().enumerate() {
            *total = case.funders.budget_eur[r].iter().map(|g| g[p]).sum();
        }
    }
    for c in &changes.rules {
        let (Some(funder), Some(action)) = (
            case.funders.index(&c.funder),
            FundedAction::parse(&c.action),
        ) else {
            continue;
        };
        let segment = c
            .segment
            .as_ref()
            .and_then(|s| case.segments.iter().position(|x| &x.id == s));
        if c.segment.is_some() && segment.is_none() {
            continue;
        }
        let rules = case.funders.rules.get_or_insert_with(Vec::new);
        match rules
            .iter_mut()
            .find(|r| r.funder == funder && r.action == action && r.segment == segment)
        {
            Some(rule) => rule.max_share = c.max_share,
            None => rules.push(FundingRule {
                funder,
                action,
                segment,
                max_share: c.max_share,
            }),
        }
    }
}

/// One difference in the funders between two cases, in words: (label, key, from, to,
/// note). Budgets are compared per region and funder over the whole plan; rules per
/// funder, action and segment as σ (the share the funder may pay).
pub(crate) fn differences(
    reference: &Case,
    other: &Case,
    keys: &FunderChanges,
    budgets_changed: bool,
    lang: Lang,
) -> Vec<(String, String, String, String, Option<String>)> {
    let mut out = Vec::new();
    let (fa, fb) = (&reference.funders, &other.funders);
    if !fa.active() && !fb.active() {
        return out;
    }
    // Per-funder budgets only where a scenario changes them (a [factors] budget shows as
    // its factor).
    let regions = if budgets_changed {
        other.regions.as_slice()
    } else {
        &[]
    };
    for (r, region) in regions.iter().enumerate() {
        let Some(ra) = reference.regions.iter().position(|x| x == region) else {
            continue;
        };
        if fb.budget_eur.len() <= r {
            continue;
        }
        for (g, name) in fb.names.iter().enumerate() {
            let b: f64 = fb.budget_eur[r][g].iter().sum();
            let a: f64 = fa
                .index(name)
                .and_then(|ga| fa.budget_eur.get(ra).map(|row| row[ga].iter().sum()))
                .unwrap_or(0.0);
            if (a - b).abs() <= 0.5 {
                continue;
            }
            let key = keys
                .budgets
                .iter()
                .find(|x| &x.funder == name && x.region.as_ref().is_none_or(|x| x == region))
                .map_or("budgets.csv".to_string(), |x| x.key.clone());
            let change = b - a;
            let sign = if change < 0.0 { "−" } else { "+" };
            out.push((
                match lang {
                    Lang::Nl => format!("Budget van {name} in {region}, hele plan"),
                    Lang::En => format!("Budget of {name} in {region}, whole plan"),
                },
                key,
                lang.meur(a),
                lang.meur(b),
                Some(format!("{sign}{}", lang.meur(change.abs()))),
            ));
        }
    }
    for (g, name) in fb.names.iter().enumerate() {
        let Some(ga) = fa.index(name) else {
            continue;
        };
        for action in FundedAction::ALL {
            for (s, segment) in other.segments.iter().enumerate() {
                let Some(sa) = reference.segments.iter().position(|x| x.id == segment.id) else {
                    continue;
                };
                let (x, y) = (fa.share(ga, action, sa), fb.share(g, action, s));
                if (x - y).abs() <= 1e-12 {
                    continue;
                }
                let key = keys
                    .rules
                    .iter()
                    .find(|c| {
                        &c.funder == name
                            && c.action == action.as_str()
                            && c.segment.as_ref().is_none_or(|x| x == &segment.id)
                    })
                    .map_or("funding.csv".to_string(), |c| c.key.clone());
                let what = match (lang, action) {
                    (Lang::Nl, FundedAction::Demolish) => "sloop",
                    (Lang::Nl, FundedAction::NewBuild) => "nieuwbouw",
                    (Lang::Nl, FundedAction::Transform) => "transformatie",
                    (Lang::En, FundedAction::Demolish) => "demolition",
                    (Lang::En, FundedAction::NewBuild) => "new build",
                    (Lang::En, FundedAction::Transform) => "transformation",
                };
                out.push((
                    match lang {
                        Lang::Nl => format!(
                            "Deel van de kosten van {what} van {} dat {name} mag betalen",
                            segment.id
                        ),
                        Lang::En => format!(
                            "Share of the cost of {what} of {} that {name} may pay",
                            segment.id
                        ),
                    },
                    key,
                    lang.pct(x, 1),
                    lang.pct(y, 1),
                    None,
                ));
            }
        }
    }
    out
}
