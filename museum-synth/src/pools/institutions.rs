//! The institutions of the synthetic archives: occupations, arresting, sentencing and
//! rehabilitating bodies, deportations, camps, and the volumes of the simulated Book of Memory.

use super::Nationality;

/// An occupation: Russian masculine, Russian feminine, Kazakh, English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occupation {
    pub(crate) ru_m: &'static str,
    pub(crate) ru_f: &'static str,
    pub(crate) kk: &'static str,
    pub(crate) en: &'static str,
    /// Who has it: 0 anyone, 1 men only, 2 women only.
    pub(crate) who: u8,
}

const fn occ(
    ru_m: &'static str,
    ru_f: &'static str,
    kk: &'static str,
    en: &'static str,
    who: u8,
) -> Occupation {
    Occupation {
        ru_m,
        ru_f,
        kk,
        en,
        who,
    }
}

/// Occupations with weights.
pub(crate) const OCCUPATIONS: &[(Occupation, u32)] = &[
    (
        occ(
            "колхозник",
            "колхозница",
            "колхозшы",
            "collective farmer",
            0,
        ),
        30,
    ),
    (
        occ(
            "единоличник",
            "единоличница",
            "жеке шаруа",
            "independent farmer",
            0,
        ),
        10,
    ),
    (occ("учитель", "учительница", "мұғалім", "teacher", 0), 8),
    (occ("счетовод", "счетовод", "есепші", "bookkeeper", 0), 4),
    (
        occ(
            "председатель колхоза",
            "председатель колхоза",
            "колхоз төрағасы",
            "collective farm chairman",
            1,
        ),
        4,
    ),
    (occ("мулла", "мулла", "молда", "mullah", 1), 2),
    (occ("бай", "бай", "бай", "bai (wealthy herder)", 1), 3),
    (occ("чабан", "чабан", "шопан", "shepherd", 1), 4),
    (occ("рабочий", "рабочая", "жұмысшы", "worker", 0), 10),
    (
        occ("служащий", "служащая", "қызметкер", "office worker", 0),
        6,
    ),
    (
        occ("бухгалтер", "бухгалтер", "бухгалтер", "accountant", 0),
        2,
    ),
    (occ("агроном", "агроном", "агроном", "agronomist", 0), 1),
    (occ("врач", "врач", "дәрігер", "physician", 0), 1),
    (occ("инженер", "инженер", "инженер", "engineer", 1), 1),
    (occ("студент", "студентка", "студент", "student", 0), 1),
    (
        occ(
            "председатель аулсовета",
            "председатель аулсовета",
            "ауылдық кеңес төрағасы",
            "village council chairman",
            1,
        ),
        2,
    ),
    (
        occ(
            "домохозяйка",
            "домохозяйка",
            "үй шаруасындағы әйел",
            "housewife",
            2,
        ),
        6,
    ),
    (occ("кузнец", "кузнец", "ұста", "blacksmith", 1), 1),
    (
        occ(
            "тракторист",
            "трактористка",
            "тракторшы",
            "tractor driver",
            0,
        ),
        1,
    ),
    (occ("рыбак", "рыбачка", "балықшы", "fisherman", 0), 1),
    (
        occ(
            "красноармеец",
            "красноармеец",
            "қызыл әскер",
            "Red Army soldier",
            1,
        ),
        1,
    ),
    (
        occ(
            "без определённых занятий",
            "без определённых занятий",
            "тұрақты жұмысы жоқ",
            "no fixed occupation",
            0,
        ),
        2,
    ),
];

/// A sentencing or arresting body: Russian, English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Body {
    pub(crate) ru: &'static str,
    pub(crate) en: &'static str,
}

const fn body(ru: &'static str, en: &'static str) -> Body {
    Body { ru, en }
}

/// The OGPU Collegium.
pub(crate) const OGPU_COLLEGIUM: Body = body("Коллегия ОГПУ", "OGPU Collegium");
/// The OGPU troika in Kazakhstan (1930–1933).
pub(crate) const OGPU_TROIKA: Body = body(
    "Тройка при ПП ОГПУ в Казахстане",
    "Troika of the OGPU plenipotentiary in Kazakhstan",
);
/// The NKVD Special Council.
pub(crate) const OSO: Body = body("ОСО при НКВД СССР", "NKVD Special Council (OSO)");
/// The MGB Special Council (1946–1953).
pub(crate) const OSO_MGB: Body = body("ОСО при МГБ СССР", "MGB Special Council (OSO)");
/// The Military Collegium of the USSR Supreme Court.
pub(crate) const VKVS: Body = body("ВКВС СССР", "Military Collegium of the USSR Supreme Court");
/// The Commission of the NKVD and the USSR Prosecutor ("dvoika").
pub(crate) const DVOIKA: Body = body(
    "Комиссия НКВД и Прокурора СССР",
    "NKVD and USSR Prosecutor Commission",
);
/// The NKVD troika of the Kazakh SSR.
pub(crate) const NKVD_TROIKA_KAZ: Body =
    body("Тройка НКВД КазССР", "NKVD troika of the Kazakh SSR");
