//! The input diff of a comparison as readers see it: input_diff.md and the section of
//! the comparison page. `scenario::diff` finds the differences; this module only says
//! them.

use std::fmt::Write as _;

use super::page::{esc, section};
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
    /// The scenario's name.
    pub scenario: String,
    /// Its file.
    pub file: String,
    /// Its description, if any.
    pub description: Option<String>,
    /// The differences, in a fixed order: base, variant, settings, factors.
    pub changes: Vec<Change>,
}

/// The input diff of a comparison: the reference and every other scenario against it.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDiff {
    /// The reference scenario's name.
    pub reference: String,
    /// Its file.
    pub reference_file: String,
    /// Its base case folder.
    pub reference_base: String,
    /// Its households variant.
    pub reference_variant: String,
    /// One entry per other scenario, in order.
    pub scenarios: Vec<ScenarioDiff>,
}

/// input_diff.md: the diff in plain words, as Markdown.
pub fn markdown(diff: &InputDiff, lang: Lang) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# {}\n",
        lang.get(labels::INPUT_DIFFERENCES_BETWEEN_THE_SCENARIOS)
    );
    let _ = writeln!(
        md,
        "{} **{}** (`{}`): {} `{}`, {} `{}`.\n",
        lang.get(labels::REFERENCE),
        diff.reference,
        diff.reference_file,
        lang.get(labels::BASE_CASE_2),
        diff.reference_base,
        lang.get(labels::HOUSEHOLDS_VARIANT_2),
        diff.reference_variant
    );
    for s in &diff.scenarios {
        let _ = writeln!(md, "## {} (`{}`)\n", s.scenario, s.file);
        if let Some(d) = &s.description {
            let _ = writeln!(md, "{d}\n");
        }
        if s.changes.is_empty() {
            let _ = writeln!(
                md,
                "{}\n",
                lang.get(labels::NO_INPUT_DIFFERS_FROM_THE_REFERENCE)
            );
            continue;
        }
        let _ = writeln!(
            md,
            "{} {}:\n",
            lang.get(labels::COMPARED_WITH),
            diff.reference
        );
        for c in &s.changes {
            let note = c.note_after(|n| n.to_string());
            let _ = writeln!(
                md,
                "- {} (`{}`): {} → {}{note}",
                c.label, c.key, c.from, c.to
            );
        }
        md.push('\n');
    }
    md
}

/// The page section of the input diff.
pub fn html_section(lang: Lang, diff: &InputDiff) -> String {
    let mut body = format!(
        "<p>{} <strong>{}</strong> (<code>{}</code>): {} <code>{}</code>, {} \
         <code>{}</code>.</p>\n",
        lang.get(labels::REFERENCE),
        esc(&diff.reference),
        esc(&diff.reference_file),
        lang.get(labels::BASE_CASE_2),
        esc(&diff.reference_base),
        lang.get(labels::HOUSEHOLDS_VARIANT_2),
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
                lang.get(labels::NO_INPUT_DIFFERS_FROM_THE_REFERENCE)
            );
            continue;
        }
        body.push_str("<ul>\n");
        for c in &s.changes {
            let note = c.note_after(esc);
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
        lang.get(labels::THE_SAME_LIST_IS_IN_INPUT)
    );
    section(
        "invoerverschillen",
        lang.get(labels::INPUT_DIFFERENCES),
        &body,
    )
}
