//! The crate's hashing, in one place: which hash to use for what.
//!
//! - **In-memory tables** (interners, memo caches, frequency counts, dictionary encodings) use
//!   rustc's Fx hash from the `rustc-hash` crate: [`FxHashMap`], [`FxHashSet`]. Fast for the short
//!   keys hashed millions of times here; not resistant to crafted collisions, which do not matter
//!   (the keys come from the archive being read, and a collision only costs time). Nothing may
//!   depend on the iteration order of these tables: sort before output.
//! - **Stable hashes** whose values are kept or decide an order (blocking keys, record
//!   fingerprints that order comparisons): FNV-1a ([`Fnv1a`], [`fnv1a`], [`hash_parts`]). Their
//!   values must never change between versions, platforms or runs: they are written out here,
//!   not taken from a crate whose algorithm may change.

pub(crate) use rustc_hash::FxHashMap;
#[cfg(feature = "stats")]
pub(crate) use rustc_hash::FxHashSet;

/// A per-thread memo of a pure function of a text ([`memo`]).
pub(crate) type TextMemo<T> = std::cell::RefCell<FxHashMap<Box<str>, T>>;

/// `parse(text)` through a per-thread cache: a list writes the same few spellings (`ВМН`,
/// `муж.`, `Тройка при УНКВД`, `1937?`) hundreds of thousands of times. `parse` must depend on
/// the text alone (never on options of a run). At most 4,096 texts are kept per cache and
/// thread; later ones are parsed every time.
pub(crate) fn memo<T: Clone>(
    cache: &'static std::thread::LocalKey<TextMemo<T>>,
    text: &str,
    parse: impl FnOnce(&str) -> T,
) -> T {
    const MAX_ENTRIES: usize = 4096;
    cache.with(|c| {
        if let Some(v) = c.borrow().get(text) {
            return v.clone();
        }
        let v = parse(text);
        let mut c = c.borrow_mut();
        if c.len() < MAX_ENTRIES {
            c.insert(text.into(), v.clone());
        }
        v
    })
}

/// The FNV-1a offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The FNV-1a prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a as a streaming hasher; also a [`std::fmt::Write`], so that a value's formatted text
/// can be hashed without allocating it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(FNV_OFFSET)
    }
}

impl Fnv1a {
    /// Adds bytes to the hash.
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    /// The hash of everything added so far.
    pub(crate) fn value(self) -> u64 {
        self.0
    }
}

impl std::fmt::Write for Fnv1a {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.add(s.as_bytes());
        Ok(())
    }
}

/// The FNV-1a hash of bytes (stable; fast on short keys such as record ids).
pub(crate) fn fnv1a_bytes(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a::default();
    h.add(bytes);
    h.value()
}

/// The FNV-1a hash of a text (stable).
#[cfg(any(feature = "stats", test))]
pub(crate) fn fnv1a(s: &str) -> u64 {
    fnv1a_bytes(s.as_bytes())
}

/// A stable hash of several byte strings, seeded: FNV-1a with a separator after each part (so
/// that `("ab", "c")` and `("a", "bc")` differ), then the murmur3 finalizer to spread the bits.
pub(crate) fn hash_parts(seed: u64, parts: &[&[u8]]) -> u64 {
    let mut h = StableHasher::new(seed);
    for p in parts {
        h.part(p);
    }
    h.finish()
}

/// [`hash_parts`] fed part by part: the same value on every run, platform and version, for
/// hashes that are stored (blocking keys, the fingerprints of the person registry).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StableHasher(Fnv1a);

impl StableHasher {
    /// A hasher seeded with `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        StableHasher(Fnv1a(FNV_OFFSET ^ seed))
    }

    /// Adds one part (its bytes, then a separator).
    pub(crate) fn part(&mut self, bytes: &[u8]) {
        self.0.add(bytes);
        self.0.add(&[0xff]);
    }

    /// The hash of the parts added so far.
    pub(crate) fn finish(self) -> u64 {
        let mut z = self.0.value();
        z = (z ^ (z >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        z = (z ^ (z >> 33)).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        z ^ (z >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        // From the FNV reference test suite (Fowler, Noll, Vo): if these change, every stored
        // fingerprint and blocking order changes with them.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_f739_67e8);
        let mut h = Fnv1a::default();
        std::fmt::Write::write_fmt(&mut h, format_args!("{}{}", "foo", "bar")).unwrap();
        assert_eq!(h.value(), fnv1a("foobar"));
    }

    #[test]
    fn parts_are_separated_and_seeded() {
        assert_ne!(hash_parts(0, &[b"ab", b"c"]), hash_parts(0, &[b"a", b"bc"]));
        assert_eq!(hash_parts(1, &[b"x"]), hash_parts(1, &[b"x"]));
        assert_ne!(hash_parts(1, &[b"x"]), hash_parts(2, &[b"x"]));
        // The blocking keys' seed: a pinned value, computed by the original implementation.
        assert_eq!(
            hash_parts(0x6d75_7365_756d, &[b"abay", b"1937"]),
            0x4544_ee64_d237_1f38
        );
    }
}
