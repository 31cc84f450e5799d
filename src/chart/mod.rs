//! Every chart restock draws — the plan's charts for a council report and the charts of
//! `compare` and `sweep` — each drawn by one function that is generic over the plotters
//! backend, so the same code writes the SVG, the PNG and the strings of the golden
//! tests. Charts read plain data only ([`ChartData`], [`CompareData`], [`SweepData`]),
//! never the solver and never `scenario/`.
//!
//! | file | what it shows |
//! |---|---|
//! | `1_stock_demand` | stock without action, stock with the plan and demand over time, per region ([`stock_demand`]) |
//! | `2_actions` | demolition, transformation and new build per municipality, biggest task first ([`actions`]) |
//! | `3_vacancy` | structural vacancy per municipality at the last milestone, without action vs plan ([`vacancy`]) |
//! | `4_budget` | budget and spending per region and period, with the shadow price ([`budget`]) |
//! | `5_segment_mix` | the stock's segment mix over time per region ([`segment_mix`]) |
//! | `6_map` | demolition alone (sales and transformations are in chart 2) as a share of the stock, per municipality, on a map ([`map`]) |
//! | robust plan: `0a_commitment`, `0b_fan` | the commitment next to each projection's own optimum; every projection's demand against the stock ([`robust`]) |
//! | compare: `1_mismatch_per_region`, `2_stock_trajectories` | scenarios side by side ([`compare`]) |
//! | sweep: `sweep` | the mismatch against the money or the frictional vacancy, the knee marked ([`sweep`]) |
//!
//! The scaffolding is shared: [`bars`] (horizontal bar charts), [`panels`] (a panel per
//! region), [`style`] (colours, text, header, legend, mesh), [`font`] (the embedded font),
//! [`format`] (axis steps); [`Drawing`] renders any chart to SVG or PNG, [`Figure`] is a
//! chart of `compare` or `sweep`. Every chart goes fill → ChartBuilder → mesh → series →
//! present. Labels come from [`crate::labels`] in [`Lang`]: Dutch by default, with Dutch
//! numbers. The same input gives byte-identical SVG and PNG files.

pub mod actions;
pub mod bars;
pub mod budget;
pub mod compare;
pub mod data;
pub mod figure;
pub mod font;
pub mod format;
pub mod funders;
pub mod geo;
pub mod map;
pub mod panels;
pub mod robust;
pub mod segment_mix;
pub mod stock_demand;
pub mod style;
pub mod sweep;
pub mod vacancy;

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use compare::{CompareData, ScenarioSeries};
pub use data::{ChartData, Trajectories};
pub use figure::{Figure, PageChart};
pub use format::Lang;
pub use funders::FundersData;
pub use geo::Boundaries;
pub use sweep::{SweepAxis, SweepData};

use crate::labels;
use crate::{Error, Result};
use font::{Target, TextFit};
use style::DrawResult;

/// The folder inside the output folder that holds the charts.
pub const CHARTS_DIR: &str = "charts";

/// One of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartKind {
    /// Stock and demand over time per region.
    StockDemand,
    /// Actions per municipality over the horizon.
    Actions,
    /// Structural vacancy per municipality at the last milestone.
    Vacancy,
    /// Budget, spending and shadow prices per region and period.
    Budget,
    /// Segment mix over time per region.
    SegmentMix,
    /// The map of demolition plus transformation per municipality.
    Map,
}

impl ChartKind {
    /// Every chart, in the order of the report.
    pub const ALL: [ChartKind; 6] = [
        ChartKind::StockDemand,
        ChartKind::Actions,
        ChartKind::Vacancy,
        ChartKind::Budget,
        ChartKind::SegmentMix,
        ChartKind::Map,
    ];

    /// The file name without extension (the same in every language).
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::StockDemand => "1_stock_demand",
            ChartKind::Actions => "2_actions",
            ChartKind::Vacancy => "3_vacancy",
            ChartKind::Budget => "4_budget",
            ChartKind::SegmentMix => "5_segment_mix",
            ChartKind::Map => "6_map",
        }
    }

    /// The chart's title in `lang`.
    pub fn title(self, data: &ChartData, lang: Lang) -> String {
        let mut title = self.plain_title(data, lang);
        if let Some(variant) = &data.variant {
            title.push_str(&labels::CHART_VARIANT_SUFFIX.format(lang, &[variant]));
        }
        title
    }

    /// The chart's title without the projection of a robust plan.
    fn plain_title(self, data: &ChartData, lang: Lang) -> String {
        let (first, last) = data.horizon();
        let (label, from) = match self {
            ChartKind::StockDemand => (labels::STOCK_DEMAND_TITLE, data.base_year),
            ChartKind::Actions => (labels::ACTIONS_TITLE, first),
            ChartKind::Vacancy => return labels::VACANCY_TITLE.format(lang, &[&data.last_year()]),
            ChartKind::Budget => (labels::BUDGET_TITLE, first),
            ChartKind::SegmentMix => (labels::SEGMENT_MIX_TITLE, data.base_year),
            ChartKind::Map => (labels::MAP_TITLE, first),
        };
        label.format(lang, &[&from, &last])
    }

    /// The picture size in pixels for this data.
    pub fn size(self, data: &ChartData) -> (u32, u32) {
        let bars = data::bars_shown(data.municipalities.len());
        match self {
            ChartKind::StockDemand | ChartKind::Budget | ChartKind::SegmentMix => {
                panels::size(data)
            }
            ChartKind::Actions => bars::size(bars, 1, actions::PITCH),
            ChartKind::Vacancy => bars::size(bars, 2, vacancy::PITCH),
            ChartKind::Map => map::size(data),
        }
    }
}

