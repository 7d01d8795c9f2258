//! Per-field comparison of two records into discrete agreement levels (the comparison vector of
//! Fellegi–Sunter), on a compact interned copy of the records (`Prepared`).

use std::collections::HashMap;

use serde::Serialize;

use super::record::{DateSpan, DedupRecord};
use super::util::{Interner, NONE, Sym, jaro_winkler, par_chunks};
use crate::hash::FxHashMap;
use crate::model::{SentenceKind, SexValue};
use crate::normalize::{MAX_CODES, NameKeys, PartKeys, PartKind, fold, phonetic, surname_stem};

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

    /// The snake_case name (`birth_place`).
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
                "weakly similar",
                "similar",
                "same stem",
                "same",
            ],
            Field::Given | Field::Patronymic => &[
                "different",
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
            Field::BirthPlace => &["different", "overlapping", "same"],
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
pub(crate) const NULL: u8 = 15;

/// Agreement levels of one pair, one per field ([`NULL`] when not comparable).
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
    let mut l = [NULL; FIELDS];
    for (i, x) in l.iter_mut().enumerate() {
        *x = ((p >> (4 * i)) & 15) as u8;
    }
    l
}

/// One name part, interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    pub(crate) folded: Sym,
    pub(crate) stem: Sym,
    pub(crate) phon: [Sym; MAX_CODES],
    pub(crate) initial: u8,
    pub(crate) is_initial: bool,
}

/// One name (surname, given, patronymic), interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct CName {
    pub(crate) parts: [Option<Part>; 3],
    /// Two parts and no patronymic: the order may be either way.
    pub(crate) two_part: bool,
}

/// A date span in days; `lo > hi` means absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) lo: i32,
    pub(crate) hi: i32,
}

impl Span {
    const NONE: Span = Span {
        lo: i32::MAX,
        hi: i32::MIN,
    };

    fn of(d: Option<&DateSpan>) -> Span {
        d.map_or(Span::NONE, |d| Span {
            lo: d.earliest,
            hi: d.latest,
        })
    }

    pub(crate) fn is_some(self) -> bool {
        self.lo <= self.hi
    }

    pub(crate) fn width(self) -> i32 {
        self.hi - self.lo
    }

    fn gap(self, o: Span) -> i32 {
        (self.lo.max(o.lo) - self.hi.min(o.hi)).max(0)
    }
}

/// One record, compact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CRec {
    pub(crate) name_lo: u32,
    pub(crate) name_hi: u32,
    pub(crate) sex: u8,
    pub(crate) birth: Span,
    /// Middle year of the birth span (0 when absent).
    pub(crate) birth_year: i16,
    pub(crate) birth_place: Sym,
    /// Index into [`Prepared::places`] (`u32::MAX` when none).
    pub(crate) place_ix: u32,
    pub(crate) nationality: Sym,
    /// Cases: `cases[case_lo..case_hi]` of [`Prepared`].
    pub(crate) case_lo: u32,
    pub(crate) case_hi: u32,
    /// Death date (executions are in the cases).
    pub(crate) death: Span,
    /// A hash of what the record says (not its id nor where it is): pairs are compared in the
    /// order of their fingerprints, so that the result depends neither on the order of the
    /// input nor on the ids.
    pub(crate) fingerprint: u64,
}

/// The content fingerprint of a record: FNV-1a over the debug form of its compared fields.
fn fingerprint(r: &DedupRecord) -> u64 {
    let mut h = crate::hash::Fnv1a::default();
    let _ = std::fmt::Write::write_fmt(
        &mut h,
        format_args!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            r.names, r.sex, r.birth, r.birth_place, r.nationality, r.cases, r.death
        ),
    );
    h.value()
}

/// One repression case, compact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CCase {
    pub(crate) arrest: Span,
    pub(crate) sentence_date: Span,
    pub(crate) execution: Span,
    /// Sentence kind + 1 (0 = none).
    pub(crate) sentence_kind: u8,
    /// Term in tenths of a year (0 = none).
    pub(crate) term: u16,
}

