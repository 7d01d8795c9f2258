//! Property tests of name normalization (`museum_core::normalize`): folding is idempotent, and
//! a name written in Kazakh Cyrillic, in Russian Cyrillic, or romanized by the project's own
//! transliteration tables (`museum_synth::romanize`, the tables the synthetic lists are
//! written with) gets the same comparison keys.

use museum_core::normalize::{PartKeys, PartKind, fold, normalize_text};
use museum_synth::{Scheme, kazakh_to_russian, romanize};
use proptest::prelude::*;

/// Consonants and vowels of the Kazakh Cyrillic alphabet (Russian letters included).
const CONSONANTS: &[&str] = &[
    "б", "в", "г", "ғ", "д", "ж", "з", "й", "к", "қ", "л", "м", "н", "ң", "п", "р", "с", "т", "ф",
    "х", "һ", "ц", "ч", "ш", "щ",
];
/// (No `ё`: Kazakh names hardly have it, and the 2021 alphabet writes it `io`, a vowel of its
/// own.)
const VOWELS: &[&str] = &[
    "а", "ә", "е", "и", "о", "ө", "у", "ұ", "ү", "ы", "і", "э", "ю", "я",
];

/// A name-like root: two to four syllables (consonant, vowel, consonant?; the first may start
/// with its vowel), capitalized.
fn root() -> impl Strategy<Value = String> {
    let syllable = || {
        (
            proptest::sample::select(CONSONANTS),
            proptest::sample::select(VOWELS),
            proptest::option::of(proptest::sample::select(CONSONANTS)),
        )
    };
    (any::<bool>(), proptest::collection::vec(syllable(), 2..5))
        .prop_map(|(vowel_first, syllables)| {
            let mut w = String::new();
            for (i, (a, v, b)) in syllables.into_iter().enumerate() {
                if !(i == 0 && vowel_first) {
                    w.push_str(a);
                }
                w.push_str(v);
                w.push_str(b.unwrap_or(""));
            }
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        // Stems shorter than three letters keep their endings (`MIN_STEM`); real roots are
        // longer.
        .prop_filter("a root has at least four letters", |w| {
            w.chars().count() >= 4
        })
        // A root ending in `в` or `ф` would read as a Russian `-ов`/`-ев` (or `-off`) ending
        // (`Бабөв`); the endings come from the lists below.
        .prop_filter("a root does not end in в or ф", |w| {
            !w.ends_with(['в', 'ф'])
        })
}

/// The endings of surnames and patronymics in the lists (Russified and Kazakh).
const SURNAME_ENDINGS: &[&str] = &["", "ов", "ев", "ин", "ова", "ева", "ина", "ұлы", "қызы"];
const PATRONYMIC_ENDINGS: &[&str] = &["ович", "евич", "овна", "евна", "ұлы", "қызы"];

/// One part of a name in Kazakh Cyrillic: a given name (a root), a surname or a patronymic
/// (a root and an ending).
fn cyrillic_part() -> impl Strategy<Value = (String, PartKind)> {
    (
        root(),
        0..3usize,
        proptest::sample::select(SURNAME_ENDINGS),
        proptest::sample::select(PATRONYMIC_ENDINGS),
    )
        .prop_map(|(r, k, s, p)| {
            // After a vowel the Russian endings take `е` (`Мұса` → `Мұсаев`, `Мұсаевич`).
            let after_vowel = r
                .chars()
                .last()
                .is_some_and(|c| VOWELS.contains(&c.to_string().as_str()));
            let ending = |e: &str| -> String {
                match (after_vowel, e) {
                    (true, "ов") => "ев".into(),
                    (true, "ова") => "ева".into(),
                    (true, "ович") => "евич".into(),
                    (true, "овна") => "евна".into(),
                    _ => e.into(),
                }
            };
            match k {
                0 => (r, PartKind::Given),
                1 => (format!("{r}{}", ending(s)), PartKind::Surname),
                _ => (format!("{r}{}", ending(p)), PartKind::Patronymic),
            }
        })
}

/// Any of the above, as written by a Russian clerk or romanized by a scheme.
fn written_part() -> impl Strategy<Value = (String, PartKind)> {
    (
        cyrillic_part(),
        proptest::option::of(proptest::sample::select(&Scheme::ALL[..])),
    )
        .prop_map(|((w, k), scheme)| match scheme {
            Some(s) => (romanize(&w, s), k),
            None => (w, k),
        })
}

fn keys(word: &str, kind: PartKind) -> PartKeys {
    PartKeys::new(word, kind).expect("a word with letters has keys")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_global_rejects: 4096, ..ProptestConfig::default() })]

    /// Folding its own output changes nothing, whatever the input (any Unicode).
    #[test]
    fn fold_is_idempotent(s in any::<String>()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert_eq!(normalize_text(&normalize_text(&s)), normalize_text(&s));
    }

    /// The same on names, where the romanization rules (`sch`, `kh`, `-ine`…) could read the
    /// folded text once more; and the keys of the folded text are those of the text.
    #[test]
    fn fold_is_idempotent_on_names((w, kind) in written_part()) {
        let once = fold(&w);
        prop_assert_eq!(fold(&once), once.clone(), "{}", w);
        let k = keys(&w, kind);
        let again = keys(&once, kind);
        prop_assert_eq!(&again.folded, &k.folded);
        prop_assert_eq!(&again.stem, &k.stem);
    }

    /// Kazakh Cyrillic and the Russian clerks' spelling of it fold to the same text with the
    /// default habits (ә→а, ө→о, і→и…), so every key is the same. With the other habits (ө→у,
    /// і→ы, initial ж→дж) the vowels differ, which the phonetic key ignores: the phonetic key
    /// of the word is the same (read as a given name; as a surname or patronymic the changed
    /// vowel can change which ending is recognized when the stem is short).
    #[test]
    fn kazakh_and_russian_cyrillic_get_the_same_keys(
        (w, kind) in cyrillic_part(),
        o_as_u: bool,
        dzh: bool,
        i_as_y: bool,
    ) {
        let ru = kazakh_to_russian(&w, false, false, false);
        prop_assert_eq!(fold(&ru), fold(&w), "{} / {}", w, ru);
        prop_assert_eq!(keys(&ru, kind), PartKeys { written: ru.clone(), ..keys(&w, kind) });
        let ru = kazakh_to_russian(&w, o_as_u, dzh, i_as_y);
        prop_assert_eq!(
            keys(&ru, PartKind::Given).phonetic, keys(&w, PartKind::Given).phonetic,
            "{} / {}", w, ru
        );
    }

    /// A name part and its romanization by each scheme (from the Kazakh or the Russian
    /// spelling) share a phonetic key, which is what matching compares.
    #[test]
    fn cyrillic_and_latin_share_a_phonetic_key(
        (w, kind) in cyrillic_part(),
        via_russian: bool,
        scheme in proptest::sample::select(&Scheme::ALL[..]),
    ) {
        let source = if via_russian { kazakh_to_russian(&w, false, false, false) } else { w.clone() };
        let latin = romanize(&source, scheme);
        // Some Latin spellings are ambiguous: `ng` (BGN, German) is ң or нг, `j` (2021
        // alphabet, German) ж or й, and every `ch` (`ç`, German `tsch`) gets the readings ч and
        // the German х; in German also `sz` is зц or ш, `dsch` дж or дш, `stsch` сч or зч. Each
        // doubles the readings, and a part keeps at most `MAX_CODES` phonetic codes: the
        // property is checked for words with at most one ambiguous spelling.
        let l = latin.to_lowercase();
        let ambiguous = l.matches("ng").count()
            + l.matches('j').count()
            + l.matches('ç').count()
            + l.replace("tsch", "ch").replace("sch", "").matches("ch").count()
            + if scheme == Scheme::German {
                l.matches("sz").count() + l.matches("dsch").count() + l.matches("stsch").count()
            } else {
                0
            };
        prop_assume!(ambiguous <= 1);
        // German also writes з and с both `s`, which merge with a following `s`, `sch` or
        // `tsch`, and т, д before ш, ж give `tsch`, `dsch`: such clusters have no single
        // German reading either.
        if scheme == Scheme::German {
            let sibilant = |c: char| "зсшщчцжЗСШЩЧЦЖ".contains(c);
            let stop = |c: char| "тдТД".contains(c);
            let cs: Vec<char> = source.chars().collect();
            // And з, с, ц before х, һ give `sch`, `sh`, `zh`.
            let h = |c: char| "хһ".contains(c);
            let s_z = |c: char| "зсцЗСЦ".contains(c);
            prop_assume!(!cs.windows(2).any(|p| {
                ((sibilant(p[0]) || stop(p[0])) && sibilant(p[1])) || (s_z(p[0]) && h(p[1]))
            }));
        }
        let (c, l) = (keys(&w, kind), keys(&latin, kind));
        prop_assert!(
            c.phonetic_overlaps(&l),
            "{} / {} ({:?}, {:?}): {:?} vs {:?}", w, latin, scheme, kind, c, l
        );
    }
}
