//! Search keys for frontends: [`search_keys`] turns a [`PersonName`] into the folded forms a web
//! frontend can match a query against, so that `Bokeikhanov`, `Bukeikhanov`, `Букейханов` and
//! `бөкейханов` all find a record that says `Бөкейханов`.
//!
//! The keys combine readable substring forms (steps 1–4, for a frontend that matches what a user
//! types) with the script-independent comparison form deduplication uses (step 5,
//! [`crate::normalize::fold`]), so a frontend can also fold its query the same way.
//!
//! ## The folding, step by step
//!
//! For the name's `original` text (or, when that is empty, its parts in archival order):
//!
//! 1. Unicode NFKC, lowercase, every character that is not a letter or a digit becomes a space,
//!    runs of spaces collapse (`А.Н. Байтұрсынов` → `а н байтұрсынов`).
//! 2. **Cyrillic keys** (only when the text has Cyrillic letters): the Kazakh letters are
//!    replaced by the letters Russian-mediated spellings use — `ә→а ғ→г қ→к ң→н ұ→у ү→у һ→х і→и`,
//!    and `ё→е` — with `ө` giving two keys, `ө→о` and `ө→у` (both `Бокейханов` and `Букейханов`
//!    occur in print).
//! 3. **Latin keys**: each Cyrillic key transliterated letter by letter (`а a, б b, в v, г g,
//!    д d, е e, ж zh, з z, и i, й i, к k, л l, м m, н n, о o, п p, р r, с s, т t, у u, ф f, х kh,
//!    ц ts, ч ch, ш sh, щ shch, ъ –, ы y, ь –, э e, ю iu, я ia`). Latin text is folded instead:
//!    `ş→sh, ç→ch`, then diacritics removed (`ö→o, ū→u, ı→i, ñ→n`), apostrophes dropped.
//! 4. **Loose keys**: each Latin key with `dzh→j, zh→j, kh→h, x→h, q→k, w→v, y→i`, then doubled
//!    letters collapsed (`bukeykhanov`, `bukeikhanov`, `bukeihanov` → `bukeihanov`).
//!
//! 5. **Comparison form**: [`crate::normalize::fold`] of the homoglyph-repaired text
//!    ([`crate::normalize::normalize_text`]): Kazakh, Russian and the Latin romanizations in one
//!    alphabet (`Бөкейханов`, `Bökeikhanov`, `Bokeikhanov` → one text).
//!
//! The keys of a name are the distinct results of steps 1–5, sorted. A frontend lowercases the
//! query (and, for spelling-tolerant search, applies step 4 to it) and matches it as a substring
//! of any key.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use crate::model::PersonName;
use crate::model::name::is_cyrillic;
use crate::translit::{Position, Scheme, kazakh_letter_in_russian, latin};

/// The search keys of a name: its folded Cyrillic, Latin and loose Latin forms (see the module
/// docs for the exact steps), distinct and sorted. Empty for an empty name.
///
/// ```
/// use museum_core::PersonName;
/// use museum_core::export::search_keys;
/// let keys = search_keys(&PersonName::parse("Бөкейханов Әлихан Нұрмұхамедұлы"));
/// assert!(keys.iter().any(|k| k.contains("bokeikhanov")));
/// assert!(keys.iter().any(|k| k.contains("bukeikhanov")));
/// assert!(keys.iter().any(|k| k.contains("букейханов")));
/// // A Latin record is found by its English spelling too.
/// let keys = search_keys(&PersonName::parse("Alikhan Bökeikhanov"));
/// assert!(keys.iter().any(|k| k.contains("bokeikhanov")));
/// ```
pub fn search_keys(name: &PersonName) -> Vec<String> {
    let text = if name.original.trim().is_empty() {
        [&name.surname, &name.given, &name.patronymic]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.original.clone()
    };
    keys_of_text(&text).into_iter().collect()
}

