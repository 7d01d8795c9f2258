//! `museum persons`: stable person ids while a synthetic archive grows in five batches.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::util::{code, museum, museum_in, stderr, stdout};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The registry: record → person, and retired id → redirect target (empty: none).
#[derive(Debug, Default)]
struct Reg {
    person: BTreeMap<String, String>,
    retired: BTreeMap<String, String>,
}

fn read_registry(path: &Path) -> Reg {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "person_id",
            "record_id",
            "merged_into",
            "assigned",
            "how",
            "fingerprint"
        ]
    );
    let mut reg = Reg::default();
    for row in rdr.records() {
        let row = row.unwrap();
        if row[1].is_empty() {
            reg.retired.insert(row[0].to_owned(), row[2].to_owned());
        } else {
            assert!(
                reg.person
                    .insert(row[1].to_owned(), row[0].to_owned())
                    .is_none()
            );
        }
    }
    reg
}

impl Reg {
    fn groups(&self) -> BTreeMap<&str, BTreeSet<&str>> {
        let mut g: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for (r, p) in &self.person {
            g.entry(p).or_default().insert(r);
        }
        g
    }

    /// Where an id leads: itself when active, its redirect target (followed) when retired.
    fn resolve<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        let active: BTreeSet<&str> = self.person.values().map(String::as_str).collect();
        let mut cur = id;
        for _ in 0..100 {
            if active.contains(cur) {
                return Some(cur);
            }
            cur = self.retired.get(cur)?;
            if cur.is_empty() {
                return None;
            }
        }
        None
    }
}

/// Pairwise F1 of two partitions of the same records.
fn pairwise_f1(a: &Reg, b: &Reg) -> f64 {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let pa: f64 = a.groups().values().map(|g| pairs(g.len())).sum();
    let pb: f64 = b.groups().values().map(|g| pairs(g.len())).sum();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for (r, p) in &a.person {
        *both.entry((p, &b.person[r])).or_default() += 1;
    }
    let tp: f64 = both.values().map(|&n| pairs(n)).sum();
    if pa + pb == 0.0 {
        return 1.0;
    }
    2.0 * tp / (pa + pb)
}

