//! Solving the LP in two lexicographic stages (spec §6) into a plain [`Plan`].
//!
//! Stage 1 minimises the mismatch Z1. Stage 2 keeps Z1 ≤ Z1* · (1 + 1e-7) + 1e-6 and
//! minimises the gross cost Z2. The budget shadow prices are the duals of C6 in stage 1
//! (for `--integer`, of the LP relaxation of stage 1, since a MIP has no duals).
//!
//! This module holds the options, their checks and the public entry points; each job of
//! a solve has its own file:
//!
//! - `stages`: the two stages, from the case to the plan;
//! - `highs` (with the `highs` feature): HiGHS driven through its own model (taken from
//!   good_lp after the rows are added), so that its status, MIP gap and row duals can be
//!   read directly, and both stages of an LP share one instance; `highs_ffi` holds every
//!   direct call of HiGHS's C API (the only `unsafe` code of restock's solver);
//! - `clarabel`: Clarabel through good_lp's interface;
//! - `shadow`: the budget shadow prices from the duals;
//! - `warm`: the bases kept between solves of `restock serve` ([`WarmStarts`]), from
//!   which a changed budget or cost is solved again warm (HiGHS, LP);
//! - `integer`: `--integer`: the LP relaxation, a whole-dwelling plan rounded from it
//!   (`start`), then stage 1 and stage 2 as MIPs from that plan, within one time limit
//!   for the whole run.
//!
//! The solver always solves the case it is given as one model. Solving region by region
//! (`--by-region`, the regional decomposition) is chosen above it, by
//! [`crate::pipeline::solve_case`]; the decomposition calls [`solve_with_slack`] and
//! [`solve_movable`] per region. Nothing here depends on it.

mod clarabel;
#[cfg(feature = "highs")]
mod highs;
#[cfg(feature = "highs")]
mod highs_ffi;
mod integer;
mod robust;
mod shadow;
mod stages;
mod start;
#[cfg_attr(not(feature = "highs"), allow(dead_code))]
mod warm;

pub use warm::{WarmFacts, WarmStart, WarmStarts, DEFAULT_WARM_BYTES};

use std::sync::Arc;

use crate::case::Case;
use crate::plan::Plan;
use crate::{Error, Result};

/// Relative tolerance on Z1 in stage 2 (spec §6).
pub const STAGE2_RELATIVE_SLACK: f64 = 1e-7;
/// Absolute tolerance on Z1 in stage 2 (spec §6).
pub const STAGE2_ABSOLUTE_SLACK: f64 = 1e-6;
/// The default relative MIP gap for `--integer` (stage 2, the cost): 1e-3, "at most
/// 0.1 % dearer than the best plan". Budgets and costs are estimates far coarser than
/// that, and closing the last tenth of a percent is where a MIP of a few hundred
/// municipalities spends its minutes (docs/performance.md).
pub const DEFAULT_MIP_GAP: f64 = 1e-3;
/// Stage 1 of `--integer` (the fit, the plan's first aim) closes its gap to this, or to
/// `--mip-gap` when that is smaller: a looser fit costs more than it saves (on the
/// example a gap of 1e-3 in stage 1 gave a plan 125 weighted dwelling-years worse and a
/// stage 2 ten times slower), and stage 1 has at most [`STAGE1_TIME_SHARE`] of the limit.
pub const STAGE1_MIP_GAP: f64 = 1e-4;
/// The time limit of a `--integer` run in seconds when `--time-limit` is not given: long
/// enough for the example and the default case to reach the default gap on a small
/// machine, short enough that a planner waits for it (docs/performance.md).
pub const DEFAULT_INTEGER_TIME_LIMIT: f64 = 60.0;
/// Stage 1 of `--integer` may use at most this share of the time limit; stage 2 gets the
/// rest (at least the other half), as it is the stage that needs it.
pub const STAGE1_TIME_SHARE: f64 = 0.5;

/// What a progress line hears while `--integer` runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MipProgress {
    /// Solving the LP relaxation and rounding it into a first whole-dwelling plan.
    Relaxation,
    /// A stage's MIP is running.
    Stage {
        /// 1 (the fit) or 2 (the cost).
        stage: u8,
        /// The best plan's objective so far: weighted dwelling-years in stage 1,
        /// millions of euros in stage 2.
        objective: f64,
        /// The relative gap between the best plan and the best bound.
        gap: f64,
    },
}

