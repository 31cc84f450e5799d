//! The plan of `--integer` in whole dwellings.

use super::stages::clean;
use crate::case::Case;
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
}
