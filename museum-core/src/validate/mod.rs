//! Validation: the rules ([`rules`]) run over datasets and return a [`Report`] of findings.
//!
//! Findings are values, not errors: a dataset full of problems still gives `Ok(Report)`; `Err`
//! means a file could not be read at all. Reader findings (unparseable dates, unknown columns,
//! ragged rows…) are part of the report.
//!
//! - [`validate_files`] streams files in parallel with flat memory (a million records in a few
//!   seconds and a few tens of megabytes; see the engine notes below);
//! - [`validate_streaming`] is the same run handing each finding on (to be written out) as
//!   soon as its place in the order is known, so that memory does not grow with findings;
//! - [`validate_archive`] runs the same rules on records already in memory;
//! - [`ValidateJob`] is the whole `museum validate` pipeline as one call, with progress.
//!
//! What runs and how strictly is set by [`ValidateOptions`], usually built from the
//! command line and a per-project `museum.toml` ([`Config`]).
//!
//! How the streaming engine works: files are validated kind by kind (sources, figures, events,
//! camps, victims, estimates, claims) so most references point at kinds already read. A CSV
//! file is cut into blocks on record boundaries; worker threads parse blocks and run every
//! per-record rule; only ids and a few links are kept; duplicate ids and references are checked
//! as they are read. Findings are written as blocks complete, in an order that does not depend
//! on the number of threads (see [`Report::sort`]).

mod block;
mod collector;
mod config;
mod engine;
mod ids;
mod job;
mod kinds;
mod loaded;
pub mod rules;
mod sink;
mod sources;
mod stream;
mod view;
pub mod vocab;
mod world;

pub use config::{CONFIG_FILE, Config, Limits, Region, Selector, ValidateOptions, VocabConfig};
pub use engine::{Input, dataset_files};
pub use job::ValidateJob;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::Result;
use crate::io::Archive;

/// The result of a validation run: every finding, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The findings, in the order of [`Report::sort`].
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

    /// Sorts findings in the order validation writes them: by file, in the order of
    /// [`Report::files`] (the order files are read: kind by kind, sources, figures, events,
    /// camps, victims, estimates, claims, then as given), findings without a file first;
    /// within a file by line, field, code and message, except `sparse-column`, `header-only`,
    /// `no-source` and `read-as-missing` (about the whole file, known once it is read), which
    /// end it.
    ///
    /// [`validate_files`] gives this order without sorting, with one exception: references
    /// into kinds read later (a figure's `victim_id`) are checked once every file is read,
    /// and come last, in this order among themselves.
    pub fn sort(&mut self) {
        let files = &self.files;
        let rank = |d: &Diagnostic| {
            d.location
                .file
                .as_ref()
                .map(|f| files.iter().position(|n| **n == **f).unwrap_or(usize::MAX))
        };
        self.findings.sort_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| stream::within_file(a, b))
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
    /// The spreadsheet cell (`C14`), for a finding in a sheet (`file` is `book.xlsx:Sheet`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a str>,
    /// The offending value.
    pub value: Option<&'a str>,
    /// How to fix it.
    pub help: Option<&'a str>,
    /// Other records involved.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub related: &'a [crate::diagnostic::Location],
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
            cell: d.location.cell.as_deref(),
            value: d.value.as_deref(),
            help: d.help.as_deref(),
            related: &d.related,
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

