//! Comparison keys of names: morphology stems, the phonetic key, initials, and [`NameKeys`] for
//! a whole [`PersonName`].

use serde::Serialize;

use crate::model::{PersonName, Script};

use super::translit::fold_word_into;

mod readings;

pub use readings::korean_surname;
use readings::{german_readings, korean_surnames};

/// Surname endings removed by [`surname_stem`], longest first (folded spellings): Russian
/// `-ов/-ев/-ин/-ова/-ева/-ина`, `-ский/-ская`, Kazakh `-ұлы/-қызы` (German `-kysy`), Turkic
/// `-оглы`, French and German `-off/-ow` (after folding `-of`/`-ov`).
const SURNAME_SUFFIXES: &[&str] = &[
    "ovich", "evich", "ovna", "evna", "ogli", "kizi", "kisi", "uli", "ova", "eva", "ina", "ski",
    "ska", "ov", "ev", "in", "of", "ef",
];

/// Patronymic endings removed by [`patronymic_stem`], longest first (folded spellings).
const PATRONYMIC_SUFFIXES: &[&str] = &[
    "ovich", "evich", "ichna", "ovna", "evna", "ogli", "kizi", "kisi", "uli", "ich", "ovic", "evic",
];

/// The shortest stem a suffix may leave.
const MIN_STEM: usize = 3;

fn strip<'a>(folded: &'a str, suffixes: &[&str]) -> &'a str {
    for s in suffixes {
        if let Some(stem) = folded.strip_suffix(s)
            && stem.len() >= MIN_STEM
        {
            // `-ski`/`-ska` keep their `sk`.
            if *s == "ski" || *s == "ska" {
                return &folded[..folded.len() - 1];
            }
            return stem;
        }
    }
    folded
}

/// After a suffix is removed, a final `i` after a vowel is the й the Russian ending absorbed
/// (`Жұмабай` ~ `Жумабаев`, `Шоқай` ~ `Шокаев`, `Қараұлы` ~ `Караевич`): drop it.
fn trim_glide(stem: &str) -> &str {
    let b = stem.as_bytes();
    if b.len() > MIN_STEM
        && b[b.len() - 1] == b'i'
        && matches!(b[b.len() - 2], b'a' | b'e' | b'o' | b'u')
    {
        &stem[..stem.len() - 1]
    } else {
        stem
    }
}

/// Joins the words of a folded surname and drops a separate Kazakh/Turkic patronymic marker
/// word (`Шоқай ұлы`, `Chokay-ogly` was already one word after folding).
fn join_words(folded: &str) -> String {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let keep = match words.as_slice() {
        [rest @ .., last]
            if !rest.is_empty() && matches!(*last, "uli" | "ogli" | "kizi" | "kisi") =>
        {
            rest
        }
        all => all,
    };
    keep.concat()
}

/// The stem of a folded surname: Russified and Kazakh endings removed, so that `Бөкейханов`,
/// `Бөкейхан` and `Bokeikhanova` share `bokeihan`, and `Байтұрсынұлы` ~ `Baitursynov` share
/// `baitursin`.
///
/// ```
/// use museum_core::normalize::{fold, surname_stem};
/// assert_eq!(surname_stem(&fold("Бөкейханов")), "bokeihan");
/// assert_eq!(surname_stem(&fold("Бөкейхан")), "bokeihan");
/// assert_eq!(surname_stem(&fold("Байтұрсынұлы")), surname_stem(&fold("Baitursynov")));
/// assert_eq!(surname_stem(&fold("Жұмабай")), surname_stem(&fold("Zhumabayev")));
/// ```
pub fn surname_stem(folded: &str) -> String {
    let joined = join_words(folded);
    trim_glide(strip(&joined, SURNAME_SUFFIXES)).to_owned()
}

/// The stem of a folded patronymic: Russian `-ович/-евич/-овна/-евна` and Kazakh `-ұлы/-қызы`
/// removed, so `Нурмухамедович` ~ `Нұрмұхамедұлы` share `nurmuhamed`.
///
/// ```
/// use museum_core::normalize::{fold, patronymic_stem};
/// assert_eq!(patronymic_stem(&fold("Нурмухамедович")), "nurmuhamed");
/// assert_eq!(patronymic_stem(&fold("Нұрмұхамедұлы")), "nurmuhamed");
/// assert_eq!(patronymic_stem(&fold("Караевич")), patronymic_stem(&fold("Қараұлы")));
/// ```
pub fn patronymic_stem(folded: &str) -> String {
    let joined = join_words(folded);
    trim_glide(strip(&joined, PATRONYMIC_SUFFIXES)).to_owned()
}

