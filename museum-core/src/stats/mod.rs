//! Statistics over the archive (feature `stats`, computed with polars).
//!
//! [`CaseTable::build`] turns the victims into one table with a row per repression case (built
//! once), and lazy queries on it answer everything else:
//!
//! - [`CaseTable::summary`]: the distributions historians read — arrests, sentences and
//!   executions by year and month; sentence kind and term; sentencing body; charge article
//!   (`58 п. 10` and `58-10` count as one, see [`normalize_articles`]); nationality; sex; age at
//!   arrest by 5-year band and sex (an age pyramid); region and place of birth; camp;
//!   rehabilitation (share recorded, lag in years after the sentence); completeness per field;
//!   duplicate rate when deduplication clusters are given.
//! - [`CaseTable::group_count`]: a count grouped by any of the [`COLUMNS`]
//!   (`museum stats --by arrest_year,sentence_kind`).
//!
//! [`estimates`] lists the numbers sources claim about events and camps side by side.
//!
//! The public API returns plain serde structs; polars types stay inside this module (in
//! `frame`), so callers do not depend on polars' API.

mod frame;
mod normalize;

use std::collections::{BTreeMap, HashMap, HashSet};

use polars::prelude::*;
use serde::{Deserialize, Serialize};

pub use normalize::{
    normalize_articles, normalize_body, normalize_nationality, normalize_place, region_of,
    sentencing_body_kind,
};

use crate::error::{Error, Result};
use crate::model::{Camp, Estimate, Event, Source, Victim};
use frame::{Frame, Key, Require, cols};

/// Receives progress of long computations. Library code never prints; the command line shows a
/// progress bar through this trait. Every method has a no-op default, and `()` ignores all.
pub trait Progress: Sync {
    /// A new stage starts; `total` is its amount of work (records, bytes) when known.
    fn stage(&self, _name: &str, _total: Option<u64>) {}
    /// `n` more units of the current stage are done.
    fn advance(&self, _n: u64) {}
}

impl Progress for () {}

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

/// Options of [`CaseTable::summary`].
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

/// Whether a column describes the person or one repression case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// One value per person: counted once per person.
    Person,
    /// One value per case: counted once per case.
    Case,
    /// Several values per case (charge articles): counted once per article.
    Charge,
}

/// How a column's raw text becomes a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Map {
    None,
    Nationality,
    Body,
    BodyKind,
    Place,
    Region,
    AgeBand,
}

impl Map {
    fn text(self, raw: &str) -> Option<String> {
        match self {
            Map::None | Map::AgeBand => {
                let t = raw.trim();
                (!t.is_empty()).then(|| t.to_owned())
            }
            Map::Nationality => normalize_nationality(raw),
            Map::Body => normalize_body(raw),
            Map::BodyKind => sentencing_body_kind(raw),
            Map::Place => normalize_place(raw),
            Map::Region => region_of(raw),
        }
    }
}

/// A column statistics can group by (`museum stats --by …`).
#[derive(Debug, Clone, Copy)]
pub struct StatColumn {
    /// Canonical name.
    pub name: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Person, case or charge level.
    pub level: Level,
    source: &'static str,
    map: Map,
}

macro_rules! stat_columns {
    ($( $name:literal, $level:ident, $source:expr, $map:ident, $desc:literal; )*) => {
        /// The columns [`CaseTable::group_count`] accepts.
        pub const COLUMNS: &[StatColumn] = &[ $( StatColumn {
            name: $name, description: $desc, level: Level::$level, source: $source, map: Map::$map,
        }, )* ];
    };
}

stat_columns! {
    "sex", Person, cols::SEX, None, "male, female or unrecognised";
    "birth_year", Person, cols::BIRTH_YEAR, None, "year of birth";
    "birth_place", Person, cols::BIRTH_PLACE, Place, "place of birth as written (spaces normalized)";
    "birth_region", Person, cols::BIRTH_PLACE, Region, "the oblast/region/gubernia part of the birthplace";
    "nationality", Person, cols::NATIONALITY, Nationality, "nationality (case and spaces normalized)";
    "occupation", Person, cols::OCCUPATION, Place, "occupation or place of work";
    "death_year", Person, cols::DEATH_YEAR, None, "year of death";
    "arrest_year", Case, cols::ARREST_YEAR, None, "year of arrest";
    "arrest_month", Case, cols::ARREST_MONTH, None, "month of arrest (1-12)";
    "sentence_year", Case, cols::SENTENCE_YEAR, None, "year of the sentence";
    "sentence_month", Case, cols::SENTENCE_MONTH, None, "month of the sentence (1-12)";
    "execution_year", Case, cols::EXECUTION_YEAR, None, "year of execution";
    "execution_month", Case, cols::EXECUTION_MONTH, None, "month of execution (1-12)";
    "sentence_kind", Case, cols::SENTENCE_KIND, None, "execution, camp, prison, exile, banishment, deportation, forced_labour, acquittal, released, unrecognised";
    "sentence_term", Case, cols::SENTENCE_TERM, None, "term in years (camp, prison, exile)";
    "sentencing_body", Case, cols::SENTENCING_BODY, Body, "sentencing body (troika, OSO, VKVS…)";
    "sentencing_body_kind", Case, cols::SENTENCING_BODY, BodyKind, "kind of sentencing body: troika, dvoika, special_board, military_collegium, tribunal, ogpu_collegium, court, decree, unrecognised";
    "charge_article", Charge, cols::CHARGE_ARTICLE, None, "charge article (58-10, 58-11…); a case counts once per article";
    "camp", Case, cols::CAMP, None, "camp id";
    "age_at_arrest", Case, cols::AGE_AT_ARREST, None, "age in years at the arrest";
    "age_band", Case, cols::AGE_BAND, AgeBand, "age at the arrest in 5-year bands (20-24)";
    "rehabilitated", Case, cols::REHABILITATED, None, "whether a rehabilitation is recorded";
    "rehabilitation_year", Case, cols::REHABILITATION_YEAR, None, "year of rehabilitation";
    "rehabilitation_lag", Case, cols::REHABILITATION_LAG, None, "years from the sentence to the rehabilitation";
    "rehabilitated_by", Case, cols::REHABILITATED_BY, Body, "rehabilitating body";
}

