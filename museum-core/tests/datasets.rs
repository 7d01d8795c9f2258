//! The museum's real datasets in `datasets/`: they load without errors, every reference and
//! source id resolves, and the key facts stay pinned.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use museum_core::io::Located;
use museum_core::io::{Archive, CsvOptions};
use museum_core::{SentenceKind, Severity};

fn datasets_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("datasets")
}

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let (archive, skipped) = Archive::load_dir(&datasets_dir(), &CsvOptions::default())
            .expect("datasets/ can be read");
        assert!(
            skipped.is_empty(),
            "files of unknown kind in datasets/: {skipped:?}"
        );
        archive
    })
}

/// Collects problems and fails once with all of them listed.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.0.push(what());
        }
    }

    fn finish(self, title: &str) {
        assert!(
            self.0.is_empty(),
            "{title}: {} problem(s)\n  {}",
            self.0.len(),
            self.0.join("\n  ")
        );
    }
}

fn ids<T>(records: &[Located<T>], id: impl Fn(&T) -> &str) -> BTreeSet<String> {
    records.iter().map(|r| id(&r.record).to_owned()).collect()
}

#[test]
fn all_seven_files_are_loaded() {
    let a = archive();
    let kinds: BTreeSet<String> = a.files.iter().map(|(_, k)| k.to_string()).collect();
    let expected: BTreeSet<String> = [
        "sources",
        "figures",
        "events",
        "camps",
        "victims",
        "estimates",
        "claims",
    ]
    .map(String::from)
    .into();
    assert_eq!(kinds, expected);
    assert_eq!(a.files.len(), 7, "one file per kind: {:?}", a.files);
}

#[test]
fn no_finding_is_an_error() {
    let errors: Vec<String> = archive()
        .findings
        .iter()
        .filter(|d| d.severity >= Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "{} error finding(s):\n  {}",
        errors.len(),
        errors.join("\n  ")
    );
}

#[test]
fn no_finding_at_all() {
    // Warnings (unknown sentence, unknown sex) and infos (unknown column) would mean the files
    // drifted from the column dictionary or the vocabularies.
    let all: Vec<String> = archive()
        .findings
        .iter()
        .map(|d| format!("{d} ({:?})", d.value))
        .collect();
    assert!(
        all.is_empty(),
        "{} finding(s):\n  {}",
        all.len(),
        all.join("\n  ")
    );
}

#[test]
fn ids_are_unique_per_file() {
    let a = archive();
    let mut p = Problems::default();
    fn dups<T>(p: &mut Problems, file: &str, records: &[Located<T>], id: impl Fn(&T) -> &str) {
        let mut seen = BTreeMap::new();
        for r in records {
            let id = id(&r.record);
            p.check(!id.trim().is_empty(), || {
                format!("{file}: empty id at {}", r.location)
            });
            if let Some(first) = seen.insert(id.to_owned(), r.location.clone()) {
                p.check(false, || {
                    format!("{file}: id `{id}` at {} and {}", first, r.location)
                });
            }
        }
    }
    dups(&mut p, "sources", &a.sources, |r| &r.id);
    dups(&mut p, "figures", &a.figures, |r| &r.id);
    dups(&mut p, "events", &a.events, |r| &r.id);
    dups(&mut p, "camps", &a.camps, |r| &r.id);
    // Consecutive rows of one victim (case 1, 2…) are merged by the reader, so a victim id seen
    // twice here is a repeated or split person; within a person the case numbers must be unique.
    dups(&mut p, "victims", &a.victims, |r| &r.id);
    dups(&mut p, "estimates", &a.estimates, |r| &r.id);
    dups(&mut p, "claims", &a.claims, |r| &r.id);
    for v in &a.victims {
        let seqs: Vec<u32> = v.record.cases.iter().map(|c| c.seq.unwrap_or(1)).collect();
        let expected: Vec<u32> = (1..=u32::try_from(seqs.len()).unwrap()).collect();
        p.check(seqs == expected, || {
            format!(
                "victims: `{}` has cases {seqs:?}, expected {expected:?}",
                v.record.id
            )
        });
        p.check(!v.record.cases.is_empty(), || {
            format!("victims: `{}` has no case row", v.record.id)
        });
        p.check(v.record.extra.is_empty(), || {
            format!(
                "victims: `{}` case rows disagree on person fields: {:?}",
                v.record.id, v.record.extra
            )
        });
    }
    let prefixes = [
        ("sources", ids(&a.sources, |r| &r.id), "src-"),
        ("figures", ids(&a.figures, |r| &r.id), "fig-"),
        ("events", ids(&a.events, |r| &r.id), "evt-"),
        ("camps", ids(&a.camps, |r| &r.id), "camp-"),
        ("victims", ids(&a.victims, |r| &r.id), "vic-"),
        ("estimates", ids(&a.estimates, |r| &r.id), "est-"),
        ("claims", ids(&a.claims, |r| &r.id), "clm-"),
    ];
    for (file, set, prefix) in prefixes {
        for id in set {
            p.check(id.starts_with(prefix), || {
                format!("{file}: id `{id}` does not start with `{prefix}`")
            });
        }
    }
    p.finish("duplicate or malformed ids");
}

