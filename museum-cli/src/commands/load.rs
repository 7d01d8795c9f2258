//! Finding and reading the dataset files named on the command line, shared by the commands
//! that read datasets (validate, dedup's decisions, export, stats, report).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use museum_core::Diagnostic;
use museum_core::dedup::{DECISIONS_FILE, Decision, read_decisions};
use museum_core::io::{
    Archive, CsvOptions, DatasetKind, FileFormat, Located, ReadItem, Record, RecordReader,
};
use museum_core::validate::{Config, Input, ValidateOptions, dataset_files};

use crate::printer::Printer;
use crate::progress::Progress;

/// The files to read: directories give their dataset files (kind order, then by name; names
/// that tell no kind are skipped with a warning), files their kind (`--kind` or the name).
pub(crate) fn inputs(
    paths: &[PathBuf],
    kind: Option<DatasetKind>,
    printer: &Printer,
) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (found, skipped) = dataset_files(path)
                .with_context(|| format!("cannot read the datasets in `{}`", path.display()))?;
            for s in skipped {
                printer.warn(&format!(
                    "skipped `{}`: its name does not tell what it holds",
                    s.display()
                ));
            }
            if found.is_empty() {
                printer.warn(&format!(
                    "`{}` has no dataset files (`victims.csv`, `figures.csv`…)",
                    path.display()
                ));
            }
            inputs.extend(found);
        } else if path.is_file() {
            let k = super::file_kind(path, kind)?;
            inputs.push(Input {
                path: path.clone(),
                kind: k,
            });
        } else {
            anyhow::bail!("`{}` does not exist", path.display());
        }
    }
    Ok(inputs)
}

/// The project configuration of a run: `config` (`--config`), else the `museum.toml` in the
/// first directory given (or beside the first file) that has one, else the defaults.
pub(crate) fn config(config: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<Config> {
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => paths.iter().find_map(|p| Config::find(p)),
    };
    Ok(match &path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    })
}

/// The validation options of a run: [`config`] applied to the defaults, then `--max-records`.
pub(crate) fn validate_options(
    config_path: Option<&Path>,
    paths: &[PathBuf],
    max_records: Option<u64>,
) -> anyhow::Result<ValidateOptions> {
    let mut options = config(config_path, paths)?.apply(ValidateOptions::default())?;
    if max_records.is_some() {
        options.limits.max_records = max_records;
    }
    Ok(options)
}

/// The record limit of a run: `--max-records`, else `max_records` under `[limits]` in the
/// `museum.toml` beside the data.
pub(crate) fn max_records(flag: Option<u64>, paths: &[PathBuf]) -> anyhow::Result<Option<u64>> {
    Ok(match flag {
        Some(n) => Some(n),
        None => validate_options(None, paths, None)?.limits.max_records,
    })
}

/// The same/different decisions of a run: `explicit` (`--decisions FILE`), else `decisions.csv`
/// beside the data when there is one, none with `ignore` (`--no-decisions`). Rows that cannot be
/// read are warned about, not fatal.
pub(crate) fn decisions(
    explicit: Option<&Path>,
    ignore: bool,
    paths: &[PathBuf],
    printer: &Printer,
) -> anyhow::Result<Vec<Decision>> {
    let path = match (explicit, ignore) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, true) => None,
        (None, false) => decisions_beside(paths).filter(|p| p.exists()),
    };
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let (decisions, problems) = read_decisions(&path)
        .with_context(|| format!("cannot read the decisions in `{}`", path.display()))?;
    for p in problems {
        printer.warn(&p);
    }
    printer.note(&format!(
        "using {} decision(s) from `{}`",
        decisions.len(),
        path.display()
    ));
    Ok(decisions)
}

