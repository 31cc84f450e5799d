//! Regional decomposition: in spec v1 regions are coupled only through their own budget
//! rows (C6), so each region's two-stage problem can be solved on its own and the plans
//! joined. The regions are solved in parallel (rayon), each thread holding only the model
//! of the region it works on.
//!
//! The joined plan reaches the same stage-1 optimum as one monolithic solve (Z1 is a sum
//! over regions). Stage 2 keeps each region's mismatch within its own tolerance instead
//! of the total's, which is at most as loose, so the gross cost agrees within the
//! stage-2 tolerance.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;

use crate::case::Case;
use crate::plan::{Plan, PlanStatus};
use crate::solve::{solve, SolveOptions};
use crate::Result;

/// The case restricted to region r: its municipalities (in code order) and its budget.
pub fn restrict_to_region(case: &Case, region: usize) -> Case {
    let members: Vec<usize> = case.municipalities_in(region).collect();
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
        inputs_sha256: case.inputs_sha256.clone(),
        warnings: Vec::new(),
    }
}

/// Solves every region on its own, in parallel, and joins the plans into one plan of the
/// whole case. Timings: each phase summed over the regions, plus `solve_wall`, the
/// wall-clock time of the whole parallel solve.
pub fn solve_by_region(case: &Case, options: &SolveOptions) -> Result<Plan> {
    let clock = Instant::now();
    let parts: Vec<Plan> = (0..case.regions.len())
        .into_par_iter()
        .map(|r| solve(&restrict_to_region(case, r), options))
        .collect::<Result<_>>()?;
    let wall = clock.elapsed().as_secs_f64();
    let mut plan = join(case, parts, options);
    plan.timings.insert("solve_wall".to_string(), wall);
    Ok(plan)
}

/// Joins per-region plans (in region order) into a plan indexed like the whole case.
fn join(case: &Case, parts: Vec<Plan>, options: &SolveOptions) -> Plan {
    let n = case.municipalities.len();
    let mut demolish = vec![Vec::new(); n];
    let mut new_build = vec![Vec::new(); n];
    let mut transform = vec![Vec::new(); n];
    let mut stock_end = vec![Vec::new(); n];
    let mut budget_shadow_price = Vec::with_capacity(parts.len());
    let mut timings: BTreeMap<String, f64> = BTreeMap::new();
    let mut stage1_mismatch = 0.0;
    let mut time_limited = false;
    let mut mip_gap: Option<f64> = None;
    for (r, part) in parts.into_iter().enumerate() {
        let members = case.municipalities_in(r);
        let rows = part
            .demolish
            .into_iter()
            .zip(part.new_build)
            .zip(part.transform)
            .zip(part.stock_end);
        for (m, (((d, nb), tr), st)) in members.zip(rows) {
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
        timings,
    }
}
