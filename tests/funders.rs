//! Funders (spec v2 §5, C6f and C7): tiny cases with optima computed by hand (the
//! arithmetic is in the comments), the equivalence of funders who may each pay
//! everything with one pooled budget, and the funders vector solved by region, with
//! Clarabel and with `--integer`.

mod common;

use std::path::Path;

use common::{assert_close, one_municipality};
use restock::case::{Action, Case, FundedAction, Funders, FundingRule};
use restock::input::{read_case, ReadOptions};
use restock::metrics::{funder_flows, gross_cost_eur, mismatch, plan_path};
use restock::plan::Plan;
use restock::solve::{solve, SolveOptions, SolverChoice};

/// The case with funders `names` (sorted, as the case reader sorts them), their budgets
/// `budgets[r][g][p]` (the region totals follow) and the rules of a funding.csv (`None`
/// = no funding.csv). Every sale's proceeds go to funder 0.
fn with_funders(
    mut case: Case,
    names: &[&str],
    budgets: Vec<Vec<Vec<f64>>>,
    rules: Option<Vec<FundingRule>>,
) -> Case {
    let periods = case.periods.len();
    case.budget_eur = budgets
        .iter()
        .map(|r| (0..periods).map(|p| r.iter().map(|g| g[p]).sum()).collect())
        .collect();
    case.funders = Funders {
        names: names.iter().map(|n| n.to_string()).collect(),
        rules,
        budget_eur: budgets,
        sale_receiver: vec![0; case.transformations.len()],
    };
    case
}

fn rule(funder: usize, action: FundedAction, segment: Option<usize>, share: f64) -> FundingRule {
    FundingRule {
        funder,
        action,
        segment,
        max_share: share,
    }
}

fn plan_with(case: &Case, solver: SolverChoice) -> Plan {
    let options = SolveOptions {
        solver,
        ..SolveOptions::default()
    };
    solve(case, &options).expect("case solves")
}

/// What funder g paid in municipality m, period p for `action` (euros).
fn paid(plan: &Plan, m: usize, p: usize, action: Action, g: usize) -> f64 {
    plan.payments
        .iter()
        .filter(|x| x.municipality == m && x.period == p && x.action == action && x.funder == g)
        .map(|x| x.eur)
        .sum()
}

/// C7 and C6f re-checked on a solved plan: every cost item is paid in full by funders
/// that may pay it, none above its σ, and no funder's net spending above its budget
/// (cumulative with carry-over). `tol` is relative to the amounts.
fn assert_funding_holds(case: &Case, plan: &Plan, tol: f64) {
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for (action, eur) in case.cost_items(m) {
                let quantity = match action {
                    Action::Demolish(s) => plan.demolish[m][s][p],
                    Action::NewBuild(s) => plan.new_build[m][s][p],
                    Action::Transform(k) => plan.transform[m][k][p],
                };
                let amount = quantity * eur;
                let slack = tol * amount.abs().max(1.0) + 1e-3;
                let mut total = 0.0;
                for g in 0..case.funders.names.len() {
                    let x = paid(plan, m, p, action, g);
                    let share = case.funding_share(g, action);
                    assert!(
                        x <= share * amount + slack,
                        "C7: funder {g} pays {x} of {amount} (σ {share}) for {action:?} in {m}, {p}"
                    );
                    total += x;
                }
                assert!(
                    (total - amount).abs() <= slack,
                    "C7: {action:?} in {m}, {p} costs {amount} but is paid {total}"
                );
            }
        }
    }
    let flows = funder_flows(case, plan);
    for r in 0..case.regions.len() {
        for g in 0..case.funders.names.len() {
            let (mut spent, mut budget) = (0.0, 0.0);
            for p in 0..case.periods.len() {
                if !case.settings.budget_carry_over {
                    spent = 0.0;
                    budget = 0.0;
                }
                spent += flows.net(r, g, p);
                budget += case.funders.budget_eur[r][g][p];
                assert!(
                    spent <= budget + tol * budget.max(1e6) + 1e-3,
                    "C6f: funder {g} spends {spent} in region {r} up to period {p}, budget {budget}"
                );
            }
        }
    }
}

