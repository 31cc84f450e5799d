//! summary.json: the key figures of a run in a fixed key order, for the CLI's table, for
//! later comparisons, and for the acceptance checks.
//!
//! Every number is rounded with [`round6`] exactly as the CSV files write it; only
//! `timings` differs between two runs on the same input.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::metrics;
use crate::numfmt::round6;
use crate::plan::Plan;
use crate::{Error, Result};

/// The contents of summary.json. Fields serialise in declaration order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The case's name (normally its folder name).
    pub case: String,
    /// The plan's own title (settings.toml `title`), for the terminal; not written to
    /// summary.json.
    #[serde(skip)]
    pub title: Option<String>,
    /// "optimal", or why the solve stopped (e.g. "time_limit").
    pub status: String,
    /// Z1 of the plan, recomputed from its stock (weighted dwelling-years).
    pub mismatch: f64,
    /// Z1 of the do-nothing reference (weighted dwelling-years).
    pub mismatch_do_nothing: f64,
    /// Z1* as stage 1 of the solver reported it.
    pub mismatch_stage1: f64,
    /// Z2: gross cost of the plan in euros (transformations at |c_k|).
    pub gross_cost_eur: f64,
    /// Net cost of the plan in euros: Σ spend (sales count negative).
    pub net_cost_eur: f64,
    /// Σ of every region's budget over all periods, in euros.
    pub budget_eur: f64,
    /// Dwellings demolished in total.
    pub demolished: f64,
    /// Input dwellings transformed in total.
    pub transformed: f64,
    /// Dwellings built in total.
    pub built: f64,
    /// "total" or "segment".
    pub mode: String,
    /// Whether the actions were integers (a MIP).
    pub integer: bool,
    /// Relative MIP gap reached; `null` for an LP.
    pub mip_gap: Option<f64>,
    /// `--integer`: the gaps per stage and in words, the time limit and the time spent
    /// per stage, and the LP relaxation the whole-dwelling plan is compared with. Left
    /// out for an LP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer_run: Option<IntegerSummary>,
    /// The solver used.
    pub solver: String,
    /// The households variant used.
    pub households_variant: String,
    /// y_0.
    pub base_year: i32,
    /// y_1..y_P.
    pub milestones: Vec<i32>,
    /// Number of municipalities.
    pub municipalities: usize,
    /// Number of regions.
    pub regions: usize,
    /// Number of segments.
    pub segments: usize,
    /// κ[m] per municipality code, only where `vacant_dwellings` was given (spec v2 §5,
    /// §7): the occupied dwellings per household observed at the base year that
    /// calibrates demand. Left out when empty, so a case without vacancy figures writes
    /// the summary.json of v1.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dwellings_per_household: BTreeMap<String, f64>,
    /// Spec v2, with funders: per funder (in the case's order of G) its budget and what
    /// it paid, received from sales and spent net, over every region and period. Left
    /// out for a case without funders (the summary.json of v1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funders: Vec<FunderSummary>,
    /// Spec v2 §6b, §7, robust mode: criterion, commitment, E, worst regret, EVPI and
    /// the figures per variant. Left out outside robust mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub robust: Option<RobustSummary>,
    /// SHA-256 over the input files read.
    pub inputs_sha256: String,
    /// restock's version.
    pub version: String,
    /// Warnings found while reading the input (in summary.json: their English text,
    /// `file, line N: message`).
    pub warnings: Vec<crate::Warning>,
    /// Seconds per phase (read, validate, build, stages, write, …).
    pub timings: BTreeMap<String, f64>,
    /// The most memory the process held until summary.json was written (its peak
    /// resident set, in MiB), where the system tells; like `timings`, it differs between
    /// runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_memory_mib: Option<f64>,
    /// The key figures per region, in region order.
    pub regions_detail: Vec<RegionSummary>,
    /// The scenario of a `restock plan --scenario` run: name, file, base, variant,
    /// settings overrides and factors. Absent for a plain case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioRecord>,
}

