//! `museum export`: the archive in the shapes frontends consume.
//!
//! | format | output | shape |
//! |---|---|---|
//! | [`ExportFormat::Json`] | one file | a bundle: `{"museum_export_version", "format_version", "generated_by", ["generated_at"], "redaction", "sources": [...], "figures": [...], "events": [...], "camps": [...], "victims": [...], "estimates": [...], "claims": [...]}` (`schemas/bundle.schema.json`) |
//! | [`ExportFormat::Jsonl`] | a directory | `sources.jsonl`, `figures.jsonl`… (one record per line) and `manifest.json` |
//! | [`ExportFormat::Parquet`] | a directory | `sources.parquet`… plus `victim_cases.parquet`, and `manifest.json` (feature `parquet`, see [`parquet`](self#parquet-tables)) |
//! | [`ExportFormat::Datapackage`] | a directory | the CSV files (as [`crate::io::write_csv`] writes them) and a Frictionless `datapackage.json` |
//!
//! **Records.** Every record is the JSON of the model type (`serde`), so each one validates
//! against `schemas/<entity>.schema.json`. Events and camps carry their estimates, and every
//! entity its claims, as [`crate::io::Archive::attach`] builds them; the same estimates and claims
//! are also listed on their own. Records are in input order. Cross-references (`source_ids`,
//! `figure_id`, `victim_id`, `camp_id`, `event_ids`, `figure_ids`, `camp_ids`, `subject_id`) are
//! ids of records in the same export; validation (which the CLI runs first) guarantees they
//! resolve.
//!
//! **Persons.** Victims and figures get three more properties (schema: `PersonExtras` in
//! `bundle.schema.json`; the entity schemas allow additional properties):
//! `search_keys` (from [`search_keys`], the folded forms of every name and name variant),
//! `cluster_id` (from a deduplication run, when given) and `masked` (`true` when redaction
//! masked the person; absent otherwise).
//!
//! **Determinism.** The same input and options (with the same [`ExportOptions::as_of`], which
//! redaction records) give byte-identical output: records in input
//! order, object keys in the model's order (`extra` sorted), no timestamp unless
//! [`ExportOptions::generated_at`] is set.
//!
//! **Atomicity.** Output is written to a hidden temporary name next to the target and renamed
//! into place ([`output`]); an existing target is replaced only with [`ExportOptions::force`].
//!
//! ## Parquet tables
//!
//! One table per kind, plus `victim_cases` (one row per repression case: `victim_id`,
//! `case_number` — 1-based position — and the case's fields). Columns come from the entity's
//! JSON Schema, flattened with `_`:
//! - strings, enums → `String`; numbers → `Float64`; integers → `Int64`; booleans → `Boolean`;
//! - lists of strings (`source_ids`, `roles`, `search_keys`…) → `List(String)`;
//! - a date `d` → `d` (EDTF text), `d_original` (as written), `d_earliest` and `d_latest`
//!   (`Date`, null when unknown or open-ended);
//! - nested objects → one column per member (`name_original`, `name_surname`, `sex_value`,
//!   `sentence_kind`, `location_coordinates_latitude`…);
//! - `extra` → a JSON object text; embedded `estimates`/`claims` are left out (they are their own
//!   tables, joined by `subject_id`) and `cases` become `victim_cases`.
//!
//! The file metadata holds `museum_export_version`, `format_version` and `generated_by`.

mod bundle;
mod clusters;
mod datapackage;
mod job;
pub mod output;
#[cfg(feature = "parquet")]
mod parquet;
mod persons;
mod redact;
mod search;

pub use bundle::bundle_schema;
pub use clusters::read_clusters;
pub use job::{ExportJob, ExportOutcome, ExportTarget};
pub use output::clean_stale_temporaries;
pub use redact::RedactOptions;
pub use search::search_keys;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::io::{Archive, DatasetKind, Located};
use crate::model::{Camp, Claim, Day, Estimate, Event, Figure, PersonName, Source, Victim};
use redact::DropRules;

