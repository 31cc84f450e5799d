//! The input diff of a comparison: in plain words, what differs between each scenario
//! and the reference (the first scenario) — the base case (and then which of its files,
//! by SHA-256), the households variant, every setting as the case uses it (defaults and
//! overrides alike), and every factor.
//!
//! Settings are compared on the validated cases, so a scenario that writes the base
//! case's own value in `[settings]` shows no difference, and one that changes a key the
//! base case leaves at its default does.

use std::fmt::Write as _;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::case::Settings;
use crate::input::INPUT_FILES;
use crate::lang::Lang;

use super::compare::Solved;
use crate::labels::{self, Label};

pub use crate::report::input_diff::{markdown, Change, InputDiff, ScenarioDiff};

/// Compares every scenario of `solved` with the first.
pub fn input_diff(solved: &[Solved], lang: Lang) -> InputDiff {
    let Some(reference) = solved.first() else {
        return InputDiff::default();
    };
    InputDiff {
        reference: reference.scenario.identity(),
        reference_base: reference.scenario.base.display().to_string(),
        reference_variant: reference.case.settings.households_variant.clone(),
        scenarios: solved[1..]
            .iter()
            .map(|s| ScenarioDiff {
                scenario: s.scenario.identity(),
                changes: changes(reference, s, lang),
            })
            .collect(),
    }
}

fn changes(reference: &Solved, other: &Solved, lang: Lang) -> Vec<Change> {
    let mut out = Vec::new();
    let (a, b) = (&reference.scenario, &other.scenario);
    if !same_folder(&a.base, &b.base) {
        out.push(Change {
            label: lang.get(labels::BASE_CASE).into(),
            key: "base".into(),
            from: a.base.display().to_string(),
            to: b.base.display().to_string(),
            note: Some(base_files_note(&a.base, &b.base, lang)),
        });
    }
    let (sa, sb) = (&reference.case.settings, &other.case.settings);
    if sa.households_variant != sb.households_variant {
        out.push(Change {
            label: lang.get(labels::HOUSEHOLDS_VARIANT).into(),
            key: "households_variant".into(),
            from: sa.households_variant.clone(),
            to: sb.households_variant.clone(),
            note: None,
        });
    }
    for (key, label, fa, fb) in settings_pairs(sa, sb, lang) {
        if fa != fb {
            out.push(Change {
                label,
                key: format!("settings.{key}"),
                from: fa,
                to: fb,
                note: None,
            });
        }
    }
    let fa = a.factors.entries();
    let fb = b.factors.entries();
    // The order of a scenario file: budget, the regions by name, costs, households.
    let mut keys: Vec<&String> = fa.iter().chain(&fb).map(|(k, _)| k).collect();
    let rank = |k: &str| match k {
        "budget" => 0,
        k if k.starts_with("budget_region.") => 1,
        k if k.starts_with("cost.") => 2,
        _ => 3,
    };
    let position = |k: &str| fa.iter().position(|(x, _)| x == k).unwrap_or(usize::MAX);
    keys.sort_by(|x, y| {
        rank(x).cmp(&rank(y)).then_with(|| match rank(x) {
            1 => x.cmp(y),
            _ => position(x).cmp(&position(y)),
        })
    });
    keys.dedup();
    let value = |list: &[(String, f64)], key: &str| {
        list.iter().find(|(k, _)| k == key).map_or(1.0, |(_, v)| *v)
    };
    for key in keys {
        let (x, y) = (value(&fa, key), value(&fb, key));
        if (x - y).abs() > 1e-12 {
            out.push(Change {
                label: factor_label(key, lang),
                key: format!("factors.{key}"),
                from: format!("× {}", lang.num(x, 6)),
                to: format!("× {}", lang.num(y, 6)),
                note: relative_note(x, y, lang),
            });
        }
    }
    let budgets_changed = !a.funders.budgets.is_empty() || !b.funders.budgets.is_empty();
    for (label, key, from, to, note) in super::funders::differences(
        &reference.case,
        &other.case,
        &b.funders,
        budgets_changed,
        lang,
    ) {
        out.push(Change {
            label,
            key,
            from,
            to,
            note,
        });
    }
    out
}

