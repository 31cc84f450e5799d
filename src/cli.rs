//! The command line: clap types only, resolved once into the library's options.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use restock::import::{ImportOptions, Selection};
use restock::input::ReadOptions;
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
    /// Build a case folder from the CBS "Kerncijfers wijken en buurten" municipality file.
    #[command(after_help = IMPORT_EXAMPLES)]
    ImportCbs(ImportCbsArgs),
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

/// Arguments of `restock import-cbs`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).args(["municipalities", "regions"])))]
pub struct ImportCbsArgs {
    /// The CBS "Kerncijfers wijken en buurten" municipality file of the base year.
    pub kwb_file: PathBuf,
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
    /// A later KWB file (or CBS 85984NED extract) with the population per municipality:
    /// the real population change since the base year drives the household variants.
    #[arg(long, value_name = "FILE")]
    pub kwb_later: Option<PathBuf>,
    /// The later file's year, if it has no peiljaar column and its name does not tell.
    #[arg(long, value_name = "YEAR")]
    pub later_year: Option<i32>,
    /// CSV file (from_code, to_code): where base-year municipalities went by the later
    /// year (merges and splits).
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// The base year, if the KWB file's name does not tell it.
    #[arg(long, value_name = "YEAR")]
    pub base_year: Option<i32>,
    /// TOML file with every assumption [default: the built-in data/assumptions.toml].
    #[arg(long, value_name = "FILE")]
    pub assumptions: Option<PathBuf>,
    /// GeoJSON of municipal boundaries (properties.statcode): copied, filtered, into the
    /// case as boundaries.geojson.
    #[arg(long, value_name = "FILE")]
    pub geojson: Option<PathBuf>,
    /// Markdown put at the top of the case's README.md.
    #[arg(long, value_name = "FILE")]
    pub notes: Option<PathBuf>,
    /// The households variant settings.toml selects [default: the assumptions'].
    #[arg(long, value_name = "NAME")]
    pub variant: Option<String>,
}

impl ImportCbsArgs {
    /// The library's options.
    pub fn resolve(self) -> ImportOptions {
        let selection = match self.regions {
            Some(path) => Selection::Regions(path),
            None => Selection::Municipalities {
                codes: self.municipalities,
                region: self.region,
            },
        };
        ImportOptions {
            kwb: self.kwb_file,
            selection,
            out: self.out,
            kwb_later: self.kwb_later,
            later_year: self.later_year,
            mapping: self.mapping,
            base_year: self.base_year,
            assumptions: self.assumptions,
            geojson: self.geojson,
            notes: self.notes,
            variant: self.variant,
        }
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

/// Arguments of `restock plan`.
#[derive(Debug, Clone, clap::Args)]
pub struct PlanArgs {
    /// The case folder [default: inputs/krimpregios].
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
