//! Text hygiene of every value: invisible characters, words mixing Cyrillic and Latin letters,
//! stray whitespace, and spreadsheet placeholders.
//!
//! These checks run on the text of each field as written (CSV cells, JSON values), before it is
//! parsed, so they see what a typist or a converter left behind.

pub(crate) mod control_character;
pub(crate) mod mixed_script;
pub(crate) mod placeholder_value;
pub(crate) mod stray_whitespace;

pub use control_character::ControlCharacter;
pub use mixed_script::MixedScript;
pub use placeholder_value::PlaceholderValue;
pub use stray_whitespace::StrayWhitespace;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::model::name::is_cyrillic;
use crate::validate::sink::Sink;

/// Fields whose values may span lines.
fn is_free_text(field: &str) -> bool {
    matches!(
        field,
        "notes" | "description" | "source_text" | "claim" | "fate" | "title" | "archive_ref"
    )
}

/// Fields parsed as dates or numbers: their own readers report placeholders.
fn is_parsed(field: &str) -> bool {
    field.ends_with("_date")
        || matches!(
            field,
            "opened"
                | "closed"
                | "published"
                | "accessed"
                | "as_of"
                | "latitude"
                | "longitude"
                | "value"
                | "low"
                | "high"
                | "case"
        )
}

/// Byte classes for the one-pass pre-scan of a value.
const CTRL: u8 = 1; // C0 control or DEL, not tab or line break
const BREAK: u8 = 2; // line feed or carriage return
const TAB: u8 = 4;
const SUSPECT: u8 = 8; // lead byte of a character that may be invisible or an unusual space
const LATIN: u8 = 16; // ASCII letter, or lead byte of U+00C0–U+024F
const CYRILLIC: u8 = 32; // lead byte of U+0400–U+052F
const SPACE: u8 = 64;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\t' => TAB,
            b' ' => SPACE,
            b'\n' | b'\r' => BREAK,
            0..=0x1F | 0x7F => CTRL,
            b'a'..=b'z' | b'A'..=b'Z' => LATIN,
            // U+0080–U+00BF (C1 controls, NBSP, soft hyphen), U+034F, U+061C, U+1680, U+180E,
            // U+2000–U+206F, U+3000, U+FEFF, U+FFF9–U+FFFB.
            0xC2 | 0xCD | 0xD8 | 0xE1 | 0xE2 | 0xE3 | 0xEF => SUSPECT,
            0xC3..=0xC9 => LATIN,
            0xD0..=0xD4 => CYRILLIC,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// How the text rules treat a field: decided once per column from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Line breaks and inner spacing are allowed (notes, descriptions, unknown columns).
    free: bool,
    /// The field is parsed as a date or a number, whose readers report placeholders.
    parsed: bool,
}

impl Policy {
    /// Whether the field is parsed as a date or a number. Such values are checked by their
    /// parsers (an invisible character makes a date unreadable, M201), not by the text rules,
    /// when they come from CSV.
    pub(crate) fn is_parsed(self) -> bool {
        self.parsed
    }

    pub(crate) fn of(field: &str) -> Policy {
        Policy {
            free: is_free_text(field) || !is_canonical(field),
            parsed: is_parsed(field),
        }
    }
}

/// Whether `bytes` holds an invisible character or an unusual space. Called only when a lead
/// byte of one is present: most such lead bytes start ordinary punctuation (`№`, `«»`, `—`, `…`).
fn has_suspect_sequence(bytes: &[u8]) -> bool {
    bytes.windows(2).enumerate().any(|(i, w)| {
        let third = bytes.get(i + 2).copied().unwrap_or(0);
        match (w[0], w[1]) {
            // C1 controls, NBSP, soft hyphen.
            (0xC2, 0x80..=0x9F | 0xA0 | 0xAD) => true,
            // Combining grapheme joiner, Arabic letter mark.
            (0xCD, 0x8F) | (0xD8, 0x9C) => true,
            // Ogham space mark, Mongolian vowel separator.
            (0xE1, 0x9A) => third == 0x80,
            (0xE1, 0xA0) => third == 0x8E,
            // U+2000–U+200F spaces and marks, U+2028–U+202F separators, bidi, narrow NBSP.
            (0xE2, 0x80) => matches!(third, 0x80..=0x8F | 0xA8..=0xAF),
            // U+205F–U+206F: medium space, word joiner, invisible operators, isolates.
            (0xE2, 0x81) => matches!(third, 0x9F..=0xAF),
            // Ideographic space.
            (0xE3, 0x80) => third == 0x80,
            // BOM, interlinear annotations.
            (0xEF, 0xBB) => third == 0xBF,
            (0xEF, 0xBF) => matches!(third, 0xB9..=0xBB),
            _ => false,
        }
    })
}

