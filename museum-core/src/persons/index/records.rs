//! The records of the person index as they are stored ([`IndexRecords`]): an incremental run
//! reads every known record's id, fingerprint and blocking keys once, decodes the rest only for
//! the records it compares, and copies the unchanged records into the new index as they are.
//! At a million records that keeps the index at the size of its file in memory (about a third
//! of what the decoded records took).

use super::{Dec, Enc};
use crate::dedup::blocking::WindowRef;
use crate::dedup::compare::Known;
use crate::dedup::frozen::RecordKeys;

/// The records of an index, each as its bytes in the file (see
/// [`PersonsIndex`](super::PersonsIndex)'s format: id, fingerprint, content hash, folded birth
/// place, keys, flags, sort fields), checked when read and decoded on demand.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct IndexRecords {
    bytes: Vec<u8>,
    /// Where each record starts in `bytes`, then the end.
    at: Vec<usize>,
}

/// One record of an index, borrowed from its bytes.
///
/// Its texts are kept as bytes: they were checked to be UTF-8 when the records were read or
/// written, and are converted only where a text is needed (a view is taken several times per
/// record in a run, mostly for its keys: only the lengths before them are read, and the sort
/// fields are read when asked for).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordView<'a> {
    id: &'a [u8],
    content: u64,
    place: &'a [u8],
    keys: &'a [u8],
    flags: &'a [u8],
    /// The sort fields as stored (a byte 0, or 1 and three texts and a year).
    window: &'a [u8],
}

/// A text of a record view (checked UTF-8 when read; an impossible failure reads as empty).
fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or("")
}

/// The `u32` at `at` of `b` (0 past its end: the bytes were checked when read or written).
fn u32_at(b: &[u8], at: usize) -> usize {
    b.get(at..at + 4)
        .map_or(0, |x| u32::from_le_bytes([x[0], x[1], x[2], x[3]]) as usize)
}

/// The `u64` at `at` of `b` (0 past its end, as [`u32_at`]).
fn u64_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8).map_or(0, |x| {
        let mut a = [0u8; 8];
        a.copy_from_slice(x);
        u64::from_le_bytes(a)
    })
}

/// `n` bytes of `b` from `at` (empty past its end, as [`u32_at`]).
fn bytes_at(b: &[u8], at: usize, n: usize) -> &[u8] {
    b.get(at..at.saturating_add(n)).unwrap_or(&[])
}

impl<'a> RecordView<'a> {
    /// Checks the record at the start of `d` (every length, and every text when `check`) and
    /// moves past it.
    fn check(d: &mut Dec<'a>, check: bool) -> std::result::Result<(), String> {
        let text = |d: &mut Dec<'a>| {
            let n = d.u32()? as usize;
            let b = d.take(n)?;
            if check && std::str::from_utf8(b).is_err() {
                return Err("a text is not UTF-8".to_owned());
            }
            Ok(b)
        };
        text(d)?;
        // The fingerprint and the content hash.
        d.u64()?;
        d.u64()?;
        text(d)?;
        let k = d.u32()? as usize;
        d.take(k.checked_mul(9).ok_or("a key count is too large")?)?;
        if d.u8()? != 0 {
            for _ in 0..3 {
                text(d)?;
            }
            d.take(2)?;
        }
        Ok(())
    }

    /// The view of a record's bytes, checked before (see [`RecordView::check`]): only the
    /// lengths before the keys are read.
    fn of(b: &'a [u8]) -> RecordView<'a> {
        let n = u32_at(b, 0);
        let id = bytes_at(b, 4, n);
        let at = 4 + n + 8;
        let content = u64_at(b, at);
        let at = at + 8;
        let n = u32_at(b, at);
        let place = bytes_at(b, at + 4, n);
        let at = at + 4 + n;
        let k = u32_at(b, at);
        let keys = bytes_at(b, at + 4, 8 * k);
        let flags = bytes_at(b, at + 4 + 8 * k, k);
        let window = b.get(at + 4 + 9 * k..).unwrap_or(&[]);
        RecordView {
            id,
            content,
            place,
            keys,
            flags,
            window,
        }
    }

    /// The record's id.
    pub(crate) fn id(&self) -> &'a str {
        text(self.id)
    }

    /// Its blocking keys, each with the record's flag for it.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (u64, bool)> + 'a {
        let flags = self.flags;
        self.keys.chunks_exact(8).zip(flags).map(|(k, f)| {
            let mut a = [0u8; 8];
            a.copy_from_slice(k);
            (u64::from_le_bytes(a), *f != 0)
        })
    }

    /// Its sort fields in large blocks, borrowed from the index.
    pub(crate) fn window(&self) -> Option<WindowRef<'a>> {
        let b = self.window;
        if b.first().copied().unwrap_or(0) == 0 {
            return None;
        }
        let mut at = 1;
        let mut part = || {
            let n = u32_at(b, at);
            let t = text(bytes_at(b, at + 4, n));
            at += 4 + n;
            t
        };
        let parts = [part(), part(), part()];
        let y = bytes_at(b, at, 2);
        let year = if y.len() == 2 {
            i16::from_le_bytes([y[0], y[1]])
        } else {
            0
        };
        Some((parts, year))
    }

    /// Its content hash and folded birth place ([`Known`]).
    pub(crate) fn known(&self) -> Known {
        Known {
            fingerprint: self.content,
            place: text(self.place).into(),
        }
    }

    /// All it holds of the record's keys, decoded.
    #[cfg(test)]
    pub(crate) fn to_keys(self) -> RecordKeys {
        RecordKeys {
            keys: self.keys().collect(),
            window: self
                .window()
                .map(|(parts, year)| (parts.map(Into::into), year)),
            known: self.known(),
        }
    }
}

