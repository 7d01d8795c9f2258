//! What the victim rules read: a borrowed view of a victim ([`VictimView`]), over a row as read
//! ([`VictimRow`]: its texts and the typed values the rules that are on need, computed once) or
//! over a record built whole (JSON, a kept record, a victim merged from case rows).
//!
//! Validation does not build a record per row: a victim row's values stay texts, a date is
//! parsed only when a rule that is on reads dates ([`Needs`], declared by each rule), and the
//! name is never parsed (the rules only ask whether there is one). A row is built into a record
//! only when a following row continues it (a second case), or when it ends a block (the
//! collector merges victims across blocks).

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Location};
use crate::io::columns::victims as c;
use crate::io::{Located, MULTI_SEPARATOR, Row};
use crate::model::{HistoricalDate, PersonName, RepressionCase, Sentence, SentenceKind, Victim};

/// The typed values a rule reads beyond the texts of a row (declared per rule as
/// [`RecordRule::NEEDS`](super::rules::RecordRule::NEEDS)): a row computes those of the rules
/// that are on, once, before the rules run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Needs {
    /// The dates, parsed (their findings M201/M202 made as they are parsed).
    pub(crate) dates: bool,
    /// The sentence's kind (its finding M204 made as it is read).
    pub(crate) sentence: bool,
    /// The sex, read for its finding (M203) only.
    pub(crate) sex: bool,
}

impl Needs {
    /// Nothing beyond the texts.
    pub(crate) const NONE: Needs = Needs {
        dates: false,
        sentence: false,
        sex: false,
    };
    /// The dates.
    pub(crate) const DATES: Needs = Needs {
        dates: true,
        ..Needs::NONE
    };
    /// The dates and the sentence's kind (the chronology).
    pub(crate) const DATES_AND_SENTENCE: Needs = Needs {
        dates: true,
        sentence: true,
        sex: false,
    };
    /// The sentence's kind.
    pub(crate) const SENTENCE: Needs = Needs {
        sentence: true,
        ..Needs::NONE
    };
    /// The sex.
    pub(crate) const SEX: Needs = Needs {
        sex: true,
        ..Needs::NONE
    };

    /// Both needs.
    pub(crate) const fn or(self, other: Needs) -> Needs {
        Needs {
            dates: self.dates || other.dates,
            sentence: self.sentence || other.sentence,
            sex: self.sex || other.sex,
        }
    }
}

/// A victim's source ids: a record's list, or a row's `|`-separated text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SourceIds<'a> {
    /// As a record holds them (trimmed, none empty).
    List(&'a [String]),
    /// The text of a row's `source_ids` (not blank), when it has one.
    Text(Option<&'a str>),
}

impl<'a> SourceIds<'a> {
    /// The ids, trimmed, in order; empty items left out.
    pub(crate) fn iter(self) -> impl Iterator<Item = &'a str> {
        let (list, text) = match self {
            SourceIds::List(l) => (l, None),
            SourceIds::Text(t) => (&[][..], t),
        };
        list.iter()
            .map(String::as_str)
            .chain(text.into_iter().flat_map(|t| t.split(MULTI_SEPARATOR)))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// Calls `f` with each id (see [`SourceIds::iter`]); a text of one id (the common case) is
    /// not split.
    pub(crate) fn each(self, mut f: impl FnMut(&'a str)) {
        match self {
            SourceIds::Text(Some(t)) if !t.as_bytes().contains(&(MULTI_SEPARATOR as u8)) => {
                f(crate::io::trim(t));
            }
            ids => ids.iter().for_each(f),
        }
    }

    /// Whether there is no id.
    pub(crate) fn is_empty(self) -> bool {
        match self {
            SourceIds::List(l) => l.is_empty(),
            // A text is not blank: it has an id unless it is only separators and spaces.
            SourceIds::Text(None) => true,
            SourceIds::Text(Some(t)) => {
                t.as_bytes().contains(&(MULTI_SEPARATOR as u8)) && self.iter().next().is_none()
            }
        }
    }
}

/// One repression case of a victim, as the rules read it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct CaseView<'a> {
    pub(crate) arrest_date: Option<&'a HistoricalDate>,
    pub(crate) sentence_date: Option<&'a HistoricalDate>,
    pub(crate) execution_date: Option<&'a HistoricalDate>,
    pub(crate) camp_arrival_date: Option<&'a HistoricalDate>,
    pub(crate) release_date: Option<&'a HistoricalDate>,
    pub(crate) rehabilitation_date: Option<&'a HistoricalDate>,
    /// The charge as written (not blank).
    pub(crate) charge: Option<&'a str>,
    /// The sentencing body as written (not blank).
    pub(crate) sentencing_body: Option<&'a str>,
    /// The camp's id as written (not blank).
    pub(crate) camp_id: Option<&'a str>,
    /// The kind of the sentence.
    pub(crate) sentence: Option<SentenceKind>,
}

/// A victim as the rules read it. Texts are as written and never blank; a date is there only
/// when a rule that is on reads dates (see [`Needs`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct VictimView<'a> {
    /// Where the victim's (first) row is.
    pub(crate) location: &'a Location,
    /// The id as written (empty when missing).
    pub(crate) id: &'a str,
    /// Whether the victim has a name.
    pub(crate) has_name: bool,
    pub(crate) birth_date: Option<&'a HistoricalDate>,
    pub(crate) death_date: Option<&'a HistoricalDate>,
    pub(crate) figure_id: Option<&'a str>,
    pub(crate) source_ids: SourceIds<'a>,
    pub(crate) source_text: Option<&'a str>,
    /// The cases, in order (none when the victim has no case value).
    pub(crate) cases: &'a [CaseView<'a>],
}

