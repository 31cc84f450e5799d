//! The solved plan in plain numbers: what every stage after the solver sees.
//! No solver types cross this boundary.

use std::collections::BTreeMap;

/// How the solve ended.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanStatus {
    /// Both stages solved to optimality (for a MIP: within the requested gap).
    Optimal,
    /// A stage stopped at the time limit with a feasible, not proven optimal, solution.
    TimeLimit,
}

impl PlanStatus {
    /// The text used in summary.json's `status`.
    pub fn as_str(&self) -> &'static str {
        match self {
            PlanStatus::Optimal => "optimal",
            PlanStatus::TimeLimit => "time_limit",
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
    /// Seconds spent per phase (build, stage 1, stage 2), in order of execution.
    pub timings: BTreeMap<String, f64>,
}
