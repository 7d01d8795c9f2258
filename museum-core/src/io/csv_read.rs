//! Streaming CSV reading with positions, header aliases and findings for broken input.
//!
//! A file is read in three layers, shared by the sequential [`RecordReader`](super::RecordReader)
//! and the parallel validator:
//!
//! 1. [`open_csv`] sniffs the encoding and the delimiter, reads the header and maps its columns
//!    onto the kind's canonical columns ([`Layout`]);
//! 2. a [`Splitter`] cuts the rest of the file into [`Block`]s of about a mebibyte that end on
//!    a record boundary. It follows quotes exactly as the `csv` crate does, so a line break
//!    inside a quoted field never splits a record; on the way it finds stray quotes (M109), a
//!    quote that is never closed (M111) and records too large to hold (M112);
//! 3. [`parse_block`] parses one block into raw records with their real line numbers (the `csv`
//!    crate's own positions lag behind on CRLF files and fold blank lines into the next record)
//!    and reports blank lines (M108); [`Layout::row`] turns a raw record into a typed record.
//!
//! Blocks are independent, so they can be parsed on several threads; line numbers come from
//! counting line breaks, never from guessing.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::Read;
use std::marker::PhantomData;

use super::columns::{Column, find_column};
use super::encoding::{Sniff, looks_cp1251, sniff};
use super::record::{Record, Row};
use super::{DatasetKind, Located, ReadItem};
use crate::diagnostic::{Code, Diagnostic, Location};

/// The default maximum size of one field (1 MiB).
pub const DEFAULT_MAX_FIELD_SIZE: usize = 1 << 20;

/// The default size of the blocks a file is cut into (1 MiB).
pub const DEFAULT_BLOCK_SIZE: usize = 1 << 20;

/// The largest record the reader holds in memory, whatever the field limit: a quote that is
/// never closed would otherwise swallow the whole file.
const MIN_MAX_RECORD: usize = 64 << 20;

/// Options of the CSV reader.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// Field delimiter; sniffed from the header line (`,`, `;`, tab) when `None`.
    pub delimiter: Option<u8>,
    /// Fields larger than this many bytes are reported (M112) and read as empty.
    pub max_field_size: usize,
    /// At most this many records (data rows of a CSV file, records of a JSON file) per file;
    /// reading a file with more stops with an error naming the file and the line of the first
    /// record past the limit. `None`: no limit.
    pub max_records: Option<u64>,
    /// The text encoding; detected when `None` (see [`TextEncoding`](super::TextEncoding)).
    pub encoding: Option<super::TextEncoding>,
    /// Read only this sheet of a spreadsheet (`.xlsx`, `.xls`, `.ods`); every sheet when `None`.
    pub sheet: Option<String>,
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`); none when `None`.
    pub vocab: Option<std::sync::Arc<crate::model::vocab::UserVocab>>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: None,
            max_field_size: DEFAULT_MAX_FIELD_SIZE,
            max_records: None,
            encoding: None,
            sheet: None,
            vocab: None,
        }
    }
}

/// The error for a file with more records than [`CsvOptions::max_records`]: `line` is where
/// the first record past the limit starts.
pub(crate) fn too_many_records(file: &str, line: Option<u64>, max: u64) -> crate::Error {
    let at = line.map_or_else(String::new, |l| format!(":{l}"));
    crate::ErrorKind::Limit(format!(
        "`{file}`{at}: more than {max} record{} (rows) in the file, the configured maximum; nothing from this line on was read\n  hint: raise `max_records` under `[limits]` in `museum.toml` or pass `--max-records N` if the file is really that large",
        if max == 1 { "" } else { "s" }
    ))
    .into()
}

impl CsvOptions {
    /// The largest record the reader holds: 64 MiB, or four fields of the maximum size.
    pub(crate) fn max_record(&self) -> usize {
        MIN_MAX_RECORD.max(self.max_field_size.saturating_mul(4))
    }
}

/// One parsed record: the unescaped bytes of its fields back to back, and where each field
/// ends. Buffers are reused from record to record.
#[derive(Debug, Clone)]
pub(crate) struct RawRecord {
    data: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
}

impl Default for RawRecord {
    fn default() -> Self {
        RawRecord {
            data: vec![0; 4096],
            ends: vec![0; 64],
            len: 0,
        }
    }
}

impl RawRecord {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The byte range of field `i` within [`RawRecord::as_slice`].
    pub(crate) fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        if i >= self.len {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(start..self.ends[i])
    }

    /// Field `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&[u8]> {
        self.range(i).map(|r| &self.data[r])
    }

    /// The fields' bytes back to back.
    pub(crate) fn as_slice(&self) -> &[u8] {
        let end = if self.len == 0 {
            0
        } else {
            self.ends[self.len - 1]
        };
        &self.data[..end]
    }

    /// The fields in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len).filter_map(|i| self.get(i))
    }

    /// A record of the given fields (for tests).
    #[cfg(test)]
    pub(crate) fn from_fields(fields: &[&str]) -> Self {
        let mut r = RawRecord {
            data: Vec::new(),
            ends: Vec::new(),
            len: fields.len(),
        };
        for f in fields {
            r.data.extend_from_slice(f.as_bytes());
            r.ends.push(r.data.len());
        }
        r
    }
}

/// The fields of one parsed record: text slices of a block that is valid UTF-8 (the common
/// case, no copy), or raw bytes of a block that is not.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fields<'a> {
    /// Fields as text.
    Text(&'a [Cow<'a, str>]),
    /// Fields as bytes, some of which may not be UTF-8.
    Raw(&'a RawRecord),
}

impl Fields<'_> {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        match self {
            Fields::Text(t) => t.len(),
            Fields::Raw(r) => r.len(),
        }
    }

    /// Field `i` as bytes.
    pub(crate) fn bytes(&self, i: usize) -> Option<&[u8]> {
        match self {
            Fields::Text(t) => t.get(i).map(|f| f.as_bytes()),
            Fields::Raw(r) => r.get(i),
        }
    }

    fn all_blank(&self) -> bool {
        (0..self.len()).all(|i| {
            self.bytes(i)
                .is_none_or(|f| f.iter().all(u8::is_ascii_whitespace))
        })
    }
}

/// Sees each readable field of a row: input index, field name, text, the row's location.
pub(crate) type FieldVisitor<'a> = dyn FnMut(usize, &str, &str, &Location) + 'a;

