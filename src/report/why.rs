//! "Waarom dit plan": the explanations of [`crate::explain`] in words — explanations.csv
//! (one row per municipality and period, in plan.csv's order, with a sentence in the
//! run's language), the "waarom" section of report.html (per region a short paragraph
//! and the list, collapsed) and report.xlsx's "Waarom" sheet.
//!
//! In robust mode explanations.csv has a leading `variant` column and every variant's
//! rows (each variant's plan explained with its own duals, the committed periods as one
//! decision); report.html and report.xlsx explain the first variant, as the plan charts
//! do, and say so.

use std::path::Path;

use crate::case::{Action, Case};
use crate::explain::{self, Explanation, Factor, Other};
use crate::labels;
use crate::lang::Lang;
use crate::numfmt::fmt_num;
use crate::plan::Plan;
use crate::report::page::{self, esc, section};
use crate::report::tables::{csv_writer, Kind};
use crate::report::xlsx::{municipality_cells, municipality_columns, number, text, Sheet};
use crate::{Error, Result};

/// The header of explanations.csv.
pub const HEADER: [&str; 6] = [
    "municipality",
    "period_start",
    "period_end",
    "limiting_factor",
    "budget_shadow_price",
    "sentence",
];

/// A plan's explanations with their sentences in one language.
#[derive(Debug, Clone)]
pub struct Why<'a> {
    /// The case the explanations index into.
    pub case: &'a Case,
    /// One per municipality and period, in plan.csv's order.
    pub rows: Vec<Explanation>,
    /// The sentence of each row.
    pub sentences: Vec<String>,
    /// The language of the sentences.
    pub lang: Lang,
}

