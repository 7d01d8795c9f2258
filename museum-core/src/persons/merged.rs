//! Merged person records: what every source says about one person, for frontends
//! (`persons.jsonl` of `museum export`, `schemas/person.schema.json`).
//!
//! A person's record lists its records (victims and figures, with their `source_ids`), every
//! spelling of the name with the records that use it, and for every field every value with the
//! records and sources behind it and a **preferred value**, chosen by these rules, in order:
//!
//! 1. `claim`: a claim of `claims.csv` about one of the person's records, for that field, marked
//!    `preferred`, wins;
//! 2. `only_value`: all records agree (after folding case and spaces);
//! 3. `most_precise_compatible` (dates): the narrowest date whose span overlaps the span of every
//!    other value (`1937-08-02` over `1937`; `1937` and `1938` are not compatible);
//! 4. `most_sources`: the value the most distinct sources give (records without sources count as
//!    one each); ties go to the value of the earliest record (in input order).
//!
//! A field whose values cannot all be true together (distinct values; for dates, spans that do
//! not all overlap) is listed in `conflicts`. Retired ids are exported as redirects
//! (`status: retired`, `merged_into`).

use std::collections::{BTreeMap, HashMap};

use schemars::JsonSchema;
use serde::Serialize;

use super::registry::Registry;
use crate::model::{Claim, Figure, HistoricalDate, SexValue, Victim};

/// Whether a person id is in use or only a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    /// The person has records.
    Active,
    /// The id was retired: merged into `merged_into`, or left without records.
    Retired,
}

/// What kind of record a person's record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// A row of `victims.csv`.
    Victim,
    /// A row of `figures.csv`.
    Figure,
}

/// One record of a person.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonRecordRef {
    /// The record's id (`vic-000123`, `fig-seifullin`).
    pub record_id: String,
    /// Victim or figure.
    pub kind: RecordKind,
    /// The sources of the record (ids in `sources.csv`).
    pub source_ids: Vec<String>,
}

/// One spelling of the name and the records that use it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Spelling {
    /// The name as written.
    pub name: String,
    /// The records using it (as their name or a name variant).
    pub records: Vec<String>,
}

/// One value of a field and who says so.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FieldValue {
    /// The value (dates as EDTF, sex as `male`/`female`, sentences as `kind` and term).
    pub value: String,
    /// The records giving it.
    pub records: Vec<String>,
    /// The sources behind those records (and behind claims giving it), distinct, sorted.
    pub source_ids: Vec<String>,
}

/// Why the preferred value was preferred (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PreferredRule {
    /// A preferred claim of `claims.csv`.
    Claim,
    /// The only value.
    OnlyValue,
    /// The most precise date compatible with all the others.
    MostPreciseCompatible,
    /// The value most sources give (ties: the earliest record's).
    MostSources,
}

/// Every value of one field of a person.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonField {
    /// The preferred value.
    pub preferred: String,
    /// The rule that chose it.
    pub rule: PreferredRule,
    /// Every value, most supported first.
    pub values: Vec<FieldValue>,
}

/// A person as frontends show it: one line of `persons.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PersonEntry {
    /// The stable id (`P000123`).
    pub person_id: String,
    /// Active, or a retired id kept as a redirect.
    pub status: PersonStatus,
    /// Where a retired id leads (absent when the person was retired without a successor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// The preferred spelling of the name (the one most records use; ties: the earliest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The person's records, in input order (figures first, as the archive loads them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<PersonRecordRef>,
    /// Every spelling of the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<Spelling>,
    /// Every field with its values (`birth_date`, `birth_place`, `nationality`, `sex`,
    /// `occupation`, `residence`, `arrest_date`, `sentence`, `sentence_date`,
    /// `execution_date`, `death_date`, `death_place`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, PersonField>,
    /// Fields whose values cannot all be true together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// `true` when redaction masked one of the person's records (the values are then masked).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub masked: bool,
}

/// The person records of an export.
#[derive(Debug, Clone, Default)]
pub struct MergedPersons {
    /// Active persons (in id order), then retired ids (in id order).
    pub entries: Vec<PersonEntry>,
    /// Records of the export that the registry does not know (run `museum persons`).
    pub unregistered: Vec<String>,
    /// Records of the registry that are not in the export.
    pub missing: Vec<String>,
}

