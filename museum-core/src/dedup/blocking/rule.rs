//! The blocking rules: what each rule keys on and which records it pairs (the table in
//! [`super`]'s documentation).

use serde::Serialize;

/// A blocking rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Surname phonetic code + the first two sound classes of the given name.
    SurnameGiven,
    /// Surname phonetic code + first sound of the given name (pairs with an initial only).
    SurnameInitial,
    /// Surname phonetic code + birth year.
    SurnameYear,
    /// Given + patronymic phonetic codes.
    GivenPatronymic,
    /// Given phonetic code + the first two sound classes of the surname.
    GivenSurname,
    /// The first three sound classes of surname and given name, order-free.
    NameSet,
    /// The day of birth (only dates known to the day).
    BirthDate,
    /// An informative word of the birth place (one of the two rarest) + birth year.
    PlaceYear,
    /// The day of an arrest (only dates known to the day).
    ArrestDate,
    /// The day of death or execution (only dates known to the day).
    DeathDate,
    /// The surname phonetic code alone; pairs only where a record has no given name.
    Surname,
    /// The given name's phonetic code alone (large blocks sorted by surname and by birth year).
    Given,
    /// An informative word of the birth place (one of the two rarest) + surname phonetic code.
    PlaceSurname,
    /// An informative word of the birth place (one of the two rarest) + given name phonetic code.
    PlaceGiven,
    /// Two of the three rarest informative words of the birth place together (an address).
    PlaceWords,
}

impl Rule {
    /// Every rule, in order (at most 16: the rule lives in a key's top four bits).
    pub const ALL: [Rule; 15] = [
        Rule::SurnameGiven,
        Rule::SurnameInitial,
        Rule::SurnameYear,
        Rule::GivenPatronymic,
        Rule::GivenSurname,
        Rule::NameSet,
        Rule::BirthDate,
        Rule::PlaceYear,
        Rule::ArrestDate,
        Rule::DeathDate,
        Rule::Surname,
        Rule::Given,
        Rule::PlaceSurname,
        Rule::PlaceGiven,
        Rule::PlaceWords,
    ];

    /// Whether the rule is in use by default: all but `given` (whose blocks of common given
    /// names cost many pairs for few found: on lists with typos in surnames, add it with
    /// `--rules`) and `death-date` (the day of a mass execution is shared by hundreds of
    /// unrelated people: on the synthetic archive it cost pairwise precision 0.984 → 0.969 and
    /// found no true pair more, on the multi-source lists +0.005 blocking recall; add it with
    /// `--rules` on lists where death dates are rare and exact).
    pub fn on_by_default(self) -> bool {
        !matches!(self, Rule::Given | Rule::DeathDate)
    }

    /// The rules in use by default ([`Rule::on_by_default`]), in the order of [`Rule::ALL`].
    pub fn defaults() -> Vec<Rule> {
        Rule::ALL
            .into_iter()
            .filter(|r| r.on_by_default())
            .collect()
    }

    /// Parses a short name (`surname+initial`).
    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// A short name (`surname+initial`).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::SurnameGiven => "surname+given",
            Rule::SurnameInitial => "surname+initial",
            Rule::SurnameYear => "surname+year",
            Rule::GivenPatronymic => "given+patronymic",
            Rule::GivenSurname => "given+surname",
            Rule::NameSet => "name-set",
            Rule::BirthDate => "birth-date",
            Rule::PlaceYear => "place+year",
            Rule::ArrestDate => "arrest-date",
            Rule::DeathDate => "death-date",
            Rule::Surname => "surname",
            Rule::Given => "given",
            Rule::PlaceSurname => "place+surname",
            Rule::PlaceGiven => "place+given",
            Rule::PlaceWords => "place-words",
        }
    }

    pub(super) fn tag(self) -> u8 {
        self as u8
    }

    /// Whether a pair of records in a block of this rule is compared, given each record's flag
    /// for the key: `surname+initial` pairs only records where one given name is an initial or
    /// missing; `surname` only records where one has no given name; `name-set` only records
    /// whose names are in opposite orders.
    pub(super) fn pairs(self, a: bool, b: bool) -> bool {
        match self {
            Rule::SurnameInitial | Rule::Surname | Rule::PlaceSurname | Rule::PlaceGiven => a || b,
            Rule::NameSet => a != b,
            _ => true,
        }
    }

    /// Rules that pair only some records of a block (by their flags): their neighbourhoods
    /// look further.
    pub(super) fn probes(self) -> bool {
        matches!(
            self,
            Rule::SurnameInitial
                | Rule::NameSet
                | Rule::Surname
                | Rule::PlaceSurname
                | Rule::PlaceGiven
        )
    }

    /// How far (on each side, in each of its two orders) a member of a block above the cap
    /// looks for partners, with `--window` `window`. Rules that pair only flagged records look
    /// [`super::PROBE_WINDOW`] times further: few of their pairs qualify. `place+year` looks
    /// half as far (at least 1): its large blocks are the births of one year in one village,
    /// records with nothing else in common, and each record is in two of them (the two rarest
    /// words of its place) sorted twice, so it still has four neighbourhoods. At 250,000
    /// synthetic records the rule's large blocks cost a quarter of all pairs while dropping the
    /// rule altogether lowered blocking recall by 0.002 only (the other rules find most of its
    /// pairs); the same holds for any list where a place and a year are shared by many people,
    /// which is what makes a block large.
    pub(super) fn window(self, window: usize) -> usize {
        match self {
            _ if self.probes() => window * super::PROBE_WINDOW,
            Rule::PlaceYear => window.div_ceil(2),
            // A large block of two place words is a village, not a household: only its
            // sub-blocks (the same surname and given name) are compared.
            Rule::PlaceWords => 0,
            _ => window,
        }
    }

    /// The largest block of this rule compared in full, with `--max-block-size` `max_block`.
    /// `place-words` compares in full only blocks of a third of it (10 records by default): two
    /// rare words of one address are shared by a household and its duplicates, a handful of
    /// records; a block of more is a village (a village and its district), whose pairs with
    /// nothing but the place in common cost much and find nothing (the synthetic archive at
    /// 20,000 records: +16 % pairs at the full cap, no true pair more).
    pub(super) fn max_block(self, max_block: usize) -> usize {
        match self {
            Rule::PlaceWords => max_block.div_ceil(3).max(2),
            _ => max_block,
        }
    }

    pub(super) fn from_tag(t: u8) -> Rule {
        Rule::ALL[usize::from(t) % Rule::ALL.len()]
    }
}
