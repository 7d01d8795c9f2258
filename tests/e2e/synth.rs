//! `museum synth`: a synthetic archive that the other commands read.

use serde_json::Value;

use crate::util::{code, museum, stderr, stdout};

fn read(dir: &std::path::Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn synth_writes_an_archive_that_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("synth");
    let d = dir.to_str().unwrap();
    let o = museum(&["synth", "--victims", "2000", "--seed", "7", "--out", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "results are files, not stdout");
    assert!(
        stderr(&o).contains("wrote 2000 synthetic records"),
        "{}",
        stderr(&o)
    );
    for f in [
        "victims.csv",
        "truth.csv",
        "defects.csv",
        "relations.csv",
        "sources.csv",
        "SYNTHETIC.md",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let victims = String::from_utf8(read(&dir, "victims.csv")).unwrap();
    assert!(victims.starts_with("id,case,full_name,surname,given_name,patronymic,"));
    let truth = String::from_utf8(read(&dir, "truth.csv")).unwrap();
    assert_eq!(truth.lines().count(), 2001);
    assert!(truth.starts_with("record_id,person_id\n"));
    let md = String::from_utf8(read(&dir, "SYNTHETIC.md")).unwrap();
    assert!(md.contains("not real people"), "{md}");
    assert!(md.contains("| seed (`--seed`) | 7 |"), "{md}");
    let sources = String::from_utf8(read(&dir, "sources.csv")).unwrap();
    assert!(
        sources.lines().skip(1).all(|l| l.contains(",synthetic,")),
        "{sources}"
    );

    // `museum validate` reads the directory and finds nothing wrong.
    let o = museum(&["validate", d, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["errors"], 0, "{v:#}");
    // Only the deliberate noise: look-alike letters (M210), records without dates (M602), and
    // infos (death sentence without execution date, sparse columns).
    for (code, _) in v["summary"]["by_code"].as_object().unwrap() {
        assert!(
            ["M210", "M308", "M602", "M603"].contains(&code.as_str()),
            "{v:#}"
        );
    }
    assert_eq!(v["summary"]["records"], 2000 + 8);
}

#[test]
fn same_seed_same_files_other_seed_other_files() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |name: &str, seed: &str| {
        let dir = tmp.path().join(name);
        let o = museum(&[
            "synth",
            "--victims",
            "1500",
            "--seed",
            seed,
            "--defects",
            "0.02",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        dir
    };
    let (a, b, c) = (run("a", "7"), run("b", "7"), run("c", "8"));
    for f in [
        "victims.csv",
        "truth.csv",
        "defects.csv",
        "relations.csv",
        "SYNTHETIC.md",
    ] {
        assert!(read(&a, f) == read(&b, f), "{f} differs for the same seed");
    }
    assert!(read(&a, "victims.csv") != read(&c, "victims.csv"));
}

#[test]
fn defects_and_archive_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bad");
    let d = dir.to_str().unwrap();
    let o = museum(&[
        "synth",
        "--victims",
        "3000",
        "--seed",
        "3",
        "--defects",
        "0.05",
        "--with-archive",
        "--out",
        d,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(dir.join("camps.csv").is_file() && dir.join("events.csv").is_file());
    let defects = String::from_utf8(read(&dir, "defects.csv")).unwrap();
    assert!(defects.lines().count() > 100, "{defects}");
    // The planted defects are errors for `validate`; nothing else is (camp references resolve).
    let o = museum(&["validate", d, "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let by_code = v["summary"]["by_code"].as_object().unwrap();
    assert!(by_code.contains_key("M202"), "{by_code:?}");
    assert!(by_code.contains_key("M401"), "{by_code:?}");
    assert!(
        !by_code.contains_key("M402"),
        "unresolved references: {by_code:?}"
    );
    // Without `--with-archive`, a later run into the same directory removes them again.
    let o = museum(&["synth", "--victims", "100", "--out", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!dir.join("camps.csv").exists());
    assert_eq!(
        String::from_utf8(read(&dir, "defects.csv")).unwrap(),
        "record_id,field,defect,value\n"
    );
}

#[test]
fn refuses_a_directory_with_real_datasets() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("victims.csv");
    std::fs::write(&real, "id,surname\nv1,Майлин\n").unwrap();
    let o = museum(&[
        "synth",
        "--victims",
        "10",
        "--out",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("SYNTHETIC.md"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "id,surname\nv1,Майлин\n"
    );
}

#[test]
fn bad_options_exit_2_and_help_has_examples() {
    let tmp = tempfile::tempdir().unwrap();
    let o = museum(&[
        "synth",
        "--victims",
        "10",
        "--duplicates",
        "1.5",
        "--out",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("between 0 and 1"), "{}", stderr(&o));
    let o = museum(&["synth", "--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    assert!(help.contains("Examples:"), "{help}");
    assert!(
        help.contains("museum synth --victims 20000 --seed 7"),
        "{help}"
    );
    assert!(
        help.contains("not real people") || help.contains("never existed"),
        "{help}"
    );
}

#[test]
fn multi_source_profile_is_a_dedup_benchmark() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ms");
    let d = dir.to_str().unwrap();
    let o = museum(&[
        "synth",
        "--victims",
        "1500",
        "--seed",
        "3",
        "--profile",
        "multi-source",
        "--out",
        d,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("multi-source mode: 3-20 records per person from 24"));
    let md = String::from_utf8(read(&dir, "SYNTHETIC.md")).unwrap();
    assert!(
        md.contains("--sources-per-person 3-20 --missing 0.3 --noise 0.2"),
        "{md}"
    );
    // The options alone turn the mode on, with their values.
    let dir2 = tmp.path().join("ms2");
    let o = museum(&[
        "synth",
        "--victims",
        "500",
        "--sources-per-person",
        "4-6",
        "--missing",
        "0.5",
        "--out",
        dir2.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = String::from_utf8(read(&dir2, "SYNTHETIC.md")).unwrap();
    assert!(md.contains("| sources per person (`--sources-per-person`) | 4-6 |"));
    assert!(md.contains("| missing fields (`--missing`) | 0.5 |"));
    // The archive validates without errors and deduplication measures itself against truth.
    let o = museum(&["validate", d, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["errors"], 0, "{v:#}");
    let victims = dir.join("victims.csv");
    let truth = dir.join("truth.csv");
    let o = museum(&[
        "dedup",
        victims.to_str().unwrap(),
        "--truth",
        truth.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let f1 = v["evaluation"]["pairwise"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.0 && f1 <= 1.0, "{v:#}");
}

#[test]
fn multi_source_options_are_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("x");
    let d = d.to_str().unwrap();
    for (args, says) in [
        (&["--sources-per-person", "9-3"][..], "1 <= low <= high"),
        (&["--sources-per-person", "3-30"][..], "at most 24 sources"),
        (&["--sources-per-person", "many"][..], "not a whole number"),
        (&["--noise", "2"][..], "noise rate must be between 0 and 1"),
    ] {
        let mut a = vec!["synth", "--victims", "10", "--out", d];
        a.extend_from_slice(args);
        let o = museum(&a);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
}
