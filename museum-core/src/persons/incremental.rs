//! An incremental run with a person index: only the new and changed records are prepared and
//! keyed, scored against the known records a full run would compare them with, and clustered
//! with the known persons they link to.
//!
//! Two steps, both with the index's frozen model and statistics:
//!
//! 1. **Scoring.** In the blocks of the focus records' keys (new, changed, named by a
//!    decision), whose known members the index lists with their keys and sort fields, the pairs
//!    a full run of the grown archive compares that hold a focus record are found
//!    ([`blocking::focus_pairs`]: all of a small block, the sorted neighbours in a large one)
//!    and scored. The known records are prepared a chunk at a time ([`CHUNK`]), so memory does
//!    not grow with the number of records the new ones are paired with.
//! 2. **Clustering.** The sub-list of the focus records, the known records one of those pairs
//!    links to them (scored at least [`LINK_SHARE`] of the link threshold), the records a focus
//!    record says are the same person (`same_as`, either way), and all records of those
//!    records' persons (a person is clustered whole) is deduplicated; every record outside it
//!    keeps its person. A known record whose pairs with the focus records all score below the
//!    threshold links to none of them, so leaving it out changes no cluster.

use std::collections::HashSet;
use std::time::Instant;

use super::index::PersonsIndex;
use crate::dedup::blocking::{self, FocusBlock, WindowRef};
use crate::dedup::compare::Known;
use crate::dedup::frozen::RecordKeys;
use crate::dedup::{
    Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator, Frozen, Increment,
};
use crate::hash::FxHashMap;

/// Known records are scored against the focus records this many at a time: the records
/// prepared at once, whatever the size of the archive.
const CHUNK: usize = 200_000;

/// A known record is clustered with the focus records when one of its pairs with them scores
/// at least this share of the link threshold (a margin below it: a pair below the threshold
/// never links, so the margin only keeps a few more records than needed).
const LINK_SHARE: f64 = 0.5;

