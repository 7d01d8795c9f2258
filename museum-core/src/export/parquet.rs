//! Parquet tables (feature `parquet`): columns derived from the entity JSON Schemas (see the
//! [module docs](super#parquet-tables)), filled from the exported JSON of each record, written
//! with polars.

use std::path::Path;

use polars::prelude::*;
use serde_json::Value;

use super::{ExportFormat, PreparedArchive};
use crate::error::{Error, ErrorKind, Result};
use crate::io::DatasetKind;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    F64,
    I64,
    Bool,
    ListStr,
    /// An ISO day (`1937-11-10`) as a `Date`.
    Date,
    /// Any JSON value, as JSON text.
    Json,
}

/// One column: its name, where its value is in a record's JSON, its type.
#[derive(Debug, Clone)]
struct Spec {
    name: String,
    path: Vec<String>,
    ty: Ty,
}

fn resolve<'a>(defs: &'a Value, s: &'a Value) -> (&'a Value, Option<&'a str>) {
    if let Some(any) = s.get("anyOf").and_then(Value::as_array)
        && let Some(x) = any
            .iter()
            .find(|x| x.get("type") != Some(&Value::from("null")))
    {
        return resolve(defs, x);
    }
    if let Some(name) = s
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return (&defs[name], Some(name));
    }
    (s, None)
}

fn type_of(s: &Value) -> Option<&str> {
    match s.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

/// The columns of an object schema's properties, prefixed with `prefix`.
fn columns(defs: &Value, object: &Value, prefix: &str, path: &[String], out: &mut Vec<Spec>) {
    let Some(props) = object.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (prop, schema) in props {
        let name = format!("{prefix}{prop}");
        let mut p = path.to_vec();
        p.push(prop.clone());
        let (s, def) = resolve(defs, schema);
        let leaf = |ty: Ty, out: &mut Vec<Spec>| {
            out.push(Spec {
                name: name.clone(),
                path: p.clone(),
                ty,
            });
        };
        if def == Some("HistoricalDate") {
            for (suffix, member, ty) in [
                ("", "edtf", Ty::Str),
                ("_original", "original", Ty::Str),
                ("_earliest", "earliest", Ty::Date),
                ("_latest", "latest", Ty::Date),
            ] {
                let mut dp = p.clone();
                dp.push(member.into());
                out.push(Spec {
                    name: format!("{name}{suffix}"),
                    path: dp,
                    ty,
                });
            }
            continue;
        }
        match type_of(s) {
            Some("object") if s.get("properties").is_some() => {
                columns(defs, s, &format!("{name}_"), &p, out);
            }
            Some("object") => leaf(Ty::Json, out),
            Some("array") => {
                let (items, _) = resolve(defs, &s["items"]);
                if type_of(items) == Some("string") {
                    leaf(Ty::ListStr, out);
                }
                // Arrays of records (cases, claims, estimates) are tables of their own.
            }
            Some("string") => leaf(Ty::Str, out),
            Some("number") => leaf(Ty::F64, out),
            Some("integer") => leaf(Ty::I64, out),
            Some("boolean") => leaf(Ty::Bool, out),
            // Enums (`oneOf` of constants) and anything else without a plain type.
            _ if s.get("oneOf").is_some() || s.get("enum").is_some() => leaf(Ty::Str, out),
            _ => leaf(Ty::Json, out),
        }
    }
}

fn entity_schema(kind: DatasetKind) -> Value {
    serde_json::from_str(&crate::schema::entity_schema(kind)).unwrap_or_default()
}

/// The columns of a kind's table (persons with their export extras).
fn table_columns(kind: DatasetKind) -> Vec<Spec> {
    let schema = entity_schema(kind);
    let mut out = Vec::new();
    columns(&schema["$defs"], &schema, "", &[], &mut out);
    if matches!(kind, DatasetKind::Victims | DatasetKind::Figures) {
        for (name, ty) in [
            ("search_keys", Ty::ListStr),
            ("cluster_id", Ty::Str),
            ("masked", Ty::Bool),
        ] {
            out.push(Spec {
                name: name.into(),
                path: vec![name.into()],
                ty,
            });
        }
    }
    out
}

/// The columns of `persons` (with a person registry): the person record's own fields from
/// `person.schema.json` (`person_id`, `status`, `merged_into`, `name`, `conflicts`, `masked`),
/// `record_ids`, `preferred_<field>` for every merged field, and the nested `names` and `fields`
/// (every value with its records and sources) as JSON text.
fn person_columns() -> Vec<Spec> {
    let schema = crate::persons::person_schema();
    let mut out = Vec::new();
    columns(&schema["$defs"], &schema, "", &[], &mut out);
    let mut extra = vec![("record_ids".to_owned(), Ty::ListStr)];
    extra.extend(
        crate::persons::PERSON_FIELDS
            .iter()
            .map(|f| (format!("preferred_{f}"), Ty::Str)),
    );
    extra.push(("names".into(), Ty::Json));
    for (name, ty) in extra {
        if !out.iter().any(|c| c.name == name) {
            out.push(Spec {
                path: vec![name.clone()],
                name,
                ty,
            });
        }
    }
    out
}

/// One person record as a row of `persons` (see [`person_columns`]).
fn person_row(e: &crate::persons::PersonEntry) -> Result<Value> {
    let mut row = serde_json::to_value(e).map_err(ErrorKind::Serialize)?;
    if let Value::Object(o) = &mut row {
        o.insert(
            "record_ids".into(),
            e.records.iter().map(|r| r.record_id.as_str()).collect(),
        );
        for (field, f) in &e.fields {
            o.insert(
                format!("preferred_{field}"),
                Value::from(f.preferred.as_str()),
            );
        }
    }
    Ok(row)
}

/// The columns of `victim_cases`: `victim_id`, `case_number`, then the case's fields.
fn case_columns() -> Vec<Spec> {
    let schema = entity_schema(DatasetKind::Victims);
    let mut out = vec![
        Spec {
            name: "victim_id".into(),
            path: vec!["victim_id".into()],
            ty: Ty::Str,
        },
        Spec {
            name: "case_number".into(),
            path: vec!["case_number".into()],
            ty: Ty::I64,
        },
    ];
    columns(
        &schema["$defs"],
        &schema["$defs"]["RepressionCase"],
        "",
        &[],
        &mut out,
    );
    out
}

fn get<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    (!cur.is_null()).then_some(cur)
}

