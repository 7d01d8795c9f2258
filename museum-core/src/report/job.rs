//! [`ReportJob`]: the whole `museum report` pipeline as one call.

use super::dedup::{Held, Victims, deduplicate_records};
use super::findings::Findings;
use super::{Dedup, ReportData, ReportOptions, assemble_with, deduplicate};
use crate::dedup::{Decision, DedupOptions};
use crate::error::Result;
use crate::io::Archive;
use crate::io::Located;
use crate::model::Victim;
use crate::progress::Progress;
use crate::stats::{
    ArchiveStats, CaseTable, FileRun, Handing, StatsOptions, VictimIds, read_table,
};
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
    /// The records read, except the victims when there is no person registry: those are
    /// handed over as they are read and dropped once the report took what it needs of each
    /// (the statistics' columns; with deduplication the records matching compares and what
    /// the Duplicates section shows), which keeps a million-record report near the memory of
    /// matching alone. Returned so that a caller about to exit can skip freeing many small
    /// allocations (`std::mem::forget`).
    pub archive: Archive,
    /// The validation of the records: the files and the number of records. Its findings are
    /// counted and listed in `data` and not kept here (a million-record list has hundreds of
    /// thousands), except with a person registry (the victims are then kept whole too).
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
        if self.options.persons.is_some() {
            return self.run_whole(progress);
        }
        // The victims are handed over as they are read: the statistics' columns and (with
        // deduplication) the records matching compares are made from each, and it is dropped.
        let mut held = Held::new(self.decisions.is_some());
        // The findings too are taken as they come: the report counts them and keeps those it
        // lists.
        let mut findings = Findings::new(&self.options);
        // Without deduplication only the count of victims per file is kept of them: their
        // columns are taken, and they are dropped, on the worker threads that read them.
        let (mut each, mut count);
        let handing = if self.decisions.is_some() {
            each = |v: Located<Victim>| held.push(&v);
            Handing::Each(&mut each)
        } else {
            count = |files: &[FileRun]| held.count(files);
            Handing::Counted(&mut count)
        };
        let (validation, archive, table) = read_table(
            &self.inputs,
            &self.validate,
            progress,
            handing,
            Some(&mut |d| {
                findings.push(d);
                Ok(())
            }),
            self.decisions.is_some(),
        )?;
        held.add_figures(&archive);
        let (stats, ids) = self.statistics(table, progress)?;
        let dedup = match &self.decisions {
            None => Dedup::Skipped,
            Some(decisions) => {
                progress.stage("deduplicating", None);
                deduplicate_records(&held.records, decisions, &DedupOptions::default())
            }
        };
        let stats = with_duplicates(stats, ids.as_ref(), &dedup)?;
        let data = assemble_with(
            &archive,
            Victims::Held(&held),
            &findings,
            stats,
            &dedup,
            &self.options,
            progress,
        );
        Ok(ReportOutcome {
            data,
            warnings: dedup.warnings().to_vec(),
            archive,
            validation,
        })
    }

    /// The job with the victims kept whole (the person registry's section needs them).
    fn run_whole(&self, progress: &dyn Progress) -> Result<ReportOutcome> {
        let (validation, archive) =
            crate::job::read_validated(&self.inputs, &self.validate, progress)?;
        let table = CaseTable::build(archive.victims.iter().map(|l| &l.record), progress)?
            .with_vocab(self.validate.vocab.clone());
        let (stats, ids) = self.statistics(table, progress)?;
        let dedup = match &self.decisions {
            None => Dedup::Skipped,
            Some(decisions) => {
                progress.stage("deduplicating", None);
                deduplicate(&archive, decisions, DedupOptions::default())
            }
        };
        let stats = with_duplicates(stats, ids.as_ref(), &dedup)?;
        let victims = Victims::Records(&archive.victims);
        let findings = Findings::of(&validation, &self.options);
        let data = assemble_with(
            &archive,
            victims,
            &findings,
            stats,
            &dedup,
            &self.options,
            progress,
        );
        Ok(ReportOutcome {
            data,
            warnings: dedup.warnings().to_vec(),
            archive,
            validation,
        })
    }

    /// The statistics but the duplicate rate, made before deduplication so that the table is
    /// dropped before matching's records are (the victims' ids are kept, for the rate:
    /// [`with_duplicates`]).
    fn statistics(
        &self,
        table: CaseTable,
        progress: &dyn Progress,
    ) -> Result<(ArchiveStats, Option<VictimIds>)> {
        progress.stage("summarizing", None);
        let stats = table.summary(
            &StatsOptions {
                top: self.options.top,
            },
            None,
        )?;
        Ok((stats, table.into_ids()))
    }
}

