//! The built-in vocabularies, read once from `data/vocab/*.tsv`: the kinds' keys, in the order
//! kinds are tried.

use super::{BodyKind, SentenceKind, SexValue};

/// A key of a sentence kind.
pub(super) enum Key {
    /// The text contains it.
    Contains(String),
    /// The text has it as a whole word.
    Word(String),
}

/// The keys of one kind, in the order kinds are tried: a text is of the kind when it has one
/// of `any` and none of `unless`.
pub(super) struct KindRule<K> {
    kind: K,
    any: Vec<Key>,
    unless: Vec<Key>,
}

/// The first kind of `rules` whose keys `low` (a lower-case text) has.
pub(super) fn first_kind<K: Copy>(rules: &[KindRule<K>], low: &str) -> Option<K> {
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
    let i = if let Some(i) = rules.iter().position(|s| s.kind == kind) {
        i
    } else {
        rules.push(KindRule {
            kind,
            any: Vec::new(),
            unless: Vec::new(),
        });
        rules.len() - 1
    };
    match how {
        "contains" => rules[i].any.push(Key::Contains(text)),
        "word" => rules[i].any.push(Key::Word(text)),
        "unless" => rules[i].unless.push(Key::Contains(text)),
        _ => {}
    }
}

/// The vocabularies, read once from `data/vocab/*.tsv`.
pub(super) struct Tables {
    pub(super) sex: Vec<(String, SexValue)>,
    pub(super) sentence: Vec<KindRule<SentenceKind>>,
    pub(super) units: Vec<String>,
    pub(super) body: Vec<KindRule<BodyKind>>,
}

/// Rows of a tab-separated data file, without comments and blank lines.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let sex = rows(include_str!("../../../data/vocab/sex.tsv"))
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
        for r in rows(include_str!("../../../data/vocab/sentence.tsv")) {
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
        for r in rows(include_str!("../../../data/vocab/sentencing-body.tsv")) {
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
pub(super) fn term_years(low: &str) -> Option<f32> {
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
