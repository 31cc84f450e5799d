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
//! - [`input`] reads and validates a case folder into a [`case::Case`];
//! - [`model`] builds the LP of spec §4–§6 with good_lp, one function per constraint family;
//! - [`solve`] runs the two lexicographic stages with HiGHS or Clarabel into a [`plan::Plan`];
//! - [`metrics`] evaluates any stock trajectory (plan or do-nothing) against demand;
//! - [`chart`] draws every chart (SVG and PNG): the plan's, and those of compare and sweep,
//!   from plain data;
//! - [`report`] writes the CSV files, charts, report.html, report.xlsx and summary.json
//!   atomically, and renders every page (plan, compare, sweep) from one page kit;
//! - [`import`] builds a case folder from CBS "Kerncijfers wijken en buurten" files;
//! - [`lang`] and [`labels`]: the language of the outputs, its number style and the
//!   catalogue of Dutch/English words;
//! - [`scenario`] reads what-if scenario files, compares scenarios and sweeps a setting
//!   (data only: it hands plain data to [`chart`] and [`report`], never the reverse).
#![deny(missing_docs)]

pub mod case;
pub mod chart;
pub mod decompose;
pub mod error;
pub mod generate;
pub mod import;
pub mod input;
pub mod labels;
pub mod lang;
pub mod metrics;
pub mod model;
pub mod numfmt;
pub mod plan;
pub mod report;
pub mod run;
pub mod scenario;
pub mod solve;

pub use error::{Error, InputError, Result};

/// The version of restock, as written to summary.json.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