/// Whether a folded word ends like a surname (`-ov/-ev/-in`, feminine forms, `-uly/-kyzy`,
/// `-ski`).
fn has_surname_ending(folded: &str) -> bool {
    folded.len() > 4
        && [
            "ov", "ev", "ova", "eva", "ina", "in", "uli", "kizi", "kisi", "ski", "ska", "of", "ef",
        ]
        .iter()
        .any(|e| folded.ends_with(e))
}

/// A phonetic code: up to [`MAX_CODES`] alternatives (most words have one).
pub const MAX_CODES: usize = 4;

/// The phonetic key of a folded word, in the spirit of Daitch–Mokotoff: vowels are dropped
/// (a leading vowel is kept as `0`), and consonants that the romanizations confuse share a class:
///
/// | class | sounds |
/// |---|---|
/// | `P` | b, p |
/// | `F` | f, v (a `v` between a consonant and a vowel is dropped: `Садвакасов` ~ `Сәдуақасов`) |
/// | `T` | d, t |
/// | `S` | s, z, ts |
/// | `J` | ж, ш, щ, ч (zh, sh, ch, j, sch, tsch, ç, ş) |
/// | `K` | қ, к, q |
/// | `H` | ғ, г, х, һ (gh, kh, h): Russian writes the German `H` as `Г` (`Генрих` = `Heinrich`) |
/// | `L`, `M`, `N`, `R` | l, m, n, r |
///
/// Adjacent equal classes collapse. A Latin `ch` may be the German х (`Bökeichan`,
/// `Chadschijew`), so such words get two codes: the `J` reading and the `H` reading.
///
/// ```
/// use museum_core::normalize::{fold, phonetic, surname_stem};
/// let key = |s: &str| phonetic(&surname_stem(&fold(s)), false);
/// assert_eq!(key("Жансүгіров"), key("Dzhansugurov"));
/// assert_eq!(key("Бөкейханов"), vec!["PKHN".to_owned()]);
/// assert!(phonetic(&surname_stem(&fold("Bökeichan")), true).contains(&"PKHN".to_owned()));
/// ```
pub fn phonetic(folded: &str, latin: bool) -> Vec<String> {
    let b: Vec<u8> = folded.bytes().filter(u8::is_ascii_lowercase).collect();
    let mut codes: Vec<Vec<u8>> = vec![Vec::with_capacity(b.len())];
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut i = 0;
    // Whether the previous letter was a vowel (so classes separated by a vowel do not collapse).
    let mut after_vowel = false;
    if b.first().is_some_and(|c| is_vowel(*c)) {
        for c in &mut codes {
            c.push(b'0');
        }
    }
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (class, alt, len): (u8, Option<u8>, usize) = match (c, next) {
            (b'z' | b's', Some(b'h')) => (b'J', None, 2),
            (b'c', Some(b'h')) => (b'J', latin.then_some(b'H'), 2),
            (b't', Some(b's')) => (b'S', None, 2),
            (v, _) if is_vowel(v) => {
                after_vowel = true;
                i += 1;
                continue;
            }
            (b'v', Some(n)) if is_vowel(n) && i > 0 && !is_vowel(b[i - 1]) => {
                i += 1;
                continue;
            }
            (b'b' | b'p', _) => (b'P', None, 1),
            (b'f' | b'v' | b'w', _) => (b'F', None, 1),
            (b'd' | b't', _) => (b'T', None, 1),
            (b's' | b'z' | b'c', _) => (b'S', None, 1),
            (b'j', _) => (b'J', None, 1),
            (b'k' | b'q', _) => (b'K', None, 1),
            (b'g' | b'h' | b'x', _) => (b'H', None, 1),
            (other, _) => (other.to_ascii_uppercase(), None, 1),
        };
        let push = |code: &mut Vec<u8>, class: u8| {
            if after_vowel || code.last() != Some(&class) {
                code.push(class);
            }
        };
        if let Some(alt) = alt
            && codes.len() < MAX_CODES
        {
            let mut alts = codes.clone();
            for code in &mut alts {
                push(code, alt);
            }
            for code in &mut codes {
                push(code, class);
            }
            codes.extend(alts);
        } else {
            for code in &mut codes {
                push(code, class);
            }
        }
        after_vowel = false;
        i += len;
    }
    let mut out: Vec<String> = codes
        .into_iter()
        .map(|c| {
            if c.is_empty() {
                "0".to_owned()
            } else {
                String::from_utf8(c).unwrap_or_default()
            }
        })
        .collect();
    out.dedup();
    out
}