impl<'a> Why<'a> {
    /// The explanations of a plan (see [`explain::explain`]).
    pub fn new(case: &'a Case, plan: &Plan, lang: Lang) -> Why<'a> {
        Why::committed(case, plan, 0, lang)
    }

    /// The explanations of a robust plan's variant whose first `commit_periods` periods
    /// are one decision for every projection.
    pub fn committed(case: &'a Case, plan: &Plan, commit_periods: usize, lang: Lang) -> Why<'a> {
        let rows = explain::explain_committed(case, plan, commit_periods);
        let sentences = rows.iter().map(|e| sentence(case, e, lang)).collect();
        Why {
            case,
            rows,
            sentences,
            lang,
        }
    }

    /// The CSV cells of every row.
    fn cells(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.rows.iter().zip(&self.sentences).map(|(e, s)| {
            let period = self.case.periods[e.period];
            vec![
                self.case.municipalities[e.municipality].code.clone(),
                period.start.to_string(),
                period.end.to_string(),
                e.factor.as_str().to_string(),
                fmt_num(e.budget_shadow_price),
                s.clone(),
            ]
        })
    }

    /// Writes explanations.csv into `dir`.
    pub fn write_csv(&self, dir: &Path) -> Result<()> {
        write(&dir.join("explanations.csv"), &[(None, self)])
    }

    /// report.html's "waarom" section: per region a paragraph and the list of
    /// explanations (collapsed). `variant` names the projection shown in robust mode.
    pub fn html_section(&self, variant: Option<&str>) -> String {
        let lang = self.lang;
        let case = self.case;
        let mut body = format!("<p>{}</p>\n", esc(intro(lang)));
        for r in 0..case.regions.len() {
            let members: Vec<usize> = self
                .rows
                .iter()
                .enumerate()
                .filter(|(_, e)| case.municipalities[e.municipality].region == r)
                .map(|(i, _)| i)
                .collect();
            if members.is_empty() {
                continue;
            }
            body.push_str(&format!("<h3>{}</h3>\n", esc(&case.regions[r])));
            body.push_str(&format!(
                "<p>{}</p>\n",
                esc(&self.region_paragraph(r, &members))
            ));
            body.push_str(&format!(
                "<details><summary>{}</summary>\n<ul class=\"why\">\n",
                esc(&match lang {
                    Lang::Nl => format!("Per gemeente en periode ({})", members.len()),
                    Lang::En => format!("Per municipality and period ({})", members.len()),
                })
            ));
            for &i in &members {
                body.push_str(&format!(
                    "<li><b>{}</b> — {}</li>\n",
                    esc(factor_word(self.rows[i].factor, lang)),
                    esc(&self.sentences[i]).replace("€ 1 mln", "€\u{a0}1\u{a0}mln")
                ));
            }
            body.push_str("</ul>\n</details>\n");
        }
        body.push_str(&page::note(&esc(match lang {
            Lang::Nl => {
                "Afgeleid uit het opgeloste model (schaduwprijzen, gereduceerde kosten en \
                 de ruimte onder elke grens van fase 1); alle regels staan in \
                 explanations.csv, de afleiding in docs/model.md."
            }
            Lang::En => {
                "Derived from the solved model (shadow prices, reduced costs and the slack \
                 of every limit in stage 1); every row is in explanations.csv, the rule in \
                 docs/model.md."
            }
        })));
        let mut title = match lang {
            Lang::Nl => "Waarom dit plan".to_string(),
            Lang::En => "Why this plan".to_string(),
        };
        if let Some(v) = variant {
            title.push_str(&labels::CHART_VARIANT_SUFFIX.format(lang, &[&v]));
        }
        section("waarom", &title, &body)
    }

    /// The short paragraph of region r: how many municipality-periods each factor
    /// limits, where extra money helps most, and where the most surplus stays.
    fn region_paragraph(&self, r: usize, members: &[usize]) -> String {
        let lang = self.lang;
        let case = self.case;
        let count = |f: Factor| {
            members
                .iter()
                .filter(|&&i| self.rows[i].factor == f)
                .count()
        };
        let (budget, capacity, stock, other, none) = (
            count(Factor::Budget),
            count(Factor::Capacity),
            count(Factor::Stock),
            count(Factor::Other),
            count(Factor::None),
        );
        let n = members.len();
        let region = &case.regions[r];
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: usize, nl: &str, en: &str| {
            if k > 0 {
                parts.push(match lang {
                    Lang::Nl => format!("{k} door {nl}"),
                    Lang::En if parts.is_empty() => format!("{k} are limited by {en}"),
                    Lang::En => format!("{k} by {en}"),
                });
            }
        };
        add(budget, "het budget", "the budget");
        add(capacity, "de sloopcapaciteit", "the removal cap");
        add(stock, "een voorraad die op is", "a stock that is used up");
        add(other, "iets anders", "something else");
        let mut text = match lang {
            Lang::Nl => format!(
                "Van de {n} combinaties van gemeente en periode in {region} {} er {} \
                 begrensd",
                if budget + capacity + stock + other == 1 {
                    "wordt"
                } else {
                    "worden"
                },
                if parts.is_empty() {
                    "geen".to_string()
                } else {
                    join(&parts, lang)
                }
            ),
            Lang::En => format!(
                "Of the {n} municipality-periods in {region}, {}",
                if parts.is_empty() {
                    "none is limited".to_string()
                } else {
                    join(&parts, lang)
                }
            ),
        };
        if none > 0 {
            text.push_str(&match lang {
                Lang::Nl => format!("; in {none} is er geen mismatch of zou geen maatregel helpen"),
                Lang::En => format!("; in {none} there is no mismatch or no action would help"),
            });
        }
        text.push('.');
        // Where one more million helps most.
        let best = members
            .iter()
            .map(|&i| &self.rows[i])
            .filter(|e| e.factor == Factor::Budget)
            .max_by(|a, b| {
                a.binding_price
                    .total_cmp(&b.binding_price)
                    .then(b.period.cmp(&a.period))
            });
        if let Some(e) = best {
            text.push_str(&match lang {
                Lang::Nl => format!(
                    " Extra geld helpt het meest in {}: elke extra € 1 mln haalt daar {} \
                     gewogen woningjaren weg.",
                    period_text(case, e.period),
                    price_text(e.binding_price, lang)
                ),
                Lang::En => format!(
                    " Extra money helps most in {}: each extra €1 M removes {} weighted \
                     dwelling-years there.",
                    period_text(case, e.period),
                    price_text(e.binding_price, lang)
                ),
            });
        }
        // Where the most structural vacancy stays at the last milestone.
        let last = case.periods.len().saturating_sub(1);
        let worst = members
            .iter()
            .map(|&i| &self.rows[i])
            .filter(|e| e.period == last && e.plan.surplus >= 0.5 && e.plan.stock > 0.0)
            .max_by(|a, b| {
                (a.plan.surplus / a.plan.stock).total_cmp(&(b.plan.surplus / b.plan.stock))
            });
        if let Some(e) = worst {
            let name = &case.municipalities[e.municipality].name;
            let pct = vacancy_pct(share(e.plan.surplus, e.plan.stock), lang);
            let period = period_text(case, e.period);
            text.push_str(&match lang {
                Lang::Nl => format!(
                    " Het meest blijft leeg in {name}: {pct} structurele leegstand in \
                     {period} (wat daar remt: {}).",
                    factor_word(e.factor, lang)
                ),
                Lang::En => format!(
                    " The most stays vacant in {name}: {pct} structural vacancy in {period} \
                     (what limits it there: {}).",
                    factor_word(e.factor, lang)
                ),
            });
        }
        text
    }

    /// report.xlsx's "Waarom" sheet: every row, with code, name and region.
    pub(crate) fn sheet(&self) -> Sheet {
        let lang = self.lang;
        let mut columns = municipality_columns(lang).to_vec();
        columns.extend([
            (lang.get(labels::PERIOD_START), Kind::Year, 10.0),
            (lang.get(labels::PERIOD_END), Kind::Year, 10.0),
            (lang.pick("Wat remt", "What limits"), Kind::Text, 16.0),
            (
                lang.pick("Schaduwprijs budget", "Budget shadow price"),
                Kind::Decimal,
                18.0,
            ),
            (lang.pick("Waarom", "Why"), Kind::Text, 140.0),
        ]);
        let rows = self
            .rows
            .iter()
            .zip(&self.sentences)
            .map(|(e, s)| {
                let period = self.case.periods[e.period];
                let mut cells: Vec<_> = municipality_cells(self.case, e.municipality).into();
                cells.extend([
                    number(f64::from(period.start)),
                    number(f64::from(period.end)),
                    text(factor_word(e.factor, lang)),
                    number(e.budget_shadow_price),
                    text(s.clone()),
                ]);
                cells
            })
            .collect();
        Sheet {
            name: sheet_name(lang),
            columns,
            rows,
            frozen_columns: 2,
        }
    }
}

/// The name of report.xlsx's sheet.
pub fn sheet_name(lang: Lang) -> &'static str {
    lang.pick("Waarom", "Why")
}

/// Writes explanations.csv at `path`: the rows of every part, with a leading `variant`
/// column when the parts are named (robust mode).
pub fn write(path: &Path, parts: &[(Option<&str>, &Why<'_>)]) -> Result<()> {
    let csv_err = |e: csv::Error| Error::io(path, e.into());
    let mut writer = csv_writer(path)?;
    let named = parts.iter().any(|(v, _)| v.is_some());
    let variant: &[&str] = if named { &["variant"] } else { &[] };
    writer
        .write_record(variant.iter().chain(HEADER.iter()))
        .map_err(csv_err)?;
    for (name, why) in parts {
        for cells in why.cells() {
            let lead = name.filter(|_| named).map(str::to_string);
            writer
                .write_record(lead.into_iter().chain(cells))
                .map_err(csv_err)?;
        }
    }
    writer.flush().map_err(|e| Error::io(path, e))
}

/// The factor in words, for the page and the sheet.
pub fn factor_word(factor: Factor, lang: Lang) -> &'static str {
    match factor {
        Factor::Budget => lang.pick("budget", "budget"),
        Factor::Capacity => lang.pick("sloopcapaciteit", "removal cap"),
        Factor::Stock => lang.pick("voorraad op", "no stock left"),
        Factor::Other => lang.pick("anders", "other"),
        Factor::None => lang.pick("niets", "nothing"),
    }
}

fn intro(lang: Lang) -> &'static str {
    lang.pick(
        "Wat houdt het plan tegen om de mismatch verder te verlagen? Per gemeente en \
         periode: het budget (meer geld zou hier meer doen), de sloopcapaciteit (het plan \
         haalt al het maximum per periode weg), de voorraad (er is niets meer om weg te \
         halen), iets anders, of niets (geen mismatch, of geen maatregel die helpt).",
        "What keeps the plan from lowering the mismatch further? Per municipality and \
         period: the budget (more money would do more here), the removal cap (the plan \
         already removes the most allowed per period), the stock (nothing is left to \
         remove), something else, or nothing (no mismatch, or no action that helps).",
    )
}

fn period_text(case: &Case, p: usize) -> String {
    let period = case.periods[p];
    format!("{}–{}", period.start, period.end)
}

fn price_text(price: f64, lang: Lang) -> String {
    lang.num(price, if price >= 100.0 { 0 } else { 1 })
}

/// `a`, `a en b`, `a, b en c` (English: `and`).
fn join(items: &[String], lang: Lang) -> String {
    let and = lang.pick(" en ", " and ");
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    }
}

