//! A compact set of record ids with where each was first seen: the only per-record state
//! validation keeps, so that a million victims cost a few tens of megabytes.
//!
//! Ids are stored back to back in one arena; each entry is a hash, an arena range, a file number
//! and a line. Duplicates and lookups work on the entries sorted by hash.

/// One id occurrence.
#[derive(Debug, Clone, Copy)]
struct Entry {
    line: u64,
    start: u32,
    len: u32,
    file: u32,
}

/// Ids of one kind of record, in the order seen.
#[derive(Debug, Default)]
pub(crate) struct IdIndex {
    arena: Vec<u8>,
    entries: Vec<Entry>,
    /// (hash, entry number): sorted by [`IdIndex::finish`], which puts equal ids next to each
    /// other in the order they were seen.
    keys: Vec<(u64, u32)>,
    sorted: bool,
}

/// Where an id occurs: the file number given to [`IdIndex::push`] and the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) file: u32,
    pub(crate) line: u64,
}

/// FNV-1a: fast on short ids, and deterministic across runs.
fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl IdIndex {
    /// An empty index with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        IdIndex {
            arena: Vec::with_capacity(n * 12),
            entries: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            sorted: false,
        }
    }

    /// Adds an occurrence of `id`; empty ids are skipped.
    pub(crate) fn push(&mut self, id: &str, file: u32, line: u64) {
        if id.is_empty() {
            return;
        }
        let start = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(id.as_bytes());
        let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.keys.push((hash(id.as_bytes()), n));
        self.entries.push(Entry {
            line,
            start,
            len: u32::try_from(id.len()).unwrap_or(u32::MAX),
            file,
        });
        self.sorted = false;
    }

    /// Appends every occurrence of `other` (collected for file `file`), after those already
    /// here.
    pub(crate) fn append(&mut self, other: &IdIndex, file: u32) {
        let base = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        let first = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(&other.arena);
        self.entries.extend(other.entries.iter().map(|e| Entry {
            start: e.start + base,
            file,
            ..*e
        }));
        self.keys
            .extend(other.keys.iter().map(|&(h, n)| (h, n + first)));
        self.sorted = false;
    }

    fn text(&self, n: u32) -> &str {
        let e = &self.entries[n as usize];
        let bytes = &self.arena[e.start as usize..(e.start + e.len) as usize];
        std::str::from_utf8(bytes).unwrap_or("")
    }

    fn seen(&self, n: u32) -> Seen {
        let e = &self.entries[n as usize];
        Seen {
            file: e.file,
            line: e.line,
        }
    }

    /// Sorts the keys and returns every repeated id with its occurrence and the first
    /// occurrence.
    pub(crate) fn finish(&mut self) -> Vec<(String, Seen, Seen)> {
        // By hash: equal ids end up next to each other.
        self.keys.sort_unstable();
        self.sorted = true;
        let mut dups = Vec::new();
        let mut i = 0;
        while i < self.keys.len() {
            let mut j = i + 1;
            while j < self.keys.len() && self.keys[j].0 == self.keys[i].0 {
                j += 1;
            }
            if j - i > 1 {
                // Equal hashes: in the order seen (file, then line), then compare the texts (a
                // collision is not a duplicate).
                let entries = &self.entries;
                self.keys[i..j].sort_unstable_by_key(|&(_, n)| {
                    let e = &entries[n as usize];
                    (e.file, e.line, n)
                });
                let run = &self.keys[i..j];
                for (k, &(_, n)) in run.iter().enumerate() {
                    let t = self.text(n);
                    if let Some(&(_, first)) = run[..k].iter().find(|(_, f)| self.text(*f) == t) {
                        dups.push((t.to_owned(), self.seen(n), self.seen(first)));
                    }
                }
            }
            i = j;
        }
        dups
    }

    /// Whether `id` was seen ([`IdIndex::finish`] must have been called).
    pub(crate) fn contains(&self, id: &str) -> bool {
        debug_assert!(self.sorted);
        let h = hash(id.as_bytes());
        let from = self.keys.partition_point(|k| k.0 < h);
        self.keys[from..]
            .iter()
            .take_while(|k| k.0 == h)
            .any(|&(_, n)| self.text(n) == id)
    }

    /// The number of occurrences.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Marks every occurrence as seen in file `file`.
    pub(crate) fn set_file(&mut self, file: u32) {
        for e in &mut self.entries {
            e.file = file;
        }
    }

    /// Whether no id was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_duplicates_and_members() {
        let mut a = IdIndex::default();
        a.push("v1", 0, 2);
        a.push("v2", 0, 3);
        let mut b = IdIndex::default();
        b.push("v1", 0, 7);
        b.push("", 0, 8);
        a.append(&b, 1);
        let dups = a.finish();
        assert_eq!(
            dups,
            vec![(
                "v1".to_owned(),
                Seen { file: 1, line: 7 },
                Seen { file: 0, line: 2 }
            )]
        );
        assert!(a.contains("v2"));
        assert!(!a.contains("v3"));
        assert_eq!(a.len(), 3);
    }
}
