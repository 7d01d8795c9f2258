//! # `museum_core`
//!
//! Typed, validated models of the archive of the Museum in memory of the victims of political
//! repressions (Shymkent, Kazakhstan): historical **figures**, **events**, **camps** and
//! **victims**, with uncertain historical dates ([`HistoricalDate`]), multilingual names
//! ([`PersonName`]: Kazakh Cyrillic, Russian Cyrillic, Latin), and sources for every claim.
//! The `museum` command-line tool (crate `museum-cli`) is a thin layer over this library.
//!
//! | module | what it does |
//! |---|---|
//! | [`model`] | the records: [`Victim`] (one or more [`RepressionCase`]s), [`Figure`], [`Event`], [`Camp`], [`Source`], [`Estimate`], [`Claim`]; [`HistoricalDate`] (EDTF and archival spellings, compared by their bounds); [`PersonName`] |
//! | [`io`] | streaming CSV / JSON / JSON Lines readers with file/line locations; [`io::Archive`] loads a directory |
//! | [`validate`] | the rules (`M101`…`M604`), each finding a [`Diagnostic`] with file, line, field and a hint |
//! | [`normalize`] | name keys across scripts: folded forms, stems, phonetic codes |
//! | [`dedup`] | which records are the same person (Fellegi–Sunter), with the evidence, human decisions and search |
//! | [`export`] | JSON bundle, JSON Lines, Frictionless data package (and Parquet with feature `parquet`), redaction |
//! | [`schema`] | the JSON Schemas of the records |
//! | [`rng`], [`pool`] | the one seeded generator (`SplitMix64`) and the one worker pool (rayon), also used by the `museum-synth` crate (synthetic archives with ground truth) |
//! | [`fsutil`] | atomic file output; locked read-change-write of shared files |
//! | [`review`] | the review loop: the pairs that most need a person, in a sheet; filled sheets read back as decisions |
//! | `stats`, `report` | statistics with polars and the data-quality report (feature `stats`, on by default) |
//! | [`job`], [`progress`] | what the commands' jobs share (reading validated with progress; `report::ReportJob`, `stats::StatsJob`, `export::ExportJob` run a whole command) and the [`progress::Progress`] trait they report through |
//!
//! Readers ([`io`]) stream CSV, JSON and JSON Lines record by record with file/line locations,
//! map the Russian, Kazakh and English headers real lists use, parse archival vocabularies
//! (`ВМН`, `10 лет ИТЛ`, `муж.`), and report what they cannot read as findings
//! ([`Diagnostic`]) instead of failing or guessing. Nothing in this crate touches the network,
//! and nothing rewrites an input file.
//!
//! The examples below are run as tests (`cargo test --workspace --all-features`); the people in
//! them are in the museum's `datasets/`, with the values given there.
//!
//! ## Read a list
//!
//! A list as archives write it: Russian headers, an archival date, a sentence in words.
//!
//! ```
//! use museum_core::io::{CsvOptions, ReadItem, RecordReader};
//! use museum_core::{SentenceKind, Victim};
//!
//! let csv = "Фамилия,Имя,Отчество,Год рождения,Дата ареста,Приговор,Дата расстрела\n\
//!            Жургенов,Темирбек,Караевич,1898,2 августа 1937 г.,ВМН,25.02.1938\n";
//! let reader = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "list.csv", &CsvOptions::default());
//! for item in reader {
//!     match item {
//!         ReadItem::Record(v, _findings) => {
//!             let case = &v.record.cases[0];
//!             assert_eq!(case.arrest_date.as_ref().unwrap().to_string(), "1937-08-02");
//!             assert_eq!(case.sentence.as_ref().unwrap().kind, SentenceKind::Execution);
//!             assert_eq!(case.execution_date.as_ref().unwrap().to_string(), "1938-02-25");
//!             assert_eq!(v.location.line, Some(2));
//!         }
//!         // The list has no `id` column: that is a finding (M113), not a failure.
//!         ReadItem::Finding(f) => assert_eq!(f.code.id(), "M113"),
//!     }
//! }
//! ```
//!
//! A whole directory (here the museum's own `datasets/`, which ships with the source) loads
//! into an [`io::Archive`], with estimates and claims attached to their events and camps:
//!
//! ```
//! use std::path::Path;
//! use museum_core::io::{Archive, CsvOptions};
//!
//! let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets");
//! # if !dir.exists() { return; } // a packaged crate does not ship the datasets
//! let (archive, skipped) = Archive::load_dir(&dir, &CsvOptions::default()).unwrap();
//! assert!(skipped.is_empty()); // README.md is not a data file; every file's name tells its kind
//! assert_eq!(archive.figures.len(), 16); // the portrait gallery
//! assert_eq!(archive.victims.len(), 29); // 32 rows: a row per repression case
//! let seifullin = archive.victims.iter().find(|v| v.record.id == "vic-seifullin").unwrap();
//! assert_eq!(seifullin.record.cases[0].execution_date.as_ref().unwrap().to_string(), "1938-02-25");
//! assert!(archive.findings.is_empty());
//! ```
//!
//! ## Validate it
//!
//! [`validate::validate_files`] streams files through every rule; each finding says where
//! (file, line, field), what (a stable code) and how bad. Dates are compared by their bounds:
//! `1937` is not certainly after `1937-08-02`, but `1938` is.
//!
//! ```
//! use museum_core::io::DatasetKind;
//! use museum_core::validate::{validate_files, Input, ValidateOptions};
//! use museum_core::Severity;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("victims.csv");
//! std::fs::write(&path, "id,surname,given_name,birth_date,arrest_date,source_ids\n\
//!     vic-1,Жургенов,Темирбек,1898-11,1937-08-02,src-1\n\
//!     vic-2,Майлин,Беимбет,1894-11-31,1937,src-1\n\
//!     vic-3,Шанин,Жумат,1938,1937,src-1\n").unwrap();
//! let inputs = [Input { path: path.clone(), kind: DatasetKind::Victims }];
//! let report = validate_files(&inputs, &ValidateOptions::default()).unwrap();
//! let found: Vec<(u64, &str)> = report
//!     .findings
//!     .iter()
//!     .map(|d| (d.location.line.unwrap(), d.code.id()))
//!     .collect();
//! assert_eq!(found, [(3, "M202"), (4, "M301")]); // no 31 November; born after the arrest
//! assert_eq!(report.count(Severity::Error), 2);
//! assert_eq!(
//!     report.findings[0].to_string(),
//!     format!("{}:3:birth_date: error[M202] `birth_date`: day 31 does not exist in 1894-11", path.display())
//! );
//! ```
//!
//! ## Deduplicate a list
//!
//! The same person written in Kazakh, in Russian and in Latin letters is one cluster; every
//! link comes with its evidence, field by field, and a human decision always wins.
//!
//! ```
//! use museum_core::dedup::{Decision, DecisionKind, DedupOptions, DedupRecord, Deduplicator, Field};
//! use museum_core::io::{CsvOptions, ReadItem, RecordReader};
//! use museum_core::Victim;
//!
//! let csv = "id,surname,given_name,patronymic,birth_date,arrest_date,sentence\n\
//!     v1,Жүргенов,Темірбек,Қараұлы,1898,1937-08-02,ВМН\n\
//!     v2,Жургенов,Темирбек,Караевич,1898-11,02.08.1937,ВМН\n\
//!     v3,Zhurgenov,Temirbek,,1898,1937-08-02,\n\
//!     v4,Майлин,Беимбет,Жармагамбетович,1894,1937,ВМН\n";
//! let victims: Vec<_> = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "list.csv", &CsvOptions::default())
//!     .filter_map(|item| match item { ReadItem::Record(v, _) => Some(v), ReadItem::Finding(_) => None })
//!     .collect();
//! let records: Vec<DedupRecord> = victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect();
//!
//! let dedup = Deduplicator::new(DedupOptions::default());
//! let result = dedup.run(&records, &[]);
//! let c = &result.cluster_of;
//! assert!(c[0] == c[1] && c[1] == c[2]); // one person in three spellings
//! assert_ne!(c[0], c[3]);
//! assert_eq!(result.duplicate_clusters().count(), 1);
//!
//! // Why v1 and v2 are linked: the fields that agree, each with its weight.
//! let why = result.explain(&records, 0, 1);
//! assert!(why.probability > 0.9);
//! let agreeing: Vec<Field> = why.agreeing().map(|f| f.field).collect();
//! assert!(agreeing.contains(&Field::Patronymic)); // Қараұлы ~ Караевич
//! assert!(agreeing.contains(&Field::Arrest)); // 1937-08-02 ~ 02.08.1937
//!
//! // A historian decides v3 is someone else: the decision wins in every later run.
//! let decision = Decision {
//!     record_a: "v1".into(),
//!     record_b: "v3".into(),
//!     decision: DecisionKind::Different,
//!     who: "test".into(),
//!     when: "2026-11-26".into(),
//!     why: "example only".into(),
//!     line: None,
//! };
//! let result = dedup.run(&records, &[decision]);
//! assert_eq!(result.cluster_of[0], result.cluster_of[1]);
//! assert_ne!(result.cluster_of[0], result.cluster_of[2]);
//! ```
//!
//! ## Search a name across scripts
//!
//! A query in any script and romanization finds every spelling; each hit says how each part
//! matched.
//!
//! ```
//! use museum_core::dedup::{search, DedupRecord, SearchOptions, SearchQuery};
//! use museum_core::io::{CsvOptions, ReadItem, RecordReader};
//! use museum_core::Victim;
//!
//! let csv = "id,full_name,birth_date\n\
//!     vic-zhansugurov,Джансугуров Ильяс,1894-05-01\n\
//!     fig-zhansugurov,Жансүгіров Ілияс,1894-05-01\n\
//!     vic-zhandosov,Джандосов Ураз Кикимович,1899-02-20\n";
//! let victims: Vec<_> = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "list.csv", &CsvOptions::default())
//!     .filter_map(|item| match item { ReadItem::Record(v, _) => Some(v), ReadItem::Finding(_) => None })
//!     .collect();
//! let records: Vec<DedupRecord> = victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect();
//!
//! let query = SearchQuery { name: "Ilyas Zhansugurov".into(), born: Some(1894) };
//! let hits = search(&records, &query, &SearchOptions::default());
//! let found: Vec<&str> = hits.iter().map(|h| records[h.record].id.as_str()).collect();
//! assert_eq!(found.len(), 2);
//! assert!(found.contains(&"vic-zhansugurov") && found.contains(&"fig-zhansugurov"));
//! assert!(hits.iter().all(|h| h.score > 0.9));
//! ```
//!
//! ## Compute statistics (feature `stats`)
//!
//! `stats::summarize` counts arrests, sentences and
//! executions by year, sentences by kind, charges by article (`58 п. 8` and `58-8` are one
//! article) and more, with polars; `report` turns them into the HTML data-quality report.
//!
//! ```
//! # #[cfg(feature = "stats")] {
//! use museum_core::io::{CsvOptions, ReadItem, RecordReader};
//! use museum_core::stats::{summarize, StatsOptions};
//! use museum_core::Victim;
//!
//! let csv = "id,surname,given_name,birth_date,arrest_date,charge,sentence,execution_date\n\
//!     vic-zhurgenov,Жургенов,Темирбек,1898-11,1937-08-02,\"58 п. 8, 58 п. 9, 58 п. 11 УК РСФСР\",ВМН,1938-02-25\n\
//!     vic-mailin,Майлин,Беимбет,1894-11-15,1937-08-10/1937-10-08,\"58-2, 58-7, 58-8, 58-11\",ВМН,1938-02-26?\n\
//!     vic-zhumabaev,Жумабаев,Магжан,1893-06-25,1929-07,,10 лет,\n";
//! let victims: Vec<Victim> = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "list.csv", &CsvOptions::default())
//!     .filter_map(|item| match item { ReadItem::Record(v, _) => Some(v.record), ReadItem::Finding(_) => None })
//!     .collect();
//! let stats = summarize(&victims, &StatsOptions::default(), None).unwrap();
//! assert_eq!((stats.persons, stats.cases), (3, 3));
//! let arrests: Vec<(i32, u64)> = stats.arrests.by_year.iter().map(|y| (y.year, y.count)).collect();
//! assert_eq!(arrests, [(1929, 1), (1937, 1)]);
//! assert_eq!(stats.arrests.imprecise, 1); // Mailin: arrested between 10 Aug and 8 Oct 1937
//! let executions: Vec<(i32, u64)> = stats.executions.by_year.iter().map(|y| (y.year, y.count)).collect();
//! assert_eq!(executions, [(1938, 2)]);
//! let top_article = &stats.charge_articles.top[0];
//! assert_eq!((top_article.value.as_str(), top_article.count), ("58-11", 2));
//! # }
//! ```
//!
//! ## Features
//!
//! `stats` (default) adds the `stats` module, computed with polars, and the `report` module,
//! the data-quality report (HTML, Markdown, JSON); `parquet` adds Parquet output to
//! [`export`]. Without default features the crate builds in about a minute and has no
//! dependency on polars.

