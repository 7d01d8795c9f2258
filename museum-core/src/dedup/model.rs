//! Probabilistic scoring in the Fellegi–Sunter spirit, with weights estimated from the data.
//!
//! For each field and agreement level: `m` = P(level | same person), `u` = P(level | different
//! people), weight = log2(m/u). A pair's match weight is the prior log-odds plus the sum of its
//! fields' weights; its probability is the logistic of that.
//!
//! - **u** comes from random pairs of records (almost all of them are different people).
//! - **m** comes from expectation–maximisation over the candidate pairs, one run per blocking
//!   rule with the fields that rule used left out (a rule that requires the surname to agree says
//!   nothing about how often true duplicates agree on it) — the approach of Splink.
//! - Defaults act as pseudo-counts, so small files get sensible weights and large ones are
//!   learned.
//! - **Term frequency**: agreeing on a common surname, given name or birth place counts less than
//!   agreeing on a rare one: the weight of exact agreement on value `v` uses `u = freq(v)`.

use serde::Serialize;

use super::compare::{FIELDS, Field, Levels, NULL, Prepared, compare};
use super::util::{NONE, SplitMix64, par_chunks};

/// The most levels a field has.
pub(crate) const MAX_LEVELS: usize = 5;

type Table = [[f64; MAX_LEVELS]; FIELDS];

/// Default m and u per field and level (used as priors).
fn defaults() -> (Table, Table) {
    let mut m = [[0.0; MAX_LEVELS]; FIELDS];
    let mut u = [[0.0; MAX_LEVELS]; FIELDS];
    let set = |t: &mut Table, f: Field, v: &[f64]| {
        t[f.index()][..v.len()].copy_from_slice(v);
    };
    set(&mut m, Field::Surname, &[0.03, 0.04, 0.13, 0.2, 0.6]);
    set(&mut u, Field::Surname, &[0.97, 0.02, 0.006, 0.002, 0.002]);
    set(&mut m, Field::Given, &[0.03, 0.12, 0.15, 0.7]);
    set(&mut u, Field::Given, &[0.9, 0.05, 0.02, 0.03]);
    set(&mut m, Field::Patronymic, &[0.03, 0.12, 0.15, 0.7]);
    set(&mut u, Field::Patronymic, &[0.9, 0.05, 0.02, 0.03]);
    set(&mut m, Field::Birth, &[0.03, 0.05, 0.12, 0.6, 0.2]);
    set(&mut u, Field::Birth, &[0.85, 0.08, 0.04, 0.025, 0.005]);
    set(&mut m, Field::BirthPlace, &[0.15, 0.15, 0.7]);
    set(&mut u, Field::BirthPlace, &[0.9, 0.05, 0.05]);
    set(&mut m, Field::Sex, &[0.01, 0.99]);
    set(&mut u, Field::Sex, &[0.5, 0.5]);
    set(&mut m, Field::Nationality, &[0.05, 0.95]);
    set(&mut u, Field::Nationality, &[0.4, 0.6]);
    for f in [Field::Arrest, Field::SentenceDate, Field::Death] {
        set(&mut m, f, &[0.05, 0.15, 0.2, 0.6]);
        set(&mut u, f, &[0.7, 0.25, 0.04, 0.01]);
    }
    set(&mut m, Field::Sentence, &[0.05, 0.15, 0.8]);
    set(&mut u, Field::Sentence, &[0.5, 0.2, 0.3]);
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
    /// Prior share of true matches among the candidate pairs.
    pub lambda: f64,
    /// Random pairs sampled for u.
    pub u_sample: usize,
    /// Candidate pairs the EM saw.
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
}

/// Settings of model estimation.
#[derive(Debug, Clone)]
pub(crate) struct FitOptions {
    pub(crate) u_sample: usize,
    pub(crate) em_iterations: usize,
    pub(crate) prior_strength: f64,
    pub(crate) term_frequency: bool,
    pub(crate) seed: u64,
    pub(crate) threads: usize,
}

/// Counts of comparison patterns, per blocking rule.
pub(crate) type PatternCounts = Vec<std::collections::HashMap<u64, u64>>;

