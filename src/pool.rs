//! The rayon thread pool of a command (`--jobs`): regions of `--by-region`, scenarios of
//! `compare` and points of `sweep` are solved in parallel on it.

use crate::{Error, Result};

/// Runs `f` on a rayon pool of `jobs` threads (default: one per core).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> T + Send) -> Result<T> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        if n == 0 {
            return Err(Error::Usage("--jobs must be at least 1".into()));
        }
        builder = builder.num_threads(n);
    }
    let pool = builder
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs:?} threads: {e}")))?;
    Ok(pool.install(f))
}
