//! The vocabularies synthetic records are drawn from: names by nationality, places of the time
//! (auls, volosts, uezds, oblasts and districts), occupations, arresting and sentencing bodies,
//! camps. Plausible, not a gazetteer: units are mixed across their exact years of existence.
//!
//! Kazakh names are stored in Kazakh Cyrillic (with ә ғ қ ң ө ұ ү һ і); Russian clerks' spellings
//! are derived from them by [`super::translit`]. German names carry their German spelling for
//! German-language lists. The name tables are in `data/names.tsv`; the places, bodies and camps,
//! whose rows have several shapes, are Rust tables here.

use std::collections::HashMap;
use std::sync::OnceLock;

mod institutions;
mod places;

pub(crate) use institutions::*;
pub(crate) use places::*;

/// Nationalities of the synthetic population (Kazakhstan 1920s–1950s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Nationality {
    Kazakh,
    Russian,
    Ukrainian,
    German,
    Korean,
    Tatar,
    Polish,
    Chechen,
    Ingush,
}

impl Nationality {
    /// Every nationality, in summary order.
    pub(crate) const ALL: [Nationality; 9] = [
        Nationality::Kazakh,
        Nationality::Russian,
        Nationality::Ukrainian,
        Nationality::German,
        Nationality::Korean,
        Nationality::Tatar,
        Nationality::Polish,
        Nationality::Chechen,
        Nationality::Ingush,
    ];

    /// Shares in the population, per mille (Kazakh majority ~60%).
    pub(crate) const WEIGHTS: [u32; 9] = [600, 140, 80, 60, 40, 30, 20, 22, 8];

    /// English name (for the summary and Latin lists).
    pub(crate) fn en(self) -> &'static str {
        match self {
            Nationality::Kazakh => "Kazakh",
            Nationality::Russian => "Russian",
            Nationality::Ukrainian => "Ukrainian",
            Nationality::German => "German",
            Nationality::Korean => "Korean",
            Nationality::Tatar => "Tatar",
            Nationality::Polish => "Polish",
            Nationality::Chechen => "Chechen",
            Nationality::Ingush => "Ingush",
        }
    }

    /// How a Russian list writes the nationality (masculine, feminine).
    pub(crate) fn ru(self) -> (&'static str, &'static str) {
        match self {
            Nationality::Kazakh => ("казах", "казашка"),
            Nationality::Russian => ("русский", "русская"),
            Nationality::Ukrainian => ("украинец", "украинка"),
            Nationality::German => ("немец", "немка"),
            Nationality::Korean => ("кореец", "кореянка"),
            Nationality::Tatar => ("татарин", "татарка"),
            Nationality::Polish => ("поляк", "полька"),
            Nationality::Chechen => ("чеченец", "чеченка"),
            Nationality::Ingush => ("ингуш", "ингушка"),
        }
    }

    /// How a Kazakh list writes the nationality.
    pub(crate) fn kk(self) -> &'static str {
        match self {
            Nationality::Kazakh => "қазақ",
            Nationality::Russian => "орыс",
            Nationality::Ukrainian => "украин",
            Nationality::German => "неміс",
            Nationality::Korean => "кәріс",
            Nationality::Tatar => "татар",
            Nationality::Polish => "поляк",
            Nationality::Chechen => "шешен",
            Nationality::Ingush => "ингуш",
        }
    }

    /// How a German list writes the nationality.
    pub(crate) fn de(self) -> &'static str {
        match self {
            Nationality::Kazakh => "Kasache",
            Nationality::Russian => "Russe",
            Nationality::Ukrainian => "Ukrainer",
            Nationality::German => "Deutscher",
            Nationality::Korean => "Koreaner",
            Nationality::Tatar => "Tatare",
            Nationality::Polish => "Pole",
            Nationality::Chechen => "Tschetschene",
            Nationality::Ingush => "Ingusche",
        }
    }
}

/// The name tables of `data/names.tsv` by table, in file order: the spelling Russian documents
/// used, and the German spelling where the table has one.
struct NameTables {
    names: HashMap<&'static str, Vec<&'static str>>,
    pairs: HashMap<&'static str, Vec<(&'static str, &'static str)>>,
}

fn name_tables() -> &'static NameTables {
    static TABLES: OnceLock<NameTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = NameTables {
            names: HashMap::new(),
            pairs: HashMap::new(),
        };
        for line in include_str!("../../data/names.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(table), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            match cols.next() {
                Some(german) => t.pairs.entry(table).or_default().push((name, german)),
                None => t.names.entry(table).or_default().push(name),
            }
        }
        t
    })
}

/// The names of `table` (a table of `data/names.tsv` without a second spelling).
fn names(table: &str) -> &'static [&'static str] {
    name_tables().names.get(table).map_or(&[], Vec::as_slice)
}

/// The names of `table` with their German spelling.
fn name_pairs(table: &str) -> &'static [(&'static str, &'static str)] {
    name_tables().pairs.get(table).map_or(&[], Vec::as_slice)
}

/// Kazakh male given names (also the roots of patronymics and surnames).
pub(crate) fn kz_male() -> &'static [&'static str] {
    names("kz_male")
}

/// Kazakh female given names.
pub(crate) fn kz_female() -> &'static [&'static str] {
    names("kz_female")
}

/// Kazakh surname roots besides the given names (grandfathers' names, clan names).
pub(crate) fn kz_roots() -> &'static [&'static str] {
    names("kz_roots")
}