/// Whether `bytes` has two spaces in a row: eight bytes at a time (a byte-pair scan costs
/// more than the rest of the checks on a value with a space).
fn has_double_space(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const SPACES: u64 = 0x2020_2020_2020_2020;
    let mut words = bytes.chunks_exact(8);
    // Whether the last byte of the previous word was a space.
    let mut carry = false;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().expect("eight bytes")) ^ SPACES;
        // 0x80 in exactly the bytes that were spaces (no borrow between bytes: the high bit
        // of each is masked before the addition).
        let m = !(((x & LOW) + LOW) | x | LOW);
        if m & (m >> 8) != 0 || (carry && m & 0x80 != 0) {
            return true;
        }
        carry = m >> 63 != 0;
    }
    let mut prev = carry;
    for &b in words.remainder() {
        let space = b == b' ';
        if prev && space {
            return true;
        }
        prev = space;
    }
    false
}

/// Whether no field of a row can hold a text finding except at its edges or as a placeholder
/// (what [`may_have_edge_finding`] looks at): one pass over the row as written (`span`, its
/// fields and the delimiters between them), thirty-two bytes at a time with no branch inside
/// (the compiler makes vector code of it). `false` (check every field the full way) when the
/// row has
///
/// - a C0 control character or DEL (tabs and line breaks included),
/// - a lead byte of a character outside ASCII and Cyrillic (U+0400–U+053F), except the common
///   harmless punctuation `«` `»` (U+00AB, U+00BB), U+2010–U+2027 (dashes, quotes, `…`) and `№`:
///   every invisible character, unusual space and non-Cyrillic, non-ASCII letter has one,
/// - two spaces in a row,
/// - an ASCII letter next to a Cyrillic character: a word mixing the scripts has such a pair
///   (or one of the letters above between them), and delimiters keep fields apart.
///
/// The delimiter must be printable ASCII that is not a letter or a space (a tab-delimited row
/// is never plain here); each field must be a slice of `span` (the caller's contract).
pub(crate) fn row_is_plain(span: &[u8]) -> bool {
    const LANES: usize = 32;
    // Compared as masks with `&` and `|`, never `&&`: no branch, so the loops below become
    // vector code.
    #[inline]
    fn letter(b: u8) -> bool {
        (b | 0x20).wrapping_sub(b'a') < 26
    }
    #[inline]
    fn cyrillic_lead(b: u8) -> bool {
        b.wrapping_sub(0xD0) < 5
    }
    // A control character, two spaces, a Latin letter next to a Cyrillic character.
    #[inline]
    #[allow(clippy::needless_bitwise_bool)] // reason: `&&` and `||` branch, and a loop with branches is not vectorized
    fn hard(x: u8, y: u8) -> bool {
        let control = (x < 0x20) | (x == 0x7F);
        let double_space = (x == b' ') & (y == b' ');
        let continuation = x.wrapping_sub(0x80) < 0x40;
        let mixed = (letter(x) & cyrillic_lead(y)) | (continuation & letter(y));
        control | double_space | mixed
    }
    // The lead byte of a character that is neither ASCII nor Cyrillic.
    #[inline]
    fn foreign(x: u8) -> bool {
        (x >= 0xC0) & !cyrillic_lead(x)
    }
    fn harmless(x: u8, y: u8, z: u8) -> bool {
        (x == 0xC2 && (y == 0xAB || y == 0xBB))
            || (x == 0xE2
                && ((y == 0x80 && z.wrapping_sub(0x90) < 0x18) || (y == 0x84 && z == 0x96)))
    }
    let mut i = 0;
    while i < span.len() {
        let mut pad = [b','; LANES + 2];
        // Each position with the byte after it; the last ones padded with commas (never odd,
        // nor next to anything odd).
        let chunk: &[u8; LANES + 2] = if let Some(c) = span.get(i..i + LANES + 2) {
            c.try_into().expect("the chunk's length")
        } else {
            let rest = &span[i..];
            pad[..rest.len()].copy_from_slice(rest);
            &pad
        };
        let (mut any_hard, mut any_foreign) = (false, false);
        for k in 0..LANES {
            any_hard |= hard(chunk[k], chunk[k + 1]);
            any_foreign |= foreign(chunk[k]);
        }
        if any_hard {
            return false;
        }
        if any_foreign {
            // Lead bytes of other characters: only the harmless punctuation may pass.
            for k in 0..LANES {
                let third = span.get(i + k + 2).copied().unwrap_or(0);
                if foreign(chunk[k]) && !harmless(chunk[k], chunk[k + 1], third) {
                    return false;
                }
            }
        }
        i += LANES;
    }
    true
}

