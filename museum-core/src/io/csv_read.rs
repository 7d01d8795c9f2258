//! Streaming CSV reading with positions, header aliases and findings for broken input.

use std::io::{BufRead, BufReader, Read};
use std::marker::PhantomData;

use super::columns::find_column;
use super::record::{Record, Row};
use super::{Located, ReadItem};
use crate::diagnostic::{Code, Diagnostic, Location};

/// Options of the CSV reader.
#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Field delimiter; sniffed from the header line (`,`, `;`, tab) when `None`.
    pub delimiter: Option<u8>,
}

/// How each input column is used.
#[derive(Debug, Clone)]
enum Slot {
    /// Canonical column index.
    Known(usize),
    /// Unknown column, carried through under its original header.
    Extra(String),
    /// A second column mapping to an already mapped field; carried through as extra too.
    Duplicate(String),
}

pub(super) struct CsvRecords<T, R: Read> {
    state: State<R>,
    file: String,
    delimiter: Option<u8>,
    slots: Vec<Slot>,
    queue: std::collections::VecDeque<ReadItem<T>>,
    record_index: u64,
    /// The header has no `id` column: ids are made from the file stem and the line.
    synth_ids: bool,
    id_prefix: String,
    line_offset: u64,
    _t: PhantomData<T>,
}

enum State<R: Read> {
    Start(BufReader<R>),
    Rows(csv::Reader<BufReader<R>>, csv::ByteRecord),
    Done,
}

impl<T: Record, R: Read> CsvRecords<T, R> {
    pub(super) fn new(reader: R, file: String, options: &CsvOptions) -> Self {
        CsvRecords {
            state: State::Start(BufReader::with_capacity(1 << 16, reader)),
            file,
            delimiter: options.delimiter,
            slots: Vec::new(),
            queue: std::collections::VecDeque::new(),
            record_index: 0,
            synth_ids: false,
            id_prefix: String::new(),
            line_offset: 0,
            _t: PhantomData,
        }
    }

    fn finding(&mut self, d: Diagnostic) {
        self.queue.push_back(ReadItem::Finding(d));
    }

    fn loc(&self, line: u64) -> Location {
        Location {
            file: Some(self.file.clone()),
            line: Some(line),
            ..Location::default()
        }
    }

