//! The charts of `restock compare`, drawn from [`CompareData`] (plain numbers per
//! scenario; `scenario/` computes them from the solved scenarios):
//!
//! | file | what it shows |
//! |---|---|
//! | `1_mismatch_per_region` | per region one bar per scenario: the mismatch with the scenario's plan, inside an open bar of the mismatch without action ([`mismatch_per_region`]) |
//! | `2_stock_trajectories` | the total stock over the years with every scenario's plan, without action, and the demand ([`stock_trajectories`]) |

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bars;
use super::data::Trajectories;
use super::format::{nice_step, Lang};
use super::style::{self, DrawResult, Mark};
use crate::labels::{self, Label};

/// The colour of scenario `i` (the colour-blind-safe palette of the plan charts).
pub fn scenario_colour(i: usize) -> RGBColor {
    style::segment_colour(i)
}

/// What the comparison charts draw: per scenario its totals over time and its mismatch
/// per region.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareData {
    /// Every region of any scenario: the reference's first, in its order.
    pub regions: Vec<String>,
    /// One entry per scenario, in order.
    pub scenarios: Vec<ScenarioSeries>,
}

/// The series of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSeries {
    /// The scenario's name.
    pub name: String,
    /// The base year followed by every milestone.
    pub years: Vec<i32>,
    /// Total demand and stock per year (all municipalities together).
    pub trajectories: Trajectories,
    /// Per region of [`CompareData::regions`]: (mismatch without action, with the plan);
    /// `None` where this scenario's case has no such region.
    pub regions: Vec<Option<(f64, f64)>>,
}

impl ScenarioSeries {
    /// A series over the scenario's years (base year first) as the points of a line.
    pub fn year_points(&self, series: &[f64]) -> Vec<(i32, f64)> {
        super::data::year_points(&self.years, series)
    }
}

/// Height of one bar of the mismatch chart, and the gap between regions.
const BAR: u32 = 36;
const REGION_GAP: u32 = 28;

/// The title of the mismatch chart.
pub fn mismatch_title(lang: Lang) -> String {
    lang.get(labels::MISMATCH_PER_REGION_TITLE).into()
}

/// The title of the stock chart.
pub fn trajectories_title(lang: Lang) -> String {
    lang.get(labels::TRAJECTORIES_TITLE).into()
}

/// The picture size of the mismatch chart: taller with more regions and scenarios.
pub fn mismatch_size(data: &CompareData) -> (u32, u32) {
    let regions = data.regions.len().max(1) as u32;
    let bars = data.scenarios.len().max(1) as u32;
    let plot = regions * (bars * BAR + REGION_GAP);
    let legend = 50 + 40 * estimated_legend_rows(data);
    (style::WIDTH, style::header_height(3) + legend + plot + 80)
}

/// The subtitle lines `labels` in `lang`.
fn words(lang: Lang, labels: &[Label]) -> Vec<String> {
    lang.words(labels).into_iter().map(String::from).collect()
}

