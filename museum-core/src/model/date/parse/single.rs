//! Single dates: numeric (`10.11.1937`, `1937-11-10`), with month names (`10 ноября 1937`),
//! partial ones, and the Old Style / New Style pairs (`11 (23) июля 1858`).

use super::{
    DateError, DateErrorKind, DatePoint, DateValue, Day, FILLERS, IntervalEnd, MARKERS, MAX_ATOMS,
    ORDINALS, PLURAL_MARKERS, ParseResult, Token, TokenKind, days_in_month, interval, month_word,
    to_i32, unparseable,
};
use crate::model::date::calendar::{jdn_gregorian, jdn_julian};

/// Year, month and day as written: (value, digit count). Month names count as 1 digit.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Parts {
    pub(super) year: Option<(u32, u8)>,
    pub(super) month: Option<(u32, u8)>,
    pub(super) day: Option<(u32, u8)>,
}

pub(super) fn year_of((v, d): (u32, u8)) -> ParseResult<i32> {
    match d {
        4 if (1000..=2999).contains(&v) => Ok(to_i32(v)),
        3 | 4 => Err(DateError::new(DateErrorKind::YearOutOfRange {
            year: i64::from(v),
        })),
        _ => Err(unparseable()),
    }
}

pub(super) fn month_num((v, d): (u32, u8)) -> ParseResult<u8> {
    if d > 2 {
        return Err(unparseable());
    }
    u8::try_from(v)
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| DateError::new(DateErrorKind::MonthOutOfRange { month: v }))
}

pub(super) fn day_num((v, d): (u32, u8)) -> ParseResult<u8> {
    if d > 2 {
        return Err(unparseable());
    }
    u8::try_from(v).map_err(|_| unparseable())
}

/// Checks the parts against the (Gregorian) calendar.
pub(super) fn finalize(p: Parts) -> ParseResult<DatePoint> {
    let y = year_of(p.year.ok_or_else(unparseable)?)?;
    let Some(m) = p.month else {
        return if p.day.is_some() {
            Err(unparseable())
        } else {
            Ok(DatePoint::year(y))
        };
    };
    let m = month_num(m)?;
    match p.day {
        None => DatePoint::year_month(y, m),
        Some(d) => DatePoint::ymd(y, m, day_num(d)?),
    }
}

