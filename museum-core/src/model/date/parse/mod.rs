//! The parser behind [`HistoricalDate::parse`](super::HistoricalDate::parse).
//!
//! The lowercased text is cut into at most [`MAX_TOKENS`] tokens (numbers, words, single
//! punctuation marks; whitespace dropped) held on the stack, and a small recursive grammar
//! runs over that slice. Every recursive step works on a strictly shorter slice, so the work
//! after tokenizing is bounded by a constant; tokenizing is linear.
mod grammar;
mod lexicon;
mod single;
mod tokens;

use self::grammar::{qualified, season_of};
use self::lexicon::{
    AFTER, APPROX, BEFORE, DECADE, FILLERS, KZ_AFTER, KZ_BEFORE, KZ_CASE, MARKERS, ORDINALS,
    PAIR_SEP, PAIR_START, PLURAL_MARKERS, RANGE_SEP, SEASONS, UNCERTAIN, UNKNOWN, month_name,
    month_word, roman,
};
use self::single::{Parts, finalize, partial, point, year_of};
use self::tokens::{EMPTY, Token, TokenKind, is_space, tokenize};
use super::{
    DateError, DateErrorKind, DatePoint, DateValue, Day, IntervalEnd, Precision, days_in_month,
};

type ParseResult<T> = Result<T, DateError>;

/// Longer (trimmed) text is not a date.
const MAX_BYTES: usize = 256;
/// More tokens than this is not a date.
const MAX_TOKENS: usize = 48;
/// At most this many numbers and month names in one written date.
const MAX_ATOMS: usize = 8;

fn unparseable() -> DateError {
    DateError::new(DateErrorKind::Unparseable)
}

fn reversed() -> DateError {
    DateError::new(DateErrorKind::ReversedInterval)
}

fn is_unparseable(e: &DateError) -> bool {
    matches!(e.kind(), DateErrorKind::Unparseable)
}

// ----------------------------------------------------------------------------------------
// Entry.

pub(super) fn parse_value(text: &str) -> ParseResult<DateValue> {
    let trimmed = text.trim_matches(is_space);
    if trimmed.is_empty() {
        return Ok(DateValue::Unknown);
    }
    if trimmed.len() > MAX_BYTES {
        return Err(unparseable());
    }
    if let Some(v) = plain(trimmed) {
        return Ok(v);
    }
    let lower = trimmed.to_lowercase();
    let mut buf = [EMPTY; MAX_TOKENS];
    let n = tokenize(&lower, &mut buf)?;
    let t = &buf[..n];
    if is_unknown(t) {
        return Ok(DateValue::Unknown);
    }
    any(t)
}

/// [`parse_value`], with the answers for texts other than the plain forms memoized per thread:
/// a list writes the same uncertain dates (`1937?`, `c. 1937`, `ноябрь 1937`) many times, and
/// reading them the long way (lowercasing, tokenizing, the grammar) costs ten times the plain
/// forms. The answer depends on the text alone, so it is the same with or without the memo.
pub(super) fn parse_value_memo(text: &str) -> ParseResult<DateValue> {
    thread_local! {
        static DATES: crate::hash::TextMemo<ParseResult<DateValue>> =
            crate::hash::TextMemo::default();
    }
    // `plain` answers only texts without surrounding spaces, as `parse_value` would.
    if let Some(v) = plain(text) {
        return Ok(v);
    }
    crate::hash::memo(&DATES, text, parse_value)
}

/// The forms most lists are written in — `1937-11-10`, `1937-11`, `1937`, `10.11.1937`,
/// `11.1937`, and the worded ones of [`worded`] (`10 ноября 1937 г.`, `10.XI.1937`) — read without lowercasing and tokenizing (a tenth of the time of reading a list). Only a
/// valid date in years 1000–2999 is answered here; anything else, errors included, goes
/// the long way, which gives the same value (`plain_forms_read_as_the_long_way`).
pub(super) fn plain(text: &str) -> Option<DateValue> {
    fn num(s: &[u8]) -> Option<u32> {
        s.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    }
    let b = text.as_bytes();
    let (year, month, day) = match b.len() {
        4 => (num(b)?, None, None),
        7 if b[4] == b'-' => (num(&b[..4])?, Some(num(&b[5..])?), None),
        10 if b[4] == b'-' && b[7] == b'-' => {
            (num(&b[..4])?, Some(num(&b[5..7])?), Some(num(&b[8..])?))
        }
        7 if b[2] == b'.' => (num(&b[3..])?, Some(num(&b[..2])?), None),
        10 if b[2] == b'.' && b[5] == b'.' => {
            (num(&b[6..])?, Some(num(&b[3..5])?), Some(num(&b[..2])?))
        }
        _ => worded(text)?,
    };
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    let small = |n: u32| u8::try_from(n).ok();
    let point = match (month, day) {
        (None, _) => DatePoint::year(year),
        (Some(m), None) => DatePoint::year_month(year, small(m)?).ok()?,
        (Some(m), Some(d)) => DatePoint::ymd(year, small(m)?, small(d)?).ok()?,
    };
    Some(DateValue::Point(point))
}