/// The class of a folded name's first sound, for comparing initials with full names: the
/// phonetic class of the first consonant, or `0` for a vowel (vowels are not told apart, since
/// Ө/О/У and І/И/Ы alternate between the Kazakh and Russian forms).
///
/// ```
/// use museum_core::normalize::{fold, initial_class};
/// assert_eq!(initial_class(&fold("Ж.")), initial_class(&fold("Zhumat")));
/// assert_eq!(initial_class(&fold("J.")), initial_class(&fold("Жұмат")));
/// assert_eq!(initial_class(&fold("Ө.")), initial_class(&fold("Utegen")));
/// ```
pub fn initial_class(folded: &str) -> Option<char> {
    let first = folded.bytes().next()?;
    if matches!(first, b'a' | b'e' | b'i' | b'o' | b'u' | b'y') {
        return Some('0');
    }
    phonetic(folded, false)
        .first()
        .and_then(|c| c.chars().next())
}

/// Whether two initial classes ([`initial_class`]) may be the same name: equal, or Ж/Ш/Ч against
/// Д, З or С (`D.` for `Джакып`, since Russian writes Ж as Дж; `Z.` or `S.` for `Zhanuzak`,
/// `Shokan` when a romanized digraph is cut to one letter).
///
/// ```
/// use museum_core::normalize::{fold, initial_class, initials_compatible};
/// let c = |s: &str| initial_class(&fold(s));
/// assert!(initials_compatible(c("D."), c("Жақып")));
/// assert!(!initials_compatible(c("A."), c("Жақып")));
/// ```
pub fn initials_compatible(a: Option<char>, b: Option<char>) -> bool {
    a == b
        || matches!(
            (a, b),
            (Some('J'), Some('T' | 'S')) | (Some('T' | 'S'), Some('J'))
        )
}

/// Whether a word is a common given name, also written the German or Polish way with `j` for й
/// (`Jekaterina`, `Jelena`).
fn is_given_name(word: &str) -> bool {
    use crate::model::name::is_common_given_name;
    is_common_given_name(word)
        || (word.contains(['j', 'J'])
            && is_common_given_name(&word.replace('j', "y").replace('J', "Y")))
}

/// Kazakh given names alternate their first consonant between the back-velar letters: Қ and Ғ
/// (`Қазымбек` ~ `Ғазымбек`), К and Х (`Кайретдин` ~ `Хайретдин`, Arabic *khayr*), since
/// Kazakh writes the Arabic and Persian ghayn and kha with Ғ, Қ or Х as the writer hears them.
/// A Cyrillic given name beginning with the `K` class also gets the code beginning with `H`, and
/// the other way round. Only the first sound: inside a word the letters keep their classes.
fn kazakh_initial_alternation(codes: &mut Vec<String>) {
    let mut alts = Vec::new();
    for c in codes.iter() {
        let other = match c.as_bytes().first() {
            Some(b'K') => 'H',
            Some(b'H') => 'K',
            _ => continue,
        };
        alts.push(format!("{other}{}", &c[1..]));
    }
    for a in alts {
        if codes.len() < MAX_CODES && !codes.contains(&a) {
            codes.push(a);
        }
    }
}

/// Which part of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartKind {
    /// Family name.
    Surname,
    /// Given name.
    Given,
    /// Patronymic.
    Patronymic,
}

/// The comparison keys of one name part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PartKeys {
    /// The part as written.
    pub written: String,
    /// Folded into the comparison alphabet ([`super::fold`]).
    pub folded: String,
    /// The stem: surname/patronymic endings removed; equals `folded` for given names.
    pub stem: String,
    /// Phonetic codes of the stem ([`phonetic`]).
    pub phonetic: Vec<String>,
    /// The class of the first sound ([`initial_class`]).
    pub initial: Option<char>,
    /// Whether the part is only an initial (`А.`, `Zh.`).
    pub is_initial: bool,
}

