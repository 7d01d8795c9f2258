//! # museum_core
//!
//! Typed, validated models of the archive of the Museum in memory of the victims of political
//! repressions (Shymkent, Kazakhstan): historical **figures**, **events**, **camps** and
//! **victims**, with uncertain historical dates ([`HistoricalDate`]), multilingual names
//! ([`PersonName`]: Kazakh Cyrillic, Russian Cyrillic, Latin), and sources for every claim.
//!
//! Readers ([`io`]) stream CSV, JSON and JSON Lines record by record with file/line locations,
//! map the Russian, Kazakh and English headers real lists use, parse archival vocabularies
//! (`ВМН`, `10 лет ИТЛ`, `муж.`), and report what they cannot read as findings
//! ([`Diagnostic`]) instead of failing or guessing.
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
//! Features: `stats` (default) adds the `stats` module, computed with polars, and the `report`
//! module, the data-quality report (HTML, Markdown, JSON); `parquet` adds Parquet output to
//! [`export`].

#![deny(missing_docs)]

pub mod dedup;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod fsutil;
#[doc(hidden)]
pub mod fuzzing;
pub mod io;
pub mod model;
pub mod normalize;
#[cfg(feature = "stats")]
pub mod report;
pub mod schema;
#[cfg(feature = "stats")]
pub mod stats;
pub mod synth;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Location, Severity};
pub use error::{Error, ErrorKind, Result};
pub use model::{
    Before, Camp, Claim, Coordinates, DateError, DateErrorKind, DatePoint, DateValue, Day,
    Estimate, Event, Figure, HistoricalDate, IntervalEnd, PatronymicForm, PersonName, Place,
    Precision, RepressionCase, Script, Sentence, SentenceKind, Sex, SexValue, Source, SourceKind,
    Victim,
};
