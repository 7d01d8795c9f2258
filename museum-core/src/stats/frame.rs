//! The one place polars types live: the case table as a [`DataFrame`] and the lazy queries on it.
//!
//! The frame has one row per repression case (a person without a case gives one row with empty
//! case columns). Person columns repeat on every case row; `first_case` marks one row per person
//! so person-level counts do not count a person twice.
//!
//! Text columns are dictionary-encoded while the frame is built: the column holds a `u32` code
//! per row and the frame keeps the distinct raw (trimmed) texts. Group-bys then run on integers,
//! and every text is read once, not once per column copy (reading a million scattered strings is
//! what costs). Normalization ([`super::normalize`]) is applied to the *distinct keys* of a
//! group-by and the groups are merged afterwards, which is exact (the normalization is a
//! function of the key) and avoids normalizing a million cells.

use std::collections::HashMap;

use polars::prelude::*;

use super::normalize::normalize_articles;
use super::rows::{CaseRows, PERSON_FIELDS};
use super::{Completeness, Level};
use crate::error::{Error, Result};
use crate::hash::{FxHashMap, FxHashSet, fnv1a};
use crate::model::{SentenceKind, Victim};
use crate::progress::Progress;

/// Column names of the frame (sources of the public stat columns).
pub(crate) mod cols {
    pub(crate) const FIRST_CASE: &str = "first_case";
    /// False on the one row of a person without any case.
    pub(crate) const HAS_CASE: &str = "has_case";
    pub(crate) const SEX: &str = "sex";
    pub(crate) const BIRTH_YEAR: &str = "birth_year";
    pub(crate) const BIRTH_PLACE: &str = "birth_place";
    pub(crate) const NATIONALITY: &str = "nationality";
    pub(crate) const OCCUPATION: &str = "occupation";
    pub(crate) const DEATH_YEAR: &str = "death_year";
    pub(crate) const ARREST_YEAR: &str = "arrest_year";
    pub(crate) const ARREST_MONTH: &str = "arrest_month";
    pub(crate) const SENTENCE_YEAR: &str = "sentence_year";
    pub(crate) const SENTENCE_MONTH: &str = "sentence_month";
    pub(crate) const EXECUTION_YEAR: &str = "execution_year";
    pub(crate) const EXECUTION_MONTH: &str = "execution_month";
    pub(crate) const SENTENCE_KIND: &str = "sentence_kind";
    pub(crate) const SENTENCE_TERM: &str = "sentence_term";
    pub(crate) const SENTENCING_BODY: &str = "sentencing_body";
    pub(crate) const CAMP: &str = "camp";
    pub(crate) const AGE_AT_ARREST: &str = "age_at_arrest";
    pub(crate) const AGE_BAND: &str = "age_band";
    pub(crate) const REHABILITATED: &str = "rehabilitated";
    pub(crate) const REHABILITATION_YEAR: &str = "rehabilitation_year";
    pub(crate) const REHABILITATION_LAG: &str = "rehabilitation_lag";
    pub(crate) const REHABILITATED_BY: &str = "rehabilitated_by";
    /// Only in the article frame.
    pub(crate) const CHARGE_ARTICLE: &str = "charge_article";
    /// Only in the article frame: the row of the case in the main frame.
    pub(crate) const ROW: &str = "row";
}

/// A key of a group: the value of one column in one group.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    Int(i64),
    /// An `f64` by its bits (only finite, non-negative terms are stored, so bit order is
    /// numeric order).
    Float(u64),
    Text(String),
    Bool(bool),
    /// Null sorts last.
    Null,
}

