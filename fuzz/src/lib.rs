//! What the fuzz targets share: the seed case folders they put the fuzz data into, and
//! the promises of a validated [`Case`] that every target checks on whatever a reader
//! accepts (src/case.rs: "never holds an invalid value").

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use restock::case::Case;

macro_rules! vector_file {
    ($case:literal, $file:literal) => {
        (
            $file,
            include_bytes!(concat!("../../tests/data/vectors/", $case, "/", $file)).as_slice(),
        )
    };
}

/// tests/data/vectors/total-small: total mode, no demand_shares.csv.
pub const TOTAL_SMALL: &[(&str, &[u8])] = &[
    vector_file!("total-small", "budgets.csv"),
    vector_file!("total-small", "costs.csv"),
    vector_file!("total-small", "households.csv"),
    vector_file!("total-small", "municipalities.csv"),
    vector_file!("total-small", "segments.csv"),
    vector_file!("total-small", "settings.toml"),
    vector_file!("total-small", "stock.csv"),
    vector_file!("total-small", "transformations.csv"),
];

/// tests/data/vectors/segment-mode: segment mode, variants, municipality overrides.
pub const SEGMENT_MODE: &[(&str, &[u8])] = &[
    vector_file!("segment-mode", "budgets.csv"),
    vector_file!("segment-mode", "costs.csv"),
    vector_file!("segment-mode", "demand_shares.csv"),
    vector_file!("segment-mode", "households.csv"),
    vector_file!("segment-mode", "municipalities.csv"),
    vector_file!("segment-mode", "segments.csv"),
    vector_file!("segment-mode", "settings.toml"),
    vector_file!("segment-mode", "stock.csv"),
    vector_file!("segment-mode", "transformations.csv"),
];

/// The files of a seed case as the map `read_case_from_bytes` takes.
pub fn files_of(seed: &[(&str, &[u8])]) -> BTreeMap<String, Vec<u8>> {
    seed.iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect()
}

/// A folder for this fuzzing process, made once and kept until it exits (targets that
/// read from paths write the fuzz data here).
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("restock-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    })
}

/// Checks the promises of a validated case; panics (a finding) when one is broken.
/// Also builds the LP and scores doing nothing, which index every array of the case.
pub fn check_case(case: &Case) {
    let (nm, ns, nk, np, nr) = (
        case.municipalities.len(),
        case.segments.len(),
        case.transformations.len(),
        case.periods.len(),
        case.regions.len(),
    );
    assert!(nm > 0 && ns > 0 && np > 0 && nr > 0, "an empty dimension");
    let st = &case.settings;
    let finite = |x: f64, what: &str| assert!(x.is_finite(), "{what} = {x}");
    for (x, what) in [
        (st.friction_vacancy, "friction_vacancy"),
        (st.max_removal_share_per_year, "max_removal_share_per_year"),
        (
            st.max_new_build_share_per_year,
            "max_new_build_share_per_year",
        ),
        (st.weight_surplus, "weight_surplus"),
        (st.weight_shortage, "weight_shortage"),
    ] {
        finite(x, what);
        assert!(x >= 0.0, "{what} = {x} < 0");
    }
    assert!(!st.surplus_tiers.is_empty(), "no surplus tiers");
    let mut lower = 0.0;
    let mut multiplier = 0.0;
    for (j, t) in st.surplus_tiers.iter().enumerate() {
        let last = j + 1 == st.surplus_tiers.len();
        assert_eq!(
            t.upper_share.is_infinite(),
            last,
            "tier {j} bound {}",
            t.upper_share
        );
        assert!(t.upper_share > lower, "tier bounds not increasing");
        assert!(t.multiplier.is_finite() && t.multiplier > 0.0 && t.multiplier >= multiplier);
        lower = t.upper_share;
        multiplier = t.multiplier;
    }
    // Periods: consecutive years after the base year, ending at the milestones.
    let mut end = st.base_year;
    for (p, period) in case.periods.iter().enumerate() {
        assert_eq!(period.start, end + 1, "period {p} does not follow on");
        assert!(period.end >= period.start, "period {p} is empty");
        assert_eq!(st.milestones.get(p), Some(&period.end), "milestone {p}");
        end = period.end;
    }
    assert_eq!(st.milestones.len(), np);
    // Names: municipalities sorted by code and unique; regions sorted and each used.
    assert!(case
        .municipalities
        .windows(2)
        .all(|w| w[0].code < w[1].code));
    assert!(case.regions.windows(2).all(|w| w[0] < w[1]));
    for m in &case.municipalities {
        assert!(m.region < nr, "region index out of range");
    }
    for r in 0..nr {
        assert!(
            case.municipalities_in(r).next().is_some(),
            "region {r} is empty"
        );
    }
    for t in &case.transformations {
        assert!(
            t.from < ns && t.to < ns,
            "transformation segment out of range"
        );
        finite(t.cost_eur, "transformation cost");
        finite(t.yield_per_dwelling, "yield");
        assert!(t.yield_per_dwelling > 0.0, "yield {}", t.yield_per_dwelling);
    }
    assert_eq!(case.stock0.len(), nm);
    assert_eq!(case.households.len(), nm);
    assert_eq!(case.costs.len(), nm);
    assert_eq!(case.budget_eur.len(), nr);
    for m in 0..nm {
        assert_eq!(case.stock0[m].len(), ns);
        assert_eq!(case.households[m].len(), np + 1);
        assert_eq!(case.costs[m].len(), ns);
        for s in 0..ns {
            let stock = case.stock0[m][s];
            finite(stock, "stock");
            assert!(stock >= 0.0, "stock {stock}");
            match case.costs[m][s] {
                Some(c) => {
                    finite(c.demolish_eur, "demolish_eur");
                    if let Some(eur) = c.new_build_eur {
                        finite(eur, "new_build_eur");
                    }
                }
                None => assert!(stock == 0.0, "stock without a cost row"),
            }
        }
        for &h in &case.households[m] {
            finite(h, "households");
            assert!(h >= 0.0, "households {h}");
        }
    }
    for row in &case.budget_eur {
        assert_eq!(row.len(), np);
        for &b in row {
            finite(b, "budget");
        }
    }
    match (&case.demand_shares, case.mode) {
        (None, restock::case::Mode::Total) => {}
        (Some(shares), restock::case::Mode::Segment) => {
            assert_eq!(shares.len(), nm);
            for per_m in shares {
                assert_eq!(per_m.len(), np + 1);
                for per_t in per_m {
                    assert_eq!(per_t.len(), ns);
                    let sum: f64 = per_t.iter().sum();
                    assert!(per_t.iter().all(|x| x.is_finite() && *x >= 0.0));
                    assert!((sum - 1.0).abs() <= 1e-6 + 1e-9, "shares sum to {sum}");
                }
            }
        }
        (shares, mode) => panic!("mode {mode:?} with shares {}", shares.is_some()),
    }
    let _ = nk;
    // The model and the evaluation index every array: they must not panic.
    let _lp = restock::model::build(case, false);
    let z = restock::metrics::mismatch(case, &restock::metrics::do_nothing_path(case));
    assert!(z.is_finite() && z >= 0.0, "do-nothing mismatch {z}");
}