impl PartKeys {
    /// Keys of a name part as written.
    pub fn new(written: &str, kind: PartKind) -> Option<PartKeys> {
        let norm = super::normalize_text(written);
        let mut folded = String::with_capacity(norm.len());
        for w in norm.split(' ') {
            if !folded.is_empty() {
                folded.push(' ');
            }
            let before = folded.len();
            fold_word_into(w, &mut folded);
            if folded.len() == before && before > 0 {
                folded.pop();
            }
        }
        if folded.is_empty() {
            return None;
        }
        let is_initial = crate::model::name::is_initial(written);
        let stem = if is_initial {
            folded.clone()
        } else {
            match kind {
                PartKind::Surname => surname_stem(&folded),
                PartKind::Patronymic => patronymic_stem(&folded),
                PartKind::Given => folded.replace(' ', ""),
            }
        };
        let latin = matches!(Script::detect(written), Script::Latin);
        let mut phonetic = phonetic(&stem, latin);
        let mut initial = initial_class(&folded);
        if kind == PartKind::Surname
            && !is_initial
            && let Some(k) = korean_surnames().get(&norm)
        {
            // A Korean surname: its table line, not the spelling rules, says which spellings
            // are the same name. Every spelling gets the phonetic codes and first sound of the
            // line's Cyrillic spelling, and only those (so `Park` meets `Пак` and a typo of it,
            // and German `Chan` = Хан is not read as Чан); its own stem stays, so `Tian` and
            // `Тян` still agree letter for letter.
            phonetic = self::phonetic(&surname_stem(&k.cyrillic), false);
            initial = initial_class(&k.cyrillic);
        } else if latin && !is_initial {
            for alt in german_readings(&norm, &stem, kind) {
                for code in self::phonetic(&alt, latin) {
                    if phonetic.len() < MAX_CODES && !phonetic.contains(&code) {
                        phonetic.push(code);
                    }
                }
            }
        }
        if kind == PartKind::Given && !is_initial && !latin {
            kazakh_initial_alternation(&mut phonetic);
        }
        Some(PartKeys {
            written: written.trim().to_owned(),
            folded,
            stem,
            phonetic,
            initial,
            is_initial,
        })
    }

    /// Whether the phonetic codes of two parts share a code.
    pub fn phonetic_overlaps(&self, other: &PartKeys) -> bool {
        self.phonetic.iter().any(|c| other.phonetic.contains(c))
    }
}

/// The comparison keys of a whole name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct NameKeys {
    /// Family name keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surname: Option<PartKeys>,
    /// Given name keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<PartKeys>,
    /// Patronymic keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<PartKeys>,
}

impl NameKeys {
    /// The keys of a parsed name.
    ///
    /// ```
    /// use museum_core::PersonName;
    /// use museum_core::normalize::NameKeys;
    /// let a = NameKeys::of(&PersonName::parse("Бөкейханов Әлихан Нұрмұхамедұлы"));
    /// let b = NameKeys::of(&PersonName::parse("Букейханов Алихан Нурмухамедович"));
    /// assert_eq!(a.surname.unwrap().phonetic, b.surname.unwrap().phonetic);
    /// assert_eq!(a.patronymic.unwrap().stem, b.patronymic.unwrap().stem);
    /// ```
    ///
    /// A name whose "given name" has a surname ending (`-ов`, `-ева`, `-ұлы`…) while its
    /// "surname" has none is read the other way round, unless the "given name" is a common given
    /// name (`Bukeikhanov Alikhan` in a Latin list is
    /// surname-first; a list may have the two columns swapped).
    pub fn of(name: &PersonName) -> NameKeys {
        let part = |p: &Option<String>, k| p.as_deref().and_then(|w| PartKeys::new(w, k));
        let keys = NameKeys {
            surname: part(&name.surname, PartKind::Surname),
            given: part(&name.given, PartKind::Given),
            patronymic: part(&name.patronymic, PartKind::Patronymic),
        };
        if let (Some(s), Some(g)) = (&keys.surname, &keys.given)
            && NameKeys::reads_reversed(s, g)
        {
            return NameKeys {
                surname: PartKeys::new(&g.written, PartKind::Surname),
                given: PartKeys::new(&s.written, PartKind::Given),
                patronymic: keys.patronymic,
            };
        }
        keys
    }

