//! A compact set of record ids with where each was first seen: the only per-record state
//! validation keeps, so that a million victims cost a few tens of megabytes.
//!
//! Ids are stored back to back in one arena; each entry is a hash, an arena range, a file number
//! and a line. Duplicates and lookups work on the entries sorted by hash.

/// One id occurrence.
#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
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
    /// Adds an occurrence of `id`; empty ids are skipped.
    pub(crate) fn push(&mut self, id: &str, file: u32, line: u64) {
        if id.is_empty() {
            return;
        }
        let start = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(id.as_bytes());
        self.entries.push(Entry {
            hash: hash(id.as_bytes()),
            line,
            start,
            len: u32::try_from(id.len()).unwrap_or(u32::MAX),
            file,
        });
        self.sorted = false;
    }

    /// Appends every occurrence of `other` (collected for file `file`).
    pub(crate) fn append(&mut self, other: &IdIndex, file: u32) {
        let base = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(&other.arena);
        self.entries.extend(other.entries.iter().map(|e| Entry {
            start: e.start + base,
            file,
            ..*e
        }));
        self.sorted = false;
    }

    fn text(&self, e: &Entry) -> &str {
        let bytes = &self.arena[e.start as usize..(e.start + e.len) as usize];
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// Sorts the entries (by hash, then order seen) and returns every repeated id with its
    /// occurrence and the first occurrence.
    pub(crate) fn finish(&mut self) -> Vec<(String, Seen, Seen)> {
        self.entries
            .sort_unstable_by_key(|e| (e.hash, e.file, e.line, e.start));
        self.sorted = true;
        let mut dups = Vec::new();
        let mut i = 0;
        while i < self.entries.len() {
            let mut j = i + 1;
            while j < self.entries.len() && self.entries[j].hash == self.entries[i].hash {
                j += 1;
            }
            if j - i > 1 {
                // Equal hashes: compare the texts (a collision is not a duplicate).
                let run = &self.entries[i..j];
                for (k, e) in run.iter().enumerate() {
                    let t = self.text(e);
                    if let Some(first) = run[..k].iter().find(|f| self.text(f) == t) {
                        dups.push((
                            t.to_owned(),
                            Seen {
                                file: e.file,
                                line: e.line,
                            },
                            Seen {
                                file: first.file,
                                line: first.line,
                            },
                        ));
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
        let from = self.entries.partition_point(|e| e.hash < h);
        self.entries[from..]
            .iter()
            .take_while(|e| e.hash == h)
            .any(|e| self.text(e) == id)
    }

    /// The number of occurrences.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
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
