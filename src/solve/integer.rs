//! `--integer`: whole dwellings within one time limit for the whole run.
//!
//! 1. The LP relaxation, both stages (a fraction of a second on the example): its
//!    optimum bounds what whole dwellings can reach, gives the budget shadow prices
//!    (a MIP has no duals), and is what the report compares the whole-dwelling plan
//!    with.
//! 2. The first whole-dwelling plan: the LP's least-cost plan rounded down and repaired
//!    ([`super::start`]). From here on there is always a feasible plan to write.
//! 3. Stage 1 as a MIP from that plan, with at most [`STAGE1_TIME_SHARE`] of the limit,
//!    to the gap [`STAGE1_MIP_GAP`] (or `--mip-gap` when smaller).
//! 4. Stage 2 as a MIP under the cap from stage 1's plan (or the rounded plan when it
//!    meets the cap and costs less), with whatever time is left, to `--mip-gap`.
//!
//! A stage with no time left (or after Ctrl-C) does not run: the plan so far is the
//! plan, its gap measured against the LP bound where that is a bound (stage 1).

use super::stages::{
    clean, fill_plan, plan_with_shadow_prices, run_stages, StageResult, TwoStages,
};
use super::start::{self, Start};
use super::{
    MipProgress, MovableCap, ProgressFn, SolveOptions, Stage2Slack, StageFacts, STAGE1_MIP_GAP,
    STAGE1_TIME_SHARE,
};
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use good_lp::{Expression, IntoAffineExpression, ProblemVariables, Variable};

use crate::case::{Action, Case};
use crate::model::{self, Lp, RowKey};
use crate::plan::{IntegerRun, Plan, PlanStatus};
use crate::Result;

/// A MIP stage with less time than this left does not run.
const MIN_STAGE_SECONDS: f64 = 0.01;

/// The LP relaxation and the first whole-dwelling plan from it.
struct Relaxed {
    /// The rows' keys (the same in the LP and the MIP).
    row_keys: Vec<RowKey>,
    /// The LP's stage-1 optimum (Z1) and its row duals.
    stage1: StageResult,
    /// The LP's stage-2 optimum (Z2, millions of euros).
    stage2_objective: f64,
    /// The MIP model.
    mip: Lp,
    /// Column of every variable of the MIP model.
    column: HashMap<Variable, usize>,
    /// The first whole-dwelling plan.
    start: Start,
}

/// Steps 1 and 2 of the module documentation.
fn relax_and_round(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
    timings: &mut BTreeMap<String, f64>,
) -> Result<Relaxed> {
    let clock = Instant::now();
    let mut relaxed = model::build(case, false);
    let row_keys: Vec<RowKey> = relaxed.rows.iter().map(|(key, _)| *key).collect();
    let mip = model::build(case, true);
    timings.insert("build".to_string(), clock.elapsed().as_secs_f64());
    let clock = Instant::now();
    let lp_options = SolveOptions {
        integer: false,
        time_limit: None,
        progress: ProgressFn::default(),
        ..options.clone()
    };
    let TwoStages { stage1, stage2, .. } = run_stages(&mut relaxed, slack, &lp_options)?;
    let column: HashMap<Variable, usize> = mip
        .variables
        .iter_variables_with_def()
        .enumerate()
        .map(|(i, (var, _))| (var, i))
        .collect();
    let start = start::rounded(
        case,
        &mip.vars,
        &column,
        &stage2.values,
        &mip.mismatch,
        &mip.gross_cost_meur,
    );
    timings.insert(
        "solve_relaxation".to_string(),
        clock.elapsed().as_secs_f64(),
    );
    Ok(Relaxed {
        row_keys,
        stage1,
        stage2_objective: stage2.objective,
        mip,
        column,
        start,
    })
}

/// `start + seconds`, or `None` for a limit too far away to count.
fn after(start: Instant, seconds: f64) -> Option<Instant> {
    if seconds.is_nan() || seconds >= 1e9 {
        return None;
    }
    start.checked_add(Duration::from_secs_f64(seconds.max(0.0)))
}

/// Whether a stage that must end at `until` has time to run.
fn has_time(until: Option<Instant>) -> bool {
    until.is_none_or(|t| {
        t.saturating_duration_since(Instant::now()).as_secs_f64() >= MIN_STAGE_SECONDS
    })
}

/// A MIP stage that had no time to run: its starting plan stands as the stage's
/// result, cut short by the time limit.
fn unsolved(values: Vec<f64>, objective: f64, mip_gap: Option<f64>) -> StageResult {
    StageResult {
        values,
        duals: Vec::new(),
        objective,
        time_limited: true,
        mip_gap,
    }
}

