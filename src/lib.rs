//! restock: plans demolition (sloop), transformation (herstructurering) and new build of
//! the housing stock in regions where households decline, as an exact two-stage linear
//! program.
//!
//! Data flows one way:
//!
//! ```text
//! case folder ──input──▶ Case ──model──▶ LP ──solve──▶ Plan ──report──▶ output folder
//! ```
//!
//! [`pipeline`] wires those steps once, for every command: a scenario (or a plain case
//! folder, a scenario without changes) ──build_case──▶ Case ──pipeline::solve_case──▶
//! Plan (whole, or region by region) ──pipeline::run──▶ plan + Summary
//! ──report::write_outputs──▶ output folder ([`outdir`]).
//!
//! - [`input`] reads and validates a case folder into a [`case::Case`];
//! - [`model`] builds the LP of spec §4–§6 with good_lp, one function per constraint family;
//! - [`solve`] runs the two lexicographic stages with HiGHS or Clarabel into a [`plan::Plan`];
//! - [`decompose`] solves a case region by region (`--by-region`) with [`solve`];
//! - [`pipeline`] turns a case and the options into a solved, summarised, written plan,
//!   choosing between [`solve`] and [`decompose`];
//! - [`metrics`] evaluates any stock trajectory (plan or do-nothing) against demand;
//! - [`chart`] draws every chart (SVG and PNG): the plan's, and those of compare and sweep,
//!   from plain data;
//! - [`report`] writes the CSV files, charts, report.html, report.xlsx and summary.json,
//!   and renders every page (plan, compare, sweep) from one page kit;
//! - [`outdir`] writes any output folder atomically (plans, comparisons, sweeps, cases);
//! - [`interrupt`] turns Ctrl-C during `--integer` into a request to stop the MIP;
//! - [`pool`] runs a command's parallel work on a thread pool of `--jobs` threads;
//! - [`terminal`] renders what the binary prints (tables, summaries) as text;
//! - [`warning`]: a warning about the input, with its place, in Dutch and English;
//! - [`lang`] and [`labels`]: the language of the outputs, its number style and the
//!   catalogue of Dutch/English words;
//! - [`import`] builds a case folder from CBS "Kerncijfers wijken en buurten" files, and a
//!   planner's projection table as a households variant;
//! - [`generate`] writes synthetic case folders for benchmarks and tests;
//! - [`scenario`] reads what-if scenario files, compares scenarios and sweeps a setting
//!   (data only: it hands plain data to [`chart`] and [`report`], never the reverse).
#![deny(missing_docs)]

pub mod case;
pub mod chart;
pub mod decompose;
pub mod error;
pub mod explain;
pub mod generate;
pub mod import;
pub mod input;
pub mod interrupt;
pub mod labels;
pub mod lang;
pub mod metrics;
pub mod model;
pub mod numfmt;
pub mod outdir;
pub mod pipeline;
pub mod plan;
pub mod pool;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod solve;
pub mod terminal;
pub mod warning;

/// The pipeline under its old name (`restock::run::OutputOptions` and the like).
#[doc(hidden)]
pub use pipeline as run;

pub use error::{Error, InputError, Location, Result};
pub use warning::Warning;

/// The version of restock, as written to summary.json.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
