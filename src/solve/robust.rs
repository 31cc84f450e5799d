//! Robust plans over projection variants (spec v2 §6b), solved as one model.
//!
//! Every variant gets its own copy of the model of §4–§5 ([`model::build_into`], the
//! same builder a single plan uses), all in one LP; non-anticipativity rows make dem,
//! new, tr and pay of the committed periods equal across the copies
//! ([`model::add_non_anticipativity`]). Then:
//!
//! - "expected": the two stages of §6 with E = Σ π_ω Z1_ω as the mismatch and
//!   Σ π_ω Z2_ω as the cost ([`super::stages::run_stages`], so HiGHS and Clarabel as
//!   for a single plan);
//! - "regret": first min R with Z1_ω − Z1*_ω ≤ R; then, with regret_ω ≤ R* + 1e-7 ·
//!   Z1*_ω + 1e-6 added, the same two stages (min E, then min Σ π_ω Z2_ω under E's cap).
//!
//! Z1*_ω (stage 1 of §6 for each variant alone, in parallel) is computed in both
//! criteria.

use std::collections::BTreeMap;
use std::time::Instant;

use good_lp::{variable, Expression, ProblemVariables};
use rayon::prelude::*;

use super::stages::{
    drop_ipm_noise, fill_plan, plan_with_shadow_prices, run_stage, run_stages, LiveCap,
    StageResult, TwoStages,
};
use super::{shadow, SolveOptions, Stage2Slack, StageFacts};
use crate::case::{Case, Criterion, RobustSettings};
use crate::metrics;
use crate::model::{self, Family, Lp, ModelCopy, RowKey};
use crate::plan::{Plan, PlanStatus, RobustPlan};
use crate::{Error, Result};

/// The usage error of `--integer` in robust mode.
pub const INTEGER_REFUSED: &str = "--integer cannot be combined with robust mode ([robust] in \
     settings.toml or --robust): a robust plan is solved as an LP; leave out --integer";

/// Checks that `cases` are the variants of one robust case: robust settings on the
/// first, one case per variant, the same periods, municipalities, segments and
/// transformations.
pub(super) fn check_cases(cases: &[Case]) -> Result<RobustSettings> {
    let Some(robust) = cases.first().and_then(|c| c.settings.robust.clone()) else {
        return Err(Error::Solve(
            "a robust solve needs a case with a [robust] table".into(),
        ));
    };
    if cases.len() != robust.variants.len() {
        return Err(Error::Solve(format!(
            "a robust solve needs one case per variant: {} cases for {} variants",
            cases.len(),
            robust.variants.len()
        )));
    }
    let first = &cases[0];
    for (case, name) in cases.iter().zip(&robust.variants).skip(1) {
        if case.periods != first.periods {
            return Err(Error::Usage(format!(
                "robust mode needs the same plan periods for every variant, but variant \
                 '{name}' has other milestones than '{}' (its households.csv rows list other \
                 years): set milestones in settings.toml",
                robust.variants[0]
            )));
        }
        let same_shape = case.municipalities.len() == first.municipalities.len()
            && case.segments.len() == first.segments.len()
            && case.transformations.len() == first.transformations.len()
            && case.regions.len() == first.regions.len();
        if !same_shape {
            return Err(Error::Solve(format!(
                "variant '{name}' was read as a different case than '{}'",
                robust.variants[0]
            )));
        }
    }
    if robust.commit_periods == 0 || robust.commit_periods > first.periods.len() {
        return Err(Error::Usage(format!(
            "robust.commit_periods = {} must be between 1 and the {} period(s) of the plan",
            robust.commit_periods,
            first.periods.len()
        )));
    }
    Ok(robust)
}

/// Solves the robust case: `cases[ω]` is the case read with variant ω of
/// robust.variants (the first one carries the robust settings).
pub(super) fn solve(cases: &[Case], options: &SolveOptions) -> Result<RobustPlan> {
    solve_movable(cases, options, Stage2Slack::default(), None).map(|(plan, _, _)| plan)
}

