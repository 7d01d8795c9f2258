//! Redaction for public frontends: dropping private fields ([`RedactOptions::drop`]) and masking
//! persons who may still be alive ([`RedactOptions::mask_born_within_years`]).
//!
//! ## Dropping fields
//!
//! Each entry of `drop` names what to remove from every exported record it applies to:
//!
//! | entry | removes |
//! |---|---|
//! | `notes` | the property `notes` of every kind that has it as an optional property (also the copies of estimates and claims embedded in events, camps, figures and victims) |
//! | `victim.residence` (or `victims.residence`) | the property of that kind only |
//! | `cases.charge` (or `victim.cases.charge`) | a field of every repression case of every victim |
//! | `extra.<column>` (or `victim.extra.<column>`) | one carried-through input column |
//! | `extra` or `extra.*` (or `victim.extra.*`) | every carried-through input column |
//!
//! Names are checked against `schemas/<entity>.schema.json`: an unknown name, or a property the
//! schema requires (`id`, `name`…), is an error rather than a silent no-op, because a typo in a
//! privacy setting must not publish what it meant to hide.
//!
//! ## Masking persons
//!
//! With `mask_born_within_years = N`, a victim or figure is *masked* when it may have been born
//! less than `N` years before the as-of date (today unless `--as-of` is given), that is when its
//! latest possible birth day is after the day `N` years before the as-of date ([`MaskRule`]):
//! - with a birth date, that is the date's latest possible day (see [`HistoricalDate::latest`]);
//!   the birth date alone decides, also for a person with a death date (`1966-03-13`, died 1988:
//!   masked with `N = 100`);
//! - without one, a person with a death date is not living and is not masked;
//! - without either, the possible birth years are inferred from every dated event of the
//!   person's repression cases (arrest, sentence, execution, camp arrival, release,
//!   rehabilitation) and the age limit `min_age` of validation (`[limits]` in `museum.toml`,
//!   12 by default; rule M212): a person was at least `min_age` years old at each of them, so a
//!   person sentenced in 1987 was born in 1975 at the latest and is masked, one arrested in 1937
//!   was born in 1925 at the latest and is not (with `N = 100` as of 2026). `min_age` is
//!   rounded down to whole years, which can only mask more;
//! - a person with no birth date, no death date and no dated event is masked only with
//!   `mask_unknown_birth = true`.
//!
//! A victim and the figure it is linked to (`figure_id` / `victim_id`) are masked together.
//!
//! A masked person keeps its id, sex, nationality, sources, links, and the repression facts of
//! its cases (charge, sentencing body, sentence, camp, rehabilitating body), and gets
//! `"masked": true`. Otherwise:
//! - every name (`name`, `name_kk`, `name_ru`, `name_en`) becomes initials: each known part
//!   (surname, given name, patronymic) becomes its first letter and a dot, `original` is those
//!   initials in archival order (`Ж. Т. К.`); `name_variants` is emptied and `museum_name`
//!   removed;
//! - every date (birth, death, and each case's dates) becomes its year only: a single date keeps
//!   its year and its `?`/`~` qualifiers, an interval keeps the years of its ends, and the
//!   original text is replaced by that EDTF text; an unknown date is removed;
//! - `birth_place`, `residence`, `occupation`, `death_place`, `notes`, every `extra` column, and
//!   the person's disputed facts (`claims`, also removed from the top-level `claims` list) are
//!   removed.
//!
//! Search keys are computed from the masked name, so they do not reveal the full one.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::io::DatasetKind;
use crate::model::{
    DatePoint, DateValue, Day, Figure, HistoricalDate, IntervalEnd, PatronymicForm, PersonName,
    Script, Victim,
};

/// What to redact (the `[export.redact]` section of `museum.toml`).
///
/// ```toml
/// [export.redact]
/// drop = ["notes", "residence", "extra.*"]
/// mask_born_within_years = 100
/// mask_unknown_birth = false
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactOptions {
    /// Fields to drop (see the module docs for the forms).
    #[serde(default)]
    pub drop: Vec<String>,
    /// Mask persons who may have been born less than this many years before the as-of date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask_born_within_years: Option<u32>,
    /// Also mask persons whose possible birth years cannot be inferred: no birth date, no death
    /// date and no dated event (see the module docs).
    #[serde(default)]
    pub mask_unknown_birth: bool,
}

