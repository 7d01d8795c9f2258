//! Reconciling the clusters of a run with the registry: which person each cluster is.
//!
//! The rules (issue 15):
//!
//! - a cluster whose records belong to one existing person keeps that id; new records that join
//!   it get the id (`joined`);
//! - a cluster of new records only gets a new id (`new`);
//! - a cluster that joins records of two or more persons keeps the id holding most of its
//!   records (ties: the older id); the others are retired with `merged_into` (`merged`), and
//!   their records' rows say `merged_from:P…`;
//! - a person whose records now fall apart keeps its id on the part holding most of them; the
//!   other parts get new ids (`split_from:P…`);
//! - a record removed from the data leaves its person; a person left with no records is retired
//!   (`retired`), its id never reused.
//!
//! The first three rules are one assignment: every (cluster, old person) pair is weighed by the
//! number of the person's records in the cluster, and pairs are taken greedily, heaviest first
//! (ties: the older id, then the earlier cluster), each cluster and each old id used once. A
//! merge where the largest holder has a larger part elsewhere thus leaves the id where most of
//! its records are, and the merged cluster takes the next holder's id. Human decisions win
//! because they shaped the clusters.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;

use super::registry::{Registry, RegistryRow, id_key, mint};
use crate::error::{Error, Result};
use crate::hash::FxHashMap;

/// A new person id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewPerson {
    /// The minted id.
    pub person_id: String,
    /// Its records.
    pub records: Vec<String>,
    /// The person it split from, when its records belonged to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split_from: Option<String>,
}

/// A record that now belongs to another person than before (or to a person at all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordMove {
    /// The record.
    pub record_id: String,
    /// Its person now.
    pub person_id: String,
    /// Its person before (`None`: a new record).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A person id retired into another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// The retired id.
    pub retired: String,
    /// The person it now leads to.
    pub into: String,
    /// How many of its records moved with it.
    pub records: usize,
}

/// A person id retired because none of its records is left in the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retirement {
    /// The retired id.
    pub person_id: String,
    /// The records it had (now gone from the data).
    pub records: Vec<String>,
}

/// What a reconciliation changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Persons after the run.
    pub persons: usize,
    /// Records after the run.
    pub records: usize,
    /// Persons whose records are exactly those they had.
    pub unchanged_persons: usize,
    /// New persons (of new records, or split from a person).
    pub new_persons: Vec<NewPerson>,
    /// New records that joined an existing person.
    pub joined: Vec<RecordMove>,
    /// Records that moved from one existing person to another (not by a merge).
    pub moved: Vec<RecordMove>,
    /// Persons merged into others.
    pub merges: Vec<Merge>,
    /// Persons whose records fell apart: `(person, new ids of the parts that left)`.
    pub splits: Vec<(String, Vec<String>)>,
    /// Persons retired because their records left the data.
    pub retired: Vec<Retirement>,
    /// Records of the registry that are no longer in the data, with their person.
    pub removed_records: Vec<(String, String)>,
}

impl Changes {
    /// Whether the registry changes at all.
    pub fn is_empty(&self) -> bool {
        self.new_persons.is_empty()
            && self.joined.is_empty()
            && self.moved.is_empty()
            && self.merges.is_empty()
            && self.splits.is_empty()
            && self.retired.is_empty()
            && self.removed_records.is_empty()
    }
}

/// The registry after a run and what changed.
#[derive(Debug, Clone)]
pub struct Reconciled {
    /// The new registry.
    pub registry: Registry,
    /// What changed.
    pub changes: Changes,
    /// Whether the new registry writes the same file as the old one ([`Registry::same_file_as`]:
    /// every old row stays as it was and none is added), so that it need not be written.
    pub same_file: bool,
}

