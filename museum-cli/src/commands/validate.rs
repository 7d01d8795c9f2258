//! `museum validate`: read datasets, check them, print findings.

use std::io::{IsTerminal, Write};

use museum_core::display::{int, plural};
use museum_core::validate::{Finding, Selector, Summary, ValidateJob, ValidateOptions};
use museum_core::{Diagnostic, Severity};

use crate::args::{FailOn, FindingsFormat, GlobalArgs, ValidateArgs};
use crate::exit::ExitStatus;
use crate::printer::{Printer, paint};
use crate::progress::ProgressLine;

pub(crate) fn run(
    args: &ValidateArgs,
    global: &GlobalArgs,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let job = ValidateJob {
        options: options(args)?,
        inputs: super::load::inputs(&args.paths, args.input.kind(), printer)?,
    };
    let started = std::time::Instant::now();
    // Each finding is written as soon as its place in the output is known: memory does not
    // grow with the number of findings. On an error part of the output may be written.
    let mut out = printer.stdout();
    let mut render = Render::new(args.format, printer.color_stdout);
    render.start(&mut out)?;
    // The progress line is drawn only while the findings go elsewhere than the terminal.
    let progress = ProgressLine::new(global);
    let shown: &dyn museum_core::progress::Progress = if std::io::stdout().is_terminal() {
        &()
    } else {
        &progress
    };
    let summary = job.run(shown, &mut |d| render.finding(&mut out, d));
    progress.finish();
    let summary = summary?;
    render.end(&mut out, &summary)?;
    out.flush()?;
    if printer.verbose > 0 {
        printer.note(&format!(
            "validated {} records in {} files in {:.2} s",
            summary.records,
            summary.files,
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(exit_status(&summary, args.fail_on))
}

/// Writes findings one by one in a format; the JSON document is the one
/// `serde_json::to_writer_pretty` writes for [`museum_core::validate::ReportJson`], byte for
/// byte.
struct Render {
    format: FindingsFormat,
    /// The severity labels, painted once.
    labels: [String; 3],
    /// Whether no finding was written yet.
    first: bool,
    /// A finding's JSON before it is indented.
    buf: Vec<u8>,
    /// SARIF lists the rules found before the results: its findings are kept to the end.
    sarif: Vec<Diagnostic>,
}

impl Render {
    fn new(format: FindingsFormat, color: bool) -> Self {
        Render {
            format,
            labels: [
                paint(color, "error", "31;1"),
                paint(color, "warning", "33;1"),
                paint(color, "info", "36"),
            ],
            first: true,
            buf: Vec::new(),
            sarif: Vec::new(),
        }
    }

    fn start(&mut self, s: &mut impl Write) -> std::io::Result<()> {
        if self.format == FindingsFormat::Json {
            s.write_all(b"{\n  \"findings\": [")?;
        }
        Ok(())
    }

    fn finding(&mut self, s: &mut impl Write, d: &Diagnostic) -> std::io::Result<()> {
        match self.format {
            FindingsFormat::Human => human(s, d, &self.labels)?,
            FindingsFormat::Json => {
                s.write_all(if self.first { b"\n    " } else { b",\n    " })?;
                self.buf.clear();
                serde_json::to_writer_pretty(&mut self.buf, &Finding::from(d))?;
                indented(s, &self.buf, b"\n    ")?;
            }
            FindingsFormat::Jsonl => {
                serde_json::to_writer(&mut *s, &Finding::from(d))?;
                s.write_all(b"\n")?;
            }
            FindingsFormat::Github => github(s, d)?,
            FindingsFormat::Sarif => self.sarif.push(d.clone()),
        }
        self.first = false;
        Ok(())
    }

    fn end(&mut self, s: &mut impl Write, summary: &Summary) -> std::io::Result<()> {
        match self.format {
            FindingsFormat::Human => human_summary(s, summary),
            FindingsFormat::Json => {
                s.write_all(if self.first { b"]" } else { b"\n  ]" })?;
                s.write_all(b",\n  \"summary\": ")?;
                self.buf.clear();
                serde_json::to_writer_pretty(&mut self.buf, summary)?;
                indented(s, &self.buf, b"\n  ")?;
                s.write_all(b"\n}\n")
            }
            FindingsFormat::Sarif => {
                serde_json::to_writer_pretty(&mut *s, &sarif(&self.sarif))?;
                s.write_all(b"\n")
            }
            FindingsFormat::Jsonl | FindingsFormat::Github => Ok(()),
        }
    }
}

/// Writes pretty JSON deeper in a document: `indent` (a newline and spaces) instead of each
/// newline (JSON strings hold no raw newline).
fn indented(s: &mut impl Write, json: &[u8], indent: &[u8]) -> std::io::Result<()> {
    let mut rest = json;
    while let Some(i) = rest.iter().position(|&c| c == b'\n') {
        s.write_all(&rest[..i])?;
        s.write_all(indent)?;
        rest = &rest[i + 1..];
    }
    s.write_all(rest)
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

fn exit_status(summary: &Summary, fail_on: FailOn) -> ExitStatus {
    let at_least = match fail_on {
        FailOn::Error => summary.errors,
        FailOn::Warning => summary.errors + summary.warnings,
        FailOn::Info => summary.errors + summary.warnings + summary.infos,
        FailOn::Never => return ExitStatus::Success,
    };
    if at_least > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

fn human(s: &mut impl Write, d: &Diagnostic, labels: &[String; 3]) -> std::io::Result<()> {
    let sev = match d.severity {
        Severity::Error => &labels[0],
        Severity::Warning => &labels[1],
        Severity::Info => &labels[2],
    };
    if !d.location.is_unknown() {
        write!(s, "{}: ", d.location)?;
    }
    write!(s, "{sev}[{}] {}", d.code.id(), d.message)?;
    if let Some(v) = &d.value {
        s.write_all(b": `")?;
        shorten(s, v)?;
        s.write_all(b"`")?;
    }
    s.write_all(b"\n")?;
    if let Some(h) = &d.help {
        writeln!(s, "  hint: {h}")?;
    }
    Ok(())
}

fn human_summary(s: &mut impl Write, summary: &Summary) -> std::io::Result<()> {
    writeln!(
        s,
        "{}, {}, {} in {} ({} records)",
        plural(summary.errors as u64, "error", "errors"),
        plural(summary.warnings as u64, "warning", "warnings"),
        plural(summary.infos as u64, "info", "infos"),
        plural(summary.files as u64, "file", "files"),
        int(summary.records as u64)
    )
}

/// Values as shown on a terminal: invisible and control characters escaped (`\n`,
/// `\u{200b}`), long values cut (JSON output keeps them whole and raw).
fn shorten(s: &mut impl Write, v: &str) -> std::io::Result<()> {
    const MAX: usize = 80;
    for (n, c) in v.chars().enumerate() {
        if n == MAX {
            return s.write_all("…".as_bytes());
        }
        let invisible = c.is_control() || museum_core::model::invisible::is_invisible(c);
        if invisible {
            write!(s, "{}", c.escape_default())?;
        } else {
            s.write_all(c.encode_utf8(&mut [0; 4]).as_bytes())?;
        }
    }
    Ok(())
}

fn github(s: &mut impl Write, d: &Diagnostic) -> std::io::Result<()> {
    fn esc(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn esc_prop(s: &str) -> String {
        esc(s).replace(':', "%3A").replace(',', "%2C")
    }
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
    writeln!(s, "::{level} {}::{}", props.join(","), esc(&message(d)))
}

/// The findings as SARIF 2.1.0: one run of the `museum` tool, its rules (the codes found, in
/// code order), one result per finding. A finding in a spreadsheet points at the workbook file,
/// with the sheet and cell in the message.
fn sarif(findings: &[Diagnostic]) -> serde_json::Value {
    use serde_json::json;
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    let mut codes: Vec<museum_core::Code> = findings.iter().map(|d| d.code).collect();
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
    let results: Vec<serde_json::Value> = findings
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
            if let Some(file) = d.location.file.as_deref() {
                let uri = match &d.location.cell {
                    Some(_) => file.rsplit_once(':').map_or(file, |(w, _)| w),
                    None => file,
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
