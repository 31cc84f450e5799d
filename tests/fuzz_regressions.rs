//! Regression tests for what fuzzing the readers found (fuzz/, docs/testing.md), and a
//! replay of the committed seed corpus through the same checks as the fuzz targets, so
//! that `cargo test` catches a reader that panics on any of them without cargo-fuzz.
//!
//! Each finding is kept as the input that triggered it (inline, or under
//! tests/data/fuzz/) and must now give a clean error or a valid case.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::root;
use restock::input::{read_case_from_bytes, ReadOptions, INPUT_FILES};

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

/// What the `cbs_import` fuzz target does with one input: the first byte picks which
/// input of the import (base KWB file, later file, regions, mapping, assumptions) the
/// rest replaces; the others are the small real files of fuzz/data/. Returns the
/// import's result and, when it built a case, whether restock reads that case.
fn cbs_import(data: &[u8], tmp: &Path) -> restock::Result<restock::import::Generated> {
    use restock::import::{generate, CaseChoices, CaseTexts, CbsSources, ImportOptions, Selection};
    let files = root().join("fuzz/data");
    let (&selector, contents) = data.split_first().expect("a selector byte");
    let choice = selector % 5;
    let pick = |n: u8, file: &str| -> PathBuf {
        if choice == n {
            let path = tmp.join(file);
            fs::write(&path, contents).unwrap();
            path
        } else {
            files.join(file)
        }
    };
    let with_later = selector & 0x80 == 0 || choice == 1 || choice == 3;
    let options = ImportOptions {
        sources: CbsSources {
            kwb: pick(0, "kwb2019_subset.csv"),
            kwb_later: with_later.then(|| pick(1, "kwb2024_subset.csv")),
            later_year: None,
            mapping: with_later.then(|| pick(3, "mapping.csv")),
            base_year: Some(2019),
        },
        selection: Selection::Regions(pick(2, "regions.csv")),
        choices: CaseChoices {
            assumptions: (choice == 4).then(|| pick(4, "assumptions.toml")),
            geojson: None,
            variant: None,
        },
        texts: CaseTexts::default(),
    };
    let generated = generate(&options)?;
    read_case_from_bytes("import", &generated.files, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("the import built a case restock refuses: {e}"));
    Ok(generated)
}

/// Every committed seed of `cbs_import` imports, and the case it builds reads.
#[test]
fn cbs_import_seeds_replay() {
    let tmp = tempfile::tempdir().unwrap();
    for (path, data) in seeds("cbs_import") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(e) = cbs_import(&data, tmp.path()) {
            panic!("{name}: {e}");
        }
    }
}

/// Found by `cbs_import` (crash-c31f…, tests/data/fuzz/cbs_import/): a later file in
/// which Kerkrade has 4,532,024 inhabitants (a typing error for 45,320) made the import
/// project households beyond 10¹² by 2050; the import wrote a case that restock then
/// refused, naming a generated file the user never sees. Now the import refuses the
/// population change itself, naming the later file, its line and what to check.
#[test]
fn implausible_population_change_is_refused_by_the_import() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fs::read(
        root().join("tests/data/fuzz/cbs_import/crash-c31f1627a7e27eedf890fadd80553901fc57eeec"),
    )
    .unwrap();
    let err = match cbs_import(&data, tmp.path()) {
        Err(e @ restock::Error::Input(_)) => e,
        other => panic!(
            "expected an input error, got {:?}",
            other.map(|g| g.summary)
        ),
    };
    assert_eq!(err.exit_code(), 2);
    let message = err.to_string();
    for words in [
        "kwb2024_subset.csv, line 3",
        "GM0928",
        "% a year",
        "implausible",
    ] {
        assert!(message.contains(words), "{message:?} lacks {words:?}");
    }
}

/// The import's last check: a base-year figure that passes its own checks but gives a
/// case restock refuses (households projected beyond 10¹²) is reported against the
/// KWB file.
#[test]
fn an_import_that_would_not_read_is_refused_against_the_cbs_file() {
    let tmp = tempfile::tempdir().unwrap();
    let base = fs::read_to_string(root().join("fuzz/data/kwb2019_subset.csv")).unwrap();
    // Heerlen: 900 billion households, and a population growing 4.6 % a year.
    let base = base.replace(
        "GM0917;0917;Heerlen;Heerlen;Gemeente;GM0917;.;86832;43082;45083;",
        "GM0917;0917;Heerlen;Heerlen;Gemeente;GM0917;.;70000;43082;900000000000;",
    );
    assert!(base.contains("900000000000"));
    let mut data = vec![0u8];
    data.extend(base.as_bytes());
    let err = match cbs_import(&data, tmp.path()) {
        Err(e @ restock::Error::Input(_)) => e,
        other => panic!(
            "expected an input error, got {:?}",
            other.map(|g| g.summary)
        ),
    };
    let message = err.to_string();
    assert!(
        message.contains("kwb2019_subset.csv") && message.contains("is not valid"),
        "{message}"
    );
}

/// Replays every input under tests/data/fuzz/<target>/ (findings kept as files): each
/// gives a clean result (a case or an error list), never a panic.
#[test]
fn saved_findings_replay() {
    let tmp = tempfile::tempdir().unwrap();
    for target in ["case_files", "cbs_import"] {
        let dir = root().join("tests/data/fuzz").join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let data = fs::read(entry.unwrap().path()).unwrap();
            match target {
                "case_files" => drop(case_files(&data)),
                _ => drop(cbs_import(&data, tmp.path())),
            }
        }
    }
}
