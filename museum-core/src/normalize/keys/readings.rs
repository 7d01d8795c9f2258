//! Other readings of Latin-written name parts (German, Polish, ISO 9, BGN/PCGN conventions) and
//! the Korean surname table: the extra phonetic codes of [`super::PartKeys`].

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{PartKind, patronymic_stem, surname_stem};
use crate::normalize::translit::fold_word_into;

/// Other readings of a Latin word: written the German or Polish way, `j` is й
/// (`Jelena` = Елена, `Asfendijarow` = Асфендияров, `Johann` = Иоганн), and an initial
/// `St`/`Sp` is шт/шп (`Stumpf` = Штумпф); in the 2021 Kazakh alphabet `j` is ж everywhere
/// (`Ajbek` = Ажбек); in BGN/PCGN `ng` is ң (`Zhangabayev` = Жаңабаев); in German `ch` is х.
/// The fold reads `j` before a vowel as ж and after one as й, `St` as ст, `ng` as нг and `ch`
/// as ч; these give the stems of the other readings, for extra phonetic codes.
pub(super) fn german_readings(normalized: &str, stem: &str, kind: PartKind) -> Vec<String> {
    let mut out = Vec::new();
    let mut reading = |text: String| {
        let mut folded = String::new();
        fold_word_into(&text.replace(' ', ""), &mut folded);
        out.push(match kind {
            PartKind::Surname => surname_stem(&folded),
            PartKind::Patronymic => patronymic_stem(&folded),
            PartKind::Given => folded,
        });
    };
    // A Polish word (ł, ż, ś…, `cz`, `sz`, `rz`) read the Polish way first: it is a whole
    // other convention, not one letter.
    if let Some(p) = polish_reading(normalized) {
        reading(p);
    }
    // ISO 9, the scholarly system and Czech write ц as `c` (`Coj` = Цой, `Cimmerman`); the
    // fold reads `c` before a/o/u as ч (`Cokay` = Чокай).
    if let Some(t) = c_as_ts(normalized) {
        reading(t);
    }
    // English and French `tch` is ч (`Tchaikovsky`, `-ovitch`).
    if normalized.contains("tch") && !normalized.contains("tsch") {
        reading(normalized.replace("tch", "ch"));
    }
    // Every combination of the readings, the most common first.
    let mut texts = vec![normalized.to_owned()];
    if normalized.contains('j') {
        texts = texts
            .into_iter()
            .flat_map(|t| [t.replace('j', "y"), t.replace('j', "zh"), t])
            .collect();
    }
    if normalized.contains("ng") {
        texts = texts
            .into_iter()
            .flat_map(|t| [t.clone(), t.replace("ng", "n")])
            .collect();
    }
    // German `sz` is з + ц (`Basza` = Базца), not the Polish ш; German `dsch` may be д + ш
    // (`Badscha` = Бадша) as well as дж, and `stsch` з + ч (`Bastscha` = Базча) as well as сч.
    for (from, to) in [("sz", "ss"), ("dsch", "dsh"), ("stsch", "ztsch")] {
        if normalized.contains(from) {
            texts = texts
                .into_iter()
                .flat_map(|t| [t.clone(), t.replace(from, to)])
                .collect();
        }
    }
    // German `ch` is х: folded as `kh`, it joins a consonant before it as the Cyrillic does
    // (`Apcha` = Апха, folded `afa`).
    if normalized.replace("sch", "").contains("ch") {
        texts = texts
            .into_iter()
            .flat_map(|t| [t.clone(), ch_as_kh(&t)])
            .collect();
    }
    for t in texts.into_iter().filter(|t| t != normalized) {
        reading(t);
    }
    let w = normalized.as_bytes();
    if (w.starts_with(b"st") || w.starts_with(b"sp"))
        && let Some(rest) = stem.strip_prefix('s')
    {
        out.push(format!("sh{rest}"));
    }
    out
}

