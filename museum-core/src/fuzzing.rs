//! The checks the fuzz targets run, shared with the regression test `tests/fuzz.rs`.
//!
//! Each function takes arbitrary bytes, runs one part of the library on them and asserts its
//! invariants: it panics only when the library is wrong (a panic inside the library, or a
//! broken invariant). The fuzz targets in `fuzz/fuzz_targets/` call these functions, and
//! `museum-core/tests/fuzz.rs` replays every minimized crasher of `tests/fixtures/fuzz/<target>/`
//! through them, so a fixed bug stays fixed without cargo-fuzz. See `fuzz/README.md`.
//!
//! Inputs that need options start with one *selector* byte (the rest is the file): see
//! [`csv`], [`json`] and [`validate`].
//!
//! Not part of the public API: this module may change at any time.

use std::fmt::Debug;
use std::io::{Cursor, Read};

use crate::io::{CsvOptions, DatasetKind, FileFormat, Located, ReadItem, Record, RecordReader};
use crate::model::{Camp, Claim, Estimate, Event, Figure, Source, Victim};
use crate::model::{DateValue, HistoricalDate, IntervalEnd, PersonName};
use crate::normalize::{
    MAX_CODES, NameKeys, PartKeys, PartKind, fold, initial_class, normalize_text, patronymic_stem,
    phonetic, repair_homoglyphs, surname_stem,
};
use crate::validate::{
    Input, ValidateOptions, validate_and_load, validate_archive, validate_files,
};

/// The check of one fuzz target: panics when the library is wrong.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name: the directory of their fixtures (`tests/fixtures/fuzz/<name>/`)
/// and the check they run.
pub const TARGETS: &[(&str, Check)] = &[
    ("date", date),
    ("name", name),
    ("csv", csv),
    ("json", json),
    ("validate", validate),
];

/// `date`: [`HistoricalDate::parse`] of the input (lossy UTF-8).
///
/// Checks: parsing never panics; a parsed date keeps its text; its bounds are ordered
/// (`earliest <= latest`, both known or both unknown); its EDTF form ([`Display`](std::fmt::Display))
/// parses back to the same value and prints the same again; the JSON form deserializes to an
/// equal date.
pub fn date(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let date = match HistoricalDate::parse(&text) {
        Ok(d) => d,
        Err(e) => {
            let _ = e.to_string();
            let _ = e.is_impossible();
            return;
        }
    };
    assert_eq!(date.original(), text, "the original text is kept");
    match (date.earliest(), date.latest()) {
        (Some(lo), Some(hi)) => assert!(lo <= hi, "{text:?}: earliest {lo} > latest {hi}"),
        (None, None) => assert!(date.is_unknown(), "{text:?}: a known date without bounds"),
        (lo, hi) => panic!("{text:?}: one bound only: {lo:?} {hi:?}"),
    }
    if let DateValue::Interval { start, end } = date.value() {
        assert!(
            matches!(start, IntervalEnd::Point(_)) || matches!(end, IntervalEnd::Point(_)),
            "{text:?}: an interval without a date"
        );
    }
    let _ = (date.year(), date.month());
    let edtf = date.to_string();
    let again = HistoricalDate::parse(&edtf)
        .unwrap_or_else(|e| panic!("{text:?}: its EDTF form {edtf:?} does not parse: {e}"));
    assert_eq!(
        again.value(),
        date.value(),
        "{text:?}: its EDTF form {edtf:?} parses to another value"
    );
    assert_eq!(again.to_string(), edtf, "{text:?}: EDTF is not stable");
    let json = serde_json::to_string(&date).expect("a date serializes");
    let back: HistoricalDate = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{text:?}: its JSON {json} does not deserialize: {e}"));
    assert_eq!(back, date, "{text:?}: JSON round trip");
    let _ = (
        date.compare_before(&again),
        date.compare_before_or_same(&again),
    );
}

/// `name`: [`PersonName::parse`] of the input (lossy UTF-8) and every normalization key
/// function on it; the input split at `|` also goes through [`PersonName::from_parts`].
///
/// Checks: nothing panics; the parsed name keeps its text; [`normalize_text`] gives trimmed
/// text with single spaces; [`fold`] gives lowercase ASCII words joined by single spaces;
/// [`phonetic`] gives 1 to [`MAX_CODES`] codes.
pub fn name(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let n = PersonName::parse(&text);
    assert_eq!(n.original, text, "the original text is kept");
    name_parts(&n);

    let mut parts = text.splitn(3, '|');
    let (s, g, p) = (parts.next(), parts.next(), parts.next());
    name_parts(&PersonName::from_parts(s, g, p));

    let _ = repair_homoglyphs(&text);
    let norm = normalize_text(&text);
    assert_eq!(norm.trim(), norm, "{text:?}: normalized text is trimmed");
    assert!(
        !norm.contains("  "),
        "{text:?}: normalized text has double spaces"
    );
    let folded = fold(&text);
    assert!(
        folded
            .split(' ')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
            || folded.is_empty(),
        "{text:?}: folded {folded:?} is not lowercase ASCII words"
    );
    for stem in [
        surname_stem(&folded),
        patronymic_stem(&folded),
        folded.clone(),
    ] {
        for latin in [false, true] {
            let codes = phonetic(&stem, latin);
            assert!(
                (1..=MAX_CODES).contains(&codes.len()),
                "{text:?}: {} phonetic codes",
                codes.len()
            );
        }
        let _ = initial_class(&stem);
    }
}

