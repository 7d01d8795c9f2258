//! Tests of `museum_synth` through the public API: determinism, the promised shares,
//! clean data without defects, every listed defect really in the file, and an exact-key
//! deduplication baseline that must be clearly imperfect.

use std::collections::{BTreeMap, HashMap, HashSet};

use museum_core::io::{Archive, CsvOptions, read_file};
use museum_core::validate::{ValidateOptions, validate_archive};
use museum_core::{Before, HistoricalDate, Script, Sex, SexValue, Victim};
use museum_synth::{Synth, SynthOptions, SynthSummary, generate_dir};
use unicode_normalization::UnicodeNormalization;

const DATE_COLUMNS: &[&str] = &[
    "birth_date",
    "arrest_date",
    "sentence_date",
    "execution_date",
    "camp_arrival_date",
    "release_date",
    "death_date",
    "rehabilitation_date",
];

/// A generated archive in memory: the CSV rows as maps, truth and defects.
struct Generated {
    rows: Vec<BTreeMap<String, String>>,
    truth: HashMap<String, String>,
    summary: SynthSummary,
}

fn parse_csv(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

fn generate(options: &SynthOptions) -> Generated {
    let (mut v, mut t, mut d) = (Vec::new(), Vec::new(), Vec::new());
    let summary = Synth::new(options)
        .unwrap()
        .write_csv(&mut v, &mut t, &mut d)
        .unwrap();
    assert_eq!(parse_csv(&d).len(), summary.defect_count());
    let truth = parse_csv(&t)
        .into_iter()
        .map(|r| (r["record_id"].clone(), r["person_id"].clone()))
        .collect();
    Generated {
        rows: parse_csv(&v),
        truth,
        summary,
    }
}

/// The first row of every record (later rows of a record have `case` 2, 3…).
fn records(rows: &[BTreeMap<String, String>]) -> Vec<&BTreeMap<String, String>> {
    rows.iter()
        .filter(|r| r["case"].is_empty() || r["case"] == "1")
        .collect()
}

fn files(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn same_seed_gives_identical_files_and_other_seeds_differ() {
    let options = SynthOptions::new(3_000)
        .seed(7)
        .defects(0.02)
        .with_archive(true);
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate_dir(&options, a.path()).unwrap();
    generate_dir(&options, b.path()).unwrap();
    generate_dir(&options.clone().seed(8), c.path()).unwrap();
    let (fa, fb, fc) = (files(a.path()), files(b.path()), files(c.path()));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        [
            "SYNTHETIC.md",
            "camps.csv",
            "defects.csv",
            "events.csv",
            "relations.csv",
            "sources.csv",
            "truth.csv",
            "victims.csv"
        ]
    );
    for (name, bytes) in &fa {
        assert!(fb[name] == *bytes, "{name} differs between two runs");
    }
    for name in ["victims.csv", "truth.csv", "defects.csv", "SYNTHETIC.md"] {
        assert!(fc[name] != fa[name], "{name} is the same for seeds 7 and 8");
    }
    // The iterator gives the same records as the threaded writer, and the project's own CSV
    // writer writes them to the same bytes.
    let victims: Vec<Victim> = Synth::new(&options).unwrap().map(|r| r.victim).collect();
    let mut buf = Vec::new();
    museum_core::io::write_csv(&victims, &mut buf).unwrap();
    assert!(buf == fa["victims.csv"], "iterator and writer disagree");
}

#[test]
fn promised_shares_hold_on_20k_records() {
    let g = generate(&SynthOptions::new(20_000).seed(11));
    let s = &g.summary;
    assert_eq!(s.records, 20_000);
    let recs = records(&g.rows);
    assert_eq!(recs.len(), 20_000);
    assert_eq!(g.rows.len(), s.rows);

    // Duplicates: about 20% of persons have 2–4 records, recomputed from truth.csv.
    let mut per_person: HashMap<&str, usize> = HashMap::new();
    for p in g.truth.values() {
        *per_person.entry(p.as_str()).or_insert(0) += 1;
    }
    assert_eq!(per_person.len(), s.persons);
    let dup = per_person.values().filter(|n| **n > 1).count();
    assert_eq!(dup, s.persons_with_duplicates);
    let share = dup as f64 / per_person.len() as f64;
    assert!((0.18..=0.22).contains(&share), "duplicate share {share}");
    assert!(per_person.values().all(|n| (1..=4).contains(n)));

    // Hard negatives are there.
    assert!(s.namesake_groups > 150, "{s:?}");
    assert!(s.father_son_pairs > 100 && s.brother_groups > 100 && s.spouse_pairs > 80);

    // Scripts of the full name, recomputed from the file.
    let mut scripts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &recs {
        let k = match Script::detect(&r["full_name"]) {
            Script::KazakhCyrillic => "kazakh_cyrillic",
            Script::RussianCyrillic => "russian_cyrillic",
            Script::Latin => "latin",
            Script::Mixed => "mixed",
            Script::Unknown => "unknown",
        };
        *scripts.entry(k).or_insert(0) += 1;
    }
    assert_eq!(scripts, s.scripts);
    let sh = |k: &str| scripts.get(k).copied().unwrap_or(0) as f64 / 20_000.0;
    assert!(
        (0.10..=0.30).contains(&sh("kazakh_cyrillic")),
        "{scripts:?}"
    );
    assert!(
        (0.50..=0.80).contains(&sh("russian_cyrillic")),
        "{scripts:?}"
    );
    assert!((0.07..=0.22).contains(&sh("latin")), "{scripts:?}");
    assert!((0.005..=0.06).contains(&sh("mixed")), "{scripts:?}");

    // Nationalities and sex (true values, from the summary).
    let kazakh = s.nationalities["Kazakh"] as f64 / 20_000.0;
    assert!((0.55..=0.65).contains(&kazakh), "{kazakh}");
    assert_eq!(s.nationalities.len(), 9);
    let women = s.female_records as f64 / 20_000.0;
    assert!((0.05..=0.2).contains(&women), "{women}");

    // Every record cites a synthetic source; ids do not reveal persons.
    assert!(
        recs.iter()
            .all(|r| r["source_ids"].starts_with("src-synthetic-"))
    );
    let first: Vec<&str> = recs
        .iter()
        .take(50)
        .map(|r| g.truth[&r["id"]].as_str())
        .collect();
    let mut sorted = first.clone();
    sorted.sort_unstable();
    assert_ne!(first, sorted, "record order follows persons");

    // Noise is everywhere, not only on duplicates: single records carry it too.
    let singles: HashSet<&str> = per_person
        .iter()
        .filter(|(_, n)| **n == 1)
        .map(|(p, _)| *p)
        .collect();
    let noisy_singles = recs
        .iter()
        .filter(|r| singles.contains(g.truth[&r["id"]].as_str()))
        .filter(|r| {
            r["given_name"].ends_with('.')
                || Script::detect(&r["full_name"]) == Script::Mixed
                || r["surname"].chars().count() > 1 && r["surname"] == r["surname"].to_uppercase()
        })
        .count();
    assert!(noisy_singles > 800, "{noisy_singles}");
}

/// A charge as the generator writes it: articles (`58-10`, `58 п. 10`, `61`), comma-separated,
/// optionally `ст. … УК РСФСР` or `Art. …`; or the family-member charge.
fn charge_is_well_formed(c: &str) -> bool {
    if ["ЧСИР", "CHSIR", "TSCHSIR", "ÇSIR"].contains(&c.to_uppercase().as_str()) {
        return true;
    }
    let c = c.strip_prefix("ст. ").unwrap_or(c);
    let c = c.strip_prefix("Art. ").unwrap_or(c);
    let c = c.strip_suffix(" УК РСФСР").unwrap_or(c);
    let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // The criminal code of the RSFSR (1926) has about 200 articles.
    let article = |s: &str| num(s) && s.parse::<u32>().is_ok_and(|n| (1..=206).contains(&n));
    let part = |s: &str| {
        let s = s.strip_suffix(['а', 'б', 'a', 'b']).unwrap_or(s);
        num(s)
    };
    c.split(", ").all(|item| {
        if let Some((a, p)) = item.split_once(" п. ") {
            article(a) && part(p)
        } else if let Some((a, p)) = item.split_once('-') {
            article(a) && part(p)
        } else {
            article(item)
        }
    })
}

fn date(r: &BTreeMap<String, String>, col: &str) -> Option<HistoricalDate> {
    let t = &r[col];
    (!t.is_empty()).then(|| HistoricalDate::parse(t).unwrap())
}

#[test]
fn without_defects_the_data_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate_dir(&SynthOptions::new(20_000).seed(5), dir.path()).unwrap();
    assert_eq!(summary.defect_count(), 0);
    let bytes = std::fs::read(dir.path().join("victims.csv")).unwrap();
    let rows = parse_csv(&bytes);
    let bad_char =
        |c: char| c.is_control() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{00AD}' | '\u{FEFF}');
    let mut ids = HashSet::new();
    for r in &rows {
        // Every date parses (no impossible or unreadable dates).
        for col in DATE_COLUMNS {
            let t = &r[*col];
            if !t.is_empty() {
                assert!(HistoricalDate::parse(t).is_ok(), "{col}: {t}");
            }
        }
        for (k, v) in r {
            assert!(!v.chars().any(bad_char), "{k}: {v:?}");
        }
        if !r["sex"].is_empty() {
            let s = Sex::parse(&r["sex"]).unwrap();
            assert_ne!(s.value, SexValue::Unrecognised, "{}", r["sex"]);
        }
        if !r["charge"].is_empty() {
            assert!(charge_is_well_formed(&r["charge"]), "{}", r["charge"]);
        }
        if r["case"].is_empty() || r["case"] == "1" {
            assert!(ids.insert(r["id"].clone()), "duplicate id {}", r["id"]);
        }
        // Chronology of the case: arrest ≤ sentence ≤ execution, sentence < rehabilitation.
        let (arrest, sentence, execution, rehab) = (
            date(r, "arrest_date"),
            date(r, "sentence_date"),
            date(r, "execution_date"),
            date(r, "rehabilitation_date"),
        );
        let ordered = |a: &Option<HistoricalDate>, b: &Option<HistoricalDate>| match (a, b) {
            (Some(a), Some(b)) => a.compare_before_or_same(b) != Before::CertainlyNot,
            _ => true,
        };
        assert!(ordered(&arrest, &sentence), "{r:?}");
        assert!(ordered(&sentence, &execution), "{r:?}");
        assert!(ordered(&arrest, &execution), "{r:?}");
        assert!(ordered(&sentence, &rehab), "{r:?}");
        // Plausible age at arrest (birth year noise ±1 included).
        if let (Some(b), Some(a)) = (date(r, "birth_date"), arrest.as_ref()) {
            let age = a.year().unwrap() - b.year().unwrap();
            assert!((14..=80).contains(&age), "age {age}: {r:?}");
        }
    }
    assert_eq!(ids.len(), 20_000);
    let defects = std::fs::read_to_string(dir.path().join("defects.csv")).unwrap();
    assert_eq!(defects, "record_id,field,defect,value\n");
    // The project's reader reads every record without a single finding.
    let (victims, findings) =
        read_file::<Victim>(&dir.path().join("victims.csv"), &CsvOptions::default()).unwrap();
    assert_eq!(victims.len(), 20_000);
    assert!(
        findings.is_empty(),
        "{:?}",
        &findings[..findings.len().min(5)]
    );
    // And validation of the directory finds no errors.
    let (archive, _) = Archive::load_dir(dir.path(), &CsvOptions::default()).unwrap();
    let report = validate_archive(&archive, &ValidateOptions::default());
    // No errors; the only warnings are deliberate realistic noise that validation is right to
    // point out: a Latin look-alike letter inside a Cyrillic word, a record with every date lost.
    let unexpected: Vec<_> = report
        .findings
        .iter()
        .filter(|d| {
            d.severity == museum_core::Severity::Error
                || (d.severity == museum_core::Severity::Warning
                    && !matches!(
                        d.code,
                        museum_core::Code::MixedScript | museum_core::Code::NoDates
                    ))
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "{:?}",
        &unexpected[..unexpected.len().min(5)]
    );
}

#[test]
fn every_listed_defect_is_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let summary =
        generate_dir(&SynthOptions::new(20_000).seed(9).defects(0.03), dir.path()).unwrap();
    let rows = parse_csv(&std::fs::read(dir.path().join("victims.csv")).unwrap());
    let defects = parse_csv(&std::fs::read(dir.path().join("defects.csv")).unwrap());
    assert_eq!(defects.len(), summary.defect_count());
    assert!((450..=750).contains(&defects.len()), "{}", defects.len());
    let mut by_id: HashMap<&str, Vec<&BTreeMap<String, String>>> = HashMap::new();
    for r in &rows {
        by_id.entry(r["id"].as_str()).or_default().push(r);
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    // Unknown sexes that say "unknown" (`неизв.`, `?`) are read as missing (M217), not M203.
    let mut sex_placeholders = 0;
    for d in &defects {
        let (id, field, kind, value) = (&d["record_id"], &d["field"], &d["defect"], &d["value"]);
        *kinds.entry(kind.clone()).or_insert(0) += 1;
        if kind == "unknown_sex" && museum_core::model::vocab::is_placeholder(value) {
            sex_placeholders += 1;
        }
        let candidates = &by_id[id.as_str()];
        let holds = candidates.iter().any(|r| {
            if r[field.as_str()] != *value {
                return false;
            }
            let d = |c: &str| date(r, c);
            match kind.as_str() {
                "impossible_date" => HistoricalDate::parse(value).is_err_and(|e| e.is_impossible()),
                "execution_before_arrest" => {
                    d("execution_date")
                        .unwrap()
                        .compare_before(&d("arrest_date").unwrap())
                        == Before::Certainly
                }
                "sentence_before_arrest" => {
                    d("sentence_date")
                        .unwrap()
                        .compare_before(&d("arrest_date").unwrap())
                        == Before::Certainly
                }
                "birth_after_arrest" => {
                    d("arrest_date")
                        .unwrap()
                        .compare_before(&d("birth_date").unwrap())
                        == Before::Certainly
                }
                "rehabilitation_before_sentence" => {
                    d("rehabilitation_date")
                        .unwrap()
                        .compare_before(&d("sentence_date").unwrap())
                        == Before::Certainly
                }
                "implausible_age" => {
                    let event = d("arrest_date").or_else(|| d("sentence_date")).unwrap();
                    let age = event.year().unwrap() - d("birth_date").unwrap().year().unwrap();
                    !(10..=100).contains(&age)
                }
                "control_character" => value
                    .chars()
                    .any(|c| c.is_control() || museum_core::model::invisible::is_invisible(c)),
                "duplicate_id" => field == "id",
                "unknown_sex" => Sex::parse(value).unwrap().value == SexValue::Unrecognised,
                "malformed_charge" => !charge_is_well_formed(value),
                other => panic!("unknown defect kind {other}"),
            }
        });
        assert!(holds, "defect not in the file: {d:?} in {candidates:?}");
        if kind == "duplicate_id" {
            let starts = candidates
                .iter()
                .filter(|r| r["case"].is_empty() || r["case"] == "1")
                .count();
            assert!(starts >= 2, "{id} is not used twice");
        }
    }
    assert_eq!(kinds.len(), 10, "every kind planted: {kinds:?}");
    // The project's validator finds exactly the planted impossible dates, duplicate ids and
    // unknown sexes (counted once per record and field: a record with two cases repeats its
    // person fields on both rows).
    let (archive, _) = Archive::load_dir(dir.path(), &CsvOptions::default()).unwrap();
    let report = validate_archive(&archive, &ValidateOptions::default());
    let count = |id: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.code.id() == id)
            .map(|f| {
                (
                    f.location.record_id.clone(),
                    f.location.line,
                    f.location.field.as_deref().map(str::to_owned),
                )
            })
            .map(|(rid, line, field)| {
                if id == "M401" {
                    (rid, line, field)
                } else {
                    (rid, None, field)
                }
            })
            .collect::<HashSet<_>>()
            .len()
    };
    assert_eq!(count("M202"), kinds["impossible_date"]);
    assert_eq!(count("M401"), kinds["duplicate_id"]);
    assert!(
        sex_placeholders > 0,
        "the planted sexes include placeholders"
    );
    assert_eq!(count("M203"), kinds["unknown_sex"] - sex_placeholders);
}

