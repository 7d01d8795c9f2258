//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "Exit codes:\n  0  success: nothing at or above `--fail-on`\n  1  the command ran and found problems at or above `--fail-on` (or `--check` found drift)\n  2  could not run: bad usage, unreadable input, I/O error";

/// Validate, deduplicate, report on and export the archive of the Museum in memory of the
/// victims of political repressions (Shymkent, Kazakhstan).
#[derive(Debug, Parser)]
#[command(name = "museum", version, about, long_about = None, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub(crate) color: ColorChoice,
    /// Print only results and errors.
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,
    /// Print more detail (repeat for more).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub(crate) verbose: u8,
    /// Never show progress bars.
    #[arg(long, global = true)]
    pub(crate) no_progress: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check datasets for errors: structure, values, dates, references.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum validate datasets/                      # every file of the archive, with cross-file references\n",
        "  museum validate list.csv --kind victims        # one list whose name does not tell its kind\n",
        "  museum validate datasets/ --format json > findings.json\n",
        "  museum validate list.csv --kind victims --ignore M6,stray-whitespace\n",
        "  museum validate datasets/ --select M3 --fail-on warning\n\n",
        "Configuration: a `museum.toml` in the validated directory (or the file's directory) sets\n",
        "severities per code, ignored codes and thresholds; see `museum rules` for the codes.\n\n",
        "Exit codes:\n  0  no finding at or above `--fail-on`\n  1  findings at or above `--fail-on`\n  2  could not run"
    ))]
    Validate(ValidateArgs),
    /// List the finding codes, or explain one.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum rules                      # every code: id, name, severity, summary\n",
        "  museum rules M302                 # what the rule checks, why, and an example\n",
        "  museum rules stray-whitespace     # the same, by name\n",
        "  museum rules --format json        # for tools\n\n",
        "Exit codes:\n  0  listed\n  2  unknown code"
    ))]
    Rules(RulesArgs),
    /// Write the JSON Schemas of the entities and the Frictionless `datapackage.json`.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum schema                 # (re)write schemas/ from the code\n",
        "  museum schema --check         # exit 1 when schemas/ differs from the code (CI)\n",
        "  museum schema --out /tmp/s    # write elsewhere\n\n",
        "Exit codes:\n  0  written, or up to date with `--check`\n  1  `--check` found differences\n  2  could not run"
    ))]
    Schema(SchemaArgs),
}

/// Output format of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FindingsFormat {
    /// `file:line:field: severity[code] message`, then a summary line.
    Human,
    /// One JSON document `{"findings": [...], "summary": {...}}`.
    Json,
    /// One JSON object per finding per line.
    Jsonl,
    /// GitHub Actions workflow annotations (`::error file=…,line=…::message`).
    Github,
}

/// Minimum severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

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

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Files or directories to validate (a directory: every dataset file in it, with references
    /// checked across the files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// What the files hold, when their names do not tell (`victims.csv` does).
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FindingsFormat::Human)]
    pub(crate) format: FindingsFormat,
    /// Exit 1 when a finding at or above this severity exists.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub(crate) fail_on: FailOn,
    /// Report only these codes: ids (`M201`), names (`unparseable-date`) or id prefixes (`M3`),
    /// comma-separated.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Do not report these codes (ids, names or prefixes, comma-separated).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// The configuration file to use instead of the `museum.toml` next to the data.
    #[arg(long, value_name = "PATH")]
    pub(crate) config: Option<PathBuf>,
    /// Replace personal values (names, dates, places of victims and figures) by `***`.
    #[arg(long)]
    pub(crate) mask_values: bool,
    /// Worker threads for large CSV files (default: one per CPU).
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) threads: Option<usize>,
    /// The CSV delimiter (`,`, `;`, `tab`, `|`), when sniffing it from the header is not enough.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub(crate) delimiter: Option<u8>,
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

/// Output format of `museum rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RulesFormat {
    /// A table, or the rule's documentation.
    Human,
    /// JSON: an array of `{code, name, severity, summary}`, or one object with `docs`.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// A code id (`M201`) or name (`unparseable-date`) to explain.
    pub(crate) code: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub(crate) format: RulesFormat,
}

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Directory to write (or check) the schemas in.
    #[arg(long, default_value = "schemas")]
    pub(crate) out: PathBuf,
    /// Do not write; exit 1 when the files differ from what the code generates.
    #[arg(long)]
    pub(crate) check: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
