//! Search: find a person by any spelling, in any script, ranked, with why.
//!
//! The query is parsed like a name (`Бөкейханов Әлихан`, `Alikhan Bukeikhanov`, `Bukeikhanov`)
//! and compared with every spelling of every record through the same keys as deduplication:
//! folded forms, stems, phonetic codes and initials. A two-word query is tried in both orders.

use serde::Serialize;
use strsim::jaro_winkler;

use super::record::DedupRecord;
use super::util::par_chunks;
use crate::model::PersonName;
use crate::normalize::{NameKeys, PartKeys, PartKind};

/// What to look for.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The name as the user wrote it.
    pub name: String,
    /// The birth year, if known.
    pub born: Option<i32>,
}

/// Search settings.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// At most this many results.
    pub limit: usize,
    /// Leave out results scoring below this (0–1).
    pub min_score: f64,
    /// Worker threads (0: all).
    pub threads: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            min_score: 0.7,
            threads: 0,
        }
    }
}

/// How one part of the query matched.
#[derive(Debug, Clone, Serialize)]
pub struct PartMatch {
    /// The part.
    pub part: PartKind,
    /// As the query wrote it.
    pub query: String,
    /// As the record writes it (empty when the record lacks the part).
    pub record: String,
    /// `same`, `same stem`, `sounds alike`, `similar`, `initial`, `missing` or `different`.
    pub how: &'static str,
    /// Similarity in [0, 1].
    pub similarity: f64,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Index of the record.
    pub record: usize,
    /// Score in [0, 1].
    pub score: f64,
    /// The spelling of the record that matched best.
    pub matched_name: String,
    /// Part by part.
    pub parts: Vec<PartMatch>,
    /// Birth year agreement, when the query gives a year and the record a birth date:
    /// the difference in years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year_difference: Option<i32>,
}

fn part_similarity(q: &PartKeys, r: &PartKeys) -> (&'static str, f64) {
    if q.folded == r.folded {
        return ("same", 1.0);
    }
    if q.is_initial || r.is_initial {
        return if crate::normalize::initials_compatible(q.initial, r.initial) {
            ("initial", 0.75)
        } else {
            ("different", 0.0)
        };
    }
    if q.stem == r.stem {
        return ("same stem", 0.97);
    }
    let jw = jaro_winkler(&q.stem, &r.stem);
    if q.phonetic_overlaps(r) && jw >= 0.7 {
        ("sounds alike", 0.85 + 0.1 * jw)
    } else if jw >= 0.85 {
        ("similar", jw * 0.9)
    } else {
        ("different", 0.0)
    }
}

const PARTS: [(PartKind, f64); 3] = [
    (PartKind::Surname, 0.5),
    (PartKind::Given, 0.3),
    (PartKind::Patronymic, 0.2),
];

/// Scores a record name against the query keys.
fn score_name(q: &NameKeys, r: &NameKeys) -> (f64, Vec<PartMatch>) {
    let mut total = 0.0;
    let mut weights = 0.0;
    let mut parts = Vec::new();
    for (kind, w) in PARTS {
        let Some(qp) = q.part(kind) else { continue };
        weights += w;
        let (how, sim, written) = match r.part(kind) {
            Some(rp) => {
                let (how, sim) = part_similarity(qp, rp);
                (how, sim, rp.written.clone())
            }
            None => ("missing", 0.5, String::new()),
        };
        if kind == PartKind::Surname && sim == 0.0 {
            return (0.0, Vec::new());
        }
        total += w * sim;
        parts.push(PartMatch {
            part: kind,
            query: qp.written.clone(),
            record: written,
            how,
            similarity: sim,
        });
    }
    // Initials alone identify no one: some written part must match.
    if weights == 0.0
        || !parts
            .iter()
            .any(|p| p.how != "initial" && p.how != "missing")
    {
        return (0.0, parts);
    }
    (total / weights, parts)
}