/// A value being collected: its display text, records, sources, span (dates).
struct Collect {
    value: String,
    records: Vec<String>,
    sources: Vec<String>,
    first: usize,
    span: Option<(i64, i64)>,
}

#[derive(Default)]
struct Fields {
    by_field: BTreeMap<&'static str, Vec<Collect>>,
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Fields {
    fn add(&mut self, field: &'static str, value: &str, span: Option<(i64, i64)>, rec: &Rec<'_>) {
        let value = value.trim().to_owned();
        if value.is_empty() {
            return;
        }
        let list = self.by_field.entry(field).or_default();
        let key = fold(&value);
        let c = if let Some(i) = list.iter_mut().position(|c| fold(&c.value) == key) {
            &mut list[i]
        } else {
            list.push(Collect {
                value,
                records: Vec::new(),
                sources: Vec::new(),
                first: rec.order,
                span,
            });
            list.last_mut().expect("just pushed")
        };
        if !c.records.iter().any(|r| r == rec.id) {
            c.records.push(rec.id.to_owned());
        }
        c.sources.extend(rec.sources.iter().cloned());
    }

    fn date(&mut self, field: &'static str, d: Option<&HistoricalDate>, rec: &Rec<'_>) {
        if let Some(d) = d.filter(|d| !d.is_unknown()) {
            let span = d
                .earliest()
                .zip(d.latest())
                .map(|(a, b)| (a.days_since_epoch(), b.days_since_epoch()));
            self.add(field, &d.to_string(), span, rec);
        }
    }

    fn text(&mut self, field: &'static str, t: Option<&String>, rec: &Rec<'_>) {
        if let Some(t) = t {
            self.add(field, t, None, rec);
        }
    }
}

struct Rec<'a> {
    id: &'a str,
    sources: &'a [String],
    order: usize,
}