/// Reconciles `clusters` (every record's cluster, as [`crate::dedup::DedupResult::cluster_of`];
/// clusters numbered in order of their first record) of the records `record_ids` with `old`.
/// New rows carry `date`; every row its record's fingerprint (`fingerprints`, or none when
/// empty).
///
/// # Errors
/// When a record id is empty or appears twice (a person registry needs unique record ids), or
/// the slices differ in length.
pub fn reconcile(
    old: &Registry,
    record_ids: &[&str],
    fingerprints: &[String],
    clusters: &[u32],
    date: &str,
) -> Result<Reconciled> {
    let fingerprints = Fingerprints::Texts(fingerprints);
    let plan = plan(old, record_ids, fingerprints, clusters, date)?;
    Ok(finish(plan, old.rows().iter().cloned(), fingerprints))
}

/// Every record's fingerprint as the registry writes it ([`super::fingerprint`]): given as
/// texts, or as numbers written only where a row needs its text (a run's records, most of
/// which keep their rows as they were).
#[derive(Clone, Copy)]
pub(crate) enum Fingerprints<'a> {
    Texts(&'a [String]),
    Bits(&'a [u64]),
}

impl Fingerprints<'_> {
    fn is_empty(self) -> bool {
        self.len() == 0
    }

    fn len(self) -> usize {
        match self {
            Fingerprints::Texts(t) => t.len(),
            Fingerprints::Bits(b) => b.len(),
        }
    }

    /// Record `i`'s fingerprint as written (`None`: none given).
    fn text(self, i: usize) -> Option<String> {
        match self {
            Fingerprints::Texts(t) => t.get(i).cloned(),
            Fingerprints::Bits(b) => b.get(i).map(|b| super::fingerprint_text(*b)),
        }
    }

    /// Whether record `i`'s fingerprint is written `text` (`None`: none given).
    pub(crate) fn is(self, i: usize, text: &str) -> Option<bool> {
        match self {
            Fingerprints::Texts(t) => t.get(i).map(|f| f == text),
            Fingerprints::Bits(b) => b.get(i).map(|b| text.as_bytes() == hex16(*b)),
        }
    }
}

/// A fingerprint as the registry writes it ([`super::fingerprint_text`]), without allocating.
fn hex16(b: u64) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (k, c) in out.iter_mut().enumerate() {
        *c = b"0123456789abcdef"[((b >> (60 - 4 * k)) & 0xf) as usize];
    }
    out
}

/// [`reconcile`], taking the old registry: the rows that stay are moved into the new one, not
/// copied (at a million records the registry is some 300 MB).
///
/// # Errors
/// As [`reconcile`].
pub(crate) fn reconcile_owned(
    old: Registry,
    record_ids: &[&str],
    fingerprints: Fingerprints<'_>,
    clusters: &[u32],
    date: &str,
) -> Result<Reconciled> {
    let plan = plan(&old, record_ids, fingerprints, clusters, date)?;
    Ok(finish(plan, old.into_rows().into_iter(), fingerprints))
}

/// What a reconciliation decided, before the new registry is made of it.
struct Plan {
    /// Per old row, the record it stays with (`None`: it leaves; retired rows always stay).
    kept: Vec<Option<u32>>,
    /// Per old row that is retired, where its redirect leads now when that changed.
    redirect: FxHashMap<u32, String>,
    /// The new rows.
    fresh: Vec<RegistryRow>,
    changes: Changes,
}

/// The new registry: the old rows that stay (`old_rows`, in their order: a retired id with its
/// redirect followed to where the merges of this run lead, a record still with its person with
/// its fingerprint now), and the new ones merged in.
fn finish(
    plan: Plan,
    old_rows: impl Iterator<Item = RegistryRow>,
    fingerprints: Fingerprints<'_>,
) -> Reconciled {
    let Plan {
        kept,
        mut redirect,
        fresh,
        changes,
    } = plan;
    let mut same_file = fresh.is_empty();
    let stay = old_rows
        .zip(kept)
        .enumerate()
        .filter_map(|(k, (mut row, at))| {
            row.line = None;
            if row.is_retired() {
                if let Some(f) = redirect.remove(&(k as u32)) {
                    row.merged_into = Some(f);
                    same_file = false;
                }
                return Some(row);
            }
            let Some(i) = at else {
                same_file = false;
                return None;
            };
            if fingerprints.is(i as usize, &row.fingerprint) == Some(false)
                && let Some(f) = fingerprints.text(i as usize)
            {
                row.fingerprint = f;
                same_file = false;
            }
            Some(row)
        });
    let registry = Registry::merged(stay, fresh);
    Reconciled {
        registry,
        changes,
        same_file,
    }
}