/// Per region one bar per scenario: filled to the mismatch with the plan, inside an open
/// bar that reaches the mismatch without action.
pub fn mismatch_per_region<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CompareData,
    lang: Lang,
) -> DrawResult<DB> {
    let subtitles = [
        labels::WEIGHTED_DWELLING_YEARS_OF_SURPLUS_AND,
        labels::FILLED_BAR_WITH_THE_PLAN_OPEN,
        labels::AFTER_EACH_BAR_THE_MISMATCH_WITH,
    ];
    let body = style::header(root, &mismatch_title(lang), &words(lang, &subtitles))?;
    let entries: Vec<(Mark, String)> = data
        .scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| (Mark::Box(scenario_colour(i)), s.name.clone()))
        .collect();
    let rows = style::legend_rows(&body, &entries, style::WIDTH as i32 - 40)?;
    let plot_area = bars::legend_on_top(&body, &entries, 50 + 40 * rows)?;

    let n = data.regions.len().max(1) as i32;
    let bars = data.scenarios.len().max(1) as u32;
    let max = data
        .scenarios
        .iter()
        .flat_map(|s| s.regions.iter().flatten())
        .map(|(a, b)| a.max(*b))
        .fold(0.0, f64::max);
    // Room on the right for the value labels.
    let x_max = if max > 0.0 { max * 1.3 } else { 1.0 };
    let step = nice_step(x_max, 6);
    let mut chart = bars::axes(
        &plot_area,
        &data.regions,
        x_max,
        (x_max / step).ceil() as usize + 1,
        &|x| lang.int(*x),
        None,
    )?;

    let seg = bars::row_height(&chart, n);
    let bar = ((seg - f64::from(REGION_GAP)) / f64::from(bars)).max(2.0);
    for r in 0..data.regions.len() {
        let y = bars::row_of(r, n);
        for (i, s) in data.scenarios.iter().enumerate() {
            let Some((nothing, plan)) = s.regions[r] else {
                continue;
            };
            let top = (f64::from(REGION_GAP) / 2.0 + i as f64 * bar).round() as u32;
            let bottom = (seg - f64::from(REGION_GAP) / 2.0 - (i + 1) as f64 * bar + 4.0)
                .round()
                .max(0.0) as u32;
            let colour = scenario_colour(i);
            let margins = (top, bottom);
            chart.draw_series([
                bars::bar((0.0, nothing), y, colour.mix(0.12).filled(), margins),
                bars::bar((0.0, nothing), y, colour.stroke_width(2), margins),
                bars::bar((0.0, plan), y, colour.filled(), margins),
            ])?;
            let change = if nothing > 0.0 {
                format!(" ({})", signed_pct(plan / nothing - 1.0, lang))
            } else {
                String::new()
            };
            let text = format!("{}{change}", lang.int(plan));
            bars::label_after(root, &chart, &text, (nothing.max(plan), y), margins, seg)?;
        }
    }
    root.present()
}

/// A generous guess of the legend rows of the mismatch chart (its height is fixed before
/// text can be measured): about 14 px per character at the legend's size.
fn estimated_legend_rows(data: &CompareData) -> u32 {
    let mut rows = 1;
    let mut x = 0;
    for s in &data.scenarios {
        let width = 86 + 15 * s.name.chars().count() as u32;
        if x > 0 && x + width > style::WIDTH - 80 {
            rows += 1;
            x = 0;
        }
        x += width;
    }
    rows
}
fn signed_pct(share: f64, lang: Lang) -> String {
    let text = lang.pct(share.abs(), 0);
    if share < -0.005 {
        format!("−{text}")
    } else if share > 0.005 {
        format!("+{text}")
    } else {
        text
    }
}

/// Groups equal series (within 1e-6 relatively) and names the scenarios that share one.
fn groups<'a>(
    data: &'a CompareData,
    series: impl Fn(&'a ScenarioSeries) -> &'a [f64],
) -> Vec<(usize, Vec<&'a str>)> {
    let mut out: Vec<(usize, Vec<&str>)> = Vec::new();
    for (i, s) in data.scenarios.iter().enumerate() {
        let found = out.iter_mut().find(|(j, _)| {
            let other = &data.scenarios[*j];
            other.years == s.years
                && series(other)
                    .iter()
                    .zip(series(s))
                    .all(|(a, b)| (a - b).abs() <= 1e-6 * a.abs().max(1.0))
        });
        match found {
            Some((_, names)) => names.push(&s.name),
            None => out.push((i, vec![&s.name])),
        }
    }
    out
}