/// `decisions.csv` in the first directory given, or beside the first file.
pub(crate) fn decisions_beside(paths: &[PathBuf]) -> Option<PathBuf> {
    let first = paths.first()?;
    let dir = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    Some(dir.join(DECISIONS_FILE))
}

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Loads the dataset files into one archive, showing progress in bytes.
///
/// The same records and findings as [`Archive::load_file`] on each input in turn (inputs come
/// from [`inputs`]: kind order, sources first, then by name), but CSV files are read through
/// a byte counter, so a million-row list shows how far it got, and big ones in two halves.
pub(crate) fn archive(
    inputs: &[Input],
    options: &CsvOptions,
    progress: &Progress,
) -> anyhow::Result<Archive> {
    let files: Vec<(PathBuf, DatasetKind)> =
        inputs.iter().map(|i| (i.path.clone(), i.kind)).collect();
    let total: u64 = files
        .iter()
        .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();
    progress.stage_bytes("reading", total);
    let read = Arc::new(AtomicU64::new(0));
    let mut archive = Archive::default();
    for (path, kind) in files {
        let before = read.load(Ordering::Relaxed);
        if FileFormat::from_path(&path) == Some(FileFormat::Csv) {
            let a = &mut archive;
            let f = &mut a.findings;
            let (p, r) = (path.as_path(), &read);
            match kind {
                DatasetKind::Figures => read_csv(p, options, r, progress, &mut a.figures, f)?,
                DatasetKind::Events => read_csv(p, options, r, progress, &mut a.events, f)?,
                DatasetKind::Camps => read_csv(p, options, r, progress, &mut a.camps, f)?,
                DatasetKind::Victims => read_csv(p, options, r, progress, &mut a.victims, f)?,
                DatasetKind::Sources => read_csv(p, options, r, progress, &mut a.sources, f)?,
                DatasetKind::Estimates => {
                    read_csv(p, options, r, progress, &mut a.estimates, f)?;
                }
                DatasetKind::Claims => read_csv(p, options, r, progress, &mut a.claims, f)?,
            }
            archive.files.push((path.clone(), kind));
        } else {
            archive
                .load_file(&path, kind, options)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            read.store(before + size, Ordering::Relaxed);
            progress.set_position(before + size);
        }
    }
    archive.attach();
    Ok(archive)
}

fn push<T>(item: ReadItem<T>, into: &mut Vec<Located<T>>, findings: &mut Vec<Diagnostic>) {
    match item {
        ReadItem::Record(r, d) => {
            into.push(r);
            findings.extend(d);
        }
        ReadItem::Finding(d) => findings.push(d),
    }
}

fn location<T>(item: &ReadItem<T>) -> &museum_core::Location {
    match item {
        ReadItem::Record(r, _) => &r.location,
        ReadItem::Finding(d) => &d.location,
    }
}

/// CSV files at least this big are read by two threads (`MUSEUM_SPLIT_READ_BYTES` overrides
/// it, for tests).
fn split_threshold() -> u64 {
    std::env::var("MUSEUM_SPLIT_READ_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32 << 20)
}

/// Where a CSV file is cut in two: its header line, the byte offset of the line after the
/// middle, and that line's 1-based number.
struct Split {
    header: Vec<u8>,
    offset: u64,
    line: u64,
}

fn split_point(path: &Path, size: u64) -> std::io::Result<Option<Split>> {
    use std::io::BufRead as _;
    let mut header = Vec::new();
    std::io::BufReader::new(File::open(path)?).read_until(b'\n', &mut header)?;
    if !header.ends_with(b"\n") {
        return Ok(None);
    }
    let mid = size / 2;
    let mut file = File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut pos, mut lines) = (0u64, 0u64);
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let chunk = &buf[..n];
        if pos + (n as u64) <= mid {
            lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        } else {
            for (i, &b) in chunk.iter().enumerate() {
                if b == b'\n' {
                    lines += 1;
                    let at = pos + i as u64;
                    if at >= mid {
                        return Ok((at + 1 < size).then_some(Split {
                            header,
                            offset: at + 1,
                            line: lines + 1,
                        }));
                    }
                }
            }
        }
        pos += n as u64;
    }
}

