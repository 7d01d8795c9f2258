//! `museum report`: the self-contained HTML page, Markdown and JSON, escaping of hostile values.
//! (The page is opened in a real browser in `tests/browser/`.)

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{code, fixture, museum_in, root, stderr, stdout};

/// A victims list full of values that would run or inject if they were not escaped, plus an
/// estimate citing a source whose URL is `javascript:`. Returns the directory.
pub(crate) fn hostile_archive(dir: &Path) -> PathBuf {
    let d = dir.join("hostile");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(
        d.join("victims.csv"),
        "id,full_name,sex,birth_date,birth_place,nationality,arrest_date,charge,sentencing_body,sentence,camp_id,source_ids\n\
         v1,<script>alert(1)</script>,м,1900,\"Актюбинская обл., <b>bold</b>\",\"\"\"><img src=x onerror=alert(2)>\",1937-08-01,58-10,'single' & \"double\",ВМН,,src-1\n\
         v2,Ахмет\u{202E}вотемхА,<svg onload=alert(3)>,1901,,дунган\u{202E}ин,<script>alert(4)</script>,58-10,Тройка & Co,ВМН,\"\"\"><script>alert(5)</script>\",src-1\n\
         v3,Name,ж,1902,&amp; &lt;already&gt; escaped,казашка,1938-01-01,КРД,ОСО,8 лет ИТЛ,camp-x,src-1\n",
    )
    .unwrap();
    std::fs::write(
        d.join("sources.csv"),
        "id,kind,title,url\nsrc-1,web,<script>alert(6)</script> title,javascript:alert(7)\n",
    )
    .unwrap();
    std::fs::write(
        d.join("events.csv"),
        "id,name_kk,name_ru,name_en,category,source_ids\nevt-1,<i>kk</i>,<script>alert(8)</script>,\"Event \"\"quoted\"\" & <b>\",mass_terror,src-1\n",
    )
    .unwrap();
    std::fs::write(
        d.join("estimates.csv"),
        "id,subject_id,measure,value,unit,claim,source_ids,notes\nest-1,evt-1,<b>shot</b>,25000,persons,<script>alert(9)</script>,src-1,\"</td></tr></table><script>alert(10)</script>\"\n",
    )
    .unwrap();
    d
}

fn report(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut a = vec!["report"];
    a.extend_from_slice(args);
    museum_in(dir, &a)
}

#[test]
fn writes_report_html_in_the_current_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixture("stats").display().to_string();
    let o = report(tmp.path(), &[&src]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "wrote report.html (21 records, 4 findings)\n",
        "the estimate citing `src-unknown`, a death sentence without execution date, a record \
         without dates, a sparse column: what `museum validate` finds on the same files"
    );
    assert!(stdout(&o).is_empty());
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.trim_end().ends_with("</html>"));
    // Self-contained: no script, no external resource, a policy forbidding both.
    assert!(!html.to_lowercase().contains("<script"));
    for external in [
        "src=\"http",
        "href=\"//",
        "@import",
        "url(",
        "<link",
        "<img",
        "<iframe",
    ] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    // Every section, and the charts.
    for id in [
        "summary",
        "timeline",
        "sentences",
        "people",
        "camps",
        "rehabilitation",
        "completeness",
        "duplicates",
        "estimates",
        "findings",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert!(
        html.matches("<svg").count() >= 12,
        "{}",
        html.matches("<svg").count()
    );
    assert!(html.contains("aria-label=\"Arrests and executions per month, 1928–1953\""));
    assert!(html.contains("<title>1937-10: 2 arrests</title>"));
    assert!(html.contains("Age at arrest by sex"));
    // People-formatted numbers, resolved sources, the finding with its place.
    assert!(html.contains("1,500,000–2,300,000"));
    assert!(html.contains("6 · 60.0%"));
    assert!(html.contains(
        "<a href=\"https://example.org/famine\" rel=\"noopener noreferrer\"><bdi>Scholarly estimate, 1.5–2.3 million</bdi></a>"
    ));
    assert!(html.contains(
        "<code>src-unknown</code> <span class=\"sev-warning\">(not in sources.csv)</span>"
    ));
    assert!(html.contains("estimates.csv:4</bdi>"));
    // Deduplication ran: ten different victims, no suspected duplicates.
    assert!(html.contains("10 persons after merging them, a duplicate rate of 0.0%"));
    assert!(html.contains("ALZhIR (camp-alzhir)"));
    // Print stylesheet.
    assert!(html.contains("@media print{"));
}

