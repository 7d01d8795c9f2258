//! What the case table reads of each victim, as plain values ([`CaseRows`]): made where the
//! victims are read (on the worker that built them, which then drops them at once) and appended
//! to the table's columns in file order ([`super::frame::FrameBuilder::append`]). No polars type
//! here, and no allocation per victim: the texts the table codes go into one buffer per batch.

use std::sync::Arc;

use crate::hash::fnv1a;
use crate::io::Located;
use crate::model::{DateValue, HistoricalDate, RepressionCase, SentenceKind, SexValue, Victim};

/// Year and month of a date that is a single point (not an interval): intervals and unknown
/// dates are "imprecise" for timelines.
pub(super) fn point_ym(d: Option<&HistoricalDate>) -> (Option<i32>, Option<i32>) {
    match d.map(HistoricalDate::value) {
        Some(DateValue::Point(p)) => (Some(p.year), p.month.map(i32::from)),
        _ => (None, None),
    }
}

/// Age in whole years at `event` for someone born at `birth`: exact when both are known to the
/// day, corrected by the month when both months are known, else the difference of the years.
/// `None` outside 0–110 (implausible ages are validation findings, not statistics).
pub(super) fn age_at(
    birth: Option<&HistoricalDate>,
    event: Option<&HistoricalDate>,
) -> Option<i32> {
    let point = |d: Option<&HistoricalDate>| match d.map(HistoricalDate::value) {
        Some(DateValue::Point(p)) => Some(*p),
        _ => None,
    };
    let (b, e) = (point(birth)?, point(event)?);
    let mut age = e.year - b.year;
    if let (Some(bm), Some(em)) = (b.month, e.month) {
        let before_birthday =
            em < bm || (em == bm && matches!((e.day, b.day), (Some(ed), Some(bd)) if ed < bd));
        if before_birthday {
            age -= 1;
        }
    }
    (0..=110).contains(&age).then_some(age)
}

