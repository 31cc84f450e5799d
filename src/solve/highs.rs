//! HiGHS, driven through its own model (taken from good_lp after the rows are added), so
//! that its status, MIP gap and row duals can be read directly. An LP's two stages share
//! one instance: stage 2 continues from stage 1's optimal basis, and the decomposition
//! can move stage 2's cap and solve again warm ([`Movable`]). The calls of HiGHS's C API
//! that this needs are in [`super::highs_ffi`].

use std::collections::BTreeMap;
use std::time::Instant;

use good_lp::{IntoAffineExpression, ProblemVariables, SolverModel};
use highs_sys::HighsInt;

use super::highs_ffi::{self, MipState, Watch};
use super::stages::{fill_plan, StageResult, TwoStages};
use super::warm::{Basis, Slot, Stage};
use super::{MipProgress, SolveOptions, Stage2Slack, StageFacts};
use crate::model::{self, Lp};
use crate::plan::Plan;
use crate::{Error, Result};

/// One stage as its own HiGHS model; a MIP starts from `start` when given.
pub(super) fn run(
    problem: good_lp::variable::UnsolvedProblem,
    rows: Vec<good_lp::Constraint>,
    start: Option<&[f64]>,
    options: &SolveOptions,
    stage: u8,
) -> Result<StageResult> {
    let mut model = load(problem, rows, options, stage)?;
    if options.integer {
        if let Some(start) = start {
            // A rejected start only costs the head start, never correctness.
            let _ = model.try_set_solution(Some(start), None, None, None);
        }
    }
    let solved = solve(model, stage)?;
    stage_result(&solved, options, stage)
}

/// A HiGHS time limit is never set below this many seconds (0 would mean none).
const MIN_TIME_LIMIT: f64 = 1e-3;

/// One stage of `--integer` as a MIP: starts from `start`, stops at `until` (the time
/// limit is set after the model is loaded, so that loading counts against it too), tells
/// `options.progress` of its best plan and gap, and stops early when Ctrl-C asks
/// ([`crate::interrupt`]). `Ok(None)` when it stopped (time, interrupt) before HiGHS held
/// any feasible plan, not even the start: the caller keeps its own plan then.
pub(super) fn run_mip(
    problem: good_lp::variable::UnsolvedProblem,
    rows: Vec<good_lp::Constraint>,
    start: &[f64],
    options: &SolveOptions,
    stage: u8,
    until: Option<Instant>,
) -> Result<Option<StageResult>> {
    let mut model = load(problem, rows, options, stage)?;
    if let Some(until) = until {
        let seconds = until
            .saturating_duration_since(Instant::now())
            .as_secs_f64()
            .max(MIN_TIME_LIMIT);
        model
            .try_set_option("time_limit", seconds)
            .map_err(|_| Error::Solve(format!("HiGHS refused option time_limit = {seconds}")))?;
    }
    // A rejected start only costs the head start, never correctness.
    let _ = model.try_set_solution(Some(start), None, None, None);
    let report = |state: MipState| {
        options.progress.tell(MipProgress::Stage {
            stage,
            objective: state.objective,
            gap: state.gap,
        })
    };
    let stop = crate::interrupt::requested;
    let watch = Watch {
        report: &report,
        stop: &stop,
    };
    let solved = highs_ffi::solve_watched(model, &watch).map_err(|e| solve_error(e, stage))?;
    use highs::HighsModelStatus as S;
    let feasible = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    if !feasible && matches!(solved.status(), S::ReachedTimeLimit | S::ReachedInterrupt) {
        return Ok(None);
    }
    stage_result(&solved, options, stage).map(Some)
}