/// The keys of one text (steps 1–5).
pub(crate) fn keys_of_text(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let base = clean(text);
    if base.is_empty() {
        return keys;
    }
    let latin: Vec<String> = if base.chars().any(is_cyrillic) {
        let cyr = [
            kazakh_to_russian(&base, false),
            kazakh_to_russian(&base, true),
        ];
        let lat: Vec<String> = cyr.iter().map(|c| fold_latin(&transliterate(c))).collect();
        keys.extend(cyr);
        lat
    } else {
        vec![fold_latin(&base)]
    };
    for l in latin {
        if l.trim().is_empty() {
            continue;
        }
        keys.insert(loose(&l));
        keys.insert(l);
    }
    keys.insert(base);
    // Step 5: the comparison form of deduplication (`normalize::fold` after homoglyph repair),
    // the same for every script and romanization of the name.
    keys.insert(crate::normalize::fold(&crate::normalize::normalize_text(
        text,
    )));
    keys.retain(|k| !k.trim().is_empty());
    keys
}

/// Step 1: NFKC, lowercase, non-alphanumerics to spaces, collapsed.
fn clean(text: &str) -> String {
    let lowered: String = text.nfkc().flat_map(char::to_lowercase).collect();
    lowered
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.trim_matches(['\'', '\u{2019}']))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Step 2: Kazakh letters to their Russian-mediated forms ([`kazakh_letter_in_russian`]), `ё`
/// as `е`; `ө` becomes `у` with `o_as_u`, else `о`.
fn kazakh_to_russian(text: &str, o_as_u: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ё' => out.push('е'),
            _ => match kazakh_letter_in_russian(c, o_as_u, false) {
                Some(r) => out.push_str(r),
                None => out.push(c),
            },
        }
    }
    out
}

/// Step 3 for Cyrillic: letter-by-letter transliteration ([`Scheme::SearchKey`]; other
/// characters are kept).
fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match latin(c, Scheme::SearchKey, Position::default()) {
            Some(t) => out.push_str(t),
            None => out.push(c),
        }
    }
    out
}

/// Step 3 for Latin: `ş→sh`, `ç→ch`, diacritics removed, apostrophes dropped.
fn fold_latin(text: &str) -> String {
    let mut pre = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ş' => pre.push_str("sh"),
            'ç' => pre.push_str("ch"),
            'ı' => pre.push('i'),
            '\'' | '\u{2019}' => {}
            other => pre.push(other),
        }
    }
    pre.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Step 4: spelling-tolerant form of a Latin key.
fn loose(latin: &str) -> String {
    let s = latin
        .replace("dzh", "j")
        .replace("zh", "j")
        .replace("kh", "h")
        .replace('x', "h")
        .replace('q', "k")
        .replace('w', "v")
        .replace('y', "i");
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        search_keys(&PersonName::parse(s))
    }

    #[test]
    fn kazakh_record_found_by_russian_and_english_spellings() {
        let k = keys("Бөкейханов Әлихан");
        for q in [
            "bokeikhanov",
            "bukeikhanov",
            "букейханов",
            "бокейханов",
            "бөкейханов",
        ] {
            assert!(k.iter().any(|k| k.contains(q)), "{q} not in {k:?}");
        }
        // Spelling-tolerant: loose form of the query `Bukeykhanov`.
        assert!(k.iter().any(|k| k.contains(&loose("bukeykhanov"))), "{k:?}");
    }

    #[test]
    fn russian_and_latin_records_share_keys() {
        let ru = keys("Байтурсынов Ахмет");
        let kk = keys("Байтұрсынұлы Ахмет");
        let en = keys("Akhmet Baitursynov");
        assert!(ru.contains(&"baitursynov akhmet".to_owned()), "{ru:?}");
        assert!(kk.contains(&"baitursynuly akhmet".to_owned()), "{kk:?}");
        assert!(en.contains(&"akhmet baitursynov".to_owned()), "{en:?}");
        // Kazakh Latin with diacritics and ş.
        let kz = keys("Şoqai Mūstafa");
        assert!(kz.contains(&"shoqai mustafa".to_owned()), "{kz:?}");
        assert!(kz.contains(&"shokai mustafa".to_owned()), "{kz:?}");
    }

    #[test]
    fn punctuation_and_empty_names() {
        assert!(keys("А.Н. Байтурсынов").contains(&"a n baitursynov".to_owned()));
        assert!(search_keys(&PersonName::default()).is_empty());
        let parts = PersonName::from_parts(Some("Жургенов"), Some("Темирбек"), None);
        assert!(search_keys(&parts).contains(&"zhurgenov temirbek".to_owned()));
    }

    #[test]
    fn keys_are_sorted_and_distinct() {
        let k = keys("Сейфуллин Сакен");
        let mut sorted = k.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(k, sorted);
    }
}
