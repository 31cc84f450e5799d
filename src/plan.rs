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
    /// Seconds spent per phase (build, stage 1, stage 2), in order of execution.
    pub timings: BTreeMap<String, f64>,
}