/// Days since 1970-01-01 of an ISO day; `None` for the open bounds (years ±9999) and bad text.
fn iso_days(text: &str) -> Option<i32> {
    let day = super::parse_day(text)?;
    if day.year <= -9999 || day.year >= 9999 {
        return None;
    }
    i32::try_from(day.days_since_epoch()).ok()
}

/// A column being filled.
enum Builder {
    Str(Vec<Option<String>>),
    F64(Vec<Option<f64>>),
    I64(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
    Date(Vec<Option<i32>>),
    List(Box<ListStringChunkedBuilder>),
}

impl Builder {
    fn new(spec: &Spec, rows: usize) -> Self {
        match spec.ty {
            Ty::Str | Ty::Json => Builder::Str(Vec::with_capacity(rows)),
            Ty::F64 => Builder::F64(Vec::with_capacity(rows)),
            Ty::I64 => Builder::I64(Vec::with_capacity(rows)),
            Ty::Bool => Builder::Bool(Vec::with_capacity(rows)),
            Ty::Date => Builder::Date(Vec::with_capacity(rows)),
            Ty::ListStr => Builder::List(Box::new(ListStringChunkedBuilder::new(
                spec.name.as_str().into(),
                rows,
                rows * 2,
            ))),
        }
    }

    fn push(&mut self, ty: Ty, v: Option<&Value>) {
        match self {
            Builder::Str(b) => b.push(v.map(|v| match (ty, v) {
                (Ty::Str, Value::String(s)) => s.clone(),
                (_, other) => other.to_string(),
            })),
            Builder::F64(b) => b.push(v.and_then(Value::as_f64)),
            Builder::I64(b) => b.push(v.and_then(Value::as_i64)),
            Builder::Bool(b) => b.push(v.and_then(Value::as_bool)),
            Builder::Date(b) => b.push(v.and_then(Value::as_str).and_then(iso_days)),
            Builder::List(b) => {
                let items: Vec<&str> = v
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                b.append_values_iter(items.into_iter());
            }
        }
    }

