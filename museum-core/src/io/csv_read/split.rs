//! Cutting a CSV body into blocks that start and end on record boundaries, following quotes.

use std::io::Read;

use super::layout::human_size;
use crate::diagnostic::{Code, Diagnostic, Location};

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
    pub(super) reader: R,
    pub(super) delimiter: u8,
    pub(super) block_size: usize,
    pub(super) max_record: usize,
    /// Bytes read but not yet handed out (they start on a record boundary).
    pub(super) buf: Vec<u8>,
    /// The line `buf` starts on.
    pub(super) next_line: u64,
    pub(super) eof: bool,
    pub(super) done: bool,
    pub(super) index: usize,
    pub(super) file: String,
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
                // Room for the whole read up front: `read_to_end` would otherwise grow the
                // buffer step by step, copying what it holds each time.
                self.buf.reserve(need);
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
                            file: Some(self.file.as_str().into()),
                            line: Some(line),
                            ..Location::default()
                        },
                    )
                    .with_help("put quotes around the whole field and write a quote inside it twice (`\"\"`); the `\"` was read as a literal character"),
                );
            }
            let mut bytes = std::mem::take(&mut self.buf);
            if end < bytes.len() {
                // The rest starts the next block: a buffer of the next block's size, so that
                // reading it does not grow it again.
                let mut rest = Vec::with_capacity(self.block_size.max(bytes.len() - end));
                rest.extend_from_slice(&bytes[end..]);
                self.buf = rest;
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
                    file: Some(self.file.as_str().into()),
                    line: Some(self.next_line),
                    ..Location::default()
                },
            )
            .with_help("close the quote, or write a literal quote inside a quoted field twice (`\"\"`)"),
            None => Diagnostic::new(
                Code::FieldTooLarge,
                format!("the record is longer than {size}; the rest of the file was not read"),
                Location {
                    file: Some(self.file.as_str().into()),
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
