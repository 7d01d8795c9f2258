//! Arguments of the commands that find and decide on people: `name`, `search`, `dedup`,
//! `persons`, `review`, `decide`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{InputArgs, TextFormat};

#[derive(Debug, Args)]
pub(crate) struct NameArgs {
    /// The name, in any order, script and romanization.
    pub(crate) name: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The name to look for, in any order, script and romanization.
    pub(crate) name: String,
    /// Files or directories to search (default: `datasets/`).
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Birth year, to rank people born then first.
    #[arg(long)]
    pub(crate) born: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
    /// At most this many results.
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: usize,
    /// Leave out results scoring below this (0-1).
    #[arg(long, default_value_t = 0.7)]
    pub(crate) min_score: f64,
}

/// Output format of `museum dedup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DedupFormat {
    /// Each cluster of duplicates with its evidence, then a summary.
    Human,
    /// One row per record: `record_id,cluster_id,cluster_size,score,best_match,file,line,name,birth`.
    Csv,
    /// One JSON document: summary, model, clusters with their explanations.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct DedupArgs {
    /// Files or directories (a directory: its victims and figures files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DedupFormat::Human)]
    pub(crate) format: DedupFormat,
    /// Write the result to this file (atomically) instead of stdout.
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// Link records whose match probability is at least this (0-1).
    #[arg(long, default_value_t = 0.9)]
    pub(crate) threshold: f64,
    /// Explain the record with this id: its cluster, the evidence for each member, and the
    /// closest records left out.
    #[arg(long, value_name = "ID")]
    pub(crate) explain: Option<String>,
    /// Human decisions (`record_a,record_b,decision,who,when,why`); default: `decisions.csv`
    /// beside the data, when present. Decisions always win, and they are labels for the
    /// model: the output then says which weights they moved and how many other scored pairs
    /// crossed the threshold because of them (`decisions_effect` in JSON). Measuring that fits
    /// the model a second time without them and scores every candidate pair twice: with
    /// decisions, a run takes up to about twice as long.
    #[arg(long, value_name = "FILE")]
    pub(crate) decisions: Option<PathBuf>,
    /// Ignore `decisions.csv` beside the data.
    #[arg(long, conflicts_with = "decisions")]
    pub(crate) no_decisions: bool,
    /// Evaluate against labelled truth (`record_id,person_id`): pairwise and B-cubed
    /// precision/recall/F1, blocking recall.
    #[arg(long, value_name = "FILE")]
    pub(crate) truth: Option<PathBuf>,
    /// Exit 1 when duplicates are found.
    #[arg(long)]
    pub(crate) fail_on_duplicates: bool,
    /// Blocks larger than this are compared in a sliding window.
    #[arg(long, default_value_t = 30)]
    pub(crate) max_block_size: usize,
    /// The sliding window of large blocks.
    #[arg(long, default_value_t = 5)]
    pub(crate) window: usize,
    /// Blocking rules, comma-separated (default: all but `given` and `death-date`): surname+given,
    /// surname+initial, surname+year, given+patronymic, given+surname, name-set, birth-date,
    /// place+year, arrest-date, death-date, surname, given, place+surname, place+given, place-words.
    #[arg(long, value_delimiter = ',')]
    pub(crate) rules: Vec<String>,
    /// Use this saved model (from `--save-model`) instead of learning m and u from the list:
    /// for a small list, where learning is unreliable. Only the prior is learned again.
    #[arg(long, value_name = "FILE")]
    pub(crate) model: Option<PathBuf>,
    /// Save the model (per field and level: m, u and weight; JSON, see README) to this file.
    #[arg(long, value_name = "FILE")]
    pub(crate) save_model: Option<PathBuf>,
    /// Worker threads (0: `MUSEUM_THREADS`, else all cores). The output does not depend on it.
    #[arg(long, default_value_t = 0)]
    pub(crate) threads: usize,
}

