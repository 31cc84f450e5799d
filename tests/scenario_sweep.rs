//! `restock sweep`: mismatch never increases when only the budget grows, the grid and its
//! refusals, sweep.csv, the chart and the report, and a scenario swept on top of its own
//! factors.

mod common;

use std::fs;

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use common::{restock, root};
use restock::input::{read_case, ReadOptions};
use restock::scenario::{sweep, Grid, Parameter};
use restock::solve::SolveOptions;

#[test]
fn mismatch_never_increases_when_only_the_budget_grows() {
    let case = read_case(&root().join("inputs/example"), &ReadOptions::default()).unwrap();
    // Up to ten times the budget: beyond about five times the capacity limits bind and
    // the curve bends (below that it is almost straight and has no knee).
    let grid = Grid::parse("0:10:1", Parameter::BudgetFactor).unwrap();
    let result = sweep::run(
        &case,
        Parameter::BudgetFactor,
        &grid.values(),
        &SolveOptions::default(),
        &|| {},
    )
    .unwrap();
    assert_eq!(result.points.len(), 11);
    for pair in result.points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(b.budget_eur > a.budget_eur);
        assert!(
            b.mismatch <= a.mismatch * (1.0 + 1e-6),
            "budget factor {} → {}: mismatch {} → {}",
            a.value,
            b.value,
            a.mismatch,
            b.mismatch
        );
        assert_eq!(a.mismatch_do_nothing, b.mismatch_do_nothing);
    }
    // More money than the capacity limits can use buys nothing more: the curve is
    // convex, so the knee is where the first half's slope gives way.
    let k = result.knee.expect("the example's curve bends");
    assert!(k > 0 && k < result.points.len() - 1);
    let (before, after) = result.knee_slopes().unwrap();
    assert!(before > after, "{before} > {after}");
}

#[test]
fn a_friction_sweep_changes_demand_and_has_no_knee() {
    let case = read_case(&root().join("inputs/example"), &ReadOptions::default()).unwrap();
    let grid = Grid::parse("0.01:0.04:0.01", Parameter::FrictionVacancy).unwrap();
    let result = sweep::run(
        &case,
        Parameter::FrictionVacancy,
        &grid.values(),
        &SolveOptions::default(),
        &|| {},
    )
    .unwrap();
    assert_eq!(result.points.len(), 4);
    assert_eq!(result.knee, None);
    // In a shrinking region more frictional vacancy means more demand, less surplus.
    for pair in result.points.windows(2) {
        assert!(pair[1].mismatch_do_nothing < pair[0].mismatch_do_nothing);
        assert_eq!(pair[1].budget_eur, pair[0].budget_eur);
    }
}

#[test]
fn sweep_writes_the_csv_the_chart_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    restock()
        .args([
            "sweep",
            "inputs/example",
            "--budget-factor",
            "0:10:1",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("<- knik"));
    let text = fs::read_to_string(out.join("sweep.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "point,budget_factor,budget_eur,mismatch,mismatch_do_nothing,gross_cost_eur,\
         net_cost_eur,shadow_price_per_meur,reduction_per_meur,knee,status"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 11);
    let factors: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(
        factors,
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]
    );
    assert_eq!(rows.iter().filter(|r| r[9] == "true").count(), 1);
    assert!(rows.iter().all(|r| r[10] == "optimal"));
    assert_eq!(rows[0][8], "", "no reduction before the first point");
    assert!(rows[1][8].parse::<f64>().unwrap() > 0.0);

    let svg = fs::read_to_string(out.join("charts/sweep.svg")).unwrap();
    assert!(svg.contains("knik"));
    assert!(out.join("charts/sweep.png").is_file());
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("De knik ligt bij budgetfactor"));
    assert_eq!(html.matches("<tr class=\"knee\">").count(), 1);
    // The current budget is marked, on the chart and in the table; the plan at factor 0
    // still lowers the mismatch (sales pay for demolition), and both say so.
    assert!(svg.contains("nu: € 194 mln"), "current budget not marked");
    assert!(html.contains("2 (huidig)"));
    assert!(svg.contains("Ook zonder budget (factor 0) daalt de mismatch"));
    assert!(html.contains("Ook zonder budget (budgetfactor 0) is de mismatch lager"));
}

#[test]
fn a_gently_curving_sweep_has_no_knee() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    restock()
        .args([
            "sweep",
            "inputs/example",
            "--budget-factor",
            "0:1.5:0.25",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("<- knik").not());
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Een knik staat er alleen waar de curve echt buigt"));
    assert!(html.contains("5 (huidig)"));
}

