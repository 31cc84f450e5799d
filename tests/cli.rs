//! The binary end to end: `restock plan` on the shipped example, the outputs' shape and
//! values, determinism, refusal of bad input with nothing lost, and the Dutch spelling.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_same_files, copy_files, plan_into, restock, root, snapshot, summary};
use predicates::str::contains;

fn header(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().next().unwrap_or_default().to_string()
}

fn close(actual: f64, expected: f64, tol: f64) -> bool {
    (actual - expected).abs() <= tol * expected.abs().max(1.0)
}

#[test]
fn plan_on_the_example_writes_every_output_with_the_spec_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("example");
    plan_into(&root().join("inputs/example"), &out);

    let expected_headers = [
        ("plan.csv", "municipality,segment,period_start,period_end,demolish,new_build,transform_out,transform_in,stock_end"),
        ("transformations.csv", "municipality,from_segment,to_segment,period_start,period_end,dwellings_in,dwellings_out,cost_eur"),
        ("balance.csv", "municipality,segment,year,households,demand,stock_do_nothing,stock_plan,surplus_do_nothing,surplus_plan,shortage_do_nothing,shortage_plan"),
        ("budget.csv", "region,period_start,period_end,budget_eur,spent_eur,shadow_price_per_meur"),
    ];
    for (file, want) in expected_headers {
        assert_eq!(header(&out.join(file)), want, "{file}");
    }
    assert!(out.join("report.html").is_file());
    let s = summary(&out);
    for key in [
        "status",
        "mismatch",
        "mismatch_do_nothing",
        "gross_cost_eur",
        "net_cost_eur",
        "mode",
        "integer",
        "solver",
        "inputs_sha256",
        "version",
        "timings",
    ] {
        assert!(s.get(key).is_some(), "summary.json lacks {key}");
    }
    assert_eq!(s["status"], "optimal");
    assert_eq!(s["mode"], "segment");
    assert_eq!(s["integer"], false);
    assert_eq!(s["solver"], "highs");
}

/// The example's optimum equals an independent solve of the same LP (the Python/highspy
/// implementation in benchmarks/python/, results in example_expected.json).
#[test]
fn plan_on_the_example_matches_the_independent_solve() {
    let text = fs::read_to_string(root().join("benchmarks/python/example_expected.json"))
        .expect("example_expected.json");
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("example");
    plan_into(&root().join("inputs/example"), &out);
    let s = summary(&out);
    for key in ["mismatch", "mismatch_do_nothing", "gross_cost_eur"] {
        let want = expected[key].as_f64().unwrap();
        let got = s[key].as_f64().unwrap();
        assert!(close(got, want, 1e-6), "{key}: {got} vs independent {want}");
    }
    // Shadow prices per region and period (unique at the optimum).
    let budget = fs::read_to_string(out.join("budget.csv")).unwrap();
    for row in expected["budget"].as_array().unwrap() {
        let region = row["region"].as_str().unwrap();
        let start = row["period_start"].as_i64().unwrap();
        let want = row["shadow_price_per_meur"].as_f64().unwrap();
        let line = budget
            .lines()
            .find(|l| l.starts_with(&format!("{region},{start},")))
            .unwrap_or_else(|| panic!("budget.csv has no row for {region} {start}"));
        let got: f64 = line.rsplit(',').next().unwrap().parse().unwrap();
        assert!(
            close(got, want, 1e-5),
            "shadow price {region} {start}: {got} vs {want}"
        );
    }
}

#[test]
fn two_runs_give_byte_identical_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    plan_into(&root().join("inputs/example"), &a);
    plan_into(&root().join("inputs/example"), &b);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (name, bytes) in &sa {
        if name == "summary.json" || name == "report.html" {
            continue; // these hold the timings
        }
        assert!(bytes == &sb[name], "{name} differs between two runs");
    }
    let strip = |mut v: serde_json::Value| {
        v.as_object_mut().unwrap().remove("timings");
        v.as_object_mut().unwrap().remove("peak_memory_mib");
        v
    };
    assert_eq!(strip(summary(&a)), strip(summary(&b)));
}