/// Military tribunals.
pub(crate) const TRIBUNALS: &[Body] = &[
    body(
        "Военный трибунал САВО",
        "Military tribunal of the Central Asian Military District",
    ),
    body(
        "Военный трибунал войск НКВД КазССР",
        "Military tribunal of the NKVD troops of the Kazakh SSR",
    ),
    body(
        "Военный трибунал ТуркВО",
        "Military tribunal of the Turkestan Military District",
    ),
];
/// Civil courts.
pub(crate) const COURTS: &[Body] = &[
    body(
        "Спецколлегия Верховного суда КазССР",
        "Special Collegium of the Kazakh SSR Supreme Court",
    ),
    body(
        "Судебная коллегия по уголовным делам Верховного суда КазССР",
        "Criminal Collegium of the Kazakh SSR Supreme Court",
    ),
];

/// Arresting bodies by period: OGPU, NKVD, MGB.
pub(crate) const ARRESTED_BY_OGPU: &[&str] = &["ОГПУ", "ПП ОГПУ в Казахстане", "ГПУ КАССР"];
/// Arresting bodies, NKVD years.
pub(crate) const ARRESTED_BY_NKVD: &[&str] = &["НКВД КазССР", "УНКВД", "РО НКВД"];
/// Arresting bodies, MGB years.
pub(crate) const ARRESTED_BY_MGB: &[&str] = &["МГБ КазССР", "УМГБ", "НКГБ КазССР"];

/// Rehabilitating bodies of the 1950s (Russian, English).
pub(crate) const REHAB_1950S: &[Body] = &[
    body("ВКВС СССР", "Military Collegium of the USSR Supreme Court"),
    body(
        "Военный трибунал ТуркВО",
        "Military tribunal of the Turkestan Military District",
    ),
    body(
        "Президиум Верховного суда КазССР",
        "Presidium of the Kazakh SSR Supreme Court",
    ),
    body(
        "Судебная коллегия по уголовным делам Верховного суда КазССР",
        "Criminal Collegium of the Kazakh SSR Supreme Court",
    ),
    body(
        "Прокуратура КазССР (протест)",
        "Prosecutor of the Kazakh SSR (protest)",
    ),
];
/// Rehabilitating bodies of 1988–1991.
pub(crate) const REHAB_PERESTROIKA: &[Body] = &[
    body(
        "Прокуратура КазССР",
        "Prosecutor's Office of the Kazakh SSR",
    ),
    body("Верховный суд КазССР", "Supreme Court of the Kazakh SSR"),
    body("Верховный суд СССР", "USSR Supreme Court"),
    body(
        "Прокуратура КазССР (Указ ПВС СССР от 16.01.1989)",
        "Prosecutor of the Kazakh SSR (decree of 16 Jan 1989)",
    ),
];
/// Rehabilitating bodies after 1991.
pub(crate) const REHAB_1990S: &[Body] = &[
    body(
        "Генеральная прокуратура РК",
        "Prosecutor General of Kazakhstan",
    ),
    body(
        "Прокуратура области (Закон РК от 14.04.1993)",
        "Regional prosecutor (law of 14 Apr 1993)",
    ),
    body("ДКНБ РК", "National Security Committee department"),
];

/// A camp of the Gulag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CampInfo {
    pub(crate) id: &'static str,
    pub(crate) ru: &'static str,
    pub(crate) en: &'static str,
    pub(crate) kk: Option<&'static str>,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) camp_type: &'static str,
    pub(crate) location: &'static str,
    /// First and last year a prisoner may arrive.
    pub(crate) open: (i32, i32),
    /// Opened and closed as archives write them (EDTF).
    pub(crate) opened: &'static str,
    pub(crate) closed: &'static str,
    /// Only women were sent there (ALZhIR).
    pub(crate) women: bool,
}

