//! [`NoSource`] (`no-source`): its documentation and its check.

use super::sources;
use crate::diagnostic::Code;
use crate::io::Located;
use crate::model::{Camp, Claim, Estimate, Event, Figure};
use crate::validate::rules::RecordRule;
use crate::validate::sink::Sink;
use crate::validate::view::{SourceIds, VictimView};
use crate::validate::world::{Facts, World};

rule! {
    /// ## What it checks
    /// A record that cites no source: no `source_ids`, and for victims no `source_text`
    /// either. (Sources themselves are exempt.)
    ///
    /// ## Why it matters
    /// Every fact in the museum's archive must be traceable to a Book of Memory, an archive
    /// file or a publication; an unsourced record cannot be verified or corrected.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,source_ids,source_text
    /// v1,Майлин,,
    /// ```
    /// `victims.csv:2:source_ids: warning[M601] 1 of 1 records cites no source (the first on
    /// line 2)`
    ///
    /// One finding per file, with the count and the first record. A list that comes from one
    /// source (a volume of a Book of Sorrow, one commission's file) says so once: in
    /// `museum.toml`, `[sources]` `"spisok.csv" = "src-kniga-3"`, or `--source src-kniga-3`;
    /// its records then need no source of their own.
    NoSource => NoSource, checks records
}

impl RecordRule for NoSource {
    fn victim(v: &VictimView<'_>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(v.source_ids, v.source_text, v.location, sink);
        }
    }

    fn figure(rec: &Located<Figure>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(
                SourceIds::List(&rec.record.source_ids),
                None,
                &rec.location,
                sink,
            );
        }
    }

    fn event(rec: &Located<Event>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(
                SourceIds::List(&rec.record.source_ids),
                None,
                &rec.location,
                sink,
            );
        }
    }

    fn camp(rec: &Located<Camp>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(
                SourceIds::List(&rec.record.source_ids),
                None,
                &rec.location,
                sink,
            );
        }
    }

    fn estimate(rec: &Located<Estimate>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(
                SourceIds::List(&rec.record.source_ids),
                None,
                &rec.location,
                sink,
            );
        }
    }

    fn claim(rec: &Located<Claim>, _: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        if sink.on(Code::NoSource) {
            sources(
                SourceIds::List(&rec.record.source_ids),
                None,
                &rec.location,
                sink,
            );
        }
    }
}