/// The outcome of an incremental run.
pub(super) struct Sub {
    /// Every record's cluster, numbered in order of first record.
    pub(super) cluster_of: Vec<u32>,
    /// The deduplication of the sub-list.
    pub(super) dedup: DedupResult,
    /// Records in the sub-list that was clustered.
    pub(super) compared_with: usize,
    /// Known records scored against the focus records, and the pairs scored.
    pub(super) scored_with: usize,
    pub(super) pairs: usize,
    /// Keys of the focus records (record index, keys), for the new index.
    pub(super) focus_keys: Vec<(usize, RecordKeys)>,
    /// Seconds of each stage (`keys`, `pairs`, `scoring`, `clustering`).
    pub(super) timings: Vec<(&'static str, f64)>,
}

/// Runs `records` incrementally against `index` (`inc`: the focus and the known persons).
/// `Err`: why the index cannot serve this run (a full run is needed).
pub(super) fn run(
    records: &mut [DedupRecord],
    fingerprints: &[u64],
    decisions: &[Decision],
    index: &PersonsIndex,
    inc: &Increment,
    options: &DedupOptions,
) -> std::result::Result<Sub, &'static str> {
    let n = records.len();
    let frozen = &index.frozen;
    let mut timings = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, f64)>| {
        timings.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    let focus_ix: Vec<usize> = (0..n).filter(|&i| inc.focus[i]).collect();
    let focus_records: Vec<DedupRecord> = focus_ix.iter().map(|&i| records[i].clone()).collect();
    let keys = frozen.keys(&focus_records, options.threads, &options.rules);
    // Every known record's place in the index, checked against the registry's.
    let at = known_in(records, fingerprints, index, inc)?;
    let mut slot = vec![u32::MAX; n];
    for (s, &i) in focus_ix.iter().enumerate() {
        slot[i] = s as u32;
    }
    lap("keys", &mut timings);
    // The blocks of the focus records' keys, members in record order: every record's keys
    // looked up, each member put straight into its block (one pass in record order: the
    // memberships of a large archive in the blocks of common names run into millions, and
    // were held twice when gathered on the pool first).
    let mut block_of: FxHashMap<u64, u32> = FxHashMap::default();
    for k in &keys {
        for &(key, _) in &k.keys {
            let next = block_of.len() as u32;
            block_of.entry(key).or_insert(next);
        }
    }
    let mut blocks: Vec<FocusBlock> = vec![(0, Vec::new()); block_of.len()];
    for (&key, &b) in &block_of {
        blocks[b as usize].0 = key;
    }
    for i in 0..n {
        let mut add = |key: u64, flag: bool| {
            if let Some(&b) = block_of.get(&key) {
                blocks[b as usize].1.push((i as u32, flag));
            }
        };
        if inc.focus[i] {
            for &(key, flag) in &keys[slot[i] as usize].keys {
                add(key, flag);
            }
        } else {
            for (key, flag) in index.records.view(at[i] as usize).keys() {
                add(key, flag);
            }
        }
    }
    drop(block_of);
    blocks.sort_unstable_by_key(|b| b.0);
    let window = |i: u32| -> Option<WindowRef<'_>> {
        let i = i as usize;
        if inc.focus[i] {
            keys[slot[i] as usize]
                .window
                .as_ref()
                .map(|([s, g, pt], year)| ([&**s, &**g, &**pt], *year))
        } else {
            index.records.view(at[i] as usize).window()
        }
    };
    let bopt = blocking::BlockOptions {
        max_block: options.max_block_size.max(2),
        window: options.window.max(1),
        threads: options.threads,
        rules: options.rules.clone(),
    };
    let pairs = blocking::focus_pairs(&blocks, &window, &inc.focus, &bopt);
    drop(blocks);
    lap("pairs", &mut timings);
    // 1. Every pair scored; the known records it links to the focus records.
    let floor = options.threshold * LINK_SHARE;
    let known = |i: usize| index.records.view(at[i] as usize).known();
    let scored = score(
        records,
        &pairs,
        inc,
        (&focus_ix, focus_records),
        &known,
        frozen,
        options.threads,
    );
    let mut in_sub = inc.focus.clone();
    for (&key, &prob) in pairs.iter().zip(&scored.probabilities) {
        if prob >= floor {
            in_sub[(key >> 32) as usize] = true;
            in_sub[(key & 0xffff_ffff) as usize] = true;
        }
    }
    lap("scoring", &mut timings);
    // 2. The sub-list: with the records named as the same person by a focus record (or naming
    // one), and whole persons.
    let index_of: FxHashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for (i, r) in records.iter().enumerate() {
        for other in &r.same_as {
            if let Some(&j) = index_of.get(other.as_str()) {
                if inc.focus[i] {
                    in_sub[j] = true;
                } else if inc.focus[j] {
                    in_sub[i] = true;
                }
            }
        }
    }
    let touched: HashSet<u32> = (0..n)
        .filter(|&i| in_sub[i])
        .filter_map(|i| inc.known[i])
        .collect();
    for (sub, known) in in_sub.iter_mut().zip(&inc.known) {
        if known.is_some_and(|g| touched.contains(&g)) {
            *sub = true;
        }
    }
    let sub: Vec<usize> = (0..n).filter(|&i| in_sub[i]).collect();
    let sub_records: Vec<DedupRecord> = sub.iter().map(|&i| records[i].clone()).collect();
    let in_data = |id: &str| index_of.contains_key(id);
    let sub_ids: HashSet<&str> = sub.iter().map(|&i| records[i].id.as_str()).collect();
    let sub_decisions: Vec<Decision> = decisions
        .iter()
        .filter(|d| {
            [&d.record_a, &d.record_b]
                .iter()
                .all(|id| sub_ids.contains(id.as_str()) || !in_data(id))
        })
        .cloned()
        .collect();
    let mut opt = options.clone();
    opt.increment = Some(std::sync::Arc::new(Increment {
        focus: sub.iter().map(|&i| inc.focus[i]).collect(),
        known: sub.iter().map(|&i| inc.known[i]).collect(),
        // The known records' content hashes and folded places, from the index: preparing
        // them is then mostly keying their names and interning.
        frozen: Some(std::sync::Arc::new(
            frozen.with_known(
                sub.iter()
                    .map(|&i| (!inc.focus[i]).then(|| known(i)))
                    .collect(),
            ),
        )),
    }));
    let dedup = Deduplicator::new(opt).run(&sub_records, &sub_decisions);
    drop(sub_records);
    // Every record's cluster: the sub-list's, or its known person; numbered in record order.
    let mut sub_cluster: Vec<Option<u32>> = vec![None; n];
    for (k, &i) in sub.iter().enumerate() {
        sub_cluster[i] = Some(dedup.cluster_of[k]);
    }
    let mut number: FxHashMap<(bool, u32), u32> = FxHashMap::default();
    let cluster_of: Vec<u32> = (0..n)
        .map(|i| {
            let key = match sub_cluster[i] {
                Some(c) => (true, c),
                None => (false, inc.known[i].unwrap_or(u32::MAX)),
            };
            let next = number.len() as u32;
            *number.entry(key).or_insert(next)
        })
        .collect();
    lap("clustering", &mut timings);
    Ok(Sub {
        cluster_of,
        dedup,
        compared_with: sub.len(),
        scored_with: scored.known_records,
        pairs: pairs.len(),
        focus_keys: focus_ix.into_iter().zip(keys).collect(),
        timings,
    })
}

