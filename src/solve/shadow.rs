//! The budget shadow prices (spec §7): what one more million euros of budget would buy
//! in weighted dwelling-years of mismatch, from the duals of the budget rows (C6).

use crate::case::Case;
use crate::model::{Family, RowKey};

/// Shadow prices of the funders' budgets (spec v2, C6f) per region, funder and period,
/// with the same sign and carry-over conventions as [`shadow_prices`]; empty for a case
/// without funders.
pub(super) fn funder_shadow_prices(
    case: &Case,
    keys: &[RowKey],
    duals: &[f64],
) -> Vec<Vec<Vec<f64>>> {
    if !case.funders.active() {
        return Vec::new();
    }
    let periods = case.periods.len();
    let funders = case.funders.names.len();
    let mut row_dual = vec![vec![vec![0.0; periods]; funders]; case.regions.len()];
    for (i, key) in keys.iter().enumerate() {
        if key.family == Family::FunderBudget {
            if let (Some(p), Some(g), Some(d)) = (key.period, key.funder, duals.get(i)) {
                row_dual[key.place][g][p] = d.abs();
            }
        }
    }
    if case.settings.budget_carry_over {
        for funder in row_dual.iter_mut().flatten() {
            for p in (0..periods.saturating_sub(1)).rev() {
                funder[p] += funder[p + 1];
            }
        }
    }
    row_dual
}

/// The region's budget shadow price per period when the case has funders: the largest
/// of its funders' (one more million to the funder where it helps most).
pub(super) fn region_from_funders(per_funder: &[Vec<Vec<f64>>], periods: usize) -> Vec<Vec<f64>> {
    per_funder
        .iter()
        .map(|funders| {
            (0..periods)
                .map(|p| funders.iter().map(|f| f[p]).fold(0.0, f64::max))
                .collect()
        })
        .collect()
}

/// Shadow price of the budget per region and period, in weighted dwelling-years per
/// extra million euros. Without carry-over it is |dual| of the period's row; with
/// carry-over one more million in period p relaxes every cumulative row q ≥ p.
pub(super) fn shadow_prices(case: &Case, keys: &[RowKey], duals: &[f64]) -> Vec<Vec<f64>> {
    let periods = case.periods.len();
    let mut row_dual = vec![vec![0.0; periods]; case.regions.len()];
    for (i, key) in keys.iter().enumerate() {
        if key.family == Family::Budget {
            if let (Some(p), Some(d)) = (key.period, duals.get(i)) {
                row_dual[key.place][p] = d.abs();
            }
        }
    }
    if case.settings.budget_carry_over {
        for region in &mut row_dual {
            for p in (0..periods.saturating_sub(1)).rev() {
                region[p] += region[p + 1];
            }
        }
    }
    row_dual
}

/// `removal_value[m][s][p]` (see [`crate::plan::Plan::removal_value`]): the dual of the
/// stock balance row C1[m,s,p]. The row reads stock[m,s,p] + removed − inflow =
/// stock[m,s,p−1] (a constant S0 for the first period), so its dual is the change of Z1
/// per dwelling *more* at the end of period p, and also what one dwelling removed saves:
/// removing one more dwelling lowers the row's left side by one, and Z1 by the dual.
/// Both solvers report duals as ∂(objective)/∂(right-hand side) (HiGHS directly,
/// Clarabel through good_lp's sign conversion); tests/explanations.rs checks the sign on
/// a hand-computed case for each.
pub(super) fn removal_values(case: &Case, keys: &[RowKey], duals: &[f64]) -> Vec<Vec<Vec<f64>>> {
    let periods = case.periods.len();
    let mut value = vec![vec![vec![0.0; periods]; case.segments.len()]; case.municipalities.len()];
    for (i, key) in keys.iter().enumerate() {
        if key.family == Family::StockBalance {
            if let (Some(s), Some(p), Some(d)) = (key.segment, key.period, duals.get(i)) {
                value[key.place][s][p] = *d;
            }
        }
    }
    value
}