/// The worded forms of [`plain`]: `1937 г.`, `10 ноября 1937 г.`, `10 ноября 1937`,
/// `ноябрь 1937`, `10.XI.1937` (Roman months in capital Latin letters). A month is a whole
/// lowercase form of the parser's lexicon, with or without an ending (`ноября`, `ноябрь`);
/// anything else (a capitalised word, an abbreviation) goes the long way.
/// (year, month, day) as written; [`plain`] checks the ranges.
fn worded(text: &str) -> Option<(u32, Option<u32>, Option<u32>)> {
    fn num(s: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
        if !len.contains(&s.len()) {
            return None;
        }
        s.bytes().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    }
    fn month(w: &str) -> Option<u32> {
        FULL_MONTHS
            .get_or_init(full_months)
            .get(w)
            .copied()
            .map(u32::from)
    }
    if let Some(t) = text.strip_suffix(" г.") {
        let mut words = t.split(' ');
        return match (words.next(), words.next(), words.next(), words.next()) {
            (Some(y), None, None, None) => Some((num(y, 4..=4)?, None, None)),
            (Some(d), Some(m), Some(y), None) => {
                Some((num(y, 4..=4)?, Some(month(m)?), Some(num(d, 1..=2)?)))
            }
            _ => None,
        };
    }
    let mut words = text.split(' ');
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(dmy), None, None, None) => {
            // `10.XI.1937`
            let mut parts = dmy.split('.');
            let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || !m.bytes().all(|c| matches!(c, b'I' | b'V' | b'X')) {
                return None;
            }
            let m = roman(&m.to_ascii_lowercase())?;
            Some((num(y, 4..=4)?, Some(u32::from(m)), Some(num(d, 2..=2)?)))
        }
        (Some(m), Some(y), None, None) => Some((num(y, 4..=4)?, Some(month(m)?), None)),
        (Some(d), Some(m), Some(y), None) => {
            Some((num(y, 4..=4)?, Some(month(m)?), Some(num(d, 1..=2)?)))
        }
        _ => None,
    }
}

/// The month words the quick reading knows, for its tests.
#[cfg(test)]
pub(super) fn quick_month_words() -> Vec<String> {
    let mut words: Vec<String> = full_months().into_keys().collect();
    words.sort();
    words
}

/// Every month form and every form with an ending that [`month_name`] reads, with its month:
/// one hash look-up for [`worded`] (`month_name` tries each form in turn). Built from the
/// lexicon, and each entry answered by `month_name` itself, so the two never disagree.
static FULL_MONTHS: std::sync::OnceLock<crate::hash::FxHashMap<String, u8>> =
    std::sync::OnceLock::new();

fn full_months() -> crate::hash::FxHashMap<String, u8> {
    lexicon::MONTHS
        .iter()
        .flat_map(|&(form, _)| {
            std::iter::once(form.to_owned())
                .chain(lexicon::ENDINGS.iter().map(move |e| format!("{form}{e}")))
        })
        .filter_map(|w| month_name(&w).map(|m| (w, m)))
        .collect()
}

/// [`parse_value`] without the quick reading of plain forms.
#[cfg(test)]
pub(super) fn long_way(text: &str) -> ParseResult<DateValue> {
    let lower = text.to_lowercase();
    let mut buf = [EMPTY; MAX_TOKENS];
    let n = tokenize(&lower, &mut buf)?;
    any(&buf[..n])
}