/// The case table.
pub(crate) struct Frame {
    df: DataFrame,
    articles: DataFrame,
    /// The distinct texts of each dictionary-encoded column, by code.
    dicts: HashMap<&'static str, Vec<String>>,
    /// Stable (FNV-1a) hashes of the victim ids (for the duplicate rate); `None` when the
    /// table was built without them.
    ids: Option<FxHashSet<u64>>,
    pub(crate) persons: u64,
    pub(crate) cases: u64,
    /// Cases whose charge text names no article we recognise.
    pub(crate) unrecognised_charges: u64,
    /// Cases with no charge text.
    pub(crate) missing_charges: u64,
    /// Cases with an arrest, sentence and execution date present (any text, even unreadable).
    pub(crate) dates_present: [u64; 3],
    pub(crate) completeness: Vec<Completeness>,
}

fn perr(e: PolarsError) -> Error {
    Error::stats(e)
}

/// Dictionary encoding of one text column: the distinct texts, owned (the victims they come
/// from are dropped as the table grows), by code.
#[derive(Default)]
struct Dict {
    index: FxHashMap<Box<str>, u32>,
    values: Vec<String>,
}

impl Dict {
    fn code(&mut self, s: Option<&str>) -> Option<u32> {
        let s = s?;
        if let Some(&c) = self.index.get(s) {
            return Some(c);
        }
        let c = u32::try_from(self.values.len()).unwrap_or(u32::MAX);
        self.values.push(s.to_owned());
        self.index.insert(s.into(), c);
        Some(c)
    }
}

/// The fields whose completeness is reported: (field, population) — population 0 persons,
/// 1 cases, 2 execution sentences, 3 camp sentences.
pub(crate) const COMPLETENESS_FIELDS: &[(&str, u8)] = &[
    ("name", 0),
    ("surname", 0),
    ("given_name", 0),
    ("patronymic", 0),
    ("sex", 0),
    ("birth_date", 0),
    ("birth_place", 0),
    ("nationality", 0),
    ("occupation", 0),
    ("residence", 0),
    ("source", 0),
    ("arrest_date", 1),
    ("arrested_by", 1),
    ("charge", 1),
    ("sentencing_body", 1),
    ("sentence_date", 1),
    ("sentence", 1),
    ("execution_date", 2),
    ("execution_place", 2),
    ("camp_id", 3),
    ("rehabilitation_date", 1),
    ("rehabilitated_by", 1),
];

/// A nullable `i32` column while it is filled (values and a validity bitmap: about 4 bytes a
/// row, half of a `Vec<Option<i32>>`).
type Ints = PrimitiveChunkedBuilder<Int32Type>;
/// A nullable dictionary-code column while it is filled.
type Codes = PrimitiveChunkedBuilder<UInt32Type>;

/// The frame's columns while they are filled, one victim at a time ([`FrameBuilder::push`]):
/// polars' own column builders of codes and numbers (what the frame is made of, so finishing
/// copies nothing), which is all the table keeps of a victim, so that the victims can be
/// dropped as they are read.
pub(crate) struct FrameBuilder {
    /// `None` when the ids are not kept ([`FrameBuilder::without_ids`]).
    ids: Option<FxHashSet<u64>>,
    persons: u64,
    /// Case rows pushed.
    rows: usize,
    first_case: BooleanChunkedBuilder,
    has_case: BooleanChunkedBuilder,
    sex: Codes,
    birth_year: Ints,
    birth_place: Codes,
    nationality: Codes,
    occupation: Codes,
    death_year: Ints,
    arrest: (Ints, Ints),
    sentence: (Ints, Ints),
    execution: (Ints, Ints),
    kind: Codes,
    term: PrimitiveChunkedBuilder<Float64Type>,
    body: Codes,
    camp: Codes,
    age: Ints,
    band: Ints,
    rehabilitated: BooleanChunkedBuilder,
    rehab_year: Ints,
    rehab_lag: Ints,
    rehab_by: Codes,
    d_sex: Dict,
    d_place: Dict,
    d_nat: Dict,
    d_occ: Dict,
    d_kind: Dict,
    d_body: Dict,
    d_camp: Dict,
    d_rehab: Dict,
    /// Charge articles: parsed once per distinct charge text, into article codes.
    article_cache: FxHashMap<Box<str>, Vec<u32>>,
    articles: Dict,
    article_rows: Vec<IdxSize>,
    article_col: Vec<u32>,
    missing_charges: u64,
    unrecognised_charges: u64,
    filled: Vec<u64>,
    populations: [u64; 4],
    cases_total: u64,
    dates_present: [u64; 3],
    /// The rows of the victim [`FrameBuilder::push`] adds (kept for their buffers).
    scratch: CaseRows,
}

