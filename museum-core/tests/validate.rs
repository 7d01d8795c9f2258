//! Property test of validation: arbitrary text in any field of any kind of record (victims,
//! figures, events, camps, sources, estimates, claims) never makes the readers or the rule
//! engine panic or fail; what they cannot read becomes findings that name the file and line.

use std::path::Path;

use museum_core::io::{Archive, CsvOptions, DatasetKind};
use museum_core::validate::{
    Input, Report, ValidateOptions, validate_and_load, validate_archive, validate_files,
    validate_streaming,
};
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

/// The archive the readers build from `inputs`, file by file.
fn read_archive(inputs: &[Input], options: &ValidateOptions) -> Archive {
    let mut archive = Archive::default();
    for i in inputs {
        archive
            .load_file(&i.path, i.kind, &options.csv_options())
            .unwrap();
    }
    archive.attach();
    archive
}

/// What one pass of [`validate_and_load`] gives is what [`validate_files`] reports and what the
/// readers read: the same findings, the same records in the same order.
fn same_as_two_passes(inputs: &[Input], options: &ValidateOptions) -> Result<(), TestCaseError> {
    let report = validate_files(inputs, options).unwrap();
    let (kept_report, kept) = validate_and_load(inputs, options, &|_| {}).unwrap();
    let shown = |r: &museum_core::validate::Report| -> Vec<String> {
        r.findings
            .iter()
            .map(|d| format!("{d} {:?}", d.location))
            .collect()
    };
    let (one, two) = (shown(&kept_report), shown(&report));
    let only_one: Vec<&String> = one.iter().filter(|d| !two.contains(d)).collect();
    let only_two: Vec<&String> = two.iter().filter(|d| !one.contains(d)).collect();
    prop_assert!(
        one == two,
        "one pass only: {only_one:#?}\ntwo passes only: {only_two:#?}"
    );
    prop_assert_eq!(kept_report.records, report.records);
    let read = read_archive(inputs, options);
    prop_assert_eq!(&kept.sources, &read.sources);
    prop_assert_eq!(&kept.figures, &read.figures);
    prop_assert_eq!(&kept.events, &read.events);
    prop_assert_eq!(&kept.camps, &read.camps);
    prop_assert_eq!(&kept.victims, &read.victims);
    prop_assert_eq!(&kept.estimates, &read.estimates);
    prop_assert_eq!(&kept.claims, &read.claims);
    prop_assert_eq!(&kept.files, &read.files);
    streamed_as_kept(inputs, options, &report)
}

/// Findings handed on as they are found ([`validate_streaming`]) are the report's, in its
/// order, with the same counts; and that order is [`Report::sort`]'s, except references into
/// kinds read later, which are checked at the end and come last (in that order themselves).
fn streamed_as_kept(
    inputs: &[Input],
    options: &ValidateOptions,
    report: &Report,
) -> Result<(), TestCaseError> {
    let mut streamed = Vec::new();
    let summary = validate_streaming(inputs, options, &mut |d| {
        streamed.push(d.clone());
        Ok(())
    })
    .unwrap();
    prop_assert!(streamed == report.findings, "streamed: {streamed:#?}");
    prop_assert_eq!(
        serde_json::to_value(&summary).unwrap(),
        serde_json::to_value(report.summary()).unwrap()
    );
    let sorted = |findings: &[museum_core::Diagnostic]| {
        let mut r = Report {
            findings: findings.to_vec(),
            files: report.files.clone(),
            records: 0,
        };
        r.sort();
        r.findings == findings
    };
    let all = &report.findings;
    let late = all
        .iter()
        .rev()
        .take_while(|d| d.code == museum_core::Code::UnknownReference)
        .count();
    let ok = (all.len() - late..=all.len()).any(|cut| sorted(&all[..cut]) && sorted(&all[cut..]));
    prop_assert!(ok, "not in the order of Report::sort: {all:#?}");
    Ok(())
}

/// One pass over a synthetic archive with planted defects and duplicates (victims written in
/// several case rows, which small blocks cut apart) gives the two passes' findings and records,
/// with one thread and with two.
#[test]
fn validate_and_load_is_validate_plus_read() {
    use museum_synth::{SynthOptions, generate_dir};
    let dir = tempfile::tempdir().unwrap();
    let synth = SynthOptions::new(1500)
        .seed(3)
        .defects(0.05)
        .duplicates(0.2)
        .with_archive(true);
    generate_dir(&synth, dir.path()).unwrap();
    let (inputs, _) = museum_core::validate::dataset_files(dir.path()).unwrap();
    assert!(inputs.len() >= 4, "{inputs:?}");
    for (threads, block_size) in [(1, 1 << 20), (2, 4096), (2, 1 << 20)] {
        let options = ValidateOptions {
            threads,
            block_size,
            ..ValidateOptions::default()
        };
        same_as_two_passes(&inputs, &options).unwrap();
    }
    let done = std::cell::Cell::new(0u64);
    validate_and_load(&inputs, &ValidateOptions::default(), &|n| {
        done.set(done.get() + n);
    })
    .unwrap();
    let total: u64 = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).unwrap().len())
        .sum();
    assert_eq!(done.get(), total);
}

