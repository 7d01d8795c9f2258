//! `museum export` masks persons who may still be alive by default (issue 22): birth years
//! inferred from the events of a person's cases, the same masking in every format, the
//! settings recorded, `--no-redact` to opt out.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::export::{FRICTIONLESS, FRICTIONLESS_PY, JSONSCHEMA, VALIDATE_PY, run_python};
use crate::util::{code, museum, root, stderr};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Persons without a birth date, known only by the events of their cases.
const VICTIMS: &str = "\
id,surname,given_name,patronymic,birth_date,arrest_date,sentence_date,sentence,death_date,source_ids,notes
v-1987,Жумабаев,Ерлан,Серикович,,,1987-06-16,15 лет лишения свободы,,src-1,участник Желтоксана
v-1937,Сейфуллин,Аскар,,,1937-08-02,,ВМН,,src-1,
v-died,Абенов,Нурлан,,,,1987-06-16,4 года лишения свободы,1990-02-03,src-1,
v-born,Омаров,Болат,,1966-03-13,,1987-06-16,ВМН,1988-05-21,src-1,
v-nodate,Қасымов,Ерік,,,,,ВМН,,src-1,
";

fn archive(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("input");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("victims.csv"), VICTIMS).unwrap();
    std::fs::write(
        input.join("sources.csv"),
        "id,kind,title\nsrc-1,synthetic,Test list (synthetic: invented persons)\n",
    )
    .unwrap();
    input
}

fn export(input: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "export",
        s(input),
        "--format",
        format,
        "-o",
        s(out),
        "--as-of",
        "2026-11-25",
    ];
    args.extend_from_slice(extra);
    let o = museum(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stderr(&o)
}

