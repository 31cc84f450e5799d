//! The charts of `compare` and `sweep`, drawn with the plan charts' font, colours and
//! helpers ([`crate::chart`]): each function is generic over the plotters backend, so the
//! same code writes the SVG, the PNG and test strings.
//!
//! | file | what it shows |
//! |---|---|
//! | `1_mismatch_per_region` | per region one bar per scenario: the mismatch with the scenario's plan, inside an open bar of the mismatch without action |
//! | `2_stock_trajectories` | the total stock over the years with every scenario's plan, without action, and the demand |
//! | `sweep` | the mismatch against the money (or the frictional vacancy), the knee marked |

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::chart::font::{Target, TextFit};
use crate::chart::format::{nice_step, Lang};
use crate::chart::style::{self, DrawResult, Mark};
use crate::chart::CHARTS_DIR;
use crate::metrics;
use crate::{Error, Result};

use super::compare::Solved;
use super::sweep::{Parameter, Sweep};

/// The colour of scenario `i` (the colour-blind-safe palette of the plan charts).
pub fn scenario_colour(i: usize) -> RGBColor {
    style::segment_colour(i)
}

/// What the comparison charts draw: per scenario its totals over time and its mismatch
/// per region.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareData {
    /// Every region of any scenario: the reference's first, in its order.
    pub regions: Vec<String>,
    /// One entry per scenario, in order.
    pub scenarios: Vec<ScenarioSeries>,
}

/// The series of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSeries {
    /// The scenario's name.
    pub name: String,
    /// The base year followed by every milestone.
    pub years: Vec<i32>,
    /// Total stock with the plan per year (all municipalities).
    pub stock_plan: Vec<f64>,
    /// Total stock without action per year.
    pub stock_do_nothing: Vec<f64>,
    /// Total demand per year: Σ (1 + f) · households.
    pub demand: Vec<f64>,
    /// Per region of [`CompareData::regions`]: (mismatch without action, with the plan);
    /// `None` where this scenario's case has no such region.
    pub regions: Vec<Option<(f64, f64)>>,
}

impl CompareData {
    /// Computes the series of every solved scenario.
    pub fn new(solved: &[Solved]) -> CompareData {
        let mut regions: Vec<String> = Vec::new();
        for s in solved {
            for r in &s.case.regions {
                if !regions.contains(r) {
                    regions.push(r.clone());
                }
            }
        }
        let scenarios = solved
            .iter()
            .map(|s| {
                let case = &s.case;
                let planned = metrics::plan_path(case, &s.plan);
                let nothing = metrics::do_nothing_path(case);
                let times = case.periods.len() + 1;
                let total = |path: &metrics::StockPath, t: usize| -> metrics::Fit {
                    let fits: Vec<metrics::Fit> = (0..case.municipalities.len())
                        .map(|m| metrics::total_fit(&metrics::fits(case, path, m, t)))
                        .collect();
                    metrics::total_fit(&fits)
                };
                let per_region = regions
                    .iter()
                    .map(|name| {
                        s.summary
                            .regions_detail
                            .iter()
                            .find(|d| &d.region == name)
                            .map(|d| (d.mismatch_do_nothing, d.mismatch_plan))
                    })
                    .collect();
                ScenarioSeries {
                    name: s.scenario.name.clone(),
                    years: case.balance_years(),
                    stock_plan: (0..times).map(|t| total(&planned, t).stock).collect(),
                    stock_do_nothing: (0..times).map(|t| total(&nothing, t).stock).collect(),
                    demand: (0..times).map(|t| total(&nothing, t).demand).collect(),
                    regions: per_region,
                }
            })
            .collect();
        CompareData { regions, scenarios }
    }
}

/// What the sweep chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepData {
    /// What was varied.
    pub parameter: Parameter,
    /// The name of the case or scenario swept.
    pub name: String,
    /// Per point: (x, mismatch with the plan, mismatch without action), x in € mln
    /// (budget sweeps) or as a share (frictional vacancy).
    pub points: Vec<(f64, f64, f64)>,
    /// The index of the knee, if any.
    pub knee: Option<usize>,
}

