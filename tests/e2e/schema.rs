use crate::util::{code, museum, museum_in, stderr};

/// The committed `schemas/` match the code (regenerate with `museum schema`).
#[test]
fn committed_schemas_are_up_to_date() {
    let o = museum(&["schema", "--check"]);
    assert_eq!(
        code(&o),
        0,
        "schemas/ drifted from the code:\n{}",
        stderr(&o)
    );
}

#[test]
fn check_detects_drift_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let o = museum_in(dir.path(), &["schema", "--out", "s"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = museum_in(dir.path(), &["schema", "--out", "s", "--check"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    std::fs::write(dir.path().join("s/victim.schema.json"), "{}").unwrap();
    std::fs::remove_file(dir.path().join("s/camp.schema.json")).unwrap();
    let o = museum_in(dir.path(), &["schema", "--out", "s", "--check"]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("victim.schema.json differs"), "{err}");
    assert!(err.contains("camp.schema.json is missing"), "{err}");
}

/// A real JSON Schema validator from another ecosystem (Python `jsonschema`, draft 2020-12)
/// accepts our JSON of real records and rejects broken ones.
#[test]
fn python_jsonschema_accepts_records_and_rejects_broken_ones() {
    use museum_core::Victim;
    use museum_core::io::{CsvOptions, read_file};
    let (victims, _) = read_file::<Victim>(
        &crate::util::fixture("validate/russian_headers.csv"),
        &CsvOptions::default(),
    )
    .unwrap();
    let good: Vec<serde_json::Value> = victims
        .iter()
        .map(|v| serde_json::to_value(&v.record).unwrap())
        .collect();
    let mut missing_id = good[0].clone();
    missing_id.as_object_mut().unwrap().remove("id");
    let mut bad_date = good[0].clone();
    bad_date["birth_date"] = serde_json::json!(1898);
    let mut bad_sex = good[0].clone();
    bad_sex["sex"]["value"] = serde_json::json!("unknown-value");
    let dir = tempfile::tempdir().unwrap();
    let cases = serde_json::json!({"good": good, "bad": [missing_id, bad_date, bad_sex]});
    let cases_path = dir.path().join("cases.json");
    std::fs::write(&cases_path, cases.to_string()).unwrap();
    let script = r#"
import json, sys
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1]))
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema)
cases = json.load(open(sys.argv[2]))
for i, rec in enumerate(cases["good"]):
    errs = list(v.iter_errors(rec))
    assert not errs, f"good record {i} rejected: {errs[0].message}"
for i, rec in enumerate(cases["bad"]):
    assert list(v.iter_errors(rec)), f"broken record {i} accepted"
print("ok", len(cases["good"]), len(cases["bad"]))
"#;
    let py = crate::util::python_with(&["jsonschema==4.25.1"]);
    let schema = crate::util::root().join("schemas/victim.schema.json");
    let o = std::process::Command::new(py)
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .arg(&cases_path)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "ok 2 3");
}
