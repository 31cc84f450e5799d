//! The JSON API of `restock serve` and the files of its runs: the router, the shared
//! [`State`] (the case folder, the solve permits, the runs kept, the cache of validated
//! cases), and the handlers.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, State as Shared};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::{OnceCell, Semaphore};

use crate::case::Case;
use crate::chart::Lang;
use crate::input::ReadTimings;
use crate::numfmt::round6;
use crate::plan::{Plan, RobustPlan};
use crate::report::{self, Summary};
use crate::scenario::Scenario;
use crate::solve::{self, SolveOptions};
use crate::{pipeline, Error, Result};

use super::{page, ServeOptions, BODY_LIMIT};

/// The name a scenario sent to `POST /api/plan` has in messages (it has no file).
pub const SCENARIO_LABEL: &str = "scenario.toml";
/// The folder, inside a run's temporary folder, that holds its outputs.
const OUT: &str = "out";
/// How many validated cases the cache keeps (case folder × variant × settings).
const CACHE_SIZE: usize = 16;

/// What every request shares.
pub struct State {
    /// The case folder, canonical.
    cases_dir: PathBuf,
    /// Its name (`inputs`): `base = "../inputs/<case>"` is read as in scenarios/.
    cases_label: String,
    /// One permit per solve (or output writing) that may run at the same time.
    permits: Arc<Semaphore>,
    /// The runs kept, oldest first, and the next run's number.
    runs: Mutex<(u64, VecDeque<Arc<Run>>)>,
    keep_runs: usize,
    /// Validated base cases, before a scenario's factors: read once, re-used while the
    /// case folder's files keep their size and modification time.
    cache: Mutex<BTreeMap<CacheKey, Cached>>,
    /// Solve region by region (in parallel) from this many municipalities on.
    by_region_from: usize,
    /// The optimal bases of the plans solved so far, by case (and region): a plan of
    /// the same case with another budget or other costs starts from them. `None` when
    /// the environment sets [`COLD_ENV`] (benchmarks/serve.sh's cold runs).
    warm: Option<Arc<solve::WarmStarts>>,
}

/// A cached case: (case folder, variant, settings overrides as TOML).
type CacheKey = (PathBuf, Option<String>, String);

struct Cached {
    stamp: Vec<(String, u64, Option<SystemTime>)>,
    case: Arc<Case>,
    used: u64,
}

/// A solved plan, kept so that its outputs can be written when first asked for.
enum Solved {
    Plain {
        case: Box<Case>,
        plan: Box<Plan>,
    },
    Robust {
        cases: Vec<Case>,
        plan: Box<RobustPlan>,
    },
}

/// One `POST /api/plan`: its scenario, its plan and its temporary folder.
struct Run {
    id: u64,
    dir: tempfile::TempDir,
    base: PathBuf,
    scenario_toml: String,
    record: crate::report::summary::ScenarioRecord,
    timings: BTreeMap<String, f64>,
    lang: Lang,
    solved: Solved,
    outputs: OnceCell<std::result::Result<(), String>>,
    zip: OnceCell<std::result::Result<(), String>>,
}

