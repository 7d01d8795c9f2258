//! Persons with stable ids while the archive grows list by list.
//!
//! Deduplication ([`crate::dedup`]) says which records are one person, but its clusters are
//! numbered anew on every run. The **person registry** (`persons.csv` beside the data,
//! [`Registry`]) gives each person an id minted once (`P000001`) and kept across runs: every run
//! deduplicates the whole archive, honouring the human decisions, and then reconciles the
//! clusters with the registry ([`reconcile()`], whose rules keep ids, mint new ones, merge with
//! redirects and split). Retired ids are kept as redirects (`merged_into`) and never reused, so a
//! page address made from a person id never breaks.
//!
//! ```
//! use museum_core::dedup::{DedupOptions, DedupRecord};
//! use museum_core::io::{read_file, CsvOptions};
//! use museum_core::persons::{self, PersonsOptions, Registry};
//! use museum_core::Victim;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("victims.csv");
//! std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
//!     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
//!     v2,Байтурсынов,Ахмет,,1872,ВМН\n").unwrap();
//! let load = |p: &std::path::Path| -> Vec<DedupRecord> {
//!     let (victims, _) = read_file::<Victim>(p, &CsvOptions::default()).unwrap();
//!     victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect()
//! };
//! let options = PersonsOptions {
//!     dedup: DedupOptions::default(),
//!     date: "2026-12-01".into(),
//!     incremental: true,
//!     min_indexed_records: persons::MIN_INDEXED_RECORDS,
//! };
//! let first = persons::run(load(&path), &[], &Registry::default(), &options).unwrap();
//! assert_eq!(first.reconciled.changes.new_persons.len(), 2);
//!
//! // A new list names Bukeikhanov again, in Russian spelling: he keeps his id.
//! std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
//!     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
//!     v2,Байтурсынов,Ахмет,,1872,ВМН\n\
//!     v3,Букейханов,Алихан,Нурмухамедович,1866,ВМН\n").unwrap();
//! let second = persons::run(load(&path), &[], &first.reconciled.registry, &options).unwrap();
//! let person = second.reconciled.registry.person_of_record();
//! assert_eq!(person["v3"], person["v1"]);
//! assert_eq!(second.reconciled.changes.joined.len(), 1);
//! ```

mod incremental;
mod index;
mod merged;
mod reconcile;
mod registry;

use std::collections::HashSet;

pub use index::{INDEX_FILE, INDEX_MAGIC, INDEX_VERSION, PersonsIndex, REBUILD_SHARE, index_path};
pub use merged::{
    FieldValue, MergedPersons, PERSON_FIELDS, PersonEntry, PersonField, PersonRecordRef,
    PersonStatus, PreferredRule, RecordKind, Spelling, merge_persons, person_schema,
};
pub use reconcile::{Changes, Merge, NewPerson, Reconciled, RecordMove, Retirement, reconcile};
pub use registry::{REGISTRY_FILE, REGISTRY_HEADER, Registry, RegistryRow};

use crate::dedup::{Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator, Increment};
use crate::error::{Error, Result};
use crate::hash::FxHashMap;

/// Options of a persons run.
#[derive(Debug, Clone)]
pub struct PersonsOptions {
    /// How records are matched.
    pub dedup: DedupOptions,
    /// The day new registry rows carry (`YYYY-MM-DD`).
    pub date: String,
    /// With a registry, compare only new and changed records (and those named by a decision)
    /// against the archive; the others keep their persons. `false`: compare everything again.
    pub incremental: bool,
    /// An archive of fewer records than this is matched whole even with a person index
    /// ([`MIN_INDEXED_RECORDS`] by default): its full run takes seconds, and the model of a small
    /// list (above all its prior, the share of duplicates) is too unsure to freeze.
    pub min_indexed_records: usize,
}

/// The default of [`PersonsOptions::min_indexed_records`].
pub const MIN_INDEXED_RECORDS: usize = 5_000;

