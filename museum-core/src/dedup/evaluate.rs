//! Evaluation against labelled truth (`record_id,person_id`): pairwise and B-cubed precision,
//! recall and F1, and blocking recall.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// The quality of a clustering against the truth.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Records that have a truth label (the others are left out of every measure).
    pub records: usize,
    /// Records without a label.
    pub unlabelled: usize,
    /// Pairs of records that are truly the same person.
    pub true_pairs: u64,
    /// Pairs of records put in one cluster.
    pub predicted_pairs: u64,
    /// Pairs both true and predicted.
    pub correct_pairs: u64,
    /// Pairwise precision/recall/F1 over record pairs.
    pub pairwise: Prf,
    /// B-cubed precision/recall/F1 (per record, averaged).
    pub bcubed: Prf,
    /// Share of true pairs that blocking made candidates (compared at all).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocking_recall: Option<f64>,
}

/// Reads a truth file: CSV with a record id column (`record_id` or `id`) and a person column
/// (`person_id`, `entity_id`, `cluster_id` or `truth`).
///
/// # Errors
/// When the file cannot be read or lacks the columns.
pub fn read_truth(path: &Path) -> Result<HashMap<String, String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(std::io::BufReader::new(file));
    let bad = |reason: String| {
        Error::from(ErrorKind::UnsupportedFormat {
            path: path.to_owned(),
            reason,
        })
    };
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| bad(e.to_string()))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
        .collect();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(r), Some(p)) = (
        col(&["record_id", "id"]),
        col(&["person_id", "entity_id", "cluster_id", "truth", "true_id"]),
    ) else {
        return Err(bad(
            "a truth file needs the columns `record_id,person_id`".into()
        ));
    };
    let mut out = HashMap::new();
    for row in rdr.records() {
        let row = row.map_err(|e| bad(e.to_string()))?;
        if let (Some(id), Some(person)) = (row.get(r), row.get(p))
            && !id.is_empty()
            && !person.is_empty()
        {
            out.insert(id.to_owned(), person.to_owned());
        }
    }
    Ok(out)
}

/// Each record's person in `truth` as a dense number (records in `ids` order; persons numbered as
/// first met), [`NO_GROUP`](super::NO_GROUP) for a record without a label: the
/// [`candidate_groups`](super::DedupOptions::candidate_groups) of a run evaluated against `truth`.
pub fn truth_groups<S: AsRef<str>>(ids: &[S], truth: &HashMap<String, String>) -> Vec<u32> {
    let mut person_ix: HashMap<&str, u32> = HashMap::new();
    ids.iter()
        .map(|id| match truth.get(id.as_ref()) {
            Some(p) => {
                let next = person_ix.len() as u32;
                *person_ix.entry(p.as_str()).or_insert(next)
            }
            None => super::NO_GROUP,
        })
        .collect()
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// Evaluates a clustering (`cluster_of[i]` for record `i` with id `ids[i]`) against `truth`
/// (record id → person id). `candidates`, when given, are the sorted compared pairs
/// (`i << 32 | j`, `i < j`) for blocking recall.
///
/// ```
/// use std::collections::HashMap;
/// use museum_core::dedup::evaluate;
/// let ids = ["a", "b", "c", "d"];
/// let truth: HashMap<String, String> =
///     [("a", "p1"), ("b", "p1"), ("c", "p1"), ("d", "p2")]
///         .into_iter().map(|(r, p)| (r.to_owned(), p.to_owned())).collect();
/// // Predicted: {a, b}, {c}, {d}.
/// let e = evaluate(&ids, &[0, 0, 1, 2], &truth, None);
/// assert_eq!((e.true_pairs, e.predicted_pairs, e.correct_pairs), (3, 1, 1));
/// assert!((e.pairwise.precision - 1.0).abs() < 1e-12);
/// assert!((e.pairwise.recall - 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn evaluate<S: AsRef<str>>(
    ids: &[S],
    cluster_of: &[u32],
    truth: &HashMap<String, String>,
    candidates: Option<&[u64]>,
) -> Evaluation {
    let compared = candidates.map(|cands| {
        move |a: usize, b: usize| {
            let (x, y) = (a.min(b) as u64, a.max(b) as u64);
            cands.binary_search(&((x << 32) | y)).is_ok()
        }
    });
    evaluate_with(
        ids,
        cluster_of,
        truth,
        compared
            .as_ref()
            .map(|f| f as &dyn Fn(usize, usize) -> bool),
    )
}

