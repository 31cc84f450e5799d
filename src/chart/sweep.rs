//! The chart of `restock sweep`: the mismatch against the money (or the frictional
//! vacancy), with and without the plan, the knee marked; drawn from [`SweepData`].

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::format::Lang;
use super::style::{self, DrawResult, Mark};
use crate::labels;

/// What a sweep varied, as its chart and page show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SweepAxis {
    /// A factor on every budget: x is the total budget in € mln.
    Budget,
    /// The frictional vacancy: x is a share.
    FrictionVacancy,
}

/// What the sweep chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepData {
    /// What was varied.
    pub axis: SweepAxis,
    /// The name of the case or scenario swept.
    pub name: String,
    /// The swept plan's title, written small at the bottom (empty: none).
    pub plan_title: String,
    /// The current setting on the x axis (the budget at factor 1 in € mln, or the
    /// frictional vacancy): a dotted vertical line marks it.
    pub current: Option<f64>,
    /// A budget sweep whose plan at factor 0 still lowers the mismatch: what it spends
    /// there, paid by the proceeds of sales (euros). The chart says so.
    pub funded_by_sales: Option<f64>,
    /// Per point: (x, mismatch with the plan, mismatch without action), x in € mln
    /// (budget sweeps) or as a share (frictional vacancy).
    pub points: Vec<(f64, f64, f64)>,
    /// The index of the knee, if any.
    pub knee: Option<usize>,
}

/// The chart's title.
pub fn title(data: &SweepData, lang: Lang) -> String {
    let label = match data.axis {
        SweepAxis::Budget => labels::SWEEP_BUDGET_TITLE,
        SweepAxis::FrictionVacancy => labels::SWEEP_FRICTION_TITLE,
    };
    label.format(lang, &[&data.name])
}

