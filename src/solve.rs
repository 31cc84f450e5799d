//! Solving the LP in two lexicographic stages (spec §6) into a plain [`Plan`].
//!
//! Stage 1 minimises the mismatch Z1. Stage 2 keeps Z1 ≤ Z1* · (1 + 1e-7) + 1e-6 and
//! minimises the gross cost Z2. The budget shadow prices are the duals of C6 in stage 1
//! (for `--integer`, of the LP relaxation of stage 1, since a MIP has no duals).
//!
//! HiGHS is driven through its own model (taken from good_lp after the rows are added),
//! so that its status, MIP gap and row duals can be read directly; Clarabel through
//! good_lp's interface.

use std::collections::BTreeMap;
use std::time::Instant;

use good_lp::{Expression, ProblemVariables, SolverModel};

use crate::case::Case;
use crate::model::{self, Col, Family, Lp, RowKey};
use crate::plan::{Plan, PlanStatus};
use crate::{Error, Result};

/// Relative tolerance on Z1 in stage 2 (spec §6).
pub const STAGE2_RELATIVE_SLACK: f64 = 1e-7;
/// Absolute tolerance on Z1 in stage 2 (spec §6).
pub const STAGE2_ABSOLUTE_SLACK: f64 = 1e-6;
/// The default relative MIP gap for `--integer`.
pub const DEFAULT_MIP_GAP: f64 = 1e-4;

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
    /// Relative MIP gap for `integer`.
    pub mip_gap: f64,
    /// Time limit per stage in seconds, if any.
    pub time_limit: Option<f64>,
    /// Solve each region on its own, in parallel, and join the plans
    /// (`--by-region`; see [`crate::decompose`]).
    pub by_region: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            solver: SolverChoice::default(),
            integer: false,
            mip_gap: DEFAULT_MIP_GAP,
            time_limit: None,
            by_region: false,
        }
    }
}

/// What one stage's solve returned, in plain numbers.
struct StageResult {
    /// Variable values by good_lp variable index.
    values: Vec<f64>,
    /// Row duals by row index (the rows in the order they were added).
    duals: Vec<f64>,
    /// Objective value.
    objective: f64,
    /// Whether the solve ended at the time limit.
    time_limited: bool,
    /// Relative MIP gap reached (MIP only).
    mip_gap: Option<f64>,
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

/// Solves the case: stage 1 (fit), stage 2 (cost), budget shadow prices. With
/// `options.by_region`, region by region ([`crate::decompose::solve_by_region`]).
pub fn solve(case: &Case, options: &SolveOptions) -> Result<Plan> {
    if options.by_region {
        return crate::decompose::solve_by_region(case, options);
    }
    solve_with_slack(case, options, Stage2Slack::default()).map(|(plan, _)| plan)
}

/// Solves the whole case as one model, as [`solve`] does without `by_region`, with stage
/// 2's tolerance on Z1 given; returns the cap and its value besides the plan.
pub fn solve_with_slack(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts)> {
    solve_inner(case, options, slack).map(|(plan, facts, _)| (plan, facts))
}

/// A solved case whose stage-2 cap can be moved and stage 2 solved again, warm, from
/// where it ended (HiGHS, LP only). For the regional decomposition, which tries several
/// caps on one region.
pub struct MovableCap {
    live: LiveCap,
    /// The plan as solved, whose actions and stock a new cap replaces.
    plan: Plan,
    vars: model::Vars,
    options: SolveOptions,
}

impl std::fmt::Debug for MovableCap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MovableCap").finish_non_exhaustive()
    }
}

/// Solves the case as [`solve_with_slack`] does and keeps the solved model, so that its
/// cap can be moved ([`MovableCap::solve_with_cap`]). `None` for the model when the solve
/// cannot keep one (Clarabel, `--integer`).
pub fn solve_movable(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts, Option<MovableCap>)> {
    solve_inner(case, options, slack)
}

