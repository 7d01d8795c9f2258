//! The archive's entities and the records they share.
//!
//! Field names are the `snake_case` CSV headers of `datasets/` and the JSON property names of
//! `schemas/`. Multi-valued cells in CSV use `|` as separator (see [`crate::io::MULTI_SEPARATOR`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{HistoricalDate, PersonName, Sentence, Sex};

/// Columns of the input that the model does not know, carried through unchanged
/// (original header → value).
pub type Extra = BTreeMap<String, String>;

/// A place with optional names in each language and coordinates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// The place as the source writes it (`аул № 7, Тokyrau volost, Karkaraly uezd`).
    pub name: String,
    /// WGS 84 coordinates when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
}

/// WGS 84 coordinates in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Coordinates {
    /// Latitude, −90…90, north positive.
    pub latitude: f64,
    /// Longitude, −180…180, east positive.
    pub longitude: f64,
}

/// Kinds of [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A printed publication: book, Book of Memory, article.
    Publication,
    /// An archival document: archive, fond, opis, delo, list.
    Archive,
    /// A web page.
    Web,
    /// The museum's own text or exhibition.
    Museum,
    /// A database (e.g. Memorial's «Жертвы политического террора в СССР»).
    Database,
    /// Generated data, not about real people.
    Synthetic,
}

/// Where a fact comes from. Every entity lists the ids of its sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Stable id (`src-enwiki-bukeikhanov`).
    pub id: String,
    /// The kind of source.
    pub kind: SourceKind,
    /// Title of the publication, page or document.
    pub title: String,
    /// Author(s) or issuing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publisher, site or periodical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Year or date of publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<HistoricalDate>,
    /// Volume of a multi-volume work (Book of Memory volume).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Page(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// Archival reference: archive, fond, opis, delo, list (`ЦГА РК, ф. 1, оп. 2, д. 3, л. 4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_ref: Option<String>,
    /// URL of a web source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the URL was accessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<HistoricalDate>,
    /// Language(s) of the source (ISO 639-1: `kk`, `ru`, `en`, `de`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Notes on reliability or content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A number a source claims (famine deaths, prisoners at a date). Competing estimates of the same
/// measure are kept side by side, never merged into one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Estimate {
    /// Stable id.
    pub id: String,
    /// The event or camp the number is about.
    pub subject_id: String,
    /// What is counted (`deaths`, `prisoners`, `participants`, `emigrants`, `shot`…).
    pub measure: String,
    /// The single value, when the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Lower bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Upper bound of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Unit (`persons`, `households`, `head_of_cattle`).
    pub unit: String,
    /// The date the count refers to (`1950-01-01` for a camp population).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<HistoricalDate>,
    /// How the source words the claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Sources making this claim.
    pub source_ids: Vec<String>,
    /// Our note (e.g. "the museum's figure; scholarly estimates are lower").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A disputed fact: one value a source gives for a field of an entity, where sources disagree.
