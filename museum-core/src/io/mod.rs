//! Reading and writing datasets: CSV, JSON (array) and JSON Lines, record by record, each record
//! with its [`Location`].
//!
//! - [`DatasetKind`] tells what a file holds, from its name (`victims.csv`) or explicitly;
//!   [`discover`] finds the dataset files of the directories and files given.
//! - [`columns`] is the column dictionary of every kind: canonical `snake_case` names plus the
//!   aliases real lists use (Russian `Фамилия`, Kazakh `Тегі`, English `first_name`…).
//! - [`RecordReader`] streams typed records; what cannot be parsed becomes a [`Diagnostic`] with
//!   its file, line and field, never a panic and never a dropped value.
//! - [`Archive`] loads a whole directory and attaches estimates and claims to their subjects.
//! - [`write_csv`] writes records back in canonical columns.

pub mod columns;
pub(crate) mod csv_read;
mod decode;
mod discover;
mod encoding;
pub(crate) mod json_read;
mod record;
pub(crate) mod sheet;
mod write;

pub use columns::{Column, normalize_header};
pub use csv_read::{CsvOptions, DEFAULT_BLOCK_SIZE, DEFAULT_MAX_FIELD_SIZE};
pub use decode::TextEncoding;
pub(crate) use decode::open_text;
pub use discover::{Discovered, Input, discover};
pub(crate) use record::trim;
pub use record::{Record, Row};
pub use write::{write_csv, write_csv_file};

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source, Victim};

/// The separator of multi-valued CSV cells (`src-a|src-b`).
pub const MULTI_SEPARATOR: char = '|';

/// What a dataset file holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DatasetKind {
    /// `figures.csv`: the portrait gallery.
    Figures,
    /// `events.csv`: historical events and topics.
    Events,
    /// `camps.csv`: camps and sites.
    Camps,
    /// `victims.csv`: repressed persons, one row per repression case.
    Victims,
    /// `sources.csv`: the sources every record cites.
    Sources,
    /// `estimates.csv`: numbers sources claim about events and camps.
    Estimates,
    /// `claims.csv`: disputed facts, one row per source's value.
    Claims,
}

impl DatasetKind {
    /// Every kind, in the order a directory is loaded (sources first).
    pub const ALL: [DatasetKind; 7] = [
        DatasetKind::Sources,
        DatasetKind::Figures,
        DatasetKind::Events,
        DatasetKind::Camps,
        DatasetKind::Victims,
        DatasetKind::Estimates,
        DatasetKind::Claims,
    ];

    /// The plural name, also the file stem (`victims`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetKind::Figures => "figures",
            DatasetKind::Events => "events",
            DatasetKind::Camps => "camps",
            DatasetKind::Victims => "victims",
            DatasetKind::Sources => "sources",
            DatasetKind::Estimates => "estimates",
            DatasetKind::Claims => "claims",
        }
    }

    /// The singular entity name used for schemas (`victim`).
    pub fn entity(self) -> &'static str {
        match self {
            DatasetKind::Figures => "figure",
            DatasetKind::Events => "event",
            DatasetKind::Camps => "camp",
            DatasetKind::Victims => "victim",
            DatasetKind::Sources => "source",
            DatasetKind::Estimates => "estimate",
            DatasetKind::Claims => "claim",
        }
    }

    /// Parses `victims`, `victim`, `figures`…
    pub fn parse(s: &str) -> Option<DatasetKind> {
        let s = s.trim().to_lowercase();
        DatasetKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.entity() == s)
    }

    /// Tells the kind from a file name: the stem before the first dot, singular or plural
    /// (`victims.csv`, `victims.jsonl`, `victim.json`), or a stem ending in `_victims` /
    /// `-victims` (`kostanay_victims.csv`).
    pub fn from_path(path: &Path) -> Option<DatasetKind> {
        let name = path.file_name()?.to_str()?.to_lowercase();
        let stem = name.split('.').next()?;
        DatasetKind::parse(stem).or_else(|| {
            DatasetKind::ALL.into_iter().find(|k| {
                [k.as_str(), k.entity()]
                    .iter()
                    .any(|w| stem.ends_with(&format!("_{w}")) || stem.ends_with(&format!("-{w}")))
            })
        })
    }

    /// The column dictionary of this kind.
    pub fn columns(self) -> &'static [Column] {
        match self {
            DatasetKind::Figures => columns::figures::COLUMNS,
            DatasetKind::Events => columns::events::COLUMNS,
            DatasetKind::Camps => columns::camps::COLUMNS,
            DatasetKind::Victims => columns::victims::COLUMNS,
            DatasetKind::Sources => columns::sources::COLUMNS,
            DatasetKind::Estimates => columns::estimates::COLUMNS,
            DatasetKind::Claims => columns::claims::COLUMNS,
        }
    }
}