impl SweepData {
    /// The chart data of a finished sweep.
    pub fn new(sweep: &Sweep, name: &str) -> SweepData {
        let points = sweep
            .points
            .iter()
            .map(|p| {
                let x = match sweep.parameter {
                    Parameter::BudgetFactor => p.budget_eur / 1e6,
                    Parameter::FrictionVacancy => p.value,
                };
                (x, p.mismatch, p.mismatch_do_nothing)
            })
            .collect();
        SweepData {
            parameter: sweep.parameter,
            name: name.to_string(),
            points,
            knee: sweep.knee,
        }
    }
}

/// One of the charts of this module, with its data.
#[derive(Debug, Clone, Copy)]
pub enum Figure<'a> {
    /// Mismatch per region, one bar per scenario.
    MismatchPerRegion(&'a CompareData),
    /// Total stock over time of every scenario, with demand.
    StockTrajectories(&'a CompareData),
    /// Mismatch against money (or the frictional vacancy) of a sweep.
    Sweep(&'a SweepData),
}

/// Height of one bar of the mismatch chart, and the gap between regions.
const BAR: u32 = 36;
const REGION_GAP: u32 = 28;

impl Figure<'_> {
    /// The file name without extension.
    pub fn file_stem(&self) -> &'static str {
        match self {
            Figure::MismatchPerRegion(_) => "1_mismatch_per_region",
            Figure::StockTrajectories(_) => "2_stock_trajectories",
            Figure::Sweep(_) => "sweep",
        }
    }

    /// The chart's title.
    pub fn title(&self, lang: Lang) -> String {
        match self {
            Figure::MismatchPerRegion(_) => lang
                .pick(
                    "Mismatch per regio: scenario's naast elkaar",
                    "Mismatch per region: scenarios side by side",
                )
                .into(),
            Figure::StockTrajectories(_) => lang
                .pick(
                    "Woningvoorraad en vraag per scenario, alle regio's samen",
                    "Housing stock and demand per scenario, all regions together",
                )
                .into(),
            Figure::Sweep(d) => match (d.parameter, lang) {
                (Parameter::BudgetFactor, Lang::Nl) => {
                    format!("Mismatch tegen budget — {}", d.name)
                }
                (Parameter::BudgetFactor, Lang::En) => {
                    format!("Mismatch against budget — {}", d.name)
                }
                (Parameter::FrictionVacancy, Lang::Nl) => {
                    format!("Mismatch tegen frictieleegstand — {}", d.name)
                }
                (Parameter::FrictionVacancy, Lang::En) => {
                    format!("Mismatch against frictional vacancy — {}", d.name)
                }
            },
        }
    }

    /// The picture size in pixels.
    pub fn size(&self) -> (u32, u32) {
        match self {
            Figure::MismatchPerRegion(d) => {
                let regions = d.regions.len().max(1) as u32;
                let bars = d.scenarios.len().max(1) as u32;
                let plot = regions * (bars * BAR + REGION_GAP);
                let legend = 50 + 40 * estimated_legend_rows(d);
                (style::WIDTH, style::header_height(3) + legend + plot + 80)
            }
            Figure::StockTrajectories(_) => (style::WIDTH, 1000),
            Figure::Sweep(_) => (style::WIDTH, 1000),
        }
    }

    /// Draws the chart on `root` (any plotters backend).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> DrawResult<DB> {
        match self {
            Figure::MismatchPerRegion(d) => mismatch_per_region(root, d, &self.title(lang), lang),
            Figure::StockTrajectories(d) => stock_trajectories(root, d, &self.title(lang), lang),
            Figure::Sweep(d) => sweep(root, d, &self.title(lang), lang),
        }
    }

    /// Renders the chart as an SVG document.
    pub fn render_svg(&self, lang: Lang) -> Result<String> {
        let mut svg = String::new();
        {
            let backend = TextFit::new(
                SVGBackend::with_string(&mut svg, self.size()),
                Target::Vector,
            );
            let root = backend.into_drawing_area();
            self.draw(&root, lang)
                .map_err(|e| self.error("svg", e.to_string()))?;
        }
        Ok(svg)
    }

    /// Renders the chart as a PNG file at `path`.
    pub fn render_png(&self, path: &Path, lang: Lang) -> Result<()> {
        let backend = TextFit::new(BitMapBackend::new(path, self.size()), Target::Raster);
        let root = backend.into_drawing_area();
        self.draw(&root, lang)
            .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))
    }

    /// Writes `charts/<stem>.svg` and `charts/<stem>.png` into `out_dir`; returns the
    /// title and the SVG (for report.html).
    pub fn write(&self, out_dir: &Path, lang: Lang) -> Result<(String, String)> {
        let dir = out_dir.join(CHARTS_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let svg = self.render_svg(lang)?;
        let path = dir.join(format!("{}.svg", self.file_stem()));
        std::fs::write(&path, &svg).map_err(|e| Error::io(&path, e))?;
        self.render_png(&dir.join(format!("{}.png", self.file_stem())), lang)?;
        Ok((self.title(lang), svg))
    }

    fn error(&self, format: &str, message: String) -> Error {
        Error::io(
            format!("{CHARTS_DIR}/{}.{format}", self.file_stem()),
            std::io::Error::other(message),
        )
    }
}

