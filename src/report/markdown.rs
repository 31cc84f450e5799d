//! A minimal Markdown-to-HTML conversion for a case's README.md in report.html: the
//! headings, paragraphs, lists, tables and code blocks that the generated case READMEs
//! use, with `**bold**`, `*italic*`, `` `code` `` and `[links](…)` inside. Everything
//! else is shown as text. All text is escaped first, so nothing in a README can add
//! markup, scripts or external resources to the page.

use super::html::esc;

/// Converts Markdown to HTML; headings are shifted down by `heading_offset` levels
/// (a README's `#` becomes `<h3>` with an offset of 2) and capped at `<h6>`.
pub fn to_html(markdown: &str, heading_offset: usize) -> String {
    let text = strip_comments(markdown);
    let lines: Vec<&str> = text.lines().collect();
    let mut html = String::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            i += 1;
        } else if trimmed.starts_with("```") {
            let mut code = Vec::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                code.push(lines[i]);
                i += 1;
            }
            i += 1;
            html.push_str(&format!(
                "<pre><code>{}</code></pre>\n",
                esc(&code.join("\n"))
            ));
        } else if let Some((level, title)) = heading(trimmed) {
            let h = (level + heading_offset).min(6);
            html.push_str(&format!("<h{h}>{}</h{h}>\n", inline(title)));
            i += 1;
        } else if trimmed.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            html.push_str(&table(&lines[start..i]));
        } else if list_item(trimmed).is_some() {
            let ordered = trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
            let mut items: Vec<String> = Vec::new();
            while i < lines.len() {
                let l = lines[i];
                if let Some(item) = list_item(l.trim()).filter(|_| !l.starts_with("    ")) {
                    items.push(item.to_string());
                } else if !l.trim().is_empty() && l.starts_with([' ', '\t']) && !items.is_empty() {
                    let last = items.last_mut().expect("an item");
                    last.push(' ');
                    last.push_str(l.trim());
                } else {
                    break;
                }
                i += 1;
            }
            let tag = if ordered { "ol" } else { "ul" };
            html.push_str(&format!("<{tag}>\n"));
            for item in items {
                html.push_str(&format!("<li>{}</li>\n", inline(&item)));
            }
            html.push_str(&format!("</{tag}>\n"));
        } else {
            let mut paragraph = Vec::new();
            while i < lines.len() {
                let t = lines[i].trim();
                if t.is_empty()
                    || t.starts_with("```")
                    || t.starts_with('|')
                    || heading(t).is_some()
                    || list_item(t).is_some()
                {
                    break;
                }
                paragraph.push(t);
                i += 1;
            }
            html.push_str(&format!("<p>{}</p>\n", inline(&paragraph.join(" "))));
        }
    }
    html
}

/// The paragraphs of a README (plain Markdown text, comments removed), in order.
pub fn paragraphs(markdown: &str) -> Vec<String> {
    let text = strip_comments(markdown);
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let is_text = !in_code
            && !t.is_empty()
            && heading(t).is_none()
            && !t.starts_with('|')
            && list_item(t).is_none();
        if is_text {
            current.push(t);
        } else if !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The text of the first `#` heading, if any.
pub fn title(markdown: &str) -> Option<String> {
    strip_comments(markdown)
        .lines()
        .find_map(|l| heading(l.trim()).map(|(_, t)| t.to_string()))
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&level) && line[level..].starts_with(' ') {
        Some((level, line[level..].trim()))
    } else {
        None
    }
}

fn list_item(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(rest);
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        if let Some(rest) = line[digits..].strip_prefix(". ") {
            return Some(rest);
        }
    }
    None
}

fn cells(row: &str) -> Vec<&str> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).collect()
}