impl std::fmt::Display for DatasetKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The serialization of a dataset file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma- (or semicolon-, tab-) separated values.
    Csv,
    /// One JSON array of records.
    Json,
    /// One JSON record per line.
    JsonLines,
    /// A spreadsheet (`.xlsx`, `.xlsm`, `.xls`, `.ods`): each sheet is read as its CSV export.
    Spreadsheet,
}

impl FileFormat {
    /// The format from the extension (`.csv`, `.tsv`, `.json`, `.jsonl`, `.ndjson`, `.xlsx`,
    /// `.xlsm`, `.xls`, `.ods`).
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        match path.extension()?.to_str()?.to_lowercase().as_str() {
            "csv" | "tsv" | "txt" => Some(FileFormat::Csv),
            "json" => Some(FileFormat::Json),
            "jsonl" | "ndjson" => Some(FileFormat::JsonLines),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(FileFormat::Spreadsheet),
            _ => None,
        }
    }

    /// What the readers accept, for messages.
    pub const EXPECTED: &'static str =
        "expected a .csv, .tsv, .json, .jsonl, .ndjson, .xlsx, .xls or .ods file";
}

/// A record with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The record.
    pub record: T,
    /// Where it starts (file, line, record index, id).
    pub location: Location,
}

/// One item of a [`RecordReader`]: a record, or a finding that is not tied to a record
/// (structure problems found while reading).
#[derive(Debug, Clone, PartialEq)]
pub enum ReadItem<T> {
    /// A parsed record and the findings about its fields.
    Record(Located<T>, Vec<Diagnostic>),
    /// A finding about the file (header problems, blank rows, syntax errors).
    Finding(Diagnostic),
}

/// Streams typed records of one file.
///
/// With [`CsvOptions::max_records`], the reader stops at the first row past the limit; then
/// [`RecordReader::take_error`] tells where.
pub struct RecordReader<T: Record> {
    inner: Box<dyn Iterator<Item = ReadItem<T>> + Send>,
    pending: Option<(Located<T>, Vec<Diagnostic>)>,
    name: String,
    max_records: Option<u64>,
    rows: u64,
    error: Option<Error>,
}

