//! The person index (`persons.index` beside `persons.csv`): what an incremental run needs of
//! the archive without keying and modelling it again.

mod records;
pub(crate) use records::IndexRecords;

use std::path::Path;

use crate::dedup::Frozen;
use crate::dedup::frozen::FrozenStats;
use crate::dedup::model::{FrozenModel, MAX_LEVELS, Table};
use crate::error::{Error, Result};
use crate::hash::{FxHashMap, StableHasher};

/// The first bytes of an index file.
pub const INDEX_MAGIC: &[u8] = b"museum-persons-index\n";
/// The format version this build reads and writes.
pub const INDEX_VERSION: u32 = 3;
/// The file name of the index beside a registry `persons.csv`.
pub const INDEX_FILE: &str = "persons.index";
/// An incremental run rebuilds the index (a full run) when the records new or changed since
/// the last full run would be more than this share of the records it was built from.
pub const REBUILD_SHARE: f64 = 0.10;

/// The index file beside a registry: `persons.csv` → `persons.index`.
pub fn index_path(registry: &Path) -> std::path::PathBuf {
    registry.with_extension("index")
}

/// The person index (`persons.index` beside `persons.csv`): what an incremental run needs of
/// the archive without keying and modelling it again.
///
/// It keeps, from the last full run, the trained model and the whole-list statistics (term
/// frequencies and the rarity of birth-place words: [`crate::dedup::Frozen`]), and per record its
/// id, its [`fingerprint`](super::fingerprint) and its blocking keys. It is a cache: it is never
/// trusted blindly, and a run that cannot use it does a full run and writes a new one.
///
/// # Format (version 3)
///
/// Little-endian binary:
///
/// | bytes | content |
/// |---|---|
/// | 21 | the magic line `museum-persons-index\n` |
/// | 4 | the format version (`u32`, 3; version 2 held content hashes of another algorithm and is rebuilt) |
/// | 8 | a checksum of everything after it (the crate's stable FNV-1a 64 hash) |
/// | 8 | a hash of the registry it belongs to (its CSV text as written) |
/// | 8 | a hash of the matching settings and the crate version it was built with |
/// | 8 + 8 | records of the full run that built it; records new or changed since |
/// | … | the model (prior, m and u tables, namesake corrections, nationality strata) |
/// | … | the statistics (tables of text → records, days and months, place words) |
/// | 8 + … | the records: per record its id, fingerprint (`u64`), content hash that orders its comparisons (`u64`) and folded birth place (a text), as matching computes them (kept so that an incremental run does not compute them again for known records), key count (`u32`), keys (`u64`), flags (one byte each), and its sort fields in large blocks (a byte 0 for none, or 1 and the first name's surname stem, given name and patronymic stem as texts and the birth year as `i16`) |
///
/// Texts are a `u32` length and UTF-8 bytes, floating-point numbers their `f64` bits, tables a
/// `u64` count and entries sorted (so that the same index is the same bytes).
///
/// # When it is rebuilt
///
/// A run does a full comparison and writes a new index when the index is missing, unreadable
/// (wrong magic, version or checksum, truncated), built for another registry (the registry was
/// edited, or written by a run whose index write did not happen), built with other matching
/// settings or another version of museum, or when the records new or changed since it was
/// built would exceed [`REBUILD_SHARE`] of the records it was built from: the frozen statistics
/// (term frequencies, which place words are rare) and the model then no longer describe the
/// archive well enough.
#[derive(Debug, Clone)]
pub struct PersonsIndex {
    pub(crate) registry_hash: u64,
    pub(crate) settings_hash: u64,
    pub(crate) base_records: u64,
    pub(crate) changed_since: u64,
    pub(crate) frozen: std::sync::Arc<Frozen>,
    pub(crate) records: IndexRecords,
}

/// The hash of a registry's text, as an index names the registry it belongs to.
pub(crate) fn registry_hash(csv: &[u8]) -> u64 {
    let mut h = StableHasher::new(0x7265_6769_7374_7279);
    h.part(csv);
    h.finish()
}

