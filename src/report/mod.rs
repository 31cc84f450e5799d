//! Everything restock writes for people and programs after solving: the outputs of
//! spec §7 from a [`Plan`], atomically, and the pages of `compare` and `sweep`.
//!
//! [`write_outputs`] computes the tables once ([`tables`], with one column list per
//! table shared by the CSV, workbook and page writers), writes plan.csv,
//! transformations.csv, balance.csv and budget.csv, the charts (SVG and PNG in charts/,
//! [`crate::chart`]), report.xlsx ([`xlsx`]), report.html ([`html`]) and summary.json
//! ([`summary`], which also holds the record of a scenario run) into a temporary folder
//! beside the target, and swaps that folder into place only when every file is complete
//! ([`crate::outdir`]). Every page — plan ([`html`]), comparison ([`comparison`]) and
//! sweep ([`sweep_page`]) — is built from one page kit ([`page`]); [`input_diff`] says the
//! differences between scenarios in words. Numbers go through [`crate::numfmt`], rows
//! follow the case's order, so the same input gives byte-identical files (summary.json's
//! `timings` aside). Nothing here imports `scenario/`.

pub mod comparison;
pub mod html;
pub mod input_diff;
pub mod markdown;
pub mod page;
pub mod robust;
pub mod summary;
pub mod sweep_page;
pub mod tables;
pub mod why;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use crate::numfmt::round6;

/// The atomic output folder writer, now [`crate::outdir`] (this path is kept for callers).
pub use crate::outdir as atomic;
pub use crate::outdir::{check_output_location, write_dir_atomically};
pub use summary::{RegionSummary, Summary};

use crate::case::Case;
use crate::chart::{self, ChartData, ChartInput, ChartKind, Lang};
use crate::labels;
use crate::plan::Plan;
use crate::{Error, Result};

/// What the caller knows about the run that the [`Plan`] does not hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunInfo {
    /// Seconds per phase measured before solving (e.g. `read`, `validate`). Merged with
    /// the plan's own timings and this module's `charts`, `xlsx` and `write` into
    /// summary.json's `timings`.
    pub timings: BTreeMap<String, f64>,
    /// The language of the charts, report.html and report.xlsx (Dutch by default).
    pub lang: Lang,
    /// The case folder's README.md (its sources and assumptions), shown in report.html.
    pub case_readme: Option<String>,
    /// The case folder's LEESMIJ.md (its Dutch summary for people), shown by a Dutch
    /// report instead of README.md.
    pub case_leesmij: Option<String>,
    /// The case folder's boundaries.geojson, for the map; without it there is no map.
    pub boundaries_geojson: Option<String>,
    /// The scenario the plan was made for (`restock plan --scenario`), recorded in
    /// summary.json.
    pub scenario: Option<summary::ScenarioRecord>,
}

/// The name of the phase this module adds to the timings (everything it does).
pub const WRITE_PHASE: &str = "write";
/// The timing of drawing and writing the charts (part of `write`).
pub const CHARTS_PHASE: &str = "charts";
/// The timing of building report.xlsx (part of `write`).
pub const XLSX_PHASE: &str = "xlsx";

/// Writes every output file of the plan into the folder `out`, atomically: either the
/// folder afterwards holds exactly the new files, or (on error) it is left as it was.
/// Returns the summary as written to summary.json.
///
/// Fails with [`Error::Solve`] when the plan does not fit the case (wrong dimensions or
/// a non-finite number), with [`Error::Usage`] when `out` exists and is not a folder,
/// and with [`Error::Io`] when writing fails. A boundaries file that cannot be read does
/// not fail the run: the map is left out with a note in report.html. The `write` timing
/// covers everything up to serialising summary.json (not the final sync and swap).
pub fn write_outputs(case: &Case, plan: &Plan, out: &Path, run: &RunInfo) -> Result<Summary> {
    let started = Instant::now();
    check_plan(case, plan)?;
    let mut timings = run.timings.clone();
    timings.extend(plan.timings.iter().map(|(k, v)| (k.clone(), *v)));
    let mut summary = Summary::new(case, plan, timings);
    summary.scenario = run.scenario.clone();
    let tables = tables::Tables::new(case, plan);
    write_all(
        Written {
            case,
            plan,
            tables: &tables,
            notes: Vec::new(),
            robust: None,
            why: vec![(None, why::Why::new(case, plan, run.lang))],
        },
        &|dir| tables.write_csv(dir),
        summary,
        out,
        run,
        started,
    )
}

