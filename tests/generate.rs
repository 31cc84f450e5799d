//! Synthetic cases: a seed gives the same case; writing a case and reading it back gives
//! the same case; a generated case solves.

use restock::generate::{case_files, synthetic_case, write_case, GenerateOptions};
use restock::input::{read_case, ReadOptions};
use restock::solve::{solve, SolveOptions};

fn options(municipalities: usize, seed: u64) -> GenerateOptions {
    GenerateOptions {
        municipalities,
        seed,
        ..GenerateOptions::default()
    }
}

#[test]
fn a_seed_gives_the_same_files() {
    let a = case_files(&synthetic_case(&options(60, 7)).unwrap());
    let b = case_files(&synthetic_case(&options(60, 7)).unwrap());
    let c = case_files(&synthetic_case(&options(60, 8)).unwrap());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn written_cases_read_back_identically() {
    for (n, seed, segments, periods) in [(25, 1, 3, 3), (130, 2, 5, 6), (3, 3, 1, 1)] {
        let generated = synthetic_case(&GenerateOptions {
            municipalities: n,
            seed,
            segments,
            periods,
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("case");
        write_case(&generated, &folder).unwrap();
        let mut read = read_case(&folder, &ReadOptions::default()).expect("generated case reads");
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        read.name = generated.name.clone();
        read.inputs_sha256 = generated.inputs_sha256.clone();
        assert_eq!(read, generated, "case of {n} municipalities, seed {seed}");
    }
}

#[test]
fn a_generated_case_solves_and_the_plan_improves_on_doing_nothing() {
    let case = synthetic_case(&options(40, 11)).unwrap();
    assert!(!case.regions.is_empty());
    let plan = solve(&case, &SolveOptions::default()).unwrap();
    let do_nothing = restock::metrics::mismatch(&case, &restock::metrics::do_nothing_path(&case));
    assert!(plan.stage1_mismatch < do_nothing);
}

#[test]
fn bad_options_are_usage_errors() {
    for bad in [
        GenerateOptions {
            municipalities: 0,
            ..GenerateOptions::default()
        },
        GenerateOptions {
            segments: 9,
            ..GenerateOptions::default()
        },
        GenerateOptions {
            periods: 0,
            ..GenerateOptions::default()
        },
    ] {
        let err = synthetic_case(&bad).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}

#[test]
fn the_generate_command_writes_a_valid_case() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synthetic");
    assert_cmd::Command::cargo_bin("restock")
        .unwrap()
        .args(["generate", "--municipalities", "12", "--seed", "5", "--out"])
        .arg(&out)
        .assert()
        .success();
    let case = read_case(&out, &ReadOptions::default()).unwrap();
    assert_eq!(case.municipalities.len(), 12);
    assert_eq!(case, {
        let mut g = synthetic_case(&options(12, 5)).unwrap();
        g.name = case.name.clone();
        g.inputs_sha256 = case.inputs_sha256.clone();
        g
    });
}
