//! Observed vacancy (spec v2 §3, §5): `vacant_dwellings` in municipalities.csv and the
//! dwellings-per-household factor κ[m] = (Σ_s S0 − V0) / H[m,y_0] that calibrates demand.
//! Optima computed by hand, the checks of the new column (file, line, column, exit code 2),
//! the Dutch spelling, and a case without the column keeping its v1 outputs byte for byte.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{
    assert_close, assert_same_files, one_municipality, plan_into, segment, vector, vector_copy,
};
use restock::case::{Case, Mode, SegmentCosts};
use restock::decompose::solve_by_region;
use restock::input::{read_case, ReadOptions};
use restock::metrics::{do_nothing_path, gross_cost_eur, mismatch, plan_path};
use restock::solve::{solve, SolveOptions, SolverChoice};
use restock::{Error, InputError};

/// Replaces the one occurrence of `from` in `file`.
fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {file}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn errors(dir: &Path) -> Vec<InputError> {
    match read_case(dir, &ReadOptions::default()) {
        Ok(_) => panic!("expected errors"),
        Err(Error::Input(errors)) => errors,
        Err(e) => panic!("expected input errors, got {e}"),
    }
}

/// The one error must be at `file`, `line`, `column` and mention `needle`; the binary
/// must refuse the case with exit code 2 and the same place in its message.
fn only_error(dir: &Path, file: &str, line: u64, column: &str, needle: &str) {
    let errs = errors(dir);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    let text = e.to_string();
    assert_eq!(e.at.file, file, "{text}");
    assert_eq!(e.at.line, Some(line), "{text}");
    assert_eq!(e.at.column.as_deref(), Some(column), "{text}");
    assert!(text.contains(needle), "{needle:?} not in {text}");

    let out = dir.join("out");
    let assert = Command::cargo_bin("restock")
        .unwrap()
        .arg("plan")
        .arg(dir)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for part in [file, &format!("line {line}"), column, needle] {
        assert!(stderr.contains(part), "{part:?} not in {stderr}");
    }
    assert!(!out.exists(), "no output folder for refused input");
}

fn lp(case: &Case) -> restock::plan::Plan {
    solve(case, &SolveOptions::default()).expect("solves")
}

// ---- κ by hand ---------------------------------------------------------------------

/// Total mode. Stock 1,000, households 1,000 in 2020 and 900 in 2030, 100 dwellings
/// observed vacant, friction 2 %, one tier of weight 1, demolition €10,000, removal cap
/// 2 % · 10 years · 1,000 = 200.
///
/// - κ = (1,000 − 100) / 1,000 = 0.9;
/// - D(2030) = 1.02 · 0.9 · 900 = 826.2 (without κ: 1.02 · 900 = 918);
/// - do nothing: surplus 1,000 − 826.2 = 173.8 dwellings for 10 years → Z1 = 1,738;
/// - plan: demolish 173.8 (≤ 200) → Z1 = 0, cost 173.8 · €10,000 = €1,738,000
///   (without κ it would be 82 dwellings, €820,000).
/// - Base year: D(2020) = 1.02 · 0.9 · 1,000 = 918, so the structural surplus in 2020 is
///   1,000 − 918 = 82 = the observed 100 vacant minus 2 % friction on 900 occupied.
#[test]
fn kappa_calibrates_total_demand_by_hand() {
    let mut case = one_municipality(1000.0, 900.0);
    case.settings.friction_vacancy = 0.02;
    case.municipalities[0].vacant_dwellings = Some(100.0);
    assert_close(case.dwellings_per_household(0), 0.9, "κ");
    assert!(case.vacancy_calibrated());
    assert_close(case.demand(0, 0, None), 918.0, "D(2020)");
    assert_close(case.demand(0, 1, None), 826.2, "D(2030)");

    let plan = lp(&case);
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        1738.0,
        "Z1 do nothing",
    );
    assert_close(plan.stage1_mismatch, 0.0, "Z1*");
    assert_close(plan.demolish[0][0][0], 173.8, "demolished");
    assert_close(gross_cost_eur(&case, &plan), 1_738_000.0, "Z2");

    // Without the figure κ is exactly 1: the v1 optimum.
    case.municipalities[0].vacant_dwellings = None;
    assert_eq!(case.dwellings_per_household(0), 1.0);
    assert!(!case.vacancy_calibrated());
    assert_eq!(case.demand(0, 1, None), 1.02 * 900.0);
    let plan = lp(&case);
    assert_close(plan.demolish[0][0][0], 82.0, "demolished without κ");
    assert_close(gross_cost_eur(&case, &plan), 820_000.0, "Z2 without κ");
}

