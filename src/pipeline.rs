//! The pipeline: the one way a validated case becomes a solved plan, its summary and its
//! output folder. `restock plan` (a case folder or a scenario), `compare` and `sweep`
//! all go through it; they differ only in where the case comes from and what they write
//! around it.
//!
//! ```text
//! Case ──solve_case──▶ Plan ──run──▶ Outcome (plan + Summary)
//!                          └──run_and_write──▶ output folder (report::write_outputs)
//! ```
//!
//! The choice between solving the case as one model ([`crate::solve`]) and region by
//! region ([`crate::decompose`], `--by-region`) is made here, above the solver, so the
//! solver and the decomposition do not depend on each other in a circle.

use std::collections::BTreeMap;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::case::Case;
use crate::chart::Lang;
use crate::decompose;
use crate::plan::Plan;
use crate::report::{self, RunInfo, Summary};
use crate::solve::{self, SolveOptions};
use crate::Result;

/// How the outputs are written: what the command line says beyond reading and solving.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputOptions {
    /// The language of the charts, report.html and report.xlsx (`--lang`).
    pub lang: Lang,
    /// Show a progress bar on stderr while solving region by region (drawn only when
    /// stderr is a terminal).
    pub progress: bool,
}

/// Everything a command says about solving and writing, besides what to solve and
/// where to write it.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// How to solve (solver, `--integer`, limits, `--by-region`).
    pub solve: SolveOptions,
    /// How to write the outputs.
    pub output: OutputOptions,
    /// `--robust`: robust mode (spec v2 §6b) with the defaults of §3 when settings.toml
    /// has no `[robust]` table.
    pub robust: bool,
}

/// A case solved: the plan and the key figures summary.json would hold (without the
/// timings of writing).
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The plan.
    pub plan: Plan,
    /// Its key figures.
    pub summary: Summary,
}

/// Solves the case: as one model, or with `options.by_region` region by region
/// ([`decompose::solve_by_region`]).
pub fn solve_case(case: &Case, options: &SolveOptions) -> Result<Plan> {
    solve_showing_progress(case, options, false)
}

/// Solves the case as [`solve_case`] does; with `options.by_region` and `progress`,
/// shows a progress bar of the regions solved on stderr (when it is a terminal).
pub fn solve_showing_progress(case: &Case, options: &SolveOptions, progress: bool) -> Result<Plan> {
    if case.settings.robust.is_some() {
        // Only `plan` solves robust cases ([`run_and_write_robust`], one case per
        // variant); one plan for one variant would answer another question.
        return Err(crate::Error::Usage(
            "compare and sweep do not plan robust cases yet: leave out the [robust] table \
             (or [settings.robust]) and plan each variant with households_variant, or use \
             restock plan"
                .into(),
        ));
    }
    if !options.by_region {
        return solve::solve(case, options);
    }
    if !progress {
        return decompose::solve_by_region(case, options);
    }
    let bar = progress_bar(case.regions.len(), "solving regions");
    let plan = decompose::solve_by_region_with(case, options, &|| {
        bar.inc(1);
        if Some(bar.position()) == bar.length() {
            // What remains is sharing out the stage-2 slack (a few regions again).
            bar.set_message("balancing the regions");
        }
    });
    bar.finish_and_clear();
    plan
}

/// Solves the case ([`solve_case`]) and summarises the plan.
pub fn run(case: &Case, options: &SolveOptions) -> Result<Outcome> {
    let plan = solve_case(case, options)?;
    let summary = Summary::new(case, &plan, plan.timings.clone());
    Ok(Outcome { plan, summary })
}

/// Solves the case (with a progress bar if `options.output.progress`) and writes every
/// output of the plan to `out_dir`, atomically ([`report::write_outputs`]); returns the
/// summary as written to summary.json. Callers check the output location
/// ([`crate::outdir::check_output_location`]) before reading the case, so that a bad
/// location fails before any work.
pub fn run_and_write(
    case: &Case,
    options: &PipelineOptions,
    out_dir: &Path,
    run: &RunInfo,
) -> Result<Summary> {
    let plan = solve_showing_progress(case, &options.solve, options.output.progress)?;
    report::write_outputs(case, &plan, out_dir, run)
}

/// Solves a robust case (spec v2 §6b, [`solve::solve_robust`]; `cases[ω]` is the case
/// read with variant ω of robust.variants) and writes its outputs to `out_dir`,
/// atomically ([`report::write_robust_outputs`]).
pub fn run_and_write_robust(
    cases: &[Case],
    options: &PipelineOptions,
    out_dir: &Path,
    run: &RunInfo,
) -> Result<Summary> {
    let robust = solve::solve_robust(cases, &options.solve)?;
    report::write_robust_outputs(cases, &robust, out_dir, run)
}

/// The run facts of a case folder that the plan report shows: its README.md and its
/// boundaries.geojson (for the map), when they exist, with the timings measured so far
/// and the language. No scenario is recorded; the caller sets one.
pub fn run_info(case_dir: &Path, timings: BTreeMap<String, f64>, lang: Lang) -> Result<RunInfo> {
    Ok(RunInfo {
        timings,
        lang,
        case_readme: optional_text(&case_dir.join(CASE_README))?,
        case_leesmij: optional_text(&case_dir.join(CASE_LEESMIJ))?,
        boundaries_geojson: optional_text(&case_dir.join(CASE_BOUNDARIES))?,
        scenario: None,
    })
}

/// A progress bar on stderr, drawn only when stderr is a terminal (indicatif hides it
/// otherwise, so pipes, files and tests see nothing).
pub fn progress_bar(len: usize, message: &'static str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message);
    bar
}

/// The case folder's description of its sources and assumptions, shown in report.html.
pub const CASE_README: &str = "README.md";
/// The case folder's Dutch summary (sources and assumptions in plain Dutch), shown by
/// the Dutch report instead of README.md.
pub const CASE_LEESMIJ: &str = "LEESMIJ.md";
/// The case folder's municipal boundaries (GeoJSON), drawn as the map.
pub const CASE_BOUNDARIES: &str = "boundaries.geojson";

/// The text of a file that may be absent (`None`); not UTF-8 is read lossily.
pub fn optional_text(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::Error::io(path, e)),
    }
}