/// The version of the export code (the `museum_core` crate version).
pub const EXPORT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the export shapes; raised when a frontend would have to change.
pub const FORMAT_VERSION: u32 = 1;

/// What `museum export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON bundle file.
    Json,
    /// A directory of JSON Lines files, one per kind.
    Jsonl,
    /// A directory of Parquet files, one per kind (feature `parquet`).
    Parquet,
    /// A directory of CSV files with a Frictionless `datapackage.json`.
    Datapackage,
}

impl ExportFormat {
    /// The format's name (`json`, `jsonl`, `parquet`, `datapackage`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Parquet => "parquet",
            ExportFormat::Datapackage => "datapackage",
        }
    }

    /// Whether this build can write the format (Parquet needs the `parquet` feature).
    pub fn is_available(self) -> bool {
        self != ExportFormat::Parquet || cfg!(feature = "parquet")
    }
}

/// Options of an export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The format.
    pub format: ExportFormat,
    /// Replace an existing output.
    pub force: bool,
    /// The program that wrote the export (`museum 0.1.0`), recorded as `generated_by`.
    pub generated_by: String,
    /// A timestamp to record as `generated_at` (RFC 3339); `None` keeps the output reproducible.
    pub generated_at: Option<String>,
    /// Redaction for public frontends.
    pub redact: Option<RedactOptions>,
    /// The day masking counts back from (default: today, UTC).
    pub as_of: Day,
    /// The youngest age at arrest validation accepts (`min_age` under `[limits]` in
    /// `museum.toml`, [`crate::validate::Limits::min_age`]): it bounds the birth of persons
    /// without a birth date (see [`RedactOptions`]).
    pub min_age: f64,
    /// Deduplication clusters: victim id → cluster id (see [`read_clusters`]).
    pub clusters: BTreeMap<String, String>,
    /// The person registry: with it, merged person records are exported too (`persons.jsonl`,
    /// `persons` in the bundle, the registry as the `persons` resource of a data package; see
    /// [`crate::persons::merge_persons`]).
    pub persons: Option<crate::persons::Registry>,
}

impl ExportOptions {
    /// Defaults for `format`: no redaction (the CLI redacts by default; a library caller chooses),
    /// no clusters, no timestamp, as of today.
    pub fn new(format: ExportFormat) -> Self {
        ExportOptions {
            format,
            force: false,
            generated_by: format!("museum_core {EXPORT_VERSION}"),
            generated_at: None,
            redact: None,
            as_of: today_utc(),
            min_age: crate::validate::Limits::default().min_age,
            clusters: BTreeMap::new(),
            persons: None,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    /// Records written per kind (kinds present in the input).
    pub counts: Vec<(DatasetKind, usize)>,
    /// The files written (relative to the output directory, or the output file's name).
    pub files: Vec<String>,
    /// Persons masked by redaction.
    pub masked: usize,
    /// Victims that got a `cluster_id`.
    pub clustered: usize,
    /// Ids in the clusters file that are not victims of the export.
    pub unknown_cluster_ids: Vec<String>,
    /// Person records written (active persons and redirects), with a registry.
    pub persons: usize,
    /// Victims and figures of the export that the registry does not know.
    pub unregistered_records: Vec<String>,
    /// Records of the registry that are not in the export.
    pub missing_records: Vec<String>,
}

/// The header every export records (the bundle's first members, `manifest.json`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExportHeader {
    /// The version of the export code (the `museum_core` crate version).
    pub museum_export_version: String,
    /// The version of the export shapes.
    pub format_version: u32,
    /// The program that wrote the export (`museum 0.1.0`).
    pub generated_by: String,
    /// When the export was written (RFC 3339), only with `--timestamp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_at: Option<String>,
    /// The redaction applied; `null` when the export was written with `--no-redact` (not for
    /// the public).
    pub redaction: Option<RedactionInfo>,
}

/// The redaction an export applied.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RedactionInfo {
    /// The dropped fields, as configured.
    pub drop: Vec<String>,
    /// Persons who may have been born less than this many years before `as_of` are masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_born_within_years: Option<u32>,
    /// Persons whose possible birth years cannot be inferred (no birth date, no death date, no
    /// dated event) are masked too.
    pub mask_unknown_birth: bool,
    /// A person was at least this old at every dated event of their cases (`min_age` under
    /// `[limits]`): it bounds the birth of persons without a birth date.
    pub min_age: f64,
    /// The day masking counted back from (ISO 8601).
    pub as_of: String,
    /// How many persons (victims and figures) were masked.
    pub masked_persons: usize,
}