/// C7, max_share binds. One municipality, 1000 dwellings, 900 households in 2030 (no
/// friction, one tier of weight 1): removing the surplus of 100 costs 100 × €10,000 =
/// €1,000,000. Funders: the Rijk (€1,000,000, may pay at most 70 % of a demolition) and
/// the gemeente (€150,000, no rule: may pay anything). Per dwelling the gemeente pays at
/// least 30 % = €3,000, so its €150,000 pays for 150,000 / 3,000 = 50 dwellings.
/// Z1 = 10 years × (100 − 50) = 500; Z2 = 50 × €10,000 = €500,000, of which the Rijk
/// pays 70 % = €350,000 and the gemeente €150,000. (Pooled, €1,150,000 would pay all 100.)
#[test]
fn c7_max_share_binds() {
    let case = with_funders(
        one_municipality(1000.0, 900.0),
        &["Rijk", "gemeente"],
        vec![vec![vec![1_000_000.0], vec![150_000.0]]],
        Some(vec![rule(0, FundedAction::Demolish, None, 0.7)]),
    );
    let plan = plan_with(&case, SolverChoice::Highs);
    assert_close(plan.stage1_mismatch, 500.0, "Z1*");
    assert_close(plan.demolish[0][0][0], 50.0, "demolished");
    assert_close(gross_cost_eur(&case, &plan), 500_000.0, "Z2");
    let demolish = Action::Demolish(0);
    assert_close(paid(&plan, 0, 0, demolish, 0), 350_000.0, "the Rijk pays");
    assert_close(
        paid(&plan, 0, 0, demolish, 1),
        150_000.0,
        "the gemeente pays",
    );
    assert_funding_holds(&case, &plan, 1e-9);

    // Without the rule the Rijk may pay everything: every surplus dwelling goes.
    let mut free = case.clone();
    free.funders.rules = None;
    let plan = plan_with(&free, SolverChoice::Highs);
    assert_close(plan.stage1_mismatch, 0.0, "Z1* without the rule");
}

/// C6f, one funder's budget binds while another has money left. Same municipality;
/// the corporatie (€200,000) may pay only demolition, the provincie (€1,000,000) only new
/// building, which this surplus does not need. The corporatie's €200,000 demolishes
/// 20 dwellings: Z1 = 10 × (100 − 20) = 800, Z2 = €200,000; the provincie spends nothing.
/// Shadow prices: one more million for the corporatie demolishes 100 more dwellings
/// (only 80 are left, but the price is the marginal rate): 100 dwellings × 10 years =
/// 1000 weighted dwelling-years per million; for the provincie 0. The region's price is
/// the larger, 1000.
#[test]
fn c6f_one_funder_binds_while_another_has_money_left() {
    let case = with_funders(
        one_municipality(1000.0, 900.0),
        &["corporatie", "provincie"],
        vec![vec![vec![200_000.0], vec![1_000_000.0]]],
        Some(vec![
            rule(0, FundedAction::Demolish, None, 1.0),
            rule(1, FundedAction::NewBuild, Some(0), 1.0),
        ]),
    );
    for solver in [SolverChoice::Highs, SolverChoice::Clarabel] {
        let plan = plan_with(&case, solver);
        let what = |w: &str| format!("{w} ({})", solver.as_str());
        let close = |a: f64, b: f64, w: &str| {
            let tol = 1e-5 * b.abs().max(1.0);
            assert!((a - b).abs() <= tol, "{}: got {a}, expected {b}", what(w));
        };
        close(plan.stage1_mismatch, 800.0, "Z1*");
        close(plan.demolish[0][0][0], 20.0, "demolished");
        close(gross_cost_eur(&case, &plan), 200_000.0, "Z2");
        let flows = funder_flows(&case, &plan);
        close(flows.net(0, 0, 0), 200_000.0, "the corporatie spends");
        close(flows.net(0, 1, 0), 0.0, "the provincie spends");
        close(
            plan.funder_shadow_price[0][0][0],
            1000.0,
            "corporatie's shadow price",
        );
        close(
            plan.funder_shadow_price[0][1][0],
            0.0,
            "provincie's shadow price",
        );
        close(
            plan.budget_shadow_price[0][0],
            1000.0,
            "region's shadow price",
        );
        assert_funding_holds(&case, &plan, 1e-6);
    }
}

