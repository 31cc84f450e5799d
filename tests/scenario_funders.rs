//! Scenario files and the funders (spec v2 §5): `[[funder_budget]]` adds or scales one
//! funder's money exactly over the years it names, `[[funding]]` replaces or adds a rule,
//! every mistake names the file, the line and the key with a suggestion, the input diff
//! says it in words, and more money for a funder never worsens the plan.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use common::{root, summary};
use restock::case::{Case, FundedAction};
use restock::input::{read_case, ReadOptions};
use restock::scenario::Scenario;
use restock::{Error, InputError};

fn krimpregios() -> String {
    root().join("inputs/krimpregios").display().to_string()
}

fn scenario(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("s.toml");
    fs::write(&path, text).unwrap();
    path
}

fn input_errors(result: restock::Result<impl std::fmt::Debug>) -> Vec<InputError> {
    match result {
        Err(Error::Input(e)) => e,
        other => panic!("expected input errors, got {other:?}"),
    }
}

fn find<'a>(errors: &'a [InputError], key: &str) -> &'a InputError {
    errors
        .iter()
        .find(|e| e.at.column.as_deref() == Some(key))
        .unwrap_or_else(|| panic!("no error for {key}: {errors:#?}"))
}

fn base() -> Case {
    read_case(&root().join("inputs/krimpregios"), &ReadOptions::default()).unwrap()
}

fn period(case: &Case, start: i32) -> usize {
    case.periods.iter().position(|p| p.start == start).unwrap()
}

#[test]
fn funder_budget_adds_and_scales_exactly_the_years_it_names() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario(
        tmp.path(),
        &format!(
            "base = '{}'\n\
             [[funder_budget]]\nfunder = 'Rijk'\nregion = 'Parkstad Limburg'\nfrom = 2025\nto = 2030\nadd_eur = 50_000_000\n\
             [[funder_budget]]\nfunder = 'provincie'\nfrom = 2031\nto = 2035\nfactor = 1.2\n\
             [[funder_budget]]\nfunder = 'gemeenten'\nregion = 'Eemsdelta'\nfrom = 2028\nto = 2032\nadd_eur = 5_000_000\n",
            krimpregios()
        ),
    );
    let base = base();
    let case = Scenario::load(&file).unwrap().build_case().unwrap();
    let f = &case.funders;
    let r = |name: &str| case.regions.iter().position(|x| x == name).unwrap();
    let (rijk, prov, gem) = (
        f.index("Rijk").unwrap(),
        f.index("provincie").unwrap(),
        f.index("gemeenten").unwrap(),
    );
    let (p25, p31) = (period(&case, 2025), period(&case, 2031));
    let park = r("Parkstad Limburg");
    for (reg, _) in case.regions.iter().enumerate() {
        for (g, _) in f.names.iter().enumerate() {
            for p in 0..case.periods.len() {
                let before = base.funders.budget_eur[reg][g][p];
                let mut want = before;
                if reg == park && g == rijk && p == p25 {
                    want += 50e6;
                }
                if g == prov && p == p31 {
                    want *= 1.2;
                }
                if reg == r("Eemsdelta") && g == gem {
                    // 2028–2030 of 2025–2030 and 2031–2032 of 2031–2035: 3 and 2 of 5 years.
                    if p == p25 {
                        want += 3e6;
                    }
                    if p == p31 {
                        want += 2e6;
                    }
                }
                let got = f.budget_eur[reg][g][p];
                assert!((got - want).abs() < 1e-6, "{reg} {g} {p}: {got} vs {want}");
            }
        }
        // The region's total follows its funders.
        for p in 0..case.periods.len() {
            let sum: f64 = f.budget_eur[reg].iter().map(|g| g[p]).sum();
            assert!((case.budget_eur[reg][p] - sum).abs() < 1e-6);
        }
    }
}