    fn finish(self, name: &str) -> PolarsResult<Column> {
        let name: PlSmallStr = name.into();
        Ok(match self {
            Builder::Str(b) => Series::new(name, b).into_column(),
            Builder::F64(b) => Series::new(name, b).into_column(),
            Builder::I64(b) => Series::new(name, b).into_column(),
            Builder::Bool(b) => Series::new(name, b).into_column(),
            Builder::Date(b) => Series::new(name, b).cast(&DataType::Date)?.into_column(),
            Builder::List(mut b) => b.finish().into_series().into_column(),
        })
    }
}

/// Fills a table from JSON rows.
struct Table {
    specs: Vec<Spec>,
    builders: Vec<Builder>,
    rows: usize,
}

impl Table {
    fn new(specs: Vec<Spec>, rows: usize) -> Self {
        let builders = specs.iter().map(|s| Builder::new(s, rows)).collect();
        Table {
            specs,
            builders,
            rows: 0,
        }
    }

    fn push(&mut self, row: &Value) {
        for (spec, b) in self.specs.iter().zip(&mut self.builders) {
            b.push(spec.ty, get(row, &spec.path));
        }
        self.rows += 1;
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        let columns = self
            .specs
            .iter()
            .zip(self.builders)
            .map(|(s, b)| b.finish(&s.name))
            .collect::<PolarsResult<Vec<Column>>>()?;
        DataFrame::new(self.rows, columns)
    }
}

fn polars_err(e: PolarsError) -> Error {
    Error::parquet(e)
}

fn write_table(p: &PreparedArchive, dir: &Path, name: &str, mut df: DataFrame) -> Result<()> {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).map_err(|e| Error::io("create", &path, e))?;
    let meta = KeyValueMetadata::from_static(vec![
        (
            "museum_export_version".into(),
            p.header.museum_export_version.clone(),
        ),
        ("format_version".into(), p.header.format_version.to_string()),
        ("generated_by".into(), p.header.generated_by.clone()),
        // The manifest's `redaction` (`null` when not redacted), so that a file copied on its
        // own still says whether it may be shown to the public.
        (
            "museum_redaction".into(),
            serde_json::to_string(&p.header.redaction).map_err(ErrorKind::Serialize)?,
        ),
    ]);
    ParquetWriter::new(&file)
        .with_key_value_metadata(Some(meta))
        .finish(&mut df)
        .map_err(polars_err)?;
    file.sync_all().map_err(|e| Error::io("sync", &path, e))
}

