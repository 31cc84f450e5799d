//! The output folder of spec §7 on a tiny hand-made case and plan: file names, headers,
//! cells computed by hand, determinism, atomic replacement and the HTML page.
//!
//! The case: two municipalities in two regions, segments `koop` and `huur`, one merge
//! transformation `huur → huur` with yield 0.5, periods 2021–2025 and 2026–2030, default
//! settings (f = 0.02, tiers 3 % ×1, 8 % ×2, beyond ×4, w_u = 1, w_v = 2).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{assert_same_files, file_names};
use restock::case::{
    Case, Mode, Municipality, Period, Segment, SegmentCosts, Settings, Transformation,
};
use restock::plan::{Plan, PlanStatus};
use restock::report::{write_dir_atomically, write_outputs, RunInfo, Summary};
use restock::Error;

const KOOP: usize = 0;
const HUUR: usize = 1;

fn segment(id: &str) -> Segment {
    Segment {
        id: id.into(),
        label: format!("{id} label"),
        tenure: None,
        dwelling_type: None,
    }
}

fn costs(demolish: f64, new_build: Option<f64>) -> Option<SegmentCosts> {
    Some(SegmentCosts {
        demolish_eur: demolish,
        new_build_eur: new_build,
    })
}

/// The tiny case in total mode.
fn case_total() -> Case {
    Case {
        name: "Krimp & <proef>".into(),
        settings: Settings {
            base_year: 2020,
            milestones: vec![2025, 2030],
            households_variant: "base".into(),
            friction_vacancy: 0.02,
            max_removal_share_per_year: 0.02,
            max_new_build_share_per_year: 0.01,
            weight_surplus: 1.0,
            surplus_tiers: Settings::default_tiers(),
            weight_shortage: 2.0,
            budget_carry_over: false,
            title: None,
            subtitle: None,
            robust: None,
        },
        municipalities: vec![
            Municipality {
                code: "GM0001".into(),
                name: "Aa & Hunze <noord>".into(),
                region: 0,
                vacant_dwellings: None,
            },
            Municipality {
                code: "GM0002".into(),
                name: "Zuidstad".into(),
                region: 1,
                vacant_dwellings: None,
            },
        ],
        regions: vec!["Noord".into(), "Zuid, west".into()],
        segments: vec![segment("koop"), segment("huur")],
        transformations: vec![Transformation {
            from: HUUR,
            to: HUUR,
            cost_eur: 30_000.0,
            yield_per_dwelling: 0.5,
            label: "samenvoegen".into(),
        }],
        periods: vec![
            Period {
                start: 2021,
                end: 2025,
            },
            Period {
                start: 2026,
                end: 2030,
            },
        ],
        mode: Mode::Total,
        stock0: vec![vec![600.0, 500.0], vec![300.0, 200.0]],
        households: vec![vec![1000.0, 950.0, 900.0], vec![500.0, 500.0, 520.0]],
        demand_shares: None,
        costs: vec![
            vec![
                costs(50_000.0, Some(250_000.0)),
                costs(40_000.0, Some(200_000.0)),
            ],
            vec![costs(45_000.0, Some(230_000.0)), costs(35_000.0, None)],
        ],
        budget_eur: vec![vec![2_500_000.0, 2_500_000.0], vec![0.0, 6_000_000.0]],
        funders: restock::case::Funders::default(),
        inputs_sha256: "ab".repeat(32),
        warnings: vec!["stock.csv: column <x> & y ignored".into()],
    }
}

/// The same case in segment mode: 60 % koop, 40 % huur everywhere.
fn case_segment() -> Case {
    let mut case = case_total();
    case.mode = Mode::Segment;
    case.demand_shares = Some(vec![vec![vec![0.6, 0.4]; 3]; 2]);
    case
}

