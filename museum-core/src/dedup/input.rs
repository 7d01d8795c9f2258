//! Loading victims and figures from files and directories into [`DedupRecord`]s, streaming (a
//! typed record is converted and dropped at once, so a million rows fit in memory).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::record::DedupRecord;
use crate::error::{Error, ErrorKind, Result};
use crate::io::{CsvOptions, DatasetKind, FileFormat, ReadItem, RecordReader};
use crate::model::{Figure, Victim};

/// Records loaded for matching.
#[derive(Debug, Default)]
pub struct LoadedRecords {
    /// The records, in file order (files in the order given; a directory's files by name).
    pub records: Vec<DedupRecord>,
    /// The files read, with their kinds.
    pub files: Vec<(PathBuf, DatasetKind)>,
    /// Files of a directory that hold neither victims nor figures (not read).
    pub skipped: Vec<PathBuf>,
    /// Findings the readers made (unparseable dates, unknown values…); `museum validate` lists
    /// them.
    pub reader_findings: usize,
}

/// Loads victims and figures from files and directories. A directory contributes its
/// `victims*` and `figures*` files; a file's kind comes from `kind` or its name.
///
/// # Errors
/// When a path does not exist, cannot be read, or a file is of another kind.
pub fn load_records(paths: &[PathBuf], kind: Option<DatasetKind>) -> Result<LoadedRecords> {
    let mut out = LoadedRecords::default();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io("read directory", path, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && FileFormat::from_path(p).is_some())
                .collect();
            entries.sort();
            for k in [DatasetKind::Figures, DatasetKind::Victims] {
                for f in entries
                    .iter()
                    .filter(|p| DatasetKind::from_path(p) == Some(k))
                {
                    load_file(f, k, &mut out)?;
                }
            }
            out.skipped.extend(entries.into_iter().filter(|p| {
                !matches!(
                    DatasetKind::from_path(p),
                    Some(DatasetKind::Figures | DatasetKind::Victims)
                )
            }));
        } else if path.is_file() {
            let k = kind
                .or_else(|| DatasetKind::from_path(path))
                .ok_or_else(|| Error::from(ErrorKind::UnknownKind { path: path.clone() }))?;
            if !matches!(k, DatasetKind::Figures | DatasetKind::Victims) {
                return Err(Error::invalid_option(format!(
                    "`{}` holds {k}; matching reads victims and figures",
                    path.display()
                )));
            }
            load_file(path, k, &mut out)?;
        } else {
            return Err(Error::io(
                "read",
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    Ok(out)
}

fn load_file(path: &Path, kind: DatasetKind, out: &mut LoadedRecords) -> Result<()> {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let options = CsvOptions::default();
    match kind {
        DatasetKind::Victims => {
            for item in RecordReader::<Victim>::open(path, &options)? {
                match item {
                    ReadItem::Record(v, findings) => {
                        out.reader_findings += findings.len();
                        out.records
                            .push(DedupRecord::from_victim(&v, Some(name.clone())));
                    }
                    ReadItem::Finding(_) => out.reader_findings += 1,
                }
            }
        }
        DatasetKind::Figures => {
            for item in RecordReader::<Figure>::open(path, &options)? {
                match item {
                    ReadItem::Record(f, findings) => {
                        out.reader_findings += findings.len();
                        out.records
                            .push(DedupRecord::from_figure(&f, Some(name.clone())));
                    }
                    ReadItem::Finding(_) => out.reader_findings += 1,
                }
            }
        }
        _ => {}
    }
    out.files.push((path.to_owned(), kind));
    Ok(())
}
