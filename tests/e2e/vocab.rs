//! `museum vocab` and the `[vocab.*]` sections of `museum.toml`.

use serde_json::Value;

use crate::util::{code, fixture, museum, stderr, stdout};

fn vocab_json(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["vocab"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = museum(&all);
    assert!(matches!(code(&o), 0 | 1), "{}{}", stdout(&o), stderr(&o));
    (code(&o), serde_json::from_str(&stdout(&o)).unwrap())
}

/// `(value, count)` of one field, in the order listed.
fn values(v: &Value, field: &str) -> Vec<(String, u64)> {
    v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no {field} in {v:#}"))["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["value"].as_str().unwrap().to_owned(),
                x["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn lists_unknown_values_most_frequent_first() {
    let list = fixture("vocab/victims.csv");
    let (rc, v) = vocab_json(&[list.to_str().unwrap()]);
    assert_eq!(rc, 1, "{v:#}");
    assert_eq!(v["records"], 6);
    // Spellings equal but for case, spaces and trailing dots count as one value.
    assert_eq!(
        values(&v, "sentence"),
        [
            ("в распоряжение НКВД".to_owned(), 3),
            ("условно".to_owned(), 1)
        ]
    );
    assert_eq!(values(&v, "charge"), [("58-10/11".to_owned(), 2)]);
    assert_eq!(values(&v, "sex"), [("mzh.".to_owned(), 3)]);
    let toml = v["toml"].as_str().unwrap();
    assert!(toml.contains("[vocab.sentence]"), "{toml}");
    assert!(
        toml.contains("\"в распоряжение НКВД\" = \"?\"  # 3 records"),
        "{toml}"
    );

    let (_, v) = vocab_json(&[list.to_str().unwrap(), "--field", "sex"]);
    assert_eq!(v["fields"].as_array().unwrap().len(), 1, "{v:#}");

    let o = museum(&["vocab", list.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(
        text.contains("sentence: 2 value(s) not understood in 4 of 6 records"),
        "{text}"
    );
    assert!(text.contains("# paste into museum.toml"), "{text}");
}

/// The snippet, filled in and pasted into `museum.toml`, makes every command understand the
/// values: `museum vocab` then lists nothing and validation reports none of them.
#[test]
fn a_filled_in_snippet_extends_the_vocabulary() {
    let list = fixture("vocab/victims.csv");
    let (_, v) = vocab_json(&[list.to_str().unwrap()]);
    let kinds = [
        ("sentence", "released"),
        ("charge", "articles"),
        ("sex", "male"),
    ];
    let mut filled = String::new();
    let mut kind = "";
    for line in v["toml"].as_str().unwrap().lines() {
        if let Some((_, k)) = kinds
            .iter()
            .find(|(f, _)| line.starts_with(&format!("[vocab.{f}]")))
        {
            kind = k;
        }
        filled.push_str(&line.replace("= \"?\"", &format!("= \"{kind}\"")));
        filled.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("museum.toml");
    std::fs::write(&config, &filled).unwrap();
    let config = config.to_str().unwrap();
    let (rc, v) = vocab_json(&[list.to_str().unwrap(), "--config", config]);
    assert_eq!(rc, 0, "{filled}\n{v:#}");
    assert_eq!(v["toml"], "");

    // The committed configuration does the same for `museum validate`.
    let extended = fixture("vocab/extended.toml");
    for (config, expect) in [(None, 9), (Some(extended.to_str().unwrap()), 0)] {
        let mut args = vec!["validate", list.to_str().unwrap(), "--format", "json"];
        if let Some(c) = config {
            args.extend_from_slice(&["--config", c]);
        }
        let o = museum(&args);
        let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let vocab_findings = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| matches!(f["code"].as_str(), Some("M203" | "M204" | "M208")))
            .count();
        assert_eq!(vocab_findings, expect, "{config:?}: {report:#}");
    }
}

#[test]
fn an_unknown_kind_names_the_file_section_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("museum.toml");
    std::fs::write(&config, "[vocab.sentence]\n\"условно\" = \"probation\"\n").unwrap();
    let list = fixture("vocab/victims.csv");
    let o = museum(&[
        "vocab",
        list.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    for part in [
        config.to_str().unwrap(),
        "[vocab.sentence]",
        "\"условно\"",
        "probation",
        "camp",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
}

/// JSON and JSON Lines lists are read with the project's vocabulary too.
#[test]
fn json_lists_use_the_vocabulary_too() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("victims.jsonl");
    std::fs::write(
        &list,
        "{\"id\":\"vj-1\",\"full_name\":\"Иванов Иван\",\"sex\":\"mzh.\",\"sentence\":\"условно\",\"charge\":\"58-10/11\",\"source_ids\":\"src-1\"}\n",
    )
    .unwrap();
    let extended = fixture("vocab/extended.toml");
    let (rc, v) = vocab_json(&[list.to_str().unwrap()]);
    assert_eq!(rc, 1, "{v:#}");
    assert_eq!(values(&v, "sentence"), [("условно".to_owned(), 1)]);
    let (rc, v) = vocab_json(&[
        list.to_str().unwrap(),
        "--config",
        extended.to_str().unwrap(),
    ]);
    assert_eq!(rc, 0, "{v:#}");
}
