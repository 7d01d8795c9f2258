//! Validation of records already in memory (an [`Archive`]): the same per-record rules and
//! world as the streaming engine, over the archive's records kind by kind.

use std::collections::HashMap;

use super::Report;
use super::block::{finish_record, text_of_record};
use super::config::ValidateOptions;
use super::kinds::Check;
use super::rules::references;
use super::sink::{Context, Sink};
use super::stream::Emitter;
use super::world::{Facts, KindState, World, kind_index};
use crate::diagnostic::Location;
use crate::io::{Archive, DatasetKind, Located};

/// Validates a loaded [`Archive`] with the same rules (except `sparse-column`, which needs
/// the files' columns).
pub(crate) fn validate_loaded(archive: &Archive, options: &ValidateOptions) -> Report {
    let cx = Context::new(options.clone());
    let mut world = World::new(
        archive.files.iter().map(|(_, k)| *k),
        options.require_all_files,
    );
    let mut report = Report {
        files: archive
            .files
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect(),
        ..Report::default()
    };
    world.files.clone_from(&report.files);
    let kind_of: HashMap<String, DatasetKind> = archive
        .files
        .iter()
        .map(|(p, k)| (p.display().to_string(), *k))
        .collect();
    for d in &archive.findings {
        let kind = d
            .location
            .file
            .as_deref()
            .and_then(|f| kind_of.get(f))
            .copied()
            .unwrap_or(DatasetKind::Victims);
        let mut sink = Sink::new(&cx, kind);
        sink.push(d.clone());
        report.findings.extend(sink.out);
    }
    fn kind<T: Check>(
        records: &[Located<T>],
        cx: &Context,
        world: &mut World,
        names: &[String],
        file_no: &dyn Fn(&Location) -> u32,
        report: &mut Report,
    ) {
        if records.is_empty() && !world.loaded[kind_index(T::KIND)] {
            return;
        }
        let mut state = KindState::new(T::KIND);
        let mut sink = Sink::new(cx, T::KIND);
        for rec in records {
            let mut facts = Facts::default();
            text_of_record(rec, &mut sink);
            finish_record(rec, Vec::new(), world, &mut sink, &mut facts);
            state.absorb(facts, file_no(&rec.location), names, &mut sink, report);
        }
        report.findings.append(&mut sink.out);
        world.close_kind(state);
    }
    let names = world.files.clone();
    let file_no = |loc: &Location| {
        loc.file
            .as_deref()
            .and_then(|f| names.iter().position(|n| n == f))
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(0)
    };
    let (w, n, r) = (&mut world, &names[..], &mut report);
    kind(&archive.sources, &cx, w, n, &file_no, r);
    kind(&archive.figures, &cx, w, n, &file_no, r);
    kind(&archive.events, &cx, w, n, &file_no, r);
    kind(&archive.camps, &cx, w, n, &file_no, r);
    kind(&archive.victims, &cx, w, n, &file_no, r);
    kind(&archive.estimates, &cx, w, n, &file_no, r);
    kind(&archive.claims, &cx, w, n, &file_no, r);
    report.sort();
    let mut emit = Emitter::keep();
    references::resolve(&mut world, &cx, &mut emit);
    report.findings.extend(emit.into_findings());
    report
}
