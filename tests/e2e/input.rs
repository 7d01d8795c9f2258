//! The input options every command that reads lists shares (`--kind`, `--encoding`, `--sheet`,
//! `--delimiter`, `--config`, `--max-records`), spreadsheets and legacy encodings, as a user
//! runs them.

use std::path::Path;

use serde_json::Value;

use crate::util::{code, museum, museum_in, stderr, stdout, validate_json};

/// A list whose name tells no kind, in Windows-1251 with `;` (as old Excel saved CSV).
fn write_cp1251_list(dir: &Path) -> std::path::PathBuf {
    let text = "№;Фамилия;Имя;Отчество;Год рождения;Приговор\n1;Жургенов;Темирбек;Караевич;1898;ВМН\n2;Майлин;Беимбет;Жармухамедович;1894;расстрел\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!bad);
    let path = dir.join("spisok.csv");
    std::fs::write(&path, &bytes).unwrap();
    path
}

fn write_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Лист1").unwrap();
    for (c, h) in ["№", "Фамилия", "Имя", "Год рождения", "Дата ареста"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1).unwrap();
    sheet.write_string(1, 1, "Сейфуллин").unwrap();
    sheet.write_string(1, 2, "Сакен").unwrap();
    sheet.write_number(1, 3, 1894).unwrap();
    sheet.write_string(1, 4, "30.02.1937").unwrap();
    let other = book.add_worksheet();
    other.set_name("Пусто").unwrap();
    book.save(path).unwrap();
}

/// Every command that reads lists takes the same input options.
#[test]
fn every_list_reading_command_takes_the_input_options() {
    for cmd in ["validate", "dedup", "search", "export", "stats", "report"] {
        let o = museum(&[cmd, "--help"]);
        if code(&o) != 0 {
            // `stats` and `report` in a build without the `stats` feature.
            continue;
        }
        let help = stdout(&o);
        for flag in [
            "--kind",
            "--encoding",
            "--sheet",
            "--delimiter",
            "--config",
            "--max-records",
        ] {
            assert!(help.contains(flag), "`museum {cmd}` lacks {flag}:\n{help}");
        }
    }
}

/// Every command that reads lists finds its files with one rule (`io::discover`) and says a
/// missing path the same way, with exit code 2 (dedup and search once said "entity not found").
#[test]
fn a_missing_path_is_said_the_same_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["validate", "missing.csv"][..],
        &["dedup", "missing.csv"],
        &["search", "Zhurgenov", "missing.csv"],
        &["export", "missing.csv", "-o", "out"],
        &["vocab", "missing.csv"],
    ] {
        let o = museum_in(dir.path(), args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("`missing.csv` does not exist"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains("entity not found"), "{}", stderr(&o));
    }
}

