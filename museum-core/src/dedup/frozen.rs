//! What an incremental run keeps of a full run ([`Frozen`]): the trained model and the
//! whole-list statistics that scoring and blocking read (term frequencies, the rarity of
//! birth-place words), named by text so that they apply to any subset of the records.
//!
//! The person index (`persons.index`, [`crate::persons`]) stores them with every record's
//! blocking keys. An incremental `museum persons` run then prepares only the new and changed
//! records and the known records that share a key with them, and scores with the frozen model
//! and statistics: a record compared incrementally gets the same keys, the same candidates and
//! nearly the same scores as in a full run of the list the index was built from.

use super::compare::{Frequencies, Known, Prepared};
use super::model::{FrozenModel, Model, symbols};
use super::record::DedupRecord;
use super::util::{NONE, Sym};
use crate::hash::FxHashMap;

/// The whole-list statistics of a full run, by text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrozenStats {
    /// Records counted.
    pub(crate) records: u64,
    /// Records per surname stem, given name (folded) and birth place (folded).
    pub(crate) surname_stem: FxHashMap<Box<str>, u32>,
    pub(crate) given: FxHashMap<Box<str>, u32>,
    pub(crate) birth_place: FxHashMap<Box<str>, u32>,
    /// (nationality, value, 0 surname stem | 1 given) → records.
    pub(crate) by_nationality: FxHashMap<(Box<str>, Box<str>, u8), u32>,
    pub(crate) nationality: FxHashMap<Box<str>, u32>,
    /// (field, day) and (field, 30-day bucket) → records.
    pub(crate) day: FxHashMap<(u8, i32), u32>,
    pub(crate) month: FxHashMap<(u8, i32), u32>,
    /// (field, level) → typical frequency.
    pub(crate) typical: FxHashMap<(u8, u8), f64>,
    /// Birth-place word → records whose place has it (words of at least three letters).
    pub(crate) place_words: FxHashMap<Box<str>, u32>,
    /// Words in more records than this say little about a place (not used for keys or
    /// comparison).
    pub(crate) place_limit: u32,
}

/// The model and statistics of a full run, applied to the records of an incremental run
/// ([`super::Increment::frozen`]). Built by the person index.
#[derive(Debug, Clone)]
pub struct Frozen {
    pub(crate) model: FrozenModel,
    pub(crate) stats: std::sync::Arc<FrozenStats>,
    /// What the index knows of the records it is applied to ([`RecordKeys::known`]), by
    /// record (empty: nothing).
    pub(crate) known: Vec<Option<Known>>,
}

/// The words of a folded birth place that can make it informative.
fn place_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(' ').filter(|t| t.len() >= 3)
}

impl FrozenStats {
    /// The statistics of the records of `p` (a full run's records).
    pub(crate) fn of(p: &Prepared) -> FrozenStats {
        let f = &p.freq;
        let by_text = |counts: &[u32]| -> FxHashMap<Box<str>, u32> {
            counts
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| (p.strings.get(s as Sym).into(), *n))
                .collect()
        };
        let text = |s: Sym| -> Box<str> { p.strings.get(s).into() };
        // The document frequency of place words, as `Prepared::build` counts it (once per
        // record, each distinct word of its place once).
        let mut place_words_df: FxHashMap<Box<str>, u32> = FxHashMap::default();
        for r in &p.recs {
            if r.birth_place == NONE {
                continue;
            }
            let mut w: Vec<&str> = place_words(p.strings.get(r.birth_place)).collect();
            w.sort_unstable();
            w.dedup();
            for t in w {
                *place_words_df.entry(t.into()).or_default() += 1;
            }
        }
        FrozenStats {
            records: p.recs.len() as u64,
            surname_stem: by_text(&f.surname_stem),
            given: by_text(&f.given),
            birth_place: by_text(&f.birth_place),
            by_nationality: f
                .by_nationality
                .iter()
                .map(|(&(n, v, k), c)| ((text(n), text(v), k), *c))
                .collect(),
            nationality: f.nationality.iter().map(|(n, c)| (text(*n), *c)).collect(),
            day: f.day.clone(),
            month: f.month.clone(),
            typical: f.typical.clone(),
            place_words: place_words_df,
            place_limit: (p.recs.len() as u32 / 50).max(50),
        }
    }

    /// Replaces the statistics `p` counted on its own records with these.
    fn apply(&self, p: &mut Prepared) {
        let syms = symbols(p);
        let n = p.strings.len();
        let counts = |table: &FxHashMap<Box<str>, u32>| -> Vec<u32> {
            (0..n)
                .map(|s| table.get(p.strings.get(s as Sym)).copied().unwrap_or(0))
                .collect()
        };
        let mut f = Frequencies {
            surname_stem: counts(&self.surname_stem),
            given: counts(&self.given),
            birth_place: counts(&self.birth_place),
            day: self.day.clone(),
            month: self.month.clone(),
            typical: self.typical.clone(),
            ..Frequencies::default()
        };
        for ((nat, v, k), c) in &self.by_nationality {
            if let (Some(&a), Some(&b)) = (syms.get(&**nat), syms.get(&**v)) {
                f.by_nationality.insert((a, b, *k), *c);
            }
        }
        for (nat, c) in &self.nationality {
            if let Some(&a) = syms.get(&**nat) {
                f.nationality.insert(a, *c);
            }
        }
        drop(syms);
        p.freq = f;
        // The informative words of each place by the frozen rarity: rarest first, ties by text
        // (as `Prepared::build` orders them).
        let mut places: Vec<Option<Box<[Sym]>>> = vec![None; p.places.len()];
        for i in 0..p.recs.len() {
            let (ix, place) = (p.recs[i].place_ix, p.recs[i].birth_place);
            if ix == u32::MAX || places[ix as usize].is_some() {
                continue;
            }
            let text = p.strings.get(place).to_owned();
            let mut w: Vec<(u32, &str)> = place_words(&text)
                .filter_map(|t| {
                    let n = self.place_words.get(t).copied().unwrap_or(0);
                    (n <= self.place_limit).then_some((n, t))
                })
                .collect();
            w.sort_unstable();
            w.dedup();
            places[ix as usize] = Some(w.into_iter().map(|(_, t)| p.strings.intern(t)).collect());
        }
        p.places = places.into_iter().map(Option::unwrap_or_default).collect();
    }
}

