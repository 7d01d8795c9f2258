//! A large block's two orders sorted by numbers: [`WindowRanks`] gives every record's sort
//! fields as ranks, computed once for the whole list.
//!
//! A member's sort text is three fields joined by spaces (see [`super::window_key_into`]). When
//! no field has a byte at or below the space, comparing two such texts is comparing their fields
//! in turn (a field that is a prefix of another is followed by a space, or ends the text, and
//! both sort below every byte the longer field can have there). Each field can then be replaced
//! by its rank among the fields' texts in byte order: the same order, without reading every
//! member's texts, scattered over the list, in every large block it falls in (at a million
//! records, five million members of large blocks, two orders each). A block with a member whose
//! field has such a byte sorts by text ([`super::orders_of`]).

use super::super::compare::Prepared;
use super::super::util::{NONE, Sym, par_chunks};
use super::{Block, FLAG, Order, Orders, key_rule, window_sequence, year_digits};

/// The ranks of a record without a name: its sort text is empty, before every other.
const NAMELESS: u32 = 0;
/// The rank of an empty field.
const EMPTY: u32 = 1;
/// In a record's first rank: a field has a byte at or below the space (sorted by text).
const TEXT: u32 = u32::MAX;

/// Every record's large-block sort fields as ranks: [surname stem, given name, patronymic stem,
/// birth year] (the fields of [`super::window_sequence`]), each the rank of its text in byte
/// order among the texts of its kind ([`EMPTY`] for an empty one, [`NAMELESS`] everywhere for a
/// record without a name, [`TEXT`] first when one must be compared as text).
pub(super) struct WindowRanks(Vec<[u32; 4]>);

impl WindowRanks {
    pub(super) fn new(p: &Prepared, threads: usize) -> WindowRanks {
        let st = &p.strings;
        let fields =
            |i: usize| -> Option<[Sym; 3]> {
                let name = p.names_of(i).first()?;
                Some([0, 1, 2].map(|k| {
                    name.parts[k].map_or(NONE, |x| if k == 1 { x.folded } else { x.stem })
                }))
            };
        let per_record: Vec<Option<[Sym; 3]>> = par_chunks(p.len(), threads, |range| {
            range.map(fields).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        // The texts in use, in byte order, ranked (equal texts equally).
        let mut used = vec![false; st.len()];
        for f in per_record.iter().flatten() {
            for &s in f {
                if s != NONE {
                    used[s as usize] = true;
                }
            }
        }
        let mut syms: Vec<Sym> = (0..st.len() as Sym).filter(|&s| used[s as usize]).collect();
        drop(used);
        syms.sort_unstable_by(|a, b| st.get(*a).cmp(st.get(*b)));
        let mut rank = vec![EMPTY; st.len()];
        let mut next = EMPTY;
        for (k, &s) in syms.iter().enumerate() {
            let t = st.get(s);
            if k == 0 || t != st.get(syms[k - 1]) {
                next += 1;
            }
            rank[s as usize] = if t.is_empty() {
                EMPTY
            } else if t.bytes().any(|b| b <= b' ') {
                TEXT
            } else {
                next
            };
        }
        // The birth years likewise, by their digits (none for an unknown year).
        let mut years: Vec<i16> = p.recs.iter().map(|r| r.birth_year).collect();
        years.sort_unstable();
        years.dedup();
        let digits = |y: i16| {
            let (d, at) = year_digits(y);
            d[at..].to_vec()
        };
        years.sort_by_cached_key(|&y| digits(y));
        let mut year_rank = vec![EMPTY; 1 << 16];
        for (k, &y) in years.iter().enumerate() {
            year_rank[usize::from(y as u16)] = if y == 0 { EMPTY } else { 2 + k as u32 };
        }
        let ranks = par_chunks(p.len(), threads, |range| {
            range
                .map(|i| match per_record[i] {
                    None => [NAMELESS; 4],
                    Some(f) => {
                        let r = f.map(|s| if s == NONE { EMPTY } else { rank[s as usize] });
                        if r.contains(&TEXT) {
                            [TEXT; 4]
                        } else {
                            let y = year_rank[usize::from(p.recs[i].birth_year as u16)];
                            [r[0], r[1], r[2], y]
                        }
                    }
                })
                .collect::<Vec<_>>()
        });
        WindowRanks(ranks.into_iter().flatten().collect())
    }

    /// The two orders of large block `b` (as [`super::orders_of`] sorts them, with other but
    /// equally telling sub-block numbers), or `None` when a member's fields must be compared as
    /// text. `scratch` holds the members' ranks and sort keys.
    pub(super) fn orders(&self, b: &Block, scratch: &mut RankScratch) -> Option<Orders> {
        let RankScratch { ranks, keys } = scratch;
        ranks.clear();
        for &x in &b.members {
            let r = self.0[(x & !FLAG) as usize];
            if r[0] == TEXT {
                return None;
            }
            // The fifth field is nothing: empty, except for a record without a name.
            ranks.push([r[0], r[1], r[2], r[3], r[0].min(EMPTY)]);
        }
        let sequence = window_sequence(key_rule(b.key));
        let n = b.members.len();
        Some(Orders([0, 1].map(|o| {
            let [fa, fb, fc] = sequence[o];
            keys.clear();
            // (ranks of the three fields, member): members sort by text, then by member (equal
            // texts have equal sub-blocks).
            for (m, r) in ranks.iter().enumerate() {
                let key = (u128::from(r[fa]) << 96)
                    | (u128::from(r[fb]) << 64)
                    | (u128::from(r[fc]) << 32)
                    | u128::from(b.members[m]);
                keys.push((key, m as u32));
            }
            keys.sort_unstable_by_key(|x| x.0);
            let mut place = vec![0; n];
            for (at, x) in keys.iter().enumerate() {
                place[x.1 as usize] = at as u32;
            }
            Order {
                members: keys.iter().map(|x| x.0 as u32).collect(),
                // The first two fields, 0 when one is empty (as the text's sub-block).
                sub: keys
                    .iter()
                    .map(|x| {
                        let (a, b) = ((x.0 >> 96) as u32, (x.0 >> 64) as u32);
                        if a <= EMPTY || b <= EMPTY {
                            0
                        } else {
                            (u64::from(a) << 32) | u64::from(b)
                        }
                    })
                    .collect(),
                place,
            }
        })))
    }
}

/// The buffers [`WindowRanks::orders`] sorts with, reused from block to block.
#[derive(Default)]
pub(super) struct RankScratch {
    ranks: Vec<[u32; 5]>,
    keys: Vec<(u128, u32)>,
}