#[derive(Debug, Args)]
pub(crate) struct PersonsArgs {
    /// Files or directories (a directory: its victims and figures files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// How the lists are read (shared by every command that reads lists).
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// The person registry (default: `persons.csv` in the first directory given, or beside the
    /// first file). Created when missing.
    #[arg(long, value_name = "FILE")]
    pub(crate) registry: Option<PathBuf>,
    /// Show what would change; write nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Compare every record again, not only the new and changed ones (records whose persons
    /// were set in an earlier run may then move: a full re-deduplication). The person index
    /// (`persons.index`) is rebuilt.
    #[arg(long)]
    pub(crate) full: bool,
    /// Output format of the changes.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
    /// Human decisions (`record_a,record_b,decision,who,when,why`); default: `decisions.csv`
    /// beside the data, when present.
    #[arg(long, value_name = "FILE")]
    pub(crate) decisions: Option<PathBuf>,
    /// Ignore `decisions.csv` beside the data.
    #[arg(long, conflicts_with = "decisions")]
    pub(crate) no_decisions: bool,
    /// Link records whose match probability is at least this (0-1).
    #[arg(long, default_value_t = 0.9)]
    pub(crate) threshold: f64,
    /// Worker threads (0: `MUSEUM_THREADS`, else all cores). The registry does not depend on it.
    #[arg(long, default_value_t = 0)]
    pub(crate) threads: usize,
    /// The day written on new rows, `YYYY-MM-DD` (default: today, UTC, or `SOURCE_DATE_EPOCH`).
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,
    /// How long to wait for another run that is updating the same registry to finish before
    /// giving up (exit 2), in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub(crate) wait: std::time::Duration,
}

#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    /// Files or directories (a directory: its victims and figures files).
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// How the lists are read (shared by every command that reads lists).
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// The sheet to write (atomically): `.xlsx` or `.csv`; without it the CSV goes to stdout.
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// At most this many pairs in the sheet.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub(crate) limit: usize,
    /// Print how many pairs were reviewed and how many uncertain ones remain; write no sheet.
    #[arg(long, conflicts_with = "output")]
    pub(crate) stats: bool,
    /// Format of `--stats`.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
    /// The link threshold of `museum dedup` (0-1).
    #[arg(long, default_value_t = 0.9)]
    pub(crate) threshold: f64,
    /// Human decisions; default: `decisions.csv` beside the data, when present.
    #[arg(long, value_name = "FILE")]
    pub(crate) decisions: Option<PathBuf>,
    /// Worker threads (0: `MUSEUM_THREADS`, else all cores). The output does not depend on it.
    #[arg(long, default_value_t = 0)]
    pub(crate) threads: usize,
}

#[derive(Debug, Args)]
pub(crate) struct DecideArgs {
    /// The id of one record (the `id` column; `museum dedup` and the report show it).
    #[arg(required_unless_present = "import")]
    pub(crate) record_a: Option<String>,
    /// The id of the other record.
    #[arg(required_unless_present = "import")]
    pub(crate) record_b: Option<String>,
    /// `same` (one person) or `different` (two people).
    #[arg(required_unless_present = "import")]
    pub(crate) decision: Option<String>,
    /// Import a filled review sheet (`museum review -o review.xlsx|review.csv`) instead: every
    /// row with `same` or `different` in `decision` becomes a decision; all or nothing.
    #[arg(long, value_name = "SHEET", conflicts_with_all = ["record_a", "record_b", "decision"])]
    pub(crate) import: Option<PathBuf>,
    /// With `--import`: the data the sheet is about, to check its record ids (default: the
    /// directory of the decisions file).
    #[arg(long, value_name = "PATH", requires = "import")]
    pub(crate) data: Vec<PathBuf>,
    /// Who decided (name or initials).
    #[arg(long)]
    pub(crate) who: Option<String>,
    /// Why: the evidence, in a few words.
    #[arg(long)]
    pub(crate) why: Option<String>,
    /// When (default: today, `YYYY-MM-DD`).
    #[arg(long)]
    pub(crate) when: Option<String>,
    /// The decisions file to add to.
    #[arg(long, value_name = "FILE", default_value = "decisions.csv")]
    pub(crate) decisions: PathBuf,
    /// How long to wait for another writer of the decisions file to finish before giving up
    /// (exit 2), in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub(crate) wait: std::time::Duration,
}

/// A non-negative number of seconds (`0`, `2.5`, `30`).
fn parse_seconds(s: &str) -> Result<std::time::Duration, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(|x| std::time::Duration::try_from_secs_f64(x).ok())
        .ok_or_else(|| format!("`{s}` is not a number of seconds (e.g. `5` or `0.5`)"))
}
