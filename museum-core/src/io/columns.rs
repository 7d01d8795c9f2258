//! The column dictionary: canonical `snake_case` columns of every dataset kind, the aliases real
//! lists use for them, whether they are required, and what they mean.
//!
//! Header matching is by [`normalize_header`]: case-insensitive, ignoring surrounding spaces,
//! a BOM, trailing `.`/`:`, and treating spaces, hyphens and underscores alike.
// Column descriptions are the text of the JSON Schemas and `museum schema`: vocabulary values
// (`mass_terror`, `birth_date`) are written as users see them there.
#![allow(clippy::doc_markdown)]

/// One column of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Canonical `snake_case` name (the CSV header and JSON property).
    pub name: &'static str,
    /// Whether the column must be present in the header.
    pub required: bool,
    /// Other headers that mean this column (already normalized with [`normalize_header`]).
    pub aliases: &'static [&'static str],
    /// What the column holds.
    pub description: &'static str,
}

/// Normalizes a header for matching: trims spaces and a BOM, lowercases, strips a trailing `.`
/// or `:`, and maps spaces, hyphens and runs of them to `_`.
///
/// ```
/// use museum_core::io::normalize_header;
/// assert_eq!(normalize_header("\u{feff} Год рождения: "), "год_рождения");
/// assert_eq!(normalize_header("Birth-Year"), "birth_year");
/// ```
pub fn normalize_header(h: &str) -> String {
    let t = h.trim_start_matches('\u{feff}').trim();
    let t = t.trim_end_matches([':', '.']).trim();
    let mut out = String::with_capacity(t.len());
    let mut sep = false;
    for c in t.chars().flat_map(char::to_lowercase) {
        if c == ' ' || c == '-' || c == '_' || c == '\u{a0}' {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c);
        }
    }
    out
}

/// Finds the column a header means: its canonical name or one of its aliases.
pub fn find_column(columns: &[Column], header: &str) -> Option<usize> {
    let h = normalize_header(header);
    columns
        .iter()
        .position(|c| c.name == h)
        .or_else(|| columns.iter().position(|c| c.aliases.contains(&h.as_str())))
}

