//! The conformance vectors read without error and give the values the spec implies.

use std::path::{Path, PathBuf};

use restock::case::{Case, Mode, Period};
use restock::input::{read_case, ReadOptions};

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors")
}

fn read(name: &str) -> Case {
    read_with(name, &ReadOptions::default())
}

fn read_with(name: &str, options: &ReadOptions) -> Case {
    match read_case(&vectors().join(name), options) {
        Ok(case) => case,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn muni(case: &Case, code: &str) -> usize {
    case.municipalities
        .iter()
        .position(|m| m.code == code)
        .unwrap_or_else(|| panic!("no municipality {code}"))
}

fn seg(case: &Case, id: &str) -> usize {
    case.segments
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("no segment {id}"))
}

#[test]
fn every_vector_reads() {
    let mut count = 0;
    for entry in std::fs::read_dir(vectors()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let case = read_case(&path, &ReadOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(case.name, path.file_name().unwrap().to_string_lossy());
            assert_eq!(case.inputs_sha256.len(), 64);
            assert_eq!(case.households.len(), case.municipalities.len());
            for h in &case.households {
                assert_eq!(h.len(), case.periods.len() + 1);
            }
            count += 1;
        }
    }
    // 11 v1/v2 plan vectors and the 3 robust ones (robust-expected, robust-regret,
    // robust-weights).
    assert_eq!(count, 14);
}

/// Spec v2 funders: G sorted with the common funder first, the rules in file order with
/// their shares, the sale's receiver, and each funder's budget per period (funders:
/// 2025–2040 and 2041–2045; every budget there is 0, so the sums are checked on
/// funders-carry, whose Regio B rows are ignored: its municipalities are all in Regio A).
#[test]
fn funders_values() {
    use restock::case::FundedAction;
    let case = read("funders");
    assert_eq!(case.funders.names, ["", "Rijk", "corporatie", "gemeente"]);
    let rules = case.funders.rules.as_ref().expect("funding.csv");
    assert_eq!(rules.len(), 7);
    let koop = seg(&case, "koop");
    let rijk = &rules[5];
    assert_eq!(
        (rijk.funder, rijk.action, rijk.segment, rijk.max_share),
        (1, FundedAction::Demolish, Some(koop), 0.7)
    );
    assert_eq!(
        (rules[1].action, rules[1].segment),
        (FundedAction::Transform, None)
    );
    assert_eq!(case.funders.sale_receiver, [0, 0, 2]);
    assert_eq!(case.sale_receiver(2), Some(2));
    assert_eq!(case.sale_receiver(0), None, "not a sale");
    // σ: the corporatie has rules and none for new build of koop; the common funder
    // has none at all; the gemeente pays half of new build.
    assert_eq!(case.funders.share(2, FundedAction::NewBuild, koop), 0.0);
    assert_eq!(case.funders.share(0, FundedAction::NewBuild, koop), 1.0);
    assert_eq!(case.funders.share(3, FundedAction::NewBuild, koop), 0.5);
    assert_eq!(case.funders.budget_eur.len(), case.regions.len());
    assert_eq!(case.funders.budget_eur[0].len(), 4);

    let carry = read("funders-carry");
    assert_eq!(carry.regions, ["Regio A"]);
    assert!(carry.funders.budget_eur[0]
        .iter()
        .flatten()
        .all(|&b| b == 0.0));
    assert!(
        carry.warnings.iter().any(|w| w
            .to_string()
            .contains("region 'Regio B' (46 rows, lines 49–94) is not in municipalities.csv")),
        "{:?}",
        carry.warnings
    );
}

#[test]
fn total_small_values() {
    let case = read("total-small");
    assert_eq!(case.mode, Mode::Total);
    assert!(case.demand_shares.is_none());
    let codes: Vec<&str> = case
        .municipalities
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(codes, ["GM9000", "GM9001", "GM9002"]);
    assert_eq!(case.regions, ["Regio A", "Regio B"]);
    assert_eq!(case.municipalities[0].region, 1);
    assert_eq!(case.municipalities[2].region, 0);
    let ids: Vec<&str> = case.segments.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["koop", "huur_corporatie", "huur_overig", "nultreden"]);
    assert_eq!(case.segments[1].label, "huur corporatie");
    assert_eq!(
        case.periods,
        [
            Period {
                start: 2025,
                end: 2040
            },
            Period {
                start: 2041,
                end: 2050
            }
        ]
    );
    assert_eq!(case.balance_years(), [2024, 2040, 2050]);

    // Settings.
    let s = &case.settings;
    assert_eq!(s.base_year, 2024);
    assert_eq!(s.households_variant, "base");
    assert_eq!(s.friction_vacancy, 0.025);
    assert_eq!(s.max_removal_share_per_year, 0.01);
    assert_eq!(s.max_new_build_share_per_year, 0.01);
    assert_eq!(s.weight_shortage, 3.0);
    assert!(!s.budget_carry_over);
    assert_eq!(s.surplus_tiers, restock::case::Settings::default_tiers());

    // Stock; a missing pair is 0.
    let (g0, g1) = (muni(&case, "GM9000"), muni(&case, "GM9001"));
    assert_eq!(case.stock0[g0][seg(&case, "koop")], 20101.0);
    assert_eq!(case.stock0[g0][seg(&case, "nultreden")], 0.0);
    assert_eq!(case.stock0[g1][seg(&case, "nultreden")], 23.0);

    // Households: GM9001's base year comes from the shared row.
    assert_eq!(case.households[g1], [11817.0, 9854.1, 8796.6]);
    assert_eq!(case.households[g0], [33119.9, 34929.5, 36110.4]);

    // Costs: the GM9000 row overrides the general one for huur_corporatie.
    let hc = seg(&case, "huur_corporatie");
    let c = case.costs[g0][hc].unwrap();
    assert_eq!(c.demolish_eur, 45000.0);
    assert_eq!(c.new_build_eur, Some(200000.0));
    let c = case.costs[g1][hc].unwrap();
    assert_eq!(c.demolish_eur, 35000.0);
    assert_eq!(c.new_build_eur, Some(190000.0));
    assert_eq!(
        case.costs[g1][seg(&case, "huur_overig")]
            .unwrap()
            .new_build_eur,
        None
    );

    // Transformations in file order.
    assert_eq!(case.transformations.len(), 3);
    assert_eq!(case.transformations[1].label, "samenvoegen");
    assert_eq!(case.transformations[1].yield_per_dwelling, 0.5);
    assert_eq!(case.transformations[2].cost_eur, -80000.0);
    assert_eq!(case.transformations[2].to, seg(&case, "koop"));

    // Budgets: all zero, per region and period.
    assert_eq!(case.budget_eur, [[0.0, 0.0], [0.0, 0.0]]);
}

