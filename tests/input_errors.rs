//! Every class of bad input is reported with its file, line and column; several
//! problems in several files are reported in one run; odd but valid spellings read.

mod common;

use std::path::Path;

use common::{vector, vector_copy};
use restock::input::{read_case, ReadOptions};
use restock::{Error, InputError};
use tempfile::TempDir;

fn write(dir: &TempDir, file: &str, content: impl AsRef<[u8]>) {
    std::fs::write(dir.path().join(file), content).unwrap();
}

fn content(dir: &TempDir, file: &str) -> String {
    std::fs::read_to_string(dir.path().join(file)).unwrap()
}

/// Replaces the one occurrence of `from` in `file`.
fn replace(dir: &TempDir, file: &str, from: &str, to: &str) {
    let text = content(dir, file);
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {file}");
    write(dir, file, text.replacen(from, to, 1));
}

fn errors(dir: &TempDir) -> Vec<InputError> {
    match read_case(dir.path(), &ReadOptions::default()) {
        Ok(_) => panic!("expected errors"),
        Err(Error::Input(errors)) => errors,
        Err(e) => panic!("expected input errors, got {e}"),
    }
}

/// Asserts that exactly one error is reported and that its text names the file, the
/// line and (when given) the column, and contains `needle`. Returns its text.
fn only_error(
    dir: &TempDir,
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
    needle: &str,
) -> String {
    let errs = errors(dir);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    check(&errs[0], file, line, column, needle)
}

fn check(
    e: &InputError,
    file: &str,
    line: Option<u64>,
    column: Option<&str>,
    needle: &str,
) -> String {
    let text = e.to_string();
    assert_eq!(e.at.file, file, "{text}");
    assert!(text.starts_with(file), "{text}");
    assert_eq!(e.at.line, line, "{text}");
    if let Some(line) = line {
        assert!(text.contains(&format!("line {line}")), "{text}");
    }
    if let Some(column) = column {
        assert_eq!(e.at.column.as_deref(), Some(column), "{text}");
        assert!(text.contains(&format!("column {column}")), "{text}");
    }
    assert!(text.contains(needle), "{needle:?} not in {text}");
    text
}

// ---- numbers -----------------------------------------------------------------------

#[test]
fn negative_number() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "stock.csv",
        "GM9000,huur_overig,2028.0",
        "GM9000,huur_overig,-2028.0",
    );
    only_error(
        &dir,
        "stock.csv",
        Some(4),
        Some("dwellings"),
        "'-2028.0' is negative",
    );
}

#[test]
fn non_numeric_number() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "households.csv",
        "GM9001,2040,9854.1,base",
        "GM9001,2040,veel,base",
    );
    only_error(
        &dir,
        "households.csv",
        Some(16),
        Some("households"),
        "'veel' is not a number",
    );
}

#[test]
fn nan_number() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "costs.csv",
        "koop,150000.0,260000.0,",
        "koop,NaN,260000.0,",
    );
    only_error(
        &dir,
        "costs.csv",
        Some(2),
        Some("demolish_eur"),
        "not a finite number",
    );
}

