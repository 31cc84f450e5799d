//! `restock sweep`: one parameter over a grid of values, every point its own LP, solved
//! in parallel; the mismatch–money curve and its knee.
//!
//! The grid `FROM:TO:STEP` holds `from + i · step` for i = 0, 1, … up to `to`
//! (inclusive, with a tolerance against float drift). Each point clones the validated
//! case, changes one number (every budget × the factor, or the frictional vacancy),
//! builds and solves its own LP, and is evaluated with the same functions as a plan;
//! points share nothing mutable. Results come back in grid order, whatever order the
//! threads finish in.
//!
//! The knee (see [`knee`]) is the point of the (budget, mismatch) curve farthest below
//! the straight line from the first to the last point: beyond it, one more million
//! removes less mismatch than the average million of the swept range.

use std::fmt;

use rayon::prelude::*;

use crate::case::Case;
use crate::metrics;
use crate::numfmt::fmt_num;
use crate::pipeline::solve_case;
use crate::plan::Plan;
use crate::solve::SolveOptions;
use crate::{Error, Result};

use super::file::MAX_FACTOR;

/// The most points one sweep may have.
pub const MAX_POINTS: usize = 1000;

/// Relative tolerance when deciding whether `to` is reached by whole steps.
const GRID_TOLERANCE: f64 = 1e-9;

/// The setting a sweep varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parameter {
    /// A factor on every region's budget in every period (on top of a scenario's own
    /// budget factors).
    BudgetFactor,
    /// settings `friction_vacancy`: the share of demand kept free for moves.
    FrictionVacancy,
}

impl Parameter {
    /// The setting's value in `case` as it is: budget factor 1, or the case's frictional
    /// vacancy (the sweep marks it).
    pub fn current(self, case: &Case) -> f64 {
        match self {
            Parameter::BudgetFactor => 1.0,
            Parameter::FrictionVacancy => case.settings.friction_vacancy,
        }
    }

    /// The column name in sweep.csv and the option name without dashes.
    pub fn column(self) -> &'static str {
        match self {
            Parameter::BudgetFactor => "budget_factor",
            Parameter::FrictionVacancy => "friction_vacancy",
        }
    }

    /// The command-line option that sets the grid.
    pub fn option(self) -> &'static str {
        match self {
            Parameter::BudgetFactor => "--budget-factor",
            Parameter::FrictionVacancy => "--friction",
        }
    }

    /// Checks one value of the grid.
    pub(crate) fn check(self, value: f64) -> std::result::Result<(), String> {
        match self {
            Parameter::BudgetFactor if !(0.0..=MAX_FACTOR).contains(&value) => Err(format!(
                "a budget factor must lie between 0 and {MAX_FACTOR} (1 = the budgets as \
                 they are), got {value}"
            )),
            Parameter::FrictionVacancy if !(0.0..1.0).contains(&value) => Err(format!(
                "friction_vacancy must be ≥ 0 and < 1 (0.02 = 2 %), got {value}"
            )),
            _ => Ok(()),
        }
    }

    /// Sets the parameter to `value` in a copy of `case`.
    pub(crate) fn apply(self, case: &Case, value: f64) -> Case {
        let mut case = case.clone();
        match self {
            Parameter::BudgetFactor => {
                // Every funder's budget too: with funders the model reads those.
                for r in 0..case.regions.len() {
                    case.scale_budget(r, value);
                }
            }
            Parameter::FrictionVacancy => case.settings.friction_vacancy = value,
        }
        case
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.column())
    }
}

/// A grid of values `from, from + step, …` up to `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// The first value.
    pub from: f64,
    /// The last value asked for (reached exactly when `to − from` is a whole number of
    /// steps; otherwise the grid stops at the last step below it).
    pub to: f64,
    /// The distance between two points (> 0).
    pub step: f64,
}

