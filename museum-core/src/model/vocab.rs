//! Controlled vocabularies of archival records: [`Sex`] and [`Sentence`].
//!
//! Lists write the same value many ways (`м`, `муж.`, `ер`, `M`; `ВМН`, `расстрел`, `ату жазасы`;
//! `10 лет ИТЛ`, `ИТЛ 10 лет`, `10 жыл`). Each typed value keeps the text it was read from; a
//! value that cannot be mapped is `Unrecognised` with its text, never guessed.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
        let k = vocab_key(t);
        let value = user
            .and_then(|u| u.sex.get(&k).copied())
            .or_else(|| {
                tables()
                    .sex
                    .iter()
                    .find(|(text, _)| *text == k)
                    .map(|(_, v)| *v)
            })
            .unwrap_or(SexValue::Unrecognised);
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
    /// Stable snake_case name (as in JSON).
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
        if let Some(kind) = user.and_then(|u| u.sentence.get(&vocab_key(t)).copied()) {
            let term_years = (kind != SentenceKind::Execution)
                .then(|| term_years(&low))
                .flatten();
            return Some(Sentence {
                kind,
                term_years,
                original: t.to_owned(),
            });
        }
        let words: Vec<&str> = low
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let term_years = term_years(&low);
        let found = |keys: &[Key]| {
            keys.iter().any(|k| match k {
                Key::Contains(s) => low.contains(s.as_str()),
                Key::Word(w) => words.contains(&w.as_str()),
            })
        };
        let kind = tables()
            .sentence
            .iter()
            .find(|rule| found(&rule.any) && !found(&rule.unless))
            .map(|rule| rule.kind)
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
        Some(Sentence {
            kind,
            term_years,
            original: t.to_owned(),
        })
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

    /// Stable snake_case name (as in `museum.toml`).
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

/// A project's own vocabulary (`[vocab.sentence]`, `[vocab.charge]`, `[vocab.sex]` in
/// `museum.toml`): exact values mapped to the model's kinds, by [`vocab_key`]. Tried before the
/// built-in tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserVocab {
    /// Sentence texts → kinds.
    pub sentence: HashMap<String, SentenceKind>,
    /// Charge texts → how they are understood.
    pub charge: HashMap<String, ChargeKind>,
    /// Sex texts → values.
    pub sex: HashMap<String, SexValue>,
}

impl UserVocab {
    /// Whether no value is mapped.
    pub fn is_empty(&self) -> bool {
        self.sentence.is_empty() && self.charge.is_empty() && self.sex.is_empty()
    }
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

/// A key of a sentence kind.
enum Key {
    /// The text contains it.
    Contains(String),
    /// The text has it as a whole word.
    Word(String),
}

/// The keys of one sentence kind, in the order kinds are tried.
struct SentenceRule {
    kind: SentenceKind,
    any: Vec<Key>,
    unless: Vec<Key>,
}

/// The vocabularies, read once from `data/vocab/*.tsv`.
struct Tables {
    sex: Vec<(String, SexValue)>,
    sentence: Vec<SentenceRule>,
    units: Vec<String>,
}

/// Rows of a tab-separated data file, without comments and blank lines.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let sex = rows(include_str!("../../data/vocab/sex.tsv"))
            .filter_map(|r| {
                let value = match *r.first()? {
                    "male" => SexValue::Male,
                    "female" => SexValue::Female,
                    _ => return None,
                };
                Some((r.get(1)?.to_lowercase(), value))
            })
            .collect();
        let mut sentence: Vec<SentenceRule> = Vec::new();
        let mut units = Vec::new();
        for r in rows(include_str!("../../data/vocab/sentence.tsv")) {
            let (Some(kind), Some(how), Some(text)) = (r.first(), r.get(1), r.get(2)) else {
                continue;
            };
            let text = text.to_lowercase();
            if *kind == "term-unit" {
                units.push(text);
                continue;
            }
            let Some(kind) = SentenceKind::parse(kind) else {
                continue;
            };
            let i = match sentence.iter().position(|s| s.kind == kind) {
                Some(i) => i,
                None => {
                    sentence.push(SentenceRule {
                        kind,
                        any: Vec::new(),
                        unless: Vec::new(),
                    });
                    sentence.len() - 1
                }
            };
            match *how {
                "contains" => sentence[i].any.push(Key::Contains(text)),
                "word" => sentence[i].any.push(Key::Word(text)),
                "unless" => sentence[i].unless.push(Key::Contains(text)),
                _ => {}
            }
        }
        Tables {
            sex,
            sentence,
            units,
        }
    })
}

/// The number before (or after) a years word: `10 лет`, `8 years`, `10 жыл`, `ИТЛ 10 лет`, `5л`.
fn term_years(low: &str) -> Option<f32> {
    let units = &tables().units;
    let chars: Vec<char> = low.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit() || chars[i] == ',' || chars[i] == '.')
            {
                i += 1;
            }
            let num: String = chars[start..i].iter().collect::<String>().replace(',', ".");
            let num = num.trim_end_matches('.');
            let rest: String = chars[i..].iter().collect();
            let rest = rest.trim_start();
            let unit = units.iter().any(|u| rest.starts_with(u.as_str()))
                || (rest.starts_with('л') || rest.starts_with('l'))
                    && rest.chars().nth(1).is_none_or(|c| !c.is_alphabetic());
            if unit
                && let Ok(v) = num.parse::<f32>()
                && v > 0.0
                && v <= 50.0
            {
                return Some(v);
            }
        } else {
            i += 1;
        }
    }
    None
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

    #[test]
    fn user_vocab_is_tried_first() {
        let mut u = UserVocab::default();
        u.sentence
            .insert(vocab_key("10 l. ITL"), SentenceKind::Camp);
        u.sentence
            .insert(vocab_key("к ВМН заменено 10 г."), SentenceKind::Camp);
        u.sex.insert(vocab_key("Ә."), SexValue::Female);
        let s = Sentence::parse_with("  10 L.  itl ", Some(&u)).unwrap();
        assert_eq!((s.kind, s.term_years), (SentenceKind::Camp, Some(10.0)));
        // Without the project's table the built-in one applies.
        let s = Sentence::parse("к ВМН заменено 10 г.").unwrap();
        assert_eq!(s.kind, SentenceKind::Execution);
        let s = Sentence::parse_with("к ВМН заменено 10 г.", Some(&u)).unwrap();
        assert_eq!(s.kind, SentenceKind::Camp);
        assert_eq!(Sex::parse("ә").unwrap().value, SexValue::Unrecognised);
        assert_eq!(
            Sex::parse_with("ә", Some(&u)).unwrap().value,
            SexValue::Female
        );
        assert_eq!(ChargeKind::parse("basis"), Some(ChargeKind::Basis));
        assert_eq!(ChargeKind::parse("decree"), None);
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
