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
        let value = user
            .and_then(|u| u.sex.get(t))
            .or_else(|| {
                let k = vocab_key(t);
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
    /// The Collegium of the OGPU (or GPU, VChK).
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

    /// Stable snake_case name (as in JSON and `museum.toml`).
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

/// A project's own vocabulary (`[vocab.sentence]`, `[vocab.charge]`, `[vocab.sex]`,
/// `[vocab.sentencing_body]` in `museum.toml`): values and simple patterns mapped to the model's
/// kinds (see [`VocabMap`]). Tried before the built-in tables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserVocab {
    /// Sentence texts → kinds.
    pub sentence: VocabMap<SentenceKind>,
    /// Charge texts → how they are understood.
    pub charge: VocabMap<ChargeKind>,
    /// Sex texts → values.
    pub sex: VocabMap<SexValue>,
    /// Sentencing bodies → kinds.
    pub sentencing_body: VocabMap<BodyKind>,
}

impl UserVocab {
    /// Whether no value is mapped.
    pub fn is_empty(&self) -> bool {
        self.sentence.is_empty()
            && self.charge.is_empty()
            && self.sex.is_empty()
            && self.sentencing_body.is_empty()
    }
}

/// One `[vocab.*]` section: exact values and simple patterns, each mapped to a kind.
///
/// Keys are compared as [`vocab_key`] writes them (trimmed, lower-case, runs of spaces as one,
/// trailing dots dropped). A key with `*` or `{n}` is a pattern: `*` stands for any text (also
/// none) and `{n}` for a number (`10`, `2.5`, `1,5`). Exact values are tried first, then the
/// patterns, the most specific first (the one with the most literal characters; ties by key).
///
/// ```
/// use museum_core::model::vocab::VocabMap;
/// use museum_core::SentenceKind;
/// let mut m = VocabMap::default();
/// m.insert("{n} l. ITL", SentenceKind::Camp).unwrap();
/// m.insert("к ВМН *", SentenceKind::Execution).unwrap();
/// assert_eq!(m.get("10 L. itl"), Some(SentenceKind::Camp));
/// assert_eq!(m.get("к ВМН заменено 10 г."), Some(SentenceKind::Execution));
/// assert_eq!(m.get("l. ITL"), None);
/// assert!(m.insert("{x} лет", SentenceKind::Camp).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct VocabMap<K> {
    exact: HashMap<String, K>,
    patterns: Vec<(Pattern, K)>,
}

impl<K> Default for VocabMap<K> {
    fn default() -> Self {
        VocabMap {
            exact: HashMap::new(),
            patterns: Vec::new(),
        }
    }
}

impl<K: Copy> VocabMap<K> {
    /// Maps `key` (a value as written, or a pattern) to `kind`.
    ///
    /// # Errors
    /// A pattern that cannot be read: a `{…}` other than `{n}`, two wildcards in a row, or no
    /// literal text at all (it would match every value). The message says why.
    pub fn insert(&mut self, key: &str, kind: K) -> Result<(), String> {
        let k = vocab_key(key);
        if !k.contains(['*', '{', '}']) {
            self.exact.insert(k, kind);
            return Ok(());
        }
        let pattern = Pattern::parse(&k)?;
        let at = self.patterns.partition_point(|(p, _)| {
            (p.literal_len, &p.key) > (pattern.literal_len, &pattern.key)
        });
        self.patterns.insert(at, (pattern, kind));
        Ok(())
    }

    /// The kind of `text` (as written): an exact value first, then the first pattern matching.
    pub fn get(&self, text: &str) -> Option<K> {
        if self.is_empty() {
            return None;
        }
        let k = vocab_key(text);
        self.exact.get(&k).copied().or_else(|| {
            let chars: Vec<char> = k.chars().collect();
            self.patterns
                .iter()
                .find(|(p, _)| p.matches(&chars))
                .map(|(_, kind)| *kind)
        })
    }

    /// Whether nothing is mapped.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.patterns.is_empty()
    }
}

