//! The whole pipeline for one case: read → solve → write, with the time of each phase.
//! The binary and later commands (compare, sweep) call this rather than wiring the
//! stages themselves.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::case::Case;
use crate::chart::Lang;
use crate::decompose;
use crate::input::{read_case_timed, ReadOptions};
use crate::plan::Plan;
use crate::report::{self, RunInfo, Summary};
use crate::solve::{solve, SolveOptions};
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

/// Reads, solves and writes one case with the default output options (Dutch); returns
/// the summary that summary.json holds. Fails early, before solving, if the output
/// location cannot be used.
pub fn plan_case(
    case_dir: &Path,
    out_dir: &Path,
    read: &ReadOptions,
    options: &SolveOptions,
) -> Result<Summary> {
    plan_case_with(case_dir, out_dir, read, options, &OutputOptions::default())
}

/// Reads, solves and writes one case; returns the summary that summary.json holds.
/// Besides the case's input files, the case folder's README.md (sources and
/// assumptions, for report.html) and boundaries.geojson (for the map) are read when
/// they exist. Fails early, before solving, if the output location cannot be used.
pub fn plan_case_with(
    case_dir: &Path,
    out_dir: &Path,
    read: &ReadOptions,
    options: &SolveOptions,
    output: &OutputOptions,
) -> Result<Summary> {
    report::atomic::check_output_location(out_dir)?;
    let clock = Instant::now();
    let (case, read_timings) = read_case_timed(case_dir, read)?;
    let case_readme = optional_text(&case_dir.join(CASE_README))?;
    let boundaries_geojson = optional_text(&case_dir.join(CASE_BOUNDARIES))?;
    let mut timings = BTreeMap::new();
    // Reading the README and the boundaries counts as reading.
    let read_seconds = clock.elapsed().as_secs_f64() - read_timings.validate;
    timings.insert("read".to_string(), read_seconds.max(0.0));
    timings.insert("validate".to_string(), read_timings.validate);
    let plan = solve_showing_progress(&case, options, output.progress)?;
    let run = RunInfo {
        timings,
        lang: output.lang,
        case_readme,
        boundaries_geojson,
        scenario: None,
    };
    report::write_outputs(&case, &plan, out_dir, &run)
}

/// Solves the case as [`solve`] does; with `options.by_region` and `progress`, shows a
/// progress bar of the regions solved on stderr (when it is a terminal).
pub fn solve_showing_progress(case: &Case, options: &SolveOptions, progress: bool) -> Result<Plan> {
    if !(options.by_region && progress) {
        return solve(case, options);
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
/// The case folder's municipal boundaries (GeoJSON), drawn as the map.
pub const CASE_BOUNDARIES: &str = "boundaries.geojson";

/// The text of a file that may be absent (`None`); not UTF-8 is read lossily.
fn optional_text(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::Error::io(path, e)),
    }
}

/// What `restock validate` prints: the shape of the case and its warnings.
pub fn describe(case: &Case) -> String {
    let mut s = String::new();
    let periods: Vec<String> = case
        .periods
        .iter()
        .map(|p| format!("{}–{}", p.start, p.end))
        .collect();
    let _ = writeln!(s, "case {}: valid", case.name);
    let _ = writeln!(s, "  municipalities: {}", case.municipalities.len());
    let _ = writeln!(
        s,
        "  regions:        {} ({})",
        case.regions.len(),
        case.regions.join(", ")
    );
    let segments: Vec<&str> = case.segments.iter().map(|x| x.id.as_str()).collect();
    let _ = writeln!(
        s,
        "  segments:       {} ({})",
        segments.len(),
        segments.join(", ")
    );
    let _ = writeln!(s, "  transformations: {}", case.transformations.len());
    let _ = writeln!(s, "  base year:      {}", case.settings.base_year);
    let _ = writeln!(
        s,
        "  periods:        {} ({})",
        periods.len(),
        periods.join(", ")
    );
    let _ = writeln!(s, "  variant:        {}", case.settings.households_variant);
    let _ = writeln!(s, "  mode:           {}", case.mode.as_str());
    let _ = writeln!(
        s,
        "  carry-over:     {}",
        if case.settings.budget_carry_over {
            "yes"
        } else {
            "no"
        }
    );
    if case.warnings.is_empty() {
        let _ = writeln!(s, "  warnings:       none");
    } else {
        let _ = writeln!(s, "  warnings:       {}", case.warnings.len());
        for w in &case.warnings {
            let _ = writeln!(s, "    - {w}");
        }
    }
    s
}
