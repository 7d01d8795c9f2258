//! The numbers sources claim about events and camps, side by side with their sources.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::{Camp, Estimate, Event, Source};

/// A source cited by an estimate, with its title when `sources.csv` has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The source id.
    pub id: String,
    /// The title from `sources.csv`; `None` when the id is not there.
    pub title: Option<String>,
    /// The URL, when the source has one.
    pub url: Option<String>,
}

/// One number a source claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EstimateRow {
    /// The estimate's id.
    pub id: String,
    /// What is counted.
    pub measure: String,
    /// The single value.
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// Unit.
    pub unit: String,
    /// The date the number refers to, as written.
    pub as_of: Option<String>,
    /// How the source words it.
    pub claim: Option<String>,
    /// Our note.
    pub notes: Option<String>,
    /// Who claims it.
    pub sources: Vec<SourceRef>,
}

/// The competing estimates about one event or camp, side by side (never merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectEstimates {
    /// The event or camp id.
    pub subject_id: String,
    /// `event` or `camp`.
    pub subject_kind: String,
    /// The English name.
    pub name: String,
    /// The Russian (events) or official (camps) name.
    pub name_local: String,
    /// The estimates, by measure and then by date and value.
    pub estimates: Vec<EstimateRow>,
}

/// The estimates of every event and camp that has some, with source titles resolved from
/// `sources`. Events come first, in their order, then camps.
///
/// ```
/// use museum_core::stats::estimates;
/// let events: Vec<museum_core::Event> = vec![serde_json::from_str(r#"{"id":"evt-famine",
///   "name_kk":"Ашаршылық","name_ru":"Голод","name_en":"Famine","category":"famine","source_ids":[],
///   "estimates":[{"id":"e1","subject_id":"evt-famine","measure":"deaths","low":1.5e6,"high":2.3e6,
///   "unit":"persons","source_ids":["s1","s9"]}]}"#).unwrap()];
/// let sources: Vec<museum_core::Source> = vec![serde_json::from_str(
///   r#"{"id":"s1","kind":"publication","title":"Book"}"#).unwrap()];
/// let e = estimates(&events, &[], &sources);
/// assert_eq!(e[0].estimates[0].sources[0].title.as_deref(), Some("Book"));
/// assert_eq!(e[0].estimates[0].sources[1].title, None); // s9 is not in sources.csv
/// ```
pub fn estimates<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    camps: impl IntoIterator<Item = &'a Camp>,
    sources: impl IntoIterator<Item = &'a Source>,
) -> Vec<SubjectEstimates> {
    let sources: HashMap<&str, &Source> = sources.into_iter().map(|s| (s.id.as_str(), s)).collect();
    let rows = |list: &[Estimate]| -> Vec<EstimateRow> {
        let mut rows: Vec<EstimateRow> = list
            .iter()
            .map(|e| EstimateRow {
                id: e.id.clone(),
                measure: e.measure.clone(),
                value: e.value,
                low: e.low,
                high: e.high,
                unit: e.unit.clone(),
                as_of: e.as_of.as_ref().map(|d| d.original().to_owned()),
                claim: e.claim.clone(),
                notes: e.notes.clone(),
                sources: e
                    .source_ids
                    .iter()
                    .map(|id| SourceRef {
                        id: id.clone(),
                        title: sources.get(id.as_str()).map(|s| s.title.clone()),
                        url: sources.get(id.as_str()).and_then(|s| s.url.clone()),
                    })
                    .collect(),
            })
            .collect();
        let sort_value = |r: &EstimateRow| r.value.or(r.low).or(r.high).unwrap_or(f64::NAN);
        rows.sort_by(|a, b| {
            a.measure
                .cmp(&b.measure)
                .then_with(|| a.as_of.cmp(&b.as_of))
                .then_with(|| sort_value(a).total_cmp(&sort_value(b)))
        });
        rows
    };
    let mut out = Vec::new();
    for e in events {
        if !e.estimates.is_empty() {
            out.push(SubjectEstimates {
                subject_id: e.id.clone(),
                subject_kind: "event".into(),
                name: e.name_en.clone(),
                name_local: e.name_ru.clone(),
                estimates: rows(&e.estimates),
            });
        }
    }
    for c in camps {
        if !c.estimates.is_empty() {
            out.push(SubjectEstimates {
                subject_id: c.id.clone(),
                subject_kind: "camp".into(),
                name: c.name_en.clone(),
                name_local: c.name_official.clone(),
                estimates: rows(&c.estimates),
            });
        }
    }
    out
}
