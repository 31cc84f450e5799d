//! The two lexicographic stages of spec §6, from a case to its plan: build the LP, solve
//! stage 1 (fit) and stage 2 (cost under the cap on Z1), read the shadow prices, and
//! turn the values into a [`Plan`].

use std::collections::BTreeMap;
use std::time::Instant;

use good_lp::{Expression, ProblemVariables};

use super::{clarabel, shadow};
use super::{MovableCap, SolveOptions, SolverChoice, Stage2Slack, StageFacts};
use crate::case::Case;
use crate::model::{self, Col, Lp, RowKey};
use crate::plan::{Payment, Plan, PlanStatus, Receipt};
use crate::Result;

/// Spec §6: an interior-point solver's values within this of zero (in the LP's units)
/// are written as 0.
pub(super) const IPM_ZERO: f64 = 1e-6;

/// What one stage's solve returned, in plain numbers.
pub(super) struct StageResult {
    /// Variable values by good_lp variable index.
    pub(super) values: Vec<f64>,
    /// Row duals by row index (the rows in the order they were added).
    pub(super) duals: Vec<f64>,
    /// Objective value.
    pub(super) objective: f64,
    /// Whether the solve ended at the time limit.
    pub(super) time_limited: bool,
    /// Relative MIP gap reached (MIP only).
    pub(super) mip_gap: Option<f64>,
}

impl StageResult {
    /// For stage 2: what one more weighted dwelling-year of cap would save, |dual| of
    /// the cap (its last row).
    pub(super) fn cap_value(&self) -> f64 {
        self.duals.last().map_or(0.0, |d| d.abs())
    }
}

/// What [`run_stages`] returns: both stages' results, the seconds each took, and the
/// solved HiGHS model when there is one.
pub(super) struct TwoStages {
    /// Stage 1 (fit): Z1 and the row duals.
    pub(super) stage1: StageResult,
    /// Stage 2 (cost under the cap on Z1, its last row).
    pub(super) stage2: StageResult,
    /// Seconds of stage 1 and of stage 2.
    pub(super) seconds: [f64; 2],
    /// The solved model whose cap can be moved (an LP with HiGHS only).
    pub(super) live: Option<LiveCap>,
}

impl TwoStages {
    /// Records the stages' seconds in `timings` as `solve_stage1` and `solve_stage2`.
    pub(super) fn record_timings(&self, timings: &mut BTreeMap<String, f64>) {
        timings.insert("solve_stage1".to_string(), self.seconds[0]);
        timings.insert("solve_stage2".to_string(), self.seconds[1]);
    }

    /// The cap on Z1 under `slack`, what one more unit of it would save, and Z2.
    pub(super) fn facts(&self, slack: Stage2Slack) -> StageFacts {
        StageFacts {
            cap: slack.cap(self.stage1.objective),
            cap_value: self.stage2.cap_value(),
            gross_cost_meur: self.stage2.objective,
        }
    }

    /// Whether either stage ended at the time limit.
    pub(super) fn time_limited(&self) -> bool {
        self.stage1.time_limited || self.stage2.time_limited
    }
}

/// A solved HiGHS model whose cap can be moved; never one without HiGHS.
#[cfg(feature = "highs")]
pub(super) type LiveCap = super::highs::LiveCap;
/// A solved HiGHS model whose cap can be moved; never one without HiGHS.
#[cfg(not(feature = "highs"))]
pub(super) type LiveCap = std::convert::Infallible;