/// A value in a [`GroupTable`]: a number, a text, a boolean, or null (no value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// An integer (years, months, ages).
    Int(i64),
    /// A number (terms in years).
    Float(f64),
    /// A text.
    Text(String),
    /// A yes/no.
    Bool(bool),
    /// No value.
    Null,
}

impl std::fmt::Display for Value {
    /// Integers and texts as they are, whole floats without decimals, booleans as `yes`/`no`,
    /// null as an empty string.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) if x.fract() == 0.0 => write!(f, "{x:.0}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Text(s) => f.write_str(s),
            Value::Bool(b) => f.write_str(if *b { "yes" } else { "no" }),
            Value::Null => Ok(()),
        }
    }
}

/// One group of a [`GroupTable`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    /// The values of the grouping columns, in order.
    pub values: Vec<Value>,
    /// How many units.
    pub count: u64,
    /// Share of all units, 0–1.
    pub share: f64,
}

/// The result of [`CaseTable::group_count`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTable {
    /// The grouping columns.
    pub columns: Vec<String>,
    /// What is counted: `persons` (all columns are person columns), `cases`, or `charges`
    /// (with `charge_article`).
    pub unit: String,
    /// Units counted (the sum of the counts).
    pub total: u64,
    /// The groups: by the values when every column is a number, else by count (largest
    /// first) and then by the values. Empty values sort last (groups with an empty value
    /// after all others).
    pub rows: Vec<GroupRow>,
}

/// The case table: the victims as one polars frame with a row per repression case, built once
/// and queried many times.
///
/// ```
/// use museum_core::stats::{CaseTable, StatsOptions};
/// use museum_core::io::{CsvOptions, ReadItem, RecordReader};
/// use museum_core::Victim;
/// let csv = "id,surname,sex,birth_date,arrest_date,charge,sentence\n\
///            v1,Жургенов,м,1898-11,1937-08-02,\"58 п. 8, 58 п. 11\",ВМН\n\
///            v2,Майлин,м,1894,1937-10-08,58-2,ВМН\n";
/// let victims: Vec<Victim> = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "v.csv", &CsvOptions::default())
///     .filter_map(|i| match i { ReadItem::Record(v, _) => Some(v.record), _ => None })
///     .collect();
/// let table = CaseTable::build(&victims, &()).unwrap();
/// let stats = table.summary(&StatsOptions::default(), None).unwrap();
/// assert_eq!(stats.arrests.by_year[0].count, 2);
/// assert_eq!(stats.charge_articles.total, 3); // 58-8, 58-11, 58-2
/// let by = table.group_count(&["arrest_month", "sentence_kind"]).unwrap();
/// assert_eq!(by.rows.len(), 2);
/// assert!(table.group_count(&["colour"]).unwrap_err().to_string().contains("arrest_year"));
/// ```
pub struct CaseTable {
    frame: Frame,
}

impl std::fmt::Debug for CaseTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseTable")
            .field("persons", &self.frame.persons)
            .field("cases", &self.frame.cases)
            .finish_non_exhaustive()
    }
}

impl CaseTable {
    /// Builds the table from victims (`&[Victim]`, or `archive.victims.iter().map(|l| &l.record)`).
    ///
    /// # Errors
    /// When polars fails (it should not on any input).
    pub fn build<'a, I>(victims: I, progress: &dyn Progress) -> Result<CaseTable>
    where
        I: IntoIterator<Item = &'a Victim>,
    {
        let victims: Vec<&Victim> = victims.into_iter().collect();
        Ok(CaseTable {
            frame: Frame::build(&victims, progress)?,
        })
    }

    /// Victim records in the table.
    pub fn persons(&self) -> u64 {
        self.frame.persons
    }

    /// Repression cases in the table.
    pub fn cases(&self) -> u64 {
        self.frame.cases
    }

