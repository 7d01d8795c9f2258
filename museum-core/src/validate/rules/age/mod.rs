//! Ages: the age at arrest, from the bounds of the birth and arrest dates.

pub(crate) mod implausible_age;

pub use implausible_age::ImplausibleAge;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::model::{Day, HistoricalDate};
use crate::validate::Limits;
use crate::validate::sink::Sink;
use crate::validate::view::VictimView;

const DAYS_PER_YEAR: f64 = 365.2425;

fn finite(d: Option<Day>) -> Option<Day> {
    d.filter(|d| (1000..=2999).contains(&d.year))
}

fn years(from: Day, to: Day) -> f64 {
    (to.days_since_epoch() - from.days_since_epoch()) as f64 / DAYS_PER_YEAR
}

/// Whether an age from `min` to `max` years raises nothing.
fn plausible(min: f64, max: f64, limits: &Limits) -> bool {
    max >= limits.min_age
        && min <= limits.max_age
        && min >= limits.warn_min_age
        && max <= limits.warn_max_age
}

/// Whether the age between the bounds of a birth and an event is plausible by whole years
/// alone, with two years to spare for the days (most are: the calendar is then not needed).
/// Never true where [`plausible`] of the exact ages is false.
fn plausible_by_years(birth: (Day, Day), event: (Day, Day), limits: &Limits) -> bool {
    let least = f64::from(event.0.year - birth.1.year - 2);
    let most = f64::from(event.1.year - birth.0.year + 2);
    least >= limits.min_age.max(limits.warn_min_age)
        && most <= limits.max_age.min(limits.warn_max_age)
}

/// Checks the age at each case's arrest (M212).
pub(crate) fn check(v: &VictimView<'_>, sink: &mut Sink<'_>) {
    if !sink.on(Code::ImplausibleAge) {
        return;
    }
    let loc = v.location;
    let Some(birth) = v.birth_date else { return };
    let several = v.cases.len() > 1;
    for (k, case) in v.cases.iter().enumerate() {
        let (event, what) = match (case.arrest_date, case.sentence_date) {
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
    let limits = &sink.cx.options.limits;
    if plausible_by_years((b_lo, b_hi), (e_lo, e_hi), limits) {
        return;
    }
    let min = years(b_hi, e_lo).max(0.0);
    let max = years(b_lo, e_hi);
    if plausible(min, max, limits) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut by years agrees with the exact ages: wherever it says plausible, so do the
    /// days (birth and event days at the ends of their years and in between, for ages around
    /// every limit).
    #[test]
    fn plausible_by_years_never_hides_a_finding() {
        let limits = Limits::default();
        let days = [(1, 1), (2, 28), (6, 30), (12, 31)];
        let mut shortcuts = 0;
        for birth_year in [1880, 1899, 1900, 1904] {
            for age in 0..110 {
                for &(bm, bd) in &days {
                    for &(em, ed) in &days {
                        let b = Day {
                            year: birth_year,
                            month: bm,
                            day: bd,
                        };
                        let e = Day {
                            year: birth_year + age,
                            month: em,
                            day: ed,
                        };
                        // Bounds of a year (`1900`) and of a day.
                        let year_of = |d: Day| {
                            (
                                Day {
                                    year: d.year,
                                    month: 1,
                                    day: 1,
                                },
                                Day {
                                    year: d.year,
                                    month: 12,
                                    day: 31,
                                },
                            )
                        };
                        for birth in [(b, b), year_of(b)] {
                            for event in [(e, e), year_of(e)] {
                                if plausible_by_years(birth, event, &limits) {
                                    shortcuts += 1;
                                    let min = years(birth.1, event.0).max(0.0);
                                    let max = years(birth.0, event.1);
                                    assert!(plausible(min, max, &limits), "{birth:?} {event:?}");
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(shortcuts > 10_000, "the shortcut is taken: {shortcuts}");
    }
}
