//! Identity and references: duplicate ids, references to ids that do not exist, and links
//! between figures and victims. The id sets live in the engine ([`crate::validate`]); the
//! functions here are called per record.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::DatasetKind;
use crate::io::Located;
use crate::model::{Camp, Claim, Estimate, Event, Figure, Victim};
use crate::validate::rules::RecordRule;
use crate::validate::sink::{Context, Sink};
use crate::validate::stream::Emitter;
use crate::validate::world::{Deferred, Facts, Links, Lookup, World};

rule! {
    /// ## What it checks
    /// Two records of the same kind with the same `id`, in one file or across files of the
    /// kind. A victim's later repression case goes on the next row with the same id and
    /// `case` 2, 3…: such rows are one record, not duplicates.
    ///
    /// ## Why it matters
    /// References to the id become ambiguous, and merges, exports and the web site keep only
    /// one of the records.
    ///
    /// ## Example
    /// ```csv
    /// id,surname
    /// v1,Майлин
    /// v1,Шанин
    /// ```
    /// `victims.csv:3:id: error[M401] id `v1` is used by an earlier record` (related: line 2)
    DuplicateId => DuplicateId
}

rule! {
    /// ## What it checks
    /// A reference to an id that no loaded record has: `source_ids` → sources, a victim's
    /// `camp_id` → camps and `figure_id` → figures, a figure's `victim_id` and `event_ids`, an
    /// event's `figure_ids` and `camp_ids`, a camp's `parent`, an estimate's or claim's
    /// `subject_id`. A reference is checked only when a file of the target kind is validated
    /// in the same run (`museum validate datasets/` checks them all).
    ///
    /// ## Why it matters
    /// A dangling reference is a typo or a record that was never added; the web site would show
    /// a broken link and the fact loses its source.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,camp_id
    /// v1,Шанина,camp-alzhyr
    /// ```
    /// `victims.csv:2:camp_id: error[M402] `camp_id` refers to `camp-alzhyr`, which is not in
    /// camps`
    UnknownReference => UnknownReference, checks records
}

rule! {
    /// ## What it checks
    /// A figure and a victim whose links disagree: the victim's `figure_id` names a figure
    /// whose `victim_id` is another victim, or a figure's `victim_id` names a victim whose
    /// `figure_id` is another figure.
    ///
    /// ## Why it matters
    /// The portrait gallery would show one person's repression case under another person's
    /// portrait.
    ///
    /// ## Example
    /// `figures.csv`: `fig-mailin,…,victim_id=v-2`; `victims.csv`: `v-1,…,figure_id=fig-mailin`
    /// gives `victims.csv:2:figure_id: error[M403] the figure links to victim `v-2`, not to this
    /// one: `fig-mailin``
    LinkMismatch => LinkMismatch, checks records
}

rule! {
    /// ## What it checks
    /// A figure–victim link recorded on one side only: a figure's `victim_id` names a victim
    /// without a `figure_id`, or a victim's `figure_id` names a figure without a `victim_id`.
    ///
    /// ## Why it matters
    /// Informational: navigation from one page to the other works only one way.
    ///
    /// ## Example
    /// `victims.csv:2:figure_id: info[M404] the figure does not link back to this victim:
    /// `fig-mailin``
    OneSidedLink => OneSidedLink
}

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

    fn sources(&mut self, ids: &[String]) {
        for id in ids {
            self.check(SOURCES, id, "source_ids");
        }
    }
}

impl RecordRule for UnknownReference {
    fn victim(rec: &Located<Victim>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let v = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        for c in &v.cases {
            if let Some(camp) = &c.camp_id {
                refs.check(CAMPS, camp, "camp_id");
            }
        }
        refs.sources(&v.source_ids);
        if let Some(f) = &v.figure_id {
            refs.check(FIGURES, f, "figure_id");
        }
    }

    fn figure(rec: &Located<Figure>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let f = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(&f.source_ids);
        if let Some(v) = &f.victim_id {
            refs.check(VICTIMS, v, "victim_id");
        }
        for e in &f.event_ids {
            refs.check(EVENTS, e, "event_ids");
        }
    }

