//! Small helpers of the dedup engine: a string interner and a parallel map over chunks on the
//! worker pool ([`crate::pool`]). (The generator is [`crate::rng`], the hashes [`crate::hash`].)

use crate::hash::FxHashMap;

/// An interned string.
pub(crate) type Sym = u32;

/// No string.
pub(crate) const NONE: Sym = u32::MAX;

/// Interns strings: equal strings get equal [`Sym`]s, so that comparisons and frequency tables
/// work on numbers. The strings lie end to end in one buffer: the comparison of a run reads
/// millions of them in no order, and one buffer keeps them near each other (and one read of
/// an offset from the bytes) rather than one allocation each.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    map: FxHashMap<Box<str>, Sym>,
    /// Every string, end to end.
    text: String,
    /// Where each string ends in `text` (it starts where the one before ends).
    ends: Vec<usize>,
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> Sym {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = Sym::try_from(self.ends.len()).unwrap_or(NONE - 1);
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.map.insert(s.into(), id);
        id
    }

    #[inline]
    pub(crate) fn get(&self, id: Sym) -> &str {
        if id == NONE {
            return "";
        }
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.text[start..self.ends[id]]
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Jaro–Winkler similarity of two ASCII byte strings (the folded comparison alphabet), in
/// [0, 1]: the same values as `strsim::jaro_winkler` on these strings, without allocating (the
/// hot loop of deduplication compares millions of pairs). Strings longer than 64 bytes are
/// compared on their first 64. (The engine calls [`jaro_winkler_from`] with the least
/// similarity it needs; this is the reference of the tests.)
#[cfg(test)]
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    jaro_winkler_from(a, b, 0.0)
}

/// Jaro–Winkler similarity of two byte strings (as `strsim::jaro_winkler` on ASCII, see the
/// tests) where only a similarity of at least `floor` matters: the exact similarity when it may
/// reach `floor`, else 0 (it is then below `floor` for certain). A cheap upper bound decides
/// first (the letters the two strings have in common bound the matches of Jaro), so most pairs
/// of unrelated names cost two passes over their letters instead of the match search. With
/// `floor` 0 it is always exact.
pub(crate) fn jaro_winkler_from(a: &str, b: &str, floor: f64) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (a, b) = (&a[..a.len().min(64)], &b[..b.len().min(64)]);
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // (The margin covers the rounding of the two computations.)
    if floor > 0.0 && jaro_winkler_bound(a, b) + 1e-9 < floor {
        return 0.0;
    }
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    // The positions in b of each byte (by `byte & 31`; a candidate is checked for the byte
    // itself): each byte of a finds its first free match in its window with a few bit steps.
    let mut at = [0u64; 32];
    for (j, &cb) in b.iter().enumerate() {
        at[usize::from(cb & 31)] |= 1 << j;
    }
    let mut b_used: u64 = 0;
    let mut a_match: u64 = 0;
    let mut m = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(b.len());
        if lo >= hi {
            continue;
        }
        let below_hi = if hi >= 64 { u64::MAX } else { (1 << hi) - 1 };
        let mut free = at[usize::from(ca & 31)] & below_hi & !((1 << lo) - 1) & !b_used;
        while free != 0 {
            let j = free.trailing_zeros() as usize;
            if b[j] == ca {
                b_used |= 1 << j;
                a_match |= 1 << i;
                m += 1;
                break;
            }
            free &= free - 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    // Transpositions: matched characters of a and b, in order, that differ.
    let mut t = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_match & (1 << i) != 0 {
            while b_used & (1 << j) == 0 {
                j += 1;
            }
            if b[j] != ca {
                t += 1;
            }
            j += 1;
        }
    }
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - (t / 2) as f64) / m) / 3.0;
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + 0.1 * prefix * (1.0 - jaro)
}