/// What summary.json records about a `--integer` run (from [`crate::plan::IntegerRun`]).
/// By region, objectives and seconds are summed over the regions (seconds as thread
/// time) and gaps are the largest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegerSummary {
    /// How close the plan came to the best one; in summary.json its fields stand
    /// directly in `integer_run`.
    #[serde(flatten)]
    pub gaps: IntegerGaps,
    /// The time limit of the whole run in seconds.
    pub time_limit_s: f64,
    /// Whether a stage stopped at the time limit (or had no time left).
    pub time_limit_reached: bool,
    /// Whether Ctrl-C stopped the run.
    pub interrupted: bool,
    /// Seconds per stage.
    pub seconds: IntegerSeconds,
    /// The LP relaxation (fractional dwellings): its mismatch and gross cost.
    pub relaxation: Objectives,
    /// The first whole-dwelling plan (the LP optimum rounded down and repaired).
    pub first_plan: Objectives,
    /// The plan written minus the LP relaxation: what whole dwellings cost in fit and
    /// in money.
    pub whole_minus_relaxation: Objectives,
}

/// The gaps of a `--integer` run: asked for and reached (rounded to six decimals; a gap
/// that is not finite is left out), and stage 2's in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegerGaps {
    /// The relative gap asked for (`--mip-gap`, stage 2).
    pub mip_gap_requested: f64,
    /// The relative gap stage 1 (the fit) reached.
    pub mip_gap_stage1: Option<f64>,
    /// The relative gap stage 2 (the cost) reached; `null` when it had no time to run.
    pub mip_gap_stage2: Option<f64>,
    /// Stage 2's gap in words, Dutch and English ("hooguit 0,1 % duurder dan het beste
    /// plan").
    pub gap_words: GapWords,
}

impl IntegerGaps {
    /// The gaps of `run`.
    pub fn new(run: &crate::plan::IntegerRun) -> Self {
        use crate::lang::Lang;
        let reached = |gap: Option<f64>| gap.filter(|g| g.is_finite()).map(round6);
        IntegerGaps {
            mip_gap_requested: round6(run.mip_gap_requested),
            mip_gap_stage1: reached(run.mip_gap_stage1),
            mip_gap_stage2: reached(run.mip_gap_stage2),
            gap_words: GapWords {
                nl: gap_in_words(Lang::Nl, run.mip_gap_stage2),
                en: gap_in_words(Lang::En, run.mip_gap_stage2),
            },
        }
    }
}

/// A gap in words in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapWords {
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl GapWords {
    /// The words in `lang`.
    pub fn pick(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Nl => &self.nl,
            crate::lang::Lang::En => &self.en,
        }
    }
}

/// Seconds per stage of a `--integer` run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntegerSeconds {
    /// The LP relaxation (both stages) and the first whole-dwelling plan.
    pub relaxation: f64,
    /// Stage 1 as a MIP.
    pub stage1: f64,
    /// Stage 2 as a MIP.
    pub stage2: f64,
    /// From the start of the solve to the first whole-dwelling plan.
    pub first_plan: f64,
}

/// The two objectives of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objectives {
    /// Z1 in weighted dwelling-years.
    pub mismatch: f64,
    /// Z2 in euros.
    pub gross_cost_eur: f64,
}

/// A gap as a percentage rounded up to two significant digits, so that "at most" stays
/// true (0.00087 → 0.087).
pub fn gap_percent(gap: f64) -> f64 {
    let pct = gap.max(0.0) * 100.0;
    if pct == 0.0 || !pct.is_finite() {
        return pct;
    }
    let scale = 10f64.powi(1 - pct.log10().floor() as i32);
    // The small allowance keeps a percentage that is already round from going up.
    ((pct * scale) - 1e-9).ceil() / scale
}

/// Stage 2's gap in words in `lang` (or that it is unknown).
pub fn gap_in_words(lang: crate::lang::Lang, gap: Option<f64>) -> String {
    match gap {
        Some(g) => {
            let pct = gap_percent(g);
            let text = format!("{} %", lang.num(pct, 4));
            crate::labels::GAP_IN_WORDS.format(lang, &[&text])
        }
        None => crate::labels::GAP_UNKNOWN.pick(lang).to_string(),
    }
}

