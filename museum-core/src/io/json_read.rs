//! JSON (one array of records) and JSON Lines (one record per line).
//!
//! A record may be in the model's own shape (as `museum export` writes it) or a flat object of
//! scalar values keyed like CSV headers (aliases included); flat objects go through the same
//! row reader as CSV.

use std::io::{BufRead, Cursor, Read};
use std::marker::PhantomData;
use std::sync::Arc;

use serde_json::Value;

use super::columns::find_column;
use super::encoding::{Sniff, sniff};
use super::record::{Record, Row};
use super::{Located, ReadItem};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::vocab::UserVocab;

/// Converts one JSON value into a record or a finding.
fn convert<T: Record>(value: Value, location: Location, vocab: Option<&UserVocab>) -> ReadItem<T> {
    let flat = value
        .as_object()
        .is_some_and(|o| o.values().all(|v| !v.is_object() && !v.is_array()));
    if !flat {
        return match serde_json::from_value::<T>(value) {
            Ok(record) => {
                let mut location = location;
                location.record_id = Some(record.id().to_owned());
                ReadItem::Record(Located { record, location }, Vec::new())
            }
            Err(e) => ReadItem::Finding(
                Diagnostic::new(
                    Code::MalformedJson,
                    format!(
                        "the record does not have the {} shape: {e}",
                        T::KIND.entity()
                    ),
                    location,
                )
                .with_help(format!("see `schemas/{}.schema.json`", T::KIND.entity())),
            ),
        };
    }
    let Value::Object(obj) = value else {
        unreachable!("flat implies object")
    };
    let texts: Vec<(String, String)> = obj
        .into_iter()
        .map(|(k, v)| {
            let t = match v {
                Value::Null => String::new(),
                Value::String(s) => s,
                other => other.to_string(),
            };
            (k, t)
        })
        .collect();
    let columns = T::KIND.columns();
    let mut values: Vec<Option<&str>> = vec![None; columns.len()];
    let mut extra = Vec::new();
    for (k, v) in &texts {
        match find_column(columns, k) {
            Some(c) if values[c].is_none() => values[c] = Some(v.as_str()),
            _ => extra.push((k.as_str(), v.as_str())),
        }
    }
    let mut row = Row {
        values,
        extra,
        location,
        columns,
        vocab,
    };
    if let Some(id) = row.text(0) {
        row.location.record_id = Some(id.trim().to_owned());
    }
    let mut diags = Vec::new();
    let record = T::from_row(&row, &mut diags);
    ReadItem::Record(
        Located {
            record,
            location: row.location,
        },
        diags,
    )
}

/// Reads a JSON array of records.
pub(super) fn json_array<T: Record>(
    mut reader: impl Read,
    file: &str,
    vocab: Option<&UserVocab>,
) -> Result<Vec<ReadItem<T>>> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", file, e))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(vec![ReadItem::Finding(
            Diagnostic::new(Code::EmptyFile, "the file is empty", Location::file(file))
                .with_help("a JSON dataset is an array of records: `[{...}, {...}]`"),
        )]);
    }
    let bom = match sniff(&bytes) {
        Sniff::Utf8 { bom } => bom,
        Sniff::Unreadable { message, help } => {
            return Ok(vec![ReadItem::Finding(
                Diagnostic::new(Code::InvalidEncoding, message, Location::file(file))
                    .with_help(help),
            )]);
        }
    };
    let value: Value = match serde_json::from_slice(&bytes[bom..]) {
        Ok(v) => v,
        Err(e) => {
            let loc = Location {
                file: Some(file.into()),
                line: Some(e.line() as u64),
                ..Location::default()
            };
            if e.is_io() {
                return Err(Error::io("read", file, std::io::Error::other(e)));
            }
            return Ok(vec![ReadItem::Finding(
                Diagnostic::new(Code::MalformedJson, format!("invalid JSON: {e}"), loc)
                    .with_help("a JSON dataset is one array of records: `[{...}, {...}]`; for one record per line name the file `.jsonl`"),
            )]);
        }
    };
    let items = match value {
        Value::Array(items) => items,
        // A bundle object `{ "victims": [...] }` or a single record.
        Value::Object(mut o) => match o.remove(T::KIND.as_str()) {
            Some(Value::Array(items)) => items,
            Some(_) => {
                return Ok(vec![ReadItem::Finding(
                    Diagnostic::new(
                        Code::MalformedJson,
                        format!("`{}` is not an array of records", T::KIND.as_str()),
                        Location::file(file),
                    )
                    .with_help(format!(
                        "write `{{\"{}\": [{{...}}, {{...}}]}}` or a plain array",
                        T::KIND.as_str()
                    )),
                )]);
            }
            None => vec![Value::Object(o)],
        },
        other => {
            let what = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                _ => "not an array",
            };
            return Ok(vec![ReadItem::Finding(
                Diagnostic::new(
                    Code::MalformedJson,
                    format!("expected an array of records, found {what}"),
                    Location::file(file),
                )
                .with_help("a JSON dataset is one array of records: `[{...}, {...}]`"),
            )]);
        }
    };
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            convert::<T>(
                v,
                Location {
                    file: Some(file.into()),
                    record: Some(i as u64),
                    ..Location::default()
                },
                vocab,
            )
        })
        .collect())
}

