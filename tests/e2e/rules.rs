//! `museum rules`, and every rule code against its fixtures: each code has a fixture under
//! `tests/fixtures/rules/` (`<CODE>_<case>.csv`, `.jsonl`, or a directory of files) that
//! triggers it, and the clean dataset in `tests/fixtures/valid/` triggers nothing.

use museum_core::Code;
use serde_json::Value;

use crate::util::{code, codes, fixture, kind_args, museum, stderr, stdout, validate_json};

/// The table-driven test: one row per code, each row every fixture named after the code.
#[test]
fn every_code_has_a_fixture_that_triggers_it() {
    let dir = fixture("rules");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut problems = Vec::new();
    for c in Code::ALL {
        let prefix = format!("{}_", c.id());
        let fixtures: Vec<&String> = names.iter().filter(|n| n.starts_with(&prefix)).collect();
        if fixtures.is_empty() {
            problems.push(format!(
                "{} ({}) has no fixture `tests/fixtures/rules/{prefix}<case>.csv`",
                c.id(),
                c.name()
            ));
        }
        for name in fixtures {
            let path = dir.join(name);
            let p = path.to_str().unwrap();
            let mut args = vec![p, "--fail-on", "never"];
            args.extend(kind_args(&path));
            let (exit, v, err) = validate_json(&args);
            assert_eq!(exit, 0, "{name}: {err}");
            assert!(!err.contains("panicked"), "{name}: {err}");
            if !codes(&v).iter().any(|x| x == c.id()) {
                problems.push(format!(
                    "{name} does not trigger {}; it gives {:?}",
                    c.id(),
                    codes(&v)
                ));
            }
        }
    }
    for name in &names {
        let known = Code::ALL
            .iter()
            .any(|c| name.starts_with(&format!("{}_", c.id())));
        if !known {
            problems.push(format!("{name} is not named after a code"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The clean dataset (every kind, every column, cross-file references, a victim with two
/// cases, a figure linked both ways) gives no finding at all, not even an info.
#[test]
fn clean_fixtures_trigger_nothing() {
    let dir = fixture("valid");
    let (exit, v, err) = validate_json(&[dir.to_str().unwrap(), "--fail-on", "info"]);
    assert_eq!(v["findings"], Value::Array(Vec::new()), "{v:#}\n{err}");
    assert_eq!(exit, 0);
    assert_eq!(v["summary"]["files"], 7);
    assert_eq!(v["summary"]["records"], 14);
    // Each file alone is clean too.
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let (exit, v, _) = validate_json(&[p.to_str().unwrap(), "--fail-on", "info"]);
        assert_eq!(exit, 0, "{}: {v:#}", p.display());
    }
}

#[test]
fn rules_lists_every_code() {
    let o = museum(&["rules"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), Code::ALL.len());
    assert!(
        out.lines()
            .any(|l| l.starts_with("M302  sentence-before-arrest ")
                && l.contains("  error  ")
                && l.ends_with("the sentence date precedes the arrest date")),
        "{out}"
    );
    let o = museum(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), Code::ALL.len());
    assert_eq!(items[0]["code"], "M101");
    assert_eq!(items[0]["name"], "missing-column");
    assert_eq!(items[0]["severity"], "error");
    assert!(items[0]["summary"].is_string());
}

#[test]
fn rules_explains_one_code_by_id_or_name() {
    for key in ["M210", "mixed-script", "m210"] {
        let o = museum(&["rules", key]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.starts_with("M210 mixed-script (warning)\n"), "{out}");
        for h in ["## What it checks", "## Why it matters", "## Example"] {
            assert!(out.contains(h), "{out}");
        }
    }
    let o = museum(&["rules", "M302", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["name"], "sentence-before-arrest");
    assert!(v["docs"].as_str().unwrap().contains("## Example"));
    let o = museum(&["rules", "M999"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).starts_with("error: unknown rule `M999`"),
        "{}",
        stderr(&o)
    );
}