#[test]
fn dutch_spreadsheet_spelling_gives_the_same_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let vectors = root().join("tests/data/vectors");
    let (plain, dutch) = (tmp.path().join("plain"), tmp.path().join("dutch"));
    plan_into(&vectors.join("total-small"), &plain);
    plan_into(&vectors.join("dutch-spelling"), &dutch);
    let strip = |mut v: serde_json::Value| {
        let o = v.as_object_mut().unwrap();
        for key in ["timings", "peak_memory_mib", "inputs_sha256", "case"] {
            o.remove(key);
        }
        v
    };
    assert_eq!(strip(summary(&plain)), strip(summary(&dutch)));
    assert_same_files(
        &plain,
        &dutch,
        &[
            "plan.csv",
            "balance.csv",
            "budget.csv",
            "transformations.csv",
        ],
    );
}

#[test]
fn validate_describes_the_example() {
    restock()
        .args(["validate", "inputs/example"])
        .assert()
        .success()
        .stdout(contains("gemeenten:      4"))
        .stdout(contains("segment"));
}

#[test]
fn help_shows_examples() {
    restock()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Examples:"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    restock().args(["plan", "--frobnicate"]).assert().code(2);
}

#[test]
fn integer_with_clarabel_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    restock()
        .args([
            "plan",
            "inputs/example",
            "--integer",
            "--solver",
            "clarabel",
            "--out",
        ])
        .arg(tmp.path().join("x"))
        .assert()
        .code(2)
        .stderr(contains("--integer"));
}

/// Copies a case folder into `dir` so a test can break one file of it.
fn copy_case(from: &Path, dir: &Path) -> PathBuf {
    let to = dir.join("case");
    copy_files(from, &to);
    to
}

/// Each class of bad input: exit 2, a message naming file and line (and column where
/// there is one), and the previous output folder byte-identical.
#[test]
fn bad_input_is_refused_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let source = root().join("tests/data/vectors/total-small");
    plan_into(&source, &out);
    let before = snapshot(&out);

    // (file, edit, what the message must contain)
    type Edit = fn(&str) -> String;
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        (
            "stock.csv",
            |t| t.replacen("20101.0", "-5", 1),
            vec!["stock.csv", "line 2", "dwellings"],
        ),
        (
            "stock.csv",
            |t| t.replacen("20101.0", "veel", 1),
            vec!["stock.csv", "line 2", "dwellings"],
        ),
        (
            "stock.csv",
            |t| t.replacen("20101.0", "NaN", 1),
            vec!["stock.csv", "line 2", "dwellings"],
        ),
        (
            "stock.csv",
            |t| t.replacen("20101.0", "inf", 1),
            vec!["stock.csv", "line 2", "dwellings"],
        ),
        (
            "stock.csv",
            |t| t.replacen("GM9000", "GM1234", 1),
            vec!["stock.csv", "line 2", "GM1234"],
        ),
        (
            "stock.csv",
            |t| t.replacen("koop", "kopen", 1),
            vec!["stock.csv", "line 2", "kopen"],
        ),
        (
            "municipalities.csv",
            |t| t.replacen("Regio A", "Regio Z", 1),
            vec!["Regio Z"],
        ),
        (
            "stock.csv",
            |t| format!("{t}GM9000,koop,5\n"),
            vec!["stock.csv", "line 13"],
        ),
        (
            "stock.csv",
            |t| t.replacen("dwellings", "woningen", 1),
            vec!["stock.csv", "dwellings"],
        ),
        ("stock.csv", |_| String::new(), vec!["stock.csv"]),
        (
            "stock.csv",
            |t| t.replacen("GM9000,koop,20101.0", "GM9000,koop", 1),
            vec!["stock.csv", "line 2"],
        ),
        (
            "settings.toml",
            |t| t.replacen("friction_vacancy = 0.025", "friction_vacancy = 1.5", 1),
            vec!["settings.toml", "friction_vacancy"],
        ),
        (
            "settings.toml",
            |t| t.replacen("base_year = 2024", "base_year = = 2024", 1),
            vec!["settings.toml", "line 1"],
        ),
        (
            "settings.toml",
            |t| t.replacen("milestones = [2040, 2050]", "milestones = [2050, 2040]", 1),
            vec!["settings.toml", "milestones"],
        ),
        (
            "settings.toml",
            |t| t.replacen("milestones = [2040, 2050]", "milestones = [2040, 2060]", 1),
            vec!["households.csv", "2060"],
        ),
        (
            "households.csv",
            |t| t.replacen("GM9001,2024,11817.0,\n", "", 1),
            vec!["households.csv", "GM9001", "2024"],
        ),
    ];
    for (file, edit, needles) in cases {
        let dir = tempfile::tempdir().unwrap();
        let case = copy_case(&source, dir.path());
        let text = fs::read_to_string(case.join(file)).unwrap();
        let edited = edit(&text);
        assert_ne!(text, edited, "the edit of {file} changed nothing");
        fs::write(case.join(file), edited).unwrap();
        let assert = restock()
            .arg("plan")
            .arg(&case)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "{file}: message lacks {needle:?}:\n{stderr}"
            );
        }
        assert_eq!(
            snapshot(&out),
            before,
            "{file}: the previous outputs changed"
        );
    }

    // A missing file.
    let dir = tempfile::tempdir().unwrap();
    let case = copy_case(&source, dir.path());
    fs::remove_file(case.join("budgets.csv")).unwrap();
    restock()
        .arg("plan")
        .arg(&case)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("budgets.csv"));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn all_errors_of_a_case_come_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let case = copy_case(&root().join("tests/data/vectors/total-small"), dir.path());
    let stock = fs::read_to_string(case.join("stock.csv")).unwrap();
    fs::write(case.join("stock.csv"), stock.replacen("20101.0", "-1", 1)).unwrap();
    let costs = fs::read_to_string(case.join("costs.csv")).unwrap();
    fs::write(case.join("costs.csv"), costs.replacen("150000.0", "abc", 1)).unwrap();
    restock()
        .arg("validate")
        .arg(&case)
        .assert()
        .code(2)
        .stderr(contains("stock.csv"))
        .stderr(contains("costs.csv"));
}