fn norm(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphabetic())
        .collect()
}

#[test]
fn exact_key_baseline_is_clearly_imperfect() {
    let g = generate(&SynthOptions::new(20_000).seed(13));
    let recs = records(&g.rows);
    // Same normalized surname + given name + birth year → same person.
    let mut blocks: HashMap<(String, String, Option<i32>), Vec<&str>> = HashMap::new();
    for r in &recs {
        let year = date(r, "birth_date").and_then(|d| d.year());
        blocks
            .entry((norm(&r["surname"]), norm(&r["given_name"]), year))
            .or_default()
            .push(r["id"].as_str());
    }
    let (mut predicted, mut correct) = (0u64, 0u64);
    for ids in blocks.values() {
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                predicted += 1;
                if g.truth[*a] == g.truth[*b] {
                    correct += 1;
                }
            }
        }
    }
    let truth_pairs = g.summary.duplicate_pairs;
    let (precision, recall) = (
        correct as f64 / predicted as f64,
        correct as f64 / truth_pairs as f64,
    );
    // Misses most true duplicates (spellings differ) and merges namesakes.
    assert!(recall < 0.4, "recall {recall}");
    assert!(recall > 0.05, "recall {recall}");
    assert!(precision < 0.97, "precision {precision}");
    assert!(precision > 0.5, "precision {precision}");
}

