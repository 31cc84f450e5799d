//! One tiny case per constraint family of spec §5, each with an optimum computed by hand
//! (the arithmetic is in the comments). Solved with the default solver (HiGHS).

mod common;

use common::{assert_close, one_municipality, segment, transformation};
use restock::case::{Mode, Municipality, Period, SegmentCosts, SurplusTier};
use restock::metrics::{do_nothing_path, gross_cost_eur, mismatch, plan_path, spend_eur};
use restock::plan::Plan;
use restock::solve::{solve, SolveOptions};

fn plan_of(case: &restock::case::Case) -> Plan {
    solve(case, &SolveOptions::default()).expect("tiny case solves")
}

/// C1 stock balance: 1000 dwellings, 900 households in 2030 (no friction): demolishing
/// 100 removes the whole surplus. Do-nothing: 10 years × 100 = 1000. Plan: Z1 = 0,
/// Z2 = 100 × €10,000 = €1,000,000, stock at the end 900.
#[test]
fn c1_stock_balance_carries_demolition_into_the_stock() {
    let case = one_municipality(1000.0, 900.0);
    let plan = plan_of(&case);
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        1000.0,
        "do-nothing Z1",
    );
    assert_close(plan.stage1_mismatch, 0.0, "Z1*");
    assert_close(gross_cost_eur(&case, &plan), 1_000_000.0, "Z2");
    assert_close(plan.demolish[0][0][0], 100.0, "demolished");
    assert_close(plan.stock_end[0][0][0], 900.0, "stock at the end");
}

/// C2 removal capacity: a = 0.5 % a year over 10 years caps removal at 50 of 1000.
/// Surplus left 50 for 10 years: Z1 = 500; Z2 = 50 × €10,000 = €500,000.
#[test]
fn c2_removal_capacity_caps_demolition() {
    let mut case = one_municipality(1000.0, 900.0);
    case.settings.max_removal_share_per_year = 0.005;
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 500.0, "Z1*");
    assert_close(plan.demolish[0][0][0], 50.0, "demolished");
    assert_close(gross_cost_eur(&case, &plan), 500_000.0, "Z2");
}

/// C2 counts transformations too: a merge (yield 0.5, €10,000 per input dwelling) is
/// cheaper per removed dwelling (€20,000) than demolition (€30,000), but merging 200
/// inputs uses the whole removal capacity 0.02 × 10 × 1000 = 200. So 200 merged
/// (−100 dwellings), Z1 = 0, Z2 = €2,000,000; transform_in 100.
#[test]
fn c2_merge_with_yield_half_shares_the_removal_capacity() {
    let mut case = one_municipality(1000.0, 900.0);
    case.costs[0][0] = Some(SegmentCosts {
        demolish_eur: 30_000.0,
        new_build_eur: None,
    });
    case.transformations = vec![transformation(0, 0, 10_000.0, 0.5)];
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 0.0, "Z1*");
    assert_close(plan.transform[0][0][0], 200.0, "merged input dwellings");
    assert_close(plan.demolish[0][0][0], 0.0, "demolished");
    assert_close(plan.stock_end[0][0][0], 900.0, "stock");
    assert_close(gross_cost_eur(&case, &plan), 2_000_000.0, "Z2");
}

/// C3 removal from existing stock (segment mode). Segment A has 100 dwellings, B none;
/// demand A 100, B 200. B can only be reached by transforming A (yield 1, €1,000); A can
/// be rebuilt (€100,000) with ample capacity (a = 50 %/yr, n = 100 %/yr). Without C3 one
/// would transform 200 and rebuild 200 of A in the same period; with C3 at most 100 of
/// A's 100 can leave: B short 100 → Z1 = 10 × 2 × 100 = 2000. Stage 2: tr 100 and 100
/// new A: Z2 = 100 × €1,000 + 100 × €100,000 = €10,100,000.
#[test]
fn c3_removal_only_from_existing_stock() {
    let mut case = one_municipality(100.0, 300.0);
    case.segments = vec![segment("A"), segment("B")];
    case.mode = Mode::Segment;
    case.stock0 = vec![vec![100.0, 0.0]];
    case.households = vec![vec![300.0, 300.0]];
    case.demand_shares = Some(vec![vec![vec![1.0 / 3.0, 2.0 / 3.0]; 2]]);
    case.settings.max_removal_share_per_year = 0.5;
    case.settings.max_new_build_share_per_year = 1.0;
    case.costs = vec![vec![
        Some(SegmentCosts {
            demolish_eur: 50_000.0,
            new_build_eur: Some(100_000.0),
        }),
        None,
    ]];
    case.transformations = vec![transformation(0, 1, 1_000.0, 1.0)];
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 2000.0, "Z1*");
    assert_close(plan.transform[0][0][0], 100.0, "transformed");
    assert_close(plan.new_build[0][0][0], 100.0, "rebuilt");
    assert_close(gross_cost_eur(&case, &plan), 10_100_000.0, "Z2");
    // The do-nothing reference: A fits, B short 200 → 10 × 2 × 200.
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        4000.0,
        "do-nothing",
    );
}

