//! What the binary prints, as text: the short tables of `plan`, `compare` and `sweep`,
//! the description of `validate` and the report of `import-cbs`. Each function returns
//! the whole text (ending in a newline), so the binary only prints it and tests can read
//! it.

use std::fmt::Write as _;
use std::path::Path;

use crate::case::Case;
use crate::import::ImportSummary;
use crate::labels::{self, Label};
use crate::lang::Lang;
use crate::report::summary::{IntegerSummary, RobustSummary};
use crate::report::Summary;
use crate::scenario::{Comparison, Grid, Scenario, Sweep};
use crate::Warning;

/// A table as text: the first column left-aligned, the others right-aligned, every
/// column as wide as its widest cell; `marks` are appended to their rows (e.g. the knee).
fn text_table(s: &mut String, head: &[String], rows: &[Vec<String>], marks: &[&str]) {
    let columns = head.len();
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            widths[c] = widths[c].max(cell.chars().count());
        }
    }
    let mut line = |cells: &[String], mark: &str| {
        let mut text = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c == 0 {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str("  ");
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
        }
        let _ = writeln!(s, "{}{mark}", text.trim_end());
    };
    line(head, "");
    for (i, row) in rows.iter().enumerate() {
        line(row, marks.get(i).copied().unwrap_or(""));
    }
}

/// Euros as millions with one decimal, for a column headed "(€ mln)": `205,6` / `205.6`.
fn mln(lang: Lang, eur: f64) -> String {
    lang.dec(eur / 1e6, 1)
}

/// The head of a table of the seven figures: the name column `name` and the spending
/// column `spent`.
fn figures_head(lang: Lang, name: Label, spent: Label) -> Vec<String> {
    [
        name,
        labels::T_MISMATCH_NOW,
        labels::T_MISMATCH_PLAN,
        labels::T_DEMOLISHED,
        labels::T_TRANSFORMED,
        labels::T_BUILT,
        spent,
        labels::T_BUDGET_MLN,
    ]
    .iter()
    .map(|l| lang.get(*l).to_string())
    .collect()
}

