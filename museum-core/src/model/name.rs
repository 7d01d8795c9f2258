//! Personal names in Kazakh Cyrillic, Russian Cyrillic and Latin: [`PersonName`].
//!
//! Archival lists write names in archival order (`Фамилия Имя Отчество`), Western order
//! (`Alikhan Bukeikhanov`), with initials (`А. Н. Байтурсынов`, `Baitursynov A.`), and with
//! Russian (`-ович/-овна`) or Kazakh (`-ұлы/-қызы`) patronymics. A [`PersonName`] keeps the
//! original text and its parts as written; comparison keys live in the dedup/normalize modules.

use std::fmt;

use super::vocab::SexValue;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The writing system of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Cyrillic with at least one of the Kazakh letters ә ғ қ ң ө ұ ү һ і.
    KazakhCyrillic,
    /// Cyrillic without Kazakh letters (Russian or Russified spelling).
    RussianCyrillic,
    /// Latin letters (any romanization).
    Latin,
    /// Letters of more than one script, e.g. a Latin look-alike inside a Cyrillic word.
    Mixed,
    /// No letters.
    #[default]
    Unknown,
}

impl Script {
    /// Detects the script of `text` from its letters.
    ///
    /// ```
    /// use museum_core::Script;
    /// assert_eq!(Script::detect("Бөкейханов"), Script::KazakhCyrillic);
    /// assert_eq!(Script::detect("Букейханов"), Script::RussianCyrillic);
    /// assert_eq!(Script::detect("Bukeikhanov"), Script::Latin);
    /// assert_eq!(Script::detect("Бyкейханов"), Script::Mixed); // Latin `y`
    /// ```
    pub fn detect(text: &str) -> Script {
        let (mut cyr, mut kaz, mut lat) = (false, false, false);
        for c in text.chars().filter(|&c| is_letter(c)) {
            if is_cyrillic(c) {
                cyr = true;
                kaz |= is_kazakh_letter(c);
            } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
                lat = true;
            }
        }
        match (cyr, lat) {
            (true, true) => Script::Mixed,
            (true, false) if kaz => Script::KazakhCyrillic,
            (true, false) => Script::RussianCyrillic,
            (false, true) => Script::Latin,
            (false, false) => Script::Unknown,
        }
    }
}

/// Whether `c` is a Cyrillic letter.
pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c) || ('\u{0500}'..='\u{052F}').contains(&c)
}

/// Whether `c` is one of the nine Kazakh-specific Cyrillic letters (ә ғ қ ң ө ұ ү һ і), any case.
pub fn is_kazakh_letter(c: char) -> bool {
    matches!(
        c,
        'ә' | 'Ә'
            | 'ғ'
            | 'Ғ'
            | 'қ'
            | 'Қ'
            | 'ң'
            | 'Ң'
            | 'ө'
            | 'Ө'
            | 'ұ'
            | 'Ұ'
            | 'ү'
            | 'Ү'
            | 'һ'
            | 'Һ'
            | 'і'
            | 'І'
    )
}

/// The form of a patronymic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PatronymicForm {
    /// Russian `-ович/-евич/-овна/-евна/-ьич/-ична` (and Latin `-ovich/-evich/-ovna/-evna`).
    Russian,
    /// Kazakh `-ұлы/-улы/-uly/-ūly/-uli/-ulı` (son of) or `-қызы/-кызы/-qyzy/-kyzy` (daughter
    /// of), glued or as a separate word (`Нұрмұхамед ұлы`); also the Turkic `-оглы/-ogly` and
    /// Kyrgyz `-уулу`.
    Kazakh,
    /// Only an initial is known.
    Initial,
}

/// A person's name: the original text and its parts as written.
///
/// ```
/// use museum_core::{PersonName, Script};
/// let n = PersonName::parse("Букейханов Алихан Нурмухамедович");
/// assert_eq!(n.surname.as_deref(), Some("Букейханов"));
/// assert_eq!(n.given.as_deref(), Some("Алихан"));
/// assert_eq!(n.patronymic.as_deref(), Some("Нурмухамедович"));
/// assert_eq!(n.script, Script::RussianCyrillic);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
pub struct PersonName {
    /// The name exactly as the source wrote it.
    pub original: String,
    /// Family name as written (`Бөкейханов`, `Bukeikhanov`, `Бөкейхан`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surname: Option<String>,
    /// Given name as written, or its initial with the dot (`А.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Patronymic as written (`Нұрмұхамедұлы`, `Нурмухамедович`) or its initial (`Н.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic: Option<String>,
    /// The form of the patronymic, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic_form: Option<PatronymicForm>,
    /// The script of the original text.
    #[serde(default)]
    pub script: Script,
}

impl PersonName {
    /// Parses a full name written in one text (archival order, Western order, or with initials).
    ///
    /// Never fails: what cannot be placed is kept in `original` and the parts stay empty.
    pub fn parse(text: &str) -> PersonName {
        parse::parse_full(text)
    }

    /// Builds a name from separate columns (surname, given name, patronymic), as lists with one
    /// column per part have them. Empty parts are `None`; the original is the parts joined by
    /// spaces in archival order.
    pub fn from_parts(
        surname: Option<&str>,
        given: Option<&str>,
        patronymic: Option<&str>,
    ) -> PersonName {
        let clean = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let (surname, given, patronymic) = (clean(surname), clean(given), clean(patronymic));
        let original = [&surname, &given, &patronymic]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ");
        let patronymic_form = patronymic.as_deref().and_then(patronymic_form);
        PersonName {
            script: Script::detect(&original),
            original,
            surname,
            given,
            patronymic,
            patronymic_form,
        }
    }

    /// Whether the given name is only an initial (`А.`, `A`, `Zh.`).
    pub fn given_is_initial(&self) -> bool {
        self.given.as_deref().is_some_and(is_initial)
    }

