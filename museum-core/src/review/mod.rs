//! The historian's review loop: the pairs of records that most need a person, in a sheet
//! (`museum review`), and the filled sheet read back as decisions (`museum decide --import`).
//!
//! Which pairs, in this order (each pair once, under its first reason):
//!
//! 1. **near the threshold**: pairs whose match probability lies within a band around the
//!    link threshold (measured in log2 odds, so the band means as much at 0.5 as at 0.99),
//!    closest to the threshold first;
//! 2. **links that hold large clusters together**: the scored joins of clusters of at least
//!    [`ReviewOptions::large_cluster`] records, largest cluster first, weakest join first — one
//!    wrong join there merges several people;
//! 3. **refused merges**: pairs scored above the threshold whose records clustering kept apart
//!    (conflicting evidence, or their clusters did not agree on average), strongest first.
//!
//! Pairs a person has decided already (in `decisions.csv`, either order) are never listed.
//! One run at the user's threshold gives the clusters and, with
//! [`DedupOptions::review_threshold`] at the band's lower edge, the scored pairs below the
//! threshold ([`DedupResult::review_links`]). A run made without it (a caller's own) costs a
//! second run at the band's lower edge.

mod import;
mod sheet;

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::dedup::{
    Decision, DedupOptions, DedupRecord, DedupResult, Deduplicator, Field, Link, LinkSource,
    MatchExplanation,
};

pub use import::{
    ImportOutcome, ImportProblem, ImportRow, ImportedSheet, import_sheet, read_filled_sheet,
};
pub use sheet::{COLUMNS, DECISION_WORDS, SheetError, SheetFormat, sheet_bytes, write_sheet};

/// Options of [`review`].
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// At most this many pairs in the sheet.
    pub limit: usize,
    /// Half the width of the uncertain band around the threshold, in log2 odds (bits of
    /// evidence): 3 bits at threshold 0.9 covers probabilities 0.53–0.986.
    pub band_bits: f64,
    /// Clusters of at least this many records have their joins reviewed.
    pub large_cluster: usize,
}

impl ReviewOptions {
    /// The uncertain band around `threshold`: the probabilities [`band_bits`](Self::band_bits)
    /// of log2 odds below and above it.
    ///
    /// ```
    /// let (low, high) = museum_core::review::ReviewOptions::default().band(0.9);
    /// assert!((0.52..0.54).contains(&low) && (0.98..0.99).contains(&high));
    /// ```
    pub fn band(&self, threshold: f64) -> (f64, f64) {
        let centre = odds_bits(threshold.clamp(1e-9, 1.0 - 1e-9));
        (
            probability_of_bits(centre - self.band_bits),
            probability_of_bits(centre + self.band_bits),
        )
    }

    /// `dedup` with the review hook set at this band's lower edge
    /// ([`DedupOptions::review_threshold`]): the run [`review_of`] needs, in one run.
    #[must_use]
    pub fn dedup_options(&self, dedup: &DedupOptions) -> DedupOptions {
        dedup.clone().review_threshold(self.band(dedup.threshold).0)
    }
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            limit: 200,
            band_bits: 3.0,
            large_cluster: 3,
        }
    }
}

/// Why a pair is in the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReviewReason {
    /// Its probability is close to the threshold.
    NearThreshold,
    /// It is a join of a cluster of this many records.
    HoldsCluster {
        /// The cluster's size.
        size: usize,
    },
    /// Scored above the threshold, kept apart by clustering.
    RefusedMerge,
}

impl ReviewReason {
    /// The reason in words, as the sheet shows it.
    pub fn describe(self) -> String {
        match self {
            ReviewReason::NearThreshold => "near the threshold".to_owned(),
            ReviewReason::HoldsCluster { size } => {
                format!("holds a cluster of {size} records together")
            }
            ReviewReason::RefusedMerge => "scored above the threshold, merge refused".to_owned(),
        }
    }
}

/// One pair of the sheet.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewPair {
    /// Record index (into the records reviewed).
    pub a: usize,
    /// Record index.
    pub b: usize,
    /// Why it is listed.
    pub reason: ReviewReason,
    /// The field-by-field evidence (with the probability).
    pub explanation: MatchExplanation,
}

/// The counts behind the sheet: how far the review has come.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ReviewStats {
    /// Decisions about pairs of these records (reviewed pairs).
    pub decided: usize,
    /// Decisions naming a record that is not in the data.
    pub decided_elsewhere: usize,
    /// Undecided pairs near the threshold.
    pub near_threshold: usize,
    /// Undecided scored joins of large clusters (not already near the threshold).
    pub holding_clusters: usize,
    /// Undecided refused merges (not already listed above).
    pub refused_merges: usize,
    /// Undecided pairs that need a person: the sum of the three above.
    pub remaining: usize,
    /// Pairs in this sheet (at most the limit).
    pub listed: usize,
}