fn table(rows: &[&str]) -> String {
    let is_rule = |row: &str| {
        cells(row)
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
    };
    let (head, align, body): (Option<&str>, Vec<bool>, &[&str]) =
        if rows.len() >= 2 && is_rule(rows[1]) {
            let align = cells(rows[1]).iter().map(|c| c.ends_with(':')).collect();
            (Some(rows[0]), align, &rows[2..])
        } else {
            (None, Vec::new(), rows)
        };
    let class = |i: usize| {
        if align.get(i).copied().unwrap_or(false) {
            " class=\"n\""
        } else {
            ""
        }
    };
    let mut html = String::from("<div class=\"scroll\">\n<table>\n");
    if let Some(head) = head {
        html.push_str("<thead><tr>");
        for (i, c) in cells(head).iter().enumerate() {
            html.push_str(&format!("<th{}>{}</th>", class(i), inline(c)));
        }
        html.push_str("</tr></thead>\n");
    }
    html.push_str("<tbody>\n");
    for row in body {
        html.push_str("<tr>");
        for (i, c) in cells(row).iter().enumerate() {
            html.push_str(&format!("<td{}>{}</td>", class(i), inline(c)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    html
}

/// Inline Markdown of one line or paragraph: code spans first (nothing inside them is
/// interpreted), then links, bold and italic; everything escaped.
pub fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let Some(len) = rest[start + 1..].find('`') else {
            break;
        };
        out.push_str(&emphasis(&rest[..start]));
        out.push_str(&format!(
            "<code>{}</code>",
            esc(&rest[start + 1..start + 1 + len])
        ));
        rest = &rest[start + 1 + len + 1..];
    }
    out.push_str(&emphasis(rest));
    out
}

/// Links, `**bold**` and `*italic*` of text without code spans.
fn emphasis(text: &str) -> String {
    let with_links = links(text);
    let bold = pairs(&with_links, "**", "strong");
    pairs(&bold, "*", "em")
}

/// `[text](target)` → the text as a link (the target escaped); the rest escaped.
fn links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        out.push_str(&esc(&rest[..open]));
        let label = &rest[open + 1..close];
        let target = &rest[close + 2..end];
        out.push_str(&format!("<a href=\"{}\">{}</a>", esc(target), esc(label)));
        rest = &rest[end + 1..];
    }
    out.push_str(&esc(rest));
    out
}

/// Replaces pairs of `marker` by `<tag>…</tag>` (an unpaired marker stays as it is).
/// Works on escaped HTML: the markers are plain ASCII that escaping leaves alone.
fn pairs(text: &str, marker: &str, tag: &str) -> String {
    let parts: Vec<&str> = text.split(marker).collect();
    if parts.len() < 3 {
        return text.to_string();
    }
    let mut out = String::new();
    let pairs_count = (parts.len() - 1) / 2 * 2;
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            if i <= pairs_count {
                out.push_str(if i % 2 == 1 { &open } else { &close });
            } else {
                out.push_str(marker);
            }
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_what_case_readmes_use() {
        let md = "<!-- generated -->\n# Title & more\n\nA **bold** and *it* with `a_b*c` \
                  and [CBS](https://cbs.nl).\nSecond line.\n\n## List\n\n- one\n  continued\n\
                  - two\n\n| a | b |\n|---|---:|\n| x | 1,000 |\n\n```sh\nrun <x>\n```\n";
        let html = to_html(md, 2);
        assert!(!html.contains("generated"));
        assert!(html.contains("<h3>Title &amp; more</h3>"));
        assert!(html.contains(
            "<p>A <strong>bold</strong> and <em>it</em> with <code>a_b*c</code> and \
             <a href=\"https://cbs.nl\">CBS</a>. Second line.</p>"
        ));
        assert!(html.contains("<h4>List</h4>"));
        assert!(html.contains("<li>one continued</li>\n<li>two</li>"));
        assert!(html.contains("<th>a</th><th class=\"n\">b</th>"));
        assert!(html.contains("<td>x</td><td class=\"n\">1,000</td>"));
        assert!(html.contains("<pre><code>run &lt;x&gt;</code></pre>"));
    }

    #[test]
    fn nothing_in_a_readme_becomes_markup() {
        let html = to_html("<script>alert(1)</script> *a <b>* x\n\n- <img src=x>", 0);
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<em>a &lt;b&gt;</em>"));
    }

    #[test]
    fn paragraphs_and_title() {
        let md = "<!-- x -->\n# T\n\n**Bron: CBS.** Real.\n\n| a |\n|---|\n\nLast\nline.";
        assert_eq!(title(md).as_deref(), Some("T"));
        assert_eq!(paragraphs(md), ["**Bron: CBS.** Real.", "Last line."]);
    }
}
