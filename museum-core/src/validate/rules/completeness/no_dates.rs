//! [`NoDates`] (`no-dates`): its documentation and its check.

use crate::diagnostic::{Code, Diagnostic};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{Needs, VictimView};
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A victim with no date at all: no birth, death, arrest, sentence, execution, camp,
    /// release or rehabilitation date.
    ///
    /// ## Why it matters
    /// Without any date the person cannot be placed in time, told apart from namesakes, or
    /// counted in any statistic.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,given_name,sentence
    /// v1,Майлин,Беимбет,ВМН
    /// ```
    /// `victims.csv:2: warning[M602] the victim record has no date at all`
    NoDates => NoDates, checks records
}

/// Checks that a victim has a date (M602).
fn dates(v: &VictimView<'_>, sink: &mut Sink<'_>) {
    if sink.on(Code::NoDates) {
        let any = v.birth_date.is_some()
            || v.death_date.is_some()
            || v.cases.iter().any(|c| {
                c.arrest_date.is_some()
                    || c.sentence_date.is_some()
                    || c.execution_date.is_some()
                    || c.camp_arrival_date.is_some()
                    || c.release_date.is_some()
                    || c.rehabilitation_date.is_some()
            });
        if !any {
            sink.push(
                Diagnostic::new(
                    Code::NoDates,
                    "the victim record has no date at all",
                    v.location.clone(),
                )
                .with_help("add at least a birth year or the year of arrest from the source"),
            );
        }
    }
}

impl RecordRule for NoDates {
    const NEEDS: Needs = Needs::DATES;

    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        dates(v, sink);
    }
}
