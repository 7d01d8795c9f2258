//! Real spellings of the 16 portrait figures (reference facts §1): every variant's keys match its
//! person's canonical (Kazakh Cyrillic) form and never the form of another of the 16.

use museum_core::PersonName;
use museum_core::normalize::{NameKeys, PartKeys};

/// (canonical Kazakh form in archival order, variants). A variant is a surname alone or a full
/// name in any order and script.
const FIGURES: &[(&str, &[&str])] = &[
    (
        "Бөкейханов Әлихан Нұрмұхамедұлы",
        &[
            "Бөкейханов",
            "Бөкейхан",
            "Букейханов",
            "Bukeikhanov",
            "Bukeykhanov",
            "Bokeikhanov",
            "Bukeikhan",
            "Bökeikhan",
            "Bökeihan",
            "Bökeikhanov",
            "Bökeichan",
            "Әлихан Бөкейхан",
            "Алихан Нурмухамедович Букейханов",
            "Alikhan Bukeikhanov",
            "Älichan Bökeichan",
            "Älihan Bökeihan",
        ],
    ),
    (
        "Байтұрсынұлы Ахмет",
        &[
            "Байтұрсынов",
            "Байтурсынов",
            "Baitursynov",
            "Baitursynuly",
            "Baytursynov",
            "Baytursinuli",
            "Baytursunov",
            "Baityrsynov",
            "Baıtursynuly",
            "Ахмет Байтурсынов",
            "Akhmet Baitursynov",
            "Ahmed Baitūrsynūly",
            "А. Байтурсынов",
        ],
    ),
    (
        "Дулатұлы Міржақып",
        &[
            "Дулатов",
            "Dulatov",
            "Dulatuly",
            "Миржакып Дулатов",
            "Миржакип Дулатов",
            "Mirzhakyp Dulatov",
            "Myrzhakyp Dulatov",
            "Mirzhakip Dulatov",
            "Mirjaqyp Dulatuly",
            "Mirschaqyp Dulatuly",
        ],
    ),
    (
        "Шоқай Мұстафа",
        &[
            "Шоқайұлы",
            "Шокай",
            "Чокаев",
            "Shokay",
            "Shokai",
            "Chokay",
            "Çokay",
            "Cokay",
            "Chokayev",
            "Chokaev",
            "Chokay-ogly",
            "Tschokai",
            "Мустафа Шокай",
            "Mustafa Shokay",
            "Mustafa Chokay",
            "Mūstafa Şoqaiūly",
        ],
    ),
    (
        "Аймауытов Жүсіпбек",
        &[
            "Аймауытұлы",
            "Аймаутов",
            "Aimauytov",
            "Aymauytov",
            "Aimautov",
            "Aymautov",
            "Жусупбек Аймаутов",
            "Zhusipbek Aimauytov",
            "Zhusupbek Aymautov",
            "Zhussipbek Aimauytov",
            "Zh. Aymauitov",
        ],
    ),
    (
        "Жұмабаев Мағжан Бекенұлы",
        &[
            "Жұмабай",
            "Жумабаев",
            "Zhumabayev",
            "Zhumabaev",
            "Jumabayev",
            "Schumabai",
            "Магжан Бекенович Жумабаев",
            "Magzhan Zhumabayev",
            "Mağjan Jūmabaev",
            "Magjan Jumabayev",
            "Maghschan Schumabai",
        ],
    ),
    (
        "Рысқұлов Тұрар Рысқұлұлы",
        &[
            "Рыскулов",
            "Рысқұлұлы",
            "Ryskulov",
            "Rysqulov",
            "Ryskululy",
            "Rysqulow",
            "Турар Рыскулович Рыскулов",
            "Turar Ryskulov",
            "Turar Rysqulow",
        ],
    ),
    (
        "Сәдуақасов Смағұл",
        &[
            "Сәдуақасұлы",
            "Садвакасов",
            "Садуакасов",
            "Sadvakasov",
            "Saduakasov",
            "Saduakasuly",
            "Säduaqasov",
            "Смагул Садвакасов",
            "Smagul Sadvakasov",
            "Smaghul Säduaqassow",
        ],
    ),
    (
        "Асфендияров Санжар Жапарұлы",
        &[
            "Асфендиаров",
            "Asfendiyarov",
            "Asfendiarov",
            "Asfendijarow",
            "Санджар Асфендиаров",
            "Sanjar Asfendiyarov",
            "Sanzhar Asfendiarov",
            "Sanschar Asfendijarow",
        ],
    ),
    (
        "Жүргенов Темірбек Қараұлы",
        &[
            "Жургенов",
            "Жургенев",
            "Zhurgenov",
            "Zhurgenev",
            "Темирбек Караевич Жургенов",
            "Жургенов Темирбек Караевич",
            "Temirbek Zhurgenov",
        ],
    ),
    (
        "Сейфуллин Сәкен",
        &[
            "Seifullin",
            "Seyfullin",
            "Seïfoulline",
            "Сакен Сейфуллин",
            "Saken Seifullin",
            "Säken Seifullin",
        ],
    ),
    (
        "Жансүгіров Ілияс",
        &[
            "Джансугуров",
            "Zhansugurov",
            "Jansugurov",
            "Zhansugirov",
            "Dzhansugurov",
            "Jansügırov",
            "Jansúgirov",
            "Ильяс Джансугуров",
            "Ilyas Zhansugurov",
            "Ilias Jansügırov",
            "Ilııas Jansúgirov",
        ],
    ),
    (
        "Майлин Бейімбет",
        &[
            "Mailin",
            "Maylin",
            "Беимбет Майлин",
            "Beimbet Mailin",
            "Beyimbet Maylin",
            "Майлин Беимбет Жармагамбетович",
        ],
    ),
    (
        "Құдайбердіұлы Шәкәрім",
        &[
            "Кудайбердиев",
            "Kudaiberdiev",
            "Kudayberdiev",
            "Kudaiberdiuly",
            "Qudaiberdiuly",
            "Kudajberdiuły",
            "Шакарим Кудайбердиев",
            "Shakarim Kudaiberdiev",
            "Szakarim Kudajberdiuły",
            "Sh. Kudayberdiev",
        ],
    ),
    (
        "Шанин Жұмат Тұрғынбайұлы",
        &[
            "Shanin",
            "Жумат Тургунбаевич Шанин",
            "Zhumat Shanin",
            "Шанин Жумат Тургунбаевич",
        ],
    ),
    (
        "Жандосов Ораз Қыйқымұлы",
        &[
            "Джандосов",
            "Zhandosov",
            "Dzhandosov",
            "Jandosov",
            "Schandossow",
            "Ураз Кикимович Джандосов",
            "Oras Schandossow",
            "Uraz Dzhandosov",
            "Oraz Zhandosov",
        ],
    ),
];

