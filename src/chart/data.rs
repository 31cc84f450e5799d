//! The statistics the charts draw, computed once from the case and the plan through
//! [`crate::metrics`] (the same functions that write balance.csv and summary.json), so a
//! chart never shows a number the tables do not. Nothing here reads the solver.

use super::format::Lang;
use crate::case::Case;
use crate::metrics::{self, Fit};
use crate::plan::Plan;

/// Up to this many municipalities, the charts with a bar per municipality (actions,
/// vacancy) show every municipality.
pub const BARS_ALL_UP_TO: usize = 40;
/// With more municipalities than [`BARS_ALL_UP_TO`], this many bars are shown.
pub const MAX_BARS: usize = 30;

/// The municipalities in the order of `order`, ties by code (first = top bar), at most
/// [`bars_shown`] of them.
pub fn ranked_by(
    data: &ChartData,
    order: impl Fn(&MunicipalityData, &MunicipalityData) -> std::cmp::Ordering,
) -> Vec<&MunicipalityData> {
    let mut all: Vec<&MunicipalityData> = data.municipalities.iter().collect();
    all.sort_by(|a, b| order(a, b).then_with(|| a.code.cmp(&b.code)));
    all.truncate(bars_shown(all.len()));
    all
}

/// How many of `n` municipalities get a bar.
pub fn bars_shown(n: usize) -> usize {
    if n <= BARS_ALL_UP_TO {
        n
    } else {
        MAX_BARS
    }
}

/// Up to this many regions, the charts with one panel per region show every region.
pub const REGION_PANELS_ALL_UP_TO: usize = 60;
/// With more regions than [`REGION_PANELS_ALL_UP_TO`], this many panels are shown.
pub const REGION_PANELS_SHOWN: usize = 48;

/// Everything the charts need, in the case's order (regions by name, municipalities by
/// code, segments in file order).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// The case's name.
    pub case_name: String,
    /// The plan's own title (settings.toml `title`); `None` = the default title made
    /// from the regions ([`ChartData::plan_title`]).
    pub title: Option<String>,
    /// y_0, the year of the stock counts.
    pub base_year: i32,
    /// The base year followed by every milestone (the time axis of the balance).
    pub years: Vec<i32>,
    /// The plan periods as (first year, last year).
    pub periods: Vec<(i32, i32)>,
    /// f: the frictional vacancy kept free in demand.
    pub friction_vacancy: f64,
    /// Whether demand is calibrated to the vacancy CBS counted at the base year (some
    /// municipality has `vacant_dwellings`, spec v2 κ).
    pub vacancy_calibrated: bool,
    /// Segment labels, in file order.
    pub segments: Vec<String>,
    /// One entry per region.
    pub regions: Vec<RegionData>,
    /// One entry per municipality.
    pub municipalities: Vec<MunicipalityData>,
    /// In robust mode (spec v2 §6b), the projection these statistics are of, in words:
    /// the charts say it in their title. `None` for a plain plan.
    pub variant: Option<String>,
}

/// The time series and the money of one region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionData {
    /// The region's name.
    pub name: String,
    /// Demand and stock per year of [`ChartData::years`], the region's municipalities
    /// together.
    pub trajectories: Trajectories,
    /// `stock_plan_by_segment[s][t]`: the plan's stock per segment and year.
    pub stock_plan_by_segment: Vec<Vec<f64>>,
    /// The budget per period in euros.
    pub budget_eur: Vec<f64>,
    /// Net spending per period in euros (sales count negative).
    pub spent_eur: Vec<f64>,
    /// Per period: weighted dwelling-years of mismatch one more million euros removes.
    pub shadow_price_per_meur: Vec<f64>,
}

/// The three lines of a stock-and-demand chart, one value per year of a time axis (the
/// base year followed by every milestone): the region charts draw them per region, the
/// comparison charts per scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectories {
    /// Dwellings demanded per year: Σ (1 + f) · κ · households.
    pub demand: Vec<f64>,
    /// Dwellings in stock without any action, per year.
    pub stock_do_nothing: Vec<f64>,
    /// Dwellings in stock with the plan, per year.
    pub stock_plan: Vec<f64>,
}

