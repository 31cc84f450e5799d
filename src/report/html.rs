//! report.html: one self-contained page for the planner and the council, in Dutch by
//! default (English with `--lang en`) — the case and its sources, the key figures, every
//! chart, the tables (the big ones capped; the CSV files hold every row), the sources
//! and assumptions of the case's README.md, the settings used and the facts of the run.
//!
//! Everything is inline: the CSS, the charts (as SVG) and the chart font (as a data
//! URL), and there are no scripts and nothing fetched from anywhere, so the page opens
//! the same from a network share, an e-mail or an archive, and prints. Every text that
//! comes from the input is escaped. The page is built from one function per section, in
//! reading order (see [`render`]). It holds no timings, so the same input gives the same
//! page byte for byte. The skeleton, CSS, tables and figures come from [`super::page`].

pub use super::page::{base64, esc, inline_svg};

use std::path::Path;

use crate::case::{Case, Mode};
use crate::chart::{FundersData, PageChart, RenderedChart};
use crate::labels::{self, Label};
use crate::lang::Lang;
use crate::plan::{Plan, PlanStatus};
use crate::report::markdown;
use crate::report::page::{self, eur, section, Table};
use crate::report::robust::RobustPage;
use crate::report::summary::Summary;
use crate::report::tables::{
    year_of, Column, Kind, Tables, BALANCE_COLUMNS, BUDGET_COLUMNS, PLAN_COLUMNS, REGION_COLUMNS,
    SUMMARY_FIGURES, TRANSFORMATION_COLUMNS,
};
use crate::{Error, Result};

/// At most this many rows of the plan, transformation and balance tables are shown.
pub const MAX_HTML_ROWS: usize = 500;

/// What the page is made of.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The solved plan.
    pub plan: &'a Plan,
    /// The key figures (as in summary.json; its timings are not shown).
    pub summary: &'a Summary,
    /// The output tables.
    pub tables: &'a Tables<'a>,
    /// The language of the page.
    pub lang: Lang,
    /// The charts, in order, as SVG.
    pub charts: &'a [RenderedChart],
    /// Notes about charts that could not be drawn (e.g. no map without boundaries).
    pub chart_notes: &'a [String],
    /// The case folder's README.md (sources and assumptions), if it has one.
    pub readme: Option<&'a str>,
    /// The case folder's LEESMIJ.md: its Dutch summary for people, shown by a Dutch page
    /// instead of README.md (which then moves into the collapsed technical details).
    pub leesmij: Option<&'a str>,
    /// A case with funders: their money and chart 7 ("who pays what"); `None` without
    /// funders (no section, no chart).
    pub funders: Option<(&'a FundersData, &'a PageChart)>,
    /// A robust plan (spec v2 §6b): its section, every variant's tables and regions,
    /// and its charts; `None` for a plain plan.
    pub robust: Option<&'a RobustPage<'a>>,
    /// The "waarom" section (report/why.rs), already HTML; `None` leaves it out.
    pub why: Option<&'a str>,
}

/// The tables the page shows: the plan's, or every variant's under its name.
fn variant_tables<'p>(page: &'p Page<'p>) -> Vec<(Option<&'p str>, &'p Tables<'p>)> {
    match page.robust {
        Some(r) => r
            .variants
            .iter()
            .map(|(v, t)| (Some(v.as_str()), *t))
            .collect(),
        None => vec![(None, page.tables)],
    }
}

/// The rows of one table (`table` picks it) in every variant of the page, each with the
/// variant's name and its case.
fn variant_rows<'p, R>(
    page: &'p Page<'p>,
    table: impl Fn(&'p Tables<'p>) -> &'p [R],
) -> Vec<(Option<&'p str>, &'p Case, &'p R)> {
    variant_tables(page)
        .into_iter()
        .flat_map(|(v, t)| table(t).iter().map(move |row| (v, t.case, row)))
        .collect()
}

/// The key cells of a row: the variant's name first in robust mode.
fn with_variant(variant: Option<&str>, mut keys: Vec<String>) -> Vec<String> {
    if let Some(v) = variant {
        keys.insert(0, esc(v));
    }
    keys
}

