//! Deduplication for the report: the suspected duplicate clusters as values, from the
//! [`Deduplicator`]'s result to the report's Duplicates section.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{ClusterMember, ClusterView, DedupSection};
use crate::dedup::{
    Decision, DedupOptions, DedupRecord, Deduplicator, MatchExplanation, ModelFile,
};
use crate::io::Archive;
use crate::review::{self, ReviewOptions, ReviewStats};
use crate::stats::ArchiveStats;

/// Whether and how deduplication contributed to the report.
#[derive(Debug, Clone, Default)]
pub enum Dedup {
    /// Deduplication was not run (the default; also when there is no victim or figure).
    #[default]
    NotRun,
    /// The user asked to skip it (`--no-dedup`).
    Skipped,
    /// What deduplication found.
    Done(Deduplicated),
}

/// What deduplication found ([`deduplicate`]).
#[derive(Debug, Clone, Default)]
pub struct Deduplicated {
    /// Every cluster, singletons included: in the order of their first member among the
    /// victims then the figures; members in that order too.
    pub clusters: Vec<DuplicateCluster>,
    /// How far the human review has come (the counts `museum review --stats` prints).
    pub review: Option<ReviewStats>,
    /// Warnings for the user (oversized blocks, decisions that name unknown records).
    pub warnings: Vec<String>,
    /// The model the matching learned (the shape of `--save-model`), drawn in the report as a
    /// match-weights chart.
    pub model: Option<ModelFile>,
}

/// A suspected duplicate cluster: records that may be the same person, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCluster {
    /// The cluster id.
    pub id: String,
    /// Record ids (victims and figures) in the cluster.
    pub members: Vec<String>,
    /// Match score 0–1, when the engine gives one.
    pub score: Option<f64>,
    /// The evidence, one line per reason (`surname: Жургенов ~ Жүргенов (0.94)`).
    pub evidence: Vec<String>,
}

impl Dedup {
    /// Clusters from `(record id, cluster id)` pairs (a clusters file, a test), with optional
    /// evidence per cluster id. Clusters keep the order of their first member; members keep
    /// their order.
    ///
    /// ```
    /// use museum_core::report::Dedup;
    /// let d = Dedup::from_pairs(&[("v1".into(), "c1".into()), ("v7".into(), "c1".into())], &Default::default());
    /// assert_eq!(d.clusters().unwrap()[0].members, ["v1", "v7"]);
    /// ```
    pub fn from_pairs(
        pairs: &[(String, String)],
        evidence: &BTreeMap<String, Vec<String>>,
    ) -> Dedup {
        let mut clusters: Vec<DuplicateCluster> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for (record, cluster) in pairs {
            let i = *slot.entry(cluster.as_str()).or_insert_with(|| {
                clusters.push(DuplicateCluster {
                    id: cluster.clone(),
                    members: Vec::new(),
                    score: None,
                    evidence: evidence.get(cluster).cloned().unwrap_or_default(),
                });
                clusters.len() - 1
            });
            add_member(&mut clusters[i], record);
        }
        Dedup::Done(Deduplicated {
            clusters,
            ..Deduplicated::default()
        })
    }

    /// The clusters, when deduplication ran.
    pub fn clusters(&self) -> Option<&[DuplicateCluster]> {
        match self {
            Dedup::Done(d) => Some(&d.clusters),
            Dedup::NotRun | Dedup::Skipped => None,
        }
    }

    /// The warnings deduplication made for the user.
    pub fn warnings(&self) -> &[String] {
        match self {
            Dedup::Done(d) => &d.warnings,
            Dedup::NotRun | Dedup::Skipped => &[],
        }
    }
}

/// Adds `record` to `cluster` unless it is there already (a record id written twice in the data
/// is listed once).
fn add_member(cluster: &mut DuplicateCluster, record: &str) {
    if !cluster.members.iter().any(|m| m == record) {
        cluster.members.push(record.to_owned());
    }
}