/// The plan, by hand:
/// - GM0001 period 1: demolish 40 huur, merge 20 huur → huur 500 − 40 − 20 + 10 = 450;
///   period 2: demolish 30 koop, merge 20 huur → koop 570, huur 440.
/// - GM0002 period 2: build 25 koop → koop 325.
fn plan() -> Plan {
    let zero = || vec![vec![vec![0.0; 2]; 2]; 2];
    let mut demolish = zero();
    demolish[0][HUUR][0] = 40.0;
    demolish[0][KOOP][1] = 30.0;
    let mut new_build = zero();
    new_build[1][KOOP][1] = 25.0;
    let transform = vec![vec![vec![20.0, 20.0]], vec![vec![0.0, 0.0]]];
    let stock_end = vec![
        vec![vec![600.0, 570.0], vec![450.0, 440.0]],
        vec![vec![300.0, 325.0], vec![200.0, 200.0]],
    ];
    Plan {
        status: PlanStatus::Optimal,
        solver: "highs".into(),
        integer: false,
        mip_gap: None,
        stage1_mismatch: 1821.35,
        demolish,
        new_build,
        transform,
        stock_end,
        budget_shadow_price: vec![vec![12.5, 0.0], vec![0.0, 1.0 / 3.0]],
        payments: Vec::new(),
        receipts: Vec::new(),
        funder_shadow_price: Vec::new(),
        removal_value: Vec::new(),
        timings: BTreeMap::from([("stage1".to_string(), 0.5), ("stage2".to_string(), 0.25)]),
        integer_run: None,
    }
}

fn run_info() -> RunInfo {
    RunInfo {
        timings: BTreeMap::from([("read".to_string(), 0.125)]),
        ..RunInfo::default()
    }
}

fn write(case: &Case, plan: &Plan, out: &Path) -> Summary {
    write_outputs(case, plan, out, &run_info()).expect("outputs written")
}

/// Parsed CSV: header and rows.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// The rows whose first columns equal `key`.
fn find<'r>(rows: &'r [Vec<String>], key: &[&str]) -> Vec<&'r Vec<String>> {
    rows.iter()
        .filter(|r| r.iter().zip(key).all(|(a, b)| a == b))
        .collect()
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

fn num(cell: &str) -> f64 {
    cell.parse().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Every file under `dir` (charts/ included) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.insert(path.clone(), fs::read(&path).unwrap());
        }
    }
    out
}

/// summary.json without the one part that may differ between runs.
fn summary_without_timings(dir: &Path) -> serde_json::Value {
    let mut json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("timings");
    json.as_object_mut().unwrap().remove("peak_memory_mib");
    json
}

#[test]
fn every_file_with_the_spec_headers() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write(&case_total(), &plan(), &out);
    assert_eq!(
        file_names(&out),
        [
            "balance.csv",
            "budget.csv",
            "charts",
            "explanations.csv",
            "plan.csv",
            "report.html",
            "report.xlsx",
            "summary.json",
            "transformations.csv"
        ]
    );
    let headers = [
        ("explanations.csv", "municipality,period_start,period_end,limiting_factor,budget_shadow_price,sentence"),
        ("plan.csv", "municipality,segment,period_start,period_end,demolish,new_build,transform_out,transform_in,stock_end"),
        ("transformations.csv", "municipality,from_segment,to_segment,period_start,period_end,dwellings_in,dwellings_out,cost_eur"),
        ("balance.csv", "municipality,segment,year,households,demand,stock_do_nothing,stock_plan,surplus_do_nothing,surplus_plan,shortage_do_nothing,shortage_plan"),
        ("budget.csv", "region,period_start,period_end,budget_eur,spent_eur,shadow_price_per_meur"),
    ];
    for (file, header) in headers {
        let text = fs::read_to_string(out.join(file)).unwrap();
        assert_eq!(text.lines().next().unwrap(), header, "{file}");
        assert!(!text.contains('\r'), "{file} has \\r line ends");
        assert!(text.ends_with('\n'), "{file} ends without a newline");
    }
    // Nothing but the target is left in the parent: no temporary folder.
    assert_eq!(file_names(root.path()), ["out"]);
}