impl MovableCap {
    /// Stage 2 again with the cap on Z1 at `cap` weighted dwelling-years (absolute).
    #[cfg(feature = "highs")]
    pub fn solve_with_cap(&mut self, cap: f64) -> Result<(Plan, StageFacts)> {
        let clock = Instant::now();
        let live = &mut self.live;
        // SAFETY: the pointer is the live HiGHS instance owned by `live.model`, and the
        // row index is a row of it (the cap, added last).
        let status = unsafe {
            highs_sys::Highs_changeRowBounds(
                live.model.as_mut_ptr(),
                live.row,
                f64::NEG_INFINITY,
                cap - live.offset,
            )
        };
        if status == highs_sys::kHighsStatusError {
            return Err(Error::Solve(
                "HiGHS refused to move stage 2's cap on the mismatch".into(),
            ));
        }
        let model = std::mem::replace(
            &mut live.model,
            highs::Model::new(highs::RowProblem::default()),
        );
        let solved = solve_highs(model, 2)?;
        let stage2 = stage_result(&solved, &self.options, 2)?;
        live.model = solved.into();
        let facts = StageFacts {
            cap,
            cap_value: stage2.duals.last().map_or(0.0, |d| d.abs()),
            gross_cost_meur: stage2.objective,
        };
        let mut plan = self.plan.clone();
        fill_plan(&mut plan, &self.vars, &stage2.values);
        plan.timings =
            BTreeMap::from([("solve_stage2".to_string(), clock.elapsed().as_secs_f64())]);
        Ok((plan, facts))
    }

    /// Without HiGHS there is never a movable cap.
    #[cfg(not(feature = "highs"))]
    pub fn solve_with_cap(&mut self, _cap: f64) -> Result<(Plan, StageFacts)> {
        Err(without_highs())
    }
}

/// The plan's actions and stock from a stage's values.
fn fill_plan(plan: &mut Plan, vars: &model::Vars, values: &[f64]) {
    let value = |c: &Col| clean(values[c.index]);
    let opt_value = |c: &Option<Col>| c.as_ref().map_or(0.0, value);
    plan.demolish = map3(&vars.demolish, opt_value);
    plan.new_build = map3(&vars.new_build, opt_value);
    plan.transform = map3(&vars.transform, value);
    plan.stock_end = map3(&vars.stock, value);
}

