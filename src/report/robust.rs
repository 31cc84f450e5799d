//! What a council reads of a robust plan (spec v2 §6b): "Wat we nu vastleggen" (the
//! committed actions per municipality in whole dwellings), how each projection then
//! continues, the regret of every projection in words, and EVPI as what certainty about
//! the future would be worth — as a section of report.html and as two sheets of
//! report.xlsx.
//!
//! The figures in words come from summary.json's `robust` ([`RobustSummary`], rounded as
//! written), so the page and the workbook say exactly what summary.json holds. The
//! committed actions come from the first variant's plan: the committed periods are the
//! same in every variant (spec §6b; the files are written bit-for-bit the same).

use crate::case::Case;
use crate::labels::{self, Label};
use crate::lang::Lang;
use crate::plan::{Plan, RobustPlan};
use crate::report::page::{self, esc, Table};
use crate::report::summary::{RegionSummary, RobustSummary};
use crate::report::tables::Tables;

/// A regret or EVPI below this many weighted dwelling-years counts as none: it is shown
/// as 0 with one decimal, and the solver's tolerances are of this order.
pub const NEGLIGIBLE: f64 = 0.05;

/// A projection's name in words a planner knows: `aanname-sterke-krimp` → "de sterke
/// krimp" ("the strong decline"); a name it does not know is used as it is.
pub fn variant_words(name: &str, lang: Lang) -> String {
    let core = name
        .strip_prefix("aanname-")
        .or_else(|| name.strip_prefix("assumption-"))
        .unwrap_or(name);
    let known: [(&str, Label); 9] = [
        (
            "sterke-krimp",
            Label::new("de sterke krimp", "the strong decline"),
        ),
        ("krimp", Label::new("de krimp", "the decline")),
        ("trend", Label::new("de trend", "the trend")),
        ("groei", Label::new("de groei", "the growth")),
        (
            "sterke-groei",
            Label::new("de sterke groei", "the strong growth"),
        ),
        (
            "laag",
            Label::new("de lage projectie", "the low projection"),
        ),
        (
            "hoog",
            Label::new("de hoge projectie", "the high projection"),
        ),
        (
            "base",
            Label::new("de basisprojectie", "the base projection"),
        ),
        (
            "basis",
            Label::new("de basisprojectie", "the base projection"),
        ),
    ];
    known.iter().find(|(key, _)| *key == core).map_or_else(
        || name.to_string(),
        |(_, label)| label.pick(lang).to_string(),
    )
}

/// The committed actions of one municipality, summed over segments and committed
/// periods (dwellings, not yet rounded).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Actions {
    /// Dwellings demolished.
    pub demolish: f64,
    /// Dwellings built.
    pub new_build: f64,
    /// Input dwellings transformed, sales excluded.
    pub transform: f64,
    /// Input dwellings sold (transformations with a negative cost).
    pub sale: f64,
}

impl Actions {
    /// The actions of municipality `m` of `plan` in the periods `periods`.
    pub fn of(case: &Case, plan: &Plan, m: usize, periods: std::ops::Range<usize>) -> Actions {
        let mut a = Actions::default();
        for p in periods {
            for s in 0..case.segments.len() {
                a.demolish += plan.demolish[m][s][p];
                a.new_build += plan.new_build[m][s][p];
            }
            for (k, tr) in case.transformations.iter().enumerate() {
                if tr.cost_eur < 0.0 {
                    a.sale += plan.transform[m][k][p];
                } else {
                    a.transform += plan.transform[m][k][p];
                }
            }
        }
        a
    }

    /// The sum of two.
    pub fn plus(self, o: Actions) -> Actions {
        Actions {
            demolish: self.demolish + o.demolish,
            new_build: self.new_build + o.new_build,
            transform: self.transform + o.transform,
            sale: self.sale + o.sale,
        }
    }

    /// Whether any action rounds to at least one whole dwelling.
    pub fn any(&self) -> bool {
        [self.demolish, self.new_build, self.transform, self.sale]
            .iter()
            .any(|x| x.round() != 0.0)
    }
}