impl RedactOptions {
    /// The built-in defaults used by `museum export` when no configuration is found:
    /// drop `notes`, `residence` and every `extra` column, and mask persons born less than 100
    /// years ago.
    pub fn builtin() -> Self {
        RedactOptions {
            drop: vec!["notes".into(), "residence".into(), "extra.*".into()],
            mask_born_within_years: Some(100),
            mask_unknown_birth: false,
        }
    }
}

/// What to drop from one kind.
#[derive(Debug, Clone, Default)]
struct KindRules {
    fields: BTreeSet<String>,
    extra_all: bool,
    extra: BTreeSet<String>,
}

impl KindRules {
    fn is_empty(&self) -> bool {
        self.fields.is_empty() && !self.extra_all && self.extra.is_empty()
    }
}

/// Compiled [`RedactOptions::drop`] entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct DropRules {
    kinds: BTreeMap<DatasetKind, KindRules>,
    cases: BTreeSet<String>,
}

/// Optional and required top-level properties of a kind's schema, and its `$defs`.
fn schema_props(kind: DatasetKind) -> (BTreeSet<String>, BTreeSet<String>, Value) {
    let schema: Value =
        serde_json::from_str(&crate::schema::entity_schema(kind)).unwrap_or_default();
    let props: BTreeSet<String> = schema["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let required: BTreeSet<String> = schema["required"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let defs = schema["$defs"].clone();
    (props, required, defs)
}

impl DropRules {
    /// Parses and checks the entries against the schemas.
    pub(crate) fn compile(entries: &[String]) -> Result<DropRules> {
        let schemas: BTreeMap<DatasetKind, (BTreeSet<String>, BTreeSet<String>)> = DatasetKind::ALL
            .iter()
            .map(|k| {
                let (p, r, _) = schema_props(*k);
                (*k, (p, r))
            })
            .collect();
        let case_props: BTreeSet<String> =
            schema_props(DatasetKind::Victims).2["RepressionCase"]["properties"]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
        let mut rules = DropRules::default();
        for entry in entries {
            let e = entry.trim();
            let bad = |why: &str| Error::invalid_option(format!("redaction: `{e}` {why}"));
            let (kind, rest) = match e.split_once('.') {
                Some((k, r)) if DatasetKind::parse(k).is_some() => (DatasetKind::parse(k), r),
                _ => (None, e),
            };
            let targets: Vec<DatasetKind> = kind.map_or(DatasetKind::ALL.to_vec(), |k| vec![k]);
            if rest == "extra" || rest == "extra.*" {
                for k in targets {
                    rules.kinds.entry(k).or_default().extra_all = true;
                }
            } else if let Some(col) = rest.strip_prefix("extra.") {
                for k in targets {
                    rules
                        .kinds
                        .entry(k)
                        .or_default()
                        .extra
                        .insert(col.to_owned());
                }
            } else if let Some(field) = rest.strip_prefix("cases.") {
                if kind.is_some_and(|k| k != DatasetKind::Victims) {
                    return Err(bad("names cases, which only victims have"));
                }
                if !case_props.contains(field) {
                    return Err(bad("is not a field of a repression case"));
                }
                rules.cases.insert(field.to_owned());
            } else if rest.is_empty() || rest.contains('.') {
                return Err(bad(
                    "is not a field name (`notes`, `victim.residence`, `cases.charge`, `extra.<column>`)",
                ));
            } else {
                let mut applied = false;
                let mut required_somewhere = false;
                for k in targets {
                    let (props, required) = &schemas[&k];
                    if required.contains(rest) {
                        required_somewhere = true;
                    } else if props.contains(rest) {
                        rules
                            .kinds
                            .entry(k)
                            .or_default()
                            .fields
                            .insert(rest.to_owned());
                        applied = true;
                    }
                }
                if !applied {
                    return Err(if required_somewhere {
                        bad("is required by the schema and cannot be dropped")
                    } else if kind.is_some() {
                        bad("is not a field of that entity (see `schemas/`)")
                    } else {
                        bad("is not a field of any entity (see `schemas/`)")
                    });
                }
            }
        }
        rules.kinds.retain(|_, r| !r.is_empty());
        Ok(rules)
    }

    /// Whether nothing is dropped.
    pub(crate) fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.cases.is_empty()
    }

    /// Drops the configured fields from one record of `kind` (and from the estimates, claims and
    /// cases embedded in it).
    pub(crate) fn apply(&self, kind: DatasetKind, value: &mut Value) {
        let Value::Object(obj) = value else { return };
        if let Some(r) = self.kinds.get(&kind) {
            for f in &r.fields {
                obj.remove(f);
            }
            if r.extra_all {
                obj.remove("extra");
            } else if !r.extra.is_empty() {
                let now_empty = obj
                    .get_mut("extra")
                    .and_then(Value::as_object_mut)
                    .is_some_and(|extra| {
                        extra.retain(|k, _| !r.extra.contains(k));
                        extra.is_empty()
                    });
                if now_empty {
                    obj.remove("extra");
                }
            }
        }
        for (list, inner) in [
            ("estimates", DatasetKind::Estimates),
            ("claims", DatasetKind::Claims),
        ] {
            if let Some(Value::Array(items)) = obj.get_mut(list) {
                for item in items {
                    self.apply(inner, item);
                }
            }
        }
        if kind == DatasetKind::Victims
            && !self.cases.is_empty()
            && let Some(Value::Array(cases)) = obj.get_mut("cases")
        {
            for case in cases.iter_mut().filter_map(Value::as_object_mut) {
                for f in &self.cases {
                    case.remove(f);
                }
            }
        }
    }
}

