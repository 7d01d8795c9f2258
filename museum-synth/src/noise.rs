//! The noise of clerks, typists and OCR: which kinds a record carries, typos, confused letters,
//! homoglyphs.

use super::translit::{HOMOGLYPHS, OCR_PAIRS};
use museum_core::rng::Rng;

/// Kinds of noise a record may carry (counted in the summary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Noise {
    KazakhAsRussian,
    Romanized,
    SurnameForm,
    PatronymicConverted,
    PatronymicDropped,
    PatronymicInitial,
    GivenInitial,
    Typo,
    Ocr,
    Homoglyph,
    Capitals,
    Swapped,
    BirthYearShifted,
    BirthMissing,
    DateReduced,
    DateMissing,
}

impl Noise {
    /// Every kind, in summary order.
    pub(crate) const ALL: [Noise; 16] = [
        Noise::KazakhAsRussian,
        Noise::Romanized,
        Noise::SurnameForm,
        Noise::PatronymicConverted,
        Noise::PatronymicDropped,
        Noise::PatronymicInitial,
        Noise::GivenInitial,
        Noise::Typo,
        Noise::Ocr,
        Noise::Homoglyph,
        Noise::Capitals,
        Noise::Swapped,
        Noise::BirthYearShifted,
        Noise::BirthMissing,
        Noise::DateReduced,
        Noise::DateMissing,
    ];

    /// Stable `snake_case` name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Noise::KazakhAsRussian => "kazakh_letters_as_russian",
            Noise::Romanized => "latin_romanization",
            Noise::SurnameForm => "kazakh_surname_form",
            Noise::PatronymicConverted => "patronymic_form_converted",
            Noise::PatronymicDropped => "patronymic_dropped",
            Noise::PatronymicInitial => "patronymic_initial",
            Noise::GivenInitial => "given_name_initial",
            Noise::Typo => "typo",
            Noise::Ocr => "ocr_confusion",
            Noise::Homoglyph => "latin_look_alike_letter",
            Noise::Capitals => "capitals",
            Noise::Swapped => "surname_given_swapped",
            Noise::BirthYearShifted => "birth_year_shifted",
            Noise::BirthMissing => "birth_date_missing",
            Noise::DateReduced => "date_precision_reduced",
            Noise::DateMissing => "event_date_missing",
        }
    }
}

/// A set of [`Noise`] kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NoiseSet(u32);

impl NoiseSet {
    pub(crate) fn add(&mut self, n: Noise) {
        self.0 |= 1 << (n as u8);
    }

    /// Whether `n` is in the set.
    pub(crate) fn has(self, n: Noise) -> bool {
        self.0 & (1 << (n as u8)) != 0
    }
}

/// One typing error in a word: a letter dropped, doubled, swapped with the next, or replaced by
/// a neighbour from the same alphabet. The first letter is kept.
pub(crate) fn typo(rng: &mut Rng, word: &str) -> String {
    let mut cs: Vec<char> = word.chars().collect();
    if cs.len() < 3 {
        return word.to_owned();
    }
    let i = 1 + rng.below(cs.len() - 1);
    match rng.below(4) {
        0 => {
            cs.remove(i);
        }
        1 => cs.insert(i, cs[i]),
        2 if i + 1 < cs.len() => cs.swap(i, i + 1),
        _ => {
            let c = cs[i];
            if !c.is_alphabetic() {
                return word.to_owned();
            }
            let alphabet: &[char] = if museum_core::model::name::is_cyrillic(c) {
                &[
                    'а', 'е', 'и', 'о', 'у', 'ы', 'н', 'т', 'р', 'к', 'л', 'м', 'с', 'в',
                ]
            } else {
                &[
                    'a', 'e', 'i', 'o', 'u', 'y', 'n', 't', 'r', 'k', 'l', 'm', 's', 'v',
                ]
            };
            let mut r = *rng.pick(alphabet);
            if c.is_uppercase() {
                r = r.to_uppercase().next().unwrap_or(r);
            }
            cs[i] = r;
        }
    }
    cs.into_iter().collect()
}

/// One OCR confusion in a word (ш/щ, и/й, е/ё, с/е…), if a confusable letter is in it.
pub(crate) fn ocr(rng: &mut Rng, word: &str) -> Option<String> {
    let cs: Vec<char> = word.chars().collect();
    let spots: Vec<usize> = (0..cs.len())
        .filter(|i| OCR_PAIRS.iter().any(|(a, _)| *a == cs[*i]))
        .collect();
    if spots.is_empty() {
        return None;
    }
    let i = *rng.pick(&spots);
    let with = OCR_PAIRS
        .iter()
        .filter(|(a, _)| *a == cs[i])
        .map(|(_, b)| *b)
        .collect::<Vec<_>>();
    let mut out = cs;
    out[i] = *rng.pick(&with);
    Some(out.into_iter().collect())
}

/// One Cyrillic letter replaced by its Latin look-alike, if the word has one.
pub(crate) fn homoglyph(rng: &mut Rng, word: &str) -> Option<String> {
    let cs: Vec<char> = word.chars().collect();
    let spots: Vec<usize> = (0..cs.len())
        .filter(|i| HOMOGLYPHS.iter().any(|(a, _)| *a == cs[*i]))
        .collect();
    if spots.is_empty() {
        return None;
    }
    let i = *rng.pick(&spots);
    let mut out = cs;
    out[i] = HOMOGLYPHS
        .iter()
        .find(|(a, _)| *a == out[i])
        .map_or(out[i], |(_, b)| *b);
    Some(out.into_iter().collect())
}
