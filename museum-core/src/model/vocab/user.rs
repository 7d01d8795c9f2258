//! A project's own vocabulary (`[vocab.*]` in `museum.toml`): exact values and simple
//! patterns mapped to the model's kinds, tried before the built-in tables.

use std::collections::HashMap;

use super::{BodyKind, ChargeKind, SentenceKind, SexValue, vocab_key};

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
        fn pieces_match(pieces: &[Piece], text: &[char]) -> bool {
            let Some((first, rest)) = pieces.split_first() else {
                return text.is_empty();
            };
            match first {
                Piece::Text(t) => text.starts_with(t) && pieces_match(rest, &text[t.len()..]),
                Piece::Any => (0..=text.len()).any(|i| pieces_match(rest, &text[i..])),
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
                    ends.into_iter()
                        .rev()
                        .any(|e| pieces_match(rest, &text[e..]))
                }
            }
        }
        pieces_match(&self.pieces, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::vocab::{Sentence, Sex};

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
}
