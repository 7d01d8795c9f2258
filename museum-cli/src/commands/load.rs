//! Finding and reading the dataset files named on the command line, shared by the commands
//! that read datasets (validate, dedup's decisions, export, stats, report).

use std::path::{Path, PathBuf};

use anyhow::Context;
use museum_core::ErrorKind;
use museum_core::dedup::{
    DECISIONS_FILE, Decision, LoadedRecords, load_records_with, read_decisions,
};
use museum_core::io::{CsvOptions, DatasetKind, discover};
use museum_core::validate::{CONFIG_FILE, Config, Input, ValidateOptions};

use crate::args::InputArgs;
use crate::printer::Printer;

/// The files to read, found by [`museum_core::io::discover`] path by path: directories give their
/// dataset files (by name; names that tell no kind are skipped with a warning, a directory
/// without dataset files is warned about), files their kind (`--kind` or the name).
pub(crate) fn inputs(
    paths: &[PathBuf],
    kind: Option<DatasetKind>,
    printer: &Printer,
) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        let found = discover(std::slice::from_ref(path), kind).map_err(|e| {
            let unreadable_dir = matches!(e.kind(), ErrorKind::Io { .. });
            let e = anyhow::Error::new(e);
            if unreadable_dir {
                e.context(format!("cannot read the datasets in `{}`", path.display()))
            } else {
                e
            }
        })?;
        // The decisions and the person registry live beside the data on purpose.
        for s in found.skipped.iter().filter(|s| !is_companion(s)) {
            printer.warn(&format!(
                "skipped `{}`: its name does not tell what it holds",
                s.display()
            ));
        }
        if path.is_dir() && found.inputs.is_empty() {
            printer.warn(&format!(
                "`{}` has no dataset files (`victims.csv`, `figures.csv`…)",
                path.display()
            ));
        }
        inputs.extend(found.inputs);
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

/// The `museum.toml` of a run, one rule for every command: `config` (`--config`), else the
/// `museum.toml` in the first directory given (or beside the first file) that has one, else the
/// one in the current directory; `None` when there is none.
pub(crate) fn config_path(config: Option<&Path>, paths: &[PathBuf]) -> Option<PathBuf> {
    config
        .map(Path::to_path_buf)
        .or_else(|| paths.iter().find_map(|p| Config::find(p)))
        .or_else(|| Some(PathBuf::from(CONFIG_FILE)).filter(|p| p.is_file()))
}

/// The project configuration of a run: the [`config_path`] file, else the defaults.
pub(crate) fn config(config: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<Config> {
    Ok(match config_path(config, paths) {
        Some(p) => Config::load(&p)?,
        None => Config::default(),
    })
}

/// The validation options of a run: [`config`] (`--config`, else the `museum.toml` beside the
/// data) applied to the defaults, then the input options of the command line (`--max-records`,
/// `--delimiter`, `--encoding`, `--sheet`, `--source`).
pub(crate) fn validate_options(
    input: &InputArgs,
    paths: &[PathBuf],
) -> anyhow::Result<ValidateOptions> {
    let options = config(input.config.as_deref(), paths)?.apply(ValidateOptions::default())?;
    Ok(with_input(options, input))
}

/// `options` with the input options of the command line on top.
pub(crate) fn with_input(mut options: ValidateOptions, input: &InputArgs) -> ValidateOptions {
    if input.max_records.is_some() {
        options.limits.max_records = input.max_records;
    }
    if input.delimiter.is_some() {
        options.delimiter = input.delimiter;
    }
    if input.encoding.is_some() {
        options.encoding = input.encoding;
    }
    if input.sheet.is_some() {
        options.sheet.clone_from(&input.sheet);
    }
    if input.source.is_some() {
        options.source.clone_from(&input.source);
    }
    options
}

/// The reader options of a run (for the commands that read without validating: dedup, search):
/// those of [`validate_options`].
pub(crate) fn csv_options(input: &InputArgs, paths: &[PathBuf]) -> anyhow::Result<CsvOptions> {
    Ok(validate_options(input, paths)?.csv_options())
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

/// The victims and figures of `paths` as matching reads them (the input options of the command
/// line applied), with a note when files were skipped (`-v`) and when the readers made findings (`museum validate` lists them).
/// For the commands that match records (dedup, persons).
pub(crate) fn match_records(
    paths: &[PathBuf],
    input: &InputArgs,
    printer: &Printer,
) -> anyhow::Result<LoadedRecords> {
    let loaded = load_records_with(paths, input.kind(), &csv_options(input, paths)?)
        .context("cannot read the records")?;
    loaded_notes(&loaded, printer);
    Ok(loaded)
}

/// The notes on records read for matching: the files skipped (`-v`), and how many findings the
/// readers made (`museum validate` lists them).
pub(crate) fn loaded_notes(loaded: &LoadedRecords, printer: &Printer) {
    if printer.verbose > 0 {
        for s in &loaded.skipped {
            printer.note(&format!(
                "skipped `{}`: matching reads victims and figures",
                s.display()
            ));
        }
    }
    if loaded.reader_findings > 0 {
        printer.note(&format!(
            "note: the readers made {} finding(s) in the data; `museum validate` lists them",
            loaded.reader_findings
        ));
    }
}
