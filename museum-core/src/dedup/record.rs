//! [`DedupRecord`]: what matching needs of a victim or a figure, with where it came from.

use std::sync::Arc;

use serde::Serialize;

use crate::io::{DatasetKind, Located};
use crate::model::{Figure, HistoricalDate, PersonName, SentenceKind, SexValue, Victim};

/// A date as a span of days (uncertain archival dates are ranges), with the text it was read
/// from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateSpan {
    /// The date as written.
    pub text: String,
    /// The first day it may denote (days since 1970-01-01).
    pub earliest: i32,
    /// The last day it may denote (days since 1970-01-01).
    pub latest: i32,
}

/// Spans wider than this many days say too little to compare (open intervals, centuries).
const MAX_SPAN_DAYS: i32 = 366 * 12;

impl DateSpan {
    /// The span of a historical date; `None` when unknown or too vague to compare.
    ///
    /// ```
    /// use museum_core::HistoricalDate;
    /// use museum_core::dedup::DateSpan;
    /// let d = DateSpan::from_date(&HistoricalDate::parse("1937").unwrap()).unwrap();
    /// assert_eq!(d.latest - d.earliest, 364);
    /// assert!(DateSpan::from_date(&HistoricalDate::parse("../1938").unwrap()).is_none());
    /// ```
    pub fn from_date(date: &HistoricalDate) -> Option<DateSpan> {
        let lo = date.earliest()?.days_since_epoch();
        let hi = date.latest()?.days_since_epoch();
        let (lo, hi) = (i32::try_from(lo).ok()?, i32::try_from(hi).ok()?);
        if hi < lo || hi - lo > MAX_SPAN_DAYS {
            return None;
        }
        Some(DateSpan {
            text: date.original().to_owned(),
            earliest: lo,
            latest: hi,
        })
    }

    /// Days between the two spans (0 when they overlap).
    pub fn gap_days(&self, other: &DateSpan) -> i32 {
        (self.earliest.max(other.earliest) - self.latest.min(other.latest)).max(0)
    }

    /// The width of the span in days (0 for a known day).
    pub fn width_days(&self) -> i32 {
        self.latest - self.earliest
    }

    /// The calendar year of the middle of the span.
    pub fn mid_year(&self) -> i32 {
        let mid = i64::from(self.earliest) + i64::from(self.width_days()) / 2;
        crate::model::date::Day::new(1970, 1, 1).map_or(1970, |epoch| epoch.add_days(mid).year)
    }

    /// The year when the span lies within one calendar year.
    pub fn year(&self) -> Option<i32> {
        let epoch = crate::model::date::Day::new(1970, 1, 1)?;
        let a = epoch.add_days(i64::from(self.earliest)).year;
        let b = epoch.add_days(i64::from(self.latest)).year;
        (a == b).then_some(a)
    }
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// What the record is.
    pub kind: DatasetKind,
    /// The file, as given.
    pub file: Option<Arc<str>>,
    /// The 1-based line where the record starts.
    pub line: Option<u64>,
}

/// The facts of one repression case that matching compares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseFacts {
    /// Arrest date.
    pub arrest: Option<DateSpan>,
    /// Sentence date.
    pub sentence_date: Option<DateSpan>,
    /// Sentence kind and term in years.
    pub sentence: Option<(SentenceKind, Option<f32>)>,
    /// Execution date.
    pub execution: Option<DateSpan>,
}

impl CaseFacts {
    /// Whether nothing is known of the case.
    pub fn is_empty(&self) -> bool {
        self.arrest.is_none()
            && self.sentence_date.is_none()
            && self.sentence.is_none()
            && self.execution.is_none()
    }

    fn of(c: &crate::model::RepressionCase) -> CaseFacts {
        let span = |d: &Option<HistoricalDate>| d.as_ref().and_then(DateSpan::from_date);
        CaseFacts {
            arrest: span(&c.arrest_date),
            sentence_date: span(&c.sentence_date),
            sentence: c
                .sentence
                .as_ref()
                .filter(|s| s.kind != SentenceKind::Unrecognised)
                .map(|s| (s.kind, s.term_years)),
            execution: span(&c.execution_date),
        }
    }
}

/// What matching needs of one record: names (all spellings the record gives), identity facts
/// and its repression cases.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupRecord {
    /// The record's id (`vic-000123`, `fig-bukeikhanov`), or `file:line` when it has none.
    pub id: String,
    /// Where it came from.
    pub origin: Origin,
    /// Names: the main name first, then other spellings.
    pub names: Vec<PersonName>,
    /// Sex.
    pub sex: Option<SexValue>,
    /// Birth date.
    pub birth: Option<DateSpan>,
    /// Birth place as written.
    pub birth_place: Option<String>,
    /// Nationality as written.
    pub nationality: Option<String>,
    /// Repression cases (a person arrested twice has two); compared as sets, by their
    /// best-agreeing pair.
    pub cases: Vec<CaseFacts>,
    /// Death date (an execution date is in its case).
    pub death: Option<DateSpan>,
    /// Ids of records the data itself says are the same person (`figures.victim_id`,
    /// `victims.figure_id`).
    pub same_as: Vec<String>,
}

