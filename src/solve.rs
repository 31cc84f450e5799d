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
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            solver: SolverChoice::default(),
            integer: false,
            mip_gap: DEFAULT_MIP_GAP,
            time_limit: None,
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

/// Solves the case: stage 1 (fit), stage 2 (cost), budget shadow prices.
pub fn solve(case: &Case, options: &SolveOptions) -> Result<Plan> {
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
    let mut timings = BTreeMap::new();
    let clock = Instant::now();
    let lp = model::build(case, options.integer);
    timings.insert("build".to_string(), clock.elapsed().as_secs_f64());

    let clock = Instant::now();
    let stage1 = run_stage(case, &lp, lp.mismatch.clone(), None, None, options)?;
    timings.insert("solve_stage1".to_string(), clock.elapsed().as_secs_f64());
    let z1_star = stage1.objective;

    let clock = Instant::now();
    let cap = z1_star * (1.0 + STAGE2_RELATIVE_SLACK) + STAGE2_ABSOLUTE_SLACK;
    // Stage 1's plan meets stage 2's cap by construction: a MIP starts from it, so it
    // always has a feasible plan, even when a time limit stops it early.
    let stage2 = run_stage(
        case,
        &lp,
        lp.gross_cost_meur.clone(),
        Some(cap),
        Some(&stage1.values),
        options,
    )?;
    timings.insert("solve_stage2".to_string(), clock.elapsed().as_secs_f64());

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
    let budget_shadow_price = shadow_prices(case, &lp.rows, &duals);

    let status = if stage1.time_limited || stage2.time_limited {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    let mip_gap = match (stage1.mip_gap, stage2.mip_gap) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let values = &stage2.values;
    let value = |c: &Col| clean(values[c.index]);
    let opt_value = |c: &Option<Col>| c.as_ref().map_or(0.0, value);
    let vars = &lp.vars;
    Ok(Plan {
        status,
        solver: options.solver.as_str().to_string(),
        integer: options.integer,
        mip_gap,
        stage1_mismatch: z1_star,
        demolish: map3(&vars.demolish, opt_value),
        new_build: map3(&vars.new_build, opt_value),
        transform: map3(&vars.transform, value),
        stock_end: map3(&vars.stock, value),
        budget_shadow_price,
        timings,
    })
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
fn shadow_prices(
    case: &Case,
    rows: &[(RowKey, good_lp::Constraint)],
    duals: &[f64],
) -> Vec<Vec<f64>> {
    let periods = case.periods.len();
    let mut row_dual = vec![vec![0.0; periods]; case.regions.len()];
    for (i, (key, _)) in rows.iter().enumerate() {
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
        SolverChoice::Clarabel => run_clarabel(case, problem, &objective, rows, stage),
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
    use highs::HighsModelStatus as S;

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
        if let Some(start) = start {
            // A rejected start only costs the head start, never correctness.
            let _ = model.try_set_solution(Some(start), None, None, None);
        }
    }
    if let Some(limit) = options.time_limit {
        set(&mut model, "time_limit", limit)?;
    }
    let solved = model
        .try_solve()
        .map_err(|e| Error::Solve(format!("HiGHS failed in stage {stage}: {e:?}")))?;
    let status = solved.status();
    let time_limited = match status {
        S::Optimal => false,
        S::ReachedTimeLimit | S::ReachedIterationLimit | S::ReachedInterrupt => true,
        S::Infeasible | S::UnboundedOrInfeasible => {
            return Err(Error::Solve(format!(
                "stage {stage} is infeasible. Every constraint of the model can be met by \
                 doing nothing, so this points to a numerical problem; check for extreme \
                 values in the input or try --solver clarabel"
            )))
        }
        other => {
            return Err(Error::Solve(format!(
                "HiGHS ended stage {stage} with status {other:?}; \
                 try --solver clarabel or report the case"
            )))
        }
    };
    if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
        return Err(Error::Solve(format!(
            "HiGHS stopped in stage {stage} ({status:?}) before it found a feasible plan; \
             allow more time with --time-limit"
        )));
    }
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

#[cfg(not(feature = "highs"))]
fn run_highs(
    _problem: good_lp::variable::UnsolvedProblem,
    _rows: Vec<good_lp::Constraint>,
    _start: Option<&[f64]>,
    _options: &SolveOptions,
    _stage: u8,
) -> Result<StageResult> {
    Err(Error::Usage(
        "this restock was built without HiGHS (cargo feature `highs`); use --solver clarabel"
            .into(),
    ))
}

fn run_clarabel(
    _case: &Case,
    problem: good_lp::variable::UnsolvedProblem,
    objective_expr: &Expression,
    rows: Vec<good_lp::Constraint>,
    stage: u8,
) -> Result<StageResult> {
    use good_lp::solvers::{DualValues, SolutionWithDual};
    let mut clarabel_problem = problem.using(good_lp::solvers::clarabel::clarabel);
    clarabel_problem
        .settings()
        .tol_gap_abs(1e-9)
        .tol_gap_rel(1e-10)
        .tol_feas(1e-10)
        .max_iter(500);
    let refs: Vec<_> = rows
        .into_iter()
        .map(|row| clarabel_problem.add_constraint(row))
        .collect();
    let mut solution = clarabel_problem.solve().map_err(|e| {
        Error::Solve(format!(
            "Clarabel failed in stage {stage}: {e}; try --solver highs"
        ))
    })?;
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
