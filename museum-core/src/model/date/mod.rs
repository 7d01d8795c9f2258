//! Uncertain historical dates: [`HistoricalDate`].
//!
//! Archival lists write dates as `10.11.1937`, `1937-11-10`, `ноябрь 1937`, `1937?`, `c. 1937`,
//! `1937-38` or nothing at all. A [`HistoricalDate`] keeps the text it was parsed from and a
//! normalized value in the spirit of EDTF (ISO 8601-2, level 0 and 1): a single date at day,
//! month or year precision, possibly *uncertain* (`?`), *approximate* (`~`) or both (`%`), or an
//! interval whose ends may be open (`..`) or unknown.
//!
//! Comparisons are by bounds: every value covers a range of days from [`HistoricalDate::earliest`]
//! to [`HistoricalDate::latest`], and [`HistoricalDate::compare_before`] answers whether one date
//! is *certainly*, *possibly* or *certainly not* before another ([`Before`]).
//!
//! Impossible dates (`31.02.1937`, month 13, day 0) are a [`DateError`], never a panic, and never
//! silently "corrected".
//!
//! # Accepted spellings
//!
//! Matching is case-insensitive; surrounding and repeated whitespace (including no-break and
//! zero-width spaces), trailing dots and commas are ignored. Every accepted form keeps its text in
//! [`HistoricalDate::original`]; [`Display`](std::fmt::Display) gives the EDTF form on the right.
//!
//! | Written | EDTF |
//! |---|---|
//! | `1937-11-10`, `1937-11`, `1937`, `1937?`, `1937~`, `1937%` | as written |
//! | `1930/1933`, `../1938`, `1930/..`, `1930/` (unknown end), `/1938` (unknown start) | as written |
//! | `193X`, `19XX`, `1937-XX`, `1937-11-XX` (EDTF unspecified digits) | `1930/1939`, `1900/1999`, `1937`, `1937-11` |
//! | `1937-11-10T00:00:00`, `1937-11-10 10:30` (the time is dropped) | `1937-11-10` |
//! | `10.11.1937`, `10/11/1937`, `10-11-1937` (day first), `1937.11.10` | `1937-11-10` |
//! | `11.1937`, `11/1937` | `1937-11` |
//! | `10.XI.1937`, `10 XI 1937`, `10-XI-1937`, `XI.1937` (Roman months, also typed with the Cyrillic `Х`, `І`) | `1937-11-10`, `1937-11` |
//! | `10 ноября 1937 г.`, `10-го ноября 1937 года`, `ноябрь 1937`, `нояб. 1937`, `в ноябре 1937` | `1937-11-10`, `1937-11` |
//! | `1937 жылғы 10 қараша`, `1937 ж. 10 қарашада`, `1937 ж. қараша` | `1937-11-10`, `1937-11` |
//! | `10 November 1937`, `November 10, 1937`, `27 Sep 1937`, `Nov. 1898`, `10. November 1937` | `1937-11-10`, … |
//! | `1937 г.`, `1937г.`, `1937 год`, `в 1937 году`, `1937 ж.`, `1937 жылы` | `1937` |
//! | `c. 1937`, `ca. 1937`, `circa 1937`, `около 1937`, `ок. 1937`, `шамамен 1937`, `um 1937`, `~1937` | `1937~` |
//! | `1937?`, `?1937`, `1937 (?)`, `[1937]` (a date supplied by the cataloguer), `предположительно 1937` | `1937?` |
//! | `ок. 1937?` | `1937%` |
//! | `1937-38`, `1937–38`, `1937/38`, `1937–1938`, `1937 - 1938 гг.`, `с 1937 по 1938`, `between 1937 and 1938` | `1937/1938` |
//! | `10–12 ноября 1937`, `ноябрь–декабрь 1937` (the start borrows the end's month and year) | `1937-11-10/1937-11-12`, `1937-11/1937-12` |
//! | `1930-е`, `1930-е гг.`, `1930-х`, `1930s`, `1930er`, `1930 жылдары` | `1930/1939` |
//! | `до 1938`, `не позднее 1938`, `before 1938`, `until 1938`, `1938 жылға дейін` | `../1938` |
//! | `после 1930`, `не ранее 1930`, `с 1930`, `after 1930`, `since 1930`, `1930 жылдан кейін` | `1930/..` |
//! | `весна 1938`, `весной 1938 г.`, `spring 1938`, `1938 жылдың көктемі` | `1938-03/1938-05` |
//! | `лето` / `summer`, `осень` / `autumn` / `fall` | `-06/-08`, `-09/-11` |
//! | `зима 1937/38`, `winter 1937–1938` | `1937-12/1938-02` |
//! | `зима 1938` (which winter is meant is ambiguous, so the whole year) | `1938-01/1938-12` |
//! | `11 (23) Jul 1858`, `14 (26) декабря 1894`, `20 октября (2 ноября) 1917`, `31 декабря 1899 (12 января 1900)` (Old Style (New Style)) | the New Style day |
//! | empty, `?`, `XXXX`, `неизв.`, `неизвестно`, `н/д`, `нет данных`, `unknown`, `n/a`, `белгісіз`, `-`, `—` | `XXXX` ([`DateValue::Unknown`]) |
//!
//! Month names are recognised in Russian (nominative, genitive and prepositional, and any
//! abbreviation of at least three letters: `янв.`, `сент.`, `нояб.`), Kazakh (Cyrillic, with
//! case endings such as `қарашада`, `қыркүйегі`, and the 2021 Latin alphabet), English and German.
//!
//! # Rules worth knowing
//!
//! - **Two-digit years are rejected** (`10.11.37`, `ноябрь 37`, `30-е`): `37` could be 1837, 1937
//!   or a typo, and guessing would silently invent data. They are [`DateErrorKind::Unparseable`].
//!   Years must be in 1000–2999 ([`DateErrorKind::YearOutOfRange`]; a three-digit year such as
//!   `937` is also out of range, five or more digits are unparseable).
//! - **`YYYY-NN`** is EDTF year-month when `NN` is `01`–`12`; otherwise it is the archival
//!   shorthand for a span of years when `NN` continues the same century (`1937-38` is
//!   `1937/1938`), and else a [`DateErrorKind::MonthOutOfRange`] (`1937-13`). So `1911-12` is
//!   December 1911, not 1911/1912; write `1911–12` (en dash) or `1911-1912` for the span. EDTF
//!   seasons (`1938-21`) are not read as seasons, because `1921-22` in archival lists means the years.
//! - **Old Style / New Style**: in `D (D′) month year` the two days must denote the same day in the
//!   Julian and the Gregorian calendar (either order is accepted, and with one year written for
//!   both the Old Style date may fall in the year before); the Gregorian one is kept. Otherwise
//!   the text is a [`DateErrorKind::StyleMismatch`]. The Old Style date is checked against the
//!   Julian calendar, so `29 февраля (13 марта) 1900` is accepted.
//! - **Intervals** must not be reversed: the start as written (ignoring `?`/`~`) may not begin
//!   after the end as written ends ([`DateErrorKind::ReversedInterval`]). At least one end must be
//!   a date; `../..` and `/` are unparseable. Qualifiers written once for a whole span
//!   (`ок. 1937–1938`, `1930-е?`) apply to both ends; in EDTF (`1930/1933?`) they stay on their end.
//! - `с 1937` with a Cyrillic `с` and no dot means "since 1937" (`1937/..`); `c 1937`, `c. 1937`
//!   (Latin) and `с. 1937` (Cyrillic, with a dot) mean "circa".
//! - `до 1938` ("before 1938") is read as the EDTF `../1938`, which includes 1938 itself.
//! - Text longer than 256 bytes is unparseable (no date is that long); the parser does one
//!   lowercase copy, no other allocation, and a bounded amount of work per token, so it is linear
//!   in the input and never panics.
//!
//! # Widening of `?` and `~`
//!
//! An uncertain or approximate point covers one unit of its precision more on each side:
//! `1937~` covers 1936-01-01 … 1938-12-31, `1937-11?` covers 1937-10-01 … 1937-12-31 and
//! `1937-11-10~` covers 1937-11-09 … 1937-11-11 (see [`DatePoint::earliest`]). This is what
//! [`HistoricalDate::compare_before`] compares; an interval covers its start's earliest to its
//! end's latest day, and an open or unknown end reaches far into the past or future.

