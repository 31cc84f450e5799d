//! The CSV tables of spec §7 (plan, transformations, balance, budget, and with funders
//! funding): computed once as plain rows from the [`Case`] and [`Plan`], then written by
//! one CSV helper and shown (capped) in report.html.
//!
//! Row order is fixed by the case (municipalities by code, segments and transformations
//! in file order, regions by name, periods in time order) and every number goes through
//! [`fmt_num`], so the same input gives byte-identical files.

use std::fs::File;
use std::path::Path;

use crate::case::{Case, FundedAction, Mode};
use crate::labels::{self, Label};
use crate::metrics::{self, Fit, StockPath};
use crate::numfmt::fmt_num;
use crate::plan::Plan;
use crate::report::summary::{RegionSummary, Summary};
use crate::{Error, Result};

/// The segment name of a municipality's total row in balance.csv.
pub const TOTAL_SEGMENT: &str = "*";

/// How the values of a column are shown: the unit decides the number format in
/// report.xlsx and on report.html.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A calendar year (no thousands separator).
    Year,
    /// Dwellings or households.
    Dwellings,
    /// Euros.
    Euro,
    /// A plain number with decimals (e.g. a weight).
    Decimal,
    /// A shadow price: weighted dwelling-years per € 1 mln, shown whole
    /// ([`crate::lang::Lang::shadow`]).
    ShadowPrice,
}

/// A value column of an output table: the one list that the CSV file, the workbook
/// and the page all write, each after its own key columns (ids, names, periods).
pub struct Column<R> {
    /// The CSV header (spec §7).
    pub key: &'static str,
    /// The workbook's header.
    pub sheet: Label,
    /// The page's header.
    pub page: Label,
    /// The unit, which decides the number format.
    pub kind: Kind,
    /// The workbook's column width.
    pub width: f64,
    /// The value of a row.
    pub value: fn(&R) -> f64,
}

const fn column<R>(
    key: &'static str,
    sheet: Label,
    page: Label,
    (kind, width): (Kind, f64),
    value: fn(&R) -> f64,
) -> Column<R> {
    Column {
        key,
        sheet,
        page,
        kind,
        width,
        value,
    }
}

/// The value columns of plan.csv, the plan sheet and the plan table.
#[rustfmt::skip]
pub const PLAN_COLUMNS: [Column<PlanRow>; 5] = [
    column("demolish", labels::DEMOLISH_COL, labels::DEMOLISH_COL, (Kind::Dwellings, 12.0), |r| r.demolish),
    column("new_build", labels::NEW_BUILD_COL, labels::NEW_BUILD_COL, (Kind::Dwellings, 12.0), |r| r.new_build),
    column("transform_out", labels::TRANSFORM_OUT_COL, labels::TRANSFORM_OUT_COL, (Kind::Dwellings, 14.0), |r| r.transform_out),
    column("transform_in", labels::TRANSFORM_IN_COL, labels::TRANSFORM_IN_COL, (Kind::Dwellings, 14.0), |r| r.transform_in),
    column("stock_end", labels::STOCK_END_COL, labels::STOCK_END_COL, (Kind::Dwellings, 14.0), |r| r.stock_end),
];

/// The value columns of transformations.csv, its sheet and its table.
#[rustfmt::skip]
pub const TRANSFORMATION_COLUMNS: [Column<TransformationRow>; 3] = [
    column("dwellings_in", labels::DWELLINGS_IN, labels::DWELLINGS_IN, (Kind::Dwellings, 12.0), |r| r.dwellings_in),
    column("dwellings_out", labels::DWELLINGS_OUT, labels::DWELLINGS_OUT, (Kind::Dwellings, 12.0), |r| r.dwellings_out),
    column("cost_eur", labels::COST_EUR_COL, labels::COST_COL, (Kind::Euro, 16.0), |r| r.cost_eur),
];

