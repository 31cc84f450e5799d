//! Random valid cases for the property tests (tests/prop_plan.rs) and the cross-solver
//! test (tests/cross_solver.rs), built directly as [`Case`] values (no CSV reader
//! involved), and a re-reader of the output files that checks a plan against every
//! constraint of spec §5 from what was written, not from the solver's memory; also the
//! proptest configuration of the solving property tests and robust variants of a case.
#![allow(dead_code)]
// The checks index several arrays by the same (m, s, p), as the spec writes them.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;
use restock::case::{
    Case, Criterion, Mode, Municipality, Period, RobustSettings, Segment, SegmentCosts, Settings,
    SurplusTier, Transformation,
};

/// The size of the random cases.
#[derive(Debug, Clone)]
pub struct Limits {
    /// At most this many municipalities (at least 1).
    pub municipalities: usize,
    /// The number of segments.
    pub segments: RangeInclusive<usize>,
    /// At most this many periods (at least 1).
    pub periods: usize,
    /// At most this many transformations (at least 0).
    pub transformations: usize,
}

impl Limits {
    /// The LP properties' sizes: up to 8 municipalities, 2–4 segments, 1–4 periods,
    /// 0–3 transformations.
    pub fn lp() -> Limits {
        Limits {
            municipalities: 8,
            segments: 2..=4,
            periods: 4,
            transformations: 3,
        }
    }

    /// Small cases for the MIP properties: up to 3 municipalities, 2–3 segments, 1–2
    /// periods, 0–2 transformations.
    pub fn mip() -> Limits {
        Limits {
            municipalities: 3,
            segments: 2..=3,
            periods: 2,
            transformations: 2,
        }
    }
}

/// What the strategy draws per municipality.
#[derive(Debug, Clone)]
struct MunicipalityDraw {
    region: usize,
    stock: Vec<f64>,
    /// Households at the base year as a share of the stock.
    households_ratio: f64,
    /// Observed vacancy at the base year as a share of the stock (spec v2
    /// `vacant_dwellings`); `None` = not known (κ = 1).
    vacancy_share: Option<f64>,
    /// Households at each milestone relative to the one before.
    households_change: Vec<f64>,
    /// Demand share weights per time index and segment (normalised later).
    share_weights: Vec<Vec<f64>>,
    /// Per segment: demolition cost, new-build cost (if any), and whether a segment
    /// without stock has no cost row at all.
    costs: Vec<(f64, Option<f64>, bool)>,
}

#[derive(Debug, Clone)]
struct Shape {
    municipalities: usize,
    segments: usize,
    periods: usize,
    transformations: usize,
    regions: usize,
    segment_mode: bool,
    carry_over: bool,
}

/// Whole dwellings, sometimes none.
fn dwellings() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        5 => (0u32..6000).prop_map(f64::from),
    ]
}

/// Euros rounded to whole hundreds, as cost tables give them.
fn euros(range: std::ops::Range<f64>) -> impl Strategy<Value = f64> {
    range.prop_map(|x| (x / 100.0).round() * 100.0)
}

fn municipality(shape: &Shape) -> impl Strategy<Value = MunicipalityDraw> {
    let s = shape.segments;
    let t = shape.periods + 1;
    (
        0..shape.regions,
        vec(dwellings(), s),
        (
            0.75f64..1.1,
            proptest::option::weighted(0.5, prop_oneof![1 => Just(0.0), 6 => 0.0f64..0.15]),
        ),
        vec(0.85f64..1.05, shape.periods),
        vec(vec(0.0f64..1.0, s), t),
        vec(
            (
                euros(5_000.0..100_000.0),
                proptest::option::weighted(0.7, euros(100_000.0..300_000.0)),
                proptest::bool::weighted(0.2),
            ),
            s,
        ),
    )
        .prop_map(
            |(
                region,
                stock,
                (households_ratio, vacancy_share),
                households_change,
                share_weights,
                costs,
            )| {
                MunicipalityDraw {
                    region,
                    stock,
                    households_ratio,
                    vacancy_share,
                    households_change,
                    share_weights,
                    costs,
                }
            },
        )
}

fn tiers() -> impl Strategy<Value = Vec<SurplusTier>> {
    (vec(0.005f64..0.1, 0..3), 0.5f64..2.0, vec(0.0f64..3.0, 2)).prop_map(
        |(widths, first, steps)| {
            let mut tiers = Vec::new();
            let mut upper = 0.0;
            let mut multiplier = first;
            for (j, width) in widths.iter().enumerate() {
                upper += width;
                tiers.push(SurplusTier {
                    upper_share: upper,
                    multiplier,
                });
                multiplier += steps[j.min(steps.len() - 1)];
            }
            tiers.push(SurplusTier {
                upper_share: f64::INFINITY,
                multiplier,
            });
            tiers
        },
    )
}

#[allow(clippy::type_complexity)]
fn settings_parts() -> impl Strategy<Value = (f64, f64, f64, f64, f64, Vec<SurplusTier>)> {
    (
        prop_oneof![Just(0.0), 0.0f64..0.05],
        prop_oneof![1 => Just(0.0), 6 => 0.0f64..0.05],
        prop_oneof![1 => Just(0.0), 6 => 0.0f64..0.03],
        0.5f64..2.0,
        0.5f64..4.0,
        tiers(),
    )
}

