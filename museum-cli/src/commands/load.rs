//! Finding and reading the dataset files named on the command line, shared by the commands
//! that read datasets (validate, dedup's decisions, export, stats, report).

use std::path::{Path, PathBuf};

use anyhow::Context;
use museum_core::dedup::{DECISIONS_FILE, Decision, read_decisions};
use museum_core::io::{Archive, DatasetKind};
use museum_core::validate::{
    Config, Input, Report, ValidateOptions, dataset_files, validate_and_load,
};

use crate::printer::Printer;
use crate::progress::Progress;

/// The files to read: directories give their dataset files (kind order, then by name; names
/// that tell no kind are skipped with a warning), files their kind (`--kind` or the name).
pub(crate) fn inputs(
    paths: &[PathBuf],
    kind: Option<DatasetKind>,
    printer: &Printer,
) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let (found, skipped) = dataset_files(path)
                .with_context(|| format!("cannot read the datasets in `{}`", path.display()))?;
            // The decisions and the person registry live beside the data on purpose.
            for s in skipped.into_iter().filter(|s| !is_companion(s)) {
                printer.warn(&format!(
                    "skipped `{}`: its name does not tell what it holds",
                    s.display()
                ));
            }
            if found.is_empty() {
                printer.warn(&format!(
                    "`{}` has no dataset files (`victims.csv`, `figures.csv`…)",
                    path.display()
                ));
            }
            inputs.extend(found);
        } else if path.is_file() {
            let k = super::file_kind(path, kind)?;
            inputs.push(Input {
                path: path.clone(),
                kind: k,
            });
        } else {
            anyhow::bail!("`{}` does not exist", path.display());
        }
    }
    Ok(inputs)
}

/// Whether `path` is a file kept beside the data that is not a dataset: `decisions.csv`, the
/// person registry `persons.csv`.
fn is_companion(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == DECISIONS_FILE || n == museum_core::persons::REGISTRY_FILE)
}

/// The project configuration of a run: `config` (`--config`), else the `museum.toml` in the
/// first directory given (or beside the first file) that has one, else the defaults.
pub(crate) fn config(config: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<Config> {
    let path = match config {
        Some(p) => Some(p.to_path_buf()),
        None => paths.iter().find_map(|p| Config::find(p)),
    };
    Ok(match &path {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    })
}

/// The validation options of a run: [`config`] applied to the defaults, then `--max-records`.
pub(crate) fn validate_options(
    config_path: Option<&Path>,
    paths: &[PathBuf],
    max_records: Option<u64>,
) -> anyhow::Result<ValidateOptions> {
    let mut options = config(config_path, paths)?.apply(ValidateOptions::default())?;
    if max_records.is_some() {
        options.limits.max_records = max_records;
    }
    Ok(options)
}

/// The record limit of a run: `--max-records`, else `max_records` under `[limits]` in the
/// `museum.toml` beside the data.
pub(crate) fn max_records(flag: Option<u64>, paths: &[PathBuf]) -> anyhow::Result<Option<u64>> {
    Ok(match flag {
        Some(n) => Some(n),
        None => validate_options(None, paths, None)?.limits.max_records,
    })
}

/// The same/different decisions of a run: `explicit` (`--decisions FILE`), else `decisions.csv`
/// beside the data when there is one, none with `ignore` (`--no-decisions`). Rows that cannot be
/// read are warned about, not fatal.
pub(crate) fn decisions(
    explicit: Option<&Path>,
    ignore: bool,
    paths: &[PathBuf],
    printer: &Printer,
) -> anyhow::Result<Vec<Decision>> {
    let path = match (explicit, ignore) {
        (Some(p), _) => Some(p.to_path_buf()),
        (None, true) => None,
        (None, false) => decisions_beside(paths).filter(|p| p.exists()),
    };
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let (decisions, problems) = read_decisions(&path)
        .with_context(|| format!("cannot read the decisions in `{}`", path.display()))?;
    for p in problems {
        printer.warn(&p);
    }
    printer.note(&format!(
        "using {} decision(s) from `{}`",
        decisions.len(),
        path.display()
    ));
    Ok(decisions)
}

/// `decisions.csv` in the first directory given, or beside the first file.
pub(crate) fn decisions_beside(paths: &[PathBuf]) -> Option<PathBuf> {
    file_beside(paths, DECISIONS_FILE)
}

/// The file `name` in the first directory given, or beside the first file (`decisions.csv`,
/// `persons.csv`).
pub(crate) fn file_beside(paths: &[PathBuf], name: &str) -> Option<PathBuf> {
    let first = paths.first()?;
    let dir = if first.is_dir() {
        first.clone()
    } else {
        first
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    Some(dir.join(name))
}

/// Reads and validates `inputs` in one pass (the findings are those of `museum validate` with
/// the same options), showing the bytes done. For commands that need both.
pub(crate) fn validated_archive(
    inputs: &[Input],
    options: &ValidateOptions,
    progress: &Progress,
) -> anyhow::Result<(Report, Archive)> {
    let total: u64 = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .sum();
    progress.stage_bytes("reading", total);
    let done = std::cell::Cell::new(0u64);
    let on_bytes = |n: u64| {
        done.set(done.get() + n);
        progress.set_position(done.get());
    };
    Ok(validate_and_load(inputs, options, &on_bytes)?)
}
