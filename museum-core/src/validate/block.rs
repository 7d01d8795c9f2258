//! One block of a CSV file, checked on a worker thread: its rows parsed and read as the rules
//! read them ([`Check::Row`]: a victim's row view, other kinds' records built lean; records built
//! whole when the run keeps them), every per-record rule run, and what the collector needs
//! ([`BlockResult`]): findings, ids, counts per column, and the records at the edges that may
//! continue across blocks.

use std::collections::HashSet;

use super::ids::IdIndex;
use super::kinds::{Check, RowRead};
use super::rules::placeholders::{self, Tally};
use super::rules::text;
use super::sink::{Context, Sink};
use super::world::{Facts, World};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::csv_read::{self, Block, Fields, Layout};
use crate::io::{Located, Record, Row};

/// Checks one finished record: its reader findings, every per-record rule, and its id.
pub(crate) fn finish_record<T: Check>(
    rec: &Located<T>,
    diags: Vec<Diagnostic>,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
) {
    finish_read::<T, Located<T>>(rec, diags, world, sink, facts);
}

/// [`finish_record`] for a record as validation reads it (a row, or a record).
fn finish_read<T: Check, R: RowRead<T>>(
    rec: &R,
    diags: Vec<Diagnostic>,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
) {
    let mark = sink.out.len();
    sink.extend(diags);
    facts.ids.push(
        crate::io::trim(rec.id()),
        0,
        rec.location().line.unwrap_or(0),
    );
    facts.records += 1;
    sink.checking(rec.id());
    rec.check(world, sink, facts);
    sink.name_record(mark, rec.id());
}

/// [`finish_record`], then keeps the record when the run keeps what it reads.
pub(crate) fn finish_kept<T: Check>(
    rec: Located<T>,
    diags: Vec<Diagnostic>,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
    kept: &mut Vec<Located<T>>,
) {
    finish_record(&rec, diags, world, sink, facts);
    if sink.cx.keep {
        kept.push(rec);
    }
}

/// A record being read: a row as validation reads it ([`Check::Row`]), or a record built
/// (when the run keeps records, or a victim merged from case rows).
enum Pending<T: Check> {
    Row(Box<T::Row>),
    Record(Box<Located<T>>),
}

impl<T: Check> Pending<T> {
    fn id(&self) -> &str {
        match self {
            Pending::Row(r) => r.id(),
            Pending::Record(r) => r.record.id(),
        }
    }

    fn continues(&self) -> bool {
        match self {
            Pending::Row(r) => r.continues(),
            Pending::Record(r) => r.record.continues(),
        }
    }

    fn into_record(self) -> Located<T> {
        match self {
            Pending::Row(r) => r.into_record(),
            Pending::Record(r) => *r,
        }
    }
}

/// [`finish_kept`] for a record being read: gives a row's box back, to be refilled with the
/// next row.
fn finish_pending<T: Check>(
    rec: Pending<T>,
    diags: Vec<Diagnostic>,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
    kept: &mut Vec<Located<T>>,
) -> Option<Box<T::Row>> {
    match rec {
        Pending::Row(r) => {
            finish_read::<T, T::Row>(&r, diags, world, sink, facts);
            Some(r)
        }
        Pending::Record(r) => {
            finish_kept(*r, diags, world, sink, facts, kept);
            None
        }
    }
}

/// Runs the text rules on a record that was not read from CSV (JSON, an [`Archive`]): on the
/// values of its canonical rows and its unknown columns.
pub(crate) fn text_of_record<T: Record>(rec: &Located<T>, sink: &mut Sink<'_>) {
    let columns = T::KIND.columns();
    let rows = rec.record.to_rows();
    let mut seen: HashSet<(usize, &str)> = HashSet::new();
    for row in &rows {
        for (i, v) in row.iter().enumerate() {
            if !v.is_empty() && seen.insert((i, v.as_str())) {
                text::check_field(columns[i].name, v, &rec.location, sink);
            }
        }
    }
    for (k, v) in rec.record.extra() {
        if !v.is_empty() {
            text::check_field(k, v, &rec.location, sink);
        }
    }
}

/// Counts the placeholders of the `watched` columns of a record not read from CSV (each
/// distinct value of a column once per record: a person's sex repeats on every case row).
pub(crate) fn tally_placeholders<T: Record>(
    rec: &Located<T>,
    watched: &[usize],
    tallies: &mut [Tally],
) {
    let mut seen: HashSet<(usize, String)> = HashSet::new();
    for row in rec.record.to_rows() {
        for &i in watched {
            if let Some(v) = row.get(i)
                && placeholders::is_placeholder(v)
                && seen.insert((i, v.clone()))
            {
                tallies[i].add(v, rec.location.line.unwrap_or(0));
            }
        }
    }
}