/// A random valid case of at most `limits`' size: total or segment mode, budget
/// carry-over on or off, random surplus tiers, transformations with yields in
/// [0.5, 1.5] and costs from −€50,000 (a sale) to €80,000, some segments without new
/// build, some municipalities without a cost row for a segment they have no stock of,
/// budgets of zero and of plenty.
pub fn case(limits: Limits) -> impl Strategy<Value = Case> {
    (
        1..=limits.municipalities,
        limits.segments.clone(),
        1..=limits.periods,
        0..=limits.transformations,
        1..=3usize,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(m, s, p, k, r, segment_mode, carry_over)| {
            let shape = Shape {
                municipalities: m,
                segments: s,
                periods: p,
                transformations: k,
                regions: r.min(m),
                segment_mode,
                carry_over,
            };
            (
                vec(1..=5i32, p),
                vec(municipality(&shape), m),
                vec((0..s, 0..s, euros(-50_000.0..80_000.0), 0.5f64..1.5), k),
                vec(
                    vec(
                        prop_oneof![
                            1 => Just(0.0),
                            3 => euros(0.0..30_000_000.0),
                            1 => euros(30_000_000.0..300_000_000.0),
                        ],
                        p,
                    ),
                    shape.regions,
                ),
                settings_parts(),
                Just(shape),
            )
        })
        .prop_map(
            |(lengths, munis, transformations, budgets, settings, shape)| {
                build(
                    &shape,
                    &lengths,
                    &munis,
                    &transformations,
                    &budgets,
                    settings,
                )
            },
        )
}

#[allow(clippy::type_complexity)]
fn build(
    shape: &Shape,
    lengths: &[i32],
    munis: &[MunicipalityDraw],
    transformations: &[(usize, usize, f64, f64)],
    budgets: &[Vec<f64>],
    (friction, removal, new_build, weight_surplus, weight_shortage, tiers): (
        f64,
        f64,
        f64,
        f64,
        f64,
        Vec<SurplusTier>,
    ),
) -> Case {
    let base_year = 2020;
    let mut periods = Vec::new();
    let mut end = base_year;
    for &len in lengths {
        periods.push(Period {
            start: end + 1,
            end: end + len,
        });
        end += len;
    }
    let regions: Vec<String> = (0..shape.regions).map(|r| format!("R{r}")).collect();
    let municipalities: Vec<Municipality> = munis
        .iter()
        .enumerate()
        .map(|(i, d)| Municipality {
            code: format!("GM{:04}", i + 1),
            name: format!("Gemeente {}", i + 1),
            // Every region has at least one municipality.
            region: if i < shape.regions { i } else { d.region },
            // Whole dwellings, less than the stock (a municipality without stock has
            // no vacancy figure).
            vacant_dwellings: d.vacancy_share.and_then(|share| {
                let total: f64 = d.stock.iter().sum();
                let v = (total * share).round();
                (v < total).then_some(v)
            }),
        })
        .collect();
    let segments: Vec<Segment> = (0..shape.segments)
        .map(|s| Segment {
            id: format!("s{s}"),
            label: format!("segment {s}"),
            tenure: None,
            dwelling_type: None,
        })
        .collect();
    let stock0: Vec<Vec<f64>> = munis.iter().map(|d| d.stock.clone()).collect();
    let households: Vec<Vec<f64>> = munis
        .iter()
        .map(|d| {
            let total: f64 = d.stock.iter().sum();
            let mut h = (total.max(500.0) * d.households_ratio).round();
            let mut row = vec![h];
            for change in &d.households_change {
                h = (h * change * 10.0).round() / 10.0;
                row.push(h);
            }
            row
        })
        .collect();
    let demand_shares = shape.segment_mode.then(|| {
        munis
            .iter()
            .map(|d| {
                d.share_weights
                    .iter()
                    .map(|w| {
                        let sum: f64 = w.iter().sum();
                        if sum < 1e-3 {
                            vec![1.0 / w.len() as f64; w.len()]
                        } else {
                            w.iter().map(|x| x / sum).collect()
                        }
                    })
                    .collect()
            })
            .collect()
    });
    let costs = munis
        .iter()
        .map(|d| {
            d.costs
                .iter()
                .zip(&d.stock)
                .map(|(&(demolish_eur, new_build_eur, absent), &stock)| {
                    (!(absent && stock == 0.0)).then_some(SegmentCosts {
                        demolish_eur,
                        new_build_eur,
                    })
                })
                .collect()
        })
        .collect();
    let transformations = transformations
        .iter()
        .enumerate()
        .map(
            |(k, &(from, to, cost_eur, yield_per_dwelling))| Transformation {
                from,
                to,
                cost_eur,
                yield_per_dwelling,
                label: format!("t{k}"),
            },
        )
        .collect();
    Case {
        name: "random".into(),
        settings: Settings {
            base_year,
            milestones: periods.iter().map(|p| p.end).collect(),
            households_variant: "base".into(),
            friction_vacancy: friction,
            max_removal_share_per_year: removal,
            max_new_build_share_per_year: new_build,
            weight_surplus,
            surplus_tiers: tiers,
            weight_shortage,
            budget_carry_over: shape.carry_over,
            title: None,
            subtitle: None,
            robust: None,
        },
        municipalities,
        regions,
        segments,
        transformations,
        periods,
        mode: if shape.segment_mode {
            Mode::Segment
        } else {
            Mode::Total
        },
        stock0,
        households,
        demand_shares,
        costs,
        budget_eur: budgets.to_vec(),
        funders: restock::case::Funders::default(),
        inputs_sha256: "0".repeat(64),
        warnings: vec![],
    }
}

/// The funders a random case may have, sorted as the case reader sorts G: the common
/// funder "", then the named ones.
const FUNDER_NAMES: [&str; 4] = ["", "Rijk", "corporatie", "gemeente"];