/// Deduplicates the victims (and figures) of an archive for the report: clusters of suspected
/// duplicates with one line of evidence per join, honouring human `decisions` (which always
/// win), how far the human review has come (the counts `museum review --stats` prints, from the
/// same run: it keeps the uncertain pairs below the threshold too) and the engine's warnings for the
/// user (oversized blocks, decisions that name unknown records). No record is dropped: clusters
/// only link them. [`Dedup::NotRun`] when the archive has no victim or figure.
///
/// ```
/// use museum_core::dedup::{DedupOptions, Decision, DecisionKind};
/// use museum_core::io::{Archive, CsvOptions, DatasetKind};
/// use museum_core::report::deduplicate;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date,birth_place,arrest_date\n\
///     v1,Жургенов Темирбек Караулович,1898,Туркестан,1937-08-02\n\
///     v2,Жүргенов Темірбек Қараұлұлы,1898,Туркестан,1937-08-02\n").unwrap();
/// let mut archive = Archive::default();
/// archive.load_file(&path, DatasetKind::Victims, &CsvOptions::default()).unwrap();
/// let found = deduplicate(&archive, &[], DedupOptions::default());
/// assert_eq!(found.clusters().unwrap()[0].members, ["v1", "v2"]); // one person in two scripts
/// // A historian decided these two records are different people: the decision wins.
/// let different = Decision {
///     record_a: "v1".into(), record_b: "v2".into(), decision: DecisionKind::Different,
///     who: "archivist".into(), when: "2026-11-26".into(), why: "".into(), line: None,
/// };
/// let found = deduplicate(&archive, &[different], DedupOptions::default());
/// assert!(found.clusters().unwrap().iter().all(|c| c.members.len() == 1));
/// let museum_core::report::Dedup::Done(done) = found else { unreachable!() };
/// assert_eq!(done.review.map(|r| r.decided), Some(1));
/// ```
#[allow(clippy::needless_pass_by_value)] // public API: options are built for one call
pub fn deduplicate(archive: &Archive, decisions: &[Decision], options: DedupOptions) -> Dedup {
    let mut records: Vec<DedupRecord> = archive
        .victims
        .iter()
        .map(|v| DedupRecord::from_victim(v, None))
        .collect();
    records.extend(
        archive
            .figures
            .iter()
            .map(|f| DedupRecord::from_figure(f, None)),
    );
    deduplicate_records(&records, decisions, &options)
}

/// What the report keeps of each victim when the job does not keep the victims (they are
/// handed over as they are read, [`Held::push`], and dropped): how many each file holds and,
/// when deduplication runs, the record matching compares and what the Duplicates section shows
/// of it ([`ClusterMember`]). On a million records this is the difference between holding the
/// whole typed victims and holding the matching records alone.
#[derive(Debug, Default)]
pub(super) struct Held {
    /// The records matching compares: the victims', then (after [`Held::add_figures`]) the
    /// figures'. Empty without deduplication.
    pub(super) records: Vec<DedupRecord>,
    /// What the Duplicates section shows of each victim beyond its record. Empty without
    /// deduplication.
    shown: Shown,
    /// Victims read, in runs of the same file.
    files: Vec<(Option<Arc<str>>, u64)>,
    victims: usize,
    dedup: bool,
}

impl Held {
    /// Nothing held yet; `dedup`: whether matching will run (and needs the records).
    pub(super) fn new(dedup: bool) -> Held {
        Held {
            dedup,
            ..Held::default()
        }
    }

    /// Takes what the report needs of a victim.
    pub(super) fn push(&mut self, v: &crate::io::Located<crate::model::Victim>) {
        self.count(&[(v.location.file.clone(), 1)]);
        if !self.dedup {
            return;
        }
        let record = DedupRecord::from_victim(v, None);
        self.shown.push(&v.record, &record);
        self.records.push(record);
    }