#[test]
fn infinite_numbers() {
    let dir = vector_copy("total-small");
    replace(&dir, "budgets.csv", "Regio A,2025,0.0", "Regio A,2025,inf");
    replace(
        &dir,
        "budgets.csv",
        "Regio A,2026,0.0",
        "Regio A,2026,1e999",
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    check(
        &errs[0],
        "budgets.csv",
        Some(2),
        Some("budget_eur"),
        "not a finite number",
    );
    check(
        &errs[1],
        "budgets.csv",
        Some(3),
        Some("budget_eur"),
        "not a finite number",
    );
}

#[test]
fn out_of_range_cells() {
    let dir = vector_copy("segment-mode");
    replace(
        &dir,
        "transformations.csv",
        "koop,-80000.0,1.0,verkoop",
        "koop,-80000.0,0,verkoop",
    );
    replace(&dir, "demand_shares.csv", "koop,0.55,,", "koop,55,,");
    replace(
        &dir,
        "households.csv",
        "GM9000,2024,13245.0,base",
        "GM9000,2024.5,13245.0,base",
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    check(
        &errs[0],
        "demand_shares.csv",
        Some(10),
        Some("share"),
        "between 0 and 1",
    );
    check(
        &errs[1],
        "households.csv",
        Some(2),
        Some("year"),
        "not a year",
    );
    check(
        &errs[2],
        "transformations.csv",
        Some(4),
        Some("yield"),
        "must be > 0",
    );
}

#[test]
fn ambiguous_number_in_semicolon_file() {
    let dir = vector_copy("dutch-spelling");
    replace(
        &dir,
        "stock.csv",
        "GM9001;huur_overig;722,0",
        "GM9001;huur_overig;1.234",
    );
    let text = only_error(&dir, "stock.csv", Some(7), Some("dwellings"), "ambiguous");
    assert!(text.contains("1234") && text.contains("1,234"), "{text}");
}

#[test]
fn thousands_grouping_with_decimal_comma_is_an_error() {
    let dir = vector_copy("dutch-spelling");
    replace(
        &dir,
        "stock.csv",
        "GM9000;koop;20101,0",
        "GM9000;koop;20.101,0",
    );
    only_error(&dir, "stock.csv", Some(2), Some("dwellings"), "ambiguous");
}

#[test]
fn unambiguous_dot_in_semicolon_file_reads() {
    let dir = vector_copy("dutch-spelling");
    replace(&dir, "transformations.csv", ";0,5;", ";0.5;");
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(case.transformations[1].yield_per_dwelling, 0.5);
}

// ---- references ----------------------------------------------------------------------

#[test]
fn unknown_municipality() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "stock.csv",
        "GM9002,nultreden,314.0",
        "GM9009,nultreden,314.0",
    );
    only_error(
        &dir,
        "stock.csv",
        Some(12),
        Some("municipality"),
        "unknown municipality 'GM9009'",
    );
}

#[test]
fn unknown_segment_with_suggestion() {
    let dir = vector_copy("total-small");
    replace(&dir, "costs.csv", "nultreden,40000.0", "nultreeden,40000.0");
    let text = only_error(
        &dir,
        "costs.csv",
        Some(5),
        Some("segment"),
        "unknown segment 'nultreeden'",
    );
    assert!(text.contains("did you mean 'nultreden'"), "{text}");
}

#[test]
fn unknown_segment_in_transformations() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "transformations.csv",
        "huur_corporatie,koop,",
        "huur_corporatie,villa,",
    );
    only_error(
        &dir,
        "transformations.csv",
        Some(4),
        Some("to_segment"),
        "unknown segment 'villa'",
    );
}

