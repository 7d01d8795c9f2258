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
//! };
//! let first = persons::run(&load(&path), &[], &Registry::default(), &options).unwrap();
//! assert_eq!(first.reconciled.changes.new_persons.len(), 2);
//!
//! // A new list names Bukeikhanov again, in Russian spelling: he keeps his id.
//! std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
//!     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
//!     v2,Байтурсынов,Ахмет,,1872,ВМН\n\
//!     v3,Букейханов,Алихан,Нурмухамедович,1866,ВМН\n").unwrap();
//! let second = persons::run(&load(&path), &[], &first.reconciled.registry, &options).unwrap();
//! let person = second.reconciled.registry.person_of_record();
//! assert_eq!(person["v3"], person["v1"]);
//! assert_eq!(second.reconciled.changes.joined.len(), 1);
//! ```

mod merged;
mod reconcile;
mod registry;

use std::collections::{HashMap, HashSet};

pub use merged::{
    FieldValue, MergedPersons, PersonEntry, PersonField, PersonRecordRef, PersonStatus,
    PreferredRule, RecordKind, Spelling, merge_persons, person_schema,
};
pub use reconcile::{Changes, Merge, NewPerson, Reconciled, RecordMove, Retirement, reconcile};
pub use registry::{REGISTRY_FILE, REGISTRY_HEADER, Registry, RegistryRow};

use crate::dedup::{Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator, Increment};
use crate::error::{Error, Result};

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
}

/// The result of a persons run.
#[derive(Debug)]
pub struct PersonsRun {
    /// The deduplication the persons come from.
    pub dedup: DedupResult,
    /// The new registry and what changed.
    pub reconciled: Reconciled,
    /// Records compared in an incremental run (new, changed or named by a decision); `None`
    /// when every record was compared.
    pub compared: Option<usize>,
    /// Seconds spent in each stage (`fingerprints`, `matching`, `reconciling`).
    pub timings: Vec<(&'static str, f64)>,
}

/// Deduplicates `records` (honouring `decisions`) and reconciles the clusters with `registry`.
/// Nothing is written: the caller writes [`Reconciled::registry`] (or not, in a dry run).
///
/// With [`PersonsOptions::incremental`] and a registry, a record is compared again only when
/// it is new, its [`fingerprint`] changed, or a decision names it; every other record stays with
/// the records it shares a person with (blocking and the model still see all records, so new
/// records are compared against the whole archive).
///
/// # Errors
/// When a record has no id or two records share one (the message names both places).
pub fn run(
    records: &[DedupRecord],
    decisions: &[Decision],
    registry: &Registry,
    options: &PersonsOptions,
) -> Result<PersonsRun> {
    let clock = std::time::Instant::now();
    let mut timings = Vec::new();
    check_ids(records)?;
    let fingerprints: Vec<String> = records.iter().map(fingerprint).collect();
    let mut dedup_options = options.dedup.clone();
    let mut compared = None;
    if options.incremental && !registry.is_empty() {
        let increment = increment(records, &fingerprints, decisions, registry);
        let n = increment.focus.iter().filter(|f| **f).count();
        if n < records.len() {
            compared = Some(n);
            dedup_options.increment = Some(std::sync::Arc::new(increment));
        }
    }
    timings.push(("fingerprints", clock.elapsed().as_secs_f64()));
    let clock = std::time::Instant::now();
    let dedup = Deduplicator::new(dedup_options).run(records, decisions);
    timings.push(("matching", clock.elapsed().as_secs_f64()));
    let clock = std::time::Instant::now();
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let reconciled = reconcile(
        registry,
        &ids,
        &fingerprints,
        &dedup.cluster_of,
        &options.date,
    )?;
    timings.push(("reconciling", clock.elapsed().as_secs_f64()));
    Ok(PersonsRun {
        dedup,
        reconciled,
        compared,
        timings,
    })
}

/// Which records an incremental run compares, and the persons the others keep.
fn increment(
    records: &[DedupRecord],
    fingerprints: &[String],
    decisions: &[Decision],
    registry: &Registry,
) -> Increment {
    let decided: HashSet<&str> = decisions
        .iter()
        .flat_map(|d| [d.record_a.as_str(), d.record_b.as_str()])
        .collect();
    let known: HashMap<&str, (&str, &str)> = registry
        .rows()
        .iter()
        .filter_map(|r| {
            Some((
                r.record_id.as_deref()?,
                (r.person_id.as_str(), r.fingerprint.as_str()),
            ))
        })
        .collect();
    let mut group: HashMap<&str, u32> = HashMap::new();
    let mut inc = Increment {
        focus: Vec::with_capacity(records.len()),
        known: Vec::with_capacity(records.len()),
    };
    for (r, fp) in records.iter().zip(fingerprints) {
        match known.get(r.id.as_str()) {
            Some((person, was)) if *was == fp && !decided.contains(r.id.as_str()) => {
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
    inc
}

/// A hash of what matching reads of a record (names, sex, dates, places, cases, stated links;
/// not its id or where it was read): 16 hex digits. A record whose fingerprint differs from the
/// registry's is compared again in an incremental run. It may change with a new version of
/// this crate (the next run then compares everything once).
pub fn fingerprint(r: &DedupRecord) -> String {
    let text = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        r.names, r.sex, r.birth, r.birth_place, r.nationality, r.cases, r.death, r.same_as
    );
    // FNV-1a: stable across platforms and runs (unlike the standard library's hasher).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn check_ids(records: &[DedupRecord]) -> Result<()> {
    let place = |r: &DedupRecord| match (&r.origin.file, r.origin.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.to_string(),
        _ => "the input".to_owned(),
    };
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(records.len());
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
