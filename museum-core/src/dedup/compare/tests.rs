use super::prepare::fold_place;
use super::*;
use crate::dedup::record::{DateSpan, DedupRecord};
use crate::io::DatasetKind;
use crate::model::{HistoricalDate, PersonName};

pub(crate) fn rec(id: &str, name: &str, birth: Option<&str>) -> DedupRecord {
    DedupRecord {
        id: id.into(),
        origin: super::super::record::Origin {
            kind: DatasetKind::Victims,
            file: None,
            line: None,
        },
        names: vec![PersonName::parse(name)],
        sex: None,
        birth: birth.and_then(|b| DateSpan::from_date(&HistoricalDate::parse(b).unwrap())),
        birth_place: None,
        nationality: None,
        cases: vec![],
        death: None,
        same_as: vec![],
    }
}

#[test]
fn a_name_guessed_reversed_is_also_read_as_written() {
    // `caitlin` has a surname ending, so `Tebbutt Caitlin` is guessed to be written given
    // name first; read as written too, its surname still agrees with `Tebbutt Luke`.
    let mut a = rec("a", "x", Some("1985-12-23"));
    a.names = vec![PersonName::from_parts(
        Some("Tebbutt"),
        Some("Caitlin"),
        None,
    )];
    let mut b = rec("b", "x", Some("1985-12-23"));
    b.names = vec![PersonName::from_parts(Some("Tebbutt"), Some("Luke"), None)];
    let p = Prepared::build(&[a, b], 1);
    assert_eq!(p.names_of(0).len(), 2, "both readings");
    let (levels, names, _) = compare(&p, 0, 1);
    assert_eq!(levels[Field::Surname.index()], SURNAME_SAME, "{levels:?}");
    assert_eq!(p.name_source(0, names.0), 0, "the record's own name");
}

#[test]
fn levels_across_scripts() {
    let recs = vec![
        rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866-03-05")),
        rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
        rec("c", "Bukeikhanov A. N.", Some("1867")),
        rec("d", "Байтурсынов Ахмет", Some("1872")),
    ];
    let p = Prepared::build(&recs, 2);
    let (l, _, _) = compare(&p, 0, 1);
    assert_eq!(&l[..4], &[3, 5, 5, 3]);
    let (l, _, _) = compare(&p, 0, 2);
    assert_eq!(&l[..4], &[3, 2, 2, 2]);
    let (l, _, _) = compare(&p, 0, 3);
    assert_eq!(l[0], 0);
    assert_eq!(
        conflict(&p, 0, 3, &l),
        Some("birth years more than 5 years apart")
    );
    assert_eq!(unpack(pack(&l)), l);
}

/// The given-name level of two written given names (each with the surname `Smith`).
fn given_of(a: &str, b: &str) -> u8 {
    let mut recs = vec![rec("a", "x", None), rec("b", "x", None)];
    for (r, g) in recs.iter_mut().zip([a, b]) {
        r.names = vec![PersonName::from_parts(Some("Smith"), Some(g), None)];
    }
    let p = Prepared::build(&recs, 1);
    compare(&p, 0, 1).0[Field::Given.index()]
}

#[test]
fn name_levels_are_ordered_by_closeness() {
    assert_eq!(given_of("Kieran", "Kieran"), GIVEN_SAME);
    // The fold reads `Ca` as Ча; the Latin spelling still sees one letter changed.
    assert!(given_of("Catherine", "Katherine") >= 3);
    assert_eq!(given_of("Fergus", "Fegrus"), GIVEN_SIMILAR);
    // Jaro–Winkler 0.79: neither a slip nor the same sounds, but not unrelated either.
    assert_eq!(given_of("Kieran", "Kiara"), LOOSE);
    assert_eq!(given_of("K.", "Kieran"), GIVEN_INITIAL);
    for (a, b) in [
        ("Kieran", "Olivia"),
        ("Jacob", "Tahni"),
        ("Mary", "Lachlan"),
    ] {
        assert_eq!(given_of(a, b), 0, "{a} {b}");
    }
    // The levels' labels name them in this order.
    let labels = Field::Given.levels();
    assert_eq!(labels[usize::from(LOOSE)], "loosely similar");
    assert_eq!(labels[usize::from(GIVEN_INITIAL)], "initial agrees");
    assert_eq!(labels[usize::from(GIVEN_SIMILAR)], "similar");
    assert_eq!(labels[usize::from(GIVEN_SAME)], "same");
    let labels = Field::Surname.levels();
    assert_eq!(labels[usize::from(SURNAME_STEM)], "same stem");
    assert_eq!(labels[usize::from(SURNAME_SAME)], "same");
    // Surnames: a loose likeness is a level above a plain disagreement.
    let recs: Vec<DedupRecord> = ["Muehlberg", "Muelbrerg", "Haberfield", "Moulton"]
        .iter()
        .map(|s| {
            let mut r = rec(s, "x", None);
            r.names = vec![PersonName::from_parts(Some(s), Some("Imogen"), None)];
            r
        })
        .collect();
    let p = Prepared::build(&recs, 1);
    let s = |i, j| compare(&p, i, j).0[Field::Surname.index()];
    assert!(s(0, 1) > LOOSE, "{}", s(0, 1));
    assert_eq!(s(0, 2), 0);
    assert!(s(0, 3) <= LOOSE);
}