#[test]
fn region_without_budget_row() {
    let dir = vector_copy("total-small");
    let text: String = content(&dir, "budgets.csv")
        .lines()
        .filter(|l| !l.starts_with("Regio A"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&dir, "budgets.csv", text);
    only_error(
        &dir,
        "budgets.csv",
        None,
        None,
        "region 'Regio A' (municipalities GM9002) has no row; add a row with budget_eur 0",
    );
}

#[test]
fn missing_costs_for_a_segment_in_stock() {
    let dir = vector_copy("total-small");
    replace(&dir, "costs.csv", "huur_overig,120000.0,,\n", "");
    let errs = errors(&dir);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    check(
        &errs[0],
        "costs.csv",
        None,
        None,
        "no costs for segment 'huur_overig' in GM9000",
    );
    assert!(errs[0].message.contains("stock.csv line 4"), "{}", errs[0]);
}

// ---- duplicates ------------------------------------------------------------------------

#[test]
fn duplicate_keys_name_both_lines() {
    let dir = vector_copy("total-small");
    write(
        &dir,
        "municipalities.csv",
        format!(
            "{}GM9001,Gemeente 1 bis,Regio B\n",
            content(&dir, "municipalities.csv")
        ),
    );
    write(
        &dir,
        "stock.csv",
        format!("{}GM9000,koop,1.0\n", content(&dir, "stock.csv")),
    );
    write(
        &dir,
        "budgets.csv",
        format!("{}Regio A,2025,5.0\n", content(&dir, "budgets.csv")),
    );
    write(
        &dir,
        "costs.csv",
        format!(
            "{}huur_corporatie,1.0,2.0,GM9000\n",
            content(&dir, "costs.csv")
        ),
    );
    write(
        &dir,
        "households.csv",
        format!("{}GM9001,2024,1.0,\n", content(&dir, "households.csv")),
    );
    write(
        &dir,
        "segments.csv",
        format!("{}koop,koop 2\n", content(&dir, "segments.csv")),
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 6, "{errs:#?}");
    let budget_lines = content(&dir, "budgets.csv").lines().count() as u64;
    check(
        &errs[0],
        "budgets.csv",
        Some(budget_lines),
        None,
        "duplicate budget for region 'Regio A' in 2025: already on line 2",
    );
    check(&errs[1], "costs.csv", Some(7), None, "already on line 6");
    check(
        &errs[2],
        "households.csv",
        Some(34),
        None,
        "already on line 14",
    );
    check(
        &errs[3],
        "municipalities.csv",
        Some(5),
        None,
        "duplicate municipality code 'GM9001': already on line 3",
    );
    check(
        &errs[4],
        "segments.csv",
        Some(6),
        None,
        "duplicate segment 'koop': already on line 2",
    );
    check(&errs[5], "stock.csv", Some(13), None, "already on line 2");
}

#[test]
fn same_transformation_pair_with_other_label_is_allowed() {
    let dir = vector_copy("total-small");
    let t = content(&dir, "transformations.csv");
    write(
        &dir,
        "transformations.csv",
        format!("{t}huur_corporatie,koop,-70000.0,1.0,verkoop aan zittende huurder\n"),
    );
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(case.transformations.len(), 4);
    write(
        &dir,
        "transformations.csv",
        format!("{t}huur_corporatie,koop,-70000.0,1.0,verkoop\n"),
    );
    only_error(
        &dir,
        "transformations.csv",
        Some(5),
        None,
        "already on line 4",
    );
}

// ---- files and structure ---------------------------------------------------------------

#[test]
fn missing_column() {
    let dir = vector_copy("total-small");
    let text: String = content(&dir, "stock.csv")
        .lines()
        .map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0))
        .collect();
    write(&dir, "stock.csv", text);
    only_error(
        &dir,
        "stock.csv",
        Some(1),
        Some("dwellings"),
        "missing required column 'dwellings'",
    );
}

#[test]
fn missing_file() {
    let dir = vector_copy("total-small");
    std::fs::remove_file(dir.path().join("costs.csv")).unwrap();
    only_error(&dir, "costs.csv", None, None, "missing");
}

#[test]
fn missing_case_folder() {
    let err = read_case(Path::new("/nonexistent/case"), &ReadOptions::default()).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn empty_file() {
    let dir = vector_copy("total-small");
    write(&dir, "segments.csv", "");
    only_error(&dir, "segments.csv", None, None, "empty");
    write(&dir, "segments.csv", "\n\n  \n");
    only_error(&dir, "segments.csv", None, None, "empty");
}

#[test]
fn ragged_row() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "municipalities.csv",
        "GM9001,Gemeente 1,Regio B",
        "GM9001,Gemeente, 1,Regio B",
    );
    only_error(
        &dir,
        "municipalities.csv",
        Some(3),
        None,
        "the row has 4 field(s) but the header has 3",
    );
}

