//! The scaffold shared by the charts of horizontal bars (actions, vacancy, the mismatch
//! per region of `compare`): the picture size, the legend strip on top, the axes with
//! one row per name (the first name on top), and the value written after a bar.

use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordi32};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::format::{nice_step, Lang};
use super::style::{self, Mark};
use crate::labels::{self, Label};

/// The chart context of a bar chart: x a number, y one segment per row.
pub type BarChart<'a, DB> =
    ChartContext<'a, DB, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordi32>>>;

type AreaResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The picture size of a bar chart of `rows` rows `pitch` pixels apart, under a header
/// of `header_lines` lines: at least 640 pixels high.
pub fn size(rows: usize, header_lines: usize, pitch: u32) -> (u32, u32) {
    let rows = rows.max(1) as u32;
    let height = style::header_height(header_lines) + 70 + rows * pitch + 90;
    (style::WIDTH, height.max(640))
}

/// Draws the legend `entries` in a strip of `height` pixels at the top of `body` and
/// returns the area under it.
pub fn legend_on_top<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    height: u32,
) -> AreaResult<DrawingArea<DB, Shift>, DB> {
    let (legend_area, plot_area) = body.split_vertically(height as i32);
    style::legend(
        &legend_area,
        entries,
        (style::MARGIN, 30),
        style::WIDTH as i32 - 40,
    )?;
    Ok(plot_area)
}

/// The axes of a bar chart of dwellings on `plot_area`: x from 0 to `x_max` with whole
/// numbers at a nice step (about six labels) and "woningen" under them, one row per name.
pub fn dwelling_axes<'a, DB: DrawingBackend>(
    plot_area: &'a DrawingArea<DB, Shift>,
    names: &[String],
    x_max: f64,
    lang: Lang,
) -> AreaResult<BarChart<'a, DB>, DB> {
    let step = nice_step(x_max, 6);
    axes(
        plot_area,
        names,
        x_max,
        (x_max / step).ceil() as usize + 1,
        &|x| lang.int(*x),
        Some(lang.get(labels::DWELLINGS)),
    )
}

/// The axes of a bar chart on `plot_area`: x from 0 to `x_max` with about `x_labels`
/// labels written by `x_format` (and `x_desc` under them), one row per name.
pub fn axes<'a, DB: DrawingBackend>(
    plot_area: &'a DrawingArea<DB, Shift>,
    names: &[String],
    x_max: f64,
    x_labels: usize,
    x_format: &dyn Fn(&f64) -> String,
    x_desc: Option<&str>,
) -> AreaResult<BarChart<'a, DB>, DB> {
    let n = names.len().max(1) as i32;
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let mut widest = 0;
    for name in names {
        widest = widest.max(plot_area.estimate_text_size(name, &label_font)?.0);
    }
    let name_of = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => names.get((n - 1 - i) as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let mut chart = ChartBuilder::on(plot_area)
        .margin_left(style::MARGIN as u32)
        .margin_right(60)
        .margin_bottom(10)
        .x_label_area_size(60)
        .y_label_area_size(widest + 24)
        .build_cartesian_2d(0.0..x_max, (0..n - 1).into_segmented())?;
    let mut mesh = chart.configure_mesh();
    style::quiet_mesh(&mut mesh)
        .disable_y_mesh()
        .x_labels(x_labels)
        .y_labels(n as usize)
        .x_label_formatter(x_format)
        .y_label_formatter(&name_of)
        .label_style(label_font);
    if let Some(desc) = x_desc {
        mesh.x_desc(desc);
    }
    mesh.draw()?;
    Ok(chart)
}

/// The segment of row `rank` (0 = the top row) of a chart of `n` rows.
pub fn row_of(rank: usize, n: i32) -> i32 {
    n - 1 - rank as i32
}

/// The height in pixels of one row of `chart` with `n` rows.
pub fn row_height<DB: DrawingBackend>(chart: &BarChart<'_, DB>, n: i32) -> f64 {
    let (_, rows) = chart.plotting_area().get_pixel_range();
    (rows.end - rows.start) as f64 / f64::from(n)
}

/// Writes `text` 10 pixels right of `at` (backend pixels), vertically centred on it.
pub fn value_label<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    at: (i32, i32),
) -> AreaResult<(), DB> {
    let base = root.get_base_pixel();
    root.draw_text(
        text,
        &style::anchored(style::SMALL_SIZE, style::INK, HPos::Left, VPos::Center),
        (at.0 + 10 - base.0, at.1 - base.1),
    )
}

/// A bar in row segment `y` from `x0` to `x1`, `top` and `bottom` pixels inside the row.
pub fn bar(
    (x0, x1): (f64, f64),
    y: i32,
    style: ShapeStyle,
    (top, bottom): (u32, u32),
) -> Rectangle<(f64, SegmentValue<i32>)> {
    let mut bar = Rectangle::new(
        [
            (x0, SegmentValue::Exact(y)),
            (x1, SegmentValue::Exact(y + 1)),
        ],
        style,
    );
    bar.set_margin(top, bottom, 0, 0);
    bar
}

/// Writes `text` after a bar that ends at `x` in row `y` (margins `top` and `bottom`
/// inside a row `seg` pixels high), vertically centred on the bar.
pub fn label_after<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &BarChart<'_, DB>,
    text: &str,
    (x, y): (f64, i32),
    (top, bottom): (u32, u32),
    seg: f64,
) -> AreaResult<(), DB> {
    let end = chart.backend_coord(&(x, SegmentValue::Exact(y + 1)));
    let centre = f64::from(end.1) + f64::from(top) + (seg - f64::from(top + bottom)) / 2.0;
    value_label(root, text, (end.0, centre.round() as i32))
}

/// `line` with " (top 30 of 45 municipalities)" when only `shown` of `total`
/// municipalities have a bar, and a full stop.
pub fn ranked_line(line: Label, shown: usize, total: usize, lang: Lang) -> String {
    let mut text = lang.get(line).to_string();
    if shown < total {
        text.push_str(&labels::TOP_OF_MUNICIPALITIES.format(lang, &[&shown, &total]));
    }
    text.push('.');
    text
}

/// The top of a chart with a bar per municipality on `root`: the title, the subtitle
/// `lines` and then the [`ranked_line`] of `order` (`shown` of `total` municipalities),
/// the legend of filled `boxes` in a strip above the bars; returns the area of the bars.
pub fn ranked_header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    mut lines: Vec<String>,
    (order, shown, total): (Label, usize, usize),
    legend: &[(RGBColor, Label)],
    lang: Lang,
) -> AreaResult<DrawingArea<DB, Shift>, DB> {
    lines.push(ranked_line(order, shown, total, lang));
    let body = style::header(root, title, &lines)?;
    legend_on_top(&body, &boxes(lang, legend), 70)
}

/// Legend entries of filled boxes: a colour and a label each.
pub fn boxes(lang: Lang, entries: &[(RGBColor, Label)]) -> Vec<(Mark, String)> {
    entries
        .iter()
        .map(|(colour, label)| (Mark::Box(*colour), lang.get(*label).to_string()))
        .collect()
}