    /// The summary of the main distributions. `clusters` are deduplication results as
    /// `(victim record id, cluster id)` pairs; without them the duplicate rate is `None`
    /// ("deduplication not run").
    ///
    /// # Errors
    /// When polars fails.
    pub fn summary(
        &self,
        options: &StatsOptions,
        clusters: Option<&[(String, String)]>,
    ) -> Result<ArchiveStats> {
        let top = options.top;
        let f = &self.frame;
        let dist = |name: &str, require: &[(&str, Require)]| -> Result<Distribution> {
            let spec = column(name)?;
            self.distribution(spec, top, require)
        };
        let mut charge_articles = dist("charge_article", &[])?;
        charge_articles.missing = f.missing_charges;
        charge_articles.unrecognised = f.unrecognised_charges;
        charge_articles.total += f.missing_charges + f.unrecognised_charges;

        let duplicates = clusters.map(|c| self.duplicates(c)).transpose()?;
        Ok(ArchiveStats {
            persons: f.persons,
            cases: f.cases,
            arrests: self.timeline(cols::ARREST_YEAR, cols::ARREST_MONTH, f.dates_present[0])?,
            sentences: self.timeline(
                cols::SENTENCE_YEAR,
                cols::SENTENCE_MONTH,
                f.dates_present[1],
            )?,
            executions: self.timeline(
                cols::EXECUTION_YEAR,
                cols::EXECUTION_MONTH,
                f.dates_present[2],
            )?,
            sentence_kinds: dist("sentence_kind", &[])?,
            sentence_terms: self.terms()?,
            sentencing_bodies: dist("sentencing_body", &[])?,
            charge_articles,
            nationalities: dist("nationality", &[])?,
            sexes: dist("sex", &[])?,
            age_pyramid: self.age_pyramid()?,
            birth_regions: dist("birth_region", &[])?,
            birth_places: dist("birth_place", &[])?,
            camps: dist("camp", &[])?,
            rehabilitation: self.rehabilitation(top)?,
            completeness: f.completeness.clone(),
            duplicates,
        })
    }

    /// Counts grouped by the named [`COLUMNS`] (`["arrest_year", "sentence_kind"]`). Person
    /// columns alone count persons; with a case column, cases; with `charge_article`, charges.
    ///
    /// # Errors
    /// An unknown column (the message lists the valid ones), no column, or a polars failure.
    pub fn group_count(&self, by: &[&str]) -> Result<GroupTable> {
        if by.is_empty() {
            return Err(Error::invalid_option(format!(
                "name at least one column to group by; valid columns: {}",
                column_names()
            )));
        }
        let specs: Vec<&StatColumn> = by.iter().map(|n| column(n)).collect::<Result<_>>()?;
        let level = if specs.iter().any(|s| s.level == Level::Charge) {
            Level::Charge
        } else if specs.iter().any(|s| s.level == Level::Case) {
            Level::Case
        } else {
            Level::Person
        };
        let groups = self.groups(&specs, level, &[])?;
        let total: u64 = groups.values().sum();
        let numeric = specs.iter().all(|s| is_numeric(s));
        let mut groups: Vec<(Vec<Key>, u64)> = groups.into_iter().collect();
        if numeric {
            groups.sort();
        } else {
            // Groups with an empty value go after the others: they are what is not known.
            let has_null = |k: &[Key]| k.contains(&Key::Null);
            groups.sort_by(|a, b| {
                has_null(&a.0)
                    .cmp(&has_null(&b.0))
                    .then(b.1.cmp(&a.1))
                    .then_with(|| a.0.cmp(&b.0))
            });
        }
        Ok(GroupTable {
            columns: specs.iter().map(|s| s.name.to_owned()).collect(),
            unit: unit(level).to_owned(),
            total,
            rows: groups
                .into_iter()
                .map(|(keys, count)| GroupRow {
                    values: keys
                        .into_iter()
                        .zip(&specs)
                        .map(|(k, s)| to_value(k, s.map))
                        .collect(),
                    count,
                    share: ratio(count, total),
                })
                .collect(),
        })
    }

    /// Groups, with text keys normalized and merged.
    fn groups(
        &self,
        specs: &[&StatColumn],
        level: Level,
        require: &[(&str, Require)],
    ) -> Result<HashMap<Vec<Key>, u64>> {
        let sources: Vec<&str> = specs.iter().map(|s| s.source).collect();
        let raw = self.frame.count_by(&sources, level, require)?;
        let mut merged: HashMap<Vec<Key>, u64> = HashMap::with_capacity(raw.len());
        // Normalizing the same raw text twice is wasted work on long tails.
        let mut cache: HashMap<(usize, String), Key> = HashMap::new();
        for (keys, n) in raw {
            let keys: Vec<Key> = keys
                .into_iter()
                .enumerate()
                .map(|(i, k)| match k {
                    Key::Text(t) if specs[i].map != Map::None || t.trim() != t => cache
                        .entry((i, t))
                        .or_insert_with_key(|(_, t)| {
                            specs[i].map.text(t).map_or(Key::Null, Key::Text)
                        })
                        .clone(),
                    other => other,
                })
                .collect();
            *merged.entry(keys).or_insert(0) += n;
        }
        Ok(merged)
    }

    fn distribution(
        &self,
        spec: &StatColumn,
        top: usize,
        require: &[(&str, Require)],
    ) -> Result<Distribution> {
        let level = spec.level;
        let groups = self.groups(&[spec], level, require)?;
        let mut missing = 0;
        let mut values: Vec<(String, u64)> = Vec::with_capacity(groups.len());
        for (k, n) in groups {
            match k.into_iter().next() {
                Some(Key::Null) | None => missing += n,
                Some(k) => values.push((to_value(k, spec.map).to_string(), n)),
            }
        }
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let known: u64 = values.iter().map(|(_, n)| n).sum();
        let other = values.iter().skip(top).map(|(_, n)| n).sum();
        Ok(Distribution {
            unit: unit(level).to_owned(),
            total: known + missing,
            missing,
            unrecognised: 0,
            distinct: values.len() as u64,
            top: values
                .into_iter()
                .take(top)
                .map(|(value, count)| Count {
                    value,
                    count,
                    share: ratio(count, known),
                })
                .collect(),
            other,
        })
    }