/// Writes every output of a robust plan (spec v2 §6b, §7) into `out`, atomically: the
/// tables with a `variant` column and every variant's rows, commitment.csv, and
/// summary.json with `robust`. report.html and report.xlsx get the robust section
/// ([`robust`]: the commitment, how each projection continues, regret and EVPI in
/// words) and every variant's tables with a projection column; the robust charts
/// ([`crate::chart::robust`]) come first, and the plan charts show the first variant,
/// saying so in their titles. `cases[ω]` is the case of variant ω.
pub fn write_robust_outputs(
    cases: &[Case],
    robust: &crate::plan::RobustPlan,
    out: &Path,
    run: &RunInfo,
) -> Result<Summary> {
    let started = Instant::now();
    if cases.is_empty() || cases.len() != robust.plans.len() {
        return Err(Error::Solve(
            "a robust plan needs one plan per variant case".into(),
        ));
    }
    for (case, plan) in cases.iter().zip(&robust.plans) {
        check_plan(case, plan)?;
    }
    let mut timings = run.timings.clone();
    timings.extend(robust.timings.iter().map(|(k, v)| (k.clone(), *v)));
    let mut summary = Summary::new_robust(cases, robust, timings);
    summary.scenario = run.scenario.clone();
    let all: Vec<(&str, tables::Tables<'_>)> = robust
        .variants
        .iter()
        .zip(cases.iter().zip(&robust.plans))
        .map(|(name, (case, plan))| (name.as_str(), tables::Tables::new(case, plan)))
        .collect();
    let figures = summary
        .robust
        .clone()
        .ok_or_else(|| Error::Solve("the summary of a robust plan has no robust figures".into()))?;
    let view = robust::RobustView {
        cases,
        plan: robust,
        figures: &figures,
    };
    let regions = cases
        .iter()
        .zip(&robust.plans)
        .zip(&robust.variants)
        .map(|((case, plan), name)| {
            let s = Summary::new(case, plan, BTreeMap::new());
            (name.clone(), s.regions_detail)
        })
        .collect();
    let variants = all.iter().map(|(name, t)| (name.to_string(), t)).collect();
    let why = robust
        .variants
        .iter()
        .zip(cases.iter().zip(&robust.plans))
        .map(|(name, (case, plan))| {
            let why = why::Why::committed(case, plan, robust.commit_periods, run.lang);
            (Some(name.clone()), why)
        })
        .collect();
    write_all(
        Written {
            case: &cases[0],
            plan: &robust.plans[0],
            tables: &all[0].1,
            notes: Vec::new(),
            why,
            robust: Some(RobustWritten {
                view,
                variants,
                regions,
            }),
        },
        &|dir| tables::write_robust_csv(dir, &all, robust.commit_periods),
        summary,
        out,
        run,
        started,
    )
}

/// What report.html, report.xlsx and the charts are drawn from.
struct Written<'a> {
    case: &'a Case,
    plan: &'a Plan,
    tables: &'a tables::Tables<'a>,
    /// Notes shown in report.html above the charts' own.
    notes: Vec<String>,
    /// A robust plan: what its report shows besides the first variant's plan.
    robust: Option<RobustWritten<'a>>,
    /// Why the plan does what it does (explanations.csv, the "waarom" section and
    /// sheet): the plan's, or every variant's under its name; the page and the
    /// workbook show the first.
    why: Vec<(Option<String>, why::Why<'a>)>,
}

/// What a robust plan's report.html, report.xlsx and charts add.
struct RobustWritten<'a> {
    view: robust::RobustView<'a>,
    /// Every variant's name and tables.
    variants: Vec<(String, &'a tables::Tables<'a>)>,
    /// Every variant's name and figures per region.
    regions: Vec<(String, Vec<RegionSummary>)>,
}