/// The Polish reading of a Latin word, when it shows a Polish letter or digraph (ł ż ź ś ć ń ą ę
/// ó, `cz`, `sz`, `rz`): `rz` is ж (after a consonant рж, as Russian writes `Krzyżanowski` =
/// Кржижановский), `ch` is х, `c` is ц, `w` is в, `j` is й, `ó` is у, and `ie` after a consonant
/// is е (`Wiśniewski` = Вишневский, `Mickiewicz` = Мицкевич, `Jerzy` = Ежи).
pub(super) fn polish_reading(word: &str) -> Option<String> {
    let marked = word
        .chars()
        .any(|c| matches!(c, 'ł' | 'ż' | 'ź' | 'ś' | 'ć' | 'ń' | 'ą' | 'ę' | 'ó'))
        || ["cz", "sz", "rz"].iter().any(|d| word.contains(d));
    if !marked || word.chars().any(crate::model::name::is_cyrillic) {
        return None;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'ó' | 'ą' | 'ę');
    let cs: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len() + 4);
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let next = cs.get(i + 1).copied();
        let after_consonant = i > 0 && !vowel(cs[i - 1]);
        match (c, next) {
            ('r', Some('z')) => {
                out.push_str(if after_consonant { "rż" } else { "ż" });
                i += 2;
                continue;
            }
            ('c' | 's', Some('z')) => {
                out.push(c);
                out.push('z');
                i += 2;
                continue;
            }
            ('c', Some('h')) => {
                out.push_str("kh");
                i += 2;
                continue;
            }
            ('c', _) => out.push_str("ts"),
            ('w', _) => out.push('v'),
            ('j', _) => out.push('y'),
            ('ó', _) => out.push('u'),
            ('i', Some('e')) if after_consonant => {}
            _ => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

/// The word with `c` read as ц where the fold reads it otherwise (before a consonant other than
/// `h`, `z`, `k`, or before a/o/u), not after `s`; `None` when there is no such `c`.
pub(super) fn c_as_ts(word: &str) -> Option<String> {
    let cs: Vec<char> = word.chars().collect();
    let mut changed = false;
    let mut out = String::with_capacity(word.len() + 2);
    for (i, &c) in cs.iter().enumerate() {
        let next = cs.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|p| cs[p]);
        if c == 'c'
            && prev != Some('s')
            && !matches!(next, Some('h' | 'z' | 'k' | 'e' | 'i' | 'y'))
            && next.is_some()
        {
            out.push_str("ts");
            changed = true;
        } else {
            out.push(c);
        }
    }
    changed.then_some(out)
}

/// A line of the Korean surname table: its canonical key and the folded form of its first
/// (Cyrillic) spelling, which gives every spelling of the line its keys.
#[derive(Debug)]
pub(super) struct KoreanSurname {
    key: &'static str,
    pub(super) cyrillic: String,
}

/// The Korean surnames of `data/korean-surnames.tsv`: normalized spelling → its line.
pub(super) fn korean_surnames() -> &'static HashMap<String, KoreanSurname> {
    static TABLE: &str = include_str!("../../../data/korean-surnames.tsv");
    static MAP: OnceLock<HashMap<String, KoreanSurname>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let Some((key, spellings)) = line.split_once('\t') else {
                continue;
            };
            if key.starts_with('#') {
                continue;
            }
            let mut cyrillic = String::new();
            if let Some(first) = spellings.split_whitespace().next() {
                fold_word_into(&crate::normalize::normalize_text(first), &mut cyrillic);
            }
            for s in spellings.split_whitespace() {
                map.insert(
                    crate::normalize::normalize_text(s),
                    KoreanSurname {
                        key,
                        cyrillic: cyrillic.clone(),
                    },
                );
            }
        }
        map
    })
}

/// The canonical key of a one-word surname written exactly one of the ways of a line of the
/// Korean surname table (`Park`, `Pak`, `Bak`, `ПАК` → `park`). Spellings are compared after
/// [`crate::normalize::normalize_text`] but before folding, which would join `Chan` (German for Хан) and
/// `Tschan` (German for Чан).
///
/// ```
/// use museum_core::normalize::korean_surname;
/// assert_eq!(korean_surname("Цой"), Some("choi"));
/// assert_eq!(korean_surname("CHOE"), Some("choi"));
/// assert_eq!(korean_surname("Bak"), korean_surname("Park"));
/// assert_eq!(korean_surname("Хван"), Some("hwang"));
/// assert_ne!(korean_surname("Chan"), korean_surname("Tschan"));
/// assert_eq!(korean_surname("Иванов"), None);
/// ```
pub fn korean_surname(written: &str) -> Option<&'static str> {
    korean_surnames()
        .get(&crate::normalize::normalize_text(written))
        .map(|k| k.key)
}

/// `ch` (not in `sch`/`tsch`) written `kh`.
fn ch_as_kh(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'c' && chars.peek() == Some(&'h') && prev != Some('s') {
            out.push('k');
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}
