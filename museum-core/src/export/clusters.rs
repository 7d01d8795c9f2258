//! Deduplication clusters as an export input: a CSV `record_id,cluster_id` (the header may also
//! say `id`/`victim_id` and `cluster`), one row per victim record that deduplication placed in a
//! cluster.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Result};

/// Reads a clusters CSV into victim id → cluster id.
///
/// # Errors
/// When the file cannot be read, lacks the two columns, or gives one record two clusters.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("clusters.csv");
/// std::fs::write(&path, "record_id,cluster_id\nv1,c1\nv2,c1\n").unwrap();
/// let clusters = museum_core::export::read_clusters(&path).unwrap();
/// assert_eq!(clusters["v2"], "c1");
/// ```
pub fn read_clusters(path: &Path) -> Result<BTreeMap<String, String>> {
    let bad = |msg: String| Error::invalid_option(format!("`{}`: {msg}", path.display()));
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| bad(e.to_string()))?;
    let headers = reader.headers().map_err(|e| bad(e.to_string()))?.clone();
    let find = |names: &[&str]| {
        headers.iter().position(|h| {
            let h = crate::io::normalize_header(h);
            names.contains(&h.as_str())
        })
    };
    let (Some(rec), Some(clu)) = (
        find(&["record_id", "id", "victim_id"]),
        find(&["cluster_id", "cluster"]),
    ) else {
        return Err(bad(
            "expected the columns `record_id` and `cluster_id`".into()
        ));
    };
    let mut out = BTreeMap::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| bad(e.to_string()))?;
        let (r, c) = (row.get(rec).unwrap_or(""), row.get(clu).unwrap_or(""));
        if r.is_empty() || c.is_empty() {
            continue;
        }
        if let Some(prev) = out.insert(r.to_owned(), c.to_owned())
            && prev != c
        {
            return Err(bad(format!(
                "line {}: record `{r}` is in two clusters (`{prev}` and `{c}`)",
                i + 2
            )));
        }
    }
    Ok(out)
}
