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
    use museum_core::io::{
        Archive, CsvOptions, DatasetKind, FileFormat, Located, ReadItem, Record, RecordReader,
    };
    use museum_core::report::{self, Dedup, ReportOptions};
    use museum_core::stats::Progress as _;
    use museum_core::validate::{ValidateOptions, validate_archive};
    use museum_core::{Day, Diagnostic};

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
        progress.stage("validating", None);
        let validation = validate_archive(&archive, &ValidateOptions::default());
        // Deduplication (`museum_core::dedup`) is being written; until it lands the report says
        // "deduplication not run". Wiring it: run it here unless `--no-dedup`, and pass
        // `Dedup::from_pairs(&pairs, &evidence)`.
        let dedup = if args.no_dedup {
            Dedup::Skipped
        } else {
            Dedup::NotRun
        };
        let options = ReportOptions {
            title: args
                .title
                .clone()
                .unwrap_or_else(|| ReportOptions::default().title),
            generated: Some(today()),
            top: args.top,
            max_findings: args.max_findings,
            dedup,
            ..ReportOptions::default()
        };
        let data = report::build(&archive, &validation, &options, &progress)?;
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
        Ok(ExitStatus::Success)
    }

    /// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` when set (reproducible output).
    fn today() -> String {
        let secs = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
            });
        Day {
            year: 1970,
            month: 1,
            day: 1,
        }
        .add_days(secs.div_euclid(86_400))
        .to_string()
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
                let k = kind
                    .or_else(|| DatasetKind::from_path(path))
                    .ok_or_else(|| {
                        museum_core::Error::from(museum_core::ErrorKind::UnknownKind {
                            path: path.clone(),
                        })
                    })?;
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
                let file = File::open(&path)
                    .map_err(|e| museum_core::Error::io("open", path.as_path(), e))?;
                let counting = Counting {
                    inner: file,
                    read: Arc::clone(&read),
                };
                let name = path.display().to_string();
                let a = &mut archive;
                let tick = || progress.set_position(read.load(Ordering::Relaxed));
                match kind {
                    DatasetKind::Figures => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.figures,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Events => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.events,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Camps => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.camps,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Victims => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.victims,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Sources => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.sources,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Estimates => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.estimates,
                        &mut a.findings,
                        tick,
                    ),
                    DatasetKind::Claims => drain(
                        RecordReader::from_csv_reader(counting, &name, &options),
                        &mut a.claims,
                        &mut a.findings,
                        tick,
                    ),
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

    fn drain<T: Record>(
        reader: RecordReader<T>,
        into: &mut Vec<Located<T>>,
        findings: &mut Vec<Diagnostic>,
        tick: impl Fn(),
    ) {
        for (i, item) in reader.enumerate() {
            match item {
                ReadItem::Record(r, d) => {
                    into.push(r);
                    findings.extend(d);
                }
                ReadItem::Finding(d) => findings.push(d),
            }
            if i % 8192 == 0 {
                tick();
            }
        }
        tick();
    }
}
