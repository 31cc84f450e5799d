//! Chart 7 (only for a case with funders, spec v2 §5): who pays what — per region a
//! panel with, per plan period, one bar per funder (what it paid) and a dark stripe at
//! its budget for the period, and under the panel in words where one more million euros
//! helps most: "nog € 1 mln bij provincie in Parkstad Limburg (2031–2035) vermindert de
//! mismatch met 123 gewogen woningjaren".

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::format::{nice_step, step_decimals, Lang};
use super::panels;
use super::style::{self, DrawResult, Mark};
use super::{Figure, PageChart};
use crate::case::Case;
use crate::labels;
use crate::plan::Plan;
use crate::Result;

/// The file name of the chart, without extension.
pub const FILE_STEM: &str = "7_funders";

/// Height of one line under the panels that says, for a region, where money helps most.
const SENTENCE: u32 = 32;

/// The money of one funder in one region, per period.
#[derive(Debug, Clone, PartialEq)]
pub struct FunderSeries {
    /// The funder's budget per period, in euros.
    pub budget_eur: Vec<f64>,
    /// What it paid per period, in euros.
    pub paid_eur: Vec<f64>,
    /// The sale proceeds it received per period, in euros.
    pub received_eur: Vec<f64>,
    /// Per period: weighted dwelling-years of mismatch one more million euros of this
    /// funder would remove (the dual of its budget constraint, C6f).
    pub shadow_price_per_meur: Vec<f64>,
}

/// One region's funders.
#[derive(Debug, Clone, PartialEq)]
pub struct FunderRegion {
    /// The region's name.
    pub name: String,
    /// One entry per funder of [`FundersData::funders`].
    pub funders: Vec<FunderSeries>,
}

/// Where one more million euros removes the most mismatch in a region.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BestUse {
    /// Index into [`FundersData::funders`].
    pub funder: usize,
    /// Period index.
    pub period: usize,
    /// Weighted dwelling-years per extra million euros.
    pub per_meur: f64,
}

/// Everything the funders chart and the "who pays what" section show.
#[derive(Debug, Clone, PartialEq)]
pub struct FundersData {
    /// The plan periods as (first year, last year).
    pub periods: Vec<(i32, i32)>,
    /// The funders' names as the case writes them ("" = the common funder).
    pub funders: Vec<String>,
    /// One entry per region, in the case's order.
    pub regions: Vec<FunderRegion>,
    /// In robust mode (spec v2 §6b), the projection this money is of, in words: the
    /// title says it. `None` for a plain plan.
    pub variant: Option<String>,
    /// The plan's title in Dutch and in English ([`Case::title`]), written small at the
    /// top; empty strings for none.
    pub plan_title: [String; 2],
}

impl FundersData {
    /// The funders' money of a plan; `None` for a case without funders.
    pub fn new(case: &Case, plan: &Plan) -> Option<FundersData> {
        let f = &case.funders;
        if !f.active() {
            return None;
        }
        let (n_r, n_g, n_p) = (case.regions.len(), f.names.len(), case.periods.len());
        let zeros = || vec![vec![vec![0.0; n_p]; n_g]; n_r];
        let (mut paid, mut received) = (zeros(), zeros());
        for pay in &plan.payments {
            let r = case.municipalities[pay.municipality].region;
            paid[r][pay.funder][pay.period] += pay.eur;
        }
        for rec in &plan.receipts {
            let r = case.municipalities[rec.municipality].region;
            received[r][rec.funder][rec.period] += rec.eur;
        }
        // A funder without money anywhere (e.g. the common funder "" that only a blank
        // `funder` of a transformation that is no sale brings in) is left out.
        let shown: Vec<usize> = (0..n_g)
            .filter(|&g| {
                (0..n_r).any(|r| {
                    (0..n_p).any(|p| {
                        f.budget_eur[r][g][p] != 0.0
                            || paid[r][g][p] != 0.0
                            || received[r][g][p] != 0.0
                    })
                })
            })
            .collect();
        let regions = case
            .regions
            .iter()
            .enumerate()
            .map(|(r, name)| FunderRegion {
                name: name.clone(),
                funders: shown
                    .iter()
                    .map(|&g| FunderSeries {
                        budget_eur: f.budget_eur[r][g].clone(),
                        paid_eur: paid[r][g]
                            .iter()
                            .map(|&x| crate::numfmt::round6(x))
                            .collect(),
                        received_eur: received[r][g]
                            .iter()
                            .map(|&x| crate::numfmt::round6(x))
                            .collect(),
                        shadow_price_per_meur: plan
                            .funder_shadow_price
                            .get(r)
                            .and_then(|x| x.get(g))
                            .cloned()
                            .unwrap_or_else(|| vec![0.0; n_p]),
                    })
                    .collect(),
            })
            .collect();
        Some(FundersData {
            periods: case.periods.iter().map(|p| (p.start, p.end)).collect(),
            funders: shown.iter().map(|&g| f.names[g].clone()).collect(),
            regions,
            variant: None,
            plan_title: [case.title(Lang::Nl), case.title(Lang::En)],
        })
    }