mod calendar;
mod display;
mod parse;
#[cfg(test)]
mod tests;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use self::calendar::{Day, days_in_month, is_leap_year};
use self::calendar::{next_month, prev_month};

/// A single date at year, month or day precision, with EDTF level-1 qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DatePoint {
    /// The year.
    pub year: i32,
    /// The month (1–12) when known.
    pub month: Option<u8>,
    /// The day (1–31) when known; only with a month.
    pub day: Option<u8>,
    /// The source is unsure of the value (EDTF `?`).
    pub uncertain: bool,
    /// The value is approximate, "circa" (EDTF `~`).
    pub approximate: bool,
}

impl DatePoint {
    /// A year-precision point.
    pub fn year(year: i32) -> Self {
        DatePoint {
            year,
            month: None,
            day: None,
            uncertain: false,
            approximate: false,
        }
    }

    /// A month-precision point. Fails on a month outside 1–12.
    pub fn year_month(year: i32, month: u8) -> Result<Self, DateError> {
        if !(1..=12).contains(&month) {
            return Err(DateError::new(DateErrorKind::MonthOutOfRange {
                month: u32::from(month),
            }));
        }
        Ok(DatePoint {
            year,
            month: Some(month),
            day: None,
            uncertain: false,
            approximate: false,
        })
    }

