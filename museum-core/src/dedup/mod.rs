//! Deduplication: which records are the same person, with the evidence for every link.
//!
//! A pipeline of small stages, each in its own module:
//!
//! 1. **keys** ([`crate::normalize`]): names folded across Kazakh and Russian Cyrillic and the
//!    Latin romanizations, stems, phonetic codes;
//! 2. **blocking** ([`blocking`]): several cheap keys per record, bounded block sizes, so the
//!    cost grows about linearly with the number of records;
//! 3. **comparison** ([`compare`]): per-field agreement levels (names with initials compatible,
//!    birth year distance, places, arrest/sentence/death dates, sentence, sex, nationality);
//! 4. **scoring** ([`model`]): Fellegi–Sunter weights estimated from the data itself (u from
//!    random pairs, within each nationality too; m from high-confidence pairs, field by field
//!    leaving the field out — a hard variant of EM), term-frequency adjusted (names, places,
//!    dates), corrected for namesakes;
//! 5. **clustering** ([`cluster`]): merges that do not chain unrelated namesakes;
//! 6. **explanation** ([`MatchExplanation`]) for every link, **decisions** ([`decisions`]) that
//!    always win, **evaluation** ([`evaluate()`]) against labelled truth.
//!
//! No record is ever dropped: every input record is in exactly one cluster (most are alone).
//!
//! ```
//! use museum_core::dedup::{DedupOptions, Deduplicator, DedupRecord};
//! use museum_core::io::{read_file, CsvOptions};
//! use museum_core::Victim;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("victims.csv");
//! std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
//!     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
//!     v2,Букейханов,Алихан,Нурмухамедович,1866,ВМН\n\
//!     v3,Байтурсынов,Ахмет,,1872,ВМН\n").unwrap();
//! let (victims, _) = read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
//! let records: Vec<DedupRecord> = victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect();
//! let result = Deduplicator::new(DedupOptions::default()).run(&records, &[]);
//! assert_eq!(result.cluster_of[0], result.cluster_of[1]);
//! assert_ne!(result.cluster_of[0], result.cluster_of[2]);
//! let why = result.explain(&records, 0, 1);
//! assert!(why.probability > 0.9);
//! assert!(why.agreeing().any(|f| f.field == museum_core::dedup::Field::Patronymic));
//! ```

pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod decisions;
mod em;
mod evaluate;
mod explain;
mod input;
pub mod model;
pub mod model_file;
mod record;
mod search;
mod util;

use std::collections::HashMap;

use serde::Serialize;

pub use blocking::{BlockingStats, LargeBlock, Rule};
pub use cluster::{ClusterLink, LinkSource};
pub use compare::Field;
pub use decisions::{
    DECISIONS_FILE, Decision, DecisionKind, DecisionsEffect, append_decisions, read_decisions,
};
pub use evaluate::{Evaluation, Prf, evaluate, read_truth};
pub use explain::{FieldEvidence, MatchExplanation};
pub use input::{LoadedRecords, load_records, load_records_with};
pub use model::Model;
pub use model_file::{MODEL_FORMAT, ModelFile, WeightChange, weight_changes};
pub use record::{CaseFacts, DateSpan, DedupRecord, Origin};
pub use search::{PartMatch, SearchHit, SearchOptions, SearchQuery, search};

use compare::{Prepared, compare, conflict, pack};
use model::FitOptions;

