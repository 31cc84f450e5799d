//! Clarabel, the pure-Rust interior-point solver, through good_lp's interface: always
//! available (also without the `highs` feature), with duals, without MIP.

use good_lp::{Expression, SolverModel};

use super::stages::StageResult;
use super::SolveOptions;
use crate::{Error, Result};

/// One stage solved with Clarabel; `objective_expr` is the stage's objective, evaluated
/// at the solution.
pub(super) fn run(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::tests::assert_solve_error;

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
}