/// C4 new-build capacity: 1000 dwellings, 1100 households: short 100. n = 0.5 %/yr
/// allows 0.005 × 10 × 1000 = 50 new. Z1 = 10 × 2 × 50 = 1000 (do-nothing 2000);
/// Z2 = 50 × €200,000 = €10,000,000.
#[test]
fn c4_new_build_capacity_caps_building() {
    let mut case = one_municipality(1000.0, 1100.0);
    case.settings.max_new_build_share_per_year = 0.005;
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 1000.0, "Z1*");
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        2000.0,
        "do-nothing",
    );
    assert_close(plan.new_build[0][0][0], 50.0, "built");
    assert_close(gross_cost_eur(&case, &plan), 10_000_000.0, "Z2");
}

/// C4 with a segment without new build: only B may be built (A has no new_build_eur).
#[test]
fn c4_segment_without_new_build_is_never_built() {
    let mut case = one_municipality(1000.0, 1100.0);
    case.segments = vec![segment("A"), segment("B")];
    case.stock0 = vec![vec![1000.0, 0.0]];
    case.costs = vec![vec![
        Some(SegmentCosts {
            demolish_eur: 10_000.0,
            new_build_eur: None,
        }),
        Some(SegmentCosts {
            demolish_eur: 10_000.0,
            new_build_eur: Some(150_000.0),
        }),
    ]];
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 0.0, "Z1*");
    assert_close(plan.new_build[0][0][0], 0.0, "A built");
    assert_close(plan.new_build[0][1][0], 100.0, "B built");
    assert_close(gross_cost_eur(&case, &plan), 15_000_000.0, "Z2");
}

/// C5 demand balance with friction and the default convex tiers, nothing possible
/// (a = 0, n = 0). f = 2 %: D = 1.02 × 900 = 918, surplus 82. Tiers of D: 3 % = 27.54
/// at ×1, the next 5 % = 45.9 at ×2, the rest 8.56 at ×4: 27.54 + 91.8 + 34.24 = 153.58
/// a year, × 10 years = 1535.8 = Z1 = do-nothing.
#[test]
fn c5_demand_balance_with_friction_and_tiers() {
    let mut case = one_municipality(1000.0, 900.0);
    case.settings.friction_vacancy = 0.02;
    case.settings.max_removal_share_per_year = 0.0;
    case.settings.max_new_build_share_per_year = 0.0;
    case.settings.surplus_tiers = vec![
        SurplusTier {
            upper_share: 0.03,
            multiplier: 1.0,
        },
        SurplusTier {
            upper_share: 0.08,
            multiplier: 2.0,
        },
        SurplusTier {
            upper_share: f64::INFINITY,
            multiplier: 4.0,
        },
    ];
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 1535.8, "Z1*");
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        1535.8,
        "do-nothing",
    );
    assert_close(mismatch(&case, &plan_path(&case, &plan)), 1535.8, "plan");
}

/// Two municipalities of one region, both demand 1000: M1 has 1120 dwellings (12 %
/// surplus), M2 1060 (6 %). Default tiers, no friction. Penalties: M1 30×1 + 50×2 + 40×4
/// = 290, M2 30×1 + 30×2 = 90. The budget (€1 M at €10,000) buys 100 demolitions: 40
/// from M1's ×4 tier first, then 60 at ×2 from either. Left: 380 − 160 − 120 = 100 a
/// year → Z1 = 1000; Z2 = €1,000,000.
/// C6: the budget binds; one more million buys 100 more demolitions at ×2 for 10
/// years: a shadow price of 2000 weighted dwelling-years per M€.
#[test]
fn c6_budget_binds_and_tiers_spread_the_task() {
    let mut case = two_municipalities(1120.0, 1060.0, 1000.0);
    case.budget_eur = vec![vec![1_000_000.0]];
    let plan = plan_of(&case);
    assert_close(
        mismatch(&case, &do_nothing_path(&case)),
        3800.0,
        "do-nothing",
    );
    assert_close(plan.stage1_mismatch, 1000.0, "Z1*");
    assert_close(gross_cost_eur(&case, &plan), 1_000_000.0, "Z2");
    let demolished: f64 = (0..2).map(|m| plan.demolish[m][0][0]).sum();
    assert_close(demolished, 100.0, "demolished");
    assert!(plan.demolish[0][0][0] >= 40.0 - 1e-6, "worst first");
    assert_close(plan.budget_shadow_price[0][0], 2000.0, "shadow price");
}