    /// Whether a name with this surname and given name is written the other way round: the
    /// "given name" has a surname ending and is not a common given name, and the "surname" has no
    /// surname ending (see [`NameKeys::of`]). `Келлер Екатерина` and `Цой Марина` are not
    /// reversed: many surnames of the deported peoples have no Russian ending, and many women's
    /// given names end in -ина.
    pub fn reads_reversed(surname: &PartKeys, given: &PartKeys) -> bool {
        !given.is_initial
            && !surname.is_initial
            && has_surname_ending(&given.folded)
            && !has_surname_ending(&surname.folded)
            && !is_given_name(&given.written)
    }

    /// The same name with surname and given name exchanged (keys recomputed for their new
    /// roles), for two-part names whose order the source did not make clear (`Мұстафа Шоқай` in a
    /// list that is otherwise surname-first). `None` when the name has no given name or has a
    /// patronymic (three-part names tell their order by the patronymic).
    ///
    /// ```
    /// use museum_core::PersonName;
    /// use museum_core::normalize::NameKeys;
    /// // A list that put the given name in the surname column.
    /// let n = PersonName::from_parts(Some("Мустафа"), Some("Шокай"), None);
    /// let k = NameKeys::of(&n).swapped().unwrap();
    /// assert_eq!(k.surname.unwrap().stem, "shoka");
    /// ```
    pub fn swapped(&self) -> Option<NameKeys> {
        if self.patronymic.is_some() {
            return None;
        }
        let given = self.given.as_ref()?;
        let surname = self.surname.as_ref()?;
        Some(NameKeys {
            surname: PartKeys::new(&given.written, PartKind::Surname),
            given: PartKeys::new(&surname.written, PartKind::Given),
            patronymic: None,
        })
    }

    /// Whether no part has a key.
    pub fn is_empty(&self) -> bool {
        self.surname.is_none() && self.given.is_none() && self.patronymic.is_none()
    }