#[test]
fn extra_column_is_a_warning_and_order_is_free() {
    let dir = vector_copy("total-small");
    let text: String = content(&dir, "stock.csv")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split(',').collect();
            let note = if i == 0 { "Opmerking" } else { "x" };
            format!("{},{},{note}, {} \n", f[2], f[1], f[0])
        })
        .collect();
    write(
        &dir,
        "stock.csv",
        text.replace("dwellings,segment", "DWELLINGS , Segment"),
    );
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    let reference = read_case(&vector("total-small"), &ReadOptions::default()).unwrap();
    assert_eq!(case.stock0, reference.stock0);
    assert_eq!(case.warnings.len(), 1, "{:?}", case.warnings);
    assert!(
        case.warnings[0].to_string().contains("stock.csv")
            && case.warnings[0].to_string().contains("Opmerking")
    );
}

#[test]
fn both_delimiters_in_header() {
    let dir = vector_copy("total-small");
    replace(&dir, "segments.csv", "segment,label", "segment;label,x");
    only_error(&dir, "segments.csv", None, None, "both ',' and ';'");
}

#[test]
fn windows_1252_file_reads_with_a_warning() {
    let dir = vector_copy("total-small");
    let mut bytes = content(&dir, "municipalities.csv").into_bytes();
    let at = bytes.windows(10).position(|w| w == b"Gemeente 1").unwrap();
    // "Súdwest-Fryslân" in Windows-1252: ú = 0xFA, â = 0xE2.
    bytes.splice(at..at + 10, b"S\xfadwest-Frysl\xe2n".iter().copied());
    write(&dir, "municipalities.csv", bytes);
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(case.municipalities[1].name, "Súdwest-Fryslân");
    assert_eq!(case.warnings.len(), 1, "{:?}", case.warnings);
    assert!(
        case.warnings[0].to_string().contains("municipalities.csv")
            && case.warnings[0].to_string().contains("Windows-1252")
    );
}

#[test]
fn budget_years_outside_the_plan_are_warnings() {
    let dir = vector_copy("total-small");
    write(
        &dir,
        "budgets.csv",
        format!(
            "{}Regio A,2060,1.0\nRegio A,2024,1.0\n",
            content(&dir, "budgets.csv")
        ),
    );
    let case = read_case(dir.path(), &ReadOptions::default()).unwrap();
    assert_eq!(case.warnings.len(), 1, "{:?}", case.warnings);
    assert!(
        case.warnings[0].to_string().contains("2060")
            && case.warnings[0].to_string().contains("2024")
    );
}

// ---- settings --------------------------------------------------------------------------

#[test]
fn settings_out_of_range() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "friction_vacancy = 0.025",
        "friction_vacancy = 1.5",
    );
    only_error(
        &dir,
        "settings.toml",
        Some(4),
        Some("friction_vacancy"),
        "out of range",
    );
}

#[test]
fn settings_syntax_error() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "weight_surplus = 1.0",
        "weight_surplus = 1.0.0",
    );
    only_error(&dir, "settings.toml", Some(7), None, "not valid TOML");
}

#[test]
fn settings_wrong_type() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "budget_carry_over = false",
        "budget_carry_over = \"nee\"",
    );
    only_error(
        &dir,
        "settings.toml",
        Some(9),
        Some("budget_carry_over"),
        "must be true or false, found a string",
    );
}

#[test]
fn settings_unknown_key_with_suggestion() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "weight_shortage = 3.0",
        "weight_shortfall = 3.0",
    );
    only_error(
        &dir,
        "settings.toml",
        Some(8),
        Some("weight_shortfall"),
        "unknown key 'weight_shortfall'; did you mean 'weight_shortage'?",
    );
}

#[test]
fn settings_bad_tiers() {
    let dir = vector_copy("total-tiers");
    replace(&dir, "settings.toml", "[inf, 5.0]", "[0.5, 5.0]");
    only_error(
        &dir,
        "settings.toml",
        Some(10),
        Some("surplus_tiers"),
        "last tier's bound must be inf",
    );
}

#[test]
fn settings_missing_base_year() {
    let dir = vector_copy("total-small");
    replace(&dir, "settings.toml", "base_year = 2024\n", "");
    let errs = errors(&dir);
    check(
        &errs[0],
        "settings.toml",
        None,
        None,
        "base_year is missing",
    );
}

