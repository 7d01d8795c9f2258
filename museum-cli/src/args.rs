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
        "  museum validate datasets/ --format json > findings.json\n\n",
        "Exit codes:\n  0  no finding at or above `--fail-on`\n  1  findings at or above `--fail-on`\n  2  could not run"
    ))]
    Validate(ValidateArgs),
    /// Write the JSON Schemas of the entities and the Frictionless `datapackage.json`.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum schema                 # (re)write schemas/ from the code\n",
        "  museum schema --check         # exit 1 when schemas/ differs from the code (CI)\n",
        "  museum schema --out /tmp/s    # write elsewhere\n\n",
        "Exit codes:\n  0  written, or up to date with `--check`\n  1  `--check` found differences\n  2  could not run"
    ))]
    Schema(SchemaArgs),
    /// Statistics of the victims: the main distributions, or counts grouped by columns.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum stats datasets/                                   # the main distributions\n",
        "  museum stats datasets/ --by arrest_year,sentence_kind    # counts grouped by columns\n",
        "  museum stats list.csv --kind victims --by nationality --format csv > by-nationality.csv\n\n",
        "Columns for `--by`: sex, birth_year, birth_place, birth_region, nationality, occupation,\n",
        "death_year, arrest_year, arrest_month, sentence_year, sentence_month, execution_year,\n",
        "execution_month, sentence_kind, sentence_term, sentencing_body, charge_article, camp,\n",
        "age_at_arrest, age_band, rehabilitated, rehabilitation_year, rehabilitation_lag,\n",
        "rehabilitated_by. Person columns alone count persons; with a case column, cases; with\n",
        "`charge_article`, one count per article a case names.\n\n",
        "Exit codes:\n  0  done\n  2  could not run (unreadable input, unknown column)"
    ))]
    Stats(StatsArgs),
    /// Write the data-quality report: one self-contained HTML page (or Markdown, JSON).
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum report datasets/                   # writes report.html in the current directory\n",
        "  museum report datasets/ -o out/archive.html\n",
        "  museum report datasets/ --format md       # writes report.md (for a repository)\n",
        "  museum report list.csv --kind victims --no-dedup -o - > report.html\n\n",
        "The HTML page needs no network and runs no script: open it in any browser, share it as\n",
        "one file, print it.\n\n",
        "Exit codes:\n  0  the report was written (whatever it found)\n  2  could not run"
    ))]
    Report(ReportArgs),
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
    /// Files or directories to validate (a directory: every dataset file in it).
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
}

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Files or directories to read (a directory: every dataset file in it).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// What the files hold, when their names do not tell (`victims.csv` does).
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindArg>,
    /// Count grouped by these columns, comma-separated (`arrest_year,sentence_kind`).
    #[arg(long, value_delimiter = ',', value_name = "COLUMNS")]
    pub(crate) by: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Human)]
    pub(crate) format: TableFormat,
    /// How many values each distribution lists before summing up the rest.
    #[arg(long, default_value_t = 20)]
    pub(crate) top: usize,
}

/// Output format of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TableFormat {
    /// Aligned text tables.
    Human,
    /// CSV (the summary as `table,value,count,share` rows).
    Csv,
    /// One JSON document.
    Json,
    /// Markdown tables.
    Md,
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Files or directories to report on (a directory: every dataset file in it).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// What the files hold, when their names do not tell (`victims.csv` does).
    #[arg(long, value_enum)]
    pub(crate) kind: Option<KindArg>,
    /// Where to write the report (`-`: stdout). Default: `report.html` (`.md`, `.json`) in the
    /// current directory.
    #[arg(short, long, value_name = "PATH")]
    pub(crate) output: Option<PathBuf>,
    /// Report format. Default: from the extension of `--output`, else `html`.
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReportFormat>,
    /// Do not look for duplicate records (faster on large lists).
    #[arg(long)]
    pub(crate) no_dedup: bool,
    /// Title of the report.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// List at most this many findings (0: all); the counts always cover every finding.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub(crate) max_findings: usize,
    /// How many values each distribution lists before summing up the rest.
    #[arg(long, default_value_t = 20)]
    pub(crate) top: usize,
}

/// Format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// One self-contained HTML page with inline SVG charts.
    Html,
    /// Markdown (tables, no charts), for repositories.
    Md,
    /// One JSON document with everything the report shows.
    Json,
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
