//! What-if scenarios: named sets of overrides on a base case — data, not code branches —
//! and the two ways to look at several answers at once: `compare` (scenarios side by
//! side) and `sweep` (one setting over a grid of values).
//!
//! - [`mod@file`] reads a scenario file ([`Scenario::load`]): name, base case, households
//!   variant, `[settings]` overrides, `[factors]`; every problem with file, line and key;
//! - [`apply`] reads the base case with the overrides (validated by the case reader) and
//!   applies the factors to the plain numbers of the [`Case`] ([`Scenario::build_case`]);
//! - [`mod@compare`] solves several scenarios in parallel and tabulates them (comparison.csv);
//! - [`diff`] says in plain words what differs between the scenarios (input_diff.md);
//! - [`sweep`] solves one case at every point of a grid in parallel and finds the knee;
//! - [`views`] turns the results into the plain data that [`crate::chart`] draws and
//!   [`crate::report`] renders (compare and sweep charts and pages live there).
//!
//! Every case is solved through [`crate::pipeline`] ([`plan_scenario`] for `restock plan`,
//! a plain case folder being a scenario without changes); every output folder is written
//! with [`crate::outdir::write_dir_atomically`]: a failed run leaves the previous results
//! as they were.

pub mod apply;
pub mod compare;
pub mod diff;
pub mod file;
pub mod funders;
pub mod robust;
pub mod sweep;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::report::summary::{ScenarioIdentity, ScenarioRecord};
pub use apply::apply_factors;
pub use compare::{Row, Solved};
pub use file::{CostFactors, Factors, Scenario};
pub use funders::{FunderBudget, FunderChanges, FundingChange};
pub use sweep::{Grid, Parameter, Sweep};

/// The thread pool, now [`crate::pool::with_jobs`] (this path is kept for callers).
pub use crate::pool::with_jobs;

use crate::case::Case;
use crate::chart::format::Lang;
use crate::pipeline::{self, PipelineOptions, Planned};
use crate::report::tables::csv_writer;
use crate::report::{self, check_output_location, write_dir_atomically, RunInfo, Summary};
use crate::{Error, Result};

use crate::chart::{Figure, PageChart};

/// The comparison table's file name.
pub const COMPARISON_CSV: &str = "comparison.csv";

/// The per-funder comparison's file name (only when a scenario's case has funders).
pub const COMPARISON_FUNDERS_CSV: &str = "comparison_funders.csv";
/// The input diff's file name.
pub const INPUT_DIFF_MD: &str = "input_diff.md";
/// The sweep table's file name.
pub const SWEEP_CSV: &str = "sweep.csv";
/// The folder of a comparison that holds every scenario's own plan outputs.
pub const PLANS_DIR: &str = "plans";

impl Scenario {
    /// Its name, file ([`Scenario::file_label`]) and description, as the outputs name
    /// it.
    pub fn identity(&self) -> ScenarioIdentity {
        ScenarioIdentity {
            name: self.name.clone(),
            file: self.file_label(),
            description: self.description.clone(),
        }
    }

    /// What summary.json records about this scenario.
    pub fn record(&self) -> ScenarioRecord {
        ScenarioRecord {
            identity: self.identity(),
            base: self.base_written.clone(),
            households_variant: self.households_variant.clone(),
            settings: self
                .settings
                .iter()
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
            factors: self.factors.clone(),
        }
    }
}

/// The run facts of a scenario's base case folder that the plan report shows (see
/// [`pipeline::run_info`]), and the scenario when it comes from a file.
fn run_info(scenario: &Scenario, timings: BTreeMap<String, f64>, lang: Lang) -> Result<RunInfo> {
    let mut run = pipeline::run_info(&scenario.base, timings, lang)?;
    run.scenario = scenario.file.is_some().then(|| scenario.record());
    Ok(run)
}