/// The properties the export adds to each victim and figure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct PersonExtras {
    /// Folded forms of every name and name variant of the person, distinct and sorted, for
    /// substring search: lowercase; Kazakh letters to Russian-mediated ones; Cyrillic
    /// transliterated to Latin; loose Latin forms; and the script-independent comparison form that
    /// deduplication uses. Match a lowercased query against them.
    pub search_keys: Vec<String>,
    /// The deduplication cluster the record belongs to, when deduplication ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// `true` when redaction masked the person (names as initials, dates as years).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub masked: bool,
}

/// The archive made ready to write: records moved out of their locations, redacted, with the
/// person extras computed.
pub(crate) struct PreparedArchive {
    pub(crate) sources: Vec<Source>,
    pub(crate) figures: Vec<Figure>,
    pub(crate) events: Vec<Event>,
    pub(crate) camps: Vec<Camp>,
    pub(crate) victims: Vec<Victim>,
    pub(crate) estimates: Vec<Estimate>,
    pub(crate) claims: Vec<Claim>,
    /// Whether each figure / victim was masked.
    pub(crate) figure_masked: Vec<bool>,
    pub(crate) victim_masked: Vec<bool>,
    /// Deduplication clusters: victim id → cluster id.
    pub(crate) clusters: BTreeMap<String, String>,
    /// Merged person records and the registry they come from, with a registry.
    pub(crate) persons: Option<(crate::persons::MergedPersons, crate::persons::Registry)>,
    /// Kinds present in the input, in [`DatasetKind::ALL`] order.
    pub(crate) kinds: Vec<DatasetKind>,
    pub(crate) rules: DropRules,
    pub(crate) header: ExportHeader,
    pub(crate) summary: ExportSummary,
}

fn records<T>(v: Vec<Located<T>>) -> Vec<T> {
    v.into_iter().map(|l| l.record).collect()
}

fn keys_of(names: &[&PersonName], variants: &[String]) -> Vec<String> {
    let mut keys = BTreeSet::new();
    for n in names {
        keys.extend(search_keys(n));
    }
    for v in variants {
        keys.extend(search_keys(&PersonName::parse(v)));
    }
    keys.into_iter().collect()
}

impl PreparedArchive {
    pub(crate) fn new(mut archive: Archive, options: &ExportOptions) -> Result<PreparedArchive> {
        archive.attach();
        let loaded: BTreeSet<DatasetKind> = archive.files.iter().map(|(_, k)| *k).collect();
        let mut p = PreparedArchive {
            sources: records(archive.sources),
            figures: records(archive.figures),
            events: records(archive.events),
            camps: records(archive.camps),
            victims: records(archive.victims),
            estimates: records(archive.estimates),
            claims: records(archive.claims),
            figure_masked: Vec::new(),
            victim_masked: Vec::new(),
            clusters: options.clusters.clone(),
            persons: None,
            kinds: Vec::new(),
            rules: DropRules::default(),
            header: ExportHeader {
                museum_export_version: EXPORT_VERSION.to_owned(),
                format_version: FORMAT_VERSION,
                generated_by: options.generated_by.clone(),
                generated_at: options.generated_at.clone(),
                redaction: None,
            },
            summary: ExportSummary::default(),
        };
        p.kinds = DatasetKind::ALL
            .into_iter()
            .filter(|k| loaded.contains(k) || p.count(*k) > 0)
            .collect();
        let mut masked_victims = vec![false; p.victims.len()];
        let mut masked_figures = vec![false; p.figures.len()];
        if let Some(r) = &options.redact {
            p.rules = DropRules::compile(&r.drop)?;
            if r.mask_born_within_years.is_some() || r.mask_unknown_birth {
                p.mask(
                    r,
                    options.as_of,
                    options.min_age,
                    &mut masked_victims,
                    &mut masked_figures,
                );
            }
            p.header.redaction = Some(RedactionInfo {
                drop: r.drop.clone(),
                mask_born_within_years: r.mask_born_within_years,
                mask_unknown_birth: r.mask_unknown_birth,
                min_age: options.min_age,
                as_of: options.as_of.to_string(),
                masked_persons: p.summary.masked,
            });
        }
        p.figure_masked = masked_figures;
        p.victim_masked = masked_victims;
        let victim_ids: BTreeSet<&str> = p.victims.iter().map(|v| v.id.as_str()).collect();
        p.summary.clustered = p
            .victims
            .iter()
            .filter(|v| p.clusters.contains_key(&v.id))
            .count();
        p.summary.unknown_cluster_ids = p
            .clusters
            .keys()
            .filter(|id| !victim_ids.contains(id.as_str()))
            .cloned()
            .collect();
        p.summary.counts = p.kinds.iter().map(|k| (*k, p.count(*k))).collect();
        if let Some(registry) = &options.persons {
            p.merge_persons(registry);
        }
        Ok(p)
    }