/// A funder with no budget and no rule pays nothing: the item is paid by those that may.
/// Here only the gemeente may demolish (the Rijk may only build), and the gemeente has
/// no money: nothing is demolished, Z1 = 10 × 100 = 1000.
#[test]
fn an_item_only_a_funder_without_money_may_pay_stays_zero() {
    let case = with_funders(
        one_municipality(1000.0, 900.0),
        &["Rijk", "gemeente"],
        vec![vec![vec![5_000_000.0], vec![0.0]]],
        Some(vec![rule(0, FundedAction::NewBuild, None, 1.0)]),
    );
    let plan = plan_with(&case, SolverChoice::Highs);
    assert_close(plan.stage1_mismatch, 1000.0, "Z1*");
    assert!(plan.payments.is_empty(), "{:?}", plan.payments);
}

fn vector(name: &str) -> Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vectors")
        .join(name);
    read_case(&dir, &ReadOptions::default()).expect("vector reads")
}

/// Budgets of the funders vector made up per region, funder and period (the vector's
/// own are all 0, so that only sale proceeds pay).
fn some_budgets(case: &Case) -> Vec<Vec<Vec<f64>>> {
    (0..case.regions.len())
        .map(|r| {
            (0..case.funders.names.len())
                .map(|g| {
                    (0..case.periods.len())
                        .map(|p| 1e6 * (3.0 + 2.0 * g as f64 + r as f64 + 5.0 * p as f64))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Funders that may each pay everything (no funding.csv) give the optimum of the same
/// budgets pooled per region (the v1 case), with and without carry-over: C6f summed
/// over the funders is C6, and any pooled plan can be split among them.
#[test]
fn funders_who_may_pay_everything_equal_the_pooled_budget() {
    for carry in [false, true] {
        let mut case = vector("funders");
        case.settings.budget_carry_over = carry;
        let names: Vec<String> = case.funders.names.clone();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let budgets = some_budgets(&case);
        let mut split = with_funders(case.clone(), &names, budgets, None);
        split.funders.sale_receiver = case.funders.sale_receiver.clone();
        let mut pooled = split.clone();
        pooled.funders = Funders::default();

        let a = plan_with(&split, SolverChoice::Highs);
        let b = plan_with(&pooled, SolverChoice::Highs);
        assert!(!a.payments.is_empty() && b.payments.is_empty());
        let rel = |x: f64, y: f64| (x - y).abs() / y.abs().max(1.0);
        assert!(
            rel(a.stage1_mismatch, b.stage1_mismatch) <= 1e-7,
            "carry {carry}: Z1 {} with funders, {} pooled",
            a.stage1_mismatch,
            b.stage1_mismatch
        );
        let (za, zb) = (gross_cost_eur(&split, &a), gross_cost_eur(&pooled, &b));
        assert!(
            rel(za, zb) <= 1e-6,
            "carry {carry}: Z2 {za} with funders, {zb} pooled"
        );
        // The budgets bind somewhere, or the test would prove nothing.
        assert!(b.budget_shadow_price.iter().flatten().any(|&x| x > 1e-6));
        assert_funding_holds(&split, &a, 1e-7);
    }
}

/// The funders vectors solved region by region and with Clarabel reach the monolithic
/// HiGHS optimum (Z1 at 1e-6 by region, 1e-5 with Clarabel; Z2 at 1e-6 by region), and
/// every plan obeys C6f and C7.
#[test]
fn by_region_and_clarabel_agree_with_highs_on_the_funders_vectors() {
    for name in ["funders", "funders-carry"] {
        let mut case = vector(name);
        // Money per funder as well as sale proceeds, so that C6f binds in both regions.
        case.funders.budget_eur = some_budgets(&case);
        let whole = plan_with(&case, SolverChoice::Highs);
        let z1 = mismatch(&case, &plan_path(&case, &whole));
        let z2 = gross_cost_eur(&case, &whole);
        assert_funding_holds(&case, &whole, 1e-7);

        let by_region = restock::decompose::solve_by_region(&case, &SolveOptions::default())
            .expect("by region");
        let rel = |x: f64, y: f64| (x - y).abs() / y.abs().max(1.0);
        let z1r = mismatch(&case, &plan_path(&case, &by_region));
        let z2r = gross_cost_eur(&case, &by_region);
        assert!(
            rel(z1r, z1) <= 1e-6,
            "{name}: Z1 by region {z1r}, whole {z1}"
        );
        assert!(
            rel(z2r, z2) <= 1e-6,
            "{name}: Z2 by region {z2r}, whole {z2}"
        );
        assert_funding_holds(&case, &by_region, 1e-7);
        assert_eq!(
            by_region.funder_shadow_price.len(),
            case.regions.len(),
            "{name}: shadow prices per region"
        );
        for (a, b) in whole
            .funder_shadow_price
            .iter()
            .flatten()
            .flatten()
            .zip(by_region.funder_shadow_price.iter().flatten().flatten())
        {
            assert!(
                (a - b).abs() <= 1e-6 * a.abs().max(1.0),
                "{name}: {a} vs {b}"
            );
        }

        let clarabel = plan_with(&case, SolverChoice::Clarabel);
        let z1c = mismatch(&case, &plan_path(&case, &clarabel));
        assert!(
            rel(z1c, z1) <= 1e-5,
            "{name}: Z1 Clarabel {z1c}, HiGHS {z1}"
        );
        assert_funding_holds(&case, &clarabel, 1e-5);
    }
}

/// `--integer`: dem, new and tr whole, the payments continuous; every item is still
/// paid in full within its shares and budgets, and Z1 is no better than the LP's.
#[test]
fn integer_plans_pay_whole_dwellings_with_continuous_payments() {
    let case = vector("funders");
    let lp = plan_with(&case, SolverChoice::Highs);
    let options = SolveOptions {
        integer: true,
        mip_gap: 1e-3,
        ..SolveOptions::default()
    };
    let plan = solve(&case, &options).expect("integer solve");
    for x in plan
        .demolish
        .iter()
        .chain(&plan.new_build)
        .chain(&plan.transform)
        .flatten()
        .flatten()
    {
        assert_eq!(*x, x.round(), "whole dwellings");
    }
    assert!(!plan.payments.is_empty());
    assert_funding_holds(&case, &plan, 1e-6);
    let z1 = mismatch(&case, &plan_path(&case, &plan));
    assert!(
        z1 >= lp.stage1_mismatch * (1.0 - 1e-6),
        "{z1} < {}",
        lp.stage1_mismatch
    );
}

/// The files of the funders vector. Every budget there is 0, so the only money is the
/// proceeds of the corporatie's sales (huur_corporatie → koop, €80,000 each), and the
/// corporatie may spend them only on what its rules name: demolishing and building
/// huur_corporatie and transforming. So every paid row of funding.csv is the
/// corporatie's on one of those, every received row is its transform of
/// huur_corporatie, and per region and period budget.csv shows it spending at most 0
/// (net of proceeds), the other funders 0.
#[test]
fn funders_vector_files_say_who_pays_what() {
    let case = vector("funders");
    let plan = plan_with(&case, SolverChoice::Highs);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    restock::report::write_outputs(&case, &plan, &out, &restock::report::RunInfo::default())
        .unwrap();
    let funding = std::fs::read_to_string(out.join("funding.csv")).unwrap();
    let mut lines = funding.lines();
    assert_eq!(
        lines.next(),
        Some(
            "region,funder,municipality,period_start,period_end,action,segment,paid_eur,received_eur"
        )
    );
    let (mut paid, mut received) = (0.0, 0.0);
    let mut rows = 0;
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[1], "corporatie", "{line}");
        let (action, segment) = (cells[5], cells[6]);
        let (p, r): (f64, f64) = (cells[7].parse().unwrap(), cells[8].parse().unwrap());
        assert!(p > 0.0 || r > 0.0, "{line}");
        if p > 0.0 {
            assert!(
                action == "transform" || segment == "huur_corporatie",
                "the corporatie may not pay {action} {segment}: {line}"
            );
        }
        if r > 0.0 {
            assert_eq!(
                (action, segment),
                ("transform", "huur_corporatie"),
                "{line}"
            );
        }
        paid += p;
        received += r;
        rows += 1;
    }
    assert!(
        rows > 0 && received > 0.0,
        "the vector sells and spends: {funding}"
    );
    assert!(paid <= received + 1.0, "paid {paid} > received {received}");

    let budget = std::fs::read_to_string(out.join("budget.csv")).unwrap();
    let mut lines = budget.lines();
    assert_eq!(
        lines.next(),
        Some("region,funder,period_start,period_end,budget_eur,spent_eur,shadow_price_per_meur")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // 2 regions × 4 funders ("", Rijk, corporatie, gemeente) × 2 periods.
    assert_eq!(rows.len(), 2 * 4 * 2);
    assert_eq!(rows[0][..4], ["Regio A", "", "2025", "2040"]);
    for row in &rows {
        let spent: f64 = row[5].parse().unwrap();
        assert_eq!(row[4], "0", "{row:?}");
        if row[1] == "corporatie" {
            assert!(spent <= 1.0, "{row:?}");
        } else {
            assert_eq!(spent, 0.0, "{row:?}");
        }
    }

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let funders = summary["funders"].as_array().unwrap();
    let names: Vec<&str> = funders
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["", "Rijk", "corporatie", "gemeente"]);
    let corporatie = &funders[2];
    assert!((corporatie["paid_eur"].as_f64().unwrap() - paid).abs() <= 1.0);
    assert!((corporatie["received_eur"].as_f64().unwrap() - received).abs() <= 1.0);
    assert_eq!(funders[0]["paid_eur"].as_f64(), Some(0.0));
}

/// `Case::scale_budget` scales the funders' budgets with the region's total.
#[test]
fn scaling_a_budget_scales_every_funder() {
    let mut case = with_funders(
        one_municipality(1000.0, 900.0),
        &["Rijk", "gemeente"],
        vec![vec![vec![1_000_000.0], vec![150_000.0]]],
        None,
    );
    case.scale_budget(0, 2.0);
    assert_eq!(case.budget_eur, [[2_300_000.0]]);
    assert_eq!(case.funders.budget_eur, [[[2_000_000.0], [300_000.0]]]);
}

/// An item whose funders' shares sum to less than 1 can only be 0 (C7): the only funder
/// may pay half of a demolition, so with all the money in the world nothing is
/// demolished, Z1 = 10 × 100 = 1000.
#[test]
fn an_item_whose_shares_sum_below_one_stays_zero() {
    let case = with_funders(
        one_municipality(1000.0, 900.0),
        &["Rijk"],
        vec![vec![vec![1e9]]],
        Some(vec![rule(0, FundedAction::Demolish, Some(0), 0.5)]),
    );
    let plan = plan_with(&case, SolverChoice::Highs);
    assert_close(plan.stage1_mismatch, 1000.0, "Z1*");
    assert_close(plan.demolish[0][0][0], 0.0, "demolished");
}