/// C6 with a sale: budget zero, demolition €20,000, sale A → B (yield 1) brings €50,000.
/// 1000 dwellings, 900 households: 100 demolitions cost €2 M, paid by 40 sales.
/// Z1 = 0; Z2 (gross) = €2 M + 40 × €50,000 = €4 M; net spend 0. Stage 2 proposes no
/// sale beyond the 40 the fit needs.
#[test]
fn c6_sales_fund_demolition_but_count_gross_in_stage_two() {
    let mut case = one_municipality(1000.0, 900.0);
    case.segments = vec![segment("A"), segment("B")];
    case.stock0 = vec![vec![1000.0, 0.0]];
    case.costs = vec![vec![
        Some(SegmentCosts {
            demolish_eur: 20_000.0,
            new_build_eur: None,
        }),
        Some(SegmentCosts {
            demolish_eur: 20_000.0,
            new_build_eur: None,
        }),
    ]];
    case.transformations = vec![transformation(0, 1, -50_000.0, 1.0)];
    case.budget_eur = vec![vec![0.0]];
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 0.0, "Z1*");
    assert_close(plan.transform[0][0][0], 40.0, "sold");
    assert_close(
        plan.demolish[0][0][0] + plan.demolish[0][1][0],
        100.0,
        "demolished",
    );
    assert_close(gross_cost_eur(&case, &plan), 4_000_000.0, "Z2");
    assert_close(spend_eur(&case, &plan)[0][0], 0.0, "net spend");
}

/// C6 with carry-over. Periods 2021–2025 and 2026–2030 (5 years each); 1100 dwellings;
/// households 1100 in 2025, 1000 in 2030; €1 M (100 demolitions) only in 2021.
/// Without carry-over, demolishing in period 1 makes a shortage there (2 × 5 per
/// dwelling) to save surplus later (1 × 5): do nothing, Z1 = 5 × 100 = 500, Z2 = 0.
/// With carry-over the money waits: 100 demolished in period 2, Z1 = 0, Z2 = €1 M.
#[test]
fn c6_carry_over_keeps_unspent_money() {
    let mut case = one_municipality(1100.0, 1000.0);
    case.settings.milestones = vec![2025, 2030];
    case.periods = vec![
        Period {
            start: 2021,
            end: 2025,
        },
        Period {
            start: 2026,
            end: 2030,
        },
    ];
    case.households = vec![vec![1100.0, 1100.0, 1000.0]];
    case.budget_eur = vec![vec![1_000_000.0, 0.0]];

    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 500.0, "Z1* without carry-over");
    assert_close(gross_cost_eur(&case, &plan), 0.0, "Z2 without carry-over");

    case.settings.budget_carry_over = true;
    let plan = plan_of(&case);
    assert_close(plan.stage1_mismatch, 0.0, "Z1* with carry-over");
    assert_close(plan.demolish[0][0][1], 100.0, "demolished in period 2");
    assert_close(
        gross_cost_eur(&case, &plan),
        1_000_000.0,
        "Z2 with carry-over",
    );
}

/// --integer: 1000 dwellings, 900.5 households. The LP demolishes 99.5 (Z1 = 0); whole
/// dwellings: 99 leaves 0.5 surplus (10 × 0.5 = 5), 100 leaves 0.5 short (10 × 2 × 0.5
/// = 10): Z1 = 5 with 99 demolished.
#[test]
fn integer_plans_whole_dwellings() {
    let case = one_municipality(1000.0, 900.5);
    let lp = plan_of(&case);
    assert_close(lp.stage1_mismatch, 0.0, "LP Z1*");
    assert_close(lp.demolish[0][0][0], 99.5, "LP demolished");
    let options = SolveOptions {
        integer: true,
        ..SolveOptions::default()
    };
    let mip = solve(&case, &options).expect("MIP solves");
    assert_close(mip.stage1_mismatch, 5.0, "MIP Z1*");
    assert_close(mip.demolish[0][0][0], 99.0, "MIP demolished");
    assert!(mip.mip_gap.is_some());
}

/// Clarabel reaches the same stage-1 optimum as HiGHS on the budget case.
#[test]
fn clarabel_agrees_with_highs_on_the_budget_case() {
    let mut case = two_municipalities(1120.0, 1060.0, 1000.0);
    case.budget_eur = vec![vec![1_000_000.0]];
    let options = SolveOptions {
        solver: restock::solve::SolverChoice::Clarabel,
        ..SolveOptions::default()
    };
    let plan = solve(&case, &options).expect("Clarabel solves");
    let tol = 1e-5 * 1000.0;
    assert!((plan.stage1_mismatch - 1000.0).abs() <= tol);
    assert!((gross_cost_eur(&case, &plan) - 1_000_000.0).abs() <= 1e-5 * 1e6);
    assert!((plan.budget_shadow_price[0][0] - 2000.0).abs() <= 1e-3 * 2000.0);
}

fn two_municipalities(stock1: f64, stock2: f64, households: f64) -> restock::case::Case {
    let mut case = one_municipality(stock1, households);
    case.municipalities.push(Municipality {
        code: "GM0002".into(),
        name: "Tweede".into(),
        region: 0,
        vacant_dwellings: None,
    });
    case.stock0 = vec![vec![stock1], vec![stock2]];
    case.households = vec![vec![households; 2]; 2];
    case.costs.push(case.costs[0].clone());
    case.settings.surplus_tiers = vec![
        SurplusTier {
            upper_share: 0.03,
            multiplier: 1.0,
        },
        SurplusTier {
            upper_share: 0.08,
            multiplier: 2.0,
        },
        SurplusTier {
            upper_share: f64::INFINITY,
            multiplier: 4.0,
        },
    ];
    case
}