    /// Masks the persons who may have been born within the configured years (and their linked
    /// records).
    fn mask(
        &mut self,
        r: &RedactOptions,
        as_of: Day,
        min_age: f64,
        masked_victims: &mut [bool],
        masked_figures: &mut [bool],
    ) {
        let rule = redact::MaskRule::new(r, as_of, min_age);
        let mut ids: BTreeSet<String> = BTreeSet::new();
        for v in &self.victims {
            if rule.masks(
                v.birth_date.as_ref(),
                v.death_date.as_ref(),
                redact::case_dates(v),
            ) {
                ids.insert(v.id.clone());
                ids.extend(v.figure_id.clone());
            }
        }
        for f in &self.figures {
            if rule.masks(f.birth_date.as_ref(), f.death_date.as_ref(), []) {
                ids.insert(f.id.clone());
                ids.extend(f.victim_id.clone());
            }
        }
        // Links in the other direction: a figure pointing at a masked victim and vice versa.
        for f in &self.figures {
            if f.victim_id.as_ref().is_some_and(|v| ids.contains(v)) {
                ids.insert(f.id.clone());
            }
        }
        for v in &self.victims {
            if v.figure_id.as_ref().is_some_and(|f| ids.contains(f)) {
                ids.insert(v.id.clone());
            }
        }
        for (v, m) in self.victims.iter_mut().zip(masked_victims.iter_mut()) {
            if ids.contains(&v.id) {
                redact::mask_victim(v);
                *m = true;
            }
        }
        for (f, m) in self.figures.iter_mut().zip(masked_figures.iter_mut()) {
            if ids.contains(&f.id) {
                redact::mask_figure(f);
                *m = true;
            }
        }
        self.claims.retain(|c| !ids.contains(&c.subject_id));
        self.summary.masked = masked_victims
            .iter()
            .chain(masked_figures.iter())
            .filter(|m| **m)
            .count();
    }

    /// The number of records of `kind`.
    pub(crate) fn count(&self, kind: DatasetKind) -> usize {
        match kind {
            DatasetKind::Sources => self.sources.len(),
            DatasetKind::Figures => self.figures.len(),
            DatasetKind::Events => self.events.len(),
            DatasetKind::Camps => self.camps.len(),
            DatasetKind::Victims => self.victims.len(),
            DatasetKind::Estimates => self.estimates.len(),
            DatasetKind::Claims => self.claims.len(),
        }
    }

