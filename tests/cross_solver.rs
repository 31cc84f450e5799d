//! Cross-solver agreement: HiGHS (simplex) and Clarabel (interior point) reach the same
//! stage-1 optimum Z1* on 100 random valid cases (fixed seed, so the same cases on every
//! run): |Z1*_HiGHS − Z1*_Clarabel| ≤ 1e-5 · max(1, |Z1*_HiGHS|).

mod random_case;

use random_case::{case, draw, Limits};
use restock::solve::{solve, SolveOptions, SolverChoice};

/// The number of cases; CROSS_SOLVER_CASES overrides it (e.g. for a long run).
fn count() -> usize {
    std::env::var("CROSS_SOLVER_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

#[test]
fn highs_and_clarabel_agree_on_the_stage1_optimum() {
    let cases = draw(case(Limits::lp()), count(), 7);
    let mut failures = Vec::new();
    let mut worst: f64 = 0.0;
    for (i, case) in cases.iter().enumerate() {
        let with = |solver| {
            let options = SolveOptions {
                solver,
                ..SolveOptions::default()
            };
            solve(case, &options).map(|plan| plan.stage1_mismatch)
        };
        let (highs, clarabel) = match (with(SolverChoice::Highs), with(SolverChoice::Clarabel)) {
            (Ok(h), Ok(c)) => (h, c),
            (h, c) => {
                failures.push(format!("case {i}: HiGHS {h:?}, Clarabel {c:?}"));
                continue;
            }
        };
        let relative = (highs - clarabel).abs() / highs.abs().max(1.0);
        worst = worst.max(relative);
        if relative > 1e-5 {
            failures.push(format!(
                "case {i}: HiGHS {highs}, Clarabel {clarabel} (relative difference \
                 {relative:.2e}; {} municipalities, {} segments, {} periods, {} mode)",
                case.municipalities.len(),
                case.segments.len(),
                case.periods.len(),
                case.mode.as_str()
            ));
        }
    }
    eprintln!(
        "{} cases, worst relative difference {worst:.2e}",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases disagree:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
