//! Text-level normalization: Unicode NFKC, homoglyph repair, case folding, punctuation.
//!
//! These steps do not know about names; [`super::translit`] folds the result into the comparison
//! alphabet.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::model::name::is_cyrillic;

/// Latin letters that look like a Cyrillic letter, and that letter.
const LATIN_TO_CYRILLIC: &[(char, char)] = &[
    ('A', 'А'),
    ('a', 'а'),
    ('B', 'В'),
    ('C', 'С'),
    ('c', 'с'),
    ('E', 'Е'),
    ('e', 'е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('i', 'і'),
    ('K', 'К'),
    ('k', 'к'),
    ('M', 'М'),
    ('O', 'О'),
    ('o', 'о'),
    ('P', 'Р'),
    ('p', 'р'),
    ('T', 'Т'),
    ('X', 'Х'),
    ('x', 'х'),
    ('Y', 'У'),
    ('y', 'у'),
];

/// Cyrillic letters that look like a Latin letter, and that letter.
const CYRILLIC_TO_LATIN: &[(char, char)] = &[
    ('А', 'A'),
    ('а', 'a'),
    ('В', 'B'),
    ('С', 'C'),
    ('с', 'c'),
    ('Е', 'E'),
    ('е', 'e'),
    ('Н', 'H'),
    ('І', 'I'),
    ('і', 'i'),
    ('Ј', 'J'),
    ('ј', 'j'),
    ('К', 'K'),
    ('к', 'k'),
    ('М', 'M'),
    ('О', 'O'),
    ('о', 'o'),
    ('Р', 'P'),
    ('р', 'p'),
    ('Ѕ', 'S'),
    ('ѕ', 's'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('х', 'x'),
    ('У', 'Y'),
    ('у', 'y'),
    ('һ', 'h'),
];

/// Latin letters: ASCII, Latin-1, Latin Extended-A/B, IPA, Latin Extended Additional, -C, -D
/// and -E (a letter and its lower case must both count, or repairing twice would differ from
/// repairing once: `Ⱥ` U+023A lowercases to `ⱥ` U+2C65).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(
            c,
            '\u{00C0}'..='\u{02AF}'
                | '\u{1D00}'..='\u{1DBF}'
                | '\u{1E00}'..='\u{1EFF}'
                | '\u{2C60}'..='\u{2C7F}'
                | '\u{A720}'..='\u{A7FF}'
                | '\u{AB30}'..='\u{AB6F}'
        ) && c.is_alphabetic())
}

