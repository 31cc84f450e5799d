//! `restock compare` on scenarios of the example case (tests/data/scenarios/): the
//! columns and values of comparison.csv, the input diff, the charts, the report, every
//! scenario's own plan, and refusals that leave earlier results untouched.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{assert_same_files, restock, root};
use predicates::str::contains;

const SCENARIOS: [&str; 4] = [
    "tests/data/scenarios/basis.toml",
    "tests/data/scenarios/budget-min20.toml",
    "tests/data/scenarios/zonder-budget.toml",
    "tests/data/scenarios/krimp-duurder.toml",
];

const HEADER: &str = "scenario,region,mismatch_do_nothing,mismatch_plan,demolished,\
                      transformed,built,gross_cost_eur,net_cost_eur,budget_eur,budget_used_share";

/// comparison.csv as (scenario, region) → column → cell.
fn read_comparison(out: &Path) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(out.join("comparison.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let cells: BTreeMap<String, String> = header
            .iter()
            .cloned()
            .zip(record.iter().map(String::from))
            .collect();
        rows.insert((cells["scenario"].clone(), cells["region"].clone()), cells);
    }
    rows
}

fn num(cells: &BTreeMap<String, String>, column: &str) -> f64 {
    cells[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {:?}", cells[column]))
}

fn compare_into(out: &Path) {
    restock()
        .arg("compare")
        .args(SCENARIOS)
        .arg("--out")
        .arg(out)
        .assert()
        .success()
        .stdout(contains("Budget 20 % lager"));
}

#[test]
fn comparison_csv_has_the_columns_and_the_expected_values() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("compare");
    compare_into(&out);

    let text = fs::read_to_string(out.join("comparison.csv")).unwrap();
    assert_eq!(text.lines().next().unwrap(), HEADER);
    // Two regions and a total row per scenario.
    assert_eq!(text.lines().count(), 1 + 4 * 3);
    let rows = read_comparison(&out);
    let regions = ["Oost-Groningen", "Parkstad Limburg", "*"];
    let row = |s: &str, r: &str| &rows[&(s.to_string(), r.to_string())];

    for region in regions {
        // No money and nothing that brings money in: nothing can be done.
        let none = row("Geen budget, geen verkoop", region);
        assert_eq!(num(none, "mismatch_plan"), num(none, "mismatch_do_nothing"));
        for column in ["demolished", "transformed", "built", "gross_cost_eur"] {
            assert_eq!(num(none, column), 0.0, "{region} {column}");
        }
        assert_eq!(none["budget_used_share"], "", "no budget, no share");

        // Less money never fits better.
        let basis = row("Basis", region);
        let less = row("Budget 20 % lager", region);
        assert!(num(less, "mismatch_plan") >= num(basis, "mismatch_plan") * (1.0 - 1e-9));
        assert_eq!(
            num(less, "mismatch_do_nothing"),
            num(basis, "mismatch_do_nothing")
        );
        let budget = num(basis, "budget_eur") * 0.8;
        assert!((num(less, "budget_eur") - budget).abs() <= 1e-6 * budget);
        // Spending stays within the budget (carry-over: over the whole horizon).
        for cells in [basis, less] {
            assert!(num(cells, "net_cost_eur") <= num(cells, "budget_eur") * (1.0 + 1e-9));
            let share = num(cells, "budget_used_share");
            let expected = num(cells, "net_cost_eur") / num(cells, "budget_eur");
            assert!((share - expected).abs() < 1e-6);
        }
    }
    // The total row adds up the regions.
    for scenario in ["Basis", "Budget 20 % lager", "Krimp, sloop duurder"] {
        for column in [
            "mismatch_plan",
            "demolished",
            "gross_cost_eur",
            "budget_eur",
        ] {
            let sum = num(row(scenario, "Oost-Groningen"), column)
                + num(row(scenario, "Parkstad Limburg"), column);
            let total = num(row(scenario, "*"), column);
            assert!(
                (sum - total).abs() <= 1e-5 * total.abs().max(1.0),
                "{scenario} {column}"
            );
        }
    }
    // More households leaving (and more frictional vacancy) means a worse do-nothing.
    assert!(
        num(row("Krimp, sloop duurder", "*"), "mismatch_do_nothing")
            > num(row("Basis", "*"), "mismatch_do_nothing")
    );
}

