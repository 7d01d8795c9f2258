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
    if !fingerprints.is_empty() && fingerprints.len() != record_ids.len() {
        return Err(Error::invalid_option(format!(
            "{} records but {} fingerprints",
            record_ids.len(),
            fingerprints.len()
        )));
    }
    let fingerprint = |i: usize| fingerprints.get(i).cloned().unwrap_or_default();
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
    // Each record's row in the old registry (`None`: a new record), and its person there.
    let old_rows = old.rows();
    let mut old_row: Vec<Option<u32>> = vec![None; record_ids.len()];
    for (k, r) in old_rows.iter().enumerate() {
        if let Some(&i) = r.record_id.as_deref().and_then(|rec| index.get(rec)) {
            old_row[i] = Some(k as u32);
        }
    }
    let old_of = |i: usize| old_row[i].map(|k| old_rows[k as usize].person_id.as_str());
    let n_clusters = clusters.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    // Records of each old person in each cluster.
    let mut weight: FxHashMap<(u32, &str), usize> = FxHashMap::default();
    for (i, &c) in clusters.iter().enumerate() {
        if let Some(p) = old_of(i) {
            *weight.entry((c, p)).or_default() += 1;
        }
    }
    // Heaviest first, then the older id, then the earlier cluster (each id parsed once; no two
    // pairs are equal, so the order is total).
    type Keyed<'a> = (Reverse<usize>, (u8, u64, &'a str), u32);
    let mut keyed: Vec<Keyed> = weight
        .iter()
        .map(|(&(c, p), &n)| (Reverse(n), id_key(p), c))
        .collect();
    keyed.sort_unstable();
    let pairs: Vec<(usize, &str, u32)> = keyed.into_iter().map(|(n, k, c)| (n.0, k.2, c)).collect();
    let mut person_of_cluster: Vec<Option<String>> = vec![None; n_clusters];
    let mut taken: FxHashMap<&str, u32> = FxHashMap::default();
    for &(_, p, c) in &pairs {
        if person_of_cluster[c as usize].is_none() && !taken.contains_key(p) {
            person_of_cluster[c as usize] = Some(p.to_owned());
            taken.insert(p, c);
        }
    }
    // Clusters left without an id get new ones, in cluster order; a cluster holding records of
    // old persons is split from the one holding most of them (the pairs are sorted so).
    let mut next = old.next_number();
    let mut split_from: FxHashMap<u32, &str> = FxHashMap::default();
    for &(_, p, c) in &pairs {
        if person_of_cluster[c as usize].is_none() {
            split_from.entry(c).or_insert(p);
        }
    }
    let mut minted: Vec<bool> = vec![false; n_clusters];
    // Cluster members, in record order.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n_clusters];
    for (i, &c) in clusters.iter().enumerate() {
        members[c as usize].push(i);
    }
    for (c, slot) in person_of_cluster.iter_mut().enumerate() {
        if slot.is_none() && !members[c].is_empty() {
            *slot = Some(mint(next));
            next += 1;
            minted[c] = true;
        }
    }
    let person_at = |i: usize| {
        person_of_cluster[clusters[i] as usize]
            .as_deref()
            .unwrap_or("")
    };
    // Old persons without a cluster: merged into where most of their records went, or retired.
    // (The rows are sorted by person, in id order: each person's rows are together.)
    let mut changes = Changes::default();
    let mut merged_into: FxHashMap<&str, String> = FxHashMap::default();
    for group in old_rows.chunk_by(|a, b| a.person_id == b.person_id) {
        if group[0].is_retired() {
            continue;
        }
        let p = group[0].person_id.as_str();
        let recs: Vec<&str> = group
            .iter()
            .filter_map(|r| r.record_id.as_deref())
            .collect();
        let here: Vec<usize> = recs.iter().filter_map(|r| index.get(r).copied()).collect();
        for r in recs.iter().filter(|r| !index.contains_key(*r)) {
            changes
                .removed_records
                .push(((*r).to_owned(), p.to_owned()));
        }
        if taken.contains_key(p) {
            continue;
        }
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
    // a retired id), copied in their order, and the new ones, sorted and merged in.
    let mut kept: Vec<Option<u32>> = vec![None; old_rows.len()];
    let mut rows: Vec<RegistryRow> = Vec::new();
    let mut splits: BTreeMap<(u8, u64, &str), Vec<String>> = BTreeMap::new();
    for (c, m) in members.iter().enumerate() {
        if minted[c]
            && let Some(from) = split_from.get(&(c as u32))
        {
            splits
                .entry(id_key(from))
                .or_default()
                .push(person_of_cluster[c].clone().unwrap_or_default());
        }
        if minted[c] && !m.is_empty() {
            changes.new_persons.push(NewPerson {
                person_id: person_of_cluster[c].clone().unwrap_or_default(),
                records: m.iter().map(|&i| record_ids[i].to_owned()).collect(),
                split_from: split_from.get(&(c as u32)).map(|s| (*s).to_owned()),
            });
        }
    }
    let mut changed_person: FxHashMap<&str, bool> = FxHashMap::default();
    for (i, id) in record_ids.iter().enumerate() {
        let pid = person_at(i);
        let before = old_of(i);
        if before == Some(pid) {
            if let Some(k) = old_row[i] {
                kept[k as usize] = Some(i as u32);
            }
            continue;
        }
        changed_person.insert(pid, true);
        let cluster = clusters[i] as usize;
        let how = match before {
            None if minted[cluster] => "new".to_owned(),
            None => {
                changes.joined.push(RecordMove {
                    record_id: (*id).to_owned(),
                    person_id: pid.to_owned(),
                    from: None,
                });
                "joined".to_owned()
            }
            Some(q) if minted[cluster] => format!("split_from:{q}"),
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
        if let Some(q) = before {
            changed_person.insert(q, true);
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
    for (_, p) in &changes.removed_records {
        changed_person.insert(p, true);
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
        for _ in 0..=old.rows().len() {
            if let Some(t) = merged_into.get(cur.as_str()) {
                cur = t.clone();
            } else {
                return Some(cur);
            }
        }
        None
    };
    // The old rows that stay, in their order: a retired id (its redirect followed to where
    // the merges of this run lead), a record still with its person (its fingerprint now).
    let stay = old_rows.iter().zip(&kept).filter_map(|(r, k)| {
        if r.is_retired() {
            let mut row = r.clone();
            row.line = None;
            if let Some(t) = &r.merged_into
                && let Some(f) = final_target(t)
                && &f != t
            {
                row.merged_into = Some(f);
            }
            return Some(row);
        }
        let i = (*k)? as usize;
        let mut row = r.clone();
        row.line = None;
        if fingerprints.get(i).is_some_and(|f| *f != row.fingerprint) {
            row.fingerprint = fingerprint(i);
        }
        Some(row)
    });
    let registry = Registry::merged(stay, rows);
    changes.splits = splits
        .into_iter()
        .map(|(k, ids)| (k.2.to_owned(), ids))
        .collect();
    changes.records = record_ids.len();
    changes.persons = members.iter().filter(|m| !m.is_empty()).count();
    changes.unchanged_persons = person_of_cluster
        .iter()
        .zip(&minted)
        .filter(|(p, new)| {
            !**new
                && p.as_deref()
                    .is_some_and(|p| !changed_person.contains_key(p))
        })
        .count();
    Ok(Reconciled { registry, changes })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reconciles records given as `(id, cluster)` with `old`.
    fn run(old: &Registry, recs: &[(&str, u32)], date: &str) -> Reconciled {
        let ids: Vec<&str> = recs.iter().map(|r| r.0).collect();
        let cl: Vec<u32> = recs.iter().map(|r| r.1).collect();
        reconcile(old, &ids, &[], &cl, date).unwrap()
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
