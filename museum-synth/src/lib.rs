//! Synthetic archives with ground truth, for tests and benchmarks of validation and
//! deduplication: lists that look like real merged Books-of-Memory lists, about people who never
//! existed.
//!
//! A synthetic archive is a [`Victim`] list in which every person may appear in several records
//! (copies from different simulated lists, each written the way that list writes names and
//! dates), plus the truth: which records are the same person (`truth.csv`), which persons are
//! related (`relations.csv`: fathers and sons, brothers, spouses, namesakes — hard negatives a
//! deduplicator must keep apart), and, on request, which values were deliberately broken
//! (`defects.csv`).
//!
//! The population imitates Kazakhstan in the 1920s–1950s (facts.md §4–§5): a Kazakh majority and
//! Russians, Ukrainians, Volga Germans, Koreans, Tatars, Poles, Chechens and Ingush; arrest waves
//! (1928–29 confiscation, 1930–31 collectivisation, August 1937 – November 1938), the
//! deportations (1936 Poles, 1937 Koreans, 1941 Germans, 1944 Chechens and Ingush); troikas, the
//! OSO, the Military Collegium and tribunals; sentences, executions, camps and rehabilitations.
//!
//! Everything is deterministic for a seed and built on our own small generator (`SplitMix64`), so
//! the output does not change with dependency versions. Records are generated one at a time in a
//! shuffled order (only an 8-byte slot per record is kept in memory), so a million records stream
//! to disk in bounded memory.
//!
//! ```
//! use museum_synth::{Synth, SynthOptions};
//!
//! let options = SynthOptions::new(500).seed(7).duplicates(0.2);
//! let mut synth = Synth::new(&options)?;
//! let first = synth.next().unwrap();
//! assert!(first.victim.id.starts_with("syn-"));
//! assert!(first.victim.source_ids[0].starts_with("src-synthetic"));
//! let rest = synth.by_ref().count();
//! assert_eq!(rest + 1, 500);
//! assert_eq!(synth.summary().records, 500);
//! # Ok::<(), museum_core::Error>(())
//! ```
//!
//! Date spellings: clean records use only spellings the date parser of this build reads
//! (`HistoricalDate::parse`); archival ones it does not read yet are written in ISO instead, and
//! `SYNTHETIC.md` says which were used.

mod archive;
mod case;
mod defects;
mod lists;
mod multi;
mod noise;
mod person;
mod pools;
mod render;
mod summary;
mod translit;
mod write;

pub use archive::{FILES, camps, events, generate_dir, sources, sources_for};
pub use defects::{Defect, DefectKind};
pub use multi::MultiSource;
pub use museum_core::translit::Scheme;
pub use summary::markdown;

/// Romanizes Cyrillic text (Russian or Kazakh letters) with `scheme`, by the tables the
/// generator writes Latin lists with; other characters are kept.
///
/// ```
/// use museum_synth::{Scheme, romanize};
/// assert_eq!(romanize("Бөкейханов", Scheme::Bgn), "Bökeykhanov");
/// assert_eq!(romanize("Жұмабаев", Scheme::Kz2021), "Jūmabaev");
/// ```
pub fn romanize(text: &str, scheme: Scheme) -> String {
    translit::romanize(text, scheme)
}

/// Writes the Kazakh letters of a Cyrillic text the way Russian clerks did (ә→а, ғ→г, қ→к,
/// ң→н, ө→о or у, ұ and ү→у, һ→х, і→и or ы, and a word-initial ж→дж when `dzh`), by the
/// generator's tables.
///
/// ```
/// use museum_synth::kazakh_to_russian;
/// assert_eq!(kazakh_to_russian("Бөкейхан", true, false, false), "Букейхан");
/// assert_eq!(kazakh_to_russian("Жансүгіров", false, true, false), "Джансугиров");
/// ```
pub fn kazakh_to_russian(text: &str, o_as_u: bool, dzh: bool, i_as_y: bool) -> String {
    translit::kazakh_letters_as_russian(
        text,
        translit::RussianHabits {
            o_as_u,
            zh_as_dzh: dzh,
            i_as_y,
        },
    )
}

