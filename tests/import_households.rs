//! `restock import-households`: a planner's own projection table (StatLine / Primos wide
//! form, Dutch numbers, Windows-1252) becomes a named variant of households.csv; every
//! other row stays byte for byte; bad tables are refused with file, line and column and
//! leave the case untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::vector_copy;
use restock::import::households::{import_households, HouseholdsOptions};
use restock::input::{read_case, ReadOptions};
use restock::Error;
use tempfile::TempDir;

/// A copy of the vacancy-total vector (GM9000–GM9004, "Gemeente 0" … "Gemeente 4"; base
/// year 2024, milestones 2027–2040; variants base, laag, hoog; GM9003's 2024 row shared).
fn case_copy() -> TempDir {
    vector_copy("vacancy-total")
}

/// A StatLine-like export: title lines, `;`, Dutch numbers, names and codes mixed, a
/// municipality outside the case, a footer; Windows-1252.
const DUTCH_TABLE: &str = "\
Huishoudens; eigen prognose gemeente\r
\r
Regio's;Onderwerp;2024;2030;2040*\r
Gemeente 0;Particuliere huishoudens;30.813,5;30.500;29.000\r
GM9001;Particuliere huishoudens;31.001;28.000;25.250,25\r
gemeente 2;Particuliere huishoudens;7.000,8;7.100;7.200\r
9003;Particuliere huishoudens;13.977,4;13.500;12.900\r
GM9004;Particuliere huishoudens;8.971;8.800;8.500\r
Súdwest-Fryslân;Particuliere huishoudens;37.000;36.000;35.000\r
\r
Bron: CBS, eigen bewerking\r
";

fn write_table(dir: &Path, name: &str, text: &str, cp1252: bool) -> PathBuf {
    let path = dir.join(name);
    let bytes = if cp1252 {
        encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
    } else {
        text.as_bytes().to_vec()
    };
    fs::write(&path, bytes).unwrap();
    path
}

fn options(table: &Path, case: &Path, variant: &str) -> HouseholdsOptions {
    HouseholdsOptions {
        table: table.to_path_buf(),
        case: case.to_path_buf(),
        variant: variant.into(),
    }
}

fn households(case: &Path) -> String {
    fs::read_to_string(case.join("households.csv")).unwrap()
}

#[test]
fn a_dutch_table_becomes_a_variant_and_nothing_else_changes() {
    let case = case_copy();
    let tables = tempfile::tempdir().unwrap();
    let table = write_table(tables.path(), "prognose.csv", DUTCH_TABLE, true);
    let before = households(case.path());

    let s = import_households(&options(&table, case.path(), "eigen")).unwrap();
    assert_eq!(s.municipalities, 5);
    assert_eq!(s.years, [2024, 2030, 2040]);
    assert_eq!(s.rows, 15);
    assert_eq!(s.replaced, 0);
    assert_eq!(s.skipped, ["Súdwest-Fryslân"]);
    assert!(s.warnings.iter().any(|w| w.contains("Windows-1252")));

    let after = households(case.path());
    // Every old line is still there, in the same order.
    let kept: Vec<&str> = after.lines().filter(|l| !l.ends_with(",eigen")).collect();
    assert_eq!(kept, before.lines().collect::<Vec<_>>());
    // The new rows follow each municipality's own rows, in year order.
    let gm9001: Vec<&str> = after.lines().filter(|l| l.starts_with("GM9001,")).collect();
    assert_eq!(
        &gm9001[gm9001.len() - 3..],
        [
            "GM9001,2024,31001,eigen",
            "GM9001,2030,28000,eigen",
            "GM9001,2040,25250.25,eigen"
        ]
    );
    assert!(after.contains("GM9000,2024,30813.5,eigen\nGM9000,2030,30500,eigen\n"));

    // The case reads with the variant: 2035 interpolated between 2030 and 2040.
    let read = ReadOptions {
        variant: Some("eigen".into()),
        ..ReadOptions::default()
    };
    let c = read_case(case.path(), &read).unwrap();
    let t2035 = 1 + c.periods.iter().position(|p| p.end == 2035).unwrap();
    assert_eq!(c.households[1][t2035], (28000.0 + 25250.25) / 2.0);
    assert_eq!(c.households[0][0], 30813.5);

    // Again: the same bytes (the variant's rows are replaced, not added).
    let s = import_households(&options(&table, case.path(), "eigen")).unwrap();
    assert_eq!(s.replaced, 15);
    assert_eq!(households(case.path()), after);
}