    /// Record `i` of `kind` as exported: the model's JSON, with the dropped fields removed and,
    /// for persons, the [`PersonExtras`] appended.
    pub(crate) fn value(&self, kind: DatasetKind, i: usize) -> Result<Value> {
        fn json<T: Serialize>(t: &T) -> Result<Value> {
            serde_json::to_value(t).map_err(|e| ErrorKind::Serialize(e).into())
        }
        let (mut v, extras) = match kind {
            DatasetKind::Sources => (json(&self.sources[i])?, None),
            DatasetKind::Figures => {
                let f = &self.figures[i];
                let extras = PersonExtras {
                    search_keys: keys_of(&[&f.name_kk, &f.name_ru, &f.name_en], &f.name_variants),
                    cluster_id: None,
                    masked: self.figure_masked[i],
                };
                (json(f)?, Some(extras))
            }
            DatasetKind::Events => (json(&self.events[i])?, None),
            DatasetKind::Camps => (json(&self.camps[i])?, None),
            DatasetKind::Victims => {
                let v = &self.victims[i];
                let extras = PersonExtras {
                    search_keys: keys_of(&[&v.name], &v.name_variants),
                    cluster_id: self.clusters.get(&v.id).cloned(),
                    masked: self.victim_masked[i],
                };
                (json(v)?, Some(extras))
            }
            DatasetKind::Estimates => (json(&self.estimates[i])?, None),
            DatasetKind::Claims => (json(&self.claims[i])?, None),
        };
        self.rules.apply(kind, &mut v);
        if let (Some(e), Value::Object(obj)) = (extras, &mut v)
            && let Value::Object(add) = json(&e)?
        {
            obj.extend(add);
        }
        Ok(v)
    }
}