/// An upper bound of the Jaro–Winkler similarity of two non-empty byte strings (of at most 64
/// bytes): Jaro's matches are at most the bytes the two have in common (counted here by
/// `byte & 31`, which can only count more), its transpositions at least none, and Winkler's
/// boost grows with Jaro and the common prefix.
fn jaro_winkler_bound(a: &[u8], b: &[u8]) -> f64 {
    let mut count = [0u8; 32];
    for &c in b {
        count[usize::from(c & 31)] += 1;
    }
    let mut m = 0usize;
    for &c in a {
        let k = &mut count[usize::from(c & 31)];
        if *k > 0 {
            *k -= 1;
            m += 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    let m = m as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    if jaro <= 0.7 {
        return jaro;
    }
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + 0.1 * prefix * (1.0 - jaro)
}

/// A set of record pairs, compactly: record `i`'s partners `j > i`, sorted, are
/// `to[lo[i]..lo[i + 1]]` (4 bytes a pair instead of 8: at a million records the compared pairs
/// of a run with `--truth` are tens of millions).
#[derive(Debug, Default)]
pub(crate) struct PairSet {
    lo: Vec<u64>,
    to: Vec<u32>,
}

impl PairSet {
    /// The set of the pairs of `runs` (each record's partners ascending, each record in one run
    /// only, the records in any order, as [`Blocks::visit`](super::blocking::Blocks::visit)
    /// gathers them) and of `more` (keys `a << 32 | b`, sorted), without repeats.
    pub(crate) fn from_runs(n: usize, runs: &[PairRun], more: &[u64]) -> PairSet {
        let total = runs.iter().map(|r| r.to.len()).sum::<usize>() + more.len();
        let mut lo = Vec::with_capacity(n + 1);
        let mut to: Vec<u32> = Vec::with_capacity(total);
        // Every record's partners in the runs: (record, run, row), by record.
        let mut rows: Vec<(u32, u32, u32)> = runs
            .iter()
            .enumerate()
            .flat_map(|(r, run)| {
                run.rows
                    .iter()
                    .enumerate()
                    .map(move |(row, x)| (x.0, r as u32, row as u32))
            })
            .collect();
        rows.sort_unstable();
        let (mut next, mut m) = (0, 0);
        for a in 0..n {
            lo.push(to.len() as u64);
            let from_run: &[u32] = match rows.get(next) {
                Some(&(x, r, row)) if x as usize == a => {
                    next += 1;
                    let (run, row) = (&runs[r as usize], row as usize);
                    let start = run.rows[row].1;
                    let end = run.rows.get(row + 1).map_or(run.to.len() as u64, |x| x.1);
                    &run.to[start as usize..end as usize]
                }
                _ => &[],
            };
            let m0 = m;
            while m < more.len() && (more[m] >> 32) as usize == a {
                m += 1;
            }
            let from_more = more[m0..m].iter().map(|&k| k as u32);
            // Merge the two ascending lists, without repeats.
            let mut x = from_run.iter().copied().peekable();
            let mut y = from_more.peekable();
            loop {
                let next = match (x.peek(), y.peek()) {
                    (Some(&u), Some(&v)) if u < v => x.next(),
                    (Some(&u), Some(&v)) if v < u => y.next(),
                    (Some(_), Some(_)) => {
                        y.next();
                        x.next()
                    }
                    (Some(_), None) => x.next(),
                    (None, Some(_)) => y.next(),
                    (None, None) => break,
                };
                to.extend(next);
            }
        }
        debug_assert!(m == more.len(), "`more` holds pairs of records beyond n");
        lo.push(to.len() as u64);
        PairSet { lo, to }
    }

    /// The number of pairs.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.to.len()
    }

    /// Whether records `a` and `b` (either order) are a pair of the set.
    pub(crate) fn contains(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        a + 1 < self.lo.len()
            && self.to[self.lo[a] as usize..self.lo[a + 1] as usize]
                .binary_search(&(b as u32))
                .is_ok()
    }
}

/// Pairs `(a, b)` gathered record by record (each record's partners together and ascending,
/// the records in any order): a piece of a [`PairSet`] ([`PairSet::from_runs`]), 4 bytes a pair.
#[derive(Debug, Default)]
pub(crate) struct PairRun {
    /// Each record of the run, with where its partners start in `to`.
    rows: Vec<(u32, u64)>,
    to: Vec<u32>,
}

impl PairRun {
    /// Adds the pair `(a, b)`, after every lower `b` of `a` (and no pair of `a` after another
    /// record's).
    pub(crate) fn push(&mut self, a: usize, b: usize) {
        if self.rows.last().is_none_or(|r| r.0 as usize != a) {
            self.rows.push((a as u32, self.to.len() as u64));
        }
        debug_assert!(
            self.rows
                .last()
                .is_some_and(|r| r.1 as usize == self.to.len())
                || self.to.last().is_some_and(|&x| (x as usize) < b)
        );
        self.to.push(b as u32);
    }
}

/// The number of worker threads to use: `requested`, or [`crate::default_threads`].
pub(crate) fn threads(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        crate::default_threads()
    }
}

