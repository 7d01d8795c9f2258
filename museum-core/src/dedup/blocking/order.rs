//! The sorted neighbourhoods of large blocks: the two orders a block above the cap is sorted
//! in, and the sort texts they compare (see the module documentation of [`super`]).

use super::super::compare::Prepared;
use super::{Block, FLAG, Rule, key_rule};
use crate::hash::hash_parts;

/// The sorted neighbourhoods of a block above the cap: its members in two orders, each with the
/// sub-block of every member (a hash of the order's first two fields; 0 when one is unknown) and
/// every member's place in the order (by its place in [`Block::members`]).
pub(super) struct Orders(pub(super) [Order; 2]);

pub(super) struct Order {
    pub(super) members: Vec<u32>,
    pub(super) sub: Vec<u64>,
    pub(super) place: Vec<u32>,
}

/// A block's members sorted in the two orders of its rule (see [`window_key_into`]), with the
/// buffers of `scratch`.
pub(super) fn orders_of(p: &Prepared, b: &Block, scratch: &mut OrderScratch) -> Orders {
    let rule = key_rule(b.key);
    let st = &p.strings;
    orders_by(b, scratch, |m, order, buf| {
        let i = (b.members[m] & !FLAG) as usize;
        let Some(name) = p.names_of(i).first() else {
            return 0;
        };
        let part =
            |k: usize| name.parts[k].map_or("", |x| st.get(if k == 1 { x.folded } else { x.stem }));
        let fields = [part(0), part(1), part(2)];
        window_key_into(fields, p.recs[i].birth_year, rule, order, buf)
    })
}

/// The buffers a large block's orders are sorted with, reused from block to block.
#[derive(Default)]
pub(super) struct OrderScratch {
    /// The members' sort texts, one after the other.
    text: Vec<u8>,
    /// Where each member's text ends in `text`.
    ends: Vec<u32>,
    /// Each member's sub-block.
    subs: Vec<u64>,
    /// (the first 8 bytes of the text, member), sorted.
    order: Vec<(u64, u32)>,
}

/// A block's members sorted in two orders: `key_into(member, order, text)` appends the sort text
/// of the order of the block's `member`th member to `text` and returns its sub-block. Members sort by text, then
/// sub-block, then member.
pub(super) fn orders_by(
    b: &Block,
    scratch: &mut OrderScratch,
    key_into: impl Fn(usize, usize, &mut Vec<u8>) -> u64,
) -> Orders {
    let n = b.members.len();
    Orders([0, 1].map(|o| {
        let OrderScratch {
            text,
            ends,
            subs,
            order,
        } = &mut *scratch;
        text.clear();
        ends.clear();
        subs.clear();
        order.clear();
        for m in 0..n {
            let start = text.len();
            subs.push(key_into(m, o, text));
            ends.push(text.len() as u32);
            // The first 8 bytes, big-endian and padded with zeros: a lower prefix is a lower
            // text, equal prefixes fall back to the whole texts.
            let mut head = [0u8; 8];
            let t = &text[start..];
            head[..t.len().min(8)].copy_from_slice(&t[..t.len().min(8)]);
            order.push((u64::from_be_bytes(head), m as u32));
        }
        let text_of = |m: u32| {
            let m = m as usize;
            let start = if m == 0 { 0 } else { ends[m - 1] as usize };
            &text[start..ends[m] as usize]
        };
        order.sort_unstable_by(|x, y| {
            x.0.cmp(&y.0)
                .then_with(|| text_of(x.1).cmp(text_of(y.1)))
                .then(subs[x.1 as usize].cmp(&subs[y.1 as usize]))
                .then(b.members[x.1 as usize].cmp(&b.members[y.1 as usize]))
        });
        let mut place = vec![0; n];
        for (at, x) in order.iter().enumerate() {
            place[x.1 as usize] = at as u32;
        }
        Order {
            members: order.iter().map(|x| b.members[x.1 as usize]).collect(),
            sub: order.iter().map(|x| subs[x.1 as usize]).collect(),
            place,
        }
    }))
}