impl VictimView<'_> {
    /// Runs `f` on the view of a record built whole.
    pub(crate) fn of_record<R>(rec: &Located<Victim>, f: impl FnOnce(&VictimView<'_>) -> R) -> R {
        let v = &rec.record;
        fn case(k: &crate::model::RepressionCase) -> CaseView<'_> {
            CaseView {
                arrest_date: k.arrest_date.as_ref(),
                sentence_date: k.sentence_date.as_ref(),
                execution_date: k.execution_date.as_ref(),
                camp_arrival_date: k.camp_arrival_date.as_ref(),
                release_date: k.release_date.as_ref(),
                rehabilitation_date: k.rehabilitation_date.as_ref(),
                charge: k.charge.as_deref(),
                sentencing_body: k.sentencing_body.as_deref(),
                camp_id: k.camp_id.as_deref(),
                sentence: k.sentence.as_ref().map(|s| s.kind),
            }
        }
        let one;
        let many: Vec<CaseView<'_>>;
        let cases: &[CaseView<'_>] = match v.cases.as_slice() {
            [] => &[],
            [k] => {
                one = case(k);
                std::slice::from_ref(&one)
            }
            ks => {
                many = ks.iter().map(case).collect();
                &many
            }
        };
        f(&VictimView {
            location: &rec.location,
            id: &v.id,
            has_name: !v.name.is_empty(),
            birth_date: v.birth_date.as_ref(),
            death_date: v.death_date.as_ref(),
            figure_id: v.figure_id.as_deref(),
            source_ids: SourceIds::List(&v.source_ids),
            source_text: v.source_text.as_deref(),
            cases,
        })
    }
}

/// The dates of a victim row, by their place in [`DATE_COLUMNS`].
const DATES: usize = 8;

/// The date columns of a victim row, in the order the reader reports them: the case's six,
/// then birth and death.
const DATE_COLUMNS: [usize; DATES] = [
    c::ARREST_DATE,
    c::SENTENCE_DATE,
    c::EXECUTION_DATE,
    c::CAMP_ARRIVAL_DATE,
    c::RELEASE_DATE,
    c::REHABILITATION_DATE,
    c::BIRTH_DATE,
    c::DEATH_DATE,
];

