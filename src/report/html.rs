//! report.html: one self-contained page in Dutch for the planner — the case, the key
//! figures, the settings used and the tables (the big ones capped; the CSV files hold
//! every row).
//!
//! The page has inline CSS only: no scripts, fonts or images from anywhere else, so it
//! opens the same from a network share, an e-mail or an archive. Every text that comes
//! from the input is escaped. The page is built from one function per section, in
//! reading order (see [`render`]); the charts of a later issue become one more section.
//! It holds no timings, so the same input gives the same page too.

use std::path::Path;

use crate::case::{Case, Mode};
use crate::plan::{Plan, PlanStatus};
use crate::report::summary::Summary;
use crate::report::tables::{year_of, Tables};
use crate::{Error, Result};

/// At most this many rows of the plan and balance tables are shown on the page.
pub const MAX_HTML_ROWS: usize = 500;

/// Writes report.html to `path`.
pub fn write(path: &Path, plan: &Plan, summary: &Summary, tables: &Tables<'_>) -> Result<()> {
    std::fs::write(path, render(plan, summary, tables)).map_err(|e| Error::io(path, e))
}

/// The whole page.
pub fn render(plan: &Plan, summary: &Summary, tables: &Tables<'_>) -> String {
    let case = tables.case;
    let sections = [
        status_notice(plan),
        key_figures(summary),
        settings(case, plan),
        regions(summary),
        budget(tables),
        plan_table(tables),
        balance_table(tables),
        warnings(case),
    ];
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!(
        "<title>{} — restock</title>\n<style>\n{}</style>\n</head>\n<body>\n",
        esc(&case.name),
        CSS
    ));
    page.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">Plan voor sloop, transformatie en nieuwbouw \
         van de woningvoorraad</p>\n</header>\n",
        esc(&case.name)
    ));
    for section in sections.iter().filter(|s| !s.is_empty()) {
        page.push_str(section);
    }
    page.push_str(&format!(
        "<footer>restock {} · invoer SHA-256 <code>{}</code></footer>\n</body>\n</html>\n",
        esc(&summary.version),
        esc(&summary.inputs_sha256)
    ));
    page
}

const CSS: &str = "\
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; \
margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
.sub, .note, footer { color: #555; }
.notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6rem 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #e2e2e2; text-align: left; \
vertical-align: top; white-space: nowrap; }
th { background: #f2f2f2; }
th.group { text-align: center; border-bottom: 1px solid #ccc; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; }
footer { margin-top: 3rem; font-size: 0.8rem; }
";

/// Escapes text for HTML element content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A number for the page: rounded to at most `decimals`, `.` as decimal mark (as in the
/// files) and thousands grouped by a narrow no-break space, which no reader mistakes for
/// a decimal mark.
pub fn num(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let text = format!("{value:.decimals$}");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = frac.trim_end_matches('0');
    if int.chars().all(|c| c == '0') && frac.is_empty() {
        return "0".into();
    }
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{202F}');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    match frac {
        "" => format!("{sign}{grouped}"),
        f => format!("{sign}{grouped}.{f}"),
    }
}

fn eur(value: f64) -> String {
    format!("€\u{a0}{}", num(value, 0))
}

fn pct(share: f64) -> String {
    format!("{}\u{a0}%", num(share * 100.0, 3))
}

fn status_nl(status: &PlanStatus) -> &'static str {
    match status {
        PlanStatus::Optimal => "optimaal",
        PlanStatus::TimeLimit => "tijdslimiet bereikt (niet bewezen optimaal)",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "ja"
    } else {
        "nee"
    }
}

/// A table whose first `text_columns` columns are text and the rest numbers. An empty
/// `head` gives a table without header (label–value lists).
struct HtmlTable<'h> {
    head: &'h [&'h str],
    /// An optional header row above `head`: (label, columns spanned).
    groups: &'h [(&'h str, usize)],
    text_columns: usize,
    rows: Vec<(Vec<String>, bool)>,
}

