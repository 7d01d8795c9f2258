//! `museum export`, checked by clients no one here wrote: Python `jsonschema` (every entity
//! against `schemas/`), `frictionless validate` (the data package), `pyarrow` (the Parquet
//! files), and `museum_core`'s own readers (round trip).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use museum_core::io::{Archive, CsvOptions, DatasetKind, read_file};
use museum_core::{Camp, Claim, Estimate, Event, Figure, Source, Victim};
use serde_json::Value;

use crate::util::{code, fixture, museum, museum_in, names, python_with, root, stderr, stdout};

/// Pinned versions of the external clients.
pub(crate) const JSONSCHEMA: &str = "jsonschema==4.25.1";
pub(crate) const FRICTIONLESS: &str = "frictionless==5.18.1";
#[cfg(feature = "parquet")]
pub(crate) const PYARROW: &str = "pyarrow==22.0.0";

/// The complete synthetic mini archive.
fn archive_dir() -> PathBuf {
    fixture("export/archive")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `museum export <archive> --format <format> -o <out> <extra...>` and asserts success.
fn export_ok(format: &str, out: &Path, extra: &[&str]) -> Output {
    let archive = archive_dir();
    let mut args = vec!["export", s(&archive), "--format", format, "-o", s(out)];
    args.extend_from_slice(extra);
    let o = museum(&args);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    o
}

pub(crate) fn run_python(packages: &[&str], script: &str, args: &[&str]) -> String {
    let py = python_with(packages);
    let o = Command::new(py)
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "python failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// Python: validates a bundle (`bundle` mode) or a JSON Lines directory (`jsonl` mode) against
/// the committed schemas, resolving `$ref`s between them through a registry, and checks that
/// every cross-reference resolves to an id in the same export.
pub(crate) const VALIDATE_PY: &str = r#"
import glob, json, os, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

schemas_dir, mode, target = sys.argv[1], sys.argv[2], sys.argv[3]
schemas = {}
for p in glob.glob(os.path.join(schemas_dir, "*.schema.json")):
    s = json.load(open(p, encoding="utf-8"))
    Draft202012Validator.check_schema(s)
    schemas[os.path.basename(p)] = s
registry = Registry().with_resources(
    [(s["$id"], Resource.from_contents(s)) for s in schemas.values()])
entity = {"sources": "source", "figures": "figure", "events": "event", "camps": "camp",
          "victims": "victim", "estimates": "estimate", "claims": "claim"}

if mode == "bundle":
    bundle = json.load(open(target, encoding="utf-8"))
    v = Draft202012Validator(schemas["bundle.schema.json"], registry=registry)
    errs = sorted(v.iter_errors(bundle), key=lambda e: list(e.absolute_path))
    assert not errs, f"bundle rejected at {list(errs[0].absolute_path)}: {errs[0].message}"
    # A broken bundle must be rejected, or the check above proves nothing.
    broken = json.loads(json.dumps(bundle))
    broken["victims"][0].pop("id")
    assert list(v.iter_errors(broken)), "a victim without id was accepted"
    lists = {k: bundle[k] for k in entity}
else:
    lists = {}
    for k in entity:
        p = os.path.join(target, k + ".jsonl")
        if os.path.exists(p):
            lists[k] = [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]

counts = []
for k, records in lists.items():
    v = Draft202012Validator(schemas[entity[k] + ".schema.json"], registry=registry)
    for i, r in enumerate(records):
        errs = list(v.iter_errors(r))
        assert not errs, f"{k}[{i}] rejected by {entity[k]}.schema.json: {errs[0].message}"
    counts.append(f"{k}={len(records)}")

ids = {k: {r["id"] for r in lists.get(k, [])} for k in entity}
every = set().union(*ids.values())
def check(kind, ref, target_kind):
    if target_kind in lists and ref is not None:
        assert ref in ids[target_kind], f"{kind}: `{ref}` is not in {target_kind}"
for k, records in lists.items():
    for r in records:
        for s in r.get("source_ids", []):
            check(k, s, "sources")
        for c in r.get("claims", []) + r.get("estimates", []):
            assert c["subject_id"] == r["id"], f"{k}: embedded {c['id']} is about {c['subject_id']}"
    for r in lists[k] if k in ("estimates", "claims") else []:
        assert r["subject_id"] in every, f"{k}: subject `{r['subject_id']}` unknown"
for r in lists.get("figures", []):
    check("figures", r.get("victim_id"), "victims")
    for e in r.get("event_ids", []):
        check("figures", e, "events")
for r in lists.get("victims", []):
    check("victims", r.get("figure_id"), "figures")
    for c in r.get("cases", []):
        check("victims", c.get("camp_id"), "camps")
for r in lists.get("events", []):
    for f in r.get("figure_ids", []):
        check("events", f, "figures")
    for c in r.get("camp_ids", []):
        check("events", c, "camps")
persons = bundle.get("persons") if mode == "bundle" else None
ppath = os.path.join(target, "persons.jsonl") if mode != "bundle" else None
if ppath and os.path.exists(ppath):
    persons = [json.loads(l) for l in open(ppath, encoding="utf-8") if l.strip()]
if persons is not None:
    v = Draft202012Validator(schemas["person.schema.json"], registry=registry)
    for i, r in enumerate(persons):
        errs = list(v.iter_errors(r))
        assert not errs, f"persons[{i}] rejected by person.schema.json: {errs[0].message}"
    assert list(v.iter_errors({"person_id": "P1", "status": "gone"})), "a bad status was accepted"
    active = {p["person_id"] for p in persons if p["status"] == "active"}
    for p in persons:
        for r in p.get("records", []):
            assert r["record_id"] in every, f"person {p['person_id']}: record `{r['record_id']}` unknown"
        if "merged_into" in p:
            assert p["merged_into"] in active, f"{p['person_id']} redirects to `{p['merged_into']}`"
    counts.append(f"persons={len(persons)}")
print(" ".join(counts))
"#;

/// The records of the public (default, redacted) export of the fixture archive: the claim about
/// a masked person is left out.
const PUBLIC_COUNTS: &str = "sources=2 figures=2 events=2 camps=1 victims=4 estimates=3 claims=3";

#[test]
fn json_bundle_validates_against_schemas_with_python_jsonschema() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.json");
    export_ok("json", &out, &["--as-of", "2026-11-25"]);
    let bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(bundle["museum_export_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(bundle["format_version"], 1);
    assert_eq!(
        bundle["generated_by"],
        format!("museum {}", env!("CARGO_PKG_VERSION"))
    );
    assert!(bundle.get("generated_at").is_none());
    let result = run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&root().join("schemas")), "bundle", s(&out)],
    );
    assert_eq!(result, PUBLIC_COUNTS);
}

