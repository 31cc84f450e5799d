//! Regional decomposition (`restock plan --by-region`): in spec v1 regions are coupled
//! only through their own budget rows (C6), so each region's two-stage problem can be
//! solved on its own and the plans joined. The regions are solved in parallel (rayon),
//! each thread holding only the model of the region it works on; the whole case is never
//! built as one model.
//!
//! Stage 1 separates exactly: Z1 is a sum over regions, so the joined plan reaches the
//! monolithic Z1*. Stage 2 does not by itself: its cap `Z1 ≤ Z1* · (1 + 1e-7) + 1e-6` is
//! one row over all regions, and a monolithic solve spends that slack where it saves the
//! most money per dwelling-year of mismatch given up. Region r's stage-2 optimum as a
//! function of its own cap, V_r(cap), is convex and piecewise linear, so the monolithic
//! optimum is the allocation of the slack that fills the steepest slopes first. It is
//! reached in two passes:
//!
//! 1. every region is solved with (almost) no slack, `Z1_r ≤ Z1_r* · (1 + 1e-11)`; the
//!    dual of its cap is the slope of V_r there (M€ saved per extra dwelling-year);
//! 2. the slack goes to the region with the steepest slope until that slope falls below
//!    the next region's: all of what is left if the slope at the end is still the
//!    steepest, otherwise up to the breakpoint of V_r where it falls, found by
//!    intersecting tangents (exact for a piecewise-linear function after a few solves
//!    of that one region). Repeat with the next steepest until the slack is used.
//!
//! Pass 2 solves only the few regions that take slack. The joined plan meets the
//! monolithic cap and reaches its gross cost (a test compares them at 1e-6 relative).
//! Clarabel (an interior-point solver, for which a cap without slack is numerically
//! unsafe) gets each region's share of the spec's slack instead, and no pass 2: its
//! gross cost may then be higher than the monolithic one by up to the value of that
//! slack.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;

use crate::case::Case;
use crate::metrics::{mismatch, plan_path};
use crate::plan::{Payment, Plan, PlanStatus, Receipt};
use crate::solve::{
    solve_movable, solve_with_slack, MovableCap, SolveOptions, SolverChoice, Stage2Slack,
    StageFacts, STAGE2_ABSOLUTE_SLACK, STAGE2_RELATIVE_SLACK,
};
use crate::Result;

/// The relative slack of pass 1 (see the module documentation).
pub const PASS1_RELATIVE_SLACK: f64 = 1e-11;
/// At most this many single-region solves in pass 2, plus
/// [`PASS2_MAX_SOLVES_PER_REGION`] per region. A small case needs one to three; on
/// 100,000 municipalities the slack (1e-7 of a large Z1) spreads over hundreds of
/// regions, each a few linear pieces.
const PASS2_MAX_SOLVES_BASE: usize = 100;
/// See [`PASS2_MAX_SOLVES_BASE`].
const PASS2_MAX_SOLVES_PER_REGION: usize = 4;

/// A cap value (M€ per weighted dwelling-year) below which the cap counts as not binding:
/// solver noise on a zero dual.
const NO_VALUE: f64 = 1e-12;

/// The case restricted to region `region`: its municipalities `members` (in code order)
/// and its budget.
fn restrict(case: &Case, region: usize, members: &[usize]) -> Case {
    let pick = |rows: &Vec<Vec<f64>>| -> Vec<Vec<f64>> {
        members.iter().map(|&m| rows[m].clone()).collect()
    };
    Case {
        name: case.name.clone(),
        settings: case.settings.clone(),
        municipalities: members
            .iter()
            .map(|&m| {
                let mut municipality = case.municipalities[m].clone();
                municipality.region = 0;
                municipality
            })
            .collect(),
        regions: vec![case.regions[region].clone()],
        segments: case.segments.clone(),
        transformations: case.transformations.clone(),
        periods: case.periods.clone(),
        mode: case.mode,
        stock0: pick(&case.stock0),
        households: pick(&case.households),
        demand_shares: case
            .demand_shares
            .as_ref()
            .map(|shares| members.iter().map(|&m| shares[m].clone()).collect()),
        costs: members.iter().map(|&m| case.costs[m].clone()).collect(),
        budget_eur: vec![case.budget_eur[region].clone()],
        // Every funder and rule stays (indices agree with the whole case); only the
        // region's own budgets.
        funders: crate::case::Funders {
            budget_eur: case
                .funders
                .budget_eur
                .get(region)
                .map(|b| vec![b.clone()])
                .unwrap_or_default(),
            ..case.funders.clone()
        },
        inputs_sha256: case.inputs_sha256.clone(),
        warnings: Vec::new(),
    }
}

