//! Per-field comparison of two records into discrete agreement levels (the comparison vector of
//! Fellegi–Sunter), on a compact interned copy of the records (`Prepared`, built in
//! `prepare`).

use serde::Serialize;

use super::util::{Interner, NONE, Sym, jaro_winkler_from};

mod crossed;
mod fingerprint;
mod memo;
mod prepare;
mod shape;

pub(crate) use crossed::crossed_levels_fast;
pub(crate) use fingerprint::fingerprints;
pub(crate) use prepare::{
    CompactCase, CompactRecord, Frequencies, InternedName, Known, Part, Prepared, Span,
    month_bucket,
};

/// The fields compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Family name (folded, stem, phonetic key).
    Surname,
    /// Given name (initials compatible with full names).
    Given,
    /// Patronymic (Russian and Kazakh forms share a stem).
    Patronymic,
    /// Birth date (year distance).
    Birth,
    /// Birth place.
    BirthPlace,
    /// Sex.
    Sex,
    /// Nationality.
    Nationality,
    /// Arrest date.
    Arrest,
    /// Sentence date.
    SentenceDate,
    /// Execution or death date.
    Death,
    /// Sentence kind and term.
    Sentence,
}

/// The number of fields.
pub const FIELDS: usize = 11;

impl Field {
    /// Every field, in comparison-vector order.
    pub const ALL: [Field; FIELDS] = [
        Field::Surname,
        Field::Given,
        Field::Patronymic,
        Field::Birth,
        Field::BirthPlace,
        Field::Sex,
        Field::Nationality,
        Field::Arrest,
        Field::SentenceDate,
        Field::Death,
        Field::Sentence,
    ];

