//! Chronology of a victim's life and cases, by the bounds of uncertain dates.
//!
//! Two dates are out of order *certainly* when every reading of them is (an error), and
//! *possibly* when the dates as written are out of order but their uncertainty (`1938?`,
//! `c. 1937`) allows a reading in order (a warning). Dates that only overlap because one is less
//! precise (`1937` and `1937-11-10`) are in order.

pub(crate) mod death_before_birth;
pub(crate) mod death_sentence_without_execution;
pub(crate) mod event_after_death;
pub(crate) mod event_before_birth;
pub(crate) mod execution_before_arrest;
pub(crate) mod execution_before_sentence;
pub(crate) mod execution_without_death_sentence;
pub(crate) mod rehabilitation_before_sentence;
pub(crate) mod sentence_before_arrest;

pub use death_before_birth::DeathBeforeBirth;
pub use death_sentence_without_execution::DeathSentenceWithoutExecution;
pub use event_after_death::EventAfterDeath;
pub use event_before_birth::EventBeforeBirth;
pub use execution_before_arrest::ExecutionBeforeArrest;
pub use execution_before_sentence::ExecutionBeforeSentence;
pub use execution_without_death_sentence::ExecutionWithoutDeathSentence;
pub use rehabilitation_before_sentence::RehabilitationBeforeSentence;
pub use sentence_before_arrest::SentenceBeforeArrest;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::model::{DatePoint, DateValue, Day, HistoricalDate, IntervalEnd, SentenceKind};
use crate::validate::sink::Sink;
use crate::validate::view::VictimView;

/// A date with its field name and its bounds, computed once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<'a> {
    date: &'a HistoricalDate,
    field: &'static str,
    lo: Day,
    hi: Day,
}

impl<'a> Dated<'a> {
    /// `None` for an unknown date (nothing to compare).
    pub(crate) fn new(date: &'a HistoricalDate, field: &'static str) -> Option<Self> {
        Some(Dated {
            date,
            field,
            lo: date.earliest()?,
            hi: date.latest()?,
        })
    }
}

fn strip(p: &DatePoint) -> DatePoint {
    DatePoint {
        uncertain: false,
        approximate: false,
        ..*p
    }
}

/// Whether a date carries `?` or `~` (then its bounds are wider than its text).
fn qualified(d: &HistoricalDate) -> bool {
    let q = |p: &DatePoint| p.uncertain || p.approximate;
    match d.value() {
        DateValue::Point(p) => q(p),
        DateValue::Interval { start, end } => {
            matches!(start, IntervalEnd::Point(p) if q(p))
                || matches!(end, IntervalEnd::Point(p) if q(p))
        }
        DateValue::Unknown => false,
    }
}

/// The bounds of the date as written, without widening for `?` and `~`.
fn nominal(d: &Dated<'_>) -> (Day, Day) {
    match d.date.value() {
        DateValue::Point(p) => (strip(p).earliest(), strip(p).latest()),
        DateValue::Interval { start, end } => (
            match start {
                IntervalEnd::Point(p) => strip(p).earliest(),
                _ => d.lo,
            },
            match end {
                IntervalEnd::Point(p) => strip(p).latest(),
                _ => d.hi,
            },
        ),
        DateValue::Unknown => (d.lo, d.hi),
    }
}

/// Whether `later` is dated before `earlier`, by the bounds of
/// [`HistoricalDate::compare_before`]: certainly (error), or as written but not certainly
/// (warning). Dates that only overlap because one is less precise are in order.
pub(crate) fn reversed_dated(earlier: &Dated<'_>, later: &Dated<'_>) -> Option<Severity> {
    if later.hi < earlier.lo {
        return Some(Severity::Error);
    }
    if later.lo < earlier.hi && (qualified(earlier.date) || qualified(later.date)) {
        let (_, later_hi) = nominal(later);
        let (earlier_lo, _) = nominal(earlier);
        if later_hi < earlier_lo {
            return Some(Severity::Warning);
        }
    }
    None
}

/// [`reversed_dated`] for two dates.
pub(crate) fn reversed(earlier: &HistoricalDate, later: &HistoricalDate) -> Option<Severity> {
    reversed_dated(&Dated::new(earlier, "")?, &Dated::new(later, "")?)
}

