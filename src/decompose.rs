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
//!
//! Robust mode (spec v2 §6b, criterion "expected") splits the same way
//! ([`solve_robust_by_region`]): a region's variant copies and non-anticipativity rows
//! involve only its own municipalities and budgets, E = Σ_r E_r, and stage 2's cap on E
//! is shared out by the same `share_out_slack`, each region's result being its robust
//! plan and its cap one on E_r.
//!
//! With warm starts (`restock serve`, [`SolveOptions::warm`]) each region is its own
//! model in the store: its stage 1 and stage 2 start from the region's bases of the last
//! solve, pass 2's solve of a region starts from what pass 1 kept, and a kept
//! [`MovableCap`] keeps its last stage-2 basis. Each region reads and writes only its
//! own bases, so the joined plan is the same whatever order the threads take.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;

use crate::case::{Case, Criterion};
use crate::metrics::{mismatch, plan_path};
use crate::plan::{IntegerRun, Payment, Plan, PlanStatus, Receipt, RobustPlan};
use crate::solve::{
    self, solve_integer_within, solve_movable, solve_with_slack, MovableCap, MovableRobustCap,
    SolveOptions, SolverChoice, Stage2Slack, StageFacts, DEFAULT_INTEGER_TIME_LIMIT,
    STAGE2_ABSOLUTE_SLACK, STAGE2_RELATIVE_SLACK,
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
    let pass1_slack = pass1_slack(exact, regions);
    // `--integer`: one time limit for the whole run (see `region_seconds`).
    let limit = options
        .overall_time_limit()
        .unwrap_or(DEFAULT_INTEGER_TIME_LIMIT);
    let threads = rayon::current_num_threads().max(1);
    let mut parts: Vec<(Plan, StageFacts)> = (0..regions)
        .into_par_iter()
        .map(|r| {
            // The region's case lives only as long as its solve.
            let region_case = restrict(case, r, &members[r]);
            let result = if options.integer {
                let share = members[r].len() as f64 / case.municipalities.len().max(1) as f64;
                let left = limit - clock.elapsed().as_secs_f64();
                let seconds = region_seconds(limit, left, share, threads);
                solve_integer_within(&region_case, options, pass1_slack, seconds, limit)
            } else {
                solve_with_slack(&region_case, &region_options(options, case, r), pass1_slack)
            };
            on_region_done();
            result
        })
        .collect::<Result<_>>()?;
    let pass1 = clock.elapsed().as_secs_f64();

    let clock_slack = Instant::now();
    if exact {
        let z1_star: Vec<f64> = parts.iter().map(|(plan, _)| plan.stage1_mismatch).collect();
        let used =
            |region_case: &Case, plan: &Plan| mismatch(region_case, &plan_path(region_case, plan));
        pass2(
            &mut parts,
            &z1_star,
            |plan| &mut plan.timings,
            |r, cap| {
                let region_case = restrict(case, r, &members[r]);
                let slack = Stage2Slack {
                    relative: 0.0,
                    absolute: cap - z1_star[r],
                };
                let region_options = region_options(options, case, r);
                let (plan, facts, movable) = solve_movable(&region_case, &region_options, slack)?;
                let facts = reached(facts, cap, || used(&region_case, &plan));
                Ok((plan, facts, movable.map(|m| (region_case, m))))
            },
            |(region_case, movable): &mut (Case, MovableCap), cap| {
                let (plan, facts) = movable.solve_with_cap(cap)?;
                let facts = reached(facts, cap, || used(region_case, &plan));
                Ok((plan, facts))
            },
        )?;
    }
    let slack_wall = clock_slack.elapsed().as_secs_f64();

    let plans = parts.into_iter().map(|(plan, _)| plan).collect();
    let mut plan = join(case, &members, plans, options);
    plan.timings.insert("solve_regions".to_string(), pass1);
    plan.timings.insert("solve_slack".to_string(), slack_wall);
    plan.timings
        .insert("solve_wall".to_string(), clock.elapsed().as_secs_f64());
    Ok(plan)
}

/// Solves a robust case (spec v2 §6b, criterion "expected") region by region, in
/// parallel, and joins the regions' plans: `cases[ω]` is the case read with variant ω.
/// In robust mode too a region has its own budgets and municipalities, so stage 1
/// separates (E* = Σ_r E*_r) and each thread holds one region's model with every
/// variant's copy in it (the alone solves Z1*_ω run per region as well). Stage 2's cap
/// E ≤ E* · (1 + 1e-7) + 1e-6 is shared out among the regions as for a plain plan
/// (`share_out_slack`), so the joined plan reaches the one-model expected cost.
/// Criterion "regret" does not separate (its worst regret is a maximum over variants of
/// sums over regions): it is solved as one model ([`solve::solve_robust`]).
pub fn solve_robust_by_region(cases: &[Case], options: &SolveOptions) -> Result<RobustPlan> {
    solve_robust_by_region_with(cases, options, &|| {})
}

