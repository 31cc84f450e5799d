//! Warm re-solves (`restock serve`, [`restock::solve::WarmStarts`]): a case solved once,
//! then with its budget ×0.8 and ×1.2 and its costs ×1.1, each solved warm from the first
//! solve's bases and cold, reaches the same objectives — the stage-1 mismatch Z1*, the
//! plan's mismatch and the gross cost Z2, within 1e-6 relative — as one model and region
//! by region. The warm solves must really start from the kept bases (every stage warm,
//! none refused, and far fewer simplex iterations on the larger cases), so that a basis
//! dropped on the way fails here; a basis of another model's shape is never offered.

mod random_case;

use std::path::Path;
use std::sync::Arc;

use restock::case::Case;
use restock::input::{read_case, ReadOptions};
use restock::metrics::{gross_cost_eur, mismatch, plan_path};
use restock::pipeline::solve_case;
use restock::plan::Plan;
use restock::scenario::{apply_factors, CostFactors, Factors};
use restock::solve::{SolveOptions, WarmFacts, WarmStart, WarmStarts};

fn relative_difference(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1.0)
}

/// The case with its budgets × `budget` and every cost × `cost`.
fn changed(case: &Case, budget: f64, cost: f64) -> Case {
    let mut case = case.clone();
    let factors = Factors {
        budget,
        cost: CostFactors {
            demolish: cost,
            new_build: cost,
            transform: cost,
            sale: cost,
        },
        ..Factors::default()
    };
    apply_factors(&mut case, &factors);
    case
}

/// The changes tried: (name, budget factor, cost factor).
const CHANGES: [(&str, f64, f64); 3] = [
    ("budget ×0.8", 0.8, 1.0),
    ("budget ×1.2", 1.2, 1.0),
    ("costs ×1.1", 1.0, 1.1),
];

/// Solves `case` with the warm starts of `store` under the model name `model`; returns
/// the plan and what the warm starts did.
fn solve_warm(
    case: &Case,
    by_region: bool,
    store: &Arc<WarmStarts>,
    model: &str,
) -> (Plan, WarmFacts) {
    let warm = WarmStart::new(Arc::clone(store), model);
    let options = SolveOptions {
        by_region,
        warm: Some(warm.clone()),
        ..SolveOptions::default()
    };
    let plan = solve_case(case, &options).expect("the case solves");
    (plan, warm.facts())
}

fn assert_same_objectives(case: &Case, warm: &Plan, cold: &Plan, name: &str) {
    let z1 = |plan| mismatch(case, &plan_path(case, plan));
    let pairs = [
        (
            "stage-1 mismatch",
            warm.stage1_mismatch,
            cold.stage1_mismatch,
        ),
        ("plan mismatch", z1(warm), z1(cold)),
        (
            "gross cost",
            gross_cost_eur(case, warm),
            gross_cost_eur(case, cold),
        ),
    ];
    for (what, a, b) in pairs {
        let d = relative_difference(a, b);
        assert!(d <= 1e-6, "{name}: {what} warm {a} vs cold {b} ({d:e})");
    }
}

/// Solves `case` once, then each change warm from that solve's bases and cold; checks
/// the objectives and that every warm stage started from a kept basis. Returns the
/// simplex iterations of the warm and of the cold solves of the changes.
fn check_case(case: &Case, name: &str, by_region: bool) -> (u64, u64) {
    let (mut warm_iterations, mut cold_iterations) = (0, 0);
    for (change, budget, cost) in CHANGES {
        let name = format!("{name} (by region: {by_region}), {change}");
        // The first solve, from scratch, keeps its bases.
        let store = Arc::new(WarmStarts::new());
        let (_, first) = solve_warm(case, by_region, &store, "case");
        assert!(
            first.cold >= 1 && first.warm + first.cold >= 2,
            "{name}: {first:?}"
        );
        assert!(!store.is_empty(), "{name}: no basis kept");

        let new_case = changed(case, budget, cost);
        let (warm, facts) = solve_warm(&new_case, by_region, &store, "case");
        assert_eq!(
            facts.refused, 0,
            "{name}: a kept basis was refused: {facts:?}"
        );
        assert_eq!(
            facts.cold, 0,
            "{name}: a stage solved without a kept basis: {facts:?}"
        );
        assert!(facts.warm >= 2, "{name}: {facts:?}");

        // Cold: a fresh store has nothing to start from.
        let (cold, cold_facts) =
            solve_warm(&new_case, by_region, &Arc::new(WarmStarts::new()), "case");
        assert_eq!(cold_facts.refused, 0, "{name}: {cold_facts:?}");
        assert!(cold_facts.cold >= 1, "{name}: {cold_facts:?}");
        assert_same_objectives(&new_case, &warm, &cold, &name);
        warm_iterations += facts.simplex_iterations;
        cold_iterations += cold_facts.simplex_iterations;
    }
    (warm_iterations, cold_iterations)
}

