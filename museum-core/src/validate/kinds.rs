//! Which rules run on a record of each kind.

use super::engine::{Facts, FigureInfo, World};
use super::rules::camps::{self, CampPeriod};
use super::rules::values::{Window, check_range};
use super::rules::{
    age, charge, chronology, completeness, coordinates, references, sentencing_body,
};
use super::sink::Sink;
use crate::diagnostic::Code;
use crate::io::{DatasetKind, Located, Record};
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source, Victim};

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

const TODAY: Option<i32> = None;
// Zheltoksan (December 1986) defendants were born as late as the early 1970s.
const BIRTH: Window = (1800, Some(1975));
const DEATH: Window = (1800, TODAY);
const ARREST: Window = (1900, Some(1991));
const SOVIET: Window = (1917, Some(1991));
const REHABILITATION: Window = (1939, TODAY);
const HISTORY: Window = (1700, TODAY);
const CAMP_PERIOD: Window = (1900, TODAY);

/// The per-record rules of a kind.
pub(crate) trait Check: Record {
    /// Runs every per-record rule; remembers in `facts` what later kinds need.
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts);
}

fn source_refs(
    ids: &[String],
    loc: &crate::diagnostic::Location,
    world: &World,
    sink: &mut Sink<'_>,
    facts: &mut Facts,
) {
    for id in ids {
        world.reference(SOURCES, id, loc, "source_ids", sink, facts);
    }
}

impl Check for Victim {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (v, loc) = (&rec.record, &rec.location);
        check_range(v.birth_date.as_ref(), "birth_date", BIRTH, loc, sink);
        check_range(v.death_date.as_ref(), "death_date", DEATH, loc, sink);
        for c in &v.cases {
            check_range(c.arrest_date.as_ref(), "arrest_date", ARREST, loc, sink);
            check_range(c.sentence_date.as_ref(), "sentence_date", ARREST, loc, sink);
            check_range(
                c.execution_date.as_ref(),
                "execution_date",
                SOVIET,
                loc,
                sink,
            );
            check_range(
                c.camp_arrival_date.as_ref(),
                "camp_arrival_date",
                SOVIET,
                loc,
                sink,
            );
            check_range(c.release_date.as_ref(), "release_date", SOVIET, loc, sink);
            check_range(
                c.rehabilitation_date.as_ref(),
                "rehabilitation_date",
                REHABILITATION,
                loc,
                sink,
            );
            if let Some(ch) = &c.charge {
                charge::check(ch, loc, sink);
            }
            if let Some(body) = &c.sentencing_body {
                sentencing_body::check(body, loc, sink);
            }
            if let Some(camp) = &c.camp_id {
                world.reference(CAMPS, camp, loc, "camp_id", sink, facts);
            }
        }
        age::check(v, loc, sink);
        chronology::check(v, loc, sink);
        camps::operating(v, &world.camps, loc, sink);
        source_refs(&v.source_ids, loc, world, sink, facts);
        if let Some(f) = &v.figure_id {
            world.reference(FIGURES, f, loc, "figure_id", sink, facts);
        }
        references::victim_links(v, world, loc, sink);
        if sink.on(Code::NoSource) {
            completeness::sources(&v.source_ids, v.source_text.as_deref(), loc, sink);
        }
        completeness::victim(v, loc, sink);
    }
}

impl Check for Figure {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (f, loc) = (&rec.record, &rec.location);
        check_range(f.birth_date.as_ref(), "birth_date", BIRTH, loc, sink);
        check_range(f.death_date.as_ref(), "death_date", DEATH, loc, sink);
        if let (Some(b), Some(d)) = (&f.birth_date, &f.death_date) {
            chronology::order(
                Code::DeathBeforeBirth,
                chronology::Dated::new(b, "birth_date"),
                chronology::Dated::new(d, "death_date"),
                &|| "death date precedes the birth date".to_owned(),
                loc,
                sink,
                None,
            );
        }
        source_refs(&f.source_ids, loc, world, sink, facts);
        if let Some(v) = &f.victim_id {
            world.reference(VICTIMS, v, loc, "victim_id", sink, facts);
        }
        for e in &f.event_ids {
            world.reference(EVENTS, e, loc, "event_ids", sink, facts);
        }
        if sink.on(Code::NoSource) {
            completeness::sources(&f.source_ids, None, loc, sink);
        }
        facts.figures.push((
            f.id.trim().to_owned(),
            FigureInfo {
                victim_id: f
                    .victim_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                location: sink.locate(loc),
            },
        ));
    }
}

impl Check for Event {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.start_date.as_ref(), "start_date", HISTORY, loc, sink);
        check_range(e.end_date.as_ref(), "end_date", HISTORY, loc, sink);
        camps::period(
            e.start_date.as_ref(),
            e.end_date.as_ref(),
            ("start_date", "end_date"),
            loc,
            sink,
        );
        source_refs(&e.source_ids, loc, world, sink, facts);
        for f in &e.figure_ids {
            world.reference(FIGURES, f, loc, "figure_ids", sink, facts);
        }
        for c in &e.camp_ids {
            world.reference(CAMPS, c, loc, "camp_ids", sink, facts);
        }
        if sink.on(Code::NoSource) {
            completeness::sources(&e.source_ids, None, loc, sink);
        }
    }
}

impl Check for Camp {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (c, loc) = (&rec.record, &rec.location);
        check_range(c.opened.as_ref(), "opened", CAMP_PERIOD, loc, sink);
        check_range(c.closed.as_ref(), "closed", CAMP_PERIOD, loc, sink);
        camps::period(
            c.opened.as_ref(),
            c.closed.as_ref(),
            ("opened", "closed"),
            loc,
            sink,
        );
        coordinates::check(c, loc, sink);
        source_refs(&c.source_ids, loc, world, sink, facts);
        if let Some(p) = c
            .parent
            .as_deref()
            .filter(|p| p.trim().starts_with("camp-"))
        {
            world.reference(CAMPS, p, loc, "parent", sink, facts);
        }
        if sink.on(Code::NoSource) {
            completeness::sources(&c.source_ids, None, loc, sink);
        }
        facts.camps.push((
            c.id.trim().to_owned(),
            CampPeriod {
                opened: c.opened.clone(),
                closed: c.closed.clone(),
            },
        ));
    }
}

impl Check for Source {
    fn check(rec: &Located<Self>, _world: &World, sink: &mut Sink<'_>, _facts: &mut Facts) {
        let (s, loc) = (&rec.record, &rec.location);
        check_range(s.published.as_ref(), "published", (1500, TODAY), loc, sink);
        check_range(s.accessed.as_ref(), "accessed", (1990, TODAY), loc, sink);
    }
}

impl Check for Estimate {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (e, loc) = (&rec.record, &rec.location);
        check_range(e.as_of.as_ref(), "as_of", HISTORY, loc, sink);
        source_refs(&e.source_ids, loc, world, sink, facts);
        world.reference(
            ESTIMATE_SUBJECTS,
            &e.subject_id,
            loc,
            "subject_id",
            sink,
            facts,
        );
        if sink.on(Code::NoSource) {
            completeness::sources(&e.source_ids, None, loc, sink);
        }
    }
}

impl Check for Claim {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        let (c, loc) = (&rec.record, &rec.location);
        source_refs(&c.source_ids, loc, world, sink, facts);
        world.reference(
            CLAIM_SUBJECTS,
            &c.subject_id,
            loc,
            "subject_id",
            sink,
            facts,
        );
        if sink.on(Code::NoSource) {
            completeness::sources(&c.source_ids, None, loc, sink);
        }
    }
}
