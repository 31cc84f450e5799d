//! Every direct call of HiGHS's C API (highs-sys), and with them every `unsafe` block of
//! the solver: what the highs crate does not offer, namely changing the objective of a
//! solved model, adding a row to it and moving that row's bound, so that stage 2 starts
//! from stage 1's optimal basis instead of from scratch; reading a solved model's basis
//! and giving a new model one ([`get_basis`], [`set_basis`]: warm starts between
//! requests of `restock serve`, [`super::WarmStarts`]) and its simplex iteration count;
//! and watching a MIP while it runs ([`solve_watched`]: its best plan and gap for the
//! progress line, and a stop when Ctrl-C asks for one).
//!
//! Each function checks the lengths and indices it hands to HiGHS, so it is safe to
//! call with any arguments; each returns `false` when HiGHS (or the check) refuses.

use std::os::raw::{c_char, c_int, c_void};

use highs_sys::{
    kHighsBasisStatusNonbasic, kHighsCallbackMipImprovingSolution, kHighsCallbackMipInterrupt,
    kHighsStatusError, HighsCallbackDataIn, HighsCallbackDataOut, HighsInt, Highs_addRow,
    Highs_changeColsCostByRange, Highs_changeRowBounds, Highs_getBasis, Highs_getIntInfoValue,
    Highs_getNumCol, Highs_getNumRow, Highs_setBasis, Highs_setCallback, Highs_startCallback,
};

/// What a running MIP reports to [`Watch::report`]: its best plan's objective, the best
/// bound and the relative gap between them (HiGHS's own figures).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct MipState {
    /// The objective of the best plan found so far.
    pub(super) objective: f64,
    /// The relative gap between it and the best bound.
    pub(super) gap: f64,
}

/// What watches a MIP while HiGHS solves it: `report` hears of every better plan and,
/// now and then, of the search's state; `stop` is asked regularly whether to stop (the
/// MIP then ends with status "interrupt", keeping its best plan).
pub(super) struct Watch<'a> {
    /// Told the state of the search (from HiGHS's thread).
    pub(super) report: &'a dyn Fn(MipState),
    /// Whether to stop now.
    pub(super) stop: &'a dyn Fn() -> bool,
}

/// The callback HiGHS calls during a MIP; `user` is the [`Watch`] of [`solve_watched`].
unsafe extern "C" fn on_mip_event(
    kind: c_int,
    _message: *const c_char,
    out: *const HighsCallbackDataOut,
    input: *mut HighsCallbackDataIn,
    user: *mut c_void,
) {
    // A panic must not cross into C++; a watch that panics is simply not heard.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if user.is_null() || out.is_null() {
            return;
        }
        // SAFETY: `user` is the `Watch` that `solve_watched` registered and keeps alive
        // for as long as the callback is set; `out` is HiGHS's data for this call,
        // valid during it (checked non-null above).
        let (watch, out) = unsafe { (&*(user as *const Watch<'_>), &*out) };
        let kind = kind as HighsInt;
        if kind == kHighsCallbackMipImprovingSolution || kind == kHighsCallbackMipInterrupt {
            (watch.report)(MipState {
                objective: out.mip_primal_bound,
                gap: out.mip_gap,
            });
        }
        if kind == kHighsCallbackMipInterrupt && !input.is_null() && (watch.stop)() {
            // SAFETY: `input` is HiGHS's answer for this call, valid and writable
            // during it (checked non-null above).
            unsafe { (*input).user_interrupt = 1 };
        }
    }));
}

/// A callback that does nothing, left in place after a watched solve so that HiGHS never
/// holds a pointer to a watch that is gone.
unsafe extern "C" fn ignore(
    _kind: c_int,
    _message: *const c_char,
    _out: *const HighsCallbackDataOut,
    _input: *mut HighsCallbackDataIn,
    _user: *mut c_void,
) {
}