/// The hash of what makes keys, models and statistics comparable: the matching settings and
/// this crate's version.
pub(crate) fn settings_hash(o: &crate::dedup::DedupOptions) -> u64 {
    let mut h = StableHasher::new(0x7365_7474_696e_6773);
    h.part(env!("CARGO_PKG_VERSION").as_bytes());
    h.part(&INDEX_VERSION.to_le_bytes());
    for r in &o.rules {
        h.part(r.as_str().as_bytes());
    }
    h.part(b"\x1d");
    for x in [
        o.max_block_size as u64,
        o.window as u64,
        o.u_sample as u64,
        o.model_pairs as u64,
        o.em_iterations as u64,
        o.soft_em_rounds as u64,
        o.seed,
        o.threshold.to_bits(),
        o.min_mean_probability.to_bits(),
        o.min_cross_probability.to_bits(),
        o.prior_strength.to_bits(),
        u64::from(o.term_frequency),
        u64::from(o.model.is_some()),
    ] {
        h.part(&x.to_le_bytes());
    }
    h.finish()
}

impl PersonsIndex {
    /// Reads the index at `path`; `Ok(None)` when there is none.
    ///
    /// # Errors
    /// When it cannot be read or is not a valid index of this version (the message says why);
    /// the caller then builds a new one.
    pub fn read(path: &Path) -> Result<Option<PersonsIndex>> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read", path, e)),
        };
        PersonsIndex::from_bytes(&bytes)
            .map(Some)
            .map_err(|why| Error::invalid_option(format!("`{}`: {why}", path.display())))
    }

    /// Writes the index to `path` atomically.
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::fsutil::write_bytes_atomic(path, &self.to_bytes())
    }

    /// Records of the full run that built it.
    pub fn base_records(&self) -> u64 {
        self.base_records
    }

    /// Records new or changed since that run.
    pub fn changed_since(&self) -> u64 {
        self.changed_since
    }

    /// Each of `ids`' place among the index's records (`None`: not in the index). The
    /// records of a grown archive mostly come in the order the index lists them, so they are
    /// matched in step and looked up by id only where the orders part.
    pub(crate) fn positions<'a>(&self, ids: impl Iterator<Item = &'a str>) -> Vec<Option<u32>> {
        let mut by_id: Option<FxHashMap<&str, u32>> = None;
        let mut next = 0usize;
        ids.map(|id| {
            if next < self.records.len() && self.records.head(next).0 == id.as_bytes() {
                next += 1;
                return Some((next - 1) as u32);
            }
            let map = by_id.get_or_insert_with(|| {
                self.records
                    .iter()
                    .enumerate()
                    .map(|(k, r)| (r.id(), k as u32))
                    .collect()
            });
            let at = map.get(id).copied();
            if let Some(k) = at {
                next = k as usize + 1;
            }
            at
        })
        .collect()
    }

    /// Why this index cannot serve a run over `registry` with `options` (`None`: it can).
    pub(crate) fn unusable(
        &self,
        registry: &super::Registry,
        options: &crate::dedup::DedupOptions,
    ) -> Option<&'static str> {
        if !registry.has_hash(self.registry_hash) {
            Some("it belongs to another version of the registry")
        } else if self.settings_hash != settings_hash(options) {
            Some("it was built with other matching settings or another version of museum")
        } else {
            None
        }
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // One buffer: the header with room for the checksum, the payload after it, then the
        // checksum of the payload written in its place (at a million records the payload is
        // some 200 MB: it is not copied).
        let head = INDEX_MAGIC.len() + 4 + 8;
        let mut e = Enc(Vec::with_capacity(
            head + 1024 + self.records.bytes_len() + 8 * self.records.len(),
        ));
        e.0.extend_from_slice(INDEX_MAGIC);
        e.u32(INDEX_VERSION);
        e.u64(0);
        e.u64(self.registry_hash);
        e.u64(self.settings_hash);
        e.u64(self.base_records);
        e.u64(self.changed_since);
        model_to(&mut e, &self.frozen.model);
        stats_to(&mut e, &self.frozen.stats);
        self.records.encode(&mut e);
        let mut out = e.0;
        let sum = checksum(&out[head..]);
        out[head - 8..head].copy_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads an index from its bytes.
    fn from_bytes(bytes: &[u8]) -> std::result::Result<PersonsIndex, String> {
        let rest = bytes
            .strip_prefix(INDEX_MAGIC)
            .ok_or("not a museum person index (wrong first bytes)")?;
        let mut d = Dec { b: rest, pos: 0 };
        let version = d.u32()?;
        if version != INDEX_VERSION {
            return Err(format!(
                "index format version {version}; this museum reads version {INDEX_VERSION}"
            ));
        }
        let sum = d.u64()?;
        let payload = &rest[d.pos..];
        if checksum(payload) != sum {
            return Err("the checksum does not match (the file is damaged or truncated)".into());
        }
        let mut d = Dec { b: payload, pos: 0 };
        let registry_hash = d.u64()?;
        let settings_hash = d.u64()?;
        let base_records = d.u64()?;
        let changed_since = d.u64()?;
        let model = model_from(&mut d)?;
        let stats = stats_from(&mut d)?;
        let records = IndexRecords::decode(&mut d)?;
        if d.pos != payload.len() {
            return Err("unexpected bytes after the records".into());
        }
        Ok(PersonsIndex {
            registry_hash,
            settings_hash,
            base_records,
            changed_since,
            frozen: std::sync::Arc::new(Frozen {
                model,
                stats: std::sync::Arc::new(stats),
                known: Vec::new(),
            }),
            records,
        })
    }
}