impl<T: Record> RecordReader<T> {
    /// Opens `path`, choosing CSV/JSON/JSON Lines/spreadsheet by extension. Text is decoded
    /// to UTF-8 first (see [`TextEncoding`]); a spreadsheet's sheets are read one after the
    /// other, each as its CSV export, with locations naming the sheet and cell.
    ///
    /// # Errors
    /// When the file cannot be opened, its format is unsupported or a spreadsheet is broken.
    pub fn open(path: &Path, options: &CsvOptions) -> Result<Self> {
        let format = FileFormat::from_path(path).ok_or_else(|| {
            Error::from(ErrorKind::UnsupportedFormat {
                path: path.to_owned(),
                reason: FileFormat::EXPECTED.into(),
            })
        })?;
        let display = path.display().to_string();
        if format == FileFormat::Spreadsheet {
            let kind = T::KIND;
            let max = options.max_records;
            let sheets = sheet::read_sheets(path, &display, kind, options.sheet.as_deref())?;
            let options = options.clone();
            let inner = sheets.into_iter().flat_map(move |s| {
                let map = s.map;
                csv_read::CsvRecords::<T, _>::new(std::io::Cursor::new(s.csv), s.name, &options)
                    .map(move |mut item| {
                        match &mut item {
                            ReadItem::Record(r, diags) => {
                                map.locate(&mut r.location);
                                for d in diags.iter_mut() {
                                    map.locate_all(d);
                                }
                            }
                            ReadItem::Finding(d) => map.locate_all(d),
                        }
                        item
                    })
            });
            return Ok(Self::with_inner(Box::new(inner), display, max));
        }
        let file = File::open(path).map_err(|e| Error::io("open", path, e))?;
        Self::from_reader(file, &display, format, options)
    }

    fn with_inner(
        inner: Box<dyn Iterator<Item = ReadItem<T>> + Send>,
        name: String,
        max_records: Option<u64>,
    ) -> Self {
        RecordReader {
            inner,
            pending: None,
            name,
            max_records,
            rows: 0,
            error: None,
        }
    }

    /// Reads `format` from any reader; `name` is used in locations. [`RecordReader::open`]
    /// without the file system (the fuzz targets read from memory through it). Text is
    /// decoded to UTF-8 first; the encoding, when not UTF-8, is said in a first finding.
    ///
    /// # Errors
    /// When reading a JSON array fails, or the format is [`FileFormat::Spreadsheet`].
    pub(crate) fn from_reader<R: std::io::Read + Send + 'static>(
        reader: R,
        name: &str,
        format: FileFormat,
        options: &CsvOptions,
    ) -> Result<Self> {
        let name = name.to_owned();
        let text = decode::open_text(reader, &name, options.encoding)
            .map_err(|e| Error::io("read", Path::new(&name), e))?;
        let (reader, first) = match text {
            Ok(t) => (t.reader, t.decoding.finding(&name)),
            Err(refused) => {
                return Ok(Self::with_inner(
                    Box::new(std::iter::once(ReadItem::Finding(refused))),
                    name,
                    options.max_records,
                ));
            }
        };
        let inner: Box<dyn Iterator<Item = ReadItem<T>> + Send> = match format {
            FileFormat::Csv => Box::new(csv_read::CsvRecords::<T, _>::new(
                BufReader::new(reader),
                name.clone(),
                options,
            )),
            FileFormat::Json => Box::new(
                json_read::json_array::<T>(reader, &name, options.vocab.as_deref())?.into_iter(),
            ),
            FileFormat::JsonLines => Box::new(json_read::JsonLines::<T, _>::new(
                BufReader::new(reader),
                name.clone(),
                options.vocab.clone(),
            )),
            FileFormat::Spreadsheet => {
                return Err(ErrorKind::UnsupportedFormat {
                    path: PathBuf::from(&name),
                    reason: "a spreadsheet is read from its file, not from a stream".into(),
                }
                .into());
            }
        };
        let inner = match first {
            Some(d) => Box::new(std::iter::once(ReadItem::Finding(d)).chain(inner)),
            None => inner,
        };
        Ok(Self::with_inner(inner, name, options.max_records))
    }

    /// The error that stopped the reader early: more rows than [`CsvOptions::max_records`]
    /// ([`crate::ErrorKind::Limit`], naming the file and the line of the first row past the
    /// limit).
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// Reads CSV from any reader; `name` is used in locations.
    pub fn from_csv_reader<R: std::io::Read + Send + 'static>(
        reader: R,
        name: &str,
        options: &CsvOptions,
    ) -> Self {
        RecordReader {
            inner: Box::new(csv_read::CsvRecords::<T, _>::new(
                reader,
                name.to_owned(),
                options,
            )),
            pending: None,
            name: name.to_owned(),
            max_records: options.max_records,
            rows: 0,
            error: None,
        }
    }
}