    /// The `snake_case` name (`birth_place`).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Surname => "surname",
            Field::Given => "given_name",
            Field::Patronymic => "patronymic",
            Field::Birth => "birth",
            Field::BirthPlace => "birth_place",
            Field::Sex => "sex",
            Field::Nationality => "nationality",
            Field::Arrest => "arrest_date",
            Field::SentenceDate => "sentence_date",
            Field::Death => "death_date",
            Field::Sentence => "sentence",
        }
    }

    /// The labels of the agreement levels, from disagreement (0) to the strongest agreement.
    pub fn levels(self) -> &'static [&'static str] {
        match self {
            Field::Surname => &[
                "different",
                "loosely similar",
                "weakly similar",
                "similar",
                "same stem",
                "same",
            ],
            Field::Given | Field::Patronymic => &[
                "different",
                "loosely similar",
                "initial agrees",
                "weakly similar",
                "similar",
                "same",
            ],
            Field::Birth => &[
                "years apart",
                "2-3 years apart",
                "1 year apart",
                "same year",
                "same day",
            ],
            Field::BirthPlace => &["different", "overlapping", "similar", "same"],
            Field::Sex | Field::Nationality => &["different", "same"],
            Field::Arrest | Field::SentenceDate | Field::Death => {
                &["different", "within a year", "within a month", "same day"]
            }
            Field::Sentence => &["different", "related kind", "same kind", "same"],
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// "Not comparable" (a value is missing on one side).
pub(crate) const NOT_COMPARABLE: u8 = 15;

/// Agreement levels of one pair, one per field ([`NOT_COMPARABLE`] when not comparable).
pub(crate) type Levels = [u8; FIELDS];

/// Packs levels into a u64 (4 bits each) for counting patterns.
pub(crate) fn pack(levels: &Levels) -> u64 {
    levels
        .iter()
        .enumerate()
        .fold(0u64, |acc, (i, l)| acc | (u64::from(*l & 15) << (4 * i)))
}

/// Unpacks [`pack`].
pub(crate) fn unpack(p: u64) -> Levels {
    let mut l = [NOT_COMPARABLE; FIELDS];
    for (i, x) in l.iter_mut().enumerate() {
        *x = ((p >> (4 * i)) & 15) as u8;
    }
    l
}

/// Kinds of sentence that lists write for the same punishment (`выселение`, `спецпоселение`,
/// `ссылка`; `ИТЛ`, `тюрьма`): the index of their family.
fn sentence_family(kind_plus_one: u8) -> u8 {
    match kind_plus_one.wrapping_sub(1) {
        0 => 0,         // execution
        1 | 2 | 6 => 1, // camp, prison, forced labour
        3..=5 => 2,     // exile, banishment, deportation
        7 | 8 => 3,     // acquittal, released
        _ => 4,
    }
}

fn initials_ok(a: &Part, b: &Part) -> bool {
    let c = |x: u8| (x != 0).then_some(x as char);
    crate::normalize::initials_compatible(c(a.initial), c(b.initial))
}

fn phon_overlap(a: &Part, b: &Part) -> bool {
    a.phon.iter().any(|x| *x != NONE && b.phon.contains(x))
}

/// Jaro–Winkler similarity of two names' folded (Latin comparison alphabet) forms at or above
/// which they are "loosely similar": a name mistyped in two places or cut short (`kieran` ~
/// `kiara`), as Splink's lowest name level. Random pairs of names reach it often, so the level
/// weighs little; it keeps such a pair from counting as a plain disagreement.
pub(crate) const LOOSE_JW: f64 = 0.7;

/// Name levels (surname): same text, same stem, similar, weakly similar, loosely similar.
pub(crate) const SURNAME_SAME: u8 = 5;
/// See [`SURNAME_SAME`].
pub(crate) const SURNAME_STEM: u8 = 4;
/// Name levels (given name, patronymic): the same name.
pub(crate) const GIVEN_SAME: u8 = 5;
/// See [`GIVEN_SAME`]: similar (a slip of one or two letters, or the same sounds).
pub(crate) const GIVEN_SIMILAR: u8 = 4;
/// See [`GIVEN_SAME`]: the initials agree (one side is an initial).
pub(crate) const GIVEN_INITIAL: u8 = 2;
/// Any name field: loosely similar ([`LOOSE_JW`]).
pub(crate) const LOOSE: u8 = 1;

/// Whether two parts' Latin forms ([`Part::latin`]; never unless both are written in Latin
/// letters) are at least loosely similar ([`LOOSE_JW`]).
fn latin_loose(latin: &Interner, a: &Part, b: &Part) -> bool {
    a.latin != NONE
        && b.latin != NONE
        && jaro_winkler_from(latin.get(a.latin), latin.get(b.latin), LOOSE_JW) >= LOOSE_JW
}

/// The similarity of names from which it is needed exactly: every level is decided by
/// similarities of at least [`LOOSE_JW`], so only [`compare`]'s similarities (shown by
/// `explain`) need those below it; [`compare_levels`] passes [`LOOSE_JW`] (the similarity is
/// then 0 below it).
pub(crate) type Floor = f64;

/// The agreement level of two surnames, and their similarity in [0, 1] (exact from `floor`
/// up, see [`Floor`]).
pub(crate) fn surname_level(
    st: &Interner,
    st_latin: &Interner,
    a: &Part,
    b: &Part,
    floor: Floor,
) -> (u8, f64) {
    if a.folded == b.folded {
        return (SURNAME_SAME, 1.0);
    }
    if a.is_initial || b.is_initial {
        return if initials_ok(a, b) {
            (2, 0.5)
        } else {
            (0, 0.0)
        };
    }
    if a.stem == b.stem {
        return (SURNAME_STEM, 1.0);
    }
    let jw = jaro_winkler_from(st.get(a.stem), st.get(b.stem), floor);
    let phon = phon_overlap(a, b);
    let level = if (phon && jw >= 0.80) || jw >= 0.92 {
        3
    } else if phon || jw >= 0.85 {
        2
    } else if jw >= LOOSE_JW
        || jaro_winkler_from(st.get(a.folded), st.get(b.folded), LOOSE_JW) >= LOOSE_JW
        || latin_loose(st_latin, a, b)
    {
        LOOSE
    } else {
        0
    };
    (level, jw)
}

/// The agreement level of two given names or patronymics (`stems`: compare stems, for
/// patronymics), and their similarity (exact from `floor` up, see [`Floor`]).
pub(crate) fn given_level(
    st: &Interner,
    st_latin: &Interner,
    a: &Part,
    b: &Part,
    stems: bool,
    floor: Floor,
) -> (u8, f64) {
    if a.folded == b.folded || (stems && a.stem == b.stem && !a.is_initial && !b.is_initial) {
        return (GIVEN_SAME, 1.0);
    }
    if a.is_initial || b.is_initial {
        return if initials_ok(a, b) {
            (GIVEN_INITIAL, 0.5)
        } else {
            (0, 0.0)
        };
    }
    let (x, y) = if stems {
        (st.get(a.stem), st.get(b.stem))
    } else {
        (st.get(a.folded), st.get(b.folded))
    };
    let jw = jaro_winkler_from(x, y, floor);
    let phon = phon_overlap(a, b);
    let level = if (phon && jw >= 0.75) || jw >= 0.90 {
        GIVEN_SIMILAR
    } else if phon || jw >= 0.8 {
        3
    } else if jw >= LOOSE_JW || latin_loose(st_latin, a, b) {
        LOOSE
    } else {
        0
    };
    (level, jw)
}

/// Whether two parts are surely not even loosely similar in place, told from their keys and
/// [`Shape`](shape::Shape)s alone: different folded texts, neither an initial, no sound in
/// common, no Latin forms on both sides, and the texts whose similarity decides the level
/// (`texts`: which of the folded forms and stems) surely below [`LOOSE_JW`]. (The callers rule
/// out a shared stem where the stem decides.)
fn surely_different(a: &Part, b: &Part, texts: [bool; 2]) -> bool {
    let below = |on: bool, x: shape::Shape, y: shape::Shape| !on || x.jw_below(y, LOOSE_JW);
    a.folded != b.folded
        && !a.is_initial
        && !b.is_initial
        && (a.latin == NONE || b.latin == NONE)
        && below(texts[1], a.stem_shape(), b.stem_shape())
        && below(texts[0], a.folded_shape(), b.folded_shape())
        && !phon_overlap(a, b)
}

/// [`surname_level`]'s level as a run compares (from [`LOOSE_JW`]): clearly different surnames
/// told without reading their texts ([`surely_different`]). (Not memoized: at a million records
/// a lookup in a table of all the pairs met waits on memory about as long as the comparison
/// takes.)
pub(crate) fn surname_level_fast(p: &Prepared, a: &Part, b: &Part) -> u8 {
    if a.stem != b.stem && surely_different(a, b, [true, true]) {
        return 0;
    }
    surname_level(&p.strings, &p.latin, a, b, LOOSE_JW).0
}

/// [`given_level`]'s level as a run compares (from [`LOOSE_JW`]; clearly different names told
/// without their texts and not memoized, as [`surname_level_fast`]).
pub(crate) fn given_level_fast(p: &Prepared, a: &Part, b: &Part, stems: bool) -> u8 {
    if !(stems && a.stem == b.stem) && surely_different(a, b, [!stems, stems]) {
        return 0;
    }
    given_level(&p.strings, &p.latin, a, b, stems, LOOSE_JW).0
}

/// [`name_levels`]' levels as a run compares (from [`LOOSE_JW`]), the names read crossed looked
/// up in the list's memo where they were compared before.
fn name_levels_fast(p: &Prepared, a: &InternedName, b: &InternedName) -> [u8; 3] {
    let mut lv = [NOT_COMPARABLE; 3];
    if let (Some(x), Some(y)) = (&a.parts[0], &b.parts[0]) {
        lv[0] = surname_level_fast(p, x, y);
    }
    for (k, l) in lv.iter_mut().enumerate().skip(1) {
        if let (Some(x), Some(y)) = (&a.parts[k], &b.parts[k]) {
            *l = given_level_fast(p, x, y, k == 2);
        }
    }
    if lv[0] <= LOOSE
        && lv[1] <= LOOSE
        && let Some((surname, given)) = crossed_levels_fast(p, a, b)
    {
        lv[0] = surname;
        lv[1] = given;
    }
    lv
}

/// Name levels of one pair of names: surname, given, patronymic (similarities exact from
/// `floor` up, see [`Floor`]).
pub(crate) fn name_levels(
    st: &Interner,
    latin: &Interner,
    a: &InternedName,
    b: &InternedName,
    floor: Floor,
) -> ([u8; 3], [f64; 3]) {
    let mut lv = [NOT_COMPARABLE; 3];
    let mut sim = [0.0; 3];
    if let (Some(x), Some(y)) = (&a.parts[0], &b.parts[0]) {
        (lv[0], sim[0]) = surname_level(st, latin, x, y, floor);
    }
    for k in 1..3 {
        if let (Some(x), Some(y)) = (&a.parts[k], &b.parts[k]) {
            (lv[k], sim[k]) = given_level(st, latin, x, y, k == 2, floor);
        }
    }
    // Names written in the other field (swapped, or one moved across): `crossed.rs`.
    if lv[0] <= LOOSE && lv[1] <= LOOSE {
        crossed::crossed(st, a, b, &mut lv, &mut sim);
    }
    (lv, sim)
}

fn name_rank(lv: [u8; 3]) -> u32 {
    let v = |l: u8, max: u32| {
        if l == NOT_COMPARABLE {
            // Unknown: between disagreement and weak agreement.
            max
        } else {
            u32::from(l) * 2
        }
    };
    v(lv[0], 1) * 6 + v(lv[1], 1) * 4 + v(lv[2], 1) * 3
}

/// The best-agreeing pair of names of two records: (index in a's names, index in b's names,
/// levels, similarities exact from `floor` up, see [`Floor`]).
pub(crate) fn best_names(
    p: &Prepared,
    i: usize,
    j: usize,
    floor: Floor,
) -> (usize, usize, [u8; 3], [f64; 3]) {
    best_by(p, i, j, |a, b| {
        name_levels(&p.strings, &p.latin, a, b, floor)
    })
}

/// The best-agreeing pair of names of records `i` and `j` as [`best_names`], the levels and
/// similarities of two names told by `levels`.
fn best_by(
    p: &Prepared,
    i: usize,
    j: usize,
    levels: impl Fn(&InternedName, &InternedName) -> ([u8; 3], [f64; 3]),
) -> (usize, usize, [u8; 3], [f64; 3]) {
    let (na, nb) = (p.names_of(i), p.names_of(j));
    let mut best = (0, 0, [NOT_COMPARABLE; 3], [0.0; 3]);
    let mut best_rank = None;
    for (x, a) in na.iter().enumerate().take(12) {
        for (y, b) in nb.iter().enumerate().take(12) {
            let (lv, sim) = levels(a, b);
            let rank = name_rank(lv);
            if best_rank.is_none_or(|r| rank > r) {
                best_rank = Some(rank);
                best = (x, y, lv, sim);
            }
            if lv[0] == SURNAME_SAME && lv[1] == GIVEN_SAME && lv[2] != 0 {
                return best;
            }
        }
    }
    best
}

fn date_level(a: Span, b: Span) -> u8 {
    if !a.is_some() || !b.is_some() {
        return NOT_COMPARABLE;
    }
    let width = a.width().max(b.width());
    if width > 2 * 366 {
        return NOT_COMPARABLE;
    }
    let gap = a.gap(b);
    if width == 0 && gap == 0 {
        3
    } else if gap <= 31 && width <= 31 {
        2
    } else {
        u8::from(gap <= 366)
    }
}

fn sentence_level(a: &CompactCase, b: &CompactCase) -> u8 {
    if a.sentence_kind == 0 || b.sentence_kind == 0 {
        NOT_COMPARABLE
    } else if a.sentence_kind != b.sentence_kind {
        u8::from(sentence_family(a.sentence_kind) == sentence_family(b.sentence_kind))
    } else if a.term != 0 && b.term != 0 && a.term != b.term {
        2
    } else {
        3
    }
}

fn birth_level(a: &CompactRecord, b: &CompactRecord) -> u8 {
    if !a.birth.is_some() || !b.birth.is_some() || a.birth_year == 0 || b.birth_year == 0 {
        return NOT_COMPARABLE;
    }
    if a.birth.width() == 0 && a.birth == b.birth {
        return 4;
    }
    let dy = (i32::from(a.birth_year) - i32::from(b.birth_year)).abs();
    if a.birth.gap(b.birth) == 0 || dy == 0 {
        3
    } else if dy <= 1 {
        2
    } else {
        u8::from(dy <= 3)
    }
}

/// Two words of a place that are the same word, one slip apart: equal, or both of at least
/// [`PLACE_FUZZY_LEN`] letters and Jaro–Winkler at least [`PLACE_WORD_JW`] (`parramatta` ~
/// `parramatat`; numbers and short words must be equal).
const PLACE_FUZZY_LEN: usize = 4;

/// See [`PLACE_FUZZY_LEN`].
const PLACE_WORD_JW: f64 = 0.88;

/// The share of words two places have in common, as (words matched, Dice coefficient, share of
/// the shorter place matched). Each word of `a` is matched to at most one word of `b`.
pub(crate) fn place_overlap(st: &Interner, a: &[Sym], b: &[Sym]) -> (usize, f64, f64) {
    if a.is_empty() || b.is_empty() {
        return (0, 0.0, 0.0);
    }
    let mut used = 0u32;
    let mut matched = 0usize;
    for u in a {
        let su = st.get(*u);
        let mut hit = b
            .iter()
            .position(|v| v == u)
            .filter(|k| used & (1 << k) == 0);
        if hit.is_none() && su.len() >= PLACE_FUZZY_LEN {
            let mut best = PLACE_WORD_JW;
            for (k, v) in b.iter().enumerate() {
                let sv = st.get(*v);
                if used & (1 << k) != 0 || sv.len() < PLACE_FUZZY_LEN {
                    continue;
                }
                let jw = jaro_winkler_from(su, sv, PLACE_WORD_JW);
                if jw >= best {
                    best = jw;
                    hit = Some(k);
                }
            }
        }
        if let Some(k) = hit {
            used |= 1 << k;
            matched += 1;
        }
    }
    let dice = 2.0 * matched as f64 / (a.len() + b.len()) as f64;
    let shorter = matched as f64 / a.len().min(b.len()) as f64;
    (matched, dice, shorter)
}

/// Levels of two places: 3 the same text, 2 similar (at least two words in common, allowing a
/// slip in each, covering most of the words of both: an address or a village with its district
/// written with typos or a part left out), 1 overlapping (an informative word in common, or the
/// same name in another grammatical form), 0 different.
pub(crate) fn place_level(p: &Prepared, a: &CompactRecord, b: &CompactRecord) -> u8 {
    if a.birth_place == NONE || b.birth_place == NONE {
        return NOT_COMPARABLE;
    }
    if a.birth_place == b.birth_place {
        return 3;
    }
    let (matched, dice, shorter) = place_overlap(
        &p.strings,
        &p.place_words[a.place_ix as usize],
        &p.place_words[b.place_ix as usize],
    );
    if matched >= 2 && dice >= 0.6 && shorter >= 0.75 {
        return 2;
    }
    let (x, y) = (
        &p.places[a.place_ix as usize],
        &p.places[b.place_ix as usize],
    );
    for u in x {
        for v in y {
            if u == v {
                return 1;
            }
            // The same name in another grammatical form (`Karkaraly` ~ `Karkaralinskii`).
            let (su, sv) = (p.strings.get(*u).as_bytes(), p.strings.get(*v).as_bytes());
            if su.len() >= 5
                && sv.len() >= 5
                && su.iter().zip(sv).take_while(|(c, d)| c == d).count() >= 5
            {
                return 1;
            }
        }
    }
    0
}

/// [`place_level`], looked up in the list's memo where the two places were compared before.
pub(crate) fn place_level_fast(p: &Prepared, a: &CompactRecord, b: &CompactRecord) -> u8 {
    if a.birth_place == NONE || b.birth_place == NONE {
        return NOT_COMPARABLE;
    }
    if a.birth_place == b.birth_place {
        return 3;
    }
    p.memo
        .place
        .level(a.place_ix, b.place_ix, || place_level(p, a, b))
}

/// Whether a pair is compared the other way round: in the order of the records' content
/// fingerprints, so that `compare(i, j)` and `compare(j, i)` are mirror images to the last bit
/// (floating-point sums depend on their order) whatever the positions and ids of the records.
pub(crate) fn swapped(p: &Prepared, i: usize, j: usize) -> bool {
    p.recs[j].fingerprint < p.recs[i].fingerprint
}

/// The comparison vector of records `i` and `j`, which of their names were compared, and the
/// names' similarities (exact: what `explain` shows).
pub(crate) fn compare(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize), [f64; 3]) {
    if swapped(p, i, j) {
        let (l, (x, y), s) = compare_oriented(p, j, i);
        return (l, (y, x), s);
    }
    compare_oriented(p, i, j)
}

/// The comparison vector of records `i` and `j` and which of their names were compared: the same
/// as [`compare`]'s, without the names' similarities, which decide no level below
/// [`LOOSE_JW`] and which cost most of a comparison: the levels of two names or places compared
/// before are looked up in the list's memo (most pairs of a run meet names and places that
/// other pairs met already).
pub(crate) fn compare_levels(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize)) {
    if swapped(p, i, j) {
        let (l, (x, y)) = levels_oriented(p, j, i);
        return (l, (y, x));
    }
    levels_oriented(p, i, j)
}

