//! The command line: clap types only, resolved once into the library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use restock::chart::Lang;
use restock::import::{CaseChoices, CaseTexts, CbsSources, ImportOptions, Selection};
use restock::pipeline::{OutputOptions, PipelineOptions};
use restock::scenario::Parameter;
use restock::solve::{SolveOptions, SolverChoice, DEFAULT_MIP_GAP};

/// The case planned when no folder is given.
pub const DEFAULT_CASE: &str = "inputs/krimpregios";

const EXAMPLES: &str = "\
Examples:
  restock                                   plan the default case (inputs/krimpregios)
  restock plan inputs/krimpregios           the same, explicitly
  restock plan inputs/example               a small illustrative case (made-up numbers)
  restock plan mycase --variant krimp       use the households variant `krimp`
  restock plan mycase --out results/krimp   write the outputs elsewhere
  restock plan mycase --integer             whole dwellings (a MIP, HiGHS only; stops
                                            after 60 s with the best plan so far,
                                            --time-limit to change; Ctrl-C stops early)
  restock plan mycase --robust              one commitment that holds up under every variant
  restock plan mycase --lang en             charts, report.html and report.xlsx in English
  restock plan bigcase --by-region          solve region by region, in parallel (large cases)
  restock validate mycase                   check a case folder without solving
  restock plan --scenario scenarios/budget-min20.toml
                                            plan a what-if scenario (docs/scenarios.md)
  restock compare scenarios/basis.toml scenarios/budget-min20.toml
                                            scenarios side by side
  restock sweep --budget-factor 0.5:1.5:0.1 mismatch against money, with the knee

Exit codes: 0 success, 2 invalid input or usage, 1 anything else (e.g. solver failure).";

/// restock: plan sloop (demolition), herstructurering (transformation) and new build of
/// the housing stock in regions where households decline.
#[derive(Debug, Parser)]
#[command(name = "restock", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do; without a command, `plan` runs on the default case.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve a case and write plan.csv, balance.csv, budget.csv, summary.json, the charts,
    /// report.html and report.xlsx.
    #[command(after_help = EXAMPLES)]
    Plan(PlanArgs),
    /// Read and check a case folder; print what it holds, or every problem found.
    Validate(ValidateArgs),
    /// Build a case folder from the CBS "Kerncijfers wijken en buurten" municipality file.
    #[command(after_help = IMPORT_EXAMPLES)]
    ImportCbs(ImportCbsArgs),
    /// Add a planner's own household projection (a StatLine or Primos table: one row per
    /// municipality, one column per year) to a case's households.csv as a named variant.
    ImportHouseholds(ImportHouseholdsArgs),
    /// Solve several scenario files and put them side by side: comparison.csv, the input
    /// differences, charts and report.html.
    #[command(after_help = COMPARE_EXAMPLES)]
    Compare(CompareArgs),
    /// Solve a case (or scenario) at every value of one setting, in parallel: sweep.csv
    /// and the mismatch–money curve with its knee.
    #[command(after_help = SWEEP_EXAMPLES)]
    Sweep(SweepArgs),
    /// The what-if workbench in the browser: a page on this machine (default
    /// http://127.0.0.1:8765/) to pick a case, change budgets, costs and settings, press
    /// Bereken and compare the plans; and the JSON API it uses.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// Write a synthetic case folder (realistic sizes, mixes, declines, costs, budgets),
    /// for benchmarks and tests. The same seed gives the same files.
    Generate(GenerateArgs),
}

