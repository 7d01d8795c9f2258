//! [`DeathBeforeBirth`] (`death-before-birth`): its documentation and its check.

use super::{Dated, order};
use crate::diagnostic::Code;
use crate::io::Located;
use crate::model::Figure;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A death dated before the birth (victims and figures).
    ///
    /// ## Why it matters
    /// Impossible: the two dates are swapped or one is wrong.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,birth_date,death_date
    /// v1,Майлин,1938-02-26,1894-11-15
    /// ```
    /// `victims.csv:2:death_date: error[M305] death date precedes the birth date`
    DeathBeforeBirth => DeathBeforeBirth, checks records
}

impl RecordRule for DeathBeforeBirth {
    // The victim's chronology is checked by `chronology::check` (run by `EventBeforeBirth`).
    const NEEDS: crate::validate::view::Needs = crate::validate::view::Needs::DATES_AND_SENTENCE;

    fn figure(rec: &Located<Figure>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        let f = &rec.record;
        if let (Some(b), Some(d)) = (&f.birth_date, &f.death_date) {
            order(
                Code::DeathBeforeBirth,
                Dated::new(b, "birth_date"),
                Dated::new(d, "death_date"),
                &|| "death date precedes the birth date".to_owned(),
                &rec.location,
                sink,
                None,
            );
        }
    }
}