impl FrameBuilder {
    /// An empty table with room for about `rows` case rows.
    pub(crate) fn with_capacity(rows: usize) -> FrameBuilder {
        let ints = |name: &str| Ints::new(name.into(), rows);
        let codes = |name: &str| Codes::new(name.into(), rows);
        let bools = |name: &str| BooleanChunkedBuilder::new(name.into(), rows);
        FrameBuilder {
            ids: Some(FxHashSet::with_capacity_and_hasher(
                rows,
                rustc_hash::FxBuildHasher,
            )),
            persons: 0,
            rows: 0,
            first_case: bools(cols::FIRST_CASE),
            has_case: bools(cols::HAS_CASE),
            sex: codes(cols::SEX),
            birth_year: ints(cols::BIRTH_YEAR),
            birth_place: codes(cols::BIRTH_PLACE),
            nationality: codes(cols::NATIONALITY),
            occupation: codes(cols::OCCUPATION),
            death_year: ints(cols::DEATH_YEAR),
            arrest: (ints(cols::ARREST_YEAR), ints(cols::ARREST_MONTH)),
            sentence: (ints(cols::SENTENCE_YEAR), ints(cols::SENTENCE_MONTH)),
            execution: (ints(cols::EXECUTION_YEAR), ints(cols::EXECUTION_MONTH)),
            kind: codes(cols::SENTENCE_KIND),
            term: PrimitiveChunkedBuilder::new(cols::SENTENCE_TERM.into(), rows),
            body: codes(cols::SENTENCING_BODY),
            camp: codes(cols::CAMP),
            age: ints(cols::AGE_AT_ARREST),
            band: ints(cols::AGE_BAND),
            rehabilitated: bools(cols::REHABILITATED),
            rehab_year: ints(cols::REHABILITATION_YEAR),
            rehab_lag: ints(cols::REHABILITATION_LAG),
            rehab_by: codes(cols::REHABILITATED_BY),
            d_sex: Dict::default(),
            d_place: Dict::default(),
            d_nat: Dict::default(),
            d_occ: Dict::default(),
            d_kind: Dict::default(),
            d_body: Dict::default(),
            d_camp: Dict::default(),
            d_rehab: Dict::default(),
            article_cache: FxHashMap::default(),
            articles: Dict::default(),
            article_rows: Vec::new(),
            article_col: Vec::new(),
            missing_charges: 0,
            unrecognised_charges: 0,
            filled: vec![0; COMPLETENESS_FIELDS.len()],
            populations: [0; 4],
            cases_total: 0,
            dates_present: [0; 3],
            scratch: CaseRows::default(),
        }
    }

    /// The builder without the victims' ids (only the duplicate rate needs them).
    pub(crate) fn without_ids(self) -> FrameBuilder {
        FrameBuilder { ids: None, ..self }
    }

    /// Victims pushed so far.
    pub(crate) fn persons(&self) -> u64 {
        self.persons
    }

    /// Adds a victim: one row per repression case (one row with empty case columns when it has
    /// none).
    pub(crate) fn push(&mut self, v: &Victim) {
        let mut rows = std::mem::take(&mut self.scratch);
        rows.clear();
        rows.push(v);
        self.append(&rows);
        self.scratch = rows;
    }

