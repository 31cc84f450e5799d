//! The charts, report.html and report.xlsx as [`write_outputs`] writes them, on the
//! fixed small case of the chart tests: which files, what the page holds (charts
//! inline, the case's sources, notes), the language, and the workbook's sheets,
//! formats and chart.

mod chart_fixture;
mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;

use chart_fixture::{case, plan, GEOJSON};
use common::file_names;
use restock::chart::Lang;
use restock::report::{write_outputs, RunInfo};

const README: &str = "<!-- generated -->\n# Proef: a test case\n\nMade-up numbers for \
                      the tests.\n\n## Sources\n\n**Bron: CBS.** Stock and households; \
                      everything else is an *assumption*.\n\n| figure | value |\n|---|---:|\n\
                      | demolition | 40,000 |\n";

fn run(lang: Lang, boundaries: Option<&str>, readme: Option<&str>) -> RunInfo {
    RunInfo {
        timings: BTreeMap::from([("read".to_string(), 0.01)]),
        lang,
        case_readme: readme.map(str::to_string),
        boundaries_geojson: boundaries.map(str::to_string),
        ..RunInfo::default()
    }
}

#[test]
fn charts_are_written_as_svg_and_png_and_inline_in_the_page() {
    let (case, root) = (case(), tempfile::tempdir().unwrap());
    let out = root.path().join("out");
    let summary = write_outputs(
        &case,
        &plan(&case),
        &out,
        &run(Lang::Nl, Some(GEOJSON), Some(README)),
    )
    .unwrap();
    assert_eq!(
        file_names(&out.join("charts")),
        [
            "1_stock_demand.png",
            "1_stock_demand.svg",
            "2_actions.png",
            "2_actions.svg",
            "3_vacancy.png",
            "3_vacancy.svg",
            "4_budget.png",
            "4_budget.svg",
            "5_segment_mix.png",
            "5_segment_mix.svg",
            "6_map.png",
            "6_map.svg",
        ]
    );
    assert!(summary.timings.contains_key("charts"));
    assert!(summary.timings.contains_key("xlsx"));

    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(html.matches("<figure id=\"chart-").count(), 6);
    assert_eq!(html.matches("<svg viewBox=").count(), 6);
    assert!(html.contains("@font-face { font-family: 'Liberation Sans'"));
    // Self-contained: nothing is fetched, nothing runs.
    for needle in ["http", "<script", "<link", "src=", "<img"] {
        assert!(!html.to_lowercase().contains(needle), "{needle}");
    }
    // The case's sources: the source paragraph near the top, the whole README below.
    let case_section = &html[html.find("<section id=\"case\">").unwrap()..];
    let case_section = &case_section[..case_section.find("</section>").unwrap()];
    assert!(case_section.contains("<strong>Bron: CBS.</strong>"));
    assert!(case_section.contains("Made-up numbers for the tests."));
    let sources = &html[html.find("<section id=\"bron\">").unwrap()..];
    assert!(sources.contains("<h3>Proef: a test case</h3>"));
    assert!(sources.contains("<em>assumption</em>"));
    assert!(sources.contains("<td class=\"n\">40,000</td>"));
    assert!(!html.contains("generated"));
    // Key figures in Dutch number style, the run facts without timings.
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("Oplosser en berekening"));
    assert!(!html.contains("0.01"));
}

#[test]
fn without_boundaries_there_is_no_map_but_a_note() {
    let (case, root) = (case(), tempfile::tempdir().unwrap());
    write_outputs(&case, &plan(&case), root.path(), &run(Lang::Nl, None, None)).unwrap();
    let charts = file_names(&root.path().join("charts"));
    assert_eq!(charts.len(), 10);
    assert!(!charts.iter().any(|c| c.starts_with("6_map")));
    let html = fs::read_to_string(root.path().join("report.html")).unwrap();
    assert!(html.contains("Geen kaart: de case-map heeft geen boundaries.geojson"));
    assert!(html.contains("De case-map heeft geen README.md"));
    assert!(!html.contains("<section id=\"bron\">"));
}

#[test]
fn unreadable_boundaries_leave_out_the_map_and_say_why() {
    let (case, root) = (case(), tempfile::tempdir().unwrap());
    let other = r#"{"type":"FeatureCollection","features":[]}"#;
    for (geojson, note) in [
        ("{ not json", "Geen kaart: boundaries.geojson is onleesbaar"),
        (
            other,
            "Geen kaart: geen enkele gemeente van de case staat in boundaries.geojson",
        ),
    ] {
        write_outputs(
            &case,
            &plan(&case),
            root.path(),
            &run(Lang::Nl, Some(geojson), None),
        )
        .unwrap();
        assert!(!root.path().join("charts/6_map.svg").exists());
        let html = fs::read_to_string(root.path().join("report.html")).unwrap();
        assert!(html.contains(note), "{note}");
    }
}