#[test]
fn plan_csv_rows_and_the_merge() {
    let root = tempfile::tempdir().unwrap();
    write(&case_total(), &plan(), root.path());
    let (h, rows) = read_csv(&root.path().join("plan.csv"));
    // 2 municipalities × 2 segments × 2 periods, municipality, then segment, then period.
    let keys: Vec<String> = rows.iter().map(|r| r[..3].join(" ")).collect();
    assert_eq!(
        keys,
        [
            "GM0001 koop 2021",
            "GM0001 koop 2026",
            "GM0001 huur 2021",
            "GM0001 huur 2026",
            "GM0002 koop 2021",
            "GM0002 koop 2026",
            "GM0002 huur 2021",
            "GM0002 huur 2026",
        ]
    );
    let huur = find(&rows, &["GM0001", "huur", "2021", "2025"])[0];
    assert_eq!(huur[col(&h, "demolish")], "40");
    assert_eq!(huur[col(&h, "transform_out")], "20");
    // A merge within one segment counts on both sides: in = 0.5 × 20.
    assert_eq!(huur[col(&h, "transform_in")], "10");
    assert_eq!(huur[col(&h, "stock_end")], "450");
    let koop = find(&rows, &["GM0002", "koop", "2026", "2030"])[0];
    assert_eq!(koop[col(&h, "new_build")], "25");
    assert_eq!(koop[col(&h, "transform_in")], "0");
    assert_eq!(koop[col(&h, "stock_end")], "325");
}

#[test]
fn transformations_csv_is_signed_and_per_transformation() {
    let mut case = case_total();
    // A second transformation: selling koop into huur brings in money.
    case.transformations.push(Transformation {
        from: KOOP,
        to: HUUR,
        cost_eur: -20_000.0,
        yield_per_dwelling: 1.0,
        label: "verkoop".into(),
    });
    let mut plan = plan();
    plan.transform[1] = vec![vec![0.0, 0.0], vec![0.0, 10.0]];
    plan.transform[0].push(vec![0.0, 0.0]);
    plan.stock_end[1] = vec![vec![300.0, 315.0], vec![200.0, 210.0]];
    let root = tempfile::tempdir().unwrap();
    let summary = write(&case, &plan, root.path());
    let (h, rows) = read_csv(&root.path().join("transformations.csv"));
    assert_eq!(rows.len(), 2 * 2 * 2);
    let merge = find(&rows, &["GM0001", "huur", "huur", "2026"])[0];
    assert_eq!(merge[col(&h, "dwellings_in")], "20");
    assert_eq!(merge[col(&h, "dwellings_out")], "10");
    assert_eq!(merge[col(&h, "cost_eur")], "600000");
    let sale = find(&rows, &["GM0002", "koop", "huur", "2026"])[0];
    assert_eq!(sale[col(&h, "dwellings_out")], "10");
    assert_eq!(sale[col(&h, "cost_eur")], "-200000");
    // plan.csv: the sale leaves koop and enters huur.
    let (ph, plan_rows) = read_csv(&root.path().join("plan.csv"));
    let koop = find(&plan_rows, &["GM0002", "koop", "2026"])[0];
    assert_eq!(koop[col(&ph, "transform_out")], "10");
    assert_eq!(koop[col(&ph, "transform_in")], "0");
    let huur = find(&plan_rows, &["GM0002", "huur", "2026"])[0];
    assert_eq!(huur[col(&ph, "transform_in")], "10");
    // Gross counts the sale at +200 000, net at −200 000.
    assert!(close(summary.gross_cost_eur, 10_050_000.0 + 200_000.0));
    assert!(close(summary.net_cost_eur, 10_050_000.0 - 200_000.0));
}

#[test]
fn balance_csv_in_total_mode() {
    let root = tempfile::tempdir().unwrap();
    write(&case_total(), &plan(), root.path());
    let (h, rows) = read_csv(&root.path().join("balance.csv"));
    // One `*` row per municipality and year: base year and both milestones.
    assert_eq!(rows.len(), 2 * 3);
    assert!(rows.iter().all(|r| r[1] == "*"));
    let r = find(&rows, &["GM0001", "*", "2025"])[0];
    assert_eq!(r[col(&h, "households")], "950");
    assert_eq!(r[col(&h, "demand")], "969");
    assert_eq!(r[col(&h, "stock_do_nothing")], "1100");
    assert_eq!(r[col(&h, "stock_plan")], "1050");
    assert_eq!(r[col(&h, "surplus_do_nothing")], "131");
    assert_eq!(r[col(&h, "surplus_plan")], "81");
    assert_eq!(r[col(&h, "shortage_plan")], "0");
    let r = find(&rows, &["GM0002", "*", "2030"])[0];
    assert_eq!(r[col(&h, "demand")], "530.4");
    assert_eq!(r[col(&h, "shortage_do_nothing")], "30.4");
    assert_eq!(r[col(&h, "shortage_plan")], "5.4");
}