/// The value columns of balance.csv, the balance sheet and table (and the totals sheet).
#[rustfmt::skip]
pub const BALANCE_COLUMNS: [Column<BalanceRow>; 8] = [
    column("households", labels::HOUSEHOLDS_COL, labels::HOUSEHOLDS_COL, (Kind::Dwellings, 13.0), |r| r.households),
    column("demand", labels::DEMAND_COL, labels::DEMAND_COL, (Kind::Dwellings, 12.0), |r| r.plan.demand),
    column("stock_do_nothing", labels::STOCK_DO_NOTHING_COL, labels::DO_NOTHING_COL, (Kind::Dwellings, 14.0), |r| r.do_nothing.stock),
    column("stock_plan", labels::STOCK_PLAN_COL, labels::WITH_PLAN_COL, (Kind::Dwellings, 14.0), |r| r.plan.stock),
    column("surplus_do_nothing", labels::SURPLUS_DO_NOTHING_COL, labels::DO_NOTHING_COL, (Kind::Dwellings, 14.0), |r| r.do_nothing.surplus),
    column("surplus_plan", labels::SURPLUS_PLAN_COL, labels::WITH_PLAN_COL, (Kind::Dwellings, 14.0), |r| r.plan.surplus),
    column("shortage_do_nothing", labels::SHORTAGE_DO_NOTHING_COL, labels::DO_NOTHING_COL, (Kind::Dwellings, 14.0), |r| r.do_nothing.shortage),
    column("shortage_plan", labels::SHORTAGE_PLAN_COL, labels::WITH_PLAN_COL, (Kind::Dwellings, 14.0), |r| r.plan.shortage),
];

/// The value columns of budget.csv, the budget sheet and the budget table.
#[rustfmt::skip]
pub const BUDGET_COLUMNS: [Column<BudgetRow>; 3] = [
    column("budget_eur", labels::BUDGET_EUR_COL, labels::BUDGET, (Kind::Euro, 16.0), |r| r.budget_eur),
    column("spent_eur", labels::SPENT_EUR_COL, labels::SPENT_COL, (Kind::Euro, 16.0), |r| r.spent_eur),
    column("shadow_price_per_meur", labels::SHADOW_PRICE_SHEET_COL, labels::SHADOW_PRICE_PAGE_COL, (Kind::ShadowPrice, 20.0), |r| r.shadow_price_per_meur),
];

/// The value columns of funding.csv (spec v2, with funders), its sheet and its table.
#[rustfmt::skip]
pub const FUNDING_COLUMNS: [Column<FundingRow>; 2] = [
    column("paid_eur", labels::PAID_EUR_COL, labels::PAID_COL, (Kind::Euro, 16.0), |r| r.paid_eur),
    column("received_eur", labels::RECEIVED_EUR_COL, labels::RECEIVED_COL, (Kind::Euro, 16.0), |r| r.received_eur),
];

/// The key figures of a run after the mismatch, as the summary sheet and the page list
/// them (the key is summary.json's).
#[rustfmt::skip]
pub const SUMMARY_FIGURES: [Column<Summary>; 6] = [
    column("gross_cost_eur", labels::GROSS_COST, labels::GROSS_COST, (Kind::Euro, 16.0), |s| s.gross_cost_eur),
    column("net_cost_eur", labels::NET_COST_SALES_COUNT_NEGATIVE, labels::NET_COST_SALES_COUNT_NEGATIVE, (Kind::Euro, 16.0), |s| s.net_cost_eur),
    column("budget_eur", labels::BUDGET_ALL_REGIONS_AND_PERIODS, labels::BUDGET_ALL_REGIONS_AND_PERIODS, (Kind::Euro, 16.0), |s| s.budget_eur),
    column("demolished", labels::DWELLINGS_DEMOLISHED, labels::DWELLINGS_DEMOLISHED, (Kind::Dwellings, 16.0), |s| s.demolished),
    column("transformed", labels::DWELLINGS_TRANSFORMED_INPUT, labels::DWELLINGS_TRANSFORMED_INPUT, (Kind::Dwellings, 16.0), |s| s.transformed),
    column("built", labels::DWELLINGS_BUILT, labels::DWELLINGS_BUILT, (Kind::Dwellings, 16.0), |s| s.built),
];