    /// Whether nothing is known of the name.
    pub fn is_empty(&self) -> bool {
        self.original.trim().is_empty()
    }

    /// The alternate spellings the source wrote in parentheses, in order of appearance; a
    /// parenthesis holding several forms separated by commas or semicolons gives one item each.
    ///
    /// The parser leaves parenthesised text out of the parts, so `Жургенов (Жургенев) Темирбек`
    /// has surname `Жургенов` and the alternate `Жургенев`. An unclosed parenthesis runs to the
    /// end of the text.
    ///
    /// ```
    /// use museum_core::PersonName;
    /// let n = PersonName::parse("Жургенов (Жургенев) Темирбек");
    /// assert_eq!(n.surname.as_deref(), Some("Жургенов"));
    /// assert_eq!(n.alternates(), vec!["Жургенев"]);
    /// let n = PersonName::parse("Миржакып (Миржакип, Мир-Якуб) Дулатов");
    /// assert_eq!(n.alternates(), vec!["Миржакип", "Мир-Якуб"]);
    /// ```
    pub fn alternates(&self) -> Vec<&str> {
        parse::parenthesised(&self.original)
            .into_iter()
            .flat_map(|group| group.split([',', ';']))
            .map(str::trim)
            .filter(|s| s.chars().any(is_letter))
            .collect()
    }

    /// The sex that the patronymic implies: `-ович/-евич/-ич`, `-ұлы/-uly`, `-оглы` → male;
    /// `-овна/-евна/-ична`, `-қызы/-qyzy` → female. When there is no such patronymic, a surname in
    /// Kazakh patronymic form (`Байтұрсынұлы`) is used. `None` when nothing tells (an initial, no
    /// patronymic); surnames such as `-ов/-ова` are not used.
    ///
    /// ```
    /// use museum_core::{PersonName, SexValue};
    /// assert_eq!(PersonName::parse("Жургенов Темирбек Караевич").sex_hint(), Some(SexValue::Male));
    /// assert_eq!(PersonName::parse("Жұмабаева Гүлнар Бекен қызы").sex_hint(), Some(SexValue::Female));
    /// assert_eq!(PersonName::parse("Байтурсынов А. Н.").sex_hint(), None);
    /// ```
    pub fn sex_hint(&self) -> Option<SexValue> {
        self.patronymic
            .as_deref()
            .and_then(sex_of_patronymic)
            .or_else(|| {
                self.surname
                    .as_deref()
                    .filter(|s| patronymic_form(s) == Some(PatronymicForm::Kazakh))
                    .and_then(sex_of_patronymic)
            })
    }
}

