//! Controlled vocabularies of archival records: [`Sex`] and [`Sentence`].
//!
//! Lists write the same value many ways (`м`, `муж.`, `ер`, `M`; `ВМН`, `расстрел`, `ату жазасы`;
//! `10 лет ИТЛ`, `ИТЛ 10 лет`, `10 жыл`). Each typed value keeps the text it was read from; a
//! value that cannot be mapped is `Unrecognised` with its text, never guessed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod tables;
mod user;

use crate::hash::{TextMemo, memo};
use tables::{first_kind, tables, term_years};
pub use user::{UserVocab, VocabMap};

/// Sex as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct Sex {
    /// The normalized value.
    pub value: SexValue,
    /// The text as written (`муж.`, `ер`, `F`).
    pub original: String,
}

/// The normalized values of [`Sex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SexValue {
    /// Male.
    Male,
    /// Female.
    Female,
    /// The text could not be mapped (kept in `original`).
    Unrecognised,
}

impl Sex {
    /// Maps Russian, Kazakh and English spellings; `None` for an empty text.
    ///
    /// ```
    /// use museum_core::{Sex, SexValue};
    /// assert_eq!(Sex::parse("муж.").unwrap().value, SexValue::Male);
    /// assert_eq!(Sex::parse("әйел").unwrap().value, SexValue::Female);
    /// assert_eq!(Sex::parse("x").unwrap().value, SexValue::Unrecognised);
    /// assert!(Sex::parse(" ").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Sex> {
        Sex::parse_with(text, None)
    }

    /// [`Sex::parse`], with a project's own values ([`UserVocab`]) tried first.
    pub fn parse_with(text: &str, user: Option<&UserVocab>) -> Option<Sex> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let value = match user.and_then(|u| u.sex.get(t)) {
            Some(v) => v,
            None => builtin_sex(t)?,
        };
        Some(Sex {
            value,
            original: t.to_owned(),
        })
    }

    /// A sex with its canonical text (`m`/`f`).
    pub fn from_value(value: SexValue) -> Sex {
        let original = match value {
            SexValue::Male => "m",
            SexValue::Female => "f",
            SexValue::Unrecognised => "",
        };
        Sex {
            value,
            original: original.to_owned(),
        }
    }
}

/// A sentence as recorded: kind, term and the original text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    /// The kind of punishment.
    pub kind: SentenceKind,
    /// The term in years, when the sentence has one (`10 лет ИТЛ` → 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_years: Option<f32>,
    /// The text as written (`ВМН`, `10 лет ИТЛ`, `ату жазасы`).
    pub original: String,
}

/// Kinds of sentence found in the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// Death by shooting (ВМН, расстрел, ату жазасы).
    Execution,
    /// Term in a corrective-labour camp (ИТЛ, концлагерь, лагерь).
    Camp,
    /// Term in prison (тюрьма, тюремное заключение).
    Prison,
    /// Exile to a named place (ссылка, жер аудару).
    Exile,
    /// Banishment from given places (высылка).
    Banishment,
    /// Deportation / special settlement (депортация, спецпоселение).
    Deportation,
    /// Forced labour without confinement (принудительные работы).
    ForcedLabour,
    /// Acquitted or the case dropped (оправдан, дело прекращено).
    Acquittal,
    /// Released or the sentence counted as served (освобожден, зачесть).
    Released,
    /// The text could not be mapped (kept in `original`).
    Unrecognised,
}

impl SentenceKind {
    /// Stable `snake_case` name (as in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Execution => "execution",
            SentenceKind::Camp => "camp",
            SentenceKind::Prison => "prison",
            SentenceKind::Exile => "exile",
            SentenceKind::Banishment => "banishment",
            SentenceKind::Deportation => "deportation",
            SentenceKind::ForcedLabour => "forced_labour",
            SentenceKind::Acquittal => "acquittal",
            SentenceKind::Released => "released",
            SentenceKind::Unrecognised => "unrecognised",
        }
    }
}

impl SentenceKind {
    /// Parses a stable name (`execution`, `forced_labour`).
    pub fn parse(name: &str) -> Option<SentenceKind> {
        SentenceKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name.trim())
    }

    /// Every kind, `Unrecognised` last.
    pub const ALL: &'static [SentenceKind] = &[
        SentenceKind::Execution,
        SentenceKind::Camp,
        SentenceKind::Prison,
        SentenceKind::Exile,
        SentenceKind::Banishment,
        SentenceKind::Deportation,
        SentenceKind::ForcedLabour,
        SentenceKind::Acquittal,
        SentenceKind::Released,
        SentenceKind::Unrecognised,
    ];
}

