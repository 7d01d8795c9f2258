//! Command-line arguments (clap derive): the commands and global flags here, the arguments of
//! each command group in its own file (`validate`, `report`, `matching`, `tools`), and the one
//! set of input options every command that reads lists takes (`input`).

use clap::{Args, Parser, Subcommand, ValueEnum};

mod input;
mod matching;
mod report;
mod tools;
mod validate;

pub(crate) use input::InputArgs;
pub(crate) use matching::{
    DecideArgs, DedupArgs, DedupFormat, NameArgs, PersonsArgs, ReviewArgs, SearchArgs,
};
pub(crate) use report::{ExportArgs, ReportArgs, StatsArgs};
// Only the statistics build renders stats and reports.
#[cfg(feature = "stats")]
pub(crate) use report::{ReportFormat, TableFormat};
pub(crate) use tools::{CompletionsArgs, ManArgs, SynthArgs, SynthProfile};
pub(crate) use validate::{
    FailOn, FindingsFormat, RulesArgs, RulesFormat, SchemaArgs, ValidateArgs, VocabArgs,
};

const AFTER_HELP: &str = "Examples:\n  museum report datasets/                     # the data-quality report → report.html\n  museum validate list.csv --kind victims     # findings with file, line and field\n  museum search \"Bokeikhanov\"                 # a person by any spelling, in any script\n  museum <command> --help                     # each command's options and examples\n\nExit codes:\n  0  success: nothing at or above `--fail-on`\n  1  the command ran and found problems at or above `--fail-on` (or `--check` found drift)\n  2  could not run: bad usage, unreadable input, I/O error\n  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM: unfinished output is removed, files that\n      existed keep their previous content\n\nEnvironment:\n  MUSEUM_THREADS      worker threads when no `--threads` says (default: one per CPU); outputs are\n                      byte-identical whatever the number\n  POLARS_MAX_THREADS  threads of the statistics engine (stats, report)\n  NO_COLOR            no colour";

