//! [`CampNotOperating`] (`camp-not-operating`): its documentation and its check.

use super::operating;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{Needs, VictimView};
use crate::validate::world::{Facts, World};

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

impl RecordRule for CampNotOperating {
    // The sentence too: a case that holds only a sentence still counts when cases are numbered.
    const NEEDS: Needs = Needs::DATES_AND_SENTENCE;

    fn victim(v: &VictimView<'_>, world: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        operating(v, &world.camps, sink);
    }
}