    /// A funder's name for people: the common funder "" is called so.
    pub fn funder_name(&self, g: usize, lang: Lang) -> String {
        match self.funders.get(g).map(String::as_str) {
            Some("") | None => lang.get(labels::COMMON_FUNDER).to_string(),
            Some(name) => name.to_string(),
        }
    }

    /// Where one more million euros removes the most mismatch in region `r` (the largest
    /// shadow price over its funders and periods; the first on a tie); `None` when no
    /// funder's budget binds there.
    pub fn best_use(&self, r: usize) -> Option<BestUse> {
        let mut best: Option<BestUse> = None;
        for (g, series) in self.regions.get(r)?.funders.iter().enumerate() {
            for (p, &price) in series.shadow_price_per_meur.iter().enumerate() {
                if price > 1e-9 && best.is_none_or(|b| price > b.per_meur + 1e-9) {
                    best = Some(BestUse {
                        funder: g,
                        period: p,
                        per_meur: price,
                    });
                }
            }
        }
        best
    }

    /// In words, where one more million euros helps most in region `r`: "Nog € 1 mln bij
    /// provincie in Parkstad Limburg (2031–2035) vermindert de mismatch met 123 gewogen
    /// woningjaren", or that no funder's budget binds.
    pub fn sentence(&self, r: usize, lang: Lang) -> String {
        let region = &self.regions[r].name;
        match self.best_use(r) {
            Some(b) => {
                let (start, end) = self.periods[b.period];
                labels::FUNDER_NEXT_MILLION.format(
                    lang,
                    &[
                        &self.funder_name(b.funder, lang),
                        region,
                        &format!("{start}–{end}"),
                        &lang.shadow(b.per_meur),
                    ],
                )
            }
            None => labels::FUNDER_NOT_BINDING.format(lang, &[region]),
        }
    }

    /// The chart's title.
    pub fn title(&self, lang: Lang) -> String {
        let first = self.periods.first().map_or(0, |p| p.0);
        let last = self.periods.last().map_or(0, |p| p.1);
        let mut title = labels::FUNDERS_TITLE.format(lang, &[&first, &last]);
        if let Some(variant) = &self.variant {
            title.push_str(&labels::CHART_VARIANT_SUFFIX.format(lang, &[variant]));
        }
        title
    }

    /// The picture size in pixels.
    pub fn size(&self) -> (u32, u32) {
        let (rows, _) = style::grid(self.regions.len());
        (
            style::WIDTH,
            style::header_height(1)
                + rows as u32 * style::panel_height(rows)
                + self.regions.len() as u32 * SENTENCE
                + 16
                + LEGEND,
        )
    }

