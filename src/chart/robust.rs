//! The two charts of a robust plan (spec v2 §6b), drawn from plain data like every
//! chart, with the shared scaffolds ([`super::bars`], [`super::panels`]):
//!
//! | file | what it shows |
//! |---|---|
//! | `0a_commitment` | the committed demolition per municipality next to each projection's own optimal demolition in the same periods (grouped bars) ([`CommitChartData`]) |
//! | `0b_fan` | per region, the stock against the demand of every projection: a fan of demand lines ([`FanData`]) |

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{bars_shown, ChartData};
use super::format::Lang;
use super::panels::{self, Cell};
use super::style::{self, DrawResult, Mark};
use super::{svg_document, Drawing, PageChart};
use crate::labels;
use crate::Result;

/// The file stem of the commitment chart.
pub const COMMIT_STEM: &str = "0a_commitment";
/// The file stem of the fan chart.
pub const FAN_STEM: &str = "0b_fan";

/// The colour of projection ω (Okabe–Ito, after the plan's blue).
pub fn variant_colour(w: usize) -> RGBColor {
    const COLOURS: [RGBColor; 6] = [
        RGBColor(230, 159, 0),
        RGBColor(0, 158, 115),
        RGBColor(204, 121, 167),
        RGBColor(86, 180, 233),
        RGBColor(213, 94, 0),
        RGBColor(120, 120, 120),
    ];
    COLOURS[w % COLOURS.len()]
}

/// The committed demolition per municipality next to each projection's own optimum.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitChartData {
    /// The committed years, e.g. `2025–2030`.
    pub years: String,
    /// The municipalities' names, in case order.
    pub municipalities: Vec<String>,
    /// Dwellings demolished in the committed periods by the robust plan, per
    /// municipality.
    pub committed: Vec<f64>,
    /// Per projection (its name in words): the dwellings its own optimal plan
    /// demolishes in the same periods, per municipality.
    pub own: Vec<(String, Vec<f64>)>,
}

/// Vertical pixels per bar.
const BAR: u32 = 22;

impl CommitChartData {
    /// The municipalities shown: those with at least half a dwelling demolished
    /// (committed or in any own optimum), most first, ties by case order; at most
    /// [`bars_shown`].
    pub fn ranked(&self) -> Vec<usize> {
        let most = |m: usize| {
            self.own
                .iter()
                .map(|(_, d)| d[m])
                .fold(self.committed[m], f64::max)
        };
        let mut order: Vec<usize> = (0..self.municipalities.len())
            .filter(|&m| most(m) >= 0.5)
            .collect();
        order.sort_by(|&a, &b| most(b).total_cmp(&most(a)).then(a.cmp(&b)));
        order.truncate(bars_shown(order.len()));
        order
    }

    fn pitch(&self) -> u32 {
        BAR * (1 + self.own.len() as u32) + 18
    }

    fn legend_height(&self) -> u32 {
        let rows = (1 + self.own.len()).div_ceil(2) as u32;
        30 + 40 * rows
    }

    /// The picture size.
    pub fn size(&self) -> (u32, u32) {
        let (w, h) = super::bars::size(self.ranked().len(), 2, self.pitch());
        (w, h + self.legend_height().saturating_sub(70))
    }

    /// The title.
    pub fn title(&self, lang: Lang) -> String {
        labels::COMMIT_CHART_TITLE.format(lang, &[&self.years])
    }

    fn legend(&self, lang: Lang) -> Vec<(Mark, String)> {
        let mut entries = vec![(
            Mark::Box(style::DEMOLISH),
            lang.get(labels::COMMITTED).to_string(),
        )];
        for (w, (name, _)) in self.own.iter().enumerate() {
            entries.push((
                Mark::Box(variant_colour(w)),
                labels::OWN_OPTIMUM_OF.format(lang, &[name]),
            ));
        }
        entries
    }

