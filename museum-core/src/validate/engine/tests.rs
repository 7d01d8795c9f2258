//! The engine's tests: blocks and threads, and the rules' borrowed row view against records
//! built whole.

use super::*;
use crate::io::DatasetKind;
use crate::validate::{Selector, ValidateOptions};

/// A victims list of 600 persons with one to three cases each (case rows following the
/// person's first), repeated ids, a quoted line break, blank rows.
fn straddling_list(dir: &std::path::Path) -> [Input; 1] {
    let path = dir.join("victims.csv");
    let mut text = String::from(
        "id,case,surname,birth_date,arrest_date,sentence_date,sentence,notes,source_ids\n",
    );
    for i in 0..600u32 {
        let id = if i % 53 == 0 && i > 0 { i - 1 } else { i };
        let arrest = if i % 41 == 0 {
            "1938-05-01"
        } else {
            "1937-08-02"
        };
        let notes = if i % 29 == 0 {
            "\"две\nстроки\""
        } else {
            ""
        };
        text.push_str(&format!(
            "v{id},1,Ф{i},1900,{arrest},1938-02-25,ВМН,{notes},s1\n"
        ));
        for case in 2..=(i % 4) {
            // Later cases are checked against the birth date on the first row.
            let arrest = if case == 2 && i % 5 == 0 {
                "1899"
            } else {
                "1939"
            };
            text.push_str(&format!("v{id},{case},,,{arrest},1940,10 лет ИТЛ,,s1\n"));
        }
        if i % 97 == 0 {
            text.push_str(",,,\n\n");
        }
    }
    std::fs::write(&path, text).unwrap();
    [Input {
        path,
        kind: DatasetKind::Victims,
    }]
}

/// Blocks of any size and any number of threads give the same report, including victims
/// whose case rows straddle block boundaries.
#[test]
fn blocks_and_threads_do_not_change_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = straddling_list(dir.path());
    let run = |threads: usize, block_size: usize| {
        let options = ValidateOptions {
            threads,
            block_size,
            ..ValidateOptions::default()
        };
        let r = validate_inputs(&inputs, &options, &|_| {}).unwrap();
        (r.records, format!("{:#?}", r.findings))
    };
    let reference = run(1, 1 << 20);
    assert!(reference.0 > 500);
    assert!(reference.1.contains("DuplicateId"));
    assert!(reference.1.contains("EventBeforeBirth"));
    for (threads, block) in [(1, 64), (3, 64), (2, 333), (4, 4096)] {
        assert!(
            run(threads, block) == reference,
            "threads {threads}, blocks of {block} bytes"
        );
    }
}

/// Rows read as the rules read them (a borrowed view, only the typed values the rules that
/// are on need) give the findings of records built whole (what a run that keeps the
/// records reads), whichever rules are on: victims of one row and of several cases, a
/// first case that holds only a sentence, unreadable values.
#[test]
fn row_views_give_the_findings_of_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("victims.csv");
    let mut text = String::from(
        "id,case,surname,sex,birth_date,arrest_date,sentence_date,sentence,execution_date,\
         camp_id,camp_arrival_date,death_date,charge,sentencing_body,source_ids\n",
    );
    for i in 0..300u32 {
        let birth = ["1900", "1939", "19З7", "", "1880?"][i as usize % 5];
        let sentence = ["ВМН", "10 лет ИТЛ", "?", "сослан", ""][i as usize % 5];
        let arrest = ["1937-08-02", "", "1938-02-30", "1936", "ноябрь 1937"][(i / 5) as usize % 5];
        let execution = if i % 7 == 0 { "1937-10-01" } else { "" };
        let sex = ["м", "ж", "мж", "", "неизв."][(i / 3) as usize % 5];
        let charge = ["58-10", "", "58 п. 10", "бандитизм", ""][(i / 2) as usize % 5];
        if i % 11 == 0 {
            // A first case with only a sentence, then a case with dates.
            text.push_str(&format!("v{i},,Ф{i},{sex},{birth},,,{sentence},,,,,,,s1\n"));
            text.push_str(&format!(
                "v{i},2,,,,1941,1942,ВМН,{execution},camp-x,1930,,{charge},ОСО,s2\n"
            ));
        } else {
            text.push_str(&format!(
                "v{i},,Ф{i},{sex},{birth},{arrest},1938-02-25,{sentence},{execution},,,,{charge},Тройка,s1|s3\n"
            ));
        }
    }
    std::fs::write(&path, text).unwrap();
    let inputs = [Input {
        path,
        kind: DatasetKind::Victims,
    }];
    let selections: [(&[&str], &[&str]); 5] = [
        (&[], &[]),
        (&[], &["M3", "M204"]),
        (&["M4", "M309"], &[]),
        (&["M201", "M202"], &[]),
        (&["M1"], &[]),
    ];
    for (select, ignore) in selections {
        let parse = |s: &[&str]| -> Vec<Selector> {
            s.iter().map(|s| Selector::parse(s).unwrap()).collect()
        };
        let options = ValidateOptions::default()
            .select(&parse(select))
            .ignore(&parse(ignore));
        let viewed = validate_inputs(&inputs, &options, &|_| {}).unwrap();
        let (kept, _) = validate_keeping(&inputs, &options, &|_| {}).unwrap();
        assert_eq!(viewed.records, kept.records);
        assert_eq!(
            format!("{:#?}", viewed.findings),
            format!("{:#?}", kept.findings),
            "select {select:?}, ignore {ignore:?}"
        );
        if select.is_empty() {
            assert!(viewed.findings.len() > 100, "{}", viewed.findings.len());
        }
    }
}

/// Victims digested where their blocks are read give the digests of the victims handed over
/// (the same victims, merged across blocks alike, in file order, with the file's source), and
/// the blocks' digests are made on the workers.
#[test]
fn digests_are_the_handed_victims_digested_on_the_workers() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = straddling_list(dir.path());
    let describe = |batch: Vec<Located<Victim>>| -> Vec<String> {
        batch
            .iter()
            .map(|v| {
                let r = &v.record;
                format!(
                    "{} {} {:?} {:?}",
                    r.id,
                    r.cases.len(),
                    r.source_ids,
                    v.location.line
                )
            })
            .collect()
    };
    let options = |threads: usize, block_size: usize| ValidateOptions {
        threads,
        block_size,
        source: Some("src-file".into()),
        ..ValidateOptions::default()
    };
    let mut handed = Vec::new();
    super::super::validate_and_hand_victims(
        &inputs,
        &options(1, 1 << 20),
        &|_| {},
        &mut |batch| handed.extend(describe(batch)),
        None,
    )
    .unwrap();
    assert!(handed.len() > 500);
    assert!(
        handed
            .iter()
            .any(|v| v.contains(" 3 [\"s1\", \"src-file\"]"))
    );
    let here = std::thread::current().id();
    for (threads, block) in [(1, 1 << 20), (1, 64), (3, 64), (2, 333)] {
        let workers = std::sync::atomic::AtomicUsize::new(0);
        let digest = |batch: Vec<Located<Victim>>| {
            if std::thread::current().id() != here {
                workers.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            describe(batch)
        };
        let mut digested = Vec::new();
        super::super::validate_and_digest_victims(
            &inputs,
            &options(threads, block),
            &|_| {},
            &digest,
            &mut |d| digested.extend(d),
            None,
        )
        .unwrap();
        assert_eq!(
            digested, handed,
            "threads {threads}, blocks of {block} bytes"
        );
        let on_workers = workers.load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(
            on_workers > 0,
            threads > 1,
            "threads {threads}: {on_workers}"
        );
    }
}
