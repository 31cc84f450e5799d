//! A fixed small case and plan for the chart and report tests: three municipalities in
//! two regions, two segments, a sale, two periods, and boundaries with a neighbour.
#![allow(dead_code)]

use std::collections::BTreeMap;

use restock::case::{
    Case, Mode, Municipality, Period, Segment, SegmentCosts, Settings, Transformation,
};
use restock::plan::{Plan, PlanStatus};

/// Segment index of `koop`.
pub const KOOP: usize = 0;
/// Segment index of `huur`.
pub const HUUR: usize = 1;

fn segment(id: &str, label: &str) -> Segment {
    Segment {
        id: id.into(),
        label: label.into(),
        tenure: None,
        dwelling_type: None,
    }
}

fn municipality(code: &str, name: &str, region: usize) -> Municipality {
    Municipality {
        code: code.into(),
        name: name.into(),
        region,
        vacant_dwellings: None,
    }
}

/// Three municipalities in two regions, two segments, a sale from huur to koop,
/// periods 2021–2025 and 2026–2030 after the base year 2020.
pub fn case() -> Case {
    let costs = Some(SegmentCosts {
        demolish_eur: 40_000.0,
        new_build_eur: Some(200_000.0),
    });
    Case {
        name: "Proef".into(),
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
            municipality("GM0001", "Aadorp", 0),
            municipality("GM0002", "Beekstad", 0),
            municipality("GM0003", "Cedam", 1),
        ],
        regions: vec!["Noord".into(), "Zuid".into()],
        segments: vec![segment("koop", "Koop"), segment("huur", "Huur")],
        transformations: vec![Transformation {
            from: HUUR,
            to: KOOP,
            cost_eur: -60_000.0,
            yield_per_dwelling: 1.0,
            label: "verkoop".into(),
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
        stock0: vec![
            vec![6_000.0, 4_000.0],
            vec![3_000.0, 1_500.0],
            vec![2_000.0, 2_500.0],
        ],
        households: vec![
            vec![9_700.0, 9_300.0, 8_800.0],
            vec![4_400.0, 4_350.0, 4_300.0],
            vec![4_300.0, 4_000.0, 3_600.0],
        ],
        demand_shares: None,
        costs: vec![vec![costs, costs]; 3],
        budget_eur: vec![vec![20e6, 15e6], vec![10e6, 10e6]],
        funders: restock::case::Funders::default(),
        inputs_sha256: String::new(),
        warnings: vec![],
    }
}

/// A plan whose stock follows from its actions (C1).
pub fn plan(case: &Case) -> Plan {
    let demolish = vec![
        vec![vec![0.0, 0.0], vec![300.0, 200.0]],
        vec![vec![0.0, 0.0], vec![50.0, 0.0]],
        vec![vec![100.0, 50.0], vec![250.0, 200.0]],
    ];
    let new_build = vec![
        vec![vec![0.0, 0.0], vec![0.0, 0.0]],
        vec![vec![0.0, 40.0], vec![0.0, 0.0]],
        vec![vec![0.0, 0.0], vec![0.0, 0.0]],
    ];
    let transform = vec![
        vec![vec![100.0, 0.0]],
        vec![vec![0.0, 0.0]],
        vec![vec![0.0, 50.0]],
    ];
    let mut stock_end = Vec::new();
    for m in 0..3 {
        let mut per_segment = Vec::new();
        for s in 0..2 {
            let mut stock = case.stock0[m][s];
            let mut ends = Vec::new();
            for p in 0..2 {
                let moved = transform[m][0][p];
                stock -= demolish[m][s][p];
                stock += new_build[m][s][p];
                if s == HUUR {
                    stock -= moved;
                } else {
                    stock += moved;
                }
                ends.push(stock);
            }
            per_segment.push(ends);
        }
        stock_end.push(per_segment);
    }
    Plan {
        status: PlanStatus::Optimal,
        solver: "test".into(),
        integer: false,
        mip_gap: None,
        stage1_mismatch: 0.0,
        demolish,
        new_build,
        transform,
        stock_end,
        budget_shadow_price: vec![vec![12.5, 0.0], vec![1234.5, 3.25]],
        payments: Vec::new(),
        receipts: Vec::new(),
        funder_shadow_price: Vec::new(),
        removal_value: Vec::new(),
        timings: BTreeMap::new(),
        integer_run: None,
    }
}

/// Squares for the three municipalities (one with a hole, one a MultiPolygon), a
/// neighbour outside the case, and one far away that the zoomed map leaves out.
pub const GEOJSON: &str = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"statcode":"GM0001","statnaam":"Aadorp"},"geometry":{"type":"Polygon","coordinates":[[[6.0,53.0],[6.2,53.0],[6.2,53.2],[6.0,53.2],[6.0,53.0]],[[6.05,53.05],[6.1,53.05],[6.1,53.1],[6.05,53.1],[6.05,53.05]]]}},
{"type":"Feature","properties":{"statcode":"GM0002","statnaam":"Beekstad"},"geometry":{"type":"MultiPolygon","coordinates":[[[[6.2,53.0],[6.4,53.0],[6.4,53.2],[6.2,53.2],[6.2,53.0]]],[[[6.45,53.25],[6.5,53.25],[6.5,53.3],[6.45,53.25]]]]}},
{"type":"Feature","properties":{"statcode":"GM0003","statnaam":"Cedam"},"geometry":{"type":"Polygon","coordinates":[[[5.8,52.6],[6.0,52.6],[6.0,52.8],[5.8,52.8],[5.8,52.6]]]}},
{"type":"Feature","properties":{"statcode":"GM0009","statnaam":"Buurdorp"},"geometry":{"type":"Polygon","coordinates":[[[6.0,52.8],[6.4,52.8],[6.4,53.0],[6.0,53.0],[6.0,52.8]]]}},
{"type":"Feature","properties":{"statcode":"GM0999","statnaam":"Verweg"},"geometry":{"type":"Polygon","coordinates":[[[3.5,51.0],[3.6,51.0],[3.6,51.1],[3.5,51.0]]]}}
]}"#;
