//! Real spellings of the 16 portrait figures (reference facts §1) and of the defendants of the
//! museum's events in `datasets/victims.csv` (issue 20): every variant's keys match its person's
//! canonical (Kazakh Cyrillic, or Russian for a Russian) form and never the form of another person
//! of either table.

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

/// The defendants of the events (`evt-ogpu-alash-case-1930`, `evt-kengir-uprising-1954`,
/// `evt-zheltoksan-1986`) who are not portrait figures: (victim id, canonical form, every spelling
/// the cited sources use, in any script). The forms are those of `datasets/victims.csv` and its
/// sources; `datasets_spellings_are_in_the_table` keeps the two in step.
const DEFENDANTS: &[(&str, &str, &[&str])] = &[
    (
        "vic-gabbasov",
        "Ғаббасов Халел Ахметжанұлы",
        &[
            "Габбасов",
            "Ғаббасов",
            "Ғаббасұлы",
            "Gabbasov",
            "Габбасов Халел Ахметжанович",
            "Ғаббасов Халел",
            "Халел Ғаббасов",
            "Халел Ғаббасұлы",
            "Khalil Gabbasov",
            "Khalel Gabbasov",
        ],
    ),
    (
        "vic-espolov",
        "Есполов Мырзағазы",
        &[
            "Есполов",
            "Espolov",
            "Yespolov",
            "Есполов Мырзағазы",
            "Мырзағазы Есполов",
            "Myrzagazy Espolov",
        ],
    ),
    (
        "vic-birimzhanov",
        "Бірімжанов Ғазымбек",
        &[
            "Бірімжанов",
            "Бірімжан",
            "Биримжан",
            "Birimzhanov",
            "Бірімжан Ғазымбек",
            "Бірмжанов Ғазымбек",
            "Ғазымбек Бірімжанов",
            "Газымбек Биримжан",
            "Gazymbek Birimzhanov",
            // Қ/Ғ: Kazakh writes the first sound of the Arabic name either way.
            "Қазымбек Бірімжанов",
        ],
    ),
    (
        "vic-adilev",
        "Әділев Дінмұхамед",
        &[
            "Әділев",
            "Әділов",
            "Adilev",
            "Әділов Дінмұхамед",
            "Дінмұхамед Әділев",
            "Дінмұхамед Әділов",
        ],
    ),
    (
        "vic-bolganbaev",
        "Болғанбаев Хайретдин",
        &[
            "Болғанбаев",
            "Болганбаев",
            "Болганбай",
            "Bolganbay",
            "Bolganbayev",
            "Bolǵanbaev",
            "Болганбаев Хайретдин Абдрахманулы",
            "Болғанбаев Хайретдин",
            "Хайретдин Болғанбаев",
            "Болганбай Хайретдин",
            "Hayretdin Bolganbay",
            "Bolganbay Hairetdin",
            "Haıretdın Bolǵanbaev",
            // К/Х: Arabic *khayr*, heard as К.
            "Кайретдин Болганбаев",
        ],
    ),
    (
        "vic-yusupov",
        "Юсупов Ахмед-Сафа",
        &["Юсупов", "Yusupov", "Юсупов Ахмед-Сафа"],
    ),
    (
        "vic-kuznetsov",
        "Кузнецов Капитон Иванович",
        &[
            "Кузнецов",
            "Кузнєцов",
            "Kuznetsov",
            "Капитон Кузнецов",
            "Кузнєцов Капітон",
            "Капітон Кузнєцов",
            "Kapiton Kuznetsov",
            "Kapitan Kuznetsov",
            "K. I. Kuznetsov",
        ],
    ),
    (
        "vic-sluchenkov",
        "Слученков Е. И.",
        &["Слученков", "Sluchenkov", "E. I. Sluchenkov"],
    ),
    (
        "vic-abdykulov",
        "Әбдіқұлов Мырзағұл",
        &[
            "Абдыкулов",
            "Абдикулов",
            "Әбдіқұлов",
            "Абдыкулов Мырзагул",
            "Мырзагул Абдыкулов",
            "Абдикулов Мырзагул",
            "Мырзагул Абдикулов",
            "Әбдіқұлов Мырзағұл",
            "Мырзағұл Әбдіқұлов",
        ],
    ),
    (
        "vic-rakhmetov",
        // Only the Kazakh Latin spelling is in the source.
        "Rahmetov Qūrmanǧazy",
        &["Rahmetov", "Qūrmanǧazy Rahmetov"],
    ),
];