/// The key heads of a table: the projection column first in robust mode.
fn variant_keys<'h>(page: &Page<'_>, keys: &[&'h str]) -> (Vec<&'h str>, usize) {
    let mut all = Vec::with_capacity(keys.len() + 1);
    if page.robust.is_some() {
        all.push(page.lang.get(labels::PROJECTION_COL));
    }
    all.extend_from_slice(keys);
    let n = all.len();
    (all, n)
}

/// Writes report.html to `path`.
pub fn write(path: &Path, page: &Page<'_>) -> Result<()> {
    std::fs::write(path, render(page)).map_err(|e| Error::io(path, e))
}

/// The whole page.
pub fn render(page: &Page<'_>) -> String {
    let case = page.tables.case;
    let lang = page.lang;
    let sections = [
        status_notice(page),
        // Warnings about the input come first: a planner must not miss them.
        warnings(page),
        case_section(page),
        key_figures(page),
        page.robust.map(|r| r.section.clone()).unwrap_or_default(),
        charts(page),
        regions(page),
        page.why.unwrap_or_default().to_string(),
        budget(page),
        who_pays_what(page),
        plan_table(page),
        transformation_table(page),
        balance_table(page),
        sources(page),
        settings(page),
        technical(page),
    ];
    let footer = format!("restock {}", esc(&page.summary.version));
    page::page(
        lang,
        page::PLAN_CSS,
        &case.title(lang),
        &case.subtitle(lang),
        &sections,
        &footer,
    )
}

/// A number for the page in the page's language: at most `decimals` decimals, thousands
/// grouped (`1.234,5` in Dutch, `1,234.5` in English), `–` for a value that is not finite.
pub fn num(lang: Lang, value: f64, decimals: usize) -> String {
    lang.num(value, decimals)
}

/// A share as a percentage with three decimals at most.
fn pct(lang: Lang, share: f64) -> String {
    page::pct(lang, share, 3)
}

fn status_text(lang: Lang, status: &PlanStatus) -> &'static str {
    match status {
        PlanStatus::Optimal => lang.get(labels::OPTIMAL),
        PlanStatus::TimeLimit => lang.get(labels::TIME_LIMIT_REACHED_NOT_PROVEN_OPTIMAL),
        PlanStatus::Interrupted => lang.get(labels::INTERRUPTED_NOT_PROVEN_OPTIMAL),
    }
}

/// A table capped at [`MAX_HTML_ROWS`] rows, with the note that says so.
fn capped(table: &Table<'_>, lang: Lang, total: usize, file: &str) -> String {
    table.render() + &cap_note(lang, total, file)
}

/// The note under a capped table.
fn cap_note(lang: Lang, total: usize, file: &str) -> String {
    let shown = total.min(MAX_HTML_ROWS);
    if shown >= total {
        return String::new();
    }
    let (shown, total) = (num(lang, shown as f64, 0), num(lang, total as f64, 0));
    let text = match lang {
        Lang::Nl => format!(
            "De eerste {shown} van {total} rijen; de volledige tabel staat in {} en report.xlsx.",
            esc(file)
        ),
        Lang::En => format!(
            "The first {shown} of {total} rows; the whole table is in {} and report.xlsx.",
            esc(file)
        ),
    };
    format!("<p class=\"note\">{text}</p>\n")
}

fn status_notice(page: &Page<'_>) -> String {
    match page.plan.status {
        PlanStatus::Optimal => String::new(),
        PlanStatus::TimeLimit => format!(
            "<p class=\"notice\">{}</p>\n",
            page.lang.get(labels::NOTE_THE_SOLVER_STOPPED_AT_THE_2)
        ),
        PlanStatus::Interrupted => format!(
            "<p class=\"notice\">{}</p>\n",
            page.lang.get(labels::NOTE_INTERRUPTED)
        ),
    }
}

