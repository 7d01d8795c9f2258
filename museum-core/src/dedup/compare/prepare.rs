//! The compact, interned copy of the records that comparison works on ([`Prepared`]): name
//! parts with their keys, date spans, places split into informative words, cases, and the
//! frequency tables of the term-frequency adjustment.

use std::collections::HashMap;

use super::super::record::{DateSpan, DedupRecord};
use super::super::util::{Interner, NONE, Sym, par_chunks};
use super::Field;
use super::fingerprint::fingerprint;
use super::shape::Shape;
use crate::hash::FxHashMap;
use crate::model::{Script, SentenceKind, SexValue};
use crate::normalize::{MAX_CODES, NameKeys, PartKeys, PartKind, fold};

/// One name part, interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    pub(crate) folded: Sym,
    pub(crate) stem: Sym,
    pub(crate) phon: [Sym; MAX_CODES],
    pub(crate) initial: u8,
    pub(crate) is_initial: bool,
    /// A part written in Latin letters: its lowercase form without spaces or punctuation, in
    /// [`Prepared::latin`] (`NONE` otherwise). The fold reads Latin the way romanized Cyrillic
    /// is read (`c` before `a` as ч), which parts English spellings (`Catherine`, `Katherine`).
    pub(crate) latin: Sym,
    /// The part's index among the distinct parts of the list (equal parts may have two, one
    /// per field they were written in): what [`super::memo::Memos`] keys on.
    pub(crate) id: u32,
    /// The byte classes of the folded form and of the stem, and their lengths
    /// ([`Part::folded_shape`], [`Part::stem_shape`]; apart so that they pack).
    masks: [u32; 2],
    lens: [u8; 2],
}

impl Part {
    /// What the folded form looks like to Jaro–Winkler ([`Shape`]).
    pub(crate) fn folded_shape(&self) -> Shape {
        Shape {
            mask: self.masks[0],
            len: self.lens[0],
        }
    }

    /// What the stem looks like to Jaro–Winkler ([`Shape`]).
    pub(crate) fn stem_shape(&self) -> Shape {
        Shape {
            mask: self.masks[1],
            len: self.lens[1],
        }
    }
}

/// One name (surname, given, patronymic), interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct InternedName {
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

    pub(crate) fn gap(self, o: Span) -> i32 {
        (self.lo.max(o.lo) - self.hi.min(o.hi)).max(0)
    }
}

/// One record, compact: one cache line (a run reads the rows of millions of pairs in no order).
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
pub(crate) struct CompactRecord {
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

/// What the person index keeps of a prepared record ([`Prepared::build_with`]), so that an
/// incremental run does not compute it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Known {
    /// Its content fingerprint ([`CompactRecord::fingerprint`]).
    pub(crate) fingerprint: u64,
    /// Its birth place folded ([`fold_place`]; empty when it has none).
    pub(crate) place: Box<str>,
}

/// One repression case, compact.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CompactCase {
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
    /// The Latin forms of name parts ([`Part::latin`]), apart from `strings` so that they do
    /// not renumber it.
    pub(crate) latin: Interner,
    pub(crate) names: Vec<InternedName>,
    /// For each of `names`: the index of the record's name it reads (a name read both ways
    /// gives two).
    pub(crate) name_source: Vec<u32>,
    pub(crate) recs: Vec<CompactRecord>,
    pub(crate) cases: Vec<CompactCase>,
    pub(crate) freq: Frequencies,
    /// The informative words of each distinct place (words in few records).
    pub(crate) places: Vec<Box<[Sym]>>,
    /// Every word of each distinct place (by [`CompactRecord::place_ix`]), in written order, for the
    /// similarity of two places.
    pub(crate) place_words: Vec<Box<[Sym]>>,
    /// The levels of pairs of names and places compared so far ([`super::compare_levels`]).
    pub(crate) memo: super::memo::Memos,
    /// The records in the order blocking visits them ([`Prepared::visit_order`]).
    order: Vec<u32>,
}