/// Repairs homoglyphs: inside a word written mostly in Cyrillic, Latin look-alikes (`a`, `o`,
/// `e`, `p`, `c`, `x`, `y`, `H`…) become the Cyrillic letters they imitate; inside a word written
/// mostly in Latin, Cyrillic look-alikes become Latin. Words in one script are returned as they
/// are. Letters that have no look-alike decide the script (`ШAHИH` is Cyrillic); a tie counts
/// as Cyrillic (archival lists are Cyrillic first).
///
/// ```
/// use museum_core::normalize::repair_homoglyphs;
/// // `Бyкейханов` with a Latin `y`, `Bukeikhаnov` with a Cyrillic `а`.
/// assert_eq!(repair_homoglyphs("Бyкейханов"), "Букейханов");
/// assert_eq!(repair_homoglyphs("Bukeikhаnov"), "Bukeikhanov");
/// assert_eq!(repair_homoglyphs("Әлихан Bukeikhanov"), "Әлихан Bukeikhanov");
/// ```
pub fn repair_homoglyphs(text: &str) -> Cow<'_, str> {
    let mixed_word = text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().any(is_cyrillic) && w.chars().any(is_latin_letter));
    if !mixed_word {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let cyr = word.chars().filter(|c| is_cyrillic(*c)).count();
        let lat = word.chars().filter(|c| is_latin_letter(*c)).count();
        if cyr > 0 && lat > 0 {
            // Letters without a look-alike tell the script best (`ШAHИH`: Ш and И).
            let unambiguous = |table: &[(char, char)], is: fn(char) -> bool| {
                word.chars()
                    .filter(|c| is(*c) && !table.iter().any(|(from, _)| from == c))
                    .count()
            };
            let cyr_u = unambiguous(CYRILLIC_TO_LATIN, is_cyrillic);
            let lat_u = unambiguous(LATIN_TO_CYRILLIC, is_latin_letter);
            let to_cyrillic = cyr_u > lat_u || (cyr_u == lat_u && cyr >= lat);
            let table: &[(char, char)] = if to_cyrillic {
                LATIN_TO_CYRILLIC
            } else {
                CYRILLIC_TO_LATIN
            };
            for c in word.chars() {
                out.push(
                    table
                        .iter()
                        .find(|(from, _)| *from == c)
                        .map_or(c, |(_, to)| *to),
                );
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    Cow::Owned(out)
}

/// Normalizes a text for comparison, in this order:
///
/// 1. Unicode NFKC (compatibility forms such as ligatures and full-width letters become plain
///    letters; combining accents are composed);
/// 2. homoglyph repair ([`repair_homoglyphs`]);
/// 3. lowercase (full Unicode case folding of Cyrillic and Latin);
/// 4. punctuation: dots, commas, brackets, quotes, slashes and dashes become spaces, except an
///    apostrophe or a hyphen inside a word, which is kept (`Mir-Yakub`, `O'Brien`);
/// 5. whitespace collapsed to single spaces, trimmed.
///
/// ```
/// use museum_core::normalize::normalize_text;
/// assert_eq!(normalize_text("  БӨКЕЙХАНОВ,  Әлихан "), "бөкейханов әлихан");
/// assert_eq!(normalize_text("А.Н.Байтурсынов"), "а н байтурсынов");
/// assert_eq!(normalize_text("Mir-Yakub (Мир-Якуб)"), "mir-yakub мир-якуб");
/// ```
pub fn normalize_text(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let repaired = repair_homoglyphs(&nfkc);
    let chars: Vec<char> = repaired.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(repaired.len());
    for (i, &c) in chars.iter().enumerate() {
        let keep = if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
            true
        } else if matches!(c, '-' | '\'' | '’' | 'ʼ' | '`') {
            // Inside a word only.
            let prev = i > 0 && chars[i - 1].is_alphabetic();
            let next = chars.get(i + 1).is_some_and(|n| n.is_alphabetic());
            prev && next
        } else {
            false
        };
        if keep {
            out.push(c);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homoglyphs_in_both_directions() {
        // Latin `a`, `o`, `p`, `e` in Cyrillic words.
        assert_eq!(repair_homoglyphs("Жaнсугуpов"), "Жансугуров");
        assert_eq!(repair_homoglyphs("Сейфуллин"), "Сейфуллин");
        // Latin `H` inside a Cyrillic word (uppercase look-alike).
        assert_eq!(repair_homoglyphs("ШAHИH"), "ШАНИН");
        // Cyrillic `о` and `с` in a Latin word.
        assert_eq!(repair_homoglyphs("Chоkay Sеifullin"), "Chokay Seifullin");
        // Latin `y` in a Kazakh Cyrillic word.
        assert_eq!(repair_homoglyphs("Бөкейхaн"), "Бөкейхан");
    }

    #[test]
    fn normalize_keeps_inner_hyphens_and_apostrophes() {
        assert_eq!(normalize_text("Mir-Yakub"), "mir-yakub");
        assert_eq!(normalize_text("-Mir- "), "mir");
        assert_eq!(normalize_text("Sh’okay"), "sh’okay");
        assert_eq!(normalize_text("ﬁtrat"), "fitrat"); // NFKC ligature
        assert_eq!(normalize_text("Ｂａｉ"), "bai"); // full-width
        assert_eq!(normalize_text(""), "");
        assert_eq!(normalize_text(" . , "), "");
    }
}
