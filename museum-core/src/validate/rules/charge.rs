//! Charges: the criminal-code articles of a case.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::validate::sink::Sink;

rule! {
    /// ## What it checks
    /// A `charge` that mentions numbers but is not a readable list of criminal-code articles.
    /// Accepted forms: `58-10`, `58-1а`, `58-1"а"`, `58 п. 10`, `58, п. 8`, `58.10`, `ст. 58-10`,
    /// `17-58-8` (complicity), `58-10, 58-11`, `58 п. 8, 9`, the compact `58-10-11` (points 10
    /// and 11), romanized `st. 58 p. 10, 11` and `st. 58-10 UK RSFSR`, with `УК РСФСР`,
    /// `УК КазССР` and a description in parentheses; and legal bases that are not articles
    /// (`пост. ЦИК и СНК СССР от 07.08.1932`, `Указ ПВС СССР от 04.06.1947`). The words are
    /// in `museum-core/data/vocab/charge-words.tsv`. Flagged: a dash with no point after it (`58-`), doubled
    /// separators (`58--10`), letters where digits belong (`58-1O` with a Latin `O`), article
    /// numbers that do not exist (`58-15`: article 58 has points 1 to 14; `5810`), and text
    /// that is only punctuation (`###`). Charges written as words (`антисоветская агитация`)
    /// and the usual abbreviations (`КРА`, `АСА`, `ПШ`, `ЧСИР`) are accepted.
    ///
    /// ## Why it matters
    /// Counts by article and searches for `58-10` miss malformed charges, and a damaged charge
    /// often means the row was damaged in other places too.
    ///
    /// ## Example
    /// ```csv
    /// id,surname,charge
    /// v1,Майлин,58--10
    /// ```
    /// `victims.csv:2:charge: warning[M208] charge is not a list of articles: two separators in a
    /// row: `58--10``
    MalformedCharge => MalformedCharge, checks records
}

/// The words of charges by role (`data/vocab/charge-words.tsv`).
#[derive(Default)]
struct Words {
    known: Vec<&'static str>,
    stop: Vec<&'static str>,
    part: Vec<&'static str>,
    point: Vec<&'static str>,
    suffix: Vec<&'static str>,
    basis: Vec<&'static str>,
}

fn words() -> &'static Words {
    static WORDS: std::sync::OnceLock<Words> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = Words::default();
        for line in include_str!("../../../data/vocab/charge-words.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((role, word)) = line.split_once('\t') else {
                continue;
            };
            let list = match role {
                "known" => &mut w.known,
                "stop" => &mut w.stop,
                "part" => &mut w.part,
                "point" => &mut w.point,
                "suffix" => &mut w.suffix,
                "basis" => &mut w.basis,
                _ => continue,
            };
            list.push(word.trim());
        }
        w
    })
}

/// Whether the charge names a legal basis that is not an article of a code (a decree, a
/// resolution, a law: `пост. ЦИК и СНК СССР от 07.08.1932`, `Указ ПВС СССР от 04.06.1947`):
/// its numbers are a date, not articles.
fn is_legal_basis(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| words().basis.iter().any(|b| w.starts_with(b)))
}

/// Checks one charge text (M208).
pub(crate) fn check(text: &str, loc: &Location, sink: &mut Sink<'_>) {
    if !sink.on(Code::MalformedCharge) {
        return;
    }
    if let Some(v) = &sink.cx.options.vocab
        && v.charge.contains_key(&crate::model::vocab::vocab_key(text))
    {
        return;
    }
    if let Some(reason) = problem(text) {
        sink.push(
            Diagnostic::new(
                Code::MalformedCharge,
                format!("charge is not a list of articles: {reason}"),
                loc.with_field("charge"),
            )
            .with_value(text)
            .with_help("write articles as `58-10`, `58 п. 10` or `58-10, 58-11`"),
        );
    }
}