#[test]
fn english_on_request() {
    let (case, root) = (case(), tempfile::tempdir().unwrap());
    write_outputs(
        &case,
        &plan(&case),
        root.path(),
        &run(Lang::En, Some(GEOJSON), Some(README)),
    )
    .unwrap();
    let html = fs::read_to_string(root.path().join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    for heading in [
        "The case",
        "Key figures",
        "Charts",
        "Sources and assumptions",
        "Settings",
    ] {
        assert!(html.contains(&format!(">{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("Housing stock and demand per region"));
    let svg = fs::read_to_string(root.path().join("charts/2_actions.svg")).unwrap();
    assert!(svg.contains("Demolition, transformation, sales and new build per municipality"));
    let names = sheet_names(&fs::read(root.path().join("report.xlsx")).unwrap());
    assert_eq!(
        names,
        [
            "summary",
            "plan",
            "transformations",
            "balance",
            "budget",
            "totals",
            "Why"
        ]
    );
}

/// The files of an xlsx (a zip) by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().map(|n| n.to_string()).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(name, text);
    }
    files
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let files = unzip(bytes);
    files["xl/workbook.xml"]
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn the_workbook_has_every_table_with_headers_formats_and_native_charts() {
    let (case, root) = (case(), tempfile::tempdir().unwrap());
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    write_outputs(&case, &plan(&case), &a, &run(Lang::Nl, None, None)).unwrap();
    write_outputs(&case, &plan(&case), &b, &run(Lang::Nl, None, None)).unwrap();
    let bytes = fs::read(a.join("report.xlsx")).unwrap();
    assert!(
        bytes == fs::read(b.join("report.xlsx")).unwrap(),
        "report.xlsx differs between two runs"
    );
    assert_eq!(
        sheet_names(&bytes),
        [
            "samenvatting",
            "plan",
            "transformaties",
            "balans",
            "budget",
            "totalen",
            "Waarom"
        ]
    );
    let files = unzip(&bytes);
    // Number formats for dwellings and euros, a bold header style.
    let styles = &files["xl/styles.xml"];
    assert!(styles.contains("formatCode=\"#,##0\""));
    assert!(styles.contains("formatCode=\"&quot;€ &quot;#,##0\""));
    assert!(styles.contains("<b/>"));
    // Every table sheet: frozen header, autofilter; plan: 3 × 2 × 2 rows plus the header.
    for sheet in 2..=5 {
        let xml = &files[&format!("xl/worksheets/sheet{sheet}.xml")];
        assert!(xml.contains("state=\"frozen\""), "sheet{sheet}");
        assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet{sheet}");
    }
    assert!(files["xl/worksheets/sheet2.xml"].contains("<autoFilter ref=\"A1:K13\"/>"));
    assert!(files["xl/sharedStrings.xml"].contains("Beekstad"));
    assert!(files["xl/sharedStrings.xml"].contains("Sloop"));
    // Native charts: budget against spending, stock against demand.
    let charts: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    assert!(files["xl/charts/chart1.xml"].contains("<c:barChart>"));
    assert!(files["xl/charts/chart2.xml"].contains("<c:lineChart>"));
    // The creation date is fixed: no clock in the bytes.
    assert!(files["docProps/core.xml"].contains("2000-01-01T00:00:00Z"));
}

/// A table longer than the sheet row limit gets a sheet pointing to its CSV file; the
/// other sheets keep their rows.
#[test]
fn a_table_too_long_for_a_sheet_points_to_its_csv() {
    use restock::report::tables::Tables;
    use restock::report::xlsx::build_with_row_limit;
    use restock::report::Summary;

    let case = case();
    let plan = plan(&case);
    let tables = Tables::new(&case, &plan);
    let summary = Summary::new(&case, &plan, BTreeMap::new());
    let limit = tables.budget.len();
    assert!(tables.plan.len() > limit && tables.balance.len() > limit);
    let bytes = build_with_row_limit(&plan, &summary, &tables, Lang::Nl, limit).unwrap();
    assert_eq!(
        sheet_names(&bytes),
        [
            "samenvatting",
            "plan",
            "transformaties",
            "balans",
            "budget",
            "totalen"
        ]
    );
    let files = unzip(&bytes);
    let plan_sheet = &files["xl/worksheets/sheet2.xml"];
    let rows = tables.plan.len();
    assert!(
        plan_sheet.contains(&format!("Deze tabel heeft {rows} rijen"))
            || files["xl/sharedStrings.xml"].contains(&format!("Deze tabel heeft {rows} rijen")),
        "the plan sheet names its length"
    );
    assert!(files["xl/sharedStrings.xml"].contains("plan.csv"));
    assert!(files["xl/sharedStrings.xml"].contains("balance.csv"));
    // The plan sheet holds the note only: one row.
    assert_eq!(plan_sheet.matches("<row ").count(), 1);
    // The budget sheet (at the limit) keeps its header and every row.
    let budget_sheet = &files["xl/worksheets/sheet5.xml"];
    assert_eq!(budget_sheet.matches("<row ").count(), limit + 1);
}