/// The description of the case the page shows: a Dutch page its LEESMIJ.md when it has
/// one, else (and in English) its README.md.
fn description<'a>(page: &Page<'a>) -> Option<&'a str> {
    match (page.lang, page.leesmij) {
        (Lang::Nl, Some(leesmij)) => Some(leesmij),
        _ => page.readme,
    }
}

/// Whether README.md is left out of the page's own text (a Dutch page with LEESMIJ.md):
/// it is then in the collapsed technical details.
fn readme_is_technical(page: &Page<'_>) -> bool {
    page.lang == Lang::Nl && page.leesmij.is_some() && page.readme.is_some()
}

/// The case in a few lines: what it holds, and where its figures come from.
fn case_section(page: &Page<'_>) -> String {
    let (case, lang) = (page.tables.case, page.lang);
    let (first, last) = case.horizon();
    let stock: f64 = case.stock0.iter().flatten().sum();
    let households: f64 = case.households.iter().map(|h| h[0]).sum();
    let facts = labels::CASE_FACTS.format(
        lang,
        &[
            &case.municipalities.len(),
            &case.regions.len(),
            &esc(&case.regions.join(", ")),
            &case.segments.len(),
            &num(lang, stock, 0),
            &num(lang, households, 0),
            &case.settings.base_year,
            &first,
            &last,
            &case.periods.len(),
            &esc(&case.settings.households_variant),
        ],
    );
    let mut body = format!("<p>{facts}</p>\n");
    match description(page) {
        Some(readme) => {
            let paragraphs = markdown::paragraphs(readme);
            let is_source = |p: &&String| {
                let l = p.to_lowercase();
                l.contains("bron:") || l.contains("source:") || l.contains("sources:")
            };
            let mut shown: Vec<&String> = paragraphs.iter().take(1).collect();
            if let Some(source) = paragraphs.iter().find(is_source) {
                if !shown.contains(&source) {
                    shown.push(source);
                }
            }
            for p in shown {
                body.push_str(&format!(
                    "<p class=\"source\">{}</p>\n",
                    markdown::inline(p)
                ));
            }
            body.push_str(&format!(
                "<p class=\"note\">{}</p>\n",
                lang.get(labels::SOURCES_AND_ASSUMPTIONS_OF_THE_CASE)
            ));
        }
        None => body.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            lang.get(labels::THE_CASE_FOLDER_HAS_NO_README)
        )),
    }
    section("case", lang.get(labels::THE_CASE), &body)
}

fn key_figures(page: &Page<'_>) -> String {
    let (s, lang) = (page.summary, page.lang);
    let mut fit = Table::new(
        vec![
            "",
            lang.get(labels::DO_NOTHING),
            lang.get(labels::WITH_PLAN),
            lang.get(labels::DIFFERENCE),
        ],
        1,
    );
    let change = s.mismatch - s.mismatch_do_nothing;
    let relative = if s.mismatch_do_nothing > 0.0 {
        format!(
            " ({})",
            lang.pct_fixed(change / s.mismatch_do_nothing, 1)
                .replace(' ', "\u{a0}")
        )
    } else {
        String::new()
    };
    fit.row(
        vec![
            esc(lang.get(labels::MISMATCH_WEIGHTED_DWELLING_YEARS)),
            lang.dwellings(s.mismatch_do_nothing),
            lang.dwellings(s.mismatch),
            format!("{}{relative}", lang.dwellings(change)),
        ],
        false,
    );
    let calibrated = if page.tables.case.vacancy_calibrated() {
        let year = page.tables.case.settings.base_year;
        let sentence = labels::DEMAND_CALIBRATED_TO_VACANCY.format(lang, &[&year]);
        format!("<p class=\"note\">{}</p>\n", esc(&sentence))
    } else {
        String::new()
    };
    let mut figures = Table::new(Vec::new(), 1);
    for c in &SUMMARY_FIGURES {
        let value = page_value(lang, c.kind, (c.value)(s));
        figures.row(vec![esc(c.page.pick(lang)), value], false);
    }
    section(
        "kerncijfers",
        lang.get(labels::KEY_FIGURES),
        &format!(
            "{}<p class=\"note\">{}</p>\n<p class=\"unit\">{}</p>\n{calibrated}{}",
            fit.render(),
            lang.get(labels::MISMATCH_STRUCTURAL_SURPLUS_AND_SHORTAGE_AGAINST_2),
            esc(&unit_explanation(&page.tables.case.settings, lang)),
            figures.render()
        ),
    )
}