/// Whether `text` is a plain list of articles (`58-10`, `58 п. 8`, `58-1а, 58-11 УК РСФСР`)
/// that is certainly fine: the common case, decided without allocating.
fn plainly_valid(text: &str) -> bool {
    let num = |s: &str, max_len: usize| {
        (1..=max_len).contains(&s.len())
            && !s.starts_with('0')
            && s.bytes().all(|c| c.is_ascii_digit())
    };
    let body = ["УК РСФСР", "УК КазССР", "УК"]
        .iter()
        .find_map(|suffix| text.strip_suffix(suffix))
        .map_or(text, str::trim_end);
    let body = ["ст.ст. ", "ст. ", "ст.", "Art. "]
        .iter()
        .find_map(|prefix| body.strip_prefix(prefix))
        .unwrap_or(body);
    // A letter other than `п`, `с`, `т`, `У`, `К`… left over means the slow path decides.
    !body.is_empty()
        && !body.starts_with(['ч', 'п'])
        && body.split(", ").all(|item| {
            let (article, point) = match item
                .split_once('-')
                .or_else(|| item.split_once(" п. "))
                .or_else(|| item.split_once('.'))
            {
                Some((a, p)) => (a, Some(p)),
                None => (item, None),
            };
            if !num(article, 3) {
                return false;
            }
            let a: u32 = article.parse().unwrap_or(0);
            if a > 300 || matches!(a, 17 | 19) {
                return false;
            }
            let Some(point) = point else { return true };
            let (digits, letter) = match point.char_indices().last() {
                Some((i, c)) if ('а'..='е').contains(&c) => (&point[..i], true),
                _ => (point, false),
            };
            num(digits, 2)
                && digits
                    .parse::<u32>()
                    .is_ok_and(|p| a != 58 || (p <= 14 && (!letter || p == 1)))
        })
}

/// Why `text` is not a readable charge, or `None` when it is.
pub(crate) fn problem(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || plainly_valid(t) {
        return None;
    }
    if !t.chars().any(|c| c.is_ascii_digit()) {
        if t.chars().any(char::is_alphabetic) || matches!(t, "-" | "—" | "–" | "?") {
            return None;
        }
        return Some("no article number".to_owned());
    }
    let lower = t.to_lowercase();
    if is_legal_basis(&lower) {
        return None;
    }
    // Normalise dashes and drop quotes around point letters (`58-1"а"`).
    let norm: String = lower
        .chars()
        .filter(|c| !matches!(c, '"' | '\'' | '«' | '»' | '“' | '”' | '„'))
        .map(|c| match c {
            '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
            _ => c,
        })
        .collect();
    // Descriptions in parentheses are not checked.
    let mut plain = String::with_capacity(norm.len());
    let mut depth = 0usize;
    for c in norm.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => plain.push(' '),
        }
    }
    // `58 п. 8, 9, 11`: an item may be a bare point number after an article.
    let mut seen_article = false;
    for item in split_items(&plain) {
        if let Some(reason) = item_problem(item.trim(), &mut seen_article, t) {
            return Some(reason);
        }
    }
    None
}

/// Splits on `,`, `;`, `|`, `+` and the words `и`, `and`, `және`.
fn split_items(s: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < bytes.len() {
        let (pos, c) = bytes[i];
        if matches!(c, ',' | ';' | '|' | '+') {
            items.push(&s[start..pos]);
            start = pos + c.len_utf8();
        }
        i += 1;
    }
    items.push(&s[start..]);
    items
        .into_iter()
        .flat_map(|it| {
            let mut parts = Vec::new();
            let mut rest = it;
            loop {
                let found = [" и ", " and ", " және "]
                    .iter()
                    .filter_map(|w| rest.find(w).map(|p| (p, w.len())))
                    .min();
                match found {
                    Some((p, n)) => {
                        parts.push(&rest[..p]);
                        rest = &rest[p + n..];
                    }
                    None => {
                        parts.push(rest);
                        break;
                    }
                }
            }
            parts
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Dash,
    Dot,
    Other(char),
}

fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Num(&s[i..end]));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Word(&s[i..end]));
        } else if c == '-' {
            out.push(Tok::Dash);
        } else if c == '.' {
            out.push(Tok::Dot);
        } else if c.is_whitespace() || c == '№' || c == ':' {
            // separators between words and numbers
        } else {
            out.push(Tok::Other(c));
        }
    }
    out
}