/// A record's surname stem, given name and patronymic stem, and birth year ([`window_fields`]).
pub(crate) type WindowFields = ([Box<str>; 3], i16);

/// The fields a large block's orders sort by: the first name's surname stem, given name and
/// patronymic stem, and the birth year (`None`: the record has no name).
pub(crate) fn window_fields(p: &Prepared, i: usize) -> Option<WindowFields> {
    let st = &p.strings;
    let name = p.names_of(i).first()?;
    let part = |k: usize| -> Box<str> {
        name.parts[k]
            .map_or("", |x| st.get(if k == 1 { x.folded } else { x.stem }))
            .into()
    };
    Some(([part(0), part(1), part(2)], p.recs[i].birth_year))
}

/// The fields of a large block's two orders under `rule`, in sequence: indices into
/// [surname stem, given name, patronymic stem, birth year, nothing]. The birth year comes before
/// the patronymic: a record without a patronymic then sits among the records of its year, not
/// before every patronymic of the block.
pub(super) fn window_sequence(rule: Rule) -> [[usize; 3]; 2] {
    const S: usize = 0;
    const G: usize = 1;
    const PT: usize = 2;
    const Y: usize = 3;
    const NO: usize = 4;
    match rule {
        Rule::SurnameGiven | Rule::PlaceSurname => [[G, Y, PT], [Y, PT, G]],
        Rule::SurnameInitial => [[Y, PT, G], [PT, G, Y]],
        Rule::SurnameYear => [[G, PT, NO], [PT, G, NO]],
        Rule::GivenPatronymic => [[S, Y, NO], [Y, S, NO]],
        Rule::GivenSurname | Rule::PlaceGiven => [[S, Y, PT], [Y, PT, S]],
        Rule::NameSet => [[Y, PT, NO], [PT, Y, NO]],
        Rule::Surname => [[Y, G, PT], [G, PT, Y]],
        Rule::Given => [[S, PT, Y], [Y, PT, S]],
        Rule::BirthDate
        | Rule::PlaceYear
        | Rule::ArrestDate
        | Rule::DeathDate
        | Rule::PlaceWords => [[S, G, PT], [G, PT, S]],
    }
}

/// A birth year as a large block's orders write it: its digits, from the returned index on (none
/// for 0, an unknown year). Written by hand: this runs for every member of every large block.
pub(super) fn year_digits(year: i16) -> ([u8; 6], usize) {
    let mut digits = [0u8; 6];
    let mut at = digits.len();
    let mut v = i32::from(year).unsigned_abs();
    while v > 0 {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
    }
    if year < 0 {
        at -= 1;
        digits[at] = b'-';
    }
    (digits, at)
}

/// Appends a record's sort text of a large block's order `order` (0 or 1) to `text` and returns
/// its sub-block: the name parts (`[surname stem, given name, patronymic stem]`) and birth
/// year the block's rule does not use, in two different sequences (a record whose first sort
/// field is missing or mistyped sits near its duplicates in the other order), separated by
/// spaces; the sub-block is a hash of the first two (0 when one is unknown).
pub(super) fn window_key_into(
    [s, g, pt]: [&str; 3],
    year: i16,
    rule: Rule,
    order: usize,
    text: &mut Vec<u8>,
) -> u64 {
    let (digits, at) = year_digits(year);
    let fields: [&[u8]; 5] = [
        s.as_bytes(),
        g.as_bytes(),
        pt.as_bytes(),
        &digits[at..],
        b"",
    ];
    let [a, b, c] = window_sequence(rule)[order].map(|f| fields[f]);
    text.extend_from_slice(a);
    text.push(b' ');
    text.extend_from_slice(b);
    text.push(b' ');
    text.extend_from_slice(c);
    if a.is_empty() || b.is_empty() {
        0
    } else {
        hash_parts(0x0073_7562, &[a, b]) | 1
    }
}
