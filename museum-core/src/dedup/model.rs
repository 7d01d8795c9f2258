//! Probabilistic scoring in the Fellegi–Sunter spirit, with weights estimated from the data.
//!
//! For each field and agreement level: `m` = P(level | same person), `u` = P(level | different
//! people), weight = log2(m/u). A pair's match weight is the prior log-odds plus the sum of its
//! fields' weights; its probability is the logistic of that.
//!
//! - **u** comes from random pairs of records (almost all of them are different people).
//! - **m** comes from high-confidence pairs, field by field and leaving the field out: the m of
//!   the given name is the distribution of given-name levels among candidate pairs whose *other*
//!   fields alone make them near-certain matches. A few rounds refine it. This is a hard,
//!   leave-one-out variant of EM; plain EM over blocked pairs tends to learn "same family"
//!   (brothers and namesakes share surname, patronymic and birthplace) instead of "same person".
//! - **The prior** is the probability that two *random* records match (the weights are relative
//!   to random pairs, since u is), estimated as the expected number of matches among the
//!   candidates over the number of all pairs.
//! - Defaults act as pseudo-counts, so small files get sensible weights and large ones are
//!   learned.
//! - **Term frequency**: agreeing on a common surname, given name or birth place counts less than
//!   agreeing on a rare one: the weight of exact agreement on value `v` uses `u = freq(v)`.
//! - **Peoples**: records of one nationality share more than random pairs do (deported Chechens
//!   share the deportation day, the village and the sentence; Korean names come from a small
//!   pool). When both records have the same nationality, u is taken from random pairs *within*
//!   that nationality (for every group large enough to sample), and name frequencies are counted
//!   within it.
//! - **Namesakes**: surname, given name and patronymic are not independent (families and
//!   namesakes share them), so the three agreeing at once is much weaker evidence than the sum of
//!   their weights says. The joint u of "same surname and given name" (and "… and patronymic") is
//!   counted exactly in the data — pairs of records with identical name keys, minus the expected
//!   true matches among them — and replaces the product of the separate u's.

use serde::Serialize;

use super::compare::{
    FIELDS, Field, GIVEN_SAME, Levels, NOT_COMPARABLE, Prepared, SURNAME_SAME, SURNAME_STEM,
    compare_levels,
};
use super::util::{NONE, Sym, par_chunks};
use crate::rng::Rng;

/// Records a nationality needs to get its own u.
const MIN_STRATUM: usize = 200;

/// At most this many nationalities get their own u.
const MAX_STRATA: usize = 40;

/// Pseudo-pairs of the global u in a nationality's u.
const STRATUM_PRIOR: f64 = 200.0;

/// Pseudo-records of the shrinkage of the matches taken out of u: a list of 15 records takes out
/// 7 % of them, one of 1,000 records 83 %.
const U_PSEUDO_RECORDS: f64 = 200.0;

/// Pseudo-records of the term-frequency shrinkage.
const TF_PSEUDO_RECORDS: f64 = 1000.0;

pub(crate) use super::levels::{MAX_LEVELS, Table, monotone, probability};

mod bound;
mod early_exit;
pub(crate) use early_exit::Bound;
mod estimate;
mod frozen;

pub(crate) use frozen::{FrozenModel, symbols};

pub(crate) use estimate::CONFIDENT;
use estimate::{
    add_levels, confident_m, exact_names_share, fit_lambda, same_name_pairs, sample_u,
    u_without_matches,
};

