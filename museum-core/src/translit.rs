//! The one Cyrillic → Latin table of the crate, with a [`Scheme`] per use.
//!
//! Four places write Cyrillic letters in Latin, each for its own purpose, and all read this
//! table:
//!
//! - name comparison ([`crate::normalize::fold`]) and the name parser's spelling-insensitive
//!   skeleton ([`crate::model::PersonName`]): [`Scheme::Comparison`], a lossy alphabet in which
//!   every romanization of a sound meets (`х`, `һ` → `h`; `и`, `й`, `ы`, `і` → `i`; `щ` → `sh`);
//! - the search keys of exports ([`crate::export::search_keys`]): [`Scheme::SearchKey`], the
//!   Russian passport spelling a user types (`kh`, `shch`, `y` for `ы`) without the passport's
//!   `ie` for `ъ`, which nobody types in a search box;
//! - the synthetic lists (the `museum-synth` crate): the romanizations archives really used,
//!   [`Scheme::Bgn`], [`Scheme::Icao`], [`Scheme::Kz2021`] and [`Scheme::German`] (facts.md §4).
//!
//! Where the schemes differ, the table says so letter by letter. Writing Kazakh letters the way
//! Russian clerks did (`ә` → `а`, `ө` → `о` or `у`) is [`kazakh_letter_in_russian`].

/// How Cyrillic letters are written in Latin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// BGN/PCGN-like (Russian 1947 + Kazakh 1979): zh, kh, ts, ch, sh, shch, y, yu, ya, ye;
    /// ä gh q ng ö u ü h i for Kazakh letters.
    Bgn,
    /// The Russian passport (ICAO 9303) scheme: й→i, ю→iu, я→ia, ъ→ie.
    Icao,
    /// The 2021 Kazakh Latin alphabet: ä ğ q ñ ö ū ü h ı, j for ж, ş, ç.
    Kz2021,
    /// German (Duden-like): sch, tsch, ch, z for ц, w for в, s for з, ss between vowels, je/ju/ja.
    German,
    /// The keys a search box matches: [`Scheme::Icao`] with `ъ` dropped.
    SearchKey,
    /// The comparison alphabet of name matching (lowercase ASCII plus `zh sh ch ts`): one
    /// spelling per sound, Kazakh letters and those of the other Turkic Cyrillic alphabets
    /// (`җ`, `ҳ`, `ӣ`…) folded to their nearest Russian letter's.
    Comparison,
}

impl Scheme {
    /// Every romanization a list can be written in (what the synthetic lists write);
    /// [`Scheme::SearchKey`] and [`Scheme::Comparison`] are the crate's own keys, not spellings
    /// of lists.
    pub const ALL: [Scheme; 4] = [Scheme::Bgn, Scheme::Icao, Scheme::Kz2021, Scheme::German];
}

/// Where a letter stands, for the schemes whose spelling depends on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// At the start of a word or after a vowel, `й`, `ъ` or `ь`: `е` is `ye` (BGN) or `je`
    /// (German) there.
    pub soft_e: bool,
    /// Between two vowels: `с` is `ss` in German there.
    pub between_vowels: bool,
}

/// The Latin spelling of one lowercase Cyrillic letter in `scheme` (an empty text for the signs
/// `ъ`, `ь` when a scheme drops them); `None` for a character the scheme has no spelling for.
#[inline]
#[must_use]
pub fn latin(c: char, scheme: Scheme, at: Position) -> Option<&'static str> {
    use Scheme::{Bgn, Comparison, German, Icao, Kz2021, SearchKey};
    let r = match c {
        'а' => "a",
        'б' => "b",
        'в' => match scheme {
            German => "w",
            _ => "v",
        },
        'г' => "g",
        'д' => "d",
        'е' => match scheme {
            Bgn if at.soft_e => "ye",
            German if at.soft_e => "je",
            _ => "e",
        },
        'ё' => match scheme {
            Bgn => "ë",
            Kz2021 => "io",
            German => "jo",
            Icao | SearchKey | Comparison => "e",
        },
        'ж' => match scheme {
            Kz2021 => "j",
            German => "sch",
            _ => "zh",
        },
        'з' => match scheme {
            German => "s",
            _ => "z",
        },
        'и' => "i",
        'й' => match scheme {
            Bgn => "y",
            _ => "i",
        },
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => match scheme {
            German if at.between_vowels => "ss",
            _ => "s",
        },
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => match scheme {
            Kz2021 | Comparison => "h",
            German => "ch",
            _ => "kh",
        },
        'ц' => match scheme {
            German => "z",
            _ => "ts",
        },
        'ч' => match scheme {
            Kz2021 => "ç",
            German => "tsch",
            _ => "ch",
        },
        'ш' => match scheme {
            Kz2021 => "ş",
            German => "sch",
            _ => "sh",
        },
        'щ' => match scheme {
            Kz2021 => "şş",
            German => "schtsch",
            Comparison => "sh",
            _ => "shch",
        },
        'ъ' => match scheme {
            Icao => "ie",
            _ => "",
        },
        'ы' => match scheme {
            Comparison => "i",
            _ => "y",
        },
        'ь' => "",
        'э' => "e",
        'ю' => match scheme {
            Bgn => "yu",
            German => "ju",
            _ => "iu",
        },
        'я' => match scheme {
            Bgn => "ya",
            German => "ja",
            _ => "ia",
        },
        // The nine Kazakh letters.
        'ә' => match scheme {
            Icao | SearchKey | Comparison => "a",
            _ => "ä",
        },
        'ғ' => match scheme {
            Kz2021 => "ğ",
            Icao | SearchKey | Comparison => "g",
            _ => "gh",
        },
        'қ' => match scheme {
            Icao | SearchKey | Comparison => "k",
            _ => "q",
        },
        'ң' => match scheme {
            Kz2021 => "ñ",
            Icao | SearchKey | Comparison => "n",
            _ => "ng",
        },
        'ө' => match scheme {
            Icao | SearchKey | Comparison => "o",
            _ => "ö",
        },
        'ұ' => match scheme {
            Kz2021 => "ū",
            _ => "u",
        },
        'ү' => match scheme {
            Icao | SearchKey | Comparison => "u",
            _ => "ü",
        },
        'һ' => "h",
        'і' => match scheme {
            Kz2021 => "ı",
            _ => "i",
        },
        // Letters of the Ukrainian, Belarusian, Tatar, Bashkir, Tajik… alphabets that turn up
        // in the lists: only name comparison folds them (the romanizations keep them as written).
        _ if scheme != Comparison => return None,
        'ӓ' => "a",
        'ґ' | 'ҕ' => "g",
        'є' => "e",
        'җ' | 'ӂ' => "zh",
        'ї' | 'ӣ' => "i",
        'ҡ' => "k",
        'ӧ' => "o",
        'ў' | 'ӯ' => "u",
        'ҳ' => "h",
        'ҷ' => "ch",
        _ => return None,
    };
    Some(r)
}