/// [`solve_robust_by_region`], calling `on_region_done` once per region solved in pass 1
/// (for a progress bar; from any thread). The timings are as for
/// [`solve_by_region_with`]: thread time summed over the regions, and the wall-clock
/// `solve_regions`, `solve_slack` and `solve_wall`.
pub fn solve_robust_by_region_with(
    cases: &[Case],
    options: &SolveOptions,
    on_region_done: &(dyn Fn() + Sync),
) -> Result<RobustPlan> {
    let clock = Instant::now();
    let Some(case) = cases.first() else {
        return solve::solve_robust(cases, options);
    };
    let regions = case.regions.len();
    let expected = case
        .settings
        .robust
        .as_ref()
        .is_some_and(|r| r.criterion == Criterion::Expected);
    if regions <= 1 || !expected || options.integer {
        // One region is the one model; "regret" does not split; --integer is refused there.
        let mut plan = solve::solve_robust(cases, options)?;
        on_region_done();
        let wall = clock.elapsed().as_secs_f64();
        plan.timings.insert("solve_wall".to_string(), wall);
        return Ok(plan);
    }
    let mut members = vec![Vec::new(); regions];
    for (m, municipality) in case.municipalities.iter().enumerate() {
        members[municipality.region].push(m);
    }
    let restrict_all = |r: usize| -> Vec<Case> {
        cases
            .iter()
            .map(|case| restrict(case, r, &members[r]))
            .collect()
    };
    let exact = options.solver == SolverChoice::Highs;
    let pass1_slack = pass1_slack(exact, regions);
    // The largest regions first: a thread takes the next region when it is free, so
    // no large region is left to solve alone at the end.
    let mut order: Vec<usize> = (0..regions).collect();
    order.sort_by_key(|&r| std::cmp::Reverse(members[r].len()));
    let mut solved: Vec<(usize, Result<(RobustPlan, StageFacts)>)> = order
        .into_iter()
        .par_bridge()
        .map(|r| {
            // The region's cases and model live only as long as its solve.
            let result = solve::solve_robust_movable(&restrict_all(r), options, pass1_slack, None)
                .map(|(plan, facts, _)| (plan, facts));
            on_region_done();
            (r, result)
        })
        .collect();
    solved.sort_by_key(|(r, _)| *r);
    let mut parts: Vec<(RobustPlan, StageFacts)> = solved
        .into_iter()
        .map(|(_, result)| result)
        .collect::<Result<_>>()?;
    let pass1 = clock.elapsed().as_secs_f64();

    let clock_slack = Instant::now();
    if exact {
        let e_star: Vec<f64> = parts
            .iter()
            .map(|(plan, _)| plan.expected_mismatch)
            .collect();
        // A region solved again starts from its variants' solves alone of pass 1.
        let alone: Vec<Vec<Plan>> = parts
            .iter()
            .map(|(plan, _)| plan.plans_alone.clone())
            .collect();
        pass2(
            &mut parts,
            &e_star,
            |plan| &mut plan.timings,
            |r, cap| {
                let region_cases = restrict_all(r);
                let slack = Stage2Slack {
                    relative: 0.0,
                    absolute: cap - e_star[r],
                };
                let (plan, facts, movable) = solve::solve_robust_movable(
                    &region_cases,
                    options,
                    slack,
                    Some(alone[r].clone()),
                )?;
                let facts = reached(facts, cap, || plan.plan_expected_mismatch());
                Ok((plan, facts, movable.map(|m| (region_cases, m))))
            },
            |(region_cases, movable): &mut (Vec<Case>, MovableRobustCap), cap| {
                let (plan, facts) = movable.solve_with_cap(region_cases, cap)?;
                let facts = reached(facts, cap, || plan.plan_expected_mismatch());
                Ok((plan, facts))
            },
        )?;
    }
    let slack_wall = clock_slack.elapsed().as_secs_f64();

    let mut plan = join_robust(cases, &members, parts.into_iter().map(|(p, _)| p), options);
    plan.timings.insert("solve_regions".to_string(), pass1);
    plan.timings.insert("solve_slack".to_string(), slack_wall);
    plan.timings
        .insert("solve_wall".to_string(), clock.elapsed().as_secs_f64());
    for variant in &mut plan.plans {
        variant.timings = plan.timings.clone();
    }
    Ok(plan)
}