/// The columns of the figures per region (summary.json's `regions_detail`), after the
/// region's name, in the summary sheet and on the page.
#[rustfmt::skip]
pub const REGION_COLUMNS: [Column<RegionSummary>; 7] = [
    column("mismatch_do_nothing", labels::MISMATCH_DO_NOTHING, labels::MISMATCH_DO_NOTHING, (Kind::Dwellings, 16.0), |r| r.mismatch_do_nothing),
    column("mismatch_plan", labels::MISMATCH_PLAN, labels::MISMATCH_PLAN, (Kind::Dwellings, 16.0), |r| r.mismatch_plan),
    column("demolished", labels::DEMOLISHED, labels::DEMOLISHED, (Kind::Dwellings, 16.0), |r| r.demolished),
    column("transformed", labels::TRANSFORMED, labels::TRANSFORMED, (Kind::Dwellings, 16.0), |r| r.transformed),
    column("built", labels::BUILT, labels::BUILT, (Kind::Dwellings, 16.0), |r| r.built),
    column("spent_eur", labels::SPENT_EUR_COL, labels::SPENT_COL, (Kind::Euro, 16.0), |r| r.spent_eur),
    column("budget_eur", labels::BUDGET_EUR_COL, labels::BUDGET, (Kind::Euro, 16.0), |r| r.budget_eur),
];

/// The CSV header: the key columns, then the value columns.
fn header<R>(keys: &[&'static str], columns: &[Column<R>]) -> Vec<&'static str> {
    keys.iter()
        .copied()
        .chain(columns.iter().map(|c| c.key))
        .collect()
}

/// The CSV cells: the key cells, then every value column of `row`.
fn cells<R>(mut keys: Vec<String>, columns: &[Column<R>], row: &R) -> Vec<String> {
    keys.extend(columns.iter().map(|c| fmt_num((c.value)(row))));
    keys
}

/// A row type of an output table: its header and its cells, in the same order.
pub trait Table {
    /// Column names, exactly as spec §7 lists them.
    fn header() -> Vec<&'static str>;
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

/// Writes `rows` under `T::header()` to a new file at `path`.
pub fn write_table<T: Table>(path: &Path, rows: &[T]) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, e.into());
    let mut writer = csv_writer(path)?;
    writer.write_record(T::header()).map_err(csv_err)?;
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

/// One row of budget.csv: one region and period (with funders: one region, funder and
/// period).
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// Region index into `case.regions`.
    pub region: usize,
    /// With funders (spec v2): the funder, an index into `case.funders.names`; `None`
    /// for a case without funders (one pot per region).
    pub funder: Option<usize>,
    /// Period index.
    pub period: usize,
    /// The period's own budget in euros (the funder's, with funders).
    pub budget_eur: f64,
    /// Net spending of the region's municipalities in euros; with funders the funder's
    /// payments minus the sale proceeds it received.
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
    /// funding.csv rows (spec v2, with funders); empty without funders (and then no
    /// funding.csv is written).
    pub funding: Vec<FundingRow>,
}

/// One row of funding.csv (spec v2): what one funder paid for, and received from sales
/// of, one action on one segment in one municipality and period.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingRow {
    /// Municipality index (its region is the municipality's).
    pub municipality: usize,
    /// Funder index into `case.funders.names`.
    pub funder: usize,
    /// Period index.
    pub period: usize,
    /// The action: demolish, new_build or transform.
    pub action: FundedAction,
    /// Segment index (a transformation's from_segment).
    pub segment: usize,
    /// What the funder paid, in euros.
    pub paid_eur: f64,
    /// The sale proceeds the funder received, in euros (transform rows only).
    pub received_eur: f64,
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
            funding: funding_rows(case, plan),
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
        if case.funders.active() {
            let rows: Vec<Funded<'_>> =
                self.budget.iter().map(|row| Funded { case, row }).collect();
            write_table(&dir.join("budget.csv"), &rows)?;
            write_table(&dir.join("funding.csv"), &named(case, &self.funding))
        } else {
            write_table(&dir.join("budget.csv"), &named(case, &self.budget))
        }
    }
}