use std::collections::BTreeMap;

use serde::Serialize;

use self::lists::{DateSupport, LISTS};
use self::noise::Noise;
use self::person::{GroupKind, GroupPlan};
use museum_core::error::{Error, Result};
use museum_core::model::{Script, Victim};
use museum_core::rng::{Rng, mix};

/// Salt of the per-record noise streams.
const SALT_RECORD: u64 = 3;
/// Salt of the per-position defect streams.
const SALT_DEFECT: u64 = 4;
/// Salt of the shuffle stream.
const SALT_SHUFFLE: u64 = 5;

/// The id of the source that stands for the generator itself (camps and events it writes).
pub const GENERATOR_SOURCE_ID: &str = "src-synthetic";

/// What to generate. Built with [`SynthOptions::new`] and the setters.
///
/// ```
/// use museum_synth::SynthOptions;
/// let o = SynthOptions::new(20_000).seed(42).duplicates(0.25).defects(0.01).with_archive(true);
/// assert_eq!(o.victims_count(), 20_000);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SynthOptions {
    victims: usize,
    seed: u64,
    duplicates: f64,
    defects: f64,
    with_archive: bool,
    multi_source: Option<MultiSource>,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions::new(1_000)
    }
}

impl SynthOptions {
    /// `victims` records, seed 0, 20% of persons duplicated, no defects, no camps/events files.
    pub fn new(victims: usize) -> Self {
        SynthOptions {
            victims,
            seed: 0,
            duplicates: 0.2,
            defects: 0.0,
            with_archive: false,
            multi_source: None,
        }
    }

    /// The multi-source mode: every person appears in `min_sources..=max_sources` records from
    /// different simulated lists (of [`MultiSource::SOURCES`]), with fields missing and
    /// field-level noise (see [`MultiSource`]). [`SynthOptions::duplicates`] is then unused.
    ///
    /// ```
    /// use museum_synth::{MultiSource, Synth, SynthOptions};
    /// let o = SynthOptions::new(2_000).seed(1).multi_source(Some(MultiSource::PROFILE));
    /// let s = Synth::new(&o)?;
    /// let sum = s.summary();
    /// assert!(sum.cluster_sizes.keys().all(|k| (3..=20).contains(k) || *k < 3));
    /// # Ok::<(), museum_core::Error>(())
    /// ```
    #[must_use]
    pub fn multi_source(mut self, mode: Option<MultiSource>) -> Self {
        self.multi_source = mode;
        self
    }

    /// The multi-source mode, when on.
    pub fn multi_source_mode(&self) -> Option<&MultiSource> {
        self.multi_source.as_ref()
    }

    /// The number of records (rows of persons; a person with two cases has two CSV rows).
    #[must_use]
    pub fn victims(mut self, n: usize) -> Self {
        self.victims = n;
        self
    }

    /// The seed: the same seed gives byte-identical output.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The share of persons (0–1) that appear in 2–4 records.
    #[must_use]
    pub fn duplicates(mut self, share: f64) -> Self {
        self.duplicates = share;
        self
    }

    /// The share of records (0–1) that get one planted defect, listed in `defects.csv`.
    #[must_use]
    pub fn defects(mut self, rate: f64) -> Self {
        self.defects = rate;
        self
    }

    /// Also write `camps.csv` and `events.csv` (labelled as written by the generator), so the
    /// directory validates as a whole archive.
    #[must_use]
    pub fn with_archive(mut self, yes: bool) -> Self {
        self.with_archive = yes;
        self
    }

    /// The number of records.
    pub fn victims_count(&self) -> usize {
        self.victims
    }

    /// The seed.
    pub fn seed_value(&self) -> u64 {
        self.seed
    }

    /// The share of duplicated persons.
    pub fn duplicates_share(&self) -> f64 {
        self.duplicates
    }

    /// The defect rate.
    pub fn defect_rate(&self) -> f64 {
        self.defects
    }

    /// Whether camps and events are written too.
    pub fn archive(&self) -> bool {
        self.with_archive
    }