impl Sentence {
    /// Maps Russian, Kazakh and English spellings of sentences; `None` for an empty text.
    ///
    /// ```
    /// use museum_core::{Sentence, SentenceKind};
    /// assert_eq!(Sentence::parse("ВМН").unwrap().kind, SentenceKind::Execution);
    /// let s = Sentence::parse("10 лет ИТЛ").unwrap();
    /// assert_eq!((s.kind, s.term_years), (SentenceKind::Camp, Some(10.0)));
    /// assert_eq!(Sentence::parse("ату жазасы").unwrap().kind, SentenceKind::Execution);
    /// assert_eq!(Sentence::parse("10 жыл").unwrap().term_years, Some(10.0));
    /// ```
    pub fn parse(text: &str) -> Option<Sentence> {
        Sentence::parse_with(text, None)
    }

    /// [`Sentence::parse`], with a project's own values ([`UserVocab`]) tried first; the term
    /// is still read from the text (`"10 l. ITL" = "camp"` gives 10 years).
    pub fn parse_with(text: &str, user: Option<&UserVocab>) -> Option<Sentence> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let low = t.to_lowercase();
        if let Some(kind) = user.and_then(|u| u.sentence.get(t)) {
            let term_years = (kind != SentenceKind::Execution)
                .then(|| term_years(&low))
                .flatten();
            return Some(Sentence {
                kind,
                term_years,
                original: t.to_owned(),
            });
        }
        let (kind, term_years) = builtin_sentence(t)?;
        Some(Sentence {
            kind,
            term_years,
            original: t.to_owned(),
        })
    }
}

/// Kinds of sentencing body (`sentencing_body`): which organ passed the sentence, whatever its
/// spelling (`тройка при УНКВД`, `Особое совещание при НКВД СССР`, `ВКВС СССР`, `үштік`,
/// `troika`). The table is `data/vocab/sentencing-body.tsv`; a project adds its own spellings
/// in `[vocab.sentencing_body]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// A troika of the NKVD or OGPU (тройка, үштік).
    Troika,
    /// The NKVD commission and the prosecutor (двойка, Комиссия НКВД и Прокурора СССР).
    Dvoika,
    /// The Special Board of the OGPU, NKVD or MGB (ОСО, Особое совещание).
    SpecialBoard,
    /// The Military Collegium of the Supreme Court of the USSR (ВКВС, Военная коллегия).
    MilitaryCollegium,
    /// A military, revolutionary or railway tribunal (военный трибунал, ВТ, ревтрибунал).
    Tribunal,
    /// The Collegium of the OGPU (or GPU, `VChK`).
    OgpuCollegium,
    /// A court: people's, regional, supreme, special collegium (суд, нарсуд, спецколлегия, сот).
    Court,
    /// No body but an act: a resolution or decree deporting whole peoples or groups
    /// (`Постановление СНК СССР № 1428-326сс`, `Указ Президиума ВС СССР от 28.08.1941`).
    Decree,
    /// The text could not be mapped.
    Unrecognised,
}

impl BodyKind {
    /// Every kind, `Unrecognised` last.
    pub const ALL: &'static [BodyKind] = &[
        BodyKind::Troika,
        BodyKind::Dvoika,
        BodyKind::SpecialBoard,
        BodyKind::MilitaryCollegium,
        BodyKind::Tribunal,
        BodyKind::OgpuCollegium,
        BodyKind::Court,
        BodyKind::Decree,
        BodyKind::Unrecognised,
    ];

    /// Stable `snake_case` name (as in JSON and `museum.toml`).
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::Troika => "troika",
            BodyKind::Dvoika => "dvoika",
            BodyKind::SpecialBoard => "special_board",
            BodyKind::MilitaryCollegium => "military_collegium",
            BodyKind::Tribunal => "tribunal",
            BodyKind::OgpuCollegium => "ogpu_collegium",
            BodyKind::Court => "court",
            BodyKind::Decree => "decree",
            BodyKind::Unrecognised => "unrecognised",
        }
    }

    /// Parses a stable name (`troika`, `special_board`).
    pub fn parse(name: &str) -> Option<BodyKind> {
        BodyKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name.trim())
    }

    /// The kind of a sentencing body as written, with a project's own values ([`UserVocab`])
    /// tried first; `None` for an empty text.
    ///
    /// ```
    /// use museum_core::model::vocab::BodyKind;
    /// assert_eq!(BodyKind::of("тройка при УНКВД по ЮКО", None), Some(BodyKind::Troika));
    /// assert_eq!(BodyKind::of("ОСО при НКВД СССР", None), Some(BodyKind::SpecialBoard));
    /// assert_eq!(BodyKind::of("ВКВС СССР (выездная сессия)", None), Some(BodyKind::MilitaryCollegium));
    /// assert_eq!(BodyKind::of("Коллегия ОГПУ", None), Some(BodyKind::OgpuCollegium));
    /// assert_eq!(BodyKind::of("НКВД", None), Some(BodyKind::Unrecognised));
    /// assert_eq!(BodyKind::of(" ", None), None);
    /// ```
    pub fn of(text: &str, user: Option<&UserVocab>) -> Option<BodyKind> {
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        if let Some(k) = user.and_then(|u| u.sentencing_body.get(t)) {
            return Some(k);
        }
        Some(first_kind(&tables().body, &t.to_lowercase()).unwrap_or(BodyKind::Unrecognised))
    }
}