/// The day `years` years before `day` (29 February becomes 28 February when needed).
pub(crate) fn years_before(day: Day, years: u32) -> Day {
    let year = day.year - i32::try_from(years).unwrap_or(i32::MAX / 2);
    Day::new(year, day.month, day.day).unwrap_or(Day {
        year,
        month: day.month,
        day: 28,
    })
}

/// Who is masked: persons who may have been born after `cutoff` (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MaskRule {
    /// The day `mask_born_within_years` before the as-of date; `None` without that setting
    /// (then only `mask_unknown_birth` masks, persons without a birth date).
    pub(crate) cutoff: Option<Day>,
    /// Whole years a person was at least old at every dated event of their cases.
    pub(crate) min_age: u32,
    /// `mask_unknown_birth`.
    pub(crate) unknown: bool,
}

impl MaskRule {
    /// The rule of `options`, counting back from `as_of`, with the validation age limit
    /// `min_age` (rounded down to whole years).
    pub(crate) fn new(options: &RedactOptions, as_of: Day, min_age: f64) -> MaskRule {
        MaskRule {
            cutoff: options
                .mask_born_within_years
                .map(|n| years_before(as_of, n)),
            // Saturating float-to-int conversion: negative or NaN ages give 0.
            min_age: min_age.floor() as u32,
            unknown: options.mask_unknown_birth,
        }
    }

    /// Whether a person with this birth date, death date and dated events is masked.
    pub(crate) fn masks<'a>(
        &self,
        birth: Option<&HistoricalDate>,
        death: Option<&HistoricalDate>,
        events: impl IntoIterator<Item = &'a HistoricalDate>,
    ) -> bool {
        let birth = birth.and_then(HistoricalDate::latest);
        let Some(cutoff) = self.cutoff else {
            return birth.is_none() && self.unknown;
        };
        if let Some(latest) = birth {
            return latest > cutoff;
        }
        if death.is_some_and(|d| !d.is_unknown()) {
            return false; // a person who died is not living
        }
        match self.latest_birth(events) {
            Some(latest) => latest > cutoff,
            None => self.unknown,
        }
    }

    /// The latest possible birth day of a person who was at least `min_age` years old at each
    /// of `events`, or `None` when no event is dated.
    pub(crate) fn latest_birth<'a>(
        &self,
        events: impl IntoIterator<Item = &'a HistoricalDate>,
    ) -> Option<Day> {
        events
            .into_iter()
            .filter_map(HistoricalDate::latest)
            .min()
            .map(|day| years_before(day, self.min_age))
    }
}

/// The dated events of a victim's cases, for [`MaskRule::masks`].
pub(crate) fn case_dates(v: &Victim) -> impl Iterator<Item = &HistoricalDate> {
    v.cases.iter().flat_map(|c| c.dates().into_iter().flatten())
}