    /// Checks the values.
    ///
    /// # Errors
    /// An invalid-option error when a share is outside 0–1 or the count is too large.
    pub fn check(&self) -> Result<()> {
        if !(0.0..=1.0).contains(&self.duplicates) {
            return Err(Error::invalid_option(format!(
                "the share of duplicated persons must be between 0 and 1, not {}",
                self.duplicates
            )));
        }
        if !(0.0..=1.0).contains(&self.defects) {
            return Err(Error::invalid_option(format!(
                "the defect rate must be between 0 and 1, not {}",
                self.defects
            )));
        }
        if let Some(m) = &self.multi_source {
            m.check()?;
        }
        if self.victims > 1 << 31 {
            return Err(Error::invalid_option(format!(
                "at most {} records can be generated, not {}",
                1u64 << 31,
                self.victims
            )));
        }
        Ok(())
    }
}

/// One generated record with its truth.
#[derive(Debug, Clone)]
pub struct SynthRecord {
    /// The record as the simulated list writes it.
    pub victim: Victim,
    /// The person the record is about (`per-0000001`); records with the same `person_id` are
    /// the same person.
    pub person_id: String,
    /// Defects planted in this record (empty without [`SynthOptions::defects`]).
    pub defects: Vec<Defect>,
}

/// A relation between two different persons: hard negatives for deduplication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// The first person.
    pub person_a: String,
    /// The second person.
    pub person_b: String,
    /// `father_son`, `brothers`, `spouses` or `namesakes`.
    pub relation: &'static str,
}

/// Counts of a generated archive, for `SYNTHETIC.md` and for tests.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SynthSummary {
    /// The seed.
    pub seed: u64,
    /// The share of duplicated persons asked for.
    pub duplicates_share: f64,
    /// The defect rate asked for.
    pub defect_rate: f64,
    /// Whether camps and events were written.
    pub with_archive: bool,
    /// Records (victim ids, one per record; a record with two cases has two CSV rows).
    pub records: usize,
    /// CSV rows of `victims.csv` (without the header).
    pub rows: usize,
    /// Distinct persons.
    pub persons: usize,
    /// Persons with two or more records.
    pub persons_with_duplicates: usize,
    /// Pairs of records of the same person (Σ k·(k−1)/2 over persons with k records).
    pub duplicate_pairs: u64,
    /// Number of persons by number of records.
    pub cluster_sizes: BTreeMap<usize, usize>,
    /// Groups of two or three namesakes (different persons, identical full name, birth years
    /// within ±2).
    pub namesake_groups: usize,
    /// Persons in namesake groups.
    pub namesake_persons: usize,
    /// Father–son pairs.
    pub father_son_pairs: usize,
    /// Groups of brothers.
    pub brother_groups: usize,
    /// Married couples.
    pub spouse_pairs: usize,
    /// Records by script of the full name (`kazakh_cyrillic`, `russian_cyrillic`, `latin`,
    /// `mixed`).
    pub scripts: BTreeMap<&'static str, usize>,
    /// Records by true nationality.
    pub nationalities: BTreeMap<&'static str, usize>,
    /// Records of men and of women (true sex).
    pub male_records: usize,
    /// See [`SynthSummary::male_records`].
    pub female_records: usize,
    /// Records by simulated source list.
    pub lists: BTreeMap<&'static str, usize>,
    /// Records carrying each kind of noise.
    pub noise: BTreeMap<&'static str, usize>,
    /// Planted defects by kind.
    pub defects: BTreeMap<&'static str, usize>,
    /// Date spellings used.
    pub date_spellings: Vec<&'static str>,
    /// Archival date spellings this build's date parser does not read, written in ISO instead.
    pub date_spellings_replaced: Vec<&'static str>,
}

impl SynthSummary {
    /// The share of persons with duplicates.
    pub fn duplicate_share(&self) -> f64 {
        if self.persons == 0 {
            0.0
        } else {
            self.persons_with_duplicates as f64 / self.persons as f64
        }
    }

    /// The number of planted defects.
    pub fn defect_count(&self) -> usize {
        self.defects.values().sum()
    }
}

