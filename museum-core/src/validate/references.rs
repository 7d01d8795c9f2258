//! Identity and reference checks: duplicate ids (M401) and references to ids that do not exist
//! (M402).
//!
//! A reference into a file is checked only when that file was loaded (validating a lone
//! `victims.csv` cannot know the sources), unless
//! [`ValidateOptions::require_all_files`](super::ValidateOptions) is set.

use std::collections::{HashMap, HashSet};

use super::ValidateOptions;
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::io::{Archive, DatasetKind, Located, Record};

fn duplicates<T: Record>(items: &[Located<T>], out: &mut Vec<Diagnostic>) -> HashSet<String> {
    let mut first: HashMap<&str, &Location> = HashMap::new();
    for it in items {
        let id = it.record.id();
        if id.is_empty() {
            continue;
        }
        if let Some(prev) = first.get(id) {
            out.push(
                Diagnostic::new(Code::DuplicateId, format!("id `{id}` is used by an earlier record"), it.location.with_field("id"))
                    .with_value(id)
                    .with_related((*prev).clone())
                    .with_help(match T::KIND {
                        DatasetKind::Victims => "give each person one id; a second repression case of the same person goes on the next row with the same id and `case` 2",
                        _ => "give each record its own id",
                    }),
            );
        } else {
            first.insert(id, &it.location);
        }
    }
    first.keys().map(|k| (*k).to_owned()).collect()
}

struct Targets {
    sources: Option<HashSet<String>>,
    figures: Option<HashSet<String>>,
    events: Option<HashSet<String>>,
    camps: Option<HashSet<String>>,
    victims: Option<HashSet<String>>,
}

fn loaded(
    archive: &Archive,
    kind: DatasetKind,
    options: &ValidateOptions,
    ids: HashSet<String>,
) -> Option<HashSet<String>> {
    (options.require_all_files || archive.files.iter().any(|(_, k)| *k == kind)).then_some(ids)
}

fn check_ref(
    target: Option<&HashSet<String>>,
    kind: DatasetKind,
    id: &str,
    loc: &Location,
    field: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(set) = target else { return };
    if !id.is_empty() && !set.contains(id) {
        out.push(
            Diagnostic::new(
                Code::UnknownReference,
                format!(
                    "`{field}` refers to `{id}`, which is not in {}",
                    kind.as_str()
                ),
                loc.with_field(field),
            )
            .with_value(id)
            .with_help(format!(
                "add `{id}` to `{}.csv` or correct the reference",
                kind.as_str()
            )),
        );
    }
}

pub(super) fn check(archive: &Archive, options: &ValidateOptions, out: &mut Vec<Diagnostic>) {
    let t = Targets {
        sources: loaded(
            archive,
            DatasetKind::Sources,
            options,
            duplicates(&archive.sources, out),
        ),
        figures: loaded(
            archive,
            DatasetKind::Figures,
            options,
            duplicates(&archive.figures, out),
        ),
        events: loaded(
            archive,
            DatasetKind::Events,
            options,
            duplicates(&archive.events, out),
        ),
        camps: loaded(
            archive,
            DatasetKind::Camps,
            options,
            duplicates(&archive.camps, out),
        ),
        victims: loaded(
            archive,
            DatasetKind::Victims,
            options,
            duplicates(&archive.victims, out),
        ),
    };
    duplicates(&archive.estimates, out);
    duplicates(&archive.claims, out);
    let src = |ids: &[String], loc: &Location, out: &mut Vec<Diagnostic>| {
        for id in ids {
            check_ref(
                t.sources.as_ref(),
                DatasetKind::Sources,
                id,
                loc,
                "source_ids",
                out,
            );
        }
    };
    for f in &archive.figures {
        let r = &f.record;
        src(&r.source_ids, &f.location, out);
        if let Some(v) = &r.victim_id {
            check_ref(
                t.victims.as_ref(),
                DatasetKind::Victims,
                v,
                &f.location,
                "victim_id",
                out,
            );
        }
        for e in &r.event_ids {
            check_ref(
                t.events.as_ref(),
                DatasetKind::Events,
                e,
                &f.location,
                "event_ids",
                out,
            );
        }
    }
    for e in &archive.events {
        let r = &e.record;
        src(&r.source_ids, &e.location, out);
        for f in &r.figure_ids {
            check_ref(
                t.figures.as_ref(),
                DatasetKind::Figures,
                f,
                &e.location,
                "figure_ids",
                out,
            );
        }
        for c in &r.camp_ids {
            check_ref(
                t.camps.as_ref(),
                DatasetKind::Camps,
                c,
                &e.location,
                "camp_ids",
                out,
            );
        }
    }
    for c in &archive.camps {
        src(&c.record.source_ids, &c.location, out);
        if let Some(p) = c
            .record
            .parent
            .as_deref()
            .filter(|p| p.starts_with("camp-"))
        {
            check_ref(
                t.camps.as_ref(),
                DatasetKind::Camps,
                p,
                &c.location,
                "parent",
                out,
            );
        }
    }
    for v in &archive.victims {
        let r = &v.record;
        src(&r.source_ids, &v.location, out);
        if let Some(f) = &r.figure_id {
            check_ref(
                t.figures.as_ref(),
                DatasetKind::Figures,
                f,
                &v.location,
                "figure_id",
                out,
            );
        }
        for case in &r.cases {
            if let Some(c) = &case.camp_id {
                check_ref(
                    t.camps.as_ref(),
                    DatasetKind::Camps,
                    c,
                    &v.location,
                    "camp_id",
                    out,
                );
            }
        }
    }
    let subjects: Option<HashSet<String>> = match (&t.events, &t.camps) {
        (None, None) => None,
        _ => Some(
            t.events
                .iter()
                .chain(t.camps.iter())
                .flatten()
                .cloned()
                .collect(),
        ),
    };
    for e in &archive.estimates {
        src(&e.record.source_ids, &e.location, out);
        if let Some(s) = &subjects
            && !s.contains(&e.record.subject_id)
            && !e.record.subject_id.is_empty()
        {
            out.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    format!(
                        "`subject_id` refers to `{}`, which is neither an event nor a camp",
                        e.record.subject_id
                    ),
                    e.location.with_field("subject_id"),
                )
                .with_value(e.record.subject_id.clone()),
            );
        }
    }
    let all_ids: HashSet<&str> = [&t.figures, &t.events, &t.camps, &t.victims, &t.sources]
        .iter()
        .filter_map(|s| s.as_ref())
        .flatten()
        .map(String::as_str)
        .collect();
    let any_entities = [&t.figures, &t.events, &t.camps, &t.victims]
        .iter()
        .any(|s| s.is_some());
    for c in &archive.claims {
        src(&c.record.source_ids, &c.location, out);
        if any_entities
            && !c.record.subject_id.is_empty()
            && !all_ids.contains(c.record.subject_id.as_str())
        {
            out.push(
                Diagnostic::new(
                    Code::UnknownReference,
                    format!(
                        "`subject_id` refers to `{}`, which is not a known record",
                        c.record.subject_id
                    ),
                    c.location.with_field("subject_id"),
                )
                .with_value(c.record.subject_id.clone()),
            );
        }
    }
}
