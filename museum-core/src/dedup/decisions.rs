//! Human decisions about pairs of records, kept in a CSV file beside the data
//! (`decisions.csv`) and honoured in every later run: they always win over scores.
//!
//! ```text
//! record_a,record_b,decision,who,when,why
//! vic-000012,vic-000040,same,A. Naimanbai,2025-03-01,same father and arrest date in the case file
//! vic-000012,vic-000977,different,A. Naimanbai,2025-03-01,namesake from another district
//! ```

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// What decisions, used as labels for the model, changed in a run: the weights that moved and
/// the scored pairs (not decided themselves) that crossed the link threshold because of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DecisionsEffect {
    /// Levels whose weight moved by more than [`DecisionsEffect::TOLERANCE`] bits, largest
    /// change first.
    pub weights: Vec<super::WeightChange>,
    /// Undecided candidate pairs now at or above the threshold that were below it without the
    /// decisions.
    pub now_linked: usize,
    /// Undecided candidate pairs now below the threshold that were at or above it.
    pub now_apart: usize,
    /// The model's prior (share of candidate pairs that match) without and with the decisions.
    pub prior: (f64, f64),
}

impl DecisionsEffect {
    /// Weight changes smaller than this (in bits) are not listed.
    pub const TOLERANCE: f64 = 0.01;

    /// The effect of the decisions: `plain` fitted without them, `labelled` with them;
    /// `crossed` are the pairs (by key, possibly repeated) that changed side, `true` when they
    /// rose above the threshold.
    pub(crate) fn new(
        plain: &super::Model,
        labelled: &super::Model,
        mut crossed: Vec<(u64, bool)>,
    ) -> Self {
        crossed.sort_unstable();
        crossed.dedup();
        let now_linked = crossed.iter().filter(|(_, up)| *up).count();
        DecisionsEffect {
            weights: super::weight_changes(plain, labelled, Self::TOLERANCE),
            now_linked,
            now_apart: crossed.len() - now_linked,
            prior: (plain.prior(), labelled.prior()),
        }
    }

    /// The pairs that changed side, either way.
    pub fn crossed(&self) -> usize {
        self.now_linked + self.now_apart
    }
}

/// The file name decisions are kept under, beside the data.
pub const DECISIONS_FILE: &str = "decisions.csv";

/// What a human decided about a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// The two records are the same person.
    Same,
    /// The two records are different people.
    Different,
}

impl DecisionKind {
    /// Parses `same`/`different` (also `match`/`no-match`, `yes`/`no`, Russian and Kazakh words).
    pub fn parse(s: &str) -> Option<DecisionKind> {
        match s.trim().to_lowercase().as_str() {
            "same" | "match" | "yes" | "y" | "duplicate" | "тот же" | "один" | "бір" => {
                Some(DecisionKind::Same)
            }
            "different" | "no-match" | "nomatch" | "no" | "n" | "distinct" | "разные"
            | "другой" | "басқа" => Some(DecisionKind::Different),
            _ => None,
        }
    }

    /// `same` or `different`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Same => "same",
            DecisionKind::Different => "different",
        }
    }
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// A record id.
    pub record_a: String,
    /// Another record id.
    pub record_b: String,
    /// Same or different.
    pub decision: DecisionKind,
    /// Who decided.
    #[serde(default)]
    pub who: String,
    /// When (as written).
    #[serde(default)]
    pub when: String,
    /// Why.
    #[serde(default)]
    pub why: String,
    /// The line of the decisions file (1-based), when read from one.
    #[serde(skip)]
    pub line: Option<u64>,
}

/// Reads a decisions file. Rows that cannot be read are returned as messages, not errors.
///
/// # Errors
/// When the file cannot be opened or is not CSV.
///
/// ```
/// use museum_core::dedup::{read_decisions, DecisionKind};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("decisions.csv");
/// std::fs::write(&path, "record_a,record_b,decision,who,when,why\nv1,v2,same,me,2025-01-01,same case file\nv1,v3,maybe,,,\n").unwrap();
/// let (decisions, problems) = read_decisions(&path).unwrap();
/// assert_eq!(decisions[0].decision, DecisionKind::Same);
/// assert_eq!(problems.len(), 1);
/// ```
pub fn read_decisions(path: &Path) -> Result<(Vec<Decision>, Vec<String>)> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    parse_decisions(std::io::BufReader::new(file), path)
}

