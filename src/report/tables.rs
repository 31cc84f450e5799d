//! The four CSV tables of spec §7 (plan, transformations, balance, budget): computed once
//! as plain rows from the [`Case`] and [`Plan`], then written by one CSV helper and
//! shown (capped) in report.html.
//!
//! Row order is fixed by the case (municipalities by code, segments and transformations
//! in file order, regions by name, periods in time order) and every number goes through
//! [`fmt_num`], so the same input gives byte-identical files.

use std::fs::File;
use std::path::Path;

use crate::case::{Case, Mode};
use crate::metrics::{self, Fit, StockPath};
use crate::numfmt::fmt_num;
use crate::plan::Plan;
use crate::{Error, Result};

/// The segment name of a municipality's total row in balance.csv.
pub const TOTAL_SEGMENT: &str = "*";

/// A row type of an output table: its header and its cells, in the same order.
pub trait Table {
    /// Column names, exactly as spec §7 lists them.
    const HEADER: &'static [&'static str];
    /// The row's cells as written to the CSV file.
    fn cells(&self) -> Vec<String>;
}

/// Creates a CSV writer the way every output file is written: `,` as delimiter, `\n` as
/// line end, quotes only where a value needs them.
pub fn csv_writer(path: &Path) -> Result<csv::Writer<File>> {
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    Ok(csv::WriterBuilder::new()
        .delimiter(b',')
        .terminator(csv::Terminator::Any(b'\n'))
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(file))
}

/// Writes `rows` under `T::HEADER` to a new file at `path`.
pub fn write_table<T: Table>(path: &Path, rows: &[T]) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, e.into());
    let mut writer = csv_writer(path)?;
    writer.write_record(T::HEADER).map_err(csv_err)?;
    for row in rows {
        writer.write_record(row.cells()).map_err(csv_err)?;
    }
    writer.flush().map_err(|e| Error::io(path, e))
}

/// One row of plan.csv: the actions in one municipality, segment and period.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    /// Municipality index into `case.municipalities`.
    pub municipality: usize,
    /// Segment index into `case.segments`.
    pub segment: usize,
    /// Period index into `case.periods`.
    pub period: usize,
    /// Dwellings demolished.
    pub demolish: f64,
    /// Dwellings built.
    pub new_build: f64,
    /// Input dwellings of this segment transformed (Σ over transformations from it).
    pub transform_out: f64,
    /// Output dwellings of transformations into this segment (Σ yield · input).
    pub transform_in: f64,
    /// Dwellings at the end of the period.
    pub stock_end: f64,
}

/// One row of transformations.csv: one transformation in one municipality and period.
#[derive(Debug, Clone, PartialEq)]
pub struct TransformationRow {
    /// Municipality index.
    pub municipality: usize,
    /// Transformation index into `case.transformations`.
    pub transformation: usize,
    /// Period index.
    pub period: usize,
    /// Input dwellings transformed.
    pub dwellings_in: f64,
    /// Output dwellings: yield · input.
    pub dwellings_out: f64,
    /// Net cost in euros (negative for a sale).
    pub cost_eur: f64,
}

/// One row of balance.csv: the fit of one municipality (a segment or the total) in one
/// year, without actions and with the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRow {
    /// Municipality index.
    pub municipality: usize,
    /// Segment index; `None` for the total row (`*`).
    pub segment: Option<usize>,
    /// Time index: 0 = base year, p = milestone y_p.
    pub time: usize,
    /// Households of the municipality in that year.
    pub households: f64,
    /// The fit of the do-nothing stock.
    pub do_nothing: Fit,
    /// The fit of the plan's stock.
    pub plan: Fit,
}

/// One row of budget.csv: one region and period.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// Region index into `case.regions`.
    pub region: usize,
    /// Period index.
    pub period: usize,
    /// The period's own budget in euros.
    pub budget_eur: f64,
    /// Net spending of the region's municipalities in euros.
    pub spent_eur: f64,
    /// Mismatch one more million euros would remove (weighted dwelling-years).
    pub shadow_price_per_meur: f64,
}

