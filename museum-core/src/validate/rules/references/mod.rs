//! Identity and references: duplicate ids, references to ids that do not exist, and links
//! between figures and victims. The id sets live in the engine ([`crate::validate`]); the
//! functions here are called per record.

pub(crate) mod duplicate_id;
pub(crate) mod link_mismatch;
pub(crate) mod one_sided_link;
pub(crate) mod unknown_reference;

pub use duplicate_id::DuplicateId;
pub use link_mismatch::LinkMismatch;
pub use one_sided_link::OneSidedLink;
pub use unknown_reference::UnknownReference;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::DatasetKind;
use crate::validate::sink::{Context, Sink};
use crate::validate::stream::Emitter;
use crate::validate::view::SourceIds;
use crate::validate::world::{Deferred, Facts, Lookup, World};

pub(crate) const SOURCES: &[DatasetKind] = &[DatasetKind::Sources];
const FIGURES: &[DatasetKind] = &[DatasetKind::Figures];
const EVENTS: &[DatasetKind] = &[DatasetKind::Events];
const CAMPS: &[DatasetKind] = &[DatasetKind::Camps];
const VICTIMS: &[DatasetKind] = &[DatasetKind::Victims];
const ESTIMATE_SUBJECTS: &[DatasetKind] = &[DatasetKind::Events, DatasetKind::Camps];
const CLAIM_SUBJECTS: &[DatasetKind] = &[
    DatasetKind::Figures,
    DatasetKind::Events,
    DatasetKind::Camps,
    DatasetKind::Victims,
    DatasetKind::Sources,
];

/// The references of one record: `check` checks one.
struct Refs<'r, 's> {
    world: &'r World,
    loc: &'r Location,
    sink: &'r mut Sink<'s>,
    facts: &'r mut Facts,
}

impl Refs<'_, '_> {
    fn check(&mut self, targets: &'static [DatasetKind], id: &str, field: &'static str) {
        let (world, loc) = (self.world, self.loc);
        reference(world, targets, id, loc, field, self.sink, self.facts);
    }

    fn sources(&mut self, ids: SourceIds<'_>) {
        ids.each(|id| self.check(SOURCES, id, "source_ids"));
    }
}

/// The finding for a reference to a missing id.
pub(crate) fn unknown(
    targets: &[DatasetKind],
    id: &str,
    loc: &Location,
    field: &str,
) -> Diagnostic {
    let names: Vec<&str> = targets.iter().map(|k| k.as_str()).collect();
    let (message, help) = match targets {
        [k] => (
            format!("`{field}` refers to `{id}`, which is not in {k}"),
            format!("add `{id}` to `{k}.csv` or correct the reference"),
        ),
        _ => (
            format!(
                "`{field}` refers to `{id}`, which is not in {}",
                names.join(" or ")
            ),
            "correct the reference or add the record".to_owned(),
        ),
    };
    Diagnostic::new(
        Code::UnknownReference,
        message,
        loc.with_field(field.to_owned()),
    )
    .with_value(id)
    .with_help(help)
}

/// Checks a reference to `id` in one of `targets` now, or defers it to the end when a target
/// kind is read later (M402).
pub(crate) fn reference(
    world: &World,
    targets: &'static [DatasetKind],
    id: &str,
    loc: &Location,
    field: &'static str,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
) {
    let id = crate::io::trim(id);
    if id.is_empty() || !sink.on(Code::UnknownReference) {
        return;
    }
    match world.lookup(targets, id) {
        Lookup::Later => facts.deferred.push(Deferred {
            targets,
            id: id.to_owned(),
            location: sink.locate(loc),
            field,
            from: sink.kind(),
        }),
        Lookup::Missing => sink.push(unknown(targets, id, loc, field)),
        Lookup::Found | Lookup::Unknowable => {}
    }
}

/// Checks the references deferred to the end, once every file is read, and writes their
/// findings.
pub(crate) fn resolve(world: &mut World, cx: &Context, emit: &mut Emitter<'_>) {
    let mut found_missing = Vec::new();
    for d in std::mem::take(&mut world.deferred) {
        if world.lookup(d.targets, &d.id) == Lookup::Missing {
            let mut sink = Sink::new(cx, d.from);
            sink.push(unknown(d.targets, &d.id, &d.location, d.field));
            found_missing.append(&mut sink.out);
        }
    }
    emit.emit_across(found_missing, &world.files);
}