/// A function told of the progress of `--integer` (called from the solver's thread,
/// often: it should only store or show what it hears). `None` by default.
#[derive(Clone, Default)]
pub struct ProgressFn(pub Option<Arc<dyn Fn(MipProgress) + Send + Sync>>);

impl std::fmt::Debug for ProgressFn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "ProgressFn(Some(..))"
        } else {
            "ProgressFn(None)"
        })
    }
}

impl ProgressFn {
    /// Tells the function, if any.
    pub fn tell(&self, progress: MipProgress) {
        if let Some(f) = &self.0 {
            f(progress);
        }
    }
}

/// The solver to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SolverChoice {
    /// HiGHS: simplex with exact corner solutions, MIP, duals (needs the `highs` feature).
    #[cfg_attr(feature = "highs", default)]
    Highs,
    /// Clarabel: pure-Rust interior point, duals, no MIP.
    #[cfg_attr(not(feature = "highs"), default)]
    Clarabel,
}

impl SolverChoice {
    /// The name used on the command line and in summary.json.
    pub fn as_str(self) -> &'static str {
        match self {
            SolverChoice::Highs => "highs",
            SolverChoice::Clarabel => "clarabel",
        }
    }
}

/// How to solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Which solver.
    pub solver: SolverChoice,
    /// Whether dem, new and tr are integers (MIP; HiGHS only).
    pub integer: bool,
    /// Relative MIP gap for `integer` (stage 2; stage 1 uses at most
    /// [`STAGE1_MIP_GAP`]).
    pub mip_gap: f64,
    /// Time limit of the whole solve in seconds, if any: the stages share it (stage 1
    /// first, stage 2 gets what is left). `--integer` without one gets
    /// [`DEFAULT_INTEGER_TIME_LIMIT`] ([`SolveOptions::overall_time_limit`]).
    pub time_limit: Option<f64>,
    /// Solve each region on its own, in parallel, and join the plans (`--by-region`, the
    /// regional decomposition). The choice is made above the solver, by
    /// [`crate::pipeline::solve_case`]: [`solve`] itself always solves the whole case.
    pub by_region: bool,
    /// Told of the progress of `--integer` (for a progress line).
    pub progress: ProgressFn,
    /// Start each LP (HiGHS; of `--integer` only its LP relaxation) from the optimal basis of the last solve
    /// of the same model, and keep its own for the next ([`WarmStarts`]; region by
    /// region each region is its own model). Plain plans only: robust mode ignores it.
    /// `None` on the command line: a CLI run always solves from scratch.
    pub warm: Option<WarmStart>,
}

impl SolveOptions {
    /// The time limit of the whole solve: `time_limit`, or for `--integer` without one
    /// [`DEFAULT_INTEGER_TIME_LIMIT`]; `None` for an LP without a limit.
    pub fn overall_time_limit(&self) -> Option<f64> {
        self.time_limit
            .or(self.integer.then_some(DEFAULT_INTEGER_TIME_LIMIT))
    }
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            solver: SolverChoice::default(),
            integer: false,
            mip_gap: DEFAULT_MIP_GAP,
            time_limit: None,
            by_region: false,
            progress: ProgressFn::default(),
            warm: None,
        }
    }
}

/// The tolerance stage 2 allows on Z1: `Z1 ≤ Z1* · (1 + relative) + absolute`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stage2Slack {
    /// Relative part (spec: 1e-7).
    pub relative: f64,
    /// Absolute part in weighted dwelling-years (spec: 1e-6).
    pub absolute: f64,
}

impl Default for Stage2Slack {
    fn default() -> Self {
        Stage2Slack {
            relative: STAGE2_RELATIVE_SLACK,
            absolute: STAGE2_ABSOLUTE_SLACK,
        }
    }
}

impl Stage2Slack {
    /// Stage 2's cap on Z1 for the stage-1 optimum `z1_star`.
    pub fn cap(&self, z1_star: f64) -> f64 {
        z1_star * (1.0 + self.relative) + self.absolute
    }
}

/// Facts of a solve beyond the plan, for the regional decomposition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageFacts {
    /// Stage 2's cap on Z1 (weighted dwelling-years).
    pub cap: f64,
    /// What one more weighted dwelling-year of cap would save in stage 2, in millions
    /// of euros (|dual| of the cap row; 0 when the cap does not bind).
    pub cap_value: f64,
    /// Stage 2's optimum: the gross cost in millions of euros.
    pub gross_cost_meur: f64,
}