/// A random case of [`case`] with funders (spec v2): one to three named funders and
/// sometimes the common funder "", the region budgets split among them at random, a
/// funding.csv (most of the time) with rules per funder that have max_share < 1 and
/// blank segments, and every sale's proceeds to a random funder.
pub fn funders_case(limits: Limits) -> impl Strategy<Value = Case> {
    case(limits)
        .prop_flat_map(|case| {
            let (regions, periods, segments) =
                (case.regions.len(), case.periods.len(), case.segments.len());
            let rule = (
                0..3usize,
                proptest::option::weighted(0.6, 0..segments),
                prop_oneof![1 => Just(1.0), 2 => 0.2f64..1.0],
            );
            (
                Just(case.clone()),
                1..=3usize,
                any::<bool>(),
                vec(vec(vec(0.0f64..1.0, periods), 4), regions),
                proptest::bool::weighted(0.8),
                vec(proptest::option::weighted(0.7, vec(rule, 1..4)), 4),
                vec(0..4usize, case.transformations.len()),
            )
        })
        .prop_map(
            |(mut case, named, blank, weights, with_rules, rules, receivers)| {
                use restock::case::{FundedAction, Funders, FundingRule};
                // Indices into FUNDER_NAMES of the funders present, in sorted order.
                let present: Vec<usize> = (0..FUNDER_NAMES.len())
                    .filter(|&i| if i == 0 { blank } else { i <= named })
                    .collect();
                let names: Vec<String> = present
                    .iter()
                    .map(|&i| FUNDER_NAMES[i].to_string())
                    .collect();
                let periods = case.periods.len();
                let budget_eur: Vec<Vec<Vec<f64>>> = case
                    .budget_eur
                    .iter()
                    .zip(&weights)
                    .map(|(total, w)| {
                        let sums: Vec<f64> = (0..periods)
                            .map(|p| present.iter().map(|&g| w[g][p]).sum::<f64>().max(1e-9))
                            .collect();
                        present
                            .iter()
                            .map(|&g| {
                                (0..periods)
                                    .map(|p| (total[p] * w[g][p] / sums[p] / 100.0).round() * 100.0)
                                    .collect()
                            })
                            .collect()
                    })
                    .collect();
                // The region totals follow the split (rounding may move them by euros).
                case.budget_eur = budget_eur
                    .iter()
                    .map(|r| (0..periods).map(|p| r.iter().map(|g| g[p]).sum()).collect())
                    .collect();
                let funding = with_rules.then(|| {
                    let mut seen = std::collections::BTreeSet::new();
                    let mut out = Vec::new();
                    for (g, &i) in present.iter().enumerate() {
                        for &(action, segment, share) in rules[i].iter().flatten() {
                            let action = [
                                FundedAction::Demolish,
                                FundedAction::NewBuild,
                                FundedAction::Transform,
                            ][action];
                            if seen.insert((g, action, segment)) {
                                out.push(FundingRule {
                                    funder: g,
                                    action,
                                    segment,
                                    max_share: share,
                                });
                            }
                        }
                    }
                    out
                });
                case.funders = Funders {
                    sale_receiver: receivers.iter().map(|&r| r % names.len()).collect(),
                    names,
                    rules: funding,
                    budget_eur,
                };
                case
            },
        )
}

/// Draws `n` cases from `strategy` with a fixed seed: the same cases on every run.
pub fn draw<S: Strategy>(strategy: S, n: usize, seed: u8) -> Vec<S::Value> {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect()
}