/// Both stages of an LP in one HiGHS instance. After stage 1 the objective is replaced
/// by the gross cost and the cap on Z1 is added as a row; HiGHS keeps stage 1's optimal
/// basis (the new row's slack enters it), which is still feasible, so stage 2 continues
/// with the primal simplex from there instead of starting again. The variables and rows
/// are moved out of `lp` into HiGHS, not copied.
///
/// With `options.warm`, each stage starts from that stage's optimal basis of the last
/// solve of the same model, when one is kept ([`super::WarmStarts`]), and both stages'
/// optimal bases are kept for the next. Stage 2 from the kept stage-2 basis (set after
/// the cap row is added) was measured against continuing from this solve's stage-1
/// basis: it takes a tenth of the pivots on nederland (docs/performance.md).
pub(super) fn two_stages(
    lp: &mut Lp,
    slack: Stage2Slack,
    options: &SolveOptions,
) -> Result<TwoStages> {
    let clock = Instant::now();
    let variables = std::mem::replace(&mut lp.variables, ProblemVariables::new());
    let column: std::collections::HashMap<good_lp::Variable, usize> = variables
        .iter_variables_with_def()
        .enumerate()
        .map(|(i, (var, _))| (var, i))
        .collect();
    let problem = variables.minimise(lp.mismatch.clone());
    let slot = options.warm.as_ref().map(|warm| {
        let keys: Vec<_> = lp.rows.iter().map(|(key, _)| *key).collect();
        warm.slot(column.len(), &keys)
    });
    let rows = std::mem::take(&mut lp.rows)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let model = load(problem, rows, options, 1)?;
    let solved = solve_warm(model, Stage::One, slot.as_ref())?;
    let stage1 = stage_result(&solved, options, 1)?;
    let stage1_seconds = clock.elapsed().as_secs_f64();

    let clock = Instant::now();
    let mut cost = vec![0.0; column.len()];
    for (var, a) in (&lp.gross_cost_meur).linear_coefficients() {
        cost[column[&var]] += a;
    }
    let (index, value): (Vec<HighsInt>, Vec<f64>) = (&lp.mismatch)
        .linear_coefficients()
        .map(|(var, a)| (column[&var] as HighsInt, a))
        .unzip();
    let upper = slack.cap(stage1.objective) - lp.mismatch.constant();
    let mut model: highs::Model = solved.into();
    if !(highs_ffi::set_costs(&mut model, &cost)
        && highs_ffi::add_row(&mut model, upper, &index, &value))
    {
        return Err(Error::Solve(
            "HiGHS refused stage 2's objective or its cap on the mismatch; check the input \
             for extreme values, or try --solver clarabel"
                .into(),
        ));
    }
    if let Some(limit) = options.time_limit {
        // One limit for the whole solve: stage 2 gets what stage 1 left.
        let left = (limit - stage1_seconds).max(MIN_TIME_LIMIT);
        model
            .try_set_option("time_limit", left)
            .map_err(|_| Error::Solve(format!("HiGHS refused option time_limit = {left}")))?;
    }
    // Without a kept stage-2 basis stage 2 starts from stage 1's, as always.
    let solved = solve_warm(model, Stage::Two, slot.as_ref())?;
    let stage2 = stage_result(&solved, options, 2)?;
    let stage2_seconds = clock.elapsed().as_secs_f64();
    let live = LiveCap {
        model: solved.into(),
        row: (stage2.duals.len() - 1) as HighsInt,
        offset: lp.mismatch.constant(),
        slot,
    };
    Ok(TwoStages {
        stage1,
        stage2,
        seconds: [stage1_seconds, stage2_seconds],
        live: Some(live),
    })
}

/// Gives the model `stage`'s kept basis of `slot`: `Some(true)` when HiGHS took it,
/// `Some(false)` when it was refused, `None` when none is kept. Without one, stage 1
/// solves from scratch and stage 2 from stage 1's basis.
fn start_from(slot: &Slot, stage: Stage, model: &mut highs::Model) -> Option<bool> {
    let basis = slot.basis(stage)?;
    Some(highs_ffi::set_basis(model, &basis.cols, &basis.rows))
}

/// Solves `model` as `stage`: from that stage's kept basis when `slot` has one, keeping
/// the optimal basis it reaches (no slot: a plain solve).
fn solve_warm(
    mut model: highs::Model,
    stage: Stage,
    slot: Option<&Slot>,
) -> Result<highs::SolvedModel> {
    let started = slot.map(|s| start_from(s, stage, &mut model));
    let solved = solve(model, stage.number())?;
    if let Some(slot) = slot {
        slot.count(started.flatten());
        finish_warm(slot, stage, &solved);
    }
    Ok(solved)
}

/// Counts a warm solve's simplex iterations and keeps its optimal basis as `stage`'s.
fn finish_warm(slot: &Slot, stage: Stage, solved: &highs::SolvedModel) {
    slot.add_iterations(highs_ffi::simplex_iterations(solved));
    let optimal = solved.status() == highs::HighsModelStatus::Optimal;
    if let (true, Some((cols, rows))) = (optimal, highs_ffi::get_basis(solved)) {
        slot.keep(stage, Basis { cols, rows });
    }
}

