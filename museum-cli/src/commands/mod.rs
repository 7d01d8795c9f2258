//! One file per subcommand; `run` dispatches.

mod report;
mod schema;
mod stats;
mod validate;

use crate::args::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Validate(args) => validate::run(&args, printer),
        Command::Schema(args) => schema::run(&args, printer),
        Command::Stats(args) => stats::run(&args, &cli.global, printer),
        Command::Report(args) => report::run(&args, &cli.global, printer),
    }
}