/// How each input column is used.
#[derive(Debug, Clone)]
enum Slot {
    /// Canonical column index.
    Known(usize),
    /// Unknown column (or a second column mapping to a filled field), carried through under its
    /// original header.
    Extra(String),
}

/// What the header of a CSV file says: how its columns map onto the canonical columns of the
/// kind, and how the file is delimited.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The file, as given.
    pub(crate) file: String,
    /// The canonical columns of the kind.
    pub(crate) columns: &'static [Column],
    /// The field delimiter.
    pub(crate) delimiter: u8,
    slots: Vec<Slot>,
    /// Name of each input column in locations: the canonical name, or the header as written.
    names: Vec<String>,
    /// The header has no `id` column: ids are made from the file stem and the line.
    synth_ids: bool,
    id_prefix: String,
    max_field_size: usize,
    /// The project's own vocabulary.
    vocab: Option<std::sync::Arc<crate::model::vocab::UserVocab>>,
}

impl Layout {
    /// The number of header columns.
    pub(crate) fn width(&self) -> usize {
        self.slots.len()
    }

    /// The name of input column `i` in locations (`column_N` beyond the header).
    pub(crate) fn field_name(&self, i: usize) -> Cow<'_, str> {
        match self.names.get(i) {
            Some(n) => Cow::Borrowed(n.as_str()),
            None => Cow::Owned(format!("column_{}", i + 1)),
        }
    }

    fn loc(&self, line: u64) -> Location {
        Location {
            file: Some(self.file.clone()),
            line: Some(line),
            ..Location::default()
        }
    }

    /// Turns one raw record into a typed record, pushing the findings about its fields (encoding,
    /// size, ragged row, values) to `out`. A row without values gives `None` and a blank-row
    /// finding. `on_field` sees every readable field (input index, name, text) before the
    /// record is built;
    /// `lean` builds it with [`Record::from_row_lean`].
    pub(crate) fn row<T: Record>(
        &self,
        rec: Fields<'_>,
        line: u64,
        record: u64,
        out: &mut Vec<Diagnostic>,
        mut on_field: Option<&mut FieldVisitor<'_>>,
        lean: bool,
    ) -> Option<Located<T>> {
        let first = out.len();
        // Lean rows leave the file out of their location (one copy of the name per row saved);
        // the validator's sink fills it into the findings it keeps.
        let loc = Location {
            record: Some(record),
            file: if lean { None } else { Some(self.file.clone()) },
            line: Some(line),
            ..Location::default()
        };
        if rec.all_blank() {
            out.push(
                Diagnostic::new(Code::BlankRow, "the row has no values", loc)
                    .with_help("remove the blank row"),
            );
            return None;
        }
        let oversized = |i: usize, len: usize, out: &mut Vec<Diagnostic>| {
            out.push(
                Diagnostic::new(
                    Code::FieldTooLarge,
                    format!(
                        "the field is {}, larger than the maximum of {}; it was not read",
                        human_size(len),
                        human_size(self.max_field_size)
                    ),
                    loc.with_field(self.field_name(i)),
                )
                .with_help("a field this large is usually a quoting error; raise `max_field_size` in `museum.toml` if it is real"),
            );
        };
        let mut texts: Vec<Cow<'_, str>> = Vec::with_capacity(rec.len());
        // Fields whose bytes were not UTF-8 (repaired with U+FFFD and reported already).
        let mut unreadable: Vec<usize> = Vec::new();
        match rec {
            Fields::Text(fields) => {
                for (i, f) in fields.iter().enumerate() {
                    if f.len() > self.max_field_size {
                        oversized(i, f.len(), out);
                        texts.push(Cow::Borrowed(""));
                    } else {
                        texts.push(match f {
                            Cow::Borrowed(b) => Cow::Borrowed(b),
                            Cow::Owned(o) => Cow::Owned(o.clone()),
                        });
                    }
                }
            }
            Fields::Raw(rec) => {
                // One UTF-8 check for the whole record; a field is then sliced out of it (a
                // field cut inside a character falls back to its own check below).
                let whole = simdutf8::basic::from_utf8(rec.as_slice()).ok();
                for (i, raw) in rec.iter().enumerate() {
                    if raw.len() > self.max_field_size {
                        oversized(i, raw.len(), out);
                        texts.push(Cow::Borrowed(""));
                        continue;
                    }
                    if let Some(t) = whole.zip(rec.range(i)).and_then(|(w, r)| w.get(r)) {
                        texts.push(Cow::Borrowed(t));
                        continue;
                    }
                    match std::str::from_utf8(raw) {
                        Ok(s) => texts.push(Cow::Borrowed(s)),
                        Err(_) => {
                            let lossy = String::from_utf8_lossy(raw).into_owned();
                            let help = if looks_cp1251(raw) {
                                "the bytes look like Windows-1251; re-save the file as UTF-8 (e.g. `iconv -f CP1251 -t UTF-8`)"
                            } else {
                                "re-save the file as UTF-8; invalid bytes were replaced by U+FFFD"
                            };
                            out.push(
                                Diagnostic::new(
                                    Code::InvalidEncoding,
                                    "the value is not valid UTF-8",
                                    loc.with_field(self.field_name(i)),
                                )
                                .with_value(lossy.clone())
                                .with_help(help),
                            );
                            texts.push(Cow::Owned(lossy));
                            unreadable.push(i);
                        }
                    }
                }
            }
        }
        if texts.len() != self.slots.len() {
            out.push(
                Diagnostic::new(
                    Code::RaggedRow,
                    format!(
                        "the row has {} fields, the header has {}",
                        texts.len(),
                        self.slots.len()
                    ),
                    loc.clone(),
                )
                .with_help(if texts.len() > self.slots.len() {
                    "quote values that contain the delimiter; the surplus values are kept as `column_N`"
                } else {
                    "the missing trailing fields are read as empty"
                }),
            );
        }
        // The record's id, so that findings about single fields name it too (lean rows as well:
        // rules keep a record's location for findings made later, and those must name it the
        // same whether the records are kept or not).
        let id = if self.synth_ids {
            Some(format!("{}-{line}", self.id_prefix))
        } else {
            self.slots
                .iter()
                .position(|s| matches!(s, Slot::Known(0)))
                .and_then(|i| texts.get(i))
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        let loc = Location {
            record_id: id,
            ..loc
        };
        if let Some(f) = on_field.as_mut() {
            for (i, t) in texts.iter().enumerate() {
                // An oversized field is empty here; repaired text is reported already.
                if !t.is_empty() && !unreadable.contains(&i) {
                    f(i, &self.field_name(i), t, &loc);
                }
            }
        }
        let mut values: Vec<Option<&str>> = vec![None; self.columns.len()];
        let surplus: Vec<String> = (self.slots.len()..texts.len())
            .map(|i| format!("column_{}", i + 1))
            .collect();
        let mut extra: Vec<(&str, &str)> = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            match self.slots.get(i) {
                Some(Slot::Known(c)) => values[*c] = Some(t.as_ref()),
                Some(Slot::Extra(h)) => extra.push((h.as_str(), t.as_ref())),
                None => extra.push((surplus[i - self.slots.len()].as_str(), t.as_ref())),
            }
        }
        let synthetic_id = self.synth_ids.then(|| format!("{}-{line}", self.id_prefix));
        if let Some(id) = &synthetic_id {
            values[0] = Some(id.as_str());
        }
        let row = Row {
            values,
            extra,
            location: loc,
            columns: self.columns,
            vocab: self.vocab.as_deref(),
        };
        let record = if lean {
            T::from_row_lean(&row, out)
        } else {
            T::from_row(&row, out)
        };
        if out.len() > first {
            let id = row
                .location
                .record_id
                .clone()
                .or_else(|| Some(record.id().trim().to_owned()).filter(|i| !i.is_empty()));
            for d in &mut out[first..] {
                if d.location.record_id.is_none() {
                    d.location.record_id.clone_from(&id);
                }
            }
        }
        Some(Located {
            record,
            location: row.location,
        })
    }
}