/// Options of deduplication. Thresholds are options, never constants in the code.
#[derive(Debug, Clone)]
pub struct DedupOptions {
    /// Link two records when their match probability is at least this (0–1).
    pub threshold: f64,
    /// When merging two clusters, the mean probability over all their cross pairs must be at
    /// least this (prevents chaining through a namesake).
    pub min_mean_probability: f64,
    /// When merging two clusters, no cross pair may be less likely than this (strong evidence
    /// against one pair vetoes the merge).
    pub min_cross_probability: f64,
    /// Blocks larger than this are compared in a sliding window instead of all pairs.
    pub max_block_size: usize,
    /// The window of large blocks.
    pub window: usize,
    /// The blocking rules in use (all by default).
    pub rules: Vec<Rule>,
    /// Random pairs sampled to estimate u.
    pub u_sample: usize,
    /// About this many candidate pairs (a sample of the blocks) are used to estimate m.
    pub model_pairs: usize,
    /// Rounds of m estimation from high-confidence pairs.
    pub em_iterations: usize,
    /// Rounds of soft EM over training passes (same birth day, same surname, same given name
    /// and year: each field's m from the passes that do not block on it, as Splink trains)
    /// after the high-confidence estimate. 0 (the default): none. It lifts recall where fields
    /// are often replaced (FEBRL), but on lists of families it learns "same family" rather than
    /// "same person" (siblings share surname, patronymic, place and arrest day), and precision
    /// falls (synthetic archive: 0.992 → 0.979 after 3 rounds).
    pub soft_em_rounds: usize,
    /// Strength of the default m as pseudo-counts (in pairs).
    pub prior_strength: f64,
    /// Term-frequency adjustment (a common surname counts less than a rare one).
    pub term_frequency: bool,
    /// Keep the list of compared pairs (needed for blocking recall in [`DedupResult::evaluate`]).
    pub keep_candidates: bool,
    /// Seed of the random pair sample.
    pub seed: u64,
    /// Worker threads (0: as many as the machine has).
    pub threads: usize,
    /// A saved model (`--model`): its m and u are used instead of being learned from the list;
    /// only the prior is learned.
    pub model: Option<ModelFile>,
    /// Incremental matching (the person registry's hook, see [`Increment`]); `None`: every
    /// candidate pair is compared.
    pub increment: Option<std::sync::Arc<Increment>>,
    /// When decisions are labels, also fit the model without them (same sample, same
    /// candidates) and measure what they changed ([`DedupResult::decisions_effect`]): one more
    /// model fit and every candidate scored twice.
    pub measure_decisions: bool,
}

/// Incremental matching, for an archive that grows ([`crate::persons`]): only candidate pairs
/// with at least one record in `focus` (new and changed records) are compared; the other records
/// keep the grouping they already have (`known`: records with the same group are joined as links
/// stated by the data are). Blocking and the model still see every record, so a new record is
/// compared against the whole archive.
#[derive(Debug, Clone, Default)]
pub struct Increment {
    /// Per record: compare it (new or changed).
    pub focus: Vec<bool>,
    /// Per record outside `focus`: its known group (records with equal groups are one person).
    pub known: Vec<Option<u32>>,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            threshold: 0.9,
            min_mean_probability: 0.5,
            min_cross_probability: 0.01,
            max_block_size: 30,
            window: 10,
            rules: Rule::ALL.to_vec(),
            u_sample: 300_000,
            model_pairs: 2_000_000,
            em_iterations: 4,
            soft_em_rounds: 0,
            prior_strength: 200.0,
            term_frequency: true,
            keep_candidates: false,
            seed: 0x6d75_7365_756d,
            threads: 0,
            model: None,
            increment: None,
            measure_decisions: false,
        }
    }
}

impl DedupOptions {
    /// Sets the link threshold.
    #[must_use]
    pub fn threshold(mut self, t: f64) -> Self {
        self.threshold = t;
        self
    }

    /// Sets the block size cap.
    #[must_use]
    pub fn max_block_size(mut self, n: usize) -> Self {
        self.max_block_size = n;
        self
    }

    /// Keeps the compared pairs for blocking recall.
    #[must_use]
    pub fn keep_candidates(mut self, on: bool) -> Self {
        self.keep_candidates = on;
        self
    }

    /// Sets the number of threads (0: all).
    #[must_use]
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }
}

/// A link found by scoring: two records and their match probability.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Link {
    /// Record index.
    pub a: usize,
    /// Record index.
    pub b: usize,
    /// Match probability.
    pub probability: f64,
    /// Match weight (log2 odds).
    pub weight: f64,
}

/// One cluster: the records judged to be one person.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    /// Record indices, in input order.
    pub members: Vec<usize>,
    /// The joins that made the cluster (size − 1 of them).
    pub joins: Vec<ClusterLink>,
}

impl Cluster {
    /// The weakest probability among the cluster's joins: the cluster is at least this sure of
    /// every link that holds it together (1 for a single record).
    pub fn score(&self) -> f64 {
        self.joins
            .iter()
            .map(|j| j.probability)
            .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.min(p))))
            .unwrap_or(1.0)
    }
}