/// Builds the person records of `registry` from the exported `victims` and `figures` (already
/// redacted when the export is; `masked` says which) and the `claims`.
pub fn merge_persons(
    registry: &Registry,
    victims: &[(&Victim, bool)],
    figures: &[(&Figure, bool)],
    claims: &[Claim],
) -> MergedPersons {
    let mut out = MergedPersons::default();
    let person_of = registry.person_of_record();
    // Per person: (records, spellings, fields, masked).
    #[derive(Default)]
    struct Acc {
        records: Vec<PersonRecordRef>,
        names: Vec<(String, Vec<String>, usize)>,
        fields: Fields,
        masked: bool,
    }
    let mut acc: HashMap<&str, Acc> = HashMap::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let add_name = |a: &mut Acc, name: &str, id: &str, order: usize| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        match a.names.iter_mut().find(|n| n.0 == name) {
            Some(n) => {
                if !n.1.iter().any(|r| r == id) {
                    n.1.push(id.to_owned());
                }
            }
            None => a.names.push((name.to_owned(), vec![id.to_owned()], order)),
        }
    };
    let mut order = 0usize;
    for (f, masked) in figures {
        order += 1;
        seen.insert(&f.id);
        let Some(p) = person_of.get(f.id.as_str()) else {
            out.unregistered.push(f.id.clone());
            continue;
        };
        let a = acc.entry(p).or_default();
        let rec = Rec {
            id: &f.id,
            sources: &f.source_ids,
            order,
        };
        a.masked |= *masked;
        a.records.push(PersonRecordRef {
            record_id: f.id.clone(),
            kind: RecordKind::Figure,
            source_ids: f.source_ids.clone(),
        });
        for n in [&f.name_kk, &f.name_ru, &f.name_en] {
            add_name(a, &n.original, &f.id, order);
        }
        for n in &f.name_variants {
            add_name(a, n, &f.id, order);
        }
        let fl = &mut a.fields;
        fl.text("sex", f.sex.as_ref().map(sex_text).as_ref(), &rec);
        fl.date("birth_date", f.birth_date.as_ref(), &rec);
        fl.text("birth_place", f.birth_place.as_ref(), &rec);
        fl.date("death_date", f.death_date.as_ref(), &rec);
        fl.text("death_place", f.death_place.as_ref(), &rec);
    }
    for (v, masked) in victims {
        order += 1;
        seen.insert(&v.id);
        let Some(p) = person_of.get(v.id.as_str()) else {
            out.unregistered.push(v.id.clone());
            continue;
        };
        let a = acc.entry(p).or_default();
        let rec = Rec {
            id: &v.id,
            sources: &v.source_ids,
            order,
        };
        a.masked |= *masked;
        a.records.push(PersonRecordRef {
            record_id: v.id.clone(),
            kind: RecordKind::Victim,
            source_ids: v.source_ids.clone(),
        });
        add_name(a, &v.name.original, &v.id, order);
        for n in &v.name_variants {
            add_name(a, n, &v.id, order);
        }
        let fl = &mut a.fields;
        fl.text("sex", v.sex.as_ref().map(sex_text).as_ref(), &rec);
        fl.date("birth_date", v.birth_date.as_ref(), &rec);
        fl.text("birth_place", v.birth_place.as_ref(), &rec);
        fl.text("nationality", v.nationality.as_ref(), &rec);
        fl.text("occupation", v.occupation.as_ref(), &rec);
        fl.text("residence", v.residence.as_ref(), &rec);
        for c in &v.cases {
            fl.date("arrest_date", c.arrest_date.as_ref(), &rec);
            fl.date("sentence_date", c.sentence_date.as_ref(), &rec);
            let sentence = c.sentence.as_ref().map(|s| match (s.kind, s.term_years) {
                (crate::model::SentenceKind::Unrecognised, _) => s.original.clone(),
                (k, Some(t)) => format!("{}, {t} years", k.as_str()),
                (k, None) => k.as_str().to_owned(),
            });
            fl.text("sentence", sentence.as_ref(), &rec);
            fl.date("execution_date", c.execution_date.as_ref(), &rec);
        }
        fl.date("death_date", v.death_date.as_ref(), &rec);
        fl.text("death_place", v.death_place.as_ref(), &rec);
    }
    // Claims about a person's records: their values join the field, their sources too.
    let mut preferred: HashMap<(&str, &str), &Claim> = HashMap::new();
    for c in claims {
        let Some(p) = person_of.get(c.subject_id.as_str()) else {
            continue;
        };
        let Some(a) = acc.get_mut(p) else { continue };
        let Some(field) = PERSON_FIELDS.iter().find(|f| **f == c.field) else {
            continue;
        };
        let span = HistoricalDate::parse(&c.value).ok().and_then(|d| {
            d.earliest()
                .zip(d.latest())
                .map(|(a, b)| (a.days_since_epoch(), b.days_since_epoch()))
        });
        let value = if field.ends_with("_date") {
            HistoricalDate::parse(&c.value).map_or_else(|_| c.value.clone(), |d| d.to_string())
        } else {
            c.value.clone()
        };
        let rec = Rec {
            id: &c.subject_id,
            sources: &c.source_ids,
            order: usize::MAX,
        };
        a.fields.add(field, &value, span, &rec);
        if c.preferred {
            preferred.entry((p, field)).or_insert(c);
        }
    }
    for r in registry.rows() {
        if let Some(id) = &r.record_id
            && !seen.contains(id.as_str())
        {
            out.missing.push(id.clone());
        }
    }
    for (key, _) in registry.persons() {
        let p = key.2;
        let Some(a) = acc.remove(p) else { continue };
        let mut names = a.names;
        // Most records; ties: the earliest record's first spelling (`names` is in that order,
        // and `max_by` keeps the last of equals, so compare positions in reverse).
        let name = names
            .iter()
            .enumerate()
            .max_by(|(i, x), (j, y)| x.1.len().cmp(&y.1.len()).then(j.cmp(i)))
            .map(|(_, n)| n.0.clone());
        names.sort_by_key(|n| n.2);
        let mut fields = BTreeMap::new();
        let mut conflicts = Vec::new();
        for (field, values) in a.fields.by_field {
            let (f, conflict) = choose(field, values, preferred.get(&(p, field)).copied());
            if conflict {
                conflicts.push(field.to_owned());
            }
            fields.insert(field.to_owned(), f);
        }
        out.entries.push(PersonEntry {
            person_id: p.to_owned(),
            status: PersonStatus::Active,
            merged_into: None,
            name,
            records: a.records,
            names: names
                .into_iter()
                .map(|(name, records, _)| Spelling { name, records })
                .collect(),
            fields,
            conflicts,
            masked: a.masked,
        });
    }
    let redirects = registry.redirects();
    for r in registry.retired() {
        out.entries.push(PersonEntry {
            person_id: r.person_id.clone(),
            status: PersonStatus::Retired,
            merged_into: redirects.get(&r.person_id).cloned().flatten(),
            name: None,
            records: Vec::new(),
            names: Vec::new(),
            fields: BTreeMap::new(),
            conflicts: Vec::new(),
            masked: false,
        });
    }
    out
}