#[test]
fn balance_csv_in_segment_mode_sums_the_segments() {
    let root = tempfile::tempdir().unwrap();
    write(&case_segment(), &plan(), root.path());
    let (h, rows) = read_csv(&root.path().join("balance.csv"));
    // Per municipality and year: koop, huur, then `*`.
    assert_eq!(rows.len(), 2 * 3 * 3);
    let segments: Vec<&str> = rows[..3].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(segments, ["koop", "huur", "*"]);
    for chunk in rows.chunks(3) {
        assert_eq!(chunk[2][1], "*");
        for c in 3..h.len() {
            let parts = num(&chunk[0][c]) + num(&chunk[1][c]);
            let expected = if h[c] == "households" {
                num(&chunk[0][c])
            } else {
                parts
            };
            assert!(close(num(&chunk[2][c]), expected), "{} {:?}", h[c], chunk);
        }
    }
    // GM0002 in 2030: koop demand 318.24 vs 325 (surplus 6.76), huur 212.16 vs 200
    // (shortage 12.16); the total keeps both instead of netting them.
    let koop = find(&rows, &["GM0002", "koop", "2030"])[0];
    assert_eq!(koop[col(&h, "surplus_plan")], "6.76");
    assert_eq!(koop[col(&h, "households")], "520");
    let total = find(&rows, &["GM0002", "*", "2030"])[0];
    assert_eq!(total[col(&h, "demand")], "530.4");
    assert_eq!(total[col(&h, "surplus_plan")], "6.76");
    assert_eq!(total[col(&h, "shortage_plan")], "12.16");
}

#[test]
fn budget_csv_spent_per_region_and_period() {
    let root = tempfile::tempdir().unwrap();
    write(&case_total(), &plan(), root.path());
    let text = fs::read_to_string(root.path().join("budget.csv")).unwrap();
    // Noord p1: 40 × 40 000 + 20 × 30 000; p2: 30 × 50 000 + 20 × 30 000.
    // Zuid p2: 25 × 230 000. The region name with a comma is quoted.
    assert_eq!(
        text,
        "region,period_start,period_end,budget_eur,spent_eur,shadow_price_per_meur\n\
         Noord,2021,2025,2500000,2200000,12.5\n\
         Noord,2026,2030,2500000,2100000,0\n\
         \"Zuid, west\",2021,2025,0,0,0\n\
         \"Zuid, west\",2026,2030,6000000,5750000,0.333333\n"
    );
}

