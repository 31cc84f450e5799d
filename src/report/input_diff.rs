//! The input diff of a comparison as readers see it: input_diff.md and the section of
//! the comparison page. `scenario::diff` finds the differences; this module only says
//! them.

use super::page::{esc, section};
use super::summary::ScenarioIdentity;
use crate::labels;
use crate::lang::Lang;

/// One difference between a scenario and the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What differs, in words (e.g. "Frictieleegstand").
    pub label: String,
    /// The key as a scenario file writes it (e.g. `settings.friction_vacancy`).
    pub key: String,
    /// The reference's value, formatted.
    pub from: String,
    /// The scenario's value, formatted.
    pub to: String,
    /// An optional note, e.g. "20 % lager" or the base case's files that differ.
    pub note: Option<String>,
}

impl Change {
    /// The note as written after the change, ` (note)` with `text` applied to the note
    /// (escaping for a page); empty without a note.
    fn note_after(&self, text: impl Fn(&str) -> String) -> String {
        self.note
            .as_deref()
            .map(|n| format!(" ({})", text(n)))
            .unwrap_or_default()
    }
}

/// Every difference of one scenario with the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioDiff {
    /// The scenario: its name, file and description.
    pub scenario: ScenarioIdentity,
    /// The differences, in a fixed order: base, variant, settings, factors.
    pub changes: Vec<Change>,
}

/// The input diff of a comparison: the reference and every other scenario against it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputDiff {
    /// The reference scenario.
    pub reference: ScenarioIdentity,
    /// Its base case folder.
    pub reference_base: String,
    /// Its households variant.
    pub reference_variant: String,
    /// One entry per other scenario, in order.
    pub scenarios: Vec<ScenarioDiff>,
}

/// input_diff.md: the diff in plain words, as Markdown.
pub fn markdown(diff: &InputDiff, lang: Lang) -> String {
    format!(
        "# {}\n\n{}",
        lang.get(labels::INPUT_DIFFERENCES_BETWEEN_THE_SCENARIOS),
        write(diff, lang, Markup::Markdown)
    )
}

/// The page section of the input diff.
pub fn html_section(lang: Lang, diff: &InputDiff) -> String {
    let body = write(diff, lang, Markup::Html)
        + &Markup::Html.wrap(Part::Note, lang.get(labels::THE_SAME_LIST_IS_IN_INPUT));
    section(
        "invoerverschillen",
        lang.get(labels::INPUT_DIFFERENCES),
        &body,
    )
}

/// The diff in `markup`: the reference, then per scenario its heading, its description
/// and its changes (or that none of its input differs).
fn write(diff: &InputDiff, lang: Lang, markup: Markup) -> String {
    let text = |t: &str| markup.text(t);
    let code = |t: &str| markup.wrap(Part::Code, &text(t));
    let reference = &diff.reference;
    let mut out = markup.wrap(
        Part::Paragraph,
        &format!(
            "{} {} ({}): {} {}, {} {}.",
            lang.get(labels::REFERENCE),
            markup.wrap(Part::Strong, &text(&reference.name)),
            code(&reference.file),
            lang.get(labels::BASE_CASE_2),
            code(&diff.reference_base),
            lang.get(labels::HOUSEHOLDS_VARIANT_2),
            code(&diff.reference_variant)
        ),
    );
    for s in &diff.scenarios {
        let file = markup.wrap(Part::Aside, &format!("({})", code(&s.scenario.file)));
        out += &markup.wrap(Part::Heading, &format!("{} {file}", text(&s.scenario.name)));
        if let Some(d) = &s.scenario.description {
            out += &markup.wrap(Part::Paragraph, &text(d));
        }
        if s.changes.is_empty() {
            out += &markup.wrap(
                Part::Note,
                lang.get(labels::NO_INPUT_DIFFERS_FROM_THE_REFERENCE),
            );
            continue;
        }
        // input_diff.md names the reference before each list; the page does not.
        if markup == Markup::Markdown {
            out += &markup.wrap(
                Part::Paragraph,
                &format!(
                    "{} {}:",
                    lang.get(labels::COMPARED_WITH),
                    text(&reference.name)
                ),
            );
        }
        let items: String = s
            .changes
            .iter()
            .map(|c| {
                let change = format!(
                    "{} ({}): {} → {}{}",
                    text(&c.label),
                    code(&c.key),
                    text(&c.from),
                    text(&c.to),
                    c.note_after(text)
                );
                markup.wrap(Part::Item, &change)
            })
            .collect();
        out += &markup.wrap(Part::List, &items);
    }
    out
}

