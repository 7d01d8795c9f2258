use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{code, fixture, museum, museum_in, stderr, stdout};

/// A copy of the dedup fixture in a temporary directory (to add decisions beside it).
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in ["figures.csv", "victims.csv", "truth.csv"] {
        std::fs::copy(fixture("dedup").join(f), dir.path().join(f)).unwrap();
    }
    let p = dir.path().to_path_buf();
    (dir, p)
}

/// `record_id` → `cluster_id` from CSV output.
fn clusters(csv: &str) -> HashMap<String, String> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[..6],
        &[
            "record_id",
            "cluster_id",
            "cluster_size",
            "score",
            "best_match",
            "match_source"
        ]
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].to_owned())
        })
        .collect()
}

fn dedup_csv(dir: &Path, extra: &[&str]) -> HashMap<String, String> {
    let mut args = vec!["dedup", dir.to_str().unwrap(), "--format", "csv"];
    args.extend_from_slice(extra);
    let o = museum(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    clusters(&stdout(&o))
}

/// Every record is in the output once; spellings in other scripts and the figure join one
/// person; the namesake with another given name and the wife stay apart.
#[test]
fn csv_clusters_across_scripts_and_files() {
    let c = dedup_csv(&fixture("dedup"), &[]);
    assert_eq!(c.len(), 15, "every record, singletons included: {c:?}");
    let same = |a: &str, b: &str| c[a] == c[b];
    assert!(same("vic-001", "vic-002")); // Букейханов ~ Bukeikhanov
    assert!(same("vic-001", "vic-003")); // ~ Бөкейхан Ә. Н.
    assert!(same("vic-001", "fig-bukeikhanov")); // the figure is the same person
    assert!(same("vic-004", "vic-005")); // Джансугуров ~ Zhansugirov
    assert!(same("vic-004", "fig-zhansugurov"));
    assert!(same("vic-009", "vic-010")); // Байтурсынов ~ Baitursynuly
    assert!(!same("vic-006", "vic-007")); // Ахмет and Асан, brothers
    assert!(!same("vic-007", "vic-008") || !same("vic-006", "vic-008"));
    assert!(!same("vic-009", "vic-011")); // his wife
    assert_eq!(c["vic-012"], "vic-012"); // alone
}

#[test]
fn json_output_has_clusters_with_explanations() {
    let dir = fixture("dedup");
    let o = museum(&["dedup", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["records"], 15);
    assert_eq!(v["summary"]["duplicate_clusters"], 4);
    let clusters = v["clusters"].as_array().unwrap();
    let total: u64 = clusters.iter().map(|c| c["size"].as_u64().unwrap()).sum();
    assert_eq!(total, 15);
    let first = &clusters[0];
    assert_eq!(first["cluster_id"], "fig-bukeikhanov");
    let link = &first["links"][0];
    assert!(link["probability"].as_f64().unwrap() >= 0.9);
    let e = &link["explanation"];
    assert!(e["weight"].is_number() && e["prior"].is_number());
    let fields = e["fields"].as_array().unwrap();
    assert!(
        fields
            .iter()
            .any(|f| f["field"] == "surname" && f["weight"].as_f64().unwrap() > 0.0)
    );
    assert!(v["model"]["fields"].as_array().unwrap().len() >= 10);
}

#[test]
fn human_output_shows_evidence() {
    let dir = fixture("dedup");
    let o = museum(&["dedup", dir.to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("cluster fig-bukeikhanov (4 records"), "{out}");
    assert!(out.contains("+ surname"), "{out}");
    assert!(
        out.contains("15 records in 2 files: 4 clusters of duplicates (11 records)"),
        "{out}"
    );
}

/// Decisions beside the data win over scores, both ways, in every run.
#[test]
fn decisions_are_honoured() {
    let (_tmp, dir) = fixture_copy();
    std::fs::write(
        dir.join("decisions.csv"),
        "record_a,record_b,decision,who,when,why\n\
         vic-001,vic-002,different,archivist,2025-03-01,two men of the same name in the case files\n\
         vic-009,vic-011,same,archivist,2025-03-01,test only\n",
    )
    .unwrap();
    let o = museum(&["dedup", dir.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("using 2 decision(s)"), "{}", stderr(&o));
    let c = clusters(&stdout(&o));
    assert_ne!(c["vic-001"], c["vic-002"]);
    assert_eq!(c["vic-009"], c["vic-011"]);
    assert!(stdout(&o).contains(",decision,"));
    // The explanation names the decision.
    let o = museum(&[
        "dedup",
        dir.to_str().unwrap(),
        "--explain",
        "vic-009",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pair = v["cluster"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["record"]["id"] == "vic-011")
        .unwrap();
    assert_eq!(pair["explanation"]["decision"]["decision"], "same");
    // Ignored on request; an explicit file elsewhere works too.
    let c = dedup_csv(&dir, &["--no-decisions"]);
    assert_eq!(c["vic-001"], c["vic-002"]);
    let other = tempfile::tempdir().unwrap();
    let f = other.path().join("mine.csv");
    std::fs::write(
        &f,
        "record_a,record_b,decision\nvic-004,vic-005,different\n",
    )
    .unwrap();
    let c = dedup_csv(&dir, &["--decisions", f.to_str().unwrap()]);
    assert_ne!(c["vic-004"], c["vic-005"]);
    assert_eq!(c["vic-001"], c["vic-002"]);
}

#[test]
fn truth_metrics_are_printed() {
    let dir = fixture("dedup");
    let truth = dir.join("truth.csv");
    let o = museum(&[
        "dedup",
        dir.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("pairwise  precision 1.0000  recall 1.0000  F1 1.0000"),
        "{out}"
    );
    assert!(out.contains("B-cubed   precision 1.0000"), "{out}");
    assert!(out.contains("blocking recall 1.0000"), "{out}");
    let o = museum(&[
        "dedup",
        dir.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["evaluation"]["pairwise"]["f1"], 1.0);
    assert_eq!(v["evaluation"]["bcubed"]["f1"], 1.0);
    assert_eq!(v["evaluation"]["blocking_recall"], 1.0);
    // With CSV on stdout the metrics go to stderr.
    let o = museum(&[
        "dedup",
        dir.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(stderr(&o).contains("B-cubed"));
    assert!(stdout(&o).starts_with("record_id,"));
}

#[test]
fn output_file_is_written() {
    let (_tmp, dir) = fixture_copy();
    let out = dir.join("clusters.csv");
    let o = museum_in(
        &dir,
        &["dedup", ".", "--format", "csv", "-o", "clusters.csv"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 16);
    assert!(stdout(&o).contains("15 records in 2 files"));
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".museum-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn explain_a_record() {
    let dir = fixture("dedup");
    let o = museum(&["dedup", dir.to_str().unwrap(), "--explain", "vic-008"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("same person with 1 other record"), "{out}");
    assert!(out.contains("closest records left out"), "{out}");
    assert!(out.contains("vic-007"), "{out}");
    let o = museum(&["dedup", dir.to_str().unwrap(), "--explain", "nope"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn exit_codes() {
    let dir = fixture("dedup");
    let o = museum(&["dedup", dir.to_str().unwrap(), "--fail-on-duplicates"]);
    assert_eq!(code(&o), 1);
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("victims.csv");
    std::fs::write(
        &p,
        "id,surname,given_name\nv1,Майлин,Беимбет\nv2,Сейфуллин,Сакен\n",
    )
    .unwrap();
    let o = museum(&["dedup", p.to_str().unwrap(), "--fail-on-duplicates"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = museum(&["dedup", "/nonexistent/victims.csv"]);
    assert_eq!(code(&o), 2);
    let o = museum(&["dedup", dir.to_str().unwrap(), "--threshold", "1.5"]);
    assert_eq!(code(&o), 2);
}

/// `--save-model` writes the model (m, u, weight per field and level); `--model` reuses it on a
/// smaller list as it is, with the same clusters for the records both lists share; a broken
/// model file is refused with the file and the field named.
#[test]
fn a_model_is_saved_and_reused() {
    let (_tmp, dir) = fixture_copy();
    let model = dir.join("model.json");
    let o = museum(&[
        "dedup",
        dir.to_str().unwrap(),
        "--format",
        "csv",
        "--save-model",
        model.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let full = clusters(&stdout(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(v["format"], "museum-dedup-model");
    assert_eq!(v["version"], 2);
    assert_eq!(v["records"], 15);
    let fields = v["fields"].as_array().unwrap();
    let surname = fields.iter().find(|f| f["field"] == "surname").unwrap();
    let levels = surname["levels"].as_array().unwrap();
    assert_eq!(levels.last().unwrap()["level"], "same");
    let weights: Vec<f64> = levels
        .iter()
        .map(|l| l["weight"].as_f64().unwrap())
        .collect();
    assert!(
        weights.windows(2).all(|w| w[1] >= w[0] - 1e-9),
        "{weights:?}"
    );

    // Only the victims (a smaller list), with the saved model.
    let small = tempfile::tempdir().unwrap();
    std::fs::copy(dir.join("victims.csv"), small.path().join("victims.csv")).unwrap();
    let with_model = |model: &Path| -> Value {
        let out = small.path().join("out.json");
        let o = museum(&[
            "dedup",
            small.path().to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
    };
    let refused = |model: &Path| -> String {
        let o = museum(&[
            "dedup",
            small.path().to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        stderr(&o)
    };
    let r = with_model(&model);
    assert_eq!(r["model"]["u_sample"], 0, "u came from the file");
    let used = r["model"]["fields"].as_array().unwrap();
    let s = used.iter().find(|f| f["field"] == "surname").unwrap();
    assert_eq!(
        s["m"].as_array().unwrap().last().unwrap().as_f64(),
        levels.last().unwrap()["m"].as_f64()
    );
    let mut together: HashMap<String, String> = HashMap::new();
    for c in r["clusters"].as_array().unwrap() {
        for rec in c["records"].as_array().unwrap() {
            together.insert(
                rec["id"].as_str().unwrap().to_owned(),
                c["cluster_id"].as_str().unwrap().to_owned(),
            );
        }
    }
    assert_eq!(together.len(), 12, "{together:?}");
    let same = |c: &HashMap<String, String>, a: &str, b: &str| c[a] == c[b];
    for (a, b) in [
        ("vic-001", "vic-002"),
        ("vic-004", "vic-005"),
        ("vic-006", "vic-007"),
    ] {
        assert_eq!(same(&full, a, b), same(&together, a, b), "{a} {b}");
    }

    // The same model in the version 1 shape (before `loosely similar` names and `similar`
    // places): still read, each missing level weighing what the level below it weighs.
    let mut v1 = v.clone();
    v1["version"] = Value::from(1);
    for f in v1["fields"].as_array_mut().unwrap() {
        let name = f["field"].as_str().unwrap().to_owned();
        let levels = f["levels"].as_array_mut().unwrap();
        let added = ["loosely similar", "similar"];
        let is_added = |l: &Value| {
            let label = l["level"].as_str().unwrap();
            match name.as_str() {
                "surname" | "given_name" | "patronymic" => label == added[0],
                "birth_place" => label == added[1],
                _ => false,
            }
        };
        if let Some(k) = levels.iter().position(is_added) {
            let gone = levels.remove(k);
            for what in ["m", "u"] {
                let sum = levels[k - 1][what].as_f64().unwrap() + gone[what].as_f64().unwrap();
                levels[k - 1][what] = Value::from(sum);
            }
        }
    }
    let old = dir.join("model-v1.json");
    std::fs::write(&old, v1.to_string()).unwrap();
    let r = with_model(&old);
    let place = r["model"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "birth_place")
        .unwrap();
    let w: Vec<f64> = place["weight"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(w.len(), 4, "{place}");
    assert!(
        (w[1] - w[2]).abs() < 1e-9,
        "`similar` weighs as `overlapping`: {w:?}"
    );

    // A version this museum does not know is refused, naming the version.
    let mut v9 = v.clone();
    v9["version"] = Value::from(9);
    std::fs::write(&old, v9.to_string()).unwrap();
    let err = refused(&old);
    assert!(err.contains("model version 9"), "{err}");

    // A broken model.
    let mut bad = v.clone();
    bad["fields"][0]["levels"][0]["m"] = Value::from(-1.0);
    std::fs::write(&model, bad.to_string()).unwrap();
    let err = refused(&model);
    assert!(
        err.contains("model.json") && err.contains("surname"),
        "{err}"
    );
}