impl IntegerSummary {
    /// The summary of `run` for a plan with mismatch `mismatch` and gross cost
    /// `gross_cost_eur` (as summary.json reports them).
    pub fn new(run: &crate::plan::IntegerRun, mismatch: f64, gross_cost_eur: f64) -> Self {
        IntegerSummary {
            gaps: IntegerGaps::new(run),
            time_limit_s: round6(run.time_limit_s),
            time_limit_reached: run.time_limit_reached,
            interrupted: run.interrupted,
            seconds: IntegerSeconds {
                relaxation: round6(run.seconds_relaxation),
                stage1: round6(run.seconds_stage1),
                stage2: round6(run.seconds_stage2),
                first_plan: round6(run.seconds_first_plan),
            },
            relaxation: Objectives {
                mismatch: round6(run.relaxation_mismatch),
                gross_cost_eur: round6(run.relaxation_gross_cost_eur),
            },
            first_plan: Objectives {
                mismatch: round6(run.start_mismatch),
                gross_cost_eur: round6(run.start_gross_cost_eur),
            },
            whole_minus_relaxation: Objectives {
                mismatch: round6(mismatch - run.relaxation_mismatch),
                gross_cost_eur: round6(gross_cost_eur - run.relaxation_gross_cost_eur),
            },
        }
    }

    /// The rows report.html and report.xlsx show of the run, as (label, value) in
    /// `lang`: the gap in words, what whole dwellings cost against the LP plan, the
    /// time limit and the time per stage.
    pub fn facts(&self, lang: crate::lang::Lang) -> Vec<(String, String)> {
        use crate::labels;
        let words = self.gaps.gap_words.pick(lang);
        let signed = |x: f64, decimals: usize| {
            let text = lang.num(x, decimals);
            if x > 0.0 && text != "0" {
                format!("+{text}")
            } else {
                text
            }
        };
        let limit = format!(
            "{} ({})",
            lang.num(self.time_limit_s, 1),
            if self.time_limit_reached {
                labels::LIMIT_REACHED.pick(lang)
            } else {
                labels::LIMIT_NOT_REACHED.pick(lang)
            }
        );
        let s = &self.seconds;
        let times = labels::TIME_PER_STAGE_VALUE.format(
            lang,
            &[
                &lang.num(s.relaxation, 1),
                &lang.num(s.stage1, 1),
                &lang.num(s.stage2, 1),
            ],
        );
        vec![
            (
                labels::DISTANCE_TO_BEST_PLAN.pick(lang).to_string(),
                words.to_string(),
            ),
            (
                labels::WHOLE_MINUS_LP_MISMATCH.pick(lang).to_string(),
                signed(self.whole_minus_relaxation.mismatch, 1),
            ),
            (
                labels::WHOLE_MINUS_LP_COST.pick(lang).to_string(),
                signed(self.whole_minus_relaxation.gross_cost_eur, 0),
            ),
            (labels::TIME_LIMIT_ROW.pick(lang).to_string(), limit),
            (labels::TIME_PER_STAGE.pick(lang).to_string(), times),
        ]
    }
}

/// Which scenario: its name, its file and its description, as summary.json, the input
/// diff and the comparison page name it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScenarioIdentity {
    /// The scenario's name.
    pub name: String,
    /// The scenario file, as given on the command line (for a plain case folder: its
    /// path).
    pub file: String,
    /// The scenario's description, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What summary.json records about the scenario a plan was made for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioRecord {
    /// Which scenario; in summary.json its fields stand directly in `scenario`.
    #[serde(flatten)]
    pub identity: ScenarioIdentity,
    /// `base` as written in the scenario file.
    pub base: String,
    /// The households variant the scenario sets, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households_variant: Option<String>,
    /// `[settings]`: every override as TOML text (e.g. `"0.03"`).
    pub settings: BTreeMap<String, String>,
    /// `[factors]`, with 1 for every factor not set.
    pub factors: Factors,
}

/// Factors on the costs per kind of action (1 = as in the base case).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CostFactors {
    /// Multiplies the demolition cost of every segment and municipality.
    pub demolish: f64,
    /// Multiplies the new-build cost of every segment and municipality.
    pub new_build: f64,
    /// Multiplies the cost of every transformation that costs money (`cost_eur > 0`).
    pub transform: f64,
    /// Multiplies the proceeds of every transformation that brings money in
    /// (`cost_eur < 0`, a sale).
    pub sale: f64,
}