/// How the decisions were applied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionStats {
    /// `same` decisions applied.
    pub same: usize,
    /// `different` decisions applied.
    pub different: usize,
    /// Decisions naming an id that is not in the data (ignored).
    pub unknown_ids: Vec<String>,
    /// Pairs a `same` decision joined although a `different` decision separates their clusters.
    pub conflicts: Vec<(String, String)>,
}

/// The result of a run.
#[derive(Debug)]
pub struct DedupResult {
    /// Every record's cluster (index into `clusters`).
    pub cluster_of: Vec<u32>,
    /// Clusters in order of their first record; every record is in exactly one.
    pub clusters: Vec<Cluster>,
    /// Scored pairs at or above the threshold (the links clustering considered), strongest
    /// first.
    pub links: Vec<Link>,
    /// The fitted model.
    pub model: Model,
    /// What blocking did.
    pub blocking: BlockingStats,
    /// How the decisions were applied.
    pub decisions: DecisionStats,
    /// Merges refused because of hard conflicting evidence.
    pub refused_conflicts: usize,
    /// Merges refused because the clusters did not agree enough on average.
    pub refused_weak: usize,
    /// Refused merges by reason: the conflict a cross pair showed (`different given names`,
    /// `birth years more than 5 years apart`…), or why the evidence was too weak.
    pub refused_reasons: std::collections::BTreeMap<&'static str, usize>,
    /// Warnings for the user (oversized blocks, decisions that could not be applied).
    pub warnings: Vec<String>,
    /// Seconds spent in each stage.
    pub timings: Vec<(&'static str, f64)>,
    /// What the decisions, used as labels, changed (with [`DedupOptions::measure_decisions`]
    /// and at least one decision about two records of the data).
    pub decisions_effect: Option<DecisionsEffect>,
    candidates: Option<Vec<u64>>,
    prepared: Prepared,
    decision_map: HashMap<(usize, usize), Decision>,
}

/// Runs deduplication with its options.
#[derive(Debug, Clone, Default)]
pub struct Deduplicator {
    options: DedupOptions,
}

impl Deduplicator {
    /// A deduplicator with these options.
    pub fn new(options: DedupOptions) -> Self {
        Deduplicator { options }
    }

    /// The options.
    pub fn options(&self) -> &DedupOptions {
        &self.options
    }

