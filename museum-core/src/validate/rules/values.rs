//! Values: dates that cannot be read or do not exist, dates outside the plausible years of their
//! field, and values outside their vocabularies. Most are found by the readers while building a
//! record ([`crate::io::Row`]); [`DateOutOfRange`] is checked here.

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::io::Located;
use crate::model::{Camp, Estimate, Event, Figure, Source, Victim};
use crate::model::{Day, HistoricalDate};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A date field whose text is not a date in any known spelling. Accepted: EDTF
    /// (`1937-11-10`, `1937-11`, `1937`, `1937?`, `1937~`, `1930/1933`, `../1938`) and the
    /// archival spellings the date parser knows (`10.11.1937`, `ноябрь 1937`, `c. 1937`). When
    /// the text has a letter where a digit belongs (Cyrillic `З` for `3`, `О` for `0`), the
    /// hint says so.
    ///
    /// ## Why it matters
    /// The date is kept as written but takes part in no chronology check, statistic or search.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date
    /// v1,Майлин,19З7
    /// ```
    /// `victims.csv:2:arrest_date: error[M201] `arrest_date`: not a recognisable date: `19З7``
    UnparseableDate => UnparseableDate
}

rule! {
    /// ## What it checks
    /// A date that looks like a date but names a day that does not exist: 31 February, month
    /// 13, day 0, a year outside 1000–2999, or an interval that ends before it starts.
    ///
    /// ## Why it matters
    /// A typing or transcription error. The true date cannot be guessed: check the source.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date
    /// v1,Майлин,1894-02-30
    /// ```
    /// `victims.csv:2:birth_date: error[M202] `birth_date`: day 30 does not exist in 1894-02`
    ImpossibleDate => ImpossibleDate
}

rule! {
    /// ## What it checks
    /// A `sex` value that is none of the known spellings: `м`, `муж.`, `мужской`, `ер`, `M`,
    /// `male` for men; `ж`, `жен.`, `женский`, `әйел`, `F`, `female` for women.
    ///
    /// ## Why it matters
    /// Counts by sex silently miss the record, and a typo may hide a mix-up of columns.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sex
    /// v1,Майлин,мж
    /// ```
    /// `victims.csv:2:sex: warning[M203] sex value is not in the vocabulary: `мж``
    UnknownSex => UnknownSex
}

rule! {
    /// ## What it checks
    /// A `sentence` that cannot be mapped to a kind of punishment: execution (`ВМН`,
    /// `расстрел`, `ату жазасы`), camp (`10 лет ИТЛ`), prison, exile, banishment, deportation,
    /// forced labour, acquittal or release.
    ///
    /// ## Why it matters
    /// The record is left out of counts by sentence, and the execution-date checks cannot run.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentence
    /// v1,Майлин,к.р.
    /// ```
    /// `victims.csv:2:sentence: warning[M204] sentence cannot be mapped to a kind: `к.р.``
    UnknownSentence => UnknownSentence
}

rule! {
    /// ## What it checks
    /// A number field (`latitude`, `longitude`, an estimate's `value`, `low`, `high`, a victim's
    /// `case`) whose text is not a number. Spaces as thousands separators and a decimal comma
    /// are accepted.
    ///
    /// ## Why it matters
    /// The number is lost from maps and sums.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,latitude,longitude,source_ids
    /// camp-1,Карлаг,Karlag,itl,49°40′,72.68,src-1
    /// ```
    /// `camps.csv:2:latitude: error[M205] `latitude` is not a number: `49°40′``
    InvalidNumber => InvalidNumber
}

rule! {
    /// ## What it checks
    /// A value outside a closed vocabulary: a source `kind` other than publication, archive,
    /// web, museum, database or synthetic; a boolean other than true/false, yes/no, 1/0,
    /// да/нет, иә/жоқ.
    ///
    /// ## Why it matters
    /// The value is replaced by a default when read, which changes its meaning.
    ///
    /// ## Example
    /// ```csv
    /// id,kind,title
    /// src-1,книга,Книга памяти
    /// ```
    /// `sources.csv:2:kind: error[M206] `kind` is not a known source kind: `книга``
    InvalidValue => InvalidValue
}

rule! {
    /// ## What it checks
    /// A required field that is empty: a figure's names, a camp's official name and type, a
    /// source's kind and title, any record's `id` when the file has an `id` column.
    ///
    /// ## Why it matters
    /// Records without ids cannot be referenced or deduplicated; records without names cannot
    /// be shown.
    ///
    /// ## Example
    /// ```csv
    /// id,kind,title
    /// ,web,Karlag
    /// ```
    /// `sources.csv:2:id: error[M207] `id` is empty`
    MissingValue => MissingValue
}