/// The texts of a victim row the rules read, by their place in [`VictimRow::spans`] (the name,
/// at [`NAME`], is the first name column that has a value).
const TEXTS: [usize; 7] = [
    c::ID,
    c::CHARGE,
    c::SENTENCING_BODY,
    c::CAMP_ID,
    c::FIGURE_ID,
    c::SOURCE_IDS,
    c::SOURCE_TEXT,
];
const ID: usize = 0;
const CHARGE: usize = 1;
const SENTENCING_BODY: usize = 2;
const CAMP_ID: usize = 3;
const FIGURE_ID: usize = 4;
const SOURCE_IDS: usize = 5;
const SOURCE_TEXT: usize = 6;
const NAME: usize = 7;

/// One victim row as validation reads it: the texts the rules read (copied once, so that the
/// row outlives the parser's buffers until the next row tells whether it continues this one)
/// and the typed values the rules that are on need. Refilled row after row: no allocation once
/// the buffers have grown.
#[derive(Debug, Default)]
pub(crate) struct VictimRow {
    /// Where the row is.
    pub(crate) location: Location,
    /// The texts of [`TEXTS`] and the name, back to back.
    text: String,
    /// Each text's place in `text`; `None` when absent or blank.
    spans: [Option<Range<u32>>; TEXTS.len() + 1],
    /// The case number (`case`), when valid.
    seq: Option<u32>,
    /// Whether one of the case's dates has a value.
    case_dated: bool,
    /// Each date of [`DATE_COLUMNS`], when read.
    dates: [Option<HistoricalDate>; DATES],
    /// The sentence's kind, when read.
    sentence: Option<SentenceKind>,
}

impl VictimRow {
    /// Text `k` of [`VictimRow::spans`].
    fn text(&self, k: usize) -> Option<&str> {
        let span = self.spans[k].clone()?;
        self.text.get(span.start as usize..span.end as usize)
    }

    /// Reads `row` (the texts the rules read, the typed values of `needs`), reporting what it
    /// cannot read to `out` as the record's reader does (the same findings, in the same order).
    pub(crate) fn fill(&mut self, row: &Row<'_>, needs: Needs, out: &mut Vec<Diagnostic>) {
        self.text.clear();
        let name = [c::FULL_NAME, c::SURNAME, c::GIVEN_NAME, c::PATRONYMIC]
            .into_iter()
            .find_map(|col| row.text(col))
            .map(crate::io::trim);
        for (k, text) in TEXTS
            .iter()
            .map(|&col| row.text(col))
            .chain([name])
            .enumerate()
        {
            self.spans[k] = text.map(|t| {
                let start = self.text.len();
                self.text.push_str(t);
                span_of(start, self.text.len())
            });
        }
        self.seq = row.case_seq(c::CASE, out);
        self.case_dated = DATE_COLUMNS[..6].iter().any(|&col| row.text(col).is_some());
        let date = |k: usize, dates: &mut [Option<HistoricalDate>; DATES], out: &mut _| {
            if needs.dates {
                row.date_into(DATE_COLUMNS[k], &mut dates[k], out);
            } else {
                dates[k] = None;
            }
        };
        // The reader's order: the case's dates and sentence, the id, the sex, the person's dates.
        date(0, &mut self.dates, out);
        date(1, &mut self.dates, out);
        self.sentence = if needs.sentence {
            row.sentence_with(c::SENTENCE, out, false).map(|s| s.kind)
        } else {
            None
        };
        for k in 2..6 {
            date(k, &mut self.dates, out);
        }
        if self.spans[ID].is_none() {
            let mut id = String::new();
            row.required_into(c::ID, &mut id, out);
        }
        if needs.sex {
            row.sex_with(c::SEX, out, false);
        }
        date(6, &mut self.dates, out);
        date(7, &mut self.dates, out);
    }

    /// Whether the row continues the victim of the row before (a `case` number from 2).
    pub(crate) fn continues(&self) -> bool {
        self.seq.unwrap_or(1) >= 2
    }

    /// The id as written (empty when missing).
    pub(crate) fn id(&self) -> &str {
        self.text(ID).unwrap_or("")
    }

    /// Whether the row's case holds anything (as the record's case would: its number, a date, a
    /// charge, a body, a camp or a sentence). A sentence is known only when read: the rules
    /// that number a victim's cases ("(case 2)") need it.
    fn has_case(&self) -> bool {
        self.seq.is_some()
            || self.case_dated
            || [CHARGE, SENTENCING_BODY, CAMP_ID]
                .iter()
                .any(|&k| self.spans[k].is_some())
            || self.sentence.is_some()
    }

