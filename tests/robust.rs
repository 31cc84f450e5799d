//! Robust plans over projection variants (spec v2 §6b): the v2 conformance vectors
//! (robust-expected, robust-regret, robust-weights), the output files of a robust run, a
//! two-variant case computed by hand, properties on random cases, and the validation of
//! the `[robust]` table.

mod random_case;

use std::path::{Path, PathBuf};

use restock::case::{Case, Criterion, RobustSettings};
use restock::input::{read_case, ReadOptions};
use restock::plan::RobustPlan;
use restock::solve::{solve_robust, SolveOptions, SolverChoice};
use restock::{Error, InputError};

fn vector(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vectors")
        .join(name)
}

/// The case of `dir` once per variant of its robust settings (as `restock plan` reads it).
fn variant_cases(dir: &Path, robust: bool) -> Vec<Case> {
    let options = ReadOptions {
        robust,
        ..ReadOptions::default()
    };
    let first = read_case(dir, &options).expect("the case reads");
    let variants = first.settings.robust.clone().expect("robust mode").variants;
    variants
        .iter()
        .map(|v| {
            let options = ReadOptions {
                variant: Some(v.clone()),
                robust,
                ..ReadOptions::default()
            };
            read_case(dir, &options).expect("the variant's case reads")
        })
        .collect()
}

fn relative_difference(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs().max(1.0)
}

#[track_caller]
fn assert_close(what: &str, actual: f64, expected: f64, tolerance: f64) {
    let d = relative_difference(actual, expected);
    assert!(
        d <= tolerance,
        "{what}: {actual} vs expected {expected} (relative difference {d:e} > {tolerance:e})"
    );
}

fn check_vector(name: &str, solver: SolverChoice, tolerance: f64) -> RobustPlan {
    let dir = vector(name);
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let cases = variant_cases(&dir, false);
    let options = SolveOptions {
        solver,
        ..SolveOptions::default()
    };
    let one_model = solve_robust(&cases, &options).expect("the robust case solves");
    // Region by region (one region: the one model again) the figures are the same.
    let by_region = restock::decompose::solve_robust_by_region(&cases, &options)
        .expect("the robust case solves region by region");
    for plan in [&one_model, &by_region] {
        check_figures(plan, &cases, &expected, tolerance);
    }
    one_model
}

fn check_figures(plan: &RobustPlan, cases: &[Case], expected: &serde_json::Value, tolerance: f64) {
    let num = |key: &str| expected[key].as_f64().unwrap();
    assert_eq!(
        plan.criterion.as_str(),
        expected["criterion"].as_str().unwrap()
    );
    assert_close(
        "expected mismatch E*",
        plan.expected_mismatch,
        num("expected_mismatch"),
        tolerance,
    );
    assert_close("EVPI", plan.evpi(), num("evpi"), tolerance.max(1e-6));
    assert_close(
        "expected gross cost",
        plan.expected_gross_cost_eur(),
        num("gross_cost_eur"),
        tolerance,
    );
    assert_close(
        "expected do-nothing mismatch",
        plan.expected_mismatch_do_nothing(),
        num("mismatch_do_nothing"),
        1e-9,
    );
    for (w, name) in plan.variants.iter().enumerate() {
        assert_close(
            &format!("mismatch_alone of {name}"),
            plan.mismatch_alone[w],
            expected["mismatch_alone"][name].as_f64().unwrap(),
            tolerance,
        );
    }
    if let Some(max_regret) = expected["max_regret"].as_f64() {
        // Tolerance note of the vector: stages 2–3 may spend up to 1e-7 · max(Z1*) +
        // 1e-6 of the worst regret.
        let widest = plan.mismatch_alone.iter().copied().fold(0.0, f64::max);
        let allowed = 1e-7 * widest + 1e-6 + tolerance * max_regret.abs().max(1.0);
        assert!(
            (plan.max_regret() - max_regret).abs() <= allowed,
            "worst regret {} vs expected {max_regret} (allowed {allowed})",
            plan.max_regret()
        );
    }
    // Each variant's plan alone reaches its own optimum Z1*_ω.
    assert_eq!(plan.plans_alone.len(), plan.variants.len());
    for (w, (case, alone)) in cases.iter().zip(&plan.plans_alone).enumerate() {
        let z1 = restock::metrics::mismatch(case, &restock::metrics::plan_path(case, alone));
        assert_close("the plan alone's Z1", z1, plan.mismatch_alone[w], tolerance);
        assert_eq!(alone.stage1_mismatch, plan.mismatch_alone[w]);
    }
    // The plan's own E is within stage 2's tolerance of E*.
    let e = plan.plan_expected_mismatch();
    assert!(e <= plan.expected_mismatch * (1.0 + 1e-7) + 1e-6 + tolerance * e.abs());
}

