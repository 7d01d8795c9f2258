//! `museum report`: resolve the arguments into a [`museum_core::report::ReportJob`], run it,
//! render the report as one self-contained HTML page (or Markdown, JSON) and write it.

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
    use museum_core::persons::Registry;
    use museum_core::progress::Progress as _;
    use museum_core::report::{self, ReportJob, ReportOptions};

    use crate::args::{GlobalArgs, ReportArgs, ReportFormat};
    use crate::commands::load;
    use crate::exit::ExitStatus;
    use crate::printer::Printer;
    use crate::progress::ProgressLine;

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
        // Validated exactly as `museum validate` would: same engine, same `museum.toml`.
        let job = ReportJob {
            validate: load::validate_options(&args.input, &args.paths)?,
            inputs: load::inputs(&args.paths, args.input.kind(), printer)?,
            decisions: if args.no_dedup {
                None
            } else {
                Some(load::decisions(
                    args.decisions.as_deref(),
                    args.no_decisions,
                    &args.paths,
                    printer,
                )?)
            },
            options: ReportOptions {
                title: args
                    .title
                    .clone()
                    .unwrap_or_else(|| ReportOptions::default().title),
                generated: Some(crate::commands::today()),
                top: args.top,
                max_findings: args.max_findings,
                persons: persons_registry(&args.paths)?,
                ..ReportOptions::default()
            },
        };
        let progress = ProgressLine::new(global);
        let outcome = job.run(&progress)?;
        for w in &outcome.warnings {
            printer.warn(w);
        }
        let data = &outcome.data;
        progress.stage("writing the report", None);
        let text = match format {
            ReportFormat::Html => report::to_html(data),
            ReportFormat::Md => report::to_markdown(data),
            ReportFormat::Json => report::to_json(data)?,
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
        std::mem::forget(outcome);
        Ok(ExitStatus::Success)
    }

    /// The person registry beside the data, for the Persons section.
    fn persons_registry(paths: &[PathBuf]) -> anyhow::Result<Option<Registry>> {
        let Some(path) =
            load::file_beside(paths, museum_core::persons::REGISTRY_FILE).filter(|p| p.is_file())
        else {
            return Ok(None);
        };
        let registry = Registry::read(&path)
            .with_context(|| format!("cannot read the person registry `{}`", path.display()))?;
        Ok(Some(registry))
    }
}