/// The result of a persons run.
#[derive(Debug)]
pub struct PersonsRun {
    /// The deduplication the persons come from. In an incremental run with an index, of the
    /// records compared only (see [`run_with_index`]), whose indices it uses.
    pub dedup: DedupResult,
    /// The new registry and what changed.
    pub reconciled: Reconciled,
    /// Records compared in an incremental run (new, changed or named by a decision); `None`
    /// when every record was compared.
    pub compared: Option<usize>,
    /// In an incremental run with an index: the records clustered (the compared ones, the known
    /// records a scored pair links to them, with their persons).
    pub compared_with: Option<usize>,
    /// In an incremental run with an index: the known records the compared ones were scored
    /// against (those a full run pairs them with), and the pairs scored.
    pub scored_with: Option<(usize, usize)>,
    /// The index to write beside the new registry (see [`PersonsIndex`]).
    pub index: PersonsIndex,
    /// The new registry's file ([`Registry::to_csv`] of [`Reconciled::registry`]), made once
    /// for the index's registry hash: write these bytes rather than making them again.
    pub registry_csv: Vec<u8>,
    /// Why the index given was not used (a full run built a new one); `None` when it was used
    /// or none was given.
    pub index_rebuilt: Option<String>,
    /// Seconds spent in each stage (`fingerprints`, `matching`, `reconciling`, `index`; an
    /// incremental run with the index also `keys`, `pairs`, `scoring` and `clustering`, within
    /// `matching`).
    pub timings: Vec<(&'static str, f64)>,
}

/// Deduplicates `records` (honouring `decisions`) and reconciles the clusters with `registry`,
/// without an index: as [`run_with_index`] with none.
///
/// # Errors
/// As [`run_with_index`].
pub fn run(
    records: Vec<DedupRecord>,
    decisions: &[Decision],
    registry: &Registry,
    options: &PersonsOptions,
) -> Result<PersonsRun> {
    run_with_index(records, decisions, registry.clone(), None, options)
}

/// Deduplicates `records` (honouring `decisions`) and reconciles the clusters with `registry`.
/// Nothing is written: the caller writes [`Reconciled::registry`] and [`PersonsRun::index`] (or
/// not, in a dry run; [`Reconciled::same_file`] says whether the registry changed). The records
/// are taken, and freed once matched (reconciling and the new index need only their ids); the
/// registry and the index are taken too, and become the new ones (the rows and index records
/// that stay are moved, not copied).
///
/// With [`PersonsOptions::incremental`] and a registry, a record is compared again only when
/// it is new, its [`fingerprint`] changed, or a decision names it; every other record stays with
/// the records it shares a person with. With a usable `index` (built for this registry, these
/// settings, and not outgrown: see [`PersonsIndex`]) only those records are prepared and keyed,
/// and they are compared with the known records that share a blocking key with them, scored by
/// the index's model and statistics. Without one, every record is keyed and the model is
/// fitted on the whole archive (new records are still compared only against it), and a new
/// index is built.
///
/// # Errors
/// When a record has no id or two records share one (the message names both places).
pub fn run_with_index(
    mut records: Vec<DedupRecord>,
    decisions: &[Decision],
    registry: Registry,
    mut index: Option<PersonsIndex>,
    options: &PersonsOptions,
) -> Result<PersonsRun> {
    let clock = std::time::Instant::now();
    let mut timings = Vec::new();
    check_ids(&records)?;
    // Every record's fingerprint, on the pool (in record order, whatever the threads); the
    // registry's text of it is written only for the rows that need it.
    let threads = crate::dedup::util::threads(options.dedup.threads);
    let bits: Vec<u64> = crate::dedup::util::par_chunks(records.len(), threads, |range| {
        records[range]
            .iter()
            .map(fingerprint_bits)
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    let fingerprints = reconcile::Fingerprints::Bits(&bits);
    let mut dedup_options = options.dedup.clone();
    let mut compared = None;
    let mut increment_of = None;
    if options.incremental && !registry.is_empty() {
        let (increment, changed) = increment(&records, fingerprints, decisions, &registry);
        let n = increment.focus.iter().filter(|f| **f).count();
        if n < records.len() {
            compared = Some(n);
            increment_of = Some((increment, changed));
        }
    }
    timings.push(("fingerprints", clock.elapsed().as_secs_f64()));
    // Why the index cannot serve this run.
    let unusable = match (&index, &increment_of) {
        (None, _) => None,
        (Some(_), None) if !options.incremental => Some("`--full` compares every record".into()),
        (Some(_), None) => Some("every record is new".into()),
        (Some(_), Some(_)) if records.len() < options.min_indexed_records => Some(format!(
            "an archive of fewer than {} records is matched whole",
            options.min_indexed_records
        )),
        (Some(ix), Some((_, changed))) => ix
            .unusable(&registry, &options.dedup)
            .map(str::to_owned)
            .or_else(|| {
                let limit = (ix.base_records as f64 * REBUILD_SHARE).floor() as u64;
                (ix.changed_since + *changed as u64 > limit).then(|| {
                    format!(
                        "{} records are new or changed since it was built from {} (more than {:.0} %)",
                        ix.changed_since + *changed as u64,
                        ix.base_records,
                        REBUILD_SHARE * 100.0
                    )
                })
            }),
    };
    let mut index_rebuilt = unusable;
    if let (Some(ix), Some((inc, changed)), None) = (index.take(), &increment_of, &index_rebuilt) {
        let clock = std::time::Instant::now();
        match incremental::run(&mut records, &bits, decisions, &ix, inc, &options.dedup) {
            Ok(sub) => {
                timings.extend(sub.timings);
                timings.push(("matching", clock.elapsed().as_secs_f64()));
                let clock = std::time::Instant::now();
                let ids = ids_of(records);
                let reconciled =
                    reconcile_all(registry, &ids, fingerprints, &sub.cluster_of, options)?;
                timings.push(("reconciling", clock.elapsed().as_secs_f64()));
                let clock = std::time::Instant::now();
                let old = ix.positions(ids.iter().map(String::as_str));
                let mut fresh: FxHashMap<usize, crate::dedup::frozen::RecordKeys> =
                    sub.focus_keys.into_iter().collect();
                // A known record's entry is copied as it is; the others are written anew. The
                // records that are the index's first ones, as they were, stay where they are
                // (an archive grows at its end): the rest is taken out and copied back.
                let prefix = (0..ids.len())
                    .take_while(|&i| old[i] == Some(i as u32) && !fresh.contains_key(&i))
                    .count();
                let PersonsIndex {
                    records: mut new_records,
                    settings_hash,
                    base_records,
                    changed_since,
                    frozen,
                    ..
                } = ix;
                let rest = new_records.split_off(prefix);
                for (i, id) in ids.iter().enumerate().skip(prefix) {
                    match (fresh.remove(&i), old[i]) {
                        (None, Some(k)) if k as usize >= prefix => {
                            new_records.push_copy(&rest, k as usize - prefix);
                        }
                        (None, Some(k)) => new_records.push_copy_within(k as usize),
                        (keys, _) => new_records.push(id, bits[i], &keys.unwrap_or_default()),
                    }
                }
                drop(rest);
                let registry_csv = reconciled.registry.to_csv();
                let new_index = PersonsIndex {
                    registry_hash: index::registry_hash(&registry_csv),
                    settings_hash,
                    base_records,
                    changed_since: changed_since + *changed as u64,
                    frozen,
                    records: new_records,
                };
                timings.push(("index", clock.elapsed().as_secs_f64()));
                return Ok(PersonsRun {
                    dedup: sub.dedup,
                    reconciled,
                    compared,
                    compared_with: Some(sub.compared_with),
                    scored_with: Some((sub.scored_with, sub.pairs)),
                    index: new_index,
                    registry_csv,
                    index_rebuilt: None,
                    timings,
                });
            }
            Err(why) => index_rebuilt = Some(why.to_owned()),
        }
    }
    if let Some((inc, _)) = increment_of {
        dedup_options.increment = Some(std::sync::Arc::new(inc));
    }
    let clock = std::time::Instant::now();
    let dedup = Deduplicator::new(dedup_options).run(&records, decisions);
    timings.push(("matching", clock.elapsed().as_secs_f64()));
    let clock = std::time::Instant::now();
    let ids = ids_of(records);
    let reconciled = reconcile_all(registry, &ids, fingerprints, &dedup.cluster_of, options)?;
    timings.push(("reconciling", clock.elapsed().as_secs_f64()));
    let clock = std::time::Instant::now();
    let keys =
        crate::dedup::frozen::keys_of_result(&dedup, options.dedup.threads, &options.dedup.rules);
    let registry_csv = reconciled.registry.to_csv();
    let new_index = PersonsIndex {
        registry_hash: index::registry_hash(&registry_csv),
        settings_hash: index::settings_hash(&options.dedup),
        base_records: ids.len() as u64,
        changed_since: 0,
        frozen: std::sync::Arc::new(crate::dedup::Frozen::of(&dedup)),
        records: {
            let mut out = index::IndexRecords::default();
            for (i, (id, k)) in ids.iter().zip(keys).enumerate() {
                out.push(id, bits[i], &k);
            }
            out
        },
    };
    timings.push(("index", clock.elapsed().as_secs_f64()));
    Ok(PersonsRun {
        dedup,
        reconciled,
        compared,
        compared_with: None,
        scored_with: None,
        index: new_index,
        registry_csv,
        index_rebuilt,
        timings,
    })
}

fn reconcile_all(
    registry: Registry,
    ids: &[String],
    fingerprints: reconcile::Fingerprints<'_>,
    clusters: &[u32],
    options: &PersonsOptions,
) -> Result<Reconciled> {
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    reconcile::reconcile_owned(registry, &ids, fingerprints, clusters, &options.date)
}

/// The records' ids, each record freed as its id is taken.
fn ids_of(records: Vec<DedupRecord>) -> Vec<String> {
    records.into_iter().map(|r| r.id).collect()
}

/// Which records an incremental run compares, and the persons the others keep; with the
/// number of records new or changed (not only named by a decision).
fn increment(
    records: &[DedupRecord],
    fingerprints: reconcile::Fingerprints<'_>,
    decisions: &[Decision],
    registry: &Registry,
) -> (Increment, usize) {
    let decided: HashSet<&str> = decisions
        .iter()
        .flat_map(|d| [d.record_a.as_str(), d.record_b.as_str()])
        .collect();
    let known: FxHashMap<&str, (&str, &str)> = registry
        .rows()
        .iter()
        .filter_map(|r| {
            Some((
                r.record_id.as_deref()?,
                (r.person_id.as_str(), r.fingerprint.as_str()),
            ))
        })
        .collect();
    let mut group: FxHashMap<&str, u32> = FxHashMap::default();
    let mut inc = Increment {
        focus: Vec::with_capacity(records.len()),
        known: Vec::with_capacity(records.len()),
        frozen: None,
    };
    let mut changed = 0;
    for (i, r) in records.iter().enumerate() {
        let was = known.get(r.id.as_str());
        let same = was.is_some_and(|(_, was)| fingerprints.is(i, was) == Some(true));
        if !same {
            changed += 1;
        }
        match was {
            Some((person, _)) if same && !decided.contains(r.id.as_str()) => {
                let next = u32::try_from(group.len()).unwrap_or(u32::MAX);
                inc.focus.push(false);
                inc.known.push(Some(*group.entry(person).or_insert(next)));
            }
            _ => {
                inc.focus.push(true);
                inc.known.push(None);
            }
        }
    }
    (inc, changed)
}

/// A hash of what matching reads of a record (not its id nor where it was read), with the ids
/// of the records the data says are the same person: 16 hex digits. A record whose fingerprint
/// differs from the registry's is compared again in an incremental run.
///
/// The hash is [`crate::dedup`]'s stable content hash (FNV-1a 64 with a final mix, the same on
/// every platform and run) over the record's compared fields and then its `same_as` ids; the
/// fields and their order are documented in `dedup/compare/fingerprint.rs`. It may change with
/// a new version of this crate (the next run then compares every record once).
pub fn fingerprint(r: &DedupRecord) -> String {
    fingerprint_text(fingerprint_bits(r))
}

/// A [`fingerprint_bits`] as the registry writes it: sixteen lowercase hex digits.
pub(crate) fn fingerprint_text(bits: u64) -> String {
    format!("{bits:016x}")
}

/// [`fingerprint`] as a number.
fn fingerprint_bits(r: &DedupRecord) -> u64 {
    crate::dedup::compare::fingerprints(r).1
}

fn check_ids(records: &[DedupRecord]) -> Result<()> {
    let place = |r: &DedupRecord| match (&r.origin.file, r.origin.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.to_string(),
        _ => "the input".to_owned(),
    };
    let mut seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(records.len(), rustc_hash::FxBuildHasher);
    for (i, r) in records.iter().enumerate() {
        if r.id.trim().is_empty() {
            return Err(Error::invalid_option(format!(
                "{}: field `id`: the record has no id; a person registry needs an id on every record",
                place(r)
            )));
        }
        if let Some(&j) = seen.get(r.id.as_str()) {
            return Err(Error::invalid_option(format!(
                "{}: field `id`: `{}` is also the id of the record at {}; a person registry needs unique record ids",
                place(r),
                r.id,
                place(&records[j])
            )));
        }
        seen.insert(&r.id, i);
    }
    Ok(())
}