fn checksum(payload: &[u8]) -> u64 {
    let mut h = StableHasher::new(0x0069_6e64_6578);
    h.part(payload);
    h.finish()
}

/// The encoder of the index's parts.
pub(super) struct Enc(pub(super) Vec<u8>);

impl Enc {
    pub(super) fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub(super) fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn i32(&mut self, x: i32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    fn f64(&mut self, x: f64) {
        self.u64(x.to_bits());
    }
    pub(super) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn table(&mut self, t: &Table) {
        for row in t {
            for x in row {
                self.f64(*x);
            }
        }
    }
    /// A text → count table, sorted by text.
    fn counts(&mut self, t: &FxHashMap<Box<str>, u32>) {
        let mut v: Vec<(&str, u32)> = t.iter().map(|(k, n)| (&**k, *n)).collect();
        v.sort_unstable();
        self.u64(v.len() as u64);
        for (k, n) in v {
            self.str(k);
            self.u32(n);
        }
    }
    /// A (field, day) → count table, sorted.
    fn days(&mut self, t: &FxHashMap<(u8, i32), u32>) {
        let mut v: Vec<(u8, i32, u32)> = t.iter().map(|(k, n)| (k.0, k.1, *n)).collect();
        v.sort_unstable();
        self.u64(v.len() as u64);
        for (f, d, n) in v {
            self.0.push(f);
            self.i32(d);
            self.u32(n);
        }
    }
}

/// The decoder of the index's parts: every read is checked against the bytes left.
pub(super) struct Dec<'a> {
    pub(super) b: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Dec<'a> {
    pub(super) fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or("the file ends early (truncated)")?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub(super) fn u8(&mut self) -> std::result::Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    pub(super) fn u32(&mut self) -> std::result::Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> std::result::Result<i32, String> {
        Ok(self.u32()? as i32)
    }
    pub(super) fn u64(&mut self) -> std::result::Result<u64, String> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn f64(&mut self) -> std::result::Result<f64, String> {
        Ok(f64::from_bits(self.u64()?))
    }
    /// A count, checked against the bytes left (every entry takes at least one byte).
    pub(super) fn len(&mut self) -> std::result::Result<usize, String> {
        let n = self.u64()?;
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.b.len() - self.pos)
            .ok_or_else(|| format!("a count of {n} entries is larger than the file"))
    }
    fn str(&mut self) -> std::result::Result<Box<str>, String> {
        self.text().map(Into::into)
    }
    pub(super) fn text(&mut self) -> std::result::Result<&'a str, String> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| "a text is not UTF-8".to_owned())
    }
    fn table(&mut self) -> std::result::Result<Table, String> {
        let mut t: Table = [[0.0; MAX_LEVELS]; crate::dedup::compare::FIELDS];
        for row in &mut t {
            for x in row.iter_mut() {
                *x = self.f64()?;
            }
        }
        Ok(t)
    }
    fn counts(&mut self) -> std::result::Result<FxHashMap<Box<str>, u32>, String> {
        let n = self.len()?;
        let mut t = FxHashMap::default();
        t.reserve(n);
        for _ in 0..n {
            let k = self.str()?;
            t.insert(k, self.u32()?);
        }
        Ok(t)
    }
    fn days(&mut self) -> std::result::Result<FxHashMap<(u8, i32), u32>, String> {
        let n = self.len()?;
        let mut t = FxHashMap::default();
        for _ in 0..n {
            let f = self.u8()?;
            let d = self.i32()?;
            t.insert((f, d), self.u32()?);
        }
        Ok(t)
    }
}

