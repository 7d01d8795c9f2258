//! The streaming validator.
//!
//! Files are validated kind by kind, in the order of [`DatasetKind::ALL`] (sources, figures,
//! events, camps, victims, estimates, claims), so that most references point at kinds already
//! read. Records are never all held in memory:
//!
//! - the calling thread cuts a CSV file into blocks on record boundaries (a mebibyte, less where
//!   findings are dense: the first blocks are small and grow while the findings are sparse);
//!   a rayon pool checks them ([`super::block`]): parses each block, reads each row as the
//!   rules read it (a victim row is not built into a record: see [`super::view`]), runs every
//!   per-record rule and drops the rows, keeping only compact facts (ids, a few links); at most
//!   two blocks a thread are in flight;
//! - the calling thread takes the blocks' results in file order ([`super::collector`]), merges
//!   a victim whose case rows straddle two blocks, and indexes the ids in file order: a
//!   repeated id is reported when it is read; once all files of a kind are done, the index
//!   answers reference checks from later kinds ([`super::world`]). References to kinds read
//!   later (a figure's `victim_id`) are checked at the very end;
//! - findings are written as blocks complete, in an order that does not depend on the number
//!   of threads or the size of blocks (see [`super::stream`]): a run holds the findings of the
//!   blocks in flight, not all of them.
//!
//! [`validate_keeping`] runs the same pass and keeps the records instead of dropping them
//! (built whole, as the readers build them): one reading gives both the report and the
//! [`Archive`] for the commands that need both.

use std::path::{Path, PathBuf};

use super::block::{
    BlockResult, Digest, Handed, finish_kept, process_block, tally_placeholders, text_of_record,
};
use super::collector::Collector;
use super::config::ValidateOptions;
use super::ids::IdIndex;
use super::rules::placeholders::{self, Tally};
use super::rules::{completeness, references};
use super::sink::{Context, Sink};
use super::stream::Emitter;
use super::world::{Facts, KindState, World};
use super::{Report, kinds::Check};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::error::{Error, ErrorKind, Result};
use crate::io::csv_read::{self, Opened};
use crate::io::{Archive, DatasetKind, FileFormat, Located, ReadItem, RecordReader};
use crate::model::Victim;

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

/// Where a run hands the records it keeps as they are read, instead of keeping them
/// ([`validate_handing`]): batches in file order, or what the workers made of them.
type Hand<'h, T> = &'h mut dyn FnMut(Handed<T>);

/// What a file's validation gives besides findings: the records (when kept), and a count of
/// the bytes done so far for progress.
struct FileOutput<'a, 'e, 'h, T> {
    kept: Vec<Located<T>>,
    /// Takes the records as blocks complete, when the run hands them over.
    hand: Option<Hand<'h, T>>,
    /// What the workers make of the records of each block before they are handed over (only
    /// with `hand`).
    digest: Option<&'h Digest<'h>>,
    on_bytes: &'a dyn Fn(u64),
    /// Bytes of the current file reported so far.
    done: u64,
    /// Where findings go.
    emit: &'a mut Emitter<'e>,
}