    /// The part of the given kind.
    pub fn part(&self, kind: PartKind) -> Option<&PartKeys> {
        match kind {
            PartKind::Surname => self.surname.as_ref(),
            PartKind::Given => self.given.as_ref(),
            PartKind::Patronymic => self.patronymic.as_ref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::readings::{c_as_ts, polish_reading};
    use super::*;
    use crate::normalize::fold;

    fn skey(s: &str) -> Vec<String> {
        PartKeys::new(s, PartKind::Surname).unwrap().phonetic
    }

    #[test]
    fn stems() {
        assert_eq!(surname_stem(&fold("Seïfoulline")), "seiful");
        assert_eq!(surname_stem(&fold("Шоқай")), "shoka");
        assert_eq!(surname_stem(&fold("Chokayev")), "choka");
        assert_eq!(surname_stem(&fold("Chokay-ogly")), "choka");
        assert_eq!(surname_stem(&fold("Шоқай ұлы")), "shoka");
        assert_eq!(surname_stem(&fold("Kudaiberdiev")), "kudaiberdi");
        assert_eq!(surname_stem(&fold("Құдайбердіұлы")), "kudaiberdi");
        assert_eq!(surname_stem(&fold("Бөкейханова")), "bokeihan");
        assert_eq!(surname_stem(&fold("Ким")), "kim");
        assert_eq!(surname_stem(&fold("Ли")), "li");
        assert_eq!(patronymic_stem(&fold("Тургунбаевич")), "turgunba");
        assert_eq!(patronymic_stem(&fold("Тұрғынбайұлы")), "turginba");
    }

    #[test]
    fn phonetic_keys() {
        assert_eq!(skey("Садвакасов"), skey("Сәдуақасов"));
        assert_eq!(skey("Saduakasov"), skey("Säduaqassow"));
        assert_eq!(skey("Жандосов"), skey("Schandossow"));
        let given = |s: &str| PartKeys::new(s, PartKind::Given).unwrap().phonetic;
        assert!(given("Johann").iter().any(|c| given("Иоганн").contains(c)));
        assert!(given("Jelena").iter().any(|c| given("Елена").contains(c)));
        let overlap = |a: &str, b: &str| skey(a).iter().any(|c| skey(b).contains(c));
        assert!(overlap("Шоқай", "Tschokai"));
        assert!(overlap("Shokay", "Çokay"));
        assert!(overlap("Хаджиев", "Chadschijew"));
        assert!(overlap("Генрих", "Heinrich"));
        assert_eq!(skey("Aimauytov"), skey("Аймаутов"));
        assert!(skey("Bökeichan").contains(&skey("Бөкейхан")[0]));
        assert!(overlap("Asfendijarow", "Асфендияров"));
        assert!(overlap("Stumpf", "Штумпф"));
        assert_eq!(phonetic("ai", false), vec!["0"]);
        assert_eq!(phonetic("", false), vec!["0"]);
    }

    #[test]
    fn kazakh_given_names_alternate_their_first_back_consonant() {
        let given = |s: &str| PartKeys::new(s, PartKind::Given).unwrap();
        let overlap = |a: &str, b: &str| given(a).phonetic_overlaps(&given(b));
        assert!(overlap("Қазымбек", "Ғазымбек"));
        assert!(overlap("Кайретдин", "Хайретдин"));
        assert!(
            overlap("Gazymbek", "Қазымбек"),
            "a Latin spelling meets both"
        );
        // Only the first sound, only given names, only Cyrillic.
        assert!(!overlap("Акан", "Ахан"));
        assert!(
            !skey("Кайретдинов")
                .iter()
                .any(|c| skey("Хайретдинов").contains(c))
        );
        assert!(!overlap("Kelly", "Holly"));
    }

    #[test]
    fn polish_and_iso_readings() {
        assert_eq!(
            polish_reading("krzyżanowski").as_deref(),
            Some("krżyżanovski")
        );
        assert_eq!(polish_reading("jerzy").as_deref(), Some("yeży"));
        assert_eq!(polish_reading("mickiewicz").as_deref(), Some("mitskevicz"));
        assert_eq!(polish_reading("chmielewski"), None);
        assert_eq!(polish_reading("шмидт"), None);
        assert_eq!(c_as_ts("coj").as_deref(), Some("tsoj"));
        assert_eq!(c_as_ts("wacław").as_deref(), Some("watsław"));
        assert_eq!(c_as_ts("cimmerman"), None);
        assert_eq!(c_as_ts("schmidt"), None);
    }

    #[test]
    fn korean_table_lines_are_disjoint() {
        let table = include_str!("../../data/korean-surnames.tsv");
        let mut seen = std::collections::HashSet::new();
        let mut lines = 0;
        for line in table
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (key, spellings) = line.split_once('\t').expect("a tab after the key");
            lines += 1;
            let first = spellings.split_whitespace().next().unwrap();
            assert!(
                first.chars().any(crate::model::name::is_cyrillic),
                "{key}: the first spelling is Cyrillic"
            );
            for sp in spellings.split_whitespace() {
                assert!(seen.insert(super::super::normalize_text(sp)), "{sp} twice");
                assert_eq!(korean_surname(sp), Some(key), "{sp}");
            }
        }
        assert!(lines >= 10);
        // Every spelling of a line has the first phonetic code of its Cyrillic spelling.
        for (a, b) in [
            ("Park", "Пак"),
            ("Choe", "Цой"),
            ("Rhee", "Ли"),
            ("Gim", "Ким"),
        ] {
            assert_eq!(skey(a)[0], skey(b)[0], "{a} / {b}");
        }
        // A Korean surname written another way than the table's is still folded by the rules.
        assert_eq!(skey("Пакк"), skey("Park"));
        let stem = |s: &str| PartKeys::new(s, PartKind::Surname).unwrap().stem;
        assert_eq!(stem("Тян"), stem("Tian"));
    }

    #[test]
    fn initials() {
        let p = PartKeys::new("Ә.", PartKind::Given).unwrap();
        assert!(p.is_initial);
        assert_eq!(p.initial, Some('0'));
        let p = PartKeys::new("Zh.", PartKind::Given).unwrap();
        assert_eq!(p.initial, Some('J'));
        assert!(PartKeys::new(" . ", PartKind::Given).is_none());
    }
}