    /// Finds the clusters of `records`, honouring `decisions` (which always win).
    pub fn run(&self, records: &[DedupRecord], decisions: &[Decision]) -> DedupResult {
        let opt = &self.options;
        let threads = util::threads(opt.threads);
        let mut timings = Vec::new();
        let mut clock = std::time::Instant::now();
        let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
            timings.push((name, clock.elapsed().as_secs_f64()));
            clock = std::time::Instant::now();
        };
        let p = Prepared::build(records, threads);
        lap("keys", &mut timings);
        // 1. Blocking.
        let bopt = blocking::BlockOptions {
            max_block: opt.max_block_size.max(2),
            window: opt.window.max(1),
            threads,
            rules: opt.rules.clone(),
        };
        let blocks = blocking::Blocks::build(&p, &bopt);
        lap("blocking", &mut timings);
        // 2. The model, from the comparison patterns of a sample of the blocks.
        let budget = blocks.pair_budget(&bopt, |_| true);
        let stride = budget.div_ceil(opt.model_pairs.max(1) as u64).max(1);
        let sampled =
            |key: u64| (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33).is_multiple_of(stride);
        let scale = budget as f64 / blocks.pair_budget(&bopt, sampled).max(1) as f64;
        let (samples, _) = blocks.visit(&bopt, sampled, HashMap::<u64, u64>::new, |s, i, j, _| {
            *s.entry(pack(&compare(&p, i, j).0)).or_default() += 1;
        });
        // Human decisions are labels for the model.
        let index: HashMap<&str, usize> = records
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut decided: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let labels: Vec<(compare::Levels, bool)> = decisions
            .iter()
            .filter_map(|d| {
                let (a, b) = (
                    *index.get(d.record_a.as_str())?,
                    *index.get(d.record_b.as_str())?,
                );
                decided.insert(index_pair(a, b));
                (a != b).then(|| (compare(&p, a, b).0, d.decision == DecisionKind::Same))
            })
            .collect();
        let fit_options = FitOptions {
            u_sample: opt.u_sample,
            em_iterations: opt.em_iterations,
            soft_em_rounds: opt.soft_em_rounds,
            prior_strength: opt.prior_strength,
            term_frequency: opt.term_frequency,
            seed: opt.seed,
            threads,
        };
        let fit = |labels: &[(compare::Levels, bool)]| {
            model::Model::fit(
                &p,
                &samples,
                scale,
                &fit_options,
                model::Evidence {
                    labels,
                    fixed: opt.model.as_ref(),
                },
            )
        };
        let model = fit(&labels);
        // The model without the decisions, to measure what they changed.
        let plain = (opt.measure_decisions && !labels.is_empty()).then(|| fit(&[]));
        drop(samples);
        lap("model", &mut timings);
        // 3. Every candidate compared and scored; links kept.
        let keep = opt.keep_candidates;
        let focus = opt.increment.as_ref().map(|inc| &inc.focus);
        let (scans, per_rule) = blocks.visit(
            &bopt,
            |_| true,
            || {
                (
                    Vec::<Link>::new(),
                    Vec::<u64>::new(),
                    Vec::<(u64, bool)>::new(),
                )
            },
            |s, i, j, _| {
                if let Some(f) = focus
                    && !f[i]
                    && !f[j]
                {
                    return;
                }
                let (levels, names, _) = compare(&p, i, j);
                let (w, prob) = model.score(&p, i, j, &levels, names);
                if prob >= opt.threshold {
                    s.0.push(Link {
                        a: i,
                        b: j,
                        probability: prob,
                        weight: w,
                    });
                }
                if keep {
                    s.1.push(((i as u64) << 32) | j as u64);
                }
                if let Some(plain) = &plain {
                    let before = plain.score(&p, i, j, &levels, names).1 >= opt.threshold;
                    let key = index_pair(i, j);
                    if before != (prob >= opt.threshold) && !decided.contains(&key) {
                        s.2.push((key, !before));
                    }
                }
            },
        );
        let mut stats = blocks.stats.clone();
        stats.candidate_pairs = per_rule.iter().sum();
        stats.pairs_per_rule = per_rule;
        drop(blocks);
        let mut links: Vec<Link> = Vec::new();
        let mut cands: Vec<u64> = Vec::new();
        let mut crossed: Vec<(u64, bool)> = Vec::new();
        for (l, c, x) in scans {
            links.extend(l);
            cands.extend(c);
            crossed.extend(x);
        }
        let decisions_effect = plain.map(|plain| DecisionsEffect::new(&plain, &model, crossed));
        let candidates = keep.then(|| {
            cands.sort_unstable();
            cands.dedup();
            cands
        });
        links.sort_unstable_by(|x, y| {
            y.probability
                .total_cmp(&x.probability)
                .then(x.a.cmp(&y.a))
                .then(x.b.cmp(&y.b))
        });
        links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        lap("comparison and scoring", &mut timings);
        // 4. Decisions and links stated by the data.
        let mut dstats = DecisionStats::default();
        let mut same = Vec::new();
        let mut different = Vec::new();
        let mut decision_map = HashMap::new();
        for d in decisions {
            match (
                index.get(d.record_a.as_str()),
                index.get(d.record_b.as_str()),
            ) {
                (Some(&a), Some(&b)) if a != b => {
                    match d.decision {
                        DecisionKind::Same => {
                            same.push((a, b, LinkSource::Decision));
                            dstats.same += 1;
                        }
                        DecisionKind::Different => {
                            different.push((a, b));
                            dstats.different += 1;
                        }
                    }
                    decision_map.insert((a.min(b), a.max(b)), d.clone());
                }
                (a, b) => {
                    for (id, found) in [(&d.record_a, a), (&d.record_b, b)] {
                        if found.is_none() && !dstats.unknown_ids.contains(id) {
                            dstats.unknown_ids.push(id.clone());
                        }
                    }
                }
            }
        }
        if let Some(inc) = &opt.increment {
            // Records already grouped stay together (the first of each group anchors it).
            let mut first: HashMap<u32, usize> = HashMap::new();
            for (i, g) in inc.known.iter().enumerate() {
                if let Some(g) = g {
                    let a = *first.entry(*g).or_insert(i);
                    if a != i {
                        same.push((a, i, LinkSource::Data));
                    }
                }
            }
        }
        for (i, r) in records.iter().enumerate() {
            for other in &r.same_as {
                if let Some(&j) = index.get(other.as_str())
                    && j != i
                {
                    same.push((i.min(j), i.max(j), LinkSource::Data));
                }
            }
        }
        // 5. Clustering.
        let scorer = Scorer {
            p: &p,
            model: &model,
        };
        let mut edges: Vec<cluster::Edge> = links
            .iter()
            .map(|l| cluster::Edge {
                a: l.a as u32,
                b: l.b as u32,
                probability: l.probability,
            })
            .collect();
        let c = cluster::cluster(
            records.len(),
            &mut edges,
            &same,
            &different,
            &scorer,
            &cluster::ClusterOptions {
                threshold: opt.threshold,
                min_mean_probability: opt.min_mean_probability,
                min_cross_probability: opt.min_cross_probability,
                max_cross_pairs: 400,
                near_certain: model::probability(model::CONFIDENT),
            },
        );
        lap("clustering", &mut timings);
        dstats.conflicts = c
            .decision_conflicts
            .iter()
            .map(|&(a, b)| (records[a].id.clone(), records[b].id.clone()))
            .collect();
        let mut warnings = Vec::new();
        for b in &stats.large_blocks {
            warnings.push(format!(
                "a `{}` block of {} records (e.g. `{}`, {}) was compared in a window of {} instead of all pairs",
                b.rule.as_str(),
                b.size,
                records[b.example].id,
                records[b.example].display_name(),
                bopt.window
            ));
        }
        if stats.large_block_count > stats.large_blocks.len() {
            warnings.push(format!(
                "{} more blocks above {} records were compared in a window",
                stats.large_block_count - stats.large_blocks.len(),
                bopt.max_block
            ));
        }
        if !dstats.unknown_ids.is_empty() {
            warnings.push(format!(
                "decisions name {} record id(s) not in the data: {}",
                dstats.unknown_ids.len(),
                dstats
                    .unknown_ids
                    .iter()
                    .take(5)
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for (a, b) in &dstats.conflicts {
            warnings.push(format!(
                "decisions conflict: `{a}` and `{b}` are decided `same`, but a `different` decision separates their clusters"
            ));
        }
        let clusters = c
            .clusters
            .into_iter()
            .zip(c.joins)
            .map(|(m, joins)| Cluster {
                members: m.into_iter().map(|x| x as usize).collect(),
                joins,
            })
            .collect();
        DedupResult {
            cluster_of: c.cluster_of,
            clusters,
            links,
            model,
            blocking: stats,
            decisions: dstats,
            refused_conflicts: c.refused_conflict,
            refused_reasons: c.refused_reasons,
            refused_weak: c.refused_weak,
            warnings,
            timings,
            decisions_effect,
            candidates,
            prepared: p,
            decision_map,
        }
    }
}

/// Two record indices as one key, in either order.
fn index_pair(a: usize, b: usize) -> u64 {
    ((a.min(b) as u64) << 32) | a.max(b) as u64
}

struct Scorer<'a> {
    p: &'a Prepared,
    model: &'a Model,
}

impl cluster::PairScorer for Scorer<'_> {
    fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>) {
        let (levels, names, _) = compare(self.p, a, b);
        let (_, prob) = self.model.score(self.p, a, b, &levels, names);
        // A conflict is hard evidence only as far as the list's own matches rarely show it: it
        // stands unless the pair is less likely a non-match (1 − p) than a true match is to
        // disagree so on that field (m of its lowest level, learned from the list: on a list
        // whose given names are often replaced, a different given name vetoes less).
        let hard = conflict(self.p, a, b, &levels).filter(|c| {
            let m = self.model.m_of(compare::conflict_field(c), 0);
            1.0 - prob > m
        });
        (prob, hard)
    }

