//! Completeness: records without sources, dates or names, and columns that are mostly empty.

pub(crate) mod no_dates;
pub(crate) mod no_name;
pub(crate) mod no_source;
pub(crate) mod sparse_column;

pub use no_dates::NoDates;
pub use no_name::NoName;
pub use no_source::NoSource;
pub use sparse_column::SparseColumn;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::validate::sink::Sink;
use crate::validate::view::SourceIds;

/// Folds the per-record M601 findings of `file` into one (the count and the first record), or
/// drops them when the file has a source of its own (`[sources]`, `--source`).
pub(crate) fn fold_no_source(
    findings: &mut Vec<Diagnostic>,
    file: &str,
    records: u64,
    file_source: Option<&str>,
) {
    let is_ours = |d: &Diagnostic| {
        d.code == Code::NoSource && d.location.file.as_deref().is_none_or(|f| f == file)
    };
    let count = findings.iter().filter(|d| is_ours(d)).count();
    if count == 0 {
        return;
    }
    let first = findings
        .iter()
        .position(is_ours)
        .map(|i| findings[i].clone());
    findings.retain(|d| !is_ours(d));
    if file_source.is_some() {
        return;
    }
    findings.extend(first.map(|d| no_source_summary(d, count, records)));
}

/// The one M601 finding of a file: `first`, the first record without a source, says how many
/// of the file's `records` have none (`count`).
pub(crate) fn no_source_summary(mut first: Diagnostic, count: usize, records: u64) -> Diagnostic {
    let at = first
        .location
        .line
        .map_or_else(String::new, |l| format!(" (the first on line {l})"));
    let records = records.max(count as u64);
    first.message = if count == 1 {
        format!("1 of {records} records cites no source{at}")
    } else {
        format!("{count} of {records} records cite no source{at}")
    };
    first.help = Some(
        "add the ids of their sources (`sources.csv`) to `source_ids`; a list from one source says so once: `[sources]` `\"file.csv\" = \"src-…\"` in `museum.toml` or `--source ID`".to_owned(),
    );
    first
}

/// Checks that a record cites a source (M601).
pub(crate) fn sources(ids: SourceIds<'_>, text: Option<&str>, loc: &Location, sink: &mut Sink<'_>) {
    if ids.is_empty() && text.is_none_or(|t| t.trim().is_empty()) {
        sink.push(
            Diagnostic::new(
                Code::NoSource,
                "the record cites no source",
                loc.with_field("source_ids"),
            )
            .with_help("add the ids of its sources (`sources.csv`) to `source_ids`"),
        );
    }
}

/// The finding for a mostly empty column (M603).
pub(crate) fn sparse(file: &str, field: &str, empty: u64, rows: u64) -> Diagnostic {
    let share = (empty as f64 / rows as f64 * 100.0).floor();
    Diagnostic::new(
        Code::SparseColumn,
        format!("`{field}` is empty in {share}% of the rows ({empty} of {rows})"),
        Location {
            file: Some(file.into()),
            line: Some(1),
            field: Some(field.to_owned().into()),
            ..Location::default()
        },
    )
    .with_help("fill the column, move its values to the right column, or drop it; set `empty_column_threshold` in `museum.toml` to change when this is reported")
}
