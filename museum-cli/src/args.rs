//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Directory to write (or check) the schemas in.
    #[arg(long, default_value = "schemas")]
    pub(crate) out: PathBuf,
    /// Do not write; exit 1 when the files differ from what the code generates.
    #[arg(long)]
    pub(crate) check: bool,
}

/// Output format of `museum name` and `museum search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TextFormat {
    /// Readable text.
    Human,
    /// One JSON document.
    Json,
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
pub(crate) struct NameArgs {
    /// The name, in any order, script and romanization.
    pub(crate) name: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub(crate) format: TextFormat,
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
    #[arg(long, default_value_t = 10)]
    pub(crate) window: usize,
    /// Blocking rules, comma-separated (default: all but `given` and `death-date`): surname+given,
    /// surname+initial, surname+year, given+patronymic, given+surname, name-set, birth-date,
    /// place+year, arrest-date, death-date, surname, given.
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

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
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
pub(crate) struct ManArgs {
    /// Write `museum.1` and a page per subcommand into this directory (created if needed);
    /// without it, print `museum.1` to stdout.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
}

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
    match text.split_once('-') {
        Some((a, b)) => Ok((num(a)?, num(b)?)),
        None => {
            let n = num(text)?;
            Ok((n, n))
        }
    }
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