/// `1.5 MiB`, `640 KiB`, `12 bytes`.
pub(crate) fn human_size(n: usize) -> String {
    #[allow(clippy::cast_precision_loss)]
    let f = n as f64;
    if n >= 1 << 20 {
        format!("{:.1} MiB", f / f64::from(1u32 << 20))
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", f / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

/// The result of reading the start of a file.
#[allow(clippy::large_enum_variant)] // one per file, moved once
pub(crate) enum Opened<R> {
    /// The header was read.
    Ready {
        /// How the columns map.
        layout: Layout,
        /// Findings about the header (unknown, duplicated, missing columns).
        findings: Vec<Diagnostic>,
        /// The rest of the file, in blocks.
        splitter: Splitter<R>,
    },
    /// The file cannot be read as CSV (empty, UTF-16, binary…); the findings say why.
    Stop(Vec<Diagnostic>),
}

/// Reads the start of a CSV file: encoding, delimiter, header.
///
/// # Errors
/// When reading fails.
pub(crate) fn open_csv<R: Read>(
    mut reader: R,
    file: &str,
    kind: DatasetKind,
    options: &CsvOptions,
    block_size: usize,
) -> std::io::Result<Opened<R>> {
    let mut head = Vec::new();
    let mut want = 64 << 10;
    loop {
        let need = want - head.len();
        let n = (&mut reader).take(need as u64).read_to_end(&mut head)?;
        let eof = n < need;
        match read_head(&head, eof, file, kind, options) {
            Head::NeedMore if !eof && head.len() < options.max_record() => want *= 2,
            Head::NeedMore => {
                let d = Diagnostic::new(
                    Code::FieldTooLarge,
                    format!(
                        "the header is longer than {}; the file was not read",
                        human_size(head.len())
                    ),
                    Location {
                        file: Some(file.to_owned()),
                        line: Some(1),
                        ..Location::default()
                    },
                )
                .with_help("is the file really CSV? lines must end with a line break");
                return Ok(Opened::Stop(vec![d]));
            }
            Head::Stop(f) => return Ok(Opened::Stop(f)),
            Head::Ready {
                layout,
                findings,
                body,
                body_line,
            } => {
                let splitter = Splitter {
                    reader,
                    delimiter: layout.delimiter,
                    block_size,
                    max_record: options.max_record(),
                    buf: head[body..].to_vec(),
                    next_line: body_line,
                    eof,
                    done: false,
                    index: 0,
                    file: file.to_owned(),
                };
                return Ok(Opened::Ready {
                    layout,
                    findings,
                    splitter,
                });
            }
        }
    }
}

enum Head {
    Ready {
        layout: Layout,
        findings: Vec<Diagnostic>,
        /// Byte offset of the first data record.
        body: usize,
        /// Line of the first data record.
        body_line: u64,
    },
    Stop(Vec<Diagnostic>),
    NeedMore,
}

fn read_head(
    head: &[u8],
    at_eof: bool,
    file: &str,
    kind: DatasetKind,
    options: &CsvOptions,
) -> Head {
    let file_loc = || Location::file(file.to_owned());
    if head.is_empty() {
        return Head::Stop(vec![
            Diagnostic::new(Code::EmptyFile, "the file is empty", file_loc())
                .with_help("a dataset needs at least a header line"),
        ]);
    }
    let bom = match sniff(head) {
        Sniff::Utf8 { bom } => bom,
        Sniff::Unreadable { message, help } => {
            return Head::Stop(vec![
                Diagnostic::new(Code::InvalidEncoding, message, file_loc()).with_help(help),
            ]);
        }
    };
    let mut start = bom;
    while start < head.len() && head[start].is_ascii_whitespace() {
        start += 1;
    }
    if start == head.len() {
        if !at_eof {
            return Head::NeedMore;
        }
        return Head::Stop(vec![
            Diagnostic::new(
                Code::EmptyFile,
                "the file has no header, only blank lines",
                file_loc(),
            )
            .with_help("a dataset needs at least a header line"),
        ]);
    }
    let blank_before = count_newlines(&head[..start]);
    // Back up to the start of the header's line (leading spaces belong to the first cell).
    while start > bom && !matches!(head[start - 1], b'\n' | b'\r') {
        start -= 1;
    }
    let first_line_end = memchr::memchr(b'\n', &head[start..]).map_or(head.len(), |i| start + i);
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(&head[start..first_line_end]));
    let scan = scan(&head[start..], delimiter, at_eof, true);
    let body = match scan.boundary {
        Some(b) => start + b,
        None if at_eof => head.len(),
        None => return Head::NeedMore,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&head[start..body]);
    let mut header = csv::ByteRecord::new();
    if !matches!(rdr.read_byte_record(&mut header), Ok(true)) {
        return Head::Stop(vec![Diagnostic::new(
            Code::EmptyFile,
            "the file has no header",
            file_loc(),
        )]);
    }
    let header_line = 1 + blank_before;
    let loc = |field: &str| Location {
        file: Some(file.to_owned()),
        line: Some(header_line),
        field: Some(field.to_owned()),
        ..Location::default()
    };
    let mut findings = Vec::new();
    if blank_before > 0 {
        findings.push(
            Diagnostic::new(
                Code::BlankRow,
                lines_phrase(blank_before, "blank line", "before the header"),
                Location {
                    file: Some(file.to_owned()),
                    line: Some(1),
                    ..Location::default()
                },
            )
            .with_help("remove the blank lines"),
        );
    }
    let columns = kind.columns();
    let mut seen = vec![false; columns.len()];
    let mut slots = Vec::with_capacity(header.len());
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let h = String::from_utf8_lossy(raw).trim().to_owned();
        let h = if h.is_empty() {
            format!("column_{}", i + 1)
        } else {
            h
        };
        match find_column(columns, &h) {
            Some(c) if !seen[c] => {
                seen[c] = true;
                slots.push(Slot::Known(c));
                names.push(columns[c].name.to_owned());
            }
            Some(c) => {
                findings.push(
                    Diagnostic::new(
                        Code::DuplicateColumn,
                        format!(
                            "column `{h}` maps to `{}`, which an earlier column already fills",
                            columns[c].name
                        ),
                        loc(&h),
                    )
                    .with_help("rename or remove one of the two columns; the second is carried through unchanged"),
                );
                slots.push(Slot::Extra(h.clone()));
                names.push(h);
            }
            None => {
                let message = if raw.iter().all(u8::is_ascii_whitespace) {
                    format!("column {} has no header; carried through as `{h}`", i + 1)
                } else {
                    format!(
                        "column `{h}` is not part of the {kind} model; carried through unchanged"
                    )
                };
                findings.push(Diagnostic::new(Code::UnknownColumn, message, loc(&h)));
                slots.push(Slot::Extra(h.clone()));
                names.push(h);
            }
        }
    }
    let synth_ids = !seen[0];
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("row")
        .to_owned();
    if synth_ids {
        findings.push(
            Diagnostic::new(
                Code::MissingIdColumn,
                format!("no `id` column; records are identified by file and line (`{stem}-2`, `{stem}-3`…)"),
                loc(columns[0].name),
            )
            .with_help("add an `id` column (or `№`, `record_id`) to give records stable ids"),
        );
    }
    for (c, col) in columns.iter().enumerate() {
        if col.required && !seen[c] {
            let mut help = format!("add a `{}` column", col.name);
            if !col.aliases.is_empty() {
                let aliases: Vec<String> = col
                    .aliases
                    .iter()
                    .take(4)
                    .map(|a| format!("`{a}`"))
                    .collect();
                help.push_str(&format!(" (also accepted: {})", aliases.join(", ")));
            }
            findings.push(
                Diagnostic::new(
                    Code::MissingColumn,
                    format!("required column `{}` is missing", col.name),
                    loc(col.name),
                )
                .with_help(help),
            );
        }
    }
    let layout = Layout {
        file: file.to_owned(),
        columns,
        delimiter,
        slots,
        names,
        synth_ids,
        id_prefix: stem,
        max_field_size: options.max_field_size,
        vocab: options.vocab.clone(),
    };
    Head::Ready {
        layout,
        findings,
        body,
        body_line: header_line + count_newlines(&head[start..body]),
    }
}

