//! Input mistakes a planner cannot miss (issue 15): every warning on the terminal for
//! every command that reads a case (counted, in the `--lang` language, with file and
//! line), at the top of report.html and in report.xlsx; did-you-mean for names that
//! match nothing; hints for numbers settings.toml cannot read and Dutch key names;
//! plausibility warnings; an output folder that cannot be written. One case per mistake,
//! each checked as the user sees it: stderr, exit code, report.

mod common;

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::root;

fn restock() -> Command {
    Command::cargo_bin("restock").expect("binary")
}

/// A copy of inputs/example in a fresh temporary folder: (the folder, the case).
fn example() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    fs::create_dir(&case).unwrap();
    for entry in fs::read_dir(root().join("inputs/example")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), case.join(entry.file_name())).unwrap();
    }
    (tmp, case)
}

/// Replaces `from` by `to` in a file of the case (which must contain it).
fn edit(case: &Path, file: &str, from: &str, to: &str) {
    let path = case.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Adds a column `name` with `value` on every row to a file of the case.
fn add_column(case: &Path, file: &str, name: &str, value: &str) {
    let path = case.join(file);
    let text: String = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { name } else { value }))
        .collect();
    fs::write(path, text).unwrap();
}

/// Runs restock with `args`; returns (exit code, stdout, stderr).
fn run(args: &[&str], paths: &[&Path]) -> (i32, String, String) {
    let mut cmd = restock();
    cmd.args(args);
    for p in paths {
        cmd.arg(p);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `restock validate CASE` (Dutch by default); returns (exit code, stdout, stderr).
fn validate(case: &Path, lang: &str) -> (i32, String, String) {
    run(&["validate", "--lang", lang], &[case])
}

/// The sheet names and the shared strings of a workbook.
fn workbook(path: &Path) -> (Vec<String>, String) {
    let bytes = fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let book = read("xl/workbook.xml");
    let strings = read("xl/sharedStrings.xml");
    let names = book
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect();
    (names, strings)
}

#[test]
fn a_misspelt_region_on_one_budget_row_is_loud_everywhere() {
    let (tmp, case) = example();
    edit(
        &case,
        "budgets.csv",
        "Parkstad Limburg,2031,",
        "Parkstad Limburgg,2031,",
    );
    let out = tmp.path().join("out");
    let (code, stdout, stderr) = run(&["plan", "--out"], &[&out, &case]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("1 waarschuwing:\n"), "{stderr}");
    assert!(
        stderr.contains(
            "budgets.csv, regel 8, kolom region: regio 'Parkstad Limburgg' staat niet in \
             municipalities.csv: dit budget (€ 5.000.000) wordt NIET gebruikt. Bedoelt u \
             'Parkstad Limburg'?"
        ),
        "{stderr}"
    );
    assert!(stdout.contains("Uitvoer geschreven naar"), "{stdout}");

    // report.html: the first section of the page, before the case's own description,
    // in Dutch.
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    let first_section = html.find("<section id=").unwrap();
    assert_eq!(
        html.find("<section id=\"waarschuwingen\">"),
        Some(first_section),
        "the warnings are not the first section"
    );
    let at = html
        .find("Parkstad Limburgg")
        .expect("the warning is in report.html");
    let second_section = html[first_section + 1..].find("<section id=").unwrap() + first_section;
    assert!(at < second_section);
    assert!(html.contains("Waarschuwingen bij het inlezen"));
    assert!(html.contains("regel 8"));

    // report.xlsx: a sheet Waarschuwingen with file, line, column and message.
    let (sheets, strings) = workbook(&out.join("report.xlsx"));
    assert_eq!(sheets.last().map(String::as_str), Some("Waarschuwingen"));
    assert!(strings.contains("dit budget (€ 5.000.000) wordt NIET gebruikt"));
    assert!(strings.contains("<t>melding</t>") && strings.contains("<t>regel</t>"));

    // summary.json keeps the English text.
    let summary = fs::read_to_string(out.join("summary.json")).unwrap();
    assert!(summary.contains("budgets.csv, line 8, column region: region 'Parkstad Limburgg'"));

    // In English with --lang en.
    let (code, _, stderr) = run(&["plan", "--lang", "en", "--out"], &[&out, &case]);
    assert_eq!(code, 0);
    assert!(stderr.starts_with("1 warning:\n"), "{stderr}");
    assert!(
        stderr.contains("budgets.csv, line 8, column region"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Did you mean 'Parkstad Limburg'?"),
        "{stderr}"
    );
    let (sheets, _) = workbook(&out.join("report.xlsx"));
    assert_eq!(sheets.last().map(String::as_str), Some("Warnings"));
}

#[test]
fn a_case_without_warnings_prints_none_and_keeps_its_sheets() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = run(&["plan", "--out"], &[&out, &root().join("inputs/example")]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
    let (sheets, _) = workbook(&out.join("report.xlsx"));
    assert!(!sheets.iter().any(|s| s == "Waarschuwingen"), "{sheets:?}");
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("Waarschuwingen bij het inlezen"));
}

#[test]
fn a_municipality_given_as_region_says_its_region() {
    let (_tmp, case) = example();
    edit(
        &case,
        "budgets.csv",
        "Parkstad Limburg,2031,",
        "Heerlen,2031,",
    );
    let (code, _, stderr) = validate(&case, "en");
    assert_eq!(code, 0);
    assert!(
        stderr.contains(
            "'Heerlen' is a municipality (in municipalities.csv); write its region: 'Parkstad \
             Limburg'."
        ),
        "{stderr}"
    );
}

#[test]
fn ignored_columns_years_outside_the_plan_and_windows_1252_reach_the_terminal() {
    let (tmp, case) = example();
    add_column(&case, "stock.csv", "Opmerking", "x");
    edit(
        &case,
        "budgets.csv",
        "region,year,budget_eur\n",
        "region,year,budget_eur\nParkstad Limburg,2070,1000000\n",
    );
    let mut bytes = fs::read(case.join("municipalities.csv")).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Heerlen").unwrap();
    bytes.splice(at..at + 7, b"H\xe9erlen".iter().copied());
    fs::write(case.join("municipalities.csv"), bytes).unwrap();
    let (code, _, stderr) = run(&["plan", "--out"], &[&tmp.path().join("out"), &case]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("3 waarschuwingen:\n"), "{stderr}");
    for needle in [
        "budgets.csv, regel 2: regels van regio 'Parkstad Limburg' voor jaren buiten het plan \
         (2025–2050) worden genegeerd: 2070",
        "municipalities.csv: geen geldige UTF-8 (voor het eerst op regel 2); gelezen als \
         Windows-1252",
        "stock.csv, regel 1, kolom Opmerking: kolom 'Opmerking' wordt niet gebruikt en genegeerd",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in\n{stderr}");
    }
    // validate lists the same warnings on stderr and counts them on stdout.
    let (code, stdout, stderr_validate) = validate(&case, "nl");
    assert_eq!(code, 0);
    assert_eq!(stderr_validate, stderr);
    assert!(stdout.contains("waarschuwingen: 3 (hierboven)"), "{stdout}");
}

#[test]
fn compare_and_sweep_print_the_warnings_too() {
    let (tmp, case) = example();
    add_column(&case, "stock.csv", "Opmerking", "x");
    let a = tmp.path().join("a.toml");
    let b = tmp.path().join("b.toml");
    fs::write(&a, "name = \"A\"\nbase = \"case\"\n").unwrap();
    fs::write(
        &b,
        "name = \"B\"\nbase = \"case\"\n[factors]\nbudget = 0.5\n",
    )
    .unwrap();
    let (code, _, stderr) = run(
        &["compare", "--lang", "en", "--out"],
        &[&tmp.path().join("cmp"), &a, &b],
    );
    assert_eq!(code, 0, "{stderr}");
    // Both scenarios share their base case: its warning is printed once.
    assert!(stderr.starts_with("1 warning:\n"), "{stderr}");
    assert_eq!(
        stderr.matches("Opmerking' is not used").count(),
        1,
        "{stderr}"
    );

    let (code, _, stderr) = run(
        &["sweep", "--budget-factor", "0.5:1:0.5", "--out"],
        &[&tmp.path().join("sweep"), &case],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("1 waarschuwing:\n"), "{stderr}");
    assert!(
        stderr.contains("stock.csv, regel 1, kolom Opmerking"),
        "{stderr}"
    );

    let (code, _, stderr) = run(
        &["plan", "--scenario"],
        &[&a, Path::new("--out"), &tmp.path().join("scen")],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("kolom 'Opmerking' wordt niet gebruikt"),
        "{stderr}"
    );
}

#[test]
fn a_misspelt_segment_or_municipality_gets_a_did_you_mean() {
    let (_tmp, case) = example();
    edit(
        &case,
        "costs.csv",
        "huur_corporatie,45000",
        "huur_corporatei,45000",
    );
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("costs.csv, line 3, column segment"),
        "{stderr}"
    );
    assert!(
        stderr.contains("(did you mean 'huur_corporatie'?)"),
        "{stderr}"
    );

    let (_tmp, case) = example();
    edit(&case, "households.csv", "GM0917,2030", "gm0917,2030");
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 2);
    assert!(stderr.contains("households.csv, line 3"), "{stderr}");
    assert!(stderr.contains("(did you mean 'GM0917'?)"), "{stderr}");
}

