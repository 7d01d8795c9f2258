//! Loading victims and figures from files and directories into [`DedupRecord`]s, streaming (a
//! typed record is converted and dropped at once, so a million rows fit in memory).
//!
//! UTF-8 victim lists in CSV take a fast path: only the columns matching needs are read (through
//! the same column dictionary, name, date, sex and sentence parsers as [`crate::io`]), and rows
//! are parsed on several threads. Anything else (JSON, other encodings) goes through
//! [`RecordReader`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::record::DedupRecord;
use crate::error::{Error, Result};
use crate::io::{CsvOptions, DatasetKind, FileFormat, Input, ReadItem, RecordReader};
use crate::model::{Figure, Victim};

/// Records loaded for matching.
#[derive(Debug, Default)]
pub struct LoadedRecords {
    /// The records, in file order (files in the order given; a directory's files by name).
    pub records: Vec<DedupRecord>,
    /// The files read, with their kinds.
    pub files: Vec<(PathBuf, DatasetKind)>,
    /// Files of a directory that hold neither victims nor figures (not read).
    pub skipped: Vec<PathBuf>,
    /// Findings the readers made (unparseable dates, unknown values…); `museum validate` lists
    /// them.
    pub reader_findings: usize,
}

/// Loads victims and figures from files and directories. A directory contributes its
/// `victims*` and `figures*` files; a file's kind comes from `kind` or its name.
///
/// # Errors
/// When a path does not exist, cannot be read, or a file is of another kind.
pub fn load_records(paths: &[PathBuf], kind: Option<DatasetKind>) -> Result<LoadedRecords> {
    load_records_with(paths, kind, &CsvOptions::default())
}

/// [`load_records`] with reader options: [`CsvOptions::max_records`] stops at a file with more
/// records (an error naming the file and the line); the other options apply to the readers.
///
/// # Errors
/// As [`load_records`], and when a file has more records than the limit.
pub fn load_records_with(
    paths: &[PathBuf],
    kind: Option<DatasetKind>,
    options: &CsvOptions,
) -> Result<LoadedRecords> {
    const MATCHED: [DatasetKind; 2] = [DatasetKind::Figures, DatasetKind::Victims];
    let mut out = LoadedRecords::default();
    for path in paths {
        // One path at a time: a directory's figures come before its victims.
        let found = crate::io::discover(std::slice::from_ref(path), kind)?;
        if path.is_file()
            && let [Input { kind: k, .. }] = found.inputs.as_slice()
            && !MATCHED.contains(k)
        {
            return Err(Error::invalid_option(format!(
                "`{}` holds {k}; matching reads victims and figures",
                path.display()
            )));
        }
        let found = found.by_kind(&MATCHED);
        for input in &found.inputs {
            load_file(&input.path, input.kind, options, &mut out)?;
        }
        out.skipped.extend(found.skipped);
    }
    Ok(out)
}

fn load_file(
    path: &Path,
    kind: DatasetKind,
    options: &CsvOptions,
    out: &mut LoadedRecords,
) -> Result<()> {
    let name: Arc<str> = Arc::from(path.display().to_string());
    let default_options = options.delimiter.is_none()
        && options.encoding.is_none()
        && options.max_records.is_none()
        && options.max_field_size == crate::io::DEFAULT_MAX_FIELD_SIZE
        // nor the project's vocabulary (`[vocab.*]`)
        && options.vocab.is_none();
    match kind {
        DatasetKind::Victims => {
            // The fast loader knows only the default options.
            if default_options
                && FileFormat::from_path(path) == Some(FileFormat::Csv)
                && let Some((records, findings)) = fast::victims_csv(path, &name)?
            {
                out.records.extend(records);
                out.reader_findings += findings;
                out.files.push((path.to_owned(), kind));
                return Ok(());
            }
            let mut reader = RecordReader::<Victim>::open(path, options)?;
            for item in reader.by_ref() {
                match item {
                    ReadItem::Record(v, findings) => {
                        out.reader_findings += findings.len();
                        out.records
                            .push(DedupRecord::from_victim(&v, Some(name.clone())));
                    }
                    ReadItem::Finding(_) => out.reader_findings += 1,
                }
            }
            if let Some(e) = reader.take_error() {
                return Err(e);
            }
        }
        DatasetKind::Figures => {
            let mut reader = RecordReader::<Figure>::open(path, options)?;
            for item in reader.by_ref() {
                match item {
                    ReadItem::Record(f, findings) => {
                        out.reader_findings += findings.len();
                        out.records
                            .push(DedupRecord::from_figure(&f, Some(name.clone())));
                    }
                    ReadItem::Finding(_) => out.reader_findings += 1,
                }
            }
            if let Some(e) = reader.take_error() {
                return Err(e);
            }
        }
        _ => {}
    }
    out.files.push((path.to_owned(), kind));
    Ok(())
}

