//! `museum validate`: the human, JSON, JSON Lines and GitHub outputs, exit codes, rule
//! selection, `museum.toml`, masking, whole directories, and bad input of every kind.

use std::path::Path;

use serde_json::Value;

use crate::util::{code, codes, fixture, museum, museum_in, stderr, stdout, validate_json};

/// Runs `museum validate` on a fixture and returns (exit code, stdout with the fixture
/// directory shortened to `rules/`).
fn human(rel: &str, extra: &[&str]) -> (i32, String) {
    let path = fixture(rel);
    let mut args = vec!["validate", path.to_str().unwrap()];
    args.extend(crate::util::kind_args(&path));
    args.extend_from_slice(extra);
    let o = museum(&args);
    let base = format!("{}/", crate::util::root().join("tests/fixtures").display());
    (code(&o), stdout(&o).replace(&base, ""))
}

/// A list with Russian headers and archival values reads without loss: the JSON output has no
/// errors, and the unknown column is reported as info and carried through.
#[test]
fn russian_headers_read_cleanly() {
    let path = fixture("validate/russian_headers.csv");
    let (exit, v, err) = validate_json(&[path.to_str().unwrap(), "--kind", "victims"]);
    assert_eq!(exit, 0, "{v:#}{err}");
    assert_eq!(v["summary"]["errors"], 0, "{v:#}");
    assert_eq!(v["summary"]["records"], 2);
    let f = &v["findings"][0];
    assert_eq!(f["code"], "M103");
    assert_eq!(f["field"], "Примечание архива");
    assert_eq!(f["line"], 1);
}

/// Exact human output for representative rules: `file:line:field: severity[code] message`,
/// the value, a `hint:` line, and the summary.
#[test]
fn human_output_exact_lines() {
    let (exit, out) = human("rules/M302_sentence_before_arrest.csv", &[]);
    assert_eq!(exit, 1);
    assert_eq!(
        out,
        "rules/M302_sentence_before_arrest.csv:2:sentence_date: error[M302] sentence date precedes the arrest date: `arrest_date 1937-11-02, sentence_date 1937-10-25`\n  \
         hint: check `arrest_date` and `sentence_date` in the source; do not guess a correction\n\
         1 error, 0 warnings, 0 infos in 1 file (1 records)\n"
    );
    let (_, out) = human("rules/M209_zero_width_space.csv", &[]);
    assert_eq!(
        out,
        "rules/M209_zero_width_space.csv:2:surname: error[M209] contains U+200B ZERO WIDTH SPACE (invisible) at character 4: `Май\\u{200b}лин`\n  \
         hint: remove it: `Майлин`\n\
         1 error, 0 warnings, 0 infos in 1 file (1 records)\n"
    );
    let (_, out) = human("rules/M401_duplicate_id.csv", &[]);
    assert!(
        out.starts_with(
            "rules/M401_duplicate_id.csv:3:id: error[M401] id `v1` is used by an earlier record: `v1`\n"
        ),
        "{out}"
    );
    let (_, out) = human("rules/M111_unterminated_quote.csv", &["--select", "M111"]);
    assert_eq!(
        out,
        "rules/M111_unterminated_quote.csv:2:notes: error[M111] the quote opened on line 2 is never closed: `notes` runs to the end of the file (3 lines)\n  \
         hint: close the quote, or write a literal quote inside a quoted field twice (`\"\"`)\n\
         1 error, 0 warnings, 0 infos in 1 file (1 records)\n"
    );
    let (exit, out) = human("rules/M309_camp_not_open_yet", &[]);
    assert_eq!(exit, 1);
    assert_eq!(
        out,
        "rules/M309_camp_not_open_yet/victims.csv:2:camp_arrival_date: error[M309] `camp-alzhir` was not operating yet: the arrival predates its opening (1938-01): `1936-05-10`\n  \
         hint: check `camp_id` and `camp_arrival_date`, and the camp's `opened`/`closed` in camps.csv\n\
         1 error, 0 warnings, 0 infos in 2 files (2 records)\n"
    );
}

