//! Every direct call of HiGHS's C API (highs-sys), and with them every `unsafe` block of
//! the solver: what the highs crate does not offer, namely changing the objective of a
//! solved model, adding a row to it and moving that row's bound, so that stage 2 starts
//! from stage 1's optimal basis instead of from scratch.
//!
//! Each function checks the lengths and indices it hands to HiGHS, so it is safe to
//! call with any arguments; each returns `false` when HiGHS (or the check) refuses.

use highs_sys::{
    kHighsStatusError, HighsInt, Highs_addRow, Highs_changeColsCostByRange, Highs_changeRowBounds,
    Highs_getNumCol, Highs_getNumRow,
};

/// The number of columns and rows of the model.
fn dimensions(model: &highs::Model) -> (usize, usize) {
    let ptr = model.as_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed for the
    // calls; both only read the model's size.
    let (cols, rows) = unsafe { (Highs_getNumCol(ptr), Highs_getNumRow(ptr)) };
    (cols.max(0) as usize, rows.max(0) as usize)
}

/// Sets the objective's cost of every column: `cost[j]` for column j. `cost` must have
/// one entry per column of the model.
pub(super) fn set_costs(model: &mut highs::Model, cost: &[f64]) -> bool {
    if cost.len() != dimensions(model).0 {
        return false;
    }
    if cost.is_empty() {
        return true;
    }
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed mutably for
    // the call; `cost` outlives it and holds exactly one entry per column, the range
    // 0..=len-1 that HiGHS reads.
    let status =
        unsafe { Highs_changeColsCostByRange(ptr, 0, (cost.len() - 1) as HighsInt, cost.as_ptr()) };
    status != kHighsStatusError
}

/// Adds the row `Σ value[i] · x[index[i]] ≤ upper` (no lower bound). `index` and `value`
/// must have the same length and every index must be a column of the model.
pub(super) fn add_row(
    model: &mut highs::Model,
    upper: f64,
    index: &[HighsInt],
    value: &[f64],
) -> bool {
    let cols = dimensions(model).0;
    let in_range = index.iter().all(|&j| j >= 0 && (j as usize) < cols);
    if index.len() != value.len() || !in_range {
        return false;
    }
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed mutably for
    // the call; `index` and `value` outlive it and both hold the `len` entries HiGHS
    // reads, every index a column of the model (checked above).
    let status = unsafe {
        Highs_addRow(
            ptr,
            f64::NEG_INFINITY,
            upper,
            index.len() as HighsInt,
            index.as_ptr(),
            value.as_ptr(),
        )
    };
    status != kHighsStatusError
}

/// Sets the bounds of row `row` to `(−∞, upper]`. `row` must be a row of the model.
pub(super) fn set_row_upper(model: &mut highs::Model, row: HighsInt, upper: f64) -> bool {
    if row < 0 || row as usize >= dimensions(model).1 {
        return false;
    }
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed mutably for
    // the call, and `row` is one of its rows (checked above).
    let status = unsafe { Highs_changeRowBounds(ptr, row, f64::NEG_INFINITY, upper) };
    status != kHighsStatusError
}