#[test]
fn multi_source_mode_has_the_promised_shape() {
    use museum_synth::MultiSource;
    let options = SynthOptions::new(6_000)
        .seed(42)
        .multi_source(Some(MultiSource::PROFILE));
    let dir = tempfile::tempdir().unwrap();
    let summary = generate_dir(&options, dir.path()).unwrap();
    let fa = files(dir.path());
    // Deterministic: a second run writes the same bytes, and the one-record-at-a-time iterator
    // gives what the threaded writer wrote.
    let again = tempfile::tempdir().unwrap();
    generate_dir(&options, again.path()).unwrap();
    let fb = files(again.path());
    for (name, bytes) in &fa {
        assert!(fb[name] == *bytes, "{name} differs between two runs");
    }
    let victims: Vec<Victim> = Synth::new(&options).unwrap().map(|r| r.victim).collect();
    let mut buf = Vec::new();
    museum_core::io::write_csv(&victims, &mut buf).unwrap();
    assert!(buf == fa["victims.csv"], "iterator and writer disagree");
    // The default mode is not changed by the mode's existence.
    let plain = generate(&SynthOptions::new(500).seed(42));
    assert!(plain.summary.noise.keys().all(|k| !k.starts_with("ms_")));

    let g = generate(&options);
    assert_eq!(g.summary.records, 6_000);
    // Every person in 3–20 records (only the last person planned may be cut short), each
    // from a different source of the mode.
    let mut per_person: HashMap<&str, Vec<&str>> = HashMap::new();
    let recs = records(&g.rows);
    for r in &recs {
        let src = r["source_ids"].as_str();
        assert!(src.starts_with("src-synthetic-ms-"), "{src}");
        per_person
            .entry(g.truth[&r["id"]].as_str())
            .or_default()
            .push(src);
    }
    let short = per_person.values().filter(|s| s.len() < 3).count();
    assert!(short <= 1, "{short} persons in fewer than 3 records");
    assert!(per_person.values().all(|s| s.len() <= 20));
    assert!(per_person.values().any(|s| s.len() >= 15));
    for s in per_person.values() {
        let distinct: HashSet<&&str> = s.iter().collect();
        assert_eq!(distinct.len(), s.len(), "two copies from one source: {s:?}");
    }
    // About 30% of the optional fields are missing (the list styles leave some out too).
    let optional = [
        "patronymic",
        "sex",
        "birth_date",
        "birth_place",
        "nationality",
        "occupation",
        "residence",
    ];
    let empty = recs
        .iter()
        .flat_map(|r| optional.iter().map(move |c| r[*c].is_empty()))
        .filter(|e| *e)
        .count();
    let share = empty as f64 / (recs.len() * optional.len()) as f64;
    assert!((0.3..0.5).contains(&share), "missing share {share}");
    // Every kind of field-level noise occurs, and dates in other archives' formats are read.
    for kind in [
        "ms_name_typo",
        "ms_transliteration_variant",
        "ms_surname_given_swapped",
        "ms_given_initial_only",
        "ms_patronymic_missing",
        "ms_patronymic_initial_only",
        "ms_birth_date_off_by_a_day",
        "ms_birth_date_off_by_a_month",
        "ms_birth_date_off_by_a_year",
        "ms_fields_blanked",
    ] {
        assert!(
            g.summary.noise.get(kind).copied().unwrap_or(0) > 20,
            "{kind}"
        );
    }
    let births: Vec<&str> = recs.iter().map(|r| r["birth_date"].as_str()).collect();
    for shape in [
        |t: &str| t.contains('/'),
        |t: &str| t.contains(", 19"),
        |t: &str| t.contains("жылғы"),
    ] {
        assert!(births.iter().any(|t| shape(t)), "a date format is missing");
    }
    for r in &g.rows {
        for col in DATE_COLUMNS {
            let t = &r[*col];
            assert!(
                t.is_empty() || HistoricalDate::parse(t).is_ok(),
                "{col}: {t}"
            );
        }
    }
    // sources.csv lists every source the records name, SYNTHETIC.md says how it was made.
    let sources = String::from_utf8(fa["sources.csv"].clone()).unwrap();
    assert!(sources.contains("src-synthetic-ms-24"));
    let md = String::from_utf8(fa["SYNTHETIC.md"].clone()).unwrap();
    assert!(md.contains("--sources-per-person 3-20 --missing 0.3 --noise 0.2"));
    assert!(md.contains("Multi-source mode"));
    assert_eq!(summary, g.summary);
}

#[test]
fn multi_source_options_are_checked() {
    use museum_synth::MultiSource;
    let bad = |m: MultiSource| Synth::new(&SynthOptions::new(10).multi_source(Some(m))).is_err();
    let p = MultiSource::PROFILE;
    assert!(bad(MultiSource {
        min_sources: 0,
        ..p
    }));
    assert!(bad(MultiSource {
        max_sources: 25,
        ..p
    }));
    assert!(bad(MultiSource { missing: 1.5, ..p }));
    assert!(bad(MultiSource { noise: -0.1, ..p }));
    assert!(!bad(MultiSource {
        min_sources: 1,
        max_sources: 1,
        ..p
    }));
}
