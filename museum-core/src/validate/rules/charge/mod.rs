//! Charges: the criminal-code articles of a case.

pub(crate) mod malformed_charge;

pub use malformed_charge::MalformedCharge;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::hash::{TextMemo, memo};
use crate::validate::sink::Sink;

thread_local! {
    /// What is wrong with a charge text, memoized per thread.
    static PROBLEMS: TextMemo<Option<String>> = TextMemo::default();
}

/// Checks one charge text (M208).
pub(crate) fn check(text: &str, loc: &Location, sink: &mut Sink<'_>) {
    if !sink.on(Code::MalformedCharge) {
        return;
    }
    if let Some(v) = &sink.cx.options.vocab
        && v.charge.get(text).is_some()
    {
        return;
    }
    if let Some(reason) = memo(&PROBLEMS, text, crate::model::charge::problem) {
        sink.push(
            Diagnostic::new(
                Code::MalformedCharge,
                format!("charge is not a list of articles: {reason}"),
                loc.with_field("charge"),
            )
            .with_value(text)
            .with_help("write articles as `58-10`, `58 п. 10` or `58-10, 58-11`"),
        );
    }
}

impl crate::validate::rules::RecordRule for MalformedCharge {
    fn victim(
        v: &crate::validate::view::VictimView<'_>,
        _: &crate::validate::world::World,
        sink: &mut Sink<'_>,
        _: &mut crate::validate::world::Facts,
    ) {
        for c in v.cases {
            if let Some(ch) = c.charge {
                check(ch, v.location, sink);
            }
        }
    }
}