/// A robust plan as the report shows it: the cases of the variants, the plan and
/// summary.json's figures.
#[derive(Debug, Clone, Copy)]
pub struct RobustView<'a> {
    /// `cases[ω]`: the case of variant ω.
    pub cases: &'a [Case],
    /// The robust plan.
    pub plan: &'a RobustPlan,
    /// summary.json's `robust`.
    pub figures: &'a RobustSummary,
}

impl<'a> RobustView<'a> {
    fn case(&self) -> &'a Case {
        &self.cases[0]
    }

    /// The committed periods (fewer when the case has fewer periods).
    pub fn committed(&self) -> usize {
        self.figures.commit_periods.min(self.case().periods.len())
    }

    /// The committed actions per municipality, in case order, every municipality.
    pub fn commitment(&self) -> Vec<Actions> {
        let case = self.case();
        (0..case.municipalities.len())
            .map(|m| Actions::of(case, &self.plan.plans[0], m, 0..self.committed()))
            .collect()
    }

    /// Variant ω's actions after the committed periods, over every municipality.
    pub fn later(&self, w: usize) -> Actions {
        let case = &self.cases[w];
        (0..case.municipalities.len())
            .map(|m| {
                Actions::of(
                    case,
                    &self.plan.plans[w],
                    m,
                    self.committed()..case.periods.len(),
                )
            })
            .fold(Actions::default(), Actions::plus)
    }

    /// Whether some committed or later action is a sale (a sale column is shown).
    pub fn has_sales(&self) -> bool {
        self.case().transformations.iter().any(|t| t.cost_eur < 0.0)
    }

    /// The years of periods `from..to` in words, e.g. `2025–2040`.
    fn years(&self, periods: std::ops::Range<usize>) -> String {
        let case = self.case();
        match (case.periods.get(periods.start), periods.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= periods.start => {
                format!("{}–{}", first.start, case.periods[last].end)
            }
            _ => String::new(),
        }
    }

    /// The committed years, e.g. `2025–2030`.
    pub fn committed_years(&self) -> String {
        self.years(0..self.committed())
    }

    /// "de eerste periode (2025–2030)" or "de eerste 2 perioden (2025–2040)".
    fn committed_words(&self, lang: Lang) -> String {
        let years = self.committed_years();
        match self.committed() {
            1 => labels::FIRST_PERIOD.format(lang, &[&years]),
            n => labels::FIRST_PERIODS.format(lang, &[&n, &years]),
        }
    }

    /// The sentence on what committing means.
    pub fn commit_sentence(&self, lang: Lang) -> String {
        let total = self.case().periods.len();
        let after = if self.committed() >= total {
            lang.get(labels::ROBUST_ALL_COMMITTED).to_string()
        } else {
            labels::ROBUST_LATER_ADAPT.format(lang, &[&self.years(self.committed()..total)])
        };
        labels::ROBUST_COMMIT_MEANS.format(lang, &[&self.committed_words(lang), &after])
    }

    /// The regret of variant ω in words ([`regret_sentence`]).
    pub fn regret_sentence(&self, w: usize, lang: Lang) -> String {
        regret_sentence(&self.figures.variants[w], lang)
    }

    /// Σ_ω π_ω · Z1*_ω: the expected mismatch had we known the future.
    pub fn expected_alone(&self) -> f64 {
        self.figures.expected_mismatch - self.figures.evpi
    }

    /// EVPI in words ([`evpi_sentence`]).
    pub fn evpi_sentence(&self, lang: Lang) -> String {
        evpi_sentence(self.figures, lang)
    }

    /// The projections' names in words, joined.
    pub fn names_in_words(&self, lang: Lang) -> String {
        let words: Vec<String> = self
            .figures
            .variants
            .iter()
            .map(|v| variant_words(&v.name, lang))
            .collect();
        words.join(", ")
    }

    /// The opening paragraph.
    pub fn intro(&self, lang: Lang) -> String {
        let criterion = match self.figures.criterion.as_str() {
            "regret" => lang.get(labels::CRITERION_REGRET),
            _ => lang.get(labels::CRITERION_EXPECTED),
        };
        labels::ROBUST_INTRO.format(
            lang,
            &[
                &self.figures.variants.len(),
                &self.names_in_words(lang),
                &criterion,
            ],
        )
    }

    /// The section of report.html.
    pub fn html_section(&self, lang: Lang) -> String {
        let mut body = format!("<p>{}</p>\n", esc(&self.intro(lang)));
        body.push_str(&format!(
            "<h3 id=\"vastleggen\">{}</h3>\n<p>{}</p>\n",
            esc(lang.get(labels::ROBUST_COMMIT_TITLE)),
            esc(&self.commit_sentence(lang))
        ));
        body.push_str(&self.commit_table(lang));
        body.push_str(&format!(
            "<h3>{}</h3>\n",
            esc(lang.get(labels::ROBUST_CONTINUE_TITLE))
        ));
        body.push_str(&self.variants_table(lang));
        let later = self.years(self.committed()..self.case().periods.len());
        let later = if later.is_empty() {
            "–".into()
        } else {
            later
        };
        body.push_str(&page::note(&esc(
            &labels::ROBUST_CONTINUE_NOTE.format(lang, &[&later])
        )));
        body.push_str(&format!(
            "<h3 id=\"spijt\">{}</h3>\n<ul>\n",
            esc(lang.get(labels::ROBUST_REGRET_TITLE))
        ));
        for w in 0..self.figures.variants.len() {
            body.push_str(&format!(
                "<li class=\"regret\">{}</li>\n",
                esc(&self.regret_sentence(w, lang))
            ));
        }
        body.push_str("</ul>\n");
        body.push_str(&page::note(&esc(
            &labels::REGRET_WORST.format(lang, &[&amount(lang, self.figures.max_regret.max(0.0))])
        )));
        body.push_str(&format!(
            "<h3 id=\"evpi\">{}</h3>\n<p class=\"evpi\">{}</p>\n",
            esc(lang.get(labels::EVPI_TITLE)),
            esc(&self.evpi_sentence(lang))
        ));
        body.push_str(&page::note(&esc(&labels::ROBUST_REST_NOTE.format(
            lang,
            &[&variant_words(&self.figures.variants[0].name, lang)],
        ))));
        page::section("robuust", lang.get(labels::ROBUST_SECTION_TITLE), &body)
    }

    /// The columns of the commitment: municipality, then the actions.
    fn action_heads(&self, lang: Lang) -> Vec<&'static str> {
        let mut heads = lang.words(&[
            labels::DEMOLISH_COL,
            labels::NEW_BUILD_COL,
            labels::TRANSFORM_COL,
        ]);
        if self.has_sales() {
            heads.push(lang.get(labels::SALE_COL));
        }
        heads
    }

    fn action_cells(&self, a: &Actions, lang: Lang) -> Vec<String> {
        let mut cells = vec![
            lang.int(a.demolish),
            lang.int(a.new_build),
            lang.int(a.transform),
        ];
        if self.has_sales() {
            cells.push(lang.int(a.sale));
        }
        cells
    }

    /// The commitment table: municipalities with a committed action, then the total.
    fn commit_table(&self, lang: Lang) -> String {
        let case = self.case();
        let commitment = self.commitment();
        if !commitment.iter().any(Actions::any) {
            return format!(
                "<p class=\"commit-nothing\">{}</p>\n",
                esc(lang.get(labels::ROBUST_COMMIT_NOTHING))
            );
        }
        let mut head = lang.words(&[labels::MUNICIPALITY, labels::REGION]);
        head.extend(self.action_heads(lang));
        let mut table = Table::new(head, 2);
        let mut total = Actions::default();
        for (m, a) in commitment.iter().enumerate() {
            total = total.plus(*a);
            if !a.any() {
                continue;
            }
            let muni = &case.municipalities[m];
            let mut cells = vec![
                format!("{} ({})", esc(&muni.name), esc(&muni.code)),
                esc(&case.regions[muni.region]),
            ];
            cells.extend(self.action_cells(a, lang));
            table.row(cells, false);
        }
        let mut cells = vec![lang.get(labels::TOTAL).to_string(), String::new()];
        cells.extend(self.action_cells(&total, lang));
        table.row(cells, true);
        table.render() + &page::note(&esc(lang.get(labels::ROBUST_COMMIT_NOTE)))
    }

    /// The variants' table: weight, later actions, mismatch, own optimum, regret, cost.
    fn variants_table(&self, lang: Lang) -> String {
        let head = lang.words(&[
            labels::PROJECTION_COL,
            labels::WEIGHT_COL,
            labels::LATER_DEMOLISH_COL,
            labels::LATER_NEW_BUILD_COL,
            labels::LATER_TRANSFORM_COL,
            labels::DO_NOTHING_MISMATCH_COL,
            labels::MISMATCH_ROBUST_COL,
            labels::OWN_OPTIMUM_COL,
            labels::REGRET_COL,
            labels::GROSS_COST,
        ]);
        let mut table = Table::new(head, 1);
        for (w, v) in self.figures.variants.iter().enumerate() {
            let later = self.later(w);
            table.row(
                vec![
                    format!(
                        "{} <code>{}</code>",
                        esc(&variant_words(&v.name, lang)),
                        esc(&v.name)
                    ),
                    page::pct_fixed(lang, v.weight, 1),
                    lang.int(later.demolish),
                    lang.int(later.new_build),
                    lang.int(later.transform + later.sale),
                    amount(lang, v.mismatch_do_nothing),
                    amount(lang, v.mismatch),
                    amount(lang, v.mismatch_alone),
                    amount(lang, v.regret.max(0.0)),
                    page::eur(lang, v.gross_cost_eur),
                ],
                false,
            );
        }
        table.render()
    }
}

