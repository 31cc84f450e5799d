//! Chart 3: structural vacancy per municipality at the last milestone — without any
//! action next to with the plan, as a share of the stock. Sorted by the vacancy without
//! action, highest first; with many municipalities only the highest are shown.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{ChartData, MunicipalityData};
use super::format::{nice_step, step_decimals, Lang};
use super::style::{self, DrawResult, Mark};

pub use super::data::{bars_shown as shown, BARS_ALL_UP_TO as ALL_UP_TO, MAX_BARS};
/// Vertical pixels per municipality (two bars).
const PITCH: u32 = 60;

/// The municipalities shown, highest vacancy without action first (ties by code).
pub fn ranked(data: &ChartData) -> Vec<&MunicipalityData> {
    let mut all: Vec<&MunicipalityData> = data.municipalities.iter().collect();
    all.sort_by(|a, b| {
        b.vacancy_do_nothing()
            .total_cmp(&a.vacancy_do_nothing())
            .then_with(|| b.vacancy_plan().total_cmp(&a.vacancy_plan()))
            .then_with(|| a.code.cmp(&b.code))
    });
    all.truncate(shown(all.len()));
    all
}

/// The picture size: taller with more municipalities.
pub fn size(data: &ChartData) -> (u32, u32) {
    let bars = shown(data.municipalities.len()).max(1) as u32;
    let height = style::header_height(2) + 70 + bars * PITCH + 90;
    (style::WIDTH, height.max(640))
}

/// The chart's title.
pub fn title(data: &ChartData, lang: Lang) -> String {
    let year = data.last_year();
    match lang {
        Lang::Nl => format!("Structurele leegstand per gemeente in {year}"),
        Lang::En => format!("Structural vacancy per municipality in {year}"),
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
    let friction = lang.pct(data.friction_vacancy, 1);
    let mut first = match lang {
        Lang::Nl => format!(
            "Woningen boven de vraag (huishoudens + {friction} frictieleegstand), \
             als aandeel van de voorraad"
        ),
        Lang::En => format!(
            "Dwellings above demand (households + {friction} frictional vacancy), \
             as a share of the stock"
        ),
    };
    first.push('.');
    let mut second = lang
        .pick(
            "Hoogste leegstand zonder ingrijpen bovenaan",
            "Highest vacancy if nothing is done first",
        )
        .to_string();
    if shown.len() < total {
        second.push_str(&match lang {
            Lang::Nl => format!(" (top {} van {} gemeenten)", shown.len(), total),
            Lang::En => format!(" (top {} of {} municipalities)", shown.len(), total),
        });
    }
    second.push('.');
    let body = style::header(root, &title(data, lang), &[first, second])?;
    let (legend_area, plot_area) = body.split_vertically(70);
    style::legend(
        &legend_area,
        &[
            (
                Mark::Box(style::DO_NOTHING),
                lang.pick("zonder ingrijpen", "if nothing is done").into(),
            ),
            (
                Mark::Box(style::PLAN),
                lang.pick("met plan", "with the plan").into(),
            ),
        ],
        (style::MARGIN, 30),
        style::WIDTH as i32 - 40,
    )?;

    let n = shown.len().max(1) as i32;
    let max = shown
        .iter()
        .map(|m| m.vacancy_do_nothing().max(m.vacancy_plan()))
        .fold(0.0, f64::max);
    let x_max = if max > 0.0 { max * 1.16 } else { 0.01 };
    let step = nice_step(x_max * 100.0, 6);
    let decimals = step_decimals(step);
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
        .x_labels((x_max * 100.0 / step).ceil() as usize + 1)
        .y_labels(n as usize)
        .x_label_formatter(&|x| lang.pct(*x, decimals))
        .y_label_formatter(&name_of)
        .label_style(label_font.clone())
        .draw()?;

    let (_, rows) = chart.plotting_area().get_pixel_range();
    let seg = (rows.end - rows.start) as f64 / f64::from(n);
    let outer = ((seg * 0.12).round() as u32).max(1);
    let half = (seg / 2.0).round() as u32;
    let base = root.get_base_pixel();
    let value_font = style::anchored(style::SMALL_SIZE, style::INK, HPos::Left, VPos::Center);
    for (rank, m) in shown.iter().enumerate() {
        let y = n - 1 - rank as i32;
        // Upper half: without action; lower half: with the plan.
        let bars = [
            (
                m.vacancy_do_nothing(),
                style::DO_NOTHING,
                outer,
                half.saturating_sub(1),
            ),
            (m.vacancy_plan(), style::PLAN, half.saturating_sub(1), outer),
        ];
        for (value, colour, top, bottom) in bars {
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(y)),
                    (value, SegmentValue::Exact(y + 1)),
                ],
                colour.filled(),
            );
            bar.set_margin(top, bottom, 0, 0);
            chart.draw_series(std::iter::once(bar))?;
            let top_px = chart.backend_coord(&(value, SegmentValue::Exact(y + 1)));
            let centre = top_px.1 as f64 + f64::from(top) + (seg - f64::from(top + bottom)) / 2.0;
            root.draw_text(
                &lang.pct_fixed(value, 1),
                &value_font,
                (top_px.0 + 10 - base.0, centre.round() as i32 - base.1),
            )?;
        }
    }
    root.present()
}
