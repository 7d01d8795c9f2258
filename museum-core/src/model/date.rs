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
    use super::{DateError, DateErrorKind, DatePoint, DateValue, IntervalEnd};

    fn unparseable() -> DateError {
        DateError::new(DateErrorKind::Unparseable)
    }

    pub(super) fn parse_value(text: &str) -> Result<DateValue, DateError> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(DateValue::Unknown);
        }
        if let Some((a, b)) = t.split_once('/') {
            let start = parse_end(a)?;
            let end = parse_end(b)?;
            if let (IntervalEnd::Point(s), IntervalEnd::Point(e)) = (&start, &end) {
                if s.earliest() > e.latest() {
                    return Err(DateError::new(DateErrorKind::ReversedInterval));
                }
            }
            return Ok(DateValue::Interval { start, end });
        }
        Ok(DateValue::Point(parse_point(t)?))
    }

    fn parse_end(s: &str) -> Result<IntervalEnd, DateError> {
        let s = s.trim();
        match s {
            ".." => Ok(IntervalEnd::Open),
            "" => Ok(IntervalEnd::Unknown),
            _ => parse_point(s).map(IntervalEnd::Point),
        }
    }

    fn parse_point(s: &str) -> Result<DatePoint, DateError> {
        let (body, uncertain, approximate) = match s.as_bytes().last() {
            Some(b'?') => (&s[..s.len() - 1], true, false),
            Some(b'~') => (&s[..s.len() - 1], false, true),
            Some(b'%') => (&s[..s.len() - 1], true, true),
            _ => (s, false, false),
        };
        let parts: Vec<&str> = body.split('-').collect();
        let num = |p: &str| -> Result<u32, DateError> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(unparseable());
            }
            p.parse::<u32>().map_err(|_| unparseable())
        };
        let year = |p: &str| -> Result<i32, DateError> {
            if p.len() != 4 {
                return Err(unparseable());
            }
            let y = num(p)?;
            if !(1000..=2999).contains(&y) {
                return Err(DateError::new(DateErrorKind::YearOutOfRange {
                    year: i64::from(y),
                }));
            }
            Ok(i32::try_from(y).map_err(|_| unparseable())?)
        };
        let month = |p: &str| -> Result<u8, DateError> {
            if p.len() != 2 {
                return Err(unparseable());
            }
            let m = num(p)?;
            u8::try_from(m)
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| DateError::new(DateErrorKind::MonthOutOfRange { month: m }))
        };
        let mut p = match parts.as_slice() {
            [y] => DatePoint::year(year(y)?),
            [y, m] => DatePoint::year_month(year(y)?, month(m)?)?,
            [y, m, d] => {
                if d.len() != 2 {
                    return Err(unparseable());
                }
                let (y, m, dn) = (year(y)?, month(m)?, num(d)?);
                let dd = u8::try_from(dn).map_err(|_| {
                    DateError::new(DateErrorKind::DayOutOfRange {
                        year: y,
                        month: m,
                        day: dn,
                    })
                })?;
                DatePoint::ymd(y, m, dd)?
            }
            _ => return Err(unparseable()),
        };
        p.uncertain = uncertain;
        p.approximate = approximate;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn epoch_days_round_trip() {
        let d = Day::new(1937, 11, 10).unwrap();
        assert_eq!(d.add_days(0), d);
        assert_eq!(d.add_days(21), Day::new(1937, 12, 1).unwrap());
        assert_eq!(Day::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    }
}
