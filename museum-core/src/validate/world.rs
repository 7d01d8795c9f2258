//! What validation knows across files: the ids of the kinds already read, the figures' links
//! and the camps' periods ([`World`]), the compact facts kept from each checked record
//! ([`Facts`]), what is gathered about a kind while its files are read ([`KindState`]), and
//! the references into kinds read later, checked at the end.
//!
//! The engine ([`super::engine`]) fills it; the rules ([`super::rules`]) consult it. It uses
//! no rule: the rules sit above it.

use std::collections::HashMap;

use super::Report;
use super::ids::{IdIndex, Seen};
use super::sink::Sink;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::DatasetKind;
use crate::model::HistoricalDate;

pub(crate) fn kind_index(kind: DatasetKind) -> usize {
    DatasetKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(0)
}

/// A reference into a kind not yet read, checked at the end.
#[derive(Debug, Clone)]
pub(crate) struct Deferred {
    pub(crate) targets: &'static [DatasetKind],
    pub(crate) id: String,
    pub(crate) location: Location,
    pub(crate) field: &'static str,
    pub(crate) from: DatasetKind,
}

/// What the kinds read so far say about a referenced id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// One of the target kinds has it.
    Found,
    /// Not found yet; a target kind is read later.
    Later,
    /// No target kind has it.
    Missing,
    /// No target kind was read (and not all files are required): nothing to say.
    Unknowable,
}

/// A camp's operating period.
#[derive(Debug, Clone)]
pub(crate) struct CampPeriod {
    pub(crate) opened: Option<HistoricalDate>,
    pub(crate) closed: Option<HistoricalDate>,
}

/// What a figure says about its victim record.
#[derive(Debug, Clone)]
pub(crate) struct FigureInfo {
    pub(crate) victim_id: Option<String>,
    pub(crate) location: Location,
}

/// The figures' links to victims, both ways, once the figures are read.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// Whether figures were read (links to figures can be checked).
    pub(crate) read: bool,
    figures: HashMap<String, FigureInfo>,
    figure_by_victim: HashMap<String, (String, Location)>,
}

impl Links {
    /// Adds a figure.
    pub(crate) fn add(&mut self, id: String, info: FigureInfo) {
        if let Some(v) = &info.victim_id {
            self.figure_by_victim
                .insert(v.clone(), (id.clone(), info.location.clone()));
        }
        self.figures.insert(id, info);
    }

    /// A figure by id.
    pub(crate) fn figure(&self, id: &str) -> Option<&FigureInfo> {
        self.figures.get(id)
    }

    /// The figure whose `victim_id` is `victim`.
    pub(crate) fn figure_linking(&self, victim: &str) -> Option<(&str, &Location)> {
        self.figure_by_victim
            .get(victim)
            .map(|(f, l)| (f.as_str(), l))
    }
}

/// What the kinds already read tell about the ones being read.
#[derive(Debug, Default)]
pub(crate) struct World {
    pub(crate) loaded: [bool; 7],
    require_all: bool,
    ids: [Option<IdIndex>; 7],
    /// The figures' links to victims (once figures are read).
    pub(crate) links: Links,
    pub(crate) camps: HashMap<String, CampPeriod>,
    pub(crate) deferred: Vec<Deferred>,
    /// The names of the files read so far, by file number.
    pub(crate) files: Vec<String>,
}

impl World {
    pub(crate) fn new(kinds: impl IntoIterator<Item = DatasetKind>, require_all: bool) -> Self {
        let mut w = World {
            require_all,
            ..World::default()
        };
        for k in kinds {
            w.loaded[kind_index(k)] = true;
        }
        w
    }

    /// Whether `id` is in one of `targets`, as far as the kinds read so far tell.
    pub(crate) fn lookup(&self, targets: &[DatasetKind], id: &str) -> Lookup {
        let mut later = false;
        let mut any = self.require_all;
        for t in targets {
            let k = kind_index(*t);
            match &self.ids[k] {
                Some(ix) => {
                    if ix.contains(id) {
                        return Lookup::Found;
                    }
                    any = true;
                }
                None if self.loaded[k] => later = true,
                None => {}
            }
        }
        if later {
            Lookup::Later
        } else if any {
            Lookup::Missing
        } else {
            Lookup::Unknowable
        }
    }

    /// Ends a kind: keeps its id index, links and periods.
    pub(crate) fn close_kind(&mut self, state: KindState) {
        let k = kind_index(state.kind);
        self.ids[k] = Some(state.ids);
        if state.kind == DatasetKind::Figures {
            self.links.read = true;
        }
        for (id, info) in state.figures {
            self.links.add(id, info);
        }
        self.camps.extend(state.camps);
        self.deferred.extend(state.deferred);
    }
}

/// The finding for an id used again: `at` is the repeat, `first` where it was first seen.
fn duplicate_id(
    kind: DatasetKind,
    id: &str,
    at: Seen,
    first: Seen,
    files: &[String],
) -> Diagnostic {
    let seen_loc = |s: Seen| Location {
        file: files.get(s.file as usize).map(|f| f.as_str().into()),
        line: Some(s.line),
        record_id: Some(id.to_owned()),
        ..Location::default()
    };
    Diagnostic::new(
        Code::DuplicateId,
        format!("id `{id}` is used by an earlier record"),
        seen_loc(at).with_field("id"),
    )
    .with_value(id.to_owned())
    .with_related(seen_loc(first))
    .with_help(if kind == DatasetKind::Victims {
        "give each person one id; a later repression case of the same person goes on the next row with the same id and `case` 2"
    } else {
        "give each record its own id"
    })
}

/// Indexes the ids listed in `list` (read in file `file`) into the kind's `index`, reporting
/// the repeated ones to `sink`.
pub(crate) fn index_ids(
    index: &mut IdIndex,
    list: &IdIndex,
    file: u32,
    files: &[String],
    sink: &mut Sink<'_>,
) {
    let (kind, on) = (sink.kind(), sink.on(Code::DuplicateId));
    index.add_all(list, file, |id, at, first| {
        if on {
            sink.push(duplicate_id(kind, id, at, first, files));
        }
    });
}

/// Compact facts kept from records once they are checked.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    pub(crate) ids: IdIndex,
    pub(crate) figures: Vec<(String, FigureInfo)>,
    pub(crate) camps: Vec<(String, CampPeriod)>,
    pub(crate) deferred: Vec<Deferred>,
    pub(crate) records: u64,
}

/// What is gathered about one kind while its files are read.
pub(crate) struct KindState {
    kind: DatasetKind,
    pub(crate) ids: IdIndex,
    figures: Vec<(String, FigureInfo)>,
    camps: Vec<(String, CampPeriod)>,
    deferred: Vec<Deferred>,
}

impl KindState {
    pub(crate) fn new(kind: DatasetKind) -> Self {
        KindState {
            kind,
            ids: IdIndex::default(),
            figures: Vec::new(),
            camps: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// Takes the facts of records read from file `file`: their ids are indexed (repeats
    /// reported to `sink`), links and periods kept.
    pub(crate) fn absorb(
        &mut self,
        facts: Facts,
        file: u32,
        files: &[String],
        sink: &mut Sink<'_>,
        report: &mut Report,
    ) {
        index_ids(&mut self.ids, &facts.ids, file, files, sink);
        self.figures.extend(facts.figures);
        self.camps.extend(facts.camps);
        self.deferred.extend(facts.deferred);
        report.records += usize::try_from(facts.records).unwrap_or(usize::MAX);
    }
}