/// The review: the pairs, best first, and the counts.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The pairs to review, in the order of the sheet.
    pub pairs: Vec<ReviewPair>,
    /// The counts.
    pub stats: ReviewStats,
    /// The uncertain band: probabilities from…to.
    pub band: (f64, f64),
    /// The link threshold.
    pub threshold: f64,
}

fn odds_bits(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    (p / (1.0 - p)).log2()
}

fn probability_of_bits(w: f64) -> f64 {
    1.0 / (1.0 + (-w).exp2())
}

/// Finds the pairs of `records` that most need a person (see the module docs), leaving out the
/// pairs `decisions` settle; `dedup` are the options of the user's `museum dedup` run.
///
/// ```
/// use museum_core::dedup::{DedupOptions, DedupRecord};
/// use museum_core::io::{read_file, CsvOptions};
/// use museum_core::review::{review, ReviewOptions};
/// use museum_core::Victim;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("victims.csv");
/// std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
///     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
///     v2,Букейханов,Алихан,,1867,ВМН\n\
///     v3,Байтурсынов,Ахмет,,1872,ВМН\n").unwrap();
/// let (victims, _) = read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
/// let records: Vec<DedupRecord> = victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect();
/// let r = review(&records, &[], &DedupOptions::default(), &ReviewOptions::default());
/// assert_eq!(r.stats.listed, r.pairs.len());
/// assert!(r.pairs.iter().all(|p| p.a != p.b));
/// ```
pub fn review(
    records: &[DedupRecord],
    decisions: &[Decision],
    dedup: &DedupOptions,
    options: &ReviewOptions,
) -> Review {
    let main = Deduplicator::new(options.dedup_options(dedup)).run(records, decisions);
    review_of(&main, records, decisions, dedup, options)
}

/// [`review`] of a deduplication already run (`main`, with `dedup` and `decisions`). The scored
/// pairs below the threshold come from `main` when it kept them down to the band's lower edge
/// (run with [`ReviewOptions::dedup_options`]); otherwise they are found by a second run. With
/// [`ReviewOptions::limit`] 0 it gives the counts alone ([`Review::stats`]), as the report shows
/// them.
pub fn review_of(
    main: &DedupResult,
    records: &[DedupRecord],
    decisions: &[Decision],
    dedup: &DedupOptions,
    options: &ReviewOptions,
) -> Review {
    let centre = odds_bits(dedup.threshold.clamp(1e-9, 1.0 - 1e-9));
    let band = options.band(dedup.threshold);
    let wide;
    let scored: Vec<&Link> = if main.review_floor.is_some_and(|f| f <= band.0) {
        main.links
            .iter()
            .chain(main.review_links.iter().filter(|l| l.probability >= band.0))
            .collect()
    } else {
        let mut wide_options = dedup.clone().threshold(band.0);
        wide_options.measure_decisions = false;
        wide = Deduplicator::new(wide_options).run(records, decisions);
        wide.links.iter().collect()
    };

    let index: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut stats = ReviewStats::default();
    let mut decided: HashSet<(usize, usize)> = HashSet::new();
    for d in decisions {
        match (
            index.get(d.record_a.as_str()),
            index.get(d.record_b.as_str()),
        ) {
            (Some(&a), Some(&b)) => {
                decided.insert((a.min(b), a.max(b)));
            }
            _ => stats.decided_elsewhere += 1,
        }
    }
    stats.decided = decided.len();

    let mut seen: HashSet<(usize, usize)> = decided.clone();
    let mut chosen: Vec<(usize, usize, ReviewReason, f64)> = Vec::new();
    // 1. Near the threshold, closest first.
    let mut near: Vec<(usize, usize, f64)> = scored
        .iter()
        .filter(|l| l.probability <= band.1)
        .map(|l| (l.a.min(l.b), l.a.max(l.b), l.probability))
        .collect();
    near.sort_by(|x, y| {
        (odds_bits(x.2) - centre)
            .abs()
            .total_cmp(&(odds_bits(y.2) - centre).abs())
            .then((x.0, x.1).cmp(&(y.0, y.1)))
    });
    for (a, b, p) in near {
        if seen.insert((a, b)) {
            chosen.push((a, b, ReviewReason::NearThreshold, p));
            stats.near_threshold += 1;
        }
    }
    // 2. Joins of large clusters: largest cluster first, weakest join first.
    let mut holding: Vec<(usize, usize, usize, f64)> = Vec::new();
    for c in main.duplicate_clusters() {
        if c.members.len() < options.large_cluster.max(2) {
            continue;
        }
        for j in &c.joins {
            if j.source == LinkSource::Score {
                holding.push((c.members.len(), j.a.min(j.b), j.a.max(j.b), j.probability));
            }
        }
    }
    holding.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then(x.3.total_cmp(&y.3))
            .then((x.1, x.2).cmp(&(y.1, y.2)))
    });
    for (size, a, b, p) in holding {
        if seen.insert((a, b)) {
            chosen.push((a, b, ReviewReason::HoldsCluster { size }, p));
            stats.holding_clusters += 1;
        }
    }
    // 3. Refused merges: links above the threshold across clusters (links are strongest first).
    for l in &main.links {
        let (a, b) = (l.a.min(l.b), l.a.max(l.b));
        if main.cluster_of[a] != main.cluster_of[b] && seen.insert((a, b)) {
            chosen.push((a, b, ReviewReason::RefusedMerge, l.probability));
            stats.refused_merges += 1;
        }
    }
    stats.remaining = stats.near_threshold + stats.holding_clusters + stats.refused_merges;
    chosen.truncate(options.limit);
    stats.listed = chosen.len();
    let pairs = chosen
        .into_iter()
        .map(|(a, b, reason, _)| ReviewPair {
            a,
            b,
            reason,
            explanation: main.explain(records, a, b),
        })
        .collect();
    Review {
        pairs,
        stats,
        band,
        threshold: dedup.threshold,
    }
}

