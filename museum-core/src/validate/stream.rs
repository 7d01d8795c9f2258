//! Findings in the order they are written, and the writing as they are found.
//!
//! The order of a run's findings (see [`super::Report::sort`]): the files in the order they
//! are read (kind by kind, as [`crate::io::DatasetKind::ALL`] lists them, then as given);
//! within a file, by line, field, code and message, except the findings about the whole file
//! that need all of it read (`sparse-column`, `header-only`, `no-source`, `read-as-missing`), which end it; then the references
//! into kinds read later (a figure's `victim_id`), checked once every file is read, in the same
//! order.
//!
//! That order can be written while the files are read: the [`Emitter`] takes a file's findings
//! as its blocks complete and writes those no later record can precede, so a run holds at most
//! a block's worth of findings, however many there are.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic, Severity};

/// Whether findings of `code` are about a whole file and made once it is read: they come
/// after the file's other findings (`no-source` and `read-as-missing` are one finding per file,
/// or per file and column, with the count).
fn at_end(code: Code) -> bool {
    matches!(
        code,
        Code::SparseColumn | Code::HeaderOnly | Code::NoSource | Code::ReadAsMissing
    )
}

/// The order of two findings of the same file.
pub(crate) fn within_file(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    (
        at_end(a.code),
        a.location.line,
        &a.location.field,
        a.code,
        &a.message,
    )
        .cmp(&(
            at_end(b.code),
            b.location.line,
            &b.location.field,
            b.code,
            &b.message,
        ))
}

/// Where findings go, in their final order.
enum Target<'a> {
    /// Kept, for a [`super::Report`].
    Keep(Vec<Diagnostic>),
    /// Handed to the caller one by one (written out), then dropped.
    Call(&'a mut dyn FnMut(&Diagnostic) -> std::io::Result<()>),
}

/// Takes findings in their final order, counts them and keeps or hands them on.
pub(crate) struct Emitter<'a> {
    target: Target<'a>,
    /// Findings per severity: errors, warnings, infos.
    counts: [usize; 3],
    /// Findings per code, by [`Code::index`].
    by_code: Vec<usize>,
    /// The first error of the caller's function; nothing is handed on after it.
    failed: Option<std::io::Error>,
    /// The spreadsheets read so far: their findings' lines (of the sheet's CSV text) become
    /// sheet rows and cells as they are handed on.
    pub(crate) sheets: Vec<crate::io::sheet::SheetMap>,
}

impl<'a> Emitter<'a> {
    /// An emitter that keeps the findings.
    pub(crate) fn keep() -> Self {
        Emitter::with(Target::Keep(Vec::new()))
    }

    /// An emitter that hands each finding to `f`.
    pub(crate) fn call(f: &'a mut dyn FnMut(&Diagnostic) -> std::io::Result<()>) -> Self {
        Emitter::with(Target::Call(f))
    }

    fn with(target: Target<'a>) -> Self {
        Emitter {
            target,
            counts: [0; 3],
            by_code: vec![0; Code::ALL.len()],
            failed: None,
            sheets: Vec::new(),
        }
    }

    fn emit(&mut self, mut d: Diagnostic) {
        for map in &self.sheets {
            map.locate_all(&mut d);
        }
        self.counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
        self.by_code[d.code.index()] += 1;
        match &mut self.target {
            Target::Keep(all) => all.push(d),
            Target::Call(f) => {
                if self.failed.is_none()
                    && let Err(e) = f(&d)
                {
                    self.failed = Some(e);
                }
            }
        }
    }

    /// Writes the findings of one file, all of them, in order; `batch` is left empty.
    pub(crate) fn emit_all(&mut self, batch: &mut Vec<Diagnostic>) {
        batch.sort_by(within_file);
        for d in batch.drain(..) {
            self.emit(d);
        }
    }

    /// Writes, in order, the findings of one file that come before line `line` (nothing read
    /// later can precede them); keeps the others in `batch`.
    pub(crate) fn emit_before(&mut self, batch: &mut Vec<Diagnostic>, line: u64) {
        let ready = |d: &Diagnostic| !at_end(d.code) && d.location.line.unwrap_or(0) < line;
        if batch.iter().all(ready) {
            self.emit_all(batch);
            return;
        }
        let mut now: Vec<Diagnostic> = Vec::new();
        let mut later = Vec::with_capacity(batch.len());
        for d in batch.drain(..) {
            if ready(&d) {
                now.push(d);
            } else {
                later.push(d);
            }
        }
        *batch = later;
        self.emit_all(&mut now);
    }

    /// Writes findings of several files (the references checked at the end): by the rank of
    /// their file, then in the order of a file.
    pub(crate) fn emit_across(&mut self, mut batch: Vec<Diagnostic>, files: &[String]) {
        let rank = |d: &Diagnostic| {
            d.location
                .file
                .as_ref()
                .and_then(|f| files.iter().position(|n| **n == **f))
        };
        batch.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| within_file(a, b)));
        for d in batch {
            self.emit(d);
        }
    }

    /// Whether handing findings on failed (the run stops).
    pub(crate) fn failed(&self) -> bool {
        self.failed.is_some()
    }

    /// The error of the caller's function, if any.
    pub(crate) fn take_error(&mut self) -> Option<std::io::Error> {
        self.failed.take()
    }

    /// The counts: errors, warnings, infos, and per code (the codes found, in code order).
    pub(crate) fn counts(&self) -> ([usize; 3], BTreeMap<Code, usize>) {
        let by_code = Code::ALL
            .iter()
            .zip(&self.by_code)
            .filter(|(_, n)| **n > 0)
            .map(|(c, n)| (*c, *n))
            .collect();
        (self.counts, by_code)
    }

    /// The findings kept (none when they were handed on).
    pub(crate) fn into_findings(self) -> Vec<Diagnostic> {
        match self.target {
            Target::Keep(all) => all,
            Target::Call(_) => Vec::new(),
        }
    }
}