/// The most words of a place compared for similarity (a place is a name or an address, not a
/// text).
pub(crate) const MAX_PLACE_WORDS: usize = 16;

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
        Prepared::build_with(records, threads, &[])
    }

    /// As [`Prepared::build`], with what is known already of some records (`known[i]`, by
    /// record; a shorter slice or `None` computes it): the person index keeps it, so that an
    /// incremental run does not hash and fold its known records again.
    pub(crate) fn build_with(
        records: &[DedupRecord],
        threads: usize,
        known: &[Option<Known>],
    ) -> Prepared {
        let known_of = |i: usize| known.get(i).and_then(Option::as_ref);
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
            .enumerate()
            .map(|(id, k)| {
                k.as_ref()
                    .map(|k| intern_part(&mut p.strings, &mut p.latin, k, id as u32))
            })
            .collect();
        p.memo = super::memo::Memos::new(records.len());
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
        // The places of known records are folded already.
        let mut folded_known: FxHashMap<&str, &str> = FxHashMap::default();
        for (i, r) in records.iter().enumerate() {
            if let (Some(k), Some(t)) = (known_of(i), r.birth_place.as_deref().map(str::trim)) {
                folded_known.insert(t, &k.place);
            }
        }
        let folded_places: Vec<String> = par_chunks(place_texts.len(), threads, |range| {
            place_texts[range]
                .iter()
                .map(|t| {
                    folded_known
                        .get(t)
                        .map_or_else(|| fold_place(t), |f| (*f).to_owned())
                })
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
                let name = InternedName {
                    parts: [part(0), part(1), part(2)],
                    two_part: false,
                };
                if name.parts.iter().all(Option::is_none) {
                    continue;
                }
                let two_part =
                    name.parts[0].is_some() && name.parts[1].is_some() && name.parts[2].is_none();
                p.names.push(InternedName { two_part, ..name });
                p.name_source.push(source as u32);
            }
            let hi = p.names.len() as u32;
            let (pl, na) = rec_places[i];
            p.recs.push(CompactRecord {
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
                fingerprint: known_of(i).map_or_else(|| fingerprint(r), |k| k.fingerprint),
            });
            for c in r.cases.iter().take(8) {
                p.cases.push(CompactCase {
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
        p.order = p.sorted_by_name();
        p.lay_out();
        p
    }

    /// The records by the sound of the first name's surname, then of its given name, then birth
    /// year, then index (see [`Prepared::visit_order`]).
    fn sorted_by_name(&self) -> Vec<u32> {
        let code = |p: Option<Part>| p.map_or(NONE, |x| x.phon[0]);
        let mut keyed: Vec<(u64, u32)> = (0..self.recs.len())
            .map(|i| {
                let (s, g) = self
                    .names_of(i)
                    .first()
                    .map_or((NONE, NONE), |n| (code(n.parts[0]), code(n.parts[1])));
                let year = self.recs[i].birth_year as u16;
                // (24 bits of each code: more distinct sounds only mix namesakes.)
                let key = (u64::from(s) << 40) | (u64::from(g & 0xff_ffff) << 16) | u64::from(year);
                (key, i as u32)
            })
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|x| x.1).collect()
    }

    /// Lays the names and cases out in the visit order: the records compared one after the
    /// other, namesakes, have their names and cases side by side in memory (fewer lines and
    /// pages to load). Only where they are stored changes: [`Prepared::names_of`] and
    /// [`Prepared::cases_of`] give the same for every record.
    fn lay_out(&mut self) {
        let mut names = Vec::with_capacity(self.names.len());
        let mut source = Vec::with_capacity(self.name_source.len());
        let mut cases = Vec::with_capacity(self.cases.len());
        for &i in &self.order {
            let r = &mut self.recs[i as usize];
            let (lo, hi) = (r.name_lo as usize, r.name_hi as usize);
            r.name_lo = names.len() as u32;
            names.extend_from_slice(&self.names[lo..hi]);
            source.extend_from_slice(&self.name_source[lo..hi]);
            r.name_hi = names.len() as u32;
            let (lo, hi) = (r.case_lo as usize, r.case_hi as usize);
            r.case_lo = cases.len() as u32;
            cases.extend_from_slice(&self.cases[lo..hi]);
            r.case_hi = cases.len() as u32;
        }
        self.names = names;
        self.name_source = source;
        self.cases = cases;
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
        self.place_words = (0..words.len())
            .map(|_| Box::default())
            .collect::<Vec<Box<[Sym]>>>();
        for r in &self.recs {
            if r.place_ix == u32::MAX || !self.place_words[r.place_ix as usize].is_empty() {
                continue;
            }
            let text = self.strings.get(r.birth_place).to_owned();
            self.place_words[r.place_ix as usize] = text
                .split(' ')
                .filter(|t| !t.is_empty())
                .take(MAX_PLACE_WORDS)
                .map(|t| self.strings.intern(t))
                .collect();
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
        f.typical.insert((s, super::SURNAME_STEM), surname);
        f.typical.insert((s, super::SURNAME_SAME), surname);
        f.typical
            .insert((g, super::GIVEN_SAME), sq(&mut f.given.iter().copied()));
        f.typical
            .insert((b, 3), sq(&mut f.birth_place.iter().copied()));
        for field in [Field::Arrest, Field::SentenceDate, Field::Death] {
            let k = field.index() as u8;
            let day = sq(&mut f.day.iter().filter(|e| e.0.0 == k).map(|e| *e.1));
            let month = sq(&mut f.month.iter().filter(|e| e.0.0 == k).map(|e| *e.1));
            f.typical.insert((k, 3), day);
            f.typical.insert((k, 2), month);
        }
        self.freq = f;
    }

    /// Loads what comparing a record with `partners` reads first of each partner (its row, its
    /// first case and name, its place's words, the text of its first name's parts), one kind after
    /// the other for all of them: the loads of different partners do not wait for each other, so
    /// the comparisons that follow find most of it in the cache. At a million records the rows,
    /// names and cases of the partners lie far apart and waiting for memory, one partner after
    /// the other, was most of a run's time. Changes nothing but what is cached.
    pub(crate) fn gather(&self, partners: &[u32]) {
        let mut seen = 0u64;
        for &j in partners {
            seen ^= self.recs[j as usize].fingerprint;
        }
        for &j in partners {
            let r = &self.recs[j as usize];
            if let Some(c) = self
                .cases
                .get(r.case_lo as usize)
                .filter(|_| r.case_hi > r.case_lo)
            {
                seen ^= u64::from(c.sentence_kind);
            }
            if let Some(words) = self.place_words.get(r.place_ix as usize) {
                seen ^= words.len() as u64;
            }
            if r.name_hi > r.name_lo {
                let name = &self.names[r.name_lo as usize];
                seen ^= u64::from(name.two_part);
                if let Some(s) = &name.parts[0] {
                    seen ^= u64::from(s.stem);
                }
            }
        }
        for &j in partners {
            let r = &self.recs[j as usize];
            if r.name_hi > r.name_lo {
                let name = &self.names[r.name_lo as usize];
                // (What the names' similarity reads: the surname's stem, the given name.)
                if let Some(s) = &name.parts[0] {
                    seen ^= self.strings.get(s.stem).len() as u64;
                }
                if let Some(g) = &name.parts[1] {
                    seen ^= self.strings.get(g.folded).len() as u64;
                }
            }
            if let Some(w) = self
                .place_words
                .get(r.place_ix as usize)
                .and_then(|w| w.first())
            {
                seen ^= u64::from(*w);
            }
        }
        std::hint::black_box(seen);
    }

    /// The records in the order blocking visits them ([`super::super::blocking::Blocks::visit`]):
    /// by the sound of the first name's surname, then of its given name, then birth year, then
    /// index. Namesakes follow one another, so the partners of a record in its name blocks are
    /// mostly those its predecessor has just compared, found in the cache rather than in memory.
    /// Which pairs are compared, and how, does not depend on it: only when.
    pub(crate) fn visit_order(&self) -> &[u32] {
        &self.order
    }

    /// The cases of record `i`.
    pub(crate) fn cases_of(&self, i: usize) -> &[CompactCase] {
        let r = &self.recs[i];
        &self.cases[r.case_lo as usize..r.case_hi as usize]
    }

    /// The index into the record's own names of name `k` of record `i`.
    pub(crate) fn name_source(&self, i: usize, k: usize) -> usize {
        let lo = self.recs[i].name_lo as usize;
        self.name_source.get(lo + k).map_or(k, |s| *s as usize)
    }

    /// The names of record `i`.
    pub(crate) fn names_of(&self, i: usize) -> &[InternedName] {
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

fn intern_part(st: &mut Interner, latin: &mut Interner, k: &PartKeys, id: u32) -> Part {
    let latin = if !k.is_initial && matches!(Script::detect(&k.written), Script::Latin) {
        let text: String = crate::normalize::normalize_text(&k.written)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if text.is_empty() {
            NONE
        } else {
            latin.intern(&text)
        }
    } else {
        NONE
    };
    let mut phon = [NONE; MAX_CODES];
    for (slot, code) in phon.iter_mut().zip(&k.phonetic) {
        *slot = st.intern(code);
    }
    let (folded, stem) = (Shape::of(&k.folded), Shape::of(&k.stem));
    Part {
        masks: [folded.mask, stem.mask],
        lens: [folded.len, stem.len],
        folded: st.intern(&k.folded),
        stem: st.intern(&k.stem),
        phon,
        initial: k.initial.map_or(0, |c| c as u8),
        is_initial: k.is_initial,
        latin,
        id,
    }
}