/// The headline unit, the weighted dwelling-year, in plain words with the case's own
/// weights and thresholds (spec §4's mismatch): what one surplus dwelling for one year
/// counts, how the tiers weigh the part above their threshold, what a shortage counts.
pub fn unit_explanation(st: &crate::case::Settings, lang: Lang) -> String {
    let times = |w: f64| lang.num(w, 2);
    let first = st.surplus_tiers.first().map_or(1.0, |t| t.multiplier) * st.weight_surplus;
    let mut lower = 0.0;
    let mut tiers = Vec::new();
    for (i, t) in st.surplus_tiers.iter().enumerate() {
        if i > 0 {
            tiers.push(labels::UNIT_TIER.format(
                lang,
                &[
                    &lang.pct(lower, 2),
                    &times(t.multiplier * st.weight_surplus),
                ],
            ));
        }
        lower = t.upper_share;
    }
    let tiers = match tiers.len() {
        0 => String::new(),
        1 => labels::UNIT_TIERS_INTRO.format(lang, &[&tiers[0]]),
        n => {
            let and = lang.pick(" en ", " and ");
            let list = format!("{}{and}{}", tiers[..n - 1].join(", "), tiers[n - 1]);
            labels::UNIT_TIERS_INTRO.format(lang, &[&list])
        }
    };
    labels::UNIT_EXPLANATION.format(
        lang,
        &[
            &lang.pct(st.friction_vacancy, 2),
            &times(first),
            &tiers,
            &times(st.weight_shortage),
            &lang.num(1000.0 * first, 0),
        ],
    )
}

fn charts(page: &Page<'_>) -> String {
    let mut charts: Vec<page::Figure<'_>> = page
        .robust
        .iter()
        .flat_map(|r| &r.charts)
        .map(|c| (c.stem.as_str(), c.title.as_str(), c.svg.as_str()))
        .collect();
    charts.extend(
        page.charts
            .iter()
            .map(|c| (c.kind.file_stem(), c.title.as_str(), c.svg.as_str())),
    );
    if let Some((_, chart)) = page.funders {
        charts.push((
            chart.stem.as_str(),
            chart.title.as_str(),
            chart.svg.as_str(),
        ));
    }
    page::figures(page.lang, &charts, page.chart_notes)
}

fn regions(page: &Page<'_>) -> String {
    let (s, lang) = (page.summary, page.lang);
    let (keys, n) = variant_keys(page, &[lang.get(labels::REGION)]);
    let mut table = Table::new(head(&keys, &REGION_COLUMNS, lang), n);
    let all: Vec<(Option<&str>, &[crate::report::summary::RegionSummary])> = match page.robust {
        Some(robust) => robust
            .regions
            .iter()
            .map(|(v, r)| (Some(v.as_str()), &r[..]))
            .collect(),
        None => vec![(None, &s.regions_detail[..])],
    };
    for (variant, regions) in all {
        for r in regions {
            let keys = with_variant(variant, vec![esc(&r.region)]);
            table.row(cells(keys, &REGION_COLUMNS, r, lang), false);
        }
    }
    section("regio", lang.get(labels::PER_REGION), &table.render())
}

fn period_label(case: &Case, p: usize) -> String {
    let period = case.periods[p];
    format!("{}–{}", period.start, period.end)
}

fn municipality_label(case: &Case, m: usize) -> String {
    let m = &case.municipalities[m];
    format!("{} ({})", esc(&m.name), esc(&m.code))
}

/// The page's header of a table: its key columns, then `columns`.
fn head<'h, R>(keys: &[&'h str], columns: &[Column<R>], lang: Lang) -> Vec<&'h str> {
    let values = columns.iter().map(|c| c.page.pick(lang));
    keys.iter().copied().chain(values).collect()
}