impl Frozen {
    /// The model and statistics of a full run (`result`).
    pub(crate) fn of(result: &super::DedupResult) -> Frozen {
        Frozen {
            model: result.model.freeze(&result.prepared),
            stats: std::sync::Arc::new(FrozenStats::of(&result.prepared)),
            known: Vec::new(),
        }
    }

    /// The same model and statistics, applied to records of which this is known (see
    /// [`Frozen::known`]).
    pub(crate) fn with_known(&self, known: Vec<Option<Known>>) -> Frozen {
        Frozen {
            model: self.model.clone(),
            stats: self.stats.clone(),
            known,
        }
    }

    /// Prepares `records` for comparison with the frozen statistics.
    pub(crate) fn prepare(&self, records: &[DedupRecord], threads: usize) -> Prepared {
        let mut p = Prepared::build_with(records, threads, &self.known);
        self.stats.apply(&mut p);
        p
    }

    /// The frozen model, for the records of `p`.
    pub(crate) fn model(&self, p: &Prepared) -> Model {
        Model::thaw(&self.model, p)
    }

    /// The match probability of each of `pairs` of `records` (record indices, the lower
    /// first), scored as a run with this frozen model and statistics scores them
    /// ([`Frozen::known`] describes `records`).
    pub(crate) fn score_pairs(
        &self,
        records: &[DedupRecord],
        pairs: &[(u32, u32)],
        threads: usize,
    ) -> Vec<f64> {
        let threads = super::util::threads(threads);
        let p = self.prepare(records, threads);
        let model = self.model(&p);
        super::util::par_chunks(pairs.len(), threads, |range| {
            pairs[range]
                .iter()
                .map(|&(i, j)| {
                    let (i, j) = (i as usize, j as usize);
                    let (levels, names) = super::compare::compare_levels(&p, i, j);
                    model.score(&p, i, j, &levels, names).1
                })
                .collect::<Vec<f64>>()
        })
        .into_iter()
        .flatten()
        .collect()
    }

    /// The blocking keys of each of `records`, under the frozen statistics.
    pub(crate) fn keys(
        &self,
        records: &[DedupRecord],
        threads: usize,
        rules: &[super::Rule],
    ) -> Vec<RecordKeys> {
        let threads = super::util::threads(threads);
        record_keys(&self.prepare(records, threads), threads, rules)
    }
}

/// The sort fields of a record in large blocks ([`super::blocking::window_fields`]).
pub(crate) type Window = Option<super::blocking::WindowFields>;

/// What the index keeps of a record for blocking.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RecordKeys {
    /// Sorted blocking keys with the record's flag for each.
    pub(crate) keys: Vec<(u64, bool)>,
    /// Its sort fields in large blocks.
    pub(crate) window: Window,
    /// Its content fingerprint (the order of its comparisons) and folded birth place, as
    /// [`Prepared`] computes them: kept so that an incremental run need not again.
    pub(crate) known: Known,
}

fn record_keys(p: &Prepared, threads: usize, rules: &[super::Rule]) -> Vec<RecordKeys> {
    super::blocking::keys_per_record(p, threads, rules)
        .into_iter()
        .enumerate()
        .map(|(i, keys)| RecordKeys {
            keys,
            window: super::blocking::window_fields(p, i),
            known: Known {
                fingerprint: p.recs[i].fingerprint,
                place: p.strings.get(p.recs[i].birth_place).into(),
            },
        })
        .collect()
}

/// The blocking keys of every record of a full run (`result`), as the index keeps them.
pub(crate) fn keys_of_result(
    result: &super::DedupResult,
    threads: usize,
    rules: &[super::Rule],
) -> Vec<RecordKeys> {
    record_keys(&result.prepared, super::util::threads(threads), rules)
}