impl Default for CostFactors {
    fn default() -> Self {
        CostFactors {
            demolish: 1.0,
            new_build: 1.0,
            transform: 1.0,
            sale: 1.0,
        }
    }
}

/// The factors of a scenario (1 = as in the base case). See docs/scenarios.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factors {
    /// Multiplies every region's budget in every year.
    pub budget: f64,
    /// Per region: multiplies that region's budget, on top of `budget`.
    pub budget_region: BTreeMap<String, f64>,
    /// Factors on the costs per kind of action.
    pub cost: CostFactors,
    /// Multiplies the households of every year after the base year.
    pub households: f64,
    /// Multiplies the change in households since the base year (1.5: the decline, or
    /// growth, is half as large again), before `households` applies.
    pub households_change: f64,
}

impl Default for Factors {
    fn default() -> Self {
        Factors {
            budget: 1.0,
            budget_region: BTreeMap::new(),
            cost: CostFactors::default(),
            households: 1.0,
            households_change: 1.0,
        }
    }
}

impl Factors {
    /// Every factor as (key as written in a scenario file, value), in a fixed order;
    /// region factors as `budget_region."<region>"`.
    pub fn entries(&self) -> Vec<(String, f64)> {
        let mut out = vec![("budget".to_string(), self.budget)];
        for (region, f) in &self.budget_region {
            out.push((format!("budget_region.\"{region}\""), *f));
        }
        let c = &self.cost;
        out.extend([
            ("cost.demolish".to_string(), c.demolish),
            ("cost.new_build".to_string(), c.new_build),
            ("cost.transform".to_string(), c.transform),
            ("cost.sale".to_string(), c.sale),
            ("households".to_string(), self.households),
            ("households_change".to_string(), self.households_change),
        ]);
        out
    }

    /// The combined budget factor of region `name`: `budget` × its `budget_region`.
    pub fn budget_of(&self, region: &str) -> f64 {
        self.budget * self.budget_region.get(region).copied().unwrap_or(1.0)
    }
}

/// The totals of one funder (spec v2), in euros.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FunderSummary {
    /// The funder's name ("" for the common funder).
    pub name: String,
    /// Its budget over every region and period.
    pub budget_eur: f64,
    /// What it paid for cost items.
    pub paid_eur: f64,
    /// The sale proceeds it received.
    pub received_eur: f64,
    /// paid − received: what it spent of its budget.
    pub net_eur: f64,
}

/// The totals of every funder of the case; empty without funders.
pub fn funder_summaries(case: &Case, plan: &Plan) -> Vec<FunderSummary> {
    let flows = metrics::funder_flows(case, plan);
    let total = |x: &Vec<Vec<Vec<f64>>>, g: usize| -> f64 {
        x.iter().map(|region| region[g].iter().sum::<f64>()).sum()
    };
    case.funders
        .names
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let paid = total(&flows.paid, g);
            let received = total(&flows.received, g);
            FunderSummary {
                name: name.clone(),
                budget_eur: round6(total(&case.funders.budget_eur, g)),
                paid_eur: round6(paid),
                received_eur: round6(received),
                net_eur: round6(paid - received),
            }
        })
        .collect()
}

/// summary.json's `robust` (spec v2 §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RobustSummary {
    /// "expected" or "regret".
    pub criterion: String,
    /// P_c.
    pub commit_periods: usize,
    /// E = Σ_ω π_ω · Z1_ω: the optimum E* of the stage that minimises it.
    pub expected_mismatch: f64,
    /// The worst regret max_ω (Z1_ω − Z1*_ω) of the plan, in both criteria.
    pub max_regret: f64,
    /// EVPI = E − Σ_ω π_ω · Z1*_ω.
    pub evpi: f64,
    /// Per variant, in robust.variants order.
    pub variants: Vec<VariantSummary>,
}