/// Joins per-region robust plans (in region order) into the robust plan of the whole
/// case; the per-variant figures are those of the joined plans.
fn join_robust(
    cases: &[Case],
    members: &[Vec<usize>],
    parts: impl Iterator<Item = RobustPlan>,
    options: &SolveOptions,
) -> RobustPlan {
    let variants = cases.len();
    let mut plans: Vec<Vec<Plan>> = vec![Vec::new(); variants];
    let mut plans_alone: Vec<Vec<Plan>> = vec![Vec::new(); variants];
    let mut expected_mismatch = 0.0;
    let mut mismatch_alone = vec![0.0; variants];
    let mut timings: BTreeMap<String, f64> = BTreeMap::new();
    let mut first = None;
    for part in parts {
        expected_mismatch += part.expected_mismatch;
        for (total, z) in mismatch_alone.iter_mut().zip(&part.mismatch_alone) {
            *total += z;
        }
        for (phase, seconds) in &part.timings {
            *timings.entry(phase.clone()).or_default() += seconds;
        }
        for (w, (plan, alone)) in part.plans.into_iter().zip(part.plans_alone).enumerate() {
            plans[w].push(plan);
            plans_alone[w].push(alone);
        }
        first.get_or_insert((
            part.variants,
            part.weights,
            part.criterion,
            part.commit_periods,
        ));
    }
    let (names, weights, criterion, commit_periods) =
        first.expect("a robust case has at least one region");
    let join_each = |parts: Vec<Vec<Plan>>| -> Vec<Plan> {
        parts
            .into_iter()
            .zip(cases)
            .map(|(parts, case)| join(case, members, parts, options))
            .collect()
    };
    let mut plans = join_each(plans);
    let plans_alone = join_each(plans_alone);
    let mut z1s = Vec::with_capacity(variants);
    let mut gross_cost_eur = Vec::with_capacity(variants);
    let mut mismatch_do_nothing = Vec::with_capacity(variants);
    for (case, plan) in cases.iter().zip(&mut plans) {
        let z1 = mismatch(case, &plan_path(case, plan));
        plan.stage1_mismatch = z1;
        z1s.push(z1);
        gross_cost_eur.push(crate::metrics::gross_cost_eur(case, plan));
        mismatch_do_nothing.push(mismatch(case, &crate::metrics::do_nothing_path(case)));
    }
    RobustPlan {
        variants: names,
        weights,
        criterion,
        commit_periods,
        plans,
        expected_mismatch,
        mismatch: z1s,
        mismatch_alone,
        plans_alone,
        gross_cost_eur,
        mismatch_do_nothing,
        timings,
    }
}

/// The options of region `r`'s solves: with warm starts, the region is its own model
/// (its bases are kept under its number and name).
fn region_options(options: &SolveOptions, case: &Case, r: usize) -> SolveOptions {
    SolveOptions {
        warm: options
            .warm
            .as_ref()
            .map(|warm| warm.part(&format!("region {r} {}", case.regions[r]))),
        ..options.clone()
    }
}

/// The slack of pass 1: (almost) none for HiGHS, each region's share of the spec's slack
/// otherwise (see the module documentation).
fn pass1_slack(exact: bool, regions: usize) -> Stage2Slack {
    if exact {
        Stage2Slack {
            relative: PASS1_RELATIVE_SLACK,
            absolute: 0.0,
        }
    } else {
        Stage2Slack {
            relative: STAGE2_RELATIVE_SLACK,
            absolute: STAGE2_ABSOLUTE_SLACK / regions.max(1) as f64,
        }
    }
}

/// `--integer` by region: the seconds a region may take when it starts, with `left`
/// seconds of the run's `limit` left, `share` of the case's municipalities and `threads`
/// regions solved at once: its share of the limit on every thread, `limit · threads ·
/// share` (the regions together fill the threads for the whole limit), and never past
/// the end of the limit. A region that starts after it still gets its first
/// whole-dwelling plan (the rounded LP optimum), just no MIP.
pub fn region_seconds(limit: f64, left: f64, share: f64, threads: usize) -> f64 {
    (limit * threads as f64 * share).min(left).max(0.0)
}

/// Pass 2 of the decomposition: [`share_out_slack`] with every region it solves kept
/// (`first` solves region `r` at a cap and may hand back its model; `again` moves a kept
/// model's cap and re-solves warm: a few pivots, not a whole solve). The regions keep
/// their pass-1 timings: pass 2 has its own wall-clock timing.
fn pass2<T: Clone, K>(
    parts: &mut [(T, StageFacts)],
    optimum: &[f64],
    timings: impl Fn(&mut T) -> &mut BTreeMap<String, f64>,
    mut first: impl FnMut(usize, f64) -> Result<(T, StageFacts, Option<K>)>,
    mut again: impl FnMut(&mut K, f64) -> Result<(T, StageFacts)>,
) -> Result<()> {
    let pass1: Vec<_> = parts.iter_mut().map(|(t, _)| timings(t).clone()).collect();
    let mut kept: BTreeMap<usize, K> = BTreeMap::new();
    share_out_slack(parts, optimum, |r, cap| {
        if let Some(model) = kept.get_mut(&r) {
            return again(model, cap);
        }
        let (part, facts, model) = first(r, cap)?;
        if let Some(model) = model {
            kept.insert(r, model);
        }
        Ok((part, facts))
    })?;
    for ((t, _), kept_timings) in parts.iter_mut().zip(pass1) {
        *timings(t) = kept_timings;
    }
    Ok(())
}

