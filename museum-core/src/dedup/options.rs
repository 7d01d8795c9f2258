//! The options of deduplication ([`DedupOptions`]) and of incremental matching ([`Increment`]).

use super::{ModelFile, Rule};

/// Options of deduplication. Thresholds are options, never constants in the code.
#[derive(Debug, Clone)]
pub struct DedupOptions {
    /// Link two records when their match probability is at least this (0–1).
    pub threshold: f64,
    /// When merging two clusters, the mean probability over all their cross pairs must be at
    /// least this (prevents chaining through a namesake).
    pub min_mean_probability: f64,
    /// When merging two clusters, no cross pair may be less likely than this (strong evidence
    /// against one pair vetoes the merge).
    pub min_cross_probability: f64,
    /// Blocks larger than this are compared in a sliding window instead of all pairs.
    pub max_block_size: usize,
    /// The window of large blocks: each member of a block above the cap is compared with this many
    /// neighbours on each side of each of the block's two sort orders (besides the members of
    /// its sub-block, up to the cap; rules that pair only flagged records look further, see
    /// `Rule::window`). 5 by default: at 10, four fifths of the pairs of a million synthetic
    /// records came from these neighbourhoods alone, one in 7,600 a true pair no other key or
    /// neighbour found; with 5, FEBRL 1–4 and the synthetic 20k lists score the same (the
    /// multi-source ones within 0.0002 blocking recall), 250,000 and 1,010,000 records lose 20 %
    /// and 28 % of their pairs with a better F1. A neighbour five places away in an order whose
    /// first two fields already differ (a different given name and birth year in a surname's
    /// block) is rarely the same person in any list.
    pub window: usize,
    /// The blocking rules in use ([`Rule::defaults`] by default).
    pub rules: Vec<Rule>,
    /// Random pairs sampled to estimate u.
    pub u_sample: usize,
    /// About this many candidate pairs (a sample of the blocks) are used to estimate m.
    pub model_pairs: usize,
    /// Rounds of m estimation from high-confidence pairs.
    pub em_iterations: usize,
    /// Rounds of soft EM over training passes (same birth day, same surname, same given name
    /// and year: each field's m from the passes that do not block on it, as Splink trains)
    /// after the high-confidence estimate. 0 (the default): none. It lifts recall where fields
    /// are often replaced (FEBRL), but on lists of families it learns "same family" rather than
    /// "same person" (siblings share surname, patronymic, place and arrest day), and precision
    /// falls (synthetic archive: 0.992 → 0.979 after 3 rounds).
    pub soft_em_rounds: usize,
    /// Strength of the default m as pseudo-counts (in pairs).
    pub prior_strength: f64,
    /// Term-frequency adjustment (a common surname counts less than a rare one).
    pub term_frequency: bool,
    /// Keep the list of compared pairs (needed for blocking recall in [`DedupResult::evaluate`](super::DedupResult::evaluate)).
    pub keep_candidates: bool,
    /// With [`keep_candidates`](Self::keep_candidates), keep only the compared pairs of records
    /// in one group: record `i`'s group is `candidate_groups[i]` ([`NO_GROUP`]: none). Blocking
    /// recall asks only about true pairs, so [`DedupJob`](super::DedupJob) groups the records by
    /// their truth person: at a million records that keeps about a million pairs instead of 90
    /// million. `None`: every compared pair is kept.
    pub candidate_groups: Option<std::sync::Arc<Vec<u32>>>,
    /// Seed of the random pair sample.
    pub seed: u64,
    /// Worker threads (0: as many as the machine has).
    pub threads: usize,
    /// A saved model (`--model`): its m and u are used instead of being learned from the list;
    /// only the prior is learned.
    pub model: Option<ModelFile>,
    /// Incremental matching (the person registry's hook, see [`Increment`]); `None`: every
    /// candidate pair is compared.
    pub increment: Option<std::sync::Arc<Increment>>,
    /// When decisions are labels, also fit the model without them (same sample, same
    /// candidates) and measure what they changed ([`DedupResult::decisions_effect`](super::DedupResult::decisions_effect)): one more
    /// model fit and every candidate scored twice.
    pub measure_decisions: bool,
    /// Also keep the scored pairs at or above this probability and below
    /// [`threshold`](Self::threshold), in [`DedupResult::review_links`](super::DedupResult::review_links),
    /// for the human review ([`crate::review`]): its uncertain band then comes from this run
    /// instead of a second one. `None` (the default): only the links are kept. Clusters and
    /// links do not change; pairs reached only through a link below the threshold (records
    /// linked to a common record) are not compared for it.
    pub review_threshold: Option<f64>,
}

/// A record in no group of [`DedupOptions::candidate_groups`].
pub const NO_GROUP: u32 = u32::MAX;

/// Incremental matching, for an archive that grows ([`crate::persons`]): only candidate pairs
/// with at least one record in `focus` (new and changed records) are compared; the other records
/// keep the grouping they already have (`known`: records with the same group are joined as links
/// stated by the data are). Blocking and the model still see every record, so a new record is
/// compared against the whole archive.
#[derive(Debug, Clone, Default)]
pub struct Increment {
    /// Per record: compare it (new or changed).
    pub focus: Vec<bool>,
    /// Per record outside `focus`: its known group (records with equal groups are one person).
    pub known: Vec<Option<u32>>,
    /// The model and whole-list statistics of an earlier full run (the person index): used
    /// instead of fitting a model and counting term frequencies on these records, which are then
    /// a subset of the archive (new and changed records and those sharing a blocking key).
    pub frozen: Option<std::sync::Arc<super::Frozen>>,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            threshold: 0.9,
            min_mean_probability: 0.5,
            min_cross_probability: 0.01,
            max_block_size: 30,
            window: 5,
            rules: Rule::defaults(),
            u_sample: 300_000,
            model_pairs: 2_000_000,
            em_iterations: 4,
            soft_em_rounds: 0,
            prior_strength: 200.0,
            term_frequency: true,
            keep_candidates: false,
            candidate_groups: None,
            seed: 0x6d75_7365_756d,
            threads: 0,
            model: None,
            increment: None,
            measure_decisions: false,
            review_threshold: None,
        }
    }
}

impl DedupOptions {
    /// Sets the link threshold.
    #[must_use]
    pub fn threshold(mut self, t: f64) -> Self {
        self.threshold = t;
        self
    }

    /// Sets the block size cap.
    #[must_use]
    pub fn max_block_size(mut self, n: usize) -> Self {
        self.max_block_size = n;
        self
    }

    /// Keeps the compared pairs for blocking recall.
    #[must_use]
    pub fn keep_candidates(mut self, on: bool) -> Self {
        self.keep_candidates = on;
        self
    }

    /// Also keeps the scored pairs from `t` up to the threshold, for the review
    /// ([`DedupOptions::review_threshold`]).
    #[must_use]
    pub fn review_threshold(mut self, t: f64) -> Self {
        self.review_threshold = Some(t);
        self
    }

    /// Sets the number of threads (0: all).
    #[must_use]
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }
}
