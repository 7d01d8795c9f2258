//! The vocabularies synthetic records are drawn from: names by nationality, places of the time
//! (auls, volosts, uezds, oblasts and districts), occupations, arresting and sentencing bodies,
//! camps. Plausible, not a gazetteer: units are mixed across their exact years of existence.
//!
//! Kazakh names are stored in Kazakh Cyrillic (with ә ғ қ ң ө ұ ү һ і); Russian clerks' spellings
//! are derived from them by [`super::translit`]. German names carry their German spelling for
//! German-language lists. The name tables are in `data/names.tsv`; the places, bodies and camps,
//! whose rows have several shapes, are Rust tables here.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Nationalities of the synthetic population (Kazakhstan 1920s–1950s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Nationality {
    Kazakh,
    Russian,
    Ukrainian,
    German,
    Korean,
    Tatar,
    Polish,
    Chechen,
    Ingush,
}

impl Nationality {
    /// Every nationality, in summary order.
    pub(crate) const ALL: [Nationality; 9] = [
        Nationality::Kazakh,
        Nationality::Russian,
        Nationality::Ukrainian,
        Nationality::German,
        Nationality::Korean,
        Nationality::Tatar,
        Nationality::Polish,
        Nationality::Chechen,
        Nationality::Ingush,
    ];

    /// Shares in the population, per mille (Kazakh majority ~60%).
    pub(crate) const WEIGHTS: [u32; 9] = [600, 140, 80, 60, 40, 30, 20, 22, 8];

    /// English name (for the summary and Latin lists).
    pub(crate) fn en(self) -> &'static str {
        match self {
            Nationality::Kazakh => "Kazakh",
            Nationality::Russian => "Russian",
            Nationality::Ukrainian => "Ukrainian",
            Nationality::German => "German",
            Nationality::Korean => "Korean",
            Nationality::Tatar => "Tatar",
            Nationality::Polish => "Polish",
            Nationality::Chechen => "Chechen",
            Nationality::Ingush => "Ingush",
        }
    }

    /// How a Russian list writes the nationality (masculine, feminine).
    pub(crate) fn ru(self) -> (&'static str, &'static str) {
        match self {
            Nationality::Kazakh => ("казах", "казашка"),
            Nationality::Russian => ("русский", "русская"),
            Nationality::Ukrainian => ("украинец", "украинка"),
            Nationality::German => ("немец", "немка"),
            Nationality::Korean => ("кореец", "кореянка"),
            Nationality::Tatar => ("татарин", "татарка"),
            Nationality::Polish => ("поляк", "полька"),
            Nationality::Chechen => ("чеченец", "чеченка"),
            Nationality::Ingush => ("ингуш", "ингушка"),
        }
    }

    /// How a Kazakh list writes the nationality.
    pub(crate) fn kk(self) -> &'static str {
        match self {
            Nationality::Kazakh => "қазақ",
            Nationality::Russian => "орыс",
            Nationality::Ukrainian => "украин",
            Nationality::German => "неміс",
            Nationality::Korean => "кәріс",
            Nationality::Tatar => "татар",
            Nationality::Polish => "поляк",
            Nationality::Chechen => "шешен",
            Nationality::Ingush => "ингуш",
        }
    }

    /// How a German list writes the nationality.
    pub(crate) fn de(self) -> &'static str {
        match self {
            Nationality::Kazakh => "Kasache",
            Nationality::Russian => "Russe",
            Nationality::Ukrainian => "Ukrainer",
            Nationality::German => "Deutscher",
            Nationality::Korean => "Koreaner",
            Nationality::Tatar => "Tatare",
            Nationality::Polish => "Pole",
            Nationality::Chechen => "Tschetschene",
            Nationality::Ingush => "Ingusche",
        }
    }
}

/// The name tables of `data/names.tsv` by table, in file order: the spelling Russian documents
/// used, and the German spelling where the table has one.
struct NameTables {
    names: HashMap<&'static str, Vec<&'static str>>,
    pairs: HashMap<&'static str, Vec<(&'static str, &'static str)>>,
}

fn name_tables() -> &'static NameTables {
    static TABLES: OnceLock<NameTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = NameTables {
            names: HashMap::new(),
            pairs: HashMap::new(),
        };
        for line in include_str!("../data/names.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(table), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            match cols.next() {
                Some(german) => t.pairs.entry(table).or_default().push((name, german)),
                None => t.names.entry(table).or_default().push(name),
            }
        }
        t
    })
}

