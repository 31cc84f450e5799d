//! Chart 2: what the plan asks of each municipality over the whole horizon —
//! demolition, transformation and new build as stacked horizontal bars, the biggest task
//! first. With many municipalities only the largest tasks are shown, with a note.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{ChartData, MunicipalityData};
use super::format::{nice_step, Lang};
use super::style::{self, DrawResult, Mark};

pub use super::data::{bars_shown as shown, BARS_ALL_UP_TO as ALL_UP_TO, MAX_BARS};
/// Vertical pixels per bar.
const PITCH: u32 = 44;

/// The municipalities shown, biggest task first (ties by code), at most [`shown`] of them.
pub fn ranked(data: &ChartData) -> Vec<&MunicipalityData> {
    let mut all: Vec<&MunicipalityData> = data.municipalities.iter().collect();
    all.sort_by(|a, b| {
        b.task()
            .total_cmp(&a.task())
            .then_with(|| a.code.cmp(&b.code))
    });
    all.truncate(shown(all.len()));
    all
}

/// The picture size: taller with more bars.
pub fn size(data: &ChartData) -> (u32, u32) {
    let bars = shown(data.municipalities.len()).max(1) as u32;
    let height = style::header_height(1) + 70 + bars * PITCH + 90;
    (style::WIDTH, height.max(640))
}

/// The chart's title.
pub fn title(data: &ChartData, lang: Lang) -> String {
    let (first, last) = data.horizon();
    match lang {
        Lang::Nl => format!("Sloop, transformatie en nieuwbouw per gemeente, {first}–{last}"),
        Lang::En => {
            format!("Demolition, transformation and new build per municipality, {first}–{last}")
        }
    }
}

/// Draws the chart on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let shown = ranked(data);
    let total = data.municipalities.len();
    let mut subtitle = lang
        .pick(
            "Woningen over de hele planperiode, grootste opgave bovenaan",
            "Dwellings over the whole plan horizon, biggest task first",
        )
        .to_string();
    if shown.len() < total {
        subtitle.push_str(&match lang {
            Lang::Nl => format!(" (top {} van {} gemeenten)", shown.len(), total),
            Lang::En => format!(" (top {} of {} municipalities)", shown.len(), total),
        });
    }
    subtitle.push('.');
    let body = style::header(root, &title(data, lang), &[subtitle])?;
    let (legend_area, plot_area) = body.split_vertically(70);
    style::legend(
        &legend_area,
        &[
            (
                Mark::Box(style::DEMOLISH),
                lang.pick("sloop", "demolition").into(),
            ),
            (
                Mark::Box(style::TRANSFORM),
                lang.pick(
                    "transformatie (woningen in)",
                    "transformation (dwellings in)",
                )
                .into(),
            ),
            (
                Mark::Box(style::NEW_BUILD),
                lang.pick("nieuwbouw", "new build").into(),
            ),
        ],
        (style::MARGIN, 30),
        style::WIDTH as i32 - 40,
    )?;

    let n = shown.len().max(1) as i32;
    let max = shown.iter().map(|m| m.task()).fold(0.0, f64::max);
    let x_max = if max > 0.0 { max * 1.14 } else { 1.0 };
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let mut widest = 0;
    for m in &shown {
        widest = widest.max(plot_area.estimate_text_size(&m.name, &label_font)?.0);
    }
    let names: Vec<String> = shown.iter().map(|m| m.name.clone()).collect();
    let name_of = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => names.get((n - 1 - i) as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    let step = nice_step(x_max, 6);
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
        .x_desc(lang.pick("woningen", "dwellings"))
        .draw()?;

    let (_, rows) = chart.plotting_area().get_pixel_range();
    let seg = (rows.end - rows.start) as f64 / f64::from(n);
    let gap = ((seg * 0.18).round() as u32).max(2);
    for (rank, m) in shown.iter().enumerate() {
        let y = n - 1 - rank as i32;
        let parts = [
            (m.demolished, style::DEMOLISH),
            (m.transformed, style::TRANSFORM),
            (m.built, style::NEW_BUILD),
        ];
        let mut x = 0.0;
        for (value, colour) in parts {
            if value <= 0.0 {
                continue;
            }
            let mut bar = Rectangle::new(
                [
                    (x, SegmentValue::Exact(y)),
                    (x + value, SegmentValue::Exact(y + 1)),
                ],
                colour.filled(),
            );
            bar.set_margin(gap, gap, 0, 0);
            chart.draw_series(std::iter::once(bar))?;
            x += value;
        }
        let anchor = chart.backend_coord(&(x, SegmentValue::CenterOf(y)));
        let base = root.get_base_pixel();
        root.draw_text(
            &lang.int(m.task()),
            &style::anchored(style::SMALL_SIZE, style::INK, HPos::Left, VPos::Center),
            (anchor.0 + 10 - base.0, anchor.1 - base.1),
        )?;
    }
    root.present()
}
