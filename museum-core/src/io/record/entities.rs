//! Figures, events, camps, sources, estimates and claims from rows and back.

use super::super::{DatasetKind, columns};
use super::{Record, Row, date, fmt_num, join, opt};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::entity::Extra;
use crate::model::{
    Camp, Claim, Coordinates, Estimate, Event, Figure, PersonName, Place, Source, SourceKind,
};

impl Record for Figure {
    const KIND: DatasetKind = DatasetKind::Figures;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::figures as c;
        Figure {
            id: r.required(c::ID, out),
            name_kk: PersonName::parse(&r.required(c::NAME_KK, out)),
            name_ru: PersonName::parse(&r.required(c::NAME_RU, out)),
            name_en: PersonName::parse(&r.required(c::NAME_EN, out)),
            name_variants: r.list(c::NAME_VARIANTS),
            museum_name: r.string(c::MUSEUM_NAME),
            sex: r.sex(c::SEX, out),
            birth_date: r.date(c::BIRTH_DATE, out),
            birth_place: r.string(c::BIRTH_PLACE),
            death_date: r.date(c::DEATH_DATE, out),
            death_place: r.string(c::DEATH_PLACE),
            fate: r.string(c::FATE),
            roles: r.list(c::ROLES),
            victim_id: r.string(c::VICTIM_ID),
            event_ids: r.list(c::EVENT_IDS),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::figures as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_KK] = self.name_kk.original.clone();
        row[c::NAME_RU] = self.name_ru.original.clone();
        row[c::NAME_EN] = self.name_en.original.clone();
        row[c::NAME_VARIANTS] = join(&self.name_variants);
        row[c::MUSEUM_NAME] = opt(&self.museum_name);
        row[c::SEX] = self
            .sex
            .as_ref()
            .map(|s| s.original.clone())
            .unwrap_or_default();
        row[c::BIRTH_DATE] = date(&self.birth_date);
        row[c::BIRTH_PLACE] = opt(&self.birth_place);
        row[c::DEATH_DATE] = date(&self.death_date);
        row[c::DEATH_PLACE] = opt(&self.death_place);
        row[c::FATE] = opt(&self.fate);
        row[c::ROLES] = join(&self.roles);
        row[c::VICTIM_ID] = opt(&self.victim_id);
        row[c::EVENT_IDS] = join(&self.event_ids);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Event {
    const KIND: DatasetKind = DatasetKind::Events;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::events as c;
        Event {
            id: r.required(c::ID, out),
            name_kk: r.required(c::NAME_KK, out),
            name_ru: r.required(c::NAME_RU, out),
            name_en: r.required(c::NAME_EN, out),
            category: r.required(c::CATEGORY, out),
            start_date: r.date(c::START_DATE, out),
            end_date: r.date(c::END_DATE, out),
            places: r.list(c::PLACES),
            description: r.string(c::DESCRIPTION),
            museum_topic: r.boolean(c::MUSEUM_TOPIC, out),
            figure_ids: r.list(c::FIGURE_IDS),
            camp_ids: r.list(c::CAMP_IDS),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            estimates: Vec::new(),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::events as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_KK] = self.name_kk.clone();
        row[c::NAME_RU] = self.name_ru.clone();
        row[c::NAME_EN] = self.name_en.clone();
        row[c::CATEGORY] = self.category.clone();
        row[c::START_DATE] = date(&self.start_date);
        row[c::END_DATE] = date(&self.end_date);
        row[c::PLACES] = join(&self.places);
        row[c::DESCRIPTION] = opt(&self.description);
        row[c::MUSEUM_TOPIC] = self.museum_topic.to_string();
        row[c::FIGURE_IDS] = join(&self.figure_ids);
        row[c::CAMP_IDS] = join(&self.camp_ids);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Camp {
    const KIND: DatasetKind = DatasetKind::Camps;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::camps as c;
        let lat = r.number(c::LATITUDE, out);
        let lon = r.number(c::LONGITUDE, out);
        let coordinates = match (lat, lon) {
            (Some(latitude), Some(longitude)) => Some(Coordinates {
                latitude,
                longitude,
            }),
            (Some(_), None) | (None, Some(_)) => {
                let (has, lacks, col) = if lat.is_some() {
                    ("latitude", "longitude", c::LATITUDE)
                } else {
                    ("longitude", "latitude", c::LONGITUDE)
                };
                if r.text(if lat.is_some() {
                    c::LONGITUDE
                } else {
                    c::LATITUDE
                })
                .is_none()
                {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidCoordinates,
                            format!("`{has}` is given without `{lacks}`"),
                            r.loc(col),
                        )
                        .with_value(r.text(col).unwrap_or_default())
                        .with_help("give both coordinates, or neither"),
                    );
                }
                None
            }
            (None, None) => None,
        };
        let location = match (r.string(c::LOCATION), coordinates) {
            (None, None) => None,
            (name, coordinates) => Some(Place {
                name: name.unwrap_or_default(),
                coordinates,
            }),
        };
        Camp {
            id: r.required(c::ID, out),
            name_official: r.required(c::NAME_OFFICIAL, out),
            name_en: r.required(c::NAME_EN, out),
            name_kk: r.string(c::NAME_KK),
            aliases: r.list(c::ALIASES),
            camp_type: r.required(c::CAMP_TYPE, out),
            parent: r.string(c::PARENT),
            location,
            opened: r.date(c::OPENED, out),
            closed: r.date(c::CLOSED, out),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            estimates: Vec::new(),
            claims: Vec::new(),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::camps as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::NAME_OFFICIAL] = self.name_official.clone();
        row[c::NAME_EN] = self.name_en.clone();
        row[c::NAME_KK] = opt(&self.name_kk);
        row[c::ALIASES] = join(&self.aliases);
        row[c::CAMP_TYPE] = self.camp_type.clone();
        row[c::PARENT] = opt(&self.parent);
        if let Some(p) = &self.location {
            row[c::LOCATION] = p.name.clone();
            if let Some(co) = p.coordinates {
                row[c::LATITUDE] = co.latitude.to_string();
                row[c::LONGITUDE] = co.longitude.to_string();
            }
        }
        row[c::OPENED] = date(&self.opened);
        row[c::CLOSED] = date(&self.closed);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Source {
    const KIND: DatasetKind = DatasetKind::Sources;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::sources as c;
        let kind_text = r.required(c::KIND, out);
        let kind = match kind_text.trim().to_lowercase().as_str() {
            "publication" | "book" | "article" => SourceKind::Publication,
            "archive" => SourceKind::Archive,
            "web" | "website" | "url" => SourceKind::Web,
            "museum" => SourceKind::Museum,
            "database" | "db" => SourceKind::Database,
            "synthetic" => SourceKind::Synthetic,
            other => {
                if !other.is_empty() {
                    out.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            "`kind` is not a known source kind",
                            r.loc(c::KIND),
                        )
                        .with_value(kind_text.clone())
                        .with_help("use publication, archive, web, museum, database or synthetic"),
                    );
                }
                SourceKind::Web
            }
        };
        Source {
            id: r.required(c::ID, out),
            kind,
            title: r.required(c::TITLE, out),
            author: r.string(c::AUTHOR),
            publisher: r.string(c::PUBLISHER),
            published: r.date(c::PUBLISHED, out),
            volume: r.string(c::VOLUME),
            pages: r.string(c::PAGES),
            archive_ref: r.string(c::ARCHIVE_REF),
            url: r.string(c::URL),
            accessed: r.date(c::ACCESSED, out),
            language: r.string(c::LANGUAGE),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::sources as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::KIND] = serde_json::to_value(self.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        row[c::TITLE] = self.title.clone();
        row[c::AUTHOR] = opt(&self.author);
        row[c::PUBLISHER] = opt(&self.publisher);
        row[c::PUBLISHED] = date(&self.published);
        row[c::VOLUME] = opt(&self.volume);
        row[c::PAGES] = opt(&self.pages);
        row[c::ARCHIVE_REF] = opt(&self.archive_ref);
        row[c::URL] = opt(&self.url);
        row[c::ACCESSED] = date(&self.accessed);
        row[c::LANGUAGE] = opt(&self.language);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Estimate {
    const KIND: DatasetKind = DatasetKind::Estimates;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::estimates as c;
        Estimate {
            id: r.required(c::ID, out),
            subject_id: r.required(c::SUBJECT_ID, out),
            measure: r.required(c::MEASURE, out),
            value: r.number(c::VALUE, out),
            low: r.number(c::LOW, out),
            high: r.number(c::HIGH, out),
            unit: r.required(c::UNIT, out),
            as_of: r.date(c::AS_OF, out),
            claim: r.string(c::CLAIM),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::estimates as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::SUBJECT_ID] = self.subject_id.clone();
        row[c::MEASURE] = self.measure.clone();
        row[c::VALUE] = fmt_num(self.value);
        row[c::LOW] = fmt_num(self.low);
        row[c::HIGH] = fmt_num(self.high);
        row[c::UNIT] = self.unit.clone();
        row[c::AS_OF] = date(&self.as_of);
        row[c::CLAIM] = opt(&self.claim);
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}

impl Record for Claim {
    const KIND: DatasetKind = DatasetKind::Claims;

    fn id(&self) -> &str {
        &self.id
    }

    fn from_row(r: &Row<'_>, out: &mut Vec<Diagnostic>) -> Self {
        use columns::claims as c;
        Claim {
            id: r.required(c::ID, out),
            subject_id: r.required(c::SUBJECT_ID, out),
            field: r.required(c::FIELD, out),
            value: r.required(c::VALUE, out),
            preferred: r.boolean(c::PREFERRED, out),
            source_ids: r.list(c::SOURCE_IDS),
            notes: r.string(c::NOTES),
            extra: r.extra_map(),
        }
    }

    fn to_rows(&self) -> Vec<Vec<String>> {
        use columns::claims as c;
        let mut row = vec![String::new(); c::COLUMNS.len()];
        row[c::ID] = self.id.clone();
        row[c::SUBJECT_ID] = self.subject_id.clone();
        row[c::FIELD] = self.field.clone();
        row[c::VALUE] = self.value.clone();
        row[c::PREFERRED] = self.preferred.to_string();
        row[c::SOURCE_IDS] = join(&self.source_ids);
        row[c::NOTES] = opt(&self.notes);
        vec![row]
    }

    fn extra(&self) -> &Extra {
        &self.extra
    }
}
