//! `museum`: validate, report on and export the archive of victims of political repressions.

mod args;
mod commands;
mod exit;
mod printer;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use crate::exit::ExitStatus;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let printer = printer::Printer::new(&cli.global);
    match commands::run(cli, &printer) {
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