/// The same when blocks cut a list anywhere: inside a quoted multi-line value, between a
/// person's case rows, in a file without ids (ids from line numbers), with CRLF line ends.
#[test]
fn validate_and_load_matches_wherever_blocks_cut() {
    let dir = tempfile::tempdir().unwrap();
    let header = "id,surname,given_name,sex,birth_date,arrest_date,charge,sentence";
    let lists = [
        ("plain.csv", header, "vmid,Омаров,Бекет,м,1899,1937-13-02,58-11,ВМН\n".to_owned(), "\n"),
        ("crlf.csv", header, "vmid,Омаров,Бекет,м,1899,1937-13-02,58-11,ВМН\r\n".to_owned(), "\r\n"),
        (
            "quoted.csv",
            header,
            format!("vmid,Омаров,Бекет,м,1899,1937-13-02,\"{}\",ВМН\n", "58-10\n".repeat(40)),
            "\n",
        ),
        (
            "cases.csv",
            "id,case,surname,given_name,sex,birth_date,arrest_date,charge,sentence",
            "vmid,1,Омаров,Бекет,м,1899,1929-13-01,58-11,ВМН\nvmid,2,Омаров,Бекет,м,1899,1937-10-08,58-10,ВМН\n"
                .to_owned(),
            "\n",
        ),
        (
            "noid.csv",
            "surname,given_name,sex,birth_date,arrest_date,charge,sentence,note",
            "Омаров,Бекет,м,1899,1937-13-02,58-11,ВМН,x\n".to_owned(),
            "\n",
        ),
    ];
    for (name, header, middle, eol) in lists {
        // Ordinary rows around the middle one, some with an impossible date.
        let row = |i: usize| {
            let date = if i.is_multiple_of(7) {
                "1937-13-01"
            } else {
                "1937-11-10"
            };
            format!("v{i:05},Ахметов,Касым,м,1900,{date},58-10,ВМН{eol}")
        };
        let mut text = format!("{header}{eol}");
        (0..120).for_each(|i| text.push_str(&row(i)));
        text.push_str(&middle);
        (120..240).for_each(|i| text.push_str(&row(i)));
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let inputs = [Input {
            path,
            kind: DatasetKind::Victims,
        }];
        for block_size in [64, 1000, 4096] {
            let options = ValidateOptions {
                threads: 2,
                block_size,
                ..ValidateOptions::default()
            };
            same_as_two_passes(&inputs, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

/// The same on every malformed and rule fixture (CSV in every encoding and shape, JSON, JSON
/// Lines) read as a list of victims, and on the museum's own datasets.
#[test]
fn validate_and_load_matches_on_fixtures_and_datasets() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut checked = 0;
    for dir in ["tests/fixtures/malformed", "tests/fixtures/rules"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| museum_core::io::FileFormat::from_path(p).is_some())
            .collect();
        paths.sort();
        for path in paths {
            let kind = DatasetKind::from_path(&path).unwrap_or(DatasetKind::Victims);
            let inputs = [Input { path, kind }];
            let options = ValidateOptions::default();
            // A file that cannot be read at all fails both ways.
            if validate_files(&inputs, &options).is_err() {
                assert!(validate_and_load(&inputs, &options, &|_| {}).is_err());
                continue;
            }
            same_as_two_passes(&inputs, &options)
                .unwrap_or_else(|e| panic!("{}: {e}", inputs[0].path.display()));
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked}");
    let (inputs, _) = museum_core::validate::dataset_files(&root.join("datasets")).unwrap();
    same_as_two_passes(&inputs, &ValidateOptions::default()).unwrap();
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
        // One pass that keeps the records gives the same findings and the readers' records.
        same_as_two_passes(&inputs, &options)?;
        // The loaded archive (what export, stats and report read) and its validation.
        let (archive, _) = Archive::load_dir(dir.path(), &CsvOptions::default()).unwrap();
        check(&validate_archive(&archive, &ValidateOptions::default()))?;
    }
}
