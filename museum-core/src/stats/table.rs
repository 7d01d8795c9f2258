//! The case table: the victims as one polars frame, and the queries on it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::columns::{
    GroupRow, GroupTable, Level, Map, StatColumn, column, column_names, is_numeric, to_value,
};
use super::frame::{Frame, FrameBuilder, Key, Require, cols};
use super::rows::CaseRows;
use super::summary::{
    AgeBand, AgePyramid, ArchiveStats, Count, Distribution, DuplicateStats, LagCount, MonthCount,
    Rehabilitation, StatsOptions, TermCount, Timeline, YearCount,
};
use crate::error::{Error, Result};
use crate::model::Victim;
use crate::model::vocab::UserVocab;
use crate::progress::Progress;

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
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`), tried before the built-in
    /// tables where a column maps text to kinds.
    vocab: Option<Arc<UserVocab>>,
}

impl std::fmt::Debug for CaseTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseTable")
            .field("persons", &self.frame.persons)
            .field("cases", &self.frame.cases)
            .finish_non_exhaustive()
    }
}

/// A [`CaseTable`] built one victim at a time, while the victims are read: the table keeps
/// only its columns (codes and numbers) of each victim, so a caller can drop every victim once
/// pushed. The table is the same as [`CaseTable::build`] of the same victims in the same order.
///
/// ```
/// use museum_core::stats::{CaseTable, CaseTableBuilder, StatsOptions};
/// use museum_core::io::{CsvOptions, ReadItem, RecordReader};
/// let csv = "id,surname,arrest_date,sentence\nv1,Жургенов,1937-08-02,ВМН\nv2,Майлин,1937-10-08,ВМН\n";
/// let mut builder = CaseTableBuilder::default();
/// for item in RecordReader::<museum_core::Victim>::from_csv_reader(csv.as_bytes(), "v.csv", &CsvOptions::default()) {
///     if let ReadItem::Record(v, _) = item {
///         builder.push(&v.record); // and `v` is dropped here
///     }
/// }
/// let table = builder.finish().unwrap();
/// assert_eq!(table.persons(), 2);
/// assert_eq!(table.summary(&StatsOptions::default(), None).unwrap().arrests.by_year[0].count, 2);
/// ```
pub struct CaseTableBuilder {
    frame: FrameBuilder,
}

impl Default for CaseTableBuilder {
    fn default() -> Self {
        CaseTableBuilder::with_capacity(0)
    }
}

impl std::fmt::Debug for CaseTableBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseTableBuilder")
            .field("persons", &self.frame.persons())
            .finish_non_exhaustive()
    }
}

impl CaseTableBuilder {
    /// An empty table with room for about `cases` case rows (a victim without a case is one
    /// row).
    pub fn with_capacity(cases: usize) -> CaseTableBuilder {
        CaseTableBuilder {
            frame: FrameBuilder::with_capacity(cases),
        }
    }

    /// Adds a victim (a row per repression case).
    pub fn push(&mut self, victim: &Victim) {
        self.frame.push(victim);
    }

    /// Adds the victims of `rows`, in order: the same table as [`CaseTableBuilder::push`] of
    /// each (what the table reads of a victim can be taken where it is read, and the victim
    /// dropped there: [`CaseRows::of`]).
    pub fn append(&mut self, rows: &CaseRows) {
        self.frame.append(rows);
    }

    /// The table without the victims' ids (a hash of each: 8 bytes a victim and its share of
    /// the hash table), which only the duplicate rate needs: its [`CaseTable::summary`] then
    /// refuses clusters.
    #[must_use]
    pub fn without_ids(self) -> CaseTableBuilder {
        CaseTableBuilder {
            frame: self.frame.without_ids(),
        }
    }

    /// Victims pushed so far.
    pub fn persons(&self) -> u64 {
        self.frame.persons()
    }