fn solve_inner(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts, Option<MovableCap>)> {
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
    let mut timings = BTreeMap::new();
    let clock = Instant::now();
    let mut lp = model::build(case, options.integer);
    let row_keys: Vec<RowKey> = lp.rows.iter().map(|(key, _)| *key).collect();
    timings.insert("build".to_string(), clock.elapsed().as_secs_f64());

    let (stage1, stage2, live) = if options.solver == SolverChoice::Highs && !options.integer {
        // One HiGHS instance for both stages: stage 2 starts from stage 1's basis.
        run_highs_two_stages(&mut lp, slack, options, &mut timings)?
    } else {
        let clock = Instant::now();
        let stage1 = run_stage(case, &lp, lp.mismatch.clone(), None, None, options)?;
        timings.insert("solve_stage1".to_string(), clock.elapsed().as_secs_f64());
        let clock = Instant::now();
        // Stage 1's plan meets stage 2's cap by construction: a MIP starts from it, so
        // it always has a feasible plan, even when a time limit stops it early.
        let stage2 = run_stage(
            case,
            &lp,
            lp.gross_cost_meur.clone(),
            Some(slack.cap(stage1.objective)),
            Some(&stage1.values),
            options,
        )?;
        timings.insert("solve_stage2".to_string(), clock.elapsed().as_secs_f64());
        (stage1, stage2, None)
    };
    let z1_star = stage1.objective;
    let facts = StageFacts {
        cap: slack.cap(z1_star),
        // The cap is the last row of stage 2.
        cap_value: stage2.duals.last().map_or(0.0, |d| d.abs()),
        gross_cost_meur: stage2.objective,
    };

    // Shadow prices come from an LP's duals: stage 1 itself, or its relaxation for a MIP.
    let duals = if options.integer {
        let clock = Instant::now();
        let relaxed = model::build(case, false);
        let lp_options = SolveOptions {
            integer: false,
            ..options.clone()
        };
        let relaxation = run_stage(
            case,
            &relaxed,
            relaxed.mismatch.clone(),
            None,
            None,
            &lp_options,
        )?;
        timings.insert(
            "solve_relaxation".to_string(),
            clock.elapsed().as_secs_f64(),
        );
        relaxation.duals
    } else {
        stage1.duals
    };
    let budget_shadow_price = shadow_prices(case, &row_keys, &duals);

    let status = if stage1.time_limited || stage2.time_limited {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    let mip_gap = match (stage1.mip_gap, stage2.mip_gap) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let mut plan = Plan {
        status,
        solver: options.solver.as_str().to_string(),
        integer: options.integer,
        mip_gap,
        stage1_mismatch: z1_star,
        demolish: Vec::new(),
        new_build: Vec::new(),
        transform: Vec::new(),
        stock_end: Vec::new(),
        budget_shadow_price,
        timings,
    };
    fill_plan(&mut plan, &lp.vars, &stage2.values);
    if options.integer {
        whole_dwellings(case, &mut plan);
    }
    let movable = live.map(|live| MovableCap {
        live,
        plan: plan.clone(),
        vars: lp.vars,
        options: options.clone(),
    });
    Ok((plan, facts, movable))
}

/// A MIP solver meets integrality only within its tolerance (HiGHS: 1e-6), so a whole
/// dwelling may come back as 2.000001. With `--integer` the actions are rounded to whole
/// dwellings and the stock follows from them through C1, so the plan shows the whole
/// numbers it stands for (a fractional stock remains only where S0 or a yield makes it).
fn whole_dwellings(case: &Case, plan: &mut Plan) {
    for cube in [&mut plan.demolish, &mut plan.new_build, &mut plan.transform] {
        for x in cube.iter_mut().flatten().flatten() {
            *x = x.round();
        }
    }
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for s in 0..case.segments.len() {
                let before = match p {
                    0 => case.stock0[m][s],
                    _ => plan.stock_end[m][s][p - 1],
                };
                let mut stock = before - plan.demolish[m][s][p] + plan.new_build[m][s][p];
                for (k, t) in case.transformations.iter().enumerate() {
                    let input = plan.transform[m][k][p];
                    if t.from == s {
                        stock -= input;
                    }
                    if t.to == s {
                        stock += t.yield_per_dwelling * input;
                    }
                }
                plan.stock_end[m][s][p] = clean(stock);
            }
        }
    }
}

/// Removes solver noise: values within 1e-9 of zero become exactly zero, and tiny
/// negative values (an interior-point solver's) never reach the outputs.
fn clean(x: f64) -> f64 {
    if x.abs() < 1e-9 {
        0.0
    } else {
        x
    }
}

fn map3<T, F: Fn(&T) -> f64>(nested: &[Vec<Vec<T>>], f: F) -> Vec<Vec<Vec<f64>>> {
    nested
        .iter()
        .map(|a| a.iter().map(|b| b.iter().map(&f).collect()).collect())
        .collect()
}

/// Shadow price of the budget per region and period, in weighted dwelling-years per
/// extra million euros. Without carry-over it is |dual| of the period's row; with
/// carry-over one more million in period p relaxes every cumulative row q ≥ p.
fn shadow_prices(case: &Case, keys: &[RowKey], duals: &[f64]) -> Vec<Vec<f64>> {
    let periods = case.periods.len();
    let mut row_dual = vec![vec![0.0; periods]; case.regions.len()];
    for (i, key) in keys.iter().enumerate() {
        if key.family == Family::Budget {
            if let (Some(p), Some(d)) = (key.period, duals.get(i)) {
                row_dual[key.place][p] = d.abs();
            }
        }
    }
    if case.settings.budget_carry_over {
        for region in &mut row_dual {
            for p in (0..periods.saturating_sub(1)).rev() {
                region[p] += region[p + 1];
            }
        }
    }
    row_dual
}