/// Per region one bar per scenario: filled to the mismatch with the plan, inside an open
/// bar that reaches the mismatch without action.
fn mismatch_per_region<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CompareData,
    title: &str,
    lang: Lang,
) -> DrawResult<DB> {
    let subtitles = [
        lang.pick(
            "Gewogen woningjaren overschot en tekort over de hele planperiode.",
            "Weighted dwelling-years of surplus and shortage over the whole plan.",
        )
        .to_string(),
        lang.pick(
            "Gevulde balk: met het plan; open balk: zonder ingrijpen (bij de aannames van \
             dat scenario).",
            "Filled bar: with the plan; open bar: if nothing is done (under that scenario's \
             assumptions).",
        )
        .to_string(),
        lang.pick(
            "Achter elke balk: de mismatch met plan en de verandering ten opzichte van niets doen.",
            "After each bar: the mismatch with the plan and the change against doing nothing.",
        )
        .to_string(),
    ];
    let body = style::header(root, title, &subtitles)?;
    let entries: Vec<(Mark, String)> = data
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| (Mark::Box(scenario_colour(i)), s.name.clone()))
        .collect();
    let rows = legend_rows(&body, &entries, style::WIDTH as i32 - 40)?;
    let (legend_area, plot_area) = body.split_vertically((50 + 40 * rows) as i32);
    style::legend(
        &legend_area,
        &entries,
        (style::MARGIN, 30),
        style::WIDTH as i32 - 40,
    )?;

    let n = data.regions.len().max(1) as i32;
    let bars = data.scenarios.len().max(1) as u32;
    let max = data
        .scenarios
        .iter()
        .flat_map(|s| s.regions.iter().flatten())
        .map(|(a, b)| a.max(*b))
        .fold(0.0, f64::max);
    // Room on the right for the value labels.
    let x_max = if max > 0.0 { max * 1.3 } else { 1.0 };
    let step = nice_step(x_max, 6);
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let mut widest = 0;
    for r in &data.regions {
        widest = widest.max(plot_area.estimate_text_size(r, &label_font)?.0);
    }
    let names = data.regions.clone();
    let name_of = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => names.get((n - 1 - i) as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(style::MARGIN as u32)
        .margin_right(60)
        .margin_bottom(10)
        .x_label_area_size(60)
        .y_label_area_size(widest + 24)
        .build_cartesian_2d(0.0..x_max, (0..n - 1).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .axis_style(style::AXIS)
        .x_labels((x_max / step).ceil() as usize + 1)
        .y_labels(n as usize)
        .x_label_formatter(&|x| lang.int(*x))
        .y_label_formatter(&name_of)
        .label_style(label_font.clone())
        .draw()?;

    let (_, rows) = chart.plotting_area().get_pixel_range();
    let seg = f64::from((rows.end - rows.start) as u32) / f64::from(n as u32);
    let bar = ((seg - f64::from(REGION_GAP)) / f64::from(bars)).max(2.0);
    let base = root.get_base_pixel();
    let value_font = style::anchored(style::SMALL_SIZE, style::INK, HPos::Left, VPos::Center);
    for (r, _) in data.regions.iter().enumerate() {
        let y = n - 1 - r as i32;
        for (i, s) in data.scenarios.iter().enumerate() {
            let Some((nothing, plan)) = s.regions[r] else {
                continue;
            };
            let top = (f64::from(REGION_GAP) / 2.0 + i as f64 * bar).round() as u32;
            let bottom = (seg - f64::from(REGION_GAP) / 2.0 - (i + 1) as f64 * bar + 4.0)
                .round()
                .max(0.0) as u32;
            let colour = scenario_colour(i);
            let rect = |value: f64, st: ShapeStyle| {
                let mut rect = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(y)),
                        (value, SegmentValue::Exact(y + 1)),
                    ],
                    st,
                );
                rect.set_margin(top, bottom, 0, 0);
                rect
            };
            chart.draw_series([
                rect(nothing, colour.mix(0.12).filled()),
                rect(nothing, colour.stroke_width(2)),
                rect(plan, colour.filled()),
            ])?;
            let end = chart.backend_coord(&(nothing.max(plan), SegmentValue::Exact(y + 1)));
            let centre = f64::from(end.1) + f64::from(top) + (seg - f64::from(top + bottom)) / 2.0;
            let change = if nothing > 0.0 {
                format!(" ({})", signed_pct(plan / nothing - 1.0, lang))
            } else {
                String::new()
            };
            root.draw_text(
                &format!("{}{change}", lang.int(plan)),
                &value_font,
                (end.0 + 10 - base.0, centre.round() as i32 - base.1),
            )?;
        }
    }
    root.present()
}