/// Reports `later` dated before `earlier`.
pub(crate) fn order(
    code: Code,
    earlier: Option<Dated<'_>>,
    later: Option<Dated<'_>>,
    what: &dyn Fn() -> String,
    loc: &Location,
    sink: &mut Sink<'_>,
    case: Option<usize>,
) {
    let (Some(earlier), Some(later)) = (earlier, later) else {
        return;
    };
    if !sink.on(code) {
        return;
    }
    let Some(severity) = reversed_dated(&earlier, &later) else {
        return;
    };
    let case = case.map(|k| format!(" (case {k})")).unwrap_or_default();
    let what = what();
    let message = match severity {
        Severity::Error => format!("{what}{case}"),
        _ => format!("{what}{case} as written (the dates are uncertain, so it may be right)"),
    };
    sink.push_with(
        Diagnostic::new(code, message, loc.with_field(later.field))
            .with_value(format!(
                "{} {}, {} {}",
                earlier.field,
                earlier.date.original(),
                later.field,
                later.date.original()
            ))
            .with_help(format!(
                "check `{}` and `{}` in the source; do not guess a correction",
                earlier.field, later.field
            )),
        severity,
    );
}

fn event_name(field: &str) -> &'static str {
    match field {
        "arrest_date" => "arrest date",
        "sentence_date" => "sentence date",
        "execution_date" => "execution date",
        "camp_arrival_date" => "camp arrival date",
        "release_date" => "release date",
        _ => "date",
    }
}

fn dated<'a>(d: Option<&'a HistoricalDate>, field: &'static str) -> Option<Dated<'a>> {
    d.and_then(|d| Dated::new(d, field))
}

