//! What the binary prints, as text: the short tables of `plan`, `compare` and `sweep`,
//! the description of `validate` and the report of `import-cbs`. Each function returns
//! the whole text (ending in a newline), so the binary only prints it and tests can read
//! it.

use std::fmt::Write as _;
use std::path::Path;

use crate::case::Case;
use crate::import::ImportSummary;
use crate::lang::Lang;
use crate::numfmt::fmt_num;
use crate::report::summary::{IntegerSummary, RobustSummary};
use crate::report::Summary;
use crate::scenario::{Comparison, Grid, Scenario, Sweep};
use crate::Warning;

/// A number rounded for a table, without a `-0`.
fn whole(x: f64) -> f64 {
    x.round() + 0.0
}

/// The seven figures of a table row, in the columns' order, from a region's summary, a
/// plan's summary or a comparison row: the fields share their names but for the plan's
/// mismatch and the money spent.
macro_rules! figures {
    ($r:expr, $mismatch_plan:ident, $spent:ident) => {
        [
            $r.mismatch_do_nothing,
            $r.$mismatch_plan,
            $r.demolished,
            $r.transformed,
            $r.built,
            $r.$spent,
            $r.budget_eur,
        ]
    };
}

/// A row of a plan's or a comparison's table: a name column of `width` and the seven
/// figures of a region, a plan or a scenario.
fn figures_row(s: &mut String, width: usize, name: &str, figures: [f64; 7]) {
    let [now, plan, demolished, transformed, built, spent, budget] = figures;
    let _ = writeln!(
        s,
        "{name:<width$} {now:>14.0} {plan:>14.0} {demolished:>11.0} {transformed:>11.0} \
         {built:>11.0} {spent:>14.0} {budget:>14.0}"
    );
}

/// The header of a figures table, with the name column `name` and the spending column
/// `spent`.
fn figures_header(s: &mut String, width: usize, name: &str, spent: &str) {
    let _ = writeln!(
        s,
        "{name:<width$} {:>14} {:>14} {:>11} {:>11} {:>11} {spent:>14} {:>14}",
        "mismatch now", "mismatch plan", "demolished", "transformed", "built", "budget (EUR)"
    );
}

/// What `restock plan` prints: the scenario (when it comes from a file), the plan's
/// table per region and in total, and where the outputs are.
pub fn plan(scenario: &Scenario, summary: &Summary, out_dir: &Path) -> String {
    let mut s = String::new();
    if let Some(file) = &scenario.file {
        let _ = writeln!(s, "Scenario: {} ({})", scenario.name, file.display());
    }
    let _ = writeln!(
        s,
        "restock {} — case {}: {} municipalities, {} regions, {} mode, solver {}{}",
        summary.version,
        summary.case,
        summary.municipalities,
        summary.regions,
        summary.mode,
        summary.solver,
        if summary.integer { " (integer)" } else { "" },
    );
    if summary.status != "optimal" {
        let _ = writeln!(
            s,
            "WARNING: the solve ended with status {}: this plan is not proven optimal.",
            summary.status
        );
    }
    if let Some(run) = &summary.integer_run {
        integer_lines(&mut s, run);
    }
    s.push('\n');
    if let Some(robust) = &summary.robust {
        robust_table(&mut s, robust);
    } else {
        figures_header(&mut s, 24, "region", "spent (EUR)");
        for r in &summary.regions_detail {
            figures_row(&mut s, 24, &r.region, figures!(r, mismatch_plan, spent_eur));
        }
        let total = figures!(summary, mismatch, net_cost_eur);
        figures_row(&mut s, 24, "total", total);
    }
    let _ = writeln!(
        s,
        "\nMismatch in weighted dwelling-years (do-nothing vs plan); gross cost {:.0} EUR, net {:.0} EUR.",
        summary.gross_cost_eur, summary.net_cost_eur
    );
    let _ = writeln!(s, "\nOutputs written to {}", out_dir.display());
    s
}

/// What a `--integer` run says besides the table: the gap in words, what whole
/// dwellings cost against the LP plan, and how the time limit was spent.
fn integer_lines(s: &mut String, run: &IntegerSummary) {
    let _ = writeln!(
        s,
        "Whole dwellings: {}{}; against the LP plan in fractions of dwellings: \
         mismatch {:+.1} weighted dwelling-years, gross cost {:+.0} EUR.",
        run.gap_words.en,
        run.mip_gap_stage2
            .map_or(String::new(), |g| format!(" (gap {g})")),
        run.whole_minus_relaxation.mismatch,
        run.whole_minus_relaxation.gross_cost_eur,
    );
    let t = &run.seconds;
    let _ = writeln!(
        s,
        "Time: LP relaxation and first plan {:.1} s, stage 1 (fit) {:.1} s, stage 2 (cost) \
         {:.1} s, of the {} s limit ({}).",
        t.relaxation,
        t.stage1,
        t.stage2,
        run.time_limit_s,
        if run.interrupted {
            "interrupted with Ctrl-C"
        } else if run.time_limit_reached {
            "reached"
        } else {
            "not reached"
        }
    );
}

