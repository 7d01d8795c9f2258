//! Arguments of the commands that summarise and publish lists: `stats`, `report`, `export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::InputArgs;

#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Files or directories to read (a directory: every dataset file in it).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
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
    #[command(flatten)]
    pub(crate) input: InputArgs,
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
    /// Human same/different decisions for deduplication (`record_a,record_b,decision,who,when,why`);
    /// default: `decisions.csv` beside the data, when present.
    #[arg(long, value_name = "FILE", conflicts_with = "no_dedup")]
    pub(crate) decisions: Option<PathBuf>,
    /// Ignore `decisions.csv` beside the data.
    #[arg(long, conflicts_with = "decisions")]
    pub(crate) no_decisions: bool,
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

/// What `museum export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExportFormatArg {
    /// One JSON file: `{"museum_export_version", "format_version", "generated_by", "sources": [...], …}`.
    Json,
    /// A directory with one JSON Lines file per entity (`victims.jsonl`…) and `manifest.json`.
    Jsonl,
    /// A directory with one Parquet file per entity (`victims.parquet`, `victim_cases.parquet`…).
    Parquet,
    /// A directory with the CSV files and a Frictionless `datapackage.json`.
    Datapackage,
}

impl From<ExportFormatArg> for museum_core::export::ExportFormat {
    fn from(f: ExportFormatArg) -> Self {
        use museum_core::export::ExportFormat as F;
        match f {
            ExportFormatArg::Json => F::Json,
            ExportFormatArg::Jsonl => F::Jsonl,
            ExportFormatArg::Parquet => F::Parquet,
            ExportFormatArg::Datapackage => F::Datapackage,
        }
    }
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The dataset directory to export (or dataset files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Json)]
    pub(crate) format: ExportFormatArg,
    /// Where to write: a file for `json` (`-` for stdout), a directory for the others.
    #[arg(short, long, value_name = "OUT")]
    pub(crate) output: PathBuf,
    /// Replace OUT if it exists.
    #[arg(long)]
    pub(crate) force: bool,
    /// Export even when validation finds errors.
    #[arg(long)]
    pub(crate) allow_errors: bool,
    /// Deduplication clusters (`record_id,cluster_id` CSV): adds `cluster_id` to victims.
    #[arg(long, value_name = "FILE")]
    pub(crate) clusters: Option<PathBuf>,
    /// Export merged person records (`persons.jsonl`, `persons` in the bundle, the registry in a
    /// data package) from the person registry; on by default when `persons.csv` is beside the
    /// data (see `museum persons`).
    #[arg(long)]
    pub(crate) persons: bool,
    /// Do not export person records even when a registry is beside the data.
    #[arg(long, conflicts_with = "persons")]
    pub(crate) no_persons: bool,
    /// The person registry (default: `persons.csv` in the first directory given, or beside the
    /// first file); implies `--persons`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_persons")]
    pub(crate) registry: Option<PathBuf>,
    /// Kept for scripts: redaction is the default (see `--no-redact`).
    #[arg(long, conflicts_with = "no_redact")]
    pub(crate) redact: bool,
    /// Export everyone in full, without dropping fields or masking persons who may still be
    /// alive: for internal use only, never for the public.
    #[arg(long, conflicts_with = "redact_config")]
    pub(crate) no_redact: bool,
    /// Read the redaction settings from this TOML file (its `[export.redact]` section) instead of
    /// `museum.toml`.
    #[arg(long, value_name = "FILE")]
    pub(crate) redact_config: Option<PathBuf>,
    /// The day masking counts back from, `YYYY-MM-DD` (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<String>,
    /// Record when the export was written (`generated_at`); the output is then no longer
    /// byte-identical between runs.
    #[arg(long)]
    pub(crate) timestamp: bool,
}
