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
    PatronymicForm, PersonName, Script, has_surname_morphology, is_common_given_name, is_initial,
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
        &w[..=end.len()]
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
            if word.chars().any(char::is_numeric) {
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
        && !text[s..].chars().any(char::is_numeric)
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
            Some(last) if is_particle(&u.text) && !is_initial(&last.text) && !last.comma_after => {
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
    } else {
        i32::from(
            ["bek", "gul"]
                .iter()
                .any(|e| sk.len() > e.len() + 2 && sk.ends_with(e)),
        )
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