/// The sources of the records of `review` (by record index), read again from their files:
/// `source_ids` joined with `; `, then a victim's free-text `source_text`. Records whose file
/// cannot be read again have none.
pub fn sources_of(review: &Review, records: &[DedupRecord]) -> HashMap<usize, String> {
    use crate::io::{CsvOptions, DatasetKind, read_file};
    let mut wanted: HashMap<(&str, u64), usize> = HashMap::new();
    for p in &review.pairs {
        for i in [p.a, p.b] {
            if let (Some(f), Some(l)) = (&records[i].origin.file, records[i].origin.line) {
                wanted.insert((f, l), i);
            }
        }
    }
    let mut files: Vec<(&str, DatasetKind)> = review
        .pairs
        .iter()
        .flat_map(|p| [p.a, p.b])
        .filter_map(|i| Some((records[i].origin.file.as_deref()?, records[i].origin.kind)))
        .collect();
    files.sort_unstable();
    files.dedup();
    let join = |ids: &[String], text: Option<&str>| {
        let mut parts: Vec<&str> = ids.iter().map(String::as_str).collect();
        parts.extend(text.filter(|t| !t.trim().is_empty()));
        parts.join("; ")
    };
    let mut out = HashMap::new();
    for (file, kind) in files {
        let path = std::path::Path::new(file);
        let found: Vec<(Option<u64>, String)> = match kind {
            DatasetKind::Victims => read_file::<crate::Victim>(path, &CsvOptions::default())
                .map(|(v, _)| {
                    v.iter()
                        .map(|r| {
                            let s = join(&r.record.source_ids, r.record.source_text.as_deref());
                            (r.location.line, s)
                        })
                        .collect()
                })
                .unwrap_or_default(),
            DatasetKind::Figures => read_file::<crate::Figure>(path, &CsvOptions::default())
                .map(|(v, _)| {
                    v.iter()
                        .map(|r| (r.location.line, join(&r.record.source_ids, None)))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        for (line, s) in found {
            if let Some(&i) = line.and_then(|l| wanted.get(&(file, l))) {
                out.insert(i, s);
            }
        }
    }
    out
}

/// The per-field evidence of a pair in words: `surname same (Бөкейханов | Букейханов) +6.2;
/// birth_date differs by years (1866 | 1872) −4.1; patronymic missing on one side`.
pub fn evidence_in_words(e: &MatchExplanation) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = e.conflict {
        parts.push(format!("CONFLICT: {c}"));
    }
    for f in &e.fields {
        let values = match (&f.a, &f.b) {
            (Some(a), Some(b)) => format!(" ({a} | {b})"),
            _ => String::new(),
        };
        match f.level {
            Some(level) => parts.push(format!(
                "{} {level}{values} {}{:.1}",
                f.field.as_str(),
                if f.weight < 0.0 { "−" } else { "+" },
                f.weight.abs()
            )),
            None if f.field != Field::Sex => {
                parts.push(format!("{} missing on one side", f.field.as_str()));
            }
            None => {}
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_band_is_symmetric_in_odds() {
        let c = odds_bits(0.9);
        assert!((probability_of_bits(c) - 0.9).abs() < 1e-12);
        let lo = probability_of_bits(c - 3.0);
        let hi = probability_of_bits(c + 3.0);
        assert!((0.52..0.54).contains(&lo), "{lo}");
        assert!((0.98..0.99).contains(&hi), "{hi}");
    }
}
