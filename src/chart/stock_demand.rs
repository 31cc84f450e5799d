//! Chart 1: stock and demand over time per region — the stock without any action, the
//! stock with the plan and the demand (households × (1 + frictional vacancy)), with the
//! base year marked. One panel per region, each with its own scale.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::data::ChartData;
use super::format::Lang;
use super::panels::{self, Cell};
use super::style::{self, DrawResult, Mark};
use super::ChartKind;
use crate::labels;

/// Draws the chart on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let friction = lang.pct(data.friction_vacancy, 1);
    let subtitle = match lang {
        _ if data.vacancy_calibrated => {
            labels::CHART_DEMAND_CALIBRATED.format(lang, &[&friction, &data.base_year])
        }
        Lang::Nl => format!(
            "Woningen. Vraag = huishoudens × (1 + {friction} frictieleegstand); \
             wat de voorraad boven de vraag uitkomt, staat structureel leeg."
        ),
        Lang::En => format!(
            "Dwellings. Demand = households × (1 + {friction} frictional vacancy); \
             stock above demand stands empty for good."
        ),
    };
    let entries = [
        (
            Mark::Line(style::DEMAND),
            lang.get(labels::DEMAND).to_string(),
        ),
        (
            Mark::Dashed(style::DO_NOTHING),
            lang.get(labels::STOCK_IF_NOTHING_IS_DONE).to_string(),
        ),
        (
            Mark::Line(style::PLAN),
            lang.get(labels::STOCK_WITH_THE_PLAN).to_string(),
        ),
        (
            Mark::Vertical(style::MUTED),
            match lang {
                Lang::Nl => format!("basisjaar {}", data.base_year),
                Lang::En => format!("base year {}", data.base_year),
            },
        ),
    ];
    let head = (ChartKind::StockDemand.title(data, lang), subtitle);
    panels::draw(root, data, lang, head, &entries, panel)
}

fn panel<DB: DrawingBackend>(cell: &Cell<'_, DB>) -> DrawResult<DB> {
    let (area, data, region, lang) = (cell.area, cell.data, cell.region, cell.lang);
    let all = region
        .demand
        .iter()
        .chain(&region.stock_do_nothing)
        .chain(&region.stock_plan)
        .copied();
    let (y0, y1) = style::padded_range(all, 0.12);
    let first = data.base_year;
    let last = data.last_year().max(first + 1);
    let x_pad = ((last - first) / 20).max(1);
    let label_font = style::text(style::SMALL_SIZE, style::INK);
    let widest = area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let plot_area = style::panel_title(area, &region.name)?;
    let mut chart = panels::builder(&plot_area, widest).build_cartesian_2d(
        ((first - x_pad)..(last + x_pad)).with_key_points(style::year_ticks(first, last)),
        y0..y1,
    )?;
    style::quiet_mesh(&mut chart.configure_mesh())
        .disable_x_mesh()
        .y_labels(5)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| lang.int(*y))
        .label_style(label_font.clone())
        .draw()?;

    // The base year: a dotted vertical line over the whole height.
    let plot = chart.plotting_area();
    let (top, bottom) = (plot.get_pixel_range().1.start, plot.get_pixel_range().1.end);
    let x = chart.backend_coord(&(first, y0)).0;
    let parent = area;
    let offset = area.get_base_pixel();
    style::dotted_vertical(
        parent,
        x - offset.0,
        top - offset.1,
        bottom - offset.1,
        style::MUTED,
    )?;

    let points = |series: &[f64]| -> Vec<(i32, f64)> {
        data.years
            .iter()
            .copied()
            .zip(series.iter().copied())
            .collect()
    };
    chart.draw_series(LineSeries::new(
        points(&region.demand),
        style::DEMAND.stroke_width(4),
    ))?;
    chart.draw_series(DashedLineSeries::new(
        points(&region.stock_do_nothing),
        14,
        10,
        style::DO_NOTHING.stroke_width(4),
    ))?;
    chart.draw_series(LineSeries::new(
        points(&region.stock_plan),
        style::PLAN.stroke_width(4),
    ))?;
    chart.draw_series(
        points(&region.stock_plan)
            .into_iter()
            .map(|p| Circle::new(p, 6, style::PLAN.filled())),
    )?;
    Ok(())
}
