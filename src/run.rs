//! The whole pipeline for one case: read → solve → write, with the time of each phase.
//! The binary and later commands (compare, sweep) call this rather than wiring the
//! stages themselves.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use crate::case::Case;
use crate::input::{read_case, ReadOptions};
use crate::report::{self, RunInfo, Summary};
use crate::solve::{solve, SolveOptions};
use crate::Result;

/// Reads, solves and writes one case; returns the summary that summary.json holds.
/// Fails early, before solving, if the output location cannot be used.
pub fn plan_case(
    case_dir: &Path,
    out_dir: &Path,
    read: &ReadOptions,
    options: &SolveOptions,
) -> Result<Summary> {
    report::atomic::check_output_location(out_dir)?;
    let clock = Instant::now();
    let case = read_case(case_dir, read)?;
    let mut timings = BTreeMap::new();
    timings.insert("read".to_string(), clock.elapsed().as_secs_f64());
    let plan = solve(&case, options)?;
    report::write_outputs(&case, &plan, out_dir, &RunInfo { timings })
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
