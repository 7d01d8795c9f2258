//! The pipeline of a run ([`Deduplicator::run`]): keys, blocking, the model, comparison and
//! scoring, decisions, clustering.

use std::collections::HashMap;

use super::compare::{self, Prepared, compare_levels, conflict, pack};
use super::model::{self, FitOptions};
use super::result::{DecisionStats, Link};
use super::{
    Cluster, Decision, DecisionKind, DecisionsEffect, DedupOptions, DedupRecord, DedupResult,
    LinkSource, Model, blocking, cluster, util,
};

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
        let frozen = opt.increment.as_ref().and_then(|inc| inc.frozen.as_deref());
        let p = match frozen {
            Some(f) => f.prepare(records, threads),
            None => Prepared::build(records, threads),
        };
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
        let sampled = |key: u64| super::util::in_sample(key, stride);
        let scale = budget as f64 / blocks.pair_budget(&bopt, sampled).max(1) as f64;
        // (A frozen model samples nothing.)
        let sampled = |key: u64| frozen.is_none() && sampled(key);
        let (samples, _) = blocks.visit(
            &bopt,
            sampled,
            HashMap::<u64, u64>::new,
            |partners| p.gather(partners),
            |s, i, j, _| {
                *s.entry(pack(&compare_levels(&p, i, j).0)).or_default() += 1;
            },
        );
        // Human decisions are labels for the model. Records by id, for the decisions and the
        // links the data states (none: no index of a million ids).
        let index: crate::hash::FxHashMap<&str, usize> =
            if decisions.is_empty() && records.iter().all(|r| r.same_as.is_empty()) {
                crate::hash::FxHashMap::default()
            } else {
                records
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.id.as_str(), i))
                    .collect()
            };
        let mut decided: std::collections::HashSet<u64> = std::collections::HashSet::new();
        let labels: Vec<(compare::Levels, bool)> = decisions
            .iter()
            .filter_map(|d| {
                let (a, b) = (
                    *index.get(d.record_a.as_str())?,
                    *index.get(d.record_b.as_str())?,
                );
                decided.insert(index_pair(a, b));
                (a != b).then(|| (compare_levels(&p, a, b).0, d.decision == DecisionKind::Same))
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
        let fixed = opt.model.as_ref().map(super::model_file::ModelFile::fixed);
        let fit = |labels: &[(compare::Levels, bool)]| {
            model::Model::fit(
                &p,
                &samples,
                scale,
                &fit_options,
                model::Evidence {
                    labels,
                    fixed: fixed.as_ref(),
                },
            )
        };
        let model = match frozen {
            Some(f) => f.model(&p),
            None => fit(&labels),
        };
        // The model without the decisions, to measure what they changed.
        let plain = (opt.measure_decisions && !labels.is_empty()).then(|| fit(&[]));
        drop(samples);
        lap("model", &mut timings);
        // 3. Every candidate compared and scored; links kept.
        let keep = opt.keep_candidates;
        // Which compared pairs are kept (see `DedupOptions::candidate_groups`).
        let kept = |i: usize, j: usize| {
            keep && opt
                .candidate_groups
                .as_deref()
                .is_none_or(|g| g[i] != super::NO_GROUP && g[i] == g[j])
        };
        let floor = keep_floor(opt);
        let focus = opt.increment.as_ref().map(|inc| &inc.focus);
        // Pairs surely scored below the floor are dropped early (see `model::Bound`); not when
        // the model without decisions scores every pair too.
        let bound = plain
            .is_none()
            .then(|| model::Bound::new(&model, floor))
            .flatten();
        // Incrementally, only the blocks of focus records.
        let focus_keys = focus.map(|f| blocks.keys_of(f));
        let (scans, per_rule) = blocks.visit(
            &bopt,
            |key| focus_keys.as_ref().is_none_or(|k| k.contains(&key)),
            || {
                (
                    Vec::<Link>::new(),
                    util::PairRun::default(),
                    Vec::<(u64, bool)>::new(),
                )
            },
            |partners| p.gather(partners),
            |s, i, j, _| {
                if let Some(f) = focus
                    && !f[i]
                    && !f[j]
                {
                    return;
                }
                if kept(i, j) {
                    s.1.push(i, j);
                }
                let Some((levels, names)) = compared(bound.as_ref(), &p, i, j) else {
                    return;
                };
                let (w, prob) = model.score(&p, i, j, &levels, names);
                if prob >= floor {
                    s.0.push(Link {
                        a: i,
                        b: j,
                        probability: prob,
                        weight: w,
                    });
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
        // The compared pairs kept (with `keep`; within `candidate_groups`: with `--truth` only
        // the true pairs, not the 90 million compared at a million records), record by record
        // in the order of the visit (see `util::PairSet::from_runs`).
        let mut runs: Vec<util::PairRun> = Vec::with_capacity(scans.len());
        let mut crossed: Vec<(u64, bool)> = Vec::new();
        for (l, c, x) in scans {
            links.extend(l);
            runs.push(c);
            crossed.extend(x);
        }
        let mut review_links = take_review_links(&mut links, opt.threshold);
        // Records linked to a common record, compared too (see `blocking::linked_pairs`).
        let hop = blocking::linked_pairs(
            &links
                .iter()
                .map(|l| (l.a as u32, l.b as u32, l.probability))
                .collect::<Vec<_>>(),
            p.len(),
            bopt.max_block,
            focus,
        );
        stats.linked_pairs = hop.len() as u64;
        stats.candidate_pairs += stats.linked_pairs;
        for l in util::par_chunks(hop.len(), threads, |range| {
            let mut found = Vec::new();
            for &key in &hop[range] {
                let (i, j) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
                let Some((levels, names)) = compared(bound.as_ref(), &p, i, j) else {
                    continue;
                };
                let (w, prob) = model.score(&p, i, j, &levels, names);
                if prob >= floor {
                    found.push(Link {
                        a: i,
                        b: j,
                        probability: prob,
                        weight: w,
                    });
                }
            }
            found
        }) {
            links.extend(l);
        }
        review_links.extend(take_review_links(&mut links, opt.threshold));
        let decisions_effect = plain.map(|plain| DecisionsEffect::new(&plain, &model, crossed));
        let candidates = keep.then(|| {
            let hop: Vec<u64> = hop
                .iter()
                .copied()
                .filter(|&k| kept((k >> 32) as usize, (k & 0xffff_ffff) as usize))
                .collect();
            util::PairSet::from_runs(p.len(), &runs, &hop)
        });
        drop((hop, runs));
        strongest_first(&mut links);
        strongest_first(&mut review_links);
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
            review_links,
            review_floor: opt.review_threshold.map(|_| floor),
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

/// Sorts links strongest first (then by records) and drops repeated pairs.
fn strongest_first(links: &mut Vec<Link>) {
    links.sort_unstable_by(|x, y| {
        y.probability
            .total_cmp(&x.probability)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
}

/// The review hook ([`DedupOptions::review_threshold`]): the lowest probability at which a
/// scored pair is kept (the threshold, without a review threshold).
fn keep_floor(opt: &DedupOptions) -> f64 {
    opt.review_threshold
        .map_or(opt.threshold, |r| r.min(opt.threshold))
}

/// Takes the pairs scored below `threshold` (kept for the review) out of `links`, in order.
fn take_review_links(links: &mut Vec<Link>, threshold: f64) -> Vec<Link> {
    if links.iter().all(|l| l.probability >= threshold) {
        return Vec::new();
    }
    let (kept, below) = links.drain(..).partition(|l| l.probability >= threshold);
    *links = kept;
    below
}

/// The comparison vector of pair (i, j) and which names were compared, or `None` when `bound`
/// shows it is scored below the run's floor.
fn compared(
    bound: Option<&model::Bound>,
    p: &Prepared,
    i: usize,
    j: usize,
) -> Option<(compare::Levels, (usize, usize))> {
    match bound {
        Some(b) => b.compare(p, i, j),
        None => Some(compare_levels(p, i, j)),
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
    fn score(&self, a: usize, b: usize) -> cluster::CrossPair {
        let (levels, names) = compare_levels(self.p, a, b);
        let (_, prob) = self.model.score(self.p, a, b, &levels, names);
        let hard = conflict(self.p, a, b, &levels)
            .filter(|c| self.model.conflict_stands(c, &levels, prob));
        cluster::CrossPair {
            probability: prob,
            conflict: hard,
            compared: cluster::compared(&levels),
        }
    }

    fn conflict(&self, a: usize, b: usize) -> Option<&'static str> {
        conflict(self.p, a, b, &compare_levels(self.p, a, b).0)
    }
}
