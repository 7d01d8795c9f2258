//! [`PeriodReversed`] (`period-reversed`): its documentation and its check.

use super::period;
use crate::io::Located;
use crate::model::{Camp, Event};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

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