/// A segment's name inside a sentence: its label (else its id), with a capital first
/// letter lowered unless the word is an abbreviation ("Koopwoning" → "koopwoning").
fn segment_name(case: &Case, s: usize) -> String {
    let seg = &case.segments[s];
    let name = if seg.label.is_empty() {
        &seg.id
    } else {
        &seg.label
    };
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.clone(),
    }
}

fn segment_names(case: &Case, segments: &[usize], lang: Lang) -> String {
    let names: Vec<String> = segments.iter().map(|&s| segment_name(case, s)).collect();
    join(&names, lang)
}

/// An action in words: "sloop van koopwoning", "nieuwbouw van …", "{label} van …".
fn action_words(case: &Case, action: Action, lang: Lang) -> String {
    match action {
        Action::Demolish(s) => match lang {
            Lang::Nl => format!("sloop van {}", segment_name(case, s)),
            Lang::En => format!("demolishing {}", segment_name(case, s)),
        },
        Action::NewBuild(s) => match lang {
            Lang::Nl => format!("nieuwbouw van {}", segment_name(case, s)),
            Lang::En => format!("building {}", segment_name(case, s)),
        },
        Action::Transform(k) => {
            let tr = &case.transformations[k];
            match lang {
                Lang::Nl => format!("{} van {}", tr.label, segment_name(case, tr.from)),
                Lang::En => format!("{} of {}", tr.label, segment_name(case, tr.from)),
            }
        }
    }
}