/// Writes the CSV tables (`write_csv`), report.xlsx, the charts, report.html and
/// summary.json into `out`, atomically.
fn write_all(
    written: Written<'_>,
    write_csv: &(dyn Fn(&Path) -> Result<()> + Sync),
    mut summary: Summary,
    out: &Path,
    run: &RunInfo,
    started: Instant,
) -> Result<Summary> {
    let Written {
        case,
        plan,
        tables,
        notes,
        robust,
        why,
    } = written;
    let lang = run.lang;
    let first_variant = robust
        .as_ref()
        .map(|r| robust::variant_words(&r.view.figures.variants[0].name, lang));
    write_dir_atomically(out, |dir| {
        // The CSV tables, report.xlsx and the charts do not depend on each other: they
        // are written at the same time (rayon), and report.html, which holds the
        // charts, after them.
        let (csv_and_xlsx, charts_done) = rayon::join(
            || {
                rayon::join(
                    || {
                        write_csv(dir)?;
                        let parts: Vec<_> = why.iter().map(|(v, w)| (v.as_deref(), w)).collect();
                        why::write(&dir.join("explanations.csv"), &parts)
                    },
                    || {
                        let clock = Instant::now();
                        let path = dir.join("report.xlsx");
                        let why_sheet = why.first().map(|(_, w)| w.sheet());
                        match &robust {
                            None => write_xlsx(&path, plan, &summary, tables, why_sheet, lang),
                            Some(r) => write_robust_xlsx(&path, plan, &summary, r, why_sheet, lang),
                        }
                        .map(|()| clock.elapsed().as_secs_f64())
                    },
                )
            },
            || {
                let clock = Instant::now();
                let mut data = ChartData::new(case, plan);
                data.variant = first_variant.clone();
                let (boundaries, mut chart_notes) = boundaries(run, lang);
                chart_notes.splice(0..0, notes.iter().cloned());
                let input = ChartInput {
                    data: &data,
                    boundaries: boundaries.as_ref(),
                    lang,
                };
                if boundaries.is_some() && !input.kinds().contains(&ChartKind::Map) {
                    chart_notes.push(lang.get(labels::NO_MAP_NO_MUNICIPALITY_OF_THE).to_string());
                }
                let charts = chart::write_charts(dir, &input)?;
                // Chart 7, only for a case with funders.
                let funders = match chart::FundersData::new(case, plan) {
                    Some(mut data) => {
                        data.variant = first_variant.clone();
                        let page_chart = data.write(dir, lang)?;
                        Some((data, page_chart))
                    }
                    None => None,
                };
                let robust_charts = match &robust {
                    Some(r) => r.view.write_charts(dir, lang)?,
                    None => Vec::new(),
                };
                Ok((
                    charts,
                    funders,
                    chart_notes,
                    robust_charts,
                    clock.elapsed().as_secs_f64(),
                ))
            },
        );
        let (csv, xlsx_seconds) = csv_and_xlsx;
        csv?;
        let (charts, funders, chart_notes, robust_charts, chart_seconds) = charts_done?;
        let xlsx_seconds = xlsx_seconds?;
        summary
            .timings
            .insert(CHARTS_PHASE.to_string(), round6(chart_seconds));
        summary
            .timings
            .insert(XLSX_PHASE.to_string(), round6(xlsx_seconds));

        let robust_page = robust.as_ref().map(|r| robust::RobustPage {
            section: r.view.html_section(lang),
            variants: r.variants.clone(),
            regions: r.regions.clone(),
            charts: robust_charts.clone(),
        });
        let why_section = why.first().map(|(v, w)| {
            let shown = v.as_ref().and(first_variant.as_deref()).map(str::to_string);
            w.html_section(shown.as_deref())
        });
        let page = html::Page {
            plan,
            summary: &summary,
            tables,
            lang,
            charts: &charts,
            chart_notes: &chart_notes,
            readme: run.case_readme.as_deref(),
            leesmij: run.case_leesmij.as_deref(),
            funders: funders.as_ref().map(|(data, chart)| (data, chart)),
            robust: robust_page.as_ref(),
            why: why_section.as_deref(),
        };
        html::write(&dir.join("report.html"), &page)?;
        record(&mut summary, WRITE_PHASE, started);
        summary.record_peak_memory();
        summary.write_json(&dir.join("summary.json"))
    })?;
    Ok(summary)
}

