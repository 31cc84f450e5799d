//! The conformance vectors of spec v1 and the v2 vacancy and funders vectors (tests/data/vectors/,
//! copied from the spec): each case folder must reach the optimal values that an
//! independent implementation of the spec reached, within the tolerance its
//! expected.json gives.

use std::path::{Path, PathBuf};

use restock::input::{read_case, ReadOptions};
use restock::metrics::{do_nothing_path, gross_cost_eur, mismatch, plan_path};
use restock::solve::{solve, SolveOptions};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors")
}

fn relative_difference(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs().max(1.0)
}

fn check_vector(name: &str) {
    let dir = vectors_dir().join(name);
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    let expected: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let number = |key: &str| expected[key].as_f64().unwrap_or_else(|| panic!("{key}"));
    let integer = expected["integer"].as_bool().unwrap_or(false);
    let tolerance = number("tolerance_relative");
    let cost_tolerance = expected["tolerance_relative_gross_cost"]
        .as_f64()
        .unwrap_or(tolerance);

    let case = read_case(&dir, &ReadOptions::default()).expect("vector reads");
    let options = SolveOptions {
        integer,
        ..SolveOptions::default()
    };
    let plan = solve(&case, &options).expect("vector solves");

    let checks = [
        (
            "mismatch",
            mismatch(&case, &plan_path(&case, &plan)),
            tolerance,
        ),
        (
            "mismatch_do_nothing",
            mismatch(&case, &do_nothing_path(&case)),
            tolerance,
        ),
        (
            "gross_cost_eur",
            gross_cost_eur(&case, &plan),
            cost_tolerance,
        ),
    ];
    for (key, actual, tol) in checks {
        let want = number(key);
        let diff = relative_difference(actual, want);
        assert!(
            diff <= tol,
            "{name}: {key} = {actual}, expected {want} (relative difference {diff:e} > {tol:e})"
        );
    }
}

#[test]
fn total_small() {
    check_vector("total-small");
}

#[test]
fn dutch_spelling_matches_total_small() {
    check_vector("dutch-spelling");
}

#[test]
fn total_tiers() {
    check_vector("total-tiers");
}

#[test]
fn carry_over() {
    check_vector("carry-over");
}

#[test]
fn segment_mode() {
    check_vector("segment-mode");
}

#[test]
fn segment_carry() {
    check_vector("segment-carry");
}

#[test]
fn integer_small() {
    check_vector("integer-small");
}

/// Spec v2: `vacant_dwellings` (some blank) calibrates total-mode demand with κ[m].
#[test]
fn vacancy_total() {
    check_vector("vacancy-total");
}

/// Spec v2: `vacant_dwellings` (some blank) calibrates segment-mode demand with κ[m].
#[test]
fn vacancy_segment() {
    check_vector("vacancy-segment");
}

/// Spec v2: budgets split among funders, funding.csv rules with max_share < 1, a sale
/// whose proceeds go to a named funder (C6f, C7), without carry-over.
#[test]
fn funders() {
    check_vector("funders");
}

/// Spec v2: funders with carry-over, in segment mode.
#[test]
fn funders_carry() {
    check_vector("funders-carry");
}

/// Every folder in tests/data/vectors has a test above (the robust ones in
/// tests/robust.rs), so a new vector is not silently skipped.
#[test]
fn every_vector_folder_is_tested() {
    let mut names: Vec<String> = std::fs::read_dir(vectors_dir())
        .expect("vectors folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "carry-over",
            "dutch-spelling",
            "funders",
            "funders-carry",
            "integer-small",
            "robust-expected",
            "robust-regret",
            "robust-weights",
            "segment-carry",
            "segment-mode",
            "total-small",
            "total-tiers",
            "vacancy-segment",
            "vacancy-total"
        ]
    );
}
