//! Chart 4: money per region and period — the budget available next to the net
//! spending, with the budget's shadow price written above each period: how many weighted
//! dwelling-years of mismatch one more million euros there would remove.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::ChartData;
use super::format::{nice_step, step_decimals, Lang};
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
    let subtitle = lang
        .get(labels::MILLION_EUROS_PER_PLAN_PERIOD_LABELLED)
        .to_string();
    let entries = [
        (
            Mark::Box(style::BUDGET),
            lang.get(labels::BUDGET_LOWER).to_string(),
        ),
        (
            Mark::Box(style::SPENT),
            lang.get(labels::SPENT_NET).to_string(),
        ),
        (
            Mark::Sample(style::SHADOW, "12,3"),
            lang.get(labels::SHADOW_PRICE_WEIGHTED_DWELLING_YEARS_LESS)
                .to_string(),
        ),
    ];
    let entries = match lang {
        Lang::Nl => entries,
        Lang::En => {
            let mut e = entries;
            e[2].0 = Mark::Sample(style::SHADOW, "12.3");
            e
        }
    };
    let head = (ChartKind::Budget.title(data, lang), subtitle);
    panels::draw(root, data, lang, head, &entries, panel)
}

fn panel<DB: DrawingBackend>(cell: &Cell<'_, DB>) -> DrawResult<DB> {
    let (area, data, region, lang) = (cell.area, cell.data, cell.region, cell.lang);
    let to_m = |eur: f64| eur / 1e6;
    let hi = region
        .budget_eur
        .iter()
        .chain(&region.spent_eur)
        .map(|&v| to_m(v))
        .fold(0.0, f64::max);
    let lo = region
        .spent_eur
        .iter()
        .map(|&v| to_m(v))
        .fold(0.0, f64::min);
    let hi = if hi > 0.0 { hi } else { 1.0 };
    let (y0, y1) = (if lo < 0.0 { lo * 1.15 } else { 0.0 }, hi * 1.22);
    let step = nice_step(y1 - y0, 5);
    let decimals = step_decimals(step);
    let periods = data.periods.len().max(1) as i32;
    let label_font = style::text(style::SMALL_SIZE, style::INK);
    let widest = area
        .estimate_text_size(&lang.dec(y1, decimals), &label_font)?
        .0
        .max(
            area.estimate_text_size(&lang.dec(y0, decimals), &label_font)?
                .0,
        );
    // Whole periods ("2020–2024") where they fit, else the last year ("2024"), else its
    // last two digits ("’24").
    let plot_width = area.dim_in_pixel().0 as i32 - widest as i32 - 80;
    let fits = |label: &dyn Fn(i32, i32) -> String, padding: i32| {
        data.periods.iter().all(|&(a, b)| {
            area.estimate_text_size(&label(a, b), &label_font)
                .map(|(w, _)| (w as i32) + padding < plot_width / periods)
                .unwrap_or(false)
        })
    };
    let whole = |a: i32, b: i32| format!("{a}–{b}");
    let last_year = |_: i32, b: i32| b.to_string();
    let short = |_: i32, b: i32| format!("’{:02}", b.rem_euclid(100));
    let label: &dyn Fn(i32, i32) -> String = if fits(&whole, 12) {
        &whole
    } else if fits(&last_year, 16) {
        &last_year
    } else {
        &short
    };
    let plot_area = style::panel_title(area, &region.name)?;
    let mut chart = panels::period_panel(
        &plot_area,
        widest,
        &data.periods,
        (y0, y1, step),
        label,
        lang,
    )?;

    let (columns, _) = chart.plotting_area().get_pixel_range();
    let seg = (columns.end - columns.start) as f64 / f64::from(periods);
    let outer = ((seg * 0.14).round() as u32).max(1);
    let half = (seg / 2.0).round() as u32;
    let base = area.get_base_pixel();
    let shadow_font = style::anchored(style::NOTE_SIZE, style::SHADOW, HPos::Center, VPos::Bottom);
    for p in 0..data.periods.len() {
        let x = p as i32;
        let budget = to_m(region.budget_eur[p]);
        let spent = to_m(region.spent_eur[p]);
        // Left half: the budget; right half: the spending.
        for (value, colour, left, right) in [
            (budget, style::BUDGET, outer, half),
            (spent, style::SPENT, half, outer),
        ] {
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(x), 0.0),
                    (SegmentValue::Exact(x + 1), value),
                ],
                colour.filled(),
            );
            bar.set_margin(0, 0, left, right);
            chart.draw_series(std::iter::once(bar))?;
        }
        let price = region.shadow_price_per_meur[p];
        if price > 1e-9 {
            let top = chart.backend_coord(&(SegmentValue::CenterOf(x), budget.max(spent).max(0.0)));
            area.draw_text(
                &lang.shadow(price),
                &shadow_font,
                (top.0 - base.0, top.1 - 8 - base.1),
            )?;
        }
    }
    Ok(())
}