/// The regret of a variant in words: "als de sterke krimp uitkomt, is dit plan X %
/// slechter dan het beste plan dat we dan hadden kunnen kiezen" (X = regret / Z1*_ω);
/// "even goed" when the regret is below [`NEGLIGIBLE`]; in weighted dwelling-years when
/// the variant's own optimum has no mismatch (a percentage of 0 means nothing).
pub fn regret_sentence(v: &crate::report::summary::VariantSummary, lang: Lang) -> String {
    let name = variant_words(&v.name, lang);
    let regret = v.regret.max(0.0);
    if regret < NEGLIGIBLE {
        return labels::REGRET_NONE.format(lang, &[&name]);
    }
    let dwelling_years = amount(lang, regret);
    if v.mismatch_alone < NEGLIGIBLE {
        return labels::REGRET_ABSOLUTE.format(lang, &[&name, &dwelling_years]);
    }
    let share = share_words(lang, regret / v.mismatch_alone);
    labels::REGRET_PCT.format(lang, &[&name, &share, &dwelling_years])
}

/// EVPI in words: E against Σ π_ω Z1*_ω, the difference in weighted dwelling-years and
/// as a share of E; "niets" when EVPI is below [`NEGLIGIBLE`].
pub fn evpi_sentence(f: &RobustSummary, lang: Lang) -> String {
    let e = amount(lang, f.expected_mismatch);
    if f.evpi < NEGLIGIBLE {
        return labels::EVPI_ZERO.format(lang, &[&e]);
    }
    let share = if f.expected_mismatch > 0.0 {
        share_words(lang, f.evpi / f.expected_mismatch)
    } else {
        "–".to_string()
    };
    let alone = f.expected_mismatch - f.evpi;
    labels::EVPI_SENTENCE.format(
        lang,
        &[&e, &amount(lang, alone), &amount(lang, f.evpi), &share],
    )
}

