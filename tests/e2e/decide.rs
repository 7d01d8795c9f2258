//! `museum decide`: a human same/different decision, recorded in `decisions.csv` and honoured by
//! `museum dedup` (and, with feature `stats`, `museum report`).

use crate::util::{code, fixture, museum, stderr, stdout};

/// The dedup fixture in a temporary directory.
fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["figures.csv", "victims.csv"] {
        std::fs::copy(fixture("dedup").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

/// `record_id` → `cluster_id` from `museum dedup --format csv`.
fn cluster_of(dir: &std::path::Path, id: &str) -> String {
    let o = museum(&["dedup", dir.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    stdout(&o)
        .lines()
        .find(|l| l.starts_with(&format!("{id},")))
        .and_then(|l| l.split(',').nth(1))
        .unwrap_or_else(|| panic!("{id} not in the output"))
        .to_owned()
}

#[test]
fn a_decision_is_recorded_and_wins_in_dedup() {
    let tmp = fixture_copy();
    let dir = tmp.path();
    let decisions = dir.join("decisions.csv");
    // The model links the Cyrillic and Latin spellings of Zhansugurov.
    assert_eq!(cluster_of(dir, "vic-004"), cluster_of(dir, "vic-005"));

    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "different",
        "--who",
        "test archivist",
        "--why",
        "test only",
        "--when",
        "2026-11-26",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("vic-004 and vic-005 are different people"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap(),
        "record_a,record_b,decision,who,when,why\n\
         vic-004,vic-005,different,test archivist,2026-11-26,test only\n"
    );
    assert_ne!(cluster_of(dir, "vic-004"), cluster_of(dir, "vic-005"));

    // The same decision again (either order) changes nothing.
    let o = museum(&[
        "decide",
        "vic-005",
        "vic-004",
        "different",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("already recorded"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap().lines().count(),
        2
    );

    // A contradicting decision is refused: the recorded one is edited by hand, never overwritten.
    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "same",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("already decides"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&decisions).unwrap().lines().count(),
        2
    );

    // A second decision is appended below the first.
    let o = museum(&[
        "decide",
        "vic-009",
        "vic-011",
        "same",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(&decisions).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(
        text.lines()
            .nth(2)
            .unwrap()
            .starts_with("vic-009,vic-011,same,,")
    );
    assert_eq!(cluster_of(dir, "vic-009"), cluster_of(dir, "vic-011"));
}

#[test]
fn bad_decisions_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let decisions = tmp.path().join("decisions.csv");
    let d = decisions.to_str().unwrap();
    let o = museum(&["decide", "a", "b", "maybe", "--decisions", d]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("write `same` or `different`"));
    let o = museum(&["decide", "a", "a", "same", "--decisions", d]);
    assert_eq!(code(&o), 2);
    assert!(!decisions.exists());
}

/// The report reads `decisions.csv` beside the data, like `museum dedup`.
#[cfg(feature = "stats")]
#[test]
fn the_report_honours_decisions() {
    let tmp = fixture_copy();
    let dir = tmp.path();
    let together = |json: &serde_json::Value, a: &str, b: &str| {
        json["dedup"]["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| {
                let ids: Vec<&str> = c["members"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|m| m["record_id"].as_str())
                    .collect();
                ids.contains(&a) && ids.contains(&b)
            })
    };
    let report = || {
        let o = museum(&[
            "report",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            "-",
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        (json, stderr(&o))
    };
    let (json, _) = report();
    assert!(together(&json, "vic-004", "vic-005"));
    let o = museum(&[
        "decide",
        "vic-004",
        "vic-005",
        "different",
        "--decisions",
        dir.join("decisions.csv").to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (json, err) = report();
    assert!(err.contains("using 1 decision(s)"), "{err}");
    assert!(!together(&json, "vic-004", "vic-005"));
}
