//! A compact set of record ids with where each was first seen: the only per-record state
//! validation keeps, so that a million victims cost a few tens of megabytes.
//!
//! Ids are stored back to back in one arena; each entry is an arena range, a file number and a
//! line. A block's ids are only listed ([`IdIndex::push`]); the ids of a kind are indexed as
//! they arrive in file order ([`IdIndex::add_all`]), so a repeated id is found at once, when
//! its record is read, and its finding can be written in file order with the others.

use hashbrown::HashTable;

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
    /// The entry of each distinct id, by the hash of its text (indexed ids only: repeats are
    /// not stored).
    table: HashTable<u32>,
}

/// Where an id occurs: the file number and the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) file: u32,
    pub(crate) line: u64,
}

// FNV-1a: fast on short ids, and deterministic across runs.
use crate::hash::fnv1a_bytes as hash;

impl IdIndex {
    /// An empty list with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        IdIndex {
            arena: Vec::with_capacity(n * 12),
            entries: Vec::with_capacity(n),
            table: HashTable::new(),
        }
    }

    /// An empty index with room for `n` ids, their table included (so that it is not
    /// rebuilt as it grows).
    pub(crate) fn indexing(n: usize) -> Self {
        IdIndex {
            table: HashTable::with_capacity(n),
            ..IdIndex::with_capacity(n)
        }
    }

    /// Lists an occurrence of `id` (not indexed); empty ids are skipped.
    pub(crate) fn push(&mut self, id: &str, file: u32, line: u64) {
        if id.is_empty() {
            return;
        }
        self.store(id, file, line);
    }

    fn store(&mut self, id: &str, file: u32, line: u64) -> u32 {
        let start = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        self.arena.extend_from_slice(id.as_bytes());
        let n = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.entries.push(Entry {
            line,
            start,
            len: u32::try_from(id.len()).unwrap_or(u32::MAX),
            file,
        });
        n
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

    /// Indexes `id` seen at `file`:`line`: `None` when it is new, else where it was first
    /// seen (the repeat is not stored).
    fn add(&mut self, id: &str, file: u32, line: u64) -> Option<Seen> {
        let h = hash(id.as_bytes());
        if let Some(&n) = self.table.find(h, |&n| self.text(n) == id) {
            return Some(self.seen(n));
        }
        let n = self.store(id, file, line);
        let (arena, entries) = (&self.arena, &self.entries);
        self.table.insert_unique(h, n, |&n| {
            let e = &entries[n as usize];
            hash(&arena[e.start as usize..(e.start + e.len) as usize])
        });
        None
    }

    /// Indexes every id listed in `other` (read in file `file`), in order; calls `repeat`
    /// with each id already seen, where it is now and where it was first seen.
    pub(crate) fn add_all(
        &mut self,
        other: &IdIndex,
        file: u32,
        mut repeat: impl FnMut(&str, Seen, Seen),
    ) {
        for n in 0..other.entries.len() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let (id, line) = (other.text(n), other.entries[n as usize].line);
            if let Some(first) = self.add(id, file, line) {
                repeat(id, Seen { file, line }, first);
            }
        }
    }

    /// Forgets the listed ids (keeps the room).
    pub(crate) fn clear(&mut self) {
        self.arena.clear();
        self.entries.clear();
        self.table.clear();
    }

    /// Whether `id` was indexed.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.table
            .find(hash(id.as_bytes()), |&n| self.text(n) == id)
            .is_some()
    }

    /// Whether no id is stored.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of occurrences stored.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeats_in_order_and_members() {
        let mut a = IdIndex::default();
        a.push("v1", 0, 2);
        a.push("v2", 0, 3);
        let mut b = IdIndex::default();
        b.push("v1", 0, 7);
        b.push("", 0, 8);
        b.push("v1", 0, 9);
        let mut kind = IdIndex::default();
        let mut repeats = Vec::new();
        kind.add_all(&a, 0, |id, at, first| {
            repeats.push((id.to_owned(), at, first));
        });
        kind.add_all(&b, 1, |id, at, first| {
            repeats.push((id.to_owned(), at, first));
        });
        let first = Seen { file: 0, line: 2 };
        assert_eq!(
            repeats,
            vec![
                ("v1".to_owned(), Seen { file: 1, line: 7 }, first),
                ("v1".to_owned(), Seen { file: 1, line: 9 }, first),
            ]
        );
        assert!(kind.contains("v2"));
        assert!(!kind.contains("v3"));
        assert!(!a.contains("v1"), "a list is not an index");
        assert_eq!(kind.len(), 2);
    }

    /// Ids whose hashes collide are still told apart (the texts are compared).
    #[test]
    fn many_ids_grow_the_table_and_stay_distinct() {
        let mut list = IdIndex::default();
        for i in 0..50_000u32 {
            list.push(&format!("v-{i}"), 0, u64::from(i) + 2);
        }
        let mut kind = IdIndex::default();
        let mut repeats = 0;
        kind.add_all(&list, 0, |_, _, _| repeats += 1);
        assert_eq!(repeats, 0);
        assert!((0..50_000).all(|i| kind.contains(&format!("v-{i}"))));
        assert!(!kind.contains("v-50000"));
    }
}
