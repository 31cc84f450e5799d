//! Golden SVG tests of the charts: a fixed small case and plan, built here by hand, drawn
//! to SVG strings and compared byte for byte with tests/data/golden/*.svg. The same
//! chart code draws the PNGs, so these also pin the layout of the pictures.
//!
//! After an intended change of a chart, regenerate the golden files and look at them:
//!
//! ```sh
//! RESTOCK_UPDATE_GOLDEN=1 cargo test --release --test chart_golden
//! ```

mod chart_fixture;
mod common;

use std::fs;

use chart_fixture::{case, plan, GEOJSON};
use common::check_golden;
use restock::chart::{self, geo, ChartData, ChartInput, ChartKind, Lang};

#[test]
fn every_chart_matches_its_golden_svg() {
    let case = case();
    let plan = plan(&case);
    let data = ChartData::new(&case, &plan);
    let boundaries = geo::parse(GEOJSON).unwrap();
    let input = ChartInput {
        data: &data,
        boundaries: Some(&boundaries),
        lang: Lang::Nl,
    };
    assert_eq!(input.kinds(), ChartKind::ALL.to_vec());
    for kind in ChartKind::ALL {
        let svg = chart::render_svg(kind, &input).unwrap();
        // The same input draws the same bytes.
        assert_eq!(svg, chart::render_svg(kind, &input).unwrap(), "{kind:?}");
        check_golden(&format!("{}.svg", kind.file_stem()), &svg);
    }
    let english = ChartInput {
        lang: Lang::En,
        ..input
    };
    for kind in [ChartKind::StockDemand, ChartKind::Map] {
        let svg = chart::render_svg(kind, &english).unwrap();
        check_golden(&format!("{}.en.svg", kind.file_stem()), &svg);
    }
}

#[test]
fn labels_are_dutch_by_default_and_english_on_request() {
    let case = case();
    let plan = plan(&case);
    let data = ChartData::new(&case, &plan);
    let nl = ChartInput {
        data: &data,
        boundaries: None,
        lang: Lang::default(),
    };
    let svg = chart::render_svg(ChartKind::StockDemand, &nl).unwrap();
    assert!(svg.contains("Woningvoorraad en vraag per regio"));
    assert!(svg.contains("basisjaar 2020"));
    assert!(svg.contains("14.000"), "Dutch thousands in the axis labels");
    let budget = chart::render_svg(ChartKind::Budget, &nl).unwrap();
    assert!(
        budget.contains(">\n1.234\n<"),
        "Dutch thousands in the shadow price"
    );
    assert!(
        budget.contains(">\n12,5\n<"),
        "Dutch decimal comma in the shadow price"
    );
    let en = ChartInput {
        lang: Lang::En,
        ..nl
    };
    let svg = chart::render_svg(ChartKind::StockDemand, &en).unwrap();
    assert!(svg.contains("Housing stock and demand per region"));
    assert!(svg.contains("14,000"));
    // No boundaries: no map among the charts.
    assert!(!nl.kinds().contains(&ChartKind::Map));
}

#[test]
fn svg_text_uses_the_embedded_font_with_metric_compatible_fallbacks() {
    let case = case();
    let plan = plan(&case);
    let data = ChartData::new(&case, &plan);
    let input = ChartInput {
        data: &data,
        boundaries: None,
        lang: Lang::Nl,
    };
    let svg = chart::render_svg(ChartKind::Actions, &input).unwrap();
    assert!(svg.contains("font-family=\"Liberation Sans, Arial, Helvetica, sans-serif\""));
    // Biggest task first: Cedam (600 demolished, 50 sold) above Aadorp (500 and 100).
    assert!(
        label_y(&svg, "Cedam") < label_y(&svg, "Aadorp"),
        "Cedam's bar is on top"
    );
    assert!(label_y(&svg, "Aadorp") < label_y(&svg, "Beekstad"));
}

/// The y attribute of the `<text>` element whose content is `text`.
fn label_y(svg: &str, text: &str) -> i32 {
    let end = svg
        .find(&format!(">\n{text}\n</text>"))
        .unwrap_or_else(|| panic!("no label {text}"));
    let open = svg[..end].rfind("<text ").unwrap();
    let attrs = &svg[open..end];
    let y = attrs.split(" y=\"").nth(1).unwrap();
    y[..y.find('"').unwrap()].parse().unwrap()
}

#[test]
fn pngs_have_the_chart_size_and_are_not_blank() {
    let case = case();
    let plan = plan(&case);
    let data = ChartData::new(&case, &plan);
    let boundaries = geo::parse(GEOJSON).unwrap();
    let input = ChartInput {
        data: &data,
        boundaries: Some(&boundaries),
        lang: Lang::Nl,
    };
    let dir = tempfile::tempdir().unwrap();
    let written = chart::write_charts(dir.path(), &input).unwrap();
    assert_eq!(written.len(), 6);
    for kind in ChartKind::ALL {
        let stem = kind.file_stem();
        let svg = fs::read_to_string(dir.path().join(format!("charts/{stem}.svg"))).unwrap();
        assert!(svg.starts_with("<svg "));
        let file = fs::File::open(dir.path().join(format!("charts/{stem}.png"))).unwrap();
        let mut reader = png::Decoder::new(file).read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), kind.size(&data), "{stem}");
        let channels = info.line_size / info.width as usize;
        let colours: std::collections::BTreeSet<&[u8]> =
            pixels.chunks(channels).map(|p| &p[..3]).collect();
        assert!(
            colours.len() > 20,
            "{stem} has only {} colours",
            colours.len()
        );
    }
}