/// A name reduced to initials (see the module docs).
pub(crate) fn initials(name: &PersonName) -> PersonName {
    fn initial(part: &str) -> Option<String> {
        part.chars()
            .find(|c| c.is_alphabetic())
            .map(|c| format!("{}.", c.to_uppercase()))
    }
    let has_parts = name.surname.is_some() || name.given.is_some() || name.patronymic.is_some();
    let (surname, given, patronymic) = if has_parts {
        (
            name.surname.as_deref().and_then(initial),
            name.given.as_deref().and_then(initial),
            name.patronymic.as_deref().and_then(initial),
        )
    } else {
        (None, None, None)
    };
    let original = if has_parts {
        [&surname, &given, &patronymic]
            .iter()
            .filter_map(|p| p.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.original
            .split_whitespace()
            .filter_map(initial)
            .collect::<Vec<_>>()
            .join(" ")
    };
    PersonName {
        script: if original.is_empty() {
            Script::Unknown
        } else {
            Script::detect(&original)
        },
        patronymic_form: patronymic.as_ref().map(|_| PatronymicForm::Initial),
        original,
        surname,
        given,
        patronymic,
    }
}

/// A date reduced to its year(s) (see the module docs); `None` for an unknown date.
pub(crate) fn year_only(date: &HistoricalDate) -> Option<HistoricalDate> {
    fn point(p: &DatePoint) -> DatePoint {
        DatePoint {
            month: None,
            day: None,
            ..*p
        }
    }
    fn end(e: &IntervalEnd) -> IntervalEnd {
        match e {
            IntervalEnd::Point(p) => IntervalEnd::Point(point(p)),
            other => *other,
        }
    }
    let value = match date.value() {
        DateValue::Unknown => return None,
        DateValue::Point(p) => DateValue::Point(point(p)),
        DateValue::Interval { start, end: e } => DateValue::Interval {
            start: end(start),
            end: end(e),
        },
    };
    Some(HistoricalDate::from_value(value))
}

fn year_only_opt(d: &mut Option<HistoricalDate>) {
    *d = d.as_ref().and_then(year_only);
}

/// Masks a victim in place (see the module docs).
pub(crate) fn mask_victim(v: &mut Victim) {
    v.name = initials(&v.name);
    v.name_variants.clear();
    year_only_opt(&mut v.birth_date);
    year_only_opt(&mut v.death_date);
    v.birth_place = None;
    v.residence = None;
    v.occupation = None;
    v.death_place = None;
    v.notes = None;
    v.extra.clear();
    v.claims.clear();
    for c in &mut v.cases {
        for d in c.dates_mut() {
            year_only_opt(d);
        }
    }
}

/// Masks a figure in place (see the module docs).
pub(crate) fn mask_figure(f: &mut Figure) {
    f.name_kk = initials(&f.name_kk);
    f.name_ru = initials(&f.name_ru);
    f.name_en = initials(&f.name_en);
    f.name_variants.clear();
    f.museum_name = None;
    year_only_opt(&mut f.birth_date);
    year_only_opt(&mut f.death_date);
    f.birth_place = None;
    f.death_place = None;
    f.notes = None;
    f.extra.clear();
    f.claims.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile(entries: &[&str]) -> Result<DropRules> {
        DropRules::compile(&entries.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn entries_are_checked_against_the_schemas() {
        assert!(compile(&["notes", "victim.residence", "cases.charge", "extra.*"]).is_ok());
        assert!(compile(&["victims.extra.Примечание"]).is_ok());
        let err = |e: &str| compile(&[e]).unwrap_err().to_string();
        assert!(err("residnce").contains("not a field of any entity"));
        assert!(err("id").contains("required"));
        assert!(err("victim.name").contains("required"));
        assert!(err("camp.residence").contains("not a field of that entity"));
        assert!(err("cases.nothing").contains("repression case"));
        assert!(err("figure.cases.charge").contains("only victims"));
        assert!(err("name.surname").contains("not a field name"));
    }

    #[test]
    fn drops_fields_everywhere_they_apply() {
        let rules = compile(&["notes", "extra.secret", "cases.charge"]).unwrap();
        let mut v = serde_json::json!({
            "id": "v1", "notes": "n", "extra": {"secret": "s"},
            "cases": [{"charge": "58-10", "seq": 1}],
            "claims": [{"id": "c1", "notes": "x"}]
        });
        rules.apply(DatasetKind::Victims, &mut v);
        assert_eq!(
            v,
            serde_json::json!({"id": "v1", "cases": [{"seq": 1}], "claims": [{"id": "c1"}]})
        );
        let rules = compile(&["victim.notes"]).unwrap();
        let mut s = serde_json::json!({"id": "s1", "notes": "kept"});
        rules.apply(DatasetKind::Sources, &mut s);
        assert_eq!(s["notes"], "kept");
    }

    #[test]
    fn masking_rules() {
        let today = Day::new(2026, 11, 25).unwrap();
        let cutoff = years_before(today, 100);
        assert_eq!(cutoff, Day::new(1926, 11, 25).unwrap());
        assert_eq!(
            years_before(Day::new(2024, 2, 29).unwrap(), 1),
            Day::new(2023, 2, 28).unwrap()
        );
        let d = |s: &str| HistoricalDate::parse(s).unwrap();
        let options = RedactOptions::builtin();
        let rule = MaskRule::new(&options, today, 12.0);
        assert_eq!(rule.cutoff, Some(cutoff));
        let by_birth = |b: &str| rule.masks(Some(&d(b)), None, []);
        assert!(by_birth("1960"));
        assert!(!by_birth("1898"));
        // 1926 may end after 25 November 1926: masked.
        assert!(by_birth("1926"));
        // A known recent birth decides alone, with a death date too (Ryskulbekov: 1966–1988).
        assert!(rule.masks(Some(&d("1966-03-13")), Some(&d("1988-05-21")), []));
        // No birth date: a 1987 sentence leaves births up to 1975 possible.
        let sentence = d("1987-06-16");
        assert_eq!(
            rule.latest_birth([&sentence]),
            Day::new(1975, 6, 16),
            "at least 12 at the sentence"
        );
        assert!(rule.masks(None, None, [&sentence]));
        // …but a person who died is not living.
        assert!(!rule.masks(None, Some(&d("1990")), [&sentence]));
        // An unknown death date proves nothing.
        assert!(rule.masks(None, Some(&d("?")), [&sentence]));
        // A 1937 arrest: born in 1925 at the latest; the earliest event bounds the birth.
        let arrest = d("1937-08-02");
        let rehabilitation = d("1989");
        assert!(!rule.masks(None, None, [&arrest, &rehabilitation]));
        assert!(rule.masks(None, None, [&rehabilitation]));
        // No date at all: only `mask_unknown_birth`.
        assert!(!rule.masks(None, None, []));
        let strict = RedactOptions {
            mask_unknown_birth: true,
            ..RedactOptions::builtin()
        };
        assert!(MaskRule::new(&strict, today, 12.0).masks(None, None, []));
        // A higher `min_age` moves the latest birth back; a fractional one is rounded down.
        assert!(!MaskRule::new(&options, today, 62.0).masks(None, None, [&sentence]));
        assert_eq!(
            MaskRule::new(&options, today, 12.9).latest_birth([&sentence]),
            Day::new(1975, 6, 16)
        );
        // Without `mask_born_within_years`, `mask_unknown_birth` masks every unknown birth.
        let only_unknown = RedactOptions {
            mask_born_within_years: None,
            ..strict
        };
        let rule = MaskRule::new(&only_unknown, today, 12.0);
        assert!(rule.masks(None, None, [&arrest]));
        assert!(!rule.masks(Some(&d("1990")), None, []));
        let n = initials(&PersonName::parse("Жургенов Темирбек Караевич"));
        assert_eq!(n.original, "Ж. Т. К.");
        assert_eq!(n.patronymic_form, Some(PatronymicForm::Initial));
        assert_eq!(year_only(&d("1962-11-10")).unwrap().to_string(), "1962");
        assert_eq!(year_only(&d("1962-11?")).unwrap().to_string(), "1962?");
        assert_eq!(
            year_only(&d("1960-03/1961-05")).unwrap().original(),
            "1960/1961"
        );
    }
}