/// Both stages of the whole case as one model, with stage 2's tolerance `slack`; the
/// options are checked already.
pub(super) fn solve(
    case: &Case,
    options: &SolveOptions,
    slack: Stage2Slack,
) -> Result<(Plan, StageFacts, Option<MovableCap>)> {
    let mut timings = BTreeMap::new();
    let clock = Instant::now();
    let mut lp = model::build(case, false);
    let row_keys: Vec<RowKey> = lp.rows.iter().map(|(key, _)| *key).collect();
    timings.insert("build".to_string(), clock.elapsed().as_secs_f64());

    let stages = run_stages(&mut lp, slack, options)?;
    stages.record_timings(&mut timings);
    let facts = stages.facts(slack);
    let status = if stages.time_limited() {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    let TwoStages {
        stage1,
        stage2,
        live,
        ..
    } = stages;
    let z1_star = stage1.objective;
    let mut plan =
        plan_with_shadow_prices(case, &row_keys, &stage1.duals, status, options, z1_star);
    plan.removal_value = shadow::removal_values(case, &row_keys, &stage1.duals);
    plan.timings = timings;
    fill_plan(&mut plan, &lp.vars, &stage2.values);
    drop_ipm_noise(&mut plan, options);
    #[cfg(feature = "highs")]
    let movable = live.map(|live| {
        MovableCap(super::highs::Movable {
            live,
            plan: plan.clone(),
            vars: lp.vars,
            options: options.clone(),
        })
    });
    #[cfg(not(feature = "highs"))]
    let movable = live.map(|never| match never {});
    Ok((plan, facts, movable))
}

/// Spec §6: values within 1e-6 of zero from an interior-point solver (Clarabel) are 0.
/// Money is in millions inside the LP, so payments and proceeds under 1 € are noise and
/// are dropped from `plan`.
pub(super) fn drop_ipm_noise(plan: &mut Plan, options: &SolveOptions) {
    if options.solver == SolverChoice::Clarabel {
        let noise = IPM_ZERO * model::EUR_PER_MEUR;
        plan.payments.retain(|x| x.eur >= noise);
        plan.receipts.retain(|x| x.eur >= noise);
    }
}

/// A plan of a run that ended with `status` at Z1 = `stage1_mismatch`, not yet filled
/// with its values ([`Plan::unfilled`]), with the budget shadow prices per region and
/// period, and per region, funder and period, from stage 1's row duals (an LP's).
pub(super) fn plan_with_shadow_prices(
    case: &Case,
    row_keys: &[RowKey],
    duals: &[f64],
    status: PlanStatus,
    options: &SolveOptions,
    stage1_mismatch: f64,
) -> Plan {
    let funder_shadow_price = shadow::funder_shadow_prices(case, row_keys, duals);
    let budget_shadow_price = if case.funders.active() {
        shadow::region_from_funders(&funder_shadow_price, case.periods.len())
    } else {
        shadow::shadow_prices(case, row_keys, duals)
    };
    Plan::unfilled(
        status,
        options.solver.as_str(),
        stage1_mismatch,
        budget_shadow_price,
        funder_shadow_price,
    )
}

/// Stage 1 and stage 2. An LP with HiGHS runs in one HiGHS instance (stage 2 starts
/// from stage 1's basis, and the model is kept for moving the cap); otherwise each stage
/// is its own solve.
pub(super) fn run_stages(
    lp: &mut Lp,
    slack: Stage2Slack,
    options: &SolveOptions,
) -> Result<TwoStages> {
    #[cfg(feature = "highs")]
    if options.solver == SolverChoice::Highs && !options.integer {
        return super::highs::two_stages(lp, slack, options);
    }
    let clock = Instant::now();
    let stage1 = run_stage(lp, lp.mismatch.clone(), None, None, options)?;
    let stage1_seconds = clock.elapsed().as_secs_f64();
    let clock = Instant::now();
    // One time limit for the whole solve: stage 2 gets what stage 1 left.
    let stage2_options = SolveOptions {
        time_limit: options
            .time_limit
            .map(|limit| (limit - stage1_seconds).max(1e-3)),
        ..options.clone()
    };
    let stage2 = run_stage(
        lp,
        lp.gross_cost_meur.clone(),
        Some(slack.cap(stage1.objective)),
        Some(&stage1.values),
        &stage2_options,
    )?;
    Ok(TwoStages {
        stage1,
        stage2,
        seconds: [stage1_seconds, clock.elapsed().as_secs_f64()],
        live: None,
    })
}

/// One stage as its own solve: minimise `objective` over the LP's rows, plus the cap on
/// Z1 in stage 2 (`mismatch_cap`); a MIP starts from `start` when given.
pub(super) fn run_stage(
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
        #[cfg(feature = "highs")]
        SolverChoice::Highs => super::highs::run(problem, rows, start, options, stage),
        #[cfg(not(feature = "highs"))]
        SolverChoice::Highs => {
            let _ = start;
            Err(super::without_highs())
        }
        SolverChoice::Clarabel => clarabel::run(problem, &objective, rows, stage, options),
    }
}

/// The plan's actions, stock, payments and sale proceeds from a stage's values.
pub(super) fn fill_plan(plan: &mut Plan, vars: &model::Vars, values: &[f64]) {
    let value = |c: &Col| clean(values[c.index]);
    let opt_value = |c: &Option<Col>| c.as_ref().map_or(0.0, value);
    plan.demolish = map3(&vars.demolish, opt_value);
    plan.new_build = map3(&vars.new_build, opt_value);
    plan.transform = map3(&vars.transform, value);
    plan.stock_end = map3(&vars.stock, value);
    let mut payments: Vec<Payment> = vars
        .pay
        .iter()
        .map(|pay| Payment {
            municipality: pay.municipality,
            period: pay.period,
            funder: pay.funder,
            action: pay.action,
            eur: value(&pay.col) * model::EUR_PER_MEUR,
        })
        .filter(|pay| pay.eur > 0.0)
        .collect();
    payments.sort_by_key(|p| (p.municipality, p.period, p.action, p.funder));
    plan.payments = payments;
    plan.receipts = vars
        .sales
        .iter()
        .map(|sale| Receipt {
            municipality: sale.municipality,
            period: sale.period,
            funder: sale.funder,
            transformation: sale.transformation,
            eur: value(&sale.quantity) * sale.eur_per_unit,
        })
        .filter(|r| r.eur > 0.0)
        .collect();
}

/// Removes solver noise: values within 1e-9 of zero become exactly zero, and tiny
/// negative values (an interior-point solver's) never reach the outputs.
pub(super) fn clean(x: f64) -> f64 {
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