/// Solves the model (a MIP) with `watch` told of its progress and asked whether to stop;
/// returns what [`highs::Model::try_solve`] returns. A model that refuses the callback is
/// solved unwatched. HiGHS holds the pointer to `watch` only during this call.
pub(super) fn solve_watched(
    mut model: highs::Model,
    watch: &Watch<'_>,
) -> Result<highs::SolvedModel, highs::HighsStatus> {
    let ptr = model.as_mut_ptr();
    let user = watch as *const Watch<'_> as *mut c_void;
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`; `on_mip_event` has the
    // signature HiGHS calls and `user` points at `watch`, which outlives this function,
    // while the callback is replaced by `ignore` (no user data) before it returns.
    let watched = unsafe {
        Highs_setCallback(ptr, Some(on_mip_event), user) != kHighsStatusError
            && Highs_startCallback(ptr, kHighsCallbackMipImprovingSolution) != kHighsStatusError
            && Highs_startCallback(ptr, kHighsCallbackMipInterrupt) != kHighsStatusError
    };
    let _ = watched;
    // On an error the model (and with it the callback) is gone when try_solve returns.
    let mut solved = model.try_solve()?;
    let ptr = solved.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `solved`; `ignore` has the
    // signature HiGHS calls and reads nothing; setting it clears the callbacks started.
    unsafe { Highs_setCallback(ptr, Some(ignore), std::ptr::null_mut()) };
    Ok(solved)
}

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

/// The basis status of every column and of every row of a solved model (HiGHS's
/// `kHighsBasisStatus` values, which fit a byte), or `None` when the model holds no
/// valid basis (HiGHS refuses, or a status is out of range).
pub(super) fn get_basis(model: &highs::SolvedModel) -> Option<(Vec<u8>, Vec<u8>)> {
    let ptr = model.as_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed for the calls;
    // both only read the model's size.
    let (cols, rows) = unsafe { (Highs_getNumCol(ptr), Highs_getNumRow(ptr)) };
    let (cols, rows) = (cols.max(0) as usize, rows.max(0) as usize);
    let mut col_status: Vec<HighsInt> = vec![0; cols];
    let mut row_status: Vec<HighsInt> = vec![0; rows];
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`; `col_status` and
    // `row_status` outlive the call and hold exactly one entry per column and per row,
    // the lengths HiGHS writes (its size read just above, with nothing in between).
    let status = unsafe { Highs_getBasis(ptr, col_status.as_mut_ptr(), row_status.as_mut_ptr()) };
    if status == kHighsStatusError {
        return None;
    }
    let byte = |v: &[HighsInt]| -> Option<Vec<u8>> {
        v.iter()
            .map(|&s| {
                (0..=kHighsBasisStatusNonbasic)
                    .contains(&s)
                    .then_some(s as u8)
            })
            .collect()
    };
    Some((byte(&col_status)?, byte(&row_status)?))
}

/// Gives the model (not yet solved) the basis `col_status`, `row_status` (as
/// [`get_basis`] returns them), so that the next solve starts from it. Refuses (`false`,
/// the model then solves from scratch) when the lengths are not the model's numbers of
/// columns and rows, when a status is not one of HiGHS's, or when HiGHS refuses it (not
/// a basis of this model: the number of basic variables is wrong).
pub(super) fn set_basis(model: &mut highs::Model, col_status: &[u8], row_status: &[u8]) -> bool {
    if (col_status.len(), row_status.len()) != dimensions(model) {
        return false;
    }
    let valid = |v: &[u8]| {
        v.iter()
            .all(|&s| HighsInt::from(s) <= kHighsBasisStatusNonbasic)
    };
    if !(valid(col_status) && valid(row_status)) {
        return false;
    }
    let widen = |v: &[u8]| -> Vec<HighsInt> { v.iter().map(|&s| HighsInt::from(s)).collect() };
    let (cols, rows) = (widen(col_status), widen(row_status));
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed mutably for
    // the call; `cols` and `rows` outlive it and hold exactly one status per column and
    // per row of the model (checked above), each a `kHighsBasisStatus` value.
    let status = unsafe { Highs_setBasis(ptr, cols.as_ptr(), rows.as_ptr()) };
    status != kHighsStatusError
}

/// The number of simplex iterations of the model's last solve (0 when HiGHS cannot say).
pub(super) fn simplex_iterations(model: &highs::SolvedModel) -> u64 {
    let mut value: HighsInt = 0;
    let ptr = model.as_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `model`, borrowed for the call;
    // the name is a NUL-terminated string and `value` a writable integer, both outliving
    // the call.
    let status =
        unsafe { Highs_getIntInfoValue(ptr, c"simplex_iteration_count".as_ptr(), &mut value) };
    if status != kHighsStatusError {
        value.max(0) as u64
    } else {
        0
    }
}
