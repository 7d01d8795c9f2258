//! Sentencing bodies: which organ passed the sentence.

pub(crate) mod unknown_sentencing_body;

pub use unknown_sentencing_body::UnknownSentencingBody;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::hash::{TextMemo, memo};
use crate::model::vocab::BodyKind;
use crate::validate::sink::Sink;

thread_local! {
    static BODIES: TextMemo<Option<BodyKind>> = TextMemo::default();
}

/// Checks one sentencing body (M218).
pub(crate) fn check(text: &str, loc: &Location, sink: &mut Sink<'_>) {
    if !sink.on(Code::UnknownSentencingBody) {
        return;
    }
    // `BodyKind::of(text, user)`, with the built-in tables' answer memoized per thread (a list
    // names a handful of bodies a million times).
    let t = crate::io::trim(text);
    let user = sink.cx.options.vocab.as_deref();
    let kind = match user.and_then(|u| u.sentencing_body.get(t)) {
        Some(k) => Some(k),
        None => memo(&BODIES, t, |t| BodyKind::of(t, None)),
    };
    if kind == Some(BodyKind::Unrecognised) {
        sink.push(
            Diagnostic::new(
                Code::UnknownSentencingBody,
                "sentencing body is not in the vocabulary",
                loc.with_field("sentencing_body"),
            )
            .with_value(text.trim())
            .with_help(
                "add the spelling to [vocab.sentencing_body] in museum.toml (see `museum vocab --field sentencing_body`)",
            ),
        );
    }
}

impl crate::validate::rules::RecordRule for UnknownSentencingBody {
    fn victim(
        v: &crate::validate::view::VictimView<'_>,
        _: &crate::validate::world::World,
        sink: &mut Sink<'_>,
        _: &mut crate::validate::world::Facts,
    ) {
        for c in v.cases {
            if let Some(body) = c.sentencing_body {
                check(body, v.location, sink);
            }
        }
    }
}