#[test]
fn a_municipality_name_where_its_code_belongs_gives_the_code() {
    let (_tmp, case) = example();
    edit(&case, "stock.csv", "GM0928,koop", "Kerkrade,koop");
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "stock.csv, line 5, column municipality: unknown municipality 'Kerkrade': it is not \
             in municipalities.csv ('Kerkrade' is a municipality's name; write its code GM0928)"
        ),
        "{stderr}"
    );
    // A name spelt nearly right still finds the code.
    let (_tmp, case) = example();
    edit(&case, "stock.csv", "GM0928,koop", "Kerkrad,koop");
    let (_, _, stderr) = validate(&case, "nl");
    assert!(
        stderr.contains("'Kerkrade' is a municipality's name; write its code GM0928"),
        "{stderr}"
    );
}

#[test]
fn a_percentage_or_decimal_comma_in_settings_says_how_to_write_it() {
    for (value, expected) in [
        (
            "2%",
            "settings.toml, line 7, column friction_vacancy: 'friction_vacancy = 2%' is not a \
             number TOML can read: write 0.02 (2 %) with a decimal point, as a share without '%'",
        ),
        (
            "0,02",
            "settings.toml, line 7, column friction_vacancy: 'friction_vacancy = 0,02' is not a \
             number TOML can read: write 0.02 (2 %) with a decimal point",
        ),
    ] {
        let (_tmp, case) = example();
        edit(
            &case,
            "settings.toml",
            "friction_vacancy = 0.02",
            &format!("friction_vacancy = {value}"),
        );
        let (code, _, stderr) = validate(&case, "nl");
        assert_eq!(code, 2);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("not valid TOML"), "{stderr}");
    }
}

