//! `museum report`: read datasets, validate them, compute statistics, write one self-contained
//! HTML page (or Markdown, JSON).

#[cfg(not(feature = "stats"))]
pub(crate) fn run(
    _args: &crate::args::ReportArgs,
    _global: &crate::args::GlobalArgs,
    _printer: &crate::printer::Printer,
) -> anyhow::Result<crate::exit::ExitStatus> {
    anyhow::bail!(
        "this `museum` was built without statistics, which `report` needs\n\nhint: rebuild with the default features: `cargo install --locked --path museum-cli`"
    )
}

#[cfg(feature = "stats")]
pub(crate) use imp::{load, run};

#[cfg(feature = "stats")]
mod imp {
    use std::fs::File;
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    use anyhow::Context;
    use museum_core::Diagnostic;
    use museum_core::io::{
        Archive, CsvOptions, DatasetKind, FileFormat, Located, ReadItem, Record, RecordReader,
    };
    use museum_core::report::{self, Dedup, ReportOptions};
    use museum_core::stats::Progress as _;
    use museum_core::validate::{ValidateOptions, validate_archive};

    use crate::args::{GlobalArgs, ReportArgs, ReportFormat};
    use crate::exit::ExitStatus;
    use crate::printer::Printer;
    use crate::progress::Progress;