impl Grid {
    /// Parses `FROM:TO:STEP` (`.` as decimal mark; `,` is accepted too) for `parameter`,
    /// checking that the step is positive, `from ≤ to`, every value is valid for the
    /// parameter and there are at most [`MAX_POINTS`] points.
    pub fn parse(text: &str, parameter: Parameter) -> Result<Grid> {
        let option = parameter.option();
        let usage = |why: String| {
            Error::Usage(format!(
                "{option} {text}: {why} (write FROM:TO:STEP, e.g. {option} {})",
                match parameter {
                    Parameter::BudgetFactor => "0.5:1.5:0.1",
                    Parameter::FrictionVacancy => "0.01:0.05:0.005",
                }
            ))
        };
        let parts: Vec<&str> = text.split(':').collect();
        if parts.len() != 3 {
            return Err(usage("three numbers separated by ':' are needed".into()));
        }
        let mut nums = [0.0; 3];
        for (slot, part) in nums.iter_mut().zip(&parts) {
            let cleaned = part.trim().replace(',', ".");
            *slot = cleaned
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| usage(format!("'{part}' is not a number")))?;
        }
        let grid = Grid {
            from: nums[0],
            to: nums[1],
            step: nums[2],
        };
        if grid.step <= 0.0 {
            return Err(usage(format!("the step must be > 0, got {}", grid.step)));
        }
        if grid.from > grid.to {
            return Err(usage(format!(
                "FROM ({}) is larger than TO ({})",
                grid.from, grid.to
            )));
        }
        let span = (grid.to - grid.from) / grid.step;
        if span + 1.0 > MAX_POINTS as f64 {
            return Err(usage(format!(
                "that is {} points, more than {MAX_POINTS}: choose a larger step",
                (span.floor() + 1.0) as u64
            )));
        }
        for value in [grid.from, grid.values().last().copied().unwrap_or(grid.to)] {
            parameter.check(value).map_err(usage)?;
        }
        Ok(grid)
    }

    /// The number of points: ⌊(to − from) / step⌋ + 1, where a quotient within 1e-9 of a
    /// whole number counts as that whole number (so `0:1:0.1` has 11 points).
    pub fn len(&self) -> usize {
        let span = (self.to - self.from) / self.step;
        let whole = span.round();
        let n = if (span - whole).abs() <= GRID_TOLERANCE * whole.max(1.0) {
            whole
        } else {
            span.floor()
        };
        n.max(0.0) as usize + 1
    }

    /// Whether the grid has no points (never: it always holds `from`).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The values `from + i · step`, rounded to 12 decimals to drop float noise.
    pub fn values(&self) -> Vec<f64> {
        (0..self.len())
            .map(|i| {
                let v = self.from + i as f64 * self.step;
                (v * 1e12).round() / 1e12
            })
            .collect()
    }
}

pub use crate::report::sweep_page::SweepPoint as Point;

/// A finished sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    /// What was varied.
    pub parameter: Parameter,
    /// The points in grid order.
    pub points: Vec<Point>,
    /// The index of the knee (budget sweeps with at least three points on a falling
    /// curve only).
    pub knee: Option<usize>,
    /// A sweep of a robust case (spec v2 §6b): every point's mismatch is E, its other
    /// figures π-weighted means over the variants.
    pub robust: bool,
    /// The warnings found while reading the swept case (the terminal shows them).
    pub warnings: Vec<crate::Warning>,
}

impl Sweep {
    /// Mismatch removed per extra million euros since the previous point
    /// (`None` for the first point and where the budget did not grow).
    pub fn reduction_per_meur(&self, i: usize) -> Option<f64> {
        let (a, b) = (self.points.get(i.checked_sub(1)?)?, self.points.get(i)?);
        let meur = (b.budget_eur - a.budget_eur) / 1e6;
        (meur > 1e-9).then(|| (a.mismatch - b.mismatch) / meur)
    }

    /// Mismatch removed per extra million euros on average up to the knee and beyond it:
    /// what the knee means in numbers. `None` without a knee.
    pub fn knee_slopes(&self) -> Option<(f64, f64)> {
        let k = self.knee?;
        let (first, knee, last) = (
            self.points.first()?,
            self.points.get(k)?,
            self.points.last()?,
        );
        let slope = |a: &Point, b: &Point| {
            let meur = (b.budget_eur - a.budget_eur) / 1e6;
            (a.mismatch - b.mismatch) / meur
        };
        Some((slope(first, knee), slope(knee, last)))
    }
}

