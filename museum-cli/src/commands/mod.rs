//! One file per subcommand; `run` dispatches.

mod completions;
mod decide;
mod dedup;
mod export;
mod load;
mod man;
mod name;
mod persons;
mod report;
mod review;
mod rules;
mod schema;
mod search;
mod stats;
mod synth;
mod validate;
mod vocab;

use crate::args::{Cli, Command};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(cli: Cli, printer: &Printer) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Validate(args) => validate::run(&args, &cli.global, printer),
        Command::Schema(args) => schema::run(&args, printer),
        Command::Export(args) => export::run(&args, &cli.global, printer),
        Command::Synth(args) => synth::run(&args, printer),
        Command::Completions(args) => completions::run(&args, printer),
        Command::Man(args) => man::run(&args, printer),
        Command::Rules(args) => rules::run(&args, printer),
        Command::Name(args) => name::run(&args, printer),
        Command::Dedup(args) => dedup::run(&args, &cli.global, printer),
        Command::Persons(args) => persons::run(&args, printer),
        Command::Decide(args) => decide::run(&args, printer),
        Command::Search(args) => search::run(&args, printer),
        Command::Stats(args) => stats::run(&args, &cli.global, printer),
        Command::Report(args) => report::run(&args, &cli.global, printer),
        Command::Review(args) => review::run(&args, &cli.global, printer),
        Command::Vocab(args) => vocab::run(&args, printer),
    }
}

/// Today's date (UTC), or the date of `SOURCE_DATE_EPOCH` when set (reproducible output).
pub(crate) fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    museum_core::Day {
        year: 1970,
        month: 1,
        day: 1,
    }
    .add_days(secs.div_euclid(86_400))
    .to_string()
}
