//! Warm starts between solves (`restock serve`): the optimal bases of the LPs solved so
//! far, kept by model, so that the next solve of a model of the same shape (the same
//! case with another budget, other costs or another households variant) starts from the
//! previous optimal basis instead of from scratch. A budget change keeps that basis dual
//! feasible, so the dual simplex needs a few pivots where a cold solve needs thousands.
//!
//! A basis is only ever offered to a model of the same shape: the key is the model's
//! name (the case folder, and the region when solved region by region) with its numbers
//! of columns and rows and a hash of its rows' keys. HiGHS checks it again
//! ([`super::highs_ffi::set_basis`]): a basis it refuses means a cold solve, never an
//! error. The command line never warm-starts ([`super::SolveOptions::warm`] is `None`).
//!
//! With a warm start the plan reaches the same objectives (Z1, then Z2) as a cold solve,
//! within the solver's tolerances; where the optimum is degenerate it may be another
//! optimal plan of the same objectives.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::model::RowKey;

/// The default bound on the bases kept: 64 MiB of basis statuses (one byte per column
/// and row; nederland's whole model takes about 1 MB for both stages).
pub const DEFAULT_WARM_BYTES: usize = 64 << 20;

/// Stage 1's or stage 2's basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Stage {
    /// Stage 1 (the fit).
    One,
    /// Stage 2 (the cost, with the cap on Z1 as its last row).
    Two,
}

impl Stage {
    /// 1 or 2, as error messages name the stage.
    pub(super) fn number(self) -> u8 {
        match self {
            Stage::One => 1,
            Stage::Two => 2,
        }
    }
}

/// A basis: HiGHS's status of every column and of every row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Basis {
    pub(super) cols: Vec<u8>,
    pub(super) rows: Vec<u8>,
}

impl Basis {
    fn bytes(&self) -> usize {
        self.cols.len() + self.rows.len()
    }
}

/// What identifies a model: its name and its shape.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    model: String,
    cols: usize,
    rows: usize,
    layout: u64,
}

struct Entry {
    used: u64,
    bases: BTreeMap<Stage, Basis>,
}

impl Entry {
    fn bytes(&self) -> usize {
        self.bases.values().map(Basis::bytes).sum()
    }
}

struct Bases {
    entries: BTreeMap<Key, Entry>,
    clock: u64,
    bytes: usize,
}

/// The bases kept between solves, shared by every request of a server (put it behind an
/// [`Arc`] and hand it to each solve in a [`WarmStart`]). Bounded: when the bases take
/// more than its capacity in bytes, the least recently used model's are dropped.
pub struct WarmStarts {
    bases: Mutex<Bases>,
    capacity: usize,
}

impl std::fmt::Debug for WarmStarts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmStarts")
            .field("models", &self.len())
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

impl Default for WarmStarts {
    fn default() -> Self {
        WarmStarts::with_capacity(DEFAULT_WARM_BYTES)
    }
}

impl WarmStarts {
    /// An empty store of at most [`DEFAULT_WARM_BYTES`].
    pub fn new() -> WarmStarts {
        WarmStarts::default()
    }

    /// An empty store that keeps at most `bytes` of bases (the most recently used).
    pub fn with_capacity(bytes: usize) -> WarmStarts {
        WarmStarts {
            bases: Mutex::new(Bases {
                entries: BTreeMap::new(),
                clock: 0,
                bytes: 0,
            }),
            capacity: bytes,
        }
    }