/// `1 blank line before the header`, `3 blank lines`.
fn lines_phrase(n: u64, what: &str, tail: &str) -> String {
    let s = if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    };
    if tail.is_empty() {
        s
    } else {
        format!("{s} {tail}")
    }
}

/// The number of line feeds in `bytes`.
pub(crate) fn count_newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// A piece of a CSV body that starts and ends on record boundaries.
#[derive(Debug)]
pub(crate) struct Block {
    /// 0-based position of the block in the file.
    pub(crate) index: usize,
    /// The bytes.
    pub(crate) bytes: Vec<u8>,
    /// The line the block starts on.
    pub(crate) first_line: u64,
    /// In the last block: the offset of a quote that is never closed.
    pub(crate) open_quote: Option<usize>,
}

/// Cuts a CSV body into [`Block`]s on record boundaries.
pub(crate) struct Splitter<R> {
    reader: R,
    delimiter: u8,
    block_size: usize,
    max_record: usize,
    /// Bytes read but not yet handed out (they start on a record boundary).
    buf: Vec<u8>,
    /// The line `buf` starts on.
    next_line: u64,
    eof: bool,
    done: bool,
    index: usize,
    file: String,
}

impl<R: Read> Splitter<R> {
    /// Sets the size of the blocks cut from now on (validation cuts smaller blocks where the
    /// findings are dense, to bound what the blocks in flight hold).
    pub(crate) fn set_block_size(&mut self, block_size: usize) {
        self.block_size = block_size;
    }

