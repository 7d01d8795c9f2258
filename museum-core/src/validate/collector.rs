//! The collector: takes the blocks' results in file order on the calling thread, merges a
//! victim whose case rows straddle two blocks, indexes the ids in file order (a repeated id is
//! reported when it is read) and writes the findings no later block can precede.

use std::collections::BTreeMap;

use super::Report;
use super::block::{BlockResult, Handed, finish_kept};
use super::ids::IdIndex;
use super::kinds::Check;
use super::rules::completeness;
use super::rules::placeholders::Tally;
use super::sink::{Context, Sink};
use super::stream::Emitter;
use super::world::{Facts, KindState, World, index_ids};
use crate::diagnostic::{Code, Diagnostic};
use crate::io::Located;
use crate::io::csv_read::{self, Layout};

/// Takes block results in file order, indexes their ids and writes their findings.
pub(crate) struct Collector<'a, T> {
    world: &'a World,
    pub(crate) sink: Sink<'a>,
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
    pub(crate) over: Option<u64>,
    /// The records finished so far, in file order (when the run keeps them), after `handed`.
    kept: Vec<Located<T>>,
    /// What is to be handed over before `kept`, in file order, when blocks were digested on
    /// their workers ([`super::block::Digest`]).
    handed: Vec<Handed<T>>,
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
    pub(crate) fn new(
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
            handed: Vec::new(),
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
    pub(crate) fn accept(&mut self, r: BlockResult<T>, emit: &mut Emitter<'_>) {
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
            if let Some(d) = r.digested.take() {
                if !self.kept.is_empty() {
                    self.handed
                        .push(Handed::Records(std::mem::take(&mut self.kept)));
                }
                self.handed.push(Handed::Digested(d));
            }
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

    /// The records finished so far (in file order), taken, as records or as what their
    /// blocks' workers made of them: the record still open is not among them.
    pub(crate) fn take_kept(&mut self) -> Vec<Handed<T>> {
        if !self.kept.is_empty() {
            self.handed
                .push(Handed::Records(std::mem::take(&mut self.kept)));
        }
        std::mem::take(&mut self.handed)
    }

    /// Ends the file: writes its last findings, gives the kind its ids and facts back, and
    /// returns the records kept.
    pub(crate) fn finish(
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
        debug_assert!(
            self.handed.is_empty(),
            "digested blocks are handed over as read"
        );
        self.kept
    }
}