/// Solves the whole case as one model: stage 1 (fit), stage 2 (cost), budget shadow
/// prices. `options.by_region` is not read here: solving region by region is
/// [`crate::pipeline::solve_case`]'s choice.
pub fn solve(case: &Case, options: &SolveOptions) -> Result<Plan> {
    solve_with_slack(case, options, Stage2Slack::default()).map(|(plan, _)| plan)
}

/// Solves the whole case as one model, as [`solve`] does, with stage 2's tolerance on Z1
/// given; returns the cap and its value besides the plan.
pub fn solve_with_slack(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts)> {
    solve_movable(case, options, slack).map(|(plan, facts, _)| (plan, facts))
}

/// Solves the case as [`solve_with_slack`] does and keeps the solved model, so that its
/// cap can be moved ([`MovableCap::solve_with_cap`]). `None` for the model when the solve
/// cannot keep one (Clarabel, `--integer`).
pub fn solve_movable(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts, Option<MovableCap>)> {
    check_options(options)?;
    if options.integer {
        let limit = options
            .overall_time_limit()
            .unwrap_or(DEFAULT_INTEGER_TIME_LIMIT);
        return integer::solve(case, options, slack, limit, limit);
    }
    stages::solve(case, options, slack)
}

/// `--integer` by region: solves the case as [`solve_with_slack`] does within `seconds`
/// (the LP relaxation always runs; what is left goes to the MIPs, and with nothing left
/// the rounded plan of the LP optimum is the plan), with `limit` recorded as the run's
/// time limit. For the regional decomposition, which
/// shares one time limit among the regions.
pub fn solve_integer_within(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
    seconds: f64,
    limit: f64,
) -> Result<(Plan, StageFacts)> {
    check_options(options)?;
    integer::solve(case, options, slack, seconds, limit).map(|(plan, facts, _)| (plan, facts))
}

/// The first whole-dwelling plan of `--integer`, before any MIP: the LP optimum (both
/// stages) with every action rounded down to whole dwellings and repaired so that it
/// meets every constraint (C1–C7) again (see docs/model.md). The plan the MIPs start
/// from; public so that tests can check it on its own.
pub fn whole_dwelling_start(case: &Case, options: &SolveOptions) -> Result<Plan> {
    let options = SolveOptions {
        integer: true,
        ..options.clone()
    };
    check_options(&options)?;
    integer::rounded_plan(case, &options)
}

/// Solves a robust case (spec v2 §6b) as one model: `cases[ω]` is the case read with
/// variant ω of robust.variants, the first carrying the `[robust]` settings. Refuses
/// `--integer` (a usage error).
pub fn solve_robust(cases: &[Case], options: &SolveOptions) -> Result<crate::plan::RobustPlan> {
    if options.integer {
        return Err(Error::Usage(INTEGER_REFUSED.into()));
    }
    check_options(options)?;
    robust::solve(cases, &without_warm(options))
}

/// Solves a robust case as [`solve_robust`] does, with the tolerance of the last stage's
/// cap on E given (`slack`); returns that cap and its value besides the plan, and the
/// solved model when its cap can be moved (criterion "expected" with HiGHS). For the
/// regional decomposition of robust mode. `plans_alone`, when given, are
/// [`crate::plan::RobustPlan::plans_alone`] of an earlier solve of the same cases, which
/// then are not solved again.
pub fn solve_robust_movable(
    cases: &[Case],
    options: &SolveOptions,
    slack: Stage2Slack,
    plans_alone: Option<Vec<Plan>>,
) -> Result<(
    crate::plan::RobustPlan,
    StageFacts,
    Option<MovableRobustCap>,
)> {
    check_options(options)?;
    robust::solve_movable(cases, &without_warm(options), slack, plans_alone)
        .map(|(plan, facts, movable)| (plan, facts, movable.map(MovableRobustCap)))
}

/// A solved robust case whose cap on the expected mismatch E can be moved and the last
/// stage solved again, warm (HiGHS, criterion "expected"): [`MovableCap`] for robust mode.
pub struct MovableRobustCap(robust::Movable);

impl std::fmt::Debug for MovableRobustCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MovableRobustCap").finish_non_exhaustive()
    }
}

impl MovableRobustCap {
    /// The last stage again with the cap on E at `cap` weighted dwelling-years
    /// (absolute); `cases` are the cases the model was solved for.
    pub fn solve_with_cap(
        &mut self,
        cases: &[Case],
        cap: f64,
    ) -> Result<(crate::plan::RobustPlan, StageFacts)> {
        self.0.solve_with_cap(cases, cap)
    }
}

pub use robust::INTEGER_REFUSED;