/// The statistics with the duplicate rate of `dedup`'s clusters among the victims of `ids`
/// (as [`CaseTable::summary`] with those clusters); without it when deduplication did not run.
fn with_duplicates(
    mut stats: ArchiveStats,
    ids: Option<&VictimIds>,
    dedup: &Dedup,
) -> Result<ArchiveStats> {
    if let Some(clusters) = dedup.clusters() {
        let ids = ids.ok_or_else(|| {
            crate::error::Error::stats(
                "the duplicate rate needs the victims' ids: the table was built without them",
            )
        })?;
        let members: Vec<&[String]> = clusters.iter().map(|c| c.members.as_slice()).collect();
        stats.duplicates = Some(ids.duplicates(&members));
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::DatasetKind;
    use crate::report::{build, to_json};
    use crate::validate::dataset_files;

    /// The museum's datasets (victims and figures) plus a list with one person in two scripts,
    /// a namesake, a victim without a case, one whose case rows follow each other and one
    /// without an id (its record is named by file and line; the Duplicates section shows it
    /// without a name, as it shows any member it cannot find by id).
    fn inputs(dir: &std::path::Path) -> Vec<Input> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets");
        let (mut inputs, _) = dataset_files(&root).unwrap();
        let extra = dir.join("victims.csv");
        std::fs::write(
            &extra,
            "id,case,full_name,birth_date,birth_place,arrest_date,sentence,charge,source_text\n\
             x1,1,Жургенов Темирбек Караулович,1898,Туркестан,1937-08-02,ВМН,58-10,synthetic\n\
             x2,1,Жүргенов Темірбек Қараұлұлы,1898,Туркестан,1937-08-02,ВМН,\"58 п. 10, 58 п. 11\",synthetic\n\
             x3,1,Жургенов Темирбек,1911,Чимкент,1938-01-05,10 лет ИТЛ,,\n\
             x3,2,,,,1949-03-01,ссылка,58-1а,\n\
             x4,,Майлин Беимбет,1894,,,,,synthetic\n\
             ,,Майлин Беимбет,1894,,,,,synthetic\n",
        )
        .unwrap();
        inputs.push(Input {
            path: extra,
            kind: DatasetKind::Victims,
        });
        inputs
    }

    /// The report of the job (victims handed over as read, then dropped) and the one of the
    /// whole archive ([`build`]) of the same inputs, as JSON.
    fn both(job: &ReportJob) -> (String, String) {
        let outcome = job.run(&()).unwrap();
        assert!(
            outcome.archive.victims.is_empty(),
            "the victims were not kept"
        );
        let (validation, archive) =
            crate::job::read_validated(&job.inputs, &job.validate, &()).unwrap();
        assert!(archive.victims.len() > 4);
        assert_eq!(outcome.data.counts.victims, archive.victims.len() as u64);
        let dedup = match &job.decisions {
            None => Dedup::Skipped,
            Some(d) => deduplicate(&archive, d, DedupOptions::default()),
        };
        let whole = build(&archive, &validation, &dedup, &job.options, &()).unwrap();
        (to_json(&outcome.data).unwrap(), to_json(&whole).unwrap())
    }

    /// Handing the victims over as they are read (the job) gives the same report, byte for
    /// byte, as matching and summarizing the whole archive ([`build`]): with and without
    /// deduplication, so that the statistics and the Duplicates section (members of both kinds
    /// of file) are compared.
    #[test]
    fn handing_the_victims_over_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut job = ReportJob {
            inputs: inputs(dir.path()),
            validate: ValidateOptions::default(),
            decisions: Some(Vec::new()),
            options: ReportOptions::default(),
        };
        let (held, whole) = both(&job);
        assert!(held.contains("\"status\": \"done\""));
        assert!(
            held.contains("\"record_id\": \"x2\""),
            "x1 and x2 are one person"
        );
        assert_eq!(held, whole);
        job.decisions = None;
        let (held, whole) = both(&job);
        assert!(held.contains("\"status\": \"skipped\""));
        assert_eq!(held, whole);
    }

    /// The findings taken one at a time as they are read (the job) are counted and listed as
    /// from the whole report ([`build`]): with small listing limits, so that the caps per rule
    /// and in all cut inside the rules, and with a rule's severity set by the project.
    #[test]
    fn findings_taken_as_read_are_listed_as_from_the_whole_report() {
        let dir = tempfile::tempdir().unwrap();
        let mut severities = std::collections::BTreeMap::new();
        severities.insert(crate::Code::NoSource, crate::Severity::Error);
        for (all, per_rule) in [(5, 2), (3, 0), (0, 1), (0, 0)] {
            let job = ReportJob {
                inputs: inputs(dir.path()),
                validate: ValidateOptions {
                    severities: severities.clone(),
                    ..ValidateOptions::default()
                },
                decisions: None,
                options: ReportOptions {
                    max_findings: all,
                    max_findings_per_rule: per_rule,
                    ..ReportOptions::default()
                },
            };
            let (held, whole) = both(&job);
            assert_eq!(held, whole, "limits {all}/{per_rule}");
            let data: ReportData = serde_json::from_str(&held).unwrap();
            assert!(data.findings.total > 5, "{}", data.findings.total);
            if all > 0 {
                assert_eq!(data.findings.shown, all as u64);
            }
        }
    }

    /// Small blocks on several threads (victims whose case rows straddle two blocks, batches
    /// handed over out of step with the blocks) and a source for every file (attached to the
    /// victims handed over, as to those kept: it counts in the completeness of `source`) change
    /// nothing either.
    #[test]
    fn blocks_threads_and_file_sources_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let job = ReportJob {
            inputs: inputs(dir.path()),
            validate: ValidateOptions {
                threads: 3,
                block_size: 100,
                source: Some("src-1".into()),
                ..ValidateOptions::default()
            },
            decisions: None,
            options: ReportOptions::default(),
        };
        let (held, whole) = both(&job);
        assert_eq!(held, whole);
        let data: ReportData = serde_json::from_str(&held).unwrap();
        let source = data
            .stats
            .completeness
            .iter()
            .find(|c| c.field == "source")
            .unwrap();
        assert_eq!(
            (source.filled, source.total),
            (source.total, data.counts.victims)
        );
    }
}