/// `restock plan`: reads the scenario (a plain case folder is a scenario without
/// changes, [`Scenario::plain_case`]), solves it and writes the plan's outputs to
/// `out_dir` (summary.json records the scenario when it comes from a file). Fails early,
/// before solving, if the output location cannot be used.
pub fn plan_scenario(
    scenario: &Scenario,
    out_dir: &Path,
    options: &PipelineOptions,
) -> Result<Summary> {
    check_output_location(out_dir)?;
    let (case, mut read) =
        scenario.build_variant_case(scenario.households_variant.clone(), options.robust)?;
    let robust_variants = case.settings.robust.as_ref().map(|r| r.variants.clone());
    let planned = match &robust_variants {
        None => Planned::Case(Box::new(case)),
        Some(variants) => {
            if options.solve.integer {
                return Err(crate::Error::Usage(crate::solve::INTEGER_REFUSED.into()));
            }
            // Robust mode (spec v2 §6b): the case once per variant.
            let mut cases = Vec::with_capacity(variants.len());
            for v in variants {
                let (c, t) = scenario.build_variant_case(Some(v.clone()), options.robust)?;
                read.read += t.read;
                read.validate += t.validate;
                cases.push(c);
            }
            Planned::Robust(cases)
        }
    };
    let mut timings = BTreeMap::new();
    timings.insert("read".to_string(), read.read);
    timings.insert("validate".to_string(), read.validate);
    let run = run_info(scenario, timings, options.output.lang)?;
    pipeline::run_and_write(&planned, options, out_dir, &run)
}

/// The result of `restock compare`.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Every scenario, solved, in the order given.
    pub solved: Vec<Solved>,
    /// The rows of comparison.csv.
    pub rows: Vec<Row>,
}

