//! The [`Record`] trait (how an entity is read from and written to a flat row) and [`Row`].

use std::cell::RefCell;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::columns::{self, Column};
use super::{DatasetKind, MULTI_SEPARATOR};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::entity::Extra;
use crate::model::{
    Camp, Claim, Coordinates, Estimate, Event, Figure, HistoricalDate, PersonName, Place,
    RepressionCase, Sentence, SentenceKind, Sex, SexValue, Source, SourceKind, Victim,
};

/// Whether `s` is empty or only whitespace; decided by the first byte in the common case (a
/// byte that is neither ASCII whitespace nor the lead byte of a Unicode space).
fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_whitespace() || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) => {
            s.trim().is_empty()
        }
        Some(_) => false,
    }
}

/// A flat row of one record: the values of the kind's canonical columns (by index into
/// [`DatasetKind::columns`]), the unknown columns, and where the row is.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    /// Values by canonical column index; `None` when the column is absent from the input.
    pub values: Vec<Option<&'a str>>,
    /// Unknown columns: original header → value (empty values are kept too).
    pub extra: Vec<(&'a str, &'a str)>,
    /// Where the row starts (file, line, record).
    pub location: Location,
    /// The columns of the kind.
    pub columns: &'static [Column],
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`), tried before the built-in
    /// tables.
    pub vocab: Option<&'a crate::model::vocab::UserVocab>,
}

impl<'a> Row<'a> {
    /// The value of column `col` when present and not blank (whitespace is kept as written).
    pub fn text(&self, col: usize) -> Option<&'a str> {
        self.values
            .get(col)
            .copied()
            .flatten()
            .filter(|s| !is_blank(s))
    }

    /// The value as an owned string (see [`Row::text`]).
    pub fn string(&self, col: usize) -> Option<String> {
        self.text(col).map(str::to_owned)
    }

    /// The value, or an empty string.
    pub fn required(&self, col: usize, out: &mut Vec<Diagnostic>) -> String {
        match self.text(col) {
            Some(s) => s.to_owned(),
            None => {
                let name = self.columns[col].name;
                out.push(
                    Diagnostic::new(
                        Code::MissingValue,
                        format!("`{name}` is empty"),
                        self.loc(col),
                    )
                    .with_help(format!("every record needs a value in `{name}`")),
                );
                String::new()
            }
        }
    }

    /// The location of column `col` of this row.
    pub fn loc(&self, col: usize) -> Location {
        self.location.with_field(self.columns[col].name)
    }

    /// A `|`-separated list; items are trimmed and empty items dropped.
    pub fn list(&self, col: usize) -> Vec<String> {
        self.text(col)
            .map(|s| {
                s.split(MULTI_SEPARATOR)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A date. Unparseable or impossible text is kept as an unknown date with its original text,
    /// and reported.
    pub fn date(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<HistoricalDate> {
        let text = self.text(col)?;
        match HistoricalDate::parse(text) {
            Ok(d) => Some(d),
            Err(e) => {
                let name = self.columns[col].name;
                let (code, help) = if e.is_impossible() {
                    (
                        Code::ImpossibleDate,
                        "check the source; do not guess a correction".to_owned(),
                    )
                } else if let Some(fixed) = digit_lookalikes(text) {
                    (
                        Code::UnparseableDate,
                        format!("a letter stands where a digit belongs; did you mean `{fixed}`?"),
                    )
                } else {
                    (
                        Code::UnparseableDate,
                        "write dates as `1937-11-10`, `10.11.1937`, `ноябрь 1937`, `1937`, `1937?`, `c. 1937` or `1930/1933`".to_owned(),
                    )
                };
                out.push(
                    Diagnostic::new(code, format!("`{name}`: {e}"), self.loc(col))
                        .with_value(text)
                        .with_help(help),
                );
                Some(HistoricalDate::unknown(text))
            }
        }
    }

    /// A sex value; unknown spellings are kept and reported.
    pub fn sex(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<Sex> {
        self.sex_with(col, out, true)
    }

    /// [`Row::sex`]; without `keep_text` the original text is not copied (validation only).
    pub(crate) fn sex_with(
        &self,
        col: usize,
        out: &mut Vec<Diagnostic>,
        keep_text: bool,
    ) -> Option<Sex> {
        let text = self.text(col)?;
        let user = self.vocab.and_then(|u| u.sex.get(text));
        let value = match user {
            Some(v) => v,
            None => memo(&SEXES, text, |t| Sex::parse(t).map(|s| s.value))?,
        };
        // A placeholder (`неизв.`, `?`) is read as missing: reported once per column (M217).
        if value == SexValue::Unrecognised && !crate::model::vocab::is_placeholder(text) {
            out.push(
                Diagnostic::new(
                    Code::UnknownSex,
                    "sex value is not in the vocabulary",
                    self.loc(col),
                )
                .with_value(text.trim())
                .with_help("use м/муж./ер/M for male, ж/жен./әйел/F for female"),
            );
        }
        Some(Sex {
            value,
            original: if keep_text {
                text.trim().to_owned()
            } else {
                String::new()
            },
        })
    }

    /// A sentence; unknown spellings are kept and reported.
    pub fn sentence(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<Sentence> {
        self.sentence_with(col, out, true)
    }

    /// [`Row::sentence`]; without `keep_text` the original text is not copied.
    pub(crate) fn sentence_with(
        &self,
        col: usize,
        out: &mut Vec<Diagnostic>,
        keep_text: bool,
    ) -> Option<Sentence> {
        let text = self.text(col)?;
        let user = self
            .vocab
            .filter(|u| u.sentence.get(text).is_some())
            .and_then(|u| Sentence::parse_with(text, Some(u)));
        let (kind, term_years) = match user {
            Some(s) => (s.kind, s.term_years),
            None => memo(&SENTENCES, text, |t| {
                Sentence::parse(t).map(|s| (s.kind, s.term_years))
            })?,
        };
        if kind == SentenceKind::Unrecognised {
            out.push(
                Diagnostic::new(Code::UnknownSentence, "sentence cannot be mapped to a kind", self.loc(col))
                    .with_value(text.trim())
                    .with_help("known forms: ВМН, расстрел, ату жазасы, 10 лет ИТЛ, ссылка, высылка, депортация, оправдан"),
            );
        }
        Some(Sentence {
            kind,
            term_years,
            original: if keep_text {
                text.trim().to_owned()
            } else {
                String::new()
            },
        })
    }

    /// A decimal number (`1 500 000`, `1,5` and `1.5` accepted); bad text is reported.
    pub fn number(&self, col: usize, out: &mut Vec<Diagnostic>) -> Option<f64> {
        let text = self.text(col)?;
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
            .collect();
        let cleaned = if cleaned.contains('.') {
            cleaned.replace(',', "")
        } else {
            cleaned.replace(',', ".")
        };
        match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::InvalidNumber,
                        format!("`{}` is not a number", self.columns[col].name),
                        self.loc(col),
                    )
                    .with_value(text),
                );
                None
            }
        }
    }

    /// A boolean (`true/false`, `yes/no`, `1/0`, `да/нет`, `иә/жоқ`); bad text is reported.
    pub fn boolean(&self, col: usize, out: &mut Vec<Diagnostic>) -> bool {
        let Some(text) = self.text(col) else {
            return false;
        };
        match text.trim().to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "да" | "иә" | "x" => true,
            "false" | "no" | "n" | "0" | "нет" | "жоқ" => false,
            _ => {
                out.push(
                    Diagnostic::new(
                        Code::InvalidValue,
                        format!("`{}` is not true or false", self.columns[col].name),
                        self.loc(col),
                    )
                    .with_value(text),
                );
                false
            }
        }
    }

    /// The unknown columns as an [`Extra`] map.
    pub fn extra_map(&self) -> Extra {
        self.extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }
}

/// A per-thread memo of parsed values by their text.
type Memo<T> = crate::hash::FxHashMap<String, T>;

/// A sentence's kind and term, without its text.
type SentenceValue = (SentenceKind, Option<f32>);

thread_local! {
    static SEXES: RefCell<Memo<Option<SexValue>>> = RefCell::new(Memo::default());
    static SENTENCES: RefCell<Memo<Option<SentenceValue>>> = RefCell::new(Memo::default());
}

/// Parses a vocabulary value through a per-thread cache: a list writes the same few spellings
/// (`ВМН`, `10 лет ИТЛ`, `муж.`) hundreds of thousands of times.
fn memo<T: Clone>(
    cache: &'static std::thread::LocalKey<RefCell<Memo<T>>>,
    text: &str,
    parse: impl FnOnce(&str) -> T,
) -> T {
    const MAX_ENTRIES: usize = 4096;
    cache.with(|c| {
        if let Some(v) = c.borrow().get(text) {
            return v.clone();
        }
        let v = parse(text);
        let mut c = c.borrow_mut();
        if c.len() < MAX_ENTRIES {
            c.insert(text.to_owned(), v.clone());
        }
        v
    })
}

/// The text with letters that look like digits (Cyrillic `З`, `О`, `б`, Latin `O`, `l`)
/// replaced by them, when the text is otherwise digits and date punctuation and has such a
/// letter next to a digit (`19З7` → `1937`).
fn digit_lookalikes(text: &str) -> Option<String> {
    let map = |c: char| match c {
        'З' | 'з' | 'Ӡ' => Some('3'),
        'О' | 'о' | 'O' | 'o' => Some('0'),
        'б' => Some('6'),
        'l' | 'I' | 'І' | 'і' | '|' => Some('1'),
        'S' | 's' => Some('5'),
        'B' => Some('8'),
        _ => None,
    };
    let t = text.trim();
    let mut changed = false;
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() || matches!(c, '.' | '-' | '/' | ' ' | '?' | '~') {
            out.push(c);
        } else if let Some(d) = map(c) {
            let near_digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if !(near_digit(i.checked_sub(1)) || near_digit(Some(i + 1))) {
                return None;
            }
            out.push(d);
            changed = true;
        } else {
            return None;
        }
    }
    (changed && HistoricalDate::parse(&out).is_ok()).then_some(out)
}

/// An entity that can be read from and written to flat rows (CSV) and JSON.
pub trait Record: Sized + Serialize + DeserializeOwned + JsonSchema + Send + 'static {
    /// The dataset kind.
    const KIND: DatasetKind;

    /// The record's id.
    fn id(&self) -> &str;

    /// Builds the record from a row, pushing findings about its values to `out`.
    fn from_row(row: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self;

    /// Builds the record for validation only: the same findings as [`Record::from_row`], but
    /// fields no validation rule reads may be left out (a victim's name is kept as text, not
    /// parsed; places, occupation, notes and unknown columns are left empty). The streaming
    /// validator builds and drops a million of these, so the saving matters.
    fn from_row_lean(row: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        Self::from_row(row, out)
    }

    /// The rows of this record, each in the kind's canonical column order. Most records are one
    /// row; a victim with several cases is one row per case.
    fn to_rows(&self) -> Vec<Vec<String>>;

    /// The unknown columns carried through.
    fn extra(&self) -> &Extra;

    /// Whether a file of this kind can spread one record over consecutive rows (victims: one
    /// row per repression case).
    const MERGES_ROWS: bool = false;

    /// Whether this record, read from one row, may continue the record of the row before it
    /// (a victim row with `case` 2 or more).
    fn continues(&self) -> bool {
        false
    }

    /// Merges `next` into `self` when `next` continues it (a victim's later case row); gives
    /// `next` back otherwise.
    ///
    /// # Errors
    /// Returns `next` when it is a record of its own.
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        Err(next)
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn date(d: &Option<HistoricalDate>) -> String {
    d.as_ref()
        .map(|d| d.original().to_owned())
        .unwrap_or_default()
}

fn join(v: &[String]) -> String {
    v.join(&MULTI_SEPARATOR.to_string())
}

fn fmt_num(v: Option<f64>) -> String {
    v.map(|v| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{v:.0}")
        } else {
            v.to_string()
        }
    })
    .unwrap_or_default()
}

/// Puts the extra columns (in header order) after the canonical ones: writers use the keys of
/// the first record as headers.
fn name_from_row(row: &Row<'_>, full: usize, sur: usize, giv: usize, pat: usize) -> PersonName {
    match row.text(full) {
        Some(full_text) => {
            let mut n = PersonName::parse(full_text);
            if row.text(sur).is_some() || row.text(giv).is_some() || row.text(pat).is_some() {
                n.surname = row.string(sur);
                n.given = row.string(giv);
                n.patronymic = row.string(pat);
                n.patronymic_form = n
                    .patronymic
                    .as_deref()
                    .and_then(crate::model::name::patronymic_form);
            }
            n
        }
        None => PersonName::from_parts(row.text(sur), row.text(giv), row.text(pat)),
    }
}

/// A victim from a row; `lean` leaves out what validation rules do not read (see
/// [`Record::from_row_lean`]).
fn victim_from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>, lean: bool) -> Victim {
    use columns::victims as c;
    let text = |col: usize| if lean { None } else { r.string(col) };
    let seq = r.text(c::CASE).and_then(|t| match t.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            out.push(
                Diagnostic::new(
                    Code::InvalidNumber,
                    "`case` must be a number from 1",
                    r.loc(c::CASE),
                )
                .with_value(t),
            );
            None
        }
    });
    let case = RepressionCase {
        seq,
        arrest_date: r.date(c::ARREST_DATE, out),
        arrested_by: text(c::ARRESTED_BY),
        charge: r.string(c::CHARGE),
        sentencing_body: r.string(c::SENTENCING_BODY),
        sentence_date: r.date(c::SENTENCE_DATE, out),
        sentence: r.sentence_with(c::SENTENCE, out, !lean),
        execution_date: r.date(c::EXECUTION_DATE, out),
        execution_place: text(c::EXECUTION_PLACE),
        camp_id: r.string(c::CAMP_ID),
        camp_arrival_date: r.date(c::CAMP_ARRIVAL_DATE, out),
        release_date: r.date(c::RELEASE_DATE, out),
        rehabilitation_date: r.date(c::REHABILITATION_DATE, out),
        rehabilitated_by: text(c::REHABILITATED_BY),
    };
    let name = if lean {
        // Rules only ask whether there is a name; parsing it is left to those who show it.
        PersonName {
            original: [c::FULL_NAME, c::SURNAME, c::GIVEN_NAME, c::PATRONYMIC]
                .into_iter()
                .find_map(|col| r.text(col))
                .map(|t| t.trim().to_owned())
                .unwrap_or_default(),
            ..PersonName::default()
        }
    } else {
        name_from_row(r, c::FULL_NAME, c::SURNAME, c::GIVEN_NAME, c::PATRONYMIC)
    };
    Victim {
        id: r.required(c::ID, out),
        name,
        name_variants: if lean {
            Vec::new()
        } else {
            r.list(c::NAME_VARIANTS)
        },
        sex: r.sex_with(c::SEX, out, !lean),
        birth_date: r.date(c::BIRTH_DATE, out),
        birth_place: text(c::BIRTH_PLACE),
        nationality: text(c::NATIONALITY),
        occupation: text(c::OCCUPATION),
        residence: text(c::RESIDENCE),
        // `seq` is part of the case: a numbered case with nothing else is still a case.
        cases: if case.is_empty() {
            Vec::new()
        } else {
            vec![case]
        },
        death_date: r.date(c::DEATH_DATE, out),
        death_place: text(c::DEATH_PLACE),
        figure_id: r.string(c::FIGURE_ID),
        source_ids: r.list(c::SOURCE_IDS),
        source_text: r.string(c::SOURCE_TEXT),
        notes: text(c::NOTES),
        claims: Vec::new(),
        extra: if lean { Extra::new() } else { r.extra_map() },
    }
}

impl Record for Victim {
    const KIND: DatasetKind = DatasetKind::Victims;
    const MERGES_ROWS: bool = true;

    fn continues(&self) -> bool {
        self.cases.first().and_then(|c| c.seq).unwrap_or(1) >= 2
    }

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        victim_from_row(r, out, false)
    }

    fn from_row_lean(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        victim_from_row(r, out, true)
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        let person = |row: &mut Vec<String>| {
            use columns::victims as c;
            row[c::ID] = self.id.clone();
            row[c::FULL_NAME] = self.name.original.clone();
            row[c::SURNAME] = opt(&self.name.surname);
            row[c::GIVEN_NAME] = opt(&self.name.given);
            row[c::PATRONYMIC] = opt(&self.name.patronymic);
            row[c::NAME_VARIANTS] = join(&self.name_variants);
            row[c::SEX] = self
                .sex
                .as_ref()
                .map(|s| s.original.clone())
                .unwrap_or_default();
            row[c::BIRTH_DATE] = date(&self.birth_date);
            row[c::BIRTH_PLACE] = opt(&self.birth_place);
            row[c::NATIONALITY] = opt(&self.nationality);
            row[c::OCCUPATION] = opt(&self.occupation);
            row[c::RESIDENCE] = opt(&self.residence);
            row[c::DEATH_DATE] = date(&self.death_date);
            row[c::DEATH_PLACE] = opt(&self.death_place);
            row[c::FIGURE_ID] = opt(&self.figure_id);
            row[c::SOURCE_IDS] = join(&self.source_ids);
            row[c::SOURCE_TEXT] = opt(&self.source_text);
            row[c::NOTES] = opt(&self.notes);
        };
        let n = columns::victims::COLUMNS.len();
        let empty_case = RepressionCase::default();
        let cases: Vec<&RepressionCase> = if self.cases.is_empty() {
            vec![&empty_case]
        } else {
            self.cases.iter().collect()
        };
        cases
            .into_iter()
            .map(|k| {
                use columns::victims as c;
                let mut row = vec![String::new(); n];
                person(&mut row);
                row[c::CASE] = k.seq.map(|s| s.to_string()).unwrap_or_default();
                row[c::ARREST_DATE] = date(&k.arrest_date);
                row[c::ARRESTED_BY] = opt(&k.arrested_by);
                row[c::CHARGE] = opt(&k.charge);
                row[c::SENTENCING_BODY] = opt(&k.sentencing_body);
                row[c::SENTENCE_DATE] = date(&k.sentence_date);
                row[c::SENTENCE] = k
                    .sentence
                    .as_ref()
                    .map(|s| s.original.clone())
                    .unwrap_or_default();
                row[c::EXECUTION_DATE] = date(&k.execution_date);
                row[c::EXECUTION_PLACE] = opt(&k.execution_place);
                row[c::CAMP_ID] = opt(&k.camp_id);
                row[c::CAMP_ARRIVAL_DATE] = date(&k.camp_arrival_date);
                row[c::RELEASE_DATE] = date(&k.release_date);
                row[c::REHABILITATION_DATE] = date(&k.rehabilitation_date);
                row[c::REHABILITATED_BY] = opt(&k.rehabilitated_by);
                row
            })
            .collect()
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }

    /// A row continues the previous victim when it has the same id and a `case` number above 1.
    /// Person fields of the continuation row that differ from the first row are not lost: a
    /// different name becomes a name variant, other differing values go to `extra` as
    /// `<field> (case N)`.
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        let seq = next.cases.first().and_then(|c| c.seq).unwrap_or(1);
        if next.id != self.id || next.id.is_empty() || seq < 2 {
            return Err(next);
        }
        let Victim {
            name,
            name_variants,
            sex,
            birth_date,
            birth_place,
            nationality,
            occupation,
            residence,
            cases,
            death_date,
            death_place,
            figure_id,
            source_ids,
            source_text,
            notes,
            extra,
            ..
        } = next;
        if !name.is_empty()
            && name.original != self.name.original
            && !self.name_variants.contains(&name.original)
        {
            self.name_variants.push(name.original);
        }
        for v in name_variants {
            if !self.name_variants.contains(&v) {
                self.name_variants.push(v);
            }
        }
        let mut keep = |field: &str, mine: Option<String>, theirs: Option<String>| {
            if let Some(t) = theirs
                && mine.as_deref() != Some(t.as_str())
            {
                self.extra.insert(format!("{field} (case {seq})"), t);
            }
        };
        keep(
            "sex",
            self.sex.as_ref().map(|s| s.original.clone()),
            sex.map(|s| s.original),
        );
        keep(
            "birth_date",
            self.birth_date.as_ref().map(|d| d.original().to_owned()),
            birth_date.map(|d| d.original().to_owned()),
        );
        keep("birth_place", self.birth_place.clone(), birth_place);
        keep("nationality", self.nationality.clone(), nationality);
        keep("occupation", self.occupation.clone(), occupation);
        keep("residence", self.residence.clone(), residence);
        keep(
            "death_date",
            self.death_date.as_ref().map(|d| d.original().to_owned()),
            death_date.map(|d| d.original().to_owned()),
        );
        keep("death_place", self.death_place.clone(), death_place);
        keep("figure_id", self.figure_id.clone(), figure_id);
        keep("source_text", self.source_text.clone(), source_text);
        keep("notes", self.notes.clone(), notes);
        for (k, v) in extra {
            if self.extra.get(&k) != Some(&v) {
                self.extra.insert(format!("{k} (case {seq})"), v);
            }
        }
        for s in source_ids {
            if !self.source_ids.contains(&s) {
                self.source_ids.push(s);
            }
        }
        if let Some(first) = self.cases.first_mut() {
            first.seq.get_or_insert(1);
        }
        self.cases.extend(cases);
        Ok(())
    }
}

impl Record for Figure {
    const KIND: DatasetKind = DatasetKind::Figures;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::figures as c;
        Figure {
            id: r.required(c::ID, out),
            name_kk: PersonName::parse(&r.required(c::NAME_KK, out)),
            name_ru: PersonName::parse(&r.required(c::NAME_RU, out)),
            name_en: PersonName::parse(&r.required(c::NAME_EN, out)),
            name_variants: r.list(c::NAME_VARIANTS),
            museum_name: r.string(c::MUSEUM_NAME),
            sex: r.sex(c::SEX, out),
            birth_date: r.date(c::BIRTH_DATE, out),
            birth_place: r.string(c::BIRTH_PLACE),
            death_date: r.date(c::DEATH_DATE, out),
            death_place: r.string(c::DEATH_PLACE),
            fate: r.string(c::FATE),
            roles: r.list(c::ROLES),
            victim_id: r.string(c::VICTIM_ID),
            event_ids: r.list(c::EVENT_IDS),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::figures as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_KK] = self.name_kk.original.clone();
        row[c::NAME_RU] = self.name_ru.original.clone();
        row[c::NAME_EN] = self.name_en.original.clone();
        row[c::NAME_VARIANTS] = join(&self.name_variants);
        row[c::MUSEUM_NAME] = opt(&self.museum_name);
        row[c::SEX] = self
            .sex
            .as_ref()
            .map(|s| s.original.clone())
            .unwrap_or_default();
        row[c::BIRTH_DATE] = date(&self.birth_date);
        row[c::BIRTH_PLACE] = opt(&self.birth_place);
        row[c::DEATH_DATE] = date(&self.death_date);
        row[c::DEATH_PLACE] = opt(&self.death_place);
        row[c::FATE] = opt(&self.fate);
        row[c::ROLES] = join(&self.roles);
        row[c::VICTIM_ID] = opt(&self.victim_id);
        row[c::EVENT_IDS] = join(&self.event_ids);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Event {
    const KIND: DatasetKind = DatasetKind::Events;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::events as c;
        Event {
            id: r.required(c::ID, out),
            name_kk: r.required(c::NAME_KK, out),
            name_ru: r.required(c::NAME_RU, out),
            name_en: r.required(c::NAME_EN, out),
            category: r.required(c::CATEGORY, out),
            start_date: r.date(c::START_DATE, out),
            end_date: r.date(c::END_DATE, out),
            places: r.list(c::PLACES),
            description: r.string(c::DESCRIPTION),
            museum_topic: r.boolean(c::MUSEUM_TOPIC, out),
            figure_ids: r.list(c::FIGURE_IDS),
            camp_ids: r.list(c::CAMP_IDS),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            estimates: Vec::new(),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::events as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_KK] = self.name_kk.clone();
        row[c::NAME_RU] = self.name_ru.clone();
        row[c::NAME_EN] = self.name_en.clone();
        row[c::CATEGORY] = self.category.clone();
        row[c::START_DATE] = date(&self.start_date);
        row[c::END_DATE] = date(&self.end_date);
        row[c::PLACES] = join(&self.places);
        row[c::DESCRIPTION] = opt(&self.description);
        row[c::MUSEUM_TOPIC] = self.museum_topic.to_string();
        row[c::FIGURE_IDS] = join(&self.figure_ids);
        row[c::CAMP_IDS] = join(&self.camp_ids);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Camp {
    const KIND: DatasetKind = DatasetKind::Camps;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::camps as c;
        let lat = r.number(c::LATITUDE, out);
        let lon = r.number(c::LONGITUDE, out);
        let coordinates = match (lat, lon) {
            (Some(latitude), Some(longitude)) => Some(Coordinates {
                latitude,
                longitude,
            }),
            (Some(_), None) | (None, Some(_)) => {
                let (has, lacks, col) = if lat.is_some() {
                    ("latitude", "longitude", c::LATITUDE)
                } else {
                    ("longitude", "latitude", c::LONGITUDE)
                };
                if r.text(if lat.is_some() {
                    c::LONGITUDE
                } else {
                    c::LATITUDE
                })
                .is_none()
                {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidCoordinates,
                            format!("`{has}` is given without `{lacks}`"),
                            r.loc(col),
                        )
                        .with_value(r.text(col).unwrap_or_default())
                        .with_help("give both coordinates, or neither"),
                    );
                }
                None
            }
            (None, None) => None,
        };
        let location = match (r.string(c::LOCATION), coordinates) {
            (None, None) => None,
            (name, coordinates) => Some(Place {
                name: name.unwrap_or_default(),
                coordinates,
            }),
        };
        Camp {
            id: r.required(c::ID, out),
            name_official: r.required(c::NAME_OFFICIAL, out),
            name_en: r.required(c::NAME_EN, out),
            name_kk: r.string(c::NAME_KK),
            aliases: r.list(c::ALIASES),
            camp_type: r.required(c::CAMP_TYPE, out),
            parent: r.string(c::PARENT),
            location,
            opened: r.date(c::OPENED, out),
            closed: r.date(c::CLOSED, out),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            estimates: Vec::new(),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::camps as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_OFFICIAL] = self.name_official.clone();
        row[c::NAME_EN] = self.name_en.clone();
        row[c::NAME_KK] = opt(&self.name_kk);
        row[c::ALIASES] = join(&self.aliases);
        row[c::CAMP_TYPE] = self.camp_type.clone();
        row[c::PARENT] = opt(&self.parent);
        if let Some(p) = &self.location {
            row[c::LOCATION] = p.name.clone();
            if let Some(co) = p.coordinates {
                row[c::LATITUDE] = co.latitude.to_string();
                row[c::LONGITUDE] = co.longitude.to_string();
            }
        }
        row[c::OPENED] = date(&self.opened);
        row[c::CLOSED] = date(&self.closed);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Source {
    const KIND: DatasetKind = DatasetKind::Sources;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::sources as c;
        let kind_text = r.required(c::KIND, out);
        let kind = match kind_text.trim().to_lowercase().as_str() {
            "publication" | "book" | "article" => SourceKind::Publication,
            "archive" => SourceKind::Archive,
            "web" | "website" | "url" => SourceKind::Web,
            "museum" => SourceKind::Museum,
            "database" | "db" => SourceKind::Database,
            "synthetic" => SourceKind::Synthetic,
            other => {
                if !other.is_empty() {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            "`kind` is not a known source kind",
                            r.loc(c::KIND),
                        )
                        .with_value(kind_text.clone())
                        .with_help("use publication, archive, web, museum, database or synthetic"),
                    );
                }
                SourceKind::Web
            }
        };
        Source {
            id: r.required(c::ID, out),
            kind,
            title: r.required(c::TITLE, out),
            author: r.string(c::AUTHOR),
            publisher: r.string(c::PUBLISHER),
            published: r.date(c::PUBLISHED, out),
            volume: r.string(c::VOLUME),
            pages: r.string(c::PAGES),
            archive_ref: r.string(c::ARCHIVE_REF),
            url: r.string(c::URL),
            accessed: r.date(c::ACCESSED, out),
            language: r.string(c::LANGUAGE),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::sources as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::KIND] = serde_json::to_value(self.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        row[c::TITLE] = self.title.clone();
        row[c::AUTHOR] = opt(&self.author);
        row[c::PUBLISHER] = opt(&self.publisher);
        row[c::PUBLISHED] = date(&self.published);
        row[c::VOLUME] = opt(&self.volume);
        row[c::PAGES] = opt(&self.pages);
        row[c::ARCHIVE_REF] = opt(&self.archive_ref);
        row[c::URL] = opt(&self.url);
        row[c::ACCESSED] = date(&self.accessed);
        row[c::LANGUAGE] = opt(&self.language);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Estimate {
    const KIND: DatasetKind = DatasetKind::Estimates;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::estimates as c;
        Estimate {
            id: r.required(c::ID, out),
            subject_id: r.required(c::SUBJECT_ID, out),
            measure: r.required(c::MEASURE, out),
            value: r.number(c::VALUE, out),
            low: r.number(c::LOW, out),
            high: r.number(c::HIGH, out),
            unit: r.required(c::UNIT, out),
            as_of: r.date(c::AS_OF, out),
            claim: r.string(c::CLAIM),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::estimates as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::SUBJECT_ID] = self.subject_id.clone();
        row[c::MEASURE] = self.measure.clone();
        row[c::VALUE] = fmt_num(self.value);
        row[c::LOW] = fmt_num(self.low);
        row[c::HIGH] = fmt_num(self.high);
        row[c::UNIT] = self.unit.clone();
        row[c::AS_OF] = date(&self.as_of);
        row[c::CLAIM] = opt(&self.claim);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Claim {
    const KIND: DatasetKind = DatasetKind::Claims;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::claims as c;
        Claim {
            id: r.required(c::ID, out),
            subject_id: r.required(c::SUBJECT_ID, out),
            field: r.required(c::FIELD, out),
            value: r.required(c::VALUE, out),
            preferred: r.boolean(c::PREFERRED, out),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::claims as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::SUBJECT_ID] = self.subject_id.clone();
        row[c::FIELD] = self.field.clone();
        row[c::VALUE] = self.value.clone();
        row[c::PREFERRED] = self.preferred.to_string();
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}