/// `museum search NAME list.csv --kind victims` (once rejected: `--kind` was unknown).
#[test]
fn search_takes_kind() {
    let dir = tempfile::tempdir().unwrap();
    let list = write_cp1251_list(dir.path());
    let o = museum_in(
        dir.path(),
        &[
            "search",
            "Zhurgenov",
            "spisok.csv",
            "--kind",
            "victims",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["results"][0]["record"]["name"], "Жургенов Темирбек Караевич",
        "{v:#}"
    );
    // Without `--kind` the message says to pass it, and `--kind` is then accepted.
    let o = museum_in(dir.path(), &["search", "Zhurgenov", "spisok.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--kind"), "{}", stderr(&o));
    drop(list);
}

/// A Windows-1251 list is detected and read; the findings say so; `--encoding` forces.
#[test]
fn legacy_encodings_are_read_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let list = write_cp1251_list(dir.path());
    let p = list.to_str().unwrap();
    let (exit, v, err) = validate_json(&[p, "--kind", "victims"]);
    assert_eq!(exit, 0, "{v:#}{err}");
    let said: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "M114")
        .collect();
    assert_eq!(said.len(), 1, "{v:#}");
    assert_eq!(said[0]["value"], "Windows-1251");
    assert_eq!(v["summary"]["records"], 2);
    // Forced to KOI8-R, the names are mojibake but the run says what it did.
    let (_, v, _) = validate_json(&[p, "--kind", "victims", "--encoding", "koi8-r"]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "M114")
        .cloned()
        .unwrap();
    assert!(f["message"].as_str().unwrap().contains("KOI8-R"), "{f}");
    // An unknown encoding is a usage error naming the known ones.
    let o = museum(&["validate", p, "--kind", "victims", "--encoding", "latin-9"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("kz-1048"), "{}", stderr(&o));
    // Bytes no code page reads as text: refused with a hint to pass `--encoding`.
    let odd = dir.path().join("odd.csv");
    std::fs::write(&odd, b"id,surname\nv1,\xB0\xB1\x98\xB0\n").unwrap();
    let o = museum(&["validate", odd.to_str().unwrap(), "--kind", "victims"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("M105"), "{}", stdout(&o));
    assert!(stdout(&o).contains("--encoding"), "{}", stdout(&o));
}

/// A spreadsheet is read directly; findings name the sheet, the cell and the row.
#[test]
fn spreadsheets_are_read_with_cells() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("kostanay_victims.xlsx");
    write_xlsx(&book);
    let o = museum_in(dir.path(), &["validate", "kostanay_victims.xlsx"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}{}", stderr(&o));
    assert!(
        out.contains("kostanay_victims.xlsx:Лист1!E2:2:arrest_date: error[M202]"),
        "{out}"
    );
    let (_, v, _) = validate_json(&[book.to_str().unwrap(), "--sheet", "Лист1"]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "M202")
        .cloned()
        .unwrap();
    assert_eq!(f["cell"], "E2");
    assert_eq!(f["line"], 2);
    // A sheet that does not exist, and a broken file: clear errors, exit 2.
    let o = museum(&["validate", book.to_str().unwrap(), "--sheet", "Лист9"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no sheet `Лист9`"), "{}", stderr(&o));
    let bytes = std::fs::read(&book).unwrap();
    std::fs::write(&book, &bytes[..bytes.len() / 3]).unwrap();
    let o = museum(&["validate", book.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("not a readable spreadsheet"),
        "{}",
        stderr(&o)
    );
}

/// A list with no source gets one M601 for the file; a list from one source says so once
/// (`--source`, `[sources]` in `museum.toml`) and gets none.
#[test]
fn file_level_sources() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("spisok.csv");
    std::fs::write(
        &list,
        "№,Фамилия,Имя,Год рождения\n1,Жургенов,Темирбек,1898\n2,Майлин,Беимбет,1894\n3,Сейфуллин,Сакен,1894\n",
    )
    .unwrap();
    let p = list.to_str().unwrap();
    let no_source = |v: &Value| -> Vec<Value> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "M601")
            .cloned()
            .collect()
    };
    let (_, v, _) = validate_json(&[p, "--kind", "victims"]);
    let found = no_source(&v);
    assert_eq!(found.len(), 1, "{v:#}");
    assert_eq!(
        found[0]["message"],
        "3 of 3 records cite no source (the first on line 2)"
    );
    let (_, v, _) = validate_json(&[p, "--kind", "victims", "--source", "src-kniga-3"]);
    assert!(no_source(&v).is_empty(), "{v:#}");
    std::fs::write(
        dir.path().join("museum.toml"),
        "[sources]\n\"spisok.csv\" = \"src-kniga-3\"\n",
    )
    .unwrap();
    let (_, v, _) = validate_json(&[p, "--kind", "victims"]);
    assert!(no_source(&v).is_empty(), "{v:#}");
}

/// `--format sarif`: one SARIF 2.1.0 run whose results point at the file and line, with the
/// rules of the codes found.
#[test]
fn sarif_output() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("victims.csv");
    std::fs::write(
        &list,
        "id,surname,birth_date,source_ids\nv1,Майлин,31.02.1894,src-1\nv2,Шанин,1892,src-1\n",
    )
    .unwrap();
    let o = museum(&["validate", list.to_str().unwrap(), "--format", "sarif"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "museum");
    let results = run["results"].as_array().unwrap();
    let bad = results
        .iter()
        .find(|r| r["ruleId"] == "M202")
        .expect("the impossible date");
    assert_eq!(bad["level"], "error");
    let loc = &bad["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], list.to_str().unwrap());
    assert_eq!(loc["region"]["startLine"], 2);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let index = bad["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "M202");
}
