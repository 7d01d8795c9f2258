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

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A calendar day (proleptic Gregorian), used for bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year (e.g. 1937).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Day {
    /// A day, checked against the calendar (leap years included).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        (1..=12).contains(&month).then_some(()).and_then(|()| {
            (day >= 1 && day <= days_in_month(year, month)).then_some(Day { year, month, day })
        })
    }

    /// Days since 1970-01-01 (negative before), for arithmetic such as ages and lags.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `n` days after (or before, if negative) this one.
    pub fn add_days(self, n: i64) -> Day {
        civil_from_days(self.days_since_epoch() + n)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn civil_from_days(z: i64) -> Day {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Day {
        year: y as i32,
        month: m as u8,
        day: d as u8,
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

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

fn prev_month(year: i32, month: u8) -> (i32, u8) {
    if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

fn next_month(year: i32, month: u8) -> (i32, u8) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

impl fmt::Display for DatePoint {
    /// EDTF: `1937`, `1937-11`, `1937-11-10`, followed by `?`, `~` or `%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
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
        let value = parse::parse_value(text)?;
        Ok(HistoricalDate {
            original: text.to_owned(),
            value,
        })
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

impl fmt::Display for HistoricalDate {
    /// The EDTF form: `1937-11-10`, `1937?`, `1930/1933`, `../1938`; `XXXX` when unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn end(f: &mut fmt::Formatter<'_>, e: &IntervalEnd) -> fmt::Result {
            match e {
                IntervalEnd::Point(p) => write!(f, "{p}"),
                IntervalEnd::Open => f.write_str(".."),
                IntervalEnd::Unknown => Ok(()),
            }
        }
        match &self.value {
            DateValue::Unknown => f.write_str("XXXX"),
            DateValue::Point(p) => write!(f, "{p}"),
            DateValue::Interval { start, end: e } => {
                end(f, start)?;
                f.write_str("/")?;
                end(f, e)
            }
        }
    }
}

impl std::str::FromStr for HistoricalDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        HistoricalDate::parse(s)
    }
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

/// How a [`HistoricalDate`] appears in JSON: its EDTF form, the original text, and bounds.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(rename = "HistoricalDate")]
struct DateRepr {
    /// The normalized EDTF form (`1937-11-10`, `1937?`, `1930/1933`, `../1938`, `XXXX`).
    edtf: String,
    /// The text exactly as the source wrote it.
    original: String,
    /// First possible day (ISO 8601), absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    earliest: Option<String>,
    /// Last possible day (ISO 8601), absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    latest: Option<String>,
}

impl Serialize for HistoricalDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        DateRepr {
            edtf: self.to_string(),
            original: self.original.clone(),
            earliest: self.earliest().map(|d| d.to_string()),
            latest: self.latest().map(|d| d.to_string()),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for HistoricalDate {
    /// Accepts the object form (re-parsing `original`, falling back to `edtf`) or a plain string.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Repr(DateRepr),
        }
        match Either::deserialize(d)? {
            Either::Text(t) => HistoricalDate::parse(&t).map_err(serde::de::Error::custom),
            Either::Repr(r) => match parse::parse_value(&r.original) {
                Ok(value) => Ok(HistoricalDate {
                    original: r.original,
                    value,
                }),
                Err(_) => {
                    let value = parse::parse_value(&r.edtf).map_err(serde::de::Error::custom)?;
                    Ok(HistoricalDate {
                        original: r.original,
                        value,
                    })
                }
            },
        }
    }
}

impl JsonSchema for HistoricalDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HistoricalDate".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DateRepr::json_schema(generator)
    }
}

mod parse {
    //! The parser behind [`HistoricalDate::parse`](super::HistoricalDate::parse).
    //!
    //! The lowercased text is cut into at most [`MAX_TOKENS`] tokens (numbers, words, single
    //! punctuation marks; whitespace dropped) held on the stack, and a small recursive grammar
    //! runs over that slice. Every recursive step works on a strictly shorter slice, so the work
    //! after tokenizing is bounded by a constant; tokenizing is linear.
    use super::{
        DateError, DateErrorKind, DatePoint, DateValue, Day, IntervalEnd, Precision, days_in_month,
    };

    type R<T> = Result<T, DateError>;

    /// Longer (trimmed) text is not a date.
    const MAX_BYTES: usize = 256;
    /// More tokens than this is not a date.
    const MAX_TOKENS: usize = 48;
    /// At most this many numbers and month names in one written date.
    const MAX_ATOMS: usize = 8;

    fn unparseable() -> DateError {
        DateError::new(DateErrorKind::Unparseable)
    }

    fn reversed() -> DateError {
        DateError::new(DateErrorKind::ReversedInterval)
    }

    fn is_unparseable(e: &DateError) -> bool {
        matches!(e.kind(), DateErrorKind::Unparseable)
    }

    // ----------------------------------------------------------------------------------------
    // Vocabularies (all lowercase).

    /// Whole texts meaning "no date" (compared with whitespace removed and trailing dots dropped).
    const UNKNOWN: &[&str] = &[
        "?",
        "??",
        "???",
        "x",
        "xx",
        "xxxx",
        "xxxx-xx-xx",
        "xx.xx.xxxx",
        "неизв",
        "неизвестно",
        "неизвестен",
        "неизвестна",
        "неизвестный",
        "неустановлено",
        "н/д",
        "н.д",
        "нетданных",
        "нетсведений",
        "unknown",
        "unk",
        "n/a",
        "n.a",
        "unbekannt",
        "белгісіз",
        "белгiсiз",
        "belgisiz",
        "-",
        "--",
        "---",
        "–",
        "—",
        "−",
    ];

    /// Words after a year that say "year" (`г.`, `года`, `ж.`, `жылғы`): dropped.
    const MARKERS: &[&str] = &[
        "г",
        "гг",
        "год",
        "года",
        "году",
        "годы",
        "годов",
        "годах",
        "ж",
        "жж",
        "жыл",
        "жылы",
        "жылғы",
        "жылдың",
        "year",
        "yr",
        "jahr",
        "jahre",
        "jahren",
    ];

    /// Kazakh "years" (plural): a decade after a round year (`1930 жылдары`), else dropped.
    const PLURAL_MARKERS: &[&str] = &["жылдар", "жылдары", "жылдарда", "жылдардағы"];

    /// Words that carry nothing in a date (`в ноябре`, `қараша айы`, `10th of November`).
    const FILLERS: &[&str] = &[
        "в",
        "во",
        "in",
        "im",
        "on",
        "am",
        "of",
        "the",
        "ай",
        "айы",
        "айында",
        "айда",
        "числа",
    ];

    /// "Circa" words before a date. The Cyrillic `с` counts only with a dot (`с. 1937`).
    const APPROX: &[&str] = &[
        "c",
        "ca",
        "cca",
        "circa",
        "approx",
        "approximately",
        "about",
        "around",
        "abt",
        "около",
        "ок",
        "приблизительно",
        "прибл",
        "примерно",
        "ориентировочно",
        "шамамен",
        "шам",
        "etwa",
        "ungefähr",
        "um",
        "са",
    ];

    /// "Perhaps" words before a date.
    const UNCERTAIN: &[&str] = &[
        "предположительно",
        "предпол",
        "предп",
        "вероятно",
        "возможно",
        "probably",
        "possibly",
        "perhaps",
        "vermutlich",
        "wahrscheinlich",
        "мүмкін",
    ];

    /// Ordinal endings written after a day number (`10th`, `10-го`, `10-ы`).
    const ORDINALS: &[&str] = &[
        "st", "nd", "rd", "th", "го", "ого", "ы", "і", "шы", "ші", "сы", "сі",
    ];