const COMPARE_EXAMPLES: &str = "\
Examples:
  restock compare scenarios/basis.toml scenarios/budget-min20.toml scenarios/sloop-duurder.toml
  restock compare scenarios/*.toml --out results/scenarios

A scenario file names a base case and what differs from it (households variant, settings,
factors on budgets, costs and households); see docs/scenarios.md. The first file is the
reference of the input differences. Outputs (default outputs/compare/): comparison.csv,
input_diff.md, charts/, report.html, and every scenario's own plan in plans/.

Exit codes: 0 success, 2 invalid input or usage, 1 anything else (e.g. solver failure).";

const SWEEP_EXAMPLES: &str = "\
Examples:
  restock sweep --budget-factor 0:2:0.1                 the default case, budgets × 0 … × 2
  restock sweep inputs/example --friction 0.01:0.05:0.005
  restock sweep --scenario scenarios/sterke-krimp.toml --budget-factor 0.5:1.5:0.25

FROM:TO:STEP includes TO when it is a whole number of steps from FROM (at most 1000
points). Every point is its own LP; they are solved in parallel (--jobs). A budget factor
multiplies every region's budget in every year, on top of a scenario's own factors.
Outputs (default outputs/sweep-<case or scenario>-budget/ or -friction/, one folder per
swept setting): sweep.csv, charts/sweep.svg and .png
with the knee marked, report.html.

Exit codes: 0 success, 2 invalid input or usage, 1 anything else (e.g. solver failure).";

/// The solver flags of `plan`, `compare` and `sweep`.
#[derive(Debug, Clone, clap::Args)]
pub struct SolverFlags {
    /// Plan whole dwellings: demolition, new build and transformations as integers (MIP).
    /// A MIP can take far longer than the LP: without --time-limit the run stops after
    /// 60 s (enough for the example and the default case to reach the default gap) and
    /// writes the best whole-dwelling plan found, marked time_limit with its gap. A first
    /// whole-dwelling plan (the LP optimum rounded down and repaired) exists within a
    /// second; Ctrl-C stops the search and writes the best plan so far.
    #[arg(long)]
    pub integer: bool,
    /// Relative MIP gap for --integer: stop when the plan is at most this much dearer than
    /// the best plan could be. The default 0.001 ("at most 0.1 % dearer") is far finer
    /// than the costs and budgets are known; closing the last tenth of a percent is where
    /// a MIP spends its minutes. Stage 1 (the fit) closes its gap to 0.0001.
    #[arg(long, default_value_t = DEFAULT_MIP_GAP, value_name = "GAP")]
    pub mip_gap: f64,
    /// The solver.
    #[arg(long, value_enum, default_value_t = default_solver())]
    pub solver: SolverArg,
    /// Time limit for the whole solve in seconds: stage 1 first, stage 2 gets what is
    /// left (with --integer stage 1 takes at most half; with --by-region the regions share
    /// it). A plan stopped by it is written and marked as not proven optimal. Default:
    /// none for an LP, 60 for --integer.
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
}

impl Default for SolverFlags {
    fn default() -> Self {
        SolverFlags {
            integer: false,
            mip_gap: DEFAULT_MIP_GAP,
            solver: default_solver(),
            time_limit: None,
        }
    }
}

impl SolverFlags {
    /// The library's options for these flags, `lang` and `--by-region`; with `progress`,
    /// a progress bar while solving region by region.
    fn options(&self, lang: LangArg, by_region: bool, progress: bool) -> PipelineOptions {
        PipelineOptions {
            solve: SolveOptions {
                solver: self.solver.into(),
                integer: self.integer,
                mip_gap: self.mip_gap,
                time_limit: self.time_limit,
                by_region,
                progress: Default::default(),
                warm: None,
            },
            output: OutputOptions {
                lang: lang.into(),
                progress,
            },
            robust: false,
        }
    }
}

/// The solver options shared by `compare` and `sweep`.
#[derive(Debug, Clone, clap::Args)]
pub struct SolveArgs {
    /// Solver, MIP and time limit.
    #[command(flatten)]
    pub flags: SolverFlags,
    /// The language of the charts and report.html.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// How many problems to solve at the same time [default: one per core].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Solve every region on its own (in parallel) and join the plans: the same optimum,
    /// far less memory for very large cases.
    #[arg(long)]
    pub by_region: bool,
}

impl SolveArgs {
    /// The library's options: compare and sweep show their own progress, per scenario or
    /// point, so none while solving region by region.
    pub fn options(&self) -> PipelineOptions {
        self.flags.options(self.lang, self.by_region, false)
    }
}

/// The output folder: `out` when given, else outputs/<name>.
pub fn out_dir(out: &Option<PathBuf>, name: &str) -> PathBuf {
    out.clone()
        .unwrap_or_else(|| PathBuf::from("outputs").join(name))
}

/// Arguments of `restock compare`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompareArgs {
    /// Two or more scenario files (TOML); the first is the reference.
    #[arg(required = true, num_args = 2.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output folder [default: outputs/compare].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Solver, language and parallelism.
    #[command(flatten)]
    pub solve: SolveArgs,
}

impl CompareArgs {
    /// The output folder: `--out`, or outputs/compare.
    pub fn out_dir(&self) -> PathBuf {
        out_dir(&self.out, "compare")
    }
}

/// Arguments of `restock sweep`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("grid").required(true).args(["budget_factor", "friction"])))]
pub struct SweepArgs {
    /// The case folder [default: inputs/krimpregios].
    #[arg(conflicts_with = "scenario")]
    pub case_dir: Option<PathBuf>,
    /// Sweep a scenario file instead of a case folder.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Factors on every region's budget: FROM:TO:STEP, e.g. 0.5:1.5:0.1.
    #[arg(long, value_name = "FROM:TO:STEP", allow_hyphen_values = true)]
    pub budget_factor: Option<String>,
    /// Values of settings friction_vacancy: FROM:TO:STEP, e.g. 0.01:0.05:0.005.
    #[arg(long, value_name = "FROM:TO:STEP", allow_hyphen_values = true)]
    pub friction: Option<String>,
    /// Output folder [default: outputs/sweep-<case folder or scenario file name>-budget,
    /// or -friction: one folder per swept setting].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Solver, language and parallelism.
    #[command(flatten)]
    pub solve: SolveArgs,
}

impl SweepArgs {
    /// The case folder when no scenario is given (the default case without either).
    pub fn case_dir(&self) -> PathBuf {
        self.case_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CASE))
    }

    /// The grid option given (exactly one is, clap checks it): the parameter and its text.
    pub fn grid(&self) -> (Parameter, &str) {
        match (&self.budget_factor, &self.friction) {
            (Some(text), _) => (Parameter::BudgetFactor, text),
            (None, Some(text)) => (Parameter::FrictionVacancy, text),
            (None, None) => (Parameter::BudgetFactor, ""),
        }
    }

    /// The output folder: `--out`, or outputs/sweep-<name>-budget (or -friction): one
    /// folder per swept setting, so a sweep of one setting never replaces another's.
    pub fn out_dir(&self, name: &str) -> PathBuf {
        let setting = match self.grid().0 {
            Parameter::BudgetFactor => "budget",
            Parameter::FrictionVacancy => "friction",
        };
        out_dir(&self.out, &format!("sweep-{name}-{setting}"))
    }
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  restock import-cbs kwb-2019.csv --municipalities GM0917,GM0928 --region Parkstad \\
      --out mycase
  restock import-cbs data/raw/cbs/kwb2019_gemeenten_raw.csv \\
      --regions data/regions/krimpregios_2019.csv \\
      --kwb-later data/raw/cbs/kwb2024_85984NED_gemeenten.csv \\
      --mapping data/regions/herindelingen_2019_2024.csv --out mycase

The file is read as CBS publishes it (';', decimal comma, '.' for secret values); columns
are found by name. Every assumption (costs, transformations, budgets, household variants)
comes from --assumptions (default: the built-in data/assumptions.toml) and is listed in the
case's README.md. scripts/regenerate-cases.sh rebuilds the shipped cases.

Exit codes: 0 success, 2 invalid input or usage (e.g. a missing column), 1 anything else.";

/// Arguments of `restock import-households`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportHouseholdsArgs {
    /// The projection table (`;` and Dutch numbers such as 12.345 or 1.234,5, or `,`).
    pub table: PathBuf,
    /// The case folder whose households.csv receives the variant.
    #[arg(long, value_name = "CASE_DIR")]
    pub case: PathBuf,
    /// The variant's name (its rows are replaced if households.csv has them).
    #[arg(long, value_name = "NAME")]
    pub variant: String,
}

/// Arguments of `restock import-cbs`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).args(["municipalities", "regions"])))]
pub struct ImportCbsArgs {
    /// Municipality codes (GM0917 or 0917), separated by commas; they form one region.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub municipalities: Vec<String>,
    /// The region name for --municipalities.
    #[arg(
        long,
        default_value = "Regio",
        requires = "municipalities",
        value_name = "NAME"
    )]
    pub region: String,
    /// CSV file: municipality code and region (budget unit) per row.
    #[arg(long, value_name = "FILE")]
    pub regions: Option<PathBuf>,
    /// The case folder to write (replaced as a whole if it was made by import-cbs).
    #[arg(long, value_name = "CASE_DIR")]
    pub out: PathBuf,
    /// The CBS files: the base-year KWB file and, optionally, a later one.
    #[command(flatten)]
    pub sources: CbsSources,
    /// The assumptions, the municipal boundaries and the households variant.
    #[command(flatten)]
    pub choices: CaseChoices,
    /// The case's title, subtitle, README.md notes and LEESMIJ.md.
    #[command(flatten)]
    pub texts: CaseTexts,
}

impl ImportCbsArgs {
    /// The library's options, and the case folder to write them to.
    pub fn resolve(self) -> (ImportOptions, PathBuf) {
        let selection = match self.regions {
            Some(path) => Selection::Regions(path),
            None => Selection::Municipalities {
                codes: self.municipalities,
                region: self.region,
            },
        };
        let options = ImportOptions {
            sources: self.sources,
            selection,
            choices: self.choices,
            texts: self.texts,
        };
        (options, self.out)
    }
}

/// The solver names accepted by `--solver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolverArg {
    /// HiGHS: exact simplex corner solutions, MIP and duals (default).
    Highs,
    /// Clarabel: pure-Rust interior point, no MIP.
    Clarabel,
}

/// The languages accepted by `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Dutch: labels and numbers as Dutch readers write them (45.834; € 1,2 mln).
    Nl,
    /// English (45,834; €1.2 M).
    En,
}

impl From<SolverArg> for SolverChoice {
    fn from(arg: SolverArg) -> Self {
        match arg {
            SolverArg::Highs => SolverChoice::Highs,
            SolverArg::Clarabel => SolverChoice::Clarabel,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Self {
        match arg {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

/// Arguments of `restock plan`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("parallel").multiple(true).args(["by_region", "robust"])))]
pub struct PlanArgs {
    /// The case folder [default: inputs/krimpregios].
    pub case_dir: Option<PathBuf>,
    /// Plan a scenario file instead of a case folder: its base case with its variant,
    /// settings and factors (see docs/scenarios.md).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["case_dir", "variant"])]
    pub scenario: Option<PathBuf>,
    /// Output folder [default: outputs/<case folder name>, or outputs/<scenario file
    /// name> with --scenario].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Households variant to use, overriding settings.toml's households_variant.
    #[arg(long)]
    pub variant: Option<String>,
    /// Solver, MIP and time limit.
    #[command(flatten)]
    pub flags: SolverFlags,
    /// The language of the charts, report.html and report.xlsx.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
    /// Solve every region on its own, in parallel, and join the plans: the same optimum
    /// (see docs/performance.md), far less memory and time for very large cases. Shows
    /// progress on a terminal.
    #[arg(long)]
    pub by_region: bool,
    /// How many regions to solve at the same time with --by-region or --robust (a robust
    /// plan is solved region by region with HiGHS) [default: one per core].
    #[arg(long, value_name = "N", requires = "parallel")]
    pub jobs: Option<usize>,
    /// Robust plan over the households variants (spec v2 §6b): one commitment for the
    /// first period(s) that holds up under every variant; settings.toml's [robust] table,
    /// or its defaults (every variant, equal weights, "expected", 1 period).
    #[arg(long)]
    pub robust: bool,
}

impl Default for PlanArgs {
    fn default() -> Self {
        PlanArgs {
            case_dir: None,
            scenario: None,
            out: None,
            variant: None,
            flags: SolverFlags::default(),
            lang: LangArg::Nl,
            by_region: false,
            jobs: None,
            robust: false,
        }
    }
}

/// Arguments of `restock validate`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValidateArgs {
    /// The case folder.
    pub case_dir: PathBuf,
    /// Households variant to check, overriding settings.toml's households_variant.
    #[arg(long)]
    pub variant: Option<String>,
    /// The language of the description and the warnings.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub lang: LangArg,
}

fn default_solver() -> SolverArg {
    if cfg!(feature = "highs") {
        SolverArg::Highs
    } else {
        SolverArg::Clarabel
    }
}

/// `plan`'s arguments resolved into what the library needs.
pub struct PlanConfig {
    /// The case folder (the default case when none is given).
    pub case_dir: PathBuf,
    /// The households variant (`--variant`).
    pub variant: Option<String>,
    /// The scenario file (`--scenario`), planned instead of the case folder.
    pub scenario: Option<PathBuf>,
    /// `--out`; without it outputs/<case folder or scenario file name>.
    pub out: Option<PathBuf>,
    /// How to solve and write.
    pub options: PipelineOptions,
    /// Threads for `--by-region` (`--jobs`; `None`: one per core).
    pub jobs: Option<usize>,
}

impl PlanArgs {
    /// Resolves the defaults that do not depend on the case: the default case folder.
    pub fn resolve(self) -> PlanConfig {
        PlanConfig {
            case_dir: self.case_dir.unwrap_or_else(|| PathBuf::from(DEFAULT_CASE)),
            variant: self.variant,
            scenario: self.scenario,
            out: self.out,
            options: PipelineOptions {
                robust: self.robust,
                ..self.flags.options(self.lang, self.by_region, true)
            },
            jobs: self.jobs,
        }
    }
}

/// Arguments of `restock generate`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// Number of municipalities.
    #[arg(long)]
    pub municipalities: usize,
    /// Seed of the random numbers.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of segments (1–8).
    #[arg(long, default_value_t = 3)]
    pub segments: usize,
    /// Number of plan periods (1–26), spread over 2025–2050.
    #[arg(long, default_value_t = 3)]
    pub periods: usize,
    /// The case folder to write (replaced whole if it exists).
    #[arg(long)]
    pub out: std::path::PathBuf,
}

const SERVE_EXAMPLES: &str = "\
Examples:
  restock serve                       the page at http://127.0.0.1:8765/ (Ctrl-C stops)
  restock serve --open                and open it in the default browser
  restock serve --port 9000 --cases mycases

Only case folders under --cases (default inputs/) can be planned. The server listens on
127.0.0.1 (this machine only); --host 0.0.0.0 makes it reachable from the network (a
warning is printed: there is no login). API: GET /api/cases, POST /api/plan with a
scenario file's text (Content-Type: application/toml); see README.md.";

/// Arguments of `restock serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// The port to listen on.
    #[arg(long, default_value_t = restock::serve::DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on; anything but loopback is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    pub host: std::net::IpAddr,
    /// The case folder: each sub-folder with a settings.toml is a case.
    #[arg(long, default_value = "inputs", value_name = "DIR")]
    pub cases: PathBuf,
    /// Open the page in the default browser once the server listens.
    #[arg(long)]
    pub open: bool,
    /// How many plans may be solved at the same time [default: one per core].
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}

impl ImportHouseholdsArgs {
    /// The library's options for `restock import-households`.
    pub fn options(&self) -> restock::import::households::HouseholdsOptions {
        restock::import::households::HouseholdsOptions {
            table: self.table.clone(),
            case: self.case.clone(),
            variant: self.variant.clone(),
        }
    }
}

impl GenerateArgs {
    /// The library's options for `restock generate`.
    pub fn options(&self) -> restock::generate::GenerateOptions {
        restock::generate::GenerateOptions {
            municipalities: self.municipalities,
            seed: self.seed,
            segments: self.segments,
            periods: self.periods,
        }
    }
}

impl ServeArgs {
    /// The library's options for `restock serve`.
    pub fn options(&self) -> restock::serve::ServeOptions {
        restock::serve::ServeOptions {
            host: self.host,
            port: self.port,
            cases_dir: self.cases.clone(),
            jobs: self.jobs,
            ..Default::default()
        }
    }
}

impl ValidateArgs {
    /// The reading options of `restock validate`.
    pub fn read_options(&self) -> restock::input::ReadOptions {
        restock::input::ReadOptions {
            variant: self.variant.clone(),
            ..restock::input::ReadOptions::default()
        }
    }
}
