//! The layout shared by the charts with one panel per region (stock and demand, budget,
//! segment mix): the header with the subtitle and, when not every region fits, a line
//! saying which are shown ([`ChartData::panel_note`]); a grid of panels; a legend strip.

use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::{ChartData, RegionData};
use super::format::{step_decimals, Lang};
use super::style::{self, DrawResult, Mark};

/// Height of the legend strip under the panels.
pub const LEGEND: u32 = 96;

/// The picture size: the header, one panel per shown region in a grid, the legend.
pub fn size(data: &ChartData) -> (u32, u32) {
    let (rows, _) = style::grid(data.panel_regions().len());
    // The note's presence does not depend on the language.
    let lines = 1 + usize::from(data.panel_note(Lang::Nl).is_some());
    (
        style::WIDTH,
        style::header_height(lines) + rows as u32 * style::panel_height(rows) + LEGEND,
    )
}

/// A region with the area of its panel.
pub type Panel<'d, DB> = (&'d RegionData, DrawingArea<DB, Shift>);

/// Draws the header on `root` and returns every shown region with its panel's area, and
/// the area of the legend strip.
#[allow(clippy::type_complexity)]
pub fn layout<'d, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &'d ChartData,
    title: &str,
    subtitle: String,
    lang: Lang,
) -> Result<(Vec<Panel<'d, DB>>, DrawingArea<DB, Shift>), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut lines = vec![subtitle];
    lines.extend(data.panel_note(lang));
    let body = style::header(root, title, &lines)?;
    style::kicker(root, &data.plan_title(lang))?;
    let (panels, legend_area) = body.split_vertically(body.dim_in_pixel().1 as i32 - LEGEND as i32);
    let shown = data.panel_regions();
    let (rows, cols) = style::grid(shown.len());
    let cells = panels.split_evenly((rows, cols));
    Ok((shown.into_iter().zip(cells).collect(), legend_area))
}

/// One panel to draw: its area, the chart's data, its region and the language.
pub struct Cell<'a, DB: DrawingBackend> {
    /// The panel's area.
    pub area: &'a DrawingArea<DB, Shift>,
    /// The statistics of the whole chart.
    pub data: &'a ChartData,
    /// The panel's region.
    pub region: &'a RegionData,
    /// The language of the labels.
    pub lang: Lang,
}

/// Draws a chart with a panel per region: the header with `title` and `subtitle`, every
/// shown region's panel with `panel`, and the legend `entries` under them.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
    (title, subtitle): (String, String),
    entries: &[(Mark, String)],
    panel: impl Fn(&Cell<'_, DB>) -> DrawResult<DB>,
) -> DrawResult<DB> {
    let (cells, legend_area) = layout(root, data, &title, subtitle, lang)?;
    for (region, area) in &cells {
        panel(&Cell {
            area,
            data,
            region,
            lang,
        })?;
    }
    style::legend_and_present(root, &legend_area, entries, 48)
}

/// The chart builder of a panel on `plot_area`, with room for y labels `widest` pixels
/// wide.
pub fn builder<DB: DrawingBackend>(
    plot_area: &DrawingArea<DB, Shift>,
    widest: u32,
) -> ChartBuilder<'_, '_, DB> {
    let mut builder = ChartBuilder::on(plot_area);
    builder
        .margin_top(style::PANEL_TOP)
        .margin_left(12)
        .margin_right(36)
        .margin_bottom(8)
        .x_label_area_size(44)
        .y_label_area_size(widest + 24);
    builder
}

/// The chart of a panel with a bar group per plan period, as the budget and funders
/// charts have.
pub type PeriodChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<SegmentedCoord<RangedCoordi32>, RangedCoordf64>>;

/// Builds a panel with a bar group per plan period on `plot_area` (y labels `widest`
/// pixels wide), y from `y0` to `y1` with a label every `step`, each period `(first,
/// last)` named by `label`, and draws its quiet mesh.
pub fn period_panel<'a, DB: DrawingBackend>(
    plot_area: &'a DrawingArea<DB, Shift>,
    widest: u32,
    periods: &[(i32, i32)],
    (y0, y1, step): (f64, f64, f64),
    label: &dyn Fn(i32, i32) -> String,
    lang: Lang,
) -> Result<PeriodChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let n = periods.len().max(1) as i32;
    let period_label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(p) => periods
            .get(*p as usize)
            .map(|&(a, b)| label(a, b))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let decimals = step_decimals(step);
    let label_font = style::text(style::SMALL_SIZE, style::INK);
    let mut chart =
        builder(plot_area, widest).build_cartesian_2d((0..n - 1).into_segmented(), y0..y1)?;
    style::quiet_mesh(&mut chart.configure_mesh())
        .disable_x_mesh()
        .x_labels(n as usize)
        .y_labels(((y1 - y0) / step).ceil() as usize + 1)
        .x_label_formatter(&period_label)
        .y_label_formatter(&|y| lang.dec(*y, decimals))
        .label_style(label_font)
        .draw()?;
    Ok(chart)
}

/// The chart of a region panel over the years, as the stock and demand charts have.
pub type YearChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<WithKeyPoints<RangedCoordi32>, RangedCoordf64>>;

/// Builds a region panel over the years on `plot_area`: x from the base year to the last
/// milestone (padded by a twentieth either side, a tick per milestone), y padded around
/// `values` with whole-number labels, and draws its quiet mesh. Returns the chart and the
/// lower end of y.
pub fn year_panel<'a, DB: DrawingBackend>(
    plot_area: &'a DrawingArea<DB, Shift>,
    data: &ChartData,
    values: impl Iterator<Item = f64>,
    lang: Lang,
) -> Result<(YearChart<'a, DB>, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let (y0, y1) = style::padded_range(values, 0.12);
    let first = data.base_year;
    let last = data.last_year().max(first + 1);
    let x_pad = ((last - first) / 20).max(1);
    let label_font = style::text(style::SMALL_SIZE, style::INK);
    let widest = plot_area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let mut chart = builder(plot_area, widest).build_cartesian_2d(
        ((first - x_pad)..(last + x_pad)).with_key_points(style::year_ticks(first, last)),
        y0..y1,
    )?;
    style::quiet_mesh(&mut chart.configure_mesh())
        .disable_x_mesh()
        .y_labels(5)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| lang.int(*y))
        .label_style(label_font)
        .draw()?;
    Ok((chart, y0))
}