/// Camps sentenced persons were sent to.
pub(crate) const CAMPS: &[CampInfo] = &[
    CampInfo {
        id: "camp-karlag",
        ru: "Карагандинский исправительно-трудовой лагерь",
        en: "Karlag",
        kk: Some("Қарағанды еңбекпен түзеу лагері"),
        aliases: &["Карлаг", "КарЛАГ"],
        camp_type: "itl",
        location: "Dolinka, Karaganda region",
        open: (1931, 1956),
        opened: "1930-12",
        closed: "1959",
        women: false,
    },
    CampInfo {
        id: "camp-alzhir",
        ru: "Акмолинский лагерь жён изменников Родины",
        en: "ALZhIR",
        kk: Some("Ақмола Отанын сатқандар әйелдерінің лагері"),
        aliases: &["АЛЖИР", "26-я точка", "Акмолинское спецотделение Карлага"],
        camp_type: "camp_department",
        location: "Akmol (Malinovka), Akmola region",
        open: (1938, 1953),
        opened: "1938",
        closed: "1953",
        women: true,
    },
    CampInfo {
        id: "camp-steplag",
        ru: "Степной лагерь (Особый лагерь № 4)",
        en: "Steplag",
        kk: Some("Дала лагері"),
        aliases: &["Степлаг", "Особлаг № 4"],
        camp_type: "special_camp",
        location: "Kengir (Zhezkazgan), Karaganda region",
        open: (1948, 1955),
        opened: "1948-02-28",
        closed: "1956",
        women: false,
    },
    CampInfo {
        id: "camp-peschanlag",
        ru: "Песчаный лагерь (Особый лагерь № 8)",
        en: "Peschanlag",
        kk: None,
        aliases: &["Песчанлаг", "Особлаг № 8"],
        camp_type: "special_camp",
        location: "Karaganda",
        open: (1950, 1954),
        opened: "1949-09-05",
        closed: "1955-08-24",
        women: false,
    },
    CampInfo {
        id: "camp-dzhezkazgan-itl",
        ru: "Джезказганский исправительно-трудовой лагерь",
        en: "Dzhezkazgan ITL",
        kk: None,
        aliases: &["Джезказганлаг"],
        camp_type: "itl",
        location: "Novy Dzhezkazgan",
        open: (1940, 1942),
        opened: "1940-04-16",
        closed: "1943-04-07",
        women: false,
    },
    CampInfo {
        id: "camp-sevvostlag",
        ru: "Северо-Восточный исправительно-трудовой лагерь",
        en: "Sevvostlag (Kolyma)",
        kk: None,
        aliases: &["Севвостлаг", "Колыма"],
        camp_type: "itl",
        location: "Magadan",
        open: (1932, 1953),
        opened: "1932",
        closed: "1957",
        women: false,
    },
    CampInfo {
        id: "camp-belbaltlag",
        ru: "Беломорско-Балтийский исправительно-трудовой лагерь",
        en: "Belbaltlag",
        kk: None,
        aliases: &["Белбалтлаг", "ББК"],
        camp_type: "itl",
        location: "Medvezhyegorsk, Karelia",
        open: (1931, 1940),
        opened: "1931-11",
        closed: "1941",
        women: false,
    },
    CampInfo {
        id: "camp-slon",
        ru: "Соловецкий лагерь особого назначения",
        en: "Solovki (SLON)",
        kk: None,
        aliases: &["СЛОН", "Соловки"],
        camp_type: "itl",
        location: "Solovetsky Islands",
        open: (1928, 1932),
        opened: "1923",
        closed: "1933",
        women: false,
    },
    CampInfo {
        id: "camp-siblag",
        ru: "Сибирский исправительно-трудовой лагерь",
        en: "Siblag",
        kk: None,
        aliases: &["Сиблаг"],
        camp_type: "itl",
        location: "Mariinsk, Kemerovo region",
        open: (1930, 1953),
        opened: "1929",
        closed: "1960",
        women: false,
    },
    CampInfo {
        id: "camp-ustvymlag",
        ru: "Усть-Вымский исправительно-трудовой лагерь",
        en: "Ustvymlag",
        kk: None,
        aliases: &["Устьвымлаг"],
        camp_type: "itl",
        location: "Vozhael, Komi",
        open: (1937, 1953),
        opened: "1937-08",
        closed: "1960",
        women: false,
    },
    CampInfo {
        id: "camp-norillag",
        ru: "Норильский исправительно-трудовой лагерь",
        en: "Norillag",
        kk: None,
        aliases: &["Норильлаг"],
        camp_type: "itl",
        location: "Norilsk",
        open: (1935, 1953),
        opened: "1935-06",
        closed: "1956",
        women: false,
    },
];

/// Simulated lists' volumes for `source_text`.
pub(crate) const VOLUMES: u32 = 9;

/// A deportation: who, when (first and last day), by which act.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deportation {
    pub(crate) from: (i32, u8, u8),
    pub(crate) to: (i32, u8, u8),
    pub(crate) act: Body,
}

/// The deportation a nationality suffered, if any.
pub(crate) fn deportation(eth: Nationality) -> Option<Deportation> {
    Some(match eth {
        Nationality::Korean => Deportation {
            from: (1937, 9, 9),
            to: (1937, 10, 25),
            act: body(
                "Постановление СНК СССР и ЦК ВКП(б) № 1428-326сс от 21.08.1937",
                "USSR Sovnarkom and party CC resolution 1428-326ss of 21 Aug 1937",
            ),
        },
        Nationality::Polish => Deportation {
            from: (1936, 5, 20),
            to: (1936, 9, 30),
            act: body(
                "Постановление СНК СССР № 776-120сс от 28.04.1936",
                "USSR Sovnarkom resolution 776-120ss of 28 Apr 1936",
            ),
        },
        Nationality::German => Deportation {
            from: (1941, 9, 3),
            to: (1941, 10, 20),
            act: body(
                "Указ Президиума ВС СССР от 28.08.1941",
                "Decree of the USSR Supreme Soviet Presidium of 28 Aug 1941",
            ),
        },
        Nationality::Chechen | Nationality::Ingush => Deportation {
            from: (1944, 2, 23),
            to: (1944, 3, 9),
            act: body(
                "Постановление ГКО № 5073 от 31.01.1944",
                "State Defence Committee resolution 5073 of 31 Jan 1944",
            ),
        },
        _ => return None,
    })
}