#[test]
fn summary_json_figures_by_hand() {
    let root = tempfile::tempdir().unwrap();
    let returned = write(&case_total(), &plan(), root.path());
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root.path().join("summary.json")).unwrap())
            .unwrap();
    // Plan: GM0001 surplus 81 of demand 969 → 29.07 + 2 × 48.45 + 4 × 3.48 = 139.89 and
    // surplus 92 of 918 → 27.54 + 2 × 45.9 + 4 × 18.56 = 193.58; GM0002 shortage 10 and
    // 5.4 at w_v = 2. Z1 = 5 × (139.89 + 193.58 + 20 + 10.8) = 1821.35.
    assert!(close(json["mismatch"].as_f64().unwrap(), 1821.35));
    // Do nothing: surplus 131 → 339.89, 182 → 553.58; shortage 10 and 30.4.
    // Z1 = 5 × (339.89 + 553.58 + 20 + 60.8) = 4871.35.
    assert!(close(
        json["mismatch_do_nothing"].as_f64().unwrap(),
        4871.35
    ));
    assert!(close(
        json["gross_cost_eur"].as_f64().unwrap(),
        10_050_000.0
    ));
    assert!(close(json["net_cost_eur"].as_f64().unwrap(), 10_050_000.0));
    assert_eq!(json["status"], "optimal");
    assert_eq!(json["mode"], "total");
    assert_eq!(json["integer"], false);
    assert!(json["mip_gap"].is_null());
    assert_eq!(json["solver"], "highs");
    assert_eq!(json["milestones"], serde_json::json!([2025, 2030]));
    assert_eq!(json["municipalities"], 2);
    assert_eq!(json["regions"], 2);
    assert_eq!(json["segments"], 2);
    assert_eq!(json["version"], restock::VERSION);
    assert_eq!(json["inputs_sha256"], "ab".repeat(32));
    let timings = json["timings"].as_object().unwrap();
    let phases: Vec<&str> = timings.keys().map(String::as_str).collect();
    assert_eq!(
        phases,
        ["charts", "read", "stage1", "stage2", "write", "xlsx"]
    );
    // The keys come in the documented order.
    let text = fs::read_to_string(root.path().join("summary.json")).unwrap();
    let position = |key: &str| text.find(&format!("\"{key}\":")).unwrap();
    let order = [
        "status",
        "mismatch",
        "mismatch_do_nothing",
        "mismatch_stage1",
        "gross_cost_eur",
        "net_cost_eur",
        "mode",
        "integer",
        "mip_gap",
        "solver",
        "inputs_sha256",
        "version",
        "warnings",
        "timings",
        "regions_detail",
    ];
    assert!(order.windows(2).all(|w| position(w[0]) < position(w[1])));
    // Per region.
    let noord = &json["regions_detail"][0];
    assert_eq!(noord["region"], "Noord");
    assert!(close(
        noord["mismatch_plan"].as_f64().unwrap(),
        699.45 + 967.9
    ));
    assert!(close(noord["demolished"].as_f64().unwrap(), 70.0));
    assert!(close(noord["transformed"].as_f64().unwrap(), 40.0));
    assert!(close(noord["spent_eur"].as_f64().unwrap(), 4_300_000.0));
    assert!(close(noord["budget_eur"].as_f64().unwrap(), 5_000_000.0));
    let zuid = &json["regions_detail"][1];
    assert!(close(zuid["built"].as_f64().unwrap(), 25.0));
    assert!(close(zuid["mismatch_do_nothing"].as_f64().unwrap(), 404.0));
    // The returned summary is what the file holds.
    let reread: Summary = serde_json::from_str(&text).unwrap();
    assert_eq!(reread, returned);
}

#[test]
fn same_input_gives_identical_files() {
    for case in [case_total(), case_segment()] {
        let root = tempfile::tempdir().unwrap();
        let (a, b) = (root.path().join("a"), root.path().join("b"));
        let mut first = plan();
        write(&case, &first, &a);
        first.timings.insert("stage1".into(), 99.0);
        write(&case, &first, &b);
        assert_same_files(
            &a,
            &b,
            &[
                "plan.csv",
                "transformations.csv",
                "balance.csv",
                "budget.csv",
                "explanations.csv",
                "report.html",
                "report.xlsx",
                "charts/1_stock_demand.svg",
                "charts/1_stock_demand.png",
                "charts/4_budget.svg",
                "charts/4_budget.png",
            ],
        );
        assert_eq!(summary_without_timings(&a), summary_without_timings(&b));
        // And byte for byte apart from the timings object and the peak memory (the
        // process's, which the tests running beside this one also raise).
        let strip = |dir: &Path| {
            let text = fs::read_to_string(dir.join("summary.json")).unwrap();
            let start = text.find("\"timings\"").unwrap();
            let end = start + text[start..].find('}').unwrap();
            let text = format!("{}{}", &text[..start], &text[end..]);
            text.lines()
                .filter(|line| !line.contains("\"peak_memory_mib\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&a), strip(&b));
    }
}

#[test]
fn writing_over_an_existing_folder_replaces_it() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    fs::create_dir_all(out.join("charts")).unwrap();
    fs::write(out.join("old-extra.csv"), "stale").unwrap();
    fs::write(out.join("charts/old.svg"), "<svg/>").unwrap();
    fs::write(out.join("plan.csv"), "stale").unwrap();
    write(&case_total(), &plan(), &out);
    assert!(!out.join("old-extra.csv").exists());
    assert!(!out.join("charts/old.svg").exists());
    assert!(fs::read_to_string(out.join("plan.csv"))
        .unwrap()
        .starts_with("municipality,"));
    assert_eq!(file_names(root.path()), ["out"]);
}

#[test]
fn failing_fill_leaves_the_target_byte_identical() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write(&case_total(), &plan(), &out);
    let before = snapshot(&out);
    let result = write_dir_atomically(&out, |dir| {
        fs::write(dir.join("plan.csv"), "partial").unwrap();
        Err(Error::Solve("stopped halfway".into()))
    });
    assert!(result.is_err());
    assert_eq!(snapshot(&out), before);
    assert_eq!(file_names(root.path()), ["out"]);
}

#[test]
fn a_plan_that_does_not_fit_the_case_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    write(&case_total(), &plan(), &out);
    let before = snapshot(&out);
    let mut bad = plan();
    bad.stock_end[0][0][0] = f64::NAN;
    assert!(matches!(
        write_outputs(&case_total(), &bad, &out, &RunInfo::default()),
        Err(Error::Solve(_))
    ));
    let mut short = plan();
    short.demolish.pop();
    assert!(write_outputs(&case_total(), &short, &out, &RunInfo::default()).is_err());
    assert_eq!(snapshot(&out), before);
    assert_eq!(file_names(root.path()), ["out"]);
}

