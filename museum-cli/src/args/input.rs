//! How every command that reads lists reads them: the one set of input options (`--kind`,
//! `--encoding`, `--sheet`, `--delimiter`, `--config`…).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// The kind of records a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum KindArg {
    /// Repressed persons (`victims.csv`).
    Victims,
    /// Portrait-gallery figures (`figures.csv`).
    Figures,
    /// Events and topics (`events.csv`).
    Events,
    /// Camps and sites (`camps.csv`).
    Camps,
    /// Sources (`sources.csv`).
    Sources,
    /// Estimates (`estimates.csv`).
    Estimates,
    /// Disputed facts (`claims.csv`).
    Claims,
}

impl From<KindArg> for museum_core::io::DatasetKind {
    fn from(k: KindArg) -> Self {
        use museum_core::io::DatasetKind as D;
        match k {
            KindArg::Victims => D::Victims,
            KindArg::Figures => D::Figures,
            KindArg::Events => D::Events,
            KindArg::Camps => D::Camps,
            KindArg::Sources => D::Sources,
            KindArg::Estimates => D::Estimates,
            KindArg::Claims => D::Claims,
        }
    }
}

/// How to read the lists: the same options for every command that reads them (validate, stats,
/// report, dedup, search, export).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Input")]
pub(crate) struct InputArgs {
    /// What the files hold, when their names do not tell (`victims.csv`, `kostanay_victims.xlsx`
    /// do).
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindArg>,
    /// The text encoding of CSV and JSON files: `utf-8`, `utf-16`, `windows-1251` (`cp1251`),
    /// `cp866`, `koi8-r`, `kz-1048`. Default: detected (a byte-order mark, else UTF-8, else the
    /// Cyrillic code page whose letters read as Russian or Kazakh text); a file whose encoding is
    /// not clear is refused with a message asking for this option.
    #[arg(long, value_name = "ENCODING")]
    pub(crate) encoding: Option<museum_core::io::TextEncoding>,
    /// Read only this sheet of spreadsheets (`.xlsx`, `.xls`, `.ods`); default: every sheet.
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// The CSV delimiter (`,`, `;`, `tab`, `|`), when sniffing it from the header is not enough.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub(crate) delimiter: Option<u8>,
    /// The source every record of the files comes from (a volume of a Book of Sorrow, one
    /// commission's file): records then need no source of their own. Per file: `[sources]`
    /// `"spisok.csv" = "src-…"` in `museum.toml`.
    #[arg(long, value_name = "ID")]
    pub(crate) source: Option<String>,
    /// The configuration file to use instead of the `museum.toml` next to the data, or else in
    /// the current directory (its rules decide what counts as an error; `[limits]` bound the
    /// readers).
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// At most this many records per file: a file with more stops the run with an error naming
    /// the file and the line (default: `max_records` under `[limits]` in the `museum.toml` beside
    /// the data, else no limit).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_records: Option<u64>,
}

impl InputArgs {
    /// The dataset kind given with `--kind`.
    pub(crate) fn kind(&self) -> Option<museum_core::io::DatasetKind> {
        self.kind.map(Into::into)
    }
}

/// `,`, `;`, `|`, `tab` or `\t` → the delimiter byte.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() && !matches!(s, "\"" | "\n" | "\r") => {
            Ok(s.as_bytes()[0])
        }
        _ => Err(format!(
            "`{s}` is not a one-character delimiter (`,`, `;`, `|` or `tab`)"
        )),
    }
}