/// Solves every region on its own, in parallel, and joins the plans into one plan of the
/// whole case (see the module documentation).
pub fn solve_by_region(case: &Case, options: &SolveOptions) -> Result<Plan> {
    solve_by_region_with(case, options, &|| {})
}

/// [`solve_by_region`], calling `on_region_done` once per region solved in pass 1 (for a
/// progress bar; from any thread).
///
/// Timings: `build`, `solve_stage1` and `solve_stage2` are summed over the regions
/// (thread time, so on several cores they add up to more than the wall-clock time);
/// `solve_regions` is the wall-clock time of pass 1, `solve_slack` that of pass 2, and
/// `solve_wall` of both together.
pub fn solve_by_region_with(
    case: &Case,
    options: &SolveOptions,
    on_region_done: &(dyn Fn() + Sync),
) -> Result<Plan> {
    let clock = Instant::now();
    let regions = case.regions.len();
    if regions <= 1 {
        // Nothing to share: one region is the monolithic problem.
        let (mut plan, _) = solve_with_slack(case, options, Stage2Slack::default())?;
        on_region_done();
        let wall = clock.elapsed().as_secs_f64();
        plan.timings.insert("solve_regions".to_string(), wall);
        plan.timings.insert("solve_slack".to_string(), 0.0);
        plan.timings.insert("solve_wall".to_string(), wall);
        return Ok(plan);
    }
    let mut members = vec![Vec::new(); regions];
    for (m, municipality) in case.municipalities.iter().enumerate() {
        members[municipality.region].push(m);
    }
    let exact = options.solver == SolverChoice::Highs && !options.integer;
    let pass1_slack = if exact {
        Stage2Slack {
            relative: PASS1_RELATIVE_SLACK,
            absolute: 0.0,
        }
    } else {
        Stage2Slack {
            relative: STAGE2_RELATIVE_SLACK,
            absolute: STAGE2_ABSOLUTE_SLACK / regions.max(1) as f64,
        }
    };
    let mut parts: Vec<(Plan, StageFacts)> = (0..regions)
        .into_par_iter()
        .map(|r| {
            // The region's case lives only as long as its solve.
            let result = solve_with_slack(&restrict(case, r, &members[r]), options, pass1_slack);
            on_region_done();
            result
        })
        .collect::<Result<_>>()?;
    let pass1 = clock.elapsed().as_secs_f64();

    let clock_slack = Instant::now();
    if exact {
        share_out_slack(case, &members, options, &mut parts)?;
    }
    let slack_wall = clock_slack.elapsed().as_secs_f64();

    let mut plan = join(case, &members, parts, options);
    plan.timings.insert("solve_regions".to_string(), pass1);
    plan.timings.insert("solve_slack".to_string(), slack_wall);
    plan.timings
        .insert("solve_wall".to_string(), clock.elapsed().as_secs_f64());
    Ok(plan)
}