    /// A day-precision point. Fails on an impossible day (`1937-02-31`).
    pub fn ymd(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        let mut p = Self::year_month(year, month)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::new(DateErrorKind::DayOutOfRange {
                year,
                month,
                day: u32::from(day),
            }));
        }
        p.day = Some(day);
        Ok(p)
    }

    /// The precision of this point.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this point may denote. Approximate or uncertain values widen by one unit of
    /// their precision (a year, a month or a day) on each side.
    pub fn earliest(&self) -> Day {
        let widen = self.uncertain || self.approximate;
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let day = Day {
                    year: self.year,
                    month: m,
                    day: d,
                };
                if widen { day.add_days(-1) } else { day }
            }
            (Some(m), None) => {
                let (y, m) = if widen {
                    prev_month(self.year, m)
                } else {
                    (self.year, m)
                };
                Day {
                    year: y,
                    month: m,
                    day: 1,
                }
            }
            _ => Day {
                year: self.year - i32::from(widen),
                month: 1,
                day: 1,
            },
        }
    }

    /// The last day this point may denote (see [`DatePoint::earliest`]).
    pub fn latest(&self) -> Day {
        let widen = self.uncertain || self.approximate;
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let day = Day {
                    year: self.year,
                    month: m,
                    day: d,
                };
                if widen { day.add_days(1) } else { day }
            }
            (Some(m), None) => {
                let (y, m) = if widen {
                    next_month(self.year, m)
                } else {
                    (self.year, m)
                };
                Day {
                    year: y,
                    month: m,
                    day: days_in_month(y, m),
                }
            }
            _ => Day {
                year: self.year + i32::from(widen),
                month: 12,
                day: 31,
            },
        }
    }
}

/// The precision of a [`DatePoint`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month are known.
    Month,
    /// The full date is known.
    Day,
}

/// One end of an interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntervalEnd {
    /// A known (possibly uncertain) date.
    Point(DatePoint),
    /// Open: "before 1938" / "after 1930" (EDTF `..`).
    Open,
    /// Unknown end (EDTF empty end: `1930/`).
    Unknown,
}

/// The value of a [`HistoricalDate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    /// No date: the field is empty or says "unknown" (`неизвестно`, `?`).
    Unknown,
    /// A single date.
    Point(DatePoint),
    /// An interval `start/end`, e.g. `1930/1933` or `../1938`.
    Interval {
        /// The start.
        start: IntervalEnd,
        /// The end.
        end: IntervalEnd,
    },
}

