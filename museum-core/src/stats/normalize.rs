//! Normalization of the free-text values statistics group by: charge articles, nationalities,
//! sentencing bodies, places and regions.
//!
//! Counting raw text would split one value into many (`58-10`, `58 п. 10`, `ст. 58-10 УК РСФСР`;
//! `казах`, `Казах`, `казах.`). These functions map such spellings to one key. They are pure,
//! deterministic and conservative: they fold spelling and layout, never meaning (`ВКВС` is not
//! expanded); nationalities and charges use the one vocabulary and grammar matching and
//! validation use (`казашка` and `Kazakh` are `Казах`).

/// Criminal-code articles named in a charge, normalized to `article-point` (`58-10`, `58-1а`),
/// a bare article (`162`), or one of the letter codes of extrajudicial bodies (`КРД`, `СОЭ`,
/// `ЧСИР`…). Duplicates are removed; order of first mention is kept.
///
/// The charge is read with the one charge grammar ([`crate::model::charge`]), the one
/// validation uses: a charge validation flags (M208: `58/10`, `58--10`, `58-15`) names no
/// article here either, and is not counted by article.
///
/// ```
/// use museum_core::stats::normalize_articles;
/// assert_eq!(normalize_articles("58-10"), ["58-10"]);
/// assert_eq!(normalize_articles("58 п. 10"), ["58-10"]);
/// assert_eq!(normalize_articles("58, п. 8, 58, п. 9, 58, п. 11 УК РСФСР"), ["58-8", "58-9", "58-11"]);
/// assert_eq!(normalize_articles("ст. 58-2, 8, 11"), ["58-2", "58-8", "58-11"]);
/// assert_eq!(normalize_articles("КРД"), ["КРД"]);
/// assert_eq!(normalize_articles("58-10-11"), ["58-10", "58-11"]);
/// assert!(normalize_articles("58/10").is_empty());
/// assert!(normalize_articles("пост. ЦИК и СНК СССР от 07.08.1932").is_empty());
/// assert!(normalize_articles("неизвестно").is_empty());
/// ```
pub fn normalize_articles(charge: &str) -> Vec<String> {
    crate::model::charge::articles(charge)
}

/// Collapses runs of whitespace to one space and trims; drops a trailing `.` or `,`.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';']).trim_end().to_owned()
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A nationality as a key: the one nationality vocabulary
/// ([`crate::normalize::nationality_name`]): `казах`, `Казашка`, `қазақ`, `Kazakh` → `Казах`;
/// one not in the table with spaces collapsed, a trailing dot dropped, lower case with a capital
/// first letter. `None` for empty text.
///
/// ```
/// use museum_core::stats::normalize_nationality;
/// assert_eq!(normalize_nationality(" КАЗАХ. ").as_deref(), Some("Казах"));
/// assert_eq!(normalize_nationality("қазақ").as_deref(), Some("Казах"));
/// ```
pub fn normalize_nationality(s: &str) -> Option<String> {
    crate::normalize::nationality_name(s)
}

/// A sentencing or rehabilitating body as a key: spaces collapsed, a trailing dot dropped, the
/// first letter capitalised; abbreviations keep their case (`тройка при УНКВД` →
/// `Тройка при УНКВД`).
///
/// ```
/// use museum_core::stats::normalize_body;
/// assert_eq!(normalize_body("  тройка  при УНКВД ").as_deref(), Some("Тройка при УНКВД"));
/// ```
pub fn normalize_body(s: &str) -> Option<String> {
    let c = clean(s);
    let c = c.trim_end_matches('.').trim();
    (!c.is_empty()).then(|| upper_first(c))
}

/// The kind of a sentencing body (`troika`, `special_board`, `court`…, `unrecognised`), by the
/// built-in vocabulary ([`BodyKind`](crate::model::vocab::BodyKind)). `None` for empty text.
///
/// ```
/// use museum_core::stats::sentencing_body_kind;
/// assert_eq!(sentencing_body_kind("Особое совещание при НКВД").as_deref(), Some("special_board"));
/// assert_eq!(sentencing_body_kind("тройка УНКВД").as_deref(), Some("troika"));
/// ```
pub fn sentencing_body_kind(s: &str) -> Option<String> {
    crate::model::vocab::BodyKind::of(s, None).map(|k| k.as_str().to_owned())
}

