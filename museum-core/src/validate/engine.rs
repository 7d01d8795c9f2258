//! The streaming validator.
//!
//! Files are validated kind by kind, in the order of [`DatasetKind::ALL`] (sources, figures,
//! events, camps, victims, estimates, claims), so that most references point at kinds already
//! read. Records are never all held in memory:
//!
//! - a CSV file is cut into blocks of about a mebibyte on record boundaries by a reader thread;
//!   worker threads parse each block, build the typed records, run every per-record rule and
//!   drop the records, keeping only compact facts (ids, a few links);
//! - a collector on the calling thread takes the blocks' results in file order, merges a
//!   victim whose case rows straddle two blocks, and gathers the ids;
//! - the collector indexes the ids in file order: a repeated id is reported when it is read;
//!   once all files of a kind are done, the index answers reference checks from later kinds.
//!   References to kinds read later (a figure's `victim_id`) are checked at the very end;
//! - findings are written as blocks complete, in an order that does not depend on the number
//!   of threads or the size of blocks (see [`super::stream`]): a run holds a block's worth of
//!   findings, not all of them.
//!
//! [`validate_keeping`] runs the same pass and keeps the records instead of dropping them
//! (built whole, as the readers build them): one reading gives both the report and the
//! [`Archive`] for the commands that need both.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::config::ValidateOptions;
use super::ids::IdIndex;
use super::ids::Seen;
use super::rules::camps::CampPeriod;
use super::rules::placeholders::{self, Tally};
use super::rules::{completeness, references, text};
use super::sink::{Context, Sink};
use super::stream::Emitter;
use super::{Report, kinds::Check};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::{Error, ErrorKind, Result};
use crate::io::csv_read::{self, Block, Fields, Layout, Opened};
use crate::io::{Archive, DatasetKind, FileFormat, Located, ReadItem, Record, RecordReader};

pub use crate::io::Input;

/// The dataset files of a directory (those whose names tell their kind, `victims.csv`,
/// `figures.jsonl`…), by name, and the other CSV/JSON files, which are skipped
/// ([`crate::io::discover`]).
///
/// # Errors
/// When the directory cannot be read.
pub fn dataset_files(dir: &Path) -> Result<(Vec<Input>, Vec<PathBuf>)> {
    let found = crate::io::discover(&[dir.to_owned()], None)?;
    Ok((found.inputs, found.skipped))
}

fn kind_index(kind: DatasetKind) -> usize {
    DatasetKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// What a figure says about its victim record.
#[derive(Debug, Clone)]
pub(crate) struct FigureInfo {
    pub(crate) victim_id: Option<String>,
    pub(crate) location: Location,
}

/// A reference into a kind not yet read, checked at the end.
#[derive(Debug, Clone)]
pub(crate) struct Deferred {
    targets: &'static [DatasetKind],
    id: String,
    location: Location,
    field: &'static str,
    from: DatasetKind,
}

/// What the kinds already read tell about the ones being read.
#[derive(Debug, Default)]
pub(crate) struct World {
    loaded: [bool; 7],
    require_all: bool,
    ids: [Option<IdIndex>; 7],
    figures: HashMap<String, FigureInfo>,
    figure_by_victim: HashMap<String, (String, Location)>,
    pub(crate) camps: HashMap<String, CampPeriod>,
    deferred: Vec<Deferred>,
    /// The names of the files read so far, by file number.
    files: Vec<String>,
}

impl World {
    fn new(kinds: impl IntoIterator<Item = DatasetKind>, require_all: bool) -> Self {
        let mut w = World {
            require_all,
            ..World::default()
        };
        for k in kinds {
            w.loaded[kind_index(k)] = true;
        }
        w
    }

    /// Whether figures were read (links to figures can be checked).
    pub(crate) fn has_figures(&self) -> bool {
        self.ids[kind_index(DatasetKind::Figures)].is_some()
    }

    /// A figure by id.
    pub(crate) fn figure(&self, id: &str) -> Option<&FigureInfo> {
        self.figures.get(id)
    }

    /// The figure whose `victim_id` is `victim`.
    pub(crate) fn figure_linking(&self, victim: &str) -> Option<(&str, &Location)> {
        self.figure_by_victim
            .get(victim)
            .map(|(f, l)| (f.as_str(), l))
    }

    /// Checks a reference to `id` in one of `targets` now, or defers it when a target kind is
    /// read later.
    pub(crate) fn reference(
        &self,
        targets: &'static [DatasetKind],
        id: &str,
        loc: &Location,
        field: &'static str,
        sink: &mut Sink<'_>,
        facts: &mut Facts,
    ) {
        let id = id.trim();
        if id.is_empty() || !sink.on(Code::UnknownReference) {
            return;
        }
        let mut later = false;
        let mut any = self.require_all;
        for t in targets {
            let k = kind_index(*t);
            match &self.ids[k] {
                Some(ix) => {
                    if ix.contains(id) {
                        return;
                    }
                    any = true;
                }
                None if self.loaded[k] => later = true,
                None => {}
            }
        }
        if later {
            facts.deferred.push(Deferred {
                targets,
                id: id.to_owned(),
                location: sink.locate(loc),
                field,
                from: sink.kind(),
            });
        } else if any {
            sink.push(references::unknown(targets, id, loc, field));
        }
    }

    /// Ends a kind: keeps its id index, links and periods.
    fn close_kind(&mut self, state: KindState) {
        let k = kind_index(state.kind);
        self.ids[k] = Some(state.ids);
        for (id, info) in state.figures {
            if let Some(v) = &info.victim_id {
                self.figure_by_victim
                    .insert(v.clone(), (id.clone(), info.location.clone()));
            }
            self.figures.insert(id, info);
        }
        self.camps.extend(state.camps);
        self.deferred.extend(state.deferred);
    }

    /// Checks the references deferred to the end.
    fn resolve(&mut self, cx: &Context, emit: &mut Emitter<'_>) {
        let mut found_missing = Vec::new();
        for d in std::mem::take(&mut self.deferred) {
            let mut sink = Sink::new(cx, d.from);
            let mut any = self.require_all;
            let mut found = false;
            for t in d.targets {
                if let Some(ix) = &self.ids[kind_index(*t)] {
                    any = true;
                    found |= ix.contains(&d.id);
                }
            }
            if any && !found {
                sink.push(references::unknown(d.targets, &d.id, &d.location, d.field));
            }
            found_missing.append(&mut sink.out);
        }
        emit.emit_across(found_missing, &self.files);
    }
}

/// The finding for an id used again: `at` is the repeat, `first` where it was first seen.
fn duplicate_id(
    kind: DatasetKind,
    id: &str,
    at: Seen,
    first: Seen,
    files: &[String],
) -> Diagnostic {
    let seen_loc = |s: Seen| Location {
        file: files.get(s.file as usize).cloned(),
        line: Some(s.line),
        record_id: Some(id.to_owned()),
        ..Location::default()
    };
    Diagnostic::new(
        Code::DuplicateId,
        format!("id `{id}` is used by an earlier record"),
        seen_loc(at).with_field("id"),
    )
    .with_value(id.to_owned())
    .with_related(seen_loc(first))
    .with_help(if kind == DatasetKind::Victims {
        "give each person one id; a later repression case of the same person goes on the next row with the same id and `case` 2"
    } else {
        "give each record its own id"
    })
}

/// Indexes the ids listed in `list` (read in file `file`) into the kind's `index`, reporting
/// the repeated ones to `sink`.
fn index_ids(
    index: &mut IdIndex,
    list: &IdIndex,
    file: u32,
    files: &[String],
    sink: &mut Sink<'_>,
) {
    let (kind, on) = (sink.kind(), sink.on(Code::DuplicateId));
    index.add_all(list, file, |id, at, first| {
        if on {
            sink.push(duplicate_id(kind, id, at, first, files));
        }
    });
}

/// Compact facts kept from records once they are checked.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub(crate) ids: IdIndex,
    pub(crate) figures: Vec<(String, FigureInfo)>,
    pub(crate) camps: Vec<(String, CampPeriod)>,
    pub(crate) deferred: Vec<Deferred>,
    pub(crate) records: u64,
}

