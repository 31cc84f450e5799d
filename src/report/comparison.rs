//! The comparison of `restock compare` as an output: the columns and rows of
//! comparison.csv ([`Row`], [`HEADER`]) and the comparison page, report.html, rendered
//! with the page kit ([`super::page`]) from plain data: the scenarios
//! ([`ScenarioEntry`]), the rows, the input diff and the charts.

use crate::chart::PageChart;
use crate::lang::Lang;
use crate::numfmt::fmt_num;

use super::input_diff::{self, InputDiff};
use super::page::{self, esc, eur, Table};
use super::summary::{RegionSummary, ScenarioIdentity};
use crate::labels::{self, Label};

/// The region name of a scenario's total row in comparison.csv.
pub const TOTAL_REGION: &str = "*";

/// The columns of comparison.csv, in order.
pub const HEADER: &[&str] = &[
    "scenario",
    "region",
    "mismatch_do_nothing",
    "mismatch_plan",
    "demolished",
    "transformed",
    "built",
    "gross_cost_eur",
    "net_cost_eur",
    "budget_eur",
    "budget_used_share",
];

/// One row of comparison.csv: a scenario in one region, or its total (`region` = `*`).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The scenario's name.
    pub scenario: String,
    /// The region's key figures from the scenario's summary; for the total row the
    /// summary's totals, under the region name [`TOTAL_REGION`]. `spent_eur` is the net
    /// cost (sales count negative): what the budget sees.
    pub figures: RegionSummary,
    /// Gross cost in euros (transformations at their absolute cost).
    pub gross_cost_eur: f64,
}

impl Row {
    /// Whether this is a scenario's total row (region [`TOTAL_REGION`]).
    pub fn is_total(&self) -> bool {
        self.figures.region == TOTAL_REGION
    }

    /// Net cost as a share of the budget; `None` without a budget.
    pub fn budget_used_share(&self) -> Option<f64> {
        let f = &self.figures;
        (f.budget_eur > 0.0).then(|| f.spent_eur / f.budget_eur)
    }

    /// The row's cells as comparison.csv writes them.
    pub fn cells(&self) -> Vec<String> {
        let f = &self.figures;
        vec![
            self.scenario.clone(),
            f.region.clone(),
            fmt_num(f.mismatch_do_nothing),
            fmt_num(f.mismatch_plan),
            fmt_num(f.demolished),
            fmt_num(f.transformed),
            fmt_num(f.built),
            fmt_num(self.gross_cost_eur),
            fmt_num(f.spent_eur),
            fmt_num(f.budget_eur),
            self.budget_used_share().map(fmt_num).unwrap_or_default(),
        ]
    }
}

/// The columns of comparison_funders.csv (only when a scenario's case has funders).
pub const FUNDERS_HEADER: &[&str] = &[
    "scenario",
    "region",
    "funder",
    "budget_eur",
    "paid_eur",
    "received_eur",
    "net_eur",
    "shadow_price_max_per_meur",
];

/// One row of comparison_funders.csv: a funder in one region of one scenario, over the
/// whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct FunderRow {
    /// The scenario's name.
    pub scenario: String,
    /// The region's name.
    pub region: String,
    /// The funder's name ("" = the common funder).
    pub funder: String,
    /// Its budget over all periods, in euros.
    pub budget_eur: f64,
    /// What it paid, in euros.
    pub paid_eur: f64,
    /// The sale proceeds it received, in euros.
    pub received_eur: f64,
    /// The highest shadow price of its budget over the periods (weighted dwelling-years
    /// per extra million euros).
    pub shadow_price_max_per_meur: f64,
}

impl FunderRow {
    /// The row's cells as comparison_funders.csv writes them.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.scenario.clone(),
            self.region.clone(),
            self.funder.clone(),
            fmt_num(self.budget_eur),
            fmt_num(self.paid_eur),
            fmt_num(self.received_eur),
            fmt_num(crate::numfmt::round6(self.paid_eur - self.received_eur)),
            fmt_num(self.shadow_price_max_per_meur),
        ]
    }
}

