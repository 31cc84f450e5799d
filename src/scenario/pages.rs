//! report.html of `compare` and of `sweep`: one self-contained page each, like the plan
//! report — inline CSS, the charts inline as SVG with the chart font embedded, every
//! text from the input escaped, no timings (the same input gives the same page).

use std::fmt::Write as _;

use crate::chart::font::{CSS_FAMILY, FONT_BYTES};
use crate::chart::format::Lang;
use crate::chart::{PageChart, CHARTS_DIR};
use crate::report::html::{base64, esc, inline_svg};

use super::compare::{Row, Solved, TOTAL_REGION};
use super::diff::InputDiff;
use super::sweep::{Parameter, Sweep};

const CSS: &str = "\
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; \
margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { margin-bottom: 0.3rem; }
.sub, .note, footer, figcaption { color: #555; }
.notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6rem 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #e2e2e2; text-align: left; \
vertical-align: top; }
th { background: #f2f2f2; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; }
tr.knee td { font-weight: bold; background: #fdf0e6; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #e2e2e2; }
figcaption { font-size: 0.85rem; margin-top: 0.3rem; }
footer { margin-top: 3rem; font-size: 0.8rem; }
@media print { body { max-width: none; margin: 0; } .scroll { overflow: visible; } }
";

fn page(lang: Lang, title: &str, subtitle: &str, sections: &[String]) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — restock</title>\n<style>\n@font-face {{ font-family: '{CSS_FAMILY}'; \
         font-style: normal; font-weight: 400; src: url(data:font/ttf;base64,{}) \
         format('truetype'); }}\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
         <p class=\"sub\">{}</p>\n</header>\n",
        lang.code(),
        esc(title),
        base64(FONT_BYTES),
        esc(title),
        esc(subtitle)
    );
    for s in sections.iter().filter(|s| !s.is_empty()) {
        html.push_str(s);
    }
    let _ = write!(
        html,
        "<footer>restock {}</footer>\n</body>\n</html>\n",
        esc(crate::VERSION)
    );
    html
}

fn section(id: &str, title: &str, body: &str) -> String {
    format!(
        "<section id=\"{id}\">\n<h2>{}</h2>\n{body}</section>\n",
        esc(title)
    )
}