/// `restock compare`: reads every scenario file (all problems at once), solves them in
/// parallel on the current rayon pool and writes the comparison to `out_dir`.
/// `on_done` is called once per solved scenario.
pub fn compare(
    files: &[PathBuf],
    out_dir: &Path,
    options: &PipelineOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Comparison> {
    check_output_location(out_dir)?;
    let scenarios = compare::load_all(files)?;
    let solved = compare::solve_all(&scenarios, &options.solve, on_done)?;
    let rows = write_comparison(out_dir, &solved, options.output.lang)?;
    Ok(Comparison { solved, rows })
}

/// Writes a comparison into `out_dir`, atomically: comparison.csv, input_diff.md, the
/// charts, report.html and, in plans/, every scenario's own plan outputs. Returns the
/// rows of comparison.csv.
pub fn write_comparison(out_dir: &Path, solved: &[Solved], lang: Lang) -> Result<Vec<Row>> {
    let rows = compare::rows(solved);
    let plan_dirs = plan_folder_names(solved);
    write_dir_atomically(out_dir, |dir| {
        write_csv(
            &dir.join(COMPARISON_CSV),
            compare::HEADER,
            rows.iter().map(Row::cells),
        )?;
        let input_diff = diff::input_diff(solved, lang);
        let md_path = dir.join(INPUT_DIFF_MD);
        std::fs::write(&md_path, diff::markdown(&input_diff, lang))
            .map_err(|e| Error::io(&md_path, e))?;
        let data = views::compare_data(solved);
        let charts = [
            Figure::MismatchPerRegion(&data),
            Figure::StockTrajectories(&data),
        ]
        .iter()
        .map(|f| f.write(dir, lang))
        .collect::<Result<Vec<PageChart>>>()?;
        let plans = dir.join(PLANS_DIR);
        solved
            .par_iter()
            .zip(&plan_dirs)
            .map(|(s, name)| {
                let run = run_info(&s.scenario, s.plan.timings.clone(), lang)?;
                let out = plans.join(name);
                match &s.robust {
                    Some(r) => report::write_robust_outputs(&r.cases, &r.plan, &out, &run),
                    None => report::write_outputs(&s.case, &s.plan, &out, &run),
                }
                .map(|_| ())
            })
            .collect::<Result<Vec<()>>>()?;
        let entries = views::scenario_entries(solved, &plan_dirs, lang);
        let funder_rows = compare::funder_rows(solved);
        if !funder_rows.is_empty() {
            write_csv(
                &dir.join(COMPARISON_FUNDERS_CSV),
                report::comparison::FUNDERS_HEADER,
                funder_rows.iter().map(report::comparison::FunderRow::cells),
            )?;
        }
        let html =
            report::comparison::page(lang, &entries, &rows, &input_diff, &charts, &funder_rows);
        let html_path = dir.join("report.html");
        std::fs::write(&html_path, html).map_err(|e| Error::io(&html_path, e))
    })?;
    Ok(rows)
}

/// A folder name per scenario for plans/: its file's stem, made unique with `-2`, `-3`…
fn plan_folder_names(solved: &[Solved]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for s in solved {
        let stem = s.scenario.file_stem();
        let mut name = stem.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Writes a CSV file with `header` and `rows` the way every output is written.
fn write_csv(
    path: &Path,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, e.into());
    let mut w = csv_writer(path)?;
    w.write_record(header).map_err(csv_err)?;
    for row in rows {
        w.write_record(&row).map_err(csv_err)?;
    }
    w.flush().map_err(|e| Error::io(path, e))
}

/// What `restock sweep` varies, and over which grid.
#[derive(Debug, Clone, Copy)]
pub struct SweepRequest<'a> {
    /// The case to sweep (a plain case folder is a scenario without changes).
    pub scenario: &'a Scenario,
    /// The setting varied.
    pub parameter: Parameter,
    /// Its values.
    pub grid: Grid,
    /// The grid as the user wrote it (`FROM:TO:STEP`), for the report.
    pub grid_text: &'a str,
}

/// `restock sweep`: builds the scenario's case, solves it at every point of the grid in
/// parallel on the current rayon pool, and writes sweep.csv, the chart and report.html
/// to `out_dir`. `on_done` is called once per solved point.
pub fn run_sweep(
    request: &SweepRequest<'_>,
    out_dir: &Path,
    options: &PipelineOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Sweep> {
    check_output_location(out_dir)?;
    let case: Case = request.scenario.build_case()?;
    let values = request.grid.values();
    let result = match robust::variant_cases(request.scenario, &case)? {
        Some(cases) => robust::sweep(&cases, request.parameter, &values, &options.solve, on_done)?,
        None => sweep::run(&case, request.parameter, &values, &options.solve, on_done)?,
    };
    write_sweep(
        out_dir,
        (
            request.scenario,
            &case.title(options.output.lang),
            request.parameter.current(&case),
        ),
        &result,
        request.grid_text,
        options.output.lang,
    )?;
    Ok(result)
}

/// Writes sweep.csv, charts/sweep.svg and .png and report.html into `out_dir`,
/// atomically.
pub fn write_sweep(
    out_dir: &Path,
    (scenario, title, current): (&Scenario, &str, f64),
    result: &Sweep,
    grid_text: &str,
    lang: Lang,
) -> Result<()> {
    write_dir_atomically(out_dir, |dir| {
        write_csv(
            &dir.join(SWEEP_CSV),
            &sweep::csv_header(result.parameter),
            sweep::csv_rows(result),
        )?;
        // A robust case sweeps E: its name says so in the chart and on the page.
        let name = if result.robust {
            crate::labels::SWEEP_ROBUST_NAME.format(lang, &[&scenario.name])
        } else {
            scenario.name.clone()
        };
        let data = views::sweep_data(result, &name, title, current);
        let chart = Figure::Sweep(&data).write(dir, lang)?;
        let base = scenario.base.display().to_string();
        let reductions = views::reductions(result);
        let html = report::sweep_page::page(&report::sweep_page::SweepPage {
            lang,
            name: &name,
            title,
            base: &base,
            grid: grid_text,
            axis: views::axis(result.parameter),
            column: result.parameter.column(),
            points: &result.points,
            reductions: &reductions,
            knee: result.knee,
            knee_slopes: result.knee_slopes(),
            current: views::current_point(result, current),
            funded_by_sales: views::funded_by_sales(result),
            chart: &chart,
        });
        let path = dir.join("report.html");
        std::fs::write(&path, html).map_err(|e| Error::io(&path, e))
    })
}