/// Default m and u per field and level (used as priors).
fn defaults() -> (Table, Table) {
    let mut m = [[0.0; MAX_LEVELS]; FIELDS];
    let mut u = [[0.0; MAX_LEVELS]; FIELDS];
    let set = |t: &mut Table, f: Field, v: &[f64]| {
        t[f.index()][..v.len()].copy_from_slice(v);
    };
    set(&mut m, Field::Surname, &[0.02, 0.01, 0.04, 0.13, 0.2, 0.6]);
    set(
        &mut u,
        Field::Surname,
        &[0.94, 0.03, 0.02, 0.006, 0.002, 0.002],
    );
    set(&mut m, Field::Given, &[0.01, 0.01, 0.12, 0.03, 0.13, 0.7]);
    set(&mut u, Field::Given, &[0.82, 0.06, 0.05, 0.03, 0.01, 0.03]);
    set(
        &mut m,
        Field::Patronymic,
        &[0.01, 0.01, 0.12, 0.03, 0.13, 0.7],
    );
    set(
        &mut u,
        Field::Patronymic,
        &[0.82, 0.06, 0.05, 0.03, 0.01, 0.03],
    );
    set(&mut m, Field::Birth, &[0.03, 0.05, 0.12, 0.6, 0.2]);
    set(&mut u, Field::Birth, &[0.85, 0.08, 0.04, 0.025, 0.005]);
    set(&mut m, Field::BirthPlace, &[0.15, 0.15, 0.1, 0.6]);
    set(&mut u, Field::BirthPlace, &[0.9, 0.05, 0.01, 0.04]);
    set(&mut m, Field::Sex, &[0.01, 0.99]);
    set(&mut u, Field::Sex, &[0.5, 0.5]);
    set(&mut m, Field::Nationality, &[0.05, 0.95]);
    set(&mut u, Field::Nationality, &[0.4, 0.6]);
    for f in [Field::Arrest, Field::SentenceDate, Field::Death] {
        set(&mut m, f, &[0.05, 0.15, 0.2, 0.6]);
        set(&mut u, f, &[0.7, 0.25, 0.04, 0.01]);
    }
    set(&mut m, Field::Sentence, &[0.03, 0.07, 0.1, 0.8]);
    set(&mut u, Field::Sentence, &[0.45, 0.1, 0.15, 0.3]);
    (m, u)
}

/// The weights of one field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldWeights {
    /// The field.
    pub field: Field,
    /// Level labels, from disagreement up.
    pub levels: Vec<&'static str>,
    /// P(level | same person).
    pub m: Vec<f64>,
    /// P(level | different people).
    pub u: Vec<f64>,
    /// log2(m/u).
    pub weight: Vec<f64>,
}

/// The fitted model: per-field m/u and the prior.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// Per-field weights.
    pub fields: Vec<FieldWeights>,
    /// The prior: probability that two random records are the same person.
    pub lambda: f64,
    /// Random pairs sampled for u.
    pub u_sample: usize,
    /// Candidate pairs the estimation saw.
    pub em_pairs: u64,
    /// Whether term-frequency adjustment is on.
    pub term_frequency: bool,
    #[serde(skip)]
    records: usize,
    #[serde(skip)]
    w: Table,
    #[serde(skip)]
    u: Table,
    #[serde(skip)]
    m: Table,
    /// Correction (log2) when surname and given name agree exactly, and when the patronymic does
    /// too: joint u against the product of the separate u's (≤ 0).
    pub name_correlation: [f64; 2],
    /// Nationalities with their own u (from random pairs within them): (nationality, pairs
    /// sampled).
    pub strata: Vec<(String, usize)>,
    #[serde(skip)]
    stratum_tables: crate::hash::FxHashMap<Sym, Stratum>,
    #[serde(skip)]
    same_name_pairs: [f64; 2],
    /// P(surname and given agree exactly | match), P(… and patronymic | match), among pairs that
    /// other fields make near-certain.
    #[serde(skip)]
    p_exact: [f64; 2],
}

/// u and weights within one nationality.
#[derive(Debug, Clone)]
struct Stratum {
    u: Table,
    w: Table,
}

/// Settings of model estimation.
#[derive(Debug, Clone)]
pub(crate) struct FitOptions {
    pub(crate) u_sample: usize,
    pub(crate) em_iterations: usize,
    pub(crate) soft_em_rounds: usize,
    pub(crate) prior_strength: f64,
    pub(crate) term_frequency: bool,
    pub(crate) seed: u64,
    pub(crate) threads: usize,
}

/// What the model learns from besides the candidate patterns.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Evidence<'a> {
    /// Comparison levels of pairs a human decided: `true` for `same`, `false` for
    /// `different`. Used as labels: a `same` pair counts fully in m, a `different` pair in u.
    pub(crate) labels: &'a [(Levels, bool)],
    /// m and u of a saved model (`--model`): used as they are, only the prior is learned.
    pub(crate) fixed: Option<&'a Fixed>,
}