#[test]
fn findings_name_file_line_and_field_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(&p, "id,surname,given_name,birth_date,sex,sentence,execution_date,source_ids\nv1,Майлин,Беимбет,1894-11-15,m,ВМН,1938-02-26,s1\nv2,Майлин,Б.,1894-13-01,зз,нечто,,s1\n").unwrap();
    let o = museum(&["validate", p.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let out = stdout(&o);
    let file = p.display().to_string();
    assert!(
        out.contains(&format!(
            "{file}:3:birth_date: error[M202] `birth_date`: month 13 does not exist: `1894-13-01`"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{file}:3:sex: warning[M203] sex value is not in the vocabulary: `зз`"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{file}:3:sentence: warning[M204]")),
        "{out}"
    );
    assert!(
        out.ends_with("1 error, 2 warnings, 0 infos in 1 file (2 records)\n"),
        "{out}"
    );
    // Warnings alone do not fail unless asked.
    std::fs::write(
        &p,
        "id,surname,sex,birth_date,source_ids\nv1,Майлин,зз,1894,s1\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["validate", p.to_str().unwrap()];
        args.extend_from_slice(extra);
        code(&museum(&args))
    };
    assert_eq!(run(&[]), 0);
    assert_eq!(run(&["--fail-on", "warning"]), 1);
    assert_eq!(run(&["--fail-on", "info"]), 1);
    std::fs::write(&p, "id,surname,birth_date,source_ids\nv1,Майлин ,1894,s1\n").unwrap();
    assert_eq!(
        run(&["--fail-on", "warning"]),
        0,
        "an info does not fail on warnings"
    );
    assert_eq!(run(&["--fail-on", "info"]), 1);
    std::fs::write(
        &p,
        "id,surname,birth_date,source_ids\nv1,Майлин,1894-02-30,s1\n",
    )
    .unwrap();
    assert_eq!(run(&["--fail-on", "never"]), 0);
}

/// The JSON document keeps the documented flat shape.
#[test]
fn json_shape_is_stable() {
    let path = fixture("rules/M302_sentence_before_arrest.csv");
    let (exit, v, _) = validate_json(&[path.to_str().unwrap(), "--kind", "victims"]);
    assert_eq!(exit, 1);
    let f = v["findings"][0].as_object().unwrap();
    let keys: Vec<&str> = f.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "code",
            "name",
            "severity",
            "message",
            "file",
            "line",
            "record_id",
            "field",
            "value",
            "help"
        ]
    );
    assert_eq!(f["code"], "M302");
    assert_eq!(f["name"], "sentence-before-arrest");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["line"], 2);
    assert_eq!(f["record_id"], "v1");
    assert_eq!(f["field"], "sentence_date");
    let s = v["summary"].as_object().unwrap();
    let keys: Vec<&str> = s.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["files", "records", "errors", "warnings", "infos", "by_code"]
    );
    assert_eq!(v["summary"]["by_code"]["M302"], 1);
    // A duplicate names the other record.
    let path = fixture("rules/M401_duplicate_id.csv");
    let (_, v, _) = validate_json(&[path.to_str().unwrap(), "--kind", "victims"]);
    let dup = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "M401")
        .unwrap();
    assert_eq!(dup["related"][0]["line"], 2);
}

#[test]
fn jsonl_and_github_formats() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(
        &p,
        "id,surname,birth_date,source_ids\nv1,A,1937-02-30,s1\nv1,B,1937,s1\n",
    )
    .unwrap();
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
        out.contains(",line=2,title=M202 impossible-date::birth_date: "),
        "{out}"
    );
}

