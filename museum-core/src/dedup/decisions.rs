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
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(file);
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

/// Appends decisions to a decisions file (creating it with its header), atomically: the whole
/// file is rewritten through [`crate::fsutil::write_atomic`].
///
/// # Errors
/// When the file cannot be read or written.
pub fn append_decisions(path: &Path, new: &[Decision]) -> Result<()> {
    let existing = if path.exists() {
        std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?
    } else {
        String::new()
    };
    crate::fsutil::write_atomic(path, |w| {
        let mut text = existing.clone();
        if text.trim().is_empty() {
            text = "record_a,record_b,decision,who,when,why\n".to_owned();
        } else if !text.ends_with('\n') {
            text.push('\n');
        }
        w.write_all(text.as_bytes())?;
        let mut cw = csv::WriterBuilder::new().has_headers(false).from_writer(w);
        for d in new {
            cw.write_record([
                d.record_a.as_str(),
                d.record_b.as_str(),
                d.decision.as_str(),
                d.who.as_str(),
                d.when.as_str(),
                d.why.as_str(),
            ])
            .map_err(std::io::Error::other)?;
        }
        cw.flush()
    })
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
