//! What a run found ([`DedupResult`]): clusters, links, the model, and the questions asked of
//! it afterwards (explain a pair, a record's neighbours, evaluation against truth).

use std::collections::HashMap;

use serde::Serialize;

use super::compare::{self, Prepared, compare, conflict};
use super::{
    BlockingStats, ClusterLink, Decision, DecisionsEffect, DedupRecord, Evaluation, Field,
    FieldEvidence, MatchExplanation, Model, explain, util,
};

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
    /// With [`DedupOptions::review_threshold`](super::DedupOptions::review_threshold): the scored
    /// pairs at or above it and below the threshold, strongest first (else empty). Clustering
    /// never sees them.
    pub review_links: Vec<Link>,
    /// The review threshold `review_links` were kept from (`None`: none were kept).
    pub review_floor: Option<f64>,
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
    /// What the decisions, used as labels, changed (with [`DedupOptions::measure_decisions`](super::DedupOptions::measure_decisions)
    /// and at least one decision about two records of the data).
    pub decisions_effect: Option<DecisionsEffect>,
    pub(super) candidates: Option<util::PairSet>,
    pub(super) prepared: Prepared,
    pub(super) decision_map: HashMap<(usize, usize), Decision>,
}

impl DedupResult {
    /// Clusters of more than one record.
    pub fn duplicate_clusters(&self) -> impl Iterator<Item = &Cluster> {
        self.clusters.iter().filter(|c| c.members.len() > 1)
    }

    /// Explains the pair of records `a` and `b` (indices into the records given to
    /// [`Deduplicator::run`](super::Deduplicator::run)).
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
                    similarity: (f.index() < 3 && l != compare::NOT_COMPARABLE)
                        .then(|| sims[f.index()]),
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
    /// when blocking recall is low. Empty without [`DedupOptions::keep_candidates`](super::DedupOptions::keep_candidates).
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
                    if !cands.contains(a, b) {
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
    /// [`DedupOptions::keep_candidates`](super::DedupOptions::keep_candidates).
    pub fn evaluate(&self, records: &[DedupRecord], truth: &HashMap<String, String>) -> Evaluation {
        let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
        let compared = self
            .candidates
            .as_ref()
            .map(|c| move |a: usize, b: usize| c.contains(a, b));
        super::evaluate::evaluate_with(
            &ids,
            &self.cluster_of,
            truth,
            compared
                .as_ref()
                .map(|f| f as &dyn Fn(usize, usize) -> bool),
        )
    }
}