/// The names of `table` (a table of `data/names.tsv` without a second spelling).
fn names(table: &str) -> &'static [&'static str] {
    name_tables().names.get(table).map_or(&[], Vec::as_slice)
}

/// The names of `table` with their German spelling.
fn name_pairs(table: &str) -> &'static [(&'static str, &'static str)] {
    name_tables().pairs.get(table).map_or(&[], Vec::as_slice)
}

/// Kazakh male given names (also the roots of patronymics and surnames).
pub(crate) fn kz_male() -> &'static [&'static str] {
    names("kz_male")
}

/// Kazakh female given names.
pub(crate) fn kz_female() -> &'static [&'static str] {
    names("kz_female")
}

/// Kazakh surname roots besides the given names (grandfathers' names, clan names).
pub(crate) fn kz_roots() -> &'static [&'static str] {
    names("kz_roots")
}

/// Russian male given names.
pub(crate) fn ru_male() -> &'static [&'static str] {
    names("ru_male")
}

/// Russian female given names.
pub(crate) fn ru_female() -> &'static [&'static str] {
    names("ru_female")
}

/// Russian surnames (masculine).
pub(crate) fn ru_surnames() -> &'static [&'static str] {
    names("ru_surnames")
}

/// Ukrainian male given names (as Russian documents wrote them).
pub(crate) fn ua_male() -> &'static [&'static str] {
    names("ua_male")
}

/// Ukrainian female given names.
pub(crate) fn ua_female() -> &'static [&'static str] {
    names("ua_female")
}

/// Ukrainian surnames.
pub(crate) fn ua_surnames() -> &'static [&'static str] {
    names("ua_surnames")
}

/// Volga German male given names: Russian documents' spelling, German spelling.
pub(crate) fn de_male() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_male")
}

/// Volga German female given names.
pub(crate) fn de_female() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_female")
}

/// Volga German and Mennonite surnames.
pub(crate) fn de_surnames() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_surnames")
}

/// Korean surnames as Soviet documents wrote them.
pub(crate) fn ko_surnames() -> &'static [&'static str] {
    names("ko_surnames")
}

/// Korean given names (Korean ones hyphenated, as lists write them).
pub(crate) fn ko_male_korean() -> &'static [&'static str] {
    names("ko_male_korean")
}

/// Korean female given names.
pub(crate) fn ko_female_korean() -> &'static [&'static str] {
    names("ko_female_korean")
}

/// Tatar male given names.
pub(crate) fn tt_male() -> &'static [&'static str] {
    names("tt_male")
}

/// Tatar female given names.
pub(crate) fn tt_female() -> &'static [&'static str] {
    names("tt_female")
}

/// Tatar surnames.
pub(crate) fn tt_surnames() -> &'static [&'static str] {
    names("tt_surnames")
}

/// Polish male given names (Russian documents' spelling).
pub(crate) fn pl_male() -> &'static [&'static str] {
    names("pl_male")
}

/// Polish female given names.
pub(crate) fn pl_female() -> &'static [&'static str] {
    names("pl_female")
}

/// Polish surnames.
pub(crate) fn pl_surnames() -> &'static [&'static str] {
    names("pl_surnames")
}

/// Chechen male given names.
pub(crate) fn ce_male() -> &'static [&'static str] {
    names("ce_male")
}

/// Chechen and Ingush female given names.
pub(crate) fn ce_female() -> &'static [&'static str] {
    names("ce_female")
}

/// Chechen surnames.
pub(crate) fn ce_surnames() -> &'static [&'static str] {
    names("ce_surnames")
}

/// Ingush surnames.
pub(crate) fn in_surnames() -> &'static [&'static str] {
    names("in_surnames")
}

/// Ingush male given names.
pub(crate) fn in_male() -> &'static [&'static str] {
    names("in_male")
}

/// A place or unit with a Russian and a Kazakh name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlaceName {
    /// Russian form (adjective for units: `Сузакский`, `Южно-Казахстанская`).
    pub(crate) ru: &'static str,
    /// Kazakh form (`Созақ`, `Оңтүстік Қазақстан`).
    pub(crate) kk: &'static str,
}

const fn loc(ru: &'static str, kk: &'static str) -> PlaceName {
    PlaceName { ru, kk }
}

/// A pre-1928 uezd (for birthplaces) with its oblast (governorate) of the time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Uezd {
    pub(crate) uezd: PlaceName,
    pub(crate) oblast: PlaceName,
}