impl State {
    /// The state of a server with `options`; fails when the case folder does not exist.
    pub fn new(options: &ServeOptions) -> Result<State> {
        let cases_dir = options.cases_dir.canonicalize().map_err(|_| {
            Error::Usage(format!(
                "case folder {} not found (run restock from the project folder, or give \
                 --cases DIR)",
                options.cases_dir.display()
            ))
        })?;
        if !cases_dir.is_dir() {
            return Err(Error::Usage(format!(
                "--cases {} is not a folder",
                options.cases_dir.display()
            )));
        }
        let jobs = match options.jobs {
            Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let cases_label = cases_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(State {
            cases_dir,
            cases_label,
            permits: Arc::new(Semaphore::new(jobs)),
            runs: Mutex::new((1, VecDeque::new())),
            keep_runs: options.keep_runs.max(1),
            cache: Mutex::new(BTreeMap::new()),
            by_region_from: BY_REGION_FROM,
            warm: std::env::var_os(COLD_ENV)
                .is_none()
                .then(|| Arc::new(solve::WarmStarts::with_capacity(WARM_BYTES))),
        })
    }

    /// The case names under the case folder: its sub-folders with a settings.toml.
    fn case_names(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.cases_dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().join(crate::input::SETTINGS).is_file())
            .filter(|e| self.inside(&e.path()).is_some())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// `path` canonicalised, if it is a folder under the case folder.
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        let canonical = path.canonicalize().ok()?;
        (canonical.starts_with(&self.cases_dir)
            && canonical != self.cases_dir
            && canonical.is_dir())
        .then_some(canonical)
    }

    /// A scenario's `base`: a case name (`krimpregios`), or written as in the shipped
    /// scenario files (`../inputs/krimpregios`, relative to scenarios/). Anything else,
    /// an absolute path, `..` elsewhere, or a symlink that leads out of the case folder,
    /// is refused with a message.
    pub fn resolve_base(&self, written: &str) -> std::result::Result<PathBuf, String> {
        let parts: Vec<Component<'_>> = Path::new(written).components().collect();
        let label = std::ffi::OsStr::new(&self.cases_label);
        let name = match parts.as_slice() {
            [Component::Normal(name)] => Some(*name),
            [Component::ParentDir, Component::Normal(dir), Component::Normal(name)]
            | [Component::Normal(dir), Component::Normal(name)]
                if *dir == label =>
            {
                Some(*name)
            }
            _ => None,
        };
        let cases = self.case_names().join(", ");
        let Some(name) = name else {
            return Err(format!(
                "base = \"{written}\" is not a case of this server: write a case name, e.g. \
                 base = \"krimpregios\", or ../{}/<case> as in the scenario files (the cases \
                 are: {cases}; absolute paths and .. elsewhere are refused)",
                self.cases_label
            ));
        };
        let dir = self.cases_dir.join(name);
        match self.inside(&dir) {
            Some(canonical) => Ok(canonical),
            None if dir.exists() => Err(format!(
                "base = \"{written}\" leads out of the case folder (a link elsewhere): \
                 refused; the cases are: {cases}"
            )),
            None => Err(format!(
                "the case '{}' does not exist in the case folder; the cases are: {cases}",
                name.to_string_lossy()
            )),
        }
    }

    /// The base case of `scenario` with `variant`, validated, before the factors: from
    /// the cache when the case folder's files are unchanged.
    fn base_case(
        &self,
        scenario: &Scenario,
        variant: Option<String>,
    ) -> Result<(Case, ReadTimings)> {
        let key: CacheKey = (
            scenario.base.clone(),
            variant.clone(),
            scenario.settings.to_string(),
        );
        let stamp = stamp(&scenario.base);
        {
            let mut cache = lock(&self.cache);
            let next = cache.values().map(|c| c.used).max().unwrap_or(0) + 1;
            if let Some(hit) = cache.get_mut(&key) {
                if hit.stamp == stamp {
                    hit.used = next;
                    return Ok(((*hit.case).clone(), ReadTimings::default()));
                }
            }
        }
        let (case, timings) = scenario.read_base_case(variant, false)?;
        let mut cache = lock(&self.cache);
        let used = cache.values().map(|c| c.used).max().unwrap_or(0) + 1;
        if cache.len() >= CACHE_SIZE {
            if let Some(oldest) = cache
                .iter()
                .min_by_key(|(_, c)| c.used)
                .map(|(k, _)| k.clone())
            {
                cache.remove(&oldest);
            }
        }
        cache.insert(
            key,
            Cached {
                stamp,
                case: Arc::new(case.clone()),
                used,
            },
        );
        Ok((case, timings))
    }

