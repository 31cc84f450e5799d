//! Synthetic cases for benchmarks and tests, and the writer that turns any [`Case`] back
//! into a case folder.
//!
//! [`synthetic_case`] draws a case with realistic orders of magnitude: municipalities of
//! about 1,500 to 400,000 dwellings (log-normal), tenure mixes around the Dutch ones,
//! households that change between −1.5 % and +0.5 % a year, costs in the ranges of the
//! shipped cases, and regions of 10 to 100 municipalities with budgets of €30–€80 per
//! dwelling a year. The random numbers come from a fixed SplitMix64 generator, so a seed
//! gives the same bytes on every machine and with every crate version.

use std::fmt::Write as _;
use std::path::Path;

use crate::case::{
    Case, Mode, Municipality, Period, Segment, SegmentCosts, Settings, Transformation,
};
use crate::numfmt::fmt_num;
use crate::outdir::write_dir_atomically;
use crate::{Error, Result};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of municipalities (≥ 1).
    pub municipalities: usize,
    /// Seed of the random numbers.
    pub seed: u64,
    /// Number of segments (1–8).
    pub segments: usize,
    /// Number of plan periods (1–26), evenly spread over 2025–2050.
    pub periods: usize,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            municipalities: 40,
            seed: 1,
            segments: 3,
            periods: 3,
        }
    }
}

/// SplitMix64: tiny, fast, and fixed forever (unlike the generators of the `rand` crate,
/// whose streams may change between versions).
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

const SEGMENT_IDS: [&str; 8] = [
    "koop",
    "huur_corporatie",
    "huur_particulier",
    "nultreden",
    "studenten",
    "vrije_sector",
    "zorg",
    "overig",
];

/// Checks the options; errors are usage errors (exit code 2).
fn check(options: &GenerateOptions) -> Result<()> {
    let problem = if options.municipalities == 0 || options.municipalities > 1_000_000 {
        Some("--municipalities must be between 1 and 1,000,000")
    } else if !(1..=SEGMENT_IDS.len()).contains(&options.segments) {
        Some("--segments must be between 1 and 8")
    } else if !(1..=26).contains(&options.periods) {
        Some("--periods must be between 1 and 26")
    } else {
        None
    };
    match problem {
        Some(p) => Err(Error::Usage(p.to_string())),
        None => Ok(()),
    }
}