/// Validate, deduplicate, report on and export the archive of the Museum in memory of the
/// victims of political repressions (Shymkent, Kazakhstan).
#[derive(Debug, Parser)]
#[command(name = "museum", version, about, long_about = None, after_help = AFTER_HELP)]
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
        "Configuration: a `museum.toml` in the validated directory (or the file's directory, else the\n",
        "current directory; every command finds it so) sets\n",
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
    /// Write the JSON Schemas of the entities, the Frictionless `datapackage.json` and the
    /// TypeScript declarations of the records (`museum.d.ts`).
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum schema                 # (re)write schemas/ from the code\n",
        "  museum schema --check         # exit 1 when schemas/ differs from the code (CI)\n",
        "  museum schema --out /tmp/s    # write elsewhere\n\n",
        "Exit codes:\n  0  written, or up to date with `--check`\n  1  `--check` found differences\n  2  could not run"
    ))]
    Schema(SchemaArgs),
    /// Show how a name is parsed and the keys matching uses (folded, stem, phonetic).
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum name \"Бөкейханов Әлихан Нұрмұхамедұлы\"\n",
        "  museum name \"Bökeichan\" --format json\n\n",
        "Exit codes:\n  0  printed\n  2  could not run"
    ))]
    Name(NameArgs),
    /// Find records that are the same person, across scripts and spellings.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum dedup datasets/                          # victims and figures together\n",
        "  museum dedup list.csv --kind victims --format csv -o clusters.csv\n",
        "  museum dedup datasets/ --explain vic-000123     # why this record is (not) linked\n",
        "  museum dedup synth/victims.csv --truth synth/truth.csv\n\n",
        "Human decisions (`record_a,record_b,decision,who,when,why`, decision `same` or `different`)\n",
        "are read from `decisions.csv` beside the data, or `--decisions FILE`; they always win.\n\n",
        "Exit codes:\n  0  done\n  1  `--fail-on-duplicates` and duplicates were found\n  2  could not run"
    ))]
    Dedup(DedupArgs),
    /// Give every person a stable id (`persons.csv`) while the archive grows list by list.
    #[command(
        long_about = "Give every person a stable id while the archive grows list by list.\n\nDeduplicates the records (victims and figures, honouring the human decisions in `decisions.csv`) and reconciles the result with the person registry `persons.csv` (default: beside the data): a person whose records are still together keeps its id; records of a new list join the persons they match; a group of new records only gets a new id (`P000123`, minted once, never reused); when records of several persons turn out to be one person, the id holding most of them stays and the others are retired with `merged_into` (old page addresses redirect); when a person's records fall apart, its id stays with the part holding most of them and the other parts get new ids (`split_from`). Removed records leave their person; a person with no records left is retired.\n\nThe registry is written atomically (the previous one stays whole until the new one is complete); the same input and registry give a byte-identical registry, for any `--threads`.\n\nIncremental runs: with a registry, only new and changed records (and those a decision names) are compared. The person index `persons.index` beside the registry (a cache, written atomically after it) keeps the model, the term frequencies and the rarity of birth-place words of the last full run and every record's blocking keys, so that only the new and changed records are keyed and compared with the known records sharing a key. The index is rebuilt by a full run when it is missing, damaged, belongs to another registry or other settings, or when more than 10 % of the records are new or changed since it was built (its frozen statistics would no longer describe the archive).",
        after_help = concat!(
            "Examples:\n",
            "  museum persons datasets/                          # create or update datasets/persons.csv\n",
            "  museum persons datasets/ --dry-run                # only show what would change\n",
            "  museum persons lists/ --registry site/persons.csv --format json\n\n",
            "Registry (`persons.csv`, one row per record; a retired id keeps a row without a record):\n",
            "  person_id,record_id,merged_into,assigned,how\n",
            "  P000001,vic-000001,,2026-12-01,new\n",
            "  P000001,vic-004711,,2026-12-06,joined\n",
            "  P000002,,P000001,2026-12-06,merged\n\n",
            "Exit codes:\n  0  reconciled (or shown with `--dry-run`)\n  2  could not run: unreadable input or registry, duplicate record ids, I/O error"
        )
    )]
    Persons(PersonsArgs),
    /// Find a person by any spelling, in any script, across the datasets.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum search \"Бөкейханов Әлихан\"\n",
        "  museum search \"Zhansugurov\" datasets/ --born 1894 --format json\n\n",
        "Exit codes:\n  0  found\n  1  nothing found\n  2  could not run"
    ))]
    Search(SearchArgs),
    /// List the sentence, charge, sex and sentencing-body values the tool does not understand.
    #[command(
        long_about = "List the sentence, charge, sex and sentencing-body values the tool does not understand, with counts, most frequent first, and a ready-to-paste `museum.toml` snippet.\n\nThe lists are read as `museum validate` reads them (the same input options, the same `museum.toml`): a value is listed when validation would report it (M204 unknown-sentence, M208 malformed-charge, M203 unknown-sex, M218 unknown-sentencing-body). Values equal after trimming, lower-casing, collapsing spaces and dropping trailing dots are counted together. Replace each `\"?\"` of the snippet by a kind and paste it into the `museum.toml` beside the data: the values are then understood by every command, without code. A key may also be a pattern: `*` stands for any text and `{n}` for a number (`\"{n} let ITL\" = \"camp\"`, `\"тройка *\" = \"troika\"`).",
        after_help = concat!(
            "Examples:\n",
            "  museum vocab datasets/\n",
            "  museum vocab spisok.xlsx --kind victims --field sentence\n",
            "  museum vocab lists/ --field sentencing_body\n",
            "  museum vocab lists/ --format json | jq '.fields[].values[:5]'\n\n",
            "Output (human):\n",
            "  sentence: 2 values not understood in 41 of 1200 records\n",
            "       38  в распоряжение НКВД    (lists/victims.csv:17:sentence)\n",
            "        3  условно                (lists/victims.csv:904:sentence)\n",
            "  ...\n",
            "  # paste into museum.toml, replacing each \"?\" by a kind:\n",
            "  [vocab.sentence]  # kinds: execution, camp, prison, exile, …\n",
            "  \"в распоряжение НКВД\" = \"?\"  # 38 records\n\n",
            "Exit codes:\n  0  every value understood\n  1  some values are not understood\n  2  could not run"
        )
    )]
    Vocab(VocabArgs),
    /// Record a human decision that two records are the same person, or different people.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum decide vic-ryskulov vic-ryskulbekov different --who \"A. Historian\" --why \"born 1894 and 1966\"\n",
        "  museum decide syn-0000035 syn-0000271 same --who \"A. Historian\" --decisions try/decisions.csv   # the README's practice list\n\n",
        "The decision is added as a row of `decisions.csv` (`record_a,record_b,decision,who,when,why`),\n",
        "written atomically; keep the file beside the data: `museum dedup` and `museum report` read\n",
        "it from there in every later run, and a decision always wins over the match score.\n\n",
        "Several people (or scripts) may decide on one list at the same time: each writer takes the\n",
        "lock `decisions.csv.lock` beside the file, re-reads the file under it and adds its row, so\n",
        "no decision is lost; a writer that waits longer than `--wait` gives up, naming the holder.\n\n",
        "A filled review sheet is imported with `--import` (see `museum review`): rows with `same`\n",
        "or `different` become decisions, `unsure` and empty ones are left for later; a bad row\n",
        "(unknown id, a word that is no decision, a contradiction) is listed with its sheet row and\n",
        "nothing is imported.\n\n",
        "  museum review list/ -o review.xlsx\n",
        "  museum decide --import review.xlsx --decisions list/decisions.csv --who \"A. Historian\"\n\n",
        "Exit codes:\n  0  recorded (or already recorded)\n  1  refused: contradicts a recorded decision, or bad rows in the sheet (nothing written)\n  2  could not run (bad decision, lock not had within `--wait`, I/O error)"
    ))]
    Decide(DecideArgs),
    /// Write a review sheet of the pairs that most need a person, to fill in a spreadsheet and
    /// import with `museum decide --import`.
    #[command(
        long_about = "Write a review sheet (XLSX or CSV) of the pairs of records that most need a person: first the pairs whose match probability is near the threshold (closest first), then the links that hold large clusters together (largest cluster, weakest link first), then merges that clustering refused although the pair scored above the threshold. Pairs already decided in `decisions.csv` are left out, so each new sheet goes on where the last one stopped.\n\nEach row shows the two records side by side (name as written, birth, birth place, arrest, sentence, source, file:line), the evidence field by field in words, the probability, and the empty columns `decision` (`same`, `different` or `unsure`), `who` and `why`. The XLSX has a frozen header, column widths, wrapped text and a drop-down for `decision`. Fill it in, then import it with `museum decide --import`.",
        after_help = concat!(
            "Examples:\n",
            "  museum review list/ -o review.xlsx                  # 200 pairs, for a spreadsheet\n",
            "  museum review list/victims.csv -o review.csv --limit 50\n",
            "  museum review list/ --stats                         # how far the review has come\n",
            "  museum decide --import review.xlsx --decisions list/decisions.csv\n\n",
            "Exit codes:\n  0  written (or counted)\n  2  could not run"
        )
    )]
    Review(ReviewArgs),
    /// Export the validated archive for frontends: a JSON bundle, JSON Lines, Parquet or a
    /// Frictionless data package.
    #[command(
        long_about = "Export the validated archive for frontends: a JSON bundle (`json`), one JSON Lines file per entity (`jsonl`), one Parquet file per entity (`parquet`, needs a build with `--features parquet`) or the CSV files with a Frictionless `datapackage.json` (`datapackage`).\n\nEvery record has the shape of `schemas/<entity>.schema.json`; victims and figures also carry `search_keys` (folded name forms for search) and, with `--clusters`, `cluster_id`. Data with validation errors is refused unless `--allow-errors`. The output is written atomically and is byte-identical for the same input and `--as-of` day (no timestamp unless `--timestamp`).\n\nThe export is for the public, so it is redacted by default: private fields are dropped and persons who may still be alive are masked (`\"masked\": true`; names become initials, dates years; the repression facts stay). A person is masked when they may have been born less than `mask_born_within_years` before `--as-of` (today): by the birth date, or, without one, by every dated event of their cases and the youngest age at arrest (`min_age` under `[limits]`, 12), unless a death date is known. The settings come from the `[export.redact]` section of `museum.toml` (the `museum.toml` every command reads: `--config`, else the first input directory (or the first file's) that has one, else the current directory) or of `--redact-config FILE`:\n\n  [export.redact]\n  drop = [\"notes\", \"residence\", \"extra.*\"]   # also `victim.notes`, `cases.charge`, `extra.<column>`\n  mask_born_within_years = 100                 # names → initials, dates → years\n  mask_unknown_birth = false                   # also persons with no date at all\n\nWithout a configuration, exactly those built-in defaults apply. The settings, `min_age`, `--as-of` and the number of masked persons are recorded as `redaction` in the bundle, `manifest.json`, `datapackage.json` (`museum_redaction`) and the Parquet metadata. `--no-redact` exports everyone in full, for internal use (`redaction` is then `null`); `--redact` is accepted and changes nothing.",
        after_help = concat!(
            "Examples:\n",
            "  museum export datasets/ -o archive.json                         # one JSON bundle, redacted\n",
            "  museum export datasets/ --format datapackage -o package/        # CSV + datapackage.json\n",
            "  museum export datasets/ --format jsonl -o public/ --clusters clusters.csv --force\n",
            "  museum export datasets/ --no-redact -o internal.json            # everyone in full: not for the public\n\n",
            "Exit codes:\n  0  exported\n  1  the data has validation errors (nothing written; see `museum validate`)\n  2  could not run: bad usage, unreadable input, output exists without `--force`, I/O error"
        )
    )]
    Export(ExportArgs),
    /// Write a synthetic archive with ground truth (not real people) for tests and benchmarks.
    #[command(
        long_about = "Write a synthetic archive with ground truth, for testing validation and \
deduplication: `victims.csv` that looks like merged Books-of-Memory lists (Kazakh and Russian \
Cyrillic, Latin romanizations, typos, missing and reformatted dates), about people who never \
existed, plus `truth.csv` (which records are the same person), `relations.csv` (relatives and \
namesakes: different persons), `defects.csv` (planted invalid values), `sources.csv` and \
`SYNTHETIC.md`. The same seed gives byte-identical files.

