//! The command line: clap types only, resolved once into the library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use restock::input::ReadOptions;
use restock::solve::{SolveOptions, SolverChoice, DEFAULT_MIP_GAP};

/// The case planned when no folder is given.
pub const DEFAULT_CASE: &str = "inputs/example";

const EXAMPLES: &str = "\
Examples:
  restock                                   plan the default case (inputs/example)
  restock plan inputs/example               the same, explicitly
  restock plan mycase --variant krimp       use the households variant `krimp`
  restock plan mycase --out results/krimp   write the outputs elsewhere
  restock plan mycase --integer             whole dwellings (a MIP, HiGHS only)
  restock validate mycase                   check a case folder without solving

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
    /// Solve a case and write plan.csv, balance.csv, budget.csv, summary.json, report.html.
    #[command(after_help = EXAMPLES)]
    Plan(PlanArgs),
    /// Read and check a case folder; print what it holds, or every problem found.
    Validate(ValidateArgs),
}

/// The solver names accepted by `--solver`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SolverArg {
    /// HiGHS: exact simplex corner solutions, MIP and duals (default).
    Highs,
    /// Clarabel: pure-Rust interior point, no MIP.
    Clarabel,
}

/// Arguments of `restock plan`.
#[derive(Debug, Clone, clap::Args)]
pub struct PlanArgs {
    /// The case folder [default: inputs/example].
    pub case_dir: Option<PathBuf>,
    /// Output folder [default: outputs/<case folder name>].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Households variant to use, overriding settings.toml's households_variant.
    #[arg(long)]
    pub variant: Option<String>,
    /// Plan whole dwellings: demolition, new build and transformations as integers (MIP).
    #[arg(long)]
    pub integer: bool,
    /// Relative MIP gap for --integer.
    #[arg(long, default_value_t = DEFAULT_MIP_GAP, value_name = "GAP")]
    pub mip_gap: f64,
    /// The solver.
    #[arg(long, value_enum, default_value_t = default_solver())]
    pub solver: SolverArg,
    /// Stop each solver stage after this many seconds (the plan is then marked as not optimal).
    #[arg(long, value_name = "SECONDS")]
    pub time_limit: Option<f64>,
}

impl Default for PlanArgs {
    fn default() -> Self {
        PlanArgs {
            case_dir: None,
            out: None,
            variant: None,
            integer: false,
            mip_gap: DEFAULT_MIP_GAP,
            solver: default_solver(),
            time_limit: None,
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
    /// The case folder.
    pub case_dir: PathBuf,
    /// The output folder.
    pub out_dir: PathBuf,
    /// How to read the case.
    pub read: ReadOptions,
    /// How to solve it.
    pub solve: SolveOptions,
}

impl PlanArgs {
    /// Resolves defaults: the default case and outputs/<case folder name>.
    pub fn resolve(self) -> PlanConfig {
        let case_dir = self.case_dir.unwrap_or_else(|| PathBuf::from(DEFAULT_CASE));
        let out_dir = self.out.unwrap_or_else(|| {
            let name = case_dir
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_os_string()))
                .or_else(|| case_dir.file_name().map(|n| n.to_os_string()))
                .unwrap_or_else(|| "case".into());
            PathBuf::from("outputs").join(name)
        });
        PlanConfig {
            case_dir,
            out_dir,
            read: ReadOptions {
                variant: self.variant,
                ..ReadOptions::default()
            },
            solve: SolveOptions {
                solver: match self.solver {
                    SolverArg::Highs => SolverChoice::Highs,
                    SolverArg::Clarabel => SolverChoice::Clarabel,
                },
                integer: self.integer,
                mip_gap: self.mip_gap,
                time_limit: self.time_limit,
            },
        }
    }
}