/// Every known record's place in the index (focus records: 0). `Err` when the index does not
/// describe the known records.
fn known_in(
    records: &[DedupRecord],
    fingerprints: &[u64],
    index: &PersonsIndex,
    inc: &Increment,
) -> std::result::Result<Vec<u32>, &'static str> {
    let at = index.positions(records.iter().map(|r| r.id.as_str()));
    (0..records.len())
        .map(|i| {
            if inc.focus[i] {
                return Ok(0);
            }
            let Some(k) = at[i] else {
                return Err("it lacks records the registry has");
            };
            if index.records.head(k as usize).1 != fingerprints[i] {
                return Err("its records differ from the registry's");
            }
            Ok(k)
        })
        .collect()
}

/// The scores of [`score`].
struct Scored {
    /// Per pair, its match probability.
    probabilities: Vec<f64>,
    /// Known records in a pair.
    known_records: usize,
}

/// Scores `pairs` ([`blocking::linked_key`]s of record indices, each with a focus record):
/// the focus records with every [`CHUNK`] of the known records in a pair at a time.
/// `focus`: the focus records' indices and the records; `known(i)`: what the index knows of
/// known record `i`.
fn score(
    records: &mut [DedupRecord],
    pairs: &[u64],
    inc: &Increment,
    (focus_ix, focus_records): (&[usize], Vec<DedupRecord>),
    known_of: &dyn Fn(usize) -> Known,
    frozen: &Frozen,
    threads: usize,
) -> Scored {
    let n = records.len();
    // Each record's place: a focus record's among the focus records, a known record's among
    // the known records in a pair (record order).
    let mut slot = vec![u32::MAX; n];
    for (s, &i) in focus_ix.iter().enumerate() {
        slot[i] = s as u32;
    }
    let mut known: Vec<usize> = Vec::new();
    for &key in pairs {
        for i in [(key >> 32) as usize, (key & 0xffff_ffff) as usize] {
            if !inc.focus[i] && slot[i] == u32::MAX {
                slot[i] = 0;
                known.push(i);
            }
        }
    }
    known.sort_unstable();
    for (s, &i) in known.iter().enumerate() {
        slot[i] = s as u32;
    }
    // The pairs of each chunk, as indices into the chunk's records (the focus records, then
    // the chunk's known records); pairs of two focus records go to the first chunk.
    let f = focus_ix.len() as u32;
    let chunks = known.len().div_ceil(CHUNK).max(1);
    let mut of_chunk: Vec<Vec<(u32, u32)>> = vec![Vec::new(); chunks];
    let mut where_: Vec<(u32, u32)> = Vec::with_capacity(pairs.len());
    for &key in pairs {
        let (a, b) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let local = |i: usize| -> (usize, u32) {
            if inc.focus[i] {
                (usize::MAX, slot[i])
            } else {
                let s = slot[i] as usize;
                (s / CHUNK, f + (s % CHUNK) as u32)
            }
        };
        let ((ca, la), (cb, lb)) = (local(a), local(b));
        // One of the two is a focus record; the other's chunk, or the first.
        let c = [ca, cb].into_iter().find(|&c| c != usize::MAX).unwrap_or(0);
        where_.push((c as u32, of_chunk[c].len() as u32));
        of_chunk[c].push((la.min(lb), la.max(lb)));
    }
    let mut probs: Vec<Vec<f64>> = Vec::with_capacity(chunks);
    // The focus records, then each chunk's known records moved in (not copied: the copies were
    // 2.5 % of a run's instructions at 200,000 records) and moved back once scored.
    let f = focus_records.len();
    let mut chunk_records = focus_records;
    for (c, local_pairs) in of_chunk.iter().enumerate() {
        let part = &known[(c * CHUNK).min(known.len())..((c + 1) * CHUNK).min(known.len())];
        chunk_records.extend(
            part.iter()
                .map(|&i| std::mem::replace(&mut records[i], vacant())),
        );
        let mut chunk_known = vec![None; f];
        chunk_known.extend(part.iter().map(|&i| Some(known_of(i))));
        probs.push(frozen.with_known(chunk_known).score_pairs(
            &chunk_records,
            local_pairs,
            threads,
        ));
        for (&i, r) in part.iter().zip(chunk_records.drain(f..)) {
            records[i] = r;
        }
    }
    Scored {
        probabilities: where_
            .iter()
            .map(|&(c, k)| probs[c as usize][k as usize])
            .collect(),
        known_records: known.len(),
    }
}

/// An empty record, holding the place of one moved out for a moment (nothing allocated).
fn vacant() -> DedupRecord {
    DedupRecord {
        id: String::new(),
        origin: crate::dedup::Origin {
            kind: crate::io::DatasetKind::Victims,
            file: None,
            line: None,
        },
        names: Vec::new(),
        sex: None,
        birth: None,
        birth_place: None,
        nationality: None,
        cases: Vec::new(),
        death: None,
        same_as: Vec::new(),
    }
}