    /// The next block; structural findings (stray quotes, records too large) go to `out`.
    ///
    /// # Errors
    /// When reading fails.
    pub(crate) fn next_block(
        &mut self,
        out: &mut Vec<Diagnostic>,
    ) -> std::io::Result<Option<Block>> {
        if self.done {
            return Ok(None);
        }
        let mut want = self.block_size.max(1);
        loop {
            if !self.eof && self.buf.len() < want {
                let need = want - self.buf.len();
                let n = (&mut self.reader)
                    .take(need as u64)
                    .read_to_end(&mut self.buf)?;
                if n < need {
                    self.eof = true;
                }
            }
            if self.buf.is_empty() {
                self.done = true;
                return Ok(None);
            }
            let limit = self.buf.len().min(want);
            let whole = self.eof && limit == self.buf.len();
            let s = scan(&self.buf[..limit], self.delimiter, whole, false);
            let end = if whole {
                self.buf.len()
            } else if let Some(b) = s.boundary {
                b
            } else if limit >= self.max_record {
                self.report_oversized(s.open_quote, out);
                self.done = true;
                return Ok(None);
            } else {
                want = (self.buf.len() * 2).max(want);
                continue;
            };
            // Never cut inside a run of blank lines: the block that holds the run reports it as
            // one finding (M108), so a cut would make the report depend on the block size. The
            // run goes into this block; when it reaches the end of what was read, read on (up to
            // the record limit).
            let end = if whole {
                end
            } else {
                let rest = &self.buf[end..];
                let run = rest
                    .iter()
                    .take_while(|&&b| matches!(b, b'\r' | b'\n'))
                    .count();
                if run == rest.len() && !self.eof && self.buf.len() < self.max_record {
                    want = (self.buf.len() * 2).max(want);
                    continue;
                }
                end + rest[..run]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1)
            };
            // One finding per line, however many stray quotes it has.
            let mut last_line = 0;
            for &p in s.stray.iter().filter(|&&p| p < end) {
                let line = self.next_line + count_newlines(&self.buf[..p]);
                if line == last_line {
                    continue;
                }
                last_line = line;
                out.push(
                    Diagnostic::new(
                        Code::MalformedCsv,
                        "stray quote: a `\"` inside an unquoted field or right after a closing quote",
                        Location {
                            file: Some(self.file.clone()),
                            line: Some(line),
                            ..Location::default()
                        },
                    )
                    .with_help("put quotes around the whole field and write a quote inside it twice (`\"\"`); the `\"` was read as a literal character"),
                );
            }
            let mut bytes = std::mem::take(&mut self.buf);
            if end < bytes.len() {
                self.buf = bytes[end..].to_vec();
                bytes.truncate(end);
            }
            let first_line = self.next_line;
            self.next_line += count_newlines(&bytes);
            let is_last = whole;
            let block = Block {
                index: self.index,
                bytes,
                first_line,
                open_quote: if is_last { s.open_quote } else { None },
            };
            self.index += 1;
            self.done = is_last;
            return Ok(Some(block));
        }
    }

    fn report_oversized(&self, open_quote: Option<usize>, out: &mut Vec<Diagnostic>) {
        let size = human_size(self.buf.len());
        let d = match open_quote {
            Some(q) => Diagnostic::new(
                Code::UnterminatedQuote,
                format!(
                    "a quote opened on line {} is still open after {size}; the quote is probably never closed, and the rest of the file was not read",
                    self.next_line + count_newlines(&self.buf[..q])
                ),
                Location {
                    file: Some(self.file.clone()),
                    line: Some(self.next_line),
                    ..Location::default()
                },
            )
            .with_help("close the quote, or write a literal quote inside a quoted field twice (`\"\"`)"),
            None => Diagnostic::new(
                Code::FieldTooLarge,
                format!("the record is longer than {size}; the rest of the file was not read"),
                Location {
                    file: Some(self.file.clone()),
                    line: Some(self.next_line),
                    ..Location::default()
                },
            )
            .with_help("is the file really CSV? records must end with a line break"),
        };
        out.push(d);
    }
}

/// Where a buffer's records end, following quotes as the `csv` crate does.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The offset just after the last (or, with `first_only`, the first) line feed that ends a
    /// record.
    pub(crate) boundary: Option<usize>,
    /// The offset of the opening quote when the buffer ends inside a quoted field.
    pub(crate) open_quote: Option<usize>,
    /// Offsets of quotes the `csv` crate reads as literal characters: inside an unquoted field,
    /// or right after a closing quote.
    pub(crate) stray: Vec<usize>,
}

/// Scans `buf` (which starts on a record boundary) for record boundaries.
///
/// A quote opens a quoted field only at the start of a field; inside one, `""` is a literal
/// quote and a single `"` closes it. Line feeds outside quoted fields end records.
pub(crate) fn scan(buf: &[u8], delimiter: u8, at_eof: bool, first_only: bool) -> Scan {
    let is_sep = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut out = Scan::default();
    let mut seg_start = 0usize;
    let mut inside: Option<usize> = None;
    let mut pos = 0usize;
    // The record boundary within the outside segment `[from, to)`.
    let boundary_in = |from: usize, to: usize, out: &mut Scan| -> bool {
        let seg = &buf[from..to];
        let found = if first_only {
            memchr::memchr(b'\n', seg)
        } else {
            memchr::memrchr(b'\n', seg)
        };
        if let Some(i) = found {
            out.boundary = Some(from + i + 1);
            return first_only;
        }
        false
    };
    while let Some(off) = memchr::memchr(b'"', &buf[pos..]) {
        let p = pos + off;
        if inside.is_none() {
            if p == 0 || is_sep(buf[p - 1]) {
                if boundary_in(seg_start, p, &mut out) {
                    return out;
                }
                inside = Some(p);
            } else {
                out.stray.push(p);
            }
            pos = p + 1;
        } else if p + 1 >= buf.len() {
            if !at_eof {
                // `"` at the end of the buffer: a closing quote or half of `""`; decide later.
                out.open_quote = inside;
                return out;
            }
            inside = None;
            seg_start = p + 1;
            pos = p + 1;
        } else if buf[p + 1] == b'"' {
            pos = p + 2;
        } else {
            if !is_sep(buf[p + 1]) {
                out.stray.push(p);
            }
            inside = None;
            seg_start = p + 1;
            pos = p + 1;
        }
    }
    match inside {
        None => {
            boundary_in(seg_start, buf.len(), &mut out);
        }
        Some(q) => out.open_quote = Some(q),
    }
    out
}

/// Line bookkeeping while a block is parsed: real line numbers from the record start offsets,
/// and blank lines between records.
struct Lines<'b> {
    bytes: &'b [u8],
    first_line: u64,
    cursor: usize,
    cursor_line: u64,
    /// The previous record's line and the line feeds it spans (inside quoted fields, plus its
    /// terminator).
    prev: Option<(u64, u64)>,
}

impl<'b> Lines<'b> {
    fn new(block: &'b Block) -> Self {
        Lines {
            bytes: &block.bytes,
            first_line: block.first_line,
            cursor: 0,
            cursor_line: block.first_line,
            prev: None,
        }
    }

    /// The line of the record whose bytes start at `start` (terminators of the previous record
    /// and blank lines are skipped) and span `inner` line feeds; reports blank lines before it.
    fn record(
        &mut self,
        mut start: usize,
        inner: u64,
        layout: &Layout,
        out: &mut Vec<Diagnostic>,
    ) -> u64 {
        let bytes = self.bytes;
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let line = self.cursor_line + count_newlines(&bytes[self.cursor.min(start)..start]);
        self.cursor = start;
        self.cursor_line = line;
        let expected = self.prev.map_or(self.first_line, |(l, span)| l + span);
        if line > expected {
            blank_lines(layout, expected, line - expected, out);
        }
        self.prev = Some((line, inner + 1));
        line
    }