/// Writes one Parquet file per kind present (plus `victim_cases.parquet` with victims) and
/// `manifest.json`; returns the file names.
pub(crate) fn write(p: &PreparedArchive, dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for kind in &p.kinds {
        let n = p.count(*kind);
        let mut table = Table::new(table_columns(*kind), n);
        let mut cases = (*kind == DatasetKind::Victims).then(|| Table::new(case_columns(), n));
        for i in 0..n {
            let row = p.value(*kind, i)?;
            table.push(&row);
            if let Some(cases) = &mut cases
                && let Some(list) = row.get("cases").and_then(Value::as_array)
            {
                for (j, case) in list.iter().enumerate() {
                    let mut c = case.clone();
                    if let Value::Object(o) = &mut c {
                        o.insert("victim_id".into(), row["id"].clone());
                        o.insert("case_number".into(), Value::from(j + 1));
                    }
                    cases.push(&c);
                }
            }
        }
        let name = format!("{}.parquet", kind.as_str());
        write_table(p, dir, &name, table.finish().map_err(polars_err)?)?;
        files.push((name, *kind, kind.as_str().to_owned(), n));
        if let Some(cases) = cases {
            let rows = cases.rows;
            write_table(
                p,
                dir,
                "victim_cases.parquet",
                cases.finish().map_err(polars_err)?,
            )?;
            files.push((
                "victim_cases.parquet".into(),
                *kind,
                "victim_cases".into(),
                rows,
            ));
        }
    }
    let mut manifest = super::manifest(p, ExportFormat::Parquet, &files)?;
    let mut names: Vec<String> = files.into_iter().map(|f| f.0).collect();
    if let Some((merged, _)) = &p.persons {
        let name = "persons.parquet";
        let mut table = Table::new(person_columns(), merged.entries.len());
        for e in &merged.entries {
            table.push(&person_row(e)?);
        }
        write_table(p, dir, name, table.finish().map_err(polars_err)?)?;
        let mut m: Value = serde_json::from_slice(&manifest).map_err(ErrorKind::Serialize)?;
        if let Some(f) = m["files"].as_array_mut() {
            f.push(serde_json::json!({
                "path": name,
                "table": "persons",
                "entity": "person",
                "schema": "person.schema.json",
                "records": merged.entries.len(),
            }));
        }
        manifest = serde_json::to_vec_pretty(&m).map_err(ErrorKind::Serialize)?;
        manifest.push(b'\n');
        names.push(name.into());
    }
    std::fs::write(dir.join("manifest.json"), manifest)
        .map_err(|e| Error::io("write", dir.join("manifest.json"), e))?;
    names.push("manifest.json".into());
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn victim_columns_are_flat_and_typed() {
        let cols = table_columns(DatasetKind::Victims);
        let ty = |n: &str| cols.iter().find(|c| c.name == n).map(|c| c.ty);
        assert_eq!(ty("id"), Some(Ty::Str));
        assert_eq!(ty("name_original"), Some(Ty::Str));
        assert_eq!(ty("name_surname"), Some(Ty::Str));
        assert_eq!(ty("sex_value"), Some(Ty::Str));
        assert_eq!(ty("birth_date"), Some(Ty::Str));
        assert_eq!(ty("birth_date_earliest"), Some(Ty::Date));
        assert_eq!(ty("source_ids"), Some(Ty::ListStr));
        assert_eq!(ty("search_keys"), Some(Ty::ListStr));
        assert_eq!(ty("extra"), Some(Ty::Json));
        assert_eq!(ty("cases"), None);
        assert_eq!(ty("claims"), None);
        let cases = case_columns();
        let ty = |n: &str| cases.iter().find(|c| c.name == n).map(|c| c.ty);
        assert_eq!(ty("seq"), Some(Ty::I64));
        assert_eq!(ty("sentence_kind"), Some(Ty::Str));
        assert_eq!(ty("sentence_term_years"), Some(Ty::F64));
        assert_eq!(ty("arrest_date_latest"), Some(Ty::Date));
        let camps = table_columns(DatasetKind::Camps);
        assert!(
            camps
                .iter()
                .any(|c| c.name == "location_coordinates_latitude" && c.ty == Ty::F64)
        );
    }

    #[test]
    fn person_columns_are_flat_with_the_nested_parts_as_json() {
        let cols = person_columns();
        let ty = |n: &str| cols.iter().find(|c| c.name == n).map(|c| c.ty);
        assert_eq!(ty("person_id"), Some(Ty::Str));
        assert_eq!(ty("status"), Some(Ty::Str));
        assert_eq!(ty("merged_into"), Some(Ty::Str));
        assert_eq!(ty("record_ids"), Some(Ty::ListStr));
        assert_eq!(ty("preferred_birth_date"), Some(Ty::Str));
        assert_eq!(ty("conflicts"), Some(Ty::ListStr));
        assert_eq!(ty("masked"), Some(Ty::Bool));
        assert_eq!(ty("fields"), Some(Ty::Json));
        assert_eq!(ty("names"), Some(Ty::Json));
        assert_eq!(ty("records"), None);
    }

    #[test]
    fn open_bounds_are_null() {
        assert_eq!(iso_days("1970-01-02"), Some(1));
        assert_eq!(iso_days("-9999-01-01"), None);
        assert_eq!(iso_days("9999-12-31"), None);
    }
}