/// Weighted dwelling-years for the page: whole from 100 on, one decimal below.
pub fn amount(lang: Lang, x: f64) -> String {
    if x.abs() >= 100.0 {
        lang.int(x)
    } else {
        lang.num(x, 1)
    }
}

/// A share in words: one decimal, two below 1 %.
fn share_words(lang: Lang, share: f64) -> String {
    let decimals = if share.abs() < 0.01 { 2 } else { 1 };
    page::pct(lang, share, decimals)
}

/// What report.html shows besides the rest of the plan report in robust mode.
#[derive(Debug, Clone)]
pub struct RobustPage<'a> {
    /// The robust section (HTML), shown after the key figures.
    pub section: String,
    /// Every variant's tables with its name, in robust.variants order: the page's
    /// tables get a projection column.
    pub variants: Vec<(String, &'a Tables<'a>)>,
    /// Every variant's figures per region.
    pub regions: Vec<(String, Vec<RegionSummary>)>,
    /// The robust charts, shown before the first variant's charts.
    pub charts: Vec<crate::chart::PageChart>,
}

// ---------------------------------------------------------------------------------
// report.xlsx

use crate::report::tables::Kind;
use crate::report::xlsx::{self, Sheet};

impl RobustView<'_> {
    /// The sheets of report.xlsx: "Vastleggen" (the committed actions per municipality
    /// in whole dwellings, every municipality) and "Projecties" (per variant its
    /// figures, then E, Σπ·optimum, the worst regret and EVPI).
    pub(crate) fn sheets(&self, lang: Lang) -> Vec<Sheet> {
        vec![self.commit_sheet(lang), self.variants_sheet(lang)]
    }

    fn commit_sheet(&self, lang: Lang) -> Sheet {
        let case = self.case();
        let mut columns: Vec<xlsx::SheetColumn> = xlsx::municipality_columns(lang).into();
        columns.extend([
            (lang.get(labels::PERIOD_START), Kind::Year, 10.0),
            (lang.get(labels::PERIOD_END), Kind::Year, 10.0),
        ]);
        for head in self.action_heads(lang) {
            columns.push((head, Kind::Dwellings, 14.0));
        }
        let first = case.periods.first().map_or(0, |p| p.start);
        let last = case
            .periods
            .get(self.committed().saturating_sub(1))
            .map_or(0, |p| p.end);
        let rows = self
            .commitment()
            .iter()
            .enumerate()
            .map(|(m, a)| {
                let mut row: Vec<xlsx::Cell> = xlsx::municipality_cells(case, m).into();
                row.push(xlsx::number(f64::from(first)));
                row.push(xlsx::number(f64::from(last)));
                let mut values = vec![a.demolish, a.new_build, a.transform];
                if self.has_sales() {
                    values.push(a.sale);
                }
                row.extend(values.into_iter().map(|x| xlsx::number(x.round())));
                row
            })
            .collect();
        Sheet {
            name: lang.get(labels::COMMIT_SHEET),
            columns,
            rows,
            frozen_columns: 2,
        }
    }

    fn variants_sheet(&self, lang: Lang) -> Sheet {
        let f = self.figures;
        let columns: Vec<xlsx::SheetColumn> = vec![
            ("Variant", Kind::Text, 24.0),
            (lang.get(labels::PROJECTION_COL), Kind::Text, 24.0),
            (lang.get(labels::WEIGHT_COL), Kind::Decimal, 10.0),
            (lang.get(labels::LATER_DEMOLISH_COL), Kind::Dwellings, 14.0),
            (lang.get(labels::LATER_NEW_BUILD_COL), Kind::Dwellings, 14.0),
            (lang.get(labels::LATER_TRANSFORM_COL), Kind::Dwellings, 14.0),
            (
                lang.get(labels::DO_NOTHING_MISMATCH_COL),
                Kind::Decimal,
                16.0,
            ),
            (lang.get(labels::MISMATCH_ROBUST_COL), Kind::Decimal, 16.0),
            (lang.get(labels::OWN_OPTIMUM_COL), Kind::Decimal, 16.0),
            (lang.get(labels::REGRET_COL), Kind::Decimal, 14.0),
            (lang.get(labels::REGRET_PCT_COL), Kind::Decimal, 12.0),
            (lang.get(labels::GROSS_COST), Kind::Euro, 18.0),
        ];
        let mut rows: Vec<Vec<xlsx::Cell>> = f
            .variants
            .iter()
            .enumerate()
            .map(|(w, v)| {
                let later = self.later(w);
                let regret_pct = if v.mismatch_alone >= NEGLIGIBLE {
                    xlsx::number(100.0 * v.regret.max(0.0) / v.mismatch_alone)
                } else {
                    xlsx::text("–")
                };
                vec![
                    xlsx::text(&v.name),
                    xlsx::text(variant_words(&v.name, lang)),
                    xlsx::number(v.weight),
                    xlsx::number(later.demolish.round()),
                    xlsx::number(later.new_build.round()),
                    xlsx::number((later.transform + later.sale).round()),
                    xlsx::number(v.mismatch_do_nothing),
                    xlsx::number(v.mismatch),
                    xlsx::number(v.mismatch_alone),
                    xlsx::number(v.regret),
                    regret_pct,
                    xlsx::number(v.gross_cost_eur),
                ]
            })
            .collect();
        for (label, value) in [
            (labels::EXPECTED_MISMATCH_ROW, f.expected_mismatch),
            (labels::EXPECTED_ALONE_ROW, self.expected_alone()),
            (labels::WORST_REGRET_ROW, f.max_regret),
            (labels::EVPI_ROW, f.evpi),
        ] {
            let mut row = vec![xlsx::text(lang.get(label)), xlsx::text("")];
            row.push(xlsx::number(value));
            rows.push(row);
        }
        Sheet {
            name: lang.get(labels::VARIANTS_SHEET),
            columns,
            rows,
            frozen_columns: 1,
        }
    }
}