/// What the comparison page shows of one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioEntry {
    /// The scenario: its name, file and description.
    pub identity: ScenarioIdentity,
    /// Its base case folder.
    pub base: String,
    /// The households variant its case uses.
    pub households_variant: String,
    /// Whether its plan is proven optimal (else the solver stopped at the time limit).
    pub optimal: bool,
    /// The folder of its own plan outputs, relative to the page.
    pub plan_dir: String,
    /// The title of its plan ([`crate::case::Case::title`]).
    pub title: String,
    /// A robust scenario (spec v2 §6b): its figures as summary.json's `robust` holds
    /// them; `None` for a plain scenario.
    pub robust: Option<crate::report::summary::RobustSummary>,
}

/// The comparison page: the scenarios, their key figures, the charts, the figures per
/// region, the input differences and links to every scenario's own plan report.
pub fn page(
    lang: Lang,
    scenarios: &[ScenarioEntry],
    rows: &[Row],
    diff: &InputDiff,
    charts: &[PageChart],
    funders: &[FunderRow],
) -> String {
    let title = lang.get(labels::COMPARISON_OF_SCENARIOS);
    // The plans' common title leads the subtitle (scenarios of one case share it).
    let subtitle = match scenarios.first().map(|s| s.title.as_str()) {
        Some(first) if scenarios.iter().all(|s| s.title == first) => format!(
            "{first} — {}",
            lang.get(labels::THE_SAME_QUESTION_UNDER_DIFFERENT_ASSUMPTIONS)
        ),
        _ => lang
            .get(labels::THE_SAME_QUESTION_UNDER_DIFFERENT_ASSUMPTIONS)
            .to_string(),
    };
    let sections = [
        time_limit_notice(lang, scenarios),
        scenarios_section(lang, scenarios),
        key_figures(lang, rows),
        super::robust::compare_section(lang, scenarios),
        page::figures(
            lang,
            &page_figures(charts),
            &super::robust::compare_chart_notes(lang, scenarios),
        ),
        regions_section(lang, rows),
        funders_section(lang, funders),
        input_diff::html_section(lang, diff),
    ];
    page::page(
        lang,
        page::SCENARIO_CSS,
        title,
        &subtitle,
        &sections,
        &format!("restock {}", esc(crate::VERSION)),
    )
}

/// The charts as the page kit takes them.
pub fn page_figures(charts: &[PageChart]) -> Vec<page::Figure<'_>> {
    charts
        .iter()
        .map(|c| (c.stem.as_str(), c.title.as_str(), c.svg.as_str()))
        .collect()
}

fn time_limit_notice(lang: Lang, scenarios: &[ScenarioEntry]) -> String {
    let stopped: Vec<String> = scenarios
        .iter()
        .filter(|s| !s.optimal)
        .map(|s| esc(&s.identity.name))
        .collect();
    if stopped.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"notice\">{} {}</p>\n",
        lang.get(labels::NOTE_THE_SOLVER_STOPPED_AT_THE),
        stopped.join(", ")
    )
}

fn scenarios_section(lang: Lang, scenarios: &[ScenarioEntry]) -> String {
    let head = lang.words(&[
        labels::SCENARIO,
        labels::FILE,
        labels::BASE_CASE,
        labels::HOUSEHOLDS_VARIANT,
        labels::DESCRIPTION,
        labels::OWN_REPORT,
    ]);
    let mut table = Table::plain(head.to_vec(), 6);
    for s in scenarios {
        table.row(
            vec![
                esc(&s.identity.name),
                format!("<code>{}</code>", esc(&s.identity.file)),
                format!("<code>{}</code>", esc(&s.base)),
                esc(&s.households_variant),
                esc(s.identity.description.as_deref().unwrap_or("")),
                format!("<a href=\"{0}/report.html\">{0}/</a>", esc(&s.plan_dir)),
            ],
            false,
        );
    }
    let note = lang.get(labels::THE_FIRST_SCENARIO_IS_THE_REFERENCE);
    page::noted_section(
        "scenarios",
        lang.get(labels::SCENARIOS),
        table.render(),
        note,
    )
}

