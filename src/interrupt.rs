//! Ctrl-C during `--integer`: the first interrupt asks the running MIP to stop (HiGHS
//! checks [`requested`] in its interrupt callback) and the run then writes the best
//! whole-dwelling plan found so far, marked `interrupted`; a second interrupt ends the
//! process at once (exit code 130), as Ctrl-C normally would.
//!
//! The handler only sets an atomic flag (async-signal-safe); everything else happens in
//! the solver's own thread. [`install`] is called by the binary for `restock plan
//! --integer`; without it Ctrl-C ends the process as usual.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Whether an interrupt (Ctrl-C, or [`request`]) asked the solve to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Asks the running solve to stop as Ctrl-C does (for tests and embedding programs).
pub fn request() {
    REQUESTED.store(true, Ordering::Relaxed);
}

/// Forgets an earlier interrupt, so that the next solve runs to its end or limit.
pub fn clear() {
    REQUESTED.store(false, Ordering::Relaxed);
}

extern "C" fn on_sigint(_signal: libc::c_int) {
    if REQUESTED.swap(true, Ordering::Relaxed) {
        // SAFETY: `_exit` is async-signal-safe and takes any status.
        unsafe { libc::_exit(130) };
    }
}

/// Installs the Ctrl-C (SIGINT) handler described in the module documentation. Returns
/// whether the system accepted it.
pub fn install() -> bool {
    let handler = on_sigint as extern "C" fn(libc::c_int);
    // SAFETY: `signal` installs a handler for SIGINT; the handler only touches an atomic
    // and calls the async-signal-safe `_exit`, so it may run at any point.
    let previous = unsafe { libc::signal(libc::SIGINT, handler as libc::sighandler_t) };
    previous != libc::SIG_ERR
}
