//! Parsing one block into raw records with their real line numbers.

use std::borrow::Cow;

use super::head::lines_phrase;
use super::layout::Layout;
use super::split::{Block, count_newlines};
use crate::diagnostic::{Code, Diagnostic, Location};

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
    /// Fields as text, and the record's text as written (from its first field to the end of
    /// its last) when every field is a slice of it (no field had a `""` or text after its
    /// closing quote): what the text rules scan once per row (see `validate::rules::text`).
    Text(&'a [Cow<'a, str>], Option<&'a str>),
    /// Fields as bytes, some of which may not be UTF-8.
    Raw(&'a RawRecord),
}

impl Fields<'_> {
    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        match self {
            Fields::Text(t, _) => t.len(),
            Fields::Raw(r) => r.len(),
        }
    }

    /// Field `i` as bytes.
    pub(crate) fn bytes(&self, i: usize) -> Option<&[u8]> {
        match self {
            Fields::Text(t, _) => t.get(i).map(|f| f.as_bytes()),
            Fields::Raw(r) => r.get(i),
        }
    }

    pub(super) fn all_blank(&self) -> bool {
        (0..self.len()).all(|i| {
            self.bytes(i)
                .is_none_or(|f| f.iter().all(u8::is_ascii_whitespace))
        })
    }
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
    ///
    /// `prev_end`, when known, is where the previous record's fields end (before its
    /// terminator): line feeds are then counted from there, not over the whole previous record
    /// again (its own line feeds are its `inner`).
    fn record(
        &mut self,
        mut start: usize,
        prev_end: Option<usize>,
        inner: u64,
        layout: &Layout,
        out: &mut Vec<Diagnostic>,
    ) -> u64 {
        let bytes = self.bytes;
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let line = match (prev_end, self.prev) {
            (Some(end), Some((l, span))) if end <= start => {
                l + span - 1 + count_newlines(&bytes[end..start])
            }
            _ => self.cursor_line + count_newlines(&bytes[self.cursor.min(start)..start]),
        };
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
/// Why two parsers: `csv_core` alone gives the same records (the test
/// `text_parser_agrees_with_csv_core` compares them on thousands of inputs, and `museum validate`
/// writes the same bytes either way), but it copies every byte through its state machine into
/// an output buffer, where the text parser jumps from delimiter to delimiter with `memchr` and
/// borrows the fields from the block: `museum validate` on a million records takes about 8% more
/// CPU with `csv_core` alone (2.94 s against 3.18 s, best of five, release, 2 cores).
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
                    field: Some(field.into_owned().into()),
                    ..layout.loc(line)
                },
            )
            .with_help("close the quote, or write a literal quote inside a quoted field twice (`\"\"`)"),
        );
    }
    count
}

/// The end of the unquoted stretch of `bytes` starting at `from`: the first delimiter, line
/// feed or carriage return (`bytes.len()` if none). Most fields are short: their first 32 bytes
/// are searched eight at a time in a register (`memchr3` costs more to set up than a short
/// field costs to read), the rest of a long one with `memchr3`.
pub(super) fn stretch_end(bytes: &[u8], from: usize, delim: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of the lowest byte that is zero is set exactly (bits above it may be set
    // wrongly by the borrow; only the lowest is used).
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let (d, lf, cr) = (
        ONES * u64::from(delim),
        ONES * u64::from(b'\n'),
        ONES * u64::from(b'\r'),
    );
    let end = bytes.len();
    let mut i = from;
    let short = from.saturating_add(32).min(end);
    while i + 8 <= short {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        let m = zero_bytes(x ^ d) | zero_bytes(x ^ lf) | zero_bytes(x ^ cr);
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    if i + 8 > end {
        // The last few bytes of the block.
        return bytes[i..]
            .iter()
            .position(|&b| b == delim || b == b'\n' || b == b'\r')
            .map_or(end, |k| i + k);
    }
    memchr::memchr3(delim, b'\n', b'\r', &bytes[i..]).map_or(end, |k| i + k)
}

/// [`parse_block`] for a block that is valid UTF-8: (records, fields of the last, its line).
pub(super) fn parse_text<'t>(
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
    let stretch_end = |from: usize| stretch_end(bytes, from, delim);
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
        let mut sliced = true;
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
            sliced &= matches!(field, Cow::Borrowed(_));
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
        // counted by `Lines`, from the end of the previous record's fields.
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
        let line = lines.record(start, Some(record_start), inner, layout, out);
        last_fields = fields.len();
        last_line = Some(line);
        let span = sliced.then(|| &text[first..pos]);
        on_record(Fields::Text(&fields, span), line, out);
        count += 1;
    }
    lines.finish(layout, out);
    (count, last_fields, last_line)
}

/// [`parse_block`] for a block with bytes that are not UTF-8, through `csv_core`.
pub(super) fn parse_bytes(
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
        let line = lines.record(start, None, inner, layout, out);
        last_fields = rec.len();
        last_line = Some(line);
        on_record(Fields::Raw(&rec), line, out);
        count += 1;
    }
    lines.finish(layout, out);
    (count, last_fields, last_line)
}
