//! Planted defects: invalid values a validator must find, each listed with its record and field.
//!
//! Only with [`SynthOptions::defects`](super::SynthOptions::defects) above zero; without it the
//! generator never produces any of these.

use std::fmt;

use serde::Serialize;

use super::lists::{DateFamily, DateSupport, WrittenPrecision, fmt_date};
use museum_core::model::date::{Day, days_in_month};
use museum_core::model::{HistoricalDate, PersonName, Sex, Victim};
use museum_core::rng::Rng;

/// The kinds of planted defect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DefectKind {
    /// A date that does not exist (`31.02.1937`, `1937-04-31`, month 13).
    ImpossibleDate,
    /// An execution dated before the arrest.
    ExecutionBeforeArrest,
    /// A sentence dated before the arrest.
    SentenceBeforeArrest,
    /// A birth dated after the arrest.
    BirthAfterArrest,
    /// A rehabilitation dated before the sentence.
    RehabilitationBeforeSentence,
    /// An age at arrest (or deportation) that cannot be right (3 or 110 years).
    ImplausibleAge,
    /// A control or zero-width character inside a name.
    ControlCharacter,
    /// The id of another record.
    DuplicateId,
    /// A sex value outside the vocabulary.
    UnknownSex,
    /// A charge that is not a well-formed list of articles (`58--10`, `5810`, `58-`).
    MalformedCharge,
}

impl DefectKind {
    /// Every kind, in report order.
    pub const ALL: [DefectKind; 10] = [
        DefectKind::ImpossibleDate,
        DefectKind::ExecutionBeforeArrest,
        DefectKind::SentenceBeforeArrest,
        DefectKind::BirthAfterArrest,
        DefectKind::RehabilitationBeforeSentence,
        DefectKind::ImplausibleAge,
        DefectKind::ControlCharacter,
        DefectKind::DuplicateId,
        DefectKind::UnknownSex,
        DefectKind::MalformedCharge,
    ];

    /// Stable `snake_case` name, as in `defects.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            DefectKind::ImpossibleDate => "impossible_date",
            DefectKind::ExecutionBeforeArrest => "execution_before_arrest",
            DefectKind::SentenceBeforeArrest => "sentence_before_arrest",
            DefectKind::BirthAfterArrest => "birth_after_arrest",
            DefectKind::RehabilitationBeforeSentence => "rehabilitation_before_sentence",
            DefectKind::ImplausibleAge => "implausible_age",
            DefectKind::ControlCharacter => "control_character",
            DefectKind::DuplicateId => "duplicate_id",
            DefectKind::UnknownSex => "unknown_sex",
            DefectKind::MalformedCharge => "malformed_charge",
        }
    }
}

