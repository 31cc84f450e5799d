//! `restock serve`: the what-if workbench in the browser. A small HTTP server (axum on
//! tokio) on the planner's own machine that serves one page ([`page`]) and the JSON API
//! it uses ([`api`]):
//!
//! - `GET /` — the page (Dutch; `?lang=en` English), with its script and style embedded
//!   in the binary (no CDN, no internet);
//! - `GET /api/cases` — the cases under the case folder with their regions, variants,
//!   settings and key figures;
//! - `POST /api/plan` — a scenario file's text (`Content-Type: application/toml`): the
//!   plan's summary.json content and links to its files under `/runs/<id>/`;
//! - `GET /runs/<id>/<file>` — a run's outputs (charts, tables, report.html,
//!   summary.json), `outputs.zip` and `scenario.toml`.
//!
//! Safety: loopback unless `--host` says otherwise; a request reaches only case folders
//! under the case folder (canonicalised, so neither `..` nor a symlink leads out);
//! bodies above [`BODY_LIMIT`] are refused (413); a bad scenario is a 400 with the
//! command line's messages; a panic while solving is caught and answered with a 500.
//! Solves run on tokio's blocking threads behind a semaphore of `--jobs` permits; every
//! run writes only into its own temporary folder, removed when the run is forgotten
//! (the last [`KEEP_RUNS`] are kept) or the server stops.

pub mod api;
pub mod page;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::oneshot;

use crate::{Error, Result};

/// The port `restock serve` listens on without `--port`.
pub const DEFAULT_PORT: u16 = 8765;
/// The largest request body accepted (1 MiB); a larger one is answered with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How many runs the server keeps (their outputs stay downloadable); older runs' folders
/// are removed.
pub const KEEP_RUNS: usize = 20;

/// How `restock serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on (loopback by default).
    pub host: IpAddr,
    /// The port (0: any free port, as the tests use).
    pub port: u16,
    /// The case folder: every sub-folder holding a settings.toml is a case.
    pub cases_dir: PathBuf,
    /// How many solves may run at the same time (`None`: one per core).
    pub jobs: Option<usize>,
    /// How many runs to keep.
    pub keep_runs: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            cases_dir: PathBuf::from("inputs"),
            jobs: None,
            keep_runs: KEEP_RUNS,
        }
    }
}

/// A running server: its address, and the way to stop it.
pub struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Server {
    /// Binds the address of `options` and serves on a thread of its own until
    /// [`Server::stop`] (or drop). Fails when the case folder does not exist or the
    /// address cannot be bound.
    pub fn start(options: &ServeOptions) -> Result<Server> {
        let (listener, state) = bind(options)?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot read the bound address: {e}")))?;
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("restock-serve".into())
            .spawn(move || {
                serve_until(listener, state, async {
                    let _ = stopped.await;
                })
            })
            .map_err(|e| Error::Usage(format!("cannot start the server thread: {e}")))?;
        Ok(Server {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The page's address, `http://host:port/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Stops the server: running requests finish, then it returns.
    pub fn stop(mut self) -> Result<()> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread
                .join()
                .map_err(|_| Error::Solve("the server thread panicked".into()))?,
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// `restock serve`: binds, calls `on_bound` with the address (the binary prints it and
/// may open a browser), and serves until Ctrl-C (or SIGTERM); then running requests finish and every
/// run's temporary folder is removed.
pub fn run(options: &ServeOptions, on_bound: impl FnOnce(SocketAddr)) -> Result<()> {
    let (listener, state) = bind(options)?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot read the bound address: {e}")))?;
    on_bound(addr);
    serve_until(listener, state, stop_signal())
}

/// Resolves on Ctrl-C (SIGINT) or, on Unix, SIGTERM: either stops the server cleanly.
async fn stop_signal() {
    let notify = Arc::new(tokio::sync::Notify::new());
    let on_ctrl_c = notify.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.notify_one();
        }
    });
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            let on_term = notify.clone();
            tokio::spawn(async move {
                term.recv().await;
                on_term.notify_one();
            });
        }
    }
    notify.notified().await;
}

/// Whether `host` is a loopback address (anything else is reachable from other machines).
pub fn is_loopback(host: IpAddr) -> bool {
    host.is_loopback()
}

fn bind(options: &ServeOptions) -> Result<(std::net::TcpListener, Arc<api::State>)> {
    let state = api::State::new(options)?;
    let addr = SocketAddr::new(options.host, options.port);
    let listener = std::net::TcpListener::bind(addr)
        .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    Ok((listener, Arc::new(state)))
}

fn serve_until(
    listener: std::net::TcpListener,
    state: Arc<api::State>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("restock-serve-io")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server's runtime: {e}")))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Usage(format!("cannot listen: {e}")))?;
        axum::serve(listener, api::router(state))
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::Usage(format!("the server stopped: {e}")))
    });
    // Solves still running on blocking threads get a moment to finish; their runs'
    // temporary folders are removed when the last reference to the state goes.
    runtime.shutdown_timeout(std::time::Duration::from_secs(10));
    result
}

/// Opens `url` in the default browser (xdg-open, open or start); a failure only prints.
pub fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("could not open a browser ({program}: {e}); open {url} yourself");
    }
}