/// Every table of the output, with the case for names and years.
#[derive(Debug, Clone)]
pub struct Tables<'a> {
    /// The case the rows index into.
    pub case: &'a Case,
    /// plan.csv rows.
    pub plan: Vec<PlanRow>,
    /// transformations.csv rows.
    pub transformations: Vec<TransformationRow>,
    /// balance.csv rows.
    pub balance: Vec<BalanceRow>,
    /// budget.csv rows.
    pub budget: Vec<BudgetRow>,
}

impl<'a> Tables<'a> {
    /// Computes every table of the plan.
    pub fn new(case: &'a Case, plan: &Plan) -> Tables<'a> {
        Tables {
            case,
            plan: plan_rows(case, plan),
            transformations: transformation_rows(case, plan),
            balance: balance_rows(case, plan),
            budget: budget_rows(case, plan),
        }
    }

    /// Writes plan.csv, transformations.csv, balance.csv and budget.csv into `dir`.
    pub fn write_csv(&self, dir: &Path) -> Result<()> {
        let case = self.case;
        write_table(&dir.join("plan.csv"), &named(case, &self.plan))?;
        write_table(
            &dir.join("transformations.csv"),
            &named(case, &self.transformations),
        )?;
        write_table(&dir.join("balance.csv"), &named(case, &self.balance))?;
        write_table(&dir.join("budget.csv"), &named(case, &self.budget))
    }
}

/// Pairs every row with the case that names its indices.
fn named<'a, R>(case: &'a Case, rows: &'a [R]) -> Vec<Named<'a, R>> {
    rows.iter().map(|row| Named { case, row }).collect()
}

/// A row together with the case that names its indices.
pub struct Named<'a, R> {
    /// The case.
    pub case: &'a Case,
    /// The row.
    pub row: &'a R,
}

impl Table for Named<'_, PlanRow> {
    const HEADER: &'static [&'static str] = &[
        "municipality",
        "segment",
        "period_start",
        "period_end",
        "demolish",
        "new_build",
        "transform_out",
        "transform_in",
        "stock_end",
    ];

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let period = case.periods[r.period];
        vec![
            case.municipalities[r.municipality].code.clone(),
            case.segments[r.segment].id.clone(),
            period.start.to_string(),
            period.end.to_string(),
            fmt_num(r.demolish),
            fmt_num(r.new_build),
            fmt_num(r.transform_out),
            fmt_num(r.transform_in),
            fmt_num(r.stock_end),
        ]
    }
}

impl Table for Named<'_, TransformationRow> {
    const HEADER: &'static [&'static str] = &[
        "municipality",
        "from_segment",
        "to_segment",
        "period_start",
        "period_end",
        "dwellings_in",
        "dwellings_out",
        "cost_eur",
    ];

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let period = case.periods[r.period];
        let k = &case.transformations[r.transformation];
        vec![
            case.municipalities[r.municipality].code.clone(),
            case.segments[k.from].id.clone(),
            case.segments[k.to].id.clone(),
            period.start.to_string(),
            period.end.to_string(),
            fmt_num(r.dwellings_in),
            fmt_num(r.dwellings_out),
            fmt_num(r.cost_eur),
        ]
    }
}

impl Table for Named<'_, BalanceRow> {
    const HEADER: &'static [&'static str] = &[
        "municipality",
        "segment",
        "year",
        "households",
        "demand",
        "stock_do_nothing",
        "stock_plan",
        "surplus_do_nothing",
        "surplus_plan",
        "shortage_do_nothing",
        "shortage_plan",
    ];

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        vec![
            case.municipalities[r.municipality].code.clone(),
            segment_name(case, r.segment).to_string(),
            year_of(case, r.time).to_string(),
            fmt_num(r.households),
            fmt_num(r.plan.demand),
            fmt_num(r.do_nothing.stock),
            fmt_num(r.plan.stock),
            fmt_num(r.do_nothing.surplus),
            fmt_num(r.plan.surplus),
            fmt_num(r.do_nothing.shortage),
            fmt_num(r.plan.shortage),
        ]
    }
}

impl Table for Named<'_, BudgetRow> {
    const HEADER: &'static [&'static str] = &[
        "region",
        "period_start",
        "period_end",
        "budget_eur",
        "spent_eur",
        "shadow_price_per_meur",
    ];

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let period = case.periods[r.period];
        vec![
            case.regions[r.region].clone(),
            period.start.to_string(),
            period.end.to_string(),
            fmt_num(r.budget_eur),
            fmt_num(r.spent_eur),
            fmt_num(r.shadow_price_per_meur),
        ]
    }
}