/// Per-record counts, kept in arrays while generating and turned into the summary's maps.
#[derive(Debug, Clone, Default)]
struct Counts {
    records: usize,
    rows: usize,
    male: usize,
    female: usize,
    nationalities: [usize; 9],
    lists: [usize; 32],
    noise: [usize; 16],
    ms_noise: [usize; 11],
    scripts: [usize; 5],
    defects: [usize; 10],
}

impl Counts {
    fn merge(&mut self, o: &Counts) {
        self.records += o.records;
        self.rows += o.rows;
        self.male += o.male;
        self.female += o.female;
        let add = |a: &mut [usize], b: &[usize]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.nationalities, &o.nationalities);
        add(&mut self.lists, &o.lists);
        add(&mut self.noise, &o.noise);
        add(&mut self.ms_noise, &o.ms_noise);
        add(&mut self.scripts, &o.scripts);
        add(&mut self.defects, &o.defects);
    }
}

const SCRIPTS: [Script; 5] = [
    Script::KazakhCyrillic,
    Script::RussianCyrillic,
    Script::Latin,
    Script::Mixed,
    Script::Unknown,
];

/// A group's persons, cached while consecutive records belong to it.
type GroupCache = Option<(u64, Vec<person::Person>)>;

/// The generator: an iterator of [`SynthRecord`]s in file order.
///
/// The whole plan (which person each record position belongs to) is made up front in 8 bytes per
/// record; records are generated lazily, each a pure function of the seed and its position, so
/// [`Synth::write_csv`] generates on several threads and still writes the same bytes.
/// [`Synth::summary`] has the plan's counts from the start and the per-record counts (scripts,
/// noise, defects) of the records generated so far.
#[derive(Debug)]
pub struct Synth {
    options: SynthOptions,
    /// `group << 8 | member << 5 | copy`, in file order.
    slots: Vec<u64>,
    /// Per group: the number of its first person and its kind/members (for relations).
    groups: Vec<(u32, GroupKind, u8)>,
    pos: usize,
    dates: DateSupport,
    plan: SynthSummary,
    counts: Counts,
    cache: GroupCache,
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::KazakhCyrillic => "kazakh_cyrillic",
        Script::RussianCyrillic => "russian_cyrillic",
        Script::Latin => "latin",
        Script::Mixed => "mixed",
        Script::Unknown => "unknown",
    }
}

fn record_id(i: usize) -> String {
    format!("syn-{:07}", i + 1)
}

impl Synth {
    /// Plans a synthetic archive.
    ///
    /// # Errors
    /// When the options are invalid (see [`SynthOptions::check`]).
    pub fn new(options: &SynthOptions) -> Result<Synth> {
        options.check()?;
        let n = options.victims;
        let seed = options.seed;
        let mut slots: Vec<u64> = Vec::with_capacity(n);
        let mut groups: Vec<(u32, GroupKind, u8)> = Vec::with_capacity(n / 4 * 3 + 16);
        let mut plan_summary = SynthSummary {
            seed,
            duplicates_share: options.duplicates,
            defect_rate: options.defects,
            with_archive: options.with_archive,
            ..SynthSummary::default()
        };
        let s = &mut plan_summary;
        let mut next_person: u32 = 0;
        let mut g: u64 = 0;
        while slots.len() < n {
            let plan = group_plan(options, g);
            let mut present = 0u8;
            for (m, copies) in plan.copies.iter().take(plan.members).enumerate() {
                if slots.len() >= n {
                    break;
                }
                let k = usize::from(*copies).min(n - slots.len());
                for c in 0..k {
                    slots.push(g << 8 | (m as u64) << 5 | c as u64);
                }
                present += 1;
                s.persons += 1;
                *s.cluster_sizes.entry(k).or_insert(0) += 1;
                if k > 1 {
                    s.persons_with_duplicates += 1;
                    s.duplicate_pairs += (k * (k - 1) / 2) as u64;
                }
            }
            if present >= 2 {
                match plan.kind {
                    GroupKind::Single => {}
                    GroupKind::FatherSon => s.father_son_pairs += 1,
                    GroupKind::Brothers => s.brother_groups += 1,
                    GroupKind::Spouses => s.spouse_pairs += 1,
                    GroupKind::Namesakes => {
                        s.namesake_groups += 1;
                        s.namesake_persons += usize::from(present);
                    }
                }
            }
            groups.push((next_person, plan.kind, present));
            {
                next_person += plan.members as u32;
            }
            g += 1;
        }
        // Record ids must not reveal persons: shuffle the positions.
        Rng::new(mix(seed, SALT_SHUFFLE, 0, 0)).shuffle(&mut slots);
        let dates = DateSupport::probe();
        let (used, replaced) = dates.describe();
        plan_summary.date_spellings = used;
        plan_summary.date_spellings_replaced = replaced;
        Ok(Synth {
            options: options.clone(),
            slots,
            groups,
            pos: 0,
            dates,
            plan: plan_summary,
            counts: Counts::default(),
            cache: None,
        })
    }

