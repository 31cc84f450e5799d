//! The budget shadow prices (spec §7): what one more million euros of budget would buy
//! in weighted dwelling-years of mismatch, from the duals of the budget rows (C6).

use crate::case::Case;
use crate::model::{Family, RowKey};

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
