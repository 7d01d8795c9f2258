//! The person registry, `persons.csv`: one row per record saying which person it is, and one row
//! per retired person id saying where its address now leads.
//!
//! ```text
//! person_id,record_id,merged_into,assigned,how,fingerprint
//! P000001,vic-000001,,2026-12-01,new,9c1d4be0a7f3e215
//! P000001,vic-000417,,2026-12-06,joined,0b77e2c5d1a94f60
//! P000002,,P000001,2026-12-06,merged,
//! P000003,,,2026-12-06,retired,
//! ```
//!
//! `fingerprint` is a hash of what matching reads of the record (names, dates, places…): a
//! record whose fingerprint changed is compared again in an incremental run. A registry without
//! the column (or with an empty value) is read too; its records count as changed.
//!
//! Rows are sorted by person id (in the order ids were minted), then record id, so the file
//! diffs well under version control. Ids are minted once (`P` and six or more digits, counting
//! up from the largest id the registry has ever held) and never reused.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::hash::FxHashMap;
use rustc_hash::FxHashSet;

/// The file name of the registry, beside the data.
pub const REGISTRY_FILE: &str = "persons.csv";

/// The header the registry is written with (extra columns of a hand-edited file are refused, so
/// that nothing is silently dropped).
pub const REGISTRY_HEADER: [&str; 6] = [
    "person_id",
    "record_id",
    "merged_into",
    "assigned",
    "how",
    "fingerprint",
];

/// One row of the registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistryRow {
    /// The person (`P000001`).
    pub person_id: String,
    /// The record that is this person; `None` on the row of a retired id.
    pub record_id: Option<String>,
    /// Where a retired id leads now (the person it was merged into); `None` otherwise.
    pub merged_into: Option<String>,
    /// The day the row was written (`YYYY-MM-DD`).
    pub assigned: String,
    /// How the row came about: `new`, `joined`, `merged_from:P…`, `split_from:P…`,
    /// `moved_from:P…`, `merged` or `retired` (see [`crate::persons`]).
    pub how: String,
    /// The record's fingerprint when the row was written (empty: unknown).
    pub fingerprint: String,
    /// The 1-based line of the file it was read from.
    #[serde(skip)]
    pub line: Option<u64>,
}

impl RegistryRow {
    /// Whether this row retires its person id.
    pub fn is_retired(&self) -> bool {
        self.record_id.is_none()
    }
}

/// The registry: every record's person and every retired id.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    rows: Vec<RegistryRow>,
    /// The [`registry_hash`](super::index::registry_hash) of the file it was read from, as
    /// written (the same as of [`Registry::to_csv`] when the file is as museum wrote it).
    file_hash: Option<u64>,
}

impl PartialEq for Registry {
    fn eq(&self, other: &Registry) -> bool {
        self.rows == other.rows
    }
}

impl Eq for Registry {}

/// The sort key of a person id: ids minted here (`P` and digits) by their number, then any other
/// id by its text.
pub(crate) fn id_key(id: &str) -> (u8, u64, &str) {
    match minted_number(id) {
        Some(n) => (0, n, id),
        None => (1, 0, id),
    }
}

fn minted_number(id: &str) -> Option<u64> {
    let digits = id.strip_prefix('P')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A person id from its number (`P000042`).
pub(crate) fn mint(n: u64) -> String {
    format!("P{n:06}")
}

/// The order of a registry's rows: by person id (minted ids by number, then any other id by its
/// text), then record id.
fn row_order(a: &RegistryRow, b: &RegistryRow) -> std::cmp::Ordering {
    id_key(&a.person_id)
        .cmp(&id_key(&b.person_id))
        .then_with(|| a.record_id.cmp(&b.record_id))
}

/// `rows` in [`row_order`], each id parsed once, not at every comparison.
fn sort_rows(rows: Vec<RegistryRow>) -> Vec<RegistryRow> {
    let mut keyed: Vec<((u8, u64), RegistryRow)> = rows
        .into_iter()
        .map(|r| {
            let (kind, n, _) = id_key(&r.person_id);
            ((kind, n), r)
        })
        .collect();
    keyed.sort_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| a.person_id.cmp(&b.person_id))
            .then_with(|| a.record_id.cmp(&b.record_id))
    });
    keyed.into_iter().map(|(_, r)| r).collect()
}

impl Registry {
    /// A registry of these rows, sorted and checked as [`Registry::read`] checks a file.
    ///
    /// # Errors
    /// As [`Registry::read`] (the location is `<rows>`).
    pub fn from_rows(rows: Vec<RegistryRow>) -> Result<Registry> {
        let r = Registry {
            rows,
            file_hash: None,
        };
        r.check(Path::new("<rows>"))?;
        Ok(r.sorted())
    }