#[test]
fn dutch_setting_names_suggest_the_english_key() {
    let (_tmp, case) = example();
    edit(
        &case,
        "settings.toml",
        "friction_vacancy = 0.02",
        "frictieleegstand = 0.02",
    );
    edit(
        &case,
        "settings.toml",
        "base_year = 2024",
        "basisjaar = 2024",
    );
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("unknown key 'frictieleegstand'; did you mean 'friction_vacancy'?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown key 'basisjaar'; did you mean 'base_year'?"),
        "{stderr}"
    );
}

#[test]
fn a_scenario_file_gets_the_same_settings_hints() {
    let tmp = tempfile::tempdir().unwrap();
    let base = root().join("inputs/example");
    let file = tmp.path().join("s.toml");
    let scenario = |settings: &str| {
        format!(
            "name = \"S\"\nbase = \"{}\"\n[settings]\n{settings}\n",
            base.display()
        )
    };
    fs::write(&file, scenario("friction_vacancy = 3%")).unwrap();
    let (code, _, stderr) = run(&["plan", "--scenario"], &[&file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("s.toml, line 4, column friction_vacancy: 'friction_vacancy = 3%'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write 0.03 (3 %) with a decimal point"),
        "{stderr}"
    );

    fs::write(&file, scenario("frictieleegstand = 0.03")).unwrap();
    let (code, _, stderr) = run(&["plan", "--scenario"], &[&file]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "unknown key 'frictieleegstand' in [settings]; did you mean 'friction_vacancy'?"
        ),
        "{stderr}"
    );
}

