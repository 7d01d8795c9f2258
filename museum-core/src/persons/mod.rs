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
//! let options = PersonsOptions { dedup: DedupOptions::default(), date: "2026-12-01".into() };
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

use std::collections::HashMap;

pub use merged::{
    FieldValue, MergedPersons, PersonEntry, PersonField, PersonRecordRef, PersonStatus,
    PreferredRule, RecordKind, Spelling, merge_persons, person_schema,
};
pub use reconcile::{Changes, Merge, NewPerson, Reconciled, RecordMove, Retirement, reconcile};
pub use registry::{REGISTRY_FILE, REGISTRY_HEADER, Registry, RegistryRow};

use crate::dedup::{Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator};
use crate::error::{Error, Result};

/// Options of a persons run.
#[derive(Debug, Clone)]
pub struct PersonsOptions {
    /// How records are matched.
    pub dedup: DedupOptions,
    /// The day new registry rows carry (`YYYY-MM-DD`).
    pub date: String,
}

/// The result of a persons run.
#[derive(Debug)]
pub struct PersonsRun {
    /// The deduplication the persons come from.
    pub dedup: DedupResult,
    /// The new registry and what changed.
    pub reconciled: Reconciled,
}

/// Deduplicates `records` (honouring `decisions`) and reconciles the clusters with `registry`.
/// Nothing is written: the caller writes [`Reconciled::registry`] (or not, in a dry run).
///
/// # Errors
/// When a record has no id or two records share one (the message names both places).
pub fn run(
    records: &[DedupRecord],
    decisions: &[Decision],
    registry: &Registry,
    options: &PersonsOptions,
) -> Result<PersonsRun> {
    check_ids(records)?;
    let dedup = Deduplicator::new(options.dedup.clone()).run(records, decisions);
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let reconciled = reconcile(registry, &ids, &dedup.cluster_of, &options.date)?;
    Ok(PersonsRun { dedup, reconciled })
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
