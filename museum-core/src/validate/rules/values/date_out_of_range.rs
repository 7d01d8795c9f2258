//! [`DateOutOfRange`] (`date-out-of-range`): its documentation and its check.

use super::{
    ARREST, BIRTH, CAMP_PERIOD, DEATH, HISTORY, REHABILITATION, SOVIET, TODAY, check_range,
};
use crate::io::Located;
use crate::model::{Camp, Estimate, Event, Figure, Source};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{Needs, VictimView};
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A date outside the plausible years of its field, or in the future:
    ///
    /// | field | plausible |
    /// |---|---|
    /// | victim and figure birth | 1800–1975 (Zheltoksan 1986 defendants were born in the 1960s) |
    /// | arrest, sentence | 1900–1991 |
    /// | execution, camp arrival, release | 1917–1991 |
    /// | death | 1800–today |
    /// | rehabilitation | 1939–today |
    /// | camp opened/closed | 1900–today |
    /// | event start/end, estimate date | 1700–today |
    /// | source published / accessed | 1500–today / 1990–today |
    ///
    /// A date certainly outside is an error; an uncertain date that only may be outside
    /// (`1899?` for an arrest) is a warning.
    ///
    /// ## Why it matters
    /// A wrong century or a swapped digit (`1837` for `1937`) reads as a valid date and would
    /// distort every chronology and statistic.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,arrest_date
    /// v1,Майлин,1837-10-16
    /// ```
    /// `victims.csv:2:arrest_date: error[M216] `arrest_date` is before 1900, the earliest
    /// plausible year: `1837-10-16``
    DateOutOfRange => DateOutOfRange, checks records
}

impl RecordRule for DateOutOfRange {
    const NEEDS: Needs = Needs::DATES;

    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let loc = v.location;
        check_range(v.birth_date, "birth_date", BIRTH, loc, sink);
        check_range(v.death_date, "death_date", DEATH, loc, sink);
        for c in v.cases {
            check_range(c.arrest_date, "arrest_date", ARREST, loc, sink);
            check_range(c.sentence_date, "sentence_date", ARREST, loc, sink);
            let execution = c.execution_date;
            check_range(execution, "execution_date", SOVIET, loc, sink);
            let arrival = c.camp_arrival_date;
            check_range(arrival, "camp_arrival_date", SOVIET, loc, sink);
            check_range(c.release_date, "release_date", SOVIET, loc, sink);
            let rehabilitation = c.rehabilitation_date;
            check_range(
                rehabilitation,
                "rehabilitation_date",
                REHABILITATION,
                loc,
                sink,
            );
        }
    }

    fn figure(rec: &Located<Figure>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (f, loc) = (&rec.record, &rec.location);
        check_range(f.birth_date.as_ref(), "birth_date", BIRTH, loc, sink);
        check_range(f.death_date.as_ref(), "death_date", DEATH, loc, sink);
    }

    fn event(rec: &Located<Event>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.start_date.as_ref(), "start_date", HISTORY, loc, sink);
        check_range(e.end_date.as_ref(), "end_date", HISTORY, loc, sink);
    }

    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (c, loc) = (&rec.record, &rec.location);
        check_range(c.opened.as_ref(), "opened", CAMP_PERIOD, loc, sink);
        check_range(c.closed.as_ref(), "closed", CAMP_PERIOD, loc, sink);
    }

    fn source(rec: &Located<Source>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (s, loc) = (&rec.record, &rec.location);
        check_range(s.published.as_ref(), "published", (1500, TODAY), loc, sink);
        check_range(s.accessed.as_ref(), "accessed", (1990, TODAY), loc, sink);
    }

    fn estimate(rec: &Located<Estimate>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.as_of.as_ref(), "as_of", HISTORY, loc, sink);
    }
}