    /// The number of models whose bases are kept.
    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    /// Whether no basis is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the kept bases take.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    /// Forgets every basis.
    pub fn clear(&self) {
        let mut bases = self.lock();
        bases.entries.clear();
        bases.bytes = 0;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Bases> {
        // A panic elsewhere while holding the lock leaves only bases behind: still usable.
        self.bases.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The basis kept for `stage` of the model `key`, if any.
    fn get(&self, key: &Key, stage: Stage) -> Option<Basis> {
        let mut bases = self.lock();
        bases.clock += 1;
        let now = bases.clock;
        let entry = bases.entries.get_mut(key)?;
        entry.used = now;
        entry.bases.get(&stage).cloned()
    }

    /// Keeps `basis` for `stage` of the model `key`, then drops the least recently used
    /// models' bases while they take more than the capacity (never the one just kept).
    fn put(&self, key: &Key, stage: Stage, basis: Basis) {
        let mut bases = self.lock();
        bases.clock += 1;
        let now = bases.clock;
        let added = basis.bytes();
        let entry = bases.entries.entry(key.clone()).or_insert(Entry {
            used: now,
            bases: BTreeMap::new(),
        });
        entry.used = now;
        let removed = entry.bases.insert(stage, basis).map_or(0, |b| b.bytes());
        bases.bytes = bases.bytes + added - removed;
        while bases.bytes > self.capacity {
            let oldest = bases
                .entries
                .iter()
                .filter(|(k, _)| *k != key)
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone());
            let Some(oldest) = oldest else { break };
            if let Some(entry) = bases.entries.remove(&oldest) {
                bases.bytes -= entry.bytes();
            }
        }
    }

    #[cfg(test)]
    /// Changes every kept basis of `stage` with `change` (tests: a stale basis).
    fn change_all(&self, stage: Stage, change: impl Fn(&mut Basis)) {
        let mut bases = self.lock();
        for entry in bases.entries.values_mut() {
            if let Some(basis) = entry.bases.get_mut(&stage) {
                change(basis);
            }
        }
        bases.bytes = bases.entries.values().map(Entry::bytes).sum();
    }
}

/// What the warm starts of one or more solves did (counted over every stage and region
/// solved with the same [`WarmStart`] or its [`WarmStart::part`]s).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WarmFacts {
    /// Stages that started from a kept basis.
    pub warm: u64,
    /// Stages that had no kept basis: stage 1 solved from scratch, stage 2 from stage 1's
    /// basis (as on the command line).
    pub cold: u64,
    /// Stages whose kept basis HiGHS refused (it then solved from scratch).
    pub refused: u64,
    /// HiGHS's simplex iterations over all these stages.
    pub simplex_iterations: u64,
}

#[derive(Debug, Default)]
struct Counters {
    warm: AtomicU64,
    cold: AtomicU64,
    refused: AtomicU64,
    simplex_iterations: AtomicU64,
}

/// A solve's access to a [`WarmStarts`] store: the store, the model's name (e.g. the
/// case folder), and counters of what the warm starts did ([`WarmStart::facts`]).
#[derive(Debug, Clone)]
pub struct WarmStart {
    store: Arc<WarmStarts>,
    model: String,
    counters: Arc<Counters>,
}

impl WarmStart {
    /// Solves of the model named `model` (e.g. the case folder) using `store`.
    pub fn new(store: Arc<WarmStarts>, model: impl Into<String>) -> WarmStart {
        WarmStart {
            store,
            model: model.into(),
            counters: Arc::default(),
        }
    }

    /// The same store and counters for a part of the model (a region: `part` is added
    /// to the name).
    pub fn part(&self, part: &str) -> WarmStart {
        WarmStart {
            store: Arc::clone(&self.store),
            model: format!("{}\u{1f}{part}", self.model),
            counters: Arc::clone(&self.counters),
        }
    }

    /// The model's name.
    pub fn model(&self) -> &str {
        &self.model
    }

    /// What the warm starts did so far.
    pub fn facts(&self) -> WarmFacts {
        let c = &self.counters;
        WarmFacts {
            warm: c.warm.load(Ordering::Relaxed),
            cold: c.cold.load(Ordering::Relaxed),
            refused: c.refused.load(Ordering::Relaxed),
            simplex_iterations: c.simplex_iterations.load(Ordering::Relaxed),
        }
    }

    /// The slot of a model with `cols` columns and the rows `rows` (their keys).
    pub(super) fn slot(&self, cols: usize, rows: &[RowKey]) -> Slot {
        Slot {
            start: self.clone(),
            key: Key {
                model: self.model.clone(),
                cols,
                rows: rows.len(),
                layout: layout_hash(rows),
            },
        }
    }
}

/// One model's place in the store, for its solves.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    start: WarmStart,
    key: Key,
}

impl Slot {
    /// The basis kept for `stage`, if any.
    pub(super) fn basis(&self, stage: Stage) -> Option<Basis> {
        self.start.store.get(&self.key, stage)
    }

    /// Keeps `basis` as `stage`'s.
    pub(super) fn keep(&self, stage: Stage, basis: Basis) {
        self.start.store.put(&self.key, stage, basis);
    }