    /// Runs `f` on the view of the row.
    pub(crate) fn view<R>(&self, f: impl FnOnce(&VictimView<'_>) -> R) -> R {
        let d = |k: usize| self.dates[k].as_ref();
        let case = CaseView {
            arrest_date: d(0),
            sentence_date: d(1),
            execution_date: d(2),
            camp_arrival_date: d(3),
            release_date: d(4),
            rehabilitation_date: d(5),
            charge: self.text(CHARGE),
            sentencing_body: self.text(SENTENCING_BODY),
            camp_id: self.text(CAMP_ID),
            sentence: self.sentence,
        };
        let cases = if self.has_case() {
            std::slice::from_ref(&case)
        } else {
            &[]
        };
        f(&VictimView {
            location: &self.location,
            id: self.id(),
            has_name: self.spans[NAME].is_some(),
            birth_date: d(6),
            death_date: d(7),
            figure_id: self.text(FIGURE_ID),
            source_ids: SourceIds::Text(self.text(SOURCE_IDS)),
            source_text: self.text(SOURCE_TEXT),
            cases,
        })
    }

    /// The row as a record, for a victim whose cases span rows (merged with
    /// [`Record::absorb`](crate::io::Record::absorb)): what the view reads, and nothing else
    /// (its findings were made when the row was read).
    pub(crate) fn to_record(&self) -> Located<Victim> {
        let owned = |k: usize| self.text(k).map(str::to_owned);
        let case = RepressionCase {
            seq: self.seq,
            arrest_date: self.dates[0].clone(),
            sentence_date: self.dates[1].clone(),
            execution_date: self.dates[2].clone(),
            camp_arrival_date: self.dates[3].clone(),
            release_date: self.dates[4].clone(),
            rehabilitation_date: self.dates[5].clone(),
            charge: owned(CHARGE),
            sentencing_body: owned(SENTENCING_BODY),
            camp_id: owned(CAMP_ID),
            sentence: self.sentence.map(|kind| Sentence {
                kind,
                term_years: None,
                original: String::new(),
            }),
            ..RepressionCase::default()
        };
        let record = Victim {
            id: self.id().to_owned(),
            name: PersonName {
                original: owned(NAME).unwrap_or_default(),
                ..PersonName::default()
            },
            name_variants: Vec::new(),
            sex: None,
            birth_date: self.dates[6].clone(),
            birth_place: None,
            nationality: None,
            occupation: None,
            residence: None,
            cases: if self.has_case() {
                vec![case]
            } else {
                Vec::new()
            },
            death_date: self.dates[7].clone(),
            death_place: None,
            figure_id: owned(FIGURE_ID),
            source_ids: SourceIds::Text(self.text(SOURCE_IDS))
                .iter()
                .map(str::to_owned)
                .collect(),
            source_text: owned(SOURCE_TEXT),
            notes: None,
            claims: Vec::new(),
            extra: crate::model::entity::Extra::new(),
        };
        Located {
            record,
            location: self.location.clone(),
        }
    }
}

/// A span of the row's text (a row's text is far below 4 GiB: fields are limited in size).
fn span_of(start: usize, end: usize) -> Range<u32> {
    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    at(start)..at(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Record;
    use crate::io::columns::victims::COLUMNS;

    /// What the rules can read of a view, to compare two views.
    fn read(v: &VictimView<'_>) -> String {
        format!(
            "{:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            v.id,
            v.has_name,
            v.birth_date,
            v.death_date,
            v.figure_id,
            {
                let mut ids = Vec::new();
                v.source_ids.each(|id| ids.push(id));
                assert_eq!(ids, v.source_ids.iter().collect::<Vec<_>>());
                assert_eq!(ids.is_empty(), v.source_ids.is_empty());
                ids
            },
            v.source_text,
            v.cases,
            v.location,
        )
    }

    /// A victim row read as the rules read it gives the view (and the findings) of the record
    /// the reader builds of it, whatever the row holds, when refilled after other rows too.
    #[test]
    fn the_row_view_is_the_view_of_the_record() {
        let rows: [&[(usize, &str)]; 9] = [
            &[
                (c::ID, "v1"),
                (c::CASE, "1"),
                (c::SURNAME, "Ахметов"),
                (c::SEX, "м"),
                (c::BIRTH_DATE, "1890"),
                (c::ARREST_DATE, "1937-10-16"),
                (c::CHARGE, "58-10"),
                (c::SENTENCING_BODY, "Тройка УНКВД"),
                (c::SENTENCE, "ВМН"),
                (c::EXECUTION_DATE, "1937-11-10"),
                (c::CAMP_ID, "camp-karlag"),
                (c::RELEASE_DATE, "1947"),
                (c::DEATH_DATE, "1937-11-10"),
                (c::FIGURE_ID, " f1 "),
                (c::SOURCE_IDS, "src-1| src-2 ||"),
                (c::SOURCE_TEXT, "АПРК ф. 141"),
            ],
            // A bad date, a date letter, no case, one source.
            &[
                (c::ID, "v2"),
                (c::FULL_NAME, "Сейфуллина Н."),
                (c::SEX, "ж"),
                (c::BIRTH_DATE, "19З7"),
                (c::REHABILITATION_DATE, "1989-02-30"),
                (c::SOURCE_IDS, "src-3"),
            ],
            // Only an id and a case number, an unknown sex.
            &[(c::ID, "v3"), (c::CASE, "2"), (c::SEX, "мж")],
            // No id, an unreadable case number, blank name parts.
            &[
                (c::CASE, "x"),
                (c::GIVEN_NAME, "  "),
                (c::PATRONYMIC, "Омарович"),
                (c::ARREST_DATE, "1937"),
                (c::CHARGE, "58 п. 10"),
                (c::SENTENCE, "10 лет ИТЛ"),
                (c::CAMP_ARRIVAL_DATE, "ноябрь 1938"),
            ],
            // A sentence as its only case value, unknown and a placeholder.
            &[(c::ID, "v5"), (c::SENTENCE, "?")],
            &[
                (c::ID, "v6"),
                (c::SENTENCE, "сослан навечно"),
                (c::SEX, "неизв."),
            ],
            // Nothing but blanks.
            &[(c::ID, " "), (c::SURNAME, "\u{a0}"), (c::SOURCE_TEXT, "  ")],
            // Source ids that are only separators; one with spaces around it.
            &[(c::ID, "v8"), (c::SOURCE_IDS, " | |"), (c::FIGURE_ID, "f2")],
            &[(c::ID, "v9 "), (c::SOURCE_IDS, " src-1 "), (c::CASE, "3")],
        ];
        let all = Needs::DATES_AND_SENTENCE.or(Needs::SEX);
        let mut spare: Option<VictimRow> = None;
        for (n, fields) in rows.iter().enumerate() {
            let mut values = vec![None; COLUMNS.len()];
            for &(col, text) in *fields {
                values[col] = Some(text);
            }
            let row = Row {
                values,
                extra: Vec::new(),
                location: Location {
                    line: Some(n as u64 + 2),
                    record: Some(n as u64),
                    ..Location::default()
                },
                columns: COLUMNS,
                vocab: None,
            };
            let mut record_out = Vec::new();
            let record = Located {
                record: Victim::from_row_lean(&row, &mut record_out),
                location: row.location.clone(),
            };
            let mut out = Vec::new();
            let mut r = spare.take().unwrap_or_default();
            r.fill(&row, all, &mut out);
            r.location = row.location.clone();
            assert_eq!(out, record_out, "row {n}");
            let expected = VictimView::of_record(&record, read);
            assert_eq!(r.view(read), expected, "row {n}");
            // As a record (to merge with the rows of further cases), the same again.
            let merged = r.to_record();
            assert_eq!(VictimView::of_record(&merged, read), expected, "row {n}");
            assert_eq!(merged.record.continues(), record.record.continues());
            assert_eq!(r.continues(), record.record.continues(), "row {n}");
            assert_eq!(r.id(), record.record.id, "row {n}");
            spare = Some(r);
        }
    }
}