/// Whether a field of a plain row ([`row_is_plain`]) may still hold a text finding: whitespace
/// at an edge, or a placeholder (`#N/A`, `null`) in a field that is not parsed.
pub(crate) fn may_have_edge_finding(policy: Policy, text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_whitespace)
        || bytes.last().is_some_and(u8::is_ascii_whitespace)
        || may_be_placeholder(policy, bytes)
}

/// Whether a value may be a spreadsheet placeholder (see [`placeholder`]): short, in a field
/// that is not parsed, starting as one does.
fn may_be_placeholder(policy: Policy, bytes: &[u8]) -> bool {
    bytes.len() <= 24
        && !policy.parsed
        && matches!(
            bytes.first(),
            Some(b'#' | b'n' | b'N' | b'u' | b'U' | b'[' | b'0' | b' ' | b'\t')
        )
}

/// Runs the text rules on one field value (see [`check_field_with`]).
pub(crate) fn check_field(field: &str, text: &str, loc: &Location, sink: &mut Sink<'_>) {
    check_field_with(field, Policy::of(field), text, loc, sink);
}

/// Runs the text rules on one field value, with the field's [`Policy`].
pub(crate) fn check_field_with(
    field: &str,
    policy: Policy,
    text: &str,
    loc: &Location,
    sink: &mut Sink<'_>,
) {
    let bytes = text.as_bytes();
    // One pass over the bytes for the classes present (four at a time: no dependency between
    // them); two spaces in a row are looked for only in values with a space.
    let mut classes = 0u8;
    let mut quads = bytes.chunks_exact(4);
    for q in &mut quads {
        classes |= CLASS[q[0] as usize]
            | CLASS[q[1] as usize]
            | CLASS[q[2] as usize]
            | CLASS[q[3] as usize];
    }
    for &b in quads.remainder() {
        classes |= CLASS[b as usize];
    }
    let double_space = classes & SPACE != 0 && has_double_space(bytes);
    let free = policy.free;
    let suspect = classes & SUSPECT != 0 && has_suspect_sequence(bytes);
    let control_suspect = classes & CTRL != 0 || suspect || (!free && classes & BREAK != 0);
    if control_suspect
        && sink.on(Code::ControlCharacter)
        && text.chars().any(|c| invisible(c, free).is_some())
    {
        control(field, text, loc, free, sink);
    }
    if classes & (LATIN | CYRILLIC) == LATIN | CYRILLIC && sink.on(Code::MixedScript) {
        mixed_script(field, text, loc, sink);
    }
    let edge = bytes.first().is_some_and(u8::is_ascii_whitespace)
        || bytes.last().is_some_and(u8::is_ascii_whitespace);
    if (edge || double_space || suspect || classes & TAB != 0) && sink.on(Code::StrayWhitespace) {
        whitespace(field, text, loc, free, sink);
    }
    if may_be_placeholder(policy, bytes) && sink.on(Code::PlaceholderValue) {
        placeholder(field, text, loc, sink);
    }
}

/// Whether `field` is a canonical column name of some kind (`snake_case` ASCII).
fn is_canonical(field: &str) -> bool {
    !field.is_empty()
        && field.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && !field.starts_with("column_")
}

/// The name of an invisible or control character `c`, if it is one that does not belong in
/// data.
fn invisible(c: char, free: bool) -> Option<&'static str> {
    Some(match c {
        '\t' => return None,
        '\n' | '\r' if free => return None,
        '\n' => "LINE FEED (a line break)",
        '\r' => "CARRIAGE RETURN (a line break)",
        '\0' => "NULL",
        '\u{1B}' => "ESCAPE",
        '\u{7F}' => "DELETE",
        c if c.is_control() => "control character",
        // The one definition of invisible characters.
        c => return crate::model::invisible::invisible_name(c),
    })
}

