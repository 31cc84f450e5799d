//! Solver failures end with exit code 1 and a message that says what happened and what
//! to try, never a panic; `--time-limit` stops a solve that takes too long, and a plan
//! stopped by it says so in summary.json and on the terminal and is never presented as
//! optimal. (The mapping of every HiGHS status is unit-tested in src/solve.rs.)

mod common;

use std::fs;

use common::{restock, root, summary};
use predicates::prelude::*;
use predicates::str::contains;
use restock::solve::{solve, SolveOptions, SolverChoice};
use restock::Error;

fn no_panic() -> impl Predicate<str> {
    contains("panicked")
        .not()
        .and(contains("RUST_BACKTRACE").not())
}

/// With `--mip-gap 0` the example's stage-2 MIP does not close its gap in seconds, so a
/// limit of 2 s for the whole run stops it with a feasible whole-dwelling plan (the
/// rounded LP optimum or better).
#[test]
fn a_time_limited_mip_writes_its_plan_marked_not_optimal() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args([
            "plan",
            "inputs/example",
            "--integer",
            "--mip-gap",
            "0",
            "--time-limit",
            "2",
            "--out",
        ])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(0)
        .stdout(contains("LET OP").and(contains("niet bewezen optimaal")))
        .stdout(contains("time_limit"))
        .stderr(no_panic());
    let s = summary(&out);
    assert_eq!(s["status"], "time_limit");
    assert_ne!(s["status"], "optimal");
    assert_eq!(s["integer"], true);
    // The plan is whole and complete: its mismatch is no worse than doing nothing.
    assert!(s["mismatch"].as_f64().unwrap() <= s["mismatch_do_nothing"].as_f64().unwrap());
    let gap = s["mip_gap"]
        .as_f64()
        .expect("a time-limited MIP reports its gap");
    assert!(gap > 0.0, "a time-limited MIP has an open gap, got {gap}");
    // report.html (Dutch by default) says so too.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(
        html.contains("niet bewezen optimaal"),
        "report.html names the status"
    );
}

/// So little time that HiGHS has no feasible plan yet: exit 1, the message names the
/// time limit and what to do, and an existing output folder is left as it was.
#[test]
fn a_time_limit_too_short_for_any_plan_fails_with_advice() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("plan.csv"), "previous results\n").unwrap();
    for solver in ["highs", "clarabel"] {
        restock()
            .args(["plan", "inputs/krimpregios", "--time-limit", "0.0001"])
            .args(["--solver", solver, "--out"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(contains("time limit of 0.0001 s").and(contains("--time-limit")))
            .stderr(no_panic());
        assert_eq!(
            fs::read_to_string(out.join("plan.csv")).unwrap(),
            "previous results\n"
        );
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    }
}

#[test]
fn a_time_limit_that_is_not_a_positive_number_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    for value in ["0", "-1", "-0.5", "NaN", "nan", "-inf"] {
        restock()
            .args(["plan", "inputs/example", "--out"])
            .arg(tmp.path().join("out"))
            .arg(format!("--time-limit={value}"))
            .assert()
            .code(2)
            .stderr(contains("--time-limit"))
            .stderr(no_panic());
    }
    restock()
        .args(["plan", "inputs/example", "--time-limit", "soon"])
        .assert()
        .code(2)
        .stderr(contains("--time-limit"));
    assert!(!tmp.path().join("out").exists());
}

/// A generous limit changes nothing: the plan is optimal and says so.
#[test]
fn a_generous_time_limit_gives_the_optimal_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args(["plan", "inputs/example", "--time-limit", "600", "--out"])
        .arg(&out)
        .assert()
        .code(0)
        .stdout(contains("not proven optimal").not());
    assert_eq!(summary(&out)["status"], "optimal");
}

/// Through the library: a time-limited solve is either a plan marked `TimeLimit` or
/// an `Error::Solve` (exit code 1) naming the limit, for both solvers and any limit.
#[test]
fn the_library_reports_time_limits_as_status_or_error() {
    let case = restock::input::read_case(
        &root().join("inputs/example"),
        &restock::input::ReadOptions::default(),
    )
    .unwrap();
    for (solver, integer) in [
        (SolverChoice::Highs, false),
        (SolverChoice::Highs, true),
        (SolverChoice::Clarabel, false),
    ] {
        for limit in [1e-6, 1e-3, 0.05] {
            let options = SolveOptions {
                solver,
                integer,
                time_limit: Some(limit),
                ..SolveOptions::default()
            };
            match solve(&case, &options) {
                Ok(plan) => {
                    // Finished within the limit (optimal) or stopped with a plan.
                    let _ = plan.status;
                }
                Err(e @ Error::Solve(_)) => {
                    assert_eq!(e.exit_code(), 1);
                    let message = e.to_string();
                    assert!(
                        message.contains("--time-limit"),
                        "{solver:?} {integer} {limit}: {message}"
                    );
                }
                Err(other) => panic!("{solver:?} {integer} {limit}: unexpected {other:?}"),
            }
        }
    }
}