/// Uezds of the Kazakh steppe and Turkestan before the 1928 reform.
pub(crate) const UEZDS: &[Uezd] = &[
    Uezd {
        uezd: loc("Чимкентский", "Шымкент"),
        oblast: loc("Сыр-Дарьинская", "Сырдария"),
    },
    Uezd {
        uezd: loc("Аулие-Атинский", "Әулиеата"),
        oblast: loc("Сыр-Дарьинская", "Сырдария"),
    },
    Uezd {
        uezd: loc("Туркестанский", "Түркістан"),
        oblast: loc("Сыр-Дарьинская", "Сырдария"),
    },
    Uezd {
        uezd: loc("Перовский", "Перовск"),
        oblast: loc("Сыр-Дарьинская", "Сырдария"),
    },
    Uezd {
        uezd: loc("Казалинский", "Қазалы"),
        oblast: loc("Сыр-Дарьинская", "Сырдария"),
    },
    Uezd {
        uezd: loc("Каркаралинский", "Қарқаралы"),
        oblast: loc("Семипалатинская", "Семей"),
    },
    Uezd {
        uezd: loc("Павлодарский", "Павлодар"),
        oblast: loc("Семипалатинская", "Семей"),
    },
    Uezd {
        uezd: loc("Семипалатинский", "Семей"),
        oblast: loc("Семипалатинская", "Семей"),
    },
    Uezd {
        uezd: loc("Усть-Каменогорский", "Өскемен"),
        oblast: loc("Семипалатинская", "Семей"),
    },
    Uezd {
        uezd: loc("Тургайский", "Торғай"),
        oblast: loc("Тургайская", "Торғай"),
    },
    Uezd {
        uezd: loc("Кустанайский", "Қостанай"),
        oblast: loc("Тургайская", "Торғай"),
    },
    Uezd {
        uezd: loc("Актюбинский", "Ақтөбе"),
        oblast: loc("Тургайская", "Торғай"),
    },
    Uezd {
        uezd: loc("Иргизский", "Ырғыз"),
        oblast: loc("Тургайская", "Торғай"),
    },
    Uezd {
        uezd: loc("Акмолинский", "Ақмола"),
        oblast: loc("Акмолинская", "Ақмола"),
    },
    Uezd {
        uezd: loc("Петропавловский", "Петропавл"),
        oblast: loc("Акмолинская", "Ақмола"),
    },
    Uezd {
        uezd: loc("Атбасарский", "Атбасар"),
        oblast: loc("Акмолинская", "Ақмола"),
    },
    Uezd {
        uezd: loc("Верненский", "Верный"),
        oblast: loc("Семиреченская", "Жетісу"),
    },
    Uezd {
        uezd: loc("Копальский", "Қапал"),
        oblast: loc("Семиреченская", "Жетісу"),
    },
    Uezd {
        uezd: loc("Лепсинский", "Лепсі"),
        oblast: loc("Семиреченская", "Жетісу"),
    },
    Uezd {
        uezd: loc("Уральский", "Орал"),
        oblast: loc("Уральская", "Орал"),
    },
    Uezd {
        uezd: loc("Гурьевский", "Гурьев"),
        oblast: loc("Уральская", "Орал"),
    },
    Uezd {
        uezd: loc("Темирский", "Темір"),
        oblast: loc("Уральская", "Орал"),
    },
];

/// Volosts (Russian adjective, Kazakh name).
pub(crate) const VOLOSTS: &[PlaceName] = &[
    loc("Созакская", "Созақ"),
    loc("Сайрамская", "Сайрам"),
    loc("Карабулакская", "Қарабұлақ"),
    loc("Бадамская", "Бадам"),
    loc("Тюлькубасская", "Түлкібас"),
    loc("Чаяновская", "Шаян"),
    loc("Токрауская", "Тоқырау"),
    loc("Сарыкопинская", "Сарықопа"),
    loc("Кызылжарская", "Қызылжар"),
    loc("Баянаульская", "Баянауыл"),
    loc("Талгарская", "Талғар"),
    loc("Уильская", "Ойыл"),
    loc("Иргизская", "Ырғыз"),
    loc("Аксуская", "Ақсу"),
    loc("Карасуская", "Қарасу"),
    loc("Чубартауская", "Шұбартау"),
    loc("Абралинская", "Абыралы"),
    loc("Кегенская", "Кеген"),
    loc("Нарынская", "Нарын"),
    loc("Бугулинская", "Бұғылы"),
    loc("Чуйская", "Шу"),
    loc("Меркенская", "Мерке"),
    loc("Каракольская", "Қаракөл"),
    loc("Джетыгаринская", "Жетіқара"),
];