    /// Adds the victims of `rows`, in order (as [`FrameBuilder::push`] of each).
    pub(crate) fn append(&mut self, rows: &CaseRows) {
        let mut cases = rows.cases.iter();
        for p in &rows.persons {
            self.persons += 1;
            if let Some(ids) = &mut self.ids {
                ids.insert(p.id);
            }
            let sex_v = self.d_sex.code(p.sex);
            let (by, dy) = (p.birth_year, p.death_year);
            let bp = self.d_place.code(rows.text(p.birth_place));
            let nat = self.d_nat.code(rows.text(p.nationality));
            let occ = self.d_occ.code(rows.text(p.occupation));
            self.populations[0] += 1;
            for k in 0..PERSON_FIELDS {
                self.filled[k] += u64::from(p.filled >> k & 1);
            }
            let real_cases = p.real_cases;
            for (ci, c) in cases.by_ref().take(p.case_rows as usize).enumerate() {
                let row = IdxSize::try_from(self.rows).unwrap_or(IdxSize::MAX);
                self.rows += 1;
                self.first_case.append_value(ci == 0);
                self.has_case.append_value(real_cases);
                self.sex.append_option(sex_v);
                self.birth_year.append_option(by);
                self.birth_place.append_option(bp);
                self.nationality.append_option(nat);
                self.occupation.append_option(occ);
                self.death_year.append_option(dy);
                self.arrest.0.append_option(c.arrest.0);
                self.arrest.1.append_option(c.arrest.1);
                let (sy, sm) = c.sentence;
                self.sentence.0.append_option(sy);
                self.sentence.1.append_option(sm);
                self.execution.0.append_option(c.execution.0);
                self.execution.1.append_option(c.execution.1);
                let k = c.kind;
                self.kind
                    .append_option(self.d_kind.code(k.map(SentenceKind::as_str)));
                self.term.append_option(c.term);
                self.body.append_option(self.d_body.code(rows.text(c.body)));
                self.camp.append_option(self.d_camp.code(rows.text(c.camp)));
                let a = c.age;
                self.age.append_option(a);
                self.band.append_option(a.map(|a| a / 5 * 5));
                self.rehabilitated.append_value(c.rehabilitated);
                let ry = c.rehab_year;
                self.rehab_year.append_option(ry);
                self.rehab_lag.append_option(match (ry, sy) {
                    (Some(r), Some(s)) if r >= s => Some(r - s),
                    _ => None,
                });
                self.rehab_by
                    .append_option(self.d_rehab.code(rows.text(c.rehab_by)));

                if real_cases {
                    self.cases_total += 1;
                    for (d, n) in self.dates_present.iter_mut().enumerate() {
                        *n += u64::from(c.dates >> d & 1);
                    }
                    self.populations[1] += 1;
                    let executed = k == Some(SentenceKind::Execution);
                    let to_camp = k == Some(SentenceKind::Camp);
                    self.populations[2] += u64::from(executed);
                    self.populations[3] += u64::from(to_camp);
                    for k in 0..COMPLETENESS_FIELDS.len() - PERSON_FIELDS {
                        self.filled[PERSON_FIELDS + k] += u64::from(c.filled >> k & 1);
                    }
                    match rows.text(c.charge) {
                        Some(ch) => self.charge(ch, row),
                        None => self.missing_charges += 1,
                    }
                }
            }
        }
    }

    /// The articles of the charge text `ch` of case row `row`.
    fn charge(&mut self, ch: &str, row: IdxSize) {
        if !self.article_cache.contains_key(ch) {
            let codes = normalize_articles(ch)
                .into_iter()
                .filter_map(|a| self.articles.code(Some(&a)))
                .collect();
            self.article_cache.insert(ch.into(), codes);
        }
        let codes = &self.article_cache[ch];
        if codes.is_empty() {
            self.unrecognised_charges += 1;
        }
        for code in codes {
            self.article_rows.push(row);
            self.article_col.push(*code);
        }
    }