fn model_to(e: &mut Enc, m: &FrozenModel) {
    e.f64(m.lambda);
    e.u64(m.u_sample as u64);
    e.u64(m.em_pairs);
    e.0.push(u8::from(m.term_frequency));
    e.u64(m.records as u64);
    e.table(&m.m);
    e.table(&m.u);
    for x in m
        .name_correlation
        .iter()
        .chain(&m.same_name_pairs)
        .chain(&m.p_exact)
    {
        e.f64(*x);
    }
    e.u64(m.strata_sampled.len() as u64);
    for (nat, n) in &m.strata_sampled {
        e.str(nat);
        e.u64(*n as u64);
    }
    e.u64(m.strata.len() as u64);
    for (nat, u, w) in &m.strata {
        e.str(nat);
        e.table(u);
        e.table(w);
    }
}

fn model_from(d: &mut Dec<'_>) -> std::result::Result<FrozenModel, String> {
    let lambda = d.f64()?;
    let u_sample = d.u64()? as usize;
    let em_pairs = d.u64()?;
    let term_frequency = d.u8()? != 0;
    let records = d.u64()? as usize;
    let m = d.table()?;
    let u = d.table()?;
    let mut pairs = [0.0; 6];
    for x in &mut pairs {
        *x = d.f64()?;
    }
    let n = d.len()?;
    let mut strata_sampled = Vec::with_capacity(n);
    for _ in 0..n {
        let nat = d.str()?;
        strata_sampled.push((nat.into_string(), d.u64()? as usize));
    }
    let n = d.len()?;
    let mut strata = Vec::with_capacity(n);
    for _ in 0..n {
        let nat = d.str()?;
        let u = d.table()?;
        strata.push((nat.into_string(), u, d.table()?));
    }
    Ok(FrozenModel {
        lambda,
        u_sample,
        em_pairs,
        term_frequency,
        records,
        m,
        u,
        name_correlation: [pairs[0], pairs[1]],
        same_name_pairs: [pairs[2], pairs[3]],
        p_exact: [pairs[4], pairs[5]],
        strata_sampled,
        strata,
    })
}

fn stats_to(e: &mut Enc, s: &FrozenStats) {
    e.u64(s.records);
    e.counts(&s.surname_stem);
    e.counts(&s.given);
    e.counts(&s.birth_place);
    let mut v: Vec<(&str, &str, u8, u32)> = s
        .by_nationality
        .iter()
        .map(|((a, b, k), n)| (&**a, &**b, *k, *n))
        .collect();
    v.sort_unstable();
    e.u64(v.len() as u64);
    for (a, b, k, n) in v {
        e.str(a);
        e.str(b);
        e.0.push(k);
        e.u32(n);
    }
    e.counts(&s.nationality);
    e.days(&s.day);
    e.days(&s.month);
    let mut t: Vec<(u8, u8, u64)> = s
        .typical
        .iter()
        .map(|(k, x)| (k.0, k.1, x.to_bits()))
        .collect();
    t.sort_unstable();
    e.u64(t.len() as u64);
    for (f, l, x) in t {
        e.0.extend_from_slice(&[f, l]);
        e.u64(x);
    }
    e.counts(&s.place_words);
    e.u32(s.place_limit);
}