impl<T: Record> Iterator for RecordReader<T> {
    type Item = ReadItem<T>;

    /// Yields records in file order. Consecutive rows that continue a record (a victim's second
    /// repression case: same `id`, `case` > 1) are merged into it first.
    fn next(&mut self) -> Option<ReadItem<T>> {
        loop {
            if self.error.is_some() {
                return None;
            }
            match self.inner.next() {
                Some(ReadItem::Record(rec, _))
                    if self.max_records.is_some_and(|m| self.rows >= m) =>
                {
                    let max = self.max_records.unwrap_or(0);
                    self.error = Some(csv_read::too_many_records(
                        &self.name,
                        rec.location.line,
                        max,
                    ));
                    self.pending = None;
                    return None;
                }
                Some(ReadItem::Record(rec, diags)) => {
                    self.rows += 1;
                    match self.pending.take() {
                        None => self.pending = Some((rec, diags)),
                        Some((mut prev, mut prev_diags)) => match prev.record.absorb(rec.record) {
                            Ok(()) => {
                                prev_diags.extend(diags);
                                self.pending = Some((prev, prev_diags));
                            }
                            Err(next) => {
                                self.pending = Some((
                                    Located {
                                        record: next,
                                        location: rec.location,
                                    },
                                    diags,
                                ));
                                return Some(ReadItem::Record(prev, prev_diags));
                            }
                        },
                    }
                }
                Some(finding @ ReadItem::Finding(_)) => return Some(finding),
                None => return self.pending.take().map(|(r, d)| ReadItem::Record(r, d)),
            }
        }
    }
}

/// Reads a whole file into records and findings.
///
/// # Errors
/// When the file cannot be opened or its format is unsupported, or it has more records than
/// [`CsvOptions::max_records`] ([`crate::ErrorKind::Limit`]).
///
/// ```
/// # fn main() -> museum_core::Result<()> {
/// use museum_core::io::{read_file, CsvOptions};
/// use museum_core::Victim;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "№,Фамилия,Имя,Отчество,Год рождения,Приговор\n1,Жургенов,Темирбек,Караевич,1898,ВМН\n").unwrap();
/// let (victims, findings) = read_file::<Victim>(&path, &CsvOptions::default())?;
/// assert_eq!(victims[0].record.name.surname.as_deref(), Some("Жургенов"));
/// assert!(findings.is_empty());
/// # Ok(()) }
/// ```
pub fn read_file<T: Record>(
    path: &Path,
    options: &CsvOptions,
) -> Result<(Vec<Located<T>>, Vec<Diagnostic>)> {
    let mut records = Vec::new();
    let mut findings = Vec::new();
    let mut reader = RecordReader::<T>::open(path, options)?;
    for item in reader.by_ref() {
        match item {
            ReadItem::Record(r, d) => {
                records.push(r);
                findings.extend(d);
            }
            ReadItem::Finding(d) => findings.push(d),
        }
    }
    if let Some(e) = reader.take_error() {
        return Err(e);
    }
    Ok((records, findings))
}

/// A whole archive: every dataset of a directory, with estimates and claims attached to their
/// subjects, and every finding the readers made.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// Sources.
    pub sources: Vec<Located<Source>>,
    /// Figures.
    pub figures: Vec<Located<Figure>>,
    /// Events (with their estimates and claims).
    pub events: Vec<Located<Event>>,
    /// Camps (with their estimates and claims).
    pub camps: Vec<Located<Camp>>,
    /// Victims.
    pub victims: Vec<Located<Victim>>,
    /// All estimates as read (also attached to events and camps).
    pub estimates: Vec<Located<Estimate>>,
    /// All claims as read (also attached to their subjects).
    pub claims: Vec<Located<Claim>>,
    /// Reader findings.
    pub findings: Vec<Diagnostic>,
    /// The files that were read, with their kinds.
    pub files: Vec<(PathBuf, DatasetKind)>,
}

