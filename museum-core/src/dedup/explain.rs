//! [`MatchExplanation`]: why two records were (or were not) linked, field by field.

use serde::Serialize;

use super::compare::{Field, NOT_COMPARABLE};
use super::record::DedupRecord;

/// The evidence of one field for one pair.
#[derive(Debug, Clone, Serialize)]
pub struct FieldEvidence {
    /// The field.
    pub field: Field,
    /// The agreement level (`same`, `similar`, `different`…), or `None` when a value is missing
    /// on one side (the field then counts nothing).
    pub level: Option<&'static str>,
    /// The value of the first record, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    /// The value of the second record, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub b: Option<String>,
    /// String similarity in [0, 1] for names (Jaro–Winkler on the folded forms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The weight this field added (log2 odds; negative counts against a match), including the
    /// term-frequency adjustment.
    pub weight: f64,
    /// The part of `weight` due to how common the agreeing value is.
    #[serde(skip_serializing_if = "is_zero")]
    pub frequency_adjustment: f64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// Why two records match or not: the total and each field's contribution.
#[derive(Debug, Clone, Serialize)]
pub struct MatchExplanation {
    /// The first record's id.
    pub record_a: String,
    /// The second record's id.
    pub record_b: String,
    /// Match probability in [0, 1].
    pub probability: f64,
    /// Match weight (log2 odds): the prior plus every field's weight.
    pub weight: f64,
    /// The prior log2 odds.
    pub prior: f64,
    /// The names compared (the best-agreeing spellings of each record).
    pub names: (String, String),
    /// Per-field evidence, strongest first.
    pub fields: Vec<FieldEvidence>,
    /// When both records have this nationality, agreement was weighed against random pairs of
    /// that nationality (who share more: a deportation day, a village, a name pool).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nationality_u: Option<String>,
    /// Hard evidence that they are different people, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<&'static str>,
    /// A human decision about the pair, which wins over the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<super::decisions::Decision>,
}

impl MatchExplanation {
    /// The fields that agreed (positive weight), strongest first.
    pub fn agreeing(&self) -> impl Iterator<Item = &FieldEvidence> {
        self.fields.iter().filter(|f| f.weight > 0.0)
    }

    /// The fields that disagreed (negative weight).
    pub fn disagreeing(&self) -> impl Iterator<Item = &FieldEvidence> {
        self.fields.iter().filter(|f| f.weight < 0.0)
    }
}

/// The display value of a field of a record (names: of the compared spelling).
pub(crate) fn field_value(r: &DedupRecord, f: Field, name_index: usize) -> Option<String> {
    let name = r.names.get(name_index);
    match f {
        Field::Surname => name.and_then(|n| n.surname.clone()),
        Field::Given => name.and_then(|n| n.given.clone()),
        Field::Patronymic => name.and_then(|n| n.patronymic.clone()),
        Field::Birth => r.birth.as_ref().map(|d| d.text.clone()),
        Field::BirthPlace => r.birth_place.clone(),
        Field::Sex => r.sex.map(|s| {
            match s {
                crate::model::SexValue::Male => "m",
                crate::model::SexValue::Female => "f",
                crate::model::SexValue::Unrecognised => "?",
            }
            .to_owned()
        }),
        Field::Nationality => r.nationality.clone(),
        Field::Arrest => cases(r, |c| c.arrest.as_ref().map(|d| d.text.clone())),
        Field::SentenceDate => cases(r, |c| c.sentence_date.as_ref().map(|d| d.text.clone())),
        Field::Death => {
            let mut v: Vec<String> = r
                .cases
                .iter()
                .filter_map(|c| c.execution.as_ref().map(|d| d.text.clone()))
                .collect();
            v.extend(r.death.as_ref().map(|d| d.text.clone()));
            v.dedup();
            (!v.is_empty()).then(|| v.join(" | "))
        }
        Field::Sentence => cases(r, |c| {
            c.sentence.map(|(k, t)| match t {
                Some(t) => format!("{} {t} y", k.as_str()),
                None => k.as_str().to_owned(),
            })
        }),
    }
}

/// The values of a case field, one per case (` | ` between cases).
fn cases(
    r: &DedupRecord,
    f: impl Fn(&super::record::CaseFacts) -> Option<String>,
) -> Option<String> {
    let v: Vec<String> = r.cases.iter().filter_map(f).collect();
    (!v.is_empty()).then(|| v.join(" | "))
}

/// The label of a level.
pub(crate) fn level_label(f: Field, level: u8) -> Option<&'static str> {
    if level == NOT_COMPARABLE {
        None
    } else {
        f.levels().get(usize::from(level)).copied()
    }
}