/// Validates files, streaming and in parallel: every rule, duplicate ids across the files of a
/// kind, and references between the files.
///
/// # Errors
/// When a file cannot be opened or read (not for bad data: that is a finding).
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{validate_files, Input, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date,arrest_date,source_ids\n\
///                        v1,Шанин,1892-02-30,1937-08-02,src-1\n\
///                        v1,Шанин,1938,1937-08-02,src-1\n").unwrap();
/// let inputs = [Input { path, kind: DatasetKind::Victims }];
/// let report = validate_files(&inputs, &ValidateOptions::default()).unwrap();
/// let codes: Vec<&str> = report.findings.iter().map(|d| d.code.id()).collect();
/// assert_eq!(codes, ["M202", "M301", "M401"]); // impossible date, born after arrest, duplicate id
/// assert_eq!(report.findings[1].to_string(), format!(
///     "{}:3:birth_date: error[M301] birth date is after the arrest date",
///     inputs[0].path.display()));
/// ```
pub fn validate_files(inputs: &[Input], options: &ValidateOptions) -> Result<Report> {
    engine::validate_inputs(inputs, options, &|_| {})
}

/// Validates files exactly like [`validate_files`], handing each finding to `on_finding` as
/// soon as its place in the order is known instead of keeping it: findings come in the order
/// of [`validate_files`]' report, a file's as its blocks are read, so memory does not grow with
/// the number of findings. Returns the counts of the whole report.
///
/// `on_finding` usually writes the finding out; its first error stops the run (reading stops
/// soon after) and is returned, as an I/O error.
///
/// # Errors
/// As [`validate_files`], and when `on_finding` fails.
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{validate_files, validate_streaming, Input, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date,arrest_date,source_ids\n\
///                        v1,Шанин,1892-02-30,1937-08-02,src-1\n\
///                        v1,Шанин,1938,1937-08-02,src-1\n").unwrap();
/// let inputs = [Input { path, kind: DatasetKind::Victims }];
/// let mut lines = Vec::new();
/// let summary = validate_streaming(&inputs, &ValidateOptions::default(), &mut |d| {
///     lines.push(d.to_string());
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!((summary.records, summary.errors), (2, 3));
/// let kept = validate_files(&inputs, &ValidateOptions::default()).unwrap();
/// let kept: Vec<String> = kept.findings.iter().map(ToString::to_string).collect();
/// assert_eq!(lines, kept);
/// ```
pub fn validate_streaming(
    inputs: &[Input],
    options: &ValidateOptions,
    on_finding: &mut dyn FnMut(&Diagnostic) -> std::io::Result<()>,
) -> Result<Summary> {
    engine::validate_streaming(inputs, options, &|_| {}, on_finding)
}

/// Validates files exactly like [`validate_files`] and keeps what it read: one pass over the
/// files gives both the report and the [`Archive`] that [`Archive::load_file`] would read
/// (the same records, merged and attached the same way). The archive's `findings` stay empty:
/// every reader finding is in the report, with the rules' findings. `on_bytes` is called with
/// the size of each piece of input as it is done (for progress; in file order).
///
/// This is how `museum report` reads: it needs both, and reading a list once instead of twice
/// saves a third of its time.
///
/// # Errors
/// As [`validate_files`].
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{validate_and_load, Input, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date,arrest_date,source_ids\n\
///                        v1,Шанин Пётр Иванович,1892-02-30,1937-08-02,src-1\n\
///                        v2,Әлихан Бөкейханов,1866,1937-07-26,src-1\n").unwrap();
/// let inputs = [Input { path, kind: DatasetKind::Victims }];
/// let done = std::cell::Cell::new(0);
/// let (report, archive) =
///     validate_and_load(&inputs, &ValidateOptions::default(), &|n| done.set(done.get() + n))
///         .unwrap();
/// assert_eq!(report.findings[0].code.id(), "M202"); // 30 February
/// assert_eq!(archive.victims.len(), 2);
/// assert_eq!(archive.victims[1].record.name.surname.as_deref(), Some("Бөкейханов"));
/// assert_eq!(done.get(), std::fs::metadata(&inputs[0].path).unwrap().len());
/// ```
pub fn validate_and_load(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
) -> Result<(Report, Archive)> {
    engine::validate_keeping(inputs, options, on_bytes)
}

/// Validates a loaded archive with the same rules as [`validate_files`] (except
/// `sparse-column`, which needs the files' columns). Reader findings stored in the archive are
/// part of the report.
///
/// ```
/// use museum_core::io::{Archive, CsvOptions, DatasetKind};
/// use museum_core::validate::{validate_archive, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,birth_date\nv1,Шанин,1892-02-30\nv1,Шанин,1892\n").unwrap();
/// let mut archive = Archive::default();
/// archive.load_file(&path, DatasetKind::Victims, &CsvOptions::default()).unwrap();
/// let report = validate_archive(&archive, &ValidateOptions::default());
/// let codes: Vec<&str> = report.findings.iter().map(|d| d.code.id()).collect();
/// assert!(codes.contains(&"M202")); // impossible date
/// assert!(codes.contains(&"M401")); // duplicate id
/// ```
pub fn validate_archive(archive: &Archive, options: &ValidateOptions) -> Report {
    loaded::validate_loaded(archive, options)
}

/// Where findings go one by one, in the report's order ([`validate_and_hand_victims`]); its
/// first error stops the run.
pub type OnFinding<'a> = &'a mut dyn FnMut(&Diagnostic) -> std::io::Result<()>;

/// [`validate_and_load`], handing the victims to `victims` as they are read instead of keeping
/// them in the archive (whose `victims` stay empty): batches of whole records in file order,
/// each with its file's source attached as [`validate_and_load`] attaches it (claims are not
/// attached: they are read after the victims). A caller that keeps only what it needs of each
/// victim (columns for statistics, the records matching compares) holds a million-record list
/// in a fraction of the memory of the typed records. With `on_finding`, the findings are
/// handed to it in the report's order as [`validate_streaming`] hands them, instead of kept
/// (the report's findings stay empty), so that memory does not grow with them either.
///
/// # Errors
/// As [`validate_files`].
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{validate_and_hand_victims, Input, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date,arrest_date,source_ids\n\
///                        v1,Шанин Пётр Иванович,1892-02-30,1937-08-02,src-1\n\
///                        v2,Әлихан Бөкейханов,1866,1937-07-26,src-1\n").unwrap();
/// let inputs = [Input { path, kind: DatasetKind::Victims }];
/// let mut surnames = Vec::new();
/// let (report, archive) = validate_and_hand_victims(
///     &inputs,
///     &ValidateOptions::default(),
///     &|_| {},
///     &mut |batch| surnames.extend(batch.into_iter().map(|v| v.record.name.surname)),
///     None,
/// )
/// .unwrap();
/// assert_eq!(report.findings[0].code.id(), "M202"); // 30 February
/// assert!(archive.victims.is_empty());
/// assert_eq!(surnames, [Some("Шанин".to_owned()), Some("Бөкейханов".to_owned())]);
/// ```
pub fn validate_and_hand_victims(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
    victims: &mut dyn FnMut(Vec<crate::io::Located<crate::model::Victim>>),
    on_finding: Option<OnFinding<'_>>,
) -> Result<(Report, Archive)> {
    engine::validate_handing(inputs, options, on_bytes, victims, on_finding)
}

/// [`validate_and_hand_victims`], handing over what `digest` makes of each batch of victims
/// instead of the victims. A batch is digested where it was read, on the worker thread that
/// built its victims, and its victims are dropped there: a caller that keeps only a little of
/// each victim (a few numbers and codes) spares the calling thread freeing millions of small
/// allocations made on other threads. The digests come in file order, as the batches would;
/// digesting every batch of [`validate_and_hand_victims`] gives the same digests.
///
/// # Errors
/// As [`validate_files`].
///
/// ```
/// use museum_core::io::DatasetKind;
/// use museum_core::validate::{validate_and_digest_victims, Input, ValidateOptions};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,full_name,birth_date\nv1,Шанин Пётр Иванович,1892\n\
///                        v2,Әлихан Бөкейханов,1866\n").unwrap();
/// let inputs = [Input { path, kind: DatasetKind::Victims }];
/// let mut ids = Vec::new();
/// validate_and_digest_victims(
///     &inputs,
///     &ValidateOptions::default(),
///     &|_| {},
///     &|batch| batch.into_iter().map(|v| v.record.id).collect::<Vec<_>>(),
///     &mut |digest| ids.extend(digest),
///     None,
/// )
/// .unwrap();
/// assert_eq!(ids, ["v1", "v2"]);
/// ```
pub fn validate_and_digest_victims<D: Send + 'static>(
    inputs: &[Input],
    options: &ValidateOptions,
    on_bytes: &dyn Fn(u64),
    digest: &(dyn Fn(Vec<crate::io::Located<crate::model::Victim>>) -> D + Sync),
    victims: &mut dyn FnMut(D),
    on_finding: Option<OnFinding<'_>>,
) -> Result<(Report, Archive)> {
    engine::validate_digesting(inputs, options, on_bytes, digest, victims, on_finding)
}
