//! Determinism: the same input and options give byte-identical outputs for validate, dedup,
//! stats, report and export, with one worker thread or several (`MUSEUM_THREADS`, `--threads`,
//! and polars' `POLARS_MAX_THREADS`), and from one run to the next.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{code, museum, stderr};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A synthetic archive (3,000 records: large enough that dedup samples random pairs and the
/// readers use several blocks) with planted defects, so there are findings to order.
fn archive(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    let o = museum(&[
        "synth",
        "--victims",
        "3000",
        "--seed",
        "21",
        "--defects",
        "0.03",
        "--with-archive",
        "--out",
        s(&input),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    input
}

/// Runs `museum` with `threads` worker threads everywhere; returns stdout, and the bytes of
/// `file` (relative to `out`) when given.
fn run(threads: usize, args: &[&str], out: &Path, files: &[&str]) -> Vec<Vec<u8>> {
    let t = threads.to_string();
    let o = Command::new(env!("CARGO_BIN_EXE_museum"))
        .args(args)
        .env("MUSEUM_THREADS", &t)
        .env("POLARS_MAX_THREADS", &t)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        code(&o) <= 1,
        "{args:?} with {threads} threads: {}",
        stderr(&o)
    );
    let mut outputs = vec![o.stdout];
    for f in files {
        let p = out.join(f);
        outputs.push(std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
        if p.is_file() {
            std::fs::remove_file(&p).unwrap();
        }
    }
    outputs
}

/// The outputs of `args` with 1 thread, 4 threads, and 4 threads again are byte-identical.
fn same_with_any_threads(args: &[&str], out: &Path, files: &[&str]) -> Vec<Vec<u8>> {
    let one = run(1, args, out, files);
    let four = run(4, args, out, files);
    let again = run(4, args, out, files);
    for (i, what) in std::iter::once("stdout")
        .chain(files.iter().copied())
        .enumerate()
    {
        assert!(
            one[i] == four[i],
            "{args:?}: {what} differs between 1 and 4 threads"
        );
        assert!(
            four[i] == again[i],
            "{args:?}: {what} differs between two runs"
        );
    }
    one
}

#[test]
fn validate_and_dedup_outputs_do_not_depend_on_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = archive(tmp.path());
    let i = s(&input);
    let out = tmp.path();
    let v = same_with_any_threads(&["validate", i, "--format", "json"], out, &[]);
    let findings = String::from_utf8_lossy(&v[0]);
    assert!(findings.contains("\"code\": \"M"), "{findings}");
    same_with_any_threads(&["validate", i, "--format", "human", "-j", "3"], out, &[]);

    let clusters = out.join("clusters.csv");
    let d = same_with_any_threads(
        &["dedup", i, "--format", "csv", "-o", s(&clusters)],
        out,
        &["clusters.csv"],
    );
    // Real clusters of duplicates, not an empty file.
    let csv = String::from_utf8_lossy(&d[1]);
    assert!(csv.lines().count() > 3000, "{}", &csv[..csv.len().min(500)]);
    assert!(
        csv.lines()
            .skip(1)
            .any(|l| l.split(',').nth(2) == Some("2")),
        "no cluster of two"
    );
    let d = same_with_any_threads(&["dedup", i, "--format", "json"], out, &[]);
    assert!(String::from_utf8_lossy(&d[0]).contains("\"lambda\""));
    same_with_any_threads(&["dedup", i], out, &[]);
    // `--threads` (the option) against the environment variable.
    let a = run(
        1,
        &["dedup", i, "--format", "json", "--threads", "1"],
        out,
        &[],
    );
    let b = run(
        1,
        &["dedup", i, "--format", "json", "--threads", "3"],
        out,
        &[],
    );
    assert!(a == b, "dedup --threads 1 and --threads 3 differ");
}

#[cfg(feature = "stats")]
#[test]
fn stats_and_report_outputs_do_not_depend_on_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = archive(tmp.path());
    let i = s(&input);
    let out = tmp.path();
    same_with_any_threads(&["stats", i, "--format", "json"], out, &[]);
    same_with_any_threads(
        &[
            "stats",
            i,
            "--by",
            "arrest_year,sentence_kind",
            "--format",
            "csv",
        ],
        out,
        &[],
    );
    for name in ["report.html", "report.md", "report.json"] {
        let r = same_with_any_threads(&["report", i, "-o", s(&out.join(name))], out, &[name]);
        assert!(r[1].len() > 1000, "{name} is too small");
    }
}

#[test]
fn export_outputs_do_not_depend_on_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let input = archive(tmp.path());
    let i = s(&input);
    let out = tmp.path();
    same_with_any_threads(
        // A fixed `--as-of`: masking counts back from it (today by default).
        &[
            "export",
            i,
            "--allow-errors",
            "--as-of",
            "2026-11-25",
            "-o",
            s(&out.join("a.json")),
        ],
        out,
        &["a.json"],
    );
    for format in ["jsonl", "datapackage"] {
        let dir = out.join(format);
        let files = if format == "jsonl" {
            vec![
                "victims.jsonl",
                "manifest.json",
                "sources.jsonl",
                "camps.jsonl",
            ]
        } else {
            vec!["victims.csv", "datapackage.json"]
        };
        let mut runs = Vec::new();
        for threads in [1, 4, 4] {
            runs.push(run(
                threads,
                &[
                    "export",
                    i,
                    "--allow-errors",
                    "--as-of",
                    "2026-11-25",
                    "--format",
                    format,
                    "-o",
                    s(&dir),
                ],
                &dir,
                &files,
            ));
            std::fs::remove_dir_all(&dir).unwrap();
        }
        assert!(runs[0] == runs[1] && runs[1] == runs[2], "{format} differs");
    }
}