/// Exports `archive` to `out` (a file for [`ExportFormat::Json`], a directory otherwise).
///
/// Callers should validate first (`museum export` refuses data with errors unless asked):
/// the export writes what it is given.
///
/// # Errors
/// When `out` exists without [`ExportOptions::force`], a redaction entry is invalid, the format
/// is not built in, or writing fails (the target is then left untouched).
///
/// ```
/// use museum_core::export::{export_archive, ExportFormat, ExportOptions};
/// use museum_core::io::{Archive, CsvOptions, DatasetKind};
/// let dir = tempfile::tempdir().unwrap();
/// let csv = dir.path().join("victims.csv");
/// std::fs::write(&csv, "id,surname,given_name,birth_date\nv1,Бөкейханов,Әлихан,1866\n").unwrap();
/// let mut archive = Archive::default();
/// archive.load_file(&csv, DatasetKind::Victims, &CsvOptions::default()).unwrap();
/// let out = dir.path().join("bundle.json");
/// export_archive(archive, &out, &ExportOptions::new(ExportFormat::Json)).unwrap();
/// let bundle: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
/// assert_eq!(bundle["format_version"], 1);
/// let keys = bundle["victims"][0]["search_keys"].as_array().unwrap();
/// assert!(keys.iter().any(|k| k.as_str().unwrap().contains("bokeikhanov")));
/// ```
pub fn export_archive(
    archive: Archive,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportSummary> {
    if !options.format.is_available() {
        return Err(Error::invalid_option(format!(
            "this build cannot write `{}`; rebuild with the `parquet` feature",
            options.format.as_str()
        )));
    }
    output::check_target(out, options.force)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    output::clean_stale_temporaries(&parent);
    let p = PreparedArchive::new(archive, options)?;
    let files = match options.format {
        ExportFormat::Json => {
            output::write_file(out, options.force, |w| bundle::write_bundle(&p, w))?;
            vec![
                out.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            ]
        }
        ExportFormat::Jsonl => {
            let mut files = Vec::new();
            output::write_dir(out, options.force, |dir| {
                files = bundle::write_jsonl(&p, dir)?;
                Ok(())
            })?;
            files
        }
        ExportFormat::Datapackage => {
            let mut files = Vec::new();
            output::write_dir(out, options.force, |dir| {
                files = datapackage::write(&p, dir)?;
                Ok(())
            })?;
            files
        }
        ExportFormat::Parquet => write_parquet(&p, out, options.force)?,
    };
    let mut summary = p.summary;
    summary.files = files;
    Ok(summary)
}

#[cfg(feature = "parquet")]
fn write_parquet(p: &PreparedArchive, out: &Path, force: bool) -> Result<Vec<String>> {
    let mut files = Vec::new();
    output::write_dir(out, force, |dir| {
        files = parquet::write(p, dir)?;
        Ok(())
    })?;
    Ok(files)
}

#[cfg(not(feature = "parquet"))]
fn write_parquet(_: &PreparedArchive, _: &Path, _: bool) -> Result<Vec<String>> {
    Err(Error::invalid_option(
        "this build cannot write `parquet`; rebuild with the `parquet` feature",
    ))
}

/// Writes the JSON bundle of `archive` to any writer (e.g. stdout); not atomic.
///
/// # Errors
/// When a redaction entry is invalid or writing fails.
pub fn export_json_to(
    archive: Archive,
    writer: &mut dyn Write,
    options: &ExportOptions,
) -> Result<ExportSummary> {
    let p = PreparedArchive::new(archive, options)?;
    bundle::write_bundle(&p, writer)?;
    Ok(p.summary)
}

/// The `manifest.json` of a directory export: the header, the format and the files.
pub(crate) fn manifest(
    p: &PreparedArchive,
    format: ExportFormat,
    files: &[(String, DatasetKind, String, usize)],
) -> Result<Vec<u8>> {
    let mut m = serde_json::to_value(&p.header).map_err(ErrorKind::Serialize)?;
    m["format"] = Value::from(format.as_str());
    m["files"] = files
        .iter()
        .map(|(path, kind, table, records)| {
            serde_json::json!({
                "path": path,
                "table": table,
                "entity": kind.entity(),
                "schema": format!("{}.schema.json", kind.entity()),
                "records": records,
            })
        })
        .collect();
    let mut s = serde_json::to_vec_pretty(&m).map_err(ErrorKind::Serialize)?;
    s.push(b'\n');
    Ok(s)
}

/// Today's date (UTC) from the system clock.
pub fn today_utc() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    epoch().add_days(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The current time as RFC 3339 UTC (`2026-11-25T10:04:00Z`), for `--timestamp`.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = epoch().add_days(i64::try_from(secs / 86_400).unwrap_or(0));
    let s = secs % 86_400;
    format!(
        "{day}T{:02}:{:02}:{:02}Z",
        s / 3600,
        (s % 3600) / 60,
        s % 60
    )
}

fn epoch() -> Day {
    Day {
        year: 1970,
        month: 1,
        day: 1,
    }
}

/// Parses an ISO 8601 calendar day (`2026-11-25`), e.g. for `--as-of`.
///
/// ```
/// use museum_core::export::parse_day;
/// assert_eq!(parse_day("2026-11-25").unwrap().to_string(), "2026-11-25");
/// assert!(parse_day("2026-02-30").is_none());
/// ```
pub fn parse_day(text: &str) -> Option<Day> {
    let (neg, t) = match text.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.trim()),
    };
    let mut it = t.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() < 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    Day::new(
        if neg { -year } else { year },
        m.parse().ok()?,
        d.parse().ok()?,
    )
}

/// Every generated schema file (`museum schema`): (file name, contents) of the records'
/// schemas ([`crate::schema::record_files`]), `bundle.schema.json`, and last `museum.d.ts`
/// (TypeScript declarations of them all).
pub fn schema_files() -> Vec<(String, String)> {
    let mut files = crate::schema::record_files();
    files.push(("bundle.schema.json".to_owned(), bundle_schema()));
    let declarations = crate::schema::declarations(&files);
    files.push(("museum.d.ts".to_owned(), declarations));
    files
}

#[cfg(test)]
mod schema_tests {
    use serde_json::{Value, json};

    use super::schema_files;
    use crate::io::DatasetKind;
    use crate::schema::{STANDARD_FORMATS, entity_schema};
    #[test]
    fn schemas_are_2020_12_objects() {
        for (name, text) in schema_files() {
            if name.ends_with(".d.ts") {
                continue;
            }
            let v: Value = serde_json::from_str(&text).unwrap();
            if name.ends_with(".schema.json") {
                assert_eq!(
                    v["$schema"], "https://json-schema.org/draft/2020-12/schema",
                    "{name}"
                );
                assert_eq!(v["type"], "object", "{name}");
            }
        }
    }