// ---------------------------------------------------------------------------------
// The robust charts' data.

use crate::chart::robust::{CommitChartData, FanData};
use crate::chart::ChartData;

impl RobustView<'_> {
    /// Each variant's own optimal plan (solved alone), when the robust plan kept them.
    fn own_optima(&self) -> Option<&[Plan]> {
        let alone = &self.plan.plans_alone;
        (alone.len() == self.cases.len()).then_some(&alone[..])
    }

    /// The committed demolition per municipality next to each variant's own optimal
    /// demolition in the same periods; `None` without the own optima.
    pub fn commit_chart_data(&self, lang: Lang) -> Option<CommitChartData> {
        let alone = self.own_optima()?;
        let case = self.case();
        let demolished = |w: usize, plan: &Plan| -> Vec<f64> {
            (0..self.cases[w].municipalities.len())
                .map(|m| Actions::of(&self.cases[w], plan, m, 0..self.committed()).demolish)
                .collect()
        };
        Some(CommitChartData {
            years: self.committed_years(),
            municipalities: case.municipalities.iter().map(|m| m.name.clone()).collect(),
            committed: self.commitment().iter().map(|a| a.demolish).collect(),
            own: self
                .figures
                .variants
                .iter()
                .zip(alone)
                .enumerate()
                .map(|(w, (v, plan))| (variant_words(&v.name, lang), demolished(w, plan)))
                .collect(),
        })
    }

    /// Per region the stock against the demand of every variant.
    pub fn fan_data(&self, lang: Lang) -> FanData {
        let data: Vec<ChartData> = self
            .cases
            .iter()
            .zip(&self.plan.plans)
            .map(|(case, plan)| ChartData::new(case, plan))
            .collect();
        FanData {
            committed_until: self.committed(),
            demand: self
                .figures
                .variants
                .iter()
                .zip(&data)
                .map(|(v, d)| {
                    let demand = d
                        .regions
                        .iter()
                        .map(|r| r.trajectories.demand.clone())
                        .collect();
                    (variant_words(&v.name, lang), demand)
                })
                .collect(),
            chart: data
                .into_iter()
                .next()
                .unwrap_or_else(|| ChartData::new(self.case(), &self.plan.plans[0])),
        }
    }

    /// Draws the robust charts into `dir`/charts (SVG and PNG).
    pub fn write_charts(
        &self,
        dir: &std::path::Path,
        lang: Lang,
    ) -> crate::Result<Vec<crate::chart::PageChart>> {
        let commit = self.commit_chart_data(lang);
        crate::chart::robust::write_charts(dir, commit.as_ref(), &self.fan_data(lang), lang)
    }
}