/// One variant of summary.json's `robust.variants`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantSummary {
    /// The variant's name.
    pub name: String,
    /// π_ω (normalised).
    pub weight: f64,
    /// Z1_ω under the robust plan.
    pub mismatch: f64,
    /// Z1*_ω: the variant's own optimum.
    pub mismatch_alone: f64,
    /// Z1_ω − Z1*_ω.
    pub regret: f64,
    /// Z2_ω in euros.
    pub gross_cost_eur: f64,
    /// The variant's do-nothing mismatch.
    pub mismatch_do_nothing: f64,
}

impl Summary {
    /// The summary of a robust plan (spec v2 §7): `mismatch` and `mismatch_stage1` are
    /// E (the optimum E* of the stage that minimises it), `gross_cost_eur` is Σ π_ω Z2_ω, `mismatch_do_nothing` Σ π_ω of the do-nothing
    /// mismatch; net cost and the dwellings demolished, transformed and built are π-weighted
    /// means too. `regions_detail` and `funders` are those of the first variant's plan.
    /// `cases[ω]` is the case of variant ω.
    pub fn new_robust(
        cases: &[Case],
        robust: &crate::plan::RobustPlan,
        timings: BTreeMap<String, f64>,
    ) -> Summary {
        let mut summary = Summary::new(&cases[0], &robust.plans[0], timings);
        let per_variant: Vec<Summary> = cases
            .iter()
            .zip(&robust.plans)
            .map(|(case, plan)| Summary::new(case, plan, BTreeMap::new()))
            .collect();
        let mean = |f: &dyn Fn(&Summary) -> f64| -> f64 {
            round6(
                per_variant
                    .iter()
                    .zip(&robust.weights)
                    .map(|(s, w)| w * f(s))
                    .sum(),
            )
        };
        let expected = round6(robust.expected_mismatch);
        summary.mismatch = expected;
        summary.mismatch_stage1 = expected;
        summary.mismatch_do_nothing = round6(robust.expected_mismatch_do_nothing());
        summary.gross_cost_eur = round6(robust.expected_gross_cost_eur());
        summary.net_cost_eur = mean(&|s| s.net_cost_eur);
        summary.demolished = mean(&|s| s.demolished);
        summary.transformed = mean(&|s| s.transformed);
        summary.built = mean(&|s| s.built);
        let regrets = robust.regrets();
        summary.robust = Some(RobustSummary {
            criterion: robust.criterion.as_str().to_string(),
            commit_periods: robust.commit_periods,
            expected_mismatch: expected,
            max_regret: round6(robust.max_regret()),
            evpi: round6(robust.evpi()),
            variants: (0..robust.variants.len())
                .map(|w| VariantSummary {
                    name: robust.variants[w].clone(),
                    weight: round6(robust.weights[w]),
                    mismatch: round6(robust.mismatch[w]),
                    mismatch_alone: round6(robust.mismatch_alone[w]),
                    regret: round6(regrets[w]),
                    gross_cost_eur: round6(robust.gross_cost_eur[w]),
                    mismatch_do_nothing: round6(robust.mismatch_do_nothing[w]),
                })
                .collect(),
        });
        summary
    }
}

/// The key figures of one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionSummary {
    /// The region's name.
    pub region: String,
    /// Z1 of the region's municipalities without actions.
    pub mismatch_do_nothing: f64,
    /// Z1 of the region's municipalities with the plan.
    pub mismatch_plan: f64,
    /// Dwellings demolished.
    pub demolished: f64,
    /// Input dwellings transformed.
    pub transformed: f64,
    /// Dwellings built.
    pub built: f64,
    /// Net spending in euros.
    pub spent_eur: f64,
    /// The region's budget over all periods in euros.
    pub budget_eur: f64,
}