    /// Phrases opening a "before" date: `../X`.
    const BEFORE: &[&[&str]] = &[
        &["до"],
        &["не", "позднее"],
        &["не", "позже"],
        &["ранее"],
        &["раньше"],
        &["по"],
        &["before"],
        &["by"],
        &["until"],
        &["till"],
        &["not", "later", "than"],
        &["no", "later", "than"],
        &["not", "after"],
        &["vor"],
        &["bis"],
        &["spätestens"],
    ];

    /// Phrases opening an "after" date: `X/..`. The Cyrillic `с` ("since") has no dot here:
    /// `с. 1937` was already read as "circa".
    const AFTER: &[&[&str]] = &[
        &["после"],
        &["не", "ранее"],
        &["не", "раньше"],
        &["позднее"],
        &["позже"],
        &["с"],
        &["со"],
        &["от"],
        &["after"],
        &["since"],
        &["from"],
        &["not", "before"],
        &["not", "earlier", "than"],
        &["no", "earlier", "than"],
        &["nach"],
        &["seit"],
        &["ab"],
        &["frühestens"],
    ];

    /// Kazakh postpositions after a date: "until" and "after/since".
    const KZ_BEFORE: &[&str] = &["дейін", "шейін", "бұрын"];
    const KZ_AFTER: &[&str] = &["кейін", "соң", "бастап"];
    /// Kazakh case words or endings before a postposition (`1938 жылға дейін`, `1938-ге дейін`).
    const KZ_CASE: &[&str] = &[
        "жылға",
        "жылдан",
        "ге",
        "ға",
        "ке",
        "қа",
        "дан",
        "ден",
        "тан",
        "тен",
        "нан",
        "нен",
    ];

    /// Words opening a two-sided span (`с … по …`, `between … and …`).
    const PAIR_START: &[&str] = &["с", "со", "от", "from", "between", "между", "von", "vom"];
    const PAIR_SEP: &[&str] = &["по", "до", "to", "until", "till", "and", "и", "bis"];
    /// Words between the two dates of a span without an opening word (`1937 to 1938`).
    const RANGE_SEP: &[&str] = &["to", "till", "until", "bis", "по"];

    /// Suffixes of a decade (`1930-е`, `1930-х`, `1930s`, `1930er`, `1930 жылдары`).
    const DECADE: &[&str] = &[
        "е",
        "e",
        "х",
        "ые",
        "ых",
        "ие",
        "их",
        "s",
        "er",
        "жылдар",
        "жылдары",
        "жылдарда",
        "жылдардағы",
    ];

    /// Season words: spring, summer, autumn, winter.
    const SEASONS: [&[&str]; 4] = [
        &[
            "весна",
            "весной",
            "весны",
            "весне",
            "весну",
            "spring",
            "frühling",
            "frühjahr",
            "көктем",
            "көктемде",
            "көктемі",
        ],
        &[
            "лето",
            "летом",
            "лета",
            "лете",
            "summer",
            "sommer",
            "жаз",
            "жазда",
            "жазы",
        ],
        &[
            "осень",
            "осенью",
            "осени",
            "autumn",
            "fall",
            "herbst",
            "күз",
            "күзде",
            "күзі",
        ],
        &[
            "зима",
            "зимой",
            "зимы",
            "зиме",
            "зиму",
            "winter",
            "қыс",
            "қыста",
            "қысы",
        ],
    ];

    /// Month forms: Russian stems (plus [`ENDINGS`]), Kazakh Cyrillic and Latin, English, German.
    /// A word is a month when it equals a form, is a form plus an ending, or is a prefix of at
    /// least three letters of a form (an abbreviation), and all matching forms agree.
    const MONTHS: &[(&str, u8)] = &[
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("май", 5),
        ("мая", 5),
        ("мае", 5),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
        ("қаңтар", 1),
        ("ақпан", 2),
        ("наурыз", 3),
        ("сәуір", 4),
        ("мамыр", 5),
        ("маусым", 6),
        ("шілде", 7),
        ("тамыз", 8),
        ("қыркүйек", 9),
        ("қыркүйег", 9),
        ("қазан", 10),
        ("қараша", 11),
        ("желтоқсан", 12),
        ("qańtar", 1),
        ("qantar", 1),
        ("aqpan", 2),
        ("nauryz", 3),
        ("naýryz", 3),
        ("sáuir", 4),
        ("sáýir", 4),
        ("sauir", 4),
        ("mamyr", 5),
        ("mausym", 6),
        ("maýsym", 6),
        ("shilde", 7),
        ("tamyz", 8),
        ("qyrkúiek", 9),
        ("qyrkuiek", 9),
        ("qazan", 10),
        ("qarasha", 11),
        ("jeltoqsan", 12),
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("märz", 3),
        ("maerz", 3),
        ("mrz", 3),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
    ];

    /// Russian and Kazakh endings after a month form (`ноября`, `ноябре`, `қарашада`, `қаңтары`).
    const ENDINGS: &[&str] = &[
        "ь",
        "я",
        "е",
        "ю",
        "а",
        "ом",
        "ем",
        "ём",
        "ы",
        "і",
        "сы",
        "сі",
        "да",
        "де",
        "та",
        "те",
        "нда",
        "нде",
        "ында",
        "інде",
        "сында",
        "сінде",
        "ның",
        "нің",
        "дың",
        "дің",
        "тың",
        "тің",
        "ға",
        "ге",
        "на",
        "не",
        "дағы",
        "дегі",
        "тағы",
        "тегі",
        "ындағы",
        "сындағы",
        "нан",
        "нен",
        "дан",
        "ден",
        "тан",
        "тен",
    ];