#[test]
fn addresses_with_slips_are_similar_places() {
    let mut recs = vec![
        rec("a", "X", None),
        rec("b", "Y", None),
        rec("c", "Z", None),
        rec("d", "W", None),
        rec("e", "V", None),
    ];
    recs[0].birth_place = Some("17 reuther street, blue hills, parramatta 3300 qld".into());
    recs[1].birth_place = Some("17 reuther steret, bluehills, parramatat 3300 qld".into());
    recs[2].birth_place = Some("5 dumas street, emerald garden, frankston 3130 sa".into());
    recs[3].birth_place = Some("Акмолинская обл., Атбасарский р-н, с. Покровка".into());
    recs[4].birth_place = Some("Akmolinskaia oblast, Atbasarskii raion, selo Pokrovka".into());
    let p = Prepared::build(&recs, 1);
    let l = |i: usize, j: usize| place_level(&p, &p.recs[i], &p.recs[j]);
    assert_eq!(l(0, 1), 2, "typos and a word run together");
    assert!(
        l(0, 2) < 2,
        "another address (in a list this small, `street` is rare)"
    );
    assert!(l(3, 4) >= 2, "the same village in two scripts: {}", l(3, 4));
    assert_eq!(l(1, 1), 3);
    assert_eq!(Field::BirthPlace.levels()[2], "similar");
}

#[test]
fn levels_without_exact_similarities_are_the_same_levels() {
    // Namesakes, slips, initials, names in two scripts and two orders, places with slips.
    let names = [
        ("Бөкейханов Әлихан Нұрмұхамедұлы", "Каркаралинский уезд"),
        ("Букейханов Алихан Нурмухамедович", "Karkaraly"),
        ("Bukeikhanov A. N.", "Каркаралинский у."),
        ("Байтурсынов Ахмет", "Тургайская обл., Сарткопа"),
        ("Baitursynov Akhmet", "Turgaiskaia obl, Sartkopa"),
        ("Шокай Мустафа", "Сыр-Дарьинская обл."),
        ("Мұстафа Шоқай", "Syr-Darinskaia oblast"),
        ("Тулепов Абдулла", "аул № 7, Токраусская волость"),
        ("Тюлепов Абдула", "аул 7 Токрауской вол."),
        (
            "Tebbutt Caitlin",
            "17 reuther street, blue hills, parramatta 3300 qld",
        ),
        (
            "Tebbutt Luke",
            "17 reuther steret, bluehills, parramatat 3300 qld",
        ),
        (
            "Caitlin Tebutt",
            "5 dumas street, emerald garden, frankston 3130 sa",
        ),
        ("Muehlberg Imogen", "Frankston"),
        ("Muelbrerg Imogen", "Frankstone"),
        ("Ким Ен Хо", "Владивосток"),
        ("Kim Yong Ho", "Vladivostok"),
        ("Müller Johann", "Саратовская обл."),
        ("Mueller Johan", "Saratovskaia oblast"),
        ("Иванов Пётр Иванович", "Акмолинск"),
        ("Иванова Петра Ивановна", "Акмолинская обл."),
    ];
    let recs: Vec<DedupRecord> = names
        .iter()
        .enumerate()
        .map(|(k, (name, place))| {
            let mut r = rec(&k.to_string(), name, Some(["1890", "1891", "1895"][k % 3]));
            r.birth_place = Some((*place).to_owned());
            r
        })
        .collect();
    let p = Prepared::build(&recs, 1);
    let mut loose = 0;
    for i in 0..recs.len() {
        for j in 0..recs.len() {
            let (levels, names, sims) = compare(&p, i, j);
            assert_eq!(compare_levels(&p, i, j), (levels, names), "{i} {j}");
            assert_eq!(
                conflict(&p, i, j, &levels),
                conflict(&p, i, j, &compare_levels(&p, i, j).0)
            );
            loose += sims.iter().filter(|s| **s > 0.0 && **s < LOOSE_JW).count();
        }
    }
    assert!(loose > 0, "some similarities fall below the floor");
}

