//! Streaming CSV reading with positions, header aliases and findings for broken input.
//!
//! A file is read in three layers, shared by the sequential [`RecordReader`](super::RecordReader)
//! and the parallel validator:
//!
//! 1. [`open_csv`] (`head.rs`) sniffs the encoding and the delimiter, reads the header and maps
//!    its columns onto the kind's canonical columns ([`Layout`], `layout.rs`);
//! 2. a [`Splitter`] (`split.rs`) cuts the rest of the file into [`Block`]s of about a mebibyte that end on
//!    a record boundary. It follows quotes exactly as the `csv` crate does, so a line break
//!    inside a quoted field never splits a record; on the way it finds stray quotes (M109), a
//!    quote that is never closed (M111) and records too large to hold (M112);
//! 3. [`parse_block`] (`parse.rs`) parses one block into raw records with their real line numbers (the `csv`
//!    crate's own positions lag behind on CRLF files and fold blank lines into the next record)
//!    and reports blank lines (M108); [`Layout::row`] turns a raw record into a typed record.
//!
//! Blocks are independent, so they can be parsed on several threads; line numbers come from
//! counting line breaks, never from guessing. [`CsvRecords`] (`records.rs`) is the sequential
//! iterator over typed records.

mod head;
mod layout;
mod parallel;
mod parse;
mod records;
mod split;
#[cfg(test)]
mod tests;

pub(crate) use head::{Opened, header_only, open_csv};
pub(crate) use layout::{FieldVisitor, Layout};
pub(crate) use parallel::map_blocks;
pub(crate) use parse::{Fields, parse_block};
pub(crate) use records::CsvRecords;
pub(crate) use split::Block;

/// The default maximum size of one field (1 MiB).
pub const DEFAULT_MAX_FIELD_SIZE: usize = 1 << 20;

/// The default size of the blocks a file is cut into (1 MiB).
pub const DEFAULT_BLOCK_SIZE: usize = 1 << 20;

/// The largest record the reader holds in memory, whatever the field limit: a quote that is
/// never closed would otherwise swallow the whole file.
const MIN_MAX_RECORD: usize = 64 << 20;

/// Options of the CSV reader.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// Field delimiter; sniffed from the header line (`,`, `;`, tab) when `None`.
    pub delimiter: Option<u8>,
    /// Fields larger than this many bytes are reported (M112) and read as empty.
    pub max_field_size: usize,
    /// At most this many records (data rows of a CSV file, records of a JSON file) per file;
    /// reading a file with more stops with an error naming the file and the line of the first
    /// record past the limit. `None`: no limit.
    pub max_records: Option<u64>,
    /// The text encoding; detected when `None` (see [`TextEncoding`](super::TextEncoding)).
    pub encoding: Option<super::TextEncoding>,
    /// Read only this sheet of a spreadsheet (`.xlsx`, `.xls`, `.ods`); every sheet when `None`.
    pub sheet: Option<String>,
    /// The project's own vocabulary (`[vocab.*]` in `museum.toml`); none when `None`.
    pub vocab: Option<std::sync::Arc<crate::model::vocab::UserVocab>>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            delimiter: None,
            max_field_size: DEFAULT_MAX_FIELD_SIZE,
            max_records: None,
            encoding: None,
            sheet: None,
            vocab: None,
        }
    }
}

/// The error for a file with more records than [`CsvOptions::max_records`]: `line` is where
/// the first record past the limit starts.
pub(crate) fn too_many_records(file: &str, line: Option<u64>, max: u64) -> crate::Error {
    let at = line.map_or_else(String::new, |l| format!(":{l}"));
    crate::ErrorKind::Limit(format!(
        "`{file}`{at}: more than {max} record{} (rows) in the file, the configured maximum; nothing from this line on was read\n  hint: raise `max_records` under `[limits]` in `museum.toml` or pass `--max-records N` if the file is really that large",
        if max == 1 { "" } else { "s" }
    ))
    .into()
}

impl CsvOptions {
    /// The largest record the reader holds: 64 MiB, or four fields of the maximum size.
    pub(crate) fn max_record(&self) -> usize {
        MIN_MAX_RECORD.max(self.max_field_size.saturating_mul(4))
    }
}
