//! Values: dates that cannot be read or do not exist, dates outside the plausible years of their
//! field, and values outside their vocabularies. Most are found by the readers while building a
//! record ([`crate::io::Row`]); [`DateOutOfRange`] is checked here.

pub(crate) mod date_out_of_range;
pub(crate) mod impossible_date;
pub(crate) mod invalid_number;
pub(crate) mod invalid_value;
pub(crate) mod missing_value;
pub(crate) mod unknown_sentence;
pub(crate) mod unknown_sex;
pub(crate) mod unparseable_date;

pub use date_out_of_range::DateOutOfRange;
pub use impossible_date::ImpossibleDate;
pub use invalid_number::InvalidNumber;
pub use invalid_value::InvalidValue;
pub use missing_value::MissingValue;
pub use unknown_sentence::UnknownSentence;
pub use unknown_sex::UnknownSex;
pub use unparseable_date::UnparseableDate;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::model::{DateValue, Day, HistoricalDate};
use crate::validate::sink::Sink;

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
    let (min_year, max_year) = window;
    let last_year = max_year.unwrap_or(sink.cx.today.year);
    // Most dates are single points well inside the window: a point's first and last days are
    // at most a year off its own (widened when approximate), so no day needs computing.
    if let DateValue::Point(p) = date.value()
        && p.year.saturating_sub(1) > min_year
        && p.year.saturating_add(1) < last_year
    {
        return;
    }
    let finite = |d: Option<Day>| d.filter(|d| (1000..=2999).contains(&d.year));
    let (lo, hi) = (finite(date.earliest()), finite(date.latest()));
    if lo.is_none() && hi.is_none() {
        return;
    }
    // Most dates lie within the window by whole years: no day needs comparing.
    if lo.is_some_and(|l| l.year > min_year) && hi.is_some_and(|h| h.year < last_year) {
        return;
    }
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
        Diagnostic::new(
            Code::DateOutOfRange,
            message,
            loc.with_field(sink.field(field)),
        )
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
