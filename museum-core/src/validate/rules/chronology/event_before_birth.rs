//! [`EventBeforeBirth`] (`event-before-birth`): its documentation and its check.

use super::check;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{Needs, VictimView};
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// An arrest, sentence, execution, camp arrival or release dated before the person's
    /// birth. Reported once per person, on the birth date, naming the first such event.
    ///
    /// ## Why it matters
    /// Impossible: one of the dates is wrong, often a birth year typed with the arrest year's
    /// digits, or two columns swapped.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date,arrest_date
    /// v1,Майлин,1938,1937-08-02
    /// ```
    /// `victims.csv:2:birth_date: error[M301] birth date is after the arrest date`
    EventBeforeBirth => EventBeforeBirth, checks records
}

/// The chronology of a victim's cases is checked in one pass ([`check`]): it reports M301–M308
/// and M311, each of them once per person or case.
impl RecordRule for EventBeforeBirth {
    const NEEDS: Needs = Needs::DATES_AND_SENTENCE;

    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        check(v, sink);
    }
}
