//! Ages: the age at arrest, from the bounds of the birth and arrest dates.

pub(crate) mod implausible_age;

pub use implausible_age::ImplausibleAge;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::model::{Day, HistoricalDate, Victim};
use crate::validate::sink::Sink;

const DAYS_PER_YEAR: f64 = 365.2425;

fn finite(d: Option<Day>) -> Option<Day> {
    d.filter(|d| (1000..=2999).contains(&d.year))
}

fn years(from: Day, to: Day) -> f64 {
    (to.days_since_epoch() - from.days_since_epoch()) as f64 / DAYS_PER_YEAR
}

/// Checks the age at each case's arrest (M212).
pub(crate) fn check(v: &Victim, loc: &Location, sink: &mut Sink<'_>) {
    if !sink.on(Code::ImplausibleAge) {
        return;
    }
    let Some(birth) = &v.birth_date else { return };
    let several = v.cases.len() > 1;
    for (k, case) in v.cases.iter().enumerate() {
        let (event, what) = match (&case.arrest_date, &case.sentence_date) {
            (Some(a), _) if !a.is_unknown() => (a, "arrest"),
            (_, Some(s)) => (s, "sentence"),
            _ => continue,
        };
        let case = several.then_some(k + 1);
        check_one(birth, event, what, case, loc, sink);
    }
}

fn check_one(
    birth: &HistoricalDate,
    event: &HistoricalDate,
    what: &str,
    case: Option<usize>,
    loc: &Location,
    sink: &mut Sink<'_>,
) {
    let (Some(b_lo), Some(b_hi), Some(e_lo), Some(e_hi)) = (
        finite(birth.earliest()),
        finite(birth.latest()),
        finite(event.earliest()),
        finite(event.latest()),
    ) else {
        return;
    };
    if e_hi < b_lo {
        return; // born after the event: M301
    }
    let min = years(b_hi, e_lo).max(0.0);
    let max = years(b_lo, e_hi);
    let limits = &sink.cx.options.limits;
    if max >= limits.min_age
        && min <= limits.max_age
        && min >= limits.warn_min_age
        && max <= limits.warn_max_age
    {
        return;
    }
    let what = match case {
        Some(k) => format!("{what} (case {k})"),
        None => what.to_owned(),
    };
    let range = {
        let (a, b) = (min.floor() as i64, max.floor() as i64);
        if a == b {
            format!("{a} years")
        } else {
            format!("{a} to {b} years")
        }
    };
    let (severity, message) = if max < limits.min_age {
        (
            Severity::Error,
            format!("age at {what} is {range}, below {}", limits.min_age),
        )
    } else if min > limits.max_age {
        (
            Severity::Error,
            format!("age at {what} is {range}, above {}", limits.max_age),
        )
    } else if min < limits.warn_min_age {
        (
            Severity::Warning,
            format!(
                "age at {what} may be below {} ({range})",
                limits.warn_min_age
            ),
        )
    } else if max > limits.warn_max_age {
        (
            Severity::Warning,
            format!(
                "age at {what} may be above {} ({range})",
                limits.warn_max_age
            ),
        )
    } else {
        return;
    };
    sink.push_with(
        Diagnostic::new(Code::ImplausibleAge, message, loc.with_field("birth_date"))
            .with_value(format!(
                "birth {}, {what} {}",
                birth.original(),
                event.original()
            ))
            .with_help("check the birth and arrest years in the source"),
        severity,
    );
}