/// Draws a synthetic case.
pub fn synthetic_case(options: &GenerateOptions) -> Result<Case> {
    check(options)?;
    let mut rng = Rng(options.seed);
    let base_year = 2024;
    let milestones: Vec<i32> = (1..=options.periods)
        .map(|p| base_year + ((26 * p) as f64 / options.periods as f64).round() as i32)
        .collect();
    let periods: Vec<Period> = milestones
        .iter()
        .scan(base_year, |prev, &end| {
            let period = Period {
                start: *prev + 1,
                end,
            };
            *prev = end;
            Some(period)
        })
        .collect();
    let k = options.segments;
    let segments: Vec<Segment> = SEGMENT_IDS[..k]
        .iter()
        .map(|id| Segment {
            id: id.to_string(),
            label: id.replace('_', " "),
            tenure: None,
            dwelling_type: None,
        })
        .collect();

    // Regions of 10–100 municipalities, in order.
    let mut regions = Vec::new();
    let mut region_of = Vec::with_capacity(options.municipalities);
    while region_of.len() < options.municipalities {
        let size = 10 + (rng.unit() * 91.0) as usize;
        let r = regions.len();
        regions.push(format!("Regio {:05}", r + 1));
        for _ in 0..size.min(options.municipalities - region_of.len()) {
            region_of.push(r);
        }
    }

    let mut municipalities = Vec::new();
    let mut stock0 = Vec::new();
    let mut households = Vec::new();
    let mut shares = Vec::new();
    let mut costs = Vec::new();
    let mut region_dwellings = vec![0.0; regions.len()];
    for (i, &r) in region_of.iter().enumerate() {
        municipalities.push(Municipality {
            code: format!("GS{:06}", i + 1),
            name: format!("Gemeente {}", i + 1),
            region: r,
            vacant_dwellings: None,
        });
        let total = (9.5 + 0.9 * rng.normal())
            .exp()
            .clamp(1_500.0, 400_000.0)
            .round();
        let mut weights: Vec<f64> = (0..k)
            .map(|s| match s {
                0 => rng.uniform(0.45, 0.70),
                1 => rng.uniform(0.15, 0.40),
                _ => rng.uniform(0.02, 0.15),
            })
            .collect();
        let sum: f64 = weights.iter().sum();
        weights.iter_mut().for_each(|w| *w /= sum);
        let stock: Vec<f64> = weights.iter().map(|w| (w * total).round()).collect();
        region_dwellings[r] += stock.iter().sum::<f64>();
        let h0 = (stock.iter().sum::<f64>() / rng.uniform(1.02, 1.08)).round();
        let rate = rng.uniform(-0.015, 0.005);
        let mut h = vec![h0];
        for &y in &milestones {
            h.push((h0 * (1.0 + rate).powi(y - base_year) * 10.0).round() / 10.0);
        }
        households.push(h);
        // Demand follows today's mix, drifting towards the later segments (older people).
        let drift = rng.uniform(0.0, 0.05);
        let mix: Vec<Vec<f64>> = (0..=options.periods)
            .map(|t| {
                let step = drift * t as f64 / options.periods as f64;
                let mut w: Vec<f64> = weights
                    .iter()
                    .enumerate()
                    .map(|(s, w)| {
                        if s == 0 {
                            (w - step).max(0.01)
                        } else {
                            *w + step / k as f64
                        }
                    })
                    .collect();
                let sum: f64 = w.iter().sum();
                w.iter_mut()
                    .for_each(|x| *x = (*x / sum * 1e4).round() / 1e4);
                // Make the rounded shares sum to exactly 1 on the largest one.
                let rest = 1.0 - w.iter().sum::<f64>();
                let (big, _) =
                    w.iter().enumerate().fold(
                        (0, f64::MIN),
                        |acc, (i, &x)| if x > acc.1 { (i, x) } else { acc },
                    );
                w[big] = ((w[big] + rest) * 1e4).round() / 1e4;
                w
            })
            .collect();
        shares.push(mix);
        let woz = rng.uniform(150_000.0, 350_000.0).round();
        costs.push(
            (0..k)
                .map(|s| {
                    Some(SegmentCosts {
                        demolish_eur: if s == 1 { 35_000.0 } else { woz + 35_000.0 },
                        new_build_eur: Some(if s == 1 { 187_000.0 } else { 230_000.0 }),
                    })
                })
                .collect(),
        );
        stock0.push(stock);
    }
    let budget_eur = region_dwellings
        .iter()
        .map(|dwellings| {
            let per_dwelling_year = rng.uniform(30.0, 80.0);
            periods
                .iter()
                .map(|p| (dwellings * per_dwelling_year / 1000.0).round() * 1000.0 * p.years())
                .collect()
        })
        .collect();
    let transformations = if k >= 2 {
        vec![
            Transformation {
                from: 1,
                to: 1,
                cost_eur: 25_000.0,
                yield_per_dwelling: 0.5,
                label: "samenvoegen".into(),
            },
            Transformation {
                from: 1,
                to: 0,
                cost_eur: -60_000.0,
                yield_per_dwelling: 1.0,
                label: "verkoop".into(),
            },
        ]
    } else {
        Vec::new()
    };
    Ok(Case {
        name: format!("synthetic-{}-{}", options.municipalities, options.seed),
        settings: Settings {
            budget_carry_over: true,
            robust: None,
            ..Settings::with_defaults(base_year, milestones)
        },
        municipalities,
        regions,
        segments,
        transformations,
        periods,
        mode: Mode::Segment,
        stock0,
        households,
        demand_shares: Some(shares),
        costs,
        budget_eur,
        funders: crate::case::Funders::default(),
        inputs_sha256: String::new(),
        warnings: Vec::new(),
    })
}

fn csv_line(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(","));
    out.push('\n');
}