#[test]
fn vector_robust_expected() {
    check_vector("robust-expected", SolverChoice::Highs, 1e-6);
}

#[test]
fn vector_robust_regret() {
    check_vector("robust-regret", SolverChoice::Highs, 1e-6);
}

#[test]
fn vector_robust_weights() {
    let plan = check_vector("robust-weights", SolverChoice::Highs, 1e-6);
    // Weights [2, 2, 1] normalised.
    assert_eq!(plan.weights, vec![0.4, 0.4, 0.2]);
    assert_eq!(plan.commit_periods, 2);
}

#[test]
fn vectors_with_clarabel() {
    check_vector("robust-expected", SolverChoice::Clarabel, 1e-5);
    check_vector("robust-regret", SolverChoice::Clarabel, 1e-5);
}

// ---------------------------------------------------------------------------------
// Output files.

fn restock() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("restock").unwrap()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn committed_periods_are_identical_across_variants_in_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args(["plan", vector("robust-weights").to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .success();
    // robust-weights: milestones 2027, 2040; commit_periods 2 = every period.
    let plan = csv_rows(&out.join("plan.csv"));
    assert_eq!(plan[0][0], "variant");
    let variants = ["laag", "base", "hoog"];
    let per_variant: Vec<Vec<Vec<String>>> = variants
        .iter()
        .map(|v| {
            plan.iter()
                .skip(1)
                .filter(|r| r[0] == *v)
                .map(|r| r[1..].to_vec())
                .collect()
        })
        .collect();
    assert!(!per_variant[0].is_empty());
    // The variants appear in robust.variants order.
    let order: Vec<&str> = plan.iter().skip(1).map(|r| r[0].as_str()).collect();
    let first_of = |v: &str| order.iter().position(|x| *x == v).unwrap();
    assert!(first_of("laag") < first_of("base") && first_of("base") < first_of("hoog"));
    // Actions (demolish, new_build, transform_out, transform_in) of committed periods.
    let actions = |rows: &Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.iter().map(|r| r[..8].to_vec()).collect()
    };
    assert_eq!(actions(&per_variant[0]), actions(&per_variant[1]));
    assert_eq!(actions(&per_variant[0]), actions(&per_variant[2]));
    let commitment = csv_rows(&out.join("commitment.csv"));
    assert_eq!(
        commitment[0],
        [
            "municipality",
            "segment",
            "period_start",
            "period_end",
            "demolish",
            "new_build",
            "transform_out",
            "transform_in"
        ]
    );
    assert_eq!(commitment[1..].to_vec(), actions(&per_variant[0]));
    for table in ["transformations.csv", "balance.csv", "budget.csv"] {
        let rows = csv_rows(&out.join(table));
        assert_eq!(rows[0][0], "variant", "{table}");
        for v in variants {
            assert!(rows.iter().any(|r| r[0] == v), "{table} lacks {v}");
        }
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let robust = &summary["robust"];
    assert_eq!(robust["criterion"], "expected");
    assert_eq!(robust["commit_periods"], 2);
    assert_eq!(robust["variants"].as_array().unwrap().len(), 3);
    assert_eq!(summary["mismatch"], robust["expected_mismatch"]);
    assert!(out.join("report.html").exists() && out.join("report.xlsx").exists());
}

#[test]
fn commit_one_period_then_the_variants_adapt() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args(["plan", vector("robust-regret").to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .success();
    // robust-regret: periods 2025–2030 and 2031–2032, one committed.
    let plan = csv_rows(&out.join("plan.csv"));
    let rows_of = |v: &str, start: &str| -> Vec<Vec<String>> {
        plan.iter()
            .filter(|r| r[0] == v && r[3] == start)
            .map(|r| r[1..9].to_vec())
            .collect()
    };
    assert_eq!(rows_of("base", "2025"), rows_of("hoog", "2025"));
    assert_eq!(rows_of("base", "2025"), rows_of("laag", "2025"));
    assert_ne!(rows_of("hoog", "2031"), rows_of("laag", "2031"));
    let commitment = csv_rows(&out.join("commitment.csv"));
    assert!(commitment.iter().skip(1).all(|r| r[2] == "2025"));
}

#[test]
fn a_plain_plan_has_no_commitment_and_no_variant_column() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .args(["plan", vector("total-small").to_str().unwrap(), "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(!out.join("commitment.csv").exists());
    assert_eq!(csv_rows(&out.join("plan.csv"))[0][0], "municipality");
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(!summary.contains("\"robust\""));
}

// ---------------------------------------------------------------------------------
// A two-variant case by hand.

/// One municipality, one segment, stock 100, one period of one year (2025), f = 0, one
/// surplus tier of weight 1, shortage weight 2, up to all of the stock may be
/// demolished (cost 1000 € each, budget plenty), no new building. Households 100 at the
/// base year; in 2025 variant "laag" has 80, variant "hoog" 100.
fn hand_case(robust: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("municipalities.csv", "code,name,region\nGM0001,Een,R\n"),
        ("segments.csv", "segment\nhuur\n"),
        (
            "stock.csv",
            "municipality,segment,dwellings\nGM0001,huur,100\n",
        ),
        (
            "households.csv",
            "municipality,year,households,variant\nGM0001,2024,100,\nGM0001,2025,80,laag\n\
             GM0001,2025,100,hoog\n",
        ),
        ("costs.csv", "segment,demolish_eur\nhuur,1000\n"),
        ("budgets.csv", "region,year,budget_eur\nR,2025,1000000000\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let settings = format!(
        "base_year = 2024\nmilestones = [2025]\nhouseholds_variant = \"laag\"\n\
         friction_vacancy = 0\nmax_removal_share_per_year = 1.0\n\
         max_new_build_share_per_year = 0\nweight_surplus = 1\nweight_shortage = 2\n\
         surplus_tiers = [[inf, 1.0]]\n{robust}"
    );
    std::fs::write(dir.path().join("settings.toml"), settings).unwrap();
    dir
}

fn solve_hand(robust: &str) -> RobustPlan {
    let dir = hand_case(robust);
    solve_robust(&variant_cases(dir.path(), false), &SolveOptions::default()).unwrap()
}

fn demolished(plan: &RobustPlan, w: usize) -> f64 {
    plan.plans[w].demolish[0][0][0]
}

#[test]
fn hand_case_expected_equal_weights_demolishes_nothing() {
    // Alone: "laag" demolishes 20 (Z1* = 0), "hoog" nothing (Z1* = 0): two different
    // optima. Committed d (0 ≤ d ≤ 20): laag has surplus 20 − d (weight 1), hoog a
    // shortage of d (weight 2). E(d) = ½(20 − d) + ½ · 2d = 10 + d/2: least at d = 0,
    // E* = 10, EVPI = 10 − 0 = 10; regrets 10·2 = 20 (laag) and 0 (hoog).
    let plan = solve_hand("[robust]\n");
    assert_eq!(plan.variants, ["hoog", "laag"]);
    assert!((plan.expected_mismatch - 10.0).abs() < 1e-6);
    assert!(demolished(&plan, 0).abs() < 1e-6 && demolished(&plan, 1).abs() < 1e-6);
    assert!(plan.mismatch_alone.iter().all(|z| z.abs() < 1e-6));
    assert!((plan.evpi() - 10.0).abs() < 1e-6);
    assert!((plan.max_regret() - 20.0).abs() < 1e-6);
}

#[test]
fn hand_case_expected_weighted_demolishes_laag_optimum() {
    // Weights laag 3, hoog 1 (π = ¾, ¼): E(d) = ¾(20 − d) + ¼ · 2d = 15 − d/4: least at
    // d = 20 (laag's own optimum), E* = ¼ · 40 = 10; hoog's regret 40.
    let plan = solve_hand("[robust]\nvariants = [\"laag\", \"hoog\"]\nweights = [3, 1]\n");
    assert!((plan.expected_mismatch - 10.0).abs() < 1e-6);
    // Stage 2 may give up E* · 1e-7 + 1e-6 = 2e-6 of E to save cost: 8e-6 dwellings.
    assert!((demolished(&plan, 0) - 20.0).abs() < 1e-5, "{plan:?}");
    assert!((plan.mismatch[1] - 40.0).abs() < 1e-4);
    assert!((plan.evpi() - 10.0).abs() < 1e-6);
}

#[test]
fn hand_case_regret_commits_between_the_two_optima() {
    // Regret: R(d) = max(20 − d, 2d), least where 20 − d = 2d: d = 20/3, R* = 40/3.
    // Both regrets are 40/3, E = 40/3 with equal weights, EVPI = 40/3.
    let plan = solve_hand("[robust]\ncriterion = \"regret\"\n");
    assert_eq!(plan.criterion, Criterion::Regret);
    for w in 0..2 {
        assert!((demolished(&plan, w) - 20.0 / 3.0).abs() < 1e-5);
    }
    assert!((plan.max_regret() - 40.0 / 3.0).abs() < 1e-5);
    for r in plan.regrets() {
        assert!((r - 40.0 / 3.0).abs() < 1e-5);
    }
    assert!((plan.evpi() - 40.0 / 3.0).abs() < 1e-5);
}

#[test]
fn hand_case_with_clarabel() {
    let dir = hand_case("[robust]\ncriterion = \"regret\"\n");
    let options = SolveOptions {
        solver: SolverChoice::Clarabel,
        ..SolveOptions::default()
    };
    let plan = solve_robust(&variant_cases(dir.path(), false), &options).unwrap();
    assert!((plan.max_regret() - 40.0 / 3.0).abs() < 1e-4);
}

#[test]
fn robust_flag_switches_on_the_defaults() {
    let dir = hand_case("");
    let plain = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert!(plain.settings.robust.is_none());
    let cases = variant_cases(dir.path(), true);
    assert_eq!(
        cases[0].settings.robust,
        Some(RobustSettings {
            variants: vec!["hoog".into(), "laag".into()],
            weights: vec![0.5, 0.5],
            criterion: Criterion::Expected,
            commit_periods: 1,
        })
    );
}

#[test]
fn integer_with_robust_is_a_usage_error() {
    let dir = hand_case("[robust]\n");
    let options = SolveOptions {
        integer: true,
        ..SolveOptions::default()
    };
    match solve_robust(&variant_cases(dir.path(), false), &options) {
        Err(e @ Error::Usage(_)) => {
            assert_eq!(e.exit_code(), 2);
            assert!(e.to_string().contains("--integer"), "{e}");
        }
        other => panic!("expected a usage error, got {other:?}"),
    }
    restock()
        .args(["plan", "--robust", "--integer", "--out"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--integer"));
}

// ---------------------------------------------------------------------------------
// Validation of the [robust] table.

fn errors_of(robust: &str) -> Vec<InputError> {
    let dir = hand_case(robust);
    match read_case(dir.path(), &ReadOptions::default()) {
        Err(Error::Input(errors)) => errors,
        other => panic!("expected input errors for {robust:?}, got {other:?}"),
    }
}

#[track_caller]
fn assert_error(errors: &[InputError], column: &str, line: u64, words: &[&str]) {
    let found = errors
        .iter()
        .find(|e| e.at.column.as_deref() == Some(column));
    let Some(e) = found else {
        panic!("no error on {column}: {errors:?}");
    };
    assert_eq!(e.at.file, "settings.toml");
    assert_eq!(e.at.line, Some(line), "{e:?}");
    for w in words {
        assert!(e.message.contains(w), "{:?} lacks {w:?}", e.message);
    }
}

// The settings of hand_case take 9 lines; `[robust]` is line 10.

#[test]
fn unknown_variant_gets_a_did_you_mean() {
    let errors = errors_of("[robust]\nvariants = [\"laag\", \"hooog\"]\n");
    assert_error(
        &errors,
        "robust.variants",
        11,
        &["hooog", "did you mean 'hoog'"],
    );
}

#[test]
fn one_variant_is_not_enough() {
    let errors = errors_of("[robust]\nvariants = [\"laag\"]\n");
    assert_error(&errors, "robust.variants", 11, &["at least two"]);
}

#[test]
fn weights_are_checked_all_at_once() {
    let errors = errors_of(
        "[robust]\nweights = [1, 2]\ncriterion = \"regrett\"\ncommit_periods = 2\nvariant = 1\n",
    );
    assert_error(&errors, "robust.weights", 11, &["needs robust.variants"]);
    assert_error(&errors, "robust.criterion", 12, &["did you mean 'regret'"]);
    assert_error(&errors, "robust.commit_periods", 13, &["between 1 and 1"]);
    assert_error(&errors, "robust.variant", 14, &["did you mean 'variants'"]);
    assert_eq!(errors.len(), 4, "{errors:?}");
}

#[test]
fn weights_one_per_variant_and_positive() {
    let errors = errors_of("[robust]\nvariants = [\"laag\", \"hoog\"]\nweights = [1]\n");
    assert_error(&errors, "robust.weights", 12, &["one weight per variant"]);
    let errors = errors_of("[robust]\nvariants = [\"laag\", \"hoog\"]\nweights = [1, 0]\n");
    assert_error(&errors, "robust.weights", 12, &["> 0"]);
    let errors = errors_of("[robust]\ncommit_periods = 0\n");
    assert_error(&errors, "robust.commit_periods", 11, &["≥ 1"]);
}

#[test]
fn validation_errors_exit_2_naming_file_line_and_key() {
    let dir = hand_case("[robust]\ncriterion = \"regrett\"\n");
    restock()
        .args(["plan", "--out"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("settings.toml"))
        .stderr(predicates::str::contains("11"))
        .stderr(predicates::str::contains("robust.criterion"));
}

// ---------------------------------------------------------------------------------
// Properties on random cases.

#[test]
fn random_cases_evpi_and_regrets_are_not_negative_and_full_commitment_is_one_plan() {
    use random_case::{draw, funders_case, mismatch_tol, with_variants, Limits};
    let mut cases = draw(random_case::case(Limits::lp()), 8, 21);
    cases.extend(draw(funders_case(Limits::lp()), 4, 22));
    for (i, case) in cases.iter().enumerate() {
        let periods = case.periods.len();
        for (commit, regret) in [(1, i % 2 == 0), (periods, i % 2 == 1)] {
            let criterion = if regret {
                Criterion::Regret
            } else {
                Criterion::Expected
            };
            let variants = with_variants(case, &[0.9, 1.0, 1.08], &[1.0; 3], criterion, commit);
            let plan = solve_robust(&variants, &SolveOptions::default())
                .unwrap_or_else(|e| panic!("case {i}: {e}"));
            let scale = plan.mismatch.iter().copied().fold(0.0, f64::max);
            assert!(
                plan.evpi() >= -mismatch_tol(scale),
                "case {i}: EVPI {}",
                plan.evpi()
            );
            for r in plan.regrets() {
                assert!(r >= -mismatch_tol(scale), "case {i}: regret {r}");
            }
            for p in 0..commit {
                for w in 1..variants.len() {
                    for m in 0..case.municipalities.len() {
                        let a = &plan.plans[0];
                        let b = &plan.plans[w];
                        for s in 0..case.segments.len() {
                            assert_eq!(a.demolish[m][s][p], b.demolish[m][s][p], "case {i}");
                            assert_eq!(a.new_build[m][s][p], b.new_build[m][s][p], "case {i}");
                        }
                        for k in 0..case.transformations.len() {
                            assert_eq!(a.transform[m][k][p], b.transform[m][k][p], "case {i}");
                        }
                    }
                }
            }
            if commit == periods {
                let first = &plan.plans[0];
                for other in &plan.plans[1..] {
                    assert_eq!(first.demolish, other.demolish, "case {i}");
                    assert_eq!(first.new_build, other.new_build, "case {i}");
                    assert_eq!(first.transform, other.transform, "case {i}");
                    assert_eq!(first.stock_end, other.stock_end, "case {i}");
                    assert_eq!(first.payments, other.payments, "case {i}");
                }
            }
        }
    }
}

#[test]
fn a_scenario_can_carry_the_robust_table() {
    let case = hand_case("");
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("robuust.toml");
    std::fs::write(
        &scenario,
        format!(
            "name = \"robuust\"\nbase = \"{}\"\n[settings.robust]\ncriterion = \"regret\"\n",
            case.path().display()
        ),
    )
    .unwrap();
    let out = dir.path().join("out");
    restock()
        .args(["plan", "--scenario"])
        .arg(&scenario)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let r = summary["robust"]["max_regret"].as_f64().unwrap();
    assert!((r - 40.0 / 3.0).abs() < 1e-4, "{r}");
    // compare plans the robust scenario as one robust plan (tests/scenario_robust.rs).
    let other = dir.path().join("ander.toml");
    std::fs::write(
        &other,
        format!("name = \"ander\"\nbase = \"{}\"\n", case.path().display()),
    )
    .unwrap();
    restock()
        .args(["compare"])
        .arg(&scenario)
        .arg(&other)
        .arg("--out")
        .arg(dir.path().join("cmp"))
        .args(["--lang", "en"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Robust scenario robuust"));
}

/// The terminal shows a robust plan per variant — its mismatch, its own optimum and the
/// regret — with E, the worst regret and EVPI, taken from summary.json; not a region
/// table that would mix one variant's regions with the expected total.
#[test]
fn terminal_shows_the_variants_of_a_robust_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let output = restock()
        .args([
            "plan",
            vector("robust-regret").to_str().unwrap(),
            "--lang",
            "en",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Robust plan over 3 variants, criterion regret"),
        "{text}"
    );
    assert!(!text.contains("\ntotal "), "{text}");
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    for v in summary["robust"]["variants"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no line for {name}: {text}"));
        let regret = restock::lang::Lang::En.int(v["regret"].as_f64().unwrap());
        assert!(line.split_whitespace().any(|w| w == regret), "{line}");
    }
    let evpi = restock::lang::Lang::En.int(summary["robust"]["evpi"].as_f64().unwrap());
    assert!(text.contains(&format!("(EVPI) {evpi} weighted")), "{text}");
}