#[test]
fn report_html_is_self_contained_and_escaped() {
    let root = tempfile::tempdir().unwrap();
    let mut case = case_segment();
    case.settings.title = Some("Krimp & <proef>".into());
    write(&case, &plan(), root.path());
    let html = fs::read_to_string(root.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("Krimp &amp; &lt;proef&gt;"));
    assert!(html.contains("Aa &amp; Hunze &lt;noord&gt;"));
    assert!(html.contains("column &lt;x&gt; &amp; y ignored"));
    assert!(!html.contains("<proef>"));
    assert!(!html.contains("<noord>"));
    assert!(!html.to_lowercase().contains("http"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"));
    assert!(!html.contains("src="));
    for heading in [
        "Kerncijfers",
        "Instellingen",
        "Per regio",
        "Budget per regio",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
}

#[test]
fn report_html_caps_big_tables() {
    let mut case = case_total();
    let mut plan = plan();
    // 300 municipalities × 2 segments × 2 periods = 1200 plan rows.
    let (m0, p0) = (case.municipalities[0].clone(), plan.clone());
    case.municipalities = (0..300)
        .map(|i| Municipality {
            code: format!("GM{i:04}"),
            region: 0,
            ..m0.clone()
        })
        .collect();
    case.stock0 = vec![case.stock0[0].clone(); 300];
    case.households = vec![case.households[0].clone(); 300];
    case.costs = vec![case.costs[0].clone(); 300];
    plan.demolish = vec![p0.demolish[0].clone(); 300];
    plan.new_build = vec![p0.new_build[0].clone(); 300];
    plan.transform = vec![p0.transform[0].clone(); 300];
    plan.stock_end = vec![p0.stock_end[0].clone(); 300];
    let root = tempfile::tempdir().unwrap();
    write(&case, &plan, root.path());
    let html = fs::read_to_string(root.path().join("report.html")).unwrap();
    let start = html.find("Plan per gemeente").unwrap();
    let end = html.find("Balans van voorraad").unwrap();
    // The transformation table lies between the two: it is capped on its own.
    let plan_end = html.find("<section id=\"transformaties\">").unwrap();
    let plan_section = &html[start..plan_end];
    // 4 rows per municipality: the first 500 rows end with GM0124.
    assert!(plan_section.contains("de volledige tabel staat in plan.csv"));
    assert!(plan_section.contains("GM0124"));
    assert!(!plan_section.contains("GM0125"));
    assert!(html[end..].contains("de volledige tabel staat in balance.csv"));
    let (_, rows) = read_csv(&root.path().join("plan.csv"));
    assert_eq!(rows.len(), 1200);
}