#[test]
fn funding_replaces_the_rule_of_the_same_funder_action_and_segment_or_adds_one() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario(
        tmp.path(),
        &format!(
            "base = '{}'\n\
             [[funding]]\nfunder = 'Rijk'\naction = 'demolish'\nsegment = 'koop'\nmax_share = 0.9\n\
             [[funding]]\nfunder = 'Rijk'\naction = 'transform'\nmax_share = 0.25\n",
            krimpregios()
        ),
    );
    let base = base();
    let case = Scenario::load(&file).unwrap().build_case().unwrap();
    let f = &case.funders;
    let rijk = f.index("Rijk").unwrap();
    let s = |id: &str| case.segments.iter().position(|x| x.id == id).unwrap();
    assert_eq!(f.share(rijk, FundedAction::Demolish, s("koop")), 0.9);
    assert_eq!(
        f.share(rijk, FundedAction::Demolish, s("huur_particulier")),
        0.7
    );
    assert_eq!(
        f.share(rijk, FundedAction::Demolish, s("huur_corporatie")),
        0.0
    );
    assert_eq!(
        f.share(rijk, FundedAction::Transform, s("huur_corporatie")),
        0.25
    );
    assert_eq!(
        f.rules.as_ref().unwrap().len(),
        base.funders.rules.as_ref().unwrap().len() + 1
    );
    // The budgets are untouched.
    assert_eq!(f.budget_eur, base.funders.budget_eur);
}

#[test]
fn every_mistake_names_the_file_the_line_and_the_key() {
    let tmp = tempfile::tempdir().unwrap();
    let file = scenario(
        tmp.path(),
        &format!(
            "base = '{}'\n\
             [[funder_budget]]\nfunder = 'Rijk'\nregion = 'Parkstad Limburg'\nadd = 5\n\
             [[funding]]\nfunder = 'Rijk'\naction = 'sloop'\nmax_share = 1.5\n\
             [[funder_budget]]\nfunder = 'Rijk'\nfrom = 2030\nto = 2025\nfactor = -1\n",
            krimpregios()
        ),
    );
    let errors = input_errors(Scenario::load(&file));
    for e in &errors {
        assert_eq!(e.at.file, file.display().to_string());
    }
    let add = find(&errors, "funder_budget[1].add");
    assert_eq!(add.at.line, Some(5));
    assert!(
        add.message.contains("did you mean 'add_eur'"),
        "{}",
        add.message
    );
    assert!(find(&errors, "funder_budget[1]")
        .message
        .contains("changes nothing"));
    let action = find(&errors, "funding[1].action");
    assert_eq!(action.at.line, Some(8));
    assert!(
        action.message.contains("did you mean 'demolish'"),
        "{}",
        action.message
    );
    assert_eq!(find(&errors, "funding[1].max_share").at.line, Some(9));
    assert_eq!(find(&errors, "funder_budget[2].to").at.line, Some(13));
    assert_eq!(find(&errors, "funder_budget[2].factor").at.line, Some(14));

    // Against the case: unknown funder, region, segment; years outside the plan; a
    // factor on part of a period; a cut below zero.
    let file = scenario(
        tmp.path(),
        &format!(
            "base = '{}'\n\
             [[funder_budget]]\nfunder = 'Rjik'\nadd_eur = 1\n\
             [[funder_budget]]\nfunder = 'Rijk'\nregion = 'Parkstad'\nfrom = 2019\nadd_eur = 1\n\
             [[funder_budget]]\nfunder = 'provincie'\nfrom = 2026\nto = 2030\nfactor = 2\n\
             [[funding]]\nfunder = 'gemeenten'\naction = 'demolish'\nsegment = 'huur_particulir'\nmax_share = 1\n",
            krimpregios()
        ),
    );
    let errors = input_errors(Scenario::load(&file).unwrap().build_case());
    let e = find(&errors, "funder_budget[1].funder");
    assert_eq!(e.at.line, Some(3));
    assert!(e.message.contains("did you mean 'Rijk'"), "{}", e.message);
    assert!(find(&errors, "funder_budget[2].region")
        .message
        .contains("did you mean 'Parkstad Limburg'"));
    assert!(find(&errors, "funder_budget[2].from")
        .message
        .contains("outside the plan's years 2020–2050"));
    let e = find(&errors, "funder_budget[3].factor");
    assert!(e.message.contains("part of 2025–2030"), "{}", e.message);
    assert!(find(&errors, "funding[1].segment")
        .message
        .contains("did you mean 'huur_particulier'"));
    let file = scenario(
        tmp.path(),
        &format!(
            "base = '{}'\n[[funder_budget]]\nfunder = 'Rijk'\nregion = 'Eemsdelta'\nadd_eur = -1e9\n",
            krimpregios()
        ),
    );
    let errors = input_errors(Scenario::load(&file).unwrap().build_case());
    assert!(find(&errors, "funder_budget[1].add_eur")
        .message
        .contains("below zero"));
}