#[test]
fn jsonl_lines_validate_against_entity_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jsonl");
    export_ok("jsonl", &out, &["--as-of", "2026-11-25"]);
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["format"], "jsonl");
    assert_eq!(manifest["museum_export_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["files"][4]["path"], "victims.jsonl");
    assert_eq!(manifest["files"][4]["records"], 4);
    let result = run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&root().join("schemas")), "jsonl", s(&out)],
    );
    assert_eq!(result, PUBLIC_COUNTS);
}

/// Python: `frictionless validate` on a package; prints `valid <rows>` or the errors.
///
/// Each resource is also validated on its own, in a fresh package: frictionless 5.18's package
/// validation clears the foreign keys of a resource that another resource refers to while it
/// builds its lookup tables (figures ↔ victims refer to each other), so some foreign keys would
/// go unchecked (see frictionless-py#1725 for other trouble with circular keys).
pub(crate) const FRICTIONLESS_PY: &str = r#"
import sys
from frictionless import Package, validate
path = sys.argv[1]
report = validate(path)
errors = report.flatten(["type", "message"])
for name in [r.name for r in Package(path).resources]:
    errors += Package(path).get_resource(name).validate().flatten(["type", "message"])
if not errors:
    print("valid", sum(t.stats["rows"] for t in report.tasks))
for e in errors:
    print(e)
"#;