impl fmt::Display for PersonName {
    /// The original text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

/// Whether a name part is an initial: one letter, optionally followed by a dot; also digraph
/// initials with a dot (`Zh.`, `Sh.`, `Ch.`, `Kh.`, `Дж.`) and initials of hyphenated names
/// (`М.-Я.`).
///
/// ```
/// use museum_core::model::name::is_initial;
/// assert!(is_initial("А.") && is_initial("A") && is_initial("Zh.") && is_initial("М.-Я."));
/// assert!(!is_initial("Ахмет") && !is_initial("Zh") && !is_initial("."));
/// ```
pub fn is_initial(part: &str) -> bool {
    let t = part.trim();
    if t.contains('-') {
        return t.split('-').all(|p| !p.contains('-') && simple_initial(p));
    }
    simple_initial(t)
}

/// One initial without hyphen.
fn simple_initial(t: &str) -> bool {
    let core = t.strip_suffix('.').unwrap_or(t);
    let n = core.chars().count();
    if n == 1 {
        return core.chars().all(is_letter);
    }
    const DIGRAPHS: [&str; 11] = [
        "zh", "sh", "ch", "kh", "dz", "ts", "yu", "ya", "gh", "sz", "дж",
    ];
    t.ends_with('.') && n == 2 && DIGRAPHS.contains(&core.to_lowercase().as_str())
}

/// Russian patronymic endings, compared on the [`skeleton`] (`-ович`, `-ovich`, `-owitsch`, …).
const RU_PATRONYMIC_MALE: [&str; 2] = ["ovich", "evich"];
/// Russian female patronymic endings on the skeleton.
const RU_PATRONYMIC_FEMALE: [&str; 3] = ["ovna", "evna", "ichna"];
/// Kazakh / Turkic male patronymic endings on the skeleton (`-ұлы`, `-uly`, `-ūly`, `-uli`,
/// `-ulı`, `-оглы`, `-ogly`).
const KZ_PATRONYMIC_MALE: [&str; 2] = ["uli", "ogli"];
/// Kazakh female patronymic endings on the skeleton (`-қызы`, `-кызы`, `-qyzy`, `-kyzy`).
const KZ_PATRONYMIC_FEMALE: [&str; 1] = ["kizi"];

/// Whether `sk` ends with `suffix` and keeps a stem of at least two letters.
fn ends_with_stem(sk: &str, suffix: &str) -> bool {
    sk.len() >= suffix.len() + 2 && sk.ends_with(suffix)
}

/// The patronymic form of a word, if it is one (`Нурмухамедович` → Russian, `Нұрмұхамедұлы` →
/// Kazakh, `Н.` → Initial).
///
/// Recognises Russian `-ович/-евич/-овна/-евна/-ична/-ьич` and their Latin spellings
/// (`-ovich`, `-evich`, `-ovna`, `-evna`, `-ichna`, German `-owitsch`, French `-ovitch`), and
/// Kazakh/Turkic `-ұлы/-улы/-қызы/-кызы/-оглы/-уулу` with Latin `-uly`, `-ūly`, `-uli`, `-ulı`,
/// `-qyzy`, `-kyzy`, `-ogly`, `-uulu`, glued or written as a separate word (`Нұрмұхамед ұлы`,
/// `Бекен қызы`).
///
/// ```
/// use museum_core::PatronymicForm;
/// use museum_core::model::name::patronymic_form;
/// assert_eq!(patronymic_form("Нурмухамедович"), Some(PatronymicForm::Russian));
/// assert_eq!(patronymic_form("Bekenovich"), Some(PatronymicForm::Russian));
/// assert_eq!(patronymic_form("Нұрмұхамед ұлы"), Some(PatronymicForm::Kazakh));
/// assert_eq!(patronymic_form("Nūrmūhamedūly"), Some(PatronymicForm::Kazakh));
/// assert_eq!(patronymic_form("Н."), Some(PatronymicForm::Initial));
/// assert_eq!(patronymic_form("Букейханов"), None);
/// ```
pub fn patronymic_form(word: &str) -> Option<PatronymicForm> {
    let t = word.trim();
    if is_initial(t) {
        return Some(PatronymicForm::Initial);
    }
    patronymic_sex(t).map(|(form, _)| form)
}

/// The form and sex (true = male) of a patronymic.
fn patronymic_sex(word: &str) -> Option<(PatronymicForm, bool)> {
    patronymic_sex_of(word, &skeleton(word))
}

/// [`patronymic_sex`] of a word whose [`skeleton`] is `sk`.
fn patronymic_sex_of(word: &str, sk: &str) -> Option<(PatronymicForm, bool)> {
    // Only the rare endings below need the word itself: its last letters, lower-cased (the
    // whole word is not lower-cased: this runs for nearly every word of a list).
    let raw_ends_with = |endings: &[&str]| {
        let letters = word.trim().trim_end_matches(|c: char| !is_letter(c));
        endings.iter().any(|e| {
            let n = e.chars().count();
            let start = letters
                .char_indices()
                .rev()
                .nth(n - 1)
                .map_or(0, |(i, _)| i);
            letters[start..].to_lowercase().ends_with(e)
        })
    };
    if RU_PATRONYMIC_MALE.iter().any(|s| ends_with_stem(sk, s))
        || (sk.len() >= 4 && raw_ends_with(&["ьич"]))
    {
        Some((PatronymicForm::Russian, true))
    } else if RU_PATRONYMIC_FEMALE.iter().any(|s| ends_with_stem(sk, s)) {
        Some((PatronymicForm::Russian, false))
    } else if KZ_PATRONYMIC_MALE.iter().any(|s| ends_with_stem(sk, s))
        || (sk.len() >= 5 && raw_ends_with(&["уулу", "uulu"]))
    {
        Some((PatronymicForm::Kazakh, true))
    } else if KZ_PATRONYMIC_FEMALE.iter().any(|s| ends_with_stem(sk, s)) {
        Some((PatronymicForm::Kazakh, false))
    } else {
        None
    }
}

/// Sex implied by a patronymic (or a surname in Kazakh patronymic form).
fn sex_of_patronymic(word: &str) -> Option<SexValue> {
    if is_initial(word) {
        return None;
    }
    patronymic_sex(word).map(|(_, male)| {
        if male {
            SexValue::Male
        } else {
            SexValue::Female
        }
    })
}

/// Whether `word` is in the built-in list of common given names (Kazakh, Russian, Tatar, Uzbek,
/// Chechen, German, Polish and others met in repression lists), in any of the three scripts.
///
/// The comparison ignores case and the usual spelling variation between Kazakh Cyrillic, Russian
/// Cyrillic and the romanizations (`Мағжан`, `Магжан`, `Magzhan`, `Mağjan`, `Magjan` all match).
/// A hyphenated name matches when each of its parts does, or when it is listed whole
/// (`Мир-Якуб`).
///
/// ```
/// use museum_core::model::name::is_common_given_name;
/// assert!(is_common_given_name("Әлихан") && is_common_given_name("ALIKHAN"));
/// assert!(is_common_given_name("Mağjan") && is_common_given_name("Мир-Якуб"));
/// assert!(!is_common_given_name("Букейханов"));
/// ```
pub fn is_common_given_name(word: &str) -> bool {
    given_name_of(word, &skeleton(word))
}

/// [`is_common_given_name`] of a word whose [`skeleton`] is `sk`.
fn given_name_of(word: &str, sk: &str) -> bool {
    let set = lexicon::given_names();
    if sk.is_empty() {
        return false;
    }
    if set.contains(sk) {
        return true;
    }
    word.contains('-') && {
        let mut parts = word
            .split('-')
            .map(skeleton)
            .filter(|p| !p.is_empty())
            .peekable();
        parts.peek().is_some() && parts.all(|p| set.contains(&p))
    }
}

/// A spelling-insensitive key of a word for the lexicon and the ending tests: lower case, letters
/// only, Cyrillic transliterated ([`crate::translit::Scheme::Comparison`]), Kazakh letters folded (`ә→a`, `қ→k`, `ұ/ү→u`, `і→i`, …), Latin
/// diacritics folded, and the common romanization variants merged (`y/ı/й/ы→i`, `q→k`, `j/dzh→zh`,
/// `kh→h`, `gh→g`, `w→v`, `sch→sh`, word-initial `ye→e`), with doubled letters collapsed.
fn skeleton(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for c in word.chars() {
        // Lower case without the Unicode tables for the letters names are mostly made of (this
        // function is the hot spot of reading a list).
        match c {
            'a'..='z' | 'а'..='я' | 'ё' => skeleton_letter(c, &mut s),
            'A'..='Z' => skeleton_letter(c.to_ascii_lowercase(), &mut s),
            'А'..='Я' => {
                skeleton_letter(char::from_u32(u32::from(c) + 0x20).unwrap_or(c), &mut s)
            }
            _ => c.to_lowercase().for_each(|c| skeleton_letter(c, &mut s)),
        }
    }
    // Every rewrite below contains one of these letter pairs; most names have none of them
    // (Cyrillic ones almost never), and then nothing is searched.
    let rewrites = s.as_bytes().windows(2).any(|w| {
        matches!(
            w,
            b"sc" | b"tc" | b"dz" | b"kh" | b"gh" | b"sz" | b"cz" | b"ou"
        )
    });
    for (from, to) in [
        ("tsch", "ch"),
        ("sch", "sh"),
        ("tch", "ch"),
        ("dzh", "zh"),
        ("kh", "h"),
        ("gh", "g"),
        ("sz", "sh"),
        ("cz", "ch"),
        ("ou", "u"),
    ] {
        if rewrites && s.contains(from) {
            s = s.replace(from, to);
        }
    }
    if s.starts_with("ie") {
        // BGN/PCGN `ye` for a word-initial `е` (`Yevgeniy`, `Yelizaveta`).
        s.remove(0);
    }
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.chars() {
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// `c.is_alphabetic()`, without the Unicode tables for ASCII and the Cyrillic block (the letters
/// names are mostly made of; reading a list asks this for every character of every name).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}' => true,
        '\0'..='\u{7F}' | '\u{482}'..='\u{489}' => false,
        _ => c.is_alphabetic(),
    }
}

/// Appends the skeleton of one lower-case letter (see [`skeleton`]).
fn skeleton_letter(c: char, s: &mut String) {
    {
        if let Some(m) = crate::translit::latin(
            c,
            crate::translit::Scheme::Comparison,
            crate::translit::Position::default(),
        ) {
            s.push_str(m);
            return;
        }
        let m: &str = match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' | 'ą' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' => "o",
            'ü' | 'ú' | 'ù' | 'û' | 'ū' | 'ů' => "u",
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' | 'y' | 'ý' | 'ÿ' => "i",
            'ğ' | 'ǵ' | 'ġ' => "g",
            'ş' | 'š' | 'ś' => "sh",
            'ç' | 'č' | 'ć' => "ch",
            'ž' | 'j' => "zh",
            'ź' | 'ż' => "z",
            'ñ' | 'ń' | 'ŋ' | 'ņ' | 'ň' => "n",
            'ł' | 'ľ' | 'ĺ' => "l",
            'ķ' | 'q' => "k",
            'ḥ' => "h",
            'ř' => "r",
            'ť' => "t",
            'ď' => "d",
            'w' => "v",
            'ß' => "ss",
            'a'..='z' => {
                s.push(c);
                return;
            }
            _ if is_letter(c) => {
                s.push(c);
                return;
            }
            _ => return,
        };
        s.push_str(m);
    }
}

