//! From a scenario to a validated [`Case`]: the base case is read with the scenario's
//! variant and settings overrides (so the case reader validates them exactly as it
//! validates settings.toml), then the factors are applied to the plain numbers of the
//! case (budgets, costs, households).

use crate::case::Case;
use crate::input::suggest::nearest;
use crate::input::{read_case_timed, ReadOptions, ReadTimings, HOUSEHOLDS, INPUT_FILES, SETTINGS};
use crate::{Error, InputError, Location, Result};

use super::file::{Factors, Scenario};

/// What the case reader appends to a message about a key set through
/// [`ReadOptions::settings_overrides`].
const OVERRIDE_NOTE: &str = " (set by the settings overrides)";

impl Scenario {
    /// Reads the base case with this scenario's variant and settings, checks the factors
    /// against it (region names, households that would fall below zero) and applies
    /// them. Problems in the overrides are reported against the scenario file with the
    /// line of their key; problems of the base case name its files inside its folder.
    pub fn build_case(&self) -> Result<Case> {
        self.build_case_timed().map(|(case, _)| case)
    }

    /// [`Scenario::build_case`], with the time spent reading and validating (checking
    /// and applying the factors counts as validating).
    pub fn build_case_timed(&self) -> Result<(Case, ReadTimings)> {
        self.build_variant_case(self.households_variant.clone(), false)
    }

    /// [`Scenario::build_case_timed`] with the households variant `variant` (over the
    /// scenario's), and with `robust` (`--robust`) robust mode on with the defaults when
    /// no `[robust]` table is given. Robust mode reads the case once per variant.
    pub fn build_variant_case(
        &self,
        variant: Option<String>,
        robust: bool,
    ) -> Result<(Case, ReadTimings)> {
        let (case, mut timings) = self.read_base_case(variant, robust)?;
        let clock = std::time::Instant::now();
        let case = self.finish_case(case)?;
        timings.validate += clock.elapsed().as_secs_f64();
        Ok((case, timings))
    }

    /// The first half of [`Scenario::build_variant_case`]: the base case read and
    /// validated with this scenario's settings overrides and the households `variant`,
    /// before the factors and funders' changes (what `restock serve` keeps between
    /// requests: it depends only on the case folder, the variant and the settings).
    pub fn read_base_case(
        &self,
        variant: Option<String>,
        robust: bool,
    ) -> Result<(Case, ReadTimings)> {
        let options = ReadOptions {
            variant,
            settings_overrides: self.settings.clone(),
            robust,
        };
        read_case_timed(&self.base, &options).map_err(|e| self.relabel(e))
    }

    /// The second half of [`Scenario::build_variant_case`]: checks the factors and the
    /// funders' changes against the base case `case` ([`Scenario::read_base_case`]) and
    /// applies them.
    pub fn finish_case(&self, mut case: Case) -> Result<Case> {
        let mut problems = self.check_factors(&case);
        problems.extend(super::funders::check(
            &self.funders,
            &case,
            &|key, message| self.error(key, message),
        ));
        if !problems.is_empty() {
            return Err(Error::Input(problems));
        }
        apply_factors(&mut case, &self.factors);
        super::funders::apply(&mut case, &self.funders);
        Ok(case)
    }