/// One stage of `--integer` as a MIP (HiGHS): minimise `objective` over the model's
/// rows, plus the cap on Z1 in stage 2, from `start`, stopping at `until`. `Ok(None)`
/// when it stopped before it held any feasible plan, and without running when there is
/// no time left for it before `until` or Ctrl-C was pressed (the plan so far stands).
fn run_mip_stage(
    lp: &Lp,
    objective: Expression,
    mismatch_cap: Option<f64>,
    start: &[f64],
    options: &SolveOptions,
    until: Option<Instant>,
) -> Result<Option<StageResult>> {
    if !has_time(until) || crate::interrupt::requested() {
        return Ok(None);
    }
    let variables: ProblemVariables = lp.variables.clone();
    let problem = variables.minimise(objective);
    let mut rows: Vec<good_lp::Constraint> = lp.rows.iter().map(|(_, c)| c.clone()).collect();
    if let Some(cap) = mismatch_cap {
        rows.push(lp.mismatch.clone().leq(cap));
    }
    let stage = if mismatch_cap.is_some() { 2 } else { 1 };
    #[cfg(feature = "highs")]
    return super::highs::run_mip(problem, rows, start, options, stage, until);
    #[cfg(not(feature = "highs"))]
    {
        let _ = (problem, rows, start, options, stage, until);
        Err(super::without_highs())
    }
}

/// The relative gap of a plan with objective `value` to a lower `bound`, as HiGHS
/// defines it: (value − bound) / value.
fn gap_to(value: f64, bound: f64) -> f64 {
    if value.abs() <= 1e-12 {
        0.0
    } else {
        ((value - bound) / value.abs()).max(0.0)
    }
}

/// The value of `e` at `values` (by column).
fn evaluate(e: &Expression, column: &HashMap<Variable, usize>, values: &[f64]) -> f64 {
    e.linear_coefficients()
        .map(|(var, a)| a * values[column[&var]])
        .sum::<f64>()
        + e.constant()
}

/// `--integer` on the whole case (see the module documentation) within `budget` seconds
/// from now; `limit` is the run's time limit as summary.json records it (the same as
/// `budget` unless the regions share it).
pub(super) fn solve(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
    budget: f64,
    limit: f64,
) -> Result<(Plan, StageFacts, Option<MovableCap>)> {
    let started = Instant::now();
    let deadline = after(started, budget);
    let mut timings = BTreeMap::new();
    options.progress.tell(MipProgress::Relaxation);
    let Relaxed {
        row_keys,
        stage1: lp1,
        stage2_objective: lp_cost,
        mip,
        column,
        start,
    } = relax_and_round(case, options, slack, &mut timings)?;
    let seconds_relaxation = started.elapsed().as_secs_f64();

    // Stage 1: the fit.
    let clock = Instant::now();
    let stage1_options = SolveOptions {
        mip_gap: options.mip_gap.min(STAGE1_MIP_GAP),
        time_limit: None,
        ..options.clone()
    };
    let share = after(clock, STAGE1_TIME_SHARE * budget);
    let stage1_until = match (deadline, share) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let stage1 = run_mip_stage(
        &mip,
        mip.mismatch.clone(),
        None,
        &start.values,
        &stage1_options,
        stage1_until,
    )?;
    // No time for stage 1: the first whole-dwelling plan stands, its gap against the LP.
    let stage1 = stage1.unwrap_or_else(|| {
        unsolved(
            start.values.clone(),
            start.mismatch,
            Some(gap_to(start.mismatch, lp1.objective)),
        )
    });
    let z1 = stage1.objective;
    let seconds_stage1 = clock.elapsed().as_secs_f64();
    timings.insert("solve_stage1".to_string(), seconds_stage1);

    // Stage 2: the cost, under the cap on Z1.
    let clock = Instant::now();
    let cap = slack.cap(z1);
    let cost1 = evaluate(&mip.gross_cost_meur, &column, &stage1.values);
    let start2: &[f64] = if start.mismatch <= cap && start.gross_cost_meur < cost1 {
        &start.values
    } else {
        &stage1.values
    };
    let stage2_options = SolveOptions {
        time_limit: None,
        ..options.clone()
    };
    let stage2 = run_mip_stage(
        &mip,
        mip.gross_cost_meur.clone(),
        Some(cap),
        start2,
        &stage2_options,
        deadline,
    )?;
    // No time for stage 2: its start stands, with no gap to tell.
    let stage2 = stage2.unwrap_or_else(|| {
        let cost = evaluate(&mip.gross_cost_meur, &column, start2);
        unsolved(start2.to_vec(), cost, None)
    });
    let seconds_stage2 = clock.elapsed().as_secs_f64();
    timings.insert("solve_stage2".to_string(), seconds_stage2);

    let interrupted = crate::interrupt::requested();
    let status = if interrupted {
        PlanStatus::Interrupted
    } else if stage1.time_limited || stage2.time_limited {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    let mut plan = plan_with_shadow_prices(case, &row_keys, &lp1.duals, status, options, z1);
    plan.integer = true;
    plan.removal_value = super::shadow::removal_values(case, &row_keys, &lp1.duals);
    plan.mip_gap = match (stage1.mip_gap, stage2.mip_gap) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    plan.timings = timings;
    fill_plan(&mut plan, &mip.vars, &stage2.values);
    whole_dwellings(case, &mut plan);
    plan.integer_run = Some(IntegerRun {
        mip_gap_requested: options.mip_gap,
        mip_gap_stage1: stage1.mip_gap,
        mip_gap_stage2: stage2.mip_gap,
        time_limit_s: limit,
        time_limit_reached: !interrupted && (stage1.time_limited || stage2.time_limited),
        interrupted,
        seconds_relaxation,
        seconds_stage1,
        seconds_stage2,
        seconds_first_plan: seconds_relaxation,
        relaxation_mismatch: lp1.objective,
        relaxation_gross_cost_eur: lp_cost * model::EUR_PER_MEUR,
        start_mismatch: start.mismatch,
        start_gross_cost_eur: start.gross_cost_meur * model::EUR_PER_MEUR,
    });
    let facts = StageFacts {
        cap,
        cap_value: 0.0,
        gross_cost_meur: stage2.objective,
    };
    Ok((plan, facts, None))
}

/// The first whole-dwelling plan alone (see [`super::whole_dwelling_start`]), marked
/// `time_limit` (it is not proven optimal).
pub(super) fn rounded_plan(case: &Case, options: &SolveOptions) -> Result<Plan> {
    let started = Instant::now();
    let mut timings = BTreeMap::new();
    let relaxed = relax_and_round(case, options, Stage2Slack::default(), &mut timings)?;
    let start = &relaxed.start;
    let mut plan = plan_with_shadow_prices(
        case,
        &relaxed.row_keys,
        &relaxed.stage1.duals,
        PlanStatus::TimeLimit,
        options,
        start.mismatch,
    );
    plan.integer = true;
    plan.removal_value =
        super::shadow::removal_values(case, &relaxed.row_keys, &relaxed.stage1.duals);
    plan.mip_gap = Some(gap_to(start.mismatch, relaxed.stage1.objective));
    plan.timings = timings;
    fill_plan(&mut plan, &relaxed.mip.vars, &start.values);
    whole_dwellings(case, &mut plan);
    let seconds = started.elapsed().as_secs_f64();
    plan.integer_run = Some(IntegerRun {
        mip_gap_requested: options.mip_gap,
        mip_gap_stage1: plan.mip_gap,
        mip_gap_stage2: None,
        time_limit_s: 0.0,
        time_limit_reached: true,
        interrupted: false,
        seconds_relaxation: seconds,
        seconds_stage1: 0.0,
        seconds_stage2: 0.0,
        seconds_first_plan: seconds,
        relaxation_mismatch: relaxed.stage1.objective,
        relaxation_gross_cost_eur: relaxed.stage2_objective * model::EUR_PER_MEUR,
        start_mismatch: start.mismatch,
        start_gross_cost_eur: start.gross_cost_meur * model::EUR_PER_MEUR,
    });
    Ok(plan)
}

/// A MIP solver meets integrality only within its tolerance (HiGHS: 1e-6), so a whole
/// dwelling may come back as 2.000001. With `--integer` the actions are rounded to whole
/// dwellings and the stock follows from them through C1, so the plan shows the whole
/// numbers it stands for (a fractional stock remains only where S0 or a yield makes it).
pub(super) fn whole_dwellings(case: &Case, plan: &mut Plan) {
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
                let stock = before - plan.demolish[m][s][p] + plan.new_build[m][s][p];
                let stock = case.after_transformations(s, stock, |k| plan.transform[m][k][p]);
                plan.stock_end[m][s][p] = clean(stock);
            }
        }
    }
    whole_dwelling_payments(case, plan);
}