/// How a project's charge values (`[vocab.charge]`) are understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChargeKind {
    /// Articles of a code, written in this archive's own form (`ст. 58 п.10 УК КазССР`).
    Articles,
    /// A legal basis that is not an article of a code (a decree, a resolution, a law).
    Basis,
    /// A description of the accusation in words (`контрреволюционная агитация`).
    Description,
}

impl ChargeKind {
    /// Every kind, in the order of the documentation.
    pub const ALL: &'static [ChargeKind] = &[
        ChargeKind::Articles,
        ChargeKind::Basis,
        ChargeKind::Description,
    ];

    /// Stable `snake_case` name (as in `museum.toml`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChargeKind::Articles => "articles",
            ChargeKind::Basis => "basis",
            ChargeKind::Description => "description",
        }
    }

    /// Parses a stable name.
    pub fn parse(name: &str) -> Option<ChargeKind> {
        ChargeKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name.trim())
    }
}

/// Whether `text` says "unknown" rather than give a value (`неизв.`, `нет данных`, `белгісіз`,
/// `unknown`, `?`, `XXXX`, `—`): the spellings the date reader reads as unknown. Date and sex
/// fields read such values as missing (validation reports them once per file and column,
/// M217).
///
/// ```
/// use museum_core::model::vocab::is_placeholder;
/// assert!(is_placeholder("неизв.") && is_placeholder("белгісіз") && is_placeholder("?"));
/// assert!(!is_placeholder("1937") && !is_placeholder("м") && !is_placeholder(""));
/// ```
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    // Placeholders are short and have no digits; the date reader has the final word.
    !t.is_empty()
        && t.len() <= 40
        && !t.bytes().any(|b| b.is_ascii_digit())
        && super::HistoricalDate::parse(t).is_ok_and(|d| d.is_unknown())
}

/// The form values are compared in, as the built-in tables compare them: trimmed, lower-case,
/// runs of whitespace as one space, trailing dots dropped (`" Муж. "` → `муж`).
///
/// ```
/// use museum_core::model::vocab::vocab_key;
/// assert_eq!(vocab_key(" 10 l.  ITL "), "10 l. itl");
/// assert_eq!(vocab_key("Муж."), "муж");
/// ```
pub fn vocab_key(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches('.')
        .trim_end()
        .to_lowercase()
}

// (Free functions, not methods: `thread_local!` expands to `unsafe`, which clippy does not want
// in methods of a type deriving `Deserialize`.)

/// The value of a sex text by the built-in vocabulary alone (no text copied), memoized per
/// thread: a list writes `муж.` or `м` hundreds of thousands of times. `None` for an empty
/// text; `Unrecognised` for one the vocabulary does not know.
pub(crate) fn builtin_sex(text: &str) -> Option<SexValue> {
    thread_local! {
        static SEXES: TextMemo<Option<SexValue>> = TextMemo::default();
    }
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    memo(&SEXES, t, |t| {
        let k = vocab_key(t);
        Some(
            tables()
                .sex
                .iter()
                .find(|(text, _)| *text == k)
                .map_or(SexValue::Unrecognised, |(_, v)| *v),
        )
    })
}

