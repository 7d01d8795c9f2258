//! Validation: checks on an [`Archive`] that return a [`Report`] of findings.
//!
//! Findings are values, not errors: a dataset full of problems still gives `Ok(Report)`.
//! Reader findings (unparseable dates, unknown columns, ragged rows…) are part of the report.

mod references;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::io::Archive;

/// Options of a validation run.
#[derive(Debug, Clone, Default)]
pub struct ValidateOptions {
    /// Check references to other files only when those files were loaded (default), or always.
    pub require_all_files: bool,
}

/// The result of a validation run: every finding, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The findings, sorted by file, line, field and code.
    pub findings: Vec<Diagnostic>,
    /// The files validated.
    pub files: Vec<String>,
    /// The number of records validated.
    pub records: usize,
}

impl Report {
    /// The highest severity found, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|d| d.severity).max()
    }

    /// How many findings have each severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Counts per code.
    pub fn by_code(&self) -> BTreeMap<Code, usize> {
        let mut m = BTreeMap::new();
        for d in &self.findings {
            *m.entry(d.code).or_insert(0) += 1;
        }
        m
    }

    /// The summary part of the JSON output.
    pub fn summary(&self) -> Summary {
        Summary {
            files: self.files.len(),
            records: self.records,
            errors: self.count(Severity::Error),
            warnings: self.count(Severity::Warning),
            infos: self.count(Severity::Info),
            by_code: self
                .by_code()
                .into_iter()
                .map(|(c, n)| (c.id().to_owned(), n))
                .collect(),
        }
    }

    /// The flat JSON document other tools parse (see [`ReportJson`]).
    pub fn to_json(&self) -> ReportJson<'_> {
        ReportJson {
            findings: self.findings.iter().map(Finding::from).collect(),
            summary: self.summary(),
        }
    }

    /// Sorts findings by file, line, field, code, message (deterministic output).
    pub fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (
                &a.location.file,
                a.location.line,
                &a.location.field,
                a.code,
                &a.message,
            )
                .cmp(&(
                    &b.location.file,
                    b.location.line,
                    &b.location.field,
                    b.code,
                    &b.message,
                ))
        });
    }
}

/// The JSON document of `museum validate --format json`:
///
/// ```json
/// {"findings": [{"code": "M201", "name": "unparseable-date", "severity": "error",
///                "message": "…", "file": "victims.csv", "line": 14, "record_id": "v-1",
///                "field": "arrest_date", "value": "3I.02.1937", "help": "…"}],
///  "summary": {"files": 1, "records": 10, "errors": 1, "warnings": 0, "infos": 0,
///              "by_code": {"M201": 1}}}
/// ```
///
/// `line` is the 1-based physical line where the record starts; absent members are `null`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ReportJson<'a> {
    /// The findings.
    pub findings: Vec<Finding<'a>>,
    /// Counts.
    pub summary: Summary,
}

/// One finding in the flat JSON shape (also one line of `--format jsonl`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Finding<'a> {
    /// Stable id (`M201`).
    pub code: &'a str,
    /// Kebab-case name (`unparseable-date`).
    pub name: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong.
    pub message: &'a str,
    /// The file.
    pub file: Option<&'a str>,
    /// 1-based physical line where the record starts.
    pub line: Option<u64>,
    /// The record's id, when it has one.
    pub record_id: Option<&'a str>,
    /// The field.
    pub field: Option<&'a str>,
    /// The offending value.
    pub value: Option<&'a str>,
    /// How to fix it.
    pub help: Option<&'a str>,
    /// Other records involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<crate::diagnostic::Location>,
}

impl<'a> From<&'a Diagnostic> for Finding<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        Finding {
            code: d.code.id(),
            name: d.code.name(),
            severity: d.severity,
            message: &d.message,
            file: d.location.file.as_deref(),
            line: d.location.line,
            record_id: d.location.record_id.as_deref(),
            field: d.location.field.as_deref(),
            value: d.value.as_deref(),
            help: d.help.as_deref(),
            related: d.related.clone(),
        }
    }
}

/// Counts of a report.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Summary {
    /// Files validated.
    pub files: usize,
    /// Records validated.
    pub records: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Findings per code id.
    pub by_code: BTreeMap<String, usize>,
}

/// Validates a loaded archive: the readers' findings plus identity and reference checks.
///
/// ```
/// use museum_core::io::{Archive, CsvOptions, DatasetKind};
/// use museum_core::validate::{validate_archive, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date\nv1,Шанин,31.02.1892\nv1,Шанин,1892\n").unwrap();
/// let mut archive = Archive::default();
/// archive.load_file(&path, DatasetKind::Victims, &CsvOptions::default()).unwrap();
/// let report = validate_archive(&archive, &ValidateOptions::default());
/// let codes: Vec<&str> = report.findings.iter().map(|d| d.code.id()).collect();
/// assert!(codes.contains(&"M202")); // impossible date
/// assert!(codes.contains(&"M401")); // duplicate id
/// ```
pub fn validate_archive(archive: &Archive, options: &ValidateOptions) -> Report {
    let mut findings = archive.findings.clone();
    references::check(archive, options, &mut findings);
    let mut report = Report {
        findings,
        files: archive
            .files
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect(),
        records: archive.len(),
    };
    report.sort();
    report
}
