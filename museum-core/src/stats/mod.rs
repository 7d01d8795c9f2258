//! Statistics over the archive (feature `stats`, computed with polars).
//!
//! The public API returns plain serde structs; polars types stay inside this module.

use polars::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Victim;

/// A count for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// How many.
    pub count: u64,
}

/// Counts repression cases by the year of arrest (cases whose arrest year is known), ascending.
///
/// # Errors
/// When polars fails (it should not on valid input).
///
/// ```
/// use museum_core::{HistoricalDate, PersonName, RepressionCase, Victim};
/// use museum_core::stats::arrests_by_year;
/// let mut v: Victim = serde_json::from_str(r#"{"id":"v1","name":{"original":"X"},"source_ids":[]}"#).unwrap();
/// v.cases.push(RepressionCase { arrest_date: Some(HistoricalDate::parse("1937-08-02").unwrap()), ..Default::default() });
/// let counts = arrests_by_year(&[v]).unwrap();
/// assert_eq!((counts[0].year, counts[0].count), (1937, 1));
/// ```
pub fn arrests_by_year(victims: &[Victim]) -> Result<Vec<YearCount>> {
    let years: Vec<i32> = victims
        .iter()
        .flat_map(|v| v.cases.iter())
        .filter_map(|c| c.arrest_date.as_ref().and_then(crate::HistoricalDate::year))
        .collect();
    let df =
        DataFrame::new_infer_height(vec![Column::new("year".into(), years)]).map_err(polars_err)?;
    let out = df
        .lazy()
        .group_by([col("year")])
        .agg([len().alias("n")])
        .sort(["year"], SortMultipleOptions::default())
        .collect()
        .map_err(polars_err)?;
    let ys = out
        .column("year")
        .map_err(polars_err)?
        .i32()
        .map_err(polars_err)?
        .clone();
    let ns = out
        .column("n")
        .map_err(polars_err)?
        .idx()
        .map_err(polars_err)?
        .clone();
    Ok(ys
        .iter()
        .zip(ns.iter())
        .filter_map(|(y, n)| {
            Some(YearCount {
                year: y?,
                count: u64::from(n?),
            })
        })
        .collect())
}

fn polars_err(e: PolarsError) -> Error {
    Error::invalid_option(format!("statistics failed: {e}"))
}