    /// The scenario's case with its factors (and, in robust mode, one per variant),
    /// solved; a plain plan warm, from the bases of the last plan of the same case
    /// (what the warm starts did is returned with it).
    fn solve(
        &self,
        scenario: &Scenario,
    ) -> Result<(Solved, BTreeMap<String, f64>, Option<solve::WarmFacts>)> {
        let (case, mut read) = self.base_case(scenario, scenario.households_variant.clone())?;
        let clock = Instant::now();
        let case = scenario.finish_case(case)?;
        read.validate += clock.elapsed().as_secs_f64();
        let options = SolveOptions {
            by_region: case.municipalities.len() >= self.by_region_from,
            ..SolveOptions::default()
        };
        let mut timings = BTreeMap::new();
        let mut warm_facts = None;
        let solved = match case.settings.robust.clone() {
            None => {
                let warm = self.warm.as_ref().map(|store| {
                    solve::WarmStart::new(Arc::clone(store), scenario.base.display().to_string())
                });
                let options = SolveOptions {
                    warm: warm.clone(),
                    ..options
                };
                let plan = pipeline::solve_case(&case, &options)?;
                warm_facts = warm.map(|w| w.facts());
                Solved::Plain {
                    case: Box::new(case),
                    plan: Box::new(plan),
                }
            }
            Some(robust) => {
                let mut cases = Vec::with_capacity(robust.variants.len());
                for v in &robust.variants {
                    let (c, t) = self.base_case(scenario, Some(v.clone()))?;
                    read.read += t.read;
                    read.validate += t.validate;
                    cases.push(scenario.finish_case(c)?);
                }
                let plan = solve::solve_robust(&cases, &options)?;
                Solved::Robust {
                    cases,
                    plan: Box::new(plan),
                }
            }
        };
        timings.insert("read".to_string(), round6(read.read));
        timings.insert("validate".to_string(), round6(read.validate));
        Ok((solved, timings, warm_facts))
    }

    /// `POST /api/plan`'s work: reads the scenario text, solves it, keeps the run and
    /// answers summary.json's content with the run's number and links.
    fn plan(&self, text: &str, lang: Lang) -> Result<Value> {
        let started = Instant::now();
        let scenario = Scenario::from_text(Path::new(SCENARIO_LABEL), text, &|written| {
            self.resolve_base(written)
        })?;
        let (solved, mut timings, warm) = self.solve(&scenario)?;
        let mut summary = match &solved {
            Solved::Plain { case, plan } => {
                let mut t = timings.clone();
                t.extend(plan.timings.iter().map(|(k, v)| (k.clone(), *v)));
                Summary::new(case, plan, t)
            }
            Solved::Robust { cases, plan } => {
                let mut t = timings.clone();
                t.extend(plan.timings.iter().map(|(k, v)| (k.clone(), *v)));
                Summary::new_robust(cases, plan, t)
            }
        };
        let record = scenario.record();
        summary.scenario = Some(record.clone());
        summary
            .timings
            .insert("serve".to_string(), round6(started.elapsed().as_secs_f64()));
        timings.extend(summary.timings.clone());
        let dir = tempfile::Builder::new()
            .prefix("restock-serve-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let id = {
            let mut runs = lock(&self.runs);
            let id = runs.0;
            runs.0 += 1;
            id
        };
        let run = Arc::new(Run {
            id,
            dir,
            base: scenario.base.clone(),
            scenario_toml: text.to_string(),
            record,
            timings,
            lang,
            solved,
            outputs: OnceCell::new(),
            zip: OnceCell::new(),
        });
        {
            let mut runs = lock(&self.runs);
            runs.1.push_back(run);
            while runs.1.len() > self.keep_runs {
                runs.1.pop_front();
            }
        }
        let mut answer = serde_json::to_value(&summary)
            .map_err(|e| Error::Solve(format!("the summary cannot be written as JSON: {e}")))?;
        if let Value::Object(map) = &mut answer {
            map.insert("run".into(), json!(id));
            map.insert("links".into(), links(id));
            if let Some(w) = warm {
                map.insert(
                    "warm_start".into(),
                    json!({
                        "stages_warm": w.warm,
                        "stages_cold": w.cold,
                        "bases_refused": w.refused,
                        "simplex_iterations": w.simplex_iterations,
                    }),
                );
            }
        }
        Ok(answer)
    }