#[test]
fn compare_writes_the_diff_the_charts_the_report_and_every_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("compare");
    compare_into(&out);

    let diff = fs::read_to_string(out.join("input_diff.md")).unwrap();
    assert!(diff.contains("Referentie: **Basis**"));
    assert!(diff.contains("(`factors.budget`): × 1 → × 0,8 (20 % lager)"));
    assert!(diff.contains("(`households_variant`): base → krimp"));
    assert!(diff.contains("(`settings.friction_vacancy`): 2 % → 3 %"));
    assert!(diff.contains("(`factors.cost.sale`): × 1 → × 0,5 (50 % lager)"));
    // A different base case: which of its files differ.
    assert!(diff.contains("andere bestanden (SHA-256): transformations.csv;"));

    for stem in ["1_mismatch_per_region", "2_stock_trajectories"] {
        let svg = fs::read_to_string(out.join(format!("charts/{stem}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"), "{stem}");
        assert!(
            svg.contains("Budget 20 % lager"),
            "{stem} names the scenarios"
        );
        let png = fs::read(out.join(format!("charts/{stem}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG", "{stem}");
    }

    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<figure").count(), 2);
    assert!(html.contains("Geen budget, geen verkoop"));
    assert!(html.contains("Verschillen in de invoer"));
    assert!(html.contains("href=\"plans/budget-min20/report.html\""));
    assert!(!html.contains("src=\"http"), "self-contained");

    for stem in ["basis", "budget-min20", "zonder-budget", "krimp-duurder"] {
        let summary: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(out.join(format!("plans/{stem}/summary.json"))).unwrap(),
        )
        .unwrap();
        assert!(summary["scenario"]["name"].is_string(), "{stem}");
        assert!(out.join(format!("plans/{stem}/plan.csv")).is_file());
    }
}

#[test]
fn compare_is_deterministic_and_independent_of_the_number_of_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    compare_into(&a);
    restock()
        .arg("compare")
        .args(SCENARIOS)
        .args(["--jobs", "1", "--out"])
        .arg(&b)
        .assert()
        .success();
    assert_same_files(
        &a,
        &b,
        &[
            "comparison.csv",
            "input_diff.md",
            "charts/1_mismatch_per_region.svg",
        ],
    );
}

#[test]
fn bad_scenarios_are_refused_all_at_once_and_leave_earlier_results() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("compare");
    compare_into(&out);
    let before = fs::read(out.join("comparison.csv")).unwrap();

    let bad = tmp.path().join("bad.toml");
    fs::write(
        &bad,
        format!(
            "name = 'Basis'\nbase = '{}'\n[factors]\nbudget = -1\n",
            root().join("inputs/example").display()
        ),
    )
    .unwrap();
    restock()
        .arg("compare")
        .arg(SCENARIOS[0])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("line 4, column factors.budget"))
        .stderr(contains("negative"));
    assert_eq!(fs::read(out.join("comparison.csv")).unwrap(), before);

    // Two scenarios with one name cannot be told apart in the table.
    restock()
        .arg("compare")
        .args([SCENARIOS[0], SCENARIOS[0]])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("give every scenario its own name"));
    // One file is not a comparison.
    restock().args(["compare", SCENARIOS[0]]).assert().code(2);
    assert_eq!(fs::read(out.join("comparison.csv")).unwrap(), before);
}

/// The terminal table stays a table when a scenario's name is longer than the name
/// column: every row's figures end where the header's do.
#[test]
fn the_terminal_table_fits_long_scenario_names() {
    let tmp = tempfile::tempdir().unwrap();
    let output = restock()
        .args([
            "compare",
            "scenarios/basis.toml",
            "scenarios/rijk-extra.toml",
            "--out",
        ])
        .arg(tmp.path().join("out"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().take(3).collect();
    assert!(
        lines[2].starts_with("Rijk € 50 mln extra in Parkstad "),
        "{text}"
    );
    let width = |l: &str| l.chars().count();
    assert_eq!(width(lines[1]), width(lines[0]), "{text}");
    assert_eq!(width(lines[2]), width(lines[0]), "{text}");
}
