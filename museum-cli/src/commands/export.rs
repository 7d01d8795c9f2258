//! `museum export`: validate, then write the archive for frontends (see
//! [`museum_core::export`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use museum_core::display::plural;
use museum_core::export::{
    self, ExportFormat, ExportJob, ExportOptions, ExportTarget, RedactOptions,
};
use museum_core::{Severity, fsutil};
use serde::Deserialize;

use crate::args::{ExportArgs, GlobalArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;
use crate::progress::ProgressLine;

/// How many findings the refusal message shows.
const SHOWN_FINDINGS: usize = 5;

pub(crate) fn run(
    args: &ExportArgs,
    global: &GlobalArgs,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let format: ExportFormat = args.format.into();
    if !format.is_available() {
        bail!(
            "this `museum` was built without Parquet support\n  hint: rebuild with `cargo build --release --features parquet` (polars' Parquet writer; a long build)"
        );
    }
    let to_stdout = args.output == Path::new("-");
    if to_stdout && format != ExportFormat::Json {
        bail!(
            "`-o -` (stdout) works only with `--format json`; `{}` writes a directory",
            format.as_str()
        );
    }
    if !to_stdout {
        check_output(&args.output, &args.paths, args.force)?;
    }
    let mut options = ExportOptions::new(format);
    options.force = args.force;
    options.generated_by = format!("museum {}", env!("CARGO_PKG_VERSION"));
    options.generated_at = args.timestamp.then(export::now_rfc3339);
    if let Some(d) = &args.as_of {
        options.as_of = export::parse_day(d)
            .with_context(|| format!("`--as-of {d}` is not a day like `2026-11-25`"))?;
    }
    // Validated exactly as `museum validate` would (same engine, same `museum.toml`), whose
    // `min_age` also bounds the birth of persons without a birth date.
    let validate_options = super::load::validate_options(&args.input, &args.paths)?;
    options.min_age = validate_options.limits.min_age;
    // `--redact` is the default, kept as an alias.
    let mut redact_origin = None;
    if !args.no_redact {
        let (redact, origin) = redact_options(args)?;
        options.redact = Some(redact);
        redact_origin = Some(origin);
    }
    if let Some(path) = &args.clusters {
        options.clusters = export::read_clusters(path)?;
    }
    options.persons = persons_registry(args, printer)?;

    let job = ExportJob {
        inputs: super::load::inputs(&args.paths, args.input.kind(), printer)?,
        validate: validate_options,
        options,
        allow_errors: args.allow_errors,
    };
    let progress = ProgressLine::new(global);
    let outcome = if to_stdout {
        let mut out = std::io::stdout().lock();
        job.run(ExportTarget::Writer(&mut out), &progress)
            .map_err(anyhow::Error::from)
    } else {
        job.run(ExportTarget::Path(&args.output), &progress)
            .with_context(|| format!("cannot export to `{}`", args.output.display()))
    };
    progress.finish();
    let outcome = outcome?;
    let options = &job.options;
    let report = &outcome.validation;
    let errors = report.count(Severity::Error);
    if errors > 0 {
        let mut msg = format!(
            "{} {}",
            if args.allow_errors {
                "exporting despite"
            } else {
                "refusing to export:"
            },
            plural(errors as u64, "validation error", "validation errors")
        );
        for d in report
            .findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .take(SHOWN_FINDINGS)
        {
            let loc = d.location.to_string();
            msg.push_str(&format!(
                "\n  {}{}[{}] {}",
                if loc.is_empty() {
                    String::new()
                } else {
                    format!("{loc}: ")
                },
                d.severity,
                d.code.id(),
                d.message
            ));
        }
        if errors > SHOWN_FINDINGS {
            msg.push_str(&format!("\n  … and {} more", errors - SHOWN_FINDINGS));
        }
        if !args.allow_errors {
            printer.error(&anyhow::anyhow!(
                "{msg}\n  hint: run `museum validate` on the same input to see every finding, fix them, or pass `--allow-errors`"
            ));
            return Ok(ExitStatus::Failure);
        }
        printer.warn(&msg);
    }

    let Some(summary) = outcome.summary else {
        // Refused: only with validation errors, reported above.
        return Ok(ExitStatus::Failure);
    };

    let counts: Vec<String> = summary
        .counts
        .iter()
        .map(|(k, n)| format!("{n} {}", if *n == 1 { k.entity() } else { k.as_str() }))
        .collect();
    printer.note(&format!(
        "exported {} as `{}` to `{}`",
        if counts.is_empty() {
            "nothing".to_owned()
        } else {
            counts.join(", ")
        },
        format.as_str(),
        args.output.display()
    ));
    if let Some(origin) = &redact_origin {
        printer.note(origin);
        printer.note(&format!(
            "redacted: {} who may still be alive masked (as of {}); `--no-redact` exports everyone in full, for internal use",
            plural(summary.masked as u64, "person", "persons"),
            options.as_of
        ));
    } else {
        printer.warn(
            "not redacted (`--no-redact`): names and dates of persons who may still be alive are exported in full; do not publish this export",
        );
    }
    if args.clusters.is_some() {
        printer.note(&format!(
            "{} victims have a `cluster_id`",
            summary.clustered
        ));
        if !summary.unknown_cluster_ids.is_empty() {
            let shown: Vec<&str> = summary
                .unknown_cluster_ids
                .iter()
                .take(SHOWN_FINDINGS)
                .map(String::as_str)
                .collect();
            printer.warn(&format!(
                "{} record ids of the clusters file are not victims of the export: {}",
                summary.unknown_cluster_ids.len(),
                shown.join(", ")
            ));
        }
    }
    if options.persons.is_some() {
        printer.note(&format!(
            "{} person records (with redirects)",
            summary.persons
        ));
        for (what, ids) in [
            (
                "records of the export have no person in the registry (run `museum persons` on the same data)",
                &summary.unregistered_records,
            ),
            (
                "records of the registry are not in the export (run `museum persons` on the same data)",
                &summary.missing_records,
            ),
        ] {
            if !ids.is_empty() {
                let shown: Vec<&str> = ids
                    .iter()
                    .take(SHOWN_FINDINGS)
                    .map(String::as_str)
                    .collect();
                printer.warn(&format!("{} {what}: {}", ids.len(), shown.join(", ")));
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The person registry to export from: `--registry`, else `persons.csv` beside the data when it
/// exists (or `--persons` asks for it); none with `--no-persons`.
fn persons_registry(
    args: &ExportArgs,
    printer: &Printer,
) -> anyhow::Result<Option<museum_core::persons::Registry>> {
    if args.no_persons {
        return Ok(None);
    }
    let path = match &args.registry {
        Some(p) => p.clone(),
        None => match super::load::file_beside(&args.paths, museum_core::persons::REGISTRY_FILE) {
            Some(p) if p.is_file() => p,
            _ if args.persons => bail!(
                "`--persons` needs a person registry: none beside the data\n  hint: run `museum persons` on the same data first, or pass `--registry FILE`"
            ),
            _ => return Ok(None),
        },
    };
    if !path.is_file() {
        bail!("the person registry `{}` does not exist", path.display());
    }
    let registry = museum_core::persons::Registry::read(&path)
        .with_context(|| format!("cannot read the person registry `{}`", path.display()))?;
    printer.note(&format!("person records from `{}`", path.display()));
    Ok(Some(registry))
}

/// Refuses an existing output without `--force` (a device or pipe such as `/dev/null` is written
/// into, not replaced), and an output that is (or contains) an input.
fn check_output(out: &Path, inputs: &[PathBuf], force: bool) -> anyhow::Result<()> {
    let replaces = std::fs::symlink_metadata(out).is_ok() && !fsutil::is_special_file(out);
    if replaces && !force {
        bail!(
            "`{}` already exists\n  hint: pass `--force` to replace it",
            out.display()
        );
    }
    let Ok(out_abs) = std::path::absolute(out) else {
        return Ok(());
    };
    let out_real = out_abs.canonicalize().unwrap_or(out_abs);
    for input in inputs {
        let Ok(inp) = input.canonicalize() else {
            continue;
        };
        if inp.starts_with(&out_real) {
            bail!(
                "the output `{}` would replace the input `{}`",
                out.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// `museum.toml`: only the section this command reads.
#[derive(Debug, Default, Deserialize)]
struct MuseumToml {
    #[serde(default)]
    export: Option<ExportSection>,
}

#[derive(Debug, Default, Deserialize)]
struct ExportSection {
    #[serde(default)]
    redact: Option<RedactOptions>,
}

fn read_redact(path: &Path) -> anyhow::Result<Option<RedactOptions>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let config: MuseumToml =
        toml::from_str(&text).with_context(|| format!("cannot parse `{}`", path.display()))?;
    Ok(config.export.and_then(|e| e.redact))
}

/// The redaction settings: `--redact-config`, else the `[export.redact]` section of the run's
/// `museum.toml` (found as every command finds it: [`super::load::config_path`]), else the
/// built-in defaults.
fn redact_options(args: &ExportArgs) -> anyhow::Result<(RedactOptions, String)> {
    if let Some(path) = &args.redact_config {
        let r = read_redact(path)?
            .with_context(|| format!("`{}` has no `[export.redact]` section", path.display()))?;
        return Ok((r, format!("redaction settings from `{}`", path.display())));
    }
    if let Some(c) = super::load::config_path(args.input.config.as_deref(), &args.paths)
        && let Some(r) = read_redact(&c)?
    {
        return Ok((r, format!("redaction settings from `{}`", c.display())));
    }
    let r = RedactOptions::builtin();
    let origin = format!(
        "no `[export.redact]` section in `museum.toml`; using the built-in redaction: drop {:?}, mask persons who may have been born within {} years",
        r.drop,
        r.mask_born_within_years.unwrap_or(0)
    );
    Ok((r, origin))
}