#[test]
fn variant_option_overrides_settings() {
    let options = ReadOptions {
        variant: Some("laag".into()),
        ..ReadOptions::default()
    };
    let case = read_with("total-small", &options);
    assert_eq!(case.settings.households_variant, "laag");
    let g1 = muni(&case, "GM9001");
    assert_eq!(case.households[g1], [11817.0, 9235.3, 7916.6]);
}

#[test]
fn settings_overrides_replace_keys() {
    let mut overrides = toml::Table::new();
    overrides.insert(
        "milestones".into(),
        toml::Value::try_from(vec![2030, 2050]).unwrap(),
    );
    overrides.insert("budget_carry_over".into(), toml::Value::Boolean(true));
    let options = ReadOptions {
        settings_overrides: overrides,
        ..ReadOptions::default()
    };
    let case = read_with("total-small", &options);
    assert_eq!(case.settings.milestones, [2030, 2050]);
    assert!(case.settings.budget_carry_over);
    assert_eq!(
        case.households[muni(&case, "GM9000")],
        [33119.9, 33787.3, 36110.4]
    );
}

#[test]
fn dutch_spelling_equals_total_small() {
    let total = read("total-small");
    let dutch = read("dutch-spelling");
    assert_eq!(dutch.name, "dutch-spelling");
    assert_ne!(dutch.inputs_sha256, total.inputs_sha256);
    assert_eq!(dutch.settings, total.settings);
    assert_eq!(dutch.municipalities, total.municipalities);
    assert_eq!(dutch.regions, total.regions);
    assert_eq!(dutch.segments, total.segments);
    assert_eq!(dutch.transformations, total.transformations);
    assert_eq!(dutch.periods, total.periods);
    assert_eq!(dutch.mode, total.mode);
    assert_eq!(dutch.stock0, total.stock0);
    assert_eq!(dutch.households, total.households);
    assert_eq!(dutch.demand_shares, total.demand_shares);
    assert_eq!(dutch.costs, total.costs);
    assert_eq!(dutch.budget_eur, total.budget_eur);
    assert_eq!(dutch.warnings, total.warnings);
    let same = Case {
        name: total.name.clone(),
        inputs_sha256: total.inputs_sha256.clone(),
        ..dutch
    };
    assert_eq!(same, total);
}