/// Reads one CSV file into `into` and `findings`, exactly as `RecordReader` would.
///
/// A large file is cut at a line near its middle and the two halves are parsed on two
/// threads (reading is most of the time of a report on a million rows). The cut is checked,
/// not assumed: the first half is read until the record that starts the second half, and
/// if no record starts at the cut (it fell inside a quoted multi-line value, or inside a
/// person's continued case rows), or the second half reads differently (no `id` column: ids
/// come from line numbers), the second half is thrown away and the first reader simply
/// reads on. Lines and record numbers of the second half are shifted to the whole file's.
fn read_csv<T: Record + Send>(
    path: &Path,
    options: &CsvOptions,
    read: &Arc<AtomicU64>,
    progress: &Progress,
    into: &mut Vec<Located<T>>,
    findings: &mut Vec<Diagnostic>,
) -> anyhow::Result<()> {
    let name = path.display().to_string();
    let open = || -> anyhow::Result<Counting<File>> {
        Ok(Counting {
            inner: File::open(path).map_err(|e| museum_core::Error::io("open", path, e))?,
            read: Arc::clone(read),
        })
    };
    let tick = || progress.set_position(read.load(Ordering::Relaxed));
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let cores = museum_core::default_threads();
    // With a record limit the file is read in one go, which stops at the limit.
    let split = if options.max_records.is_none() && cores > 1 && size >= split_threshold() {
        split_point(path, size).ok().flatten()
    } else {
        None
    };
    let mut first = RecordReader::<T>::from_csv_reader(open()?, &name, options);
    let Some(split) = split else {
        for (i, item) in first.by_ref().enumerate() {
            push(item, into, findings);
            if i % 8192 == 0 {
                tick();
            }
        }
        tick();
        if let Some(e) = first.take_error() {
            return Err(e.into());
        }
        return Ok(());
    };
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let second = scope.spawn(|| -> anyhow::Result<Vec<ReadItem<T>>> {
            use std::io::{Seek as _, SeekFrom};
            let mut file = open()?;
            file.inner.seek(SeekFrom::Start(split.offset))?;
            let reader = std::io::Cursor::new(split.header.clone()).chain(file);
            Ok(RecordReader::<T>::from_csv_reader(reader, &name, options).collect())
        });
        // The first half's reading of the row that starts the second half.
        let mut meeting: Option<ReadItem<T>> = None;
        for (i, item) in first.by_ref().enumerate() {
            if i % 8192 == 0 {
                tick();
            }
            match location(&item).line {
                Some(l) if l == split.line => {
                    meeting = Some(item);
                    break;
                }
                Some(l) if l > split.line => {
                    push(item, into, findings);
                    break;
                }
                _ => push(item, into, findings),
            }
        }
        let second = second
            .join()
            .map_err(|_| anyhow::anyhow!("reading `{name}` failed unexpectedly"))??;
        let shift_line = split.line - 2;
        // The record number (0-based, whole file) of the first row of the second half.
        let record_shift = meeting.as_ref().and_then(|m| location(m).record);
        let usable = record_shift.is_some()
            && second.iter().all(|item| {
                let l = location(item);
                // No `id` column: ids are made from line numbers, which differ here.
                !(l.line == Some(1) && l.field.as_deref() == Some("id"))
            })
            && second
                .iter()
                .find(|item| location(item).line != Some(1))
                .is_some_and(|item| location(item).line == Some(2));
        progress.timing_note(format!(
            "`{name}` read {}",
            if usable {
                "in two halves"
            } else {
                "whole (the cut fell inside a record)"
            }
        ));
        if let (true, Some(record_shift)) = (usable, record_shift) {
            let shift = |l: &mut museum_core::Location| {
                if l.file.as_deref() == Some(name.as_str()) {
                    if let Some(line) = &mut l.line {
                        *line += shift_line;
                    }
                    if let Some(r) = &mut l.record {
                        *r += record_shift;
                    }
                }
            };
            let shift_diag = |d: &mut Diagnostic| {
                shift(&mut d.location);
                d.related.iter_mut().for_each(shift);
            };
            for item in second {
                match item {
                    // The header's findings were reported by the first half.
                    ReadItem::Finding(d) if d.location.line == Some(1) => {}
                    ReadItem::Finding(mut d) => {
                        shift_diag(&mut d);
                        findings.push(d);
                    }
                    ReadItem::Record(mut r, mut diags) => {
                        shift(&mut r.location);
                        diags.iter_mut().for_each(shift_diag);
                        into.push(r);
                        findings.extend(diags);
                    }
                }
            }
        } else {
            // The cut did not fall between two records: read on alone.
            for item in meeting.into_iter().chain(first) {
                push(item, into, findings);
            }
        }
        tick();
        Ok(())
    })
}