fn is_unknown(mut t: &[Token<'_>]) -> bool {
    while let [rest @ .., last] = t
        && last.is_p('.')
        && !rest.is_empty()
    {
        t = rest;
    }
    UNKNOWN.iter().any(|m| spells(t, m))
}

/// Whether the tokens, concatenated, are exactly `m`.
fn spells(t: &[Token<'_>], m: &str) -> bool {
    let mut rest = m;
    for tok in t {
        match rest.strip_prefix(tok.text) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    !t.is_empty() && rest.is_empty()
}

/// Any date, including EDTF intervals with `/`.
fn any(t: &[Token<'_>]) -> ParseResult<DateValue> {
    let mut slashes = t.iter().enumerate().filter(|(_, x)| x.is_p('/'));
    if let (Some((i, _)), None) = (slashes.next(), slashes.next())
        && !month_slash_year(t)
        && t.first().is_none_or(|x| season_of(x).is_none())
    {
        let left = side(&t[..i], true, true)?;
        let right = side(&t[i + 1..], false, true)?;
        return combine(left, right);
    }
    qualified(t)
}

/// `11/1937`: a month, not an interval.
fn month_slash_year(t: &[Token<'_>]) -> bool {
    matches!(t, [a, s, b, ..] if s.is_p('/') && a.num().is_some_and(|(_, d)| d <= 2) && b.num().is_some())
}

// ----------------------------------------------------------------------------------------
// Qualifiers.

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    uncertain: bool,
    approximate: bool,
}

fn skip_dot<'t, 'a>(t: &'t [Token<'a>]) -> &'t [Token<'a>] {
    match t {
        [d, rest @ ..] if d.is_p('.') => rest,
        _ => t,
    }
}

/// Drops decoration around a date (`г.`, trailing dots, `в`) and collects its qualifiers
/// (`?`, `~`, `%`, `(?)`, `[…]`, `ок.`, `c.`, `предположительно`).
fn strip<'t, 'a>(mut t: &'t [Token<'a>], f: &mut Flags) -> &'t [Token<'a>] {
    loop {
        let len = t.len();
        match t {
            [rest @ .., last] if matches!(last.kind, TokenKind::Punct('.' | ',' | ';' | ':')) => {
                t = rest;
            }
            [rest @ .., last] if last.is_p('?') => {
                f.uncertain = true;
                t = rest;
            }
            [rest @ .., last] if last.is_p('~') => {
                f.approximate = true;
                t = rest;
            }
            [rest @ .., last] if last.is_p('%') => {
                f.uncertain = true;
                f.approximate = true;
                t = rest;
            }
            [rest @ .., o, q, c]
                if q.is_p('?')
                    && ((o.is_p('(') && c.is_p(')')) || (o.is_p('[') && c.is_p(']'))) =>
            {
                f.uncertain = true;
                t = rest;
            }
            [rest @ .., last] if last.is_w(MARKERS) => t = rest,
            // `1937 г.р.` (year of birth).
            [rest @ .., last]
                if last.is_w(&["р"])
                    && skip_dot_end(rest).last().is_some_and(|g| g.is_w(&["г"])) =>
            {
                t = rest;
            }
            // `1930–1940 жылдары`: the plural belongs to the span, not to its end.
            [rest @ .., last]
                if last.is_w(PLURAL_MARKERS)
                    && rest
                        .split_last()
                        .is_some_and(|(_, r)| r.iter().any(is_range_sep)) =>
            {
                t = rest;
            }
            _ => {}
        }
        match t {
            [first, rest @ ..] if first.is_p('~') => {
                f.approximate = true;
                t = rest;
            }
            [first, rest @ ..] if first.is_p('?') => {
                f.uncertain = true;
                t = rest;
            }
            [first, rest @ ..]
                if first.is_w(APPROX)
                    || (first.is_w(&["с"]) && rest.first().is_some_and(|d| d.is_p('.'))) =>
            {
                f.approximate = true;
                t = skip_dot(rest);
            }
            [first, rest @ ..] if first.is_w(UNCERTAIN) => {
                f.uncertain = true;
                t = skip_dot(rest);
            }
            [first, rest @ ..] if first.is_w(FILLERS) => t = rest,
            _ => {}
        }
        if let [o, inner @ .., c] = t
            && o.is_p('[')
            && c.is_p(']')
        {
            f.uncertain = true;
            t = inner;
        }
        if t.len() == len {
            return t;
        }
    }
}

fn skip_dot_end<'t, 'a>(t: &'t [Token<'a>]) -> &'t [Token<'a>] {
    match t {
        [rest @ .., d] if d.is_p('.') => rest,
        _ => t,
    }
}

fn is_range_sep(x: &Token<'_>) -> bool {
    x.is_p('–') || x.is_p('-') || x.is_w(RANGE_SEP)
}

fn apply(v: DateValue, f: Flags) -> DateValue {
    if !f.uncertain && !f.approximate {
        return v;
    }
    let q = |e: IntervalEnd| match e {
        IntervalEnd::Point(p) => IntervalEnd::Point(with_flags(p, f)),
        e => e,
    };
    match v {
        DateValue::Point(p) => DateValue::Point(with_flags(p, f)),
        DateValue::Interval { start, end } => DateValue::Interval {
            start: q(start),
            end: q(end),
        },
        DateValue::Unknown => DateValue::Unknown,
    }
}

fn with_flags(p: DatePoint, f: Flags) -> DatePoint {
    DatePoint {
        uncertain: p.uncertain || f.uncertain,
        approximate: p.approximate || f.approximate,
        ..p
    }
}

fn flags_of(p: &DatePoint) -> Flags {
    Flags {
        uncertain: p.uncertain,
        approximate: p.approximate,
    }
}

