//! Scenario files: what each factor does to the case, how every kind of mistake is
//! reported (file, line, key, a suggestion; exit code 2), `restock plan --scenario`, and
//! that every shipped scenario reads against the default case.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::str::contains;

use common::{restock, root};
use restock::input::{read_case, ReadOptions};
use restock::scenario::Scenario;
use restock::{Error, InputError};

/// Writes a scenario file into `dir` and returns its path.
fn scenario_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn example() -> String {
    root().join("inputs/example").display().to_string()
}

fn input_errors(result: restock::Result<impl std::fmt::Debug>) -> Vec<InputError> {
    match result {
        Err(Error::Input(e)) => e,
        other => panic!("expected input errors, got {other:?}"),
    }
}

#[test]
fn factors_change_budgets_costs_and_projected_households_only() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(
        tmp.path(),
        "s.toml",
        &format!(
            "base = '{}'\n[factors]\nbudget = 0.5\nhouseholds = 0.9\nhouseholds_change = 2\n\
             [factors.budget_region]\n'Oost-Groningen' = 0.5\n\
             [factors.cost]\ndemolish = 1.3\nnew_build = 2\ntransform = 1.5\nsale = 0.25\n",
            example()
        ),
    );
    let base = read_case(&root().join("inputs/example"), &ReadOptions::default()).unwrap();
    let case = Scenario::load(&file).unwrap().build_case().unwrap();

    let og = base
        .regions
        .iter()
        .position(|r| r == "Oost-Groningen")
        .unwrap();
    let pl = base
        .regions
        .iter()
        .position(|r| r == "Parkstad Limburg")
        .unwrap();
    for p in 0..base.periods.len() {
        assert_eq!(case.budget_eur[og][p], base.budget_eur[og][p] * 0.25);
        assert_eq!(case.budget_eur[pl][p], base.budget_eur[pl][p] * 0.5);
    }
    for (m, row) in base.costs.iter().enumerate() {
        for (s, c) in row.iter().enumerate() {
            let (Some(b), Some(n)) = (c, case.costs[m][s]) else {
                continue;
            };
            assert_eq!(n.demolish_eur, b.demolish_eur * 1.3);
            assert_eq!(n.new_build_eur, b.new_build_eur.map(|e| e * 2.0));
        }
    }
    // samenvoegen costs money: × transform; verkoop brings money in: its proceeds × sale,
    // still proceeds.
    assert_eq!(base.transformations[0].cost_eur, 20_000.0);
    assert_eq!(case.transformations[0].cost_eur, 30_000.0);
    assert_eq!(base.transformations[1].cost_eur, -60_000.0);
    assert_eq!(case.transformations[1].cost_eur, -15_000.0);
    // The base year is counted, not projected: unchanged. Later years: the change since
    // the base year doubled, then × 0.9.
    for (m, row) in base.households.iter().enumerate() {
        assert_eq!(case.households[m][0], row[0]);
        for t in 1..row.len() {
            let expected = (row[0] + 2.0 * (row[t] - row[0])) * 0.9;
            assert!((case.households[m][t] - expected).abs() < 1e-9);
        }
    }
    // Nothing else changes.
    assert_eq!(case.stock0, base.stock0);
    assert_eq!(case.settings, base.settings);
}

#[test]
fn settings_and_variant_go_through_the_case_reader() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(
        tmp.path(),
        "s.toml",
        &format!(
            "base = '{}'\nhouseholds_variant = 'krimp'\n[settings]\nfriction_vacancy = 0.03\n\
             budget_carry_over = false\n",
            example()
        ),
    );
    let case = Scenario::load(&file).unwrap().build_case().unwrap();
    assert_eq!(case.settings.households_variant, "krimp");
    assert_eq!(case.settings.friction_vacancy, 0.03);
    assert!(!case.settings.budget_carry_over);
}

#[test]
fn every_mistake_names_the_file_the_line_and_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(
        tmp.path(),
        "fout.toml",
        &format!(
            "name = 'Fout'\nbase = '{}'\nhouseholds_variant = 'sterk'\nbudget = 0.8\n\
             [settings]\nfriction_vacancy = 1.5\nweight_surplas = 2\n\
             [factors]\nhouseholds = -0.1\n[factors.cost]\ndemolition = 1.2\n",
            example()
        ),
    );
    let errors = input_errors(Scenario::load(&file));
    let find = |key: &str| {
        errors
            .iter()
            .find(|e| e.at.column.as_deref() == Some(key))
            .unwrap_or_else(|| panic!("no error for {key}: {errors:#?}"))
    };
    for e in &errors {
        assert_eq!(e.at.file, file.display().to_string());
    }
    assert_eq!(find("budget").at.line, Some(4));
    assert!(find("budget").message.contains("put it under [factors]"));
    assert_eq!(find("settings.weight_surplas").at.line, Some(7));
    assert!(find("settings.weight_surplas")
        .message
        .contains("did you mean 'weight_surplus'"));
    assert_eq!(find("factors.households").at.line, Some(9));
    assert!(find("factors.households").message.contains("negative"));
    assert!(find("factors.cost.demolition")
        .message
        .contains("did you mean 'demolish'"));
    // Found by the case reader, reported against the scenario's own lines.
    assert_eq!(find("settings.friction_vacancy").at.line, Some(6));
    assert!(find("settings.friction_vacancy")
        .message
        .contains("[settings] of the scenario"));
    assert_eq!(find("households_variant").at.line, Some(3));
    assert!(find("households_variant").message.contains("base, krimp"));
}

