//! Reading a filled review sheet back (CSV or XLSX): each row with a `decision` becomes a
//! decision; rows that cannot be one are listed with their sheet row, so that nothing is
//! imported half.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::dedup::decisions::{Recorded, record_decisions};
use crate::dedup::{Decision, DecisionKind};
use crate::error::{Error, ErrorKind, Result};

use super::sheet::SheetFormat;

/// One filled row: a decision about a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRow {
    /// The row of the sheet (1-based, the header is row 1; the line in a CSV).
    pub row: u64,
    /// A record id.
    pub record_a: String,
    /// The other record id.
    pub record_b: String,
    /// Same or different.
    pub decision: DecisionKind,
    /// Who decided.
    pub who: String,
    /// Why.
    pub why: String,
}

/// A row that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// Where: `sheet `review` row 7` or `line 7`.
    pub place: String,
    /// The row (1-based).
    pub row: u64,
    /// The column at fault.
    pub column: &'static str,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, column `{}`: {}",
            self.place, self.column, self.message
        )
    }
}

/// What a filled sheet holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedSheet {
    /// Rows with a `same` or `different` decision.
    pub rows: Vec<ImportRow>,
    /// Rows marked `unsure` (left for later).
    pub unsure: usize,
    /// Rows with no decision yet.
    pub undecided: usize,
    /// Rows that cannot be imported.
    pub problems: Vec<ImportProblem>,
    /// How rows are named: `line` (CSV) or `sheet `review` row` (XLSX).
    pub place: String,
}

/// The rows of a sheet as text, each with its 1-based row number, header first.
type TextRows = Vec<(u64, Vec<String>)>;

fn unreadable(path: &Path, reason: String) -> Error {
    ErrorKind::UnsupportedFormat {
        path: path.to_owned(),
        reason,
    }
    .into()
}

fn csv_rows(path: &Path) -> Result<TextRows> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| unreadable(path, e.to_string()))?;
        let line = r.position().map_or(0, csv::Position::line);
        out.push((line, r.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

/// The sheet named `review`, else the first one.
fn xlsx_rows(path: &Path) -> Result<(String, TextRows)> {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(path)
        .map_err(|e| unreadable(path, format!("not a readable workbook: {e}")))?;
    let names = wb.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("review"))
        .or_else(|| names.first())
        .cloned()
    else {
        return Err(unreadable(path, "the workbook has no sheet".into()));
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| unreadable(path, format!("cannot read sheet `{name}`: {e}")))?;
    let first = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text = vec![String::new(); first_col];
            text.extend(cells.iter().map(|c| match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                other => other.to_string(),
            }));
            (u64::from(first) + i as u64 + 1, text)
        })
        .collect();
    Ok((name, rows))
}

/// Reads a filled review sheet (`.xlsx` or `.csv`, by its name). With `known_ids`, ids not in
/// it are problems. Blank rows and rows without a decision are counted, not imported.
///
/// # Errors
/// When the file cannot be read, is neither `.xlsx` nor `.csv`, or lacks the columns
/// `record_a`, `record_b` and `decision`.
pub fn read_filled_sheet(path: &Path, known_ids: Option<&HashSet<&str>>) -> Result<ImportedSheet> {
    let (place, rows) = match SheetFormat::from_path(path) {
        Some(SheetFormat::Csv) => ("line".to_owned(), csv_rows(path)?),
        Some(SheetFormat::Xlsx) => {
            let (name, rows) = xlsx_rows(path)?;
            (format!("sheet `{name}` row"), rows)
        }
        None => {
            return Err(unreadable(
                path,
                "a review sheet is a `.xlsx` or a `.csv` file".into(),
            ));
        }
    };
    let mut it = rows.into_iter();
    let header: Vec<String> = it
        .next()
        .map(|(_, h)| {
            h.iter()
                .map(|c| c.trim_start_matches('\u{feff}').trim().to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(a), Some(b), Some(d)) = (col("record_a"), col("record_b"), col("decision")) else {
        return Err(unreadable(
            path,
            "a review sheet needs the columns `record_a`, `record_b` and `decision` in its first row"
                .into(),
        ));
    };
    let (who, why) = (col("who"), col("why"));
    let mut out = ImportedSheet {
        place: place.clone(),
        ..ImportedSheet::default()
    };
    for (row, cells) in it {
        let get = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map_or("", |s| s.trim())
                .to_owned()
        };
        let (ra, rb, dv) = (get(Some(a)), get(Some(b)), get(Some(d)));
        let problem = |column, message: String| ImportProblem {
            place: format!("{place} {row}"),
            row,
            column,
            message,
        };
        if dv.is_empty() {
            if !(ra.is_empty() && rb.is_empty()) {
                out.undecided += 1;
            }
            continue;
        }
        if matches!(dv.to_lowercase().as_str(), "unsure" | "?" | "skip") {
            out.unsure += 1;
            continue;
        }
        let Some(kind) = DecisionKind::parse(&dv) else {
            out.problems.push(problem(
                "decision",
                format!("`{dv}` is not `same`, `different` or `unsure`"),
            ));
            continue;
        };
        let mut bad = false;
        for (column, id) in [("record_a", &ra), ("record_b", &rb)] {
            let message = if id.is_empty() {
                Some("no record id".to_owned())
            } else if known_ids.is_some_and(|k| !k.contains(id.as_str())) {
                Some(format!("no record has the id `{id}`"))
            } else {
                None
            };
            if let Some(m) = message {
                out.problems.push(problem(column, m));
                bad = true;
            }
        }
        if !bad && ra == rb {
            out.problems.push(problem(
                "record_b",
                format!("the same record as `record_a`: `{ra}`"),
            ));
            bad = true;
        }
        if !bad {
            out.rows.push(ImportRow {
                row,
                record_a: ra,
                record_b: rb,
                decision: kind,
                who: get(who),
                why: get(why),
            });
        }
    }
    Ok(out)
}

/// What [`import_sheet`] did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportOutcome {
    /// The sheet as read (its rows, unsure and undecided counts, problems).
    pub sheet: ImportedSheet,
    /// Decisions added to the decisions file.
    pub added: usize,
    /// Rows the decisions file already held (the same decision).
    pub already: usize,
    /// Whether the decisions file was written (only when there are no problems at all).
    pub written: bool,
}