/// A `[vocab.*]` key with wildcards (see [`VocabMap`]).
#[derive(Debug, Clone, PartialEq)]
struct Pattern {
    /// The key as compared ([`vocab_key`]).
    key: String,
    pieces: Vec<Piece>,
    /// How many literal characters: more is more specific.
    literal_len: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(Vec<char>),
    /// `*`: any text, also none.
    Any,
    /// `{n}`: a number (digits, with one `.` or `,` between digits).
    Number,
}

impl Pattern {
    fn parse(key: &str) -> Result<Pattern, String> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut rest = key;
        while !rest.is_empty() {
            let piece = if let Some(r) = rest.strip_prefix('*') {
                rest = r;
                Piece::Any
            } else if rest.starts_with('{') {
                let end = rest
                    .find('}')
                    .ok_or_else(|| "a `{` without its `}`: write `{n}` for a number".to_owned())?;
                if &rest[..=end] != "{n}" {
                    return Err(format!(
                        "unknown placeholder `{}`: a pattern knows `*` (any text) and `{{n}}` (a number)",
                        &rest[..=end]
                    ));
                }
                rest = &rest[end + 1..];
                Piece::Number
            } else if rest.starts_with('}') {
                return Err("a `}` without its `{`: write `{n}` for a number".to_owned());
            } else {
                let end = rest.find(['*', '{', '}']).unwrap_or(rest.len());
                let text = rest[..end].chars().collect();
                rest = &rest[end..];
                Piece::Text(text)
            };
            if !matches!(piece, Piece::Text(_))
                && pieces.last().is_some_and(|p| !matches!(p, Piece::Text(_)))
            {
                return Err(
                    "two wildcards in a row (`**`, `*{n}`, `{n}{n}`): put text between them"
                        .to_owned(),
                );
            }
            pieces.push(piece);
        }
        let literal_len = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.iter().filter(|c| !c.is_whitespace()).count(),
                _ => 0,
            })
            .sum();
        if literal_len == 0 {
            return Err("a pattern without any text would match every value".to_owned());
        }
        Ok(Pattern {
            key: key.to_owned(),
            pieces,
            literal_len,
        })
    }

    fn matches(&self, text: &[char]) -> bool {
        fn go(pieces: &[Piece], text: &[char]) -> bool {
            let Some((first, rest)) = pieces.split_first() else {
                return text.is_empty();
            };
            match first {
                Piece::Text(t) => text.starts_with(t) && go(rest, &text[t.len()..]),
                Piece::Any => (0..=text.len()).any(|i| go(rest, &text[i..])),
                Piece::Number => {
                    let mut ends = Vec::new();
                    let mut i = 0;
                    let mut sep = false;
                    while i < text.len() {
                        if text[i].is_ascii_digit() {
                            i += 1;
                            ends.push(i);
                        } else if !sep
                            && matches!(text[i], '.' | ',')
                            && i > 0
                            && text.get(i + 1).is_some_and(char::is_ascii_digit)
                        {
                            sep = true;
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    ends.into_iter().rev().any(|e| go(rest, &text[e..]))
                }
            }
        }
        go(&self.pieces, text)
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

/// A key of a sentence kind.
enum Key {
    /// The text contains it.
    Contains(String),
    /// The text has it as a whole word.
    Word(String),
}

/// The keys of one kind, in the order kinds are tried: a text is of the kind when it has one
/// of `any` and none of `unless`.
struct KindRule<K> {
    kind: K,
    any: Vec<Key>,
    unless: Vec<Key>,
}

/// The first kind of `rules` whose keys `low` (a lower-case text) has.
fn first_kind<K: Copy>(rules: &[KindRule<K>], low: &str) -> Option<K> {
    let words: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let found = |keys: &[Key]| {
        keys.iter().any(|k| match k {
            Key::Contains(s) => low.contains(s.as_str()),
            Key::Word(w) => words.contains(&w.as_str()),
        })
    };
    rules
        .iter()
        .find(|rule| found(&rule.any) && !found(&rule.unless))
        .map(|rule| rule.kind)
}

/// Adds the row `(how, text)` of a `kind match text` table to the rule of `kind`.
fn add_key<K: Copy + PartialEq>(rules: &mut Vec<KindRule<K>>, kind: K, how: &str, text: String) {
    let i = match rules.iter().position(|s| s.kind == kind) {
        Some(i) => i,
        None => {
            rules.push(KindRule {
                kind,
                any: Vec::new(),
                unless: Vec::new(),
            });
            rules.len() - 1
        }
    };
    match how {
        "contains" => rules[i].any.push(Key::Contains(text)),
        "word" => rules[i].any.push(Key::Word(text)),
        "unless" => rules[i].unless.push(Key::Contains(text)),
        _ => {}
    }
}

/// The vocabularies, read once from `data/vocab/*.tsv`.
struct Tables {
    sex: Vec<(String, SexValue)>,
    sentence: Vec<KindRule<SentenceKind>>,
    units: Vec<String>,
    body: Vec<KindRule<BodyKind>>,
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
        let mut sentence = Vec::new();
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
            if let Some(kind) = SentenceKind::parse(kind) {
                add_key(&mut sentence, kind, how, text);
            }
        }
        let mut body = Vec::new();
        for r in rows(include_str!("../../data/vocab/sentencing-body.tsv")) {
            if let (Some(kind), Some(how), Some(text)) = (
                r.first().and_then(|k| BodyKind::parse(k)),
                r.get(1),
                r.get(2),
            ) {
                add_key(&mut body, kind, how, text.to_lowercase());
            }
        }
        Tables {
            sex,
            sentence,
            units,
            body,
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
        u.sentence.insert("10 l. ITL", SentenceKind::Camp).unwrap();
        u.sentence
            .insert("к ВМН заменено 10 г.", SentenceKind::Camp)
            .unwrap();
        u.sex.insert("Ә.", SexValue::Female).unwrap();
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
    fn patterns() {
        let mut u = UserVocab::default();
        u.sentence
            .insert("{n} лет ИТЛ *", SentenceKind::Camp)
            .unwrap();
        u.sentence
            .insert("*заменен*", SentenceKind::Released)
            .unwrap();
        u.sentence
            .insert("ВМН, заменена *", SentenceKind::Camp)
            .unwrap();
        let s = Sentence::parse_with("2,5 лет ИТЛ (условно)", Some(&u)).unwrap();
        assert_eq!((s.kind, s.term_years), (SentenceKind::Camp, Some(2.5)));
        // The most specific pattern wins whatever the order they were given in.
        let s = Sentence::parse_with("ВМН, заменена 10 годами", Some(&u)).unwrap();
        assert_eq!(s.kind, SentenceKind::Camp);
        let s = Sentence::parse_with("приговор заменен", Some(&u)).unwrap();
        assert_eq!(s.kind, SentenceKind::Released);
        // `{n}` is a number, not any text; a pattern matches the whole value.
        let s = Sentence::parse_with("десять лет ИТЛ с конфискацией", Some(&u)).unwrap();
        assert_eq!(
            s.kind,
            SentenceKind::Camp,
            "the built-in table still applies"
        );
        assert_eq!(u.sentence.get("лет ИТЛ "), None);
        assert_eq!(u.sentence.get("x 10 лет ИТЛ"), None);
        u.sentencing_body
            .insert("лвк *", BodyKind::Tribunal)
            .unwrap();
        assert_eq!(
            BodyKind::of("ЛВК Турксиба", Some(&u)),
            Some(BodyKind::Tribunal)
        );
        for bad in [
            "*",
            "{n}",
            "{n}{n} лет",
            "** лет",
            "{x} лет",
            "{n лет",
            "лет}",
        ] {
            assert!(u.sentence.insert(bad, SentenceKind::Camp).is_err(), "{bad}");
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