/// The total stock over time of every scenario's plan, without action, and the demand.
pub fn stock_trajectories<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &CompareData,
    lang: Lang,
) -> DrawResult<DB> {
    let demand_groups = groups(data, |s| &s.trajectories.demand);
    let nothing_groups = groups(data, |s| &s.trajectories.stock_do_nothing);
    let subtitles = [
        labels::DWELLINGS_ALL_MUNICIPALITIES_TOGETHER_DEMAND_HOUSEHOLDS,
        labels::STOCK_ABOVE_DEMAND_STANDS_EMPTY_FOR,
    ];
    let body = style::header(root, &trajectories_title(lang), &words(lang, &subtitles))?;
    let several = |g: &[(usize, Vec<&str>)]| g.len() > 1;
    let named = |label: &str, names: &[&str], several: bool| {
        if several {
            format!("{label}: {}", names.join(", "))
        } else {
            label.to_string()
        }
    };
    let mut entries: Vec<(Mark, String)> = Vec::new();
    for (i, s) in data.scenarios.iter().enumerate() {
        entries.push((
            Mark::Line(scenario_colour(i)),
            format!("{}: {}", lang.get(labels::WITH_THE_PLAN), s.name),
        ));
    }
    for (i, names) in &demand_groups {
        let colour = if several(&demand_groups) {
            scenario_colour(*i)
        } else {
            style::DEMAND
        };
        let label = named(lang.get(labels::DEMAND), names, several(&demand_groups));
        entries.push((Mark::Dashed(colour), label));
    }
    for (_, names) in &nothing_groups {
        let label = lang.get(labels::STOCK_IF_NOTHING_IS_DONE);
        entries.push((
            Mark::Dashed(style::DO_NOTHING),
            named(label, names, several(&nothing_groups)),
        ));
    }
    let rows = style::legend_rows(&body, &entries, style::WIDTH as i32 - 40)?;
    let legend_height = 40 + 40 * rows;
    let (plot_area, legend_area) =
        body.split_vertically(body.dim_in_pixel().1 as i32 - legend_height as i32);

    let all = data.scenarios.iter().flat_map(|s| s.trajectories.values());
    let (y0, y1) = style::padded_range(all, 0.1);
    let ends =
        |end: fn(&[i32]) -> Option<&i32>| data.scenarios.iter().filter_map(move |s| end(&s.years));
    let first = ends(<[i32]>::first).min().copied().unwrap_or(2020);
    let last = ends(<[i32]>::last)
        .max()
        .copied()
        .unwrap_or(first + 1)
        .max(first + 1);
    let x_pad = ((last - first) / 20).max(1);
    let label_font = style::text(style::LABEL_SIZE, style::INK);
    let widest = plot_area.estimate_text_size(&lang.int(y1), &label_font)?.0;
    let mut chart = style::line_chart(&plot_area, 60, widest + 24)
        .build_cartesian_2d((first - x_pad)..(last + x_pad), y0..y1)?;
    style::quiet_mesh(&mut chart.configure_mesh())
        .disable_x_mesh()
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&|y| lang.int(*y))
        .label_style(label_font.clone())
        .draw()?;

    for (i, _) in &demand_groups {
        let s = &data.scenarios[*i];
        let colour = if several(&demand_groups) {
            scenario_colour(*i)
        } else {
            style::DEMAND
        };
        chart.draw_series(DashedLineSeries::new(
            s.year_points(&s.trajectories.demand),
            8,
            8,
            colour.stroke_width(2),
        ))?;
    }
    for (i, s) in data.scenarios.iter().enumerate() {
        let plan = s.year_points(&s.trajectories.stock_plan);
        style::plan_line(&mut chart, plan, scenario_colour(i), 4)?;
    }
    // Without action last, on top: where a plan does nothing it hides behind it.
    for (i, _) in &nothing_groups {
        let s = &data.scenarios[*i];
        style::do_nothing_line(&mut chart, s.year_points(&s.trajectories.stock_do_nothing))?;
    }
    style::legend_and_present(root, &legend_area, &entries, 40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Figure;

    fn compare_data() -> CompareData {
        let series = |name: &str, plan: f64, demand: f64| ScenarioSeries {
            name: name.into(),
            years: vec![2024, 2030, 2040],
            trajectories: Trajectories {
                demand: vec![990.0, 950.0, demand],
                stock_do_nothing: vec![1000.0; 3],
                stock_plan: vec![1000.0, 980.0, plan],
            },
            regions: vec![Some((500.0, 200.0)), Some((300.0, 250.0))],
        };
        CompareData {
            regions: vec!["Noord".into(), "Zuid".into()],
            scenarios: vec![series("Basis", 930.0, 900.0), series("Krimp", 900.0, 850.0)],
        }
    }

    #[test]
    fn comparison_charts_draw_every_scenario_and_are_deterministic() {
        let data = compare_data();
        for figure in [
            Figure::MismatchPerRegion(&data),
            Figure::StockTrajectories(&data),
        ] {
            let svg = figure.render_svg(Lang::Nl).unwrap();
            assert_eq!(svg, figure.render_svg(Lang::Nl).unwrap());
            assert!(svg.contains("Basis") && svg.contains("Krimp"), "{svg}");
        }
        let bars = Figure::MismatchPerRegion(&data)
            .render_svg(Lang::Nl)
            .unwrap();
        assert!(bars.contains("Noord") && bars.contains("Zuid"));
        assert!(bars.contains("200 (−60 %)"), "plan value and change");
        // Two demands: one line per group, named.
        let lines = Figure::StockTrajectories(&data)
            .render_svg(Lang::En)
            .unwrap();
        assert!(lines.contains("demand: Basis") && lines.contains("demand: Krimp"));
    }
}
