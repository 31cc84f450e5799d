//! The pipeline (src/pipeline.rs) and the terminal text (src/terminal.rs): the by-region
//! choice is made by `pipeline::solve_case`, not by the solver; a plain case folder is
//! planned as a scenario without changes; what the binary prints comes from the library.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::root;
use restock::input::{read_case, ReadOptions};
use restock::pipeline::{self, Outcome, PipelineOptions};
use restock::scenario::{self, Scenario};
use restock::solve::{self, SolveOptions};
use restock::terminal;

fn krimpregios() -> restock::case::Case {
    read_case(&root().join("inputs/krimpregios"), &ReadOptions::default()).expect("case reads")
}

#[test]
fn by_region_is_chosen_by_the_pipeline_and_reaches_the_same_optimum() {
    let case = krimpregios();
    assert!(case.regions.len() > 1, "a case with several regions");
    let by_region = SolveOptions {
        by_region: true,
        ..SolveOptions::default()
    };
    let joined = pipeline::solve_case(&case, &by_region).expect("by region");
    // Only the decomposition records these timings: the pipeline took that path.
    assert!(joined.timings.contains_key("solve_regions"));
    // The solver itself always solves the whole case as one model.
    let whole = solve::solve(&case, &by_region).expect("one model");
    assert!(!whole.timings.contains_key("solve_regions"));
    let relative = (joined.stage1_mismatch - whole.stage1_mismatch).abs()
        / whole.stage1_mismatch.abs().max(1.0);
    assert!(
        relative <= 1e-6,
        "{} vs {}",
        joined.stage1_mismatch,
        whole.stage1_mismatch
    );
}

#[test]
fn run_summarises_the_plan_it_solves() {
    let case = krimpregios();
    let Outcome { plan, summary } = pipeline::run(&case, &SolveOptions::default()).unwrap();
    assert_eq!(summary.regions_detail.len(), case.regions.len());
    assert_eq!(summary.status, plan.status.as_str());
    assert!(summary.mismatch <= summary.mismatch_do_nothing);
}

#[test]
fn a_plain_case_is_a_scenario_without_changes() {
    let dir = root().join("inputs/example");
    let scenario = Scenario::plain_case(&dir, Some("base".into())).unwrap();
    assert_eq!(scenario.name, "example");
    assert_eq!(scenario.file_stem(), "example");
    assert!(scenario.file.is_none());
    let missing = Scenario::plain_case(&root().join("no-such-case"), None).unwrap_err();
    assert_eq!(missing.exit_code(), 2);
    assert!(missing.to_string().contains("no-such-case"), "{missing}");
}

/// What `restock plan` prints is exactly what the library renders.
#[test]
fn plan_prints_the_terminal_text_of_its_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let dir = root().join("inputs/example");
    let scenario = Scenario::plain_case(&dir, None).unwrap();
    let summary =
        scenario::plan_scenario(&scenario, &out, &PipelineOptions::default()).expect("plans");
    let text = terminal::plan(&scenario, &summary, &out, restock::lang::Lang::Nl);
    assert!(text.starts_with("restock "), "{text}");
    assert!(text.contains("\ntotaal "), "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("regio ")).count(), 1);
    assert!(text.ends_with(&format!("Uitvoer geschreven naar {}\n", out.display())));
    // Thousands grouped the Dutch way, money in € mln: Parkstad Limburg's mismatch
    // without the plan is 681,043 weighted dwelling-years, its budget € 126 mln.
    let parkstad = text
        .lines()
        .find(|l| l.starts_with("Parkstad Limburg"))
        .unwrap();
    assert!(parkstad.contains(" 681.043 "), "{parkstad}");
    assert!(parkstad.ends_with(" 126,0"), "{parkstad}");
    let english = terminal::plan(&scenario, &summary, &out, restock::lang::Lang::En);
    assert!(english.contains(" 681,043 "), "{english}");
    assert!(english.contains("\ntotal "), "{english}");
    assert!(english.contains("gross cost €473 M"), "{english}");

    let out_cli = tmp.path().join("out-cli");
    let printed = Command::cargo_bin("restock")
        .unwrap()
        .current_dir(root())
        .args(["plan", "inputs/example", "--out"])
        .arg(&out_cli)
        .output()
        .unwrap();
    assert!(printed.status.success());
    let expected = text.replace(&out.display().to_string(), &out_cli.display().to_string());
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), expected);
}

#[test]
fn validate_prints_the_description() {
    let case = read_case(
        Path::new(&root().join("inputs/example")),
        &ReadOptions::default(),
    )
    .unwrap();
    let printed = |lang: &[&str]| {
        let out = Command::cargo_bin("restock")
            .unwrap()
            .current_dir(root())
            .arg("validate")
            .args(lang)
            .arg("inputs/example")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    // English with --lang en; Dutch by default, as every other command.
    let en = terminal::describe(&case, restock::lang::Lang::En);
    assert_eq!(
        en,
        "case example: valid\n\
         \x20 municipalities: 4\n\
         \x20 regions:        2 (Oost-Groningen, Parkstad Limburg)\n\
         \x20 segments:       3 (koop, huur_corporatie, huur_particulier)\n\
         \x20 transformations: 2\n\
         \x20 base year:      2024\n\
         \x20 periods:        3 (2025–2030, 2031–2040, 2041–2050)\n\
         \x20 variant:        base\n\
         \x20 mode:           segment\n\
         \x20 carry-over:     yes\n\
         \x20 warnings:       none\n"
    );
    assert_eq!(printed(&["--lang", "en"]), en);
    let nl = terminal::describe(&case, restock::lang::Lang::Nl);
    assert_eq!(
        nl,
        "case example: geldig\n\
         \x20 gemeenten:      4\n\
         \x20 regio's:        2 (Oost-Groningen, Parkstad Limburg)\n\
         \x20 segmenten:      3 (koop, huur_corporatie, huur_particulier)\n\
         \x20 transformaties: 2\n\
         \x20 basisjaar:      2024\n\
         \x20 perioden:       3 (2025–2030, 2031–2040, 2041–2050)\n\
         \x20 variant:        base\n\
         \x20 modus:          segment\n\
         \x20 overheveling:   ja\n\
         \x20 waarschuwingen: geen\n"
    );
    assert_eq!(printed(&[]), nl);
}