    /// Reports blank lines after the last record.
    fn finish(&self, layout: &Layout, out: &mut Vec<Diagnostic>) {
        let bytes = self.bytes;
        let end_line = self.cursor_line + count_newlines(&bytes[self.cursor.min(bytes.len())..]);
        let expected = self.prev.map_or(self.first_line, |(l, span)| l + span);
        // The last line of a file may lack its line feed; that is not a blank line.
        if end_line > expected {
            blank_lines(layout, expected, end_line - expected, out);
        }
    }
}

fn blank_lines(layout: &Layout, from_line: u64, n: u64, out: &mut Vec<Diagnostic>) {
    out.push(
        Diagnostic::new(
            Code::BlankRow,
            lines_phrase(n, "blank line", ""),
            layout.loc(from_line),
        )
        .with_help("remove the blank lines"),
    );
}

/// Parses one block: calls `on_record(fields, line)` for each record in order, and reports blank
/// lines (M108) and, in the last block, a quote that is never closed (M111).
///
/// A block that is valid UTF-8 (almost always) is split into text fields in place, with
/// `memchr`; quoting follows the `csv` crate exactly (a quote opens a quoted field only at the
/// start of a field; `""` inside is a quote; text after a closing quote is read on, unquoted;
/// `\r`, `\n` and `\r\n` end records; empty lines are skipped). A block with invalid UTF-8
/// goes through `csv_core` as bytes, so each bad value can be reported.
///
/// Returns the number of records.
pub(crate) fn parse_block(
    layout: &Layout,
    block: &Block,
    out: &mut Vec<Diagnostic>,
    mut on_record: impl FnMut(Fields<'_>, u64, &mut Vec<Diagnostic>),
) -> u64 {
    let (count, last_fields, last_line) = match simdutf8::basic::from_utf8(&block.bytes) {
        Ok(text) => parse_text(layout, block, text, out, &mut on_record),
        Err(_) => parse_bytes(layout, block, out, &mut on_record),
    };
    if let (Some(q), Some(line)) = (block.open_quote, last_line) {
        let bytes = &block.bytes;
        let q_line = block.first_line + count_newlines(&bytes[..q]);
        let swallowed = count_newlines(&bytes[q..]) + u64::from(!bytes.ends_with(b"\n"));
        let field = layout.field_name(last_fields.saturating_sub(1));
        out.push(
            Diagnostic::new(
                Code::UnterminatedQuote,
                format!(
                    "the quote opened on line {q_line} is never closed: `{field}` runs to the end of the file ({})",
                    lines_phrase(swallowed, "line", "")
                ),
                Location {
                    field: Some(field.into_owned()),
                    ..layout.loc(line)
                },
            )
            .with_help("close the quote, or write a literal quote inside a quoted field twice (`\"\"`)"),
        );
    }
    count
}

/// [`parse_block`] for a block that is valid UTF-8: (records, fields of the last, its line).
fn parse_text<'t>(
    layout: &Layout,
    block: &Block,
    text: &'t str,
    out: &mut Vec<Diagnostic>,
    on_record: &mut impl FnMut(Fields<'_>, u64, &mut Vec<Diagnostic>),
) -> (u64, usize, Option<u64>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let delim = layout.delimiter;
    // The end of an unquoted stretch starting at `from`: the next delimiter or line break.
    let stretch_end =
        |from: usize| memchr::memchr3(delim, b'\n', b'\r', &bytes[from..]).map_or(n, |i| from + i);
    let mut lines = Lines::new(block);
    let mut fields: Vec<Cow<'t, str>> = Vec::with_capacity(layout.width() + 1);
    let (mut count, mut last_fields, mut last_line) = (0u64, 0usize, None);
    let mut pos = 0usize;
    loop {
        let record_start = pos;
        while pos < n && matches!(bytes[pos], b'\r' | b'\n') {
            pos += 1;
        }
        if pos >= n {
            break;
        }
        fields.clear();
        loop {
            let field: Cow<'t, str>;
            if bytes.get(pos) == Some(&b'"') {
                // A quoted field: up to the closing quote, `""` read as one quote.
                let mut owned: Option<String> = None;
                let mut seg = pos + 1;
                let mut p = pos + 1;
                let content_end = loop {
                    match memchr::memchr(b'"', &bytes[p..]) {
                        None => break n, // never closed: the rest of the block
                        Some(i) => {
                            let q = p + i;
                            if bytes.get(q + 1) == Some(&b'"') {
                                owned
                                    .get_or_insert_with(String::new)
                                    .push_str(&text[seg..=q]);
                                p = q + 2;
                                seg = p;
                            } else {
                                break q;
                            }
                        }
                    }
                };
                let mut f = match owned {
                    None => Cow::Borrowed(&text[seg..content_end]),
                    Some(mut o) => {
                        o.push_str(&text[seg..content_end]);
                        Cow::Owned(o)
                    }
                };
                pos = (content_end + 1).min(n);
                if pos < n && !matches!(bytes[pos], b'\n' | b'\r') && bytes[pos] != delim {
                    // Text after the closing quote belongs to the field, read unquoted.
                    let e = stretch_end(pos);
                    f.to_mut().push_str(&text[pos..e]);
                    pos = e;
                }
                field = f;
            } else {
                let e = stretch_end(pos);
                field = Cow::Borrowed(&text[pos..e]);
                pos = e;
            }
            fields.push(field);
            if pos < n && bytes[pos] == delim {
                pos += 1;
                if pos == n {
                    fields.push(Cow::Borrowed(""));
                    break;
                }
                continue;
            }
            break;
        }
        // Line feeds inside the record itself (quoted fields); blank lines before it are
        // counted by `Lines`.
        let mut first = record_start;
        while first < pos && matches!(bytes[first], b'\r' | b'\n') {
            first += 1;
        }
        let inner = if memchr::memchr(b'\n', &bytes[first..pos]).is_some() {
            count_newlines(&bytes[first..pos])
        } else {
            0
        };
        let start = record_start;
        let line = lines.record(start, inner, layout, out);
        last_fields = fields.len();
        last_line = Some(line);
        on_record(Fields::Text(&fields), line, out);
        count += 1;
    }
    lines.finish(layout, out);
    (count, last_fields, last_line)
}

/// [`parse_block`] for a block with bytes that are not UTF-8, through `csv_core`.
fn parse_bytes(
    layout: &Layout,
    block: &Block,
    out: &mut Vec<Diagnostic>,
    on_record: &mut impl FnMut(Fields<'_>, u64, &mut Vec<Diagnostic>),
) -> (u64, usize, Option<u64>) {
    use csv_core::ReadRecordResult;
    let bytes = &block.bytes[..];
    let mut rdr = csv_core::ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .build();
    let mut rec = RawRecord::default();
    let mut pos = 0usize;
    let mut record_start = 0usize;
    let (mut outlen, mut endlen) = (0usize, 0usize);
    // csv_core drops a byte-order mark at the very start of its input; a block may start with
    // U+FEFF in a value, which must reach the text rules: feed its first byte alone.
    let mut limit = if bytes.starts_with(b"\xEF\xBB\xBF") {
        1
    } else {
        usize::MAX
    };
    let mut lines = Lines::new(block);
    let (mut count, mut last_fields, mut last_line) = (0u64, 0usize, None);
    loop {
        let end = pos.saturating_add(limit).min(bytes.len());
        limit = usize::MAX;
        let (res, nin, nout, nend) = rdr.read_record(
            &bytes[pos..end],
            &mut rec.data[outlen..],
            &mut rec.ends[endlen..],
        );
        pos += nin;
        outlen += nout;
        endlen += nend;
        match res {
            // An empty input tells csv_core the block has ended.
            ReadRecordResult::InputEmpty => continue,
            ReadRecordResult::OutputFull => {
                let n = rec.data.len() * 2;
                rec.data.resize(n, 0);
                continue;
            }
            ReadRecordResult::OutputEndsFull => {
                let n = rec.ends.len() * 2;
                rec.ends.resize(n, 0);
                continue;
            }
            ReadRecordResult::End => break,
            ReadRecordResult::Record => {}
        }
        rec.len = endlen;
        let start = record_start;
        record_start = pos;
        (outlen, endlen) = (0, 0);
        let inner = if memchr::memchr(b'\n', rec.as_slice()).is_some() {
            count_newlines(rec.as_slice())
        } else {
            0
        };
        let line = lines.record(start, inner, layout, out);
        last_fields = rec.len();
        last_line = Some(line);
        on_record(Fields::Raw(&rec), line, out);
        count += 1;
    }
    lines.finish(layout, out);
    (count, last_fields, last_line)
}

/// Streams typed records of a CSV file (the sequential reader behind
/// [`RecordReader`](super::RecordReader)).
pub(super) struct CsvRecords<T, R: Read> {
    state: State<R>,
    file: String,
    kind: DatasetKind,
    options: CsvOptions,
    queue: VecDeque<ReadItem<T>>,
    record_index: u64,
    _t: PhantomData<T>,
}

enum State<R> {
    Start(R),
    Body(Box<Layout>, Splitter<R>),
    Done,
}

impl<T: Record, R: Read> CsvRecords<T, R> {
    pub(super) fn new(reader: R, file: String, options: &CsvOptions) -> Self {
        CsvRecords {
            state: State::Start(reader),
            file,
            kind: T::KIND,
            options: options.clone(),
            queue: VecDeque::new(),
            record_index: 0,
            _t: PhantomData,
        }
    }

    fn findings(&mut self, f: Vec<Diagnostic>) {
        self.queue.extend(f.into_iter().map(ReadItem::Finding));
    }

    fn cannot_read(&mut self, e: &std::io::Error) {
        let d = Diagnostic::new(
            Code::MalformedCsv,
            format!("cannot read: {e}"),
            Location::file(self.file.clone()),
        );
        self.queue.push_back(ReadItem::Finding(d));
    }
}

impl<T: Record, R: Read> Iterator for CsvRecords<T, R> {
    type Item = ReadItem<T>;

    fn next(&mut self) -> Option<ReadItem<T>> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Start(reader) => {
                    match open_csv(
                        reader,
                        &self.file,
                        self.kind,
                        &self.options,
                        DEFAULT_BLOCK_SIZE,
                    ) {
                        Ok(Opened::Ready {
                            layout,
                            findings,
                            splitter,
                        }) => {
                            self.findings(findings);
                            self.state = State::Body(Box::new(layout), splitter);
                        }
                        Ok(Opened::Stop(findings)) => self.findings(findings),
                        Err(e) => self.cannot_read(&e),
                    }
                }
                State::Body(layout, mut splitter) => {
                    let mut found = Vec::new();
                    match splitter.next_block(&mut found) {
                        Ok(Some(block)) => {
                            let mut items = Vec::new();
                            let record_index = &mut self.record_index;
                            parse_block(&layout, &block, &mut found, |rec, line, out| {
                                let mut diags = Vec::new();
                                let r = layout.row::<T>(
                                    rec,
                                    line,
                                    *record_index,
                                    &mut diags,
                                    None,
                                    false,
                                );
                                *record_index += 1;
                                match r {
                                    Some(r) => items.push(ReadItem::Record(r, diags)),
                                    None => out.extend(diags),
                                }
                            });
                            self.findings(found);
                            self.queue.extend(items);
                            self.state = State::Body(layout, splitter);
                        }
                        Ok(None) => {
                            self.findings(found);
                            if self.record_index == 0 {
                                self.queue
                                    .push_back(ReadItem::Finding(header_only(&self.file)));
                            }
                        }
                        Err(e) => {
                            self.findings(found);
                            self.cannot_read(&e);
                        }
                    }
                }
                State::Done => return None,
            }
        }
    }
}