impl<T: Check> FileOutput<'_, '_, '_, T> {
    /// Hands the records the collector finished so far over, when the run hands them.
    fn hand_over(&mut self, collector: &mut Collector<'_, T>) {
        if let Some(hand) = self.hand.as_mut() {
            for piece in collector.take_kept() {
                hand(piece);
            }
        }
    }
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
    out: &mut FileOutput<'_, '_, '_, T>,
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
    out: &mut FileOutput<'_, '_, '_, T>,
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
    let mut cut = first_block_size(options.block_size);
    splitter.set_block_size(cut);
    let read_error = if threads <= 1 || size <= options.block_size as u64 {
        loop {
            if collector.over.is_some() || out.emit.failed() {
                break None;
            }
            let mut split = Vec::new();
            match splitter.next_block(&mut split) {
                Ok(Some(block)) => {
                    let r = process_block::<T>(&layout, &block, split, cx, world, out.digest);
                    cut = block_size_after(&r, options.block_size, cut);
                    splitter.set_block_size(cut);
                    out.advance(r.bytes);
                    collector.accept(r, out.emit);
                    out.hand_over(&mut collector);
                }
                Ok(None) => {
                    collector.sink.extend(split);
                    break None;
                }
                Err(e) => break Some(e),
            }
        }
    } else {
        let pool = crate::pool::workers(threads)
            .map_err(|e| Error::io("start the worker threads for", path, e))?;
        let layout = &layout;
        let digest = out.digest;
        // The calling thread cuts blocks and collects results in file order; the pool checks
        // the blocks. At most `2 × threads` blocks are in flight: when writing the findings is
        // slower than finding them (millions of findings), reading waits instead of piling up
        // results in memory.
        let most = threads * 2;
        let (tx, rx) = std::sync::mpsc::channel::<BlockResult<T>>();
        pool.in_place_scope(|s| {
            let mut in_flight = 0usize;
            // Takes a result; returns the size of the next blocks to cut.
            let take = |r: BlockResult<T>,
                        c: &mut Collector<'_, T>,
                        out: &mut FileOutput<'_, '_, '_, T>,
                        cut: usize| {
                let next = block_size_after(&r, options.block_size, cut);
                out.advance(r.bytes);
                c.accept(r, out.emit);
                out.hand_over(c);
                next
            };
            let mut last = Vec::new();
            let read_error = loop {
                while let Ok(r) = rx.try_recv() {
                    in_flight -= 1;
                    cut = take(r, &mut collector, out, cut);
                }
                if collector.over.is_some() || out.emit.failed() {
                    break None;
                }
                if in_flight >= most {
                    if let Ok(r) = rx.recv() {
                        in_flight -= 1;
                        cut = take(r, &mut collector, out, cut);
                    }
                    continue;
                }
                let mut split = Vec::new();
                splitter.set_block_size(cut);
                match splitter.next_block(&mut split) {
                    Ok(Some(block)) => {
                        in_flight += 1;
                        let tx = tx.clone();
                        s.spawn(move |_| {
                            let r = process_block::<T>(layout, &block, split, cx, world, digest);
                            // The receiver outlives the scope.
                            let _ = tx.send(r);
                        });
                    }
                    Ok(None) => {
                        last = split;
                        break None;
                    }
                    Err(e) => break Some(e),
                }
            };
            while in_flight > 0 {
                let Ok(r) = rx.recv() else { break };
                in_flight -= 1;
                take(r, &mut collector, out, cut);
            }
            // What the splitter found after the last block (a record too large to cut) ends
            // the file.
            collector.sink.extend(last);
            read_error
        })
    };
    if let (Some(line), Some(max)) = (collector.over, options.limits.max_records) {
        return Err(csv_read::too_many_records(name, Some(line), max));
    }
    if let Some(e) = read_error {
        return Err(Error::io("read", path, e));
    }
    let mut kept = collector.finish(&layout, state, report, out.emit);
    out.kept.append(&mut kept);
    out.complete(size);
    Ok(())
}

/// The findings a block should hold at most (a few megabytes): where findings are dense, blocks
/// are cut smaller, so that the blocks in flight hold about as much whatever the findings.
const FINDINGS_PER_BLOCK: usize = 4_096;

/// The first blocks of a file, and the smallest cut for density (unless the configured size is
/// smaller).
const FIRST_BLOCK: usize = 64 << 10;

/// The size of the first blocks of a file: small, until the first results tell how dense the
/// findings are (the blocks cut before any result comes back are all in flight at once).
fn first_block_size(block_size: usize) -> usize {
    FIRST_BLOCK.min(block_size)
}

/// The size of the blocks to cut after `r`, when the last were cut at `cut`: doubling up to the
/// configured `block_size`, but no larger than what holds about [`FINDINGS_PER_BLOCK`] findings
/// at `r`'s density. The output does not depend on block sizes, so neither does it on this.
fn block_size_after<T>(r: &BlockResult<T>, block_size: usize, cut: usize) -> usize {
    let bytes = usize::try_from(r.bytes).unwrap_or(usize::MAX);
    let dense = match r.findings.len() {
        0 => usize::MAX,
        n => (bytes / n).saturating_mul(FINDINGS_PER_BLOCK),
    };
    cut.saturating_mul(2)
        .min(dense)
        .clamp(first_block_size(block_size), block_size)
}