/// What a saved model (`--model`, [`super::model_file::ModelFile::fixed`]) fixes: its m and u
/// (`None` when its tables do not fit this version's levels: they are learned then), the share
/// of exact names among matches, and whether it used term frequencies.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed {
    pub(crate) tables: Option<(Table, Table)>,
    pub(crate) exact_names_share: [f64; 2],
    pub(crate) term_frequency: bool,
}

/// Counts of comparison patterns (packed levels → pairs), one map per thread.
pub(crate) type PatternCounts = Vec<std::collections::HashMap<u64, u64>>;

impl Model {
    /// Estimates u from random pairs, m from the high-confidence candidate patterns, and the
    /// prior.
    /// `scale`: how many candidate pairs each counted pattern stands for (the model sees a
    /// sample of the blocks).
    pub(crate) fn fit(
        p: &Prepared,
        patterns: &PatternCounts,
        scale: f64,
        opt: &FitOptions,
        evidence: Evidence<'_>,
    ) -> Model {
        let fixed = evidence.fixed.and_then(|f| f.tables);
        let (m0, u0) = fixed.unwrap_or_else(defaults);
        let (mut u_counts, sampled) = if fixed.is_some() {
            ([[0.0; MAX_LEVELS]; FIELDS], 0)
        } else {
            sample_u(p, opt)
        };
        // Pairs decided `different` are labelled non-matches: they count in u.
        if fixed.is_none() {
            for (l, _) in evidence.labels.iter().filter(|(_, same)| !same) {
                add_levels(&mut u_counts, l, 1.0);
            }
        }
        let u = if fixed.is_some() {
            u0
        } else {
            u_without_matches(&u_counts, &u0, &m0, 0.0)
        };
        let matches: Vec<&Levels> = evidence
            .labels
            .iter()
            .filter(|(_, same)| *same)
            .map(|(l, _)| l)
            .collect();
        let mut all: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
        for c in patterns {
            for (k, v) in c {
                *all.entry(*k).or_default() += v;
            }
        }
        // In key order: the fits below sum floating-point numbers over the patterns, and the
        // sum must not depend on a hash map's (per-process random) order.
        let mut all: Vec<(u64, u64)> = all.into_iter().collect();
        all.sort_unstable();
        let pats: Vec<(Levels, f64)> = all
            .iter()
            .map(|(k, c)| (super::compare::unpack(*k), *c as f64 * scale))
            .collect();
        let n = p.len() as f64;
        let total_pairs = (n * (n - 1.0) / 2.0).max(1.0);
        let mut model = Model {
            fields: Vec::new(),
            lambda: (n / total_pairs).clamp(1e-12, 0.5),
            u_sample: sampled,
            em_pairs: pats.iter().map(|(_, c)| *c as u64).sum(),
            term_frequency: opt.term_frequency,
            records: p.len(),
            w: [[0.0; MAX_LEVELS]; FIELDS],
            u,
            m: m0,
            name_correlation: [0.0; 2],
            strata: Vec::new(),
            stratum_tables: crate::hash::FxHashMap::default(),
            same_name_pairs: same_name_pairs(p),
            p_exact: evidence.fixed.map_or([0.5, 0.3], |f| f.exact_names_share),
        };
        if let Some(f) = evidence.fixed {
            model.term_frequency = opt.term_frequency && f.term_frequency;
        }
        model.refresh();
        let iterations = if fixed.is_some() {
            0
        } else {
            opt.em_iterations.max(1)
        };
        for _ in 0..iterations {
            model.lambda = fit_lambda(&model, &pats, total_pairs);
            model.p_exact = exact_names_share(&model, &pats);
            model.name_correlation = model.correlation(total_pairs);
            model.m = confident_m(&model, &pats, &matches, &m0, opt.prior_strength);
            // The random pairs u is counted on include the list's own matches: taken out.
            // Shrunk like the term frequencies: on a list of a few dozen records the prior and
            // m are too uncertain to take pairs out of u (brothers would then weigh as one
            // person).
            let shrink = n / (n + U_PSEUDO_RECORDS);
            model.u = u_without_matches(&u_counts, &u0, &model.m, model.lambda * shrink);
            model.refresh();
        }
        // Soft EM over the training passes, from the hard estimate (off by default: see
        // `DedupOptions::soft_em_rounds`).
        if opt.soft_em_rounds > 0 && iterations > 0 {
            let mut passes: Vec<super::em::PassPatterns> = super::em::Pass::ALL
                .iter()
                .map(|&pass| super::em::pass_patterns(p, pass, opt.u_sample, opt.threads))
                .collect();
            let mut levels = [0; FIELDS];
            for f in Field::ALL {
                levels[f.index()] = f.levels().len();
            }
            let correction = |_: &Table, l: &Levels| model.name_correction(l);
            let setup = super::em::EmSetup {
                levels,
                u: &model.u,
                m0: &m0,
                strength: opt.prior_strength,
                matches: &matches,
                names: &[0, 1, 2],
                correction: &correction,
            };
            super::em::fit_priors(&mut passes, &setup, &model.m);
            let m = super::em::soft_em(&mut passes, &setup, model.m, opt.soft_em_rounds);
            model.m = m;
            model.refresh();
        }
        model.lambda = fit_lambda(&model, &pats, total_pairs);
        model.name_correlation = model.correlation(total_pairs);
        model.lambda = fit_lambda(&model, &pats, total_pairs);
        model.fit_strata(p, opt);
        model
    }