#![deny(missing_docs)]

pub mod dedup;
pub mod diagnostic;
pub mod display;
pub mod error;
pub mod export;
pub mod fsutil;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod hash;
pub mod io;
pub mod job;
pub mod model;
pub mod normalize;
pub mod persons;
pub mod pool;
pub mod progress;
#[cfg(feature = "stats")]
pub mod report;
pub mod review;
pub mod rng;
pub mod schema;
#[cfg(feature = "stats")]
pub mod stats;
pub mod translit;
pub mod validate;

/// The workspace README's Rust example, run as a doc test so that it keeps compiling.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

pub use diagnostic::{Code, Diagnostic, Location, Severity};

/// The environment variable that sets how many worker threads a run uses when no option says:
/// a positive number. The results never depend on it (the outputs are byte-identical with one
/// thread or many); only the speed does. Polars (statistics, reports) has its own pool, sized by
/// `POLARS_MAX_THREADS`.
pub const THREADS_ENV: &str = "MUSEUM_THREADS";

/// The default number of worker threads: [`THREADS_ENV`] when it is set to a positive number,
/// else one per available CPU.
pub fn default_threads() -> usize {
    std::env::var(THREADS_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

pub use error::{Error, ErrorKind, Result};
pub use model::{
    Before, Camp, Claim, Coordinates, DateError, DateErrorKind, DatePoint, DateValue, Day,
    Estimate, Event, Figure, HistoricalDate, IntervalEnd, PatronymicForm, PersonName, Place,
    Precision, RepressionCase, Script, Sentence, SentenceKind, Sex, SexValue, Source, SourceKind,
    Victim,
};