impl IndexRecords {
    /// The bytes of the records held.
    pub(crate) fn bytes_len(&self) -> usize {
        self.bytes.len()
    }

    /// Records held.
    pub(crate) fn len(&self) -> usize {
        self.at.len().saturating_sub(1)
    }

    /// Record `k`.
    pub(crate) fn view(&self, k: usize) -> RecordView<'_> {
        RecordView::of(&self.bytes[self.at[k]..self.at[k + 1]])
    }

    /// Record `k`'s id (its bytes) and fingerprint, read without decoding the rest: what
    /// matching the records of a run to the index's reads of every record.
    pub(crate) fn head(&self, k: usize) -> (&[u8], u64) {
        let b = &self.bytes[self.at[k]..self.at[k + 1]];
        // Checked when the records were read or written, as in `view`.
        let n = u32_at(b, 0);
        (bytes_at(b, 4, n), u64_at(b, 4 + n))
    }

    /// Every record, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = RecordView<'_>> {
        (0..self.len()).map(|k| self.view(k))
    }

    /// Adds a record.
    pub(crate) fn push(&mut self, id: &str, fingerprint: u64, keys: &RecordKeys) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        let mut e = Enc(std::mem::take(&mut self.bytes));
        e.str(id);
        e.u64(fingerprint);
        e.u64(keys.known.fingerprint);
        e.str(&keys.known.place);
        e.u32(keys.keys.len() as u32);
        for (k, _) in &keys.keys {
            e.u64(*k);
        }
        for (_, f) in &keys.keys {
            e.0.push(u8::from(*f));
        }
        match &keys.window {
            None => e.0.push(0),
            Some((parts, year)) => {
                e.0.push(1);
                for part in parts {
                    e.str(part);
                }
                e.0.extend_from_slice(&year.to_le_bytes());
            }
        }
        self.bytes = e.0;
        self.at.push(self.bytes.len());
    }

    /// Adds record `k` of `other` as it is.
    pub(crate) fn push_copy(&mut self, other: &IndexRecords, k: usize) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.bytes
            .extend_from_slice(&other.bytes[other.at[k]..other.at[k + 1]]);
        self.at.push(self.bytes.len());
    }

    /// Adds record `k` of these records again (a record before the last).
    pub(crate) fn push_copy_within(&mut self, k: usize) {
        self.bytes.extend_from_within(self.at[k]..self.at[k + 1]);
        self.at.push(self.bytes.len());
    }

    /// The records from `k` on, taken out: these keep the first `k` (their bytes where they
    /// are).
    pub(crate) fn split_off(&mut self, k: usize) -> IndexRecords {
        if k >= self.len() {
            return IndexRecords::default();
        }
        let start = self.at[k];
        let bytes = self.bytes.split_off(start);
        let at = self.at.split_off(k + 1);
        let mut tail: Vec<usize> = Vec::with_capacity(at.len() + 1);
        tail.push(0);
        tail.extend(at.iter().map(|a| a - start));
        IndexRecords { bytes, at: tail }
    }

    /// Writes the records as the file holds them: their count, then each.
    pub(super) fn encode(&self, e: &mut Enc) {
        e.u64(self.len() as u64);
        e.0.extend_from_slice(&self.bytes);
    }

    /// Reads the records as the file holds them, checking each.
    pub(super) fn decode(d: &mut Dec<'_>) -> std::result::Result<IndexRecords, String> {
        let n = d.len()?;
        let start = d.pos;
        let mut at = Vec::with_capacity(n + 1);
        for _ in 0..n {
            at.push(d.pos - start);
            RecordView::check(d, true)?;
        }
        at.push(d.pos - start);
        Ok(IndexRecords {
            bytes: d.b[start..d.pos].to_vec(),
            at,
        })
    }
}