/// A robust plan's table: one row per variant (weight, do-nothing, the robust plan's
/// mismatch, the variant's own optimum, the regret, the gross cost), then E, the worst
/// regret and EVPI. The per-region figures of a robust plan differ per variant, so they
/// are left to the output files.
fn robust_table(s: &mut String, robust: &RobustSummary) {
    let _ = writeln!(
        s,
        "Robust plan over {} variants, criterion {}: the first {} period(s) are one \
         commitment for every variant (commitment.csv).\n",
        robust.variants.len(),
        robust.criterion,
        robust.commit_periods
    );
    let _ = writeln!(
        s,
        "{:<24} {:>7} {:>14} {:>14} {:>14} {:>11} {:>16}",
        "variant",
        "weight",
        "mismatch now",
        "mismatch plan",
        "own optimum",
        "regret",
        "gross cost (EUR)"
    );
    for v in &robust.variants {
        let _ = writeln!(
            s,
            "{:<24} {:>7.3} {:>14.0} {:>14.0} {:>14.0} {:>11.0} {:>16.0}",
            v.name,
            v.weight,
            v.mismatch_do_nothing,
            v.mismatch,
            v.mismatch_alone,
            v.regret,
            v.gross_cost_eur
        );
    }
    let _ = writeln!(
        s,
        "\nExpected mismatch {:.0}, worst regret {:.0}, value of knowing the future \
         (EVPI) {:.0} weighted dwelling-years.",
        robust.expected_mismatch, robust.max_regret, robust.evpi
    );
}

/// What `restock compare` prints: every scenario's total, warnings for plans not proven
/// optimal, and where the outputs are.
pub fn comparison(comparison: &Comparison, out_dir: &Path) -> String {
    let mut s = String::new();
    let totals = || comparison.rows.iter().filter(|r| r.is_total());
    // The name column fits the longest scenario name (at least 28 characters wide).
    let width = totals()
        .map(|r| r.scenario.chars().count() + 1)
        .fold(28, usize::max);
    figures_header(&mut s, width, "scenario", "net cost (EUR)");
    for r in totals() {
        let figures = figures!(r.figures, mismatch_plan, spent_eur);
        figures_row(&mut s, width, &r.scenario, figures.map(whole));
    }
    for (solved, robust) in comparison
        .solved
        .iter()
        .filter_map(|x| x.summary.robust.as_ref().map(|r| (x, r)))
    {
        let _ = writeln!(
            s,
            "Robust scenario {} ({} variants, criterion {}): its mismatch is the expected \
             mismatch E {:.0}, its gross cost the expected {:.0} EUR; worst regret {:.0}, \
             EVPI {:.0} weighted dwelling-years.",
            solved.scenario.name,
            robust.variants.len(),
            robust.criterion,
            robust.expected_mismatch,
            solved.summary.gross_cost_eur,
            robust.max_regret,
            robust.evpi
        );
    }
    for solved in comparison
        .solved
        .iter()
        .filter(|x| x.summary.status != "optimal")
    {
        let _ = writeln!(
            s,
            "WARNING: scenario {} ended with status {}: not proven optimal.",
            solved.scenario.name, solved.summary.status
        );
    }
    let _ = writeln!(
        s,
        "\nMismatch in weighted dwelling-years (do-nothing vs plan). Per region: \
         comparison.csv; what differs: input_diff.md.\nOutputs written to {}",
        out_dir.display()
    );
    s
}

/// What `restock sweep` prints: every point, the knee and what it means, a note when the
/// grid stops short of its end, and where the outputs are.
pub fn sweep(sweep: &Sweep, grid: &Grid, out_dir: &Path) -> String {
    let mut s = String::new();
    let column = sweep.parameter.column();
    let _ = writeln!(
        s,
        "{:>5} {:>16} {:>16} {:>14} {:>14} {:>16}",
        "point", column, "budget (EUR)", "mismatch", "do-nothing", "net cost (EUR)"
    );
    for (i, p) in sweep.points.iter().enumerate() {
        let _ = writeln!(
            s,
            "{:>5} {:>16} {:>16.0} {:>14.0} {:>14.0} {:>16.0}{}",
            p.index + 1,
            fmt_num(p.value),
            whole(p.budget_eur),
            whole(p.mismatch),
            whole(p.mismatch_do_nothing),
            whole(p.net_cost_eur),
            if sweep.knee == Some(i) {
                "  <- knee"
            } else {
                ""
            }
        );
    }
    if let (Some(k), Some((before, after))) = (
        sweep.knee.and_then(|k| sweep.points.get(k)),
        sweep.knee_slopes(),
    ) {
        let _ = writeln!(
            s,
            "\nKnee at {column} {}: up to it one million removes {before:.1} weighted \
             dwelling-years of mismatch on average, beyond it {after:.1}.",
            fmt_num(k.value)
        );
    }
    if let Some(last) = grid
        .values()
        .last()
        .filter(|v| (**v - grid.to).abs() > 1e-9)
    {
        let _ = writeln!(
            s,
            "Note: {} is not a whole number of steps from {}; the grid stops at {}.",
            grid.to,
            grid.from,
            fmt_num(*last)
        );
    }
    if sweep.robust {
        let _ = writeln!(
            s,
            "Robust case: every point's mismatch is the expected mismatch E over the \
             variants, its other figures the weighted means over the variants."
        );
    }
    let _ = writeln!(s, "\nOutputs written to {}", out_dir.display());
    s
}

