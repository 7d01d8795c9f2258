//! [`DedupJob`]: the whole `museum dedup` pipeline as one call.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use super::{
    Decision, DedupOptions, DedupResult, Deduplicator, Evaluation, LoadedRecords, load_records_with,
};
use crate::error::Result;
use crate::io::{CsvOptions, DatasetKind};
use crate::progress::Progress;

/// Deduplication of the victims and figures in some files: read as matching reads them,
/// matched (human decisions always win), and, with a truth, evaluated. The caller renders the
/// [`DedupOutcome`] (clusters, evidence, metrics) and writes it.
///
/// The job sets the options that follow from its inputs: the compared true pairs are kept when
/// there is a truth (for blocking recall), and the decisions' effect is measured when there
/// are decisions.
///
/// ```
/// use museum_core::dedup::{DedupJob, DedupOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date,birth_place\n\
///     v1,Жургенов Темирбек Караулович,1898,Туркестан\n\
///     v2,Жүргенов Темірбек Қараұлұлы,1898,Туркестан\n\
///     v3,Майлин Беимбет,1894,Костанай\n").unwrap();
/// let job = DedupJob {
///     paths: vec![path],
///     kind: None,
///     csv: Default::default(),
///     decisions: Vec::new(),
///     truth: None,
///     options: DedupOptions::default(),
///     blocking_misses: 0,
/// };
/// let outcome = job.run(&()).unwrap();
/// assert_eq!(outcome.loaded.records.len(), 3);
/// let duplicates: Vec<_> = outcome.result.duplicate_clusters().collect();
/// assert_eq!(duplicates.len(), 1); // one person in two scripts
/// assert_eq!(duplicates[0].members, vec![0, 1]);
/// ```
#[derive(Debug, Clone)]
pub struct DedupJob {
    /// The files and directories to read, in order (a directory gives its victims and figures).
    pub paths: Vec<PathBuf>,
    /// The kind of the files named directly (`--kind`); `None` tells it from their names.
    pub kind: Option<DatasetKind>,
    /// How to read them (the input options and `museum.toml` applied).
    pub csv: CsvOptions,
    /// The same/different decisions of people, which always win.
    pub decisions: Vec<Decision>,
    /// Record id → person id, to evaluate the clustering against (`--truth`).
    pub truth: Option<HashMap<String, String>>,
    /// How to match.
    pub options: DedupOptions,
    /// With a truth, how many true pairs blocking never compared to list (0: none).
    pub blocking_misses: usize,
}

/// What [`DedupJob::run`] made.
#[derive(Debug)]
pub struct DedupOutcome {
    /// The records read (and the files, the files skipped, the readers' finding count).
    pub loaded: LoadedRecords,
    /// The clusters, links, model and evidence.
    pub result: DedupResult,
    /// With a truth: precision, recall and F1, pairwise and B-cubed, and blocking recall.
    pub evaluation: Option<Evaluation>,
    /// With a truth: up to [`DedupJob::blocking_misses`] true pairs (record indices) that
    /// blocking never compared.
    pub blocking_misses: Vec<(usize, usize)>,
    /// Seconds spent reading.
    pub load_secs: f64,
    /// Seconds spent reading and matching.
    pub secs: f64,
}

impl DedupJob {
    /// Runs the job, reporting its stages (`reading`, `deduplicating`) to `progress`.
    ///
    /// # Errors
    /// When a path does not exist, cannot be read, or a file named directly is of a kind that
    /// is not matched.
    pub fn run(&self, progress: &dyn Progress) -> Result<DedupOutcome> {
        let start = Instant::now();
        progress.stage("reading", None);
        let loaded = load_records_with(&self.paths, self.kind, &self.csv)?;
        let load_secs = start.elapsed().as_secs_f64();
        progress.stage("deduplicating", None);
        let mut options = self.options.clone().keep_candidates(self.truth.is_some());
        // Blocking recall asks only about true pairs: only those are kept.
        options.candidate_groups = self.truth.as_ref().map(|truth| {
            let ids: Vec<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
            std::sync::Arc::new(super::truth_groups(&ids, truth))
        });
        options.measure_decisions = !self.decisions.is_empty();
        let result = Deduplicator::new(options).run(&loaded.records, &self.decisions);
        let secs = start.elapsed().as_secs_f64();
        let (evaluation, blocking_misses) = match &self.truth {
            Some(truth) => (
                Some(result.evaluate(&loaded.records, truth)),
                if self.blocking_misses == 0 {
                    Vec::new()
                } else {
                    result.blocking_misses(&loaded.records, truth, self.blocking_misses)
                },
            ),
            None => (None, Vec::new()),
        };
        Ok(DedupOutcome {
            loaded,
            result,
            evaluation,
            blocking_misses,
            load_secs,
            secs,
        })
    }
}