/// Pass 2: shares out the total stage-2 slack left after pass 1, steepest slope first
/// (see the module documentation).
fn share_out_slack(
    case: &Case,
    members: &[Vec<usize>],
    options: &SolveOptions,
    parts: &mut [(Plan, StageFacts)],
) -> Result<()> {
    let z1_star: Vec<f64> = parts.iter().map(|(plan, _)| plan.stage1_mismatch).collect();
    let total_cap = Stage2Slack::default().cap(z1_star.iter().sum());
    let mut remaining = total_cap - parts.iter().map(|(_, facts)| facts.cap).sum::<f64>();
    // The slope of V_r to the right of region r's current cap.
    let mut slope: Vec<f64> = parts.iter().map(|(_, facts)| facts.cap_value).collect();
    let solves = std::cell::Cell::new(0);
    // The regions pass 2 has solved, with their model kept: trying another cap on one
    // is then a warm re-solve of stage 2 (a few pivots), not a whole solve.
    let kept: std::cell::RefCell<BTreeMap<usize, (Case, MovableCap)>> = Default::default();
    // Region r solved with its cap at `cap` dwelling-years.
    let solve_at = |r: usize, cap: f64| -> Result<(Plan, StageFacts)> {
        solves.set(solves.get() + 1);
        let mut kept = kept.borrow_mut();
        if let Some((region_case, movable)) = kept.get_mut(&r) {
            let (plan, facts) = movable.solve_with_cap(cap)?;
            return Ok(reached(region_case, plan, facts, cap));
        }
        let region_case = restrict(case, r, &members[r]);
        let slack = Stage2Slack {
            relative: 0.0,
            absolute: cap - z1_star[r],
        };
        let (plan, facts, movable) = solve_movable(&region_case, options, slack)?;
        let result = reached(&region_case, plan, facts, cap);
        if let Some(movable) = movable {
            kept.insert(r, (region_case, movable));
        }
        Ok(result)
    };
    // Region r's result replaces its earlier one; its pass-1 timings stay (pass 2 has
    // its own wall-clock timing).
    let replace = |parts: &mut [(Plan, StageFacts)], r: usize, new: (Plan, StageFacts)| {
        let timings = std::mem::take(&mut parts[r].0.timings);
        parts[r] = new;
        parts[r].0.timings = timings;
    };
    let max_solves = PASS2_MAX_SOLVES_BASE + PASS2_MAX_SOLVES_PER_REGION * parts.len();
    while solves.get() < max_solves && remaining > 1e-12 * total_cap.max(1.0) {
        // The steepest slope; on equal slopes the first region (deterministic).
        let Some(r) = (0..slope.len()).reduce(|a, b| if slope[b] > slope[a] { b } else { a })
        else {
            break;
        };
        if slope[r] <= NO_VALUE {
            break;
        }
        let next = (0..slope.len())
            .filter(|&q| q != r)
            .map(|q| slope[q])
            .fold(0.0, f64::max);
        let from = parts[r].1.cap;
        let (plan_all, facts_all) = solve_at(r, from + remaining)?;
        if facts_all.cap_value >= next {
            // The slope stays the steepest all the way (convexity): r takes everything
            // it can use.
            remaining -= facts_all.cap - from;
            slope[r] = facts_all.cap_value;
            replace(parts, r, (plan_all, facts_all));
            if slope[r] > NO_VALUE {
                break;
            }
            continue;
        }
        // The slope falls below `next` somewhere in between, at a breakpoint of V_r.
        // `low` keeps a slope ≥ next, `high` one < next; the tangents at both meet at
        // the breakpoint if it is the only one between them.
        let mut low = parts[r].clone();
        let mut high = (plan_all, facts_all);
        let mut low_slope = slope[r];
        while solves.get() < max_solves && low_slope > high.1.cap_value {
            let (a, b) = (&low.1, &high.1);
            let t = ((a.gross_cost_meur - b.gross_cost_meur + low_slope * a.cap
                - b.cap_value * b.cap)
                / (low_slope - b.cap_value))
                .clamp(a.cap, b.cap);
            let on_tangent = a.gross_cost_meur - low_slope * (t - a.cap);
            let point = solve_at(r, t)?;
            let gap = point.1.gross_cost_meur - on_tangent;
            if gap.abs() <= 1e-9 * on_tangent.abs().max(1.0) {
                // V_r(t) lies on both tangents: linear on either side, breakpoint at t.
                low = point;
                break;
            }
            if point.1.cap_value >= next {
                low_slope = point.1.cap_value;
                low = point;
            } else {
                high = point;
            }
        }
        remaining -= low.1.cap - from;
        slope[r] = high.1.cap_value;
        replace(parts, r, low);
    }
    Ok(())
}