/// Frequency tables for term-frequency adjustment (counts per interned value).
#[derive(Debug, Default)]
pub(crate) struct Frequencies {
    pub(crate) surname_stem: Vec<u32>,
    pub(crate) given: Vec<u32>,
    pub(crate) birth_place: Vec<u32>,
    /// Counts within a nationality: (nationality, value, 0 surname stem | 1 given) → records.
    pub(crate) by_nationality: FxHashMap<(Sym, Sym, u8), u32>,
    /// Records per nationality.
    pub(crate) nationality: FxHashMap<Sym, u32>,
    /// Records with a date on this day, per date field: (field, day) → records.
    pub(crate) day: FxHashMap<(u8, i32), u32>,
    /// Records with a date in this 30-day bucket, per date field.
    pub(crate) month: FxHashMap<(u8, i32), u32>,
    /// Per field and level with a term-frequency adjustment: the mean frequency of the value a
    /// random record has, Σ count² / records² (each record counted with its own value). A value
    /// this common is typical and gets no adjustment.
    pub(crate) typical: FxHashMap<(u8, u8), f64>,
}

/// The 30-day bucket of a day, for date frequencies.
pub(crate) fn month_bucket(day: i32) -> i32 {
    day.div_euclid(30)
}

/// Interned, compact records ready for comparison.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub(crate) strings: Interner,
    pub(crate) names: Vec<CName>,
    /// For each of `names`: the index of the record's name it reads (a name read both ways
    /// gives two).
    pub(crate) name_source: Vec<u32>,
    pub(crate) recs: Vec<CRec>,
    pub(crate) cases: Vec<CCase>,
    pub(crate) freq: Frequencies,
    /// The informative words of each distinct place (words in few records).
    pub(crate) places: Vec<Box<[Sym]>>,
}

/// Words that say what kind of place it is, not which (aul, volost, district…).
const PLACE_WORDS: &[&str] = &[
    "aul",
    "auil",
    "ulus",
    "volost",
    "uezd",
    "uiezd",
    "oblast",
    "obl",
    "raion",
    "rn",
    "r",
    "district",
    "region",
    "village",
    "selo",
    "s",
    "g",
    "gorod",
    "city",
    "town",
    "kishlak",
    "stanitsa",
    "pos",
    "poselok",
    "d",
    "derevnia",
    "gub",
    "guberniia",
    "okrug",
    "krai",
    "ssr",
    "kazssr",
    "asr",
    "kirasr",
    "no",
    "n",
    "audan",
    "audani",
    "kalasi",
    "kala",
    "avil",
    "aivl",
    "ob",
    "obl",
    "uezda",
    "volosti",
    "oblasti",
    "raiona",
    "aula",
    "sela",
];

/// The common key of a folded nationality: the one nationality vocabulary
/// ([`crate::normalize::nationality_key`]).
pub(crate) fn canonical_nationality(folded: &str) -> String {
    crate::normalize::key_of_folded(folded).unwrap_or_default()
}

