//! Exit codes: 0 success, 1 findings at or above `--fail-on`, 2 could not run.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Done, nothing at or above the failure threshold.
    Success = 0,
    /// Done, and found problems at or above the threshold (or a check failed).
    Failure = 1,
    /// Could not run (usage, I/O, unreadable input).
    Error = 2,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> Self {
        ExitCode::from(s as u8)
    }
}