    /// The table of the victims pushed.
    ///
    /// # Errors
    /// When polars fails (it should not on any input).
    pub fn finish(self) -> Result<CaseTable> {
        Ok(CaseTable {
            frame: self.frame.finish()?,
            vocab: None,
        })
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
            vocab: None,
        })
    }

    /// The table with a project's own vocabulary (`[vocab.sentencing_body]` in `museum.toml`,
    /// [`ValidateOptions::vocab`](crate::validate::ValidateOptions::vocab)): its mappings count
    /// in the kinds the statistics group by (`sentencing_body_kind`), before the built-in table.
    ///
    /// ```
    /// use museum_core::model::vocab::{BodyKind, UserVocab};
    /// use museum_core::stats::{CaseTable, Value};
    /// use museum_core::io::{CsvOptions, ReadItem, RecordReader};
    /// use museum_core::Victim;
    /// let csv = "id,surname,sentencing_body\nv1,Жургенов,Комиссия Кузьмина\n";
    /// let victims: Vec<Victim> = RecordReader::<Victim>::from_csv_reader(csv.as_bytes(), "v.csv", &CsvOptions::default())
    ///     .filter_map(|i| match i { ReadItem::Record(v, _) => Some(v.record), _ => None })
    ///     .collect();
    /// let table = CaseTable::build(&victims, &()).unwrap();
    /// let kind = |t: &CaseTable| t.group_count(&["sentencing_body_kind"]).unwrap().rows[0].values[0].clone();
    /// assert_eq!(kind(&table), Value::Text("unrecognised".into()));
    /// let mut vocab = UserVocab::default();
    /// vocab.sentencing_body.insert("Комиссия *", BodyKind::Troika).unwrap();
    /// let table = table.with_vocab(Some(vocab.into()));
    /// assert_eq!(kind(&table), Value::Text("troika".into()));
    /// ```
    #[must_use]
    pub fn with_vocab(self, vocab: Option<Arc<UserVocab>>) -> CaseTable {
        CaseTable { vocab, ..self }
    }

    /// Victim records in the table.
    pub fn persons(&self) -> u64 {
        self.frame.persons
    }

    /// Repression cases in the table.
    pub fn cases(&self) -> u64 {
        self.frame.cases
    }

    /// The summary of the main distributions. `clusters` are deduplication results: the
    /// record ids of each cluster (ids that are not victims of the table are not counted); without them the duplicate rate is `None`
    /// ("deduplication not run").
    ///
    /// # Errors
    /// When polars fails, or with clusters on a table built
    /// [`without_ids`](CaseTableBuilder::without_ids).
    pub fn summary(
        &self,
        options: &StatsOptions,
        clusters: Option<&[&[String]]>,
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

        let duplicates = match clusters {
            Some(_) if !self.frame.has_ids() => {
                return Err(Error::stats(
                    "the duplicate rate needs the victims' ids: the table was built without them",
                ));
            }
            Some(c) => Some(self.duplicates(c)),
            None => None,
        };
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

    /// Counts grouped by the named [`COLUMNS`](super::COLUMNS) (`["arrest_year", "sentence_kind"]`). Person
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
        // Each distinct text is normalized once, on the workers: a long tail of birth places
        // is most of a summary's time otherwise.
        let maps = |i: usize, t: &str| specs[i].map != Map::None || t.trim() != t;
        let distinct: Vec<(usize, &str)> = raw
            .iter()
            .flat_map(|(keys, _)| keys.iter().enumerate())
            .filter_map(|(i, k)| match k {
                Key::Text(t) if maps(i, t) => Some((i, t.as_str())),
                _ => None,
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let vocab = self.vocab.as_deref();
        let normalize =
            |&(i, t): &(usize, &str)| specs[i].map.text(t, vocab).map_or(Key::Null, Key::Text);
        let normalized: Vec<Key> = crate::pool::install(|| {
            use rayon::prelude::*;
            distinct.par_iter().map(normalize).collect()
        })
        .unwrap_or_else(|_| distinct.iter().map(normalize).collect());
        let cache: HashMap<(usize, &str), Key> = distinct.into_iter().zip(normalized).collect();
        let mut merged: HashMap<Vec<Key>, u64> = HashMap::with_capacity(raw.len());
        for (keys, n) in &raw {
            let keys: Vec<Key> = keys
                .iter()
                .enumerate()
                .map(|(i, k)| match k {
                    Key::Text(t) if maps(i, t) => cache[&(i, t.as_str())].clone(),
                    other => other.clone(),
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

    fn duplicates(&self, clusters: &[&[String]]) -> DuplicateStats {
        duplicate_stats(self.frame.persons, |id| self.frame.has_id(id), clusters)
    }

    /// The victims' ids of the table (for the duplicate rate, [`VictimIds::duplicates`]), the
    /// table itself dropped: a report summarizes the table before deduplicating and so never
    /// holds the table and matching's records at once. `None` for a table built
    /// [`without_ids`](CaseTableBuilder::without_ids).
    pub(crate) fn into_ids(self) -> Option<VictimIds> {
        let persons = self.frame.persons;
        self.frame.into_ids().map(|ids| VictimIds { ids, persons })
    }
}

/// The victims' ids of a [`CaseTable`] (a hash of each) without the table: what the duplicate
/// rate needs once the rest of the summary is made ([`CaseTable::into_ids`]).
pub(crate) struct VictimIds {
    ids: crate::hash::FxHashSet<u64>,
    persons: u64,
}

impl VictimIds {
    /// The duplicate rate of `clusters` (the record ids of each; as [`CaseTable::summary`]
    /// with them).
    pub(crate) fn duplicates(&self, clusters: &[&[String]]) -> DuplicateStats {
        let has = |id: &str| self.ids.contains(&crate::hash::fnv1a(id));
        duplicate_stats(self.persons, has, clusters)
    }
}

/// The duplicate rate of `clusters` among `records` victims, of whom `has` tells the ids: only
/// the victims of the table count; a record listed twice counts once.
fn duplicate_stats(
    records: u64,
    has: impl Fn(&str) -> bool,
    clusters: &[&[String]],
) -> DuplicateStats {
    let members = clusters.iter().map(|c| {
        c.iter()
            .map(String::as_str)
            .filter(|r| has(r))
            .collect::<HashSet<&str>>()
    });
    let (mut n_clusters, mut in_clusters, mut merged_away) = (0u64, 0u64, 0u64);
    for m in members.filter(|m| m.len() >= 2) {
        n_clusters += 1;
        in_clusters += m.len() as u64;
        merged_away += m.len() as u64 - 1;
    }
    let persons = records.saturating_sub(merged_away);
    DuplicateStats {
        records,
        clusters: n_clusters,
        records_in_clusters: in_clusters,
        persons,
        rate: ratio(records - persons, records),
    }
}

/// Computes the summary of victims in one call (build the table, then [`CaseTable::summary`]).
///
/// # Errors
/// When polars fails.
pub fn summarize<'a, I>(
    victims: I,
    options: &StatsOptions,
    clusters: Option<&[&[String]]>,
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

#[cfg(test)]
mod tests {
    //! Statistics of `tests/fixtures/stats/victims.csv` against values computed by hand (the
    //! reasoning for each number is in the comments).

    use super::*;
    use crate::io::{CsvOptions, read_file};
    use crate::stats::Value;

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
        let cluster = |ids: &[&str]| ids.iter().map(|&r| r.to_owned()).collect::<Vec<String>>();
        let clusters = [
            cluster(&["v01", "v03"]),
            cluster(&["v02"]),
            cluster(&["v04", "v05", "v06", "nope"]),
            cluster(&["nope"]),
        ];
        let clusters: Vec<&[String]> = clusters.iter().map(Vec::as_slice).collect();
        let s = table()
            .summary(&StatsOptions::default(), Some(&clusters))
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