impl DedupRecord {
    /// The main name.
    pub fn name(&self) -> Option<&PersonName> {
        self.names.first()
    }

    /// The main name as written (empty when unknown).
    pub fn display_name(&self) -> &str {
        self.names.first().map_or("", |n| n.original.as_str())
    }

    /// A victim record.
    pub fn from_victim(v: &Located<Victim>, file: Option<Arc<str>>) -> DedupRecord {
        let r = &v.record;
        let id = record_id(&r.id, file.as_deref(), v.location.line);
        let mut names = Vec::with_capacity(1 + r.name_variants.len());
        if !r.name.is_empty() {
            names.push(r.name.clone());
        }
        for variant in &r.name_variants {
            push_variant(&mut names, variant);
        }
        let span = |d: &Option<HistoricalDate>| d.as_ref().and_then(DateSpan::from_date);
        // Collected through a filter, a Vec keeps room for four: a million records held through
        // matching would carry that room, so the cases are sized to fit.
        let mut cases: Vec<CaseFacts> = r
            .cases
            .iter()
            .map(CaseFacts::of)
            .filter(|c| !c.is_empty())
            .collect();
        cases.shrink_to_fit();
        DedupRecord {
            id,
            origin: Origin {
                kind: DatasetKind::Victims,
                file,
                line: v.location.line,
            },
            names,
            sex: r
                .sex
                .as_ref()
                .map(|s| s.value)
                .filter(|s| *s != SexValue::Unrecognised),
            birth: span(&r.birth_date),
            birth_place: non_empty(r.birth_place.as_deref()),
            nationality: non_empty(r.nationality.as_deref()),
            cases,
            death: span(&r.death_date),
            same_as: r.figure_id.iter().cloned().collect(),
        }
    }

    /// A portrait-gallery figure: its Kazakh, Russian and English names and every variant are
    /// its names.
    pub fn from_figure(f: &Located<Figure>, file: Option<Arc<str>>) -> DedupRecord {
        let r = &f.record;
        let mut names = Vec::new();
        for n in [&r.name_kk, &r.name_ru, &r.name_en] {
            if !n.is_empty() && !names.iter().any(|m: &PersonName| m.original == n.original) {
                names.push(n.clone());
            }
        }
        for variant in r.name_variants.iter().chain(r.museum_name.iter()) {
            push_variant(&mut names, variant);
        }
        let span = |d: &Option<HistoricalDate>| d.as_ref().and_then(DateSpan::from_date);
        DedupRecord {
            id: record_id(&r.id, file.as_deref(), f.location.line),
            origin: Origin {
                kind: DatasetKind::Figures,
                file,
                line: f.location.line,
            },
            names,
            sex: r
                .sex
                .as_ref()
                .map(|s| s.value)
                .filter(|s| *s != SexValue::Unrecognised),
            birth: span(&r.birth_date),
            birth_place: non_empty(r.birth_place.as_deref()),
            nationality: None,
            cases: Vec::new(),
            death: span(&r.death_date),
            same_as: r.victim_id.iter().cloned().collect(),
        }
    }
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn record_id(id: &str, file: Option<&str>, line: Option<u64>) -> String {
    if id.trim().is_empty() {
        format!(
            "{}:{}",
            file.unwrap_or("-"),
            line.map_or_else(|| "?".to_owned(), |l| l.to_string())
        )
    } else {
        id.trim().to_owned()
    }
}

/// Adds a variant spelling unless it is already there. A variant of one word is taken as a
/// surname.
fn push_variant(names: &mut Vec<PersonName>, text: &str) {
    let t = text.trim();
    if t.is_empty() || names.iter().any(|n| n.original == t) {
        return;
    }
    names.push(PersonName::parse(t));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        let a = DateSpan::from_date(&HistoricalDate::parse("1937-11-10").unwrap()).unwrap();
        let b = DateSpan::from_date(&HistoricalDate::parse("1937").unwrap()).unwrap();
        assert_eq!(a.width_days(), 0);
        assert_eq!(a.gap_days(&b), 0);
        assert_eq!(a.year(), Some(1937));
        assert_eq!(b.mid_year(), 1937);
        let c = DateSpan::from_date(&HistoricalDate::parse("1939-01-01").unwrap()).unwrap();
        assert_eq!(c.gap_days(&b), 366);
    }
}
