//! The JSON bundle (one file), JSON Lines (one file per kind) and `schemas/bundle.schema.json`.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use super::{ExportFormat, ExportHeader, PersonExtras, PreparedArchive, output};
use crate::error::{Error, ErrorKind, Result};
use crate::io::DatasetKind;

/// The order of the bundle's lists.
pub(crate) const BUNDLE_ORDER: [DatasetKind; 7] = [
    DatasetKind::Sources,
    DatasetKind::Figures,
    DatasetKind::Events,
    DatasetKind::Camps,
    DatasetKind::Victims,
    DatasetKind::Estimates,
    DatasetKind::Claims,
];

fn io(e: std::io::Error) -> Error {
    Error::io("write", "export", e)
}

/// Writes the bundle: header members one per line, then each list with one record per line.
pub(crate) fn write_bundle(p: &PreparedArchive, w: &mut dyn Write) -> Result<()> {
    let header = serde_json::to_value(&p.header).map_err(ErrorKind::Serialize)?;
    w.write_all(b"{\n").map_err(io)?;
    if let Value::Object(h) = header {
        for (k, v) in h {
            writeln!(w, "{}: {},", Value::from(k), v).map_err(io)?;
        }
    }
    for (n, kind) in BUNDLE_ORDER.iter().enumerate() {
        write!(w, "{}: [", Value::from(kind.as_str())).map_err(io)?;
        let count = p.count(*kind);
        for i in 0..count {
            w.write_all(if i == 0 { b"\n" } else { b",\n" })
                .map_err(io)?;
            serde_json::to_writer(&mut *w, &p.value(*kind, i)?).map_err(ErrorKind::Serialize)?;
        }
        if count > 0 {
            w.write_all(b"\n").map_err(io)?;
        }
        w.write_all(if n + 1 < BUNDLE_ORDER.len() {
            b"],\n"
        } else {
            b"]\n"
        })
        .map_err(io)?;
    }
    if p.persons.is_some() {
        w.write_all(b",\n\"persons\": [\n").map_err(io)?;
        if super::persons::write_lines(p, w, b",\n")? > 0 {
            w.write_all(b"\n").map_err(io)?;
        }
        w.write_all(b"]\n").map_err(io)?;
    }
    w.write_all(b"}\n").map_err(io)?;
    Ok(())
}

/// Writes `<kind>.jsonl` for every kind present, and `manifest.json`; returns the file names.
pub(crate) fn write_jsonl(p: &PreparedArchive, dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for kind in &p.kinds {
        let name = format!("{}.jsonl", kind.as_str());
        let mut w = output::create_file(dir, &name)?;
        for i in 0..p.count(*kind) {
            serde_json::to_writer(&mut w, &p.value(*kind, i)?).map_err(ErrorKind::Serialize)?;
            w.write_all(b"\n").map_err(io)?;
        }
        output::finish_file(w, &name)?;
        files.push((name, *kind, kind.as_str().to_owned(), p.count(*kind)));
    }
    let persons = super::persons::write_jsonl(p, dir)?;
    let mut manifest = super::manifest(p, ExportFormat::Jsonl, &files)?;
    if let Some(entry) = &persons {
        let mut m: Value = serde_json::from_slice(&manifest).map_err(ErrorKind::Serialize)?;
        if let Some(f) = m["files"].as_array_mut() {
            f.push(entry.clone());
        }
        manifest = serde_json::to_vec_pretty(&m).map_err(ErrorKind::Serialize)?;
        manifest.push(b'\n');
    }
    let mut w = output::create_file(dir, "manifest.json")?;
    w.write_all(&manifest).map_err(io)?;
    output::finish_file(w, "manifest.json")?;
    let mut names: Vec<String> = files.into_iter().map(|f| f.0).collect();
    if persons.is_some() {
        names.push("persons.jsonl".into());
    }
    names.push("manifest.json".into());
    Ok(names)
}

/// Moves a schemars root schema's `$defs` into `defs` and returns the rest (without `$schema`).
fn take_defs(mut schema: Value, defs: &mut serde_json::Map<String, Value>) -> Value {
    if let Value::Object(o) = &mut schema {
        o.remove("$schema");
        if let Some(Value::Object(d)) = o.remove("$defs") {
            defs.extend(d);
        }
    }
    schema
}

/// `schemas/bundle.schema.json`: the JSON bundle of `museum export --format json`. Entities refer
/// to the entity schemas next to it (`victim.schema.json`…); victims and figures add
/// [`PersonExtras`]. Each line of a JSON Lines export is one item of the matching list.
pub fn bundle_schema() -> String {
    let mut defs = serde_json::Map::new();
    let header = take_defs(schemars::schema_for!(ExportHeader).to_value(), &mut defs);
    let extras = take_defs(schemars::schema_for!(PersonExtras).to_value(), &mut defs);
    defs.insert("PersonExtras".into(), extras);
    let mut properties = header["properties"].clone();
    properties["format_version"] = json!({
        "description": "The version of the export shapes.",
        "const": super::FORMAT_VERSION,
    });
    let mut required: Vec<Value> = header["required"].as_array().cloned().unwrap_or_default();
    for kind in BUNDLE_ORDER {
        let entity = json!({"$ref": format!("{}.schema.json", kind.entity())});
        let items = match kind {
            DatasetKind::Victims | DatasetKind::Figures => {
                json!({"allOf": [entity, {"$ref": "#/$defs/PersonExtras"}]})
            }
            _ => entity,
        };
        properties[kind.as_str()] = json!({
            "description": format!("Every {} of the export, in input order.", kind.entity()),
            "type": "array",
            "items": items,
        });
        required.push(Value::from(kind.as_str()));
    }
    properties["persons"] = json!({
        "description": "The merged person records (with a person registry): every active person, then every retired id as a redirect.",
        "type": "array",
        "items": {"$ref": "person.schema.json"},
    });
    let value = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://museum.invalid/schemas/bundle.schema.json",
        "title": "ExportBundle",
        "description": "The archive as one JSON document, written by `museum export --format json`. Cross-references are ids of records in the same bundle.",
        "type": "object",
        "properties": properties,
        "required": required,
        "$defs": defs,
    });
    crate::schema::finish(value)
}