/// A solved case whose stage-2 cap can be moved and stage 2 solved again, warm, from
/// where it ended (HiGHS, LP only). For the regional decomposition, which tries several
/// caps on one region. Without the `highs` feature there is never one.
pub struct MovableCap(MovableModel);

#[cfg(feature = "highs")]
type MovableModel = highs::Movable;
#[cfg(not(feature = "highs"))]
type MovableModel = std::convert::Infallible;

impl std::fmt::Debug for MovableCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MovableCap").finish_non_exhaustive()
    }
}

impl MovableCap {
    /// Stage 2 again with the cap on Z1 at `cap` weighted dwelling-years (absolute).
    pub fn solve_with_cap(&mut self, cap: f64) -> Result<(Plan, StageFacts)> {
        #[cfg(feature = "highs")]
        return self.0.solve_with_cap(cap);
        #[cfg(not(feature = "highs"))]
        {
            let _ = cap;
            match self.0 {}
        }
    }
}

/// The options without warm starts: robust mode never warm-starts (its variants' plain
/// solves would share one model's name; only plain plans keep bases).
fn without_warm(options: &SolveOptions) -> SolveOptions {
    SolveOptions {
        warm: None,
        ..options.clone()
    }
}

/// Checks the flag values before anything is built: `--integer` needs a MIP solver,
/// the MIP gap is a number ≥ 0 and a time limit a number of seconds > 0.
fn check_options(options: &SolveOptions) -> Result<()> {
    if options.integer && options.solver == SolverChoice::Clarabel {
        return Err(Error::Usage(
            "--integer needs a MIP solver: Clarabel solves only LPs; use --solver highs".into(),
        ));
    }
    if !(options.mip_gap.is_finite() && options.mip_gap >= 0.0) {
        return Err(Error::Usage(format!(
            "--mip-gap must be a number ≥ 0, got {}",
            options.mip_gap
        )));
    }
    if let Some(limit) = options.time_limit {
        // NaN is refused too: no solver would treat it as a limit.
        if limit.is_nan() || limit <= 0.0 {
            return Err(Error::Usage(format!(
                "--time-limit must be a number of seconds > 0, got {limit}"
            )));
        }
    }
    Ok(())
}

/// The error for `--solver highs` in a build without HiGHS.
#[cfg(not(feature = "highs"))]
fn without_highs() -> Error {
    Error::Usage(
        "this restock was built without HiGHS (cargo feature `highs`); use --solver clarabel"
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error that ends the run with exit 1 and a message naming `words`.
    #[track_caller]
    pub(super) fn assert_solve_error(result: Result<bool>, words: &[&str]) {
        match result {
            Err(e @ Error::Solve(_)) => {
                assert_eq!(e.exit_code(), 1);
                let message = e.to_string();
                for w in words {
                    assert!(message.contains(w), "{message:?} lacks {w:?}");
                }
            }
            other => panic!("expected a solver error, got {other:?}"),
        }
    }

    #[test]
    fn time_limit_must_be_positive() {
        let case = crate::case::Case {
            name: String::new(),
            settings: crate::case::Settings {
                base_year: 2020,
                milestones: vec![2021],
                households_variant: "base".into(),
                friction_vacancy: 0.0,
                max_removal_share_per_year: 0.0,
                max_new_build_share_per_year: 0.0,
                weight_surplus: 1.0,
                surplus_tiers: crate::case::Settings::default_tiers(),
                weight_shortage: 1.0,
                budget_carry_over: false,
                title: None,
                subtitle: None,
                robust: None,
            },
            municipalities: vec![],
            regions: vec![],
            segments: vec![],
            transformations: vec![],
            periods: vec![],
            mode: crate::case::Mode::Total,
            stock0: vec![],
            households: vec![],
            demand_shares: None,
            costs: vec![],
            budget_eur: vec![],
            funders: crate::case::Funders::default(),
            inputs_sha256: String::new(),
            warnings: vec![],
        };
        for limit in [0.0, -1.0, f64::NAN, f64::NEG_INFINITY] {
            let options = SolveOptions {
                solver: SolverChoice::Clarabel,
                time_limit: Some(limit),
                ..SolveOptions::default()
            };
            match solve(&case, &options) {
                Err(e @ Error::Usage(_)) => {
                    assert_eq!(e.exit_code(), 2);
                    assert!(e.to_string().contains("--time-limit"), "{e}");
                }
                other => panic!("time limit {limit}: expected a usage error, got {other:?}"),
            }
        }
    }
}
