//! The simulated source lists (a table): the script, language, date spellings and noise of each
//! list a synthetic record can come from, and how a list writes a date.

use museum_core::model::HistoricalDate;
use museum_core::model::date::Day;
use museum_core::translit::Scheme;

/// The script a list writes names in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Russian Cyrillic: Kazakh letters become Russian ones.
    Ru,
    /// Kazakh Cyrillic: Kazakh letters kept.
    Kk,
    /// Latin, with a romanization scheme (BGN lists switch to ICAO for some records).
    Latin(Scheme),
}

/// The language of a list's other fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Ru,
    Kk,
    En,
    De,
}

/// Families of date spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateFamily {
    /// `1937-11-10`, `1937-11`, `1937`.
    Iso,
    /// `10.11.1937`, `11.1937`, `1937`.
    Dotted,
    /// `10.XI.1937`, `XI.1937`, `1937`.
    Roman,
    /// `10 ноября 1937 г.`, `ноябрь 1937`, `1937 г.`.
    RussianWords,
    /// ISO with `1937 ж.` for years (Kazakh).
    KazakhYear,
}

/// A simulated source list.
#[derive(Debug)]
pub(crate) struct List {
    pub(crate) id: &'static str,
    pub(crate) title: &'static str,
    pub(crate) short: &'static str,
    pub(crate) language: &'static str,
    pub(crate) notes: &'static str,
    pub(crate) target: Target,
    pub(crate) lang: Lang,
    /// Probability that a Kazakh's patronymic is written `-ұлы/-қызы`.
    pub(crate) kz_patronymic: f64,
    /// Probability that a Kazakh surname is de-Russified (`Бөкейхан`).
    pub(crate) derussify: f64,
    /// Probability that a Kazakh surname is written `-ұлы` (`Бөкейханұлы`).
    pub(crate) uly_surname: f64,
    pub(crate) dates: &'static [(DateFamily, u32)],
    /// Extra OCR confusions.
    pub(crate) ocr: f64,
    /// Latin look-alike letters.
    pub(crate) homoglyph: f64,
    /// Kazakh spelling kept as a name variant (Memorial's «Варианты ФИО»).
    pub(crate) variants: f64,
}

/// The simulated lists. Every one is synthetic: its id starts with `src-synthetic`.
pub(crate) const LISTS: &[List] = &[
    List {
        id: "src-synthetic-01",
        title: "Синтетическая «Книга памяти» (русск.) — SYNTHETIC, not real people",
        short: "Синт. Книга памяти",
        language: "ru",
        notes: "Imitates a Russian-language regional Book of Memory: Russified names, dates 10.11.1937.",
        target: Target::Ru,
        lang: Lang::Ru,
        kz_patronymic: 0.05,
        derussify: 0.0,
        uly_surname: 0.0,
        dates: &[
            (DateFamily::Dotted, 70),
            (DateFamily::Iso, 15),
            (DateFamily::RussianWords, 15),
        ],
        ocr: 0.02,
        homoglyph: 0.01,
        variants: 0.0,
    },
    List {
        id: "src-synthetic-02",
        title: "Синтетикалық «Қасірет кітабы» (қазақ тілінде) — SYNTHETIC, not real people",
        short: "Синт. Қасірет кітабы",
        language: "kk",
        notes: "Imitates a Kazakh-language list: Kazakh letters, -ұлы/-қызы patronymics, some de-Russified surnames.",
        target: Target::Kk,
        lang: Lang::Kk,
        kz_patronymic: 0.8,
        derussify: 0.25,
        uly_surname: 0.1,
        dates: &[
            (DateFamily::Iso, 45),
            (DateFamily::Dotted, 35),
            (DateFamily::KazakhYear, 20),
        ],
        ocr: 0.01,
        homoglyph: 0.01,
        variants: 0.0,
    },
    List {
        id: "src-synthetic-03",
        title: "Синтетическая БД «Жертвы политического террора» (имитация) — SYNTHETIC",
        short: "Синт. БД жертв террора",
        language: "ru",
        notes: "Imitates a Memorial-style database card: dates in words (ноябрь 1937), name variants.",
        target: Target::Ru,
        lang: Lang::Ru,
        kz_patronymic: 0.05,
        derussify: 0.0,
        uly_surname: 0.0,
        dates: &[(DateFamily::RussianWords, 60), (DateFamily::Dotted, 40)],
        ocr: 0.01,
        homoglyph: 0.01,
        variants: 0.12,
    },
    List {
        id: "src-synthetic-04",
        title: "Synthetic victims database (English, BGN/PCGN and passport romanizations) — SYNTHETIC",
        short: "Synthetic DB (en)",
        language: "en",
        notes: "Imitates an English-language database: names romanized from the Russian spelling.",
        target: Target::Latin(Scheme::Bgn),
        lang: Lang::En,
        kz_patronymic: 0.05,
        derussify: 0.0,
        uly_surname: 0.0,
        dates: &[(DateFamily::Iso, 100)],
        ocr: 0.0,
        homoglyph: 0.0,
        variants: 0.0,
    },
    List {
        id: "src-synthetic-05",
        title: "Synthetic list in the 2021 Kazakh Latin alphabet — SYNTHETIC, not real people",
        short: "Synthetic list (kk Latin)",
        language: "kk",
        notes: "Imitates a list in the 2021 Kazakh Latin alphabet (ä ğ q ñ ö ū ü ı ş).",
        target: Target::Latin(Scheme::Kz2021),
        lang: Lang::En,
        kz_patronymic: 0.8,
        derussify: 0.3,
        uly_surname: 0.1,
        dates: &[(DateFamily::Iso, 60), (DateFamily::Dotted, 40)],
        ocr: 0.0,
        homoglyph: 0.0,
        variants: 0.0,
    },
    List {
        id: "src-synthetic-06",
        title: "Synthetisches Gedenkbuch (deutsche Umschrift) — SYNTHETIC, not real people",
        short: "Synth. Gedenkbuch",
        language: "de",
        notes: "Imitates a German memorial book: German spellings of German names, German transliteration of others.",
        target: Target::Latin(Scheme::German),
        lang: Lang::De,
        kz_patronymic: 0.3,
        derussify: 0.2,
        uly_surname: 0.0,
        dates: &[(DateFamily::Dotted, 100)],
        ocr: 0.0,
        homoglyph: 0.0,
        variants: 0.0,
    },
    List {
        id: "src-synthetic-07",
        title: "Синтетическая архивная выписка (распознанный текст) — SYNTHETIC, not real people",
        short: "Синт. архивная выписка",
        language: "ru",
        notes: "Imitates an OCR'd archive extract: OCR confusions, Latin look-alike letters, 10.XI.1937.",
        target: Target::Ru,
        lang: Lang::Ru,
        kz_patronymic: 0.1,
        derussify: 0.0,
        uly_surname: 0.0,
        dates: &[(DateFamily::Dotted, 50), (DateFamily::Roman, 50)],
        ocr: 0.15,
        homoglyph: 0.08,
        variants: 0.0,
    },
];