/// The page's cells of `row`: its key cells, then every value column in its format.
fn cells<R>(mut keys: Vec<String>, columns: &[Column<R>], row: &R, lang: Lang) -> Vec<String> {
    keys.extend(
        columns
            .iter()
            .map(|c| page_value(lang, c.kind, (c.value)(row))),
    );
    keys
}

/// A value as the page writes numbers of its kind: euros in full, decimals with three
/// decimals, dwellings with one.
fn page_value(lang: Lang, kind: Kind, value: f64) -> String {
    match kind {
        Kind::Euro => eur(lang, value),
        Kind::ShadowPrice => lang.shadow(value),
        Kind::Decimal => num(lang, value, 3),
        Kind::Dwellings => lang.dwellings(value),
        Kind::Year | Kind::Text => num(lang, value, 0),
    }
}

fn budget(page: &Page<'_>) -> String {
    let lang = page.lang;
    let (keys, n) = variant_keys(page, &[lang.get(labels::REGION), lang.get(labels::PERIOD)]);
    let mut table = Table::new(head(&keys, &BUDGET_COLUMNS, lang), n);
    let rows = variant_rows(page, |t| &t.budget);
    for &(variant, case, row) in rows.iter().take(MAX_HTML_ROWS) {
        let keys = vec![
            esc(&case.regions[row.region]),
            period_label(case, row.period),
        ];
        table.row(
            cells(with_variant(variant, keys), &BUDGET_COLUMNS, row, lang),
            false,
        );
    }
    let note = page::note(lang.get(labels::SHADOW_PRICE_HOW_MANY_WEIGHTED_DWELLING));
    let body = capped(&table, lang, rows.len(), "budget.csv") + &note;
    section(
        "budget",
        lang.get(labels::BUDGET_PER_REGION_AND_PERIOD),
        &body,
    )
}

/// "Wie betaalt wat": where one more million euros helps most, per region in words, and
/// per region and funder the money over the whole plan (only with funders).
fn who_pays_what(page: &Page<'_>) -> String {
    let Some((data, chart)) = page.funders else {
        return String::new();
    };
    let lang = page.lang;
    let mut body = String::from("<ul>\n");
    for r in 0..data.regions.len() {
        body.push_str(&format!("<li>{}</li>\n", esc(&data.sentence(r, lang))));
    }
    body.push_str("</ul>\n");
    let mut head = vec![lang.get(labels::REGION)];
    head.extend(lang.words(&labels::FUNDER_MONEY_COLS));
    head.extend(lang.words(&[labels::FUNDER_USED_COL, labels::FUNDER_SHADOW_COL]));
    let mut table = Table::new(head, 2);
    for region in &data.regions {
        for (g, series) in region.funders.iter().enumerate() {
            let budget: f64 = series.budget_eur.iter().sum();
            let paid: f64 = series.paid_eur.iter().sum();
            let received: f64 = series.received_eur.iter().sum();
            let shadow = series
                .shadow_price_per_meur
                .iter()
                .copied()
                .fold(0.0, f64::max);
            let used = if budget > 0.0 {
                page::pct_fixed(lang, (paid - received) / budget, 0)
            } else {
                "–".to_string()
            };
            table.row(
                vec![
                    esc(&region.name),
                    esc(&data.funder_name(g, lang)),
                    eur(lang, budget),
                    eur(lang, paid),
                    eur(lang, received),
                    eur(lang, paid - received),
                    used,
                    lang.shadow(shadow),
                ],
                false,
            );
        }
    }
    body.push_str(&table.render());
    body.push_str(&page::note(&esc(lang.get(labels::WHO_PAYS_WHAT_NOTE))));
    body.push_str(&page::note(&format!(
        "<a href=\"#chart-{stem}\">{}</a> — {}/{stem}.svg",
        esc(&chart.title),
        crate::chart::CHARTS_DIR,
        stem = esc(&chart.stem)
    )));
    let mut title = lang.get(labels::WHO_PAYS_WHAT).to_string();
    if let Some(variant) = &data.variant {
        title.push_str(&labels::CHART_VARIANT_SUFFIX.format(lang, &[variant]));
    }
    section("wie-betaalt-wat", &title, &body)
}