    fn timeline(&self, year: &str, month: &str, present: u64) -> Result<Timeline> {
        let raw = self
            .frame
            .count_by(&[year, month], Level::Case, &[(year, Require::NotNull)])?;
        let mut by_year: BTreeMap<i32, u64> = BTreeMap::new();
        let mut by_month: BTreeMap<(i32, u8), u64> = BTreeMap::new();
        let (mut dated, mut month_known) = (0, 0);
        for (k, n) in raw {
            let (Some(Key::Int(y)), Some(m)) = (k.first(), k.get(1)) else {
                continue;
            };
            let y = i32::try_from(*y).unwrap_or_default();
            dated += n;
            *by_year.entry(y).or_insert(0) += n;
            if let Key::Int(m) = m {
                month_known += n;
                *by_month
                    .entry((y, u8::try_from(*m).unwrap_or_default()))
                    .or_insert(0) += n;
            }
        }
        Ok(Timeline {
            present,
            dated,
            month_known,
            imprecise: present.saturating_sub(dated),
            by_year: by_year
                .into_iter()
                .map(|(year, count)| YearCount { year, count })
                .collect(),
            by_month: by_month
                .into_iter()
                .map(|((year, month), count)| MonthCount { year, month, count })
                .collect(),
        })
    }

    fn terms(&self) -> Result<Vec<TermCount>> {
        let raw = self.frame.count_by(
            &[cols::SENTENCE_KIND, cols::SENTENCE_TERM],
            Level::Case,
            &[(cols::SENTENCE_TERM, Require::NotNull)],
        )?;
        let mut out: Vec<TermCount> = raw
            .into_iter()
            .filter_map(|(k, count)| match (k.first(), k.get(1)) {
                (Some(Key::Text(kind)), Some(Key::Float(bits))) => Some(TermCount {
                    kind: kind.clone(),
                    years: f64::from_bits(*bits),
                    count,
                }),
                _ => None,
            })
            .collect();
        out.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.years.total_cmp(&b.years)));
        Ok(out)
    }

    fn age_pyramid(&self) -> Result<AgePyramid> {
        let raw = self.frame.count_by(
            &[cols::AGE_BAND, cols::SEX],
            Level::Person,
            &[(cols::AGE_BAND, Require::NotNull)],
        )?;
        let mut bands: BTreeMap<i64, AgeBand> = BTreeMap::new();
        let mut known = 0;
        for (k, n) in raw {
            let Some(Key::Int(from)) = k.first() else {
                continue;
            };
            known += n;
            let from_u = u32::try_from(*from).unwrap_or_default();
            let band = bands.entry(*from).or_insert(AgeBand {
                from: from_u,
                to: from_u + 4,
                male: 0,
                female: 0,
                unknown_sex: 0,
            });
            match k.get(1) {
                Some(Key::Text(s)) if s == "male" => band.male += n,
                Some(Key::Text(s)) if s == "female" => band.female += n,
                _ => band.unknown_sex += n,
            }
        }
        // Fill empty bands between the youngest and the oldest so the pyramid has no gaps.
        if let (Some(&lo), Some(&hi)) = (bands.keys().next(), bands.keys().next_back()) {
            let mut b = lo;
            while b < hi {
                let from = u32::try_from(b).unwrap_or_default();
                bands.entry(b).or_insert(AgeBand {
                    from,
                    to: from + 4,
                    male: 0,
                    female: 0,
                    unknown_sex: 0,
                });
                b += 5;
            }
        }
        Ok(AgePyramid {
            known,
            unknown: self.frame.persons.saturating_sub(known),
            bands: bands.into_values().collect(),
        })
    }

    fn rehabilitation(&self, top: usize) -> Result<Rehabilitation> {
        let cases = self.frame.cases;
        let raw = self.frame.count_by(
            &[cols::REHABILITATED],
            Level::Case,
            &[(cols::REHABILITATED, Require::NotNull)],
        )?;
        let rehabilitated: u64 = raw
            .iter()
            .filter(|(k, _)| k.first() == Some(&Key::Bool(true)))
            .map(|(_, n)| n)
            .sum();
        let years = self.frame.count_by(
            &[cols::REHABILITATION_YEAR],
            Level::Case,
            &[(cols::REHABILITATION_YEAR, Require::NotNull)],
        )?;
        let mut by_year: Vec<YearCount> = years
            .into_iter()
            .filter_map(|(k, count)| match k.first() {
                Some(Key::Int(y)) => Some(YearCount {
                    year: i32::try_from(*y).ok()?,
                    count,
                }),
                _ => None,
            })
            .collect();
        by_year.sort_by_key(|y| y.year);
        let lags = self.frame.count_by(
            &[cols::REHABILITATION_LAG],
            Level::Case,
            &[(cols::REHABILITATION_LAG, Require::NotNull)],
        )?;
        let mut lags: Vec<LagCount> = lags
            .into_iter()
            .filter_map(|(k, count)| match k.first() {
                Some(Key::Int(y)) => Some(LagCount {
                    years: i32::try_from(*y).ok()?,
                    count,
                }),
                _ => None,
            })
            .collect();
        lags.sort_by_key(|l| l.years);
        let lag_known: u64 = lags.iter().map(|l| l.count).sum();
        let bodies = self.distribution(
            column("rehabilitated_by")?,
            top,
            &[(cols::REHABILITATED, Require::IsTrue)],
        )?;
        Ok(Rehabilitation {
            cases,
            rehabilitated,
            share: ratio(rehabilitated, cases),
            by_year,
            lag_known,
            median_lag: median(&lags, lag_known),
            lags,
            bodies,
        })
    }

    fn duplicates(&self, clusters: &[(String, String)]) -> Result<DuplicateStats> {
        let mut members: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (record, cluster) in clusters {
            if self.frame.has_id(record) {
                members
                    .entry(cluster.as_str())
                    .or_default()
                    .insert(record.as_str());
            }
        }
        let (mut n_clusters, mut in_clusters, mut merged_away) = (0u64, 0u64, 0u64);
        for m in members.values().filter(|m| m.len() >= 2) {
            n_clusters += 1;
            in_clusters += m.len() as u64;
            merged_away += m.len() as u64 - 1;
        }
        let records = self.frame.persons;
        let persons = records.saturating_sub(merged_away);
        Ok(DuplicateStats {
            records,
            clusters: n_clusters,
            records_in_clusters: in_clusters,
            persons,
            rate: ratio(records - persons, records),
        })
    }
}

