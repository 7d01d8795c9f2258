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
pub(crate) use imp::run;

#[cfg(feature = "stats")]
mod imp {
    use std::path::{Path, PathBuf};

    use anyhow::Context;
    use museum_core::dedup::DedupOptions;
    use museum_core::report::{self, Dedup, ReportOptions};
    use museum_core::stats::Progress as _;

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
        // Validated exactly as `museum validate` would: same engine, same `museum.toml`.
        let validate_options = super::super::load::validate_options(&args.input, &args.paths)?;
        let inputs = super::super::load::inputs(&args.paths, args.input.kind(), printer)?;
        let decisions = if args.no_dedup {
            Vec::new()
        } else {
            super::super::load::decisions(
                args.decisions.as_deref(),
                args.no_decisions,
                &args.paths,
                printer,
            )?
        };
        let mut options = ReportOptions {
            title: args
                .title
                .clone()
                .unwrap_or_else(|| ReportOptions::default().title),
            generated: Some(crate::commands::today()),
            top: args.top,
            max_findings: args.max_findings,
            ..ReportOptions::default()
        };
        // The Persons section, with a person registry beside the data.
        if let Some(path) =
            super::super::load::file_beside(&args.paths, museum_core::persons::REGISTRY_FILE)
                .filter(|p| p.is_file())
        {
            options.persons = Some(museum_core::persons::Registry::read(&path).with_context(
                || format!("cannot read the person registry `{}`", path.display()),
            )?);
        }
        // One pass reads the files and validates them as `museum validate` would; then
        // deduplication and statistics.
        let (validation, archive) =
            super::super::load::validated_archive(&inputs, &validate_options, &progress)?;
        options.dedup = if args.no_dedup {
            Dedup::Skipped
        } else {
            progress.stage("deduplicating", None);
            let found = report::deduplicate(&archive, &decisions, DedupOptions::default());
            for w in &found.warnings {
                printer.warn(w);
            }
            options.review = found.review;
            options.dedup_model = found.model;
            found.dedup
        };
        let stats = report::statistics(&archive, &options, &progress)?;
        let data = report::assemble(&archive, &validation, stats, &options, &progress);
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
}
