//! Sentencing bodies: which organ passed the sentence.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::vocab::BodyKind;
use crate::validate::sink::Sink;

rule! {
    /// ## What it checks
    /// A `sentencing_body` that the vocabulary cannot map to a kind: `troika` (тройка,
    /// үштік), `special_board` (ОСО, Особое совещание), `dvoika` (Комиссия НКВД и Прокурора),
    /// `military_collegium` (ВКВС, Военная коллегия), `tribunal` (военный трибунал, ВТ),
    /// `ogpu_collegium` (Коллегия ОГПУ), `court` (суд, нарсуд, спецколлегия, сот) or `decree`
    /// (a deportation by resolution or decree: `Постановление СНК СССР № 1428-326сс`), in
    /// Russian, Kazakh, romanized Russian and English. The spellings are in
    /// `museum-core/data/vocab/sentencing-body.tsv`; a project adds its own (values or patterns)
    /// in `[vocab.sentencing_body]` of `museum.toml`, and `museum vocab --field
    /// sentencing_body` lists the values not understood with a snippet to paste there.
    ///
    /// ## Why it matters
    /// Counts by kind of body (how many were sentenced by troikas, how many by courts) leave
    /// out what is not understood; the value itself is kept as written.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,sentencing_body
    /// v1,Майлин,НКВД
    /// ```
    /// `victims.csv:2:sentencing_body: info[M218] sentencing body is not in the vocabulary:
    /// `НКВД``
    UnknownSentencingBody => UnknownSentencingBody, checks records
}

/// Checks one sentencing body (M218).
pub(crate) fn check(text: &str, loc: &Location, sink: &mut Sink<'_>) {
    if !sink.on(Code::UnknownSentencingBody) {
        return;
    }
    let user = sink.cx.options.vocab.as_deref();
    if BodyKind::of(text, user) == Some(BodyKind::Unrecognised) {
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
        rec: &crate::io::Located<crate::model::Victim>,
        _: &crate::validate::world::World,
        sink: &mut Sink<'_>,
        _: &mut crate::validate::world::Facts,
    ) {
        for c in &rec.record.cases {
            if let Some(body) = &c.sentencing_body {
                check(body, &rec.location, sink);
            }
        }
    }
}