/// [`evaluate`] with `compared` telling whether blocking compared two records.
pub(crate) fn evaluate_with<S: AsRef<str>>(
    ids: &[S],
    cluster_of: &[u32],
    truth: &HashMap<String, String>,
    compared: Option<&dyn Fn(usize, usize) -> bool>,
) -> Evaluation {
    // Labelled records only; persons as dense numbers.
    let mut person_ix: HashMap<&str, u32> = HashMap::new();
    let mut labelled: Vec<(usize, u32, u32)> = Vec::new();
    let mut unlabelled = 0;
    for (i, id) in ids.iter().enumerate() {
        match truth.get(id.as_ref()) {
            Some(p) => {
                let next = person_ix.len() as u32;
                let pi = *person_ix.entry(p.as_str()).or_insert(next);
                labelled.push((i, cluster_of[i], pi));
            }
            None => unlabelled += 1,
        }
    }
    let mut by_cluster: HashMap<u32, u64> = HashMap::new();
    let mut by_person: HashMap<u32, u64> = HashMap::new();
    let mut by_both: HashMap<(u32, u32), u64> = HashMap::new();
    for &(_, c, p) in &labelled {
        *by_cluster.entry(c).or_default() += 1;
        *by_person.entry(p).or_default() += 1;
        *by_both.entry((c, p)).or_default() += 1;
    }
    let true_pairs: u64 = by_person.values().map(|n| pairs(*n)).sum();
    let predicted_pairs: u64 = by_cluster.values().map(|n| pairs(*n)).sum();
    let correct_pairs: u64 = by_both.values().map(|n| pairs(*n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let pairwise = Prf::new(
        ratio(correct_pairs, predicted_pairs),
        ratio(correct_pairs, true_pairs),
    );
    // B-cubed: for each record, |cluster ∩ person| / |cluster| and / |person|.
    let (mut bp, mut br) = (0.0, 0.0);
    for &(_, c, p) in &labelled {
        let both = by_both[&(c, p)] as f64;
        bp += both / by_cluster[&c] as f64;
        br += both / by_person[&p] as f64;
    }
    let n = labelled.len().max(1) as f64;
    let bcubed = Prf::new(bp / n, br / n);
    let blocking_recall = compared.map(|compared| {
        let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
        for &(i, _, p) in &labelled {
            members.entry(p).or_default().push(i);
        }
        let (mut found, mut total) = (0u64, 0u64);
        for list in members.values() {
            for (k, &a) in list.iter().enumerate() {
                for &b in &list[k + 1..] {
                    total += 1;
                    if compared(a, b) {
                        found += 1;
                    }
                }
            }
        }
        ratio(found, total)
    });
    Evaluation {
        records: labelled.len(),
        unlabelled,
        true_pairs,
        predicted_pairs,
        correct_pairs,
        pairwise,
        bcubed,
        blocking_recall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truth(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn perfect_and_bcubed() {
        let ids = ["a", "b", "c", "d", "x"];
        let t = truth(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let e = evaluate(&ids, &[0, 0, 1, 1, 2], &t, Some(&[1, 2 << 32 | 3]));
        assert_eq!(e.pairwise.f1, 1.0);
        assert_eq!(e.bcubed.f1, 1.0);
        assert_eq!(e.unlabelled, 1);
        // Pairs (0,1) and (2,3) are both candidates.
        assert_eq!(e.blocking_recall, Some(1.0));
        // Everything in one cluster: B-cubed precision 0.5.
        let e = evaluate(&ids, &[0, 0, 0, 0, 0], &t, None);
        assert!((e.bcubed.precision - 0.5).abs() < 1e-12);
        assert!((e.bcubed.recall - 1.0).abs() < 1e-12);
        assert!((e.pairwise.precision - 2.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn reads_truth() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("truth.csv");
        std::fs::write(&p, "record_id,person_id\nv1,p1\nv2,p1\n").unwrap();
        let t = read_truth(&p).unwrap();
        assert_eq!(t["v2"], "p1");
    }
}