/// Russified surname endings on the skeleton (`-ов/-ев/-ин/-ова/-ева/-ина/-ский/-цкий/-енко`,
/// Latin `-ov/-ev/-in/-yev/-ayev/-ova/-sky/-ski`, German `-ow`, French `-off`).
const SURNAME_ENDINGS: [&str; 14] = [
    "ov", "ev", "in", "ova", "eva", "ina", "ski", "skaia", "skoi", "tski", "tskaia", "of", "ef",
    "enko",
];

/// Whether a word has surname morphology: a Russified ending or a Kazakh patronymic form used as
/// a surname (`Байтұрсынұлы`, `Dulatuly`, `Chokay-ogly`).
fn has_surname_morphology(word: &str) -> bool {
    let sk = skeleton(word);
    surname_morphology_of(&sk, patronymic_sex_of(word, &sk))
}

/// [`has_surname_morphology`] from a word's [`skeleton`] and [`patronymic_sex`].
fn surname_morphology_of(sk: &str, patronymic: Option<(PatronymicForm, bool)>) -> bool {
    SURNAME_ENDINGS
        .iter()
        .any(|e| sk.len() >= e.len().max(2) + 2 && sk.ends_with(e))
        || matches!(patronymic, Some((PatronymicForm::Kazakh, _)))
}

mod lexicon {
    //! A built-in list of common given names, compared by [`skeleton`](super::skeleton).
    use std::collections::HashSet;
    use std::sync::OnceLock;