#[test]
fn select_and_ignore_take_ids_names_and_prefixes() {
    let dir = fixture("rules/M216_arrest_in_1837.csv");
    let p = dir.to_str().unwrap();
    let (_, v, _) = validate_json(&[p, "--kind", "victims"]);
    assert_eq!(codes(&v), ["M216", "M301"]);
    let (_, v, _) = validate_json(&[p, "--kind", "victims", "--select", "M3"]);
    assert_eq!(codes(&v), ["M301"]);
    let (_, v, _) = validate_json(&[p, "--kind", "victims", "--ignore", "date-out-of-range"]);
    assert_eq!(codes(&v), ["M301"]);
    let (exit, v, _) = validate_json(&[p, "--kind", "victims", "--ignore", "M2,M301"]);
    assert_eq!((exit, codes(&v).len()), (0, 0));
    let o = museum(&["validate", p, "--kind", "victims", "--select", "M77"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown rule `M77`"), "{}", stderr(&o));
}

/// `museum.toml` next to the data sets severities, ignored codes and thresholds; `--config`
/// points elsewhere; a broken configuration cannot run.
#[test]
fn museum_toml_configures_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let data = "id,surname,birth_date,arrest_date,source_ids\nv1,Майлин ,1922,1937-08-02,s1\n";
    std::fs::write(dir.path().join("victims.csv"), data).unwrap();
    let d = dir.path().to_str().unwrap();
    let (exit, v, _) = validate_json(&[d]);
    assert_eq!(exit, 0);
    assert_eq!(codes(&v), ["M211"]);
    std::fs::write(
        dir.path().join("museum.toml"),
        "ignore = [\"stray-whitespace\"]\n[severity]\nimplausible-age = \"error\"\n[limits]\nwarn_min_age = 16\n",
    )
    .unwrap();
    let (exit, v, _) = validate_json(&[d]);
    assert_eq!(codes(&v), ["M212"], "{v:#}");
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(exit, 1);
    // The file's directory is looked up too.
    let file = dir.path().join("victims.csv");
    let (_, v, _) = validate_json(&[file.to_str().unwrap()]);
    assert_eq!(codes(&v), ["M212"]);
    // `--config` overrides it.
    let other = tempfile::tempdir().unwrap();
    let cfg = other.path().join("strict.toml");
    std::fs::write(&cfg, "[severity]\nM211 = \"error\"\n").unwrap();
    let (exit, v, _) = validate_json(&[d, "--config", cfg.to_str().unwrap()]);
    assert_eq!((exit, codes(&v)), (1, vec!["M211".to_owned()]));
    assert_eq!(v["findings"][0]["severity"], "error");
    // One `museum.toml` serves validate and export: the `[export.redact]` section is export's.
    std::fs::write(
        dir.path().join("museum.toml"),
        "ignore = [\"stray-whitespace\"]\n[export.redact]\ndrop = [\"notes\"]\n",
    )
    .unwrap();
    let (exit, v, err) = validate_json(&[d]);
    assert_eq!((exit, codes(&v)), (0, Vec::<String>::new()), "{err}");
    // Errors in the configuration name the file and stop the run.
    std::fs::write(dir.path().join("museum.toml"), "[limits]\nmin_agee = 3\n").unwrap();
    let o = museum(&["validate", d]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("museum.toml") && err.contains("min_agee"),
        "{err}"
    );
    let o = museum(&["validate", d, "--config", "/nonexistent/museum.toml"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn mask_values_hides_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(
        &p,
        "id,surname,birth_date,arrest_date,charge,source_ids\nv1,Aхметов,1938,1937-08-02,58--10,s1\n",
    )
    .unwrap();
    let (_, v, _) = validate_json(&[p.to_str().unwrap(), "--mask-values"]);
    let text = v.to_string();
    for secret in ["Aхметов", "Ахметов", "1938", "1937"] {
        assert!(!text.contains(secret), "`{secret}` leaked: {v:#}");
    }
    let by_code = |c: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == c)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_code("M210")["value"], "***");
    assert_eq!(by_code("M301")["value"], "***");
    // The charge is not personal: shown.
    assert_eq!(by_code("M208")["value"], "58--10");
    let (_, v, _) = validate_json(&[p.to_str().unwrap()]);
    assert!(v.to_string().contains("Aхметов"));
}

/// A directory is validated as one archive: references between its files are checked.
#[test]
fn directory_validation_checks_references_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let valid = fixture("valid");
    for e in std::fs::read_dir(&valid).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let victims = dir.path().join("victims.csv");
    let text = std::fs::read_to_string(&victims)
        .unwrap()
        .replace(",camp-b,", ",camp-c,")
        .replace("fig-test,src-synthetic", "fig-nobody,src-synthetic");
    std::fs::write(&victims, text).unwrap();
    std::fs::write(dir.path().join("notes.csv"), "a\n1\n").unwrap();
    let o = museum(&["validate", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("skipped") && stderr(&o).contains("notes.csv"),
        "{}",
        stderr(&o)
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let msgs: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["code"], f["field"], f["value"]))
        .collect();
    assert!(
        msgs.contains(&"\"M402\" \"camp_id\" \"camp-c\"".to_owned()),
        "{msgs:#?}"
    );
    assert!(
        msgs.contains(&"\"M402\" \"figure_id\" \"fig-nobody\"".to_owned()),
        "{msgs:#?}"
    );
    // The figure still points at the victim, whose `figure_id` now names another figure.
    assert!(msgs.iter().any(|m| m.starts_with("\"M403\"")), "{msgs:#?}");
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

/// Every file of the malformed corpus gets clear findings naming the file, exit 1 (or 0 for
/// the valid oddities: BOM, CRLF, `;` and tab delimiters, multi-line fields; and for the files
/// in another encoding, `decoded_*`, with the one finding that says which), and no panic.
#[test]
fn malformed_corpus_never_crashes() {
    let dir = fixture("malformed");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 25);
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let p = path.to_str().unwrap();
        let (exit, v, err) = validate_json(&[p, "--kind", "victims", "--fail-on", "warning"]);
        assert!(!err.contains("panicked"), "{name}: {err}");
        let findings = v["findings"].as_array().unwrap();
        if name.starts_with("decoded_") {
            assert!(exit < 2, "{name}: {err}");
            assert_eq!(v["summary"]["errors"], 0, "{name} should be decoded: {v:#}");
            assert!(
                crate::util::codes(&v).contains(&"M114".to_owned()),
                "{name}: {v:#}"
            );
            assert!(v["summary"]["records"].as_u64().unwrap() >= 1, "{name}");
        } else if name.starts_with("ok") {
            assert_eq!(exit, 0, "{name} should read cleanly: {v:#}");
            assert!(findings.is_empty(), "{name}: {v:#}");
            assert!(v["summary"]["records"].as_u64().unwrap() >= 1, "{name}");
        } else {
            assert!(exit == 1 || exit == 2, "{name}: exit {exit}: {v:#}");
            assert!(!findings.is_empty(), "{name}: no finding");
            for f in findings {
                assert_eq!(f["file"], p, "{name}: {f}");
                assert!(!f["message"].as_str().unwrap().is_empty());
            }
        }
        // The human output names the file on every finding line.
        let o = museum(&["validate", p, "--kind", "victims"]);
        for line in stdout(&o).lines() {
            assert!(
                line.starts_with(p)
                    || line.starts_with("  hint: ")
                    || line.contains(" in 1 file ("),
                "{name}: {line}"
            );
        }
    }
}

