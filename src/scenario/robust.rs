//! Robust scenarios (spec v2 §6b) in `compare` and `sweep`: a scenario whose case has a
//! `[robust]` table is read once per variant and solved as one robust plan
//! ([`crate::pipeline::solve_robust_showing_progress`], by region where it can). In a comparison it enters with its expected
//! figures: the mismatch E, the expected gross cost, and per region the π-weighted
//! means of the variants' figures (so its regions add up to its total); a sweep of a
//! robust case sweeps E.

use crate::case::Case;
use crate::numfmt::round6;
use crate::plan::RobustPlan;
use crate::report::{RegionSummary, Summary};
use crate::solve::SolveOptions;
use crate::Result;

use super::file::Scenario;
use super::sweep::{Parameter, Point, Sweep};

/// A robust scenario, solved: the case of every variant and the robust plan.
#[derive(Debug, Clone)]
pub struct RobustSolved {
    /// `cases[ω]`: the case of variant ω of robust.variants.
    pub cases: Vec<Case>,
    /// The robust plan.
    pub plan: RobustPlan,
}

/// The case of every variant of `case`'s `[robust]` table, read as `restock plan` reads
/// them; `None` when the case is not robust.
pub fn variant_cases(scenario: &Scenario, case: &Case) -> Result<Option<Vec<Case>>> {
    let Some(robust) = &case.settings.robust else {
        return Ok(None);
    };
    robust
        .variants
        .iter()
        .map(|v| {
            scenario
                .build_variant_case(Some(v.clone()), false)
                .map(|(c, _)| c)
        })
        .collect::<Result<Vec<Case>>>()
        .map(Some)
}

/// Solves a robust scenario and summarises it as summary.json would, except that its
/// figures per region are the π-weighted means over the variants.
pub fn solve(cases: Vec<Case>, options: &SolveOptions) -> Result<(RobustSolved, Summary)> {
    let plan = crate::pipeline::solve_robust_showing_progress(&cases, options, false)?;
    let mut summary = Summary::new_robust(&cases, &plan, plan.timings.clone());
    summary.regions_detail = expected_regions(&cases, &plan);
    Ok((RobustSolved { cases, plan }, summary))
}

/// Per region the π-weighted mean of every variant's figures.
pub fn expected_regions(cases: &[Case], plan: &RobustPlan) -> Vec<RegionSummary> {
    let per_variant: Vec<Vec<RegionSummary>> = cases
        .iter()
        .zip(&plan.plans)
        .map(|(case, p)| Summary::new(case, p, Default::default()).regions_detail)
        .collect();
    let Some(first) = per_variant.first() else {
        return Vec::new();
    };
    (0..first.len())
        .map(|r| {
            let mean = |f: fn(&RegionSummary) -> f64| -> f64 {
                round6(
                    per_variant
                        .iter()
                        .zip(&plan.weights)
                        .map(|(regions, w)| w * f(&regions[r]))
                        .sum(),
                )
            };
            RegionSummary {
                region: first[r].region.clone(),
                mismatch_do_nothing: mean(|x| x.mismatch_do_nothing),
                mismatch_plan: mean(|x| x.mismatch_plan),
                demolished: mean(|x| x.demolished),
                transformed: mean(|x| x.transformed),
                built: mean(|x| x.built),
                spent_eur: mean(|x| x.spent_eur),
                budget_eur: mean(|x| x.budget_eur),
            }
        })
        .collect()
}

impl RobustSolved {
    /// The gross cost per region: the π-weighted mean over the variants.
    pub fn expected_gross_by_region(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.cases.first().map_or(0, |c| c.regions.len())];
        for ((case, plan), w) in self
            .cases
            .iter()
            .zip(&self.plan.plans)
            .zip(&self.plan.weights)
        {
            for (o, g) in out
                .iter_mut()
                .zip(super::compare::gross_by_region(case, plan))
            {
                *o += w * g;
            }
        }
        out.into_iter().map(round6).collect()
    }
}

/// A sweep of a robust case (`cases[ω]` the case of variant ω): at every value the
/// parameter is applied to every variant's case and the robust plan solved; a point's
/// mismatch is E, its do-nothing mismatch, costs and shadow price the π-weighted means
/// over the variants. The knee is found on E as on a plain sweep's mismatch.
pub fn sweep(
    cases: &[Case],
    parameter: Parameter,
    values: &[f64],
    options: &SolveOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Sweep> {
    let (points, knee) =
        super::sweep::solve_points(parameter, values, on_done, &|index, value| {
            let point_cases: Vec<Case> = cases.iter().map(|c| parameter.apply(c, value)).collect();
            crate::pipeline::solve_robust_showing_progress(&point_cases, options, false)
                .map(|plan| robust_point(&point_cases, &plan, index, value))
        })?;
    Ok(Sweep {
        parameter,
        points,
        knee,
        robust: true,
        warnings: cases
            .first()
            .map(|c| c.warnings.clone())
            .unwrap_or_default(),
    })
}

/// One point of a robust sweep: E and the π-weighted means.
fn robust_point(cases: &[Case], plan: &RobustPlan, index: usize, value: f64) -> Point {
    let points: Vec<Point> = cases
        .iter()
        .zip(&plan.plans)
        .map(|(case, p)| super::sweep::evaluate(case, p, index, value))
        .collect();
    let mean = |f: fn(&Point) -> f64| -> f64 {
        points
            .iter()
            .zip(&plan.weights)
            .map(|(p, w)| w * f(p))
            .sum()
    };
    let status = if plan.plans.iter().all(|p| p.status.as_str() == "optimal") {
        "optimal"
    } else {
        "time_limit"
    };
    Point {
        index,
        value,
        budget_eur: points.first().map_or(0.0, |p| p.budget_eur),
        mismatch: plan.expected_mismatch,
        mismatch_do_nothing: mean(|p| p.mismatch_do_nothing),
        gross_cost_eur: mean(|p| p.gross_cost_eur),
        net_cost_eur: mean(|p| p.net_cost_eur),
        shadow_price_per_meur: mean(|p| p.shadow_price_per_meur),
        status: status.to_string(),
    }
}