/// A generous guess of the legend rows of the mismatch chart (its height is fixed before
/// text can be measured): about 14 px per character at the legend's size.
fn estimated_legend_rows(data: &CompareData) -> u32 {
    let mut rows = 1;
    let mut x = 0;
    for s in &data.scenarios {
        let width = 86 + 15 * s.name.chars().count() as u32;
        if x > 0 && x + width > style::WIDTH - 80 {
            rows += 1;
            x = 0;
        }
        x += width;
    }
    rows
}

/// How many rows [`style::legend`] needs for `entries` up to `max_x` (the same wrapping).
fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    max_x: i32,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = style::anchored(style::LABEL_SIZE, style::INK, HPos::Left, VPos::Center);
    let (x0, mut x, mut rows) = (style::MARGIN, style::MARGIN, 1);
    for (mark, label) in entries {
        let mark_w = match mark {
            Mark::Sample(_, sample) => area.estimate_text_size(sample, &style)?.0 as i32,
            Mark::Vertical(_) => 12,
            _ => 40,
        };
        let width = mark_w + 10 + area.estimate_text_size(label, &style)?.0 as i32 + 36;
        if x > x0 && x + width > max_x {
            x = x0;
            rows += 1;
        }
        x += width;
    }
    Ok(rows)
}

fn signed_pct(share: f64, lang: Lang) -> String {
    let text = lang.pct(share.abs(), 0);
    if share < -0.005 {
        format!("−{text}")
    } else if share > 0.005 {
        format!("+{text}")
    } else {
        text
    }
}

/// Groups equal series (within 1e-6 relatively) and names the scenarios that share one.
fn groups<'a>(
    data: &'a CompareData,
    series: impl Fn(&'a ScenarioSeries) -> &'a [f64],
) -> Vec<(usize, Vec<&'a str>)> {
    let mut out: Vec<(usize, Vec<&str>)> = Vec::new();
    for (i, s) in data.scenarios.iter().enumerate() {
        let found = out.iter_mut().find(|(j, _)| {
            let other = &data.scenarios[*j];
            other.years == s.years
                && series(other)
                    .iter()
                    .zip(series(s))
                    .all(|(a, b)| (a - b).abs() <= 1e-6 * a.abs().max(1.0))
        });
        match found {
            Some((_, names)) => names.push(&s.name),
            None => out.push((i, vec![&s.name])),
        }
    }
    out
}