/// The fields of a person record (claims about other fields are not merged).
pub const PERSON_FIELDS: [&str; 12] = [
    "sex",
    "birth_date",
    "birth_place",
    "nationality",
    "occupation",
    "residence",
    "arrest_date",
    "sentence_date",
    "sentence",
    "execution_date",
    "death_date",
    "death_place",
];

fn sex_text(s: &crate::model::Sex) -> String {
    match s.value {
        SexValue::Male => "male".to_owned(),
        SexValue::Female => "female".to_owned(),
        SexValue::Unrecognised => s.original.clone(),
    }
}

/// The preferred value of a field, and whether its values conflict.
fn choose(field: &str, values: Vec<Collect>, claim: Option<&Claim>) -> (PersonField, bool) {
    let mut values = values;
    for v in &mut values {
        v.sources.sort();
        v.sources.dedup();
    }
    let support = |v: &Collect| {
        if v.sources.is_empty() {
            v.records.len()
        } else {
            v.sources.len()
        }
    };
    values.sort_by(|a, b| support(b).cmp(&support(a)).then(a.first.cmp(&b.first)));
    let is_date = field.ends_with("_date");
    let compatible = |a: &Collect, b: &Collect| match (a.span, b.span) {
        (Some(x), Some(y)) => x.0 <= y.1 && y.0 <= x.1,
        _ => fold(&a.value) == fold(&b.value),
    };
    let all_compatible = |v: &Collect| values.iter().all(|o| compatible(v, o));
    let conflict = if is_date {
        !values.iter().all(all_compatible)
    } else {
        values.len() > 1
    };
    let claimed = claim.and_then(|c| {
        let want = if is_date {
            HistoricalDate::parse(&c.value).map_or_else(|_| c.value.clone(), |d| d.to_string())
        } else {
            c.value.clone()
        };
        values
            .iter()
            .find(|v| fold(&v.value) == fold(&want))
            .map(|v| v.value.clone())
    });
    let (preferred, rule) = if let Some(v) = claimed {
        (v, PreferredRule::Claim)
    } else if values.len() == 1 {
        (values[0].value.clone(), PreferredRule::OnlyValue)
    } else if is_date
        && let Some(v) = values
            .iter()
            .filter(|v| v.span.is_some() && all_compatible(v))
            .min_by_key(|v| v.span.map_or(i64::MAX, |s| s.1 - s.0))
    {
        (v.value.clone(), PreferredRule::MostPreciseCompatible)
    } else {
        (values[0].value.clone(), PreferredRule::MostSources)
    };
    let values = values
        .into_iter()
        .map(|c| FieldValue {
            value: c.value,
            records: c.records,
            source_ids: c.sources,
        })
        .collect();
    (
        PersonField {
            preferred,
            rule,
            values,
        },
        conflict,
    )
}

