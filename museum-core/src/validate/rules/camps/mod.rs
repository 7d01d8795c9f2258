//! Periods: camps operating when people were sent there, and periods that end before they start.

pub(crate) mod camp_not_operating;
pub(crate) mod period_reversed;

pub use camp_not_operating::CampNotOperating;
pub use period_reversed::PeriodReversed;

use super::chronology::reversed;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::model::HistoricalDate;
use crate::validate::sink::Sink;
use crate::validate::view::VictimView;
use crate::validate::world::CampPeriod;
use std::collections::HashMap;

/// Sources date the opening and closing of camps months apart (Karlag's founding is given as
/// 1930-12, 1931-09 and 1931-12), so a date within a year of either edge is only a warning.
const EDGE_DAYS: i64 = 365;

/// Days from the end of `earlier` to the start of `later` (negative when they overlap).
fn gap_days(earlier: &HistoricalDate, later: &HistoricalDate) -> i64 {
    match (earlier.latest(), later.earliest()) {
        (Some(a), Some(b)) => b.days_since_epoch() - a.days_since_epoch(),
        _ => 0,
    }
}

/// Checks a period (M310).
pub(crate) fn period(
    start: Option<&HistoricalDate>,
    end: Option<&HistoricalDate>,
    (start_field, end_field): (&str, &str),
    loc: &Location,
    sink: &mut Sink<'_>,
) {
    let (Some(s), Some(e)) = (start, end) else {
        return;
    };
    if !sink.on(Code::PeriodReversed) {
        return;
    }
    let Some(severity) = reversed(s, e) else {
        return;
    };
    let message = match severity {
        Severity::Error => format!("`{end_field}` precedes `{start_field}`"),
        _ => format!("`{end_field}` precedes `{start_field}` as written (the dates are uncertain)"),
    };
    sink.push_with(
        Diagnostic::new(
            Code::PeriodReversed,
            message,
            loc.with_field(end_field.to_owned()),
        )
        .with_value(format!("{} / {}", s.original(), e.original()))
        .with_help(format!(
            "check `{start_field}` and `{end_field}`; are they swapped?"
        )),
        severity,
    );
}

/// Checks that each case's camp was operating when the person was sent there (M309).
pub(crate) fn operating(
    v: &VictimView<'_>,
    camps: &HashMap<String, CampPeriod>,
    sink: &mut Sink<'_>,
) {
    if camps.is_empty() || !sink.on(Code::CampNotOperating) {
        return;
    }
    let loc = v.location;
    let several = v.cases.len() > 1;
    for (k, c) in v.cases.iter().enumerate() {
        let Some(camp_id) = c.camp_id else {
            continue;
        };
        let Some(period) = camps.get(camp_id.trim()) else {
            continue;
        };
        let (date, field, proxy) = match (c.camp_arrival_date, c.sentence_date) {
            (Some(a), _) => (a, "camp_arrival_date", false),
            (None, Some(s)) => (s, "sentence_date", true),
            _ => continue,
        };
        let case = if several {
            format!(" (case {})", k + 1)
        } else {
            String::new()
        };
        let mut report = |severity: Severity, message: String| {
            sink.push_with(
                Diagnostic::new(
                    Code::CampNotOperating,
                    message,
                    loc.with_field(field.to_owned()),
                )
                .with_value(date.original())
                .with_help(format!(
                    "check `camp_id` and `{field}`, and the camp's `opened`/`closed` in camps.csv"
                )),
                severity,
            );
        };
        if let Some(opened) = &period.opened
            && let Some(sev) = reversed(opened, date)
        {
            let far = gap_days(date, opened) > EDGE_DAYS;
            let severity = if proxy || !far {
                Severity::Warning
            } else {
                sev
            };
            let what = if proxy {
                "the sentence predates"
            } else {
                "the arrival predates"
            };
            report(
                severity,
                format!(
                    "`{camp_id}` was not operating yet{case}: {what} its opening ({})",
                    opened.original()
                ),
            );
        }
        if let Some(closed) = &period.closed
            && let Some(sev) = reversed(date, closed)
        {
            let sev = if gap_days(closed, date) > EDGE_DAYS {
                sev
            } else {
                Severity::Warning
            };
            let what = if proxy {
                "the sentence is after"
            } else {
                "the arrival is after"
            };
            report(
                sev,
                format!(
                    "`{camp_id}` was no longer operating{case}: {what} its closing ({})",
                    closed.original()
                ),
            );
        }
    }
}