/// A date as archives write it: the original text plus its normalized value.
///
/// ```
/// use museum_core::HistoricalDate;
/// let d = HistoricalDate::parse("10.11.1937").unwrap();
/// assert_eq!(d.to_string(), "1937-11-10");
/// assert_eq!(d.original(), "10.11.1937");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HistoricalDate {
    original: String,
    value: DateValue,
}

/// Earliest possible day used for open interval starts.
const OPEN_START: Day = Day {
    year: -9999,
    month: 1,
    day: 1,
};
/// Latest possible day used for open interval ends.
const OPEN_END: Day = Day {
    year: 9999,
    month: 12,
    day: 31,
};

impl HistoricalDate {
    /// Parses archival or EDTF text. Empty text and "unknown" markers give [`DateValue::Unknown`].
    ///
    /// # Errors
    /// A [`DateError`] when the text is not a date or names an impossible one.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let value = parse::parse_value_memo(text)?;
        Ok(HistoricalDate {
            original: text.to_owned(),
            value,
        })
    }

    /// Parses `text` into `slot`, reusing the text allocation of the date already there
    /// (validation refills one record per row); see [`HistoricalDate::parse`]. On an error
    /// `slot` holds an unknown date with the text as its original, and the error is returned.
    pub(crate) fn parse_into(slot: &mut Option<Self>, text: &str) -> Result<(), DateError> {
        let (value, result) = match parse::parse_value_memo(text) {
            Ok(v) => (v, Ok(())),
            Err(e) => (DateValue::Unknown, Err(e)),
        };
        match slot {
            Some(d) => {
                d.original.clear();
                d.original.push_str(text);
                d.value = value;
            }
            None => {
                *slot = Some(HistoricalDate {
                    original: text.to_owned(),
                    value,
                });
            }
        }
        result
    }

    /// A date from a value, with the EDTF form as its original text.
    pub fn from_value(value: DateValue) -> Self {
        let mut d = HistoricalDate {
            original: String::new(),
            value,
        };
        d.original = d.to_string();
        d
    }

    /// An unknown date with the given original text (e.g. the unparseable text itself).
    pub fn unknown(original: impl Into<String>) -> Self {
        HistoricalDate {
            original: original.into(),
            value: DateValue::Unknown,
        }
    }

    /// The text this date was parsed from.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The normalized value.
    pub fn value(&self) -> &DateValue {
        &self.value
    }

    /// Whether nothing is known of this date.
    pub fn is_unknown(&self) -> bool {
        matches!(self.value, DateValue::Unknown)
    }

    /// The first day this date may denote, or `None` when unknown. An open start gives a far past.
    pub fn earliest(&self) -> Option<Day> {
        match &self.value {
            DateValue::Unknown => None,
            DateValue::Point(p) => Some(p.earliest()),
            DateValue::Interval { start, end } => match start {
                IntervalEnd::Point(p) => Some(p.earliest()),
                IntervalEnd::Open => Some(OPEN_START),
                // An unknown start is bounded only by nothing; use the open start.
                IntervalEnd::Unknown => match end {
                    IntervalEnd::Point(_) => Some(OPEN_START),
                    _ => None,
                },
            },
        }
    }

    /// The last day this date may denote, or `None` when unknown. An open end gives a far future.
    pub fn latest(&self) -> Option<Day> {
        match &self.value {
            DateValue::Unknown => None,
            DateValue::Point(p) => Some(p.latest()),
            DateValue::Interval { start, end } => match end {
                IntervalEnd::Point(p) => Some(p.latest()),
                IntervalEnd::Open => Some(OPEN_END),
                IntervalEnd::Unknown => match start {
                    IntervalEnd::Point(_) => Some(OPEN_END),
                    _ => None,
                },
            },
        }
    }

    /// The year when the date falls within one calendar year (`1937`, `1937-11-10`, `1937~` gives
    /// its nominal year); the start year of an interval with a known start; else `None`.
    pub fn year(&self) -> Option<i32> {
        match &self.value {
            DateValue::Point(p) => Some(p.year),
            DateValue::Interval {
                start: IntervalEnd::Point(p),
                ..
            } => Some(p.year),
            _ => None,
        }
    }

    /// The month when the date is a single point with month precision or finer.
    pub fn month(&self) -> Option<u8> {
        match &self.value {
            DateValue::Point(p) => p.month,
            _ => None,
        }
    }

    /// Three-valued "is `self` before `other`?" by bounds. Unknown dates give [`Before::Unknown`].
    ///
    /// ```
    /// use museum_core::{Before, HistoricalDate};
    /// let arrest = HistoricalDate::parse("1937").unwrap();
    /// let shot = HistoricalDate::parse("1938-02-25").unwrap();
    /// assert_eq!(arrest.compare_before(&shot), Before::Certainly);
    /// let sentence = HistoricalDate::parse("1937-11").unwrap();
    /// assert_eq!(arrest.compare_before(&sentence), Before::Possibly);
    /// ```
    pub fn compare_before(&self, other: &HistoricalDate) -> Before {
        self.compare(other, false)
    }

    /// Like [`HistoricalDate::compare_before`] but equal days count as "before" (≤).
    pub fn compare_before_or_same(&self, other: &HistoricalDate) -> Before {
        self.compare(other, true)
    }

    fn compare(&self, other: &HistoricalDate, or_same: bool) -> Before {
        let (Some(a_lo), Some(a_hi), Some(b_lo), Some(b_hi)) = (
            self.earliest(),
            self.latest(),
            other.earliest(),
            other.latest(),
        ) else {
            return Before::Unknown;
        };
        let certainly = if or_same { a_hi <= b_lo } else { a_hi < b_lo };
        let possibly = if or_same { a_lo <= b_hi } else { a_lo < b_hi };
        if certainly {
            Before::Certainly
        } else if possibly {
            Before::Possibly
        } else {
            Before::CertainlyNot
        }
    }
}

