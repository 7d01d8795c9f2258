//! `museum man`: manual pages (roff) generated from the command-line definition.
//!
//! One page for `museum` and one per subcommand (`museum-report.1`…), so `man museum-report`
//! works once the pages are on `MANPATH`. Each page has the usual sections: NAME, SYNOPSIS,
//! DESCRIPTION, OPTIONS, then EXAMPLES and EXIT STATUS taken from the `--help` text, so the
//! page and `--help` never disagree.

use anyhow::Context;
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::args::{Cli, ManArgs};
use crate::exit::ExitStatus;
use crate::printer::Printer;

pub(crate) fn run(args: &ManArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let pages = pages()?;
    let Some(dir) = &args.out_dir else {
        // The main page: the first one.
        printer.out(&pages[0].1)?;
        return Ok(ExitStatus::Success);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    for (name, text) in &pages {
        museum_core::fsutil::write_bytes_atomic(&dir.join(name), text.as_bytes())?;
    }
    printer.note(&format!(
        "wrote {} manual pages to `{}` (read one with `man -l {}`)",
        pages.len(),
        dir.display(),
        dir.join("museum.1").display()
    ));
    Ok(ExitStatus::Success)
}

/// Every page as (file name, roff text): `museum.1` first, then the subcommands' pages.
pub(crate) fn pages() -> anyhow::Result<Vec<(String, String)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let subcommands: Vec<clap::Command> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let see_also: Vec<String> = subcommands
        .iter()
        .map(|s| format!("museum-{}(1)", s.get_name()))
        .collect();
    let mut pages = vec![page(cmd.clone(), &see_also, true)?];
    for sub in subcommands {
        pages.push(page(sub, &["museum(1)".to_owned()], false)?);
    }
    Ok(pages)
}

/// One page: `clap_mangen`'s title, NAME, SYNOPSIS, DESCRIPTION, OPTIONS and SUBCOMMANDS, then
/// the `after_help` text split into its own sections.
fn page(cmd: clap::Command, see_also: &[String], main: bool) -> anyhow::Result<(String, String)> {
    let after_help = cmd
        .get_after_long_help()
        .or_else(|| cmd.get_after_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    let has_options = cmd
        .get_arguments()
        .any(|a| !a.is_hide_set() && !matches!(a.get_id().as_str(), "help" | "version"));
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let has_version = cmd.get_version().is_some();
    let man = Man::new(cmd)
        .date(crate::commands::today())
        .manual("museum manual")
        .source(concat!("museum ", env!("CARGO_PKG_VERSION")));
    let name = man.get_filename();

    let mut out: Vec<u8> = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;

    let mut examples = Vec::new();
    let mut exit_codes = Vec::new();
    let mut notes = Vec::new();
    for block in after_help.split("\n\n") {
        let mut lines = block.lines();
        match lines.next().map(str::trim) {
            Some("Examples:") => examples.extend(lines.map(|l| l.trim().to_owned())),
            Some("Exit codes:") => exit_codes.extend(lines.map(|l| l.trim().to_owned())),
            Some(_) => notes.push(block.lines().collect::<Vec<_>>().join(" ")),
            None => {}
        }
    }
    let mut roff = Roff::new();
    for note in &notes {
        roff.control("PP", []).text([roman(note.as_str())]);
    }
    out.extend(roff.to_roff().into_bytes());
    if has_options {
        man.render_options_section(&mut out)?;
    }
    if has_subcommands {
        man.render_subcommands_section(&mut out)?;
    }

    let mut roff = Roff::new();
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        roff.control("nf", []);
        for e in &examples {
            roff.text([roman(e.as_str())]);
        }
        roff.control("fi", []);
    }
    if !exit_codes.is_empty() {
        roff.control("SH", ["EXIT STATUS"]);
        for line in &exit_codes {
            let (code, text) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            roff.control("TP", []);
            roff.text([bold(code)]);
            roff.text([roman(text.trim())]);
        }
    }
    if main {
        roff.control("SH", ["FILES"]);
        for (file, what) in FILES {
            roff.control("TP", []);
            roff.text([bold(*file)]);
            roff.text([roman(*what)]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    roff.text([roman(see_also.join(", "))]);
    out.extend(roff.to_roff().into_bytes());
    if has_version {
        man.render_version_section(&mut out)?;
    }

    let text = String::from_utf8(out).context("manual page is not UTF-8")?;
    // Each section clap_mangen renders repeats the apostrophe preamble: keep the first.
    let (head, rest) = text.split_at(text.find(PREAMBLE).map_or(0, |i| i + PREAMBLE.len()));
    let text = format!("{head}{}", rest.replace(PREAMBLE, ""));
    Ok((name, text))
}

/// The lines roff output starts with (a portable apostrophe).
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The files `museum` reads or writes by default, for the main page's FILES section.
const FILES: &[(&str, &str)] = &[
    (
        "museum.toml",
        "Rules and limits for `museum validate`, `museum report` and `museum export`, read from \
         the first input directory that has one (or the directory of an input file); `--config` \
         names another. Its `[export.redact]` section configures `museum export --redact` (read \
         from the current directory, then the first input directory).",
    ),
    (
        "decisions.csv",
        "Human same/different decisions about record pairs (`record_a,record_b,decision,who,when,why`), \
         read by `museum dedup` and `museum report` from beside the data; they always win over the model.",
    ),
    (
        "report.html",
        "Written by `museum report` in the current directory unless `-o` says otherwise.",
    ),
];