    /// The counts: the plan's from the start, the per-record ones for the records generated so
    /// far (complete once every record was generated).
    pub fn summary(&self) -> SynthSummary {
        let mut s = self.plan.clone();
        let c = &self.counts;
        s.records = c.records;
        s.rows = c.rows;
        s.male_records = c.male;
        s.female_records = c.female;
        for (e, n) in person::eth_all().iter().zip(c.nationalities) {
            if n > 0 {
                s.nationalities.insert(e.en(), n);
            }
        }
        let ids: Vec<&'static str> = if self.options.multi_source.is_some() {
            multi::source_ids().collect()
        } else {
            LISTS.iter().map(|l| l.id).collect()
        };
        for (id, n) in ids.into_iter().zip(c.lists) {
            if n > 0 {
                s.lists.insert(id, n);
            }
        }
        for (k, n) in Noise::ALL.iter().zip(c.noise) {
            if n > 0 {
                s.noise.insert(k.as_str(), n);
            }
        }
        for (k, n) in multi::MsNoise::ALL.iter().zip(c.ms_noise) {
            if n > 0 {
                s.noise.insert(k.as_str(), n);
            }
        }
        for (k, n) in SCRIPTS.iter().zip(c.scripts) {
            if n > 0 {
                s.scripts.insert(script_name(*k), n);
            }
        }
        for (k, n) in DefectKind::ALL.iter().zip(c.defects) {
            if n > 0 {
                s.defects.insert(k.as_str(), n);
            }
        }
        s
    }

    /// The options.
    pub fn options(&self) -> &SynthOptions {
        &self.options
    }

    /// Records left to generate.
    pub fn remaining(&self) -> usize {
        self.slots.len() - self.pos
    }

    /// The relations between different persons of the archive (fathers and sons, brothers,
    /// spouses, namesakes), for evaluating deduplication on hard negatives.
    pub fn relations(&self) -> Vec<Relation> {
        let mut out = Vec::new();
        for (first, kind, present) in &self.groups {
            let present = u32::from(*present);
            let relation = match kind {
                GroupKind::Single => continue,
                GroupKind::FatherSon => "father_son",
                GroupKind::Brothers => "brothers",
                GroupKind::Spouses => "spouses",
                GroupKind::Namesakes => "namesakes",
            };
            for a in 0..present {
                for b in a + 1..present {
                    out.push(Relation {
                        person_a: person_id(first + a),
                        person_b: person_id(first + b),
                        relation,
                    });
                }
            }
        }
        out
    }

    /// Record `i` of the file: a pure function of the seed, the plan and `i`.
    fn make(&self, i: usize, cache: &mut GroupCache, counts: &mut Counts) -> SynthRecord {
        let slot = self.slots[i];
        let g = slot >> 8;
        let (member, copy) = (((slot >> 5) & 0x7) as usize, (slot & 0x1F) as usize);
        let seed = self.options.seed;
        if cache.as_ref().is_none_or(|(cg, _)| *cg != g) {
            let plan = group_plan(&self.options, g);
            *cache = Some((g, person::group(seed, g, &plan)));
        }
        let p = &cache.as_ref().expect("cached group").1[member];
        let pid = person_id(self.groups[g as usize].0 + member as u32);
        let mut rng = Rng::new(mix(
            seed,
            SALT_RECORD,
            g,
            (member as u64) << 8 | copy as u64,
        ));
        let ms = self.options.multi_source.as_ref();
        let (list, style) = match ms {
            Some(_) => {
                let s = multi::source(seed, g, member, copy);
                (s, multi::style_of(s))
            }
            None => (usize::from(p.lists[copy]), usize::from(p.lists[copy])),
        };
        let (mut victim, noise) = render::render(p, style, record_id(i), &mut rng, self.dates);
        if let Some(ms) = ms {
            let bits = multi::apply(
                &mut victim,
                ms,
                list,
                seed,
                (g, (member as u64) << 8 | copy as u64),
            );
            for (k, n) in counts.ms_noise.iter_mut().enumerate() {
                *n += usize::from(bits & (1 << k) != 0);
            }
        }
        counts.records += 1;
        counts.nationalities[p.eth as usize] += 1;
        if p.female {
            counts.female += 1;
        } else {
            counts.male += 1;
        }
        counts.lists[list] += 1;
        for (k, n) in Noise::ALL.iter().enumerate() {
            if noise.has(*n) {
                counts.noise[k] += 1;
            }
        }
        let mut planted = Vec::new();
        let rate = self.options.defects;
        if rate > 0.0 {
            let mut drng = Rng::new(mix(seed, SALT_DEFECT, i as u64, 0));
            if drng.chance(rate) {
                // The record before may be copied only when it keeps its own id.
                let prev = (i > 0
                    && !defects::first_draw_is_duplicate_id(
                        &mut Rng::new(mix(seed, SALT_DEFECT, i as u64 - 1, 0)),
                        rate,
                    ))
                .then(|| record_id(i - 1));
                if let Some(d) = defects::plant(&mut drng, &mut victim, prev.as_deref(), self.dates)
                {
                    counts.defects[d.kind as usize] += 1;
                    planted.push(d);
                }
            }
        }
        let script = victim.name.script;
        counts.scripts[SCRIPTS.iter().position(|s| *s == script).unwrap_or(4)] += 1;
        counts.rows += victim.cases.len().max(1);
        SynthRecord {
            victim,
            person_id: pid,
            defects: planted,
        }
    }
}