fn run_stage(
    case: &Case,
    lp: &Lp,
    objective: Expression,
    mismatch_cap: Option<f64>,
    start: Option<&[f64]>,
    options: &SolveOptions,
) -> Result<StageResult> {
    let variables: ProblemVariables = lp.variables.clone();
    let problem = variables.minimise(objective.clone());
    let mut rows: Vec<good_lp::Constraint> = lp.rows.iter().map(|(_, c)| c.clone()).collect();
    if let Some(cap) = mismatch_cap {
        rows.push(lp.mismatch.clone().leq(cap));
    }
    let stage = if mismatch_cap.is_some() { 2 } else { 1 };
    match options.solver {
        SolverChoice::Highs => run_highs(problem, rows, start, options, stage),
        SolverChoice::Clarabel => run_clarabel(case, problem, &objective, rows, stage, options),
    }
}

#[cfg(feature = "highs")]
fn run_highs(
    problem: good_lp::variable::UnsolvedProblem,
    rows: Vec<good_lp::Constraint>,
    start: Option<&[f64]>,
    options: &SolveOptions,
    stage: u8,
) -> Result<StageResult> {
    let mut model = load_highs(problem, rows, options, stage)?;
    if options.integer {
        if let Some(start) = start {
            // A rejected start only costs the head start, never correctness.
            let _ = model.try_set_solution(Some(start), None, None, None);
        }
    }
    let solved = solve_highs(model, stage)?;
    stage_result(&solved, options, stage)
}