/// The files of a case folder that [`crate::input::read_case`] reads back as the same
/// case (budgets are written in the last year of each period). Names and labels must
/// not contain commas or quotes.
pub fn case_files(case: &Case) -> Vec<(&'static str, String)> {
    let years = case.balance_years();
    // vacant_dwellings (spec v2) only when some municipality has it, so that a v1 case
    // writes the v1 file.
    let vacancy = case.vacancy_calibrated();
    let mut municipalities = String::from(if vacancy {
        "code,name,region,vacant_dwellings\n"
    } else {
        "code,name,region\n"
    });
    for m in &case.municipalities {
        let mut cells = vec![
            m.code.clone(),
            m.name.clone(),
            case.regions[m.region].clone(),
        ];
        if vacancy {
            cells.push(m.vacant_dwellings.map(fmt_num).unwrap_or_default());
        }
        csv_line(&mut municipalities, &cells);
    }
    let mut segments = String::from("segment,label\n");
    for s in &case.segments {
        csv_line(&mut segments, &[s.id.clone(), s.label.clone()]);
    }
    let mut stock = String::from("municipality,segment,dwellings\n");
    let mut households = String::from("municipality,year,households\n");
    let mut costs = String::from("segment,demolish_eur,new_build_eur,municipality\n");
    let mut shares = String::from("segment,share,municipality,year\n");
    for (m, muni) in case.municipalities.iter().enumerate() {
        for (s, seg) in case.segments.iter().enumerate() {
            csv_line(
                &mut stock,
                &[
                    muni.code.clone(),
                    seg.id.clone(),
                    fmt_num(case.stock0[m][s]),
                ],
            );
            if let Some(c) = case.costs[m][s] {
                let new = c.new_build_eur.map(fmt_num).unwrap_or_default();
                csv_line(
                    &mut costs,
                    &[
                        seg.id.clone(),
                        fmt_num(c.demolish_eur),
                        new,
                        muni.code.clone(),
                    ],
                );
            }
        }
        for (t, year) in years.iter().enumerate() {
            csv_line(
                &mut households,
                &[
                    muni.code.clone(),
                    year.to_string(),
                    fmt_num(case.households[m][t]),
                ],
            );
            if let Some(all) = &case.demand_shares {
                for (s, seg) in case.segments.iter().enumerate() {
                    csv_line(
                        &mut shares,
                        &[
                            seg.id.clone(),
                            fmt_num(all[m][t][s]),
                            muni.code.clone(),
                            year.to_string(),
                        ],
                    );
                }
            }
        }
    }
    let mut transformations = String::from("from_segment,to_segment,cost_eur,yield,label\n");
    for t in &case.transformations {
        csv_line(
            &mut transformations,
            &[
                case.segments[t.from].id.clone(),
                case.segments[t.to].id.clone(),
                fmt_num(t.cost_eur),
                fmt_num(t.yield_per_dwelling),
                t.label.clone(),
            ],
        );
    }
    let mut budgets = String::from("region,year,budget_eur\n");
    for (r, region) in case.regions.iter().enumerate() {
        for (p, period) in case.periods.iter().enumerate() {
            csv_line(
                &mut budgets,
                &[
                    region.clone(),
                    period.end.to_string(),
                    fmt_num(case.budget_eur[r][p]),
                ],
            );
        }
    }
    let st = &case.settings;
    let mut settings = String::new();
    let tiers: Vec<String> = st
        .surplus_tiers
        .iter()
        .map(|t| {
            let bound = if t.upper_share.is_infinite() {
                "inf".to_string()
            } else {
                fmt_num(t.upper_share)
            };
            format!("[{bound}, {}]", fmt_num(t.multiplier))
        })
        .collect();
    let milestones: Vec<String> = st.milestones.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(settings, "base_year = {}", st.base_year);
    let _ = writeln!(settings, "milestones = [{}]", milestones.join(", "));
    let _ = writeln!(
        settings,
        "friction_vacancy = {}",
        fmt_num(st.friction_vacancy)
    );
    let _ = writeln!(
        settings,
        "max_removal_share_per_year = {}",
        fmt_num(st.max_removal_share_per_year)
    );
    let _ = writeln!(
        settings,
        "max_new_build_share_per_year = {}",
        fmt_num(st.max_new_build_share_per_year)
    );
    let _ = writeln!(settings, "weight_surplus = {}", fmt_num(st.weight_surplus));
    let _ = writeln!(settings, "surplus_tiers = [{}]", tiers.join(", "));
    let _ = writeln!(
        settings,
        "weight_shortage = {}",
        fmt_num(st.weight_shortage)
    );
    let _ = writeln!(settings, "budget_carry_over = {}", st.budget_carry_over);
    let mut files = vec![
        ("municipalities.csv", municipalities),
        ("segments.csv", segments),
        ("stock.csv", stock),
        ("households.csv", households),
        ("costs.csv", costs),
        ("budgets.csv", budgets),
        ("settings.toml", settings),
    ];
    if !case.transformations.is_empty() {
        files.push(("transformations.csv", transformations));
    }
    if case.demand_shares.is_some() {
        files.push(("demand_shares.csv", shares));
    }
    files
}

/// Writes the case as a case folder at `dir`, atomically.
pub fn write_case(case: &Case, dir: &Path) -> Result<()> {
    write_dir_atomically(dir, |tmp| {
        for (name, text) in case_files(case) {
            let path = tmp.join(name);
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    })
}