    /// u within each nationality large enough to sample (smoothed towards the global u).
    fn fit_strata(&mut self, p: &Prepared, opt: &FitOptions) {
        let mut groups: crate::hash::FxHashMap<Sym, Vec<u32>> = crate::hash::FxHashMap::default();
        for (i, r) in p.recs.iter().enumerate() {
            if r.nationality != NONE {
                groups.entry(r.nationality).or_default().push(i as u32);
            }
        }
        let mut groups: Vec<(Sym, Vec<u32>)> = groups
            .into_iter()
            .filter(|(_, v)| v.len() >= MIN_STRATUM)
            .collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        groups.truncate(MAX_STRATA);
        let per_group = (opt.u_sample / 4).max(1000);
        let seed = opt.seed;
        let counted: Vec<Vec<(Sym, Table, usize)>> =
            par_chunks(groups.len(), opt.threads, |range| {
                groups[range]
                    .iter()
                    .map(|(nat, members)| {
                        let mut c = [[0.0; MAX_LEVELS]; FIELDS];
                        let mut add = |l: &Levels| {
                            for (f, lv) in l.iter().enumerate() {
                                if *lv != NOT_COMPARABLE {
                                    c[f][usize::from(*lv)] += 1.0;
                                }
                            }
                        };
                        let n = members.len();
                        let all = n * (n - 1) / 2;
                        let mut sampled = 0;
                        if all <= per_group {
                            for (k, &a) in members.iter().enumerate() {
                                for &b in &members[k + 1..] {
                                    add(&compare_levels(p, a as usize, b as usize).0);
                                    sampled += 1;
                                }
                            }
                        } else {
                            let mut rng = Rng::new(seed ^ u64::from(*nat));
                            for _ in 0..per_group {
                                let (a, b) = (rng.below(n), rng.below(n));
                                if a != b {
                                    add(&compare_levels(
                                        p,
                                        members[a] as usize,
                                        members[b] as usize,
                                    )
                                    .0);
                                    sampled += 1;
                                }
                            }
                        }
                        (*nat, c, sampled)
                    })
                    .collect()
            });
        for (nat, c, sampled) in counted.into_iter().flatten() {
            let mut u = self.u;
            let mut w = self.w;
            for f in Field::ALL {
                let fi = f.index();
                let k = f.levels().len();
                let total: f64 = c[fi][..k].iter().sum();
                for l in 0..k {
                    u[fi][l] = ((c[fi][l] + STRATUM_PRIOR * self.u[fi][l])
                        / (total + STRATUM_PRIOR))
                        .max(1e-7);
                }
                let mut m = self.m[fi];
                monotone(&mut m[..k], &u[fi][..k]);
                for l in 0..k {
                    w[fi][l] = (m[l] / u[fi][l]).log2().clamp(-20.0, 20.0);
                }
            }
            self.strata.push((p.strings.get(nat).to_owned(), sampled));
            self.stratum_tables.insert(nat, Stratum { u, w });
        }
    }

    /// The nationality both records share, when it has its own u.
    fn stratum(&self, p: &Prepared, i: usize, j: usize) -> Option<&Stratum> {
        let (a, b) = (p.recs[i].nationality, p.recs[j].nationality);
        if a != NONE && a == b {
            self.stratum_tables.get(&a)
        } else {
            None
        }
    }