    /// Counts victims read without taking anything else of them: `files` says how many were
    /// read from each file, in runs of the same file, in file order.
    pub(super) fn count(&mut self, files: &[crate::stats::FileRun]) {
        for (file, n) in files {
            self.victims += usize::try_from(*n).unwrap_or(usize::MAX);
            match self.files.last_mut() {
                Some((f, m)) if f == file => *m += n,
                _ => self.files.push((file.clone(), *n)),
            }
        }
    }

    /// The victims held whose record id is wanted, in order, as the Duplicates section shows
    /// them.
    fn members<'h>(
        &'h self,
        wanted: &'h HashSet<&str>,
    ) -> impl Iterator<Item = (&'h str, ClusterMember)> + 'h {
        // The file of each victim, from the runs of victims of one file.
        let files = self
            .files
            .iter()
            .flat_map(|(f, n)| std::iter::repeat_n(f, usize::try_from(*n).unwrap_or(0)));
        self.records[..self.victims.min(self.records.len())]
            .iter()
            .zip(files)
            .enumerate()
            .filter_map(|(i, (record, file))| {
                let (id, name) = self.shown.id_and_name(i, record);
                wanted.contains(id).then(|| {
                    let (birth, arrest) = self.shown.dates(i);
                    (
                        id,
                        ClusterMember {
                            record_id: id.to_owned(),
                            name: Some(name.to_owned()),
                            birth: birth.map(str::to_owned),
                            arrest: arrest.map(str::to_owned),
                            file: file.as_deref().map(str::to_owned),
                            line: record.origin.line,
                        },
                    )
                })
            })
    }

    /// Adds the figures of `archive` to the records matching compares (after the victims).
    pub(super) fn add_figures(&mut self, archive: &Archive) {
        if self.dedup {
            self.records.extend(
                archive
                    .figures
                    .iter()
                    .map(|f| DedupRecord::from_figure(f, None)),
            );
        }
    }
}

/// [`deduplicate`] of records already made (the victims' then the figures').
pub(super) fn deduplicate_records(
    records: &[DedupRecord],
    decisions: &[Decision],
    options: &DedupOptions,
) -> Dedup {
    if records.is_empty() {
        return Dedup::NotRun;
    }
    // One run: it also keeps the scored pairs of the review's uncertain band below the threshold.
    let counts = ReviewOptions {
        limit: 0,
        ..ReviewOptions::default()
    };
    let result = Deduplicator::new(counts.dedup_options(options)).run(records, decisions);
    let review = review::review_of(&result, records, decisions, options, &counts).stats;
    // The engine's clusters in the order of their first member; each cluster's evidence is one
    // line per join.
    let mut slot: Vec<Option<usize>> = vec![None; result.clusters.len()];
    let mut clusters: Vec<DuplicateCluster> = Vec::new();
    for (record, &c) in records.iter().zip(&result.cluster_of) {
        let c = c as usize;
        let i = *slot[c].get_or_insert_with(|| {
            clusters.push(DuplicateCluster {
                id: format!("c{c}"),
                members: Vec::new(),
                score: None,
                evidence: result.clusters[c]
                    .joins
                    .iter()
                    .map(|join| evidence_line(&result.explain(records, join.a, join.b)))
                    .collect(),
            });
            clusters.len() - 1
        });
        add_member(&mut clusters[i], &record.id);
    }
    Dedup::Done(Deduplicated {
        clusters,
        review: Some(review),
        warnings: result.warnings,
        model: Some(ModelFile::of(&result.model)),
    })
}