/// The decisions of [`reconcile`]. The old registry's rows are sorted by person (in id order),
/// so each old person is a run of rows, numbered here in that order: the numbers order the
/// persons as their ids do.
#[allow(clippy::too_many_lines)] // one pass of rules, in the order the module documents them
fn plan(
    old: &Registry,
    record_ids: &[&str],
    fingerprints: Fingerprints<'_>,
    clusters: &[u32],
    date: &str,
) -> Result<Plan> {
    if !fingerprints.is_empty() && fingerprints.len() != record_ids.len() {
        return Err(Error::invalid_option(format!(
            "{} records but {} fingerprints",
            record_ids.len(),
            fingerprints.len()
        )));
    }
    let fingerprint = |i: usize| fingerprints.text(i).unwrap_or_default();
    if record_ids.len() != clusters.len() {
        return Err(Error::invalid_option(format!(
            "{} records but {} cluster assignments",
            record_ids.len(),
            clusters.len()
        )));
    }
    let mut index: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(record_ids.len(), rustc_hash::FxBuildHasher);
    for (i, id) in record_ids.iter().enumerate() {
        if id.trim().is_empty() {
            return Err(Error::invalid_option(format!(
                "record {} has no id; a person registry needs an id on every record",
                i + 1
            )));
        }
        if index.insert(id, i).is_some() {
            return Err(Error::invalid_option(format!(
                "the record id `{id}` appears twice in the data; a person registry needs unique record ids (`museum validate` lists duplicates)"
            )));
        }
    }
    // The old persons (runs of rows), and each record's row in the old registry (`None`: a
    // new record).
    let old_rows = old.rows();
    let mut starts: Vec<usize> = Vec::new();
    let mut person_of_row: Vec<u32> = Vec::with_capacity(old_rows.len());
    for (k, r) in old_rows.iter().enumerate() {
        if k == 0 || old_rows[k - 1].person_id != r.person_id {
            starts.push(k);
        }
        person_of_row.push((starts.len() - 1) as u32);
    }
    let persons = starts.len();
    starts.push(old_rows.len());
    let name = |g: u32| old_rows[starts[g as usize]].person_id.as_str();
    let mut old_row: Vec<Option<u32>> = vec![None; record_ids.len()];
    for (k, r) in old_rows.iter().enumerate() {
        if let Some(&i) = r.record_id.as_deref().and_then(|rec| index.get(rec)) {
            old_row[i] = Some(k as u32);
        }
    }
    let old_of = |i: usize| old_row[i].map(|k| person_of_row[k as usize]);
    let n_clusters = clusters.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    // Records of each old person in each cluster.
    let mut weight: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    for (i, &c) in clusters.iter().enumerate() {
        if let Some(g) = old_of(i) {
            *weight.entry((c, g)).or_default() += 1;
        }
    }
    // Heaviest first, then the older id, then the earlier cluster (no two pairs are equal, so
    // the order is total).
    let mut pairs: Vec<(Reverse<usize>, u32, u32)> = weight
        .iter()
        .map(|(&(c, g), &n)| (Reverse(n), g, c))
        .collect();
    drop(weight);
    pairs.sort_unstable();
    // Each cluster's old person (`NONE`: none), or the id minted for it.
    const NONE: u32 = u32::MAX;
    let mut person_of_cluster: Vec<u32> = vec![NONE; n_clusters];
    let mut taken: Vec<bool> = vec![false; persons];
    for &(_, g, c) in &pairs {
        if person_of_cluster[c as usize] == NONE && !taken[g as usize] {
            person_of_cluster[c as usize] = g;
            taken[g as usize] = true;
        }
    }
    // Clusters left without an id get new ones, in cluster order; a cluster holding records of
    // old persons is split from the one holding most of them (the pairs are sorted so).
    let mut next = old.next_number();
    let mut split_from: Vec<u32> = vec![NONE; n_clusters];
    for &(_, g, c) in &pairs {
        if person_of_cluster[c as usize] == NONE && split_from[c as usize] == NONE {
            split_from[c as usize] = g;
        }
    }
    drop(pairs);
    // Cluster members, in record order: the records of cluster `c` are
    // `members[first[c]..first[c + 1]]`.
    let mut first: Vec<usize> = vec![0; n_clusters + 1];
    for &c in clusters {
        first[c as usize + 1] += 1;
    }
    for c in 0..n_clusters {
        first[c + 1] += first[c];
    }
    let mut members: Vec<u32> = vec![0; clusters.len()];
    {
        let mut at = first.clone();
        for (i, &c) in clusters.iter().enumerate() {
            members[at[c as usize]] = i as u32;
            at[c as usize] += 1;
        }
    }
    let members_of = |c: usize| &members[first[c]..first[c + 1]];
    let mut minted: Vec<Option<String>> = vec![None; n_clusters];
    for c in 0..n_clusters {
        if person_of_cluster[c] == NONE && !members_of(c).is_empty() {
            minted[c] = Some(mint(next));
            next += 1;
        }
    }
    let person_of = |c: usize| match person_of_cluster[c] {
        NONE => minted[c].as_deref().unwrap_or(""),
        g => name(g),
    };
    let person_at = |i: usize| person_of(clusters[i] as usize);
    // Old persons without a cluster: merged into where most of their records went, or retired.
    let mut changes = Changes::default();
    let mut merged_into: FxHashMap<&str, String> = FxHashMap::default();
    for g in 0..persons {
        let group = &old_rows[starts[g]..starts[g + 1]];
        if group[0].is_retired() {
            continue;
        }
        let p = group[0].person_id.as_str();
        for r in group.iter().filter_map(|r| r.record_id.as_deref()) {
            if !index.contains_key(r) {
                changes.removed_records.push((r.to_owned(), p.to_owned()));
            }
        }
        if taken[g] {
            continue;
        }
        let recs: Vec<&str> = group
            .iter()
            .filter_map(|r| r.record_id.as_deref())
            .collect();
        let here: Vec<usize> = recs.iter().filter_map(|r| index.get(r).copied()).collect();
        if here.is_empty() {
            changes.retired.push(Retirement {
                person_id: p.to_owned(),
                records: recs.iter().map(|r| (*r).to_owned()).collect(),
            });
            continue;
        }
        let mut count: BTreeMap<(u8, u64, &str), usize> = BTreeMap::new();
        for &i in &here {
            *count.entry(id_key(person_at(i))).or_default() += 1;
        }
        // Most records; ties: the older id (the map iterates oldest first, `max_by` keeps the
        // last maximum, so iterate in reverse).
        let target = count
            .iter()
            .rev()
            .max_by_key(|(_, n)| **n)
            .map(|(k, _)| k.2.to_owned())
            .unwrap_or_default();
        changes.merges.push(Merge {
            retired: p.to_owned(),
            into: target.clone(),
            records: here.len(),
        });
        merged_into.insert(p, target);
    }
    // The rows: those of the old registry that stay (the same record with the same person, or
    // a retired id), and the new ones.
    let mut kept: Vec<Option<u32>> = vec![None; old_rows.len()];
    let mut rows: Vec<RegistryRow> = Vec::new();
    let mut splits: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for c in 0..n_clusters {
        let Some(id) = &minted[c] else {
            continue;
        };
        if split_from[c] != NONE {
            splits.entry(split_from[c]).or_default().push(id.clone());
        }
        changes.new_persons.push(NewPerson {
            person_id: id.clone(),
            records: members_of(c)
                .iter()
                .map(|&i| record_ids[i as usize].to_owned())
                .collect(),
            split_from: (split_from[c] != NONE).then(|| name(split_from[c]).to_owned()),
        });
    }
    // Old persons whose records changed (a minted person is new anyway).
    let mut changed: Vec<bool> = vec![false; persons];
    for (i, id) in record_ids.iter().enumerate() {
        let cluster = clusters[i] as usize;
        let now = person_of_cluster[cluster];
        let before = old_of(i);
        if before.is_some() && before == Some(now) {
            if let Some(k) = old_row[i] {
                kept[k as usize] = Some(i as u32);
            }
            continue;
        }
        if now != NONE {
            changed[now as usize] = true;
        }
        let pid = person_at(i);
        let how = match before.map(name) {
            None if minted[cluster].is_some() => "new".to_owned(),
            None => {
                changes.joined.push(RecordMove {
                    record_id: (*id).to_owned(),
                    person_id: pid.to_owned(),
                    from: None,
                });
                "joined".to_owned()
            }
            Some(q) if minted[cluster].is_some() => format!("split_from:{q}"),
            Some(q) if merged_into.get(q).is_some_and(|t| t == pid) => format!("merged_from:{q}"),
            Some(q) => {
                changes.moved.push(RecordMove {
                    record_id: (*id).to_owned(),
                    person_id: pid.to_owned(),
                    from: Some(q.to_owned()),
                });
                format!("moved_from:{q}")
            }
        };
        if let Some(g) = before {
            changed[g as usize] = true;
        }
        rows.push(RegistryRow {
            person_id: pid.to_owned(),
            record_id: Some((*id).to_owned()),
            merged_into: None,
            assigned: date.to_owned(),
            how,
            fingerprint: fingerprint(i),
            line: None,
        });
    }
    for (i, r) in old_rows.iter().enumerate() {
        if let Some(rec) = r.record_id.as_deref()
            && !index.contains_key(rec)
        {
            changed[person_of_row[i] as usize] = true;
        }
    }
    // Retired rows: the new ones, and the old ones with their redirects followed to the end.
    for m in &changes.merges {
        rows.push(RegistryRow {
            person_id: m.retired.clone(),
            record_id: None,
            merged_into: Some(m.into.clone()),
            assigned: date.to_owned(),
            how: "merged".to_owned(),
            fingerprint: String::new(),
            line: None,
        });
    }
    for r in &changes.retired {
        rows.push(RegistryRow {
            person_id: r.person_id.clone(),
            record_id: None,
            merged_into: None,
            assigned: date.to_owned(),
            how: "retired".to_owned(),
            fingerprint: String::new(),
            line: None,
        });
    }
    let final_target = |start: &str| -> Option<String> {
        // An old redirect leads to an id that may itself have been merged now.
        let mut cur = start.to_owned();
        for _ in 0..=old_rows.len() {
            if let Some(t) = merged_into.get(cur.as_str()) {
                cur = t.clone();
            } else {
                return Some(cur);
            }
        }
        None
    };
    let mut redirect: FxHashMap<u32, String> = FxHashMap::default();
    if !merged_into.is_empty() {
        for (k, r) in old_rows.iter().enumerate() {
            if r.is_retired()
                && let Some(t) = &r.merged_into
                && let Some(f) = final_target(t)
                && &f != t
            {
                redirect.insert(k as u32, f);
            }
        }
    }
    changes.splits = splits
        .into_iter()
        .map(|(g, ids)| (name(g).to_owned(), ids))
        .collect();
    changes.records = record_ids.len();
    changes.persons = (0..n_clusters)
        .filter(|&c| !members_of(c).is_empty())
        .count();
    changes.unchanged_persons = person_of_cluster
        .iter()
        .filter(|&&g| g != NONE && !changed[g as usize])
        .count();
    Ok(Plan {
        kept,
        redirect,
        fresh: rows,
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reconciles records given as `(id, cluster)` with `old`.
    fn run(old: &Registry, recs: &[(&str, u32)], date: &str) -> Reconciled {
        let ids: Vec<&str> = recs.iter().map(|r| r.0).collect();
        let cl: Vec<u32> = recs.iter().map(|r| r.1).collect();
        let r = reconcile(old, &ids, &[], &cl, date).unwrap();
        // Taking the old registry gives the same; `same_file` says whether it writes the same
        // file as the old one.
        let owned =
            reconcile_owned(old.clone(), &ids, Fingerprints::Texts(&[]), &cl, date).unwrap();
        assert_eq!(owned.registry.to_csv(), r.registry.to_csv());
        assert_eq!(owned.changes, r.changes);
        assert_eq!(r.same_file, r.registry.same_file_as(old));
        assert_eq!(owned.same_file, r.same_file);
        // Fingerprints given as numbers are written as the same texts.
        let bits: Vec<u64> = (0..ids.len() as u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let texts: Vec<String> = bits.iter().map(|b| format!("{b:016x}")).collect();
        let by_text = reconcile(old, &ids, &texts, &cl, date).unwrap();
        let by_bits =
            reconcile_owned(old.clone(), &ids, Fingerprints::Bits(&bits), &cl, date).unwrap();
        assert_eq!(by_bits.registry.to_csv(), by_text.registry.to_csv());
        assert_eq!(by_bits.same_file, by_text.same_file);
        let again = reconcile_owned(
            by_text.registry.clone(),
            &ids,
            Fingerprints::Bits(&bits),
            &cl,
            date,
        )
        .unwrap();
        assert!(again.same_file);
        r
    }

    #[test]
    fn fingerprints_as_numbers_read_as_the_registry_writes_them() {
        let bits = [0, 1, 0xabc, u64::MAX, 0x0123_4567_89ab_cdef];
        for (i, b) in bits.iter().enumerate() {
            let text = format!("{b:016x}");
            assert_eq!(hex16(*b), text.as_bytes());
            let f = Fingerprints::Bits(&bits);
            assert_eq!(f.text(i).as_deref(), Some(text.as_str()));
            assert_eq!(f.is(i, &text), Some(true));
            assert_eq!(f.is(i, &text.to_uppercase()), Some(*b == 0 || *b == 1));
            assert_eq!(f.is(i, &text[1..]), Some(false));
        }
        assert_eq!(Fingerprints::Bits(&bits).is(bits.len(), "0"), None);
    }

    fn person(r: &Registry, rec: &str) -> String {
        r.person_of_record()[rec].to_owned()
    }

    #[test]
    fn first_run_mints_in_cluster_order() {
        let r = run(
            &Registry::default(),
            &[("a", 0), ("b", 1), ("c", 0)],
            "2026-01-01",
        );
        assert_eq!(person(&r.registry, "a"), "P000001");
        assert_eq!(person(&r.registry, "c"), "P000001");
        assert_eq!(person(&r.registry, "b"), "P000002");
        assert_eq!(r.changes.new_persons.len(), 2);
        assert!(r.registry.rows().iter().all(|x| x.how == "new"));
    }

    #[test]
    fn same_input_same_bytes_and_no_changes() {
        let first = run(
            &Registry::default(),
            &[("a", 0), ("b", 1), ("c", 0)],
            "2026-01-01",
        );
        let again = run(
            &first.registry,
            &[("a", 0), ("b", 1), ("c", 0)],
            "2026-02-02",
        );
        assert_eq!(again.registry.to_csv(), first.registry.to_csv());
        assert!(again.changes.is_empty());
        assert_eq!(again.changes.unchanged_persons, 2);
    }

    #[test]
    fn join_merge_split_retire() {
        // P1 = {a, b, c}, P2 = {d}, P3 = {e, f}, P4 = {g}.
        let first = run(
            &Registry::default(),
            &[
                ("a", 0),
                ("b", 0),
                ("c", 0),
                ("d", 1),
                ("e", 2),
                ("f", 2),
                ("g", 3),
            ],
            "2026-01-01",
        );
        // Now: {a, b, d, h} (P1 with most, absorbs P2, h joins), {c} (splits from P1),
        // {e} and {f} (P3 falls apart: tie, the earlier cluster keeps it), g removed.
        let next = run(
            &first.registry,
            &[
                ("a", 0),
                ("b", 0),
                ("c", 1),
                ("d", 0),
                ("e", 2),
                ("f", 3),
                ("h", 0),
            ],
            "2026-01-02",
        );
        let r = &next.registry;
        assert_eq!(person(r, "a"), "P000001");
        assert_eq!(person(r, "d"), "P000001");
        assert_eq!(person(r, "h"), "P000001");
        assert_eq!(person(r, "e"), "P000003");
        // New ids continue after the largest ever minted.
        assert_eq!(person(r, "c"), "P000005");
        assert_eq!(person(r, "f"), "P000006");
        assert_eq!(r.resolve("P000002").as_deref(), Some("P000001"));
        assert_eq!(r.resolve("P000004"), None);
        let c = &next.changes;
        assert_eq!(
            c.merges,
            vec![Merge {
                retired: "P000002".into(),
                into: "P000001".into(),
                records: 1
            }]
        );
        assert_eq!(
            c.splits,
            vec![
                ("P000001".into(), vec!["P000005".into()]),
                ("P000003".into(), vec!["P000006".into()])
            ]
        );
        assert_eq!(c.joined.len(), 1);
        assert_eq!(c.retired[0].person_id, "P000004");
        assert_eq!(
            c.removed_records,
            vec![("g".to_owned(), "P000004".to_owned())]
        );
        let how = |rec: &str| {
            r.rows()
                .iter()
                .find(|x| x.record_id.as_deref() == Some(rec))
                .unwrap()
                .how
                .clone()
        };
        assert_eq!(how("d"), "merged_from:P000002");
        assert_eq!(how("c"), "split_from:P000001");
        assert_eq!(how("h"), "joined");
        assert_eq!(how("a"), "new");
        // A retired id is never minted again, even when its records come back.
        let back = run(
            r,
            &[
                ("a", 0),
                ("b", 0),
                ("c", 1),
                ("d", 0),
                ("e", 2),
                ("f", 3),
                ("h", 0),
                ("g", 4),
            ],
            "2026-01-03",
        );
        assert_eq!(person(&back.registry, "g"), "P000007");
    }

    #[test]
    fn merge_ties_go_to_the_older_id_and_redirect_chains_are_followed() {
        // P1 = {a}, P2 = {b}, P3 = {c, d, e}.
        let recs = [("a", 0), ("b", 1), ("c", 2), ("d", 2), ("e", 2)];
        let first = run(&Registry::default(), &recs, "d1");
        // {a, b}: a tie, the older P1 keeps it; P2 leads to P1.
        let merged = run(
            &first.registry,
            &[("a", 0), ("b", 0), ("c", 2), ("d", 2), ("e", 2)],
            "d2",
        );
        assert_eq!(person(&merged.registry, "b"), "P000001");
        // Everyone together: P3 holds most; P1 leads to P3, and P2's redirect is followed to it.
        let again = run(
            &merged.registry,
            &[("a", 0), ("b", 0), ("c", 0), ("d", 0), ("e", 0)],
            "d3",
        );
        let r = &again.registry;
        assert_eq!(person(r, "a"), "P000003");
        let row = r.retired().find(|x| x.person_id == "P000002").unwrap();
        assert_eq!(row.merged_into.as_deref(), Some("P000003"));
        assert_eq!(r.resolve("P000001").as_deref(), Some("P000003"));
    }

    #[test]
    fn the_largest_holder_keeps_its_id_where_most_of_its_records_are() {
        // P1 = {a, b, c}, P2 = {d, e}.
        let first = run(
            &Registry::default(),
            &[("a", 0), ("b", 0), ("c", 0), ("d", 1), ("e", 1)],
            "d1",
        );
        // {a, b} stays apart, {c, d, e}: P2 holds most of it.
        let next = run(
            &first.registry,
            &[("a", 0), ("b", 0), ("c", 1), ("d", 1), ("e", 1)],
            "d2",
        );
        assert_eq!(person(&next.registry, "a"), "P000001");
        assert_eq!(person(&next.registry, "c"), "P000002");
        assert_eq!(next.changes.moved.len(), 1);
        assert!(next.changes.merges.is_empty());
    }

    #[test]
    fn duplicate_record_ids_are_refused() {
        let e = reconcile(&Registry::default(), &["a", "a"], &[], &[0, 1], "d").unwrap_err();
        assert!(e.to_string().contains("`a` appears twice"), "{e}");
    }
}
