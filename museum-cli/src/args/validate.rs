//! Arguments of the commands that check lists and explain the checks: `validate`, `rules`,
//! `vocab`, `schema`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{InputArgs, TextFormat};

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
    /// SARIF 2.1.0 (one JSON document), for code-scanning services (GitHub code scanning,
    /// GitLab, Azure DevOps).
    Sarif,
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

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Files or directories to validate (a directory: every dataset file in it, with references
    /// checked across the files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
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
    /// Replace personal values (names, dates, places of victims and figures) by `***`.
    #[arg(long)]
    pub(crate) mask_values: bool,
    /// Worker threads for large CSV files (default: `MUSEUM_THREADS`, else one per CPU). The
    /// output does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) threads: Option<usize>,
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

/// Arguments of `museum vocab`.
#[derive(Debug, Args)]
pub(crate) struct VocabArgs {
    /// Files or directories to read.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Only these fields (comma-separated; default: all).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FIELD")]
    pub(crate) field: Vec<VocabFieldArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
}

/// A field `museum vocab` can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum VocabFieldArg {
    /// `sentence` (`[vocab.sentence]`).
    Sentence,
    /// `charge` (`[vocab.charge]`).
    Charge,
    /// `sex` (`[vocab.sex]`).
    Sex,
    /// `sentencing_body` (`[vocab.sentencing_body]`).
    #[value(name = "sentencing_body", alias = "sentencing-body")]
    SentencingBody,
}

impl From<VocabFieldArg> for museum_core::validate::vocab::VocabField {
    fn from(f: VocabFieldArg) -> Self {
        match f {
            VocabFieldArg::Sentence => Self::Sentence,
            VocabFieldArg::Charge => Self::Charge,
            VocabFieldArg::Sex => Self::Sex,
            VocabFieldArg::SentencingBody => Self::SentencingBody,
        }
    }
}