    /// The skeletons of [`GIVEN_NAMES`].
    pub(super) fn given_names() -> &'static HashSet<String> {
        static SET: OnceLock<HashSet<String>> = OnceLock::new();
        SET.get_or_init(|| GIVEN_NAMES.iter().map(|n| super::skeleton(n)).collect())
    }

    /// Given names. Kazakh forms and Russified forms are listed when their skeletons differ; the
    /// skeleton makes most romanizations match. Family names without a Russified ending that are
    /// also rare given names (`Бөкейхан`, `Шоқай`, `Жұмабай`) are deliberately left out.
    #[rustfmt::skip]
    const GIVEN_NAMES: &[&str] = &[
        // Kazakh, male
        "Абай", "Абдолла", "Абдулла", "Абдрахман", "Әбдірахман", "Абдіғали", "Абдуғали", "Абен",
        "Абіл", "Абылай", "Абылқайыр", "Ағыбай", "Ажар", "Айдар", "Айтбай", "Ақан", "Ақмолда",
        "Ақылбек", "Алдаберген", "Әлжан", "Әлиасқар", "Әлібек", "Әлиби", "Әлихан", "Әлімжан",
        "Алмас", "Алпамыс", "Аманжол", "Амангелді", "Амангельды", "Аманкелди", "Аманқос", "Арыстан",
        "Асан", "Асқар", "Асылбек", "Ахмет", "Ахмед", "Ахметжан", "Әбу", "Әбубәкір", "Әбіш", "Әуез",
        "Әуезхан", "Әшім", "Бақыт", "Бауыржан", "Бейімбет", "Бекен", "Бекет", "Бекмұхамед",
        "Бекмұхамбет", "Бердібек", "Берік", "Бимухамет", "Біржан", "Болат", "Булат", "Ғабдолла",
        "Габдулла", "Ғабит", "Ғайса", "Гайса", "Ғали", "Ғалым", "Ғани", "Дәулет", "Дінмұхамед",
        "Динмухамед", "Досмұхамед", "Досмұхамбет", "Дулат", "Ербол", "Ержан", "Ерлан", "Ермек",
        "Ермұхан", "Есет", "Есенжол", "Жақып", "Жаһанша", "Джаханша", "Жанайдар", "Жанғали",
        "Жанша", "Жапар", "Жармағамбет", "Жүсіп", "Жусуп", "Жүсіпбек", "Жусупбек", "Жұмабек",
        "Жұмағали", "Жұмат", "Жамбыл", "Жанұзақ", "Жанболат", "Жантөре", "Жетпісбай", "Зейнолла",
        "Ибрай", "Ыбырай", "Ибрагим", "Ілияс", "Ильяс", "Илияс", "Иса", "Исмаил", "Ісмайыл",
        "Исатай", "Қадыр", "Кадыр", "Қайрат", "Қалдыбай", "Қаныш", "Қара", "Қасым", "Қожа",
        "Құдайберген", "Құрманғазы", "Қыйқым", "Кикым", "Қошке", "Мағжан", "Мұхамеджан",
        "Мұхамедия", "Мухамедия", "Мұхтар", "Мұстафа", "Мұхаммед", "Мұхамед", "Мұхамедқали",
        "Мұқан", "Мырзағұл", "Міржақып", "Миржакип", "Мир-Якуб", "Мирзахан", "Нұрмұхамед",
        "Нұрсұлтан", "Нұрлан", "Нығмет", "Нигмет", "Нәзір", "Ораз", "Ураз", "Оспан", "Орынбай",
        "Рахым", "Рахим", "Рысқұл", "Сабит", "Сағындық", "Сәдуақас", "Садвакас", "Сәкен", "Салық",
        "Санжар", "Санджар", "Сейітжапар", "Сейтжафар", "Сейдалы", "Сейфолла", "Сұлтан",
        "Сұлтанбек", "Смағұл", "Сыздық", "Тұрар", "Тұрғынбай", "Тургунбай", "Темірбек", "Темірғали",
        "Тоқтар", "Төлеген", "Тұрсын", "Уәлихан", "Шоқан", "Шәкәрім", "Шахкарим", "Шерхан",
        "Ыдырыс", "Халел", "Халиль", "Хамит", "Хайретдин", "Хасен", "Шәймерден", "Джафар", "Кәрім",
        "Карим", "Қасен", "Қуаныш", "Өтеген", "Нұрадин", "Нуриддин", "Сатыбалды", "Серік", "Талғат",
        "Тілеу", "Ыскақ", "Ісхақ", "Елубай", "Жақсылық", "Бейсенбай", "Мәди", "Сәрсен",
        // Kazakh, female
        "Айша", "Айгүл", "Әйгерім", "Алма", "Ақбілек", "Ақмарал", "Айман", "Баян", "Бибі",
        "Бибігүл", "Ботагөз", "Гаухар", "Гүлнар", "Гүлжан", "Гүлсім", "Гүлбаршын", "Дариға",
        "Жамал", "Зейнеп", "Зейнап", "Зылиха", "Қамар", "Қарлығаш", "Күләш", "Ләззат", "Мәриям",
        "Мариям", "Нағима", "Назира", "Сара", "Сәуле", "Ұлжан", "Шолпан", "Шырын", "Әсия", "Асия",
        "Бәтима", "Ханшайым", "Мәншүк", "Әлия", "Хадиша", "Фатима", "Зылиқа", "Рәбиға",
        "Сақыпжамал", "Ақжан", "Айжан",
        // Tatar, Uzbek, Uyghur, Chechen, Ingush and other Muslim names
        "Абдул", "Абдулхамит", "Ахмад", "Али", "Алим", "Магомед", "Мухаммед", "Мухамед", "Хасан",
        "Хусейн", "Юсуф", "Умар", "Гасан", "Рашид", "Равиль", "Рустам", "Шамиль", "Тимур", "Ильдар",
        "Марат", "Азат", "Ислам", "Ибрахим", "Якуб", "Закир", "Зульфия", "Зулейха", "Гульсара",
        "Гульнара", "Дильбар", "Саид", "Сайд", "Салман", "Аслан", "Муса", "Мурат",
        // Russian, Ukrainian, Belarusian, male
        "Александр", "Алексей", "Анатолий", "Андрей", "Антон", "Аркадий", "Арсений", "Афанасий",
        "Борис", "Вадим", "Валентин", "Валерий", "Василий", "Вениамин", "Виктор", "Виталий",
        "Владимир", "Владислав", "Всеволод", "Вячеслав", "Гавриил", "Геннадий", "Георгий", "Герман",
        "Глеб", "Григорий", "Даниил", "Данила", "Денис", "Дмитрий", "Евгений", "Егор", "Емельян",
        "Ермолай", "Ефим", "Захар", "Иван", "Игнат", "Игнатий", "Игорь", "Илья", "Иосиф", "Кирилл",
        "Климент", "Кондратий", "Константин", "Кузьма", "Лаврентий", "Лев", "Леонид", "Лука",
        "Лукьян", "Макар", "Максим", "Марк", "Матвей", "Мирон", "Михаил", "Моисей", "Назар",
        "Нестор", "Никита", "Никифор", "Николай", "Олег", "Онуфрий", "Осип", "Остап", "Павел",
        "Пантелей", "Пётр", "Платон", "Прокофий", "Роман", "Ростислав", "Руслан", "Савва",
        "Святослав", "Семён", "Сергей", "Станислав", "Степан", "Тарас", "Терентий", "Тимофей",
        "Тихон", "Трофим", "Фёдор", "Феликс", "Филипп", "Фома", "Харитон", "Эдуард", "Юрий", "Яков",
        "Ян", "Ярослав", "Богдан", "Карп", "Никанор", "Панкрат", "Прохор", "Савелий", "Ульян",
        "Фрол", "Яким",
        // Russian, female
        "Агафья", "Аграфена", "Акулина", "Александра", "Алла", "Анастасия", "Анна", "Антонина",
        "Варвара", "Валентина", "Вера", "Галина", "Дарья", "Евдокия", "Евгения", "Екатерина",
        "Елена", "Елизавета", "Ефросинья", "Зинаида", "Зоя", "Инна", "Ирина", "Клавдия", "Ксения",
        "Лариса", "Лидия", "Любовь", "Людмила", "Маргарита", "Марина", "Мария", "Матрёна",
        "Надежда", "Наталья", "Нина", "Ольга", "Пелагея", "Полина", "Прасковья", "Раиса", "Регина",
        "Роза", "Светлана", "Софья", "София", "Таисия", "Тамара", "Татьяна", "Фаина", "Христина",
        "Эмма", "Юлия", "Алина", "Кристина", "Ангелина", "Зарина", "Карина", "Эльвира", "Берта",
        // German, Polish, Baltic, Jewish, Korean-Russian and other names of deportees
        "Johann", "Johannes", "Heinrich", "Friedrich", "Wilhelm", "Karl", "Otto", "Peter", "Jakob",
        "Andreas", "Martin", "Erwin", "Edwin", "Robert", "Emil", "Gustav", "Hermann", "Rudolf",
        "Walter", "Josef", "Joseph", "Franz", "Georg", "David", "Abraham", "Isaak", "Benjamin",
        "Elisabeth", "Katharina", "Margarethe", "Amalia", "Lydia", "Frieda", "Emilie", "Helene",
        "Jan", "Stanisław", "Józef", "Władysław", "Kazimierz", "Tadeusz", "Zygmunt", "Jerzy",
        "Marcin", "Wojciech", "Janina", "Jadwiga", "Genowefa", "Juozas", "Jonas", "Janis",
        "Антанас", "Иоганн", "Генрих", "Фридрих", "Вильгельм", "Карл", "Отто", "Давид", "Абрам",
        "Исаак", "Мендель", "Эльза", "Амалия", "Адам", "Казимир", "Юзеф", "Вольдемар", "Рейнгольд",
        "Готфрид",
        // Romanized forms the skeleton does not reach (German `sch`, `ch`, `s` for ж/х/з)
        "Älichan", "Mirschaqyp", "Maghschan", "Sanschar", "Oras", "Smaghul", "Schakarim",
        "Dschumat", "Ahmed", "Alexander", "Alexandra", "Pyotr", "Fyodor", "Semyon", "Matryona",
    ];
}