/// report.xlsx of a robust plan: the summary sheet (expected figures; the regions are
/// per projection on the page, so the sheet leaves them out), the robust sheets, and
/// every variant's tables with a projection column.
fn write_robust_xlsx(
    path: &Path,
    plan: &Plan,
    summary: &Summary,
    robust: &RobustWritten<'_>,
    why_sheet: Option<xlsx::Sheet>,
    lang: Lang,
) -> Result<()> {
    let mut expected = summary.clone();
    expected.regions_detail.clear();
    let variants: Vec<(Option<&str>, &tables::Tables<'_>)> = robust
        .variants
        .iter()
        .map(|(v, t)| (Some(v.as_str()), *t))
        .collect();
    let extra = robust.view.sheets(lang);
    let last = Vec::from_iter(why_sheet);
    let bytes = xlsx::build_with_last(plan, &expected, &variants, lang, (extra, last))
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// report.xlsx of a plan: [`xlsx::build`]'s sheets and the "Waarom" sheet last.
fn write_xlsx(
    path: &Path,
    plan: &Plan,
    summary: &Summary,
    tables: &tables::Tables<'_>,
    why_sheet: Option<xlsx::Sheet>,
    lang: Lang,
) -> Result<()> {
    let last = Vec::from_iter(why_sheet);
    let bytes = xlsx::build_with_last(plan, summary, &[(None, tables)], lang, (Vec::new(), last))
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

fn record(summary: &mut Summary, phase: &str, since: Instant) {
    summary.timings.insert(
        phase.to_string(),
        crate::numfmt::round6(since.elapsed().as_secs_f64()),
    );
}

/// The parsed boundaries for the map, and a note for report.html when there are none.
fn boundaries(run: &RunInfo, lang: Lang) -> (Option<chart::Boundaries>, Vec<String>) {
    match run.boundaries_geojson.as_deref().map(chart::geo::parse) {
        Some(Ok(b)) => (Some(b), Vec::new()),
        Some(Err(e)) => (
            None,
            vec![match lang {
                Lang::Nl => format!("Geen kaart: boundaries.geojson is onleesbaar ({e})."),
                Lang::En => format!("No map: boundaries.geojson cannot be read ({e})."),
            }],
        ),
        None => (
            None,
            vec![lang.get(labels::NO_MAP_THE_CASE_FOLDER_HAS).to_string()],
        ),
    }
}

/// Checks that every array of the plan has the case's dimensions and holds finite
/// numbers, so no index panics and no `NaN` reaches a file.
fn check_plan(case: &Case, plan: &Plan) -> Result<()> {
    let (m, s, k, p, r) = (
        case.municipalities.len(),
        case.segments.len(),
        case.transformations.len(),
        case.periods.len(),
        case.regions.len(),
    );
    check_cube("demolish", &plan.demolish, m, s, p)?;
    check_cube("new_build", &plan.new_build, m, s, p)?;
    check_cube("transform", &plan.transform, m, k, p)?;
    check_cube("stock_end", &plan.stock_end, m, s, p)?;
    check_matrix("budget_shadow_price", &plan.budget_shadow_price, r, p)?;
    if case.funders.active() {
        let g = case.funders.names.len();
        check_cube("funder_shadow_price", &plan.funder_shadow_price, r, g, p)?;
        let flows_fit = plan
            .payments
            .iter()
            .map(|x| (x.municipality, x.period, x.funder, x.eur))
            .chain(
                plan.receipts
                    .iter()
                    .map(|x| (x.municipality, x.period, x.funder, x.eur)),
            )
            .all(|(mm, pp, gg, eur)| mm < m && pp < p && gg < g && eur.is_finite());
        let actions_fit = plan.payments.iter().all(|x| match x.action {
            crate::case::Action::Demolish(i) | crate::case::Action::NewBuild(i) => i < s,
            crate::case::Action::Transform(i) => i < k,
        }) && plan.receipts.iter().all(|x| x.transformation < k);
        if !(flows_fit && actions_fit) {
            return Err(Error::Solve(
                "the plan's payments or receipts do not fit the case".into(),
            ));
        }
    }
    if !plan.stage1_mismatch.is_finite() {
        return Err(Error::Solve(
            "the plan's stage-1 mismatch is not finite".into(),
        ));
    }
    Ok(())
}

fn check_cube(name: &str, cube: &[Vec<Vec<f64>>], a: usize, b: usize, c: usize) -> Result<()> {
    if cube.len() != a {
        return Err(shape_error(name, a, cube.len()));
    }
    cube.iter().try_for_each(|m| check_matrix(name, m, b, c))
}

fn check_matrix(name: &str, matrix: &[Vec<f64>], a: usize, b: usize) -> Result<()> {
    if matrix.len() != a {
        return Err(shape_error(name, a, matrix.len()));
    }
    for row in matrix {
        if row.len() != b {
            return Err(shape_error(name, b, row.len()));
        }
        if let Some(x) = row.iter().find(|x| !x.is_finite()) {
            return Err(Error::Solve(format!("the plan's {name} holds {x}")));
        }
    }
    Ok(())
}

fn shape_error(name: &str, expected: usize, found: usize) -> Error {
    Error::Solve(format!(
        "the plan's {name} does not fit the case: {found} entries where {expected} were expected"
    ))
}