/// The two markups the input diff is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Markup {
    /// input_diff.md.
    Markdown,
    /// The section of the comparison page.
    Html,
}

/// The parts of the input diff that each markup writes in its own way.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// A file, key or folder.
    Code,
    /// The reference's name.
    Strong,
    /// The file after a scenario's name.
    Aside,
    /// A paragraph.
    Paragraph,
    /// A paragraph in small print.
    Note,
    /// A scenario's heading.
    Heading,
    /// The list of a scenario's changes.
    List,
    /// One change.
    Item,
}

impl Markup {
    /// Text from the diff (a name, a value) as it stands in this markup: escaped on a
    /// page, as it is in Markdown.
    fn text(self, text: &str) -> String {
        match self {
            Markup::Markdown => text.to_string(),
            Markup::Html => esc(text),
        }
    }

    /// `inner` (written in this markup already) as `part`.
    fn wrap(self, part: Part, inner: &str) -> String {
        let (open, close) = match self {
            Markup::Markdown => match part {
                Part::Code => ("`", "`"),
                Part::Strong => ("**", "**"),
                Part::Aside => ("", ""),
                Part::Paragraph | Part::Note => ("", "\n\n"),
                Part::Heading => ("## ", "\n\n"),
                Part::List => ("", "\n"),
                Part::Item => ("- ", "\n"),
            },
            Markup::Html => match part {
                Part::Code => ("<code>", "</code>"),
                Part::Strong => ("<strong>", "</strong>"),
                Part::Aside => ("<span class=\"note\">", "</span>"),
                Part::Paragraph => ("<p>", "</p>\n"),
                Part::Note => ("<p class=\"note\">", "</p>\n"),
                Part::Heading => ("<h3>", "</h3>\n"),
                Part::List => ("<ul>\n", "</ul>\n"),
                Part::Item => ("<li>", "</li>\n"),
            },
        };
        format!("{open}{inner}{close}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff() -> InputDiff {
        let identity = |name: &str, description: Option<&str>| ScenarioIdentity {
            name: name.into(),
            file: format!("{name}.toml"),
            description: description.map(str::to_string),
        };
        InputDiff {
            reference: identity("A&B", Some("not shown")),
            reference_base: "inputs/<x>".into(),
            reference_variant: "base".into(),
            scenarios: vec![
                ScenarioDiff {
                    scenario: identity("C", Some("less <money>")),
                    changes: vec![Change {
                        label: "Budget".into(),
                        key: "factors.budget".into(),
                        from: "× 1".into(),
                        to: "× 0.8".into(),
                        note: Some("20% <lower>".into()),
                    }],
                },
                ScenarioDiff {
                    scenario: identity("D", None),
                    changes: Vec::new(),
                },
            ],
        }
    }

    #[test]
    fn markdown_says_every_part_as_is() {
        assert_eq!(
            markdown(&diff(), Lang::En),
            "# Input differences between the scenarios\n\n\
             Reference: **A&B** (`A&B.toml`): base case `inputs/<x>`, households variant \
             `base`.\n\n\
             ## C (`C.toml`)\n\n\
             less <money>\n\n\
             Compared with A&B:\n\n\
             - Budget (`factors.budget`): × 1 → × 0.8 (20% <lower>)\n\n\
             ## D (`D.toml`)\n\n\
             No input differs from the reference.\n\n"
        );
    }

    #[test]
    fn the_page_escapes_what_the_diff_says() {
        let html = html_section(Lang::En, &diff());
        let body = "<p>Reference: <strong>A&amp;B</strong> (<code>A&amp;B.toml</code>): base \
             case <code>inputs/&lt;x&gt;</code>, households variant <code>base</code>.</p>\n\
             <h3>C <span class=\"note\">(<code>C.toml</code>)</span></h3>\n\
             <p>less &lt;money&gt;</p>\n\
             <ul>\n\
             <li>Budget (<code>factors.budget</code>): × 1 → × 0.8 (20% &lt;lower&gt;)</li>\n\
             </ul>\n\
             <h3>D <span class=\"note\">(<code>D.toml</code>)</span></h3>\n\
             <p class=\"note\">No input differs from the reference.</p>\n";
        assert!(html.contains(body), "{html}");
        assert!(!html.contains("not shown"));
    }
}
