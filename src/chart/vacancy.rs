//! Chart 3: structural vacancy per municipality at the last milestone — without any
//! action next to with the plan, as a share of the stock. Sorted by the vacancy without
//! action, highest first; with many municipalities only the highest are shown.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars;
use super::data::{ChartData, MunicipalityData};
use super::format::{nice_step, step_decimals, Lang};
use super::style::{self, DrawResult};
use super::ChartKind;
use crate::labels;

/// Vertical pixels per municipality (two bars).
pub const PITCH: u32 = 60;

/// The municipalities shown, highest vacancy without action first (ties by code).
pub fn ranked(data: &ChartData) -> Vec<&MunicipalityData> {
    super::data::ranked_by(data, |a, b| {
        b.vacancy_do_nothing()
            .total_cmp(&a.vacancy_do_nothing())
            .then_with(|| b.vacancy_plan().total_cmp(&a.vacancy_plan()))
    })
}

/// Draws the chart on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let first = labels::VACANCY_SUBTITLE.format(lang, &[&lang.pct(data.friction_vacancy, 1)]);
    let shown = ranked(data);
    let plot_area = bars::ranked_header(
        root,
        &ChartKind::Vacancy.title(data, lang),
        vec![first],
        (
            labels::HIGHEST_VACANCY_IF_NOTHING_IS_DONE,
            shown.len(),
            data.municipalities.len(),
        ),
        &[
            (style::DO_NOTHING, labels::IF_NOTHING_IS_DONE),
            (style::PLAN, labels::WITH_THE_PLAN),
        ],
        lang,
    )?;
    style::kicker(root, &data.plan_title(lang))?;

    let n = shown.len().max(1) as i32;
    let max = shown
        .iter()
        .map(|m| m.vacancy_do_nothing().max(m.vacancy_plan()))
        .fold(0.0, f64::max);
    let x_max = if max > 0.0 { max * 1.16 } else { 0.01 };
    let step = nice_step(x_max * 100.0, 6);
    let decimals = step_decimals(step);
    let names: Vec<String> = shown.iter().map(|m| m.name.clone()).collect();
    let mut chart = bars::axes(
        &plot_area,
        &names,
        x_max,
        (x_max * 100.0 / step).ceil() as usize + 1,
        &|x| lang.pct(*x, decimals),
        None,
    )?;

    let seg = bars::row_height(&chart, n);
    let outer = ((seg * 0.12).round() as u32).max(1);
    let half = (seg / 2.0).round() as u32;
    for (rank, m) in shown.iter().enumerate() {
        let y = bars::row_of(rank, n);
        // Upper half: without action; lower half: with the plan.
        let pair = [
            (
                m.vacancy_do_nothing(),
                style::DO_NOTHING,
                outer,
                half.saturating_sub(1),
            ),
            (m.vacancy_plan(), style::PLAN, half.saturating_sub(1), outer),
        ];
        for (value, colour, top, bottom) in pair {
            let margins = (top, bottom);
            chart.draw_series([bars::bar((0.0, value), y, colour.filled(), margins)])?;
            let text = lang.pct_fixed(value, 1);
            bars::label_after(root, &chart, &text, (value, y), margins, seg)?;
        }
    }
    root.present()
}
