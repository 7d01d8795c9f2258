//! [`ReportJob`]: the whole `museum report` pipeline as one call.

use super::dedup::{Victims, deduplicate_records, take_victims};
use super::{Dedup, ReportData, ReportOptions, assemble_with, deduplicate};
use crate::dedup::{Decision, DedupOptions};
use crate::error::Result;
use crate::io::Archive;
use crate::progress::Progress;
use crate::stats::{CaseTable, StatsOptions};
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
    /// The records read, except the victims when deduplication ran without a person registry:
    /// the report holds those as columns (the statistics) and as what the Duplicates section
    /// shows of each, which keeps the peak memory of a million-record report near that of
    /// matching alone. Returned so that a caller about to exit can skip freeing a million
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
        let (validation, mut archive) =
            crate::job::read_validated(&self.inputs, &self.validate, progress)?;
        // The statistics hold the victims as columns, built first; then matching takes the
        // victims out of the archive, keeping what the Duplicates section shows of each (the
        // person registry's section needs them whole: kept when there is a registry).
        let table = CaseTable::build(archive.victims.iter().map(|l| &l.record), progress)?
            .with_vocab(self.validate.vocab.clone());
        let mut members = None;
        let dedup = match &self.decisions {
            None => Dedup::Skipped,
            Some(decisions) => {
                progress.stage("deduplicating", None);
                let options = DedupOptions::default();
                if self.options.persons.is_some() {
                    deduplicate(&archive, decisions, options)
                } else {
                    let (records, shown) = take_victims(&mut archive);
                    members = Some(shown);
                    deduplicate_records(&records, decisions, &options)
                }
            }
        };
        progress.stage("summarizing", None);
        let clusters: Option<Vec<&[String]>> = dedup
            .clusters()
            .map(|c| c.iter().map(|c| c.members.as_slice()).collect());
        let stats = table.summary(
            &StatsOptions {
                top: self.options.top,
            },
            clusters.as_deref(),
        )?;
        drop(clusters);
        drop(table);
        let victims = match &members {
            Some(m) => Victims::Members(m),
            None => Victims::Records(&archive.victims),
        };
        let data = assemble_with(
            &archive,
            victims,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::DatasetKind;
    use crate::report::{build, to_json};
    use crate::validate::dataset_files;

    /// Taking the victims out of the archive while matching (the job) gives the same report,
    /// byte for byte, as matching and summarizing the whole archive ([`build`]): on the
    /// museum's datasets (victims and figures) plus a list with one person in two scripts and a
    /// namesake, so that the Duplicates section shows members of both kinds of file.
    #[test]
    fn taking_the_victims_out_changes_nothing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets");
        let (mut inputs, _) = dataset_files(&root).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let extra = dir.path().join("victims.csv");
        std::fs::write(
            &extra,
            "id,full_name,birth_date,birth_place,arrest_date,source_text\n\
             x1,Жургенов Темирбек Караулович,1898,Туркестан,1937-08-02,synthetic\n\
             x2,Жүргенов Темірбек Қараұлұлы,1898,Туркестан,1937-08-02,synthetic\n\
             x3,Жургенов Темирбек,1911,Чимкент,1938-01-05,synthetic\n",
        )
        .unwrap();
        inputs.push(Input {
            path: extra,
            kind: DatasetKind::Victims,
        });
        let job = ReportJob {
            inputs: inputs.clone(),
            validate: ValidateOptions::default(),
            decisions: Some(Vec::new()),
            options: ReportOptions::default(),
        };
        let outcome = job.run(&()).unwrap();
        assert!(outcome.archive.victims.is_empty(), "the victims were taken");
        assert!(outcome.data.dedup.clusters_total >= 1);

        let (validation, archive) =
            crate::job::read_validated(&inputs, &job.validate, &()).unwrap();
        let dedup = deduplicate(&archive, &[], DedupOptions::default());
        let whole = build(&archive, &validation, &dedup, &job.options, &()).unwrap();
        assert_eq!(outcome.data.counts.victims, archive.victims.len() as u64);
        assert_eq!(to_json(&outcome.data).unwrap(), to_json(&whole).unwrap());
    }
}
