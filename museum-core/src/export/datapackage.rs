//! The Frictionless data package export: the CSV files as [`write_csv`] writes them and a
//! `datapackage.json` derived from [`crate::schema::datapackage`], with one resource per file
//! written, the carried-through columns declared as string fields after the canonical ones, and
//! only the foreign keys whose target resource is in the package.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use super::{PreparedArchive, output};
use crate::error::{Error, ErrorKind, Result};
use crate::io::{DatasetKind, Record, write_csv};

fn io(e: std::io::Error) -> Error {
    Error::io("write", "export", e)
}

/// The carried-through columns in the order [`write_csv`] writes them (first seen).
fn extra_columns<T: Record>(records: &[T]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for r in records {
        for k in r.extra().keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

/// Writes one kind's CSV; returns its extra columns.
fn write_kind<T: Record>(
    p: &PreparedArchive,
    kind: DatasetKind,
    typed: &[T],
    dir: &Path,
) -> Result<Vec<String>> {
    let converted: Vec<T>;
    let records: &[T] = if p.rules.is_empty() {
        typed
    } else {
        // Dropped fields: go through the exported JSON, as a reader of the JSON export would.
        converted = (0..p.count(kind))
            .map(|i| {
                serde_json::from_value::<T>(p.value(kind, i)?)
                    .map_err(|e| ErrorKind::Serialize(e).into())
            })
            .collect::<Result<Vec<T>>>()?;
        &converted
    };
    let name = format!("{}.csv", kind.as_str());
    let mut w = output::create_file(dir, &name)?;
    write_csv(records, &mut w).map_err(io)?;
    output::finish_file(w, &name)?;
    Ok(extra_columns(records))
}

/// Writes the CSV files and `datapackage.json`; returns the file names.
pub(crate) fn write(p: &PreparedArchive, dir: &Path) -> Result<Vec<String>> {
    let mut written: Vec<(DatasetKind, Vec<String>)> = Vec::new();
    for kind in &p.kinds {
        let extra = match kind {
            DatasetKind::Sources => write_kind(p, *kind, &p.sources, dir)?,
            DatasetKind::Figures => write_kind(p, *kind, &p.figures, dir)?,
            DatasetKind::Events => write_kind(p, *kind, &p.events, dir)?,
            DatasetKind::Camps => write_kind(p, *kind, &p.camps, dir)?,
            DatasetKind::Victims => write_kind(p, *kind, &p.victims, dir)?,
            DatasetKind::Estimates => write_kind(p, *kind, &p.estimates, dir)?,
            DatasetKind::Claims => write_kind(p, *kind, &p.claims, dir)?,
        };
        written.push((*kind, extra));
    }
    let persons = super::persons::write_registry(p, dir)?;
    let mut descriptor = descriptor(p, &written)?;
    if let Some(resource) = persons {
        let mut dp: Value = serde_json::from_slice(&descriptor).map_err(ErrorKind::Serialize)?;
        if let Some(r) = dp["resources"].as_array_mut() {
            r.push(resource);
        }
        descriptor = serde_json::to_vec_pretty(&dp).map_err(ErrorKind::Serialize)?;
        descriptor.push(b'\n');
    }
    let mut w = output::create_file(dir, "datapackage.json")?;
    w.write_all(&descriptor).map_err(io)?;
    output::finish_file(w, "datapackage.json")?;
    let mut files: Vec<String> = written
        .iter()
        .map(|(k, _)| format!("{}.csv", k.as_str()))
        .collect();
    if p.persons.is_some() {
        files.push(crate::persons::REGISTRY_FILE.into());
    }
    files.push("datapackage.json".into());
    Ok(files)
}

/// The package descriptor for the files written.
fn descriptor(p: &PreparedArchive, written: &[(DatasetKind, Vec<String>)]) -> Result<Vec<u8>> {
    let mut dp: Value =
        serde_json::from_str(&crate::schema::datapackage()).map_err(ErrorKind::Serialize)?;
    let names: Vec<&str> = written.iter().map(|(k, _)| k.as_str()).collect();
    let resources: Vec<Value> = dp["resources"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|mut r| {
            let name = r["name"].as_str()?.to_owned();
            let (_, extra) = written.iter().find(|(k, _)| k.as_str() == name)?;
            if let Some(fields) = r["schema"]["fields"].as_array_mut() {
                for col in extra {
                    fields.push(serde_json::json!({
                        "name": col,
                        "type": "string",
                        "description": "A column of the input that the model does not know, carried through",
                    }));
                }
            }
            if let Some(schema) = r["schema"].as_object_mut() {
                let keep: Vec<Value> = schema
                    .get("foreignKeys")
                    .and_then(Value::as_array)
                    .map(|fks| {
                        fks.iter()
                            .filter(|fk| {
                                fk["reference"]["resource"]
                                    .as_str()
                                    .is_some_and(|t| names.contains(&t))
                            })
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                if keep.is_empty() {
                    schema.remove("foreignKeys");
                } else {
                    schema.insert("foreignKeys".into(), Value::Array(keep));
                }
            }
            Some(r)
        })
        .collect();
    dp["resources"] = Value::Array(resources);
    let header = serde_json::to_value(&p.header).map_err(ErrorKind::Serialize)?;
    dp["museum_export_version"] = header["museum_export_version"].clone();
    dp["format_version"] = header["format_version"].clone();
    dp["generated_by"] = header["generated_by"].clone();
    if let Some(at) = &p.header.generated_at {
        dp["created"] = Value::from(at.as_str());
    }
    // `null` when written with `--no-redact`.
    dp["museum_redaction"] = header["redaction"].clone();
    let mut s = serde_json::to_vec_pretty(&dp).map_err(ErrorKind::Serialize)?;
    s.push(b'\n');
    Ok(s)
}