#[test]
fn every_record_has_sources_and_every_source_id_resolves() {
    let a = archive();
    let sources = ids(&a.sources, |r| &r.id);
    let mut p = Problems::default();
    let mut check = |file: &str, id: &str, source_ids: &[String]| {
        p.check(!source_ids.is_empty(), || {
            format!("{file}: `{id}` cites no source")
        });
        for s in source_ids {
            p.check(sources.contains(s), || {
                format!("{file}: `{id}` cites unknown source `{s}`")
            });
        }
    };
    for r in &a.figures {
        check("figures", &r.record.id, &r.record.source_ids);
    }
    for r in &a.events {
        check("events", &r.record.id, &r.record.source_ids);
    }
    for r in &a.camps {
        check("camps", &r.record.id, &r.record.source_ids);
    }
    for r in &a.victims {
        check("victims", &r.record.id, &r.record.source_ids);
    }
    for r in &a.estimates {
        check("estimates", &r.record.id, &r.record.source_ids);
    }
    for r in &a.claims {
        check("claims", &r.record.id, &r.record.source_ids);
    }
    for s in &a.sources {
        let s = &s.record;
        p.check(s.url.is_some() || s.notes.is_some(), || {
            format!("sources: `{}` has neither URL nor notes", s.id)
        });
        // Two collections: the notes of 2026-11-25 and the look-ups of issue 20 (2026-12-06),
        // whose rows say how the page was read.
        let accessed = s.accessed.as_ref().map(ToString::to_string);
        p.check(
            matches!(accessed.as_deref(), Some("2026-11-25" | "2026-12-06")),
            || {
                format!(
                    "sources: `{}` accessed {accessed:?}, not a collection date",
                    s.id
                )
            },
        );
        if accessed.as_deref() == Some("2026-12-06") {
            p.check(
                s.notes
                    .as_deref()
                    .is_some_and(|n| n.contains("through the search tool")),
                || format!("sources: `{}` does not say how it was read", s.id),
            );
        }
    }
    p.finish("sources");
}

#[test]
fn every_reference_resolves() {
    let a = archive();
    let figures = ids(&a.figures, |r| &r.id);
    let events = ids(&a.events, |r| &r.id);
    let camps = ids(&a.camps, |r| &r.id);
    let victims = ids(&a.victims, |r| &r.id);
    let mut p = Problems::default();
    let mut need = |set: &BTreeSet<String>, what: &str, from: &str, id: &str| {
        p.check(set.contains(id), || {
            format!("{from}: unknown {what} `{id}`")
        });
    };
    for f in &a.figures {
        let f = &f.record;
        if let Some(v) = &f.victim_id {
            need(&victims, "victim_id", &f.id, v);
        }
        for e in &f.event_ids {
            need(&events, "event id", &f.id, e);
        }
    }
    for e in &a.events {
        let e = &e.record;
        for f in &e.figure_ids {
            need(&figures, "figure id", &e.id, f);
        }
        for c in &e.camp_ids {
            need(&camps, "camp id", &e.id, c);
        }
    }
    for c in &a.camps {
        let c = &c.record;
        if let Some(parent) = c.parent.as_deref().filter(|p| p.starts_with("camp-")) {
            need(&camps, "parent camp", &c.id, parent);
        }
    }
    for v in &a.victims {
        let v = &v.record;
        if let Some(f) = &v.figure_id {
            need(&figures, "figure_id", &v.id, f);
        }
        for c in v.cases.iter().filter_map(|c| c.camp_id.as_ref()) {
            need(&camps, "camp_id", &v.id, c);
        }
    }
    let subjects_of_estimates: BTreeSet<String> = events.union(&camps).cloned().collect();
    for e in &a.estimates {
        need(
            &subjects_of_estimates,
            "estimate subject",
            &e.record.id,
            &e.record.subject_id,
        );
    }
    let all: BTreeSet<String> = [&figures, &events, &camps, &victims]
        .into_iter()
        .flat_map(|s| s.iter().cloned())
        .collect();
    for c in &a.claims {
        need(&all, "claim subject", &c.record.id, &c.record.subject_id);
    }
    p.finish("references");
}