fn example() -> Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/example");
    read_case(&dir, &ReadOptions::default()).expect("the example reads")
}

fn generated(municipalities: usize, seed: u64) -> Case {
    restock::generate::synthetic_case(&restock::generate::GenerateOptions {
        municipalities,
        seed,
        ..restock::generate::GenerateOptions::default()
    })
    .expect("a generated case")
}

#[test]
fn warm_re_solves_reach_the_cold_objectives_on_the_example() {
    let case = example();
    for by_region in [false, true] {
        let (warm, cold) = check_case(&case, "example", by_region);
        // The example is small: a warm start still saves most of the pivots.
        assert!(
            warm < cold,
            "by region {by_region}: warm {warm} simplex iterations, cold {cold}"
        );
    }
}

#[test]
fn warm_re_solves_reach_the_cold_objectives_on_a_generated_case() {
    let case = generated(150, 7);
    assert!(case.regions.len() > 1, "several regions");
    for by_region in [false, true] {
        let (warm, cold) = check_case(&case, "generated 150/7", by_region);
        assert!(
            warm * 3 < cold,
            "by region {by_region}: warm {warm} simplex iterations, cold {cold}"
        );
    }
}

#[test]
fn warm_re_solves_reach_the_cold_objectives_on_random_multi_region_cases() {
    use random_case::{draw, funders_case, Limits};
    let limits = Limits {
        municipalities: 10,
        ..Limits::lp()
    };
    let mut cases = draw(random_case::case(limits.clone()), 16, 43);
    cases.extend(draw(funders_case(limits), 8, 44));
    let cases: Vec<Case> = cases.into_iter().filter(|c| c.regions.len() > 1).collect();
    assert!(cases.len() >= 6, "only {} multi-region cases", cases.len());
    for (i, case) in cases.iter().enumerate() {
        for by_region in [false, true] {
            check_case(case, &format!("random case {i}"), by_region);
        }
    }
}

/// A store is keyed by the model's shape: a case of another shape under the same name
/// finds no basis and solves cold, to the same plan as without any store.
#[test]
fn a_basis_of_another_shape_is_never_used() {
    let store = Arc::new(WarmStarts::new());
    let big = generated(120, 5);
    let small = example();
    for by_region in [false, true] {
        store.clear();
        let _ = solve_warm(&big, by_region, &store, "same name");
        let (plan, facts) = solve_warm(&small, by_region, &store, "same name");
        assert_eq!(facts.refused, 0, "{facts:?}");
        if by_region {
            // Every region's pass 1 from scratch (pass 2 may start from pass 1's bases).
            assert!(facts.cold >= 2 * small.regions.len() as u64, "{facts:?}");
        } else {
            assert_eq!((facts.warm, facts.cold), (0, 2), "{facts:?}");
        }
        let options = SolveOptions {
            by_region,
            ..SolveOptions::default()
        };
        let alone = solve_case(&small, &options).expect("the example solves");
        assert_same_objectives(&small, &plan, &alone, "example after another shape");
    }
}

/// Given the same bases, the joined plan region by region is the same plan, whatever
/// order the threads take; and a CLI solve (no store) is unchanged by the stores.
#[test]
fn warm_plans_are_deterministic_given_the_same_bases() {
    let case = generated(150, 7);
    let new_case = changed(&case, 0.8, 1.1);
    let plans: Vec<Plan> = (0..2)
        .map(|_| {
            let store = Arc::new(WarmStarts::new());
            let _ = solve_warm(&case, true, &store, "case");
            let (mut plan, _) = solve_warm(&new_case, true, &store, "case");
            plan.timings.clear();
            plan
        })
        .collect();
    assert!(
        plans[0] == plans[1],
        "two warm solves from the same bases differ"
    );

    let options = SolveOptions::default();
    let mut a = solve_case(&new_case, &options).unwrap();
    let mut b = solve_case(&new_case, &options).unwrap();
    a.timings.clear();
    b.timings.clear();
    assert!(a == b, "a cold solve is not deterministic");
}