impl Archive {
    /// Loads every dataset file of `dir` whose name tells its kind (`victims.csv`,
    /// `figures.jsonl`…). Files of unknown kind are listed in `skipped`.
    ///
    /// # Errors
    /// When the directory or a file cannot be read.
    pub fn load_dir(dir: &Path, options: &CsvOptions) -> Result<(Archive, Vec<PathBuf>)> {
        let found = discover(&[dir.to_owned()], None)?.by_kind(&DatasetKind::ALL);
        let mut archive = Archive::default();
        for input in &found.inputs {
            archive.load_file(&input.path, input.kind, options)?;
        }
        archive.attach();
        Ok((archive, found.skipped))
    }

    /// Loads one file of the given kind into the archive (without attaching; see
    /// [`Archive::attach`]).
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn load_file(
        &mut self,
        path: &Path,
        kind: DatasetKind,
        options: &CsvOptions,
    ) -> Result<()> {
        fn load<T: Record>(
            path: &Path,
            options: &CsvOptions,
            into: &mut Vec<Located<T>>,
            findings: &mut Vec<Diagnostic>,
        ) -> Result<()> {
            let (r, f) = read_file::<T>(path, options)?;
            into.extend(r);
            findings.extend(f);
            Ok(())
        }
        let f = &mut self.findings;
        match kind {
            DatasetKind::Figures => load(path, options, &mut self.figures, f)?,
            DatasetKind::Events => load(path, options, &mut self.events, f)?,
            DatasetKind::Camps => load(path, options, &mut self.camps, f)?,
            DatasetKind::Victims => load(path, options, &mut self.victims, f)?,
            DatasetKind::Sources => load(path, options, &mut self.sources, f)?,
            DatasetKind::Estimates => load(path, options, &mut self.estimates, f)?,
            DatasetKind::Claims => load(path, options, &mut self.claims, f)?,
        }
        self.files.push((path.to_owned(), kind));
        Ok(())
    }

    /// Attaches estimates to their events and camps, and claims to their subjects (by id).
    /// Idempotent: attached lists are rebuilt.
    pub fn attach(&mut self) {
        use std::collections::HashMap;
        let mut est: HashMap<&str, Vec<Estimate>> = HashMap::new();
        for e in &self.estimates {
            est.entry(e.record.subject_id.as_str())
                .or_default()
                .push(e.record.clone());
        }
        let mut cl: HashMap<&str, Vec<Claim>> = HashMap::new();
        for c in &self.claims {
            cl.entry(c.record.subject_id.as_str())
                .or_default()
                .push(c.record.clone());
        }
        for e in &mut self.events {
            e.record.estimates = est.get(e.record.id.as_str()).cloned().unwrap_or_default();
            e.record.claims = cl.get(e.record.id.as_str()).cloned().unwrap_or_default();
        }
        for c in &mut self.camps {
            c.record.estimates = est.get(c.record.id.as_str()).cloned().unwrap_or_default();
            c.record.claims = cl.get(c.record.id.as_str()).cloned().unwrap_or_default();
        }
        for f in &mut self.figures {
            f.record.claims = cl.get(f.record.id.as_str()).cloned().unwrap_or_default();
        }
        for v in &mut self.victims {
            v.record.claims = cl.get(v.record.id.as_str()).cloned().unwrap_or_default();
        }
    }

    /// The number of records of all kinds.
    pub fn len(&self) -> usize {
        self.sources.len()
            + self.figures.len()
            + self.events.len()
            + self.camps.len()
            + self.victims.len()
            + self.estimates.len()
            + self.claims.len()
    }

    /// Whether the archive holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