/// Computes the summary of victims in one call (build the table, then [`CaseTable::summary`]).
///
/// # Errors
/// When polars fails.
pub fn summarize<'a, I>(
    victims: I,
    options: &StatsOptions,
    clusters: Option<&[(String, String)]>,
) -> Result<ArchiveStats>
where
    I: IntoIterator<Item = &'a Victim>,
{
    CaseTable::build(victims, &())?.summary(options, clusters)
}

fn unit(level: Level) -> &'static str {
    match level {
        Level::Person => "persons",
        Level::Case => "cases",
        Level::Charge => "charges",
    }
}

fn is_numeric(s: &StatColumn) -> bool {
    !matches!(
        s.source,
        cols::SEX
            | cols::BIRTH_PLACE
            | cols::NATIONALITY
            | cols::OCCUPATION
            | cols::SENTENCE_KIND
            | cols::SENTENCING_BODY
            | cols::CHARGE_ARTICLE
            | cols::CAMP
            | cols::REHABILITATED_BY
    )
}

fn to_value(k: Key, map: Map) -> Value {
    match k {
        Key::Int(from) if map == Map::AgeBand => Value::Text(format!("{from}-{}", from + 4)),
        Key::Int(i) => Value::Int(i),
        Key::Float(bits) => Value::Float(f64::from_bits(bits)),
        Key::Text(t) => Value::Text(t),
        Key::Bool(b) => Value::Bool(b),
        Key::Null => Value::Null,
    }
}

fn ratio(n: u64, d: u64) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn median(lags: &[LagCount], n: u64) -> Option<f64> {
    if n == 0 {
        return None;
    }
    // The value at 0-based rank r of the sorted lags.
    let at = |r: u64| {
        let mut seen = 0;
        for l in lags {
            seen += l.count;
            if seen > r {
                return f64::from(l.years);
            }
        }
        f64::from(lags.last().map_or(0, |l| l.years))
    };
    Some(if n % 2 == 1 {
        at(n / 2)
    } else {
        f64::midpoint(at(n / 2 - 1), at(n / 2))
    })
}

/// The column named `name`, or an error listing the valid ones.
///
/// # Errors
/// An unknown name.
pub fn column(name: &str) -> Result<&'static StatColumn> {
    let n = name.trim();
    COLUMNS.iter().find(|c| c.name == n).ok_or_else(|| {
        Error::invalid_option(format!(
            "unknown column `{n}`; valid columns: {}",
            column_names()
        ))
    })
}

fn column_names() -> String {
    COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A source cited by an estimate, with its title when `sources.csv` has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The source id.
    pub id: String,
    /// The title from `sources.csv`; `None` when the id is not there.
    pub title: Option<String>,
    /// The URL, when the source has one.
    pub url: Option<String>,
}

/// One number a source claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateRow {
    /// The estimate's id.
    pub id: String,
    /// What is counted.
    pub measure: String,
    /// The single value.
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// Unit.
    pub unit: String,
    /// The date the number refers to, as written.
    pub as_of: Option<String>,
    /// How the source words it.
    pub claim: Option<String>,
    /// Our note.
    pub notes: Option<String>,
    /// Who claims it.
    pub sources: Vec<SourceRef>,
}

/// The competing estimates about one event or camp, side by side (never merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectEstimates {
    /// The event or camp id.
    pub subject_id: String,
    /// `event` or `camp`.
    pub subject_kind: String,
    /// The English name.
    pub name: String,
    /// The Russian (events) or official (camps) name.
    pub name_local: String,
    /// The estimates, by measure and then by date and value.
    pub estimates: Vec<EstimateRow>,
}

