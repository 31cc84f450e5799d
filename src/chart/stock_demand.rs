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
    let lines = &region.trajectories;
    let first = data.base_year;
    let plot_area = style::panel_title(area, &region.name)?;
    let (mut chart, y0) = panels::year_panel(&plot_area, data, lines.values(), lang)?;

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

    let points = |series: &[f64]| data.year_points(series);
    chart.draw_series(LineSeries::new(
        points(&lines.demand),
        style::DEMAND.stroke_width(4),
    ))?;
    style::do_nothing_line(&mut chart, points(&lines.stock_do_nothing))?;
    style::plan_line(&mut chart, points(&lines.stock_plan), style::PLAN, 4)
}