/// A region's result at `cap`; when the cap does not bind, the region uses only the
/// mismatch it reaches.
fn reached(region_case: &Case, plan: Plan, mut facts: StageFacts, cap: f64) -> (Plan, StageFacts) {
    if facts.cap_value <= NO_VALUE {
        facts.cap = mismatch(region_case, &plan_path(region_case, &plan)).min(cap);
        facts.cap_value = 0.0;
    }
    (plan, facts)
}

/// Joins per-region plans (in region order) into a plan indexed like the whole case.
fn join(
    case: &Case,
    members: &[Vec<usize>],
    parts: Vec<(Plan, StageFacts)>,
    options: &SolveOptions,
) -> Plan {
    let n = case.municipalities.len();
    let mut demolish = vec![Vec::new(); n];
    let mut new_build = vec![Vec::new(); n];
    let mut transform = vec![Vec::new(); n];
    let mut stock_end = vec![Vec::new(); n];
    let mut removal_value = vec![Vec::new(); n];
    let mut budget_shadow_price = Vec::with_capacity(parts.len());
    let mut funder_shadow_price = Vec::new();
    let mut payments = Vec::new();
    let mut receipts = Vec::new();
    let mut timings: BTreeMap<String, f64> = BTreeMap::new();
    let mut stage1_mismatch = 0.0;
    let mut time_limited = false;
    let mut mip_gap: Option<f64> = None;
    for ((part, _), members) in parts.into_iter().zip(members) {
        // The region's municipality indices become the whole case's.
        payments.extend(part.payments.iter().map(|pay| Payment {
            municipality: members[pay.municipality],
            ..*pay
        }));
        receipts.extend(part.receipts.iter().map(|r| Receipt {
            municipality: members[r.municipality],
            ..*r
        }));
        funder_shadow_price.extend(part.funder_shadow_price);
        for (&m, values) in members.iter().zip(part.removal_value) {
            removal_value[m] = values;
        }
        let rows = part
            .demolish
            .into_iter()
            .zip(part.new_build)
            .zip(part.transform)
            .zip(part.stock_end);
        for (&m, (((d, nb), tr), st)) in members.iter().zip(rows) {
            demolish[m] = d;
            new_build[m] = nb;
            transform[m] = tr;
            stock_end[m] = st;
        }
        budget_shadow_price.extend(part.budget_shadow_price);
        stage1_mismatch += part.stage1_mismatch;
        time_limited |= part.status == PlanStatus::TimeLimit;
        if let Some(gap) = part.mip_gap {
            mip_gap = Some(mip_gap.map_or(gap, |g: f64| g.max(gap)));
        }
        for (phase, seconds) in part.timings {
            *timings.entry(phase).or_default() += seconds;
        }
    }
    payments.sort_by_key(|p| (p.municipality, p.period, p.action, p.funder));
    receipts.sort_by_key(|r| (r.municipality, r.period, r.transformation));
    Plan {
        status: if time_limited {
            PlanStatus::TimeLimit
        } else {
            PlanStatus::Optimal
        },
        solver: options.solver.as_str().to_string(),
        integer: options.integer,
        mip_gap,
        stage1_mismatch,
        demolish,
        new_build,
        transform,
        stock_end,
        budget_shadow_price,
        payments,
        receipts,
        funder_shadow_price,
        removal_value,
        timings,
    }
}