impl Model {
    /// Estimates u from random pairs and m by EM over the candidate patterns (`patterns[r]` are
    /// the patterns of pairs found by rule `r`, and `rule_fields[r]` the fields that rule used).
    pub(crate) fn fit(
        p: &Prepared,
        patterns: &PatternCounts,
        rule_fields: &[&[Field]],
        opt: &FitOptions,
    ) -> Model {
        let (m0, u0) = defaults();
        let (u_counts, sampled) = sample_u(p, opt);
        let mut u = u0;
        for f in Field::ALL {
            let k = f.levels().len();
            let fi = f.index();
            let total: f64 = u_counts[fi][..k].iter().sum();
            for l in 0..k {
                // Pseudo-counts: a weak prior of 50 pairs, and never exactly 0.
                u[fi][l] = ((u_counts[fi][l] + 50.0 * u0[fi][l]) / (total + 50.0)).max(1e-7);
            }
        }
        // m: one EM per rule, fields of that rule masked; estimates averaged over the rules
        // that did not use the field.
        let mut m_sum = [[0.0; MAX_LEVELS]; FIELDS];
        let mut m_n = [0.0f64; FIELDS];
        let mut em_pairs = 0u64;
        for (r, counts) in patterns.iter().enumerate() {
            let n: u64 = counts.values().sum();
            em_pairs += n;
            if n == 0 {
                continue;
            }
            let mask: Vec<bool> = Field::ALL
                .iter()
                .map(|f| rule_fields.get(r).is_some_and(|fs| fs.contains(f)))
                .collect();
            let pats: Vec<(Levels, f64)> = counts
                .iter()
                .map(|(k, c)| (super::compare::unpack(*k), *c as f64))
                .collect();
            let (m, counted) = em(&pats, &mask, &m0, &u, opt);
            for f in 0..FIELDS {
                if !mask[f] && counted[f] > 0.0 {
                    // Weight each rule's estimate by how much evidence it had.
                    let w = counted[f].min(1e6);
                    for l in 0..MAX_LEVELS {
                        m_sum[f][l] += m[f][l] * w;
                    }
                    m_n[f] += w;
                }
            }
        }
        let mut m = m0;
        for f in Field::ALL {
            let fi = f.index();
            let k = f.levels().len();
            if m_n[fi] > 0.0 {
                for l in 0..k {
                    m[fi][l] = (m_sum[fi][l] / m_n[fi]).max(1e-6);
                }
            }
            // Agreement must never count against a match: keep m/u increasing with the level
            // for the top level of each field.
            let norm: f64 = m[fi][..k].iter().sum();
            for l in 0..k {
                m[fi][l] /= norm;
            }
        }
        let mut model = Model {
            fields: Vec::new(),
            lambda: 0.01,
            u_sample: sampled,
            em_pairs,
            term_frequency: opt.term_frequency,
            records: p.len(),
            w: [[0.0; MAX_LEVELS]; FIELDS],
            u,
            m,
        };
        model.refresh();
        // The prior: share of matches among all candidates, by EM on lambda alone.
        let mut all: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
        for c in patterns {
            for (k, v) in c {
                *all.entry(*k).or_default() += v;
            }
        }
        model.lambda = fit_lambda(&model, &all);
        model
    }