    /// Points errors of the case reader at the scenario file where the scenario caused
    /// them, and at the base case's folder otherwise.
    fn relabel(&self, error: Error) -> Error {
        let Error::Input(errors) = error else {
            return error;
        };
        let scenario_file = self.file.is_some();
        let mut errors: Vec<InputError> = errors
            .into_iter()
            .map(|e| {
                let column = e.at.column.clone().unwrap_or_default();
                // A `robust.<key>` column comes from the `robust` setting.
                let key = column.split('.').next().unwrap_or_default().to_string();
                let from_settings = e.at.file == SETTINGS
                    && e.at.line.is_none()
                    && scenario_file
                    && self.settings.contains_key(&key);
                let from_variant = e.at.file == HOUSEHOLDS
                    && e.at.line.is_none()
                    && key == "variant"
                    && scenario_file
                    && self.households_variant.is_some();
                if from_settings {
                    let path = format!("settings.{column}");
                    let message = e
                        .message
                        .replace(OVERRIDE_NOTE, " (set in [settings] of the scenario)");
                    self.error(&path, message)
                } else if from_variant {
                    let message = e.message.replace(
                        "(households_variant in settings.toml or --variant)",
                        &format!("in the base case {}", self.base.display()),
                    );
                    self.error("households_variant", message)
                } else if scenario_file && INPUT_FILES.iter().any(|(name, _)| *name == e.at.file) {
                    let file = self.base.join(&e.at.file).display().to_string();
                    InputError {
                        at: Location { file, ..e.at },
                        ..e
                    }
                } else {
                    e
                }
            })
            .collect();
        errors.sort();
        errors.dedup();
        Error::Input(errors)
    }

    /// Region names of `[factors.budget_region]` that the case does not have, and
    /// households that `households_change` would push below zero.
    fn check_factors(&self, case: &Case) -> Vec<InputError> {
        let mut problems = Vec::new();
        for region in self.factors.budget_region.keys() {
            if case.regions.contains(region) {
                continue;
            }
            let lower = region.to_lowercase();
            let starting: Vec<&String> = case
                .regions
                .iter()
                .filter(|r| r.to_lowercase().starts_with(&lower))
                .collect();
            let near = match starting.as_slice() {
                [one] => Some(one.as_str()),
                _ => nearest(region, &case.regions),
            };
            let hint = match near {
                Some(near) => format!("did you mean '{near}'? "),
                None => String::new(),
            };
            problems.push(self.error(
                &format!("factors.budget_region.{region}"),
                format!(
                    "the base case has no region '{region}': {hint}its regions are: {}",
                    case.regions.join(", ")
                ),
            ));
        }
        let change = self.factors.households_change;
        'outer: for (m, row) in case.households.iter().enumerate() {
            let base = row[0];
            for (t, &h) in row.iter().enumerate().skip(1) {
                let changed = base + change * (h - base);
                if changed < 0.0 {
                    let muni = &case.municipalities[m];
                    let year = case.periods[t - 1].end;
                    problems.push(self.error(
                        "factors.households_change",
                        format!(
                            "households_change = {change} would leave {} ({}) with {:.0} \
                             households in {year}, fewer than none: choose a smaller factor",
                            muni.name, muni.code, changed
                        ),
                    ));
                    break 'outer;
                }
            }
        }
        problems
    }
}

/// Applies `factors` to the plain numbers of `case` (see docs/scenarios.md):
///
/// - budgets: every region's budget in every period × `budget` × its `budget_region`
///   (with funders: every funder's budget there alike);
/// - costs: demolition × `cost.demolish`, new build × `cost.new_build`; a transformation
///   that costs money × `cost.transform`, one that brings money in (a sale) × `cost.sale`
///   (its proceeds scale, and stay proceeds);
/// - households: every year after the base year (the base year is counted, not
///   projected): `H0 + households_change · (H − H0)`, then × `households`; never below 0.
pub fn apply_factors(case: &mut Case, factors: &Factors) {
    for r in 0..case.regions.len() {
        // With funders every funder's money scales alike (the model reads theirs).
        let f = factors.budget_of(&case.regions[r]);
        case.scale_budget(r, f);
    }
    let c = factors.cost;
    for costs in case.costs.iter_mut().flatten().flatten() {
        costs.demolish_eur *= c.demolish;
        costs.new_build_eur = costs.new_build_eur.map(|eur| eur * c.new_build);
    }
    for t in &mut case.transformations {
        if t.cost_eur > 0.0 {
            t.cost_eur *= c.transform;
        } else {
            t.cost_eur *= c.sale;
        }
    }
    let (level, change) = (factors.households, factors.households_change);
    if level != 1.0 || change != 1.0 {
        for row in &mut case.households {
            let base = row[0];
            for h in row.iter_mut().skip(1) {
                *h = ((base + change * (*h - base)) * level).max(0.0);
            }
        }
    }
}
