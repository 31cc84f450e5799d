//! Who pays what (spec v2 §5 funders) in the outputs: chart 7 as a golden SVG on
//! hand-made figures (and its PNG), the sentence that says where one more million helps
//! most, and on the default case (which has funders) the chart, the section of
//! report.html and the sheet of report.xlsx; a case without funders gets none of them.
//!
//! Regenerate the golden files after an intended change (and look at them):
//! `RESTOCK_UPDATE_GOLDEN=1 cargo test --release --test report_funders`.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{check_golden, root};
use restock::chart::funders::{FunderRegion, FunderSeries};
use restock::chart::{FundersData, Lang};

fn series(budget: [f64; 3], paid: [f64; 3], received: [f64; 3], shadow: [f64; 3]) -> FunderSeries {
    FunderSeries {
        budget_eur: budget.to_vec(),
        paid_eur: paid.to_vec(),
        received_eur: received.to_vec(),
        shadow_price_per_meur: shadow.to_vec(),
    }
}

/// Two regions, three funders, three periods; the province binds in Noord in 2026–2030.
fn data() -> FundersData {
    FundersData {
        periods: vec![(2021, 2025), (2026, 2030), (2031, 2035)],
        plan_title: [String::new(), String::new()],
        funders: vec!["Rijk".into(), "corporaties".into(), "provincie".into()],
        regions: vec![
            FunderRegion {
                name: "Noord".into(),
                funders: vec![
                    series(
                        [6e6, 6e6, 6e6],
                        [4e6, 6e6, 2.5e6],
                        [0.0; 3],
                        [0.0, 12.5, 0.0],
                    ),
                    series([8e6, 8e6, 8e6], [9e6, 7e6, 8e6], [1e6, 0.0, 0.0], [0.0; 3]),
                    series(
                        [2e6, 2e6, 2e6],
                        [2e6, 2e6, 0.5e6],
                        [0.0; 3],
                        [3.0, 150.0, 0.0],
                    ),
                ],
            },
            FunderRegion {
                name: "Zuid".into(),
                funders: vec![
                    series([3e6, 3e6, 3e6], [1e6, 0.0, 0.0], [0.0; 3], [0.0; 3]),
                    series([4e6, 4e6, 4e6], [4e6, 3e6, 0.0], [0.0; 3], [0.0; 3]),
                    series([1e6, 1e6, 1e6], [0.5e6, 0.0, 0.0], [0.0; 3], [0.0; 3]),
                ],
            },
        ],
        variant: None,
    }
}

#[test]
fn the_next_million_in_words() {
    let d = data();
    let best = d.best_use(0).unwrap();
    assert_eq!((best.funder, best.period, best.per_meur), (2, 1, 150.0));
    assert_eq!(
        d.sentence(0, Lang::Nl),
        "Nog € 1 mln bij provincie in Noord (2026–2030) vermindert de mismatch met 150 \
         gewogen woningjaren"
    );
    assert_eq!(
        d.sentence(0, Lang::En),
        "€1 M more for provincie in Noord (2026–2030) reduces the mismatch by 150 weighted \
         dwelling-years"
    );
    assert!(d.best_use(1).is_none());
    assert!(d
        .sentence(1, Lang::Nl)
        .starts_with("In Zuid knelt het budget van geen enkele"));
}

#[test]
fn chart_7_matches_its_golden_svg_and_draws_a_png() {
    let d = data();
    let svg = d.render_svg(Lang::Nl).unwrap();
    assert_eq!(
        svg,
        d.render_svg(Lang::Nl).unwrap(),
        "same input, same bytes"
    );
    for text in [
        "Wie betaalt wat",
        "Noord",
        "Zuid",
        "corporaties",
        "budget van de financier",
    ] {
        assert!(svg.contains(text), "{text}");
    }
    check_golden("7_funders.svg", &svg);
    check_golden("7_funders.en.svg", &d.render_svg(Lang::En).unwrap());
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("7_funders.png");
    d.render_png(&png, Lang::Nl).unwrap();
    // To look at the picture: RESTOCK_KEEP_PNG=/some/folder.
    if let Some(dir) = std::env::var_os("RESTOCK_KEEP_PNG") {
        fs::copy(&png, PathBuf::from(dir).join("7_funders.png")).unwrap();
    }
    let bytes = fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), d.size());
}

fn plan(case: &str, out: &Path) {
    Command::cargo_bin("restock")
        .unwrap()
        .current_dir(root())
        .args(["plan", case, "--out"])
        .arg(out)
        .assert()
        .success();
}

fn sheet_names(path: &Path) -> Vec<String> {
    let bytes = fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text.split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_default_case_says_who_pays_what_and_a_case_without_funders_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let with = tmp.path().join("krimpregios");
    plan("inputs/krimpregios", &with);
    for ext in ["svg", "png"] {
        assert!(with.join(format!("charts/7_funders.{ext}")).is_file());
    }
    let html = fs::read_to_string(with.join("report.html")).unwrap();
    assert!(html.contains("id=\"wie-betaalt-wat\""));
    assert!(html.contains("id=\"chart-7_funders\""));
    assert!(html.contains("Nog € 1 mln bij"));
    for funder in ["corporaties", "gemeenten", "provincie", "Rijk"] {
        assert!(html.contains(&format!("<td>{funder}</td>")), "{funder}");
    }
    let sheets = sheet_names(&with.join("report.xlsx"));
    // After the six table sheets; then "Waarom" (why the plan does what it does); the
    // default case's warning about Sluis's second homes (docs/input.md) comes last.
    assert_eq!(sheets.get(6).map(String::as_str), Some("wie betaalt wat"));
    assert_eq!(sheets.get(7).map(String::as_str), Some("Waarom"));
    assert_eq!(sheets.last().map(String::as_str), Some("Waarschuwingen"));

    let without = tmp.path().join("example");
    plan("inputs/example", &without);
    assert!(!without.join("charts/7_funders.svg").exists());
    let html = fs::read_to_string(without.join("report.html")).unwrap();
    assert!(!html.contains("wie-betaalt-wat"));
    assert!(!html.contains("7_funders"));
    // Six table sheets and "Waarom" (why the plan does what it does), no funders sheet.
    let sheets = sheet_names(&without.join("report.xlsx"));
    assert_eq!(sheets.len(), 7, "{sheets:?}");
    assert_eq!(sheets[6], "Waarom");
}
