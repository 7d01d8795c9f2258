//! Finding the dataset files named on the command line: the one discovery every reader uses
//! (validation, [`Archive::load_dir`](super::Archive::load_dir), the matching loader).
//!
//! A directory gives its files whose extension a reader knows (`.csv`, `.jsonl`, `.xlsx`…), by
//! name; those whose name tells their kind (`victims.csv`, `kostanay_figures.jsonl`) are inputs,
//! the others are skipped and listed, so that the caller can say so. A file given by name is an
//! input of the kind given, else of the kind its name tells; a file whose kind cannot be told is
//! an error, as is a path that does not exist.

use std::path::{Path, PathBuf};

use super::{DatasetKind, FileFormat};
use crate::error::{Error, ErrorKind, Result};

/// One file to read and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// What it holds.
    pub kind: DatasetKind,
}

/// The files found under the paths given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// The files to read: the paths in the order given, a directory's files by name.
    pub inputs: Vec<Input>,
    /// Files of a directory with a known extension whose name tells no kind (not read).
    pub skipped: Vec<PathBuf>,
}

impl Discovered {
    /// Keeps the inputs of `kinds`, grouped in the order of `kinds` (by name within a kind);
    /// the others join [`Discovered::skipped`], which stays in name order. For readers that read
    /// kind by kind; call it on one directory's discovery, since it regroups the whole list.
    #[must_use]
    pub fn by_kind(mut self, kinds: &[DatasetKind]) -> Self {
        let position = |k: DatasetKind| kinds.iter().position(|w| *w == k);
        let (mut inputs, others): (Vec<Input>, Vec<Input>) = self
            .inputs
            .into_iter()
            .partition(|i| position(i.kind).is_some());
        inputs.sort_by_key(|i| position(i.kind));
        self.inputs = inputs;
        self.skipped.extend(others.into_iter().map(|i| i.path));
        self.skipped.sort();
        self
    }
}

/// Finds the dataset files of `paths`: a directory gives its files by name (those whose name
/// tells no kind are [skipped](Discovered::skipped)); a file is read as `kind`, else as the kind
/// its name tells.
///
/// # Errors
/// When a path does not exist ([`ErrorKind::NotFound`]), a directory cannot be read, or a
/// file's kind is neither given nor told by its name ([`ErrorKind::UnknownKind`]).
///
/// ```
/// # fn main() -> museum_core::Result<()> {
/// use museum_core::io::{DatasetKind, discover};
/// let dir = tempfile::tempdir().unwrap();
/// for name in ["victims.csv", "figures.jsonl", "notes.csv", "README.md"] {
///     std::fs::write(dir.path().join(name), "id\n").unwrap();
/// }
/// let found = discover(&[dir.path().to_path_buf()], None)?;
/// let kinds: Vec<DatasetKind> = found.inputs.iter().map(|i| i.kind).collect();
/// assert_eq!(kinds, [DatasetKind::Figures, DatasetKind::Victims]);
/// assert_eq!(found.skipped, [dir.path().join("notes.csv")]);
/// # Ok(()) }
/// ```
pub fn discover(paths: &[PathBuf], kind: Option<DatasetKind>) -> Result<Discovered> {
    let mut found = Discovered::default();
    for path in paths {
        if path.is_dir() {
            for file in data_files(path)? {
                match DatasetKind::from_path(&file) {
                    Some(kind) => found.inputs.push(Input { path: file, kind }),
                    None => found.skipped.push(file),
                }
            }
        } else if path.is_file() {
            let kind = kind
                .or_else(|| DatasetKind::from_path(path))
                .ok_or_else(|| Error::from(ErrorKind::UnknownKind { path: path.clone() }))?;
            found.inputs.push(Input {
                path: path.clone(),
                kind,
            });
        } else {
            return Err(ErrorKind::NotFound { path: path.clone() }.into());
        }
    }
    Ok(found)
}

/// The files of `dir` with an extension a reader knows, by name.
fn data_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("read directory", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && FileFormat::from_path(p).is_some())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, names: &[&str]) {
        for name in names {
            std::fs::write(dir.join(name), "id\n").unwrap();
        }
    }

    /// Paths in the order given, a directory's files by name, unknown names skipped, other
    /// extensions ignored; `by_kind` regroups and moves other kinds to the skipped.
    #[test]
    fn order_kinds_and_skipped() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        touch(
            &a,
            &[
                "victims.csv",
                "figures.jsonl",
                "aral_victims.xlsx",
                "sources.csv",
                "notes.csv",
                "README.md",
            ],
        );
        touch(&b, &["list.tsv"]);
        std::fs::create_dir(a.join("camps.csv")).unwrap(); // a directory, not a file
        let list = b.join("list.tsv");
        let found = discover(&[list.clone(), a.clone()], Some(DatasetKind::Victims)).unwrap();
        let got: Vec<(String, DatasetKind)> = found
            .inputs
            .iter()
            .map(|i| (i.path.file_name().unwrap().to_string_lossy().into(), i.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("list.tsv".to_owned(), DatasetKind::Victims),
                ("aral_victims.xlsx".to_owned(), DatasetKind::Victims),
                ("figures.jsonl".to_owned(), DatasetKind::Figures),
                ("sources.csv".to_owned(), DatasetKind::Sources),
                ("victims.csv".to_owned(), DatasetKind::Victims),
            ]
        );
        assert_eq!(found.skipped, [a.join("notes.csv")]);

        let matching = discover(std::slice::from_ref(&a), None)
            .unwrap()
            .by_kind(&[DatasetKind::Figures, DatasetKind::Victims]);
        let paths: Vec<&Path> = matching.inputs.iter().map(|i| i.path.as_path()).collect();
        assert_eq!(
            paths,
            [
                a.join("figures.jsonl"),
                a.join("aral_victims.xlsx"),
                a.join("victims.csv")
            ]
        );
        assert_eq!(
            matching.skipped,
            [a.join("notes.csv"), a.join("sources.csv")]
        );
    }

    /// A file named nothing known needs `--kind`; a missing path is an error naming it.
    #[test]
    fn unknown_kind_and_missing_path() {
        let tmp = tempfile::tempdir().unwrap();
        touch(tmp.path(), &["list.csv"]);
        let list = tmp.path().join("list.csv");
        let err = discover(std::slice::from_ref(&list), None).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnknownKind { path } if *path == list),
            "{err}"
        );
        let missing = tmp.path().join("missing");
        let err = discover(&[list, missing.clone()], Some(DatasetKind::Victims)).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NotFound { path } if *path == missing),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!("`{}` does not exist", missing.display())
        );
    }
}
