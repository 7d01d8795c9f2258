//! Calendar maths: days of the proleptic Gregorian calendar, leap years, month lengths, and
//! Julian day numbers for the Old Style / New Style check.

use std::fmt;

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
    #[must_use]
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

pub(super) fn prev_month(year: i32, month: u8) -> (i32, u8) {
    if month == 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

pub(super) fn next_month(year: i32, month: u8) -> (i32, u8) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

pub(super) fn jdn_parts(d: Day) -> (i64, i64, i64) {
    let m = i64::from(d.month);
    let a = (14 - m) / 12;
    (
        i64::from(d.year) + 4800 - a,
        m + 12 * a - 3,
        i64::from(d.day),
    )
}

pub(super) fn jdn_julian(d: Day) -> i64 {
    let (y, m, day) = jdn_parts(d);
    day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083
}

pub(super) fn jdn_gregorian(d: Day) -> i64 {
    let (y, m, day) = jdn_parts(d);
    day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
}