/// Writes the tables of a robust plan (spec v2 §7) into `dir`: plan.csv,
/// transformations.csv, balance.csv, budget.csv (and funding.csv with funders) with a
/// leading `variant` column and every variant's rows (in robust.variants order), and
/// commitment.csv: the actions of the first `commit_periods` periods, the same in every
/// variant (written from the first variant's plan).
pub fn write_robust_csv(
    dir: &Path,
    variants: &[(&str, Tables<'_>)],
    commit_periods: usize,
) -> Result<()> {
    let Some((_, first)) = variants.first() else {
        return Ok(());
    };
    let case = first.case;
    let parts = |f: &dyn Fn(&Tables<'_>) -> Vec<Vec<String>>| -> Vec<(String, Vec<Vec<String>>)> {
        variants
            .iter()
            .map(|(name, t)| ((*name).to_string(), f(t)))
            .collect()
    };
    write_variant_table(
        &dir.join("plan.csv"),
        &Named::<PlanRow>::header(),
        &parts(&|t| named(t.case, &t.plan).iter().map(Table::cells).collect()),
    )?;
    write_variant_table(
        &dir.join("transformations.csv"),
        &Named::<TransformationRow>::header(),
        &parts(&|t| {
            named(t.case, &t.transformations)
                .iter()
                .map(Table::cells)
                .collect()
        }),
    )?;
    write_variant_table(
        &dir.join("balance.csv"),
        &Named::<BalanceRow>::header(),
        &parts(&|t| named(t.case, &t.balance).iter().map(Table::cells).collect()),
    )?;
    if case.funders.active() {
        write_variant_table(
            &dir.join("budget.csv"),
            &Funded::header(),
            &parts(&|t| {
                t.budget
                    .iter()
                    .map(|row| Funded { case: t.case, row }.cells())
                    .collect()
            }),
        )?;
        write_variant_table(
            &dir.join("funding.csv"),
            &Named::<FundingRow>::header(),
            &parts(&|t| named(t.case, &t.funding).iter().map(Table::cells).collect()),
        )?;
    } else {
        write_variant_table(
            &dir.join("budget.csv"),
            &Named::<BudgetRow>::header(),
            &parts(&|t| named(t.case, &t.budget).iter().map(Table::cells).collect()),
        )?;
    }
    // commitment.csv: plan.csv's columns without stock_end, committed periods only.
    let path = dir.join("commitment.csv");
    let csv_err = |e: csv::Error| Error::io(&path, e.into());
    let mut writer = csv_writer(&path)?;
    let mut header = Named::<PlanRow>::header();
    header.pop();
    writer.write_record(&header).map_err(csv_err)?;
    for row in first.plan.iter().filter(|r| r.period < commit_periods) {
        let mut cells = Named { case, row }.cells();
        cells.pop();
        writer.write_record(&cells).map_err(csv_err)?;
    }
    writer.flush().map_err(|e| Error::io(&path, e))
}

/// Writes a table with a leading `variant` column: every part's rows under its name.
fn write_variant_table(
    path: &Path,
    header: &[&'static str],
    parts: &[(String, Vec<Vec<String>>)],
) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, e.into());
    let mut writer = csv_writer(path)?;
    writer
        .write_record(std::iter::once("variant").chain(header.iter().copied()))
        .map_err(csv_err)?;
    for (name, rows) in parts {
        for cells in rows {
            writer
                .write_record(
                    std::iter::once(name.as_str()).chain(cells.iter().map(String::as_str)),
                )
                .map_err(csv_err)?;
        }
    }
    writer.flush().map_err(|e| Error::io(path, e))
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
    fn header() -> Vec<&'static str> {
        header(
            &["municipality", "segment", PERIOD_START, PERIOD_END],
            &PLAN_COLUMNS,
        )
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let [start, end] = period_keys(case, r.period);
        let keys = vec![
            case.municipalities[r.municipality].code.clone(),
            case.segments[r.segment].id.clone(),
            start,
            end,
        ];
        cells(keys, &PLAN_COLUMNS, r)
    }
}