    /// Draws the chart on `root` (any plotters backend).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> DrawResult<DB> {
        let shown = self.ranked();
        let lines = vec![
            lang.get(labels::COMMIT_CHART_SUBTITLE).to_string(),
            super::bars::ranked_line(
                labels::MOST_DEMOLITION,
                shown.len(),
                self.municipalities.len(),
                lang,
            ),
        ];
        let body = style::header(root, &self.title(lang), &lines)?;
        let plot_area =
            super::bars::legend_on_top(&body, &self.legend(lang), self.legend_height())?;
        let n = shown.len().max(1) as i32;
        let max = shown
            .iter()
            .map(|&m| {
                self.own
                    .iter()
                    .map(|(_, d)| d[m])
                    .fold(self.committed[m], f64::max)
            })
            .fold(0.0, f64::max);
        let x_max = if max > 0.0 { max * 1.18 } else { 1.0 };
        let names: Vec<String> = shown
            .iter()
            .map(|&m| self.municipalities[m].clone())
            .collect();
        let mut chart = super::bars::dwelling_axes(&plot_area, &names, x_max, lang)?;
        let seg = super::bars::row_height(&chart, n);
        let bars = 1 + self.own.len();
        let outer = (seg * 0.1).round();
        let each = ((seg - 2.0 * outer) / bars as f64).max(1.0);
        for (rank, &m) in shown.iter().enumerate() {
            let y = super::bars::row_of(rank, n);
            let values = std::iter::once((self.committed[m], style::DEMOLISH)).chain(
                self.own
                    .iter()
                    .enumerate()
                    .map(|(w, (_, d))| (d[m], variant_colour(w))),
            );
            for (i, (value, colour)) in values.enumerate() {
                let top = (outer + each * i as f64).round() as u32;
                let bottom = (seg - outer - each * (i + 1) as f64).round().max(0.0) as u32;
                let margins = (top, bottom);
                chart.draw_series([super::bars::bar((0.0, value), y, colour.filled(), margins)])?;
                super::bars::label_after(root, &chart, &lang.int(value), (value, y), margins, seg)?;
            }
        }
        root.present()
    }
}

/// Per region the stock against the demand of every projection.
#[derive(Debug, Clone, PartialEq)]
pub struct FanData {
    /// The regions, years and do-nothing stock (the same in every projection); its
    /// `stock_plan` is the first projection's plan.
    pub chart: ChartData,
    /// The last time index (into `chart.years`) of the committed periods: the plan's
    /// stock up to it is the same in every projection.
    pub committed_until: usize,
    /// Per projection (its name in words): `demand[r][t]` per region and year.
    pub demand: Vec<(String, Vec<Vec<f64>>)>,
}

impl FanData {
    /// The picture size.
    pub fn size(&self) -> (u32, u32) {
        panels::size(&self.chart)
    }

    /// The title.
    pub fn title(&self, lang: Lang) -> String {
        let last = self.chart.last_year();
        labels::FAN_CHART_TITLE.format(lang, &[&self.chart.base_year, &last])
    }

