//! `restock compare`: several scenarios solved side by side, and the table that puts
//! their results next to each other (comparison.csv).
//!
//! Every scenario is read and checked first, all problems of all files reported at once;
//! only then are they solved, in parallel, each its own LP. Rows follow the order of the
//! scenario files on the command line; the first scenario is the reference of the input
//! diff.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::case::{Action, Case, CostBasis};
use crate::pipeline::{self, Outcome};
use crate::plan::Plan;
use crate::report::{RegionSummary, Summary};
use crate::solve::SolveOptions;
use crate::{Error, InputError, Location, Result};

use super::file::Scenario;

pub use crate::report::comparison::{Row, HEADER, TOTAL_REGION};

/// One scenario, read, solved and summarised.
#[derive(Debug, Clone)]
pub struct Solved {
    /// The scenario.
    pub scenario: Scenario,
    /// The case it describes (factors applied).
    pub case: Case,
    /// The plan.
    pub plan: Plan,
    /// The key figures, as summary.json would hold them; for a robust scenario the
    /// expected figures, per region too ([`super::robust::solve`]).
    pub summary: Summary,
    /// A robust scenario (spec v2 §6b): every variant's case and the robust plan; `case`
    /// and `plan` are then those of its first variant. `None` for a plain scenario.
    pub robust: Option<super::robust::RobustSolved>,
}

/// Reads every scenario file; returns every problem of every file at once. Two
/// scenarios with the same name are an error (their rows could not be told apart).
pub fn load_all(files: &[impl AsRef<Path>]) -> Result<Vec<Scenario>> {
    let mut problems = Vec::new();
    let mut scenarios = Vec::new();
    for file in files {
        match Scenario::load(file.as_ref()) {
            Ok(s) => scenarios.push(s),
            Err(Error::Input(e)) => problems.extend(e),
            Err(other) => return Err(other),
        }
    }
    let mut seen: BTreeMap<&str, &Scenario> = BTreeMap::new();
    for s in &scenarios {
        if let Some(first) = seen.insert(s.name.as_str(), s) {
            problems.push(InputError {
                at: Location {
                    file: s.file_label(),
                    line: s.line_of("name"),
                    column: Some("name".into()),
                },
                message: format!(
                    "the scenario name '{}' is also the name of {}: give every scenario \
                     its own name",
                    s.name,
                    first.file_label()
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(scenarios)
    } else {
        problems.sort();
        problems.dedup();
        Err(Error::Input(problems))
    }
}

/// Builds the case of every scenario (all problems at once), then solves them in
/// parallel on the current rayon pool; `on_done` is called once per solved scenario.
pub fn solve_all(
    scenarios: &[Scenario],
    options: &SolveOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<Solved>> {
    let mut problems = Vec::new();
    let mut cases = Vec::new();
    for s in scenarios {
        let read = s
            .build_case()
            .and_then(|case| super::robust::variant_cases(s, &case).map(|v| (case, v)));
        match read {
            Ok(case) => cases.push(case),
            Err(Error::Input(e)) => problems.extend(e),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(Error::Input(problems));
    }
    let solved: Vec<Result<Solved>> = scenarios
        .par_iter()
        .zip(cases)
        .map(|(scenario, (case, variants))| {
            let result = match variants {
                None => pipeline::run(&case, options).map(|Outcome { plan, summary }| Solved {
                    scenario: scenario.clone(),
                    case,
                    plan,
                    summary,
                    robust: None,
                }),
                Some(cases) => {
                    super::robust::solve(cases, options).map(|(robust, summary)| Solved {
                        scenario: scenario.clone(),
                        case: robust.cases[0].clone(),
                        plan: robust.plan.plans[0].clone(),
                        summary,
                        robust: Some(robust),
                    })
                }
            }
            .map_err(|e| match e {
                Error::Solve(m) => Error::Solve(format!("scenario '{}': {m}", scenario.name)),
                other => other,
            });
            on_done();
            result
        })
        .collect();
    solved.into_iter().collect()
}

/// The rows of comparison_funders.csv: per scenario (in order) with funders, its regions
/// and funders over the whole plan; empty when no scenario's case has funders.
pub fn funder_rows(solved: &[Solved]) -> Vec<crate::report::comparison::FunderRow> {
    let mut rows = Vec::new();
    for s in solved {
        let Some(data) = crate::chart::FundersData::new(&s.case, &s.plan) else {
            continue;
        };
        for region in &data.regions {
            for (g, series) in region.funders.iter().enumerate() {
                rows.push(crate::report::comparison::FunderRow {
                    scenario: s.scenario.name.clone(),
                    region: region.name.clone(),
                    funder: data.funders[g].clone(),
                    budget_eur: crate::numfmt::round6(series.budget_eur.iter().sum()),
                    paid_eur: crate::numfmt::round6(series.paid_eur.iter().sum()),
                    received_eur: crate::numfmt::round6(series.received_eur.iter().sum()),
                    shadow_price_max_per_meur: series
                        .shadow_price_per_meur
                        .iter()
                        .copied()
                        .fold(0.0, f64::max),
                });
            }
        }
    }
    rows
}

/// The rows of comparison.csv: per scenario (in order) its regions (in the case's
/// order), then its total row.
pub fn rows(solved: &[Solved]) -> Vec<Row> {
    let mut rows = Vec::new();
    for s in solved {
        let gross = match &s.robust {
            Some(robust) => robust.expected_gross_by_region(),
            None => gross_by_region(&s.case, &s.plan),
        };
        for (r, detail) in s.summary.regions_detail.iter().enumerate() {
            rows.push(Row {
                scenario: s.scenario.name.clone(),
                figures: detail.clone(),
                gross_cost_eur: gross[r],
            });
        }
        let t = &s.summary;
        rows.push(Row {
            scenario: s.scenario.name.clone(),
            figures: RegionSummary {
                region: TOTAL_REGION.to_string(),
                mismatch_do_nothing: t.mismatch_do_nothing,
                mismatch_plan: t.mismatch,
                demolished: t.demolished,
                transformed: t.transformed,
                built: t.built,
                spent_eur: t.net_cost_eur,
                budget_eur: t.budget_eur,
            },
            gross_cost_eur: t.gross_cost_eur,
        });
    }
    rows
}

/// Gross cost per region in euros: every action at its cost, transformations at the
/// absolute value of theirs.
pub(crate) fn gross_by_region(case: &Case, plan: &Plan) -> Vec<f64> {
    let mut out = vec![0.0; case.regions.len()];
    for (m, muni) in case.municipalities.iter().enumerate() {
        let mut total = 0.0;
        for (action, eur) in case.cost_terms(m, CostBasis::Gross) {
            let quantity: f64 = match action {
                Action::Demolish(s) => plan.demolish[m][s].iter().sum(),
                Action::NewBuild(s) => plan.new_build[m][s].iter().sum(),
                Action::Transform(k) => plan.transform[m][k].iter().sum(),
            };
            total += eur * quantity;
        }
        out[muni.region] += total;
    }
    out.into_iter().map(crate::numfmt::round6).collect()
}