/// A row of the seven figures: mismatch (weighted dwelling-years) and dwellings whole,
/// money in € mln with one decimal, thousands grouped in the language's way.
fn figures_row(lang: Lang, name: &str, figures: [f64; 7]) -> Vec<String> {
    let [now, plan, demolished, transformed, built, spent, budget] = figures;
    vec![
        name.to_string(),
        lang.int(now),
        lang.int(plan),
        lang.dwellings(demolished),
        lang.dwellings(transformed),
        lang.dwellings(built),
        mln(lang, spent),
        mln(lang, budget),
    ]
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

/// What `restock plan` prints, in `lang`: the scenario (when it comes from a file), the
/// plan's title, its table per region and in total (thousands grouped, money in € mln),
/// and where the outputs are.
pub fn plan(scenario: &Scenario, summary: &Summary, out_dir: &Path, lang: Lang) -> String {
    let mut s = String::new();
    if let Some(file) = &scenario.file {
        let _ = writeln!(s, "Scenario: {} ({})", scenario.name, file.display());
    }
    let _ = writeln!(
        s,
        "{}",
        labels::T_PLAN_LINE.format(
            lang,
            &[
                &summary.version,
                &summary.case,
                &summary.municipalities,
                &summary.regions,
                &summary.mode,
                &format!(
                    "{}{}",
                    summary.solver,
                    if summary.integer {
                        lang.get(labels::T_INTEGER)
                    } else {
                        ""
                    }
                ),
            ]
        )
    );
    if let Some(title) = &summary.title {
        let _ = writeln!(s, "{title}");
    }
    if summary.status != "optimal" {
        let _ = writeln!(
            s,
            "{}",
            labels::T_NOT_OPTIMAL.format(lang, &[&summary.status])
        );
    }
    if let Some(run) = &summary.integer_run {
        integer_lines(&mut s, run, lang);
    }
    s.push('\n');
    if let Some(robust) = &summary.robust {
        robust_table(&mut s, robust, lang);
    } else {
        let head = figures_head(lang, labels::T_REGION, labels::T_SPENT_MLN);
        let mut rows: Vec<Vec<String>> = summary
            .regions_detail
            .iter()
            .map(|r| figures_row(lang, &r.region, figures!(r, mismatch_plan, spent_eur)))
            .collect();
        let total = figures!(summary, mismatch, net_cost_eur);
        rows.push(figures_row(lang, lang.get(labels::T_TOTAL), total));
        text_table(&mut s, &head, &rows, &[]);
    }
    let _ = writeln!(
        s,
        "\n{}",
        labels::T_PLAN_FOOT.format(
            lang,
            &[
                &lang.meur(summary.gross_cost_eur),
                &lang.meur(summary.net_cost_eur)
            ]
        )
    );
    let _ = writeln!(
        s,
        "\n{}",
        labels::T_OUTPUTS.format(lang, &[&out_dir.display()])
    );
    s
}

/// What a `--integer` run says besides the table: the gap in words, what whole
/// dwellings cost against the LP plan, and how the time limit was spent.
fn integer_lines(s: &mut String, run: &IntegerSummary, lang: Lang) {
    let words = run.gaps.gap_words.pick(lang);
    let gap = run.gaps.mip_gap_stage2.map_or(String::new(), |g| {
        format!(" ({} {})", lang.pick("gat", "gap"), lang.dec(g, 4))
    });
    let diff = &run.whole_minus_relaxation;
    let _ = writeln!(
        s,
        "{}: {words}{gap}; {}: {} {} {}, {} {} {}.",
        lang.pick("Hele woningen", "Whole dwellings"),
        lang.pick(
            "tegen het LP-plan in delen van woningen",
            "against the LP plan in fractions of dwellings"
        ),
        lang.pick("mismatch", "mismatch"),
        signed(lang.dec(diff.mismatch, 1)),
        lang.pick("gewogen woningjaren", "weighted dwelling-years"),
        lang.pick("bruto kosten", "gross cost"),
        signed(mln(lang, diff.gross_cost_eur)),
        lang.pick("€ mln", "€ mln"),
    );
    let t = &run.seconds;
    let state = if run.interrupted {
        lang.pick("onderbroken met Ctrl-C", "interrupted with Ctrl-C")
    } else if run.time_limit_reached {
        lang.pick("bereikt", "reached")
    } else {
        lang.pick("niet bereikt", "not reached")
    };
    let seconds =
        |what: &str, secs: f64, decimals| format!("{what} {} s", lang.dec(secs, decimals));
    let times = [
        seconds(
            lang.pick(
                "LP-relaxatie en eerste plan",
                "LP relaxation and first plan",
            ),
            t.relaxation,
            1,
        ),
        seconds(lang.pick("stap 1 (passing)", "stage 1 (fit)"), t.stage1, 1),
        seconds(lang.pick("stap 2 (kosten)", "stage 2 (cost)"), t.stage2, 1),
        seconds(
            lang.pick("van de tijdslimiet van", "of the time limit of"),
            run.time_limit_s,
            0,
        ),
    ];
    let time = lang.pick("Tijd", "Time");
    let _ = writeln!(s, "{time}: {} ({state}).", times.join(", "));
}

/// A number with its sign, also when positive.
fn signed(text: String) -> String {
    if text.starts_with('-') || text.starts_with('−') {
        text
    } else {
        format!("+{text}")
    }
}

/// A robust plan's table: one row per variant (weight, do-nothing, the robust plan's
/// mismatch, the variant's own optimum, the regret, the gross cost), then E, the worst
/// regret and EVPI. The per-region figures of a robust plan differ per variant, so they
/// are left to the output files.
fn robust_table(s: &mut String, robust: &RobustSummary, lang: Lang) {
    let _ = writeln!(
        s,
        "{}\n",
        labels::T_ROBUST_INTRO.format(
            lang,
            &[
                &robust.variants.len(),
                &robust.criterion,
                &robust.commit_periods
            ]
        )
    );
    let head: Vec<String> = [
        labels::T_VARIANT,
        labels::T_WEIGHT,
        labels::T_MISMATCH_NOW,
        labels::T_MISMATCH_PLAN,
        labels::T_OWN_OPTIMUM,
        labels::T_REGRET,
        labels::T_GROSS_COST_MLN,
    ]
    .iter()
    .map(|l| lang.get(*l).to_string())
    .collect();
    let rows: Vec<Vec<String>> = robust
        .variants
        .iter()
        .map(|v| {
            vec![
                v.name.clone(),
                lang.dec(v.weight, 3),
                lang.int(v.mismatch_do_nothing),
                lang.int(v.mismatch),
                lang.int(v.mismatch_alone),
                lang.int(v.regret),
                mln(lang, v.gross_cost_eur),
            ]
        })
        .collect();
    text_table(s, &head, &rows, &[]);
    let _ = writeln!(
        s,
        "\n{}",
        labels::T_ROBUST_FOOT.format(
            lang,
            &[
                &lang.int(robust.expected_mismatch),
                &lang.int(robust.max_regret),
                &lang.int(robust.evpi)
            ]
        )
    );
}

/// What `restock compare` prints, in `lang`: every scenario's total, warnings for plans
/// not proven optimal, and where the outputs are.
pub fn comparison(comparison: &Comparison, out_dir: &Path, lang: Lang) -> String {
    let mut s = String::new();
    let head = figures_head(lang, labels::T_SCENARIO, labels::T_NET_COST_MLN);
    let rows: Vec<Vec<String>> = comparison
        .rows
        .iter()
        .filter(|r| r.is_total())
        .map(|r| {
            figures_row(
                lang,
                &r.scenario,
                figures!(r.figures, mismatch_plan, spent_eur),
            )
        })
        .collect();
    text_table(&mut s, &head, &rows, &[]);
    for (solved, robust) in comparison
        .solved
        .iter()
        .filter_map(|x| x.summary.robust.as_ref().map(|r| (x, r)))
    {
        let _ = writeln!(
            s,
            "{}",
            labels::T_COMPARE_ROBUST.format(
                lang,
                &[
                    &solved.scenario.name,
                    &robust.variants.len(),
                    &robust.criterion,
                    &lang.int(robust.expected_mismatch),
                    &lang.meur(solved.summary.gross_cost_eur),
                    &lang.int(robust.max_regret),
                    &lang.int(robust.evpi),
                ]
            )
        );
    }
    for solved in comparison
        .solved
        .iter()
        .filter(|x| x.summary.status != "optimal")
    {
        let _ = writeln!(
            s,
            "{}",
            labels::T_SCENARIO_NOT_OPTIMAL
                .format(lang, &[&solved.scenario.name, &solved.summary.status])
        );
    }
    let _ = writeln!(
        s,
        "\n{}\n{}",
        lang.get(labels::T_COMPARE_FOOT),
        labels::T_OUTPUTS.format(lang, &[&out_dir.display()])
    );
    s
}

/// What `restock sweep` prints, in `lang`: every point, the knee and what it means, a
/// note when the grid stops short of its end, and where the outputs are.
pub fn sweep(sweep: &Sweep, grid: &Grid, out_dir: &Path, lang: Lang) -> String {
    let mut s = String::new();
    let column = sweep.parameter.column();
    let head: Vec<String> = vec![
        lang.get(labels::T_POINT).to_string(),
        column.to_string(),
        lang.get(labels::T_BUDGET_MLN).to_string(),
        lang.get(labels::T_MISMATCH_PLAN).to_string(),
        lang.get(labels::T_MISMATCH_NOW).to_string(),
        lang.get(labels::T_NET_COST_MLN).to_string(),
    ];
    let rows: Vec<Vec<String>> = sweep
        .points
        .iter()
        .map(|p| {
            vec![
                (p.index + 1).to_string(),
                lang.num(p.value, 6),
                mln(lang, p.budget_eur),
                lang.int(p.mismatch),
                lang.int(p.mismatch_do_nothing),
                mln(lang, p.net_cost_eur),
            ]
        })
        .collect();
    let knee_mark = format!("  <- {}", lang.get(labels::KNEE));
    let marks: Vec<&str> = (0..rows.len())
        .map(|i| {
            if sweep.knee == Some(i) {
                knee_mark.as_str()
            } else {
                ""
            }
        })
        .collect();
    text_table(&mut s, &head, &rows, &marks);
    if let (Some(k), Some((before, after))) = (
        sweep.knee.and_then(|k| sweep.points.get(k)),
        sweep.knee_slopes(),
    ) {
        let _ = writeln!(
            s,
            "\n{}",
            labels::T_KNEE.format(
                lang,
                &[
                    &column,
                    &lang.num(k.value, 6),
                    &lang.shadow(before),
                    &lang.shadow(after)
                ]
            )
        );
    }
    if let Some(last) = grid
        .values()
        .last()
        .filter(|v| (**v - grid.to).abs() > 1e-9)
    {
        let _ = writeln!(
            s,
            "{}",
            labels::T_GRID_SHORT.format(
                lang,
                &[
                    &lang.num(grid.to, 6),
                    &lang.num(grid.from, 6),
                    &lang.num(*last, 6)
                ]
            )
        );
    }
    if sweep.robust {
        let _ = writeln!(s, "{}", lang.get(labels::T_SWEEP_ROBUST));
    }
    let _ = writeln!(
        s,
        "\n{}",
        labels::T_OUTPUTS.format(lang, &[&out_dir.display()])
    );
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

/// What `restock validate` prints in `lang`: the shape of the case and the number of its
/// warnings (the warnings themselves go to stderr, [`warnings`]).
pub fn describe(case: &Case, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", labels::T_VALID.format(lang, &[&case.name]));
    // One line a fact: the label and its colon padded to one width, then the value.
    let mut line = |label: Label, value: String| {
        let _ = writeln!(s, "  {:<15} {value}", format!("{}:", lang.get(label)));
    };
    let counted = |items: &[&str]| format!("{} ({})", items.len(), items.join(", "));
    let regions: Vec<&str> = case.regions.iter().map(String::as_str).collect();
    let segments: Vec<&str> = case.segments.iter().map(|x| x.id.as_str()).collect();
    let periods: Vec<String> = case
        .periods
        .iter()
        .map(|p| format!("{}–{}", p.start, p.end))
        .collect();
    let periods: Vec<&str> = periods.iter().map(String::as_str).collect();
    line(
        labels::T_V_MUNICIPALITIES,
        case.municipalities.len().to_string(),
    );
    line(labels::T_V_REGIONS, counted(&regions));
    line(labels::T_V_SEGMENTS, counted(&segments));
    line(
        labels::T_V_TRANSFORMATIONS,
        case.transformations.len().to_string(),
    );
    line(labels::T_V_BASE_YEAR, case.settings.base_year.to_string());
    line(labels::T_V_PERIODS, counted(&periods));
    line(
        labels::T_V_VARIANT,
        case.settings.households_variant.clone(),
    );
    line(labels::T_V_MODE, case.mode.as_str().to_string());
    let carry_over = match case.settings.budget_carry_over {
        true => labels::YES,
        false => labels::NO,
    };
    line(labels::T_V_CARRY_OVER, lang.get(carry_over).to_string());
    if case.funders.active() {
        // Only with funders (spec v2): a v1 case prints what it printed before.
        let names: Vec<&str> = case
            .funders
            .names
            .iter()
            .map(|n| match n.is_empty() {
                true => lang.get(labels::T_V_COMMON_FUNDER),
                false => n.as_str(),
            })
            .collect();
        let rules = case.funders.rules.as_ref().map_or(0, Vec::len);
        let rules = match rules {
            1 => labels::T_V_FUNDING_RULE,
            _ => labels::T_V_FUNDING_RULES,
        }
        .format(lang, &[&rules]);
        line(labels::T_V_FUNDERS, format!("{}; {rules}", counted(&names)));
    }
    let warnings = match case.warnings.len() {
        0 => lang.get(labels::T_V_NONE).to_string(),
        n => labels::T_V_LISTED_ABOVE.format(lang, &[&n]),
    };
    line(labels::T_V_WARNINGS, warnings);
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