/// An oblast of the 1930s–1950s with its centre and districts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Oblast {
    /// `Южно-Казахстанская` / `Оңтүстік Қазақстан`.
    pub(crate) name: PlaceName,
    /// Dative form for `Тройка УНКВД по … обл.`.
    pub(crate) dative: &'static str,
    /// Centre (also the usual place of execution).
    pub(crate) city: PlaceName,
    /// Districts.
    pub(crate) districts: &'static [PlaceName],
}

/// Oblasts of the Kazakh ASSR/SSR (approximate: formed 1932–1939).
pub(crate) const OBLASTS: &[Oblast] = &[
    Oblast {
        name: loc("Южно-Казахстанская", "Оңтүстік Қазақстан"),
        dative: "Южно-Казахстанской",
        city: loc("Чимкент", "Шымкент"),
        districts: &[
            loc("Сузакский", "Созақ"),
            loc("Сайрамский", "Сайрам"),
            loc("Ленгерский", "Леңгір"),
            loc("Тюлькубасский", "Түлкібас"),
            loc("Туркестанский", "Түркістан"),
            loc("Келесский", "Келес"),
            loc("Бостандыкский", "Бостандық"),
            loc("Арысский", "Арыс"),
            loc("Чаяновский", "Шаян"),
            loc("Кзыл-Кумский", "Қызылқұм"),
            loc("Пахта-Аральский", "Мақтаарал"),
        ],
    },
    Oblast {
        name: loc("Алма-Атинская", "Алматы"),
        dative: "Алма-Атинской",
        city: loc("Алма-Ата", "Алматы"),
        districts: &[
            loc("Талгарский", "Талғар"),
            loc("Каскеленский", "Қаскелең"),
            loc("Илийский", "Іле"),
            loc("Чиликский", "Шелек"),
            loc("Кегенский", "Кеген"),
            loc("Нарынкольский", "Нарынқол"),
            loc("Каратальский", "Қаратал"),
        ],
    },
    Oblast {
        name: loc("Карагандинская", "Қарағанды"),
        dative: "Карагандинской",
        city: loc("Караганда", "Қарағанды"),
        districts: &[
            loc("Каркаралинский", "Қарқаралы"),
            loc("Тельманский", "Тельман"),
            loc("Осакаровский", "Осакаров"),
            loc("Нуринский", "Нұра"),
            loc("Шетский", "Шет"),
        ],
    },
    Oblast {
        name: loc("Актюбинская", "Ақтөбе"),
        dative: "Актюбинской",
        city: loc("Актюбинск", "Ақтөбе"),
        districts: &[
            loc("Иргизский", "Ырғыз"),
            loc("Темирский", "Темір"),
            loc("Мартукский", "Мәртөк"),
            loc("Уилский", "Ойыл"),
            loc("Челкарский", "Шалқар"),
        ],
    },
    Oblast {
        name: loc("Восточно-Казахстанская", "Шығыс Қазақстан"),
        dative: "Восточно-Казахстанской",
        city: loc("Усть-Каменогорск", "Өскемен"),
        districts: &[
            loc("Зыряновский", "Зырян"),
            loc("Катон-Карагайский", "Катонқарағай"),
            loc("Кокпектинский", "Көкпекті"),
            loc("Самарский", "Самар"),
        ],
    },
    Oblast {
        name: loc("Западно-Казахстанская", "Батыс Қазақстан"),
        dative: "Западно-Казахстанской",
        city: loc("Уральск", "Орал"),
        districts: &[
            loc("Джаныбекский", "Жәнібек"),
            loc("Урдинский", "Орда"),
            loc("Чингирлауский", "Шыңғырлау"),
            loc("Каратюбинский", "Қаратөбе"),
        ],
    },
    Oblast {
        name: loc("Северо-Казахстанская", "Солтүстік Қазақстан"),
        dative: "Северо-Казахстанской",
        city: loc("Петропавловск", "Петропавл"),
        districts: &[
            loc("Булаевский", "Булаев"),
            loc("Мамлютский", "Мамлют"),
            loc("Пресновский", "Пресновка"),
            loc("Тайншинский", "Тайынша"),
        ],
    },
    Oblast {
        name: loc("Кустанайская", "Қостанай"),
        dative: "Кустанайской",
        city: loc("Кустанай", "Қостанай"),
        districts: &[
            loc("Тургайский", "Торғай"),
            loc("Амангельдинский", "Амангелді"),
            loc("Денисовский", "Денисов"),
            loc("Федоровский", "Федоров"),
        ],
    },
    Oblast {
        name: loc("Семипалатинская", "Семей"),
        dative: "Семипалатинской",
        city: loc("Семипалатинск", "Семей"),
        districts: &[
            loc("Абайский", "Абай"),
            loc("Аягузский", "Аягөз"),
            loc("Жарминский", "Жарма"),
            loc("Бескарагайский", "Бесқарағай"),
        ],
    },
    Oblast {
        name: loc("Кзыл-Ординская", "Қызылорда"),
        dative: "Кзыл-Ординской",
        city: loc("Кзыл-Орда", "Қызылорда"),
        districts: &[
            loc("Казалинский", "Қазалы"),
            loc("Аральский", "Арал"),
            loc("Сырдарьинский", "Сырдария"),
            loc("Кармакчинский", "Қармақшы"),
            loc("Джалагашский", "Жалағаш"),
        ],
    },
    Oblast {
        name: loc("Павлодарская", "Павлодар"),
        dative: "Павлодарской",
        city: loc("Павлодар", "Павлодар"),
        districts: &[
            loc("Баянаульский", "Баянауыл"),
            loc("Иртышский", "Ертіс"),
            loc("Лебяжинский", "Лебяжі"),
        ],
    },
    Oblast {
        name: loc("Гурьевская", "Гурьев"),
        dative: "Гурьевской",
        city: loc("Гурьев", "Гурьев"),
        districts: &[
            loc("Кзыл-Кугинский", "Қызылқоға"),
            loc("Макатский", "Мақат"),
            loc("Денгизский", "Теңіз"),
        ],
    },
    Oblast {
        name: loc("Джамбулская", "Жамбыл"),
        dative: "Джамбулской",
        city: loc("Джамбул", "Жамбыл"),
        districts: &[
            loc("Таласский", "Талас"),
            loc("Меркенский", "Мерке"),
            loc("Свердловский", "Свердлов"),
            loc("Сарысуский", "Сарысу"),
        ],
    },
];