    fn event(rec: &Located<Event>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let e = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(&e.source_ids);
        for f in &e.figure_ids {
            refs.check(FIGURES, f, "figure_ids");
        }
        for c in &e.camp_ids {
            refs.check(CAMPS, c, "camp_ids");
        }
    }

    fn camp(rec: &Located<Camp>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let c = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(&c.source_ids);
        if let Some(p) = c
            .parent
            .as_deref()
            .filter(|p| p.trim().starts_with("camp-"))
        {
            refs.check(CAMPS, p, "parent");
        }
    }

    fn estimate(rec: &Located<Estimate>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let e = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(&e.source_ids);
        refs.check(ESTIMATE_SUBJECTS, &e.subject_id, "subject_id");
    }

    fn claim(rec: &Located<Claim>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let c = &rec.record;
        let loc = &rec.location;
        let mut refs = Refs {
            world,
            loc,
            sink,
            facts,
        };
        refs.sources(&c.source_ids);
        refs.check(CLAIM_SUBJECTS, &c.subject_id, "subject_id");
    }
}

/// Checks M403 and M404 in one pass.
impl RecordRule for LinkMismatch {
    fn victim(rec: &Located<Victim>, world: &World, sink: &mut Sink<'_>, _: &mut Facts) {
        victim_links(&rec.record, &world.links, &rec.location, sink);
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
    Diagnostic::new(Code::UnknownReference, message, loc.with_field(field))
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
    let id = id.trim();
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

/// Checks a victim's link to its figure, both ways (M403, M404).
fn victim_links(v: &Victim, world: &Links, loc: &Location, sink: &mut Sink<'_>) {
    if !world.read || !(sink.on(Code::LinkMismatch) || sink.on(Code::OneSidedLink)) {
        return;
    }
    let id = v.id.trim();
    if let Some(fig_id) = v.figure_id.as_deref().map(str::trim)
        && let Some(fig) = world.figure(fig_id)
    {
        {
            match fig.victim_id.as_deref() {
                Some(back) if back != id => sink.push(
                    Diagnostic::new(
                        Code::LinkMismatch,
                        format!("the figure links to victim `{back}`, not to this one"),
                        loc.with_field("figure_id"),
                    )
                    .with_value(fig_id)
                    .with_related(fig.location.with_field("victim_id"))
                    .with_help("make `figures.csv` `victim_id` and `victims.csv` `figure_id` point at each other"),
                ),
                None => sink.push(
                    Diagnostic::new(
                        Code::OneSidedLink,
                        "the figure does not link back to this victim".to_owned(),
                        loc.with_field("figure_id"),
                    )
                    .with_value(fig_id)
                    .with_related(fig.location.with_field("victim_id"))
                    .with_help(format!("set `victim_id` of `{fig_id}` to `{id}`")),
                ),
                Some(_) => {}
            }
        }
    }
    if let Some((fig_id, fig_loc)) = world.figure_linking(id) {
        match v.figure_id.as_deref().map(str::trim) {
            None => sink.push(
                Diagnostic::new(
                    Code::OneSidedLink,
                    format!("figure `{fig_id}` links to this victim, which has no `figure_id`"),
                    loc.with_field("figure_id"),
                )
                .with_related(fig_loc.with_field("victim_id"))
                .with_help(format!("set `figure_id` to `{fig_id}`")),
            ),
            Some(mine) if mine != fig_id => sink.push(
                Diagnostic::new(
                    Code::LinkMismatch,
                    format!("figure `{fig_id}` links to this victim, but `figure_id` names another figure"),
                    loc.with_field("figure_id"),
                )
                .with_value(mine)
                .with_related(fig_loc.with_field("victim_id"))
                .with_help("make `figures.csv` `victim_id` and `victims.csv` `figure_id` point at each other"),
            ),
            Some(_) => {}
        }
    }
}
