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
use crate::plan::{Plan, RobustPlan};
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
        // Only `plan` solves robust cases ([`run_and_write`], one case per
        // variant); one plan for one variant would answer another question.
        return Err(crate::Error::Usage(
            "compare and sweep do not plan robust cases yet: leave out the [robust] table \
             (or [settings.robust]) and plan each variant with households_variant, or use \
             restock plan"
                .into(),
        ));
    }
    if !options.by_region {
        if options.integer && progress {
            return solve_integer_showing_progress(case, options);
        }
        return solve::solve(case, options);
    }
    if !progress {
        return decompose::solve_by_region(case, options);
    }
    let message = if options.integer {
        "solving regions (whole dwellings)"
    } else {
        "solving regions"
    };
    with_region_bar(case.regions.len(), message, |tick| {
        decompose::solve_by_region_with(case, options, tick)
    })
}

/// Runs `solve` with a progress bar of `regions` steps on stderr, which `solve` ticks
/// once per region solved; after the last, what remains is sharing out the stage-2
/// slack (a few regions again), and the bar says so.
fn with_region_bar<T>(
    regions: usize,
    message: &'static str,
    solve: impl FnOnce(&(dyn Fn() + Sync)) -> T,
) -> T {
    let bar = progress_bar(regions, message);
    let result = solve(&|| {
        bar.inc(1);
        if Some(bar.position()) == bar.length() {
            bar.set_message("balancing the regions");
        }
    });
    bar.finish_and_clear();
    result
}

/// `--integer` as one model with a refreshed line on stderr (only when it is a terminal):
/// the stage, the best plan's mismatch or cost, the gap and the time against the limit.
fn solve_integer_showing_progress(case: &Case, options: &SolveOptions) -> Result<Plan> {
    let limit = options.overall_time_limit().unwrap_or_default();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let template =
        format!("{{spinner}} {{msg}} · {{elapsed}} of {limit} s · Ctrl-C: stop, keep the best");
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let shown = bar.clone();
    let progress = solve::ProgressFn(Some(std::sync::Arc::new(move |p: solve::MipProgress| {
        shown.set_message(mip_progress_text(p));
    })));
    let with_progress = SolveOptions {
        progress,
        ..options.clone()
    };
    let plan = solve::solve(case, &with_progress);
    bar.finish_and_clear();
    plan
}

/// The progress line's text for `p`.
pub fn mip_progress_text(p: solve::MipProgress) -> String {
    match p {
        solve::MipProgress::Relaxation => "whole dwellings: LP relaxation, first plan".to_string(),
        solve::MipProgress::Stage {
            stage,
            objective,
            gap,
        } => {
            let gap = if gap.is_finite() {
                format!("gap {:.2} %", gap * 100.0)
            } else {
                "gap –".to_string()
            };
            if stage == 1 {
                format!("stage 1 (fit): best {objective:.0} dwelling-years, {gap}")
            } else {
                format!("stage 2 (cost): best {objective:.1} M EUR, {gap}")
            }
        }
    }
}

/// Solves the case ([`solve_case`]) and summarises the plan.
pub fn run(case: &Case, options: &SolveOptions) -> Result<Outcome> {
    let plan = solve_case(case, options)?;
    let summary = Summary::new(case, &plan, plan.timings.clone());
    Ok(Outcome { plan, summary })
}

/// What one plan is made for: a case, or a robust case read once per variant.
#[derive(Debug, Clone)]
pub enum Planned {
    /// One case (boxed: a case is large beside a list of them).
    Case(Box<Case>),
    /// Robust mode (spec v2 §6b): `cases[ω]` is the case read with variant ω of
    /// robust.variants; one plan serves them all.
    Robust(Vec<Case>),
}

/// Solves what is planned (with a progress bar if `options.output.progress`): a case as
/// [`solve_showing_progress`] does, a robust case as [`solve_robust_showing_progress`]
/// does; then writes every output of the plan to `out_dir`, atomically
/// ([`report::write_outputs`], [`report::write_robust_outputs`]), and returns the summary
/// as written to summary.json. Callers check the output location
/// ([`crate::outdir::check_output_location`]) before reading the case, so that a bad
/// location fails before any work.
pub fn run_and_write(
    planned: &Planned,
    options: &PipelineOptions,
    out_dir: &Path,
    run: &RunInfo,
) -> Result<Summary> {
    let progress = options.output.progress;
    match planned {
        Planned::Case(case) => {
            let plan = solve_showing_progress(case, &options.solve, progress)?;
            report::write_outputs(case, &plan, out_dir, run)
        }
        Planned::Robust(cases) => {
            let robust = solve_robust_showing_progress(cases, &options.solve, progress)?;
            report::write_robust_outputs(cases, &robust, out_dir, run)
        }
    }
}

/// Whether a robust case is solved region by region ([`decompose::solve_robust_by_region`])
/// rather than as one model ([`solve::solve_robust`]): for criterion "expected" on more
/// than one region, with HiGHS always (the regions' shares of stage 2's slack are exact,
/// and one region's model with every variant in it is what keeps robust mode within
/// three times a plain plan's memory), with Clarabel only with `--by-region` (as for a
/// plain plan: without pass 2 its expected cost may be above the one model's by up to
/// the value of the slack). Criterion "regret" does not split over regions.
pub fn robust_by_region(cases: &[Case], options: &SolveOptions) -> bool {
    let Some(case) = cases.first() else {
        return false;
    };
    let expected = case
        .settings
        .robust
        .as_ref()
        .is_some_and(|r| r.criterion == crate::case::Criterion::Expected);
    expected
        && case.regions.len() > 1
        && (options.by_region || options.solver == solve::SolverChoice::Highs)
}

/// Solves a robust case: region by region when [`robust_by_region`] says so, with a
/// progress bar of the regions on stderr if `progress` (when it is a terminal), else as
/// one model.
pub fn solve_robust_showing_progress(
    cases: &[Case],
    options: &SolveOptions,
    progress: bool,
) -> Result<RobustPlan> {
    if !robust_by_region(cases, options) {
        return solve::solve_robust(cases, options);
    }
    if !progress {
        return decompose::solve_robust_by_region(cases, options);
    }
    with_region_bar(cases[0].regions.len(), "solving regions", |tick| {
        decompose::solve_robust_by_region_with(cases, options, tick)
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::MipProgress;

    #[test]
    fn the_progress_line_names_the_stage_best_plan_and_gap() {
        let stage = |stage, objective, gap| MipProgress::Stage {
            stage,
            objective,
            gap,
        };
        assert_eq!(
            mip_progress_text(stage(1, 353955.6, 0.0004)),
            "stage 1 (fit): best 353956 dwelling-years, gap 0.04 %"
        );
        assert_eq!(
            mip_progress_text(stage(2, 1085.37, f64::INFINITY)),
            "stage 2 (cost): best 1085.4 M EUR, gap –"
        );
        assert!(mip_progress_text(MipProgress::Relaxation).contains("LP relaxation"));
    }
}