rule! {
    /// ## What it checks
    /// A date outside the plausible years of its field, or in the future:
    ///
    /// | field | plausible |
    /// |---|---|
    /// | victim and figure birth | 1800–1975 (Zheltoksan 1986 defendants were born in the 1960s) |
    /// | arrest, sentence | 1900–1991 |
    /// | execution, camp arrival, release | 1917–1991 |
    /// | death | 1800–today |
    /// | rehabilitation | 1939–today |
    /// | camp opened/closed | 1900–today |
    /// | event start/end, estimate date | 1700–today |
    /// | source published / accessed | 1500–today / 1990–today |
    ///
    /// A date certainly outside is an error; an uncertain date that only may be outside
    /// (`1899?` for an arrest) is a warning.
    ///
    /// ## Why it matters
    /// A wrong century or a swapped digit (`1837` for `1937`) reads as a valid date and would
    /// distort every chronology and statistic.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date
    /// v1,Майлин,1837-10-16
    /// ```
    /// `victims.csv:2:arrest_date: error[M216] `arrest_date` is before 1900, the earliest
    /// plausible year: `1837-10-16``
    DateOutOfRange => DateOutOfRange, checks records
}

/// The plausible years of a date field; `None` as the end means today.
pub(crate) type Window = (i32, Option<i32>);

/// Checks that `date` lies in `window` (M216).
pub(crate) fn check_range(
    date: Option<&HistoricalDate>,
    field: &str,
    window: Window,
    loc: &Location,
    sink: &mut Sink<'_>,
) {
    let Some(date) = date else { return };
    if !sink.on(Code::DateOutOfRange) {
        return;
    }
    let finite = |d: Option<Day>| d.filter(|d| (1000..=2999).contains(&d.year));
    let (lo, hi) = (finite(date.earliest()), finite(date.latest()));
    if lo.is_none() && hi.is_none() {
        return;
    }
    let (min_year, max_year) = window;
    let min = Day {
        year: min_year,
        month: 1,
        day: 1,
    };
    let max = max_year.map_or(sink.cx.today, |y| Day {
        year: y,
        month: 12,
        day: 31,
    });
    // (error?, before the window?)
    let verdict = if hi.is_some_and(|h| h < min) {
        (Severity::Error, true)
    } else if lo.is_some_and(|l| l > max) {
        (Severity::Error, false)
    } else if lo.is_some_and(|l| l < min) {
        (Severity::Warning, true)
    } else if hi.is_some_and(|h| h > max) {
        (Severity::Warning, false)
    } else {
        return;
    };
    let (severity, before) = verdict;
    let bound = if before {
        format!("before {min_year}, the earliest plausible year")
    } else {
        match max_year {
            Some(y) => format!("after {y}, the latest plausible year"),
            None => "in the future".to_owned(),
        }
    };
    let verb = if severity == Severity::Error {
        "is"
    } else {
        "may be"
    };
    let message = format!("`{field}` {verb} {bound}");
    sink.push_with(
        Diagnostic::new(Code::DateOutOfRange, message, loc.with_field(field))
            .with_value(date.original())
            .with_help("check the year in the source (a wrong century or a swapped digit?)"),
        severity,
    );
}

const TODAY: Option<i32> = None;
// Zheltoksan (December 1986) defendants were born as late as the early 1970s.
const BIRTH: Window = (1800, Some(1975));
const DEATH: Window = (1800, TODAY);
const ARREST: Window = (1900, Some(1991));
const SOVIET: Window = (1917, Some(1991));
const REHABILITATION: Window = (1939, TODAY);
const HISTORY: Window = (1700, TODAY);
const CAMP_PERIOD: Window = (1900, TODAY);

impl RecordRule for DateOutOfRange {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (v, loc) = (&rec.record, &rec.location);
        check_range(v.birth_date.as_ref(), "birth_date", BIRTH, loc, sink);
        check_range(v.death_date.as_ref(), "death_date", DEATH, loc, sink);
        for c in &v.cases {
            check_range(c.arrest_date.as_ref(), "arrest_date", ARREST, loc, sink);
            check_range(c.sentence_date.as_ref(), "sentence_date", ARREST, loc, sink);
            let execution = c.execution_date.as_ref();
            check_range(execution, "execution_date", SOVIET, loc, sink);
            let arrival = c.camp_arrival_date.as_ref();
            check_range(arrival, "camp_arrival_date", SOVIET, loc, sink);
            check_range(c.release_date.as_ref(), "release_date", SOVIET, loc, sink);
            let rehabilitation = c.rehabilitation_date.as_ref();
            check_range(
                rehabilitation,
                "rehabilitation_date",
                REHABILITATION,
                loc,
                sink,
            );
        }
    }

    fn figure(rec: &Located<Figure>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (f, loc) = (&rec.record, &rec.location);
        check_range(f.birth_date.as_ref(), "birth_date", BIRTH, loc, sink);
        check_range(f.death_date.as_ref(), "death_date", DEATH, loc, sink);
    }

    fn event(rec: &Located<Event>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.start_date.as_ref(), "start_date", HISTORY, loc, sink);
        check_range(e.end_date.as_ref(), "end_date", HISTORY, loc, sink);
    }

    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (c, loc) = (&rec.record, &rec.location);
        check_range(c.opened.as_ref(), "opened", CAMP_PERIOD, loc, sink);
        check_range(c.closed.as_ref(), "closed", CAMP_PERIOD, loc, sink);
    }

    fn source(rec: &Located<Source>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (s, loc) = (&rec.record, &rec.location);
        check_range(s.published.as_ref(), "published", (1500, TODAY), loc, sink);
        check_range(s.accessed.as_ref(), "accessed", (1990, TODAY), loc, sink);
    }

    fn estimate(rec: &Located<Estimate>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.as_of.as_ref(), "as_of", HISTORY, loc, sink);
    }
}