impl Trajectories {
    /// The demand and the stock of the municipalities `members` of `case` together, per
    /// time index (base year first), from the stock paths without action and with the
    /// plan ([`metrics::do_nothing_path`], [`metrics::plan_path`]).
    pub fn sum_over(
        case: &Case,
        do_nothing: &metrics::StockPath,
        planned: &metrics::StockPath,
        members: &[usize],
    ) -> Trajectories {
        let times = case.periods.len() + 1;
        let over_time = |path: &metrics::StockPath, value: fn(&Fit) -> f64| -> Vec<f64> {
            (0..times)
                .map(|t| {
                    members
                        .iter()
                        .map(|&m| value(&metrics::total_fit(&metrics::fits(case, path, m, t))))
                        .sum()
                })
                .collect()
        };
        Trajectories {
            demand: over_time(planned, |f| f.demand),
            stock_do_nothing: over_time(do_nothing, |f| f.stock),
            stock_plan: over_time(planned, |f| f.stock),
        }
    }

    /// Every value of the three lines, for the range of the y axis.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.demand
            .iter()
            .chain(&self.stock_do_nothing)
            .chain(&self.stock_plan)
            .copied()
    }

    /// Stock minus demand at the last year if nothing is done (0 for empty lines).
    pub fn last_surplus_do_nothing(&self) -> f64 {
        self.stock_do_nothing.last().copied().unwrap_or(0.0)
            - self.demand.last().copied().unwrap_or(0.0)
    }
}

/// What the plan does in one municipality, and its fit at the last milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct MunicipalityData {
    /// CBS code, e.g. `GM0917`.
    pub code: String,
    /// Name, e.g. `Heerlen`.
    pub name: String,
    /// Index into [`ChartData::regions`].
    pub region: usize,
    /// Dwellings at the base year.
    pub base_stock: f64,
    /// Dwellings demolished over the whole horizon.
    pub demolished: f64,
    /// Input dwellings transformed over the whole horizon, sales not included.
    pub transformed: f64,
    /// Dwellings sold over the whole horizon: the input dwellings of transformations
    /// that bring in money (c_k < 0, e.g. `verkoop`), apart from demolition and the
    /// other transformations.
    pub sold: f64,
    /// Dwellings built over the whole horizon.
    pub built: f64,
    /// The fit at the last milestone without actions.
    pub last_do_nothing: Fit,
    /// The fit at the last milestone with the plan.
    pub last_plan: Fit,
}

impl MunicipalityData {
    /// The whole task: demolished + transformed + sold + built dwellings.
    pub fn task(&self) -> f64 {
        self.demolished + self.transformed + self.sold + self.built
    }

    /// Demolished plus transformed dwellings (sales included) as a share of the base
    /// stock (0 without stock).
    pub fn removal_share(&self) -> f64 {
        share(
            self.demolished + self.transformed + self.sold,
            self.base_stock,
        )
    }

    /// Demolished dwellings as a share of the base stock (0 without stock): the map.
    pub fn demolition_share(&self) -> f64 {
        share(self.demolished, self.base_stock)
    }

    /// Structural vacancy at the last milestone without actions: surplus over stock.
    pub fn vacancy_do_nothing(&self) -> f64 {
        share(self.last_do_nothing.surplus, self.last_do_nothing.stock)
    }

    /// Structural vacancy at the last milestone with the plan: surplus over stock.
    pub fn vacancy_plan(&self) -> f64 {
        share(self.last_plan.surplus, self.last_plan.stock)
    }
}

