//! The page kit every report.html is built from (plan, compare, sweep): the HTML
//! skeleton with the inline CSS and the embedded chart font, escaping, sections, the
//! one table helper, the figures block and the number formats of a page.
//!
//! A page is self-contained: no scripts and nothing fetched, the charts inline as SVG
//! and the chart font as a data URL, so it opens the same from a network share, an
//! e-mail or an archive, and prints. Every text from the input goes through [`esc`].

use std::fmt::Write as _;

use crate::chart::font::{CSS_FAMILY, FONT_BYTES};
use crate::chart::CHARTS_DIR;
use crate::labels;
use crate::lang::Lang;

/// The CSS rules every page shares, before and after the page's own rules.
macro_rules! css_top {
    () => {
        "\
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; \
margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; line-height: 1.4; }
h1 { margin-bottom: 0.2rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
"
    };
}
macro_rules! css_tables {
    () => {
        "\
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.9rem; }
th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #e2e2e2; text-align: left; \
vertical-align: top; }
th { background: #f2f2f2; }
"
    };
}
macro_rules! css_figures {
    () => {
        "\
figure { margin: 1.5rem 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; border: 1px solid #e2e2e2; }
figcaption { font-size: 0.85rem; margin-top: 0.3rem; }
"
    };
}
macro_rules! css_end {
    () => {
        "\
footer { margin-top: 3rem; font-size: 0.8rem; }
@media print { body { max-width: none; margin: 0; } .scroll { overflow: visible; } }
"
    };
}
/// The CSS of the plan report.
pub const PLAN_CSS: &str = concat!(
    css_top!(),
    "h3, h4, h5 { margin-bottom: 0.3rem; }\n",
    ".sub, .note, footer, figcaption { color: #555; }\n",
    ".notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6rem 1rem; }\n",
    ".source { background: #f4f7fb; border-left: 4px solid #1f66aa; padding: 0.4rem 1rem; }\n",
    css_tables!(),
    "th.group { text-align: center; border-bottom: 1px solid #ccc; }\n",
    "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n",
    "td.n { white-space: nowrap; }\n",
    "tr.total td { font-weight: bold; }\n",
    css_figures!(),
    ".readme { font-size: 0.92rem; }\n",
    ".readme table { font-size: 0.85rem; }\n",
    ".readme td, .readme code { overflow-wrap: anywhere; }\n",
    "pre { background: #f6f6f6; padding: 0.6rem; overflow-x: auto; }\n",
    "summary { cursor: pointer; }\nsummary h2 { display: inline-block; border-bottom: none; }\n",
    css_end!(),
);

/// The CSS of the compare and sweep pages.
pub const SCENARIO_CSS: &str = concat!(
    css_top!(),
    "h3 { margin-bottom: 0.3rem; }\n",
    ".sub, .note, footer, figcaption { color: #555; }\n",
    ".notice { background: #fff3cd; border: 1px solid #e0c060; padding: 0.6rem 1rem; }\n",
    css_tables!(),
    "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n",
    "td.n { white-space: nowrap; }\n",
    "table { font-size: 0.85rem; }\nth, td { padding: 0.25rem 0.4rem; }\n",
    "tr.total td { font-weight: bold; }\n",
    "tr.knee td { font-weight: bold; background: #fdf0e6; }\n",
    css_figures!(),
    css_end!(),
);

/// A whole page: the skeleton with `css`, the header with `title` and `subtitle`
/// (escaped here), the non-empty `sections` in order, and `footer` (already HTML).
pub fn page(
    lang: Lang,
    css: &str,
    title: &str,
    subtitle: &str,
    sections: &[String],
    footer: &str,
) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — restock</title>\n<style>\n{}{css}</style>\n</head>\n<body>\n\
         <header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n</header>\n",
        lang.code(),
        esc(title),
        font_face(),
        esc(title),
        esc(subtitle)
    );
    for s in sections.iter().filter(|s| !s.is_empty()) {
        html.push_str(s);
    }
    let _ = write!(html, "<footer>{footer}</footer>\n</body>\n</html>\n");
    html
}

