//! Property test of validation: arbitrary text in any field of any kind of record (victims,
//! figures, events, camps, sources, estimates, claims) never makes the readers or the rule
//! engine panic or fail; what they cannot read becomes findings that name the file and line.

use std::path::Path;

use museum_core::io::{Archive, CsvOptions, DatasetKind};
use museum_core::validate::{Input, ValidateOptions, validate_archive, validate_files};
use proptest::prelude::*;

/// A field value: any Unicode, or the characters that break CSV and text handling (quotes,
/// delimiters, newlines, control characters, right-to-left marks, mixed scripts), or values
/// that look right and are not (impossible dates, ids of other records, archival vocabulary).
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"',;|\t\r\n\u{0}\u{7}\u{1b}\u{feff}\u{200b}\u{200e}\u{200f}\u{202e}\u{2066} a-zA-Zа-яәғқңөұүһіА-ЯӘ0-9./\\-]{0,24}",
        "[0-9]{1,5}[-./ ][0-9]{1,2}[-./ ][0-9]{1,5}",
        "(до |после |около |ок\\. |~|c\\. )?[0-9]{3,4}(-[0-9]{2}){0,2}(\\?|/[0-9]{4}|\\.\\.)?",
        "(src|vic|fig|camp|ev|est|cl)-[0-9a-z]{1,3}(\\|(src|vic)-[0-9]{1,2}){0,2}",
        prop::sample::select(vec![
            "ВМН",
            "10 лет ИТЛ",
            "расстрел",
            "м",
            "ж",
            "ер",
            "әйел",
            "F",
            "?",
            "true",
            "нет",
            "-1",
            "1e309",
            "NaN",
            "1937-02-30",
            "31.12.1937",
            "1937-1938",
            "XX век",
            "",
            "\"",
            "\"\"",
            "a\"b",
            "\u{202e}1937",
            "Жургенов\u{0301}",
            "Бөкейхан ов",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Rows of a kind: every column of the kind, in a shuffled order, with arbitrary values.
fn rows(kind: DatasetKind) -> impl Strategy<Value = (Vec<&'static str>, Vec<Vec<String>>)> {
    let names: Vec<&'static str> = kind.columns().iter().map(|c| c.name).collect();
    let width = names.len();
    (
        Just(names).prop_shuffle(),
        proptest::collection::vec(proptest::collection::vec(value(), width), 0..5),
    )
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

/// The same rows joined without any quoting: broken CSV (stray quotes, ragged rows).
fn write_raw(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut text = header.join(",");
    for r in rows {
        text.push('\n');
        text.push_str(&r.join(","));
    }
    std::fs::write(path, text).unwrap();
}

fn check(report: &museum_core::validate::Report) -> Result<(), TestCaseError> {
    for d in &report.findings {
        // Rendering never fails, and a finding about a line says which file.
        let shown = d.to_string();
        prop_assert!(!shown.is_empty());
        if d.location.line.is_some() {
            prop_assert!(d.location.file.is_some(), "{}", shown);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn validation_never_panics_on_arbitrary_fields(
        files in (
            rows(DatasetKind::Sources),
            rows(DatasetKind::Figures),
            rows(DatasetKind::Events),
            rows(DatasetKind::Camps),
            rows(DatasetKind::Victims),
            rows(DatasetKind::Estimates),
            rows(DatasetKind::Claims),
        ),
        raw_kind in 0..7usize,
        block_size in prop_oneof![Just(64usize), Just(1 << 20)],
    ) {
        let dir = tempfile::tempdir().unwrap();
        let (s, f, e, c, v, es, cl) = files;
        let all = [s, f, e, c, v, es, cl];
        let mut inputs = Vec::new();
        for (k, (kind, (header, rows))) in DatasetKind::ALL.iter().zip(&all).enumerate() {
            let path = dir.path().join(format!("{}.csv", kind.as_str()));
            write_csv(&path, header, rows);
            inputs.push(Input { path, kind: *kind });
            if k == raw_kind {
                // Another file of the same kind, not quoted at all.
                let path = dir.path().join(format!("raw_{}.csv", kind.as_str()));
                write_raw(&path, header, rows);
                inputs.push(Input { path, kind: *kind });
            }
        }
        // The streaming engine, with tiny blocks (records and quoted newlines cut across
        // blocks) or the default ones, on two threads.
        let options = ValidateOptions { threads: 2, block_size, ..ValidateOptions::default() };
        let report = validate_files(&inputs, &options);
        prop_assert!(report.is_ok(), "{:?}", report.err());
        check(&report.unwrap())?;
        // The loaded archive (what export, stats and report read) and its validation.
        let (archive, _) = Archive::load_dir(dir.path(), &CsvOptions::default()).unwrap();
        check(&validate_archive(&archive, &ValidateOptions::default()))?;
    }
}