/// Reads decisions from `input`, the content of the file `path` (named in messages).
fn parse_decisions(input: impl std::io::Read, path: &Path) -> Result<(Vec<Decision>, Vec<String>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(path, &e))?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
        .collect::<Vec<_>>();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(a), Some(b), Some(d)) = (
        col(&["record_a", "a", "id_a"]),
        col(&["record_b", "b", "id_b"]),
        col(&["decision", "verdict"]),
    ) else {
        return Err(Error::from(ErrorKind::UnsupportedFormat {
            path: path.to_owned(),
            reason: "a decisions file needs the columns `record_a,record_b,decision`".into(),
        }));
    };
    let (who, when, why) = (
        col(&["who"]),
        col(&["when", "date"]),
        col(&["why", "reason"]),
    );
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for row in rdr.records() {
        let row = row.map_err(|e| csv_error(path, &e))?;
        let line = row.position().map(csv::Position::line);
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).unwrap_or("").to_owned();
        let (ra, rb, dv) = (get(Some(a)), get(Some(b)), get(Some(d)));
        if ra.is_empty() && rb.is_empty() && dv.is_empty() {
            continue;
        }
        let where_ = format!("{}:{}", path.display(), line.unwrap_or(0));
        match DecisionKind::parse(&dv) {
            Some(kind) if !ra.is_empty() && !rb.is_empty() => out.push(Decision {
                record_a: ra,
                record_b: rb,
                decision: kind,
                who: get(who),
                when: get(when),
                why: get(why),
                line,
            }),
            Some(_) => problems.push(format!("{where_}: a decision needs two record ids")),
            None => problems.push(format!(
                "{where_}: decision `{dv}` is neither `same` nor `different`"
            )),
        }
    }
    Ok((out, problems))
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    Error::from(ErrorKind::UnsupportedFormat {
        path: path.to_owned(),
        reason: format!("cannot read the decisions: {e}"),
    })
}

/// What became of one decision given to [`record_decisions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// Added to the file.
    Added,
    /// The file (or an earlier decision of the same batch) already says the same about the
    /// pair: nothing added for it.
    AlreadyRecorded(Decision),
    /// The file (or an earlier decision of the same batch) says the opposite: the batch is
    /// refused whole. Decisions are never overwritten: a person edits the row.
    Contradicts(Decision),
}

/// The unordered pair of a decision.
fn pair_key(d: &Decision) -> (&str, &str) {
    let (a, b) = (d.record_a.as_str(), d.record_b.as_str());
    if a <= b { (a, b) } else { (b, a) }
}

