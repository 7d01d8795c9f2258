//! Small helpers of the dedup engine: a deterministic PRNG, a fast hash, a string interner and a
//! scoped-thread parallel map (no external dependencies).

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
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for p in parts {
        for b in *p {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
        // Separator so that ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    let mut z = h;
    z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    z ^ (z >> 33)
}

/// An interned string.
pub(crate) type Sym = u32;

/// No string.
pub(crate) const NONE: Sym = u32::MAX;

/// Interns strings: equal strings get equal [`Sym`]s, so that comparisons and frequency tables
/// work on numbers.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    map: HashMap<Box<str>, Sym>,
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

/// The number of worker threads to use: `requested`, or the available parallelism.
pub(crate) fn threads(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    }
}

/// Maps `f` over contiguous chunks of `0..n` on `threads` scoped threads; results are in chunk
/// order. `f` gets the chunk's index range.
pub(crate) fn par_chunks<R: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(std::ops::Range<usize>) -> R + Sync,
) -> Vec<R> {
    let threads = threads.max(1);
    if threads == 1 || n < 2 {
        return vec![f(0..n)];
    }
    let chunk = n.div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let f = &f;
                let range = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                s.spawn(move || f(range))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(r) => r,
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    })
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
