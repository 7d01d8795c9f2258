//! Arguments of the helper commands: `synth`, `completions`, `man`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub(crate) struct SynthArgs {
    /// Number of records to write.
    #[arg(long, value_name = "N")]
    pub(crate) victims: usize,
    /// Seed of the generator: the same seed gives the same files.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub(crate) seed: u64,
    /// Directory to write into (created if needed; never one holding real datasets).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Share of persons (0-1) that appear in 2-4 records.
    #[arg(long, value_name = "SHARE", default_value_t = 0.2)]
    pub(crate) duplicates: f64,
    /// Share of records (0-1) that get one planted invalid value, listed in `defects.csv`.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    pub(crate) defects: f64,
    /// Also write `camps.csv` and `events.csv`, so the directory validates as a whole archive.
    #[arg(long)]
    pub(crate) with_archive: bool,
    /// A named set of options: `default`, or `multi-source` (every person in 3-20 lists, 30%
    /// of fields missing, noise 0.2; the three options below change its values).
    #[arg(long, value_enum, default_value_t = SynthProfile::Default)]
    pub(crate) profile: SynthProfile,
    /// Multi-source mode: each person appears in LOW-HIGH records, each from a different
    /// simulated list (at most 24), e.g. `3-20` or `5`.
    #[arg(long, value_name = "LOW-HIGH", value_parser = parse_range)]
    pub(crate) sources_per_person: Option<(u8, u8)>,
    /// Multi-source mode: the share (0-1) of optional fields left empty in each record
    /// (default 0.3).
    #[arg(long, value_name = "SHARE")]
    pub(crate) missing: Option<f64>,
    /// Multi-source mode: the probability (0-1) of each kind of field-level noise in a record
    /// (default 0.2).
    #[arg(long, value_name = "RATE")]
    pub(crate) noise: Option<f64>,
}

/// A named set of `museum synth` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SynthProfile {
    /// The default archive: 20% of persons in 2-4 records from 7 lists.
    Default,
    /// Every person in several of 24 lists, fields missing, field-level noise.
    MultiSource,
}

/// `3-20` or `5` as an inclusive range.
fn parse_range(text: &str) -> Result<(u8, u8), String> {
    let num = |t: &str| {
        t.trim()
            .parse::<u8>()
            .map_err(|_| format!("`{t}` is not a whole number from 1 to 255"))
    };
    if let Some((a, b)) = text.split_once('-') {
        Ok((num(a)?, num(b)?))
    } else {
        let n = num(text)?;
        Ok((n, n))
    }
}

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write `museum.1` and a page per subcommand into this directory (created if needed);
    /// without it, print `museum.1` to stdout.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
}