/// A solved HiGHS model whose stage-2 cap can be moved and the stage solved again from
/// its last basis (a few pivots instead of a whole solve).
pub(super) struct LiveCap {
    model: highs::Model,
    /// The cap's row.
    row: HighsInt,
    /// The constant of Z1 (the row holds Z1 without it).
    offset: f64,
    /// Where the model's stage-2 basis is kept after each solve, when warm.
    slot: Option<Slot>,
}

impl LiveCap {
    /// Stage 2 again with its cap at `cap` (absolute, the constant of Z1 included), from
    /// the last basis.
    pub(super) fn solve_with_cap(
        &mut self,
        cap: f64,
        options: &SolveOptions,
    ) -> Result<StageResult> {
        if !highs_ffi::set_row_upper(&mut self.model, self.row, cap - self.offset) {
            return Err(Error::Solve(
                "HiGHS refused to move stage 2's cap on the mismatch".into(),
            ));
        }
        let model = std::mem::replace(
            &mut self.model,
            highs::Model::new(highs::RowProblem::default()),
        );
        let solved = solve(model, 2)?;
        if let Some(slot) = &self.slot {
            // The model's own last basis: neither a kept one nor from scratch.
            finish_warm(slot, Stage::Two, &solved);
        }
        let stage2 = stage_result(&solved, options, 2)?;
        self.model = solved.into();
        Ok(stage2)
    }
}

/// A solved case whose cap can be moved: the live model and what turns its values into
/// a plan (see [`super::MovableCap`]).
pub(super) struct Movable {
    pub(super) live: LiveCap,
    /// The plan as solved, whose actions and stock a new cap replaces.
    pub(super) plan: Plan,
    pub(super) vars: model::Vars,
    pub(super) options: SolveOptions,
}

impl Movable {
    /// Stage 2 again with the cap on Z1 at `cap` weighted dwelling-years (absolute).
    pub(super) fn solve_with_cap(&mut self, cap: f64) -> Result<(Plan, StageFacts)> {
        let clock = Instant::now();
        let stage2 = self.live.solve_with_cap(cap, &self.options)?;
        let facts = StageFacts {
            cap,
            cap_value: stage2.cap_value(),
            gross_cost_meur: stage2.objective,
        };
        let mut plan = self.plan.clone();
        fill_plan(&mut plan, &self.vars, &stage2.values);
        plan.timings =
            BTreeMap::from([("solve_stage2".to_string(), clock.elapsed().as_secs_f64())]);
        Ok((plan, facts))
    }
}

/// Loads the problem and its rows into a HiGHS model, quiet, with the options set.
fn load(
    problem: good_lp::variable::UnsolvedProblem,
    rows: Vec<good_lp::Constraint>,
    options: &SolveOptions,
    stage: u8,
) -> Result<highs::Model> {
    let mut highs_problem = problem.using(good_lp::solvers::highs::highs);
    for row in rows {
        highs_problem.add_constraint(row);
    }
    let mut model = highs_problem.try_into_inner().map_err(|e| {
        Error::Solve(format!(
            "HiGHS could not load the stage-{stage} model ({e}); \
             check the input for extreme values"
        ))
    })?;
    model.make_quiet();
    if std::env::var_os("RESTOCK_HIGHS_LOG").is_some() {
        let _ = model.try_set_option("output_flag", true);
        let _ = model.try_set_option("log_to_console", true);
    }
    let set = |model: &mut highs::Model, name: &str, value: f64| {
        model
            .try_set_option(name, value)
            .map_err(|_| Error::Solve(format!("HiGHS refused option {name} = {value}")))
    };
    if options.integer {
        set(&mut model, "mip_rel_gap", options.mip_gap)?;
    }
    if let Some(limit) = options.time_limit {
        set(&mut model, "time_limit", limit)?;
    }
    Ok(model)
}

fn solve(model: highs::Model, stage: u8) -> Result<highs::SolvedModel> {
    model.try_solve().map_err(|e| solve_error(e, stage))
}

fn solve_error(e: highs::HighsStatus, stage: u8) -> Error {
    Error::Solve(format!(
        "HiGHS failed in stage {stage} ({e:?}); check the input for extreme values, \
         try --solver clarabel, or report the case"
    ))
}

/// The stage's outcome in plain numbers, or the error its status stands for.
fn stage_result(
    solved: &highs::SolvedModel,
    options: &SolveOptions,
    stage: u8,
) -> Result<StageResult> {
    let status = solved.status();
    let feasible = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let time_limited = outcome(status, feasible, stage, options.time_limit)?;
    let mip_gap = options.integer.then(|| solved.mip_gap());
    let objective = solved.objective_value();
    let solution = solved.get_solution();
    Ok(StageResult {
        values: solution.columns().to_vec(),
        duals: solution.dual_rows().to_vec(),
        objective,
        time_limited,
        mip_gap,
    })
}