/// A series over `years` as the points of a line: (year, value), as far as both go.
pub fn year_points(years: &[i32], series: &[f64]) -> Vec<(i32, f64)> {
    years.iter().copied().zip(series.iter().copied()).collect()
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

impl ChartData {
    /// Computes the chart statistics of a plan. The plan must fit the case (as
    /// [`crate::report::write_outputs`] checks before calling this).
    pub fn new(case: &Case, plan: &Plan) -> ChartData {
        let times = case.periods.len() + 1;
        let do_nothing = metrics::do_nothing_path(case);
        let planned = metrics::plan_path(case, plan);
        let spend = metrics::spend_eur(case, plan);
        let total = |path: &metrics::StockPath, m: usize, t: usize| {
            metrics::total_fit(&metrics::fits(case, path, m, t))
        };
        let last = times - 1;
        let municipalities: Vec<MunicipalityData> = case
            .municipalities
            .iter()
            .enumerate()
            .map(|(m, muni)| {
                let all = |x: &Vec<Vec<f64>>| -> f64 { x.iter().flatten().sum() };
                // Input dwellings of the sales (c_k < 0) or of the other transformations.
                let transformed = |m: usize, sales: bool| -> f64 {
                    plan.transform[m]
                        .iter()
                        .zip(&case.transformations)
                        .filter(|(_, k)| (k.cost_eur < 0.0) == sales)
                        .map(|(x, _)| x.iter().sum::<f64>())
                        .sum()
                };
                MunicipalityData {
                    code: muni.code.clone(),
                    name: muni.name.clone(),
                    region: muni.region,
                    base_stock: case.stock0[m].iter().sum(),
                    demolished: all(&plan.demolish[m]),
                    transformed: transformed(m, false),
                    sold: transformed(m, true),
                    built: all(&plan.new_build[m]),
                    last_do_nothing: total(&do_nothing, m, last),
                    last_plan: total(&planned, m, last),
                }
            })
            .collect();
        let regions = case
            .regions
            .iter()
            .enumerate()
            .map(|(r, name)| {
                let members: Vec<usize> = case.municipalities_in(r).collect();
                let over_time = |f: &dyn Fn(usize, usize) -> f64| -> Vec<f64> {
                    (0..times)
                        .map(|t| members.iter().map(|&m| f(m, t)).sum())
                        .collect()
                };
                RegionData {
                    name: name.clone(),
                    trajectories: Trajectories::sum_over(case, &do_nothing, &planned, &members),
                    stock_plan_by_segment: (0..case.segments.len())
                        .map(|s| over_time(&|m, t| planned[m][s][t]))
                        .collect(),
                    budget_eur: case.budget_eur[r].clone(),
                    spent_eur: (0..case.periods.len())
                        .map(|p| members.iter().map(|&m| spend[m][p]).sum())
                        .collect(),
                    shadow_price_per_meur: plan.budget_shadow_price[r].clone(),
                }
            })
            .collect();
        ChartData {
            case_name: case.name.clone(),
            title: case.settings.title.clone(),
            base_year: case.settings.base_year,
            years: case.balance_years(),
            periods: case.periods.iter().map(|p| (p.start, p.end)).collect(),
            friction_vacancy: case.settings.friction_vacancy,
            vacancy_calibrated: case.vacancy_calibrated(),
            segments: case.segments.iter().map(|s| s.label.clone()).collect(),
            regions,
            municipalities,
            variant: None,
        }
    }

    /// The last milestone (the base year when there are no periods).
    pub fn last_year(&self) -> i32 {
        self.years.last().copied().unwrap_or(self.base_year)
    }

    /// A series over the years (base year first) as the points of a line.
    pub fn year_points(&self, series: &[f64]) -> Vec<(i32, f64)> {
        year_points(&self.years, series)
    }

    /// The regions that get a panel in the charts with one panel per region: all of
    /// them up to [`REGION_PANELS_ALL_UP_TO`]; beyond that the
    /// [`REGION_PANELS_SHOWN`] with the largest surplus at the last milestone if nothing
    /// is done (stock minus demand), in region order.
    pub fn panel_regions(&self) -> Vec<&RegionData> {
        if self.regions.len() <= REGION_PANELS_ALL_UP_TO {
            return self.regions.iter().collect();
        }
        let surplus = |r: &RegionData| r.trajectories.last_surplus_do_nothing();
        let mut order: Vec<usize> = (0..self.regions.len()).collect();
        // Stable: equal surpluses keep region order.
        order.sort_by(|&a, &b| surplus(&self.regions[b]).total_cmp(&surplus(&self.regions[a])));
        order.truncate(REGION_PANELS_SHOWN);
        order.sort_unstable();
        order.into_iter().map(|r| &self.regions[r]).collect()
    }

    /// The line under a per-region chart's subtitle saying which regions it shows, when
    /// it does not show them all.
    pub fn panel_note(&self, lang: Lang) -> Option<String> {
        let total = self.regions.len();
        if total <= REGION_PANELS_ALL_UP_TO {
            return None;
        }
        let shown = REGION_PANELS_SHOWN.min(total);
        let year = self.last_year();
        Some(match lang {
            Lang::Nl => format!(
                "De {shown} van {} regio's met het grootste overschot zonder ingrijpen in \
                 {year}; alle regio's staan in balance.csv en budget.csv.",
                lang.int(total as f64)
            ),
            Lang::En => format!(
                "The {shown} of {} regions with the largest surplus if nothing is done in \
                 {year}; every region is in balance.csv and budget.csv.",
                lang.int(total as f64)
            ),
        })
    }

    /// The plan's title, as the report shows it: every chart carries it at its top.
    pub fn plan_title(&self, lang: Lang) -> String {
        match &self.title {
            Some(title) => title.clone(),
            None => {
                let regions: Vec<String> = self.regions.iter().map(|r| r.name.clone()).collect();
                crate::labels::default_title(lang, &regions, self.municipalities.len())
            }
        }
    }

    /// The first year of the plan and its last milestone, e.g. (2020, 2050).
    pub fn horizon(&self) -> (i32, i32) {
        let first = self.periods.first().map_or(self.base_year, |p| p.0);
        (first, self.last_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart data set of `n` regions, region r with a surplus of `surplus(r)` at the end.
    fn data(n: usize, surplus: impl Fn(usize) -> f64) -> ChartData {
        ChartData {
            case_name: "t".into(),
            title: None,
            base_year: 2020,
            years: vec![2020, 2030],
            periods: vec![(2021, 2030)],
            friction_vacancy: 0.02,
            vacancy_calibrated: false,
            segments: vec!["alle".into()],
            regions: (0..n)
                .map(|r| RegionData {
                    name: format!("R{r:03}"),
                    trajectories: Trajectories {
                        demand: vec![100.0, 100.0],
                        stock_do_nothing: vec![100.0, 100.0 + surplus(r)],
                        stock_plan: vec![100.0, 100.0],
                    },
                    stock_plan_by_segment: vec![vec![100.0, 100.0]],
                    budget_eur: vec![0.0],
                    spent_eur: vec![0.0],
                    shadow_price_per_meur: vec![0.0],
                })
                .collect(),
            municipalities: Vec::new(),
            variant: None,
        }
    }

    #[test]
    fn every_region_gets_a_panel_up_to_the_limit() {
        let d = data(REGION_PANELS_ALL_UP_TO, |r| r as f64);
        assert_eq!(d.panel_regions().len(), REGION_PANELS_ALL_UP_TO);
        assert_eq!(d.panel_note(Lang::Nl), None);
    }

    #[test]
    fn beyond_the_limit_the_largest_surpluses_get_a_panel_in_region_order() {
        // Surplus rises with r except that the first region has the largest of all.
        let n = REGION_PANELS_ALL_UP_TO + 1;
        let d = data(n, |r| if r == 0 { 1e6 } else { r as f64 });
        let shown: Vec<&str> = d.panel_regions().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(shown.len(), REGION_PANELS_SHOWN);
        assert_eq!(shown[0], "R000");
        // Then the 47 largest of the rest: R014 … R060, in region order.
        let first_rest = n - (REGION_PANELS_SHOWN - 1);
        assert_eq!(shown[1], format!("R{first_rest:03}"));
        assert_eq!(
            shown.last().copied(),
            Some(format!("R{:03}", n - 1).as_str())
        );
        let note = d.panel_note(Lang::Nl).unwrap();
        assert!(note.contains("De 48 van 61 regio's"), "{note}");
        assert!(d
            .panel_note(Lang::En)
            .unwrap()
            .contains("The 48 of 61 regions"));
    }
}