/// Folds a place name and drops generic words and numbers.
pub(crate) fn fold_place(p: &str) -> String {
    let f = fold(p);
    f.split(' ')
        .filter(|w| w.len() > 1 && !PLACE_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Prepared {
    /// Interns the records (keys computed on `threads` threads).
    pub(crate) fn build(records: &[DedupRecord], threads: usize) -> Prepared {
        // Names, places and nationalities repeat a lot: each distinct text is keyed once.
        let kinds = [PartKind::Surname, PartKind::Given, PartKind::Patronymic];
        let mut part_ix: FxHashMap<(&str, u8), u32> = FxHashMap::default();
        let mut parts: Vec<(&str, PartKind)> = Vec::new();
        let mut name_parts: Vec<[u32; 3]> = Vec::new();
        let mut name_lo: Vec<u32> = Vec::with_capacity(records.len() + 1);
        for r in records {
            name_lo.push(name_parts.len() as u32);
            for n in &r.names {
                let mut ids = [u32::MAX; 3];
                for (k, text) in [&n.surname, &n.given, &n.patronymic].iter().enumerate() {
                    let Some(t) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
                        continue;
                    };
                    let next = parts.len() as u32;
                    let id = *part_ix.entry((t, k as u8)).or_insert(next);
                    if id == next {
                        parts.push((t, kinds[k]));
                    }
                    ids[k] = id;
                }
                name_parts.push(ids);
            }
        }
        name_lo.push(name_parts.len() as u32);
        let compute = |list: &[(&str, PartKind)]| -> Vec<Option<PartKeys>> {
            par_chunks(list.len(), threads, |range| {
                list[range]
                    .iter()
                    .map(|(t, k)| PartKeys::new(t, *k))
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect()
        };
        let mut keys = compute(&parts);
        // Names written the other way round need their parts keyed in the other roles. The
        // order is a guess (`Tebbutt Caitlin`: `caitlin` has a surname ending), so the name as
        // written stays too, as another reading of the record (after its names).
        let mut extra: Vec<(&str, PartKind)> = Vec::new();
        let mut as_written: Vec<Option<[u32; 3]>> = vec![None; name_parts.len()];
        for (ids, written) in name_parts.iter_mut().zip(&mut as_written) {
            let (s, g) = (ids[0], ids[1]);
            if s == u32::MAX || g == u32::MAX {
                continue;
            }
            let (Some(sk), Some(gk)) = (&keys[s as usize], &keys[g as usize]) else {
                continue;
            };
            if !NameKeys::reads_reversed(sk, gk) {
                continue;
            }
            *written = Some(*ids);
            let (st, gt) = (parts[s as usize].0, parts[g as usize].0);
            for (slot, text, kind) in [(0usize, gt, 0u8), (1, st, 1)] {
                let next = (parts.len() + extra.len()) as u32;
                let id = *part_ix.entry((text, kind)).or_insert(next);
                if id == next {
                    extra.push((text, kinds[usize::from(kind)]));
                }
                ids[slot] = id;
            }
        }
        keys.extend(compute(&extra));
        parts.extend(extra);
        let mut p = Prepared::default();
        let interned: Vec<Option<Part>> = keys
            .iter()
            .map(|k| k.as_ref().map(|k| intern_part(&mut p.strings, k)))
            .collect();
        // Places and nationalities.
        let mut place_ix: FxHashMap<&str, u32> = FxHashMap::default();
        let mut place_texts: Vec<&str> = Vec::new();
        let mut nat_ix: FxHashMap<&str, u32> = FxHashMap::default();
        let mut nat_texts: Vec<&str> = Vec::new();
        let rec_places: Vec<(u32, u32)> = records
            .iter()
            .map(|r| {
                fn distinct<'a>(
                    t: Option<&'a str>,
                    ix: &mut FxHashMap<&'a str, u32>,
                    texts: &mut Vec<&'a str>,
                ) -> u32 {
                    t.map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map_or(u32::MAX, |t| {
                            let next = texts.len() as u32;
                            let id = *ix.entry(t).or_insert(next);
                            if id == next {
                                texts.push(t);
                            }
                            id
                        })
                }
                (
                    distinct(r.birth_place.as_deref(), &mut place_ix, &mut place_texts),
                    distinct(r.nationality.as_deref(), &mut nat_ix, &mut nat_texts),
                )
            })
            .collect();
        let folded_places: Vec<String> = par_chunks(place_texts.len(), threads, |range| {
            place_texts[range]
                .iter()
                .map(|t| fold_place(t))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        let place_syms: Vec<Sym> = folded_places
            .iter()
            .map(|f| {
                if f.is_empty() {
                    NONE
                } else {
                    p.strings.intern(f)
                }
            })
            .collect();
        let nat_syms: Vec<Sym> = nat_texts
            .iter()
            .map(|t| {
                let f = canonical_nationality(&fold(t));
                if f.is_empty() {
                    NONE
                } else {
                    p.strings.intern(&f)
                }
            })
            .collect();
        p.recs.reserve(records.len());
        for (i, r) in records.iter().enumerate() {
            let lo = p.names.len() as u32;
            let range = name_lo[i] as usize..name_lo[i + 1] as usize;
            let readings = name_parts[range.clone()].iter().enumerate().chain(
                as_written[range]
                    .iter()
                    .enumerate()
                    .filter_map(|(k, w)| w.as_ref().map(|ids| (k, ids))),
            );
            for (source, ids) in readings {
                let part = |k: usize| {
                    let id = ids[k];
                    (id != u32::MAX).then(|| interned[id as usize]).flatten()
                };
                let name = CName {
                    parts: [part(0), part(1), part(2)],
                    two_part: false,
                };
                if name.parts.iter().all(Option::is_none) {
                    continue;
                }
                let two_part =
                    name.parts[0].is_some() && name.parts[1].is_some() && name.parts[2].is_none();
                p.names.push(CName { two_part, ..name });
                p.name_source.push(source as u32);
            }
            let hi = p.names.len() as u32;
            let (pl, na) = rec_places[i];
            p.recs.push(CRec {
                name_lo: lo,
                name_hi: hi,
                sex: match r.sex {
                    Some(SexValue::Male) => 1,
                    Some(SexValue::Female) => 2,
                    _ => 0,
                },
                birth: Span::of(r.birth.as_ref()),
                birth_year: r
                    .birth
                    .as_ref()
                    .filter(|b| b.width_days() <= 2 * 366)
                    .map_or(0, |b| i16::try_from(b.mid_year()).unwrap_or(0)),
                birth_place: if pl == u32::MAX {
                    NONE
                } else {
                    place_syms[pl as usize]
                },
                place_ix: u32::MAX,
                nationality: if na == u32::MAX {
                    NONE
                } else {
                    nat_syms[na as usize]
                },
                case_lo: p.cases.len() as u32,
                case_hi: (p.cases.len() + r.cases.len().min(8)) as u32,
                death: Span::of(r.death.as_ref()),
                fingerprint: fingerprint(r),
            });
            for c in r.cases.iter().take(8) {
                p.cases.push(CCase {
                    arrest: Span::of(c.arrest.as_ref()),
                    sentence_date: Span::of(c.sentence_date.as_ref()),
                    execution: Span::of(c.execution.as_ref()),
                    sentence_kind: c.sentence.map_or(0, |(k, _)| sentence_index(k) + 1),
                    term: c
                        .sentence
                        .and_then(|(_, t)| t)
                        .map_or(0, |t| (t * 10.0).round().clamp(1.0, 65_000.0) as u16),
                });
            }
        }
        p.count_frequencies();
        p.index_places();
        p
    }

    /// Splits each distinct place into words and keeps the informative ones: words found in at
    /// most 2% of the records (a region name shared by a tenth of the list says little).
    fn index_places(&mut self) {
        let mut index: HashMap<Sym, u32> = HashMap::new();
        let mut words: Vec<Vec<Sym>> = Vec::new();
        let mut df: HashMap<Sym, u32> = HashMap::new();
        for r in &mut self.recs {
            if r.birth_place == NONE {
                continue;
            }
            let next = words.len() as u32;
            let ix = *index.entry(r.birth_place).or_insert(next);
            if ix == next {
                let text = self.strings.get(r.birth_place).to_owned();
                let mut w: Vec<Sym> = text
                    .split(' ')
                    .filter(|t| t.len() >= 3)
                    .map(|t| self.strings.intern(t))
                    .collect();
                w.sort_unstable();
                w.dedup();
                words.push(w);
            }
            r.place_ix = ix;
            for t in &words[ix as usize] {
                *df.entry(*t).or_default() += 1;
            }
        }
        let limit = (self.recs.len() as u32 / 50).max(50);
        let strings = &self.strings;
        // Rarest first (blocking keys on the first ones), ties by text: the order depends on
        // neither the input order nor the interning.
        self.places = words
            .into_iter()
            .map(|w| {
                let mut w: Vec<(u32, &str, Sym)> = w
                    .into_iter()
                    .filter_map(|t| {
                        let n = *df.get(&t)?;
                        (n <= limit).then(|| (n, strings.get(t), t))
                    })
                    .collect();
                w.sort_unstable();
                w.into_iter().map(|x| x.2).collect()
            })
            .collect();
    }

    fn count_frequencies(&mut self) {
        let n = self.strings.len();
        let mut f = Frequencies {
            surname_stem: vec![0; n],
            given: vec![0; n],
            birth_place: vec![0; n],
            ..Frequencies::default()
        };
        for r in &self.recs {
            // Count each value once per record even when several names share it.
            let mut seen_s: [Sym; 4] = [NONE; 4];
            let mut seen_g: [Sym; 4] = [NONE; 4];
            for (k, name) in self.names[r.name_lo as usize..r.name_hi as usize]
                .iter()
                .enumerate()
                .take(4)
            {
                if let Some(s) = name.parts[0].filter(|s| !s.is_initial)
                    && !seen_s.contains(&s.stem)
                {
                    seen_s[k] = s.stem;
                    f.surname_stem[s.stem as usize] += 1;
                }
                if let Some(g) = name.parts[1].filter(|g| !g.is_initial)
                    && !seen_g.contains(&g.folded)
                {
                    seen_g[k] = g.folded;
                    f.given[g.folded as usize] += 1;
                }
            }
            if r.birth_place != NONE {
                f.birth_place[r.birth_place as usize] += 1;
            }
            if r.nationality != NONE {
                *f.nationality.entry(r.nationality).or_default() += 1;
                for (kind, seen) in [(0u8, &seen_s), (1, &seen_g)] {
                    for v in seen.iter().filter(|v| **v != NONE) {
                        *f.by_nationality
                            .entry((r.nationality, *v, kind))
                            .or_default() += 1;
                    }
                }
            }
            let mut dates = |field: Field, s: Span| {
                if s.is_some() && s.width() <= 31 {
                    let k = field.index() as u8;
                    if s.width() == 0 {
                        *f.day.entry((k, s.lo)).or_default() += 1;
                    }
                    *f.month.entry((k, month_bucket(s.lo))).or_default() += 1;
                }
            };
            for c in &self.cases[r.case_lo as usize..r.case_hi as usize] {
                dates(Field::Arrest, c.arrest);
                dates(Field::SentenceDate, c.sentence_date);
                dates(Field::Death, c.execution);
            }
            dates(Field::Death, r.death);
        }
        let n = (self.recs.len().max(1) as f64).powi(2);
        // Summed as integers: exact, whatever the order of the maps.
        let sq = |counts: &mut dyn Iterator<Item = u32>| {
            counts.map(|c| u64::from(c) * u64::from(c)).sum::<u64>() as f64 / n
        };
        let (s, g, b) = (
            Field::Surname.index() as u8,
            Field::Given.index() as u8,
            Field::BirthPlace.index() as u8,
        );
        let surname = sq(&mut f.surname_stem.iter().copied());
        f.typical.insert((s, 3), surname);
        f.typical.insert((s, 4), surname);
        f.typical.insert((g, 4), sq(&mut f.given.iter().copied()));
        f.typical
            .insert((b, 2), sq(&mut f.birth_place.iter().copied()));
        for field in [Field::Arrest, Field::SentenceDate, Field::Death] {
            let k = field.index() as u8;
            let day = sq(&mut f.day.iter().filter(|e| e.0.0 == k).map(|e| *e.1));
            let month = sq(&mut f.month.iter().filter(|e| e.0.0 == k).map(|e| *e.1));
            f.typical.insert((k, 3), day);
            f.typical.insert((k, 2), month);
        }
        self.freq = f;
    }

    /// The cases of record `i`.
    pub(crate) fn cases_of(&self, i: usize) -> &[CCase] {
        let r = &self.recs[i];
        &self.cases[r.case_lo as usize..r.case_hi as usize]
    }

    /// The index into the record's own names of name `k` of record `i`.
    pub(crate) fn name_source(&self, i: usize, k: usize) -> usize {
        let lo = self.recs[i].name_lo as usize;
        self.name_source.get(lo + k).map_or(k, |s| *s as usize)
    }

    /// The names of record `i`.
    pub(crate) fn names_of(&self, i: usize) -> &[CName] {
        let r = &self.recs[i];
        &self.names[r.name_lo as usize..r.name_hi as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.recs.len()
    }
}

fn sentence_index(k: SentenceKind) -> u8 {
    match k {
        SentenceKind::Execution => 0,
        SentenceKind::Camp => 1,
        SentenceKind::Prison => 2,
        SentenceKind::Exile => 3,
        SentenceKind::Banishment => 4,
        SentenceKind::Deportation => 5,
        SentenceKind::ForcedLabour => 6,
        SentenceKind::Acquittal => 7,
        SentenceKind::Released => 8,
        SentenceKind::Unrecognised => 9,
    }
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

fn intern_part(st: &mut Interner, k: &PartKeys) -> Part {
    let mut phon = [NONE; MAX_CODES];
    for (slot, code) in phon.iter_mut().zip(&k.phonetic) {
        *slot = st.intern(code);
    }
    Part {
        folded: st.intern(&k.folded),
        stem: st.intern(&k.stem),
        phon,
        initial: k.initial.map_or(0, |c| c as u8),
        is_initial: k.is_initial,
    }
}

fn initials_ok(a: &Part, b: &Part) -> bool {
    let c = |x: u8| (x != 0).then_some(x as char);
    crate::normalize::initials_compatible(c(a.initial), c(b.initial))
}

fn phon_overlap(a: &Part, b: &Part) -> bool {
    a.phon.iter().any(|x| *x != NONE && b.phon.contains(x))
}

/// The agreement level of two surnames, and their similarity in [0, 1].
pub(crate) fn surname_level(st: &Interner, a: &Part, b: &Part) -> (u8, f64) {
    if a.folded == b.folded {
        return (4, 1.0);
    }
    if a.is_initial || b.is_initial {
        return if initials_ok(a, b) {
            (1, 0.5)
        } else {
            (0, 0.0)
        };
    }
    if a.stem == b.stem {
        return (3, 1.0);
    }
    let jw = jaro_winkler(st.get(a.stem), st.get(b.stem));
    let phon = phon_overlap(a, b);
    let level = if (phon && jw >= 0.80) || jw >= 0.92 {
        2
    } else if phon || jw >= 0.85 {
        1
    } else {
        0
    };
    (level, jw)
}

/// The agreement level of two given names or patronymics (`stems`: compare stems, for
/// patronymics), and their similarity.
pub(crate) fn given_level(st: &Interner, a: &Part, b: &Part, stems: bool) -> (u8, f64) {
    if a.folded == b.folded || (stems && a.stem == b.stem && !a.is_initial && !b.is_initial) {
        return (4, 1.0);
    }
    if a.is_initial || b.is_initial {
        return if initials_ok(a, b) {
            (1, 0.5)
        } else {
            (0, 0.0)
        };
    }
    let (x, y) = if stems {
        (st.get(a.stem), st.get(b.stem))
    } else {
        (st.get(a.folded), st.get(b.folded))
    };
    let jw = jaro_winkler(x, y);
    let phon = phon_overlap(a, b);
    let level = if (phon && jw >= 0.75) || jw >= 0.90 {
        3
    } else if phon || jw >= 0.8 {
        2
    } else {
        0
    };
    (level, jw)
}

/// Name levels of one pair of names: surname, given, patronymic.
pub(crate) fn name_levels(st: &Interner, a: &CName, b: &CName) -> ([u8; 3], [f64; 3]) {
    let mut lv = [NULL; 3];
    let mut sim = [0.0; 3];
    if let (Some(x), Some(y)) = (&a.parts[0], &b.parts[0]) {
        (lv[0], sim[0]) = surname_level(st, x, y);
    }
    for k in 1..3 {
        if let (Some(x), Some(y)) = (&a.parts[k], &b.parts[k]) {
            (lv[k], sim[k]) = given_level(st, x, y, k == 2);
        }
    }
    // Surname and given name may be swapped (a two-part name read in the other order, or a list
    // with the columns exchanged): try surname ↔ given when both disagree.
    if lv[0] == 0 && lv[1] == 0 {
        let cross = |x: &Part, y: &Part| {
            // x is a given name read as a surname; a cheap check first.
            if x.is_initial
                || y.is_initial
                || jaro_winkler(st.get(x.folded), st.get(y.folded)) < 0.7
            {
                return (0, 0.0);
            }
            let xs = surname_stem(st.get(x.folded));
            if xs == st.get(y.stem) {
                return (3, 1.0);
            }
            let jw = jaro_winkler(&xs, st.get(y.stem));
            let phon = phonetic(&xs, false)
                .iter()
                .any(|c| y.phon.iter().any(|p| *p != NONE && st.get(*p) == c));
            let level = if (phon && jw >= 0.80) || jw >= 0.92 {
                2
            } else {
                0
            };
            (level, jw)
        };
        if let (Some(ag), Some(bs), Some(as_), Some(bg)) =
            (&a.parts[1], &b.parts[0], &a.parts[0], &b.parts[1])
        {
            let (l1, s1) = cross(ag, bs);
            if l1 >= 2 {
                let (l2, s2) = cross(bg, as_);
                if l2 >= 2 {
                    lv[0] = l1.min(l2);
                    sim[0] = s1.min(s2);
                    lv[1] = 3;
                    sim[1] = s1.min(s2);
                }
            }
        }
    }
    (lv, sim)
}

fn name_rank(lv: &[u8; 3]) -> u32 {
    let v = |l: u8, max: u32| {
        if l == NULL {
            // Unknown: between disagreement and weak agreement.
            max
        } else {
            u32::from(l) * 2
        }
    };
    v(lv[0], 1) * 6 + v(lv[1], 1) * 4 + v(lv[2], 1) * 3
}

/// The best-agreeing pair of names of two records: (index in a's names, index in b's names,
/// levels, similarities).
pub(crate) fn best_names(p: &Prepared, i: usize, j: usize) -> (usize, usize, [u8; 3], [f64; 3]) {
    let (na, nb) = (p.names_of(i), p.names_of(j));
    let mut best = (0, 0, [NULL; 3], [0.0; 3]);
    let mut best_rank = None;
    for (x, a) in na.iter().enumerate().take(12) {
        for (y, b) in nb.iter().enumerate().take(12) {
            let (lv, sim) = name_levels(&p.strings, a, b);
            let rank = name_rank(&lv);
            if best_rank.is_none_or(|r| rank > r) {
                best_rank = Some(rank);
                best = (x, y, lv, sim);
            }
            if lv[0] == 4 && lv[1] == 4 && lv[2] != 0 {
                return best;
            }
        }
    }
    best
}

fn date_level(a: Span, b: Span) -> u8 {
    if !a.is_some() || !b.is_some() {
        return NULL;
    }
    let width = a.width().max(b.width());
    if width > 2 * 366 {
        return NULL;
    }
    let gap = a.gap(b);
    if width == 0 && gap == 0 {
        3
    } else if gap <= 31 && width <= 31 {
        2
    } else if gap <= 366 {
        1
    } else {
        0
    }
}

fn sentence_level(a: &CCase, b: &CCase) -> u8 {
    if a.sentence_kind == 0 || b.sentence_kind == 0 {
        NULL
    } else if a.sentence_kind != b.sentence_kind {
        u8::from(sentence_family(a.sentence_kind) == sentence_family(b.sentence_kind))
    } else if a.term != 0 && b.term != 0 && a.term != b.term {
        2
    } else {
        3
    }
}

fn birth_level(a: &CRec, b: &CRec) -> u8 {
    if !a.birth.is_some() || !b.birth.is_some() || a.birth_year == 0 || b.birth_year == 0 {
        return NULL;
    }
    if a.birth.width() == 0 && a.birth == b.birth {
        return 4;
    }
    let dy = (i32::from(a.birth_year) - i32::from(b.birth_year)).abs();
    if a.birth.gap(b.birth) == 0 || dy == 0 {
        3
    } else if dy <= 1 {
        2
    } else if dy <= 3 {
        1
    } else {
        0
    }
}

fn place_level(p: &Prepared, a: &CRec, b: &CRec) -> u8 {
    if a.birth_place == NONE || b.birth_place == NONE {
        return NULL;
    }
    if a.birth_place == b.birth_place {
        return 2;
    }
    let (x, y) = (
        &p.places[a.place_ix as usize],
        &p.places[b.place_ix as usize],
    );
    for u in x.iter() {
        for v in y.iter() {
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

/// Whether a pair is compared the other way round: in the order of the records' content
/// fingerprints, so that `compare(i, j)` and `compare(j, i)` are mirror images to the last bit
/// (floating-point sums depend on their order) whatever the positions and ids of the records.
pub(crate) fn swapped(p: &Prepared, i: usize, j: usize) -> bool {
    p.recs[j].fingerprint < p.recs[i].fingerprint
}

/// The comparison vector of records `i` and `j`, and which of their names were compared.
pub(crate) fn compare(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize), [f64; 3]) {
    if swapped(p, i, j) {
        let (l, (x, y), s) = compare_oriented(p, j, i);
        return (l, (y, x), s);
    }
    compare_oriented(p, i, j)
}

fn compare_oriented(p: &Prepared, i: usize, j: usize) -> (Levels, (usize, usize), [f64; 3]) {
    let (a, b) = (&p.recs[i], &p.recs[j]);
    let (x, y, nl, sims) = best_names(p, i, j);
    let mut l = [NULL; FIELDS];
    l[0] = nl[0];
    l[1] = nl[1];
    l[2] = nl[2];
    l[Field::Birth.index()] = birth_level(a, b);
    l[Field::BirthPlace.index()] = place_level(p, a, b);
    l[Field::Sex.index()] = if a.sex == 0 || b.sex == 0 {
        NULL
    } else {
        u8::from(a.sex == b.sex)
    };
    l[Field::Nationality.index()] = if a.nationality == NONE || b.nationality == NONE {
        NULL
    } else {
        u8::from(a.nationality == b.nationality)
    };
    let (ca, cb) = (p.cases_of(i), p.cases_of(j));
    // Cases are compared as sets: the best-agreeing pair, field by field.
    let best = |f: &dyn Fn(&CCase, &CCase) -> u8| {
        let mut best = NULL;
        for x in ca {
            for y in cb {
                let l = f(x, y);
                if l != NULL && (best == NULL || l > best) {
                    best = l;
                }
            }
        }
        best
    };
    l[Field::Arrest.index()] = best(&|x, y| date_level(x.arrest, y.arrest));
    l[Field::SentenceDate.index()] = best(&|x, y| date_level(x.sentence_date, y.sentence_date));
    l[Field::Sentence.index()] = best(&sentence_level);
    // Death: the death date or any execution date.
    let mut death = date_level(a.death, b.death);
    let mut consider = |s: Span, t: Span| {
        let lv = date_level(s, t);
        if lv != NULL && (death == NULL || lv > death) {
            death = lv;
        }
    };
    for x in ca {
        consider(x.execution, b.death);
        for y in cb {
            consider(x.execution, y.execution);
        }
    }
    for y in cb {
        consider(a.death, y.execution);
    }
    l[Field::Death.index()] = death;
    (l, (x, y), sims)
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
    let pick = |c: &CCase| match field {
        Field::Arrest => c.arrest,
        Field::SentenceDate => c.sentence_date,
        _ => c.execution,
    };
    let mut xs: Vec<Span> = ca.iter().map(pick).collect();
    let mut ys: Vec<Span> = cb.iter().map(pick).collect();
    if field == Field::Death {
        xs.push(a.death);
        ys.push(b.death);
    }
    for x in &xs {
        for y in &ys {
            if date_level(*x, *y) == level {
                return Some(*x);
            }
        }
    }
    None
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
    if levels[Field::Given.index()] == 0 || levels[Field::Patronymic.index()] == 0 {
        let (x, y, lv, sim) = best_names(p, i, j);
        let _ = (x, y);
        if lv[1] == 0 && sim[1] < 0.75 {
            return Some("different given names");
        }
        if lv[2] == 0 && sim[2] < 0.75 {
            return Some("different patronymics");
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::io::DatasetKind;
    use crate::model::{HistoricalDate, PersonName};

    pub(crate) fn rec(id: &str, name: &str, birth: Option<&str>) -> DedupRecord {
        DedupRecord {
            id: id.into(),
            origin: super::super::record::Origin {
                kind: DatasetKind::Victims,
                file: None,
                line: None,
            },
            names: vec![PersonName::parse(name)],
            sex: None,
            birth: birth.and_then(|b| DateSpan::from_date(&HistoricalDate::parse(b).unwrap())),
            birth_place: None,
            nationality: None,
            cases: vec![],
            death: None,
            same_as: vec![],
        }
    }

    #[test]
    fn a_name_guessed_reversed_is_also_read_as_written() {
        // `caitlin` has a surname ending, so `Tebbutt Caitlin` is guessed to be written given
        // name first; read as written too, its surname still agrees with `Tebbutt Luke`.
        let mut a = rec("a", "x", Some("1985-12-23"));
        a.names = vec![PersonName::from_parts(
            Some("Tebbutt"),
            Some("Caitlin"),
            None,
        )];
        let mut b = rec("b", "x", Some("1985-12-23"));
        b.names = vec![PersonName::from_parts(Some("Tebbutt"), Some("Luke"), None)];
        let p = Prepared::build(&[a, b], 1);
        assert_eq!(p.names_of(0).len(), 2, "both readings");
        let (levels, names, _) = compare(&p, 0, 1);
        assert_eq!(levels[Field::Surname.index()], 4, "{levels:?}");
        assert_eq!(p.name_source(0, names.0), 0, "the record's own name");
    }

    #[test]
    fn levels_across_scripts() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866-03-05")),
            rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
            rec("c", "Bukeikhanov A. N.", Some("1867")),
            rec("d", "Байтурсынов Ахмет", Some("1872")),
        ];
        let p = Prepared::build(&recs, 2);
        let (l, _, _) = compare(&p, 0, 1);
        assert_eq!(&l[..4], &[2, 4, 4, 3]);
        let (l, _, _) = compare(&p, 0, 2);
        assert_eq!(&l[..4], &[2, 1, 1, 2]);
        let (l, _, _) = compare(&p, 0, 3);
        assert_eq!(l[0], 0);
        assert_eq!(
            conflict(&p, 0, 3, &l),
            Some("birth years more than 5 years apart")
        );
        assert_eq!(unpack(pack(&l)), l);
    }

    #[test]
    fn swapped_two_part_names() {
        let recs = vec![
            rec("a", "Мұстафа Шоқай", None),
            rec("b", "Шокай Мустафа", None),
        ];
        let p = Prepared::build(&recs, 1);
        let (l, _, _) = compare(&p, 0, 1);
        assert!(l[0] >= 2 && l[1] >= 3, "{l:?}");
    }

    #[test]
    fn places() {
        assert_eq!(fold_place("аул № 7, Токраусская волость"), "tokrauska");
        let mut recs = vec![
            rec("a", "X", None),
            rec("b", "Y", None),
            rec("c", "Z", None),
        ];
        recs[0].birth_place = Some("Каркаралинский уезд".into());
        recs[1].birth_place = Some("Karkaraly".into());
        recs[2].birth_place = Some("Kokpekty".into());
        let p = Prepared::build(&recs, 1);
        assert_eq!(place_level(&p, &p.recs[0], &p.recs[1]), 1);
        assert_eq!(place_level(&p, &p.recs[0], &p.recs[2]), 0);
        assert_eq!(place_level(&p, &p.recs[0], &p.recs[0]), 2);
    }
}