/// Checks the chronology of a victim (M301–M308, M311).
pub(crate) fn check(v: &VictimView<'_>, sink: &mut Sink<'_>) {
    let loc = v.location;
    let several = v.cases.len() > 1;
    let birth = dated(v.birth_date, "birth_date");
    let death = dated(v.death_date, "death_date");
    order(
        Code::DeathBeforeBirth,
        birth,
        death,
        &|| "death date precedes the birth date".to_owned(),
        loc,
        sink,
        None,
    );
    // The first (and most certain) case event that precedes the birth: one finding, on the
    // birth date.
    let mut before_birth: Option<(Severity, Dated<'_>, Option<usize>)> = None;
    for (k, c) in v.cases.iter().enumerate() {
        let case = several.then_some(k + 1);
        let arrest = dated(c.arrest_date, "arrest_date");
        let sentence = dated(c.sentence_date, "sentence_date");
        let execution = dated(c.execution_date, "execution_date");
        let events = [
            arrest,
            sentence,
            execution,
            dated(c.camp_arrival_date, "camp_arrival_date"),
            dated(c.release_date, "release_date"),
        ];
        for event in events.into_iter().flatten() {
            let name = event_name(event.field);
            if let Some(b) = birth
                && let Some(sev) = reversed_dated(&b, &event)
                && before_birth.as_ref().is_none_or(|(worst, ..)| sev > *worst)
            {
                before_birth = Some((sev, event, case));
            }
            if let Some(death) = death
                && let Some(sev) = reversed_dated(&event, &death)
                && sink.on(Code::EventAfterDeath)
            {
                // Reported on the event's field, not on the death date.
                let suffix = case.map(|k| format!(" (case {k})")).unwrap_or_default();
                let message = match sev {
                    Severity::Error => format!("{name} is after the death date{suffix}"),
                    _ => format!(
                        "{name} is after the death date{suffix} as written (the dates are uncertain, so it may be right)"
                    ),
                };
                sink.push_with(
                    Diagnostic::new(Code::EventAfterDeath, message, loc.with_field(event.field))
                        .with_value(format!(
                            "{} {}, death_date {}",
                            event.field,
                            event.date.original(),
                            death.date.original()
                        ))
                        .with_help(format!(
                            "check `{}` and `death_date` in the source; do not guess a correction",
                            event.field
                        )),
                    sev,
                );
            }
        }
        order(
            Code::SentenceBeforeArrest,
            arrest,
            sentence,
            &|| "sentence date precedes the arrest date".to_owned(),
            loc,
            sink,
            case,
        );
        order(
            Code::ExecutionBeforeSentence,
            sentence,
            execution,
            &|| "execution date precedes the sentence date".to_owned(),
            loc,
            sink,
            case,
        );
        order(
            Code::ExecutionBeforeArrest,
            arrest,
            execution,
            &|| "execution date precedes the arrest date".to_owned(),
            loc,
            sink,
            case,
        );
        let rehabilitation = dated(c.rehabilitation_date, "rehabilitation_date");
        let (base, what) = if sentence.is_some() {
            (sentence, "sentence")
        } else {
            (arrest, "arrest")
        };
        order(
            Code::RehabilitationBeforeSentence,
            base,
            rehabilitation,
            &|| format!("rehabilitation date precedes the {what} date"),
            loc,
            sink,
            case,
        );
        let kind = c.sentence;
        let suffix = case.map(|k| format!(" (case {k})")).unwrap_or_default();
        if let (Some(e), Some(kind)) = (c.execution_date, kind)
            && !matches!(kind, SentenceKind::Execution | SentenceKind::Unrecognised)
            && sink.on(Code::ExecutionWithoutDeathSentence)
        {
            sink.push(
                Diagnostic::new(
                    Code::ExecutionWithoutDeathSentence,
                    format!(
                        "execution date on a case sentenced to {}, not to death{suffix}",
                        kind.as_str().replace('_', " ")
                    ),
                    loc.with_field("execution_date"),
                )
                .with_value(e.original())
                .with_help("if the person was shot after a later sentence, record that sentence as a further case"),
            );
        }
        if kind == Some(SentenceKind::Execution)
            && c.execution_date.is_none()
            && v.death_date.is_none()
            && sink.on(Code::DeathSentenceWithoutExecution)
        {
            sink.push(
                Diagnostic::new(
                    Code::DeathSentenceWithoutExecution,
                    format!("death sentence without an execution date{suffix}"),
                    loc.with_field("execution_date"),
                )
                .with_help("add the execution date if a source gives it, or note that the sentence was commuted"),
            );
        }
    }
    if let (Some((severity, event, case)), Some(b)) = (before_birth, birth)
        && sink.on(Code::EventBeforeBirth)
    {
        let case = case.map(|k| format!(" (case {k})")).unwrap_or_default();
        let name = event_name(event.field);
        let message = match severity {
            Severity::Error => format!("birth date is after the {name}{case}"),
            _ => format!(
                "birth date is after the {name}{case} as written (the dates are uncertain, so it may be right)"
            ),
        };
        sink.push_with(
            Diagnostic::new(
                Code::EventBeforeBirth,
                message,
                loc.with_field("birth_date"),
            )
            .with_value(format!(
                "birth_date {}, {} {}",
                b.date.original(),
                event.field,
                event.date.original()
            ))
            .with_help(format!(
                "check `birth_date` and `{}` in the source; do not guess a correction",
                event.field
            )),
            severity,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> HistoricalDate {
        HistoricalDate::parse(s).unwrap()
    }

    #[test]
    fn certain_possible_and_imprecise() {
        assert_eq!(
            reversed(&d("1937-11-02"), &d("1937-10-25")),
            Some(Severity::Error)
        );
        assert_eq!(reversed(&d("1937-10-25"), &d("1937-11-02")), None);
        // Less precise, not out of order.
        assert_eq!(reversed(&d("1937"), &d("1937-11-10")), None);
        assert_eq!(reversed(&d("1937-11-10"), &d("1937")), None);
        // Out of order as written, but the uncertainty allows an order.
        assert_eq!(
            reversed(&d("1938?"), &d("1937-05")),
            Some(Severity::Warning)
        );
        assert_eq!(reversed(&d("1937-03-01"), &d("1937-03-01")), None);
        assert_eq!(
            reversed(&d("1937-03-01~"), &d("1937-02-28")),
            Some(Severity::Warning)
        );
        assert_eq!(reversed(&d("1930/1933"), &d("1929")), Some(Severity::Error));
        assert_eq!(reversed(&d("../1938"), &d("1937")), None);
    }

    #[test]
    fn certain_answers_agree_with_compare_before() {
        use crate::model::Before;
        let dates = [
            "1937",
            "1937-11",
            "1937-11-10",
            "1938?",
            "1936~",
            "1930/1933",
            "../1938",
            "1937/..",
            "1937-12-31",
        ];
        for a in dates {
            for b in dates {
                let (a, b) = (d(a), d(b));
                let certain = b.compare_before(&a) == Before::Certainly;
                assert_eq!(
                    reversed(&a, &b) == Some(Severity::Error),
                    certain,
                    "{a} {b}"
                );
            }
        }
    }
}