/// How much of a JSON Lines file is sniffed for its encoding: as much as the CSV reader looks
/// at first, read in full whatever the reader hands out per call.
const SNIFF_SIZE: u64 = 64 << 10;

/// Streams JSON Lines.
pub(super) struct JsonLines<T, R> {
    /// A file that is not UTF-8 text is reported once and not read.
    unreadable: Option<Diagnostic>,
    done: bool,
    lines: std::io::Lines<std::io::Chain<Cursor<Vec<u8>>, R>>,
    file: String,
    line: u64,
    record: u64,
    vocab: Option<Arc<UserVocab>>,
    _t: PhantomData<T>,
}

impl<T: Record, R: BufRead> JsonLines<T, R> {
    pub(super) fn new(mut reader: R, file: String, vocab: Option<Arc<UserVocab>>) -> Self {
        // Sniff a head of a fixed size, not what one `fill_buf` returns: a pipe or a slow
        // reader may hand out a few bytes at a time, and the verdict must not depend on that.
        let mut head = Vec::new();
        let read = (&mut reader).take(SNIFF_SIZE).read_to_end(&mut head);
        let unreadable = match (read, sniff(&head)) {
            (Err(e), _) => Some(
                Diagnostic::new(
                    Code::InvalidEncoding,
                    format!("cannot read the file: {e}"),
                    Location::file(file.clone()),
                )
                .with_help("check that the file is readable"),
            ),
            (Ok(_), Sniff::Unreadable { message, help }) => Some(
                Diagnostic::new(Code::InvalidEncoding, message, Location::file(file.clone()))
                    .with_help(help),
            ),
            (Ok(_), Sniff::Utf8 { .. }) if head.is_empty() => Some(
                Diagnostic::new(
                    Code::EmptyFile,
                    "the file is empty",
                    Location::file(file.clone()),
                )
                .with_help("a JSON Lines dataset has one record object per line"),
            ),
            (Ok(_), Sniff::Utf8 { .. }) => None,
        };
        JsonLines {
            unreadable,
            done: false,
            lines: Cursor::new(head).chain(reader).lines(),
            file,
            line: 0,
            record: 0,
            vocab,
            _t: PhantomData,
        }
    }
}

impl<T: Record, R: BufRead> Iterator for JsonLines<T, R> {
    type Item = ReadItem<T>;

    fn next(&mut self) -> Option<ReadItem<T>> {
        if let Some(d) = self.unreadable.take() {
            // Nothing more is read from a file that is not text.
            self.done = true;
            return Some(ReadItem::Finding(d));
        }
        if self.done {
            return None;
        }
        loop {
            let line = self.lines.next()?;
            self.line += 1;
            let loc = Location {
                file: Some(self.file.as_str().into()),
                line: Some(self.line),
                record: Some(self.record),
                ..Location::default()
            };
            let text = match line {
                Ok(t) => t,
                Err(e) => {
                    return Some(ReadItem::Finding(
                        Diagnostic::new(
                            Code::InvalidEncoding,
                            format!("cannot read the line: {e}"),
                            loc,
                        )
                        .with_help("re-save the file as UTF-8"),
                    ));
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            self.record += 1;
            return Some(
                match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
                    Ok(v) => convert::<T>(v, loc, self.vocab.as_deref()),
                    Err(e) => ReadItem::Finding(
                        Diagnostic::new(Code::MalformedJson, format!("invalid JSON: {e}"), loc)
                            .with_help("JSON Lines has one complete JSON object per line"),
                    ),
                },
            );
        }
    }
}
