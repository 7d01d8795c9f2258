//! The error type for "could not run": I/O failures, unreadable files, unknown dataset kinds.
//!
//! Problems *in* the data are never errors: they are [`crate::Diagnostic`] findings (see
//! [`crate::diagnostic`]). An [`Error`] means the job could not be done at all.

use std::fmt;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a job could not run. Opaque; inspect it with [`Error::kind`].
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// The kinds of [`Error`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    #[error("cannot {action} `{path}`")]
    Io {
        /// What was attempted (`read`, `write`, `open`…).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A path named as input does not exist.
    #[error("`{path}` does not exist")]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// The kind of dataset could not be told from the file name and none was given.
    #[error(
        "cannot tell what `{path}` holds from its name; name it like `victims.csv` or pass `--kind`"
    )]
    UnknownKind {
        /// The file.
        path: PathBuf,
    },
    /// The input is not in a format this crate reads (e.g. `.xlsx`).
    #[error("unsupported input format for `{path}`: {reason}")]
    UnsupportedFormat {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// An option or argument is invalid.
    #[error("{0}")]
    InvalidOption(String),
    /// A value could not be written as JSON.
    #[error("cannot write JSON: {0}")]
    Serialize(serde_json::Error),
    /// Statistics could not be computed (a polars failure; the message is polars').
    #[error("statistics failed: {0}")]
    Stats(String),
    /// A Parquet file could not be written (a polars failure; the message is polars').
    #[error("cannot write Parquet: {0}")]
    Parquet(String),
    /// A configured limit was exceeded.
    #[error("{0}")]
    Limit(String),
    /// A file to be changed is locked by another writer that did not let it go in time
    /// ([`crate::fsutil::update_locked`]); nothing was written.
    #[error(
        "`{path}` is being changed by another process ({}); gave up after waiting {:.1} s for its lock `{lock}`",
        if .holder.is_empty() { "which did not say who it is" } else { .holder.as_str() },
        .waited.as_secs_f64()
    )]
    Locked {
        /// The file to be changed.
        path: PathBuf,
        /// Its lock file.
        lock: PathBuf,
        /// What the holder wrote into the lock file (process id, command, since when); may be
        /// empty.
        holder: String,
        /// How long this writer waited.
        waited: std::time::Duration,
    },
    /// The run was interrupted ([`crate::fsutil::interrupt`]); nothing more is written.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps into the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// An I/O error on `path` while doing `action`.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ErrorKind::Io {
            action,
            path: path.into(),
            source,
        }
        .into()
    }

    /// A statistics failure: `e` says what failed.
    pub fn stats(e: impl fmt::Display) -> Self {
        ErrorKind::Stats(e.to_string()).into()
    }

    /// A Parquet failure: `e` says what failed.
    pub fn parquet(e: impl fmt::Display) -> Self {
        ErrorKind::Parquet(e.to_string()).into()
    }

    /// An invalid option.
    pub fn invalid_option(msg: impl Into<String>) -> Self {
        ErrorKind::InvalidOption(msg.into()).into()
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Error(Box::new(kind))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}
