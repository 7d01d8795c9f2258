//! `museum stats` on `tests/fixtures/stats/` (values computed by hand; the reasoning is in
//! `museum-core/src/stats/mod.rs`, module `tests`).

use serde_json::Value;

use crate::util::{code, fixture, museum, stderr, stdout};

fn dir() -> String {
    fixture("stats").display().to_string()
}

#[test]
fn summary_json_has_the_hand_computed_values() {
    let o = museum(&["stats", &dir(), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["persons"], 10);
    assert_eq!(v["cases"], 10);
    assert_eq!(v["arrests"]["dated"], 9);
    assert_eq!(
        v["arrests"]["by_year"][1],
        serde_json::json!({"year": 1937, "count": 6})
    );
    assert_eq!(v["charge_articles"]["top"][0]["value"], "58-11");
    assert_eq!(v["charge_articles"]["top"][0]["count"], 4);
    assert_eq!(v["nationalities"]["top"][0]["value"], "Казах");
    // `казах`, `Казах`, `КАЗАХ` and `казашка`: one nationality (`data/vocab/nationality.tsv`).
    assert_eq!(v["nationalities"]["top"][0]["count"], 6);
    assert_eq!(v["rehabilitation"]["median_lag"], 19.0);
    assert_eq!(v["age_pyramid"]["known"], 8);
    assert_eq!(v["duplicates"], Value::Null);
}

#[test]
fn group_by_two_columns_as_csv() {
    let o = museum(&[
        "stats",
        &dir(),
        "--by",
        "arrest_year,sentence_kind",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "arrest_year,sentence_kind,count,share\n\
         1937,execution,5,0.5000\n\
         1938,camp,2,0.2000\n\
         1929,execution,1,0.1000\n\
         1937,camp,1,0.1000\n\
         ,deportation,1,0.1000\n"
    );
}

#[test]
fn group_by_human_md_and_json() {
    let o = museum(&["stats", &dir(), "--by", "sex"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(
        out,
        "  sex     persons  share\n  male          6  60.0%\n  female        3  30.0%\n  (none)        1  10.0%\n10 persons in 3 groups\n",
        "{out}"
    );
    let o = museum(&["stats", &dir(), "--by", "charge_article", "--format", "md"]);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "| charge_article | charges | share |\n|---|--:|--:|\n| 58-11 | 4 | 25.0% |\n"
        ),
        "{out}"
    );
    let o = museum(&["stats", &dir(), "--by", "birth_region", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["unit"], "persons");
    assert_eq!(v["rows"][0]["values"][0], "Тургайская обл.");
    assert_eq!(v["rows"][0]["count"], 2);
}

#[test]
fn summary_human_and_csv() {
    let o = museum(&["stats", &dir()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "Sentence kind\n  sentence_kind  count  share\n  execution          6  60.0%\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  (16 articles named; 1 case names no charge)"),
        "{out}"
    );
    let o = museum(&["stats", &dir(), "--format", "csv"]);
    let out = stdout(&o);
    assert!(
        out.starts_with("table,value,count,share\ntotals,victim records,10,\n"),
        "{out}"
    );
    assert!(out.contains("\nage_male,55-59,2,\n"), "{out}");
    assert!(
        out.contains("\ncompleteness,execution_date (execution sentences),5,0.8333\n"),
        "{out}"
    );
}

#[test]
fn unknown_column_is_an_error_listing_the_valid_ones() {
    let o = museum(&["stats", &dir(), "--by", "arrest_year,colour"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.starts_with("error: unknown column `colour`; valid columns: sex, birth_year"),
        "{err}"
    );
    assert!(err.contains("charge_article"), "{err}");
    assert!(stdout(&o).is_empty());
}

#[test]
fn progress_shows_only_when_asked_and_allowed() {
    let run = |extra: &[&str], force: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_museum"));
        cmd.arg("stats").arg(dir()).args(extra).env("NO_COLOR", "1");
        if force {
            cmd.env("MUSEUM_PROGRESS", "always");
        } else {
            cmd.env_remove("MUSEUM_PROGRESS");
        }
        let o = cmd.output().unwrap();
        assert_eq!(code(&o), 0);
        stderr(&o)
    };
    // stderr is a pipe here: no progress unless forced.
    assert!(!run(&[], false).contains("reading"));
    let forced = run(&[], true);
    assert!(forced.contains("reading"), "{forced}");
    // The line is erased at the end: what follows the last erase is the notes, no bar.
    let (_, after) = forced.rsplit_once("\r\x1b[2K").unwrap();
    assert!(!after.contains('%') && !after.contains('\r'), "{forced:?}");
    assert!(!run(&["--no-progress"], true).contains("reading"));
    assert!(!run(&["--quiet"], true).contains("reading"));
}

/// `[vocab.sentencing_body]` in `museum.toml` counts in the statistics too (issue 16): the
/// kinds `museum stats --by sentencing_body_kind` groups by are the project's where it maps a
/// value (an exact value and a pattern), the built-in table's elsewhere; without the file the
/// same values are `unrecognised`.
#[test]
fn sentencing_body_kinds_use_the_project_vocabulary() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("victims.csv");
    std::fs::write(
        &list,
        "id,surname,sentence,sentencing_body,source_ids\n\
         v1,Майлин,ВМН,Тройка при УНКВД по ЮКО,src-1\n\
         v2,Бекин,5 лет ИТЛ,ЛВК Турксиба,src-1\n\
         v3,Омаров,5 лет ИТЛ,ЛВК Туркестано-Сибирской ж. д.,src-1\n\
         v4,Алиев,2 года ИТЛ условно,НКВД,src-1\n\
         v5,Шанин,10 лет ИТЛ,ОСО при НКВД СССР,src-1\n",
    )
    .unwrap();
    let p = list.to_str().unwrap();
    let kinds = |extra: &[&str]| {
        let mut args = vec![
            "stats",
            p,
            "--by",
            "sentencing_body_kind",
            "--format",
            "csv",
        ];
        args.extend_from_slice(extra);
        let o = museum(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(
        kinds(&[]),
        "sentencing_body_kind,count,share\n\
         unrecognised,3,0.6000\n\
         special_board,1,0.2000\n\
         troika,1,0.2000\n"
    );
    let config = dir.path().join("museum.toml");
    std::fs::write(
        &config,
        "[vocab.sentencing_body]\n\"ЛВК *\" = \"tribunal\"\n\"нквд\" = \"troika\"\n",
    )
    .unwrap();
    // Found beside the data, as every command finds it.
    let expected = "sentencing_body_kind,count,share\n\
         tribunal,2,0.4000\n\
         troika,2,0.4000\n\
         special_board,1,0.2000\n";
    assert_eq!(kinds(&[]), expected);
    // And named with `--config` from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("museum.toml");
    std::fs::rename(&config, &moved).unwrap();
    assert_eq!(kinds(&["--config", moved.to_str().unwrap()]), expected);
}