fn stats_from(d: &mut Dec<'_>) -> std::result::Result<FrozenStats, String> {
    let records = d.u64()?;
    let surname_stem = d.counts()?;
    let given = d.counts()?;
    let birth_place = d.counts()?;
    let n = d.len()?;
    let mut by_nationality = FxHashMap::default();
    for _ in 0..n {
        let a = d.str()?;
        let b = d.str()?;
        let k = d.u8()?;
        by_nationality.insert((a, b, k), d.u32()?);
    }
    let nationality = d.counts()?;
    let day = d.days()?;
    let month = d.days()?;
    let n = d.len()?;
    let mut typical = FxHashMap::default();
    for _ in 0..n {
        let f = d.u8()?;
        let l = d.u8()?;
        typical.insert((f, l), d.f64()?);
    }
    let place_words = d.counts()?;
    let place_limit = d.u32()?;
    Ok(FrozenStats {
        records,
        surname_stem,
        given,
        birth_place,
        by_nationality,
        nationality,
        day,
        month,
        typical,
        place_words,
        place_limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;
    use crate::persons::{PersonsOptions, Registry, run_with_index};

    fn options() -> PersonsOptions {
        PersonsOptions {
            dedup: crate::dedup::DedupOptions::default().threads(2),
            date: "2026-12-01".into(),
            incremental: true,
            min_indexed_records: 0,
        }
    }

    #[test]
    fn round_trips_byte_for_byte_and_refuses_damage() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
            rec("c", "Байтурсынов Ахмет", Some("1872")),
        ];
        let run = run_with_index(recs.clone(), &[], Registry::default(), None, &options()).unwrap();
        let bytes = run.index.to_bytes();
        assert!(bytes.starts_with(INDEX_MAGIC));
        let back = PersonsIndex::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.records.len(), 3);
        assert!(back.records.iter().all(|r| r.keys().next().is_some()));
        assert_eq!(back.frozen.model, run.index.frozen.model);
        assert_eq!(back.frozen.stats, run.index.frozen.stats);
        // A flipped byte, a truncated file, an older version, another file.
        let mut bad = bytes.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let e = PersonsIndex::from_bytes(&bad).unwrap_err();
        assert!(e.contains("checksum"), "{e}");
        let e = PersonsIndex::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(e.contains("checksum") || e.contains("truncated"), "{e}");
        // Indexes of the earlier formats are rebuilt, never misread: the first had no content
        // hashes, the second content hashes of the fields' debug text (they ordered the
        // comparisons differently).
        for old in [1u8, 2] {
            let mut v = bytes.clone();
            v[INDEX_MAGIC.len()] = old;
            let e = PersonsIndex::from_bytes(&v).unwrap_err();
            assert!(e.contains(&format!("index format version {old}")), "{e}");
            assert!(e.contains("reads version 3"), "{e}");
        }
        let e = PersonsIndex::from_bytes(b"person_id,record_id\n").unwrap_err();
        assert!(e.contains("not a museum person index"), "{e}");
        // The registry it belongs to, and no other.
        let registry = &run.reconciled.registry;
        assert_eq!(back.unusable(registry, &options().dedup), None);
        assert!(
            back.unusable(&Registry::default(), &options().dedup)
                .is_some()
        );
        let other = crate::dedup::DedupOptions::default().threshold(0.8);
        assert!(back.unusable(registry, &other).is_some());
        // Read back from its file, as written or with other line ends (a checkout that turned
        // them into CRLF): the same registry, so the index serves it either way.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("persons.csv");
        let csv = registry.to_csv();
        let crlf = String::from_utf8(csv.clone())
            .unwrap()
            .replace('\n', "\r\n");
        for bytes in [csv, crlf.into_bytes()] {
            std::fs::write(&path, &bytes).unwrap();
            let read = Registry::read(&path).unwrap();
            assert_eq!(back.unusable(&read, &options().dedup), None);
        }
        std::fs::write(
            &path,
            "person_id,record_id,merged_into,assigned,how\nP000001,x,,2026-01-01,new\n",
        )
        .unwrap();
        let read = Registry::read(&path).unwrap();
        assert!(back.unusable(&read, &options().dedup).is_some());
    }

    #[test]
    fn an_incremental_run_keys_only_the_new_records_and_finds_their_persons() {
        let mut recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("c", "Байтурсынов Ахмет", Some("1872")),
            rec("d", "Дулатов Миржакип", Some("1885")),
            rec("c2", "Байтұрсынұлы Ахмет", Some("1872")),
            rec("d2", "Дулатов Міржақып", Some("1885")),
        ];
        for k in 0..40 {
            recs.push(rec(
                &format!("x{k}"),
                &format!("Фамилия{k} Имя{} Отчество{}", k % 7, k % 5),
                Some(&format!("{}", 1880 + k % 30)),
            ));
        }
        let first =
            run_with_index(recs.clone(), &[], Registry::default(), None, &options()).unwrap();
        let index = PersonsIndex::from_bytes(&first.index.to_bytes()).unwrap();
        recs.push(rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")));
        let registry = &first.reconciled.registry;
        let next = run_with_index(
            recs.clone(),
            &[],
            registry.clone(),
            Some(index.clone()),
            &options(),
        )
        .unwrap();
        assert_eq!(next.index_rebuilt, None);
        assert_eq!(next.compared, Some(1));
        let with = next.compared_with.unwrap();
        assert!((2..recs.len()).contains(&with), "{with}");
        let person = next.reconciled.registry.person_of_record();
        assert_eq!(person["b"], person["a"]);
        assert_eq!(next.reconciled.changes.joined.len(), 1);
        // The new index: the old model and statistics, the new record's keys, one change.
        assert_eq!(next.index.changed_since, 1);
        assert_eq!(next.index.records.len(), recs.len());
        assert_eq!(next.index.frozen.model, index.frozen.model);
        // The same as a run without an index.
        let plain = run_with_index(recs.clone(), &[], registry.clone(), None, &options()).unwrap();
        assert_eq!(
            plain.reconciled.registry.to_csv(),
            next.reconciled.registry.to_csv()
        );
        // Its keys are the keys a full run gives the record.
        let b = next.index.records.iter().find(|r| r.id() == "b").unwrap();
        let full = plain.index.records.iter().find(|r| r.id() == "b").unwrap();
        assert_eq!(b.to_keys(), full.to_keys());
        // Every record's content hash (the order of its comparisons) and folded place, kept
        // from the index for the known records, are those a run without the index computes.
        let known = |ix: &PersonsIndex| -> Vec<(Box<str>, crate::dedup::compare::Known)> {
            ix.records
                .iter()
                .map(|r| (r.id().into(), r.known()))
                .collect()
        };
        assert_eq!(known(&next.index), known(&plain.index));
        assert!(
            next.index
                .records
                .iter()
                .all(|r| r.known().fingerprint != 0)
        );
        // Nothing new: nothing compared, nothing changes, the same index.
        let again = run_with_index(
            recs.clone(),
            &[],
            next.reconciled.registry.clone(),
            Some(next.index.clone()),
            &options(),
        )
        .unwrap();
        assert_eq!(again.index_rebuilt, None);
        assert_eq!(again.compared, Some(0));
        assert!(again.reconciled.changes.is_empty());
        assert!(again.reconciled.same_file);
        assert!(!next.reconciled.same_file);
        assert_eq!(again.index.to_bytes(), next.index.to_bytes());
        // An index of another registry is not used.
        let stale = run_with_index(
            recs.clone(),
            &[],
            Registry::default(),
            Some(index),
            &options(),
        );
        assert!(stale.unwrap().index_rebuilt.is_some());
    }
}
