//! Errors of the library. Input errors are collected, never thrown one at a time: a
//! planner fixing a spreadsheet wants every problem of a case in one run.

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;

/// Where in the input something is: a file, and where known its line and column. An
/// [`InputError`] and a [`crate::Warning`] both name their place with one.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// File name inside the case folder (or the scenario file), e.g. `stock.csv`.
    pub file: String,
    /// 1-based line number in the file (the header is line 1), when known.
    pub line: Option<u64>,
    /// Column header (as the file spells it) or settings key, when known.
    pub column: Option<String>,
}

impl Location {
    /// A place in `file`, at `line` when known.
    pub fn new(file: impl Into<String>, line: Option<u64>) -> Location {
        Location {
            file: file.into(),
            line,
            column: None,
        }
    }

    /// The same place narrowed to one column (or settings key).
    pub fn in_column(mut self, column: impl Into<String>) -> Location {
        self.column = Some(column.into());
        self
    }

    /// The place in `lang`: `budgets.csv, regel 4, kolom region`.
    pub fn text(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        if let Some(line) = self.line {
            s.push_str(&format!(", {} {line}", lang.pick("regel", "line")));
        }
        if let Some(column) = &self.column {
            s.push_str(&format!(", {} {column}", lang.pick("kolom", "column")));
        }
        s
    }
}

/// One problem found in the input folder, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    /// Where it is.
    pub at: Location,
    /// What is wrong, in words a planner understands.
    pub message: String,
}

impl InputError {
    /// An error at `at`.
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        InputError {
            at,
            message: message.into(),
        }
    }

    /// An error about a whole file (missing, empty, unreadable).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError::new(Location::new(file, None), message)
    }

    /// An error about one line of a file.
    pub fn line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        InputError::new(Location::new(file, Some(line)), message)
    }

    /// An error about one cell: file, line and column.
    pub fn cell(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        InputError::new(Location::new(file, Some(line)).in_column(column), message)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at.text(Lang::En), self.message)
    }
}

/// Every error the library can return.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The case folder (or a scenario, or a CLI value) is invalid. Holds every problem
    /// found, sorted by file and line. Maps to exit code 2.
    #[error("{} problem(s) in the input:\n{}", .0.len(), join_lines(.0))]
    Input(Vec<InputError>),
    /// Invalid use of the command line that clap cannot see (e.g. `--integer` with a
    /// solver without MIP). Maps to exit code 2.
    #[error("{0}")]
    Usage(String),
    /// The solver failed, stopped early or reported an unexpected status. Maps to exit 1.
    #[error("solver: {0}")]
    Solve(String),
    /// Reading or writing a file failed for a reason outside the input's content.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

impl Error {
    /// The process exit code for this error: 2 for bad input or usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Usage(_) => 2,
            Error::Solve(_) | Error::Io { .. } => 1,
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

fn join_lines(errors: &[InputError]) -> String {
    errors
        .iter()
        .map(|e| format!("  - {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