#[test]
fn fractional_dwellings_are_a_warning() {
    let (_tmp, case) = example();
    edit(&case, "stock.csv", "GM0917,koop,22000", "GM0917,koop,12.50");
    let (code, _, stderr) = validate(&case, "en");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "stock.csv, line 2, column dwellings: 12.5 dwellings is not a whole number: check \
             the number"
        ),
        "{stderr}"
    );
}

#[test]
fn a_small_household_count_with_decimals_is_a_warning() {
    let (_tmp, case) = example();
    edit(
        &case,
        "households.csv",
        "GM0917,2030,40500",
        "GM0917,2030,40.500",
    );
    let (code, _, stderr) = validate(&case, "en");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("households.csv, line 3, column households: 40.5 households"),
        "{stderr}"
    );
    assert!(stderr.contains("thousands separator"), "{stderr}");
}

#[test]
fn a_budget_typed_in_millions_is_a_warning() {
    // The Dutch spreadsheet spelling: `;` and a decimal comma.
    let (_tmp, case) = example();
    let text = fs::read_to_string(case.join("budgets.csv")).unwrap();
    let dutch = text.replace(',', ";").replacen(
        "Parkstad Limburg;2025;6000000",
        "Parkstad Limburg;2025;2,5",
        1,
    );
    fs::write(case.join("budgets.csv"), dutch).unwrap();
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "budgets.csv, regel 2, kolom budget_eur: regio 'Parkstad Limburg' heeft in 1 jaar \
             een budget onder € 1.000 (2025: € 2,5): in miljoenen geschreven?"
        ),
        "{stderr}"
    );
}

#[test]
fn costs_per_dwelling_outside_the_plausible_range_are_warnings() {
    let (_tmp, case) = example();
    edit(
        &case,
        "costs.csv",
        "koop,150000,260000",
        "koop,150,260000000",
    );
    let (code, _, stderr) = validate(&case, "en");
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("2 warnings:\n"), "{stderr}");
    assert!(
        stderr
            .contains("costs.csv, line 2, column demolish_eur: €150 is below €1,000 per dwelling"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "costs.csv, line 2, column new_build_eur: €260,000,000 is above €1,000,000 per dwelling"
        ),
        "{stderr}"
    );
}

#[test]
fn a_vacancy_above_15_percent_is_a_warning() {
    let (_tmp, case) = example();
    add_column(&case, "municipalities.csv", "vacant_dwellings", "");
    edit(
        &case,
        "municipalities.csv",
        "GM0917,Heerlen,Parkstad Limburg,",
        "GM0917,Heerlen,Parkstad Limburg,8800",
    );
    let (code, _, stderr) = validate(&case, "nl");
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "municipalities.csv, regel 2, kolom vacant_dwellings: GM0917 Heerlen: leegstand 20 % \
             van de voorraad (vacant_dwellings), boven 15 %: tellen tweede woningen"
        ),
        "{stderr}"
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_named_as_typed() {
    let (code, _, stderr) = run(
        &["plan", "--out", "/proc/x"],
        &[&root().join("inputs/example")],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(
            "error: output folder /proc/x cannot be written: no folder can be created in /proc"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("probe"), "{stderr}");
}

#[test]
fn a_region_misspelt_on_every_row_is_an_error_that_names_the_misspelling() {
    let (_tmp, case) = example();
    let path = case.join("budgets.csv");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("Oost-Groningen,", "Oost-Groningn,")).unwrap();
    let (code, _, stderr) = validate(&case, "en");
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "budgets.csv: region 'Oost-Groningen' (municipalities GM0037) has no row; add a row \
             with budget_eur 0 if it has no budget (rows for 'Oost-Groningn' from line"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean 'Oost-Groningen'?)"),
        "{stderr}"
    );
}