/// A 5 MB field (generated, not committed) is a finding with file, line and field, never a
/// crash; `max_field_size` in `museum.toml` admits it.
#[test]
fn five_megabyte_field_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    let mut text = String::from(
        "id,surname,birth_date,notes,source_ids\nv1,Майлин,1894,short,s1\nv2,Шанин,1892,\"",
    );
    text.push_str("пять мегабайт ".repeat(5 * 1024 * 1024 / 26).trim_end());
    text.push_str("\",s1\nv3,Сейфуллин,1894,ok,s1\n");
    std::fs::write(&p, text).unwrap();
    let (exit, v, err) = validate_json(&[p.to_str().unwrap()]);
    assert_eq!(exit, 1, "{err}");
    assert_eq!(codes(&v), ["M112"], "{}", v["summary"]);
    let f = &v["findings"][0];
    assert_eq!(f["line"], 3);
    assert_eq!(f["field"], "notes");
    assert_eq!(f["record_id"], "v2");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("larger than the maximum of 1.0 MiB"),
        "{f}"
    );
    assert_eq!(v["summary"]["records"], 3);
    std::fs::write(
        dir.path().join("museum.toml"),
        "[limits]\nmax_field_size = 10485760\n",
    )
    .unwrap();
    let (exit, v, _) = validate_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(
        (exit, codes(&v)),
        (0, Vec::<String>::new()),
        "{}",
        v["summary"]
    );
}

