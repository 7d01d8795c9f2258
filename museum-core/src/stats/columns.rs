//! The columns statistics can group by (`museum stats --by …`), and the grouped counts.

use serde::{Deserialize, Serialize};

use super::frame::{Key, cols};
use super::normalize::{normalize_body, normalize_nationality, normalize_place, region_of};
use crate::error::{Error, Result};
use crate::model::vocab::{BodyKind, UserVocab};

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
pub(super) enum Map {
    None,
    Nationality,
    Body,
    BodyKind,
    Place,
    Region,
    AgeBand,
}

impl Map {
    /// The key of `raw`; `vocab` (the project's `[vocab.*]`) is tried first where the
    /// column has a vocabulary (kinds of sentencing body).
    pub(super) fn text(self, raw: &str, vocab: Option<&UserVocab>) -> Option<String> {
        match self {
            Map::None | Map::AgeBand => {
                let t = raw.trim();
                (!t.is_empty()).then(|| t.to_owned())
            }
            Map::Nationality => normalize_nationality(raw),
            Map::Body => normalize_body(raw),
            Map::BodyKind => BodyKind::of(raw, vocab).map(|k| k.as_str().to_owned()),
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
    pub(super) source: &'static str,
    pub(super) map: Map,
}

macro_rules! stat_columns {
    ($( $name:literal, $level:ident, $source:expr, $map:ident, $desc:literal; )*) => {
        /// The columns [`CaseTable::group_count`](super::CaseTable::group_count) accepts.
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

/// The result of [`CaseTable::group_count`](super::CaseTable::group_count).
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

pub(super) fn column_names() -> String {
    COLUMNS
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn is_numeric(s: &StatColumn) -> bool {
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

pub(super) fn to_value(k: Key, map: Map) -> Value {
    match k {
        Key::Int(from) if map == Map::AgeBand => Value::Text(format!("{from}-{}", from + 4)),
        Key::Int(i) => Value::Int(i),
        Key::Float(bits) => Value::Float(f64::from_bits(bits)),
        Key::Text(t) => Value::Text(t),
        Key::Bool(b) => Value::Bool(b),
        Key::Null => Value::Null,
    }
}