impl fmt::Display for DefectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One planted defect: a row of `defects.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Defect {
    /// The record's id as written in `victims.csv`.
    pub record_id: String,
    /// The column holding the bad value.
    pub field: &'static str,
    /// What is wrong.
    pub kind: DefectKind,
    /// The value as written in the column.
    pub value: String,
}

/// Characters that must not be in a name: zero-width ones, a soft hyphen, a BOM, C0 controls.
pub(crate) const BAD_CHARS: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{00AD}', '\u{FEFF}', '\u{0007}', '\u{001F}',
];

const BAD_SEX: &[&str] = &["x", "н/д", "мж", "?", "9", "неизв."];
const BAD_CHARGES: &[&str] = &[
    "58--10",
    "5810",
    "58-",
    "58-1О",
    "58-10,,58-11",
    "ст. 58 п.",
    "58-10-11-",
    "п. 10",
];

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::new(y, m, d).unwrap_or(Day {
        year: y,
        month: 1,
        day: 1,
    })
}

fn ymd(h: &HistoricalDate) -> Option<Day> {
    h.earliest()
}

/// Weights of [`DefectKind::ALL`].
const WEIGHTS: [u32; 10] = [20, 8, 5, 5, 4, 12, 12, 10, 12, 12];

/// Whether the defect stream of a position asks for a duplicate id on its first draw. A record
/// copies the id of the record before it only when that one keeps its own id, so this is
/// decided from the streams alone, record by record, in any order.
pub(crate) fn first_draw_is_duplicate_id(rng: &mut Rng, rate: f64) -> bool {
    rng.chance(rate) && DefectKind::ALL[rng.weighted(&WEIGHTS)] == DefectKind::DuplicateId
}

/// Plants one defect in `v`, or none when no kind applies. The stream `rng` has already drawn
/// "this record gets a defect". `prev_id` is the id of the record before, when it may be copied
/// (only on the first draw; see [`first_draw_is_duplicate_id`]).
pub(crate) fn plant(
    rng: &mut Rng,
    v: &mut Victim,
    prev_id: Option<&str>,
    sup: DateSupport,
) -> Option<Defect> {
    for attempt in 0..8 {
        let kind = DefectKind::ALL[rng.weighted(&WEIGHTS)];
        if kind == DefectKind::DuplicateId && attempt > 0 {
            continue;
        }
        if let Some(d) = try_plant(rng, kind, v, prev_id, sup) {
            return Some(d);
        }
    }
    None
}

fn set_date(slot: &mut Option<HistoricalDate>, text: &str) {
    *slot = Some(HistoricalDate::parse(text).unwrap_or_else(|_| HistoricalDate::unknown(text)));
}

fn try_plant(
    rng: &mut Rng,
    kind: DefectKind,
    v: &mut Victim,
    prev_id: Option<&str>,
    sup: DateSupport,
) -> Option<Defect> {
    let id = v.id.clone();
    let defect = |field: &'static str, value: String| Defect {
        record_id: id.clone(),
        field,
        kind,
        value,
    };
    let fam = if sup.dotted {
        DateFamily::Dotted
    } else {
        DateFamily::Iso
    };
    let arrest = v
        .cases
        .last()
        .and_then(|c| c.arrest_date.as_ref())
        .and_then(ymd);
    let sentence = v
        .cases
        .last()
        .and_then(|c| c.sentence_date.as_ref())
        .and_then(ymd);
    match kind {
        DefectKind::ImpossibleDate => {
            let year = arrest.or(sentence).map_or(1937, |d| d.year);
            let (m, d) = match rng.below(6) {
                0 => (2, 30),
                1 => (2, 31),
                2 => (4, 31),
                3 => (6, 31),
                4 => (9, 31),
                _ => (11, 31),
            };
            debug_assert!(d > days_in_month(year, m));
            let mut text = if fam == DateFamily::Dotted {
                format!("{d:02}.{m:02}.{year}")
            } else {
                format!("{year:04}-{m:02}-{d:02}")
            };
            if !HistoricalDate::parse(&text).is_err_and(|e| e.is_impossible()) {
                text = format!("{year:04}-{m:02}-{d:02}");
            }
            let case = v.cases.last_mut()?;
            let field = match rng.below(3) {
                0 => {
                    case.arrest_date = Some(HistoricalDate::unknown(text.clone()));
                    "arrest_date"
                }
                1 => {
                    case.sentence_date = Some(HistoricalDate::unknown(text.clone()));
                    "sentence_date"
                }
                _ => {
                    v.birth_date = Some(HistoricalDate::unknown(text.clone()));
                    "birth_date"
                }
            };
            Some(defect(field, text))
        }
        DefectKind::ExecutionBeforeArrest => {
            let a = arrest?;
            let case = v.cases.last_mut()?;
            case.execution_date.as_ref()?;
            let d = a.add_days(-rng.range(10, 400));
            let text = fmt_date(d, WrittenPrecision::Day, fam, sup);
            set_date(&mut case.execution_date, &text);
            Some(defect("execution_date", text))
        }
        DefectKind::SentenceBeforeArrest => {
            let a = arrest?;
            let case = v.cases.last_mut()?;
            let d = a.add_days(-rng.range(30, 400));
            let text = fmt_date(d, WrittenPrecision::Day, fam, sup);
            set_date(&mut case.sentence_date, &text);
            Some(defect("sentence_date", text))
        }
        DefectKind::BirthAfterArrest => {
            let a = arrest?;
            let y = a.year + rng.range(1, 12) as i32;
            let text = fmt_date(day(y, 1, 1), WrittenPrecision::Year, DateFamily::Iso, sup);
            set_date(&mut v.birth_date, &text);
            Some(defect("birth_date", text))
        }
        DefectKind::RehabilitationBeforeSentence => {
            let s = sentence?;
            let case = v.cases.last_mut()?;
            case.rehabilitation_date.as_ref()?;
            let d = s.add_days(-rng.range(30, 2_000));
            let text = fmt_date(d, WrittenPrecision::Day, fam, sup);
            set_date(&mut case.rehabilitation_date, &text);
            Some(defect("rehabilitation_date", text))
        }
        DefectKind::ImplausibleAge => {
            let event = arrest.or(sentence)?;
            let age = if rng.chance(0.5) {
                rng.range(1, 6) as i32
            } else {
                rng.range(105, 118) as i32
            };
            let text = fmt_date(
                day(event.year - age, 1, 1),
                WrittenPrecision::Year,
                DateFamily::Iso,
                sup,
            );
            set_date(&mut v.birth_date, &text);
            Some(defect("birth_date", text))
        }
        DefectKind::ControlCharacter => {
            let bad = *rng.pick(BAD_CHARS);
            let use_given = rng.chance(0.3)
                && v.name
                    .given
                    .as_deref()
                    .is_some_and(|g| g.chars().count() > 2);
            let part = if use_given {
                v.name.given.clone()?
            } else {
                v.name.surname.clone()?
            };
            let cs: Vec<char> = part.chars().collect();
            if cs.len() < 2 {
                return None;
            }
            let at = 1 + rng.below(cs.len() - 1);
            let mut s: String = cs[..at].iter().collect();
            s.push(bad);
            s.extend(&cs[at..]);
            let (sur, giv) = if use_given {
                (v.name.surname.clone(), Some(s.clone()))
            } else {
                (Some(s.clone()), v.name.given.clone())
            };
            v.name = PersonName::from_parts(
                sur.as_deref(),
                giv.as_deref(),
                v.name.patronymic.as_deref(),
            );
            Some(defect(if use_given { "given_name" } else { "surname" }, s))
        }
        DefectKind::DuplicateId => {
            let prev = prev_id?.to_owned();
            v.id.clone_from(&prev);
            Some(Defect {
                record_id: prev.clone(),
                field: "id",
                kind,
                value: prev,
            })
        }
        DefectKind::UnknownSex => {
            let s = *rng.pick(BAD_SEX);
            v.sex = Sex::parse(s);
            Some(defect("sex", s.to_owned()))
        }
        DefectKind::MalformedCharge => {
            let case = v.cases.last_mut()?;
            let s = *rng.pick(BAD_CHARGES);
            case.charge = Some(s.to_owned());
            Some(defect("charge", s.to_owned()))
        }
    }
}