fn funder_names(case: &Case, funders: &[usize], lang: Lang) -> String {
    let names: Vec<String> = funders
        .iter()
        .map(|&g| match case.funders.names.get(g).map(String::as_str) {
            Some("") | None => lang.get(labels::COMMON_FUNDER).to_string(),
            Some(name) => name.to_string(),
        })
        .collect();
    join(&names, lang)
}

/// The sentence of one explanation: the fit, what limits the plan and why, what the
/// plan does in the period, and (where it is so) that the plan leaves more vacancy than
/// doing nothing and why.
pub fn sentence(case: &Case, e: &Explanation, lang: Lang) -> String {
    let name = &case.municipalities[e.municipality].name;
    let region = &case.regions[case.municipalities[e.municipality].region];
    let period = period_text(case, e.period);
    let surplus = e.plan.surplus;
    let shortage = e.plan.shortage;
    let int = |x: f64| lang.int(x);
    let mut out = match (surplus >= 0.5, shortage >= 0.5) {
        (true, false) => match lang {
            Lang::Nl => format!(
                "{name} houdt in {period} {} structurele leegstand ({} woningen)",
                vacancy_pct(share(surplus, e.plan.stock), lang),
                int(surplus)
            ),
            Lang::En => format!(
                "{name} keeps {} structural vacancy ({} dwellings) in {period}",
                vacancy_pct(share(surplus, e.plan.stock), lang),
                int(surplus)
            ),
        },
        (false, true) => match lang {
            Lang::Nl => format!("{name} komt in {period} {} woningen tekort", int(shortage)),
            Lang::En => format!("{name} is {} dwellings short in {period}", int(shortage)),
        },
        (true, true) => match lang {
            Lang::Nl => format!(
                "{name} heeft in {period} {} woningen te veel in het ene segment en {} te \
                 weinig in het andere",
                int(surplus),
                int(shortage)
            ),
            Lang::En => format!(
                "{name} has {} dwellings too many in one segment and {} too few in another \
                 in {period}",
                int(surplus),
                int(shortage)
            ),
        },
        (false, false) => match lang {
            Lang::Nl => format!("{name} heeft in {period} (vrijwel) geen overschot en geen tekort"),
            Lang::En => format!("{name} has (almost) no surplus and no shortage in {period}"),
        },
    };
    let a = lang.pct(case.settings.max_removal_share_per_year, 1);
    match e.factor {
        Factor::Budget => {
            let who = if case.funders.active() && !e.funders.is_empty() {
                match lang {
                    Lang::Nl => format!(
                        "het budget van {} in {region}",
                        funder_names(case, &e.funders, lang)
                    ),
                    Lang::En => format!(
                        "the budget of {} in {region}",
                        funder_names(case, &e.funders, lang)
                    ),
                }
            } else {
                match lang {
                    Lang::Nl => format!("het budget van {region}"),
                    Lang::En => format!("the budget of {region}"),
                }
            };
            let price = price_text(e.binding_price, lang);
            out.push_str(&match lang {
                Lang::Nl => format!(
                    ": {who} is op (elke extra € 1 mln haalt {price} gewogen woningjaren weg)."
                ),
                Lang::En => format!(
                    ": {who} is used up (each extra €1 M removes {price} weighted \
                     dwelling-years)."
                ),
            });
            if let Some(action) = e.money_would_go_to {
                let removal = !matches!(action, Action::NewBuild(_));
                let later = match (surplus >= 0.5, shortage >= 0.5, removal) {
                    (false, true, true) => lang.pick(
                        ", tegen het overschot van latere jaren",
                        ", against the surplus of later years",
                    ),
                    (true, false, false) => lang.pick(
                        ", tegen het tekort van latere jaren",
                        ", against the shortage of later years",
                    ),
                    _ => "",
                };
                out.pop();
                out.push_str(&match lang {
                    Lang::Nl => format!(
                        "; extra geld zou hier eerst naar {} gaan{later}.",
                        action_words(case, action, lang)
                    ),
                    Lang::En => format!(
                        "; extra money would first go to {} here{later}.",
                        action_words(case, action, lang)
                    ),
                });
            }
            if !e.capacity_segments.is_empty() {
                let segs = segment_names(case, &e.capacity_segments, lang);
                out.push_str(&match lang {
                    Lang::Nl => format!(
                        " Uit {segs} haalt het plan al het maximum weg dat per periode mag."
                    ),
                    Lang::En => format!(
                        " From {segs} the plan already removes the most allowed per period."
                    ),
                });
            }
        }
        Factor::Capacity => {
            let segs = segment_names(case, &e.capacity_segments, lang);
            out.push_str(&match lang {
                Lang::Nl => format!(
                    ": uit {segs} haalt het plan al het maximum weg dat per periode mag \
                     ({a} van de voorraad per jaar); meer geld zou hier niets extra weghalen."
                ),
                Lang::En => format!(
                    ": from {segs} the plan already removes the most allowed per period \
                     ({a} of the stock a year); more money would remove nothing more here."
                ),
            });
        }
        Factor::Stock => {
            let segs = segment_names(case, &e.stock_segments, lang);
            out.push_str(&match lang {
                Lang::Nl => format!(": in {segs} is niets meer over om weg te halen."),
                Lang::En => format!(": nothing is left to remove in {segs}."),
            });
        }
        Factor::Other => {
            let n = lang.pct(case.settings.max_new_build_share_per_year, 1);
            out.push_str(&match (e.other, lang) {
                (Some(Other::NewBuildCapacity), Lang::Nl) => format!(
                    ": het plan bouwt al het maximum dat per periode mag ({n} van de \
                     voorraad per jaar)."
                ),
                (Some(Other::NewBuildCapacity), Lang::En) => format!(
                    ": the plan already builds the most allowed per period ({n} of the \
                     stock a year)."
                ),
                (Some(Other::Commitment), Lang::Nl) => {
                    ": meer doen past niet bij wat nu voor alle projecties samen wordt \
                     vastgelegd."
                        .to_string()
                }
                (Some(Other::Commitment), Lang::En) => {
                    ": doing more does not suit what is committed now for every projection \
                     together."
                        .to_string()
                }
                (Some(Other::FundingRules), Lang::Nl) => {
                    ": geen financier met geld over mag (de rest van) de maatregel betalen."
                        .to_string()
                }
                (Some(Other::FundingRules), Lang::En) => {
                    ": no funder with money left may pay for (the rest of) the action.".to_string()
                }
                (_, Lang::Nl) => {
                    ": wat hier remt, is niet eenduidig uit het model af te lezen.".to_string()
                }
                (_, Lang::En) => {
                    ": what limits the plan here cannot be read unambiguously from the model."
                        .to_string()
                }
            });
        }
        Factor::None => {
            if surplus >= 0.5 || shortage >= 0.5 {
                out.push_str(lang.pick(
                    ", maar geen maatregel zou de mismatch over de hele planperiode verlagen.",
                    ", but no action would lower the mismatch over the whole plan.",
                ));
            } else {
                out.push('.');
            }
        }
    }
    // What the plan does in the period, in whole dwellings.
    let mut done: Vec<String> = Vec::new();
    for (x, nl, en) in [
        (e.demolished, "gesloopt", "demolished"),
        (e.transformed, "omgezet", "transformed"),
        (e.sold, "verkocht", "sold"),
        (e.built, "nieuw gebouwd", "built"),
    ] {
        if x >= 0.5 {
            done.push(format!("{} {}", int(x), lang.pick(nl, en)));
        }
    }
    if done.is_empty() {
        out.push_str(lang.pick(
            " Het plan doet hier in deze periode niets.",
            " The plan does nothing here in this period.",
        ));
    } else {
        out.push_str(&match lang {
            Lang::Nl => format!(" Het plan in deze periode: {}.", done.join(", ")),
            Lang::En => format!(" The plan in this period: {}.", done.join(", ")),
        });
        if e.sold >= 0.5 && e.built >= 0.5 {
            out.push_str(lang.pick(
                " De opbrengst van de verkoop helpt de nieuwbouw betalen.",
                " The proceeds of the sales help pay for the new build.",
            ));
        }
    }
    // Honest about vacancy the plan adds.
    if surplus >= e.do_nothing.surplus + 0.5 && e.added_so_far >= 0.5 {
        let why = if e.earlier_shortage {
            lang.pick(
                "de woningen die het plan eerder bouwde of omzette tegen het tekort van \
                 eerdere jaren, staan nu deels leeg",
                "dwellings the plan built or transformed earlier against the shortage of \
                 earlier years now partly stand empty",
            )
        } else {
            lang.pick(
                "de woningen die het plan bouwde of omzette, staan deels leeg",
                "dwellings the plan built or transformed partly stand empty",
            )
        };
        out.push_str(&match lang {
            Lang::Nl => format!(
                " Met het plan staat hier meer leeg dan zonder ({} tegen {} woningen): {why}.",
                int(surplus),
                int(e.do_nothing.surplus)
            ),
            Lang::En => format!(
                " With the plan more stands empty here than without ({} against {} \
                 dwellings): {why}.",
                int(surplus),
                int(e.do_nothing.surplus)
            ),
        });
    }
    out
}

/// A vacancy share as a whole percentage, with one decimal below 1 %.
fn vacancy_pct(share: f64, lang: Lang) -> String {
    lang.pct(share, if share < 0.01 { 1 } else { 0 })
}

fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}
