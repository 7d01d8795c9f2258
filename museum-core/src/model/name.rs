//! Personal names in Kazakh Cyrillic, Russian Cyrillic and Latin: [`PersonName`].
//!
//! Archival lists write names in archival order (`Фамилия Имя Отчество`), Western order
//! (`Alikhan Bukeikhanov`), with initials (`А. Н. Байтурсынов`, `Baitursynov A.`), and with
//! Russian (`-ович/-овна`) or Kazakh (`-ұлы/-қызы`) patronymics. A [`PersonName`] keeps the
//! original text and its parts as written; comparison keys live in the dedup/normalize modules.

use std::fmt;

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
        for c in text.chars().filter(|c| c.is_alphabetic()) {
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
    /// Russian `-ович/-евич/-овна/-евна/-ич/-инична` (and Latin `-ovich/-ovna`).
    Russian,
    /// Kazakh `-ұлы/-улы/-uly` (son of) or `-қызы/-кызы/-qyzy` (daughter of).
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

    /// Whether the given name is only an initial (`А.`, `A`).
    pub fn given_is_initial(&self) -> bool {
        self.given.as_deref().is_some_and(is_initial)
    }

    /// Whether nothing is known of the name.
    pub fn is_empty(&self) -> bool {
        self.original.trim().is_empty()
    }
}

impl fmt::Display for PersonName {
    /// The original text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

/// Whether a name part is an initial: one letter, optionally followed by a dot
/// (also digraph initials such as `Zh.`, `Sh.`, `Ch.`).
pub fn is_initial(part: &str) -> bool {
    let t = part.trim();
    let core = t.strip_suffix('.').unwrap_or(t);
    let n = core.chars().count();
    if n == 1 {
        return core.chars().all(char::is_alphabetic);
    }
    t.ends_with('.')
        && n == 2
        && ["zh", "sh", "ch", "kh", "dz", "ts", "yu", "ya"].contains(&core.to_lowercase().as_str())
}

/// The patronymic form of a word, if it is one (`Нурмухамедович` → Russian, `Нұрмұхамедұлы` → Kazakh).
pub fn patronymic_form(word: &str) -> Option<PatronymicForm> {
    let w = word.trim().to_lowercase();
    if is_initial(&w) {
        return Some(PatronymicForm::Initial);
    }
    const RU: [&str; 8] = [
        "ович", "евич", "овна", "евна", "ична", "ovich", "evich", "ovna",
    ];
    const RU2: [&str; 3] = ["evna", "ichna", "ьич"];
    const KZ: [&str; 10] = [
        "ұлы", "улы", "uly", "ūly", "uli", "ulı", "қызы", "кызы", "qyzy", "kyzy",
    ];
    if RU.iter().chain(RU2.iter()).any(|s| w.ends_with(s)) {
        Some(PatronymicForm::Russian)
    } else if KZ
        .iter()
        .any(|s| w.ends_with(s) && w.chars().count() > s.chars().count() + 1)
    {
        Some(PatronymicForm::Kazakh)
    } else {
        None
    }
}

mod parse {
    //! The parser behind [`PersonName::parse`](super::PersonName::parse).
    use super::{PersonName, Script, is_initial, patronymic_form};

    /// Splits a text into name words; initials glued together (`А.Н.`) are separated.
    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for w in text.split(|c: char| c.is_whitespace() || c == ',') {
            if w.is_empty() {
                continue;
            }
            // `А.Н.` → `А.`, `Н.`
            let pieces: Vec<&str> = w.split_inclusive('.').collect();
            if pieces.len() > 1 && pieces.iter().all(|p| is_initial(p)) {
                out.extend(pieces.into_iter().map(str::to_owned));
            } else {
                out.push(w.to_owned());
            }
        }
        out
    }

    pub(super) fn parse_full(text: &str) -> PersonName {
        let ws = words(text);
        let mut n = PersonName {
            original: text.to_owned(),
            script: Script::detect(text),
            ..PersonName::default()
        };
        let initial_flags: Vec<bool> = ws.iter().map(|w| is_initial(w)).collect();
        match ws.len() {
            0 => {}
            1 => n.surname = Some(ws[0].clone()),
            _ => {
                let lead_initials = initial_flags.iter().take_while(|f| **f).count();
                if lead_initials > 0 && lead_initials < ws.len() {
                    // `А. Н. Байтурсынов`: initials then surname.
                    n.given = Some(ws[0].clone());
                    if lead_initials >= 2 {
                        n.patronymic = Some(ws[1].clone());
                    }
                    n.surname = Some(ws[lead_initials..].join(" "));
                } else if initial_flags[1..].iter().all(|f| *f) {
                    // `Байтурсынов А. Н.` / `Baitursynov A.`
                    n.surname = Some(ws[0].clone());
                    n.given = Some(ws[1].clone());
                    n.patronymic = ws.get(2).cloned();
                } else if ws.len() >= 3 && patronymic_form(&ws[2]).is_some() {
                    // Archival order: Фамилия Имя Отчество.
                    n.surname = Some(ws[0].clone());
                    n.given = Some(ws[1].clone());
                    n.patronymic = Some(ws[2..].join(" "));
                } else if ws.len() == 3 && patronymic_form(&ws[1]).is_some() {
                    // Western order with patronymic: Имя Отчество Фамилия.
                    n.given = Some(ws[0].clone());
                    n.patronymic = Some(ws[1].clone());
                    n.surname = Some(ws[2].clone());
                } else if ws.len() == 2 && matches!(n.script, Script::Latin) {
                    // Latin two-word names are mostly Western order: Given Surname.
                    n.given = Some(ws[0].clone());
                    n.surname = Some(ws[1].clone());
                } else {
                    // Cyrillic lists use archival order: Surname Given [rest].
                    n.surname = Some(ws[0].clone());
                    n.given = Some(ws[1].clone());
                    if ws.len() > 2 {
                        n.patronymic = Some(ws[2..].join(" "));
                    }
                }
            }
        }
        n.patronymic_form = n.patronymic.as_deref().and_then(patronymic_form);
        n
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
}