#[cold]
#[inline(never)]
fn control(field: &str, text: &str, loc: &Location, free: bool, sink: &mut Sink<'_>) {
    let mut first: Option<(usize, char, &str)> = None;
    let mut count = 0usize;
    for (i, c) in text.chars().enumerate() {
        if let Some(name) = invisible(c, free) {
            count += 1;
            first.get_or_insert((i + 1, c, name));
        }
    }
    let Some((pos, c, name)) = first else { return };
    let what = format!("U+{:04X} {name}", u32::from(c));
    let message = if count == 1 {
        format!("contains {what} at character {pos}")
    } else {
        format!(
            "contains {count} invisible or control characters, the first {what} at character {pos}"
        )
    };
    let cleaned: String = text
        .chars()
        .filter(|c| invisible(*c, free).is_none())
        .collect();
    let help = if sink.masking(field) {
        "remove the character; it is invisible in most editors".to_owned()
    } else {
        format!("remove it: `{}`", cleaned.trim())
    };
    sink.push(
        Diagnostic::new(
            Code::ControlCharacter,
            message,
            loc.with_field(sink.field(field)),
        )
        .with_value(text)
        .with_help(help),
    );
}

/// A Latin letter's Cyrillic look-alike.
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'h' => 'һ',
        'i' => 'і',
        'k' => 'к',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'ë' => 'ё',
        'Ë' => 'Ё',
        _ => return None,
    })
}

/// A Cyrillic letter's Latin look-alike.
fn cyrillic_to_latin(c: char) -> Option<char> {
    Some(match c {
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'І' => 'I',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'к' => 'k',
        'о' => 'o',
        'р' => 'p',
        'х' => 'x',
        'у' => 'y',
        'ё' => 'ë',
        'ј' => 'j',
        'ѕ' => 's',
        _ => return None,
    })
}

/// Whether `c` is a letter: Latin and Cyrillic ones without consulting Unicode tables.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || is_cyrillic(c) || is_latin(c) || (c > '\u{24F}' && c.is_alphabetic())
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
}

/// The words of `text` that mix scripts, with their repairs when every minority letter has a
/// look-alike.
pub(crate) fn mixed_words(text: &str) -> Vec<(&str, Option<String>)> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !is_letter(c)) {
        if word.is_empty() {
            continue;
        }
        let (mut cyr, mut lat) = (0usize, 0usize);
        for c in word.chars() {
            if is_cyrillic(c) {
                cyr += 1;
            } else if is_latin(c) {
                lat += 1;
            }
        }
        if cyr == 0 || lat == 0 {
            continue;
        }
        let to_cyrillic = cyr >= lat;
        let repaired: Option<String> = word
            .chars()
            .map(|c| {
                if to_cyrillic && is_latin(c) {
                    latin_to_cyrillic(c)
                } else if !to_cyrillic && is_cyrillic(c) {
                    cyrillic_to_latin(c)
                } else {
                    Some(c)
                }
            })
            .collect();
        out.push((word, repaired));
    }
    out
}

#[cold]
#[inline(never)]
fn mixed_script(field: &str, text: &str, loc: &Location, sink: &mut Sink<'_>) {
    let words = mixed_words(text);
    let Some((word, repaired)) = words.first() else {
        return;
    };
    let masked = sink.masking(field);
    let whole = text.trim() == *word;
    let message = match (words.len(), masked || whole) {
        (1, true) => "the word mixes Cyrillic and Latin letters".to_owned(),
        (1, false) => format!("the word `{word}` mixes Cyrillic and Latin letters"),
        (n, false) => format!("{n} words mix Cyrillic and Latin letters, the first `{word}`"),
        (n, true) => format!("{n} words mix Cyrillic and Latin letters"),
    };
    let help = match repaired {
        Some(r) if !masked => {
            let script = if r.chars().any(is_cyrillic) {
                "all Cyrillic"
            } else {
                "all Latin"
            };
            format!(
                "did you mean `{r}` ({script})? look-alike letters from the other script break search and matching"
            )
        }
        Some(_) => "replace the look-alike letters from the other script".to_owned(),
        None => "retype the word in one script".to_owned(),
    };
    sink.push(
        Diagnostic::new(
            Code::MixedScript,
            message,
            loc.with_field(sink.field(field)),
        )
        .with_value(text)
        .with_help(help),
    );
}

fn unusual_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}'
    )
}

