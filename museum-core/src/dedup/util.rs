//! Small helpers of the dedup engine: a deterministic PRNG, a fast hash, a string interner and a
//! parallel map over chunks on rayon's pool.

use std::collections::HashMap;

/// SplitMix64: a tiny, fast, deterministic generator (for sampling random pairs).
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        // Multiply-shift: unbiased enough for sampling.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// FNV-1a over bytes, then a final mix: stable across runs and platforms.
pub(crate) fn hash_bytes(seed: u64, parts: &[&[u8]]) -> u64 {
    let mut h = StableHasher::new(seed);
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// A stable streaming hash (FNV-1a 64 with a final mix, the hash of [`hash_bytes`]): the same
/// value on every run, platform and version of the standard library, for hashes that are
/// stored (blocking keys, record fingerprints).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StableHasher(u64);

impl StableHasher {
    pub(crate) fn new(seed: u64) -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325 ^ seed)
    }

    /// Adds bytes, then a separator, so that (`ab`, `c`) and (`a`, `bc`) differ.
    pub(crate) fn part(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
    }

    pub(crate) fn finish(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        z ^ (z >> 33)
    }
}

/// The Fx hash (as in rustc): fast for the short keys of the internal tables. Not resistant to
/// crafted collisions, which do not matter here (keys come from the data being matched, and a
/// collision only costs time).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<FxHasher>>;

/// An interned string.
pub(crate) type Sym = u32;

/// No string.
pub(crate) const NONE: Sym = u32::MAX;

/// Interns strings: equal strings get equal [`Sym`]s, so that comparisons and frequency tables
/// work on numbers.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    map: FxMap<Box<str>, Sym>,
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

/// The number of worker threads to use: `requested`, or [`crate::default_threads`].
pub(crate) fn threads(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        crate::default_threads()
    }
}

/// Maps `f` over contiguous chunks of `0..n`, one chunk per requested thread, on rayon's
/// global pool (one pool for the whole process: nested calls share it instead of starting
/// threads of their own); results are in chunk order, so the output is the same for any number
/// of threads as long as `f`'s results are combined in order. `f` gets the chunk's index range.
/// With one thread (or fewer than two items) `f` runs on the calling thread.
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
    init_pool();
    let chunk = n.div_ceil(threads);
    (0..threads)
        .into_par_iter()
        .map(|t| f((t * chunk).min(n)..((t + 1) * chunk).min(n)))
        .collect()
}

/// Sizes rayon's global pool by [`crate::default_threads`] (`MUSEUM_THREADS`), unless the
/// program configured it first.
fn init_pool() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| {
        // An error means the pool already exists (configured by the program): it is used as is.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(crate::default_threads())
            .build_global();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prng_is_deterministic_and_in_range() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        for _ in 0..100 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
        }
    }

    #[test]
    fn hash_separates_parts() {
        assert_ne!(hash_bytes(0, &[b"ab", b"c"]), hash_bytes(0, &[b"a", b"bc"]));
        assert_eq!(hash_bytes(1, &[b"x"]), hash_bytes(1, &[b"x"]));
    }

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
        let sums = par_chunks(10, 3, |r| r.sum::<usize>());
        assert_eq!(sums.iter().sum::<usize>(), 45);
    }
}
