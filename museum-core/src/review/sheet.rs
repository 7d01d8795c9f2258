//! Writing the review sheet: CSV, or XLSX with a frozen header, column widths, wrapped text and
//! a drop-down for `decision`.

use std::path::Path;

use crate::dedup::{DedupRecord, Field, MatchExplanation};
use crate::error::{Error, ErrorKind, Result};

use super::{Review, evidence_in_words};

/// The sheet's columns, in order: the CSV header starts `record_a,record_b` and ends
/// `decision,who,why` (the three a person fills in).
pub const COLUMNS: [&str; 22] = [
    "record_a",
    "record_b",
    "probability",
    "reason",
    "name_a",
    "name_b",
    "birth_a",
    "birth_b",
    "birth_place_a",
    "birth_place_b",
    "arrest_a",
    "arrest_b",
    "sentence_a",
    "sentence_b",
    "source_a",
    "source_b",
    "location_a",
    "location_b",
    "evidence",
    "decision",
    "who",
    "why",
];

/// Column widths in the XLSX sheet (characters), by column.
const WIDTHS: [f64; 22] = [
    14.0, 14.0, 11.0, 22.0, 28.0, 28.0, 12.0, 12.0, 18.0, 18.0, 12.0, 12.0, 14.0, 14.0, 18.0, 18.0,
    20.0, 20.0, 70.0, 12.0, 14.0, 30.0,
];

/// The words a person may put in `decision` (the drop-down's list).
pub const DECISION_WORDS: [&str; 3] = ["same", "different", "unsure"];

/// The format of a review sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// Comma-separated values.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl SheetFormat {
    /// The format a file name asks for (`.xlsx` or `.csv`).
    pub fn from_path(path: &Path) -> Option<SheetFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(SheetFormat::Xlsx),
            "csv" => Some(SheetFormat::Csv),
            _ => None,
        }
    }
}

fn field(e: &MatchExplanation, f: Field, second: bool) -> &str {
    e.fields
        .iter()
        .find(|x| x.field == f)
        .and_then(|x| {
            if second {
                x.b.as_deref()
            } else {
                x.a.as_deref()
            }
        })
        .unwrap_or("")
}

fn location(r: &DedupRecord) -> String {
    match (&r.origin.file, r.origin.line) {
        (Some(f), Some(l)) => format!("{f}:{l}"),
        (Some(f), None) => f.to_string(),
        _ => String::new(),
    }
}

/// The cells of the sheet's rows, as text (`probability` with four decimals), in
/// [`COLUMNS`] order. `sources` gives a record's sources (by record index), when known.
fn rows(
    review: &Review,
    records: &[DedupRecord],
    sources: &dyn Fn(usize) -> String,
) -> Vec<Vec<String>> {
    review
        .pairs
        .iter()
        .map(|p| {
            let e = &p.explanation;
            let (ra, rb) = (&records[p.a], &records[p.b]);
            let mut row = vec![
                ra.id.clone(),
                rb.id.clone(),
                format!("{:.4}", e.probability),
                p.reason.describe(),
                ra.display_name().to_owned(),
                rb.display_name().to_owned(),
            ];
            for f in [
                Field::Birth,
                Field::BirthPlace,
                Field::Arrest,
                Field::Sentence,
            ] {
                row.push(field(e, f, false).to_owned());
                row.push(field(e, f, true).to_owned());
            }
            row.extend([
                sources(p.a),
                sources(p.b),
                location(ra),
                location(rb),
                evidence_in_words(e),
                String::new(),
                String::new(),
                String::new(),
            ]);
            row
        })
        .collect()
}

/// Writes the review sheet to `path` (atomically) in `format`. `sources` gives a record's
/// sources by record index (`""` when unknown). The output is the same bytes for the same
/// review (no timestamp in the workbook).
///
/// # Errors
/// When the file cannot be written or the workbook cannot be made.
pub fn write_sheet(
    path: &Path,
    format: SheetFormat,
    review: &Review,
    records: &[DedupRecord],
    sources: &dyn Fn(usize) -> String,
) -> Result<()> {
    let bytes = sheet_bytes(format, review, records, sources).map_err(|e| match e {
        SheetError::Csv(e) => Error::io("write", path, e),
        SheetError::Xlsx(e) => ErrorKind::UnsupportedFormat {
            path: path.to_owned(),
            reason: format!("cannot make the workbook: {e}"),
        }
        .into(),
    })?;
    crate::fsutil::write_bytes_atomic(path, &bytes)
}

/// Why a sheet could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The CSV writer failed.
    #[error("cannot write CSV")]
    Csv(#[source] std::io::Error),
    /// The workbook writer failed.
    #[error("cannot make the workbook: {0}")]
    Xlsx(#[source] rust_xlsxwriter::XlsxError),
}

/// The bytes of the review sheet in `format` (see [`write_sheet`]).
///
/// # Errors
/// When the writer fails.
pub fn sheet_bytes(
    format: SheetFormat,
    review: &Review,
    records: &[DedupRecord],
    sources: &dyn Fn(usize) -> String,
) -> std::result::Result<Vec<u8>, SheetError> {
    let rows = rows(review, records, sources);
    match format {
        SheetFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let csv_err = |e: csv::Error| SheetError::Csv(std::io::Error::other(e));
            w.write_record(COLUMNS).map_err(csv_err)?;
            for r in &rows {
                w.write_record(r).map_err(csv_err)?;
            }
            w.into_inner()
                .map_err(|e| SheetError::Csv(std::io::Error::other(e.to_string())))
        }
        SheetFormat::Xlsx => xlsx(&rows).map_err(SheetError::Xlsx),
    }
}

fn xlsx(rows: &[Vec<String>]) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    };
    let mut wb = Workbook::new();
    // A fixed creation date: the same review gives the same bytes.
    wb.set_properties(
        &DocProperties::new()
            .set_title("museum review sheet")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("review")?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("D9E1F2")
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new()
        .set_num_format("0.0000")
        .set_align(FormatAlign::Top);
    let fill = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("FFF2CC")
        .set_unlocked();
    let decision_col = COLUMNS.len() as u16 - 3;
    for (c, (name, width)) in COLUMNS.iter().zip(WIDTHS).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *name, &header)?;
        ws.set_column_width(c, width)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            if c == 2
                && let Ok(p) = cell.parse::<f64>()
            {
                ws.write_number_with_format(r, c, p, &number)?;
            } else if c >= decision_col {
                ws.write_string_with_format(r, c, cell, &fill)?;
            } else {
                ws.write_string_with_format(r, c, cell, &wrap)?;
            }
        }
    }
    // The header and the two ids stay in view.
    ws.set_freeze_panes(1, 2)?;
    let last = rows.len().max(1) as u32;
    ws.autofilter(0, 0, last, COLUMNS.len() as u16 - 1)?;
    let validation = DataValidation::new()
        .allow_list_strings(&DECISION_WORDS)?
        .set_input_title("decision")?
        .set_input_message("same, different or unsure (left for later)")?
        .set_error_title("not a decision")?
        .set_error_message("write same, different or unsure")?;
    // The drop-down covers the rows of the sheet and room below for rows added by hand.
    ws.add_data_validation(1, decision_col, last + 1000, decision_col, &validation)?;
    wb.save_to_buffer()
}
