//! `museum`: validate, report on and export the archive of victims of political repressions.

mod args;
mod commands;
mod exit;
mod printer;
mod progress;
mod signals;

use std::process::ExitCode;

use clap::Parser;

use crate::exit::ExitStatus;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let printer = printer::Printer::new(&cli.global);
    if let Err(e) = signals::install() {
        printer.warn(&format!(
            "cannot handle SIGINT/SIGTERM ({e}); an interrupted run may leave `.museum-*` temporary files"
        ));
    }
    let result = commands::run(cli, &printer);
    signals::wait_if_interrupted();
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            // A closed pipe (`museum … | head`) is not a failure.
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            printer.error(&err);
            ExitStatus::Error.into()
        }
    }
}