/// The finding for a file with a header and no records.
pub(crate) fn header_only(file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::HeaderOnly,
        "the file has a header but no records",
        Location::file(file.to_owned()),
    )
}

/// Picks the delimiter that occurs most in the header line (outside quotes): `,`, `;` or tab.
/// Also used by dedup's fast loader, so both readers agree on a file.
pub(crate) fn sniff_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let cands = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    if counts[best] == 0 { b',' } else { cands[best] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Victim;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
    }

    #[test]
    fn scan_follows_quotes() {
        let s = scan(b"a,b\n\"x\ny\",z\nc,d", b',', false, false);
        assert_eq!(s.boundary, Some(12));
        assert_eq!(s.open_quote, None);
        let s = scan(b"a,b\n\"x\ny", b',', false, false);
        assert_eq!((s.boundary, s.open_quote), (Some(4), Some(4)));
        let s = scan(b"a,b\"c\n\"x\"y,z\n", b',', true, false);
        assert_eq!(s.stray, vec![3, 8]);
        assert_eq!(s.boundary, Some(13));
        let s = scan(b"\"a\"\"b\",c\nd", b',', false, true);
        assert_eq!(s.boundary, Some(9));
        // A quote at the very end of a buffer may be half of `""`: decided with more bytes.
        let s = scan(b"a\n\"b\"", b',', false, false);
        assert_eq!((s.boundary, s.open_quote), (Some(2), Some(2)));
    }

    fn read(text: &[u8], block_size: usize) -> (Vec<(u64, String)>, Vec<String>) {
        let opened = open_csv(
            text,
            "t.csv",
            DatasetKind::Victims,
            &CsvOptions::default(),
            block_size,
        )
        .unwrap();
        let Opened::Ready {
            layout,
            mut findings,
            mut splitter,
        } = opened
        else {
            panic!("not ready")
        };
        let mut rows = Vec::new();
        while let Some(block) = splitter.next_block(&mut findings).unwrap() {
            parse_block(&layout, &block, &mut findings, |rec, line, _| {
                rows.push((
                    line,
                    String::from_utf8_lossy(rec.bytes(0).unwrap()).into_owned(),
                ));
            });
        }
        let f = findings
            .iter()
            .map(|d| format!("{}:{} {}", d.location.line.unwrap_or(0), d.code, d.message))
            .collect();
        (rows, f)
    }

    /// The text parser reads every input exactly as `csv_core` does.
    #[test]
    fn text_parser_agrees_with_csv_core() {
        let layout = match open_csv(
            &b"id,surname,notes\n"[..],
            "t.csv",
            DatasetKind::Victims,
            &CsvOptions::default(),
            64,
        )
        .unwrap()
        {
            Opened::Ready { layout, .. } => layout,
            Opened::Stop(_) => panic!(),
        };
        let inputs: &[&str] = &[
            "a,b,c\n",
            "a,b,c",
            "a,b,\n",
            "a,b,",
            ",\n,,\n",
            "\n\n\na\n\n\nb\n\n",
            "a\r\nb\r\n\r\nc",
            "a\rb\rc\r",
            "\"x\",\"\",\"y\"\"z\"\n",
            "\"multi\nline\",x\n\"q\r\nq\"\r\n",
            "\"closed\"then,text\n",
            "\"a\"  ,b\n",
            "ab\"c,d\"e\n",
            "\"never closed,x\nmore\nlines",
            "\"\"\"\"\n",
            "\"\"\n\"\n",
            "x,\"\"\"\",y",
            "\u{feff}v1,a\n",
            "Жумабаев,\"Мағжан, ақын\",1893\n",
            "\"",
            "a,\"b\"\"",
            "   \n\t\n",
        ];
        // And thousands of random inputs over the characters that matter.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut random: Vec<String> = Vec::new();
        for _ in 0..5000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = seed % 24;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push(['a', ',', '"', '\n', '\r', ' ', 'Ж', '"', ','][(seed % 9) as usize]);
            }
            random.push(t);
        }
        for input in inputs
            .iter()
            .copied()
            .chain(random.iter().map(String::as_str))
        {
            let block = Block {
                index: 0,
                bytes: input.as_bytes().to_vec(),
                first_line: 2,
                open_quote: None,
            };
            let run = |text: bool| {
                let mut records = Vec::new();
                let mut out = Vec::new();
                let mut on = |f: Fields<'_>, line: u64, _: &mut Vec<Diagnostic>| {
                    let fields: Vec<String> = (0..f.len())
                        .map(|i| String::from_utf8_lossy(f.bytes(i).unwrap()).into_owned())
                        .collect();
                    records.push((line, fields));
                };
                let r = if text {
                    parse_text(&layout, &block, input, &mut out, &mut on)
                } else {
                    parse_bytes(&layout, &block, &mut out, &mut on)
                };
                let found: Vec<String> = out.iter().map(ToString::to_string).collect();
                (r, records, found)
            };
            assert_eq!(run(true), run(false), "{input:?}");
        }
    }

    #[test]
    fn lines_blank_lines_and_crlf() {
        let text = b"id,notes\r\nv1,a\r\n\r\n\r\nv2,\"x\r\ny\"\r\nv3,b\r\n\r\n";
        for bs in [1, 3, 7, 1 << 20] {
            let (rows, f) = read(text, bs);
            assert_eq!(
                rows,
                vec![(2, "v1".into()), (5, "v2".into()), (7, "v3".into())],
                "block size {bs}"
            );
            assert_eq!(
                f,
                vec!["3:M108 2 blank lines", "8:M108 1 blank line"],
                "block size {bs}"
            );
        }
    }

    #[test]
    fn unterminated_quote_at_eof() {
        let text = b"id,notes\nv1,a\nv2,\"never closed\nv3,b\nv4,c\n";
        for bs in [1, 5, 1 << 20] {
            let (rows, f) = read(text, bs);
            assert_eq!(rows.len(), 2, "block size {bs}");
            assert_eq!(
                f,
                vec![
                    "3:M111 the quote opened on line 3 is never closed: `notes` runs to the end of the file (3 lines)"
                ],
                "block size {bs}"
            );
        }
    }

    #[test]
    fn header_after_bom_and_blank_lines() {
        let (rows, f) = read(b"\xEF\xBB\xBF\n\"id\";\"surname\"\nv1;A\n", 1 << 20);
        assert_eq!(rows, vec![(3, "v1".into())]);
        assert_eq!(f, vec!["1:M108 1 blank line before the header"]);
    }

    #[test]
    fn oversized_field_is_a_finding() {
        let layout = match open_csv(
            &b"id,notes\n"[..],
            "t.csv",
            DatasetKind::Victims,
            &CsvOptions {
                max_field_size: 4,
                max_records: None,
                ..CsvOptions::default()
            },
            64,
        )
        .unwrap()
        {
            Opened::Ready { layout, .. } => layout,
            Opened::Stop(_) => panic!(),
        };
        let rec = RawRecord::from_fields(&["v1", "0123456789"]);
        let rec = Fields::Raw(&rec);
        let mut out = Vec::new();
        let v = layout
            .row::<Victim>(rec, 2, 0, &mut out, None, false)
            .unwrap();
        assert_eq!(v.record.notes, None);
        assert_eq!(out[0].code, Code::FieldTooLarge);
        assert_eq!(out[0].location.field.as_deref(), Some("notes"));
    }
}
