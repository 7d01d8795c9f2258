//! Normalization of the free-text values statistics group by: charge articles, nationalities,
//! sentencing bodies, places and regions.
//!
//! Counting raw text would split one value into many (`58-10`, `58 п. 10`, `ст. 58-10 УК РСФСР`;
//! `казах`, `Казах`, `казах.`). These functions map such spellings to one key. They are pure,
//! deterministic and conservative: they fold spelling and layout, never meaning (`казашка` stays
//! apart from `казах`; `ВКВС` is not expanded).

/// Criminal-code articles named in a charge, normalized to `article-point` (`58-10`, `58-1а`),
/// a bare article (`162`), or one of the letter codes of extrajudicial bodies (`КРД`, `СОЭ`,
/// `ЧСИР`…). Duplicates are removed; order of first mention is kept.
///
/// Understood spellings: `58-10`, `58–10`, `58/10`, `58.10`, `58 п. 10`, `58, п. 8`,
/// `ст. 58 пп. 2, 8, 11`, `58-2, 8, 11` (bare numbers up to 14 after a point of article 58 are
/// further points of 58), `58-10 ч. 1` (the part is dropped), `58-1а`, `УК РСФСР` and `ст.` are
/// ignored. Numbers above 999 (years) are ignored.
///
/// ```
/// use museum_core::stats::normalize_articles;
/// assert_eq!(normalize_articles("58-10"), ["58-10"]);
/// assert_eq!(normalize_articles("58 п. 10"), ["58-10"]);
/// assert_eq!(normalize_articles("58, п. 8, 58, п. 9, 58, п. 11 УК РСФСР"), ["58-8", "58-9", "58-11"]);
/// assert_eq!(normalize_articles("ст. 58-2, 8, 11"), ["58-2", "58-8", "58-11"]);
/// assert_eq!(normalize_articles("КРД"), ["КРД"]);
/// assert_eq!(normalize_articles("58-10-11"), ["58-10", "58-11"]);
/// assert!(normalize_articles("пост. ЦИК и СНК СССР от 07.08.1932").is_empty());
/// assert!(normalize_articles("неизвестно").is_empty());
/// ```
pub fn normalize_articles(charge: &str) -> Vec<String> {
    let tokens = tokenize(charge);
    let mut out: Vec<String> = Vec::new();
    let push = |s: String, out: &mut Vec<String>| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    // The article the last point belonged to, for `58-2, 8, 11` and `пп. 2, 8`.
    let mut current: Option<u32> = None;
    // Inside a point list (`пп. 2, 8, 11` or after `58-2`): bare small numbers are points.
    let mut in_points = false;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Tok::Num(n, suffix) => {
                let n = *n;
                // A date (`07.08.1932` in `пост. ЦИК и СНК СССР от 07.08.1932`) is not an
                // article, as validation reads it (M208).
                if let (
                    Some(Tok::Dash),
                    Some(Tok::Num(m, None)),
                    Some(Tok::Dash),
                    Some(Tok::Num(y, None)),
                ) = (
                    tokens.get(i + 1),
                    tokens.get(i + 2),
                    tokens.get(i + 3),
                    tokens.get(i + 4),
                ) && (1..=31).contains(&n)
                    && (1..=12).contains(m)
                    && (1000..=2100).contains(y)
                {
                    in_points = false;
                    i += 5;
                    continue;
                }
                // `58-10`, `58/10`, `58.10`
                if let (Some(Tok::Dash), Some(Tok::Num(p, ps))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    push(point(n, *p, *ps), &mut out);
                    current = Some(n);
                    in_points = true;
                    i += 3;
                    continue;
                }
                // `58 п. 10`, `58, п. 8`, `58 пп. 2, 8`
                let mut j = i + 1;
                while matches!(tokens.get(j), Some(Tok::Comma)) {
                    j += 1;
                }
                if matches!(tokens.get(j), Some(Tok::Point))
                    && let Some(Tok::Num(p, ps)) = tokens.get(j + 1)
                {
                    push(point(n, *p, *ps), &mut out);
                    current = Some(n);
                    in_points = true;
                    i = j + 2;
                    continue;
                }
                // Points of article 58 run from 1 to 14; a bare number up to 14 inside a point
                // list is one more point of the same article.
                if in_points
                    && let Some(a) = current
                    && n <= 14
                {
                    push(point(a, n, *suffix), &mut out);
                    i += 1;
                    continue;
                }
                if n <= 999 {
                    let mut s = n.to_string();
                    if let Some(c) = suffix {
                        s.push(*c);
                    }
                    push(s, &mut out);
                    current = Some(n);
                }
                in_points = false;
                i += 1;
            }
            Tok::Point => {
                // `п. 10` after an article already seen (`58 ч. 1 п. 10` or `п. 10 ст. 58`).
                if let (Some(a), Some(Tok::Num(p, ps))) = (current, tokens.get(i + 1)) {
                    // The bare article was pushed before; replace it by the point.
                    let bare = a.to_string();
                    out.retain(|s| *s != bare);
                    push(point(a, *p, *ps), &mut out);
                    in_points = true;
                    i += 2;
                } else {
                    in_points = true;
                    i += 1;
                }
            }
            Tok::Part => {
                // `ч. 1`: skip the part number.
                i += if matches!(tokens.get(i + 1), Some(Tok::Num(..))) {
                    2
                } else {
                    1
                };
            }
            Tok::Code(c) => {
                push((*c).to_owned(), &mut out);
                in_points = false;
                i += 1;
            }
            Tok::Comma | Tok::Dash => i += 1,
            Tok::Word => {
                in_points = false;
                i += 1;
            }
        }
    }
    out
}