/// Which date spellings the date parser of this build reads. Synthetic clean data must parse,
/// so a spelling the parser does not read is replaced by the ISO form of the same precision.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct DateSupport {
    pub(crate) dotted: bool,
    pub(crate) dotted_month: bool,
    pub(crate) roman: bool,
    pub(crate) words_day: bool,
    pub(crate) words_month: bool,
    pub(crate) year_g: bool,
    pub(crate) year_kz: bool,
}

impl DateSupport {
    /// Tries each spelling on a sample and keeps those read back to the right value.
    pub(crate) fn probe() -> DateSupport {
        let reads = |text: &str, y: i32, m: Option<u8>, d: Option<u8>| {
            HistoricalDate::parse(text).is_ok_and(|h| match h.value() {
                museum_core::model::DateValue::Point(p) => {
                    p.year == y && p.month == m && p.day == d && !p.uncertain && !p.approximate
                }
                _ => false,
            })
        };
        DateSupport {
            dotted: reads("09.11.1937", 1937, Some(11), Some(9)),
            dotted_month: reads("11.1937", 1937, Some(11), None),
            roman: reads("09.XI.1937", 1937, Some(11), Some(9)),
            words_day: reads("9 ноября 1937 г.", 1937, Some(11), Some(9)),
            words_month: reads("ноябрь 1937", 1937, Some(11), None),
            year_g: reads("1937 г.", 1937, None, None),
            year_kz: reads("1937 ж.", 1937, None, None),
        }
    }

    /// The spellings used and those replaced by ISO, for the summary.
    pub(crate) fn describe(self) -> (Vec<&'static str>, Vec<&'static str>) {
        let all = [
            (self.dotted, "10.11.1937"),
            (self.dotted_month, "11.1937"),
            (self.roman, "10.XI.1937"),
            (self.words_day, "10 ноября 1937 г."),
            (self.words_month, "ноябрь 1937"),
            (self.year_g, "1937 г."),
            (self.year_kz, "1937 ж."),
        ];
        let mut used = vec!["1937-11-10", "1937-11", "1937"];
        let mut replaced = Vec::new();
        for (ok, s) in all {
            if ok {
                used.push(s);
            } else {
                replaced.push(s);
            }
        }
        (used, replaced)
    }
}

/// Precision a date is written at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WrittenPrecision {
    Day,
    Month,
    Year,
}

pub(super) const MONTHS_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
pub(super) const MONTHS_NOM: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
pub(super) const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// Writes a day in a family of spellings at a precision; spellings the parser does not read
/// fall back to ISO.
pub(crate) fn fmt_date(
    d: Day,
    prec: WrittenPrecision,
    fam: DateFamily,
    sup: DateSupport,
) -> String {
    let (y, m, dd) = (d.year, d.month, d.day);
    let mi = usize::from(m - 1);
    match (prec, fam) {
        (WrittenPrecision::Day, DateFamily::Dotted) if sup.dotted => format!("{dd:02}.{m:02}.{y}"),
        (WrittenPrecision::Day, DateFamily::Roman) if sup.roman => {
            format!("{dd:02}.{}.{y}", ROMAN[mi])
        }
        (WrittenPrecision::Day, DateFamily::RussianWords) if sup.words_day => {
            format!("{dd} {} {y} г.", MONTHS_GEN[mi])
        }
        (WrittenPrecision::Day, _) => format!("{y:04}-{m:02}-{dd:02}"),
        (WrittenPrecision::Month, DateFamily::Dotted | DateFamily::Roman) if sup.dotted_month => {
            format!("{m:02}.{y}")
        }
        (WrittenPrecision::Month, DateFamily::RussianWords) if sup.words_month => {
            format!("{} {y}", MONTHS_NOM[mi])
        }
        (WrittenPrecision::Month, _) => format!("{y:04}-{m:02}"),
        (WrittenPrecision::Year, DateFamily::RussianWords) if sup.year_g => format!("{y} г."),
        (WrittenPrecision::Year, DateFamily::KazakhYear) if sup.year_kz => format!("{y} ж."),
        (WrittenPrecision::Year, _) => format!("{y:04}"),
    }
}