/// The result of one block.
pub(crate) struct BlockResult<T> {
    pub(crate) index: usize,
    pub(crate) findings: Vec<Diagnostic>,
    pub(crate) facts: Facts,
    /// Leading rows that may continue the last record of the previous block.
    pub(crate) head: Vec<(Located<T>, Vec<Diagnostic>)>,
    /// The last record, which rows of the next block may continue (merging kinds only).
    pub(crate) tail: Option<(Located<T>, Vec<Diagnostic>)>,
    /// Whether the block has a row that starts a record.
    pub(crate) has_body: bool,
    /// Records (rows) parsed, blank ones included: record indices of later blocks start after.
    pub(crate) rows: u64,
    /// Typed records built.
    pub(crate) built: u64,
    /// Non-empty cells per input column.
    pub(crate) filled: Vec<u64>,
    /// Placeholders read as missing per input column (date columns only).
    pub(crate) placeholders: Vec<Tally>,
    /// Data rows (records as read, before merging) of the block.
    pub(crate) data_rows: u64,
    /// The line of each data row, when a record limit is set.
    pub(crate) row_lines: Vec<u64>,
    /// The records finished in the block (when the run keeps them), numbered within it.
    pub(crate) kept: Vec<Located<T>>,
    /// What the run's [`Digest`] made of `kept` on the worker (which then dropped them): `kept`
    /// is then empty.
    pub(crate) digested: Option<Box<dyn std::any::Any + Send>>,
    /// The block's size in bytes.
    pub(crate) bytes: u64,
}

/// What a run hands over as blocks complete, in file order: records, or what a block's worker
/// made of its records ([`Digest`]).
pub(crate) enum Handed<T> {
    Records(Vec<Located<T>>),
    Digested(Box<dyn std::any::Any + Send>),
}

/// What a run that hands its records over as they are read makes of the records a block
/// finished, where the block was checked (on its worker): given the block's
/// `Vec<Located<T>>` to take, it returns what is handed over instead of them, so that they are
/// dropped on the thread that built them.
pub(crate) type Digest<'d> =
    dyn Fn(&mut dyn std::any::Any) -> Box<dyn std::any::Any + Send> + Sync + 'd;