/// The figures of a comparison row, after the scenario (and region).
const FIGURES: [Label; 10] = [
    labels::MISMATCH_IF_NOTHING_IS_DONE_2,
    labels::MISMATCH_WITH_THE_PLAN_2,
    labels::CHANGE,
    labels::DEMOLISHED,
    labels::TRANSFORMED,
    labels::BUILT,
    labels::GROSS_COST,
    labels::NET_COST,
    labels::BUDGET,
    labels::BUDGET_USED,
];

/// The header of a table of comparison rows, with or without the region.
fn head(lang: Lang, with_region: bool) -> Vec<&'static str> {
    let mut head = vec![lang.get(labels::SCENARIO)];
    if with_region {
        head.push(lang.get(labels::REGION));
    }
    head.extend(FIGURES.iter().map(|l| lang.get(*l)));
    head
}

fn key_figures(lang: Lang, rows: &[Row]) -> String {
    let head = head(lang, false);
    let body: Vec<(Vec<String>, Option<&'static str>)> = rows
        .iter()
        .filter(|r| r.is_total())
        .map(|r| (row_cells(lang, r, false), None))
        .collect();
    let note = lang.get(labels::MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST);
    page::noted_section(
        "kerncijfers",
        lang.get(labels::KEY_FIGURES_PER_SCENARIO),
        page::table(&head, 1, body),
        note,
    )
}

fn row_cells(lang: Lang, r: &Row, with_region: bool) -> Vec<String> {
    let f = &r.figures;
    let change = if f.mismatch_do_nothing > 0.0 {
        page::pct_fixed(lang, f.mismatch_plan / f.mismatch_do_nothing - 1.0, 1)
    } else {
        "–".into()
    };
    let mut cells = vec![esc(&r.scenario)];
    if with_region {
        cells.push(if f.region == TOTAL_REGION {
            lang.get(labels::TOTAL).into()
        } else {
            esc(&f.region)
        });
    }
    cells.extend([
        lang.num(f.mismatch_do_nothing, 0),
        lang.num(f.mismatch_plan, 0),
        change,
        lang.num(f.demolished, 0),
        lang.num(f.transformed, 0),
        lang.num(f.built, 0),
        eur(lang, r.gross_cost_eur),
        eur(lang, f.spent_eur),
        eur(lang, f.budget_eur),
        r.budget_used_share()
            .map_or_else(|| "–".into(), |s| page::pct_fixed(lang, s, 1)),
    ]);
    cells
}

/// Who pays what per scenario, region and funder (only when a case has funders).
fn funders_section(lang: Lang, rows: &[FunderRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut head = lang.words(&[labels::SCENARIO, labels::REGION]);
    head.extend(lang.words(&labels::FUNDER_MONEY_COLS));
    head.push(lang.get(labels::FUNDER_SHADOW_COL));
    let body: Vec<(Vec<String>, Option<&'static str>)> = rows
        .iter()
        .map(|r| {
            (
                vec![
                    esc(&r.scenario),
                    esc(&r.region),
                    esc(&r.funder),
                    eur(lang, r.budget_eur),
                    eur(lang, r.paid_eur),
                    eur(lang, r.received_eur),
                    eur(lang, r.paid_eur - r.received_eur),
                    esc(&lang.shadow(r.shadow_price_max_per_meur)),
                ],
                None,
            )
        })
        .collect();
    let table = page::table(&head, 3, body);
    page::noted_section(
        "financiers",
        lang.get(labels::WHO_PAYS_WHAT),
        table,
        lang.get(labels::THE_SAME_FIGURES_ARE_IN_COMPARISON_FUNDERS),
    )
}

fn regions_section(lang: Lang, rows: &[Row]) -> String {
    let head = head(lang, true);
    let body: Vec<(Vec<String>, Option<&'static str>)> = rows
        .iter()
        .map(|r| {
            let total = r.is_total().then_some("total");
            (row_cells(lang, r, true), total)
        })
        .collect();
    let table = page::table(&head, 2, body);
    let note = lang.get(labels::THE_SAME_FIGURES_ARE_IN_COMPARISON);
    page::noted_section(
        "regios",
        lang.get(labels::PER_SCENARIO_AND_REGION),
        table,
        note,
    )
}