/// The result does not depend on the number of threads (findings are sorted at the end, and a
/// victim whose case rows straddle two blocks is merged).
#[test]
fn threads_do_not_change_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    let mut text = String::from(
        "id,case,surname,birth_date,arrest_date,sentence_date,sentence,execution_date,charge,source_ids\n",
    );
    for i in 0..40_000u32 {
        let year = 1880 + i % 40;
        let (arrest, sentence) = if i % 97 == 0 {
            ("1937-11-02", "1937-10-25")
        } else {
            ("1937-08-02", "1938-02-25")
        };
        let charge = if i % 101 == 0 { "58--10" } else { "58-10" };
        let id = if i % 89 == 0 && i > 0 { i - 1 } else { i };
        text.push_str(&format!(
            "v{id},1,Фамилия{},{year},{arrest},{sentence},ВМН,1938-02-26,{charge},s1\n",
            i % 50
        ));
        if i % 7 == 0 {
            text.push_str(&format!(
                "v{id},2,Фамилия,{year},1939,1940,10 лет ИТЛ,,58-10,s1\n"
            ));
        }
    }
    std::fs::write(&p, text).unwrap();
    let run = |threads: &str| {
        let o = museum(&[
            "validate",
            p.to_str().unwrap(),
            "--format",
            "json",
            "-j",
            threads,
        ]);
        assert!(stderr(&o).is_empty(), "{}", stderr(&o));
        stdout(&o)
    };
    let one = run("1");
    let v: Value = serde_json::from_str(&one).unwrap();
    assert!(
        v["summary"]["errors"].as_u64().unwrap() > 400,
        "{}",
        v["summary"]
    );
    assert_eq!(run("3"), one);
}

#[test]
fn colour_only_when_asked() {
    let path = fixture("rules/M302_sentence_before_arrest.csv");
    let p = path.to_str().unwrap();
    let plain = stdout(&museum(&["validate", p, "--kind", "victims"]));
    assert!(!plain.contains('\x1b'));
    let coloured = stdout(&museum(&[
        "validate", p, "--kind", "victims", "--color", "always",
    ]));
    assert!(
        coloured.contains("\x1b[31;1merror\x1b[0m[M302]"),
        "{coloured}"
    );
    let dir = tempfile::tempdir().unwrap();
    let o = museum_in(
        dir.path(),
        &["validate", p, "--kind", "victims", "--color", "never"],
    );
    assert!(!stdout(&o).contains('\x1b'));
    let _ = Path::new(p);
}

/// `--delimiter` reads files whose delimiter cannot be sniffed from the header.
#[test]
fn delimiter_option() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("victims.csv");
    std::fs::write(
        &p,
        "id|surname|birth_date|source_ids\nv1|Майлин|1894-02-30|s1\n",
    )
    .unwrap();
    let (exit, v, _) = validate_json(&[p.to_str().unwrap(), "--delimiter", "|"]);
    assert_eq!((exit, codes(&v)), (1, vec!["M202".to_owned()]));
    let o = museum(&["validate", p.to_str().unwrap(), "--delimiter", "||"]);
    assert_eq!(code(&o), 2);
}

