//! Reading the start of a CSV file: encoding, delimiter and header, into a [`Layout`] and a
//! [`Splitter`] for the rest.

use std::io::Read;

use super::CsvOptions;
use super::layout::{Layout, Slot, human_size};
use super::split::{Splitter, count_newlines, scan};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::DatasetKind;
use crate::io::columns::find_column;
use crate::io::encoding::{Sniff, sniff};

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
                        file: Some(file.into()),
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
        file: Some(file.into()),
        line: Some(header_line),
        field: Some(field.to_owned().into()),
        ..Location::default()
    };
    let mut findings = Vec::new();
    if blank_before > 0 {
        findings.push(
            Diagnostic::new(
                Code::BlankRow,
                lines_phrase(blank_before, "blank line", "before the header"),
                Location {
                    file: Some(file.into()),
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
pub(super) fn lines_phrase(n: u64, what: &str, tail: &str) -> String {
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

/// The finding for a file with a header and no records.
pub(crate) fn header_only(file: &str) -> Diagnostic {
    Diagnostic::new(
        Code::HeaderOnly,
        "the file has a header but no records",
        Location::file(file.to_owned()),
    )
}

/// Picks the delimiter that occurs most in the header line (outside quotes): `,`, `;` or tab.
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
