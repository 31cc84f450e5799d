//! The solved plan in plain numbers: what every stage after the solver sees.
//! No solver types cross this boundary.

use std::collections::BTreeMap;

use crate::case::Action;

/// What funder g paid for one cost item of municipality m in period p (spec v2 §5,
/// `pay[m,p,i,g]`), in euros.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Payment {
    /// Index into `case.municipalities`.
    pub municipality: usize,
    /// Period index (0-based) into `case.periods`.
    pub period: usize,
    /// Index into `case.funders.names`.
    pub funder: usize,
    /// The cost item: demolition or new build of a segment, or a transformation.
    pub action: Action,
    /// The amount paid, in euros (> 0).
    pub eur: f64,
}

/// The proceeds of a sale (a transformation with negative cost) that funder g received
/// in municipality m and period p, in euros.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Receipt {
    /// Index into `case.municipalities`.
    pub municipality: usize,
    /// Period index (0-based) into `case.periods`.
    pub period: usize,
    /// Index into `case.funders.names`: the sale's receiver.
    pub funder: usize,
    /// Index into `case.transformations`: the sale.
    pub transformation: usize,
    /// The proceeds, in euros (> 0): −c_k · tr.
    pub eur: f64,
}

/// How the solve ended.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanStatus {
    /// Both stages solved to optimality (for a MIP: within the requested gap).
    Optimal,
    /// A stage stopped at the time limit with a feasible, not proven optimal, solution.
    TimeLimit,
    /// `--integer` stopped by Ctrl-C: the best whole-dwelling plan found until then,
    /// feasible, not proven optimal.
    Interrupted,
}

impl PlanStatus {
    /// The text used in summary.json's `status`.
    pub fn as_str(&self) -> &'static str {
        match self {
            PlanStatus::Optimal => "optimal",
            PlanStatus::TimeLimit => "time_limit",
            PlanStatus::Interrupted => "interrupted",
        }
    }
}

/// The quantities of stage 2's solution and the facts of the solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// How the solve ended.
    pub status: PlanStatus,
    /// Solver name, e.g. `highs` or `clarabel`.
    pub solver: String,
    /// Whether dem, new and tr were integers (a MIP).
    pub integer: bool,
    /// Relative MIP gap reached in stage 2 (`None` for an LP).
    pub mip_gap: Option<f64>,
    /// Z1*: the stage-1 optimum in weighted dwelling-years.
    pub stage1_mismatch: f64,
    /// `dem[m][s][p]`: dwellings demolished.
    pub demolish: Vec<Vec<Vec<f64>>>,
    /// `new[m][s][p]`: dwellings built.
    pub new_build: Vec<Vec<Vec<f64>>>,
    /// `tr[m][k][p]`: input dwellings transformed by transformation k.
    pub transform: Vec<Vec<Vec<f64>>>,
    /// `stock[m][s][p]`: dwellings at the end of period p (p = 0..P-1 for periods 1..P).
    pub stock_end: Vec<Vec<Vec<f64>>>,
    /// Budget shadow price per region and period: weighted dwelling-years of mismatch
    /// that one more million euros would remove (≥ 0).
    pub budget_shadow_price: Vec<Vec<f64>>,
    /// Spec v2, with funders: every nonzero payment, sorted by municipality, period,
    /// action and funder; empty for a case without funders.
    pub payments: Vec<Payment>,
    /// Spec v2, with funders: every nonzero sale proceeds, sorted by municipality,
    /// period, transformation; empty for a case without funders.
    pub receipts: Vec<Receipt>,
    /// Spec v2, with funders: `funder_shadow_price[r][g][p]`, the weighted
    /// dwelling-years of mismatch that one more million euros for funder g in region r,
    /// period p would remove (≥ 0; the dual of C6f in stage 1, carry-over as for C6);
    /// empty for a case without funders. With funders, `budget_shadow_price[r][p]` is
    /// the largest of these over g.
    pub funder_shadow_price: Vec<Vec<Vec<f64>>>,
    /// `removal_value[m][s][p]`: the weighted dwelling-years of mismatch that one
    /// dwelling of segment s fewer in municipality m at the end of period p would remove
    /// (negative: it would add), from stage 1's dual of that stock balance row (C1), which
    /// prices the fit of period p and every later one; for `--integer` from the LP
    /// relaxation. [`crate::explain`] reads it to say what limits the plan. Empty when the
    /// solve gave no duals (a plan made by hand): then nothing is explained as limited.
    pub removal_value: Vec<Vec<Vec<f64>>>,
    /// Seconds spent per phase (build, stage 1, stage 2), in order of execution.
    pub timings: BTreeMap<String, f64>,
    /// How a `--integer` solve went (gaps, time per stage, the LP relaxation it is
    /// compared with); `None` for an LP.
    pub integer_run: Option<IntegerRun>,
}