/// Imports a filled review sheet into the decisions file `decisions`: reads the sheet
/// ([`read_filled_sheet`]), then records its decisions ([`record_decisions`]) with `who`
/// (when a row names nobody) and `when`, under the file's lock (waiting up to `wait`). All or
/// nothing: a bad row, two rows contradicting each other, or a row contradicting the decisions
/// file is a problem in the outcome (with its sheet row), and then nothing is written.
///
/// # Errors
/// When the sheet or the decisions file cannot be read or written, or the lock is not had in
/// time.
pub fn import_sheet(
    sheet: &Path,
    decisions: &Path,
    known_ids: Option<&HashSet<&str>>,
    who: &str,
    when: &str,
    wait: std::time::Duration,
) -> Result<ImportOutcome> {
    let read = read_filled_sheet(sheet, known_ids)?;
    let mut out = ImportOutcome {
        sheet: read,
        ..ImportOutcome::default()
    };
    let decided: Vec<Decision> = out
        .sheet
        .rows
        .iter()
        .map(|r| Decision {
            record_a: r.record_a.clone(),
            record_b: r.record_b.clone(),
            decision: r.decision,
            who: if r.who.is_empty() {
                who.to_owned()
            } else {
                r.who.clone()
            },
            when: when.to_owned(),
            why: r.why.clone(),
            line: Some(r.row),
        })
        .collect();
    // Two rows of the sheet about one pair must agree.
    let mut first: std::collections::HashMap<(&str, &str), &ImportRow> =
        std::collections::HashMap::new();
    let mut batch_problems = Vec::new();
    for r in &out.sheet.rows {
        let key = if r.record_a <= r.record_b {
            (r.record_a.as_str(), r.record_b.as_str())
        } else {
            (r.record_b.as_str(), r.record_a.as_str())
        };
        match first.get(&key) {
            Some(f) if f.decision != r.decision => batch_problems.push(ImportProblem {
                place: format!("{} {}", out.sheet.place, r.row),
                row: r.row,
                column: "decision",
                message: format!(
                    "`{}` contradicts row {} (`{}`) about {} and {}",
                    r.decision.as_str(),
                    f.row,
                    f.decision.as_str(),
                    r.record_a,
                    r.record_b
                ),
            }),
            Some(_) => {}
            None => {
                first.insert(key, r);
            }
        }
    }
    out.sheet.problems.extend(batch_problems);
    if !out.sheet.problems.is_empty() {
        return Ok(out);
    }
    let recorded = record_decisions(decisions, &decided, wait)?;
    for (r, result) in out.sheet.rows.iter().zip(&recorded) {
        match result {
            Recorded::Added => out.added += 1,
            Recorded::AlreadyRecorded(_) => out.already += 1,
            Recorded::Contradicts(old) => out.sheet.problems.push(ImportProblem {
                place: format!("{} {}", out.sheet.place, r.row),
                row: r.row,
                column: "decision",
                message: format!(
                    "`{}` contradicts `{}:{}`, which decides that {} and {} are `{}` (decisions are never overwritten: edit that row to change it)",
                    r.decision.as_str(),
                    decisions.display(),
                    old.line.unwrap_or(0),
                    old.record_a,
                    old.record_b,
                    old.decision.as_str()
                ),
            }),
        }
    }
    out.written = out.added > 0 && out.sheet.problems.is_empty();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_csv_gives_decisions_and_problems_with_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("review.csv");
        std::fs::write(
            &p,
            "record_a,record_b,probability,decision,who,why\n\
             v1,v2,0.91,same,A. N.,same father\n\
             v1,v3,0.88,,,\n\
             v2,v4,0.87,unsure,,\n\
             v3,v9,0.86,different,,\n\
             v4,v5,0.85,perhaps,,\n",
        )
        .unwrap();
        let known: HashSet<&str> = ["v1", "v2", "v3", "v4", "v5"].into_iter().collect();
        let s = read_filled_sheet(&p, Some(&known)).unwrap();
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].row, 2);
        assert_eq!(s.rows[0].who, "A. N.");
        assert_eq!((s.undecided, s.unsure), (1, 1));
        let problems: Vec<String> = s.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            problems,
            [
                "line 5, column `record_b`: no record has the id `v9`",
                "line 6, column `decision`: `perhaps` is not `same`, `different` or `unsure`",
            ]
        );
    }
}
