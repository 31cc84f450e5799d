//! The plan of `--integer` in whole dwellings.

use super::stages::clean;
use std::collections::BTreeMap;

use crate::case::{Action, Case};
use crate::plan::Plan;

/// A MIP solver meets integrality only within its tolerance (HiGHS: 1e-6), so a whole
/// dwelling may come back as 2.000001. With `--integer` the actions are rounded to whole
/// dwellings and the stock follows from them through C1, so the plan shows the whole
/// numbers it stands for (a fractional stock remains only where S0 or a yield makes it).
pub(super) fn whole_dwellings(case: &Case, plan: &mut Plan) {
    for cube in [&mut plan.demolish, &mut plan.new_build, &mut plan.transform] {
        for x in cube.iter_mut().flatten().flatten() {
            *x = x.round();
        }
    }
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            for s in 0..case.segments.len() {
                let before = match p {
                    0 => case.stock0[m][s],
                    _ => plan.stock_end[m][s][p - 1],
                };
                let mut stock = before - plan.demolish[m][s][p] + plan.new_build[m][s][p];
                for (k, t) in case.transformations.iter().enumerate() {
                    let input = plan.transform[m][k][p];
                    if t.from == s {
                        stock -= input;
                    }
                    if t.to == s {
                        stock += t.yield_per_dwelling * input;
                    }
                }
                plan.stock_end[m][s][p] = clean(stock);
            }
        }
    }
    whole_dwelling_payments(case, plan);
}

/// With funders: the payments of each item scaled so that they sum to the rounded
/// item's amount again (C7), and the sale proceeds recomputed from the rounded sales.
fn whole_dwelling_payments(case: &Case, plan: &mut Plan) {
    if !case.funders.active() {
        return;
    }
    let amount = |m: usize, p: usize, action: Action| -> f64 {
        let (quantity, eur) = match action {
            Action::Demolish(s) => (
                plan.demolish[m][s][p],
                case.costs[m][s].map_or(0.0, |c| c.demolish_eur),
            ),
            Action::NewBuild(s) => (
                plan.new_build[m][s][p],
                case.costs[m][s]
                    .and_then(|c| c.new_build_eur)
                    .unwrap_or(0.0),
            ),
            Action::Transform(k) => (plan.transform[m][k][p], case.transformations[k].cost_eur),
        };
        quantity * eur
    };
    let mut paid: BTreeMap<(usize, usize, Action), f64> = BTreeMap::new();
    for pay in &plan.payments {
        *paid
            .entry((pay.municipality, pay.period, pay.action))
            .or_default() += pay.eur;
    }
    let mut payments = std::mem::take(&mut plan.payments);
    for pay in &mut payments {
        let total = paid[&(pay.municipality, pay.period, pay.action)];
        if total > 0.0 {
            pay.eur *= amount(pay.municipality, pay.period, pay.action) / total;
        }
    }
    payments.retain(|pay| pay.eur > 0.0);
    plan.payments = payments;
    for receipt in &mut plan.receipts {
        receipt.eur = -case.transformations[receipt.transformation].cost_eur
            * plan.transform[receipt.municipality][receipt.transformation][receipt.period];
    }
    plan.receipts.retain(|r| r.eur > 0.0);
}
