//! Spelling machinery: Kazakh letters written as Russian ones, Latin romanizations, Russified
//! and Kazakh surname and patronymic forms, and the character confusions of typists and OCR.
//!
//! The tables follow `facts.md` §4 (transliteration facts); they are deliberately simple — real
//! lists are not consistent either, and the point is to produce the variety, not a standard.
//! The letter tables themselves are [`museum_core::translit`]'s.

use museum_core::translit::{Position, Scheme, kazakh_letter_in_russian, latin};

/// Per-person spelling habits of Russian clerks, fixed for a person so that two Russian lists
/// usually agree (`Бөкейханов` → `Букейханов` in both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RussianHabits {
    /// `ө` becomes `у` (Бөкейхан → Букейхан) instead of `о`.
    pub(crate) o_as_u: bool,
    /// A word-initial `Ж` becomes `Дж` (Жансүгіров → Джансугуров).
    pub(crate) zh_as_dzh: bool,
    /// `і` becomes `ы` instead of `и`.
    pub(crate) i_as_y: bool,
}

/// A cheap letter test for the scripts the generator writes (ASCII, Latin-1 and Latin
/// Extended, Cyrillic), avoiding the full Unicode table lookup in hot loops.
pub(crate) fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}' && c != '\u{00F7}'
        || ('\u{0400}'..='\u{052F}').contains(&c)
}

/// Lower case, fast for ASCII and Cyrillic (Kazakh letters included).
pub(crate) fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0410}'..='\u{042F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{0400}'..='\u{040F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => {
            char::from_u32(c as u32 + 1).unwrap_or(c)
        }
        _ if c.is_ascii() || ('\u{0430}'..='\u{045F}').contains(&c) => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether `c` is upper case, fast for ASCII and Cyrillic (Kazakh letters included).
pub(crate) fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042F}' => true,
        'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ' | 'Ү' | 'Һ' => true,
        _ if c.is_ascii() || ('\u{0430}'..='\u{045F}').contains(&c) => false,
        _ => c.is_uppercase(),
    }
}

/// Writes Kazakh-specific letters as Russian ones (ә→а, ғ→г, қ→к, ң→н, ө→о/у, ұ→у, ү→у, һ→х,
/// і→и/ы), keeping case.
pub(crate) fn kazakh_letters_as_russian(text: &str, h: RussianHabits) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let lc = lower(c);
        let upper = is_upper(c);
        let rep: Option<&str> = match lc {
            'ж' if word_start && h.zh_as_dzh => Some("дж"),
            _ => kazakh_letter_in_russian(lc, h.o_as_u, h.i_as_y),
        };
        match rep {
            Some(r) => {
                let all_upper = upper && chars.peek().is_some_and(|n| is_upper(*n));
                push_cased(&mut out, r, upper, all_upper);
            }
            None => out.push(c),
        }
        word_start = !is_letter(c);
    }
    out
}

/// Whether a text has any of the nine Kazakh-specific letters.
#[cfg(test)]
pub(crate) fn has_kazakh_letters(text: &str) -> bool {
    text.chars().any(museum_core::model::name::is_kazakh_letter)
}

fn is_vowel_cyr(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'ә' | 'ө' | 'ұ' | 'ү' | 'і'
    )
}

/// Romanizes Cyrillic `text` (Russian or Kazakh letters) with `scheme`; other characters are
/// kept. Case is kept: the first letter of a replacement follows the source letter, a whole
/// replacement is upper case inside an upper-case word.
pub(crate) fn romanize(text: &str, scheme: Scheme) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let lc = lower(c);
        let prev = if i > 0 {
            Some(lower(chars[i - 1]))
        } else {
            None
        };
        let next = chars.get(i + 1).copied();
        let word_start = prev.is_none_or(|p| !is_letter(p));
        let after_vowel = prev.is_some_and(|p| is_vowel_cyr(p) || matches!(p, 'й' | 'ъ' | 'ь'));
        let between_vowels =
            prev.is_some_and(is_vowel_cyr) && next.is_some_and(|n| is_vowel_cyr(lower(n)));
        let at = Position {
            soft_e: word_start || after_vowel,
            between_vowels,
        };
        let Some(rep) = latin(lc, scheme, at) else {
            out.push(c);
            continue;
        };
        let upper = is_upper(c);
        let all_upper = upper && (next.is_some_and(is_upper) || (i > 0 && is_upper(chars[i - 1])));
        push_cased(&mut out, rep, upper, all_upper);
    }
    out
}

