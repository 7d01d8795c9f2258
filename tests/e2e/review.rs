//! `museum review` and `museum decide --import`: the historian's review loop (issue 17).

use std::collections::HashSet;
use std::path::Path;

use crate::util::{code, museum, python_with, stderr, stdout};

/// A synthetic list (`victims.csv`, `truth.csv`) in a temporary directory.
fn synth_list(victims: &str, seed: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().to_str().unwrap();
    let o = museum(&["synth", "--victims", victims, "--seed", seed, "--out", out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    tmp
}

/// Pairwise F1 of `museum dedup` against the truth.
fn pairwise_f1(dir: &Path) -> f64 {
    let d = dir.to_str().unwrap();
    let t = dir.join("truth.csv");
    let o = museum(&[
        "dedup",
        d,
        "--truth",
        t.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    json["evaluation"]["pairwise"]["f1"].as_f64().unwrap()
}

/// The unordered pairs of a review CSV.
fn csv_pairs(text: &str) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    assert_eq!(&h[0], "record_a");
    assert_eq!(&h[1], "record_b");
    assert_eq!(
        h.iter().rev().take(3).collect::<Vec<_>>(),
        ["why", "who", "decision"]
    );
    r.records()
        .map(|row| {
            let row = row.unwrap();
            let (a, b) = (row[0].to_owned(), row[1].to_owned());
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect()
}

/// Opens the workbook with openpyxl, checks its shape, fills `decision` and `who` from the
/// truth and saves it as `filled`. Returns what openpyxl saw.
fn fill_with_openpyxl(sheet: &Path, filled: &Path, truth: &Path) -> serde_json::Value {
    let py = python_with(&["openpyxl==3.1.5"]);
    let script = r#"
import csv, json, sys
import openpyxl
src, dst, truth_path = sys.argv[1:4]
truth = {r["record_id"]: r["person_id"] for r in csv.DictReader(open(truth_path, encoding="utf-8"))}
wb = openpyxl.load_workbook(src)
ws = wb["review"]
header = [c.value for c in ws[1]]
col = {name: i for i, name in enumerate(header)}
validations = [
    {"type": dv.type, "formula1": dv.formula1, "sqref": str(dv.sqref)}
    for dv in ws.data_validations.dataValidation
]
rows = 0
wrapped = True
for row in ws.iter_rows(min_row=2):
    a, b = row[col["record_a"]].value, row[col["record_b"]].value
    if a is None:
        continue
    rows += 1
    wrapped = wrapped and bool(row[col["evidence"]].alignment.wrap_text)
    row[col["decision"]].value = "same" if truth[a] == truth[b] else "different"
    row[col["who"]].value = "truth.csv"
    row[col["why"]].value = "filled by the test from the synthetic truth"
wb.save(dst)
print(json.dumps({
    "header": header,
    "freeze": ws.freeze_panes,
    "validations": validations,
    "rows": rows,
    "wrapped": wrapped,
    "evidence_width": ws.column_dimensions["S"].width,
    "first_probability": ws.cell(row=2, column=col["probability"] + 1).value,
    "first_evidence": ws.cell(row=2, column=col["evidence"] + 1).value,
}))
"#;
    let o = std::process::Command::new(py)
        .arg("-c")
        .arg(script)
        .args([sheet, filled, truth])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_review_loop_improves_dedup_and_never_repeats_a_decided_pair() {
    let tmp = synth_list("3000", "17");
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let decisions = dir.join("decisions.csv");
    let before = pairwise_f1(dir);

    // The sheet, as a spreadsheet user gets it.
    let xlsx = dir.join("review.xlsx");
    let o = museum(&["review", d, "-o", xlsx.to_str().unwrap(), "--limit", "150"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 150 pair(s)"), "{}", stderr(&o));
    let filled = dir.join("filled.xlsx");
    let seen = fill_with_openpyxl(&xlsx, &filled, &dir.join("truth.csv"));
    let header: Vec<&str> = seen["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(header, museum_core::review::COLUMNS);
    assert_eq!(seen["freeze"], "C2");
    assert_eq!(seen["rows"], 150);
    assert_eq!(seen["wrapped"], true);
    assert!(seen["evidence_width"].as_f64().unwrap() > 60.0);
    let p = seen["first_probability"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    assert!(
        seen["first_evidence"].as_str().unwrap().contains("surname"),
        "{seen}"
    );
    let dv = &seen["validations"].as_array().unwrap()[0];
    assert_eq!(dv["type"], "list");
    assert_eq!(dv["formula1"], "\"same,different,unsure\"");
    assert!(dv["sqref"].as_str().unwrap().starts_with("T2:T"), "{dv}");

    // The filled sheet back, all at once.
    let o = museum(&[
        "decide",
        "--import",
        filled.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
        "--when",
        "2026-12-06",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("imported 150 decision(s)"),
        "{}",
        stderr(&o)
    );
    let (recorded, problems) = museum_core::dedup::read_decisions(&decisions).unwrap();
    assert!(problems.is_empty());
    assert_eq!(recorded.len(), 150);
    assert!(recorded.iter().all(|r| r.who == "truth.csv"));
    let after = pairwise_f1(dir);
    assert!(after > before, "pairwise F1 {before} → {after}");

    // The next sheet goes on where this one stopped, and the progress is counted.
    let o = museum(&["review", d, "--limit", "150"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let decided: HashSet<(String, String)> = recorded
        .iter()
        .map(|r| {
            let (a, b) = (r.record_a.clone(), r.record_b.clone());
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    let next = csv_pairs(&stdout(&o));
    assert!(!next.is_empty());
    assert!(next.iter().all(|p| !decided.contains(p)));
    let o = museum(&["review", d, "--stats", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(stats["stats"]["decided"], 150);
    assert!(stats["stats"]["remaining"].as_u64().unwrap() > 0);

    // Importing the same sheet again adds nothing.
    let o = museum(&[
        "decide",
        "--import",
        filled.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("(150 already there)"), "{}", stderr(&o));
}

#[test]
fn a_bad_sheet_is_refused_whole_with_its_rows() {
    let tmp = synth_list("400", "3");
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let decisions = dir.join("decisions.csv");
    let o = museum(&["review", d, "-o", dir.join("review.csv").to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.join("review.csv")).unwrap();
    let pairs = csv_pairs(&text);
    assert!(pairs.len() >= 3, "{text}");
    // One decision recorded already, which the sheet will contradict.
    let (a0, b0) = &pairs[0];
    let o = museum(&[
        "decide",
        a0,
        b0,
        "same",
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = std::fs::read_to_string(&decisions).unwrap();
    let (a1, b1) = &pairs[1];
    let (a2, b2) = &pairs[2];
    let sheet = dir.join("filled.csv");
    std::fs::write(
        &sheet,
        format!(
            "record_a,record_b,probability,decision,who,why\n\
             {a0},{b0},0.9,different,me,\n\
             {a1},{b1},0.9,same,me,\n\
             {a2},{b2},0.9,maybe,me,\n\
             {a1},no-such-id,0.9,same,me,\n\
             {a2},{b2},0.9,,,\n"
        ),
    )
    .unwrap();
    let o = museum(&[
        "decide",
        "--import",
        sheet.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("line 4, column `decision`: `maybe` is not"),
        "{err}"
    );
    assert!(
        err.contains("line 5, column `record_b`: no record has the id `no-such-id`"),
        "{err}"
    );
    assert!(err.contains("nothing imported"), "{err}");
    assert_eq!(std::fs::read_to_string(&decisions).unwrap(), before);

    // The contradiction with the recorded decision, once the other rows are fixed.
    std::fs::write(
        &sheet,
        format!(
            "record_a,record_b,decision\n{a1},{b1},same\n{b0},{a0},different\n{a2},{b2},unsure\n"
        ),
    )
    .unwrap();
    let o = museum(&[
        "decide",
        "--import",
        sheet.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("line 3, column `decision`: `different` contradicts"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&decisions).unwrap(), before);

    // Fixed: imported, the unsure row left for later.
    std::fs::write(
        &sheet,
        format!("record_a,record_b,decision\n{a1},{b1},same\n{a2},{b2},unsure\n"),
    )
    .unwrap();
    let o = museum(&[
        "decide",
        "--import",
        sheet.to_str().unwrap(),
        "--decisions",
        decisions.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("imported 1 decision(s)")
            && stderr(&o).contains("1 row(s) marked unsure"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_sheet_is_the_same_bytes_every_time() {
    let tmp = synth_list("400", "9");
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let (x1, x2) = (dir.join("a.xlsx"), dir.join("b.xlsx"));
    for (x, threads) in [(&x1, "1"), (&x2, "2")] {
        let o = museum(&["review", d, "-o", x.to_str().unwrap(), "--threads", threads]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(&x1).unwrap(), std::fs::read(&x2).unwrap());
    let o = museum(&["review", d, "-o", dir.join("r.ods").to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("`.xlsx` or `.csv`"), "{}", stderr(&o));
}

#[test]
fn dedup_says_how_decisions_moved_the_weights_and_which_pairs_changed_side() {
    let tmp = synth_list("2000", "23");
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    // The uncertain pairs of a review sheet, decided from the truth.
    let o = museum(&["review", d, "--limit", "40"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pairs = csv_pairs(&stdout(&o));
    assert!(pairs.len() >= 10, "{}", stdout(&o));
    let mut truth = std::collections::HashMap::new();
    let mut r = csv::Reader::from_path(dir.join("truth.csv")).unwrap();
    for row in r.records() {
        let row = row.unwrap();
        truth.insert(row[0].to_owned(), row[1].to_owned());
    }
    let mut text = String::from("record_a,record_b,decision,who,when,why\n");
    for (a, b) in &pairs {
        let word = if truth[a] == truth[b] {
            "same"
        } else {
            "different"
        };
        text.push_str(&format!("{a},{b},{word},truth.csv,2026-12-06,\n"));
    }
    std::fs::write(dir.join("decisions.csv"), text).unwrap();

    let o = museum(&["dedup", d, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let effect = &json["decisions_effect"];
    let weights = effect["weights"]
        .as_array()
        .expect("decisions_effect.weights");
    assert!(!weights.is_empty(), "{effect}");
    for w in weights {
        let (before, after) = (w["before"].as_f64().unwrap(), w["after"].as_f64().unwrap());
        assert!((before - after).abs() > 0.01, "{w}");
        assert!(w["field"].is_string() && w["level"].is_string(), "{w}");
    }
    let linked = effect["now_linked"].as_u64().unwrap();
    let apart = effect["now_apart"].as_u64().unwrap();
    // The same numbers in words, after the clusters.
    let o = museum(&["dedup", d]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let para = out
        .lines()
        .find(|l| l.starts_with("decisions as labels ("))
        .unwrap_or_else(|| panic!("no paragraph on the decisions: {out}"));
    assert!(para.contains("weights moved: "), "{para}");
    assert!(
        para.contains(&format!(
            "{} other pair(s) changed side: {linked} now linked, {apart} now apart",
            linked + apart
        )),
        "{para}"
    );
    // Without decisions there is nothing to measure.
    let o = museum(&["dedup", d, "--no-decisions", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(json.get("decisions_effect").is_none());
}

#[test]
fn the_report_counts_the_reviewed_and_the_remaining_pairs_as_review_stats_does() {
    let tmp = synth_list("600", "31");
    let dir = tmp.path();
    let d = dir.to_str().unwrap();
    let o = museum(&["review", d, "--limit", "12"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pairs = csv_pairs(&stdout(&o));
    assert_eq!(pairs.len(), 12, "{}", stdout(&o));
    let mut text = String::from("record_a,record_b,decision,who,when,why\n");
    for (k, (a, b)) in pairs.iter().enumerate() {
        let word = if k % 2 == 0 { "same" } else { "different" };
        text.push_str(&format!("{a},{b},{word},test,2026-12-06,\n"));
    }
    std::fs::write(dir.join("decisions.csv"), text).unwrap();
    let o = museum(&["review", d, "--stats", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let stats: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stats = &stats["stats"];
    assert_eq!(stats["decided"], 12);

    let o = museum(&["report", d, "--format", "json", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let review = &json["dedup"]["review"];
    for key in [
        "decided",
        "remaining",
        "near_threshold",
        "holding_clusters",
        "refused_merges",
    ] {
        assert_eq!(review[key], stats[key], "{key}: {review} vs {stats}");
    }
    let remaining = stats["remaining"].as_u64().unwrap();
    let o = museum(&["report", d, "--format", "md", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    let words = format!("Review: 12 pairs decided by a person; {remaining} uncertain pair");
    let dups = md
        .find("## Suspected duplicates")
        .expect("duplicates section");
    let at = md
        .find(&words)
        .unwrap_or_else(|| panic!("no `{words}` in {md}"));
    assert!(at > dups, "the review line is in the duplicates section");
    let html = dir.join("report.html");
    let o = museum(&["report", d, "-o", html.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(r#"<p class="review">Review: 12 pairs decided"#));
    // Skipped deduplication says nothing about the review.
    let o = museum(&["report", d, "--no-dedup", "--format", "json", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(json["dedup"].get("review").is_none());
}