/// The key columns of a table by municipality, segment and `when` (period or year).
fn segment_keys(lang: Lang, when: Label) -> [&'static str; 3] {
    [lang.get(labels::MUNICIPALITY), "Segment", lang.get(when)]
}

fn plan_table(page: &Page<'_>) -> String {
    let lang = page.lang;
    let (keys, n) = variant_keys(page, &segment_keys(lang, labels::PERIOD));
    let mut table = Table::new(head(&keys, &PLAN_COLUMNS, lang), n);
    let rows = variant_rows(page, |t| &t.plan);
    for &(variant, case, row) in rows.iter().take(MAX_HTML_ROWS) {
        let keys = vec![
            municipality_label(case, row.municipality),
            esc(&case.segments[row.segment].label),
            period_label(case, row.period),
        ];
        table.row(
            cells(with_variant(variant, keys), &PLAN_COLUMNS, row, lang),
            false,
        );
    }
    let body = capped(&table, lang, rows.len(), "plan.csv");
    let title = lang.get(labels::PLAN_PER_MUNICIPALITY_SEGMENT_AND_PERIOD);
    section("plan", title, &body)
}

fn transformation_table(page: &Page<'_>) -> String {
    let lang = page.lang;
    if page.tables.case.transformations.is_empty() {
        return String::new();
    }
    let mut used = variant_rows(page, |t| &t.transformations);
    used.retain(|(_, _, r)| r.dwellings_in.abs() >= 1e-6);
    let words = lang.words(&[labels::MUNICIPALITY, labels::TRANSFORMATION, labels::PERIOD]);
    let (keys, n) = variant_keys(page, &words);
    let mut table = Table::new(head(&keys, &TRANSFORMATION_COLUMNS, lang), n);
    for &(variant, case, row) in used.iter().take(MAX_HTML_ROWS) {
        let k = &case.transformations[row.transformation];
        let keys = vec![
            municipality_label(case, row.municipality),
            format!(
                "{} ({} → {})",
                esc(&k.label),
                esc(&case.segments[k.from].label),
                esc(&case.segments[k.to].label)
            ),
            period_label(case, row.period),
        ];
        let keys = with_variant(variant, keys);
        table.row(cells(keys, &TRANSFORMATION_COLUMNS, row, lang), false);
    }
    let body = if used.is_empty() {
        format!(
            "<p>{}</p>\n",
            lang.get(labels::THE_PLAN_TRANSFORMS_NO_DWELLINGS)
        )
    } else {
        page::note(lang.get(labels::ONLY_ROWS_WITH_TRANSFORMATIONS_A_NEGATIVE))
            + &capped(&table, lang, used.len(), "transformations.csv")
    };
    section("transformaties", lang.get(labels::TRANSFORMATIONS), &body)
}

fn balance_table(page: &Page<'_>) -> String {
    let lang = page.lang;
    let (keys, n) = variant_keys(page, &segment_keys(lang, labels::YEAR));
    let mut table = Table::new(head(&keys, &BALANCE_COLUMNS, lang), n).with_groups(vec![
        ("", n + 2),
        (lang.get(labels::STOCK), 2),
        (lang.get(labels::SURPLUS), 2),
        (lang.get(labels::SHORTAGE), 2),
    ]);
    let rows = variant_rows(page, |t| &t.balance);
    for &(variant, case, row) in rows.iter().take(MAX_HTML_ROWS) {
        let segment = match row.segment {
            Some(s) => esc(&case.segments[s].label),
            None => lang.get(labels::TOTAL).into(),
        };
        let keys = vec![
            municipality_label(case, row.municipality),
            segment,
            year_of(case, row.time).to_string(),
        ];
        table.row(
            cells(with_variant(variant, keys), &BALANCE_COLUMNS, row, lang),
            case.mode == Mode::Segment && row.segment.is_none(),
        );
    }
    let note = page::note(lang.get(labels::DEMAND_HOUSEHOLDS_PLUS_FRICTIONAL_VACANCY_SURPLUS));
    let body = note + &capped(&table, lang, rows.len(), "balance.csv");
    section(
        "balans",
        lang.get(labels::BALANCE_OF_STOCK_AND_DEMAND),
        &body,
    )
}