/// Checks one item (`ст. 58-10 УК РСФСР`).
fn item_problem(item: &str, seen_article: &mut bool, whole: &str) -> Option<String> {
    let whole = whole.trim();
    if item.is_empty() {
        return if whole.ends_with([',', ';']) || whole.contains(",,") || whole.contains(";;") {
            Some("an empty item between separators".to_owned())
        } else {
            None
        };
    }
    let toks = tokens(item);
    let mut nums: Vec<(u32, Option<char>)> = Vec::new();
    let mut pending_dash = false;
    let mut skip_number = false;
    // After `п.`: a point number must follow.
    let mut want_point = false;
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Num(n) => {
                if skip_number {
                    skip_number = false;
                    i += 1;
                    continue;
                }
                if want_point && nums.is_empty() && !*seen_article {
                    return Some("a point without an article".to_owned());
                }
                want_point = false;
                if n.len() > 3 || (n.len() > 1 && n.starts_with('0')) {
                    return Some(format!("`{n}` is not an article number"));
                }
                let v: u32 = n.parse().unwrap_or(0);
                // A single letter right after a point number: `58-1а`, `58-1 «б»`.
                let mut letter = None;
                if let Some(Tok::Word(w)) = toks.get(i + 1) {
                    let mut cs = w.chars();
                    if let (Some(c), None) = (cs.next(), cs.next())
                        && !matches!(*w, "п" | "ч" | "и" | "p")
                    {
                        // Cyrillic point letters, or their romanizations (`58-1a`, `58-1b`).
                        if !(('а'..='е').contains(&c) || ('a'..='g').contains(&c) || c == 'v') {
                            return Some(format!(
                                "`{n}{w}` has a letter that is not a point letter (а–е)"
                            ));
                        }
                        letter = Some(c);
                        i += 1;
                    }
                }
                nums.push((v, letter));
                pending_dash = false;
            }
            Tok::Dash => {
                if pending_dash {
                    return Some("two separators in a row".to_owned());
                }
                if nums.is_empty() {
                    return Some("a dash before any article".to_owned());
                }
                pending_dash = true;
            }
            Tok::Dot => {
                if pending_dash {
                    return Some("two separators in a row".to_owned());
                }
            }
            Tok::Word(w) => {
                if pending_dash && !words().suffix.contains(w) {
                    return Some("a dash without a point after it".to_owned());
                }
                pending_dash = false;
                if words().stop.contains(w) {
                    break;
                }
                if words().point.contains(w) {
                    want_point = true;
                } else if words().part.contains(w) {
                    skip_number = true;
                } else if !words().known.contains(w) && w.chars().count() < 4 {
                    return Some(format!("unexpected `{w}`"));
                }
            }
            Tok::Other(c) => return Some(format!("unexpected `{c}`")),
        }
        i += 1;
    }
    if pending_dash {
        return Some("it ends with a dash".to_owned());
    }
    if want_point {
        return Some("`п.` without a point number".to_owned());
    }
    if nums.is_empty() {
        return None;
    }
    // Complicity or attempt (`17-58-8`, `19-58-8`): the article is the second number.
    let nums: &[(u32, Option<char>)] =
        if nums.len() >= 2 && matches!(nums[0].0, 17 | 19) && nums[1].0 > 19 {
            &nums[1..]
        } else {
            &nums
        };
    let (article, article_letter) = nums[0];
    if nums.len() == 1 && *seen_article && article <= 14 && article_letter.is_none() {
        // A bare point after an earlier article: `58 п. 8, 9`.
        return None;
    }
    if article == 0 || article > 300 {
        return Some(format!("`{article}` is not an article number"));
    }
    if nums.len() > 2 {
        // The compact form of several points of one article: `58-10-11` is `58-10, 58-11`.
        let points_ok = nums[1..]
            .iter()
            .all(|&(p, l)| (1..=14).contains(&p) && (l.is_none() || p == 1));
        if article != 58 || !points_ok {
            return Some(format!(
                "`{}` has too many numbers for one article",
                item.trim()
            ));
        }
        *seen_article = true;
        return None;
    }
    if let Some(&(point, letter)) = nums.get(1) {
        if point == 0 {
            return Some(format!("`{}` has point 0", item.trim()));
        }
        if article == 58 && point > 14 {
            return Some(format!(
                "article 58 has no point {point} (it has points 1 to 14)"
            ));
        }
        if let (58, Some(l)) = (article, letter)
            && point != 1
        {
            return Some(format!(
                "article 58 has lettered points only under point 1 (`58-1а`), not `58-{point}{l}`"
            ));
        }
    }
    *seen_article = true;
    None
}