    fn run(&self, id: u64) -> Option<Arc<Run>> {
        lock(&self.runs).1.iter().find(|r| r.id == id).cloned()
    }
}

/// At most this many bytes of kept bases (one byte per column and row; a plan of
/// nederland keeps about 1 MB): far more than [`CACHE_SIZE`] cases of the shipped size.
const WARM_BYTES: usize = solve::DEFAULT_WARM_BYTES;

/// When this environment variable is set, the server solves every plan from scratch (no
/// warm starts): for measuring what they save (benchmarks/serve.sh).
pub const COLD_ENV: &str = "RESTOCK_SERVE_COLD";

/// From this many municipalities on, a request is solved region by region in parallel
/// (the same optimum, docs/performance.md): nederland, not the default case.
pub const BY_REGION_FROM: usize = 100;

/// The links of run `id`'s files.
fn links(id: u64) -> Value {
    let base = format!("/runs/{id}");
    json!({
        "files": format!("{base}/files"),
        "report": format!("{base}/report.html"),
        "summary": format!("{base}/summary.json"),
        "zip": format!("{base}/outputs.zip"),
        "scenario": format!("{base}/scenario.toml"),
    })
}

impl Run {
    fn out(&self) -> PathBuf {
        self.dir.path().join(OUT)
    }

    /// Writes every output of the plan into the run's folder (report::write_outputs,
    /// as `restock plan` does) and the scenario beside them.
    fn write_outputs(&self) -> Result<()> {
        let mut info = pipeline::run_info(&self.base, self.timings.clone(), self.lang)?;
        info.scenario = Some(self.record.clone());
        let out = self.out();
        match &self.solved {
            Solved::Plain { case, plan } => report::write_outputs(case, plan, &out, &info)?,
            Solved::Robust { cases, plan } => {
                report::write_robust_outputs(cases, plan, &out, &info)?
            }
        };
        let path = out.join(SCENARIO_LABEL);
        std::fs::write(&path, &self.scenario_toml).map_err(|e| Error::io(&path, e))
    }

    /// outputs.zip: every output file and the scenario, in name order.
    fn write_zip(&self) -> Result<()> {
        let path = self.dir.path().join("outputs.zip");
        let file = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let zip_err = |e: zip::result::ZipError| Error::io(&path, std::io::Error::other(e));
        for (name, file) in files(&self.out()) {
            zip.start_file(name.as_str(), options).map_err(zip_err)?;
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            std::io::Write::write_all(&mut zip, &bytes).map_err(|e| Error::io(&path, e))?;
        }
        zip.finish().map_err(zip_err)?;
        Ok(())
    }
}

/// Every file under `dir` as (relative name with `/`, path), in name order.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            let path = e.path();
            if path.is_dir() {
                walk(&path, &format!("{name}/"), out);
            } else {
                out.push((name, path));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out.sort();
    out
}