    /// Reads `persons.csv`; a missing file is an empty registry.
    ///
    /// # Errors
    /// When the file cannot be read, lacks the columns, or is inconsistent: a record listed
    /// twice, a row with both a record and `merged_into`, an id both active and retired, a
    /// redirect to an id the registry does not hold, an empty `person_id`. The message names the
    /// file, the line and the field.
    pub fn read(path: &Path) -> Result<Registry> {
        if !path.exists() {
            return Ok(Registry::default());
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io("open", path, e))?;
        let mut r = Registry::from_reader(bytes.as_slice(), path)?;
        r.file_hash = Some(super::index::registry_hash(&bytes));
        Ok(r)
    }

    /// Whether `hash` is the [`registry_hash`](super::index::registry_hash) of this registry
    /// as [`Registry::to_csv`] writes it: checked against the file it was read from first,
    /// written again only when that differs.
    pub(crate) fn has_hash(&self, hash: u64) -> bool {
        self.file_hash == Some(hash) || super::index::registry_hash(&self.to_csv()) == hash
    }

    /// Reads a registry from CSV text; `path` names it in messages.
    ///
    /// # Errors
    /// As [`Registry::read`].
    pub fn from_reader(reader: impl std::io::Read, path: &Path) -> Result<Registry> {
        let bad = |line: Option<u64>, reason: String| -> Error {
            ErrorKind::UnsupportedFormat {
                path: path.to_owned(),
                reason: match line {
                    Some(l) => format!("line {l}: {reason}"),
                    None => reason,
                },
            }
            .into()
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(reader);
        let headers: Vec<String> = rdr
            .headers()
            .map_err(|e| bad(Some(1), format!("not a person registry: {e}")))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        // Without `fingerprint` (the first format) is read too.
        if headers.iter().map(String::as_str).ne(REGISTRY_HEADER)
            && headers
                .iter()
                .map(String::as_str)
                .ne(REGISTRY_HEADER[..5].iter().copied())
        {
            return Err(bad(
                Some(1),
                format!(
                    "a person registry has the header `{}` (found `{}`)",
                    REGISTRY_HEADER.join(","),
                    headers.join(",")
                ),
            ));
        }
        let mut rows = Vec::new();
        // One record read into again and again (not one allocated per row).
        let mut row = csv::StringRecord::new();
        loop {
            match rdr.read_record(&mut row) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map(csv::Position::line);
                    return Err(bad(line, format!("cannot read the row: {e}")));
                }
            }
            let line = row.position().map(csv::Position::line);
            let get = |i: usize| {
                let v = row.get(i).unwrap_or("").trim();
                (!v.is_empty()).then(|| v.to_owned())
            };
            if row.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let Some(person_id) = get(0) else {
                return Err(bad(line, "field `person_id` is empty".into()));
            };
            rows.push(RegistryRow {
                person_id,
                record_id: get(1),
                merged_into: get(2),
                assigned: get(3).unwrap_or_default(),
                how: get(4).unwrap_or_default(),
                fingerprint: get(5).unwrap_or_default(),
                line,
            });
        }
        let r = Registry {
            rows,
            file_hash: None,
        };
        r.check(path)?;
        Ok(r.sorted())
    }

    fn check(&self, path: &Path) -> Result<()> {
        let bad = |row: &RegistryRow, field: &str, reason: String| -> Error {
            ErrorKind::UnsupportedFormat {
                path: path.to_owned(),
                reason: format!(
                    "{}field `{field}`: {reason}",
                    row.line.map_or_else(String::new, |l| format!("line {l}, "))
                ),
            }
            .into()
        };
        let mut seen_record: FxHashMap<&str, &RegistryRow> =
            FxHashMap::with_capacity_and_hasher(self.rows.len(), rustc_hash::FxBuildHasher);
        let mut active: FxHashSet<&str> = FxHashSet::default();
        let mut retired: FxHashMap<&str, &RegistryRow> = FxHashMap::default();
        for row in &self.rows {
            match (&row.record_id, &row.merged_into) {
                (Some(_), Some(_)) => {
                    return Err(bad(
                        row,
                        "merged_into",
                        format!(
                            "set on a row with a record (`{}` cannot both hold records and redirect)",
                            row.person_id
                        ),
                    ));
                }
                (Some(rec), None) => {
                    if let Some(prev) = seen_record.insert(rec, row) {
                        return Err(bad(
                            row,
                            "record_id",
                            format!(
                                "record `{rec}` is listed twice (also on line {}, person `{}`)",
                                prev.line.unwrap_or(0),
                                prev.person_id
                            ),
                        ));
                    }
                    active.insert(&row.person_id);
                }
                (None, _) => {
                    if retired.insert(&row.person_id, row).is_some() {
                        return Err(bad(
                            row,
                            "person_id",
                            format!("`{}` is retired twice", row.person_id),
                        ));
                    }
                }
            }
        }
        for (id, row) in &retired {
            if active.contains(id) {
                return Err(bad(
                    row,
                    "person_id",
                    format!("`{id}` is retired but still holds records"),
                ));
            }
            if let Some(t) = &row.merged_into
                && !active.contains(t.as_str())
                && !retired.contains_key(t.as_str())
            {
                return Err(bad(
                    row,
                    "merged_into",
                    format!("`{id}` redirects to `{t}`, which the registry does not hold"),
                ));
            }
        }
        Ok(())
    }

    fn sorted(mut self) -> Registry {
        // A registry read back is sorted already; otherwise each id is parsed once, not at
        // every comparison.
        if !self.rows.is_sorted_by(|a, b| row_order(a, b).is_le()) {
            self.rows = sort_rows(std::mem::take(&mut self.rows));
        }
        self
    }

    /// The registry of the rows `stay` (sorted, as a registry's rows are) and `fresh` (in any
    /// order): `fresh` sorted and merged in, so that the rows that stay cost a copy each.
    /// The rows must make a consistent registry (as [`Registry::read`] checks; a reconciliation
    /// makes them so).
    pub(super) fn merged(
        stay: impl Iterator<Item = RegistryRow>,
        fresh: Vec<RegistryRow>,
    ) -> Registry {
        let fresh = sort_rows(fresh);
        let (least, most) = stay.size_hint();
        let mut rows = Vec::with_capacity(fresh.len() + most.unwrap_or(least));
        let mut fresh = fresh.into_iter().peekable();
        for row in stay {
            while let Some(f) = fresh.next_if(|f| row_order(f, &row).is_lt()) {
                rows.push(f);
            }
            rows.push(row);
        }
        rows.extend(fresh);
        let r = Registry {
            rows,
            file_hash: None,
        };
        debug_assert!(r.check(Path::new("<merged>")).is_ok());
        debug_assert!(r.rows.is_sorted_by(|a, b| row_order(a, b).is_le()));
        r
    }

    /// The rows, sorted by person id (in minting order) and record id.
    pub fn rows(&self) -> &[RegistryRow] {
        &self.rows
    }

    /// The rows, taken.
    pub(super) fn into_rows(self) -> Vec<RegistryRow> {
        self.rows
    }

    /// Whether the registry has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The person of each record.
    pub fn person_of_record(&self) -> HashMap<&str, &str> {
        self.rows
            .iter()
            .filter_map(|r| Some((r.record_id.as_deref()?, r.person_id.as_str())))
            .collect()
    }

    /// The active persons with their records (in record id order), by person id.
    pub fn persons(&self) -> BTreeMap<(u8, u64, &str), Vec<&str>> {
        let mut out: BTreeMap<(u8, u64, &str), Vec<&str>> = BTreeMap::new();
        for r in &self.rows {
            if let Some(rec) = &r.record_id {
                out.entry(id_key(&r.person_id)).or_default().push(rec);
            }
        }
        out
    }

    /// The retired rows.
    pub fn retired(&self) -> impl Iterator<Item = &RegistryRow> {
        self.rows.iter().filter(|r| r.is_retired())
    }

    /// Where `id` leads: itself when active, the end of its redirects when retired into an
    /// active person, `None` when unknown or retired with no successor.
    pub fn resolve(&self, id: &str) -> Option<String> {
        if self
            .rows
            .iter()
            .any(|r| r.person_id == id && r.record_id.is_some())
        {
            return Some(id.to_owned());
        }
        self.redirects().remove(id).flatten()
    }

    /// Every retired id with the active person its redirects lead to (`None`: retired without
    /// a successor).
    pub fn redirects(&self) -> BTreeMap<String, Option<String>> {
        let active: HashSet<&str> = self
            .rows
            .iter()
            .filter(|r| r.record_id.is_some())
            .map(|r| r.person_id.as_str())
            .collect();
        let next: HashMap<&str, Option<&str>> = self
            .retired()
            .map(|r| (r.person_id.as_str(), r.merged_into.as_deref()))
            .collect();
        next.keys()
            .map(|&id| {
                let mut cur = id;
                let mut target = None;
                for _ in 0..=next.len() {
                    if active.contains(cur) {
                        target = Some(cur.to_owned());
                        break;
                    }
                    match next.get(cur).copied().flatten() {
                        Some(t) => cur = t,
                        None => break,
                    }
                }
                (id.to_owned(), target)
            })
            .collect()
    }

    /// The next id to mint: one more than the largest minted id the registry holds.
    pub fn next_number(&self) -> u64 {
        self.rows
            .iter()
            .flat_map(|r| [Some(r.person_id.as_str()), r.merged_into.as_deref()])
            .flatten()
            .filter_map(minted_number)
            .max()
            .map_or(1, |n| n + 1)
    }

    /// Whether the two registries write the same file (their rows are equal but for the lines
    /// they were read from): [`Registry::to_csv`] of both compared, without writing either.
    pub fn same_file_as(&self, other: &Registry) -> bool {
        self.rows.len() == other.rows.len()
            && self.rows.iter().zip(&other.rows).all(|(a, b)| {
                a.person_id == b.person_id
                    && a.record_id == b.record_id
                    && a.merged_into == b.merged_into
                    && a.assigned == b.assigned
                    && a.how == b.how
                    && a.fingerprint == b.fingerprint
            })
    }

    /// The registry as CSV (the header, then the sorted rows).
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(REGISTRY_HEADER);
        for r in &self.rows {
            let _ = w.write_record([
                r.person_id.as_str(),
                r.record_id.as_deref().unwrap_or(""),
                r.merged_into.as_deref().unwrap_or(""),
                r.assigned.as_str(),
                r.how.as_str(),
                r.fingerprint.as_str(),
            ]);
        }
        w.into_inner().unwrap_or_default()
    }

    /// Writes the registry to `path` atomically: the previous file stays whole until the new
    /// one is complete.
    ///
    /// # Errors
    /// When the file cannot be written (the previous registry is then untouched).
    pub fn write(&self, path: &Path) -> Result<()> {
        let bytes = self.to_csv();
        // The caller holds the registry's lock (`fsutil::FileLock`) from its read to here.
        crate::fsutil::write_bytes_atomic(path, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Registry> {
        Registry::from_reader(text.as_bytes(), Path::new("persons.csv"))
    }

    #[test]
    fn reads_sorts_and_writes_back() {
        let r = parse(
            "person_id,record_id,merged_into,assigned,how\n\
             P000010,v3,,2026-01-02,new\n\
             P000002,,P000010,2026-01-02,merged\n\
             P000010,v1,,2026-01-01,new\n",
        )
        .unwrap();
        let text = String::from_utf8(r.to_csv()).unwrap();
        assert_eq!(
            text,
            "person_id,record_id,merged_into,assigned,how,fingerprint\n\
             P000002,,P000010,2026-01-02,merged,\n\
             P000010,v1,,2026-01-01,new,\n\
             P000010,v3,,2026-01-02,new,\n"
        );
        assert_eq!(r.next_number(), 11);
        assert_eq!(r.resolve("P000002").as_deref(), Some("P000010"));
        assert_eq!(r.resolve("P000099"), None);
        assert_eq!(parse(&text).unwrap().to_csv(), r.to_csv());
        assert!(parse(&text).unwrap().same_file_as(&r));
        let other = parse(&text.replace("2026-01-02,new", "2026-01-03,new")).unwrap();
        assert!(!other.same_file_as(&r));
        assert_ne!(other.to_csv(), r.to_csv());
    }

    #[test]
    fn inconsistent_registries_are_refused_with_line_and_field() {
        let cases = [
            (
                "P1,v1,,,\nP2,v1,,,\n",
                "line 3, field `record_id`: record `v1` is listed twice",
            ),
            ("P1,v1,P2,,\n", "line 2, field `merged_into`"),
            (
                "P1,v1,,,\nP1,,,,\n",
                "`P1` is retired but still holds records",
            ),
            ("P1,,P9,,\n", "redirects to `P9`"),
            (",v1,,,\n", "line 2: field `person_id` is empty"),
        ];
        for (body, want) in cases {
            let text = format!("person_id,record_id,merged_into,assigned,how\n{body}");
            let e = parse(&text).unwrap_err().to_string();
            assert!(e.contains(want), "{body:?}: {e}");
            assert!(e.contains("persons.csv"), "{e}");
        }
        let e = parse("id,person\nv1,P1\n").unwrap_err().to_string();
        assert!(e.contains("header `person_id,record_id"), "{e}");
    }

    #[test]
    fn a_missing_file_is_an_empty_registry() {
        let dir = tempfile::tempdir().unwrap();
        let r = Registry::read(&dir.path().join(REGISTRY_FILE)).unwrap();
        assert!(r.is_empty());
        assert_eq!(r.next_number(), 1);
    }
}
