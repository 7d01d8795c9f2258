//! Ages: the age at arrest, from the bounds of the birth and arrest dates.

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::io::Located;
use crate::model::{Day, HistoricalDate, Victim};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// The age at arrest (or at the sentence, when the arrest date is missing), computed from
    /// the bounds of both dates: with a birth year `1925` and an arrest `1937-05`, the age is
    /// between 11 and 12. An age that is *certainly* below `min_age` (12) or above `max_age`
    /// (100) is an error; an age that only *may* be below `warn_min_age` (14) or above
    /// `warn_max_age` (90) is a warning. The limits are set in `museum.toml`. A birth after the
    /// arrest is left to `event-before-birth` (M301).
    ///
    /// ## Why it matters
    /// Children were arrested (criminal liability from 12 years was introduced in 1935) and old
    /// people were shot, but an age of 3 or 130 is almost always a wrong birth or arrest
    /// year: a digit typed wrong, or the year of another event in the birth column.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date,arrest_date
    /// v1,Майлин,1932,1937-08-02
    /// ```
    /// `victims.csv:2:birth_date: error[M212] age at arrest is 4 to 5 years, below 12`
    ImplausibleAge => ImplausibleAge, checks records
}

const DAYS_PER_YEAR: f64 = 365.2425;

fn finite(d: Option<Day>) -> Option<Day> {
    d.filter(|d| (1000..=2999).contains(&d.year))
}

#[allow(clippy::cast_precision_loss)]
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
    #[allow(clippy::cast_possible_truncation)]
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

impl RecordRule for ImplausibleAge {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        check(&rec.record, &rec.location, sink);
    }
}