/// The estimates of every event and camp that has some, with source titles resolved from
/// `sources`. Events come first, in their order, then camps.
///
/// ```
/// use museum_core::stats::estimates;
/// let events: Vec<museum_core::Event> = vec![serde_json::from_str(r#"{"id":"evt-famine",
///   "name_kk":"Ашаршылық","name_ru":"Голод","name_en":"Famine","category":"famine","source_ids":[],
///   "estimates":[{"id":"e1","subject_id":"evt-famine","measure":"deaths","low":1.5e6,"high":2.3e6,
///   "unit":"persons","source_ids":["s1","s9"]}]}"#).unwrap()];
/// let sources: Vec<museum_core::Source> = vec![serde_json::from_str(
///   r#"{"id":"s1","kind":"publication","title":"Book"}"#).unwrap()];
/// let e = estimates(&events, &[], &sources);
/// assert_eq!(e[0].estimates[0].sources[0].title.as_deref(), Some("Book"));
/// assert_eq!(e[0].estimates[0].sources[1].title, None); // s9 is not in sources.csv
/// ```
pub fn estimates<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    camps: impl IntoIterator<Item = &'a Camp>,
    sources: impl IntoIterator<Item = &'a Source>,
) -> Vec<SubjectEstimates> {
    let sources: HashMap<&str, &Source> = sources.into_iter().map(|s| (s.id.as_str(), s)).collect();
    let rows = |list: &[Estimate]| -> Vec<EstimateRow> {
        let mut rows: Vec<EstimateRow> = list
            .iter()
            .map(|e| EstimateRow {
                id: e.id.clone(),
                measure: e.measure.clone(),
                value: e.value,
                low: e.low,
                high: e.high,
                unit: e.unit.clone(),
                as_of: e.as_of.as_ref().map(|d| d.original().to_owned()),
                claim: e.claim.clone(),
                notes: e.notes.clone(),
                sources: e
                    .source_ids
                    .iter()
                    .map(|id| SourceRef {
                        id: id.clone(),
                        title: sources.get(id.as_str()).map(|s| s.title.clone()),
                        url: sources.get(id.as_str()).and_then(|s| s.url.clone()),
                    })
                    .collect(),
            })
            .collect();
        let sort_value = |r: &EstimateRow| r.value.or(r.low).or(r.high).unwrap_or(f64::NAN);
        rows.sort_by(|a, b| {
            a.measure
                .cmp(&b.measure)
                .then_with(|| a.as_of.cmp(&b.as_of))
                .then_with(|| sort_value(a).total_cmp(&sort_value(b)))
        });
        rows
    };
    let mut out = Vec::new();
    for e in events {
        if !e.estimates.is_empty() {
            out.push(SubjectEstimates {
                subject_id: e.id.clone(),
                subject_kind: "event".into(),
                name: e.name_en.clone(),
                name_local: e.name_ru.clone(),
                estimates: rows(&e.estimates),
            });
        }
    }
    for c in camps {
        if !c.estimates.is_empty() {
            out.push(SubjectEstimates {
                subject_id: c.id.clone(),
                subject_kind: "camp".into(),
                name: c.name_en.clone(),
                name_local: c.name_official.clone(),
                estimates: rows(&c.estimates),
            });
        }
    }
    out
}

/// Counts repression cases by the year of arrest (cases whose arrest year is known), ascending.
///
/// # Errors
/// When polars fails (it should not on valid input).
///
/// ```
/// use museum_core::{HistoricalDate, PersonName, RepressionCase, Victim};
/// use museum_core::stats::arrests_by_year;
/// let mut v: Victim = serde_json::from_str(r#"{"id":"v1","name":{"original":"X"},"source_ids":[]}"#).unwrap();
/// v.cases.push(RepressionCase { arrest_date: Some(HistoricalDate::parse("1937-08-02").unwrap()), ..Default::default() });
/// let counts = arrests_by_year(&[v]).unwrap();
/// assert_eq!((counts[0].year, counts[0].count), (1937, 1));
/// ```
pub fn arrests_by_year(victims: &[Victim]) -> Result<Vec<YearCount>> {
    let years: Vec<i32> = victims
        .iter()
        .flat_map(|v| v.cases.iter())
        .filter_map(|c| c.arrest_date.as_ref().and_then(crate::HistoricalDate::year))
        .collect();
    let df =
        DataFrame::new_infer_height(vec![Column::new("year".into(), years)]).map_err(polars_err)?;
    let out = df
        .lazy()
        .group_by([col("year")])
        .agg([len().alias("n")])
        .sort(["year"], SortMultipleOptions::default())
        .collect()
        .map_err(polars_err)?;
    let ys = out
        .column("year")
        .map_err(polars_err)?
        .i32()
        .map_err(polars_err)?
        .clone();
    let ns = out
        .column("n")
        .map_err(polars_err)?
        .idx()
        .map_err(polars_err)?
        .clone();
    Ok(ys
        .iter()
        .zip(ns.iter())
        .filter_map(|(y, n)| {
            Some(YearCount {
                year: y?,
                count: u64::from(n?),
            })
        })
        .collect())
}

fn polars_err(e: PolarsError) -> Error {
    Error::invalid_option(format!("statistics failed: {e}"))
}

#[cfg(test)]
mod tests {
    //! Statistics of `tests/fixtures/stats/victims.csv` against values computed by hand (the
    //! reasoning for each number is in the comments).

    use super::*;
    use crate::io::{CsvOptions, read_file};