/// The total stock over time of every scenario's plan, without action, and the demand.
fn stock_trajectories<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CompareData,
    title: &str,
    lang: Lang,
) -> DrawResult<DB> {
    let subtitles = [
        lang.pick(
            "Woningen, alle gemeenten samen. Vraag = huishoudens × (1 + frictieleegstand);",
            "Dwellings, all municipalities together. Demand = households × (1 + frictional \
             vacancy);",
        )
        .to_string(),
        lang.pick(
            "wat de voorraad boven de vraag uitkomt, staat structureel leeg.",
            "stock above demand stands empty for good.",
        )
        .to_string(),
    ];
    let body = style::header(root, title, &subtitles)?;
    let demand_groups = groups(data, |s| &s.demand);
    let nothing_groups = groups(data, |s| &s.stock_do_nothing);
    let several = |g: &[(usize, Vec<&str>)]| g.len() > 1;
    let named = |label: &str, names: &[&str], several: bool| {
        if several {
            format!("{label}: {}", names.join(", "))
        } else {
            label.to_string()
        }
    };
    let mut entries: Vec<(Mark, String)> = Vec::new();
    for (i, s) in data.scenarios.iter().enumerate() {
        entries.push((
            Mark::Line(scenario_colour(i)),
            format!("{}: {}", lang.pick("met plan", "with the plan"), s.name),
        ));
    }
    for (i, names) in &demand_groups {
        let colour = if several(&demand_groups) {
            scenario_colour(*i)
        } else {
            style::DEMAND
        };
        let label = named(lang.pick("vraag", "demand"), names, several(&demand_groups));
        entries.push((Mark::Dashed(colour), label));
    }
    for (_, names) in &nothing_groups {
        let label = lang.pick("voorraad zonder ingrijpen", "stock if nothing is done");
        entries.push((
            Mark::Dashed(style::DO_NOTHING),
            named(label, names, several(&nothing_groups)),
        ));
    }
    let rows = legend_rows(&body, &entries, style::WIDTH as i32 - 40)?;
    let legend_height = 40 + 40 * rows;
    let (plot_area, legend_area) =
        body.split_vertically(body.dim_in_pixel().1 as i32 - legend_height as i32);

    let all = data
        .scenarios
        .iter()
        .flat_map(|s| {
            s.stock_plan
                .iter()
                .chain(&s.stock_do_nothing)
                .chain(&s.demand)
        })
        .copied();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.01).max(1.0);
    let (y0, y1) = ((lo - pad).max(0.0), hi + pad);
    let first = data
        .scenarios
        .iter()
        .filter_map(|s| s.years.first())
        .min()
        .copied()
        .unwrap_or(2020);
    let last = data
        .scenarios
        .iter()
        .filter_map(|s| s.years.last())
        .max()
        .copied()
        .unwrap_or(first + 1)
        .max(first + 1);
    let x_pad = ((last - first) / 20).max(1);
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let widest = plot_area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(style::MARGIN as u32)
        .margin_right(60)
        .margin_top(20)
        .margin_bottom(10)
        .x_label_area_size(60)
        .y_label_area_size(widest + 24)
        .build_cartesian_2d((first - x_pad)..(last + x_pad), y0..y1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .axis_style(style::AXIS)
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| lang.int(*y))
        .label_style(label_font.clone())
        .draw()?;

    let points = |s: &ScenarioSeries, v: &[f64]| -> Vec<(i32, f64)> {
        s.years.iter().copied().zip(v.iter().copied()).collect()
    };
    for (i, _) in &demand_groups {
        let s = &data.scenarios[*i];
        let colour = if several(&demand_groups) {
            scenario_colour(*i)
        } else {
            style::DEMAND
        };
        chart.draw_series(DashedLineSeries::new(
            points(s, &s.demand),
            8,
            8,
            colour.stroke_width(2),
        ))?;
    }
    for (i, s) in data.scenarios.iter().enumerate() {
        let colour = scenario_colour(i);
        chart.draw_series(LineSeries::new(
            points(s, &s.stock_plan),
            colour.stroke_width(4),
        ))?;
        chart.draw_series(
            points(s, &s.stock_plan)
                .into_iter()
                .map(|p| Circle::new(p, 6, colour.filled())),
        )?;
    }
    // Without action last, on top: where a plan does nothing it hides behind it.
    for (i, _) in &nothing_groups {
        let s = &data.scenarios[*i];
        chart.draw_series(DashedLineSeries::new(
            points(s, &s.stock_do_nothing),
            14,
            10,
            style::DO_NOTHING.stroke_width(4),
        ))?;
    }
    style::legend(
        &legend_area,
        &entries,
        (style::MARGIN, 40),
        style::WIDTH as i32 - 40,
    )?;
    root.present()
}