    /// Draws the chart on `root` (any plotters backend).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> DrawResult<DB> {
        let until = self.chart.years.get(self.committed_until).copied();
        let until = until.unwrap_or(self.chart.base_year);
        let subtitle = labels::FAN_CHART_SUBTITLE.format(lang, &[&until]);
        let mut entries: Vec<(Mark, String)> = self
            .demand
            .iter()
            .enumerate()
            .map(|(w, (name, _))| {
                (
                    Mark::Line(variant_colour(w)),
                    labels::DEMAND_OF.format(lang, &[name]),
                )
            })
            .collect();
        entries.push((
            Mark::Dashed(style::DO_NOTHING),
            lang.get(labels::STOCK_IF_NOTHING_IS_DONE).to_string(),
        ));
        entries.push((
            Mark::Line(style::PLAN),
            labels::COMMITTED_STOCK.format(lang, &[&until]),
        ));
        let head = (self.title(lang), subtitle);
        panels::draw(root, &self.chart, lang, head, &entries, |cell| {
            self.panel(cell)
        })
    }

    fn panel<DB: DrawingBackend>(&self, cell: &Cell<'_, DB>) -> DrawResult<DB> {
        let (area, data, region, lang) = (cell.area, cell.data, cell.region, cell.lang);
        let r = data
            .regions
            .iter()
            .position(|x| std::ptr::eq(x, region))
            .unwrap_or(0);
        let committed: Vec<f64> = region
            .trajectories
            .stock_plan
            .iter()
            .take(self.committed_until + 1)
            .copied()
            .collect();
        let all = self
            .demand
            .iter()
            .flat_map(|(_, d)| d.get(r).into_iter().flatten())
            .chain(&region.trajectories.stock_do_nothing)
            .chain(&committed)
            .copied();
        let plot_area = style::panel_title(area, &region.name)?;
        let (mut chart, _) = panels::year_panel(&plot_area, data, all, lang)?;
        let points = |series: &[f64]| data.year_points(series);
        style::do_nothing_line(&mut chart, points(&region.trajectories.stock_do_nothing))?;
        for (w, (_, demand)) in self.demand.iter().enumerate() {
            if let Some(series) = demand.get(r) {
                chart.draw_series(LineSeries::new(
                    points(series),
                    variant_colour(w).stroke_width(4),
                ))?;
            }
        }
        style::plan_line(&mut chart, points(&committed), style::PLAN, 5)
    }
}

/// One of the two robust charts with its data.
#[derive(Debug, Clone, Copy)]
pub enum RobustChart<'a> {
    /// The committed demolition next to each projection's own optimum.
    Commitment(&'a CommitChartData),
    /// The stock against the demand of every projection per region.
    Fan(&'a FanData),
}

impl RobustChart<'_> {
    /// The file name without extension.
    pub fn file_stem(&self) -> &'static str {
        match self {
            RobustChart::Commitment(_) => COMMIT_STEM,
            RobustChart::Fan(_) => FAN_STEM,
        }
    }

    /// The title.
    pub fn title(&self, lang: Lang) -> String {
        match self {
            RobustChart::Commitment(d) => d.title(lang),
            RobustChart::Fan(d) => d.title(lang),
        }
    }

    /// Renders the chart as an SVG document.
    pub fn render_svg(&self, lang: Lang) -> Result<String> {
        svg_document(&(*self, lang))
    }

    /// Writes `charts/<stem>.svg` and `.png` into `out_dir`; returns the chart as the
    /// page shows it.
    pub fn write(&self, out_dir: &Path, lang: Lang) -> Result<PageChart> {
        super::figure::write_page_chart(&(*self, lang), self.title(lang), out_dir)
    }
}

impl Drawing for (RobustChart<'_>, Lang) {
    fn file_stem(&self) -> &'static str {
        self.0.file_stem()
    }

    fn size(&self) -> (u32, u32) {
        match self.0 {
            RobustChart::Commitment(d) => d.size(),
            RobustChart::Fan(d) => d.size(),
        }
    }

    fn draw_on<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        match self.0 {
            RobustChart::Commitment(d) => d.draw(root, self.1),
            RobustChart::Fan(d) => d.draw(root, self.1),
        }
    }
}

/// Writes both robust charts into `out_dir`; the commitment chart only when there are
/// own optima to set beside it.
pub fn write_charts(
    out_dir: &Path,
    commit: Option<&CommitChartData>,
    fan: &FanData,
    lang: Lang,
) -> Result<Vec<PageChart>> {
    let mut charts = Vec::new();
    if let Some(commit) = commit {
        charts.push(RobustChart::Commitment(commit).write(out_dir, lang)?);
    }
    charts.push(RobustChart::Fan(fan).write(out_dir, lang)?);
    Ok(charts)
}