mod fast {
    //! The fast path for UTF-8 victim lists in CSV: io's block reader, with only the columns
    //! matching needs parsed, on the worker pool.

    use std::io::Read;
    use std::path::Path;
    use std::sync::Arc;

    use crate::dedup::record::{CaseFacts, DateSpan, DedupRecord, Origin};
    use crate::error::{Error, Result};
    use crate::io::columns::victims as c;
    use crate::io::csv_read::{self, Fields, Opened};
    use crate::io::{CsvOptions, DEFAULT_BLOCK_SIZE, DatasetKind};
    use crate::model::{HistoricalDate, PersonName, Sentence, SentenceKind, Sex, SexValue};

    /// The columns read, by canonical index.
    const WANTED: [usize; 17] = [
        c::ID,
        c::CASE,
        c::FULL_NAME,
        c::SURNAME,
        c::GIVEN_NAME,
        c::PATRONYMIC,
        c::NAME_VARIANTS,
        c::SEX,
        c::BIRTH_DATE,
        c::BIRTH_PLACE,
        c::NATIONALITY,
        c::ARREST_DATE,
        c::SENTENCE_DATE,
        c::SENTENCE,
        c::EXECUTION_DATE,
        c::DEATH_DATE,
        c::FIGURE_ID,
    ];

    struct Parsed {
        record: DedupRecord,
        case: u32,
        findings: usize,
    }

