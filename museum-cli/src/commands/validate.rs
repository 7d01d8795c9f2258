//! `museum validate`: read datasets, check them, print findings.

use std::io::Write;

use museum_core::validate::{Report, Selector, ValidateOptions, validate_files};
use museum_core::{Diagnostic, Severity};

use crate::args::{FailOn, FindingsFormat, ValidateArgs};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};

pub(crate) fn run(args: &ValidateArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let options = options(args)?;
    let inputs = super::load::inputs(&args.paths, args.input.kind(), printer)?;
    let started = std::time::Instant::now();
    let report = validate_files(&inputs, &options)?;
    if printer.verbose > 0 {
        printer.note(&format!(
            "validated {} records in {} files in {:.2} s",
            report.records,
            report.files.len(),
            started.elapsed().as_secs_f64()
        ));
    }
    // Written as it is rendered: a report of many findings is never held twice in memory.
    let mut out = printer.stdout();
    match args.format {
        FindingsFormat::Human => human(&mut out, &report, printer.color_stdout)?,
        FindingsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report.to_json())?;
            writeln!(out)?;
        }
        FindingsFormat::Jsonl => {
            for d in &report.findings {
                serde_json::to_writer(&mut out, &museum_core::validate::Finding::from(d))?;
                writeln!(out)?;
            }
        }
        FindingsFormat::Github => github(&mut out, &report)?,
        FindingsFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif(&report))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(exit_status(&report, args.fail_on))
}

/// The options of this run: `museum.toml` (or `--config`), then the command line.
fn options(args: &ValidateArgs) -> anyhow::Result<ValidateOptions> {
    let mut config = super::load::config(args.input.config.as_deref(), &args.paths)?;
    for s in args.select.iter().chain(&args.ignore) {
        Selector::parse(s)?;
    }
    if !args.select.is_empty() {
        config.select.clone_from(&args.select);
    }
    config.ignore.extend(args.ignore.iter().cloned());
    let mut options = config.apply(ValidateOptions::default())?;
    options.mask_values = args.mask_values;
    if let Some(n) = args.threads {
        options.threads = n;
    }
    Ok(super::load::with_input(options, &args.input))
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

fn human(s: &mut impl Write, report: &Report, color: bool) -> std::io::Result<()> {
    for d in &report.findings {
        let sev = match d.severity {
            Severity::Error => paint(color, "error", "31;1"),
            Severity::Warning => paint(color, "warning", "33;1"),
            Severity::Info => paint(color, "info", "36"),
        };
        let loc = d.location.to_string();
        if !loc.is_empty() {
            write!(s, "{loc}: ")?;
        }
        write!(s, "{sev}[{}] {}", d.code.id(), d.message)?;
        if let Some(v) = &d.value {
            write!(s, ": `{}`", shorten(v))?;
        }
        writeln!(s)?;
        if let Some(h) = &d.help {
            writeln!(s, "  hint: {h}")?;
        }
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    writeln!(
        s,
        "{}, {}, {} in {} ({} records)",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(report.files.len(), "file"),
        report.records
    )
}

/// Values as shown on a terminal: invisible and control characters escaped (`\n`,
/// `\u{200b}`), long values cut (JSON output keeps them whole and raw).
fn shorten(v: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (n, c) in v.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        let invisible = c.is_control()
            || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
        if invisible {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn github(s: &mut impl Write, report: &Report) -> std::io::Result<()> {
    fn esc(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn esc_prop(s: &str) -> String {
        esc(s).replace(':', "%3A").replace(',', "%2C")
    }
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
        writeln!(s, "::{level} {}::{}", props.join(","), esc(&message(d)))?;
    }
    Ok(())
}

/// The findings as SARIF 2.1.0: one run of the `museum` tool, its rules (the codes found, in
/// code order), one result per finding. A finding in a spreadsheet points at the workbook file,
/// with the sheet and cell in the message.
fn sarif(report: &Report) -> serde_json::Value {
    use serde_json::json;
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let mut codes: Vec<museum_core::Code> = report.findings.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<serde_json::Value> = codes
        .iter()
        .map(|c| {
            json!({
                "id": c.id(),
                "name": c.name(),
                "shortDescription": {"text": c.summary()},
                "defaultConfiguration": {"level": level(c.default_severity())},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = report
        .findings
        .iter()
        .map(|d| {
            let mut text = message(d);
            if let (Some(file), Some(cell)) = (&d.location.file, &d.location.cell) {
                text = format!("{file}!{cell}: {text}");
            }
            if let Some(v) = &d.value {
                text = format!("{text}: `{v}`");
            }
            let mut result = json!({
                "ruleId": d.code.id(),
                "ruleIndex": codes.iter().position(|c| *c == d.code),
                "level": level(d.severity),
                "message": {"text": text},
            });
            if let Some(file) = &d.location.file {
                let uri = match &d.location.cell {
                    Some(_) => file.rsplit_once(':').map_or(file.as_str(), |(w, _)| w),
                    None => file.as_str(),
                };
                let mut physical = json!({"artifactLocation": {"uri": uri}});
                if let Some(line) = d.location.line {
                    physical["region"] = json!({"startLine": line});
                }
                result["locations"] = json!([{"physicalLocation": physical}]);
            }
            if let Some(help) = &d.help {
                result["properties"] = json!({"help": help});
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "museum",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

fn message(d: &Diagnostic) -> String {
    match &d.location.field {
        Some(field) => format!("{field}: {}", d.message),
        None => d.message.clone(),
    }
}