/// A text trimmed, `None` when blank: what the table counts as filled and codes.
pub(super) fn text(s: Option<&String>) -> Option<&str> {
    s.map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// A run of victims read from one file: the file, and how many.
pub type FileRun = (Option<Arc<str>>, u64);

/// A text of [`CaseRows::texts`]: start and end.
pub(super) type Span = (u32, u32);

/// What the table reads of one victim (the columns repeated on each of its case rows).
#[derive(Debug, Clone)]
pub(super) struct PersonRow {
    /// FNV-1a of the id as written.
    pub(super) id: u64,
    pub(super) sex: Option<&'static str>,
    pub(super) birth_year: Option<i32>,
    pub(super) death_year: Option<i32>,
    pub(super) birth_place: Option<Span>,
    pub(super) nationality: Option<Span>,
    pub(super) occupation: Option<Span>,
    /// Whether each of the person fields of [`super::frame::COMPLETENESS_FIELDS`] is filled
    /// (bit `k` for field `k`).
    pub(super) filled: u32,
    /// Whether the victim has cases (else one case row with empty case columns).
    pub(super) real_cases: bool,
    /// Its case rows in [`CaseRows::cases`] (at least one).
    pub(super) case_rows: u32,
}

/// What the table reads of one case.
#[derive(Debug, Clone)]
pub(super) struct CaseRow {
    pub(super) arrest: (Option<i32>, Option<i32>),
    pub(super) sentence: (Option<i32>, Option<i32>),
    pub(super) execution: (Option<i32>, Option<i32>),
    pub(super) kind: Option<SentenceKind>,
    pub(super) term: Option<f64>,
    pub(super) body: Option<Span>,
    pub(super) camp: Option<Span>,
    pub(super) age: Option<i32>,
    pub(super) rehabilitated: bool,
    pub(super) rehab_year: Option<i32>,
    pub(super) rehab_by: Option<Span>,
    pub(super) charge: Option<Span>,
    /// Whether each of the case fields of [`super::frame::COMPLETENESS_FIELDS`] is filled (bit
    /// `k` for the `k`-th case field).
    pub(super) filled: u32,
    /// Whether the arrest, sentence and execution dates are present (bits 0, 1, 2).
    pub(super) dates: u8,
}

/// The person fields of the completeness report, in the order of
/// [`super::frame::COMPLETENESS_FIELDS`].
pub(super) const PERSON_FIELDS: usize = 11;

/// What the case table reads of a batch of victims, in order: their person rows, their case
/// rows, the texts both point into, and how many came from each file.
#[derive(Debug, Clone, Default)]
pub struct CaseRows {
    pub(super) persons: Vec<PersonRow>,
    pub(super) cases: Vec<CaseRow>,
    pub(super) texts: String,
    /// Victims read, in runs of the same file.
    files: Vec<FileRun>,
}

impl CaseRows {
    /// What the table reads of `victims` (which are then dropped where this runs).
    pub fn of(victims: Vec<Located<Victim>>) -> CaseRows {
        let mut rows = CaseRows {
            persons: Vec::with_capacity(victims.len()),
            cases: Vec::with_capacity(victims.len() + victims.len() / 8),
            texts: String::with_capacity(victims.len() * 64),
            files: Vec::new(),
        };
        for v in &victims {
            rows.push_located(v);
        }
        // Freed here, on the thread that built them.
        drop(victims);
        rows
    }

    /// Victims read, in runs of the same file (for the report's count per file).
    pub fn files(&self) -> &[FileRun] {
        &self.files
    }

    /// The number of victims.
    pub fn len(&self) -> usize {
        self.persons.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    pub(super) fn clear(&mut self) {
        self.persons.clear();
        self.cases.clear();
        self.texts.clear();
        self.files.clear();
    }

    /// The text of `span`.
    pub(super) fn text(&self, span: Option<Span>) -> Option<&str> {
        span.map(|(a, b)| &self.texts[a as usize..b as usize])
    }

    fn keep(&mut self, s: Option<&str>) -> Option<Span> {
        let s = s?;
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = at(self.texts.len());
        self.texts.push_str(s);
        Some((start, at(self.texts.len())))
    }

    fn push_located(&mut self, v: &Located<Victim>) {
        match self.files.last_mut() {
            Some((f, n)) if *f == v.location.file => *n += 1,
            _ => self.files.push((v.location.file.clone(), 1)),
        }
        self.push(&v.record);
    }

    /// Adds a victim: its person row and a row per repression case (one row with empty case
    /// columns when it has none).
    pub(super) fn push(&mut self, v: &Victim) {
        let sex = v.sex.as_ref().map(|s| match s.value {
            SexValue::Male => "male",
            SexValue::Female => "female",
            SexValue::Unrecognised => "unrecognised",
        });
        let (birth_year, _) = point_ym(v.birth_date.as_ref());
        let (death_year, _) = point_ym(v.death_date.as_ref());
        let birth_place = self.keep(text(v.birth_place.as_ref()));
        let nationality = self.keep(text(v.nationality.as_ref()));
        let occupation = self.keep(text(v.occupation.as_ref()));
        let person_fields: [bool; PERSON_FIELDS] = [
            !v.name.is_empty(),
            v.name.surname.is_some(),
            v.name.given.is_some(),
            v.name.patronymic.is_some(),
            v.sex.is_some(),
            v.birth_date.is_some(),
            birth_place.is_some(),
            nationality.is_some(),
            occupation.is_some(),
            text(v.residence.as_ref()).is_some(),
            !v.source_ids.is_empty() || text(v.source_text.as_ref()).is_some(),
        ];
        let empty = RepressionCase::default();
        let cases: &[RepressionCase] = if v.cases.is_empty() {
            std::slice::from_ref(&empty)
        } else {
            &v.cases
        };
        let real_cases = !v.cases.is_empty();
        self.persons.push(PersonRow {
            id: fnv1a(&v.id),
            sex,
            birth_year,
            death_year,
            birth_place,
            nationality,
            occupation,
            filled: bits(&person_fields),
            real_cases,
            case_rows: u32::try_from(cases.len()).unwrap_or(u32::MAX),
        });
        for c in cases {
            let kind = c.sentence.as_ref().map(|s| s.kind);
            let rb = text(c.rehabilitated_by.as_ref());
            let executed = kind == Some(SentenceKind::Execution);
            let to_camp = kind == Some(SentenceKind::Camp);
            let case_fields = [
                c.arrest_date.is_some(),
                text(c.arrested_by.as_ref()).is_some(),
                text(c.charge.as_ref()).is_some(),
                text(c.sentencing_body.as_ref()).is_some(),
                c.sentence_date.is_some(),
                c.sentence.is_some(),
                executed && c.execution_date.is_some(),
                executed && text(c.execution_place.as_ref()).is_some(),
                to_camp && text(c.camp_id.as_ref()).is_some(),
                c.rehabilitation_date.is_some(),
                rb.is_some(),
            ];
            let dates = [
                c.arrest_date.is_some(),
                c.sentence_date.is_some(),
                c.execution_date.is_some(),
            ];
            let row = CaseRow {
                arrest: point_ym(c.arrest_date.as_ref()),
                sentence: point_ym(c.sentence_date.as_ref()),
                execution: point_ym(c.execution_date.as_ref()),
                kind,
                term: c
                    .sentence
                    .as_ref()
                    .and_then(|s| s.term_years)
                    .map(f64::from)
                    .filter(|t| t.is_finite() && *t >= 0.0),
                body: self.keep(text(c.sentencing_body.as_ref())),
                camp: self.keep(text(c.camp_id.as_ref())),
                age: age_at(v.birth_date.as_ref(), c.arrest_date.as_ref()),
                rehabilitated: c.rehabilitation_date.is_some() || rb.is_some(),
                rehab_year: point_ym(c.rehabilitation_date.as_ref()).0,
                rehab_by: self.keep(rb),
                charge: self.keep(text(c.charge.as_ref())),
                filled: bits(&case_fields),
                dates: u8::try_from(bits(&dates)).unwrap_or(0),
            };
            self.cases.push(row);
        }
    }
}

/// Bit `k` set for each `flags[k]` that is true.
fn bits(flags: &[bool]) -> u32 {
    flags
        .iter()
        .enumerate()
        .fold(0, |acc, (k, &f)| acc | (u32::from(f) << k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> HistoricalDate {
        HistoricalDate::parse(s).unwrap()
    }

    #[test]
    fn ages() {
        assert_eq!(age_at(Some(&d("1898")), Some(&d("1937-08-02"))), Some(39));
        assert_eq!(
            age_at(Some(&d("1898-11")), Some(&d("1937-08-02"))),
            Some(38)
        );
        assert_eq!(
            age_at(Some(&d("1898-08-03")), Some(&d("1937-08-02"))),
            Some(38)
        );
        assert_eq!(
            age_at(Some(&d("1898-08-02")), Some(&d("1937-08-02"))),
            Some(39)
        );
        assert_eq!(age_at(Some(&d("1940")), Some(&d("1937"))), None);
        assert_eq!(age_at(None, Some(&d("1937"))), None);
        assert_eq!(age_at(Some(&d("1890/1895")), Some(&d("1937"))), None);
    }
}