/// The segment id of a balance row, or `*` for the total.
pub fn segment_name(case: &Case, segment: Option<usize>) -> &str {
    segment.map_or(TOTAL_SEGMENT, |s| case.segments[s].id.as_str())
}

/// The calendar year of time index t: the base year for 0, milestone y_t otherwise.
pub fn year_of(case: &Case, time: usize) -> i32 {
    match time {
        0 => case.settings.base_year,
        t => case.periods[t - 1].end,
    }
}

/// plan.csv: municipality × segment × period.
fn plan_rows(case: &Case, plan: &Plan) -> Vec<PlanRow> {
    let mut rows = Vec::new();
    for m in 0..case.municipalities.len() {
        for s in 0..case.segments.len() {
            for p in 0..case.periods.len() {
                let (mut out, mut into) = (0.0, 0.0);
                for (k, tr) in case.transformations.iter().enumerate() {
                    let input = plan.transform[m][k][p];
                    if tr.from == s {
                        out += input;
                    }
                    if tr.to == s {
                        into += tr.yield_per_dwelling * input;
                    }
                }
                rows.push(PlanRow {
                    municipality: m,
                    segment: s,
                    period: p,
                    demolish: plan.demolish[m][s][p],
                    new_build: plan.new_build[m][s][p],
                    transform_out: out,
                    transform_in: into,
                    stock_end: plan.stock_end[m][s][p],
                });
            }
        }
    }
    rows
}

/// transformations.csv: municipality × transformation × period.
fn transformation_rows(case: &Case, plan: &Plan) -> Vec<TransformationRow> {
    let mut rows = Vec::new();
    for m in 0..case.municipalities.len() {
        for (k, tr) in case.transformations.iter().enumerate() {
            for p in 0..case.periods.len() {
                let input = plan.transform[m][k][p];
                rows.push(TransformationRow {
                    municipality: m,
                    transformation: k,
                    period: p,
                    dwellings_in: input,
                    dwellings_out: tr.yield_per_dwelling * input,
                    cost_eur: tr.cost_eur * input,
                });
            }
        }
    }
    rows
}

/// balance.csv: municipality × year; in segment mode one row per segment, then `*`.
fn balance_rows(case: &Case, plan: &Plan) -> Vec<BalanceRow> {
    let do_nothing: StockPath = metrics::do_nothing_path(case);
    let planned: StockPath = metrics::plan_path(case, plan);
    let mut rows = Vec::new();
    for m in 0..case.municipalities.len() {
        for t in 0..=case.periods.len() {
            let households = case.households[m][t];
            let before = metrics::fits(case, &do_nothing, m, t);
            let after = metrics::fits(case, &planned, m, t);
            let row = |segment, do_nothing, plan| BalanceRow {
                municipality: m,
                segment,
                time: t,
                households,
                do_nothing,
                plan,
            };
            match case.mode {
                Mode::Total => rows.push(row(None, before[0], after[0])),
                Mode::Segment => {
                    for (s, (b, a)) in before.iter().zip(&after).enumerate() {
                        rows.push(row(Some(s), *b, *a));
                    }
                    rows.push(row(
                        None,
                        metrics::total_fit(&before),
                        metrics::total_fit(&after),
                    ));
                }
            }
        }
    }
    rows
}

/// budget.csv: region × period.
fn budget_rows(case: &Case, plan: &Plan) -> Vec<BudgetRow> {
    let spend = metrics::spend_eur(case, plan);
    let mut rows = Vec::new();
    for r in 0..case.regions.len() {
        let members: Vec<usize> = case.municipalities_in(r).collect();
        for (p, &budget_eur) in case.budget_eur[r].iter().enumerate() {
            rows.push(BudgetRow {
                region: r,
                period: p,
                budget_eur,
                spent_eur: members.iter().map(|&m| spend[m][p]).sum(),
                shadow_price_per_meur: plan.budget_shadow_price[r][p],
            });
        }
    }
    rows
}