/// Solves `case` at every value of `values` for `parameter`, in parallel on the current
/// rayon pool; `on_done` is called once per finished point (for a progress bar).
/// Fails with the first failing point (in grid order), naming it.
pub fn run(
    case: &Case,
    parameter: Parameter,
    values: &[f64],
    options: &SolveOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Sweep> {
    let (points, knee) = solve_points(parameter, values, on_done, &|index, value| {
        let point_case = parameter.apply(case, value);
        solve_case(&point_case, options).map(|plan| evaluate(&point_case, &plan, index, value))
    })?;
    Ok(Sweep {
        parameter,
        points,
        knee,
        robust: false,
        warnings: case.warnings.clone(),
    })
}

/// Checks every value, solves every point with `solve_point` (given its index and value)
/// in parallel on the current rayon pool, calling `on_done` once per finished point, and
/// finds the knee of a budget sweep. Fails with the first failing point (in grid order),
/// naming it.
pub(crate) fn solve_points(
    parameter: Parameter,
    values: &[f64],
    on_done: &(dyn Fn() + Sync),
    solve_point: &(dyn Fn(usize, f64) -> Result<Point> + Sync),
) -> Result<(Vec<Point>, Option<usize>)> {
    for &v in values {
        parameter.check(v).map_err(Error::Usage)?;
    }
    let results: Vec<Result<Point>> = values
        .par_iter()
        .enumerate()
        .map(|(index, &value)| {
            let result = solve_point(index, value).map_err(|e| match e {
                Error::Solve(m) => {
                    Error::Solve(format!("point {} ({parameter} = {value}): {m}", index + 1))
                }
                other => other,
            });
            on_done();
            result
        })
        .collect();
    let points = results.into_iter().collect::<Result<Vec<Point>>>()?;
    let knee = match parameter {
        Parameter::BudgetFactor => {
            let xs: Vec<f64> = points.iter().map(|p| p.budget_eur).collect();
            let ys: Vec<f64> = points.iter().map(|p| p.mismatch).collect();
            knee(&xs, &ys)
        }
        Parameter::FrictionVacancy => None,
    };
    Ok((points, knee))
}

/// The key figures of one solved point.
pub(crate) fn evaluate(case: &Case, plan: &Plan, index: usize, value: f64) -> Point {
    let budget_eur: f64 = case.budget_eur.iter().flatten().sum();
    let weighted: f64 = case
        .budget_eur
        .iter()
        .flatten()
        .zip(plan.budget_shadow_price.iter().flatten())
        .map(|(b, price)| b * price)
        .sum();
    let prices: Vec<f64> = plan.budget_shadow_price.iter().flatten().copied().collect();
    let shadow_price_per_meur = if budget_eur > 0.0 {
        weighted / budget_eur
    } else if prices.is_empty() {
        0.0
    } else {
        prices.iter().sum::<f64>() / prices.len() as f64
    };
    Point {
        index,
        value,
        budget_eur,
        mismatch: metrics::mismatch(case, &metrics::plan_path(case, plan)),
        mismatch_do_nothing: metrics::mismatch(case, &metrics::do_nothing_path(case)),
        gross_cost_eur: metrics::gross_cost_eur(case, plan),
        net_cost_eur: metrics::spend_eur(case, plan).iter().flatten().sum(),
        shadow_price_per_meur,
        status: plan.status.as_str().to_string(),
    }
}

/// The knee of a falling curve y(x), after the "Kneedle" idea: scale both axes to 0…1
/// over the points, draw the straight line from the first point to the last, and take
/// the point farthest below it. For a convex falling curve (the mismatch as a function of
/// the budget is one) that is where the curve's slope equals the line's: beyond it, one
/// more unit of x removes less y than the average unit over the whole range.
///
/// `None` with fewer than three points, when x does not grow, when y does not fall by
/// more than 1e-9 relatively, or when no point lies more than 1 % of the range below the
/// line (an almost straight curve has no knee). Ties go to the first point.
///
/// And the curve must really bend there ([`KNEE_RATIO`]): up to the knee one unit of x
/// must remove on average at least twice as much y as one unit beyond it. A gently
/// curving line has no knee, however far its middle lies below the straight line.
pub fn knee(xs: &[f64], ys: &[f64]) -> Option<usize> {
    let n = xs.len().min(ys.len());
    if n < 3 {
        return None;
    }
    let (x0, x1) = (xs[0], xs[n - 1]);
    let (y0, y1) = (ys[0], ys[n - 1]);
    if x1 - x0 <= 0.0 || y0 - y1 <= 1e-9 * y0.abs().max(1.0) {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 1..n - 1 {
        let xn = (xs[i] - x0) / (x1 - x0);
        let yn = (ys[i] - y1) / (y0 - y1);
        let below = (1.0 - xn) - yn;
        if best.is_none_or(|(_, d)| below > d + 1e-12) {
            best = Some((i, below));
        }
    }
    let (k, _) = best.filter(|(_, d)| *d > 0.01)?;
    let before = (ys[0] - ys[k]) / (xs[k] - x0);
    let after = (ys[k] - y1) / (x1 - xs[k]);
    (before >= KNEE_RATIO * after).then_some(k)
}

/// How much steeper the curve must be before its knee than after it: the mean
/// reduction per unit of x up to the knee is at least this many times the mean
/// reduction beyond it.
pub const KNEE_RATIO: f64 = 2.0;

/// The header of sweep.csv for `parameter`.
pub fn csv_header(parameter: Parameter) -> Vec<&'static str> {
    vec![
        "point",
        parameter.column(),
        "budget_eur",
        "mismatch",
        "mismatch_do_nothing",
        "gross_cost_eur",
        "net_cost_eur",
        "shadow_price_per_meur",
        "reduction_per_meur",
        "knee",
        "status",
    ]
}

/// The rows of sweep.csv, in grid order (points numbered from 1).
pub fn csv_rows(sweep: &Sweep) -> Vec<Vec<String>> {
    sweep
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (p.index + 1).to_string(),
                fmt_num(p.value),
                fmt_num(p.budget_eur),
                fmt_num(p.mismatch),
                fmt_num(p.mismatch_do_nothing),
                fmt_num(p.gross_cost_eur),
                fmt_num(p.net_cost_eur),
                fmt_num(p.shadow_price_per_meur),
                sweep.reduction_per_meur(i).map(fmt_num).unwrap_or_default(),
                (sweep.knee == Some(i)).to_string(),
                p.status.clone(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Result<Grid> {
        Grid::parse(text, Parameter::BudgetFactor)
    }

    #[test]
    fn grids_include_the_end_without_drift() {
        let g = grid("0:1:0.1").unwrap();
        assert_eq!(g.len(), 11);
        let v = g.values();
        assert_eq!(v[3], 0.3);
        assert_eq!(v[10], 1.0);
        assert_eq!(grid("0.5:0.5:0.1").unwrap().values(), vec![0.5]);
        // 1 is not reached by steps of 0.3: the grid stops at 0.9.
        assert_eq!(grid("0:1:0.3").unwrap().values(), vec![0.0, 0.3, 0.6, 0.9]);
        assert_eq!(grid("0,5:1,5:0,5").unwrap().values(), vec![0.5, 1.0, 1.5]);
    }

    #[test]
    fn bad_grids_are_usage_errors() {
        for bad in [
            "0:1",
            "0:1:0",
            "0:1:-0.1",
            "1:0:0.1",
            "0:1:x",
            "0:10:0.001",
            "-1:1:0.5",
            "0:11:1",
        ] {
            match grid(bad) {
                Err(Error::Usage(m)) => assert!(m.contains("--budget-factor"), "{bad}: {m}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
        assert!(Grid::parse("0.01:1:0.01", Parameter::FrictionVacancy).is_err());
        assert_eq!(
            Grid::parse("0.01:0.05:0.01", Parameter::FrictionVacancy)
                .unwrap()
                .len(),
            5
        );
    }

    #[test]
    fn knee_of_a_convex_falling_curve() {
        // Steep until x = 2, then flat: the knee is at x = 2.
        let xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0];
        let ys = [100.0, 50.0, 10.0, 8.0, 6.0, 5.0];
        assert_eq!(knee(&xs, &ys), Some(2));
    }

    #[test]
    fn no_knee_on_lines_flat_curves_or_short_sweeps() {
        let xs = [0.0, 1.0, 2.0, 3.0];
        assert_eq!(knee(&xs, &[30.0, 20.0, 10.0, 0.0]), None);
        assert_eq!(knee(&xs, &[5.0, 5.0, 5.0, 5.0]), None);
        assert_eq!(knee(&xs[..2], &[5.0, 1.0]), None);
        assert_eq!(knee(&[1.0, 1.0, 1.0], &[3.0, 2.0, 1.0]), None);
        // A gentle bend, 12 % of the range below the line at x = 5: 14.9 per unit before,
        // 8.4 after — less than twice as steep, so no knee.
        let gentle = [100.0, 82.9, 66.8, 51.8, 37.9, 25.3, 14.4, 5.4, 0.0];
        let xs9: Vec<f64> = (0..9).map(f64::from).collect();
        assert_eq!(knee(&xs9, &gentle), None);
    }
}
