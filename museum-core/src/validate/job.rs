//! [`ValidateJob`]: the whole `museum validate` pipeline as one call.

use super::{Input, Report, Summary, ValidateOptions, engine};
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::progress::Progress;

/// The validation of some dataset files: every rule run over them, with the findings handed
/// on in the order [`Report::sort`] gives, as soon as their place in that order is known (so
/// that memory does not grow with the number of findings).
///
/// The caller resolves the inputs ([`crate::io::discover`]) and the options (`museum.toml`
/// and the command line, [`super::Config::apply`]), runs the job, and renders the findings.
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{Input, ValidateJob, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date,arrest_date,source_ids\n\
///                        v1,Шанин,1892-02-30,1937-08-02,src-1\n\
///                        v2,Майлин,1894,1937-10-08,src-1\n").unwrap();
/// let job = ValidateJob {
///     inputs: vec![Input { path, kind: DatasetKind::Victims }],
///     options: ValidateOptions::default(),
/// };
/// let mut lines = Vec::new();
/// let summary = job
///     .run(&(), &mut |d| {
///         lines.push(d.to_string());
///         Ok(())
///     })
///     .unwrap();
/// assert_eq!(summary.records, 2);
/// assert!(lines[0].contains(":2:birth_date: error[M202]"), "{lines:?}"); // 30 February
/// // The same findings, held in memory:
/// let report = job.report(&()).unwrap();
/// assert_eq!(report.summary().errors, summary.errors);
/// ```
#[derive(Debug, Clone)]
pub struct ValidateJob {
    /// The files to validate, in any order (they are read kind by kind).
    pub inputs: Vec<Input>,
    /// What runs and how strictly (`museum.toml` and the command line applied).
    pub options: ValidateOptions,
}

impl ValidateJob {
    /// Runs the job, handing each finding to `on_finding` in the output order and reporting
    /// the bytes read to `progress` (stage `validating`). Returns the counts of all findings.
    /// When `on_finding` fails the run stops and its error is returned.
    ///
    /// # Errors
    /// When a file cannot be read at all (findings in the data are not errors), or when
    /// `on_finding` fails (as an I/O error).
    pub fn run(
        &self,
        progress: &dyn Progress,
        on_finding: &mut dyn FnMut(&Diagnostic) -> std::io::Result<()>,
    ) -> Result<Summary> {
        let on_bytes = bytes_to(progress, &self.inputs);
        engine::validate_streaming(&self.inputs, &self.options, &on_bytes, on_finding)
    }

    /// Runs the job and keeps every finding in a sorted [`Report`] (memory grows with the
    /// number of findings: for a caller that needs them all at once).
    ///
    /// # Errors
    /// When a file cannot be read at all.
    pub fn report(&self, progress: &dyn Progress) -> Result<Report> {
        let on_bytes = bytes_to(progress, &self.inputs);
        engine::validate_inputs(&self.inputs, &self.options, &on_bytes)
    }
}

/// Starts the `validating` stage of `progress` (the total size of `inputs`) and gives the
/// callback the engine reports each piece of input done to.
fn bytes_to<'a>(progress: &'a dyn Progress, inputs: &[Input]) -> impl Fn(u64) + 'a {
    let total: u64 = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .sum();
    progress.stage_bytes("validating", total);
    move |n| progress.advance(n)
}
