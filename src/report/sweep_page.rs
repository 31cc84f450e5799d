//! The sweep of `restock sweep` as a page: what was varied, the knee in words, the
//! chart and every point ([`SweepPoint`], also the rows of sweep.csv), rendered with
//! the page kit ([`super::page`]).

use std::fmt::Write as _;

use crate::chart::format::step_decimals;
use crate::chart::{PageChart, SweepAxis};
use crate::lang::Lang;

use super::comparison::page_figures;
use super::page::{self, esc, eur, section};
use crate::labels;

/// One solved point of a sweep: a row of sweep.csv and of the page's table.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepPoint {
    /// 0-based position in the grid.
    pub index: usize,
    /// The parameter's value.
    pub value: f64,
    /// Σ of every region's budget over all periods at this point, in euros.
    pub budget_eur: f64,
    /// Z1 of the plan (weighted dwelling-years).
    pub mismatch: f64,
    /// Z1 without actions (changes with the frictional vacancy, not with the budget).
    pub mismatch_do_nothing: f64,
    /// Z2: gross cost of the plan in euros.
    pub gross_cost_eur: f64,
    /// Net cost of the plan in euros (sales count negative).
    pub net_cost_eur: f64,
    /// Mismatch one more million euros would remove when spread like the budget: the
    /// budget-weighted mean of the shadow prices (their plain mean when there is no
    /// budget at all).
    pub shadow_price_per_meur: f64,
    /// "optimal" or why the solver stopped.
    pub status: String,
}

/// What the sweep page says about the run besides the points.
#[derive(Debug, Clone, Copy)]
pub struct SweepPage<'a> {
    /// The language.
    pub lang: Lang,
    /// The case or scenario swept.
    pub name: &'a str,
    /// The title of the swept plan ([`crate::case::Case::title`]).
    pub title: &'a str,
    /// The base case folder.
    pub base: &'a str,
    /// The grid as given on the command line (`FROM:TO:STEP`).
    pub grid: &'a str,
    /// What was varied.
    pub axis: SweepAxis,
    /// The column name of the varied setting (`budget_factor`, `friction_vacancy`).
    pub column: &'a str,
    /// The points in grid order.
    pub points: &'a [SweepPoint],
    /// Per point: mismatch removed per extra million since the previous point.
    pub reductions: &'a [Option<f64>],
    /// The index of the knee, if any.
    pub knee: Option<usize>,
    /// Mismatch removed per extra million up to the knee and beyond it.
    pub knee_slopes: Option<(f64, f64)>,
    /// The point at the current setting (budget factor 1, the case's frictional vacancy).
    pub current: Option<usize>,
    /// A budget sweep whose plan at factor 0 still lowers the mismatch: what it spends
    /// there, paid by the proceeds of sales (euros).
    pub funded_by_sales: Option<f64>,
    /// The chart.
    pub chart: &'a PageChart,
}