/// Weights of [`OBLASTS`] as places of residence, by nationality group: Kazakhs and Slavs,
/// deported Koreans, deported Germans and Poles, deported Chechens and Ingush.
pub(crate) const OBLAST_WEIGHTS: [[u32; 13]; 4] = [
    [30, 12, 10, 7, 7, 6, 6, 6, 7, 6, 4, 3, 5],
    [25, 15, 2, 1, 1, 1, 1, 1, 1, 40, 1, 4, 8],
    [2, 3, 30, 4, 5, 3, 20, 15, 6, 1, 8, 1, 2],
    [25, 15, 15, 2, 3, 2, 3, 2, 4, 2, 12, 1, 15],
];

/// Collective farms (Russian, Kazakh).
pub(crate) const KOLKHOZES: &[PlaceName] = &[
    loc("колхоз им. Кирова", "Киров атындағы колхоз"),
    loc("колхоз им. Сталина", "Сталин атындағы колхоз"),
    loc("колхоз «Кызыл ту»", "«Қызыл ту» колхозы"),
    loc("колхоз «Жана жол»", "«Жаңа жол» колхозы"),
    loc("колхоз «Коммунизм»", "«Коммунизм» колхозы"),
    loc("колхоз им. Амангельды", "Амангелді атындағы колхоз"),
    loc("колхоз «Екпинди»", "«Екпінді» колхозы"),
    loc("колхоз «Красный партизан»", "«Қызыл партизан» колхозы"),
    loc("колхоз «Путь Ленина»", "«Ленин жолы» колхозы"),
    loc("аул № 4", "№ 4 ауыл"),
    loc("аул № 9", "№ 9 ауыл"),
    loc("аулсовет № 12", "№ 12 ауылдық кеңес"),
];