    // ----------------------------------------------------------------------------------------
    // Tokens.

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        /// ASCII digits: value (saturating) and digit count (saturating).
        Num(u32, u8),
        /// Letters.
        Word,
        /// One other character, dashes and quotes normalized.
        Punct(char),
    }

    #[derive(Debug, Clone, Copy)]
    struct Tok<'a> {
        kind: Kind,
        text: &'a str,
        start: usize,
        end: usize,
    }

    const EMPTY: Tok<'static> = Tok {
        kind: Kind::Punct(' '),
        text: "",
        start: 0,
        end: 0,
    };

    impl<'a> Tok<'a> {
        fn num(&self) -> Option<(u32, u8)> {
            match self.kind {
                Kind::Num(v, d) => Some((v, d)),
                _ => None,
            }
        }

        fn word(&self) -> Option<&'a str> {
            (self.kind == Kind::Word).then_some(self.text)
        }

        fn is_p(&self, c: char) -> bool {
            self.kind == Kind::Punct(c)
        }

        fn is_w(&self, list: &[&str]) -> bool {
            self.word().is_some_and(|w| list.contains(&w))
        }
    }

    fn is_space(c: char) -> bool {
        c.is_whitespace() || crate::model::invisible::is_invisible(c)
    }

    fn normalize(c: char) -> char {
        match c {
            '\u{2010}' | '\u{2011}' => '-',
            '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '–',
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{2248}' | '\u{223C}' => '~',
            '\u{FF1F}' => '?',
            c => c,
        }
    }

    fn tokenize<'a>(s: &'a str, out: &mut [Tok<'a>; MAX_TOKENS]) -> R<usize> {
        let mut n = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_space(c) {
                continue;
            }
            let mut end = i + c.len_utf8();
            let kind = if let Some(d) = c.to_digit(10) {
                let (mut v, mut digits) = (d, 1u8);
                while let Some(&(j, c2)) = chars.peek() {
                    let Some(d2) = c2.to_digit(10) else { break };
                    v = v.saturating_mul(10).saturating_add(d2);
                    digits = digits.saturating_add(1);
                    end = j + 1;
                    chars.next();
                }
                Kind::Num(v, digits)
            } else if c.is_alphabetic() {
                while let Some(&(j, c2)) = chars.peek() {
                    // Combining marks stay in the word (decomposed text), digits and the rest end it.
                    if !(c2.is_alphabetic() || ('\u{0300}'..='\u{036F}').contains(&c2)) {
                        break;
                    }
                    end = j + c2.len_utf8();
                    chars.next();
                }
                Kind::Word
            } else {
                Kind::Punct(normalize(c))
            };
            let slot = out.get_mut(n).ok_or_else(unparseable)?;
            *slot = Tok {
                kind,
                text: s.get(i..end).unwrap_or(""),
                start: i,
                end,
            };
            n += 1;
        }
        Ok(n)
    }

    // ----------------------------------------------------------------------------------------
    // Entry.

    pub(super) fn parse_value(text: &str) -> R<DateValue> {
        let trimmed = text.trim_matches(is_space);
        if trimmed.is_empty() {
            return Ok(DateValue::Unknown);
        }
        if trimmed.len() > MAX_BYTES {
            return Err(unparseable());
        }
        if let Some(v) = plain(trimmed) {
            return Ok(v);
        }
        let lower = trimmed.to_lowercase();
        let mut buf = [EMPTY; MAX_TOKENS];
        let n = tokenize(&lower, &mut buf)?;
        let t = &buf[..n];
        if is_unknown(t) {
            return Ok(DateValue::Unknown);
        }
        any(t)
    }

    /// The forms most lists are written in — `1937-11-10`, `1937-11`, `1937`, `10.11.1937` —
    /// read without lowercasing and tokenizing (a tenth of the time of reading a list). Only a
    /// valid date in years 1000–2999 is answered here; anything else, errors included, goes
    /// the long way, which gives the same value (`plain_forms_read_as_the_long_way`).
    pub(super) fn plain(text: &str) -> Option<DateValue> {
        fn num(s: &[u8]) -> Option<u32> {
            s.iter().try_fold(0u32, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        }
        let b = text.as_bytes();
        let (year, month, day) = match b.len() {
            4 => (num(b)?, None, None),
            7 if b[4] == b'-' => (num(&b[..4])?, Some(num(&b[5..])?), None),
            10 if b[4] == b'-' && b[7] == b'-' => {
                (num(&b[..4])?, Some(num(&b[5..7])?), Some(num(&b[8..])?))
            }
            10 if b[2] == b'.' && b[5] == b'.' => {
                (num(&b[6..])?, Some(num(&b[3..5])?), Some(num(&b[..2])?))
            }
            _ => return None,
        };
        if !(1000..=2999).contains(&year) {
            return None;
        }
        let year = i32::try_from(year).ok()?;
        let small = |n: u32| u8::try_from(n).ok();
        let point = match (month, day) {
            (None, _) => DatePoint::year(year),
            (Some(m), None) => DatePoint::year_month(year, small(m)?).ok()?,
            (Some(m), Some(d)) => DatePoint::ymd(year, small(m)?, small(d)?).ok()?,
        };
        Some(DateValue::Point(point))
    }

    /// [`parse_value`] without the quick reading of plain forms.
    #[cfg(test)]
    pub(super) fn long_way(text: &str) -> R<DateValue> {
        let lower = text.to_lowercase();
        let mut buf = [EMPTY; MAX_TOKENS];
        let n = tokenize(&lower, &mut buf)?;
        any(&buf[..n])
    }

    fn is_unknown(mut t: &[Tok<'_>]) -> bool {
        while let [rest @ .., last] = t
            && last.is_p('.')
            && !rest.is_empty()
        {
            t = rest;
        }
        UNKNOWN.iter().any(|m| spells(t, m))
    }

    /// Whether the tokens, concatenated, are exactly `m`.
    fn spells(t: &[Tok<'_>], m: &str) -> bool {
        let mut rest = m;
        for tok in t {
            match rest.strip_prefix(tok.text) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        !t.is_empty() && rest.is_empty()
    }

    /// Any date, including EDTF intervals with `/`.
    fn any(t: &[Tok<'_>]) -> R<DateValue> {
        let mut slashes = t.iter().enumerate().filter(|(_, x)| x.is_p('/'));
        if let (Some((i, _)), None) = (slashes.next(), slashes.next())
            && !month_slash_year(t)
            && t.first().is_none_or(|x| season_of(x).is_none())
        {
            let left = side(&t[..i], true, true)?;
            let right = side(&t[i + 1..], false, true)?;
            return combine(left, right);
        }
        qualified(t)
    }

    /// `11/1937`: a month, not an interval.
    fn month_slash_year(t: &[Tok<'_>]) -> bool {
        matches!(t, [a, s, b, ..] if s.is_p('/') && a.num().is_some_and(|(_, d)| d <= 2) && b.num().is_some())
    }

    // ----------------------------------------------------------------------------------------
    // Qualifiers.

    #[derive(Debug, Clone, Copy, Default)]
    struct Flags {
        uncertain: bool,
        approximate: bool,
    }

    fn skip_dot<'t, 'a>(t: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
        match t {
            [d, rest @ ..] if d.is_p('.') => rest,
            _ => t,
        }
    }

    /// Drops decoration around a date (`г.`, trailing dots, `в`) and collects its qualifiers
    /// (`?`, `~`, `%`, `(?)`, `[…]`, `ок.`, `c.`, `предположительно`).
    fn strip<'t, 'a>(mut t: &'t [Tok<'a>], f: &mut Flags) -> &'t [Tok<'a>] {
        loop {
            let len = t.len();
            match t {
                [rest @ .., last] if matches!(last.kind, Kind::Punct('.' | ',' | ';' | ':')) => {
                    t = rest
                }
                [rest @ .., last] if last.is_p('?') => {
                    f.uncertain = true;
                    t = rest;
                }
                [rest @ .., last] if last.is_p('~') => {
                    f.approximate = true;
                    t = rest;
                }
                [rest @ .., last] if last.is_p('%') => {
                    f.uncertain = true;
                    f.approximate = true;
                    t = rest;
                }
                [rest @ .., o, q, c]
                    if q.is_p('?')
                        && ((o.is_p('(') && c.is_p(')')) || (o.is_p('[') && c.is_p(']'))) =>
                {
                    f.uncertain = true;
                    t = rest;
                }
                [rest @ .., last] if last.is_w(MARKERS) => t = rest,
                // `1937 г.р.` (year of birth).
                [rest @ .., last]
                    if last.is_w(&["р"])
                        && skip_dot_end(rest).last().is_some_and(|g| g.is_w(&["г"])) =>
                {
                    t = rest;
                }
                // `1930–1940 жылдары`: the plural belongs to the span, not to its end.
                [rest @ .., last]
                    if last.is_w(PLURAL_MARKERS)
                        && rest
                            .split_last()
                            .is_some_and(|(_, r)| r.iter().any(is_range_sep)) =>
                {
                    t = rest;
                }
                _ => {}
            }
            match t {
                [first, rest @ ..] if first.is_p('~') => {
                    f.approximate = true;
                    t = rest;
                }
                [first, rest @ ..] if first.is_p('?') => {
                    f.uncertain = true;
                    t = rest;
                }
                [first, rest @ ..]
                    if first.is_w(APPROX)
                        || (first.is_w(&["с"]) && rest.first().is_some_and(|d| d.is_p('.'))) =>
                {
                    f.approximate = true;
                    t = skip_dot(rest);
                }
                [first, rest @ ..] if first.is_w(UNCERTAIN) => {
                    f.uncertain = true;
                    t = skip_dot(rest);
                }
                [first, rest @ ..] if first.is_w(FILLERS) => t = rest,
                _ => {}
            }
            if let [o, inner @ .., c] = t
                && o.is_p('[')
                && c.is_p(']')
            {
                f.uncertain = true;
                t = inner;
            }
            if t.len() == len {
                return t;
            }
        }
    }

    fn skip_dot_end<'t, 'a>(t: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
        match t {
            [rest @ .., d] if d.is_p('.') => rest,
            _ => t,
        }
    }

    fn is_range_sep(x: &Tok<'_>) -> bool {
        x.is_p('–') || x.is_p('-') || x.is_w(RANGE_SEP)
    }

    fn apply(v: DateValue, f: Flags) -> DateValue {
        if !f.uncertain && !f.approximate {
            return v;
        }
        let q = |e: IntervalEnd| match e {
            IntervalEnd::Point(p) => IntervalEnd::Point(with_flags(p, f)),
            e => e,
        };
        match v {
            DateValue::Point(p) => DateValue::Point(with_flags(p, f)),
            DateValue::Interval { start, end } => DateValue::Interval {
                start: q(start),
                end: q(end),
            },
            DateValue::Unknown => DateValue::Unknown,
        }
    }

    fn with_flags(p: DatePoint, f: Flags) -> DatePoint {
        DatePoint {
            uncertain: p.uncertain || f.uncertain,
            approximate: p.approximate || f.approximate,
            ..p
        }
    }

    fn flags_of(p: &DatePoint) -> Flags {
        Flags {
            uncertain: p.uncertain,
            approximate: p.approximate,
        }
    }

    // ----------------------------------------------------------------------------------------
    // Spans.

    /// One side of a span.
    #[derive(Debug, Clone, Copy)]
    enum Side {
        /// Empty side of an EDTF interval.
        Unknown,
        /// `..`
        Open,
        /// A complete date.
        Value(DateValue),
        /// A start without its year (and maybe month), borrowed from the end: `10` in `10–12 ноября 1937`.
        Partial(Parts, Flags),
        /// A two-digit end year: `38` in `1937–38`.
        Short(u32, Flags),
    }

    fn side(t: &[Tok<'_>], left: bool, slash: bool) -> R<Side> {
        if slash {
            if t.is_empty() {
                return Ok(Side::Unknown);
            }
            if t.len() >= 2 && t.iter().all(|x| x.is_p('.')) {
                return Ok(Side::Open);
            }
        }
        let mut f = Flags::default();
        let s = strip(t, &mut f);
        if !left
            && let [x] = s
            && let Some((v, 2)) = x.num()
        {
            return Ok(Side::Short(v, f));
        }
        match qualified(t) {
            Ok(DateValue::Unknown) => Err(unparseable()),
            Ok(v) => Ok(Side::Value(v)),
            Err(e) if left && is_unparseable(&e) => {
                partial(s).map(|p| Side::Partial(p, f)).map_err(|_| e)
            }
            Err(e) => Err(e),
        }
    }

    fn first_end(v: DateValue) -> R<IntervalEnd> {
        match v {
            DateValue::Point(p) => Ok(IntervalEnd::Point(p)),
            DateValue::Interval { start, .. } => Ok(start),
            DateValue::Unknown => Err(unparseable()),
        }
    }

    fn last_end(v: DateValue) -> R<IntervalEnd> {
        match v {
            DateValue::Point(p) => Ok(IntervalEnd::Point(p)),
            DateValue::Interval { end, .. } => Ok(end),
            DateValue::Unknown => Err(unparseable()),
        }
    }

    fn combine(left: Side, right: Side) -> R<DateValue> {
        let end = match right {
            Side::Unknown => IntervalEnd::Unknown,
            Side::Open => IntervalEnd::Open,
            Side::Value(v) => last_end(v)?,
            Side::Short(n, f) => {
                let Side::Value(lv) = left else {
                    return Err(unparseable());
                };
                let IntervalEnd::Point(p) = first_end(lv)? else {
                    return Err(unparseable());
                };
                if p.precision() != Precision::Year {
                    return Err(unparseable());
                }
                let year = p.year - p.year.rem_euclid(100) + to_i32(n);
                if year <= p.year {
                    return Err(reversed());
                }
                IntervalEnd::Point(with_flags(DatePoint::year(year), f))
            }
            Side::Partial(..) => return Err(unparseable()),
        };
        let start = match left {
            Side::Unknown => IntervalEnd::Unknown,
            Side::Open => IntervalEnd::Open,
            Side::Value(v) => first_end(v)?,
            Side::Partial(mut parts, f) => {
                // The end must be at least as precise as the start it completes: `10–12 ноября`,
                // `ноябрь–декабрь 1937`, but not `10–ноябрь 1937` or `ноябрь–1937`.
                let needed = if parts.day.is_some() {
                    Precision::Day
                } else {
                    Precision::Month
                };
                let IntervalEnd::Point(e) = end else {
                    return Err(unparseable());
                };
                if e.precision() < needed {
                    return Err(unparseable());
                }
                parts.year = Some((u32::try_from(e.year).map_err(|_| unparseable())?, 4));
                if parts.month.is_none() {
                    parts.month = Some((u32::from(e.month.ok_or_else(unparseable)?), 2));
                }
                IntervalEnd::Point(with_flags(finalize(parts)?, f))
            }
            Side::Short(..) => return Err(unparseable()),
        };
        interval(start, end)
    }

    /// The point with its qualifiers dropped: the bounds "as written".
    fn bare(p: &DatePoint) -> DatePoint {
        DatePoint {
            uncertain: false,
            approximate: false,
            ..*p
        }
    }

    fn interval(start: IntervalEnd, end: IntervalEnd) -> R<DateValue> {
        match (&start, &end) {
            (IntervalEnd::Point(s), IntervalEnd::Point(e)) => {
                if bare(s).earliest() > bare(e).latest() {
                    return Err(reversed());
                }
            }
            (IntervalEnd::Point(_), _) | (_, IntervalEnd::Point(_)) => {}
            _ => return Err(unparseable()),
        }
        Ok(DateValue::Interval { start, end })
    }

    fn to_i32(v: u32) -> i32 {
        i32::try_from(v).unwrap_or(i32::MAX)
    }

    // ----------------------------------------------------------------------------------------
    // Grammar.

    /// A date with its qualifiers.
    fn qualified(t: &[Tok<'_>]) -> R<DateValue> {
        let mut f = Flags::default();
        let t = strip(t, &mut f);
        if t.is_empty() {
            return Err(unparseable());
        }
        core(t).map(|v| apply(v, f))
    }

    fn core(t: &[Tok<'_>]) -> R<DateValue> {
        if let Some(v) = pair_range(t) {
            return v;
        }
        if let Some(v) = open_end(t) {
            return v;
        }
        if let Some(v) = season(t) {
            return v;
        }
        if let Some(v) = decade(t) {
            return v;
        }
        if let Some(i) = t.iter().position(|x| x.is_p('–') || x.is_w(RANGE_SEP))
            && i > 0
            && i + 1 < t.len()
        {
            if t[i + 1..].iter().any(|x| x.is_p('–') || x.is_w(RANGE_SEP)) {
                return Err(unparseable());
            }
            return combine(
                side(&t[..i], true, false)?,
                side(&t[i + 1..], false, false)?,
            );
        }
        match point(t) {
            Err(e) if is_unparseable(&e) => {
                // `1937-1938`, `ноябрь-декабрь 1937`: one hyphen between two dates.
                let mut hyphens = t.iter().enumerate().filter(|(_, x)| x.is_p('-'));
                if let (Some((i, _)), None) = (hyphens.next(), hyphens.next())
                    && i > 0
                    && i + 1 < t.len()
                {
                    let split = side(&t[..i], true, false)
                        .and_then(|l| Ok((l, side(&t[i + 1..], false, false)?)))
                        .and_then(|(l, r)| combine(l, r));
                    return match split {
                        Err(e2) if is_unparseable(&e2) => Err(e),
                        other => other,
                    };
                }
                Err(e)
            }
            other => other,
        }
    }

    fn starts_with_words(t: &[Tok<'_>], phrase: &[&str]) -> bool {
        t.len() >= phrase.len() && t.iter().zip(phrase).all(|(x, w)| x.word() == Some(*w))
    }

    /// `с 1937 по 1938`, `from 1937 to 1938`, `between 1937 and 1938`, `от 1930 до 1933`.
    fn pair_range(t: &[Tok<'_>]) -> Option<R<DateValue>> {
        let first = t.first()?;
        if !first.is_w(PAIR_START) {
            return None;
        }
        let i = t
            .iter()
            .skip(2)
            .position(|x| x.is_w(PAIR_SEP) || x.is_p('–'))?
            + 2;
        if i + 1 >= t.len() || t[i + 1..].iter().any(|x| x.is_w(PAIR_SEP) || x.is_p('–')) {
            return Some(Err(unparseable()));
        }
        Some(side(&t[1..i], true, false).and_then(|l| combine(l, side(&t[i + 1..], false, false)?)))
    }

    /// `до 1938`, `после 1930`, `не позднее 1938`, `1938 жылға дейін`.
    fn open_end(t: &[Tok<'_>]) -> Option<R<DateValue>> {
        for (phrases, before) in [(BEFORE, true), (AFTER, false)] {
            if let Some(p) = phrases.iter().find(|p| starts_with_words(t, p)) {
                let rest = skip_dot(&t[p.len()..]);
                if rest.is_empty() {
                    return Some(Err(unparseable()));
                }
                return Some(open(qualified(rest), before));
            }
        }
        let [rest @ .., last] = t else { return None };
        let before = last.is_w(KZ_BEFORE);
        if !before && !last.is_w(KZ_AFTER) {
            return None;
        }
        let rest = kz_case(rest);
        if rest.is_empty() {
            return Some(Err(unparseable()));
        }
        // `1930 жылдан 1933 жылға дейін`: from … until ….
        if before
            && let Some(i) = rest.iter().position(|x| x.is_w(&["жылдан"]))
            && i > 0
            && i + 1 < rest.len()
        {
            return Some(
                side(&rest[..i], true, false)
                    .and_then(|l| combine(l, side(&rest[i + 1..], false, false)?)),
            );
        }
        Some(open(qualified(rest), before))
    }

    fn kz_case<'t, 'a>(t: &'t [Tok<'a>]) -> &'t [Tok<'a>] {
        let t = match t {
            [rest @ .., w] if w.is_w(KZ_CASE) => rest,
            _ => t,
        };
        match t {
            [rest @ .., d] if d.is_p('-') => rest,
            _ => t,
        }
    }

    fn open(v: R<DateValue>, before: bool) -> R<DateValue> {
        let v = v?;
        if before {
            let p @ IntervalEnd::Point(_) = first_end(v)? else {
                return Err(unparseable());
            };
            interval(IntervalEnd::Open, p)
        } else {
            let p @ IntervalEnd::Point(_) = last_end(v)? else {
                return Err(unparseable());
            };
            interval(p, IntervalEnd::Open)
        }
    }

    fn season_of(x: &Tok<'_>) -> Option<usize> {
        SEASONS.iter().position(|words| x.is_w(words))
    }

    /// `весна 1938`, `spring 1938`, `1938 жылдың көктемі`, `зима 1937/38`.
    fn season(t: &[Tok<'_>]) -> Option<R<DateValue>> {
        let (s, rest) = if let [first, rest @ ..] = t
            && let Some(s) = season_of(first)
        {
            (s, rest)
        } else if let [rest @ .., last] = t
            && let Some(s) = season_of(last)
        {
            (s, rest)
        } else {
            return None;
        };
        if rest.is_empty() {
            return Some(Err(unparseable()));
        }
        Some(any(rest).and_then(|v| season_value(s, v)))
    }

    fn season_value(s: usize, v: DateValue) -> R<DateValue> {
        let months = |y: i32, a: u8, b: u8, fa: Flags, fb: Flags| {
            interval(
                IntervalEnd::Point(with_flags(DatePoint::year_month(y, a)?, fa)),
                IntervalEnd::Point(with_flags(DatePoint::year_month(y, b)?, fb)),
            )
        };
        match v {
            DateValue::Point(p) if p.precision() == Precision::Year => {
                let f = flags_of(&p);
                match s {
                    0 => months(p.year, 3, 5, f, f),
                    1 => months(p.year, 6, 8, f, f),
                    2 => months(p.year, 9, 11, f, f),
                    // Which winter "winter 1938" means is ambiguous: the whole year holds both.
                    _ => months(p.year, 1, 12, f, f),
                }
            }
            DateValue::Interval {
                start: IntervalEnd::Point(a),
                end: IntervalEnd::Point(b),
            } if s == 3
                && a.precision() == Precision::Year
                && b.precision() == Precision::Year
                && b.year == a.year + 1 =>
            {
                interval(
                    IntervalEnd::Point(with_flags(
                        DatePoint::year_month(a.year, 12)?,
                        flags_of(&a),
                    )),
                    IntervalEnd::Point(with_flags(DatePoint::year_month(b.year, 2)?, flags_of(&b))),
                )
            }
            _ => Err(unparseable()),
        }
    }

    /// `1930-е`, `1930-х`, `1930s`, `1930's`, `1930er`, `1930 жылдары`.
    fn decade(t: &[Tok<'_>]) -> Option<R<DateValue>> {
        let (n, w) = match t {
            [n, w] => (n, w),
            [n, sep, w] if sep.is_p('-') || sep.is_p('\'') => (n, w),
            _ => return None,
        };
        let (v, d) = n.num()?;
        if !w.is_w(DECADE) {
            return None;
        }
        let plural = w.is_w(PLURAL_MARKERS);
        Some(year_of((v, d)).and_then(|y| {
            if y % 10 != 0 {
                // `1937 жылдары` is just the year; `1937-е` is nothing.
                return if plural {
                    Ok(DateValue::Point(DatePoint::year(y)))
                } else {
                    Err(unparseable())
                };
            }
            interval(
                IntervalEnd::Point(DatePoint::year(y)),
                IntervalEnd::Point(DatePoint::year(y + 9)),
            )
        }))
    }

    // ----------------------------------------------------------------------------------------
    // Single dates.

    /// Year, month and day as written: (value, digit count). Month names count as 1 digit.
    #[derive(Debug, Clone, Copy, Default)]
    struct Parts {
        year: Option<(u32, u8)>,
        month: Option<(u32, u8)>,
        day: Option<(u32, u8)>,
    }

    fn year_of((v, d): (u32, u8)) -> R<i32> {
        match d {
            4 if (1000..=2999).contains(&v) => Ok(to_i32(v)),
            3 | 4 => Err(DateError::new(DateErrorKind::YearOutOfRange {
                year: i64::from(v),
            })),
            _ => Err(unparseable()),
        }
    }

    fn month_num((v, d): (u32, u8)) -> R<u8> {
        if d > 2 {
            return Err(unparseable());
        }
        u8::try_from(v)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| DateError::new(DateErrorKind::MonthOutOfRange { month: v }))
    }

    fn day_num((v, d): (u32, u8)) -> R<u8> {
        if d > 2 {
            return Err(unparseable());
        }
        u8::try_from(v).map_err(|_| unparseable())
    }

    /// Checks the parts against the (Gregorian) calendar.
    fn finalize(p: Parts) -> R<DatePoint> {
        let y = year_of(p.year.ok_or_else(unparseable)?)?;
        let Some(m) = p.month else {
            return if p.day.is_some() {
                Err(unparseable())
            } else {
                Ok(DatePoint::year(y))
            };
        };
        let m = month_num(m)?;
        match p.day {
            None => DatePoint::year_month(y, m),
            Some(d) => DatePoint::ymd(y, m, day_num(d)?),
        }
    }

    fn point(t: &[Tok<'_>]) -> R<DateValue> {
        if let Some(v) = numeric(t) {
            return v;
        }
        named(t).map(DateValue::Point)
    }

    fn year_point(a: (u32, u8)) -> R<DateValue> {
        year_of(a).map(|y| DateValue::Point(DatePoint::year(y)))
    }

    fn years(a: u32, b: u32) -> R<DateValue> {
        let (a, b) = (year_of((a, 4))?, year_of((b, 4))?);
        interval(
            IntervalEnd::Point(DatePoint::year(a)),
            IntervalEnd::Point(DatePoint::year(b)),
        )
    }

    /// All-digit forms: EDTF/ISO, `10.11.1937`, `10/11/1937`, `11.1937`, `193X`. `None` when the
    /// tokens are not of such a shape.
    fn numeric(t: &[Tok<'_>]) -> Option<R<DateValue>> {
        match t {
            [a] => Some(year_point(a.num()?)),
            [m, a] if m.is_p('-') => {
                // EDTF negative year.
                let (v, d) = a.num()?;
                (d == 4).then(|| {
                    Err(DateError::new(DateErrorKind::YearOutOfRange {
                        year: -i64::from(v),
                    }))
                })
            }
            [a, x] if a.end == x.start => {
                // EDTF unspecified digits: `193X`, `19XX`.
                match (a.num()?, x.word()?) {
                    ((v, 3), "x") => Some(years(v * 10, v * 10 + 9)),
                    ((v, 2), "xx") => Some(years(v * 100, v * 100 + 99)),
                    _ => None,
                }
            }
            [a, s, b] => {
                let a = a.num()?;
                match s.kind {
                    Kind::Punct('-') if a.1 == 4 => {
                        if b.is_w(&["xx"]) {
                            return Some(year_point(a));
                        }
                        let b = b.num()?;
                        (b.1 == 2).then(|| year_dash(a, b))
                    }
                    Kind::Punct('.' | '/') => {
                        let b = b.num()?;
                        if a.1 <= 2 {
                            Some(
                                finalize(Parts {
                                    year: Some(b),
                                    month: Some(a),
                                    day: None,
                                })
                                .map(DateValue::Point),
                            )
                        } else if a.1 == 4 && b.1 <= 2 {
                            Some(
                                finalize(Parts {
                                    year: Some(a),
                                    month: Some(b),
                                    day: None,
                                })
                                .map(DateValue::Point),
                            )
                        } else {
                            None
                        }
                    }
                    _ => None,
                }
            }
            [a, s1, b, s2, c, rest @ ..] => {
                let (Kind::Punct(c1), Kind::Punct(c2)) = (s1.kind, s2.kind) else {
                    return None;
                };
                if c1 != c2 || !matches!(c1, '.' | '/' | '-') {
                    return None;
                }
                let a = a.num()?;
                if c1 == '-' && a.1 == 4 && rest.is_empty() && c.is_w(&["xx"]) {
                    // EDTF `1937-11-XX`, `1937-XX-XX`.
                    return Some(if b.is_w(&["xx"]) {
                        year_point(a)
                    } else {
                        match b.num() {
                            Some(m) if m.1 == 2 => finalize(Parts {
                                year: Some(a),
                                month: Some(m),
                                day: None,
                            })
                            .map(DateValue::Point),
                            _ => Err(unparseable()),
                        }
                    });
                }
                let (b, c) = (b.num()?, c.num()?);
                if !rest.is_empty() && !is_time(rest) {
                    return None;
                }
                let parts = if a.1 == 4 {
                    if c1 == '-' && (b.1 != 2 || c.1 != 2) {
                        return None;
                    }
                    Parts {
                        year: Some(a),
                        month: Some(b),
                        day: Some(c),
                    }
                } else if a.1 <= 2 && b.1 <= 2 {
                    Parts {
                        year: Some(c),
                        month: Some(b),
                        day: Some(a),
                    }
                } else {
                    return None;
                };
                Some(finalize(parts).map(DateValue::Point))
            }
            _ => None,
        }
    }

    /// `YYYY-NN`: a month for `01`–`12`, else a span of years within the century (`1937-38`).
    fn year_dash(a: (u32, u8), b: (u32, u8)) -> R<DateValue> {
        let y = year_of(a)?;
        match b.0 {
            1..=12 => finalize(Parts {
                year: Some(a),
                month: Some(b),
                day: None,
            })
            .map(DateValue::Point),
            n => {
                let end = y - y.rem_euclid(100) + to_i32(n);
                if n == 0 || end <= y {
                    return Err(DateError::new(DateErrorKind::MonthOutOfRange { month: n }));
                }
                interval(
                    IntervalEnd::Point(DatePoint::year(y)),
                    IntervalEnd::Point(DatePoint::year(end)),
                )
            }
        }
    }

    /// An ISO time after a date: `T00:00:00`, `10:30`, `T10:30:00.000Z`, `T10:30+06:00`.
    fn is_time(t: &[Tok<'_>]) -> bool {
        let (t, has_t) = match t {
            [w, rest @ ..] if w.is_w(&["t"]) => (rest, true),
            _ => (t, false),
        };
        let [h, rest @ ..] = t else { return false };
        let mut t = rest;
        if !h.num().is_some_and(|(v, d)| d == 2 && v <= 24) {
            return false;
        }
        let mut parts = 0;
        while parts < 2
            && let [c, m, rest @ ..] = t
            && c.is_p(':')
            && m.num().is_some_and(|(v, d)| d == 2 && v <= 60)
        {
            t = rest;
            parts += 1;
        }
        if parts == 0 && !has_t {
            return false;
        }
        if let [dot, frac, rest @ ..] = t
            && (dot.is_p('.') || dot.is_p(','))
            && frac.num().is_some()
        {
            t = rest;
        }
        match t {
            [] => true,
            [z] => z.is_w(&["z"]),
            [s, h, rest @ ..] if s.is_p('+') || s.is_p('-') => match rest {
                [] => h.num().is_some_and(|(_, d)| d == 2 || d == 4),
                [c, m] => {
                    h.num().is_some_and(|(_, d)| d == 2)
                        && c.is_p(':')
                        && m.num().is_some_and(|(_, d)| d == 2)
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// A number or a month in a written date.
    #[derive(Debug, Clone, Copy)]
    enum Atom {
        N(u32, u8),
        M(u8),
    }

    /// Whether the word at `i` is an ordinal ending written onto the number before it
    /// (`10th`, `10-го`), as opposed to a Roman month after a space (`10 І 1937`).
    fn is_ordinal(seg: &[Tok<'_>], i: usize) -> bool {
        let tok = &seg[i];
        if !tok.is_w(ORDINALS) {
            return false;
        }
        match i.checked_sub(1).map(|j| &seg[j]) {
            Some(p) if p.num().is_some() => p.end == tok.start,
            Some(p) if p.is_p('-') => i >= 2 && seg[i - 2].num().is_some(),
            _ => false,
        }
    }

    /// The numbers and months of the segments, decoration dropped.
    fn atoms(segments: &[&[Tok<'_>]], out: &mut [Atom; MAX_ATOMS]) -> R<usize> {
        let mut n = 0;
        for seg in segments {
            for (i, tok) in seg.iter().enumerate() {
                // The nearest earlier token that is not a dot or comma.
                let after = seg[..i]
                    .iter()
                    .rev()
                    .find(|x| !matches!(x.kind, Kind::Punct('.' | ',')));
                let atom = match tok.kind {
                    Kind::Num(v, d) => Some(Atom::N(v, d)),
                    // Dots and commas only after a number or word, one at a time.
                    Kind::Punct('.' | ',')
                        if i > 0 && !matches!(seg[i - 1].kind, Kind::Punct(_)) =>
                    {
                        None
                    }
                    // `10-го`, and `10-XI-1937` / `ноябрь-1937` (a hyphen between two parts).
                    Kind::Punct('-')
                        if i > 0
                            && i + 1 < seg.len()
                            && !matches!(seg[i - 1].kind, Kind::Punct(_))
                            && !matches!(seg[i + 1].kind, Kind::Punct(_)) =>
                    {
                        None
                    }
                    Kind::Punct(_) => return Err(unparseable()),
                    Kind::Word => {
                        if is_ordinal(seg, i) {
                            None
                        } else if let Some(m) = month_word(tok.text) {
                            Some(Atom::M(m))
                        } else if (tok.is_w(MARKERS) || tok.is_w(PLURAL_MARKERS))
                            && after.is_some_and(|x| x.num().is_some())
                        {
                            // `1937 г.`, `1937 жылғы 10 қараша`: a year word right after the year.
                            None
                        } else if tok.is_w(FILLERS) {
                            None
                        } else {
                            return Err(unparseable());
                        }
                    }
                };
                if let Some(a) = atom {
                    *out.get_mut(n).ok_or_else(unparseable)? = a;
                    n += 1;
                }
            }
        }
        Ok(n)
    }

    /// Year, month and day from the atoms of a date with a month name.
    fn full_parts(a: &[Atom]) -> R<Parts> {
        use Atom::{M, N};
        let p = |y: (u32, u8), m: u8, d: Option<(u32, u8)>| Parts {
            year: Some(y),
            month: Some((u32::from(m), 1)),
            day: d,
        };
        match *a {
            [N(y, yd)] => Ok(Parts {
                year: Some((y, yd)),
                month: None,
                day: None,
            }),
            [M(m), N(y, yd)] | [N(y, yd), M(m)] => Ok(p((y, yd), m, None)),
            [N(a, ad), M(m), N(b, bd)] => {
                if ad <= 2 {
                    Ok(p((b, bd), m, Some((a, ad))))
                } else {
                    Ok(p((a, ad), m, Some((b, bd))))
                }
            }
            [M(m), N(d, dd), N(y, yd)] | [N(y, yd), N(d, dd), M(m)] => {
                Ok(p((y, yd), m, Some((d, dd))))
            }
            _ => Err(unparseable()),
        }
    }

    /// A date with a month name or Roman month, possibly with an Old Style (New Style) pair.
    fn named(t: &[Tok<'_>]) -> R<DatePoint> {
        let mut outer = [Atom::M(0); MAX_ATOMS];
        if let Some(i) = t.iter().position(|x| x.is_p('(')) {
            let j = t
                .iter()
                .position(|x| x.is_p(')'))
                .filter(|&j| j > i)
                .ok_or_else(unparseable)?;
            let no = atoms(&[&t[..i], &t[j + 1..]], &mut outer)?;
            let mut inner = [Atom::M(0); MAX_ATOMS];
            let ni = atoms(&[&t[i + 1..j]], &mut inner)?;
            return dual(&outer[..no], &inner[..ni]);
        }
        let n = atoms(&[t], &mut outer)?;
        if !outer[..n].iter().any(|a| matches!(a, Atom::M(_))) && n > 1 {
            return Err(unparseable());
        }
        finalize(full_parts(&outer[..n])?)
    }

    /// The start of a span without its year: `10`, `ноябрь`, `10 ноября`, `10.11`.
    fn partial(t: &[Tok<'_>]) -> R<Parts> {
        if let [a, dot, b] = t
            && dot.is_p('.')
            && let (Some(d), Some(m)) = (a.num(), b.num())
            && d.1 <= 2
            && m.1 <= 2
        {
            return Ok(Parts {
                year: None,
                month: Some(m),
                day: Some(d),
            });
        }
        let mut buf = [Atom::M(0); MAX_ATOMS];
        let n = atoms(&[t], &mut buf)?;
        match buf[..n] {
            [Atom::N(d, dd)] if dd <= 2 => Ok(Parts {
                year: None,
                month: None,
                day: Some((d, dd)),
            }),
            [Atom::M(m)] => Ok(Parts {
                year: None,
                month: Some((u32::from(m), 1)),
                day: None,
            }),
            [Atom::N(d, dd), Atom::M(m)] | [Atom::M(m), Atom::N(d, dd)] if dd <= 2 => Ok(Parts {
                year: None,
                month: Some((u32::from(m), 1)),
                day: Some((d, dd)),
            }),
            _ => Err(unparseable()),
        }
    }

    // ----------------------------------------------------------------------------------------
    // Old Style / New Style.

    /// `11 (23) июля 1858`, `20 октября (2 ноября) 1917`, `31 декабря 1899 (12 января 1900)`,
    /// `20 декабря (1 января) 1900`: the Gregorian day. The written order may also be New Style
    /// (Old Style); the Julian reading is the one that is earlier in the calendar.
    fn dual(outside: &[Atom], inside: &[Atom]) -> R<DatePoint> {
        let o = full_parts(outside)?;
        if o.day.is_none() {
            return Err(unparseable());
        }
        let (i, shared_year) = match *inside {
            [Atom::N(d, dd)] => (
                Parts {
                    day: Some((d, dd)),
                    ..o
                },
                true,
            ),
            [Atom::N(d, dd), Atom::M(m)] | [Atom::M(m), Atom::N(d, dd)] => (
                Parts {
                    day: Some((d, dd)),
                    month: Some((u32::from(m), 1)),
                    ..o
                },
                true,
            ),
            _ => (full_parts(inside)?, false),
        };
        if i.day.is_none() {
            return Err(unparseable());
        }
        // With one year written for both, the Old Style date may be in the year before the New
        // Style one (`20 декабря (1 января) 1900`).
        let shifts: &[(i64, i64)] = if shared_year {
            &[(0, 0), (-1, 0), (0, 1)]
        } else {
            &[(0, 0)]
        };
        for &(old_shift, new_shift) in shifts {
            if let Some(p) = same_day(shift_year(o, old_shift), shift_year(i, new_shift)) {
                return Ok(p);
            }
            if let Some(p) = same_day(shift_year(i, old_shift), shift_year(o, new_shift)) {
                return Ok(p);
            }
        }
        let j = julian(o)?;
        let g = finalize(i)?;
        Err(DateError::new(DateErrorKind::StyleMismatch {
            julian: j,
            gregorian: day_of(&g),
        }))
    }

    /// The Gregorian point when `old` (Julian) and `new` (Gregorian) are valid and the same day.
    fn same_day(old: Parts, new: Parts) -> Option<DatePoint> {
        let j = julian(old).ok()?;
        let g = finalize(new).ok()?;
        (jdn_julian(j) == jdn_gregorian(day_of(&g))).then_some(g)
    }

    fn shift_year(p: Parts, by: i64) -> Parts {
        let year = p
            .year
            .map(|(v, d)| (u32::try_from(i64::from(v) + by).unwrap_or(0), d));
        Parts { year, ..p }
    }

    fn day_of(p: &DatePoint) -> Day {
        Day {
            year: p.year,
            month: p.month.unwrap_or(1),
            day: p.day.unwrap_or(1),
        }
    }

    /// Checks the parts against the Julian calendar (every fourth year is a leap year).
    fn julian(p: Parts) -> R<Day> {
        let year = year_of(p.year.ok_or_else(unparseable)?)?;
        let month = month_num(p.month.ok_or_else(unparseable)?)?;
        let (d, _) = p.day.ok_or_else(unparseable)?;
        let len = if month == 2 && year % 4 == 0 {
            29
        } else {
            days_in_month(year, month)
        };
        let day = day_num((d, 2)).ok().filter(|d| (1..=len).contains(d));
        let day = day.ok_or_else(|| {
            DateError::new(DateErrorKind::DayOutOfRange {
                year,
                month,
                day: d,
            })
        })?;
        Ok(Day { year, month, day })
    }

    fn jdn_parts(d: Day) -> (i64, i64, i64) {
        let m = i64::from(d.month);
        let a = (14 - m) / 12;
        (
            i64::from(d.year) + 4800 - a,
            m + 12 * a - 3,
            i64::from(d.day),
        )
    }

    fn jdn_julian(d: Day) -> i64 {
        let (y, m, day) = jdn_parts(d);
        day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083
    }

    fn jdn_gregorian(d: Day) -> i64 {
        let (y, m, day) = jdn_parts(d);
        day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    // ----------------------------------------------------------------------------------------
    // Months.

    #[cfg(test)]
    pub(super) fn month_word_for_tests(w: &str) -> Option<u8> {
        month_word(w)
    }

    fn month_word(w: &str) -> Option<u8> {
        roman(w).or_else(|| month_name(w))
    }

    /// `i`–`xii`, also typed with the Cyrillic `х` and `і`, and the Unicode Roman numerals.
    fn roman(w: &str) -> Option<u8> {
        const ROMAN: [&[u8]; 12] = [
            b"i", b"ii", b"iii", b"iv", b"v", b"vi", b"vii", b"viii", b"ix", b"x", b"xi", b"xii",
        ];
        let mut chars = w.chars();
        if let (Some(c @ '\u{2170}'..='\u{217B}'), None) = (chars.next(), chars.next()) {
            return u8::try_from(u32::from(c) - 0x2170 + 1).ok();
        }
        let mut buf = [0u8; 4];
        let mut n = 0;
        for c in w.chars() {
            let b = match c {
                'i' | 'і' | 'ı' | '\u{2170}' => b'i',
                'v' | '\u{2174}' => b'v',
                'x' | 'х' | '\u{2179}' => b'x',
                _ => return None,
            };
            *buf.get_mut(n)? = b;
            n += 1;
        }
        let pos = ROMAN.iter().position(|r| *r == &buf[..n])?;
        u8::try_from(pos + 1).ok()
    }

    fn month_name(w: &str) -> Option<u8> {
        let long_enough = w.chars().nth(2).is_some();
        let mut found = None;
        for &(form, m) in MONTHS {
            let hit = w == form
                || w.strip_prefix(form)
                    .is_some_and(|rest| ENDINGS.contains(&rest))
                || (long_enough && form.starts_with(w));
            if hit {
                match found {
                    None => found = Some(m),
                    Some(f) if f != m => return None,
                    Some(_) => {}
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick reading of plain forms gives what the full parser gives, for every month and
    /// day (valid or not) over a spread of years, and leaves everything unusual to it.
    #[test]
    fn plain_forms_read_as_the_long_way() {
        let long = |t: &str| parse::long_way(t).ok();
        let mut answered = 0;
        let years = (995..1010)
            .chain((1010..3005).step_by(37))
            .chain(2990..3005);
        for y in years {
            let mut forms = vec![format!("{y}")];
            for m in 0..=13 {
                forms.push(format!("{y}-{m:02}"));
                for d in 0..=32 {
                    forms.push(format!("{y}-{m:02}-{d:02}"));
                    forms.push(format!("{d:02}.{m:02}.{y}"));
                }
            }
            for f in &forms {
                if let Some(v) = parse::plain(f) {
                    assert_eq!(Some(v), long(f), "{f}");
                    answered += 1;
                }
            }
        }
        assert!(answered > 10_000, "{answered}");
        for other in [
            "1937?",
            "0937",
            "1937-1-5",
            "1.11.1937",
            "19371",
            "ок. 1937",
            "1937-11-1x",
        ] {
            assert_eq!(parse::plain(other), None, "{other}");
        }
    }

    /// An unparseable date kept as an unknown value survives a JSON round trip with its text.
    #[test]
    fn unknown_with_garbage_text_round_trips_through_json() {
        let d = HistoricalDate::unknown("3I.02.1937");
        let json = serde_json::to_string(&d).unwrap();
        let back: HistoricalDate = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        assert!(back.is_unknown());
    }

    #[test]
    fn edtf_basics() {
        for s in [
            "1937-11-10",
            "1937-11",
            "1937",
            "1937?",
            "1937~",
            "1937%",
            "1930/1933",
            "../1938",
            "1930/..",
        ] {
            assert_eq!(HistoricalDate::parse(s).unwrap().to_string(), s, "{s}");
        }
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(
            HistoricalDate::parse("1937-02-31")
                .unwrap_err()
                .is_impossible()
        );
        assert!(
            HistoricalDate::parse("1937-13")
                .unwrap_err()
                .is_impossible()
        );
        assert!(
            HistoricalDate::parse("1937-01-00")
                .unwrap_err()
                .is_impossible()
        );
    }

    #[test]
    fn month_forms_are_unambiguous() {
        let full = [
            ("январь", 1),
            ("января", 1),
            ("февраля", 2),
            ("марта", 3),
            ("апреле", 4),
            ("мая", 5),
            ("июня", 6),
            ("июля", 7),
            ("августа", 8),
            ("сентября", 9),
            ("октябре", 10),
            ("ноября", 11),
            ("декабрь", 12),
            ("қаңтар", 1),
            ("ақпанда", 2),
            ("наурызы", 3),
            ("сәуірде", 4),
            ("мамыр", 5),
            ("маусымда", 6),
            ("шілдеде", 7),
            ("тамыз", 8),
            ("қыркүйекте", 9),
            ("қыркүйегі", 9),
            ("қазанда", 10),
            ("қарашасы", 11),
            ("желтоқсан", 12),
            ("jan", 1),
            ("feb", 2),
            ("mar", 3),
            ("apr", 4),
            ("may", 5),
            ("jun", 6),
            ("jul", 7),
            ("aug", 8),
            ("sep", 9),
            ("sept", 9),
            ("oct", 10),
            ("nov", 11),
            ("dec", 12),
            ("mai", 5),
            ("märz", 3),
            ("okt", 10),
            ("dez", 12),
            ("янв", 1),
            ("февр", 2),
            ("сент", 9),
            ("нояб", 11),
            ("дек", 12),
        ];
        for (w, m) in full {
            assert_eq!(parse::month_word_for_tests(w), Some(m), "{w}");
        }
        for w in [
            "ма",
            "ию",
            "до",
            "по",
            "около",
            "г",
            "года",
            "ж",
            "жылы",
            "the",
            "abc",
            "c",
        ] {
            assert_eq!(parse::month_word_for_tests(w), None, "{w}");
        }
        for (w, m) in [
            ("xi", 11),
            ("хі", 11),
            ("iv", 4),
            ("ix", 9),
            ("xii", 12),
            ("\u{217a}", 11),
        ] {
            assert_eq!(parse::month_word_for_tests(w), Some(m), "{w}");
        }
    }

    #[test]
    fn julian_leap_day_and_conversion() {
        // Julian 29 February 1900 exists and is Gregorian 13 March 1900.
        let d = HistoricalDate::parse("29 февраля (13 марта) 1900").unwrap();
        assert_eq!(d.to_string(), "1900-03-13");
        // The October Revolution: 25 October (7 November) 1917.
        let d = HistoricalDate::parse("25 октября (7 ноября) 1917 г.").unwrap();
        assert_eq!(d.to_string(), "1917-11-07");
        assert!(matches!(
            HistoricalDate::parse("25 октября (8 ноября) 1917")
                .unwrap_err()
                .kind(),
            DateErrorKind::StyleMismatch { .. }
        ));
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        for s in [
            "ё1937",
            "1937ё",
            "қ",
            "10қараша1937",
            "10\u{301}.11.1937",
            "ǅ",
            "\u{1F600}1937",
        ] {
            let _ = HistoricalDate::parse(s);
        }
        assert_eq!(
            HistoricalDate::parse("10қараша1937").unwrap().to_string(),
            "1937-11-10"
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        let d = Day::new(1937, 11, 10).unwrap();
        assert_eq!(d.add_days(0), d);
        assert_eq!(d.add_days(21), Day::new(1937, 12, 1).unwrap());
        assert_eq!(Day::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    }
}