/// The size and modification time of every file of a case folder: the cache's check
/// that nothing changed.
fn stamp(dir: &Path) -> Vec<(String, u64, Option<SystemTime>)> {
    let mut stamp: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let meta = std::fs::metadata(e.path()).ok()?;
                    Some((
                        e.file_name().to_string_lossy().into_owned(),
                        meta.len(),
                        meta.modified().ok(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    stamp.sort();
    stamp
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The router of the page, the API and the runs' files.
pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(page_html))
        .route("/assets/app.js", get(app_js))
        .route("/assets/app.css", get(app_css))
        .route("/api/cases", get(cases))
        .route("/api/plan", post(plan))
        .route("/runs/{id}/{*path}", get(run_file))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// `?lang=en` (or a Lang named otherwise): English; Dutch by default.
fn lang_of(uri: &Uri) -> Lang {
    let english = uri
        .query()
        .unwrap_or("")
        .split('&')
        .any(|kv| kv == "lang=en");
    if english {
        Lang::En
    } else {
        Lang::Nl
    }
}

async fn page_html(uri: Uri) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::html(lang_of(&uri)),
    )
        .into_response()
}

async fn app_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        page::APP_JS,
    )
        .into_response()
}

async fn app_css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        page::app_css(),
    )
        .into_response()
}

/// An error answer: `{ "errors": [ … ] }` with `status`.
pub fn errors(status: StatusCode, messages: Vec<String>) -> Response {
    (status, Json(json!({ "errors": messages }))).into_response()
}

/// The HTTP answer of a library error: 400 with every input problem, as the command
/// line prints them, for bad input; 500 otherwise.
fn error_response(error: Error) -> Response {
    match error {
        Error::Input(problems) => errors(
            StatusCode::BAD_REQUEST,
            problems.iter().map(ToString::to_string).collect(),
        ),
        Error::Usage(message) => errors(StatusCode::BAD_REQUEST, vec![message]),
        other => errors(StatusCode::INTERNAL_SERVER_ERROR, vec![other.to_string()]),
    }
}

/// Runs `work` on a blocking thread behind a permit, catching a panic.
async fn blocking<T: Send + 'static>(
    state: &Arc<State>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> std::result::Result<T, Response> {
    let permit = state.permits.clone().acquire_owned().await.map_err(|_| {
        errors(
            StatusCode::SERVICE_UNAVAILABLE,
            vec!["the server is stopping".into()],
        )
    })?;
    let joined = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        catch_unwind(AssertUnwindSafe(work))
    })
    .await;
    match joined {
        Ok(Ok(Ok(value))) => Ok(value),
        Ok(Ok(Err(error))) => Err(error_response(error)),
        Ok(Err(panic)) => Err(errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![format!("internal error: {}", panic_message(&panic))],
        )),
        Err(e) => Err(errors(
            StatusCode::INTERNAL_SERVER_ERROR,
            vec![format!("internal error: {e}")],
        )),
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic while solving".into())
}

/// `GET /api/cases`.
async fn cases(Shared(state): Shared<Arc<State>>) -> Response {
    let st = state.clone();
    match blocking(&state, move || Ok(st.describe_cases())).await {
        Ok(value) => Json(value).into_response(),
        Err(response) => response,
    }
}

impl State {
    /// Every case with its regions, variants, settings and key figures (or its
    /// problems, for a case that does not read).
    fn describe_cases(&self) -> Value {
        let mut out = Vec::new();
        for name in self.case_names() {
            let dir = self.cases_dir.join(&name);
            let scenario = Scenario::from_case_dir(&dir);
            let mut entry = json!({
                "name": name,
                "base": format!("../{}/{name}", self.cases_label),
            });
            match self.base_case(&scenario, None) {
                Ok((case, _)) => {
                    if let Value::Object(map) = &mut entry {
                        if let Value::Object(more) = describe(&case, &variants(&dir)) {
                            map.extend(more);
                        }
                    }
                }
                Err(error) => {
                    let messages: Vec<String> = match error {
                        Error::Input(problems) => problems.iter().map(|p| p.to_string()).collect(),
                        other => vec![other.to_string()],
                    };
                    entry["errors"] = json!(messages);
                }
            }
            out.push(entry);
        }
        json!({ "cases": out })
    }
}