impl Summary {
    /// Computes the summary of a plan; `timings` are the seconds per phase so far.
    pub fn new(case: &Case, plan: &Plan, timings: BTreeMap<String, f64>) -> Summary {
        let do_nothing = metrics::do_nothing_path(case);
        let planned = metrics::plan_path(case, plan);
        let spend = metrics::spend_eur(case, plan);
        let regions_detail: Vec<RegionSummary> = (0..case.regions.len())
            .map(|r| region_summary(case, plan, &spend, &do_nothing, &planned, r))
            .collect();
        let all = |x: &Vec<Vec<Vec<f64>>>| round6(x.iter().flatten().flatten().sum());
        let plan_mismatch = metrics::mismatch(case, &planned);
        let plan_gross_cost = metrics::gross_cost_eur(case, plan);
        Summary {
            case: case.name.clone(),
            title: case.settings.title.clone(),
            status: plan.status.as_str().to_string(),
            mismatch: round6(plan_mismatch),
            mismatch_do_nothing: round6(metrics::mismatch(case, &do_nothing)),
            mismatch_stage1: round6(plan.stage1_mismatch),
            gross_cost_eur: round6(plan_gross_cost),
            net_cost_eur: round6(spend.iter().flatten().sum()),
            budget_eur: round6(case.budget_eur.iter().flatten().sum()),
            demolished: all(&plan.demolish),
            transformed: all(&plan.transform),
            built: all(&plan.new_build),
            mode: case.mode.as_str().to_string(),
            integer: plan.integer,
            mip_gap: plan.mip_gap.filter(|g| g.is_finite()).map(round6),
            integer_run: plan
                .integer_run
                .as_ref()
                .map(|run| IntegerSummary::new(run, plan_mismatch, plan_gross_cost)),
            solver: plan.solver.clone(),
            households_variant: case.settings.households_variant.clone(),
            base_year: case.settings.base_year,
            milestones: case.periods.iter().map(|p| p.end).collect(),
            municipalities: case.municipalities.len(),
            regions: case.regions.len(),
            segments: case.segments.len(),
            dwellings_per_household: (0..case.municipalities.len())
                .filter_map(|m| {
                    let kappa = case.calibrated_dwellings_per_household(m)?;
                    Some((case.municipalities[m].code.clone(), round6(kappa)))
                })
                .collect(),
            funders: funder_summaries(case, plan),
            robust: None,
            inputs_sha256: case.inputs_sha256.clone(),
            version: crate::VERSION.to_string(),
            warnings: case.warnings.clone(),
            timings: timings.into_iter().map(|(k, v)| (k, round6(v))).collect(),
            peak_memory_mib: None,
            regions_detail,
            scenario: None,
        }
    }

    /// Records the process's peak memory so far in `peak_memory_mib`.
    pub fn record_peak_memory(&mut self) {
        self.peak_memory_mib = peak_memory_mib();
    }

    /// Writes the summary as pretty-printed JSON with a final newline.
    pub fn write_json(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| Error::io(path, e))
    }
}

fn region_summary(
    case: &Case,
    plan: &Plan,
    spend: &[Vec<f64>],
    do_nothing: &metrics::StockPath,
    planned: &metrics::StockPath,
    r: usize,
) -> RegionSummary {
    let members: Vec<usize> = case.municipalities_in(r).collect();
    let over = |f: &dyn Fn(usize) -> f64| -> f64 { members.iter().map(|&m| f(m)).sum() };
    let all_of = |x: &Vec<Vec<f64>>| -> f64 { x.iter().flatten().sum() };
    RegionSummary {
        region: case.regions[r].clone(),
        mismatch_do_nothing: round6(over(&|m| {
            metrics::municipality_mismatch(case, do_nothing, m)
        })),
        mismatch_plan: round6(over(&|m| metrics::municipality_mismatch(case, planned, m))),
        demolished: round6(over(&|m| all_of(&plan.demolish[m]))),
        transformed: round6(over(&|m| all_of(&plan.transform[m]))),
        built: round6(over(&|m| all_of(&plan.new_build[m]))),
        spent_eur: round6(over(&|m| spend[m].iter().sum())),
        budget_eur: round6(case.budget_eur[r].iter().sum()),
    }
}

/// The peak resident set of this process so far in MiB (`getrusage`; `None` where the
/// system does not tell).
pub fn peak_memory_mib() -> Option<f64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a `rusage` into the pointer given, which is valid and
    // properly aligned; zeroed memory is a valid `rusage` whatever it writes.
    let status = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if status != 0 {
        return None;
    }
    // SAFETY: initialised (zeroed, then filled by getrusage).
    let usage = unsafe { usage.assume_init() };
    // Linux reports kibibytes.
    let kib = usage.ru_maxrss as f64;
    (kib > 0.0).then(|| round6(kib / 1024.0))
}
