//! An incremental run with a person index: only the new and changed records are prepared and
//! keyed, and compared with the known records that share a blocking key with them.
//!
//! The records compared form a **sub-list**: the focus records (new, changed, named by a
//! decision), every known record sharing a key with one of them under which the two are paired
//! (so each focus record meets exactly the blocks it meets in a full run), all records of those
//! records' persons (a person is clustered whole), and the records a focus record says are the
//! same person (`same_as`, either way). The sub-list is deduplicated with the index's frozen
//! model and statistics; every record outside it keeps its person.

use std::collections::HashSet;

use super::index::PersonsIndex;
use crate::dedup::frozen::RecordKeys;
use crate::dedup::{
    Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator, Increment, blocking,
};
use crate::hash::FxHashMap;

/// The outcome of an incremental run.
pub(super) struct Sub {
    /// Every record's cluster, numbered in order of first record.
    pub(super) cluster_of: Vec<u32>,
    /// The deduplication of the sub-list.
    pub(super) dedup: DedupResult,
    /// Records in the sub-list.
    pub(super) compared_with: usize,
    /// Keys of the focus records (record index, keys), for the new index.
    pub(super) focus_keys: Vec<(usize, RecordKeys)>,
}

/// Runs `records` incrementally against `index` (`inc`: the focus and the known persons).
/// `Err`: why the index cannot serve this run (a full run is needed).
pub(super) fn run(
    records: &[DedupRecord],
    fingerprints: &[u64],
    decisions: &[Decision],
    index: &PersonsIndex,
    inc: &Increment,
    options: &DedupOptions,
) -> std::result::Result<Sub, &'static str> {
    let n = records.len();
    let frozen = &index.frozen;
    let focus_ix: Vec<usize> = (0..n).filter(|&i| inc.focus[i]).collect();
    let focus_records: Vec<DedupRecord> = focus_ix.iter().map(|&i| records[i].clone()).collect();
    let keys = frozen.keys(&focus_records, options.threads, &options.rules);
    let known: FxHashMap<&str, &super::index::IndexRecord> =
        index.records.iter().map(|r| (&*r.id, r)).collect();
    // Every record's keys: the focus records' new ones, the others' from the index.
    let mut record_keys: Vec<Option<&RecordKeys>> = vec![None; n];
    for (&i, k) in focus_ix.iter().zip(&keys) {
        record_keys[i] = Some(k);
    }
    for i in 0..n {
        if inc.focus[i] {
            continue;
        }
        let Some(r) = known.get(records[i].id.as_str()) else {
            return Err("it lacks records the registry has");
        };
        if r.fingerprint != fingerprints[i] {
            return Err("its records differ from the registry's");
        }
        record_keys[i] = Some(&r.keys);
    }
    // The blocks of the focus records' keys, members in record order.
    let mut blocks: FxHashMap<u64, Vec<(usize, bool)>> = FxHashMap::default();
    for k in &keys {
        for &(key, _) in &k.keys {
            blocks.entry(key).or_default();
        }
    }
    for (i, k) in record_keys.iter().enumerate() {
        for &(key, flag) in k.map_or(&[][..], |k| &k.keys) {
            if let Some(b) = blocks.get_mut(&key) {
                b.push((i, flag));
            }
        }
    }
    let bopt = blocking::BlockOptions {
        max_block: options.max_block_size.max(2),
        window: options.window.max(1),
        threads: 1,
        rules: options.rules.clone(),
    };
    // The known records a full run pairs with a focus record.
    let mut in_sub = inc.focus.clone();
    let mut blocks: Vec<(u64, Vec<(usize, bool)>)> = blocks.into_iter().collect();
    blocks.sort_unstable_by_key(|b| b.0);
    for (key, members) in &blocks {
        let m: Vec<(bool, Option<&_>)> = members
            .iter()
            .map(|&(i, flag)| (flag, record_keys[i].and_then(|k| k.window.as_ref())))
            .collect();
        let focus: Vec<bool> = members.iter().map(|&(i, _)| inc.focus[i]).collect();
        for k in blocking::paired_with_focus(*key, &m, &focus, &bopt) {
            in_sub[members[k].0] = true;
        }
    }
    // Whole persons.
    let touched: HashSet<u32> = (0..n)
        .filter(|&i| in_sub[i])
        .filter_map(|i| inc.known[i])
        .collect();
    // Records named as the same person by a focus record, or naming one.
    let index_of: FxHashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut linked: Vec<usize> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        for other in &r.same_as {
            if let Some(&j) = index_of.get(other.as_str()) {
                if inc.focus[i] {
                    linked.push(j);
                } else if inc.focus[j] {
                    linked.push(i);
                }
            }
        }
    }
    for j in linked {
        in_sub[j] = true;
    }
    let more: HashSet<u32> = (0..n)
        .filter(|&i| in_sub[i])
        .filter_map(|i| inc.known[i])
        .collect();
    for (sub, known) in in_sub.iter_mut().zip(&inc.known) {
        if known.is_some_and(|g| touched.contains(&g) || more.contains(&g)) {
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
                    .map(|&i| {
                        (!inc.focus[i])
                            .then(|| record_keys[i].map(|k| k.known.clone()))
                            .flatten()
                    })
                    .collect(),
            ),
        )),
    }));
    let dedup = Deduplicator::new(opt).run(&sub_records, &sub_decisions);
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
    Ok(Sub {
        cluster_of,
        dedup,
        compared_with: sub.len(),
        focus_keys: focus_ix.into_iter().zip(keys).collect(),
    })
}