    fn fixture() -> Vec<Victim> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/stats/victims.csv");
        let (victims, findings) = read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
        assert!(findings.is_empty(), "{findings:?}");
        victims.into_iter().map(|l| l.record).collect()
    }

    fn counts(d: &Distribution) -> Vec<(&str, u64)> {
        d.top.iter().map(|c| (c.value.as_str(), c.count)).collect()
    }

    fn table() -> CaseTable {
        CaseTable::build(&fixture(), &()).unwrap()
    }

    #[test]
    fn totals_and_timelines() {
        let s = table().summary(&StatsOptions::default(), None).unwrap();
        // v01…v10, v07 has two cases; v09 has none.
        assert_eq!((s.persons, s.cases), (10, 10));
        // Arrests: 9 dated (v03 only to the year), none imprecise.
        assert_eq!(
            (
                s.arrests.present,
                s.arrests.dated,
                s.arrests.month_known,
                s.arrests.imprecise
            ),
            (9, 9, 8, 0)
        );
        let years: Vec<(i32, u64)> = s
            .arrests
            .by_year
            .iter()
            .map(|y| (y.year, y.count))
            .collect();
        assert_eq!(years, [(1929, 1), (1937, 6), (1938, 2)]);
        let months: Vec<(i32, u8, u64)> = s
            .arrests
            .by_month
            .iter()
            .map(|m| (m.year, m.month, m.count))
            .collect();
        assert_eq!(
            months,
            [
                (1929, 6, 1),
                (1937, 8, 1),
                (1937, 9, 1),
                (1937, 10, 2),
                (1937, 11, 1),
                (1938, 1, 1),
                (1938, 3, 1)
            ]
        );
        let ex: Vec<(i32, u8, u64)> = s
            .executions
            .by_month
            .iter()
            .map(|m| (m.year, m.month, m.count))
            .collect();
        assert_eq!(ex, [(1937, 9, 1), (1937, 12, 1), (1938, 2, 3)]);
    }

    #[test]
    fn sentences_bodies_articles() {
        let s = table().summary(&StatsOptions::default(), None).unwrap();
        assert_eq!(
            counts(&s.sentence_kinds),
            [("execution", 6), ("camp", 3), ("deportation", 1)]
        );
        assert_eq!((s.sentence_kinds.total, s.sentence_kinds.missing), (10, 0));
        assert!((s.sentence_kinds.top[0].share - 0.6).abs() < 1e-9);
        let terms: Vec<(&str, f64, u64)> = s
            .sentence_terms
            .iter()
            .map(|t| (t.kind.as_str(), t.years, t.count))
            .collect();
        assert_eq!(terms, [("camp", 8.0, 2), ("camp", 10.0, 1)]);
        // `тройка при УНКВД` and `Тройка при УНКВД` are one body; v07's second case and v10
        // name none.
        assert_eq!(
            counts(&s.sentencing_bodies),
            [
                ("ВКВС СССР", 3),
                ("ОСО при НКВД", 2),
                ("Тройка при УНКВД", 2),
                ("Коллегия ОГПУ", 1)
            ]
        );
        assert_eq!(
            (s.sentencing_bodies.total, s.sentencing_bodies.missing),
            (10, 2)
        );
        // 58-11: v01, v02 (`58-2, 7, 8, 11`), v07 twice; 58-10: v03, v06, v07; v10 has no charge.
        assert_eq!(
            counts(&s.charge_articles),
            [
                ("58-11", 4),
                ("58-10", 3),
                ("58-2", 2),
                ("58-8", 2),
                ("ЧСИР", 2),
                ("58-7", 1),
                ("58-9", 1),
                ("КРД", 1)
            ]
        );
        let a = &s.charge_articles;
        assert_eq!(
            (a.total, a.missing, a.unrecognised, a.distinct),
            (17, 1, 0, 8)
        );
    }

    #[test]
    fn people() {
        let s = table().summary(&StatsOptions::default(), None).unwrap();
        // `казах`, `Казах`, `КАЗАХ`, `казашка` are one nationality (the one nationality
        // vocabulary, `data/vocab/nationality.tsv`); v08 has none.
        assert_eq!(
            counts(&s.nationalities),
            [("Казах", 6), ("Русский", 2), ("Кореец", 1)]
        );
        assert_eq!(s.nationalities.missing, 1);
        assert!((s.nationalities.top[0].share - 6.0 / 9.0).abs() < 1e-9);
        assert_eq!(counts(&s.sexes), [("male", 6), ("female", 3)]);
        // Ages at the first arrest: v01 38 (born November, arrested August), v02 42, v03 43,
        // v04 38, v05 32 (arrested 5 days before her birthday), v06 57, v07 57 (1929), v08 27.
        let p = &s.age_pyramid;
        assert_eq!((p.known, p.unknown), (8, 2));
        let bands: Vec<(u32, u64, u64, u64)> = p
            .bands
            .iter()
            .map(|b| (b.from, b.male, b.female, b.unknown_sex))
            .collect();
        assert_eq!(
            bands,
            [
                (25, 0, 0, 1),
                (30, 0, 1, 0),
                (35, 1, 1, 0),
                (40, 2, 0, 0),
                (45, 0, 0, 0),
                (50, 0, 0, 0),
                (55, 2, 0, 0)
            ]
        );
        // `Кустанайский уезд, Тургайская обл.` is in Тургайская обл.; Москва names no region.
        assert_eq!(
            counts(&s.birth_regions),
            [
                ("Тургайская обл.", 2),
                ("Актюбинская обл.", 1),
                ("Карагандинская обл.", 1),
                ("Приморский край", 1),
                ("Түркістан облысы", 1)
            ]
        );
        assert_eq!(s.birth_regions.missing, 4);
        assert_eq!(counts(&s.camps), [("camp-alzhir", 2), ("camp-karlag", 1)]);
        assert_eq!((s.camps.total, s.camps.missing), (10, 7));
    }

    #[test]
    fn rehabilitation_and_completeness() {
        let s = table().summary(&StatsOptions::default(), None).unwrap();
        let r = &s.rehabilitation;
        // v01, v02, v03, v04, v06 and both cases of v07.
        assert_eq!((r.cases, r.rehabilitated), (10, 7));
        assert!((r.share - 0.7).abs() < 1e-9);
        let years: Vec<(i32, u64)> = r.by_year.iter().map(|y| (y.year, y.count)).collect();
        assert_eq!(years, [(1956, 1), (1957, 3), (1988, 2), (1989, 1)]);
        // Lags 19, 19, 19, 18, 52, 58, 51: median 19.
        let lags: Vec<(i32, u64)> = r.lags.iter().map(|l| (l.years, l.count)).collect();
        assert_eq!(lags, [(18, 1), (19, 3), (51, 1), (52, 1), (58, 1)]);
        assert_eq!((r.lag_known, r.median_lag), (7, Some(19.0)));
        assert_eq!(
            counts(&r.bodies),
            [
                ("Верховный суд КазССР", 2),
                ("ВКВС СССР", 1),
                ("Верховный суд СССР", 1)
            ]
        );
        assert_eq!((r.bodies.total, r.bodies.missing), (7, 3));
        let c = |field: &str| {
            let c = s.completeness.iter().find(|c| c.field == field).unwrap();
            (c.filled, c.total)
        };
        assert_eq!(c("patronymic"), (2, 10));
        assert_eq!(c("birth_date"), (9, 10));
        assert_eq!(c("arrest_date"), (9, 10));
        // Six execution sentences; v07's first (commuted) has no execution date.
        assert_eq!(c("execution_date"), (5, 6));
        assert_eq!(c("camp_id"), (3, 3));
        assert_eq!(c("source"), (10, 10));
        assert!(s.duplicates.is_none());
    }

    #[test]
    fn duplicate_rate_from_clusters() {
        let pairs: Vec<(String, String)> = [
            ("v01", "a"),
            ("v03", "a"),
            ("v02", "b"),
            ("v04", "c"),
            ("v05", "c"),
            ("v06", "c"),
            ("nope", "c"),
            ("nope", "d"),
        ]
        .iter()
        .map(|(r, c)| ((*r).to_owned(), (*c).to_owned()))
        .collect();
        let s = table()
            .summary(&StatsOptions::default(), Some(&pairs))
            .unwrap();
        let d = s.duplicates.unwrap();
        // Clusters a (2) and c (3 present); b and d have fewer than 2 present records.
        assert_eq!(
            (d.records, d.clusters, d.records_in_clusters, d.persons),
            (10, 2, 5, 7)
        );
        assert!((d.rate - 0.3).abs() < 1e-9);
    }

    #[test]
    fn group_counts() {
        let t = table();
        let g = t.group_count(&["arrest_year", "sentence_kind"]).unwrap();
        assert_eq!((g.unit.as_str(), g.total), ("cases", 10));
        let rows: Vec<(String, String, u64)> = g
            .rows
            .iter()
            .map(|r| (r.values[0].to_string(), r.values[1].to_string(), r.count))
            .collect();
        assert_eq!(
            rows,
            [
                ("1937".into(), "execution".into(), 5),
                ("1938".into(), "camp".into(), 2),
                ("1929".into(), "execution".into(), 1),
                ("1937".into(), "camp".into(), 1),
                (String::new(), "deportation".into(), 1)
            ]
        );
        // Person columns alone count persons.
        let g = t.group_count(&["sex"]).unwrap();
        assert_eq!((g.unit.as_str(), g.total), ("persons", 10));
        // Numeric columns sort by value; nulls last.
        let g = t.group_count(&["arrest_year"]).unwrap();
        let ys: Vec<Value> = g.rows.iter().map(|r| r.values[0].clone()).collect();
        assert_eq!(
            ys,
            [
                Value::Int(1929),
                Value::Int(1937),
                Value::Int(1938),
                Value::Null
            ]
        );
        let g = t.group_count(&["charge_article"]).unwrap();
        assert_eq!((g.unit.as_str(), g.total), ("charges", 16));
        let g = t.group_count(&["nationality", "charge_article"]).unwrap();
        assert_eq!(
            g.rows[0].values,
            [Value::Text("Казах".into()), Value::Text("58-11".into())]
        );
        assert_eq!(g.rows[0].count, 4);
        let g = t.group_count(&["age_band"]).unwrap();
        assert_eq!(g.rows[0].values, [Value::Text("25-29".into())]);
        let err = t
            .group_count(&["arrest_year", "colour"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown column `colour`"), "{err}");
        assert!(err.contains("rehabilitation_lag"), "{err}");
    }

    #[test]
    fn empty_input() {
        let t = CaseTable::build(&[], &()).unwrap();
        let s = t.summary(&StatsOptions::default(), Some(&[])).unwrap();
        assert_eq!((s.persons, s.cases), (0, 0));
        assert!(s.arrests.by_year.is_empty());
        assert_eq!(s.duplicates.unwrap().rate, 0.0);
        assert!(t.group_count(&["sex"]).unwrap().rows.is_empty());
    }
}
