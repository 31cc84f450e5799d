//! Chart 5: the segment mix of the plan's stock over time per region, as stacked areas
//! of shares (0–100 %), so the shift between tenures shows. Each band is labelled with
//! its share in the base year and at the last milestone where it is wide enough.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::{ChartData, RegionData};
use super::format::Lang;
use super::panels::{self, Cell};
use super::style::{self, DrawResult, Mark};
use super::ChartKind;
use crate::labels;

/// Shares of each segment per year: `shares[s][t]`, 0 where the region has no stock.
pub fn shares(region: &RegionData) -> Vec<Vec<f64>> {
    let times = region.trajectories.stock_plan.len();
    let totals: Vec<f64> = (0..times)
        .map(|t| region.stock_plan_by_segment.iter().map(|s| s[t]).sum())
        .collect();
    region
        .stock_plan_by_segment
        .iter()
        .map(|s| {
            s.iter()
                .zip(&totals)
                .map(|(v, total)| if *total > 0.0 { v / total } else { 0.0 })
                .collect()
        })
        .collect()
}

/// Draws the chart on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let subtitle = lang.get(labels::SHARE_OF_EACH_SEGMENT_IN_THE).to_string();
    let entries: Vec<(Mark, String)> = data
        .segments
        .iter()
        .enumerate()
        .map(|(s, label)| (Mark::Box(style::segment_colour(s)), label.clone()))
        .collect();
    let head = (ChartKind::SegmentMix.title(data, lang), subtitle);
    panels::draw(root, data, lang, head, &entries, panel)
}

fn panel<DB: DrawingBackend>(cell: &Cell<'_, DB>) -> DrawResult<DB> {
    let (area, data, region, lang) = (cell.area, cell.data, cell.region, cell.lang);
    let first = data.base_year;
    let last = data.last_year().max(first + 1);
    let label_font = style::text(style::SMALL_SIZE, style::INK);
    let widest = area.estimate_text_size(&lang.pct(1.0, 0), &label_font)?.0;
    let plot_area = style::panel_title(area, &region.name)?;
    let mut chart = panels::builder(&plot_area, widest).build_cartesian_2d(
        (first..last).with_key_points(style::year_ticks(first, last)),
        0.0..1.0,
    )?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_y_mesh()
        .axis_style(style::AXIS)
        .y_labels(6)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| lang.pct(*y, 0))
        .label_style(label_font.clone())
        .draw()?;

    let shares = shares(region);
    let times = data.years.len();
    // Cumulative upper edge of each band: segment 0 at the bottom.
    let mut upper = vec![vec![0.0; times]; shares.len()];
    for t in 0..times {
        let mut sum = 0.0;
        for (s, share) in shares.iter().enumerate() {
            sum += share[t];
            upper[s][t] = sum;
        }
    }
    // Draw from the top band down, each from 0 to its upper edge, so lower bands cover.
    for s in (0..shares.len()).rev() {
        let points: Vec<(i32, f64)> = data
            .years
            .iter()
            .copied()
            .zip(upper[s].iter().copied())
            .collect();
        chart.draw_series(
            AreaSeries::new(points, 0.0, style::segment_colour(s).filled())
                .border_style(WHITE.stroke_width(2)),
        )?;
    }
    // Labels in bands that are tall enough: share at the start → share at the end.
    let (_, rows) = chart.plotting_area().get_pixel_range();
    let height = f64::from(rows.end - rows.start);
    let base = area.get_base_pixel();
    let mid = times / 2;
    for (s, share) in shares.iter().enumerate() {
        let lower_mid = if s == 0 { 0.0 } else { upper[s - 1][mid] };
        let band = upper[s][mid] - lower_mid;
        if band * height < 34.0 || times < 2 {
            continue;
        }
        let label = format!(
            "{} → {}",
            lang.pct_fixed(share[0], 1),
            lang.pct_fixed(share[times - 1], 1)
        );
        let centre = chart.backend_coord(&(data.years[mid], lower_mid + band / 2.0));
        let colour = style::ink_on(style::segment_colour(s));
        area.draw_text(
            &label,
            &style::anchored(style::SMALL_SIZE, colour, HPos::Center, VPos::Center),
            (centre.0 - base.0, centre.1 - base.1),
        )?;
    }
    Ok(())
}
