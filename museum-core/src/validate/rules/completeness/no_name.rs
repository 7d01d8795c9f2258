//! [`NoName`] (`no-name`): its documentation and its check.

use crate::diagnostic::{Code, Diagnostic};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::VictimView;
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
fn name(v: &VictimView<'_>, sink: &mut Sink<'_>) {
    if !v.has_name {
        sink.push(
            Diagnostic::new(
                Code::NoName,
                "the victim record has no name",
                v.location.with_field("surname"),
            )
            .with_help("add the name as the source writes it (`full_name`, or `surname`, `given_name`, `patronymic`)"),
        );
    }
}

impl RecordRule for NoName {
    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        name(v, sink);
    }
}