    fn conflict(&self, a: usize, b: usize) -> Option<&'static str> {
        conflict(self.p, a, b, &compare(self.p, a, b).0)
    }
}

impl DedupResult {
    /// Clusters of more than one record.
    pub fn duplicate_clusters(&self) -> impl Iterator<Item = &Cluster> {
        self.clusters.iter().filter(|c| c.members.len() > 1)
    }

    /// Explains the pair of records `a` and `b` (indices into the records given to
    /// [`Deduplicator::run`]).
    pub fn explain(&self, records: &[DedupRecord], a: usize, b: usize) -> MatchExplanation {
        let p = &self.prepared;
        let (levels, names, sims) = compare(p, a, b);
        let (weight, probability) = self.model.score(p, a, b, &levels, names);
        let mut fields: Vec<FieldEvidence> = Field::ALL
            .iter()
            .map(|&f| {
                let l = levels[f.index()];
                let (base, tf) = self.model.field_weight(p, a, b, f, l, names);
                let idx = |r: usize| p.name_source(r, if r == a { names.0 } else { names.1 });
                FieldEvidence {
                    field: f,
                    level: explain::level_label(f, l),
                    a: explain::field_value(&records[a], f, idx(a)),
                    b: explain::field_value(&records[b], f, idx(b)),
                    similarity: (f.index() < 3 && l != compare::NULL).then(|| sims[f.index()]),
                    weight: base + tf,
                    frequency_adjustment: tf,
                }
            })
            .collect();
        let correction = self.model.name_correction(&levels);
        if correction != 0.0 {
            // Shown on the surname: the namesake correction of names agreeing together.
            if let Some(s) = fields.iter_mut().find(|e| e.field == Field::Surname) {
                s.weight += correction;
                s.frequency_adjustment += correction;
            }
        }
        fields.sort_by(|x, y| {
            x.level
                .is_none()
                .cmp(&y.level.is_none())
                .then(y.weight.abs().total_cmp(&x.weight.abs()))
        });
        let name = |r: usize, k: usize| {
            records[r]
                .names
                .get(k)
                .map_or_else(String::new, |n| n.original.clone())
        };
        MatchExplanation {
            record_a: records[a].id.clone(),
            record_b: records[b].id.clone(),
            probability,
            weight,
            prior: self.model.prior(),
            names: (
                name(a, p.name_source(a, names.0)),
                name(b, p.name_source(b, names.1)),
            ),
            fields,
            conflict: conflict(p, a, b, &levels),
            nationality_u: self.model.stratum_name(p, a, b),
            decision: self.decision_map.get(&(a.min(b), a.max(b))).cloned(),
        }
    }