#[test]
fn milestones_not_increasing() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "milestones = [2040, 2050]",
        "milestones = [2050, 2040]",
    );
    only_error(
        &dir,
        "settings.toml",
        Some(2),
        Some("milestones"),
        "not increasing",
    );
}

#[test]
fn milestone_beyond_the_projections() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "milestones = [2040, 2050]",
        "milestones = [2040, 2060]",
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    check(
        &errs[0],
        "settings.toml",
        Some(2),
        Some("milestones"),
        "milestone(s) 2060 beyond the households projections of GM9000",
    );
}

#[test]
fn missing_households_for_the_base_year() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "households.csv",
        "GM9001,2024,11817.0,\n",
        "GM9001,2024,11817.0,hoog\n",
    );
    let text = only_error(
        &dir,
        "households.csv",
        None,
        None,
        "missing households for the base year 2024 for GM9001",
    );
    assert!(text.contains("only for variant(s) hoog"), "{text}");
}

#[test]
fn unknown_variant_lists_the_variants() {
    let options = ReadOptions {
        variant: Some("midden".into()),
        ..ReadOptions::default()
    };
    let Err(Error::Input(errs)) = read_case(&vector("total-small"), &options) else {
        panic!("expected an error");
    };
    assert_eq!(errs.len(), 1, "{errs:#?}");
    check(
        &errs[0],
        "households.csv",
        None,
        Some("variant"),
        "the variants in households.csv are: base, hoog, laag",
    );
}

#[test]
fn shares_not_summing_to_one() {
    let dir = vector_copy("segment-mode");
    replace(
        &dir,
        "demand_shares.csv",
        "huur_overig,0.105,GM9001,",
        "huur_overig,0.1,GM9001,",
    );
    let errs = errors(&dir);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    for (e, year) in errs.iter().zip(["2024", "2045", "2050"]) {
        check(
            e,
            "demand_shares.csv",
            None,
            None,
            &format!("the demand shares of GM9001 in {year} sum to 0.995000, not 1"),
        );
        assert!(e.to_string().contains("lines 2, 3, 4, 5"), "{e}");
    }
}

// ---- all at once -----------------------------------------------------------------------

#[test]
fn errors_in_several_files_are_reported_in_one_run() {
    let dir = vector_copy("total-small");
    replace(&dir, "stock.csv", "GM9000,koop,20101.0", "GM9000,koop,-1");
    replace(
        &dir,
        "costs.csv",
        "koop,150000.0,260000.0,",
        "koop,duur,260000.0,",
    );
    replace(
        &dir,
        "settings.toml",
        "weight_surplus = 1.0",
        "weight_surplus = -1.0",
    );
    std::fs::remove_file(dir.path().join("segments.csv")).unwrap();
    replace(&dir, "budgets.csv", "Regio B,2050,0.0", "Regio B,2050,x");
    let errs = errors(&dir);
    let files: Vec<&str> = errs.iter().map(|e| e.at.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "budgets.csv",
            "costs.csv",
            "segments.csv",
            "settings.toml",
            "stock.csv"
        ],
        "{errs:#?}"
    );
    let text = Error::Input(errs).to_string();
    assert!(text.starts_with("5 problem(s) in the input"), "{text}");
}

#[test]
fn implausibly_large_numbers() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "stock.csv",
        "GM9000,koop,20101.0",
        "GM9000,koop,1e300",
    );
    only_error(
        &dir,
        "stock.csv",
        Some(2),
        Some("dwellings"),
        "implausibly large",
    );
}

#[test]
fn weights_beyond_one_million() {
    let dir = vector_copy("total-small");
    replace(
        &dir,
        "settings.toml",
        "weight_shortage = 3.0",
        "weight_shortage = 1e300",
    );
    only_error(
        &dir,
        "settings.toml",
        Some(8),
        Some("weight_shortage"),
        "1e6",
    );
}