/// Segment mode. Segments A (600) and B (400), shares 0.5 / 0.5, households 1,000 in 2020
/// and 900 in 2030, V0 = 100, no friction; removal cap 2 % · 10 · S0; new-build cap
/// 1 % · 10 · 1,000 = 100; demolition €10,000, new build €200,000; shortage weight 2.
///
/// - κ = (1,000 − 100) / 1,000 = 0.9; D(A) = D(B) = 0.5 · 0.9 · 900 = 405;
/// - do nothing: A surplus 195 · 10 = 1,950; B shortage 5 · 2 · 10 = 100 → Z1 = 2,050;
/// - plan: demolish A up to its cap 0.02 · 10 · 600 = 120 (surplus 75 left: 750), build
///   5 in B (no shortage) → Z1 = 750, cost 120 · €10,000 + 5 · €200,000 = €2,200,000.
#[test]
fn kappa_calibrates_segment_demand_by_hand() {
    let mut case = one_municipality(1000.0, 900.0);
    case.municipalities[0].vacant_dwellings = Some(100.0);
    case.segments = vec![segment("A"), segment("B")];
    case.stock0 = vec![vec![600.0, 400.0]];
    let costs = Some(SegmentCosts {
        demolish_eur: 10_000.0,
        new_build_eur: Some(200_000.0),
    });
    case.costs = vec![vec![costs, costs]];
    case.mode = Mode::Segment;
    case.demand_shares = Some(vec![vec![vec![0.5, 0.5]; 2]]);
    assert_close(case.demand(0, 1, Some(0)), 405.0, "D(A, 2030)");

    let plan = lp(&case);
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        2050.0,
        "Z1 do nothing",
    );
    assert_close(plan.stage1_mismatch, 750.0, "Z1*");
    assert_close(
        mismatch(&case, &plan_path(&case, &plan)),
        750.0,
        "Z1 of the plan",
    );
    assert_close(plan.demolish[0][0][0], 120.0, "demolished A");
    assert_close(plan.new_build[0][1][0], 5.0, "built B");
    assert_close(gross_cost_eur(&case, &plan), 2_200_000.0, "Z2");
}

/// κ is the same whichever way the case is solved: by region (each region its own LP)
/// and with Clarabel, on the v2 vector with blank and given vacancies.
#[test]
fn by_region_and_clarabel_reach_the_vacancy_vector_optimum() {
    let case = read_case(&vector("vacancy-total"), &ReadOptions::default()).unwrap();
    let expected = 330420.7554106135;
    let by_region = solve_by_region(&case, &SolveOptions::default()).expect("by region");
    let z = mismatch(&case, &plan_path(&case, &by_region));
    assert!((z - expected).abs() <= 1e-6 * expected, "by region: {z}");
    let clarabel = solve(
        &case,
        &SolveOptions {
            solver: SolverChoice::Clarabel,
            ..SolveOptions::default()
        },
    )
    .expect("Clarabel");
    let z = clarabel.stage1_mismatch;
    assert!((z - expected).abs() <= 1e-5 * expected, "Clarabel: {z}");
}

// ---- reading -----------------------------------------------------------------------

#[test]
fn blank_and_absent_figures_read_as_not_known() {
    let case = read_case(&vector("vacancy-total"), &ReadOptions::default()).unwrap();
    let v: Vec<Option<f64>> = case
        .municipalities
        .iter()
        .map(|m| m.vacant_dwellings)
        .collect();
    assert_eq!(
        v,
        [Some(2552.0), Some(1953.0), None, Some(406.0), None],
        "GM9000–GM9004"
    );
    // κ of GM9000: (20,015 + 9,713 + 3,914 + 391 − 2,552) / 30,813.5.
    let stock = 20015.0 + 9713.0 + 3914.0 + 391.0;
    assert_close(
        case.dwellings_per_household(0),
        (stock - 2552.0) / 30813.5,
        "κ GM9000",
    );
    assert_eq!(case.dwellings_per_household(2), 1.0);
    // No column: no warning about it, and nothing calibrated.
    let v1 = read_case(&vector("total-small"), &ReadOptions::default()).unwrap();
    assert!(!v1.vacancy_calibrated());
}

/// `;`, decimal comma and Windows-1252 read as in every other file.
#[test]
fn dutch_spelling_reads() {
    let dir = vector_copy("vacancy-total");
    let text = fs::read_to_string(dir.path().join("municipalities.csv")).unwrap();
    let dutch = text
        .replace(',', ";")
        .replace("2552.0", "2552,0")
        .replace("406.0", "405,5")
        .replace("Gemeente 3", "Gemeente Sûdwest");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&dutch);
    fs::write(dir.path().join("municipalities.csv"), bytes).unwrap();
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(case.municipalities[0].vacant_dwellings, Some(2552.0));
    assert_eq!(case.municipalities[3].vacant_dwellings, Some(405.5));
    assert_eq!(case.municipalities[3].name, "Gemeente Sûdwest");
    assert_eq!(case.municipalities[2].vacant_dwellings, None);
}