#[test]
fn swapped_two_part_names() {
    let recs = vec![
        rec("a", "Мұстафа Шоқай", None),
        rec("b", "Шокай Мустафа", None),
    ];
    let p = Prepared::build(&recs, 1);
    let (l, _, _) = compare(&p, 0, 1);
    assert!(l[0] >= 3 && l[1] >= 4, "{l:?}");
}

#[test]
fn places() {
    assert_eq!(fold_place("аул № 7, Токраусская волость"), "tokrauska");
    let mut recs = vec![
        rec("a", "X", None),
        rec("b", "Y", None),
        rec("c", "Z", None),
    ];
    recs[0].birth_place = Some("Каркаралинский уезд".into());
    recs[1].birth_place = Some("Karkaraly".into());
    recs[2].birth_place = Some("Kokpekty".into());
    let p = Prepared::build(&recs, 1);
    assert_eq!(place_level(&p, &p.recs[0], &p.recs[1]), 1);
    assert_eq!(place_level(&p, &p.recs[0], &p.recs[2]), 0);
    assert_eq!(place_level(&p, &p.recs[0], &p.recs[0]), 3);
}

#[test]
fn names_and_cases_laid_out_in_visit_order_stay_each_records_own() {
    // Namesakes interleaved with others, some records with two names or several cases: the
    // visit order brings the namesakes together, and each record still reads its own names and
    // cases wherever they are stored.
    let names = [
        "Ахметов Асан",
        "Ким Ен Сик",
        "Ахметов Усен",
        "Миллер Иоганн",
        "Ким Ен Сик",
    ];
    let recs: Vec<DedupRecord> = (0..40)
        .map(|k| {
            let mut r = rec(&format!("r{k}"), names[k % names.len()], Some("1901"));
            if k % 3 == 0 {
                r.names.push(PersonName::parse("Смит Джон"));
            }
            r.cases = (0..k % 4)
                .map(|c| crate::dedup::record::CaseFacts {
                    arrest: DateSpan::from_date(
                        &HistoricalDate::parse(&format!("1937-0{}-{:02}", c + 1, k % 28 + 1))
                            .unwrap(),
                    ),
                    ..Default::default()
                })
                .collect();
            r
        })
        .collect();
    let p = Prepared::build(&recs, 2);
    let order = p.visit_order();
    let mut seen = order.to_vec();
    seen.sort_unstable();
    assert_eq!(seen, (0..40).collect::<Vec<u32>>(), "a permutation");
    // Namesakes follow one another: as many runs of one surname as surnames.
    let surname = |i: u32| p.names_of(i as usize)[0].parts[0].map(|x| x.stem);
    let runs = 1 + order
        .windows(2)
        .filter(|w| surname(w[0]) != surname(w[1]))
        .count();
    assert_eq!(runs, 3, "{order:?}");
    for (i, r) in recs.iter().enumerate() {
        let own = Prepared::build(std::slice::from_ref(r), 1);
        let text = |q: &Prepared, n: &InternedName| {
            n.parts
                .map(|x| x.map(|x| q.strings.get(x.folded).to_owned()))
        };
        let got: Vec<_> = p.names_of(i).iter().map(|n| text(&p, n)).collect();
        let want: Vec<_> = own.names_of(0).iter().map(|n| text(&own, n)).collect();
        assert_eq!(got, want, "names of record {i}");
        let days = |q: &Prepared, k: usize| {
            q.cases_of(k)
                .iter()
                .map(|c| (c.arrest.lo, c.arrest.hi))
                .collect::<Vec<_>>()
        };
        assert_eq!(days(&p, i), days(&own, 0), "cases of record {i}");
        assert_eq!(days(&p, i).len(), i % 4);
        for k in 0..p.names_of(i).len() {
            assert_eq!(p.name_source(i, k), own.name_source(0, k));
        }
    }
}