/// The kind and term of a sentence text by the built-in vocabulary alone (no text copied),
/// memoized per thread: a list writes the same few sentences (`ВМН`, `10 лет ИТЛ`)
/// hundreds of thousands of times, and each is otherwise matched against every key of
/// `data/vocab/sentence.tsv`. `None` for an empty text.
pub(crate) fn builtin_sentence(text: &str) -> Option<(SentenceKind, Option<f32>)> {
    thread_local! {
        static SENTENCES: TextMemo<Option<(SentenceKind, Option<f32>)>> =
            TextMemo::default();
    }
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    memo(&SENTENCES, t, |t| {
        let low = t.to_lowercase();
        let term_years = term_years(&low);
        let kind = first_kind(&tables().sentence, &low)
            .or_else(|| {
                // A bare term (`10 лет`, `10 жыл`) in these lists means camp.
                term_years.map(|_| SentenceKind::Camp)
            })
            .unwrap_or(SentenceKind::Unrecognised);
        let term_years = if kind == SentenceKind::Execution {
            None
        } else {
            term_years
        };
        Some((kind, term_years))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let cases: &[(&str, SentenceKind, Option<f32>)] = &[
            ("ВМН", SentenceKind::Execution, None),
            ("ВМН (расстрел)", SentenceKind::Execution, None),
            ("расстрел", SentenceKind::Execution, None),
            ("ату жазасы", SentenceKind::Execution, None),
            ("10 лет ИТЛ", SentenceKind::Camp, Some(10.0)),
            ("ИТЛ 10 лет", SentenceKind::Camp, Some(10.0)),
            ("10 жыл", SentenceKind::Camp, Some(10.0)),
            ("8 лет ИТЛ", SentenceKind::Camp, Some(8.0)),
            ("5 лет ссылки", SentenceKind::Exile, Some(5.0)),
            ("ссылка в Архангельскую обл.", SentenceKind::Exile, None),
            (
                "3 года тюремного заключения",
                SentenceKind::Prison,
                Some(3.0),
            ),
            ("оправдан", SentenceKind::Acquittal, None),
            ("дело прекращено", SentenceKind::Acquittal, None),
            ("депортация", SentenceKind::Deportation, None),
            ("спецпоселение", SentenceKind::Deportation, None),
            ("высылка", SentenceKind::Banishment, None),
            ("10 years of camp", SentenceKind::Camp, Some(10.0)),
            ("death", SentenceKind::Execution, None),
            ("что-то", SentenceKind::Unrecognised, None),
        ];
        for (text, kind, term) in cases {
            let s = Sentence::parse(text).unwrap();
            assert_eq!((s.kind, s.term_years), (*kind, *term), "{text}");
            assert_eq!(s.original, *text);
        }
    }

    /// Every form issue 16 lists as missed on other archives' lists.
    #[test]
    fn archival_forms_from_other_archives() {
        let cases: &[(&str, SentenceKind, Option<f32>)] = &[
            ("10 let ITL", SentenceKind::Camp, Some(10.0)),
            ("rasstrel", SentenceKind::Execution, None),
            ("vysshaya mera nakazaniya", SentenceKind::Execution, None),
            ("3 goda ssylki", SentenceKind::Exile, Some(3.0)),
            ("delo prekrashcheno", SentenceKind::Acquittal, None),
            ("ITL 10 let", SentenceKind::Camp, Some(10.0)),
            ("10 l. ITL", SentenceKind::Camp, Some(10.0)),
            ("ату", SentenceKind::Execution, None),
            ("Ату", SentenceKind::Execution, None),
            (
                "5 жыл бас бостандығынан айыру",
                SentenceKind::Prison,
                Some(5.0),
            ),
            ("VMN", SentenceKind::Execution, None),
            ("8 let lisheniya svobody", SentenceKind::Prison, Some(8.0)),
            ("5 let vysylki", SentenceKind::Banishment, Some(5.0)),
            ("osvobozhden", SentenceKind::Released, None),
            ("spetsposelenie", SentenceKind::Deportation, None),
        ];
        for (text, kind, term) in cases {
            let s = Sentence::parse(text).unwrap();
            assert_eq!((s.kind, s.term_years), (*kind, *term), "{text}");
        }
        // `ату` is a word, not any text that contains those letters.
        assert_eq!(
            Sentence::parse("статус неясен").unwrap().kind,
            SentenceKind::Unrecognised
        );
        for t in ["er", "Er", "erkek", "muzh.", "muzhskoy"] {
            assert_eq!(Sex::parse(t).unwrap().value, SexValue::Male, "{t}");
        }
        for t in ["äiel", "Áiel", "aiel", "zhen.", "zhenskiy"] {
            assert_eq!(Sex::parse(t).unwrap().value, SexValue::Female, "{t}");
        }
    }

    /// The sentencing bodies lists write (issue 16): Russian with its case forms, Kazakh,
    /// romanized Russian, English; the datasets' own spellings.
    #[test]
    fn sentencing_bodies() {
        let cases: &[(&str, BodyKind)] = &[
            ("тройка НКВД", BodyKind::Troika),
            (
                "Тройка при УНКВД по Южно-Казахстанской обл.",
                BodyKind::Troika,
            ),
            ("выездная тройка", BodyKind::Troika),
            ("тройкой ПП ОГПУ в Казахстане", BodyKind::Troika),
            ("НКВД үштігі", BodyKind::Troika),
            ("troika NKVD", BodyKind::Troika),
            ("Troyka UNKVD", BodyKind::Troika),
            ("ОСО", BodyKind::SpecialBoard),
            ("ОСО при НКВД СССР", BodyKind::SpecialBoard),
            ("Особое совещание при МГБ СССР", BodyKind::SpecialBoard),
            ("постановлением Особого совещания", BodyKind::SpecialBoard),
            ("OSO NKVD", BodyKind::SpecialBoard),
            ("Osoboe soveshchanie pri NKVD SSSR", BodyKind::SpecialBoard),
            ("Special Board of the NKVD", BodyKind::SpecialBoard),
            ("Ерекше кеңес", BodyKind::SpecialBoard),
            ("Комиссия НКВД и Прокурора СССР", BodyKind::Dvoika),
            ("двойка", BodyKind::Dvoika),
            ("ВКВС", BodyKind::MilitaryCollegium),
            ("ВКВС СССР (выездная сессия)", BodyKind::MilitaryCollegium),
            (
                "Военная коллегия Верховного суда СССР",
                BodyKind::MilitaryCollegium,
            ),
            (
                "КСРО Жоғарғы сотының әскери алқасы",
                BodyKind::MilitaryCollegium,
            ),
            ("VKVS SSSR", BodyKind::MilitaryCollegium),
            (
                "Military Collegium of the Supreme Court",
                BodyKind::MilitaryCollegium,
            ),
            ("военный трибунал", BodyKind::Tribunal),
            (
                "Военный трибунал войск НКВД Казахского округа",
                BodyKind::Tribunal,
            ),
            ("ВТ войск НКВД", BodyKind::Tribunal),
            ("ревтрибунал", BodyKind::Tribunal),
            ("әскери трибунал", BodyKind::Tribunal),
            ("voennyi tribunal", BodyKind::Tribunal),
            ("Коллегия ОГПУ", BodyKind::OgpuCollegium),
            ("по постановлению Коллегии ОГПУ", BodyKind::OgpuCollegium),
            ("Kollegiya OGPU", BodyKind::OgpuCollegium),
            ("суд (Алма-Ата)", BodyKind::Court),
            ("Верховный суд Казахской ССР", BodyKind::Court),
            ("нарсуд 2-го участка", BodyKind::Court),
            ("спецколлегия Алма-Атинского облсуда", BodyKind::Court),
            ("облыстық соты", BodyKind::Court),
            ("narsud", BodyKind::Court),
            ("people's court", BodyKind::Court),
            ("NKVD Special Council (OSO)", BodyKind::SpecialBoard),
            ("NKVD and USSR Prosecutor Commission", BodyKind::Dvoika),
            (
                "Criminal Collegium of the Kazakh SSR Supreme Court",
                BodyKind::Court,
            ),
            (
                "Постановление СНК СССР и ЦК ВКП(б) № 1428-326сс от 21.08.1937",
                BodyKind::Decree,
            ),
            ("Указ Президиума ВС СССР от 28.08.1941", BodyKind::Decree),
            (
                "State Defence Committee resolution 5073 of 31 Jan 1944",
                BodyKind::Decree,
            ),
            ("НКВД", BodyKind::Unrecognised),
            ("сотрудник", BodyKind::Unrecognised),
        ];
        for (text, kind) in cases {
            assert_eq!(BodyKind::of(text, None), Some(*kind), "{text}");
        }
        assert_eq!(
            BodyKind::parse("special_board"),
            Some(BodyKind::SpecialBoard)
        );
        assert_eq!(BodyKind::parse("nkvd"), None);
    }

    #[test]
    fn sexes() {
        for t in ["м", "муж.", "ер", "M", "male", "Мужской"] {
            assert_eq!(Sex::parse(t).unwrap().value, SexValue::Male, "{t}");
        }
        for t in ["ж", "жен.", "әйел", "F", "female", "Женщина"] {
            assert_eq!(Sex::parse(t).unwrap().value, SexValue::Female, "{t}");
        }
        assert_eq!(Sex::parse("?").unwrap().value, SexValue::Unrecognised);
    }
}