pub(crate) fn process_block<T: Check>(
    layout: &Layout,
    block: &Block,
    split: Vec<Diagnostic>,
    cx: &Context,
    world: &World,
    digest: Option<&Digest<'_>>,
) -> BlockResult<T> {
    let mut sink = Sink::for_file(cx, T::KIND, &layout.file);
    // About one record per 300 bytes; ids are the only per-record state kept.
    let mut facts = Facts {
        ids: IdIndex::with_capacity(block.bytes.len() / 256 + 16),
        ..Facts::default()
    };
    let mut structural = Vec::new();
    let mut head = Vec::new();
    let mut in_head = T::MERGES_ROWS;
    let mut has_body = false;
    // Records are boxed here: a record is large, and a box moves without copying it.
    let mut pending: Option<(Pending<T>, Vec<Diagnostic>)> = None;
    let mut filled = vec![0u64; layout.width()];
    let mut tallies = vec![Tally::default(); layout.width()];
    let placeholder_columns: Vec<usize> = if cx.on(Code::ReadAsMissing) {
        (0..layout.width())
            .filter(|&i| placeholders::reads_placeholders(&layout.field_name(i)))
            .collect()
    } else {
        Vec::new()
    };
    let policies: Vec<text::Policy> = (0..layout.width())
        .map(|i| text::Policy::of(&layout.field_name(i)))
        .collect();
    let mut local = 0u64;
    let mut built = 0u64;
    let track_lines = cx.options.limits.max_records.is_some();
    let mut row_lines = Vec::new();
    let count_sparse = cx.on(Code::SparseColumn);
    // Kept records are built whole (names parsed, free text kept), like the reader builds them;
    // other rows are read as the rules read them (a victim's texts and the typed values the
    // rules that are on need), each refilled in its box with the next row.
    let lean = !cx.keep;
    let needs = super::rules::victim_needs(cx);
    let mut spare: Option<Box<T::Row>> = None;
    let mut kept = Vec::new();
    let text_on = cx.on(Code::ControlCharacter)
        || cx.on(Code::MixedScript)
        || cx.on(Code::StrayWhitespace)
        || cx.on(Code::PlaceholderValue);
    // The one-pass row scan keeps fields apart by their delimiters: printable ASCII that is
    // not a letter, a digit or a space (`,` `;` `|`).
    let row_scan = layout.delimiter.is_ascii_punctuation();
    let rows = csv_read::parse_block(layout, block, &mut structural, |rec, line, out| {
        if track_lines {
            row_lines.push(line);
        }
        if count_sparse {
            let filled_in = |f: &[u8]| {
                f.first().is_some_and(|b| !b.is_ascii_whitespace()) || !f.trim_ascii().is_empty()
            };
            match rec {
                Fields::Text(fields, _) => {
                    for (n, f) in filled.iter_mut().zip(fields) {
                        *n += u64::from(filled_in(f.as_bytes()));
                    }
                }
                Fields::Raw(_) => {
                    for (i, n) in filled.iter_mut().enumerate() {
                        *n += u64::from(rec.bytes(i).is_some_and(filled_in));
                    }
                }
            }
        }
        for &i in &placeholder_columns {
            // A placeholder has no digit (most dates do) and is not blank: decided on the bytes
            // before the text is checked.
            if let Some(b) = rec.bytes(i)
                && !b.iter().all(u8::is_ascii_whitespace)
                && !b.iter().any(u8::is_ascii_digit)
                && let Ok(v) = std::str::from_utf8(b)
                && placeholders::is_placeholder(v)
            {
                tallies[i].add(v, line);
            }
        }
        let mut diags = Vec::new();
        let mark = sink.out.len();
        // Most rows are plain: one scan of the row, and a field is checked the full way only
        // when its edges may hold a finding.
        let plain = text_on
            && row_scan
            && matches!(rec, Fields::Text(_, Some(span)) if text::row_is_plain(span.as_bytes()));
        let mut on_field = |i: usize, field: &str, value: &str, loc: &Location| {
            let policy = policies
                .get(i)
                .copied()
                .unwrap_or_else(|| text::Policy::of(field));
            if !policy.is_parsed() && (!plain || text::may_have_edge_finding(policy, value)) {
                text::check_field_with(field, policy, value, loc, &mut sink);
            }
        };
        let r = if lean {
            let visitor = if text_on { Some(&mut on_field) } else { None };
            let read = |row: &Row<'_>, out: &mut Vec<Diagnostic>| {
                <T::Row as RowRead<T>>::read(spare.take(), row, needs, out)
            };
            layout
                .row_lean(rec, line, local, &mut diags, visitor, read)
                .map(|(mut r, location)| {
                    r.locate(location);
                    Pending::Row(r)
                })
        } else {
            let visitor: Option<&mut csv_read::FieldVisitor<'_>> =
                if text_on { Some(&mut on_field) } else { None };
            layout
                .row::<T>(rec, line, local, &mut diags, visitor)
                .map(|r| Pending::Record(Box::new(r)))
        };
        local += 1;
        let Some(mut r) = r else {
            out.extend(diags);
            return;
        };
        // Text findings were made before the record (and its id) existed.
        if sink.out.len() > mark {
            sink.name_record(mark, r.id());
        }
        built += 1;
        if in_head && r.continues() {
            head.push((r.into_record(), diags));
            return;
        }
        in_head = false;
        has_body = true;
        // A row that continues a record is merged with it, both as records (rare: a person's
        // second case).
        if T::MERGES_ROWS
            && r.continues()
            && let Some((p, mut pd)) = pending.take()
        {
            let mut p = p.into_record();
            let Located { record, location } = r.into_record();
            match p.record.absorb(record) {
                Ok(()) => {
                    pd.extend(diags);
                    pending = Some((Pending::Record(Box::new(p)), pd));
                    return;
                }
                Err(next) => {
                    finish_kept(p, pd, world, &mut sink, &mut facts, &mut kept);
                    r = Pending::Record(Box::new(Located {
                        record: next,
                        location,
                    }));
                }
            }
        }
        if let Some((p, pd)) = pending.take() {
            spare = finish_pending(p, pd, world, &mut sink, &mut facts, &mut kept);
        }
        pending = Some((r, diags));
    });
    let tail = if T::MERGES_ROWS {
        pending.map(|(p, pd)| (p.into_record(), pd))
    } else {
        if let Some((p, pd)) = pending {
            finish_pending(p, pd, world, &mut sink, &mut facts, &mut kept);
        }
        None
    };
    sink.extend(structural);
    sink.extend(split);
    let digested = match digest {
        Some(d) if !kept.is_empty() => Some(d(&mut kept)),
        _ => None,
    };
    BlockResult {
        index: block.index,
        findings: sink.out,
        facts,
        head,
        tail,
        has_body,
        rows,
        built,
        filled,
        placeholders: tallies,
        data_rows: local,
        row_lines,
        kept,
        digested,
        bytes: block.bytes.len() as u64,
    }
}