/// The entity's own field holds the preferred value; every claim (preferred or not) is listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// Stable id.
    pub id: String,
    /// The entity the claim is about.
    pub subject_id: String,
    /// The field (`birth_date`, `death_date`, `birth_place`, `burial_place`…).
    pub field: String,
    /// The value this source gives, as written.
    pub value: String,
    /// Whether this is the value the entity's field holds.
    #[serde(default)]
    pub preferred: bool,
    /// Sources giving this value.
    pub source_ids: Vec<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A person of the museum's portrait gallery (or another notable figure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Figure {
    /// Stable id (`fig-bukeikhanov`).
    pub id: String,
    /// Name in Kazakh (Cyrillic).
    pub name_kk: PersonName,
    /// Name in Russian.
    pub name_ru: PersonName,
    /// Name in English (Latin).
    pub name_en: PersonName,
    /// Other spellings seen in sources, the museum's own included.
    #[serde(default)]
    pub name_variants: Vec<String>,
    /// How the museum's text names the figure (`A. Bukeykhanov`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub museum_name: Option<String>,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Date of birth (see `claims` where sources disagree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<HistoricalDate>,
    /// Place of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// Date of death.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_date: Option<HistoricalDate>,
    /// Place of death.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_place: Option<String>,
    /// How the person died (`shot after a VKVS sentence`, `died in a camp`, `killed without trial`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fate: Option<String>,
    /// Roles (poet, politician…).
    #[serde(default)]
    pub roles: Vec<String>,
    /// The person's record in `victims.csv` (repression cases live there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victim_id: Option<String>,
    /// Events the person's fate ties to.
    #[serde(default)]
    pub event_ids: Vec<String>,
    /// Sources.
    pub source_ids: Vec<String>,
    /// Notes, including where the museum's text differs from the sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Disputed facts about this figure (from `claims.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A historical event or topic (Small October, the famine, the mass terror, ALZhIR…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Stable id (`evt-famine-1930-1933`).
    pub id: String,
    /// Name in Kazakh.
    pub name_kk: String,
    /// Name in Russian.
    pub name_ru: String,
    /// Name in English.
    pub name_en: String,
    /// Category (`policy`, `uprising`, `famine`, `emigration`, `mass_terror`, `camp`, `trial`,
    /// `protest`).
    pub category: String,
    /// Start of the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<HistoricalDate>,
    /// End of the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<HistoricalDate>,
    /// Places.
    #[serde(default)]
    pub places: Vec<String>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether this is one of the museum's exhibition topics.
    #[serde(default)]
    pub museum_topic: bool,
    /// Related figures.
    #[serde(default)]
    pub figure_ids: Vec<String>,
    /// Related camps.
    #[serde(default)]
    pub camp_ids: Vec<String>,
    /// Sources.
    pub source_ids: Vec<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Numbers sources claim about the event, side by side (from `estimates.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimates: Vec<Estimate>,
    /// Disputed facts (from `claims.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A camp or site of the Gulag (ALZhIR, Karlag, Steplag…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Camp {
    /// Stable id (`camp-alzhir`).
    pub id: String,
    /// Official name (Russian).
    pub name_official: String,
    /// Common name in English (`ALZhIR`).
    pub name_en: String,
    /// Name in Kazakh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_kk: Option<String>,
    /// Other names and abbreviations (`АЛЖИР`, `26-я точка`, `Особлаг № 4`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Type (`itl`, `special_camp`, `camp_department`, `pow_camp`, `execution_site`).
    pub camp_type: String,
    /// The administration or camp it belonged to (a camp id or a text such as `GULAG`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Location (headquarters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Place>,
    /// When it opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<HistoricalDate>,
    /// When it closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<HistoricalDate>,
    /// Sources.
    pub source_ids: Vec<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Population estimates with dates (from `estimates.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub estimates: Vec<Estimate>,
    /// Disputed facts (from `claims.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// One repression case of a victim: arrest, charge, sentence, execution or camp, rehabilitation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RepressionCase {
    /// 1-based number of this case in the person's record (the `case` column); absent when the
    /// source numbers nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    /// Date of arrest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrest_date: Option<HistoricalDate>,
    /// Who arrested (`НКВД КССР`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrested_by: Option<String>,
    /// Charge articles as written (`58-10, 58-11`; `58 п. 8`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge: Option<String>,
    /// Sentencing body (`Тройка при УНКВД`, `ВКВС СССР`, `ОСО при НКВД`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentencing_body: Option<String>,
    /// Date of the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_date: Option<HistoricalDate>,
    /// The sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Sentence>,
    /// Date of execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_date: Option<HistoricalDate>,
    /// Place of execution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_place: Option<String>,
    /// The camp the person was sent to (an id in `camps.csv`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camp_id: Option<String>,
    /// When the person arrived in the camp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub camp_arrival_date: Option<HistoricalDate>,
    /// Date of release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<HistoricalDate>,
    /// Date of rehabilitation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rehabilitation_date: Option<HistoricalDate>,
    /// Rehabilitating body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rehabilitated_by: Option<String>,
}

impl RepressionCase {
    /// Whether no field of the case is filled.
    pub fn is_empty(&self) -> bool {
        *self == RepressionCase::default()
    }

    /// The case's dated events, in the order of a case: arrest, sentence, execution, camp
    /// arrival, release, rehabilitation (each `None` when not known).
    pub fn dates(&self) -> [&Option<HistoricalDate>; 6] {
        [
            &self.arrest_date,
            &self.sentence_date,
            &self.execution_date,
            &self.camp_arrival_date,
            &self.release_date,
            &self.rehabilitation_date,
        ]
    }

    /// [`RepressionCase::dates`], to change them.
    pub fn dates_mut(&mut self) -> [&mut Option<HistoricalDate>; 6] {
        [
            &mut self.arrest_date,
            &mut self.sentence_date,
            &mut self.execution_date,
            &mut self.camp_arrival_date,
            &mut self.release_date,
            &mut self.rehabilitation_date,
        ]
    }
}

/// A person repressed: identity, one or more repression cases, sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Victim {
    /// Stable id (`vic-000123`).
    pub id: String,
    /// The name as recorded.
    pub name: PersonName,
    /// Other spellings of the name.
    #[serde(default)]
    pub name_variants: Vec<String>,
    /// Sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Date (often only the year) of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<HistoricalDate>,
    /// Place of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// Nationality as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// Occupation or place of work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// Place of residence before arrest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residence: Option<String>,
    /// Repression cases, in order (most people have one).
    #[serde(default)]
    pub cases: Vec<RepressionCase>,
    /// Date of death (when not an execution recorded in a case, or in addition to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_date: Option<HistoricalDate>,
    /// Place of death.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub death_place: Option<String>,
    /// The portrait-gallery figure this person is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure_id: Option<String>,
    /// Sources (ids in `sources.csv`).
    #[serde(default)]
    pub source_ids: Vec<String>,
    /// A free-text source as real lists write it (`Книга памяти, т. 2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Disputed facts (from `claims.csv`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Unknown input columns, carried through.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}