fn compare_oriented(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize), [f64; 3]) {
    let (x, y, nl, sims) = best_names(p, i, j, 0.0);
    let mut l = [NOT_COMPARABLE; FIELDS];
    l[..3].copy_from_slice(&nl);
    l[Field::BirthPlace.index()] = place_level(p, &p.recs[i], &p.recs[j]);
    record_levels(p, i, j, &mut l);
    (l, (x, y), sims)
}

fn levels_oriented(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize)) {
    let (x, y, nl, _) = best_by(p, i, j, |a, b| (name_levels_fast(p, a, b), [0.0; 3]));
    let mut l = [NOT_COMPARABLE; FIELDS];
    l[..3].copy_from_slice(&nl);
    l[Field::BirthPlace.index()] = place_level_fast(p, &p.recs[i], &p.recs[j]);
    record_levels(p, i, j, &mut l);
    (l, (x, y))
}

/// The levels of the fields that are neither names nor the birth place (the cheap ones): birth,
/// sex, nationality, the cases' dates and sentence, death.
pub(crate) fn record_levels(p: &Prepared, i: usize, j: usize, l: &mut Levels) {
    let (a, b) = (&p.recs[i], &p.recs[j]);
    l[Field::Birth.index()] = birth_level(a, b);
    l[Field::Sex.index()] = if a.sex == 0 || b.sex == 0 {
        NOT_COMPARABLE
    } else {
        u8::from(a.sex == b.sex)
    };
    l[Field::Nationality.index()] = if a.nationality == NONE || b.nationality == NONE {
        NOT_COMPARABLE
    } else {
        u8::from(a.nationality == b.nationality)
    };
    let (ca, cb) = (p.cases_of(i), p.cases_of(j));
    // Cases are compared as sets: the best-agreeing pair, field by field (one pass over the
    // pairs of cases for every field).
    let up = |best: &mut u8, l: u8| {
        if l != NOT_COMPARABLE && (*best == NOT_COMPARABLE || l > *best) {
            *best = l;
        }
    };
    let (mut arrest, mut sentence_date, mut sentence) =
        (NOT_COMPARABLE, NOT_COMPARABLE, NOT_COMPARABLE);
    // Death: the death date or any execution date.
    let mut death = date_level(a.death, b.death);
    for x in ca {
        up(&mut death, date_level(x.execution, b.death));
        for y in cb {
            up(&mut arrest, date_level(x.arrest, y.arrest));
            up(
                &mut sentence_date,
                date_level(x.sentence_date, y.sentence_date),
            );
            up(&mut sentence, sentence_level(x, y));
            up(&mut death, date_level(x.execution, y.execution));
        }
    }
    for y in cb {
        up(&mut death, date_level(a.death, y.execution));
    }
    l[Field::Arrest.index()] = arrest;
    l[Field::SentenceDate.index()] = sentence_date;
    l[Field::Sentence.index()] = sentence;
    l[Field::Death.index()] = death;
}