    pub(crate) fn run(
        args: &ReportArgs,
        global: &GlobalArgs,
        printer: &Printer,
    ) -> anyhow::Result<ExitStatus> {
        let format = args.format.unwrap_or_else(|| {
            match args
                .output
                .as_deref()
                .and_then(Path::extension)
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("md" | "markdown") => ReportFormat::Md,
                Some("json") => ReportFormat::Json,
                _ => ReportFormat::Html,
            }
        });
        let output = args.output.clone().unwrap_or_else(|| {
            PathBuf::from(match format {
                ReportFormat::Html => "report.html",
                ReportFormat::Md => "report.md",
                ReportFormat::Json => "report.json",
            })
        });
        let progress = Progress::new(global);
        let archive = load(&args.paths, args.kind.map(Into::into), printer, &progress)?;
        let dedup = if args.no_dedup {
            Dedup::Skipped
        } else {
            // Human decisions beside the data (`decisions.csv`), as `museum dedup` reads them.
            let decisions = match crate::commands::dedup::default_decisions(&args.paths)
                .filter(|p| p.exists())
            {
                Some(p) => {
                    let (d, problems) =
                        museum_core::dedup::read_decisions(&p).with_context(|| {
                            format!("cannot read the decisions in `{}`", p.display())
                        })?;
                    for pr in problems {
                        printer.warn(&pr);
                    }
                    printer.note(&format!(
                        "using {} decision(s) from `{}`",
                        d.len(),
                        p.display()
                    ));
                    d
                }
                None => Vec::new(),
            };
            progress.stage("deduplicating", None);
            deduplicate(&archive, &decisions)
        };
        let options = ReportOptions {
            title: args
                .title
                .clone()
                .unwrap_or_else(|| ReportOptions::default().title),
            generated: Some(crate::commands::today()),
            top: args.top,
            max_findings: args.max_findings,
            dedup,
            ..ReportOptions::default()
        };
        // Validation and statistics only read the archive: on two cores, run them side by side.
        let (validation, stats) = std::thread::scope(|scope| {
            let validation = scope.spawn(|| {
                progress.stage("validating", None);
                validate_archive(&archive, &ValidateOptions::default())
            });
            let stats = report::statistics(&archive, &options, &progress);
            (validation.join(), stats)
        });
        let validation =
            validation.map_err(|_| anyhow::anyhow!("validation failed unexpectedly"))?;
        let data = report::assemble(&archive, &validation, stats?, &options, &progress);
        progress.stage("writing the report", None);
        let text = match format {
            ReportFormat::Html => report::to_html(&data),
            ReportFormat::Md => report::to_markdown(&data),
            ReportFormat::Json => report::to_json(&data)?,
        };
        progress.finish();
        if output.as_os_str() == "-" {
            printer.out(&text)?;
        } else {
            museum_core::fsutil::write_atomic(&output, |w| w.write_all(text.as_bytes()))
                .with_context(|| format!("cannot write the report to `{}`", output.display()))?;
            // The temporary file behind the atomic write is private (0600); a report is meant to
            // be shared.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&output, std::fs::Permissions::from_mode(0o644));
            }
            printer.note(&format!(
                "wrote {} ({}, {})",
                output.display(),
                report::fmt::plural(data.counts.total, "record", "records"),
                report::fmt::plural(data.findings.total, "finding", "findings")
            ));
        }
        // A million records are tens of millions of small allocations: freeing them one by one
        // takes a second, and the process is about to end anyway.
        std::mem::forget(archive);
        std::mem::forget(validation);
        std::mem::forget(data);
        Ok(ExitStatus::Success)
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

    /// Loads files and directories into one archive, showing progress in bytes.
    ///
    /// Same result as `validate`'s loader (`Archive::load_dir` / `Archive::load_file`: a
    /// directory's files in kind order, sources first, then by name; names that tell no kind
    /// are skipped with a warning), but CSV files are read through a byte counter so a
    /// million-row list shows how far it got.
    pub(crate) fn load(
        paths: &[PathBuf],
        kind: Option<DatasetKind>,
        printer: &Printer,
        progress: &Progress,
    ) -> anyhow::Result<Archive> {
        let mut files: Vec<(PathBuf, DatasetKind)> = Vec::new();
        for path in paths {
            if path.is_dir() {
                let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                    .with_context(|| format!("cannot read the datasets in `{}`", path.display()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && FileFormat::from_path(p).is_some())
                    .collect();
                entries.sort();
                for k in DatasetKind::ALL {
                    for p in entries
                        .iter()
                        .filter(|p| DatasetKind::from_path(p) == Some(k))
                    {
                        files.push((p.clone(), k));
                    }
                }
                for p in entries
                    .iter()
                    .filter(|p| DatasetKind::from_path(p).is_none())
                {
                    printer.warn(&format!(
                        "skipped `{}`: its name does not tell what it holds",
                        p.display()
                    ));
                }
            } else if path.is_file() {
                let k = crate::commands::file_kind(path, kind)?;
                files.push((path.clone(), k));
            } else {
                anyhow::bail!("`{}` does not exist", path.display());
            }
        }
        let total: u64 = files
            .iter()
            .map(|(p, _)| std::fs::metadata(p).map_or(0, |m| m.len()))
            .sum();
        progress.stage_bytes("reading", total);
        let read = Arc::new(AtomicU64::new(0));
        let options = CsvOptions::default();
        let mut archive = Archive::default();
        for (path, kind) in files {
            let before = read.load(Ordering::Relaxed);
            if FileFormat::from_path(&path) == Some(FileFormat::Csv) {
                let a = &mut archive;
                let f = &mut a.findings;
                let (p, r) = (path.as_path(), &read);
                match kind {
                    DatasetKind::Figures => read_csv(p, &options, r, progress, &mut a.figures, f)?,
                    DatasetKind::Events => read_csv(p, &options, r, progress, &mut a.events, f)?,
                    DatasetKind::Camps => read_csv(p, &options, r, progress, &mut a.camps, f)?,
                    DatasetKind::Victims => read_csv(p, &options, r, progress, &mut a.victims, f)?,
                    DatasetKind::Sources => read_csv(p, &options, r, progress, &mut a.sources, f)?,
                    DatasetKind::Estimates => {
                        read_csv(p, &options, r, progress, &mut a.estimates, f)?;
                    }
                    DatasetKind::Claims => read_csv(p, &options, r, progress, &mut a.claims, f)?,
                }
                archive.files.push((path.clone(), kind));
            } else {
                archive
                    .load_file(&path, kind, &options)
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
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let split = if cores > 1 && size >= split_threshold() {
            split_point(path, size).ok().flatten()
        } else {
            None
        };
        let mut first = RecordReader::<T>::from_csv_reader(open()?, &name, options);
        let Some(split) = split else {
            for (i, item) in first.enumerate() {
                push(item, into, findings);
                if i % 8192 == 0 {
                    tick();
                }
            }
            tick();
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

    /// Runs deduplication over the victims of the archive with the engine's defaults (figures
    /// are linked to their victim records explicitly, by `figure_id`); human `decisions` win.
    fn deduplicate(
        archive: &museum_core::io::Archive,
        decisions: &[museum_core::dedup::Decision],
    ) -> Dedup {
        use museum_core::dedup::{DedupOptions, DedupRecord, Deduplicator};
        use std::collections::BTreeMap;
        let mut records: Vec<DedupRecord> = archive
            .victims
            .iter()
            .map(|v| DedupRecord::from_victim(v, None))
            .collect();
        records.extend(
            archive
                .figures
                .iter()
                .map(|f| DedupRecord::from_figure(f, None)),
        );
        if records.is_empty() {
            return Dedup::NotRun;
        }
        let result = Deduplicator::new(DedupOptions::default()).run(&records, decisions);
        let pairs: Vec<(String, String)> = records
            .iter()
            .zip(&result.cluster_of)
            .map(|(r, c)| (r.id.clone(), format!("c{c}")))
            .collect();
        let mut evidence: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (ci, cluster) in result.clusters.iter().enumerate() {
            for join in &cluster.joins {
                let e = result.explain(&records, join.a, join.b);
                let fields: Vec<String> = e
                    .fields
                    .iter()
                    .filter(|f| f.level.is_some())
                    .take(6)
                    .map(|f| {
                        format!(
                            "{} {} ({:+.1})",
                            f.field.as_str(),
                            f.level.unwrap_or_default(),
                            f.weight
                        )
                    })
                    .collect();
                evidence.entry(format!("c{ci}")).or_default().push(format!(
                    "{} ~ {}: p = {:.3}; {}",
                    e.record_a,
                    e.record_b,
                    e.probability,
                    fields.join(", ")
                ));
            }
        }
        Dedup::from_pairs(&pairs, &evidence)
    }
}
