//! One file per subcommand; `run` dispatches.

mod completions;
mod dedup;
mod export;
mod load;
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
        Command::Export(args) => export::run(&args, &cli.global, printer),
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
