//! `--integer` within a time a planner waits for (issue 16): the first whole-dwelling
//! plan (the LP optimum rounded down and repaired) meets every constraint on random
//! cases; `restock plan --integer` finishes on the example with whole dwellings and its
//! gap in summary.json; one time limit is shared by the stages (and the regions), as
//! the recorded stage times show; funders and `--by-region` work with `--integer`.
//! No assertion here depends on the wall clock: only on figures the run records.

mod common;
mod random_case;

use std::fs;

use common::{restock, root, summary};
use proptest::prelude::*;
use random_case::{
    case, check_funding_files, check_integral, check_plan_files, config, draw, funders_case,
    read_outputs, Limits,
};
use restock::case::Case;
use restock::decompose::region_seconds;
use restock::report::{write_outputs, RunInfo};
use restock::solve::{solve, whole_dwelling_start, SolveOptions};

/// The first whole-dwelling plan of `case`, written and re-read: every constraint of
/// §5 (and C6f, C7 with funders) within the checks' tolerance, whole actions.
fn check_start(case: &Case) {
    let plan = whole_dwelling_start(case, &SolveOptions::default()).expect("the start");
    assert!(plan.integer);
    let run = plan.integer_run.as_ref().expect("integer facts");
    // Whole dwellings never fit better than the LP.
    let lp = run.relaxation_mismatch;
    assert!(
        run.start_mismatch >= lp - (1e-6 * lp.abs() + 1e-5),
        "start {} below the LP's {lp}",
        run.start_mismatch
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_outputs(case, &plan, &out, &RunInfo::default()).expect("outputs are written");
    let outputs = read_outputs(case, &out);
    check_plan_files(case, &outputs);
    check_integral(case, &outputs);
    check_funding_files(case, &outputs);
}

proptest! {
    #![proptest_config(config(48))]

    /// The rounded starting plan is feasible and whole on random cases (total and
    /// segment mode, tiers, carry-over, transformations with yields and sales).
    #[test]
    fn the_rounded_start_is_feasible_on_random_cases(case in case(Limits::lp())) {
        check_start(&case);
    }
}

/// The same with funders (C7's split kept from the LP, C6f repaired), on fixed random
/// cases with and without carry-over.
#[test]
fn the_rounded_start_is_feasible_with_funders() {
    let mut cases = draw(funders_case(Limits::lp()), 24, 29);
    for (i, case) in cases.iter_mut().enumerate() {
        case.settings.budget_carry_over = i % 2 == 0;
    }
    for (i, case) in cases.iter().enumerate() {
        let result = std::panic::catch_unwind(|| check_start(case));
        assert!(result.is_ok(), "case {i} failed: {case:#?}");
    }
}

/// Budgets too small for the LP's plan once its sales are rounded down: the repair cuts
/// costly actions until each region's budget holds again (checked on random cases with
/// every budget scaled down).
#[test]
fn the_rounded_start_repairs_tight_budgets() {
    let mut cases = draw(case(Limits::lp()), 24, 31);
    for (i, case) in cases.iter_mut().enumerate() {
        case.settings.budget_carry_over = i % 2 == 1;
        for row in &mut case.budget_eur {
            for b in row.iter_mut() {
                *b *= 0.05;
            }
        }
    }
    for (i, case) in cases.iter().enumerate() {
        let result = std::panic::catch_unwind(|| check_start(case));
        assert!(result.is_ok(), "case {i} failed: {case:#?}");
    }
}

/// `restock plan inputs/example --integer` finishes on its own: exit 0, whole dwellings
/// in plan.csv, the gap (in numbers and in words) in summary.json, the LP comparison.
#[test]
fn the_example_finishes_with_whole_dwellings_and_its_gap() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let assert = restock()
        .args(["plan", "inputs/example", "--integer", "--out"])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(stdout.contains("duurder dan het beste plan"), "{stdout}");
    let s = summary(&out);
    assert_eq!(s["integer"], true);
    let run = &s["integer_run"];
    assert_eq!(run["mip_gap_requested"], 0.001);
    assert_eq!(run["time_limit_s"], 60.0);
    let gap = s["mip_gap"].as_f64().expect("the gap");
    if s["status"] == "optimal" {
        assert!(gap <= 0.001 + 1e-9, "optimal within the default gap: {gap}");
        assert_eq!(run["time_limit_reached"], false);
    } else {
        assert_eq!(s["status"], "time_limit");
    }
    let words = run["gap_words"]["nl"].as_str().unwrap();
    assert!(words.starts_with("hooguit ") && words.ends_with(" % duurder dan het beste plan"));
    // The LP comparison: whole dwellings never fit better than fractions.
    assert!(run["whole_minus_relaxation"]["mismatch"].as_f64().unwrap() >= -1e-6);
    let plan = fs::read_to_string(out.join("plan.csv")).unwrap();
    let mut lines = plan.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for column in ["demolish", "new_build", "transform_out"] {
        let c = header
            .iter()
            .position(|h| *h == column)
            .unwrap_or_else(|| panic!("{column} in {header:?}"));
        for line in plan.lines().skip(1) {
            let x: f64 = line.split(',').nth(c).unwrap().parse().unwrap();
            assert_eq!(x, x.round(), "{column} = {x} in {line}");
        }
    }
    // report.html says the gap in words.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("duurder dan het beste plan"));
}