#[test]
fn a_case_without_funders_refuses_funder_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let example = root().join("inputs/example").display().to_string();
    let file = scenario(
        tmp.path(),
        &format!("base = '{example}'\n[[funder_budget]]\nfunder = 'Rijk'\nadd_eur = 1\n"),
    );
    let errors = input_errors(Scenario::load(&file).unwrap().build_case());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("has no funders"), "{errors:?}");
    assert_eq!(errors[0].at.line, Some(2));
}

/// The shipped scenario: more money and a looser rule for the Rijk can only help, and
/// the input diff says what changed in words.
#[test]
fn rijk_extra_helps_and_the_diff_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("cmp");
    Command::cargo_bin("restock")
        .unwrap()
        .current_dir(root())
        .args([
            "compare",
            "scenarios/basis.toml",
            "scenarios/rijk-extra.toml",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let diff = fs::read_to_string(out.join("input_diff.md")).unwrap();
    assert!(
        diff.contains("Budget van Rijk in Parkstad Limburg, hele plan (`funder_budget[1]`)"),
        "{diff}"
    );
    assert!(diff.contains("(+€ 50 mln)"), "{diff}");
    assert!(
        diff.contains("Deel van de kosten van sloop van koop dat Rijk mag betalen (`funding[1]`): 70 % → 90 %"),
        "{diff}"
    );
    let plans: Vec<PathBuf> = fs::read_dir(out.join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mismatch = |stem: &str| {
        let dir = plans
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().contains(stem))
            .unwrap_or_else(|| panic!("{stem} in {plans:?}"));
        summary(dir)["mismatch"].as_f64().unwrap()
    };
    let (basis, extra) = (mismatch("basis"), mismatch("rijk-extra"));
    assert!(extra < basis - 1000.0, "{extra} vs {basis}");

    // comparison_funders.csv: every scenario, region and funder; no funder's net payments
    // exceed its budget over the plan (carry-over: the last period's C6f); the Rijk in
    // Parkstad has € 50 mln more in the second scenario.
    let text = fs::read_to_string(out.join("comparison_funders.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("scenario,region,funder,budget_eur,paid_eur,received_eur,net_eur,shadow_price_max_per_meur")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), 2 * 8 * 4);
    for r in &rows {
        let (budget, net): (f64, f64) = (r[3].parse().unwrap(), r[6].parse().unwrap());
        assert!(net <= budget + 1e-3, "{r:?}");
    }
    let rijk = |scenario: &str| -> f64 {
        rows.iter()
            .find(|r| r[0] == scenario && r[1] == "Parkstad Limburg" && r[2] == "Rijk")
            .unwrap()[3]
            .parse()
            .unwrap()
    };
    assert!((rijk("Rijk € 50 mln extra in Parkstad") - rijk("Basis") - 50e6).abs() < 1.0);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("id=\"financiers\""));
}