/// One line of evidence: the decision that joined two records, or the fields that weighed most.
fn evidence_line(e: &MatchExplanation) -> String {
    if let Some(d) = e.decision.as_ref() {
        let mut line = format!(
            "{} ~ {}: decided {} by {}",
            e.record_a,
            e.record_b,
            d.decision.as_str(),
            if d.who.is_empty() { "a person" } else { &d.who }
        );
        if !d.when.is_empty() {
            line.push_str(&format!(" on {}", d.when));
        }
        if !d.why.is_empty() {
            line.push_str(&format!(": {}", d.why));
        }
        line
    } else {
        let fields: Vec<String> = e
            .fields
            .iter()
            .filter(|f| f.level.is_some())
            .take(6)
            .map(|f| {
                format!(
                    "{} {} ({:+.1})",
                    f.field.as_str(),
                    f.level.unwrap_or_default(),
                    f.weight
                )
            })
            .collect();
        format!(
            "{} ~ {}: p = {:.3}; {}",
            e.record_a,
            e.record_b,
            e.probability,
            fields.join(", ")
        )
    }
}

const MAX_CLUSTERS: usize = 500;

/// What the Duplicates section shows of the victims ([`ClusterMember`]) beyond their matching
/// records (which have the id, the name as written, the line; the file is the held runs'):
/// the birth and arrest dates as written, all in one text (a few bytes a victim, not a few small
/// allocations).
#[derive(Debug, Default)]
struct Shown {
    /// The birth then the arrest date as written of every victim, back to back.
    dates: String,
    /// Where each victim's birth date and arrest date end in `dates` (each starts where the
    /// one before ends).
    ends: Vec<[u64; 2]>,
    /// Whether each victim has a birth date (bit 0) and an arrest date (bit 1).
    present: Vec<u8>,
    /// The id and the name as written of the victims whose matching record has another id
    /// (none, or spaces around it) or another first name (no main name): rare.
    odd: HashMap<usize, (String, String)>,
}

impl Shown {
    fn push(&mut self, victim: &crate::model::Victim, record: &DedupRecord) {
        let i = self.ends.len();
        if victim.id != record.id || victim.name.original != record.display_name() {
            self.odd
                .insert(i, (victim.id.clone(), victim.name.original.clone()));
        }
        let birth = victim
            .birth_date
            .as_ref()
            .map(crate::model::HistoricalDate::original);
        let arrest = victim
            .cases
            .first()
            .and_then(|c| c.arrest_date.as_ref())
            .map(crate::model::HistoricalDate::original);
        self.dates.push_str(birth.unwrap_or_default());
        let birth_end = self.dates.len() as u64;
        self.dates.push_str(arrest.unwrap_or_default());
        self.ends.push([birth_end, self.dates.len() as u64]);
        self.present
            .push(u8::from(birth.is_some()) | u8::from(arrest.is_some()) << 1);
    }

    /// The id and the name as written of victim `i`, whose matching record is `record`.
    fn id_and_name<'a>(&'a self, i: usize, record: &'a DedupRecord) -> (&'a str, &'a str) {
        match self.odd.get(&i) {
            Some((id, name)) => (id, name),
            None => (&record.id, record.display_name()),
        }
    }

    /// The birth and arrest dates as written of victim `i`.
    fn dates(&self, i: usize) -> (Option<&str>, Option<&str>) {
        let at = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let start = if i == 0 { 0 } else { at(self.ends[i - 1][1]) };
        let [birth_end, arrest_end] = self.ends[i].map(at);
        let present = self.present[i];
        (
            (present & 1 != 0).then(|| &self.dates[start..birth_end]),
            (present & 2 != 0).then(|| &self.dates[birth_end..arrest_end]),
        )
    }
}