/// A file with more records than `max_records` (`museum.toml` `[limits]`, or `--max-records`)
/// stops every command that reads it with an error naming the file and the line of the first
/// record past the limit (rows, so a quoted multi-line value counts once), exit 2.
#[test]
fn record_limit_stops_with_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,surname,given_name,notes\n\
               v1,Жургенов,Темирбек,\n\
               v2,Сейфуллин,Сәкен,\"a note\non two lines\"\n\
               v3,Рыскулов,Турар,\n\
               v4,Бөкейханов,Әлихан,\n\
               v5,Байтұрсынұлы,Ахмет,\n";
    std::fs::write(dir.path().join("victims.csv"), csv).unwrap();
    let file = dir.path().join("victims.csv");
    let f = file.to_str().unwrap();
    let want = format!("`{f}`:6: more than 3 records (rows) in the file");

    // The flag, on every command that reads data; in the streaming validator with any
    // threading.
    for args in [
        vec!["validate", f, "--max-records", "3"],
        vec!["validate", f, "--max-records", "3", "-j", "1"],
        vec!["dedup", f, "--max-records", "3"],
        vec!["export", f, "--max-records", "3", "-o", "-"],
        #[cfg(feature = "stats")]
        vec!["stats", f, "--max-records", "3"],
        #[cfg(feature = "stats")]
        vec!["report", f, "--max-records", "3", "-o", "-"],
    ] {
        let o = museum(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&want), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("max_records"), "{}", stderr(&o));
    }
    // At the limit, nothing is wrong.
    let o = museum(&["validate", f, "--max-records", "5"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    // The same limit from `museum.toml`, for validate and for the other commands; the file
    // also holds export's settings, which validate accepts (it used to reject `[export]`).
    std::fs::write(
        dir.path().join("museum.toml"),
        "[limits]\nmax_records = 3\n\n[export.redact]\ndrop = [\"notes\"]\n",
    )
    .unwrap();
    for args in [
        vec!["validate", f],
        vec!["dedup", f],
        vec!["export", f, "-o", "-"],
    ] {
        let cmd = args[0];
        let o = museum(&args);
        assert_eq!(code(&o), 2, "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains(&want), "{cmd}: {}", stderr(&o));
    }
    // The flag wins over the file.
    let o = museum(&["validate", f, "--max-records", "10"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A zero or negative limit is a configuration error.
    std::fs::write(
        dir.path().join("museum.toml"),
        "[limits]\nmax_records = 0\n",
    )
    .unwrap();
    let o = museum(&["validate", f]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("max_records must be positive"),
        "{}",
        stderr(&o)
    );
    let o = museum(&["validate", f, "--max-records", "0"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    // JSON Lines: records are lines.
    std::fs::remove_file(dir.path().join("museum.toml")).unwrap();
    let jsonl = dir.path().join("victims.jsonl");
    let lines: String = (1..=5)
        .map(|i| format!("{{\"id\": \"v{i}\", \"surname\": \"Жургенов\"}}\n"))
        .collect();
    std::fs::write(&jsonl, lines).unwrap();
    let j = jsonl.to_str().unwrap();
    for cmd in ["validate", "export"] {
        let o = museum(
            &[cmd, j, "--max-records", "3", "-o", "-"][..if cmd == "export" { 6 } else { 4 }],
        );
        assert_eq!(code(&o), 2, "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("`{j}`:4: more than 3 records")),
            "{cmd}: {}",
            stderr(&o)
        );
    }
    // Documented in --help.
    let help = stdout(&museum(&["validate", "--help"]));
    assert!(help.contains("--max-records"), "{help}");
}
