//! Which rules run on a record of each kind: every rule's per-record check
//! ([`rules::RecordRule`], dispatched in code order from the registry), then what the world
//! keeps of the record for the kinds read later (a figure's link to its victim, a camp's
//! operating period).

use super::rules;
use super::sink::Sink;
use super::world::{CampPeriod, Facts, FigureInfo, World};
use crate::io::{Located, Record};
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source, Victim};

/// The per-record rules of a kind.
pub(crate) trait Check: Record {
    /// Runs every per-record rule; remembers in `facts` what later kinds need.
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts);
}

impl Check for Victim {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::victim(rec, world, sink, facts);
    }
}

impl Check for Figure {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::figure(rec, world, sink, facts);
        let f = &rec.record;
        facts.figures.push((
            f.id.trim().to_owned(),
            FigureInfo {
                victim_id: f
                    .victim_id
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                location: sink.locate(&rec.location),
            },
        ));
    }
}

impl Check for Event {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::event(rec, world, sink, facts);
    }
}

impl Check for Camp {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::camp(rec, world, sink, facts);
        let c = &rec.record;
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
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::source(rec, world, sink, facts);
    }
}

impl Check for Estimate {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::estimate(rec, world, sink, facts);
    }
}

impl Check for Claim {
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::claim(rec, world, sink, facts);
    }
}
