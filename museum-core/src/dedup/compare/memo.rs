//! Memoized agreement levels of pairs of interned values ([`Memo`]): names and places are
//! interned, and in the blocks of a large list the same two places or names meet again and again
//! (a village's families compared with each other year after year, the people arrested on one
//! day). Only the dear comparisons are memoized — two different places (every word against every
//! word) and names read crossed (stems and sounds computed anew): at a million records a lookup
//! in a table larger than the cache waits on memory about as long as comparing two surnames or
//! given names takes (memoizing those too cost 10 % more CPU at a million records).

use std::sync::atomic::{AtomicU64, Ordering};

/// Bits of each of the two ids of a key (values with a larger id are not memoized).
const ID_BITS: u32 = 28;

/// The ids of a key, both below `1 << ID_BITS`.
const KEY_MASK: u64 = (1 << (2 * ID_BITS)) - 1;

/// The most slots of a table (2 MiB): larger tables, at a million records, hit more but wait on
/// memory longer.
const MAX_BITS: u32 = 18;

/// Slots per record: the distinct pairs of names a run compares are many times its records (a
/// table too small for them loses most of its entries before they are met again).
const SLOTS_PER_RECORD: usize = 4;

/// A direct-mapped table of the level (0 to 15) of ordered pairs of ids, shared by the threads
/// of a run. A slot is one word (the two ids, and the level plus one above them; 0 is empty),
/// read and written whole, so a thread reads either a pair's true level or a miss: the level is
/// a function of the pair, and a slot taken by another pair or not written yet only costs the
/// comparison. Results do not depend on the thread count nor on the order of the pairs.
pub(crate) struct Memo {
    slots: Box<[AtomicU64]>,
    /// `64 - log2(slots)`: the hash's top bits index the table.
    shift: u32,
}

impl Memo {
    /// A table for a list of `records` records: [`SLOTS_PER_RECORD`] slots a record, from 1,024
    /// up to 2^[`MAX_BITS`].
    pub(crate) fn new(records: usize) -> Memo {
        let bits = (records.max(1) * SLOTS_PER_RECORD)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(10, MAX_BITS);
        Memo {
            slots: (0..1usize << bits).map(|_| AtomicU64::new(0)).collect(),
            shift: 64 - bits,
        }
    }

    /// The level of pair (`a`, `b`): looked up, or computed by `level` and kept.
    #[inline]
    pub(crate) fn level(&self, a: u32, b: u32, level: impl FnOnce() -> u8) -> u8 {
        if a >= 1 << ID_BITS || b >= 1 << ID_BITS {
            return level();
        }
        let key = u64::from(a) | (u64::from(b) << ID_BITS);
        let slot = &self.slots[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize];
        let got = slot.load(Ordering::Relaxed);
        if got & KEY_MASK == key && got >> 56 != 0 {
            return (got >> 56) as u8 - 1;
        }
        let l = level();
        debug_assert!(l < 16);
        slot.store(key | ((u64::from(l) + 1) << 56), Ordering::Relaxed);
        l
    }
}

impl Default for Memo {
    fn default() -> Memo {
        Memo::new(0)
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} slots)", self.slots.len())
    }
}

/// The memos of one prepared list: one per memoized comparison (`compare::compare_levels`).
#[derive(Debug, Default)]
pub(crate) struct Memos {
    /// Crossed levels of a given name read as a surname against a surname, by part ids.
    pub(crate) crossed: Memo,
    /// Birth place levels of two different places, by place index.
    pub(crate) place: Memo,
}

impl Memos {
    /// Memos sized for `records` records.
    pub(crate) fn new(records: usize) -> Memos {
        Memos {
            crossed: Memo::new(records),
            place: Memo::new(records),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_is_computed_once_and_pairs_are_ordered() {
        let m = Memo::new(10);
        let mut calls = 0;
        assert_eq!(
            m.level(3, 7, || {
                calls += 1;
                4
            }),
            4
        );
        assert_eq!(
            m.level(3, 7, || {
                calls += 1;
                9
            }),
            4
        );
        assert_eq!(calls, 1);
        // (b, a) is another pair; level 0 is kept too.
        assert_eq!(m.level(7, 3, || 0), 0);
        assert_eq!(m.level(7, 3, || 5), 0);
        // Ids too large to key are computed every time.
        assert_eq!(m.level(1 << 28, 1, || 2), 2);
        assert_eq!(m.level(1 << 28, 1, || 3), 3);
    }

    #[test]
    fn a_full_table_still_answers_every_pair_rightly() {
        let m = Memo::new(0);
        let level = |a: u32, b: u32| ((a * 7 + b * 3) % 16) as u8;
        for round in 0..3 {
            for a in 0..200u32 {
                for b in 0..50u32 {
                    assert_eq!(m.level(a, b, || level(a, b)), level(a, b), "{round}");
                }
            }
        }
    }
}