/// Solves the robust case as [`solve`] does, with the tolerance of the last stage's cap on
/// E given (`slack`, on E* of the stage before); returns that cap and its value besides
/// the plan, and for criterion "expected" with HiGHS the solved model, whose cap can be
/// moved ([`Movable`], for the regional decomposition). `plans_alone`, when given, are
/// the variants' plans alone from an earlier solve of the same cases (they are not solved
/// again).
pub(super) fn solve_movable(
    cases: &[Case],
    options: &SolveOptions,
    slack: Stage2Slack,
    plans_alone: Option<Vec<Plan>>,
) -> Result<(RobustPlan, StageFacts, Option<Movable>)> {
    if options.integer {
        return Err(Error::Usage(INTEGER_REFUSED.into()));
    }
    let robust = check_cases(cases)?;
    let mut timings = BTreeMap::new();

    // Z1*_ω: every variant alone (the plain solve of §6), in parallel.
    let clock = Instant::now();
    let single = SolveOptions {
        by_region: false,
        ..options.clone()
    };
    // Only stage 1 of §6 is needed for Z1*_ω (it is unique; the plans need not be).
    let plans_alone: Vec<Plan> = match plans_alone {
        Some(plans) if plans.len() == cases.len() => plans,
        _ => cases
            .par_iter()
            .map(|case| solve_alone(case, &single))
            .collect::<Result<_>>()?,
    };
    let alone: Vec<f64> = plans_alone.iter().map(|p| p.stage1_mismatch).collect();
    timings.insert("solve_alone".to_string(), clock.elapsed().as_secs_f64());

    let clock = Instant::now();
    let mut variables = ProblemVariables::new();
    let mut rows = Vec::new();
    let mut ranges = Vec::with_capacity(cases.len());
    let mut vars = Vec::with_capacity(cases.len());
    let mut mismatches = Vec::with_capacity(cases.len());
    let mut expected = Expression::default();
    let mut expected_cost = Expression::default();
    for (case, &pi) in cases.iter().zip(&robust.weights) {
        let ModelCopy {
            vars: copy_vars,
            rows: copy_rows,
            mismatch,
            gross_cost_meur,
        } = model::build_into(case, false, &mut variables);
        let start = rows.len();
        rows.extend(copy_rows);
        ranges.push(start..rows.len());
        expected += mismatch.clone() * pi;
        expected_cost += gross_cost_meur * pi;
        mismatches.push(mismatch);
        vars.push(copy_vars);
    }
    for other in vars.iter().skip(1) {
        model::add_non_anticipativity(&vars[0], other, robust.commit_periods, &mut rows);
    }
    let regret_key = |w: usize| RowKey {
        family: Family::RegretCap,
        place: w,
        segment: None,
        period: None,
        item: None,
        funder: None,
    };
    let worst_regret_var =
        (robust.criterion == Criterion::Regret).then(|| variables.add(variable().min(0.0)));
    if let Some(r) = worst_regret_var {
        for (w, z1) in mismatches.iter().enumerate() {
            // Z1_ω − R ≤ Z1*_ω.
            let lhs = z1.clone() - r;
            rows.push((regret_key(w), lhs.leq(alone[w])));
        }
    }
    let mut lp = Lp {
        variables,
        vars: vars[0].clone(),
        rows,
        mismatch: expected,
        gross_cost_meur: expected_cost,
    };
    timings.insert("build".to_string(), clock.elapsed().as_secs_f64());

    let mut time_limited = false;
    if let Some(r) = worst_regret_var {
        let clock = Instant::now();
        let stage = run_stage(&lp, Expression::from(r), None, None, options)?;
        time_limited |= stage.time_limited;
        let r_star = stage.objective;
        timings.insert(
            "solve_stage_regret".to_string(),
            clock.elapsed().as_secs_f64(),
        );
        // regret_ω ≤ R* + 1e-7 · Z1*_ω + 1e-6 (spec v2 §6b, stage 2 of "regret").
        let slack = Stage2Slack::default();
        let mut widest = 0.0_f64;
        for (w, z1) in mismatches.iter().enumerate() {
            let allowed = r_star + slack.relative * alone[w] + slack.absolute;
            widest = widest.max(allowed);
            lp.rows
                .push((regret_key(w), z1.clone().leq(alone[w] + allowed)));
        }
        // R itself has no cost after stage 1: bound it so no solver sees a free ray.
        lp.rows
            .push((regret_key(cases.len()), Expression::from(r).leq(widest)));
    }
    drop(mismatches);
    let row_keys: Vec<RowKey> = lp.rows.iter().map(|(key, _)| *key).collect();
    let stages = run_stages(&mut lp, slack, options)?;
    drop(lp);
    stages.record_timings(&mut timings);
    time_limited |= stages.time_limited();
    let facts = stages.facts(slack);
    let TwoStages {
        stage1,
        stage2,
        live,
        ..
    } = stages;

    let clock = Instant::now();
    let status = if time_limited {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    // Each variant's solve facts and shadow prices, without actions yet.
    let templates: Vec<Plan> = cases
        .iter()
        .enumerate()
        .map(|(w, case)| {
            let keys = &row_keys[ranges[w].clone()];
            let pi = robust.weights[w];
            // Stage 1's duals of this copy's budget rows are per unit of E; divided by
            // π_ω they are per unit of this variant's mismatch.
            let duals: Vec<f64> = stage1.duals[ranges[w].clone()]
                .iter()
                .map(|d| d / pi)
                .collect();
            let mut plan =
                plan_with_shadow_prices(case, keys, &duals, status.clone(), options, 0.0);
            plan.removal_value = shadow::removal_values(case, keys, &duals);
            plan
        })
        .collect();
    let do_nothing = cases
        .iter()
        .map(|case| metrics::mismatch(case, &metrics::do_nothing_path(case)))
        .collect();
    let mut plan = RobustPlan {
        variants: robust.variants,
        weights: robust.weights,
        criterion: robust.criterion,
        commit_periods: robust.commit_periods,
        expected_mismatch: stage1.objective,
        plans: Vec::new(),
        mismatch: Vec::new(),
        mismatch_alone: alone,
        plans_alone,
        gross_cost_eur: Vec::new(),
        mismatch_do_nothing: do_nothing,
        timings: BTreeMap::new(),
    };
    fill_variants(&mut plan, cases, &templates, &vars, &stage2.values, options);
    timings.insert("extract".to_string(), clock.elapsed().as_secs_f64());
    for variant in &mut plan.plans {
        variant.timings = timings.clone();
    }
    plan.timings = timings;

    #[cfg(feature = "highs")]
    let movable = live.map(|live| Movable {
        live,
        templates,
        vars,
        plan: plan.clone(),
        options: options.clone(),
    });
    #[cfg(not(feature = "highs"))]
    let movable = live.map(|never| match never {});
    Ok((plan, facts, movable))
}

/// Fills `plan.plans`, `plan.mismatch` and `plan.gross_cost_eur` from the last stage's
/// values: `templates[ω]` holds variant ω's solve facts and shadow prices, `vars[ω]` its
/// copy of the variables.
fn fill_variants(
    plan: &mut RobustPlan,
    cases: &[Case],
    templates: &[Plan],
    vars: &[model::Vars],
    values: &[f64],
    options: &SolveOptions,
) {
    plan.plans.clear();
    plan.mismatch.clear();
    plan.gross_cost_eur.clear();
    for (w, case) in cases.iter().enumerate() {
        let mut variant = templates[w].clone();
        fill_plan(&mut variant, &vars[w], values);
        drop_ipm_noise(&mut variant, options);
        if let Some(first) = plan.plans.first() {
            commit_like(&mut variant, first, plan.commit_periods);
        }
        let z1 = metrics::mismatch(case, &metrics::plan_path(case, &variant));
        variant.stage1_mismatch = z1;
        plan.mismatch.push(z1);
        plan.gross_cost_eur
            .push(metrics::gross_cost_eur(case, &variant));
        plan.plans.push(variant);
    }
}

/// A solved robust case (criterion "expected", HiGHS) whose cap on E can be moved and the
/// last stage solved again from its last basis.
pub(super) struct Movable {
    live: LiveCap,
    /// Each variant's solve facts and shadow prices (stage 1's, which a new cap leaves).
    templates: Vec<Plan>,
    /// Each variant's copy of the variables.
    vars: Vec<model::Vars>,
    /// The plan as solved, whose variant plans a new cap replaces.
    plan: RobustPlan,
    options: SolveOptions,
}

impl Movable {
    /// The last stage again with the cap on E at `cap` weighted dwelling-years
    /// (absolute); `cases` are the cases the model was built from.
    pub(super) fn solve_with_cap(
        &mut self,
        cases: &[Case],
        cap: f64,
    ) -> Result<(RobustPlan, StageFacts)> {
        let clock = Instant::now();
        let stage2 = resolve(&mut self.live, cap, &self.options)?;
        let facts = StageFacts {
            cap,
            cap_value: stage2.cap_value(),
            gross_cost_meur: stage2.objective,
        };
        let mut plan = self.plan.clone();
        fill_variants(
            &mut plan,
            cases,
            &self.templates,
            &self.vars,
            &stage2.values,
            &self.options,
        );
        plan.timings =
            BTreeMap::from([("solve_stage2".to_string(), clock.elapsed().as_secs_f64())]);
        Ok((plan, facts))
    }
}

#[cfg(feature = "highs")]
fn resolve(live: &mut LiveCap, cap: f64, options: &SolveOptions) -> Result<StageResult> {
    live.solve_with_cap(cap, options)
}

#[cfg(not(feature = "highs"))]
fn resolve(live: &mut LiveCap, _cap: f64, _options: &SolveOptions) -> Result<StageResult> {
    match *live {}
}

/// Stage 1 of §6 for one variant alone: Z1*_ω and a plan that reaches it (a
/// least-mismatch plan, not necessarily the least-cost one: stage 2 is not run), with
/// the budget shadow prices of stage 1.
fn solve_alone(case: &Case, options: &SolveOptions) -> Result<Plan> {
    let lp = model::build(case, false);
    let row_keys: Vec<RowKey> = lp.rows.iter().map(|(key, _)| *key).collect();
    let stage1 = run_stage(&lp, lp.mismatch.clone(), None, None, options)?;
    let status = if stage1.time_limited {
        PlanStatus::TimeLimit
    } else {
        PlanStatus::Optimal
    };
    let mut plan = plan_with_shadow_prices(
        case,
        &row_keys,
        &stage1.duals,
        status,
        options,
        stage1.objective,
    );
    fill_plan(&mut plan, &lp.vars, &stage1.values);
    drop_ipm_noise(&mut plan, options);
    Ok(plan)
}

/// Makes the committed periods of `plan` bit-for-bit those of `first`: the
/// non-anticipativity rows make them equal, and a simplex solver meets a row to within
/// about 1e-13, not exactly; the files must show one decision. The stock of the
/// committed periods follows from the committed actions and the shared base stock.
fn commit_like(plan: &mut Plan, first: &Plan, commit_periods: usize) {
    let copy = |to: &mut Vec<Vec<Vec<f64>>>, from: &Vec<Vec<Vec<f64>>>| {
        for (to, from) in to.iter_mut().zip(from) {
            for (to, from) in to.iter_mut().zip(from) {
                for (p, (to, from)) in to.iter_mut().zip(from).enumerate() {
                    if p < commit_periods {
                        *to = *from;
                    }
                }
            }
        }
    };
    copy(&mut plan.demolish, &first.demolish);
    copy(&mut plan.new_build, &first.new_build);
    copy(&mut plan.transform, &first.transform);
    copy(&mut plan.stock_end, &first.stock_end);
    commit_rows(&mut plan.payments, &first.payments, commit_periods, |x| {
        (x.period, (x.municipality, x.period, x.action, x.funder))
    });
    commit_rows(&mut plan.receipts, &first.receipts, commit_periods, |x| {
        (
            x.period,
            (x.municipality, x.period, x.transformation, x.funder),
        )
    });
}

/// Replaces the rows of the committed periods in `to` by those of `from`, keeping the
/// order: `key` gives a row's period and its sort key.
fn commit_rows<T: Copy, K: Ord>(
    to: &mut Vec<T>,
    from: &[T],
    commit_periods: usize,
    key: impl Fn(&T) -> (usize, K),
) {
    to.retain(|x| key(x).0 >= commit_periods);
    to.extend(from.iter().filter(|x| key(x).0 < commit_periods).copied());
    to.sort_by_key(|x| key(x).1);
}