impl<'h> HtmlTable<'h> {
    fn new(head: &'h [&'h str], text_columns: usize) -> Self {
        HtmlTable {
            head,
            groups: &[],
            text_columns,
            rows: Vec::new(),
        }
    }

    fn with_groups(mut self, groups: &'h [(&'h str, usize)]) -> Self {
        self.groups = groups;
        self
    }

    /// Adds a row of already escaped cells; `total` rows are shown in bold.
    fn row(&mut self, cells: Vec<String>, total: bool) {
        self.rows.push((cells, total));
    }

    fn class(&self, column: usize) -> &'static str {
        if column < self.text_columns {
            ""
        } else {
            " class=\"n\""
        }
    }

    fn render(&self) -> String {
        let mut html = String::from("<div class=\"scroll\">\n<table>\n");
        if !self.groups.is_empty() {
            html.push_str("<thead><tr>");
            for (label, span) in self.groups {
                let class = if label.is_empty() {
                    ""
                } else {
                    " class=\"group\""
                };
                html.push_str(&format!(
                    "<th colspan=\"{span}\"{class}>{}</th>",
                    esc(label)
                ));
            }
            html.push_str("</tr>\n");
        } else if !self.head.is_empty() {
            html.push_str("<thead>");
        }
        if !self.head.is_empty() {
            html.push_str("<tr>");
            for (i, h) in self.head.iter().enumerate() {
                html.push_str(&format!("<th{}>{}</th>", self.class(i), esc(h)));
            }
            html.push_str("</tr></thead>\n");
        } else if !self.groups.is_empty() {
            html.push_str("</thead>\n");
        }
        html.push_str("<tbody>\n");
        for (cells, total) in &self.rows {
            html.push_str(if *total {
                "<tr class=\"total\">"
            } else {
                "<tr>"
            });
            for (i, cell) in cells.iter().enumerate() {
                html.push_str(&format!("<td{}>{}</td>", self.class(i), cell));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n</div>\n");
        html
    }
}

fn section(title: &str, body: &str) -> String {
    format!("<section>\n<h2>{}</h2>\n{body}</section>\n", esc(title))
}

/// The note under a capped table.
fn cap_note(shown: usize, total: usize, file: &str) -> String {
    if shown < total {
        format!(
            "<p class=\"note\">De eerste {} van {} rijen; de volledige tabel staat in {}.</p>\n",
            num(shown as f64, 0),
            num(total as f64, 0),
            esc(file)
        )
    } else {
        String::new()
    }
}

fn status_notice(plan: &Plan) -> String {
    match plan.status {
        PlanStatus::Optimal => String::new(),
        PlanStatus::TimeLimit => "<p class=\"notice\">Let op: de oplosser stopte op de \
             tijdslimiet. Dit plan is uitvoerbaar, maar niet bewezen optimaal.</p>\n"
            .into(),
    }
}

fn key_figures(s: &Summary) -> String {
    let mut fit = HtmlTable::new(&["", "Zonder ingrijpen", "Met plan", "Verschil"], 1);
    let change = s.mismatch - s.mismatch_do_nothing;
    let relative = if s.mismatch_do_nothing > 0.0 {
        format!(
            " ({}\u{a0}%)",
            num(100.0 * change / s.mismatch_do_nothing, 1)
        )
    } else {
        String::new()
    };
    fit.row(
        vec![
            "Mismatch (gewogen woningjaren)".into(),
            num(s.mismatch_do_nothing, 1),
            num(s.mismatch, 1),
            format!("{}{relative}", num(change, 1)),
        ],
        false,
    );
    let mut figures = HtmlTable::new(&[], 1);
    let mut add = |label: &str, value: String| figures.row(vec![esc(label), value], false);
    add("Bruto kosten", eur(s.gross_cost_eur));
    add("Netto kosten (verkoop telt negatief)", eur(s.net_cost_eur));
    add("Budget, alle regio's en perioden", eur(s.budget_eur));
    add("Woningen gesloopt", num(s.demolished, 1));
    add("Woningen getransformeerd (invoer)", num(s.transformed, 1));
    add("Woningen nieuw gebouwd", num(s.built, 1));
    section(
        "Kerncijfers",
        &format!(
            "{}<p class=\"note\">Mismatch: structureel overschot en tekort ten opzichte \
             van de vraag, gewogen en opgeteld over de jaren van het plan.</p>\n{}",
            fit.render(),
            figures.render()
        ),
    )
}

fn settings(case: &Case, plan: &Plan) -> String {
    let st = &case.settings;
    let milestones: Vec<String> = case.periods.iter().map(|p| p.end.to_string()).collect();
    let mut lower = 0.0;
    let tiers: Vec<String> = st
        .surplus_tiers
        .iter()
        .map(|t| {
            let range = if t.upper_share.is_infinite() {
                format!("boven {}", pct(lower))
            } else {
                format!("{}–{}", pct(lower), pct(t.upper_share))
            };
            lower = t.upper_share;
            format!("{range}: ×{}", num(t.multiplier, 6))
        })
        .collect();
    let mode = match case.mode {
        Mode::Total => "totaal (vraag per gemeente)",
        Mode::Segment => "per segment (vraag per gemeente en segment)",
    };
    let mut table = HtmlTable::new(&["Instelling", "Waarde"], 2);
    let mut add = |label: &str, value: String| table.row(vec![esc(label), value], false);
    add("Modus", esc(mode));
    add("Basisjaar", st.base_year.to_string());
    add("Mijlpalen", milestones.join(", "));
    add("Huishoudensvariant", esc(&st.households_variant));
    add("Frictieleegstand", pct(st.friction_vacancy));
    add(
        "Max. sloop en transformatie per jaar (van de voorraad)",
        pct(st.max_removal_share_per_year),
    );
    add(
        "Max. nieuwbouw per jaar (van de voorraad)",
        pct(st.max_new_build_share_per_year),
    );
    add("Gewicht overschot", num(st.weight_surplus, 6));
    add("Schijven overschot (van de vraag)", esc(&tiers.join("; ")));
    add("Gewicht tekort", num(st.weight_shortage, 6));
    add(
        "Budget overhevelen naar latere perioden",
        yes_no(st.budget_carry_over).into(),
    );
    add("Gehele aantallen (MIP)", yes_no(plan.integer).into());
    if let Some(gap) = plan.mip_gap {
        add("Bereikte MIP-gap", pct(gap));
    }
    add("Oplosser", esc(&plan.solver));
    add("Status", esc(status_nl(&plan.status)));
    section("Instellingen", &table.render())
}

fn regions(s: &Summary) -> String {
    let mut table = HtmlTable::new(
        &[
            "Regio",
            "Mismatch zonder ingrijpen",
            "Mismatch met plan",
            "Gesloopt",
            "Getransformeerd",
            "Nieuwbouw",
            "Uitgegeven",
            "Budget",
        ],
        1,
    );
    for r in &s.regions_detail {
        table.row(
            vec![
                esc(&r.region),
                num(r.mismatch_do_nothing, 1),
                num(r.mismatch_plan, 1),
                num(r.demolished, 1),
                num(r.transformed, 1),
                num(r.built, 1),
                eur(r.spent_eur),
                eur(r.budget_eur),
            ],
            false,
        );
    }
    section("Per regio", &table.render())
}

fn period_label(case: &Case, p: usize) -> String {
    let period = case.periods[p];
    format!("{}–{}", period.start, period.end)
}

fn municipality_label(case: &Case, m: usize) -> String {
    let m = &case.municipalities[m];
    format!("{} ({})", esc(&m.name), esc(&m.code))
}

fn budget(t: &Tables<'_>) -> String {
    let case = t.case;
    let mut table = HtmlTable::new(
        &[
            "Regio",
            "Periode",
            "Budget",
            "Uitgegeven",
            "Schaduwprijs (woningjaren per mln €)",
        ],
        2,
    );
    for row in t.budget.iter().take(MAX_HTML_ROWS) {
        table.row(
            vec![
                esc(&case.regions[row.region]),
                period_label(case, row.period),
                eur(row.budget_eur),
                eur(row.spent_eur),
                num(row.shadow_price_per_meur, 3),
            ],
            false,
        );
    }
    let body = format!(
        "{}{}<p class=\"note\">Schaduwprijs: hoeveel gewogen woningjaren mismatch één \
         miljoen euro extra budget in die regio en periode zou wegnemen.</p>\n",
        table.render(),
        cap_note(
            t.budget.len().min(MAX_HTML_ROWS),
            t.budget.len(),
            "budget.csv"
        )
    );
    section("Budget per regio en periode", &body)
}

fn plan_table(t: &Tables<'_>) -> String {
    let case = t.case;
    let mut table = HtmlTable::new(
        &[
            "Gemeente",
            "Segment",
            "Periode",
            "Sloop",
            "Nieuwbouw",
            "Transformatie uit",
            "Transformatie in",
            "Voorraad eind",
        ],
        3,
    );
    for row in t.plan.iter().take(MAX_HTML_ROWS) {
        table.row(
            vec![
                municipality_label(case, row.municipality),
                esc(&case.segments[row.segment].label),
                period_label(case, row.period),
                num(row.demolish, 1),
                num(row.new_build, 1),
                num(row.transform_out, 1),
                num(row.transform_in, 1),
                num(row.stock_end, 1),
            ],
            false,
        );
    }
    let body = format!(
        "{}{}",
        table.render(),
        cap_note(t.plan.len().min(MAX_HTML_ROWS), t.plan.len(), "plan.csv")
    );
    section("Plan per gemeente, segment en periode", &body)
}

fn balance_table(t: &Tables<'_>) -> String {
    let case = t.case;
    let mut table = HtmlTable::new(
        &[
            "Gemeente",
            "Segment",
            "Jaar",
            "Huishoudens",
            "Vraag",
            "zonder ingrijpen",
            "met plan",
            "zonder ingrijpen",
            "met plan",
            "zonder ingrijpen",
            "met plan",
        ],
        3,
    )
    .with_groups(&[("", 5), ("Voorraad", 2), ("Overschot", 2), ("Tekort", 2)]);
    for row in t.balance.iter().take(MAX_HTML_ROWS) {
        let segment = match row.segment {
            Some(s) => esc(&case.segments[s].label),
            None => "totaal".into(),
        };
        table.row(
            vec![
                municipality_label(case, row.municipality),
                segment,
                year_of(case, row.time).to_string(),
                num(row.households, 1),
                num(row.plan.demand, 1),
                num(row.do_nothing.stock, 1),
                num(row.plan.stock, 1),
                num(row.do_nothing.surplus, 1),
                num(row.plan.surplus, 1),
                num(row.do_nothing.shortage, 1),
                num(row.plan.shortage, 1),
            ],
            case.mode == Mode::Segment && row.segment.is_none(),
        );
    }
    let body = format!(
        "<p class=\"note\">Vraag: huishoudens plus frictieleegstand. Overschot en tekort: \
         voorraad boven of onder de vraag.</p>\n{}{}",
        table.render(),
        cap_note(
            t.balance.len().min(MAX_HTML_ROWS),
            t.balance.len(),
            "balance.csv"
        )
    );
    section("Balans van voorraad en vraag", &body)
}

fn warnings(case: &Case) -> String {
    if case.warnings.is_empty() {
        return String::new();
    }
    let items: String = case
        .warnings
        .iter()
        .map(|w| format!("<li>{}</li>\n", esc(w)))
        .collect();
    section(
        "Waarschuwingen bij het inlezen",
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
    fn groups_thousands_with_a_narrow_space() {
        let n = '\u{202F}';
        assert_eq!(num(0.0, 1), "0");
        assert_eq!(num(-0.04, 1), "0");
        assert_eq!(num(12.5, 1), "12.5");
        assert_eq!(num(12.0, 1), "12");
        assert_eq!(num(999.0, 0), "999");
        assert_eq!(num(1234.56, 1), format!("1{n}234.6"));
        assert_eq!(num(-1234567.0, 0), format!("-1{n}234{n}567"));
        assert_eq!(num(f64::NAN, 1), "–");
    }
}
