//! Periods: camps operating when people were sent there, and periods that end before they start.

use std::collections::HashMap;

use super::chronology::reversed;
use crate::diagnostic::{Code, Diagnostic, Location, Severity};
use crate::io::Located;
use crate::model::{Camp, Event};
use crate::model::{HistoricalDate, Victim};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{CampPeriod, Facts, World};

rule! {
    /// ## What it checks
    /// A victim sent to a camp (`camp_id`) outside the camp's operating period (`opened`,
    /// `closed` in `camps.csv`). The camp arrival date is used; without it, the sentence date
    /// stands in (an arrival cannot precede it). Certainly outside is an error; outside only
    /// as written, or a sentence before the camp opened, is a warning (prisoners could wait
    /// for a transport).
    ///
    /// ## Why it matters
    /// A wrong camp id (ALZhIR for a 1931 sentence) or a wrong date; either way the record
    /// tells the wrong story.
    ///
    /// ## Example
    /// With ALZhIR opened 1938-01 in `camps.csv`:
    /// ```csv
    /// id,surname,camp_id,camp_arrival_date
    /// v1,Шанина,camp-alzhir,1936-05-10
    /// ```
    /// `victims.csv:2:camp_arrival_date: error[M309] `camp-alzhir` was not operating yet: the
    /// arrival predates its opening (1938-01)`
    CampNotOperating => CampNotOperating, checks records
}

rule! {
    /// ## What it checks
    /// A period whose end precedes its start: an event's `start_date` and `end_date`, a camp's
    /// `opened` and `closed`. Certainly reversed is an error; reversed only as written
    /// (uncertain dates) is a warning.
    ///
    /// ## Why it matters
    /// The two columns are swapped or one year is wrong; timelines and the camp-operating
    /// check then go wrong too.
    ///
    /// ## Example
    /// ```csv
    /// id,name_official,name_en,camp_type,opened,closed,source_ids
    /// camp-1,Степлаг,Steplag,special_camp,1956,1948-02-28,src-1
    /// ```
    /// `camps.csv:2:closed: error[M310] `closed` precedes `opened``
    PeriodReversed => PeriodReversed, checks records
}

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
        Diagnostic::new(Code::PeriodReversed, message, loc.with_field(end_field))
            .with_value(format!("{} / {}", s.original(), e.original()))
            .with_help(format!(
                "check `{start_field}` and `{end_field}`; are they swapped?"
            )),
        severity,
    );
}

/// Checks that each case's camp was operating when the person was sent there (M309).
pub(crate) fn operating(
    v: &Victim,
    camps: &HashMap<String, CampPeriod>,
    loc: &Location,
    sink: &mut Sink<'_>,
) {
    if camps.is_empty() || !sink.on(Code::CampNotOperating) {
        return;
    }
    let several = v.cases.len() > 1;
    for (k, c) in v.cases.iter().enumerate() {
        let Some(camp_id) = c.camp_id.as_deref() else {
            continue;
        };
        let Some(period) = camps.get(camp_id.trim()) else {
            continue;
        };
        let (date, field, proxy) = match (&c.camp_arrival_date, &c.sentence_date) {
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
                Diagnostic::new(Code::CampNotOperating, message, loc.with_field(field))
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

impl RecordRule for CampNotOperating {
    fn victim(rec: &Located<Victim>, world: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        operating(&rec.record, &world.camps, &rec.location, sink);
    }
}

impl RecordRule for PeriodReversed {
    fn event(rec: &Located<Event>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let e = &rec.record;
        let fields = ("start_date", "end_date");
        period(
            e.start_date.as_ref(),
            e.end_date.as_ref(),
            fields,
            &rec.location,
            sink,
        );
    }

    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let c = &rec.record;
        let fields = ("opened", "closed");
        period(
            c.opened.as_ref(),
            c.closed.as_ref(),
            fields,
            &rec.location,
            sink,
        );
    }
}