fn point(article: u32, point: u32, suffix: Option<char>) -> String {
    let mut s = format!("{article}-{point}");
    if let Some(c) = suffix {
        s.push(c);
    }
    s
}

/// Letter codes of charges used by troikas and the OSO.
const LETTER_CODES: &[&str] = &[
    "КРД", "КРТД", "КРА", "АСА", "СОЭ", "СВЭ", "ПШ", "ЧСИР", "ШД", "КРО", "КРТ",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A number with an optional one-letter suffix (`1а`).
    Num(u32, Option<char>),
    /// `-`, `–`, `/`, or a `.` between digits.
    Dash,
    /// `п.`, `пп.`, `пункт`, `p.`
    Point,
    /// `ч.`, `часть`
    Part,
    /// `,`, `;`, `и`
    Comma,
    /// A letter code (`КРД`).
    Code(&'static str),
    /// Any other word.
    Word,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let n = digits.parse::<u32>().unwrap_or(u32::MAX);
            // A one-letter suffix glued to the number (`58-1а`), not the start of a word.
            let suffix = match (chars.get(i), chars.get(i + 1)) {
                (Some(&l), next)
                    if is_suffix_letter(l) && next.is_none_or(|n| !n.is_alphabetic()) =>
                {
                    i += 1;
                    Some(match l {
                        'a' | 'A' | 'А' => 'а',
                        'b' | 'B' | 'Б' => 'б',
                        'в' | 'В' => 'в',
                        other => other,
                    })
                }
                _ => None,
            };
            out.push(Tok::Num(n, suffix));
        } else if matches!(c, '-' | '–' | '—' | '/') {
            out.push(Tok::Dash);
            i += 1;
        } else if c == '.' {
            let between_digits = i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if between_digits {
                out.push(Tok::Dash);
            }
            i += 1;
        } else if matches!(c, ',' | ';' | '+' | '&') {
            out.push(Tok::Comma);
            i += 1;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let low = word.to_lowercase();
            let tok = match low.as_str() {
                "п" | "пп" | "пункт" | "пункта" | "пунктам" | "пунктов" | "p" | "pt" | "тармақ" => {
                    Tok::Point
                }
                "ч" | "часть" | "части" | "бөлім" => Tok::Part,
                "и" | "and" | "және" => Tok::Comma,
                _ => {
                    let up = word.to_uppercase();
                    match LETTER_CODES.iter().find(|c| **c == up) {
                        Some(c) => Tok::Code(c),
                        None => Tok::Word,
                    }
                }
            };
            out.push(tok);
        } else {
            i += 1;
        }
    }
    out
}

fn is_suffix_letter(c: char) -> bool {
    matches!(c, 'а' | 'б' | 'в' | 'А' | 'Б' | 'В' | 'a' | 'b' | 'A' | 'B')
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

/// A nationality as a key: spaces collapsed, a trailing dot dropped, lower case with a capital
/// first letter (`КАЗАХ`, ` казах.` → `Казах`). `None` for empty text.
///
/// ```
/// use museum_core::stats::normalize_nationality;
/// assert_eq!(normalize_nationality(" КАЗАХ. ").as_deref(), Some("Казах"));
/// assert_eq!(normalize_nationality("қазақ").as_deref(), Some("Қазақ"));
/// ```
pub fn normalize_nationality(s: &str) -> Option<String> {
    let c = clean(s);
    let c = c.trim_end_matches('.').trim();
    if c.is_empty() {
        return None;
    }
    Some(upper_first(&c.to_lowercase()))
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
    let has = |part: &str, markers: &[&str]| {
        part.split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            markers.contains(&w.as_str())
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
    fn articles() {
        let cases: &[(&str, &[&str])] = &[
            ("58-10", &["58-10"]),
            ("58–10", &["58-10"]),
            ("58/10", &["58-10"]),
            ("58.10", &["58-10"]),
            ("58 п. 10", &["58-10"]),
            ("58 п.10", &["58-10"]),
            ("ст. 58 п. 10 УК РСФСР", &["58-10"]),
            ("58-10, 58-11", &["58-10", "58-11"]),
            ("58-10 58-11", &["58-10", "58-11"]),
            ("58-2, 8, 11", &["58-2", "58-8", "58-11"]),
            ("58 пп. 2, 8, 11", &["58-2", "58-8", "58-11"]),
            ("58-10 ч. 1", &["58-10"]),
            ("58-10 ч.1, 58-11", &["58-10", "58-11"]),
            ("58-1а", &["58-1а"]),
            ("58-1a", &["58-1а"]),
            ("58-1б", &["58-1б"]),
            ("58-10, 162", &["58-10", "162"]),
            ("59-3", &["59-3"]),
            ("162", &["162"]),
            ("58-10 и 58-11", &["58-10", "58-11"]),
            ("КРД", &["КРД"]),
            ("крд, соэ", &["КРД", "СОЭ"]),
            ("ЧСИР", &["ЧСИР"]),
            ("58-10, 58-10", &["58-10"]),
            ("58-10УК", &["58-10"]),
            ("обвинён в 1937 г.", &[]),
            ("", &[]),
            ("контрреволюционная агитация", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(normalize_articles(text), *want, "{text}");
        }
    }

    #[test]
    fn nationalities_and_bodies() {
        assert_eq!(normalize_nationality("казах").as_deref(), Some("Казах"));
        assert_eq!(normalize_nationality("Казах").as_deref(), Some("Казах"));
        assert_eq!(normalize_nationality("казашка").as_deref(), Some("Казашка"));
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
