//! File-level sources (`[sources]` in `museum.toml`, `--source ID`): the one source of a whole
//! list. Its id is checked against `sources.csv` like any `source_ids` value, and it is
//! attached to the records read from the file, so exports say where each record comes from.

use super::ValidateOptions;
use super::config::CONFIG_FILE;
use super::rules::references::{SOURCES, reference};
use super::sink::Sink;
use super::world::{Facts, World};
use crate::diagnostic::{Code, Location};
use crate::io::{Archive, Located};

/// Checks the source of `file`, if it has one, against the sources read (M402 naming
/// `museum.toml`'s key or `--source`).
pub(crate) fn check(file: &str, world: &World, sink: &mut Sink<'_>, facts: &mut Facts) {
    let Some((key, id)) = sink.cx.options.file_source_entry(file) else {
        return;
    };
    let mark = sink.out.len();
    let loc = Location {
        file: Some(file.into()),
        field: Some("source_ids".into()),
        ..Location::default()
    };
    reference(world, SOURCES, id, &loc, "source_ids", sink, facts);
    let given = match key {
        Some(k) => format!("[sources] \"{k}\" = \"{id}\" in {CONFIG_FILE}"),
        None => format!("--source {id}"),
    };
    for d in &mut sink.out[mark..] {
        if d.code == Code::UnknownReference {
            d.message = format!("the source of the whole file (`{given}`) is not in sources.csv");
            d.help = Some(format!(
                "add `{id}` to sources.csv, or correct the id in `{given}`"
            ));
        }
    }
}

/// Adds the source of each record's file to its `source_ids` (when it does not cite it).
pub(crate) fn attach(archive: &mut Archive, options: &ValidateOptions) {
    if options.source.is_none() && options.file_sources.is_empty() {
        return;
    }
    attach_to(&mut archive.victims, options, |r| &mut r.source_ids);
    attach_to(&mut archive.figures, options, |r| &mut r.source_ids);
    attach_to(&mut archive.events, options, |r| &mut r.source_ids);
    attach_to(&mut archive.camps, options, |r| &mut r.source_ids);
    attach_to(&mut archive.estimates, options, |r| &mut r.source_ids);
    attach_to(&mut archive.claims, options, |r| &mut r.source_ids);
}

/// [`attach`] for some records of one kind (`ids` gives a record's `source_ids`).
pub(crate) fn attach_to<T>(
    records: &mut [Located<T>],
    options: &ValidateOptions,
    ids: fn(&mut T) -> &mut Vec<String>,
) {
    if options.source.is_none() && options.file_sources.is_empty() {
        return;
    }
    for r in records {
        let Some(file) = r.location.file.as_deref() else {
            continue;
        };
        if let Some(id) = options.file_source(file) {
            let ids = ids(&mut r.record);
            if !ids.iter().any(|s| s.trim() == id) {
                ids.push(id.to_owned());
            }
        }
    }
}
