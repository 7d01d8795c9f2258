//! Spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.ods`) read with calamine.
//!
//! Each sheet becomes the CSV text a spreadsheet program's "save as CSV" writes for it (every
//! row from row 1 and every column from A, so blank leading rows and columns stay where they
//! were), which then goes through the one CSV reader: a sheet gives exactly the findings of
//! its CSV export. Cell values are written as they read: text as is, whole numbers without a
//! decimal point (`1898`, not `1898.0`), other numbers in their shortest form, date cells as
//! ISO dates (`1937-11-05`; with the time when it is not midnight), error cells as Excel
//! shows them (`#N/A`), booleans as `TRUE`/`FALSE`.
//!
//! A sheet is named `file.xlsx:Sheet` in findings, and its findings point at the cell as well
//! as the row (`file.xlsx:Sheet!C14`), through [`SheetMap`].

use std::path::Path;

use calamine::{Data, Reader};

use super::DatasetKind;
use super::columns::find_column;
use crate::diagnostic::Location;
use crate::error::{Error, ErrorKind, Result};

/// One sheet as CSV text.
pub(crate) struct Sheet {
    /// `file.xlsx:Sheet`.
    pub(crate) name: String,
    /// The CSV text (UTF-8, comma-separated).
    pub(crate) csv: Vec<u8>,
    /// Where its lines are in the sheet.
    pub(crate) map: SheetMap,
}

/// From lines of a sheet's CSV text back to its rows and cells.
#[derive(Debug, Clone)]
pub(crate) struct SheetMap {
    /// `file.xlsx:Sheet`, the `file` of the locations to map.
    pub(crate) name: String,
    /// The sheet row (1-based) of each CSV line (index: line - 1); a cell with line breaks
    /// makes a row span several lines.
    rows: Vec<u32>,
    /// The field name each column is read as (the canonical column, or the header text).
    fields: Vec<String>,
}

impl SheetMap {
    /// [`SheetMap::locate`] on a finding's location and its related locations.
    pub(crate) fn locate_all(&self, d: &mut crate::diagnostic::Diagnostic) {
        self.locate(&mut d.location);
        d.related.iter_mut().for_each(|l| self.locate(l));
    }

    /// Maps a location of the sheet's CSV text to the sheet: the line becomes the sheet row,
    /// and a field gets its cell (`C14`). Locations in other files are left alone.
    pub(crate) fn locate(&self, loc: &mut Location) {
        if loc.file.as_deref() != Some(self.name.as_str()) {
            return;
        }
        let Some(line) = loc.line else {
            return;
        };
        let row = usize::try_from(line)
            .ok()
            .and_then(|l| l.checked_sub(1))
            .and_then(|i| self.rows.get(i))
            .copied()
            .map_or(line, u64::from);
        loc.line = Some(row);
        if let Some(field) = &loc.field
            && let Some(col) = self.fields.iter().position(|f| f == field)
        {
            loc.cell = Some(format!("{}{row}", column_letters(col)));
        }
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub(crate) fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(col % 26).unwrap_or(0));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads the sheets of a workbook (`only`: just that one), skipping empty sheets. `display` is
/// the file as named in findings.
///
/// # Errors
/// When the file is not a readable workbook (truncated, damaged, another format) or has no
/// sheet named `only`.
pub(crate) fn read_sheets(
    path: &Path,
    display: &str,
    kind: DatasetKind,
    only: Option<&str>,
) -> Result<Vec<Sheet>> {
    let broken = |e: &dyn std::fmt::Display| {
        Error::from(ErrorKind::UnsupportedFormat {
            path: path.to_owned(),
            reason: format!(
                "it is not a readable spreadsheet ({e}); is it truncated or damaged? Open it in a spreadsheet program and save it again"
            ),
        })
    };
    let mut book = calamine::open_workbook_auto(path).map_err(|e| broken(&e))?;
    let names = book.sheet_names();
    let wanted: Vec<String> = match only {
        None => names.clone(),
        Some(s) => {
            let found = names.iter().find(|n| n.as_str() == s).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            });
            match found {
                Some(n) => vec![n.clone()],
                None => {
                    return Err(Error::invalid_option(format!(
                        "`{display}` has no sheet `{s}`; its sheets: {}",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
        }
    };
    let mut sheets = Vec::new();
    for sheet in wanted {
        let range = book.worksheet_range(&sheet).map_err(|e| broken(&e))?;
        let Some((_, (end_row, end_col))) = range.start().zip(range.end()) else {
            continue;
        };
        let name = format!("{display}:{sheet}");
        let width = usize::try_from(end_col).unwrap_or(0) + 1;
        let height = end_row + 1;
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        let mut rows = Vec::new();
        let mut fields = Vec::new();
        let mut cells: Vec<String> = Vec::with_capacity(width);
        for row in 0..height {
            cells.clear();
            for col in 0..width {
                let pos = (row, u32::try_from(col).unwrap_or(u32::MAX));
                cells.push(range.get_value(pos).map(cell_text).unwrap_or_default());
            }
            if fields.is_empty() && cells.iter().any(|c| !c.trim().is_empty()) {
                fields = cells
                    .iter()
                    .enumerate()
                    .map(|(i, h)| {
                        let h = h.trim();
                        match find_column(kind.columns(), h) {
                            Some(c) => kind.columns()[c].name.to_owned(),
                            None if h.is_empty() => format!("column_{}", i + 1),
                            None => h.to_owned(),
                        }
                    })
                    .collect();
            }
            let lines = 1 + cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
            for _ in 0..lines {
                rows.push(row + 1);
            }
            writer
                .write_record(&cells)
                .map_err(|e| Error::io("convert", path, std::io::Error::other(e)))?;
        }
        let csv = writer
            .into_inner()
            .map_err(|e| Error::io("convert", path, std::io::Error::other(e.to_string())))?;
        sheets.push(Sheet {
            name: name.clone(),
            csv,
            map: SheetMap { name, rows, fields },
        });
    }
    Ok(sheets)
}

/// A cell as a CSV export writes it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