impl Iterator for Synth {
    type Item = SynthRecord;

    fn next(&mut self) -> Option<SynthRecord> {
        if self.pos >= self.slots.len() {
            return None;
        }
        let mut cache = self.cache.take();
        let mut counts = Counts::default();
        let r = self.make(self.pos, &mut cache, &mut counts);
        self.cache = cache;
        self.counts.merge(&counts);
        self.pos += 1;
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.remaining();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Synth {}

/// The plan of group `g`: the default plan, with the multi-source mode's record counts.
fn group_plan(options: &SynthOptions, g: u64) -> GroupPlan {
    let mut plan = GroupPlan::derive(options.seed, g, options.duplicates);
    if let Some(ms) = &options.multi_source {
        plan.copies = multi::copies(options.seed, g, ms);
    }
    plan
}

fn person_id(n: u32) -> String {
    format!("per-{:07}", n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_counts_add_up() {
        let s = Synth::new(&SynthOptions::new(5_000).seed(3)).unwrap();
        let sum = s.summary();
        let recs: usize = sum.cluster_sizes.iter().map(|(k, n)| k * n).sum();
        assert_eq!(recs, 5_000);
        assert_eq!(sum.cluster_sizes.values().sum::<usize>(), sum.persons);
        let rel = s.relations();
        assert!(rel.iter().any(|r| r.relation == "namesakes"));
        let all: Vec<SynthRecord> = s.collect();
        assert_eq!(all.len(), 5_000);
        let ids: std::collections::HashSet<&str> =
            all.iter().map(|r| r.victim.id.as_str()).collect();
        assert_eq!(ids.len(), 5_000);
    }

    #[test]
    fn bad_options_are_refused() {
        assert!(Synth::new(&SynthOptions::new(10).duplicates(1.5)).is_err());
        assert!(Synth::new(&SynthOptions::new(10).defects(-0.1)).is_err());
    }
}