#[test]
fn markdown_to_stdout_and_json_by_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let src = fixture("stats").display().to_string();
    let o = report(tmp.path(), &[&src, "--format", "md", "-o", "-"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.starts_with("# Archive data-quality report\n"), "{md}");
    // Ten victims, no two of them the same person.
    assert!(md.contains("| Persons after deduplication | 10 |"), "{md}");
    assert!(md.contains("| 58-11 | 4 | 25.0% | ███"), "{md}");
    assert!(
        md.contains("### Famine of 1930–1933 (Голод 1930–1933 годов)"),
        "{md}"
    );
    let o = report(tmp.path(), &[&src, "-o", "out/r.json"]);
    assert_eq!(code(&o), 2, "a missing directory is an error");
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let o = report(tmp.path(), &[&src, "-o", "out/r.json", "--no-dedup"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("out/r.json")).unwrap())
            .unwrap();
    assert_eq!(v["counts"]["victims"], 10);
    assert_eq!(v["stats"]["persons"], 10);
    assert_eq!(v["dedup"]["status"], "skipped");
    assert_eq!(v["validation"]["errors"], 1);
    assert_eq!(v["findings"]["rows"][0]["code"], "M402");
    assert_eq!(
        v["estimates"][0]["estimates"][0]["sources"][0]["title"],
        "Scholarly estimate, 1.5–2.3 million"
    );
}

