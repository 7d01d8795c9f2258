//! One file per subcommand; `run` dispatches.

mod completions;
mod dedup;
mod export;
mod name;
mod report;
mod rules;
mod schema;
mod search;
mod stats;
mod synth;
mod validate;

use crate::args::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Validate(args) => validate::run(&args, printer),
        Command::Schema(args) => schema::run(&args, printer),
        Command::Export(args) => export::run(&args, printer),
        Command::Synth(args) => synth::run(&args, printer),
        Command::Completions(args) => completions::run(&args, printer),
        Command::Rules(args) => rules::run(&args, printer),
        Command::Name(args) => name::run(&args, printer),
        Command::Dedup(args) => dedup::run(&args, printer),
        Command::Search(args) => search::run(&args, printer),
        Command::Stats(args) => stats::run(&args, &cli.global, printer),
        Command::Report(args) => report::run(&args, &cli.global, printer),
    }
}

/// The record limit of a run: `--max-records`, else `max_records` under `[limits]` in the
/// `museum.toml` beside the first input (the file `museum validate` reads), else none.
pub(crate) fn max_records(
    flag: Option<u64>,
    paths: &[std::path::PathBuf],
) -> anyhow::Result<Option<u64>> {
    use anyhow::Context as _;
    if flag.is_some() {
        return Ok(flag);
    }
    let Some(path) = paths
        .iter()
        .find_map(|p| museum_core::validate::Config::find(p))
    else {
        return Ok(None);
    };
    // Only this key: the other sections belong to other commands.
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).with_context(|| format!("cannot parse `{}`", path.display()))?;
    match table.get("limits").and_then(|l| l.get("max_records")) {
        None => Ok(None),
        Some(toml::Value::Integer(n)) if *n > 0 => Ok(u64::try_from(*n).ok()),
        Some(v) => anyhow::bail!(
            "in `{}`: max_records must be a positive number, not `{v:?}`",
            path.display()
        ),
    }
}

/// The dataset kind of a file: `--kind` when given, else what its name tells (`victims.csv`).
pub(crate) fn file_kind(
    path: &std::path::Path,
    kind: Option<museum_core::io::DatasetKind>,
) -> museum_core::Result<museum_core::io::DatasetKind> {
    kind.or_else(|| museum_core::io::DatasetKind::from_path(path))
        .ok_or_else(|| {
            museum_core::ErrorKind::UnknownKind {
                path: path.to_owned(),
            }
            .into()
        })
}
