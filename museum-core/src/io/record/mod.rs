//! The [`Record`] trait (how an entity is read from and written to a flat row) and [`Row`].
//!
//! - [`row`]: the flat row and the readers of its typed values;
//! - [`victim`]: victims (one row per repression case, merged);
//! - [`entities`]: figures, events, camps, sources, estimates and claims.

mod entities;
mod row;
mod victim;

pub use row::Row;
pub(crate) use row::trim;

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::DatasetKind;
use crate::diagnostic::Diagnostic;
use crate::model::HistoricalDate;
use crate::model::entity::Extra;

use super::MULTI_SEPARATOR;

/// An entity that can be read from and written to flat rows (CSV) and JSON.
pub trait Record: Sized + Serialize + DeserializeOwned + JsonSchema + Send + 'static {
    /// The dataset kind.
    const KIND: DatasetKind;

    /// The record's id.
    fn id(&self) -> &str;

    /// Builds the record from a row, pushing findings about its values to `out`.
    fn from_row(row: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self;

    /// Builds the record for validation only: the same findings as [`Record::from_row`], but
    /// fields no validation rule reads may be left out (a victim's name is kept as text, not
    /// parsed; places, occupation, notes and unknown columns are left empty). The streaming
    /// validator builds and drops a million of these, so the saving matters.
    fn from_row_lean(row: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        Self::from_row(row, out)
    }

    /// Refills `self` from a row as [`Record::from_row_lean`] builds a record (the same
    /// findings, the same value), reusing the allocations of the record it held: the streaming
    /// validator checks a record, then refills it with the next row.
    fn refill_lean(&mut self, row: &Row<'_>, out: &mut Vec<Diagnostic>) {
        *self = Self::from_row_lean(row, out);
    }

    /// The rows of this record, each in the kind's canonical column order. Most records are one
    /// row; a victim with several cases is one row per case.
    fn to_rows(&self) -> Vec<Vec<String>>;

    /// The unknown columns carried through.
    fn extra(&self) -> &Extra;

    /// Whether a file of this kind can spread one record over consecutive rows (victims: one
    /// row per repression case).
    const MERGES_ROWS: bool = false;

    /// Whether this record, read from one row, may continue the record of the row before it
    /// (a victim row with `case` 2 or more).
    fn continues(&self) -> bool {
        false
    }

    /// Merges `next` into `self` when `next` continues it (a victim's later case row); gives
    /// `next` back otherwise.
    ///
    /// # Errors
    /// Returns `next` when it is a record of its own.
    fn absorb(&mut self, next: Self) -> Result<(), Self> {
        Err(next)
    }
}

pub(super) fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub(super) fn date(d: &Option<HistoricalDate>) -> String {
    d.as_ref()
        .map(|d| d.original().to_owned())
        .unwrap_or_default()
}

pub(super) fn join(v: &[String]) -> String {
    v.join(&MULTI_SEPARATOR.to_string())
}

pub(super) fn fmt_num(v: Option<f64>) -> String {
    v.map(|v| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            format!("{v:.0}")
        } else {
            v.to_string()
        }
    })
    .unwrap_or_default()
}