The multi-source mode (`--profile multi-source`, or any of `--sources-per-person`, `--missing`, \
`--noise`) makes lists not shaped like the default: every person appears in 3-20 records from \
different ones of 24 simulated lists (each with its own date format: 10/11/1937, November 10, \
1937, 1937.11.10...), about 30% of the fields are missing, and each record may carry typos, \
other transliterations, swapped surname and given name, a birth date off by a day, a month or \
a year, a dropped patronymic or initials only. `truth.csv` is written as always.",
        after_help = concat!(
            "Examples:\n",
            "  museum synth --victims 20000 --seed 7 --out /tmp/synth    # 20% of persons in 2-4 records\n",
            "  museum synth --victims 1000000 --seed 1 --out /tmp/big    # a million records, for benchmarks\n",
            "  museum synth --victims 5000 --defects 0.02 --with-archive --out /tmp/bad   # planted errors\n",
            "  museum synth --victims 20000 --seed 42 --profile multi-source --out /tmp/ms  # 3-20 lists per person\n",
            "  museum synth --victims 20000 --sources-per-person 5-10 --missing 0.5 --noise 0.3 --out /tmp/ms2\n",
            "  museum dedup /tmp/ms/victims.csv --truth /tmp/ms/truth.csv   # measure deduplication\n\n",
            "Exit codes:\n  0  written\n  2  could not run (bad option, directory with real datasets, I/O error)"
        )
    )]
    Synth(SynthArgs),
    /// Print a shell completion script for `museum` (bash, zsh, fish, powershell, elvish).
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum completions bash > ~/.local/share/bash-completion/completions/museum\n",
        "  museum completions zsh > \"${fpath[1]}/_museum\"\n",
        "  museum completions fish > ~/.config/fish/completions/museum.fish\n\n",
        "Exit codes:\n  0  printed\n  2  could not run (unknown shell)"
    ))]
    Completions(CompletionsArgs),
    /// Write the manual pages: `museum.1` and one page per subcommand (`museum-report.1`…).
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum man | man -l -                              # read the main page now\n",
        "  museum man --out-dir ~/.local/share/man/man1       # install every page for `man museum-report`\n",
        "  museum man --out-dir target/man                    # for a package\n\n",
        "Exit codes:\n  0  written\n  2  could not run (directory not writable)"
    ))]
    Man(ManArgs),
    /// Statistics of the victims: the main distributions, or counts grouped by columns.
    #[command(after_help = concat!(
        "Examples:\n",
        "  museum stats datasets/                                   # the main distributions\n",
        "  museum stats datasets/ --by arrest_year,sentence_kind    # counts grouped by columns\n",
        "  museum stats list.csv --kind victims --by nationality --format csv > by-nationality.csv\n\n",
        "Columns for `--by`: sex, birth_year, birth_place, birth_region, nationality, occupation,\n",
        "death_year, arrest_year, arrest_month, sentence_year, sentence_month, execution_year,\n",
        "execution_month, sentence_kind, sentence_term, sentencing_body, sentencing_body_kind,\n",
        "charge_article, camp, age_at_arrest, age_band, rehabilitated, rehabilitation_year,\n",
        "rehabilitation_lag, rehabilitated_by. Person columns alone count persons; with a case\n",
        "column, cases; with `charge_article`, one count per article a case names.\n\n",
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
        "one file, print it. Findings are those of `museum validate` on the same files (with the\n",
        "same `museum.toml`); suspected duplicates honour the same/different decisions in\n",
        "`decisions.csv` beside the data (see `museum dedup --help`).\n\n",
        "Exit codes:\n  0  the report was written (whatever it found)\n  2  could not run"
    ))]
    Report(ReportArgs),
}

/// Output format of `museum name` and `museum search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    /// Readable text.
    Human,
    /// One JSON document.
    Json,
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