    /// The nationality whose u was used for the pair (`None`: the whole list's).
    pub(crate) fn stratum_name(&self, p: &Prepared, i: usize, j: usize) -> Option<String> {
        self.stratum(p, i, j)
            .map(|_| p.strings.get(p.recs[i].nationality).to_owned())
    }

    /// The weight of a field for a pair: (weight of the level, term-frequency adjustment).
    pub(crate) fn field_weight(
        &self,
        p: &Prepared,
        i: usize,
        j: usize,
        f: Field,
        level: u8,
        names: (usize, usize),
    ) -> (f64, f64) {
        if level == NOT_COMPARABLE {
            return (0.0, 0.0);
        }
        let stratum = self.stratum(p, i, j).filter(|_| f != Field::Nationality);
        let w = stratum.map_or(&self.w, |s| &s.w)[f.index()][usize::from(level)];
        // A common value says less than a rare one, but an agreement never counts against the
        // match: the adjustment can bring a positive weight down to 0, not below.
        let tf = self.tf_adjust_in(p, f, level, i, j, names, stratum);
        (w, tf.max(-w.max(0.0)))
    }

    /// The namesake corrections: joint u of exact name agreement (pairs with identical name keys
    /// minus the expected matches among them) against the product of the separate u's.
    fn correlation(&self, total_pairs: f64) -> [f64; 2] {
        let (s, g, pa) = (
            Field::Surname.index(),
            Field::Given.index(),
            Field::Patronymic.index(),
        );
        let matches = self.lambda * total_pairs;
        let u_sg = (self.u[s][usize::from(SURNAME_STEM)] + self.u[s][usize::from(SURNAME_SAME)])
            * self.u[g][usize::from(GIVEN_SAME)];
        let u_sgp = u_sg * self.u[pa][usize::from(GIVEN_SAME)];
        let [m_sg, m_sgp] = self.p_exact;
        // Shrunk towards independence like the term frequencies: on a small list a few rows
        // with one name say little about how namesakes cluster (three identical rows among nine
        // are more likely one person than a family of namesakes).
        let pseudo = TF_PSEUDO_RECORDS * (TF_PSEUDO_RECORDS - 1.0) / 2.0;
        let joint = |pairs: f64, m: f64, independent: f64| {
            // At least a few pairs' worth, so a file without namesakes is not over-corrected.
            (((pairs - matches * m).max(1.0) + pseudo * independent) / (total_pairs + pseudo))
                .max(1e-15)
        };
        let c_sg = (u_sg / joint(self.same_name_pairs[0], m_sg, u_sg))
            .log2()
            .clamp(-20.0, 0.0);
        let c_sgp = (u_sgp / joint(self.same_name_pairs[1], m_sgp, u_sgp))
            .log2()
            .clamp(-20.0, 0.0);
        [c_sg, c_sgp]
    }

    /// The namesake correction for a pair with these levels.
    pub(crate) fn name_correction(&self, l: &Levels) -> f64 {
        let (s, g, pa) = (
            l[Field::Surname.index()],
            l[Field::Given.index()],
            l[Field::Patronymic.index()],
        );
        if (s == SURNAME_STEM || s == SURNAME_SAME) && g == GIVEN_SAME {
            if pa == GIVEN_SAME {
                self.name_correlation[1]
            } else {
                self.name_correlation[0]
            }
        } else {
            0.0
        }
    }

    fn refresh(&mut self) {
        self.fields.clear();
        for f in Field::ALL {
            let fi = f.index();
            let k = f.levels().len();
            monotone(&mut self.m[fi][..k], &self.u[fi][..k]);
            for l in 0..k {
                self.w[fi][l] = (self.m[fi][l] / self.u[fi][l]).log2().clamp(-20.0, 20.0);
            }
            self.fields.push(FieldWeights {
                field: f,
                levels: f.levels().to_vec(),
                m: self.m[fi][..k].to_vec(),
                u: self.u[fi][..k].to_vec(),
                weight: self.w[fi][..k].to_vec(),
            });
        }
    }