// ----------------------------------------------------------------------------------------
// Spans.

/// One side of a span.
#[derive(Debug, Clone, Copy)]
enum Side {
    /// Empty side of an EDTF interval.
    Unknown,
    /// `..`
    Open,
    /// A complete date.
    Value(DateValue),
    /// A start without its year (and maybe month), borrowed from the end: `10` in `10–12 ноября 1937`.
    Partial(Parts, Flags),
    /// A two-digit end year: `38` in `1937–38`.
    Short(u32, Flags),
}

fn side(t: &[Token<'_>], left: bool, slash: bool) -> ParseResult<Side> {
    if slash {
        if t.is_empty() {
            return Ok(Side::Unknown);
        }
        if t.len() >= 2 && t.iter().all(|x| x.is_p('.')) {
            return Ok(Side::Open);
        }
    }
    let mut f = Flags::default();
    let s = strip(t, &mut f);
    if !left
        && let [x] = s
        && let Some((v, 2)) = x.num()
    {
        return Ok(Side::Short(v, f));
    }
    match qualified(t) {
        Ok(DateValue::Unknown) => Err(unparseable()),
        Ok(v) => Ok(Side::Value(v)),
        Err(e) if left && is_unparseable(&e) => {
            partial(s).map(|p| Side::Partial(p, f)).map_err(|_| e)
        }
        Err(e) => Err(e),
    }
}

fn first_end(v: DateValue) -> ParseResult<IntervalEnd> {
    match v {
        DateValue::Point(p) => Ok(IntervalEnd::Point(p)),
        DateValue::Interval { start, .. } => Ok(start),
        DateValue::Unknown => Err(unparseable()),
    }
}

fn last_end(v: DateValue) -> ParseResult<IntervalEnd> {
    match v {
        DateValue::Point(p) => Ok(IntervalEnd::Point(p)),
        DateValue::Interval { end, .. } => Ok(end),
        DateValue::Unknown => Err(unparseable()),
    }
}

fn combine(left: Side, right: Side) -> ParseResult<DateValue> {
    let end = match right {
        Side::Unknown => IntervalEnd::Unknown,
        Side::Open => IntervalEnd::Open,
        Side::Value(v) => last_end(v)?,
        Side::Short(n, f) => {
            let Side::Value(lv) = left else {
                return Err(unparseable());
            };
            let IntervalEnd::Point(p) = first_end(lv)? else {
                return Err(unparseable());
            };
            if p.precision() != Precision::Year {
                return Err(unparseable());
            }
            let year = p.year - p.year.rem_euclid(100) + to_i32(n);
            if year <= p.year {
                return Err(reversed());
            }
            IntervalEnd::Point(with_flags(DatePoint::year(year), f))
        }
        Side::Partial(..) => return Err(unparseable()),
    };
    let start = match left {
        Side::Unknown => IntervalEnd::Unknown,
        Side::Open => IntervalEnd::Open,
        Side::Value(v) => first_end(v)?,
        Side::Partial(mut parts, f) => {
            // The end must be at least as precise as the start it completes: `10–12 ноября`,
            // `ноябрь–декабрь 1937`, but not `10–ноябрь 1937` or `ноябрь–1937`.
            let needed = if parts.day.is_some() {
                Precision::Day
            } else {
                Precision::Month
            };
            let IntervalEnd::Point(e) = end else {
                return Err(unparseable());
            };
            if e.precision() < needed {
                return Err(unparseable());
            }
            parts.year = Some((u32::try_from(e.year).map_err(|_| unparseable())?, 4));
            if parts.month.is_none() {
                parts.month = Some((u32::from(e.month.ok_or_else(unparseable)?), 2));
            }
            IntervalEnd::Point(with_flags(finalize(parts)?, f))
        }
        Side::Short(..) => return Err(unparseable()),
    };
    interval(start, end)
}

/// The point with its qualifiers dropped: the bounds "as written".
fn bare(p: &DatePoint) -> DatePoint {
    DatePoint {
        uncertain: false,
        approximate: false,
        ..*p
    }
}

fn interval(start: IntervalEnd, end: IntervalEnd) -> ParseResult<DateValue> {
    match (&start, &end) {
        (IntervalEnd::Point(s), IntervalEnd::Point(e)) => {
            if bare(s).earliest() > bare(e).latest() {
                return Err(reversed());
            }
        }
        (IntervalEnd::Point(_), _) | (_, IntervalEnd::Point(_)) => {}
        _ => return Err(unparseable()),
    }
    Ok(DateValue::Interval { start, end })
}

fn to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// A month word (name, abbreviation or Roman numeral) as the parser reads it.
#[cfg(test)]
pub(super) fn month_word_for_tests(w: &str) -> Option<u8> {
    month_word(w)
}