// ---- validation --------------------------------------------------------------------

#[test]
fn negative_vacancy_is_an_error() {
    let dir = vector_copy("vacancy-total");
    replace(dir.path(), "municipalities.csv", "2552.0", "-3");
    only_error(
        dir.path(),
        "municipalities.csv",
        2,
        "vacant_dwellings",
        "'-3' is negative",
    );
}

#[test]
fn non_numeric_vacancy_is_an_error() {
    let dir = vector_copy("vacancy-total");
    replace(dir.path(), "municipalities.csv", "1953.0", "onbekend");
    only_error(
        dir.path(),
        "municipalities.csv",
        3,
        "vacant_dwellings",
        "'onbekend' is not a number",
    );
}

/// V0 must be less than the stock: GM9003 has 7,372 + 5,329 + 921 = 13,622 dwellings.
#[test]
fn vacancy_not_below_the_stock_is_an_error() {
    let dir = vector_copy("vacancy-total");
    replace(dir.path(), "municipalities.csv", "406.0", "13622");
    only_error(
        dir.path(),
        "municipalities.csv",
        5,
        "vacant_dwellings",
        "not less than its stock of 13622 dwellings",
    );
    // One dwelling occupied is enough.
    replace(dir.path(), "municipalities.csv", "13622", "13621");
    read_case(dir.path(), &ReadOptions::default()).expect("V0 = stock − 1 reads");
}

/// A municipality without stock cannot have a vacancy figure (0 ≤ V0 < 0 is empty).
#[test]
fn vacancy_without_stock_is_an_error() {
    let dir = vector_copy("vacancy-total");
    let path = dir.path().join("stock.csv");
    let text = fs::read_to_string(&path).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with("GM9003"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, kept).unwrap();
    only_error(
        dir.path(),
        "municipalities.csv",
        5,
        "vacant_dwellings",
        "not less than its stock of 0 dwellings",
    );
}

/// κ divides by the base-year households: they must be > 0 where V0 is given.
#[test]
fn vacancy_with_no_base_year_households_is_an_error() {
    let dir = vector_copy("vacancy-total");
    // GM9003's base year row is shared by every variant.
    replace(
        dir.path(),
        "households.csv",
        "GM9003,2024,13977.4,",
        "GM9003,2024,0,",
    );
    only_error(
        dir.path(),
        "municipalities.csv",
        5,
        "vacant_dwellings",
        "0 households for it in the base year 2024",
    );
}

/// Several problems at once are all reported (the rule for every file).
#[test]
fn every_vacancy_error_is_reported_at_once() {
    let dir = vector_copy("vacancy-total");
    replace(dir.path(), "municipalities.csv", "2552.0", "-1");
    replace(dir.path(), "municipalities.csv", "406.0", "99999");
    replace(
        dir.path(),
        "stock.csv",
        "GM9004,koop,5281.0",
        "GM9004,koop,veel",
    );
    let errs = errors(dir.path());
    let places: Vec<(String, Option<u64>)> = errs
        .iter()
        .map(|e| (e.at.file.clone(), e.at.line))
        .collect();
    assert!(
        places.contains(&("municipalities.csv".into(), Some(2))),
        "{errs:#?}"
    );
    assert!(
        places.contains(&("stock.csv".into(), Some(17))),
        "{errs:#?}"
    );
    // The stock file had a bad row: the vacancy of GM9003 is not compared with a stock
    // that may be missing a row (it would be a second report of the same problem) …
    assert_eq!(errs.len(), 2, "{errs:#?}");
    // … and with the stock file whole, it is.
    replace(
        dir.path(),
        "stock.csv",
        "GM9004,koop,veel",
        "GM9004,koop,5281.0",
    );
    let errs = errors(dir.path());
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert!(errs
        .iter()
        .any(|e| e.at.line == Some(5) && e.to_string().contains("not less than its stock")));
}

// ---- v1 unchanged ------------------------------------------------------------------