#[test]
fn unknown_regions_suggest_the_case_regions() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(
        tmp.path(),
        "s.toml",
        &format!(
            "base = '{}'\n[factors.budget_region]\nParkstad = 0.9\n",
            example()
        ),
    );
    let errors = input_errors(Scenario::load(&file).unwrap().build_case());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].at.line, Some(3));
    assert!(
        errors[0]
            .message
            .contains("did you mean 'Parkstad Limburg'"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_missing_base_case_is_a_clear_error_with_exit_code_2() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(tmp.path(), "s.toml", "base = 'geen-map'\n");
    restock()
        .args(["plan", "--scenario"])
        .arg(&file)
        .arg("--out")
        .arg(tmp.path().join("out"))
        .assert()
        .code(2)
        .stderr(contains("line 1, column base"))
        .stderr(contains("the base case folder 'geen-map' does not exist"));
    assert!(!tmp.path().join("out").exists());
    restock()
        .args(["plan", "--scenario"])
        .arg(tmp.path().join("nope.toml"))
        .assert()
        .code(2)
        .stderr(contains("the scenario file does not exist"));
}

#[test]
fn plan_with_a_scenario_records_it_in_summary_json_under_outputs_stem() {
    let tmp = tempfile::tempdir().unwrap();
    let file = root().join("tests/data/scenarios/krimp-duurder.toml");
    // Run elsewhere: the base is found relative to the scenario file, the output goes
    // to outputs/<file stem>/ below the working folder.
    let mut cmd = Command::cargo_bin("restock").unwrap();
    cmd.current_dir(tmp.path())
        .args(["plan", "--scenario"])
        .arg(&file)
        .assert()
        .success()
        .stdout(contains("Scenario: Krimp, sloop duurder"));
    let out = tmp.path().join("outputs/krimp-duurder");
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let s = &summary["scenario"];
    assert_eq!(s["name"], "Krimp, sloop duurder");
    assert_eq!(s["base"], "../../../inputs/example");
    assert_eq!(s["households_variant"], "krimp");
    assert_eq!(s["settings"]["friction_vacancy"], "0.03");
    assert_eq!(s["factors"]["cost"]["demolish"], 1.3);
    assert_eq!(s["factors"]["budget_region"]["Parkstad Limburg"], 1.1);
    assert_eq!(summary["households_variant"], "krimp");
    // A plain plan has no scenario key.
    let plain = tmp.path().join("plain");
    restock()
        .arg("plan")
        .arg(root().join("inputs/example"))
        .arg("--out")
        .arg(&plain)
        .assert()
        .success();
    let text = fs::read_to_string(plain.join("summary.json")).unwrap();
    assert!(!text.contains("\"scenario\""));
}

#[test]
fn scenario_excludes_a_case_folder_and_a_variant() {
    for extra in [
        ["inputs/example"].as_slice(),
        ["--variant", "krimp"].as_slice(),
    ] {
        restock()
            .args(["plan", "--scenario", "tests/data/scenarios/basis.toml"])
            .args(extra)
            .assert()
            .code(2);
    }
}

#[test]
fn every_shipped_scenario_reads_against_its_base_case() {
    let dir = root().join("scenarios");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("scenarios/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let mut names = Vec::new();
    for file in &files {
        let s = Scenario::load(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            s.description.is_some(),
            "{}: every shipped scenario explains itself",
            file.display()
        );
        s.build_case()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        names.push(s.name);
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), files.len(), "scenario names are unique");
}

#[test]
fn a_scenario_sets_the_title_under_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario_file(
        tmp.path(),
        "s.toml",
        &format!(
            "base = '{}'\n[settings]\ntitle = 'Scenario: meer sloop'\nsubtitle = 'Concept'\n",
            example()
        ),
    );
    let case = Scenario::load(&file).unwrap().build_case().unwrap();
    assert_eq!(case.title(restock::lang::Lang::Nl), "Scenario: meer sloop");
    assert_eq!(case.subtitle(restock::lang::Lang::En), "Concept");
    // The base case's own title otherwise; never the folder's name.
    let base = read_case(&root().join("inputs/example"), &ReadOptions::default()).unwrap();
    assert!(base
        .title(restock::lang::Lang::Nl)
        .starts_with("Voorbeeld: Parkstad"));
    let mut untitled = base.clone();
    untitled.settings.title = None;
    assert_eq!(
        untitled.title(restock::lang::Lang::Nl),
        "Woningvoorraad en huishoudens: plan voor Oost-Groningen en Parkstad Limburg"
    );
    // A title at the top level is a setting: the reader says where it goes.
    let top = scenario_file(
        tmp.path(),
        "t.toml",
        &format!("base = '{}'\ntitle = 'x'\n", example()),
    );
    let e = input_errors(Scenario::load(&top));
    assert!(e[0].message.contains("under [settings]"), "{:?}", e);
}