/// What is gathered about one kind while its files are read.
struct KindState {
    kind: DatasetKind,
    ids: IdIndex,
    figures: Vec<(String, FigureInfo)>,
    camps: Vec<(String, CampPeriod)>,
    deferred: Vec<Deferred>,
}

impl KindState {
    fn new(kind: DatasetKind) -> Self {
        KindState {
            kind,
            ids: IdIndex::default(),
            figures: Vec::new(),
            camps: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// Takes the facts of records read from file `file`: their ids are indexed (repeats
    /// reported to `sink`), links and periods kept.
    fn absorb(
        &mut self,
        facts: Facts,
        file: u32,
        files: &[String],
        sink: &mut Sink<'_>,
        report: &mut Report,
    ) {
        index_ids(&mut self.ids, &facts.ids, file, files, sink);
        self.figures.extend(facts.figures);
        self.camps.extend(facts.camps);
        self.deferred.extend(facts.deferred);
        report.records += usize::try_from(facts.records).unwrap_or(usize::MAX);
    }
}

/// Checks one finished record: its reader findings, every per-record rule, and its id.
fn finish_record<T: Check>(
    rec: &Located<T>,
    diags: Vec<Diagnostic>,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
) {
    let mark = sink.out.len();
    sink.extend(diags);
    facts
        .ids
        .push(rec.record.id().trim(), 0, rec.location.line.unwrap_or(0));
    facts.records += 1;
    T::check(rec, world, sink, facts);
    sink.name_record(mark, rec.record.id());
}

/// [`finish_record`], then keeps the record when the run keeps what it reads.
fn finish_kept<T: Check>(
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

/// Runs the text rules on a record that was not read from CSV (JSON, an [`Archive`]): on the
/// values of its canonical rows and its unknown columns.
fn text_of_record<T: Record>(rec: &Located<T>, sink: &mut Sink<'_>) {
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
fn tally_placeholders<T: Record>(rec: &Located<T>, watched: &[usize], tallies: &mut [Tally]) {
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
struct BlockResult<T> {
    index: usize,
    findings: Vec<Diagnostic>,
    facts: Facts,
    /// Leading rows that may continue the last record of the previous block.
    head: Vec<(Located<T>, Vec<Diagnostic>)>,
    /// The last record, which rows of the next block may continue (merging kinds only).
    tail: Option<(Located<T>, Vec<Diagnostic>)>,
    /// Whether the block has a row that starts a record.
    has_body: bool,
    /// Records (rows) parsed, blank ones included: record indices of later blocks start after.
    rows: u64,
    /// Typed records built.
    built: u64,
    /// Non-empty cells per input column.
    filled: Vec<u64>,
    /// Placeholders read as missing per input column (date columns only).
    placeholders: Vec<Tally>,
    /// Data rows (records as read, before merging) of the block.
    data_rows: u64,
    /// The line of each data row, when a record limit is set.
    row_lines: Vec<u64>,
    /// The records finished in the block (when the run keeps them), numbered within it.
    kept: Vec<Located<T>>,
    /// The block's size in bytes.
    bytes: u64,
}

fn process_block<T: Check>(
    layout: &Layout,
    block: &Block,
    split: Vec<Diagnostic>,
    cx: &Context,
    world: &World,
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
    let mut pending: Option<(Located<T>, Vec<Diagnostic>)> = None;
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
    // Kept records are built whole (names parsed, free text kept), like the reader builds them.
    let lean = !cx.keep;
    let mut kept = Vec::new();
    let text_on = cx.on(Code::ControlCharacter)
        || cx.on(Code::MixedScript)
        || cx.on(Code::StrayWhitespace)
        || cx.on(Code::PlaceholderValue);
    let rows = csv_read::parse_block(layout, block, &mut structural, |rec, line, out| {
        if track_lines {
            row_lines.push(line);
        }
        if count_sparse {
            let filled_in = |f: &[u8]| {
                f.first().is_some_and(|b| !b.is_ascii_whitespace()) || !f.trim_ascii().is_empty()
            };
            match rec {
                Fields::Text(fields) => {
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
            if let Some(Ok(v)) = rec.bytes(i).map(std::str::from_utf8)
                && placeholders::is_placeholder(v)
            {
                tallies[i].add(v, line);
            }
        }
        let mut diags = Vec::new();
        let mark = sink.out.len();
        let r = if text_on {
            let mut on_field = |i: usize, field: &str, value: &str, loc: &Location| {
                let policy = policies
                    .get(i)
                    .copied()
                    .unwrap_or_else(|| text::Policy::of(field));
                if !policy.is_parsed() {
                    text::check_field_with(field, policy, value, loc, &mut sink);
                }
            };
            layout.row::<T>(rec, line, local, &mut diags, Some(&mut on_field), lean)
        } else {
            layout.row::<T>(rec, line, local, &mut diags, None, lean)
        };
        local += 1;
        let Some(r) = r else {
            out.extend(diags);
            return;
        };
        // Text findings were made before the record (and its id) existed.
        if sink.out.len() > mark {
            sink.name_record(mark, r.record.id());
        }
        built += 1;
        if in_head && r.record.continues() {
            head.push((r, diags));
            return;
        }
        in_head = false;
        has_body = true;
        pending = match pending.take() {
            None => Some((r, diags)),
            Some((mut p, mut pd)) if T::MERGES_ROWS => match p.record.absorb(r.record) {
                Ok(()) => {
                    pd.extend(diags);
                    Some((p, pd))
                }
                Err(next) => {
                    finish_kept(p, pd, world, &mut sink, &mut facts, &mut kept);
                    Some((
                        Located {
                            record: next,
                            location: r.location,
                        },
                        diags,
                    ))
                }
            },
            Some((p, pd)) => {
                finish_kept(p, pd, world, &mut sink, &mut facts, &mut kept);
                Some((r, diags))
            }
        };
    });
    let tail = if T::MERGES_ROWS {
        pending
    } else {
        if let Some((p, pd)) = pending {
            finish_kept(p, pd, world, &mut sink, &mut facts, &mut kept);
        }
        None
    };
    sink.extend(structural);
    sink.extend(split);
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
        bytes: block.bytes.len() as u64,
    }
}

/// Takes block results in file order, indexes their ids and writes their findings.
struct Collector<'a, T> {
    world: &'a World,
    sink: Sink<'a>,
    /// Facts of the records finished here (those straddling blocks); their ids are indexed
    /// at once.
    facts: Facts,
    /// The ids of the kind: those of earlier files, then this file's as they come.
    ids: IdIndex,
    file_no: u32,
    next: usize,
    waiting: BTreeMap<usize, BlockResult<T>>,
    offset: u64,
    pending: Option<(Located<T>, Vec<Diagnostic>)>,
    rows: u64,
    built: u64,
    filled: Vec<u64>,
    placeholders: Vec<Tally>,
    /// The record limit, the data rows so far, and the line of the first row past the limit.
    max_records: Option<u64>,
    data_rows: u64,
    over: Option<u64>,
    /// The records finished so far, in file order (when the run keeps them).
    kept: Vec<Located<T>>,
    /// Records of the file without a source, and the first one's finding (one finding per
    /// file: [`completeness::no_source_summary`]).
    no_source: usize,
    no_source_first: Option<Diagnostic>,
}

fn shift_records(findings: &mut [Diagnostic], offset: u64) {
    for d in findings {
        if let Some(r) = d.location.record.as_mut() {
            *r += offset;
        }
    }
}

impl<'a, T: Check> Collector<'a, T> {
    fn new(
        cx: &'a Context,
        world: &'a World,
        width: usize,
        file: &str,
        file_no: u32,
        ids: IdIndex,
    ) -> Self {
        Collector {
            world,
            sink: Sink::for_file(cx, T::KIND, file),
            facts: Facts::default(),
            ids,
            file_no,
            next: 0,
            waiting: BTreeMap::new(),
            offset: 0,
            pending: None,
            rows: 0,
            built: 0,
            filled: vec![0; width],
            placeholders: vec![Tally::default(); width],
            max_records: cx.options.limits.max_records,
            data_rows: 0,
            over: None,
            kept: Vec::new(),
            no_source: 0,
            no_source_first: None,
        }
    }

    /// Takes the records' `no-source` findings out of the sink: a file has one, with the count,
    /// made when the file ends (so they are not held, however many there are).
    fn tally_no_source(&mut self) {
        if !self.sink.out.iter().any(|d| d.code == Code::NoSource) {
            return;
        }
        let first = &mut self.no_source_first;
        let count = &mut self.no_source;
        self.sink.out.retain(|d| {
            if d.code != Code::NoSource {
                return true;
            }
            *count += 1;
            if first.is_none() {
                *first = Some(d.clone());
            }
            false
        });
    }

    /// Takes a block's result; applies the blocks now in order and writes the findings no
    /// later block can precede.
    fn accept(&mut self, r: BlockResult<T>, emit: &mut Emitter<'_>) {
        // Past the record limit nothing more is looked at.
        if self.over.is_some() {
            return;
        }
        self.waiting.insert(r.index, r);
        while let Some(r) = self.waiting.remove(&self.next) {
            self.apply(r);
            self.next += 1;
        }
        // The record still open (its case rows may continue in the next block) is the
        // earliest line a finding can still be about.
        let open = self
            .pending
            .as_ref()
            .map_or(u64::MAX, |(p, _)| p.location.line.unwrap_or(0));
        self.tally_no_source();
        emit.emit_before(&mut self.sink.out, open);
    }

    fn shift(
        &self,
        (mut rec, mut diags): (Located<T>, Vec<Diagnostic>),
    ) -> (Located<T>, Vec<Diagnostic>) {
        if let Some(r) = rec.location.record.as_mut() {
            *r += self.offset;
        }
        shift_records(&mut diags, self.offset);
        (rec, diags)
    }

    /// Indexes the ids of `list` (this file's, in file order).
    fn index(&mut self, list: &IdIndex) {
        let files = &self.world.files;
        index_ids(&mut self.ids, list, self.file_no, files, &mut self.sink);
    }

    /// Indexes the ids of the records finished here.
    fn index_own(&mut self) {
        let list = std::mem::take(&mut self.facts.ids);
        self.index(&list);
        self.facts.ids = list;
        self.facts.ids.clear();
    }

    fn apply(&mut self, mut r: BlockResult<T>) {
        if self.over.is_some() {
            return;
        }
        if let Some(max) = self.max_records
            && self.data_rows + r.data_rows > max
        {
            let k = usize::try_from(max - self.data_rows).unwrap_or(usize::MAX);
            self.over = Some(r.row_lines.get(k).copied().unwrap_or(0));
            return;
        }
        self.data_rows += r.data_rows;
        shift_records(&mut r.findings, self.offset);
        self.sink.out.append(&mut r.findings);
        // Ids are indexed in file order: the record open at the end of the last block (with
        // the rows continuing it here), then this block's.
        for item in std::mem::take(&mut r.head) {
            let item = self.shift(item);
            self.feed(item);
        }
        if r.has_body
            && let Some((p, pd)) = self.pending.take()
        {
            self.finish_pending(p, pd);
        }
        self.index_own();
        let facts = std::mem::take(&mut r.facts);
        self.index(&facts.ids);
        self.facts.figures.extend(facts.figures);
        self.facts.camps.extend(facts.camps);
        self.facts.deferred.extend(facts.deferred);
        self.facts.records += facts.records;
        if r.has_body {
            for rec in &mut r.kept {
                if let Some(i) = rec.location.record.as_mut() {
                    *i += self.offset;
                }
            }
            self.kept.append(&mut r.kept);
            self.pending = r.tail.take().map(|t| self.shift(t));
        }
        self.offset += r.rows;
        self.rows += r.rows;
        self.built += r.built;
        for (a, b) in self.filled.iter_mut().zip(&r.filled) {
            *a += b;
        }
        for (a, b) in self.placeholders.iter_mut().zip(&r.placeholders) {
            a.merge(b);
        }
    }

    fn feed(&mut self, (rec, diags): (Located<T>, Vec<Diagnostic>)) {
        self.pending = match self.pending.take() {
            None => Some((rec, diags)),
            Some((mut p, mut pd)) => match p.record.absorb(rec.record) {
                Ok(()) => {
                    pd.extend(diags);
                    Some((p, pd))
                }
                Err(next) => {
                    self.finish_pending(p, pd);
                    Some((
                        Located {
                            record: next,
                            location: rec.location,
                        },
                        diags,
                    ))
                }
            },
        };
    }

    fn finish_pending(&mut self, rec: Located<T>, diags: Vec<Diagnostic>) {
        let (world, sink, facts) = (self.world, &mut self.sink, &mut self.facts);
        finish_kept(rec, diags, world, sink, facts, &mut self.kept);
    }

    /// Ends the file: writes its last findings, gives the kind its ids and facts back, and
    /// returns the records kept.
    fn finish(
        mut self,
        layout: &Layout,
        state: &mut KindState,
        report: &mut Report,
        emit: &mut Emitter<'_>,
    ) -> Vec<Located<T>> {
        if let Some((p, pd)) = self.pending.take() {
            self.finish_pending(p, pd);
        }
        self.index_own();
        if self.built == 0 {
            self.sink.push(csv_read::header_only(&layout.file));
        }
        for (i, tally) in self.placeholders.iter().enumerate() {
            if let Some(d) = tally.finding(&layout.file, &layout.field_name(i)) {
                self.sink.push(d);
            }
        }
        let threshold = self.sink.cx.options.limits.empty_column_threshold;
        if self.rows > 0 && self.sink.on(Code::SparseColumn) {
            for (i, &n) in self.filled.iter().enumerate() {
                let empty = self.rows - n;
                #[allow(clippy::cast_precision_loss)]
                if empty as f64 > threshold * self.rows as f64 {
                    let d =
                        completeness::sparse(&layout.file, &layout.field_name(i), empty, self.rows);
                    self.sink.push(d);
                }
            }
        }
        super::sources::check(&layout.file, self.world, &mut self.sink, &mut self.facts);
        self.tally_no_source();
        if let Some(first) = self.no_source_first.take()
            && self.sink.cx.options.file_source(&layout.file).is_none()
        {
            let records = self.facts.records;
            let d = completeness::no_source_summary(first, self.no_source, records);
            self.sink.out.push(d);
        }
        emit.emit_all(&mut self.sink.out);
        state.ids = self.ids;
        let (files, mut sink) = (&self.world.files, Sink::new(self.sink.cx, T::KIND));
        state.absorb(self.facts, self.file_no, files, &mut sink, report);
        self.kept
    }
}

/// What a file's validation gives besides findings: the records (when kept), and a count of
/// the bytes done so far for progress.
struct Out<'a, 'e, T> {
    kept: Vec<Located<T>>,
    on_bytes: &'a dyn Fn(u64),
    /// Bytes of the current file reported so far.
    done: u64,
    /// Where findings go.
    emit: &'a mut Emitter<'e>,
}

impl<T> Out<'_, '_, T> {
    fn advance(&mut self, bytes: u64) {
        self.done += bytes;
        (self.on_bytes)(bytes);
    }

    /// Reports the rest of a file of `size` bytes (its header, what no block held).
    fn complete(&mut self, size: u64) {
        if size != u64::MAX && size > self.done {
            self.advance(size - self.done);
        }
    }
}

/// Validates one CSV file: decodes it to UTF-8 ([`crate::io::TextEncoding`]), then
/// [`csv_text`].
#[allow(clippy::too_many_arguments)]
fn csv_file<T: Check>(
    path: &Path,
    name: &str,
    file_no: u32,
    cx: &Context,
    world: &World,
    state: &mut KindState,
    report: &mut Report,
    out: &mut Out<'_, '_, T>,
) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    let size = file.metadata().map_or(u64::MAX, |m| m.len());
    let text = crate::io::open_text(file, name, cx.options.encoding)
        .map_err(|e| Error::io("read", path, e))?;
    match text {
        Ok(t) => {
            let first = t.decoding.finding(name).into_iter().collect();
            let text = CsvText {
                path,
                name,
                reader: t.reader,
                size,
                first,
            };
            csv_text(text, file_no, cx, world, state, report, out)
        }
        Err(refused) => {
            let mut sink = Sink::new(cx, T::KIND);
            sink.push(refused);
            out.emit.emit_all(&mut sink.out);
            out.complete(size);
            Ok(())
        }
    }
}

/// UTF-8 CSV text to validate: a decoded file, or a spreadsheet's sheet.
struct CsvText<'a> {
    /// The file (for I/O errors).
    path: &'a Path,
    /// Its name in findings.
    name: &'a str,
    reader: Box<dyn std::io::Read + Send>,
    /// Its size in bytes, for progress (`u64::MAX`: unknown).
    size: u64,
    /// Findings to put first (the encoding read).
    first: Vec<Diagnostic>,
}

/// Validates UTF-8 CSV text: the one block reader, on one or several threads.
fn csv_text<T: Check>(
    text: CsvText<'_>,
    file_no: u32,
    cx: &Context,
    world: &World,
    state: &mut KindState,
    report: &mut Report,
    out: &mut Out<'_, '_, T>,
) -> Result<()> {
    let CsvText {
        path,
        name,
        reader,
        size,
        first,
    } = text;
    let options = &cx.options;
    let opened = csv_read::open_csv(
        reader,
        name,
        T::KIND,
        &options.csv_options(),
        options.block_size,
    )
    .map_err(|e| Error::io("read", path, e))?;
    let (layout, header, mut splitter) = match opened {
        Opened::Stop(findings) => {
            let mut sink = Sink::new(cx, T::KIND);
            sink.extend(first);
            sink.extend(findings);
            out.emit.emit_all(&mut sink.out);
            out.complete(size);
            return Ok(());
        }
        Opened::Ready {
            layout,
            findings,
            splitter,
        } => (layout, findings, splitter),
    };
    let mut ids = std::mem::take(&mut state.ids);
    if ids.is_empty() {
        // Room for the ids up front (about one per 200 bytes; pages are touched as ids
        // arrive), so that the index is not copied or rehashed while it grows.
        ids = IdIndex::indexing(usize::try_from(size / 200).unwrap_or(0).min(1 << 22));
    }
    let mut collector = Collector::<T>::new(cx, world, layout.width(), name, file_no, ids);
    collector.sink.extend(first);
    collector.sink.extend(header);
    let threads = options.worker_threads();
    // Set when the record limit is passed or the findings cannot be written: the reader stops
    // cutting blocks.
    let stop = std::sync::atomic::AtomicBool::new(false);
    let read_error = if threads <= 1 || size <= options.block_size as u64 {
        loop {
            if collector.over.is_some() || out.emit.failed() {
                break None;
            }
            let mut split = Vec::new();
            match splitter.next_block(&mut split) {
                Ok(Some(block)) => {
                    let r = process_block::<T>(&layout, &block, split, cx, world);
                    out.advance(r.bytes);
                    collector.accept(r, out.emit);
                }
                Ok(None) => {
                    collector.sink.extend(split);
                    break None;
                }
                Err(e) => break Some(e),
            }
        }
    } else {
        let layout = &layout;
        let (block_tx, block_rx) =
            std::sync::mpsc::sync_channel::<(Block, Vec<Diagnostic>)>(threads * 2);
        let block_rx = std::sync::Mutex::new(block_rx);
        let mut last = Vec::new();
        let read_error = std::thread::scope(|s| {
            // Bounded too: when writing the findings is slower than finding them (millions of
            // findings), the workers wait instead of piling up results in memory.
            let (result_tx, result_rx) =
                std::sync::mpsc::sync_channel::<BlockResult<T>>(threads * 2);
            let stop = &stop;
            let last = &mut last;
            let reader = s.spawn(move || {
                loop {
                    if stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return None;
                    }
                    let mut split = Vec::new();
                    match splitter.next_block(&mut split) {
                        Ok(Some(b)) => {
                            if block_tx.send((b, split)).is_err() {
                                return None;
                            }
                        }
                        Ok(None) => {
                            *last = split;
                            return None;
                        }
                        Err(e) => return Some(e),
                    }
                }
            });
            for _ in 0..threads {
                let tx = result_tx.clone();
                let rx = &block_rx;
                s.spawn(move || {
                    loop {
                        let next = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => return,
                        };
                        let Ok((block, split)) = next else { return };
                        if tx
                            .send(process_block::<T>(layout, &block, split, cx, world))
                            .is_err()
                        {
                            return;
                        }
                    }
                });
            }
            drop(result_tx);
            for r in result_rx {
                out.advance(r.bytes);
                collector.accept(r, out.emit);
                if collector.over.is_some() || out.emit.failed() {
                    stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            reader.join().unwrap_or(None)
        });
        // What the splitter found after the last block (a record too large to cut) ends the
        // file.
        collector.sink.extend(last);
        read_error
    };
    if let (Some(line), Some(max)) = (collector.over, options.limits.max_records) {
        return Err(csv_read::too_many_records(name, Some(line), max));
    }
    if let Some(e) = read_error {
        return Err(Error::io("read", path, e));
    }
    out.kept = collector.finish(&layout, state, report, out.emit);
    out.complete(size);
    Ok(())
}

/// Validates one JSON or JSON Lines file (sequentially: such files are small).
fn json_file<T: Check>(
    path: &Path,
    file_no: u32,
    cx: &Context,
    world: &World,
    state: &mut KindState,
    report: &mut Report,
    out: &mut Out<'_, '_, T>,
) -> Result<()> {
    let mut sink = Sink::new(cx, T::KIND);
    let mut facts = Facts::default();
    let mut fatal = false;
    let mut reader = RecordReader::<T>::open(path, &cx.options.csv_options())?;
    // Placeholders read as missing (M217), from the record's values as written.
    let columns = T::KIND.columns();
    let watched: Vec<usize> = if cx.on(Code::ReadAsMissing) {
        (0..columns.len())
            .filter(|&i| placeholders::reads_placeholders(columns[i].name))
            .collect()
    } else {
        Vec::new()
    };
    let mut tallies = vec![Tally::default(); columns.len()];
    for item in reader.by_ref() {
        match item {
            ReadItem::Finding(d) => {
                fatal |= matches!(
                    d.code,
                    Code::MalformedJson | Code::InvalidEncoding | Code::EmptyFile
                );
                sink.push(d);
            }
            ReadItem::Record(rec, diags) => {
                if !watched.is_empty() {
                    tally_placeholders(&rec, &watched, &mut tallies);
                }
                text_of_record(&rec, &mut sink);
                finish_kept(rec, diags, world, &mut sink, &mut facts, &mut out.kept);
            }
        }
    }
    if let Some(e) = reader.take_error() {
        return Err(e);
    }
    out.complete(std::fs::metadata(path).map_or(0, |m| m.len()));
    if facts.records == 0 && !fatal {
        sink.push(Diagnostic::new(
            Code::HeaderOnly,
            "the file has no records",
            Location::file(path.display().to_string()),
        ));
    }
    let name = path.display().to_string();
    for (i, tally) in tallies.iter().enumerate() {
        if let Some(d) = tally.finding(&name, columns[i].name) {
            sink.push(d);
        }
    }
    super::sources::check(&name, world, &mut sink, &mut facts);
    let source = cx.options.file_source(&name);
    completeness::fold_no_source(&mut sink.out, &name, facts.records, source);
    state.absorb(facts, file_no, &world.files, &mut sink, report);
    out.emit.emit_all(&mut sink.out);
    Ok(())
}

/// Where a run puts what it finds and keeps: the findings (written or kept), the records (when
/// [`Context::keep`]) and the progress (bytes done).
struct Keep<'a, 'e> {
    archive: Archive,
    on_bytes: &'a dyn Fn(u64),
    emit: Emitter<'e>,
}

#[allow(clippy::too_many_arguments)]
fn run_file(
    input: &Input,
    name: &str,
    file_no: u32,
    cx: &Context,
    world: &World,
    state: &mut KindState,
    report: &mut Report,
    keep: &mut Keep<'_, '_>,
) -> Result<()> {
    #[allow(clippy::too_many_arguments)]
    fn go<T: Check>(
        input: &Input,
        name: &str,
        file_no: u32,
        cx: &Context,
        world: &World,
        state: &mut KindState,
        report: &mut Report,
        slot: &mut Vec<Located<T>>,
        on_bytes: &dyn Fn(u64),
        emit: &mut Emitter<'_>,
    ) -> Result<()> {
        let mut out = Out {
            kept: Vec::new(),
            on_bytes,
            done: 0,
            emit,
        };
        match FileFormat::from_path(&input.path) {
            Some(FileFormat::Csv) => {
                csv_file::<T>(
                    &input.path,
                    name,
                    file_no,
                    cx,
                    world,
                    state,
                    report,
                    &mut out,
                )?;
            }
            Some(FileFormat::Json | FileFormat::JsonLines) => {
                json_file::<T>(&input.path, file_no, cx, world, state, report, &mut out)?;
            }
            Some(FileFormat::Spreadsheet) => {
                let only = cx.options.sheet.as_deref();
                for sheet in crate::io::sheet::read_sheets(&input.path, name, T::KIND, only)? {
                    let from = out.kept.len();
                    let text = CsvText {
                        path: &input.path,
                        name: &sheet.name,
                        size: sheet.csv.len() as u64,
                        reader: Box::new(std::io::Cursor::new(sheet.csv)),
                        first: Vec::new(),
                    };
                    out.done = 0;
                    // Registered first: the sheet's findings are handed on as it is read.
                    out.emit.sheets.push(sheet.map);
                    csv_text::<T>(text, file_no, cx, world, state, report, &mut out)?;
                    if let Some(map) = out.emit.sheets.last() {
                        for rec in &mut out.kept[from..] {
                            map.locate(&mut rec.location);
                        }
                    }
                }
            }
            None => {
                return Err(ErrorKind::UnsupportedFormat {
                    path: input.path.clone(),
                    reason: FileFormat::EXPECTED.into(),
                }
                .into());
            }
        }
        if slot.is_empty() {
            *slot = out.kept;
        } else {
            slot.append(&mut out.kept);
        }
        Ok(())
    }
    let (a, on, e) = (&mut keep.archive, keep.on_bytes, &mut keep.emit);
    let (i, n, f) = (input, name, file_no);
    match input.kind {
        DatasetKind::Sources => go(i, n, f, cx, world, state, report, &mut a.sources, on, e),
        DatasetKind::Figures => go(i, n, f, cx, world, state, report, &mut a.figures, on, e),
        DatasetKind::Events => go(i, n, f, cx, world, state, report, &mut a.events, on, e),
        DatasetKind::Camps => go(i, n, f, cx, world, state, report, &mut a.camps, on, e),
        DatasetKind::Victims => go(i, n, f, cx, world, state, report, &mut a.victims, on, e),
        DatasetKind::Estimates => go(i, n, f, cx, world, state, report, &mut a.estimates, on, e),
        DatasetKind::Claims => go(i, n, f, cx, world, state, report, &mut a.claims, on, e),
    }
}

/// Validates files, streaming: see the [module documentation](self). The findings are kept
/// in the report.
pub(crate) fn validate_inputs(inputs: &[Input], options: &ValidateOptions) -> Result<Report> {
    run(inputs, options, false, &|_| {}, Emitter::keep()).map(|(report, _, _)| report)
}

/// Validates files, streaming, and hands each finding to `on_finding` as soon as its place in
/// the order is known (see [`super::stream`]). The report's findings stay empty; its
/// [`Report::summary`] is the one of all findings.
pub(crate) fn validate_streaming(
    inputs: &[Input],
    options: &ValidateOptions,
    on_finding: &mut dyn FnMut(&Diagnostic) -> std::io::Result<()>,
) -> Result<super::Summary> {
    run(inputs, options, false, &|_| {}, Emitter::call(on_finding)).map(|(_, _, summary)| summary)
}

/// Validates files and keeps the records read, whole, in an [`Archive`] (without reader
/// findings: they are all in the report). `on_bytes` hears of each piece of input done.
pub(crate) fn validate_keeping(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
) -> Result<(Report, Archive)> {
    run(inputs, options, true, on_bytes, Emitter::keep())
        .map(|(report, archive, _)| (report, archive))
}

fn run(
    inputs: &[Input],
    options: &ValidateOptions,
    keep_records: bool,
    on_bytes: &dyn Fn(u64),
    emit: Emitter<'_>,
) -> Result<(Report, Archive, super::Summary)> {
    let mut cx = Context::new(options.clone());
    cx.keep = keep_records;
    let mut world = World::new(inputs.iter().map(|i| i.kind), options.require_all_files);
    let mut report = Report::default();
    let mut keep = Keep {
        archive: Archive::default(),
        on_bytes,
        emit,
    };
    for kind in DatasetKind::ALL {
        let files: Vec<&Input> = inputs.iter().filter(|i| i.kind == kind).collect();
        if files.is_empty() {
            continue;
        }
        let mut state = KindState::new(kind);
        for input in files {
            let name = input.path.display().to_string();
            let file_no = u32::try_from(world.files.len()).unwrap_or(u32::MAX);
            world.files.push(name.clone());
            report.files.push(name.clone());
            run_file(
                input,
                &name,
                file_no,
                &cx,
                &world,
                &mut state,
                &mut report,
                &mut keep,
            )?;
            if let Some(e) = keep.emit.take_error() {
                return Err(Error::io("write the findings of", &input.path, e));
            }
        }
        world.close_kind(state);
    }
    world.resolve(&cx, &mut keep.emit);
    if let Some(e) = keep.emit.take_error() {
        return Err(Error::io("write the findings of", "the references", e));
    }
    let summary = {
        let ([errors, warnings, infos], by_code) = keep.emit.counts();
        super::Summary {
            files: report.files.len(),
            records: report.records,
            errors,
            warnings,
            infos,
            by_code: by_code
                .iter()
                .map(|(c, n)| (c.id().to_owned(), *n))
                .collect(),
        }
    };
    let mut archive = keep.archive;
    report.findings = keep.emit.into_findings();
    if keep_records {
        archive.files = inputs.iter().map(|i| (i.path.clone(), i.kind)).collect();
        super::sources::attach(&mut archive, options);
        archive.attach();
    }
    Ok((report, archive, summary))
}

/// Validates a loaded [`Archive`] with the same rules (except `sparse-column`, which needs
/// the files' columns).
pub(crate) fn validate_loaded(archive: &Archive, options: &ValidateOptions) -> Report {
    let cx = Context::new(options.clone());
    let mut world = World::new(
        archive.files.iter().map(|(_, k)| *k),
        options.require_all_files,
    );
    let mut report = Report {
        files: archive
            .files
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect(),
        ..Report::default()
    };
    world.files.clone_from(&report.files);
    let kind_of: HashMap<String, DatasetKind> = archive
        .files
        .iter()
        .map(|(p, k)| (p.display().to_string(), *k))
        .collect();
    for d in &archive.findings {
        let kind = d
            .location
            .file
            .as_ref()
            .and_then(|f| kind_of.get(f))
            .copied()
            .unwrap_or(DatasetKind::Victims);
        let mut sink = Sink::new(&cx, kind);
        sink.push(d.clone());
        report.findings.extend(sink.out);
    }
    fn kind<T: Check>(
        records: &[Located<T>],
        cx: &Context,
        world: &mut World,
        names: &[String],
        file_no: &dyn Fn(&Location) -> u32,
        report: &mut Report,
    ) {
        if records.is_empty() && !world.loaded[kind_index(T::KIND)] {
            return;
        }
        let mut state = KindState::new(T::KIND);
        let mut sink = Sink::new(cx, T::KIND);
        for rec in records {
            let mut facts = Facts::default();
            text_of_record(rec, &mut sink);
            finish_record(rec, Vec::new(), world, &mut sink, &mut facts);
            state.absorb(facts, file_no(&rec.location), names, &mut sink, report);
        }
        report.findings.append(&mut sink.out);
        world.close_kind(state);
    }
    let names = world.files.clone();
    let file_no = |loc: &Location| {
        loc.file
            .as_ref()
            .and_then(|f| names.iter().position(|n| n == f))
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(0)
    };
    let (w, n, r) = (&mut world, &names[..], &mut report);
    kind(&archive.sources, &cx, w, n, &file_no, r);
    kind(&archive.figures, &cx, w, n, &file_no, r);
    kind(&archive.events, &cx, w, n, &file_no, r);
    kind(&archive.camps, &cx, w, n, &file_no, r);
    kind(&archive.victims, &cx, w, n, &file_no, r);
    kind(&archive.estimates, &cx, w, n, &file_no, r);
    kind(&archive.claims, &cx, w, n, &file_no, r);
    report.sort();
    let mut emit = Emitter::keep();
    world.resolve(&cx, &mut emit);
    report.findings.extend(emit.into_findings());
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of any size and any number of threads give the same report, including victims
    /// whose case rows straddle block boundaries.
    #[test]
    fn blocks_and_threads_do_not_change_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("victims.csv");
        let mut text = String::from(
            "id,case,surname,birth_date,arrest_date,sentence_date,sentence,notes,source_ids\n",
        );
        for i in 0..600u32 {
            let id = if i % 53 == 0 && i > 0 { i - 1 } else { i };
            let arrest = if i % 41 == 0 {
                "1938-05-01"
            } else {
                "1937-08-02"
            };
            let notes = if i % 29 == 0 {
                "\"две\nстроки\""
            } else {
                ""
            };
            text.push_str(&format!(
                "v{id},1,Ф{i},1900,{arrest},1938-02-25,ВМН,{notes},s1\n"
            ));
            for case in 2..=(i % 4) {
                // Later cases are checked against the birth date on the first row.
                let arrest = if case == 2 && i % 5 == 0 {
                    "1899"
                } else {
                    "1939"
                };
                text.push_str(&format!("v{id},{case},,,{arrest},1940,10 лет ИТЛ,,s1\n"));
            }
            if i % 97 == 0 {
                text.push_str(",,,\n\n");
            }
        }
        std::fs::write(&path, text).unwrap();
        let inputs = [Input {
            path,
            kind: DatasetKind::Victims,
        }];
        let run = |threads: usize, block_size: usize| {
            let options = ValidateOptions {
                threads,
                block_size,
                ..ValidateOptions::default()
            };
            let r = validate_inputs(&inputs, &options).unwrap();
            (r.records, format!("{:#?}", r.findings))
        };
        let reference = run(1, 1 << 20);
        assert!(reference.0 > 500);
        assert!(reference.1.contains("DuplicateId"));
        assert!(reference.1.contains("EventBeforeBirth"));
        for (threads, block) in [(1, 64), (3, 64), (2, 333), (4, 4096)] {
            assert!(
                run(threads, block) == reference,
                "threads {threads}, blocks of {block} bytes"
            );
        }
    }
}
