//! Errors of the library. Input errors are collected, never thrown one at a time: a
//! planner fixing a spreadsheet wants every problem of a case in one run.

use std::fmt;
use std::path::PathBuf;

/// One problem found in the input folder, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    /// File name inside the case folder, e.g. `stock.csv`.
    pub file: String,
    /// 1-based line number in the file (the header is line 1), when known.
    pub line: Option<u64>,
    /// Column header (as the file spells it) or settings key, when known.
    pub column: Option<String>,
    /// What is wrong, in words a planner understands.
    pub message: String,
}

impl InputError {
    /// An error about a whole file (missing, empty, unreadable).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error about one line of a file.
    pub fn line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    /// An error about one cell: file, line and column.
    pub fn cell(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            file: file.into(),
            line: Some(line),
            column: Some(column.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
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