#[test]
fn figures_and_victims_link_both_ways() {
    let a = archive();
    let mut p = Problems::default();
    let victim_of: BTreeMap<&str, &str> = a
        .figures
        .iter()
        .filter_map(|f| Some((f.record.id.as_str(), f.record.victim_id.as_deref()?)))
        .collect();
    let figure_of: BTreeMap<&str, &str> = a
        .victims
        .iter()
        .filter_map(|v| Some((v.record.id.as_str(), v.record.figure_id.as_deref()?)))
        .collect();
    for (fig, vic) in &victim_of {
        p.check(figure_of.get(vic) == Some(fig), || {
            format!("{fig} → {vic}, but {vic} → {:?}", figure_of.get(vic))
        });
    }
    for (vic, fig) in &figure_of {
        p.check(victim_of.get(fig) == Some(vic), || {
            format!("{vic} → {fig}, but {fig} → {:?}", victim_of.get(fig))
        });
    }
    // Shokay and Sadvakasov were never arrested or sentenced.
    for never in ["fig-shokay", "fig-sadvakasov"] {
        p.check(!victim_of.contains_key(never), || {
            format!("{never} must not have a victim record")
        });
    }
    p.finish("figure ↔ victim links");
}

#[test]
fn preferred_claims_match_the_entity() {
    let a = archive();
    let mut p = Problems::default();
    let date_fields = [
        "birth_date",
        "death_date",
        "start_date",
        "end_date",
        "opened",
        "closed",
        "first_transport",
    ];
    let mut fields: BTreeMap<(String, &str), Option<String>> = BTreeMap::new();
    let d = |x: &Option<museum_core::HistoricalDate>| x.as_ref().map(|d| d.original().to_owned());
    for f in &a.figures {
        let f = &f.record;
        fields.insert((f.id.clone(), "birth_date"), d(&f.birth_date));
        fields.insert((f.id.clone(), "death_date"), d(&f.death_date));
        fields.insert((f.id.clone(), "birth_place"), f.birth_place.clone());
        fields.insert((f.id.clone(), "death_place"), f.death_place.clone());
    }
    for e in &a.events {
        let e = &e.record;
        fields.insert((e.id.clone(), "start_date"), d(&e.start_date));
        fields.insert((e.id.clone(), "end_date"), d(&e.end_date));
    }
    for c in &a.camps {
        let c = &c.record;
        fields.insert((c.id.clone(), "opened"), d(&c.opened));
        fields.insert((c.id.clone(), "closed"), d(&c.closed));
    }
    for v in &a.victims {
        let v = &v.record;
        let held = |f: fn(&museum_core::RepressionCase) -> &Option<museum_core::HistoricalDate>| {
            v.cases
                .iter()
                .filter_map(|c| d(f(c)))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        fields.insert(
            (v.id.clone(), "arrest_date"),
            Some(held(|c| &c.arrest_date)),
        );
        fields.insert(
            (v.id.clone(), "release_date"),
            Some(held(|c| &c.release_date)),
        );
        fields.insert(
            (v.id.clone(), "rehabilitation_date"),
            Some(held(|c| &c.rehabilitation_date)),
        );
    }
    for c in &a.claims {
        let c = &c.record;
        if date_fields.contains(&c.field.as_str()) || c.field.ends_with("_date") {
            p.check(museum_core::HistoricalDate::parse(&c.value).is_ok(), || {
                format!("{}: `{}` is not an EDTF date", c.id, c.value)
            });
        }
        if c.subject_id.starts_with("vic-") {
            if let Some(Some(held)) = fields.get(&(c.subject_id.clone(), c.field.as_str())) {
                let same = held.split(" | ").any(|h| h == c.value);
                p.check(same == c.preferred, || {
                    format!(
                        "{}: preferred={} but the cases of {} hold {held:?} for {}",
                        c.id, c.preferred, c.subject_id, c.field
                    )
                });
            }
            continue;
        }
        if let Some(held) = fields.get(&(c.subject_id.clone(), c.field.as_str())) {
            let same = held.as_deref() == Some(c.value.as_str());
            p.check(same == c.preferred, || {
                format!(
                    "{}: preferred={} but {}.{} holds {:?}, claim says {:?}",
                    c.id, c.preferred, c.subject_id, c.field, held, c.value
                )
            });
        }
    }
    // Every disputed field has at least two competing values.
    let mut per_field: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in &a.claims {
        *per_field
            .entry((c.record.subject_id.as_str(), c.record.field.as_str()))
            .or_default() += 1;
    }
    for ((subject, field), n) in per_field {
        p.check(n >= 2, || {
            format!("{subject}.{field} has a single claim; a claim row needs a competitor")
        });
    }
    p.finish("claims");
}

#[test]
fn the_sixteen_portrait_figures_are_pinned() {
    let a = archive();
    let expected = [
        (
            "fig-bukeikhanov",
            "Alikhan Bukeikhanov",
            "Бөкейханов Әлихан Нұрмұхамедұлы",
            "A. Bukeykhanov",
        ),
        (
            "fig-baitursynov",
            "Akhmet Baitursynov",
            "Байтұрсынұлы Ахмет",
            "A. Baitursynov",
        ),
        (
            "fig-dulatov",
            "Mirzhakyp Dulatov",
            "Дулатұлы Міржақып",
            "M. Dulatov",
        ),
        ("fig-shokay", "Mustafa Shokay", "Шоқай Мұстафа", "M. Shokay"),
        (
            "fig-aimauytov",
            "Zhusipbek Aimauytov",
            "Аймауытов Жүсіпбек",
            "Zh. Aymauitov",
        ),
        (
            "fig-zhumabaev",
            "Magzhan Zhumabaev",
            "Жұмабаев Мағжан Бекенұлы",
            "V. Zhumabaev",
        ),
        (
            "fig-ryskulov",
            "Turar Ryskulov",
            "Рысқұлов Тұрар Рысқұлұлы",
            "T. Ryskulov",
        ),
        (
            "fig-sadvakasov",
            "Smagul Sadvakasov",
            "Сәдуақасов Смағұл",
            "S. Sadvakasov",
        ),
        (
            "fig-asfendiyarov",
            "Sanjar Asfendiyarov",
            "Асфендияров Санжар Жапарұлы",
            "S. Asfendiyarov",
        ),
        (
            "fig-zhurgenov",
            "Temirbek Zhurgenov",
            "Жүргенов Темірбек Қараұлы",
            "T. Zhurgenev",
        ),
        (
            "fig-seifullin",
            "Saken Seifullin",
            "Сейфуллин Сәкен",
            "S. Seyfullin",
        ),
        (
            "fig-zhansugurov",
            "Ilyas Zhansugurov",
            "Жансүгіров Ілияс",
            "I. Zhansugurov",
        ),
        (
            "fig-mailin",
            "Beimbet Mailin",
            "Майлин Бейімбет Жармағамбетұлы",
            "B. Baylin",
        ),
        (
            "fig-kudaiberdiev",
            "Shakarim Kudaiberdiev",
            "Құдайбердіұлы Шәкәрім",
            "Sh. Kudayberdiev",
        ),
        (
            "fig-shanin",
            "Zhumat Shanin",
            "Шанин Жұмат Тұрғынбайұлы",
            "Zh. Shanin",
        ),
        (
            "fig-zhandosov",
            "Oraz Zhandosov",
            "Жандосов Ораз Қыйқымұлы",
            "O. Zhandosov",
        ),
    ];
    assert_eq!(
        a.figures.len(),
        expected.len(),
        "the portrait gallery has 16 figures"
    );
    let mut p = Problems::default();
    for (id, en, kk, museum) in expected {
        let Some(f) = a.figures.iter().map(|f| &f.record).find(|f| f.id == id) else {
            p.check(false, || format!("{id} is missing"));
            continue;
        };
        p.check(f.name_en.original == en, || {
            format!("{id}: name_en {:?}, expected {en:?}", f.name_en.original)
        });
        p.check(f.name_kk.original == kk, || {
            format!("{id}: name_kk {:?}, expected {kk:?}", f.name_kk.original)
        });
        p.check(f.museum_name.as_deref() == Some(museum), || {
            format!("{id}: museum_name {:?}", f.museum_name)
        });
        p.check(f.name_variants.iter().any(|v| v == museum), || {
            format!("{id}: the museum's spelling is not a variant")
        });
        p.check(
            f.name_kk.script == museum_core::Script::KazakhCyrillic
                || !kk.chars().any(museum_core::model::name::is_kazakh_letter),
            || format!("{id}: name_kk is not Kazakh Cyrillic"),
        );
        p.check(
            f.sex
                .as_ref()
                .is_some_and(|s| s.value == museum_core::SexValue::Male),
            || format!("{id}: sex"),
        );
        p.check(
            f.name_en.surname.is_some() && f.name_en.given.is_some(),
            || format!("{id}: name_en does not parse"),
        );
    }
    p.finish("portrait figures");
}

#[test]
fn the_museum_topics_and_other_events_are_pinned() {
    let a = archive();
    let topics: BTreeSet<&str> = a
        .events
        .iter()
        .filter(|e| e.record.museum_topic)
        .map(|e| e.record.id.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "evt-small-october",
        "evt-sozak-uprising",
        "evt-famine-1930-1933",
        "evt-emigration-1928-1933",
        "evt-mass-terror-1937-1938",
        "evt-alzhir",
        "evt-zheltoksan-1986",
    ]
    .into();
    assert_eq!(topics, expected, "the museum's seven exhibition topics");
    for other in [
        "evt-ogpu-alash-case-1930",
        "evt-vkvs-alma-ata-1938",
        "evt-kengir-uprising-1954",
    ] {
        let e = a
            .events
            .iter()
            .find(|e| e.record.id == other)
            .unwrap_or_else(|| panic!("{other} is missing"));
        assert!(!e.record.museum_topic, "{other} is not a museum topic");
    }
    let vkvs = a
        .events
        .iter()
        .find(|e| e.record.id == "evt-vkvs-alma-ata-1938")
        .unwrap();
    assert_eq!(
        vkvs.record.start_date.as_ref().unwrap().to_string(),
        "1938-02-25"
    );
    assert_eq!(
        vkvs.record.end_date.as_ref().unwrap().to_string(),
        "1938-03-02"
    );
}

#[test]
fn alzhir_is_pinned() {
    let a = archive();
    let alzhir = &a
        .camps
        .iter()
        .find(|c| c.record.id == "camp-alzhir")
        .expect("camp-alzhir")
        .record;
    assert_eq!(
        alzhir
            .opened
            .as_ref()
            .and_then(museum_core::HistoricalDate::year),
        Some(1938)
    );
    assert_eq!(
        alzhir
            .closed
            .as_ref()
            .and_then(museum_core::HistoricalDate::year),
        Some(1953)
    );
    assert_eq!(alzhir.parent.as_deref(), Some("camp-karlag"));
    let co = alzhir
        .location
        .as_ref()
        .and_then(|l| l.coordinates)
        .expect("ALZhIR has coordinates");
    assert!(
        (co.latitude - 51.0731).abs() < 1e-3,
        "latitude {}",
        co.latitude
    );
    assert!(
        (co.longitude - 70.9792).abs() < 1e-3,
        "longitude {}",
        co.longitude
    );
    // 51°04′23″N 70°58′45″E, converted exactly.
    assert!((co.latitude - (51.0 + 4.0 / 60.0 + 23.0 / 3600.0)).abs() < 1e-6);
    assert!((co.longitude - (70.0 + 58.0 / 60.0 + 45.0 / 3600.0)).abs() < 1e-6);
    for c in &a.camps {
        if let Some(co) = c.record.location.as_ref().and_then(|l| l.coordinates) {
            assert!(
                (40.0..56.0).contains(&co.latitude) && (46.0..88.0).contains(&co.longitude),
                "{} is outside Kazakhstan",
                c.record.id
            );
        }
    }
}

#[test]
fn the_famine_has_competing_death_estimates() {
    let a = archive();
    let famine = &a
        .events
        .iter()
        .find(|e| e.record.id == "evt-famine-1930-1933")
        .expect("famine")
        .record;
    let deaths: Vec<_> = famine
        .estimates
        .iter()
        .filter(|e| e.measure == "deaths")
        .collect();
    assert!(deaths.len() >= 4, "only {} death estimates", deaths.len());
    let museum = deaths
        .iter()
        .find(|e| e.source_ids.iter().any(|s| s == "src-museum-text"))
        .expect("the museum's own famine figure");
    assert_eq!(museum.low, Some(3_000_000.0));
    let kozybayev = deaths
        .iter()
        .find(|e| e.id == "est-famine-deaths-kozybayev")
        .expect("Kozybayev commission");
    assert_eq!(kozybayev.value, Some(1_750_000.0));
    // Competing values are kept side by side: at least four distinct numbers.
    let distinct: BTreeSet<String> = deaths
        .iter()
        .map(|e| format!("{:?}/{:?}/{:?}", e.value, e.low, e.high))
        .collect();
    assert!(distinct.len() >= 4, "{distinct:?}");
    for e in &a.estimates {
        let e = &e.record;
        assert!(
            e.value.is_some() || e.low.is_some() || e.high.is_some(),
            "{} has no number",
            e.id
        );
        if let (Some(lo), Some(hi)) = (e.low, e.high) {
            assert!(lo <= hi, "{}: low {lo} > high {hi}", e.id);
        }
    }
}

#[test]
fn zhurgenov_victim_record_is_pinned() {
    let a = archive();
    let v = &a
        .victims
        .iter()
        .find(|v| v.record.id == "vic-zhurgenov")
        .expect("vic-zhurgenov")
        .record;
    assert_eq!(v.figure_id.as_deref(), Some("fig-zhurgenov"));
    assert_eq!(v.name.surname.as_deref(), Some("Жургенов"));
    assert_eq!(v.cases.len(), 1);
    let c = &v.cases[0];
    let date = |d: &Option<museum_core::HistoricalDate>| d.as_ref().map(ToString::to_string);
    assert_eq!(date(&c.arrest_date).as_deref(), Some("1937-08-02"));
    assert_eq!(date(&c.sentence_date).as_deref(), Some("1938-02-25"));
    assert!(
        c.sentencing_body
            .as_deref()
            .is_some_and(|b| b.contains("ВКВС")),
        "{:?}",
        c.sentencing_body
    );
    let s = c.sentence.as_ref().expect("sentence");
    assert_eq!(s.kind, SentenceKind::Execution);
    assert_eq!(s.original, "ВМН");
    assert_eq!(date(&c.execution_date).as_deref(), Some("1938-02-25"));
    assert_eq!(date(&c.rehabilitation_date).as_deref(), Some("1957-04-18"));
}

#[test]
fn victims_with_two_cases_are_merged() {
    let a = archive();
    for (id, n) in [
        ("vic-baitursynov", 2),
        ("vic-zhumabaev", 2),
        ("vic-dulatov", 1),
    ] {
        let v = &a
            .victims
            .iter()
            .find(|v| v.record.id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .record;
        assert_eq!(v.cases.len(), n, "{id}");
    }
    let b = &a
        .victims
        .iter()
        .find(|v| v.record.id == "vic-baitursynov")
        .unwrap()
        .record;
    assert_eq!(b.cases[0].sentencing_body.as_deref(), Some("Коллегия ОГПУ"));
    assert_eq!(b.cases[1].charge.as_deref(), Some("58-10, 58-11"));
    // Every sentence text maps to a known kind.
    for v in &a.victims {
        for c in &v.record.cases {
            if let Some(s) = &c.sentence {
                assert_ne!(
                    s.kind,
                    SentenceKind::Unrecognised,
                    "{}: {:?}",
                    v.record.id,
                    s.original
                );
            }
        }
    }
}

/// The ids of one kind (`vic-`, `evt-`) a notes text names.
fn ids_in(notes: Option<&str>, prefix: &str) -> BTreeSet<String> {
    notes
        .unwrap_or_default()
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| w.starts_with(prefix) && w.len() > prefix.len())
        .map(str::to_owned)
        .collect()
}

/// The defendants of each event who are not portrait figures (issue 20).
const EVENT_DEFENDANTS: &[(&str, &[&str])] = &[
    (
        "evt-ogpu-alash-case-1930",
        &[
            "vic-gabbasov",
            "vic-espolov",
            "vic-birimzhanov",
            "vic-adilev",
            "vic-bolganbaev",
            "vic-yusupov",
        ],
    ),
    ("evt-vkvs-alma-ata-1938", &[]),
    (
        "evt-kengir-uprising-1954",
        &["vic-kuznetsov", "vic-sluchenkov"],
    ),
    (
        "evt-zheltoksan-1986",
        &[
            "vic-ryskulbekov",
            "vic-kuzembaev",
            "vic-tashenov",
            "vic-kopesbaev",
            "vic-abdykulov",
            "vic-rakhmetov",
        ],
    ),
];

#[test]
fn events_and_their_defendants_link_both_ways() {
    // victims.csv has no event column: a victim's notes begin with `Event: evt-…` and the
    // event's notes list its victims by id (portrait figures link through figures.event_ids).
    let a = archive();
    let mut p = Problems::default();
    let event_notes: BTreeMap<&str, Option<&str>> = a
        .events
        .iter()
        .map(|e| (e.record.id.as_str(), e.record.notes.as_deref()))
        .collect();
    let victim_notes: BTreeMap<&str, Option<&str>> = a
        .victims
        .iter()
        .map(|v| (v.record.id.as_str(), v.record.notes.as_deref()))
        .collect();
    for (event, notes) in &event_notes {
        for v in ids_in(*notes, "vic-") {
            match victim_notes.get(v.as_str()) {
                None => p.check(false, || format!("{event} names unknown victim {v}")),
                Some(n) => p.check(ids_in(*n, "evt-").contains(*event), || {
                    format!("{event} names {v}, whose notes do not name {event}")
                }),
            }
        }
    }
    for (victim, notes) in &victim_notes {
        for e in ids_in(*notes, "evt-") {
            match event_notes.get(e.as_str()) {
                None => p.check(false, || format!("{victim} names unknown event {e}")),
                Some(n) => p.check(ids_in(*n, "vic-").contains(*victim), || {
                    format!("{victim} names {e}, whose notes do not list {victim}")
                }),
            }
        }
    }
    for (event, expected) in EVENT_DEFENDANTS {
        let listed = ids_in(event_notes.get(event).copied().flatten(), "vic-");
        let expected: BTreeSet<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        p.check(listed == expected, || {
            format!("{event} lists {listed:?}, expected {expected:?}")
        });
    }
    p.finish("event ↔ victim links");
}

#[test]
fn the_event_defendants_are_pinned() {
    let a = archive();
    let persons: BTreeSet<&str> = a.victims.iter().map(|v| v.record.id.as_str()).collect();
    let cases: usize = a.victims.iter().map(|v| v.record.cases.len()).sum();
    assert_eq!(persons.len(), 29, "19 people before issue 20, 10 added");
    assert_eq!(cases, 32, "one row per repression case");
    let v = |id: &str| {
        &a.victims
            .iter()
            .find(|v| v.record.id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .record
    };
    let date = |d: &Option<museum_core::HistoricalDate>| d.as_ref().map(ToString::to_string);
    let mut p = Problems::default();
    for (event, ids) in EVENT_DEFENDANTS {
        for id in *ids {
            let r = v(id);
            p.check(r.figure_id.is_none(), || {
                format!("{id} is not a portrait figure")
            });
            p.check(!r.source_ids.is_empty(), || format!("{id} cites no source"));
            // More than the name: a date, a place or a sentence.
            let more = r.birth_date.is_some()
                || r.birth_place.is_some()
                || r.death_date.is_some()
                || r.cases.iter().any(|c| {
                    c.sentence.is_some()
                        || c.sentence_date.is_some()
                        || c.arrest_date.is_some()
                        || c.release_date.is_some()
                });
            p.check(more, || {
                format!("{id} ({event}) has nothing beyond the name")
            });
            // Names in Cyrillic unless the notes say the source has only a Latin spelling, and
            // every variant differs from the full name.
            let cyrillic = r
                .name
                .original
                .chars()
                .any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
            let latin_only = r
                .notes
                .as_deref()
                .is_some_and(|n| n.contains("Only the Latin spelling"));
            p.check(cyrillic || latin_only, || {
                format!("{id}: the full name is not Cyrillic and the notes do not say why")
            });
            p.check(!r.name_variants.contains(&r.name.original), || {
                format!("{id}: a variant repeats the full name")
            });
        }
    }
    // The OGPU Collegium's sentence of 4 Apr 1930: four commuted in January 1931, the rest shot.
    for id in EVENT_DEFENDANTS[0].1 {
        let c = &v(id).cases[0];
        p.check(
            c.sentencing_body.as_deref() == Some("Коллегия ОГПУ"),
            || format!("{id}: {:?}", c.sentencing_body),
        );
        p.check(
            date(&c.sentence_date).as_deref() == Some("1930-04-04"),
            || format!("{id}: sentence date {:?}", c.sentence_date),
        );
        let s = c.sentence.as_ref().expect("sentence");
        p.check(s.kind == SentenceKind::Execution, || format!("{id}: {s:?}"));
        let commuted = s.original.contains("заменена 10 годами");
        p.check(
            commuted == matches!(*id, "vic-espolov" | "vic-birimzhanov"),
            || format!("{id}: {:?}", s.original),
        );
    }
    p.finish("event defendants");
    // Disputed deaths are held as intervals covering every source's value.
    let g = v("vic-gabbasov");
    assert_eq!(date(&g.death_date).as_deref(), Some("1931/1937"));
    assert_eq!(date(&g.birth_date).as_deref(), Some("1888-10-01"));
    let gabbasov_deaths: BTreeSet<&str> = a
        .claims
        .iter()
        .filter(|c| c.record.subject_id == "vic-gabbasov" && c.record.field == "death_date")
        .map(|c| c.record.value.as_str())
        .collect();
    assert_eq!(gabbasov_deaths, ["1931", "1937"].into());
    assert_eq!(
        date(&v("vic-bolganbaev").death_date).as_deref(),
        Some("1930/1937")
    );
    assert_eq!(
        date(&v("vic-bolganbaev").birth_date).as_deref(),
        Some("1894")
    );
    // Kuznetsov: two cases, the OSO's 25 years of 1949 and the Supreme Court of 1955.
    let k = v("vic-kuznetsov");
    assert_eq!(k.cases.len(), 2);
    assert_eq!(date(&k.birth_date).as_deref(), Some("1913"));
    let first = k.cases[0].sentence.as_ref().expect("sentence");
    assert_eq!(first.kind, SentenceKind::Camp);
    assert_eq!(first.term_years, Some(25.0));
    assert_eq!(
        date(&k.cases[0].sentence_date).as_deref(),
        Some("1949-09-12")
    );
    assert_eq!(k.cases[0].camp_id.as_deref(), Some("camp-steplag-kengir"));
    assert_eq!(date(&k.cases[1].sentence_date).as_deref(), Some("1955-08"));
    assert!(
        k.cases[1].sentence.is_none(),
        "the 1955 sentence is not in the sources"
    );
    // Zheltoksan: Abdykulov, the second death sentence the sources name besides Ryskulbekov.
    let s = v("vic-abdykulov").cases[0]
        .sentence
        .as_ref()
        .expect("sentence");
    assert_eq!(s.kind, SentenceKind::Execution);
}