/// The case's README.md, converted: its sources and assumptions in its own words.
fn sources(page: &Page<'_>) -> String {
    let Some(text) = description(page) else {
        return String::new();
    };
    let lang = page.lang;
    let intro = if page.lang == Lang::Nl && page.leesmij.is_some() {
        labels::THE_DESCRIPTION_OF_THE_CASE_LEESMIJ
    } else {
        labels::THE_DESCRIPTION_OF_THE_CASE_README
    };
    let body = format!(
        "<p class=\"note\">{}</p>\n<div class=\"readme\">\n{}</div>\n",
        lang.get(intro),
        markdown::to_html(text, 2)
    );
    section("bron", lang.get(labels::SOURCES_AND_ASSUMPTIONS), &body)
}

fn settings(page: &Page<'_>) -> String {
    let (case, lang) = (page.tables.case, page.lang);
    let st = &case.settings;
    let milestones: Vec<String> = case.periods.iter().map(|p| p.end.to_string()).collect();
    let mut lower = 0.0;
    let tiers: Vec<String> = st
        .surplus_tiers
        .iter()
        .map(|t| {
            let range = if t.upper_share.is_infinite() {
                format!("{} {}", lang.get(labels::ABOVE), pct(lang, lower))
            } else {
                format!("{}–{}", pct(lang, lower), pct(lang, t.upper_share))
            };
            lower = t.upper_share;
            format!("{range}: ×{}", num(lang, t.multiplier, 6))
        })
        .collect();
    let mode = match case.mode {
        Mode::Total => lang.get(labels::TOTAL_DEMAND_PER_MUNICIPALITY),
        Mode::Segment => lang.get(labels::PER_SEGMENT_DEMAND_PER_MUNICIPALITY_AND),
    };
    let mut table = Table::new(vec![lang.get(labels::SETTING), lang.get(labels::VALUE)], 2);
    let mut add = |label: &str, value: String| table.row(vec![esc(label), value], false);
    add(lang.get(labels::MODE), esc(mode));
    add(lang.get(labels::BASE_YEAR), st.base_year.to_string());
    add(lang.get(labels::MILESTONES), milestones.join(", "));
    add(
        lang.get(labels::HOUSEHOLDS_VARIANT),
        esc(&st.households_variant),
    );
    add(
        lang.get(labels::FRICTIONAL_VACANCY_2),
        pct(lang, st.friction_vacancy),
    );
    add(
        lang.get(labels::MAX_DEMOLITION_AND_TRANSFORMATION_PER_YEAR),
        pct(lang, st.max_removal_share_per_year),
    );
    add(
        lang.get(labels::MAX_NEW_BUILD_PER_YEAR_OF),
        pct(lang, st.max_new_build_share_per_year),
    );
    add(
        lang.get(labels::SURPLUS_WEIGHT),
        num(lang, st.weight_surplus, 6),
    );
    add(
        lang.get(labels::SURPLUS_TIERS_OF_DEMAND),
        esc(&tiers.join("; ")),
    );
    add(
        lang.get(labels::SHORTAGE_WEIGHT),
        num(lang, st.weight_shortage, 6),
    );
    add(
        lang.get(labels::CARRY_UNSPENT_BUDGET_TO_LATER_PERIODS),
        labels::yes_no(lang, st.budget_carry_over).into(),
    );
    section("instellingen", lang.get(labels::SETTINGS), &table.render())
}

