//! Writing records as CSV in canonical columns, unknown columns after them.

use std::io::Write;
use std::path::Path;

use super::record::Record;
use crate::error::Result;

/// Writes `records` as CSV: the kind's canonical header, then every unknown column any record
/// carries (in first-seen order), one row per record (per case for victims).
///
/// # Errors
/// When writing fails.
pub fn write_csv<T: Record, W: Write>(records: &[T], writer: W) -> std::io::Result<()> {
    let columns = T::KIND.columns();
    let mut extra_keys: Vec<&str> = Vec::new();
    for r in records {
        for k in r.extra().keys() {
            if !extra_keys.contains(&k.as_str()) {
                extra_keys.push(k);
            }
        }
    }
    let mut w = csv::WriterBuilder::new().from_writer(writer);
    let header: Vec<&str> = columns
        .iter()
        .map(|c| c.name)
        .chain(extra_keys.iter().copied())
        .collect();
    w.write_record(&header)?;
    for r in records {
        for mut row in r.to_rows() {
            for k in &extra_keys {
                row.push(r.extra().get(*k).cloned().unwrap_or_default());
            }
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Writes `records` to `path` atomically: a temporary file in the same directory, then a rename.
///
/// # Errors
/// When the file cannot be written.
pub fn write_csv_file<T: Record>(records: &[T], path: &Path) -> Result<()> {
    crate::fsutil::write_atomic(path, |w| write_csv(records, w))
}
