//! Golden SVG tests of the two charts of a robust plan (spec v2 §6b): the committed
//! demolition next to each projection's own optimum, and the fan of every projection's
//! demand against the stock. Built from the fixed small case of the chart tests and
//! hand-made figures, drawn to SVG strings and compared byte for byte with
//! tests/data/golden/robust_*.svg.
//!
//! After an intended change, regenerate and look at the files:
//!
//! ```sh
//! RESTOCK_UPDATE_GOLDEN=1 cargo test --release --test chart_golden_robust
//! ```

mod chart_fixture;
mod common;

use chart_fixture::{case, plan};
use common::check_golden;
use restock::chart::robust::{CommitChartData, FanData, RobustChart};
use restock::chart::{ChartData, Lang};

fn commit_data() -> CommitChartData {
    CommitChartData {
        years: "2021–2025".into(),
        municipalities: vec!["Heerlen".into(), "Kerkrade".into(), "Vaals".into()],
        committed: vec![120.0, 0.0, 35.0],
        own: vec![
            ("de krimp".into(), vec![150.0, 10.0, 35.0]),
            ("de sterke krimp".into(), vec![260.0, 40.0, 60.0]),
            ("de trend".into(), vec![60.0, 0.0, 0.0]),
        ],
    }
}

fn fan_data() -> FanData {
    let case = case();
    let chart = ChartData::new(&case, &plan(&case));
    let scaled = |f: f64| -> Vec<Vec<f64>> {
        chart
            .regions
            .iter()
            .map(|r| {
                r.trajectories
                    .demand
                    .iter()
                    .enumerate()
                    .map(|(t, d)| d * (1.0 + f * t as f64))
                    .collect()
            })
            .collect()
    };
    FanData {
        committed_until: 1,
        demand: vec![
            ("de krimp".into(), scaled(-0.02)),
            ("de sterke krimp".into(), scaled(-0.06)),
            ("de trend".into(), scaled(0.01)),
        ],
        chart,
    }
}

#[test]
fn the_robust_charts_match_their_golden_svgs() {
    let commit = commit_data();
    let fan = fan_data();
    for (chart, name) in [
        (RobustChart::Commitment(&commit), "robust_commitment"),
        (RobustChart::Fan(&fan), "robust_fan"),
    ] {
        let svg = chart.render_svg(Lang::Nl).unwrap();
        assert_eq!(svg, chart.render_svg(Lang::Nl).unwrap(), "{name}");
        check_golden(&format!("{name}.svg"), &svg);
    }
    let en = RobustChart::Commitment(&commit)
        .render_svg(Lang::En)
        .unwrap();
    check_golden("robust_commitment.en.svg", &en);
}

#[test]
fn the_commitment_chart_leaves_out_municipalities_without_demolition() {
    let mut data = commit_data();
    data.own.iter_mut().for_each(|(_, d)| d[1] = 0.0);
    // Kerkrade: nothing committed and nothing in any own optimum.
    assert_eq!(data.ranked(), vec![0, 2]);
    let svg = RobustChart::Commitment(&data).render_svg(Lang::Nl).unwrap();
    assert!(!svg.contains("Kerkrade"));
    assert!(svg.contains("eigen optimum: de sterke krimp"));
    assert!(svg.contains("vastgelegd (robuust plan)"));
}
