//! The charts of `compare` and `sweep`, and the plan's funders chart, as one type,
//! [`Figure`], written like the plan's charts: `charts/<stem>.svg` and `.png`, with the
//! same font, colours and error texts.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::compare::{self, CompareData};
use super::format::Lang;
use super::funders::{self, FundersData};
use super::style::DrawResult;
use super::sweep::{self, SweepData};
use super::{png_file, svg_document, Drawing, CHARTS_DIR};
use crate::{Error, Result};

/// One chart of `compare` or `sweep`, or the funders chart, with its data.
#[derive(Debug, Clone, Copy)]
pub enum Figure<'a> {
    /// Mismatch per region, one bar per scenario.
    MismatchPerRegion(&'a CompareData),
    /// Total stock over time of every scenario, with demand.
    StockTrajectories(&'a CompareData),
    /// Mismatch against money (or the frictional vacancy) of a sweep.
    Sweep(&'a SweepData),
    /// Who pays what (chart 7 of a plan with funders).
    Funders(&'a FundersData),
}

impl Figure<'_> {
    /// The file name without extension.
    pub fn file_stem(&self) -> &'static str {
        match self {
            Figure::MismatchPerRegion(_) => "1_mismatch_per_region",
            Figure::StockTrajectories(_) => "2_stock_trajectories",
            Figure::Sweep(_) => "sweep",
            Figure::Funders(_) => funders::FILE_STEM,
        }
    }

    /// The chart's title.
    pub fn title(&self, lang: Lang) -> String {
        match self {
            Figure::MismatchPerRegion(_) => compare::mismatch_title(lang),
            Figure::StockTrajectories(_) => compare::trajectories_title(lang),
            Figure::Sweep(d) => sweep::title(d, lang),
            Figure::Funders(d) => d.title(lang),
        }
    }

    /// The picture size in pixels.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Figure::MismatchPerRegion(d) => compare::mismatch_size(d),
            Figure::StockTrajectories(_) | Figure::Sweep(_) => (super::style::WIDTH, 1000),
            Figure::Funders(d) => d.size(),
        }
    }

    /// Draws the chart on `root` (any plotters backend).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> DrawResult<DB> {
        match self {
            Figure::MismatchPerRegion(d) => compare::mismatch_per_region(root, d, lang),
            Figure::StockTrajectories(d) => compare::stock_trajectories(root, d, lang),
            Figure::Sweep(d) => sweep::draw(root, d, lang),
            Figure::Funders(d) => d.draw(root, lang),
        }
    }

    /// Renders the chart as an SVG document.
    pub fn render_svg(&self, lang: Lang) -> Result<String> {
        svg_document(&(self, lang))
    }

    /// Renders the chart as a PNG file at `path`.
    pub fn render_png(&self, path: &Path, lang: Lang) -> Result<()> {
        png_file(&(self, lang), path)
    }

    /// Writes `charts/<stem>.svg` and `charts/<stem>.png` into `out_dir`; returns the
    /// chart as a page shows it.
    pub fn write(&self, out_dir: &Path, lang: Lang) -> Result<PageChart> {
        write_page_chart(&(self, lang), self.title(lang), out_dir)
    }
}

impl Drawing for (&Figure<'_>, Lang) {
    fn file_stem(&self) -> &'static str {
        self.0.file_stem()
    }

    fn size(&self) -> (u32, u32) {
        self.0.size()
    }

    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        self.0.draw(root, self.1)
    }
}

/// A chart as a page shows it: its file stem, title and SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct PageChart {
    /// The file name in charts/ without extension.
    pub stem: String,
    /// The chart's title.
    pub title: String,
    /// The SVG document.
    pub svg: String,
}

/// Writes `chart` as `charts/<stem>.svg` and `charts/<stem>.png` into `out_dir`; returns
/// it as a page shows it, titled `title`.
pub fn write_page_chart(chart: &impl Drawing, title: String, out_dir: &Path) -> Result<PageChart> {
    let dir = out_dir.join(CHARTS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let svg = svg_document(chart)?;
    let path = dir.join(format!("{}.svg", chart.file_stem()));
    std::fs::write(&path, &svg).map_err(|e| Error::io(&path, e))?;
    png_file(chart, &dir.join(format!("{}.png", chart.file_stem())))?;
    Ok(PageChart {
        stem: chart.file_stem().to_string(),
        title,
        svg,
    })
}