fn push_cased(out: &mut String, rep: &str, upper: bool, all_upper: bool) {
    if all_upper {
        out.extend(rep.chars().flat_map(char::to_uppercase));
    } else if upper {
        let mut it = rep.chars();
        if let Some(f) = it.next() {
            out.extend(f.to_uppercase());
            out.extend(it);
        }
    } else {
        out.push_str(rep);
    }
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn without_last(s: &str) -> &str {
    match s.char_indices().next_back() {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The Russified surname of a Kazakh root (Бөкейхан → Бөкейханов, Жұмабай → Жұмабаев,
/// Сейфулла → Сейфуллин), feminine with `female`.
pub(crate) fn russified_surname(root: &str, female: bool) -> String {
    let mut s = match last_char(root) {
        Some('й') => format!("{}ев", without_last(root)),
        Some('а' | 'ә' | 'ы' | 'і' | 'и') => format!("{}ин", without_last(root)),
        Some('е' | 'о' | 'ө' | 'у' | 'ұ' | 'ү') => format!("{root}в"),
        Some('ж' | 'ш' | 'ч' | 'щ' | 'ц') => format!("{root}ев"),
        _ => format!("{root}ов"),
    };
    if female {
        s.push('а');
    }
    s
}

/// A Kazakh patronymic or `-ұлы/-қызы` surname from a name: Нұрмұхамед → Нұрмұхамедұлы.
pub(crate) fn kazakh_patronymic(father: &str, female: bool) -> String {
    format!("{father}{}", if female { "қызы" } else { "ұлы" })
}

/// The Russian patronymic from a father's given name (Иван → Иванович/Ивановна, Николай →
/// Николаевич, Илья → Ильич, Нұрмұхамед → Нұрмұхамедович, Мұса → Мұсаевич).
pub(crate) fn russian_patronymic(father: &str, female: bool) -> String {
    let irregular: &[(&str, &str, &str)] = &[
        ("Илья", "Ильич", "Ильинична"),
        ("Фома", "Фомич", "Фоминична"),
        ("Лука", "Лукич", "Лукинична"),
        ("Кузьма", "Кузьмич", "Кузьминична"),
        ("Никита", "Никитич", "Никитична"),
        ("Яков", "Яковлевич", "Яковлевна"),
        ("Павел", "Павлович", "Павловна"),
        ("Пётр", "Петрович", "Петровна"),
        ("Лев", "Львович", "Львовна"),
    ];
    if let Some((_, m, f)) = irregular.iter().find(|(n, _, _)| *n == father) {
        return (if female { *f } else { *m }).to_owned();
    }
    let (stem, soft) = match last_char(father) {
        Some('й') => (without_last(father), true),
        Some('ь') => (without_last(father), true),
        Some('а' | 'я' | 'ә' | 'е' | 'и' | 'о' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'ө') => {
            (father, true)
        }
        Some('ж' | 'ш' | 'ч' | 'щ' | 'ц') => (father, true),
        _ => (father, false),
    };
    let end = match (soft, female) {
        (true, false) => "евич",
        (true, true) => "евна",
        (false, false) => "ович",
        (false, true) => "овна",
    };
    format!("{stem}{end}")
}

/// The feminine form of a Russian, Ukrainian or Polish surname (Иванов → Иванова, Ковальский →
/// Ковальская, Шевченко → Шевченко).
pub(crate) fn feminine_surname(s: &str) -> String {
    for (m, f) in [("ский", "ская"), ("цкий", "цкая"), ("ой", "ая")] {
        if let Some(stem) = s.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    for end in ["ов", "ев", "ёв", "ин", "ын"] {
        if s.ends_with(end) {
            return format!("{s}а");
        }
    }
    s.to_owned()
}

/// The initial of a word with a dot (`Әлихан` → `Ә.`, `Zhumabaev` → `Zh.` is not produced: one
/// letter only, as lists write them).
pub(crate) fn initial(word: &str) -> String {
    match word.chars().next() {
        Some(c) => format!("{c}."),
        None => String::new(),
    }
}

/// Confusions of OCR and of typists reading handwriting, Cyrillic (facts: ш/щ, и/й, е/ё,
/// с/е, н/и, ь/ъ, п/н, т/г).
pub(crate) const OCR_PAIRS: &[(char, char)] = &[
    ('ш', 'щ'),
    ('щ', 'ш'),
    ('и', 'й'),
    ('й', 'и'),
    ('е', 'ё'),
    ('ё', 'е'),
    ('с', 'е'),
    ('е', 'с'),
    ('н', 'и'),
    ('и', 'н'),
    ('ь', 'ъ'),
    ('п', 'н'),
    ('т', 'г'),
    ('л', 'п'),
    ('а', 'о'),
    ('о', 'а'),
];

/// Latin look-alikes of Cyrillic letters (а→a, о→o, е→e, с→c, р→p, х→x, у→y…).
pub(crate) const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('о', 'o'),
    ('е', 'e'),
    ('с', 'c'),
    ('р', 'p'),
    ('х', 'x'),
    ('у', 'y'),
    ('А', 'A'),
    ('О', 'O'),
    ('Е', 'E'),
    ('С', 'C'),
    ('Р', 'P'),
    ('Х', 'X'),
    ('В', 'B'),
    ('Н', 'H'),
    ('К', 'K'),
    ('М', 'M'),
    ('Т', 'T'),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_letters_to_russian() {
        let h = RussianHabits {
            o_as_u: true,
            ..RussianHabits::default()
        };
        assert_eq!(kazakh_letters_as_russian("Бөкейханов", h), "Букейханов");
        assert_eq!(
            kazakh_letters_as_russian("Рысқұлов", RussianHabits::default()),
            "Рыскулов".to_owned()
        );
        let dzh = RussianHabits {
            zh_as_dzh: true,
            ..RussianHabits::default()
        };
        assert_eq!(kazakh_letters_as_russian("Жансүгіров", dzh), "Джансугиров");
        assert_eq!(kazakh_letters_as_russian("ЖҰМАБАЕВ", dzh), "ДЖУМАБАЕВ");
        assert!(!has_kazakh_letters(&kazakh_letters_as_russian(
            "әғқңөұүһі ӘҒҚҢӨҰҮҺІ",
            RussianHabits::default()
        )));
    }

    #[test]
    fn fast_case_helpers_agree_with_unicode() {
        for c in "AZaz АЯаяЁёІіЎўӘәҒғҚқҢңӨөҰұҮүҺһÄäÖöĞğŞş-1".chars()
        {
            assert_eq!(lower(c), c.to_lowercase().next().unwrap(), "{c}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c}");
        }
    }

    #[test]
    fn romanizations() {
        assert_eq!(romanize("Букейханов", Scheme::Bgn), "Bukeykhanov");
        assert_eq!(romanize("Бөкейханов", Scheme::Kz2021), "Bökeihanov");
        assert_eq!(romanize("Жұмабай", Scheme::German), "Schumabai");
        assert_eq!(romanize("Сәдуақасов", Scheme::German), "Säduaqassow");
        assert_eq!(romanize("Рысқұлов", Scheme::Kz2021), "Rysqūlov");
        assert_eq!(romanize("Ельцова", Scheme::Bgn), "Yeltsova");
        assert_eq!(romanize("ЖУМАБАЕВ", Scheme::Bgn), "ZHUMABAYEV");
        assert_eq!(romanize("Юрий", Scheme::Icao), "Iurii");
        assert_eq!(romanize("аул № 7", Scheme::Bgn), "aul № 7");
    }

    #[test]
    fn surname_and_patronymic_forms() {
        assert_eq!(russified_surname("Бөкейхан", false), "Бөкейханов");
        assert_eq!(russified_surname("Жұмабай", false), "Жұмабаев");
        assert_eq!(russified_surname("Сейфулла", true), "Сейфуллина");
        assert_eq!(kazakh_patronymic("Нұрмұхамед", false), "Нұрмұхамедұлы");
        assert_eq!(kazakh_patronymic("Бекен", true), "Бекенқызы");
        assert_eq!(russian_patronymic("Бекен", false), "Бекенович");
        assert_eq!(russian_patronymic("Николай", true), "Николаевна");
        assert_eq!(russian_patronymic("Мұса", false), "Мұсаевич");
        assert_eq!(russian_patronymic("Илья", false), "Ильич");
        assert_eq!(feminine_surname("Ковальский"), "Ковальская");
        assert_eq!(feminine_surname("Шевченко"), "Шевченко");
        assert_eq!(feminine_surname("Иванов"), "Иванова");
        assert_eq!(initial("Әлихан"), "Ә.");
    }
}
