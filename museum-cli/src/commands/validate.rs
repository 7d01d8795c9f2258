//! `museum validate`: read datasets, check them, print findings.

use std::fmt::Write as _;

use anyhow::Context;
use museum_core::io::{Archive, CsvOptions, DatasetKind};
use museum_core::validate::{Report, ValidateOptions, validate_archive};
use museum_core::{Diagnostic, Severity};

use crate::args::{FailOn, FindingsFormat, ValidateArgs};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};

pub(crate) fn run(args: &ValidateArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let archive = load(&args.paths, args.kind.map(Into::into), printer)?;
    let report = validate_archive(&archive, &ValidateOptions::default());
    let text = match args.format {
        FindingsFormat::Human => human(&report, printer.color_stdout),
        FindingsFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report.to_json())?;
            s.push('\n');
            s
        }
        FindingsFormat::Jsonl => {
            let mut s = String::new();
            for f in &report.to_json().findings {
                s.push_str(&serde_json::to_string(f)?);
                s.push('\n');
            }
            s
        }
        FindingsFormat::Github => github(&report),
    };
    printer.out(&text)?;
    Ok(exit_status(&report, args.fail_on))
}

/// Loads the given files and directories into one archive.
pub(crate) fn load(
    paths: &[std::path::PathBuf],
    kind: Option<DatasetKind>,
    printer: &Printer,
) -> anyhow::Result<Archive> {
    let options = CsvOptions::default();
    let mut archive = Archive::default();
    for path in paths {
        if path.is_dir() {
            let (dir_archive, skipped) = Archive::load_dir(path, &options)
                .with_context(|| format!("cannot read the datasets in `{}`", path.display()))?;
            for s in skipped {
                printer.warn(&format!(
                    "skipped `{}`: its name does not tell what it holds",
                    s.display()
                ));
            }
            merge(&mut archive, dir_archive);
        } else if path.is_file() {
            let k = kind
                .or_else(|| DatasetKind::from_path(path))
                .ok_or_else(|| {
                    museum_core::Error::from(museum_core::ErrorKind::UnknownKind {
                        path: path.clone(),
                    })
                })?;
            archive.load_file(path, k, &options)?;
        } else {
            anyhow::bail!("`{}` does not exist", path.display());
        }
    }
    archive.attach();
    Ok(archive)
}

fn merge(into: &mut Archive, from: Archive) {
    into.sources.extend(from.sources);
    into.figures.extend(from.figures);
    into.events.extend(from.events);
    into.camps.extend(from.camps);
    into.victims.extend(from.victims);
    into.estimates.extend(from.estimates);
    into.claims.extend(from.claims);
    into.findings.extend(from.findings);
    into.files.extend(from.files);
}

fn exit_status(report: &Report, fail_on: FailOn) -> ExitStatus {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return ExitStatus::Success,
    };
    if report.max_severity().is_some_and(|s| s >= threshold) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn human(report: &Report, color: bool) -> String {
    let mut s = String::new();
    for d in &report.findings {
        let sev = match d.severity {
            Severity::Error => paint(color, "error", "31;1"),
            Severity::Warning => paint(color, "warning", "33;1"),
            Severity::Info => paint(color, "info", "36"),
        };
        let loc = d.location.to_string();
        let _ = write!(
            s,
            "{}{sev}[{}] {}",
            if loc.is_empty() {
                String::new()
            } else {
                format!("{loc}: ")
            },
            d.code.id(),
            d.message
        );
        if let Some(v) = &d.value {
            let _ = write!(s, ": `{}`", shorten(v));
        }
        s.push('\n');
        if let Some(h) = &d.help {
            let _ = writeln!(s, "  hint: {h}");
        }
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        s,
        "{}, {}, {} in {} ({} records)",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(report.files.len(), "file"),
        report.records
    );
    s
}

/// Long values are cut for the terminal (JSON output keeps them whole).
fn shorten(v: &str) -> String {
    const MAX: usize = 80;
    if v.chars().count() <= MAX {
        v.to_owned()
    } else {
        format!("{}…", v.chars().take(MAX).collect::<String>())
    }
}

fn github(report: &Report) -> String {
    fn esc(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn esc_prop(s: &str) -> String {
        esc(s).replace(':', "%3A").replace(',', "%2C")
    }
    let mut s = String::new();
    for d in &report.findings {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(f) = &d.location.file {
            props.push(format!("file={}", esc_prop(f)));
        }
        if let Some(l) = d.location.line {
            props.push(format!("line={l}"));
        }
        props.push(format!(
            "title={}",
            esc_prop(&format!("{} {}", d.code.id(), d.code.name()))
        ));
        let _ = writeln!(s, "::{level} {}::{}", props.join(","), esc(&message(d)));
    }
    s
}

fn message(d: &Diagnostic) -> String {
    match &d.location.field {
        Some(field) => format!("{field}: {}", d.message),
        None => d.message.clone(),
    }
}