/// The comparison of record pairs on its own, for the micro-benchmark of the comparison
/// (`benches/hot.rs`); not an API.
#[doc(hidden)]
pub struct PairBench(Prepared);

impl PairBench {
    /// Prepares `records` as a run does (one thread).
    pub fn new(records: &[super::DedupRecord]) -> PairBench {
        PairBench(Prepared::build(records, 1))
    }

    /// The comparison vector of records `i` and `j` (packed), as a run computes it.
    pub fn compare(&self, i: usize, j: usize) -> u64 {
        pack(&compare_levels(&self.0, i, j).0)
    }

    /// The same with the names' exact similarities (what `explain` shows).
    pub fn compare_exact(&self, i: usize, j: usize) -> u64 {
        pack(&compare(&self.0, i, j).0)
    }
}

/// The span of record `i` on which a date field agrees with record `j` at `level` (for the
/// frequency of the agreeing date).
pub(crate) fn agreeing_span(
    p: &Prepared,
    i: usize,
    j: usize,
    field: Field,
    level: u8,
) -> Option<Span> {
    let (a, b) = (&p.recs[i], &p.recs[j]);
    let (ca, cb) = (p.cases_of(i), p.cases_of(j));
    let pick = |c: &CompactCase| match field {
        Field::Arrest => c.arrest,
        Field::SentenceDate => c.sentence_date,
        _ => c.execution,
    };
    // The cases' dates, then (death) the death date; the first agreeing pair in that order.
    let extra = |r: &CompactRecord| (field == Field::Death).then_some(r.death);
    let ys = || cb.iter().map(pick).chain(extra(b));
    ca.iter()
        .map(pick)
        .chain(extra(a))
        .find(|&x| ys().any(|y| date_level(x, y) == level))
}

