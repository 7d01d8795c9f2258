use serde_json::Value;

use crate::util::{code, fixture, museum, stderr, stdout};

/// A list with Russian headers and archival values reads without loss: the JSON output has no
/// errors, and the unknown column is reported as info and carried through.
#[test]
fn russian_headers_read_cleanly() {
    let path = fixture("validate/russian_headers.csv");
    let o = museum(&[
        "validate",
        path.to_str().unwrap(),
        "--kind",
        "victims",
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["errors"], 0, "{v:#}");
    assert_eq!(v["summary"]["records"], 2);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "M103");
    assert_eq!(f["field"], "Примечание архива");
    assert_eq!(f["line"], 1);
}

#[test]
fn findings_name_file_line_and_field_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(&p, "id,surname,given_name,birth_date,sex,sentence\nv1,Майлин,Беимбет,1894-11-15,m,ВМН\nv2,Майлин,Б.,1894-13-01,зз,нечто\n").unwrap();
    let o = museum(&["validate", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("victims.csv:3:birth_date: error[M202] `birth_date`: month 13 does not exist: `1894-13-01`"), "{out}");
    assert!(out.contains("victims.csv:3:sex: warning[M203]"), "{out}");
    assert!(
        out.contains("victims.csv:3:sentence: warning[M204]"),
        "{out}"
    );
    assert!(
        out.contains("1 error, 2 warnings, 0 infos in 1 file (2 records)"),
        "{out}"
    );
    // Warnings alone do not fail unless asked.
    std::fs::write(&p, "id,surname,sex\nv1,Майлин,зз\n").unwrap();
    assert_eq!(code(&museum(&["validate", p.to_str().unwrap()])), 0);
    assert_eq!(
        code(&museum(&[
            "validate",
            p.to_str().unwrap(),
            "--fail-on",
            "warning"
        ])),
        1
    );
}

#[test]
fn jsonl_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(&p, "id,surname,birth_date\nv1,A,1937-02-30\nv1,B,1937\n").unwrap();
    let o = museum(&["validate", p.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(code(&o), 1);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["code"], "M202");
    assert_eq!(lines[1]["code"], "M401");
    assert_eq!(lines[1]["record_id"], "v1");
    let o = museum(&["validate", p.to_str().unwrap(), "--format", "github"]);
    let out = stdout(&o);
    assert!(out.starts_with("::error file="), "{out}");
    assert!(
        out.contains(",line=2,title=M202 impossible-date::birth_date%3A")
            || out.contains(",line=2,title=M202 impossible-date::birth_date: "),
        "{out}"
    );
}

#[test]
fn unknown_kind_and_missing_path_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("list.csv");
    std::fs::write(&p, "a\n1\n").unwrap();
    let o = museum(&["validate", p.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("pass `--kind`"), "{}", stderr(&o));
    let o = museum(&["validate", "/nonexistent/victims.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
}