/// One time limit for the whole run: the stage times summary.json records add up to
/// at most the limit plus a margin for loading and writing around the MIPs, and stage 1
/// takes at most half. (`--mip-gap 0`, so that stage 2 runs until the limit.)
#[test]
fn the_time_limit_is_shared_by_the_stages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let limit = 3.0;
    restock()
        .args([
            "plan",
            "inputs/example",
            "--integer",
            "--mip-gap",
            "0",
            "--time-limit",
            "3",
            "--out",
        ])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .code(0);
    let s = summary(&out);
    let run = &s["integer_run"];
    assert_eq!(run["time_limit_s"], limit);
    let seconds = |key: &str| run["seconds"][key].as_f64().unwrap();
    let total = seconds("relaxation") + seconds("stage1") + seconds("stage2");
    let margin = 1.0;
    assert!(
        total <= limit + margin,
        "stages took {total} s of a {limit} s limit: {run}"
    );
    assert!(seconds("stage1") <= limit / 2.0 + margin, "{run}");
    assert!(seconds("first_plan") <= total);
    if run["time_limit_reached"] == true {
        assert_eq!(s["status"], "time_limit");
    }
}

/// Funders and `--by-region` with `--integer`: the funders vector, region by region,
/// writes whole dwellings, funding.csv and the integer facts (joined over regions).
#[test]
fn integer_works_with_funders_and_by_region() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args([
            "plan",
            "tests/data/vectors/funders",
            "--integer",
            "--by-region",
            "--time-limit",
            "10",
            "--out",
        ])
        .arg(&out)
        .timeout(std::time::Duration::from_secs(300))
        .assert()
        .code(0);
    let s = summary(&out);
    assert_eq!(s["integer"], true);
    assert!(s["integer_run"]["mip_gap_stage1"].is_number());
    assert_eq!(s["integer_run"]["time_limit_s"], 10.0);
    assert!(out.join("funding.csv").exists());
    let case = restock::input::read_case(
        &root().join("tests/data/vectors/funders"),
        &restock::input::ReadOptions::default(),
    )
    .unwrap();
    let outputs = read_outputs(&case, &out);
    check_plan_files(&case, &outputs);
    check_integral(&case, &outputs);
    check_funding_files(&case, &outputs);
}

/// The integer vector still reaches the reference's integer optimum within its
/// tolerance through the library with the default options (gap and time limit), and
/// records why it stopped.
#[test]
fn the_integer_vector_reaches_its_optimum_with_the_defaults() {
    let dir = root().join("tests/data/vectors/integer-small");
    let case = restock::input::read_case(&dir, &restock::input::ReadOptions::default()).unwrap();
    let options = SolveOptions {
        integer: true,
        ..SolveOptions::default()
    };
    let plan = solve(&case, &options).expect("solves");
    let run = plan.integer_run.expect("integer facts");
    assert_eq!(run.time_limit_s, 60.0);
    assert!(!run.interrupted);
    let expected: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let want = expected["mismatch"].as_f64().unwrap();
    let got = plan.stage1_mismatch;
    assert!((got - want).abs() <= 1e-3 * want, "{got} against {want}");
}

/// How the regions share the limit: a region gets its share of the municipalities of
/// the limit on every thread, never more than is left, never less than nothing.
#[test]
fn regions_share_the_time_limit() {
    assert_eq!(region_seconds(60.0, 60.0, 0.25, 2), 30.0);
    assert_eq!(region_seconds(60.0, 10.0, 0.25, 2), 10.0);
    assert_eq!(region_seconds(60.0, -5.0, 0.25, 2), 0.0);
    assert_eq!(region_seconds(60.0, 60.0, 1.0, 1), 60.0);
}
