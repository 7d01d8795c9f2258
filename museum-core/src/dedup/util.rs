//! Small helpers of the dedup engine: a string interner and a parallel map over chunks on the
//! worker pool ([`crate::pool`]). (The generator is [`crate::rng`], the hashes [`crate::hash`].)

use crate::hash::FxHashMap;

/// An interned string.
pub(crate) type Sym = u32;

/// No string.
pub(crate) const NONE: Sym = u32::MAX;

/// Interns strings: equal strings get equal [`Sym`]s, so that comparisons and frequency tables
/// work on numbers.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    map: FxHashMap<Box<str>, Sym>,
    strings: Vec<Box<str>>,
}

impl Interner {
    pub(crate) fn intern(&mut self, s: &str) -> Sym {
        if let Some(&id) = self.map.get(s) {
            return id;
        }
        let id = Sym::try_from(self.strings.len()).unwrap_or(NONE - 1);
        self.strings.push(s.into());
        self.map.insert(s.into(), id);
        id
    }

    pub(crate) fn get(&self, id: Sym) -> &str {
        if id == NONE {
            ""
        } else {
            &self.strings[id as usize]
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.strings.len()
    }
}

/// Jaro–Winkler similarity of two ASCII byte strings (the folded comparison alphabet), in
/// [0, 1]: the same values as `strsim::jaro_winkler` on these strings, without allocating (the
/// hot loop of deduplication compares millions of pairs). Strings longer than 64 bytes are
/// compared on their first 64.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
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
    let range = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used: u64 = 0;
    let mut a_match: u64 = 0;
    let mut m = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(range);
        let hi = (i + range + 1).min(b.len());
        for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
            if b_used & (1 << j) == 0 && cb == ca {
                b_used |= 1 << j;
                a_match |= 1 << i;
                m += 1;
                break;
            }
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

/// A set of record pairs, compactly: record `i`'s partners `j > i`, sorted, are
/// `to[lo[i]..lo[i + 1]]` (4 bytes a pair instead of 8: at a million records the compared pairs
/// of a run with `--truth` are tens of millions).
#[derive(Debug, Default)]
pub(crate) struct PairSet {
    lo: Vec<u64>,
    to: Vec<u32>,
}

impl PairSet {
    /// The set of `pairs` (each `a << 32 | b` with `a < b < n`), sorted and without repeats.
    pub(crate) fn from_sorted(n: usize, pairs: &[u64]) -> PairSet {
        let mut lo = Vec::with_capacity(n + 1);
        let mut to = Vec::with_capacity(pairs.len());
        lo.push(0);
        for &key in pairs {
            let a = (key >> 32) as usize;
            while lo.len() <= a {
                lo.push(to.len() as u64);
            }
            to.push(key as u32);
        }
        while lo.len() <= n {
            lo.push(to.len() as u64);
        }
        PairSet { lo, to }
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
    fn interner_and_par_chunks() {
        let mut i = Interner::default();
        let a = i.intern("a");
        assert_eq!(i.intern("a"), a);
        assert_ne!(i.intern("b"), a);
        assert_eq!(i.get(a), "a");
        assert_eq!(i.get(NONE), "");
        let sums = par_chunks(10, 3, std::iter::Iterator::sum::<usize>);
        assert_eq!(sums.iter().sum::<usize>(), 45);
    }

    #[test]
    fn pair_set() {
        let key = |a: u64, b: u64| a << 32 | b;
        let set = PairSet::from_sorted(6, &[key(0, 3), key(0, 5), key(2, 3), key(4, 5)]);
        for (a, b) in [(0, 3), (3, 0), (0, 5), (2, 3), (4, 5)] {
            assert!(set.contains(a, b), "{a} {b}");
        }
        for (a, b) in [(0, 1), (1, 2), (3, 4), (5, 5), (2, 4), (6, 7)] {
            assert!(!set.contains(a, b), "{a} {b}");
        }
    }
}
