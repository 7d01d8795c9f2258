//! `museum validate` writes each finding as soon as its place is known instead of holding the
//! report: its JSON, JSON Lines and human outputs are byte for byte those of the whole report
//! (`validate_files`, rendered at once), with one thread or several.

use std::path::Path;
use std::process::Command;

use museum_core::validate::{Finding, ValidateOptions, dataset_files, validate_files};

use crate::util::{code, museum, stderr};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `museum validate DIR --format FORMAT` with `threads` worker threads.
fn validate(dir: &Path, format: &str, threads: usize) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_museum"))
        .args(["validate", s(dir), "--format", format, "--fail-on", "never"])
        .args(["--threads", &threads.to_string()])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    o.stdout
}

#[test]
fn streamed_output_is_the_whole_report_rendered_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    // Several kinds of files (references checked across them), planted defects and duplicate
    // ids, and several blocks per thread.
    let o = museum(&[
        "synth",
        "--victims",
        "4000",
        "--seed",
        "7",
        "--defects",
        "0.05",
        "--with-archive",
        "--out",
        s(&dir),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let (inputs, _) = dataset_files(&dir).unwrap();
    assert!(inputs.len() >= 4, "{inputs:?}");
    let report = validate_files(&inputs, &ValidateOptions::default()).unwrap();
    assert!(report.findings.len() > 100, "{}", report.findings.len());

    let json = serde_json::to_string_pretty(&report.to_json()).unwrap() + "\n";
    let jsonl: String = report
        .findings
        .iter()
        .map(|d| serde_json::to_string(&Finding::from(d)).unwrap() + "\n")
        .collect();
    for threads in [1, 3] {
        assert!(
            validate(&dir, "json", threads) == json.as_bytes(),
            "--format json, {threads} threads"
        );
        assert!(
            validate(&dir, "jsonl", threads) == jsonl.as_bytes(),
            "--format jsonl, {threads} threads"
        );
    }

    // Human: one line per finding (its location, severity, code and message first), hints
    // below, the counts last.
    let human = String::from_utf8(validate(&dir, "human", 1)).unwrap();
    assert_eq!(human.as_bytes(), validate(&dir, "human", 3));
    let lines: Vec<&str> = human
        .lines()
        .filter(|l| !l.starts_with("  hint: "))
        .collect();
    assert_eq!(lines.len(), report.findings.len() + 1);
    for (line, d) in lines.iter().zip(&report.findings) {
        assert!(line.starts_with(&d.to_string()), "{line}\n{d}");
    }
    let s = report.summary();
    assert!(lines[lines.len() - 1].starts_with(&format!("{} errors, ", s.errors)));

    // No finding: an empty list, as serde writes it.
    let clean = tmp.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    std::fs::write(clean.join("sources.csv"), "id,title\nsrc-1,Книга памяти\n").unwrap();
    let (inputs, _) = dataset_files(&clean).unwrap();
    let report = validate_files(&inputs, &ValidateOptions::default()).unwrap();
    let json = serde_json::to_string_pretty(&report.to_json()).unwrap() + "\n";
    assert_eq!(
        String::from_utf8(validate(&clean, "json", 2)).unwrap(),
        json
    );
}