/// A column of blanks is a case without vacancy figures: the same outputs byte for byte
/// (summary.json apart from the inputs' hash and timings) and no `dwellings_per_household`.
#[test]
fn blank_column_keeps_the_v1_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (v1_out, blank_out) = (tmp.path().join("v1"), tmp.path().join("blank"));
    plan_into(&vector("total-small"), &v1_out);
    let dir = vector_copy("total-small");
    let path = dir.path().join("municipalities.csv");
    let text = fs::read_to_string(&path).unwrap();
    let blank: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l},vacant_dwellings\n")
            } else {
                format!("{l},\n")
            }
        })
        .collect();
    fs::write(&path, blank).unwrap();
    plan_into(dir.path(), &blank_out);
    assert_same_files(
        &v1_out,
        &blank_out,
        &[
            "plan.csv",
            "balance.csv",
            "budget.csv",
            "transformations.csv",
        ],
    );
    let summary = |dir: &Path| {
        let text = fs::read_to_string(dir.join("summary.json")).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for key in ["timings", "peak_memory_mib", "inputs_sha256", "case"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    let (a, b) = (summary(&v1_out), summary(&blank_out));
    assert_eq!(a, b);
    assert!(a.get("dwellings_per_household").is_none());
}

// ---- summary.json ------------------------------------------------------------------

/// summary.json's `dwellings_per_household`: κ per municipality code, only where
/// `vacant_dwellings` was given, rounded to 6 decimals; balance.csv's demand follows κ.
#[test]
fn summary_reports_kappa_where_vacancy_was_given() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    plan_into(&vector("vacancy-total"), &out);
    let text = fs::read_to_string(out.join("summary.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let kappa = json["dwellings_per_household"]
        .as_object()
        .expect("dwellings_per_household");
    let codes: Vec<&str> = kappa.keys().map(String::as_str).collect();
    assert_eq!(codes, ["GM9000", "GM9001", "GM9003"]);
    // GM9000: (20,015 + 9,713 + 3,914 + 391 − 2,552) / 30,813.5 = 31,481 / 30,813.5.
    let gm9000 = kappa["GM9000"].as_f64().unwrap();
    assert_eq!(gm9000, (31481.0f64 / 30813.5 * 1e6).round() / 1e6);
    // GM9003: (7,372 + 5,329 + 921 − 406) / 13,977.4 (its base year row is shared).
    let gm9003 = kappa["GM9003"].as_f64().unwrap();
    assert_eq!(gm9003, (13216.0f64 / 13977.4 * 1e6).round() / 1e6);

    // balance.csv: demand = (1 + f) · κ · H, with f = 0.025; GM9002 has κ = 1.
    let balance = fs::read_to_string(out.join("balance.csv")).unwrap();
    let demand_of = |code: &str, year: &str| -> (f64, f64) {
        let line = balance
            .lines()
            .find(|l| l.starts_with(&format!("{code},*,{year},")))
            .unwrap_or_else(|| panic!("{code} {year}"));
        let cells: Vec<f64> = line
            .split(',')
            .skip(3)
            .map(|c| c.parse().unwrap())
            .collect();
        (cells[0], cells[1])
    };
    let (h, d) = demand_of("GM9000", "2024");
    assert_close(d, 1.025 * 31481.0 / 30813.5 * h, "GM9000 demand 2024");
    // In the base year the calibrated demand is the occupied stock plus friction.
    assert_close(d, 1.025 * 31481.0, "GM9000 demand 2024 = 1.025 · occupied");
    let (h, d) = demand_of("GM9002", "2030");
    assert_close(d, 1.025 * h, "GM9002 demand 2030 (κ = 1)");
}

// ---- what a person reads -----------------------------------------------------------

/// The report and the stock-and-demand chart say in one sentence that demand is
/// calibrated to the vacancy CBS counted in the base year — and say nothing of it for a
/// case without vacancy figures.
#[test]
fn report_and_chart_say_demand_is_calibrated() {
    let tmp = tempfile::tempdir().unwrap();
    let (with, without) = (tmp.path().join("with"), tmp.path().join("without"));
    plan_into(&vector("vacancy-total"), &with);
    plan_into(&vector("total-small"), &without);
    let sentence = "Vraag gekalibreerd op de leegstand die CBS in 2024 telde";
    let html = fs::read_to_string(with.join("report.html")).unwrap();
    assert!(html.contains(sentence), "report.html lacks the sentence");
    let svg = fs::read_to_string(with.join("charts/1_stock_demand.svg")).unwrap();
    assert!(
        svg.contains("gekalibreerd op de") && svg.contains("leegstand die CBS in 2024 telde"),
        "the chart's subtitle lacks the calibration"
    );
    let html = fs::read_to_string(without.join("report.html")).unwrap();
    assert!(!html.contains("gekalibreerd"));
    let svg = fs::read_to_string(without.join("charts/1_stock_demand.svg")).unwrap();
    assert!(!svg.contains("gekalibreerd"));
}