/// Records `new` decisions in the decisions file `path` (created with its header when
/// missing), safely when several people or scripts record at the same time: under the file's
/// lock (waiting up to `wait`, see [`crate::fsutil::update_locked`]) the file is re-read, each
/// decision is checked against it exactly as if the writers had run one after the other, and
/// the file is replaced atomically. All or nothing: when any decision contradicts the file (or
/// an earlier one of `new`), nothing is written. Returns what became of each decision, in
/// order.
///
/// # Errors
/// When the lock is not had in time ([`ErrorKind::Locked`]), or the file cannot be read or
/// written.
///
/// ```
/// use std::time::Duration;
/// use museum_core::dedup::{Decision, DecisionKind};
/// use museum_core::dedup::decisions::{Recorded, record_decisions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("decisions.csv");
/// let d = |kind| Decision {
///     record_a: "v1".into(), record_b: "v2".into(), decision: kind,
///     who: "me".into(), when: "2026-12-06".into(), why: String::new(), line: None,
/// };
/// let wait = Duration::from_secs(5);
/// assert_eq!(record_decisions(&path, &[d(DecisionKind::Same)], wait).unwrap(), [Recorded::Added]);
/// let again = record_decisions(&path, &[d(DecisionKind::Different)], wait).unwrap();
/// assert!(matches!(again[0], Recorded::Contradicts(_)));
/// assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);
/// ```
pub fn record_decisions(
    path: &Path,
    new: &[Decision],
    wait: std::time::Duration,
) -> Result<Vec<Recorded>> {
    crate::fsutil::update_locked(path, wait, |current| {
        let existing = match current {
            Some(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => {
                parse_decisions(bytes, path)?.0
            }
            _ => Vec::new(),
        };
        let mut known: std::collections::HashMap<(&str, &str), &Decision> =
            existing.iter().map(|d| (pair_key(d), d)).collect();
        let mut outcome = Vec::with_capacity(new.len());
        let mut added = Vec::new();
        for d in new {
            let result = match known.get(&pair_key(d)) {
                Some(old) if old.decision == d.decision => {
                    Recorded::AlreadyRecorded((*old).clone())
                }
                Some(old) => Recorded::Contradicts((*old).clone()),
                None => {
                    known.insert(pair_key(d), d);
                    added.push(d);
                    Recorded::Added
                }
            };
            outcome.push(result);
        }
        let refused = outcome
            .iter()
            .any(|r| matches!(r, Recorded::Contradicts(_)));
        if refused || added.is_empty() {
            return Ok((None, outcome));
        }
        Ok((Some(appended(current, &added, path)?), outcome))
    })
}

/// Appends decisions to a decisions file (creating it with its header), under its lock and
/// atomically, without checking them against the file (see [`record_decisions`], which does).
///
/// # Errors
/// When the lock is not had within [`crate::fsutil::DEFAULT_LOCK_WAIT`], or the file cannot be
/// read or written.
pub fn append_decisions(path: &Path, new: &[Decision]) -> Result<()> {
    crate::fsutil::update_locked(path, crate::fsutil::DEFAULT_LOCK_WAIT, |current| {
        let rows: Vec<&Decision> = new.iter().collect();
        Ok((Some(appended(current, &rows, path)?), ()))
    })
}

/// The decisions file `current` (header only when missing or blank) with `rows` added below.
fn appended(current: Option<&[u8]>, rows: &[&Decision], path: &Path) -> Result<Vec<u8>> {
    let mut text = current.map(<[u8]>::to_vec).unwrap_or_default();
    if text.iter().all(u8::is_ascii_whitespace) {
        text = b"record_a,record_b,decision,who,when,why\n".to_vec();
    } else if !text.ends_with(b"\n") {
        text.push(b'\n');
    }
    let mut cw = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(&mut text);
    for d in rows {
        cw.write_record([
            d.record_a.as_str(),
            d.record_b.as_str(),
            d.decision.as_str(),
            d.who.as_str(),
            d.when.as_str(),
            d.why.as_str(),
        ])
        .map_err(|e| Error::io("write", path, std::io::Error::other(e)))?;
    }
    cw.flush().map_err(|e| Error::io("write", path, e))?;
    drop(cw);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_then_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(DECISIONS_FILE);
        let d = Decision {
            record_a: "a".into(),
            record_b: "b, c".into(),
            decision: DecisionKind::Different,
            who: "me".into(),
            when: "2025".into(),
            why: "namesake".into(),
            line: None,
        };
        append_decisions(&p, std::slice::from_ref(&d)).unwrap();
        append_decisions(&p, std::slice::from_ref(&d)).unwrap();
        let (read, problems) = read_decisions(&p).unwrap();
        assert!(problems.is_empty());
        assert_eq!(read.len(), 2);
        assert_eq!(read[1].record_b, "b, c");
        assert_eq!(read[1].line, Some(3));
    }

    #[test]
    fn needs_columns() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(DECISIONS_FILE);
        std::fs::write(&p, "x,y\n1,2\n").unwrap();
        assert!(read_decisions(&p).is_err());
    }
}