/// Every person of both tables: (canonical form, variants).
fn people() -> Vec<(&'static str, &'static [&'static str])> {
    FIGURES
        .iter()
        .copied()
        .chain(DEFENDANTS.iter().map(|(_, c, v)| (*c, *v)))
        .collect()
}

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

/// Every variant of a table matches its person's canonical form and no other person's; the
/// failures, and the number of variants.
fn check(table: &[(&str, &[&str])]) -> (Vec<String>, usize) {
    let canon: Vec<NameKeys> = table
        .iter()
        .map(|(c, _)| NameKeys::of(&PersonName::parse(c)))
        .collect();
    let mut total = 0;
    let mut failures = Vec::new();
    for (i, (canonical, variants)) in table.iter().enumerate() {
        for v in *variants {
            total += 1;
            let keys = NameKeys::of(&PersonName::parse(v));
            if !matches(&keys, &canon[i]) {
                failures.push(format!("{v} does not match {canonical}: {keys:?}"));
            }
            for (j, (other, _)) in table.iter().enumerate() {
                if j != i && matches(&keys, &canon[j]) {
                    failures.push(format!("{v} ({canonical}) also matches {other}"));
                }
            }
        }
    }
    (failures, total)
}

#[test]
fn every_variant_matches_its_person_and_no_other() {
    let (failures, total) = check(&people());
    let defendants: usize = DEFENDANTS.iter().map(|(_, _, v)| v.len()).sum();
    assert!(total >= 170, "only {total} variants");
    assert!(defendants >= 65, "only {defendants} defendant variants");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_latin_convention_of_the_deported_peoples_matches() {
    let (failures, total) = check(CONVENTIONS);
    assert!(total >= 200, "only {total} variants");
    assert!(
        failures.is_empty(),
        "{} of {total}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn canonical_surnames_are_distinct() {
    let keys: Vec<NameKeys> = people()
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

/// Every spelling `datasets/victims.csv` records for a defendant (its full name, its
/// surname-first name and each `name_variants` entry) is in `DEFENDANTS` under that person, so the
/// table tests what the dataset ships; and every defendant of the table is in the dataset.
#[test]
fn datasets_spellings_are_in_the_table() {
    use museum_core::io::{Archive, CsvOptions};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets");
    let (archive, _) = Archive::load_dir(&dir, &CsvOptions::default()).expect("datasets/");
    let mut missing = Vec::new();
    for (id, canonical, variants) in DEFENDANTS {
        let Some(v) = archive.victims.iter().find(|v| v.record.id == *id) else {
            missing.push(format!("{id} is not in datasets/victims.csv"));
            continue;
        };
        let v = &v.record;
        let known = |s: &str| *canonical == s || variants.contains(&s);
        for s in std::iter::once(v.name.original.as_str())
            .chain(v.name_variants.iter().map(String::as_str))
        {
            if !known(s) {
                missing.push(format!("{id}: `{s}` is not in the spelling table"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Persons of the peoples deported to Kazakhstan (invented names made of common ones), in the
/// Russian Cyrillic of Soviet records, and their spellings in the Latin conventions that lists
/// of other archives use: German (Duden transliteration, DIN 1460, German originals), Polish
/// originals, Korean (McCune–Reischauer, Revised Romanization, Koryo-saram Cyrillic forms),
/// Chechen and Ingush, and the English-language romanizations of Russian (BGN/PCGN, ALA-LC,
/// passport/ICAO, popular `-sky`, `Yevgeny`), ISO 9 and the scholarly system.
///
/// Not here, because the spelling has lost what tells the sounds apart: Polish written without
/// its diacritics (`Wisniewska` for Wiśniewska: s for ś; `Krzyzanowski`: z for ż), and given
/// names that are other names in another language (`Katharina` for Екатерина).
const CONVENTIONS: &[(&str, &[&str])] = &[
    // German.
    (
        "Шмидт Иоганн Фридрихович",
        &[
            "Schmidt",
            "SCHMIDT",
            "Šmidt",
            "Shmidt",
            "Schmidt Johann",
            "Johann Schmidt",
            "Shmidt Iogann Fridrikhovich",
            "Šmidt Iogann Fridrihovič",
            "Schmidt Johann Friedrichowitsch",
            "Shmidt Iogann Fridrikhovitch",
        ],
    ),
    (
        "Мюллер Генрих Андреевич",
        &[
            "Müller",
            "Mueller",
            "Muller",
            "Myuller",
            "Mjuller",
            "Miuller",
            "Müller Heinrich",
            "Heinrich Müller",
            "Myuller Genrikh Andreyevich",
            "Mjuller Genrich Andreewitsch",
            "Miuller Genrikh Andreevich",
            "Mjuller Genrih Andreevič",
        ],
    ),
    (
        "Гофман Вильгельм Карлович",
        &[
            "Hoffmann",
            "Hofmann",
            "Gofman",
            "Goffman",
            "Hoffmann Wilhelm",
            "Wilhelm Hoffmann",
            "Gofman Vilgelm Karlovich",
            "Gof'man Vil'gel'm Karlovich",
            "Hofmann Wilgelm Karlowitsch",
        ],
    ),
    (
        "Вайс Эдуард Яковлевич",
        &[
            "Weiss",
            "Weiß",
            "Vais",
            "Vays",
            "Wais",
            "Weiss Eduard",
            "Eduard Weiss",
            "Vays Eduard Yakovlevich",
            "Vajs Èduard Âkovlevič",
            "Wais Eduard Jakowlewitsch",
        ],
    ),
    (
        "Циммерман Давид Петрович",
        &[
            "Zimmermann",
            "Zimmerman",
            "Tsimmerman",
            "Cimmerman",
            "Zimmermann David",
            "David Zimmermann",
            "Tsimmerman David Petrovich",
            "Zimmermann David Petrowitsch",
        ],
    ),
    (
        "Шнейдер Екатерина Ивановна",
        &[
            "Schneider",
            "Shneyder",
            "Shneider",
            "Šnejder",
            "Schneider Ekaterina",
            "Shneider Yekaterina Ivanovna",
            "Šnejder Ekaterina Ivanovna",
            "Schneider Jekaterina Iwanowna",
        ],
    ),
    (
        "Беккер Фридрих Иванович",
        &[
            "Becker",
            "Bekker",
            "Becker Friedrich",
            "Friedrich Becker",
            "Bekker Fridrikh Ivanovich",
            "Bekker Fridrich Iwanowitsch",
        ],
    ),
    // Polish.
    (
        "Ковальский Станислав Юзефович",
        &[
            "Kowalski",
            "Kovalsky",
            "Kovalskiy",
            "Kovalskii",
            "Koval'skii",
            "Kowalskij",
            "Koval'skij",
            "Kowalski Stanisław",
            "Stanisław Kowalski",
            "Stanislaw Kowalski",
            "Kovalsky Stanislav Yuzefovich",
            "Koval'skii Stanislav Iuzefovich",
            "Kowalski Stanislaw Jusefowitsch",
        ],
    ),
    (
        "Вишневская Ядвига Казимировна",
        &[
            "Wiśniewska",
            "Vishnevskaya",
            "Vishnevskaia",
            "Višnevskaâ",
            "Wischnewskaja",
            "Jadwiga Wiśniewska",
            "Vishnevskaya Yadviga Kazimirovna",
            "Vishnevskaia Iadviga Kazimirovna",
        ],
    ),
    (
        "Шиманский Ежи Станиславович",
        &[
            "Szymański",
            "Szymanski",
            "Shimansky",
            "Shimanskiy",
            "Šimanskij",
            "Schimanski",
            "Jerzy Szymański",
            "Shimansky Ezhi Stanislavovich",
        ],
    ),
    (
        "Кржижановский Вацлав Антонович",
        &[
            "Krzyżanowski",
            "Krzhizhanovsky",
            "Krzhizhanovskiy",
            "Kržižanovskij",
            "Wacław Krzyżanowski",
            "Vatslav Krzhizhanovsky",
            "Krzhizhanovskii Vatslav Antonovich",
        ],
    ),
    (
        "Левандовский Тадеуш Янович",
        &[
            "Lewandowski",
            "Levandovsky",
            "Levandovskiy",
            "Levandovskij",
            "Tadeusz Lewandowski",
            "Levandovsky Tadeush Yanovich",
            "Levandovskii Tadeush Ianovich",
        ],
    ),
    // Korean (Koryo-saram).
    (
        "Цой Владимир Николаевич",
        &[
            "Tsoi",
            "Tsoy",
            "Choi",
            "Choe",
            "Цхой",
            "Tskhoi",
            "Coj",
            "Zoi",
            "Choi Vladimir",
            "Vladimir Tsoi",
            "Tsoi Vladimir Nikolaevich",
            "Tsoy Vladimir Nikolayevich",
        ],
    ),
    (
        "Пак Сергей Дмитриевич",
        &[
            "Pak",
            "Park",
            "Bak",
            "PAK",
            "Park Sergei",
            "Sergey Pak",
            "Pak Sergey Dmitriyevich",
            "Pak Sergej Dmitrievič",
            "Pak Sergei Dmitrievich",
        ],
    ),
    (
        "Ли Мария Александровна",
        &[
            "Li",
            "Lee",
            "Yi",
            "Rhee",
            "Ri",
            "Lee Maria",
            "Maria Li",
            "Li Mariya Aleksandrovna",
            "Li Mariia Aleksandrovna",
            "Li Marija Alexandrowna",
        ],
    ),
    (
        "Ким Афанасий Петрович",
        &[
            "Kim",
            "KIM",
            "Gim",
            "Kim Afanasy",
            "Afanasii Kim",
            "Kim Afanasiy Petrovich",
            "Kim Afanasij Petrovič",
            "Kim Afanassi Petrowitsch",
        ],
    ),
    (
        "Хан Валентина Ивановна",
        &[
            "Khan",
            "Han",
            "Chan",
            "Khan Valentina",
            "Valentina Han",
            "Khan Valentina Ivanovna",
            "Chan Walentina Iwanowna",
        ],
    ),
    (
        "Шин Борис Сергеевич",
        &[
            "Shin",
            "Sin",
            "Schin",
            "Šin",
            "Shin Boris",
            "Boris Sin",
            "Shin Boris Sergeyevich",
            "Schin Boris Sergejewitsch",
        ],
    ),
    // Chechen and Ingush.
    (
        "Дудаев Ахмед Султанович",
        &[
            "Dudaev",
            "Dudayev",
            "Dudajew",
            "Dudajev",
            "Dudaev Akhmed",
            "Ahmed Dudayev",
            "Dudaev Akhmed Sultanovich",
            "Dudajew Achmed Sultanowitsch",
        ],
    ),
    (
        "Хаджиев Магомед Алиевич",
        &[
            "Khadzhiev",
            "Hadzhiev",
            "Khadjiev",
            "Hajiev",
            "Khadzhiyev",
            "Chadschijew",
            "Hadžiev",
            "Khadzhiev Magomed Aliyevich",
            "Hadzhiev Magomed Alievich",
        ],
    ),
    (
        "Мальсагов Идрис Хамзатович",
        &[
            "Malsagov",
            "Mal'sagov",
            "Mal’sagov",
            "Malsagow",
            "Malsagov Idris",
            "Idris Malsagov",
            "Malsagov Idris Khamzatovich",
            "Malsagow Idris Chamsatowitsch",
        ],
    ),
    (
        "Хасбулатова Зарема Умаровна",
        &[
            "Khasbulatova",
            "Hasbulatova",
            "Chasbulatowa",
            "Khasbulatova Zarema",
            "Zarema Khasbulatova",
            "Khasbulatova Zarema Umarovna",
        ],
    ),
    // English-language (and other) romanizations of Russian.
    (
        "Чайковский Евгений Петрович",
        &[
            "Chaikovsky",
            "Tchaikovsky",
            "Chaykovskiy",
            "Chaikovskii",
            "Tschaikowski",
            "Čajkovskij",
            "Yevgeny Chaikovsky",
            "Evgenii Chaikovskii",
            "Evgeniy Chaykovskiy",
            "Jewgeni Tschaikowski",
            "Evgenij Čajkovskij",
        ],
    ),
    (
        "Юрьев Илья Ильич",
        &[
            "Yuryev",
            "Yurev",
            "Iur'ev",
            "Jurjew",
            "Jur'ev",
            "Yuryev Ilya Ilyich",
            "Iur'ev Il'ia Il'ich",
            "Jurjew Ilja Iljitsch",
            "Jur'ev Il'â Il'ič",
        ],
    ),
    (
        "Журавлёва Анна Яковлевна",
        &[
            "Zhuravleva",
            "Zhuravlyova",
            "Žuravleva",
            "Schurawljowa",
            "Zhuravleva Anna Yakovlevna",
            "Zhuravleva Anna Iakovlevna",
            "Žuravlëva Anna Âkovlevna",
        ],
    ),
    (
        "Хрущёв Никита Сергеевич",
        &[
            "Khrushchev",
            "Khrushchyov",
            "Hruščëv",
            "Chruschtschow",
            "Khrushchov",
            "Hrushchev",
            "Nikita Khrushchev",
            "Khrushchev Nikita Sergeyevich",
            "Chruschtschow Nikita Sergejewitsch",
        ],
    ),
    (
        "Соловьёв Алексей Григорьевич",
        &[
            "Solovyov",
            "Solovyev",
            "Solov'ev",
            "Soloviev",
            "Solowjow",
            "Alexei Solovyov",
            "Solovyov Aleksey Grigoryevich",
            "Solov'ev Aleksei Grigor'evich",
            "Solowjow Alexej Grigorjewitsch",
        ],
    ),
    (
        "Ковалевская Софья Васильевна",
        &[
            "Kovalevskaya",
            "Kovalevskaia",
            "Kowalewskaja",
            "Sofya Kovalevskaya",
            "Sophia Kovalevskaya",
            "Kovalevskaia Sof'ia Vasil'evna",
            "Kovalevskaya Sofia Vasilyevna",
        ],
    ),
];