/// Runs everything that reads a parsed name.
fn name_parts(n: &PersonName) {
    let _ = (
        n.alternates(),
        n.sex_hint(),
        n.given_is_initial(),
        n.is_empty(),
    );
    let _ = n.to_string();
    let keys = NameKeys::of(n);
    let _ = keys.swapped();
    for kind in [PartKind::Surname, PartKind::Given, PartKind::Patronymic] {
        if let Some(k) = keys.part(kind) {
            assert!(
                (1..=MAX_CODES).contains(&k.phonetic.len()),
                "{:?}: {} phonetic codes",
                n.original,
                k.phonetic.len()
            );
            assert!(!k.folded.is_empty());
            let _ = k.phonetic_overlaps(k);
        }
        let _ = PartKeys::new(&n.original, kind);
    }
}

/// The dataset kind a selector byte names (its value modulo 7).
fn kind_of(selector: u8) -> DatasetKind {
    DatasetKind::ALL[usize::from(selector) % DatasetKind::ALL.len()]
}

/// A reader that hands out at most a few bytes per call (1 to 7, cycling), as pipes and slow
/// disks do: the result must not depend on how the bytes arrive.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.step = self.step % 7 + 1;
        let n = self.step.min(buf.len()).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Reads `data` as `format` twice, from memory at once and through a [`Trickle`], and checks
/// that both give the same items; returns how many items there were.
fn read_twice<T: Record + Debug>(data: &[u8], format: FileFormat, options: &CsvOptions) -> usize {
    let items = |reader: Box<dyn Read + Send>| -> Vec<ReadItem<T>> {
        match RecordReader::<T>::from_reader(reader, "fuzz", format, options) {
            Ok(r) => r.collect(),
            Err(e) => panic!("reading from memory failed: {e}"),
        }
    };
    let whole = items(Box::new(Cursor::new(data.to_vec())));
    let trickled = items(Box::new(Trickle {
        data: data.to_vec(),
        at: 0,
        step: 0,
    }));
    // Debug text, not `==`: a coordinate may be NaN.
    assert_eq!(
        format!("{whole:?}"),
        format!("{trickled:?}"),
        "the items depend on how the bytes arrive"
    );
    #[allow(clippy::naive_bytecount)] // a fuzz check, not a hot path: no crate for it
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for item in &whole {
        let location = match item {
            ReadItem::Record(Located { location, .. }, _) => location,
            ReadItem::Finding(d) => &d.location,
        };
        if let Some(line) = location.line {
            assert!(
                (1..=lines).contains(&line),
                "line {line} outside the file's {lines} lines: {item:?}"
            );
        }
    }
    whole.len()
}

/// Dispatches a generic function over the record type of a dataset kind.
macro_rules! by_kind {
    ($kind:expr, $f:ident($($arg:expr),*)) => {
        match $kind {
            DatasetKind::Figures => $f::<Figure>($($arg),*),
            DatasetKind::Events => $f::<Event>($($arg),*),
            DatasetKind::Camps => $f::<Camp>($($arg),*),
            DatasetKind::Victims => $f::<Victim>($($arg),*),
            DatasetKind::Sources => $f::<Source>($($arg),*),
            DatasetKind::Estimates => $f::<Estimate>($($arg),*),
            DatasetKind::Claims => $f::<Claim>($($arg),*),
        }
    };
}

/// `csv`: the CSV reader ([`RecordReader`], as `museum` reads a `.csv` file: encoding and BOM
/// sniffing, delimiter sniffing, header mapping, typed records, victim case merging).
///
/// The first byte selects: the dataset kind (value modulo 7); bit 3 forces the delimiter `;`
/// (else it is sniffed); bit 4 sets a 16-byte field limit; bit 5 a limit of 3 records. The rest
/// is the file.
///
/// Checks: nothing panics; the same items come out when the bytes arrive a few at a time; every
/// line number is within the file.
pub fn csv(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let options = CsvOptions {
        delimiter: (selector & 0x08 != 0).then_some(b';'),
        max_field_size: if selector & 0x10 != 0 {
            16
        } else {
            crate::io::DEFAULT_MAX_FIELD_SIZE
        },
        max_records: (selector & 0x20 != 0).then_some(3),
        ..CsvOptions::default()
    };
    by_kind!(
        kind_of(selector),
        read_twice(body, FileFormat::Csv, &options)
    );
}