/// Pass 2: shares out the total stage-2 slack left after pass 1, steepest slope first
/// (see the module documentation). `parts[r]` is region r's result and its stage-2 facts
/// after pass 1, `z1_star[r]` its stage-1 optimum; `solve_at(r, cap)` solves region r's
/// stage 2 with its cap at `cap` (absolute), its facts' `cap` being the mismatch it
/// used when the cap does not bind ([`reached`]). Generic over what a region's result
/// is: a [`Plan`], or a [`RobustPlan`] whose cap is on the expected mismatch.
fn share_out_slack<T: Clone>(
    parts: &mut [(T, StageFacts)],
    z1_star: &[f64],
    mut solve_at: impl FnMut(usize, f64) -> Result<(T, StageFacts)>,
) -> Result<()> {
    let total_cap = Stage2Slack::default().cap(z1_star.iter().sum());
    let mut remaining = total_cap - parts.iter().map(|(_, facts)| facts.cap).sum::<f64>();
    // The slope of V_r to the right of region r's current cap.
    let mut slope: Vec<f64> = parts.iter().map(|(_, facts)| facts.cap_value).collect();
    let solves = std::cell::Cell::new(0);
    let mut solve_at = |r: usize, cap: f64| {
        solves.set(solves.get() + 1);
        solve_at(r, cap)
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
            parts[r] = (plan_all, facts_all);
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
        parts[r] = low;
    }
    Ok(())
}

/// A region's facts at `cap`; when the cap does not bind, the region uses only the
/// mismatch it reaches (`used`).
fn reached(mut facts: StageFacts, cap: f64, used: impl FnOnce() -> f64) -> StageFacts {
    if facts.cap_value <= NO_VALUE {
        facts.cap = used().min(cap);
        facts.cap_value = 0.0;
    }
    facts
}

/// Joins per-region plans (in region order) into a plan indexed like the whole case.
fn join(case: &Case, members: &[Vec<usize>], parts: Vec<Plan>, options: &SolveOptions) -> Plan {
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
    let mut interrupted = false;
    let mut mip_gap: Option<f64> = None;
    let mut integer_run: Option<IntegerRun> = None;
    for (part, members) in parts.into_iter().zip(members) {
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
        interrupted |= part.status == PlanStatus::Interrupted;
        if let Some(run) = &part.integer_run {
            integer_run = Some(match integer_run {
                None => run.clone(),
                Some(joined) => join_integer_runs(joined, run),
            });
        }
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
        status: if interrupted {
            PlanStatus::Interrupted
        } else if time_limited {
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
        integer_run,
    }
}

/// Two regions' `--integer` runs as one: objectives and seconds summed, gaps the
/// largest, flags if either's.
fn join_integer_runs(a: IntegerRun, b: &IntegerRun) -> IntegerRun {
    let max = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    IntegerRun {
        mip_gap_requested: a.mip_gap_requested,
        mip_gap_stage1: max(a.mip_gap_stage1, b.mip_gap_stage1),
        // A region whose stage 2 did not run leaves the joined gap unknown.
        mip_gap_stage2: a
            .mip_gap_stage2
            .zip(b.mip_gap_stage2)
            .map(|(x, y)| x.max(y)),
        time_limit_s: a.time_limit_s,
        time_limit_reached: a.time_limit_reached || b.time_limit_reached,
        interrupted: a.interrupted || b.interrupted,
        seconds_relaxation: a.seconds_relaxation + b.seconds_relaxation,
        seconds_stage1: a.seconds_stage1 + b.seconds_stage1,
        seconds_stage2: a.seconds_stage2 + b.seconds_stage2,
        seconds_first_plan: a.seconds_first_plan + b.seconds_first_plan,
        relaxation_mismatch: a.relaxation_mismatch + b.relaxation_mismatch,
        relaxation_gross_cost_eur: a.relaxation_gross_cost_eur + b.relaxation_gross_cost_eur,
        start_mismatch: a.start_mismatch + b.start_mismatch,
        start_gross_cost_eur: a.start_gross_cost_eur + b.start_gross_cost_eur,
    }
}