/// The rows of a synthetic `victims.csv` grouped by record (a record with two cases has two
/// rows), with the header.
fn synth_records(
    dir: &Path,
    n: &str,
    seed: &str,
) -> (csv::StringRecord, Vec<Vec<csv::StringRecord>>) {
    let o = museum(&[
        "synth",
        "--victims",
        n,
        "--seed",
        seed,
        "--out",
        s(dir),
        "-q",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut rdr = csv::Reader::from_path(dir.join("victims.csv")).unwrap();
    let header = rdr.headers().unwrap().clone();
    let mut records: Vec<Vec<csv::StringRecord>> = Vec::new();
    for row in rdr.records() {
        let row = row.unwrap();
        match records.last_mut() {
            Some(last) if last[0][0] == row[0] => last.push(row),
            _ => records.push(vec![row]),
        }
    }
    (header, records)
}

fn write_victims(path: &Path, header: &csv::StringRecord, records: &[&Vec<csv::StringRecord>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(header).unwrap();
    for r in records {
        for row in *r {
            w.write_record(row).unwrap();
        }
    }
    w.flush().unwrap();
}

fn persons(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["persons", "archive", "--format", "json"];
    all.extend_from_slice(args);
    let o = museum_in(dir, &all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn five_batches_keep_ids_redirect_merges_and_match_a_one_shot_run() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, records) = synth_records(&tmp.path().join("synth"), "1500", "3");
    let truth: HashMap<String, String> = csv::Reader::from_path(tmp.path().join("synth/truth.csv"))
        .unwrap()
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_owned(), r[1].to_owned())
        })
        .collect();
    // Batch k holds every fifth record: a person's records usually arrive in different lists.
    let archive = tmp.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let registry = archive.join("persons.csv");
    // Two records of one true person, both in the first batch, decided `different`; two records
    // of different persons in different batches, decided `same`.
    let mut by_person: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate() {
        by_person.entry(&truth[&r[0][0]]).or_default().push(i);
    }
    let split_pair = by_person
        .values()
        .find_map(|v| {
            let first: Vec<usize> = v.iter().copied().filter(|i| i % 5 == 0).collect();
            (first.len() >= 2).then(|| (first[0], first[1]))
        })
        .expect("a person with two records in the first batch");
    let join_pair = (1, 3 * 5 + 2);
    let id = |i: usize| records[i][0][0].to_owned();
    std::fs::write(
        archive.join("decisions.csv"),
        format!(
            "record_a,record_b,decision,who,when,why\n{},{},different,test,2026-12-01,namesakes\n{},{},same,test,2026-12-01,same case file\n",
            id(split_pair.0),
            id(split_pair.1),
            id(join_pair.0),
            id(join_pair.1)
        ),
    )
    .unwrap();
    let mut prev = Reg::default();
    let mut merges_seen = 0;
    for k in 1..=5usize {
        let batch: Vec<&Vec<csv::StringRecord>> = records
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 < k)
            .map(|(_, r)| r)
            .collect();
        write_victims(&archive.join("victims.csv"), &header, &batch);
        let date = format!("2026-12-0{k}");
        let out = persons(tmp.path(), &["--date", &date]);
        assert_eq!(out["written"], true);
        // After the first batch only the new records (and those named by decisions) are
        // compared against the archive.
        if k > 1 {
            let compared = out["compared"].as_u64().expect("an incremental run");
            let added = batch.len() - prev.person.len();
            assert!(
                compared as usize >= added && (compared as usize) <= added + 4,
                "{compared} vs {added}"
            );
        }
        let reg = read_registry(&registry);
        assert_eq!(reg.person.len(), batch.len(), "every record has a person");
        merges_seen += out["changes"]["merges"].as_array().unwrap().len();
        // Every id of the previous registry still exists or redirects to one that does.
        let old_ids: BTreeSet<&str> = prev
            .person
            .values()
            .map(String::as_str)
            .chain(prev.retired.keys().map(String::as_str))
            .collect();
        for id in &old_ids {
            assert!(
                reg.resolve(id).is_some(),
                "batch {k}: `{id}` neither exists nor redirects"
            );
        }
        // A person whose records did not change keeps its id.
        let now = reg.groups();
        let by_set: HashMap<&BTreeSet<&str>, &str> = now.iter().map(|(p, g)| (g, *p)).collect();
        for (p, g) in prev.groups() {
            if let Some(q) = by_set.get(&g) {
                assert_eq!(
                    p, *q,
                    "batch {k}: the records of `{p}` did not change but its id did"
                );
            }
        }
        // Decisions are honoured in every batch.
        let (a, b) = (id(split_pair.0), id(split_pair.1));
        assert_ne!(
            reg.person[&a], reg.person[&b],
            "batch {k}: `different` decision"
        );
        if k >= 4 {
            let (a, b) = (id(join_pair.0), id(join_pair.1));
            assert_eq!(reg.person[&a], reg.person[&b], "batch {k}: `same` decision");
        }
        // Running again on the same input changes nothing, byte for byte.
        let before = std::fs::read(&registry).unwrap();
        let again = persons(tmp.path(), &["--date", "2027-01-01"]);
        assert_eq!(again["written"], false);
        assert_eq!(std::fs::read(&registry).unwrap(), before);
        prev = reg;
    }
    assert!(
        merges_seen > 0,
        "five batches of a duplicated archive merge some persons"
    );
    // The grown registry's persons against a one-shot run on the whole archive.
    let one = tmp.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::copy(archive.join("victims.csv"), one.join("victims.csv")).unwrap();
    std::fs::copy(archive.join("decisions.csv"), one.join("decisions.csv")).unwrap();
    let o = museum_in(tmp.path(), &["persons", "one", "-q"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let oneshot = read_registry(&one.join("persons.csv"));
    let f1 = pairwise_f1(&prev, &oneshot);
    assert!(f1 >= 0.99, "pairwise F1 of grown vs one-shot persons: {f1}");
}

#[test]
fn dry_run_writes_nothing_and_output_is_the_same_for_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, records) = synth_records(&tmp.path().join("synth"), "800", "5");
    let archive = tmp.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    let first: Vec<_> = records.iter().step_by(2).collect();
    write_victims(&archive.join("victims.csv"), &header, &first);
    persons(tmp.path(), &["--date", "2026-12-01"]);
    let registry = archive.join("persons.csv");
    let before = std::fs::read(&registry).unwrap();
    let index = archive.join("persons.index");
    let index_before = std::fs::read(&index).expect("the person index beside the registry");
    let all: Vec<_> = records.iter().collect();
    write_victims(&archive.join("victims.csv"), &header, &all);
    let dry = persons(tmp.path(), &["--date", "2026-12-02", "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["written"], false);
    assert!(!dry["changes"]["new_persons"].as_array().unwrap().is_empty());
    assert_eq!(std::fs::read(&registry).unwrap(), before);
    assert_eq!(
        std::fs::read(&index).unwrap(),
        index_before,
        "a dry run writes no index"
    );
    // Human output names the changes.
    let o = museum_in(
        tmp.path(),
        &["persons", "archive", "--dry-run", "--date", "2026-12-02"],
    );
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.contains("new persons ("), "{text}");
    assert!(
        text.contains("dry run: `archive/persons.csv` not written"),
        "{text}"
    );
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        std::fs::write(&registry, &before).unwrap();
        persons(tmp.path(), &["--date", "2026-12-02", "--threads", threads]);
        outputs.push(std::fs::read(&registry).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_ne!(outputs[0], before);
}

/// The first `base` records and then all of a synthetic archive: the registry and index of
/// the first run, and the JSON of the second (incremental) run.
fn grow(
    dir: &Path,
    header: &csv::StringRecord,
    records: &[Vec<csv::StringRecord>],
    base: usize,
    args: &[&str],
) -> serde_json::Value {
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let first: Vec<_> = records[..base].iter().collect();
    write_victims(&archive.join("victims.csv"), header, &first);
    persons(dir, &["--date", "2026-12-01", "--no-decisions"]);
    let all: Vec<_> = records.iter().collect();
    write_victims(&archive.join("victims.csv"), header, &all);
    let mut a = vec!["--date", "2026-12-02", "--no-decisions"];
    a.extend_from_slice(args);
    persons(dir, &a)
}

#[test]
fn the_person_index_keys_only_new_records_and_gives_the_persons_of_a_full_run() {
    // Large enough for the index to be used (`MIN_INDEXED_RECORDS`); 2 % added.
    let tmp = tempfile::tempdir().unwrap();
    let (header, records) = synth_records(&tmp.path().join("synth"), "6000", "11");
    let base = records.len() * 98 / 100;
    let added = records.len() - base;
    let inc = tmp.path().join("inc");
    let out = grow(&inc, &header, &records, base, &[]);
    assert_eq!(out["compared"].as_u64(), Some(added as u64), "{out}");
    let with = out["compared_with"].as_u64().expect("the index was used");
    assert!(
        (added as u64) < with && with < records.len() as u64,
        "the new records are compared with the records a full run pairs them with: {with}"
    );
    assert!(out.get("index_rebuilt").is_none(), "{out}");
    let archive = inc.join("archive");
    let registry = archive.join("persons.csv");
    let index = archive.join("persons.index");
    let grown = read_registry(&registry);
    assert_eq!(grown.person.len(), records.len());
    // Running again changes nothing, byte for byte, the index included.
    let (reg_bytes, index_bytes) = (
        std::fs::read(&registry).unwrap(),
        std::fs::read(&index).unwrap(),
    );
    let again = persons(&inc, &["--date", "2027-01-01", "--no-decisions"]);
    assert_eq!(again["written"], false);
    assert_eq!(again["compared"].as_u64(), Some(0));
    assert_eq!(std::fs::read(&registry).unwrap(), reg_bytes);
    assert_eq!(std::fs::read(&index).unwrap(), index_bytes);
    // The same persons as a full run on the grown archive (within pairwise F1 0.01), and as
    // an incremental run without the index (every record keyed, the model fitted again).
    let one = tmp.path().join("one");
    std::fs::create_dir_all(one.join("archive")).unwrap();
    std::fs::copy(archive.join("victims.csv"), one.join("archive/victims.csv")).unwrap();
    persons(&one, &["--date", "2026-12-02", "--no-decisions"]);
    let oneshot = read_registry(&one.join("archive/persons.csv"));
    let f1 = pairwise_f1(&grown, &oneshot);
    assert!(
        f1 >= 0.99,
        "pairwise F1 of incremental (index) vs one-shot persons: {f1}"
    );
    let plain = tmp.path().join("plain");
    std::fs::create_dir_all(plain.join("archive")).unwrap();
    let first: Vec<_> = records[..base].iter().collect();
    write_victims(&plain.join("archive/victims.csv"), &header, &first);
    persons(&plain, &["--date", "2026-12-01", "--no-decisions"]);
    std::fs::remove_file(plain.join("archive/persons.index")).unwrap();
    std::fs::copy(
        archive.join("victims.csv"),
        plain.join("archive/victims.csv"),
    )
    .unwrap();
    let out = persons(&plain, &["--date", "2026-12-02", "--no-decisions"]);
    assert!(
        out.get("compared_with").is_none(),
        "no index, no sub-list: {out}"
    );
    let without = read_registry(&plain.join("archive/persons.csv"));
    let f1 = pairwise_f1(&grown, &without);
    assert!(f1 >= 0.99, "pairwise F1 with vs without the index: {f1}");
    // The same bytes for any thread count.
    let t = tmp.path().join("threads");
    let out = grow(&t, &header, &records, base, &["--threads", "1"]);
    assert!(out["compared_with"].as_u64().is_some());
    assert_eq!(
        std::fs::read(t.join("archive/persons.csv")).unwrap(),
        reg_bytes
    );
    assert_eq!(
        std::fs::read(t.join("archive/persons.index")).unwrap(),
        index_bytes
    );
}

#[test]
fn a_damaged_or_stale_person_index_is_rebuilt_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let (header, records) = synth_records(&tmp.path().join("synth"), "5200", "13");
    let dir = tmp.path();
    let archive = dir.join("archive");
    std::fs::create_dir_all(&archive).unwrap();
    let base = records.len() - 50;
    let first: Vec<_> = records[..base].iter().collect();
    write_victims(&archive.join("victims.csv"), &header, &first);
    persons(dir, &["--date", "2026-12-01", "--no-decisions"]);
    let registry = archive.join("persons.csv");
    let index = archive.join("persons.index");
    let (reg0, index0) = (
        std::fs::read(&registry).unwrap(),
        std::fs::read(&index).unwrap(),
    );
    let all: Vec<_> = records.iter().collect();
    write_victims(&archive.join("victims.csv"), &header, &all);
    // Damaged: a clear note, a full run, a new valid index.
    let mut bad = index0.clone();
    let k = bad.len() / 2;
    bad[k] ^= 0x55;
    std::fs::write(&index, &bad).unwrap();
    let o = museum_in(
        dir,
        &[
            "persons",
            "archive",
            "--date",
            "2026-12-02",
            "--no-decisions",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the person index cannot be read") && stderr(&o).contains("checksum"),
        "{}",
        stderr(&o)
    );
    let out: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(out.get("compared_with").is_none(), "{out}");
    let rebuilt = std::fs::read(&index).unwrap();
    assert!(rebuilt.starts_with(b"museum-persons-index\n") && rebuilt != bad);
    let damaged_result = std::fs::read(&registry).unwrap();
    // Stale: the registry was edited after the index was written.
    std::fs::write(&registry, &reg0).unwrap();
    std::fs::write(&index, &index0).unwrap();
    let mut edited = String::from_utf8(reg0.clone()).unwrap();
    edited.push_str("P999999,,,2026-12-01,retired,\n");
    std::fs::write(&registry, edited).unwrap();
    let out = persons(dir, &["--date", "2026-12-02", "--no-decisions"]);
    let why = out["index_rebuilt"]
        .as_str()
        .expect("a stale index is not used");
    assert!(why.contains("another version of the registry"), "{why}");
    // And the same registry as the run after damage, where the index was not usable either.
    std::fs::write(&registry, &reg0).unwrap();
    std::fs::remove_file(&index).unwrap();
    persons(dir, &["--date", "2026-12-02", "--no-decisions"]);
    assert_eq!(std::fs::read(&registry).unwrap(), damaged_result);
}

#[test]
fn bad_registries_and_duplicate_ids_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("victims.csv"),
        "id,surname,given_name,birth_date\nv1,Сейфуллин,Сакен,1894\nv2,Жансугуров,Ильяс,1894\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("persons.csv"),
        "person_id,record_id,merged_into,assigned,how\nP000001,v1,,2026-12-01,new\nP000002,v1,,2026-12-01,new\n",
    )
    .unwrap();
    let o = museum_in(dir, &["persons", "."]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("line 3, field `record_id`: record `v1` is listed twice"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(dir.join("persons.csv")).unwrap();
    std::fs::write(
        dir.join("victims.csv"),
        "id,surname,given_name,birth_date\nv1,Сейфуллин,Сакен,1894\nv1,Жансугуров,Ильяс,1894\n",
    )
    .unwrap();
    let o = museum_in(dir, &["persons", "."]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("victims.csv:3: field `id`: `v1` is also the id of the record at"),
        "{err}"
    );
    assert!(!dir.join("persons.csv").exists());
}

#[test]
fn search_names_the_persons_when_a_registry_exists() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("archive");
    std::fs::create_dir(&data).unwrap();
    for f in ["victims.csv", "figures.csv"] {
        std::fs::copy(crate::util::root().join("datasets").join(f), data.join(f)).unwrap();
    }
    let query = ["search", "Seifullin Saken", "archive", "--format", "json"];
    let before: serde_json::Value =
        serde_json::from_str(&stdout(&museum_in(tmp.path(), &query))).unwrap();
    assert!(before.get("persons").is_none());
    persons(tmp.path(), &["--date", "2026-12-06"]);
    let after: serde_json::Value =
        serde_json::from_str(&stdout(&museum_in(tmp.path(), &query))).unwrap();
    let found = after["persons"].as_array().unwrap();
    // The figure and the victim record of Saken Seifullin are one person.
    assert_eq!(found[0]["records"].as_array().unwrap().len(), 2, "{after}");
    let id = found[0]["person_id"].as_str().unwrap();
    assert!(id.starts_with('P'));
    assert!(
        after["results"]
            .as_array()
            .unwrap()
            .iter()
            .take(2)
            .all(|h| h["person_id"] == id)
    );
}