    /// The records most likely to be the same person as record `i` (other than itself), best
    /// first: members of its cluster and the strongest candidates outside it.
    pub fn neighbours(&self, i: usize, limit: usize) -> Vec<(usize, f64)> {
        let mut out: Vec<(usize, f64)> = self
            .links
            .iter()
            .filter_map(|l| {
                if l.a == i {
                    Some((l.b, l.probability))
                } else if l.b == i {
                    Some((l.a, l.probability))
                } else {
                    None
                }
            })
            .collect();
        for &m in &self.clusters[self.cluster_of[i] as usize].members {
            if m != i && !out.iter().any(|(x, _)| *x == m) {
                let (levels, names, _) = compare(&self.prepared, i, m);
                let (_, prob) = self.model.score(&self.prepared, i, m, &levels, names);
                out.push((m, prob));
            }
        }
        out.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        out.truncate(limit);
        out
    }

    /// The records closest to record `i` by match probability, over all records (not only the
    /// candidates blocking found), best first.
    pub fn closest(&self, i: usize, limit: usize) -> Vec<(usize, f64)> {
        let p = &self.prepared;
        let threads = util::threads(0);
        let parts = util::par_chunks(p.len(), threads, |range| {
            let mut best: Vec<(usize, f64)> = Vec::new();
            for j in range {
                if j == i {
                    continue;
                }
                let (levels, names, _) = compare(p, i, j);
                let (_, prob) = self.model.score(p, i, j, &levels, names);
                best.push((j, prob));
                if best.len() > limit * 4 {
                    best.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                    best.truncate(limit);
                }
            }
            best
        });
        let mut all: Vec<(usize, f64)> = parts.into_iter().flatten().collect();
        all.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        all.truncate(limit);
        all
    }

    /// The match probability of any two records.
    pub fn probability(&self, a: usize, b: usize) -> f64 {
        let (levels, names, _) = compare(&self.prepared, a, b);
        self.model.score(&self.prepared, a, b, &levels, names).1
    }