    /// Whether hard evidence against a pair ([`super::compare::conflict`]: `conflict`, found
    /// with these `levels`) stands although the pair's match probability is `probability`.
    ///
    /// A conflict is hard evidence only as far as the list's own matches rarely show it: it
    /// stands unless the pair is less likely a non-match (1 − p) than a true match is to disagree
    /// so (on a list whose given names are often replaced, a different given name vetoes less).
    /// A true match disagreeing so is m of the field's lowest level, learned from the list; when
    /// other fields that can conflict disagree at their lowest level too (a different given name
    /// *and* patronymic, or birth years far apart as well), it is the product of their m: two
    /// brothers shot on the same day share every date, which can outweigh one different given
    /// name but not a given name and a patronymic and a birth year all different.
    pub(crate) fn conflict_stands(
        &self,
        conflict: &str,
        levels: &Levels,
        probability: f64,
    ) -> bool {
        let field = super::compare::conflict_field(conflict);
        let mut m = self.m[field.index()][0];
        for f in [Field::Given, Field::Patronymic, Field::Sex, Field::Birth] {
            if f != field && levels[f.index()] == 0 {
                m *= self.m[f.index()][0];
            }
        }
        1.0 - probability > m
    }

    /// Records of the list the model was fitted on.
    pub fn records(&self) -> usize {
        self.records
    }

    /// Among matches, the share whose surname and given name agree exactly, and whose
    /// patronymic does too.
    pub fn exact_names_share(&self) -> [f64; 2] {
        self.p_exact
    }

    /// The weight of `level` of field `f` (0 for [`NOT_COMPARABLE`]).
    pub(crate) fn weight(&self, f: Field, level: u8) -> f64 {
        if level == NOT_COMPARABLE {
            0.0
        } else {
            self.w[f.index()][usize::from(level)]
        }
    }

