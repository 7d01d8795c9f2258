//! `SIGINT` (Ctrl-C) and `SIGTERM`: stop cleanly.
//!
//! A handler thread waits for either signal, then calls [`museum_core::fsutil::interrupt`],
//! which removes the temporary files and directories of output not yet in place (and output
//! directories this run created and left empty) and stops any further rename into place. The
//! process then exits with 128 + the signal number (130 for `SIGINT`, 143 for `SIGTERM`), as
//! shells do. A target that existed before keeps its previous content; a new one does not
//! appear.

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Starts the handler thread.
pub(crate) fn install() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                museum_core::fsutil::interrupt();
                let name = if sig == SIGINT { "SIGINT" } else { "SIGTERM" };
                // The main thread may be anywhere; this message and the exit are the whole of
                // the shutdown. Nothing partial is left: `interrupt` removed it.
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("museum: interrupted by {name}; unfinished output removed");
                }
                #[allow(clippy::exit)]
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// After an interruption the handler thread is about to exit the process with the signal's
/// status: the main thread (whose writes now fail with "interrupted", or which just finished)
/// must not exit first with another status.
pub(crate) fn wait_if_interrupted() {
    if museum_core::fsutil::is_interrupted() {
        loop {
            std::thread::park();
        }
    }
}