pub(super) fn point(t: &[Token<'_>]) -> ParseResult<DateValue> {
    if let Some(v) = numeric(t) {
        return v;
    }
    named(t).map(DateValue::Point)
}

pub(super) fn year_point(a: (u32, u8)) -> ParseResult<DateValue> {
    year_of(a).map(|y| DateValue::Point(DatePoint::year(y)))
}

pub(super) fn years(a: u32, b: u32) -> ParseResult<DateValue> {
    let (a, b) = (year_of((a, 4))?, year_of((b, 4))?);
    interval(
        IntervalEnd::Point(DatePoint::year(a)),
        IntervalEnd::Point(DatePoint::year(b)),
    )
}

/// All-digit forms: EDTF/ISO, `10.11.1937`, `10/11/1937`, `11.1937`, `193X`. `None` when the
/// tokens are not of such a shape.
pub(super) fn numeric(t: &[Token<'_>]) -> Option<ParseResult<DateValue>> {
    match t {
        [a] => Some(year_point(a.num()?)),
        [m, a] if m.is_p('-') => {
            // EDTF negative year.
            let (v, d) = a.num()?;
            (d == 4).then(|| {
                Err(DateError::new(DateErrorKind::YearOutOfRange {
                    year: -i64::from(v),
                }))
            })
        }
        [a, x] if a.end == x.start => {
            // EDTF unspecified digits: `193X`, `19XX`.
            match (a.num()?, x.word()?) {
                ((v, 3), "x") => Some(years(v * 10, v * 10 + 9)),
                ((v, 2), "xx") => Some(years(v * 100, v * 100 + 99)),
                _ => None,
            }
        }
        [a, s, b] => {
            let a = a.num()?;
            match s.kind {
                TokenKind::Punct('-') if a.1 == 4 => {
                    if b.is_w(&["xx"]) {
                        return Some(year_point(a));
                    }
                    let b = b.num()?;
                    (b.1 == 2).then(|| year_dash(a, b))
                }
                TokenKind::Punct('.' | '/') => {
                    let b = b.num()?;
                    if a.1 <= 2 {
                        Some(
                            finalize(Parts {
                                year: Some(b),
                                month: Some(a),
                                day: None,
                            })
                            .map(DateValue::Point),
                        )
                    } else if a.1 == 4 && b.1 <= 2 {
                        Some(
                            finalize(Parts {
                                year: Some(a),
                                month: Some(b),
                                day: None,
                            })
                            .map(DateValue::Point),
                        )
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        [a, s1, b, s2, c, rest @ ..] => {
            let (TokenKind::Punct(c1), TokenKind::Punct(c2)) = (s1.kind, s2.kind) else {
                return None;
            };
            if c1 != c2 || !matches!(c1, '.' | '/' | '-') {
                return None;
            }
            let a = a.num()?;
            if c1 == '-' && a.1 == 4 && rest.is_empty() && c.is_w(&["xx"]) {
                // EDTF `1937-11-XX`, `1937-XX-XX`.
                return Some(if b.is_w(&["xx"]) {
                    year_point(a)
                } else {
                    match b.num() {
                        Some(m) if m.1 == 2 => finalize(Parts {
                            year: Some(a),
                            month: Some(m),
                            day: None,
                        })
                        .map(DateValue::Point),
                        _ => Err(unparseable()),
                    }
                });
            }
            let (b, c) = (b.num()?, c.num()?);
            if !rest.is_empty() && !is_time(rest) {
                return None;
            }
            let parts = if a.1 == 4 {
                if c1 == '-' && (b.1 != 2 || c.1 != 2) {
                    return None;
                }
                Parts {
                    year: Some(a),
                    month: Some(b),
                    day: Some(c),
                }
            } else if a.1 <= 2 && b.1 <= 2 {
                Parts {
                    year: Some(c),
                    month: Some(b),
                    day: Some(a),
                }
            } else {
                return None;
            };
            Some(finalize(parts).map(DateValue::Point))
        }
        _ => None,
    }
}

/// `YYYY-NN`: a month for `01`–`12`, else a span of years within the century (`1937-38`).
pub(super) fn year_dash(a: (u32, u8), b: (u32, u8)) -> ParseResult<DateValue> {
    let y = year_of(a)?;
    match b.0 {
        1..=12 => finalize(Parts {
            year: Some(a),
            month: Some(b),
            day: None,
        })
        .map(DateValue::Point),
        n => {
            let end = y - y.rem_euclid(100) + to_i32(n);
            if n == 0 || end <= y {
                return Err(DateError::new(DateErrorKind::MonthOutOfRange { month: n }));
            }
            interval(
                IntervalEnd::Point(DatePoint::year(y)),
                IntervalEnd::Point(DatePoint::year(end)),
            )
        }
    }
}

/// An ISO time after a date: `T00:00:00`, `10:30`, `T10:30:00.000Z`, `T10:30+06:00`.
pub(super) fn is_time(t: &[Token<'_>]) -> bool {
    let (t, has_t) = match t {
        [w, rest @ ..] if w.is_w(&["t"]) => (rest, true),
        _ => (t, false),
    };
    let [h, rest @ ..] = t else { return false };
    let mut t = rest;
    if !h.num().is_some_and(|(v, d)| d == 2 && v <= 24) {
        return false;
    }
    let mut parts = 0;
    while parts < 2
        && let [c, m, rest @ ..] = t
        && c.is_p(':')
        && m.num().is_some_and(|(v, d)| d == 2 && v <= 60)
    {
        t = rest;
        parts += 1;
    }
    if parts == 0 && !has_t {
        return false;
    }
    if let [dot, frac, rest @ ..] = t
        && (dot.is_p('.') || dot.is_p(','))
        && frac.num().is_some()
    {
        t = rest;
    }
    match t {
        [] => true,
        [z] => z.is_w(&["z"]),
        [s, h, rest @ ..] if s.is_p('+') || s.is_p('-') => match rest {
            [] => h.num().is_some_and(|(_, d)| d == 2 || d == 4),
            [c, m] => {
                h.num().is_some_and(|(_, d)| d == 2)
                    && c.is_p(':')
                    && m.num().is_some_and(|(_, d)| d == 2)
            }
            _ => false,
        },
        _ => false,
    }
}

/// A number or a month in a written date.
#[derive(Debug, Clone, Copy)]
pub(super) enum Atom {
    N(u32, u8),
    M(u8),
}

/// Whether the word at `i` is an ordinal ending written onto the number before it
/// (`10th`, `10-го`), as opposed to a Roman month after a space (`10 І 1937`).
pub(super) fn is_ordinal(seg: &[Token<'_>], i: usize) -> bool {
    let tok = &seg[i];
    if !tok.is_w(ORDINALS) {
        return false;
    }
    match i.checked_sub(1).map(|j| &seg[j]) {
        Some(p) if p.num().is_some() => p.end == tok.start,
        Some(p) if p.is_p('-') => i >= 2 && seg[i - 2].num().is_some(),
        _ => false,
    }
}

/// The numbers and months of the segments, decoration dropped.
pub(super) fn atoms(segments: &[&[Token<'_>]], out: &mut [Atom; MAX_ATOMS]) -> ParseResult<usize> {
    let mut n = 0;
    for seg in segments {
        for (i, tok) in seg.iter().enumerate() {
            // The nearest earlier token that is not a dot or comma.
            let after = seg[..i]
                .iter()
                .rev()
                .find(|x| !matches!(x.kind, TokenKind::Punct('.' | ',')));
            let atom = match tok.kind {
                TokenKind::Num(v, d) => Some(Atom::N(v, d)),
                // Dots and commas only after a number or word, one at a time.
                TokenKind::Punct('.' | ',')
                    if i > 0 && !matches!(seg[i - 1].kind, TokenKind::Punct(_)) =>
                {
                    None
                }
                // `10-го`, and `10-XI-1937` / `ноябрь-1937` (a hyphen between two parts).
                TokenKind::Punct('-')
                    if i > 0
                        && i + 1 < seg.len()
                        && !matches!(seg[i - 1].kind, TokenKind::Punct(_))
                        && !matches!(seg[i + 1].kind, TokenKind::Punct(_)) =>
                {
                    None
                }
                TokenKind::Punct(_) => return Err(unparseable()),
                TokenKind::Word => {
                    if is_ordinal(seg, i) {
                        None
                    } else if let Some(m) = month_word(tok.text) {
                        Some(Atom::M(m))
                    } else if (tok.is_w(MARKERS) || tok.is_w(PLURAL_MARKERS))
                        && after.is_some_and(|x| x.num().is_some())
                    {
                        // `1937 г.`, `1937 жылғы 10 қараша`: a year word right after the year.
                        None
                    } else if tok.is_w(FILLERS) {
                        None
                    } else {
                        return Err(unparseable());
                    }
                }
            };
            if let Some(a) = atom {
                *out.get_mut(n).ok_or_else(unparseable)? = a;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Year, month and day from the atoms of a date with a month name.
pub(super) fn full_parts(a: &[Atom]) -> ParseResult<Parts> {
    use Atom::{M, N};
    let p = |y: (u32, u8), m: u8, d: Option<(u32, u8)>| Parts {
        year: Some(y),
        month: Some((u32::from(m), 1)),
        day: d,
    };
    match *a {
        [N(y, yd)] => Ok(Parts {
            year: Some((y, yd)),
            month: None,
            day: None,
        }),
        [M(m), N(y, yd)] | [N(y, yd), M(m)] => Ok(p((y, yd), m, None)),
        [N(a, ad), M(m), N(b, bd)] => {
            if ad <= 2 {
                Ok(p((b, bd), m, Some((a, ad))))
            } else {
                Ok(p((a, ad), m, Some((b, bd))))
            }
        }
        [M(m), N(d, dd), N(y, yd)] | [N(y, yd), N(d, dd), M(m)] => Ok(p((y, yd), m, Some((d, dd)))),
        _ => Err(unparseable()),
    }
}

/// A date with a month name or Roman month, possibly with an Old Style (New Style) pair.
pub(super) fn named(t: &[Token<'_>]) -> ParseResult<DatePoint> {
    let mut outer = [Atom::M(0); MAX_ATOMS];
    if let Some(i) = t.iter().position(|x| x.is_p('(')) {
        let j = t
            .iter()
            .position(|x| x.is_p(')'))
            .filter(|&j| j > i)
            .ok_or_else(unparseable)?;
        let no = atoms(&[&t[..i], &t[j + 1..]], &mut outer)?;
        let mut inner = [Atom::M(0); MAX_ATOMS];
        let ni = atoms(&[&t[i + 1..j]], &mut inner)?;
        return dual(&outer[..no], &inner[..ni]);
    }
    let n = atoms(&[t], &mut outer)?;
    if !outer[..n].iter().any(|a| matches!(a, Atom::M(_))) && n > 1 {
        return Err(unparseable());
    }
    finalize(full_parts(&outer[..n])?)
}

/// The start of a span without its year: `10`, `ноябрь`, `10 ноября`, `10.11`.
pub(super) fn partial(t: &[Token<'_>]) -> ParseResult<Parts> {
    if let [a, dot, b] = t
        && dot.is_p('.')
        && let (Some(d), Some(m)) = (a.num(), b.num())
        && d.1 <= 2
        && m.1 <= 2
    {
        return Ok(Parts {
            year: None,
            month: Some(m),
            day: Some(d),
        });
    }
    let mut buf = [Atom::M(0); MAX_ATOMS];
    let n = atoms(&[t], &mut buf)?;
    match buf[..n] {
        [Atom::N(d, dd)] if dd <= 2 => Ok(Parts {
            year: None,
            month: None,
            day: Some((d, dd)),
        }),
        [Atom::M(m)] => Ok(Parts {
            year: None,
            month: Some((u32::from(m), 1)),
            day: None,
        }),
        [Atom::N(d, dd), Atom::M(m)] | [Atom::M(m), Atom::N(d, dd)] if dd <= 2 => Ok(Parts {
            year: None,
            month: Some((u32::from(m), 1)),
            day: Some((d, dd)),
        }),
        _ => Err(unparseable()),
    }
}

/// `11 (23) июля 1858`, `20 октября (2 ноября) 1917`, `31 декабря 1899 (12 января 1900)`,
/// `20 декабря (1 января) 1900`: the Gregorian day. The written order may also be New Style
/// (Old Style); the Julian reading is the one that is earlier in the calendar.
pub(super) fn dual(outside: &[Atom], inside: &[Atom]) -> ParseResult<DatePoint> {
    let o = full_parts(outside)?;
    if o.day.is_none() {
        return Err(unparseable());
    }
    let (i, shared_year) = match *inside {
        [Atom::N(d, dd)] => (
            Parts {
                day: Some((d, dd)),
                ..o
            },
            true,
        ),
        [Atom::N(d, dd), Atom::M(m)] | [Atom::M(m), Atom::N(d, dd)] => (
            Parts {
                day: Some((d, dd)),
                month: Some((u32::from(m), 1)),
                ..o
            },
            true,
        ),
        _ => (full_parts(inside)?, false),
    };
    if i.day.is_none() {
        return Err(unparseable());
    }
    // With one year written for both, the Old Style date may be in the year before the New
    // Style one (`20 декабря (1 января) 1900`).
    let shifts: &[(i64, i64)] = if shared_year {
        &[(0, 0), (-1, 0), (0, 1)]
    } else {
        &[(0, 0)]
    };
    for &(old_shift, new_shift) in shifts {
        if let Some(p) = same_day(shift_year(o, old_shift), shift_year(i, new_shift)) {
            return Ok(p);
        }
        if let Some(p) = same_day(shift_year(i, old_shift), shift_year(o, new_shift)) {
            return Ok(p);
        }
    }
    let j = julian(o)?;
    let g = finalize(i)?;
    Err(DateError::new(DateErrorKind::StyleMismatch {
        julian: j,
        gregorian: day_of(&g),
    }))
}

/// The Gregorian point when `old` (Julian) and `new` (Gregorian) are valid and the same day.
pub(super) fn same_day(old: Parts, new: Parts) -> Option<DatePoint> {
    let j = julian(old).ok()?;
    let g = finalize(new).ok()?;
    (jdn_julian(j) == jdn_gregorian(day_of(&g))).then_some(g)
}

pub(super) fn shift_year(p: Parts, by: i64) -> Parts {
    let year = p
        .year
        .map(|(v, d)| (u32::try_from(i64::from(v) + by).unwrap_or(0), d));
    Parts { year, ..p }
}

pub(super) fn day_of(p: &DatePoint) -> Day {
    Day {
        year: p.year,
        month: p.month.unwrap_or(1),
        day: p.day.unwrap_or(1),
    }
}

/// Checks the parts against the Julian calendar (every fourth year is a leap year).
pub(super) fn julian(p: Parts) -> ParseResult<Day> {
    let year = year_of(p.year.ok_or_else(unparseable)?)?;
    let month = month_num(p.month.ok_or_else(unparseable)?)?;
    let (d, _) = p.day.ok_or_else(unparseable)?;
    let len = if month == 2 && year % 4 == 0 {
        29
    } else {
        days_in_month(year, month)
    };
    let day = day_num((d, 2)).ok().filter(|d| (1..=len).contains(d));
    let day = day.ok_or_else(|| {
        DateError::new(DateErrorKind::DayOutOfRange {
            year,
            month,
            day: d,
        })
    })?;
    Ok(Day { year, month, day })
}