impl Table for Named<'_, TransformationRow> {
    fn header() -> Vec<&'static str> {
        let keys = [
            "municipality",
            "from_segment",
            "to_segment",
            PERIOD_START,
            PERIOD_END,
        ];
        header(&keys, &TRANSFORMATION_COLUMNS)
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let k = &case.transformations[r.transformation];
        let mut keys = vec![
            case.municipalities[r.municipality].code.clone(),
            case.segments[k.from].id.clone(),
            case.segments[k.to].id.clone(),
        ];
        keys.extend(period_keys(case, r.period));
        cells(keys, &TRANSFORMATION_COLUMNS, r)
    }
}

impl Table for Named<'_, BalanceRow> {
    fn header() -> Vec<&'static str> {
        header(&["municipality", "segment", "year"], &BALANCE_COLUMNS)
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let keys = vec![
            case.municipalities[r.municipality].code.clone(),
            segment_name(case, r.segment).to_string(),
            year_of(case, r.time).to_string(),
        ];
        cells(keys, &BALANCE_COLUMNS, r)
    }
}

impl Table for Named<'_, BudgetRow> {
    fn header() -> Vec<&'static str> {
        header(&["region", PERIOD_START, PERIOD_END], &BUDGET_COLUMNS)
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let mut keys = vec![case.regions[r.region].clone()];
        keys.extend(period_keys(case, r.period));
        cells(keys, &BUDGET_COLUMNS, r)
    }
}

/// A budget.csv row of a case with funders: the `funder` column after `region`.
pub struct Funded<'a> {
    /// The case.
    pub case: &'a Case,
    /// The row.
    pub row: &'a BudgetRow,
}

/// The name of funder g as the output files write it ("" for the common funder).
pub fn funder_name(case: &Case, funder: Option<usize>) -> &str {
    funder.map_or("", |g| case.funders.names[g].as_str())
}

impl Table for Funded<'_> {
    fn header() -> Vec<&'static str> {
        header(
            &["region", "funder", PERIOD_START, PERIOD_END],
            &BUDGET_COLUMNS,
        )
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let mut keys = vec![
            case.regions[r.region].clone(),
            funder_name(case, r.funder).to_string(),
        ];
        keys.extend(period_keys(case, r.period));
        cells(keys, &BUDGET_COLUMNS, r)
    }
}

impl Table for Named<'_, FundingRow> {
    fn header() -> Vec<&'static str> {
        let keys = [
            "region",
            "funder",
            "municipality",
            PERIOD_START,
            PERIOD_END,
            "action",
            "segment",
        ];
        header(&keys, &FUNDING_COLUMNS)
    }

    fn cells(&self) -> Vec<String> {
        let (case, r) = (self.case, self.row);
        let municipality = &case.municipalities[r.municipality];
        let mut keys = vec![
            case.regions[municipality.region].clone(),
            funder_name(case, Some(r.funder)).to_string(),
            municipality.code.clone(),
        ];
        keys.extend(period_keys(case, r.period));
        keys.push(r.action.as_str().to_string());
        keys.push(case.segments[r.segment].id.clone());
        cells(keys, &FUNDING_COLUMNS, r)
    }
}

const PERIOD_START: &str = "period_start";
const PERIOD_END: &str = "period_end";