/// What HiGHS's model status after a stage means: `Ok(true)` when the stage stopped
/// early (time or iteration limit, interrupt) with a feasible plan, `Ok(false)` when it
/// is optimal, and otherwise the error to report, saying what happened and what to try.
/// `feasible` is whether HiGHS holds a primal feasible solution.
fn outcome(
    status: highs::HighsModelStatus,
    feasible: bool,
    stage: u8,
    time_limit: Option<f64>,
) -> Result<bool> {
    use highs::HighsModelStatus as S;
    let limit = || match time_limit {
        Some(t) => format!("the time limit of {t} s (--time-limit)"),
        None => "the time limit".to_string(),
    };
    match status {
        S::Optimal if feasible => Ok(false),
        S::ReachedTimeLimit | S::ReachedIterationLimit | S::ReachedInterrupt if feasible => {
            Ok(true)
        }
        S::ReachedTimeLimit => Err(Error::Solve(format!(
            "{} ran out in stage {stage} before HiGHS found a feasible plan, so there is \
             no plan to write; allow more time with a larger --time-limit, or leave it out",
            limit()
        ))),
        S::ReachedIterationLimit | S::ReachedInterrupt => Err(Error::Solve(format!(
            "HiGHS stopped in stage {stage} ({status:?}) before it found a feasible plan; \
             try --solver clarabel, or report the case"
        ))),
        S::Infeasible | S::UnboundedOrInfeasible => Err(Error::Solve(format!(
            "stage {stage} is infeasible. Every constraint of the model can be met by \
             doing nothing, so this points to a numerical problem; check for extreme \
             values in the input or try --solver clarabel"
        ))),
        S::Unbounded => Err(Error::Solve(format!(
            "stage {stage} is unbounded. Mismatch and gross cost cannot fall below zero, \
             so this points to a numerical problem; check for extreme values in the input \
             or try --solver clarabel"
        ))),
        S::Optimal => Err(Error::Solve(format!(
            "HiGHS reported stage {stage} optimal without a feasible solution (numerical \
             trouble); check for extreme values in the input or try --solver clarabel"
        ))),
        other => Err(Error::Solve(format!(
            "HiGHS ended stage {stage} with status {other:?} instead of an optimal plan; \
             check for extreme values in the input, try --solver clarabel, or report the \
             case"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::tests::assert_solve_error;

    #[test]
    fn highs_status_mapping() {
        use highs::HighsModelStatus as S;
        assert!(!outcome(S::Optimal, true, 1, None).unwrap());
        for s in [
            S::ReachedTimeLimit,
            S::ReachedIterationLimit,
            S::ReachedInterrupt,
        ] {
            assert!(outcome(s, true, 2, Some(5.0)).unwrap(), "{s:?}");
        }
        assert_solve_error(
            outcome(S::ReachedTimeLimit, false, 1, Some(0.5)),
            &["time limit of 0.5 s", "stage 1", "--time-limit"],
        );
        assert_solve_error(
            outcome(S::ReachedIterationLimit, false, 2, None),
            &["stage 2", "ReachedIterationLimit", "try --solver clarabel"],
        );
        assert_solve_error(
            outcome(S::Optimal, false, 1, None),
            &["numerical", "try --solver clarabel"],
        );
        for s in [S::Infeasible, S::UnboundedOrInfeasible] {
            assert_solve_error(outcome(s, false, 1, None), &["infeasible", "try"]);
        }
        assert_solve_error(
            outcome(S::Unbounded, false, 2, None),
            &["unbounded", "try --solver clarabel"],
        );
        for s in [
            S::NotSet,
            S::LoadError,
            S::ModelError,
            S::PresolveError,
            S::SolveError,
            S::PostsolveError,
            S::ModelEmpty,
            S::ObjectiveBound,
            S::ObjectiveTarget,
            S::Unknown,
            S::ReachedSolutionLimit,
            S::ReachedMemoryLimit,
        ] {
            // Even with a feasible solution at hand: an unexpected status is never
            // passed off as a plan.
            for feasible in [false, true] {
                assert_solve_error(
                    outcome(s, feasible, 1, None),
                    &[&format!("{s:?}"), "try --solver clarabel"],
                );
            }
        }
    }
}