/// Hard evidence that two records are different people, whatever else agrees: a different sex,
/// birth years far apart, clearly different given names or patronymics.
/// The field a [`conflict`] is about.
pub(crate) fn conflict_field(reason: &str) -> Field {
    if reason.contains("sex") {
        Field::Sex
    } else if reason.contains("birth") {
        Field::Birth
    } else if reason.contains("patronymic") {
        Field::Patronymic
    } else {
        Field::Given
    }
}

pub(crate) fn conflict(p: &Prepared, i: usize, j: usize, levels: &Levels) -> Option<&'static str> {
    let (a, b) = (&p.recs[i], &p.recs[j]);
    if levels[Field::Sex.index()] == 0 {
        return Some("different sex");
    }
    if a.birth_year != 0
        && b.birth_year != 0
        && a.birth.width() <= 366
        && b.birth.width() <= 366
        && (i32::from(a.birth_year) - i32::from(b.birth_year)).abs() > 5
    {
        return Some("birth years more than 5 years apart");
    }
    // Names: different, and not even a near miss (a one-letter slip is not a conflict).
    if levels[Field::Given.index()] <= LOOSE || levels[Field::Patronymic.index()] <= LOOSE {
        // (Similarities below LOOSE_JW read as 0: still below 0.75, the same verdict.)
        let (_, _, lv, sim) = best_names(p, i, j, LOOSE_JW);
        if lv[1] <= LOOSE && sim[1] < 0.75 {
            return Some("different given names");
        }
        if lv[2] <= LOOSE && sim[2] < 0.75 {
            return Some("different patronymics");
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests;