    /// Sniffs the encoding and delimiter, reads the header, and maps its columns.
    fn start(&mut self, mut buf: BufReader<R>) {
        let head = match buf.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                let d = Diagnostic::new(
                    Code::MalformedCsv,
                    format!("cannot read: {e}"),
                    Location::file(self.file.clone()),
                );
                self.finding(d);
                return;
            }
        };
        if head.is_empty() {
            let d = Diagnostic::new(
                Code::EmptyFile,
                "the file is empty",
                Location::file(self.file.clone()),
            )
            .with_help("a dataset needs at least a header line");
            self.finding(d);
            return;
        }
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || looks_utf16(&head)
        {
            let d = Diagnostic::new(
                Code::InvalidEncoding,
                "the file is UTF-16, not UTF-8",
                Location::file(self.file.clone()),
            )
            .with_help(
                "re-save the file as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`)",
            );
            self.finding(d);
            return;
        }
        let first_line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
        let first_line = &head[..first_line_end];
        // With CRLF endings the `csv` crate positions a record at the `\n` left over from the
        // previous line's `\r\n`, one line too early; correct for it.
        self.line_offset = u64::from(first_line.ends_with(b"\r"));
        let delimiter = self
            .delimiter
            .unwrap_or_else(|| sniff_delimiter(first_line));
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(buf);
        let mut header = csv::ByteRecord::new();
        match rdr.read_byte_record(&mut header) {
            Ok(true) => {}
            Ok(false) => {
                let d = Diagnostic::new(
                    Code::EmptyFile,
                    "the file has no header",
                    Location::file(self.file.clone()),
                );
                self.finding(d);
                return;
            }
            Err(e) => {
                let d = Diagnostic::new(
                    Code::MalformedCsv,
                    format!("cannot read the header: {e}"),
                    self.loc(1),
                );
                self.finding(d);
                return;
            }
        }
        let columns = T::KIND.columns();
        let mut seen = vec![false; columns.len()];
        let mut slots = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let h = decode(raw);
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}').to_owned()
            } else {
                h.into_owned()
            };
            match find_column(columns, &h) {
                Some(c) if !seen[c] => {
                    seen[c] = true;
                    slots.push(Slot::Known(c));
                }
                Some(c) => {
                    let d = Diagnostic::new(
                        Code::DuplicateColumn,
                        format!("column `{h}` maps to `{}`, which an earlier column already fills", columns[c].name),
                        self.loc(1).with_field(h.clone()),
                    )
                    .with_help("rename or remove one of the two columns; the second is carried through unchanged");
                    self.finding(d);
                    slots.push(Slot::Duplicate(h));
                }
                None => {
                    let d = Diagnostic::new(
                        Code::UnknownColumn,
                        format!(
                            "column `{h}` is not part of the {} model; carried through unchanged",
                            T::KIND
                        ),
                        self.loc(1).with_field(h.clone()),
                    );
                    self.finding(d);
                    slots.push(Slot::Extra(h));
                }
            }
        }
        self.synth_ids = !seen[0];
        if self.synth_ids {
            let stem = std::path::Path::new(&self.file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("row")
                .to_owned();
            let d = Diagnostic::new(
                Code::MissingColumn,
                format!("no `id` column; records are identified by file and line (`{stem}-2`, `{stem}-3`…)"),
                self.loc(1).with_field(columns[0].name),
            )
            .with_severity(crate::diagnostic::Severity::Info)
            .with_help("add an `id` column (or `№`, `record_id`) to give records stable ids");
            self.finding(d);
            self.id_prefix = stem;
        }
        for (c, col) in columns.iter().enumerate() {
            if col.required && !seen[c] {
                let mut help = format!("add a `{}` column", col.name);
                if !col.aliases.is_empty() {
                    help.push_str(&format!(
                        " (also accepted: {})",
                        col.aliases
                            .iter()
                            .take(4)
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                let d = Diagnostic::new(
                    Code::MissingColumn,
                    format!("required column `{}` is missing", col.name),
                    self.loc(1).with_field(col.name),
                )
                .with_help(help);
                self.finding(d);
            }
        }
        self.slots = slots;
        self.state = State::Rows(rdr, csv::ByteRecord::new());
    }

    /// Turns one data record into a typed record (or a blank-row finding).
    fn row(&mut self, rec: &csv::ByteRecord, line: u64) {
        let loc = Location {
            record: Some(self.record_index),
            ..self.loc(line)
        };
        self.record_index += 1;
        if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            let d = Diagnostic::new(Code::BlankRow, "the row has no values", loc)
                .with_help("remove the blank row");
            self.finding(d);
            return;
        }
        let mut diags = Vec::new();
        let texts: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(i, raw)| match std::str::from_utf8(raw) {
                Ok(s) => s.to_owned(),
                Err(_) => {
                    let field = match self.slots.get(i) {
                        Some(Slot::Known(c)) => T::KIND.columns()[*c].name.to_owned(),
                        Some(Slot::Extra(h) | Slot::Duplicate(h)) => h.clone(),
                        None => format!("column_{}", i + 1),
                    };
                    let lossy = String::from_utf8_lossy(raw).into_owned();
                    let mut d = Diagnostic::new(Code::InvalidEncoding, "the value is not valid UTF-8", loc.with_field(field))
                        .with_value(lossy.clone());
                    d.help = Some(if looks_cp1251(raw) {
                        "the bytes look like Windows-1251; re-save the file as UTF-8 (e.g. `iconv -f CP1251 -t UTF-8`)".into()
                    } else {
                        "re-save the file as UTF-8; invalid bytes were replaced by U+FFFD".into()
                    });
                    diags.push(d);
                    lossy
                }
            })
            .collect();
        if texts.len() != self.slots.len() {
            diags.push(
                Diagnostic::new(
                    Code::RaggedRow,
                    format!("the row has {} fields, the header has {}", texts.len(), self.slots.len()),
                    loc.clone(),
                )
                .with_help(if texts.len() > self.slots.len() {
                    "quote values that contain the delimiter; the surplus values are kept as `column_N`"
                } else {
                    "the missing trailing fields are read as empty"
                }),
            );
        }
        let columns = T::KIND.columns();
        let mut values: Vec<Option<&str>> = vec![None; columns.len()];
        let mut extra: Vec<(&str, &str)> = Vec::new();
        let surplus_names: Vec<String> = (self.slots.len()..texts.len())
            .map(|i| format!("column_{}", i + 1))
            .collect();
        for (i, t) in texts.iter().enumerate() {
            match self.slots.get(i) {
                Some(Slot::Known(c)) => values[*c] = Some(t.as_str()),
                Some(Slot::Extra(h) | Slot::Duplicate(h)) => extra.push((h.as_str(), t.as_str())),
                None => extra.push((surplus_names[i - self.slots.len()].as_str(), t.as_str())),
            }
        }
        let synthetic_id = self.synth_ids.then(|| format!("{}-{line}", self.id_prefix));
        if let Some(id) = &synthetic_id {
            values[0] = Some(id.as_str());
        }
        let mut row = Row {
            values,
            extra,
            location: loc,
            columns,
        };
        if let Some(id) = row.text(0) {
            row.location.record_id = Some(id.trim().to_owned());
        }
        let record = T::from_row(&row, &mut diags);
        for d in &mut diags {
            if d.location.record_id.is_none() {
                d.location.record_id.clone_from(&row.location.record_id);
            }
        }
        self.queue.push_back(ReadItem::Record(
            Located {
                record,
                location: row.location,
            },
            diags,
        ));
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
                State::Start(buf) => self.start(buf),
                State::Rows(mut rdr, mut rec) => match rdr.read_byte_record(&mut rec) {
                    Ok(true) => {
                        let line = rec.position().map_or(0, csv::Position::line) + self.line_offset;
                        self.row(&rec, line);
                        self.state = State::Rows(rdr, rec);
                    }
                    Ok(false) => {
                        if self.record_index == 0 {
                            let d = Diagnostic::new(
                                Code::HeaderOnly,
                                "the file has a header but no records",
                                Location::file(self.file.clone()),
                            );
                            self.finding(d);
                        }
                    }
                    Err(e) => {
                        let line = e.position().map_or(0, csv::Position::line) + self.line_offset;
                        let d = Diagnostic::new(
                            Code::MalformedCsv,
                            format!("cannot read the CSV: {e}"),
                            self.loc(line),
                        );
                        self.finding(d);
                    }
                },
                State::Done => return None,
            }
        }
    }
}

fn decode(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(raw)
}

/// Picks the delimiter that occurs most in the header line (outside quotes): `,`, `;` or tab.
fn sniff_delimiter(line: &[u8]) -> u8 {
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

/// UTF-16 without a BOM: many NUL bytes at odd or even positions.
fn looks_utf16(head: &[u8]) -> bool {
    let n = head.len().min(512);
    n >= 4 && head[..n].iter().filter(|&&b| b == 0).count() * 3 > n
}

/// Windows-1251 Cyrillic: mostly bytes 0xC0–0xFF that do not form UTF-8 sequences.
fn looks_cp1251(raw: &[u8]) -> bool {
    let high = raw.iter().filter(|&&b| b >= 0xC0).count();
    high > 0 && high * 2 >= raw.iter().filter(|&&b| b >= 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter(b"a,b,c"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b\",c"), b',');
    }
}