/// A lowercase Kazakh letter written as the Russian letter clerks used for it (`ә` → `а`,
/// `ғ` → `г`, `қ` → `к`, `ң` → `н`, `ө` → `о` or `у`, `ұ` and `ү` → `у`, `һ` → `х`, `і` → `и`
/// or `ы`); `None` for any other character.
#[must_use]
pub fn kazakh_letter_in_russian(c: char, o_as_u: bool, i_as_y: bool) -> Option<&'static str> {
    Some(match c {
        'ә' => "а",
        'ғ' => "г",
        'қ' => "к",
        'ң' => "н",
        'ө' if o_as_u => "у",
        'ө' => "о",
        'ұ' | 'ү' => "у",
        'һ' => "х",
        'і' if i_as_y => "ы",
        'і' => "и",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, scheme: Scheme) -> String {
        text.chars()
            .map(|c| latin(c, scheme, Position::default()).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn schemes_differ_where_the_archives_do() {
        assert_eq!(word("жұмабаев", Scheme::Bgn), "zhumabaev");
        assert_eq!(word("жұмабаев", Scheme::Kz2021), "jūmabaev");
        assert_eq!(word("жұмабаев", Scheme::German), "schumabaew");
        assert_eq!(word("бөкейханов", Scheme::Icao), "bokeikhanov");
        assert_eq!(word("бөкейханов", Scheme::Comparison), "bokeihanov");
        assert_eq!(word("объедков", Scheme::Icao), "obieedkov");
        assert_eq!(word("объедков", Scheme::SearchKey), "obedkov");
        assert_eq!(word("щы", Scheme::SearchKey), "shchy");
        assert_eq!(word("щы", Scheme::Comparison), "shi");
    }

    #[test]
    fn position_changes_e_and_s() {
        let soft = Position {
            soft_e: true,
            between_vowels: false,
        };
        assert_eq!(latin('е', Scheme::Bgn, soft), Some("ye"));
        assert_eq!(latin('е', Scheme::Icao, soft), Some("e"));
        let between = Position {
            soft_e: false,
            between_vowels: true,
        };
        assert_eq!(latin('с', Scheme::German, between), Some("ss"));
        assert_eq!(latin('с', Scheme::Bgn, between), Some("s"));
    }

    #[test]
    fn other_alphabets_are_folded_only_for_comparison() {
        assert_eq!(
            latin('җ', Scheme::Comparison, Position::default()),
            Some("zh")
        );
        assert_eq!(latin('җ', Scheme::Bgn, Position::default()), None);
        assert_eq!(latin('q', Scheme::Comparison, Position::default()), None);
    }

    #[test]
    fn kazakh_letters_as_russian_clerks_wrote_them() {
        let ru = |t: &str, o, i| -> String {
            t.chars()
                .map(|c| kazakh_letter_in_russian(c, o, i).map_or(c.to_string(), str::to_owned))
                .collect()
        };
        assert_eq!(ru("бөкейхан", true, false), "букейхан");
        assert_eq!(ru("бөкейхан", false, false), "бокейхан");
        assert_eq!(ru("жансүгіров", false, true), "жансугыров");
    }
}