mod parse {
    //! The parser behind [`PersonName::parse`](super::PersonName::parse).
    //!
    //! 1. Tokenize: split on whitespace, commas and semicolons; text in parentheses is left out
    //!    (see [`PersonName::alternates`](super::PersonName::alternates)); punctuation around a
    //!    word is dropped, dots of initials kept; glued initials (`А.Н.`, `Zh.Aymauitov`) are
    //!    split.
    //! 2. Glue a separate patronymic particle (`ұлы`, `қызы`, `uly`, `оглы`) to the word before it.
    //! 3. Place the units: initials before or after a surname; otherwise weigh the evidence for
    //!    archival order (`Surname Given [Patronymic]`) against Western order
    //!    (`Given [Patronymic] Surname`): the lexicon of given names, surname morphology, the
    //!    position of a patronymic, an all-capitals surname and a comma after the surname.
    use super::{
        PatronymicForm, PersonName, Script, has_surname_morphology, is_common_given_name,
        is_initial,
    };
    use super::{
        given_name_of, is_letter, patronymic_form, patronymic_sex, patronymic_sex_of, skeleton,
        surname_morphology_of,
    };

    /// A name word (or glued word + particle) and whether a comma followed it.
    #[derive(Debug)]
    struct Unit {
        text: String,
        comma_after: bool,
    }