/// `json`: the JSON (one array) and JSON Lines readers ([`RecordReader`] as for a `.json` or
/// `.jsonl` file).
///
/// The first byte selects: the dataset kind (value modulo 7); bit 3 reads JSON Lines instead of
/// a JSON array. The rest is the file.
///
/// Checks: as [`csv`].
pub fn json(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let format = if selector & 0x08 != 0 {
        FileFormat::JsonLines
    } else {
        FileFormat::Json
    };
    by_kind!(
        kind_of(selector),
        read_twice(body, format, &CsvOptions::default())
    );
}

/// The byte that separates files in a [`validate`] input (ASCII record separator).
pub const FILE_SEPARATOR: u8 = 0x1e;

/// `validate`: the whole validation pipeline ([`validate_files`], as `museum validate` runs it,
/// and [`validate_archive`] over the same files loaded as an [`crate::io::Archive`]).
///
/// The input is one or more files separated by [`FILE_SEPARATOR`]. The first byte of the
/// input selects the options: bits 0–1 the block size of the second run (64, 333, 4096 bytes or
/// 1 MiB), bit 2 a 16-byte field limit, bit 3 `require_all_files`. The first byte of each file
/// selects its kind (value modulo 7) and, with `(byte / 7) % 3`, its format (CSV, JSON, JSON
/// Lines); the rest is its content. The files are written to a temporary directory
/// (`<n>_<kind>.<ext>`).
///
/// Checks: validation succeeds (bad data is findings, never an error or a panic), and gives the
/// same report on one thread with 1 MiB blocks and on two threads with small blocks.
pub fn validate(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut inputs = Vec::new();
    for (n, file) in rest.split(|&b| b == FILE_SEPARATOR).enumerate().take(8) {
        let Some((&which, content)) = file.split_first() else {
            continue;
        };
        let kind = kind_of(which);
        let ext = ["csv", "json", "jsonl"][usize::from(which / 7) % 3];
        let path = dir.path().join(format!("{n}_{kind}.{ext}"));
        std::fs::write(&path, content).expect("write a temporary file");
        inputs.push(Input { path, kind });
    }
    let mut options = ValidateOptions {
        require_all_files: selector & 0x08 != 0,
        threads: 1,
        ..ValidateOptions::default()
    };
    if selector & 0x04 != 0 {
        options.limits.max_field_size = 16;
    }
    let run = |threads: usize, block_size: usize| {
        let options = ValidateOptions {
            threads,
            block_size,
            ..options.clone()
        };
        let report = validate_files(&inputs, &options)
            .unwrap_or_else(|e| panic!("validation failed instead of reporting: {e}"));
        let _ = (report.summary(), report.max_severity(), report.by_code());
        serde_json::to_string(&report.to_json()).expect("the report serializes")
    };
    let reference = run(1, crate::io::DEFAULT_BLOCK_SIZE);
    let block = [64, 333, 4096, crate::io::DEFAULT_BLOCK_SIZE][usize::from(selector & 3)];
    let other = run(2, block);
    assert_eq!(
        reference, other,
        "the report depends on threads and block size ({block} bytes)"
    );

    let mut archive = crate::io::Archive::default();
    for input in &inputs {
        archive
            .load_file(&input.path, input.kind, &options.csv_options())
            .unwrap_or_else(|e| panic!("loading failed instead of reporting: {e}"));
    }
    archive.attach();
    let report = validate_archive(&archive, &options);
    let _ = serde_json::to_string(&report.to_json()).expect("the report serializes");

    // One pass that keeps the records: the streaming report and the readers' records.
    let one_pass = ValidateOptions {
        threads: 2,
        block_size: block,
        ..options.clone()
    };
    let (kept_report, kept) = validate_and_load(&inputs, &one_pass, &|_| {})
        .unwrap_or_else(|e| panic!("validate_and_load failed instead of reporting: {e}"));
    let kept_json = serde_json::to_string(&kept_report.to_json()).expect("the report serializes");
    assert_eq!(
        reference, kept_json,
        "validate_and_load reports differently"
    );
    assert!(
        kept.sources == archive.sources
            && kept.figures == archive.figures
            && kept.events == archive.events
            && kept.camps == archive.camps
            && kept.victims == archive.victims
            && kept.estimates == archive.estimates
            && kept.claims == archive.claims,
        "validate_and_load keeps other records than the readers read"
    );
}