/// The victims as the report holds them: the typed records, or (when the job handed them over
/// as they were read) what it [`Held`] of each.
#[derive(Clone, Copy)]
pub(super) enum Victims<'a> {
    /// The victims of the archive.
    Records(&'a [crate::io::Located<crate::model::Victim>]),
    /// What was kept of each victim.
    Held(&'a Held),
}

impl<'a> Victims<'a> {
    pub(super) fn len(self) -> usize {
        match self {
            Victims::Records(v) => v.len(),
            Victims::Held(h) => h.victims,
        }
    }

    /// The victims of each file (a file may come more than once).
    pub(super) fn file_counts(self) -> Vec<(Option<&'a str>, u64)> {
        match self {
            Victims::Records(v) => v.iter().map(|l| (l.location.file.as_deref(), 1)).collect(),
            Victims::Held(h) => h.files.iter().map(|(f, n)| (f.as_deref(), *n)).collect(),
        }
    }
}

pub(super) fn dedup_section(
    archive: &Archive,
    victims: Victims<'_>,
    dedup: &Dedup,
    stats: &ArchiveStats,
) -> DedupSection {
    let clusters = match dedup {
        Dedup::NotRun => {
            return DedupSection {
                status: "not_run".into(),
                persons: None,
                clusters: Vec::new(),
                clusters_total: 0,
                review: None,
                model: None,
            };
        }
        Dedup::Skipped => {
            return DedupSection {
                status: "skipped".into(),
                persons: None,
                clusters: Vec::new(),
                clusters_total: 0,
                review: None,
                model: None,
            };
        }
        Dedup::Done(d) => d,
    };
    let real: Vec<&DuplicateCluster> = clusters
        .clusters
        .iter()
        .filter(|c| c.members.len() >= 2)
        .collect();
    let shown = &real[..real.len().min(MAX_CLUSTERS)];
    // Only the members of the clusters shown are looked up (a million records would be a
    // million copies of names otherwise). Clusters hold figures as well as victims: both are
    // looked up, so every member is shown with its name, birth, file and line; the first record
    // with an id wins, victims before figures.
    let wanted: HashSet<&str> = shown
        .iter()
        .flat_map(|c| c.members.iter().map(String::as_str))
        .collect();
    let mut by_id: HashMap<&str, ClusterMember> = HashMap::with_capacity(wanted.len());
    match victims {
        Victims::Records(list) => {
            for v in list
                .iter()
                .filter(|v| wanted.contains(v.record.id.as_str()))
            {
                by_id
                    .entry(v.record.id.as_str())
                    .or_insert_with(|| ClusterMember {
                        record_id: v.record.id.clone(),
                        name: Some(v.record.name.original.clone()),
                        birth: v
                            .record
                            .birth_date
                            .as_ref()
                            .map(|d| d.original().to_owned()),
                        arrest: v
                            .record
                            .cases
                            .first()
                            .and_then(|c| c.arrest_date.as_ref())
                            .map(|d| d.original().to_owned()),
                        file: v.location.file.as_deref().map(str::to_owned),
                        line: v.location.line,
                    });
            }
        }
        Victims::Held(held) => {
            for (id, member) in held.members(&wanted) {
                by_id.entry(id).or_insert(member);
            }
        }
    }
    for f in archive
        .figures
        .iter()
        .filter(|f| wanted.contains(f.record.id.as_str()))
    {
        let r = &f.record;
        by_id.entry(r.id.as_str()).or_insert_with(|| ClusterMember {
            record_id: r.id.clone(),
            name: [&r.name_kk, &r.name_ru, &r.name_en]
                .into_iter()
                .find(|n| !n.is_empty())
                .map(|n| n.original.clone()),
            birth: r.birth_date.as_ref().map(|d| d.original().to_owned()),
            arrest: None,
            file: f.location.file.as_deref().map(str::to_owned),
            line: f.location.line,
        });
    }
    DedupSection {
        status: "done".into(),
        persons: stats.duplicates.as_ref().map(|d| d.persons),
        clusters_total: real.len() as u64,
        review: clusters.review.clone(),
        model: clusters.model.clone(),
        clusters: shown
            .iter()
            .map(|c| ClusterView {
                id: c.id.clone(),
                score: c.score,
                evidence: c.evidence.clone(),
                members: c
                    .members
                    .iter()
                    .map(|m| {
                        by_id
                            .get(m.as_str())
                            .cloned()
                            .unwrap_or_else(|| ClusterMember {
                                record_id: m.clone(),
                                name: None,
                                birth: None,
                                arrest: None,
                                file: None,
                                line: None,
                            })
                    })
                    .collect(),
            })
            .collect(),
    }
}