    /// Counts a stage's start: from a kept basis (`Some(true)`), refused (`Some(false)`)
    /// or none kept (`None`).
    pub(super) fn count(&self, started: Option<bool>) {
        let c = &self.start.counters;
        let counter = match started {
            Some(true) => &c.warm,
            Some(false) => &c.refused,
            None => &c.cold,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a solve's simplex iterations.
    pub(super) fn add_iterations(&self, iterations: u64) {
        let c = &self.start.counters;
        c.simplex_iterations
            .fetch_add(iterations, Ordering::Relaxed);
    }
}

/// A hash of the rows' keys (which family, place, segment, period, item and funder each
/// row is, in order): two models with the same hash and size have the same layout.
fn layout_hash(rows: &[RowKey]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for key in rows {
        std::mem::discriminant(&key.family).hash(&mut h);
        key.place.hash(&mut h);
        key.segment.hash(&mut h);
        key.period.hash(&mut h);
        key.item.as_ref().map(std::mem::discriminant).hash(&mut h);
        key.funder.hash(&mut h);
    }
    h.finish()
}

#[cfg(all(test, feature = "highs"))]
mod tests {
    use super::*;
    use crate::solve::{solve, SolveOptions};

    fn case() -> crate::case::Case {
        crate::generate::synthetic_case(&crate::generate::GenerateOptions {
            municipalities: 30,
            seed: 3,
            ..crate::generate::GenerateOptions::default()
        })
        .expect("a generated case")
    }

    /// A stale or broken basis of the right key is refused (by the checks of
    /// `set_basis` or by HiGHS): the stage solves from scratch, to the same optimum.
    #[test]
    fn a_stale_basis_is_refused_and_the_solve_is_cold_and_correct() {
        let case = case();
        let cold = solve(&case, &SolveOptions::default()).expect("cold");
        // (what, whether it must be refused): HiGHS takes a C API basis as "alien" and
        // repairs one that is not a basis (too many basic variables) rather than refuse
        // it; either way the solve must be correct.
        type Break<'a> = (&'a str, bool, &'a dyn Fn(&mut Basis));
        let breaks: [Break<'_>; 4] = [
            ("a column short", true, &|b| {
                b.cols.pop();
            }),
            ("a row too many", true, &|b| b.rows.push(1)),
            ("every variable basic", false, &|b| {
                b.cols.iter_mut().for_each(|s| *s = 1);
                b.rows.iter_mut().for_each(|s| *s = 1);
            }),
            ("not a status", true, &|b| b.cols[0] = 9),
        ];
        for (what, refused, change) in breaks {
            let store = Arc::new(WarmStarts::new());
            let warm = WarmStart::new(Arc::clone(&store), "case");
            let options = SolveOptions {
                warm: Some(warm.clone()),
                ..SolveOptions::default()
            };
            solve(&case, &options).expect("first solve");
            store.change_all(Stage::One, change);
            store.change_all(Stage::Two, change);
            let before = warm.facts();
            let plan = solve(&case, &options).expect("a stale basis is no error");
            let after = warm.facts();
            if refused {
                assert_eq!(after.refused - before.refused, 2, "{what}: {after:?}");
                assert_eq!(after.warm, before.warm, "{what}: {after:?}");
            }
            let gross = |plan: &crate::plan::Plan| crate::metrics::gross_cost_eur(&case, plan);
            let d = (gross(&plan) - gross(&cold)).abs();
            assert!(
                d <= 1e-6 * gross(&cold).abs().max(1.0),
                "{what}: gross cost {d}"
            );
            let d = (plan.stage1_mismatch - cold.stage1_mismatch).abs();
            assert!(
                d <= 1e-6 * cold.stage1_mismatch.abs().max(1.0),
                "{what}: {d}"
            );
            // The bases of the refused solve replace the broken ones: the next is warm.
            let plan = solve(&case, &options).expect("warm again");
            assert_eq!(warm.facts().warm - after.warm, 2, "{what}");
            let d = (plan.stage1_mismatch - cold.stage1_mismatch).abs();
            assert!(
                d <= 1e-6 * cold.stage1_mismatch.abs().max(1.0),
                "{what}: {d}"
            );
        }
    }

    /// The store keeps at most its capacity, dropping the least recently used model's
    /// bases, never the one just kept.
    #[test]
    fn the_store_is_bounded() {
        let store = WarmStarts::with_capacity(100);
        let key = |name: &str| Key {
            model: name.into(),
            cols: 30,
            rows: 20,
            layout: 1,
        };
        let basis = || Basis {
            cols: vec![0; 30],
            rows: vec![1; 20],
        };
        store.put(&key("a"), Stage::One, basis());
        store.put(&key("b"), Stage::One, basis());
        assert_eq!((store.len(), store.bytes()), (2, 100));
        assert!(store.get(&key("a"), Stage::One).is_some());
        store.put(&key("c"), Stage::One, basis());
        // "b" was used longest ago.
        assert_eq!(store.len(), 2);
        assert!(store.get(&key("b"), Stage::One).is_none());
        assert!(store.get(&key("a"), Stage::One).is_some());
        assert!(store.get(&key("c"), Stage::Two).is_none());
        store.put(&key("c"), Stage::Two, basis());
        assert_eq!((store.len(), store.bytes()), (1, 100));
        // One model larger than the capacity is still kept (the last one).
        let tiny = WarmStarts::with_capacity(10);
        tiny.put(&key("a"), Stage::One, basis());
        assert_eq!(tiny.len(), 1);
    }
}