#[test]
fn interpolated_milestones_are_linear() {
    // carry-over: milestones 2027, 2032, 2035, 2045 between listed years 2024/2030/2040/2050,
    // variant laag; GM9000's 2024 row is shared.
    let case = read("carry-over");
    assert_eq!(case.settings.milestones, [2027, 2032, 2035, 2045]);
    let g0 = muni(&case, "GM9000");
    let h = &case.households[g0];
    let lin = |y0: f64, v0: f64, y1: f64, v1: f64, y: f64| v0 + (v1 - v0) * (y - y0) / (y1 - y0);
    assert_eq!(h[0], 31942.3);
    assert!((h[1] - lin(2024.0, 31942.3, 2030.0, 30624.3, 2027.0)).abs() < 1e-9);
    assert!((h[1] - 31283.3).abs() < 1e-9);
    assert!((h[2] - lin(2030.0, 30624.3, 2040.0, 28547.4, 2032.0)).abs() < 1e-9);
    assert!((h[3] - lin(2030.0, 30624.3, 2040.0, 28547.4, 2035.0)).abs() < 1e-9);
    assert!((h[4] - lin(2040.0, 28547.4, 2050.0, 26611.3, 2045.0)).abs() < 1e-9);
    assert!(case.settings.budget_carry_over);
    assert_eq!(case.settings.surplus_tiers[2].upper_share, f64::INFINITY);
    assert_eq!(case.settings.surplus_tiers[1].multiplier, 3.0);
}

#[test]
fn budgets_sum_per_period() {
    // carry-over has one region and periods 2025–2027, 2028–2032, 2033–2035, 2036–2045;
    // it has no 2025 row (a year without a row is 0).
    let case = read("carry-over");
    let b = &case.budget_eur[0];
    let p1 = 13300323.7607 + 14397390.4964;
    assert!((b[0] - p1).abs() < 1e-6, "{}", b[0]);
    let p2 = 19900305.5798 + 13411167.0296 + 16730502.7998 + 16036379.5396 + 11501773.8832;
    assert!((b[1] - p2).abs() < 1e-6, "{}", b[1]);
    assert_eq!(b.len(), 4);
}

#[test]
fn segment_mode_shares() {
    let case = read("segment-mode");
    assert_eq!(case.mode, Mode::Segment);
    assert_eq!(case.settings.households_variant, "hoog");
    let shares = case.demand_shares.as_ref().unwrap();
    let (g0, g1) = (muni(&case, "GM9000"), muni(&case, "GM9001"));
    let koop = seg(&case, "koop");
    // GM9001 has its own rows; GM9000 uses the all-municipalities rows.
    assert_eq!(shares[g0].len(), case.periods.len() + 1);
    for (own, general) in shares[g1].iter().zip(&shares[g0]) {
        assert_eq!(own[koop], 0.4548);
        assert_eq!(general[koop], 0.55);
        let sum: f64 = general.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
    }
    assert!((case.demand(g0, 1, Some(koop)) - 1.02 * 0.55 * case.households[g0][1]).abs() < 1e-9);
}

#[test]
fn unknown_budget_region_is_a_warning() {
    // integer-small has rows for Regio A, which has no municipality.
    let case = read("integer-small");
    assert_eq!(case.regions, ["Regio B"]);
    assert!(
        case.warnings
            .iter()
            .any(|w| w.to_string().contains("budgets.csv") && w.to_string().contains("Regio A")),
        "{:?}",
        case.warnings
    );
}

#[test]
fn reading_is_deterministic() {
    let a = read("segment-carry");
    let b = read("segment-carry");
    assert_eq!(a, b);
}