#[test]
fn a_single_file_with_kind_and_the_findings_it_has() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("list.csv");
    std::fs::write(
        &list,
        "Фамилия,Имя,Год рождения,Дата ареста,Приговор\nЖургенов,Темирбек,1898,1937-13-02,ВМН\n",
    )
    .unwrap();
    let o = report(tmp.path(), &["list.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("pass `--kind`"), "{}", stderr(&o));
    let o = report(
        tmp.path(),
        &["list.csv", "--kind", "victims", "-o", "list.html"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(tmp.path().join("list.html")).unwrap();
    // The impossible month is listed with file, line, field, value and the hint.
    assert!(
        html.contains("<td class=\"loc\"><bdi>list.csv:2</bdi></td>"),
        "{html}"
    );
    assert!(html.contains("1937-13-02"));
    assert!(html.contains("id=\"rule-M202\""));
}

#[test]
fn hostile_values_are_shown_not_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = hostile_archive(tmp.path());
    let o = report(tmp.path(), &[d.to_str().unwrap(), "-o", "h.html"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(tmp.path().join("h.html")).unwrap();
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "a script tag came through");
    for bad in [
        "<img",
        "<svg onload",
        "<b>bold",
        "<b>shot",
        "<i>kk",
        "href=\"javascript",
    ] {
        assert!(!lower.contains(bad), "{bad} came through");
    }
    assert!(
        !html.contains('\u{202E}'),
        "the RTL override must be shown, not obeyed"
    );
    assert!(html.contains("Дунган[U+202E]ин"));
    // Values shown in the report: a finding's value, a nationality, a source title.
    assert!(html.contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&#39;single&#39; &amp; &quot;double&quot;"));
    // Already-escaped text is escaped again: it shows as typed.
    assert!(html.contains("&amp;amp; &amp;lt;already&amp;gt; escaped"));
    // The `javascript:` URL is not a link; the title is text.
    assert!(html.contains("&lt;script&gt;alert(6)&lt;/script&gt; title"));
    // Markdown: no raw HTML either.
    let o = report(
        tmp.path(),
        &[d.to_str().unwrap(), "--format", "md", "-o", "-"],
    );
    let md = stdout(&o).to_lowercase();
    assert!(!md.contains("<script") && !md.contains("<img") && !md.contains("<b>bold"));
    assert!(!md.contains('\u{202E}'));
}

#[test]
fn writes_atomically_and_replaces_an_old_report() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.html"), "old").unwrap();
    let src = fixture("stats").display().to_string();
    let o = report(tmp.path(), &[&src, "--title", "Архив <ЮКО>"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(tmp.path().join("report.html")).unwrap();
    assert!(html.contains("<title>Архив &lt;ЮКО&gt;</title>"));
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["report.html"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(tmp.path().join("report.html"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "a report is meant to be shared");
    }
}

/// Generates a synthetic victims list with the seeded generator in `bench/`.
pub(crate) fn synthetic(dir: &Path, rows: usize) -> PathBuf {
    let out = dir.join("victims.csv");
    let st = std::process::Command::new("python3")
        .arg(root().join("bench/gen_report_victims.py"))
        .args(["--rows", &rows.to_string(), "--seed", "1937", "--out"])
        .arg(&out)
        .status()
        .expect("python3 runs bench/gen_report_victims.py");
    assert!(st.success());
    out
}

#[test]
fn synthetic_list_peaks_in_1937_38() {
    let tmp = tempfile::tempdir().unwrap();
    let list = synthetic(tmp.path(), 5_000);
    let o = report(
        tmp.path(),
        &[
            list.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            "r.json",
            "--no-dedup",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["counts"]["victims"], 5000);
    let months = v["stats"]["arrests"]["by_month"].as_array().unwrap();
    let peak = months
        .iter()
        .max_by_key(|m| m["count"].as_u64().unwrap())
        .unwrap();
    let ym = (
        peak["year"].as_i64().unwrap(),
        peak["month"].as_i64().unwrap(),
    );
    assert!(((1937, 8)..=(1938, 11)).contains(&ym), "peak at {ym:?}");
    // The listed findings are capped; the counts are not.
    assert!(v["findings"]["shown"].as_u64().unwrap() <= 2000);
}

/// `(code, file, line, field)` of every finding, sorted.
fn finding_keys(rows: &[Value]) -> Vec<(String, String, u64, String)> {
    let mut keys: Vec<_> = rows
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap_or_default().to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["field"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    keys.sort();
    keys
}

/// The report lists exactly what `museum validate` finds on the same files, with the same
/// `museum.toml` (here one that switches a rule off and makes another an error).
#[test]
fn findings_are_those_of_validate_with_the_same_config() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for f in [
        "victims.csv",
        "sources.csv",
        "events.csv",
        "estimates.csv",
        "camps.csv",
    ] {
        std::fs::copy(fixture("stats").join(f), data.join(f)).unwrap();
    }
    let dir = data.to_str().unwrap();
    let compare = |expect_codes: &[&str]| {
        let (_, validate, _) = crate::util::validate_json(&[dir]);
        let o = report(tmp.path(), &[dir, "-o", "r.json", "--max-findings", "0"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let r: Value =
            serde_json::from_str(&std::fs::read_to_string(tmp.path().join("r.json")).unwrap())
                .unwrap();
        let from_validate = finding_keys(validate["findings"].as_array().unwrap());
        let from_report = finding_keys(r["findings"]["rows"].as_array().unwrap());
        assert_eq!(from_report, from_validate);
        let mut codes: Vec<&str> = from_report.iter().map(|k| k.0.as_str()).collect();
        codes.dedup();
        assert_eq!(codes, expect_codes);
        assert_eq!(
            r["validation"]["errors"], validate["summary"]["errors"],
            "{:#}",
            r["validation"]
        );
    };
    compare(&["M308", "M402", "M602", "M603"]);
    std::fs::write(
        data.join("museum.toml"),
        "ignore = [\"sparse-column\"]\n[severity]\nM308 = \"error\"\n",
    )
    .unwrap();
    compare(&["M308", "M402", "M602"]);
}

/// Suspected duplicates in the report honour `decisions.csv` beside the data, like `museum
/// dedup`; `--no-decisions` ignores it and `--decisions FILE` takes another file.
#[test]
fn duplicates_honour_the_decisions_beside_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for f in ["figures.csv", "victims.csv"] {
        std::fs::copy(fixture("dedup").join(f), data.join(f)).unwrap();
    }
    let dir = data.to_str().unwrap();
    // record id → the ids in its cluster.
    let clusters = |extra: &[&str]| -> (Value, String) {
        let mut args = vec![dir, "-o", "r.json"];
        args.extend_from_slice(extra);
        let o = report(tmp.path(), &args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let r: Value =
            serde_json::from_str(&std::fs::read_to_string(tmp.path().join("r.json")).unwrap())
                .unwrap();
        (r["dedup"].clone(), stderr(&o))
    };
    let together = |dedup: &Value, a: &str, b: &str| {
        dedup["clusters"].as_array().unwrap().iter().any(|c| {
            let ids: Vec<&str> = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["record_id"].as_str().unwrap())
                .collect();
            ids.contains(&a) && ids.contains(&b)
        })
    };
    let (before, _) = clusters(&[]);
    assert!(together(&before, "vic-001", "vic-002"));
    assert!(!together(&before, "vic-009", "vic-011"));
    assert_eq!(before["persons"], 7);

    std::fs::write(
        data.join("decisions.csv"),
        "record_a,record_b,decision,who,when,why\n\
         vic-001,vic-002,different,archivist,2026-11-26,two men of the same name in the case files\n\
         vic-009,vic-011,same,archivist,2026-11-26,test only\n",
    )
    .unwrap();
    let (after, err) = clusters(&[]);
    assert!(err.contains("using 2 decision(s)"), "{err}");
    assert!(!together(&after, "vic-001", "vic-002"));
    assert!(together(&after, "vic-009", "vic-011"));
    let evidence = after["clusters"].to_string();
    assert!(
        evidence.contains("decided same by archivist on 2026-11-26: test only"),
        "{evidence}"
    );

    let (ignored, _) = clusters(&["--no-decisions"]);
    assert_eq!(ignored, before);
    let mine = tmp.path().join("mine.csv");
    std::fs::write(
        &mine,
        "record_a,record_b,decision\nvic-004,vic-005,different\n",
    )
    .unwrap();
    let (other, _) = clusters(&["--decisions", mine.to_str().unwrap()]);
    assert!(together(&other, "vic-001", "vic-002"));
    assert!(!together(&other, "vic-004", "vic-005"));
}