// ---------------------------------------------------------------------------------
// The comparison page.

use crate::report::comparison::ScenarioEntry;

/// The comparison page's table of robust scenarios: per robust scenario its criterion,
/// committed periods, E, expected gross cost is in the key figures; here E, the worst
/// regret and EVPI, with the note on how the comparison uses them. Empty without a
/// robust scenario.
pub fn compare_section(lang: Lang, scenarios: &[ScenarioEntry]) -> String {
    let robust: Vec<(&ScenarioEntry, &RobustSummary)> = scenarios
        .iter()
        .filter_map(|s| s.robust.as_ref().map(|r| (s, r)))
        .collect();
    if robust.is_empty() {
        return String::new();
    }
    let head = lang.words(&[
        labels::SCENARIO,
        labels::PROJECTION_COL,
        labels::CRITERION_COL,
        labels::EXPECTED_MISMATCH_ROW,
        labels::WORST_REGRET_ROW,
        labels::EVPI_ROW,
    ]);
    let mut table = Table::plain(head, 3);
    for (s, r) in robust {
        let names: Vec<String> = r
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{} ({})",
                    variant_words(&v.name, lang),
                    page::pct(lang, v.weight, 1)
                )
            })
            .collect();
        table.row(
            vec![
                esc(&s.identity.name),
                esc(&names.join(", ")),
                esc(&r.criterion),
                amount(lang, r.expected_mismatch),
                amount(lang, r.max_regret.max(0.0)),
                amount(lang, r.evpi),
            ],
            false,
        );
    }
    page::noted_section(
        "robuust",
        lang.get(labels::COMPARE_ROBUST_TITLE),
        table.render(),
        &esc(lang.get(labels::COMPARE_ROBUST_NOTE)),
    )
}

