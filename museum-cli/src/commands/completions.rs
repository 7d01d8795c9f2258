//! `museum completions`: a shell completion script on stdout.

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &CompletionsArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "museum", &mut script);
    printer.out(&String::from_utf8_lossy(&script))?;
    Ok(ExitStatus::Success)
}