/// Birthplaces outside Kazakhstan, by nationality (Russian only: such lists write them so).
pub(crate) fn foreign_birthplaces(eth: Nationality) -> &'static [&'static str] {
    match eth {
        Nationality::Kazakh => &[],
        Nationality::Russian => &[
            "Саратовская губ.",
            "Самарская губ.",
            "Оренбургская губ.",
            "Тамбовская губ.",
            "Воронежская губ.",
            "Пензенская губ.",
            "Омская губ.",
            "Алтайская губ.",
            "Рязанская губ.",
            "Курская губ.",
        ],
        Nationality::Ukrainian => &[
            "Полтавская губ.",
            "Черниговская губ.",
            "Киевская губ.",
            "Харьковская губ.",
            "Екатеринославская губ.",
            "Подольская губ.",
        ],
        Nationality::German => &[
            "Самарская губ., колония Мариенталь",
            "Саратовская губ., колония Норка",
            "АССР немцев Поволжья, кантон Бальцер",
            "АССР немцев Поволжья, кантон Марксштадт",
            "Таврическая губ., колония Гальбштадт",
            "Екатеринославская губ., колония Хортица",
        ],
        Nationality::Korean => &[
            "Приморская обл., Посьетский р-н",
            "г. Владивосток",
            "Корея",
            "Приморская обл., Сучанский р-н",
            "Дальне-Восточный край, Хабаровск",
        ],
        Nationality::Tatar => &[
            "Казанская губ.",
            "Уфимская губ.",
            "г. Семипалатинск",
            "Симбирская губ.",
        ],
        Nationality::Polish => &[
            "Волынская губ.",
            "Житомирская обл., Мархлевский р-н",
            "Каменец-Подольская губ.",
            "Киевская губ.",
        ],
        Nationality::Chechen => &[
            "Терская обл., аул Шали",
            "Грозненский округ, с. Урус-Мартан",
            "ЧИАССР, Веденский р-н",
            "ЧИАССР, Гудермесский р-н",
        ],
        Nationality::Ingush => &[
            "Назрановский округ, с. Базоркино",
            "ЧИАССР, Пригородный р-н",
            "Терская обл., с. Экажево",
        ],
    }
}

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

/// Executions places outside Kazakhstan (VKVS cases were often tried in Moscow).
pub(crate) const MOSCOW: PlaceName = loc("Москва", "Мәскеу");

/// Simulated lists' volumes for `source_text`.
pub(crate) const VOLUMES: u32 = 9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_are_large_and_have_kazakh_letters() {
        let total = kz_male().len()
            + kz_female().len()
            + kz_roots().len()
            + ru_male().len()
            + ru_female().len()
            + ru_surnames().len()
            + ua_male().len()
            + ua_female().len()
            + ua_surnames().len()
            + de_male().len()
            + de_female().len()
            + de_surnames().len()
            + ko_surnames().len()
            + ko_male_korean().len()
            + ko_female_korean().len()
            + tt_male().len()
            + tt_female().len()
            + tt_surnames().len()
            + pl_male().len()
            + pl_female().len()
            + pl_surnames().len()
            + ce_male().len()
            + ce_female().len()
            + ce_surnames().len()
            + in_surnames().len()
            + in_male().len();
        assert!(total > 700, "{total}");
        let all: String = kz_male()
            .iter()
            .chain(kz_female())
            .chain(kz_roots())
            .copied()
            .collect();
        for c in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] {
            assert!(all.contains(c), "no {c}");
        }
        assert_eq!(OBLASTS.len(), OBLAST_WEIGHTS[0].len());
    }

    /// Every name table of `data/names.tsv` is read (a renamed table would be an empty pool).
    #[test]
    fn every_name_table_is_read() {
        let sizes = [
            ("kz_male", kz_male().len()),
            ("kz_female", kz_female().len()),
            ("kz_roots", kz_roots().len()),
            ("ru_male", ru_male().len()),
            ("ru_female", ru_female().len()),
            ("ru_surnames", ru_surnames().len()),
            ("ua_male", ua_male().len()),
            ("ua_female", ua_female().len()),
            ("ua_surnames", ua_surnames().len()),
            ("de_male", de_male().len()),
            ("de_female", de_female().len()),
            ("de_surnames", de_surnames().len()),
            ("ko_surnames", ko_surnames().len()),
            ("ko_male_korean", ko_male_korean().len()),
            ("ko_female_korean", ko_female_korean().len()),
            ("tt_male", tt_male().len()),
            ("tt_female", tt_female().len()),
            ("tt_surnames", tt_surnames().len()),
            ("pl_male", pl_male().len()),
            ("pl_female", pl_female().len()),
            ("pl_surnames", pl_surnames().len()),
            ("ce_male", ce_male().len()),
            ("ce_female", ce_female().len()),
            ("ce_surnames", ce_surnames().len()),
            ("in_surnames", in_surnames().len()),
            ("in_male", in_male().len()),
        ];
        for (table, size) in sizes {
            assert!(size >= 5, "{table}: {size} names");
        }
    }
}