/// The note under the comparison charts when a scenario is robust.
pub fn compare_chart_notes(lang: Lang, scenarios: &[ScenarioEntry]) -> Vec<String> {
    if scenarios.iter().any(|s| s.robust.is_some()) {
        vec![lang.get(labels::COMPARE_ROBUST_NOTE).to_string()]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::summary::VariantSummary;

    fn variant(name: &str, alone: f64, regret: f64) -> VariantSummary {
        VariantSummary {
            name: name.into(),
            weight: 0.5,
            mismatch: alone + regret,
            mismatch_alone: alone,
            regret,
            gross_cost_eur: 0.0,
            mismatch_do_nothing: 0.0,
        }
    }

    #[test]
    fn variants_in_words_with_the_name_as_fallback() {
        assert_eq!(
            variant_words("aanname-sterke-krimp", Lang::Nl),
            "de sterke krimp"
        );
        assert_eq!(variant_words("aanname-trend", Lang::En), "the trend");
        assert_eq!(variant_words("hoog", Lang::Nl), "de hoge projectie");
        assert_eq!(variant_words("mijn-variant", Lang::Nl), "mijn-variant");
    }

    #[test]
    fn regret_as_a_share_of_the_own_optimum() {
        let v = variant("aanname-sterke-krimp", 200.0, 25.0);
        assert_eq!(
            regret_sentence(&v, Lang::Nl),
            "Als de sterke krimp uitkomt, is dit plan 12,5\u{a0}% slechter dan het beste \
             plan dat we dan hadden kunnen kiezen (25 gewogen woningjaren meer mismatch)."
        );
        assert!(regret_sentence(&v, Lang::En)
            .starts_with("If the strong decline comes true, this plan is 12.5% worse"));
    }

    #[test]
    fn regret_without_a_share_when_the_own_optimum_is_zero_and_none_when_zero() {
        // The hand case of docs/model.md, expected with equal weights: laag regrets 20
        // against an own optimum of 0, hoog regrets nothing.
        let laag = regret_sentence(&variant("laag", 0.0, 20.0), Lang::Nl);
        assert_eq!(
            laag,
            "Als de lage projectie uitkomt, heeft dit plan 20 gewogen woningjaren meer \
             mismatch dan het beste plan dat we dan hadden kunnen kiezen (dat had geen \
             mismatch)."
        );
        let hoog = regret_sentence(&variant("hoog", 0.0, 1e-7), Lang::Nl);
        assert!(
            hoog.contains("is dit plan even goed als het beste plan"),
            "{hoog}"
        );
    }

    #[test]
    fn evpi_in_words_and_none() {
        let mut f = RobustSummary {
            criterion: "expected".into(),
            commit_periods: 1,
            expected_mismatch: 1000.0,
            max_regret: 40.0,
            evpi: 250.0,
            variants: Vec::new(),
        };
        let text = evpi_sentence(&f, Lang::Nl);
        assert!(
            text.contains("de verwachte mismatch 1.000 gewogen woningjaren"),
            "{text}"
        );
        assert!(text.contains("was de verwachte mismatch 750."), "{text}");
        assert!(
            text.contains("250 gewogen woningjaren waard zijn (25\u{a0}% van"),
            "{text}"
        );
        f.evpi = 0.0;
        assert!(evpi_sentence(&f, Lang::En).contains("would gain nothing here"));
    }
}
