//! Which rules run on a record of each kind: every rule's per-record check
//! ([`rules::RecordRule`], dispatched in code order from the registry), then what the world
//! keeps of the record for the kinds read later (a figure's link to its victim, a camp's
//! operating period); and how validation reads a row of each kind ([`RowRead`]: a victim's row
//! is read as a [`VictimRow`], other kinds' rows are built into records lean).

use super::rules;
use super::sink::Sink;
use super::view::{Needs, VictimRow, VictimView};
use super::world::{CampPeriod, Facts, FigureInfo, World};
use crate::diagnostic::{Diagnostic, Location};
use crate::io::{Located, Record, Row};
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source, Victim};

/// The per-record rules of a kind.
pub(crate) trait Check: Record + 'static {
    /// A row of the kind as validation reads it.
    type Row: RowRead<Self>;

    /// Runs every per-record rule; remembers in `facts` what later kinds need.
    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts);
}

/// A row of a kind `T` as validation reads it, when the run does not keep records: boxed, and
/// refilled with the next row once checked (no allocation per row).
pub(crate) trait RowRead<T>: Send + Sized {
    /// Reads `row` into `spare` (or a new box), with the typed values `needs` asks for; what
    /// cannot be read is reported to `out` as the record's reader reports it.
    // The box given as `spare` is refilled and given back: a row is large, a box moves without
    // copying it, and no row allocates.
    #[allow(clippy::unnecessary_box_returns)]
    fn read(
        spare: Option<Box<Self>>,
        row: &Row<'_>,
        needs: Needs,
        out: &mut Vec<Diagnostic>,
    ) -> Box<Self>;
    /// Sets where the row is.
    fn locate(&mut self, location: Location);
    /// Where the row is.
    fn location(&self) -> &Location;
    /// The id as written.
    fn id(&self) -> &str;
    /// Whether the row continues the record of the row before.
    fn continues(&self) -> bool;
    /// Runs every per-record rule on the row.
    fn check(&self, world: &World, sink: &mut Sink<'_>, facts: &mut Facts);
    /// The record of the row, to merge with other rows (built lean).
    fn into_record(self: Box<Self>) -> Located<T>;
}

/// The rows of kinds read as records: built lean ([`Record::from_row_lean`]).
impl<T: Check> RowRead<T> for Located<T> {
    fn read(
        spare: Option<Box<Self>>,
        row: &Row<'_>,
        _: Needs,
        out: &mut Vec<Diagnostic>,
    ) -> Box<Self> {
        match spare {
            Some(mut b) => {
                b.record.refill_lean(row, out);
                b
            }
            None => Box::new(Located {
                record: T::from_row_lean(row, out),
                location: Location::default(),
            }),
        }
    }
    fn locate(&mut self, location: Location) {
        self.location = location;
    }
    fn location(&self) -> &Location {
        &self.location
    }
    fn id(&self) -> &str {
        self.record.id()
    }
    fn continues(&self) -> bool {
        self.record.continues()
    }
    fn check(&self, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        T::check(self, world, sink, facts);
    }
    fn into_record(self: Box<Self>) -> Located<T> {
        *self
    }
}

impl RowRead<Victim> for VictimRow {
    fn read(
        spare: Option<Box<Self>>,
        row: &Row<'_>,
        needs: Needs,
        out: &mut Vec<Diagnostic>,
    ) -> Box<Self> {
        let mut b = spare.unwrap_or_default();
        b.fill(row, needs, out);
        b
    }
    fn locate(&mut self, location: Location) {
        self.location = location;
    }
    fn location(&self) -> &Location {
        &self.location
    }
    fn id(&self) -> &str {
        VictimRow::id(self)
    }
    fn continues(&self) -> bool {
        VictimRow::continues(self)
    }
    fn check(&self, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        self.view(|v| rules::victim(v, world, sink, facts));
    }
    fn into_record(self: Box<Self>) -> Located<Victim> {
        self.to_record()
    }
}

impl Check for Victim {
    type Row = VictimRow;

    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        VictimView::of_record(rec, |v| rules::victim(v, world, sink, facts));
    }
}

impl Check for Figure {
    type Row = Located<Self>;

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
    type Row = Located<Self>;

    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::event(rec, world, sink, facts);
    }
}

impl Check for Camp {
    type Row = Located<Self>;

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
    type Row = Located<Self>;

    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::source(rec, world, sink, facts);
    }
}

impl Check for Estimate {
    type Row = Located<Self>;

    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::estimate(rec, world, sink, facts);
    }
}

impl Check for Claim {
    type Row = Located<Self>;

    fn check(rec: &Located<Self>, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
        rules::claim(rec, world, sink, facts);
    }
}