    /// The prior log-odds.
    pub(crate) fn prior(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// The term-frequency adjustment for a field at a level, given the pair (names chosen) and
    /// the nationality whose u applies.
    #[allow(clippy::too_many_arguments)]
    fn tf_adjust_in(
        &self,
        p: &Prepared,
        f: Field,
        level: u8,
        i: usize,
        j: usize,
        names: (usize, usize),
        stratum: Option<&Stratum>,
    ) -> f64 {
        if !self.term_frequency || level == NOT_COMPARABLE {
            return 0.0;
        }
        // Within a nationality only names are counted within it; places and dates are already
        // in its u.
        if stratum.is_some() && !matches!(f, Field::Surname | Field::Given) {
            return 0.0;
        }
        let ut = stratum.map_or(&self.u, |s| &s.u);
        let mut n = self.records.max(1) as f64;
        let fi = f.index();
        // Names: within the nationality when both records share one (names cluster by people:
        // a Korean given name is rare in the whole list and common among Koreans).
        let (na, nb) = (p.recs[i].nationality, p.recs[j].nationality);
        let same_nat = na != NONE && na == nb;
        let mut within = |v: Sym, kind: u8, global: u32| -> u32 {
            if same_nat && let Some(total) = p.freq.nationality.get(&na) {
                n = f64::from(*total);
                p.freq
                    .by_nationality
                    .get(&(na, v, kind))
                    .copied()
                    .unwrap_or(global)
            } else {
                global
            }
        };
        let (count, u_level) = match (f, level) {
            (Field::Surname, SURNAME_STEM | SURNAME_SAME) => {
                let a = p.names_of(i).get(names.0).and_then(|x| x.parts[0]);
                let b = p.names_of(j).get(names.1).and_then(|x| x.parts[0]);
                match (a, b) {
                    (Some(a), Some(b)) if a.stem == b.stem => (
                        within(a.stem, 0, p.freq.surname_stem[a.stem as usize]),
                        ut[fi][usize::from(SURNAME_STEM)] + ut[fi][usize::from(SURNAME_SAME)],
                    ),
                    _ => return 0.0,
                }
            }
            (Field::Given, GIVEN_SAME) => {
                let a = p.names_of(i).get(names.0).and_then(|x| x.parts[1]);
                match a {
                    Some(a) if !a.is_initial => (
                        within(a.folded, 1, p.freq.given[a.folded as usize]),
                        ut[fi][usize::from(GIVEN_SAME)],
                    ),
                    _ => return 0.0,
                }
            }
            (Field::BirthPlace, 3) => {
                let s = p.recs[i].birth_place;
                if s == NONE {
                    return 0.0;
                }
                (p.freq.birth_place[s as usize], ut[fi][2])
            }
            // Dates: a day shared by a mass operation (a deportation, a troika session) says
            // less than a day of one arrest.
            (Field::Arrest | Field::SentenceDate | Field::Death, 2 | 3) => {
                let Some(span) = super::compare::agreeing_span(p, i, j, f, level) else {
                    return 0.0;
                };
                let k = fi as u8;
                let count = if level == 3 {
                    p.freq.day.get(&(k, span.lo))
                } else {
                    p.freq
                        .month
                        .get(&(k, super::compare::month_bucket(span.lo)))
                };
                (count.copied().unwrap_or(0), ut[fi][usize::from(level)])
            }
            _ => return 0.0,
        };
        if count == 0 {
            return 0.0;
        }
        // Agreeing on a value as common as the typical agreeing value is what the level's u
        // already says. The sampled u counts only pairs of *other* records, so on a field whose
        // values are nearly unique (a full address) it is far below the frequency of any value
        // seen in a few records of one person: compared with it, that person's own records
        // would make their value look common.
        let u_level = match (stratum, p.freq.typical.get(&(fi as u8, level))) {
            (None, Some(typical)) => u_level.max(*typical),
            _ => u_level,
        };
        // Shrunk towards the average agreement rate: in a small file a count says little.
        let tf = (f64::from(count) + TF_PSEUDO_RECORDS * u_level) / (n + TF_PSEUDO_RECORDS);
        (u_level / tf).log2().clamp(-5.0, 5.0)
    }

    /// The match weight and probability of a pair with these levels.
    pub(crate) fn score(
        &self,
        p: &Prepared,
        i: usize,
        j: usize,
        levels: &Levels,
        names: (usize, usize),
    ) -> (f64, f64) {
        // The same orientation as `compare`, so the sum below is the same either way.
        let (i, j, names) = if super::compare::swapped(p, i, j) {
            (j, i, (names.1, names.0))
        } else {
            (i, j, names)
        };
        let mut w = self.prior() + self.name_correction(levels);
        for f in Field::ALL {
            let l = levels[f.index()];
            if l != NOT_COMPARABLE {
                let (base, tf) = self.field_weight(p, i, j, f, l, names);
                w += base + tf;
            }
        }
        (w, probability(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_distributions_and_agreement_is_positive() {
        let (m, u) = defaults();
        for f in Field::ALL {
            let k = f.levels().len();
            let sm: f64 = m[f.index()][..k].iter().sum();
            let su: f64 = u[f.index()][..k].iter().sum();
            assert!((sm - 1.0).abs() < 1e-9, "{f:?} m sums to {sm}");
            assert!((su - 1.0).abs() < 1e-9, "{f:?} u sums to {su}");
            assert!(m[f.index()][k - 1] > u[f.index()][k - 1]);
            assert!(m[f.index()][0] < u[f.index()][0]);
        }
    }

    #[test]
    fn monotone_pools_inverted_levels_and_keeps_the_total() {
        // "same stem" weighing more than "same": pooled.
        let u = [0.97, 0.02, 0.006, 0.002, 0.002];
        let mut m = [0.03, 0.04, 0.13, 0.5, 0.3];
        monotone(&mut m, &u);
        let w: Vec<f64> = m.iter().zip(u).map(|(m, u)| (m / u).log2()).collect();
        for k in 1..w.len() {
            assert!(w[k] >= w[k - 1] - 1e-12, "{w:?}");
        }
        assert!((m.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((w[3] - w[4]).abs() < 1e-12, "pooled: {w:?}");
        assert!((m[3] - 0.4).abs() < 1e-12, "{m:?}");
        // Already ordered: untouched.
        let mut ok = [0.1, 0.2, 0.7];
        monotone(&mut ok, &[0.8, 0.15, 0.05]);
        assert_eq!(ok, [0.1, 0.2, 0.7]);
        // Several violations in a row collapse into one block.
        let mut m = [0.4, 0.3, 0.2, 0.1];
        monotone(&mut m, &[0.25, 0.25, 0.25, 0.25]);
        assert!(m.iter().all(|x| (x - 0.25).abs() < 1e-12), "{m:?}");
    }

    #[test]
    fn logistic() {
        assert!((probability(0.0) - 0.5).abs() < 1e-12);
        assert!(probability(10.0) > 0.999);
    }
}