/// The ids of the masked victims of a list of exported records.
fn masked(victims: &[Value]) -> BTreeSet<String> {
    victims
        .iter()
        .filter(|v| v["masked"] == true)
        .map(|v| v["id"].as_str().unwrap().to_owned())
        .collect()
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn persons_who_may_be_alive_are_masked_by_default_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let input = archive(dir.path());
    let expected = ids(&["v-1987", "v-born"]);

    let bundle_path = dir.path().join("public.json");
    let err = export(&input, "json", &bundle_path, &[]);
    assert!(
        err.contains("redacted: 2 persons who may still be alive masked (as of 2026-11-25)"),
        "{err}"
    );
    let text = std::fs::read_to_string(&bundle_path).unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    let victims = bundle["victims"].as_array().unwrap();
    // Sentenced in 1987 with no birth date: may have been born up to 1975. A known birth in
    // 1966 decides alone. Arrested in 1937 (born by 1925), a death date, no date at all: kept.
    assert_eq!(masked(victims), expected);
    let v = &victims[0];
    assert_eq!(v["name"]["original"], "Ж. Е. С.");
    assert_eq!(v["cases"][0]["sentence_date"]["edtf"], "1987");
    assert_eq!(
        v["cases"][0]["sentence"]["original"],
        "15 лет лишения свободы"
    );
    assert_eq!(v["source_ids"][0], "src-1");
    assert!(!text.contains("Жумабаев") && !text.contains("Ерлан"));
    assert_eq!(victims[3]["name"]["original"], "О. Б.");
    assert_eq!(victims[3]["birth_date"]["edtf"], "1966");
    assert!(!text.contains("Омаров") && !text.contains("1966-03-13"));
    assert_eq!(victims[1]["name"]["original"], "Сейфуллин Аскар");
    assert_eq!(victims[2]["name"]["surname"], "Абенов");
    assert_eq!(victims[4]["name"]["surname"], "Қасымов");
    let r = &bundle["redaction"];
    assert_eq!(r["as_of"], "2026-11-25");
    assert_eq!(r["mask_born_within_years"], 100);
    assert_eq!(r["min_age"], 12.0);
    assert_eq!(r["mask_unknown_birth"], false);
    assert_eq!(r["masked_persons"], 2);
    assert_eq!(
        r["drop"],
        serde_json::json!(["notes", "residence", "extra.*"])
    );
    assert!(victims.iter().all(|v| v.get("notes").is_none()));
    assert_eq!(
        run_python(
            &[JSONSCHEMA],
            VALIDATE_PY,
            &[s(&root().join("schemas")), "bundle", s(&bundle_path)],
        ),
        "sources=1 figures=0 events=0 camps=0 victims=5 estimates=0 claims=0"
    );

    // JSON Lines: the same persons, the same record; the manifest records the settings.
    let jsonl = dir.path().join("jsonl");
    export(&input, "jsonl", &jsonl, &[]);
    let lines: Vec<Value> = std::fs::read_to_string(jsonl.join("victims.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.as_slice(), victims.as_slice());
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(jsonl.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["redaction"], bundle["redaction"]);

    // The data package: initials in the CSV, the settings in `datapackage.json`.
    let pkg = dir.path().join("pkg");
    export(&input, "datapackage", &pkg, &[]);
    let csv = std::fs::read_to_string(pkg.join("victims.csv")).unwrap();
    assert!(
        !csv.contains("Жумабаев") && !csv.contains("Омаров"),
        "{csv}"
    );
    assert!(
        csv.contains("Сейфуллин") && csv.contains("Ж. Е. С."),
        "{csv}"
    );
    let dp: Value =
        serde_json::from_slice(&std::fs::read(pkg.join("datapackage.json")).unwrap()).unwrap();
    assert_eq!(dp["museum_redaction"], bundle["redaction"]);
    let report = run_python(
        &[FRICTIONLESS],
        FRICTIONLESS_PY,
        &[s(&pkg.join("datapackage.json"))],
    );
    assert!(report.starts_with("valid"), "{report}");

    #[cfg(feature = "parquet")]
    {
        let pq = dir.path().join("parquet");
        export(&input, "parquet", &pq, &[]);
        let script = r#"
import json, sys, os
import pyarrow.parquet as pq
out = sys.argv[1]
t = pq.read_table(os.path.join(out, "victims.parquet"))
meta = pq.read_metadata(os.path.join(out, "victims.parquet")).metadata
red = json.loads(meta[b"museum_redaction"])
rows = zip(t.column("id").to_pylist(), t.column("masked").to_pylist(), t.column("name_original").to_pylist())
print(red["as_of"], red["masked_persons"], " ".join(f"{i}:{n}" for i, m, n in rows if m))
"#;
        assert_eq!(
            run_python(&[crate::export::PYARROW], script, &[s(&pq)]),
            "2026-11-25 2 v-1987:Ж. Е. С. v-born:О. Б."
        );
    }
}

#[test]
fn no_redact_masks_none_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let input = archive(dir.path());
    let out = dir.path().join("internal.json");
    let err = export(&input, "json", &out, &["--no-redact"]);
    assert!(err.contains("not redacted"), "{err}");
    assert!(!err.contains("masked"), "{err}");
    let bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(masked(bundle["victims"].as_array().unwrap()).is_empty());
    assert_eq!(bundle["redaction"], Value::Null);
    assert_eq!(bundle["victims"][0]["notes"], "участник Желтоксана");
    // `--redact` is the default spelled out: the same bytes.
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    export(&input, "json", &a, &[]);
    export(&input, "json", &b, &["--redact"]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let o = museum(&["export", s(&input), "-o", "-", "--redact", "--no-redact"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn the_validation_age_limit_and_mask_unknown_birth_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let input = archive(dir.path());
    // At least 62 at the 1987 sentence: born by 1925, not masked; with no date at all and
    // `mask_unknown_birth`, masked.
    std::fs::write(
        input.join("museum.toml"),
        "[limits]\nmin_age = 62\nwarn_min_age = 62\n\n[export.redact]\ndrop = []\nmask_born_within_years = 100\nmask_unknown_birth = true\n",
    )
    .unwrap();
    let out = dir.path().join("public.json");
    // v-born's age at the sentence (21) is now below `min_age`: an error of validation.
    let err = export(&input, "json", &out, &["--allow-errors"]);
    assert!(err.contains("redaction settings from"), "{err}");
    let bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        masked(bundle["victims"].as_array().unwrap()),
        ids(&["v-born", "v-nodate"])
    );
    assert_eq!(bundle["redaction"]["min_age"], 62.0);
    assert_eq!(bundle["victims"][1]["notes"], Value::Null);
}

/// The museum's own data: the four defendants of Zheltoksan (1986–1987) are masked in a default
/// export, in JSON Lines as in the bundle, and the portraits of 1937 are not.
#[test]
fn the_datasets_zheltoksan_defendants_are_masked_by_default() {
    let datasets = root().join("datasets");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("jsonl");
    let o = museum(&["export", s(&datasets), "--format", "jsonl", "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let victims: Vec<Value> = std::fs::read_to_string(out.join("victims.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let m = masked(&victims);
    for id in [
        "vic-ryskulbekov",
        "vic-kuzembaev",
        "vic-tashenov",
        "vic-kopesbaev",
    ] {
        assert!(m.contains(id), "{id} is not masked: {m:?}");
    }
    assert!(!m.contains("vic-bukeikhanov"), "{m:?}");
    let text = std::fs::read_to_string(out.join("victims.jsonl")).unwrap();
    for surname in ["Кузембаев", "Ташенов", "Копесбаев", "Рыскулбеков"]
    {
        assert!(!text.contains(surname), "{surname} is exported");
    }
    assert!(
        stderr(&o).contains(&format!("redacted: {} persons", m.len())),
        "{}",
        stderr(&o)
    );
    let counts = run_python(
        &[JSONSCHEMA],
        VALIDATE_PY,
        &[s(&root().join("schemas")), "jsonl", s(&out)],
    );
    assert!(counts.contains("victims="), "{counts}");
}