/// A case's regions, variants, settings and key figures as JSON.
fn describe(case: &Case, variants: &[String]) -> Value {
    let s = &case.settings;
    let last = case.periods.len();
    let households = |t: usize| -> f64 { case.households.iter().map(|h| h[t]).sum() };
    let dwellings: f64 = case.stock0.iter().flatten().sum();
    let budget: f64 = case.budget_eur.iter().flatten().sum();
    let robust = s.robust.as_ref().map(|r| {
        json!({
            "variants": r.variants,
            "weights": r.weights,
            "criterion": r.criterion.as_str(),
            "commit_periods": r.commit_periods,
        })
    });
    let funders: Vec<Value> = case
        .funders
        .names
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let total: f64 = case
                .funders
                .budget_eur
                .get(g)
                .map(|r| r.iter().flatten().sum())
                .unwrap_or(0.0);
            json!({ "name": name, "budget_eur": round6(total) })
        })
        .collect();
    json!({
        "regions": case.regions,
        "variants": variants,
        "segments": case.segments.iter().map(|s| &s.label).collect::<Vec<_>>(),
        "funders": funders,
        "settings": {
            "base_year": s.base_year,
            "milestones": s.milestones,
            "households_variant": s.households_variant,
            "friction_vacancy": s.friction_vacancy,
            "max_removal_share_per_year": s.max_removal_share_per_year,
            "max_new_build_share_per_year": s.max_new_build_share_per_year,
            "budget_carry_over": s.budget_carry_over,
            "robust": robust,
        },
        "figures": {
            "municipalities": case.municipalities.len(),
            "regions": case.regions.len(),
            "segments": case.segments.len(),
            "dwellings": round6(dwellings),
            "households_base_year": round6(households(0)),
            "households_last_year": round6(households(last)),
            "last_year": case.periods.last().map(|p| p.end),
            "budget_eur": round6(budget),
            "warnings": case.warnings.len(),
        },
    })
}

/// The households variants households.csv names (its `variant` column), in name order.
fn variants(dir: &Path) -> Vec<String> {
    let path = dir.join(crate::input::HOUSEHOLDS);
    let Ok(bytes) = std::fs::read(&path) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let Some(column) = reader.headers().ok().and_then(|h| {
        h.iter()
            .position(|c| c.trim().trim_start_matches('\u{feff}') == "variant")
    }) else {
        return Vec::new();
    };
    let names: BTreeSet<String> = reader
        .records()
        .flatten()
        .filter_map(|r| r.get(column).map(|v| v.trim().to_string()))
        .filter(|v| !v.is_empty())
        .collect();
    names.into_iter().collect()
}

/// `POST /api/plan`.
async fn plan(
    Shared(state): Shared<Arc<State>>,
    uri: Uri,
    headers: HeaderMap,
    body: std::result::Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let status = rejection.status();
            let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                format!(
                    "{SCENARIO_LABEL}: the request is larger than {} KiB: send a scenario \
                     file's text",
                    BODY_LIMIT / 1024
                )
            } else {
                format!("{SCENARIO_LABEL}: {}", rejection.body_text())
            };
            return errors(status, vec![message]);
        }
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/toml");
    let mime = content_type.split(';').next().unwrap_or("").trim();
    if !matches!(mime, "application/toml" | "text/toml" | "text/plain" | "") {
        return errors(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            vec![format!(
                "{SCENARIO_LABEL}: send the scenario file's text with Content-Type: \
                 application/toml, not {mime}"
            )],
        );
    }
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        return errors(
            StatusCode::BAD_REQUEST,
            vec![format!(
                "{SCENARIO_LABEL}: not UTF-8 text: save the scenario file as UTF-8 (TOML \
                 requires it)"
            )],
        );
    };
    let lang = lang_of(&uri);
    let st = state.clone();
    match blocking(&state, move || st.plan(&text, lang)).await {
        Ok(value) => Json(value).into_response(),
        Err(response) => response,
    }
}