/// Both stages of an LP in one HiGHS instance. After stage 1 the objective is replaced
/// by the gross cost and the cap on Z1 is added as a row; HiGHS keeps stage 1's optimal
/// basis (the new row's slack enters it), which is still feasible, so stage 2 continues
/// with the primal simplex from there instead of starting again. The variables and rows
/// are moved out of `lp` into HiGHS, not copied.
#[cfg(feature = "highs")]
fn run_highs_two_stages(
    lp: &mut Lp,
    slack: Stage2Slack,
    options: &SolveOptions,
    timings: &mut BTreeMap<String, f64>,
) -> Result<(StageResult, StageResult, Option<LiveCap>)> {
    use good_lp::IntoAffineExpression;
    use highs_sys::{kHighsStatusError, HighsInt, Highs_addRow, Highs_changeColsCostByRange};

    let clock = Instant::now();
    let variables = std::mem::replace(&mut lp.variables, ProblemVariables::new());
    let column: std::collections::HashMap<good_lp::Variable, usize> = variables
        .iter_variables_with_def()
        .enumerate()
        .map(|(i, (var, _))| (var, i))
        .collect();
    let problem = variables.minimise(lp.mismatch.clone());
    let rows = std::mem::take(&mut lp.rows)
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    let model = load_highs(problem, rows, options, 1)?;
    let solved = solve_highs(model, 1)?;
    let stage1 = stage_result(&solved, options, 1)?;
    timings.insert("solve_stage1".to_string(), clock.elapsed().as_secs_f64());

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
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`; the arrays outlive the
    // calls and have the lengths passed (cost: one entry per column; index and value:
    // one per coefficient of Z1, every index a column of the model).
    let status = unsafe {
        let mut status = 0;
        if !cost.is_empty() {
            status =
                Highs_changeColsCostByRange(ptr, 0, (cost.len() - 1) as HighsInt, cost.as_ptr());
        }
        if status != kHighsStatusError {
            status = Highs_addRow(
                ptr,
                f64::NEG_INFINITY,
                upper,
                index.len() as HighsInt,
                index.as_ptr(),
                value.as_ptr(),
            );
        }
        status
    };
    if status == kHighsStatusError {
        return Err(Error::Solve(
            "HiGHS refused stage 2's objective or its cap on the mismatch; check the input \
             for extreme values, or try --solver clarabel"
                .into(),
        ));
    }
    let solved = solve_highs(model, 2)?;
    let stage2 = stage_result(&solved, options, 2)?;
    timings.insert("solve_stage2".to_string(), clock.elapsed().as_secs_f64());
    let live = LiveCap {
        model: solved.into(),
        row: (stage2.duals.len() - 1) as HighsInt,
        offset: lp.mismatch.constant(),
    };
    Ok((stage1, stage2, Some(live)))
}

/// A solved HiGHS model whose stage-2 cap can be moved and the stage solved again from
/// its last basis (a few pivots instead of a whole solve).
#[cfg(feature = "highs")]
struct LiveCap {
    model: highs::Model,
    /// The cap's row.
    row: highs_sys::HighsInt,
    /// The constant of Z1 (the row holds Z1 without it).
    offset: f64,
}

#[cfg(not(feature = "highs"))]
struct LiveCap;

#[cfg(not(feature = "highs"))]
fn run_highs_two_stages(
    _lp: &mut Lp,
    _slack: Stage2Slack,
    _options: &SolveOptions,
    _timings: &mut BTreeMap<String, f64>,
) -> Result<(StageResult, StageResult, Option<LiveCap>)> {
    Err(without_highs())
}

/// Loads the problem and its rows into a HiGHS model, quiet, with the options set.
#[cfg(feature = "highs")]
fn load_highs(
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

#[cfg(feature = "highs")]
fn solve_highs(model: highs::Model, stage: u8) -> Result<highs::SolvedModel> {
    model.try_solve().map_err(|e| {
        Error::Solve(format!(
            "HiGHS failed in stage {stage} ({e:?}); check the input for extreme values, \
             try --solver clarabel, or report the case"
        ))
    })
}

/// The stage's outcome in plain numbers, or the error its status stands for.
#[cfg(feature = "highs")]
fn stage_result(
    solved: &highs::SolvedModel,
    options: &SolveOptions,
    stage: u8,
) -> Result<StageResult> {
    let status = solved.status();
    let feasible = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let time_limited = highs_outcome(status, feasible, stage, options.time_limit)?;
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
#[cfg(feature = "highs")]
fn highs_outcome(
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

/// The message for a Clarabel solve that returned no plan. An interior-point solver has
/// no feasible plan before it converges, so a time limit that stops it leaves nothing
/// to write.
fn clarabel_error(e: &good_lp::ResolutionError, stage: u8, time_limit: Option<f64>) -> Error {
    use good_lp::ResolutionError as R;
    match e {
        R::Other("Time limit reached") => Error::Solve(format!(
            "the time limit of {} s (--time-limit) ran out in stage {stage} before Clarabel \
             converged; an interior-point solver has no plan before it converges, so there \
             is none to write: allow more time with a larger --time-limit, leave it out, or \
             try --solver highs (which keeps the best plan found when time runs out)",
            time_limit.unwrap_or(f64::NAN)
        )),
        R::Infeasible => Error::Solve(format!(
            "Clarabel found stage {stage} infeasible. Every constraint of the model can be \
             met by doing nothing, so this points to a numerical problem; check for extreme \
             values in the input or try --solver highs"
        )),
        other => Error::Solve(format!(
            "Clarabel stopped in stage {stage} without a plan ({other}): numerical trouble \
             in the interior-point method; try --solver highs, or check the input for \
             extreme values"
        )),
    }
}

#[cfg(not(feature = "highs"))]
fn run_highs(
    _problem: good_lp::variable::UnsolvedProblem,
    _rows: Vec<good_lp::Constraint>,
    _start: Option<&[f64]>,
    _options: &SolveOptions,
    _stage: u8,
) -> Result<StageResult> {
    Err(without_highs())
}

#[cfg(not(feature = "highs"))]
fn without_highs() -> Error {
    Error::Usage(
        "this restock was built without HiGHS (cargo feature `highs`); use --solver clarabel"
            .into(),
    )
}

fn run_clarabel(
    _case: &Case,
    problem: good_lp::variable::UnsolvedProblem,
    objective_expr: &Expression,
    rows: Vec<good_lp::Constraint>,
    stage: u8,
    options: &SolveOptions,
) -> Result<StageResult> {
    use good_lp::solvers::{DualValues, SolutionWithDual};
    let mut clarabel_problem = problem.using(good_lp::solvers::clarabel::clarabel);
    clarabel_problem
        .settings()
        .tol_gap_abs(1e-9)
        .tol_gap_rel(1e-10)
        .tol_feas(1e-10)
        .max_iter(500);
    if let Some(limit) = options.time_limit {
        clarabel_problem.settings().time_limit(limit);
    }
    let refs: Vec<_> = rows
        .into_iter()
        .map(|row| clarabel_problem.add_constraint(row))
        .collect();
    let mut solution = clarabel_problem
        .solve()
        .map_err(|e| clarabel_error(&e, stage, options.time_limit))?;
    let values: Vec<f64> = solution.inner().x.clone();
    let objective = objective_expr.eval_with(&solution);
    let dual = solution.compute_dual();
    let duals = refs.iter().map(|r| dual.dual(r.clone())).collect();
    Ok(StageResult {
        values,
        duals,
        objective,
        time_limited: false,
        mip_gap: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error that ends the run with exit 1 and a message naming `words`.
    #[track_caller]
    fn assert_solve_error(result: Result<bool>, words: &[&str]) {
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

    #[cfg(feature = "highs")]
    #[test]
    fn highs_status_mapping() {
        use highs::HighsModelStatus as S;
        assert!(!highs_outcome(S::Optimal, true, 1, None).unwrap());
        for s in [
            S::ReachedTimeLimit,
            S::ReachedIterationLimit,
            S::ReachedInterrupt,
        ] {
            assert!(highs_outcome(s, true, 2, Some(5.0)).unwrap(), "{s:?}");
        }
        assert_solve_error(
            highs_outcome(S::ReachedTimeLimit, false, 1, Some(0.5)),
            &["time limit of 0.5 s", "stage 1", "--time-limit"],
        );
        assert_solve_error(
            highs_outcome(S::ReachedIterationLimit, false, 2, None),
            &["stage 2", "ReachedIterationLimit", "try --solver clarabel"],
        );
        assert_solve_error(
            highs_outcome(S::Optimal, false, 1, None),
            &["numerical", "try --solver clarabel"],
        );
        for s in [S::Infeasible, S::UnboundedOrInfeasible] {
            assert_solve_error(highs_outcome(s, false, 1, None), &["infeasible", "try"]);
        }
        assert_solve_error(
            highs_outcome(S::Unbounded, false, 2, None),
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
                    highs_outcome(s, feasible, 1, None),
                    &[&format!("{s:?}"), "try --solver clarabel"],
                );
            }
        }
    }

    #[test]
    fn clarabel_error_messages() {
        use good_lp::ResolutionError as R;
        let err = |e: R, limit| Err(clarabel_error(&e, 1, limit));
        assert_solve_error(
            err(R::Other("Time limit reached"), Some(0.25)),
            &["time limit of 0.25 s", "--time-limit", "--solver highs"],
        );
        assert_solve_error(err(R::Infeasible, None), &["infeasible", "--solver highs"]);
        for other in ["Numerical error", "No progress", "Max iterations reached"] {
            assert_solve_error(err(R::Other(other), None), &[other, "--solver highs"]);
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
