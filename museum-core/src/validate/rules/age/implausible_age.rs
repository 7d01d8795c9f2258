//! [`ImplausibleAge`] (`implausible-age`): its documentation and its check.

use super::check;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{Needs, VictimView};
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

impl RecordRule for ImplausibleAge {
    // The sentence too: a case that holds only a sentence still counts when cases are numbered.
    const NEEDS: Needs = Needs::DATES_AND_SENTENCE;

    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        check(v, sink);
    }
}