/// The technical details, collapsed: how the plan was computed (solver, status, the
/// facts that identify the run) and, on a Dutch page with LEESMIJ.md, the case's
/// README.md for engineers (its commands and hashes).
fn technical(page: &Page<'_>) -> String {
    let lang = page.lang;
    let mut body = run_facts(page);
    if let (true, Some(readme)) = (readme_is_technical(page), page.readme) {
        body.push_str(&format!(
            "<h3>{}</h3>\n<div class=\"readme\">\n{}</div>\n",
            lang.get(labels::README_FOR_ENGINEERS),
            markdown::to_html(readme, 3)
        ));
    }
    format!(
        "<section id=\"technisch\">\n<details>\n<summary><h2>{}</h2></summary>\n{body}</details>\n</section>\n",
        esc(lang.get(labels::TECHNICAL_DETAILS))
    )
}

/// How the plan was computed: solver, status and the facts that identify the run.
fn run_facts(page: &Page<'_>) -> String {
    let (plan, s, lang) = (page.plan, page.summary, page.lang);
    let mut table = Table::new(vec![], 1);
    let mut add = |label: &str, value: String| table.row(vec![esc(label), value], false);
    add(lang.get(labels::SOLVER), esc(&plan.solver));
    add("Status", esc(status_text(lang, &plan.status)));
    add(
        lang.get(labels::WHOLE_DWELLINGS_MIP),
        labels::yes_no(lang, plan.integer).into(),
    );
    if let Some(gap) = plan.mip_gap {
        add(lang.get(labels::MIP_GAP_REACHED), pct(lang, gap));
    }
    if let Some(run) = &s.integer_run {
        for (label, value) in run.facts(lang) {
            add(&label, esc(&value));
        }
    }
    add(
        lang.get(labels::STAGE_1_OPTIMUM_MISMATCH_WEIGHTED_DWELLING),
        num(lang, s.mismatch_stage1, 3),
    );
    add(
        lang.get(labels::MUNICIPALITIES_REGIONS_SEGMENTS),
        format!("{}, {}, {}", s.municipalities, s.regions, s.segments),
    );
    add("restock", esc(&s.version));
    add(
        lang.get(labels::INPUTS_SHA_256),
        format!("<code>{}</code>", esc(&s.inputs_sha256)),
    );
    format!(
        "<h3>{}</h3>\n{}<p class=\"note\">{}</p>\n",
        esc(lang.get(labels::SOLVER_AND_RUN)),
        table.render(),
        lang.get(labels::THE_MISMATCH_WAS_MINIMISED_FIRST_THEN)
    )
}

fn warnings(page: &Page<'_>) -> String {
    let (case, lang) = (page.tables.case, page.lang);
    if case.warnings.is_empty() {
        return String::new();
    }
    let items: String = case
        .warnings
        .iter()
        .map(|w| format!("<li>{}</li>\n", esc(&w.text(lang))))
        .collect();
    section(
        "waarschuwingen",
        lang.get(labels::WARNINGS_WHILE_READING),
        &format!("<ul>\n{items}</ul>\n"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("A & B <x> \"q\" 'a'"),
            "A &amp; B &lt;x&gt; &quot;q&quot; &#39;a&#39;"
        );
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(num(Lang::Nl, 0.0, 1), "0");
        assert_eq!(num(Lang::Nl, -0.04, 1), "0");
        assert_eq!(num(Lang::Nl, 12.5, 1), "12,5");
        assert_eq!(num(Lang::Nl, 1234.56, 1), "1.234,6");
        assert_eq!(num(Lang::En, 1234.56, 1), "1,234.6");
        assert_eq!(num(Lang::Nl, -1234567.0, 0), "-1.234.567");
        assert_eq!(num(Lang::Nl, f64::NAN, 1), "–");
        assert_eq!(eur(Lang::Nl, 1500.0), "€\u{a0}1.500");
        assert_eq!(pct(Lang::Nl, 0.02), "2\u{a0}%");
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn svg_becomes_an_inline_element() {
        let svg = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" \
                   xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        assert_eq!(
            inline_svg(svg, "A & B"),
            "<svg viewBox=\"0 0 10 5\" role=\"img\" aria-label=\"A &amp; B\">\n<rect/>\n</svg>"
        );
    }
}
