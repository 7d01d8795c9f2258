//! The grammar over tokens: qualifiers, open ends, seasons, decades and spans of two dates.

use super::{
    AFTER, BEFORE, DECADE, DatePoint, DateValue, Flags, IntervalEnd, KZ_AFTER, KZ_BEFORE, KZ_CASE,
    PAIR_SEP, PAIR_START, PLURAL_MARKERS, ParseResult, Precision, RANGE_SEP, SEASONS, Token, any,
    apply, combine, first_end, flags_of, interval, is_unparseable, last_end, point, side, skip_dot,
    strip, unparseable, with_flags, year_of,
};

/// A date with its qualifiers.
pub(super) fn qualified(t: &[Token<'_>]) -> ParseResult<DateValue> {
    let mut f = Flags::default();
    let t = strip(t, &mut f);
    if t.is_empty() {
        return Err(unparseable());
    }
    core(t).map(|v| apply(v, f))
}

pub(super) fn core(t: &[Token<'_>]) -> ParseResult<DateValue> {
    if let Some(v) = pair_range(t) {
        return v;
    }
    if let Some(v) = open_end(t) {
        return v;
    }
    if let Some(v) = season(t) {
        return v;
    }
    if let Some(v) = decade(t) {
        return v;
    }
    if let Some(i) = t.iter().position(|x| x.is_p('–') || x.is_w(RANGE_SEP))
        && i > 0
        && i + 1 < t.len()
    {
        if t[i + 1..].iter().any(|x| x.is_p('–') || x.is_w(RANGE_SEP)) {
            return Err(unparseable());
        }
        return combine(
            side(&t[..i], true, false)?,
            side(&t[i + 1..], false, false)?,
        );
    }
    match point(t) {
        Err(e) if is_unparseable(&e) => {
            // `1937-1938`, `ноябрь-декабрь 1937`: one hyphen between two dates.
            let mut hyphens = t.iter().enumerate().filter(|(_, x)| x.is_p('-'));
            if let (Some((i, _)), None) = (hyphens.next(), hyphens.next())
                && i > 0
                && i + 1 < t.len()
            {
                let split = side(&t[..i], true, false)
                    .and_then(|l| Ok((l, side(&t[i + 1..], false, false)?)))
                    .and_then(|(l, r)| combine(l, r));
                return match split {
                    Err(e2) if is_unparseable(&e2) => Err(e),
                    other => other,
                };
            }
            Err(e)
        }
        other => other,
    }
}

pub(super) fn starts_with_words(t: &[Token<'_>], phrase: &[&str]) -> bool {
    t.len() >= phrase.len() && t.iter().zip(phrase).all(|(x, w)| x.word() == Some(*w))
}

/// `с 1937 по 1938`, `from 1937 to 1938`, `between 1937 and 1938`, `от 1930 до 1933`.
pub(super) fn pair_range(t: &[Token<'_>]) -> Option<ParseResult<DateValue>> {
    let first = t.first()?;
    if !first.is_w(PAIR_START) {
        return None;
    }
    let i = t
        .iter()
        .skip(2)
        .position(|x| x.is_w(PAIR_SEP) || x.is_p('–'))?
        + 2;
    if i + 1 >= t.len() || t[i + 1..].iter().any(|x| x.is_w(PAIR_SEP) || x.is_p('–')) {
        return Some(Err(unparseable()));
    }
    Some(side(&t[1..i], true, false).and_then(|l| combine(l, side(&t[i + 1..], false, false)?)))
}

/// `до 1938`, `после 1930`, `не позднее 1938`, `1938 жылға дейін`.
pub(super) fn open_end(t: &[Token<'_>]) -> Option<ParseResult<DateValue>> {
    for (phrases, before) in [(BEFORE, true), (AFTER, false)] {
        if let Some(p) = phrases.iter().find(|p| starts_with_words(t, p)) {
            let rest = skip_dot(&t[p.len()..]);
            if rest.is_empty() {
                return Some(Err(unparseable()));
            }
            return Some(open(qualified(rest), before));
        }
    }
    let [rest @ .., last] = t else { return None };
    let before = last.is_w(KZ_BEFORE);
    if !before && !last.is_w(KZ_AFTER) {
        return None;
    }
    let rest = kz_case(rest);
    if rest.is_empty() {
        return Some(Err(unparseable()));
    }
    // `1930 жылдан 1933 жылға дейін`: from … until ….
    if before
        && let Some(i) = rest.iter().position(|x| x.is_w(&["жылдан"]))
        && i > 0
        && i + 1 < rest.len()
    {
        return Some(
            side(&rest[..i], true, false)
                .and_then(|l| combine(l, side(&rest[i + 1..], false, false)?)),
        );
    }
    Some(open(qualified(rest), before))
}

pub(super) fn kz_case<'t, 'a>(t: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let t = match t {
        [rest @ .., w] if w.is_w(KZ_CASE) => rest,
        _ => t,
    };
    match t {
        [rest @ .., d] if d.is_p('-') => rest,
        _ => t,
    }
}

pub(super) fn open(v: ParseResult<DateValue>, before: bool) -> ParseResult<DateValue> {
    let v = v?;
    if before {
        let p @ IntervalEnd::Point(_) = first_end(v)? else {
            return Err(unparseable());
        };
        interval(IntervalEnd::Open, p)
    } else {
        let p @ IntervalEnd::Point(_) = last_end(v)? else {
            return Err(unparseable());
        };
        interval(p, IntervalEnd::Open)
    }
}

pub(super) fn season_of(x: &Token<'_>) -> Option<usize> {
    SEASONS.iter().position(|words| x.is_w(words))
}

/// `весна 1938`, `spring 1938`, `1938 жылдың көктемі`, `зима 1937/38`.
pub(super) fn season(t: &[Token<'_>]) -> Option<ParseResult<DateValue>> {
    let (s, rest) = if let [first, rest @ ..] = t
        && let Some(s) = season_of(first)
    {
        (s, rest)
    } else if let [rest @ .., last] = t
        && let Some(s) = season_of(last)
    {
        (s, rest)
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some(Err(unparseable()));
    }
    Some(any(rest).and_then(|v| season_value(s, v)))
}

pub(super) fn season_value(s: usize, v: DateValue) -> ParseResult<DateValue> {
    let months = |y: i32, a: u8, b: u8, fa: Flags, fb: Flags| {
        interval(
            IntervalEnd::Point(with_flags(DatePoint::year_month(y, a)?, fa)),
            IntervalEnd::Point(with_flags(DatePoint::year_month(y, b)?, fb)),
        )
    };
    match v {
        DateValue::Point(p) if p.precision() == Precision::Year => {
            let f = flags_of(&p);
            match s {
                0 => months(p.year, 3, 5, f, f),
                1 => months(p.year, 6, 8, f, f),
                2 => months(p.year, 9, 11, f, f),
                // Which winter "winter 1938" means is ambiguous: the whole year holds both.
                _ => months(p.year, 1, 12, f, f),
            }
        }
        DateValue::Interval {
            start: IntervalEnd::Point(a),
            end: IntervalEnd::Point(b),
        } if s == 3
            && a.precision() == Precision::Year
            && b.precision() == Precision::Year
            && b.year == a.year + 1 =>
        {
            interval(
                IntervalEnd::Point(with_flags(DatePoint::year_month(a.year, 12)?, flags_of(&a))),
                IntervalEnd::Point(with_flags(DatePoint::year_month(b.year, 2)?, flags_of(&b))),
            )
        }
        _ => Err(unparseable()),
    }
}

/// `1930-е`, `1930-х`, `1930s`, `1930's`, `1930er`, `1930 жылдары`.
pub(super) fn decade(t: &[Token<'_>]) -> Option<ParseResult<DateValue>> {
    let (n, w) = match t {
        [n, w] => (n, w),
        [n, sep, w] if sep.is_p('-') || sep.is_p('\'') => (n, w),
        _ => return None,
    };
    let (v, d) = n.num()?;
    if !w.is_w(DECADE) {
        return None;
    }
    let plural = w.is_w(PLURAL_MARKERS);
    Some(year_of((v, d)).and_then(|y| {
        if y % 10 != 0 {
            // `1937 жылдары` is just the year; `1937-е` is nothing.
            return if plural {
                Ok(DateValue::Point(DatePoint::year(y)))
            } else {
                Err(unparseable())
            };
        }
        interval(
            IntervalEnd::Point(DatePoint::year(y)),
            IntervalEnd::Point(DatePoint::year(y + 9)),
        )
    }))
}
