//! The bridge from scenario results to the views: turns solved scenarios and finished
//! sweeps into the plain data that [`crate::chart`] draws and [`crate::report`] renders
//! (no drawing and no HTML here).

use crate::chart::{CompareData, ScenarioSeries, SweepAxis, SweepData, Trajectories};
use crate::metrics;
use crate::report::comparison::ScenarioEntry;

use super::compare::Solved;
use super::sweep::{Parameter, Sweep};

/// The series of every solved scenario, for the comparison charts.
pub fn compare_data(solved: &[Solved]) -> CompareData {
    let mut regions: Vec<String> = Vec::new();
    for s in solved {
        for r in &s.case.regions {
            if !regions.contains(r) {
                regions.push(r.clone());
            }
        }
    }
    let scenarios = solved
        .iter()
        .map(|s| {
            let case = &s.case;
            let planned = metrics::plan_path(case, &s.plan);
            let nothing = metrics::do_nothing_path(case);
            let all: Vec<usize> = (0..case.municipalities.len()).collect();
            let per_region = regions
                .iter()
                .map(|name| {
                    s.summary
                        .regions_detail
                        .iter()
                        .find(|d| &d.region == name)
                        .map(|d| (d.mismatch_do_nothing, d.mismatch_plan))
                })
                .collect();
            ScenarioSeries {
                name: s.scenario.name.clone(),
                years: case.balance_years(),
                trajectories: Trajectories::sum_over(case, &nothing, &planned, &all),
                regions: per_region,
            }
        })
        .collect();
    CompareData { regions, scenarios }
}
/// The chart data of a finished sweep of the case or scenario `name`.
pub fn sweep_data(sweep: &Sweep, name: &str, title: &str, current: f64) -> SweepData {
    // The current setting on the x axis: the budget at factor 1 (from any point with a
    // budget), or the frictional vacancy itself.
    let current_x = match sweep.parameter {
        Parameter::BudgetFactor => sweep
            .points
            .iter()
            .find(|p| p.value > 0.0 && p.budget_eur > 0.0)
            .map(|p| p.budget_eur / p.value / 1e6 * current),
        Parameter::FrictionVacancy => Some(current),
    };
    let points = sweep
        .points
        .iter()
        .map(|p| {
            let x = match sweep.parameter {
                Parameter::BudgetFactor => p.budget_eur / 1e6,
                Parameter::FrictionVacancy => p.value,
            };
            (x, p.mismatch, p.mismatch_do_nothing)
        })
        .collect();
    SweepData {
        axis: match sweep.parameter {
            Parameter::BudgetFactor => SweepAxis::Budget,
            Parameter::FrictionVacancy => SweepAxis::FrictionVacancy,
        },
        name: name.to_string(),
        plan_title: title.to_string(),
        current: current_x,
        funded_by_sales: funded_by_sales(sweep),
        points,
        knee: sweep.knee,
    }
}

/// How the charts and pages name what a sweep varies.
pub fn axis(parameter: Parameter) -> SweepAxis {
    match parameter {
        Parameter::BudgetFactor => SweepAxis::Budget,
        Parameter::FrictionVacancy => SweepAxis::FrictionVacancy,
    }
}

/// Per point of `sweep`: mismatch removed per extra million since the previous point.
pub fn reductions(sweep: &Sweep) -> Vec<Option<f64>> {
    (0..sweep.points.len())
        .map(|i| sweep.reduction_per_meur(i))
        .collect()
}

/// What the comparison page shows of every scenario; `plan_dirs` are the folder names
/// of their own plans inside [`super::PLANS_DIR`].
pub fn scenario_entries(
    solved: &[Solved],
    plan_dirs: &[String],
    lang: crate::lang::Lang,
) -> Vec<ScenarioEntry> {
    solved
        .iter()
        .zip(plan_dirs)
        .map(|(s, dir)| ScenarioEntry {
            identity: s.scenario.identity(),
            title: s.case.title(lang),
            base: s.scenario.base.display().to_string(),
            households_variant: s.case.settings.households_variant.clone(),
            optimal: s.summary.status == "optimal",
            plan_dir: format!("{}/{dir}", super::PLANS_DIR),
            robust: s.summary.robust.clone(),
        })
        .collect()
}

/// The point of a sweep at the current setting (`current`), if the grid has it.
pub fn current_point(sweep: &Sweep, current: f64) -> Option<usize> {
    sweep
        .points
        .iter()
        .position(|p| (p.value - current).abs() <= 1e-9 * current.abs().max(1.0))
}

/// A budget sweep whose point at factor 0 still lowers the mismatch: what the plan
/// spends there (its gross cost, paid by the proceeds of sales), in euros. `None` when
/// the grid has no factor 0 or the plan at 0 changes nothing.
pub fn funded_by_sales(sweep: &Sweep) -> Option<f64> {
    if sweep.parameter != Parameter::BudgetFactor {
        return None;
    }
    let zero = sweep.points.iter().find(|p| p.value == 0.0)?;
    let better =
        zero.mismatch < zero.mismatch_do_nothing - 1e-6 * zero.mismatch_do_nothing.max(1.0);
    (better && zero.gross_cost_eur > 0.0).then_some(zero.gross_cost_eur)
}
