//! [`ExportJob`]: the whole `museum export` pipeline as one call.

use std::io::Write;
use std::path::Path;

use super::{ExportOptions, ExportSummary, export_archive, export_json_to};
use crate::diagnostic::Severity;
use crate::error::Result;
use crate::progress::Progress;
use crate::validate::{self, Input, ValidateOptions};

/// An export of some dataset files: read and validated in one pass (as `museum validate`
/// would), refused when the data has validation errors (unless `allow_errors`), then redacted
/// and written as [`ExportOptions`] say.
///
/// ```
/// use museum_core::export::{ExportFormat, ExportJob, ExportOptions, ExportTarget};
/// use museum_core::validate::{Input, ValidateOptions};
/// use museum_core::io::DatasetKind;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date,arrest_date,source_text\n\
///     v1,Жургенов,1898,1937-08-02,synthetic\n").unwrap();
/// let job = ExportJob {
///     inputs: vec![Input { path, kind: DatasetKind::Victims }],
///     validate: ValidateOptions::default(),
///     options: ExportOptions::new(ExportFormat::Json),
///     allow_errors: false,
/// };
/// let mut bundle = Vec::new();
/// let outcome = job.run(ExportTarget::Writer(&mut bundle), &()).unwrap();
/// assert_eq!(outcome.summary.unwrap().counts, [(DatasetKind::Victims, 1)]);
/// assert!(String::from_utf8(bundle).unwrap().contains("Жургенов"));
/// ```
#[derive(Debug, Clone)]
pub struct ExportJob {
    /// The files to read, in order.
    pub inputs: Vec<Input>,
    /// How to read and validate them (`museum.toml` and the input options applied).
    pub validate: ValidateOptions,
    /// What to write and how to redact it.
    pub options: ExportOptions,
    /// Export even when the data has validation errors.
    pub allow_errors: bool,
}

/// Where an [`ExportJob`] writes.
pub enum ExportTarget<'a> {
    /// A file (`json`) or a directory (the other formats), written atomically.
    Path(&'a Path),
    /// A stream (`json` only: the bundle).
    Writer(&'a mut dyn Write),
}

/// What [`ExportJob::run`] did.
#[derive(Debug)]
pub struct ExportOutcome {
    /// The validation of the records read (its errors are why an export is refused).
    pub validation: validate::Report,
    /// What was written; `None` when the export was refused (validation errors without
    /// `allow_errors`): nothing was written.
    pub summary: Option<ExportSummary>,
}

impl ExportJob {
    /// Runs the job, reporting the reading to `progress`.
    ///
    /// # Errors
    /// When a file cannot be read at all, or the export cannot be written. Validation errors
    /// are not errors of the job: see [`ExportOutcome::summary`].
    pub fn run(&self, target: ExportTarget<'_>, progress: &dyn Progress) -> Result<ExportOutcome> {
        let (validation, archive) =
            crate::job::read_validated(&self.inputs, &self.validate, progress)?;
        if validation.count(Severity::Error) > 0 && !self.allow_errors {
            return Ok(ExportOutcome {
                validation,
                summary: None,
            });
        }
        let summary = match target {
            ExportTarget::Path(out) => export_archive(archive, out, &self.options)?,
            ExportTarget::Writer(w) => export_json_to(archive, w, &self.options)?,
        };
        Ok(ExportOutcome {
            validation,
            summary: Some(summary),
        })
    }
}