impl crate::validate::rules::RecordRule for MalformedCharge {
    fn victim(
        rec: &crate::io::Located<crate::model::Victim>,
        _: &crate::validate::world::World,
        sink: &mut Sink<'_>,
        _: &mut crate::validate::world::Facts,
    ) {
        for c in &rec.record.cases {
            if let Some(ch) = &c.charge {
                check(ch, &rec.location, sink);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_forms() {
        for t in [
            "58-10",
            "58-11",
            "58-10, 58-11",
            "58 п. 10",
            "58, п. 8, 58, п. 9, 58, п. 11 УК РСФСР",
            "58 п. 8, 58 п. 9, 58 п. 11 УК РСФСР",
            "58-1а",
            "58-1\"а\"",
            "58-1 «б»",
            "58-10 ч.1 УК РСФСР 1926 г.",
            "58-бап 10-тармақ",
            "19-58-8",
            "58.10",
            "ст. 58-10",
            "ст.ст. 58-2, 58-8, 58-10, 58-11",
            "17-58-8",
            "58-10 (антисоветская агитация)",
            "58-10 ч. 1",
            "58 п. 8, 9, 11",
            "58-2 и 58-11",
            "59-3",
            "КРА",
            "антисоветская агитация",
            "-",
            "58-10 УК КазССР",
            "Art. 58-1a",
            "58-1b",
            "58-10, 58-11 УК РСФСР",
            // Forms of other archives (issue 16): compact points, romanized, other bases.
            "58-10-11",
            "58-2-7-11",
            "st. 58 p. 10, 11",
            "st. 58-10 UK RSFSR",
            "пост. ЦИК и СНК СССР от 07.08.1932",
            "Указ ПВС СССР от 04.06.1947",
            "закон 7-8",
            "ст. 109 УК РСФСР",
            "ст. 59-3 УК РСФСР",
        ] {
            assert_eq!(problem(t), None, "{t}");
        }
    }

    #[test]
    fn flags_garbage() {
        for t in [
            "58-",
            "58--10",
            "-10",
            "58-1O",
            "58-15",
            "5810",
            "58-10-15",
            "58-10-11-",
            "###",
            "58-10,,58-11",
            "58-10 xq",
            "58-10 %",
            "58-0",
            "058-10",
            "58-10б",
        ] {
            assert!(problem(t).is_some(), "{t}");
        }
        assert_eq!(problem("58--10").unwrap(), "two separators in a row");
        assert_eq!(
            problem("58-15").unwrap(),
            "article 58 has no point 15 (it has points 1 to 14)"
        );
    }
}