/// The answer of a bounds-based comparison of two uncertain dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Before {
    /// Every reading of the first date is before every reading of the second.
    Certainly,
    /// Some readings are before, some are not.
    Possibly,
    /// No reading of the first date is before the second.
    CertainlyNot,
    /// At least one date is unknown.
    Unknown,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct DateError {
    kind: DateErrorKind,
}

impl DateError {
    /// An error of the given kind.
    pub fn new(kind: DateErrorKind) -> Self {
        DateError { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &DateErrorKind {
        &self.kind
    }

    /// Whether the text looked like a date but names a day that does not exist.
    pub fn is_impossible(&self) -> bool {
        !matches!(self.kind, DateErrorKind::Unparseable)
    }
}

/// The kinds of [`DateError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateErrorKind {
    /// The text is not a date in any known spelling.
    #[error("not a recognisable date")]
    Unparseable,
    /// Month outside 1–12.
    #[error("month {month} does not exist")]
    MonthOutOfRange {
        /// The month as written.
        month: u32,
    },
    /// Day outside the month (0, 32, or 31 February…).
    #[error("day {day} does not exist in {year:04}-{month:02}")]
    DayOutOfRange {
        /// The year.
        year: i32,
        /// The month.
        month: u8,
        /// The day as written.
        day: u32,
    },
    /// Year outside the supported range (1000–2999).
    #[error("year {year} is outside the supported range 1000–2999")]
    YearOutOfRange {
        /// The year as written.
        year: i64,
    },
    /// An interval whose start is after its end.
    #[error("interval starts after it ends")]
    ReversedInterval,
    /// An Old Style (Julian) date and the New Style (Gregorian) date written with it are not the
    /// same day, as in `11 (24) июля 1858`.
    #[error("Old Style {julian} and New Style {gregorian} are not the same day")]
    StyleMismatch {
        /// The Old Style date as written (a Julian calendar date).
        julian: Day,
        /// The New Style date as written.
        gregorian: Day,
    },
}