/// Searches `records` for `query`, best first.
///
/// ```
/// use museum_core::PersonName;
/// use museum_core::dedup::{search, DedupRecord, Origin, SearchOptions, SearchQuery};
/// use museum_core::io::DatasetKind;
/// let rec = |id: &str, name: &str| DedupRecord {
///     id: id.into(),
///     origin: Origin { kind: DatasetKind::Victims, file: None, line: None },
///     names: vec![PersonName::parse(name)],
///     sex: None, birth: None, birth_place: None, nationality: None, cases: vec![],
///     death: None, same_as: vec![],
/// };
/// let records = vec![rec("v1", "Жансүгіров Ілияс"), rec("v2", "Байтурсынов Ахмет")];
/// let q = SearchQuery { name: "Ilyas Dzhansugurov".into(), born: None };
/// let hits = search(&records, &q, &SearchOptions::default());
/// assert_eq!(hits[0].record, 0);
/// assert_eq!(hits.len(), 1);
/// ```
pub fn search(
    records: &[DedupRecord],
    query: &SearchQuery,
    options: &SearchOptions,
) -> Vec<SearchHit> {
    let parsed = PersonName::parse(query.name.trim());
    // (keys, whether this is the given-name reading of a one-word query)
    let mut queries = vec![(NameKeys::of(&parsed), false)];
    if let Some(s) = queries[0].0.swapped() {
        queries.push((s, false));
    }
    // A one-word query that is a given name rather than a surname: also try it as given.
    if queries[0].0.given.is_none()
        && queries[0].0.patronymic.is_none()
        && let Some(s) = &queries[0].0.surname
    {
        queries.push((
            NameKeys {
                surname: None,
                given: PartKeys::new(&s.written, PartKind::Given),
                patronymic: None,
            },
            true,
        ));
    }
    let threads = super::util::threads(options.threads);
    let chunks = par_chunks(records.len(), threads, |range| {
        let mut hits = Vec::new();
        for i in range {
            let r = &records[i];
            let mut best: Option<SearchHit> = None;
            for name in &r.names {
                let keys = NameKeys::of(name);
                for (q, given_reading) in &queries {
                    let (mut score, parts) = score_name(q, &keys);
                    if score <= 0.0 {
                        continue;
                    }
                    // A given-name-only reading ranks below surname readings.
                    if *given_reading {
                        score *= 0.8;
                    }
                    let mut dy = None;
                    if let (Some(y), Some(b)) = (query.born, &r.birth) {
                        let d = (b.mid_year() - y).abs();
                        let within = b.gap_days(&super::record::DateSpan {
                            text: String::new(),
                            earliest: year_start(y),
                            latest: year_start(y + 1) - 1,
                        }) == 0;
                        let d = if within { 0 } else { d.max(1) };
                        dy = Some(d);
                        score *= match d {
                            0 => 1.0,
                            1 | 2 => 0.93,
                            3..=5 => 0.8,
                            _ => 0.6,
                        };
                    }
                    if best.as_ref().is_none_or(|b| score > b.score) {
                        best = Some(SearchHit {
                            record: i,
                            score,
                            matched_name: name.original.clone(),
                            parts,
                            birth_year_difference: dy,
                        });
                    }
                }
            }
            if let Some(b) = best.filter(|b| b.score >= options.min_score) {
                hits.push(b);
            }
        }
        hits
    });
    let mut hits: Vec<SearchHit> = chunks.into_iter().flatten().collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.record.cmp(&b.record)));
    hits.truncate(options.limit);
    hits
}

fn year_start(y: i32) -> i32 {
    crate::model::date::Day::new(y, 1, 1)
        .map_or(0, |d| i32::try_from(d.days_since_epoch()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;

    #[test]
    fn any_script_any_order() {
        let records = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("b", "Bukeikhanov Alikhan", None),
            rec("c", "Байтурсынов Ахмет", Some("1872")),
            rec("d", "Бөкейханов Мұхтар", Some("1900")),
        ];
        let hits = search(
            &records,
            &SearchQuery {
                name: "Alikhan Bukeikhanov".into(),
                born: Some(1866),
            },
            &SearchOptions::default(),
        );
        let order: Vec<usize> = hits.iter().map(|h| h.record).collect();
        assert_eq!(&order[..2], &[1, 0], "{hits:#?}");
        assert!(!order.contains(&2));
        // Given name differs: ranked last or left out.
        assert!(order.last() == Some(&3) || !order.contains(&3));
        let hits = search(
            &records,
            &SearchQuery {
                name: "Букейханов".into(),
                born: None,
            },
            &SearchOptions::default(),
        );
        assert_eq!(hits.len(), 3);
        assert_eq!(hits[0].record, 1);
        assert_eq!(hits[0].parts[0].how, "same");
        assert_eq!(hits[1].parts[0].how, "sounds alike");
    }
}