/// What `restock import-cbs` prints: what the case holds, the notes, and where it is.
pub fn import(summary: &ImportSummary, out_dir: &Path) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "restock import-cbs: {} municipalities in {} regions, base year {}: {} dwellings, {} \
         households (Bron: CBS)",
        summary.municipalities,
        summary.regions,
        summary.base_year,
        summary.dwellings,
        summary.households
    );
    let _ = writeln!(
        s,
        "households variants (scenario assumptions): {}; settings.toml selects {}",
        summary.variants.join(", "),
        summary.variant
    );
    for w in &summary.warnings {
        let _ = writeln!(s, "note: {w}");
    }
    let _ = writeln!(
        s,
        "Case written to {} ({})",
        out_dir.display(),
        summary.files.join(", ")
    );
    s
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
    if case.funders.active() {
        // Only with funders (spec v2): a v1 case prints what it printed before.
        let names: Vec<&str> = case
            .funders
            .names
            .iter()
            .map(|n| {
                if n.is_empty() {
                    "\"\" (common)"
                } else {
                    n.as_str()
                }
            })
            .collect();
        let rules = case.funders.rules.as_ref().map_or(0, Vec::len);
        let _ = writeln!(
            s,
            "  funders:        {} ({}); {} funding rule{}",
            names.len(),
            names.join(", "),
            rules,
            if rules == 1 { "" } else { "s" }
        );
    }
    if case.warnings.is_empty() {
        let _ = writeln!(s, "  warnings:       none");
    } else {
        // The warnings themselves are printed on stderr ([`warnings`]), as by every
        // command that reads a case.
        let _ = writeln!(
            s,
            "  warnings:       {} (listed above)",
            case.warnings.len()
        );
    }
    s
}

/// What every command that reads a case prints on stderr before its own text: the number
/// of warnings in `lang` ("2 waarschuwingen:") and each with its file and line, or
/// nothing when there are none. `heading` names whose warnings they are (a scenario's
/// base case in `compare`), if needed.
pub fn warnings(warnings: &[Warning], heading: Option<&str>, lang: Lang) -> String {
    let mut s = String::new();
    if warnings.is_empty() {
        return s;
    }
    let n = warnings.len();
    let count = match (lang, n) {
        (Lang::Nl, 1) => "1 waarschuwing".to_string(),
        (Lang::Nl, _) => format!("{n} waarschuwingen"),
        (Lang::En, 1) => "1 warning".to_string(),
        (Lang::En, _) => format!("{n} warnings"),
    };
    match heading {
        Some(h) => {
            let _ = writeln!(s, "{h}: {count}:");
        }
        None => {
            let _ = writeln!(s, "{count}:");
        }
    }
    for w in warnings {
        let _ = writeln!(s, "  {} {}", lang.pick("let op:", "warning:"), w.text(lang));
    }
    s
}

/// The warnings of `compare` on stderr: per base case folder once (scenarios on the same
/// base share its warnings), headed by the folder when the scenarios have more than one.
pub fn comparison_warnings(comparison: &Comparison, lang: Lang) -> String {
    let mut groups: Vec<(String, &[Warning])> = Vec::new();
    for solved in &comparison.solved {
        let base = solved.scenario.base.display().to_string();
        let warnings = solved.case.warnings.as_slice();
        if !groups.iter().any(|(b, w)| *b == base && *w == warnings) {
            groups.push((base, warnings));
        }
    }
    let several = groups.len() > 1;
    groups
        .iter()
        .map(|(base, w)| warnings(w, several.then_some(base.as_str()), lang))
        .collect()
}

/// What `restock generate` prints: the size of the synthetic case and where it went.
pub fn generated(case: &Case, out: &Path) -> String {
    format!(
        "wrote a synthetic case of {} municipalities in {} regions to {}\n",
        case.municipalities.len(),
        case.regions.len(),
        out.display()
    )
}

/// The warning `restock serve` prints when it listens beyond this machine (empty on
/// loopback).
pub fn serve_host_warning(host: std::net::IpAddr) -> String {
    if crate::serve::is_loopback(host) {
        return String::new();
    }
    format!(
        "warning: listening on {host} makes restock reachable from other machines, without \
         a login; use --host 127.0.0.1 to keep it on this machine\n"
    )
}