#[test]
fn datapackage_passes_frictionless_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("package");
    export_ok("datapackage", &out, &["--as-of", "2026-11-25"]);
    let dp: Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    let paths: Vec<&str> = dp["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "sources.csv",
            "figures.csv",
            "events.csv",
            "camps.csv",
            "victims.csv",
            "estimates.csv",
            "claims.csv"
        ]
    );
    for p in &paths {
        assert!(out.join(p).is_file(), "{p} is declared but missing");
    }
    assert_eq!(dp["museum_export_version"], env!("CARGO_PKG_VERSION"));
    let descriptor = out.join("datapackage.json");
    // 2 + 2 + 2 + 1 + 5 (one row per case) + 3 + 3 rows (a masked person's claim is left out).
    assert_eq!(
        run_python(&[FRICTIONLESS], FRICTIONLESS_PY, &[s(&descriptor)]),
        "valid 18"
    );
    // The check has teeth: a broken foreign key and a bad number are found.
    let victims = std::fs::read_to_string(out.join("victims.csv")).unwrap();
    std::fs::write(
        out.join("victims.csv"),
        victims.replace("syn-camp-001", "syn-camp-404"),
    )
    .unwrap();
    let camps = std::fs::read_to_string(out.join("camps.csv")).unwrap();
    std::fs::write(out.join("camps.csv"), camps.replace("51.1", "north")).unwrap();
    let report = run_python(&[FRICTIONLESS], FRICTIONLESS_PY, &[s(&descriptor)]);
    assert!(report.contains("foreign-key"), "{report}");
    assert!(report.contains("type-error"), "{report}");
}

