//! [`NoName`] (`no-name`): its documentation and its check.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::Located;
use crate::model::Victim;
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A victim record without any name: no full name, surname, given name or patronymic.
    ///
    /// ## Why it matters
    /// The museum's purpose is to name the victims; a nameless record cannot be shown,
    /// searched for or matched with other lists.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,given_name,birth_date
    /// v1,,,1894
    /// ```
    /// `victims.csv:2:surname: warning[M604] the victim record has no name`
    NoName => NoName, checks records
}

/// Checks that a victim has a name (M604).
fn name(v: &Victim, loc: &Location, sink: &mut Sink<'_>) {
    if v.name.is_empty() {
        sink.push(
            Diagnostic::new(
                Code::NoName,
                "the victim record has no name",
                loc.with_field("surname"),
            )
            .with_help("add the name as the source writes it (`full_name`, or `surname`, `given_name`, `patronymic`)"),
        );
    }
}

impl RecordRule for NoName {
    fn victim(rec: &Located<Victim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        name(&rec.record, &rec.location, sink);
    }
}