/// A file name under a run's folder: plain names separated by `/`, nothing else.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return None;
        }
        out.push(part);
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "csv" => "text/csv; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "toml" => "application/toml; charset=utf-8",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

/// Writes the run's outputs once (later requests wait for the first).
async fn ensure_outputs(state: &Arc<State>, run: &Arc<Run>) -> std::result::Result<(), Response> {
    let result = run
        .outputs
        .get_or_init(|| async {
            let r = run.clone();
            blocking(state, move || r.write_outputs())
                .await
                .map_err(|_| "the outputs of this run could not be written".to_string())
        })
        .await;
    result
        .clone()
        .map_err(|message| errors(StatusCode::INTERNAL_SERVER_ERROR, vec![message]))
}

/// `GET /runs/<id>/<file>`: `scenario.toml`, `files` (the list of charts and tables),
/// `outputs.zip`, or any output file.
async fn run_file(
    Shared(state): Shared<Arc<State>>,
    UrlPath((id, path)): UrlPath<(String, String)>,
) -> Response {
    let not_found = || {
        errors(
            StatusCode::NOT_FOUND,
            vec![format!(
                "no file {path} in run {id} (the server keeps the last {} runs)",
                state.keep_runs
            )],
        )
    };
    let Some(run) = id.parse::<u64>().ok().and_then(|id| state.run(id)) else {
        return not_found();
    };
    let Some(relative) = safe_relative(&path) else {
        return not_found();
    };
    if path == SCENARIO_LABEL {
        return download(SCENARIO_LABEL, run.scenario_toml.clone().into_bytes(), true);
    }
    if let Err(response) = ensure_outputs(&state, &run).await {
        return response;
    }
    let out = run.out();
    if path == "files" {
        let all = files(&out);
        let url = |name: &str| format!("/runs/{}/{name}", run.id);
        let charts: Vec<String> = all
            .iter()
            .filter(|(n, _)| n.starts_with("charts/") && n.ends_with(".svg"))
            .map(|(n, _)| url(n))
            .collect();
        let tables: Vec<String> = all
            .iter()
            .filter(|(n, _)| !n.contains('/') && n.ends_with(".csv"))
            .map(|(n, _)| url(n))
            .collect();
        let explanations = all
            .iter()
            .find(|(n, _)| n == "explanations.csv")
            .map(|(n, _)| url(n));
        return Json(json!({
            "charts": charts,
            "tables": tables,
            "explanations": explanations,
            "all": all.iter().map(|(n, _)| url(n)).collect::<Vec<_>>(),
        }))
        .into_response();
    }
    if path == "outputs.zip" {
        let r = run.clone();
        let made = run
            .zip
            .get_or_init(|| async {
                blocking(&state, move || r.write_zip())
                    .await
                    .map_err(|_| "the zip of this run could not be written".to_string())
            })
            .await
            .clone();
        if let Err(message) = made {
            return errors(StatusCode::INTERNAL_SERVER_ERROR, vec![message]);
        }
        return match std::fs::read(run.dir.path().join("outputs.zip")) {
            Ok(bytes) => download(&format!("restock-run-{}.zip", run.id), bytes, true),
            Err(_) => not_found(),
        };
    }
    let file = out.join(relative);
    let inside = match (file.canonicalize(), out.canonicalize()) {
        (Ok(f), Ok(o)) => f.starts_with(&o) && f.is_file(),
        _ => false,
    };
    if !inside {
        return not_found();
    }
    match std::fs::read(&file) {
        Ok(bytes) => download(&path, bytes, false),
        Err(_) => not_found(),
    }
}

fn download(name: &str, bytes: Vec<u8>, attachment: bool) -> Response {
    let file_name = name.rsplit('/').next().unwrap_or(name).to_string();
    let mut response = ([(header::CONTENT_TYPE, content_type(name))], bytes).into_response();
    if attachment {
        if let Ok(value) = format!("attachment; filename=\"{file_name}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}