#[test]
fn datapackage_of_a_partial_archive_declares_only_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(archive_dir().join("victims.csv"), input.join("victims.csv")).unwrap();
    let out = dir.path().join("package");
    let o = museum(&[
        "export",
        s(&input),
        "--format",
        "datapackage",
        "-o",
        s(&out),
        "--no-redact",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let dp: Value =
        serde_json::from_slice(&std::fs::read(out.join("datapackage.json")).unwrap()).unwrap();
    let resources = dp["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 1);
    assert_eq!(resources[0]["path"], "victims.csv");
    // The references to figures and camps are gone with their resources.
    assert!(resources[0]["schema"].get("foreignKeys").is_none());
    // The unknown column is declared after the canonical ones.
    let fields = resources[0]["schema"]["fields"].as_array().unwrap();
    assert_eq!(fields.last().unwrap()["name"], "Архив");
    let descriptor = out.join("datapackage.json");
    assert_eq!(
        run_python(&[FRICTIONLESS], FRICTIONLESS_PY, &[s(&descriptor)]),
        "valid 5"
    );
}

fn load(dir: &Path) -> Archive {
    let (a, _) = Archive::load_dir(dir, &CsvOptions::default()).unwrap();
    assert!(
        a.findings
            .iter()
            .all(|f| f.severity != museum_core::Severity::Error)
    );
    a
}

fn strip<T: Clone>(v: &[museum_core::io::Located<T>]) -> Vec<T> {
    v.iter().map(|l| l.record.clone()).collect()
}

/// The records of two archives are equal, kind by kind.
fn assert_same_records(a: &Archive, b: &Archive, what: &str) {
    assert_eq!(strip(&a.sources), strip(&b.sources), "{what}: sources");
    assert_eq!(strip(&a.figures), strip(&b.figures), "{what}: figures");
    assert_eq!(strip(&a.events), strip(&b.events), "{what}: events");
    assert_eq!(strip(&a.camps), strip(&b.camps), "{what}: camps");
    assert_eq!(strip(&a.victims), strip(&b.victims), "{what}: victims");
    assert_eq!(
        strip(&a.estimates),
        strip(&b.estimates),
        "{what}: estimates"
    );
    assert_eq!(strip(&a.claims), strip(&b.claims), "{what}: claims");
}

/// CSV → export → read back with `museum_core` gives equal records, for every format it reads.
#[test]
fn round_trip_through_every_readable_format() {
    let original = load(&archive_dir());
    assert_eq!(original.victims[1].record.cases.len(), 2);
    let dir = tempfile::tempdir().unwrap();

    // JSON bundle: each kind read from the one file.
    let bundle = dir.path().join("archive.json");
    export_ok("json", &bundle, &["--no-redact"]);
    let o = CsvOptions::default();
    let mut back = Archive {
        sources: read_file::<Source>(&bundle, &o).unwrap().0,
        figures: read_file::<Figure>(&bundle, &o).unwrap().0,
        events: read_file::<Event>(&bundle, &o).unwrap().0,
        camps: read_file::<Camp>(&bundle, &o).unwrap().0,
        victims: read_file::<Victim>(&bundle, &o).unwrap().0,
        estimates: read_file::<Estimate>(&bundle, &o).unwrap().0,
        claims: read_file::<Claim>(&bundle, &o).unwrap().0,
        ..Archive::default()
    };
    back.attach();
    assert_same_records(&original, &back, "json");

    // JSON Lines and the data package's CSV files: a directory the reader loads as it is.
    for format in ["jsonl", "datapackage"] {
        let out = dir.path().join(format);
        export_ok(format, &out, &["--no-redact"]);
        let back = load(&out);
        assert_same_records(&original, &back, format);
    }
}

#[test]
fn output_is_deterministic_and_timestamp_is_opt_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut formats = vec!["json", "jsonl", "datapackage"];
    if cfg!(feature = "parquet") {
        formats.push("parquet");
    }
    for format in formats {
        let a = dir.path().join(format!("{format}-a"));
        let b = dir.path().join(format!("{format}-b"));
        // Masking counts back from `--as-of` (today by default): fixed, the runs cannot straddle
        // midnight.
        export_ok(format, &a, &["--as-of", "2026-11-25"]);
        export_ok(format, &b, &["--as-of", "2026-11-25"]);
        assert_eq!(
            read_tree(&a),
            read_tree(&b),
            "{format} differs between runs"
        );
    }
    let t = dir.path().join("stamped.json");
    export_ok("json", &t, &["--timestamp"]);
    let bundle: Value = serde_json::from_slice(&std::fs::read(&t).unwrap()).unwrap();
    let at = bundle["generated_at"].as_str().unwrap();
    assert!(
        at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
        "{at}"
    );
}

/// Every file of a file or directory, by relative name.
fn read_tree(path: &Path) -> Vec<(String, Vec<u8>)> {
    if path.is_file() {
        return vec![(String::new(), std::fs::read(path).unwrap())];
    }
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(path)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn existing_output_needs_force_and_inputs_are_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.json");
    std::fs::write(&out, "keep me").unwrap();
    let archive = archive_dir();
    let o = museum(&["export", s(&archive), "-o", s(&out)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    export_ok("json", &out, &["--force"]);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("{\n"));
    // A directory output over an existing directory, with --force.
    let pkg = dir.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    std::fs::write(pkg.join("stale.csv"), "x").unwrap();
    export_ok("datapackage", &pkg, &["--force"]);
    assert!(!pkg.join("stale.csv").exists());
    assert!(pkg.join("datapackage.json").is_file());
    // Exporting over the input directory is refused even with --force.
    let input = dir.path().join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(archive.join("sources.csv"), input.join("sources.csv")).unwrap();
    let o = museum(&[
        "export",
        s(&input),
        "--format",
        "jsonl",
        "-o",
        s(&input),
        "--force",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("would replace the input"),
        "{}",
        stderr(&o)
    );
    assert!(input.join("sources.csv").is_file());
}

#[test]
fn data_with_errors_is_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("victims.csv"),
        "id,surname,birth_date,camp_id\nv1,Майлин,1894-13-01,\nv1,Майлин,1894,\nv2,Ким,1900,\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let o = museum(&["export", s(&input), "-o", s(&out)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: refusing to export: 2 validation errors"),
        "{err}"
    );
    assert!(err.contains("[M202]") && err.contains("[M401]"), "{err}");
    assert!(err.contains("--allow-errors"), "{err}");
    assert!(!out.exists());
    let o = museum(&["export", s(&input), "-o", s(&out), "--allow-errors"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: exporting despite 2 validation errors"));
    let bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(bundle["victims"].as_array().unwrap().len(), 3);
}

#[test]
fn search_keys_find_every_spelling_of_a_name() {
    let o = museum(&["export", s(&archive_dir()), "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let bundle: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys = |list: &str, i: usize| -> Vec<String> {
        bundle[list][i]["search_keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap().to_owned())
            .collect()
    };
    // A frontend lowercases the query and looks for it in the keys.
    let found = |keys: &[String], query: &str| {
        let q = query.to_lowercase();
        keys.iter().any(|k| k.contains(&q))
    };
    let victim = keys("victims", 0); // Төлеубеков Жақып Сәрсенұлы
    for q in [
        "Toleubekov",
        "Tuleubekov",
        "Тулеубеков",
        "Төлеубеков",
        "Zhakyp",
    ] {
        assert!(found(&victim, q), "{q} not found in {victim:?}");
    }
    let figure = keys("figures", 0);
    assert!(found(&figure, "zhakyp toleubekov"), "{figure:?}");
    assert!(found(&figure, "Тулебеков Жакуп"), "{figure:?}"); // a name variant
}

#[test]
fn clusters_attach_cluster_ids_to_victims() {
    let dir = tempfile::tempdir().unwrap();
    let clusters = dir.path().join("clusters.csv");
    std::fs::write(
        &clusters,
        "record_id,cluster_id\nsyn-v001,c-1\nsyn-v004,c-1\nsyn-v999,c-2\n",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    let o = export_ok("json", &out, &["--clusters", s(&clusters)]);
    assert!(
        stderr(&o).contains("2 victims have a `cluster_id`"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("syn-v999"), "{}", stderr(&o));
    let bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let ids: Vec<&Value> = bundle["victims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["cluster_id"])
        .collect();
    assert_eq!(
        ids,
        [
            &Value::from("c-1"),
            &Value::Null,
            &Value::Null,
            &Value::from("c-1")
        ]
    );
    std::fs::write(
        &clusters,
        "record_id,cluster_id\nsyn-v001,c-1\nsyn-v001,c-2\n",
    )
    .unwrap();
    let o = museum(&[
        "export",
        s(&archive_dir()),
        "-o",
        s(&dir.path().join("x.json")),
        "--clusters",
        s(&clusters),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("two clusters"), "{}", stderr(&o));
}

#[test]
fn redaction_drops_fields_and_masks_recent_persons() {
    let dir = tempfile::tempdir().unwrap();
    // The `museum.toml` of the current folder (every command finds it by the same rule, so it
    // holds only sections `museum.toml` knows).
    std::fs::write(
        dir.path().join("museum.toml"),
        "[export.redact]\ndrop = [\"notes\", \"victim.residence\", \"cases.charge\", \"extra.Архив\"]\nmask_born_within_years = 80\n",
    )
    .unwrap();
    let archive = archive_dir();
    let o = museum_in(
        dir.path(),
        &[
            "export",
            s(&archive),
            "-o",
            "public.json",
            "--redact",
            "--as-of",
            "2026-11-25",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("redaction settings from `museum.toml`"));
    assert!(
        stderr(&o).contains("1 person who may still be alive masked (as of 2026-11-25)"),
        "{}",
        stderr(&o)
    );
    let out = dir.path().join("public.json");
    let text = std::fs::read_to_string(&out).unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["redaction"]["as_of"], "2026-11-25");
    assert_eq!(bundle["redaction"]["masked_persons"], 1);
    for list in [
        "sources",
        "figures",
        "events",
        "camps",
        "victims",
        "estimates",
        "claims",
    ] {
        for r in bundle[list].as_array().unwrap() {
            assert!(r.get("notes").is_none(), "{list}: {r}");
        }
    }
    let v1 = &bundle["victims"][0];
    assert!(v1.get("residence").is_none() && v1.get("extra").is_none());
    assert!(v1["cases"][0].get("charge").is_none());
    assert_eq!(v1["occupation"], "мұғалім"); // not dropped
    // Born 1966, less than 80 years before the as-of date: initials and years only.
    let v3 = &bundle["victims"][2];
    assert_eq!(v3["masked"], true);
    assert_eq!(v3["name"]["original"], "С. Қ. Ә.");
    assert_eq!(v3["birth_date"]["original"], "1966");
    assert_eq!(v3["cases"][0]["arrest_date"]["edtf"], "1986");
    assert!(v3.get("occupation").is_none());
    assert!(!text.contains("Сейітов") && !text.contains("1966-05-14"));
    // Its disputed facts are gone from the top-level list too.
    assert!(
        bundle["claims"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["subject_id"] != "syn-v003")
    );
    // The redacted bundle still validates against the schemas.
    assert_eq!(
        run_python(
            &[JSONSCHEMA],
            VALIDATE_PY,
            &[s(&root().join("schemas")), "bundle", s(&out)],
        ),
        "sources=2 figures=2 events=2 camps=1 victims=4 estimates=3 claims=3"
    );

    // A typo in a privacy setting stops the export instead of publishing the field.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[export.redact]\ndrop = [\"residnce\"]\n").unwrap();
    let o = museum(&[
        "export",
        s(&archive),
        "-o",
        s(&dir.path().join("x.json")),
        "--redact-config",
        s(&bad),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("`residnce` is not a field of any entity"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&bad, "[export.redact]\nmask_born_within = 80\n").unwrap();
    let o = museum(&[
        "export",
        s(&archive),
        "-o",
        s(&dir.path().join("x.json")),
        "--redact-config",
        s(&bad),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("mask_born_within"), "{}", stderr(&o));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn redacted_datapackage_passes_frictionless() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("package");
    export_ok("datapackage", &out, &["--redact", "--as-of", "2026-11-25"]);
    let victims = std::fs::read_to_string(out.join("victims.csv")).unwrap();
    assert!(
        !victims.contains("Сейітов") && !victims.contains("Архив"),
        "{victims}"
    );
    assert_eq!(
        run_python(
            &[FRICTIONLESS],
            FRICTIONLESS_PY,
            &[s(&out.join("datapackage.json"))]
        ),
        "valid 18"
    );
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_files_read_back_with_pyarrow() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("parquet");
    export_ok("parquet", &out, &["--no-redact"]);
    let script = r#"
import json, sys, os
import pyarrow as pa, pyarrow.parquet as pq
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
is_str = lambda t: pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
is_list_str = lambda t: (pa.types.is_list(t) or pa.types.is_large_list(t)) and is_str(t.value_type)
rows = []
for f in manifest["files"]:
    path = os.path.join(out, f["path"])
    t = pq.read_table(path)
    assert t.num_rows == f["records"], (f, t.num_rows)
    meta = pq.read_metadata(path).metadata
    assert meta[b"museum_export_version"] == manifest["museum_export_version"].encode()
    assert meta[b"format_version"] == b"1"
    rows.append(f"{f['table']}={t.num_rows}")
    s = t.schema
    assert is_str(s.field("id").type) if "id" in s.names else True
victims = pq.read_table(os.path.join(out, "victims.parquet"))
s = victims.schema
assert is_str(s.field("name_original").type)
assert is_list_str(s.field("source_ids").type), s.field("source_ids").type
assert is_list_str(s.field("search_keys").type)
assert pa.types.is_date32(s.field("birth_date_earliest").type)
assert is_str(s.field("birth_date").type)
assert pa.types.is_boolean(s.field("masked").type)
assert "toleubekov zhakyp sarsenuly" in victims.column("search_keys")[0].as_py()
assert str(victims.column("birth_date_latest")[0].as_py()) == "1890-12-31"
assert json.loads(victims.column("extra")[0].as_py())["Архив"].startswith("ф. 1")
cases = pq.read_table(os.path.join(out, "victim_cases.parquet"))
cs = cases.schema
assert pa.types.is_int64(cs.field("case_number").type)
assert pa.types.is_float64(cs.field("sentence_term_years").type)
assert cases.column("victim_id").to_pylist()[1:3] == ["syn-v002", "syn-v002"]
assert cases.column("sentence_kind").to_pylist()[0] == "execution"
camps = pq.read_table(os.path.join(out, "camps.parquet"))
assert pa.types.is_float64(camps.schema.field("location_coordinates_latitude").type)
assert camps.column("location_coordinates_latitude")[0].as_py() == 51.1
est = pq.read_table(os.path.join(out, "estimates.parquet"))
assert pa.types.is_float64(est.schema.field("value").type)
events = pq.read_table(os.path.join(out, "events.parquet"))
assert pa.types.is_boolean(events.schema.field("museum_topic").type)
print(" ".join(rows))
"#;
    assert_eq!(
        run_python(&[PYARROW], script, &[s(&out)]),
        "sources=2 figures=2 events=2 camps=1 victims=4 victim_cases=5 estimates=3 claims=4"
    );
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_explains_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("parquet");
    let o = museum(&[
        "export",
        s(&archive_dir()),
        "--format",
        "parquet",
        "-o",
        s(&out),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--features parquet"), "{}", stderr(&o));
    assert!(!out.exists());
}

/// Writes a large synthetic `victims.csv` into `dir` (`n` rows).
fn large_victims(dir: &Path, n: usize) {
    use std::fmt::Write as _;
    let mut csv =
        String::from("id,surname,given_name,patronymic,sex,birth_date,arrest_date,sentence\n");
    for i in 0..n {
        let _ = writeln!(
            csv,
            "syn-{i:07},Төлеубеков{},Жақып,Сәрсенұлы,ер,{},1937-{:02}-{:02},10 лет ИТЛ",
            i % 97,
            1880 + i % 40,
            1 + i % 12,
            1 + i % 28
        );
    }
    std::fs::write(dir.join("victims.csv"), csv).unwrap();
}

/// Kills an export with SIGKILL once `ready` says it is writing; returns whether it was killed
/// while still running.
fn kill_when(mut child: std::process::Child, ready: impl Fn() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_mins(5) {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready() {
            child.kill().unwrap(); // SIGKILL on Unix
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("the export neither started writing nor finished");
}

/// A temporary entry of an export, with its size (files) or the size of its `victims.jsonl`.
fn temp_progress(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".museum-export-")
        })
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                std::fs::metadata(p.join("victims.jsonl")).map_or(0, |m| m.len())
            } else {
                std::fs::metadata(&p).map_or(0, |m| m.len())
            }
        })
        .max()
        .unwrap_or(0)
}

/// SIGKILL in the middle of writing leaves no output, neither a half file nor a half directory;
/// the hidden temporary left behind is removed by the next export.
#[test]
fn sigkill_mid_export_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    large_victims(&input, 60_000);
    for (format, name) in [("json", "big.json"), ("jsonl", "big")] {
        let outdir = dir.path().join(format!("out-{format}"));
        std::fs::create_dir(&outdir).unwrap();
        let out = outdir.join(name);
        let child = Command::new(env!("CARGO_BIN_EXE_museum"))
            .args(["export", s(&input), "--format", format, "-o", s(&out)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let killed = kill_when(child, || temp_progress(&outdir) > 64 * 1024);
        assert!(
            killed,
            "{format}: the export finished before it could be killed"
        );
        assert!(!out.exists(), "{format}: a partial output was left");
        let left = names(&outdir);
        assert!(
            left.len() == 1 && left[0].starts_with(".museum-export-"),
            "{format}: {left:?}"
        );
        // The next export into the same directory cleans up after the dead one.
        let o = museum(&[
            "export",
            s(&archive_dir()),
            "-o",
            s(&outdir.join("small.json")),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(names(&outdir), ["small.json"]);
    }
}

#[test]
fn help_describes_the_command_with_examples() {
    let o = museum(&["export", "--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    assert!(
        help.contains("Export the validated archive for frontends"),
        "{help}"
    );
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.matches("  museum export ").count() >= 3, "{help}");
    assert!(help.contains("[export.redact]"), "{help}");
    assert!(help.contains("Exit codes:"), "{help}");
    let o = museum(&["--help"]);
    assert!(stdout(&o).contains("export"), "{}", stdout(&o));
}

/// The museum's own data in `datasets/`, when it is there and valid, exports and validates too.
/// (Skipping says why on stderr, hence the allow.)
#[test]
#[allow(clippy::print_stderr)]
fn datasets_export_validates_when_present() {
    let datasets = root().join("datasets");
    let has_data = std::fs::read_dir(&datasets).is_ok_and(|d| {
        d.flatten()
            .any(|e| DatasetKind::from_path(&e.path()).is_some())
    });
    if !has_data {
        eprintln!("skipped: `datasets/` has no dataset files yet");
        return;
    }
    if code(&museum(&["validate", s(&datasets)])) != 0 {
        eprintln!("skipped: `datasets/` has validation errors");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("archive.json");
    let o = museum(&["export", s(&datasets), "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&root().join("schemas")), "bundle", s(&out)],
    );
    let pkg = dir.path().join("package");
    let o = museum(&[
        "export",
        s(&datasets),
        "--format",
        "datapackage",
        "-o",
        s(&pkg),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report = run_python(
        &[FRICTIONLESS],
        FRICTIONLESS_PY,
        &[s(&pkg.join("datapackage.json"))],
    );
    assert!(report.starts_with("valid"), "{report}");
}

/// With a person registry beside the data, every export carries the merged person records
/// (checked against `person.schema.json`) and the data package the registry (checked by
/// frictionless).
#[test]
fn person_records_are_exported_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for e in std::fs::read_dir(archive_dir()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), input.join(e.file_name())).unwrap();
    }
    let o = museum(&["persons", s(&input), "--date", "2026-12-06", "-q"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // An id retired into another one is exported as a redirect.
    let mut registry = std::fs::read_to_string(input.join("persons.csv")).unwrap();
    registry.push_str("P000900,,P000001,2026-12-06,merged,\n");
    std::fs::write(input.join("persons.csv"), registry).unwrap();
    let schemas = root().join("schemas");
    let export = |format: &str, out: &Path| {
        let o = museum(&["export", s(&input), "--format", format, "-o", s(out)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(!stderr(&o).contains("skipped"), "{}", stderr(&o));
    };
    let jsonl = dir.path().join("jsonl");
    export("jsonl", &jsonl);
    let report = run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&schemas), "jsonl", s(&jsonl)],
    );
    assert!(report.ends_with("persons=6"), "{report}");
    let lines = std::fs::read_to_string(jsonl.join("persons.jsonl")).unwrap();
    assert!(
        lines
            .lines()
            .last()
            .unwrap()
            .contains(r#""person_id":"P000900","status":"retired","merged_into":"P000001""#),
        "{lines}"
    );
    let manifest = std::fs::read_to_string(jsonl.join("manifest.json")).unwrap();
    assert!(manifest.contains("person.schema.json"), "{manifest}");
    let bundle = dir.path().join("bundle.json");
    export("json", &bundle);
    let report = run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&schemas), "bundle", s(&bundle)],
    );
    assert!(report.ends_with("persons=6"), "{report}");
    let package = dir.path().join("package");
    export("datapackage", &package);
    assert!(package.join("persons.csv").is_file());
    let report = run_python(
        &[FRICTIONLESS],
        FRICTIONLESS_PY,
        &[s(&package.join("datapackage.json"))],
    );
    assert!(report.starts_with("valid"), "{report}");
    #[cfg(feature = "parquet")]
    {
        // The Parquet export has the persons table: one row per person record, the redirect
        // too, with its record ids and preferred values.
        let parquet = dir.path().join("parquet");
        export("parquet", &parquet);
        let script = r#"
import json, sys, os
import pyarrow as pa, pyarrow.parquet as pq
out = sys.argv[1]
manifest = json.load(open(os.path.join(out, "manifest.json")))
entry = [f for f in manifest["files"] if f["table"] == "persons"][0]
t = pq.read_table(os.path.join(out, entry["path"]))
assert t.num_rows == entry["records"], (entry, t.num_rows)
assert entry["schema"] == "person.schema.json"
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
rows = t.to_pylist()
assert [r["person_id"] for r in rows] == [l["person_id"] for l in lines]
for r, l in zip(rows, lines):
    assert r["status"] == l["status"]
    assert r["merged_into"] == l.get("merged_into")
    assert r["record_ids"] == [x["record_id"] for x in l.get("records", [])], (r, l)
    for k, f in l.get("fields", {}).items():
        assert r["preferred_" + k] == f["preferred"], (k, r, f)
    assert json.loads(r["fields"] or "null") == (l.get("fields") or None)
s = t.schema
assert pa.types.is_list(s.field("record_ids").type) or pa.types.is_large_list(s.field("record_ids").type)
assert pa.types.is_boolean(s.field("masked").type)
print(f"persons={t.num_rows} retired={sum(r['status'] == 'retired' for r in rows)}")
"#;
        let report = run_python(
            &[PYARROW],
            script,
            &[s(&parquet), s(&jsonl.join("persons.jsonl"))],
        );
        assert_eq!(report, "persons=6 retired=1");
    }
    // `--no-persons` leaves them out; `--persons` without a registry is an error.
    let none = dir.path().join("none");
    let o = museum(&[
        "export",
        s(&input),
        "--format",
        "jsonl",
        "-o",
        s(&none),
        "--no-persons",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!none.join("persons.jsonl").exists());
    let o = museum(&[
        "export",
        s(&archive_dir()),
        "--format",
        "jsonl",
        "-o",
        s(&none),
        "--persons",
        "--force",
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("`--persons` needs a person registry"),
        "{}",
        stderr(&o)
    );
}
