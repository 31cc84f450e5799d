//! Chart 2: what the plan asks of each municipality over the whole horizon —
//! demolition, transformation and new build as stacked horizontal bars, the biggest task
//! first. With many municipalities only the largest tasks are shown, with a note.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars;
use super::data::{ChartData, MunicipalityData};
use super::format::Lang;
use super::style::{self, DrawResult};
use super::ChartKind;
use crate::labels;

pub use super::data::{bars_shown as shown, BARS_ALL_UP_TO as ALL_UP_TO, MAX_BARS};
/// Vertical pixels per bar.
pub const PITCH: u32 = 44;

/// The municipalities shown, biggest task first (ties by code), at most [`shown`] of them.
pub fn ranked(data: &ChartData) -> Vec<&MunicipalityData> {
    super::data::ranked_by(data, |a, b| b.task().total_cmp(&a.task()))
}

/// Draws the chart on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let shown = ranked(data);
    // Demolition and new build always; transformation and sales where the plan has them.
    let any = |f: fn(&MunicipalityData) -> f64| data.municipalities.iter().any(|m| f(m) > 0.0);
    let legend: Vec<(RGBColor, labels::Label)> = [
        (style::DEMOLISH, labels::DEMOLITION, true),
        (
            style::TRANSFORM,
            labels::TRANSFORMATION_DWELLINGS_IN,
            any(|m| m.transformed),
        ),
        (style::SALE, labels::SALE, any(|m| m.sold)),
        (style::NEW_BUILD, labels::NEW_BUILD, true),
    ]
    .into_iter()
    .filter(|e| e.2)
    .map(|(colour, label, _)| (colour, label))
    .collect();
    let plot_area = bars::ranked_header(
        root,
        &ChartKind::Actions.title(data, lang),
        Vec::new(),
        (
            labels::DWELLINGS_OVER_THE_WHOLE_PLAN_HORIZON,
            shown.len(),
            data.municipalities.len(),
        ),
        &legend,
        lang,
    )?;
    style::kicker(root, &data.plan_title(lang))?;

    let n = shown.len().max(1) as i32;
    let max = shown.iter().map(|m| m.task()).fold(0.0, f64::max);
    let x_max = if max > 0.0 { max * 1.14 } else { 1.0 };
    let names: Vec<String> = shown.iter().map(|m| m.name.clone()).collect();
    let mut chart = bars::dwelling_axes(&plot_area, &names, x_max, lang)?;

    let gap = ((bars::row_height(&chart, n) * 0.18).round() as u32).max(2);
    for (rank, m) in shown.iter().enumerate() {
        let y = bars::row_of(rank, n);
        let parts = [
            (m.demolished, style::DEMOLISH),
            (m.transformed, style::TRANSFORM),
            (m.sold, style::SALE),
            (m.built, style::NEW_BUILD),
        ];
        let mut x = 0.0;
        for (value, colour) in parts {
            if value <= 0.0 {
                continue;
            }
            chart.draw_series([bars::bar((x, x + value), y, colour.filled(), (gap, gap))])?;
            x += value;
        }
        let anchor = chart.backend_coord(&(x, SegmentValue::CenterOf(y)));
        bars::value_label(root, &lang.int(m.task()), anchor)?;
    }
    root.present()
}
