//! Helpers shared by the integration tests: the project folder and the `restock` binary
//! run from it, summary.json of an output folder, copies of the conformance vectors,
//! folder snapshots and byte comparisons, golden SVG files, finding headless Chromium
//! (a failure in CI), and tiny hand-made cases built directly as a [`Case`], so that
//! each constraint family can be tested on an optimum computed by hand.
// Every test binary includes this module and uses only some of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use restock::case::{
    Case, Mode, Municipality, Period, Segment, SegmentCosts, Settings, SurplusTier, Transformation,
};
use tempfile::TempDir;

/// The project folder (where Cargo.toml, inputs/ and tests/data/ are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `restock` binary of this build, run from the project folder.
pub fn restock() -> Command {
    let mut cmd = Command::cargo_bin("restock").expect("binary");
    cmd.current_dir(root());
    cmd
}

/// `restock plan case --out out`, which must succeed.
pub fn plan_into(case: &Path, out: &Path) {
    restock()
        .arg("plan")
        .arg(case)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// summary.json of the output folder `out`, parsed.
pub fn summary(out: &Path) -> serde_json::Value {
    let text = fs::read_to_string(out.join("summary.json")).expect("summary.json");
    serde_json::from_str(&text).expect("summary.json is JSON")
}

/// The conformance vector `name`: the case folder tests/data/vectors/`name`.
pub fn vector(name: &str) -> PathBuf {
    root().join("tests/data/vectors").join(name)
}

/// Copies the files of the folder `from` (not its subfolders) into `to`, which is made
/// if missing.
pub fn copy_files(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// A copy of the conformance vector `name` in a fresh temporary folder, for a test to
/// change.
pub fn vector_copy(name: &str) -> TempDir {
    let tmp = tempfile::Builder::new().prefix("case-").tempdir().unwrap();
    copy_files(&vector(name), tmp.path());
    tmp
}

/// Every file below `dir` (subfolders included) by its path relative to `dir`, with
/// its bytes, for comparing folders.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, fs::read(&path).expect("readable file"));
            }
        }
    }
    files
}

/// The names of the entries of folder `dir` (files and folders), sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts that each of `files` (paths relative to the folders) has the same bytes in
/// folder `a` as in folder `b`.
#[track_caller]
pub fn assert_same_files(a: &Path, b: &Path, files: &[&str]) {
    for file in files {
        assert_eq!(
            fs::read(a.join(file)).unwrap(),
            fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
}

/// Compares `svg` byte for byte with the golden file tests/data/golden/`name`, naming the
/// first line that differs; with `RESTOCK_UPDATE_GOLDEN=1` it rewrites the file instead.
#[track_caller]
pub fn check_golden(name: &str, svg: &str) {
    let dir = root().join("tests/data/golden");
    let path = dir.join(name);
    // The test binary that calls this, for the command that regenerates its files.
    let test = env!("CARGO_CRATE_NAME");
    if std::env::var_os("RESTOCK_UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        fs::create_dir_all(&dir).unwrap();
        fs::write(&path, svg).unwrap();
        return;
    }
    let want = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run RESTOCK_UPDATE_GOLDEN=1 cargo test --release --test {test}",
            path.display()
        )
    });
    if want != svg {
        let line = want
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .map_or(want.lines().count().min(svg.lines().count()), |l| l);
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {}\n  now:    {}\n\
             If the change is intended, regenerate with RESTOCK_UPDATE_GOLDEN=1 cargo test \
             --release --test {test} and look at the files (see docs/charts.md).",
            line + 1,
            want.lines().nth(line).unwrap_or("<end>"),
            svg.lines().nth(line).unwrap_or("<end>")
        );
    }
}

/// The flags that keep the browser tests' Chromium from doing anything in the
/// background (no GPU, QUIC, first-run page, networking, updates or sync).
pub const CHROMIUM_QUIET_FLAGS: [&str; 6] = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// Headless Chromium for the browser tests: /usr/bin/chromium, else `chromium` on PATH.
/// When it is missing the test fails in CI (`CI=true`; `.ci/run` installs it), and
/// elsewhere prints "note: chromium not found; `skipped`" and gets `None` (it passes).
pub fn chromium_or_skip(skipped: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "chromium is not installed but CI=true: .ci/run installs it \
                 (apt-get install chromium); without it {skipped}"
            );
        }
        eprintln!("note: chromium not found; {skipped}");
    }
    found
}

/// Chromium as /usr/bin/chromium or `chromium` on PATH.
fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

/// One municipality `GM0001` in region `R`, one segment `A` with `stock` dwellings, one
/// period 2021–2030 (10 years), `households` at the base year and at 2030, no friction,
/// one surplus tier (weight 1), shortage weight 2, demolition €10,000, new build
/// €200,000, a budget of €1 billion, removal share 2 % and new-build share 1 % a year.
pub fn one_municipality(stock: f64, households_2030: f64) -> Case {
    Case {
        name: "tiny".into(),
        settings: Settings {
            base_year: 2020,
            milestones: vec![2030],
            households_variant: "base".into(),
            friction_vacancy: 0.0,
            max_removal_share_per_year: 0.02,
            max_new_build_share_per_year: 0.01,
            weight_surplus: 1.0,
            surplus_tiers: vec![SurplusTier {
                upper_share: f64::INFINITY,
                multiplier: 1.0,
            }],
            weight_shortage: 2.0,
            budget_carry_over: false,
            title: None,
            subtitle: None,
            robust: None,
        },
        municipalities: vec![Municipality {
            code: "GM0001".into(),
            name: "Eerste".into(),
            region: 0,
            vacant_dwellings: None,
        }],
        regions: vec!["R".into()],
        segments: vec![segment("A")],
        transformations: vec![],
        periods: vec![Period {
            start: 2021,
            end: 2030,
        }],
        mode: Mode::Total,
        stock0: vec![vec![stock]],
        households: vec![vec![stock, households_2030]],
        demand_shares: None,
        costs: vec![vec![Some(SegmentCosts {
            demolish_eur: 10_000.0,
            new_build_eur: Some(200_000.0),
        })]],
        budget_eur: vec![vec![1e9]],
        funders: restock::case::Funders::default(),
        inputs_sha256: String::new(),
        warnings: vec![],
    }
}

/// A segment with the given id as its label.
pub fn segment(id: &str) -> Segment {
    Segment {
        id: id.into(),
        label: id.into(),
        tenure: None,
        dwelling_type: None,
    }
}

/// A transformation between segment indices.
pub fn transformation(from: usize, to: usize, cost_eur: f64, yield_: f64) -> Transformation {
    Transformation {
        from,
        to,
        cost_eur,
        yield_per_dwelling: yield_,
        label: format!("{from}->{to}"),
    }
}

/// Asserts that two numbers agree within a relative (and tiny absolute) tolerance.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, what: &str) {
    let tol = 1e-6 * expected.abs().max(1.0);
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual}, expected {expected}"
    );
}