    /// True pairs (by `truth`) that blocking never compared, up to `limit`: what to look at
    /// when blocking recall is low. Empty without [`DedupOptions::keep_candidates`].
    pub fn blocking_misses(
        &self,
        records: &[DedupRecord],
        truth: &HashMap<String, String>,
        limit: usize,
    ) -> Vec<(usize, usize)> {
        let Some(cands) = &self.candidates else {
            return Vec::new();
        };
        let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(p) = truth.get(&r.id) {
                by_person.entry(p.as_str()).or_default().push(i);
            }
        }
        let mut groups: Vec<&Vec<usize>> = by_person.values().collect();
        groups.sort();
        let mut out = Vec::new();
        for g in groups {
            for (k, &a) in g.iter().enumerate() {
                for &b in &g[k + 1..] {
                    let key = ((a.min(b) as u64) << 32) | a.max(b) as u64;
                    if cands.binary_search(&key).is_err() {
                        out.push((a.min(b), a.max(b)));
                        if out.len() >= limit {
                            return out;
                        }
                    }
                }
            }
        }
        out
    }

    /// Evaluates the clustering against truth (record id → person id); blocking recall needs
    /// [`DedupOptions::keep_candidates`].
    pub fn evaluate(&self, records: &[DedupRecord], truth: &HashMap<String, String>) -> Evaluation {
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        evaluate(&ids, &self.cluster_of, truth, self.candidates.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;

    #[test]
    fn finds_duplicates_and_keeps_everyone() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
            rec("c", "Bukeikhanov Alikhan", Some("1866")),
            rec("d", "Байтурсынов Ахмет", Some("1872")),
            rec("e", "Байтұрсынұлы Ахмет", Some("1872")),
            rec("f", "Байтурсынов Асан", Some("1900")),
        ];
        let r = Deduplicator::default().run(&recs, &[]);
        assert_eq!(r.cluster_of.len(), 6);
        let c = &r.cluster_of;
        assert!(c[0] == c[1] && c[1] == c[2], "{c:?}");
        assert_eq!(c[3], c[4], "{:#?} {:#?}", r.explain(&recs, 3, 4), r.model);
        assert_ne!(c[3], c[5]);
        let total: usize = r.clusters.iter().map(|c| c.members.len()).sum();
        assert_eq!(total, 6);
        let e = r.explain(&recs, 3, 5);
        assert!(e.probability < 0.5);
        assert!(e.conflict.is_some());
    }

    #[test]
    fn decisions_override() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан", Some("1866")),
            rec("b", "Букейханов Алихан", Some("1866")),
            rec("c", "Seifullin Saken", Some("1894")),
            rec("d", "Сейфуллин Сакен", Some("1894")),
        ];
        let r = Deduplicator::default().run(
            &recs,
            &[
                decision("a", "b", DecisionKind::Different),
                decision("a", "zzz", DecisionKind::Same),
            ],
        );
        assert_ne!(r.cluster_of[0], r.cluster_of[1]);
        assert_eq!(r.cluster_of[2], r.cluster_of[3]);
        assert_eq!(r.decisions.unknown_ids, vec!["zzz".to_owned()]);
        assert!(r.explain(&recs, 0, 1).decision.is_some());
    }

    fn decision(a: &str, b: &str, k: DecisionKind) -> Decision {
        Decision {
            record_a: a.into(),
            record_b: b.into(),
            decision: k,
            who: String::new(),
            when: String::new(),
            why: String::new(),
            line: None,
        }
    }

    /// A small list of several families: namesakes, relatives and a few duplicates.
    fn small_list() -> Vec<DedupRecord> {
        let people = [
            ("Тулепов Абдулла", "1901"),
            ("Тулепов Абдулла", "1901"),
            ("Тулепов Абдулла", "1901"),
            ("Ахметов Асан", "1899"),
            ("Ахметов Усен", "1903"),
            ("Сейфуллин Сакен", "1894"),
            ("Seifullin Saken", "1894"),
            ("Байтурсынов Ахмет", "1872"),
            ("Жумабаев Магжан", "1893"),
        ];
        people
            .iter()
            .enumerate()
            .map(|(k, (n, y))| rec(&format!("r{k}"), n, Some(y)))
            .collect()
    }

    #[test]
    fn levels_stay_ordered_and_agreement_never_counts_against() {
        for recs in [small_list(), {
            // A larger list where most records share three surnames.
            let mut v = Vec::new();
            for k in 0..120 {
                let s = ["Ахметов", "Тулепов", "Омаров"][k % 3];
                let g = ["Асан", "Усен", "Абдулла", "Бекет", "Ерлан"][(k / 3) % 5];
                v.push(rec(
                    &format!("x{k}"),
                    &format!("{s} {g}"),
                    Some(&format!("{}", 1890 + k % 17)),
                ));
            }
            v
        }] {
            let r = Deduplicator::default().run(&recs, &[]);
            for f in &r.model.fields {
                for k in 1..f.weight.len() {
                    assert!(
                        f.weight[k] >= f.weight[k - 1] - 1e-9,
                        "{:?} levels out of order: {:?}",
                        f.field,
                        f.weight
                    );
                }
            }
        }
        // Three identical rows on a 9-record list: the agreeing surname counts for them.
        let recs = small_list();
        let r = Deduplicator::default().run(&recs, &[]);
        let e = r.explain(&recs, 0, 1);
        let s = e
            .fields
            .iter()
            .find(|f| f.field == Field::Surname)
            .expect("surname compared");
        assert!(s.weight + s.frequency_adjustment >= 0.0, "{e:#?}");
        assert_eq!(r.cluster_of[0], r.cluster_of[2]);
    }

    #[test]
    fn decisions_are_labels_that_move_the_weights() {
        let recs = small_list();
        let plain = Deduplicator::default().run(&recs, &[]);
        // A human says the two Ахметовs, with different given names, are one person (a name
        // changed), and the two Seifullins are one.
        let labelled = Deduplicator::default().run(
            &recs,
            &[
                decision("r3", "r4", DecisionKind::Same),
                decision("r5", "r6", DecisionKind::Same),
            ],
        );
        let moved = weight_changes(&plain.model, &labelled.model, 1e-6);
        // The level their given names agree at now weighs more.
        let e = plain.explain(&recs, 3, 4);
        let level = e
            .fields
            .iter()
            .find(|f| f.field == Field::Given)
            .and_then(|f| f.level)
            .expect("given names compared");
        assert_ne!(level, "same");
        let given = moved
            .iter()
            .find(|c| c.field == Field::Given && c.level == level)
            .unwrap_or_else(|| panic!("given `{level}` did not move: {moved:#?}"));
        assert!(given.after > given.before, "{moved:#?}");
        // `different` decisions count in u: disagreement becomes commoner among non-matches.
        let apart =
            Deduplicator::default().run(&recs, &[decision("r0", "r1", DecisionKind::Different)]);
        let moved = weight_changes(&plain.model, &apart.model, 1e-9);
        assert!(
            moved
                .iter()
                .any(|c| c.field == Field::Surname && c.level == "same" && c.after < c.before),
            "{moved:#?}"
        );
    }

    #[test]
    fn a_saved_model_is_reused_as_it_is() {
        let recs = small_list();
        let trained = Deduplicator::default().run(&recs, &[]);
        let file = ModelFile::of(&trained.model);
        let text = serde_json::to_string(&file).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        std::fs::write(&path, &text).unwrap();
        let read = ModelFile::read(&path).unwrap();
        assert_eq!(read.fields.len(), file.fields.len());
        for (x, y) in read.fields.iter().zip(&file.fields) {
            assert_eq!(x.field, y.field);
            for (a, b) in x.levels.iter().zip(&y.levels) {
                assert_eq!(a.level, b.level);
                assert!((a.m - b.m).abs() < 1e-12 && (a.u - b.u).abs() < 1e-12);
            }
        }
        let opt = DedupOptions {
            model: Some(read),
            ..DedupOptions::default()
        };
        let again = Deduplicator::new(opt).run(&recs[..5], &[]);
        assert!(weight_changes(&trained.model, &again.model, 1e-9).is_empty());
        assert_eq!(again.model.u_sample, 0, "u was not sampled again");
        // A broken file is refused with the field named.
        let mut bad = file.clone();
        bad.fields[1].levels.pop();
        std::fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        let err = ModelFile::read(&path).unwrap_err().to_string();
        assert!(err.contains("model.json"), "{err}");
        let chain = format!("{:?}", ModelFile::read(&path).unwrap_err());
        assert!(chain.contains("given_name"), "{chain}");
    }
}