/// Russian male given names.
pub(crate) fn ru_male() -> &'static [&'static str] {
    names("ru_male")
}

/// Russian female given names.
pub(crate) fn ru_female() -> &'static [&'static str] {
    names("ru_female")
}

/// Russian surnames (masculine).
pub(crate) fn ru_surnames() -> &'static [&'static str] {
    names("ru_surnames")
}

/// Ukrainian male given names (as Russian documents wrote them).
pub(crate) fn ua_male() -> &'static [&'static str] {
    names("ua_male")
}

/// Ukrainian female given names.
pub(crate) fn ua_female() -> &'static [&'static str] {
    names("ua_female")
}

/// Ukrainian surnames.
pub(crate) fn ua_surnames() -> &'static [&'static str] {
    names("ua_surnames")
}

/// Volga German male given names: Russian documents' spelling, German spelling.
pub(crate) fn de_male() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_male")
}

/// Volga German female given names.
pub(crate) fn de_female() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_female")
}

/// Volga German and Mennonite surnames.
pub(crate) fn de_surnames() -> &'static [(&'static str, &'static str)] {
    name_pairs("de_surnames")
}

/// Korean surnames as Soviet documents wrote them.
pub(crate) fn ko_surnames() -> &'static [&'static str] {
    names("ko_surnames")
}

/// Korean given names (Korean ones hyphenated, as lists write them).
pub(crate) fn ko_male_korean() -> &'static [&'static str] {
    names("ko_male_korean")
}

/// Korean female given names.
pub(crate) fn ko_female_korean() -> &'static [&'static str] {
    names("ko_female_korean")
}

/// Tatar male given names.
pub(crate) fn tt_male() -> &'static [&'static str] {
    names("tt_male")
}

/// Tatar female given names.
pub(crate) fn tt_female() -> &'static [&'static str] {
    names("tt_female")
}

/// Tatar surnames.
pub(crate) fn tt_surnames() -> &'static [&'static str] {
    names("tt_surnames")
}

/// Polish male given names (Russian documents' spelling).
pub(crate) fn pl_male() -> &'static [&'static str] {
    names("pl_male")
}

/// Polish female given names.
pub(crate) fn pl_female() -> &'static [&'static str] {
    names("pl_female")
}

/// Polish surnames.
pub(crate) fn pl_surnames() -> &'static [&'static str] {
    names("pl_surnames")
}

/// Chechen male given names.
pub(crate) fn ce_male() -> &'static [&'static str] {
    names("ce_male")
}

/// Chechen and Ingush female given names.
pub(crate) fn ce_female() -> &'static [&'static str] {
    names("ce_female")
}

/// Chechen surnames.
pub(crate) fn ce_surnames() -> &'static [&'static str] {
    names("ce_surnames")
}

/// Ingush surnames.
pub(crate) fn in_surnames() -> &'static [&'static str] {
    names("in_surnames")
}

/// Ingush male given names.
pub(crate) fn in_male() -> &'static [&'static str] {
    names("in_male")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_are_large_and_have_kazakh_letters() {
        let total = kz_male().len()
            + kz_female().len()
            + kz_roots().len()
            + ru_male().len()
            + ru_female().len()
            + ru_surnames().len()
            + ua_male().len()
            + ua_female().len()
            + ua_surnames().len()
            + de_male().len()
            + de_female().len()
            + de_surnames().len()
            + ko_surnames().len()
            + ko_male_korean().len()
            + ko_female_korean().len()
            + tt_male().len()
            + tt_female().len()
            + tt_surnames().len()
            + pl_male().len()
            + pl_female().len()
            + pl_surnames().len()
            + ce_male().len()
            + ce_female().len()
            + ce_surnames().len()
            + in_surnames().len()
            + in_male().len();
        assert!(total > 700, "{total}");
        let all: String = kz_male()
            .iter()
            .chain(kz_female())
            .chain(kz_roots())
            .copied()
            .collect();
        for c in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] {
            assert!(all.contains(c), "no {c}");
        }
        assert_eq!(OBLASTS.len(), OBLAST_WEIGHTS[0].len());
    }

    /// Every name table of `data/names.tsv` is read (a renamed table would be an empty pool).
    #[test]
    fn every_name_table_is_read() {
        let sizes = [
            ("kz_male", kz_male().len()),
            ("kz_female", kz_female().len()),
            ("kz_roots", kz_roots().len()),
            ("ru_male", ru_male().len()),
            ("ru_female", ru_female().len()),
            ("ru_surnames", ru_surnames().len()),
            ("ua_male", ua_male().len()),
            ("ua_female", ua_female().len()),
            ("ua_surnames", ua_surnames().len()),
            ("de_male", de_male().len()),
            ("de_female", de_female().len()),
            ("de_surnames", de_surnames().len()),
            ("ko_surnames", ko_surnames().len()),
            ("ko_male_korean", ko_male_korean().len()),
            ("ko_female_korean", ko_female_korean().len()),
            ("tt_male", tt_male().len()),
            ("tt_female", tt_female().len()),
            ("tt_surnames", tt_surnames().len()),
            ("pl_male", pl_male().len()),
            ("pl_female", pl_female().len()),
            ("pl_surnames", pl_surnames().len()),
            ("ce_male", ce_male().len()),
            ("ce_female", ce_female().len()),
            ("ce_surnames", ce_surnames().len()),
            ("in_surnames", in_surnames().len()),
            ("in_male", in_male().len()),
        ];
        for (table, size) in sizes {
            assert!(size >= 5, "{table}: {size} names");
        }
    }
}