#[cold]
#[inline(never)]
fn whitespace(field: &str, text: &str, loc: &Location, free: bool, sink: &mut Sink<'_>) {
    let mut problems = Vec::new();
    if text.starts_with(char::is_whitespace) {
        problems.push("leading");
    }
    if text.ends_with(char::is_whitespace) {
        problems.push("trailing");
    }
    if !free {
        let inner = text.trim();
        if inner.contains("  ") {
            problems.push("repeated");
        }
        if inner.contains('\t') {
            problems.push("tab");
        }
        if !inner.is_ascii() && inner.chars().any(unusual_space) {
            problems.push("non-breaking or unusual");
        }
    }
    if problems.is_empty() {
        return;
    }
    let message = format!("value has {} whitespace", join_and(&problems));
    let cleaned = text
        .split(|c: char| c.is_whitespace() || unusual_space(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let help = if sink.masking(field) || free {
        "trim the value and use single ordinary spaces".to_owned()
    } else {
        format!("write `{cleaned}`")
    };
    sink.push(
        Diagnostic::new(
            Code::StrayWhitespace,
            message,
            loc.with_field(sink.field(field)),
        )
        .with_value(text)
        .with_help(help),
    );
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [a] => (*a).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cold]
#[inline(never)]
fn placeholder(field: &str, text: &str, loc: &Location, sink: &mut Sink<'_>) {
    const PLACEHOLDERS: &[&str] = &[
        "#n/a",
        "#н/д",
        "#ref!",
        "#ссылка!",
        "#value!",
        "#знач!",
        "#name?",
        "#имя?",
        "#div/0!",
        "#дел/0!",
        "#num!",
        "#число!",
        "#null!",
        "#пусто!",
        "#error!",
        "null",
        "none",
        "nil",
        "nan",
        "undefined",
        "[object object]",
        "0000-00-00",
        "00.00.0000",
    ];
    let t = text.trim();
    let hit = match t.as_bytes().first() {
        Some(b'#') => PLACEHOLDERS.contains(&t.to_lowercase().as_str()),
        Some(b'n' | b'N' | b'u' | b'U' | b'[' | b'0') => {
            PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(t))
        }
        _ => false,
    };
    if hit {
        sink.push(
            Diagnostic::new(
                Code::PlaceholderValue,
                "value is a placeholder, not data",
                loc.with_field(sink.field(field)),
            )
            .with_value(text)
            .with_help("the real value was lost in a formula or an export; take it from the source again, or leave the field empty"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_words_and_repairs() {
        assert_eq!(
            mixed_words("Aхметов Ахмет"),
            vec![("Aхметов", Some("Ахметов".to_owned()))]
        );
        assert_eq!(
            mixed_words("Жансүгiров"),
            vec![("Жансүгiров", Some("Жансүгіров".to_owned()))]
        );
        assert_eq!(
            mixed_words("Bukeikhаnov"),
            vec![("Bukeikhаnov", Some("Bukeikhanov".to_owned()))]
        );
        assert_eq!(mixed_words("Жzх"), vec![("Жzх", None)]);
        assert!(mixed_words("ВКП(б) 10.XI.1937 Alash Орда").is_empty());
    }

    #[test]
    fn double_spaces_as_a_pair_scan_finds_them() {
        let texts = [
            "",
            " ",
            "  ",
            "a  b",
            "Тройка  ОГПУ",
            "abcdefg  hij",
            "abcdefgh  ij",
            "abcdefg ",
            "abcdefg h",
            "abcdefg\u{a0} ",
            "ab cd ef gh ij kl mn",
            "ВМН (расстрел)",
            "1234567  ",
            "12345678 ",
            "123456789012345 ",
            "123456789012345  ",
        ];
        // Every text, and every text with two spaces at every place.
        let mut all: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        for t in texts {
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                all.push(format!("{}  {}", &t[..i], &t[i..]));
                all.push(format!("{} {}", &t[..i], &t[i..]));
            }
        }
        for t in &all {
            let pair = t.as_bytes().windows(2).any(|w| w == b"  ");
            assert_eq!(has_double_space(t.as_bytes()), pair, "{t:?}");
        }
    }

    #[test]
    fn suspect_sequences() {
        for text in [
            "a\u{200B}b",
            "a\u{A0}b",
            "\u{AD}",
            "a\u{FEFF}",
            "\u{2066}x",
            "\u{3000}",
        ] {
            assert!(has_suspect_sequence(text.as_bytes()), "{text:?}");
        }
        for text in ["№ 5", "«Алаш»", "1937—1938", "т. 4…", "§ 2", "Ä"] {
            assert!(!has_suspect_sequence(text.as_bytes()), "{text:?}");
        }
    }

    /// A row the one-pass scan calls plain has no field the per-field checks would report,
    /// but for its edges and placeholders; clean rows of the usual alphabets are plain.
    #[test]
    fn plain_rows_have_no_findings_inside_their_fields() {
        let pieces = [
            "Ахметов",
            "Ахмет",
            "syn-0000001",
            "Сакен",
            "Тройка при УНКВД по ЮКО",
            "колхоз «Красный партизан»",
            "1937—1938",
            "№ 5",
            "т. 4…",
            "„да“",
            "Жансүгіров",
            "Әлихан Бөкейхан",
            "Alash",
            "58-2, 8",
            "Aхметов",
            "Жансүгiров",
            "Bukeikhаnov",
            "a\u{A0}b",
            "a\u{200B}b",
            "x\u{AD}y",
            "Тройка  ОГПУ",
            "a\tb",
            "a\nb",
            "a\rb",
            "a\u{7}b",
            "Ä",
            "Алаш Σ",
            "ԱԲ",
            "Ахмет\u{2028}",
            "\u{FEFF}Ахмет",
            "ВКП(б) 10.XI.1937 Alash Орда",
            "q",
            "Я",
        ];
        // Fields of one, two or three pieces joined by a space, nothing or a comma inside
        // (a quoted field would hold one).
        let mut fields: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                fields.push(format!("{a} {b}"));
                fields.push(format!("{a}{b}"));
            }
            fields.push(a.to_owned());
        }
        let mut plain_rows = 0;
        for (k, f) in fields.iter().enumerate() {
            let g = &fields[(k * 7 + 3) % fields.len()];
            let row = format!("id-{k},{f},{g},1937");
            if !row_is_plain(row.as_bytes()) {
                continue;
            }
            plain_rows += 1;
            for field in [f.as_str(), g.as_str()] {
                let b = field.as_bytes();
                let classes = b.iter().fold(0, |c, &x| c | CLASS[x as usize]);
                assert_eq!(classes & (CTRL | BREAK | TAB), 0, "{field:?}");
                assert!(!has_suspect_sequence(b), "{field:?}");
                assert!(!has_double_space(b), "{field:?}");
                assert!(mixed_words(field).is_empty(), "{field:?}");
                assert!(!field.chars().any(unusual_space), "{field:?}");
            }
        }
        assert!(plain_rows > 100, "{plain_rows}");
        for clean in [
            "syn-0000001,Павленко Иван Тарасович,муж.,1897,\"колхоз «Красный партизан»\",1937—1938,№ 5,src-synthetic",
            "v1,Әлихан Бөкейхан,Alash Орда,,,camp-karlag,Синт. архивная выписка, т. 3, с. 293",
        ] {
            assert!(row_is_plain(clean.as_bytes()), "{clean}");
        }
        for odd in [
            "a,Aхметов",
            "a,b\u{A0}c",
            "Тройка  ОГПУ",
            "a\tb",
            "v1,Жансүгiров",
            "x,Ä",
        ] {
            assert!(!row_is_plain(odd.as_bytes()), "{odd}");
        }
        // Wherever an odd character stands in a row (the scan goes thirty-two bytes at a time),
        // it is seen; harmless punctuation is not (unless a Latin letter follows it: a
        // character's last byte next to a Latin letter is taken for a mixed word).
        let base = "v1,Ахметов Ахмет,1937,Тройка при УНКВД,src-1,".repeat(3);
        for at in base.char_indices().map(|(i, _)| i) {
            for odd in ["\u{A0}", "\u{200B}", "\u{1}", "  "] {
                let row = format!("{}{odd}{}", &base[..at], &base[at..]);
                assert!(!row_is_plain(row.as_bytes()), "{row:?}");
            }
            for fine in ["«", "»", "—", "№", "…"] {
                let row = format!("{}{fine}{}", &base[..at], &base[at..]);
                let latin_next = base[at..].starts_with(|c: char| c.is_ascii_alphabetic());
                assert_eq!(row_is_plain(row.as_bytes()), !latin_next, "{row:?}");
            }
            assert!(row_is_plain(&base.as_bytes()[..at]));
        }
    }

    #[test]
    fn invisible_characters() {
        assert!(invisible('\u{200B}', false).is_some());
        assert!(invisible('\n', false).is_some());
        assert!(invisible('\n', true).is_none());
        assert!(invisible('а', false).is_none());
        assert!(invisible('\u{A0}', false).is_none());
    }
}