    /// The table.
    pub(crate) fn finish(self) -> Result<Frame> {
        let b = self;
        let df = DataFrame::new_infer_height(vec![
            b.first_case.finish().into_column(),
            b.has_case.finish().into_column(),
            b.sex.finish().into_column(),
            b.birth_year.finish().into_column(),
            b.birth_place.finish().into_column(),
            b.nationality.finish().into_column(),
            b.occupation.finish().into_column(),
            b.death_year.finish().into_column(),
            b.arrest.0.finish().into_column(),
            b.arrest.1.finish().into_column(),
            b.sentence.0.finish().into_column(),
            b.sentence.1.finish().into_column(),
            b.execution.0.finish().into_column(),
            b.execution.1.finish().into_column(),
            b.kind.finish().into_column(),
            b.term.finish().into_column(),
            b.body.finish().into_column(),
            b.camp.finish().into_column(),
            b.age.finish().into_column(),
            b.band.finish().into_column(),
            b.rehabilitated.finish().into_column(),
            b.rehab_year.finish().into_column(),
            b.rehab_lag.finish().into_column(),
            b.rehab_by.finish().into_column(),
        ])
        .map_err(perr)?;
        let articles = DataFrame::new_infer_height(vec![
            Column::new(cols::ROW.into(), b.article_rows),
            Column::new(cols::CHARGE_ARTICLE.into(), b.article_col),
        ])
        .map_err(perr)?;
        let filled = b.filled;
        let populations = b.populations;
        let completeness = COMPLETENESS_FIELDS
            .iter()
            .zip(&filled)
            .map(|((field, pop), n)| {
                let total = populations[usize::from(*pop)];
                Completeness {
                    field: (*field).to_owned(),
                    of: match pop {
                        0 => "persons",
                        1 => "cases",
                        2 => "execution sentences",
                        _ => "camp sentences",
                    }
                    .to_owned(),
                    filled: *n,
                    total,
                    share: if total == 0 {
                        0.0
                    } else {
                        *n as f64 / total as f64
                    },
                }
            })
            .collect();
        let dicts = [
            (cols::SEX, b.d_sex),
            (cols::BIRTH_PLACE, b.d_place),
            (cols::NATIONALITY, b.d_nat),
            (cols::OCCUPATION, b.d_occ),
            (cols::SENTENCE_KIND, b.d_kind),
            (cols::SENTENCING_BODY, b.d_body),
            (cols::CAMP, b.d_camp),
            (cols::REHABILITATED_BY, b.d_rehab),
            (cols::CHARGE_ARTICLE, b.articles),
        ]
        .into_iter()
        .map(|(c, d)| (c, d.values))
        .collect();
        Ok(Frame {
            df,
            articles,
            dicts,
            ids: b.ids,
            persons: b.persons,
            cases: b.cases_total,
            unrecognised_charges: b.unrecognised_charges,
            missing_charges: b.missing_charges,
            dates_present: b.dates_present,
            completeness,
        })
    }
}

impl Frame {
    /// Builds the table in one pass over the victims.
    pub(crate) fn build(victims: &[&Victim], progress: &dyn Progress) -> Result<Frame> {
        let n_cases: usize = victims.iter().map(|v| v.cases.len().max(1)).sum();
        progress.stage("computing statistics", Some(victims.len() as u64));
        let mut b = FrameBuilder::with_capacity(n_cases);
        for (i, v) in victims.iter().enumerate() {
            if i % 65_536 == 0 && i > 0 {
                progress.advance(65_536);
            }
            b.push(v);
        }
        progress.advance(victims.len() as u64 % 65_536);
        b.finish()
    }