/// Validates one JSON or JSON Lines file (sequentially: such files are small).
fn json_file<T: Check>(
    path: &Path,
    file_no: u32,
    cx: &Context,
    world: &World,
    state: &mut KindState,
    report: &mut Report,
    out: &mut FileOutput<'_, '_, '_, T>,
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
struct RunSink<'a, 'e, 'h> {
    archive: Archive,
    on_bytes: &'a dyn Fn(u64),
    emit: Emitter<'e>,
    /// Takes the victims as they are read, instead of the archive, and what the workers
    /// make of each block's victims first.
    victims: Option<(Hand<'h, Victim>, Option<&'h Digest<'h>>)>,
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
    keep: &mut RunSink<'_, '_, '_>,
) -> Result<()> {
    #[allow(clippy::too_many_arguments)]
    fn run_kind<'h, T: Check>(
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
        hand: Option<(Hand<'h, T>, Option<&'h Digest<'h>>)>,
    ) -> Result<()> {
        let (hand, digest) = hand.map_or((None, None), |(h, d)| (Some(h), d));
        let mut out = FileOutput {
            kept: Vec::new(),
            hand,
            digest,
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
                    // The records are located in the sheet once it is read, then handed over.
                    let (hand, digest) = (out.hand.take(), out.digest.take());
                    let read = csv_text::<T>(text, file_no, cx, world, state, report, &mut out);
                    (out.hand, out.digest) = (hand, digest);
                    read?;
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
        if let Some(hand) = out.hand.as_mut() {
            if !out.kept.is_empty() {
                hand(Handed::Records(std::mem::take(&mut out.kept)));
            }
        } else if slot.is_empty() {
            *slot = out.kept;
        } else {
            slot.append(&mut out.kept);
        }
        Ok(())
    }
    let (a, on, e) = (&mut keep.archive, keep.on_bytes, &mut keep.emit);
    let (i, n, f) = (input, name, file_no);
    match input.kind {
        DatasetKind::Sources => run_kind(
            i,
            n,
            f,
            cx,
            world,
            state,
            report,
            &mut a.sources,
            on,
            e,
            None,
        ),
        DatasetKind::Figures => run_kind(
            i,
            n,
            f,
            cx,
            world,
            state,
            report,
            &mut a.figures,
            on,
            e,
            None,
        ),
        DatasetKind::Events => run_kind(
            i,
            n,
            f,
            cx,
            world,
            state,
            report,
            &mut a.events,
            on,
            e,
            None,
        ),
        DatasetKind::Camps => {
            run_kind(i, n, f, cx, world, state, report, &mut a.camps, on, e, None)
        }
        DatasetKind::Victims => {
            // Handed over as the archive would hold them: with the file's source.
            let options = &cx.options;
            // (A worker's digest attaches it itself.)
            let digest = keep.victims.as_ref().and_then(|(_, d)| *d);
            let mut hand = keep.victims.as_mut().map(|(h, _)| {
                move |piece: Handed<Victim>| match piece {
                    Handed::Records(mut batch) => {
                        super::sources::attach_to(&mut batch, options, |r| &mut r.source_ids);
                        h(Handed::Records(batch));
                    }
                    digested @ Handed::Digested(_) => h(digested),
                }
            });
            let hand = hand.as_mut().map(|h| (h as Hand<'_, Victim>, digest));
            run_kind(
                i,
                n,
                f,
                cx,
                world,
                state,
                report,
                &mut a.victims,
                on,
                e,
                hand,
            )
        }
        DatasetKind::Estimates => run_kind(
            i,
            n,
            f,
            cx,
            world,
            state,
            report,
            &mut a.estimates,
            on,
            e,
            None,
        ),
        DatasetKind::Claims => run_kind(
            i,
            n,
            f,
            cx,
            world,
            state,
            report,
            &mut a.claims,
            on,
            e,
            None,
        ),
    }
}

/// Validates files, streaming: see the [module documentation](self). The findings are kept
/// in the report.
pub(crate) fn validate_inputs(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
) -> Result<Report> {
    run(inputs, options, false, on_bytes, Emitter::keep(), None).map(|(report, _, _)| report)
}

/// Validates files, streaming, and hands each finding to `on_finding` as soon as its place in
/// the order is known (see [`super::stream`]). The report's findings stay empty; its
/// [`Report::summary`] is the one of all findings. `on_bytes` hears of each piece of input
/// done.
pub(crate) fn validate_streaming(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
    on_finding: &mut dyn FnMut(&Diagnostic) -> std::io::Result<()>,
) -> Result<super::Summary> {
    run(
        inputs,
        options,
        false,
        on_bytes,
        Emitter::call(on_finding),
        None,
    )
    .map(|(_, _, summary)| summary)
}

/// Validates files and keeps the records read, whole, in an [`Archive`] (without reader
/// findings: they are all in the report). `on_bytes` hears of each piece of input done.
pub(crate) fn validate_keeping(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
) -> Result<(Report, Archive)> {
    run(inputs, options, true, on_bytes, Emitter::keep(), None)
        .map(|(report, archive, _)| (report, archive))
}

/// [`validate_keeping`], handing the victims to `victims` as they are read (in batches, in
/// file order, with their file's source attached) instead of keeping them: the archive's
/// victims stay empty. Their claims are not attached (claims are read after the victims).
/// With `on_finding`, the findings are handed to it in order (as [`validate_streaming`] does)
/// instead of kept in the report.
pub(crate) fn validate_handing(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
    victims: &mut dyn FnMut(Vec<Located<Victim>>),
    on_finding: Option<super::OnFinding<'_>>,
) -> Result<(Report, Archive)> {
    let mut hand = |piece: Handed<Victim>| {
        // Nothing is digested without a digest.
        if let Handed::Records(batch) = piece {
            victims(batch);
        }
    };
    run(
        inputs,
        options,
        true,
        on_bytes,
        on_finding.map_or_else(Emitter::keep, Emitter::call),
        Some((&mut hand, None)),
    )
    .map(|(report, archive, _)| (report, archive))
}

/// [`validate_handing`], handing over what `digest` makes of each batch of victims instead of
/// the victims: a block's victims are digested on the worker that read them, which drops them
/// there (the victims finished where the blocks are put together, those whose case rows
/// straddle two blocks, are digested on the calling thread). The digests come in file order.
pub(crate) fn validate_digesting<D: Send + 'static>(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
    digest: &(dyn Fn(Vec<Located<Victim>>) -> D + Sync),
    victims: &mut dyn FnMut(D),
    on_finding: Option<super::OnFinding<'_>>,
) -> Result<(Report, Archive)> {
    let on_worker = |kept: &mut dyn std::any::Any| -> Box<dyn std::any::Any + Send> {
        let batch = kept.downcast_mut::<Vec<Located<Victim>>>();
        // The engine keeps victims here and nothing else: never another type.
        debug_assert!(
            batch.is_some(),
            "a worker kept something other than victims"
        );
        let mut batch = batch.map(std::mem::take).unwrap_or_default();
        super::sources::attach_to(&mut batch, options, |r| &mut r.source_ids);
        Box::new(digest(batch))
    };
    let mut hand = |piece: Handed<Victim>| match piece {
        Handed::Records(batch) => victims(digest(batch)),
        Handed::Digested(d) => {
            // Made by `on_worker` above: never another type.
            let d = d.downcast::<D>();
            debug_assert!(d.is_ok(), "a digest of another type");
            if let Ok(d) = d {
                victims(*d);
            }
        }
    };
    run(
        inputs,
        options,
        true,
        on_bytes,
        on_finding.map_or_else(Emitter::keep, Emitter::call),
        Some((&mut hand, Some(&on_worker))),
    )
    .map(|(report, archive, _)| (report, archive))
}

fn run<'h>(
    inputs: &[Input],
    options: &ValidateOptions,
    keep_records: bool,
    on_bytes: &dyn Fn(u64),
    emit: Emitter<'_>,
    victims: Option<(Hand<'h, Victim>, Option<&'h Digest<'h>>)>,
) -> Result<(Report, Archive, super::Summary)> {
    let mut cx = Context::new(options.clone());
    cx.keep = keep_records;
    let mut world = World::new(inputs.iter().map(|i| i.kind), options.require_all_files);
    let mut report = Report::default();
    let mut keep = RunSink {
        archive: Archive::default(),
        on_bytes,
        emit,
        victims,
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
    references::resolve(&mut world, &cx, &mut keep.emit);
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

#[cfg(test)]
mod tests;