/// With funders: the payments of each item scaled so that they sum to the rounded
/// item's amount again (C7), and the sale proceeds recomputed from the rounded sales.
fn whole_dwelling_payments(case: &Case, plan: &mut Plan) {
    if !case.funders.active() {
        return;
    }
    let amount = |m: usize, p: usize, action: Action| -> f64 {
        let (quantity, eur) = match action {
            Action::Demolish(s) => (
                plan.demolish[m][s][p],
                case.costs[m][s].map_or(0.0, |c| c.demolish_eur),
            ),
            Action::NewBuild(s) => (
                plan.new_build[m][s][p],
                case.costs[m][s]
                    .and_then(|c| c.new_build_eur)
                    .unwrap_or(0.0),
            ),
            Action::Transform(k) => (plan.transform[m][k][p], case.transformations[k].cost_eur),
        };
        quantity * eur
    };
    let mut paid: BTreeMap<(usize, usize, Action), f64> = BTreeMap::new();
    for pay in &plan.payments {
        *paid
            .entry((pay.municipality, pay.period, pay.action))
            .or_default() += pay.eur;
    }
    let mut payments = std::mem::take(&mut plan.payments);
    for pay in &mut payments {
        let total = paid[&(pay.municipality, pay.period, pay.action)];
        if total > 0.0 {
            pay.eur *= amount(pay.municipality, pay.period, pay.action) / total;
        }
    }
    payments.retain(|pay| pay.eur > 0.0);
    plan.payments = payments;
    for receipt in &mut plan.receipts {
        receipt.eur = -case.transformations[receipt.transformation].cost_eur
            * plan.transform[receipt.municipality][receipt.transformation][receipt.period];
    }
    plan.receipts.retain(|r| r.eur > 0.0);
}