/// What a chart is drawn from: the statistics, the boundaries (for the map) and the
/// language.
#[derive(Debug, Clone, Copy)]
pub struct ChartInput<'a> {
    /// The statistics of the plan.
    pub data: &'a ChartData,
    /// The municipal boundaries, for the map; without them there is no map.
    pub boundaries: Option<&'a Boundaries>,
    /// The language of the labels.
    pub lang: Lang,
}

impl ChartInput<'_> {
    /// The charts that can be drawn: all, except the map without boundaries or when no
    /// municipality of the case has one.
    pub fn kinds(&self) -> Vec<ChartKind> {
        ChartKind::ALL
            .into_iter()
            .filter(|k| *k != ChartKind::Map || self.map_areas() > 0)
            .collect()
    }

    /// How many municipalities of the case have a boundary.
    pub fn map_areas(&self) -> usize {
        self.boundaries.map_or(0, |b| {
            b.areas
                .iter()
                .filter(|a| self.data.municipalities.iter().any(|m| m.code == a.code))
                .count()
        })
    }
}

/// Draws chart `kind` on `root`, any plotters backend. The map needs boundaries: without
/// them it draws nothing but the title.
pub fn draw<DB: DrawingBackend>(
    kind: ChartKind,
    root: &DrawingArea<DB, Shift>,
    input: &ChartInput<'_>,
) -> DrawResult<DB> {
    let (data, lang) = (input.data, input.lang);
    match kind {
        ChartKind::StockDemand => stock_demand::draw(root, data, lang),
        ChartKind::Actions => actions::draw(root, data, lang),
        ChartKind::Vacancy => vacancy::draw(root, data, lang),
        ChartKind::Budget => budget::draw(root, data, lang),
        ChartKind::SegmentMix => segment_mix::draw(root, data, lang),
        ChartKind::Map => {
            let empty = Boundaries::default();
            map::draw(root, data, input.boundaries.unwrap_or(&empty), lang)
        }
    }
}

/// A chart ready to draw: its file stem, its size and how to draw it on any backend.
/// Every chart (plan, compare, sweep) is rendered through this one trait.
pub trait Drawing {
    /// The file name without extension.
    fn file_stem(&self) -> &'static str;
    /// The picture size in pixels.
    fn size(&self) -> (u32, u32);
    /// Draws the chart on `root`.
    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

impl Drawing for (ChartKind, &ChartInput<'_>) {
    fn file_stem(&self) -> &'static str {
        self.0.file_stem()
    }

    fn size(&self) -> (u32, u32) {
        self.0.size(self.1.data)
    }

    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        draw(self.0, root, self.1)
    }
}

/// Renders a chart as an SVG document (text measured with the embedded font).
pub fn svg_document(chart: &impl Drawing) -> Result<String> {
    let mut svg = String::new();
    {
        let backend = TextFit::new(
            SVGBackend::with_string(&mut svg, chart.size()),
            Target::Vector,
        );
        let root = backend.into_drawing_area();
        chart.draw_on(&root).map_err(|e| {
            Error::io(
                format!("{}/{}.svg", CHARTS_DIR, chart.file_stem()),
                std::io::Error::other(e.to_string()),
            )
        })?;
    }
    Ok(svg)
}

/// Renders a chart as a PNG file at `path`.
pub fn png_file(chart: &impl Drawing, path: &Path) -> Result<()> {
    let backend = TextFit::new(BitMapBackend::new(path, chart.size()), Target::Raster);
    let root = backend.into_drawing_area();
    chart
        .draw_on(&root)
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))
}

/// Renders chart `kind` as an SVG document.
pub fn render_svg(kind: ChartKind, input: &ChartInput<'_>) -> Result<String> {
    svg_document(&(kind, input))
}

/// Renders chart `kind` as a PNG file at `path`.
pub fn render_png(kind: ChartKind, input: &ChartInput<'_>, path: &Path) -> Result<()> {
    png_file(&(kind, input), path)
}

/// A chart as written: its kind, title and SVG text (for report.html).
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedChart {
    /// Which chart.
    pub kind: ChartKind,
    /// Its title in the run's language.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// Writes every chart that can be drawn as `charts/<stem>.svg` and `charts/<stem>.png`
/// inside `out_dir`; returns them in report order. The PNGs are drawn on two threads.
pub fn write_charts(out_dir: &Path, input: &ChartInput<'_>) -> Result<Vec<RenderedChart>> {
    let dir = out_dir.join(CHARTS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let kinds = input.kinds();
    let (svgs, pngs) = std::thread::scope(|scope| {
        let png_thread = scope.spawn(|| -> Result<()> {
            for kind in &kinds {
                render_png(*kind, input, &dir.join(format!("{}.png", kind.file_stem())))?;
            }
            Ok(())
        });
        let svgs: Result<Vec<RenderedChart>> = kinds
            .iter()
            .map(|&kind| {
                let svg = render_svg(kind, input)?;
                let path = dir.join(format!("{}.svg", kind.file_stem()));
                std::fs::write(&path, &svg).map_err(|e| Error::io(&path, e))?;
                Ok(RenderedChart {
                    kind,
                    title: kind.title(input.data, input.lang),
                    svg,
                })
            })
            .collect();
        let pngs = png_thread.join().unwrap_or_else(|_| {
            Err(Error::io(
                &dir,
                std::io::Error::other("drawing the PNG charts panicked"),
            ))
        });
        (svgs, pngs)
    });
    pngs?;
    svgs
}