/// An existing variant is replaced in place; a `,` table with plain numbers reads too.
#[test]
fn an_existing_variant_is_replaced_where_it_was() {
    let case = case_copy();
    let tables = tempfile::tempdir().unwrap();
    let table = write_table(
        tables.path(),
        "laag.csv",
        "gemeente,2024,2030,2040,2050\n\
         GM9000,30813.5,30000,29000,28000\n\
         GM9001,31001,28000,25000,22000\n\
         GM9002,7000.8,6900,6800,6700\n\
         GM9003,13977.4,13000,12000,11000\n\
         GM9004,8971,8800,8500,8200\n",
        false,
    );
    let before = households(case.path());
    let s = import_households(&options(&table, case.path(), "laag")).unwrap();
    assert_eq!(s.replaced, 19); // 4 years each, GM9003 3 (its 2024 row is shared)
    let after = households(case.path());
    let others = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.ends_with(",laag"))
            .map(String::from)
            .collect()
    };
    assert_eq!(others(&after), others(&before));
    // In place: GM9000's laag rows still sit between its base and hoog rows.
    let lines: Vec<&str> = after.lines().collect();
    let at = |needle: &str| lines.iter().position(|l| *l == needle).unwrap();
    assert!(at("GM9000,2050,30898.6,base") < at("GM9000,2024,30813.5,laag"));
    assert!(at("GM9000,2050,28000,laag") < at("GM9000,2024,30813.5,hoog"));
    let c = read_case(case.path(), &ReadOptions::default()).unwrap();
    assert_eq!(c.settings.households_variant, "laag");
    assert_eq!(c.households[4][c.periods.len()], 8500.0); // GM9004 in 2040
}

fn refused(case: &TempDir, table: &Path, needles: &[&str]) {
    let before = households(case.path());
    let out = Command::cargo_bin("restock")
        .unwrap()
        .args(["import-households"])
        .arg(table)
        .arg("--case")
        .arg(case.path())
        .args(["--variant", "eigen"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for n in needles {
        assert!(stderr.contains(n), "{n:?} not in {stderr}");
    }
    assert_eq!(households(case.path()), before, "the case is untouched");
}

#[test]
fn bad_tables_are_refused_with_file_line_and_column() {
    let case = case_copy();
    let tables = tempfile::tempdir().unwrap();
    let bad_number = DUTCH_TABLE.replace("28.000;25.250,25", "28.00;25.250,25");
    let table = write_table(tables.path(), "t1.csv", &bad_number, false);
    refused(
        &case,
        &table,
        &["t1.csv", "line 5", "column 2030", "'28.00' is not a number"],
    );
    let twice = DUTCH_TABLE.replace("GM9004;", "Gemeente 1;");
    let table = write_table(tables.path(), "t2.csv", &twice, false);
    refused(
        &case,
        &table,
        &[
            "t2.csv",
            "line 8",
            "column Regio's",
            "GM9001",
            "appears twice",
        ],
    );
    let missing = DUTCH_TABLE.replace("GM9004;", "GM9999;");
    let table = write_table(tables.path(), "t3.csv", &missing, false);
    refused(&case, &table, &["t3.csv", "GM9004 Gemeente 4", "GM9999"]);
    // 2024–2030 only: the milestones 2035 and 2040 are not covered.
    let short = "Gemeente;2024;2030\nGM9000;1;1\nGM9001;1;1\nGM9002;1;1\nGM9003;1;1\nGM9004;1;1\n";
    let table = write_table(tables.path(), "t4.csv", short, false);
    refused(&case, &table, &["t4.csv", "would not be valid", "2035"]);
    let no_years = "Gemeente;Huishoudens\nGM9000;1\n";
    let table = write_table(tables.path(), "t5.csv", no_years, false);
    refused(&case, &table, &["t5.csv", "no header with year columns"]);
    // A missing table is an input error too.
    let err = import_households(&options(
        &tables.path().join("none.csv"),
        case.path(),
        "eigen",
    ))
    .unwrap_err();
    assert!(matches!(err, Error::Input(_)), "{err}");
}

/// The binary prints what it wrote and how to plan with it.
#[test]
fn the_command_says_how_to_plan_with_the_variant() {
    let case = case_copy();
    let tables = tempfile::tempdir().unwrap();
    let table = write_table(tables.path(), "prognose.csv", DUTCH_TABLE, false);
    let out = Command::cargo_bin("restock")
        .unwrap()
        .args(["import-households"])
        .arg(&table)
        .arg("--case")
        .arg(case.path())
        .args(["--variant", "eigen"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("variant 'eigen' for 5 municipalities"),
        "{stdout}"
    );
    assert!(stdout.contains("--variant eigen"), "{stdout}");
}
