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

/// Sentencing bodies (issue 16): the built-in vocabulary in Russian, Kazakh and romanized
/// Russian; the values it does not know listed by `museum vocab --field sentencing_body`
/// (M218); `[vocab.sentencing_body]` with an exact value and a pattern makes them understood;
/// a bad pattern is an error naming `museum.toml`'s section and key.
#[test]
fn sentencing_bodies_and_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("victims.csv");
    std::fs::write(
        &list,
        "id,surname,sentence,sentencing_body,source_ids\n\
         v1,Майлин,ВМН,Тройка при УНКВД по ЮКО,src-1\n\
         v2,Жургенов,ВМН,ВКВС СССР,src-1\n\
         v3,Сейфуллин,ВМН,үштік,src-1\n\
         v4,Шанин,10 лет ИТЛ,ОСО при НКВД СССР,src-1\n\
         v5,Кулов,8 let ITL,Osoboe soveshchanie,src-1\n\
         v6,Бекин,5 лет ИТЛ,ЛВК Турксиба,src-1\n\
         v7,Омаров,5 лет ИТЛ,ЛВК Туркестано-Сибирской ж. д.,src-1\n\
         v8,Алиев,2 года ИТЛ условно,НКВД,src-1\n",
    )
    .unwrap();
    let p = list.to_str().unwrap();
    let (rc, v) = vocab_json(&[p, "--field", "sentencing_body,sentence"]);
    assert_eq!(rc, 1, "{v:#}");
    let bodies = values(&v, "sentencing_body");
    assert_eq!(bodies.len(), 3, "{bodies:?}");
    assert!(bodies.contains(&("НКВД".to_owned(), 1)), "{bodies:?}");
    let toml = v["toml"].as_str().unwrap();
    assert!(
        toml.contains("[vocab.sentencing_body]  # kinds: troika, dvoika, special_board"),
        "{toml}"
    );

    let config = dir.path().join("museum.toml");
    std::fs::write(
        &config,
        "[vocab.sentencing_body]\n\"ЛВК *\" = \"tribunal\"\n\"нквд\" = \"troika\"\n",
    )
    .unwrap();
    let c = config.to_str().unwrap();
    let (rc, v) = vocab_json(&[p, "--field", "sentencing_body", "--config", c]);
    assert_eq!(rc, 0, "{v:#}");
    // Validation reads the same vocabulary: no M218 left.
    let o = museum(&["validate", p, "--config", c, "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(
        !report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "M218"),
        "{report:#}"
    );

    for (bad, why) in [
        ("\"{m} лет\" = \"camp\"", "unknown placeholder `{m}`"),
        ("\"*\" = \"camp\"", "would match every value"),
    ] {
        std::fs::write(&config, format!("[vocab.sentence]\n{bad}\n")).unwrap();
        let o = museum(&["vocab", p, "--config", c]);
        assert_eq!(code(&o), 2, "{bad}");
        let err = stderr(&o);
        for part in [c, "[vocab.sentence]", why] {
            assert!(err.contains(part), "{part}: {err}");
        }
    }
}

/// Placeholders in sex and in JSON Lines dates are read as missing with one M217 per file and
/// column, not an unknown-sex warning per record.
#[test]
fn placeholders_in_sex_and_json_lists() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("victims.csv");
    std::fs::write(
        &csv,
        "id,surname,sex,birth_date,source_ids\nv1,Майлин,неизв.,1894,src-1\nv2,Шанин,?,1892,src-1\nv3,Кулов,м,1890,src-1\n",
    )
    .unwrap();
    let jsonl = dir.path().join("more.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"w1\",\"surname\":\"Жургенов\",\"birth_date\":\"нет данных\",\"source_ids\":\"src-1\"}\n\
         {\"id\":\"w2\",\"surname\":\"Сейфуллин\",\"birth_date\":\"белгісіз\",\"sex\":\"белгісіз\",\"source_ids\":\"src-1\"}\n",
    )
    .unwrap();
    for (path, field, count) in [
        (&csv, "sex", 2),
        (&jsonl, "birth_date", 2),
        (&jsonl, "sex", 1),
    ] {
        let o = museum(&[
            "validate",
            path.to_str().unwrap(),
            "--kind",
            "victims",
            "--format",
            "json",
        ]);
        let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let findings = report["findings"].as_array().unwrap();
        assert!(!findings.iter().any(|f| f["code"] == "M203"), "{report:#}");
        let m217: Vec<&Value> = findings
            .iter()
            .filter(|f| f["code"] == "M217" && f["field"] == field)
            .collect();
        assert_eq!(m217.len(), 1, "{field}: {report:#}");
        let msg = m217[0]["message"].as_str().unwrap();
        assert!(msg.starts_with(&format!("{count} value")), "{msg}");
    }
}

/// A file-level source (`--source`, `[sources]`) is attached to the records in exports and
/// checked against `sources.csv`: an unknown id is a finding naming the file and the key.
#[test]
fn file_level_sources_reach_exports_and_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.csv"),
        "id,kind,title\nsrc-kniga-3,publication,Книга скорби. Том 3\n",
    )
    .unwrap();
    let list = dir.path().join("victims.csv");
    std::fs::write(
        &list,
        "id,surname,given_name,birth_date,source_ids\nv1,Майлин,Беимбет,1894,\nv2,Шанин,Жумат,1892,src-kniga-3\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let export = |extra: &[&str]| -> Value {
        let mut args = vec!["export", d, "-o", "-"];
        args.extend_from_slice(extra);
        let o = museum(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let ids = |v: &Value, i: usize| v["victims"][i]["source_ids"].clone();
    let v = export(&["--source", "src-kniga-3"]);
    assert_eq!(ids(&v, 0), serde_json::json!(["src-kniga-3"]), "{v:#}");
    // Not repeated when the record cites it already.
    assert_eq!(ids(&v, 1), serde_json::json!(["src-kniga-3"]), "{v:#}");

    std::fs::write(
        dir.path().join("museum.toml"),
        "[sources]\n\"victims.csv\" = \"src-kniga-9\"\n",
    )
    .unwrap();
    let o = museum(&["validate", d, "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let unknown: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "M402")
        .collect();
    assert_eq!(unknown.len(), 1, "{report:#}");
    let msg = unknown[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("[sources] \"victims.csv\" = \"src-kniga-9\" in museum.toml"),
        "{msg}"
    );
    assert!(
        unknown[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("victims.csv"),
        "{report:#}"
    );
}
