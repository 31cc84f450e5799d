//! Regression tests for what fuzzing the readers found (fuzz/, docs/testing.md), and a
//! replay of the committed seed corpus through the same checks as the fuzz targets, so
//! that `cargo test` catches a reader that panics on any of them without cargo-fuzz.
//!
//! Each finding is kept as the input that triggered it (inline, or under
//! tests/data/fuzz/) and must now give a clean error or a valid case.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use restock::input::{read_case_from_bytes, ReadOptions, INPUT_FILES};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files of a conformance vector, by name.
fn vector(name: &str) -> BTreeMap<String, Vec<u8>> {
    let dir = root().join("tests/data/vectors").join(name);
    INPUT_FILES
        .iter()
        .filter_map(|(file, _)| {
            fs::read(dir.join(file))
                .ok()
                .map(|bytes| (file.to_string(), bytes))
        })
        .collect()
}

/// What the `case_files` fuzz target does with one input: the first byte picks the
/// file of total-small or segment-mode (and a variant) that the rest replaces.
fn case_files(data: &[u8]) -> restock::Result<restock::case::Case> {
    let (&selector, contents) = data.split_first().expect("a selector byte");
    let n = INPUT_FILES.len();
    let file = INPUT_FILES[usize::from(selector) % n].0;
    let seed = if (usize::from(selector) / n).is_multiple_of(2) {
        "total-small"
    } else {
        "segment-mode"
    };
    let variant = (usize::from(selector) / (2 * n)) % 2 == 1;
    let mut files = vector(seed);
    files.insert(file.to_string(), contents.to_vec());
    let options = ReadOptions {
        variant: variant.then(|| "laag".to_string()),
        ..ReadOptions::default()
    };
    read_case_from_bytes("fuzz", &files, &options)
}

fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz/seeds").join(target);
    let mut seeds: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    seeds.sort();
    seeds
}

/// Every committed seed of `case_files` reads without a panic; the seeds that are the
/// vectors' own files read as valid cases.
#[test]
fn case_files_seeds_replay() {
    let seeds = seeds("case_files");
    assert!(!seeds.is_empty() && seeds.len() <= 50);
    for (path, data) in seeds {
        let result = case_files(&data);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let own_vector = ["total-small-", "segment-mode-"]
            .iter()
            .any(|p| name.starts_with(p))
            && !name.contains("demand_shares")
            && !name.contains("variant");
        if own_vector {
            assert!(result.is_ok(), "{name}: {:?}", result.err());
        }
    }
}

/// The same bytes as a folder on disk and from memory give the same case (and hash).
#[test]
fn reading_from_memory_equals_reading_the_folder() {
    for name in ["total-small", "segment-mode", "dutch-spelling"] {
        let dir = root().join("tests/data/vectors").join(name);
        let from_disk = restock::input::read_case(&dir, &ReadOptions::default()).unwrap();
        let from_memory =
            read_case_from_bytes(name, &vector(name), &ReadOptions::default()).unwrap();
        assert_eq!(from_disk, from_memory, "{name}");
    }
    // A required file that is absent is reported as missing.
    let mut files = vector("total-small");
    files.remove("stock.csv");
    let err = read_case_from_bytes("x", &files, &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("stock.csv: missing"), "{err}");
}

/// Every committed seed of `scenario` (grids and scenario files against a copy of
/// segment-mode) reads without a panic, as the fuzz target reads it; the scenario files
/// meant to be valid are.
#[test]
fn scenario_seeds_replay() {
    use restock::scenario::{Grid, Parameter, Scenario};
    let tmp = tempfile::tempdir().unwrap();
    let case_dir = tmp.path().join("case");
    fs::create_dir(&case_dir).unwrap();
    for (name, bytes) in vector("segment-mode") {
        fs::write(case_dir.join(name), bytes).unwrap();
    }
    let seeds = seeds("scenario");
    assert!(!seeds.is_empty() && seeds.len() <= 50);
    for (path, data) in seeds {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (&selector, contents) = data.split_first().unwrap();
        let text = std::str::from_utf8(contents).unwrap();
        if selector < 2 {
            let parameter = [Parameter::BudgetFactor, Parameter::FrictionVacancy];
            let grid = Grid::parse(text, parameter[usize::from(selector)]);
            assert!(grid.is_ok(), "{name}: {:?}", grid.err());
            continue;
        }
        let file = tmp.path().join("scenario.toml");
        fs::write(&file, contents).unwrap();
        let loaded = Scenario::load(&file).and_then(|s| s.build_case());
        assert_eq!(
            loaded.is_ok(),
            !name.contains("bad"),
            "{name}: {:?}",
            loaded.err()
        );
    }
}

/// Every committed seed of `cbs_import` imports (as the fuzz target runs the import),
/// and the case it builds reads.
#[test]
fn cbs_import_seeds_replay() {
    use restock::import::{generate, ImportOptions, Selection};
    let data = root().join("fuzz/data");
    let tmp = tempfile::tempdir().unwrap();
    for (path, bytes) in seeds("cbs_import") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (&selector, contents) = bytes.split_first().unwrap();
        let choice = selector % 5;
        let pick = |n: u8, file: &str| -> PathBuf {
            if choice == n {
                let path = tmp.path().join(file);
                fs::write(&path, contents).unwrap();
                path
            } else {
                data.join(file)
            }
        };
        let with_later = selector & 0x80 == 0 || choice == 1 || choice == 3;
        let options = ImportOptions {
            kwb: pick(0, "kwb2019_subset.csv"),
            selection: Selection::Regions(pick(2, "regions.csv")),
            out: tmp.path().join("out"),
            kwb_later: with_later.then(|| pick(1, "kwb2024_subset.csv")),
            later_year: None,
            mapping: with_later.then(|| pick(3, "mapping.csv")),
            base_year: Some(2019),
            assumptions: (choice == 4).then(|| pick(4, "assumptions.toml")),
            geojson: None,
            notes: None,
            variant: None,
        };
        let generated = generate(&options).unwrap_or_else(|e| panic!("{name}: {e}"));
        read_case_from_bytes("import", &generated.files, &ReadOptions::default())
            .unwrap_or_else(|e| panic!("{name}: the imported case does not read: {e}"));
    }
}

/// Replays every input under tests/data/fuzz/<target>/ (findings kept as files).
#[test]
fn saved_findings_replay() {
    let dir = root().join("tests/data/fuzz/case_files");
    if !Path::new(&dir).is_dir() {
        return;
    }
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let _ = case_files(&data);
    }
}
