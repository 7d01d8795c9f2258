//! What [`super::CaseTable::summary`] returns: plain serde structs (the `museum stats` JSON
//! document and the statistics of the report).

use serde::{Deserialize, Serialize};

/// A count for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// How many.
    pub count: u64,
}

/// A count for one month of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// How many.
    pub count: u64,
}

/// When events of one kind (arrests, sentences, executions) happened, counted per case.
///
/// Only single dates count (`1937-11-10`, `1937-11`, `1937`, `1937?`); intervals such as
/// `1937/1938` and unreadable dates are `imprecise`. Cases dated to the year only are in
/// `by_year` but not in `by_month`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// Cases with this date filled in (any text).
    pub present: u64,
    /// Cases with a single date, at least its year.
    pub dated: u64,
    /// Cases whose date has a month.
    pub month_known: u64,
    /// Cases with a date that is an interval or cannot be read (`present - dated`).
    pub imprecise: u64,
    /// Counts per year, ascending.
    pub by_year: Vec<YearCount>,
    /// Counts per month, ascending.
    pub by_month: Vec<MonthCount>,
}

/// One value of a distribution and how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// The value (normalized).
    pub value: String,
    /// How many.
    pub count: u64,
    /// Share of the known values (`count / (total - missing)`), 0–1.
    pub share: f64,
}

/// How a field's values are distributed: the most frequent values, the rest summed up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    /// What is counted: `persons`, `cases` or `charges` (one per article a case names).
    pub unit: String,
    /// Units considered.
    pub total: u64,
    /// Units without a value.
    pub missing: u64,
    /// Units whose value was present but not recognised (charges naming no article).
    pub unrecognised: u64,
    /// Distinct values (after normalization).
    pub distinct: u64,
    /// The most frequent values, by count then value.
    pub top: Vec<Count>,
    /// Units with a value outside `top`.
    pub other: u64,
}

/// Camp (or prison, exile) terms: how many cases got a term of so many years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermCount {
    /// The sentence kind (`camp`, `prison`, `exile`…).
    pub kind: String,
    /// The term in years.
    pub years: f64,
    /// How many cases.
    pub count: u64,
}

/// One band of the age pyramid: age at arrest from `from` to `from + 4`, by sex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeBand {
    /// First age of the band (0, 5, 10…).
    pub from: u32,
    /// Last age of the band.
    pub to: u32,
    /// Men.
    pub male: u64,
    /// Women.
    pub female: u64,
    /// Sex not recorded or not recognised.
    pub unknown_sex: u64,
}

/// Age at the (first) arrest, by 5-year band and sex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgePyramid {
    /// Persons whose age at arrest is known (birth and arrest dated, age 0–110).
    pub known: u64,
    /// Persons whose age at arrest is not known.
    pub unknown: u64,
    /// The bands, youngest first, from the youngest to the oldest band with anyone in it.
    pub bands: Vec<AgeBand>,
}

/// The lag between sentence and rehabilitation, in whole years (difference of the years).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LagCount {
    /// Years after the sentence.
    pub years: i32,
    /// How many cases.
    pub count: u64,
}

/// Rehabilitation as recorded. A case without a recorded rehabilitation is not known to be
/// unrehabilitated: the source may simply not say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rehabilitation {
    /// Cases.
    pub cases: u64,
    /// Cases with a rehabilitation date or body recorded.
    pub rehabilitated: u64,
    /// `rehabilitated / cases`, 0–1.
    pub share: f64,
    /// Rehabilitations per year (the waves of 1954–1962 and 1988–1991 show here).
    pub by_year: Vec<YearCount>,
    /// Cases whose lag is known (sentence and rehabilitation years known, in order).
    pub lag_known: u64,
    /// Median lag in years.
    pub median_lag: Option<f64>,
    /// Lag histogram, ascending.
    pub lags: Vec<LagCount>,
    /// Rehabilitating bodies.
    pub bodies: Distribution,
}

/// How often a field is filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Completeness {
    /// The field (canonical column name; `name` is any part of the name, `source` is a source
    /// id or text).
    pub field: String,
    /// The population: `persons`, `cases`, `execution sentences` (for the execution date and
    /// place) or `camp sentences` (for the camp).
    pub of: String,
    /// How many have it.
    pub filled: u64,
    /// How many could have it.
    pub total: u64,
    /// `filled / total`, 0–1.
    pub share: f64,
}

/// The duplicate rate, from deduplication clusters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateStats {
    /// Victim records.
    pub records: u64,
    /// Clusters with two or more of these records.
    pub clusters: u64,
    /// Records in such clusters.
    pub records_in_clusters: u64,
    /// Distinct persons: records, counting each cluster once.
    pub persons: u64,
    /// `(records - persons) / records`, 0–1.
    pub rate: f64,
}

/// The summary of an archive's victims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchiveStats {
    /// Victim records (persons as listed, before deduplication).
    pub persons: u64,
    /// Repression cases.
    pub cases: u64,
    /// Arrests per year and month.
    pub arrests: Timeline,
    /// Sentences per year and month.
    pub sentences: Timeline,
    /// Executions per year and month.
    pub executions: Timeline,
    /// Sentence kinds (cases).
    pub sentence_kinds: Distribution,
    /// Terms of camp, prison and exile sentences.
    pub sentence_terms: Vec<TermCount>,
    /// Sentencing bodies (cases).
    pub sentencing_bodies: Distribution,
    /// Charge articles (one count per article a case names).
    pub charge_articles: Distribution,
    /// Nationalities (persons).
    pub nationalities: Distribution,
    /// Sex (persons).
    pub sexes: Distribution,
    /// Age at first arrest by band and sex.
    pub age_pyramid: AgePyramid,
    /// Regions of birth (persons; the region part of the birthplace).
    pub birth_regions: Distribution,
    /// Places of birth (persons).
    pub birth_places: Distribution,
    /// Camps (cases).
    pub camps: Distribution,
    /// Rehabilitation.
    pub rehabilitation: Rehabilitation,
    /// Completeness per field.
    pub completeness: Vec<Completeness>,
    /// Duplicate rate; `None` when deduplication was not run.
    pub duplicates: Option<DuplicateStats>,
}

/// Options of [`CaseTable::summary`](super::CaseTable::summary).
#[derive(Debug, Clone)]
pub struct StatsOptions {
    /// How many values each distribution lists before summing the rest (default 20).
    pub top: usize,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions { top: 20 }
    }
}