/// The mismatch against the money (or the frictional vacancy), the knee marked.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &SweepData,
    lang: Lang,
) -> DrawResult<DB> {
    let title = &title(data, lang);
    let budget = data.axis == SweepAxis::Budget;
    let mut subtitles = vec![if budget {
        lang.get(labels::MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE)
    } else {
        lang.get(labels::MISMATCH_WEIGHTED_DWELLING_YEARS_WITH_THE_2)
    }
    .to_string()];
    if budget && data.knee.is_some() {
        subtitles.push(
            lang.get(labels::KNEE_BEYOND_THIS_POINT_EACH_EXTRA)
                .to_string(),
        );
    }
    if let Some(eur) = data.funded_by_sales {
        subtitles.push(labels::SWEEP_FUNDED_BY_SALES.format(lang, &[&lang.meur(eur)]));
    }
    let body = style::header(root, title, &subtitles)?;
    style::kicker(root, &data.plan_title)?;
    let (plot_area, legend_area) = body.split_vertically(body.dim_in_pixel().1 as i32 - 90);

    let xs: Vec<f64> = data.points.iter().map(|p| p.0).collect();
    let (x_lo, x_hi) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (x_lo, x_hi) = if x_lo.is_finite() {
        (x_lo, x_hi)
    } else {
        (0.0, 1.0)
    };
    let x_span = (x_hi - x_lo).max(if budget { 1.0 } else { 0.001 });
    let (x0, x1) = ((x_lo - x_span * 0.04).max(0.0), x_hi + x_span * 0.04);
    let y_hi = data.points.iter().map(|p| p.1.max(p.2)).fold(0.0, f64::max);
    let y1 = if y_hi > 0.0 { y_hi * 1.12 } else { 1.0 };
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let widest = plot_area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let x_desc = if budget {
        lang.get(labels::BUDGET_M)
    } else {
        lang.get(labels::FRICTIONAL_VACANCY)
    };
    let mut chart =
        style::line_chart(&plot_area, 90, widest + 70).build_cartesian_2d(x0..x1, 0.0..y1)?;
    style::quiet_mesh(&mut chart.configure_mesh())
        .x_labels(10)
        .y_labels(6)
        .x_label_formatter(&|x| {
            // Plotters picks the tick values: show as many decimals as they need.
            if budget {
                lang.num(*x, 2)
            } else {
                lang.pct(*x, 2)
            }
        })
        .y_label_formatter(&|y| lang.int(*y))
        .x_desc(x_desc)
        .y_desc(lang.get(labels::MISMATCH))
        .axis_desc_style(style::text(style::LABEL_SIZE, style::MUTED))
        .label_style(label_font.clone())
        .draw()?;

    let nothing: Vec<(f64, f64)> = data.points.iter().map(|p| (p.0, p.2)).collect();
    let plan: Vec<(f64, f64)> = data.points.iter().map(|p| (p.0, p.1)).collect();
    chart.draw_series(DashedLineSeries::new(
        nothing,
        14,
        10,
        style::DO_NOTHING.stroke_width(4),
    ))?;
    chart.draw_series(LineSeries::new(plan.clone(), style::PLAN.stroke_width(4)))?;
    chart.draw_series(
        plan.iter()
            .map(|&p| Circle::new(p, 6, style::PLAN.filled())),
    )?;
    if let Some(x) = data.current.filter(|x| (x0..=x1).contains(x)) {
        chart.draw_series(DashedLineSeries::new(
            [(x, 0.0), (x, y1)],
            6,
            8,
            style::MUTED.stroke_width(3),
        ))?;
        let at = chart.backend_coord(&(x, y1));
        let base = root.get_base_pixel();
        let value = if budget {
            lang.meur(x * 1e6)
        } else {
            lang.pct(x, 2)
        };
        root.draw_text(
            &labels::SWEEP_CURRENT_AT.format(lang, &[&value]),
            &style::anchored(style::SMALL_SIZE, style::MUTED, HPos::Left, VPos::Top),
            (at.0 + 10 - base.0, at.1 + 6 - base.1),
        )?;
    }
    let mut entries = vec![
        (
            Mark::Line(style::PLAN),
            lang.get(labels::MISMATCH_WITH_THE_PLAN).to_string(),
        ),
        (
            Mark::Dashed(style::DO_NOTHING),
            lang.get(labels::MISMATCH_IF_NOTHING_IS_DONE).to_string(),
        ),
    ];
    if let Some(k) = data.knee.filter(|_| budget) {
        let (x, y, _) = data.points[k];
        chart.draw_series(std::iter::once(Circle::new(
            (x, y),
            14,
            style::SHADOW.stroke_width(4),
        )))?;
        let at = chart.backend_coord(&(x, y));
        let base = root.get_base_pixel();
        let label = match lang {
            Lang::Nl => format!("knik: {}, mismatch {}", lang.meur(x * 1e6), lang.int(y)),
            Lang::En => format!("knee: {}, mismatch {}", lang.meur(x * 1e6), lang.int(y)),
        };
        root.draw_text(
            &label,
            &style::anchored(style::LABEL_SIZE, style::SHADOW, HPos::Left, VPos::Bottom),
            (at.0 + 20 - base.0, at.1 - 20 - base.1),
        )?;
        entries.push((Mark::Box(style::SHADOW), lang.get(labels::KNEE).to_string()));
    }
    if data.current.is_some() {
        entries.push((
            Mark::Vertical(style::MUTED),
            lang.get(labels::SWEEP_CURRENT).to_string(),
        ));
    }
    style::legend_and_present(root, &legend_area, &entries, 40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Figure;

    #[test]
    fn the_sweep_chart_marks_the_knee() {
        let data = SweepData {
            axis: SweepAxis::Budget,
            name: "proef".into(),
            plan_title: String::new(),
            current: Some(20.0),
            funded_by_sales: Some(2e6),
            points: vec![
                (0.0, 100.0, 120.0),
                (10.0, 40.0, 120.0),
                (20.0, 30.0, 120.0),
                (30.0, 25.0, 120.0),
            ],
            knee: Some(1),
        };
        let svg = Figure::Sweep(&data).render_svg(Lang::Nl).unwrap();
        assert!(svg.contains("knik: € 10 mln, mismatch 40"), "{svg}");
        let english = Figure::Sweep(&data).render_svg(Lang::En).unwrap();
        assert!(english.contains("knee: €10 M, mismatch 40"));
    }
}