macro_rules! columns {
    ($(#[$doc:meta])* pub mod $m:ident { $( $konst:ident = $name:literal $($req:ident)? [$($alias:literal),*] $desc:literal; )* }) => {
        $(#[$doc])*
        pub mod $m {
            use super::Column;
            #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
            enum Idx { $($konst,)* }
            $( #[doc = $desc] pub const $konst: usize = Idx::$konst as usize; )*
            /// The columns, in canonical order.
            pub static COLUMNS: &[Column] = &[ $( Column { name: $name, required: columns!(@req $($req)?), aliases: &[$($alias),*], description: $desc }, )* ];
        }
    };
    (@req) => { false };
    (@req required) => { true };
}

columns! {
    /// `victims.csv`: one row per repression case; rows with the same `id` and `case` 2, 3… add
    /// cases to the person of the row before.
    pub mod victims {
        ID = "id" ["record_id", "victim_id", "person_no", "№", "no", "номер", "№_п/п", "n"] "Stable record id";
        CASE = "case" ["case_no", "case_number", "дело_№"] "1-based number of the repression case of this person (empty = 1)";
        FULL_NAME = "full_name" ["name", "фио", "ф.и.о", "фамилия_имя_отчество", "аты_жөні", "толық_аты_жөні", "name_full"] "The full name as one text (archival order)";
        SURNAME = "surname" ["last_name", "family_name", "фамилия", "тегі"] "Family name";
        GIVEN_NAME = "given_name" ["first_name", "forename", "имя", "аты"] "Given name";
        PATRONYMIC = "patronymic" ["middle_name", "отчество", "әкесінің_аты", "father_name"] "Patronymic (Russian -ович/-овна or Kazakh -ұлы/-қызы)";
        NAME_VARIANTS = "name_variants" ["variants", "варианты_фио", "aliases", "другие_написания"] "Other spellings, `|`-separated";
        SEX = "sex" ["gender", "пол", "жынысы"] "Sex (м/муж./ер/M, ж/жен./әйел/F)";
        BIRTH_DATE = "birth_date" ["birth_year", "born", "date_of_birth", "year_of_birth", "дата_рождения", "год_рождения", "г.р", "г._р", "туған_жылы", "туған_күні"] "Date or year of birth";
        BIRTH_PLACE = "birth_place" ["place_of_birth", "birthplace", "место_рождения", "туған_жері"] "Place of birth";
        NATIONALITY = "nationality" ["ethnicity", "национальность", "ұлты"] "Nationality as recorded";
        OCCUPATION = "occupation" ["job", "profession", "профессия", "место_работы", "профессия_/_место_работы", "профессия/место_работы", "кәсібі", "жұмыс_орны"] "Occupation or place of work";
        RESIDENCE = "residence" ["address", "place_of_residence", "место_проживания", "адрес", "тұрғылықты_жері"] "Residence before arrest";
        ARREST_DATE = "arrest_date" ["arrested", "date_of_arrest", "дата_ареста", "арестован", "қамауға_алынған_күні", "тұтқындалған_күні"] "Date of arrest";
        ARRESTED_BY = "arrested_by" ["где_и_кем_арестован", "кем_арестован"] "Who arrested";
        CHARGE = "charge" ["charges", "article", "articles", "обвинение", "статья", "статьи", "айыптау", "бап"] "Charge articles as written (58-10, 58-11)";
        SENTENCING_BODY = "sentencing_body" ["court", "осудивший_орган", "кем_осужден", "орган", "үкім_шығарған_орган"] "Sentencing body (troika, OSO, VKVS…)";
        SENTENCE_DATE = "sentence_date" ["date_of_sentence", "осуждение", "дата_осуждения", "дата_приговора", "осужден", "сотталған_күні", "үкім_шыққан_күні"] "Date of the sentence";
        SENTENCE = "sentence" ["punishment", "приговор", "мера_наказания", "үкім", "жаза"] "The sentence (ВМН, 10 лет ИТЛ, ату жазасы…)";
        EXECUTION_DATE = "execution_date" ["date_shot", "date_of_execution", "дата_расстрела", "расстрелян", "атылған_күні"] "Date of execution";
        EXECUTION_PLACE = "execution_place" ["место_расстрела", "атылған_жері"] "Place of execution";
        CAMP_ID = "camp_id" ["camp", "лагерь"] "Camp the person was sent to (id in camps.csv)";
        CAMP_ARRIVAL_DATE = "camp_arrival_date" ["дата_прибытия_в_лагерь"] "Date of arrival in the camp";
        RELEASE_DATE = "release_date" ["дата_освобождения", "освобожден", "босатылған_күні"] "Date of release";
        DEATH_DATE = "death_date" ["died", "date_of_death", "дата_смерти", "қайтыс_болған_күні"] "Date of death";
        DEATH_PLACE = "death_place" ["place_of_death", "место_смерти", "қайтыс_болған_жері"] "Place of death";
        REHABILITATION_DATE = "rehabilitation_date" ["rehabilitated", "date_of_rehabilitation", "дата_реабилитации", "реабилитирован", "ақталған_күні"] "Date of rehabilitation";
        REHABILITATED_BY = "rehabilitated_by" ["реабилитирующий_орган", "кем_реабилитирован", "ақтаған_орган"] "Rehabilitating body";
        FIGURE_ID = "figure_id" [] "The portrait figure this person is (id in figures.csv)";
        SOURCE_IDS = "source_ids" ["sources"] "Source ids (sources.csv), `|`-separated";
        SOURCE_TEXT = "source_text" ["source", "источник", "источники", "источники_данных", "дереккөз"] "A free-text source as lists write it";
        NOTES = "notes" ["note", "comment", "comments", "примечание", "примечания", "ескерту"] "Notes";
    }
}

columns! {
    /// `figures.csv`: the museum's portrait gallery.
    pub mod figures {
        ID = "id" required [] "Stable id (fig-…)";
        NAME_KK = "name_kk" required [] "Name in Kazakh Cyrillic";
        NAME_RU = "name_ru" required [] "Name in Russian";
        NAME_EN = "name_en" required [] "Name in English";
        NAME_VARIANTS = "name_variants" [] "Other spellings seen in sources, `|`-separated";
        MUSEUM_NAME = "museum_name" [] "How the museum's text names the figure";
        SEX = "sex" [] "Sex";
        BIRTH_DATE = "birth_date" [] "Date of birth (EDTF or archival spelling)";
        BIRTH_PLACE = "birth_place" [] "Place of birth";
        DEATH_DATE = "death_date" [] "Date of death";
        DEATH_PLACE = "death_place" [] "Place of death";
        FATE = "fate" [] "How the person died";
        ROLES = "roles" [] "Roles, `|`-separated";
        VICTIM_ID = "victim_id" [] "The person's record in victims.csv";
        EVENT_IDS = "event_ids" [] "Related events, `|`-separated";
        SOURCE_IDS = "source_ids" required [] "Source ids, `|`-separated";
        NOTES = "notes" [] "Notes, including where the museum's text differs from the sources";
    }
}

columns! {
    /// `events.csv`: events and topics.
    pub mod events {
        ID = "id" required [] "Stable id (evt-…)";
        NAME_KK = "name_kk" required [] "Name in Kazakh";
        NAME_RU = "name_ru" required [] "Name in Russian";
        NAME_EN = "name_en" required [] "Name in English";
        CATEGORY = "category" required [] "policy, uprising, famine, emigration, mass_terror, camp, trial, protest";
        START_DATE = "start_date" [] "Start of the period";
        END_DATE = "end_date" [] "End of the period";
        PLACES = "places" [] "Places, `|`-separated";
        DESCRIPTION = "description" [] "Short description";
        MUSEUM_TOPIC = "museum_topic" [] "true when the museum's exhibition covers it";
        FIGURE_IDS = "figure_ids" [] "Related figures, `|`-separated";
        CAMP_IDS = "camp_ids" [] "Related camps, `|`-separated";
        SOURCE_IDS = "source_ids" required [] "Source ids, `|`-separated";
        NOTES = "notes" [] "Notes";
    }
}

columns! {
    /// `camps.csv`: camps and sites.
    pub mod camps {
        ID = "id" required [] "Stable id (camp-…)";
        NAME_OFFICIAL = "name_official" required [] "Official name (Russian)";
        NAME_EN = "name_en" required [] "Common name in English";
        NAME_KK = "name_kk" [] "Name in Kazakh";
        ALIASES = "aliases" [] "Other names and abbreviations, `|`-separated";
        CAMP_TYPE = "camp_type" required [] "itl, special_camp, camp_department, pow_camp, execution_site…";
        PARENT = "parent" [] "Parent administration or camp";
        LOCATION = "location" [] "Location (headquarters)";
        LATITUDE = "latitude" [] "Latitude, decimal degrees";
        LONGITUDE = "longitude" [] "Longitude, decimal degrees";
        OPENED = "opened" [] "When it opened";
        CLOSED = "closed" [] "When it closed";
        SOURCE_IDS = "source_ids" required [] "Source ids, `|`-separated";
        NOTES = "notes" [] "Notes";
    }
}

columns! {
    /// `sources.csv`: every source cited.
    pub mod sources {
        ID = "id" required [] "Stable id (src-…)";
        KIND = "kind" required [] "publication, archive, web, museum, database, synthetic";
        TITLE = "title" required [] "Title";
        AUTHOR = "author" [] "Author(s)";
        PUBLISHER = "publisher" [] "Publisher, site or periodical";
        PUBLISHED = "published" [] "Date of publication";
        VOLUME = "volume" [] "Volume";
        PAGES = "pages" [] "Pages";
        ARCHIVE_REF = "archive_ref" [] "Archive, fond, opis, delo, list";
        URL = "url" [] "URL";
        ACCESSED = "accessed" [] "Access date";
        LANGUAGE = "language" [] "Language(s), ISO 639-1";
        NOTES = "notes" [] "Notes";
    }
}

columns! {
    /// `estimates.csv`: numbers sources claim about events and camps.
    pub mod estimates {
        ID = "id" required [] "Stable id (est-…)";
        SUBJECT_ID = "subject_id" required [] "The event or camp";
        MEASURE = "measure" required [] "What is counted (deaths, prisoners…)";
        VALUE = "value" [] "Single value";
        LOW = "low" [] "Lower bound";
        HIGH = "high" [] "Upper bound";
        UNIT = "unit" required [] "Unit (persons…)";
        AS_OF = "as_of" [] "Date the count refers to";
        CLAIM = "claim" [] "How the source words it";
        SOURCE_IDS = "source_ids" required [] "Source ids, `|`-separated";
        NOTES = "notes" [] "Notes";
    }
}

columns! {
    /// `claims.csv`: disputed facts, one row per value a source gives.
    pub mod claims {
        ID = "id" required [] "Stable id (clm-…)";
        SUBJECT_ID = "subject_id" required [] "The entity";
        FIELD = "field" required [] "The field (birth_date, death_date…)";
        VALUE = "value" required [] "The value this source gives";
        PREFERRED = "preferred" [] "true when the entity's field holds this value";
        SOURCE_IDS = "source_ids" required [] "Source ids, `|`-separated";
        NOTES = "notes" [] "Explanation";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_normalized_and_unique() {
        for cols in [
            victims::COLUMNS,
            figures::COLUMNS,
            events::COLUMNS,
            camps::COLUMNS,
            sources::COLUMNS,
            estimates::COLUMNS,
            claims::COLUMNS,
        ] {
            let mut seen = std::collections::BTreeSet::new();
            for c in cols {
                assert_eq!(normalize_header(c.name), c.name);
                assert!(seen.insert(c.name));
                for a in c.aliases {
                    assert_eq!(&normalize_header(a), a, "alias {a} is not normalized");
                    assert!(seen.insert(a), "alias {a} used twice");
                }
            }
        }
    }

    #[test]
    fn russian_headers_map() {
        assert_eq!(
            find_column(victims::COLUMNS, "Фамилия"),
            Some(victims::SURNAME)
        );
        assert_eq!(
            find_column(victims::COLUMNS, "Год рождения"),
            Some(victims::BIRTH_DATE)
        );
        assert_eq!(
            find_column(victims::COLUMNS, "Дата реабилитации"),
            Some(victims::REHABILITATION_DATE)
        );
        assert_eq!(
            find_column(victims::COLUMNS, "record_id"),
            Some(victims::ID)
        );
        assert_eq!(
            find_column(victims::COLUMNS, "Профессия / место работы"),
            Some(victims::OCCUPATION)
        );
    }
}