/// A place as a key: spaces collapsed, first letter capitalised.
pub fn normalize_place(s: &str) -> Option<String> {
    let c = clean(s);
    let c = c.trim();
    (!c.is_empty()).then(|| upper_first(c))
}

/// The region part of a place (`Актюбинская обл., Иргиз` → `Актюбинская обл.`): the first
/// comma-separated part naming an oblast, region, gubernia, krai or ASSR. `None` when no part
/// does (a bare village name does not tell its region).
///
/// ```
/// use museum_core::stats::region_of;
/// assert_eq!(region_of("Актюбинская обл., Иргиз").as_deref(), Some("Актюбинская обл."));
/// assert_eq!(region_of("Иргиз, Актюбинская область").as_deref(), Some("Актюбинская обл."));
/// assert_eq!(region_of("Түркістан облысы, Сайрам ауданы").as_deref(), Some("Түркістан облысы"));
/// assert_eq!(region_of("Иргиз"), None);
/// ```
pub fn region_of(place: &str) -> Option<String> {
    // Regions first; a uezd or okrug (a district) only when no region is named.
    const REGIONS: &[&str] = &[
        "обл",
        "область",
        "области",
        "облысы",
        "губ",
        "губерния",
        "губернии",
        "край",
        "region",
        "oblast",
        "province",
        "асср",
    ];
    const DISTRICTS: &[&str] = &["уезд", "округ", "окр"];
    let parts: Vec<&str> = place.split([',', ';', '(', ')']).collect();
    // A word is a marker when, its punctuation trimmed, it is one in lower case (compared a
    // character at a time: a long tail of distinct places is most of a summary's time, and a
    // lowered copy of every word was most of that).
    let has = |part: &str, markers: &[&str]| {
        part.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            markers
                .iter()
                .any(|m| w.chars().flat_map(char::to_lowercase).eq(m.chars()))
        })
    };
    let part = parts
        .iter()
        .find(|p| has(p, REGIONS))
        .or_else(|| parts.iter().find(|p| has(p, DISTRICTS)))?;
    let joined = part
        .split_whitespace()
        .map(|w| {
            let bare = w.trim_end_matches('.').to_lowercase();
            match bare.as_str() {
                "область" | "обл" => "обл.".to_owned(),
                "губерния" | "губ" => "губ.".to_owned(),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(upper_first(&joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nationalities_and_bodies() {
        assert_eq!(normalize_nationality("казах").as_deref(), Some("Казах"));
        assert_eq!(normalize_nationality("Казах").as_deref(), Some("Казах"));
        assert_eq!(normalize_nationality("казашка").as_deref(), Some("Казах"));
        assert_eq!(
            normalize_nationality("дунганин").as_deref(),
            Some("Дунганин")
        );
        assert_eq!(normalize_nationality("  "), None);
        assert_eq!(normalize_body("ВКВС СССР.").as_deref(), Some("ВКВС СССР"));
        assert_eq!(
            normalize_body("Тройка  при\tУНКВД").as_deref(),
            Some("Тройка при УНКВД")
        );
        assert_eq!(normalize_place(" аул  №7 ").as_deref(), Some("Аул №7"));
    }

    #[test]
    fn regions() {
        assert_eq!(
            region_of("Семипалатинская губерния, Каркаралинский уезд").as_deref(),
            Some("Семипалатинская губ.")
        );
        assert_eq!(
            region_of("South Kazakhstan region, Sairam").as_deref(),
            Some("South Kazakhstan region")
        );
        assert_eq!(region_of(""), None);
        assert_eq!(
            region_of("Карагандинская область").as_deref(),
            Some("Карагандинская обл.")
        );
        assert_eq!(
            region_of("Кустанайский уезд, Тургайская обл.").as_deref(),
            Some("Тургайская обл.")
        );
        assert_eq!(
            region_of("Каркаралинский уезд").as_deref(),
            Some("Каркаралинский уезд")
        );
    }
}