/// Whether two folders are the same (by their canonical paths where they resolve).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Which input files differ between two case folders, by SHA-256.
fn base_files_note(a: &Path, b: &Path, lang: Lang) -> String {
    let mut differ = Vec::new();
    let mut same = Vec::new();
    for (name, _) in INPUT_FILES {
        match (file_sha256(&a.join(name)), file_sha256(&b.join(name))) {
            (None, None) => {}
            (Some(x), Some(y)) if x == y => same.push(name.to_string()),
            (Some(_), Some(_)) => differ.push(name.to_string()),
            (Some(_), None) => differ.push(format!(
                "{name} ({})",
                lang.get(labels::ONLY_IN_THE_REFERENCE)
            )),
            (None, Some(_)) => differ.push(format!(
                "{name} ({})",
                lang.get(labels::ONLY_IN_THIS_SCENARIO)
            )),
        }
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            lang.get(labels::NONE).to_string()
        } else {
            v.join(", ")
        }
    };
    format!(
        "{}: {}; {}: {}",
        lang.get(labels::FILES_THAT_DIFFER_SHA_256),
        list(&differ),
        lang.get(labels::IDENTICAL),
        list(&same)
    )
}

fn file_sha256(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(
        Sha256::digest(&bytes)
            .iter()
            .fold(String::with_capacity(64), |mut s, b| {
                let _ = write!(s, "{b:02x}");
                s
            }),
    )
}

/// (key, label, reference value, scenario value) of every setting but the variant.
fn settings_pairs(
    a: &Settings,
    b: &Settings,
    lang: Lang,
) -> Vec<(&'static str, String, String, String)> {
    let years = |v: &[i32]| {
        v.iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let tiers = |s: &Settings| {
        s.surplus_tiers
            .iter()
            .map(|t| {
                let bound = if t.upper_share.is_infinite() {
                    "∞".to_string()
                } else {
                    lang.pct(t.upper_share, 3)
                };
                format!("{bound} ×{}", lang.num(t.multiplier, 6))
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let pct = |x: f64| lang.pct(x, 3);
    let num = |x: f64| lang.num(x, 6);
    let row = |key: &'static str, label: Label, show: &dyn Fn(&Settings) -> String| {
        (key, lang.get(label).to_string(), show(a), show(b))
    };
    vec![
        row("base_year", labels::BASE_YEAR, &|s| s.base_year.to_string()),
        row("milestones", labels::MILESTONES, &|s| years(&s.milestones)),
        row("friction_vacancy", labels::FRICTIONAL_VACANCY_2, &|s| {
            pct(s.friction_vacancy)
        }),
        row(
            "max_removal_share_per_year",
            labels::MAX_DEMOLITION_AND_TRANSFORMATION_PER_YEAR,
            &|s| pct(s.max_removal_share_per_year),
        ),
        row(
            "max_new_build_share_per_year",
            labels::MAX_NEW_BUILD_PER_YEAR_OF,
            &|s| pct(s.max_new_build_share_per_year),
        ),
        row("weight_surplus", labels::WEIGHT_OF_SURPLUS, &|s| {
            num(s.weight_surplus)
        }),
        row("surplus_tiers", labels::SURPLUS_TIERS, &tiers),
        row("weight_shortage", labels::WEIGHT_OF_SHORTAGE, &|s| {
            num(s.weight_shortage)
        }),
        row(
            "budget_carry_over",
            labels::BUDGET_CARRIED_OVER_TO_LATER_PERIODS,
            &|s| labels::yes_no(lang, s.budget_carry_over).to_string(),
        ),
    ]
}

/// The words for a factor key of [`super::Factors::entries`].
pub fn factor_label(key: &str, lang: Lang) -> String {
    if let Some(region) = key
        .strip_prefix("budget_region.\"")
        .and_then(|r| r.strip_suffix('"'))
    {
        return match lang {
            Lang::Nl => format!("Budget van regio {region}"),
            Lang::En => format!("Budget of region {region}"),
        };
    }
    let (nl, en) = match key {
        "budget" => ("Budget, alle regio's", "Budget, all regions"),
        "cost.demolish" => ("Kosten van sloop", "Cost of demolition"),
        "cost.new_build" => ("Kosten van nieuwbouw", "Cost of new build"),
        "cost.transform" => (
            "Kosten van transformaties die geld kosten",
            "Cost of transformations that cost money",
        ),
        "cost.sale" => ("Opbrengst van verkoop", "Proceeds of sales"),
        "households" => (
            "Huishoudens na het basisjaar",
            "Households after the base year",
        ),
        "households_change" => (
            "Verandering van de huishoudens sinds het basisjaar",
            "Change in households since the base year",
        ),
        other => (other, other),
    };
    lang.pick(nl, en).to_string()
}

/// "20 % lager" / "30 % hoger" for a factor going from `x` to `y`.
fn relative_note(x: f64, y: f64, lang: Lang) -> Option<String> {
    if x <= 0.0 {
        return None;
    }
    let change = y / x - 1.0;
    let amount = lang.pct(change.abs(), 1);
    Some(if change < 0.0 {
        format!("{amount} {}", lang.get(labels::LOWER))
    } else {
        format!("{amount} {}", lang.get(labels::HIGHER))
    })
}