    fn refresh(&mut self) {
        self.fields.clear();
        for f in Field::ALL {
            let fi = f.index();
            let k = f.levels().len();
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

    /// The weight of `level` of field `f` (0 for [`NULL`]).
    pub(crate) fn weight(&self, f: Field, level: u8) -> f64 {
        if level == NULL {
            0.0
        } else {
            self.w[f.index()][usize::from(level)]
        }
    }

    /// The prior log-odds.
    pub(crate) fn prior(&self) -> f64 {
        (self.lambda / (1.0 - self.lambda)).log2()
    }

    /// The term-frequency adjustment for a field at a level, given the pair (names chosen).
    pub(crate) fn tf_adjust(
        &self,
        p: &Prepared,
        f: Field,
        level: u8,
        i: usize,
        j: usize,
        names: (usize, usize),
    ) -> f64 {
        if !self.term_frequency || level == NULL {
            return 0.0;
        }
        let n = self.records.max(1) as f64;
        let fi = f.index();
        let (count, u_level) = match (f, level) {
            (Field::Surname, 3 | 4) => {
                let a = p.names_of(i).get(names.0).and_then(|x| x.parts[0]);
                let b = p.names_of(j).get(names.1).and_then(|x| x.parts[0]);
                match (a, b) {
                    (Some(a), Some(b)) if a.stem == b.stem => (
                        p.freq.surname_stem[a.stem as usize],
                        self.u[fi][3] + self.u[fi][4],
                    ),
                    _ => return 0.0,
                }
            }
            (Field::Given, 3) => {
                let a = p.names_of(i).get(names.0).and_then(|x| x.parts[1]);
                match a {
                    Some(a) if !a.is_initial => (p.freq.given[a.folded as usize], self.u[fi][3]),
                    _ => return 0.0,
                }
            }
            (Field::BirthPlace, 2) => {
                let s = p.recs[i].birth_place;
                if s == NONE {
                    return 0.0;
                }
                (p.freq.birth_place[s as usize], self.u[fi][2])
            }
            _ => return 0.0,
        };
        if count == 0 {
            return 0.0;
        }
        let tf = f64::from(count) / n;
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
        let mut w = self.prior();
        for f in Field::ALL {
            let l = levels[f.index()];
            if l != NULL {
                w += self.weight(f, l) + self.tf_adjust(p, f, l, i, j, names);
            }
        }
        (w, probability(w))
    }
}

/// The logistic of a log2-odds weight.
pub(crate) fn probability(w: f64) -> f64 {
    1.0 / (1.0 + (-w).exp2())
}

/// Counts levels of random pairs: (counts per field and level, pairs sampled).
fn sample_u(p: &Prepared, opt: &FitOptions) -> ([[f64; MAX_LEVELS]; FIELDS], usize) {
    let n = p.len();
    let total_pairs = n.saturating_mul(n.saturating_sub(1)) / 2;
    let exhaustive = total_pairs <= opt.u_sample;
    let per_thread = if exhaustive {
        0
    } else {
        opt.u_sample.div_ceil(opt.threads.max(1))
    };
    let parts = par_chunks(
        if exhaustive { n } else { opt.threads.max(1) },
        opt.threads,
        |range| {
            let mut c = [[0.0; MAX_LEVELS]; FIELDS];
            let mut count = 0usize;
            let mut add = |l: &Levels| {
                for (f, lv) in l.iter().enumerate() {
                    if *lv != NULL {
                        c[f][usize::from(*lv)] += 1.0;
                    }
                }
            };
            if exhaustive {
                for i in range {
                    for j in i + 1..n {
                        add(&compare(p, i, j).0);
                        count += 1;
                    }
                }
            } else {
                for t in range {
                    let mut rng = SplitMix64::new(opt.seed ^ (t as u64).wrapping_mul(0x9E37));
                    for _ in 0..per_thread {
                        let i = rng.below(n);
                        let j = rng.below(n);
                        if i != j {
                            add(&compare(p, i, j).0);
                            count += 1;
                        }
                    }
                }
            }
            (c, count)
        },
    );
    let mut c = [[0.0; MAX_LEVELS]; FIELDS];
    let mut count = 0;
    for (pc, k) in parts {
        count += k;
        for f in 0..FIELDS {
            for l in 0..MAX_LEVELS {
                c[f][l] += pc[f][l];
            }
        }
    }
    (c, count)
}

/// EM for m (u fixed) over weighted patterns; masked fields are ignored. Returns m and, per
/// field, the expected number of matching pairs that had a value.
fn em(
    pats: &[(Levels, f64)],
    mask: &[bool],
    m0: &Table,
    u: &Table,
    opt: &FitOptions,
) -> (Table, [f64; FIELDS]) {
    let mut m = *m0;
    let mut lambda: f64 = 0.1;
    let mut counted = [0.0; FIELDS];
    for _ in 0..opt.em_iterations {
        let mut acc = [[0.0; MAX_LEVELS]; FIELDS];
        let mut matches = 0.0;
        let mut total = 0.0;
        for (l, c) in pats {
            let mut lm = lambda.ln();
            let mut lu = (1.0 - lambda).ln();
            for f in 0..FIELDS {
                if mask[f] || l[f] == NULL {
                    continue;
                }
                let k = usize::from(l[f]);
                lm += m[f][k].ln();
                lu += u[f][k].ln();
            }
            let r = 1.0 / (1.0 + (lu - lm).exp());
            matches += r * c;
            total += c;
            for f in 0..FIELDS {
                if !mask[f] && l[f] != NULL {
                    acc[f][usize::from(l[f])] += r * c;
                }
            }
        }
        lambda = (matches / total.max(1.0)).clamp(1e-6, 0.999);
        for f in Field::ALL {
            let fi = f.index();
            if mask[fi] {
                continue;
            }
            let k = f.levels().len();
            let sum: f64 = acc[fi][..k].iter().sum();
            counted[fi] = sum;
            for l in 0..k {
                m[fi][l] = ((acc[fi][l] + opt.prior_strength * m0[fi][l])
                    / (sum + opt.prior_strength))
                    .max(1e-6);
            }
        }
    }
    (m, counted)
}

/// EM on the prior alone, the field weights fixed.
fn fit_lambda(model: &Model, all: &std::collections::HashMap<u64, u64>) -> f64 {
    let pats: Vec<(f64, f64)> = all
        .iter()
        .map(|(k, c)| {
            let l = super::compare::unpack(*k);
            let w: f64 = Field::ALL
                .iter()
                .map(|f| model.weight(*f, l[f.index()]))
                .sum();
            (w, *c as f64)
        })
        .collect();
    let total: f64 = pats.iter().map(|(_, c)| c).sum();
    if total == 0.0 {
        return 0.01;
    }
    let mut lambda: f64 = 0.1;
    for _ in 0..50 {
        let prior = (lambda / (1.0 - lambda)).log2();
        let matches: f64 = pats.iter().map(|(w, c)| probability(prior + w) * c).sum();
        lambda = (matches / total).clamp(1e-4, 0.9);
    }
    lambda
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
    fn logistic() {
        assert!((probability(0.0) - 0.5).abs() < 1e-12);
        assert!(probability(10.0) > 0.999);
    }
}