/// The `@font-face` rule that embeds the chart font, so the inline charts use the font
/// their labels were laid out with on any machine.
pub fn font_face() -> String {
    format!(
        "@font-face {{ font-family: '{CSS_FAMILY}'; font-style: normal; font-weight: 400; \
         src: url(data:font/ttf;base64,{}) format('truetype'); }}\n",
        base64(FONT_BYTES)
    )
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

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

/// Euros in full, with a no-break space after the sign in Dutch.
pub fn eur(lang: Lang, value: f64) -> String {
    lang.eur(value).replace(' ', "\u{a0}")
}

/// A share as a percentage with at most `decimals` decimals, with a no-break space
/// before the sign in Dutch.
pub fn pct(lang: Lang, share: f64, decimals: usize) -> String {
    lang.pct(share, decimals).replace(' ', "\u{a0}")
}

/// A share as a percentage with exactly `decimals` decimals, for a table column (every
/// row the same decimals), with a non-breaking space.
pub fn pct_fixed(lang: Lang, share: f64, decimals: usize) -> String {
    lang.pct_fixed(share, decimals).replace(' ', "\u{a0}")
}

/// A section with an `id`, a heading and its (already HTML) body.
pub fn section(id: &str, title: &str, body: &str) -> String {
    format!(
        "<section id=\"{id}\">\n<h2>{}</h2>\n{body}</section>\n",
        esc(title)
    )
}

/// A section of a table (HTML) with a note (HTML) under it.
pub fn noted_section(id: &str, title: &str, table: String, note: &str) -> String {
    section(id, title, &format!("{table}<p class=\"note\">{note}</p>\n"))
}

/// A paragraph of class `note` (the text is HTML already).
pub fn note(text: &str) -> String {
    format!("<p class=\"note\">{text}</p>\n")
}

/// A table whose first `text_columns` columns are text and the rest numbers. An empty
/// `head` gives a table without header (label–value lists).
#[derive(Debug, Clone)]
pub struct Table<'h> {
    head: Vec<&'h str>,
    /// An optional header row above `head`: (label, columns spanned).
    groups: Vec<(&'h str, usize)>,
    text_columns: usize,
    /// The class of the `<table>` element (`data`: cells do not wrap), if any.
    class: Option<&'static str>,
    rows: Vec<(Vec<String>, Option<&'static str>)>,
}

impl<'h> Table<'h> {
    /// A data table (cells do not wrap), as the plan report shows them.
    pub fn new(head: Vec<&'h str>, text_columns: usize) -> Self {
        Table {
            head,
            groups: Vec::new(),
            text_columns,
            class: Some("data"),
            rows: Vec::new(),
        }
    }

    /// A table whose cells may wrap, as the compare and sweep pages show them.
    pub fn plain(head: Vec<&'h str>, text_columns: usize) -> Self {
        Table {
            class: None,
            ..Table::new(head, text_columns)
        }
    }

    /// Adds a header row of groups above the column heads: (label, columns spanned).
    pub fn with_groups(mut self, groups: Vec<(&'h str, usize)>) -> Self {
        self.groups = groups;
        self
    }

    /// Adds a row of already escaped cells; `total` rows are shown in bold.
    pub fn row(&mut self, cells: Vec<String>, total: bool) {
        self.rows.push((cells, total.then_some("total")));
    }

    /// Adds a row of already escaped cells with an optional class (`total`, `knee`).
    pub fn row_with_class(&mut self, cells: Vec<String>, class: Option<&'static str>) {
        self.rows.push((cells, class));
    }

    fn class(&self, column: usize) -> &'static str {
        if column < self.text_columns {
            ""
        } else {
            " class=\"n\""
        }
    }

    /// The table as HTML, in a horizontally scrolling box.
    pub fn render(&self) -> String {
        let mut html = String::from("<div class=\"scroll\">\n");
        match self.class {
            Some(c) => {
                let _ = writeln!(html, "<table class=\"{c}\">");
            }
            None => html.push_str("<table>\n"),
        }
        if !self.groups.is_empty() {
            html.push_str("<thead><tr>");
            for (label, span) in &self.groups {
                let class = if label.is_empty() {
                    ""
                } else {
                    " class=\"group\""
                };
                let _ = write!(html, "<th colspan=\"{span}\"{class}>{}</th>", esc(label));
            }
            html.push_str("</tr>\n");
        } else if !self.head.is_empty() {
            html.push_str("<thead>");
        }
        if !self.head.is_empty() {
            html.push_str("<tr>");
            for (i, h) in self.head.iter().enumerate() {
                let _ = write!(html, "<th{}>{}</th>", self.class(i), esc(h));
            }
            html.push_str("</tr></thead>\n");
        } else if !self.groups.is_empty() {
            html.push_str("</thead>\n");
        }
        html.push_str("<tbody>\n");
        for (cells, class) in &self.rows {
            match class {
                Some(c) => {
                    let _ = write!(html, "<tr class=\"{c}\">");
                }
                None => html.push_str("<tr>"),
            }
            for (i, cell) in cells.iter().enumerate() {
                let _ = write!(html, "<td{}>{}</td>", self.class(i), cell);
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n</div>\n");
        html
    }
}

/// A [`Table::plain`] of `head` and `rows` of already escaped cells, each with an
/// optional class, as HTML.
pub fn table(
    head: &[&str],
    text_columns: usize,
    rows: Vec<(Vec<String>, Option<&'static str>)>,
) -> String {
    let mut table = Table::plain(head.to_vec(), text_columns);
    for (cells, class) in rows {
        table.row_with_class(cells, class);
    }
    table.render()
}

/// An SVG document as an inline element: its size is set by CSS (it scales to the
/// page), the namespace attribute is dropped (HTML does not need it) and it is labelled
/// for screen readers.
pub fn inline_svg(svg: &str, label: &str) -> String {
    let Some(end) = svg.find('>') else {
        return String::new();
    };
    let open = &svg[..end];
    let view_box = open
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("0 0 1600 1000");
    format!(
        "<svg viewBox=\"{}\" role=\"img\" aria-label=\"{}\">{}",
        esc(view_box),
        esc(label),
        svg[end + 1..].trim_end()
    )
}

/// A chart as a page shows it: (file stem, title, SVG document).
pub type Figure<'c> = (&'c str, &'c str, &'c str);

/// The charts section: where the files are, every chart inline with its caption, then
/// `notes` (plain text, escaped here) about charts that could not be drawn.
pub fn figures(lang: Lang, charts: &[Figure<'_>], notes: &[String]) -> String {
    let mut body = note(&match lang {
        Lang::Nl => format!(
            "Elke grafiek staat ook als SVG en PNG in de map <code>{CHARTS_DIR}/</code> \
             naast dit rapport."
        ),
        Lang::En => format!(
            "Every chart is also in the folder <code>{CHARTS_DIR}/</code> next to this \
             report, as SVG and PNG."
        ),
    });
    for (stem, title, svg) in charts {
        let _ = write!(
            body,
            "<figure id=\"chart-{stem}\">\n{}\n<figcaption>{} — {CHARTS_DIR}/{stem}.svg, \
             {CHARTS_DIR}/{stem}.png</figcaption>\n</figure>\n",
            inline_svg(svg, title),
            esc(title),
            stem = esc(stem)
        );
    }
    for n in notes {
        body.push_str(&note(&esc(n)));
    }
    section("grafieken", lang.get(labels::CHARTS), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_render_heads_classes_and_rows() {
        let mut table = Table::plain(vec!["Naam", "Aantal"], 1);
        table.row_with_class(vec![esc("a<b"), "1".into()], Some("knee"));
        table.row(vec!["c".into(), "2".into()], true);
        assert_eq!(
            table.render(),
            "<div class=\"scroll\">\n<table>\n<thead><tr><th>Naam</th><th class=\"n\">Aantal</th>\
             </tr></thead>\n<tbody>\n<tr class=\"knee\"><td>a&lt;b</td><td class=\"n\">1</td>\
             </tr>\n<tr class=\"total\"><td>c</td><td class=\"n\">2</td></tr>\n</tbody>\n\
             </table>\n</div>\n"
        );
        let data = Table::new(vec!["x"], 1).render();
        assert!(data.starts_with("<div class=\"scroll\">\n<table class=\"data\">\n"));
    }

    #[test]
    fn pages_escape_their_title_and_embed_the_font() {
        let html = page(
            Lang::En,
            SCENARIO_CSS,
            "A & B",
            "sub",
            &[String::new()],
            "f",
        );
        assert!(html.contains("<title>A &amp; B — restock</title>"));
        assert!(html.contains("@font-face"));
        assert!(html.ends_with("<footer>f</footer>\n</body>\n</html>\n"));
    }
}