    /// Draws the chart on `root` (any plotters backend).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        lang: Lang,
    ) -> DrawResult<DB> {
        let subtitle = lang.get(labels::FUNDERS_SUBTITLE).to_string();
        let body = style::header(root, &self.title(lang), &[subtitle])?;
        style::kicker(root, &self.plan_title[usize::from(lang == Lang::En)])?;
        let (rows, cols) = style::grid(self.regions.len());
        let (panels, rest) = body.split_vertically(rows as u32 * style::panel_height(rows));
        let (sentences, legend_area) =
            rest.split_vertically(self.regions.len() as u32 * SENTENCE + 16);
        let cells = panels.split_evenly((rows, cols));
        for (r, area) in cells.iter().enumerate().take(self.regions.len()) {
            self.panel(area, r, lang)?;
        }
        let font = style::anchored(style::NOTE_SIZE, style::SHADOW, HPos::Left, VPos::Top);
        for r in 0..self.regions.len() {
            sentences.draw_text(
                &self.sentence(r, lang),
                &font,
                (style::MARGIN, 8 + (r as u32 * SENTENCE) as i32),
            )?;
        }
        let mut entries: Vec<(Mark, String)> = (0..self.funders.len())
            .map(|g| (Mark::Box(colour(g)), self.funder_name(g, lang)))
            .collect();
        entries.push((
            Mark::Line(style::INK),
            lang.get(labels::FUNDER_BUDGET_MARK).to_string(),
        ));
        style::legend_and_present(root, &legend_area, &entries, 40)
    }

    fn panel<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        r: usize,
        lang: Lang,
    ) -> DrawResult<DB> {
        let region = &self.regions[r];
        let (width, _) = area.dim_in_pixel();
        let upper = area;
        let to_m = |eur: f64| eur / 1e6;
        let hi = region
            .funders
            .iter()
            .flat_map(|s| s.budget_eur.iter().chain(&s.paid_eur))
            .map(|&v| to_m(v))
            .fold(0.0, f64::max);
        let y1 = if hi > 0.0 { hi * 1.15 } else { 1.0 };
        let step = nice_step(y1, 5);
        let decimals = step_decimals(step);
        let label_font = style::text(style::SMALL_SIZE, style::INK);
        let widest = upper
            .estimate_text_size(&lang.dec(y1, decimals), &label_font)?
            .0;
        let periods = self.periods.len().max(1) as i32;
        let plot_width = width as i32 - widest as i32 - 80;
        let fits = |text: &str| {
            upper
                .estimate_text_size(text, &label_font)
                .map(|(w, _)| (w as i32) + 12 < plot_width / periods)
                .unwrap_or(false)
        };
        let whole = self.periods.iter().all(|&(a, b)| fits(&format!("{a}–{b}")));
        let label = |a: i32, b: i32| {
            if whole {
                format!("{a}–{b}")
            } else {
                format!("’{:02}", b.rem_euclid(100))
            }
        };
        let plot_area = style::panel_title(upper, &region.name)?;
        let mut chart = panels::period_panel(
            &plot_area,
            widest,
            &self.periods,
            (0.0, y1, step),
            &label,
            lang,
        )?;

        // Within a period: one bar per funder, side by side, with room at both ends.
        let (columns, _) = chart.plotting_area().get_pixel_range();
        let seg = (columns.end - columns.start) as f64 / f64::from(periods);
        let n = region.funders.len().max(1) as f64;
        let pad = seg * 0.12;
        let bar = (seg - 2.0 * pad) / n;
        for p in 0..self.periods.len() {
            for (g, series) in region.funders.iter().enumerate() {
                let left = (pad + bar * g as f64).round() as u32;
                let right = (seg - pad - bar * (g + 1) as f64).round().max(0.0) as u32;
                let x = p as i32;
                let paid = to_m(series.paid_eur[p]);
                let budget = to_m(series.budget_eur[p]);
                let mut rect = Rectangle::new(
                    [
                        (SegmentValue::Exact(x), 0.0),
                        (SegmentValue::Exact(x + 1), paid),
                    ],
                    colour(g).filled(),
                );
                rect.set_margin(0, 0, left, right);
                chart.draw_series(std::iter::once(rect))?;
                // The budget: a dark stripe across the funder's bar.
                let a = chart.backend_coord(&(SegmentValue::Exact(x), budget));
                let base = plot_area.get_base_pixel();
                let (x0, x1) = (a.0 + left as i32, a.0 + seg.round() as i32 - right as i32);
                let stripe = [(x0 - base.0, a.1 - base.1), (x1 - base.0, a.1 - base.1)];
                style::stroke(&plot_area, stripe, style::INK, 3)?;
            }
        }
        Ok(())
    }

    /// Renders the chart as an SVG document.
    pub fn render_svg(&self, lang: Lang) -> Result<String> {
        Figure::Funders(self).render_svg(lang)
    }

    /// Renders the chart as a PNG file at `path`.
    pub fn render_png(&self, path: &Path, lang: Lang) -> Result<()> {
        Figure::Funders(self).render_png(path, lang)
    }

    /// Writes `charts/7_funders.svg` and `.png` into `out_dir`; returns the chart as a
    /// page shows it.
    pub fn write(&self, out_dir: &Path, lang: Lang) -> Result<PageChart> {
        Figure::Funders(self).write(out_dir, lang)
    }
}

/// Height of the legend strip.
const LEGEND: u32 = 96;

/// The colour of funder `g`.
pub fn colour(g: usize) -> RGBColor {
    style::segment_colour(g)
}