/// The first and last year of period `p`, as the CSV files write them.
fn period_keys(case: &Case, p: usize) -> [String; 2] {
    let period = case.periods[p];
    [period.start.to_string(), period.end.to_string()]
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

/// budget.csv: region × period; with funders region × funder × period.
fn budget_rows(case: &Case, plan: &Plan) -> Vec<BudgetRow> {
    if case.funders.active() {
        let flows = metrics::funder_flows(case, plan);
        let mut rows = Vec::new();
        for (r, per_funder) in case.funders.budget_eur.iter().enumerate() {
            for (g, budgets) in per_funder.iter().enumerate() {
                for (p, &budget_eur) in budgets.iter().enumerate() {
                    rows.push(BudgetRow {
                        region: r,
                        funder: Some(g),
                        period: p,
                        budget_eur,
                        spent_eur: flows.net(r, g, p),
                        shadow_price_per_meur: plan.funder_shadow_price[r][g][p],
                    });
                }
            }
        }
        return rows;
    }
    let spend = metrics::spend_eur(case, plan);
    let mut rows = Vec::new();
    for r in 0..case.regions.len() {
        let members: Vec<usize> = case.municipalities_in(r).collect();
        for (p, &budget_eur) in case.budget_eur[r].iter().enumerate() {
            rows.push(BudgetRow {
                region: r,
                funder: None,
                period: p,
                budget_eur,
                spent_eur: members.iter().map(|&m| spend[m][p]).sum(),
                shadow_price_per_meur: plan.budget_shadow_price[r][p],
            });
        }
    }
    rows
}

/// funding.csv (spec v2): one row per municipality, period, funder, action and segment
/// with a nonzero payment or proceeds, in that order (municipalities by code, periods in
/// time order, funders in the case's order, actions demolish, new_build, transform, and
/// segments in segments.csv order); empty without funders. Payments for several
/// transformations out of one segment, and the proceeds of several sales, add up in the
/// segment's transform row.
fn funding_rows(case: &Case, plan: &Plan) -> Vec<FundingRow> {
    use std::collections::BTreeMap;
    // (municipality, period, funder, action, segment) → (paid, received).
    type Key = (usize, usize, usize, FundedAction, usize);
    let mut sums: BTreeMap<Key, (f64, f64)> = BTreeMap::new();
    for pay in &plan.payments {
        let (action, segment) = case.funded_action(pay.action);
        sums.entry((pay.municipality, pay.period, pay.funder, action, segment))
            .or_default()
            .0 += pay.eur;
    }
    for receipt in &plan.receipts {
        let segment = case.transformations[receipt.transformation].from;
        let key = (
            receipt.municipality,
            receipt.period,
            receipt.funder,
            FundedAction::Transform,
            segment,
        );
        sums.entry(key).or_default().1 += receipt.eur;
    }
    sums.into_iter()
        .filter(|(_, (paid, received))| *paid != 0.0 || *received != 0.0)
        .map(
            |((municipality, period, funder, action, segment), (paid_eur, received_eur))| {
                FundingRow {
                    municipality,
                    funder,
                    period,
                    action,
                    segment,
                    paid_eur,
                    received_eur,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod column_tests {
    use super::*;

    #[test]
    fn every_value_column_has_its_spec_key_once() {
        let plan: Vec<_> = PLAN_COLUMNS.iter().map(|c| c.key).collect();
        assert_eq!(
            plan,
            [
                "demolish",
                "new_build",
                "transform_out",
                "transform_in",
                "stock_end"
            ]
        );
        let balance: Vec<_> = BALANCE_COLUMNS.iter().map(|c| c.key).collect();
        assert_eq!(balance.len(), 8);
        assert_eq!(balance[0], "households");
        assert_eq!(BUDGET_COLUMNS[2].key, "shadow_price_per_meur");
        assert_eq!(TRANSFORMATION_COLUMNS[2].kind, Kind::Euro);
    }
}