/// A table: header cells, and rows of already escaped cells; the first `text` columns
/// are text, the rest numbers. A row flagged with a class gets it (`total`, `knee`).
fn table(head: &[&str], text: usize, rows: &[(Vec<String>, Option<&str>)]) -> String {
    let class = |i: usize| if i < text { "" } else { " class=\"n\"" };
    let mut html = String::from("<div class=\"scroll\">\n<table>\n<thead><tr>");
    for (i, h) in head.iter().enumerate() {
        let _ = write!(html, "<th{}>{}</th>", class(i), esc(h));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (cells, row_class) in rows {
        match row_class {
            Some(c) => {
                let _ = write!(html, "<tr class=\"{c}\">");
            }
            None => html.push_str("<tr>"),
        }
        for (i, cell) in cells.iter().enumerate() {
            let _ = write!(html, "<td{}>{cell}</td>", class(i));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

fn figures(lang: Lang, charts: &[PageChart]) -> String {
    let mut body = format!(
        "<p class=\"note\">{}</p>\n",
        match lang {
            Lang::Nl => format!(
                "Elke grafiek staat ook als SVG en PNG in de map <code>{CHARTS_DIR}/</code> \
                 naast dit rapport."
            ),
            Lang::En => format!(
                "Every chart is also in the folder <code>{CHARTS_DIR}/</code> next to this \
                 report, as SVG and PNG."
            ),
        }
    );
    for c in charts {
        let _ = write!(
            body,
            "<figure id=\"chart-{stem}\">\n{}\n<figcaption>{} — {CHARTS_DIR}/{stem}.svg, \
             {CHARTS_DIR}/{stem}.png</figcaption>\n</figure>\n",
            inline_svg(&c.svg, &c.title),
            esc(&c.title),
            stem = esc(&c.stem)
        );
    }
    section("grafieken", lang.pick("Grafieken", "Charts"), &body)
}

fn eur(lang: Lang, value: f64) -> String {
    lang.eur(value).replace(' ', "\u{a0}")
}

fn pct(lang: Lang, share: f64, decimals: usize) -> String {
    lang.pct(share, decimals).replace(' ', "\u{a0}")
}

/// The comparison page: the scenarios, their key figures, the charts, the figures per
/// region, the input differences and links to every scenario's own plan report.
pub fn comparison(
    lang: Lang,
    solved: &[Solved],
    rows: &[Row],
    diff: &InputDiff,
    charts: &[PageChart],
    plan_dirs: &[String],
) -> String {
    let title = lang.pick("Vergelijking van scenario's", "Comparison of scenarios");
    let subtitle = lang.pick(
        "Dezelfde vraag onder verschillende aannames: wat het plan bereikt, wat het kost en \
         wat er anders is aan de invoer.",
        "The same question under different assumptions: what the plan achieves, what it \
         costs and what differs in the inputs.",
    );
    let sections = [
        time_limit_notice(lang, solved),
        scenarios_section(lang, solved, plan_dirs),
        key_figures(lang, rows),
        figures(lang, charts),
        regions_section(lang, rows),
        diff_section(lang, diff),
    ];
    page(lang, title, subtitle, &sections)
}

fn time_limit_notice(lang: Lang, solved: &[Solved]) -> String {
    let stopped: Vec<String> = solved
        .iter()
        .filter(|s| s.summary.status != "optimal")
        .map(|s| esc(&s.scenario.name))
        .collect();
    if stopped.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"notice\">{} {}</p>\n",
        lang.pick(
            "Let op: de oplosser stopte op de tijdslimiet; deze plannen zijn niet bewezen \
             optimaal:",
            "Note: the solver stopped at the time limit; these plans are not proven optimal:"
        ),
        stopped.join(", ")
    )
}

fn scenarios_section(lang: Lang, solved: &[Solved], plan_dirs: &[String]) -> String {
    let head = [
        lang.pick("Scenario", "Scenario"),
        lang.pick("Bestand", "File"),
        lang.pick("Basiscase", "Base case"),
        lang.pick("Huishoudensvariant", "Households variant"),
        lang.pick("Omschrijving", "Description"),
        lang.pick("Eigen rapport", "Own report"),
    ];
    let rows: Vec<(Vec<String>, Option<&str>)> = solved
        .iter()
        .zip(plan_dirs)
        .map(|(s, dir)| {
            (
                vec![
                    esc(&s.scenario.name),
                    format!("<code>{}</code>", esc(&s.scenario.file_label())),
                    format!(
                        "<code>{}</code>",
                        esc(&s.scenario.base.display().to_string())
                    ),
                    esc(&s.case.settings.households_variant),
                    esc(s.scenario.description.as_deref().unwrap_or("")),
                    format!("<a href=\"{0}/report.html\">{0}/</a>", esc(dir)),
                ],
                None,
            )
        })
        .collect();
    let note = lang.pick(
        "Het eerste scenario is de referentie van de invoerverschillen. Elk scenario heeft \
         ook een volledig eigen plan (tabellen, grafieken, rapport) in de map ernaast.",
        "The first scenario is the reference of the input differences. Every scenario also \
         has its complete own plan (tables, charts, report) in the folder beside it.",
    );
    section(
        "scenarios",
        lang.pick("Scenario's", "Scenarios"),
        &format!("{}<p class=\"note\">{note}</p>\n", table(&head, 6, &rows)),
    )
}

fn key_figures(lang: Lang, rows: &[Row]) -> String {
    let head = [
        lang.pick("Scenario", "Scenario"),
        lang.pick("Mismatch zonder ingrijpen", "Mismatch if nothing is done"),
        lang.pick("Mismatch met plan", "Mismatch with the plan"),
        lang.pick("Verandering", "Change"),
        lang.pick("Gesloopt", "Demolished"),
        lang.pick("Getransformeerd", "Transformed"),
        lang.pick("Nieuwbouw", "Built"),
        lang.pick("Bruto kosten", "Gross cost"),
        lang.pick("Netto kosten", "Net cost"),
        lang.pick("Budget", "Budget"),
        lang.pick("Budget benut", "Budget used"),
    ];
    let body: Vec<(Vec<String>, Option<&str>)> = rows
        .iter()
        .filter(|r| r.region == TOTAL_REGION)
        .map(|r| (row_cells(lang, r, false), None))
        .collect();
    let note = lang.pick(
        "Mismatch: structureel overschot en tekort ten opzichte van de vraag, in gewogen \
         woningjaren over de hele planperiode. Netto kosten: verkoop telt negatief; dat \
         bedrag telt voor het budget.",
        "Mismatch: structural surplus and shortage against demand, in weighted \
         dwelling-years over the whole plan. Net cost: sales count negative; that amount is \
         what the budget sees.",
    );
    section(
        "kerncijfers",
        lang.pick("Kerncijfers per scenario", "Key figures per scenario"),
        &format!("{}<p class=\"note\">{note}</p>\n", table(&head, 1, &body)),
    )
}

fn row_cells(lang: Lang, r: &Row, with_region: bool) -> Vec<String> {
    let change = if r.mismatch_do_nothing > 0.0 {
        pct(lang, r.mismatch_plan / r.mismatch_do_nothing - 1.0, 1)
    } else {
        "–".into()
    };
    let mut cells = vec![esc(&r.scenario)];
    if with_region {
        cells.push(if r.region == TOTAL_REGION {
            lang.pick("totaal", "total").into()
        } else {
            esc(&r.region)
        });
    }
    cells.extend([
        lang.num(r.mismatch_do_nothing, 0),
        lang.num(r.mismatch_plan, 0),
        change,
        lang.num(r.demolished, 0),
        lang.num(r.transformed, 0),
        lang.num(r.built, 0),
        eur(lang, r.gross_cost_eur),
        eur(lang, r.net_cost_eur),
        eur(lang, r.budget_eur),
        r.budget_used_share()
            .map_or_else(|| "–".into(), |s| pct(lang, s, 1)),
    ]);
    cells
}

fn regions_section(lang: Lang, rows: &[Row]) -> String {
    let head = [
        lang.pick("Scenario", "Scenario"),
        lang.pick("Regio", "Region"),
        lang.pick("Mismatch zonder ingrijpen", "Mismatch if nothing is done"),
        lang.pick("Mismatch met plan", "Mismatch with the plan"),
        lang.pick("Verandering", "Change"),
        lang.pick("Gesloopt", "Demolished"),
        lang.pick("Getransformeerd", "Transformed"),
        lang.pick("Nieuwbouw", "Built"),
        lang.pick("Bruto kosten", "Gross cost"),
        lang.pick("Netto kosten", "Net cost"),
        lang.pick("Budget", "Budget"),
        lang.pick("Budget benut", "Budget used"),
    ];
    let body: Vec<(Vec<String>, Option<&str>)> = rows
        .iter()
        .map(|r| {
            let total = (r.region == TOTAL_REGION).then_some("total");
            (row_cells(lang, r, true), total)
        })
        .collect();
    section(
        "regios",
        lang.pick("Per scenario en regio", "Per scenario and region"),
        &format!(
            "{}<p class=\"note\">{}</p>\n",
            table(&head, 2, &body),
            lang.pick(
                "Dezelfde cijfers staan in comparison.csv (regio * = totaal).",
                "The same figures are in comparison.csv (region * = total)."
            )
        ),
    )
}

fn diff_section(lang: Lang, diff: &InputDiff) -> String {
    let mut body = format!(
        "<p>{} <strong>{}</strong> (<code>{}</code>): {} <code>{}</code>, {} \
         <code>{}</code>.</p>\n",
        lang.pick("Referentie:", "Reference:"),
        esc(&diff.reference),
        esc(&diff.reference_file),
        lang.pick("basiscase", "base case"),
        esc(&diff.reference_base),
        lang.pick("huishoudensvariant", "households variant"),
        esc(&diff.reference_variant)
    );
    for s in &diff.scenarios {
        let _ = writeln!(
            body,
            "<h3>{} <span class=\"note\">(<code>{}</code>)</span></h3>",
            esc(&s.scenario),
            esc(&s.file)
        );
        if let Some(d) = &s.description {
            let _ = writeln!(body, "<p>{}</p>", esc(d));
        }
        if s.changes.is_empty() {
            let _ = writeln!(
                body,
                "<p class=\"note\">{}</p>",
                lang.pick(
                    "Geen verschil in de invoer met de referentie.",
                    "No input differs from the reference."
                )
            );
            continue;
        }
        body.push_str("<ul>\n");
        for c in &s.changes {
            let note = c
                .note
                .as_ref()
                .map(|n| format!(" ({})", esc(n)))
                .unwrap_or_default();
            let _ = writeln!(
                body,
                "<li>{} (<code>{}</code>): {} → {}{note}</li>",
                esc(&c.label),
                esc(&c.key),
                esc(&c.from),
                esc(&c.to)
            );
        }
        body.push_str("</ul>\n");
    }
    let _ = writeln!(
        body,
        "<p class=\"note\">{}</p>",
        lang.pick(
            "Dezelfde lijst staat in input_diff.md.",
            "The same list is in input_diff.md."
        )
    );
    section(
        "invoerverschillen",
        lang.pick("Verschillen in de invoer", "Input differences"),
        &body,
    )
}

/// What the sweep page says about the run besides the points.
#[derive(Debug, Clone, Copy)]
pub struct SweepPage<'a> {
    /// The language.
    pub lang: Lang,
    /// The case or scenario swept.
    pub name: &'a str,
    /// The base case folder.
    pub base: &'a str,
    /// The grid as given on the command line (`FROM:TO:STEP`).
    pub grid: &'a str,
    /// The sweep.
    pub sweep: &'a Sweep,
    /// The chart.
    pub chart: &'a PageChart,
}

/// The sweep page: what was varied, the knee, the chart and every point.
pub fn sweep(p: &SweepPage<'_>) -> String {
    let lang = p.lang;
    let sweep = p.sweep;
    let what = match sweep.parameter {
        Parameter::BudgetFactor => lang.pick("budgetfactor", "budget factor"),
        Parameter::FrictionVacancy => lang.pick("frictieleegstand", "frictional vacancy"),
    };
    let title = match lang {
        Lang::Nl => format!("Gevoeligheid voor de {what}: {}", p.name),
        Lang::En => format!("Sensitivity to the {what}: {}", p.name),
    };
    let subtitle = lang.pick(
        "Hetzelfde plan opgelost bij elke waarde van één instelling.",
        "The same plan solved at every value of one setting.",
    );
    let mut intro = format!(
        "<p>{} <code>{}</code>; {} <code>{}</code> ({} {}).</p>\n",
        lang.pick("Basiscase", "Base case"),
        esc(p.base),
        lang.pick("gevarieerd", "varied"),
        esc(sweep.parameter.column()),
        esc(p.grid),
        match lang {
            Lang::Nl => format!("{} punten", sweep.points.len()),
            Lang::En => format!("{} points", sweep.points.len()),
        }
    );
    if sweep.parameter == Parameter::BudgetFactor {
        let knee = match (
            sweep.knee.and_then(|k| sweep.points.get(k)),
            sweep.knee_slopes(),
        ) {
            (Some(k), Some((before, after))) => match lang {
                Lang::Nl => format!(
                    "De knik ligt bij budgetfactor {} ({} in totaal, mismatch {}): tot daar \
                     haalt elk extra miljoen meer mismatch weg dan gemiddeld over het \
                     bereik, daarna minder. Tot de knik haalt één miljoen gemiddeld {} \
                     gewogen woningjaren weg, daarna {}.",
                    lang.num(k.value, 6),
                    lang.meur(k.budget_eur),
                    lang.num(k.mismatch, 0),
                    lang.num(before, 1),
                    lang.num(after, 1)
                ),
                Lang::En => format!(
                    "The knee is at budget factor {} ({} in total, mismatch {}): up to there \
                     each extra million removes more mismatch than the average million over \
                     the range, beyond it less. Up to the knee one million removes {} \
                     weighted dwelling-years on average, beyond it {}.",
                    lang.num(k.value, 6),
                    lang.meur(k.budget_eur),
                    lang.num(k.mismatch, 0),
                    lang.num(before, 1),
                    lang.num(after, 1)
                ),
            },
            _ => lang
                .pick(
                    "Geen knik: de curve is (bijna) recht of daalt niet over dit bereik, of er \
                     zijn minder dan drie punten.",
                    "No knee: the curve is (almost) straight or does not fall over this range, \
                     or there are fewer than three points.",
                )
                .to_string(),
        };
        let _ = writeln!(intro, "<p>{}</p>", esc(&knee));
    }
    let head = [
        lang.pick("Punt", "Point"),
        match sweep.parameter {
            Parameter::BudgetFactor => lang.pick("Budgetfactor", "Budget factor"),
            Parameter::FrictionVacancy => lang.pick("Frictieleegstand", "Frictional vacancy"),
        },
        lang.pick("Budget", "Budget"),
        lang.pick("Mismatch met plan", "Mismatch with the plan"),
        lang.pick("Mismatch zonder ingrijpen", "Mismatch if nothing is done"),
        lang.pick("Bruto kosten", "Gross cost"),
        lang.pick("Netto kosten", "Net cost"),
        lang.pick("Schaduwprijs per mln €", "Shadow price per €1 M"),
        lang.pick(
            "Minder mismatch per extra mln €",
            "Less mismatch per extra €1 M",
        ),
    ];
    let rows: Vec<(Vec<String>, Option<&str>)> = sweep
        .points
        .iter()
        .enumerate()
        .map(|(i, pt)| {
            let value = match sweep.parameter {
                Parameter::BudgetFactor => lang.num(pt.value, 6),
                Parameter::FrictionVacancy => pct(lang, pt.value, 3),
            };
            let mut first = (pt.index + 1).to_string();
            if sweep.knee == Some(i) {
                first.push_str(&format!(" ({})", lang.pick("knik", "knee")));
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
                    lang.num(pt.shadow_price_per_meur, 2),
                    sweep
                        .reduction_per_meur(i)
                        .map_or_else(|| "–".into(), |x| lang.num(x, 2)),
                ],
                (sweep.knee == Some(i)).then_some("knee"),
            )
        })
        .collect();
    let note = lang.pick(
        "Schaduwprijs: hoeveel mismatch één miljoen extra, verdeeld zoals het budget, zou \
         wegnemen (het naar budget gewogen gemiddelde van de schaduwprijzen per regio en \
         periode). Minder mismatch per extra mln €: gemeten tussen dit punt en het vorige. \
         Dezelfde cijfers staan in sweep.csv.",
        "Shadow price: the mismatch one more million, spread like the budget, would remove \
         (the budget-weighted mean of the shadow prices per region and period). Less \
         mismatch per extra €1 M: measured between this point and the previous one. The \
         same figures are in sweep.csv.",
    );
    let sections = [
        section(
            "sweep",
            lang.pick("Wat is gevarieerd", "What was varied"),
            &intro,
        ),
        figures(lang, std::slice::from_ref(p.chart)),
        section(
            "punten",
            lang.pick("Alle punten", "Every point"),
            &format!("{}<p class=\"note\">{note}</p>\n", table(&head, 1, &rows)),
        ),
    ];
    page(lang, &title, subtitle, &sections)
}