    /// The contents of the parenthesised groups of `text`, outermost groups only; an unclosed
    /// group runs to the end.
    pub(super) fn parenthesised(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start = 0usize;
        for (i, c) in text.char_indices() {
            match c {
                '(' => {
                    if depth == 0 {
                        start = i + c.len_utf8();
                    }
                    depth += 1;
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        out.push(&text[start..i]);
                    }
                }
                _ => {}
            }
        }
        if depth > 0 {
            out.push(&text[start..]);
        }
        out
    }

    /// Drops the punctuation around a word: leading non-letters, trailing non-letters except one
    /// dot directly after a letter (`А.`).
    fn clean(word: &str) -> &str {
        let w = word.trim_start_matches(|c: char| !is_letter(c));
        let end = w.trim_end_matches(|c: char| !is_letter(c));
        if w.len() > end.len() && w[end.len()..].starts_with('.') {
            &w[..end.len() + 1]
        } else {
            end
        }
    }

    /// Pushes a raw word, splitting glued initials (`А.Н.`, `А.Н.Байтурсынов`).
    fn push_word(raw: &str, comma_after: bool, out: &mut Vec<Unit>) {
        let w = clean(raw);
        if !w.chars().any(is_letter) {
            if comma_after && let Some(last) = out.last_mut() {
                last.comma_after = true;
            }
            return;
        }
        let pieces: Vec<&str> = w.split_inclusive('.').collect();
        // A hyphenated initial (`М.-Я.`) stays whole.
        let glued = pieces.len() > 1
            && !is_initial(w)
            && pieces[..pieces.len() - 1].iter().all(|p| is_initial(p));
        if glued {
            let n = pieces.len();
            for (i, p) in pieces.into_iter().enumerate() {
                let p = clean(p);
                if !p.is_empty() {
                    out.push(Unit {
                        text: p.to_owned(),
                        comma_after: comma_after && i + 1 == n,
                    });
                }
            }
        } else {
            out.push(Unit {
                text: w.to_owned(),
                comma_after,
            });
        }
    }

    /// Splits the text outside parentheses into name words. A word with digits (a year, a list
    /// number) is skipped, and once name words have been read it ends the name: what follows
    /// (`1900 г.р.`) is an annotation, not initials.
    fn tokenize(text: &str) -> Vec<Unit> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let sep = c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')');
            if !sep {
                if depth == 0 && start.is_none() {
                    start = Some(i);
                }
                continue;
            }
            if let Some(s) = start.take() {
                let word = &text[s..i];
                if word.chars().any(|c| c.is_numeric()) {
                    if out.is_empty() {
                        continue;
                    }
                    return out;
                }
                push_word(word, matches!(c, ',' | ';'), &mut out);
            } else if matches!(c, ',' | ';')
                && depth == 0
                && let Some(last) = out.last_mut()
            {
                last.comma_after = true;
            }
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if let Some(s) = start
            && !text[s..].chars().any(|c| c.is_numeric())
        {
            push_word(&text[s..], false, &mut out);
        }
        for u in &mut out {
            drop_final_dot(&mut u.text);
        }
        out
    }

    /// Drops a dot that ends a complete word (`Сейфуллаевич.`, `Ахмет.`): one with a patronymic
    /// form, surname morphology or a listed given name. Initials and abbreviations (`Нурмух.`)
    /// keep their dot.
    fn drop_final_dot(word: &mut String) {
        if is_initial(word) {
            return;
        }
        if let Some(stem) = word.strip_suffix('.')
            && (patronymic_sex(stem).is_some()
                || has_surname_morphology(stem)
                || is_common_given_name(stem))
        {
            word.pop();
        }
    }

    /// Whether a word is a patronymic particle written apart (`ұлы`, `қызы`, `uly`, `оглы`).
    fn is_particle(word: &str) -> bool {
        let sk = skeleton(word);
        matches!(sk.as_str(), "uli" | "kizi" | "ogli" | "ulu")
    }

    /// Glues separate particles to the word before them: `Нұрмұхамед ұлы`.
    fn glue_particles(units: Vec<Unit>) -> Vec<Unit> {
        let mut out: Vec<Unit> = Vec::with_capacity(units.len());
        for u in units {
            match out.last_mut() {
                Some(last)
                    if is_particle(&u.text) && !is_initial(&last.text) && !last.comma_after =>
                {
                    last.text.push(' ');
                    last.text.push_str(&u.text);
                    last.comma_after = u.comma_after;
                }
                _ => out.push(u),
            }
        }
        out
    }

    /// What the lexicon and morphology say about a unit.
    #[derive(Debug, Clone, Copy)]
    struct Evidence {
        /// 2: a listed given name; 1: a given-name ending (`-бек`, `-гүл`); 0: nothing.
        given: i32,
        /// 1: surname morphology (not for listed given names); +2 when written in capitals
        /// among words that are not.
        surname: i32,
        /// A patronymic form (Russian, Kazakh, or an initial).
        patronymic: bool,
    }

    fn evidence(u: &Unit, caps_marks_surname: bool) -> Evidence {
        // One skeleton and one patronymic test per word (this runs for every name of a list).
        let sk = skeleton(&u.text);
        let listed = given_name_of(&u.text, &sk);
        let patronymic = patronymic_sex_of(&u.text, &sk);
        let given = if listed {
            2
        } else if ["bek", "gul"]
            .iter()
            .any(|e| sk.len() > e.len() + 2 && sk.ends_with(e))
        {
            1
        } else {
            0
        };
        let mut surname = i32::from(!listed && surname_morphology_of(&sk, patronymic));
        if caps_marks_surname && is_all_caps(&u.text) {
            surname += 2;
        }
        Evidence {
            given,
            surname,
            patronymic: is_initial(u.text.trim()) || patronymic.is_some(),
        }
    }

    /// At least two letters, all upper case.
    fn is_all_caps(w: &str) -> bool {
        let mut letters = w.chars().filter(|&c| is_letter(c)).peekable();
        letters.peek().is_some()
            && w.chars().filter(|&c| is_letter(c)).count() >= 2
            && letters.all(char::is_uppercase)
    }

    fn join(units: &[Unit]) -> Option<String> {
        let s = units
            .iter()
            .map(|u| u.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        (!s.is_empty()).then_some(s)
    }

    /// Whether a Russian patronymic (`Нурмухамедович`) is built on a listed given name, so that
    /// `Алихан Нурмухамедович` is a given name with patronymic and `Адам Мицкевич` is not.
    fn russian_patronymic_of_given_name(word: &str) -> bool {
        if !matches!(patronymic_sex(word), Some((PatronymicForm::Russian, _))) {
            return false;
        }
        let sk = skeleton(word);
        let set = super::lexicon::given_names();
        ["ovich", "evich", "ovna", "evna"].iter().any(|suf| {
            sk.strip_suffix(suf).is_some_and(|stem| {
                set.contains(stem)
                    || set.contains(&format!("{stem}i"))
                    || set.contains(&format!("{stem}a"))
            })
        })
    }

    /// The parts (surname, given, patronymic) of a list of units.
    type Parts = (Option<String>, Option<String>, Option<String>);

    fn archival(u: &[Unit], ev: &[Evidence]) -> Parts {
        let n = u.len();
        match n {
            0 => (None, None, None),
            1 => (join(u), None, None),
            2 => (join(&u[..1]), join(&u[1..]), None),
            _ if ev[n - 1].patronymic => (join(&u[..1]), join(&u[1..n - 1]), join(&u[n - 1..])),
            _ => (join(&u[..1]), join(&u[1..2]), join(&u[2..])),
        }
    }

    fn western(u: &[Unit]) -> Parts {
        let n = u.len();
        match n {
            0 => (None, None, None),
            1 => (join(u), None, None),
            _ => (join(&u[n - 1..]), join(&u[..1]), join(&u[1..n - 1])),
        }
    }

    fn place(units: &[Unit], script: Script) -> Parts {
        let n = units.len();
        if n == 0 {
            return (None, None, None);
        }
        let initial: Vec<bool> = units.iter().map(|u| is_initial(&u.text)).collect();
        let lead = initial.iter().take_while(|f| **f).count();
        if lead == n {
            // Only initials: given, then patronymic.
            return (None, join(&units[..1]), join(&units[1..]));
        }
        if lead > 0 {
            // `А. Н. Байтурсынов`, `Zh. Aymauitov`.
            return (
                join(&units[lead..]),
                join(&units[..1]),
                join(&units[1..lead]),
            );
        }
        if n >= 2 && initial[1..].iter().all(|f| *f) {
            // `Байтурсынов А. Н.`, `Baitursynov A.`, `Бөкейхан Ә.`
            return (join(&units[..1]), join(&units[1..2]), join(&units[2..]));
        }
        let caps_count = units.iter().filter(|u| is_all_caps(&u.text)).count();
        let caps_marks_surname = caps_count > 0 && caps_count < n;
        let ev: Vec<Evidence> = units
            .iter()
            .map(|u| evidence(u, caps_marks_surname))
            .collect();
        if n == 1 {
            // A lone listed given name is a given name; anything else is a surname.
            return if ev[0].given == 2 && ev[0].surname == 0 {
                (None, join(units), None)
            } else {
                (join(units), None, None)
            };
        }
        if units[0].comma_after {
            // `Букейханов, Алихан`: the comma closes an inverted surname.
            return archival(units, &ev);
        }
        if n == 2 && ev[0].given == 2 && russian_patronymic_of_given_name(&units[1].text) {
            // `Алихан Нурмухамедович`: no surname.
            return (None, join(&units[..1]), join(&units[1..]));
        }
        if n == 3
            && ev[2].patronymic
            && !ev[1].patronymic
            && ev[0].given == 2
            && ev[0].surname == 0
            && ev[1].given == 0
        {
            // `Григорий Полищук Юриевич`: a listed given name, a word that is none, then the
            // patronymic (neither archival nor Western order, but seen in lists). In archival
            // order the middle word is the given name.
            return (join(&units[1..2]), join(&units[..1]), join(&units[2..]));
        }
        let (arch, west) = if n == 2 {
            (ev[1].given + ev[0].surname, ev[0].given + ev[1].surname)
        } else {
            let last = ev[n - 1];
            (
                ev[1].given + 2 * i32::from(last.patronymic) + ev[0].surname,
                ev[0].given + 2 * i32::from(ev[1].patronymic) + last.surname,
            )
        };
        let western_order = match arch.cmp(&west) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            // No evidence: Latin texts are mostly Western order, Cyrillic lists archival.
            std::cmp::Ordering::Equal => script == Script::Latin,
        };
        if western_order {
            western(units)
        } else {
            archival(units, &ev)
        }
    }

    pub(super) fn parse_full(text: &str) -> PersonName {
        let script = Script::detect(text);
        let mut units = glue_particles(tokenize(text));
        if units.is_empty() {
            // Everything in parentheses: parse the parenthesised text instead.
            units = glue_particles(parenthesised(text).into_iter().flat_map(tokenize).collect());
        }
        let (surname, given, patronymic) = place(&units, script);
        let patronymic_form = patronymic.as_deref().and_then(patronymic_form);
        PersonName {
            original: text.to_owned(),
            surname,
            given,
            patronymic,
            patronymic_form,
            script,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_first() {
        let n = PersonName::parse("А. Н. Байтурсынов");
        assert_eq!(n.surname.as_deref(), Some("Байтурсынов"));
        assert_eq!(n.given.as_deref(), Some("А."));
        assert_eq!(n.patronymic.as_deref(), Some("Н."));
        assert!(n.given_is_initial());
    }

    #[test]
    fn kazakh_patronymic() {
        let n = PersonName::parse("Бөкейханов Әлихан Нұрмұхамедұлы");
        assert_eq!(n.patronymic_form, Some(PatronymicForm::Kazakh));
        assert_eq!(n.script, Script::KazakhCyrillic);
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\0'..='\u{2FFF}').chain(['\u{1E9E}', '\u{10400}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn skeleton_merges_romanizations() {
        for (a, b) in [
            ("Мағжан", "Mağjan"),
            ("Магжан", "Magzhan"),
            ("Әлихан", "Alikhan"),
            ("Жүсіпбек", "Zhussipbek"),
            ("Ілияс", "Ilııas"),
            ("Бейімбет", "Beyimbet"),
            ("Шакарим", "Szakarim"),
            ("Міржақып", "Mirjaqyp"),
            ("Санджар", "Sanzhar"),
            ("Жансүгіров", "Jansügırov"),
            ("Евгений", "Yevgeniy"),
            ("Сәдуақасов", "Säduaqassow"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        }
    }

    #[test]
    fn particles_and_clean() {
        assert_eq!(patronymic_form("ұлы"), None);
        assert_eq!(patronymic_form("Бекен қызы"), Some(PatronymicForm::Kazakh));
        assert_eq!(patronymic_form("Асан уулу"), Some(PatronymicForm::Kazakh));
        assert_eq!(patronymic_form("Ильич"), Some(PatronymicForm::Russian));
        assert_eq!(patronymic_form("ИЛЬИЧ."), Some(PatronymicForm::Russian));
        assert_eq!(patronymic_form("Асан UULU"), Some(PatronymicForm::Kazakh));
        assert_eq!(patronymic_form("Ич"), None);
        assert_eq!(patronymic_form("Sergeyevna"), Some(PatronymicForm::Russian));
        assert_eq!(
            patronymic_form("Iwanowitsch"),
            Some(PatronymicForm::Russian)
        );
        assert_eq!(patronymic_form("Юлий"), None);
    }
}