/// The number of cases of a property test: PROPTEST_CASES when set, else `default`.
pub fn cases_from_env(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The proptest configuration of the solving property tests: [`cases_from_env`] cases,
/// at most 100 shrink steps (each solves a case again), no failure file.
pub fn config(default: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: cases_from_env(default),
        max_shrink_iters: 100,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// Variant cases of a random case for robust mode: the households after the base year
/// scaled by each factor (the base year, and so κ, shared), named `v0`, `v1`, …, with
/// `weights` scaled to sum to 1, `criterion` and `commit_periods` committed periods.
pub fn with_variants(
    case: &Case,
    factors: &[f64],
    weights: &[f64],
    criterion: Criterion,
    commit_periods: usize,
) -> Vec<Case> {
    let names: Vec<String> = (0..factors.len()).map(|i| format!("v{i}")).collect();
    let total: f64 = weights.iter().sum();
    let robust = RobustSettings {
        variants: names.clone(),
        weights: weights.iter().map(|w| w / total).collect(),
        criterion,
        commit_periods,
    };
    factors
        .iter()
        .zip(&names)
        .map(|(f, name)| {
            let mut c = case.clone();
            for row in &mut c.households {
                for h in row.iter_mut().skip(1) {
                    *h *= f;
                }
            }
            c.settings.households_variant = name.clone();
            c.settings.robust = Some(robust.clone());
            c
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Re-reading the output files.

/// The output files of one plan, parsed back.
#[derive(Debug, Clone)]
pub struct Outputs {
    /// plan.csv: `[m][s][p]` → (demolish, new_build, transform_out, transform_in,
    /// stock_end).
    pub plan: Vec<Vec<Vec<[f64; 5]>>>,
    /// transformations.csv: `[m][k][p]` → (dwellings_in, dwellings_out, cost_eur).
    pub transformations: Vec<Vec<Vec<[f64; 3]>>>,
    /// budget.csv: `[r][p]` → (budget_eur, spent_eur, shadow_price_per_meur); with
    /// funders the sums over the region's funders (the largest shadow price).
    pub budget: Vec<Vec<[f64; 3]>>,
    /// budget.csv with funders: `[r][g][p]` → (budget_eur, spent_eur,
    /// shadow_price_per_meur); empty without funders.
    pub funder_budget: Vec<Vec<Vec<[f64; 3]>>>,
    /// funding.csv's rows (empty without funders).
    pub funding: Vec<FundingLine>,
    /// balance.csv: (municipality, segment or `*`, year) → (households, demand,
    /// stock_do_nothing, stock_plan, surplus_do_nothing, surplus_plan,
    /// shortage_do_nothing, shortage_plan).
    pub balance: BTreeMap<(String, String, i32), [f64; 8]>,
    /// summary.json.
    pub summary: serde_json::Value,
}

/// A row of funding.csv, with indices into the case.
#[derive(Debug, Clone, PartialEq)]
pub struct FundingLine {
    /// Municipality index.
    pub municipality: usize,
    /// Funder index.
    pub funder: usize,
    /// Period index.
    pub period: usize,
    /// The action.
    pub action: restock::case::FundedAction,
    /// Segment index (a transformation's from_segment).
    pub segment: usize,
    /// paid_eur.
    pub paid_eur: f64,
    /// received_eur.
    pub received_eur: f64,
}

/// The rows of a CSV output file as header → cell maps (checking the header).
fn rows(path: &Path, header: &[&str]) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let found: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(found, header, "header of {path:?}");
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            found
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn num(row: &BTreeMap<String, String>, col: &str) -> f64 {
    let text = &row[col];
    let x: f64 = text
        .parse()
        .unwrap_or_else(|_| panic!("{col} = {text:?} is not a number"));
    assert!(x.is_finite(), "{col} = {text}");
    x
}

/// Reads plan.csv, transformations.csv, budget.csv, balance.csv and summary.json of
/// `dir`, checking that their rows come in the case's order with the case's names.
pub fn read_outputs(case: &Case, dir: &Path) -> Outputs {
    let (nm, ns, nk, np) = (
        case.municipalities.len(),
        case.segments.len(),
        case.transformations.len(),
        case.periods.len(),
    );
    let plan_rows = rows(
        &dir.join("plan.csv"),
        &[
            "municipality",
            "segment",
            "period_start",
            "period_end",
            "demolish",
            "new_build",
            "transform_out",
            "transform_in",
            "stock_end",
        ],
    );
    assert_eq!(plan_rows.len(), nm * ns * np, "plan.csv rows");
    let mut plan = vec![vec![vec![[0.0; 5]; np]; ns]; nm];
    let mut it = plan_rows.iter();
    for (m, muni) in case.municipalities.iter().enumerate() {
        for (s, seg) in case.segments.iter().enumerate() {
            for (p, period) in case.periods.iter().enumerate() {
                let row = it.next().unwrap();
                assert_eq!(row["municipality"], muni.code);
                assert_eq!(row["segment"], seg.id);
                assert_eq!(row["period_start"], period.start.to_string());
                assert_eq!(row["period_end"], period.end.to_string());
                plan[m][s][p] = [
                    num(row, "demolish"),
                    num(row, "new_build"),
                    num(row, "transform_out"),
                    num(row, "transform_in"),
                    num(row, "stock_end"),
                ];
            }
        }
    }
    let tr_rows = rows(
        &dir.join("transformations.csv"),
        &[
            "municipality",
            "from_segment",
            "to_segment",
            "period_start",
            "period_end",
            "dwellings_in",
            "dwellings_out",
            "cost_eur",
        ],
    );
    assert_eq!(tr_rows.len(), nm * nk * np, "transformations.csv rows");
    let mut transformations = vec![vec![vec![[0.0; 3]; np]; nk]; nm];
    let mut it = tr_rows.iter();
    for (m, muni) in case.municipalities.iter().enumerate() {
        for (k, t) in case.transformations.iter().enumerate() {
            for (p, period) in case.periods.iter().enumerate() {
                let row = it.next().unwrap();
                assert_eq!(row["municipality"], muni.code);
                assert_eq!(row["from_segment"], case.segments[t.from].id);
                assert_eq!(row["to_segment"], case.segments[t.to].id);
                assert_eq!(row["period_end"], period.end.to_string());
                transformations[m][k][p] = [
                    num(row, "dwellings_in"),
                    num(row, "dwellings_out"),
                    num(row, "cost_eur"),
                ];
            }
        }
    }
    let funders = case.funders.names.len();
    let mut budget_header = vec!["region"];
    if case.funders.active() {
        budget_header.push("funder");
    }
    budget_header.extend([
        "period_start",
        "period_end",
        "budget_eur",
        "spent_eur",
        "shadow_price_per_meur",
    ]);
    let budget_rows = rows(&dir.join("budget.csv"), &budget_header);
    let per_region = if case.funders.active() { funders } else { 1 };
    assert_eq!(
        budget_rows.len(),
        case.regions.len() * per_region * np,
        "budget.csv rows"
    );
    // With funders: per funder, and the region's figures summed (budget, spent) or the
    // largest (shadow price) over its funders.
    let mut funder_budget = vec![vec![vec![[0.0; 3]; np]; funders]; case.regions.len()];
    let mut budget = vec![vec![[0.0; 3]; np]; case.regions.len()];
    let mut it = budget_rows.iter();
    for (r, region) in case.regions.iter().enumerate() {
        for g in 0..per_region {
            for (p, period) in case.periods.iter().enumerate() {
                let row = it.next().unwrap();
                assert_eq!(&row["region"], region);
                if case.funders.active() {
                    assert_eq!(row["funder"], case.funders.names[g]);
                }
                assert_eq!(row["period_end"], period.end.to_string());
                let values = [
                    num(row, "budget_eur"),
                    num(row, "spent_eur"),
                    num(row, "shadow_price_per_meur"),
                ];
                if case.funders.active() {
                    funder_budget[r][g][p] = values;
                    budget[r][p][0] += values[0];
                    budget[r][p][1] += values[1];
                    budget[r][p][2] = f64::max(budget[r][p][2], values[2]);
                } else {
                    budget[r][p] = values;
                }
            }
        }
    }
    let funding = if case.funders.active() {
        rows(
            &dir.join("funding.csv"),
            &[
                "region",
                "funder",
                "municipality",
                "period_start",
                "period_end",
                "action",
                "segment",
                "paid_eur",
                "received_eur",
            ],
        )
        .iter()
        .map(|row| {
            let m = case
                .municipalities
                .iter()
                .position(|x| x.code == row["municipality"])
                .expect("a municipality of the case");
            assert_eq!(row["region"], case.regions[case.municipalities[m].region]);
            let g = case
                .funders
                .index(&row["funder"])
                .expect("a funder of the case");
            let p = case
                .periods
                .iter()
                .position(|x| x.end.to_string() == row["period_end"])
                .expect("a period of the case");
            assert_eq!(row["period_start"], case.periods[p].start.to_string());
            let action = restock::case::FundedAction::parse(&row["action"]).expect("an action");
            let s = case
                .segments
                .iter()
                .position(|x| x.id == row["segment"])
                .expect("a segment of the case");
            FundingLine {
                municipality: m,
                funder: g,
                period: p,
                action,
                segment: s,
                paid_eur: num(row, "paid_eur"),
                received_eur: num(row, "received_eur"),
            }
        })
        .collect()
    } else {
        assert!(
            !dir.join("funding.csv").exists(),
            "no funding.csv without funders"
        );
        Vec::new()
    };
    let balance_cols = [
        "households",
        "demand",
        "stock_do_nothing",
        "stock_plan",
        "surplus_do_nothing",
        "surplus_plan",
        "shortage_do_nothing",
        "shortage_plan",
    ];
    let mut header = vec!["municipality", "segment", "year"];
    header.extend(balance_cols);
    let balance = rows(&dir.join("balance.csv"), &header)
        .iter()
        .map(|row| {
            let key = (
                row["municipality"].clone(),
                row["segment"].clone(),
                row["year"].parse().unwrap(),
            );
            let mut values = [0.0; 8];
            for (v, col) in values.iter_mut().zip(balance_cols) {
                *v = num(row, col);
            }
            (key, values)
        })
        .collect();
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap())
            .expect("summary.json parses");
    Outputs {
        plan,
        transformations,
        budget,
        funder_budget,
        funding,
        balance,
        summary,
    }
}

impl Outputs {
    /// A number of summary.json.
    pub fn summary_num(&self, key: &str) -> f64 {
        self.summary[key]
            .as_f64()
            .unwrap_or_else(|| panic!("summary.json {key} is not a number"))
    }
}

// ---------------------------------------------------------------------------------
// The checks.

/// Tolerance for dwellings: the files round to 6 decimals and the solvers meet rows
/// within about 1e-7 (scaled).
pub fn dwellings_tol(scale: f64) -> f64 {
    1e-6 * scale.abs() + 1e-5
}

/// Tolerance for euros: money enters the LP in millions of euros, whose rows the
/// solvers meet within about 1e-7 M€ (0.1 €); 1 € absolute leaves room for that.
pub fn euros_tol(scale: f64) -> f64 {
    1e-6 * scale.abs() + 1.0
}

/// Tolerance for the mismatch (weighted dwelling-years): rounded stock at 6 decimals,
/// times weights and period lengths.
pub fn mismatch_tol(scale: f64) -> f64 {
    1e-6 * scale.abs() + 1e-3
}

/// The convex tier penalty Σ_j μ_j · sur_j of `surplus` against `demand` (before w_u),
/// written independently of restock's own metrics.
pub fn tier_penalty(tiers: &[SurplusTier], surplus: f64, demand: f64) -> f64 {
    let mut penalty = 0.0;
    let mut lower = 0.0;
    for tier in tiers {
        let upper = if tier.upper_share.is_infinite() {
            f64::INFINITY
        } else {
            tier.upper_share * demand
        };
        let part = (surplus.min(upper) - lower).max(0.0);
        penalty += tier.multiplier * part;
        lower = upper;
    }
    penalty
}

/// The stock of municipality m, segment s at time index t (0 = base year) per the
/// re-read plan.
fn stock_at(case: &Case, out: &Outputs, m: usize, s: usize, t: usize) -> f64 {
    if t == 0 {
        case.stock0[m][s]
    } else {
        out.plan[m][s][t - 1][4]
    }
}

/// κ[m] of spec §5 (v2), written independently of restock's own `Case` methods:
/// (Σ_s S0 − V0) / H at the base year where `vacant_dwellings` is given, else 1.
pub fn kappa(case: &Case, m: usize) -> f64 {
    match case.municipalities[m].vacant_dwellings {
        Some(v0) => (case.stock0[m].iter().sum::<f64>() - v0) / case.households[m][0],
        None => 1.0,
    }
}

/// Z1 of a stock trajectory given as `stock(m, s, t)`.
pub fn mismatch_of(case: &Case, stock: impl Fn(usize, usize, usize) -> f64) -> f64 {
    let st = &case.settings;
    let mut z = 0.0;
    for m in 0..case.municipalities.len() {
        for (p, period) in case.periods.iter().enumerate() {
            let t = p + 1;
            let h = kappa(case, m) * case.households[m][t];
            let pairs: Vec<(f64, f64)> = match &case.demand_shares {
                None => vec![(
                    (0..case.segments.len()).map(|s| stock(m, s, t)).sum(),
                    (1.0 + st.friction_vacancy) * h,
                )],
                Some(shares) => (0..case.segments.len())
                    .map(|s| {
                        (
                            stock(m, s, t),
                            (1.0 + st.friction_vacancy) * shares[m][t][s] * h,
                        )
                    })
                    .collect(),
            };
            for (stock, demand) in pairs {
                let surplus = (stock - demand).max(0.0);
                let shortage = (demand - stock).max(0.0);
                z += period.years()
                    * (st.weight_surplus * tier_penalty(&st.surplus_tiers, surplus, demand)
                        + st.weight_shortage * shortage);
            }
        }
    }
    z
}

/// The re-read plan's mismatch.
pub fn plan_mismatch(case: &Case, out: &Outputs) -> f64 {
    mismatch_of(case, |m, s, t| stock_at(case, out, m, s, t))
}

/// The do-nothing mismatch.
pub fn do_nothing_mismatch(case: &Case) -> f64 {
    mismatch_of(case, |m, s, _| case.stock0[m][s])
}

/// (gross, net) cost in euros of the re-read plan: demolition and new build from
/// plan.csv at the case's costs, transformations from transformations.csv's input
/// dwellings at |c_k| (gross) and its own cost_eur column (net). Also returns the net
/// spending per region and period.
pub fn costs(case: &Case, out: &Outputs) -> (f64, f64, Vec<Vec<f64>>) {
    let np = case.periods.len();
    let mut gross = 0.0;
    let mut net = 0.0;
    let mut spend = vec![vec![0.0; np]; case.regions.len()];
    for (m, muni) in case.municipalities.iter().enumerate() {
        for p in 0..np {
            let mut here = 0.0;
            for s in 0..case.segments.len() {
                let [dem, new, ..] = out.plan[m][s][p];
                if let Some(c) = case.costs[m][s] {
                    let eur = c.demolish_eur * dem + c.new_build_eur.unwrap_or(0.0) * new;
                    gross += eur;
                    here += eur;
                }
            }
            for (k, t) in case.transformations.iter().enumerate() {
                let [input, _, cost] = out.transformations[m][k][p];
                gross += t.cost_eur.abs() * input;
                here += cost;
            }
            net += here;
            spend[muni.region][p] += here;
        }
    }
    (gross, net, spend)
}

/// Checks every constraint of spec §5 (C1–C6), the consistency of the files with each
/// other, and the cost and mismatch identities with summary.json. Panics with a
/// description of the first violation.
pub fn check_plan_files(case: &Case, out: &Outputs) {
    let st = &case.settings;
    let (nm, ns, np) = (
        case.municipalities.len(),
        case.segments.len(),
        case.periods.len(),
    );
    for m in 0..nm {
        let code = &case.municipalities[m].code;
        let total0: f64 = case.stock0[m].iter().sum();
        for (p, period) in case.periods.iter().enumerate() {
            let years = period.years();
            let mut built = 0.0;
            for s in 0..ns {
                let [dem, new, tout, tin, stock] = out.plan[m][s][p];
                let here = format!("{code} s{s} period {}", period.end);
                for (x, what) in [(dem, "demolish"), (new, "new_build"), (stock, "stock_end")] {
                    assert!(x >= -dwellings_tol(0.0), "{here}: {what} = {x} < 0");
                }
                // transform_out / transform_in agree with transformations.csv.
                let (mut out_k, mut in_k) = (0.0, 0.0);
                for (k, t) in case.transformations.iter().enumerate() {
                    let [input, output, cost] = out.transformations[m][k][p];
                    assert!(input >= -dwellings_tol(0.0), "{here}: tr{k} = {input}");
                    assert!(
                        (output - t.yield_per_dwelling * input).abs() <= dwellings_tol(output),
                        "{here}: tr{k} out {output} ≠ yield × in {input}"
                    );
                    assert!(
                        (cost - t.cost_eur * input).abs() <= euros_tol(cost),
                        "{here}: tr{k} cost {cost} ≠ c_k × in"
                    );
                    if t.from == s {
                        out_k += input;
                    }
                    if t.to == s {
                        in_k += output;
                    }
                }
                assert!(
                    (tout - out_k).abs() <= dwellings_tol(tout),
                    "{here}: transform_out {tout} ≠ Σ {out_k}"
                );
                assert!(
                    (tin - in_k).abs() <= dwellings_tol(tin),
                    "{here}: transform_in {tin} ≠ Σ {in_k}"
                );
                // Where there is no cost row, nothing is demolished or built; where
                // there is no new-build cost, nothing is built.
                let costs = case.costs[m][s];
                if costs.is_none() {
                    assert!(
                        dem.abs() <= dwellings_tol(0.0),
                        "{here}: demolished {dem} without cost row"
                    );
                }
                if costs.and_then(|c| c.new_build_eur).is_none() {
                    assert!(
                        new.abs() <= dwellings_tol(0.0),
                        "{here}: built {new} without new-build cost"
                    );
                }
                let before = stock_at(case, out, m, s, p);
                // C1 stock balance.
                let expected = before - dem - tout + tin + new;
                assert!(
                    (stock - expected).abs() <= dwellings_tol(before + tin + new),
                    "{here}: C1 stock {stock} ≠ {before} − {dem} − {tout} + {tin} + {new}"
                );
                // C2 removal capacity.
                let cap = st.max_removal_share_per_year * years * case.stock0[m][s];
                assert!(
                    dem + tout <= cap + dwellings_tol(cap),
                    "{here}: C2 removed {} > {cap}",
                    dem + tout
                );
                // C3 removal from existing stock.
                assert!(
                    dem + tout <= before + dwellings_tol(before),
                    "{here}: C3 removed {} > stock {before}",
                    dem + tout
                );
                built += new;
            }
            // C4 new-build capacity.
            let cap = st.max_new_build_share_per_year * years * total0;
            assert!(
                built <= cap + dwellings_tol(cap),
                "{code} period {}: C4 built {built} > {cap}",
                period.end
            );
        }
    }

    // C5 is the definition of surplus and shortage: check balance.csv's fit against
    // the re-read stock and the case's demand.
    let year = |t: usize| {
        if t == 0 {
            st.base_year
        } else {
            case.periods[t - 1].end
        }
    };
    for (m, muni) in case.municipalities.iter().enumerate() {
        for t in 0..=np {
            let h = case.households[m][t];
            let demand_total = (1.0 + st.friction_vacancy) * kappa(case, m) * h;
            let check = |segment: String, stock: f64, demand: f64| {
                let key = (muni.code.clone(), segment.clone(), year(t));
                let row = out
                    .balance
                    .get(&key)
                    .unwrap_or_else(|| panic!("balance.csv has no row {key:?}"));
                let [hh, d, _, s_plan, _, sur, _, sho] = *row;
                let here = format!("balance.csv {key:?}");
                assert!(
                    (hh - h).abs() <= dwellings_tol(h),
                    "{here}: households {hh} ≠ {h}"
                );
                assert!(
                    (d - demand).abs() <= dwellings_tol(demand),
                    "{here}: demand {d} ≠ {demand}"
                );
                assert!(
                    (s_plan - stock).abs() <= dwellings_tol(stock),
                    "{here}: stock {s_plan} ≠ {stock}"
                );
                // C5: stock − sur + sho = D with sur, sho ≥ 0 and not both positive.
                assert!(
                    (s_plan - sur + sho - d).abs() <= dwellings_tol(d + s_plan),
                    "{here}: C5 {s_plan} − {sur} + {sho} ≠ {d}"
                );
                assert!(
                    sur >= 0.0 && sho >= 0.0 && sur.min(sho) == 0.0,
                    "{here}: {sur} / {sho}"
                );
            };
            match &case.demand_shares {
                None => {
                    let stock: f64 = (0..ns).map(|s| stock_at(case, out, m, s, t)).sum();
                    check("*".into(), stock, demand_total);
                }
                Some(shares) => {
                    for s in 0..ns {
                        check(
                            case.segments[s].id.clone(),
                            stock_at(case, out, m, s, t),
                            demand_total * shares[m][t][s],
                        );
                    }
                }
            }
        }
    }

    // C6 budget, from the re-read quantities and the case's costs.
    let (gross, net, spend) = costs(case, out);
    for (r, region) in case.regions.iter().enumerate() {
        let (mut spent_sum, mut budget_sum) = (0.0, 0.0);
        for p in 0..np {
            let [budget, spent_file, _] = out.budget[r][p];
            let spent = spend[r][p];
            let here = format!("region {region} period {}", case.periods[p].end);
            assert!(
                (budget - case.budget_eur[r][p]).abs() <= euros_tol(budget),
                "{here}: budget.csv budget {budget} ≠ {}",
                case.budget_eur[r][p]
            );
            assert!(
                (spent_file - spent).abs() <= euros_tol(spent),
                "{here}: budget.csv spent {spent_file} ≠ recomputed {spent}"
            );
            spent_sum += spent;
            budget_sum += budget;
            if st.budget_carry_over {
                assert!(
                    spent_sum <= budget_sum + euros_tol(budget_sum),
                    "{here}: C6 (carry-over) spent {spent_sum} > {budget_sum}"
                );
            } else {
                assert!(
                    spent <= budget + euros_tol(budget),
                    "{here}: C6 spent {spent} > budget {budget}"
                );
            }
        }
    }

    // Cost identities with summary.json.
    let gross_summary = out.summary_num("gross_cost_eur");
    let net_summary = out.summary_num("net_cost_eur");
    assert!(
        (gross - gross_summary).abs() <= euros_tol(gross),
        "gross cost: files {gross} ≠ summary.json {gross_summary}"
    );
    assert!(
        (net - net_summary).abs() <= euros_tol(gross),
        "net cost: files {net} ≠ summary.json {net_summary}"
    );

    // Mismatch identities.
    let z = plan_mismatch(case, out);
    let z_summary = out.summary_num("mismatch");
    let z_nothing = do_nothing_mismatch(case);
    let z_nothing_summary = out.summary_num("mismatch_do_nothing");
    let z_stage1 = out.summary_num("mismatch_stage1");
    assert!(
        (z - z_summary).abs() <= mismatch_tol(z),
        "mismatch: files {z} ≠ summary.json {z_summary}"
    );
    assert!(
        (z_nothing - z_nothing_summary).abs() <= mismatch_tol(z_nothing),
        "do-nothing mismatch: {z_nothing} ≠ summary.json {z_nothing_summary}"
    );
    // Stage 2 keeps Z1 ≤ Z1* · (1 + 1e-7) + 1e-6.
    assert!(
        z <= z_stage1 * (1.0 + 1e-7) + 1e-6 + mismatch_tol(z),
        "plan mismatch {z} above the stage-1 optimum {z_stage1}"
    );
    assert!(
        z <= z_nothing + mismatch_tol(z_nothing),
        "plan mismatch {z} above do-nothing {z_nothing}"
    );
}

/// Whether every action of the re-read plan is a whole number of dwellings.
pub fn check_integral(case: &Case, out: &Outputs) {
    let whole = |x: f64, what: &str| {
        assert!(x == x.round(), "{what} = {x} is not whole");
    };
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for s in 0..case.segments.len() {
                whole(out.plan[m][s][p][0], "demolish");
                whole(out.plan[m][s][p][1], "new_build");
            }
            for k in 0..case.transformations.len() {
                whole(out.transformations[m][k][p][0], "dwellings_in");
            }
        }
    }
}

/// C7 and C6f (spec v2) re-checked from the files alone: funding.csv against plan.csv and
/// transformations.csv (every cost item paid in full, no funder above its share, the
/// proceeds of every sale to its funder), and budget.csv against funding.csv (each
/// funder's spending is its payments minus its proceeds, within its budget, cumulatively
/// with carry-over). Does nothing for a case without funders.
pub fn check_funding_files(case: &Case, out: &Outputs) {
    use restock::case::FundedAction;
    if !case.funders.active() {
        return;
    }
    let (nm, np, ng) = (
        case.municipalities.len(),
        case.periods.len(),
        case.funders.names.len(),
    );
    let kinds = [
        FundedAction::Demolish,
        FundedAction::NewBuild,
        FundedAction::Transform,
    ];
    let kind_index = |a: FundedAction| kinds.iter().position(|&k| k == a).unwrap();
    let ns = case.segments.len();
    // paid[m][p][g][kind][s], received likewise (transform only).
    let mut paid = vec![vec![vec![vec![vec![0.0; ns]; 3]; ng]; np]; nm];
    let mut received = paid.clone();
    let mut keys = std::collections::BTreeSet::new();
    for line in &out.funding {
        let (m, p, g, a, s) = (
            line.municipality,
            line.period,
            line.funder,
            kind_index(line.action),
            line.segment,
        );
        assert!(keys.insert((m, p, g, a, s)), "funding.csv: {line:?} twice");
        assert!(
            line.paid_eur != 0.0 || line.received_eur != 0.0,
            "funding.csv: a row of zeros {line:?}"
        );
        assert!(line.paid_eur >= 0.0 && line.received_eur >= 0.0, "{line:?}");
        paid[m][p][g][a][s] += line.paid_eur;
        received[m][p][g][a][s] += line.received_eur;
    }
    for m in 0..nm {
        for p in 0..np {
            // Amounts of the cost items per kind and segment, and the sales' proceeds
            // per receiver and segment, from plan.csv and transformations.csv.
            let mut amount = vec![vec![0.0; ns]; 3];
            let mut proceeds = vec![vec![0.0; ns]; ng];
            for s in 0..ns {
                if let Some(c) = case.costs[m][s] {
                    if c.demolish_eur > 0.0 {
                        amount[0][s] += c.demolish_eur * out.plan[m][s][p][0];
                    }
                    if let Some(eur) = c.new_build_eur.filter(|&e| e > 0.0) {
                        amount[1][s] += eur * out.plan[m][s][p][1];
                    }
                }
            }
            for (k, t) in case.transformations.iter().enumerate() {
                let input = out.transformations[m][k][p][0];
                if t.cost_eur > 0.0 {
                    amount[2][t.from] += t.cost_eur * input;
                } else if t.cost_eur < 0.0 {
                    proceeds[case.funders.sale_receiver[k]][t.from] += -t.cost_eur * input;
                }
            }
            for (a, &kind) in kinds.iter().enumerate() {
                for s in 0..ns {
                    let here = format!(
                        "{} period {} {} {}",
                        case.municipalities[m].code,
                        case.periods[p].end,
                        kind.as_str(),
                        case.segments[s].id
                    );
                    let total = amount[a][s];
                    let tol = euros_tol(total);
                    let sum: f64 = (0..ng).map(|g| paid[m][p][g][a][s]).sum();
                    assert!(
                        (sum - total).abs() <= tol,
                        "{here}: C7 paid {sum}, the items cost {total}"
                    );
                    for g in 0..ng {
                        let share = case.funders.share(g, kind, s);
                        assert!(
                            paid[m][p][g][a][s] <= share * total + tol,
                            "{here}: C7 funder '{}' paid {} > {share} × {total}",
                            case.funders.names[g],
                            paid[m][p][g][a][s]
                        );
                        let expected = if a == 2 { proceeds[g][s] } else { 0.0 };
                        assert!(
                            (received[m][p][g][a][s] - expected).abs() <= euros_tol(expected),
                            "{here}: funder '{}' received {}, the sales bring {expected}",
                            case.funders.names[g],
                            received[m][p][g][a][s]
                        );
                    }
                }
            }
        }
    }
    // C6f from budget.csv, and budget.csv's spending from funding.csv.
    for (r, region) in case.regions.iter().enumerate() {
        for g in 0..ng {
            let (mut spent_sum, mut budget_sum) = (0.0, 0.0);
            for p in 0..np {
                let [budget, spent_file, price] = out.funder_budget[r][g][p];
                let here = format!(
                    "region {region} funder '{}' period {}",
                    case.funders.names[g], case.periods[p].end
                );
                let want = case.funders.budget_eur[r][g][p];
                assert!(
                    (budget - want).abs() <= euros_tol(want),
                    "{here}: budget.csv budget {budget} ≠ {want}"
                );
                let mut spent = 0.0;
                let mut scale = 0.0;
                for m in (0..nm).filter(|&m| case.municipalities[m].region == r) {
                    for a in 0..3 {
                        for s in 0..ns {
                            spent += paid[m][p][g][a][s] - received[m][p][g][a][s];
                            scale += paid[m][p][g][a][s] + received[m][p][g][a][s];
                        }
                    }
                }
                assert!(
                    (spent_file - spent).abs() <= euros_tol(scale),
                    "{here}: budget.csv spent {spent_file} ≠ funding.csv's {spent}"
                );
                assert!(price >= 0.0, "{here}: shadow price {price} < 0");
                if !case.settings.budget_carry_over {
                    spent_sum = 0.0;
                    budget_sum = 0.0;
                }
                spent_sum += spent;
                budget_sum += budget;
                assert!(
                    spent_sum <= budget_sum + euros_tol(budget_sum.max(scale)),
                    "{here}: C6f spent {spent_sum} > budget {budget_sum}"
                );
            }
        }
    }
}