/// The sweep page: what was varied, the knee, the chart and every point.
pub fn page(p: &SweepPage<'_>) -> String {
    let lang = p.lang;
    let budget = p.axis == SweepAxis::Budget;
    let what = if budget {
        lang.get(labels::BUDGET_FACTOR)
    } else {
        lang.get(labels::FRICTIONAL_VACANCY)
    };
    // The page is titled by what was varied; the plan's title leads the subtitle and the
    // case or scenario's name opens the text (never the title: it may be a folder name).
    let title = match lang {
        Lang::Nl => format!("Gevoeligheid voor de {what}"),
        Lang::En => format!("Sensitivity to the {what}"),
    };
    let subtitle = format!(
        "{} — {}",
        p.title,
        lang.get(labels::THE_SAME_PLAN_SOLVED_AT_EVERY)
    );
    let mut intro = format!(
        "<p>{}: <strong>{}</strong>. {} <code>{}</code>; {} <code>{}</code> ({} {}).</p>\n",
        lang.pick("Case of scenario", "Case or scenario"),
        esc(p.name),
        lang.get(labels::BASE_CASE),
        esc(p.base),
        lang.get(labels::VARIED),
        esc(p.column),
        esc(p.grid),
        match lang {
            Lang::Nl => format!("{} punten", p.points.len()),
            Lang::En => format!("{} points", p.points.len()),
        }
    );
    if budget {
        let knee = match (p.knee.and_then(|k| p.points.get(k)), p.knee_slopes) {
            (Some(k), Some((before, after))) => match lang {
                Lang::Nl => format!(
                    "De knik ligt bij budgetfactor {} ({} in totaal, mismatch {}): tot daar \
                     haalt elk extra miljoen meer mismatch weg dan gemiddeld over het \
                     bereik, daarna minder. Tot de knik haalt één miljoen gemiddeld {} \
                     gewogen woningjaren weg, daarna {}.",
                    lang.num(k.value, 6),
                    lang.meur(k.budget_eur),
                    lang.num(k.mismatch, 0),
                    lang.shadow(before),
                    lang.shadow(after)
                ),
                Lang::En => format!(
                    "The knee is at budget factor {} ({} in total, mismatch {}): up to there \
                     each extra million removes more mismatch than the average million over \
                     the range, beyond it less. Up to the knee one million removes {} \
                     weighted dwelling-years on average, beyond it {}.",
                    lang.num(k.value, 6),
                    lang.meur(k.budget_eur),
                    lang.num(k.mismatch, 0),
                    lang.shadow(before),
                    lang.shadow(after)
                ),
            },
            _ => lang.get(labels::NO_KNEE_THE_CURVE_IS_ALMOST).to_string(),
        };
        let _ = writeln!(intro, "<p>{}</p>", esc(&knee));
        let _ = writeln!(
            intro,
            "<p class=\"note\">{}</p>",
            esc(lang.get(labels::SWEEP_KNEE_RULE))
        );
        if let (Some(eur), Some(zero)) = (
            p.funded_by_sales,
            p.points.iter().find(|pt| pt.value == 0.0),
        ) {
            let _ = writeln!(
                intro,
                "<p class=\"notice\">{}</p>",
                esc(&labels::SWEEP_FUNDED_BY_SALES_PAGE.format(
                    lang,
                    &[
                        &lang.int(zero.mismatch),
                        &lang.int(zero.mismatch_do_nothing),
                        &lang.meur(eur)
                    ]
                ))
            );
        }
    }
    let head = [
        lang.get(labels::POINT),
        if budget {
            lang.get(labels::BUDGET_FACTOR_2)
        } else {
            lang.get(labels::FRICTIONAL_VACANCY_2)
        },
        lang.get(labels::BUDGET),
        lang.get(labels::MISMATCH_WITH_THE_PLAN_2),
        lang.get(labels::MISMATCH_IF_NOTHING_IS_DONE_2),
        lang.get(labels::GROSS_COST),
        lang.get(labels::NET_COST),
        lang.get(labels::SHADOW_PRICE_PER_1_M),
        lang.get(labels::LESS_MISMATCH_PER_EXTRA_1_M),
    ];
    // One number of decimals for the whole column: as many as its values need.
    let decimals = p
        .points
        .iter()
        .map(|pt| step_decimals(if budget { pt.value } else { pt.value * 100.0 }))
        .max()
        .unwrap_or(0)
        .min(3);
    let rows: Vec<(Vec<String>, Option<&'static str>)> = p
        .points
        .iter()
        .enumerate()
        .map(|(i, pt)| {
            let value = if budget {
                lang.dec(pt.value, decimals)
            } else {
                page::pct_fixed(lang, pt.value, decimals)
            };
            let mut first = (pt.index + 1).to_string();
            if p.knee == Some(i) {
                first.push_str(&format!(" ({})", lang.get(labels::KNEE)));
            }
            if p.current == Some(i) {
                first.push_str(&format!(" ({})", lang.get(labels::SWEEP_CURRENT_ROW)));
            }
            (
                vec![
                    first,
                    value,
                    eur(lang, pt.budget_eur),
                    lang.num(pt.mismatch, 0),
                    lang.num(pt.mismatch_do_nothing, 0),
                    eur(lang, pt.gross_cost_eur),
                    eur(lang, pt.net_cost_eur),
                    lang.shadow(pt.shadow_price_per_meur),
                    p.reductions
                        .get(i)
                        .copied()
                        .flatten()
                        .map_or_else(|| "–".into(), |x| lang.shadow(x)),
                ],
                (p.knee == Some(i)).then_some("knee"),
            )
        })
        .collect();
    let note = lang.get(labels::SHADOW_PRICE_THE_MISMATCH_ONE_MORE);
    let sections = [
        section("sweep", lang.get(labels::WHAT_WAS_VARIED), &intro),
        page::figures(lang, &page_figures(std::slice::from_ref(p.chart)), &[]),
        page::noted_section(
            "punten",
            lang.get(labels::EVERY_POINT),
            page::table(&head, 1, rows),
            note,
        ),
    ];
    page::page(
        lang,
        page::SCENARIO_CSS,
        &title,
        &subtitle,
        &sections,
        &format!("restock {}", esc(crate::VERSION)),
    )
}