    /// Reads a victims CSV; `None` when the file is not plain UTF-8 CSV that reads to the end
    /// (the caller then uses the general reader, which handles other encodings and reports
    /// what is wrong).
    pub(super) fn victims_csv(
        path: &Path,
        name: &Arc<str>,
    ) -> Result<Option<(Vec<DedupRecord>, usize)>> {
        let mut file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
        let mut head = vec![0u8; 1 << 16];
        let n = file
            .read(&mut head)
            .map_err(|e| Error::io("read", path, e))?;
        head.truncate(n);
        // Valid UTF-8 at the start (a cut multi-byte character at the end is fine).
        let valid = match std::str::from_utf8(&head) {
            Ok(_) => true,
            Err(e) => e.valid_up_to() + 4 >= head.len() && e.error_len().is_none(),
        };
        if !valid || head.is_empty() {
            return Ok(None);
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
        let opened = csv_read::open_csv(
            file,
            name,
            DatasetKind::Victims,
            &CsvOptions::default(),
            DEFAULT_BLOCK_SIZE,
        );
        let Ok(Opened::Ready {
            layout,
            mut splitter,
            ..
        }) = opened
        else {
            return Ok(None);
        };
        // Input column of each canonical column.
        let slot: Vec<Option<usize>> = (0..c::COLUMNS.len())
            .map(|col| layout.input_column(col))
            .collect();
        let stem: Arc<str> = Arc::from(
            path.file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("row")
                .to_owned(),
        );
        let parse = |block: csv_read::Block, _| {
            let mut rows = Vec::new();
            let mut utf8 = true;
            // Blank lines and quoting problems are `museum validate`'s to report.
            let mut structural = Vec::new();
            csv_read::parse_block(&layout, &block, &mut structural, |fields, line, _| {
                if utf8 {
                    match parse_row(&fields, line, &slot, name, &stem) {
                        Some(p) => rows.push(p),
                        None => utf8 = false,
                    }
                }
            });
            utf8.then_some(rows)
        };
        // Rows continuing a person (same id, case 2, 3…) join the row before, as the general
        // reader does; blocks are merged as they come, so no second copy of the rows is held.
        let mut out: Vec<DedupRecord> = Vec::new();
        let mut findings = 0;
        let mut utf8 = true;
        let read = csv_read::map_blocks(&mut splitter, parse, |part| {
            let Some(rows) = part else {
                utf8 = false;
                return false;
            };
            for p in rows {
                findings += p.findings;
                if p.case >= 2
                    && let Some(prev) = out.last_mut()
                    && prev.id == p.record.id
                {
                    absorb(prev, p.record);
                    continue;
                }
                out.push(p.record);
            }
            true
        });
        // Not UTF-8, unreadable or cut short (a record too large to hold): the general reader
        // reads it and says what is wrong.
        match read {
            Ok(end) if utf8 && end.is_empty() => {}
            _ => return Ok(None),
        }
        Ok(Some((out, findings)))
    }

    fn absorb(prev: &mut DedupRecord, next: DedupRecord) {
        for n in next.names {
            if !prev.names.iter().any(|m| m.original == n.original) {
                prev.names.push(n);
            }
        }
        prev.cases.extend(next.cases);
        prev.death = prev.death.take().or(next.death);
    }

    fn parse_row(
        row: &Fields<'_>,
        line: u64,
        slot: &[Option<usize>],
        file: &Arc<str>,
        stem: &str,
    ) -> Option<Parsed> {
        let mut text: [Option<&str>; 17] = [None; 17];
        for (k, col) in WANTED.iter().enumerate() {
            if let Some(i) = slot[*col]
                && let Some(raw) = row.bytes(i)
            {
                let t = std::str::from_utf8(raw).ok()?;
                if !t.trim().is_empty() {
                    text[k] = Some(t);
                }
            }
        }
        let get = |col: usize| WANTED.iter().position(|c| *c == col).and_then(|k| text[k]);
        let mut findings = 0;
        let mut date = |col: usize| {
            let t = get(col)?;
            if let Ok(d) = HistoricalDate::parse(t) {
                DateSpan::from_date(&d)
            } else {
                findings += 1;
                None
            }
        };
        let birth = date(c::BIRTH_DATE);
        let arrest = date(c::ARREST_DATE);
        let sentence_date = date(c::SENTENCE_DATE);
        let execution = date(c::EXECUTION_DATE);
        let death = date(c::DEATH_DATE);
        let (s, g, p) = (get(c::SURNAME), get(c::GIVEN_NAME), get(c::PATRONYMIC));
        let name = match get(c::FULL_NAME) {
            // The parts are in their columns: the full text is kept as written, not parsed (as
            // the general reader, which parses it and then takes the columns' parts).
            Some(full) if s.is_some() || g.is_some() || p.is_some() => {
                let own = |x: Option<&str>| x.map(|x| x.trim().to_owned());
                let patronymic = own(p);
                PersonName {
                    original: full.to_owned(),
                    surname: own(s),
                    given: own(g),
                    patronymic_form: patronymic
                        .as_deref()
                        .and_then(crate::model::name::patronymic_form),
                    patronymic,
                    script: crate::model::Script::detect(full),
                }
            }
            Some(full) => PersonName::parse(full),
            None => PersonName::from_parts(s, g, p),
        };
        let mut names = Vec::with_capacity(1);
        if !name.is_empty() {
            names.push(name);
        }
        if let Some(v) = get(c::NAME_VARIANTS) {
            for variant in v.split(crate::io::MULTI_SEPARATOR) {
                let t = variant.trim();
                if !t.is_empty() && !names.iter().any(|n: &PersonName| n.original == t) {
                    names.push(PersonName::parse(t));
                }
            }
        }
        let sentence = get(c::SENTENCE).and_then(Sentence::parse).and_then(|s| {
            if s.kind == SentenceKind::Unrecognised {
                findings += 1;
                None
            } else {
                Some((s.kind, s.term_years))
            }
        });
        let sex = get(c::SEX)
            .and_then(Sex::parse)
            .map(|s| s.value)
            .filter(|s| *s != SexValue::Unrecognised);
        // As the general reader: no id column gives `stem-line`; an empty id `file:line`.
        let id = match (get(c::ID), slot[c::ID]) {
            (Some(id), _) => id.trim().to_owned(),
            (None, None) => format!("{stem}-{line}"),
            (None, Some(_)) => format!("{file}:{line}"),
        };
        let case = get(c::CASE)
            .and_then(|t| t.trim().parse::<u32>().ok())
            .unwrap_or(1);
        let own = |col: usize| get(col).map(|t| t.trim().to_owned());
        Some(Parsed {
            record: DedupRecord {
                id,
                origin: Origin {
                    kind: DatasetKind::Victims,
                    file: Some(file.clone()),
                    line: Some(line),
                },
                names,
                sex,
                birth,
                birth_place: own(c::BIRTH_PLACE),
                nationality: own(c::NATIONALITY),
                cases: {
                    let case = CaseFacts {
                        arrest,
                        sentence_date,
                        sentence,
                        execution,
                    };
                    if case.is_empty() {
                        Vec::new()
                    } else {
                        vec![case]
                    }
                },
                death,
                same_as: own(c::FIGURE_ID).into_iter().collect(),
            },
            case,
            findings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast CSV path gives exactly what the general reader gives.
    #[test]
    fn fast_path_matches_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("victims.csv");
        std::fs::write(
            &path,
            "id,case,full_name,surname,given_name,patronymic,name_variants,sex,birth_date,birth_place,nationality,arrest_date,sentence_date,sentence,execution_date,death_date,figure_id\n\
             v1,1,Букейханов Алихан Нурмухамедович,Букейханов,Алихан,Нурмухамедович,Бөкейханов Әлихан|Alikhan Bukeikhanov,м,1866,\"Каркаралы, уезд\",казах,1937-07-26,,ВМН,1937-09-27,,fig-b\n\
             v1,2,,,,,,,,,,1938-01-02,1938,10 лет ИТЛ,,,\n\
             v2,,Ахметов А.,,,,,ж,1900?,,,нечто,,зз,,1950,\n\
             ,,Mailin Beimbet,,,,,m,,,,,,,,,\n",
        )
        .unwrap();
        let name: Arc<str> = Arc::from(path.display().to_string());
        let (fast, fast_findings) = fast::victims_csv(&path, &name).unwrap().unwrap();
        let mut slow = Vec::new();
        let mut slow_findings = 0;
        for item in RecordReader::<Victim>::open(&path, &CsvOptions::default()).unwrap() {
            if let ReadItem::Record(v, f) = item {
                slow_findings += f.len();
                slow.push(DedupRecord::from_victim(&v, Some(name.clone())));
            }
        }
        assert_eq!(fast.len(), 3);
        for (a, b) in fast.iter().zip(&slow) {
            assert_eq!(a, b);
        }
        assert!(fast_findings > 0 && slow_findings >= fast_findings);
    }

    fn both_readers(path: &Path) -> (Vec<DedupRecord>, Vec<DedupRecord>) {
        let name: Arc<str> = Arc::from(path.display().to_string());
        let (fast, _) = fast::victims_csv(path, &name).unwrap().unwrap();
        let slow = RecordReader::<Victim>::open(path, &CsvOptions::default())
            .unwrap()
            .filter_map(|item| match item {
                ReadItem::Record(v, _) => Some(DedupRecord::from_victim(&v, Some(name.clone()))),
                ReadItem::Finding(_) => None,
            })
            .collect();
        (fast, slow)
    }

    /// A list of several blocks (a person's second case may start the next block), and one
    /// with CRLF line ends, blank lines and quoted line breaks: the same records, lines and ids
    /// as the general reader.
    #[test]
    fn fast_path_across_blocks_and_line_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("victims.csv");
        let mut text = String::from("id,case,surname,given_name,birth_date,arrest_date,sentence\n");
        for i in 0..30_000 {
            text.push_str(&format!(
                "v{i},1,Сейфуллин,Сакен {i},1894,1937-09-24,ВМН\nv{i},2,,,,1938-02-25,10 лет ИТЛ\n"
            ));
        }
        assert!(text.len() > 2 * crate::io::DEFAULT_BLOCK_SIZE);
        std::fs::write(&path, &text).unwrap();
        let (fast, slow) = both_readers(&path);
        assert_eq!(fast.len(), 30_000);
        assert!(fast.iter().all(|r| r.cases.len() == 2));
        assert_eq!(fast, slow);

        let crlf = dir.path().join("crlf_victims.csv");
        std::fs::write(
            &crlf,
            "surname,given_name,notes\r\n\r\nАймауытов,Жүсіпбек,\"a\r\nb\"\r\n\r\n\r\nДулатов,Міржақып,\r\n",
        )
        .unwrap();
        let (fast, slow) = both_readers(&crlf);
        assert_eq!(fast.len(), 2);
        assert_eq!(fast, slow);
        assert_eq!(fast[1].id, "crlf_victims-7");
    }
}