    /// Every schema file, whatever code wrote it, is strict: no format a strict validator does
    /// not know.
    #[test]
    fn schemas_have_only_standard_formats() {
        fn formats(v: &Value, found: &mut Vec<String>) {
            match v {
                Value::Object(o) => {
                    if let Some(f) = o.get("format").and_then(Value::as_str) {
                        found.push(f.to_owned());
                    }
                    o.values().for_each(|x| formats(x, found));
                }
                Value::Array(a) => a.iter().for_each(|x| formats(x, found)),
                _ => {}
            }
        }
        for (name, text) in schema_files() {
            if name.ends_with(".schema.json") {
                let mut found = Vec::new();
                formats(&serde_json::from_str(&text).unwrap(), &mut found);
                found.retain(|f| !STANDARD_FORMATS.contains(&f.as_str()));
                assert!(found.is_empty(), "{name}: {found:?}");
            }
        }
        let victim: Value = serde_json::from_str(&entity_schema(DatasetKind::Victims)).unwrap();
        let seq = &victim["$defs"]["RepressionCase"]["properties"]["seq"];
        assert_eq!(
            (&seq["minimum"], &seq["maximum"]),
            (&json!(0), &json!(u32::MAX))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::CsvOptions;

    pub(crate) fn fixture_archive() -> Archive {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("victims.csv"),
            "id,case,surname,given_name,patronymic,birth_date,residence,arrest_date,sentence,notes,Архив\n\
             v1,1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866-03-05,Мәскеу,1937-07-26,ВМН,заметка,ф. 1\n\
             v2,1,Иванова,Мария,Петровна,1962,Шымкент,1986-12-17,5 лет ИТЛ,,\n\
             v2,2,Иванова,Мария,Петровна,1962,Шымкент,1990,,,\n",
        )
        .unwrap();
        let (a, _) = Archive::load_dir(dir.path(), &CsvOptions::default()).unwrap();
        a
    }

    #[test]
    fn persons_get_search_keys_and_clusters() {
        let mut o = ExportOptions::new(ExportFormat::Json);
        o.clusters.insert("v1".into(), "c-7".into());
        o.clusters.insert("nobody".into(), "c-8".into());
        let p = PreparedArchive::new(fixture_archive(), &o).unwrap();
        let v = p.value(DatasetKind::Victims, 0).unwrap();
        assert_eq!(v["cluster_id"], "c-7");
        assert!(v.get("masked").is_none());
        assert!(
            v["search_keys"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == "bukeikhanov alikhan nurmukhameduly")
        );
        assert_eq!(p.summary.unknown_cluster_ids, ["nobody"]);
        assert_eq!(p.kinds, [DatasetKind::Victims]);
    }

    #[test]
    fn redaction_masks_recent_persons_and_drops_fields() {
        let mut o = ExportOptions::new(ExportFormat::Json);
        o.as_of = parse_day("2026-11-25").unwrap();
        o.redact = Some(RedactOptions::builtin());
        let p = PreparedArchive::new(fixture_archive(), &o).unwrap();
        let old = p.value(DatasetKind::Victims, 0).unwrap();
        assert!(old.get("notes").is_none() && old.get("residence").is_none());
        assert!(old.get("extra").is_none());
        assert_eq!(old["birth_date"]["original"], "1866-03-05");
        let young = p.value(DatasetKind::Victims, 1).unwrap();
        assert_eq!(young["masked"], true);
        assert_eq!(young["name"]["original"], "И. М. П.");
        assert_eq!(young["birth_date"]["edtf"], "1962");
        assert_eq!(young["cases"][0]["arrest_date"]["original"], "1986");
        assert_eq!(young["cases"][1]["sentence"], Value::Null);
        assert!(!young.to_string().contains("Иванова"), "{young}");
        assert_eq!(p.summary.masked, 1);
        assert_eq!(p.header.redaction.as_ref().unwrap().as_of, "2026-11-25");
    }
}