/// How a `--integer` solve went. By region, the figures are joined over the regions:
/// objectives and seconds summed (seconds as thread time), gaps the largest, flags if
/// any region's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IntegerRun {
    /// The relative gap asked for stage 2 (`--mip-gap`).
    pub mip_gap_requested: f64,
    /// The relative gap stage 1 reached (mismatch); against the LP bound when stage 1
    /// had no time to run.
    pub mip_gap_stage1: Option<f64>,
    /// The relative gap stage 2 reached (gross cost); `None` when it had no time to run.
    pub mip_gap_stage2: Option<f64>,
    /// The time limit of the whole run in seconds.
    pub time_limit_s: f64,
    /// Whether a stage stopped at the time limit (or had no time left to run).
    pub time_limit_reached: bool,
    /// Whether Ctrl-C stopped the run.
    pub interrupted: bool,
    /// Seconds for the LP relaxation (both stages) and the rounded first plan.
    pub seconds_relaxation: f64,
    /// Seconds for stage 1 as a MIP (loading it into HiGHS included).
    pub seconds_stage1: f64,
    /// Seconds for stage 2 as a MIP (loading it into HiGHS included).
    pub seconds_stage2: f64,
    /// Seconds from the start of the solve to the first whole-dwelling plan (the LP
    /// optimum rounded and repaired).
    pub seconds_first_plan: f64,
    /// Z1 of the LP relaxation (fractional dwellings), weighted dwelling-years.
    pub relaxation_mismatch: f64,
    /// Z2 of the LP relaxation's least-cost plan, in euros.
    pub relaxation_gross_cost_eur: f64,
    /// Z1 of the first whole-dwelling plan (the rounded LP optimum).
    pub start_mismatch: f64,
    /// Z2 of the first whole-dwelling plan, in euros.
    pub start_gross_cost_eur: f64,
}

impl Plan {
    /// A plan with its solve facts and duals but no actions yet (the arrays are filled
    /// from the solution afterwards); `stage1_mismatch` is Z1* and the timings are empty.
    pub fn unfilled(
        status: PlanStatus,
        solver: &str,
        stage1_mismatch: f64,
        budget_shadow_price: Vec<Vec<f64>>,
        funder_shadow_price: Vec<Vec<Vec<f64>>>,
    ) -> Plan {
        Plan {
            status,
            solver: solver.to_string(),
            integer: false,
            mip_gap: None,
            stage1_mismatch,
            demolish: Vec::new(),
            new_build: Vec::new(),
            transform: Vec::new(),
            stock_end: Vec::new(),
            budget_shadow_price,
            payments: Vec::new(),
            receipts: Vec::new(),
            funder_shadow_price,
            removal_value: Vec::new(),
            timings: BTreeMap::new(),
            integer_run: None,
        }
    }
}

/// A robust plan (spec v2 §6b): one plan per projection variant, the same in the
/// committed periods, with the figures summary.json's `robust` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct RobustPlan {
    /// The variants, in robust.variants order.
    pub variants: Vec<String>,
    /// π_ω: the normalised weights.
    pub weights: Vec<f64>,
    /// What was minimised first.
    pub criterion: crate::case::Criterion,
    /// P_c: the committed periods.
    pub commit_periods: usize,
    /// Each variant's plan; `stage1_mismatch` is Z1_ω of the robust plan.
    pub plans: Vec<Plan>,
    /// E*: the optimum of the stage that minimises E = Σ_ω π_ω · Z1_ω (the plan written
    /// is that of the last stage, whose E is within E* · 1e-7 + 1e-6 of it).
    pub expected_mismatch: f64,
    /// Z1_ω: each variant's mismatch under the robust plan.
    pub mismatch: Vec<f64>,
    /// Z1*_ω: each variant's own optimum, solved alone.
    pub mismatch_alone: Vec<f64>,
    /// Each variant's own optimum, solved alone (stage 1 of §6 only: a least-mismatch
    /// plan whose `stage1_mismatch` is Z1*_ω, not necessarily the least-cost one); the
    /// report charts its first-period demolition next to the commitment.
    pub plans_alone: Vec<Plan>,
    /// Z2_ω: each variant's gross cost in euros.
    pub gross_cost_eur: Vec<f64>,
    /// Each variant's do-nothing mismatch.
    pub mismatch_do_nothing: Vec<f64>,
    /// Seconds per phase (the single-variant solves, build, stages).
    pub timings: BTreeMap<String, f64>,
}

impl RobustPlan {
    /// E = Σ_ω π_ω · Z1_ω of the plan written (within the stages' tolerance of E*).
    pub fn plan_expected_mismatch(&self) -> f64 {
        weighted(&self.weights, &self.mismatch)
    }

    /// regret_ω = Z1_ω − Z1*_ω, per variant.
    pub fn regrets(&self) -> Vec<f64> {
        self.mismatch
            .iter()
            .zip(&self.mismatch_alone)
            .map(|(z, star)| z - star)
            .collect()
    }

    /// The worst regret of the plan, max_ω regret_ω (reported in both criteria).
    pub fn max_regret(&self) -> f64 {
        self.regrets().into_iter().fold(f64::NEG_INFINITY, f64::max)
    }

    /// EVPI = E* − Σ_ω π_ω · Z1*_ω, in weighted dwelling-years.
    pub fn evpi(&self) -> f64 {
        self.expected_mismatch - weighted(&self.weights, &self.mismatch_alone)
    }

    /// Σ_ω π_ω · Z2_ω in euros.
    pub fn expected_gross_cost_eur(&self) -> f64 {
        weighted(&self.weights, &self.gross_cost_eur)
    }

    /// Σ_ω π_ω · the do-nothing mismatch.
    pub fn expected_mismatch_do_nothing(&self) -> f64 {
        weighted(&self.weights, &self.mismatch_do_nothing)
    }
}

fn weighted(weights: &[f64], values: &[f64]) -> f64 {
    weights.iter().zip(values).map(|(w, v)| w * v).sum()
}
