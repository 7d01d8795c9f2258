//! Where output goes: results to stdout, messages and progress to stderr; colour only on a
//! terminal and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};

use crate::args::{ColorChoice, GlobalArgs};

/// Owns the decisions about stdout/stderr.
pub(crate) struct Printer {
    /// Colour on stdout.
    pub(crate) color_stdout: bool,
    /// Colour on stderr.
    color_stderr: bool,
    /// `-q`: only results and errors.
    pub(crate) quiet: bool,
    /// `-v` count.
    pub(crate) verbose: u8,
}

impl Printer {
    pub(crate) fn new(g: &GlobalArgs) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let decide = |tty: bool| match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        Printer {
            color_stdout: decide(std::io::stdout().is_terminal()),
            color_stderr: decide(std::io::stderr().is_terminal()),
            quiet: g.quiet,
            verbose: g.verbose,
        }
    }

    /// A buffered writer to stdout, for results written piece by piece.
    #[allow(clippy::unused_self)] // a method, so every output goes through the printer
    pub(crate) fn stdout(&self) -> std::io::BufWriter<std::io::StdoutLock<'static>> {
        std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
    }

    /// Writes a result to stdout.
    #[allow(clippy::unused_self)] // a method, so every output goes through the printer
    pub(crate) fn out(&self, text: &str) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    /// A message on stderr (suppressed by `--quiet`).
    pub(crate) fn note(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    }

    /// A warning on stderr (suppressed by `--quiet`).
    pub(crate) fn warn(&self, text: &str) {
        if !self.quiet {
            let label = self.paint_err("warning", "33;1");
            let _ = writeln!(std::io::stderr().lock(), "{label}: {text}");
        }
    }

    /// A fatal error with its causes.
    pub(crate) fn error(&self, err: &anyhow::Error) {
        let mut e = std::io::stderr().lock();
        let label = self.paint_err("error", "31;1");
        let _ = writeln!(e, "{label}: {err}");
        for cause in err.chain().skip(1) {
            let _ = writeln!(e, "  Caused by: {cause}");
        }
    }

    fn paint_err(&self, text: &str, code: &str) -> String {
        paint(self.color_stderr, text, code)
    }
}

/// Wraps `text` in an ANSI colour when `on`.
pub(crate) fn paint(on: bool, text: &str, code: &str) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}
