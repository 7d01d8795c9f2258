//! [`ReportJob`]: the whole `museum report` pipeline as one call.

use super::{Dedup, ReportData, ReportOptions, assemble, deduplicate, statistics};
use crate::dedup::{Decision, DedupOptions};
use crate::error::Result;
use crate::io::Archive;
use crate::progress::Progress;
use crate::validate::{self, Input, ValidateOptions};

/// The report of some dataset files: read and validated in one pass (as `museum validate`
/// would), deduplicated (human decisions always win), summarized, and gathered into a
/// [`ReportData`] that [`super::to_html`], [`super::to_markdown`] and [`super::to_json`] render.
///
/// ```
/// use museum_core::report::{ReportJob, ReportOptions, to_html};
/// use museum_core::validate::{Input, ValidateOptions};
/// use museum_core::io::DatasetKind;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date,birth_place,arrest_date,source_text\n\
///     v1,Жургенов Темирбек Караулович,1898,Туркестан,1937-08-02,synthetic\n\
///     v2,Жүргенов Темірбек Қараұлұлы,1898,Туркестан,1937-08-02,synthetic\n").unwrap();
/// let job = ReportJob {
///     inputs: vec![Input { path, kind: DatasetKind::Victims }],
///     validate: ValidateOptions::default(),
///     decisions: Some(Vec::new()),
///     options: ReportOptions::default(),
/// };
/// let outcome = job.run(&()).unwrap();
/// assert_eq!(outcome.data.counts.victims, 2);
/// assert_eq!(outcome.data.dedup.clusters[0].members.len(), 2); // one person in two scripts
/// assert!(to_html(&outcome.data).contains("Жүргенов"));
/// ```
#[derive(Debug, Clone)]
pub struct ReportJob {
    /// The files to read, in order.
    pub inputs: Vec<Input>,
    /// How to read and validate them (`museum.toml` and the input options applied).
    pub validate: ValidateOptions,
    /// Deduplication: `None` skips it (`--no-dedup`); else the same/different decisions of
    /// people, which always win.
    pub decisions: Option<Vec<Decision>>,
    /// How the report is presented.
    pub options: ReportOptions,
}

/// What [`ReportJob::run`] made.
#[derive(Debug)]
pub struct ReportOutcome {
    /// The report, ready to render.
    pub data: ReportData,
    /// Warnings for the user (deduplication's: oversized blocks, decisions naming unknown
    /// records).
    pub warnings: Vec<String>,
    /// The records read. Returned so that a caller about to exit can skip freeing a million
    /// small allocations (`std::mem::forget`).
    pub archive: Archive,
    /// The validation of the records (its findings are summarized in `data`).
    pub validation: validate::Report,
}

impl ReportJob {
    /// Runs the job, reporting its stages (`reading`, `deduplicating`, the statistics'
    /// stages, `gathering findings`) to `progress`.
    ///
    /// # Errors
    /// When a file cannot be read at all, or the statistics cannot be computed (a polars
    /// failure). Problems in the data are findings in the report, not errors.
    pub fn run(&self, progress: &dyn Progress) -> Result<ReportOutcome> {
        let (validation, archive) =
            crate::job::read_validated(&self.inputs, &self.validate, progress)?;
        let dedup = match &self.decisions {
            None => Dedup::Skipped,
            Some(decisions) => {
                progress.stage("deduplicating", None);
                deduplicate(&archive, decisions, DedupOptions::default())
            }
        };
        let stats = statistics(&archive, &dedup, &self.options, progress)?;
        let data = assemble(
            &archive,
            &validation,
            stats,
            &dedup,
            &self.options,
            progress,
        );
        let warnings = dedup.warnings().to_vec();
        Ok(ReportOutcome {
            data,
            warnings,
            archive,
            validation,
        })
    }
}