    /// Counts units grouped by the given frame columns: persons (one row per person), cases
    /// (rows of real cases), or charges (cases exploded into one row per charge article, where
    /// the `charge_article` column is available). `require` filters rows first. Groups come
    /// back in no particular order.
    pub(crate) fn count_by(
        &self,
        keys: &[&str],
        unit: Level,
        require: &[(&str, Require)],
    ) -> Result<Vec<(Vec<Key>, u64)>> {
        let mut lf = match unit {
            Level::Person => self.df.clone().lazy().filter(col(cols::FIRST_CASE)),
            Level::Case => self.df.clone().lazy().filter(col(cols::HAS_CASE)),
            Level::Charge => self.exploded(keys, require)?.lazy(),
        };
        for (c, r) in require {
            lf = lf.filter(match r {
                Require::NotNull => col(*c).is_not_null(),
                Require::IsTrue => col(*c),
            });
        }
        let exprs: Vec<Expr> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| col(*k).alias(format!("k{i}")))
            .collect();
        let out = lf
            .group_by(exprs)
            .agg([len().alias("n")])
            .collect()
            .map_err(perr)?;
        let n = out.column("n").map_err(perr)?.idx().map_err(perr)?;
        let mut key_cols: Vec<Vec<Key>> = Vec::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let c = out.column(&format!("k{i}")).map_err(perr)?;
            let values: Vec<Key> = match c.dtype() {
                DataType::Int32 => c
                    .i32()
                    .map_err(perr)?
                    .iter()
                    .map(|v| v.map_or(Key::Null, |v| Key::Int(i64::from(v))))
                    .collect(),
                DataType::Float64 => c
                    .f64()
                    .map_err(perr)?
                    .iter()
                    .map(|v| v.map_or(Key::Null, |v| Key::Float(v.to_bits())))
                    .collect(),
                DataType::Boolean => c
                    .bool()
                    .map_err(perr)?
                    .iter()
                    .map(|v| v.map_or(Key::Null, Key::Bool))
                    .collect(),
                DataType::UInt32 => {
                    let dict = self.dicts.get(key).map_or(&[][..], Vec::as_slice);
                    c.u32()
                        .map_err(perr)?
                        .iter()
                        .map(|v| {
                            v.and_then(|v| dict.get(usize::try_from(v).ok()?))
                                .map_or(Key::Null, |t| Key::Text(t.clone()))
                        })
                        .collect()
                }
                other => {
                    return Err(Error::stats(format!("unexpected column type {other}")));
                }
            };
            key_cols.push(values);
        }
        Ok(n.iter()
            .enumerate()
            .map(|(row, count)| {
                let key = key_cols.iter().map(|c| c[row].clone()).collect();
                (key, u64::from(count.unwrap_or(0)))
            })
            .collect())
    }

    /// Whether a victim with this id is in the table (never, when the table has no ids).
    pub(crate) fn has_id(&self, id: &str) -> bool {
        self.ids
            .as_ref()
            .is_some_and(|ids| ids.contains(&fnv1a(id)))
    }

    /// Whether the table keeps the victims' ids.
    pub(crate) fn has_ids(&self) -> bool {
        self.ids.is_some()
    }

    /// The hashes of the victims' ids, the rest of the table dropped.
    pub(crate) fn into_ids(self) -> Option<FxHashSet<u64>> {
        self.ids
    }

    /// The case rows repeated once per charge article, with a `charge_article` column. Only the
    /// columns a query needs are repeated (the frame has two dozen).
    fn exploded(&self, keys: &[&str], require: &[(&str, Require)]) -> Result<DataFrame> {
        let art = self
            .articles
            .column(cols::CHARGE_ARTICLE)
            .map_err(perr)?
            .clone();
        let mut needed: Vec<&str> = Vec::new();
        for c in keys.iter().chain(require.iter().map(|(c, _)| c)) {
            if *c != cols::CHARGE_ARTICLE && !needed.contains(c) {
                needed.push(c);
            }
        }
        if needed.is_empty() {
            return DataFrame::new_infer_height(vec![art]).map_err(perr);
        }
        let rows = self
            .articles
            .column(cols::ROW)
            .map_err(perr)?
            .idx()
            .map_err(perr)?;
        let mut df = self
            .df
            .select(needed.iter().copied())
            .map_err(perr)?
            .take(rows)
            .map_err(perr)?;
        df.with_column(art).map_err(perr)?;
        Ok(df)
    }
}

/// A filter on a frame column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Require {
    /// The value is present.
    NotNull,
    /// The (boolean) value is true.
    IsTrue,
}