/// The mismatch against the money (or the frictional vacancy), the knee marked.
fn sweep<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &SweepData,
    title: &str,
    lang: Lang,
) -> DrawResult<DB> {
    let budget = data.parameter == Parameter::BudgetFactor;
    let mut subtitles = vec![if budget {
        lang.pick(
            "Mismatch (gewogen woningjaren) met het plan bij elk budget: het budget van alle \
             regio's en perioden samen, in miljoen euro.",
            "Mismatch (weighted dwelling-years) with the plan at each budget: the budget of \
             all regions and periods together, in million euros.",
        )
    } else {
        lang.pick(
            "Mismatch (gewogen woningjaren) met het plan en zonder ingrijpen bij elke \
             frictieleegstand.",
            "Mismatch (weighted dwelling-years) with the plan and if nothing is done at each \
             frictional vacancy.",
        )
    }
    .to_string()];
    if budget && data.knee.is_some() {
        subtitles.push(
            lang.pick(
                "Knik: voorbij dit punt haalt elk extra miljoen minder mismatch weg dan \
                 gemiddeld over het hele bereik.",
                "Knee: beyond this point each extra million removes less mismatch than the \
                 average million over the whole range.",
            )
            .to_string(),
        );
    }
    let body = style::header(root, title, &subtitles)?;
    let (plot_area, legend_area) = body.split_vertically(body.dim_in_pixel().1 as i32 - 90);

    let xs: Vec<f64> = data.points.iter().map(|p| p.0).collect();
    let (x_lo, x_hi) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (x_lo, x_hi) = if x_lo.is_finite() {
        (x_lo, x_hi)
    } else {
        (0.0, 1.0)
    };
    let x_span = (x_hi - x_lo).max(if budget { 1.0 } else { 0.001 });
    let (x0, x1) = ((x_lo - x_span * 0.04).max(0.0), x_hi + x_span * 0.04);
    let y_hi = data.points.iter().map(|p| p.1.max(p.2)).fold(0.0, f64::max);
    let y1 = if y_hi > 0.0 { y_hi * 1.12 } else { 1.0 };
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let widest = plot_area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let x_desc = if budget {
        lang.pick("budget (€ mln)", "budget (€ M)")
    } else {
        lang.pick("frictieleegstand", "frictional vacancy")
    };
    let mut chart = ChartBuilder::on(&plot_area)
        .margin_left(style::MARGIN as u32)
        .margin_right(60)
        .margin_top(20)
        .margin_bottom(10)
        .x_label_area_size(90)
        .y_label_area_size(widest + 70)
        .build_cartesian_2d(x0..x1, 0.0..y1)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .axis_style(style::AXIS)
        .x_labels(10)
        .y_labels(6)
        .x_label_formatter(&|x| {
            // Plotters picks the tick values: show as many decimals as they need.
            if budget {
                lang.num(*x, 2)
            } else {
                lang.pct(*x, 2)
            }
        })
        .y_label_formatter(&|y| lang.int(*y))
        .x_desc(x_desc)
        .y_desc(lang.pick("mismatch", "mismatch"))
        .axis_desc_style(style::text(style::LABEL_SIZE, style::MUTED))
        .label_style(label_font.clone())
        .draw()?;

    let nothing: Vec<(f64, f64)> = data.points.iter().map(|p| (p.0, p.2)).collect();
    let plan: Vec<(f64, f64)> = data.points.iter().map(|p| (p.0, p.1)).collect();
    chart.draw_series(DashedLineSeries::new(
        nothing,
        14,
        10,
        style::DO_NOTHING.stroke_width(4),
    ))?;
    chart.draw_series(LineSeries::new(plan.clone(), style::PLAN.stroke_width(4)))?;
    chart.draw_series(
        plan.iter()
            .map(|&p| Circle::new(p, 6, style::PLAN.filled())),
    )?;
    let mut entries = vec![
        (
            Mark::Line(style::PLAN),
            lang.pick("mismatch met plan", "mismatch with the plan")
                .to_string(),
        ),
        (
            Mark::Dashed(style::DO_NOTHING),
            lang.pick("mismatch zonder ingrijpen", "mismatch if nothing is done")
                .to_string(),
        ),
    ];
    if let Some(k) = data.knee.filter(|_| budget) {
        let (x, y, _) = data.points[k];
        chart.draw_series(std::iter::once(Circle::new(
            (x, y),
            14,
            style::SHADOW.stroke_width(4),
        )))?;
        let at = chart.backend_coord(&(x, y));
        let base = root.get_base_pixel();
        let label = match lang {
            Lang::Nl => format!("knik: {}, mismatch {}", lang.meur(x * 1e6), lang.int(y)),
            Lang::En => format!("knee: {}, mismatch {}", lang.meur(x * 1e6), lang.int(y)),
        };
        root.draw_text(
            &label,
            &style::anchored(style::LABEL_SIZE, style::SHADOW, HPos::Left, VPos::Bottom),
            (at.0 + 20 - base.0, at.1 - 20 - base.1),
        )?;
        entries.push((
            Mark::Box(style::SHADOW),
            lang.pick("knik", "knee").to_string(),
        ));
    }
    style::legend(
        &legend_area,
        &entries,
        (style::MARGIN, 40),
        style::WIDTH as i32 - 40,
    )?;
    root.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare_data() -> CompareData {
        let series = |name: &str, plan: f64, demand: f64| ScenarioSeries {
            name: name.into(),
            years: vec![2024, 2030, 2040],
            stock_plan: vec![1000.0, 980.0, plan],
            stock_do_nothing: vec![1000.0; 3],
            demand: vec![990.0, 950.0, demand],
            regions: vec![Some((500.0, 200.0)), Some((300.0, 250.0))],
        };
        CompareData {
            regions: vec!["Noord".into(), "Zuid".into()],
            scenarios: vec![series("Basis", 930.0, 900.0), series("Krimp", 900.0, 850.0)],
        }
    }

    #[test]
    fn comparison_charts_draw_every_scenario_and_are_deterministic() {
        let data = compare_data();
        for figure in [
            Figure::MismatchPerRegion(&data),
            Figure::StockTrajectories(&data),
        ] {
            let svg = figure.render_svg(Lang::Nl).unwrap();
            assert_eq!(svg, figure.render_svg(Lang::Nl).unwrap());
            assert!(svg.contains("Basis") && svg.contains("Krimp"), "{svg}");
        }
        let bars = Figure::MismatchPerRegion(&data)
            .render_svg(Lang::Nl)
            .unwrap();
        assert!(bars.contains("Noord") && bars.contains("Zuid"));
        assert!(bars.contains("200 (−60 %)"), "plan value and change");
        // Two demands: one line per group, named.
        let lines = Figure::StockTrajectories(&data)
            .render_svg(Lang::En)
            .unwrap();
        assert!(lines.contains("demand: Basis") && lines.contains("demand: Krimp"));
    }

    #[test]
    fn the_sweep_chart_marks_the_knee() {
        let data = SweepData {
            parameter: Parameter::BudgetFactor,
            name: "proef".into(),
            points: vec![
                (0.0, 100.0, 120.0),
                (10.0, 40.0, 120.0),
                (20.0, 30.0, 120.0),
                (30.0, 25.0, 120.0),
            ],
            knee: Some(1),
        };
        let svg = Figure::Sweep(&data).render_svg(Lang::Nl).unwrap();
        assert!(svg.contains("knik: € 10 mln, mismatch 40"), "{svg}");
        let english = Figure::Sweep(&data).render_svg(Lang::En).unwrap();
        assert!(english.contains("knee: €10 M, mismatch 40"));
    }
}