/// Whether two parts agree: phonetic codes overlap, or (for an initial) the first sounds agree.
fn part_matches(a: &PartKeys, b: &PartKeys) -> bool {
    if a.is_initial || b.is_initial {
        a.initial == b.initial
    } else {
        a.phonetic_overlaps(b)
    }
}

/// Whether a variant's keys match a canonical name: the surname agrees, and so do the given name
/// and the patronymic when the variant has them. A two-word name may be in either order
/// (`Мұстафа Шоқай` is given-first, though Cyrillic lists are surname-first).
fn matches(variant: &NameKeys, canonical: &NameKeys) -> bool {
    let ok = |v: &NameKeys| {
        let part = |x: &Option<PartKeys>, y: &Option<PartKeys>| match (x, y) {
            (Some(x), Some(y)) => part_matches(x, y),
            _ => true,
        };
        v.surname.is_some()
            && part(&v.surname, &canonical.surname)
            && part(&v.given, &canonical.given)
            && part(&v.patronymic, &canonical.patronymic)
    };
    if ok(variant) {
        return true;
    }
    variant.swapped().is_some_and(|s| ok(&s))
}

#[test]
fn every_variant_matches_its_person_and_no_other() {
    let canon: Vec<NameKeys> = FIGURES
        .iter()
        .map(|(c, _)| NameKeys::of(&PersonName::parse(c)))
        .collect();
    let mut total = 0;
    let mut failures = Vec::new();
    for (i, (canonical, variants)) in FIGURES.iter().enumerate() {
        for v in *variants {
            total += 1;
            let keys = NameKeys::of(&PersonName::parse(v));
            if !matches(&keys, &canon[i]) {
                failures.push(format!("{v} does not match {canonical}: {keys:?}"));
            }
            for (j, (other, _)) in FIGURES.iter().enumerate() {
                if j != i && matches(&keys, &canon[j]) {
                    failures.push(format!("{v} ({canonical}) also matches {other}"));
                }
            }
        }
    }
    assert!(total >= 100, "only {total} variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn canonical_surnames_are_distinct() {
    let keys: Vec<NameKeys> = FIGURES
        .iter()
        .map(|(c, _)| NameKeys::of(&PersonName::parse(c)))
        .collect();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            assert!(
                !a.surname
                    .as_ref()
                    .unwrap()
                    .phonetic_overlaps(b.surname.as_ref().unwrap()),
                "{a:?} / {b:?}"
            );
        }
    }
}
