//! Person records in an export (with a person registry): `persons.jsonl` (one
//! [`crate::persons::PersonEntry`] per line, `schemas/person.schema.json`), the `persons` list
//! of the bundle, and the registry itself as the `persons` resource of a data package.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::{PreparedArchive, output};
use crate::error::{Error, ErrorKind, Result};
use crate::persons::{REGISTRY_FILE, merge_persons};

fn io(e: std::io::Error) -> Error {
    Error::io("write", "export", e)
}

impl PreparedArchive {
    /// Builds the person records from the (redacted) victims and figures.
    pub(crate) fn merge_persons(&mut self, registry: &crate::persons::Registry) {
        let victims: Vec<_> = self
            .victims
            .iter()
            .zip(self.victim_masked.iter().copied())
            .collect();
        let figures: Vec<_> = self
            .figures
            .iter()
            .zip(self.figure_masked.iter().copied())
            .collect();
        let merged = merge_persons(registry, &victims, &figures, &self.claims);
        self.summary.persons = merged.entries.len();
        self.summary.unregistered_records = merged.unregistered.clone();
        self.summary.missing_records = merged.missing.clone();
        self.persons = Some((merged, registry.clone()));
    }
}

/// Writes the person records one per line (nothing without a registry); returns how many.
pub(crate) fn write_lines(
    p: &PreparedArchive,
    w: &mut dyn Write,
    separator: &[u8],
) -> Result<usize> {
    let Some((merged, _)) = &p.persons else {
        return Ok(0);
    };
    for (i, e) in merged.entries.iter().enumerate() {
        if i > 0 {
            w.write_all(separator).map_err(io)?;
        }
        serde_json::to_writer(&mut *w, e).map_err(ErrorKind::Serialize)?;
    }
    Ok(merged.entries.len())
}

/// `persons.jsonl` in a JSON Lines export; its manifest entry.
pub(crate) fn write_jsonl(p: &PreparedArchive, dir: &Path) -> Result<Option<Value>> {
    if p.persons.is_none() {
        return Ok(None);
    }
    let name = "persons.jsonl";
    let mut w = output::create_file(dir, name)?;
    let n = write_lines(p, &mut w, b"\n")?;
    if n > 0 {
        w.write_all(b"\n").map_err(io)?;
    }
    output::finish_file(w, name)?;
    Ok(Some(json!({
        "path": name,
        "table": "persons",
        "entity": "person",
        "schema": "person.schema.json",
        "records": n,
    })))
}

/// The registry as `persons.csv` in a data package; its resource descriptor.
pub(crate) fn write_registry(p: &PreparedArchive, dir: &Path) -> Result<Option<Value>> {
    let Some((_, registry)) = &p.persons else {
        return Ok(None);
    };
    let mut w = output::create_file(dir, REGISTRY_FILE)?;
    w.write_all(&registry.to_csv()).map_err(io)?;
    output::finish_file(w, REGISTRY_FILE)?;
    Ok(Some(registry_resource()))
}

/// The Frictionless resource of the registry.
pub(crate) fn registry_resource() -> Value {
    let field = |name: &str, description: &str| json!({"name": name, "type": "string", "description": description});
    json!({
        "name": "persons",
        "path": REGISTRY_FILE,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": "The person registry: the stable person id of every victim and figure record; a retired id keeps a row without a record, with `merged_into` naming where it leads. Written by `museum persons`.",
        "schema": {
            "fields": [
                {"name": "person_id", "type": "string", "description": "The stable person id (`P000123`), minted once and never reused", "constraints": {"required": true}},
                field("record_id", "A victim or figure id that is this person (empty on the row of a retired id)"),
                field("merged_into", "Where a retired id leads (the person it was merged into)"),
                field("assigned", "The day the row was written (YYYY-MM-DD)"),
                field("how", "How the row came about: new, joined, merged_from:P…, split_from:P…, moved_from:P…, merged, retired"),
                field("fingerprint", "A hash of what matching reads of the record when the row was written (a changed record is compared again)"),
            ]
        }
    })
}