#[test]
fn the_default_output_folder_is_named_after_the_case() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("restock").unwrap();
    cmd.current_dir(tmp.path())
        .arg("sweep")
        .arg(root().join("inputs/example"))
        .args(["--friction", "0.02:0.03:0.01"])
        .assert()
        .success();
    let text =
        fs::read_to_string(tmp.path().join("outputs/sweep-example-friction/sweep.csv")).unwrap();
    assert!(text.starts_with("point,friction_vacancy,"));
    assert_eq!(text.lines().count(), 3);
}

#[test]
fn two_sweeps_of_different_settings_keep_both_results() {
    let tmp = tempfile::tempdir().unwrap();
    for grid in [
        ["--budget-factor", "0.5:1:0.5"],
        ["--friction", "0.02:0.03:0.01"],
    ] {
        Command::cargo_bin("restock")
            .unwrap()
            .current_dir(tmp.path())
            .arg("sweep")
            .arg(root().join("inputs/example"))
            .args(grid)
            .assert()
            .success()
            .stdout(predicates::str::contains(format!(
                "outputs/sweep-example-{}",
                if grid[0] == "--friction" {
                    "friction"
                } else {
                    "budget"
                }
            )));
    }
    let budget = fs::read_to_string(tmp.path().join("outputs/sweep-example-budget/sweep.csv"));
    let friction = fs::read_to_string(tmp.path().join("outputs/sweep-example-friction/sweep.csv"));
    assert!(budget.unwrap().starts_with("point,budget_factor,"));
    assert!(friction.unwrap().starts_with("point,friction_vacancy,"));
}

#[test]
fn a_scenario_is_swept_on_top_of_its_own_factors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sweep");
    restock()
        .args([
            "sweep",
            "--scenario",
            "tests/data/scenarios/budget-min20.toml",
            "--budget-factor",
            "1:1.25:0.25",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = fs::read_to_string(out.join("sweep.csv")).unwrap();
    let budgets: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse().unwrap())
        .collect();
    // The example's budgets sum to € 194 M; the scenario has 80 % of that.
    assert_eq!(budgets, [155_200_000.0, 194_000_000.0]);
}

#[test]
fn bad_grids_are_usage_errors_with_exit_code_2() {
    for (option, grid, message) in [
        ("--budget-factor", "0:1:0", "the step must be > 0"),
        ("--budget-factor", "1:0:0.1", "larger than TO"),
        ("--budget-factor", "0:10:0.001", "more than 1000"),
        ("--budget-factor", "-1:1:0.5", "between 0 and 10"),
        ("--budget-factor", "0:1", "three numbers"),
        ("--friction", "0:1:0.1", "< 1"),
    ] {
        restock()
            .args(["sweep", "inputs/example", option, grid])
            .assert()
            .code(2)
            .stderr(contains(message));
    }
    // Exactly one of the two grids.
    restock().args(["sweep", "inputs/example"]).assert().code(2);
    restock()
        .args([
            "sweep",
            "inputs/example",
            "--budget-factor",
            "0:1:0.5",
            "--friction",
            "0.01:0.02:0.01",
        ])
        .assert()
        .code(2);
}

/// A budget sweep on a case with funders scales every funder's budget (the budgets the
/// model reads there): half the money gives more mismatch, twice the money less, and the
/// point at factor 1 is the case's own optimum.
#[test]
fn a_budget_sweep_scales_the_funders_budgets() {
    let dir = root().join("inputs/krimpregios");
    let case = read_case(&dir, &ReadOptions::default()).unwrap();
    assert!(case.funders.active());
    let result = sweep::run(
        &case,
        Parameter::BudgetFactor,
        &[0.5, 1.0, 2.0],
        &SolveOptions::default(),
        &|| {},
    )
    .unwrap();
    let [half, one, double] = [&result.points[0], &result.points[1], &result.points[2]];
    let own = restock::solve::solve(&case, &SolveOptions::default()).unwrap();
    let own_mismatch = restock::metrics::mismatch(&case, &restock::metrics::plan_path(&case, &own));
    assert!((one.mismatch - own_mismatch).abs() <= 1e-6 * own_mismatch);
    assert!(
        half.mismatch > one.mismatch * (1.0 + 1e-6),
        "{} vs {}",
        half.mismatch,
        one.mismatch
    );
    assert!(
        double.mismatch < one.mismatch * (1.0 - 1e-6),
        "{} vs {}",
        double.mismatch,
        one.mismatch
    );
}