/// Whether the block or group of `key` is in a 1-in-`stride` sample: a Fibonacci hash of the key,
/// so the sample depends on the keys only (not on threads or order).
pub(crate) fn in_sample(key: u64, stride: u64) -> bool {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33).is_multiple_of(stride.max(1))
}

/// Maps `f` over contiguous chunks of `0..n`, one chunk per requested thread, on the worker
/// pool ([`crate::pool`]: one pool for the whole process, nested calls share it); results are in
/// chunk order, so the output is the same for any number of threads as long as `f`'s results
/// are combined in order. `f` gets the chunk's index range. With one thread (or fewer than two
/// items), or when no worker thread can start, `f` runs on the calling thread.
pub(crate) fn par_chunks<R: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(std::ops::Range<usize>) -> R + Sync,
) -> Vec<R> {
    use rayon::prelude::*;
    let threads = threads.max(1);
    if threads == 1 || n < 2 {
        return vec![f(0..n)];
    }
    let chunk = n.div_ceil(threads);
    let range = |t: usize| (t * chunk).min(n)..((t + 1) * chunk).min(n);
    crate::pool::install(|| (0..threads).into_par_iter().map(|t| f(range(t))).collect())
        .unwrap_or_else(|_| (0..threads).map(|t| f(range(t))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaro_winkler_agrees_with_strsim() {
        let words = [
            "bokeihan",
            "bukeihan",
            "zhansugir",
            "zhansugur",
            "martha",
            "marhta",
            "dixon",
            "dicksonx",
            "a",
            "",
            "ab",
            "ba",
            "seiful",
            "shoka",
            "choka",
            "kudaiberdi",
            "jellyfish",
            "smellyfish",
            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz01",
            "zyxwvutsrqponmlkjihgfedcba9876543210zyxwvutsrqponmlkjihgfedcba98",
            // Bytes that share `byte & 31` (p and 0, q and 1).
            "p0q1",
            "0p1q",
            "pq01pq",
            "aaaaaaaaab",
            "baaaaaaaaa",
        ];
        for x in words {
            for y in words {
                let ours = jaro_winkler(x, y);
                let theirs = strsim::jaro_winkler(x, y);
                assert!((ours - theirs).abs() < 1e-9, "{x} {y}: {ours} vs {theirs}");
            }
        }
    }

    #[test]
    fn jaro_winkler_from_a_floor_is_exact_above_it() {
        // Names and their slips, words of places, and strings sharing letters in other orders.
        let mut words: Vec<String> = [
            "bokeihan",
            "bukeikhanov",
            "zhansugirov",
            "zhansugurov",
            "martha",
            "marhta",
            "dixon",
            "dicksonx",
            "ab",
            "ba",
            "seifullin",
            "saifullin",
            "kudaiberdiev",
            "kudaiberdy",
            "abdulla",
            "abdrakhman",
            "akhmet",
            "akhmetov",
            "makhmet",
            "tulepov",
            "tolepov",
            "parramatta",
            "parramatat",
            "street",
            "steret",
            "ivanov",
            "ivanova",
            "nivano",
            "vonavi",
            "aaaa",
            "aaab",
            "kieran",
            "kiara",
            "catherine",
            "katherine",
            "müller",
            "mueller",
            "shokai",
            "choqai",
            "12",
            "21",
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        let n = words.len();
        for k in 0..n {
            // Rotations and halves: common letters, other order.
            let w = words[k].clone();
            words.push(format!("{}{}", &w[w.len() / 2..], &w[..w.len() / 2]));
        }
        let mut checked = 0;
        for x in &words {
            for y in &words {
                let exact = jaro_winkler(x, y);
                for floor in [0.7, 0.75, 0.8, 0.85, 0.88, 0.92] {
                    let got = jaro_winkler_from(x, y, floor);
                    if exact >= floor {
                        assert_eq!(got.to_bits(), exact.to_bits(), "{x} {y} {floor}");
                    } else {
                        assert!(got < floor, "{x} {y} {floor}: {got}");
                        checked += usize::from(got == 0.0);
                    }
                }
                if !x.is_empty() && !y.is_empty() && x != y {
                    let bound = jaro_winkler_bound(x.as_bytes(), y.as_bytes());
                    assert!(bound + 1e-9 >= exact, "{x} {y}: bound {bound} < {exact}");
                }
            }
        }
        assert!(
            checked > 1000,
            "the bound decides most unrelated pairs: {checked}"
        );
    }

    #[test]
    fn interner_and_par_chunks() {
        let mut i = Interner::default();
        let a = i.intern("a");
        assert_eq!(i.intern("a"), a);
        assert_ne!(i.intern("b"), a);
        let (empty, long) = (i.intern(""), i.intern("bukeikhanov"));
        assert_eq!(i.intern("bukeikhanov"), long);
        assert_eq!(
            [i.get(a), i.get(empty), i.get(long), i.get(NONE)],
            ["a", "", "bukeikhanov", ""]
        );
        assert_eq!(i.len(), 4);
        let sums = par_chunks(10, 3, std::iter::Iterator::sum::<usize>);
        assert_eq!(sums.iter().sum::<usize>(), 45);
    }

    #[test]
    fn pair_set() {
        let key = |a: u64, b: u64| a << 32 | b;
        let run = |pairs: &[(usize, usize)]| {
            let mut r = PairRun::default();
            for &(a, b) in pairs {
                r.push(a, b);
            }
            r
        };
        // Runs with records in any order (one run empty), and more pairs: some repeat a run's,
        // some fall between them.
        let runs = vec![
            run(&[(5, 6), (0, 3), (0, 5)]),
            run(&[]),
            run(&[(2, 3), (2, 6)]),
        ];
        let more = [key(0, 3), key(0, 4), key(2, 5), key(4, 5)];
        let set = PairSet::from_runs(7, &runs, &more);
        assert_eq!(set.to, [3, 4, 5, 3, 5, 6, 5, 6], "merged, no repeats");
        assert_eq!(set.lo, [0, 3, 3, 6, 6, 7, 8, 8]);
        for (a, b) in [
            (0, 3),
            (3, 0),
            (0, 4),
            (0, 5),
            (2, 3),
            (2, 5),
            (2, 6),
            (4, 5),
            (5, 6),
        ] {
            assert!(set.contains(a, b), "{a} {b}");
        }
        for (a, b) in [(0, 1), (1, 2), (3, 4), (5, 5), (2, 4), (6, 7), (7, 8)] {
            assert!(!set.contains(a, b), "{a} {b}");
        }
    }
}