/// `schemas/person.schema.json`: one line of `persons.jsonl`.
pub fn person_schema() -> serde_json::Value {
    schemars::schema_for!(PersonEntry).to_value()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{CsvOptions, read_file};
    use crate::persons::{RegistryRow, reconcile};

    fn victims(csv: &str) -> Vec<Victim> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("victims.csv");
        std::fs::write(&p, csv).unwrap();
        read_file::<Victim>(&p, &CsvOptions::default())
            .unwrap()
            .0
            .into_iter()
            .map(|l| l.record)
            .collect()
    }

    #[test]
    fn values_with_sources_preferred_by_the_rules_and_conflicts() {
        let vs = victims(
            "id,full_name,birth_date,birth_place,nationality,arrest_date,source_ids\n\
             v1,Сейфуллин Сакен,1894,Акмолинский уезд,казах,1937-09-22,src-a\n\
             v2,Seifullin Saken,1894-10-15,Акмолинский уезд,Казах,1937,src-b\n\
             v3,Сейфуллин Сакен,1894,Нилды,казах,1938-02-01,src-c|src-d\n",
        );
        let ids: Vec<&str> = vs.iter().map(|v| v.id.as_str()).collect();
        let reg = reconcile(&Registry::default(), &ids, &[], &[0, 0, 0], "d")
            .unwrap()
            .registry;
        let pairs: Vec<(&Victim, bool)> = vs.iter().map(|v| (v, false)).collect();
        let claims = vec![Claim {
            id: "cl1".into(),
            subject_id: "v3".into(),
            field: "birth_place".into(),
            value: "Нилды".into(),
            preferred: true,
            source_ids: vec!["src-e".into()],
            notes: None,
            extra: BTreeMap::new(),
        }];
        let m = merge_persons(&reg, &pairs, &[], &claims);
        assert!(m.unregistered.is_empty() && m.missing.is_empty());
        let p = &m.entries[0];
        assert_eq!(p.person_id, "P000001");
        assert_eq!(p.name.as_deref(), Some("Сейфуллин Сакен"));
        assert_eq!(p.names[1].name, "Seifullin Saken");
        let f = &p.fields;
        assert_eq!(f["birth_date"].preferred, "1894-10-15");
        assert_eq!(f["birth_date"].rule, PreferredRule::MostPreciseCompatible);
        // Case and spaces are folded: one nationality value, from three sources.
        assert_eq!(f["nationality"].rule, PreferredRule::OnlyValue);
        assert_eq!(
            f["nationality"].values[0].source_ids,
            ["src-a", "src-b", "src-c", "src-d"]
        );
        // The claim wins over the value most sources give.
        assert_eq!(f["birth_place"].preferred, "Нилды");
        assert_eq!(f["birth_place"].rule, PreferredRule::Claim);
        assert_eq!(f["birth_place"].values[0].value, "Нилды");
        assert!(
            f["birth_place"].values[0]
                .source_ids
                .contains(&"src-e".to_owned())
        );
        // 1937-09-22 and 1938-02-01 cannot both be the arrest date.
        assert_eq!(p.conflicts, ["arrest_date", "birth_place"]);
        assert_eq!(f["arrest_date"].rule, PreferredRule::MostSources);
    }

    #[test]
    fn retired_ids_are_redirects() {
        let reg = Registry::from_rows(vec![
            RegistryRow {
                person_id: "P000001".into(),
                record_id: Some("v1".into()),
                merged_into: None,
                assigned: "d".into(),
                how: "new".into(),
                fingerprint: String::new(),
                line: None,
            },
            RegistryRow {
                person_id: "P000002".into(),
                record_id: None,
                merged_into: Some("P000001".into()),
                assigned: "d".into(),
                how: "merged".into(),
                fingerprint: String::new(),
                line: None,
            },
        ])
        .unwrap();
        let vs = victims("id,full_name\nv1,Сейфуллин Сакен\nv9,Жансугуров Ильяс\n");
        let pairs: Vec<(&Victim, bool)> = vs.iter().map(|v| (v, false)).collect();
        let m = merge_persons(&reg, &pairs, &[], &[]);
        assert_eq!(m.entries[1].status, PersonStatus::Retired);
        assert_eq!(m.entries[1].merged_into.as_deref(), Some("P000001"));
        assert_eq!(m.unregistered, ["v9"]);
        let line = serde_json::to_string(&m.entries[1]).unwrap();
        assert_eq!(
            line,
            r#"{"person_id":"P000002","status":"retired","merged_into":"P000001"}"#
        );
    }
}