/// `--by-region` solves region by region and reaches the monolithic optimum: the same
/// mismatch and gross cost (relative 1e-6); summary.json says how long each part took
/// and how much memory the run held.
#[test]
fn by_region_reaches_the_monolithic_optimum() {
    let tmp = tempfile::tempdir().unwrap();
    let (whole, parts) = (tmp.path().join("whole"), tmp.path().join("parts"));
    let case = root().join("inputs/krimpregios");
    plan_into(&case, &whole);
    restock()
        .arg("plan")
        .arg(&case)
        .args(["--by-region", "--jobs", "2", "--out"])
        .arg(&parts)
        .assert()
        .success();
    let (a, b) = (summary(&whole), summary(&parts));
    for key in ["mismatch", "mismatch_stage1", "gross_cost_eur"] {
        let (x, y) = (a[key].as_f64().unwrap(), b[key].as_f64().unwrap());
        assert!(close(y, x, 1e-6), "{key}: by region {y}, monolithic {x}");
    }
    for phase in [
        "read",
        "validate",
        "build",
        "solve_stage1",
        "solve_stage2",
        "write",
    ] {
        assert!(
            a["timings"][phase].is_number(),
            "monolithic: no {phase} timing"
        );
        assert!(
            b["timings"][phase].is_number(),
            "by region: no {phase} timing"
        );
    }
    for phase in ["solve_regions", "solve_slack", "solve_wall"] {
        assert!(
            b["timings"][phase].is_number(),
            "by region: no {phase} timing"
        );
    }
    for s in [&a, &b] {
        let peak = s["peak_memory_mib"].as_f64().expect("peak_memory_mib");
        assert!(peak > 1.0 && peak < 100_000.0, "peak memory {peak} MiB");
    }
}

#[test]
fn jobs_without_by_region_is_a_usage_error() {
    restock()
        .args(["plan", "inputs/example", "--jobs", "2"])
        .assert()
        .code(2)
        .stderr(contains("--by-region"));
}

#[test]
fn jobs_with_robust_is_accepted_and_plans() {
    // A robust plan is solved region by region on the --jobs pool: no --by-region needed.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args(["plan", "inputs/example", "--robust", "--jobs", "1", "--out"])
        .arg(&out)
        .assert()
        .success();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert!(summary["robust"]["expected_mismatch"].as_f64().is_some());
}
